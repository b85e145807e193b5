#!/usr/bin/env bash
# Benchmarks (not tests): `make bench`. Prints timings and ratios.
#  1. parse-feed on a generated 50 MB RSS feed, side by side in the same
#     run with the peers that are installed (none is required: `make deps`
#     does not install them): sfeed, xmllint --stream, libxml2's push
#     parser with empty SAX callbacks (the floor under any libxml2 parser,
#     built here from bench/saxfloor.c), and feedparser (rss2email's parser,
#     on a 5 MB feed: it is slow); MB/s, peak memory, ours / peer;
#  2. the shapes that cost parsers more than their size (bench/genhostile.py)
#     at 1 MiB and 8 MiB: each must stay linear;
#  3. extraction: throughput (MB/s of release text, one core), peak memory
#     per input byte on one large text, and the texts that cost the
#     extractor more than their size at 1x, 4x and 16x: each must stay linear;
#  4. a `once` pass over 1,000 feeds served by a local nginx;
#  5. the dashboard's pages on 10,000 releases and 100,000 figures
#     (bench/dash.sh), with the query plans of their queries.
set -u
bin=${1:-build/rightswatch}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d /tmp/rw-bench.XXXXXX)
chmod 755 "$tmp" # nginx workers run unprivileged
trap 'kill $(cat "$tmp/nginx/nginx.pid" 2>/dev/null) 2>/dev/null; rm -rf "$tmp"' EXIT

# run CMD... -> "seconds peak-KiB" of the fastest of 3 runs (stdout dropped)
run() {
	local best="" mem="" t m
	for _ in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > /dev/null 2>&1
		read -r t m < <(tail -n 1 "$tmp/time")
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t mem=$m; fi
	done
	echo "$best $mem"
}
secs() { run "$@" | cut -d' ' -f1; }
ms() { # ms CMD... -> wall milliseconds of the fastest of 3 runs
	local best="" t0 t
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$@" > /dev/null 2>&1
		t=$(( ($(date +%s%N) - t0) / 1000000 ))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}
mbs() { awk "BEGIN{printf \"%.1f\", $1/($2+1e-9)}"; }

echo "== parse: one RSS feed of 100,000 items (the item cap), best of 3"
python3 "$root/bench/genfeed.py" 100000 > "$tmp/big.rss"
python3 "$root/bench/genfeed.py" 10000 > "$tmp/small.rss"
mb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$tmp/big.rss")/1e6}")
mb_small=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$tmp/small.rss")/1e6}")
read -r t_rw m_rw < <(run "$bin" parse-feed "$tmp/big.rss")
r_rw=$(mbs "$mb" "$t_rw")
printf '%-44s %7s %8s %9s %12s\n' "parser (same file, same run)" "s" "MB/s" "peak MiB" "ours/peer"
row() { # name seconds peakKiB megabytes
	local r; r=$(mbs "$4" "$2")
	printf '%-44s %7s %8s %9s %12s\n' "$1" "$2" "$r" "$(awk "BEGIN{printf \"%.1f\", $3/1024}")" \
	    "$(awk "BEGIN{printf \"%.2f\", $r_rw/($r+1e-9)}")"
}
printf '%-44s %7s %8s %9s %12s\n' "rightswatch parse-feed ($mb MB)" "$t_rw" "$r_rw" \
    "$(awk "BEGIN{printf \"%.1f\", $m_rw/1024}")" "-"
if command -v sfeed > /dev/null; then
	read -r t m < <(run sh -c "sfeed < '$tmp/big.rss'")
	row "sfeed" "$t" "$m" "$mb"
else
	echo "sfeed: not installed (apt-get install sfeed): no ratio"
fi
if command -v xmllint > /dev/null; then
	read -r t m < <(run xmllint --stream --noout "$tmp/big.rss")
	row "xmllint --stream --noout (libxml2 reader)" "$t" "$m" "$mb"
else
	echo "xmllint: not installed (apt-get install libxml2-utils): no ratio"
fi
if cc -O2 -o "$tmp/saxfloor" "$root/bench/saxfloor.c" $(pkg-config --cflags --libs libxml-2.0) 2> /dev/null; then
	read -r t m < <(run "$tmp/saxfloor" "$tmp/big.rss")
	row "libxml2 push SAX, empty callbacks" "$t" "$m" "$mb"
