# Shared helpers for the integration scripts (sourced, bash). Each script
# prints TAP ("1..N", "ok N - ...", "not ok N - ...", "ok N # SKIP why") and
# runs its servers on 127.0.0.1 in a private temporary directory, removed on exit.
#
# $RW_BIN is the binary under test, $RW_ROOT the project root (tests/run.sh sets both).

set -u
RW_BIN=${RW_BIN:-$PWD/build/rightswatch}
RW_ROOT=${RW_ROOT:-$PWD}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rw-test.XXXXXX")
# nginx's workers drop root privileges: let them read what the tests serve.
chmod 755 "$TMP"
_tap_n=0
_tap_failed=0
_pids=()

cleanup() {
	local p
	for p in "${_pids[@]:-}"; do
		[ -n "$p" ] && kill "$p" 2>/dev/null
	done
	for p in "${_pids[@]:-}"; do
		[ -n "$p" ] && wait "$p" 2>/dev/null
	done
	if [ "${KEEP_TMP:-0}" = 1 ] || [ "$_tap_failed" -ne 0 ]; then
		echo "# files kept in $TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT

plan() { echo "1..$1"; }
ok() { # ok CONDITION-EXIT-STATUS DESCRIPTION  (use: check "desc" cmd...)
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_tap_n - $2"; else echo "not ok $_tap_n - $2"; _tap_failed=1; fi
}
check() { # check DESCRIPTION COMMAND...
	local d=$1
	shift
	if "$@"; then ok 0 "$d"; else ok 1 "$d"; fi
}
# stopped_within SECONDS PID: the process ends in time (it is not killed).
stopped_within() {
	local i
	for i in $(seq 1 $(($1 * 10))); do
		kill -0 "$2" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

# mission_sections FEED-URL: the mission's configuration (tests/fixtures/
# alerts): one source of Mali releases, the country, and the threshold on
# abductions against the prior year's total. The source alerts from its
# first read (catch_up = no): the tests that use it follow each alert, and
# catch-up has its own (t_catchup).
mission_sections() {
	cat <<INI
[source releases]
url = $1
type = rss
fetch_pages = always
catch_up = no

[country Mali]
terms = Mali, Malian, MINUSMA, Bamako, Gao, Mopti, Ségou, Kidal, Ménaka

[threshold mali-abductions]
indicator = abductions
country = Mali
compare = prior_year_total
severity = critical
INI
}
# mission_mail: a [notify mail] section sending to smtp_start's server.
mission_mail() {
	cat <<INI

[notify mail]
type = email
url = smtp://127.0.0.1:$SMTP_PORT
starttls = never
from = rightswatch@alerts.example.org
to = ops@example.org
timeout = 10s
INI
}
# The 2020 total as an operator configures it.
MISSION_BASELINE='
[baseline mali-2020]
country = Mali
indicator = abductions
period = 2020
value = 98
source = test fixture: the 2020 total of release 1'

# mission_site DIR...: nginx serving the mission's releases
# (tests/fixtures/alerts/releases) under /releases and an empty /DIR/ for
# each feed; sets MISSION_SITE (and NGINX_PORT). mission_feed DIR N makes
# fixture feed-N.rss the feed /DIR/feed.rss (as a site that publishes).
mission_site() {
	MISSION_SITE=$TMP/site
	mkdir -p "$MISSION_SITE"
	cp -r "$RW_ROOT/tests/fixtures/alerts/releases" "$MISSION_SITE/releases"
	local d
	for d in "$@"; do mkdir -p "$MISSION_SITE/$d"; done
	nginx_start "$MISSION_SITE"
}
mission_feed() {
	cp "$RW_ROOT/tests/fixtures/alerts/feed-$2.rss" "$MISSION_SITE/$1/feed.rss"
	chmod a+r "$MISSION_SITE/$1/feed.rss"
}

# not COMMAND...: succeeds when COMMAND fails (for check, which runs a command).
not() { ! "$@"; }
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $1"; }
bail() { echo "Bail out! $*"; exit 1; }
note() { echo "# $*"; }

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Wait until 127.0.0.1:PORT accepts connections (at most ~10 s).
wait_port() {
	local i
	for i in $(seq 1 100); do
		python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$1)))" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# nginx_start DOCROOT [DIRECTIVES]: Debian's nginx on a free port with its
