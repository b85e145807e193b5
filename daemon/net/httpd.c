/*
 * httpd — /metrics, /healthz and /status on libevent's evhttp, on the
 * daemon's loop. Each answer is computed when asked, from the counters
 * (metrics.c) and from the store (status.c): a request runs between two
 * callbacks of the poller, so what it reads is consistent. Requests are
 * bounded in time, header size and body size; only GET and HEAD are served.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/config_value.h"
#include "rightswatch/httpd.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"

struct httpd {
	struct evhttp *http;
	struct store *store;
	const struct config *cf;
	const struct metrics *metrics;
	int failing; /* the store could not be read for /metrics: warned once */
};

/* Every health a source can have, so each gauge exists from the start. */
static const char *const httpd_healths[] = {
	STORE_HEALTH_NEW, STORE_HEALTH_OK, STORE_HEALTH_FAILING, STORE_HEALTH_THROTTLED,
	STORE_HEALTH_BLOCKED, STORE_HEALTH_NOT_A_FEED, STORE_HEALTH_EMPTY, STORE_HEALTH_GONE,
	STORE_HEALTH_INVALID,
};
#define HTTPD_NHEALTH (sizeof(httpd_healths) / sizeof(httpd_healths[0]))

static void
httpd_reply(struct evhttp_request *req, int code, const char *reason, const char *type,
    const char *body, size_t len)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(req);

	evhttp_add_header(h, "Content-Type", type);
	evhttp_add_header(h, "Cache-Control", "no-store");
	if (code == 405)
		evhttp_add_header(h, "Allow", "GET, HEAD");
	/* evhttp would send a HEAD's body: only its length goes (RFC 9110 9.3.2). */
	if (evhttp_request_get_command(req) == EVHTTP_REQ_HEAD) {
		char n[32];

		snprintf(n, sizeof(n), "%zu", len);
		evhttp_add_header(h, "Content-Length", n);
	} else
		evbuffer_add(evhttp_request_get_output_buffer(req), body, len);
	evhttp_send_reply(req, code, reason, NULL);
}

static void
httpd_text(struct evhttp_request *req, int code, const char *reason, const char *text)
{
	httpd_reply(req, code, reason, "text/plain; charset=utf-8", text, strlen(text));
}

static void
httpd_metrics(struct httpd *h, struct evhttp_request *req)
{
	struct metrics_health health[HTTPD_NHEALTH];
	struct metrics_gauges g = { -1, health, HTTPD_NHEALTH };
	struct status s;
	struct buf out = { NULL, 0, 0 };
	int gathered;

	for (size_t i = 0; i < HTTPD_NHEALTH; i++) {
		health[i].health = httpd_healths[i];
		health[i].sources = 0;
	}
	/* Without the store, the counters are still worth serving. */
	gathered = status_gather(h->store, h->cf, (int64_t)time(NULL), &s) == 0;
	if (!gathered) {
		if (!h->failing)
			log_warnx("/metrics: serving the counters only: %s", store_errmsg(h->store));
		h->failing = 1;
		g.nhealth = 0;
	} else {
		if (h->failing)
			log_info("/metrics: the database can be read again");
		h->failing = 0;
		g.outbox_pending = s.outbox_pending;
		for (size_t k = 0; k < s.nsources; k++)
			for (size_t i = 0; i < HTTPD_NHEALTH; i++)
				if (s.sources[k].health != NULL &&
				    strcmp(s.sources[k].health, httpd_healths[i]) == 0)
					health[i].sources++;
		status_clear(&s);
	}
	if (metrics_render(h->metrics, &g, &out) == -1) {
		httpd_text(req, 500, "Internal Server Error", "out of memory\n");
	} else
		httpd_reply(req, 200, "OK", "text/plain; version=0.0.4; charset=utf-8", out.data,
		    out.len);
	buf_free(&out);
}

static void
httpd_healthz(struct httpd *h, struct evhttp_request *req)
{
	char msg[600];

	/* Being answered at all shows the loop runs; the probe shows the
	 * database takes writes. */
	if (store_writable(h->store) == 0) {
		httpd_text(req, 200, "OK", "ok\n");
		return;
	}
	snprintf(msg, sizeof(msg), "database not writable: %s\n", store_errmsg(h->store));
	httpd_text(req, 503, "Service Unavailable", msg);
}

static void
httpd_status(struct httpd *h, struct evhttp_request *req)
{
	struct status s;
	char *json;

	if (status_gather(h->store, h->cf, (int64_t)time(NULL), &s) == -1) {
		char msg[600];

		snprintf(msg, sizeof(msg), "status: %s\n", store_errmsg(h->store));
		httpd_text(req, 503, "Service Unavailable", msg);
		return;
	}
	if ((json = status_json(&s)) == NULL)
		httpd_text(req, 500, "Internal Server Error", "out of memory\n");
	else
		httpd_reply(req, 200, "OK", "application/json", json, strlen(json));
	free(json);
	status_clear(&s);
}

static void
httpd_request_cb(struct evhttp_request *req, void *arg)
{
	struct httpd *h = arg;
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	const char *path = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);

	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD)
		httpd_text(req, 405, "Method Not Allowed", "only GET and HEAD\n");
	else if (path != NULL && strcmp(path, "/metrics") == 0)
		httpd_metrics(h, req);
	else if (path != NULL && strcmp(path, "/healthz") == 0)
		httpd_healthz(h, req);
	else if (path != NULL && strcmp(path, "/status") == 0)
		httpd_status(h, req);
	else
		httpd_text(req, 404, "Not Found", "not found: try /metrics, /healthz or /status\n");
}

struct httpd *
httpd_new(struct event_base *base, const char *listen, struct store *st,
    const struct config *cf, const struct metrics *m, char *err, size_t errlen)
{
	struct httpd *h;
	char addr[64], why[256];
	int port, loopback;

	if (config_value_listen(listen, addr, sizeof(addr), &port, &loopback, why,
	    sizeof(why)) == -1) {
		snprintf(err, errlen, "listen = %s: %s", listen, why);
		return NULL;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL || (h->http = evhttp_new(base)) == NULL) {
		free(h);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	h->store = st;
	h->cf = cf;
	h->metrics = m;
	/* Every method reaches the callback, which answers 405 to all but
	 * GET and HEAD (evhttp itself would answer 501). */
	evhttp_set_allowed_methods(h->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE | EVHTTP_REQ_OPTIONS |
	    EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT | EVHTTP_REQ_PATCH);
	evhttp_set_max_headers_size(h->http, HTTPD_MAX_HEADERS);
	evhttp_set_max_body_size(h->http, HTTPD_MAX_BODY);
	evhttp_set_timeout(h->http, HTTPD_TIMEOUT);
	evhttp_set_gencb(h->http, httpd_request_cb, h);
	if (evhttp_bind_socket_with_handle(h->http, addr, (ev_uint16_t)port) == NULL) {
		snprintf(err, errlen, "listen = %s: cannot listen on %s port %d: %s", listen,
		    addr, port, strerror(errno));
		httpd_free(h);
		return NULL;
	}
	if (!loopback)
		log_warnx("listen = %s: serving /metrics, /healthz and /status beyond this "
		    "machine (%s is not a loopback address)", listen, addr);
	log_info("listening on %s port %d for /metrics, /healthz and /status", addr, port);
	return h;
}

void
httpd_set_config(struct httpd *h, const struct config *cf)
{
	if (h != NULL)
		h->cf = cf;
}

void
httpd_free(struct httpd *h)
{
	if (h == NULL)
		return;
	if (h->http != NULL)
		evhttp_free(h->http);
	free(h);
}
