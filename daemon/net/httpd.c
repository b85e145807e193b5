/*
 * httpd — a table of paths served on libevent's evhttp, on the daemon's
 * loop. Each answer is computed when asked, by the route's handler: a
 * request runs between two callbacks of the rest of the daemon, so what a
 * handler reads is consistent. Only GET and HEAD are served.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "rightswatch/buf.h"
#include "rightswatch/httpd.h"
#include "rightswatch/log.h"

struct httpd {
	struct evhttp *http;
	const struct httpd_route *routes;
	size_t nroutes;
	void *arg;
	char paths[128]; /* "/a, /b or /c", for the 404 answer */
};

/* A port: decimal digits only (no sign, no blanks), 1 to 65535. */
static int
httpd_port(const char *s, long *out)
{
	char *end;
	long v;

	if (strspn(s, "0123456789") != strlen(s))
		return -1;
	v = strtol(s, &end, 10);
	if (end == s || v < 1 || v > 65535)
		return -1;
	*out = v;
	return 0;
}

int
httpd_parse_listen(const char *s, char *addr, size_t addrlen, int *port, int *loopback,
    char *why, size_t whylen)
{
	char host[INET6_ADDRSTRLEN + 1];
	struct in_addr a4;
	struct in6_addr a6;
	const char *colon, *ps = s;
	long p;
	size_t hl = 0;
	int v6 = 0;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || close[1] != ':') {
			snprintf(why, whylen, "expected [IPV6]:PORT");
			return -1;
		}
		hl = (size_t)(close - s - 1);
		if (hl >= sizeof(host)) {
			snprintf(why, whylen, "not an IPv6 address");
			return -1;
		}
		memcpy(host, s + 1, hl);
		ps = close + 2;
		v6 = 1;
	} else if ((colon = strrchr(s, ':')) != NULL) {
		hl = (size_t)(colon - s);
		if (hl >= sizeof(host) || memchr(s, ':', hl) != NULL) {
			snprintf(why, whylen, "write an IPv6 address as [ADDRESS]:PORT");
			return -1;
		}
		memcpy(host, s, hl);
		ps = colon + 1;
	}
	host[hl] = '\0';
	if (httpd_port(ps, &p) == -1) {
		snprintf(why, whylen, "expected [ADDRESS:]PORT with a port from 1 to 65535");
		return -1;
	}
	if (hl == 0 && ps != s) {
		snprintf(why, whylen, "no address before the port");
		return -1;
	}
	if (!v6 && (hl == 0 || strcasecmp(host, "localhost") == 0))
		snprintf(host, sizeof(host), "127.0.0.1");
	if (v6 ? inet_pton(AF_INET6, host, &a6) != 1 : inet_pton(AF_INET, host, &a4) != 1) {
		snprintf(why, whylen, "'%s' is not a numeric %s address (nor localhost)", host,
		    v6 ? "IPv6" : "IPv4");
		return -1;
	}
	if (strlen(host) >= addrlen) {
		snprintf(why, whylen, "address too long");
		return -1;
	}
	memcpy(addr, host, strlen(host) + 1);
	*port = (int)p;
	*loopback = v6 ? IN6_IS_ADDR_LOOPBACK(&a6) : (ntohl(a4.s_addr) >> 24) == 127;
	return 0;
}

/* The routes' paths joined: "/a, /b and /c" (last is "and" or "or"). */
static void
httpd_join_paths(const struct httpd_route *routes, size_t n, const char *last, char *out,
    size_t outlen)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len < outlen; i++) {
		snprintf(out + len, outlen - len, "%s%s", i == 0 ? "" : i + 1 == n ? last : ", ",
		    routes[i].path);
		len = strlen(out);
	}
}

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

#define HTTPD_TEXT "text/plain; charset=utf-8"

static void
httpd_request_cb(struct evhttp_request *req, void *arg)
{
	struct httpd *h = arg;
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	const char *path = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
	struct httpd_answer ans = { 200, "OK", HTTPD_TEXT, { NULL, 0, 0 } };
	char msg[192];
	size_t i;

	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		snprintf(msg, sizeof(msg), "only GET and HEAD\n");
		httpd_reply(req, 405, "Method Not Allowed", HTTPD_TEXT, msg, strlen(msg));
		return;
	}
	for (i = 0; path != NULL && i < h->nroutes; i++)
		if (strcmp(path, h->routes[i].path) == 0)
			break;
	if (path == NULL || i == h->nroutes) {
		snprintf(msg, sizeof(msg), "not found: try %s\n", h->paths);
		httpd_reply(req, 404, "Not Found", HTTPD_TEXT, msg, strlen(msg));
		return;
	}
	h->routes[i].fn(&ans, h->arg);
	httpd_reply(req, ans.code, ans.reason, ans.type, ans.body.data != NULL ? ans.body.data : "",
	    ans.body.len);
	buf_free(&ans.body);
}

struct httpd *
httpd_new(struct event_base *base, const char *listen, const struct httpd_route *routes,
    size_t nroutes, void *arg, char *err, size_t errlen)
{
	struct httpd *h;
	char addr[64], why[256], paths[128];
	int port, loopback;

	if (httpd_parse_listen(listen, addr, sizeof(addr), &port, &loopback, why,
	    sizeof(why)) == -1) {
		snprintf(err, errlen, "listen = %s: %s", listen, why);
		return NULL;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL || (h->http = evhttp_new(base)) == NULL) {
		free(h);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	h->routes = routes;
	h->nroutes = nroutes;
	h->arg = arg;
	httpd_join_paths(routes, nroutes, " or ", h->paths, sizeof(h->paths));
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
	httpd_join_paths(routes, nroutes, " and ", paths, sizeof(paths));
	if (!loopback)
		log_warnx("listen = %s: serving %s beyond this machine (%s is not a loopback "
		    "address)", listen, paths, addr);
	log_info("listening on %s port %d for %s", addr, port, paths);
	return h;
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
