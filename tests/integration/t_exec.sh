#!/usr/bin/env bash
# The exec destination through the binary (test-alert): the command gets
# PATH, LANG and the alert's RW_* variables, none of the service's
# environment (CREDENTIALS_DIRECTORY, NOTIFY_SOCKET ...); its output is
# captured, bounded, into what is reported; on timeout its whole process
# group is killed, a grandchild that ignores SIGTERM included.
. "$(dirname "$0")/lib.sh"
plan 8

cat > "$TMP/hook" <<'SH'
#!/bin/sh
env > "$1"
cat > /dev/null
echo "hook output: done"
SH
cat > "$TMP/stubborn" <<'SH'
#!/bin/sh
# A grandchild that ignores SIGTERM, then the command sleeps past its timeout.
sh -c 'trap "" TERM; echo $$ > "$1"; exec sleep 60' sh "$1" &
exec sleep 60
SH
cat > "$TMP/chatty" <<'SH'
#!/bin/sh
head -c 100000 /dev/zero | tr '\0' 'x'
SH
chmod 755 "$TMP/hook" "$TMP/stubborn" "$TMP/chatty"
cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db

[notify cmd]
type = exec
command = $TMP/hook $TMP/env.out

[notify stubborn]
type = exec
command = $TMP/stubborn $TMP/grandchild.pid
timeout = 1s

[notify chatty]
type = exec
command = $TMP/chatty
INI

CREDENTIALS_DIRECTORY=$TMP/creds NOTIFY_SOCKET=/run/systemd/notify RW_SECRET=leak \
	"$RW_BIN" test-alert -c "$TMP/rw.ini" cmd > "$TMP/cmd.out" 2>&1
check "the command ran (sent)" grep -q "^cmd (exec): sent" "$TMP/cmd.out"
check "its environment has no CREDENTIALS_DIRECTORY, NOTIFY_SOCKET nor other variable of the daemon" \
	sh -c "! grep -qE '^(CREDENTIALS_DIRECTORY|NOTIFY_SOCKET|RW_SECRET|HOME|USER)=' '$TMP/env.out'"
check "it has PATH, LANG and the alert's RW_* variables" \
	sh -c "grep -q '^PATH=' '$TMP/env.out' && grep -q '^LANG=' '$TMP/env.out' &&
	       grep -q '^RW_DESTINATION=cmd$' '$TMP/env.out' && grep -q '^RW_TEST=1$' '$TMP/env.out'"
# (PWD is the shell's own doing: sh sets it when it starts.)
check "nothing else: PATH, LANG and RW_* only" \
	test "$(grep -cvE '^(PATH|LANG|RW_[A-Z_]+|PWD)=' "$TMP/env.out")" = 0
check "its output is reported with the outcome" grep -q "sent: exit 0: hook output: done" "$TMP/cmd.out"

start=$(date +%s)
"$RW_BIN" test-alert -c "$TMP/rw.ini" stubborn > "$TMP/stubborn.out" 2>&1
check "a command past its timeout fails (timed out)" grep -q "FAILED: timed out" "$TMP/stubborn.out"
gc=$(cat "$TMP/grandchild.pid" 2>/dev/null)
gone() { [ ! -e "/proc/$1" ] || awk '{ exit !($3 == "Z") }' "/proc/$1/stat"; }
check "its grandchild that ignored SIGTERM is killed with the group (pid ${gc:-?})" \
	wait_for gone "${gc:-1}"

"$RW_BIN" test-alert -c "$TMP/rw.ini" chatty > "$TMP/chatty.out" 2>&1
check "100 KB of output: the report holds a bounded start of it" \
	test "$(wc -c < "$TMP/chatty.out")" -lt 1024
