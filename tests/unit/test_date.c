/* Unit tests: date — calendar arithmetic and timestamp formatting. */
#include "unit.h"
#include "rightswatch/date.h"

static void
test_civil_roundtrip(void **state)
{
	static const struct {
		int y, m, d;
		int64_t days;
	} rows[] = {
		{ 1970, 1, 1, 0 },       /* the epoch */
		{ 2000, 2, 29, 11016 },  /* a leap day in a century leap year */
		{ 2021, 8, 6, 18845 },   /* the seed release's date */
		{ 1969, 12, 31, -1 },    /* before the epoch */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct date_ymd r = date_civil_from_days(rows[i].days);
		assert_int_equal(date_days_from_civil(rows[i].y, rows[i].m, rows[i].d), rows[i].days);
		assert_int_equal(r.y, rows[i].y);
		assert_int_equal(r.m, rows[i].m);
		assert_int_equal(r.d, rows[i].d);
	}
}

static void
test_valid(void **state)
{
	(void)state;
	assert_true(date_valid(2020, 2, 29));  /* leap year */
	assert_false(date_valid(2021, 2, 29)); /* not a leap year */
	assert_false(date_valid(2021, 2, 30)); /* never rolled to 2 March */
	assert_false(date_valid(1900, 2, 29)); /* century, not leap */
	assert_false(date_valid(2021, 13, 1)); /* month out of range */
	assert_false(date_valid(2021, 4, 31)); /* April has 30 days */
}

static void
test_add_months(void **state)
{
	struct date_ymd d = { 2021, 1, 31 };
	struct date_ymd r = date_add_months(d, 1);

	(void)state;
	assert_int_equal(r.m, 2);
	assert_int_equal(r.d, 28); /* clamped */
	r = date_add_months(d, -1);
	assert_int_equal(r.y, 2020);
	assert_int_equal(r.m, 12);
	r = date_add_months(d, -13);
	assert_int_equal(r.y, 2019);
	assert_int_equal(r.m, 12);
}

static void
test_format(void **state)
{
	char out[32];
	struct date_ymd d;

	(void)state;
	assert_string_equal(date_format_rfc3339(1628244000, out), "2021-08-06T10:00:00Z");
	assert_string_equal(date_format_rfc3339(-1, out), "1969-12-31T23:59:59Z");
	assert_int_equal(date_parse_ymd("2021-08-06", &d), 0);
	assert_string_equal(date_format_ymd(d, out), "2021-08-06");
	assert_int_equal(date_parse_ymd("2021-02-30", &d), -1);
	assert_int_equal(date_parse_ymd("2021-8-6", &d), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_roundtrip),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
