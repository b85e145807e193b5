/*
 * Unit tests: http — the pure header-value parsers (tables), and real
 * transfers against tests/servers/faultserver.py on 127.0.0.1: every fault
 * the daemon must survive, conditional GET as the server saw it, the
 * per-host and total limits, and cancellation by http_free.
 */
#include "unit.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>

#include <event2/event.h>
#include <jansson.h>

#include "rightswatch/date.h"
#include "rightswatch/http.h"

/* ---- pure helpers ------------------------------------------------------ */

static void
test_retry_after(void **state)
{
	/* now = Fri, 06 Aug 2021 10:00:00 GMT */
	static const int64_t now = 1628244000;
	static const struct {
		const char *in;
		int64_t want;
	} rows[] = {
		{ "120", 120 },                                 /* delta-seconds */
		{ "  0 ", 0 },                                  /* zero, padded */
		{ "99999999999999999999", 2147483648LL },       /* saturates at 2^31 */
		{ "Fri, 06 Aug 2021 10:02:00 GMT", 120 },       /* IMF-fixdate */
		{ "Fri, 06 Aug 2021 09:00:00 GMT", 0 },         /* in the past: now */
		{ "Friday, 06-Aug-21 10:01:00 GMT", 60 },       /* obsolete RFC 850 */
		{ "Fri Aug  6 10:00:30 2021", 30 },             /* obsolete asctime */
		{ "Tue, 30 Feb 2021 10:00:00 GMT", -1 },        /* impossible date */
		{ "-5", -1 },                                   /* negative delta */
		{ "12s", -1 },                                  /* junk after digits */
		{ "soon", -1 },                                 /* not a date */
		{ "", -1 },                                     /* empty */
		{ NULL, -1 },                                   /* absent */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t got = http_retry_after(rows[i].in, now);

		if (got != rows[i].want)
			fail_msg("row %zu (%s): got %lld want %lld", i,
			    rows[i].in ? rows[i].in : "NULL", (long long)got, (long long)rows[i].want);
	}
}

static void
test_max_age(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} rows[] = {
		{ "max-age=300", 300 },                         /* plain */
		{ "public, max-age=60, must-revalidate", 60 },  /* among others */
		{ "MAX-AGE=42", 42 },                           /* case-insensitive */
		{ "max-age=\"90\"", 90 },                       /* quoted value */
		{ "s-maxage=100", -1 },                         /* s-maxage is not max-age */
		{ "s-maxage=100, max-age=10", 10 },             /* only max-age counts */
		{ "no-cache", 0 },                              /* no-cache */
		{ "max-age=300, no-store", 0 },                 /* no-store wins, any order */
		{ "No-Cache=\"Set-Cookie\", max-age=5", 0 },    /* no-cache with a field list */
		{ "max-age=abc", 0 },                           /* malformed: stale */
		{ "max-age=", 0 },                              /* empty: stale */
		{ "max-age=-1", 0 },                            /* negative: stale */
		{ "max-age=99999999999", 2147483648LL },        /* capped at 2^31 */
		{ "private=\"a, max-age=7\", max-age=8", 8 },   /* comma inside quotes */
		{ "max-age=1, max-age=2", 1 },                  /* the first wins */
		{ "public", -1 },                               /* absent */
		{ "", -1 },                                     /* empty header */
		{ NULL, -1 },                                   /* no header */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t got = http_max_age(rows[i].in);

		if (got != rows[i].want)
			fail_msg("row %zu (%s): got %lld want %lld", i,
			    rows[i].in ? rows[i].in : "NULL", (long long)got, (long long)rows[i].want);
	}
}

