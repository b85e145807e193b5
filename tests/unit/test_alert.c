/* Unit tests: alert — text, subject, syslog, JSON and RFC 5322 formatting
 * (golden files under tests/fixtures/alert/; RW_UPDATE_GOLDEN=1 rewrites
 * them), header injection, encoded-words, quoted-printable, addresses. */
#include <syslog.h>

#include "unit.h"
#include "rightswatch/alert.h"
#include "rightswatch/buf.h"

#define GOLDEN FIXTURES "/alert/"

/* 2021-08-06T10:00:00Z */
#define WHEN 1628244000

/* Compare got (NUL-terminated) with the golden file, or rewrite it. */
static void
golden(const char *name, const char *got)
{
	char path[256];
	size_t len = 0;
	char *want;

	assert_non_null(got);
	snprintf(path, sizeof(path), GOLDEN "%s", name);
	if (getenv("RW_UPDATE_GOLDEN") != NULL) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		fwrite(got, 1, strlen(got), f);
		fclose(f);
	}
	want = unit_read_file(path, &len);
	if (want == NULL)
		fail_msg("missing golden file %s", path);
	if (len != strlen(got) || memcmp(want, got, len) != 0)
		fail_msg("%s differs; got:\n%s", path, got);
	free(want);
}

static void
golden_free(const char *name, char *got)
{
	golden(name, got);
	free(got);
}

/* The mission's scenario, with fixture text written for these tests. */
static void
mission(struct alert *a)
{
	memset(a, 0, sizeof(*a));
	a->rule = "mali_abductions_h1";
	a->fingerprint = "mali_abductions_h1|Mali|abductions|2021-01-01/2021-06-30";
	a->severity = RULES_CRITICAL;
	a->compare = RULES_PRIOR_YEAR_TOTAL;
	a->factor = 1.0;
	a->country = "Mali";
	a->indicator = "abductions";
	a->value = 435;
	a->qualifier = EXTRACT_EXACT;
	a->has_period = 1;
	assert_int_equal(bperiod_parse("2021-H1", &a->period), 0);
	a->has_baseline = 1;
	a->baseline_value = 87;
	assert_int_equal(bperiod_parse("2020", &a->baseline_period), 0);
	a->baseline_origin = RULES_CONFIGURED;
	a->baseline_source = "test fixture: a figure invented for this test";
	a->limit = 87;
	a->ratio = 5.0;
	a->title = "Mali: abductions climb in the centre, UN human rights office says";
	a->date = "2021-08-06";
	a->url = "https://example.org/en/press-releases/2021/08/mali-abductions";
	a->sentence = "In the first half of this year, the human rights division "
	    "recorded 435 abductions \xe2\x80\x93 \"far more\" than in all of the previous year.";
}

/* With [daemon] public_url, the text and the JSON link to the
 * dashboard's release page and series (names percent-encoded, one slash
 * between the address and the path); without it, neither does. */
static void
test_dashboard_links(void **state)
{
	struct alert a;
	char *text, *json;

	(void)state;
	mission(&a);
	a.doc_id = 7;
	a.country = "Côte d'Ivoire";
	a.public_url = "https://rw.example.org/dash/";
	text = alert_text(&a);
	json = alert_json_text(&a);
	assert_non_null(strstr(text, "\nDashboard:  https://rw.example.org/dash/release/7\n"));
	assert_non_null(strstr(text, "\nSeries:     https://rw.example.org/dash/series?"
	    "country=C%C3%B4te%20d%27Ivoire&indicator=abductions\n"));
	assert_non_null(strstr(json, "\"dashboard\":{\"release\":\"https://rw.example.org/dash/"
	    "release/7\",\"series\":\"https://rw.example.org/dash/series?country="
	    "C%C3%B4te%20d%27Ivoire&indicator=abductions\"}"));
	free(text);
	free(json);
	a.public_url = NULL;
	text = alert_text(&a);
	json = alert_json_text(&a);
	assert_null(strstr(text, "Dashboard:"));
	assert_non_null(strstr(json, "\"dashboard\":null"));
	free(text);
	free(json);
}

