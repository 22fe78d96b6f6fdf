"""Inline mode: ``@bot question`` in any chat lists quotes to drop into the conversation; an
empty query lists the documents, then their sections. Wired in ``bot/app.py``."""

from __future__ import annotations

import logging

from telegram import InlineQueryResultsButton, Update
from telegram.constants import InlineQueryLimit

from bot import cards
from bot.handlers import user_lang
from bot.i18n import pick, t
from bot.notices import CLOSEST, UNSEARCHED, verdict
from bot.services import BotContext
from bot.view import document_views, hit_view, notice, section_views

log = logging.getLogger(__name__)

INLINE_RESULTS = 10


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot question: up to 10 quotes to drop into the chat; an empty query lists the documents,
    then their sections."""
    svc = context.services
    query = update.inline_query
    text = query.query.strip()
    user = query.from_user
    username = context.bot.username
    start_button = InlineQueryResultsButton(
        text=t(await user_lang(context, user, text), "open_in_bot"), start_parameter="inline"
    )
    if not text:
        lang = await user_lang(context, user)
        library = svc.searcher.library
        documents = [cards.document_article(v, lang) for v in document_views(library, lang)]
        sections = [cards.inline_article(v, username) for v in section_views(library, lang)]
        results = documents + sections
    else:
        result = await svc.search(text, INLINE_RESULTS, pick(user.language_code), user.id)
        lang = await svc.state(svc.usage.language, user.id) or result.lang
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
