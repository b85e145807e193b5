#!/usr/bin/env bash
# Delivery states are true: a syslog record that /dev/log did not take
# (missing, refused) is a failed attempt, retried like any other, and
# status and /metrics show each destination's last success, last error
# and queue. The daemon runs in a private mount namespace (unshare -m)
# where an empty directory, or one holding our own rsyslogd's socket, is
# bound over /dev: the machine's own /dev/log is never touched.
. "$(dirname "$0")/lib.sh"
plan 11

if ! command -v unshare >/dev/null || ! unshare -m true 2>/dev/null; then
	for i in $(seq 1 11); do
		skip "unshare -m is not available here (it needs root or user namespaces)"
	done
	exit 0
fi
[ -x /usr/sbin/rsyslogd ] || bail "rsyslog is not installed"

mission_site f || bail "nginx did not start"
mission_feed f 2
MISSION_FEED=http://127.0.0.1:$NGINX_PORT/f/feed.rss
db=$TMP/state.db
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h

$(mission_sections "$MISSION_FEED")
$MISSION_BASELINE

[notify local]
type = syslog
target = local
facility = local4
ident = rw-devlog
INI
# in_ns DIR CMD...: CMD with DIR bound over /dev, in a private mount namespace.
in_ns() {
	local dir=$1
	shift
	unshare -m sh -c 'mount --bind "$0" /dev && exec "$@"' "$dir" "$@"
}

# ---- no /dev/log -------------------------------------------------------------------
mkdir -p "$TMP/empty"
in_ns "$TMP/empty" "$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
check "without /dev/log, once exits 1: the delivery failed" test $? = 1
check "the record is a failed attempt, pending, the reason kept" \
	test "$(sql "$db" "select state || ',' || attempts || ',' || (last_error like '%/dev/log: No such file or directory%') from outbox")" = "pending,1,1"
check "rightswatch alerts does not say delivered" \
	sh -c "'$RW_BIN' alerts -c '$TMP/rw.ini' | grep -q 'local:pending(1 attempts*: /dev/log: No such file'"
check "status shows the destination's queue and its last error" \
	sh -c "'$RW_BIN' status -c '$TMP/rw.ini' | grep -E '^local +syslog +1 +- +now: /dev/log: No such file'"

# ---- a stale socket: nobody listens -------------------------------------------------
mkdir -p "$TMP/stale"
python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind(sys.argv[1])' \
	"$TMP/stale/log"
in_ns "$TMP/stale" "$RW_BIN" test-alert -c "$TMP/rw.ini" local > "$TMP/stale.out" 2>&1
check "a /dev/log nobody listens on refuses the record: FAILED, said" \
	grep -q "^local (syslog): FAILED: /dev/log: Connection refused" "$TMP/stale.out"

# ---- our own rsyslogd owns /dev/log: the retry is delivered -----------------------------
mkdir -p "$TMP/devlog" "$TMP/rs"
cat > "$TMP/rs/rsyslog.conf" <<CONF
global(workDirectory="$TMP/rs")
module(load="imuxsock" SysSock.Name="$TMP/devlog/log" SysSock.RateLimit.Interval="0")
template(name="local" type="string" string="%pri%|%programname%|%msg%\n")
if \$programname == 'rw-devlog' then action(type="omfile" file="$TMP/records" template="local")
CONF
/usr/sbin/rsyslogd -n -f "$TMP/rs/rsyslog.conf" -i "$TMP/rs/pid" > "$TMP/rs/out" 2>&1 &
_pids+=($!)
wait_for test -S "$TMP/devlog/log" || bail "rsyslogd made no socket"
sql "$db" "update outbox set next_attempt = 0"
in_ns "$TMP/devlog" "$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
check "with /dev/log back, the retry is delivered (once exits 0)" test $? = 0
check "the outbox row is delivered, after two attempts" \
	test "$(sql "$db" "select state || ',' || attempts from outbox")" = "delivered,2"
wait_for test -s "$TMP/records"
check "the collector got exactly one record (local4.crit)" \
	test "$(wc -l < "$TMP/records"),$(cut -d'|' -f1 "$TMP/records")" = "1,162"
check "the record carries the delivery's id (instance and outbox row)" \
	grep -q "delivery_id=\"$(sql "$db" "select value from meta")-1\"\$" "$TMP/records"
check "status shows it delivered, the last error still told" \
	sh -c "'$RW_BIN' status -c '$TMP/rw.ini' | grep -E '^local +syslog +0 +now +(now|[0-9]+s ago): /dev/log: No such file'"
check "status --json: the destination, its queue and times" python3 - "$RW_BIN" "$TMP/rw.ini" <<'PY'
import json, subprocess, sys
s = json.loads(subprocess.run([sys.argv[1], "status", "--json", "-c", sys.argv[2]],
                              capture_output=True, text=True).stdout)
d = s["destinations"][0]
sys.exit(not (d["name"] == "local" and d["type"] == "syslog" and d["queued"] == 0
              and d["last_delivered"] and "No such file" in d["last_error"]))
PY
