#!/usr/bin/env bash
# The daemon against a misbehaving server on 127.0.0.1, fault by fault:
# what the server saw and what the database says afterwards.
. "$(dirname "$0")/lib.sh"
plan 35

# A second server that must never be asked anything (another loopback port).
fault_start || bail "fault server did not start"
TRAP_PORT=$FAULT_PORT
TRAP_LOG=$FAULT_LOG

cat > "$TMP/good.rss" <<RSS
<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>
<item><title>Mali: 12 civilians killed</title><guid>good-1</guid>
<description>At least 12 civilians were killed in Mopti, Mali, in July 2021.</description></item>
</channel></rss>
RSS
cat > "$TMP/evil.rss" <<RSS
<?xml version="1.0"?><rss version="2.0"><channel><title>Evil links</title>
<item><title>metadata</title><link>http://169.254.169.254/latest/meta-data/</link><guid>e1</guid></item>
<item><title>file</title><link>file:///etc/passwd</link><guid>e2</guid></item>
<item><title>other port</title><link>http://127.0.0.1:$TRAP_PORT/secret</link><guid>e3</guid></item>
<item><title>ftp</title><link>ftp://127.0.0.1/pub/x</link><guid>e4</guid></item>
</channel></rss>
RSS
cat > "$TMP/script.json" <<JSON
{"routes": {
  "/good-then-500": {"sequence": [
     {"status": 200, "headers": {"Content-Type": "application/rss+xml"}, "body_file": "good.rss"},
     {"builtin": "/500"}]},
  "/good-then-html": {"sequence": [
     {"status": 200, "headers": {"Content-Type": "application/rss+xml"}, "body_file": "good.rss"},
     {"builtin": "/html"}, {"builtin": "/empty"},
     {"status": 200, "headers": {"Content-Type": "application/rss+xml"}, "body_file": "good.rss"}]},
  "/evil.rss": {"status": 200, "headers": {"Content-Type": "application/rss+xml"}, "body_file": "evil.rss"}
}}
JSON
fault_start "$TMP/script.json" || bail "fault server did not start"
base=http://127.0.0.1:$FAULT_PORT
db=$TMP/state.db

cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h
timeout = 4s
max_body = 1MiB
log_level = debug

[source throttled-secs]
url = $base/retry-after-secs?secs=120
[source throttled-long]
url = $base/retry-after-secs?secs=99999999
[source throttled-date]
url = $base/retry-after-date?secs=3600
[source failing]
url = $base/good-then-500
[source endless]
url = $base/endless?xml=1
[source garbage]
url = $base/endless
[source drip]
url = $base/drip?interval=1&bytes=100&xml=1
[source loop]
url = $base/redirect-loop
[source to-file]
url = $base/redirect-file
[source to-ftp]
url = $base/redirect-ftp
[source bomb]
url = $base/bomb?mb=200&xml=1
[source challenge]
url = $base/403-challenge
[source html]
url = $base/good-then-html
[source evil]
url = $base/evil.rss
INI

health() { sql "$db" "select health from sources where name='$1'"; }
col() { sql "$db" "select $2 from sources where name='$1'"; }
# Pretend the backoff (or the server's wait) of source $1 is over.
age() { sql "$db" "update sources set last_poll = last_poll - backoff - 1, next_due = 0, retry_until = 0 where name='$1'"; }
# Pretend only the backoff is over, not the server's Retry-After.
age_backoff() { sql "$db" "update sources set last_poll = last_poll - backoff - 1 where name='$1'"; }

/usr/bin/time -f '%M' -o "$TMP/maxrss" "$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
rc=$?
check "once exits 1 when sources fail" [ "$rc" -eq 1 ]
note "$(grep -c . "$TMP/once1.log") log lines"

# 429 / 503 with Retry-After
check "429 with Retry-After in seconds: health throttled" [ "$(health throttled-secs)" = throttled ]
check "the server's wait is stored (120 s ahead)" \
	[ $(( $(col throttled-secs retry_until) - $(col throttled-secs last_poll) )) -ge 119 ]
check "a Retry-After of three years is capped at 7 days" \
	[ $(( $(col throttled-long retry_until) - $(col throttled-long last_poll) )) -eq 604800 ]
check "... and the warning gives the wait kept and the one asked" \
	grep -q "source throttled-long: throttled: 429, retry after 604800 s (the server asked 99999999 s; capped at 7 days)" "$TMP/once1.log"
check "503 with an HTTP-date Retry-After: health throttled" [ "$(health throttled-date)" = throttled ]
check "the HTTP-date wait is stored (about an hour ahead)" \
	[ $(( $(col throttled-date retry_until) - $(col throttled-date last_poll) )) -ge 3590 ]

