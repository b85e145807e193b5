/* Unit tests: bperiod (baseline periods) — parsing, canonical formatting and year arithmetic. */
#include <math.h>

#include "unit.h"
#include "rightswatch/bperiod.h"

static void
test_parse_format(void **state)
{
	static const struct {
		const char *in;
		const char *range;  /* expected start/end, NULL: rejected */
		const char *canon;  /* expected canonical form */
	} rows[] = {
		/* a whole year */
		{ "2020", "2020-01-01/2020-12-31", "2020" },
		/* first half */
		{ "2021-H1", "2021-01-01/2021-06-30", "2021-H1" },
		/* second half, lower case accepted */
		{ "2021-h2", "2021-07-01/2021-12-31", "2021-H2" },
		/* third quarter */
		{ "2020-Q3", "2020-07-01/2020-09-30", "2020-Q3" },
		/* first quarter of a leap year */
		{ "2020-Q1", "2020-01-01/2020-03-31", "2020-Q1" },
		/* a month, leap February */
		{ "2020-02", "2020-02-01/2020-02-29", "2020-02" },
		/* a month, common February */
		{ "2021-02", "2021-02-01/2021-02-28", "2021-02" },
		/* an explicit range that is a half comes back as the half */
		{ "2020-01-01/2020-06-30", "2020-01-01/2020-06-30", "2020-H1" },
		/* an explicit range that is a whole year */
		{ "2019-01-01/2019-12-31", "2019-01-01/2019-12-31", "2019" },
		/* seven months stay a range */
		{ "2021-01-01/2021-07-31", "2021-01-01/2021-07-31", "2021-01-01/2021-07-31" },
		/* a range across years */
		{ "2020-07-01/2021-06-30", "2020-07-01/2021-06-30", "2020-07-01/2021-06-30" },
		/* one day */
		{ "2021-08-06/2021-08-06", "2021-08-06/2021-08-06", "2021-08-06/2021-08-06" },
		/* two whole months are not a quarter */
		{ "2021-01-01/2021-02-28", "2021-01-01/2021-02-28", "2021-01-01/2021-02-28" },
		/* quarter not aligned */
		{ "2021-02-01/2021-04-30", "2021-02-01/2021-04-30", "2021-02-01/2021-04-30" },
		/* end before start */
		{ "2021-06-30/2021-01-01", NULL, NULL },
		/* impossible day */
		{ "2021-02-29/2021-03-01", NULL, NULL },
		/* H3 */
		{ "2021-H3", NULL, NULL },
		/* Q0, Q5 */
		{ "2021-Q0", NULL, NULL },
		{ "2021-Q5", NULL, NULL },
		/* month 13 and 00 */
		{ "2021-13", NULL, NULL },
		{ "2021-00", NULL, NULL },
		/* year 0 */
		{ "0000", NULL, NULL },
		/* short and long years */
		{ "202", NULL, NULL },
		{ "20201", NULL, NULL },
		/* spaces, signs, empty */
		{ " 2020", NULL, NULL },
		{ "2020 ", NULL, NULL },
		{ "-2020", NULL, NULL },
		{ "", NULL, NULL },
		/* a single date without a range */
		{ "2021-01-01", NULL, NULL },
		/* wrong separator */
		{ "2020-01-01-2020-06-30", NULL, NULL },
	};
	char a[BPERIOD_FMT_MAX], b[BPERIOD_FMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct bperiod p;
		int rc = bperiod_parse(rows[i].in, &p);

		if (rows[i].range == NULL) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(bperiod_format_range(&p, a), rows[i].range);
		assert_string_equal(bperiod_format(&p, b), rows[i].canon);
		assert_true(bperiod_valid(&p));
	}
	assert_int_equal(bperiod_parse(NULL, NULL), -1);
}

