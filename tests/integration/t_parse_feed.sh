#!/usr/bin/env bash
# parse-feed end to end: golden JSON Lines for fixture feeds (each form of
# title, date, charset, link and duplicate the parser reads), exit status
# and one-line reasons for rejected input, the shapes that libxml2 parses
# in quadratic time refused fast, stdin, and nothing on stderr for good
# input but the one note on dropped duplicates. TAP output; $RW_BIN is the
# binary; run from the root.
set -u
bin=${RW_BIN:-build/rightswatch}
fx=tests/fixtures/feed
base=http://base.example.org/dir/feed.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

# name | source file | options | what the golden shows
goldens='rss2|rss2.xml||RSS 2.0: CDATA, HTML descriptions, xml:base, permalink guid
rss1|rss1.rdf||RSS 1.0 with other prefixes
atom|atom.xml||Atom: xml:base, html and xhtml
jsonfeed|jsonfeed.json||JSON Feed
titles|titles.xml||titles: entities decoded once more, markup dropped, CDATA markup dropped, dc: and media: titles
atom_types|atom_types.xml||Atom types: text keeps brackets, html decoded, xhtml walked, binary skipped; the later update wins
dates|dates.xml||dates: offsets with a colon, named zones, date only, W3C-DTF; garbage stays null
latin1_decl|latin1_decl.xml||ISO-8859-1 declared: 0x80-0x9F as windows-1252
stray_1252|stray_1252.xml||a stray windows-1252 byte in UTF-8
koi8|koi8.xml|--charset KOI8-R|the HTTP charset when the document names none
declared_wins|declared_wins.xml|--charset iso-8859-1|the document encoding wins over the HTTP charset
utf16|utf16.xml||UTF-16 with a BOM
lang_after|lang_after.xml||a channel language after the items
links|links.xml||links: normalised, resolved, javascript: dropped
duplicates|duplicates.xml||the first of two equal ids wins'
rejects="billion.xml:entities xxe.xml:entities dtd_entity.xml:entities page.html:not.a.feed
notfeed.xml:not.a.feed empty.xml:empty broken.xml:well-formed"

# Hostile shapes, built here (name:reason). Each must be refused within 2 s.
gen() { python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
def w(name, body):
    open(d + "/" + name, "w").write(body)
head = '<?xml version="1.0"?><rss version="2.0"><channel>'
tail = '</channel></rss>\n'
w("attrs.xml", head + "<item " + " ".join('a%d="1"' % i for i in range(80000)) + "><title>x</title></item>" + tail)
w("attrs_ok.xml", head + "<item " + " ".join('a%d="1"' % i for i in range(256)) + "><title>256 is fine</title><guid>ok</guid></item>" + tail)
w("deep.xml", head + "<item><title>" + "<b>" * 5000 + "x" + "</b>" * 5000 + "</title></item>" + tail)
w("ns.xml", '<rss version="2.0" ' + " ".join('xmlns:p%d="urn:x:%d"' % (i, i) for i in range(200)) +
  '><channel ' + " ".join('xmlns:q%d="urn:y:%d"' % (i, i) for i in range(100)) + "/></rss>\n")
w("tag.xml", head + '<item a="' + "v" * 300000 + '"/>' + tail)
w("defaults.xml", '<?xml version="1.0"?><!DOCTYPE rss [' + "".join('<!ATTLIST item d%d CDATA "x">' % i for i in range(40)) + ']>' + head + "<item/>" + tail)
w("ucs4.xml", "\0\0\0<rss><channel/></rss>")
w("hidden.xml", head + "<!-- <item " + " ".join("a%d='1'" % i for i in range(400)) + "> -->" +
  "<item><title><![CDATA[<b " + " ".join("c%d=1" % i for i in range(400)) + ">]]></title><guid>cdata</guid></item>" + tail)
PY
}
gen
hostile="attrs.xml:more.attributes.than.256 deep.xml:nested.deeper.than.128
ns.xml:namespace.declarations tag.xml:start.tag.longer defaults.xml:attribute.defaults"

