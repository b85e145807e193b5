#!/usr/bin/env bash
# The manual pages: groff and man render both without a warning; every
# command that `rightswatch --help` lists is in rightswatch(8)'s synopsis
# with the same options, and answers --help; `--version` is the version
# both pages carry; the example of rightswatch.ini(5) is a valid file.
# (That every key the parser accepts is in rightswatch.ini(5) is
# tests/unit/test_config_keys.c.) TAP output; run from the project root.
. "$(dirname "$0")/lib.sh"

pages="man/rightswatch.8 man/rightswatch.ini.5"
plan 17

for p in $pages; do
	groff -man -ww -z "$p" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	check "groff -man -ww -z $p: exit 0, nothing on stderr" \
		test "$rc" -eq 0 -a ! -s "$TMP/err"
	sed 's/^/# /' "$TMP/err"
	LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man -l "$p" > "$TMP/out" 2> "$TMP/err"
	rc=$?
	name=$(basename "$p")
	check "man -l $p renders its NAME section, nothing on stderr" \
		test "$rc" -eq 0 -a ! -s "$TMP/err" -a -n "$(grep -A1 '^NAME' "$TMP/out" | grep -F "${name%.*} ")"
	sed 's/^/# /' "$TMP/err"
done

# The synopsis lines of --help, without "rightswatch ", and the commands
# they name ("baseline list" for the baseline verbs, "source reset").
"$RW_BIN" --help > "$TMP/help"
check "rightswatch --help exits 0" test $? -eq 0
sed -n 's/^  rightswatch //p' "$TMP/help" > "$TMP/synopses"
# as many commands as main.c's dispatch table holds
ncmd=$(grep -c '^	{ "[a-z-]*", cli_' "$RW_ROOT/daemon/cli/main.c")
check "rightswatch --help lists the $ncmd commands of the dispatch table" \
	test "$(awk '{print $1}' "$TMP/synopses" | sort -u | wc -l)" -eq "$ncmd"

help_cmd() { # a synopsis line -> its command
	awk '{ print ($1 == "baseline" || $1 == "silence" || $1 == "source" ? $1 " " $2 : $1) }' <<< "$1"
}
help_opts() { # a synopsis line -> its options, one a line, sorted
	grep -oE '\[--?[a-z][a-z-]*' <<< "$1" | tr -d '[' | sort -u
}
# The SYNOPSIS of rightswatch(8), one entry a line: "COMMAND<TAB>-c --base ...".
awk '
	/^\.Sh SYNOPSIS/ { in_syn = 1; next }
	/^\.Sh / { in_syn = 0 }
	!in_syn { next }
	/^\.Nm/ { if (cmd != "") print cmd "\t" opts; cmd = ""; opts = ""; next }
	/^\.Cm / { if (cmd == "") { sub(/^\.Cm /, ""); cmd = $0 }; next }
	/^\.Op Fl / { opts = opts " -" $3 }
	END { if (cmd != "") print cmd "\t" opts }
' man/rightswatch.8 > "$TMP/page"
page_opts() { # a command -> its options in the page, one a line, sorted
	awk -F'\t' -v c="$1" '$1 == c { print $2 }' "$TMP/page" | tr ' ' '\n' | grep . | sort -u
}

missing="" differ="" nohelp=""
while IFS= read -r line; do
	cmd=$(help_cmd "$line")
	if ! awk -F'\t' -v c="$cmd" '$1 == c { f = 1 } END { exit !f }' "$TMP/page"; then
		missing="$missing [$cmd]"
		continue
	fi
	[ "$(help_opts "$line")" = "$(page_opts "$cmd")" ] || {
		differ="$differ [$cmd]"
		note "$cmd: --help has $(help_opts "$line" | tr '\n' ' ')but the page $(page_opts "$cmd" | tr '\n' ' ')"
	}
	"$RW_BIN" ${cmd%% *} --help > "$TMP/one" 2>&1 &&
		grep -qF "rightswatch $line" "$TMP/one" || nohelp="$nohelp [$cmd]"
done < "$TMP/synopses"
check "every command of --help is in rightswatch(8)'s SYNOPSIS${missing:+ (missing:$missing)}" \
	test -z "$missing"