fi
# Debian's python3-feedparser (rss2email's parser) belongs to /usr/bin/python3,
# which another python3 earlier on PATH may not see.
fp_py=""
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import feedparser' 2> /dev/null; then fp_py=$py; break; fi
done
if [ -n "$fp_py" ]; then
	read -r t m < <(run "$fp_py" -c "import feedparser; feedparser.parse(open('$tmp/small.rss','rb').read())")
	row "feedparser, rss2email's parser ($mb_small MB)" "$t" "$m" "$mb_small"
else
	echo "feedparser: not installed (apt-get install rss2email): no ratio"
fi

echo "== shapes that cost more than their size: 1 MiB, then 8 MiB (linear: about 8x)"
printf '%-22s %-11s %9s %9s  %s\n' "shape" "command" "1 MiB ms" "8 MiB ms" "outcome"
python3 "$root/bench/genhostile.py" "$tmp/h1" 1048576 > "$tmp/h1.list"
python3 "$root/bench/genhostile.py" "$tmp/h8" 8388608 > "$tmp/h8.list"
while read -r name path cmd; do
	t1=$(ms timeout 120 "$bin" "$cmd" "$path")
	p8=$(awk -v n="$name" '$1 == n { print $2 }' "$tmp/h8.list")
	t8=$(ms timeout 120 "$bin" "$cmd" "$p8")
	outcome=$("$bin" "$cmd" "$p8" 2>&1 > /dev/null | head -n 1 | sed 's/^[^:]*: //; s/^[^ ]*html: //')
	printf '%-22s %-11s %9s %9s  %s\n' "$name" "$cmd" "$t1" "$t8" "${outcome:-parsed}"
done < "$tmp/h1.list"
if command -v xmllint > /dev/null; then
	# libxml2 alone, for scale: a quarter of the bomb (quadratic: 1/16 the time)
	python3 -c 'import sys; sys.stdout.write("<r " + " ".join("a%d=\"1\"" % i for i in range(20000)) + "/>")' \
	    > "$tmp/bomb20k.xml"
	t0=$(date +%s%N)
	timeout 60 xmllint --noout "$tmp/bomb20k.xml" > /dev/null 2>&1
	echo "for scale, xmllint --noout on 20,000 attributes (220 KB): $(( ($(date +%s%N) - t0) / 1000000 )) ms"
fi

echo "== extraction throughput"
# Release-sized documents (about 10 KB each), as the daemon extracts them
# and as a re-extraction of an archive would: 2,000 of them, one process.
mkdir -p "$tmp/releases"
python3 "$root/bench/gentext.py" 20 | split -C 10000 -d -a 4 - "$tmp/releases/r"
mb=$(du -cb "$tmp"/releases/r* | tail -n 1 | awk '{printf "%.2f", $1/1048576}')
read -r t_ex m_ex < <(run sh -c "'$bin' extract --date 2021-08-06 --lang en '$tmp'/releases/r* > /dev/null")
echo "extract: ${t_ex}s for ${mb} MB in $(ls "$tmp/releases" | wc -l) releases = $(awk "BEGIN{printf \"%.1f\", $mb/($t_ex+1e-9)}") MB/s, peak $(awk "BEGIN{printf \"%.1f\", $m_ex/1024}") MiB"
# Memory per input byte: one 8 MB text (below the observation cap), its
# peak resident size less that of an empty text (the binary, its
# libraries, the taxonomy), over its size.
python3 "$root/bench/gentext.py" 8 > "$tmp/big.txt"
: > "$tmp/empty.txt"
read -r t_big m_big < <(run "$bin" extract --date 2021-08-06 --lang en "$tmp/big.txt")
read -r _ m_empty < <(run "$bin" extract --date 2021-08-06 --lang en "$tmp/empty.txt")
size_big=$(stat -c %s "$tmp/big.txt")
echo "extract, one $(awk "BEGIN{printf \"%.1f\", $size_big/1e6}") MB text: ${t_big}s, peak $(awk "BEGIN{printf \"%.1f\", $m_big/1024}") MiB," \
    "$(awk "BEGIN{printf \"%.2f\", ($m_big-$m_empty)*1024/$size_big}") bytes per input byte above an empty text's $(awk "BEGIN{printf \"%.1f\", $m_empty/1024}") MiB"
