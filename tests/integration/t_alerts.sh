#!/usr/bin/env bash
# Alerts end to end, against real servers on 127.0.0.1: nginx serves a feed
# of Mali releases (tests/fixtures/alerts) that grows between cycles, an
# aiosmtpd server receives the mail, a private rsyslogd the syslog records,
# the fault server the webhook POST, and a small script the exec payload.
#
#   A  below the threshold: nothing; the crossing: one of each; a re-poll
#      and a restart: nothing more; a higher figure: one update
#   B  renotify = never: the higher figure raises nothing
#   C  the SMTP server down during the crossing, then up: the mail, once
#   D  a 451 on the first attempt, then success
#   E  the daemon aborted between the alert's commit and its delivery
#      (and after a send, before it was marked): delivered after restart
#   F  CR/LF and "Bcc:" in feed and release titles never reach a header
#
# target = local (a datagram to /dev/log) is tested only when this
# machine has no /dev/log: rsyslogd then owns it for the test's duration.
. "$(dirname "$0")/lib.sh"
plan 65

fix=$RW_ROOT/tests/fixtures/alerts
PY=/usr/bin/python3   # Debian's python, where aiosmtpd lives
site=$TMP/site
mkdir -p "$site"
cp -r "$fix/releases" "$site/releases"
for d in a b c d e f; do mkdir -p "$site/$d"; done
nginx_start "$site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT
$PY -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
[ -x /usr/sbin/rsyslogd ] || bail "rsyslog is not installed"

# feed DIR N: the feed of phase DIR becomes fixture feed-N.rss (a copy over
# the old file, as a site that publishes a new release).
feed() { cp "$fix/feed-$2.rss" "$site/$1/feed.rss"; chmod a+r "$site/$1/feed.rss"; }

# ---- servers ----------------------------------------------------------------

mails() { find "$TMP/mail-$1" -name '*.json' 2>/dev/null | wc -l; }

# A private rsyslogd: UDP on 127.0.0.1, records written field by field to
# $TMP/syslog.out; /dev/log too when nobody has one (records to syslog-local.out).
rs=$TMP/rsyslog
mkdir -p "$rs/work"
SYSLOG_UDP=$(free_port)
own_devlog=0
if [ ! -e /dev/log ] && [ ! -L /dev/log ] && [ -w /dev ]; then own_devlog=1; fi
{
	echo "global(workDirectory=\"$rs/work\")"
	echo 'module(load="imudp")'
	echo "input(type=\"imudp\" address=\"127.0.0.1\" port=\"$SYSLOG_UDP\" ruleset=\"remote\")"
	echo 'template(name="fields" type="string" string="%pri%|%timereported:::date-rfc3339%|%hostname%|%app-name%|%procid%|%msgid%|%structured-data%|%msg%\n")'
	echo 'template(name="local" type="string" string="%pri%|%programname%|%msg%\n")'
	echo "ruleset(name=\"remote\") { action(type=\"omfile\" file=\"$TMP/syslog.out\" template=\"fields\") }"
	if [ "$own_devlog" = 1 ]; then
		echo 'module(load="imuxsock" SysSock.Name="/dev/log" SysSock.RateLimit.Interval="0")'
		echo "if \$programname == 'rw-alerts-local' then action(type=\"omfile\" file=\"$TMP/syslog-local.out\" template=\"local\")"
	fi
} > "$rs/rsyslog.conf"
/usr/sbin/rsyslogd -n -f "$rs/rsyslog.conf" -i "$rs/rsyslogd.pid" > "$rs/stdout" 2>&1 &
_pids+=($!)
devlog_ino=
if [ "$own_devlog" = 1 ]; then
	for i in $(seq 1 100); do [ -S /dev/log ] && break; sleep 0.1; done
	devlog_ino=$(stat -c %i /dev/log 2>/dev/null)
	[ -n "$devlog_ino" ] || own_devlog=0
fi
sleep 0.3   # imudp binds alongside; give it a moment
touch "$TMP/syslog.out" "$TMP/syslog-local.out"

# After lib.sh's cleanup has stopped rsyslogd: remove /dev/log only if it is
# still the socket this test's rsyslogd created.
devlog_cleanup() {
	cleanup
	if [ -n "$devlog_ino" ] && [ -S /dev/log ] &&
	   [ "$(stat -c %i /dev/log 2>/dev/null)" = "$devlog_ino" ]; then
		rm -f /dev/log
	fi
}
trap devlog_cleanup EXIT

