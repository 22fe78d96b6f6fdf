import numpy as np

from index.lexical import LexicalIndex, normalize, stem, tokenize


def test_wan_figures_and_thousands_separators_become_one_number():
    assert "116500" in tokenize("约11.65万份", "zh")
    assert "96000" in tokenize("访问量达9.6万次", "zh")
    for text in ("116,500", "116.500", "116 500", "116\u00a0500"):
        assert tokenize(text, "en") == ["116500"]
    assert tokenize("article 13.4", "en") == ["article", "13.4"]
    assert tokenize("2024-2025", "es") == ["2024", "2025"]


def test_chinese_words_and_bigrams():
    tokens = tokenize("标准材料转让协定", "zh")
    assert "标准" in tokens and "材料" in tokens and "转让" in tokens
    assert "料转" in tokens  # a bigram jieba's segmentation would not give
    assert "料转" not in tokenize("标准材料转让协定", "zh", bigrams=False)


def test_accents_case_and_light_stemming():
    assert tokenize("Córdoba SMTAs", "es") == ["cordoba", "smta"]
    assert tokenize("Les réunions", "fr") == ["reunion"]
    assert stem("countries", "en") == "country"
    assert tokenize("Многосторонней системы", "ru") == tokenize("многосторонняя система", "ru")
    # A question's verb and the report's participle: "who approved" finds "was approved".
    assert tokenize("одобрил", "ru") == tokenize("одобрен", "ru")


def test_arabic_letters_unified_and_digits_western():
    assert normalize("أإآ ة ى ١٢٣", "ar") == "ااا ه ي 123"
    assert tokenize("المعاهدة", "ar") == tokenize("معاهده", "ar")


def test_stopwords_dropped():
    assert tokenize("what is the SMTA", "en") == ["smta"]
    assert tokenize("什么是惠益分享基金", "zh")[0] == "惠益"


def test_bm25_scores_follow_texts():
    index = LexicalIndex.build(
        "en", ["olive germplasm bank", "seed laws workshop", "olive council"]
    )
    scores = index.scores(tokenize("olive bank", "en"))
    assert int(np.argmax(scores)) == 0 and scores[1] == 0
    assert not index.scores(["unknownword"]).any()
    assert not index.scores([]).any()
