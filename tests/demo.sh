#!/usr/bin/env bash
# The whole story on one machine, without the internet (`make demo`):
# nginx serves a small feed of Mali releases on 127.0.0.1, a local SMTP
# server (aiosmtpd) and a private rsyslogd (UDP) stand in for the mail
# relay and the central log collector, and the daemon itself
# (`rightswatch run`) watches the feed with the shipped configuration
# (config/rightswatch.ini: its countries and thresholds, and
# config/baselines.csv), the demo's source and destinations in place of
# the real ones. Its first poll catches up on the release already
# published (the 2020 total: 98 abductions) without alerting; then a
# release of 6 August 2021 is published (435 abductions in the first half
# of 2021), the daemon's next poll reads it, the headline prior-year
# threshold is crossed, and the alert arrives by mail and at the syslog
# collector while we watch. Then the 2021 figures (512 abductions in the
# whole year) and the first half of 2022 (at least 604, above all of
# 2021) are published, and the dashboard the daemon serves shows the Mali
# abductions series: the 2021 total, the threshold's line over 2022 and
# the crossing. Its chart is written as SVG and, with chromium installed,
# the overview and the series are saved as screenshots, under
# build/demo/ (kept; `make clean` removes them). On a terminal the demo
# waits, the dashboard up, until Enter. Everything else runs from a
# temporary directory, which is removed with every process the demo
# started, whatever happens.
#
# It lives under tests/ because it is made of the tests' parts: the
# fixtures of tests/fixtures/alerts, the servers of tests/servers and the
# helpers of tests/integration/lib.sh (t_demo runs it in `make check`).
#
# usage: tests/demo.sh [BINARY]   (default build/rightswatch)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-build/rightswatch}
case "$bin" in /*) ;; *) bin=$root/$bin ;; esac
PY=/usr/bin/python3   # Debian's python, where aiosmtpd lives
fix=$root/tests/fixtures/alerts

[ -x "$bin" ] || { echo "demo: $bin not found: run make first" >&2; exit 1; }
missing=
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
[ -x /usr/sbin/rsyslogd ] || missing="$missing rsyslog"
$PY -c 'import aiosmtpd' 2>/dev/null || missing="$missing python3-aiosmtpd"
if [ -n "$missing" ]; then
	echo "demo: missing packages:$missing (make deps installs them)" >&2
	exit 1
fi

# lib.sh: TMP (a private temporary directory), nginx_start, free_port,
# wait_port, and a cleanup that stops every pid in _pids and removes TMP.
# The demo keeps nothing: failures are reported on the terminal instead.
KEEP_TMP=0
RW_ROOT=$root
. "$root/tests/integration/lib.sh"
demo_cleanup() {
	_tap_failed=0
	cleanup > /dev/null
}
trap demo_cleanup EXIT
trap 'exit 130' INT TERM

if [ -t 1 ]; then
	say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
	say() { printf '\n== %s\n' "$*"; }
fi
die() { echo "demo: $*" >&2; exit 1; }

# ---- the servers --------------------------------------------------------------

say "Starting a local web site, SMTP server and syslog collector (127.0.0.1 only)"
site=$TMP/site
mkdir -p "$site/feeds"
cp -r "$fix/releases" "$site/releases"
cp "$root"/tests/fixtures/dash/releases/mali-annual-2021.html \
	"$root"/tests/fixtures/dash/releases/mali-h1-2022.html "$site/releases/"
# publish N: the feed becomes fixture feed-N.rss, without its <ttl> (an
# RSS ttl of an hour would rightly keep the daemon from polling sooner).
publish() {
	grep -v '<ttl>' "$fix/feed-$1.rss" > "$site/feeds/mali.rss"
	chmod a+r "$site/feeds/mali.rss"
}
# publish_item FILE TITLE GUID DATE: one more release at the top of the feed.
publish_item() {
	$PY - "$site/feeds/mali.rss" "$@" <<'PY'
import sys
path, link, title, guid, date = sys.argv[1:6]
feed = open(path, encoding="utf-8").read()
item = ("<item>\n<title>%s</title>\n<link>/releases/%s</link>\n"
        "<guid isPermaLink=\"false\">%s</guid>\n<pubDate>%s</pubDate>\n</item>\n"
        % (title, link, guid, date))
i = feed.index("<item>")
open(path, "w", encoding="utf-8").write(feed[:i] + item + feed[i:])
PY
}
publish 1
nginx_start "$site" || die "nginx did not start"
echo "nginx        http://127.0.0.1:$NGINX_PORT/feeds/mali.rss"

$PY "$root/tests/servers/smtpserver.py" --maildir "$TMP/mail" > "$TMP/smtp.port" \
	2> "$TMP/smtp.err" &
_pids+=($!)
for i in $(seq 1 100); do [ -s "$TMP/smtp.port" ] && break; sleep 0.1; done
smtp_port=$(head -n 1 "$TMP/smtp.port")
[ -n "$smtp_port" ] && wait_port "$smtp_port" || die "the SMTP server did not start"
echo "SMTP server  smtp://127.0.0.1:$smtp_port (aiosmtpd, saving to a temporary maildir)"

# rsyslogd writes what it receives in RFC 5424 form (its
# RSYSLOG_SyslogProtocol23Format template), the way a collector would.
udp_port=$(free_port)
mkdir -p "$TMP/rsyslog"
cat > "$TMP/rsyslog/rsyslog.conf" <<CONF
global(workDirectory="$TMP/rsyslog")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="$udp_port" ruleset="collector")
ruleset(name="collector") {
	action(type="omfile" file="$TMP/syslog.log" template="RSYSLOG_SyslogProtocol23Format")
}
CONF
/usr/sbin/rsyslogd -n -f "$TMP/rsyslog/rsyslog.conf" -i "$TMP/rsyslog/rsyslogd.pid" \
	> "$TMP/rsyslog/out" 2>&1 &
_pids+=($!)
sleep 0.5
kill -0 "${_pids[-1]}" 2>/dev/null || die "rsyslogd did not start: $(cat "$TMP/rsyslog/out")"
echo "rsyslogd     udp://127.0.0.1:$udp_port (a private instance with its own configuration)"

# ---- the configuration ------------------------------------------------------------

dash_port=$(free_port)
dash=http://127.0.0.1:$dash_port
out=$root/build/demo

# The shipped configuration, its real sources and destinations taken out
# (this machine has no internet), its state and baselines file pointed at
# the demo's and the shipped ones.
awk '
	/^\[(source|notify) / { skip = 1; next }
	/^\[/ { skip = 0 }
	!skip
' "$root/config/rightswatch.ini" |
	sed -e "s|^state = .*|state = demo.db\nlisten = 127.0.0.1:$dash_port\npublic_url = http://127.0.0.1:$dash_port/|" \
	    -e "s|^baselines = .*|baselines = $root/config/baselines.csv|" > "$TMP/demo.ini"
cat >> "$TMP/demo.ini" <<INI

; ---- the demo's source and destinations (all on 127.0.0.1) ----
[source demo-mali-releases]
url = http://127.0.0.1:$NGINX_PORT/feeds/mali.rss
type = rss
fetch_pages = always
interval = 5s

[notify mail]
type = email
url = smtp://127.0.0.1:$smtp_port
starttls = never
from = rightswatch@demo.example.org
to = monitors@demo.example.org

[notify collector]
type = syslog
target = udp://127.0.0.1:$udp_port
facility = local3
INI
say "The configuration: config/rightswatch.ini and config/baselines.csv as shipped, with"
echo "the demo's source and destinations in place of the real ones. Its thresholds:"
grep -A4 '^\[threshold ' "$TMP/demo.ini" | grep -E '^\[threshold|^compare|^factor|^above|^period' |
	paste -sd ' ' | sed 's/ \[threshold/\n[threshold/g' | sed 's/^/  /'
echo
echo "The demo's additions:"
sed -n '/^; ---- the demo/,$p' "$TMP/demo.ini" | sed '/^$/d; s/^/  /'
"$bin" check -c "$TMP/demo.ini" 2>&1 | sed 's/^/  check: /'
[ "${PIPESTATUS[0]}" -eq 0 ] || die "the demo configuration does not pass check"

# ---- the daemon --------------------------------------------------------------------

say "rightswatch run: the daemon, polling the feed every 5 seconds"
echo "The feed holds one release, of 15 April 2021: the 2020 total (98 abductions)."
( cd "$TMP" && exec "$bin" run -c demo.ini ) > "$TMP/run.log" 2>&1 &
daemon=$!
_pids+=($daemon)
show_log() { # show the daemon's log lines from line $1 on
	sed -n "$1,\$p" "$TMP/run.log" | sed 's/^/  | /'
}
for i in $(seq 1 150); do grep -q "caught up" "$TMP/run.log" && break; sleep 0.1; done
grep -q "caught up" "$TMP/run.log" || { show_log 1; die "the first poll did not happen"; }
sleep 0.5
show_log 1
seen=$(wc -l < "$TMP/run.log")

say "A release of 6 August 2021 is published"
publish 2
grep -o 'In just the first six months[^<]*' "$site/releases/mali-abductions-h1.html" | sed 's/^/  "/; s/$/"/'
echo "  (the daemon's next poll is due within a few seconds)"
for i in $(seq 1 300); do
	[ -n "$(ls "$TMP"/mail/*.eml 2>/dev/null)" ] && [ -s "$TMP/syslog.log" ] && break
	sleep 0.1
done
sleep 0.5
show_log $((seen + 1))
seen=$(wc -l < "$TMP/run.log")

# wait_alert TEXT: until an alert line of `rightswatch alerts` holds TEXT.
wait_alert() {
	for i in $(seq 1 300); do
		"$bin" alerts -c "$TMP/demo.ini" 2>/dev/null | grep -q -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
say "The 2021 figures are published (10 March 2022)"
publish_item mali-annual-2021.html "Mali: the human rights division presents its figures for 2021" \
	rw-demo-2021 "Thu, 10 Mar 2022 09:00:00 GMT"
grep -o 'MINUSMA documented 512[^<]*' "$site/releases/mali-annual-2021.html" | sed 's/^/  "/; s/$/"/'
wait_alert " 512 " || die "the 2021 release was not read"
echo "  (512 in 2021 is above 2020's 98 too: the same threshold fires for the year)"
sleep 0.5
show_log $((seen + 1))
seen=$(wc -l < "$TMP/run.log")
say "The first half of 2022 is published (5 August 2022)"
publish_item mali-h1-2022.html "Mali: abductions climb again in the first half of 2022 – UN mission" \
	rw-demo-2022-h1 "Fri, 05 Aug 2022 09:00:00 GMT"
grep -o 'In the first six months of 2022[^<]*' "$site/releases/mali-h1-2022.html" | sed 's/^/  "/; s/$/"/'
wait_alert " 604 " || die "the 2022 release was not read"
sleep 0.5
show_log $((seen + 1))

say "The dashboard: $dash/"
series="$dash/series?country=Mali&indicator=abductions"
mkdir -p "$out"
curl -s --max-time 10 "$series" -o "$TMP/series.html" || die "the dashboard did not answer"
echo "The Mali abductions series ($series):"
$PY - "$TMP/series.html" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
def items(section):
    i = page.index('id="%s"' % section)
    block = page[i:page.index("</h2>", i) + 5 + page[page.index("</h2>", i) + 5:].find("<h2")]
    return [html.unescape(re.sub(r"<[^>]+>", "", x)) for x in re.findall(r"<li[^>]*>(.*?)</li>", block)]
print("  %d figures drawn as marks over their periods" % len(re.findall(r'<g class="mark figure', page)))
for line in items("limits"):
    print("  line: " + line)
for line in items("alerts"):
    print("  ringed: " + line)
PY
"$bin" chart -c "$TMP/demo.ini" --country Mali --indicator abductions -o "$out/mali-abductions.svg" ||
	die "rightswatch chart failed"
echo "The chart as SVG (rightswatch chart): $out/mali-abductions.svg"
chromium=$(command -v chromium || true)
if [ -n "$chromium" ]; then
	for page in "home $dash/" "series $series"; do
		timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --no-first-run --user-data-dir="$TMP/chromium" \
			--window-size=1000,1400 --screenshot="$out/dashboard-${page%% *}.png" "${page#* }" \
			> /dev/null 2>&1
		echo "Screenshot of ${page#* }: $out/dashboard-${page%% *}.png"
	done
else
	echo "(chromium is not installed: no screenshots; make deps installs it)"
fi
echo "Page times on a long history: make bench (bench/dash.sh; README, Benchmarks)."
if [ -t 0 ] && [ -t 1 ]; then
	printf '\nOpen %s in a browser; press Enter to stop the demo. ' "$series"
	read -r _
fi
seen=$(wc -l < "$TMP/run.log")
kill -TERM "$daemon"
wait "$daemon" 2>/dev/null
show_log $((seen + 1))

say "rightswatch alerts"
"$bin" alerts -c "$TMP/demo.ini" | sed 's/^/  /'

say "The mail, as the SMTP server received it"
eml=$(ls "$TMP"/mail/*.eml 2>/dev/null | head -n 1)
[ -n "$eml" ] || die "no mail arrived"
$PY - "$eml" "$TMP/mail/001.json" <<'PY'
import email, email.policy, json, sys
raw = open(sys.argv[1], "rb").read()
meta = json.load(open(sys.argv[2]))
msg = email.message_from_bytes(raw, policy=email.policy.default)
print("  envelope: MAIL FROM:<%s> RCPT TO:%s" % (meta["mail_from"],
      ", ".join("<%s>" % r for r in meta["rcpt_tos"])))
print()
for k, v in msg.items():
    print("  %s: %s" % (k, v))
print()
for line in msg.get_content().splitlines():
    print("  " + line)
PY

say "The syslog record, as the collector wrote it (RFC 5424)"
[ -s "$TMP/syslog.log" ] || die "no syslog record arrived"
fold -s -w 100 "$TMP/syslog.log" | sed 's/^/  /'

say "rightswatch status"
"$bin" status -c "$TMP/demo.ini" | sed 's/^/  /'

say "Done: stopping nginx, the SMTP server and rsyslogd; removing $TMP"
