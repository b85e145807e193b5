#!/usr/bin/env bash
# `rightswatch extract` as a user calls it: the seed release, HTML input
# with the page's own date, a text dated by its dateline, a configuration's
# indicators (-c), bad options.
. "$(dirname "$0")/lib.sh"
plan 19

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

# No --date: the release date is the dateline's, and standard error says so.
cat > "$TMP/dateline.txt" <<'TXT'
Mali: abductions rise in the centre

BAMAKO (6 August 2021) – During the first six months of this year, the mission documented 435 abductions.
TXT
"$RW_BIN" extract "$TMP/dateline.txt" > "$TMP/out.jsonl" 2> "$TMP/err"
check "dateline: 'this year' is the dateline's year, not today's" has \
	"o['value']==435 and o['period_start']=='2021-01-01' and o['period_end']=='2021-06-30'"
check "dateline: standard error names the date and where it came from" \
	grep -q 'release date 2021-08-06, from the dateline "6 August 2021"' "$TMP/err"
printf 'Burkina Faso : note\n\nOuagadougou, le 9 f\303\251vrier 2025 \342\200\223 Depuis le d\303\251but de l'"'"'ann\303\251e, 40 civils ont \303\251t\303\251 tu\303\251s.\n' > "$TMP/ligne.txt"
"$RW_BIN" extract "$TMP/ligne.txt" > "$TMP/out.jsonl" 2> "$TMP/err"
check "dateline (French): 'depuis le début de l'année' runs to 9 February 2025" has \
	"o['value']==40 and o['period_start']=='2025-01-01' and o['period_end']=='2025-02-09'"
printf 'New York, 2 May 2023\n\nSome 1,200 people were displaced over the past two weeks.\n' > "$TMP/ny.txt"
"$RW_BIN" extract "$TMP/ny.txt" > "$TMP/out.jsonl" 2> "$TMP/err"
check "dateline alone on its line: 'the past two weeks' back from 2 May 2023" has \
	"o['value']==1200 and o['period_start']=='2023-04-18' and o['period_end']=='2023-05-02'"
printf 'Some 1,200 people were displaced in 2019.\n' > "$TMP/nodate.txt"
"$RW_BIN" extract "$TMP/nodate.txt" > "$TMP/out.jsonl" 2> "$TMP/err"
check "no date anywhere: today's, and standard error says so" grep -q "today's: the text gives none" "$TMP/err"
"$RW_BIN" extract --date 2021-08-06 "$TMP/dateline.txt" > "$TMP/out.jsonl" 2> "$TMP/err"
check "--date wins over the dateline, and nothing is said" [ ! -s "$TMP/err" ]
"$RW_BIN" extract "$RW_ROOT/tests/fixtures/site/releases/mali-abductions.html" > /dev/null 2> "$TMP/err"
check "HTML input: standard error names the page's own date" grep -q "from the page's own date" "$TMP/err"

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
