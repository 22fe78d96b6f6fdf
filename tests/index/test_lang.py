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
