/*
 * http — libcurl's multi-socket interface driven by one libevent event_base
 * (the shape of curl's hiperfifo.c example, with its shortcuts fixed).
 *
 * Wiring: curl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and
 * when to wake it (CURLMOPT_TIMERFUNCTION). Each watched socket owns a
 * struct sock holding one event made with event_new, replaced whenever the
 * wanted directions change; one timer event serves the whole multi handle.
 * Every socket or timer event calls curl_multi_socket_action and then
 * http_after_action, which completes finished transfers, fails transfers
 * that hit an allocation failure inside a curl callback, and starts queued
 * ones. Curl callbacks never call user code and never exit.
 *
 * A transfer (struct xfer) is protocol-neutral: easy handle, body buffer,
 * header collection, response, completion callback, and the event used to
 * report a failure to start. http_get configures one for GET; a POST for the
 * webhook notifier or an SMTP send on the same multi would be another
 * configure step over xfer_new / xfer_common / xfer_submit.
 *
 * Queueing: curl would queue transfers itself once its connection limits are
 * reached, but HTTP/2 multiplexing lets any number of transfers share one
 * connection, and a transfer waiting inside curl already burns its timeout.
 * So transfers wait in our FIFO until fewer than max_parallel run in total and
 * fewer than per_host run for the host of their first URL.
 *
 * Lifetime: a transfer is in exactly one list (queued, running, failed) until
 * its done callback has run; then it is freed. http_free cancels all of them.
 * While a done callback runs (depth > 0) http_free only marks the client as
 * dying; the outermost dispatcher releases it once the callback returns.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"

enum xfer_state { XFER_QUEUED, XFER_RUNNING, XFER_FAILED };

struct xfer;

struct xlist {
	struct xfer *first, *last;
	size_t n;
};

struct xfer {
	struct http *h;
	struct xfer *prev, *next;
	enum xfer_state state;
	CURL *easy;
	struct curl_slist *headers;
	char *host;              /* lower-case host of the first URL: per-host key */
	struct buf body;
	size_t max_body;
	int too_big;             /* the write callback refused to pass max_body */
	int oom;                 /* an allocation failed inside a curl callback */
	int nresp;               /* non-1xx status lines seen */
	char *date;              /* Date of the current response, as received */
	char errbuf[CURL_ERROR_SIZE];
	struct http_response res;
	struct event *defer;     /* reports a failure to start, on the loop */
	http_done_fn *done;
	void *arg;
};

/* One socket curl asked us to watch. */
struct sock {
	struct http *h;
	struct sock *prev, *next;
	int what;                /* CURL_POLL_* the event was made for */
	struct event *ev;
};

struct http {
	struct event_base *base;
	CURLM *multi;
	struct event *timer;
	char *user_agent;
	int max_parallel;
	int per_host;
	int64_t timeout;         /* seconds */
	int64_t max_body;        /* bytes */
	struct xlist queued, running, failed;
	struct sock *socks;
	int oom;                 /* some running transfer has oom set */
	int depth;               /* > 0 while user callbacks may be on the stack */
	int dying;               /* http_free was called */
	int curl_global;         /* curl_global_init succeeded */
};

static void http_after_action(struct http *h);
static void http_pump(struct http *h);

static void
xlist_append(struct xlist *l, struct xfer *x)
{
	x->next = NULL;
	x->prev = l->last;
	if (l->last)
		l->last->next = x;
	else
		l->first = x;
	l->last = x;
	l->n++;
}

static void
xlist_remove(struct xlist *l, struct xfer *x)
{
	if (x->prev)
		x->prev->next = x->next;
	else
		l->first = x->next;
	if (x->next)
		x->next->prev = x->prev;
	else
		l->last = x->prev;
	x->prev = x->next = NULL;
	l->n--;
}

static struct xlist *
xfer_list(struct xfer *x)
{
	switch (x->state) {
	case XFER_QUEUED:
		return &x->h->queued;
	case XFER_RUNNING:
		return &x->h->running;
	default:
		return &x->h->failed;
	}
}

static void
http_response_clear(struct http_response *r)
{
	free(r->body);
	free(r->effective_url);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->retry_after);
	free(r->cache_control);
	free(r->location);
	memset(r, 0, sizeof(*r));
}

