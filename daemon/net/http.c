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
 * A transfer (struct http_xfer, see http_xfer.c) is protocol-neutral: easy
 * handle, body buffer, header collection, response, completion callback,
 * and the event used to report a failure to start. http_get configures one
 * for GET; http_post (the webhook notifier) and http_smtp_send (the email
 * notifier, curl's SMTP on the same multi) add their own set-up between
 * xfer_new and xfer_submit.
 *
 * Queueing: curl would queue transfers itself once its connection limits are
 * reached, but HTTP/2 multiplexing lets any number of transfers share one
 * connection, and a transfer waiting inside curl already burns its timeout.
 * So transfers wait in our FIFO until fewer than max_parallel run in total and
 * fewer than per_host run for the host of their first URL. Curl's connection
 * limits stay set as a backstop: a redirect to another host is not counted
 * by our queue, and if it would pass the limit curl holds the transfer in
 * its own pending queue until a connection frees up (acceptable: bounded by
 * max_parallel running transfers and by each one's timeout).
 *
 * Lifetime: a transfer is in exactly one list (queued, running, failed) until
 * its done callback has run; then it is freed. http_free cancels all of them.
 * While a done callback runs (depth > 0) http_free only marks the client as
 * dying; the outermost dispatcher releases it once the callback returns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "rightswatch/http.h"
#include "http_xfer.h"
#include "rightswatch/log.h"

struct xlist {
	struct http_xfer *first, *last;
	size_t n;
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
xlist_append(struct xlist *l, struct http_xfer *x)
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
xlist_remove(struct xlist *l, struct http_xfer *x)
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
xfer_list(struct http_xfer *x)
{
	switch (x->state) {
	case HTTP_XFER_QUEUED:
		return &x->h->queued;
	case HTTP_XFER_RUNNING:
		return &x->h->running;
	default:
		return &x->h->failed;
	}
}

/* Unlink x, run its callback, free it. The caller has removed it from the multi. */
static void
xfer_deliver(struct http_xfer *x)
{
	struct http *h = x->h;

	xlist_remove(xfer_list(x), x);
	if (x->res.error != HTTP_OK && x->res.errmsg[0] == '\0')
		snprintf(x->res.errmsg, sizeof(x->res.errmsg), "%s", http_error_name(x->res.error));
	h->depth++;
	x->done(&x->res, x->arg);
	h->depth--;
	http_xfer_free(x);
}

/* Record an error to be reported on the loop: x moves to the failed list. */
static void
xfer_fail_later(struct http_xfer *x, enum http_error e, const char *msg)
{
	x->res.error = e;
	snprintf(x->res.errmsg, sizeof(x->res.errmsg), "%s", msg);
	x->state = HTTP_XFER_FAILED;
	xlist_append(&x->h->failed, x);
	/* event_active cannot fail and only queues the callback: it runs on
	 * a later pass of the loop, never inside the caller's http_get. */
	event_active(x->defer, EV_TIMEOUT, 0);
}

static void
xfer_defer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct http_xfer *x = arg;
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

/* --- transfer set-up -------------------------------------------------- */

/* A transfer of this client with nothing configured (max_body: 0 for the
 * client's default). NULL on out of memory. */
static struct http_xfer *
xfer_new(struct http *h, int64_t max_body, http_done_fn *done, void *arg)
{
	struct http_xfer *x;

	if ((x = http_xfer_new((size_t)(max_body > 0 ? max_body : h->max_body), done, arg)) == NULL)
		return NULL;
	x->h = h;
	if ((x->defer = event_new(h->base, -1, 0, xfer_defer_cb, x)) == NULL) {
		http_xfer_free(x);
		return NULL;
	}
	return x;
}

/* Queue a configured transfer for url, whose scheme must be one of schemes;
 * from here on its callback will run. */
static void
xfer_submit(struct http_xfer *x, const char *url, const char *schemes)
{
	int rc = http_xfer_set_host(x, url, schemes);
	char msg[64];

	if (rc == -1)
		xfer_fail_later(x, HTTP_ERR_TRANSPORT, "out of memory");
	else if (rc == 1) {
		snprintf(msg, sizeof(msg), "not a URL of scheme %s", schemes);
		xfer_fail_later(x, HTTP_ERR_TRANSPORT, msg);
	}
	else {
		x->state = HTTP_XFER_QUEUED;
		xlist_append(&x->h->queued, x);
		http_pump(x->h);
	}
}

/* --- the event loop side ---------------------------------------------- */

static size_t
http_host_running(const struct http *h, const char *host)
{
	size_t n = 0;

	for (const struct http_xfer *x = h->running.first; x; x = x->next)
		if (strcmp(x->host, host) == 0)
			n++;
	return n;
}

/* Start queued transfers, oldest first, while the limits allow. */
static void
http_pump(struct http *h)
{
	struct http_xfer *x, *next;

	for (x = h->queued.first; x && h->running.n < (size_t)h->max_parallel; x = next) {
		next = x->next;
		if (http_host_running(h, x->host) >= (size_t)h->per_host)
			continue;
		xlist_remove(&h->queued, x);
		if (curl_multi_add_handle(h->multi, x->easy) != CURLM_OK) {
			xfer_fail_later(x, HTTP_ERR_TRANSPORT, "could not start the transfer");
			continue;
		}
		x->state = HTTP_XFER_RUNNING;
		xlist_append(&h->running, x);
	}
}
/* A running transfer ended with rc: take it out of the multi and report. */
static void
xfer_complete(struct http_xfer *x, CURLcode rc)
{
	curl_multi_remove_handle(x->h->multi, x->easy);
	http_xfer_finish(x, (int)rc);
	xfer_deliver(x);
}
/* Read curl's completion messages and report every finished transfer. */
static void
http_check_multi_info(struct http *h)
{
	CURLMsg *msg;
	int left;

	while (!h->dying && (msg = curl_multi_info_read(h->multi, &left)) != NULL) {
		struct http_xfer *x = NULL;
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
		struct http_xfer *x;

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
	struct http_xfer *x = NULL;
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
			struct http_xfer *x = lists[i]->first;

			if (x->state == HTTP_XFER_RUNNING)
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
	struct http_xfer *x;
	int refused;

	if (h == NULL || req == NULL || req->url == NULL || done == NULL || h->dying)
		return -1;
	if ((x = xfer_new(h, req->max_body, done, arg)) == NULL)
		return -1;
	if ((refused = http_xfer_set_policy(x, req->policy, req->url)) == -1 ||
	    http_xfer_setup(x, req->url, h->user_agent, req->timeout > 0 ? req->timeout : h->timeout,
	    req->low_speed_time, req->low_speed_limit) == -1 ||
	    curl_easy_setopt(x->easy, CURLOPT_HTTPGET, 1L) != CURLE_OK ||
	    /* Validators go back byte for byte as custom headers:
	     * CURLOPT_TIMECONDITION would reformat the date. */
	    http_xfer_add_header(x, "If-None-Match", req->etag) == -1 ||
	    http_xfer_add_header(x, "If-Modified-Since", req->last_modified) == -1 ||
	    http_xfer_add_header(x, "Accept", req->accept) == -1 ||
	    curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers) != CURLE_OK) {
		http_xfer_free(x);
		return -1;
	}
	x->sink = req->sink;
	x->sink_arg = req->sink_arg;
	if (refused) {
		xfer_fail_later(x, HTTP_ERR_REFUSED, x->refused_why);
		return 0;
	}
	xfer_submit(x, req->url, "http,https");
	return 0;
}

/* Does any of the NULL-terminated lines hold CR or LF? */
static int
http_lines_unsafe(const char *const *lines)
{
	for (size_t i = 0; lines && lines[i]; i++)
		if (strpbrk(lines[i], "\r\n") != NULL)
			return 1;
	return 0;
}

int
http_post(struct http *h, const struct http_post_request *req, http_done_fn *done, void *arg)
{
	struct http_xfer *x;
	int rc = 0;

	if (h == NULL || req == NULL || req->url == NULL || done == NULL || h->dying ||
	    (req->body == NULL && req->len > 0) || http_lines_unsafe(req->headers) ||
	    (req->content_type && strpbrk(req->content_type, "\r\n") != NULL))
		return -1;
	if ((x = xfer_new(h, req->max_body, done, arg)) == NULL)
		return -1;
	rc |= http_xfer_setup(x, req->url, h->user_agent, req->timeout > 0 ? req->timeout : h->timeout,
	    0, 0) == -1;
	/* A POST is not replayed across redirects: a 3xx is an answer. */
	rc |= curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->len) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_COPYPOSTFIELDS, req->body ? req->body : "") != CURLE_OK;
	rc |= http_xfer_add_header(x, "Content-Type",
	    req->content_type ? req->content_type : "application/octet-stream") == -1;
	for (size_t i = 0; req->headers && req->headers[i] && rc == 0; i++) {
		struct curl_slist *l = curl_slist_append(x->headers, req->headers[i]);

		if (l == NULL)
			rc = 1;
		else
			x->headers = l;
	}
	/* "Expect:" with no value: no 100-continue round trip before a large body. */
	if (rc == 0) {
		struct curl_slist *l = curl_slist_append(x->headers, "Expect:");

		if (l == NULL)
			rc = 1;
		else
			x->headers = l;
	}
	rc |= curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, x->headers) != CURLE_OK;
	if (rc) {
		http_xfer_free(x);
		return -1;
	}
	xfer_submit(x, req->url, "http,https");
	return 0;
}

