"""Group chats: only /ask, replies to the bot and mentions are answered, in the same topic."""

import pytest

from bot.callbacks import Signer
from bot.i18n import t
from tests.fake import DEFAULT_GROUP_ID


@pytest.mark.asyncio
async def test_ask_is_answered_as_a_compact_reply_in_the_same_forum_topic(offline_bot):
    asker = offline_bot.fake.user(7001, "es")
    question = offline_bot.fake.group_message(
        "/ask@treaty_test_bot ¿Cuántos ANTM se han notificado?",
        user=asker,
        is_forum=True,
        message_thread_id=77,
    )
    (call,) = await offline_bot.sent()
    params = call.params
    assert params["chat_id"] == DEFAULT_GROUP_ID and params["message_thread_id"] == 77
    assert params["reply_parameters"]["message_id"] == question["message"]["message_id"]
    text = params["text"]
    # Group: the reader's version first, labelled; the official text folded away after it.
    assert text.index("Traducción de trabajo no oficial") < text.index(
        "<blockquote expandable>秘书处持续"
    )
    (row,) = params["reply_markup"]["inline_keyboard"]
    assert row[0]["text"] == t("es", "more_results")


@pytest.mark.asyncio
async def test_only_the_asker_may_move_the_card(offline_bot):
    asker, other = offline_bot.fake.user(7101), offline_bot.fake.user(7102)
    offline_bot.fake.group_message("/ask how many SMTAs have been reported so far?", user=asker)
    (call,) = await offline_bot.sent()
    card = offline_bot.fake.message(call.result["chat"]["id"], call.result["message_id"])
    more = call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    offline_bot.fake.callback_query(card, more, user=other)
    (notice,) = await offline_bot.sent(method="answerCallbackQuery")
    assert notice.params["text"] == t("en", "not_your_card")
    assert not offline_bot.fake.calls("editMessageText")
    offline_bot.fake.callback_query(card, more, user=asker)
    (edit,) = await offline_bot.sent(method="editMessageText")
    labels = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "👍" in labels and any(label.startswith("¶") for label in labels)


@pytest.mark.asyncio
async def test_a_forged_owner_tag_is_refused_and_the_card_stays(offline_bot):
    """Any member can send any callback data: one who writes their own tag into the asker's
    button (keeping its MAC, signing with a salt of their own, or not signing) is refused."""
    asker, other = offline_bot.fake.user(7111), offline_bot.fake.user(7112, "fr")
    offline_bot.fake.group_message("/ask how many SMTAs have been reported so far?", user=asker)
    (call,) = await offline_bot.sent()
    card = offline_bot.fake.message(call.result["chat"]["id"], call.result["message_id"])
    more = call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    body, mac = more.rsplit(":", 1)
    owner = offline_bot.usage.owner_tag(asker["id"])
    body, doc = body.rsplit(":", 1)  # the document's code comes after the owner tag
    assert body.endswith(f":{owner}")
    forged = body.removesuffix(owner) + offline_bot.usage.owner_tag(other["id"]) + f":{doc}"
    for data in (f"{forged}:{mac}", Signer.from_salt(bytes(32)).sign(forged), forged):
        offline_bot.fake.callback_query(card, data, user=other)
    notices = await offline_bot.sent(count=3, method="answerCallbackQuery")
    assert [n.params["text"] for n in notices] == [t("fr", "stale_button")] * 3
    assert not offline_bot.fake.calls("editMessageText")
    offline_bot.fake.callback_query(card, more, user=asker)  # the untouched button still works
    (edit,) = await offline_bot.sent(method="editMessageText")
    assert edit.params["text"].startswith("<b>¶26</b>")


@pytest.mark.asyncio
async def test_replies_and_mentions_are_answered_other_messages_are_not(offline_bot):
    offline_bot.fake.group_message(
        "Has anyone seen the GLIS portal?", user=offline_bot.fake.user(7201)
    )
    offline_bot.fake.group_message("hello everyone", user=offline_bot.fake.user(7202))
    await offline_bot.quiet()
    assert not offline_bot.fake.calls("sendMessage")
    offline_bot.fake.group_message(
        "@treaty_test_bot when did the new GLIS portal go live?", user=offline_bot.fake.user(7203)
    )
    (first,) = await offline_bot.sent()
    assert first.params["text"].startswith("<b>¶36</b>")
    mine = offline_bot.fake.message(first.result["chat"]["id"], first.result["message_id"])
    offline_bot.fake.group_message(
        "and the descriptors for pea and olive?", user=offline_bot.fake.user(7204), reply_to=mine
    )
    second = (await offline_bot.sent(count=2))[-1]
    assert second.params["text"].startswith("<b>¶37</b>")


@pytest.mark.asyncio
async def test_ask_without_a_question_and_stickers_in_groups(offline_bot):
    offline_bot.fake.group_message("/ask", user=offline_bot.fake.user(7301))
    (call,) = await offline_bot.sent()
    assert call.params["text"].startswith("Write your question after /ask")
    offline_bot.fake.sticker_message(chat_id=DEFAULT_GROUP_ID)
    await offline_bot.quiet()
    assert len(offline_bot.fake.calls("sendMessage")) == 1


@pytest.mark.asyncio
async def test_added_to_a_group_it_says_once_how_to_ask(offline_bot):
    offline_bot.fake.my_chat_member(-100555, old_status="left", new_status="member")
    (call,) = await offline_bot.sent()
    assert call.params["chat_id"] == -100555 and "/ask" in call.params["text"]
    offline_bot.fake.my_chat_member(-100555, old_status="member", new_status="administrator")
    await offline_bot.quiet()
    assert len(offline_bot.fake.calls("sendMessage")) == 1