/* Free a transfer that is in no list and not in the multi handle. */
static void
xfer_free(struct xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	if (x->defer)
		event_free(x->defer);
	free(x->host);
	free(x->date);
	buf_free(&x->body);
	http_response_clear(&x->res);
	free(x);
}

/* Unlink x, run its callback, free it. The caller has removed it from the multi. */
static void
xfer_deliver(struct xfer *x)
{
	struct http *h = x->h;

	xlist_remove(xfer_list(x), x);
	if (x->res.error != HTTP_OK && x->res.errmsg[0] == '\0')
		snprintf(x->res.errmsg, sizeof(x->res.errmsg), "%s", http_error_name(x->res.error));
	h->depth++;
	x->done(&x->res, x->arg);
	h->depth--;
	xfer_free(x);
}

/* Record an error to be reported on the loop: x moves to the failed list. */
static void
xfer_fail_later(struct xfer *x, enum http_error e, const char *msg)
{
	x->res.error = e;
	snprintf(x->res.errmsg, sizeof(x->res.errmsg), "%s", msg);
	x->state = XFER_FAILED;
	xlist_append(&x->h->failed, x);
	/* event_active cannot fail and only queues the callback: it runs on
	 * a later pass of the loop, never inside the caller's http_get. */
	event_active(x->defer, EV_TIMEOUT, 0);
}

static void
xfer_defer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct xfer *x = arg;
	struct http *h = x->h;

	(void)fd;
	(void)what;
	h->depth++;
	xfer_deliver(x);
	if (!h->dying)
		http_pump(h);
	h->depth--;
	if (h->depth == 0 && h->dying)
		http_free(h);
}

/* --- curl's data callbacks ------------------------------------------- */

static size_t
xfer_write_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nmemb;

	/* The cap applies to decoded bytes: curl calls us after inflating, so
	 * a gzip bomb stops here at max_body whatever its compressed size.
	 * A short count makes curl fail the transfer with CURLE_WRITE_ERROR. */
	if (n > x->max_body - x->body.len) {
		x->too_big = 1;
		return 0;
	}
	if (buf_append(&x->body, p, n) == -1) {
		x->oom = 1;
		return 0;
	}
	return n;
}

/* Replace *field by a copy of v[0..n), or join it after ", " when join is set. */
static int
xfer_set_field(char **field, const char *v, size_t n, int join)
{
	struct buf b = { 0 };

	if (*field && !join)
		return 0; /* the first occurrence wins */
	if (*field && (buf_puts(&b, *field) == -1 || buf_puts(&b, ", ") == -1))
		goto fail;
	if (buf_append(&b, v, n) == -1)
		goto fail;
	free(*field);
	*field = buf_detach(&b);
	return *field ? 0 : -1;
fail:
	buf_free(&b);
	return -1;
}

/* A new response starts: forget the headers of the previous one. */
static void
xfer_reset_headers(struct xfer *x)
{
	struct http_response *r = &x->res;

	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r->retry_after);
	free(r->cache_control);
	free(x->date);
	r->etag = r->last_modified = r->content_type = NULL;
	r->retry_after = r->cache_control = x->date = NULL;
}

static size_t
xfer_header_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	static const struct {
		const char *name;
		size_t off;
		int join;
	} fields[] = {
		{ "etag", offsetof(struct http_response, etag), 0 },
		{ "last-modified", offsetof(struct http_response, last_modified), 0 },
		{ "content-type", offsetof(struct http_response, content_type), 0 },
		{ "retry-after", offsetof(struct http_response, retry_after), 0 },
		{ "cache-control", offsetof(struct http_response, cache_control), 1 },
	};
	struct xfer *x = arg;
	size_t n = size * nmemb, nl, i;
	const char *colon, *v, *e;
	char **field = NULL;
	int join = 0;

	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		const char *sp = memchr(p, ' ', n);
		long code = 0;

		for (i = sp ? (size_t)(sp - p) + 1 : n; i < n && isdigit((unsigned char)p[i]); i++)
			code = code * 10 + (p[i] - '0');
		if (code >= 100 && code < 200)
			return n; /* informational: its headers are not the response's */
		xfer_reset_headers(x);
		if (++x->nresp == 1)
			x->res.first_status = code;
		return n;
	}
	if ((colon = memchr(p, ':', n)) == NULL)
		return n; /* the blank line, or a folded continuation we ignore */
	nl = (size_t)(colon - p);
	v = colon + 1;
	e = p + n;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == nl && strncasecmp(p, fields[i].name, nl) == 0) {
			field = (char **)((char *)&x->res + fields[i].off);
			join = fields[i].join;
		}
	if (field == NULL && nl == 4 && strncasecmp(p, "date", 4) == 0)
		field = &x->date;
	/* Only the first response's Location matters, and only when it moved
	 * permanently: the poller logs it so the configuration can be fixed. */
	if (field == NULL && nl == 8 && strncasecmp(p, "location", 8) == 0 &&
	    x->nresp == 1 && (x->res.first_status == 301 || x->res.first_status == 308))
		field = &x->res.location;
	if (field && xfer_set_field(field, v, (size_t)(e - v), join) == -1) {
		x->oom = 1;
		return 0;
	}
	return n;
}

