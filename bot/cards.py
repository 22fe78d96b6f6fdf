"""Every message the bot sends, as Telegram HTML: built and escaped here and nowhere else.

A card quotes one paragraph: its number and section, the official text and the reader's version
(which comes first depends on where it is shown), the sources, the paragraph's deep link and a
citation line. Every outside string passes ``esc`` as it enters a tag; lengths are checked
against Telegram's limit on the visible text, and a message is cut only between blocks. In a
search answer, the sentences that answer are bold (``bot/marks.py``). The buttons under a card
come from ``bot/keyboards.py``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import MessageLimit

from bot.addresses import payload
from bot.callbacks import CardAction, Signer, doc_code
from bot.i18n import TABLES, t
from bot.keyboards import card_keyboard, examples_keyboard, nearest_keyboard, open_in_bot_keyboard
from bot.marks import Span, mark, unmark, within
from bot.notices import CLOSEST, NO
from bot.view import AnswerView, DocumentView, QuoteView
from index import Paragraph

MAX_LENGTH = MessageLimit.MAX_TEXT_LENGTH
EXPAND_AFTER = 600
PREVIEW_WORDS = 12
_TAG = re.compile(r"<[^>]+>")
BOLD = ("<b>", "</b>")  # marks the sentences that answer

PRIVATE, GROUP, INLINE = "private", "group", "inline"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def visible_length(markup: str) -> int:
    """Length Telegram counts: the text without tags, entities decoded, in UTF-16 code units."""
    return _utf16(html.unescape(_TAG.sub("", markup)))


def deep_link(bot_username: str, doc: str, number: int) -> str:
    """The link that opens the bot on a paragraph; "" when there is no bot name, or when the
    document's id cannot be a deep link's payload (``bot/addresses.py``)."""
    start = payload(doc, number)
    return f"https://t.me/{bot_username}?start={start}" if bot_username and start else ""


def _quote(text: str, spans: tuple[Span, ...] = (), expandable: bool = False) -> str:
    tag = "<blockquote expandable>" if expandable or len(text) > EXPAND_AFTER else "<blockquote>"
    return f"{tag}{mark(text, spans, esc, BOLD)}</blockquote>"


@dataclass(frozen=True)
class Card:
    """Messages to send in order (almost always one); the keyboard goes on the last."""

    messages: list[str]
    keyboard: InlineKeyboardMarkup | None = None

    @property
    def text(self) -> str:
        return self.messages[0]


def paragraph_card(
    view: QuoteView, where: str, bot_username: str, lead: tuple[str, ...] = ()
) -> list[str]:
    """One paragraph as one message, or, for a paragraph too long for one, several.

    ``lead`` are lines of markup said above the card (the question was cut, the report may not
    answer exactly)."""
    official, reader = view.official, view.reader
    header = f"<b>¶{view.number}</b> · {esc(view.section)}"
    official_block = _official_block(official, view, where, reader is None)
    reader_block = "" if reader is None else _reader_block(reader, view)
    body = [official_block, reader_block] if where == PRIVATE else [reader_block, official_block]
    tail = _sources(view, bot_username)
    blocks = [part for part in [*lead, header, *body, tail] if part]
    if _fits(blocks) or reader is None:
        return pack_blocks(blocks)
    # Keep the reader's version whole; the other one is a tap away through the deep link.
    return pack_blocks([part for part in [*lead, header, reader_block, tail] if part])


def _fits(blocks: list[str]) -> bool:
    return visible_length("\n".join(blocks)) <= MAX_LENGTH


def pack_blocks(blocks: list[str]) -> list[str]:
    """Blocks joined into as few messages as fit; a block is never cut inside a tag."""
    messages: list[str] = []
    for block in blocks:
        for piece in _split_block(block):
            if messages and _fits([messages[-1], piece]):
                messages[-1] += "\n" + piece
            else:
                messages.append(piece)
    return messages


def _split_block(block: str) -> list[str]:
    """A quote longer than a message becomes several quotes, cut after sentences; a bold mark
    that runs across a cut is closed before it and opened again after it."""
    if _fits([block]):
        return [block]
    m = re.fullmatch(r"(.*?)(<blockquote[^>]*>)(.*)(</blockquote>)", block, re.S)
    if not m:
        raise ValueError("a block too long for one message that is not a quote")
    label, open_tag, body, close_tag = m.groups()
    text, spans = unmark(body, html.unescape, BOLD)
    budget = MAX_LENGTH - visible_length(label) - 1
    cuts, start, size = [], 0, 0  # the pieces as (start, end) offsets into the text
    for sentence in re.finditer(r".+?(?:[.!?。！？；;](?:\s|$)|\n|$)", text, re.S):
        length = _utf16(sentence.group())
        if sentence.start() > start and size + length > budget:
            cuts.append((start, sentence.start()))
            start, size = sentence.start(), 0
        size += length
    cuts.append((start, len(text)))
    quotes = [
        f"{open_tag}{mark(text[a:b], within(spans, a, b), esc, BOLD)}{close_tag}" for a, b in cuts
    ]
    return [label + quotes[0], *quotes[1:]]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _official_block(official: Paragraph, view: QuoteView, where: str, alone: bool) -> str:
    lang = view.lang
    label = t(lang, "official_text", language=TABLES[official.lang]["language_name"])
    # Folded where the reader's version comes first (groups, inline).
    folded = where != PRIVATE and not alone
    quote = _quote(official.text, view.marks.get(official.lang, ()), expandable=folded)
    return f"<i>{esc(label)}</i>\n{quote}"


def _reader_block(reader: Paragraph, view: QuoteView) -> str:
    lang = view.lang
    key = "official_translation" if reader.official else "working_translation"
    label = t(lang, key, language=t(lang, "language_name"))
    return f"<i>{esc(label)}</i>\n{_quote(reader.text, view.marks.get(reader.lang, ()))}"


def _sources(view: QuoteView, bot_username: str) -> str:
    lang = view.lang
    doc_line = f'<a href="{esc(view.url)}">{esc(view.title)}</a>' if view.url else esc(view.title)
    lines = [f"<b>{esc(t(lang, 'sources'))}</b>", f"{esc(t(lang, 'document'))}: {doc_line}"]
    lines += [f'• <a href="{esc(link.url)}">{esc(link.title)}</a>' for link in view.links]
    lines += [f"• {esc(note)}" for note in view.notes]
    link = deep_link(bot_username, view.doc, view.number)
    if link:
        lines.append(f'🔗 <a href="{esc(link)}">{esc(t(lang, "paragraph_link"))}</a>')
    lines.append(f"{esc(t(lang, 'citation'))}: <code>{esc(view.citation)}</code>")
    return "\n".join(lines)


def answer(view: AnswerView, where: str, bot_username: str, owner: str, signer: Signer) -> Card:
    """The reply to a question: a card (under a hedge when the report may not answer exactly),
    or a plain notice, or an abstention with two buttons."""
    lang = view.lang
    cut = (f"<i>{esc(t(lang, 'cut'))}</i>",) if view.cut else ()
    if view.unsearched:
        return Card(["\n".join([*cut, esc(view.notice)])])
    if view.verdict == NO:
        text = "\n".join([*cut, esc(view.notice)])
        return Card([text], nearest_keyboard(view.others, view.alternatives, lang, owner, signer))
    quote = view.quote
    hedge = (f"<i>{esc(view.notice)}</i>",) if view.verdict == CLOSEST else ()
    messages = paragraph_card(quote, where, bot_username, (*cut, *hedge))
    action = CardAction("go", quote.number, view.alternatives, lang, owner, quote.doc)
    keyboard = card_keyboard(quote, action, compact=where == GROUP, signer=signer)
    return Card(messages, keyboard)


def paragraph_action_card(
    view: QuoteView,
    action: CardAction,
    where: str,
    bot_username: str,
    expanded: bool,
    signer: Signer,
) -> Card:
    messages = paragraph_card(view, where, bot_username)
    compact = where == GROUP and not expanded
    return Card(messages, card_keyboard(view, action, compact, signer))


def inline_article(view: QuoteView, bot_username: str, hedge: str = "") -> InlineQueryResultArticle:
    """A quote to drop into any chat: its card, and a button opening the bot on the paragraph."""
    text = paragraph_card(view, INLINE, bot_username)[0]
    link = deep_link(bot_username, view.doc, view.number)
    keyboard = open_in_bot_keyboard(view.lang, link) if link else None
    return InlineQueryResultArticle(
        id=f"{doc_code(view.doc)}-p{view.number}",
        title=f"¶{view.number} · {view.section}",
        description=" ".join(filter(None, [hedge, f"{view.name} ·", preview(view.shown.text)])),
        input_message_content=InputTextMessageContent(text),
        reply_markup=keyboard,
    )


def _document_lines(view: DocumentView, lang: str) -> list[str]:
    title = f'<a href="{esc(view.url)}">{esc(view.title)}</a>' if view.url else esc(view.title)
    named = f" ({esc(view.name)})" if view.name != view.title else ""
    entry = t(lang, "docs_entry", first=view.first, last=view.last, name=view.handle)
    return [f"• <b>{title}</b>{named}", f"  {esc(entry)}"]


def documents_text(views: list[DocumentView], lang: str) -> str:
    """``/docs``: every document with its link, its paragraphs and how to name it."""
    lines = [f"<b>{plain(lang, 'docs_title')}</b>"]
    for view in views:
        lines += _document_lines(view, lang)
    return "\n".join(lines)


def document_article(view: DocumentView, lang: str) -> InlineQueryResultArticle:
    """A document at the top of the empty inline query: choosing it posts its entry."""
    text = "\n".join(_document_lines(view, lang))
    return InlineQueryResultArticle(
        id=f"d-{doc_code(view.doc)}",
        title=view.title,
        description=" · ".join(dict.fromkeys([view.name, f"¶{view.first}–{view.last}"])),
        input_message_content=InputTextMessageContent(text),
    )


def plain(lang: str, key: str, **fields: object) -> str:
    """One of the bot's own sentences, escaped for HTML."""
    return esc(t(lang, key, **fields))