static void
test_arithmetic(void **state)
{
	static const struct {
		const char *in;
		int in_year;            /* the year, or 0 when it spans years */
		const char *prior_year; /* whole year before, NULL when none */
		const char *earlier;    /* same period one year earlier */
		int64_t days;
		double annual;          /* annualisation factor */
	} rows[] = {
		/* the mission's example: first half of 2021 */
		{ "2021-H1", 2021, "2020", "2020-H1", 181, 365.0 / 181 },
		/* a leap first half */
		{ "2020-H1", 2020, "2019", "2019-H1", 182, 366.0 / 182 },
		/* a whole year scales by 1 */
		{ "2019", 2019, "2018", "2018", 365, 1.0 },
		/* a leap year scales by 1 too */
		{ "2020", 2020, "2019", "2019", 366, 1.0 },
		/* leap February back to a common February stays whole */
		{ "2020-02", 2020, "2019", "2019-02", 29, 366.0 / 29 },
		/* common February back to a leap one stays whole */
		{ "2021-02", 2021, "2020", "2020-02", 28, 365.0 / 28 },
		/* a range ending on leap day */
		{ "2020-01-15/2020-02-29", 2020, "2019", "2019-01-15/2019-02-28", 46, 366.0 / 46 },
		/* a range starting on leap day */
		{ "2020-02-29/2020-03-10", 2020, "2019", "2019-02-28/2019-03-10", 11, 366.0 / 11 },
		/* seven months */
		{ "2021-01-01/2021-07-31", 2021, "2020", "2020-01-01/2020-07-31", 212, 365.0 / 212 },
		/* Q2 */
		{ "2021-Q2", 2021, "2020", "2020-Q2", 91, 365.0 / 91 },
		/* a span across years has no single prior year */
		{ "2020-07-01/2021-06-30", 0, NULL, "2019-07-01/2020-06-30", 365, 365.25 / 365 },
		/* one day */
		{ "2021-08-06/2021-08-06", 2021, "2020", "2020-08-06/2020-08-06", 1, 365.0 },
	};
	char a[BPERIOD_FMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct bperiod p, q, r;
		int y = -1;

		assert_int_equal(bperiod_parse(rows[i].in, &p), 0);
		assert_int_equal(bperiod_in_year(&p, &y), rows[i].in_year != 0);
		if (rows[i].in_year != 0)
			assert_int_equal(y, rows[i].in_year);
		if (rows[i].prior_year == NULL) {
			assert_int_equal(bperiod_prior_year(&p, &q), -1);
		} else {
			assert_int_equal(bperiod_prior_year(&p, &q), 0);
			assert_string_equal(bperiod_format(&q, a), rows[i].prior_year);
		}
		r = bperiod_shift_years(&p, -1);
		assert_true(bperiod_valid(&r));
		assert_string_equal(bperiod_format(&r, a), rows[i].earlier);
		assert_int_equal(bperiod_days(&p), rows[i].days);
		assert_true(fabs(bperiod_annualize_factor(&p) - rows[i].annual) < 1e-9);
	}
}

static void
test_shift_forward(void **state)
{
	static const struct {
		const char *in;
		int years;
		const char *out;
	} rows[] = {
		/* common February forward to a leap one */
		{ "2019-02", 1, "2020-02" },
		/* from leap day, four years on: leap day again */
		{ "2020-02-29/2020-03-31", 4, "2024-02-29/2024-03-31" },
		/* two years back */
		{ "2021-H1", -2, "2019-H1" },
	};
	char a[BPERIOD_FMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct bperiod p, r;

		assert_int_equal(bperiod_parse(rows[i].in, &p), 0);
		r = bperiod_shift_years(&p, rows[i].years);
		assert_string_equal(bperiod_format(&r, a), rows[i].out);
	}
}

static void
test_equal(void **state)
{
	struct bperiod a, b;

	(void)state;
	assert_int_equal(bperiod_parse("2021-H1", &a), 0);
	assert_int_equal(bperiod_parse("2021-01-01/2021-06-30", &b), 0);
	assert_true(bperiod_equal(&a, &b));
	assert_int_equal(bperiod_parse("2021-Q2", &b), 0);
	assert_false(bperiod_equal(&a, &b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_shift_forward),
		cmocka_unit_test(test_equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
