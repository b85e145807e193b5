/* Unit tests: logonce — which failures are news, and recoveries. */
#include "unit.h"
#include "rightswatch/logonce.h"

static void
test_sequence(void **state)
{
	static const struct {
		const char *key, *msg; /* msg NULL: a success */
		long want;             /* logonce_fail's answer, or logonce_ok's count */
	} rows[] = {
		{ "mail", NULL, 0 },                        /* success, never failing */
		{ "mail", "connect: refused", 1 },          /* the first failure is news */
		{ "mail", "connect: refused", 0 },          /* a repeat is quiet */
		{ "hook", "HTTP 503", 1 },                  /* another key, its own news */
		{ "mail", "connect: refused", 0 },          /* still quiet */
		{ "mail", "451 try again later", 1 },       /* a changed failure is news */
		{ "hook", "HTTP 503", 0 },                  /* hook repeats */
		{ "mail", NULL, 4 },                        /* recovery: four failures in a row */
		{ "mail", NULL, 0 },                        /* and forgotten */
		{ "mail", "connect: refused", 1 },          /* failing again is news again */
		{ "hook", NULL, 2 },                        /* hook recovers after two */
	};
	struct logonce *lo = logonce_new();

	(void)state;
	assert_non_null(lo);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].msg != NULL)
			assert_int_equal(logonce_fail(lo, rows[i].key, rows[i].msg), rows[i].want);
		else
			assert_int_equal(logonce_ok(lo, rows[i].key), rows[i].want);
	}
	logonce_free(lo);
	logonce_free(NULL);
}

static void
test_many_keys(void **state)
{
	struct logonce *lo = logonce_new();
	char key[32];

	(void)state;
	/* Growth past the first allocation, and removal from the middle. */
	for (int i = 0; i < 50; i++) {
		snprintf(key, sizeof(key), "dest%d", i);
		assert_int_equal(logonce_fail(lo, key, "down"), 1);
	}
	assert_int_equal(logonce_ok(lo, "dest10"), 1);
	assert_int_equal(logonce_fail(lo, "dest49", "down"), 0);
	assert_int_equal(logonce_fail(lo, "dest10", "down"), 1);
	logonce_free(lo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_many_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
