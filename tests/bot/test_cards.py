"""Markup built in one place: escaped, within Telegram's limits, cut only between blocks."""

import dataclasses

import pytest

from bot import cards
from bot.callbacks import CardAction
from tests.fakebotapi import parse_html, utf16_len


def html_ok(text: str) -> str:
    plain, _ = parse_html(text, strict=True)
    assert utf16_len(plain) <= 4096
    return plain


@pytest.mark.parametrize("lang", ["en", "es", "fr", "zh", "ru", "ar"])
@pytest.mark.parametrize("where", [cards.PRIVATE, cards.GROUP, cards.INLINE])
def test_every_paragraph_card_is_valid_html_in_every_language(searcher, lang, where):
    for number in searcher.document().numbers:
        (message,) = cards.paragraph_card(searcher, number, lang, where, "treaty_test_bot")
        plain = html_ok(message)
        assert searcher.paragraph(number).text in plain  # the official text, verbatim


def test_the_card_says_which_version_is_official(searcher):
    (message,) = cards.paragraph_card(searcher, 26, "ru", cards.PRIVATE, "bot")
    assert "Официальный текст" in message and "Неофициальный рабочий перевод" in message


def test_outside_strings_are_escaped(searcher, monkeypatch):
    p = searcher.paragraph(26, "en")
    tricky = dataclasses.replace(p, text="<b>x</b> & <script>alert(1)</script> 5 > 3")
    real = searcher.versions

    def versions(number, doc=None):
        out = real(number, doc)
        out["en"] = tricky
        return out

    monkeypatch.setattr(searcher, "versions", versions)
    (message,) = cards.paragraph_card(searcher, 26, "en", cards.PRIVATE, "bot")
    assert "<b>x</b> & <script>alert(1)</script> 5 > 3" in html_ok(message)


def test_a_card_too_long_keeps_the_reader_version_whole(searcher, monkeypatch):
    long_text = "The Secretariat continued its work. " * 100  # ~3,600 characters
    real = searcher.versions

    def versions(number, doc=None):
        out = real(number, doc)
        out["en"] = dataclasses.replace(out["en"], text=long_text.strip())
        return out

    monkeypatch.setattr(searcher, "versions", versions)
    (message,) = cards.paragraph_card(searcher, 26, "en", cards.PRIVATE, "bot")
    plain = html_ok(message)
    assert long_text.strip() in plain
    assert searcher.paragraph(26).text not in plain  # the official text is a deep link away
    assert "?start=p26" in message


def test_a_quote_longer_than_a_message_is_split_between_sentences():
    quote = "Sentence number one. " * 400
    block = "<i>label</i>\n" + f"<blockquote expandable>{cards.esc(quote)}</blockquote>"
    messages = cards.pack_blocks(["<b>¶1</b>", block, "<b>Sources</b>"])
    assert len(messages) >= 3
    joined = ""
    for message in messages:
        joined += html_ok(message)
    assert joined.count("Sentence number one.") == 400


def test_keyboards_fit_callback_limits(searcher):
    action = CardAction("go", 77, (77, 76, 75, 74), "ar", "abcdef12")
    for where in (cards.PRIVATE, cards.GROUP):
        for expanded in (False, True):
            markup = cards.card_keyboard(searcher, action, where, expanded)
            for row in markup.inline_keyboard:
                for button in row:
                    assert len(button.callback_data.encode()) <= 64
    labels = [
        b.text
        for row in cards.card_keyboard(searcher, action, cards.PRIVATE, True).inline_keyboard
        for b in row
    ]
    assert "◀ ¶76" in labels and not any(label.endswith("▶") for label in labels)


def test_preview_is_the_first_words():
    assert cards.preview(
        "one two three four five six seven eight nine ten eleven twelve thirteen"
    ) == ("one two three four five six seven eight nine ten eleven twelve…")
    assert (
        cards.preview("秘书处持续为多边系统正常运行提供支持。")
        == "秘书处持续为多边系统正常运行提供支持。"
    )
