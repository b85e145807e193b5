#!/usr/bin/env bash
# The outbox courier around the daemon's life cycle, against real servers on
# 127.0.0.1 (nginx serving the digest fixture, an aiosmtpd server, the fault
# server as a webhook receiver):
#
#   A  a SIGHUP while a delivery waits for its time does not break the
#      courier's timer: the mail goes out when due, SIGTERM still stops
#   B  once: a delivery that cannot even be started (an unreadable
#      password_file) does not end the cycle before the other ones
#   C  once: more deliveries due than one batch (DELIVER_BATCH) all go out
#   D  a destination failing the same way is logged once at warning, the
#      repeats at debug; its recovery once at info
. "$(dirname "$0")/lib.sh"
plan 15

$SMTP_PY -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
cp -r "$RW_ROOT/tests/fixtures/digest" "$TMP/site"
nginx_start "$TMP/site" || bail "nginx did not start"
smtp_start "$TMP/mail" || bail "the SMTP server did not start"
printf '{"routes": {"/hook": {"status": 204}}}\n' > "$TMP/hook.json"
fault_start "$TMP/hook.json" || bail "the fault server did not start"
posts() { hits "$FAULT_LOG" '^/hook$'; }
mails() { ls "$TMP/mail" | grep -c '\.eml$'; }
one_mail() { [ "$(mails)" -eq 1 ]; }

# stopped PID: the process ends within 10 s (else it is killed).
stopped() {
	local i
	for i in $(seq 1 100); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null
	return 1
}

# config NAME NOTIFY-SECTIONS: the digest fixture's source and thresholds.
config() {
	cat > "$TMP/$1.ini" <<INI
[daemon]
state = $1.db
interval = 1h
timeout = 10s
log_level = debug
[source t]
url = http://127.0.0.1:$NGINX_PORT/feed.rss
catch_up = no
[country Mali]
terms = Mali, Mopti
[threshold killings]
indicator = killed
compare = value
above = 100
severity = critical
[threshold abductions]
indicator = abductions
compare = value
above = 50
$2
INI
}

# ---- A: SIGHUP with the courier's timer armed ----------------------------------
config a "[notify mail]
type = email
url = smtp://127.0.0.1:$SMTP_PORT
starttls = never
from = rightswatch@example.org
to = monitors@example.org
digest = 1h"
"$RW_BIN" once -c "$TMP/a.ini" > "$TMP/a-once.log" 2>&1
# The digest is due in a few seconds: `run` arms its timer for then.
sql "$TMP/a.db" "update outbox set next_attempt = strftime('%s', 'now') + 4"
"$RW_BIN" run -c "$TMP/a.ini" > "$TMP/a-run.log" 2>&1 &
pid=$!
_pids+=($pid)
wait_for grep -q "rightswatch started" "$TMP/a-run.log"
kill -HUP "$pid"
check "A: the reload is done" wait_for grep -q "configuration reloaded" "$TMP/a-run.log"
sleep 4
check "A: the digest goes out when due, after the reload" wait_for one_mail
kill -TERM "$pid"
check "A: SIGTERM still stops the daemon" stopped "$pid"
wait "$pid"
ok $? "A: exit status 0"

# ---- B: once, a delivery that cannot start, then others -----------------------
# A credential of the service, run from a shell without it: check only
# warns, and the courier cannot read the password when it sends.
config b "[notify mail]
type = email
url = smtp://127.0.0.1:$SMTP_PORT
starttls = never
from = rightswatch@example.org
to = monitors@example.org
username = rw
password_file = \${CREDENTIALS_DIRECTORY}/password
[notify hook]
type = webhook
url = http://127.0.0.1:$FAULT_PORT/hook"
"$RW_BIN" once -c "$TMP/b.ini" > "$TMP/b-once.log" 2>&1
rc=$?
check "B: once exits 1: the mail could not be sent" [ "$rc" -eq 1 ]
check "B: both webhook deliveries were made before once exited" [ "$(posts)" -eq 2 ]
check "B: the mails stay queued" \
	[ "$(sql "$TMP/b.db" "select count(*) from outbox where destination = 'mail' and state = 'pending'")" -eq 2 ]
check "B: the reason is the credential the shell does not have" \
	[ "$(sql "$TMP/b.db" "select count(*) from outbox where destination = 'mail' and last_error like '%CREDENTIALS_DIRECTORY is not set in this process%'")" -eq 2 ]


# more_alerts DB PREFIX N: N copies of alert 1 (higher values), each queued
# for the destination hook.
more_alerts() {
	sql "$1" "
with recursive n(i) as (select 1 union all select i + 1 from n where i < $3)
insert into alerts (fingerprint, rule, severity, country, indicator, period_start,
  period_end, value, qualifier, title, url, date, sentence, created)
select '$2-' || i, rule, severity, country, indicator, period_start, period_end,
  value + i, qualifier, title, url, date, sentence, created
from n, (select * from alerts where id = 1);
insert into outbox (alert_id, destination, created)
select id, 'hook', created from alerts where fingerprint like '$2-%';"
}

# ---- C: once, more deliveries due than one batch --------------------------------
more_alerts "$TMP/b.db" bulk 70
"$RW_BIN" once -c "$TMP/b.ini" > "$TMP/c-once.log" 2>&1
rc=$?
check "C: once exits 0 (the mails are not due yet)" [ "$rc" -eq 0 ]
check "C: all 70 due webhook deliveries were made" [ "$(posts)" -eq 72 ]

# ---- D: a repeating failure, then recovery ----------------------------------------
cat > "$TMP/seq.json" <<'JSON'
{"routes": {"/seq": {"sequence": [{"status": 503}, {"status": 503}, {"status": 503},
  {"status": 204, "delay": 0.3}]}}}
JSON
fault_start "$TMP/seq.json" || bail "the fault server did not start"
config d "[notify hook]
type = webhook
url = http://127.0.0.1:$FAULT_PORT/seq"
"$RW_BIN" once -c "$TMP/d.ini" > "$TMP/d1.log" 2>&1
check "D: two alerts, the same 503 twice: one warning, as key=value fields" \
	[ "$(grep -c 'warning: not delivered: destination="hook" channel=webhook alerts=1 attempt=1 retry_in=30s error="' "$TMP/d1.log")" -eq 1 ]
check "D: the repeat is logged at debug level" \
	[ "$(grep -c 'debug: not delivered: destination="hook"' "$TMP/d1.log")" -eq 1 ]
more_alerts "$TMP/d.db" more 5
sql "$TMP/d.db" "update outbox set next_attempt = 0"
"$RW_BIN" once -c "$TMP/d.ini" > "$TMP/d2.log" 2>&1
check "D: the next run's first failure is a warning again" \
	[ "$(grep -c 'warning: not delivered: destination="hook"' "$TMP/d2.log")" -eq 1 ]
check "D: the recovery is logged once, at info" \
	[ "$(grep -c 'info: destination works again: destination="hook" failed_attempts=1$' "$TMP/d2.log")" -eq 1 ]
check "D: six delivered, the one that failed waits for its retry" \
	[ "$(sql "$TMP/d.db" "select group_concat(state || ':' || n) from (select state, count(*) n from outbox group by state order by state)")" = "delivered:6,pending:1" ]
