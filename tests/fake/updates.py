"""The users, chats and messages the fake Telegram knows, and the updates it builds from them.

Why: a handler test is only as good as the update it is given. Every builder here returns the
JSON update as the Bot API shapes it (field order, entities Telegram would detect, forum topics
as replies to the topic's first message, a callback embedding the message as currently edited),
and remembers what it built, so a later reply, edit or button press can refer to it.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from typing import Any

from tests.fake.entities import detect_entities

_LOG = logging.getLogger(__name__)

JSONDict = dict[str, Any]

DEFAULT_TOKEN = "123456789:AAFakeTokenForTreatybotTests_0123456789"
DEFAULT_USERNAME = "treaty_test_bot"
DEFAULT_USER_ID = 1001
DEFAULT_GROUP_ID = -1001234567890
DEFAULT_CHANNEL_ID = -1009876543210

_MEMBER_RIGHTS: dict[str, JSONDict] = {
    "administrator": {
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": False,
        "can_edit_stories": False,
        "can_delete_stories": False,
        "can_pin_messages": True,
        "can_manage_topics": False,
    },
    "kicked": {"until_date": 0},
    "member": {},
    "left": {},
}


class Updates:
    """The bot's Telegram: users, chats and messages, and the updates built from them.

    State lives behind one lock (`_cond`), because the HTTP server answers from many threads.
    """

    def __init__(self) -> None:
        self.token = DEFAULT_TOKEN
        self.username = DEFAULT_USERNAME
        self.first_name = "Treaty Test Bot"
        self.bot_id = int(DEFAULT_TOKEN.split(":", 1)[0])
        self._cond = threading.Condition(threading.RLock())
        self._next_update_id = 1
        self._next_query = 1
        self._file_counter = 0
        self._next_message_id: dict[int, int] = {}
        self._users: dict[int, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._open_callbacks: set[str] = set()
        self._open_inline_queries: set[str] = set()
        self._inbox: list[JSONDict] = []

    @property
    def bot_user(self) -> JSONDict:
        """The bot as it appears in `from` of its messages."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def message(self, chat_id: int, message_id: int) -> JSONDict:
        """The current version of a known message (after edits); KeyError if unknown."""
        with self._cond:
            return copy.deepcopy(self._messages[(chat_id, message_id)])

    # ------------------------------------------------------------ users and chats

    def user(
        self,
        user_id: int = DEFAULT_USER_ID,
        language_code: str | None = "en",
        first_name: str | None = None,
    ) -> JSONDict:
        """Build (and remember) a User; remembered users name private chats and mentions."""
        user: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"User {user_id}",
        }
        if language_code:
            user["language_code"] = language_code
        with self._cond:
            self._users[user_id] = copy.deepcopy(user)
        return user

    def _chat(
        self,
        chat_id: int,
        *,
        chat_type: str | None = None,
        title: str | None = None,
        is_forum: bool | None = None,
    ) -> JSONDict:
        """Create or update a group/supergroup/channel chat; None keeps what is known.

        New chats default to a non-forum supergroup titled "Group <id>".
        """
        with self._cond:
            known = self._chats.get(chat_id, {})
            chat: JSONDict = {
                "id": chat_id,
                "title": title or known.get("title") or f"Group {chat_id}",
                "type": chat_type or known.get("type") or "supergroup",
            }
            forum = known.get("is_forum", False) if is_forum is None else is_forum
            if forum:
                chat["is_forum"] = True
            return copy.deepcopy(self._register_chat(chat))

    def _register_chat(self, chat: JSONDict) -> JSONDict:
        self._chats[chat["id"]] = copy.deepcopy(chat)
        return self._chats[chat["id"]]

    def _chat_by_id(self, chat_id: int) -> JSONDict:
        """A known chat, or one made up by the shape of its id (private, group or supergroup)."""
        chat = self._chats.get(chat_id)
        if chat is not None:
            return chat
        if chat_id > 0:
            user = self._users.get(chat_id) or self.user(chat_id)
            return self._register_chat(_private_chat(user))
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return self._register_chat({"id": chat_id, "title": f"Group {chat_id}", "type": kind})

    # ------------------------------------------------------------ messages

    def _allocate_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _store_message(self, message: JSONDict) -> None:
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        self._next_message_id[chat_id] = max(self._next_message_id.get(chat_id, 1), message_id + 1)
        self._messages[(chat_id, message_id)] = copy.deepcopy(message)

    def _compose(
        self,
        chat: JSONDict,
        sender: JSONDict | None,
        *,
        text: str | None = None,
        entities: list[JSONDict] | None = None,
        thread_id: int | None = None,
        reply_to: JSONDict | None = None,
        extra: JSONDict | None = None,
    ) -> JSONDict:
        """Build and store a Message with Telegram's field order; returns a copy."""
        if thread_id is not None and chat.get("is_forum") and reply_to is None:
            reply_to = self._topic_starter(chat, thread_id)  # allocated before this message
        msg: JSONDict = {"message_id": self._allocate_message_id(chat["id"])}
        if sender is not None:
            msg["from"] = copy.deepcopy(sender)
        if chat["type"] == "channel":
            msg["sender_chat"] = copy.deepcopy(chat)
        msg["chat"] = copy.deepcopy(chat)
        msg["date"] = int(time.time())
        if thread_id is not None:
            msg["message_thread_id"] = thread_id
            if chat.get("is_forum"):
                msg["is_topic_message"] = True
        if reply_to is not None:
            msg["reply_to_message"] = _strip_reply(reply_to)
        msg.update(extra or {})
        if text is not None:
            msg["text"] = text
            if entities:
                msg["entities"] = copy.deepcopy(entities)
        self._store_message(msg)
        return copy.deepcopy(msg)

    def _topic_starter(self, chat: JSONDict, thread_id: int) -> JSONDict:
        """In forums Telegram shows a topic's messages as replies to its creation message."""
        starter = self._messages.get((chat["id"], thread_id))
        if starter is not None:
            return starter
        starter = {
            "message_id": thread_id,
            "from": self._default_user(),
            "chat": chat,
            "date": int(time.time()),
            "message_thread_id": thread_id,
            "forum_topic_created": {"name": f"Topic {thread_id}", "icon_color": 7322096},
            "is_topic_message": True,
        }
        self._store_message(starter)
        return starter

    # ------------------------------------------------------------ updates

    def take_updates(self) -> list[JSONDict]:
        """The updates built since the last call, oldest first, for `Application.process_update`."""
        with self._cond:
            taken, self._inbox = self._inbox, []
            return taken

    def _emit(self, kind: str, payload: JSONDict) -> JSONDict:
        """Number an update, hand it to `_deliver`, and return a copy."""
        update = {"update_id": self._next_update_id, kind: copy.deepcopy(payload)}
        self._next_update_id += 1
        self._deliver(update)
        _LOG.debug("built %s update %s", kind, update["update_id"])
        return copy.deepcopy(update)

    def _deliver(self, update: JSONDict) -> None:
        """Kept for `take_updates`; the HTTP server queues it for getUpdates instead."""
        self._inbox.append(copy.deepcopy(update))

    def _default_user(self) -> JSONDict:
        return copy.deepcopy(self._users.get(DEFAULT_USER_ID) or self.user())

    def _sender(self, user: JSONDict | None) -> JSONDict:
        sender = copy.deepcopy(user) if user is not None else self._default_user()
        self._users[sender["id"]] = copy.deepcopy(sender)
        return sender

    def _chat_for(self, sender: JSONDict, chat_id: int | None) -> JSONDict:
        if chat_id is None:
            return self._register_chat(_private_chat(sender))
        return self._chat_by_id(chat_id)

    def _reply_copy(self, reply_to: JSONDict | None) -> JSONDict | None:
        if reply_to is None:
            return None
        key = (reply_to["chat"]["id"], reply_to["message_id"])
        return copy.deepcopy(self._messages.get(key, reply_to))

    def _user_message(
        self,
        chat: JSONDict,
        sender: JSONDict,
        *,
        text: str | None = None,
        thread_id: int | None = None,
        reply_to: JSONDict | None = None,
        extra: JSONDict | None = None,
    ) -> JSONDict:
        msg = self._compose(
            chat,
            sender,
            text=text,
            entities=detect_entities(text) if text is not None else None,
            thread_id=thread_id,
            reply_to=self._reply_copy(reply_to),
            extra=extra,
        )
        return self._emit("message", msg)

    def private_message(self, text: str, user: JSONDict | None = None) -> JSONDict:
        """A user's text message in the private chat with the bot; entities auto-detected."""
        with self._cond:
            sender = self._sender(user)
            return self._user_message(self._chat_for(sender, None), sender, text=text)

    def group_message(
        self,
        text: str,
        chat_id: int = DEFAULT_GROUP_ID,
        user: JSONDict | None = None,
        *,
        is_forum: bool | None = None,
        message_thread_id: int | None = None,
        reply_to: JSONDict | None = None,
    ) -> JSONDict:
        """A user's text message in a group; forum topics get is_topic_message and a thread."""
        with self._cond:
            sender = self._sender(user)
            chat = self._chat(chat_id, is_forum=is_forum)
            return self._user_message(
                chat, sender, text=text, thread_id=message_thread_id, reply_to=reply_to
            )

    def sticker_message(
        self, user: JSONDict | None = None, *, chat_id: int | None = None
    ) -> JSONDict:
        """A sticker; chat_id None means the user's private chat with the bot."""
        with self._cond:
            self._file_counter += 1
            sticker = {
                "width": 512,
                "height": 512,
                "emoji": "\N{THUMBS UP SIGN}",
                "is_animated": False,
                "is_video": False,
                "type": "regular",
                "file_id": f"CAACAgIAAxkBAAE{self._file_counter:08d}FakeFileId",
                "file_unique_id": f"AQAD{self._file_counter:06d}",
                "file_size": 24576,
            }
            sender = self._sender(user)
            return self._user_message(
                self._chat_for(sender, chat_id), sender, extra={"sticker": sticker}
            )

    def edited_message(
        self,
        text: str,
        message: JSONDict | None = None,
        *,
        user: JSONDict | None = None,
        chat_id: int | None = None,
    ) -> JSONDict:
        """A user edits `message` (or a fresh, never-delivered message) to `text`."""
        with self._cond:
            if message is None:
                sender = self._sender(user)
                original = self._compose(self._chat_for(sender, chat_id), sender, text="")
            else:
                original = self._reply_copy(message) or message
            edited = copy.deepcopy(original)
            edited["text"] = text
            set_or_drop(edited, "entities", detect_entities(text) or None)
            edited["edit_date"] = max(int(time.time()), edited["date"] + 1)
            self._store_message(edited)
            kind = (
                "edited_channel_post" if edited["chat"]["type"] == "channel" else "edited_message"
            )
            return self._emit(kind, edited)

    def channel_post(self, text: str, chat_id: int = DEFAULT_CHANNEL_ID) -> JSONDict:
        """A post in a channel the bot administers (sender_chat, no from)."""
        with self._cond:
            chat = self._chat(chat_id, chat_type="channel", title="Treaty Channel")
            msg = self._compose(chat, None, text=text, entities=detect_entities(text))
            return self._emit("channel_post", msg)

    def _next_query_id(self) -> str:
        self._next_query += 1
        return str(4_611_686_018_427_387_904 + self._next_query * 7_919)

    def _user_for_chat(self, chat: JSONDict, user: JSONDict | None) -> JSONDict:
        if user is not None:
            return self._sender(user)
        if chat.get("type") == "private" and chat["id"] in self._users:
            return copy.deepcopy(self._users[chat["id"]])
        return self._default_user()

    def callback_query(
        self, message: JSONDict, data: str = "", user: JSONDict | None = None
    ) -> JSONDict:
        """A button press under `message` (its current, edited version is embedded)."""
        with self._cond:
            current = self._reply_copy(message) or message
            query: JSONDict = {
                "id": self._next_query_id(),
                "from": self._user_for_chat(current["chat"], user),
                "message": current,
                "chat_instance": _chat_instance(current["chat"]["id"]),
                "data": data,
            }
            self._open_callbacks.add(query["id"])
            return self._emit("callback_query", query)

    def inline_query(self, query: str, user: JSONDict | None = None) -> JSONDict:
        """An inline query typed in the user's private chat with the bot."""
        with self._cond:
            inline: JSONDict = {
                "id": self._next_query_id(),
                "from": self._sender(user),
                "chat_type": "sender",
                "query": query,
                "offset": "",
            }
            self._open_inline_queries.add(inline["id"])
            return self._emit("inline_query", inline)

    def my_chat_member(
        self,
        chat_id: int = DEFAULT_GROUP_ID,
        old_status: str = "left",
        new_status: str = "member",
    ) -> JSONDict:
        """The bot's own membership changed, e.g. added to a group (left -> member)."""
        with self._cond:
            chat = self._chat_by_id(chat_id)
            change = {
                "chat": copy.deepcopy(chat),
                "from": self._user_for_chat(chat, None),
                "date": int(time.time()),
                "old_chat_member": _chat_member(self.bot_user, old_status),
                "new_chat_member": _chat_member(self.bot_user, new_status),
            }
            return self._emit("my_chat_member", change)


