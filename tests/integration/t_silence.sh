#!/usr/bin/env bash
# Silences (issue 12, item 7), through the binary, the daemon itself (`run`)
# across a restart, nginx and a real SQLite file: a silenced threshold's
# alerts are recorded and listed but not delivered, while another
# threshold's are; the silence outlasts the restart; `status` shows it;
# removed, the next crossing is delivered again.
. "$(dirname "$0")/lib.sh"
plan 22

mission_site f || bail "nginx did not start"
db=$TMP/rw.db
cat > "$TMP/deliver" <<'SH'
#!/bin/sh
cat >> "$1" && echo >> "$1"
SH
chmod 755 "$TMP/deliver"
cat > "$TMP/rw.ini" <<INI
[daemon]
state = $db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
interval = 1h
timeout = 10s
$(mission_sections "http://127.0.0.1:$NGINX_PORT/f/feed.rss")
$MISSION_BASELINE

[threshold mali-many]
indicator = abductions
country = Mali
compare = value
above = 50
severity = info

[notify command]
type = exec
command = $TMP/deliver $TMP/delivered.jsonl
INI
rw() { "$RW_BIN" "$@" -c "$TMP/rw.ini"; }
delivered() { # RULE: alerts of RULE delivered through the command
	cat "$TMP/delivered.jsonl" 2>/dev/null | grep -o "\"rule\":\"$1\"" | wc -l
}
alerts_at_least() { test "$(sql "$db" 'select count(*) from alerts' 2>/dev/null || echo 0)" -ge "$1"; }
alerts_of() { sql "$db" "select count(*) from alerts where rule = '$1'"; }
# daemon N: run the daemon until it has raised N alerts in all, then SIGTERM.
daemon() {
	sql "$db" 'update sources set next_due = 0' 2>/dev/null
	"$RW_BIN" run -c "$TMP/rw.ini" > "$TMP/run$1.log" 2>&1 &
	local pid=$!
	_pids+=($pid)
	wait_up_to 20 alerts_at_least "$1"
	sleep 1   # what it delivers goes out right after
	kill -TERM "$pid"
	wait "$pid"
}

tomorrow=$(date -u -d tomorrow +%Y-%m-%d)
after=$(date -u -d '2 days' +%Y-%m-%d)   # silent through tomorrow: until the day after begins
rw silence add --threshold mali-abductons --until "$tomorrow" --reason x > /dev/null 2> "$TMP/err"
check "silence add: an unknown threshold is refused with a suggestion (exit 2)" \
	test $? -eq 2 -a -n "$(grep -F "(did you mean 'mali-abductions'?)" "$TMP/err")"
rw silence add --threshold mali-abductions --until 2020-01-01 --reason x > /dev/null 2>&1
check "silence add: a past date is refused (exit 2)" test $? -eq 2
rw silence add --threshold mali-abductions --country mali --until "$tomorrow" \
	--reason "known spike, being verified" > "$TMP/add.out" 2>&1
ok $? "silence add --country mali --until tomorrow"
check "... says what it holds back, and until when" \
	grep -q "^silence #1: the alerts of mali-abductions for Mali are held back until ${after}T00:00:00Z$" "$TMP/add.out"
rw status > "$TMP/status" 2>&1
check "status shows the active silence" \
	grep -qE '^  #1 mali-abductions for Mali until .*: known spike, being verified$' "$TMP/status"

mission_feed f 1
rw once > /dev/null 2>&1   # release 1: 98 and 61, both above 50 (mali-many)
mission_feed f 2
daemon 3
ok $? "the daemon ran and stopped cleanly on SIGTERM"
check "the crossing is recorded, silenced" \
	test "$(sql "$db" "select count(*) from alerts where rule = 'mali-abductions' and silence_id = 1")" = 1
check "... and never queued" \
	test "$(sql "$db" "select count(*) from outbox o join alerts a on a.id = o.alert_id where a.rule = 'mali-abductions'")" = 0
check "the other threshold's alerts are delivered" test "$(delivered mali-many)" -ge 3
check "the silenced one is not" test "$(delivered mali-abductions)" = 0

# The daemon restarts: the silence holds.
mission_feed f 3
daemon 5
check "after the restart, the update (512) is recorded, still silenced" \
	test "$(sql "$db" "select count(*) from alerts where rule = 'mali-abductions' and value = 512 and silence_id = 1")" = 1
check "... and not delivered" test "$(delivered mali-abductions)" = 0
rw alerts > "$TMP/alerts.out" 2>&1
check "alerts lists the silenced ones, with the silence that held them" \
	test "$(grep -c '^    silenced (#1 until .*: known spike, being verified): not delivered$' "$TMP/alerts.out")" -eq 2
rw alerts --json > "$TMP/alerts.json"
check "alerts --json: the silence as an object, null for the others" \
	python3 -c 'import json,sys; a=[json.loads(l) for l in open(sys.argv[1])]; s=[x for x in a if x["silenced"]]; o=[x for x in a if not x["silenced"]]; sys.exit(not (len(s)==2 and s[0]["silenced"]["id"]==1 and s[0]["deliveries"]==[] and len(o)==4))' "$TMP/alerts.json"
rw silence list --json > "$TMP/list.json"
check "silence list --json: one active silence" \
	python3 -c 'import json,sys; l=[json.loads(x) for x in open(sys.argv[1])]; sys.exit(not (len(l)==1 and l[0]["active"] is True and l[0]["country"]=="Mali"))' "$TMP/list.json"

# Removed, the threshold's next crossing goes out.
rw silence remove 1 > "$TMP/rm.out" 2>&1
ok $? "silence remove 1"
rw silence remove 1 > /dev/null 2>&1
check "removing it again: exit 1" test $? -eq 1
rw status > "$TMP/status" 2>&1
check "status: no active silence" grep -q '^Active silences: none$' "$TMP/status"
rw silence list --all > "$TMP/list" 2>&1
check "silence list --all keeps it, marked removed" grep -q '^#1 mali-abductions for Mali until .* (removed): ' "$TMP/list"
sed 's/512 abductions/640 abductions/' "$MISSION_SITE/releases/mali-abductions-revised.html" \
	> "$MISSION_SITE/releases/mali-abductions-more.html"
sed -e 's|mali-abductions-revised.html|mali-abductions-more.html|' -e 's|rw-alerts-2021-09-10|rw-alerts-2021-10-01|' \
	"$RW_ROOT/tests/fixtures/alerts/feed-3.rss" > "$MISSION_SITE/f/feed.rss"
chmod a+r "$MISSION_SITE/f/feed.rss" "$MISSION_SITE/releases/mali-abductions-more.html"
daemon 7
check "the next crossing (640) is recorded without a silence" \
	test "$(sql "$db" "select count(*) from alerts where rule = 'mali-abductions' and value = 640 and silence_id is null")" = 1
check "... and delivered" test "$(delivered mali-abductions)" = 1
rw silence add --help > "$TMP/help" 2>&1
check "silence add --help" grep -q '^usage: rightswatch silence add ' "$TMP/help"
