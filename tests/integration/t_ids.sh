#!/usr/bin/env bash
# Stable ids: each (alert, destination) has one id for all its attempts,
# unique across databases (the database's random instance id, then the
# outbox row's id). A mail whose connection aiosmtpd drops after DATA is
# sent again with the same Message-ID; a webhook's retry carries the same
# Idempotency-Key; a command gets it as RW_DELIVERY_ID; test alerts get
# ids of their own.
. "$(dirname "$0")/lib.sh"
plan 9

mission_site f || bail "nginx did not start"
mission_feed f 2
MISSION_FEED=http://127.0.0.1:$NGINX_PORT/f/feed.rss
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
smtp_start "$TMP/mail" --drop-first 2 || bail "the SMTP server did not start"
cat > "$TMP/hook.json" <<'JSON'
{"routes": {"/hook": {"sequence": [{"status": 500}, {"status": 200}]}}}
JSON
fault_start "$TMP/hook.json" || bail "the fault server did not start"
cat > "$TMP/cmd" <<'SH'
#!/bin/sh
cat > /dev/null
echo "$RW_DELIVERY_ID" >> "$1"
SH
chmod 755 "$TMP/cmd"
# config NAME: the mission with a mail, a webhook and a command, state NAME.db.
config() {
	cat > "$TMP/$1.ini" <<INI
[daemon]
state = $1.db
interval = 1h

$(mission_sections "$MISSION_FEED")
$MISSION_BASELINE

[notify mail]
type = email
url = smtp://127.0.0.1:$SMTP_PORT
starttls = never
from = rightswatch@example.org
to = monitors@example.org

[notify hook]
type = webhook
url = http://127.0.0.1:$FAULT_PORT/hook

[notify cmd]
type = exec
command = $TMP/cmd $TMP/$1.ids
INI
}
config a
retry() { # NAME: the pending deliveries are due again; one more cycle
	sql "$TMP/$1.db" "update outbox set next_attempt = 0"
	"$RW_BIN" once -c "$TMP/$1.ini" > "$TMP/$1-once.log" 2>&1
}
"$RW_BIN" once -c "$TMP/a.ini" > "$TMP/a-once.log" 2>&1
retry a
retry a
instance=$(sql "$TMP/a.db" "select value from meta where key = 'instance'")
mail_id=$(sql "$TMP/a.db" "select id from outbox where destination = 'mail'")
msgids() { grep -h '^Message-ID:' "$TMP"/mail/*.eml | sort | uniq -c | awk '{ print $1 " " $3 }'; }
note "Message-IDs received: $(msgids | tr '\n' ' ')"
check "the dropped connections left 3 copies at the receiver, and the row is delivered" \
	test "$(ls "$TMP"/mail/*.eml | wc -l),$(sql "$TMP/a.db" "select state || attempts from outbox where destination = 'mail'")" = "3,delivered3"
check "every copy has the same Message-ID" test "$(msgids | wc -l)" = 1
check "the Message-ID is the delivery's id: instance and outbox row" \
	grep -q "^Message-ID: <alert-$instance-$mail_id.mail@example.org>" "$TMP/mail/001.eml"
keys=$(python3 -c '
import json, sys
print(" ".join(json.loads(l)["idempotency_key"] or "-" for l in open(sys.argv[1])))' "$FAULT_LOG")
hook_id=$(sql "$TMP/a.db" "select id from outbox where destination = 'hook'")
check "the webhook's retry carries the same Idempotency-Key ($keys)" \
	test "$keys" = "$instance-$hook_id $instance-$hook_id"
cmd_id=$(sql "$TMP/a.db" "select id from outbox where destination = 'cmd'")
check "the command gets its delivery's id as RW_DELIVERY_ID" \
	test "$(cat "$TMP/a.ids")" = "$instance-$cmd_id"

# Another database: the same alert, other ids.
config b
"$RW_BIN" once -c "$TMP/b.ini" > "$TMP/b-once.log" 2>&1
other=$(sql "$TMP/b.db" "select value from meta where key = 'instance'")
check "another database has another instance id" \
	test -n "$other" -a "$other" != "$instance"
check "its delivery ids differ from the first database's, though the outbox rows' do not" \
	test "$(cat "$TMP/b.ids")" = "$other-$cmd_id"

# Test alerts: an id each, never an outbox row's.
"$RW_BIN" test-alert -c "$TMP/a.ini" cmd > /dev/null 2>&1
"$RW_BIN" test-alert -c "$TMP/a.ini" cmd > /dev/null 2>&1
check "two test alerts get two ids of their own" \
	test "$(grep -c '^test-[0-9a-f]\{16\}$' "$TMP/a.ids"),$(grep '^test-' "$TMP/a.ids" | sort -u | wc -l)" = 2,2
check "alerts and deliveries are unchanged by test alerts" \
	test "$(sql "$TMP/a.db" "select count(*) from outbox")" = 3