static void
test_golden_mission(void **state)
{
	struct alert a;
	const char *to[] = { "ops@example.org", "duty@example.net" };
	struct alert_mail m = { "rightswatch@alerts.example.org", to, 2, NULL, WHEN, "alert-1.email" };
	char err[128];

	(void)state;
	mission(&a);
	golden_free("mission.txt", alert_text(&a));
	golden_free("mission.subject", alert_subject(&a, NULL));
	golden_free("mission.syslog", alert_syslog(&a));
	golden_free("mission.json", alert_json_text(&a));
	golden_free("mission.eml", alert_rfc5322(&a, &m, err, sizeof(err)));
}

/* An update, approximately crossed, against the same period a year earlier. */
static void
test_golden_update(void **state)
{
	struct alert a;

	(void)state;
	mission(&a);
	a.rule = "mali_abductions_pace";
	a.fingerprint = NULL;
	a.severity = RULES_WARNING;
	a.compare = RULES_SAME_PERIOD_PRIOR_YEAR;
	a.factor = 2.0;
	a.value = 480;
	a.qualifier = EXTRACT_APPROX;
	a.approximate = 1;
	a.has_previous = 1;
	a.previous_value = 435;
	assert_int_equal(bperiod_parse("2020-H1", &a.baseline_period), 0);
	a.baseline_value = 200;
	a.baseline_origin = RULES_REPORTED;
	a.baseline_source = "Mali: an earlier release (fixture)";
	a.limit = 400;
	a.ratio = 1.2;
	golden_free("update.txt", alert_text(&a));
	golden_free("update.syslog", alert_syslog(&a));
	golden_free("update.json", alert_json_text(&a));
}

/* A test alert with a non-ASCII country: encoded-word subject. */
static void
test_golden_test_alert(void **state)
{
	struct alert a;
	const char *to[] = { "ops@example.org" };
	struct alert_mail m = { "rw@example.org", to, 1, "[rw]", WHEN + 86400 * 3 + 61, "test.1628244000.7" };
	char err[128];

	(void)state;
	memset(&a, 0, sizeof(a));
	a.rule = "test-alert";
	a.severity = RULES_INFO;
	a.compare = RULES_VALUE;
	a.factor = 1.0;
	a.country = "C\xc3\xb4te d\xe2\x80\x99Ivoire";
	a.indicator = "d\xc3\xa9plac\xc3\xa9s";
	a.value = 1234;
	a.qualifier = EXTRACT_MORE_THAN;
	a.limit = 1000;
	a.ratio = 1.234;
	a.title = "Essai de bout en bout : les d\xc3\xa9plac\xc3\xa9s";
	a.sentence = ".Une ligne qui commence par un point, et = un signe \xc3\xa9gal.";
	a.is_test = 1;
	golden_free("test.txt", alert_text(&a));
	golden_free("test.eml", alert_rfc5322(&a, &m, err, sizeof(err)));
	golden_free("test.json", alert_json_text(&a));
}

