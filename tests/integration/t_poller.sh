#!/usr/bin/env bash
# The poller's rounds at their edges, against real servers on 127.0.0.1
# (nginx for feeds with full text, the fault server for slow answers):
#
#   A  a release read from the feed's own text that could not be stored
#      stays pending and is read at the next poll (once exits 1 meanwhile)
#   B  a source's url changed by a reload while its old url is being
#      fetched: the old url's redirect and validators are not kept for the
#      new one, which is polled next
#   C  SIGTERM while a feed is being fetched: its answer starts no release
#      page fetch (the item stays pending for the next start)
#   D  SIGTERM while a server never answers: the daemon stops after its
#      grace period, cleanly, well inside systemd's stop timeout
. "$(dirname "$0")/lib.sh"
plan 14

mkdir -p "$TMP/site"
nginx_start "$TMP/site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT


# ---- A: a release the store refused -------------------------------------------
cat > "$TMP/site/full.rss" <<'RSS'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Full text</title>
<item><title>Mali: a release carried whole</title><link>full-1.html</link><guid>full-1</guid>
<pubDate>Fri, 06 Aug 2021 10:00:00 GMT</pubDate>
<description>BAMAKO (6 August 2021) - The mission documented 435 abductions in Mali
in the first six months of this year.</description></item>
</channel></rss>
RSS
cat > "$TMP/a.ini" <<INI
[daemon]
state = a.db
log_level = debug
[source full]
url = $base/full.rss
fetch_pages = never
INI
"$RW_BIN" status -c "$TMP/a.ini" > /dev/null 2>&1   # creates the database
# The database refuses documents for a while (as a full disk would).
sql "$TMP/a.db" "create trigger refuse before insert on documents
  begin select raise(abort, 'refused by the test'); end"
"$RW_BIN" once -c "$TMP/a.ini" > "$TMP/a1.log" 2>&1
rc=$?
check "A: once exits 1 when a release could not be stored" [ "$rc" -eq 1 ]
check "A: the item stays pending" \
	[ "$(sql "$TMP/a.db" "select count(*) from items where done = 0")" -eq 1 ]
check "A: the feed's validators are not saved" \
	[ -z "$(sql "$TMP/a.db" "select etag from sources where name = 'full'")" ]
sql "$TMP/a.db" "drop trigger refuse"
"$RW_BIN" once -c "$TMP/a.ini" > "$TMP/a2.log" 2>&1
rc=$?
check "A: the next once reads the release and exits 0" [ "$rc" -eq 0 ]
check "A: the document is stored" [ "$(sql "$TMP/a.db" "select count(*) from documents")" -eq 1 ]

# ---- B: a reload re-points a source mid-fetch ------------------------------------
echo '{"routes": {}}' > "$TMP/routes.json"
fault_start "$TMP/routes.json" || bail "the fault server did not start"
fs=http://127.0.0.1:$FAULT_PORT
cat > "$TMP/routes.json" <<JSON
{"routes": {
  "/old": {"status": 301, "headers": {"Location": "$fs/oldfeed"}, "delay": 2},
  "/oldfeed": {"builtin": "/rss"},
  "/new": {"builtin": "/rss"}}}
JSON
bconfig() {
	cat > "$TMP/b.ini" <<INI
[daemon]
state = b.db
interval = 1h
log_level = debug
[source s]
url = $fs/$1
fetch_pages = never
INI
}
bconfig old
"$RW_BIN" run -c "$TMP/b.ini" > "$TMP/b-run.log" 2>&1 &
pid=$!
_pids+=($pid)
old_asked() { [ "$(hits "$FAULT_LOG" '^/old$')" -eq 1 ]; }
wait_for old_asked
bconfig new
kill -HUP "$pid"
wait_for grep -q "configuration reloaded" "$TMP/b-run.log"
check "B: the old url's round ends" wait_for grep -q "source s: ok" "$TMP/b-run.log"
kill -TERM "$pid"
wait "$pid"
check "B: the old url's redirect target is not kept for the new url" \
	[ -z "$(sql "$TMP/b.db" "select current_url from sources where name = 's'")" ]
"$RW_BIN" once -c "$TMP/b.ini" > "$TMP/b-once.log" 2>&1
check "B: the next poll asks the new url" [ "$(hits "$FAULT_LOG" '^/new$')" -eq 1 ]

# ---- C: SIGTERM while a feed is on its way ----------------------------------------
cat > "$TMP/routes.json" <<JSON
{"routes": {
  "/slowfeed": {"delay": 2, "headers": {"Content-Type": "application/rss+xml"},
    "body": "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Mali: a release</title><link>$fs/page1</link><guid>slow-1</guid></item></channel></rss>"},
  "/page1": {"builtin": "/html"}}}
JSON
cat > "$TMP/c.ini" <<INI
[daemon]
state = c.db
interval = 1h
log_level = debug
[source slow]
url = $fs/slowfeed
fetch_pages = always
INI
"$RW_BIN" run -c "$TMP/c.ini" > "$TMP/c-run.log" 2>&1 &
pid=$!
_pids+=($pid)
slow_asked() { [ "$(hits "$FAULT_LOG" '^/slowfeed$')" -eq 1 ]; }
wait_for slow_asked
kill -TERM "$pid"
wait "$pid"
ok $? "C: SIGTERM with a feed in flight: exit status 0"
check "C: no release page is requested after SIGTERM" [ "$(hits "$FAULT_LOG" '^/page1$')" -eq 0 ]
check "C: its item stays pending for the next start" \
	[ "$(sql "$TMP/c.db" "select count(*) from items where done = 0")" -eq 1 ]

# ---- D: SIGTERM while a server hangs ----------------------------------------------
cat > "$TMP/d.ini" <<INI
[daemon]
state = d.db
interval = 1h
timeout = 60s
log_level = debug
[source hung]
url = $fs/slow-headers?secs=60
INI
"$RW_BIN" run -c "$TMP/d.ini" > "$TMP/d-run.log" 2>&1 &
pid=$!
_pids+=($pid)
hung_asked() { [ "$(hits "$FAULT_LOG" '^/slow-headers([?]|$)')" -eq 1 ]; }
wait_for hung_asked
kill -TERM "$pid"
check "D: the daemon stops on its own after the grace period" stopped_within 9 "$pid"
wait "$pid"
ok $? "D: exit status 0"
check "D: it says what it abandoned" grep -q "stopping with 1 transfers and 0 deliveries still in flight after 5 s" "$TMP/d-run.log"