# own config, serving DOCROOT with ETag, Last-Modified and gzip, with
# DIRECTIVES (e.g. "location = /x { return 302 URL; }") in its server
# block; sets NGINX_PORT and NGINX_LOG (one line a request: method uri
# status if-none-match if-modified-since accept-encoding user-agent).
nginx_start() {
	local root=$1 extra=${2:-} dir=$TMP/nginx
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || return 1
	mkdir -p "$dir/tmp"
	chmod -R a+rX "$root"
	NGINX_PORT=$(free_port)
	NGINX_LOG=$dir/access.log
	cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
daemon off;
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	types { application/feed+json jsonfeed; }
	default_type application/octet-stream;
	log_format rw '\$request_method \$request_uri \$status "\$http_if_none_match" "\$http_if_modified_since" "\$http_accept_encoding" "\$http_user_agent"';
	access_log $NGINX_LOG rw;
	client_body_temp_path $dir/tmp/body;
	proxy_temp_path $dir/tmp/proxy;
	fastcgi_temp_path $dir/tmp/fastcgi;
	uwsgi_temp_path $dir/tmp/uwsgi;
	scgi_temp_path $dir/tmp/scgi;
	etag on;
	gzip on;
	gzip_min_length 0;
	gzip_types application/rss+xml application/atom+xml application/xml text/xml application/feed+json;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $root;
		$extra
	}
}
CONF
	/usr/sbin/nginx -c "$dir/nginx.conf" -p "$dir" &
	_pids+=($!)
	wait_port "$NGINX_PORT"
}

# port_from FILE: the port a server printed as the first line of FILE
# (waiting up to ~10 s for it); nothing when it did not.
port_from() {
	local i
	for i in $(seq 1 100); do
		[ -s "$1" ] && break
		sleep 0.1
	done
	head -n 1 "$1" 2>/dev/null
}

# canary_start: a listener on a free port that must never be reached: it
# counts the connections it accepts (closing each at once) in CANARY_LOG,
# one line each; sets CANARY_PORT. accepts_on_canary prints the count.
canary_start() {
	CANARY_LOG=$TMP/canary.log
	: > "$CANARY_LOG"
	python3 -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(64)
print(s.getsockname()[1], flush=True)
while True:
    c, _ = s.accept()
    with open(sys.argv[1], "a") as f:
        f.write("accept\n")
    c.close()
' "$CANARY_LOG" > "$TMP/canary.port" &
	_pids+=($!)
	CANARY_PORT=$(port_from "$TMP/canary.port")
	[ -n "$CANARY_PORT" ]
}
accepts_on_canary() {
	wc -l < "$CANARY_LOG" | tr -d ' '
}

# requests_for URI-REGEX: how many requests nginx logged for matching URIs.
requests_for() {
	grep -cE "^GET $1 " "$NGINX_LOG" 2>/dev/null || true
}

# sql DB QUERY: one query against the daemon's database.
sql() {
	sqlite3 -batch -noheader "$1" "$2"
}

# fault_start [SCRIPT]: tests/servers/faultserver.py on a free port; sets
# FAULT_PORT and FAULT_LOG (one JSON line a request).
fault_start() {
	local n=${FAULT_N:-0}
	FAULT_N=$((n + 1))
	FAULT_LOG=$TMP/fault$n.log
	: > "$FAULT_LOG"
	python3 "$RW_ROOT/tests/servers/faultserver.py" --log "$FAULT_LOG" \
		${1:+--script "$1"} > "$TMP/fault$n.port" &
	_pids+=($!)
	FAULT_PORT=$(port_from "$TMP/fault$n.port")
	[ -n "$FAULT_PORT" ] && wait_port "$FAULT_PORT"
}

# hits LOG ROUTE-REGEX: requests the fault server logged for matching paths.
hits() {
	python3 - "$1" "$2" <<'PY'
import json, re, sys
n = 0
for line in open(sys.argv[1]):
    if re.search(sys.argv[2], json.loads(line)["path"]):
        n += 1
print(n)
PY
}

# wait_for CMD...: poll a condition for up to 10 s.
wait_for() {
	wait_up_to 10 "$@"
}

# wait_up_to SECONDS COMMAND...: the same, for slower things (a booting
# container).
wait_up_to() {
	local i n=$(($1 * 10))
	shift
	for i in $(seq 1 "$n"); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# Debian's python3, where python3-aiosmtpd lives (a python3 earlier on PATH
# may not see it).
SMTP_PY=/usr/bin/python3

# smtp_start MAILDIR [--port N] [--fail-first N] ...: tests/servers/smtpserver.py
# saving each message in MAILDIR; sets SMTP_PORT. Fails when it did not start.
smtp_start() {
	local dir=$1 log
	shift
	log=$TMP/smtp-$(basename "$dir")
	mkdir -p "$dir"
	: > "$log.port"
	$SMTP_PY "$RW_ROOT/tests/servers/smtpserver.py" --maildir "$dir" "$@" \
		> "$log.port" 2> "$log.err" &
	_pids+=($!)
	SMTP_PORT=$(port_from "$log.port")
	[ -n "$SMTP_PORT" ] && wait_port "$SMTP_PORT"
}
