#!/usr/bin/env bash
# page-text: golden outputs for fixture release pages, stdin input, nulls,
# and one-line refusals with exit status 1. TAP; run from the project root.
set -u
bin=${RW_BIN:-build/rightswatch}
fix=tests/fixtures/page
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else nok "$2"; fi; }

echo "1..15"

# golden files: the JSON is compared byte for byte
golden() { # name description [options...]
	local name=$1 desc=$2
	shift 2
	"$bin" page-text "$@" "$fix/$name.html" > "$tmp/$name.out" 2> "$tmp/$name.err"
	local rc=$?
	cmp -s "$tmp/$name.out" "$fix/$name.json" && [ "$rc" -eq 0 ] && [ ! -s "$tmp/$name.err" ]
	check $? "$desc"
	cmp -s "$tmp/$name.out" "$fix/$name.json" || diff "$fix/$name.json" "$tmp/$name.out" | sed 's/^/# /'
}
golden ohchr_release "OHCHR release: dateline date, h1 title, boilerplate dropped" \
	--base https://www.ohchr.org/en/press-releases/2021/08/mali-un-expert-alarmed
golden reliefweb_fr "French ReliefWeb page: 6 août 2021, lang fr"
golden latin1_wrong_meta "HTTP charset latin1 wins over a wrong meta utf-8" --charset iso-8859-1

# standard input
"$bin" page-text - < "$fix/reliefweb_fr.html" > "$tmp/stdin.out" 2>/dev/null
cmp -s "$tmp/stdin.out" "$fix/reliefweb_fr.json"
check $? "'-' reads standard input"
"$bin" page-text < "$fix/reliefweb_fr.html" > "$tmp/stdin2.out" 2>/dev/null
cmp -s "$tmp/stdin2.out" "$fix/reliefweb_fr.json"
check $? "no FILE reads standard input"

# unknowns are null
printf '<p>only text</p>' | "$bin" page-text > "$tmp/null.out" 2>/dev/null
[ "$(cat "$tmp/null.out")" = '{"title":null,"date":null,"lang":null,"text":"only text"}' ]
check $? "unknown title, date and lang are null"

# one object on one line, exactly the four keys
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "" and len(lines) == 2, "one line"
o = json.loads(lines[0])
assert list(o) == ["title", "date", "lang", "text"], list(o)
' "$tmp/ohchr_release.out"
	check $? "one JSON object, keys title, date, lang, text"
else
	n=$((n + 1)); echo "ok $n - one JSON object # SKIP python3 missing"
fi

# refusals: exit 1, nothing on stdout, one line on stderr
refuse() { # description
	"$bin" page-text "$tmp/in" > "$tmp/r.out" 2> "$tmp/r.err"
	local rc=$?
	[ "$rc" -eq 1 ] && [ ! -s "$tmp/r.out" ] && [ "$(wc -l < "$tmp/r.err")" -eq 1 ]
	check $? "$1 (exit $rc)"
}
: > "$tmp/in"; refuse "empty input is refused"
printf ' \n\t\n' > "$tmp/in"; refuse "whitespace-only input is refused"
head -c 4096 /dev/urandom > "$tmp/in"; printf '\0\0\0' >> "$tmp/in"; refuse "binary garbage is refused"
printf 'PK\003\004\024\000\010\000<html>' > "$tmp/in"; refuse "an archive with a tag inside is refused"
"$bin" page-text "$tmp/no-such-file" > /dev/null 2>&1
[ $? -eq 1 ]; check $? "a missing file exits 1"

# An element with thousands of attributes (libxml2 2.9 checks them for
# duplicates in quadratic time) is refused at once; 256 are read; the same
# markup inside a script or a comment is not counted.
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
attrs = lambda n: " ".join('a%d="1"' % i for i in range(n))
open(d + "/bomb.html", "w").write("<html><body><p " + attrs(80000) + ">x</p></body></html>\n")
open(d + "/ok.html", "w").write("<html><body><p " + attrs(256) + ">Two hundred and fifty-six</p></body></html>\n")
open(d + "/hidden.html", "w").write("<html><body><script>var s = '<p " + attrs(400) +
    ">';</script><!-- <p " + attrs(400) + "> --><p>Hidden markup is not counted</p></body></html>\n")
PY
start=$(date +%s%N)
timeout 20 "$bin" page-text "$tmp/bomb.html" > "$tmp/r.out" 2> "$tmp/r.err"
rc=$? ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" -eq 1 ] && [ ! -s "$tmp/r.out" ] && grep -q "rejected: an element with more attributes than 256" "$tmp/r.err" &&
    [ "$ms" -lt 2000 ]
check $? "an element with 80,000 attributes is refused in ${ms} ms"
"$bin" page-text "$tmp/ok.html" 2>/dev/null | grep -q '"text":"Two hundred and fifty-six"'
check $? "an element with 256 attributes is read"
"$bin" page-text "$tmp/hidden.html" 2>/dev/null | grep -q '"text":"Hidden markup is not counted"'
check $? "attributes inside script and comments are not counted"
