/*
 * Unit tests: the attachment stage of the extractor — which indicator each
 * number counts, or that it counts none. Table rows in
 * tests/fixtures/extract/stage/attach_{en,fr,none}.txt (format:
 * tests/fixtures/extract/README.md), judged on "INDICATOR VALUE" alone (and
 * "derived"): periods, qualifiers and places have tables of their own.
 */
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
	};

	return cmocka_run_group_tests_name("attach", tests, unit_rows_setup, unit_rows_teardown);
}
