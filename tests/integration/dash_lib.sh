# The dashboard's scenario, for t_dash.sh and t_browser.sh (sourced after
# lib.sh): nginx serves a Mali feed — 27 monthly updates (2019-01 to
# 2021-03, for the pages' pagination), the 2021 annual figures (512
# abductions, the baseline), a release with a hostile title (script tags,
# quotes, bidi controls) — and a real poll stores them (a catch-up); the
# feed then gains the release of August 2022 (at least 604 abductions in
# its first half), a second poll reads it and the prior-year threshold is
# crossed. Then the daemon runs with its listener on a free port.
#
# The alerts go to a command (its JSON appended to $TMP/exec.json) and a
# webhook (the fault server; bodies in $DASH_HOOK_LOG).
#
# dash_start: does all that; sets DASH_URL, DASH_DB, DASH_PID and the
# release numbers DASH_H1 (the crossing) and DASH_HOSTILE; returns non-zero
# when a step failed (the caller bails).

dash_months=(January February March April May June July August September October November December)

# dash_update N: the monthly update of month N (0 = January 2019).
dash_update() {
	local n=$1 y=$((2019 + $1 / 12)) m=$(($1 % 12 + 1))
	local name=${dash_months[$((m - 1))]} day
	day=$(printf '%04d-%02d-15' "$y" "$m")
	cat > "$DASH_SITE/releases/update-$n.html" <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mali: monthly protection update for $name $y | Test Human Rights Office</title>
<meta property="article:published_time" content="${day}T09:00:00+00:00">
</head><body><main><article>
<h1>Mali: monthly protection update for $name $y</h1>
<p>BAMAKO ($((10#${day:8:2})) $name $y) – The division's monthly note on the protection of civilians.</p>
<p>In $name $y, the division recorded $((5 + n % 7)) abductions in Mali.</p>
</article></main></body></html>
HTML
	printf '<item><title>Mali: monthly protection update for %s %s</title><link>/releases/update-%s.html</link><guid isPermaLink="false">rw-dash-update-%s</guid><pubDate>%s</pubDate></item>\n' \
		"$name" "$y" "$n" "$n" "$(date -u -d "$day 09:00" '+%a, %d %b %Y %H:%M:%S GMT')"
}

# dash_feed WITH_2022: the feed, with or without the August 2022 release.
dash_feed() {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<rss version="2.0"><channel><title>Mali releases (dashboard test feed)</title><link>/</link><description>Written for the rightswatch dashboard tests.</description>'
		[ "$1" = 1 ] && echo '<item><title>Mali: abductions climb again in the first half of 2022 – UN mission</title><link>/releases/mali-h1-2022.html</link><guid isPermaLink="false">rw-dash-2022-h1</guid><pubDate>Fri, 05 Aug 2022 09:00:00 GMT</pubDate></item>'
		echo '<item><title>Mali: a hostile title</title><link>/releases/mali-hostile.html</link><guid isPermaLink="false">rw-dash-hostile</guid><pubDate>Fri, 01 Apr 2022 09:00:00 GMT</pubDate></item>'
		echo '<item><title>Mali: the human rights division presents its figures for 2021</title><link>/releases/mali-annual-2021.html</link><guid isPermaLink="false">rw-dash-2021</guid><pubDate>Thu, 10 Mar 2022 09:00:00 GMT</pubDate></item>'
		for n in $(seq 0 26); do dash_update "$n"; done
		echo '</channel></rss>'
	} > "$DASH_SITE/f/feed.rss"
	chmod -R a+rX "$DASH_SITE"
}

dash_config() {
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
interval = 1h
timeout = 10s
listen = $1
public_url = https://dash.example.org/rw/

[source releases]
url = http://127.0.0.1:$NGINX_PORT/f/feed.rss
type = rss
fetch_pages = always
max_items = 100

[country Mali]
terms = Mali, Malian, Bamako, Mopti

[baseline mali-2020]
country = Mali
indicator = abductions
period = 2020
value = 98
source = the division's note for 2020 (a test figure)

; A value threshold first: the prior-year one after it still gets its
; baselines (alerting.c asks for each series once).
[threshold mali-abductions-high]
indicator = abductions
country = Mali
compare = value
above = 1000

[threshold mali-abductions-prior-year]
indicator = abductions
country = Mali
compare = prior_year_total
severity = critical

[notify sink]
type = exec
command = /bin/dd of=$TMP/exec.json oflag=append conv=notrunc status=none

[notify hook]
type = webhook
url = http://127.0.0.1:$FAULT_PORT/hook
INI
}

dash_start() {
	DASH_SITE=$TMP/site
	mkdir -p "$DASH_SITE/releases" "$DASH_SITE/f"
	cp "$RW_ROOT"/tests/fixtures/dash/releases/*.html "$DASH_SITE/releases/"
	nginx_start "$DASH_SITE" || return 1
	# The webhook receiver: the fault server answers 204 and logs bodies.
	printf '{"routes": {"/hook": {"status": 204}}}\n' > "$TMP/hook.json"
	fault_start "$TMP/hook.json" || return 1
	DASH_HOOK_LOG=$FAULT_LOG
	DASH_DB=$TMP/state.db
	local port
	port=$(free_port)
	DASH_URL=http://127.0.0.1:$port
	dash_config "127.0.0.1:$port"
	dash_feed 0
	"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1 || { cat "$TMP/once1.log"; return 1; }
	dash_feed 1
	"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1 || { cat "$TMP/once2.log"; return 1; }
	DASH_H1=$(sql "$DASH_DB" "select id from documents where url like '%mali-h1-2022.html'")
	DASH_HOSTILE=$(sql "$DASH_DB" "select id from documents where url like '%mali-hostile.html'")
	"$RW_BIN" run -c "$TMP/rw.ini" > "$TMP/run.log" 2>&1 &
	DASH_PID=$!
	_pids+=("$DASH_PID")
	wait_port "$port"
}
