"""What a question asks for (a count or amount, a date, a place, a document, a person) and
what a paragraph gives.

A question that asks "how many", "when", "in which document" or "who is the chair" is not
answered by a paragraph that holds no figure, no date, no document symbol or no person's name,
however close its topic ("How much did Norway give?" against the paragraph that thanks Norway):
the abstention model reads that mismatch, and among close paragraphs the one that gives the kind
of answer asked ranks a little higher. A question on what the Governing Body is asked to do is
answered by the paragraph that opens with the document's invitation formula. Interrogatives in
the six languages.
"""

from __future__ import annotations

import re
import unicodedata

COUNT = "count"
DATE = "date"
DOCUMENT = "document"
PERSON = "person"
PLACE = "place"
DECISION = "decision"

_GB = r"(?:governing body|gb|órgano rector|organe directeur|руководящ\w* орган\w*|الهيئة الرئاسية)"

_ROLE_EN = (
    r"(?:co-?)?(?:chair(?:person|man|woman)?s?|president|secretary|director(?:-general)?|head"
    r"|minister|rapporteur)"
)

_ASKS = {
    COUNT: re.compile(
        r"\bhow (?:much|many)\b|\bwhat (?:is the |was the )?(?:number|amount|total)\b"
        r"|\bcu[aá]nt[oa]s?\b|\bqu[eé] (?:cantidad|monto|n[uú]mero)\b"
        r"|\bcombien\b|\bquel(?:le)? (?:est le |est la |était le )?(?:nombre|montant|total)\b"
        r"|\bсколько\b|\bкаков[аоы]? (?:число|количество|сумма|объ[её]м)\b"
        r"|\bкакое (?:число|количество)\b"
        r"|(?:^|\s)[بو]?كم\b|\bما (?:هو |هي )?(?:عدد|مقدار|حجم|مبلغ)"
        # "哪几家" asks which ones and "第几项" which one, not how many.
        r"|多少|(?<![哪第])几(?:个|名|份|项|次|人|位|家|年)|数量|总额|总数|人数",
        re.IGNORECASE,
    ),
    DATE: re.compile(
        r"\bwhen\b|\b(?:what|which) (?:date|year|month|day)\b"
        r"|\bcu[aá]ndo\b|\bqu[eé] (?:fecha|a[nñ]o|mes|d[ií]a)\b"
        r"|\bquand\b|\bquel(?:le)? (?:date|ann[ée]e|mois|jour)\b"
        r"|\bкогда\b|\bв каком (?:году|месяце)\b|\bкакого числа\b|\bкак(?:ая|ой) дат"
        r"|متى|في أي (?:عام|سنة|شهر|تاريخ|يوم)|ما (?:هو )?تاريخ"
        r"|什么时候|何时|哪一?年|哪一?天|几月|哪个月|日期|什么时间",
        re.IGNORECASE,
    ),
    DOCUMENT: re.compile(
        r"\b(?:which|what) (?:document|report)\b|\bqu[eé] (?:documento|informe)\b"
        r"|\bquel(?:le)? (?:document|rapport)\b|\bкак(?:ой|ом|ого) (?:документ|доклад)"
        r"|أي (?:وثيقة|تقرير)|哪(?:一|个)?(?:份|个)?(?:文件|报告)|什么文件",
        re.IGNORECASE,
    ),
    # A place: where a meeting was held, which city hosted it.
    PLACE: re.compile(
        r"\bwhere\b|\bin (?:which|what) (?:city|country|town|venue)\b|\bwhich (?:city|country) "
        r"(?:hosted|held)|\bvenue\b"
        r"|\bd[oó]nde\b|\ben qu[eé] (?:ciudad|pa[ií]s|lugar)\b|\bqu[eé] (?:ciudad|pa[ií]s) "
        r"(?:acogi|fue sede)|\bsede\b"
        r"|\bo[uù] (?:s'est|se sont|a eu|ont eu|se tien|se déroul|se deroul|a été|était)"
        r"|\bo[uù]\b.{0,20}\btenue?s?\b|\bdans quelle (?:ville|pays)\b"
        r"|\bquel(?:le)? (?:ville|pays) (?:a accueilli|accueill)|\bquel lieu\b"
        r"|\bгде\b|\bв каком (?:городе|месте|стране)\b|\bкакой город\b|\bместо проведения\b"
        r"|أين|في أي (?:مدينة|بلد|دولة|مكان)|مكان انعقاد"
        r"|哪里|哪儿|在哪(?:举行|召开|开|办)|哪座城市|哪个城市|哪个国家|何地|地点|举办地",
        re.IGNORECASE,
    ),
    # A person in office (who chairs, who was elected, the Secretary's name); not "who did X",
    # which a body or a country answers.
    PERSON: re.compile(
        rf"\bwho (?:is|are|was|were) (?:the )?(?:current |new )?{_ROLE_EN}\b"
        r"|\bwho (?:was|were|has been|have been) (?:elected|appointed)\b"
        r"|\bwho (?:chairs|chaired|co-?chairs|co-?chaired|presides|presided)\b"
        rf"|\bnames? of the (?:current |new )?{_ROLE_EN}\b"
        r"|\bqui[eé]n(?:es)? (?:es|son|era|fue|fueron) (?:el|la|los|las) (?:actual(?:es)? )?"
        r"(?:co-?)?(?:president|secretari[oa]\b|director|jef|copresident)"
        r"|\bqui[eé]n(?:es)? (?:fue|fueron|ha sido|han sido) (?:elegid|nombrad|designad)"
        r"|\bqui[eé]n(?:es)? (?:preside|presidi[oó]|copreside|copresidi[oó])\b"
        r"|\b(?:c[oó]mo se llama|nombre del?) (?:la |el )?(?:actual )?"
        r"(?:secretari[oa]\b|president|director)"
        r"|\bqui (?:est|sont|était|étaient) (?:le |la |les |l')"
        r"(?:actuel(?:le)? |nouveau |nouvelle )?"
        r"(?:co-?)?(?:présiden|secrétaire|directeur|directrice|chef|coprésiden)"
        r"|\bqui (?:a été|ont été) (?:élu|nommé|désigné)"
        r"|\bqui (?:préside|présidait|a présidé|copréside|coprésid)"
        r"|\b(?:comment s'appelle|nom du) (?:le |la )?(?:secrétaire|président|directeur)"
        r"|\bкто (?:является |был |была |были )?"
        r"(?:сопредседател|председател|секретар(?!иат)|директор|генеральн|глав|руководител)"
        r"|\bкто (?:возглавляет|председательствует|председательствовал|избран|был избран|назначен)"
        r"|\bкак зовут\b|\bимя (?:секретар(?!иат)|председател|директор)"
        r"|من (?:هو|هي|هم) (?:ال)?(?:رئيس|أمين|الأمين|مدير|المدير|رؤساء)"
        r"|من (?:يرأس|ترأس|انتخب|انتُخب|عين)|ما اسم (?:ال)?(?:رئيس|أمين|مدير)"
        r"|(?:主席|秘书|总干事|主任|负责人|部长)(?:是谁|叫什么|姓名)|谁(?:当选|担任|出任|主持)",
        re.IGNORECASE,
    ),
    # What the document asks of the Governing Body: its "Guidance sought", "is invited to".
    DECISION: re.compile(
        # Passive only: "the Governing Body is invited to", not "a resolution of the Governing
        # Body requested the Secretary to".
        rf"\b{_GB} (?:is|are|was|were|being|has been|have been)(?: being)? "
        r"(?:asked|invited|requested|expected) to\b"
        rf"|\b(?:asked|requested|expected|sought) (?:of|from) the {_GB}"
        r"|\bguidance (?:is |being )?sought\b"
        rf"|\b(?:action|decision)s? (?:is |are )?(?:required|requested|sought|expected) "
        rf"(?:of|from|by) the {_GB}"
        rf"|\bwhat (?:should|must|does|will) the {_GB} (?:do|decide)\b"
        rf"|\bse (?:le )?(?:pide|invita|solicita) al {_GB}|\bqu[eé] (?:debe|deber[aá]) "
        rf"(?:hacer|decidir) el {_GB}|\borientaci[oó]n (?:que )?se solicita"
        rf"|\b(?:demande|attend)(?:-t-on)? (?:à|de) l'{_GB}|\bl'{_GB} est (?:invité|prié)"
        rf"|\bque doit (?:faire|décider) l'{_GB}|\bindications demandées"
        rf"|\b{_GB}\s+предлагается|\bпредлагается\s+(?:сделать\s+)?{_GB}"
        rf"|\bчто (?:должен|просят) (?:сделать )?{_GB}|испрашиваемые"
        rf"|(?:المطلوب|مطلوب|يطلب|يُطلب) من {_GB}|{_GB} مدعوة|التوجيهات المطلوبة"
        r"|提请管理机构|征求指导|(?:请|需要|要求)管理机构.{0,8}(?:做|决定|审议|采取)"
        r"|管理机构.{0,6}(?:需要|应该|应当|要)(?:做|决定)",
        re.IGNORECASE,
    ),
}

