"""The Telegram application: every handler wired in one place, then polling or a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from concurrent.futures import ThreadPoolExecutor
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

from bot import buttons, handlers, inline, logfilter, reading
from bot.config import Config, ConfigError
from bot.delivery import DeliveringApplication, DeliveringLimiter, Delivery
from bot.errors import error_handler
from bot.i18n import TABLES, t
from bot.inbox import Inbox
from bot.limits import UserLimiter
from bot.polling import poll
from bot.services import CONTEXT_TYPES, KEY, Services
from bot.usage import DB_FILE, Usage
from bot.webhook import webhook_server
from index import LANGS, Searcher

log = logging.getLogger(__name__)

DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
)
COMMANDS = ("start", "help", "ask", "para", "docs", "lang", "privacy")
RATE_LIMIT_RETRIES = 5


def command_menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"cmd_{name}")) for name in COMMANDS]


async def set_menus(app: Application) -> None:
    """Register the command menu in each of the six languages (English as the default)."""
    await app.bot.set_my_commands(command_menu("en"))
    for lang in LANGS:
        await app.bot.set_my_commands(command_menu(lang), language_code=lang)
    log.info("command menus set in %s", ", ".join(TABLES))


async def start_services(app: Application) -> None:
    await set_menus(app)
    app.bot_data[KEY].delivery.start(app)


async def close_services(app: Application) -> None:
    svc: Services = app.bot_data[KEY]
    await svc.delivery.stop()
    svc.executor.shutdown(wait=False, cancel_futures=True)
    svc.state_executor.shutdown(wait=True)
    svc.usage.close()
    svc.delivery.close()


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
    """The bot, ready to run (``run``). ``rate_limit=False`` lifts Telegram's flood limits (for
    benchmarks against the fake Bot API only); retries and delivery stay."""
    quiet_libraries(config.require_token())
    usage = usage or Usage(config.data_dir)
    # The inbox has a thread of its own: recording a sent answer never waits behind counts, and
    # the moment a crash could make it be sent twice stays as short as a commit.
    delivery = Delivery(
        Inbox(config.data_dir / DB_FILE), ThreadPoolExecutor(1, thread_name_prefix="delivery")
    )
    limits = {} if rate_limit else {"overall_max_rate": 0, "group_max_rate": 0}
    app = (
        Application.builder()
        .application_class(DeliveringApplication)
        .token(config.require_token())
        .base_url(f"{config.api_url}/bot")
        .base_file_url(f"{config.api_url}/file/bot")
        .defaults(DEFAULTS)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(True)
        .updater(None)  # polling and the webhook are bot/polling.py and bot/webhook.py
        .rate_limiter(DeliveringLimiter(delivery, max_retries=RATE_LIMIT_RETRIES, **limits))
        .post_init(start_services)
        .post_shutdown(close_services)
        .build()
    )
    app.delivery = delivery
    app.bot_data[KEY] = Services(
        config=config,
        searcher=searcher,
        usage=usage,
        limiter=UserLimiter(config.user_rate),
        delivery=delivery,
    )
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    fresh = filters.UpdateType.MESSAGE  # edited messages and channel posts are ignored
    app.add_handler(CommandHandler("start", reading.start, filters=private))  # and deep links
    app.add_handler(CommandHandler("help", handlers.help_command))
    app.add_handler(CommandHandler("para", reading.para))
    app.add_handler(CommandHandler("docs", reading.docs))
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


async def run(app: Application, stop: asyncio.Event, webhook: dict | None = None) -> None:
    """Serve until ``stop`` is set: long polling, or the webhook ``webhook_settings`` describe.
    Raises ``InvalidToken`` when Telegram no longer accepts the token."""
    delivery: Delivery = app.delivery
    async with app:
        await app.post_init(app)
        await app.start()
        try:
            if webhook is None:
                log.info("serving with long polling")
                await _until(stop, poll(app, delivery, stop))
            else:
                await _serve_webhook(app, delivery, webhook, stop)
        finally:
            await app.stop()
            await app.post_shutdown(app)


async def _serve_webhook(app: Application, delivery: Delivery, settings: dict, stop) -> None:
    server = webhook_server(app, delivery, settings["url_path"], settings["secret_token"])
    server.listen(settings["port"], address=settings["listen"])
    try:
        await app.bot.set_webhook(
            settings["webhook_url"],
            secret_token=settings["secret_token"],
            allowed_updates=settings["allowed_updates"],
        )
        log.info("serving with a webhook on %s:%d", settings["listen"], settings["port"])
        await stop.wait()
    finally:
        server.stop()
        await server.close_all_connections()


async def _until(stop: asyncio.Event, work) -> None:
    """Run ``work`` until it ends (its exception propagates) or ``stop`` is set."""
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    stopped.cancel()
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def serve(config: Config, searcher: Searcher, webhook: str | None, listen: str, port: int) -> int:
    """Long polling by default; a webhook (its secret checked on every request) when asked."""
    settings = webhook_settings(config, webhook, listen, port) if webhook else None
    run_until_stopped(build_application(config, searcher), settings)
    return 0


def run_until_stopped(app: Application, webhook: dict | None = None) -> None:
    """``run`` until SIGINT or SIGTERM; what is still unanswered then is answered at the next
    start."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run(app, stop, webhook)

    asyncio.run(main())
