#!/usr/bin/env bash
# once reports (issue 12, item 5), through the binary against nginx and a
# port where nothing listens: the closing summary names each source's
# round (read, not modified, failed with its reason, skipped and why), the
# releases, figures, alerts and deliveries; a source backing off is skipped,
# not failed; --force polls it; the exit status says some (1) or all (3)
# failed; --json gives numbers and objects.
. "$(dirname "$0")/lib.sh"
plan 17

mission_site a b || bail "nginx did not start"
mission_feed a 2
mission_feed b 1
dead=$(free_port)   # nothing listens there
# sources NAME...: sections for the sources named (a, b: nginx; dead:
# refused). b is reached as localhost, so that its releases are other
# documents than a's (a release is one document per URL).
sources() {
	local s
	for s in "$@"; do
		case $s in
		dead) printf '\n[source dead]\nurl = http://127.0.0.1:%s/feed.rss\n' "$dead" ;;
		a) printf '\n[source a]\nurl = http://127.0.0.1:%s/a/feed.rss\nfetch_pages = always\n' \
			"$NGINX_PORT" ;;
		b) printf '\n[source b]\nurl = http://localhost:%s/b/feed.rss\nfetch_pages = always\n' \
			"$NGINX_PORT" ;;
		esac
	done
}
config() { # NAME SOURCE...
	local name=$1
	shift
	cat > "$TMP/$name.ini" <<INI
[daemon]
state = $name.db
user_agent = rightswatch-test/1 (+https://example.invalid/contact)
timeout = 5s
$(sources "$@")

[country Mali]
terms = Mali, MINUSMA, Mopti, Ségou

[threshold many-abductions]
indicator = abductions
country = Mali
compare = value
above = 50

[notify collector]
type = syslog
target = udp://127.0.0.1:$(free_port)
INI
}
once() { # NAME LOG [ARGS...]
	local name=$1 log=$2
	shift 2
	"$RW_BIN" once "$@" -c "$TMP/$name.ini" > "$TMP/$log.out" 2> "$TMP/$log.err"
}

config m a b dead
# b alerts from its first read (98 and 61 abductions, both above 50), a catches up.
sed -i '/^\[source b\]$/a catch_up = no' "$TMP/m.ini"
once m m1
check "one source of three failed: once exits 1" test $? -eq 1
sed 's/^/# /' "$TMP/m1.out"
check "the summary counts the sources by outcome" \
	grep -q '^Sources: 3: 2 read, 0 not modified, 1 failed, 0 skipped$' "$TMP/m1.out"
check "the catch-up says what it read" grep -qE '^  a +read +caught up: 2 releases, 3 figures' "$TMP/m1.out"
check "a read source says its releases, figures and alerts" \
	grep -qE '^  b +read +200, 1 items, 1 new; 1 new release, 0 revised, 2 figures, 2 alerts$' "$TMP/m1.out"
check "the failed source says why" grep -qE '^  dead +FAILED +.*(connect|refused)' "$TMP/m1.out"
check "the totals: releases, figures, alerts, deliveries" \
	test "$(grep -E '^(Releases|Figures|Alerts raised|Deliveries):' "$TMP/m1.out" | tr '\n' '|')" = \
	"Releases: 3 new, 0 revised|Figures: 5|Alerts raised: 2|Deliveries: 2 done, 0 failed, 0 waiting|"

once m m2
check "the next cycle: the failed source backs off and is skipped, not failed: exit 0" test $? -eq 0
check "... skipped, and why" grep -qE '^  dead +skipped +backing off after errors until ' "$TMP/m2.out"
check "... the others not modified" \
	grep -q '^Sources: 3: 0 read, 2 not modified, 0 failed, 1 skipped$' "$TMP/m2.out"

once m m3 --force
check "--force polls the source backing off: it fails again, exit 1" test $? -eq 1
check "... counted as failed, not skipped" \
	grep -q '^Sources: 3: 0 read, 2 not modified, 1 failed, 0 skipped$' "$TMP/m3.out"

config d dead
once d d1
check "the only source failed: once exits 3 (all failed)" test $? -eq 3
check "... and the summary says so" grep -q '^Sources: 1: 0 read, 0 not modified, 1 failed, 0 skipped$' "$TMP/d1.out"

config j a dead
once j j1 --json
check "--json, some failed: exit 1" test $? -eq 1
python3 - "$TMP/j1.out" > "$TMP/fields" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
a = s["sources"][0]
print(s["exit_status"], s["outcomes"]["read"], s["outcomes"]["failed"], a["name"], a["outcome"],
      a["caught_up"], type(a["figures"]).__name__, s["releases"]["new"], s["figures"],
      s["deliveries"]["waiting"], s["sources"][1]["outcome"])
PY
check "--json: one object, numbers and objects ($(cat "$TMP/fields"))" \
	test "$(cat "$TMP/fields")" = "1 1 1 a read True int 2 3 0 failed"
"$RW_BIN" once --help > "$TMP/help" 2>&1
check "once --help names --alert-backlog, --force and --json" \
	grep -q 'once \[--alert-backlog\] \[--force\] \[--json\] \[-c FILE\]' "$TMP/help"
"$RW_BIN" once --bogus -c "$TMP/m.ini" > /dev/null 2>&1
check "an unknown option: exit 2" test $? -eq 2
