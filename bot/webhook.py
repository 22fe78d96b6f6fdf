"""The webhook: Telegram posts each update here, and hears 200 only once the update is stored.

PTB's own webhook reads a whole request before it checks the secret, and answers 200 as soon as
the update is queued in memory. This one, on the same server (tornado), checks the secret as
soon as the headers arrive, refuses a body over ``MAX_BODY`` (Telegram's updates are a few KB)
without reading it, and answers after ``Delivery.receive``. A request that is not an update is
refused without logging what it held.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus

import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.delivery import Delivery

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, app: Application, delivery: Delivery, secret: str) -> None:
        self.app = app
        self.delivery = delivery
        self.secret = secret.encode()
        self.body = bytearray()

    async def prepare(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            await self._refuse(HTTPStatus.FORBIDDEN)
            return
        length = self.request.headers.get("Content-Length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)

    def data_received(self, chunk: bytes) -> None:
        if self._finished:
            return
        if len(self.body) + len(chunk) > MAX_BODY:  # a chunked body grows past the cap
            asyncio.ensure_future(self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE))
            return
        self.body += chunk

    async def post(self) -> None:
        update = self._update()
        if update is None:
            log.warning("a webhook request with the right secret was not an update: refused")
            self.set_status(HTTPStatus.BAD_REQUEST)
            return
        await self.delivery.receive(self.app, update)

    def _update(self) -> Update | None:
        try:
            update = Update.de_json(json.loads(self.body), self.app.bot)
        except Exception:  # noqa: BLE001 - whatever the body holds, it is refused the same way
            return None
        return update if update is not None and isinstance(update.update_id, int) else None

    async def _refuse(self, status: HTTPStatus) -> None:
        """Answer now and close: the rest of the body is never read."""
        self.set_status(status)
        await self.finish()
        self.request.connection.close()


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """No access log: the secret's path is in every line, and nothing in it is needed."""


def webhook_server(app: Application, delivery: Delivery, path: str, secret: str) -> HTTPServer:
    routes = [(rf"/{path}/?", UpdateHandler, {"app": app, "delivery": delivery, "secret": secret})]
    web = tornado.web.Application(routes, log_function=_quiet)
    # The cap again at the connection level, in case a handler never runs.
    return HTTPServer(web, max_body_size=MAX_BODY + 1024, idle_connection_timeout=60)
