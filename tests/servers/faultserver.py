#!/usr/bin/env python3
"""faultserver -- a misbehaving HTTP/1.1 server for rightswatch's tests.

Standard library only (http.server.ThreadingHTTPServer). It serves scripted
behaviours by path so that unit tests of the http module and integration
tests of the daemon can provoke every fault on 127.0.0.1.

Usage:
    python3 tests/servers/faultserver.py [--bind ADDR] [--port N]
                                         [--log FILE] [--script FILE]

    --bind    address to listen on (default 127.0.0.1)
    --port    port (default 0: the kernel picks a free one)
    --log     append one JSON object per request to FILE (see "Log")
    --script  a JSON file of routes (see "Script"); re-read whenever its
              modification time changes, so a test may rewrite it between
              polls to change what the server answers

The first line on stdout is the port number (then nothing else). The server
runs until SIGTERM or SIGINT and then exits 0 at once, abandoning hung
handlers.

Log (--log): written and flushed when a request's headers have been read,
before any answer, so a client that has its response can read the line:
    {"t": 1700000000.123, "mono": 12345.678, "method": "GET",
     "path": "/ok?x=1", "route": "/ok", "n": 1,
     "if_none_match": "\\"ok-v1\\"" | null, "if_modified_since": ... | null,
     "accept_encoding": ..., "user_agent": ..., "host": ...,
     "idempotency_key": ... | null, "body": ...}
"t" is wall-clock seconds, "mono" the server's monotonic clock, "n" the
count of requests to that route so far (1-based), "body" the request body
of a POST/PUT (text, cut at 64 KiB) or null.

Script (--script): {"routes": {PATH: ROUTE, ...}}. PATH is matched against
the request path without its query; a PATH ending in "*" matches as a
prefix. Script routes take precedence over the built-in ones. A ROUTE is:
    {"status": 200,                     default 200
     "headers": {"Content-Type": "..."},
     "body": "text"  or  "body_file": "file (relative to the script)",
     "etag": "\\"v1\\"",                 sent, and If-None-Match -> 304
     "last_modified": "Fri, 06 Aug 2021 10:00:00 GMT",
                                        sent, and an equal If-Modified-Since -> 304
     "gzip": false,                     gzip the body (Content-Encoding: gzip)
     "delay": 0.0,                      seconds to wait before answering
     "builtin": "/drip?interval=1",     answer as that built-in path instead
     "sequence": [ROUTE, ...]}          the n-th request gets the n-th ROUTE,
                                        the last one repeats
Built-in paths (query parameters in brackets):
    /ok                200 "ok\\n", ETag "ok-v1", Last-Modified, max-age=300;
                       If-None-Match or an equal If-Modified-Since -> 304
    /rss               a small RSS 2.0 feed with validators (conditional too)
    /gzip              a gzip-encoded text body (decodes to 10,000 bytes)
    /bomb [mb=100]     gzip of mb MiB of zeros (about 100 KiB on the wire)
    /drip [interval=2&bytes=20]   one body byte every interval seconds
    /endless           a body that never ends (no length, 64 KiB chunks)
                       (these three with xml=1: the start of an RSS feed
                       first, then spaces for the bomb's zeros, so that a
                       streaming parser keeps reading and the caps decide)
    /big [bytes=N]     N bytes with an honest Content-Length
    /slow-headers [secs=30]       no answer for secs seconds
    /sleep [ms=300]    answer 200 after ms milliseconds
    /redirect [to=URL&status=302]  that status with Location: URL (any URL, any
                       host or port: the redirect scripts of the URL policy tests)
    /redirect-loop     302 to itself, forever
    /redirect-chain [n=3]         n redirects (302), then /ok
    /redirect-file     302 to file:///etc/passwd
    /redirect-ftp      302 to ftp://127.0.0.1/pub/x
    /moved /moved308   301 / 308 to /ok
    /retry-after-secs [secs=120]  429 with Retry-After: secs
    /retry-after-date [secs=120]  503 with Retry-After: an HTTP-date secs ahead
    /500               500 with a short text body
    /status/NNN        that status, empty body
    /403-challenge     403 with an HTML bot-wall challenge page
    /empty             200 with an empty body
    /html              an HTML page (text/html; charset=utf-8)
    /latin1            an HTML page in ISO-8859-1 whose meta says utf-8
    /headers           the request headers as a JSON object
Anything else is 404.
"""
import argparse
import email.utils
import gzip
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OK_ETAG = '"ok-v1"'
OK_LAST_MODIFIED = "Fri, 06 Aug 2021 10:00:00 GMT"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>faultserver feed</title><link>http://127.0.0.1/</link>
<description>test feed</description><ttl>30</ttl>
<item><title>First release</title><link>http://127.0.0.1/html</link>
<guid>fs-1</guid><pubDate>Fri, 06 Aug 2021 10:00:00 GMT</pubDate>
<description>Forty-three people were abducted.</description></item>
</channel></rss>
"""

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A release</title></head>
<body><main><h1>A release</h1>
<p>GENEVA (6 August 2021) - The office documented 435 abductions.</p>
</main></body></html>
"""

