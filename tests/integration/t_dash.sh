#!/usr/bin/env bash
# The dashboard (issue 13) through the daemon's own listener, on a state
# file a real poll of nginx filled (dash_lib.sh: 30 Mali releases, one with
# a hostile title, and the August 2022 release crossing the prior-year
# threshold): each page fetched with curl and checked — content, headers
# (a strict CSP, nosniff, no cookie), escaping of the hostile title in
# text, attributes and the chart, 400 pages with the reason, 404 for an
# unknown release, pagination — and no request changes the state file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dash_lib.sh"
plan 60

command -v curl >/dev/null || { for i in $(seq 1 60); do skip "curl is not installed"; done; exit 0; }
dash_start || bail "the scenario did not start (nginx, two polls, the daemon)"

# get PATH NAME: the body into $TMP/NAME.html, the head into $TMP/NAME.head;
# prints the status code.
get() {
	curl -sS --max-time 10 -D "$TMP/$2.head" -o "$TMP/$2.html" -w '%{http_code}' "$DASH_URL$1"
}
has() { grep -qF -- "$2" "$TMP/$1.html"; }
head_has() { grep -qiF -- "$2" "$TMP/$1.head"; }
# rows NAME: the rows of the page's first table after heading ID.
rows() { python3 - "$TMP/$1.html" "$2" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index('id="%s"' % sys.argv[2])
t = s[i:s.index("</table>", i)]
print(len(re.findall(r"<tr><td", t)))
PY
}

# Nothing a page does may change the state: the dump before and after.
sql "$DASH_DB" .dump | sha256sum > "$TMP/before.sum"

# ---- / ----
check "/ answers 200" test "$(get / home)" = 200
check "... as HTML (UTF-8)" head_has home "Content-Type: text/html; charset=utf-8"
check "... with a strict Content-Security-Policy: no script, nothing from elsewhere" \
	grep -qE "^Content-Security-Policy: default-src 'none'; style-src 'self';" "$TMP/home.head"
check "... that allows no inline script or style" not grep -qiE "unsafe-inline|unsafe-eval|script-src" "$TMP/home.head"
check "... X-Content-Type-Options: nosniff" head_has home "X-Content-Type-Options: nosniff"
check "... and no cookie" not grep -qi "^Set-Cookie" "$TMP/home.head"
check "no script element, no inline style, no third-party URL" \
	not grep -qiE "<script|style=|src=\"http|href=\"//" "$TMP/home.html"
check "the source's health and last result" \
	has home '<td>releases</td><td class="ok">ok</td><td class="n">30</td>'
check "the latest release first, linked to its page" \
	has home "<a href=\"/release/$DASH_H1\">Mali: abductions climb again in the first half of 2022"
check "the alert: threshold, figure, period and the series' link" \
	grep -qF 'mali-abductions-prior-year <span class="muted">(critical)</span></td><td class="n">604 <a href="/series?country=Mali&amp;indicator=abductions">abductions</a></td><td>2022-H1</td>' "$TMP/home.html"
check "... and its delivery to each destination" has home 'sink: <span class="ok">delivered</span>'
check "the thresholds lacking a baseline" has home "mali-abductions-prior-year: Mali abductions needs a baseline for 2019"
check "no active silence" grep -qF '<h2 id="silences">Active silences</h2><p class="muted">None.</p>' "$TMP/home.html"

# ---- the hostile title, everywhere it appears ----
check "the hostile title is text: tags and quotes escaped" \
	has home 'Mali: &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;'
check "... its bidi controls replaced (U+202E, U+202C never reach the page)" \
	not grep -qP '\x{202E}|\x{202C}' "$TMP/home.html"
check "... shown as U+FFFD in their place" has home "&#39;single&#39; �reversed� note"

# ---- pagination ----
check "page 1 lists 25 releases and links to page 2" \
	test "$(rows home releases)" = 25 -a -n "$(grep -F '<a rel="next" href="/?page=2">' "$TMP/home.html")"
check "/?page=2 answers 200" test "$(get '/?page=2' home2)" = 200
check "... with the 5 oldest, a link back and none further" \
	test "$(rows home2 releases)" = 5 -a -n "$(grep -F 'rel="prev" href="/?page=1"' "$TMP/home2.html")" -a -z "$(grep -F 'rel="next"' "$TMP/home2.html")"
check "... the oldest release last" has home2 "monthly protection update for January 2019</a>"

