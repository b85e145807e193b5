#!/usr/bin/env bash
# An alert is what was decided (issue 12, item 8): an alert queued while the
# SMTP server is down keeps its comparison, factor, limit and baseline when
# its threshold is changed, and then removed, before the mail goes out; the
# mail (through aiosmtpd) still says what was decided, and `alerts --json`
# shows it as numbers and objects. Real nginx, aiosmtpd and SQLite file.
. "$(dirname "$0")/lib.sh"
plan 14

mission_site f || bail "nginx did not start"
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
feed() { mission_feed f "$1"; }
db=$TMP/state.db

# config SMTP-PORT THRESHOLD-SECTION: the mission's source and country, one
# mail destination and the threshold given (or none).
config() {
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = $db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
interval = 1h
timeout = 10s

[source releases]
url = http://127.0.0.1:$NGINX_PORT/f/feed.rss
type = rss
fetch_pages = always

[country Mali]
terms = Mali, Malian, MINUSMA, Bamako, Gao, Mopti, Ségou, Kidal, Ménaka

[notify mail]
type = email
url = smtp://127.0.0.1:$1
starttls = never
from = rightswatch@alerts.example.org
to = ops@example.org
timeout = 5s
$2
INI
}
threshold() { # COMPARE FACTOR SEVERITY
	printf '\n[threshold mali-abductions]\nindicator = abductions\ncountry = Mali\n'
	printf 'compare = %s\nfactor = %s\nseverity = %s\n' "$1" "$2" "$3"
}
once() { "$RW_BIN" once -c "$TMP/rw.ini" > "$TMP/$1.log" 2>&1; }
due_now() { sql "$db" "UPDATE outbox SET next_attempt = 0 WHERE state = 'pending'"; }

down=$(free_port)   # nothing listens there: the mail cannot go
config "$down" "$(threshold prior_year_total 1.0 critical)"
feed 1
once 1
ok $? "release 1 (2020 total 98): once exits 0"
feed 2
once 2
check "release 2 crosses while the SMTP server is down: once exits 1" test $? -eq 1
check "one alert, its mail queued" \
	test "$(sql "$db" "SELECT count(*) FROM alerts"),$(sql "$db" "SELECT state FROM outbox")" = "1,pending"
check "the record holds the comparison, the factor and the limit" \
	test "$(sql "$db" "SELECT compare || ',' || factor || ',' || limit_value FROM alerts")" = \
	"prior_year_total,1.0,98.0"

# The threshold is changed: another comparison, factor and severity.
config "$down" "$(threshold same_period_prior_year 2.5 info)"
due_now
once 3
check "changed threshold, server still down: once exits 1, no new alert" \
	test $? -eq 1 -a "$(sql "$db" "SELECT count(*) FROM alerts")" = 1
"$RW_BIN" alerts --json -c "$TMP/rw.ini" > "$TMP/alerts.json"
check "alerts --json: one object a line" test "$(wc -l < "$TMP/alerts.json")" -eq 1
python3 - "$TMP/alerts.json" > "$TMP/fields" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())
print(a["compare"], a["factor"], a["limit"], a["severity"], a["value"],
      a["baseline"]["value"], a["baseline"]["period"]["label"], a["baseline"]["origin"],
      type(a["ratio"]).__name__, a["period"]["start"], a["deliveries"][0]["state"],
      a["deliveries"][0]["attempts"], type(a["id"]).__name__)
PY
check "alerts --json: what was decided, as numbers and objects ($(cat "$TMP/fields"))" \
	test "$(cat "$TMP/fields")" = \
	"prior_year_total 1.0 98.0 critical 435 98 2020 reported float 2021-01-01 pending 2 int"

# The threshold is removed; the SMTP server comes up; the mail goes.
smtp_start "$TMP/mail" || bail "the SMTP server did not start"
config "$SMTP_PORT" ""
due_now
once 4
ok $? "threshold removed, server up: once exits 0"
check "the mail arrived" test "$(find "$TMP/mail" -name '*.eml' | wc -l)" -eq 1
/usr/bin/python3 - "$(find "$TMP/mail" -name '*.eml' | head -n 1)" > "$TMP/mail.txt" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
print("Subject:", m["Subject"])
print(m.get_content().replace("\r", ""))
PY
sed 's/^/# /' "$TMP/mail.txt"
check "the mail names the comparison and factor decided" \
	grep -q '^Rule: *mali-abductions (prior_year_total, factor 1)$' "$TMP/mail.txt"
check "the mail says what it crossed" grep -q '^Crossed: *above 2020 total 98$' "$TMP/mail.txt"
check "the mail keeps the severity decided" grep -q '^Severity: *critical$' "$TMP/mail.txt"
check "the subject says the same" \
	grep -q '^Subject: \[rightswatch\] CRITICAL Mali abductions 435 (2021-H1) > 2020 total 98 (4.4x)$' "$TMP/mail.txt"
check "the outbox row is delivered" test "$(sql "$db" "SELECT state FROM outbox")" = delivered
