#!/usr/bin/env bash
# Browse and replay (issue 12, item 6), through the binary against nginx and
# a real SQLite file: `releases` lists what was read (filters, --json),
# `show` one release with its figures and alerts; after a change of the
# configuration (a country now watched, an indicator's terms replaced)
# `reextract` reads the stored texts again and says what came and went,
# alerting only with --alert; `try` shows what a release file would cross,
# recording nothing, with or without a state file.
. "$(dirname "$0")/lib.sh"
plan 31

mission_site f || bail "nginx did not start"
mission_feed f 2
fix=$RW_ROOT/tests/fixtures/alerts

# config COUNTRY [EXTRA]: the mission's source, one watched country.
config() {
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = rw.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
timeout = 10s

[source releases]
url = http://127.0.0.1:$NGINX_PORT/f/feed.rss
type = rss
fetch_pages = always

[country $1]
terms = $1

[threshold mali-abductions]
indicator = abductions
compare = prior_year_total
severity = critical

[notify collector]
type = syslog
target = udp://127.0.0.1:$(free_port)
${2:-}
INI
}
rw() { "$RW_BIN" "$@" -c "$TMP/rw.ini"; }
figures() { sql "$TMP/rw.db" "select count(*) from observations"; }
alerts() { sql "$TMP/rw.db" "select count(*) from alerts"; }

# Niger watched: the Mali releases are stored, their figures not read.
config Niger
rw once > "$TMP/once.log" 2>&1
ok $? "the first poll (a catch-up, only Niger watched): once exits 0"
check "two releases stored, no figure read" test "$(sql "$TMP/rw.db" "select count(*) from documents"),$(figures)" = "2,0"

# ---- releases ----
rw releases > "$TMP/rel.out" 2>&1
ok $? "releases exits 0"
check "releases lists both, newest first" \
	test "$(awk 'NR > 1 { print $2 }' "$TMP/rel.out" | tr '\n' ' ')" = "2021-08-06 2021-04-15 "
check "... with their source and language" grep -qE '^ +[0-9]+ 2021-08-06 releases +en ' "$TMP/rel.out"
rw releases --since 2021-06-01 > "$TMP/rel.out" 2>&1
check "releases --since 2021-06-01: the August release only" \
	test "$(grep -cE '^ +[0-9]' "$TMP/rel.out")" -eq 1 -a -n "$(grep 'abductions soar' "$TMP/rel.out")"
rw releases --source nosuch > "$TMP/rel.out" 2>&1
check "releases --source with none: 'No release matches.'" test "$(cat "$TMP/rel.out")" = "No release matches."
rw releases --country mali --limit 1 > "$TMP/rel.out" 2>&1
check "--country in any case, --limit 1" test "$(grep -cE '^ +[0-9]' "$TMP/rel.out")" -eq 1
rw releases --country Maly > /dev/null 2> "$TMP/rel.err"
check "an unknown country: exit 2 and a suggestion" \
	test $? -eq 2 -a -n "$(grep -F "(did you mean 'Mali'?)" "$TMP/rel.err")"
rw releases --json > "$TMP/rel.json"
check "releases --json: one object a line, numbers and arrays" \
	python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(not (len(r)==2 and r[0]["figures"]==0 and isinstance(r[0]["id"],int) and r[0]["sources"]==["releases"] and r[1]["date"]=="2021-04-15"))' "$TMP/rel.json"
h1=$(sql "$TMP/rw.db" "select id from documents where url like '%h1.html'")
annual=$(sql "$TMP/rw.db" "select id from documents where url like '%2020.html'")

# ---- reextract after a configuration change ----
config Mali
rw reextract --all > "$TMP/re1.out" 2>&1
ok $? "Mali now watched: reextract --all exits 0"
sed 's/^/# /' "$TMP/re1.out"
check "it says what came: +2 and +1, no alert" \
	test -n "$(grep -E "^#$annual: 0 figures before, 2 after: \+2 -0 " "$TMP/re1.out")" -a \
	-n "$(grep -E "^#$h1: 0 figures before, 1 after: \+1 -0 " "$TMP/re1.out")" -a \
	-n "$(grep -F 'Read again: 2 releases, 3 figures added, 0 removed, no alert raised' "$TMP/re1.out")"
