#!/usr/bin/env bash
# Benchmarks (not tests): `make bench`. Prints timings and ratios.
#  1. parse-feed on a large generated RSS feed, next to sfeed and
#     python3-feedparser when they are installed;
#  2. extraction throughput (MB/s of release text, one core);
#  3. a `once` pass over 1,000 feeds served by a local nginx.
set -u
bin=${1:-build/rightswatch}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d /tmp/rw-bench.XXXXXX)
chmod 755 "$tmp" # nginx workers run unprivileged
trap 'kill $(cat "$tmp/nginx/nginx.pid" 2>/dev/null) 2>/dev/null; rm -rf "$tmp"' EXIT

secs() { # secs CMD... -> wall seconds of the best of 3 runs
	local best="" t
	for _ in 1 2 3; do
		/usr/bin/time -f %e -o "$tmp/time" "$@" > /dev/null 2>&1
		t=$(tail -n 1 "$tmp/time")
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
	done
	echo "$best"
}

echo "== parse-feed on a large feed"
python3 "$root/bench/genfeed.py" 10000 > "$tmp/big.rss"  # FEED_MAX_ITEMS: every item is parsed
size=$(du -m "$tmp/big.rss" | cut -f1)
t_rw=$(secs "$bin" parse-feed "$tmp/big.rss")
echo "rightswatch parse-feed: ${t_rw}s for ${size} MB (10,000 items)"
if command -v sfeed >/dev/null; then
	t_sf=$(secs sh -c "sfeed < '$tmp/big.rss'")
	echo "sfeed:                  ${t_sf}s  ratio rightswatch/sfeed = $(awk "BEGIN{printf \"%.2f\", $t_rw/($t_sf+1e-9)}")"
else
	echo "sfeed: not installed (apt-get install sfeed) — no ratio"
fi
# Debian's python3-feedparser belongs to /usr/bin/python3, which another
# python3 earlier on PATH may not see.
fp_py=""
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import feedparser' 2>/dev/null; then fp_py=$py; break; fi
done
if [ -n "$fp_py" ]; then
	t_fp=$(secs "$fp_py" -c "import feedparser,sys; feedparser.parse(open('$tmp/big.rss','rb').read())")
	echo "python3-feedparser:     ${t_fp}s  ratio feedparser/rightswatch = $(awk "BEGIN{printf \"%.1f\", $t_fp/($t_rw+1e-9)}")"
else
	echo "python3-feedparser: not installed (apt-get install python3-feedparser) — no ratio"
fi

echo "== extraction throughput"
# Release-sized documents (about 10 KB each), as the daemon extracts them
# and as a re-extraction of an archive would: 2,000 of them, one process.
mkdir -p "$tmp/releases"
python3 "$root/bench/gentext.py" 20 | split -C 10000 -d -a 4 - "$tmp/releases/r"
mb=$(du -cb "$tmp"/releases/r* | tail -n 1 | awk '{printf "%.2f", $1/1048576}')
t_ex=$(secs sh -c "'$bin' extract --date 2021-08-06 --lang en '$tmp'/releases/r* > /dev/null")
echo "extract: ${t_ex}s for ${mb} MB in $(ls "$tmp/releases" | wc -l) releases = $(awk "BEGIN{printf \"%.1f\", $mb/($t_ex+1e-9)}") MB/s"

echo "== once over 1,000 feeds on local nginx"
mkdir -p "$tmp/site" "$tmp/nginx/tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$root/bench/gensite.py" "$tmp/site" 1000 "http://127.0.0.1:$port" > "$tmp/sources.ini"
cat > "$tmp/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http { include /etc/nginx/mime.types; access_log off; etag on;
	client_body_temp_path $tmp/nginx/tmp/b; proxy_temp_path $tmp/nginx/tmp/p;
	fastcgi_temp_path $tmp/nginx/tmp/f; uwsgi_temp_path $tmp/nginx/tmp/u; scgi_temp_path $tmp/nginx/tmp/s;
	server { listen 127.0.0.1:$port; root $tmp/site; } }
CONF
/usr/sbin/nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx"
sleep 0.5
{ printf '[daemon]\nstate = state.db\ninterval = 1h\nmax_parallel = 32\nper_host = 32\nlog_level = warning\n\n'; cat "$tmp/sources.ini"; } > "$tmp/bench.ini"
start=$(date +%s.%N)
"$bin" once -c "$tmp/bench.ini" 2> "$tmp/once.log"
rc=$?
[ "$rc" -eq 0 ] || { echo "once failed:"; grep -v debug "$tmp/once.log" | head -n 5; }
end=$(date +%s.%N)
echo "once, 1,000 feeds x 5 items + 5,000 pages: $(awk "BEGIN{printf \"%.2f\", $end-$start}")s (exit $rc)"
start=$(date +%s.%N)
"$bin" once -c "$tmp/bench.ini" 2>> "$tmp/once.log"
end=$(date +%s.%N)
echo "second once (all 304): $(awk "BEGIN{printf \"%.2f\", $end-$start}")s"
