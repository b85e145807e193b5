#!/usr/bin/env bash
# One URL policy for every hop: a feed or a page that redirects the daemon
# to another loopback port, to the cloud metadata address in its many
# spellings, or a name that resolves to loopback, gets no request through,
# and no connection: a canary listener counts the connections it accepts.
. "$(dirname "$0")/lib.sh"
plan 21

canary_start || bail "canary did not start"
fault_start || bail "fault server did not start"
F=http://127.0.0.1:$FAULT_PORT
C=http://127.0.0.1:$CANARY_PORT

# nginx: a feed whose release pages redirect, and a feed that redirects.
site=$TMP/site
mkdir -p "$site/a" "$site/b"
cat > "$site/pages.rss" <<RSS
<?xml version="1.0"?><rss version="2.0"><channel><title>Pages</title>
<item><title>Mali: a release that moved</title><guid>p1</guid>
<link>http://127.0.0.1:NGINX/moved-page.html</link></item>
<item><title>Mali: a link to the metadata service</title><guid>p2</guid>
<link>http://169.254.169.254/latest/meta-data/</link></item>
<item><title>Mali: a link to a host not in page_hosts</title><guid>p4</guid>
<link>http://news.example.org/mali</link></item>
<item><title>Mali: a plain release</title><guid>p3</guid>
<link>http://127.0.0.1:NGINX/release.html</link></item>
</channel></rss>
RSS
# (with a stray NUL byte: dropped, not fatal)
printf '%s\0%s\n' '<html><head><title>A release</title></head><body><main>
<p>GENEVA (6 August 2021) - At least 12 civilians' ' were killed in Mopti, Mali.</p>
</main></body></html>' > "$site/release.html"
# A feed with a relative link, reached through a redirect to another path:
# the link resolves against the configured URL (/a/), not where it led (/b/).
cat > "$site/b/feed.rss" <<'RSS'
<?xml version="1.0"?><rss version="2.0"><channel><title>Relative</title>
<item><title>Mali: relative</title><guid>r1</guid><link>release.html</link></item>
</channel></rss>
RSS
cp "$site/release.html" "$site/a/release.html"
nginx_start "$site" "location = /moved-page.html { return 302 $C/page.html; }
		location = /moved.rss { return 302 $C/feed.rss; }
		location = /a/feed.rss { return 302 /b/feed.rss; }" || bail "nginx did not start"
sed -i "s/NGINX/$NGINX_PORT/g" "$site/pages.rss"
N=http://127.0.0.1:$NGINX_PORT

db=$TMP/state.db
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h
timeout = 5s
log_level = debug

[source to-canary]
url = $F/redirect?to=$C/feed
[source to-metadata]
url = $F/redirect?to=http://169.254.169.254/latest/meta-data/
[source to-mapped]
url = $F/redirect?to=http://[::ffff:169.254.169.254]/latest/
[source to-decimal]
url = $F/redirect?to=http://2852039166/latest/
[source to-octal]
url = $F/redirect?to=http://0251.0376.0251.0376/latest/
[source to-hex]
url = $F/redirect?to=http://0xa9fea9fe/latest/
[source to-same-port]
url = $F/redirect?to=/rss
fetch_pages = never
[source nginx-moved]
url = $N/moved.rss
[source nginx-pages]
url = $N/pages.rss
fetch_pages = always
[source relative]
url = $N/a/feed.rss
fetch_pages = always
INI

"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once.out" 2> "$TMP/once.err"
health() { sql "${2:-$db}" "select health from sources where name='$1'"; }
result() { sql "${2:-$db}" "select last_result from sources where name='$1'"; }
# refused SOURCE REGEX [DB]: its health is refused, its last result names why.
refused() { test "$(health "$1" "${3:-$db}")" = refused && result "$1" "${3:-$db}" | grep -qE "$2"; }

check "a redirect to another loopback port made no connection (canary: 0 accepts)" \
	test "$(accepts_on_canary)" = 0
check "the redirect to another loopback port is refused, the target named" \
	refused to-canary "127.0.0.1:$CANARY_PORT/feed: port $CANARY_PORT is not 80, 443"
for s in to-metadata to-mapped to-decimal to-octal to-hex; do
	check "$s: refused (link-local, however written)" refused $s 'link-local address'
