/* Unit tests: baseline_csv — reading (quoting, line endings, errors with
 * FILE:LINE) and writing baselines CSV; the shipped config/baselines.csv. */
#include "unit.h"
#include "rightswatch/baseline_csv.h"

struct errs {
	char msgs[8][256];
	int n;
};

static void
collect(void *arg, const char *msg)
{
	struct errs *e = arg;

	if (e->n < 8)
		snprintf(e->msgs[e->n], sizeof(e->msgs[0]), "%s", msg);
	e->n++;
}

#define H "country,indicator,period,value,source\n"

static void
test_parse(void **state)
{
	static const struct {
		const char *csv;
		int problems;
		const char *first_error; /* NULL: none expected */
		size_t nrows;
		const char *last;        /* "country|indicator|start/end|value|source" of the last row */
	} rows[] = {
		/* one plain row */
		{ H "Mali,abductions,2020,87,OHCHR\n", 0, NULL, 1,
		  "Mali|abductions|2020-01-01/2020-12-31|87|OHCHR" },
		/* no final newline, empty source */
		{ H "Mali,killed,2021-H1,5,", 0, NULL, 1,
		  "Mali|killed|2021-01-01/2021-06-30|5|(null)" },
		/* quoted comma, doubled quotes, quoted line break */
		{ H "Mali,killed,2021-Q2,5,\"a, \"\"b\"\"\nc\"\n", 0, NULL, 1,
		  "Mali|killed|2021-04-01/2021-06-30|5|a, \"b\"\nc" },
		/* CRLF endings and a BOM */
		{ "\xef\xbb\xbf" "country,indicator,period,value,source\r\nMali,killed,2021-05,7,x\r\n", 0, NULL, 1,
		  "Mali|killed|2021-05-01/2021-05-31|7|x" },
		/* empty lines are skipped */
		{ H "\n\r\nMali,killed,2021,1,x\n\n", 0, NULL, 1,
		  "Mali|killed|2021-01-01/2021-12-31|1|x" },
		/* a wrong header stops everything */
		{ "country,indicator,value,period,source\nMali,killed,2021,1,x\n", 1,
		  "f.csv:1: the header must be exactly \"country,indicator,period,value,source\"", 0, NULL },
		/* an empty file has no header */
		{ "", 1, "f.csv:1: the header must be exactly \"country,indicator,period,value,source\"", 0, NULL },
		/* a bad value is reported with its line; the next row is kept */
		{ H "Mali,killed,2021,-3,x\nMali,abductions,2021,4,y\n", 1,
		  "f.csv:2: invalid value \"-3\" (a non-negative integer)", 1,
		  "Mali|abductions|2021-01-01/2021-12-31|4|y" },
		/* decimals, spaces and overflow are not integers */
		{ H "Mali,killed,2021,4.5,x\nMali,killed,2020, 4,x\nMali,killed,2019,99999999999999999999,x\n", 3,
		  "f.csv:2: invalid value \"4.5\" (a non-negative integer)", 0, NULL },
		/* a bad period */
		{ H "Mali,killed,2021-H3,4,x\n", 1,
		  "f.csv:2: invalid period \"2021-H3\" (2020, 2020-H1, 2020-Q3, 2020-05 or 2020-01-01/2020-06-30)", 0, NULL },
		/* too few and too many fields */
		{ H "Mali,killed,2021,4\nMali,killed,2021,4,x,y\n", 2,
		  "f.csv:2: 4 fields, expected 5", 0, NULL },
		/* empty country or indicator */
		{ H ",killed,2021,4,x\nMali,,2021,4,x\n", 2, "f.csv:2: empty country", 0, NULL },
		/* a duplicate names the first line (after a multi-line field) */
		{ H "Mali,killed,2021,4,\"a\nb\"\nMali,killed,2021-01-01/2021-12-31,5,x\n", 1,
		  "f.csv:4: duplicate of line 2", 1, "Mali|killed|2021-01-01/2021-12-31|4|a\nb" },
		/* a stray quote inside a field */
		{ H "Mali,kil\"led,2021,4,x\nMali,killed,2021,4,x\n", 1,
		  "f.csv:2: malformed quoting", 1, "Mali|killed|2021-01-01/2021-12-31|4|x" },
		/* text after a closing quote */
		{ H "Mali,\"killed\"x,2021,4,x\n", 1, "f.csv:2: malformed quoting", 0, NULL },
		/* an unterminated quote swallows the rest: one problem */
		{ H "Mali,killed,2021,4,\"x\nMali,killed,2020,4,x\n", 1, "f.csv:2: malformed quoting", 0, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct baseline_csv_rows out;
		struct errs e = { .n = 0 };
		int rc = baseline_csv_parse("f.csv", rows[i].csv, strlen(rows[i].csv), &out, collect, &e);

		if (rc != rows[i].problems || e.n != rows[i].problems || out.n != rows[i].nrows)
			fail_msg("row %zu: %d problems (%s), %zu rows", i, rc, e.n ? e.msgs[0] : "", out.n);
		if (rows[i].first_error != NULL)
			assert_string_equal(e.msgs[0], rows[i].first_error);
		if (rows[i].last != NULL) {
			const struct rules_baseline *b = &out.rows[out.n - 1];
			char got[512], p[BPERIOD_FMT_MAX];

			snprintf(got, sizeof(got), "%s|%s|%s|%lld|%s", b->country, b->indicator,
			    bperiod_format_range(&b->period, p), (long long)b->value,
			    b->source != NULL ? b->source : "(null)");
			assert_string_equal(got, rows[i].last);
			assert_int_equal(b->origin, RULES_IMPORTED);
		}
		baseline_csv_rows_free(&out);
	}
	baseline_csv_rows_free(NULL);
}

/* A file with CRLF, quoting and a multi-line field survives a round trip:
 * read, write, read again gives the same baselines. */
static void
test_roundtrip(void **state)
{
	struct baseline_csv_rows a, b;
	struct buf out = { 0 };
	size_t len = 0;
	char *data = unit_read_file(FIXTURES "/baseline_csv/crlf.csv", &len);

	(void)state;
	assert_non_null(data);
	assert_int_equal(baseline_csv_parse("crlf.csv", data, len, &a, NULL, NULL), 0);
	assert_int_equal(a.n, 3);
	assert_string_equal(a.rows[1].source, "A \"quoted\" word\r\nand a second line");
	assert_null(a.rows[2].source);
	assert_int_equal(baseline_csv_write(&out, a.rows, a.n), 0);
	assert_string_equal(out.data,
	    "country,indicator,period,value,source\n"
	    "Mali,abductions,2020,87,\"Example source, with a comma\"\n"
	    "Mali,killed,2021-H1,1200,\"A \"\"quoted\"\" word\r\nand a second line\"\n"
	    "Niger,displaced,2021-Q1,0,\n");
	assert_int_equal(baseline_csv_parse("out", out.data, out.len, &b, NULL, NULL), 0);
	assert_int_equal(b.n, a.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_string_equal(a.rows[i].country, b.rows[i].country);
		assert_string_equal(a.rows[i].indicator, b.rows[i].indicator);
		assert_true(bperiod_equal(&a.rows[i].period, &b.rows[i].period));
		assert_int_equal(a.rows[i].value, b.rows[i].value);
		if (a.rows[i].source != NULL)
			assert_string_equal(a.rows[i].source, b.rows[i].source);
		else
			assert_null(b.rows[i].source);
	}
	baseline_csv_rows_free(&a);
	baseline_csv_rows_free(&b);
	buf_free(&out);
	free(data);
}

static void
test_write_quoting(void **state)
{
	static const struct {
		const char *source;
		const char *field;
	} rows[] = {
		/* plain */
		{ "OHCHR", "OHCHR" },
		/* edge spaces are quoted */
		{ " x ", "\" x \"" },
		/* a quote */
		{ "a\"b", "\"a\"\"b\"" },
		/* none */
		{ NULL, "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rules_baseline b = { 0 };
		struct buf out = { 0 };
		char want[128];

		b.country = "Mali", b.indicator = "killed", b.value = 3, b.source = rows[i].source;
		assert_int_equal(bperiod_parse("2020-07-01/2021-06-30", &b.period), 0);
		assert_int_equal(baseline_csv_write(&out, &b, 1), 0);
		snprintf(want, sizeof(want), "country,indicator,period,value,source\n"
		    "Mali,killed,2020-07-01/2021-06-30,3,%s\n", rows[i].field);
		assert_string_equal(out.data, want);
		buf_free(&out);
	}
}

/* The file the project ships parses without a problem. */
static void
test_shipped(void **state)
{
	struct baseline_csv_rows r;
	struct errs e = { .n = 0 };
	size_t len = 0;
	char *data = unit_read_file("config/baselines.csv", &len);

	(void)state;
	assert_non_null(data);
	assert_int_equal(baseline_csv_parse("config/baselines.csv", data, len, &r, collect, &e), 0);
	for (size_t i = 0; i < r.n; i++)
		assert_non_null(r.rows[i].source);
	baseline_csv_rows_free(&r);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_write_quoting),
		cmocka_unit_test(test_shipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
