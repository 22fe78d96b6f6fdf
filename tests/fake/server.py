"""The fake Bot API on 127.0.0.1: HTTP, long polling and webhook registration.

Why: the end-to-end tests (polling, webhook, flood control, inline mode) and `bench/bot_load.py`
run the real application over real HTTP, so PTB's networking, retries and error mapping are
exercised as in production. Handler tests need none of this: they use `tests/fake/request.py`.

Usage::

    with FakeBotApi() as fake:
        app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
        ...  # start polling
        fake.private_message("/start")
        [reply] = await fake.wait_for("sendMessage")

Standard library only; state lives behind one lock because PTB calls concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fake.api import BotApi, CallRecord, Described, Predicate, split_path
from tests.fake.checks import ApiError, bad, int_param

_LOG = logging.getLogger(__name__)

JSONDict = dict[str, Any]

_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class FakeBotApi(BotApi):
    """A Bot API server on 127.0.0.1 for one bot token; see the module docstring."""

    METHODS = (*BotApi.METHODS, "getUpdates", "setWebhook", "deleteWebhook")

    def __init__(self) -> None:
        """Configure, without starting; the port is picked on start()."""
        super().__init__()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._epoch = 0  # bumped by stop(): releases every waiting long poll
        self._poll_generation = 0  # bumped by each getUpdates
        self._waiting_polls = 0
        self._pending: list[JSONDict] = []
        self._webhook: str | None = None
        self._allowed_updates: frozenset[str] | None = None
        self._outage: tuple[str, float] | None = None  # (method that starts it, seconds)
        self._down_until = 0.0
        self._hold: list | None = None  # [method, calls still let through]

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotApi:
        """Bind a free port and serve from a daemon thread."""
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", 0), _Handler)
        server.api = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            name="fake-bot-api",
            kwargs={"poll_interval": 0.01},
            daemon=True,
        )
        self._thread.start()
        _LOG.info("fake Bot API listening on %s", self.api_url)
        return self

    def stop(self) -> None:
        """Release long polls, close connections and the socket; idempotent."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._cond:
            self._epoch += 1
            self._cond.notify_all()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        _LOG.info("fake Bot API stopped")

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (a new one after each start())."""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        """E.g. http://127.0.0.1:PORT, for code that builds {api}/bot{token}/{method}."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url() / Bot(base_url=): PTB appends token/method."""
        return f"{self.api_url}/bot"

    def method_url(self, method: str) -> str:
        """The full URL of one method, for raw HTTP tests."""
        return f"{self.base_url}{self.token}/{method}"

    # ------------------------------------------------------------ waiting

    async def wait_for(
        self,
        method: str,
        predicate: Predicate | None = None,
        count: int = 1,
        timeout: float = 10.0,
        *,
        ok: bool | None = None,
    ) -> list[CallRecord]:
        """Await until `count` matching calls exist; returns all matching calls.

        Polls under the lock from any event loop (the server runs in its own threads).
        Raises TimeoutError listing the calls seen.
        """
        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                found = self._matching(method, predicate, ok)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"fewer than {count} matching {method} call(s) within {timeout}s; "
                    f"calls: {self.summary()}"
                )
            await asyncio.sleep(0.01)

    @property
    def waiting_polls(self) -> int:
        """getUpdates requests blocked right now; > 0 means a bot is long polling."""
        with self._cond:
            return self._waiting_polls

    def pending_updates(self) -> list[JSONDict]:
        """Built updates not yet confirmed by a getUpdates offset."""
        with self._cond:
            return copy.deepcopy(self._pending)

    def confirm_pending(self) -> None:
        """Confirm every update built so far, as a getUpdates with a higher offset does."""
        with self._cond:
            self._pending = []

    # ------------------------------------------------------------ delivering updates

    def _deliver(self, update: JSONDict) -> None:
        """Queue a built update for getUpdates and wake the waiting long poll."""
        with self._cond:
            self._pending.append(copy.deepcopy(update))
            self._cond.notify_all()

    def _api_get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Long polling like Telegram: confirm below offset, block until an update or timeout.

        A newer getUpdates terminates an older waiting one with 409, as on Telegram.
        """
        if self._webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is "
                "active; use deleteWebhook to delete the webhook first",
            )
        offset = int_param(params, "offset", 0)
        limit = int_param(params, "limit", 100)
        limit = min(limit, 100) if limit > 0 else 100
        deadline = time.monotonic() + max(float(int_param(params, "timeout", 0)), 0.0)
        if "allowed_updates" in params:
            self._set_allowed_updates(params["allowed_updates"])
        self._poll_generation += 1
        generation, epoch = self._poll_generation, self._epoch
        self._cond.notify_all()
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make "
                    "sure that only one bot instance is running",
                )
            ready = self._confirm_and_collect(offset, limit)
            remaining = deadline - time.monotonic()
            if ready or epoch != self._epoch or remaining <= 0:
                return ready
            self._waiting_polls += 1
            try:
                self._cond.wait(remaining)
            finally:
                self._waiting_polls -= 1

    def _confirm_and_collect(self, offset: int, limit: int) -> list[JSONDict]:
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        kept = []
        for update in self._pending:
            kind = next(key for key in update if key != "update_id")
            if self._allowed_updates is None:
                allowed = kind not in _DEFAULT_EXCLUDED_UPDATES
            else:
                allowed = kind in self._allowed_updates
            if allowed:
                kept.append(update)
            else:
                _LOG.info("fake Bot API dropped a %s update: not in allowed_updates", kind)
        self._pending = kept
        return copy.deepcopy(kept[:limit])

    def _set_allowed_updates(self, value: Any) -> None:
        """Telegram remembers allowed_updates; an empty list restores the default set."""
        if not isinstance(value, list):
            raise bad("can't parse allowed updates JSON object")
        self._allowed_updates = frozenset(str(v) for v in value) or None

    def _api_set_webhook(self, params: JSONDict) -> Described:
        url = str(params.get("url") or "")
        if not url:
            return Described(True, self._drop_webhook(params))
        parts = urlsplit(url)
        if parts.scheme.lower() != "https":
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        if parts.port not in (None, 80, 88, 443, 8443):
            raise bad("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        same, self._webhook = self._webhook == url, url
        if "allowed_updates" in params:
            self._set_allowed_updates(params["allowed_updates"])
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return Described(True, "Webhook is already set" if same else "Webhook was set")

    def _api_delete_webhook(self, params: JSONDict) -> Described:
        return Described(True, self._drop_webhook(params))

    def _drop_webhook(self, params: JSONDict) -> str:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        was_set, self._webhook = self._webhook is not None, None
        return "Webhook was deleted" if was_set else "Webhook is already deleted"

    # ------------------------------------------------------------ network faults

    def outage(self, seconds: float, starting_with: str = "sendMessage") -> None:
        """From the next call of ``starting_with`` on, drop every connection without an answer
        for ``seconds``: the network failing while answers are due."""
        with self._cond:
            self._outage = (starting_with.lower(), seconds)

    def hold(self, method: str, after: int) -> None:
        """Let ``after`` more calls of ``method`` through, then keep the next ones waiting,
        unanswered, until ``release()``, which fails them (503): answers in flight when the bot
        is killed, which Telegram never delivered."""
        with self._cond:
            self._hold = [method.lower(), after]

    def release(self) -> None:
        with self._cond:
            self._hold = None
            self._cond.notify_all()

    def drops(self, method: str) -> bool:
        """Whether this request falls in an outage (and is dropped)."""
        with self._cond:
            if self._outage and self._outage[0] == method.lower():
                self._down_until = time.monotonic() + self._outage[1]
                self._outage = None
            return time.monotonic() < self._down_until

    def _held(self, method: str) -> bool:
        """Wait while ``method`` is held; True if the call was held (and so fails)."""
        with self._cond:
            if self._hold is None or self._hold[0] != method.lower():
                return False
            if self._hold[1] > 0:
                self._hold[1] -= 1
                return False
            epoch = self._epoch
            while self._hold is not None and epoch == self._epoch:
                self._cond.wait(0.1)
            return True

    # ------------------------------------------------------------ HTTP entry point

    def handle_http(self, path: str, content_type: str, body: bytes) -> tuple[int, JSONDict]:
        """Answer one HTTP request: (status, JSON body). Never raises."""
        parts = urlsplit(path)
        found = split_path(parts.path)
        if found is None:
            return 404, ApiError(404, "Not Found").body()
        if self._held(found[1]):
            return 503, ApiError(503, "Service Unavailable").body()
        fields = dict(parse_qsl(parts.query, keep_blank_values=True))
        mime = content_type.split(";", 1)[0].strip().lower()
        if body and mime not in ("application/x-www-form-urlencoded", ""):
            # PTB sends multipart only to upload files, which the bot never does.
            return 400, bad(f"the fake Bot API reads form-encoded bodies only, not {mime}").body()
        fields.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        return self.answer(*found, fields)


# ---------------------------------------------------------------- HTTP plumbing


class _Server(ThreadingHTTPServer):
    """Threaded server that can drop its keep-alive connections on stop."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # socketserver's default backlog of 5 stalls 60 concurrent connects
    api: FakeBotApi

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]):
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        _LOG.debug("fake Bot API connection error", exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, like api.telegram.org; GET and POST both work."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: avoid 40 ms stalls
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        found = split_path(urlsplit(self.path).path)
        if found is not None and self.server.api.drops(found[1]):
            self.close_connection = True  # no answer at all: the client sees a reset
            return
        status, payload = self.server.api.handle_http(
            self.path, self.headers.get("Content-Type", ""), body
        )
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silenced: request lines carry the bot token; calls are logged without it."""
