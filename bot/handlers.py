"""Commands and messages, one small async function each; button taps are in ``bot/buttons.py``,
inline queries in ``bot/inline.py``, the wiring in ``bot/app.py``.

Paragraphs asked for by number (``/para``, deep links) and ``/docs`` are in ``bot/reading.py``.
Handlers read the update, ask the searcher (off the event loop), hand the result's view to
``bot/cards.py`` and send. Logs carry paragraph numbers, languages and timings, never a
question's text or a user id.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from telegram import Message, Update, User
from telegram.constants import ChatMemberStatus, ChatType

from bot import cards, keyboards
from bot.i18n import pick, t
from bot.limits import ALLOW, NOTICE
from bot.notices import NO, verdict
from bot.services import BotContext
from bot.view import answer_view
from index import Searcher, detect_lang, load_encoder, open_index

log = logging.getLogger(__name__)

MIN_RESULTS = 5
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)


async def user_lang(context: BotContext, user: User | None, text: str = "") -> str:
    """The reader's language: /lang choice, else the question's language, else Telegram's."""
    if user is None:
        return pick(None)
    svc = context.services
    chosen = await svc.state(svc.usage.language, user.id)
    if chosen:
        return chosen
    fallback = pick(user.language_code)
    return detect_lang(text, default=fallback) if text.strip() else fallback


def where_of(message: Message | None) -> str:
    if message is not None and message.chat.type in GROUP_TYPES:
        return cards.GROUP
    return cards.PRIVATE


async def send_card(message: Message, card: cards.Card, quote: bool) -> Message:
    """Send a card's messages as replies; the keyboard rides on the last one."""
    sent = message
    for i, text in enumerate(card.messages):
        last = i == len(card.messages) - 1
        sent = await message.reply_text(
            text, reply_markup=card.keyboard if last else None, do_quote=quote
        )
    return sent


async def answer_question(update: Update, context: BotContext, question: str) -> None:
    """The common path of a private question, ``/ask`` and a group reply or mention."""
    svc = context.services
    message = update.effective_message
    user = update.effective_user
    where = where_of(message)
    allowed = svc.limiter.check(user.id) if user is not None else ALLOW
    if allowed != ALLOW:
        if allowed == NOTICE:
            lang = await user_lang(context, user, question)
            text = cards.plain(lang, "rate_limited")
            await message.reply_text(text, do_quote=where == cards.GROUP)
        return
    started = time.perf_counter()
    hint = pick(user.language_code if user else None)
    result = await svc.search(question, MIN_RESULTS, hint, user.id if user else None)
    chosen = await svc.state(svc.usage.language, user.id) if user else None
    lang = chosen or result.lang
    owner = svc.usage.owner_tag(user.id) if user else "0" * 8
    view = answer_view(result, lang, svc.searcher.library)
    card = cards.answer(view, where, context.bot.username, owner, svc.signer)
    best = result.hits[0] if result.hits and not result.abstained else None
    sent = await send_card(message, card, quote=where == cards.GROUP)
    # Counted once sent: an answer that could not be sent yet is counted when it is.
    await svc.state(
        svc.usage.count_question,
        result.lang,
        result.abstained,
        best and best.doc,
        best and best.number,
    )
    svc.remember(sent.chat_id, sent.message_id, question)
    kind = verdict(result)
    shown = result.hits[0].number if result.hits and kind != NO else "-"  # "closest" is quoted
    log.info(
        "answered where=%s lang=%s paragraph=%s answer=%s cut=%s in %.0f ms",
        where,
        result.lang,
        shown,
        kind,
        result.cut,
        (time.perf_counter() - started) * 1000,
    )


async def help_command(update: Update, context: BotContext) -> None:
    lang = await user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.help_text(lang, context.bot.username))


async def ask(update: Update, context: BotContext) -> None:
    """/ask question (also /ask@botname), the documented way to ask in a group."""
    question = " ".join(context.args or []).strip()
    if not question:
        lang = await user_lang(context, update.effective_user)
        text = cards.plain(lang, "ask_usage", example=t(lang, "example_1"))
        await update.effective_message.reply_text(text, do_quote=True)
        return
    await answer_question(update, context, question)


