#!/usr/bin/env bash
# The daemon's own HTTP listener ([daemon] listen) against Debian's nginx on
# 127.0.0.1: after a poll, /metrics counts it in the Prometheus text format,
# /healthz answers 200 (and 503 while another writer holds the database),
# /status is the JSON of `status --json`; only GET and HEAD are served,
# unknown paths are 404; `check` refuses a bad listen value.
. "$(dirname "$0")/lib.sh"
plan 30

command -v curl >/dev/null || { for i in $(seq 1 28); do skip "curl is not installed"; done; exit 0; }

site=$TMP/site
cp -r "$RW_ROOT/tests/fixtures/site" "$site"
nginx_start "$site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT
db=$TMP/state.db
port=$(free_port)
url=http://127.0.0.1:$port

# config LISTEN: the test configuration listening on LISTEN.
config() {
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
interval = 1h
timeout = 10s
log_level = debug
listen = $1

[source testfeed]
url = $base/feed.rss
type = rss
catch_up = no

[country Mali]
terms = Mali, Malian, Bamako, Gao, Mopti

[threshold mali-abductions]
indicator = abductions
country = Mali
compare = value
above = 100

[notify sink]
type = exec
command = /bin/dd of=/dev/null status=none
INI
}

config "127.0.0.1:0"
"$RW_BIN" check -c "$TMP/rw.ini" > "$TMP/check0.out" 2>&1
check "check refuses port 0 with FILE:LINE" \
	grep -q "rw.ini:7: listen: expected \[ADDRESS:\]PORT" "$TMP/check0.out"
config "metrics.example:9100"
"$RW_BIN" check -c "$TMP/rw.ini" > "$TMP/check1.out" 2>&1
check "check refuses a host name" grep -q "rw.ini:7: listen: 'metrics.example' is not" "$TMP/check1.out"
config "localhost:$port"
"$RW_BIN" check -c "$TMP/rw.ini" > "$TMP/check2.out" 2>&1
ok $? "check accepts localhost:PORT"

"$RW_BIN" run -c "$TMP/rw.ini" > "$TMP/run.log" 2>&1 &
pid=$!
_pids+=($pid)

get() { curl -sS --max-time 5 "$url$1"; }
metric() { # metric SERIES: its value in the last /metrics scrape
	awk -v s="$1" '$1 == s { print $2 }' "$TMP/metrics.txt"
}
scraped_delivery() {
	get /metrics > "$TMP/metrics.txt" &&
		grep -q '^rightswatch_deliveries_total{destination="sink",channel="exec",state="delivered"} [1-9]' "$TMP/metrics.txt"
}

check "the listener answers on 127.0.0.1 (localhost)" wait_port "$port"
check "it says where it listens" grep -q "listening on 127.0.0.1 port $port" "$TMP/run.log"
for i in $(seq 1 200); do scraped_delivery && break; sleep 0.1; done
check "after a poll, the alert's delivery is counted" scraped_delivery

check "/metrics carries HELP and TYPE lines" \
	grep -q '^# TYPE rightswatch_polls_total counter$' "$TMP/metrics.txt"
check "one poll of the source" [ "$(metric 'rightswatch_polls_total{source="testfeed"}')" = 1 ]
check "the feed's 200 response is counted" \
	[ "$(metric 'rightswatch_http_responses_total{kind="feed",code="200"}')" = 1 ]
check "the three release pages' responses are counted" \
	[ "$(metric 'rightswatch_http_responses_total{kind="page",code="200"}')" = 3 ]
check "bytes were received" [ "$(metric 'rightswatch_http_received_bytes_total{kind="feed"}')" -gt 100 ]
check "the latency histogram counts four fetches" \
	[ "$(metric 'rightswatch_http_fetch_duration_seconds_count')" = 4 -a \
	  "$(metric 'rightswatch_http_fetch_duration_seconds_bucket{le="+Inf"}')" = 4 ]
check "three new releases read" [ "$(metric 'rightswatch_releases_read_total{result="new"}')" = 3 ]
check "the stored figures are counted" \
	[ "$(metric 'rightswatch_observations_stored_total')" = "$(sql "$db" 'select count(*) from observations')" ]
check "the alert raised is counted" \
	[ "$(metric 'rightswatch_alerts_raised_total')" = "$(sql "$db" 'select count(*) from alerts')" -a \
	  "$(metric 'rightswatch_alerts_raised_total')" -ge 1 ]
check "the outbox is empty and the source ok" \
	[ "$(metric 'rightswatch_outbox_pending')" = 0 -a "$(metric 'rightswatch_sources{health="ok"}')" = 1 ]
check "/metrics is text/plain version 0.0.4" \
	sh -c "curl -sSI '$url/metrics' | grep -qi '^content-type: text/plain; version=0.0.4'"

check "/healthz is 200 ok" [ "$(get /healthz)" = ok ]
check "HEAD gets the headers and no body" python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"HEAD /healthz HTTP/1.0\r\n\r\n")
r = b""
while True:
    b = s.recv(4096)
    if not b:
        break
    r += b
head, _, body = r.partition(b"\r\n\r\n")
sys.exit(not (head.startswith(b"HTTP/1.0 200") and b"Content-Length: 3" in head and body == b""))' "$port"

get /status > "$TMP/status.json"
check "/status is JSON naming the source" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["sources"][0]
sys.exit(not (s["name"] == "testfeed" and s["health"] == "ok" and s["items"] == 3
              and d["outbox_pending"] == 0))' "$TMP/status.json"
"$RW_BIN" status --json -c "$TMP/rw.ini" > "$TMP/cli-status.json"
check "status --json names the same sources with the same health" python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
pick = lambda d: [(s["name"], s["health"], s["items"]) for s in d["sources"]]
sys.exit(pick(a) != pick(b))' "$TMP/status.json" "$TMP/cli-status.json"
last_release=$(sql "$db" "select strftime('%Y-%m-%dT%H:%M:%SZ', max(first_seen), 'unixepoch') from documents")
check "/status gives the newest release's time, the database's" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(not (d["last_release"] == sys.argv[2] and "last_alert" in d))' "$TMP/status.json" "$last_release"
"$RW_BIN" status -c "$TMP/rw.ini" > "$TMP/cli-status.txt"
check "status says when the last release was seen" \
	grep -q "^Last release seen: $last_release (" "$TMP/cli-status.txt"

code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
check "POST is 405" [ "$(code -X POST -d x "$url/metrics")" = 405 ]
check "405 says Allow: GET, HEAD" \
	sh -c "curl -sS -o /dev/null -D - -X DELETE '$url/status' | grep -qi '^allow: GET, HEAD'"
check "an unknown path is 404" [ "$(code "$url/nothing")" = 404 ]

# Another process holding the write lock: the probe gives up quickly.
python3 - "$db" > "$TMP/locker.out" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(4)
c.execute("ROLLBACK")
PY
locker=$!
_pids+=($locker)
wait_for grep -q locked "$TMP/locker.out"
check "/healthz is 503 while the database cannot be written" \
	[ "$(code "$url/healthz")" = 503 ]
wait "$locker"
check "/healthz is 200 again once it can" [ "$(code "$url/healthz")" = 200 ]

config "127.0.0.1:$(free_port)"
kill -HUP "$pid"
check "a changed listen on reload waits for a restart" \
	wait_for grep -q "a new listen takes effect at restart" "$TMP/run.log"
kill -TERM "$pid"
wait "$pid"
check "SIGTERM: the daemon stops cleanly with its listener" [ $? -eq 0 ]
