#!/usr/bin/env bash
# `rightswatch baseline list|import|export`, `test-alert` and `status` on
# baselines: what an operator does by hand.
. "$(dirname "$0")/lib.sh"
plan 13

cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
baselines = shipped.csv
[country Mali]
terms = Mali, Gao
[baseline mali-2020]
country = Mali
indicator = abductions
period = 2020
value = 98
source = a configured figure
[threshold mali-abductions]
indicator = abductions
country = Mali
compare = prior_year_total
[notify out]
type = exec
command = /bin/sh -c "cat > '$TMP/test-alert.json'"
[notify nobody]
type = webhook
url = http://127.0.0.1:9/hook
INI
printf 'country,indicator,period,value,source\nMali,killed,2020-H1,120,"report, with a comma"\n' > "$TMP/shipped.csv"
printf 'country,indicator,period,value,source\nMali,displaced,2021-05,4000,agency\nMali,injured,2021-Q5,3,bad period\nMali,killed,2020,-4,negative\n' > "$TMP/bad.csv"
printf 'country,indicator,period,value,source\nMali,displaced,2021-05,4000,agency\nMali,killed,2020-H1,130,revised\n' > "$TMP/good.csv"

"$RW_BIN" baseline list -c "$TMP/rw.ini" > "$TMP/list" 2>&1
ok $? "baseline list exits 0"
check "the configured baseline is listed with its origin" grep -qE '^Mali +abductions +2020 +98 configured' "$TMP/list"
check "the [daemon] baselines file was imported" grep -qE '^Mali +killed +2020-H1 +120 imported' "$TMP/list"

"$RW_BIN" baseline import -c "$TMP/rw.ini" "$TMP/bad.csv" > "$TMP/out" 2> "$TMP/err"
ok $(( $? == 1 ? 0 : 1 )) "a file with bad rows is refused (exit 1)"
check "each bad row is reported as FILE:LINE" \
	[ "$(grep -cE "^$TMP/bad.csv:[34]: " "$TMP/err")" -eq 2 ]
check "nothing of a refused file is imported" \
	[ "$(sql "$TMP/state.db" "select count(*) from baselines where indicator='displaced'")" -eq 0 ]

"$RW_BIN" baseline import -c "$TMP/rw.ini" "$TMP/good.csv" > "$TMP/out" 2>&1
ok $? "a good file is imported"
check "import says what it added and updated" grep -q "2 rows, 1 added, 1 updated" "$TMP/out"

"$RW_BIN" baseline export -c "$TMP/rw.ini" > "$TMP/export.csv"
check "export writes the header and every imported baseline" \
	[ "$(head -n 1 "$TMP/export.csv")" = "country,indicator,period,value,source" -a "$(grep -c . "$TMP/export.csv")" -eq 3 ]
"$RW_BIN" baseline import -c "$TMP/rw.ini" "$TMP/export.csv" > "$TMP/out" 2>&1
check "export round-trips through import, changing nothing" grep -q "2 rows, 0 added, 0 updated" "$TMP/out"

"$RW_BIN" status -c "$TMP/rw.ini" > "$TMP/status" 2>&1
check "status reports on thresholds" grep -q "Thresholds lacking a baseline" "$TMP/status"

"$RW_BIN" test-alert -c "$TMP/rw.ini" out > "$TMP/ta" 2>&1
check "test-alert through an exec destination: sent, marked as a test" \
	python3 -c "import json,sys; d=json.load(open('$TMP/test-alert.json')); sys.exit(0 if d['test'] is True else 1)"
"$RW_BIN" test-alert -c "$TMP/rw.ini" > "$TMP/ta2" 2>&1
rc=$?
check "test-alert to all: the unreachable webhook fails (exit 1) and says so" \
	[ "$rc" -eq 1 -a "$(grep -c "nobody (webhook): FAILED" "$TMP/ta2")" -eq 1 ]