static void
test_charset(void **state)
{
	static const struct {
		const char *in;
		size_t outlen;
		const char *want; /* NULL: -1 expected */
	} rows[] = {
		{ "text/html; charset=utf-8", 32, "utf-8" },                  /* plain */
		{ "text/html;charset=ISO-8859-1", 32, "ISO-8859-1" },         /* no space, case kept */
		{ "text/html; CHARSET = \"windows-1252\"", 32, "windows-1252" }, /* quoted, spaced name */
		{ "text/html; q=\"a;charset=x\"; charset=utf-8", 32, "utf-8" }, /* ; inside quotes */
		{ "application/xml; foo=bar; charset=utf-8 ", 32, "utf-8" },   /* after another param */
		{ "text/html", 32, NULL },                                   /* none */
		{ "text/html; charset=", 32, NULL },                         /* empty */
		{ "text/html; charset=\"\"", 32, NULL },                     /* empty quoted */
		{ "text/html; charset=utf-8", 5, NULL },                     /* does not fit */
		{ "text/html; charset=\"ut f\"", 32, NULL },                 /* not a token */
		{ "text/html; xcharset=utf-8", 32, NULL },                   /* other name */
		{ NULL, 32, NULL },                                          /* no header */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char out[32] = "";
		int rc = http_charset(rows[i].in, out, rows[i].outlen);

		if (rows[i].want == NULL) {
			if (rc != -1)
				fail_msg("row %zu: got %s, want none", i, out);
		} else if (rc != 0 || strcmp(out, rows[i].want) != 0)
			fail_msg("row %zu: rc %d out '%s' want '%s'", i, rc, out, rows[i].want);
	}
}

/* ---- the fault server -------------------------------------------------- */

static struct {
	pid_t pid;
	int port;
	char dir[64];
	char log[128];
} srv = { .pid = -1 };

static int
server_start(void **state)
{
	const char *argv[] = { "python3", "tests/servers/faultserver.py", "--log", srv.log, NULL };

	(void)state;
	if (unit_tmpdir(srv.dir, sizeof(srv.dir), "/tmp/rw-test-http-XXXXXX") == -1)
		return -1;
	snprintf(srv.log, sizeof(srv.log), "%s/server.jsonl", srv.dir);
	return unit_spawn_server(argv, &srv.pid, &srv.port);
}

static int
server_stop(void **state)
{
	(void)state;
	unit_kill(&srv.pid);
	unit_rmtree(srv.dir);
	return 0;
}

static char *
url(const char *path)
{
	static char u[8][256];
	static int i;

	i = (i + 1) % 8;
	snprintf(u[i], sizeof(u[i]), "http://127.0.0.1:%d%s", srv.port, path);
	return u[i];
}

/* Requests the server logged for exactly this path (with query), in order. */
static json_t *
server_requests(const char *path)
{
	json_t *all = json_array(), *o;
	char line[4096];
	FILE *f = fopen(srv.log, "r");

	if (f == NULL)
		return all;
	while (fgets(line, sizeof(line), f)) {
		if ((o = json_loads(line, 0, NULL)) == NULL)
			continue;
		if (strcmp(json_string_value(json_object_get(o, "path")), path) == 0)
			json_array_append(all, o);
		json_decref(o);
	}
	fclose(f);
	return all;
}

/* ---- running transfers ----------------------------------------------- */

struct got {
	int called;
	enum http_error error;
	char errmsg[256];
	long status, first_status;
	size_t len, received;
	int redirects;
	char *body, *etag, *last_modified, *content_type, *retry_after, *cache_control;
	char *location, *effective_url;
	int64_t date;
};

struct run {
	struct event_base *base;
	struct http *h;
	int pending;
	int free_in_done;   /* call http_free from the first done callback */
	struct got *got;
};

struct slot {
	struct run *run;
	struct got *got;
};

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void
got_clear(struct got *g)
{
	free(g->body);
	free(g->etag);
	free(g->last_modified);
	free(g->content_type);
	free(g->retry_after);
	free(g->cache_control);
	free(g->location);
	free(g->effective_url);
	memset(g, 0, sizeof(*g));
}

