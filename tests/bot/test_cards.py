"""Markup built in one place: escaped, within Telegram's limits, cut only between blocks."""

import dataclasses

import pytest

from bot import cards, keyboards
from bot.callbacks import CardAction, Signer
from bot.i18n import t
from bot.view import answer_view, quote_view
from tests.fake import bold_texts, parse_html, utf16_len

SIGNER = Signer.from_salt(bytes(32))


def paragraph_card(searcher, number, lang, where, username, marks=None):
    """A paragraph's card, as the bot builds it for /para or a button (through
    ``searcher.versions``, which some tests replace)."""
    view = quote_view(searcher.versions(number), searcher.document(), lang, marks)
    return cards.paragraph_card(view, where, username)


def paragraph_action_card(searcher, action, where, username, expanded):
    library = searcher.library
    view = quote_view(library.versions(action.number), library.document(), action.lang)
    return cards.paragraph_action_card(view, action, where, username, expanded, SIGNER)


def answer(searcher, result, lang, where, username, owner):
    """The reply to a search result, as the bot builds it."""
    return cards.answer(answer_view(result, lang), where, username, owner, SIGNER)


def html_ok(text: str) -> str:
    plain, _ = parse_html(text, strict=True)
    assert utf16_len(plain) <= 4096
    return plain


@pytest.mark.parametrize("lang", ["en", "es", "fr", "zh", "ru", "ar"])
@pytest.mark.parametrize("where", [cards.PRIVATE, cards.GROUP, cards.INLINE])
def test_every_paragraph_card_is_valid_html_in_every_language(searcher, lang, where):
    for number in searcher.document().numbers:
        (message,) = paragraph_card(searcher, number, lang, where, "treaty_test_bot")
        plain = html_ok(message)
        assert searcher.paragraph(number).text in plain  # the official text, verbatim


def test_the_card_says_which_version_is_official(searcher):
    (message,) = paragraph_card(searcher, 26, "ru", cards.PRIVATE, "bot")
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
    (message,) = paragraph_card(searcher, 26, "en", cards.PRIVATE, "bot")
    assert "<b>x</b> & <script>alert(1)</script> 5 > 3" in html_ok(message)


