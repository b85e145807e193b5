#!/usr/bin/env bash
# rightswatch check: the shipped configuration passes; a broken one fails
# with FILE:LINE messages on stderr. TAP output. Needs $RW_BIN; runs from
# the project root.
set -u
bin=${RW_BIN:-build/rightswatch}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }

echo "1..10"

"$bin" check -c config/rightswatch.ini >"$tmp/out" 2>"$tmp/err"
check "shipped config/rightswatch.ini passes (exit 0)" "[ $? -eq 0 ]"
check "nothing on stderr for a valid file" "[ ! -s '$tmp/err' ]"

# It must stand alone: no other file of the tree is needed to pass.
mkdir -p "$tmp/clone/config" && cp config/rightswatch.ini "$tmp/clone/config/"
(cd "$tmp/clone" && "$bin" check -c config/rightswatch.ini) >/dev/null 2>&1
check "the shipped file passes alone in an empty tree" "[ $? -eq 0 ]"

cat >"$tmp/bad.ini" <<'INI'
[daemon]
intervall = 10m
timeout = 10x

[source feed]
url = ftp://example.org/feed.xml

[source listing]
url = https://example.org/news
type = html
INI
"$bin" check -c "$tmp/bad.ini" >"$tmp/out" 2>"$tmp/err"
check "a broken file fails (exit 1)" "[ $? -eq 1 ]"
check "typo'd key reported at its line" "grep -q '^$tmp/bad.ini:2: unknown key .intervall.' '$tmp/err'"
check "bad duration reported at its line" "grep -q '^$tmp/bad.ini:3: timeout: bad duration' '$tmp/err'"
check "every stderr line is FILE:LINE: message (4 of them)" \
	"[ \$(grep -c '^$tmp/bad.ini:[0-9][0-9]*: ' '$tmp/err') -eq 4 ] && [ \$(wc -l <'$tmp/err') -eq 4 ]"

"$bin" check -c "$tmp/missing.ini" >"$tmp/out" 2>"$tmp/err"
check "a missing file fails (exit 1)" "[ $? -eq 1 ] && grep -q 'missing.ini: cannot open' '$tmp/err'"

# A password over smtp:// that STARTTLS may not protect: check says why.
cat >"$tmp/mail.ini" <<'INI'
[notify mail]
type = email
url = smtp://mail.example.org:587
starttls = try
from = rightswatch@example.org
to = monitors@example.org
username = rightswatch
password_file = /run/credentials/rightswatch.service/smtp-password
INI
"$bin" check -c "$tmp/mail.ini" >"$tmp/out" 2>"$tmp/err"
check "starttls = try with a password over smtp:// fails, saying why at its line" \
	"[ $? -eq 1 ] && grep -q '^$tmp/mail.ini:4: starttls = try with a password over smtp://: the password would cross in plain text' '$tmp/err'"
sed -i 's|^url = smtp://mail.example.org:587|url = smtp://127.0.0.1:25|' "$tmp/mail.ini"
"$bin" check -c "$tmp/mail.ini" >"$tmp/out" 2>"$tmp/err"
check "... but not to a relay on loopback, where it never leaves the machine" "[ $? -eq 0 ]"
