/* Unit tests: every sink untrusted text reaches — a log line, a key=value
 * field, a CLI table cell, the `status` table and JSON, a syslog record
 * (RFC 5424 and the local socket's form), an alert's text and a mail
 * header — against one table of hostile strings: none lets a control
 * character (C0, DEL, C1, a bidirectional control, U+2028/U+2029) or
 * invalid UTF-8 through raw. */
#include <unistd.h>

#include <jansson.h>

#include "unit.h"
#include "rightswatch/alert.h"
#include "rightswatch/buf.h"
#include "rightswatch/escape.h"
#include "rightswatch/log.h"
#include "rightswatch/notify_syslog.h"
#include "rightswatch/status.h"
#include "rightswatch/utf8.h"

/* The hostile strings, with what escape_logs makes of each (the log, the
 * CLI tables and the `status` table show that form). */
static const struct {
	const char *in, *logs;
} rows[] = {
	{ "Ségou – Gao", "Ségou – Gao" },                              /* valid text passes */
	{ "a\nforged: line", "a\\x0aforged: line" },                   /* C0: a newline */
	{ "\x1b[2Jclear", "\\x1b[2Jclear" },                           /* C0: a terminal escape */
	{ "del\x7f", "del\\x7f" },                                     /* DEL */
	{ "nel\xc2\x85line", "nel\\xc2\\x85line" },                    /* C1: NEXT LINE */
	{ "csi\xc2\x9b" "31m", "csi\\xc2\\x9b31m" },                   /* C1: CSI */
	{ "gpj.\xe2\x80\xae" "exe", "gpj.\\xe2\\x80\\xaeexe" },         /* RIGHT-TO-LEFT OVERRIDE */
	{ "\xe2\x80\xaaltr", "\\xe2\\x80\\xaaltr" },                   /* LEFT-TO-RIGHT EMBEDDING */
	{ "iso\xe2\x81\xa6x\xe2\x81\xa9", "iso\\xe2\\x81\\xa6x\\xe2\\x81\\xa9" }, /* LRI ... PDI */
	{ "fsi\xe2\x81\xa8", "fsi\\xe2\\x81\\xa8" },                   /* FIRST STRONG ISOLATE */
	{ "ls\xe2\x80\xa8ps\xe2\x80\xa9", "ls\\xe2\\x80\\xa8ps\\xe2\\x80\\xa9" }, /* U+2028, U+2029 */
	{ "rlm\xe2\x80\x8f", "rlm\\xe2\\x80\\x8f" },                   /* RIGHT-TO-LEFT MARK */
	{ "alm\xd8\x9c", "alm\\xd8\\x9c" },                            /* ARABIC LETTER MARK */
	{ "bad\xc3(", "bad\\xc3(" },                                   /* invalid UTF-8 */
	{ "over\xc0\xaflong", "over\\xc0\\xaflong" },                  /* an overlong '/' */
	{ "sur\xed\xa0\x80", "sur\\xed\\xa0\\x80" },                   /* a UTF-16 surrogate */
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* s holds no control (but the newlines a multi-line sink writes, when
 * lines is set) and is valid UTF-8. */
static void
assert_clean(const char *sink, size_t row, const char *s, int lines)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (k == 0 || (utf8_is_control(cp) && !(lines && (cp == '\n' || cp == '\r')))) {
			print_error("sink %s, row %zu: raw byte 0x%02x at %zu in \"%s\"\n", sink, row,
			    (unsigned char)s[i], i, s);
			fail();
		}
		i += k;
	}
}

/* How many lines s has. */
static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* One log line as the daemon writes it (stderr captured through a pipe). */
static void
log_line(const char *text, char *out, size_t outlen)
{
	int p[2], saved;
	ssize_t n;

	assert_int_equal(pipe(p), 0);
	fflush(stderr);
	saved = dup(2);
	dup2(p[1], 2);
	log_warnx("title=%s", text);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(p[1]);
	n = read(p[0], out, outlen - 1);
	close(p[0]);
	assert_true(n > 0);
	out[n] = '\0';
}

static void
test_escape_sinks(void **state)
{
	char out[512], line[4096];

	(void)state;
	for (size_t i = 0; i < NROWS; i++) {
		assert_string_equal(escape_logs(out, sizeof(out), rows[i].in), rows[i].logs);
		escape_kv(out, sizeof(out), rows[i].in);
		assert_clean("escape_kv", i, out, 0);
		escape_controls(out, sizeof(out), rows[i].in);
		assert_clean("escape_controls", i, out, 0);
		/* The log escapes a whole line, whatever its caller forgot. */
		log_line(rows[i].in, line, sizeof(line));
		assert_int_equal(count_lines(line), 1);
		assert_non_null(strstr(line, rows[i].logs));
		assert_clean("log", i, line, 1);
	}
}