def start_card(lang: str, first_name: str, signer: Signer) -> Card:
    text = "\n\n".join(
        [
            f"<b>{plain(lang, 'start_hello', name=first_name or '')}</b>",
            plain(lang, "start_knows"),
            plain(lang, "start_how"),
        ]
    )
    return Card([text], examples_keyboard(lang, signer))


def help_text(lang: str, bot_username: str) -> str:
    return plain(lang, "help", bot=bot_username or "bot") + "\n" + plain(lang, "help_docs")


def stats_text(lang: str, stats) -> str:
    per_lang = ", ".join(f"{code}: {n}" for code, n in stats.questions.items()) or "0"
    top = ", ".join(f"¶{n} ({c})" for n, c in stats.top_paragraphs) or "-"
    lines = [
        f"<b>{plain(lang, 'stats_title')}</b>",
        f"{plain(lang, 'stats_questions')}: {esc(per_lang)}",
        f"{plain(lang, 'stats_abstained')}: {stats.abstained}",
        f"{plain(lang, 'stats_paragraphs')}: {esc(top)}",
        f"{plain(lang, 'stats_feedback')}: {stats.votes_up} / {stats.votes_down}",
    ]
    return "\n".join(lines)


def preview(text: str, words: int = PREVIEW_WORDS) -> str:
    """The first words of a quote, for an inline result's description (CJK: characters)."""
    if re.search(r"[\u3400-\u9fff]", text[:20]):
        return text[: words * 3] + ("…" if len(text) > words * 3 else "")
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
