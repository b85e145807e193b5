#!/usr/bin/env bash
# An email destination with a digest window gathers the alerts raised in
# the window into one message, sent when the window closes.
. "$(dirname "$0")/lib.sh"
plan 6

cp -r "$RW_ROOT/tests/fixtures/digest" "$TMP/site"
nginx_start "$TMP/site" || bail "nginx did not start"
smtp_start "$TMP/mail" || bail "the SMTP server did not start"

cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
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
[notify mail]
type = email
url = smtp://127.0.0.1:$SMTP_PORT
starttls = never
from = rightswatch@example.org
to = monitors@example.org
digest = 1h
INI

"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once1.log" 2>&1
ok $? "once exits 0: nothing is due before the window closes"
check "two alerts were raised" [ "$(sql "$TMP/state.db" 'select count(*) from alerts')" -eq 2 ]
check "no mail before the window closes" [ "$(ls "$TMP/mail" | grep -c '\.eml$')" -eq 0 ]
check "both deliveries are due together, an hour later" \
	[ "$(sql "$TMP/state.db" "select count(distinct next_attempt) from outbox where state='pending'")" -eq 1 ]

sql "$TMP/state.db" "update outbox set next_attempt = 0"
"$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/once2.log" 2>&1
ok $? "once exits 0 once the window has closed"
check "one mail carries both alerts" $SMTP_PY - "$TMP/mail" <<'PY'
import email, email.policy, glob, sys
files = glob.glob(sys.argv[1] + "/*.eml")
if len(files) != 1:
    sys.exit(1)
m = email.message_from_binary_file(open(files[0], "rb"), policy=email.policy.default)
body = m.get_body().get_content()
ok = ("2 alerts" in m["Subject"] and "CRITICAL" in m["Subject"]
      and "killings" in body and "abductions" in body and "120" in body and "75" in body)
sys.exit(0 if ok else 1)
PY
