#!/usr/bin/env bash
# `rightswatch run` as systemd runs it: readiness over $NOTIFY_SOCKET, a
# SIGHUP reload (a bad file keeps the running configuration, a good one is
# swapped in), a clean SIGTERM, and a restart that does not poll again
# before the stored next-due time.
. "$(dirname "$0")/lib.sh"
plan 17

cp -r "$RW_ROOT/tests/fixtures/site" "$TMP/site"
nginx_start "$TMP/site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT
db=$TMP/state.db

# A stand-in for systemd's notify socket: datagrams appended to a file.
python3 - "$TMP/notify.sock" "$TMP/notify.txt" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a") as out:
    while True:
        out.write(s.recv(4096).decode() + "\n")
        out.flush()
PY
_pids+=($!)

config() {
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h
timeout = 10s
log_level = debug
[source testfeed]
url = $base/feed.rss
type = rss
$1
INI
}
config ""

count_is() { [ "$(requests_for "$1")" -eq "$2" ]; }
notified() { grep -qx "$1" "$TMP/notify.txt" 2>/dev/null; }
logged() { grep -q "$1" "$TMP/run.log"; }

for i in $(seq 1 50); do [ -S "$TMP/notify.sock" ] && break; sleep 0.1; done
NOTIFY_SOCKET=$TMP/notify.sock WATCHDOG_USEC=400000 "$RW_BIN" run -c "$TMP/rw.ini" \
	> "$TMP/run.log" 2>&1 &
pid=$!
_pids+=($pid)

check "READY=1 is sent to the notify socket" wait_for notified READY=1
check "STATUS= comes with READY=1" \
	grep -qx "STATUS=1 source: 0 ok, 0 failing, 1 not polled yet; last release none; last alert none" \
	"$TMP/notify.txt"
check "the feed and its release pages are read" wait_for count_is '/releases/.*' 3
status_ok() { grep -q "^STATUS=1 source: 1 ok, 0 failing; last release 20" "$TMP/notify.txt"; }
check "STATUS= follows the poll: the source is ok, a release is on record" wait_for status_ok
pings() { [ "$(grep -cx WATCHDOG=1 "$TMP/notify.txt")" -ge "$1" ]; }
check "WATCHDOG=1 comes from the loop at half of WATCHDOG_USEC" wait_for pings 4

printf '[daemon]\nstate = state.db\nintervall = 1h\n' > "$TMP/rw.ini"
kill -HUP "$pid"
check "a bad file on SIGHUP is refused with its reason" wait_for logged "intervall"
check "the daemon keeps running on the old configuration" kill -0 "$pid"
check "RELOADING=1 is sent on reload" notified RELOADING=1

config "[source listing]
url = $base/en/press-releases/index.html
type = html
links = //main//a[@class='release-link']
link_pattern = $base/en/press-releases/*"
kill -HUP "$pid"
check "a good file on SIGHUP is swapped in: the new source is polled" \
	wait_for count_is '/en/press-releases/index.html' 1
check "the old source is not polled again on reload" [ "$(requests_for '/feed.rss')" -eq 1 ]

kill -TERM "$pid"
wait "$pid"
rc=$?
check "SIGTERM: exit status 0" [ "$rc" -eq 0 ]
check "STOPPING=1 is sent" notified STOPPING=1
check "the database is intact after the stop" [ "$(sql "$db" 'pragma integrity_check')" = ok ]
check "the write-ahead log was checkpointed on close" [ ! -s "$db-wal" ]

: > "$TMP/notify.txt"
NOTIFY_SOCKET=$TMP/notify.sock WATCHDOG_USEC=400000 WATCHDOG_PID=1 "$RW_BIN" run \
	-c "$TMP/rw.ini" > "$TMP/run2.log" 2>&1 &
pid=$!
_pids+=($pid)
wait_for grep -q "started" "$TMP/run2.log"
sleep 3
check "no pings when WATCHDOG_PID names another process" not grep -qx WATCHDOG=1 "$TMP/notify.txt"
check "a restart does not poll before the stored next-due time" \
	[ "$(requests_for '/feed.rss')" -eq 1 -a "$(requests_for '/en/press-releases/index.html')" -eq 1 ]
kill -TERM "$pid"
wait "$pid"
check "the second stop is clean too" [ $? -eq 0 ]
