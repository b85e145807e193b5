/*
 * Unit tests: the attachment stage of the extractor — which indicator each
 * number counts, or that it counts none. Table rows in
 * tests/fixtures/extract/stage/attach_{en,fr,none}.txt (format:
 * tests/fixtures/extract/README.md), judged on "INDICATOR VALUE" alone (and
 * "derived"): periods, qualifiers and places have tables of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "rightswatch/buf.h"
#include "rightswatch/extract.h"

static void
attach_line(const struct extract_obs *o, int with_region, struct buf *b)
{
	(void)with_region;
	buf_printf(b, "%s %lld%s", o->indicator, (long long)o->value, o->derived ? " derived" : "");
}

static void
test_table(void **state)
{
	unit_rows_table(*state, attach_line, 0);
}

/* Hostile text stays linear: long runs of what the attachment rules look
 * around a number for, with no full stop to end the sentence. */
static void
test_attach_hostile(void **state)
{
	static const char *const units[] = {
		"12 nurses, ", "fled over the border to ", "victims, ", "aged 10 to ", "the number ",
		"a day ", "left Mali for ", "in 3 cases ", "killed or injured ", "dans au moins 4 cas, ",
		"Chaque jour, ", "the killing of 5 ", "the number of people killed rose to 7 ",
		"killed - 3; ", "portant a 4 le nombre de morts "
	};
	size_t len = 200000;
	char *s = malloc(len + 1);
	struct extract_params p;
	struct extract_result res;

	(void)state;
	assert_non_null(s);
	memset(&p, 0, sizeof(p));
	p.lang = EXTRACT_LANG_EN;
	p.release_date = (struct date_ymd){ 2021, 8, 6 };
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		size_t ul = strlen(units[u]), i;

		for (i = 0; i + ul <= len; i += ul)
			memcpy(s + i, units[u], ul);
		s[i] = '\0';
		assert_int_equal(extract_text(unit_rows_tx, s, i, &p, &res), 0);
		extract_result_free(&res);
	}
	free(s);
}

int
main(void)
{
	static char en[] = FIXTURES "/extract/stage/attach_en.txt";
	static char fr[] = FIXTURES "/extract/stage/attach_fr.txt";
	static char none[] = FIXTURES "/extract/stage/attach_none.txt";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(test_table, en),
		cmocka_unit_test_prestate(test_table, fr),
		cmocka_unit_test_prestate(test_table, none),
		cmocka_unit_test(test_attach_hostile),
	};

	return cmocka_run_group_tests_name("attach", tests, unit_rows_setup, unit_rows_teardown);
}
