/* Unit tests: htmlesc — text, attribute and URL contexts of the pages. */
#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/htmlesc.h"

struct row {
	const char *in, *want;
};

/* Each row through fn: what it appends. */
static void
check_rows(int (*fn)(struct buf *, const char *), const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf b = { 0 };

		assert_int_equal(fn(&b, rows[i].in), 0);
		assert_string_equal(b.data != NULL ? b.data : "", rows[i].want);
		buf_free(&b);
	}
}

static void
test_text(void **state)
{
	static const struct row rows[] = {
		{ "plain", "plain" },                                            /* unchanged */
		{ "Ségou – Gao", "Ségou – Gao" },                                /* UTF-8 passes */
		{ "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" }, /* no element */
		{ "a \"q\" & 'b'", "a &quot;q&quot; &amp; &#39;b&#39;" },         /* attribute-safe */
		{ "&amp;", "&amp;amp;" },                                        /* no reference passes */
		{ "x\xe2\x80\xaey", "x\xef\xbf\xbdy" },                           /* RLO bidi control */
		{ "x\xe2\x81\xa6y", "x\xef\xbf\xbdy" },                           /* LRI isolate */
		{ "a\x1b[1mb", "a\xef\xbf\xbd[1mb" },                            /* terminal escape */
		{ "bad \xc3\x28", "bad \xef\xbf\xbd(" },                           /* invalid UTF-8 */
		{ "tab\tnl\n", "tab\tnl\n" },                                    /* white space kept */
		{ "cr\r", "cr\xef\xbf\xbd" },                                    /* CR replaced */
		{ "", "" },                                                      /* empty */
		{ NULL, "" },                                                    /* NULL: nothing */
	};

	(void)state;
	check_rows(htmlesc_text, rows, sizeof(rows) / sizeof(rows[0]));
}

static void
test_url_component(void **state)
{
	static const struct row rows[] = {
		{ "Mali", "Mali" },                                   /* plain */
		{ "Burkina Faso", "Burkina%20Faso" },                 /* blank */
		{ "a&b=c#d?e/f", "a%26b%3Dc%23d%3Fe%2Ff" },           /* no new parameter */
		{ "Côte", "C%C3%B4te" },                              /* UTF-8 bytes */
		{ "x\"><y", "x%22%3E%3Cy" },                          /* nothing to break out */
		{ "-._~", "-._~" },                                   /* unreserved */
	};

	(void)state;
	check_rows(htmlesc_url_component, rows, sizeof(rows) / sizeof(rows[0]));
}

static void
test_href(void **state)
{
	static const struct {
		const char *in;
		int rc;
		const char *want;
	} rows[] = {
		{ "https://www.ohchr.org/en/a?x=1&y=2", 0,
		  "https://www.ohchr.org/en/a?x=1&amp;y=2" },             /* & in an attribute */
		{ "HTTP://example.org/", 0, "HTTP://example.org/" },       /* any case */
		{ "javascript:alert(1)", 1, "" },                          /* no script */
		{ "data:text/html,<b>", 1, "" },                           /* no data: */
		{ "/relative", 1, "" },                                    /* not absolute */
		{ "https://x.org/\"onmouseover=\"a", 0,
		  "https://x.org/&quot;onmouseover=&quot;a" },             /* quote escaped */
		{ "https://x.org/a b", 1, "" },                            /* a blank */
		{ "https://x.org/\xc3\xa9", 1, "" },                       /* raw non-ASCII */
		{ NULL, 1, "" },                                           /* none */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf b = { 0 };

		assert_int_equal(htmlesc_href(&b, rows[i].in), rows[i].rc);
		assert_string_equal(b.data != NULL ? b.data : "", rows[i].want);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_url_component),
		cmocka_unit_test(test_href),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
