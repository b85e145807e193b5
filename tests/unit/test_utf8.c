/* Unit tests: utf8 — the one strict UTF-8 decoder, row by row. */
#include "unit.h"
#include "rightswatch/utf8.h"

static void
test_len(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		size_t len;
	} rows[] = {
		{ "a", 1, 1 },                      /* ASCII */
		{ "\0", 1, 1 },                     /* NUL is a character */
		{ "\xc3\xa9", 2, 2 },               /* é */
		{ "\xe2\x80\x94", 3, 3 },           /* em dash */
		{ "\xf0\x9f\x98\x80", 4, 4 },       /* an emoji */
		{ "\xf4\x8f\xbf\xbf", 4, 4 },       /* U+10FFFF, the last */
		{ "", 0, 0 },                       /* nothing there */
		{ "\x80", 1, 0 },                   /* a continuation byte alone */
		{ "\xc3", 1, 0 },                   /* cut short */
		{ "\xe2\x80", 2, 0 },               /* cut short */
		{ "\xc3\x28", 2, 0 },               /* not a continuation */
		{ "\xc0\xaf", 2, 0 },               /* overlong '/' */
		{ "\xc1\xbf", 2, 0 },               /* overlong */
		{ "\xe0\x80\xaf", 3, 0 },           /* overlong three bytes */
		{ "\xf0\x80\x80\xaf", 4, 0 },       /* overlong four bytes */
		{ "\xed\xa0\x80", 3, 0 },           /* U+D800, a surrogate */
		{ "\xed\xbf\xbf", 3, 0 },           /* U+DFFF */
		{ "\xf4\x90\x80\x80", 4, 0 },       /* U+110000, past the end */
		{ "\xf5\x80\x80\x80", 4, 0 },       /* never a lead byte */
		{ "\xff", 1, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row %zu\n", i);
		assert_int_equal(utf8_len(rows[i].s, rows[i].n), rows[i].len);
	}
}

static void
test_valid(void **state)
{
	static const struct {
		const char *s;
		int valid;
	} rows[] = {
		{ "", 1 },
		{ "Bamako, Ségou et Mopti — 435 enlèvements", 1 },
		{ "caf\xc3", 0 },                   /* cut at the end */
		{ "a\xed\xa0\x80z", 0 },            /* a surrogate inside */
		{ "\xe9t\xe9", 0 },                 /* Latin-1, not UTF-8 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row %zu\n", i);
		assert_int_equal(utf8_valid(rows[i].s, strlen(rows[i].s)), rows[i].valid);
	}
}

static void
test_cut(void **state)
{
	static const struct {
		const char *s;
		size_t max;
		size_t keep;
	} rows[] = {
		{ "abc", 5, 3 },                    /* shorter than max: all */
		{ "abc", 3, 3 },
		{ "abc", 2, 2 },
		{ "a\xc3\xa9", 2, 1 },              /* é would be cut: left out */
		{ "a\xc3\xa9", 3, 3 },
		{ "\xe2\x80\x94x", 2, 0 },          /* a dash that does not fit */
		{ "\xe2\x80\x94x", 3, 3 },
		{ "\xf0\x9f\x98\x80", 3, 0 },
		{ "ab", 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row %zu\n", i);
		assert_int_equal(utf8_cut(rows[i].s, strlen(rows[i].s), rows[i].max), rows[i].keep);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_len),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
