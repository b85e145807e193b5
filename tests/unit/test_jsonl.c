/* Unit tests: jsonl — strings written exactly as jansson writes them (the
 * JSON Lines commands used jansson before and their output must not
 * change), invalid UTF-8, numbers. */
#include <jansson.h>

#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/jsonl.h"

static void
test_like_jansson(void **state)
{
	static const char *const rows[] = {
		"",                                    /* empty */
		"plain ASCII text, long enough for sixteen-byte blocks",
		"quote \" and backslash \\ and slash /",
		"\b\f\n\r\t",                          /* named escapes */
		"\x01\x02\x1f\x7f",                    /* \\u00XX; DEL as is */
		"caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80", /* UTF-8 copied */
		"\xe2\x80\xa8 \xe2\x80\xa9",           /* U+2028/2029 copied */
		"0123456789abcdef\"0123456789abcdef\\", /* escapes at block edges */
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf b = { 0 };
		json_t *v = json_string(rows[i]);
		char *want = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

		assert_non_null(want);
		assert_int_equal(jsonl_str(&b, rows[i], strlen(rows[i])), 0);
		if (strcmp(b.data, want) != 0)
			fail_msg("row %zu: got %s, jansson %s", i, b.data, want);
		free(want);
		json_decref(v);
		buf_free(&b);
	}
}

static void
test_invalid(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "a\xff" "b\"", "\"a?b\\\"\"" },                 /* a stray byte */
		{ "\xc3\xa9\xc3", "\"??\x3f\"" },                 /* cut: every high byte '?' */
		{ "\xc0\xaf", "\"??\"" },                         /* overlong */
		{ "\xed\xa0\x80", "\"???\"" },                    /* surrogate */
		{ "\xf4\x90\x80\x80", "\"????\"" },               /* above U+10FFFF */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf b = { 0 };

		assert_int_equal(buf_puts(&b, "x"), 0);
		assert_int_equal(jsonl_str(&b, rows[i].in, strlen(rows[i].in)), 0);
		if (strcmp(b.data + 1, rows[i].want) != 0 || b.data[0] != 'x')
			fail_msg("row %zu: got %s, want %s", i, b.data, rows[i].want);
		buf_free(&b);
	}
}

static void
test_numbers(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_int_equal(jsonl_strz(&b, NULL), 0);
	assert_int_equal(buf_putc(&b, ','), 0);
	assert_int_equal(jsonl_int(&b, 0), 0);
	assert_int_equal(buf_putc(&b, ','), 0);
	assert_int_equal(jsonl_int(&b, -42), 0);
	assert_int_equal(buf_putc(&b, ','), 0);
	assert_int_equal(jsonl_int(&b, INT64_MIN), 0);
	assert_int_equal(buf_putc(&b, ','), 0);
	assert_int_equal(jsonl_uint(&b, UINT64_MAX), 0);
	assert_string_equal(b.data, "null,0,-42,-9223372036854775808,18446744073709551615");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_like_jansson),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
