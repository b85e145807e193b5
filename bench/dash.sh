#!/usr/bin/env bash
# The dashboard's pages on a long history (`make bench`, section 5; or
# bench/dash.sh [BINARY]): a state file the binary creates, filled by
# bench/gendash.py with 10,000 releases and 100,000 figures (5 countries,
# 12 indicators) and 1,000 alerts; the daemon serves it on a free port and
# each page is fetched 20 times (curl, one connection each): median and
# slowest, in milliseconds (the target is under 50 ms a page). Then the
# query plans of the pages' queries (the statements of store_sql.c, with
# their filters set as the pages set them): each must search an index,
# not scan a table.
set -u
bin=${1:-build/rightswatch}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d /tmp/rw-bench-dash.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

{
	printf '[daemon]\nstate = state.db\ninterval = 1d\nlisten = 127.0.0.1:%s\n\n' "$port"
	printf '[source releases]\nurl = http://127.0.0.1:9/feed.rss\ntype = rss\n\n'
	for c in Mali Niger "Burkina Faso" Chad Sudan; do printf '[country %s]\nterms = %s\n\n' "$c" "$c"; done
	printf '[threshold mali-abductions]\nindicator = abductions\ncountry = Mali\ncompare = prior_year_total\n\n'
	printf '[threshold killings-high]\nindicator = killed\ncompare = value\nabove = 4000\n\n'
	printf '[notify mail]\ntype = exec\ncommand = /bin/true\n'
} > "$tmp/rw.ini"
# The binary creates the file and its schema (a silence written and removed).
"$bin" silence add -c "$tmp/rw.ini" --threshold mali-abductions --until 2099-01-01 \
	--reason bench > /dev/null && "$bin" silence remove -c "$tmp/rw.ini" 1 > /dev/null ||
	{ echo "dash bench: cannot create the state file" >&2; exit 1; }
t0=$(date +%s%N)
python3 "$root/bench/gendash.py" "$tmp/state.db" 10000 100000 || exit 1
echo "state: $(sqlite3 "$tmp/state.db" 'select count(*) from documents') releases," \
	"$(sqlite3 "$tmp/state.db" 'select count(*) from observations') figures," \
	"$(sqlite3 "$tmp/state.db" 'select count(*) from alerts') alerts," \
	"$(( $(stat -c %s "$tmp/state.db") / 1048576 )) MiB, filled in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

"$bin" run -c "$tmp/rw.ini" > "$tmp/run.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.1; done

mid=$(sqlite3 "$tmp/state.db" "select id from documents where country = 'Mali' order by id limit 1 offset 1000")
printf '%-58s %8s %8s %9s\n' "page (20 fetches each)" "median" "slowest" "KiB"
for p in "/" "/?page=200" "/release/$mid" "/series?country=Mali&indicator=abductions" \
    "/series?country=Mali&indicator=abductions&page=60" "/series?country=Chad&indicator=killed"; do
	for _ in $(seq 1 20); do
		curl -s -o "$tmp/page" -w '%{http_code} %{time_total} %{size_download}\n' "http://127.0.0.1:$port$p"
	done > "$tmp/times"
	grep -qv '^200 ' "$tmp/times" && { echo "dash bench: $p did not answer 200" >&2; head -n 3 "$tmp/times" >&2; }
	sort -k2 -n "$tmp/times" | awk -v p="$p" '{ t[NR] = $2 * 1000; s = $3 }
	    END { printf "%-58s %6.1f ms %6.1f ms %9.0f\n", p, t[int((NR + 1) / 2)], t[NR], s / 1024 }'
done

echo "query plans (an index searched, or SCAN = a whole table read):"
plan() { # plan NAME SQL
	local out
	out=$(sqlite3 "$tmp/state.db" "EXPLAIN QUERY PLAN $2" | sed 's/^[0-9|]*//' | tr '\n' ';')
	printf '  %-34s %s\n' "$1" "$out"
}
plan "latest releases (S_REL_LIST)" \
	"SELECT d.id FROM documents d WHERE (NULL IS NULL OR d.date >= NULL) ORDER BY d.date DESC, d.id DESC LIMIT 26 OFFSET 4975"
plan "a release's figures (S_FIG_LIST)" \
	"SELECT o.id FROM observations o JOIN documents d ON d.id = o.doc_id AND d.latest_revision = o.revision WHERE o.doc_id = $mid ORDER BY o.start, o.id"
plan "a series (S_SERIES_FIGS)" \
	"SELECT o.id FROM observations o JOIN documents d ON d.id = o.doc_id AND d.latest_revision = o.revision WHERE o.country = 'Mali' AND o.indicator = 'abductions' ORDER BY coalesce(o.period_start, d.date), o.period_end, o.id"
plan "recent alerts (S_ALERT_LIST)" \
	"SELECT a.id FROM alerts a WHERE a.created >= 0 AND (NULL IS NULL OR a.doc_id = NULL) AND (NULL IS NULL OR a.country = NULL) ORDER BY a.id DESC LIMIT 20 OFFSET 0"
plan "a series' alerts (S_ALERT_LIST_SERIES)" \
	"SELECT a.id FROM alerts a WHERE a.created >= 0 AND (NULL IS NULL OR a.doc_id = NULL) AND a.country = 'Mali' AND a.indicator = 'abductions' ORDER BY a.id DESC LIMIT -1 OFFSET 0"
plan "deliveries (S_ALERT_DELIVERIES)" \
	"SELECT o.alert_id FROM outbox o WHERE o.alert_id BETWEEN 1 AND 20 ORDER BY o.alert_id, o.destination"