int
http_smtp_send(struct http *h, const struct http_smtp_request *req, http_done_fn *done, void *arg)
{
	static const long ssl[] = {
		[HTTP_STARTTLS_REQUIRED] = CURLUSESSL_ALL,
		[HTTP_STARTTLS_TRY] = CURLUSESSL_TRY,
		[HTTP_STARTTLS_NEVER] = CURLUSESSL_NONE,
	};
	struct http_xfer *x;
	int rc = 0;

	if (h == NULL || req == NULL || req->url == NULL || done == NULL || h->dying ||
	    req->mail_from == NULL || req->rcpt == NULL || req->rcpt[0] == NULL ||
	    (req->msg == NULL && req->len > 0) ||
	    (int)req->starttls < 0 || (size_t)req->starttls >= sizeof(ssl) / sizeof(ssl[0]) ||
	    strpbrk(req->mail_from, "\r\n") != NULL || http_lines_unsafe(req->rcpt))
		return -1;
	if ((x = xfer_new(h, 0, done, arg)) == NULL)
		return -1;
	rc |= http_xfer_setup(x, req->url, h->user_agent, req->timeout > 0 ? req->timeout : h->timeout,
	    0, 0) == -1;
	/* This transfer only may speak SMTP; GETs keep http/https. */
	rc |= curl_easy_setopt(x->easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_USE_SSL, ssl[req->starttls]) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_MAIL_FROM, req->mail_from) != CURLE_OK;
	if (req->username)
		rc |= curl_easy_setopt(x->easy, CURLOPT_USERNAME, req->username) != CURLE_OK;
	if (req->password)
		rc |= curl_easy_setopt(x->easy, CURLOPT_PASSWORD, req->password) != CURLE_OK;
	for (size_t i = 0; req->rcpt[i] && rc == 0; i++) {
		struct curl_slist *l = curl_slist_append(x->rcpt, req->rcpt[i]);

		if (l == NULL)
			rc = 1;
		else
			x->rcpt = l;
	}
	rc |= curl_easy_setopt(x->easy, CURLOPT_MAIL_RCPT, x->rcpt) != CURLE_OK;
	/* curl dot-stuffs the message and ends it with CRLF.CRLF itself. */
	rc |= http_xfer_set_upload(x, req->msg ? req->msg : "", req->len) == -1;
	if (rc) {
		http_xfer_free(x);
		return -1;
	}
	xfer_submit(x, req->url, "smtp,smtps");
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
	case HTTP_ERR_REFUSED:
		return "refused";
	}
	return "unknown";
}
