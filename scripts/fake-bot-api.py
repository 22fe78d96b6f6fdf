#!/usr/bin/env python3
"""A tiny fake Telegram Bot API for scripts/build-image.sh's smoke test (stdlib only).

Listens on 127.0.0.1, prints "port N" first, then one line "<unix time> <method>" per request.
getMe answers a bot user, getUpdates an empty list after a short wait, anything else `true`.
It stops by itself after --lifetime seconds. Usage: fake-bot-api.py [--port N] [--lifetime S]
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT = {
    "id": 123456,
    "is_bot": True,
    "first_name": "treatybot smoke test",
    "username": "treatybot_smoke_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        method = self.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        print(f"{time.time():.3f} {method}", flush=True)
        result = {"getMe": BOT, "getUpdates": []}.get(method, True)
        if method == "getUpdates":
            time.sleep(0.5)
        body = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):  # requests are printed above, one line each
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    # A client that hangs up mid-request (the bot stopping during a long poll) is one line.
    server.handle_error = lambda request, address: print(
        f"# client went away: {sys.exc_info()[1]!r}", file=sys.stderr, flush=True
    )
    print(f"port {server.server_address[1]}", flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()
