"""The shorthand delegates type for a meeting ("OWG-13", "ACSU 10", "GB11", "CdP16", "第13次会议"),
resolved to the words the report uses for it ("thirteenth meeting of the Working Group").

The report never writes "OWG-13": it names the body and the meeting's ordinal. A question's
shorthand is therefore expanded, in the question's language and in Chinese, into what BM25 and
the encoder can meet in the text. Latin words glued to Chinese ("GLIS门户") are split first, so
the glossary sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.ordinals import MAX_ORDINAL, ordinal_word, zh_numeral

# Body -> the acronyms and short forms delegates use, in any of the six languages.
_ACRONYMS = {
    "owg": r"OE?WG(?:-EFMLS)?|GTCA|GTEA|GTCNL|GTEL|РГОС|РГ",
    "acsu": r"ACSU|CTCUS|CTSCUD",
    "sfc": r"SFC|CPEF|CPSF",
    "cc": r"CC|CdC|CdA",
    "gb": r"GB|OR|OD|РО",
    "cop": r"COP|CoP|CdP|КС",
    "sac": r"SAC(?:-GLIS)?|GLIS\s*SAC",
    "tegfr": r"AHTEG(?:-FR)?|TEG-?FR",
}
# What the report calls each body, short, per language; a Governing Body meets in sessions.
_NAMES = {
    "owg": {
        "en": "meeting of the Working Group",
        "es": "reunión del Grupo de Trabajo",
        "fr": "réunion du Groupe de travail",
        "ru": "совещание Рабочей группы",
        "ar": "الاجتماع للفريق العامل",
        "zh": "会议 工作组",
    },
    "acsu": {
        "en": "meeting of the Technical Committee on Conservation and Sustainable Use",
        "es": "reunión del Comité Técnico Especial sobre Conservación y Utilización Sostenible",
        "fr": "réunion du Comité technique spécial sur la conservation et l'utilisation durable",
        "ru": "совещание технического комитета по сохранению и устойчивому использованию",
        "ar": "الاجتماع للجنة الفنية المعنية بالصون والاستخدام المستدام",
        "zh": "会议 保护和可持续利用特设技术委员会",
    },
    "sfc": {
        "en": "meeting of the Funding Committee",
        "es": "reunión del Comité de Financiación",
        "fr": "réunion du Comité de financement",
        "ru": "совещание Комитета по финансированию",
        "ar": "الاجتماع للجنة التمويل",
        "zh": "会议 筹资委员会",
    },
    "cc": {
        "en": "meeting of the Compliance Committee",
        "es": "reunión del Comité de Cumplimiento",
        "fr": "réunion du Comité d'application",
        "ru": "совещание Комитета по соблюдению",
        "ar": "الاجتماع للجنة الامتثال",
        "zh": "会议 履约委员会",
    },
    "gb": {
        "en": "session of the Governing Body",
        "es": "reunión del Órgano Rector",
        "fr": "session de l'Organe directeur",
        "ru": "сессия Руководящего органа",
        "ar": "الدورة للهيئة الرئاسية",
        "zh": "届会议 管理机构",
    },
    "cop": {
        "en": "meeting of the Conference of the Parties",
        "es": "reunión de la Conferencia de las Partes",
        "fr": "réunion de la Conférence des Parties",
        "ru": "совещание Конференции Сторон",
        "ar": "الاجتماع لمؤتمر الأطراف",
        "zh": "届会议 缔约方大会",
    },
    "sac": {
        "en": "meeting of the Scientific Advisory Committee on the Global Information System",
        "es": "reunión del Comité Asesor Científico sobre el Sistema Mundial de Información",
        "fr": "réunion du Comité consultatif scientifique sur le Système mondial d'information",
        "ru": "совещание Научно-консультативного комитета по Глобальной информационной системе",
        "ar": "الاجتماع للجنة الاستشارية العلمية المعنية بالنظام العالمي للمعلومات",
        "zh": "会议 全球信息系统科学咨询委员会",
    },
    "tegfr": {
        "en": "meeting of the Expert Group on Farmers' Rights",
        "es": "reunión del Grupo de Expertos sobre los Derechos del Agricultor",
        "fr": "réunion du Groupe d'experts sur les droits des agriculteurs",
        "ru": "совещание Группы экспертов по правам фермеров",
        "ar": "الاجتماع لفريق الخبراء المعني بحقوق المزارعين",
        "zh": "会议 农民权利特设技术专家组",
    },
}
_MEETING = re.compile(
    r"(?<![\w-])(?P<body>" + "|".join(f"(?P<{b}>{p})" for b, p in _ACRONYMS.items()) + r")"
    r"[\s\-‐–_.]?(?P<n>\d{1,2})(?![\dA-Za-z])"
)
# "第13次会议", "第11届会议": the report writes the ordinal in Chinese numerals.
_ZH_DIGIT_ORDINAL = re.compile(r"第\s*(\d{1,2})\s*(次|届)")
_GLUED = re.compile(
    r"(?<=[A-Za-z])(?=[\u3400-\u9fff\uf900-\ufaff])|(?<=[\u3400-\u9fff\uf900-\ufaff])(?=[A-Za-z])"
)


@dataclass(frozen=True)
class Meeting:
    body: str
    number: int


def split_glued(text: str) -> str:
    """A space between Latin letters and Chinese characters written together."""
    return _GLUED.sub(" ", text)


def meetings(text: str) -> list[Meeting]:
    """The meetings a question names in shorthand: a body's acronym and a number."""
    found = []
    for m in _MEETING.finditer(text):
        n = int(m.group("n"))
        body = next(b for b in _ACRONYMS if m.group(b))
        if 1 <= n <= MAX_ORDINAL:
            found.append(Meeting(body, n))
    return list(dict.fromkeys(found))


def expand(text: str, lang: str) -> str:
    """``text`` with each meeting shorthand followed by the report's words for it in ``lang``,
    and Chinese digit ordinals (第13次) followed by their numerals (第十三次)."""
    text = split_glued(text)
    extra = [resolved(m, lang) for m in meetings(text)]
    if lang == "zh":
        extra += [f"第{zh_numeral(int(n))}{kind}" for n, kind in _ZH_DIGIT_ORDINAL.findall(text)]
    return " ".join([text, *extra]) if extra else text


def resolved(meeting: Meeting, lang: str) -> str:
    name = _NAMES[meeting.body].get(lang) or _NAMES[meeting.body]["en"]
    # A session (الدورة) is feminine in Arabic: الحادية عشرة, not الحادي عشر.
    ordinal = ordinal_word(meeting.number, lang, feminine=meeting.body == "gb")
    if lang == "zh":
        # 第十三次会议 / 第十一届会议: the name holds the measure word's noun.
        counter, _, body = name.partition(" ")
        return f"{body}{ordinal.rstrip('次')}{'届' if counter.startswith('届') else '次'}会议"
    if lang == "ar":
        noun, _, body = name.partition(" ")
        return f"{noun} {ordinal} {body}"
    return f"{ordinal} {name}"
