/* Unit tests: url — resolution, splitting, user information, link patterns. */
#include "unit.h"
#include "rightswatch/url.h"

static void
test_resolve(void **state)
{
	static const struct {
		const char *base, *ref, *want; /* want NULL: not resolvable */
	} rows[] = {
		{ "http://a.org/x/y", "../z", "http://a.org/z" },            /* relative path */
		{ "http://a.org/x/y", "//b.org/q", "http://b.org/q" },       /* protocol-relative */
		{ "https://a.org/x/", "?q=1", "https://a.org/x/?q=1" },      /* query only */
		{ "http://a.org/x", "/p#frag", "http://a.org/p" },           /* fragment dropped */
		{ NULL, "HTTP://EXAMPLE.ORG:80/A", "http://example.org/A" }, /* host lowered, default port */
		{ "http://a.org/", " \n http://b.org/c \n", "http://b.org/c" }, /* whitespace trimmed */
		{ "http://a.org/", "https://b.org:8443/", "https://b.org:8443/" }, /* absolute ref wins */
		{ "http://a.org/", "a b", "http://a.org/a%20b" },            /* space encoded */
		{ NULL, "/relative", NULL },                                 /* no base */
		{ "http://a.org/x", "", NULL },                              /* empty link */
		{ "not a url", "x", NULL },                                  /* bad base */
		{ "http://a.org/", "file:///etc/passwd", "file:///etc/passwd" }, /* parses; policy refuses */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *r = url_resolve(rows[i].base, rows[i].ref);
		if (rows[i].want == NULL)
			assert_null(r);
		else {
			assert_non_null(r);
			assert_string_equal(r, rows[i].want);
		}
		free(r);
	}
}

static void
test_split(void **state)
{
	static const struct {
		const char *url, *scheme, *host;
		int port; /* -1: must fail */
	} rows[] = {
		{ "http://A.Example.ORG/x", "http", "a.example.org", 80 }, /* default port, lowercased */
		{ "https://a.org:8443/", "https", "a.org", 8443 },         /* explicit port */
		{ "http://[::1]:8080/", "http", "[::1]", 8080 },           /* IPv6 literal */
		{ "http://2130706433/", "http", "127.0.0.1", 80 },         /* numeric IPv4 normalised */
		{ "/relative", NULL, NULL, -1 },                           /* not absolute */
	};
	char scheme[16], host[256];
	int port;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int rc = url_split(rows[i].url, scheme, sizeof(scheme), host, sizeof(host), &port);
		if (rows[i].port == -1) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(scheme, rows[i].scheme);
		assert_string_equal(host, rows[i].host);
		assert_int_equal(port, rows[i].port);
	}
}

static void
test_userinfo(void **state)
{
	(void)state;
	assert_int_equal(url_userinfo("http://a.org/x"), 0);
	assert_int_equal(url_userinfo("http://evil@a.org/x"), 1);
	assert_int_equal(url_userinfo("http://u:p@a.org/x"), 1);
	assert_int_equal(url_userinfo("/relative"), -1);
}

/* press-releases/YYYY/MM/slug; "?" runs are split so no trigraph forms. */
#define PAT_YM "https://www.ohchr.org/*/press-releases/?" "?" "?" "?/?" "?/*"

static void
test_pattern(void **state)
{
	static const struct {
		const char *url, *pattern;
		int want;
	} rows[] = {
		{ "https://www.ohchr.org/en/press-releases/2021/08/x", "https://www.ohchr.org/en/press-releases/", 1 }, /* prefix */
		{ "https://www.ohchr.org/en/statements/x", "https://www.ohchr.org/en/press-releases/", 0 }, /* prefix miss */
		{ "https://www.ohchr.org/en/press-releases/2021/08/x", PAT_YM, 1 }, /* glob */
		{ "https://www.ohchr.org/en/press-releases/21/08/x", PAT_YM, 0 }, /* ? counts */
		{ "https://a.org/x", "https://a.org/x*", 1 },  /* star matches empty */
		{ "https://a.org/xy", "https://a.org/x", 1 },  /* prefix, not whole */
		{ "https://a.org/xy", "https://a.org/?", 0 },  /* glob is whole-string */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*c", 0 }, /* no blow-up */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(url_match_pattern(rows[i].url, rows[i].pattern), rows[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_userinfo),
		cmocka_unit_test(test_pattern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