/* --- transfer set-up -------------------------------------------------- */

/* A transfer to url with everything but the method and its options. NULL on
 * out of memory. Its URL is checked later, by xfer_submit. */
static struct xfer *
xfer_new(struct http *h, http_done_fn *done, void *arg)
{
	struct xfer *x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->h = h;
	x->done = done;
	x->arg = arg;
	x->res.date = DATE_UNKNOWN;
	x->max_body = (size_t)h->max_body;
	if ((x->defer = event_new(h->base, -1, 0, xfer_defer_cb, x)) == NULL ||
	    (x->easy = curl_easy_init()) == NULL) {
		xfer_free(x);
		return NULL;
	}
	return x;
}

/* Options every HTTP transfer shares. 0, or -1 on out of memory. */
static int
xfer_common(struct xfer *x, const char *url, int64_t timeout, int64_t low_time, int64_t low_limit)
{
	struct http *h = x->h;
	CURL *e = x->easy;
	int rc = 0;

	if (timeout <= 0)
		timeout = h->timeout;
	if (low_time <= 0)
		low_time = HTTP_LOW_SPEED_TIME;
	if (low_limit <= 0)
		low_limit = HTTP_LOW_SPEED_LIMIT;
	rc |= curl_easy_setopt(e, CURLOPT_URL, url) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_PRIVATE, x) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, xfer_write_cb) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_WRITEDATA, x) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, xfer_header_cb) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_HEADERDATA, x) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, (long)HTTP_CONNECT_TIMEOUT) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)timeout) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)low_time) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)low_limit) != CURLE_OK;
	/* An announced length above the cap is refused before any body byte;
	 * the encoded length never exceeds the decoded one, so this is safe. */
	rc |= curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max_body) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)HTTP_MAX_REDIRECTS) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_USERAGENT, h->user_agent) != CURLE_OK;
	/* TLS verification stays at curl's defaults (peer and host verified). */
	return rc ? -1 : 0;
}

/* Append "name: value" to the transfer's headers. A value that is empty or
 * could split the header (CR, LF) is not sent. 0, or -1 on out of memory. */
static int
xfer_add_header(struct xfer *x, const char *name, const char *value)
{
	struct curl_slist *l;
	struct buf b = { 0 };

	if (value == NULL || *value == '\0' || strpbrk(value, "\r\n") != NULL)
		return 0;
	if (buf_printf(&b, "%s: %s", name, value) == -1)
		return -1;
	l = curl_slist_append(x->headers, b.data);
	buf_free(&b);
	if (l == NULL)
		return -1;
	x->headers = l;
	return 0;
}

/* The lower-case host of url into x->host; 0, 1 when the URL is not an
 * http(s) URL, -1 on out of memory. */
