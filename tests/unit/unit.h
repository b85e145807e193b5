/*
 * Shared includes for the unit tests (cmocka). Each tests/unit/test_*.c is
 * one program linked against build/librw.a and tests/unit/unit_util.c (the
 * helpers declared below); tests/run.sh runs it with TAP output and counts
 * the results.
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
#include <sys/types.h>
#include <cmocka.h>

#include <event2/util.h>

/* Directory of the test fixtures, relative to the project root (tests run from there). */
#define FIXTURES "tests/fixtures"

struct buf;
struct extract_obs;
struct extract_taxonomy;
struct store;

/* ---- unit_util.c ---------------------------------------------------------- */

/* Make a fresh directory from tmpl ("/tmp/rw-x-XXXXXX") into dir; 0 or -1. */
int unit_tmpdir(char *dir, size_t size, const char *tmpl);
/* Remove path and everything below it, following no links; 0 or -1. */
int unit_rmtree(const char *path);
/* "dir/name" in one of a few static buffers, reused eight calls later. */
const char *unit_path(const char *dir, const char *name);
/* The whole file, NUL-terminated, its length in *len (if not NULL); NULL
 * when it cannot be opened or read in full. The caller frees. */
char *unit_read_file(const char *path, size_t *len);
/* unit_read_file on FIXTURES/module/name, failing the test when it cannot. */
char *unit_read_fixture(const char *module, const char *name, size_t *len);
/* store_open on path, failing the test with the store's reason. */
struct store *unit_store_open(const char *path);
/* Run sql on the SQLite file at path and return the first column of the
 * first row as text ("" for none), in a static buffer overwritten by the
 * next call; fails the test when sql does not prepare. */
const char *unit_sql_peek(const char *path, const char *sql);
/* Save one release of url (a new revision per call, a fixed Mali text dated
 * 2021-08-06) with its n observations; returns the document id, failing the
 * test on a store error. */
int64_t unit_store_release(struct store *st, const char *url, const char *title,
    const char *hash, const struct extract_obs *obs, size_t n);
/* An exact struct extract_obs for unit_store_release: indicator, value,
 * period start and end (y, m, d), country and derived; its evidence and
 * sentence offsets fall inside unit_store_release's text. */
#define UNIT_OBS(ind, v, y0, m0, d0, y1, m1, d1, country, derived) \
	{ ind, v, EXTRACT_EXACT, 1, { y0, m0, d0 }, { y1, m1, d1 }, country, NULL, \
	  derived, 26, 40, 0, 49, UNIT_HOW }
/* An observation's extract_period_how when the test does not care. */
#define UNIT_HOW { 0, 0, 0, 0, 0 }
/* Start argv (a server that prints its port on stdout's first line): its
 * pid in *pid, that port in *port. 0, or -1 when it did not start. */
int unit_spawn_server(const char *const argv[], pid_t *pid, int *port);
/* SIGTERM *pid, reap it and set *pid to -1; nothing when *pid <= 0. */
void unit_kill(pid_t *pid);
/* A libevent timer callback that breaks the loop of base (the arg). */
void unit_watchdog(evutil_socket_t fd, short what, void *base);

/* ---- unit_rows.c ---------------------------------------------------------- */

/* The built-in taxonomy, made by unit_rows_setup and freed by
 * unit_rows_teardown (cmocka group fixtures). */
extern struct extract_taxonomy *unit_rows_tx;
int unit_rows_setup(void **state);
int unit_rows_teardown(void **state);
/* A stage's view of one observation, appended to b as its row line; the
 * region only when with_region. */
typedef void unit_row_fmt(const struct extract_obs *o, int with_region, struct buf *b);
/* The whole observation: "IND VALUE QUAL PS PE COUNTRY [region=R] [derived]"
 * (tests/fixtures/extract/README.md). */
void unit_row_full(const struct extract_obs *o, int with_region, struct buf *b);
/* The place: "COUNTRY [region=R]". */
void unit_row_place(const struct extract_obs *o, int with_region, struct buf *b);
/* Every row of the table at path through extract_text with tx, each output
 * formatted by fmt and compared with the row's "=" lines; each failing row
 * is printed. Returns how many failed, and the row count in *nrows. */
int unit_rows_check(const char *path, const struct extract_taxonomy *tx, unit_row_fmt *fmt,
    int *nrows);
/* unit_rows_check on path with unit_rows_tx, failing the test when more
 * than tolerated rows fail. */
void unit_rows_table(const char *path, unit_row_fmt *fmt, int tolerated);

#endif
