"""A fake Telegram for the bot's tests, split by job.

- `entities`: text as Telegram makes it: HTML parsed as tdlib does, entities, UTF-16 lengths.
- `updates`: the users, chats and messages it knows, and updates shaped as the Bot API shapes them.
- `checks`: what the Bot API checks in a request, with Telegram's error wording.
- `api`: the Bot API methods the bot calls, each call recorded (`BotApi.answer`).
- `request`: `FakeRequest`, PTB's request seam answered in-process, for handler tests.
- `server`: `FakeBotApi`, the same over HTTP on 127.0.0.1 with long polling, for end-to-end tests.
"""

from tests.fake.api import BotApi, CallRecord
from tests.fake.checks import NOT_MODIFIED, ApiError
from tests.fake.entities import bold_texts, detect_entities, parse_html, utf16_len
from tests.fake.request import FakeRequest
from tests.fake.server import FakeBotApi
from tests.fake.updates import (
    DEFAULT_CHANNEL_ID,
    DEFAULT_GROUP_ID,
    DEFAULT_TOKEN,
    DEFAULT_USER_ID,
    DEFAULT_USERNAME,
)

__all__ = [
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GROUP_ID",
    "DEFAULT_TOKEN",
    "DEFAULT_USERNAME",
    "DEFAULT_USER_ID",
    "NOT_MODIFIED",
    "ApiError",
    "BotApi",
    "CallRecord",
    "FakeBotApi",
    "FakeRequest",
    "bold_texts",
    "detect_entities",
    "parse_html",
    "utf16_len",
]
