#!/usr/bin/env bash
# rightswatch check is the truth (issue 12, item 1): the shipped
# configuration passes, alone in a clone's tree; every configuration of
# tests/fixtures/check/cases.txt (broken ones, each with its expected
# FILE:LINE messages, and two that pass with warnings) gives exactly those
# messages and that exit status; and what check refuses, run refuses too.
# TAP output. Needs $RW_BIN; runs from the project root.
. "$(dirname "$0")/lib.sh"

"$RW_BIN" check -c config/rightswatch.ini > "$TMP/out" 2> "$TMP/err"
check "shipped config/rightswatch.ini passes (exit 0)" test $? -eq 0
check "no error on stderr for the shipped file, warnings at most" \
	test -z "$(grep -v ': warning: ' "$TMP/err")"
sed 's/^/# /' "$TMP/err"

# It must stand alone: the files of config/ are all it needs.
mkdir -p "$TMP/clone/config" && cp config/rightswatch.ini config/baselines.csv "$TMP/clone/config/"
(cd "$TMP/clone" && "$RW_BIN" check -c config/rightswatch.ini) > /dev/null 2> "$TMP/err"
check "the shipped files pass alone in an empty tree" test $? -eq 0
check "... and check created nothing there (not even var/)" test ! -e "$TMP/clone/var"

"$RW_BIN" check -c "$TMP/missing.ini" > "$TMP/out" 2> "$TMP/err"
check "a missing file fails (exit 1)" test $? -eq 1 -a -n "$(grep 'missing.ini: cannot open' "$TMP/err")"

# ---- the golden table ----
schema=$(python3 -c 'import re,sys; print(len(re.findall(r"static const char step\d+\[\]", open(sys.argv[1]).read())))' daemon/state/store_schema.c)
python3 - "$RW_ROOT/tests/fixtures/check/cases.txt" "$TMP/cases" "$RW_BIN" "$schema" "$_tap_n" <<'PY'
import os, subprocess, sys
spec, root, binary, schema, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
cases, cur, block = [], None, None
for line in open(spec, encoding="utf-8").read().split("\n"):
    if line.startswith("## "):
        name, why = line[3:].split(": ", 1)
        cur = {"name": name, "why": why, "exit": None, "files": {"rw.ini": []}, "sh": [], "expect": []}
        cases.append(cur)
        block = cur["files"]["rw.ini"]
    elif cur is None:
        continue
    elif line.startswith("# exit: ") and cur["exit"] is None:
        cur["exit"] = int(line[8:])
    elif line.startswith("--- "):
        what = line[4:]
        if what == "expect":
            block = cur["expect"]
        elif what == "sh":
            block = cur["sh"]
        else:
            block = cur["files"].setdefault(what, [])
    else:
        block.append(line)
failed = 0
for c in cases:
    d = os.path.join(root, c["name"])
    os.makedirs(d)
    for f, lines in c["files"].items():
        while lines and lines[-1] == "":
            lines.pop()
        with open(os.path.join(d, f), "w", encoding="utf-8") as fp:
            fp.write("".join(l + "\n" for l in lines))
    if c["name"] == "empty":
        open(os.path.join(d, "rw.ini"), "w").close()
    sh = "\n".join(c["sh"]).strip()
    if sh:
        subprocess.run(["bash", "-c", sh], cwd=d, check=True)
    before = sorted(os.listdir(d))
    r = subprocess.run([binary, "check", "-c", "rw.ini"], cwd=d, capture_output=True,
                       text=True, env=dict(os.environ, CREDENTIALS_DIRECTORY=d))
    got = r.stderr.replace(d + "/", "./").rstrip("\n").split("\n") if r.stderr else []
    want = [l.replace("SCHEMA", schema) for l in c["expect"] if l != ""]
    n += 1
    if got == want and r.returncode == c["exit"] and sorted(os.listdir(d)) == before:
        print("ok %d - check %s: %s" % (n, c["name"], c["why"]))
    else:
        print("not ok %d - check %s: %s" % (n, c["name"], c["why"]))
        print("# exit %d (want %d)" % (r.returncode, c["exit"]))
        for l in got:
            print("#  got: " + l)
        for l in want:
            print("# want: " + l)
        if sorted(os.listdir(d)) != before:
            print("# check wrote files: %s" % (set(os.listdir(d)) - set(before)))
open(os.path.join(root, "count"), "w").write("%d %d\n" % (n, len(cases)))
PY
read -r _tap_n ncases < "$TMP/cases/count"
check "the table holds at least 25 broken configurations ($ncases cases)" test "$ncases" -ge 27

# What check refuses, run refuses: one case of each kind through `once`.
for c in empty no-notify csv-country state-notdir password-everyone starttls-try; do
	(cd "$TMP/cases/$c" && "$RW_BIN" once -c rw.ini) > "$TMP/once-$c.out" 2>&1
	check "once refuses what check refused ($c): exit 2" test $? -eq 2
done
# A password that would cross in plain text is not sent by test-alert
# either, which does not run check's verification: the destination
# itself refuses to start.
(cd "$TMP/cases/starttls-try" && "$RW_BIN" test-alert -c rw.ini) > "$TMP/ta.out" 2>&1
st=$?
check "test-alert refuses a password over smtp:// with starttls = try (exit $st)" \
	test "$st" -ne 0 -a -n "$(grep -F '[notify mail]: starttls = try with a password over smtp://' "$TMP/ta.out")"
# ... and accepts what it accepted: the warnings case starts (its source
# cannot be reached, so once exits 1 or 3, not 2), creating its state dir.
(cd "$TMP/cases/warnings" && "$RW_BIN" once -c rw.ini) > "$TMP/once-w.out" 2>&1
st=$?
check "once starts with what check accepted (exit $st, not 2)" test "$st" -ne 2
check "run created the state file's missing directories" test -s "$TMP/cases/warnings/sub/dir/rw.db"
plan "$_tap_n"
