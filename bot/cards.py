"""Every message the bot sends, as Telegram HTML: built and escaped here and nowhere else.

A card quotes one paragraph: its number and section, the official text and the reader's version
(which comes first depends on where it is shown), the sources, the paragraph's deep link and a
citation line. Every outside string passes ``esc`` as it enters a tag; lengths are checked
against Telegram's limit on the visible text, and a message is cut only between blocks. In a
search answer, the sentences that answer are bold (``bot/marks.py``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.callbacks import EXAMPLES, CardAction, pack, pack_example, pack_lang
from bot.i18n import TABLES, t
from bot.marks import Marks, Span, highlights, mark, unmark, within
from bot.notices import CLOSEST, NO, UNSEARCHED, notice, verdict
from index import LANGS, Paragraph, Searcher, SearchResult

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


def deep_link(bot_username: str, number: int) -> str:
    return f"https://t.me/{bot_username}?start=p{number}"


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
    searcher: Searcher,
    number: int,
    lang: str,
    where: str,
    bot_username: str,
    doc: str | None = None,
    marks: Marks | None = None,
    lead: tuple[str, ...] = (),
) -> list[str]:
    """One paragraph as one message, or, for a paragraph too long for one, several.

    ``marks`` are the spans to bold per language version (a search answer's); ``lead`` are lines
    of markup said above the card (the question was cut, the report may not answer exactly)."""
    document = searcher.document(doc)
    versions = searcher.versions(number, document.id)
    official = versions[document.official_lang]
    reader = versions.get(lang, official)
    marks = marks or {}
    header = f"<b>¶{number}</b> · {esc(reader.section_path)}"
    official_block = _official_block(official, lang, where, reader is official, marks)
    reader_block = "" if reader is official else _reader_block(reader, lang, marks)
    body = [official_block, reader_block] if where == PRIVATE else [reader_block, official_block]
    tail = _sources(searcher, reader, lang, bot_username, document.id)
    blocks = [part for part in [*lead, header, *body, tail] if part]
    if _fits(blocks) or reader is official:
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


def _official_block(official: Paragraph, lang: str, where: str, alone: bool, marks: Marks) -> str:
    label = t(lang, "official_text", language=TABLES[official.lang]["language_name"])
    # Folded where the reader's version comes first (groups, inline).
    folded = where != PRIVATE and not alone
    quote = _quote(official.text, marks.get(official.lang, ()), expandable=folded)
    return f"<i>{esc(label)}</i>\n{quote}"


def _reader_block(reader: Paragraph, lang: str, marks: Marks) -> str:
    key = "official_translation" if reader.official else "working_translation"
    label = t(lang, key, language=t(lang, "language_name"))
    return f"<i>{esc(label)}</i>\n{_quote(reader.text, marks.get(reader.lang, ()))}"


def _sources(searcher: Searcher, reader: Paragraph, lang: str, bot_username: str, doc: str) -> str:
    document = searcher.document(doc)
    title = document.title.get(lang) or document.title.get("en") or document.id
    version = document.versions.get(reader.lang)
    url = (version.url if version and version.url else "") or document.url
    doc_line = f'<a href="{esc(url)}">{esc(title)}</a>' if url else esc(title)
    lines = [f"<b>{esc(t(lang, 'sources'))}</b>", f"{esc(t(lang, 'document'))}: {doc_line}"]
    lines += [f'• <a href="{esc(link.url)}">{esc(link.title)}</a>' for link in reader.links]
    lines += [f"• {esc(note)}" for note in reader.notes]
    if bot_username:
        link = deep_link(bot_username, reader.number)
        lines.append(f'🔗 <a href="{esc(link)}">{esc(t(lang, "paragraph_link"))}</a>')
    symbol = (version.symbol if version and version.symbol else "") or document.symbol
    session = document.session_name.get(lang) or document.session
    cite = f"{symbol or title}, {session}, para. {reader.number}"
    lines.append(f"{esc(t(lang, 'citation'))}: <code>{esc(cite)}</code>")
    return "\n".join(lines)


def card_keyboard(
    searcher: Searcher, action: CardAction, where: str, expanded: bool
) -> InlineKeyboardMarkup:
    """Other matches, previous/next paragraph and feedback; in a group, first just 'more'."""
    if where == GROUP and not expanded:
        more = CardAction("more", action.number, action.alternatives, action.lang, action.owner)
        label = t(action.lang, "more_results")
        return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=pack(more))]])
    numbers = searcher.document().numbers

    def go(n: int, label: str) -> InlineKeyboardButton:
        target = CardAction("go", n, action.alternatives, action.lang, action.owner)
        return InlineKeyboardButton(label, callback_data=pack(target))

    rows = []
    others = [n for n in action.alternatives if n != action.number][:3]
    if others:
        rows.append([go(n, f"¶{n}") for n in others])
    moves = []
    if action.number - 1 in numbers:
        moves.append(go(action.number - 1, f"◀ ¶{action.number - 1}"))
    if action.number + 1 in numbers:
        moves.append(go(action.number + 1, f"¶{action.number + 1} ▶"))
    if moves:
        rows.append(moves)
    up = CardAction("up", action.number, action.alternatives, action.lang, action.owner)
    down = CardAction("down", action.number, action.alternatives, action.lang, action.owner)
    rows.append(
        [
            InlineKeyboardButton("👍", callback_data=pack(up)),
            InlineKeyboardButton("👎", callback_data=pack(down)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def answer(
    searcher: Searcher,
    result: SearchResult,
    lang: str,
    where: str,
    bot_username: str,
    owner: str,
) -> Card:
    """The reply to a question: a card (under a hedge when the report may not answer exactly),
    or a plain notice, or an abstention with two buttons."""
    text = notice(searcher, result, lang)
    cut = (f"<i>{esc(t(lang, 'cut'))}</i>",) if result.cut else ()
    if result.reason in UNSEARCHED or not result.hits:
        text = text or t(lang, "empty", example=t(lang, "example_1"))
        return Card(["\n".join([*cut, esc(text)])])
    alternatives = tuple(h.number for h in result.hits[:4])
    kind = verdict(result)
    if kind == NO:
        buttons = [
            InlineKeyboardButton(
                _button_label(searcher, h.number, lang),
                callback_data=pack(CardAction("go", h.number, alternatives, lang, owner)),
            )
            for h in result.hits[:2]
        ]
        return Card(["\n".join([*cut, esc(text)])], InlineKeyboardMarkup([[b] for b in buttons]))
    best = result.hits[0]
    hedge = (f"<i>{esc(text)}</i>",) if kind == CLOSEST else ()
    marks = highlights(result, best)
    messages = paragraph_card(
        searcher, best.number, lang, where, bot_username, best.doc, marks, (*cut, *hedge)
    )
    action = CardAction("go", best.number, alternatives, lang, owner)
    return Card(messages, card_keyboard(searcher, action, where, expanded=False))


def _button_label(searcher: Searcher, number: int, lang: str, width: int = 40) -> str:
    p = searcher.paragraph(number, lang)
    section = p.section[-1] if p and p.section else ""
    label = f"¶{number} · {section}"
    return label if len(label) <= width else label[: width - 1] + "…"


def paragraph_action_card(
    searcher: Searcher, action: CardAction, where: str, bot_username: str, expanded: bool
) -> Card:
    messages = paragraph_card(searcher, action.number, action.lang, where, bot_username)
    return Card(messages, card_keyboard(searcher, action, where, expanded))


def plain(lang: str, key: str, **fields: object) -> str:
    """One of the bot's own sentences, escaped for HTML."""
    return esc(t(lang, key, **fields))


def start_card(lang: str, first_name: str) -> Card:
    text = "\n\n".join(
        [
            f"<b>{plain(lang, 'start_hello', name=first_name or '')}</b>",
            plain(lang, "start_knows"),
            plain(lang, "start_how"),
        ]
    )
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(lang, f"example_{i}"), callback_data=pack_example(lang, i))]
            for i in range(1, EXAMPLES + 1)
        ]
    )
    return Card([text], keyboard)


def help_text(lang: str, bot_username: str) -> str:
    return plain(lang, "help", bot=bot_username or "bot")


def lang_keyboard() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(TABLES[code]["language_name"], callback_data=pack_lang(code))
        for code in LANGS
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


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
