#!/usr/bin/env bash
# Run every unit test program and every integration script, count their TAP
# results and print, as the last line, "N passed, N failed, N skipped".
#
# usage: tests/run.sh OUTDIR [PATTERN]   (OUTDIR is build or build/sanitize)
set -u
out=${1:-build}
pattern=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
export RW_BIN="$root/$out/rightswatch"
export RW_ROOT="$root"
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
logdir="$root/$out/test-logs"
mkdir -p "$logdir"
pass=0 fail=0 skip=0

count() { # name logfile status
	local name=$1 log=$2 status=$3 p=0 f=0 s=0 plan=0
	while IFS= read -r line; do
		case "$line" in
		"ok"*"# SKIP"* | "ok"*"# skip"* | "not ok"*"# SKIP"* | "not ok"*"# skip"*)
			# cmocka reports a skipped test as "not ok N # SKIP"
			s=$((s + 1)); echo "  skip $name: ${line#*# }" ;;
		"not ok"*) f=$((f + 1)); echo "  FAIL $name: ${line}" ;;
		"ok"*) p=$((p + 1)) ;;
		1..*) plan=${line#1..}; plan=${plan%% *} ;;
		esac
	done < "$log"
	local seen=$((p + f + s))
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "  FAIL $name: exited with status $status"; f=$((f + 1))
	elif [ "$plan" -gt "$seen" ] 2>/dev/null; then
		echo "  FAIL $name: planned $plan, ran $seen"; f=$((f + plan - seen))
	fi
	[ "$f" -eq 0 ] || { echo "  --- log of $name ($log), last lines:"; tail -n 40 "$log" | sed 's/^/  | /'; }
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	printf '%-40s %3d passed, %d failed, %d skipped\n' "$name" "$p" "$f" "$s"
}

for t in "$out"/tests/test_*; do
	[ -x "$t" ] || continue
	name=unit/$(basename "$t")
	[ -z "$pattern" ] || case "$name" in *$pattern*) ;; *) continue ;; esac
	log="$logdir/$(basename "$t").log"
	"$t" > "$log" 2>&1
	count "$name" "$log" $?
done

for t in tests/integration/t_*.sh; do
	[ -f "$t" ] || continue
	name=integration/$(basename "$t" .sh)
	[ -z "$pattern" ] || case "$name" in *$pattern*) ;; *) continue ;; esac
	log="$logdir/$(basename "$t" .sh).log"
	timeout 600 bash "$t" > "$log" 2>&1
	count "$name" "$log" $?
done

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