static int
xfer_set_host(struct xfer *x, const char *url)
{
	CURLU *u;
	CURLUcode uc;
	char *scheme = NULL, *host = NULL;
	int rc = 1;

	if ((u = curl_url()) == NULL)
		return -1;
	uc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (uc == CURLUE_OUT_OF_MEMORY)
		rc = -1;
	else if (uc == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0)) {
		if ((x->host = strdup(host)) == NULL)
			rc = -1;
		else {
			for (char *p = x->host; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			rc = 0;
		}
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return rc;
}

/* Queue a configured transfer for url; from here on its callback will run. */
static void
xfer_submit(struct xfer *x, const char *url)
{
	int rc = xfer_set_host(x, url);

	if (rc == -1)
		xfer_fail_later(x, HTTP_ERR_TRANSPORT, "out of memory");
	else if (rc == 1)
		xfer_fail_later(x, HTTP_ERR_TRANSPORT, "not an http or https URL");
	else {
		x->state = XFER_QUEUED;
		xlist_append(&x->h->queued, x);
		http_pump(x->h);
	}
}

/* --- the event loop side ---------------------------------------------- */

static size_t
http_host_running(const struct http *h, const char *host)
{
	size_t n = 0;

	for (const struct xfer *x = h->running.first; x; x = x->next)
		if (strcmp(x->host, host) == 0)
			n++;
	return n;
}

/* Start queued transfers, oldest first, while the limits allow. */
static void
http_pump(struct http *h)
{
	struct xfer *x, *next;

	for (x = h->queued.first; x && h->running.n < (size_t)h->max_parallel; x = next) {
		next = x->next;
		if (http_host_running(h, x->host) >= (size_t)h->per_host)
			continue;
		xlist_remove(&h->queued, x);
		if (curl_multi_add_handle(h->multi, x->easy) != CURLM_OK) {
			xfer_fail_later(x, HTTP_ERR_TRANSPORT, "could not start the transfer");
			continue;
		}
		x->state = XFER_RUNNING;
		xlist_append(&h->running, x);
	}
}

static enum http_error
http_map_error(const struct xfer *x, CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return HTTP_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return HTTP_ERR_TIMEOUT;
	case CURLE_FILESIZE_EXCEEDED:
		return HTTP_ERR_TOO_BIG;
	case CURLE_WRITE_ERROR:
		return x->too_big && !x->oom ? HTTP_ERR_TOO_BIG : HTTP_ERR_TRANSPORT;
	case CURLE_TOO_MANY_REDIRECTS:
		return HTTP_ERR_REDIRECTS;
	case CURLE_UNSUPPORTED_PROTOCOL:
		/* The first URL was checked in xfer_submit, so a refused
		 * protocol after a response is a redirect to it. */
		return x->nresp > 0 ? HTTP_ERR_REDIRECTS : HTTP_ERR_TRANSPORT;
	default:
		return HTTP_ERR_TRANSPORT;
	}
}

/* A running transfer ended with rc: take it out of the multi and report. */
static void
xfer_complete(struct xfer *x, CURLcode rc)
{
	struct http_response *r = &x->res;
	long status = 0, redirects = 0;
	char *eff = NULL;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirects);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_multi_remove_handle(x->h->multi, x->easy);
	r->status = status;
	r->redirects = (int)redirects;
	r->received = x->body.len;
	r->error = http_map_error(x, rc);
	if (x->oom) {
		r->error = HTTP_ERR_TRANSPORT;
		snprintf(r->errmsg, sizeof(r->errmsg), "out of memory");
	} else if (r->error == HTTP_ERR_TOO_BIG)
		snprintf(r->errmsg, sizeof(r->errmsg), "body larger than %zu bytes", x->max_body);
	else if (r->error != HTTP_OK)
		snprintf(r->errmsg, sizeof(r->errmsg), "%s",
		    x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
	if (eff && (r->effective_url = strdup(eff)) == NULL && r->error == HTTP_OK) {
		r->error = HTTP_ERR_TRANSPORT;
		snprintf(r->errmsg, sizeof(r->errmsg), "out of memory");
	}
	if (x->date)
		r->date = date_parse_rfc822(x->date);
	if (r->error == HTTP_OK && x->body.len > 0) {
		r->len = x->body.len;
		r->body = buf_detach(&x->body);
	}
	xfer_deliver(x);
}

