"""Reading the documents by number, one small async function per command: ``/start`` with a
shared deep link, ``/para`` and ``/docs``; questions are in ``bot/handlers.py``, the wiring in
``bot/app.py``. How a paragraph is named (a deep link's payload, ``/para``'s arguments) is read
by ``bot/addresses.py``."""

from __future__ import annotations

from telegram import Update

from bot import cards
from bot.addresses import ParagraphRequest, read_para_args, read_payload
from bot.callbacks import CardAction
from bot.handlers import send_card, user_lang, where_of
from bot.services import BotContext
from bot.view import document_views, out_of_range, quote_view

MAX_PARAS = 5  # paragraphs one /para shows


async def start(update: Update, context: BotContext) -> None:
    """/start greets; /start gb99-secretary-p3 (a shared deep link) opens that paragraph, and
    the earlier /start p26 the primary document's."""
    user = update.effective_user
    lang = await user_lang(context, user)
    request = None
    if context.args:
        request = read_payload(context.args[0], context.services.searcher.library)
    if request is not None:
        await show_paragraphs(update, context, request, lang)
        return
    card = cards.start_card(lang, user.first_name if user else "", context.services.signer)
    await update.effective_message.reply_text(card.text, reply_markup=card.keyboard)


async def para(update: Update, context: BotContext) -> None:
    """/para 26 shows paragraph 26; /para 26 27 both (a few at most); /para secretary 3 (or its
    symbol) paragraph 3 of another document."""
    lang = await user_lang(context, update.effective_user)
    request = read_para_args(context.args or [], context.services.searcher.library)
    if not request.numbers:
        await update.effective_message.reply_text(cards.plain(lang, "para_usage"))
        return
    await show_paragraphs(update, context, request, lang)


async def docs(update: Update, context: BotContext) -> None:
    """/docs lists the documents, with their links and how to name each."""
    lang = await user_lang(context, update.effective_user)
    views = document_views(context.services.searcher.library, lang)
    await update.effective_message.reply_text(cards.documents_text(views, lang))


async def show_paragraphs(
    update: Update, context: BotContext, request: ParagraphRequest, lang: str
) -> None:
    """Each paragraph asked for, as a card with its buttons; a number with no document named
    goes where ``Library.locate`` says (the primary, when it has it), with a button per other
    document that has it."""
    message = update.effective_message
    library = context.services.searcher.library
    if request.unknown:
        await message.reply_text(cards.plain(lang, "unknown_document", name=request.unknown))
        return
    for number in dict.fromkeys(request.numbers[:MAX_PARAS]):
        doc = library.locate(number, request.doc)
        if doc is None:
            document = library.document(request.doc)
            await message.reply_text(cards.esc(out_of_range(document, lang, number)))
            continue
        elsewhere = () if request.doc else library.holders(number)
        await show_paragraph(update, context, doc, number, lang, elsewhere)


async def show_paragraph(
    update: Update,
    context: BotContext,
    doc: str,
    number: int,
    lang: str,
    elsewhere: tuple[str, ...] = (),
) -> None:
    svc = context.services
    message = update.effective_message
    library = svc.searcher.library
    user = update.effective_user
    owner = svc.usage.owner_tag(user.id) if user else "0" * 8
    action = CardAction("go", number, (number,), lang, owner, doc)
    where = where_of(message)
    others = tuple(d for other in elsewhere if other != doc and (d := library.document(other)))
    view = quote_view(library.versions(number, doc), library.document(doc), lang, None, others)
    card = cards.paragraph_action_card(
        view, action, where, context.bot.username, expanded=True, signer=svc.signer
    )
    await send_card(message, card, quote=where == cards.GROUP)
