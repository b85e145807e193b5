/* Unit tests: httpd — the head of a request read into its method, path
 * and version, row by row, and its query; and a listen value. */
#include "unit.h"
#include "rightswatch/httpd.h"

static void
test_request(void **state)
{
	static const struct {
		const char *head;
		int code;
		const char *method, *path;
		int minor;
	} rows[] = {
		{ "GET /metrics HTTP/1.1\r\nHost: x", 200, "GET", "/metrics", 1 },  /* plain */
		{ "HEAD /healthz HTTP/1.0", 200, "HEAD", "/healthz", 0 },          /* HTTP/1.0 */
		{ "GET /status?x=1#f HTTP/1.1", 200, "GET", "/status", 1 },        /* query dropped */
		{ "GET /metrics HTTP/1.1\nHost: x", 200, "GET", "/metrics", 1 },   /* LF only */
		{ "POST /metrics HTTP/1.1", 405, "POST", "", 1 },                  /* other method */
		{ "DELETE /x HTTP/1.1", 405, "DELETE", "", 1 },
		{ "GET http://a/metrics HTTP/1.1", 400, "GET", "", 1 },            /* absolute form */
		{ "GET /metrics HTTP/2.0", 400, "GET", "", 1 },                    /* not 1.x */
		{ "GET /metrics", 400, "GET", "", 1 },                             /* HTTP/0.9 */
		{ "GET  /metrics HTTP/1.1", 400, "GET", "", 1 },                   /* two spaces */
		{ "get /metrics HTTP/1.1", 400, "", "", 1 },                       /* lower case */
		{ "GET /a\x01b HTTP/1.1", 400, "GET", "", 1 },                     /* control in target */
		{ "", 400, "", "", 1 },                                            /* empty */
		{ "VERYLONGMETHODNAME / HTTP/1.1", 400, "", "", 1 },               /* method too long */
	};
	char method[16], path[32];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int minor = -1;
		int code = httpd_parse_request(rows[i].head, strlen(rows[i].head), method,
		    sizeof(method), path, sizeof(path), &minor);

		print_message("row %zu\n", i);
		assert_int_equal(code, rows[i].code);
		assert_string_equal(method, rows[i].method);
		assert_string_equal(path, rows[i].path);
		if (code == 200)
			assert_int_equal(minor, rows[i].minor);
	}
	/* a path longer than the caller's buffer is refused, not cut */
	assert_int_equal(httpd_parse_request("GET /0123456789012345678901234567890123 HTTP/1.1",
	    47, method, sizeof(method), path, sizeof(path), &(int){ 0 }), 400);
}

static void
test_query(void **state)
{
	static const struct {
		const char *head;
		int rc;
		const char *query;
	} rows[] = {
		{ "GET /series?country=Mali&indicator=abductions HTTP/1.1\r\nHost: x", 0,
		  "country=Mali&indicator=abductions" },                       /* a query */
		{ "GET /status HTTP/1.1\r\nX: a?b", 0, "" },                    /* none: a ? in a header */
		{ "GET /?page=2#top HTTP/1.1", 0, "page=2" },                  /* fragment dropped */
		{ "GET /? HTTP/1.1", 0, "" },                                  /* empty */
		{ "GET /?0123456789012345678901234567890123456789 HTTP/1.1", -1, "" }, /* too long */
	};
	char query[40];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row %zu\n", i);
		assert_int_equal(httpd_request_query(rows[i].head, strlen(rows[i].head), query,
		    sizeof(query)), rows[i].rc);
		if (rows[i].rc == 0)
			assert_string_equal(query, rows[i].query);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
