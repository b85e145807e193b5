#!/usr/bin/env bash
# parse-feed against the record of what main's libxml2-based parser gave
# (tests/fixtures/feeddiff.golden, written by bench/feeddiff.py
# --golden-write before the switch to our own tokenizer): the feed
# fixtures, a hundred edge documents (references, CDATA, comments, PIs,
# doctypes, namespaces, malformed markup) and 1,000 seeded variants of them
# (cuts, inserted markup, deleted bytes, splices). Each must give the same
# exit status and the same output, byte for byte; a document both refuse
# may say why in other words. TAP; $RW_BIN is the binary; run from the root.
set -u
bin=${RW_BIN:-build/rightswatch}
exec python3 bench/feeddiff.py --golden-check tests/fixtures/feeddiff.golden "$bin" 1000 1
