"""The environment, read once into a frozen ``Config``; nothing else reads ``os.environ``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from index import DEFAULT_MODEL

DEFAULT_API_URL = "https://api.telegram.org"
REPO_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
BOTFATHER_HINT = (
    "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot, then "
    "/setinline to enable inline mode), export TELEGRAM_BOT_TOKEN=<its token> and run "
    '`treatybot serve` again; meanwhile `treatybot ask "..."` or `treatybot chat` answer '
    "in this terminal."
)


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Config:
    data_dir: Path
    index_dir: Path
    knowledge_dir: Path
    model: str = DEFAULT_MODEL
    token: str = field(default="", repr=False)
    api_url: str = DEFAULT_API_URL
    webhook_secret: str = field(default="", repr=False)
    admins: frozenset[int] = frozenset()
    user_rate: int = 10

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env
        xdg = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        data_dir = Path(env.get("TREATYBOT_DATA_DIR") or Path(xdg) / "treatybot")
        return cls(
            data_dir=data_dir,
            index_dir=Path(env.get("TREATYBOT_INDEX_DIR") or data_dir / "index"),
            knowledge_dir=Path(env.get("TREATYBOT_KNOWLEDGE_DIR") or REPO_KNOWLEDGE),
            model=env.get("TREATYBOT_MODEL") or DEFAULT_MODEL,
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            api_url=(env.get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            admins=_admins(env.get("TREATYBOT_ADMINS", "")),
            user_rate=_positive_int(env, "TREATYBOT_USER_RATE", 10),
        )

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(BOTFATHER_HINT)
        return self.token


def _admins(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(
                f"TREATYBOT_ADMINS must list numeric Telegram user ids separated by commas; "
                f"{part!r} is not one"
            )
        ids.add(int(part))
    return frozenset(ids)


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a positive whole number, not {raw!r}")
    return int(raw)
