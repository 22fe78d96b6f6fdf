"""The Bot API methods the bot calls, answered from the fake's state, each call recorded.

Why: one place answers a request however it arrived, over HTTP (`tests/fake/server.py`) or
in-process through PTB's request seam (`tests/fake/request.py`): the same checks, the same
Telegram-shaped results and errors, the same record of what the bot sent.
"""

from __future__ import annotations

import copy
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fake.checks import (
    MAX_CALLBACK_ANSWER_CHARS,
    NOT_MODIFIED,
    QUERY_INVALID,
    ApiError,
    bad,
    decode_params,
    format_text,
    int_param,
    validate_inline_results,
    validate_reply_markup,
)
from tests.fake.updates import Updates, set_or_drop

_LOG = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Predicate = Callable[["CallRecord"], bool]

_PATH = re.compile(r"/bot([^/]+)/([^/]+)/?")
_HTTP_REASONS = {
    400: "Bad Request",
    403: "Forbidden",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def split_path(path: str) -> tuple[str, str] | None:
    """(token, method) of a Bot API path such as /bot<token>/sendMessage; None otherwise."""
    match = _PATH.fullmatch(path)
    return (match.group(1), match.group(2)) if match else None


@dataclass(frozen=True)
class CallRecord:
    """One request the fake answered: what was asked and what it got back."""

    method: str  # canonical name ("sendMessage"); the raw name for unknown methods
    params: JSONDict  # decoded parameters (numbers, booleans and JSON objects typed)
    time: float  # time.time() at arrival
    status: int  # HTTP status of the answer
    response: JSONDict  # the JSON body sent back
    injected: bool = False  # True when a fail_next() rule produced the answer

    @property
    def ok(self) -> bool:
        """Whether Telegram would have reported success."""
        return self.response.get("ok") is True

    @property
    def result(self) -> Any:
        """The `result` of a successful call (None for errors)."""
        return self.response.get("result")


@dataclass
class Described:
    """A result that Telegram answers with a `description` too (webhook methods)."""

    result: Any
    description: str


@dataclass
class _FailRule:
    method: str  # lower-case
    remaining: int
    error: ApiError
    chat_id: int | None = None  # only calls for this chat, when set


class BotApi(Updates):
    """The Bot API for one bot token, without a network: `answer()` is the entry point."""

    METHODS: tuple[str, ...] = (
        "getMe",
        "setMyCommands",
        "sendMessage",
        "editMessageText",
        "answerCallbackQuery",
        "answerInlineQuery",
    )

    def __init__(self) -> None:
        super().__init__()
        self._calls: list[CallRecord] = []
        self._fail_rules: list[_FailRule] = []
        snake = re.compile(r"(?<!^)([A-Z])")
        self._handlers: dict[str, Callable[[JSONDict], Any]] = {
            name: getattr(self, "_api_" + snake.sub(r"_\1", name).lower()) for name in self.METHODS
        }

    @property
    def api_url(self) -> str:
        """Where PTB is told the Bot API is; never dialled in-process (.invalid never resolves)."""
        return "http://bot-api.invalid"

    # ------------------------------------------------------------ recording

    def calls(self, method: str | None = None, *, ok: bool | None = None) -> list[CallRecord]:
        """Recorded calls, oldest first; `method` is case-insensitive, `ok` filters success."""
        with self._cond:
            return self._matching(method, None, ok)

    def last(self, method: str | None = None, *, ok: bool | None = None) -> CallRecord:
        """The newest matching call; LookupError (listing what was called) if none."""
        found = self.calls(method, ok=ok)
        if not found:
            raise LookupError(f"no {method or 'call'} recorded; calls: {self.summary()}")
        return found[-1]

    def summary(self) -> str:
        """The last 30 calls as "method->status", for failure messages."""
        with self._cond:
            return ", ".join(f"{r.method}->{r.status}" for r in self._calls[-30:]) or "none"

    def _matching(
        self, method: str | None, predicate: Predicate | None, ok: bool | None
    ) -> list[CallRecord]:
        wanted = method.lower() if method else None
        return [
            r
            for r in self._calls
            if (wanted is None or r.method.lower() == wanted)
            and (ok is None or r.ok == ok)
            and (predicate is None or predicate(r))
        ]

    # ------------------------------------------------------------ failures

    def fail_next(
        self,
        method: str,
        times: int = 1,
        retry_after: int = 1,
        *,
        status: int = 429,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (for `chat_id` only, if given) with an error.

        429 gives Telegram's flood-control answer with parameters.retry_after; any other
        status answers {"ok": false, "error_code": status, "description": its HTTP reason}.
        """
        if status == 429:
            description = f"Too Many Requests: retry after {retry_after}"
            error = ApiError(429, description, {"retry_after": retry_after})
        else:
            error = ApiError(status, _HTTP_REASONS.get(status, "Error"))
        with self._cond:
            self._fail_rules.append(_FailRule(method.lower(), times, error, chat_id))

    def _take_failure(self, method: str, params: JSONDict) -> ApiError | None:
        for rule in self._fail_rules:
            if rule.method == method.lower() and rule.chat_id in (None, params.get("chat_id")):
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._fail_rules.remove(rule)
                return rule.error
        return None

    # ------------------------------------------------------------ the entry point

    def answer(self, token: str, method: str, fields: dict[str, str]) -> tuple[int, JSONDict]:
        """Answer one call given its form fields: (HTTP status, JSON body). Never raises."""
        started = time.time()
        method = next((name for name in self._handlers if name.lower() == method.lower()), method)
        params: JSONDict = {}
        injected = False
        try:
            params = decode_params(fields)
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            status, response, injected = self._dispatch(method, params)
        except ApiError as err:
            # The token is checked first: a wrong one is 401, whatever else is wrong.
            error = err if token == self.token else ApiError(401, "Unauthorized")
            status, response = error.status, error.body()
        except Exception:  # a bug in the fake must not look like a network failure
            _LOG.exception("fake Bot API failed on %s", method)
            status, response = 500, ApiError(500, "Internal Server Error").body()
        record = CallRecord(method, params, started, status, response, injected)
        with self._cond:
            self._calls.append(record)
            self._cond.notify_all()
        _LOG.debug("%s -> %s%s", method, status, " (injected)" if injected else "")
        return status, response

    def _dispatch(self, method: str, params: JSONDict) -> tuple[int, JSONDict, bool]:
        with self._cond:
            error = self._take_failure(method, params)
            if error is not None:
                return error.status, error.body(), True
            handler = self._handlers.get(method)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = handler(params)
        if isinstance(result, Described):
            return (
                200,
                {"ok": True, "result": result.result, "description": result.description},
                False,
            )
        return 200, {"ok": True, "result": result}, False

    # ------------------------------------------------------------ bot methods

    def _api_get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(
                r"[a-z0-9_]{1,32}", str(command.get("command", ""))
            ):
                raise bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise bad("can't parse BotCommandScope JSON object")
        return True

    # ------------------------------------------------------------ messages

    def _text(self, params: JSONDict) -> tuple[str, list[JSONDict]]:
        """The checked text and its entities, a tg://user link's user filled in."""
        text, entities = format_text(params.get("text"), params.get("parse_mode"))
        return text, [self._with_user(e) for e in entities]

    def _with_user(self, entity: JSONDict) -> JSONDict:
        if "user_id" not in entity:
            return entity
        user_id = entity.pop("user_id")
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": "User"}
        return {**entity, "user": copy.deepcopy(user)}

    def _resolve_chat(self, chat_id: Any) -> JSONDict:
        if chat_id is None or chat_id == "":
            raise bad("chat_id is empty")
        if not isinstance(chat_id, int):
            raise bad("chat not found")
        return self._chat_by_id(chat_id)

    def _reply_target(self, chat: JSONDict, params: JSONDict) -> JSONDict | None:
        """The message a send replies to, or an error like Telegram's."""
        reply = params.get("reply_parameters")
        reply = reply if isinstance(reply, dict) else {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        allow = reply.get(
            "allow_sending_without_reply", params.get("allow_sending_without_reply", False)
        )
        chat_id = reply.get("chat_id", chat["id"])
        target = self._messages.get((chat_id, int_param({"id": message_id}, "id", 0)))
        if target is None and not allow:
            raise bad("message to be replied not found")
        return target

    def _api_send_message(self, params: JSONDict) -> JSONDict:
        chat = self._resolve_chat(params.get("chat_id"))
        text, entities = self._text(params)
        markup = validate_reply_markup(params.get("reply_markup"))
        thread_id = params.get("message_thread_id")
        msg = self._compose(
            chat,
            self.bot_user,
            text=text,
            entities=entities,
            thread_id=thread_id if isinstance(thread_id, int) else None,
            reply_to=self._reply_target(chat, params),
        )
        if markup is not None:
            msg["reply_markup"] = markup
            self._store_message(msg)
        return msg

    def _api_edit_message_text(self, params: JSONDict) -> JSONDict:
        text, entities = self._text(params)
        markup = validate_reply_markup(params.get("reply_markup"))
        chat = self._resolve_chat(params.get("chat_id"))
        if params.get("message_id") is None:
            raise bad("message identifier is not specified")
        msg = self._messages.get((chat["id"], int_param(params, "message_id", 0)))
        if msg is None:
            raise bad("message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise bad("message can't be edited")
        if "text" not in msg:
            raise bad("there is no text in the message to edit")
        if (msg["text"], msg.get("entities", []), msg.get("reply_markup")) == (
            text,
            entities,
            markup,
        ):
            raise bad(NOT_MODIFIED)
        msg["text"] = text
        set_or_drop(msg, "entities", entities or None)
        set_or_drop(msg, "reply_markup", markup)  # no reply_markup removes the keyboard
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    def _api_answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise bad(QUERY_INVALID)
        if len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER_CHARS:
            raise bad("MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        return True

    def _api_answer_inline_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self._open_inline_queries:
            raise bad(QUERY_INVALID)
        validate_inline_results(params.get("results"))
        self._open_inline_queries.discard(query_id)  # a rejected answer may be retried
        return True
