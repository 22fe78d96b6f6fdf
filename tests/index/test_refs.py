import pytest

from index.refs import find_references, find_symbols


@pytest.mark.parametrize(
    "text, expected",
    [
        ("what does para 6 say?", [6]),
        ("paragraph 26", [26]),
        ("¶26", [26]),
        ("¶ 26 and para. 27", [26, 27]),
        ("第26段讲了什么", [26]),
        ("第 26 段", [26]),
        ("¿Qué dice el párrafo 24?", [24]),
        ("paragraphe 30", [30]),
        ("О чём говорится в пункте 76?", [76]),
        ("пункт 44", [44]),
        ("الفقرة 26", [26]),
        ("ما نص الفقرة ٢٦", [26]),
        ("26", [26]),
        ("para 99", [99]),
        ("paragraph no. 7", [7]),
        ("¿Qué dice el párr. 12?", [12]),
        ("paras 26 and 27", [26, 27]),
        ("párrafos 26 y 27", [26, 27]),
        ("paragraphs 26-28", [26, 27, 28]),
        ("в пунктах 26 и 27", [26, 27]),
        ("الفقرتين 26 و27", [26, 27]),
        ("第26、27段", [26, 27]),
        ("第二十六段讲了什么", [26]),
        ("第十段", [10]),
        ("第七十七段", [77]),
        ("para 12 and 2024", [12]),
    ],
)
def test_references_in_six_languages(text, expected):
    assert find_references(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Article 13.4",
        "第5条",
        "how many SMTAs in 2025",
        "resolution 17/2023",
        "OWG-14",
        "过去一段时间秘书处做了什么",  # 一段: a stretch of time, not paragraph 1
    ],
)
def test_numbers_that_are_not_paragraph_references(text):
    assert find_references(text) == []


@pytest.mark.parametrize(
    "text, lang",
    [
        ("¿Cuál es el presupuesto para 2026-2027?", "es"),  # "para": for
        ("fondos para 44 países", "es"),
        ("ratifié par 154 pays", "fr"),  # "par": by
    ],
)
def test_para_and_par_are_words_outside_english(text, lang):
    assert find_references(text, lang) == []


def test_para_alone_or_with_a_dot_is_still_a_reference_in_any_language():
    assert find_references("para 26", "es") == [26]
    assert find_references("¿Qué dice el par. 12?", "es") == [12]
    assert find_references("what does para 5 say", "en") == [5]


@pytest.mark.parametrize(
    "text, symbols",
    [
        ("IT/GB-99/25/6 para 3", ["IT/GB-99/25/6"]),
        ("what is in para 4 of IT/GB-11/25/6/Inf.1.", ["IT/GB-11/25/6/Inf.1"]),
        ("CGRFA-19/23/3, para 2", ["CGRFA-19/23/3"]),
        ("ACSU/OWG/SFC para 3", []),  # no figure: acronyms, not a symbol
        ("2024/2025/26 para 3", []),
        ("Resolution 17/2023, para 3", []),
    ],
)
def test_document_symbols(text, symbols):
    assert find_symbols(text) == symbols