_RESOLUTION = r"\d+/\d{4}"  # 17/2023
_YEAR_RANGE = r"(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2,4}\s*年?"  # the biennium, 2024-2025
# Digits that are not a count or an amount: document and resolution symbols, years and year
# ranges, days and months, ordinals, annex, agenda item and article numbers.
_NOT_A_COUNT = re.compile(
    r"[A-Za-z][A-Za-z0-9./-]*\d[A-Za-z0-9./-]*"
    r"|\d+(?:\.\d+)*\s*号"
    rf"|{_RESOLUTION}|{_YEAR_RANGE}"
    r"|(?:19|20)\d{2}\s*年?"
    r"|\d{1,2}(?:\s*[-–至]\s*\d{1,2})?\s*[月日]"
    r"|(?:第|附件|议题)\s*\d+(?:\.\d+)*"
    r"|\d+(?:\.\d+)*\s*条"
)
# Small counts are written in Chinese numerals ("两次罗马线下会议", two meetings in Rome); not
# ordinals (第十次), and "一" only in "一次", since "一个/一份/一场" mostly mean "a".
_HAN_COUNT = re.compile(
    r"(?<![第一二三四五六七八九十百千两])(?:[两二三四五六七八九十百千][一二三四五六七八九十百千]*|一(?=次))"
    r"(?:个|名|份|项|次|家|位|场|轮|种|类|批)"
)
_NOT_A_DATE = re.compile(f"{_RESOLUTION}|{_YEAR_RANGE}")
_DATE = re.compile(r"\d{1,2}\s*月|(?:19|20)\d{2}\s*年")
# A document symbol, or a report named by its title (《…报告》, 《…》第三份报告).
_DOCUMENT = re.compile(r"IT/GB-|\d\s*号文件|《[^》]*报告》|》第[一二三四五六七八九十]+份报告")
# A meeting held online has its answer to "where".
_ONLINE = re.compile(r"线上|在线|网上|网络会议|视频会议")
# A person is named with a title or an honorific; the report names offices, never holders.
_PERSON = re.compile(r"先生|女士|博士|阁下|教授|大使")
# The formula that opens what a document asks of the Governing Body ("The GB is invited to:").
_DECISION = re.compile(r"提请管理机构")


