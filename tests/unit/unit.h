/*
 * Shared includes for the unit tests (cmocka). Each tests/unit/test_*.c is
 * one program linked against build/librw.a; tests/run.sh runs it with TAP
 * output and counts the results.
 */
#ifndef RW_TESTS_UNIT_H
#define RW_TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Directory of the test fixtures, relative to the project root (tests run from there). */
#define FIXTURES "tests/fixtures"

#endif
