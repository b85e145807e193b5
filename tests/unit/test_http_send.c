/*
 * Unit tests: http sending — http_post against tests/servers/faultserver.py
 * (body and headers as the server saw them, 2xx/4xx/5xx answers, no
 * redirects, refused header lines) and http_smtp_send against
 * tests/servers/smtpserver.py, a real SMTP server (Debian's aiosmtpd):
 * message bytes and envelope as received, AUTH, a 451 at DATA, STARTTLS
 * required against a server without it, a refused scheme. Also the table of
 * http_post_outcome / http_smtp_outcome.
 */
#include "unit.h"

#include <sys/types.h>
#include <unistd.h>

#include <event2/event.h>
#include <jansson.h>

#include "rightswatch/http.h"

/* ---- the outcome tables ------------------------------------------------ */

static void
test_post_outcome(void **state)
{
	static const struct {
		long status;
		enum http_error e;
		enum http_outcome want;
	} rows[] = {
		{ 200, HTTP_OK, HTTP_OUTCOME_SUCCESS },              /* OK */
		{ 204, HTTP_OK, HTTP_OUTCOME_SUCCESS },              /* No Content */
		{ 299, HTTP_OK, HTTP_OUTCOME_SUCCESS },              /* top of 2xx */
		{ 301, HTTP_OK, HTTP_OUTCOME_RETRY },                /* redirect: not followed, retried */
		{ 400, HTTP_OK, HTTP_OUTCOME_PERMANENT },            /* bad request */
		{ 401, HTTP_OK, HTTP_OUTCOME_PERMANENT },            /* unauthorised */
		{ 404, HTTP_OK, HTTP_OUTCOME_PERMANENT },            /* not found */
		{ 429, HTTP_OK, HTTP_OUTCOME_RETRY },                /* too many requests */
		{ 499, HTTP_OK, HTTP_OUTCOME_PERMANENT },            /* top of 4xx */
		{ 500, HTTP_OK, HTTP_OUTCOME_RETRY },                /* server error */
		{ 503, HTTP_OK, HTTP_OUTCOME_RETRY },                /* unavailable */
		{ 100, HTTP_OK, HTTP_OUTCOME_RETRY },                /* odd status */
		{ 0, HTTP_ERR_TRANSPORT, HTTP_OUTCOME_RETRY },       /* connection refused */
		{ 0, HTTP_ERR_TIMEOUT, HTTP_OUTCOME_RETRY },         /* timeout */
		{ 200, HTTP_ERR_TOO_BIG, HTTP_OUTCOME_RETRY },       /* answer too long */
		{ 0, HTTP_ERR_CANCELLED, HTTP_OUTCOME_RETRY },       /* shutdown */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (http_post_outcome(rows[i].status, rows[i].e) != rows[i].want)
			fail_msg("row %zu: status %ld error %d", i, rows[i].status, (int)rows[i].e);
}

static void
test_smtp_outcome(void **state)
{
	static const struct {
		long status;
		enum http_error e;
		enum http_outcome want;
	} rows[] = {
		{ 250, HTTP_OK, HTTP_OUTCOME_SUCCESS },              /* accepted */
		{ 451, HTTP_ERR_TRANSPORT, HTTP_OUTCOME_RETRY },     /* try again later */
		{ 421, HTTP_ERR_TRANSPORT, HTTP_OUTCOME_RETRY },     /* closing */
		{ 550, HTTP_ERR_TRANSPORT, HTTP_OUTCOME_PERMANENT }, /* mailbox unavailable */
		{ 535, HTTP_ERR_TRANSPORT, HTTP_OUTCOME_PERMANENT }, /* bad credentials */
		{ 0, HTTP_ERR_TRANSPORT, HTTP_OUTCOME_RETRY },       /* no server */
		{ 0, HTTP_ERR_TIMEOUT, HTTP_OUTCOME_RETRY },         /* timeout */
		{ 0, HTTP_ERR_CANCELLED, HTTP_OUTCOME_RETRY },       /* shutdown */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (http_smtp_outcome(rows[i].status, rows[i].e) != rows[i].want)
			fail_msg("row %zu: status %ld error %d", i, rows[i].status, (int)rows[i].e);
}

/* ---- servers ------------------------------------------------------------ */

struct server {
	pid_t pid;
	int port;
};

static char tmpdir[64];

/* The Debian python3 (where python3-aiosmtpd lives), else whatever is on PATH. */
static const char *
system_python(void)
{
	return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

static struct server fault = { .pid = -1 };
static char fault_log[128];

static int
setup(void **state)
{
	const char *argv[] = { system_python(), "tests/servers/faultserver.py", "--log", fault_log, NULL };

	(void)state;
	if (unit_tmpdir(tmpdir, sizeof(tmpdir), "/tmp/rw-test-send-XXXXXX") == -1)
		return -1;
	snprintf(fault_log, sizeof(fault_log), "%s/fault.jsonl", tmpdir);
	return unit_spawn_server(argv, &fault.pid, &fault.port);
}

static int
teardown(void **state)
{
	(void)state;
	unit_kill(&fault.pid);
	unit_rmtree(tmpdir);
	return 0;
}

/* ---- running transfers ----------------------------------------------- */

struct got {
	int called;
	enum http_error error;
	char errmsg[256];
	long status;
	char *body;
};

static struct event_base *base;

static void
on_done(struct http_response *res, void *arg)
{
	struct got *g = arg;

	g->called++;
	g->error = res->error;
	snprintf(g->errmsg, sizeof(g->errmsg), "%s", res->errmsg);
	g->status = res->status;
	g->body = http_response_take_body(res, NULL);
	event_base_loopbreak(base);
}

/* Run the loop until g is done (or 20 s pass). */
static void
wait_done(struct got *g)
{
	struct timeval tv = { 20, 0 };
	struct event *wd = evtimer_new(base, unit_watchdog, base);

	assert_non_null(wd);
	evtimer_add(wd, &tv);
	while (!g->called && event_base_dispatch(base) == 0 && !g->called)
		;
	event_free(wd);
	assert_int_equal(g->called, 1);
}

static struct http *
client(void)
{
	struct http_options o = { .user_agent = "rightswatch-test" };
	struct http *h;

	assert_non_null(base = event_base_new());
	assert_non_null(h = http_new(base, &o));
	return h;
}

static void
client_free(struct http *h)
{
	http_free(h);
	event_base_free(base);
	base = NULL;
}

/* The last request the fault server logged for path, or NULL (caller decrefs). */
static json_t *
fault_last(const char *path)
{
	json_t *last = NULL, *o;
	char line[8192];
	FILE *f = fopen(fault_log, "r");

	if (f == NULL)
		return NULL;
	while (fgets(line, sizeof(line), f))
		if ((o = json_loads(line, 0, NULL)) != NULL) {
			if (strcmp(json_string_value(json_object_get(o, "path")), path) == 0) {
				json_decref(last);
				last = o;
			} else
				json_decref(o);
		}
	fclose(f);
	return last;
}

/* ---- POST -------------------------------------------------------------- */

static void
test_post_statuses(void **state)
{
	static const struct {
		const char *path;
		long status;
		enum http_outcome outcome;
	} rows[] = {
		{ "/status/200", 200, HTTP_OUTCOME_SUCCESS },   /* accepted */
		{ "/status/204", 204, HTTP_OUTCOME_SUCCESS },   /* accepted, no body */
		{ "/status/404", 404, HTTP_OUTCOME_PERMANENT }, /* wrong hook URL */
		{ "/status/429", 429, HTTP_OUTCOME_RETRY },     /* rate-limited */
		{ "/500", 500, HTTP_OUTCOME_RETRY },            /* server broken */
		{ "/status/503", 503, HTTP_OUTCOME_RETRY },     /* unavailable */
		{ "/moved", 301, HTTP_OUTCOME_RETRY },          /* redirect not followed */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http *h = client();
		char u[256], body[64];
		struct got g = { 0 };
		json_t *seen;
		struct http_post_request req = { .url = u, .body = body,
		    .content_type = "application/json" };

		snprintf(u, sizeof(u), "http://127.0.0.1:%d%s", fault.port, rows[i].path);
		req.len = (size_t)snprintf(body, sizeof(body), "{\"row\":%zu}", i);
		assert_int_equal(http_post(h, &req, on_done, &g), 0);
		wait_done(&g);
		if (g.error != HTTP_OK || g.status != rows[i].status ||
		    http_post_outcome(g.status, g.error) != rows[i].outcome)
			fail_msg("row %zu: error %d (%s) status %ld", i, (int)g.error, g.errmsg, g.status);
		assert_non_null(seen = fault_last(rows[i].path));
		assert_string_equal(json_string_value(json_object_get(seen, "method")), "POST");
		assert_string_equal(json_string_value(json_object_get(seen, "body")), body);
		json_decref(seen);
		free(g.body);
		client_free(h);
	}
}

/* Headers as the server saw them (the /headers route echoes them), and a
 * body with a NUL and non-ASCII bytes arrives whole. */
static void
test_post_headers(void **state)
{
	static const char body[] = "{\"x\":\"S\xc3\xa9gou\"}";
	const char *extra[] = { "Authorization: Bearer s3cret", "X-Rightswatch: test", NULL };
	struct http *h = client();
	char u[256];
	struct got g = { 0 };
	json_t *hdrs, *seen;
	struct http_post_request req = { .url = u, .body = body, .len = sizeof(body) - 1,
	    .content_type = "application/json", .headers = extra, .timeout = 10 };

	(void)state;
	snprintf(u, sizeof(u), "http://127.0.0.1:%d/headers", fault.port);
	assert_int_equal(http_post(h, &req, on_done, &g), 0);
	wait_done(&g);
	assert_int_equal(g.error, HTTP_OK);
	assert_int_equal(g.status, 200);
	assert_non_null(hdrs = json_loads(g.body, 0, NULL));
	assert_string_equal(json_string_value(json_object_get(hdrs, "Authorization")), "Bearer s3cret");
	assert_string_equal(json_string_value(json_object_get(hdrs, "X-Rightswatch")), "test");
	assert_string_equal(json_string_value(json_object_get(hdrs, "Content-Type")), "application/json");
	assert_null(json_object_get(hdrs, "Expect"));
	json_decref(hdrs);
	assert_non_null(seen = fault_last("/headers"));
	assert_string_equal(json_string_value(json_object_get(seen, "body")), body);
	json_decref(seen);
	free(g.body);
	client_free(h);
}

static void
test_post_refused(void **state)
{
	const char *crlf[] = { "X-A: 1\r\nX-Injected: 2", NULL };
	const char *lf[] = { "X-A: 1\nX-B: 2", NULL };
	struct http *h = client();
	struct got g = { 0 };
	struct http_post_request req = { .url = "http://127.0.0.1:1/", .body = "x", .len = 1 };

	(void)state;
	req.headers = crlf;
	assert_int_equal(http_post(h, &req, on_done, &g), -1);   /* CRLF in a header line */
	req.headers = lf;
	assert_int_equal(http_post(h, &req, on_done, &g), -1);   /* bare LF */
	req.headers = NULL;
	req.content_type = "text/plain\r\nX: y";
	assert_int_equal(http_post(h, &req, on_done, &g), -1);   /* CRLF in the type */
	req.content_type = NULL;
	req.body = NULL;
	assert_int_equal(http_post(h, &req, on_done, &g), -1);   /* length without bytes */
	/* A scheme other than http(s) is reported through the callback. */
	req.url = "ftp://127.0.0.1/x";
	req.body = "x";
	assert_int_equal(http_post(h, &req, on_done, &g), 0);
	wait_done(&g);
	assert_int_equal(g.error, HTTP_ERR_TRANSPORT);
	client_free(h);
}

/* ---- SMTP ---------------------------------------------------------------- */

static const char MSG[] =
	"From: rightswatch <alerts@example.org>\r\n"
	"To: desk@example.org\r\n"
	"Subject: test\r\n"
	"Date: Fri, 06 Aug 2021 10:00:00 +0000\r\n"
	"Message-ID: <t1@example.org>\r\n"
	"MIME-Version: 1.0\r\n"
	"Content-Type: text/plain; charset=utf-8\r\n"
	"\r\n"
	"435 abductions in S\xc3\xa9gou.\r\n"
	".a line that starts with a dot\r\n"
	".\r\n"
	"last line\r\n";

struct smtp {
	struct server srv;
	char maildir[128];
};

static void
smtp_start(struct smtp *s, const char *name, const char *fail_first, const char *user)
{
	const char *argv[12];
	int n = 0;

	snprintf(s->maildir, sizeof(s->maildir), "%s/%s", tmpdir, name);
	argv[n++] = system_python();
	argv[n++] = "tests/servers/smtpserver.py";
	argv[n++] = "--maildir";
	argv[n++] = s->maildir;
	if (fail_first) {
		argv[n++] = "--fail-first";
		argv[n++] = fail_first;
	}
	if (user) {
		argv[n++] = "--user";
		argv[n++] = user;
		argv[n++] = "--password";
		argv[n++] = "pa ss";
	}
	argv[n] = NULL;
	s->srv.pid = -1;
	assert_int_equal(unit_spawn_server(argv, &s->srv.pid, &s->srv.port), 0);
}

/* Send MSG through s; returns the result in g (caller frees g->body). */
static void
smtp_send(struct smtp *s, enum http_starttls tls, const char *user, const char *pass, struct got *g)
{
	const char *rcpt[] = { "desk@example.org", "<second@example.org>", NULL };
	struct http *h = client();
	char u[128];
	struct http_smtp_request req = { .url = u, .starttls = tls, .username = user,
	    .password = pass, .mail_from = "alerts@example.org", .rcpt = rcpt,
	    .msg = MSG, .len = sizeof(MSG) - 1, .timeout = 10 };

	snprintf(u, sizeof(u), "smtp://127.0.0.1:%d", s->srv.port);
	assert_int_equal(http_smtp_send(h, &req, on_done, g), 0);
	wait_done(g);
	client_free(h);
}

/* Message n as received: bytes equal MSG, envelope as sent. */
static void
assert_received(struct smtp *s, int n, const char *auth)
{
	char p[256];
	size_t len = 0;
	char *eml, *meta;
	json_t *o, *to;

	snprintf(p, sizeof(p), "%s/%03d.eml", s->maildir, n);
	assert_non_null(eml = unit_read_file(p, &len));
	assert_int_equal(len, sizeof(MSG) - 1);
	assert_memory_equal(eml, MSG, len);
	free(eml);
	snprintf(p, sizeof(p), "%s/%03d.json", s->maildir, n);
	assert_non_null(meta = unit_read_file(p, &len));
	assert_non_null(o = json_loads(meta, 0, NULL));
	free(meta);
	assert_string_equal(json_string_value(json_object_get(o, "mail_from")), "alerts@example.org");
	to = json_object_get(o, "rcpt_tos");
	assert_int_equal(json_array_size(to), 2);
	assert_string_equal(json_string_value(json_array_get(to, 0)), "desk@example.org");
	assert_string_equal(json_string_value(json_array_get(to, 1)), "second@example.org");
	if (auth)
		assert_string_equal(json_string_value(json_object_get(o, "auth")), auth);
	else
		assert_true(json_is_null(json_object_get(o, "auth")));
	json_decref(o);
}

static void
test_smtp_plain(void **state)
{
	struct smtp s;
	struct got g = { 0 }, g2 = { 0 };

	(void)state;
	smtp_start(&s, "plain", NULL, NULL);
	smtp_send(&s, HTTP_STARTTLS_NEVER, NULL, NULL, &g);
	if (g.error != HTTP_OK)
		fail_msg("error %d: %s", (int)g.error, g.errmsg);
	assert_int_equal(g.status, 250);
	assert_int_equal(http_smtp_outcome(g.status, g.error), HTTP_OUTCOME_SUCCESS);
	assert_received(&s, 1, NULL);
	/* "try": the server offers no STARTTLS, so plain text is used. */
	smtp_send(&s, HTTP_STARTTLS_TRY, NULL, NULL, &g2);
	assert_int_equal(g2.error, HTTP_OK);
	assert_received(&s, 2, NULL);
	/* "required" against a server without STARTTLS: refused, nothing sent. */
	memset(&g2, 0, sizeof(g2));
	smtp_send(&s, HTTP_STARTTLS_REQUIRED, NULL, NULL, &g2);
	assert_int_equal(g2.error, HTTP_ERR_TRANSPORT);
	assert_true(g2.errmsg[0] != '\0');
	unit_kill(&s.srv.pid);
	{
		char p[256];

		snprintf(p, sizeof(p), "%s/003.eml", s.maildir);
		assert_int_equal(access(p, F_OK), -1);
	}
}

static void
test_smtp_auth(void **state)
{
	struct smtp s;
	struct got g = { 0 }, bad = { 0 }, none = { 0 };

	(void)state;
	smtp_start(&s, "auth", NULL, "watcher");
	smtp_send(&s, HTTP_STARTTLS_NEVER, "watcher", "wrong", &bad);
	assert_int_equal(bad.error, HTTP_ERR_TRANSPORT);
	assert_int_equal(bad.status, 535);
	assert_int_equal(http_smtp_outcome(bad.status, bad.error), HTTP_OUTCOME_PERMANENT);
	smtp_send(&s, HTTP_STARTTLS_NEVER, NULL, NULL, &none);
	assert_int_equal(none.error, HTTP_ERR_TRANSPORT);   /* server requires AUTH */
	smtp_send(&s, HTTP_STARTTLS_NEVER, "watcher", "pa ss", &g);
	if (g.error != HTTP_OK)
		fail_msg("error %d: %s", (int)g.error, g.errmsg);
	assert_received(&s, 1, "watcher");
	unit_kill(&s.srv.pid);
}

static void
test_smtp_retry(void **state)
{
	struct smtp s;
	struct got g1 = { 0 }, g2 = { 0 };

	(void)state;
	smtp_start(&s, "retry", "1", NULL);
	smtp_send(&s, HTTP_STARTTLS_NEVER, NULL, NULL, &g1);
	assert_int_equal(g1.error, HTTP_ERR_TRANSPORT);
	assert_int_equal(g1.status, 451);
	assert_int_equal(http_smtp_outcome(g1.status, g1.error), HTTP_OUTCOME_RETRY);
	smtp_send(&s, HTTP_STARTTLS_NEVER, NULL, NULL, &g2);
	assert_int_equal(g2.error, HTTP_OK);
	assert_received(&s, 1, NULL);
	unit_kill(&s.srv.pid);
}

static void
test_smtp_refused(void **state)
{
	const char *rcpt[] = { "a@example.org", NULL };
	const char *inject[] = { "a@example.org>\r\nRCPT TO:<b@example.org", NULL };
	const char *empty[] = { NULL };
	struct http *h = client();
	struct got g = { 0 };
	struct http_smtp_request req = { .url = "smtp://127.0.0.1:1", .mail_from = "x@example.org",
	    .rcpt = rcpt, .msg = MSG, .len = sizeof(MSG) - 1, .starttls = HTTP_STARTTLS_NEVER };

	(void)state;
	req.rcpt = inject;
	assert_int_equal(http_smtp_send(h, &req, on_done, &g), -1);  /* CRLF in a recipient */
	req.rcpt = empty;
	assert_int_equal(http_smtp_send(h, &req, on_done, &g), -1);  /* no recipient */
	req.rcpt = rcpt;
	req.mail_from = "x@example.org\r\nDATA";
	assert_int_equal(http_smtp_send(h, &req, on_done, &g), -1);  /* CRLF in the sender */
	req.mail_from = "x@example.org";
	req.starttls = (enum http_starttls)7;
	assert_int_equal(http_smtp_send(h, &req, on_done, &g), -1);  /* no such mode */
	req.starttls = HTTP_STARTTLS_NEVER;
	/* An http URL is not a mail server: reported through the callback. */
	req.url = "http://127.0.0.1:1/";
	assert_int_equal(http_smtp_send(h, &req, on_done, &g), 0);
	wait_done(&g);
	assert_int_equal(g.error, HTTP_ERR_TRANSPORT);
	/* Nobody listening: a transport error, to be retried. */
	memset(&g, 0, sizeof(g));
	req.url = "smtp://127.0.0.1:1";
	assert_int_equal(http_smtp_send(h, &req, on_done, &g), 0);
	wait_done(&g);
	assert_int_equal(g.error, HTTP_ERR_TRANSPORT);
	assert_int_equal(http_smtp_outcome(g.status, g.error), HTTP_OUTCOME_RETRY);
	client_free(h);
}

/* A GET may not reach smtp:// (only the SMTP transfer may). */
static void
test_get_not_smtp(void **state)
{
	struct http *h = client();
	struct got g = { 0 };
	struct http_request req = { .url = "smtp://127.0.0.1:1" };

	(void)state;
	assert_int_equal(http_get(h, &req, on_done, &g), 0);
	wait_done(&g);
	assert_int_equal(g.error, HTTP_ERR_TRANSPORT);
	assert_non_null(strstr(g.errmsg, "http"));
	client_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_outcome),
		cmocka_unit_test(test_smtp_outcome),
		cmocka_unit_test(test_post_statuses),
		cmocka_unit_test(test_post_headers),
		cmocka_unit_test(test_post_refused),
		cmocka_unit_test(test_smtp_plain),
		cmocka_unit_test(test_smtp_auth),
		cmocka_unit_test(test_smtp_retry),
		cmocka_unit_test(test_smtp_refused),
		cmocka_unit_test(test_get_not_smtp),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