/* Read curl's completion messages and report every finished transfer. */
static void
http_check_multi_info(struct http *h)
{
	CURLMsg *msg;
	int left;

	while (!h->dying && (msg = curl_multi_info_read(h->multi, &left)) != NULL) {
		struct xfer *x = NULL;
		CURLcode rc = msg->data.result;

		if (msg->msg != CURLMSG_DONE)
			continue;
		/* msg dies with the handle's removal: rc was copied above. */
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &x);
		xfer_complete(x, rc);
	}
	/* A transfer whose socket or buffer could not be allocated inside a
	 * curl callback is failed here, outside curl, instead of aborting
	 * the whole multi handle. */
	while (!h->dying && h->oom) {
		struct xfer *x;

		h->oom = 0;
		for (x = h->running.first; x && !x->oom; x = x->next)
			;
		if (x) {
			h->oom = 1;
			xfer_complete(x, CURLE_OUT_OF_MEMORY);
		}
	}
}

static void
http_after_action(struct http *h)
{
	h->depth++;
	http_check_multi_info(h);
	if (!h->dying)
		http_pump(h);
	h->depth--;
	if (h->depth == 0 && h->dying)
		http_free(h);
}

static void
http_sock_event(evutil_socket_t fd, short kind, void *arg)
{
	struct http *h = arg;
	int action = 0, running;

	if (kind & EV_READ)
		action |= CURL_CSELECT_IN;
	if (kind & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(h->multi, fd, action, &running);
	http_after_action(h);
}

static void
http_timer_event(evutil_socket_t fd, short kind, void *arg)
{
	struct http *h = arg;
	int running;

	(void)fd;
	(void)kind;
	curl_multi_socket_action(h->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	http_after_action(h);
}

static void
http_sock_free(struct http *h, struct sock *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		h->socks = s->next;
	if (s->next)
		s->next->prev = s->prev;
	if (s->ev)
		event_free(s->ev);
	free(s);
}

/* CURLMOPT_SOCKETFUNCTION: watch s for what curl wants. */
static int
http_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp)
{
	struct http *h = userp;
	struct sock *s = socketp;
	struct xfer *x = NULL;
	short kind = EV_PERSIST;

	if (what == CURL_POLL_REMOVE) {
		if (s)
			http_sock_free(h, s);
		return 0;
	}
	if (s && s->ev && s->what == what)
		return 0;
	if (s == NULL) {
		if ((s = calloc(1, sizeof(*s))) == NULL)
			goto oom;
		s->h = h;
		if ((s->next = h->socks) != NULL)
			s->next->prev = s;
		h->socks = s;
		if (curl_multi_assign(h->multi, fd, s) != CURLM_OK) {
			http_sock_free(h, s);
			goto oom;
		}
	}
	if (s->ev) {
		event_free(s->ev);
		s->ev = NULL;
	}
	if (what & CURL_POLL_IN)
		kind |= EV_READ;
	if (what & CURL_POLL_OUT)
		kind |= EV_WRITE;
	s->what = what;
	/* The event's argument is the client, not s: curl may drop s (POLL_REMOVE)
	 * while the event's own callback is running. */
	if ((s->ev = event_new(h->base, fd, kind, http_sock_event, h)) == NULL)
		goto oom;
	if (event_add(s->ev, NULL) == -1) {
		event_free(s->ev);
		s->ev = NULL;
		goto oom;
	}
	return 0;
oom:
	/* Returning -1 would make curl mark the whole multi handle dead; fail
	 * only this transfer, after curl returns (http_check_multi_info). */
	curl_easy_getinfo(easy, CURLINFO_PRIVATE, &x);
	if (x) {
		x->oom = 1;
		h->oom = 1;
	}
	return 0;
}

/* CURLMOPT_TIMERFUNCTION: wake curl after timeout_ms (-1: never). */
static int
http_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct http *h = userp;
	struct timeval tv;

	(void)multi;
	if (timeout_ms < 0) {
		evtimer_del(h->timer);
		return 0;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	if (evtimer_add(h->timer, &tv) == -1)
		log_warnx("http: cannot arm the transfer timer");
	return 0;
}

/* --- public interface --------------------------------------------------- */

struct http *
http_new(struct event_base *base, const struct http_options *opts)
{
	struct http *h;
	const char *ua = opts && opts->user_agent ? opts->user_agent : "rightswatch";
	int rc = 0;

	if (base == NULL || (h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	h->base = base;
	h->max_parallel = opts && opts->max_parallel > 0 ? opts->max_parallel : HTTP_DEFAULT_PARALLEL;
	h->per_host = opts && opts->per_host > 0 ? opts->per_host : HTTP_DEFAULT_PER_HOST;
	h->timeout = opts && opts->timeout > 0 ? opts->timeout : HTTP_DEFAULT_TIMEOUT;
	h->max_body = opts && opts->max_body > 0 ? opts->max_body : HTTP_DEFAULT_MAX_BODY;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		goto fail;
	h->curl_global = 1;
	if ((h->user_agent = strdup(ua)) == NULL ||
	    (h->timer = evtimer_new(base, http_timer_event, h)) == NULL ||
	    (h->multi = curl_multi_init()) == NULL)
		goto fail;
	rc |= curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION, http_socket_cb) != CURLM_OK;
	rc |= curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA, h) != CURLM_OK;
	rc |= curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION, http_timer_cb) != CURLM_OK;
	rc |= curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA, h) != CURLM_OK;
	rc |= curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)h->per_host) != CURLM_OK;
	rc |= curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->max_parallel) != CURLM_OK;
	if (rc)
		goto fail;
	return h;
