#!/usr/bin/env bash
# The whole story on one machine, without the internet (`make demo`):
# nginx serves a small feed of Mali releases on 127.0.0.1, a local SMTP
# server (aiosmtpd) and a private rsyslogd (UDP) stand in for the mail
# relay and the central log collector, and rightswatch runs two cycles:
# the first release gives the 2020 total, the second (the feed has grown)
# reports more abductions in the first half of 2021 than in all of 2020.
# The alert is shown as the SMTP server received it and as the syslog
# record reads. Everything runs from a temporary directory, which is
# removed with every process the demo started, whatever happens.
#
# It lives under tests/ because it is made of the tests' parts: the
# fixtures of tests/fixtures/alerts, the servers of tests/servers and the
# helpers of tests/integration/lib.sh.
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
cp "$fix/feed-1.rss" "$site/feeds/mali.rss"
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

cat > "$TMP/demo.ini" <<INI
; rightswatch demo: one local feed, the mission's threshold, mail and syslog.
[daemon]
state = demo.db
user_agent = rightswatch-demo (+https://example.invalid/demo)
interval = 1h
log_level = info

[source mali-releases]
url = http://127.0.0.1:$NGINX_PORT/feeds/mali.rss
type = rss
fetch_pages = always

[country Mali]
terms = Mali, Malian, MINUSMA, Bamako, Gao, Mopti, Ségou, Kidal, Ménaka

; Abductions in part of a year above the whole of the previous year.
[threshold mali-abductions-prior-year]
indicator = abductions
country = Mali
compare = prior_year_total
severity = critical

[notify mail]
type = email
url = smtp://127.0.0.1:$smtp_port
starttls = never
from = rightswatch@demo.example.org
to = monitors@demo.example.org
subject_prefix = [rightswatch]

[notify collector]
type = syslog
target = udp://127.0.0.1:$udp_port
facility = local3
ident = rightswatch
INI
say "The demo configuration"
grep -v '^;' "$TMP/demo.ini" | sed '/^$/d; s/^/  /'
"$bin" check -c "$TMP/demo.ini" || die "the demo configuration does not pass check"

# ---- two cycles ---------------------------------------------------------------------

cycle() { # N: one `rightswatch once`, its log indented
	local st
	"$bin" once -c "$TMP/demo.ini" > "$TMP/once$1.log" 2>&1
	st=$?
	sed 's/^/  | /' "$TMP/once$1.log"
	echo "  (rightswatch once exited $st)"
	[ "$st" -eq 0 ] || die "the cycle failed"
}

say "Cycle 1: the feed holds one release (the 2020 total, and the first quarter of 2021)"
cycle 1
echo "  figures stored:"
sqlite3 -batch -noheader -separator ' ' "$TMP/demo.db" \
	"select '   ', indicator, value, period_start, '..', period_end from observations order by id"
echo "  alerts raised: $(sqlite3 -batch -noheader "$TMP/demo.db" 'select count(*) from alerts')"

say "The feed grows: a release of 6 August 2021 is published"
cp "$fix/feed-2.rss" "$site/feeds/mali.rss"
chmod a+r "$site/feeds/mali.rss"
grep -o 'In just the first six months[^<]*' "$site/releases/mali-abductions-h1.html" | sed 's/^/  "/; s/$/"/'

say "Cycle 2"
cycle 2
for i in $(seq 1 50); do [ -s "$TMP/syslog.log" ] && break; sleep 0.1; done

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

say "Done: stopping nginx, the SMTP server and rsyslogd; removing $TMP"
