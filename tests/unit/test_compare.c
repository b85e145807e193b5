/*
 * Unit tests: comparisons — compare_find on its own (a table of folded
 * phrases after a figure: the figure they imply, or none), and the
 * comparison rows of tests/fixtures/extract/stage/compare.txt through the
 * extractor, judged on "INDICATOR VALUE QUALIFIER START END [derived]"
 * (the derived figure's period is its reference's; a stock's is "- END").
 */
#include "unit.h"

#include "rightswatch/buf.h"
#include "rightswatch/compare.h"
#include "rightswatch/extract.h"
#include "rightswatch/number.h"
#include "rightswatch/text.h"

static void
compare_line(const struct extract_obs *o, int with_region, struct buf *b)
{
	char ps[16], pe[16];

	(void)with_region;
	buf_printf(b, "%s %lld %s %s %s%s", o->indicator, (long long)o->value,
	    extract_qualifier_name(o->qualifier),
	    o->has_period ? date_format_ymd(o->period_start, ps) : "-",
	    o->has_period || extract_obs_end_only(o) ? date_format_ymd(o->period_end, pe) : "-",
	    o->derived ? " derived" : "");
}

static void
test_table(void **state)
{
	unit_rows_table(*state, compare_line, 0);
}

/* The words after a figure of value v, and the figure they imply (-1: none). */
static const struct {
	const char *words;
	int fr;
	int64_t value, implied;
} finds[] = {
	{ "five times as many as in 2019", 0, 435, 87 },
	{ "twice as many as in April", 0, 150, 75 },
	{ "a three-fold increase on 2019", 0, 612, 204 },
	{ "a threefold increase", 0, 612, 204 },
	{ "a fivefold rise over 2018", 0, 450, 90 },
	{ "a nearly 9 per cent rise compared to the first quarter", 0, 436, 400 },
	{ "a 140 per cent increase on 2019", 0, 288, 120 },
	{ "a 20 per cent decrease compared to the first quarter", 0, 845, 1056 },
	{ "88 percent of the number reported in 2020", 0, 258, 293 },
	{ "an increase of 37 percent compared with", 0, 137, 100 },
	{ "doubled", 0, 45, 23 },
	{ "a 100 per cent decrease", 0, 50, -1 },
	{ "in 20 villages", 0, 50, -1 },
	{ "multiplie par 12 par rapport", 1, 360, 30 },
	{ "multiplies par trois", 1, 240, 80 },
	{ "une hausse de 45 % par rapport au semestre precedent", 1, 290, 200 },
	{ "une augmentation de 70 % par rapport au trimestre", 1, 238, 140 },
	{ "une baisse de 20 % par rapport a 2019", 1, 400, 500 },
	{ "deux fois plus qu'en 2019", 1, 246, 123 },
	{ "un tiers de plus", 1, 374, 281 },
	{ "une hausse spectaculaire de pres de 210 %", 1, 620, 200 },
	{ "a sharp increase of 50 percent", 0, 300, 200 },
	{ "dans 12 villages", 1, 50, -1 },
};

static void
test_find(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(finds) / sizeof(finds[0]); i++) {
		struct text t;
		struct number nums[16];
		struct compare_hit h;
		size_t n;
		int64_t got;

		assert_int_equal(text_fold(finds[i].words, strlen(finds[i].words), 0, &t), 0);
		n = number_scan(t.f, t.len, 0, t.len, finds[i].fr, nums, 16);
		got = compare_find(t.f, 0, t.len, finds[i].value, nums, n, &h) ? h.value : -1;
		if (got != finds[i].implied)
			fail_msg("\"%s\" after %lld: implied %lld, expected %lld", finds[i].words,
			    (long long)finds[i].value, (long long)got, (long long)finds[i].implied);
		text_free(&t);
	}
}

/* value / (num / den), rounded half up. */
static void
test_divide(void **state)
{
	(void)state;
	assert_int_equal(compare_divide(45, 2, 1), 23);        /* 22.5 */
	assert_int_equal(compare_divide(765000, 16, 1), 47813); /* 47812.5 */
	assert_int_equal(compare_divide(1223, 75, 100), 1631);  /* 1630.7 */
	assert_int_equal(compare_divide(10, 0, 1), -1);
	assert_int_equal(compare_divide(-1, 2, 1), -1);
}

int
main(void)
{
	static char rows[] = FIXTURES "/extract/stage/compare.txt";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_divide),
		cmocka_unit_test_prestate(test_table, rows),
	};

	return cmocka_run_group_tests_name("compare", tests, unit_rows_setup, unit_rows_teardown);
}
