#!/usr/bin/env bash
# `rightswatch baseline list|import|export|delete`, `test-alert` and
# `status` on baselines: what an operator does by hand. Baselines are data:
# names are checked and made canonical, filters find them in any case, a
# deletion and an import round-trip.
. "$(dirname "$0")/lib.sh"
plan 36

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

# ---- names are data: checked, canonical, found in any case ----
printf 'country,indicator,period,value,source\nmali,Abductions,2019,87,lower case\nMALI,killed,2019,40,upper case\n' > "$TMP/case.csv"
"$RW_BIN" baseline import -c "$TMP/rw.ini" "$TMP/case.csv" > "$TMP/out" 2>&1
ok $? "a file naming Mali in any case is imported"
check "... stored as configured: Mali, abductions (no second country)" \
	test "$(sql "$TMP/state.db" "select group_concat(distinct country) from baselines")" = Mali -a \
	"$(sql "$TMP/state.db" "select count(*) from baselines where indicator = 'abductions' and period_start = '2019-01-01'")" = 1
printf 'country,indicator,period,value,source\nMali,abductions,2018,50,ok\nMalli,abductions,2017,40,typo\nMali,abductons,2016,30,typo\nNiger,killed,2020,3,not watched\n' > "$TMP/names.csv"
"$RW_BIN" baseline import -c "$TMP/rw.ini" "$TMP/names.csv" > "$TMP/out" 2> "$TMP/err"
check "unknown names refuse the whole file (exit 1)" test $? -eq 1
check "a misspelt country: FILE:LINE and a suggestion" \
	grep -qF "$TMP/names.csv:3: country: unknown country 'Malli' (did you mean 'Mali'?)" "$TMP/err"
check "a misspelt indicator: FILE:LINE and a suggestion" \
	grep -qF "$TMP/names.csv:4: indicator: unknown indicator 'abductons' (did you mean 'abductions'?)" "$TMP/err"
check "a country that is not configured" \
	grep -qF "$TMP/names.csv:5: country: unknown country 'Niger' (not a configured [country])" "$TMP/err"
check "nothing of it was imported, not even its good row" \
	test "$(sql "$TMP/state.db" "select count(*) from baselines where period_start = '2018-01-01'")" = 0

"$RW_BIN" baseline list --country mali --indicator abductions -c "$TMP/rw.ini" > "$TMP/list" 2>&1
check "list --country mali finds Mali's rows" \
	test "$(grep -cE '^Mali +abductions ' "$TMP/list")" -eq 2
"$RW_BIN" baseline list --period 2019 -c "$TMP/rw.ini" > "$TMP/list" 2>&1
check "list --period 2019: the two 2019 rows only" \
	test "$(tail -n +2 "$TMP/list" | grep -c .)" -eq 2 -a "$(grep -c ' 2019 ' "$TMP/list")" -eq 2
# (shipped.csv, the [daemon] baselines file, is imported again by each
# command, as by each start: its 120 for 2020-H1 stands.)
"$RW_BIN" baseline list --json --country Mali --indicator killed -c "$TMP/rw.ini" > "$TMP/list.json"
python3 - "$TMP/list.json" > "$TMP/fields" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(len(rows), " ".join("%s:%s:%s:%s" % (r["period"]["label"], r["value"], type(r["value"]).__name__,
      r["origin"]) for r in rows), rows[0]["period"]["start"])
PY
check "list --json: objects, values as numbers ($(cat "$TMP/fields"))" \
	test "$(cat "$TMP/fields")" = "2 2019:40:int:imported 2020-H1:120:int:imported 2019-01-01"
"$RW_BIN" baseline list --country Maly -c "$TMP/rw.ini" > "$TMP/out" 2> "$TMP/err"
check "an unknown filter is refused with a suggestion (exit 2)" \
	test $? -eq 2 -a -n "$(grep -F "unknown country 'Maly' (did you mean 'Mali'?)" "$TMP/err")"
"$RW_BIN" baseline list --period 2020-H3 -c "$TMP/rw.ini" > /dev/null 2>&1
check "a period that is not one is refused (exit 2)" test $? -eq 2

# ---- delete, and the round trip ----
"$RW_BIN" baseline export -c "$TMP/rw.ini" > "$TMP/before.csv"
"$RW_BIN" baseline delete -c "$TMP/rw.ini" > "$TMP/out" 2>&1
check "delete without a filter or --all is refused (exit 2)" test $? -eq 2
"$RW_BIN" baseline delete --country mali --period 2019 -c "$TMP/rw.ini" > "$TMP/out" 2>&1
ok $? "delete --country mali --period 2019 exits 0"
check "... says how many it deleted" grep -q "^2 imported baselines deleted$" "$TMP/out"
check "... and only those" \
	test "$(sql "$TMP/state.db" "select count(*) from baselines where origin = 'imported'")" = 2
"$RW_BIN" baseline list --period 2019 -c "$TMP/rw.ini" > "$TMP/list" 2>&1
check "list --period 2019 now shows none, and says so" grep -q '^(no baseline matches)$' "$TMP/list"
"$RW_BIN" baseline delete --period 2020 --indicator abductions -c "$TMP/rw.ini" > "$TMP/out" 2>&1
check "delete leaves configured baselines (they come from the INI file)" \
	test "$(sql "$TMP/state.db" "select count(*) from baselines where origin = 'configured'")" = 1
"$RW_BIN" baseline import -c "$TMP/rw.ini" "$TMP/before.csv" > "$TMP/out" 2>&1
check "re-importing the export brings back what was deleted" grep -q "4 rows, 2 added, 0 updated" "$TMP/out"
"$RW_BIN" baseline export -c "$TMP/rw.ini" > "$TMP/after.csv"
check "export, delete, import: the same file again" cmp -s "$TMP/before.csv" "$TMP/after.csv"
"$RW_BIN" baseline delete --all -c "$TMP/rw.ini" > "$TMP/out" 2>&1
check "delete --all removes every imported baseline" \
	test "$(sql "$TMP/state.db" "select count(*) from baselines where origin = 'imported'")" = 0
check "... and reminds that the [daemon] baselines file comes back" grep -q "shipped.csv are imported again" "$TMP/out"

for v in list import export delete; do
	"$RW_BIN" baseline $v --help > "$TMP/help" 2>&1
	check "baseline $v --help: its usage, exit 0" test $? -eq 0 -a -n "$(grep "^usage: rightswatch baseline $v " "$TMP/help")"
done