# ---- bad parameters: 400 with the reason ----
check "/?page=0: 400" test "$(get '/?page=0' bad1)" = 400
check "... saying why" has bad1 "page must be a number from 1 to 100000"
check "/?page=abc: 400" test "$(get '/?page=abc' bad2)" = 400
check "/?colour=red: 400, an unknown parameter named" \
	test "$(get '/?colour=red' bad3)" = 400 -a -n "$(grep -F "unknown parameter &#39;colour&#39;" "$TMP/bad3.html")"
check "a 400 page is HTML with the same headers" \
	grep -qE "^Content-Security-Policy: default-src 'none'" "$TMP/bad3.head"
check "a parameter named in hostile text is escaped in the 400 page" \
	test "$(get '/?%3Cscript%3E=1' bad4)" = 400 -a -n "$(grep -F "unknown parameter &#39;&lt;script&gt;&#39;" "$TMP/bad4.html")"

# ---- /release/ID ----
check "/release/ID answers 200" test "$(get "/release/$DASH_H1" rel)" = 200
check "... its title, date and link" \
	grep -qF "<h1>Mali: abductions climb again in the first half of 2022 – UN mission</h1><dl><dt>Published</dt><dd>2022-08-05</dd><dt>Link</dt><dd><a rel=\"noreferrer\" href=\"http://127.0.0.1:$NGINX_PORT/releases/mali-h1-2022.html\">" "$TMP/rel.html"
check "... the figure in its sentence, marked" \
	has rel "MINUSMA documented at least <mark>604 abductions</mark>, more than in the whole of the previous year."
check "... its value, qualifier and period, linked to the series" \
	has rel '<a href="/series?country=Mali&amp;indicator=abductions">abductions</a></td><td class="n">604</td><td>at_least</td><td>2022-H1</td>'
check "... the alert raised from it and what it compared" \
	has rel "<td>2022-H1</td><td>512, 2021 (reported)</td><td>hook:delivered, sink:delivered</td>"
check "the hostile release's page escapes its title in <title> and <h1>" \
	test "$(get "/release/$DASH_HOSTILE" relh)" = 200 -a -n "$(grep -F '<title>Mali: &lt;script&gt;alert(&quot;owned&quot;)' "$TMP/relh.html")" -a -z "$(grep -i '<script' "$TMP/relh.html")"
check "/release/999999: 404 saying so" \
	test "$(get /release/999999 r404)" = 404 -a -n "$(grep -F 'no release numbered 999999' "$TMP/r404.html")"
check "/release/abc: 400" test "$(get /release/abc r400)" = 400
check "/release/1?x=1: 400 (no parameters)" test "$(get '/release/1?x=1' r400b)" = 400

# ---- /series ----
check "/series?country=Mali&indicator=abductions answers 200" \
	test "$(get '/series?country=Mali&indicator=abductions' ser)" = 200
check "... with the chart inline: title and description for a screen reader" \
	grep -qF '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 800 400"' "$TMP/ser.html"
check "... the 2022 figure as an open-ended mark over its half-year" \
	has ser 'class="mark figure at_least" data-value="604" data-start="2022-01-01" data-end="2022-06-30"'
check "... the configured baseline as a mark of its own" \
	has ser 'class="mark baseline exact" data-value="98" data-start="2020-01-01" data-end="2020-12-31"'
check "... the threshold's limit over 2022 (the 2021 total, 512)" \
	has ser "threshold mali-abductions-prior-year (prior_year_total): 512, reported baseline of 2021-01-01 to 2021-12-31, as a limit: limit 512 over 2022"
check "... the crossing ringed and linked to its release" \
	has ser "<a href=\"/release/$DASH_H1\"><g class=\"mark alert at_least\" data-value=\"604\""
check "... the hostile title escaped inside the SVG's titles" \
	grep -qF '<title>37 abductions, 2022-03-01 to 2022-03-31: Mali: &lt;script&gt;alert(&quot;owned&quot;)' "$TMP/ser.html"
check "... the table: 25 figures, newest first, and a next page" \
	test "$(rows ser figures)" = 25 -a -n "$(grep -F 'rel="next" href="/series?country=Mali&amp;indicator=abductions&amp;page=2"' "$TMP/ser.html")"
check "the names in any case, page 2: the 6 oldest" \
	test "$(get '/series?country=mali&indicator=ABDUCTIONS&page=2' ser2)" = 200 -a "$(rows ser2 figures)" = 6
check "an unknown country: 400 saying so" \
	test "$(get '/series?country=Atlantis&indicator=abductions' s400)" = 400 -a -n "$(grep -F "unknown country &#39;Atlantis&#39;" "$TMP/s400.html")"
