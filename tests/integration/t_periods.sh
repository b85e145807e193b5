#!/usr/bin/env bash
# Periods in thresholds (issue 12, item 4), through the binary against nginx
# and a real SQLite file: `period = quarter` takes the figure of a whole
# quarter and not those of a month or a half-year of the same release;
# `any` takes every figure with a period and no stock; `period = stock`
# takes a figure without a period (as of its release's day), against
# `above` and against the stock reported before it; check refuses a stock
# set against a year.
. "$(dirname "$0")/lib.sh"
plan 12

fix=$RW_ROOT/tests/fixtures/periods
mkdir -p "$TMP/site/f"
cp -r "$fix/releases" "$TMP/site/releases"
nginx_start "$TMP/site" || bail "nginx did not start"
feed() { cp "$fix/feed-$1.rss" "$TMP/site/f/feed.rss"; chmod a+r "$TMP/site/f/feed.rss"; }
threshold() { # NAME INDICATOR COMPARE PERIOD [above|factor VALUE]
	printf '\n[threshold %s]\nindicator = %s\ncountry = Mali\ncompare = %s\n' "$1" "$2" "$3"
	[ "$4" = - ] || printf 'period = %s\n' "$4"
	[ $# -lt 6 ] || printf '%s = %s\n' "$5" "$6"
}
cat > "$TMP/rw.ini" <<INI
[daemon]
state = rw.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
timeout = 10s

[source releases]
url = http://127.0.0.1:$NGINX_PORT/f/feed.rss
type = rss
fetch_pages = always
catch_up = no

[country Mali]
terms = Mali, Mopti

[notify collector]
type = syslog
target = udp://127.0.0.1:$(free_port)
$(threshold killings-quarter killed value quarter above 100)
$(threshold killings-any killed value - above 100)
$(threshold displaced-any displaced value any above 50000)
$(threshold displaced-stock displaced value stock above 50000)
$(threshold displaced-rising displaced previous_report stock factor 1.2)
INI
"$RW_BIN" check -c "$TMP/rw.ini" > "$TMP/check.out" 2>&1
ok $? "the thresholds pass check"
rules() { sql "$TMP/rw.db" "select group_concat(rule || ':' || value || ':' || coalesce(period_start, '') || ':' || coalesce(period_end, ''), ' ') from (select * from alerts where rule like '$1%' order by id)"; }

feed 1
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
ok $? "release 1 (120 in 2021-Q1, 130 in March, 150 in 2021-H1, some 60,000 displaced): once exits 0"
check "quarter: only the quarter's 120 ($(rules killings-quarter))" \
	test "$(rules killings-quarter)" = "killings-quarter:120:2021-01-01:2021-03-31"
check "any: the quarter, the month and the half-year ($(rules killings-any))" \
	test "$(rules killings-any)" = "killings-any:120:2021-01-01:2021-03-31 killings-any:130:2021-03-01:2021-03-31 killings-any:150:2021-01-01:2021-06-30"
check "any takes no stock: 60,000 displaced has no period" test -z "$(rules displaced-any)"
check "stock: 60,000 > 50,000, as of the release's day ($(rules displaced-stock))" \
	test "$(rules displaced-stock)" = "displaced-stock:60000:2021-08-06:2021-08-06"
check "stock, previous_report: no earlier stock, nothing" test -z "$(rules displaced-rising)"
"$RW_BIN" alerts --json -c "$TMP/rw.ini" > "$TMP/alerts.json"
check "alerts --json marks the stock alert as one" \
	python3 -c 'import json,sys; a=[json.loads(l) for l in open(sys.argv[1])]; s=[x for x in a if x["rule"]=="displaced-stock"][0]; q=[x for x in a if x["rule"]=="killings-quarter"][0]; sys.exit(not (s["stock"] is True and s["fingerprint"].endswith("|stock") and q["stock"] is False and q["period"]["label"] == "2021-Q1"))' "$TMP/alerts.json"

feed 2
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
ok $? "release 2 (about 75,000 displaced, 1 October 2021): once exits 0"
check "stock, previous_report: 75,000 > 1.2 x 60,000 as of an earlier day ($(rules displaced-rising))" \
	test "$(rules displaced-rising)" = "displaced-rising:75000:2021-10-01:2021-10-01"
check "stock, value: the higher stock is an update of the same alert" \
	test "$(sql "$TMP/rw.db" "select group_concat(value || ':' || is_update || ':' || coalesce(previous_value, ''), ' ') from alerts where rule = 'displaced-stock'")" = "60000:0: 75000:1:60000"

sed 's/^compare = previous_report$/compare = same_period_prior_year/' "$TMP/rw.ini" > "$TMP/bad.ini"
"$RW_BIN" check -c "$TMP/bad.ini" > "$TMP/check.out" 2>&1
check "check refuses a stock set against a year, at the period key" \
	grep -qE "bad.ini:[0-9]+: period = stock: only with compare = value or previous_report" "$TMP/check.out"
