"""What the Bot API checks in a request before acting on it, with Telegram's error wording.

Why: a wrong request must fail in a test as it would fail on Telegram, with the same
`BadRequest` text, so parameters are typed by name as the Bot API types them, and texts, inline
keyboards and inline query results are checked against Telegram's rules and limits.
"""

from __future__ import annotations

import json
from typing import Any

from tests.fake.entities import checked_link, detect_entities, parse_html, sort_entities, utf16_len

JSONDict = dict[str, Any]

MAX_TEXT_UTF16 = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_CALLBACK_ANSWER_CHARS = 200
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSONDict:
        """The JSON body Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad(reason: str) -> ApiError:
    """A 400 error; the Bot API prefixes every such reason with "Bad Request: "."""
    return ApiError(400, f"Bad Request: {reason}")


# ---------------------------------------------------------------- parameters

# The parameters of the methods the fake serves, typed as the Bot API types them.
_JSON_FIELDS = frozenset(
    "reply_markup entities link_preview_options reply_parameters results button commands scope "
    "allowed_updates suggested_post_parameters".split()
)
_INT_FIELDS = frozenset(
    "chat_id message_id message_thread_id direct_messages_topic_id reply_to_message_id offset "
    "limit timeout cache_time max_connections".split()
)
_BOOL_FIELDS = frozenset(
    "disable_notification protect_content allow_sending_without_reply allow_paid_broadcast "
    "show_alert is_personal drop_pending_updates".split()
)


def decode_params(fields: dict[str, str]) -> JSONDict:
    """Type form fields by name, as the Bot API does (a text "123" stays a string)."""
    return {name: _decode_value(name, value) for name, value in fields.items()}


def _decode_value(name: str, value: str) -> Any:
    if name in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError as exc:
            what = "reply keyboard markup" if name == "reply_markup" else name
            raise bad(f"can't parse {what} JSON object") from exc
    if name in _INT_FIELDS:
        try:
            return int(value.strip())
        except ValueError:
            return value  # not a number: the method decides what that means
    if name in _BOOL_FIELDS:
        return value.strip().lower() in ("true", "1", "yes")
    return value


def int_param(params: JSONDict, name: str, default: int) -> int:
    """An integer parameter, or Telegram's error for one that is not."""
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise bad(f'wrong parameter "{name}" specified') from exc


# ---------------------------------------------------------------- texts


def format_text(text: Any, parse_mode: Any = None) -> tuple[str, list[JSONDict]]:
    """Parse and check a message text as sendMessage does: (plain text, entities).

    HTML is parsed strictly (see `parse_html`); a link to tg://user?id= gives an entity with
    `user_id`, which the caller turns into a User.
    """
    if not isinstance(text, str) or not text:
        raise bad("message text is empty")
    mode = str(parse_mode or "").lower()
    if mode == "html":
        try:
            plain, found = parse_html(text, strict=True)
        except ValueError as err:
            raise bad(f"can't parse entities: {err}") from err
    elif mode in ("", "none"):
        plain, found = text, []
    else:
        raise bad("unsupported parse_mode")
    if not plain.strip():
        raise bad("message text is empty")
    if utf16_len(plain) > MAX_TEXT_UTF16:
        raise bad("message is too long")
    return plain, sort_entities(found + detect_entities(plain, found))


# ---------------------------------------------------------------- keyboards

_BUTTON_ACTIONS = (
    "url callback_data web_app login_url switch_inline_query switch_inline_query_current_chat "
    "switch_inline_query_chosen_chat copy_text callback_game pay".split()
)
_BUTTON = "can't parse inline keyboard button: "


def validate_reply_markup(markup: Any) -> JSONDict | None:
    """Check reply_markup like the Bot API; return what a Message echoes (inline keyboards)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                _validate_button(button)
        return {"inline_keyboard": rows} if any(rows) else None
    if any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
        return None  # valid, but a Message carries only inline keyboards
    raise bad("can't parse reply keyboard markup JSON object")


def _validate_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad(_BUTTON + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad(_BUTTON + 'Field "text" must be of type String')
    # An empty callback_data or url counts as absent (seen on the real API).
    actions = [
        k
        for k in _BUTTON_ACTIONS
        if k in button and not (k in ("callback_data", "url") and button[k] == "")
    ]
    if not actions:
        raise bad(_BUTTON + "Text buttons are unallowed in the inline keyboard")
    data = button.get("callback_data")
    if isinstance(data, str) and len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        raise bad("BUTTON_DATA_INVALID")
    if button.get("url") and checked_link(str(button["url"])) is None:
        raise bad("BUTTON_URL_INVALID")


# ---------------------------------------------------------------- inline query results

_INLINE_TYPES = frozenset(
    "article photo gif mpeg4_gif video audio voice document location venue contact game "
    "sticker".split()
)
_TITLE_REQUIRED = frozenset({"article", "video", "audio", "voice", "document", "location", "venue"})
_RESULT = "can't parse inline query result: "


def validate_inline_results(results: Any) -> None:
    """Check answerInlineQuery's results: count, ids, titles, message texts, keyboards."""
    if not isinstance(results, list):
        raise bad("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad("RESULTS_TOO_MUCH")
    for result in results:
        _validate_inline_result(result)
    ids = [result["id"] for result in results]
    if len(set(ids)) != len(ids):
        raise bad("RESULT_ID_DUPLICATE")


def _validate_inline_result(result: Any) -> None:
    if not isinstance(result, dict):
        raise bad(_RESULT + "InlineQueryResult must be an Object")
    kind = str(result.get("type") or "")
    if kind.lower() not in _INLINE_TYPES:
        raise bad(_RESULT + f'type "{kind}" is unsupported for the inline query result')
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
        raise bad("RESULT_ID_INVALID")
    if kind.lower() in _TITLE_REQUIRED:
        if not isinstance(result.get("title"), str):
            raise bad(_RESULT + 'Can\'t find field "title"')
        if not result["title"].strip():
            raise bad("RESULT_TITLE_EMPTY")
    content = result.get("input_message_content")
    if kind.lower() == "article" and not isinstance(content, dict):
        raise bad(_RESULT + 'Can\'t find field "input_message_content"')
    if isinstance(content, dict) and "message_text" in content:
        try:
            format_text(content.get("message_text"), content.get("parse_mode"))
        except ApiError as err:
            reason = err.description.removeprefix("Bad Request: ")
            raise bad(_RESULT + reason[:1].upper() + reason[1:]) from err
    validate_reply_markup(result.get("reply_markup"))