static void
on_done(struct http_response *res, void *arg)
{
	struct slot *s = arg;
	struct got *g = s->got;
	size_t len;

	g->called++;
	g->error = res->error;
	snprintf(g->errmsg, sizeof(g->errmsg), "%s", res->errmsg);
	g->status = res->status;
	g->first_status = res->first_status;
	g->received = res->received;
	g->redirects = res->redirects;
	g->body = http_response_take_body(res, &len);
	g->len = len;
	assert_null(res->body);
	g->etag = dup_or_null(res->etag);
	g->last_modified = dup_or_null(res->last_modified);
	g->content_type = dup_or_null(res->content_type);
	g->retry_after = dup_or_null(res->retry_after);
	g->cache_control = dup_or_null(res->cache_control);
	g->location = dup_or_null(res->location);
	g->effective_url = dup_or_null(res->effective_url);
	g->date = res->date;
	if (s->run->free_in_done) {
		s->run->free_in_done = 0;
		http_free(s->run->h);
		s->run->h = NULL;
	}
	if (--s->run->pending == 0)
		event_base_loopbreak(s->run->base);
}

/* Run n requests on one client with options o; results into got[]. */
static void
run_requests(const struct http_options *o, const struct http_request *reqs, size_t n,
    struct got *got)
{
	struct run run = { 0 };
	struct slot slots[16];
	struct timeval tv = { 15, 0 };
	struct event *wd;

	assert_true(n <= 16);
	run.base = event_base_new();
	assert_non_null(run.base);
	run.h = http_new(run.base, o);
	assert_non_null(run.h);
	for (size_t i = 0; i < n; i++) {
		slots[i].run = &run;
		slots[i].got = &got[i];
		memset(&got[i], 0, sizeof(got[i]));
		assert_int_equal(http_get(run.h, &reqs[i], on_done, &slots[i]), 0);
		run.pending++;
		assert_int_equal(got[i].called, 0); /* never from inside http_get */
	}
	assert_int_equal(http_inflight(run.h), n);
	wd = evtimer_new(run.base, unit_watchdog, run.base);
	assert_non_null(wd);
	evtimer_add(wd, &tv);
	event_base_dispatch(run.base);
	event_free(wd);
	assert_int_equal(run.pending, 0);
	assert_int_equal(http_inflight(run.h), 0);
	http_free(run.h);
	event_base_free(run.base);
}

static void
fetch(const struct http_request *req, struct got *g)
{
	struct http_options o = { .user_agent = "rightswatch-test/1", .max_parallel = 4, .per_host = 2 };

	run_requests(&o, req, 1, g);
	assert_int_equal(g->called, 1);
}

/* ---- transfer tests ------------------------------------------------------ */

