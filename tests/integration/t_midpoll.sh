#!/usr/bin/env bash
# One commit per feed poll (issue 15): everything a poll of one feed learns
# (items, releases, figures, alerts and outbox rows, validators, next due
# time) commits at once, so the daemon killed with SIGKILL in the middle
# of a poll leaves none of it, and the poll done again after the restart
# raises the alert exactly once and delivers it once. Against real
# servers on 127.0.0.1: the fault server serves the mission's feed
# (tests/fixtures/alerts/feed-2.rss: two releases) and holds one release
# page back, so that the kill lands while the round is open, whatever the
# timing; aiosmtpd receives the mail. The releases of one poll are stored
# in publication order, whatever the feed's order.
. "$(dirname "$0")/lib.sh"
plan 9

fix=$RW_ROOT/tests/fixtures/alerts
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
cp "$fix/feed-2.rss" "$fix/releases/mali-abductions-h1.html" \
	"$fix/releases/mali-annual-2020.html" "$TMP/"
# script DELAY: the feed and its two release pages; the 2020 one answers
# after DELAY seconds (the server reads the script again when it changes).
script() {
	cat > "$TMP/script.json.new" <<JSON
{"routes": {
 "/feed.rss": {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "feed-2.rss",
   "etag": "\"f2\""},
 "/releases/mali-abductions-h1.html": {"headers": {"Content-Type": "text/html; charset=utf-8"},
   "body_file": "mali-abductions-h1.html"},
 "/releases/mali-annual-2020.html": {"headers": {"Content-Type": "text/html; charset=utf-8"},
   "body_file": "mali-annual-2020.html", "delay": $1}}}
JSON
	mv "$TMP/script.json.new" "$TMP/script.json"
}
script 60
fault_start "$TMP/script.json" || bail "the fault server did not start"
smtp_start "$TMP/mail" || bail "the SMTP server did not start"
mails() { find "$TMP/mail" -name '*.json' | wc -l; }
db=$TMP/state.db
{
	printf '[daemon]\nstate = state.db\ninterval = 1h\ntimeout = 120s\nlog_level = debug\n\n'
	mission_sections "http://127.0.0.1:$FAULT_PORT/feed.rss"
	echo "$MISSION_BASELINE"
	mission_mail
} > "$TMP/rw.ini"
count() { sql "$db" "select count(*) from $1"; }

# ---- killed mid-poll: the feed read, one page answered, one held back ----
"$RW_BIN" run -c "$TMP/rw.ini" > "$TMP/run.log" 2>&1 &
pid=$!
_pids+=($pid)
wait_for test "$(hits "$FAULT_LOG" '^/releases/mali-annual-2020.html$')" -ge 1
wait_for test "$(hits "$FAULT_LOG" '^/releases/mali-abductions-h1.html$')" -ge 1
kill -KILL "$pid"
wait "$pid" 2>/dev/null
check "the daemon was killed while a release page of its poll was in flight" \
	[ "$(hits "$FAULT_LOG" '^/releases/mali-annual-2020.html$')" -eq 1 ]
check "nothing of the poll was committed: no item, release, figure, alert nor outbox row" \
	[ "$(count items)" -eq 0 -a "$(count documents)" -eq 0 -a "$(count observations)" -eq 0 \
	  -a "$(count alerts)" -eq 0 -a "$(count outbox)" -eq 0 ]
check "the round's precommit survived the kill: one unfinished round, no validators" \
	[ "$(sql "$db" "select unfinished || ',' || coalesce(etag, '') from sources")" = "1," ]
check "no mail" [ "$(mails)" -eq 0 ]

# ---- the restart polls again (--force: it backs off after the kill) ----
script 0
"$RW_BIN" once --force -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
st=$?
check "the poll done again: once exits 0 (status $st)" [ "$st" -eq 0 ]
check "one alert, one outbox row delivered, one mail" \
	[ "$(count alerts)" -eq 1 -a "$(sql "$db" "select count(*) from outbox where state = 'delivered'")" -eq 1 \
	  -a "$(mails)" -eq 1 ]
# feed-2.rss lists the August release before the April one.
check "the releases of the poll were stored in publication order (April, then August)" \
	[ "$(sql "$db" "select group_concat(url, ' ') from (select url from documents order by id)" |
	    sed 's|http://[^/]*/releases/||g')" = "mali-annual-2020.html mali-abductions-h1.html" ]
check "the validators were saved with the poll" [ "$(sql "$db" "select etag from sources")" = '"f2"' ]
"$RW_BIN" once --force -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
check "a further poll: still one alert and one mail" [ "$(count alerts)" -eq 1 -a "$(mails)" -eq 1 ]