def test_a_card_too_long_keeps_the_reader_version_whole(searcher, monkeypatch):
    long_text = "The Secretariat continued its work. " * 102  # ~3,700 characters
    real = searcher.versions

    def versions(number, doc=None):
        out = real(number, doc)
        out["en"] = dataclasses.replace(out["en"], text=long_text.strip())
        return out

    monkeypatch.setattr(searcher, "versions", versions)
    (message,) = paragraph_card(searcher, 26, "en", cards.PRIVATE, "bot")
    plain = html_ok(message)
    assert long_text.strip() in plain
    assert searcher.paragraph(26).text not in plain  # the official text is a deep link away
    assert "?start=gb11-work-programme-p26" in message


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
    library = searcher.library
    action = CardAction("go", 77, (77, 76, 75, 74), "ar", "abcdef12", library.primary.id)
    numbers = quote_view(library.versions(77), library.primary, "ar")
    for compact in (False, True):  # a group card at first; any other card
        markup = keyboards.card_keyboard(numbers, action, compact, SIGNER)
        for row in markup.inline_keyboard:
            for button in row:
                assert len(button.callback_data.encode()) <= 64
    labels = [
        b.text
        for row in keyboards.card_keyboard(numbers, action, False, SIGNER).inline_keyboard
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


QUESTION = "How many SMTAs have been reported so far?"
EN_SENTENCE = "As of 20 July 2025, the Multilateral System database contained approximately"
ZH_SENTENCE = "截至2025年7月20日，多边系统数据库收录约11.65万份申报的标准材料转让协定"


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return (start, start + len(part))


def with_highlights(result, **highlights):
    """The search result with its best hit's spans set by hand (the retrieval side's job)."""
    best = dataclasses.replace(result.hits[0], highlights=highlights)
    return dataclasses.replace(result, hits=(best, *result.hits[1:]))


def marked_result(searcher, question=QUESTION):
    en, zh = searcher.paragraph(26, "en").text, searcher.paragraph(26).text
    en_span = span_of(en, EN_SENTENCE)
    en_span = (en_span[0], en.index(".", en_span[1]) + 1)  # the whole sentence
    zh_span = span_of(zh, ZH_SENTENCE)
    zh_span = (zh_span[0], zh.index("。", zh_span[1]) + 1)
    result = with_highlights(searcher.search(question), en=(en_span,), zh=(zh_span,))
    return result, en[slice(*en_span)], zh[slice(*zh_span)]


def test_an_answer_card_marks_the_answering_sentences_in_both_versions(searcher):
    result, en, zh = marked_result(searcher)
    assert result.hits[0].number == 26 and not result.abstained
    private = answer(searcher, result, "en", cards.PRIVATE, "bot", "abcdef12")
    (message,) = private.messages
    html_ok(message)
    assert bold_texts(message) == ["¶26", zh, en, "Sources"]  # official first in private
    group = answer(searcher, result, "en", cards.GROUP, "bot", "abcdef12")
    assert bold_texts(group.messages[0]) == ["¶26", en, zh, "Sources"]
    # A language without spans is shown unmarked.
    french = answer(searcher, result, "fr", cards.PRIVATE, "bot", "abcdef12")
    assert bold_texts(french.messages[0]) == ["¶26", zh, "Sources"]


def test_a_paragraph_asked_for_by_number_is_not_marked(searcher):
    p = searcher.paragraph(26, "en").text
    result = with_highlights(searcher.search("para 26"), en=((0, 20),), zh=((0, 5),))
    assert result.refs == (26,)
    (message,) = answer(searcher, result, "en", cards.PRIVATE, "bot", "abcdef12").messages
    assert bold_texts(message) == ["¶26", "Sources"] and p in html_ok(message)
    action = CardAction("go", 26, (26,), "en", "abcdef12", searcher.library.primary.id)
    (shown,) = paragraph_action_card(searcher, action, cards.PRIVATE, "bot", True).messages
    assert bold_texts(shown) == ["¶26", "Sources"]


def replaced_english(searcher, monkeypatch, text: str) -> None:
    """Every English version reads ``text``: looked up by number, and in the hits a search
    returns (which carry their versions)."""
    real_versions, real_search = searcher.versions, searcher.search

    def english(versions: dict) -> dict:
        return {**versions, "en": dataclasses.replace(versions["en"], text=text)}

    def search(*args, **kwargs):
        result = real_search(*args, **kwargs)
        hits = tuple(dataclasses.replace(h, versions=english(h.versions)) for h in result.hits)
        return dataclasses.replace(result, hits=hits)

    monkeypatch.setattr(
        searcher, "versions", lambda number, doc=None: english(real_versions(number, doc))
    )
    monkeypatch.setattr(searcher, "search", search)


def test_a_mark_never_cuts_an_entity_or_alters_the_text(searcher, monkeypatch):
    text = 'R&D <grew>. A&B fell & then 5 > 3. Tom\'s "note" & <end>.'
    replaced_english(searcher, monkeypatch, text)
    spans = (
        span_of(text, "&D"),  # starts on an entity
        span_of(text, "A&B fell & then 5 > 3."),
        span_of(text, '"note" &'),  # ends on one
    )
    result = with_highlights(searcher.search(QUESTION), en=spans)
    (message,) = answer(searcher, result, "en", cards.PRIVATE, "bot", "x").messages
    assert text in html_ok(message)
    assert bold_texts(message) == ["¶26", *[text[slice(*s)] for s in spans], "Sources"]


def test_a_marked_quote_split_across_messages_stays_valid_and_within_the_limit(
    searcher, monkeypatch
):
    text = " ".join(f"Sentence {i:03d} says R&D <rose> by 5 > 3." for i in range(260))
    replaced_english(searcher, monkeypatch, text)
    span = (text.index("Sentence 080"), text.index("Sentence 220"))  # across the first cut
    result = with_highlights(searcher.search(QUESTION), en=(span,))
    marked = answer(searcher, result, "en", cards.PRIVATE, "bot", "x").messages
    plain = answer(searcher, searcher.search(QUESTION), "en", cards.PRIVATE, "bot", "x")
    assert len(marked) >= 2
    for message in marked:
        html_ok(message)  # valid HTML, every <b> closed, within MessageLimit.MAX_TEXT_LENGTH
    # Marks add no visible length: the messages are cut where the unmarked ones are.
    assert [html_ok(m) for m in marked] == [html_ok(m) for m in plain.messages]
    bolds = [b for m in marked for b in bold_texts(m) if b not in ("¶26", "Sources")]
    assert len(bolds) >= 2 and "".join(bolds) == text[slice(*span)]


def test_the_closest_paragraph_is_a_full_card_under_a_hedge(searcher):
    result, en, zh = marked_result(searcher)
    closest = dataclasses.replace(result, abstained=True, answer="closest")
    card = answer(searcher, closest, "es", cards.PRIVATE, "bot", "abcdef12")
    (message,) = card.messages
    hedge = f"<i>{cards.esc(t('es', 'closest'))}</i>\n"
    assert message.startswith(hedge + "<b>¶26</b> · ") and html_ok(message)
    answered = answer(searcher, result, "es", cards.PRIVATE, "bot", "abcdef12")
    assert message == hedge + answered.messages[0]  # the same card, marks and all
    assert card.keyboard.to_dict() == answered.keyboard.to_dict()
    labels = [b.text for row in card.keyboard.inline_keyboard for b in row]
    assert "👍" in labels and "¶27 ▶" in labels
    group = answer(searcher, closest, "en", cards.GROUP, "bot", "abcdef12")
    assert group.messages[0].startswith(f"<i>{cards.esc(t('en', 'closest'))}</i>\n<b>¶26</b>")
    assert en in bold_texts(group.messages[0])
    ((more,),) = group.keyboard.inline_keyboard
    assert more.text == t("en", "more_results")


@pytest.mark.parametrize("kind", ["no", "yes"])  # "yes" while abstained reads as "no"
def test_a_refusal_is_the_flat_notice_with_two_buttons(searcher, kind):
    result, _, _ = marked_result(searcher)
    refused = dataclasses.replace(result, abstained=True, answer=kind)
    card = answer(searcher, refused, "en", cards.PRIVATE, "bot", "abcdef12")
    assert card.messages == [cards.esc(t("en", "abstain"))]
    rows = card.keyboard.inline_keyboard
    assert len(rows) == 2 and all(row[0].text.startswith("¶") for row in rows)