static void
test_syslog_sinks(void **state)
{
	(void)state;
	for (size_t i = 0; i < NROWS; i++) {
		struct notify_syslog_param prm = { "title", rows[i].in };
		struct notify_syslog_record r = { 4, 1628244000, -1, "alert", "x@32473", &prm, 1,
			rows[i].in };
		struct buf line = { 0 }, local = { 0 };

		assert_int_equal(notify_syslog_format(&line, 3, "host", "rw", "1", &r, 0, NULL, 0), 0);
		assert_clean("syslog rfc5424", i, line.data, 0);
		assert_int_equal(notify_syslog_escape_msg(&local, rows[i].in), 0);
		assert_clean("syslog local", i, local.data != NULL ? local.data : "", 0);
		buf_free(&line);
		buf_free(&local);
	}
}

static void
test_status_sinks(void **state)
{
	(void)state;
	for (size_t i = 0; i < NROWS; i++) {
		char name[] = "src", *result = strdup(rows[i].in), thr[] = "t", ind[] = "killed";
		char dname[] = "mail";
		struct status_source src = { .name = name, .health = STORE_HEALTH_FAILING,
			.polled = 1, .items = 3, .last_poll = 100, .next_due = 200,
			.last_result = result };
		struct status_dest dst = { dname, "email", 2, 0, 900, strdup(rows[i].in) };
		struct status_missing miss = { .threshold = thr, .indicator = ind,
			.country = strdup(rows[i].in) };
		struct status_silence sil = { .id = 1, .threshold = thr, .until = 2000,
			.reason = strdup(rows[i].in) };
		struct status s = { .now = 1000, .sources = &src, .nsources = 1, .thresholds = 1,
			.missing = &miss, .nmissing = 1, .outbox_pending = -1, .silences = &sil,
			.nsilences = 1, .db_bytes = -1, .dests = &dst, .ndests = 1 };
		json_t *j, *v;
		char *text = NULL, *json;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);

		assert_non_null(fp);
		status_print(fp, &s);
		fclose(fp);
		assert_clean("status table", i, text, 1);
		assert_non_null(strstr(text, rows[i].logs));
		free(text);
		/* JSON escapes what it must; the strings it holds are clean too. */
		assert_non_null(json = status_json(&s));
		assert_non_null(j = json_loads(json, 0, NULL));
		v = json_object_get(json_array_get(json_object_get(j, "sources"), 0), "last_result");
		assert_clean("status json", i, json_string_value(v), 0);
		v = json_object_get(json_array_get(json_object_get(j,
		    "thresholds_lacking_baseline"), 0), "country");
		assert_clean("status json", i, json_string_value(v), 0);
		v = json_object_get(json_array_get(json_object_get(j, "silences"), 0), "reason");
		assert_clean("status json", i, json_string_value(v), 0);
		v = json_object_get(json_array_get(json_object_get(j, "destinations"), 0),
		    "last_error");
		assert_clean("status json", i, json_string_value(v), 0);
		json_decref(j);
		free(json);
		free(result);
		free(miss.country);
		free(sil.reason);
		free(dst.last_error);
	}
}

/* The text of RFC 2047 encoded-words "=?UTF-8?B?...?=" in a header. */
static void
decode_words(const char *h, char *out, size_t outlen)
{
	static const char tbl[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0;
	const char *p = h;

	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		uint32_t acc = 0;
		int bits = 0;

		for (p += 10; *p != '\0' && *p != '?'; p++) {
			const char *c = strchr(tbl, *p);

			if (*p == '=' || c == NULL)
				continue;
			acc = (acc << 6) | (uint32_t)(c - tbl);
			if ((bits += 6) >= 8) {
				bits -= 8;
				if (o + 1 < outlen)
					out[o++] = (char)((acc >> bits) & 0xff);
			}
		}
	}
	out[o] = '\0';
}

static void
test_alert_sinks(void **state)
{
	(void)state;
	for (size_t i = 0; i < NROWS; i++) {
		struct alert a;
		char *text, *syslog, *hdr, words[512];

		memset(&a, 0, sizeof(a));
		a.rule = "r";
		a.indicator = "killed";
		a.value = 12;
		a.title = rows[i].in;
		a.url = "https://example.org/x";
		a.sentence = rows[i].in;
		assert_non_null(text = alert_text(&a));
		assert_clean("alert text", i, text, 1);
		assert_non_null(syslog = alert_syslog(&a));
		assert_clean("alert syslog", i, syslog, 0);
		/* A mail header: encoded-words of clean text, folded with CRLF. */
		assert_non_null(hdr = alert_header_encode("Subject", rows[i].in));
		assert_clean("mail header", i, hdr, 1);
		decode_words(hdr, words, sizeof(words));
		assert_clean("mail header words", i, words, 0);
		free(text);
		free(syslog);
		free(hdr);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_sinks),
		cmocka_unit_test(test_syslog_sinks),
		cmocka_unit_test(test_status_sinks),
		cmocka_unit_test(test_alert_sinks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