static void
test_subjects(void **state)
{
	static const struct {
		enum rules_compare compare;
		double factor;
		enum extract_qualifier q;
		int approx, has_baseline, has_previous, is_test;
		const char *expected;
	} rows[] = {
		/* the mission */
		{ RULES_PRIOR_YEAR_TOTAL, 1.0, EXTRACT_EXACT, 0, 1, 0, 0,
		  "[rightswatch] CRITICAL Mali abductions 435 (2021-H1) > 2020 total 87 (5.0x)" },
		/* a factor is shown */
		{ RULES_PRIOR_YEAR_TOTAL, 2.5, EXTRACT_AT_LEAST, 0, 1, 0, 0,
		  "[rightswatch] CRITICAL Mali abductions at least 435 (2021-H1) > 2.5 x 2020 total 87 (5.0x)" },
		/* same period */
		{ RULES_SAME_PERIOD_PRIOR_YEAR, 1.0, EXTRACT_MORE_THAN, 0, 1, 0, 0,
		  "[rightswatch] CRITICAL Mali abductions more than 435 (2021-H1) > 2020 87 (5.0x)" },
		/* previous report, an update */
		{ RULES_PREVIOUS_REPORT, 1.0, EXTRACT_EXACT, 0, 1, 1, 0,
		  "[rightswatch] CRITICAL Mali abductions 435 (2021-H1, up from 300) > previous 87 (5.0x)" },
		/* annualised, approximately */
		{ RULES_ANNUALIZED_PRIOR_YEAR, 1.0, EXTRACT_APPROX, 1, 1, 0, 0,
		  "[rightswatch] CRITICAL Mali abductions about 435 (2021-H1) annualized approximately > 2020 total 87 (5.0x)" },
		/* a plain value */
		{ RULES_VALUE, 1.0, EXTRACT_EXACT, 0, 0, 0, 0,
		  "[rightswatch] CRITICAL Mali abductions 435 (2021-H1) > 87 (5.0x)" },
		/* a test alert */
		{ RULES_VALUE, 1.0, EXTRACT_EXACT, 0, 0, 0, 1,
		  "[rightswatch] TEST CRITICAL Mali abductions 435 (2021-H1) > 87 (5.0x)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct alert a;
		char *s;

		mission(&a);
		a.compare = rows[i].compare;
		a.factor = rows[i].factor;
		a.qualifier = rows[i].q;
		a.approximate = rows[i].approx;
		a.has_baseline = rows[i].has_baseline;
		a.has_previous = rows[i].has_previous;
		a.previous_value = 300;
		a.is_test = rows[i].is_test;
		s = alert_subject(&a, NULL);
		assert_string_equal(s, rows[i].expected);
		free(s);
	}
}

/* Every header line is a field or a continuation, CRLF only, within 78
 * characters, and nothing injected appears as a field; the body is CRLF
 * with lines of at most 76. */
static void
check_message(const char *msg, const char *forbidden)
{
	const char *body = strstr(msg, "\r\n\r\n");
	const char *p = msg;

	assert_non_null(body);
	for (const char *c = msg; *c != '\0'; c++) {
		if (*c == '\r')
			assert_int_equal(c[1], '\n');
		if (*c == '\n')
			assert_true(c > msg && c[-1] == '\r');
	}
	while (p < body + 2) {
		const char *e = strstr(p, "\r\n");
		size_t n = (size_t)(e - p);

		if (n > 78)
			fail_msg("header line of %zu: %.*s", n, (int)n, p);
		assert_true(p[0] == ' ' || memchr(p, ':', n) != NULL);
		if (forbidden != NULL)
			assert_false(strncasecmp(p, forbidden, strlen(forbidden)) == 0);
		p = e + 2;
	}
	for (p = body + 4; *p != '\0';) {
		const char *e = strstr(p, "\r\n");

		assert_non_null(e);
		assert_true(e - p <= 76);
		for (const char *c = p; c < e; c++)
			assert_true((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f);
		p = e + 2;
	}
}

static void
test_header_injection(void **state)
{
	static const char *const evil[] = {
		/* CRLF and a new field */
		"x\r\nBcc: victim@example.com",
		/* a bare LF */
		"x\nBcc: victim@example.com",
		/* a bare CR */
		"x\rBcc: victim@example.com",
		/* an empty line to end the header early */
		"x\r\n\r\nBcc: victim@example.com",
		/* folding whitespace after the break */
		"x\r\n Bcc: victim@example.com",
		/* Unicode line separator and NEL */
		"x\xe2\x80\xa8" "Bcc: a@b.c\xc2\x85" "Bcc: a@b.c",
		/* invalid UTF-8 and NUL-free controls */
		"x\xff\xfe\x01\x1b[0mBcc: a@b.c",
	};
	const char *to[] = { "ops@example.org" };
	struct alert_mail m = { "rw@example.org", to, 1, NULL, WHEN, "a.1" };
	char err[128];

	(void)state;
	for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		struct alert a;
		char *msg;

		mission(&a);
		a.title = a.sentence = a.url = a.baseline_source = evil[i];
		a.rule = a.country = a.indicator = evil[i];
		m.subject_prefix = evil[i];
		msg = alert_rfc5322(&a, &m, err, sizeof(err));
		assert_non_null(msg);
		check_message(msg, "Bcc:");
		free(msg);
	}
}

static void
test_addresses(void **state)
{
	static const struct {
		const char *addr;
		int valid;
	} rows[] = {
		/* plain */
		{ "ops@example.org", 1 },
		/* single-label domain (a local test server) */
		{ "root@localhost", 1 },
		/* plus, dots and other atext */
		{ "first.last+alerts@mail.example.co.uk", 1 },
		{ "o'brien@example.ie", 1 },
		/* hyphen inside a label */
		{ "a@mail-relay.example.org", 1 },
		/* no @, empty parts */
		{ "example.org", 0 },
		{ "@example.org", 0 },
		{ "ops@", 0 },
		/* dots misplaced */
		{ ".ops@example.org", 0 },
		{ "ops.@example.org", 0 },
		{ "o..ps@example.org", 0 },
		{ "ops@example..org", 0 },
		{ "ops@.example.org", 0 },
		{ "ops@example.org.", 0 },
		/* labels starting or ending with a hyphen */
		{ "ops@-example.org", 0 },
		{ "ops@example-.org", 0 },
		/* spaces, controls, angle brackets, commas, quotes */
		{ "o ps@example.org", 0 },
		{ "ops@example.org\r\nBcc: x@y.z", 0 },
		{ "<ops@example.org>", 0 },
		{ "ops@example.org,x@y.z", 0 },
		{ "\"ops\"@example.org", 0 },
		{ "ops@exa_mple.org", 0 },
		/* two @ */
		{ "a@b@example.org", 0 },
		/* non-ASCII */
		{ "op\xc3\xa9@example.org", 0 },
		/* local part of 65 bytes */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org", 0 },
		/* a label of 64 bytes */
		{ "a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.org", 0 },
		/* empty and NULL */
		{ "", 0 },
		{ NULL, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (alert_address_valid(rows[i].addr) != rows[i].valid)
			fail_msg("row %zu: %s", i, rows[i].addr ? rows[i].addr : "(null)");
}

static void
test_mail_refused(void **state)
{
	static const struct {
		const char *from, *to;
		size_t nto;
		const char *id;
		const char *err;
	} rows[] = {
		/* a bad sender */
		{ "rightswatch", "ops@example.org", 1, "x", "invalid from address" },
		/* a bad recipient */
		{ "rw@example.org", "ops@example.org>", 1, "x", "invalid to address" },
		/* no recipient */
		{ "rw@example.org", "ops@example.org", 0, "x", "no recipient" },
		/* a Message-ID left part with nothing usable */
		{ "rw@example.org", "ops@example.org", 1, "...", "empty Message-ID" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct alert a;
		const char *to[] = { rows[i].to };
		struct alert_mail m = { rows[i].from, to, rows[i].nto, NULL, WHEN, rows[i].id };
		char err[64] = "";

		mission(&a);
		assert_null(alert_rfc5322(&a, &m, err, sizeof(err)));
		assert_string_equal(err, rows[i].err);
	}
}

static void
test_header_encode(void **state)
{
	static const struct {
		const char *value;
		const char *expected;
	} rows[] = {
		/* ASCII stays plain */
		{ "hello world", "Subject: hello world" },
		/* long ASCII folds before a word */
		{ "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh",
		  "Subject: aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg\r\n hhhhhhhhh" },
		/* CR and LF become spaces */
		{ "a\r\nb", "Subject: a b" },
		/* runs of spaces squeezed, ends trimmed */
		{ "  a   b  ", "Subject: a b" },
		/* a word too long to fold: encoded-words instead */
		{ "x aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "Subject: =?UTF-8?B?eCBhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh?=\r\n =?UTF-8?B?YWFhYWFhYWFhYWFhYWFhYWFhYWFh?=" },
		/* non-ASCII: one encoded-word */
		{ "caf\xc3\xa9", "Subject: =?UTF-8?B?Y2Fmw6k=?=" },
		/* non-ASCII, long: split on character boundaries, 42 bytes a word */
		{ "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		  "\xc3\xa9\xc3\xa9",
		  "Subject: =?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOp?=\r\n"
		  " =?UTF-8?B?w6k=?=" },
		/* a tab is a control: a space */
		{ "a\tb", "Subject: a b" },
		/* empty */
		{ "", "Subject:" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *s = alert_header_encode("Subject", rows[i].value);

		assert_string_equal(s, rows[i].expected);
		free(s);
	}
}

static void
test_qp(void **state)
{
	static const struct {
		const char *in;
		const char *out;
	} rows[] = {
		/* plain text, LF to CRLF */
		{ "abc\ndef\n", "abc\r\ndef\r\n" },
		/* CRLF and bare CR are line breaks too */
		{ "a\r\nb\rc", "a\r\nb\r\nc" },
		/* '=' and 8-bit bytes encoded */
		{ "a=b \xc3\xa9", "a=3Db =C3=A9" },
		/* trailing white space encoded */
		{ "a \nb\t\n", "a=20\r\nb=09\r\n" },
		/* a '.' or "From " opening a line */
		{ ".x\nFrom here\nFromage", "=2Ex\r\n=46rom here\r\nFromage" },
		/* a control character */
		{ "a\x01z", "a=01z" },
		/* 80 letters: a soft break after 75 */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=\r\naaaaa" },
		/* exactly 76 letters fit on one line */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
		/* an encoded byte is never split by a soft break */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=\r\n=C3=A9" },
		/* a '.' that lands at the start of a line after a soft break */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=\r\n=2Eb" },
		/* empty */
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *s = alert_qp_encode(rows[i].in, strlen(rows[i].in));

		assert_string_equal(s, rows[i].out);
		free(s);
	}
}

/* Decoding our QP gives back the text with CRLF line breaks. */
static void
test_qp_roundtrip(void **state)
{
	char in[4000], *enc;
	struct buf want = { 0 }, got = { 0 };
	unsigned x = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(in) - 1; i++) {
		static const char alpha[] = "ab =.\t\n\r\xc3\xa9xyzF";

		x = x * 1103515245u + 12345u;
		in[i] = alpha[(x >> 16) % (sizeof(alpha) - 1)];
	}
	in[sizeof(in) - 1] = '\0';
	enc = alert_qp_encode(in, strlen(in));
	assert_non_null(enc);
	for (size_t i = 0; in[i] != '\0'; i++) {
		if (in[i] == '\r' && in[i + 1] == '\n')
			continue;
		if (in[i] == '\r' || in[i] == '\n')
			assert_int_equal(buf_puts(&want, "\r\n"), 0);
		else
			assert_int_equal(buf_putc(&want, in[i]), 0);
	}
	for (char *p = enc; *p != '\0'; p++) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 2;
		} else if (p[0] == '=') {
			unsigned v;

			assert_int_equal(sscanf(p + 1, "%2X", &v), 1);
			assert_int_equal(buf_putc(&got, (char)v), 0);
			p += 2;
		} else {
			assert_int_equal(buf_putc(&got, *p), 0);
		}
	}
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len);
	buf_free(&want);
	buf_free(&got);
	free(enc);
}

static void
test_syslog_escaping(void **state)
{
	static const struct {
		const char *title;
		const char *expected; /* the title="..." field */
	} rows[] = {
		/* quotes and backslashes */
		{ "say \"no\" \\ now", "title=\"say \\\"no\\\" \\\\ now\"" },
		/* line breaks and tabs */
		{ "a\r\nb\tc", "title=\"a\\r\\nb\\tc\"" },
		/* other controls and DEL */
		{ "a\x01\x1b\x7f", "title=\"a\\x01\\x1B\\x7F\"" },
		/* invalid UTF-8 bytes */
		{ "a\xff\xc3", "title=\"a\\xFF\\xC3\"" },
		/* valid UTF-8 kept */
		{ "C\xc3\xb4te", "title=\"C\xc3\xb4te\"" },
		/* a format directive is only text */
		{ "%s%n%x", "title=\"%s%n%x\"" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct alert a;
		char *s;

		mission(&a);
		a.title = rows[i].title;
		s = alert_syslog(&a);
		assert_non_null(s);
		if (strstr(s, rows[i].expected) == NULL)
			fail_msg("row %zu: %s", i, s);
		assert_null(strchr(s, '\n'));
		assert_null(strchr(s, '\r'));
		free(s);
	}
}

static void
test_syslog_cut(void **state)
{
	char *big = malloc(5000), *s;
	struct alert a;

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 4999);
	big[4999] = '\0';
	mission(&a);
	a.sentence = big;
	s = alert_syslog(&a);
	assert_non_null(s);
	assert_true(strlen(s) < 3000);
	assert_non_null(strstr(s, "xxx...\""));
	free(s);
	free(big);
}

static void
test_priority(void **state)
{
	(void)state;
	assert_int_equal(alert_syslog_priority(RULES_CRITICAL), LOG_CRIT);
	assert_int_equal(alert_syslog_priority(RULES_WARNING), LOG_WARNING);
	assert_int_equal(alert_syslog_priority(RULES_INFO), LOG_INFO);
}

static void
test_json_fields(void **state)
{
	struct alert a;
	json_t *j;
	json_error_t e;
	char *s;

	(void)state;
	mission(&a);
	a.title = "bad \xff byte";
	s = alert_json_text(&a);
	assert_non_null(s);
	j = json_loads(s, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "bad \xef\xbf\xbd byte");
	assert_int_equal(json_integer_value(json_object_get(j, "value")), 435);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "baseline"), "origin")), "configured");
	assert_true(json_is_null(json_object_get(j, "previous_value")));
	assert_true(json_is_false(json_object_get(j, "test")));
	json_decref(j);
	free(s);
}

