#!/usr/bin/env bash
# Output that fits (issue 12, item 9), through the real binary and a real
# SQLite file: status and alerts never create a state file and say plainly
# when there is none or nothing to show; status --json gives numbers and
# objects; the foreground log carries the time unless stderr is the
# journal's stream; wording (a test alert "sent", "1 figure").
. "$(dirname "$0")/lib.sh"
plan 17

mission_site f || bail "nginx did not start"
mission_feed f 2
db=$TMP/state/rw.db
mkdir -p "$TMP/state"
cat > "$TMP/rw.ini" <<INI
[daemon]
state = $db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
timeout = 10s

$(mission_sections "http://127.0.0.1:$NGINX_PORT/f/feed.rss")

[notify collector]
type = syslog
target = udp://127.0.0.1:$(free_port)
INI

# ---- no state file ----
"$RW_BIN" status -c "$TMP/rw.ini" > "$TMP/status.out" 2> "$TMP/status.err"
check "status without a state file: exit 0" test $? -eq 0
check "status says there is no state file yet" grep -q "^No state file yet ($db)" "$TMP/status.out"
check "status created nothing" test ! -e "$db" -a -z "$(ls "$TMP/state")"
"$RW_BIN" status --json -c "$TMP/rw.ini" > "$TMP/status.json"
check "status --json without a state file: state_exists false, items 0 (a number)" \
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(not (s["state_exists"] is False and s["sources"][0]["items"] == 0 and s["outbox_pending"] is None))' "$TMP/status.json"
"$RW_BIN" alerts -c "$TMP/rw.ini" > "$TMP/alerts.out" 2>&1
check "alerts without a state file: exit 0, says so" \
	test $? -eq 0 -a "$(cat "$TMP/alerts.out")" = "No state file yet ($db): the daemon has not run, no alert was raised."
check "alerts created nothing" test ! -e "$db" -a -z "$(ls "$TMP/state")"

# ---- one cycle: the log carries the time ----
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once.out" 2> "$TMP/once.err"
ok $? "once exits 0"
check "every log line starts with the time (RFC 3339 UTC)" \
	test -s "$TMP/once.err" -a -z "$(grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z rightswatch: ' "$TMP/once.err")"
check "one figure is '1 figure'" grep -q ': 1 figure (Mali)$' "$TMP/once.err"
check "no '1 figures'" not grep -q ' 1 figures' "$TMP/once.err"

# stderr is the journal's stream when JOURNAL_STREAM names its device and inode.
: > "$TMP/journal.err"
js=$(stat -c '%d:%i' "$TMP/journal.err")
fresh() { sed "s|^state = .*|state = $TMP/$1.db|" "$TMP/rw.ini" > "$TMP/$1.ini"; }
fresh j1
fresh j2
# j1 reads the feed as its catch-up: its history raises no alert (rw.ini's
# once does: the 2020 total, published first, is stored before the H1
# figure that crosses it).
sed -i 's/^catch_up = no$/catch_up = yes/' "$TMP/j1.ini"
JOURNAL_STREAM=$js "$RW_BIN" once -c "$TMP/j1.ini" > /dev/null 2>> "$TMP/journal.err"
check "to the journal: a priority prefix and no time of its own" \
	test -s "$TMP/journal.err" -a -z "$(grep -vE '^<[0-7]>rightswatch: ' "$TMP/journal.err")"
JOURNAL_STREAM=1:2 "$RW_BIN" once -c "$TMP/j2.ini" > /dev/null 2> "$TMP/other.err"
check "a JOURNAL_STREAM that is not stderr's: the time, no prefix" \
	test -s "$TMP/other.err" -a -z "$(grep -vE '^[0-9]{4}-[0-9-]+T[0-9:]+Z rightswatch: ' "$TMP/other.err")"

# ---- a state file with nothing to show ----
"$RW_BIN" alerts -c "$TMP/j1.ini" > "$TMP/alerts.out" 2>&1
check "alerts with none raised: 'No alert raised.'" test "$(cat "$TMP/alerts.out")" = "No alert raised."
"$RW_BIN" alerts --since 2030-01-01 -c "$TMP/rw.ini" > "$TMP/alerts.out" 2>&1
check "alerts --since with none: says since when" \
	test "$(cat "$TMP/alerts.out")" = "No alert raised since 2030-01-01."
"$RW_BIN" status --json -c "$TMP/rw.ini" > "$TMP/status.json"
python3 - "$TMP/status.json" > "$TMP/fields" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
m = s["thresholds_lacking_baseline"][0]
print(s["state_exists"], type(s["outbox_pending"]).__name__, type(s["sources"][0]["items"]).__name__,
      m["threshold"], m["needs"], m["country"], m["period"]["label"], m["period"]["start"])
PY
check "status --json: numbers and objects ($(cat "$TMP/fields"))" \
	test "$(cat "$TMP/fields")" = "True int int mali-abductions baseline Mali 2019 2019-01-01"
chmod a-w "$TMP/state"
before=$(ls "$TMP/state" | sort | tr '\n' ' ')
"$RW_BIN" status -c "$TMP/rw.ini" > /dev/null 2>&1
st=$?
chmod u+w "$TMP/state"
check "status reads a state file it cannot write beside" test "$st" -eq 0

# ---- wording ----
"$RW_BIN" test-alert -c "$TMP/rw.ini" > "$TMP/test.out" 2>&1
check "test-alert over syslog says 'sent', not 'sent: sent'" \
	test "$(cat "$TMP/test.out")" = "collector (syslog): sent"