static void
test_faults(void **state)
{
	static const struct {
		const char *path;
		int64_t timeout, max_body, low_time;
		enum http_error error;
		long status;       /* -1: not checked */
		long first_status; /* -1: not checked */
		int redirects;     /* -1: not checked */
		long min_len, max_len; /* body length range when HTTP_OK */
	} rows[] = {
		{ "/ok", 0, 0, 0, HTTP_OK, 200, 200, 0, 3, 3 },                      /* plain 200 */
		{ "/gzip", 0, 0, 0, HTTP_OK, 200, 200, 0, 10000, 10000 },            /* decoded gzip */
		{ "/bomb", 0, 1 << 20, 0, HTTP_ERR_TOO_BIG, 200, -1, 0, 0, 0 },      /* gzip bomb stops at cap */
		{ "/endless", 0, 256 << 10, 0, HTTP_ERR_TOO_BIG, 200, -1, 0, 0, 0 }, /* endless body */
		{ "/big?bytes=2000000", 0, 1 << 20, 0, HTTP_ERR_TOO_BIG, -1, -1, 0, 0, 0 }, /* announced too big */
		{ "/big?bytes=1000", 0, 1000, 0, HTTP_OK, 200, 200, 0, 1000, 1000 }, /* exactly the cap */
		{ "/drip?interval=3", 0, 0, 1, HTTP_ERR_TIMEOUT, 200, -1, 0, 0, 0 }, /* low-speed abort */
		{ "/slow-headers?secs=10", 1, 0, 0, HTTP_ERR_TIMEOUT, 0, -1, 0, 0, 0 }, /* total timeout */
		{ "/redirect-loop", 0, 0, 0, HTTP_ERR_REDIRECTS, -1, 302, 5, 0, 0 }, /* stops at 5 */
		{ "/redirect-chain?n=5", 0, 0, 0, HTTP_OK, 200, 302, 5, 3, 3 },      /* 5 redirects allowed */
		{ "/redirect-chain?n=6", 0, 0, 0, HTTP_ERR_REDIRECTS, -1, 302, -1, 0, 0 }, /* the 6th refused */
		{ "/redirect-file", 0, 0, 0, HTTP_ERR_REDIRECTS, -1, 302, -1, 0, 0 }, /* file: never followed */
		{ "/redirect-ftp", 0, 0, 0, HTTP_ERR_REDIRECTS, -1, 302, -1, 0, 0 },  /* ftp: never followed */
		{ "/moved", 0, 0, 0, HTTP_OK, 200, 301, 1, 3, 3 },                   /* permanent redirect */
		{ "/moved308", 0, 0, 0, HTTP_OK, 200, 308, 1, 3, 3 },                /* 308 too */
		{ "/retry-after-secs", 0, 0, 0, HTTP_OK, 429, 429, 0, 1, 100 },      /* throttled */
		{ "/retry-after-date", 0, 0, 0, HTTP_OK, 503, 503, 0, 1, 100 },      /* throttled by date */
		{ "/500", 0, 0, 0, HTTP_OK, 500, 500, 0, 1, 100 },                   /* server error is a response */
		{ "/403-challenge", 0, 0, 0, HTTP_OK, 403, 403, 0, 50, 1000 },       /* challenge page kept */
		{ "/empty", 0, 0, 0, HTTP_OK, 200, 200, 0, 0, 0 },                   /* empty body */
		{ "/html", 0, 0, 0, HTTP_OK, 200, 200, 0, 50, 1000 },                /* an HTML page */
		{ "/nothing-here", 0, 0, 0, HTTP_OK, 404, 404, 0, 1, 100 },          /* 404 */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http_request req = { .url = url(rows[i].path), .timeout = rows[i].timeout,
			.max_body = rows[i].max_body, .low_speed_time = rows[i].low_time };
		struct got g;

		fetch(&req, &g);
		print_message("# %s: %s, status %ld, first %ld, redirects %d, received %zu%s%s\n",
		    rows[i].path, http_error_name(g.error), g.status, g.first_status, g.redirects,
		    g.received, g.error != HTTP_OK ? ": " : "", g.error != HTTP_OK ? g.errmsg : "");
		if (g.error != rows[i].error)
			fail_msg("%s: error %s (%s), want %s", rows[i].path, http_error_name(g.error),
			    g.errmsg, http_error_name(rows[i].error));
		if (rows[i].status != -1 && g.status != rows[i].status)
			fail_msg("%s: status %ld want %ld", rows[i].path, g.status, rows[i].status);
		if (rows[i].first_status != -1 && g.first_status != rows[i].first_status)
			fail_msg("%s: first status %ld want %ld", rows[i].path, g.first_status,
			    rows[i].first_status);
		if (rows[i].redirects != -1 && g.redirects != rows[i].redirects)
			fail_msg("%s: redirects %d want %d", rows[i].path, g.redirects, rows[i].redirects);
		if (g.error == HTTP_OK && ((long)g.len < rows[i].min_len || (long)g.len > rows[i].max_len))
			fail_msg("%s: length %zu", rows[i].path, g.len);
		if (g.error != HTTP_OK) {
			assert_null(g.body);
			assert_string_not_equal(g.errmsg, "");
		}
		if (rows[i].max_body > 0)
			assert_true(g.received <= (size_t)rows[i].max_body);
		if (g.len == 0)
			assert_null(g.body);
		else
			assert_int_equal(strlen(g.body), g.len); /* NUL-terminated */
		got_clear(&g);
	}
}