check "the figures are stored, no alert recorded" test "$(figures),$(alerts)" = "3,0"
rw reextract --alert "$h1" > "$TMP/re2.out" 2>&1
check "reextract --alert ID: the same figures, and now the alert (435 > 98)" \
	test -n "$(grep -E "^#$h1: 1 figure before, 1 after: \+0 -0, 1 alert" "$TMP/re2.out")" -a "$(alerts)" = 1
rw reextract --alert "$h1" > /dev/null 2>&1
check "... once: reading it again raises no second alert" test "$(alerts)" = 1
config Mali "
[indicator abductions]
terms = hostages held
replace = yes"
rw reextract --all --json > "$TMP/re3.json" 2>&1
check "abductions' terms replaced: reextract --json says -3, as numbers" \
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(not (s["removed"]==3 and s["added"]==0 and s["count"]==2 and s["releases"][0]["after"]==0))' "$TMP/re3.json"
check "the figures are gone, the alert stays" test "$(figures),$(alerts)" = "0,1"
config Mali
rw reextract --all > /dev/null 2>&1
check "the configuration back: the figures back" test "$(figures)" = 3
rw reextract > /dev/null 2>&1
check "reextract without --all or an ID: exit 2" test $? -eq 2
rw reextract 999 > /dev/null 2> "$TMP/re.err"
check "an unknown ID: exit 1 and says so" test $? -eq 1 -a -n "$(grep 'no release 999' "$TMP/re.err")"

# ---- show ----
rw show "$h1" > "$TMP/show.out" 2>&1
ok $? "show ID exits 0"
sed 's/^/# /' "$TMP/show.out"
check "show: the metadata" \
	test -n "$(grep -F 'Release #'"$h1"': Mali: abductions soar' "$TMP/show.out")" -a -n "$(grep -E '^  Date: +2021-08-06 +Language: en +Country: Mali' "$TMP/show.out")"
check "show: the figures as a table" \
	grep -qE '^  abductions +435 exact +2021-H1 +Mali +"435 abductions"$' "$TMP/show.out"
check "show: its alert" grep -qE '^#[0-9]+ .* critical mali-abductions: Mali abductions 435 \(2021-H1\) vs 98 for 2020 \(reported\)' "$TMP/show.out"
rw show --json "http://127.0.0.1:$NGINX_PORT/releases/mali-annual-2020.html" > "$TMP/show.json"
check "show --json URL: figures and alerts as arrays of objects" \
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); f=s["figures"]; sys.exit(not (len(f)==2 and f[0]["value"]==98 and f[0]["period"]["label"]=="2020" and s["alerts"]==[]))' "$TMP/show.json"
rw show 999 > /dev/null 2>&1
check "show an unknown ID: exit 1" test $? -eq 1

# ---- try ----
cp "$fix/releases/mali-abductions-revised.html" "$TMP/revised.html"
before=$(sql "$TMP/rw.db" "select (select count(*) from documents) || ',' || (select count(*) from observations) || ',' || (select count(*) from alerts)")
rw try "$TMP/revised.html" > "$TMP/try.out" 2>&1
ok $? "try exits 0"
sed 's/^/# /' "$TMP/try.out"
check "try: the update it would raise (512, up from 435)" \
	grep -q '^WOULD ALERT: CRITICAL Mali abductions 512 (2021-H1, up from 435) > 2020 total 98' "$TMP/try.out"
check "try recorded nothing" \
	test "$(sql "$TMP/rw.db" "select (select count(*) from documents) || ',' || (select count(*) from observations) || ',' || (select count(*) from alerts)")" = "$before"
sed -i 's/^state = rw.db$/state = none.db/' "$TMP/rw.ini"
rw try --json "$TMP/revised.html" > "$TMP/try.json" 2>&1
check "try without a state file: nothing to compare with, and says what it lacks" \
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(not (s["alerts"]==[] and s["figures"][0]["value"]==512 and "2020" in s["lacking_baseline"][0]))' "$TMP/try.json"
check "... and created none" test ! -e "$TMP/none.db"
