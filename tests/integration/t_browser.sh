#!/usr/bin/env bash
# The dashboard in a real browser: Debian's chromium, headless, loads /,
# a release, the hostile release and the series page from the daemon (the
# scenario of dash_lib.sh); the DOM it builds holds the content and the
# chart's marks, its console shows no error and no request blocked by the
# Content-Security-Policy (a control page shows that such lines are seen),
# and the screenshots of / and of the series are kept as artifacts under
# build/test-logs/ (dashboard-home.png, dashboard-series.png). Skipped,
# with the reason, where chromium is not installed or cannot start.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dash_lib.sh"
N=14
plan $N

skip_all() { for i in $(seq 1 $N); do skip "$1"; done; exit 0; }
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || skip_all "chromium is not installed (make deps installs it)"
artifacts=$(dirname "$RW_BIN")/test-logs
mkdir -p "$artifacts"

# browse NAME URL [--screenshot=FILE | --dump-dom]: one headless run, its
# output in $TMP/NAME.out and its log (the console) in $TMP/NAME.log.
browse() {
	local name=$1 url=$2
	shift 2
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update --no-first-run \
		--user-data-dir="$TMP/chromium-$name" --enable-logging=stderr --v=0 \
		--window-size=1000,1400 "$@" "$url" > "$TMP/$name.out" 2> "$TMP/$name.log"
}
# console NAME: the page's console lines (errors, CSP violations) in its log.
console() { grep -E ':CONSOLE|Content Security Policy|Refused to' "$TMP/$1.log"; }

# The control: a page whose inline script and image the CSP blocks.
printf '%s\n' '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src '"'none'"'"></head><body><script>document.title = "ran"</script><img src="http://127.0.0.1:9/x.png" alt=""></body></html>' > "$TMP/control.html"
browse control "file://$TMP/control.html" --dump-dom
[ -s "$TMP/control.out" ] || skip_all "chromium cannot run here: $(grep -v dbus "$TMP/control.log" | tail -n 1)"
check "control: a CSP violation shows in the console log this test reads" \
	grep -q "violates the following Content Security Policy directive" "$TMP/control.log"

dash_start || bail "the scenario did not start (nginx, two polls, the daemon)"

browse home "$DASH_URL/" --dump-dom
check "/: the DOM holds the sources, the releases and the alert" \
	grep -qE '<td>releases</td><td class="ok">ok</td>.*Latest releases.*mali-abductions-prior-year' "$TMP/home.out"
check "/: the hostile title is text in the DOM, not an element" \
	test -n "$(grep -F 'Mali: &lt;script&gt;alert("owned")&lt;/script&gt;' "$TMP/home.out")" -a -z "$(grep -i '<script' "$TMP/home.out")"
check "/: no console error, nothing blocked" not console home

browse rel "$DASH_URL/release/$DASH_H1" --dump-dom
check "/release/ID: the figure marked in its sentence, in the DOM" \
	grep -qF 'documented at least <mark>604 abductions</mark>' "$TMP/rel.out"
check "/release/ID: no console error, nothing blocked" not console rel

browse hostile "$DASH_URL/release/$DASH_HOSTILE" --dump-dom
check "the hostile release: no script element, the title as text" \
	test -z "$(grep -i '<script' "$TMP/hostile.out")" -a -n "$(grep -F '<h1>Mali: &lt;script&gt;' "$TMP/hostile.out")"
check "the hostile release: no console error, nothing blocked" not console hostile

series="$DASH_URL/series?country=Mali&indicator=abductions"
browse series "$series" --dump-dom
check "/series: the chart's marks are in the DOM (figures, baseline, alert)" \
	test "$(grep -oE '<g class="mark (figure|baseline|alert)' "$TMP/series.out" | sort -u | wc -l)" -eq 3
check "/series: the open-ended 2022 mark and the crossing, linked" \
	grep -qE "<a href=\"/release/$DASH_H1\"><g class=\"mark alert at_least\" data-value=\"604\"" "$TMP/series.out"
check "/series: no console error, nothing blocked (the inline SVG passes the CSP)" not console series

rm -f "$artifacts/dashboard-home.png" "$artifacts/dashboard-series.png"
browse shot-home "$DASH_URL/" --screenshot="$artifacts/dashboard-home.png"
check "a screenshot of / is kept: $artifacts/dashboard-home.png" test -s "$artifacts/dashboard-home.png"
check "... with no console error" not console shot-home
browse shot-series "$series" --screenshot="$artifacts/dashboard-series.png"
check "a screenshot of the series is kept: $artifacts/dashboard-series.png" test -s "$artifacts/dashboard-series.png"