static void
test_from_decision(void **state)
{
	struct rules_threshold t = { 0 };
	struct rules_obs o = { 0 };
	struct rules_baseline b = { 0 };
	struct rules_decision d = { 0 };
	struct alert a;

	(void)state;
	t.name = "r", t.severity = RULES_WARNING, t.compare = RULES_PRIOR_YEAR_TOTAL, t.factor = 1;
	o.indicator = "abductions", o.country = "Mali", o.value = 435, o.has_period = 1;
	o.title = "T", o.url = "U", o.date = "D", o.sentence = "S";
	o.period = (struct bperiod){ { 2021, 1, 1 }, { 2021, 6, 30 } };
	b.value = 87, b.origin = RULES_IMPORTED, b.source = "src";
	b.period = (struct bperiod){ { 2020, 1, 1 }, { 2020, 12, 31 } };
	d.threshold = &t, d.obs = &o, d.baseline = &b, d.fingerprint = "fp";
	d.ratio = 5.0, d.limit = 87, d.has_previous = 1, d.previous_value = 400;
	alert_from_decision(&d, &a);
	assert_string_equal(a.rule, "r");
	assert_int_equal(a.severity, RULES_WARNING);
	assert_int_equal(a.has_baseline, 1);
	assert_int_equal(a.baseline_origin, RULES_IMPORTED);
	assert_string_equal(a.baseline_source, "src");
	assert_int_equal(a.previous_value, 400);
	assert_string_equal(a.sentence, "S");
	assert_string_equal(a.fingerprint, "fp");
	/* what was decided travels with it */
	assert_int_equal(a.compare, RULES_PRIOR_YEAR_TOTAL);
	assert_int_equal(a.compare_unknown, 0);
	assert_true(a.limit == 87.0 && a.factor == 1.0);
	assert_int_equal(a.has_period, 1);
	assert_int_equal(a.baseline_period.start.y, 2020);
}

