"""Webhook mode: updates posted to the bot's own HTTP server, the secret checked on each one."""

import json

import httpx
import pytest

from bot.app import webhook_settings
from bot.config import ConfigError
from tests.bot.conftest import make_config
from tests.fake import FakeBotApi


def test_a_webhook_needs_a_secret(tmp_path):
    with FakeBotApi() as fake:
        config = make_config(fake, tmp_path)
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        webhook_settings(config, "https://bot.example.org/hook", "127.0.0.1", 8443)


@pytest.mark.asyncio
async def test_updates_with_the_secret_are_answered_others_refused(webhook_bot):
    fake, port, _ = webhook_bot
    (hook,) = fake.calls("setWebhook", ok=True)
    assert hook.params["url"] == "https://bot.example.org/hook"
    assert hook.params["secret_token"] == "s3cret-token"
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "text": "new GLIS portal launch",
            "chat": {"id": 1001, "type": "private"},
            "from": {"id": 1001, "is_bot": False, "first_name": "A", "language_code": "en"},
        },
    }
    url = f"http://127.0.0.1:{port}/hook"
    statuses = {}
    async with httpx.AsyncClient() as client:
        for secret in (None, "guess", "s3cret-token"):
            headers = {"Content-Type": "application/json"}
            if secret:
                headers["X-Telegram-Bot-Api-Secret-Token"] = secret
            reply = await client.post(url, content=json.dumps(update), headers=headers)
            statuses[secret] = reply.status_code
    assert statuses == {None: 403, "guess": 403, "s3cret-token": 200}
    (answer,) = await fake.wait_for("sendMessage", ok=True)
    assert answer.params["text"].startswith("<b>¶36</b>")
