#!/usr/bin/env bash
# The installed service under a real systemd: a minimal Debian bookworm
# (mmdebstrap, cached in build/nspawn) booted with systemd-nspawn, the
# project installed into it with `make install`, a local feed served by
# nginx on the host's 127.0.0.1 (the container shares the host's network).
# An administrator's round: start (returns after READY), reload (a good file
# is taken, a broken one refused), the alert in /var/log/syslog through
# journald and rsyslog, the dynamic user owning the state, a hung loop
# killed by the watchdog and restarted, a clean stop.
#
# Needs root, user and mount namespaces, systemd-nspawn and mmdebstrap; it
# says "skipped" when the machine cannot, unless RW_REQUIRE_CONTAINER=1
# (set by .ci/run, whose machine can), where that is a failure. It runs with
# the plain build only: the sanitizers' runtime does not belong in a unit
# sandboxed with MemoryDenyWriteExecute and a system-call filter.
. "$(dirname "$0")/lib.sh"
# One skip, with its reason, when the test cannot run here.
skip_all() { plan 1; skip "$1"; exit 0; }
unable() {
	[ "${RW_REQUIRE_CONTAINER:-0}" = 1 ] && bail "cannot run the container test: $1"
	skip_all "$1"
}
case "$RW_BIN" in
*/sanitize/*) skip_all "runs with the plain build (make check), not under sanitizers" ;;
esac
[ "$(id -u)" = 0 ] || unable "needs root to boot a container"
command -v systemd-nspawn >/dev/null || unable "systemd-nspawn is not installed (systemd-container)"
command -v mmdebstrap >/dev/null || unable "mmdebstrap is not installed"
unshare -m -p -f -u true 2>/dev/null || unable "this machine cannot create namespaces"
plan 34

fix=$RW_ROOT/tests/fixtures/alerts

# ---- the root file system -------------------------------------------------------

# The run-time libraries of the binary, as Debian packages, so the image
# changes (and is rebuilt) when the binary's dependencies do.
libs=$(ldd "$RW_BIN" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' |
	while read -r f; do
		dpkg -S "$f" 2>/dev/null || dpkg -S "$(readlink -f "$f")" 2>/dev/null ||
			dpkg -S "/usr$f" 2>/dev/null
	done | cut -d: -f1 | sort -u | tr '\n' ,)
pkgs="systemd,systemd-sysv,dbus,rsyslog,${libs%,}"
# The host's own Debian mirror (it is the one this machine can reach).
mirror=$(sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
cache=${RW_NSPAWN_CACHE:-$RW_ROOT/build/nspawn}
key=$(printf '%s\n' "$pkgs" | sha256sum | cut -c1-16)
root=$cache/bookworm-$key
if [ ! -x "$root/lib/systemd/systemd" ]; then
	note "building the container's root in $root ($pkgs)"
	rm -rf "$root.tmp"
	mkdir -p "$cache"
	if ! mmdebstrap --variant=minbase --include="$pkgs" bookworm "$root.tmp" "$mirror" \
		> "$TMP/mmdebstrap.log" 2>&1; then
		tail -n 20 "$TMP/mmdebstrap.log" | sed 's/^/# /'
		bail "mmdebstrap could not build the root"
	fi
	# Keep one cached root: drop those of older package lists.
	find "$cache" -mindepth 1 -maxdepth 1 -name 'bookworm-*' ! -name "bookworm-$key*" \
		-exec rm -rf {} +
	mv "$root.tmp" "$root"
fi

# ---- what the administrator installs ----------------------------------------------

stage=$TMP/stage
make -s -C "$RW_ROOT" install DESTDIR="$stage" PREFIX=/usr/local > "$TMP/install.log" 2>&1 ||
	bail "make install failed: $(tail -n 3 "$TMP/install.log")"
site=$TMP/site
mkdir -p "$site/a" "$site/b"
cp -r "$fix/releases" "$site/releases"
cp "$fix/feed-2.rss" "$site/a/feed.rss"
cp "$fix/feed-1.rss" "$site/b/feed.rss"
nginx_start "$site" || bail "nginx did not start"
base=http://127.0.0.1:$NGINX_PORT
etc=$stage/etc/rightswatch
listen=$(free_port)

# config EXTRA: the administrator's /etc/rightswatch/rightswatch.ini, with
# the state where the installed file leaves it (the default, the unit's
# StateDirectory) and alerts to local syslog.
config() {
	cat > "$etc/rightswatch.ini" <<INI
[daemon]
baselines = baselines.csv
listen = $listen
interval = 1h
timeout = 10s
log_level = info

$(mission_sections "$base/a/feed.rss")
$MISSION_BASELINE

[notify syslog]
type = syslog
target = local
facility = daemon
$1
INI
	chmod 0644 "$etc/rightswatch.ini"
}
config ""
# feed_source NAME URL: one more feed, its releases read from their pages.
feed_source() { printf '\n[source %s]\nurl = %s\ntype = rss\nfetch_pages = always\ncatch_up = no\n' "$1" "$2"; }

# ---- boot ------------------------------------------------------------------------

setsid systemd-nspawn -b -D "$root" --register=no --keep-unit --volatile=overlay \
	--system-call-filter=bpf --console=read-only \
	--bind-ro="$stage/usr/local:/usr/local" --bind="$etc:/etc/rightswatch" \
	> "$TMP/boot.log" 2>&1 &
nspawn=$!
_pids+=($nspawn)
leader=
for i in $(seq 1 300); do
	leader=$(pgrep -P "$nspawn" -x systemd) && break
	kill -0 "$nspawn" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$leader" ]; then
	tail -n 20 "$TMP/boot.log" | sed 's/^/# /'
	[ "${RW_REQUIRE_CONTAINER:-0}" = 1 ] && bail "systemd-nspawn could not boot the container"
	for i in $(seq 1 33); do skip "systemd-nspawn could not boot the container"; done
	exit 0
fi

# In the container, as its root.
ct() { nsenter -t "$leader" -a "$@"; }
prop() { ct systemctl show -p "$1" --value rightswatch; }
booted() { case "$(ct systemctl is-system-running 2>/dev/null)" in running | degraded) return 0 ;; esac; return 1; }
journal() { ct journalctl -q -o cat -u rightswatch --no-pager 2>/dev/null; }
journal_has() { journal | grep -q -- "$1"; }
poweroff() {
	[ -n "$leader" ] && ct systemctl poweroff > /dev/null 2>&1
	for i in $(seq 1 100); do kill -0 "$nspawn" 2>/dev/null || return 0; sleep 0.1; done
	kill -9 "$nspawn" 2>/dev/null
}
trap 'poweroff; cleanup' EXIT

check "the container boots to a running system" wait_up_to 60 booted
if ! booted; then
	# Give the operator the container's view of why.
	ct systemctl --failed --no-pager 2>&1 | sed 's/^/# /'
fi

# ---- start -----------------------------------------------------------------------

check "systemctl start rightswatch succeeds" ct systemctl start rightswatch
# STATUS= is sent with READY=1, and a Type=notify unit is active only after
# READY: both hold the moment `systemctl start` returns.
check "start returned after READY=1: the unit is active" [ "$(prop ActiveState)" = active ]
status=$(prop StatusText)
note "StatusText: $status"
check "STATUS= was sent with READY=1" [ "${status#1 source: }" != "$status" ]
check "systemctl is-active says active" ct systemctl is-active --quiet rightswatch
check "/healthz from the sandboxed service: the loop runs, the database takes writes" \
	[ "$(curl -s --max-time 5 "http://127.0.0.1:$listen/healthz")" = ok ]
ct systemd-analyze verify --man=no rightswatch.service > "$TMP/verify.out" 2>&1
sed 's/^/# verify: /' "$TMP/verify.out"
check "systemd-analyze verify on the installed unit reports nothing" [ ! -s "$TMP/verify.out" ]
check "the unit's exposure is 1.5 or better under this systemd" \
	bash -c "nsenter -t $leader -a systemd-analyze security rightswatch 2>/dev/null |
	awk '/Overall exposure level/ { sub(/.*: /, \"\"); exit !(\$1 + 0 <= 1.5) }'"

# ---- the alert, through journald and rsyslog ---------------------------------------

syslog_has() { ct grep -q "$1" /var/log/syslog; }
check "the release crossing the threshold raises an alert in /var/log/syslog" \
	wait_up_to 30 syslog_has 'rightswatch.*event="alert".*country="Mali" indicator="abductions"'
in_journal() { ct journalctl -q -o cat --no-pager -t rightswatch | grep -q "$1"; }
check "the alert record went through journald" \
	wait_for in_journal 'event="alert".*country="Mali" indicator="abductions"'
check "exactly one alert record for the crossing" \
	[ "$(ct grep -c 'rightswatch.*event="alert".*country="Mali" indicator="abductions"' /var/log/syslog)" -eq 1 ]

# ---- the dynamic user and its state --------------------------------------------

pid=$(prop MainPID)
uid=$(ct awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
note "main pid $pid, uid $uid"
check "the daemon runs as a dynamic user, not root" [ -n "$uid" ] && [ "$uid" -ne 0 ]
check "the state directory belongs to the dynamic user" \
	[ "$(ct stat -c %u /var/lib/private/rightswatch)" = "$uid" ]
check "the database is in the state directory, the user's, mode 0600 (UMask=0077)" \
	[ "$(ct stat -c '%u %a' /var/lib/private/rightswatch/rightswatch.db)" = "$uid 600" ]
ct rightswatch status > "$TMP/status.out" 2>&1
sed 's/^/# status: /' "$TMP/status.out"
check "rightswatch status in a root shell reads the service's database" \
	grep -q '^releases  *ok ' "$TMP/status.out"
check "rightswatch alerts in a root shell lists the alert" \
	bash -c "nsenter -t $leader -a rightswatch alerts | grep -q 'mali-abductions'"

# ---- reload ------------------------------------------------------------------------

config "$(feed_source more "$base/b/feed.rss")"
ct systemctl reload rightswatch
status_has() { prop StatusText | grep -q "$1"; }
check "systemctl reload: a changed configuration takes effect" wait_for status_has '^2 sources'
check "the reload kept the process" [ "$(prop MainPID)" = "$pid" ]
printf '[daemon]\nintervall = 1h\n' > "$etc/rightswatch.ini"
ct systemctl reload rightswatch
check "a broken configuration is refused with its reason" wait_for journal_has "intervall"
check "the old configuration stays: still 2 sources, same process, active" \
	bash -c "[ \"\$(nsenter -t $leader -a systemctl show -p MainPID --value rightswatch)\" = $pid ] &&
	nsenter -t $leader -a systemctl is-active --quiet rightswatch"
check "the status still names the 2 sources" status_has '^2 sources'

# ---- the SMTP password, as a credential ----------------------------------------------

# The README's drop-in: LoadCredential= hands the root-only password file to
# the dynamic user; password_file reads it from $CREDENTIALS_DIRECTORY. A
# revised release (a higher figure) then raises an update, mailed with AUTH.
cp "$fix/feed-3.rss" "$site/c.rss"
chmod a+r "$site/c.rss"
smtp_start "$TMP/mail" --user rw-mailer --password 'n0t-in-the-ini' ||
	bail "the SMTP server did not start"
printf 'n0t-in-the-ini\n' > "$etc/smtp-password"
chmod 0600 "$etc/smtp-password"
config "$(feed_source more "$base/b/feed.rss")
$(feed_source revised "$base/c.rss")
[notify mail]
type = email
url = smtp://127.0.0.1:$SMTP_PORT
starttls = never
username = rw-mailer
password_file = \${CREDENTIALS_DIRECTORY}/smtp-password
from = rightswatch@alerts.example.org
to = ops@example.org"
ct mkdir -p /etc/systemd/system/rightswatch.service.d
ct sh -c 'cat > /etc/systemd/system/rightswatch.service.d/credentials.conf' <<'CONF'
[Service]
LoadCredential=smtp-password:/etc/rightswatch/smtp-password
CONF
ct systemctl daemon-reload
check "with the credential drop-in the service restarts" ct systemctl restart rightswatch
mailed() { [ -n "$(find "$TMP/mail" -name '*.json' 2>/dev/null)" ]; }
check "the update is mailed, authenticated with the credential's password" \
	wait_up_to 30 mailed
check "the SMTP server saw the credential's user" \
	grep -q '"auth": "rw-mailer"' "$TMP"/mail/*.json
check "the password is nowhere in the configuration" not grep -q n0t-in "$etc/rightswatch.ini"
check "status still works in a shell, which has no credentials" \
	bash -c "nsenter -t $leader -a rightswatch status | grep -q '^revised  *ok '"

# ---- the watchdog ------------------------------------------------------------------

# A drop-in makes the loop hang after the next feed response; a new source
# gives it one. systemd must kill the silent daemon and start it again.
config "$(feed_source more "$base/b/feed.rss")
$(feed_source hang "$base/b/feed.rss?hang")"
ct mkdir -p /etc/systemd/system/rightswatch.service.d
ct sh -c 'cat > /etc/systemd/system/rightswatch.service.d/hang.conf' <<'CONF'
[Service]
Environment=RIGHTSWATCH_CRASH_AT=hang_after_poll
WatchdogSec=3s
RestartSec=1s
LimitCORE=0
CONF
ct systemctl daemon-reload
restarts0=$(prop NRestarts)
ct systemctl restart rightswatch
check "the hang was reached" wait_for journal_has "hang_after_poll: the event loop stops here"
watchdog_fired() { journal_has "Watchdog timeout"; }
restarted() { [ "$(prop NRestarts)" -gt "$restarts0" ]; }
check "the watchdog killed the hung daemon" wait_up_to 30 watchdog_fired
check "Restart=on-failure started it again" wait_up_to 30 restarted
# The round it hung in was committed as unfinished before it began: the
# restarted daemon backs off from that source instead of hanging on it again.
check "the restarted daemon knows the hung round never finished" \
	wait_up_to 30 journal_has "its last round never finished (1 in a row"
ct rm /etc/systemd/system/rightswatch.service.d/hang.conf
ct systemctl daemon-reload
ct systemctl reset-failed rightswatch 2>/dev/null
ct systemctl restart rightswatch
check "without the hang it runs again" ct systemctl is-active --quiet rightswatch

# ---- stop --------------------------------------------------------------------------

check "systemctl stop succeeds" ct systemctl stop rightswatch
check "the stop was clean, within the timeout (Result=success)" [ "$(prop Result)" = success ]
check "the daemon logged its orderly stop" journal_has ": info: stopped$"
if [ "$_tap_failed" -ne 0 ]; then
	journal | tail -n 40 | sed 's/^/# journal: /'
fi
