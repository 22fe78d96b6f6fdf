"""PTB's own seam for handler tests: a `BaseRequest` answered by the fake in-process.

Why: a test of what the bot sends in answer to one update needs no server, sockets or polling.
As in python-telegram-bot's own tests (`tests/auxil/networking.py::OfflineRequest`), the
application gets a `BaseRequest` subclass; this one hands each call, as the form fields PTB
would post, to `BotApi.answer`, which checks it (HTML as Telegram parses it), records it and
returns the Bot API's JSON answer. Feed updates with `Application.process_update`.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from telegram.request import BaseRequest, RequestData

from tests.fake.api import BotApi, split_path


class FakeRequest(BaseRequest):
    """Answers every request of a `Bot` from `api`, without a network."""

    def __init__(self, api: BotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        found = split_path(urlsplit(url).path)
        if found is None:
            raise ValueError(f"not a Bot API URL: {url}")
        fields = request_data.json_parameters if request_data else {}
        status, body = self.api.answer(*found, fields)
        return status, json.dumps(body).encode("utf-8")
