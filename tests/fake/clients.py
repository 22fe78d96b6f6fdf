"""Clients of the fake for its own tests: raw HTTP as PTB encodes it, and PTB's own Bot."""

from __future__ import annotations

import datetime as dtm
import json
from typing import Any

import httpx
from telegram import Bot
from telegram.request import HTTPXRequest

from tests.fake.server import FakeBotApi

USER_ID = 1001
# Plain HTTP on loopback: skipping the CA bundle saves ~70 ms per httpx client created.
NO_TLS: dict[str, Any] = {"verify": False}


def post(http: httpx.Client, fake: FakeBotApi, method: str, **params: Any) -> httpx.Response:
    """Form-encode like PTB: strings as is, everything else as JSON."""
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return http.post(fake.method_url(method), data=data)


def ptb_bot(fake: FakeBotApi, token: str | None = None) -> Bot:
    """A PTB Bot on the fake, with a pool big enough for concurrent calls."""
    return Bot(
        token or fake.token,
        base_url=fake.base_url,
        request=HTTPXRequest(connection_pool_size=64, httpx_kwargs=NO_TLS),
        get_updates_request=HTTPXRequest(httpx_kwargs=NO_TLS),
    )


def seconds(value: int | dtm.timedelta) -> float:
    """RetryAfter.retry_after is an int or a timedelta depending on PTB_TIMEDELTA."""
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)
