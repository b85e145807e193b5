#!/usr/bin/env bash
# Catch-up (issue 12, item 3), against nginx serving a feed of old
# releases: a source's first successful read stores its history (releases,
# figures, the baselines they report) and raises no alert, saying "caught
# up: N releases, M figures"; a release published after it alerts; a
# release the catch-up saw but could not read is history when it is read
# later; `catch_up = no` and `once --alert-backlog` alert on history.
. "$(dirname "$0")/lib.sh"
plan 16

mission_site a b c d || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT

# config NAME FEED-DIR [EXTRA-SOURCE-KEYS]: the mission with the 2020
# total configured, so the 2021-H1 release crosses.
config() {
	cat > "$TMP/$1.ini" <<INI
[daemon]
state = $1.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
timeout = 10s

[source releases]
url = $base/$2/feed.rss
type = rss
fetch_pages = always
${3:-}

[country Mali]
terms = Mali, Malian, MINUSMA, Gao, Mopti, Ménaka

[threshold mali-abductions]
indicator = abductions
country = Mali
compare = prior_year_total
severity = critical

[notify collector]
type = syslog
target = udp://127.0.0.1:$(free_port)
$MISSION_BASELINE
INI
}
once() { # NAME LOG [ARGS...]
	local name=$1 log=$2
	shift 2
	"$RW_BIN" once "$@" -c "$TMP/$name.ini" > "$TMP/$log.log" 2>&1
}
alerts() { sql "$TMP/$1.db" "select count(*) from alerts"; }

# ---- A: the history is read, not alerted ----
mission_feed a 2   # two old releases: the 2020 total, and 435 in 2021-H1
config a a
once a a1
ok $? "A: the first poll of a feed of old releases: once exits 0"
check "A: its releases and figures are stored" \
	test "$(sql "$TMP/a.db" "select count(*) from documents"),$(sql "$TMP/a.db" "select count(*) from observations")" = "2,3"
check "A: no alert on history, although 435 > 98" test "$(alerts a)" = 0
check "A: the log says 'caught up: 2 releases, 3 figures'" \
	grep -q "source releases: caught up: 2 releases, 3 figures" "$TMP/a1.log"
check "A: the reported figures serve as baselines" \
	grep -qE '^Mali +abductions +2021-H1 +435 reported' <("$RW_BIN" baseline list -c "$TMP/a.ini")
check "A: the source is marked caught up" test "$(sql "$TMP/a.db" "select caught_up > 0 from sources")" = 1
mission_feed a 3   # a new release: 512 for the same half-year
once a a2
ok $? "A: the next poll: once exits 0"
check "A: a release published after the catch-up alerts" \
	test "$(alerts a),$(sql "$TMP/a.db" "select value from alerts")" = "1,512"
check "A: and its poll is no catch-up" not grep -q "caught up" "$TMP/a2.log"

# ---- B: a release the catch-up could not read is history too ----
mission_feed b 2
mv "$MISSION_SITE/releases/mali-abductions-h1.html" "$TMP/held.html"
config b b
once b b1
check "B: the catch-up with one release page missing: once exits 1" test $? -eq 1
check "B: caught up: 1 release" grep -q "caught up: 1 release, 2 figures" "$TMP/b1.log"
mv "$TMP/held.html" "$MISSION_SITE/releases/mali-abductions-h1.html"
once b b2
check "B: read later, it is stored without an alert" \
	test "$(sql "$TMP/b.db" "select count(*) from documents"),$(alerts b)" = "2,0"

# ---- C: catch_up = no ----
mission_feed c 2
config c c "catch_up = no"
once c c1
check "C: catch_up = no: the first poll alerts on history" \
	test "$(alerts c),$(sql "$TMP/c.db" "select value from alerts")" = "1,435"
check "C: and says nothing of a catch-up" not grep -q "caught up" "$TMP/c1.log"

# ---- D: once --alert-backlog ----
mission_feed d 2
config d d
once d d1 --alert-backlog
check "D: once --alert-backlog: the first poll alerts on history" test "$(alerts d)" = 1
once d d2
check "D: nothing more on the next poll" test "$(alerts d)" = 1
