"""One small async function per kind of update; the wiring is in ``bot/app.py``.

Handlers read the update, ask the searcher (off the event loop), hand the result to
``bot/cards.py`` and send. Logs carry paragraph numbers, languages and timings, never a
question's text or a user id.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from telegram import InlineQueryResultsButton, Message, Update, User
from telegram.constants import ChatMemberStatus, ChatType, InlineQueryLimit
from telegram.error import BadRequest

from bot import cards
from bot.callbacks import unpack, unpack_example, unpack_lang
from bot.i18n import pick, t
from bot.notices import CLOSEST, NO, UNSEARCHED, verdict
from bot.services import BotContext
from bot.view import answer_view, hit_view, notice, quote_view, section_views
from index import Searcher, detect_lang, load_encoder, open_index

log = logging.getLogger(__name__)

INLINE_RESULTS = 10
MIN_RESULTS = 5
_DEEP_LINK = re.compile(r"^p(\d{1,4})$")
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)


def _user_lang(context: BotContext, user: User | None, text: str = "") -> str:
    """The reader's language: /lang choice, else the question's language, else Telegram's."""
    if user is None:
        return pick(None)
    chosen = context.services.usage.language(user.id)
    if chosen:
        return chosen
    fallback = pick(user.language_code)
    return detect_lang(text, default=fallback) if text.strip() else fallback


def _where(message: Message | None) -> str:
    if message is not None and message.chat.type in GROUP_TYPES:
        return cards.GROUP
    return cards.PRIVATE


async def _send(message: Message, card: cards.Card, quote: bool) -> Message:
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
    where = _where(message)
    if user is not None and not svc.limiter.allow(user.id):
        lang = _user_lang(context, user, question)
        await message.reply_text(cards.plain(lang, "rate_limited"), do_quote=where == cards.GROUP)
        return
    started = time.perf_counter()
    hint = pick(user.language_code if user else None)
    result = await svc.search(question, MIN_RESULTS, hint)
    chosen = svc.usage.language(user.id) if user else None
    lang = chosen or result.lang
    owner = svc.usage.owner_tag(user.id) if user else "0" * 8
    card = cards.answer(answer_view(result, lang), where, context.bot.username, owner)
    best = result.hits[0] if result.hits and not result.abstained else None
    # Counted before sending: /stats asked right after the answer arrives already includes it.
    svc.usage.count_question(result.lang, result.abstained, best and best.doc, best and best.number)
    sent = await _send(message, card, quote=where == cards.GROUP)
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


async def start(update: Update, context: BotContext) -> None:
    """/start greets; /start p26 (a shared deep link) opens paragraph 26."""
    user = update.effective_user
    lang = _user_lang(context, user)
    if context.args:
        m = _DEEP_LINK.match(context.args[0])
        if m:
            await show_paragraph(update, context, int(m.group(1)), lang)
            return
    card = cards.start_card(lang, user.first_name if user else "")
    await update.effective_message.reply_text(card.text, reply_markup=card.keyboard)


async def help_command(update: Update, context: BotContext) -> None:
    lang = _user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.help_text(lang, context.bot.username))


