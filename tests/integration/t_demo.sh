#!/usr/bin/env bash
# `make demo` (tests/demo.sh) tells its story: the daemon itself, run with
# the shipped configuration and baselines against the local demo site,
# catches up on the history without alerting, then raises the headline
# prior-year alert for the release published while it runs, and the alert
# arrives by mail and at the syslog collector; the first half of 2022
# crosses the 2021 total, and the dashboard's series shows it; nothing is
# left running.
. "$(dirname "$0")/lib.sh"
plan 11

/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
[ -x /usr/sbin/rsyslogd ] || bail "rsyslog is not installed"
timeout 120 bash "$RW_ROOT/tests/demo.sh" "$RW_BIN" > "$TMP/demo.out" 2>&1
ok $? "the demo runs to its end (exit 0)"
check "the shipped configuration passes check in it" grep -q 'check: .*demo.ini: OK$' "$TMP/demo.out"
check "the daemon's first poll catches up without alerting" \
	grep -q 'caught up: 1 release, 2 figures (its first read raises no alert)' "$TMP/demo.out"
check "the headline prior-year alert arrives by mail" \
	grep -q '^  Subject: \[rightswatch\] CRITICAL Mali abductions 435 (2021-H1) > 2020 total 98 (4.4x)$' "$TMP/demo.out"
check "... and at the syslog collector" grep -q 'rule="mali-abductions-prior-year" severity="critical"' "$TMP/demo.out"
check "the mail links to the dashboard's release page and series (public_url)" \
	test -n "$(grep -E '^  Dashboard: +http://127\.0\.0\.1:[0-9]+/release/[0-9]+$' "$TMP/demo.out")" -a \
	-n "$(grep -E '^  Series: +http://127\.0\.0\.1:[0-9]+/series\?country=Mali&indicator=abductions$' "$TMP/demo.out")"
check "then the first half of 2022 crosses the 2021 total" \
	grep -q 'alert raised: rule="mali-abductions-prior-year" country="Mali" indicator="abductions" value=604 period_start=2022-01-01' "$TMP/demo.out"
check "the dashboard's Mali series shows the 2021 total's line over 2022 and the crossing" \
	test -n "$(grep -F 'line: threshold mali-abductions-prior-year (prior_year_total): 512, reported baseline of 2021-01-01 to 2021-12-31, as a limit: limit 512 over 2022' "$TMP/demo.out")" -a \
	-n "$(grep -F 'ringed: alert mali-abductions-prior-year (critical): 604 above the limit 512, 2022-H1' "$TMP/demo.out")"
check "its chart is written as SVG under build/demo/" \
	grep -q "^The chart as SVG (rightswatch chart): $RW_ROOT/build/demo/mali-abductions.svg$" "$TMP/demo.out"
check "the daemon stopped on SIGTERM" grep -q 'rightswatch: info: stopped$' "$TMP/demo.out"
check "it left no daemon running" \
	test -z "$(ps -eo args | grep -F "$RW_BIN run -c demo.ini" | grep -v grep)"
tail -n 5 "$TMP/demo.out" | sed 's/^/# /'
