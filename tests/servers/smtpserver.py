#!/usr/bin/python3
"""smtpserver -- a real SMTP server for rightswatch's tests (Debian's
python3-aiosmtpd; run it with /usr/bin/python3, where the package lives).

Usage:
    /usr/bin/python3 tests/servers/smtpserver.py --maildir DIR
                     [--bind ADDR] [--port N] [--fail-first N]
                     [--drop-first N] [--user NAME --password SECRET]

    --maildir     where each accepted message is saved (created if missing)
    --bind        address to listen on (default 127.0.0.1)
    --port        port (default 0: a free one is picked)
    --fail-first  answer "451 4.3.0 try again later" at the end of the first
                  N DATA commands (the message is not saved), for retry tests
    --drop-first  after the first N DATA commands, save the message and drop
                  the connection without a reply: the message arrived, the
                  sender cannot know it (the duplicates test)
    --user/--password
                  require AUTH (PLAIN or LOGIN, allowed without TLS) with this
                  pair before MAIL; a wrong pair gets 535

The first line on stdout is the port number (then nothing else). The server
runs until SIGTERM or SIGINT and exits 0.

Each accepted message is written to DIR/NNN.eml (NNN = 001, 002, ... in
arrival order) holding exactly the bytes received after DATA (CRLF line
endings as sent, dot-stuffing removed), and DIR/NNN.json holding
{"mail_from": "...", "rcpt_tos": [...], "n": NNN, "auth": "user" | null}.
The .json file is written after the .eml, with a rename, so a reader that
sees it sees the whole message. Every DATA command seen (accepted or not)
is counted in DIR/data-count.
"""
import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Handler:
    def __init__(self, maildir, fail_first, drop_first=0):
        self.maildir = maildir
        self.fail_first = fail_first
        self.drop_first = drop_first
        self.data_seen = 0
        self.saved = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_seen += 1
            seen = self.data_seen
            with open(os.path.join(self.maildir, "data-count"), "w") as f:
                f.write("%d\n" % seen)
            if seen <= self.fail_first:
                return "451 4.3.0 try again later"
            self.saved += 1
            n = self.saved
        base = os.path.join(self.maildir, "%03d" % n)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        who = getattr(session, "auth_data", None)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
                "n": n, "auth": who.decode() if isinstance(who, bytes) else None}
        with open(base + ".json.tmp", "w") as f:
            json.dump(meta, f)
        os.rename(base + ".json.tmp", base + ".json")
        if seen <= self.fail_first + self.drop_first:
            # Saved, but the reply never leaves: the connection just ends.
            server.transport.abort()
        return "250 2.0.0 OK saved as %03d" % n


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login.decode() == user and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)
    return authenticator


def free_port(bind):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((bind, 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--drop-first", type=int, default=0)
    ap.add_argument("--user")
    ap.add_argument("--password")
    args = ap.parse_args()
    os.makedirs(args.maildir, exist_ok=True)

    # Controller needs a concrete port; the small race between this probe
    # and its bind is acceptable on a test machine.
    port = args.port or free_port(args.bind)
    kwargs = {}
    if args.user is not None:
        kwargs = {"authenticator": make_authenticator(args.user, args.password or ""),
                  "auth_require_tls": False, "auth_required": True}
    # aiosmtpd warns that AUTH without TLS is unsafe: it is, on purpose, here.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    handler = Handler(args.maildir, args.fail_first, args.drop_first)
    ctl = Controller(handler, hostname=args.bind, port=port, **kwargs)
    ctl.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()
    while not stop.wait(0.2):
        pass
    ctl.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