static void
test_final_headers(void **state)
{
	struct http_request req = { .url = url("/moved?h=1") };
	struct got g;
	char cs[32];
	time_t now = time(NULL);

	(void)state;
	/* A 301 to /ok: the headers are the final response's, Location the first's. */
	fetch(&req, &g);
	assert_int_equal(g.error, HTTP_OK);
	assert_string_equal(g.etag, "\"ok-v1\"");
	assert_string_equal(g.last_modified, "Fri, 06 Aug 2021 10:00:00 GMT");
	assert_string_equal(g.cache_control, "max-age=300");
	assert_int_equal(http_max_age(g.cache_control), 300);
	assert_string_equal(g.location, "/ok");
	assert_string_equal(g.effective_url, url("/ok"));
	assert_true(g.date != DATE_UNKNOWN && llabs((long long)(g.date - now)) < 60);
	got_clear(&g);

	/* A 302 is not permanent: no location recorded. */
	req.url = url("/redirect-chain?n=1");
	fetch(&req, &g);
	assert_int_equal(g.first_status, 302);
	assert_null(g.location);
	got_clear(&g);

	req.url = url("/retry-after-secs");
	fetch(&req, &g);
	assert_string_equal(g.retry_after, "120");
	assert_int_equal(http_retry_after(g.retry_after, (int64_t)now), 120);
	got_clear(&g);

	req.url = url("/retry-after-date");
	fetch(&req, &g);
	assert_non_null(g.retry_after);
	int64_t ra = http_retry_after(g.retry_after, (int64_t)time(NULL));
	assert_true(ra >= 110 && ra <= 121);
	got_clear(&g);

	req.url = url("/html");
	fetch(&req, &g);
	assert_int_equal(http_charset(g.content_type, cs, sizeof(cs)), 0);
	assert_string_equal(cs, "utf-8");
	assert_non_null(strstr(g.body, "435 abductions"));
	got_clear(&g);

	req.url = url("/403-challenge");
	fetch(&req, &g);
	assert_non_null(strstr(g.body, "Just a moment"));
	got_clear(&g);
}

static void
test_bad_urls(void **state)
{
	static const char *const rows[] = {
		"ftp://127.0.0.1/x",   /* not http(s) */
		"file:///etc/passwd",  /* never a local file */
		"not a url",           /* malformed */
		"http://127.0.0.1:1/", /* connection refused */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http_request req = { .url = rows[i] };
		struct got g;

		fetch(&req, &g);
		if (g.error != HTTP_ERR_TRANSPORT)
			fail_msg("%s: error %s", rows[i], http_error_name(g.error));
		got_clear(&g);
	}
}

