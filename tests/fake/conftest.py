"""Fixtures of the fake's own tests: a started server and a plain HTTP client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.fake.clients import NO_TLS
from tests.fake.server import FakeBotApi


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10, **NO_TLS) as client:
        yield client
