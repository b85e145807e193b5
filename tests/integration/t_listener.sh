#!/usr/bin/env bash
# The metrics listener is bounded: run with a low `ulimit -n`, a client
# that opens connections until the daemon has no descriptor left gets
# accept paused, not a spinning loop and millions of log lines; idle
# connections are closed after the header timeout; at most 32 are open
# at once; the listener serves again as soon as descriptors come back.
. "$(dirname "$0")/lib.sh"
plan 9

command -v curl >/dev/null || { for i in $(seq 1 9); do skip "curl is not installed"; done; exit 0; }

# config PORT: only the listener works; the one source (run needs one)
# is a port where nothing listens, polled once at start and then not for
# an hour.
config() {
	cat > "$TMP/rw.ini" <<INI
[daemon]
state = state.db
interval = 1h
listen = 127.0.0.1:$1
[source nowhere]
url = http://127.0.0.1:$(free_port)/feed.xml
INI
}
# cpu PID: the process's CPU time so far, in clock ticks.
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# hold PORT N SECONDS FILE: open N connections, send nothing, keep them
# SECONDS; write to FILE how many were accepted and then closed by the
# daemon before that (recv returned EOF).
hold() {
	python3 - "$@" <<'PY' &
import socket, sys, time
port, n, secs, out = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
socks = []
for _ in range(n):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        socks.append(s)
    except OSError:
        s.close()
end = time.time() + secs
closed = 0
for s in socks:
    s.settimeout(max(0.01, end - time.time()))
    try:
        if s.recv(1) == b"":
            closed += 1
    except OSError:
        pass
open(out, "w").write("%d %d\n" % (len(socks), closed))
PY
}

# ---- EMFILE: 40 descriptors in all, 60 connections ---------------------------------

port=$(free_port)
config "$port"
(ulimit -n 40; exec "$RW_BIN" run -c "$TMP/rw.ini") 2> "$TMP/emfile.log" &
pid=$!
_pids+=($pid)
wait_port "$port" || bail "the listener did not start"
curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/metrics"
hold "$port" 60 14 "$TMP/held"
holder=$!
_pids+=($holder)
wait_for grep -q "listener: accept: Too many open files" "$TMP/emfile.log"
check "accept fails with EMFILE (the descriptors are gone)" \
	grep -q "listener: accept: Too many open files" "$TMP/emfile.log"
c0=$(cpu "$pid")
sleep 4
c1=$(cpu "$pid")
note "CPU time over 4 s of EMFILE: $((c1 - c0)) ticks"
check "the loop does not spin while accept fails (under 1 s of CPU in 4 s)" \
	test "$((c1 - c0))" -lt 100
check "the failure is logged once, not once per loop turn" \
	test "$(grep -c 'listener:' "$TMP/emfile.log")" -le 2
check "the daemon still answers signals and stays up" kill -0 "$pid"
wait "$holder"
read -r opened closed < "$TMP/held"
note "held $opened connections; the daemon closed $closed idle ones"
check "idle connections are closed after the header timeout" test "$closed" -ge 20
check "with descriptors back, /metrics answers 200" \
	test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/metrics")" = 200
kill "$pid"
check "SIGTERM stops it cleanly" stopped_within 10 "$pid"

# ---- the cap: at most 32 connections, the rest wait ---------------------------------

port=$(free_port)
config "$port"
"$RW_BIN" run -c "$TMP/rw.ini" 2> "$TMP/cap.log" &
pid=$!
_pids+=($pid)
wait_port "$port" || bail "the listener did not start"
fds0=$(ls "/proc/$pid/fd" | wc -l)
hold "$port" 45 12 "$TMP/held2"
holder=$!
_pids+=($holder)
wait_for grep -q "as many connections open as allowed" "$TMP/cap.log"
sleep 1
fds1=$(ls "/proc/$pid/fd" | wc -l)
note "descriptors: $fds0 before, $fds1 with 45 connections waiting"
check "no more than 32 connections are taken at once" test "$((fds1 - fds0))" -le 32
check "a request waiting behind the cap is served once idle ones time out" \
	test "$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 "http://127.0.0.1:$port/healthz")" = 200
wait "$holder"
kill "$pid"
stopped_within 10 "$pid"