async def private_text(update: Update, context: BotContext) -> None:
    """Free text in a private chat is a question."""
    await answer_question(update, context, update.effective_message.text or "")


async def group_text(update: Update, context: BotContext) -> None:
    """In a group: only a reply to one of the bot's messages, or a message that mentions it."""
    message = update.effective_message
    bot = context.bot
    replied = message.reply_to_message
    to_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
    )
    mention = f"@{bot.username}".lower()
    mentions = [
        text
        for entity, text in message.parse_entities(["mention"]).items()
        if text.lower() == mention
    ]
    if not to_bot and not mentions:
        return
    question = re.sub(re.escape(mention), " ", message.text or "", flags=re.IGNORECASE).strip()
    if not question:
        lang = await user_lang(context, update.effective_user)
        text = cards.plain(lang, "ask_usage", example=t(lang, "example_1"))
        await message.reply_text(text, do_quote=True)
        return
    await answer_question(update, context, question)


async def lang_command(update: Update, context: BotContext) -> None:
    lang = await user_lang(context, update.effective_user)
    await update.effective_message.reply_text(
        cards.plain(lang, "lang_choose"),
        reply_markup=keyboards.lang_keyboard(context.services.signer),
    )


async def privacy(update: Update, context: BotContext) -> None:
    lang = await user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.plain(lang, "privacy"))


async def admins_only(update: Update, context: BotContext) -> None:
    """/stats or /reload from anyone not in TREATYBOT_ADMINS."""
    lang = await user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.plain(lang, "admins_only"))


async def stats(update: Update, context: BotContext) -> None:
    """/stats: the anonymous counts (admins only: the filter is in ``bot/app.py``)."""
    lang = await user_lang(context, update.effective_user)
    svc = context.services
    counts = await svc.state(svc.usage.stats)
    if counts is None:
        await update.effective_message.reply_text(cards.plain(lang, "stats_unavailable"))
        return
    await update.effective_message.reply_text(cards.stats_text(lang, counts))


async def reload(update: Update, context: BotContext) -> None:
    """/reload: reopen the index (rebuilt first if the knowledge changed), admins only. It is
    built on a thread of its own, with an encoder of its own, while the retrieval worker keeps
    answering from the old index; the new one is swapped in when it is ready."""
    lang = await user_lang(context, update.effective_user)
    svc = context.services
    try:
        fresh = await asyncio.to_thread(_open_fresh, svc.config)
    except Exception:
        log.exception("reload failed; the previous index stays in service")
        await update.effective_message.reply_text(cards.plain(lang, "reload_failed"))
        return
    svc.swap(fresh)
    paragraphs = sum(len(d.numbers) for d in fresh.library.documents)
    log.info("index reloaded: %d paragraphs, languages %s", paragraphs, ",".join(fresh.langs))
    await update.effective_message.reply_text(
        cards.plain(lang, "reload_done", paragraphs=paragraphs, languages=len(fresh.langs))
    )


def _open_fresh(config) -> Searcher:
    searcher = open_index(config.knowledge_dir, config.index_dir, load_encoder(config.model))
    searcher.warm_up()
    return searcher


async def bot_added(update: Update, context: BotContext) -> None:
    """Added to a group: say once, briefly, how to ask."""
    change = update.my_chat_member
    if change.chat.type not in GROUP_TYPES:
        return
    was_in = change.old_chat_member.status in (
        ChatMemberStatus.MEMBER,
        ChatMemberStatus.ADMINISTRATOR,
        ChatMemberStatus.OWNER,
    )
    now_in = change.new_chat_member.status in (
        ChatMemberStatus.MEMBER,
        ChatMemberStatus.ADMINISTRATOR,
    )
    if was_in or not now_in:
        return
    lang = pick(change.from_user.language_code if change.from_user else None)
    await context.bot.send_message(change.chat.id, cards.plain(lang, "group_hello"))


async def unsupported(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice... in a private chat get a one-line hint."""
    lang = await user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.plain(lang, "unsupported"))
