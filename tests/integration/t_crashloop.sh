#!/usr/bin/env bash
# No crash loop: a feed that kills the daemon while it is read (the
# crashpoint before_feed_parse aborts there, as a parser crash or a hang
# the watchdog ends would: at the first bytes of a feed streamed into the
# parser, or, after a round that never finished, once the whole body is
# in and its hash stored) is not polled again at once when the daemon
# restarts; three such rounds in a row quarantine the source (poisoned),
# which is fetched but not parsed until its bytes change or
# `rightswatch source reset` lets it out.
. "$(dirname "$0")/lib.sh"
plan 20

cat > "$TMP/feed.rss" <<'RSS'
<?xml version="1.0"?><rss version="2.0"><channel><title>Poison</title>
<item><title>Mali: 12 civilians killed</title><guid>c1</guid>
<description>At least 12 civilians were killed in Mopti, Mali, in July 2021.</description></item>
</channel></rss>
RSS
cat > "$TMP/script.json" <<'JSON'
{"routes": {"/feed.rss": {"status": 200, "headers": {"Content-Type": "application/rss+xml"},
  "body_file": "feed.rss"}}}
JSON
fault_start "$TMP/script.json" || bail "fault server did not start"
db=$TMP/state.db
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h
timeout = 5s

[source poison]
url = http://127.0.0.1:$FAULT_PORT/feed.rss
INI
col() { sql "$db" "select $1 from sources where name='poison'"; }
feed_hits() { hits "$FAULT_LOG" '^/feed.rss'; }
# The backoff (or the quarantine's interval) is over.
age() { sql "$db" "update sources set next_due = 0, last_poll = last_poll - 100000"; }
crash_once() {
	RIGHTSWATCH_CRASH_AT=before_feed_parse "$RW_BIN" once -c "$TMP/rw.ini" \
		> /dev/null 2>> "$TMP/crash.err"
}

crash_once
status=$?
check "the daemon dies reading the feed (abort, status $status)" test "$status" -ge 128
now=$(date +%s)
check "the round was counted unfinished before it began (unfinished = 1)" \
	test "$(col unfinished)" = 1
check "its next due time was committed with a backoff, before the fetch" \
	test "$(col next_due)" -gt "$((now + 30))"
# That round streamed the feed into the parser (its last round had
# finished) and died at the first bytes, before their hash was known.
check "the streamed round died before the whole body's hash was known" \
	test -z "$(col body_hash)"

# A restart does not poll it again at once: neither once nor run.
hits_before=$(feed_hits)
"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2> "$TMP/once2.err"
"$RW_BIN" run -c "$TMP/rw.ini" 2> "$TMP/run2.err" &
pid=$!
_pids+=($pid)
sleep 6
kill "$pid"
stopped_within 10 "$pid"
check "after the crash, once and a running daemon (6 s) do not fetch it again" \
	test "$(feed_hits)" = "$hits_before"
check "the restart says its last round never finished" \
	grep -q "source poison: its last round never finished (1 in a row" "$TMP/run2.err"
check "status shows it failing" \
	sh -c "'$RW_BIN' status -c '$TMP/rw.ini' | grep -qE '^poison +failing'"

# Two more crashes in a row (each after its backoff): quarantined.
age
crash_once
# A round after one that never finished reads the body whole first.
check "the next round stored the body's hash before it parsed" \
	test "$(col 'length(body_hash)')" = 64
age
crash_once
check "three rounds in a row that never finished: unfinished = 3" test "$(col unfinished)" = 3
check "status shows it poisoned" \
	sh -c "'$RW_BIN' status -c '$TMP/rw.ini' | grep -qE '^poison +poisoned'"
check "nothing of the poisoned feed was ever stored" \
	test "$(sql "$db" "select count(*) from items")" = 0

# Quarantined: fetched at its interval, the same bytes not parsed.
age
hits_before=$(feed_hits)
RIGHTSWATCH_CRASH_AT=before_feed_parse "$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2> "$TMP/probe.err"
check "a probe fetches the quarantined feed (and does not crash on it)" \
	test "$(feed_hits)" = "$((hits_before + 1))"
check "the same bytes leave it poisoned, unparsed" \
	test "$(col health),$(sql "$db" "select count(*) from items")" = "poisoned,0"
check "the log says why it is quarantined" \
	grep -q "source poison: quarantined (poisoned): 3 rounds in a row never finished" "$TMP/probe.err"

# Other bytes end the quarantine and are read.
sed -i 's/12 civilians/14 civilians/' "$TMP/feed.rss"
age
"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2> "$TMP/changed.err"
check "changed bytes end the quarantine: read, ok" \
	test "$(col health),$(col unfinished),$(sql "$db" "select count(*) from items")" = "ok,0,1"

# source reset: out of quarantine at once.
sql "$db" "update sources set unfinished = 3, health = 'poisoned', failures = 3, backoff = 240,
	next_due = strftime('%s', 'now') + 3600"
"$RW_BIN" source reset -c "$TMP/rw.ini" poison > "$TMP/reset.out" 2>&1
check "source reset says what it was" grep -q "source poison: reset (it was poisoned)" "$TMP/reset.out"
check "after the reset: new, no failure, due now" \
	test "$(col health),$(col unfinished),$(col failures),$(($(col next_due) <= $(date +%s)))" = "new,0,0,1"
"$RW_BIN" source reset -c "$TMP/rw.ini" nosuch > /dev/null 2> "$TMP/reset2.err"
check "source reset of a source that is not configured: exit 1, said" \
	sh -c "test $? = 1 && grep -q 'no \[source nosuch\]' '$TMP/reset2.err'"
"$RW_BIN" source reset --help > "$TMP/help.out"
check "source reset --help" grep -q "usage: rightswatch source reset \[-c FILE\] NAME" "$TMP/help.out"

# A stop during a round is no crash: the round is given up, the row put
# back as it was before it (not counted unfinished).
cat > "$TMP/slow.ini" <<INI
[daemon]
state = slow.db
interval = 1h
timeout = 30s

[source slow]
url = http://127.0.0.1:$FAULT_PORT/slow-headers?secs=20
INI
"$RW_BIN" run -c "$TMP/slow.ini" 2> "$TMP/slow.err" &
pid=$!
_pids+=($pid)
wait_for sh -c "test \$(hits '$FAULT_LOG' '^/slow-headers') -ge 1"
kill "$pid"
stopped_within 15 "$pid"
check "a stop in the middle of a round does not count it unfinished" \
	test "$(sql "$TMP/slow.db" "select unfinished || ',' || failures from sources")" = "0,0"