check "each takes the same options in --help and in the page${differ:+ (differ:$differ)}" \
	test -z "$differ"
check "each command's --help prints its usage and exits 0${nohelp:+ (not:$nohelp)}" \
	test -z "$nohelp"
extra=$(cut -f1 "$TMP/page" | while IFS= read -r c; do
	grep -q "^$c\( \|$\)" "$TMP/synopses" || printf ' [%s]' "$c"
done)
check "every command of the page's SYNOPSIS is in --help${extra:+ (not:$extra)}" \
	test -z "$extra"

version=$("$RW_BIN" --version)
check "rightswatch --version exits 0 with 'rightswatch VERSION'" \
	test $? -eq 0 -a -n "$(grep -E '^rightswatch [0-9]+\.[0-9]+\.[0-9]+$' <<< "$version")"
for p in $pages; do
	os=$(sed -n 's/^\.Os //p' "$p")
	check "$p carries the binary's version (.Os $os, --version $version)" \
		test "$os" = "$version"
done

# The example configuration of rightswatch.ini(5), with the files it names.
awk '/^\.Sh EXAMPLES/ { ex = 1 } ex && /^\.Bd -literal/ { b = 1; next }
	b && /^\.Ed/ { exit } b' man/rightswatch.ini.5 > "$TMP/example.ini"
cp config/baselines.csv "$TMP/"
(umask 077; echo example-password > "$TMP/smtp-password")
CREDENTIALS_DIRECTORY=$TMP "$RW_BIN" check -c "$TMP/example.ini" > "$TMP/out" 2> "$TMP/err"
check "the EXAMPLES configuration of rightswatch.ini(5) passes check" \
	test $? -eq 0 -a ! -s "$TMP/err"
sed 's/^/# /' "$TMP/err"

# The same example as a reader copies it from the rendered page: the
# display's indentation taken off every line alike, continuation lines
# keep theirs and still continue, and nothing else becomes one.
LC_ALL=C.UTF-8 MANWIDTH=200 MANPAGER=cat man -l man/rightswatch.ini.5 2> /dev/null |
	awk '/^EXAMPLES/ { ex = 1; next } /^[A-Z]/ { ex = 0 } ex' |
	awk 'NR == 1 && /^ *[A-Z]/ { next } { print }' > "$TMP/rendered"
python3 - "$TMP/rendered" > "$TMP/rendered.ini" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
# the first literal block: from the first "[" line to the first prose line
start = next(i for i, l in enumerate(lines) if l.strip().startswith("["))
indent = len(lines[start]) - len(lines[start].lstrip())
out = []
for l in lines[start:]:
    if l.strip() and len(l) - len(l.lstrip()) < indent:
        break
    out.append(l[indent:])
print("\n".join(out))
PY
CREDENTIALS_DIRECTORY=$TMP "$RW_BIN" check -c "$TMP/rendered.ini" > "$TMP/out" 2> "$TMP/err"
check "the rendered EXAMPLES of rightswatch.ini(5), copied as a reader would, pass check" \
	test $? -eq 0 -a ! -s "$TMP/err" -a "$(grep -c '^\[' "$TMP/rendered.ini")" -ge 5
sed 's/^/# /' "$TMP/err"

# The README stands alone in a clone: no path leads out of the repository,
# and every file of the repository it names is there.
check "README.md names no path outside the repository" not grep -nE '(^|[ `(])\.\./' README.md
# (A path of the repository starts a word; an installed one, /etc/... or
# $(PREFIX)/..., and a placeholder in capitals are not the repository's.)
missing=$(grep -oE '(^|[ `(])(tests|config|man|daemon|include|systemd|bench)/[A-Za-z0-9_./-]+\.(sh|ini|csv|txt|html|rss|c|h|py|5|8|service)' README.md |
	sed 's/^[ `(]//' | grep -v '[A-Z][A-Z]' | sort -u |
	while read -r f; do [ -e "$f" ] || printf ' %s' "$f"; done)
check "every file README.md names exists${missing:+ (missing:$missing)}" test -z "$missing"