# "Where can I read/find ..." asks for a document or a page, not a place.
_WHERE_TO_READ = re.compile(
    r"\b(?:read|find|see|look|learn|consult|available|published)\b"
    r"|\b(?:leer|encontrar|consultar|ver)\b|\b(?:lire|trouver|consulter|voir)\b"
    r"|найти|прочитать|прочесть|ознакомиться|посмотреть"
    r"|يمكن(?:ني)? (?:الاطلاع|قراءة|العثور|إيجاد)|أجد"
    r"|查阅|查看|看到|找到|读到|了解更多",
    re.IGNORECASE,
)


def asked(question: str) -> frozenset[str]:
    """The kinds of answer the question asks for (empty for most questions)."""
    text = unicodedata.normalize("NFKC", question)
    kinds = {kind for kind, pattern in _ASKS.items() if pattern.search(text)}
    if PLACE in kinds and _WHERE_TO_READ.search(text):
        kinds.discard(PLACE)
    return frozenset(kinds)


def given(official_text: str, places: tuple[str, ...] = ()) -> frozenset[str]:
    """The kinds of answer a paragraph's official (Chinese) text holds: a figure that counts
    something (in digits or in Chinese numerals), a date (a month, or a year that is not the
    biennium's range), a place (one of ``places``, the glossary's Chinese place names, or
    "online"), a document symbol or a report's title, a person's name, what the Governing Body
    is invited to do."""
    kinds = set()
    if _ONLINE.search(official_text) or any(place in official_text for place in places):
        kinds.add(PLACE)
    if re.search(r"\d", _NOT_A_COUNT.sub(" ", official_text)) or _HAN_COUNT.search(official_text):
        kinds.add(COUNT)
    if _DATE.search(_NOT_A_DATE.sub(" ", official_text)):
        kinds.add(DATE)
    if _DOCUMENT.search(official_text):
        kinds.add(DOCUMENT)
    if _PERSON.search(official_text):
        kinds.add(PERSON)
    if _DECISION.search(official_text):
        kinds.add(DECISION)
    return frozenset(kinds)
