#!/usr/bin/env bash
# The systemd unit as a file, and `make install`: systemd-analyze verify
# reports nothing but the binary not being installed (verify exits 0 even on
# unknown keys, so its stderr is read); the offline security rating is 1.5
# or better; a staged install puts every file in place, rewrites the unit's
# paths for its PREFIX and never overwrites an administrator's configuration.
. "$(dirname "$0")/lib.sh"
plan 12

unit=$RW_ROOT/systemd/rightswatch.service
if ! command -v systemd-analyze >/dev/null; then
	for i in $(seq 1 4); do skip "systemd-analyze is not installed (package systemd)"; done
else
	# The Documentation= pages are looked up with man(1): lay ours out.
	mkdir -p "$TMP/man/man5" "$TMP/man/man8"
	cp "$RW_ROOT"/man/*.8 "$TMP/man/man8/"
	cp "$RW_ROOT"/man/*.5 "$TMP/man/man5/" 2>/dev/null
	verify() { # FILE: what verify says, minus the binary not being installed
		MANPATH=$TMP/man systemd-analyze verify "$1" 2>&1 |
			grep -v "Command /usr/local/bin/rightswatch is not executable"
	}
	verify "$unit" > "$TMP/verify.out"
	sed 's/^/# verify: /' "$TMP/verify.out"
	check "systemd-analyze verify: nothing but the missing binary" [ ! -s "$TMP/verify.out" ]
	sed 's/^\[Service\]$/[Service]\nRestartSecs=30s/' "$unit" > "$TMP/rightswatch.service"
	check "an unknown key is reported (the check reads verify's stderr)" \
		grep -q "RestartSecs" <(verify "$TMP/rightswatch.service")

	systemd-analyze security --offline=yes "$unit" > "$TMP/security.out" 2>&1
	level=$(sed -n 's/.*Overall exposure level for rightswatch.service: \([0-9.]*\).*/\1/p' \
		"$TMP/security.out")
	note "exposure level: ${level:-unknown}"
	check "systemd-analyze security --offline=yes rates the unit 1.5 or better" \
		awk -v l="${level:-99}" 'BEGIN { exit !(l + 0 <= 1.5) }'
	check "the shipped unit loads no credential (it starts without a password)" \
		not grep -q '^LoadCredential' "$unit"
fi

# ---- make install ------------------------------------------------------------

dest=$TMP/dest
make -s -C "$RW_ROOT" install DESTDIR="$dest" PREFIX=/usr > "$TMP/install.log" 2>&1
check "make install DESTDIR=... PREFIX=/usr succeeds" [ $? -eq 0 ]
check "the binary, in PREFIX/bin" [ -x "$dest/usr/bin/rightswatch" ]
check "the unit, in PREFIX/lib/systemd/system, mode 0644" \
	[ "$(stat -c %a "$dest/usr/lib/systemd/system/rightswatch.service" 2>/dev/null)" = 644 ]
check "the unit's commands point at PREFIX/bin" \
	[ "$(grep -c '^ExecStart.*=/usr/bin/rightswatch ' "$dest/usr/lib/systemd/system/rightswatch.service")" -eq 2 ]
check "both manual pages" \
	[ -f "$dest/usr/share/man/man8/rightswatch.8" -a -f "$dest/usr/share/man/man5/rightswatch.ini.5" ]
check "the configuration and the baselines, in /etc/rightswatch" \
	[ -f "$dest/etc/rightswatch/rightswatch.ini" -a -f "$dest/etc/rightswatch/baselines.csv" ]
check "the installed configuration leaves state to its default, the state directory" \
	not grep -q '^state' "$dest/etc/rightswatch/rightswatch.ini"
echo "; edited by the administrator" >> "$dest/etc/rightswatch/rightswatch.ini"
make -s -C "$RW_ROOT" install DESTDIR="$dest" PREFIX=/usr > "$TMP/install2.log" 2>&1
check "a second install keeps the administrator's configuration" \
	grep -q "edited by the administrator" "$dest/etc/rightswatch/rightswatch.ini"