# Texts that cost more than their size (bench/genxhostile.py) at 1x, 4x
# and 16x: linear is about 4x and 16x the first time.
printf '%-12s %9s %9s %9s %7s %7s\n' "shape" "256K ms" "1M ms" "4M ms" "4x/1x" "16x/1x"
python3 "$root/bench/genxhostile.py" "$tmp/x1" 262144 > "$tmp/x1.list"
python3 "$root/bench/genxhostile.py" "$tmp/x4" 1048576 > /dev/null
python3 "$root/bench/genxhostile.py" "$tmp/x16" 4194304 > /dev/null
while read -r name path; do
	t1=$(ms timeout 120 "$bin" extract --date 2021-08-06 --lang en "$path")
	t4=$(ms timeout 120 "$bin" extract --date 2021-08-06 --lang en "$tmp/x4/$name.txt")
	t16=$(ms timeout 120 "$bin" extract --date 2021-08-06 --lang en "$tmp/x16/$name.txt")
	printf '%-12s %9s %9s %9s %7s %7s\n' "$name" "$t1" "$t4" "$t16" \
	    "$(awk "BEGIN{printf \"%.1f\", $t4/($t1+1e-9)}")" "$(awk "BEGIN{printf \"%.1f\", $t16/($t1+1e-9)}")"
done < "$tmp/x1.list"

echo "== polls on a local nginx, side by side"
# One nginx serves every site: /p (1,000 feeds of 5 items linking 5,000
# release pages) and /n1000, /n5000 (feeds of 20 items that carry their
# release text: pages not fetched, the issue's first-poll bench).
mkdir -p "$tmp/www" "$tmp/nginx/tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$tmp/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http { include /etc/nginx/mime.types; access_log off; etag on;
	client_body_temp_path $tmp/nginx/tmp/b; proxy_temp_path $tmp/nginx/tmp/p;
	fastcgi_temp_path $tmp/nginx/tmp/f; uwsgi_temp_path $tmp/nginx/tmp/u; scgi_temp_path $tmp/nginx/tmp/s;
	server { listen 127.0.0.1:$port; root $tmp/www; } }
CONF
/usr/sbin/nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx"
sleep 0.5
# site NAME N [--no-pages]: its feeds, our configuration NAME.ini (a fresh
# state each time it is copied), an sfeedrc and an rss2email file.
site() {
	local name=$1 n=$2
	shift 2
	python3 "$root/bench/gensite.py" "$tmp/www/$name" "$n" "http://127.0.0.1:$port/$name" "$@" \
	    --sfeedrc "$tmp/$name.sfeedrc" --r2e "$tmp/$name.r2e" > "$tmp/$name.sources"
	{ printf '[daemon]\nstate = state.db\ninterval = 1h\nmax_parallel = 32\nper_host = 32\nlog_level = warning\n\n'
	  cat "$tmp/$name.sources"; } > "$tmp/$name.ini"
}
# fresh NAME: a new directory with NAME.ini and no state, printed
fresh() {
	local d
	d=$(mktemp -d "$tmp/run.XXXX")
	cp "$tmp/$1.ini" "$d/bench.ini"
	echo "$d"
}
# timed FILE CMD...: "wall cpu" seconds of one run into FILE's last line
timed() {
	local out=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$out" "$@" > /dev/null 2>> "$tmp/poll.log"
	awk 'END { printf "%.2f %.2f\n", $1, $2 + $3 }' "$out"
}
# syncs CMD...: fdatasync + fsync calls of a run (strace -f -c)
syncs() {
	strace -f -c -e trace=fdatasync,fsync -o "$tmp/strace.out" "$@" > /dev/null 2>> "$tmp/poll.log"
	awk '$NF == "fdatasync" || $NF == "fsync" { n += $4 } END { print n + 0 }' "$tmp/strace.out"
}
ratio() { awk "BEGIN{printf \"%.2f\", $1/($2+1e-9)}"; }

