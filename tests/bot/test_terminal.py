"""Plain text: wrapped to the terminal's width in display columns, URLs whole, marks kept."""

import io
import os

import pytest

from bot.stdin import read_line, undecodable
from bot.terminal import STARS, _indent, paragraph_lines, render_answer, terminal_width
from bot.view import answer_view, quote_view
from bot.wrap import columns, wrap_spans

ZH = (
    "截至2025年7月20日，多边系统数据库收录约11.65万份申报的标准材料转让协定，涉及逾700万份种质"
    "材料。秘书处持续为多边系统正常运行提供支持，包括组织培训和提供咨询服务。"
)
EN = (
    "The Secretariat continued to support the proper functioning of the Multilateral System, "
    "including through training, help-desk services and the Easy-SMTA platform."
)
URL = "https://www.fao.org/plant-treaty/news/news-detail/The-Kingdom-of-Bahrain-Joins-the-Treaty/en"


def wrapped(line: str, width: int) -> list[str]:
    return [line[start:end] for start, end in wrap_spans(line, width)]


def test_cjk_characters_count_two_columns():
    assert columns("缔约方") == 6 and columns("SMTA") == 4 and columns("é") == 1
    assert columns("e\u0301") == 1  # a combining accent takes no column
    lines = wrapped(ZH, 40)
    assert len(lines) > 1 and all(columns(line) <= 40 for line in lines)
    assert max(columns(line) for line in lines) >= 38  # the lines are filled
    assert "".join(lines) == ZH  # cut between characters: nothing dropped, nothing added


def test_no_line_starts_with_closing_punctuation():
    for width in range(8, 60):
        for line in wrapped(ZH, width)[1:]:
            assert line[0] not in "，。、；：？！）》」", (width, line)


def test_latin_text_breaks_between_words():
    for width in (20, 33, 50, 79):
        lines = wrapped(EN, width)
        assert all(columns(line) <= width for line in lines)
        assert " ".join(lines) == EN and all(line == line.strip() for line in lines)


def test_a_url_is_never_broken():
    line = f"Sources: the news {URL} and more words after it"
    lines = wrapped(line, 40)
    assert URL in lines and columns(URL) > 40
    assert all(columns(other) <= 40 for other in lines if other != URL)
    assert wrapped(f"见{URL}。", 30) == ["见", f"{URL}。"]  # glued CJK punctuation stays


def test_a_long_word_that_is_not_a_url_is_cut():
    word = "x" * 25
    assert wrapped(f"a {word} b", 10) == ["a", "x" * 10, "x" * 10, "x" * 5 + " b"]


def test_a_hanging_indent_narrows_the_lines_after_the_first():
    spans = wrap_spans(EN, 30, first=40)
    lines = [EN[start:end] for start, end in spans]
    assert columns(lines[0]) <= 40 and columns(lines[0]) > 30
    assert all(columns(line) <= 30 for line in lines[1:])


def test_marks_are_kept_across_lines_and_take_no_width():
    text = f"{EN}\n{ZH}"
    start = text.index("proper")
    spans = ((start, text.index("材料") + 2),)
    lines = _indent(text, spans, STARS, 40)
    assert all(line.count("**") % 2 == 0 for line in lines)  # each line closes its marks
    plain = _indent(text, (), STARS, 40)
    assert [line.replace("**", "") for line in lines] == plain
    assert all(columns(line) <= 40 for line in plain)
    assert sum("**" in line for line in lines) >= 3  # a mark over several lines, on each


def test_terminal_width_follows_columns_else_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width() == 123
    monkeypatch.delenv("COLUMNS")

    def no_terminal(*args):
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    assert terminal_width() == 80


def test_a_chinese_answer_fits_the_width(searcher):
    result = searcher.search("缔约方总数是多少")
    for width in (40, 80):
        out = render_answer(answer_view(result, result.lang), STARS, width)
        for line in out.replace("**", "").splitlines():
            assert columns(line) <= width or "://" in line, line


@pytest.mark.parametrize("width", [30, 60, 80])
@pytest.mark.parametrize("lang", ["en", "fr", "ru", "ar"])
def test_the_citation_keeps_para_and_its_number_together(searcher, width, lang):
    library = searcher.library
    view = quote_view(library.versions(36), library.document(), lang)
    text = "\n".join(paragraph_lines(view, STARS, width))
    word = {"en": "para.", "fr": "par.", "ru": "п.", "ar": "الفقرة"}[lang]
    assert text.endswith(f"{word} 36")


def test_lines_are_decoded_one_by_one():
    stream = io.TextIOWrapper(io.BytesIO(b"para 3\r\n\xf7abc\n\xe7\xbc\x94\n"), encoding="utf-8")
    assert read_line(stream) == "para 3"
    bad = read_line(stream)
    assert isinstance(bad, UnicodeDecodeError)
    assert undecodable(bad) == "not valid UTF-8 (its byte 1 is 0xf7)"
    assert read_line(stream) == "缔" and read_line(stream) is None
