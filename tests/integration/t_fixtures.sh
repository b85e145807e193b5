#!/usr/bin/env bash
# The extractor's fixture tables are well formed (check_rows.py: fields,
# indicator and qualifier names, real dates in order, rows that must yield
# nothing yield nothing), so that a typo in a row fails here, by name,
# rather than silently testing nothing.
. "$(dirname "$0")/lib.sh"
plan 1

check "the extractor's rows and golden files are well formed" \
	python3 "$RW_ROOT/tests/fixtures/extract/check_rows.py" "$RW_ROOT/tests/fixtures/extract"
