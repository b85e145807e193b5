#!/usr/bin/env bash
# The daemon end to end against Debian's nginx on 127.0.0.1: a feed and an
# HTML listing are polled, each release page is read once, the figures are
# stored; a second cycle sends conditional requests and reads no page; a
# revised release is re-read; the same release from two sources is one document.
. "$(dirname "$0")/lib.sh"
plan 22

site=$TMP/site
cp -r "$RW_ROOT/tests/fixtures/site" "$site"
nginx_start "$site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT
db=$TMP/state.db

write_config() { # extra sources appended from $1
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
interval = 1h
timeout = 10s
max_body = 1MiB
log_level = debug

[source testfeed]
url = $base/feed.rss
type = rss
fetch_pages = auto

[source listing]
url = $base/en/press-releases/index.html
type = html
links = //main//a[@class='release-link']
link_pattern = $base/en/press-releases/*

[country Mali]
terms = Mali, Malian, Bamako, Gao, Mopti
${1:-}
INI
}
write_config

"$RW_BIN" check -c "$TMP/rw.ini" > "$TMP/check.out" 2>&1
ok $? "the test configuration passes check"

"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
ok $? "first once exits 0"
check "the feed was fetched once" [ "$(requests_for '/feed.rss')" -eq 1 ]
check "each release page of the feed was fetched once" \
	[ "$(requests_for '/releases/mali-abductions.html')" -eq 1 -a "$(requests_for '/releases/mali-visit.html')" -eq 1 -a "$(requests_for '/releases/niger-displacement.html')" -eq 1 ]
check "the listing page was fetched once" [ "$(requests_for '/en/press-releases/index.html')" -eq 1 ]
check "each release linked from the listing was fetched once" \
	[ "$(requests_for '/en/press-releases/2021/08/mali-killings.html')" -eq 1 -a "$(requests_for '/en/press-releases/2021/08/mali-detentions.html')" -eq 1 ]
check "links outside link_pattern were never requested" [ "$(requests_for '/en/about')" -eq 0 ]
check "every request carried the configured User-Agent" \
	[ "$(grep -vc 'rightswatch-test/1' "$NGINX_LOG")" -eq 0 ]
check "five documents stored" [ "$(sql "$db" 'select count(*) from documents')" -eq 5 ]
check "five items stored, all processed" [ "$(sql "$db" 'select count(*) from items where done = 1')" -eq 5 ]
check "the 435 abductions were stored with their period" \
	[ "$(sql "$db" "select count(*) from observations where indicator='abductions' and value=435 and period_start='2021-01-01' and period_end='2021-06-30'")" -ge 1 ]
check "the figure from the listing's release was stored" \
	[ "$(sql "$db" "select count(*) from observations where indicator='arbitrary_detentions' and value=31")" -ge 1 ]
check "the release about another country has no figures" \
	[ "$(sql "$db" "select count(*) from observations o join documents d on d.id=o.doc_id where d.url like '%niger%'")" -eq 0 ]
check "the phone number and the page footer gave no figure" \
	[ "$(sql "$db" "select count(*) from observations where value in (9059, 9999, 1234)")" -eq 0 ]

"$RW_BIN" status -c "$TMP/rw.ini" > "$TMP/status.out" 2>&1
check "status shows both sources healthy" [ "$(grep -cE '^(testfeed|listing) +ok ' "$TMP/status.out")" -eq 2 ]

"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
ok $? "second once exits 0"
check "the second poll of the feed was conditional and answered 304" \
	grep -qE '^GET /feed.rss 304 "W/' "$NGINX_LOG"
check "the second cycle requested no release page" \
	[ "$(grep -cE '^GET /(releases|en/press-releases/2021)/' "$NGINX_LOG")" -eq 5 ]

# A revised release: the item's description and its page change.
sed -i 's/The expert on Mali warned of a sharp rise in abductions./Updated: the expert on Mali warned of a sharp rise in abductions./' "$site/feed.rss"
sed -i 's/the mission documented 435 abductions/the mission documented 440 abductions/' "$site/releases/mali-abductions.html"
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once3.log" 2>&1
ok $? "third once (a revised release) exits 0"
check "the revised release was read again and recorded as revision 2" \
	[ "$(sql "$db" "select latest_revision from documents where url like '%mali-abductions.html'")" -eq 2 ]
check "the revised figure was stored for the new revision" \
	[ "$(sql "$db" "select count(*) from observations where indicator='abductions' and value=440 and revision=2")" -ge 1 ]

# The same release reached from a second source is one document.
sed 's/test-release-/other-guid-/' "$site/feed.rss" > "$site/feed2.rss"
write_config "
[source second]
url = $base/feed2.rss
type = rss"
before=$(grep -cE '^GET /releases/' "$NGINX_LOG")
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once4.log" 2>&1
check "a release reached from two sources is one document, read once" \
	[ "$(sql "$db" 'select count(*) from documents')" -eq 5 -a "$(grep -cE '^GET /releases/' "$NGINX_LOG")" -eq "$before" ]