# The webhook receiver: the fault server answers 204 on /hook and logs bodies.
printf '{"routes": {"/hook": {"status": 204}}}\n' > "$TMP/hook.json"
fault_start "$TMP/hook.json" || bail "the fault server did not start"
HOOK_LOG=$FAULT_LOG
posts() { hits "$HOOK_LOG" '^/hook$'; }

# The exec destination: one line of alert JSON a run appended to $1.
cat > "$TMP/exec-hook" <<'SH'
#!/bin/sh
cat >> "$1" && echo >> "$1"
SH
chmod 755 "$TMP/exec-hook"
lines() { [ -f "$1" ] && wc -l < "$1" || echo 0; }

# ---- configuration ------------------------------------------------------------

# config NAME STATE FEED-DIR EXTRA: a configuration in $TMP/NAME.ini with one
# source, Mali, the mission's threshold, and the sections in EXTRA.
config() {
	cat > "$TMP/$1.ini" <<INI
[daemon]
state = $2
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
interval = 1h
timeout = 10s
log_level = debug

$(mission_sections "$base/$3/feed.rss")
$4
INI
}
mail_section() { # NAME PORT
	cat <<INI

[notify $1]
type = email
url = smtp://127.0.0.1:$2
starttls = never
from = rightswatch@alerts.example.org
to = ops@example.org, duty@example.net
subject_prefix = [rightswatch]
timeout = 10s
INI
}
# The 2020 total as the operator configures it (phases C to F).
BASELINE=$MISSION_BASELINE

once() { # NAME LOG [env...]: one cycle; the exit status is returned
	local name=$1 log=$2
	shift 2
	env "$@" "$RW_BIN" once -c "$TMP/$name.ini" > "$TMP/$log.log" 2>&1
}

# ---- A: the mission's scenario, every destination -------------------------------

local_section=
if [ "$own_devlog" = 1 ]; then
	local_section='
[notify local]
type = syslog
target = local
facility = local4
ident = rw-alerts-local'
fi
smtp_start "$TMP/mail-a" || bail "the SMTP server did not start"
config a a.db a "$(mail_section mail "$SMTP_PORT")
[notify collector]
type = syslog
target = udp://127.0.0.1:$SYSLOG_UDP
facility = local3
ident = rightswatch

[notify hook]
type = webhook
url = http://127.0.0.1:$FAULT_PORT/hook
header = X-Rightswatch-Test: scenario

[notify command]
type = exec
command = $TMP/exec-hook $TMP/exec-a.out
timeout = 10s
$local_section"
adb=$TMP/a.db

"$RW_BIN" check -c "$TMP/a.ini" > "$TMP/check-a.log" 2>&1
ok $? "the scenario's configuration passes check"

feed a 1
once a a1
ok $? "release 1 (2020 total 98, 61 in 2021-Q1): once exits 0"
check "release 1: its figures were stored" \
	[ "$(sql "$adb" "select count(*) from observations where indicator='abductions' and value in (98, 61)")" -eq 2 ]
check "release 1: no alert row" [ "$(sql "$adb" 'select count(*) from alerts')" -eq 0 ]
check "release 1: no mail" [ "$(mails a)" -eq 0 ]
check "release 1: no syslog record" [ "$(lines "$TMP/syslog.out")" -eq 0 ]
check "release 1: no POST" [ "$(posts)" -eq 0 ]
check "release 1: the command did not run" [ "$(lines "$TMP/exec-a.out")" -eq 0 ]

feed a 2
once a a2
ok $? "release 2 (435 in the first half of 2021) crosses: once exits 0"
check "one alert row, against the reported 2020 total" \
	[ "$(sql "$adb" "select count(*) from alerts where value = 435 and baseline_value = 98 and baseline_origin = 'reported' and period_start = '2021-01-01' and period_end = '2021-06-30'")" -eq 1 ]
ndest=4
[ "$own_devlog" = 1 ] && ndest=5
check "every destination's outbox row is delivered" \
	[ "$(sql "$adb" "select count(*) from outbox where state = 'delivered'")" -eq "$ndest" ]