static void
test_conditional(void **state)
{
	static const struct {
		const char *path;
		const char *etag, *lm;
		long status;
	} rows[] = {
		{ "/ok?c=etag", "\"ok-v1\"", NULL, 304 },                               /* ETag matches */
		{ "/ok?c=lm", NULL, "Fri, 06 Aug 2021 10:00:00 GMT", 304 },             /* date matches */
		{ "/ok?c=both", "\"ok-v1\"", "Fri, 06 Aug 2021 10:00:00 GMT", 304 },    /* both sent */
		{ "/ok?c=odd", "W/\"x  y\"", "Friday, 06-Aug-21 10:00:00 GMT", 200 },   /* odd bytes kept */
		{ "/ok?c=none", NULL, NULL, 200 },                                      /* unconditional */
		{ "/ok?c=crlf", "\"a\"\r\nX-Evil: 1", NULL, 200 },                      /* never split a header */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct http_request req = { .url = url(rows[i].path), .etag = rows[i].etag,
			.last_modified = rows[i].lm };
		struct got g;
		json_t *seen, *r;
		const char *inm, *ims;
		int crlf = strchr(rows[i].path, '?') && strstr(rows[i].path, "crlf") != NULL;

		fetch(&req, &g);
		assert_int_equal(g.error, HTTP_OK);
		if (g.status != rows[i].status)
			fail_msg("%s: status %ld", rows[i].path, g.status);
		if (g.status == 304)
			assert_int_equal(g.len, 0);
		seen = server_requests(rows[i].path);
		assert_int_equal(json_array_size(seen), 1);
		r = json_array_get(seen, 0);
		inm = json_string_value(json_object_get(r, "if_none_match"));
		ims = json_string_value(json_object_get(r, "if_modified_since"));
		if (crlf)
			assert_null(inm);
		else if (rows[i].etag)
			assert_string_equal(inm, rows[i].etag);
		else
			assert_null(inm);
		if (rows[i].lm)
			assert_string_equal(ims, rows[i].lm);
		else
			assert_null(ims);
		assert_string_equal(json_string_value(json_object_get(r, "user_agent")), "rightswatch-test/1");
		assert_non_null(strstr(json_string_value(json_object_get(r, "accept_encoding")), "gzip"));
		json_decref(seen);
		got_clear(&g);
	}
}

/* Arrival times (server monotonic clock) of the requests to paths[0..n). */
static void
arrivals(const char *const *paths, size_t n, double *t)
{
	for (size_t i = 0; i < n; i++) {
		json_t *seen = server_requests(paths[i]);

		assert_int_equal(json_array_size(seen), 1);
		t[i] = json_real_value(json_object_get(json_array_get(seen, 0), "mono"));
		json_decref(seen);
	}
	for (size_t i = 1; i < n; i++) /* insertion sort: n is tiny */
		for (size_t j = i; j > 0 && t[j] < t[j - 1]; j--) {
			double tmp = t[j];

			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
}

static void
test_limits(void **state)
{
	static const char *const serial[] = { "/sleep?ms=300&p=1", "/sleep?ms=300&p=2", "/sleep?ms=300&p=3" };
	static const char *const total[] = { "/sleep?ms=300&t=1", "/sleep?ms=300&t=2",
		"/sleep?ms=300&t=3", "/sleep?ms=300&t=4" };
	struct http_options o = { .user_agent = "rightswatch-test/1" };
	struct http_request reqs[4];
	struct got g[4];
	double t[4];

	(void)state;
	/* per_host = 1: the requests to one host never overlap. */
	o.per_host = 1;
	o.max_parallel = 8;
	memset(reqs, 0, sizeof(reqs));
	for (size_t i = 0; i < 3; i++)
		reqs[i].url = url(serial[i]);
	run_requests(&o, reqs, 3, g);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(g[i].status, 200);
		got_clear(&g[i]);
	}
	arrivals(serial, 3, t);
	assert_true(t[1] - t[0] >= 0.25);
	assert_true(t[2] - t[1] >= 0.25);

	/* max_parallel = 2 with a generous per_host: two at a time. */
	o.per_host = 8;
	o.max_parallel = 2;
	for (size_t i = 0; i < 4; i++)
		reqs[i].url = url(total[i]);
	run_requests(&o, reqs, 4, g);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(g[i].status, 200);
		got_clear(&g[i]);
	}
	arrivals(total, 4, t);
	assert_true(t[1] - t[0] < 0.2);
	assert_true(t[2] - t[1] >= 0.25);
	assert_true(t[3] - t[2] < 0.2);
}

struct cancel_ctx {
	struct http *h;
	struct event_base *base;
};

static void
on_free_timer(evutil_socket_t fd, short what, void *arg)
{
	struct cancel_ctx *c = arg;

	(void)fd;
	(void)what;
	http_free(c->h);
	c->h = NULL;
	event_base_loopbreak(c->base);
}

