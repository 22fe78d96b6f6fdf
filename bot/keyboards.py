"""The inline keyboards under the bot's messages; every callback button's data is packed and
signed by ``bot/callbacks.py``."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import EXAMPLES, CardAction, Signer, pack, pack_example, pack_lang
from bot.i18n import TABLES, t
from bot.view import QuoteView
from index import LANGS


def card_keyboard(
    numbers: tuple[int, ...], action: CardAction, compact: bool, signer: Signer
) -> InlineKeyboardMarkup:
    """Other matches, previous/next paragraph (``numbers``: the document's) and feedback;
    ``compact`` (a group card, at first): just 'more'."""
    if compact:
        more = CardAction("more", action.number, action.alternatives, action.lang, action.owner)
        label = t(action.lang, "more_results")
        button = InlineKeyboardButton(label, callback_data=pack(more, signer))
        return InlineKeyboardMarkup([[button]])

    def go(n: int, label: str) -> InlineKeyboardButton:
        target = CardAction("go", n, action.alternatives, action.lang, action.owner)
        return InlineKeyboardButton(label, callback_data=pack(target, signer))

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
    """One button per paragraph offered instead of an answer."""
    buttons = [
        InlineKeyboardButton(
            _button_label(near),
            callback_data=pack(CardAction("go", near.number, alternatives, lang, owner), signer),
        )
        for near in views
    ]
    return InlineKeyboardMarkup([[b] for b in buttons])


def _button_label(view: QuoteView, width: int = 40) -> str:
    section = view.shown.section[-1] if view.shown.section else ""
    label = f"¶{view.number} · {section}"
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