def set_or_drop(target: JSONDict, key: str, value: Any) -> None:
    """Set `key` to a copy of `value`, or remove it when `value` is None."""
    if value is None:
        target.pop(key, None)
    else:
        target[key] = copy.deepcopy(value)


def _strip_reply(message: JSONDict) -> JSONDict:
    """A replied-to message as embedded: Telegram never nests reply_to_message twice."""
    embedded = copy.deepcopy(message)
    embedded.pop("reply_to_message", None)
    return embedded


def _private_chat(user: JSONDict) -> JSONDict:
    chat = {"id": user["id"], "first_name": user["first_name"]}
    chat.update({k: user[k] for k in ("last_name", "username") if k in user})
    chat["type"] = "private"
    return chat


def _chat_instance(seed: int) -> str:
    """Stable per chat, opaque like Telegram's."""
    return str((seed * 2_654_435_761) % 9_000_000_000_000_000_000 - 4_000_000_000_000_000_000)


def _chat_member(user: JSONDict, status: str) -> JSONDict:
    """A ChatMember of `status` with every field PTB requires for it."""
    if status not in _MEMBER_RIGHTS:
        raise ValueError(
            f"unknown chat member status {status!r}; choose from {sorted(_MEMBER_RIGHTS)}"
        )
    return {"user": copy.deepcopy(user), "status": status, **_MEMBER_RIGHTS[status]}