/* A stock's alert says what it is as of, and the stock it rose from. */
static void
test_stock(void **state)
{
	struct alert a;
	char *subject, *text;

	(void)state;
	mission(&a);
	a.rule = "displaced-rising", a.indicator = "displaced", a.value = 75000;
	a.compare = RULES_PREVIOUS_REPORT, a.factor = 1.2, a.stock = 1;
	a.qualifier = EXTRACT_APPROX, a.approximate = 1;
	a.period = (struct bperiod){ { 2021, 10, 1 }, { 2021, 10, 1 } };
	a.baseline_value = 60000, a.baseline_origin = RULES_REPORTED;
	a.baseline_period = (struct bperiod){ { 2021, 8, 6 }, { 2021, 8, 6 } };
	a.limit = 72000, a.ratio = 75000.0 / 72000;
	subject = alert_subject(&a, NULL);
	text = alert_text(&a);
	assert_string_equal(subject, "[rightswatch] CRITICAL Mali displaced about 75000 "
	    "(as of 2021-10-01) approximately > 1.2 x previous 60000 (1.0x)");
	assert_non_null(strstr(text, "\nPeriod:     as of 2021-10-01 (a stock: the figure has "
	    "no period of its own)\n"));
	assert_non_null(strstr(text, "\nBaseline:   60000 as of 2021-08-06 (reported: "));
	free(subject);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_mission),
		cmocka_unit_test(test_dashboard_links),
		cmocka_unit_test(test_golden_update),
		cmocka_unit_test(test_golden_test_alert),
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_mail_refused),
		cmocka_unit_test(test_header_encode),
		cmocka_unit_test(test_qp),
		cmocka_unit_test(test_qp_roundtrip),
		cmocka_unit_test(test_syslog_escaping),
		cmocka_unit_test(test_syslog_cut),
		cmocka_unit_test(test_priority),
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_from_decision),
		cmocka_unit_test(test_stock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