done
check "a redirect on the source's own host and port is followed" \
	test "$(health to-same-port)" = ok
check "nginx's redirect of the feed to another loopback port is refused" \
	test "$(health nginx-moved)" = refused
check "a release page nginx redirects to another port: not fetched, not retried" \
	test "$(sql "$db" "select done || ',' || coalesce(doc_id, 0) from items where item_id='p1'")" = "1,0"
check "the metadata link of a feed is not fetched" \
	test "$(sql "$db" "select done || ',' || coalesce(doc_id, 0) from items where item_id='p2'")" = "1,0"
check "the plain release of the same feed is read (its stray NUL byte dropped)" \
	test "$(sql "$db" "select count(*) from items where item_id='p3' and doc_id is not null")" = 1
check "one line for the source's refused releases, not one per item" \
	sh -c "test \$(grep -c 'source nginx-pages: .*not fetched' '$TMP/once.err') = 1 &&
	       grep -q 'source nginx-pages: 3 releases not fetched' '$TMP/once.err'"
check "a link to a host not in page_hosts is not fetched either" \
	test "$(sql "$db" "select done || ',' || coalesce(doc_id, 0) from items where item_id='p4'")" = "1,0"
check "the refusal is logged once per source" \
	test "$(grep -c 'source to-canary: refused' "$TMP/once.err")" = 1
check "a relative link resolves against the configured URL, not the redirect's" \
	sh -c "test $(requests_for '/a/release.html') = 1 && test $(requests_for '/b/release.html') = 0"
check "still no connection to the canary after every source" \
	test "$(accepts_on_canary)" = 0

# A name that resolves to loopback is refused when connecting (the address
# is what counts, so DNS rebinding cannot steer a request either), unless
# the source allows private addresses.
name=$(hostname)
addr=$(getent ahostsv4 "$name" 2>/dev/null | awk 'NR == 1 { print $1 }')
if [ -n "$name" ] && [ "$name" != localhost ] && case "$addr" in 127.*) true ;; *) false ;; esac; then
	before=$(requests_for '/release.html')
	cat > "$TMP/name.ini" <<INI
[daemon]
state = name.db
interval = 1h
timeout = 5s
[source by-name]
url = http://$name:$NGINX_PORT/release.html
type = html
links = //a
[source by-name-allowed]
url = http://$name:$NGINX_PORT/release.html
type = html
links = //a
allow_private = yes
INI
	"$RW_BIN" once -c "$TMP/name.ini" > /dev/null 2> "$TMP/name.err"
	check "a name ($name) resolving to $addr is refused when connecting" \
		refused by-name "^connecting to $addr: loopback address" "$TMP/name.db"
	check "... and reaches nginx with allow_private = yes (one request only)" \
		test "$(health by-name-allowed "$TMP/name.db"),$(($(requests_for '/release.html') - before))" = ok,1
else
	skip "the host name '$name' does not resolve to a loopback address here"
	skip "the host name '$name' does not resolve to a loopback address here"
fi

# The health and the reason show in /metrics of the running daemon.
port=$(free_port)
sed -i "s/^log_level = debug/log_level = info\nlisten = 127.0.0.1:$port/" "$TMP/rw.ini"
sql "$db" "update sources set next_due = 0"
"$RW_BIN" run -c "$TMP/rw.ini" 2> "$TMP/run.err" &
pid=$!
_pids+=($pid)
wait_port "$port"
wait_for sh -c "curl -s http://127.0.0.1:$port/metrics | grep -q 'reason=\"refused\"'"
curl -s "http://127.0.0.1:$port/metrics" > "$TMP/metrics"
check "/metrics counts the sources whose health is refused, and the refused fetches" \
	sh -c "grep -q '^rightswatch_sources{health=\"refused\"} 7$' '$TMP/metrics' &&
	       grep -q '^rightswatch_http_failures_total{kind=\"feed\",reason=\"refused\"}' '$TMP/metrics'"
kill "$pid"
stopped_within 10 "$pid"
check "status names the refused target" \
	sh -c "'$RW_BIN' status -c '$TMP/rw.ini' | grep -E '^to-metadata +refused' | grep -q '169.254.169.254'"