CHALLENGE = """<!DOCTYPE html>
<html><head><title>Just a moment...</title></head>
<body><h1>Checking your browser before accessing the site.</h1>
<noscript>Please enable JavaScript and cookies to continue.</noscript>
</body></html>
"""

LATIN1 = ('<html><head><meta charset="utf-8"><title>Ségou</title></head>'
          '<body><p>Région de Ségou.</p></body></html>\n').encode("iso-8859-1")


# What /endless, /drip and /bomb send first with xml=1.
XML_START = b'<?xml version="1.0"?><rss version="2.0"><channel><title>'


class State:
    """Shared by every handler thread."""

    def __init__(self, log_path, script_path):
        self.lock = threading.Lock()
        self.log = open(log_path, "a", encoding="utf-8") if log_path else None
        self.script_path = script_path
        self.script_mtime = None
        self.routes = {}
        self.counts = {}
        self.bombs = {}

    def record(self, entry):
        with self.lock:
            route = entry["route"]
            self.counts[route] = self.counts.get(route, 0) + 1
            entry["n"] = self.counts[route]
            if self.log:
                self.log.write(json.dumps(entry) + "\n")
                self.log.flush()
            return entry["n"]

    def script_routes(self):
        if not self.script_path:
            return {}
        with self.lock:
            try:
                mtime = os.stat(self.script_path).st_mtime_ns
            except OSError:
                return self.routes
            if mtime != self.script_mtime:
                try:
                    with open(self.script_path, encoding="utf-8") as f:
                        self.routes = json.load(f).get("routes", {})
                    self.script_mtime = mtime
                except (OSError, ValueError) as e:
                    print("faultserver: bad script: %s" % e, file=sys.stderr)
            return self.routes

    def bomb(self, mb, xml=False):
        with self.lock:
            if (mb, xml) not in self.bombs:
                c = zlib.compressobj(9, zlib.DEFLATED, 31)
                chunk = b" " * (1 << 20) if xml else bytes(1 << 20)
                parts = [c.compress(XML_START)] if xml else []
                parts += [c.compress(chunk) for _ in range(mb)]
                parts.append(c.flush())
                self.bombs[(mb, xml)] = b"".join(parts)
            return self.bombs[(mb, xml)]


def qint(query, name, default):
    try:
        return int(query.get(name, [default])[0])
    except ValueError:
        return default


