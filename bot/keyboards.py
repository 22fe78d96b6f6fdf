"""The inline keyboards under the bot's messages; every callback button's data is packed and
signed by ``bot/callbacks.py``."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import EXAMPLES, CardAction, Signer, pack, pack_example, pack_lang
from bot.i18n import TABLES, t
from bot.view import QuoteView
from index import LANGS


def card_keyboard(
    view: QuoteView, action: CardAction, compact: bool, signer: Signer
) -> InlineKeyboardMarkup:
    """Other matches, previous/next paragraph of the card's document, the other documents with
    this paragraph number, and feedback; ``compact`` (a group card, at first): just 'more'."""
    if compact:
        more = replace(action, action="more")
        label = t(action.lang, "more_results")
        button = InlineKeyboardButton(label, callback_data=pack(more, signer))
        return InlineKeyboardMarkup([[button]])

    def go(n: int, label: str) -> InlineKeyboardButton:
        target = replace(action, action="go", number=n)
        return InlineKeyboardButton(label, callback_data=pack(target, signer))

    rows = []
    others = [n for n in action.alternatives if n != action.number][:3]
    if others:
        rows.append([go(n, f"¶{n}") for n in others])
    before = [n for n in view.numbers if n < action.number]
    after = [n for n in view.numbers if n > action.number]
    moves = []
    if before:
        moves.append(go(max(before), f"◀ ¶{max(before)}"))
    if after:
        moves.append(go(min(after), f"¶{min(after)} ▶"))
    if moves:
        rows.append(moves)
    for other in view.elsewhere:
        target = CardAction(
            "go", action.number, (action.number,), action.lang, action.owner, other.doc
        )
        label = _short(f"¶{action.number} · {other.name}")
        rows.append([InlineKeyboardButton(label, callback_data=pack(target, signer))])
    up, down = replace(action, action="up"), replace(action, action="down")
    rows.append(
        [
            InlineKeyboardButton("👍", callback_data=pack(up, signer)),
            InlineKeyboardButton("👎", callback_data=pack(down, signer)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def nearest_keyboard(
    views: tuple[QuoteView, ...],
    alternatives: tuple[int, ...],
    lang: str,
    owner: str,
    signer: Signer,
) -> InlineKeyboardMarkup:
    """One button per paragraph offered instead of an answer; ``alternatives`` are of the first
    one's document, and a button moves within its own paragraph's document."""

    def target(near: QuoteView) -> CardAction:
        alts = alternatives if near.doc == views[0].doc else (near.number,)
        return CardAction("go", near.number, alts, lang, owner, near.doc)

    buttons = [
        InlineKeyboardButton(_button_label(near), callback_data=pack(target(near), signer))
        for near in views
    ]
    return InlineKeyboardMarkup([[b] for b in buttons])


def _button_label(view: QuoteView) -> str:
    section = view.shown.section[-1] if view.shown.section else ""
    return _short(f"¶{view.number} · {section}")


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def examples_keyboard(lang: str, signer: Signer) -> InlineKeyboardMarkup:
    """The /start card's example questions, one per row."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, f"example_{i}"), callback_data=pack_example(lang, i, signer)
                )
            ]
            for i in range(1, EXAMPLES + 1)
        ]
    )


def lang_keyboard(signer: Signer) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(TABLES[code]["language_name"], callback_data=pack_lang(code, signer))
        for code in LANGS
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def open_in_bot_keyboard(lang: str, url: str) -> InlineKeyboardMarkup:
    """Under an inline result: a link that opens the bot on the paragraph."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(t(lang, "open_in_bot"), url=url)]])
