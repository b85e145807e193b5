#!/usr/bin/env bash
# Bounded state: a feed of 20 releases whose texts change at every poll
# (a hostile or merely busy server) leaves the database, after 30 polls,
# no larger than 1.5 times its size after 10: only the newest
# keep_revisions texts are kept, a repeated figure is kept once, freed
# pages go back to the file system.
. "$(dirname "$0")/lib.sh"
plan 8

site=$TMP/site
mkdir -p "$site"
# feed POLL [TITLE-SUFFIX]: 20 releases, each about 3 KB of text that
# differs from one poll to the next, with one figure that stays.
feed() {
	python3 - "$1" "${2:-}" > "$site/feed.rss" <<'PY'
import random, sys
poll, suffix = int(sys.argv[1]), sys.argv[2]
words = ("mission monitors reported villages region security humanitarian access "
         "displacement assistance communities council statement office situation").split()
print('<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>')
for i in range(20):
    rnd = random.Random(poll * 1000 + i)
    filler = " ".join(rnd.choice(words) for _ in range(450))
    text = ("GENEVA (6 August 2021) - At least 12 civilians were killed in Mopti, Mali, "
            "in July 2021. Update %d of release %d. %s." % (poll, i, filler))
    print("<item><title>Mali: release %d%s</title><guid>busy-%d</guid>"
          "<link>http://example.org/busy/%d</link><description>%s</description></item>"
          % (i, suffix, i, i, text))
print("</channel></rss>")
PY
}
feed 1
nginx_start "$site" || bail "nginx did not start"
db=$TMP/state.db
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h

[source busy]
url = http://127.0.0.1:$NGINX_PORT/feed.rss
fetch_pages = never

[country Mali]
terms = Mali, Mopti
INI

size() { stat -c %s "$db"; }
failed=0
for poll in $(seq 1 30); do
	feed "$poll"
	sql "$db" "update sources set next_due = 0" 2>/dev/null
	"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2>> "$TMP/once.err" || failed=$((failed + 1))
	[ "$poll" = 10 ] && size10=$(size)
done
size30=$(size)
note "database: $size10 bytes after 10 polls, $size30 after 30"
check "every poll read the changed releases (30 onces, none failed)" test "$failed" = 0
check "each release had a revision per poll (the 30th is the latest)" \
	test "$(sql "$db" "select min(latest_revision) || ',' || max(latest_revision) from documents")" = 30,30
check "only the newest 5 revisions of each are kept (no figure names an older one)" \
	test "$(sql "$db" "select count(*) || ',' || min(revision) from revisions where text <> ''")" = 100,26
check "the figure every revision repeats is kept once per release" \
	test "$(sql "$db" "select count(*) from observations where indicator = 'killed'")" = 20
check "after 30 polls the database is at most 1.5 times its size after 10" \
	test "$((size30 * 10))" -le "$((size10 * 15))"
check "no free pages are left in the file (incremental vacuum)" \
	test "$(sql "$db" "pragma freelist_count")" = 0

# A title that changes while the main text does not: no new revision.
feed 30 " (updated)"
sql "$db" "update sources set next_due = 0"
"$RW_BIN" once -c "$TMP/rw.ini" > /dev/null 2>> "$TMP/once.err"
check "a new title over the same text adds no revision" \
	test "$(sql "$db" "select (select count(*) from revisions) || ',' ||
		(select max(latest_revision) from documents)")" = 100,30
check "status shows the database's size" \
	sh -c "'$RW_BIN' status -c '$TMP/rw.ini' | grep -qE '^Database size: +[0-9.]+ MiB$'"