def qfloat(query, name, default):
    try:
        return float(query.get(name, [default])[0])
    except ValueError:
        return default


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "faultserver/1"
    state = None  # set in main

    def log_message(self, fmt, *args):
        pass

    # --- answering helpers -------------------------------------------
    def reply(self, status, body=b"", headers=None, head_only=False):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        hdrs = {"Content-Type": "text/plain; charset=utf-8"}
        hdrs.update(headers or {})
        for k, v in hdrs.items():
            self.send_header(k, v)
        if status not in (204, 304) and not (100 <= status < 200):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only and status not in (204, 304):
            self.wfile.write(body)

    def not_modified(self, etag, last_modified):
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None and etag:
            tags = [t.strip() for t in inm.split(",")]
            return "*" in tags or etag in tags
        return ims is not None and last_modified is not None and ims == last_modified

    def stream_start(self, status, headers):
        self.close_connection = True
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Connection", "close")
        self.end_headers()

    # --- dispatch -------------------------------------------------------
    def handle_any(self, method):
        parsed = urllib.parse.urlsplit(self.path)
        route = parsed.path
        query = urllib.parse.parse_qs(parsed.query)
        body = None
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            body = self.rfile.read(length)[:65536].decode("utf-8", "replace")
        n = self.state.record({
            "t": time.time(), "mono": time.monotonic(), "method": method,
            "path": self.path, "route": route,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "user_agent": self.headers.get("User-Agent"),
            "host": self.headers.get("Host"),
            "idempotency_key": self.headers.get("Idempotency-Key"), "body": body})
        head = method == "HEAD"
        try:
            script = self.state.script_routes()
            spec = script.get(route)
            if spec is None:
                for k, v in script.items():
                    if k.endswith("*") and route.startswith(k[:-1]):
                        spec = v
                        break
            if spec is not None:
                self.scripted(spec, n, head)
            else:
                self.builtin(route, query, head)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):
        self.handle_any("GET")

    def do_HEAD(self):
        self.handle_any("HEAD")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def scripted(self, spec, n, head):
        seq = spec.get("sequence")
        if seq:
            spec = seq[min(n, len(seq)) - 1]
        if spec.get("delay"):
            time.sleep(float(spec["delay"]))
        if spec.get("builtin"):
            parsed = urllib.parse.urlsplit(spec["builtin"])
            self.builtin(parsed.path, urllib.parse.parse_qs(parsed.query), head)
            return
        headers = dict(spec.get("headers", {}))
        etag = spec.get("etag")
        lm = spec.get("last_modified")
        if etag:
            headers["ETag"] = etag
        if lm:
            headers["Last-Modified"] = lm
        status = int(spec.get("status", 200))
        if status == 200 and (etag or lm) and self.not_modified(etag, lm):
            self.reply(304, b"", headers, head)
            return
        if "body_file" in spec:
            base = os.path.dirname(os.path.abspath(self.state.script_path))
            with open(os.path.join(base, spec["body_file"]), "rb") as f:
                body = f.read()
        else:
            body = spec.get("body", "").encode("utf-8")
        if spec.get("gzip"):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.reply(status, body, headers, head)

    def builtin(self, route, q, head):
        if route == "/ok" or route == "/rss":
            hdrs = {"ETag": OK_ETAG, "Last-Modified": OK_LAST_MODIFIED,
                    "Cache-Control": "max-age=300"}
            if self.not_modified(OK_ETAG, OK_LAST_MODIFIED):
                self.reply(304, b"", hdrs, head)
            elif route == "/ok":
                self.reply(200, "ok\n", hdrs, head)
            else:
                hdrs["Content-Type"] = "application/rss+xml; charset=utf-8"
                self.reply(200, RSS, hdrs, head)
        elif route == "/gzip":
            text = "".join("gzip test line %05d ........................\n" % i
                           for i in range(222))
            text = (text + "x" * 10000)[:10000]
            self.reply(200, gzip.compress(text.encode()), {
                "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}, head)
        elif route == "/bomb":
            data = self.state.bomb(max(1, qint(q, "mb", 100)), qint(q, "xml", 0) == 1)
            self.reply(200, data, {"Content-Encoding": "gzip",
                                   "Content-Type": "application/xml"}, head)
        elif route == "/drip":
            interval = qfloat(q, "interval", 2.0)
            count = qint(q, "bytes", 20)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            xml = qint(q, "xml", 0) == 1
            self.send_header("Content-Length", str(count + (len(XML_START) if xml else 0)))
            self.end_headers()
            if xml:
                self.wfile.write(XML_START)
            for _ in range(count):
                self.wfile.write(b".")
                self.wfile.flush()
                time.sleep(interval)
        elif route == "/endless":
            self.stream_start(200, {"Content-Type": "text/plain"})
            if qint(q, "xml", 0) == 1:
                self.wfile.write(XML_START)
            chunk = b"x" * 65536
            while True:
                self.wfile.write(chunk)
        elif route == "/big":
            self.reply(200, b"b" * max(0, qint(q, "bytes", 1 << 20)), None, head)
        elif route == "/slow-headers":
            time.sleep(qfloat(q, "secs", 30.0))
            self.reply(200, "late\n", None, head)
        elif route == "/sleep":
            time.sleep(qint(q, "ms", 300) / 1000.0)
            self.reply(200, "slept\n", None, head)
        elif route == "/redirect":
            status = qint(q, "status", 302)
            self.reply(status, "", {"Location": q.get("to", ["/ok"])[0]}, head)
        elif route == "/redirect-loop":
            self.reply(302, "", {"Location": "/redirect-loop"}, head)
        elif route == "/redirect-chain":
            left = qint(q, "n", 3)
            loc = "/ok" if left <= 1 else "/redirect-chain?n=%d" % (left - 1)
            self.reply(302, "", {"Location": loc}, head)
        elif route == "/redirect-file":
            self.reply(302, "", {"Location": "file:///etc/passwd"}, head)
        elif route == "/redirect-ftp":
            self.reply(302, "", {"Location": "ftp://127.0.0.1/pub/x"}, head)
        elif route == "/moved":
            self.reply(301, "", {"Location": "/ok"}, head)
        elif route == "/moved308":
            self.reply(308, "", {"Location": "/ok"}, head)
        elif route == "/retry-after-secs":
            self.reply(429, "slow down\n",
                       {"Retry-After": str(qint(q, "secs", 120))}, head)
        elif route == "/retry-after-date":
            when = email.utils.formatdate(time.time() + qint(q, "secs", 120), usegmt=True)
            self.reply(503, "unavailable\n", {"Retry-After": when}, head)
        elif route == "/500":
            self.reply(500, "internal error\n", None, head)
        elif route.startswith("/status/"):
            try:
                code = int(route[len("/status/"):])
            except ValueError:
                code = 400
            self.reply(code, b"", None, head)
        elif route == "/403-challenge":
            self.reply(403, CHALLENGE, {"Content-Type": "text/html; charset=utf-8"}, head)
        elif route == "/empty":
            self.reply(200, b"", {"Content-Type": "application/rss+xml"}, head)
        elif route == "/html":
            self.reply(200, HTML, {"Content-Type": "text/html; charset=utf-8"}, head)
        elif route == "/latin1":
            self.reply(200, LATIN1, {"Content-Type": "text/html; charset=ISO-8859-1"}, head)
        elif route == "/headers":
            self.reply(200, json.dumps(dict(self.headers.items())),
                       {"Content-Type": "application/json"}, head)
        else:
            self.reply(404, "not found\n", None, head)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up (a cap reached, a timeout) is the point
        # of most tests here, not an error worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description="misbehaving HTTP server for tests")
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--log")
    ap.add_argument("--script")
    args = ap.parse_args()

    Handler.state = State(args.log, args.script)
    server = Server((args.bind, args.port), Handler)

    def stop(signum, frame):
        sys.stdout.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