echo "1..$(( $(echo "$goldens" | wc -l) * 2 + $(echo $rejects | wc -w) + $(echo $hostile | wc -w) + 7 ))"

while IFS='|' read -r name src opts what; do
	# shellcheck disable=SC2086
	"$bin" parse-feed --base "$base" $opts "$fx/$src" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 0 ] && diff -u "$fx/$name.jsonl" "$tmp/out" > "$tmp/diff"; then
		ok "$what"
	else
		notok "$what (rc $rc)"; sed 's/^/# /' "$tmp/diff" "$tmp/err"
	fi
	if [ "$name" = duplicates ]; then
		grep -q '^parse-feed: note: 2 items dropped: their id came earlier' "$tmp/err" &&
		    [ "$(wc -l < "$tmp/err")" -eq 1 ]
		if [ $? -eq 0 ]; then ok "$name: one note on stderr"; else notok "$name: one note on stderr"; sed 's/^/# /' "$tmp/err"; fi
	elif [ ! -s "$tmp/err" ]; then ok "$name: nothing on stderr"; else notok "$name: nothing on stderr"; fi
done <<< "$goldens"

for r in $rejects; do
	f=${r%%:*} why=${r#*:}
	timeout 10 "$bin" parse-feed "$fx/$f" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
	    grep -q "${why//./ }" "$tmp/err"; then
		ok "$f rejected with one line: $(cat "$tmp/err")"
	else
		notok "$f rejected (rc $rc)"; sed 's/^/# /' "$tmp/err"
	fi
done

for h in $hostile; do
	f=${h%%:*} why=${h#*:}
	start=$(date +%s%N)
	timeout 20 "$bin" parse-feed "$tmp/$f" > "$tmp/out" 2> "$tmp/err"
	rc=$? ms=$(( ($(date +%s%N) - start) / 1000000 ))
	if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "rejected: .*${why//./ }" "$tmp/err" &&
	    [ "$ms" -lt 2000 ]; then
		ok "$f refused in ${ms} ms: $(cat "$tmp/err")"
	else
		notok "$f refused fast (rc $rc, ${ms} ms)"; sed 's/^/# /' "$tmp/err"
	fi
done

# at the caps, not past them; markup in comments and CDATA is not counted
"$bin" parse-feed "$tmp/attrs_ok.xml" > "$tmp/out" 2> "$tmp/err"
if [ $? -eq 0 ] && grep -q '"title":"256 is fine"' "$tmp/out"; then
	ok "256 attributes on an element are read"; else notok "256 attributes are read"; sed 's/^/# /' "$tmp/err"; fi
"$bin" parse-feed "$tmp/hidden.xml" > "$tmp/out" 2> "$tmp/err"
if [ $? -eq 0 ] && grep -q '"id":"cdata"' "$tmp/out"; then
	ok "tags inside a comment or CDATA are not counted"; else notok "tags in comments and CDATA"; sed 's/^/# /' "$tmp/err"; fi

# bytes libxml2 would take for UCS-4: one line from us, nothing from libxml2
"$bin" parse-feed "$tmp/ucs4.xml" > "$tmp/out" 2> "$tmp/err"
if [ $? -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ]; then
	ok "NUL bytes before the root: one line on stderr: $(cat "$tmp/err")"
else notok "NUL bytes before the root"; sed 's/^/# /' "$tmp/err"; fi

# stdin, with "-" and without an argument
if "$bin" parse-feed --base "$base" - < "$fx/rss2.xml" | cmp -s - "$fx/rss2.jsonl"; then
	ok "reads stdin with -"; else notok "reads stdin with -"; fi
if "$bin" parse-feed --base "$base" < "$fx/rss2.xml" | cmp -s - "$fx/rss2.jsonl"; then
	ok "reads stdin without an argument"; else notok "reads stdin without an argument"; fi
"$bin" parse-feed "$tmp/does-not-exist" > /dev/null 2>&1
if [ $? -eq 1 ]; then ok "a missing file exits 1"; else notok "a missing file exits 1"; fi
"$bin" parse-feed --charset > /dev/null 2>&1
if [ $? -eq 2 ]; then ok "--charset without a value is a usage error"; else notok "--charset usage"; fi
