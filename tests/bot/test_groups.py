"""Group chats: only /ask, replies to the bot and mentions are answered, in the same topic."""

import pytest

from bot.i18n import t
from tests.fakebotapi import DEFAULT_GROUP_ID


@pytest.mark.asyncio
async def test_ask_is_answered_as_a_compact_reply_in_the_same_forum_topic(bot):
    asker = bot.fake.user(7001, "es")
    question = bot.fake.group_message(
        "/ask@treaty_test_bot ¿Cuántos ANTM se han notificado?",
        user=asker,
        is_forum=True,
        message_thread_id=77,
    )
    (call,) = await bot.sent()
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
async def test_only_the_asker_may_move_the_card(bot):
    asker, other = bot.fake.user(7101), bot.fake.user(7102)
    bot.fake.group_message("/ask how many SMTAs have been reported so far?", user=asker)
    (call,) = await bot.sent()
    card = bot.fake.message(call.result["chat"]["id"], call.result["message_id"])
    more = call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    bot.fake.callback_query(card, more, user=other)
    (notice,) = await bot.sent(method="answerCallbackQuery")
    assert notice.params["text"] == t("en", "not_your_card")
    assert not bot.fake.calls("editMessageText")
    bot.fake.callback_query(card, more, user=asker)
    (edit,) = await bot.sent(method="editMessageText")
    labels = [b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row]
    assert "👍" in labels and any(label.startswith("¶") for label in labels)


@pytest.mark.asyncio
async def test_replies_and_mentions_are_answered_other_messages_are_not(bot):
    bot.fake.group_message("Has anyone seen the GLIS portal?", user=bot.fake.user(7201))
    bot.fake.group_message("hello everyone", user=bot.fake.user(7202))
    await bot.quiet()
    assert not bot.fake.calls("sendMessage")
    bot.fake.group_message(
        "@treaty_test_bot when did the new GLIS portal go live?", user=bot.fake.user(7203)
    )
    (first,) = await bot.sent()
    assert first.params["text"].startswith("<b>¶36</b>")
    mine = bot.fake.message(first.result["chat"]["id"], first.result["message_id"])
    bot.fake.group_message(
        "and the descriptors for pea and olive?", user=bot.fake.user(7204), reply_to=mine
    )
    second = (await bot.sent(count=2))[-1]
    assert second.params["text"].startswith("<b>¶37</b>")


@pytest.mark.asyncio
async def test_ask_without_a_question_and_stickers_in_groups(bot):
    bot.fake.group_message("/ask", user=bot.fake.user(7301))
    (call,) = await bot.sent()
    assert call.params["text"].startswith("Write your question after /ask")
    bot.fake.sticker_message(chat_id=DEFAULT_GROUP_ID)
    await bot.quiet()
    assert len(bot.fake.calls("sendMessage")) == 1


@pytest.mark.asyncio
async def test_added_to_a_group_it_says_once_how_to_ask(bot):
    bot.fake.my_chat_member(-100555, old_status="left", new_status="member")
    (call,) = await bot.sent()
    assert call.params["chat_id"] == -100555 and "/ask" in call.params["text"]
    bot.fake.my_chat_member(-100555, old_status="member", new_status="administrator")
    await bot.quiet()
    assert len(bot.fake.calls("sendMessage")) == 1