async def para(update: Update, context: BotContext) -> None:
    """/para 26 shows paragraph 26."""
    lang = _user_lang(context, update.effective_user)
    arg = "".join(context.args or [])
    digits = re.sub(r"\D", "", arg.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
    if not digits:
        await update.effective_message.reply_text(cards.plain(lang, "para_usage"))
        return
    await show_paragraph(update, context, int(digits[:4]), lang)


async def show_paragraph(update: Update, context: BotContext, number: int, lang: str) -> None:
    svc = context.services
    message = update.effective_message
    library = svc.searcher.library
    numbers = library.document().numbers
    if number not in numbers:
        text = cards.plain(
            lang, "out_of_range", first=min(numbers), last=max(numbers), number=number
        )
        await message.reply_text(text)
        return
    user = update.effective_user
    owner = svc.usage.owner_tag(user.id) if user else "0" * 8
    action = cards.CardAction("go", number, (number,), lang, owner)
    where = _where(message)
    view = quote_view(library.versions(number), library.document(), lang)
    card = cards.paragraph_action_card(view, action, where, context.bot.username, expanded=True)
    await _send(message, card, quote=where == cards.GROUP)


async def ask(update: Update, context: BotContext) -> None:
    """/ask question (also /ask@botname), the documented way to ask in a group."""
    question = " ".join(context.args or []).strip()
    if not question:
        lang = _user_lang(context, update.effective_user)
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
        lang = _user_lang(context, update.effective_user)
        text = cards.plain(lang, "ask_usage", example=t(lang, "example_1"))
        await message.reply_text(text, do_quote=True)
        return
    await answer_question(update, context, question)


async def _stale(update: Update, context: BotContext) -> None:
    """The one answer to a button whose data is stale, tampered or no longer reachable."""
    query = update.callback_query
    await query.answer(t(_user_lang(context, query.from_user), "stale_button"))


async def card_button(update: Update, context: BotContext) -> None:
    """A card button: another paragraph, more results, or feedback; stale data gets a notice."""
    svc = context.services
    query = update.callback_query
    user = query.from_user
    action = unpack(query.data, svc.valid_numbers)
    if action is None:
        await _stale(update, context)
        return
    message = query.message if query.message and query.message.is_accessible else None
    where = _where(message)
    if where == cards.GROUP and action.owner != svc.usage.owner_tag(user.id):
        await query.answer(t(action.lang, "not_your_card"))
        return
    if action.action in ("up", "down"):
        key = (message.chat_id, message.message_id) if message else None
        question = svc.questions.get(key, "") if key else ""
        doc = svc.searcher.library.document().id
        svc.usage.add_feedback(user.id, action.action, doc, action.number, action.lang, question)
        log.info("feedback %s on paragraph %d", action.action, action.number)
        await query.answer(t(action.lang, "feedback_thanks"))
        return
    await query.answer()
    library = svc.searcher.library
    view = quote_view(library.versions(action.number), library.document(), action.lang)
    card = cards.paragraph_action_card(view, action, where, context.bot.username, expanded=True)
    try:
        await query.edit_message_text(card.messages[0], reply_markup=card.keyboard)
    except BadRequest as exc:
        # A double tap edits to the same content; anything else is a real error.
        if "not modified" not in str(exc).lower():
            raise


async def example_button(update: Update, context: BotContext) -> None:
    """A /start example: asked as if the delegate had typed it."""
    query = update.callback_query
    example = unpack_example(query.data)
    # The answer is a reply in the chat of the /start card, which must still be reachable.
    if example is None or not (query.message and query.message.is_accessible):
        await _stale(update, context)
        return
    await query.answer()
    lang, number = example
    await answer_question(update, context, t(lang, f"example_{number}"))


async def lang_command(update: Update, context: BotContext) -> None:
    lang = _user_lang(context, update.effective_user)
    await update.effective_message.reply_text(
        cards.plain(lang, "lang_choose"), reply_markup=cards.lang_keyboard()
    )


async def lang_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    lang = unpack_lang(query.data)
    if lang is None:
        await _stale(update, context)
        return
    context.services.usage.set_language(query.from_user.id, lang)
    await query.answer(t(lang, "lang_set"))
    if query.message and query.message.is_accessible:
        await query.edit_message_text(cards.plain(lang, "lang_set"))


async def privacy(update: Update, context: BotContext) -> None:
    lang = _user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.plain(lang, "privacy"))


async def admins_only(update: Update, context: BotContext) -> None:
    """/stats or /reload from anyone not in TREATYBOT_ADMINS."""
    lang = _user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.plain(lang, "admins_only"))


async def stats(update: Update, context: BotContext) -> None:
    """/stats: the anonymous counts (admins only: the filter is in ``bot/app.py``)."""
    lang = _user_lang(context, update.effective_user)
    svc = context.services
    counts = await svc.run(svc.usage.stats)
    await update.effective_message.reply_text(cards.stats_text(lang, counts))


async def reload(update: Update, context: BotContext) -> None:
    """/reload: reopen the index (rebuilt first if the knowledge changed), admins only. It is
    built on a thread of its own, with an encoder of its own, while the retrieval worker keeps
    answering from the old index; the new one is swapped in when it is ready."""
    lang = _user_lang(context, update.effective_user)
    svc = context.services
    try:
        fresh = await asyncio.to_thread(_open_fresh, svc.config)
    except Exception:
        log.exception("reload failed; the previous index stays in service")
        await update.effective_message.reply_text(cards.plain(lang, "reload_failed"))
        return
    svc.swap(fresh)
    paragraphs = len(fresh.document().numbers)
    log.info("index reloaded: %d paragraphs, languages %s", paragraphs, ",".join(fresh.langs))
    await update.effective_message.reply_text(
        cards.plain(lang, "reload_done", paragraphs=paragraphs, languages=len(fresh.langs))
    )


def _open_fresh(config) -> Searcher:
    searcher = open_index(config.knowledge_dir, config.index_dir, load_encoder(config.model))
    searcher.warm_up()
    return searcher


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot question: up to 10 quotes to drop into the chat; an empty query lists the sections."""
    svc = context.services
    query = update.inline_query
    text = query.query.strip()
    user = query.from_user
    username = context.bot.username
    start_button = InlineQueryResultsButton(
        text=t(_user_lang(context, user, text), "open_in_bot"), start_parameter="inline"
    )
    if not text:
        lang = _user_lang(context, user)
        views = section_views(svc.searcher.library, lang)
        results = [cards.inline_article(view, username) for view in views]
    else:
        result = await svc.search(text, INLINE_RESULTS, pick(user.language_code))
        lang = svc.usage.language(user.id) or result.lang
        hits = result.hits[: 2 if result.abstained else INLINE_RESULTS]
        if result.reason in UNSEARCHED:
            hits = ()
        # "closest": the hedge leads the first result's description, as it leads the card.
        hedge = notice(result, lang) if verdict(result) == CLOSEST else ""
        results = [
            cards.inline_article(hit_view(result, h, lang), username, "" if i else hedge)
            for i, h in enumerate(hits)
        ]
        log.info("inline lang=%s results=%d answer=%s", result.lang, len(results), verdict(result))
    await query.answer(
        results[: InlineQueryLimit.RESULTS], cache_time=30, is_personal=True, button=start_button
    )


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
    lang = _user_lang(context, update.effective_user)
    await update.effective_message.reply_text(cards.plain(lang, "unsupported"))