static void
on_cancelled(struct http_response *res, void *arg)
{
	struct got *g = arg;

	g->called++;
	g->error = res->error;
}

static void
test_cancel(void **state)
{
	struct http_options o = { .user_agent = "rightswatch-test/1", .per_host = 1 };
	struct http_request reqs[] = {
		{ .url = url("/slow-headers?secs=5&x=1") }, /* running, no answer yet */
		{ .url = url("/drip?interval=1&x=2") },     /* queued behind it (per_host 1) */
		{ .url = "not a url" },                      /* failed, report pending */
	};
	struct got g[3] = { 0 };
	struct cancel_ctx c;
	struct timeval tv = { 0, 300000 };
	struct event *ev;

	(void)state;
	/* http_free from a timer while transfers are in flight. */
	c.base = event_base_new();
	c.h = http_new(c.base, &o);
	assert_non_null(c.h);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(http_get(c.h, &reqs[i], on_cancelled, &g[i]), 0);
	assert_int_equal(http_inflight(c.h), 3);
	ev = evtimer_new(c.base, on_free_timer, &c);
	evtimer_add(ev, &tv);
	event_base_dispatch(c.base);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(g[i].called, 1);
		assert_int_equal(g[i].error, HTTP_ERR_CANCELLED);
	}
	/* The bad URL was reported on the loop before the timer fired. */
	assert_int_equal(g[2].called, 1);
	assert_int_equal(g[2].error, HTTP_ERR_TRANSPORT);
	event_free(ev);
	event_base_free(c.base);

	/* http_free before the loop ever ran: everything is cancelled at once. */
	memset(g, 0, sizeof(g));
	c.base = event_base_new();
	c.h = http_new(c.base, &o);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(http_get(c.h, &reqs[i], on_cancelled, &g[i]), 0);
	http_free(c.h);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(g[i].called, 1);
		assert_int_equal(g[i].error, HTTP_ERR_CANCELLED);
	}
	event_base_free(c.base);
}

static void
test_free_in_done(void **state)
{
	struct http_options o = { .user_agent = "rightswatch-test/1", .per_host = 4 };
	struct http_request reqs[] = {
		{ .url = url("/ok?free=1") },
		{ .url = url("/slow-headers?secs=5&free=2") },
	};
	struct run run = { 0 };
	struct slot slots[2];
	struct got g[2] = { { 0 } };
	struct timeval tv = { 10, 0 };
	struct event *wd;

	(void)state;
	/* The first done callback frees the client; the second transfer is
	 * cancelled from inside it and nothing is touched afterwards. */
	run.base = event_base_new();
	run.h = http_new(run.base, &o);
	run.free_in_done = 1;
	for (size_t i = 0; i < 2; i++) {
		slots[i].run = &run;
		slots[i].got = &g[i];
		assert_int_equal(http_get(run.h, &reqs[i], on_done, &slots[i]), 0);
		run.pending++;
	}
	wd = evtimer_new(run.base, unit_watchdog, run.base);
	evtimer_add(wd, &tv);
	event_base_dispatch(run.base);
	assert_null(run.h);
	assert_int_equal(g[0].error, HTTP_OK);
	assert_int_equal(g[1].called, 1);
	assert_int_equal(g[1].error, HTTP_ERR_CANCELLED);
	got_clear(&g[0]);
	got_clear(&g[1]);
	event_free(wd);
	event_base_free(run.base);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_max_age),
		cmocka_unit_test(test_charset),
	};
	const struct CMUnitTest net[] = {
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_final_headers),
		cmocka_unit_test(test_bad_urls),
		cmocka_unit_test(test_conditional),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_free_in_done),
	};
	int rc;

	signal(SIGPIPE, SIG_IGN);
	rc = cmocka_run_group_tests_name("http_values", pure, NULL, NULL);
	rc |= cmocka_run_group_tests_name("http_transfers", net, server_start, server_stop);
	return rc;
}
