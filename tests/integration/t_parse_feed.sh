#!/usr/bin/env bash
# parse-feed end to end: golden JSON Lines for fixture feeds, exit status
# and one-line reasons for rejected input, stdin, and nothing on stderr
# for good input. TAP output; $RW_BIN is the binary; run from the root.
set -u
bin=${RW_BIN:-build/rightswatch}
fx=tests/fixtures/feed
base=http://base.example.org/dir/feed.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

golden="rss2 rss1 atom jsonfeed"
rejects="billion.xml xxe.xml dtd_entity.xml page.html notfeed.xml empty.xml broken.xml"
echo "1..$(( $(echo $golden | wc -w) * 2 + $(echo $rejects | wc -w) + 3 ))"

for g in $golden; do
	src=$(ls $fx/$g.* | grep -v '\.jsonl$' | head -n 1)
	"$bin" parse-feed --base "$base" "$src" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && diff -u "$fx/$g.jsonl" "$tmp/out" > "$tmp/diff"; then
		ok "$g matches its golden JSON Lines"
	else
		notok "$g matches its golden JSON Lines (rc $rc)"; sed 's/^/# /' "$tmp/diff"
	fi
	if [ ! -s "$tmp/err" ]; then ok "$g: nothing on stderr"; else notok "$g: nothing on stderr"; fi
done

for r in $rejects; do
	timeout 10 "$bin" parse-feed "$fx/$r" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
		ok "$r rejected with one line: $(cat "$tmp/err")"
	else
		notok "$r rejected (rc $rc)"; sed 's/^/# /' "$tmp/err"
	fi
done

# stdin, with "-" and without an argument
if "$bin" parse-feed --base "$base" - < "$fx/rss2.xml" | cmp -s - "$fx/rss2.jsonl"; then
	ok "reads stdin with -"; else notok "reads stdin with -"; fi
if "$bin" parse-feed --base "$base" < "$fx/rss2.xml" | cmp -s - "$fx/rss2.jsonl"; then
	ok "reads stdin without an argument"; else notok "reads stdin without an argument"; fi
"$bin" parse-feed "$tmp/does-not-exist" > /dev/null 2>&1
if [ $? -eq 1 ]; then ok "a missing file exits 1"; else notok "a missing file exits 1"; fi
