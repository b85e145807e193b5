#!/usr/bin/env bash
# The daemon reads a feed as it arrives (issue 15, item 1): curl's chunks
# go into the streaming parser, with the HTTP charset for a document that
# names none and the source's caps enforced on the way; a broken feed
# gives a clear error and loses nothing already known; repeated and
# dropped items are one line a poll, not one per item. Through the real
# binary against the fault server on 127.0.0.1; what was stored is read
# back from the SQLite file.
. "$(dirname "$0")/lib.sh"
plan 10

# Feeds written for this test. cp1252.rss is in windows-1252 with no
# encoding in its XML declaration: only the HTTP charset says so (0x92 is
# a right single quote, 0xE9 an e with an acute accent).
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
def item(i, guid=None):
    return ("<item><title>Release %d</title><guid>%s</guid>"
            "<pubDate>Fri, 06 Aug 2021 10:%02d:00 GMT</pubDate>"
            "<description>Text of release %d.</description></item>"
            % (i, guid or "r-%d" % i, i % 60, i))
def rss(items):
    return '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>%s</channel></rss>' % "".join(items)
open(d + "/cp1252.rss", "wb").write(
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
    b'<item><title>S\xe9gou: the expert\x92s visit</title><guid>w-1</guid>'
    b'<description>R\xe9gion de S\xe9gou.</description></item></channel></rss>')
# 3 items repeat an earlier id; 40 items where max_items keeps 10.
open(d + "/dups.rss", "w").write(rss([item(1), item(2, "r-1"), item(3, "r-1"), item(4, "r-1"), item(5)]))
open(d + "/many.rss", "w").write(rss([item(i) for i in range(40)]))
open(d + "/good.rss", "w").write(rss([item(1), item(2)]))
# the same feed cut in the middle of an item, past the first one
open(d + "/broken.rss", "w").write(rss([item(1), item(2)])[:300])
PY
cat > "$TMP/script.json" <<'JSON'
{"routes": {
 "/cp1252.rss": {"headers": {"Content-Type": "application/rss+xml; charset=windows-1252"},
   "body_file": "cp1252.rss"},
 "/dups.rss": {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "dups.rss"},
 "/many.rss": {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "many.rss"},
 "/goodbad.rss": {"sequence": [
   {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "good.rss"},
   {"headers": {"Content-Type": "application/rss+xml"}, "body_file": "broken.rss"}]}}}
JSON
fault_start "$TMP/script.json" || bail "the fault server did not start"
base=http://127.0.0.1:$FAULT_PORT
db=$TMP/state.db
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h
timeout = 10s
log_level = debug

[source w]
url = $base/cp1252.rss
fetch_pages = never
[source dups]
url = $base/dups.rss
fetch_pages = never
[source many]
url = $base/many.rss
fetch_pages = never
max_items = 10
[source goodbad]
url = $base/goodbad.rss
fetch_pages = never
INI
items() { sql "$db" "select count(*) from items where source = '$1'"; }

"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
check "once exits 0" [ $? -eq 0 ]
check "the HTTP charset decodes a feed that names none (windows-1252: é and ’)" \
	[ "$(sql "$db" "select title from items where source = 'w'")" = "Ségou: the expert’s visit" ]
check "the streamed feed's text was stored as a release" \
	[ "$(sql "$db" "select count(*) from revisions where text like '%Région de Ségou.%'")" -eq 1 ]
check "of the items that repeat an id the first is kept: 2 stored" [ "$(items dups)" -eq 2 ]
check "the repeats are one warning line for the poll, not one per item" \
	[ "$(grep -c 'source dups: 3 items repeat the id of an earlier one: the first is kept' "$TMP/once1.log")" -eq 1 ]
check "max_items applies while streaming: 10 of 40 items stored" [ "$(items many)" -eq 10 ]
check "the dropped items are one warning line" \
	[ "$(grep -c 'source many: 40 items, only the first 10 are read (max_items)' "$TMP/once1.log")" -eq 1 ]

# The same feed cut in the middle: a clear error, nothing known is lost.
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
check "a feed cut in the middle: once exits 1" [ $? -eq 1 ]
check "the source is invalid, and says where the XML broke" \
	[ "$(sql "$db" "select health from sources where name = 'goodbad'")" = invalid \
	  -a -n "$(grep -E "source goodbad: invalid: not well-formed XML \(line 1\)" "$TMP/once2.log")" ]
check "the items and releases the good feed gave are all still there" \
	[ "$(items goodbad)" -eq 2 -a "$(sql "$db" "select count(*) from items where source = 'goodbad' and done = 1 and doc_id is not null")" -eq 2 ]
