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

from index.langs import language
from index.ordinals import MAX_ORDINAL, ordinal_word
from index.script import HAN, han_numeral

# Body -> the acronyms and short forms delegates use, in any of the six languages (a question
# in one language often uses another's acronym); each language's name for the body is in
# ``index/langs/``.
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
_MEETING = re.compile(
    r"(?<![\w-])(?P<body>" + "|".join(f"(?P<{b}>{p})" for b, p in _ACRONYMS.items()) + r")"
    r"[\s\-‐–_.]?(?P<n>\d{1,2})(?![\dA-Za-z])"
)
# "第13次会议", "第11届会议": the report writes the ordinal in Chinese numerals.
_ZH_DIGIT_ORDINAL = re.compile(r"第\s*(\d{1,2})\s*(次|届)")
_GLUED = re.compile(f"(?<=[A-Za-z])(?=[{HAN}])|(?<=[{HAN}])(?=[A-Za-z])")


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
        extra += [f"第{han_numeral(int(n))}{kind}" for n, kind in _ZH_DIGIT_ORDINAL.findall(text)]
    return " ".join([text, *extra]) if extra else text


def resolved(meeting: Meeting, lang: str) -> str:
    # What the report calls the body, in ``lang`` (a Governing Body meets in sessions).
    name = language(lang).meeting_names[meeting.body]
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
