#!/usr/bin/env bash
# `rightswatch extract --explain` and `rightswatch explain ID|URL` as an
# analyst calls them: every number of a text with its reading, what it was
# attached to or why it was dropped, its clause and its period; and the
# same for a release the daemon stored (`once` against nginx, then explain
# by URL and by id, from the text the store kept).
. "$(dirname "$0")/lib.sh"
plan 18

seed=$RW_ROOT/../shared/seeds/000_fea450b5e471619b.txt
line() { grep -F -- "$1" "$TMP/out.txt" | grep -qF -- "$2"; }

if [ -f "$seed" ]; then
	"$RW_BIN" extract --explain --date 2021-08-06 "$seed" > "$TMP/out.txt"
	check "seed: the 43 executions, attached, with their period and interval" \
		line 'text="43"' 'attached=extrajudicial_executions rule="number + noun" period_source=stated period="between 1 April and 30 June 2021" period_at=2632-2664 period_type=range period_anchor=none'
	check "seed: the figure 2020 implies, after its base, dated by its reference" \
		grep -q '^implied of=[0-9]* obs=2 .*period_source=reference period="2020" .*period_type=date period_anchor=none .*value=293 qualifier=approx interval=2020-01-01..2020-12-31' "$TMP/out.txt"
	check "seed: the visit's length is read as a duration and dropped" \
		line 'read=duration' 'dropped="not a count"'
	check "seed: the phone numbers are read as such" line 'read=phone number' 'dropped='
	check "seed: five observations, each on one line" \
		[ "$(grep -c ' obs=[0-9]' "$TMP/out.txt")" -eq 5 ]
else
	for i in 1 2 3 4 5; do skip "../shared/seeds is not beside the project"; done
fi

cat > "$TMP/text.txt" <<'TXT'
Twelve people – among them three children – were killed near Gao on 3 July, and 45 civilians were abducted in Burkina Faso.
TXT
"$RW_BIN" extract --explain --date 2021-08-06 --lang en --country Mali "$TMP/text.txt" > "$TMP/out.txt"
check "a part in an apposition, attached through it" \
	line 'text="three"' 'clause_kind=apposition clause=14-47 attached=killed rule="breakdown in an apposition"'
check "each clause keeps its place" line 'text="45"' 'country="Burkina Faso"'
check "the date is read as a date and dropped" line 'text="3"' 'read=date clause_kind=clause'
check "a day and month: a date, its year the publication's" \
	line 'text="Twelve"' 'period="3 July" period_at=72-78 period_type=date period_anchor=publication'

cat > "$TMP/text2.txt" <<'TXT'
Abductions rose to 300 in the second quarter, a 50 per cent increase on the previous quarter.

Some 2,000 people are displaced.
TXT
"$RW_BIN" extract --explain --date 2021-08-06 --lang en --country Mali "$TMP/text2.txt" > "$TMP/out.txt"
check "an implied figure: its reference, relative to the reporting period" \
	grep -q '^implied of=0 obs=1 .*period="the previous quarter" .*period_type=relative period_anchor=reporting .*value=200 .*interval=2021-01-01..2021-03-31' "$TMP/out.txt"
check "a stock with no date of its own: as of the publication" \
	line 'text="2,000"' 'period_source=stock period=- period_type=as-of period_anchor=publication'

# ---- a stored release ---------------------------------------------------------
cp -r "$RW_ROOT/tests/fixtures/site" "$TMP/site"
nginx_start "$TMP/site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
[source testfeed]
url = $base/feed.rss
type = rss
INI
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once.log" 2>&1
url=$(sql "$TMP/state.db" "select url from documents where url like '%mali-abductions%'")
id=$(sql "$TMP/state.db" "select id from documents where url like '%mali-abductions%'")
check "once stored the release" [ -n "$url" ]
"$RW_BIN" explain -c "$TMP/rw.ini" "$url" > "$TMP/out.txt" 2> "$TMP/err"
check "explain URL: the stored release's 435 abductions, with their interval" \
	line 'text="435"' 'attached=abductions'
check "explain URL: the document and its revision come first" \
	grep -q "^document id=$id revision=1 url=\"$url\"" "$TMP/out.txt"
"$RW_BIN" explain -c "$TMP/rw.ini" "$id" > "$TMP/out2.txt"
check "explain ID gives the same lines as explain URL" cmp -s "$TMP/out.txt" "$TMP/out2.txt"
stored=$(sql "$TMP/state.db" "select count(*) from observations o join documents d on d.id = o.doc_id where d.id = $id")
check "as many observations as the store holds for it" \
	[ "$(grep -c ' obs=[0-9]' "$TMP/out.txt")" -eq "$stored" ]
"$RW_BIN" explain -c "$TMP/rw.ini" "$base/no/such/release.html" > /dev/null 2> "$TMP/err"
check "an unknown release: status 1 and a reason" \
	[ $? -eq 1 -a -n "$(grep 'no stored release' "$TMP/err")" ]
"$RW_BIN" explain -c "$TMP/rw.ini" > /dev/null 2>&1
check "no argument: usage, status 2" [ $? -eq 2 ]