check "the log has the alert as key=value fields" grep -q 'info: alert raised: rule="mali-abductions" country="Mali" indicator="abductions" value=435 period_start=2021-01-01 period_end=2021-06-30 kind=new crossed=yes$' "$TMP/a2.log"
check "and each delivery, with what the destination answered" [ "$(grep -c 'info: delivered: destination="[a-z]*" channel=[a-z]* alerts=1 result=".*"$' "$TMP/a2.log")" -eq "$ndest" ]
for i in $(seq 1 50); do [ "$(lines "$TMP/syslog.out")" -ge 1 ] && break; sleep 0.1; done
check "exactly one mail arrived" [ "$(mails a)" -eq 1 ]
"$RW_BIN" alerts -c "$TMP/a.ini" > "$TMP/alerts-a.out" 2>&1
check "rightswatch alerts lists the crossing, delivered everywhere" \
	bash -c 'grep -q "Mali abductions 435 (2021-H1) vs 98 for 2020 (reported)" "$1" &&
		grep -q "mail:delivered" "$1" && ! grep -q pending "$1"' _ "$TMP/alerts-a.out"

# mailcheck FILE.eml JSON URL: the message as Python's email module reads it.
mailcheck() {
	$PY - "$@" <<'PY'
import email, email.policy, email.utils, json, re, sys
raw = open(sys.argv[1], "rb").read()
meta = json.load(open(sys.argv[2]))
url = sys.argv[3]
msg = email.message_from_bytes(raw, policy=email.policy.default)
fail = []
def need(cond, what):
    if not cond:
        fail.append(what)
need(b"\n" not in raw.replace(b"\r\n", b""), "a bare LF")
need(b"\r" not in raw.replace(b"\r\n", b""), "a bare CR")
subject = str(msg["Subject"])
need(subject == "[rightswatch] CRITICAL Mali abductions 435 (2021-H1) > 2020 total 98 (4.4x)",
     "Subject: %r" % subject)
need(email.utils.parseaddr(str(msg["From"]))[1] == "rightswatch@alerts.example.org", "From")
tos = sorted(a for _, a in email.utils.getaddresses([str(msg["To"])]))
need(tos == ["duty@example.net", "ops@example.org"], "To: %r" % tos)
need(sorted(meta["rcpt_tos"]) == tos, "envelope recipients %r" % meta["rcpt_tos"])
need(meta["mail_from"] == "rightswatch@alerts.example.org", "envelope sender")
need(email.utils.parsedate_to_datetime(str(msg["Date"])) is not None, "Date")
need(re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", str(msg["Message-ID"] or "")), "Message-ID")
need(msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8",
     "Content-Type")
body = msg.get_content()
need("In just the first six months of this year, MINUSMA documented 435 abductions" in body,
     "the evidence sentence")
need(url in body, "the release URL")
need("98" in body and "2020" in body, "the baseline")
for f in fail:
    print("# mail: " + f)
sys.exit(1 if fail else 0)
PY
}
check "the mail: subject, From/To, Date, Message-ID, evidence, URL, CRLF only" \
	mailcheck "$TMP/mail-a/001.eml" "$TMP/mail-a/001.json" "$base/releases/mali-abductions-h1.html"

check "exactly one syslog record reached the collector" [ "$(lines "$TMP/syslog.out")" -eq 1 ]
# pri|time|host|app|procid|msgid|SD|msg; local3.crit = 19 * 8 + 2
IFS='|' read -r s_pri s_time s_host s_app s_procid s_msgid s_sd s_msg < "$TMP/syslog.out"
check "the record: priority local3.crit, app-name rightswatch, an RFC 3339 time" \
	[ "$s_pri" = 154 -a "$s_app" = rightswatch -a -n "$(printf '%s' "$s_time" | grep -E '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T')" ]
check "the record carries structured data with the rule, figure and period" \
	bash -c 'case "$1" in "[rightswatch@32473 "*rule=\"mali-abductions\"*value=\"435\"*period=\"2021-H1\"*) exit 0;; esac; exit 1' _ "$s_sd"
check "the record's text is key=value pairs with the baseline and the URL" \
	bash -c 'case "$1" in *value=\"435\"*baseline_value=\"98\"*baseline_period=\"2020\"*url=\"*/releases/mali-abductions-h1.html\"*) exit 0;; esac; exit 1' _ "$s_msg"
if [ "$own_devlog" = 1 ]; then
	for i in $(seq 1 50); do [ "$(lines "$TMP/syslog-local.out")" -ge 1 ] && break; sleep 0.1; done
	check "target = local: exactly one record through /dev/log (local4.crit)" \
		[ "$(lines "$TMP/syslog-local.out")" -eq 1 -a "$(cut -d'|' -f1 "$TMP/syslog-local.out")" = 162 ]
	check "target = local: the record names the figure and the period" \
		grep -q 'value="435".*period="2021-H1"' "$TMP/syslog-local.out"
else
	skip "target = local: /dev/log exists (this machine's logger owns it), not disturbed"
	skip "target = local: /dev/log exists, not disturbed"
fi

check "exactly one POST reached the webhook" [ "$(posts)" -eq 1 ]
check "the POST: JSON with value 435, the period and the baseline" $PY - "$HOOK_LOG" <<'PY'
import json, sys
req = [json.loads(l) for l in open(sys.argv[1])][0]
a = json.loads(req["body"])
ok = (req["method"] == "POST" and a["value"] == 435 and a["kind"] == "new"
      and a["period"]["start"] == "2021-01-01" and a["period"]["end"] == "2021-06-30"
      and a["baseline"]["value"] == 98 and a["baseline"]["period"]["label"] == "2020"
      and a["baseline"]["origin"] == "reported" and a["country"] == "Mali")
sys.exit(0 if ok else 1)
PY
check "the command ran once with the alert on stdin" \
	[ "$(lines "$TMP/exec-a.out")" -eq 1 -a "$(grep -c '"value":435' "$TMP/exec-a.out")" -eq 1 ]

# A re-poll: the feed answers 304, nothing new.
once a a3
ok $? "a re-poll exits 0"
check "the re-poll was a conditional request" grep -qE '^GET /a/feed.rss 304 ' "$NGINX_LOG"

# A restart: `run`, with the source made due now, polls once and stops on SIGTERM.
polls_before=$(requests_for '/a/feed.rss')
sql "$adb" 'update sources set next_due = 0'
"$RW_BIN" run -c "$TMP/a.ini" > "$TMP/run-a.log" 2>&1 &
run_pid=$!
_pids+=($run_pid)
for i in $(seq 1 100); do
	[ "$(requests_for '/a/feed.rss')" -gt "$polls_before" ] && break
	sleep 0.1
done
sleep 1   # anything it would deliver goes out right after the poll
kill -TERM "$run_pid"
wait "$run_pid"
ok $? "the restarted daemon polled and stopped cleanly on SIGTERM"
check "the restarted daemon polled the feed again" \
	[ "$(requests_for '/a/feed.rss')" -gt "$polls_before" ]
check "re-poll and restart: still one alert, one mail, one record, one POST, one command run" \
	[ "$(sql "$adb" 'select count(*) from alerts')" -eq 1 -a "$(mails a)" -eq 1 -a \
	  "$(lines "$TMP/syslog.out")" -eq 1 -a "$(posts)" -eq 1 -a "$(lines "$TMP/exec-a.out")" -eq 1 ]

# A revised release raises the figure for the same period: one update.
feed a 3
once a a4
ok $? "release 3 (512 for the same half-year): once exits 0"
check "one update row that rose from 435" \
	[ "$(sql "$adb" "select count(*) from alerts where is_update = 1 and value = 512 and previous_value = 435")" -eq 1 -a \
	  "$(sql "$adb" 'select count(*) from alerts')" -eq 2 ]
for i in $(seq 1 50); do [ "$(lines "$TMP/syslog.out")" -ge 2 ] && break; sleep 0.1; done
check "the update: one more mail, record, POST and command run" \
	[ "$(mails a)" -eq 2 -a "$(lines "$TMP/syslog.out")" -eq 2 -a "$(posts)" -eq 2 -a "$(lines "$TMP/exec-a.out")" -eq 2 ]
check "the update mail says what the figure rose from" $PY - "$TMP/mail-a/002.eml" <<'PY'
import email, email.policy, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
body = msg.get_content()
sys.exit(0 if "512" in str(msg["Subject"]) and "rose from 435" in body
         and "MINUSMA has now documented 512 abductions" in body else 1)
PY
check "the update's POST is kind update with previous_value 435" $PY - "$HOOK_LOG" <<'PY'
import json, sys
a = json.loads([json.loads(l) for l in open(sys.argv[1])][1]["body"])
sys.exit(0 if a["kind"] == "update" and a["value"] == 512 and a["previous_value"] == 435 else 1)
PY
check "the update's syslog record names the previous value" \
	bash -c 'sed -n 2p "$1" | grep -q "kind=\"update\".*value=\"512\""' _ "$TMP/syslog.out"
once a a5
check "polling again after the update sends nothing more" \
	[ "$(mails a)" -eq 2 -a "$(posts)" -eq 2 -a "$(lines "$TMP/exec-a.out")" -eq 2 ]

# ---- B: renotify = never ------------------------------------------------------------

config b b.db b "
[notify command]
type = exec
command = $TMP/exec-hook $TMP/exec-b.out"
sed -i 's/^severity = critical$/severity = critical\nrenotify = never/' "$TMP/b.ini"
feed b 1; once b b1
feed b 2; once b b2
check "renotify = never: the crossing is told once" [ "$(lines "$TMP/exec-b.out")" -eq 1 ]
feed b 3; once b b3
ok $? "renotify = never: the higher figure's cycle exits 0"
check "renotify = never: the higher figure raises no alert and runs nothing" \
	[ "$(sql "$TMP/b.db" 'select count(*) from alerts')" -eq 1 -a "$(lines "$TMP/exec-b.out")" -eq 1 ]

# ---- C: the SMTP server down during the crossing --------------------------------------

cport=$(free_port)
config c c.db c "$BASELINE
$(mail_section mail "$cport")"
feed c 2
once c c1
check "SMTP down: once exits 1" [ $? -eq 1 ]
check "SMTP down: one alert against the configured baseline" \
	[ "$(sql "$TMP/c.db" "select count(*) from alerts where value = 435 and baseline_origin = 'configured'")" -eq 1 ]
check "SMTP down: the delivery is queued with an error and a later attempt" \
	[ "$(sql "$TMP/c.db" "select count(*) from outbox where state = 'pending' and attempts >= 1 and last_error is not null and next_attempt > strftime('%s', 'now')")" -eq 1 ]
"$RW_BIN" alerts -c "$TMP/c.ini" > "$TMP/alerts-c.out" 2>&1
check "rightswatch alerts shows the mail queued" grep -q "mail:pending" "$TMP/alerts-c.out"
once c c2
check "SMTP still down, the row not yet due: once does not retry early" \
	[ "$(sql "$TMP/c.db" 'select attempts from outbox')" -eq 1 ]
smtp_start "$TMP/mail-c" --port "$cport" || bail "the SMTP server did not start on $cport"
sql "$TMP/c.db" 'update outbox set next_attempt = 0'
once c c3
ok $? "SMTP up, the row due: once exits 0"
check "SMTP up: the mail arrived, once" [ "$(mails c)" -eq 1 ]
check "SMTP up: the row is delivered" \
	[ "$(sql "$TMP/c.db" "select count(*) from outbox where state = 'delivered'")" -eq 1 ]
check "the queued mail is the crossing's" mailcheck "$TMP/mail-c/001.eml" "$TMP/mail-c/001.json" "$base/releases/mali-abductions-h1.html"
once c c4
check "another cycle sends it no more" [ "$(mails c)" -eq 1 ]

# ---- D: a transient SMTP failure (451), then success ------------------------------------

smtp_start "$TMP/mail-d" --fail-first 1 || bail "the SMTP server did not start"
config d d.db d "$BASELINE
$(mail_section mail "$SMTP_PORT")"
feed d 2
once d d1
check "451 on DATA: once exits 1" [ $? -eq 1 ]
check "451 on DATA: no mail saved, the row pending" \
	[ "$(mails d)" -eq 0 -a "$(sql "$TMP/d.db" "select count(*) from outbox where state = 'pending' and attempts = 1")" -eq 1 ]
sql "$TMP/d.db" 'update outbox set next_attempt = 0'
once d d2
ok $? "the retry: once exits 0"
check "the retry: the mail arrived once, after two DATA commands" \
	[ "$(mails d)" -eq 1 -a "$(cat "$TMP/mail-d/data-count")" -eq 2 ]

# ---- E: killed between the alert's commit and its delivery ------------------------------

smtp_start "$TMP/mail-e" || bail "the SMTP server did not start"
config e e.db e "$BASELINE
$(mail_section mail "$SMTP_PORT")"
feed e 2
# (The braces keep bash's "Aborted" notice out of the TAP log.)
{ once e e1 RIGHTSWATCH_CRASH_AT=after_alert_commit; st=$?; } 2>/dev/null
check "RIGHTSWATCH_CRASH_AT=after_alert_commit: the daemon aborted (status $st)" [ "$st" -ge 128 ]
check "after the abort: the alert is committed, its delivery pending, no mail" \
	[ "$(sql "$TMP/e.db" 'select count(*) from alerts')" -eq 1 -a \
	  "$(sql "$TMP/e.db" "select count(*) from outbox where state = 'pending' and attempts = 0")" -eq 1 -a "$(mails e)" -eq 0 ]
once e e2
# The abort came after the poll's one commit (issue 15): its round ended,
# so the restart polls the source as usual (a 304, not a backoff), exits
# 0, and the outbox is delivered.
st=$?
check "the restart exits 0 (status $st): the round had committed, the source is polled, not modified" \
	test "$st" -eq 0 -a -n "$(grep -E 'not modified +304' "$TMP/e2.log")"

check "the restart: the mail delivered once, no second alert" \
	[ "$(mails e)" -eq 1 -a "$(sql "$TMP/e.db" 'select count(*) from alerts')" -eq 1 -a \
	  "$(sql "$TMP/e.db" "select count(*) from outbox where state = 'delivered'")" -eq 1 ]
once e e3
check "a further cycle sends nothing" [ "$(mails e)" -eq 1 ]

# Killed after a send, before it was marked: at least once (a duplicate is
# allowed only for a message that was in flight).
smtp_start "$TMP/mail-e2" || bail "the SMTP server did not start"
config e2 e2.db e "$BASELINE
$(mail_section mail "$SMTP_PORT")"
rm -f "$TMP/e2.db"
{ once e2 e2-1 RIGHTSWATCH_CRASH_AT=after_delivery; st=$?; } 2>/dev/null
check "RIGHTSWATCH_CRASH_AT=after_delivery: aborted (status $st) after the mail was sent" \
	[ "$st" -ge 128 -a "$(mails e2)" -eq 1 -a "$(sql "$TMP/e2.db" "select state from outbox")" = pending ]
once e2 e2-2
check "after the restart: the row is delivered, the mail received at most twice" \
	[ "$(sql "$TMP/e2.db" "select state from outbox")" = delivered -a "$(mails e2)" -le 2 ]

# ---- F: header injection through feed and release titles --------------------------------

smtp_start "$TMP/mail-f" || bail "the SMTP server did not start"
config f f.db f "$BASELINE
$(mail_section mail "$SMTP_PORT")"
feed f inject
once f f1
ok $? "a release whose titles carry CR/LF and 'Bcc: x@evil': once exits 0"
check "exactly one mail" [ "$(mails f)" -eq 1 ]
check "no injected header, no injected recipient" $PY - "$TMP/mail-f/001.eml" "$TMP/mail-f/001.json" <<'PY'
import email, email.policy, json, re, sys
raw = open(sys.argv[1], "rb").read()
meta = json.load(open(sys.argv[2]))
head = raw.split(b"\r\n\r\n", 1)[0]
msg = email.message_from_bytes(raw, policy=email.policy.default)
names = sorted(set(k.lower() for k in msg.keys()))
expected = {"date", "from", "to", "subject", "message-id", "mime-version", "content-type",
            "content-transfer-encoding", "auto-submitted", "x-rightswatch-severity"}
bad = []
if set(names) - expected:
    bad.append("unexpected headers %r" % (set(names) - expected))
if re.search(rb"(?im)^(bcc|subject: spoofed)", head):
    bad.append("an injected header line")
if b"evil" in head:
    bad.append("feed text in the header block")
if sorted(meta["rcpt_tos"]) != ["duty@example.net", "ops@example.org"]:
    bad.append("recipients %r" % meta["rcpt_tos"])
if b"\n" in raw.replace(b"\r\n", b"") or b"\r" in raw.replace(b"\r\n", b""):
    bad.append("a bare CR or LF")
for b in bad:
    print("# " + b)
sys.exit(1 if bad else 0)
PY
check "the title is kept, flattened, in the body" $PY - "$TMP/mail-f/001.eml" <<'PY'
import email, email.policy, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
sys.exit(0 if "Mali: abductions reported in Kidal" in msg.get_content() else 1)
PY
