"""Built updates are what Telegram sends: PTB parses every field; they refer to real messages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from telegram import (
    ChatMemberLeft,
    ChatMemberMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest

from tests.fake import DEFAULT_GROUP_ID, FakeBotApi
from tests.fake.clients import USER_ID, ptb_bot


def test_injected_updates_parse_into_ptb_types(fake: FakeBotApi) -> None:
    bot = ptb_bot(fake)  # only a parsing context: de_json makes no request
    alice = fake.user(USER_ID, language_code="de", first_name="Alice")

    start = Update.de_json(fake.private_message("/start now", user=alice), bot)
    assert start.message.chat.type == "private" and start.message.chat.id == USER_ID
    assert start.message.from_user.language_code == "de"
    assert start.message.entities[0] == MessageEntity("bot_command", 0, 6)

    ask = Update.de_json(fake.group_message("/ask@treaty_test_bot what? @treaty_test_bot"), bot)
    assert ask.message.chat.id == DEFAULT_GROUP_ID and ask.message.chat.type == "supergroup"
    assert [(e.type, e.offset, e.length) for e in ask.message.entities] == [
        ("bot_command", 0, 20),
        ("mention", 27, 16),
    ]

    topic = Update.de_json(
        fake.group_message("hi", chat_id=-100777, is_forum=True, message_thread_id=5), bot
    )
    assert topic.message.is_topic_message and topic.message.message_thread_id == 5
    assert topic.message.chat.is_forum
    assert topic.message.reply_to_message.forum_topic_created is not None

    inline = Update.de_json(fake.inline_query("article 5", user=alice), bot)
    assert inline.inline_query.query == "article 5" and inline.inline_query.chat_type == "sender"

    added = Update.de_json(fake.my_chat_member(old_status="left", new_status="member"), bot)
    member = added.my_chat_member
    assert isinstance(member.old_chat_member, ChatMemberLeft)
    assert isinstance(member.new_chat_member, ChatMemberMember)
    assert member.new_chat_member.user.username == "treaty_test_bot"


@pytest.mark.parametrize("builder", ["sticker", "edited", "channel", "admin", "kicked"])
def test_other_update_builders_parse(fake: FakeBotApi, builder: str) -> None:
    bot = ptb_bot(fake)  # only a parsing context: de_json makes no request
    data = {
        "sticker": lambda: fake.sticker_message(),
        "edited": lambda: fake.edited_message("fixed", fake.private_message("typo")["message"]),
        "channel": lambda: fake.channel_post("news"),
        "admin": lambda: fake.my_chat_member(old_status="member", new_status="administrator"),
        "kicked": lambda: fake.my_chat_member(USER_ID, "member", "kicked"),
    }[builder]()
    update = Update.de_json(data, bot)
    assert update.update_id == data["update_id"]
    assert_known_to_ptb(data, json.loads(update.to_json()))


def assert_known_to_ptb(sent: Any, parsed: Any, path: str = "update") -> None:
    """Every field the fake sent comes back from PTB's model: none was unknown or mistyped."""
    if isinstance(sent, dict):
        assert isinstance(parsed, dict), path
        for key, value in sent.items():
            assert key in parsed, f"{path}.{key} unknown to PTB"
            assert_known_to_ptb(value, parsed[key], f"{path}.{key}")
    elif isinstance(sent, list):
        assert len(sent) == len(parsed), path
        for n, (one, other) in enumerate(zip(sent, parsed, strict=True)):
            assert_known_to_ptb(one, other, f"{path}[{n}]")
    else:
        assert sent == parsed, path


@pytest.mark.asyncio
async def test_callbacks_refer_to_real_bot_messages(fake: FakeBotApi) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
    async with ptb_bot(fake) as bot:
        sent = await bot.send_message(USER_ID, "page 1", reply_markup=keyboard)
        await bot.edit_message_text("page 2", USER_ID, sent.message_id, reply_markup=keyboard)
        card = fake.message(USER_ID, sent.message_id)
        press = Update.de_json(fake.callback_query(card, data="more"), bot)
        query = press.callback_query
        assert query.message.text == "page 2" and query.data == "more" and query.chat_instance
        assert query.from_user.id == USER_ID
        assert await query.answer() is True
        with pytest.raises(BadRequest, match="Query is too old"):
            await query.answer()
        reply = Update.de_json(fake.group_message("thanks", chat_id=DEFAULT_GROUP_ID), bot)
        answer = await bot.send_message(
            DEFAULT_GROUP_ID, "ok", reply_to_message_id=reply.message.message_id
        )
        assert answer.reply_to_message.text == "thanks"
        follow = Update.de_json(fake.group_message("and?", reply_to=answer.to_dict()), bot)
        assert follow.message.reply_to_message.from_user.is_bot
