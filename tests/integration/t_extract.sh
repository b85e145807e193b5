#!/usr/bin/env bash
# `rightswatch extract` as a user calls it: the seed release, HTML input
# with the page's own date, a configuration's indicators (-c), bad options.
. "$(dirname "$0")/lib.sh"
plan 12

seed=$RW_ROOT/../shared/seeds/000_fea450b5e471619b.txt
# has JSON-FILTER: does any output line match (python expression over o)?
has() {
	python3 - "$TMP/out.jsonl" "$1" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if any(eval(sys.argv[2], {}, {"o": o}) for o in rows) else 1)
PY
}
count() { grep -c . "$TMP/out.jsonl"; }

if [ -f "$seed" ]; then
	"$RW_BIN" extract --date 2021-08-06 "$seed" > "$TMP/out.jsonl"
	check "seed: the 43 executions, 1 April-30 June 2021" has \
		"o['indicator']=='extrajudicial_executions' and o['value']==43 and o['qualifier']=='at_least' and o['period_start']=='2021-04-01' and o['period_end']=='2021-06-30' and o['country']=='Mali'"
	check "seed: the 258 cases, January-July 2021" has \
		"o['value']==258 and o['period_start']=='2021-01-01' and o['period_end']=='2021-07-31' and not o['derived']"
	check "seed: the derived 2020 figure (258 / 0.88)" has \
		"o['value']==293 and o['derived'] and o['qualifier']=='approx' and o['period_start']=='2020-01-01' and o['period_end']=='2020-12-31'"
	check "seed: the 435 abductions, first half of 2021" has \
		"o['indicator']=='abductions' and o['value']==435 and o['period_start']=='2021-01-01' and o['period_end']=='2021-06-30'"
	check "seed: the derived 2019 figure (435 / 5)" has \
		"o['indicator']=='abductions' and o['value']==87 and o['derived'] and o['period_start']=='2019-01-01'"
	check "seed: nothing else (no phone numbers, visit length or dates)" [ "$(count)" -eq 5 ]
	check "seed: evidence is the text at its offsets" python3 - "$seed" "$TMP/out.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], 'rb').read()
ok = all(text[o['start']:o['end']].decode() == o['evidence'] for o in map(json.loads, open(sys.argv[2])))
sys.exit(0 if ok else 1)
PY
else
	for i in 1 2 3 4 5 6 7; do skip "../shared/seeds is not beside the project"; done
fi

"$RW_BIN" extract "$RW_ROOT/tests/fixtures/site/releases/mali-abductions.html" > "$TMP/out.jsonl"
check "HTML input: the page's own date resolves 'this year'" has \
	"o['value']==435 and o['period_start']=='2021-01-01' and o['period_end']=='2021-06-30'"
check "HTML input: nothing from the script, the footer or the phone number" \
	[ -z "$(grep -E '"value":(1234|9999|9059)[,}]' "$TMP/out.jsonl")" ]

printf 'At least 14 boats were seized off the coast of Mali in 2020.\n' > "$TMP/boats.txt"
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
[indicator seizures]
terms = boats were seized, seizures
INI
"$RW_BIN" extract --date 2021-01-10 -c "$TMP/rw.ini" "$TMP/boats.txt" > "$TMP/out.jsonl"
check "-c: a configured indicator is extracted" has \
	"o['indicator']=='seizures' and o['value']==14 and o['qualifier']=='at_least' and o['period_start']=='2020-01-01'"

"$RW_BIN" extract --date 2021-13-01 "$TMP/boats.txt" > /dev/null 2>&1
check "a bad --date is refused with status 2" [ $? -eq 2 ]
"$RW_BIN" extract "$TMP/no-such-file" > /dev/null 2> "$TMP/err"
check "a missing file: status 1 and a reason" [ $? -eq 1 -a -s "$TMP/err" ]