check "no indicator: 400 saying what is needed" \
	test "$(get '/series?country=Mali' s400b)" = 400 -a -n "$(grep -F 'a series needs both a country and an indicator' "$TMP/s400b.html")"
check "a badly encoded value: 400" test "$(get '/series?country=Ma%ZZli&indicator=abductions' s400c)" = 400

# ---- the stylesheet, methods, state ----
check "/style.css is CSS" \
	test "$(get /style.css css)" = 200 -a -n "$(grep -iF 'Content-Type: text/css' "$TMP/css.head")"
check "HEAD / answers 200 with no body" \
	test "$(curl -sS --max-time 10 -I -o /dev/null -w '%{http_code}:%{size_download}' "$DASH_URL/")" = 200:0
check "POST / is refused (405): nothing is written through the listener" \
	test "$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -d x=1 "$DASH_URL/")" = 405
sql "$DASH_DB" .dump | sha256sum > "$TMP/after.sum"
check "no request changed the state file" cmp -s "$TMP/before.sum" "$TMP/after.sum"

# ---- rightswatch chart: the same SVG, from the state file ----
"$RW_BIN" chart -c "$TMP/rw.ini" --country mali --indicator abductions -o "$TMP/chart.svg" 2> "$TMP/chart.err"
ok $? "chart --country --indicator -o FILE exits 0"
check "... a well-formed SVG document" \
	python3 -c 'import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); sys.exit(r.tag != "{http://www.w3.org/2000/svg}svg")' "$TMP/chart.svg"
# svgmarks FILE: the marks of the chart in FILE, one a line.
svgmarks() { grep -oE '<g class="mark [^"]*" data-value="[0-9]+" data-start="[0-9-]+" data-end="[0-9-]+"' "$1"; }
check "... the same marks as the series page draws" \
	test "$(svgmarks "$TMP/chart.svg" | sha256sum)" = "$(svgmarks "$TMP/ser.html" | sha256sum)" -a "$(svgmarks "$TMP/chart.svg" | wc -l)" -eq 33
check "... its marks linked to the release pages at public_url" \
	grep -qF "<a href=\"https://dash.example.org/rw/release/$DASH_H1\"><g class=\"mark alert" "$TMP/chart.svg"
"$RW_BIN" chart -c "$TMP/rw.ini" --country Atlantis --indicator abductions > /dev/null 2> "$TMP/chart2.err"
check "an unknown country: exit 2, saying so" \
	test $? -eq 2 -a -n "$(grep -F "unknown country 'Atlantis'" "$TMP/chart2.err")"

# ---- alerts link to the dashboard ----
check "the command's alert JSON links to the release page and the series" \
	python3 -c 'import json,sys; a=json.loads(open(sys.argv[1]).readline()); d=a["dashboard"]; sys.exit(not (d["release"]=="https://dash.example.org/rw/release/"+sys.argv[2] and d["series"]=="https://dash.example.org/rw/series?country=Mali&indicator=abductions"))' "$TMP/exec.json" "$DASH_H1"
check "... and so does the webhook's POST" \
	python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1]) if json.loads(l)["path"]=="/hook"]; d=json.loads(r[0]["body"])["dashboard"]; sys.exit(not (len(r)==1 and d["release"]=="https://dash.example.org/rw/release/"+sys.argv[2] and d["series"]=="https://dash.example.org/rw/series?country=Mali&indicator=abductions"))' "$DASH_HOOK_LOG" "$DASH_H1"

# ---- beyond loopback: a warning ----
# A copy of the state and configuration, listening on every address.
mkdir -p "$TMP/wide"
sql "$DASH_DB" ".backup '$TMP/wide/state.db'"
wport=$(free_port)
sed "s/^listen = .*/listen = 0.0.0.0:$wport/" "$TMP/rw.ini" > "$TMP/wide/rw.ini"
"$RW_BIN" run -c "$TMP/wide/rw.ini" > "$TMP/wide/run.log" 2>&1 &
wpid=$!
_pids+=("$wpid")
wait_port "$wport"
check "listening on 0.0.0.0 logs a warning naming the pages served" \
	grep -qE "warning: listen = 0\.0\.0\.0:$wport: serving /, /release/, /series.* beyond this machine" "$TMP/wide/run.log"
check "... and the dashboard still answers" test "$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$wport/")" = 200
kill "$wpid" 2>/dev/null
