#!/usr/bin/env bash
# When the state reaches the disk (issue 15): a poll that read a feed
# commits lazily (in the WAL, safe from a kill, not yet synced) unless it
# raised an alert; the WAL is synced before any alert goes out, within a few
# seconds while polls go on, and as soon as none is in flight. So a first
# pass over many feeds syncs far less than once a feed, and a power cut can
# cost only polls that raised nothing, which are simply done again.
#
# Observed with strace (the syscalls themselves, not timings) on the real
# SQLite file, with nginx serving the feeds and aiosmtpd receiving the mail
# on 127.0.0.1.
. "$(dirname "$0")/lib.sh"
plan 7

command -v strace > /dev/null || bail "strace is not installed (make deps)"
strace -f -o /dev/null true 2> /dev/null || {
	for i in 1 2 3 4 5 6 7; do skip "strace cannot trace here (ptrace refused)"; done
	exit 0
}
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || bail "python3-aiosmtpd is not installed"
mission_site releases-feed gen || bail "nginx did not start"
mission_feed releases-feed 2
smtp_start "$TMP/mail" || bail "the SMTP server did not start"

# ---- a first pass over 80 feeds of 5 items, no alert: few syncs ----
nfeeds=80
for n in $(seq 1 $nfeeds); do
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
		printf '<title>Bulletin %d</title><link>/</link>' "$n"
		for i in 1 2 3 4 5; do
			printf '<item><title>Weekly note %d.%d</title><link>/gen/%d-%d.html</link>' "$n" "$i" "$n" "$i"
			printf '<guid>note-%d-%d</guid><pubDate>Mon, 0%d Mar 2021 10:00:00 GMT</pubDate>' "$n" "$i" "$i"
			printf '<description>The office held %d meetings with partners.</description></item>' "$i"
		done
		printf '</channel></rss>\n'
	} > "$MISSION_SITE/gen/$n.rss"
done
chmod -R a+rX "$MISSION_SITE/gen"
mkdir -p "$TMP/many"
{
	printf '[daemon]\nstate = state.db\ninterval = 1h\nlog_level = warning\n\n'
	for n in $(seq 1 $nfeeds); do
		printf '[source gen%d]\nurl = http://127.0.0.1:%s/gen/%d.rss\ntype = rss\nfetch_pages = never\n\n' \
			"$n" "$NGINX_PORT" "$n"
	done
} > "$TMP/many/rw.ini"
(cd "$TMP/many" && strace -f -y -qq -e trace=fdatasync,fsync,pwrite64,write -o "$TMP/many.trace" \
	"$RW_BIN" once -c rw.ini > "$TMP/many.log" 2>&1)
check "the first pass stored every item" \
	test "$(sql "$TMP/many/state.db" 'select count(*) from items')" -eq $((nfeeds * 5))
syncs=$(grep -cE '^[0-9]+ +f(data)?sync\(' "$TMP/many.trace")
note "$nfeeds feeds read: $syncs fdatasync/fsync calls"
check "a first pass over $nfeeds feeds syncs less than once a feed ($syncs)" test "$syncs" -lt "$nfeeds"
# Every write to the WAL or the database is followed by a sync of it
# before the process ends: nothing committed is left unsynced.
last_unsynced() {
	awk '/state\.db(-wal)?>/ {
		if ($2 ~ /^f(data)?sync\(/) dirty = 0; else if ($2 ~ /^(pwrite64|write)\(/) dirty = 1
	} END { print dirty + 0 }' "$1"
}
check "once leaves every commit synced" test "$(last_unsynced "$TMP/many.trace")" -eq 0

# ---- the daemon goes idle: what it committed lazily is synced ----
rm -f "$TMP/many/state.db"*
(cd "$TMP/many" && exec strace -f -y -qq -e trace=fdatasync,fsync,pwrite64,write \
	-o "$TMP/idle.trace" "$RW_BIN" run -c rw.ini > "$TMP/idle.log" 2>&1) &
tracer=$!
_pids+=($tracer)
all_items() { test "$(sql "$TMP/many/state.db" 'select count(*) from items' 2>/dev/null)" = $((nfeeds * 5)); }
idle_synced() { test "$(last_unsynced "$TMP/idle.trace")" -eq 0; }
wait_for all_items
wait_up_to 10 idle_synced
check "a daemon with nothing in flight has synced every commit" idle_synced
# Killing strace would leave the daemon running, detached: stop the
# daemon, the first process of the trace.
kill "$(awk 'NR == 1 { print $1; exit }' "$TMP/idle.trace")" 2>/dev/null
wait "$tracer"

# ---- a poll that raises an alert: synced before the mail goes out ----
mkdir -p "$TMP/alert"
{
	printf '[daemon]\nstate = state.db\ninterval = 1h\ntimeout = 30s\nlog_level = info\n\n'
	mission_sections "http://127.0.0.1:$NGINX_PORT/releases-feed/feed.rss"
	echo "$MISSION_BASELINE"
	mission_mail
} > "$TMP/alert/rw.ini"
(cd "$TMP/alert" && strace -f -y -qq -e trace=fdatasync,fsync,pwrite64,write,connect \
	-o "$TMP/alert.trace" "$RW_BIN" once -c rw.ini > "$TMP/alert.log" 2>&1)
check "the poll raised one alert" test "$(sql "$TMP/alert/state.db" 'select count(*) from alerts')" -eq 1
check "the mail went out" test "$(find "$TMP/mail" -name '*.json' | wc -l)" -eq 1
# Up to the first connection to the mail server, the last thing done to
# the WAL is its sync.
before=$(awk -v port="htons($SMTP_PORT)" '$2 ~ /^connect\(/ && index($0, port) { exit } { print }' \
	"$TMP/alert.trace")
check "the alert was synced before the mail server was reached" \
	test "$(printf '%s\n' "$before" | grep 'state\.db-wal>' | tail -n 1 | awk '{ print $2 }' |
	grep -cE '^f(data)?sync\(')" -eq 1
