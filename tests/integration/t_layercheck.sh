#!/usr/bin/env bash
# tests/layercheck.py, the checker `make layercheck` runs, on small trees
# written here: a clean tree passes, and each kind of problem (an upward
# include, an upward call, the pure core including libcurl, another
# family's private header, a header without a family, modules calling each
# other, headers including each other) is reported and fails. (The
# project's own tree is checked by `make check` itself, before the tests.)
# TAP output; run from the project root.
. "$(dirname "$0")/lib.sh"

plan 10
lc="$RW_ROOT/tests/layercheck.py"

# tree DIR: a clean tree of two families, base below net.
tree() {
	rm -rf "$1"
	mkdir -p "$1/daemon/base" "$1/daemon/net" "$1/include/rightswatch"
	printf '#ifndef A_H\n#define A_H\nint a_one(void);\n#endif\n' > "$1/include/rightswatch/a.h"
	printf '#ifndef N_H\n#define N_H\nint n_one(void);\n#endif\n' > "$1/include/rightswatch/n.h"
	printf '#include "rightswatch/a.h"\nint a_one(void) { return 1; }\n' > "$1/daemon/base/a.c"
	printf '#include "rightswatch/a.h"\n#include "rightswatch/n.h"\nint n_one(void) { return a_one(); }\n' \
		> "$1/daemon/net/n.c"
}

# objects DIR: compile every daemon/*/*.c of DIR into DIR/obj.
objects() {
	local c o
	for c in "$1"/daemon/*/*.c; do
		o="$1/obj/$(basename "$(dirname "$c")")/$(basename "$c" .c).o"
		mkdir -p "$(dirname "$o")"
		cc -c -I"$1/include" -o "$o" "$c" || return 1
	done
}

# reports DIR KIND [--objects]: the checker fails and reports KIND.
reports() {
	local d=$1 kind=$2
	shift 2
	python3 "$lc" "$@" "$d" > "$TMP/out" 2>&1
	local rc=$?
	sed 's/^/# /' "$TMP/out"
	[ "$rc" -eq 1 ] && grep -q "^$kind: " "$TMP/out"
}

t=$TMP/clean
tree "$t" && objects "$t"
python3 "$lc" --objects "$t/obj" "$t" > "$TMP/out" 2>&1
check "a clean tree passes (exit 0)" test $? -eq 0
check "... and says how many of each problem it found" \
	grep -qx 'layercheck: 0 upward, 0 upcall, 0 impure, 0 private, 0 unowned, 0 cycle' "$TMP/out"

t=$TMP/upward
tree "$t"
printf '#include "rightswatch/n.h"\n' >> "$t/daemon/base/a.c"
check "base including net's header is an upward include" reports "$t" upward

t=$TMP/upcall
tree "$t"
printf 'int n_one(void);\nint a_two(void);\nint a_two(void) { return n_one(); }\n' >> "$t/daemon/base/a.c"
objects "$t"
check "base calling net's function is an upward call" reports "$t" upcall --objects "$t/obj"

t=$TMP/impure
tree "$t"
printf '#include <curl/curl.h>\n' >> "$t/daemon/base/a.c"
check "the pure core including libcurl is reported" reports "$t" impure
tree "$t"
printf '#include <curl/curl.h>\n#include <event2/event.h>\n#include <syslog.h>\n' >> "$t/daemon/net/n.c"
python3 "$lc" "$t" > "$TMP/out" 2>&1
check "... but not the network family" grep -q ' 0 impure' "$TMP/out"

t=$TMP/private
tree "$t"
printf 'int a_secret(void);\n' > "$t/daemon/base/a_int.h"
printf '#include "../base/a_int.h"\n' >> "$t/daemon/net/n.c"
check "another family's private header is reported" reports "$t" private

t=$TMP/unowned
tree "$t"
printf 'int z(void);\n' > "$t/include/rightswatch/orphan.h"
check "a public header without a family is reported" reports "$t" unowned

t=$TMP/cycle
tree "$t"
printf 'int b_one(void);\nint a_two(int n);\nint a_two(int n) { return n ? b_one() : 0; }\n' >> "$t/daemon/base/a.c"
printf 'int a_two(int n);\nint b_one(void);\nint b_one(void) { return a_two(0); }\n' > "$t/daemon/base/b.c"
objects "$t"
check "modules calling each other are a cycle" reports "$t" cycle --objects "$t/obj"

t=$TMP/hcycle
tree "$t"
printf '#include "rightswatch/n.h"\n' >> "$t/include/rightswatch/a.h"
printf '#include "rightswatch/a.h"\n' >> "$t/include/rightswatch/n.h"
check "headers including each other are a cycle" reports "$t" cycle
