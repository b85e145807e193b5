/* Unit tests: escape — untrusted text made safe for a log line, and as a
 * quoted key=value field. */
#include "unit.h"
#include "rightswatch/escape.h"

static void
test_logs(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "plain text", "plain text" },                        /* unchanged */
		{ "Ségou – Gao", "Ségou – Gao" },                      /* valid UTF-8 passes */
		{ "a\nb\rc", "a\\x0ab\\x0dc" },                        /* no forged lines */
		{ "\x1b[31mred", "\\x1b[31mred" },                     /* no terminal escapes */
		{ "back\\slash", "back\\\\slash" },                    /* backslash doubled */
		{ "say \"hi\"", "say \"hi\"" },                        /* quotes kept in prose */
		{ "bad \xc3\x28 byte", "bad \\xc3( byte" },            /* invalid UTF-8 */
		{ NULL, "(null)" },                                    /* NULL named */
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_string_equal(escape_logs(out, sizeof(out), rows[i].in), rows[i].want);
	/* A cut is marked. */
	assert_string_equal(escape_logs(out, 10, "0123456789abcdef"), "012345...");
}

static void
test_kv(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "mail", "\"mail\"" },                                /* quoted */
		{ "Burkina Faso", "\"Burkina Faso\"" },                /* a blank stays inside */
		{ "x\" forged=\"1", "\"x\\\" forged=\\\"1\"" },        /* no forged field */
		{ "a\\b", "\"a\\\\b\"" },                              /* backslash doubled */
		{ "line\nbreak", "\"line\\x0abreak\"" },               /* control escaped */
		{ "", "\"\"" },                                        /* empty */
		{ NULL, "\"(null)\"" },                                /* NULL named */
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_string_equal(escape_kv(out, sizeof(out), rows[i].in), rows[i].want);
	/* A cut keeps the closing quote; a buffer too small for quotes is empty. */
	assert_string_equal(escape_kv(out, 12, "0123456789abcdef"), "\"012345...\"");
	assert_string_equal(escape_kv(out, 2, "x"), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logs),
		cmocka_unit_test(test_kv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
