"""The Telegram application: every handler wired in one place, then polling or a webhook."""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import buttons, handlers, inline, logfilter
from bot.config import Config, ConfigError
from bot.errors import error_handler
from bot.i18n import TABLES, t
from bot.limits import RetryingRateLimiter, UserLimiter
from bot.services import CONTEXT_TYPES, KEY, Services
from bot.usage import Usage
from index import LANGS, Searcher

log = logging.getLogger(__name__)

DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
)
COMMANDS = ("start", "help", "ask", "para", "lang", "privacy")
RATE_LIMIT_RETRIES = 5


def command_menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"cmd_{name}")) for name in COMMANDS]


async def set_menus(app: Application) -> None:
    """Register the command menu in each of the six languages (English as the default)."""
    await app.bot.set_my_commands(command_menu("en"))
    for lang in LANGS:
        await app.bot.set_my_commands(command_menu(lang), language_code=lang)
    log.info("command menus set in %s", ", ".join(TABLES))


async def close_services(app: Application) -> None:
    svc: Services = app.bot_data[KEY]
    svc.executor.shutdown(wait=False, cancel_futures=True)
    svc.state_executor.shutdown(wait=True)
    svc.usage.close()


def quiet_libraries(token: str = "") -> None:
    """PTB's debug log holds every update (questions, user ids) and httpx logs each request URL
    (the token): whatever the root level, they stop at INFO and WARNING, and what they do log
    passes ``bot/logfilter.py``."""
    logfilter.install(token)
    logging.getLogger("telegram").setLevel(logging.INFO)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_application(
    config: Config, searcher: Searcher, usage: Usage | None = None, rate_limit: bool = True
) -> Application:
    quiet_libraries(config.require_token())
    builder = (
        Application.builder()
        .token(config.require_token())
        .base_url(f"{config.api_url}/bot")
        .base_file_url(f"{config.api_url}/file/bot")
        .defaults(DEFAULTS)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(True)
        .post_init(set_menus)
        .post_shutdown(close_services)
    )
    if rate_limit:
        builder = builder.rate_limiter(RetryingRateLimiter(max_retries=RATE_LIMIT_RETRIES))
    app = builder.build()
    app.bot_data[KEY] = Services(
        config=config,
        searcher=searcher,
        usage=usage or Usage(config.data_dir),
        limiter=UserLimiter(config.user_rate),
    )
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    fresh = filters.UpdateType.MESSAGE  # edited messages and channel posts are ignored
    app.add_handler(CommandHandler("start", handlers.start, filters=private))
    app.add_handler(CommandHandler("help", handlers.help_command))
    app.add_handler(CommandHandler("para", handlers.para))
    app.add_handler(CommandHandler("ask", handlers.ask, filters=fresh))
    app.add_handler(CommandHandler("lang", handlers.lang_command))
    app.add_handler(CommandHandler("privacy", handlers.privacy))
    admins = filters.User(user_id=config.admins, allow_empty=False)
    app.add_handler(CommandHandler("stats", handlers.stats, filters=admins))
    app.add_handler(CommandHandler("reload", handlers.reload, filters=admins))
    app.add_handler(CommandHandler(("stats", "reload"), handlers.admins_only))  # anyone else
    app.add_handler(
        MessageHandler(private & fresh & filters.TEXT & ~filters.COMMAND, handlers.private_text)
    )
    app.add_handler(
        MessageHandler(groups & fresh & filters.TEXT & ~filters.COMMAND, handlers.group_text)
    )
    app.add_handler(
        MessageHandler(private & fresh & ~filters.TEXT & ~filters.COMMAND, handlers.unsupported)
    )
    app.add_handler(CallbackQueryHandler(buttons.card_button, pattern=r"^[gmud]:"))
    app.add_handler(CallbackQueryHandler(buttons.lang_button, pattern=r"^l:"))
    app.add_handler(CallbackQueryHandler(buttons.example_button, pattern=r"^x:"))
    app.add_handler(CallbackQueryHandler(buttons.card_button))  # anything else: stale or tampered
    app.add_handler(InlineQueryHandler(inline.inline_query))
    app.add_handler(ChatMemberHandler(handlers.bot_added, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(error_handler)
    return app


def webhook_settings(config: Config, webhook: str, listen: str, port: int) -> dict:
    """Where the webhook listens, and the secret Telegram must send with every update."""
    if not config.webhook_secret:
        raise ConfigError(
            "TELEGRAM_WEBHOOK_SECRET is not set: a webhook needs a secret token "
            "(1-256 characters A-Z, a-z, 0-9, _ and -) that Telegram sends with each request"
        )
    return {
        "listen": listen,
        "port": port,
        "url_path": urlparse(webhook).path.lstrip("/"),
        "webhook_url": webhook,
        "secret_token": config.webhook_secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def serve(config: Config, searcher: Searcher, webhook: str | None, listen: str, port: int) -> int:
    """Long polling by default; a webhook (its secret checked on every request) when asked."""
    settings = webhook_settings(config, webhook, listen, port) if webhook else None
    app = build_application(config, searcher)
    if settings:
        log.info("serving with a webhook on %s:%d", listen, port)
        app.run_webhook(**settings)
    else:
        log.info("serving with long polling")
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