site p 1000
site n1000 1000 --no-pages
site n5000 5000 --no-pages
d=$(fresh p)
read -r w c < <(timed "$tmp/t" "$bin" once -c "$d/bench.ini")
echo "once, 1,000 feeds x 5 items + 5,000 pages: ${w} s wall, ${c} s CPU"

have_sfeed=0; command -v sfeed_update > /dev/null && have_sfeed=1
have_r2e=0; command -v r2e > /dev/null && have_r2e=1
for n in 1000 5000; do
	d=$(fresh "n$n")
	read -r w c < <(timed "$tmp/t" "$bin" once -c "$d/bench.ini")
	eval "ours_w$n=$w ours_c$n=$c ours_dir$n=$d"
	f=$(syncs "$bin" once -c "$(fresh "n$n")/bench.ini")
	eval "ours_f$n=$f"
	if [ "$have_sfeed" = 1 ]; then
		rm -rf "$tmp/www/n$n/sfeed"
		read -r w c < <(timed "$tmp/t" sfeed_update "$tmp/n$n.sfeedrc")
		eval "sf_w$n=$w sf_c$n=$c"
	fi
done
# The repeat poll: the same feeds again, all 304 for us; rss2email after
# a first run that stored its validators.
read -r rep_w rep_c < <(timed "$tmp/t" "$bin" once -c "$ours_dir1000/bench.ini")
rep_f=$(syncs "$bin" once -c "$ours_dir1000/bench.ini")
if [ "$have_r2e" = 1 ]; then
	r2e -c "$tmp/n1000.r2e" -d "$tmp/r2e.json" run --no-send > /dev/null 2>&1
	read -r r2e_w r2e_c < <(timed "$tmp/t" r2e -c "$tmp/n1000.r2e" -d "$tmp/r2e.json" run --no-send)
fi
# Idle: the daemon on that state (nothing due for an hour), 20 s.
"$bin" run -c "$ours_dir1000/bench.ini" > /dev/null 2>> "$tmp/poll.log" &
pid=$!
sleep 3
sw() { awk '/ctxt_switches/ { n += $2 } END { print n }' "/proc/$pid/status"; }
s0=$(sw)
sleep 20
idle_wake=$(( $(sw) - s0 ))
idle_mib=$(awk '/VmRSS/ { printf "%.1f", $2/1024 }' "/proc/$pid/status")
kill "$pid"
wait "$pid" 2> /dev/null

echo
echo "| poll (local nginx, same run) | rightswatch | peer | rightswatch / peer | target |"
echo "| --- | --- | --- | --- | --- |"
for n in 1000 5000; do
	eval "w=\$ours_w$n c=\$ours_c$n f=\$ours_f$n"
	if [ "$have_sfeed" = 1 ]; then
		eval "pw=\$sf_w$n pc=\$sf_c$n"
		echo "| first poll, $n feeds x 20 items, wall / CPU | $w s / $c s, $f fdatasync | sfeed_update $pw s / $pc s | $(ratio "$w" "$pw") (wall) | <= 0.3, <= 1 fdatasync a feed |"
	else
		echo "| first poll, $n feeds x 20 items, wall / CPU | $w s / $c s, $f fdatasync | sfeed not installed | - | <= 0.3 |"
	fi
done
echo "| 5,000 feeds / 1,000 feeds, wall | $(ratio "$ours_w5000" "$ours_w1000") | - | - | linear: about 5 |"
if [ "$have_r2e" = 1 ]; then
	echo "| repeat poll, 1,000 unchanged feeds (all 304) | $rep_w s, $rep_f fdatasync | rss2email $r2e_w s | $(ratio "$rep_w" "$r2e_w") | <= 0.15 |"
else
	echo "| repeat poll, 1,000 unchanged feeds (all 304) | $rep_w s, $rep_f fdatasync | rss2email not installed | - | <= 0.15 |"
fi
echo "| idle daemon, 1,000 sources, 20 s | $idle_wake wakeups, $idle_mib MiB | - | - | 0 wakeups |"

echo "== the dashboard on 10,000 releases and 100,000 figures (target: under 50 ms a page)"
"$root/bench/dash.sh" "$bin"
