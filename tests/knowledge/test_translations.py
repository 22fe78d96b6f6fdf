"""The working translations stay faithful to the official text: every paragraph present, every
figure written in digits kept (after each language's number format), every month named, every
document symbol verbatim, and each file in the language it claims."""

from __future__ import annotations

import json
import re

import pytest

from index.lang import detect_lang
from index.parse import parse_report
from index.versions import read_version_file
from tests.conftest import REPORT

META = json.loads((REPORT / "meta.json").read_text(encoding="utf-8"))
WORKING = [lang for lang, v in META["versions"].items() if not v["official"]]
OUTLINE = json.loads((REPORT / "outline.json").read_text(encoding="utf-8"))
OFFICIAL = {
    int(b.key): b.text
    for b in parse_report((REPORT / "zh.txt").read_text(encoding="utf-8"), OUTLINE).blocks
    if b.kind == "paragraph"
}
MONTHS = {
    "en": "january february march april may june july august september october november december",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # Stems: Russian months decline (в ноябре, 1-3 октября).
    "ru": "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}
SYMBOL = re.compile(r"IT/GB-\d+/\d+/[\dA-Za-z./]*[\dA-Za-z]")
WAN = re.compile(r"(\d+(?:\.\d+)?)万")
MONTH = re.compile(r"(\d{1,2})(?:-(\d{1,2}))?月")
ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def expected(zh: str) -> tuple[list[str], list[int], list[str]]:
    """Digit runs (万 figures converted, months set aside), month numbers, document symbols."""
    symbols = SYMBOL.findall(zh)
    text = SYMBOL.sub(" ", zh)
    months: list[int] = []
    for m in MONTH.finditer(text):
        months.extend(int(g) for g in m.groups() if g)
    text = MONTH.sub(" ", text)
    text = WAN.sub(lambda m: " " + str(round(float(m.group(1)) * 10000)) + " ", text)
    return re.findall(r"\d+(?:\.\d+)?", text), months, symbols


def normalise(text: str) -> str:
    """Both sides in one form: Western digits, thousands separators (, . space) removed."""
    text = text.translate(ARABIC_INDIC).replace("٬", ",").replace("٫", ".")
    return re.sub(r"(?<=\d)[,.\u00a0\u202f ](?=\d{3}(?!\d))", "", text)


@pytest.fixture(scope="module", params=WORKING)
def version(request):
    lang = request.param
    path = REPORT / META["versions"][lang]["file"]
    return lang, path.name, read_version_file(path)


def test_every_paragraph_present_and_not_empty(version):
    lang, name, text = version
    assert sorted(text.paragraphs) == sorted(OFFICIAL), f"{name}: paragraphs differ"
    empty = [n for n, p in text.paragraphs.items() if not p.strip()]
    assert not empty, f"{name}: empty paragraph(s) {empty}"


def drift(name: str, lang: str, paragraphs: dict[int, str]) -> list[str]:
    """One line per figure, month or symbol of the official text missing from a translation."""
    names = MONTHS[lang].split()
    problems = []
    for number, zh in OFFICIAL.items():
        translated = normalise(paragraphs[number])
        digits = re.findall(r"\d+(?:\.\d+)?", translated)
        figures, months, symbols = expected(zh)
        for figure in figures:
            if figure not in digits:
                problems.append(f"{name} ¶{number}: number {figure} missing")
        for month in months:
            if names[month - 1] not in translated.lower():
                problems.append(f"{name} ¶{number}: month {month} ({names[month - 1]}) missing")
        for symbol in symbols:
            if symbol not in paragraphs[number]:
                problems.append(f"{name} ¶{number}: document symbol {symbol} missing")
    return problems


def test_numbers_months_and_symbols_kept(version):
    lang, name, text = version
    problems = drift(name, lang, text.paragraphs)
    assert not problems, "\n".join(problems)


def test_file_is_in_the_language_it_claims(version):
    lang, name, text = version
    wrong = [n for n, p in text.paragraphs.items() if detect_lang(p, default=lang) != lang]
    assert len(wrong) <= 3, f"{name}: paragraphs {wrong} do not read as {lang}"


def test_headings_translated(version):
    lang, name, text = version
    assert set(text.headings) == {h["id"] for h in OUTLINE["headings"]}, name


def test_the_check_names_file_paragraph_and_number_when_a_translation_drifts():
    paragraphs = read_version_file(REPORT / "en.txt").paragraphs
    drifted = dict(paragraphs)
    drifted[26] = paragraphs[26].replace("116,500", "116,000").replace("July", "June")
    drifted[3] = paragraphs[3].replace("IT/GB-11/25/6", "IT/GB-11/25/7")
    assert drift("en.txt", "en", drifted) == [
        "en.txt ¶3: document symbol IT/GB-11/25/6 missing",
        "en.txt ¶26: number 116500 missing",
        "en.txt ¶26: month 7 (july) missing",
    ]


def test_official_figures_are_read_as_the_check_expects():
    figures, months, symbols = expected(
        "截至2025年7月20日，收录约11.65万份，详见IT/GB-11/25/9.1号文件"
    )
    assert figures == ["2025", "20", "116500"] and months == [7]
    assert symbols == ["IT/GB-11/25/9.1"]
    assert "116500" in normalise("116 500 and 116,500 and 116.500")
