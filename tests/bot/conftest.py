"""The real application (``bot.app.build_application``) in two harnesses with one interface:

- ``offline_bot``: updates handed to ``Application.process_update``, the bot's requests answered
  in-process by the fake through PTB's request seam (``tests/fake/request.py``). For handler
  tests: what the bot sends in answer to updates.
- ``bot``: polling over HTTP against the fake Bot API on 127.0.0.1. For what needs the network
  path: polling, flood control and retries, concurrency, inline mode, the webhook.

Either way the fake checks every request as Telegram would (HTML included) and records it.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from dataclasses import replace

import pytest
import pytest_asyncio
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, run, webhook_settings
from bot.config import Config
from bot.usage import Usage
from index import open_index
from tests.conftest import CACHE, KNOWLEDGE, REPO
from tests.fake import BotApi, CallRecord, FakeBotApi, FakeRequest

ADMIN = 4242
SECOND = REPO / "tests" / "data" / "second" / "gb99-secretary"
REPORT, SECRETARY = "gb11-work-programme", "gb99-secretary"
RUNNING = "tests.running"


class OfflineHarness:
    """The application without a network: updates go to ``Application.process_update``."""

    def __init__(self, fake: BotApi, app: Application, usage: Usage) -> None:
        self.fake = fake
        self.app = app
        self.usage = usage

    async def process(self) -> None:
        """Hand every update built since the last call to ``Application.process_update``, at
        once, as polling with concurrent updates would; returns when all handlers are done."""
        updates = [Update.de_json(data, self.app.bot) for data in self.fake.take_updates()]
        await asyncio.gather(*(self.app.process_update(update) for update in updates))

    async def sent(self, count: int = 1, method: str = "sendMessage", **match) -> list[CallRecord]:
        """Process the updates built so far, then the successful calls of ``method`` that match
        ``match`` (param equality); fails if there are fewer than ``count``."""
        await self.process()
        found = [
            call
            for call in self.fake.calls(method, ok=True)
            if all(call.params.get(k) == v for k, v in match.items())
        ]
        assert len(found) >= count, f"fewer than {count} {method} {match}: {self.fake.summary()}"
        return found

    async def quiet(self) -> None:
        """Process the updates built so far, which the bot should ignore: nothing to wait for."""
        await self.process()


class PollingHarness:
    """The application polling the fake Bot API over HTTP."""

    def __init__(self, fake: FakeBotApi, app, usage: Usage) -> None:
        self.fake = fake
        self.app = app
        self.usage = usage

    async def sent(self, count: int = 1, method: str = "sendMessage", timeout: float = 20, **match):
        """Wait until ``count`` successful calls of ``method`` match ``match`` (param equality)."""

        def predicate(call) -> bool:
            return all(call.params.get(k) == v for k, v in match.items())

        return await self.fake.wait_for(method, predicate, count=count, timeout=timeout, ok=True)

    async def quiet(self, seconds: float = 0.6) -> None:
        """Give the bot time to (wrongly) answer something it should ignore."""
        await asyncio.sleep(seconds)


def make_config(fake: BotApi, tmp_path, **overrides) -> Config:
    config = Config(
        data_dir=tmp_path / "data",
        index_dir=CACHE / "test-index",
        knowledge_dir=KNOWLEDGE,
        token=fake.token,
        api_url=fake.api_url,
        admins=frozenset({ADMIN}),
        user_rate=100,
    )
    return replace(config, **overrides)


async def start_bot(fake: FakeBotApi, config: Config, searcher, rate_limit: bool = True):
    """The bot polling ``fake`` as ``treatybot serve`` runs it (``bot.app.run``), in a task."""
    usage = Usage(config.data_dir)
    app = build_application(config, searcher, usage=usage, rate_limit=rate_limit)
    stop = asyncio.Event()
    task = asyncio.create_task(run(app, stop))
    app.bot_data[RUNNING] = (stop, task)
    for _ in range(3000):  # polling: a getUpdates is waiting on the fake
        if fake.waiting_polls or task.done():
            break
        await asyncio.sleep(0.01)
    return app, usage


async def stop_bot(app) -> None:
    stop, task = app.bot_data[RUNNING]
    stop.set()
    await task


@pytest.fixture()
def hedged(searcher, monkeypatch):
    """Every answer turned into a "closest" one, the first sentence of its English version marked
    (what the retrieval side will send; set by hand so the bot side is tested on its own)."""
    real = searcher.search_many

    def search_many(questions, k=5, lang_hints=None):
        out = []
        for result in real(questions, k, lang_hints):
            best = result.hits[0]
            text = searcher.paragraph(best.number, "en").text
            best = replace(best, highlights={"en": ((0, text.index(". ") + 1),)})
            hits = (best, *result.hits[1:])
            out.append(replace(result, hits=hits, abstained=True, answer="closest"))
        return out

    monkeypatch.setattr(searcher, "search_many", search_many)
    return searcher


@pytest.fixture()
def bot_config():
    """Override settings for one test: ``@pytest.mark.parametrize`` or set attributes."""
    return {}


@pytest.fixture(scope="session")
def two_searcher(searcher, encoder):
    """The report and a second, small document (``tests/data/second/``) in one index, built
    once into the cache beside the test index: started as a copy of it, whose vectors are
    reused, so only the second document is embedded; reopened as is on later runs."""
    knowledge = CACHE / "two-knowledge"
    index_dir = CACHE / "test-index-two"
    shutil.rmtree(knowledge, ignore_errors=True)
    shutil.copytree(KNOWLEDGE, knowledge)
    shutil.copytree(SECOND, knowledge / SECOND.name)
    if not index_dir.exists():
        shutil.copytree(CACHE / "test-index", index_dir)
    return open_index(knowledge, index_dir, encoder)


@pytest_asyncio.fixture()
async def offline_two(two_searcher, tmp_path, monkeypatch):
    """``offline_bot`` over the two documents."""
    async with offline_harness(two_searcher, tmp_path, {}, monkeypatch) as harness:
        yield harness


@pytest_asyncio.fixture()
async def offline_bot(searcher, tmp_path, bot_config, monkeypatch):
    async with offline_harness(searcher, tmp_path, bot_config, monkeypatch) as harness:
        yield harness


@contextlib.asynccontextmanager
async def offline_harness(searcher, tmp_path, bot_config, monkeypatch):
    fake = BotApi()
    builder = Application.builder
    # build_application makes its own builder: give it PTB's request seam, answered by the fake.
    monkeypatch.setattr(
        Application,
        "builder",
        staticmethod(
            lambda: builder().request(FakeRequest(fake)).get_updates_request(FakeRequest(fake))
        ),
    )
    config = make_config(fake, tmp_path, **bot_config)
    usage = Usage(config.data_dir)
    app = build_application(config, searcher, usage=usage)
    await app.initialize()
    await app.post_init(app)
    try:
        yield OfflineHarness(fake, app, usage)
    finally:
        await app.shutdown()
        await app.post_shutdown(app)


@pytest_asyncio.fixture()
async def bot(searcher, tmp_path, bot_config):
    fake = FakeBotApi().start()
    app, usage = await start_bot(fake, make_config(fake, tmp_path, **bot_config), searcher)
    try:
        yield PollingHarness(fake, app, usage)
    finally:
        await stop_bot(app)
        fake.stop()


@pytest_asyncio.fixture()
async def webhook_bot(searcher, tmp_path, unused_tcp_port):
    """The bot serving a webhook on ``unused_tcp_port`` (secret ``s3cret-token``), registered
    with the fake: yields (fake, port, config)."""
    fake = FakeBotApi().start()
    config = replace(make_config(fake, tmp_path), webhook_secret="s3cret-token")
    settings = webhook_settings(
        config, "https://bot.example.org/hook", "127.0.0.1", unused_tcp_port
    )
    app = build_application(config, searcher)
    stop = asyncio.Event()
    running = asyncio.create_task(run(app, stop, settings))
    await fake.wait_for("setWebhook", ok=True)
    try:
        yield fake, unused_tcp_port, config
    finally:
        stop.set()
        await running
        fake.stop()