check "a source answering well is ok, its item stored" \
	[ "$(health failing)" = ok -a "$(sql "$db" "select count(*) from items where source='failing'")" -eq 1 ]

# bodies that never end, slow drips, bombs: a feed is parsed as it
# arrives, so each of these begins as an RSS feed for the caps to decide
check "a body that never ends is aborted (failing)" [ "$(health endless)" = failing ]
check "an endless body of garbage is refused at its first bytes (invalid), not read to the cap" \
	[ "$(health garbage)" = invalid -a "$(col garbage last_result)" = "not well-formed XML (line 1): Document is empty" ]
check "the endless body was cut at max_body" grep -q "endless: failing: body larger than 1048576 bytes" "$TMP/once1.log"
check "a slow drip is aborted (failing)" [ "$(health drip)" = failing ]
check "a gzip bomb is aborted at the decoded-size cap" grep -q "bomb: failing: body larger than 1048576 bytes" "$TMP/once1.log"
check "memory stayed bounded (max RSS < 150 MB)" [ "$(tail -n 1 "$TMP/maxrss")" -lt 153600 ]

# redirects
check "a redirect loop stops after 5 redirects" [ "$(hits "$FAULT_LOG" '^/redirect-loop')" -eq 6 ]
check "a redirect loop: health failing" [ "$(health loop)" = failing ]
check "a redirect to file: is not followed (refused)" [ "$(health to-file)" = refused ]
check "a redirect to ftp: is not followed (refused)" [ "$(health to-ftp)" = refused ]

# a challenge page
check "403 challenge page: health blocked" [ "$(health challenge)" = blocked ]
check "nothing parsed from the challenge page" [ "$(sql "$db" "select count(*) from items where source='challenge'")" -eq 0 ]

# hostile links
check "feed links to a metadata address, file:, ftp: and another loopback port are never requested" \
	[ "$(wc -l < "$TRAP_LOG")" -eq 0 ]
check "the evil feed itself was read" [ "$(health evil)" = ok ]

# A second cycle right away: nothing under Retry-After or backoff is asked;
# the good sources now answer 500 and HTML.
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
check "500 after a good answer: health failing" [ "$(health failing)" = failing ]
check "500: the item read before is kept" [ "$(sql "$db" "select count(*) from items where source='failing'")" -eq 1 ]
check "HTML where a feed was expected: health 'not a feed'" [ "$(health html)" = "not a feed" ]
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once3.log" 2>&1
check "no request before Retry-After (seconds)" [ "$(hits "$FAULT_LOG" '^/retry-after-secs\?secs=120')" -eq 1 ]
check "no request before Retry-After (HTTP-date)" [ "$(hits "$FAULT_LOG" '^/retry-after-date')" -eq 1 ]
check "no request to a failing source during its backoff" [ "$(hits "$FAULT_LOG" '^/good-then-500')" -eq 2 ]
check "the blocked source is polled again only after backoff" [ "$(hits "$FAULT_LOG" '^/403-challenge')" -eq 1 ]

# Backoff doubles up to its cap.
b1=$(col failing backoff)
seq_ok=0
prev=$b1
for i in 1 2 3 4 5 6 7 8 9 10; do
	age_backoff failing
	"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2>&1
	cur=$(col failing backoff)
	if [ "$cur" -ne $((prev * 2)) ] && [ "$cur" -ne 21600 ]; then seq_ok=1; fi
	prev=$cur
done
check "500 repeatedly: backoff doubles from $b1 s" [ "$seq_ok" -eq 0 ]
check "500 repeatedly: backoff stops at its cap (6 h)" [ "$(col failing backoff)" -eq 21600 ]
check "500 repeatedly: the earlier item is still kept" [ "$(sql "$db" "select count(*) from items where source='failing'")" -eq 1 ]

# After HTML where a feed was expected: an empty 200, then the feed again.
check "'not a feed' is retried only after backoff" [ "$(hits "$FAULT_LOG" '^/good-then-html')" -eq 2 ]
age html
"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2>&1
check "200 with an empty body: health empty" [ "$(health html)" = empty ]
age html
"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2>&1
check "the feed back: health ok, its item neither lost nor read twice" \
	[ "$(health html)" = ok -a "$(sql "$db" "select count(*) from items where source='html'")" -eq 1 -a \
	  "$(sql "$db" "select count(*) from documents d join items i on i.doc_id = d.id where i.source='html'")" -eq 1 ]
