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

static void
test_parse(void **state)
{
	static const struct {
		const char *in;
		int64_t want; /* DATE_UNKNOWN when the input must be rejected */
	} rows[] = {
		{ "Fri, 06 Aug 2021 10:00:00 GMT", 1628244000 },   /* RFC 1123 */
		{ "6 Aug 2021 10:00 +0000", 1628244000 },           /* no weekday, no seconds */
		{ "Fri, 06 Aug 2021 06:00:00 EDT", 1628244000 },    /* old zone name */
		{ "Fri, 06 Aug 21 12:00:00 +0200", 1628244000 },    /* two-digit year, offset */
		{ "Fri, 06 Aug 2021 10:00:00 Z", 1628244000 },      /* military Z */
		{ "Tue, 30 Feb 2021 10:00:00 GMT", DATE_UNKNOWN },  /* impossible day */
		{ "Fri, 06 Foo 2021 10:00:00 GMT", DATE_UNKNOWN },  /* unknown month */
		{ "Fri, 06 Aug 2021 25:00:00 GMT", DATE_UNKNOWN },  /* hour out of range */
		{ "2021-08-06T10:00:00Z", 1628244000 },             /* RFC 3339 */
		{ "2021-08-06T12:00:00+02:00", 1628244000 },        /* offset */
		{ "2021-08-06T10:00:00.123Z", 1628244000 },         /* fraction */
		{ "2021-08-06", 1628208000 },                       /* bare date */
		{ "2021-02-29T00:00:00Z", DATE_UNKNOWN },           /* not a leap year */
		{ "2021-08-06T10:00:00+14:00", 1628193600 },        /* the widest offset */
		{ "2021-08-06T10:00:00+14:30", DATE_UNKNOWN },      /* beyond it */
		{ "Fri, 06 Aug 2021 10:00:00 -1400", 1628294400 },  /* the widest, west */
		{ "Fri, 06 Aug 2021 10:00:00 +2500", DATE_UNKNOWN }, /* not a zone */
		{ "yesterday", DATE_UNKNOWN },                      /* not a date */
		{ "", DATE_UNKNOWN },                               /* empty */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t got = date_parse_any(rows[i].in);
		if (got != rows[i].want)
			fail_msg("row %zu '%s': got %lld want %lld", i, rows[i].in,
			    (long long)got, (long long)rows[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_roundtrip),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
