import pytest

from index.lang import detect_lang


@pytest.mark.parametrize(
    "text, lang",
    [
        ("How many SMTAs have been reported?", "en"),
        ("¿Cuántos ANTM se han notificado?", "es"),
        ("Combien d'ATTM ont été signés ?", "fr"),
        ("标准材料转让协定有多少份", "zh"),
        ("Сколько ССПМ было зарегистрировано?", "ru"),
        ("كم عدد الاتفاقات الموحدة لنقل المواد؟", "ar"),
        ("GLIS 科学咨询委员会 DOI 推广", "zh"),
        ("GLIS Genesys EURISCO WIEWS интеграция портал", "ru"),
    ],
)
def test_six_languages(text, lang):
    assert detect_lang(text) == lang


def test_no_signal_falls_back_to_the_hint():
    assert detect_lang("GLIS", default="fr") == "fr"
    assert detect_lang("🙂🙂", default="es") == "es"
    assert detect_lang("") == "en"


VOCABULARIES = {
    "en": frozenset("the meetings of the funding committee were held online".split()),
    "es": frozenset("las reuniones del comité de financiación se celebraron en línea".split()),
    "fr": frozenset("les réunions du comité de financement se sont tenues en ligne".split()),
}


def test_keywords_are_told_apart_by_the_words_only_one_version_holds():
    # Few function words, and "comité" is both Spanish and French: the vocabulary tells.
    assert detect_lang("réunions comité financement", "en", VOCABULARIES) == "fr"
    assert detect_lang("reuniones comité financiación", "en", VOCABULARIES) == "es"
    # Common words are not counted twice: a lone "para" stays with the hint.
    assert detect_lang("para 99", "en", VOCABULARIES | {"es": frozenset({"para"})}) == "en"


def test_searcher_tells_a_french_keyword_query(searcher):
    assert searcher.search("calendrier réunions comité financement").lang == "fr"


def test_a_hint_outside_the_six_languages_reads_as_english():
    # A Telegram language_code such as "de": every later stage needs one of the six.
    assert detect_lang("GLIS", default="de") == "en"