fail:
	http_free(h);
	return NULL;
}

/* Cancel every transfer: each callback runs now with HTTP_ERR_CANCELLED. */
static void
http_cancel_all(struct http *h)
{
	struct xlist *lists[] = { &h->running, &h->queued, &h->failed };

	h->depth++;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		while (lists[i]->first) {
			struct xfer *x = lists[i]->first;

			if (x->state == XFER_RUNNING)
				curl_multi_remove_handle(h->multi, x->easy);
			free(x->res.body);
			x->res.body = NULL;
			x->res.len = 0;
			x->res.received = x->body.len;
			x->res.error = HTTP_ERR_CANCELLED;
			snprintf(x->res.errmsg, sizeof(x->res.errmsg), "cancelled");
			xfer_deliver(x);
		}
	h->depth--;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	if (!h->dying) {
		h->dying = 1;
		http_cancel_all(h);
	}
	if (h->depth > 0)
		return; /* the dispatcher on the stack frees h when it unwinds */
	if (h->multi)
		curl_multi_cleanup(h->multi);
	while (h->socks)
		http_sock_free(h, h->socks);
	if (h->timer)
		event_free(h->timer);
	free(h->user_agent);
	if (h->curl_global)
		curl_global_cleanup();
	free(h);
}

int
http_get(struct http *h, const struct http_request *req, http_done_fn *done, void *arg)
{
	struct xfer *x;

	if (h == NULL || req == NULL || req->url == NULL || done == NULL || h->dying)
		return -1;
	if ((x = xfer_new(h, done, arg)) == NULL)
		return -1;
	if (req->max_body > 0)
		x->max_body = (size_t)req->max_body;
	if (xfer_common(x, req->url, req->timeout, req->low_speed_time, req->low_speed_limit) == -1 ||
	    curl_easy_setopt(x->easy, CURLOPT_HTTPGET, 1L) != CURLE_OK ||
	    /* Validators go back byte for byte as custom headers:
	     * CURLOPT_TIMECONDITION would reformat the date. */
	    xfer_add_header(x, "If-None-Match", req->etag) == -1 ||
	    xfer_add_header(x, "If-Modified-Since", req->last_modified) == -1 ||
	    xfer_add_header(x, "Accept", req->accept) == -1 ||
	    curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers) != CURLE_OK) {
		xfer_free(x);
		return -1;
	}
	xfer_submit(x, req->url);
	return 0;
}

size_t
http_inflight(const struct http *h)
{
	if (h == NULL)
		return 0;
	return h->queued.n + h->running.n + h->failed.n;
}

char *
http_response_take_body(struct http_response *res, size_t *len)
{
	char *b = res->body;

	if (len)
		*len = res->len;
	res->body = NULL;
	res->len = 0;
	return b;
}

const char *
http_error_name(enum http_error e)
{
	switch (e) {
	case HTTP_OK:
		return "ok";
	case HTTP_ERR_TRANSPORT:
		return "transport";
	case HTTP_ERR_TIMEOUT:
		return "timeout";
	case HTTP_ERR_TOO_BIG:
		return "too big";
	case HTTP_ERR_REDIRECTS:
		return "redirects";
	case HTTP_ERR_CANCELLED:
		return "cancelled";
	}
	return "unknown";
}
