import pytest

from index.refs import find_references


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
    ],
)
def test_references_in_six_languages(text, expected):
    assert find_references(text) == expected


@pytest.mark.parametrize(
    "text", ["Article 13.4", "第5条", "how many SMTAs in 2025", "resolution 17/2023", "OWG-14"]
)
def test_numbers_that_are_not_paragraph_references(text):
    assert find_references(text) == []
