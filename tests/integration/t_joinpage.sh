#!/usr/bin/env bash
# One fetch per release URL per round (issue 15, item 6): when two feeds
# link the same release while their polls overlap, its page is fetched
# once, whether the second feed comes while the page is in flight or
# after it was answered (the first source's round still open). The fault
# server's delays order the events with seconds to spare, and its log
# counts the requests: not a matter of timing luck.
#
#   A  both feeds answer at once; the shared page takes 2 s: the second
#      source joins the fetch in flight
#   B  feed a links the shared page (fast) and a slow one (3 s) that keeps
#      its round open; feed b answers after 1.5 s: it joins the answer kept
. "$(dirname "$0")/lib.sh"
plan 8

# feed NAME LINK...: an RSS feed whose items link the given paths.
feed() {
	local name=$1 i=0 l
	shift
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>' "$name"
		for l in "$@"; do
			i=$((i + 1))
			printf '<item><title>%s %d</title><link>%s</link><guid>%s-%d</guid>' "$name" "$i" "$l" "$name" "$i"
			printf '<pubDate>Fri, 06 Aug 2021 1%d:00:00 GMT</pubDate></item>' "$i"
		done
		printf '</channel></rss>\n'
	} > "$TMP/$name.rss"
}
page() {
	printf '<html lang="en"><head><title>%s</title></head><body><main><p>GENEVA (6 August 2021) - %s</p></main></body></html>\n' \
		"$1" "$2" > "$TMP/$1.html"
}
page shared "At least 12 civilians were killed in Mopti, Mali, in July 2021, the mission said."
page slow "The office counted 40 abductions in the centre of Mali in July 2021."
cat > "$TMP/script.json" <<'JSON'
{"routes": {
 "/a.rss": {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "a.rss"},
 "/b.rss": {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "b.rss"},
 "/b-late.rss": {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "b.rss",
   "delay": 1.5},
 "/shared-slow.html": {"headers": {"Content-Type": "text/html"}, "body_file": "shared.html",
   "delay": 2},
 "/shared.html": {"headers": {"Content-Type": "text/html"}, "body_file": "shared.html"},
 "/slow.html": {"headers": {"Content-Type": "text/html"}, "body_file": "slow.html",
   "delay": 3}}}
JSON
fault_start "$TMP/script.json" || bail "the fault server did not start"
base=http://127.0.0.1:$FAULT_PORT
# config NAME FEED-A FEED-B: two sources, fresh state NAME.db
config() {
	cat > "$TMP/$1.ini" <<INI
[daemon]
state = $1.db
interval = 1h
timeout = 20s
log_level = debug

[source a]
url = $base/$2
fetch_pages = always
[source b]
url = $base/$3
fetch_pages = always
INI
}
docs() { sql "$TMP/$1.db" "select count(*) from documents"; }
same_doc() {
	sql "$TMP/$1.db" "select count(distinct doc_id) || ',' || count(*) from items where link like '%/$2' and done = 1"
}

# ---- A: joined in flight ----
feed a "$base/shared-slow.html"
feed b "$base/shared-slow.html"
config A a.rss b.rss
"$RW_BIN" once -c "$TMP/A.ini" > "$TMP/A.log" 2>&1
check "A: once exits 0" [ $? -eq 0 ]
check "A: the shared page was requested once for the two feeds" \
	[ "$(hits "$FAULT_LOG" '^/shared-slow.html$')" -eq 1 ]
check "A: both items were read, as one release" \
	[ "$(same_doc A shared-slow.html)" = "1,2" -a "$(docs A)" -eq 1 ]

# ---- B: joined after the answer, the first round still open ----
feed a "$base/shared.html" "$base/slow.html"
feed b "$base/shared.html"
config B a.rss b-late.rss
"$RW_BIN" once -c "$TMP/B.ini" > "$TMP/B.log" 2>&1
check "B: once exits 0" [ $? -eq 0 ]
check "B: the shared page was requested once for the two feeds" \
	[ "$(hits "$FAULT_LOG" '^/shared.html$')" -eq 1 ]
check "B: the second feed read the answer kept (said at debug)" \
	grep -q "source b: release $base/shared.html: answered already in this round" "$TMP/B.log"
check "B: both items were read, as one release; the slow page too" \
	[ "$(same_doc B shared.html)" = "1,2" -a "$(docs B)" -eq 2 ]

# ---- a later round fetches again ----
"$RW_BIN" once -c "$TMP/A.ini" > "$TMP/A2.log" 2>&1
check "a later round: the items are known, the page is not asked for again" \
	[ "$(hits "$FAULT_LOG" '^/shared-slow.html$')" -eq 1 ]
