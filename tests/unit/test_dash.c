/* Unit tests: the dashboard's query parameters (dash.c) — what a page
 * takes, what gets a 400 and why — row by row. */
#include <string.h>

#include "unit.h"
#include "../../daemon/service/dash_int.h"

static void
test_check_query(void **state)
{
	static const char *const names[] = { "country", "indicator", "page", NULL };
	static const struct {
		const char *query;
		int rc;
		const char *why;     /* a part of the reason, for a refusal */
	} rows[] = {
		{ "", 0, NULL },                                              /* none */
		{ "country=Mali&indicator=abductions", 0, NULL },             /* plain */
		{ "country=Burkina+Faso&indicator=killed&page=2", 0, NULL },  /* + is a blank */
		{ "country=C%C3%B4te&indicator=x", 0, NULL },                 /* UTF-8 encoded */
		{ "country=Mali&&indicator=x&", 0, NULL },                    /* empty pieces */
		{ "colour=red", -1, "unknown parameter 'colour'" },           /* unknown */
		{ "page=1&page=2", -1, "parameter 'page' given twice" },      /* twice */
		{ "country=Ma%ZZli", -1, "parameter 'country': not text" },   /* bad escape */
		{ "country=Mali%", -1, "parameter 'country': not text" },     /* cut escape */
		{ "country=%0A", -1, "not text" },                            /* a control */
		{ "country=%E2%80%AE", -1, "not text" },                      /* a bidi control */
		{ "country=%C3%28", -1, "not text" },                         /* invalid UTF-8 */
		{ "%3Cb%3E=1", -1, "unknown parameter '<b>'" },               /* named raw: escaped later */
	};
	char why[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row %zu\n", i);
		why[0] = '\0';
		assert_int_equal(dash_check_query(rows[i].query, names, why, sizeof(why)), rows[i].rc);
		if (rows[i].why != NULL)
			assert_non_null(strstr(why, rows[i].why));
	}
}

static void
test_param_and_page(void **state)
{
	static const struct {
		const char *query, *name;
		int rc;
		const char *value;
	} rows[] = {
		{ "country=Burkina+Faso&indicator=killed", "country", 0, "Burkina Faso" },
		{ "country=C%C3%B4te%20d%27Ivoire", "country", 0, "Côte d'Ivoire" },
		{ "indicator=killed", "country", 1, "" },                     /* absent */
		{ "country=", "country", 0, "" },                             /* empty */
		{ "countryx=1&country=Mali", "country", 0, "Mali" },          /* exact name */
	};
	static const struct {
		const char *query;
		int rc;
		size_t page;
	} pages[] = {
		{ "", 0, 1 },                 /* absent: the first */
		{ "page=3", 0, 3 },
		{ "page=100000", 0, 100000 }, /* the last taken */
		{ "page=100001", -1, 1 },     /* beyond */
		{ "page=0", -1, 1 },
		{ "page=-1", -1, 1 },
		{ "page=01", -1, 1 },         /* one spelling of each number */
		{ "page=2x", -1, 1 },
		{ "page=", -1, 1 },
	};
	char v[DASH_MAX_VALUE + 1], why[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("param row %zu\n", i);
		assert_int_equal(dash_param(rows[i].query, rows[i].name, v, sizeof(v)), rows[i].rc);
		assert_string_equal(v, rows[i].value);
	}
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		size_t page = 0;

		print_message("page row %zu\n", i);
		assert_int_equal(dash_page(pages[i].query, &page, why, sizeof(why)), pages[i].rc);
		assert_int_equal(page, pages[i].page);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_query),
		cmocka_unit_test(test_param_and_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
