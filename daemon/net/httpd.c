/*
 * httpd — a table of paths served over HTTP/1.1 on the daemon's loop, with
 * its own listener and connections (libevent's evconnlistener and
 * bufferevents), so that a client cannot exhaust it:
 *
 *   - at most HTTPD_MAX_CONNECTIONS connections at once: at the cap the
 *     listener stops accepting (the kernel's backlog holds the rest) until
 *     one closes;
 *   - a connection has HTTPD_TIMEOUT seconds from its accept to send its
 *     request line and headers (at most HTTPD_MAX_HEADERS bytes), idle or
 *     dribbling, and as long again to take the answer; one request per
 *     connection (Connection: close);
 *   - accept failing for want of a descriptor or of memory (EMFILE,
 *     ENFILE, ENOBUFS, ENOMEM) pauses accepting for HTTPD_ACCEPT_PAUSE
 *     instead of spinning on a socket that stays readable, and is logged
 *     at most once every HTTPD_LOG_EVERY seconds, with how many times it
 *     happened meanwhile.
 *
 * Each answer is computed when asked, by the route's handler: a request
 * runs between two callbacks of the rest of the daemon, so what a handler
 * reads is consistent. Only GET and HEAD are served. Every answer says
 * X-Content-Type-Options: nosniff and Cache-Control: no-store, and sets
 * no cookie.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "rightswatch/buf.h"
#include "rightswatch/httpd.h"
#include "rightswatch/log.h"

struct httpd_conn {
	struct httpd *h;
	int minor;                /* the answer's HTTP/1.x is the request's */
	struct httpd_conn *prev, *next;
	struct bufferevent *bev;
	struct event *deadline;   /* HTTPD_TIMEOUT from the accept, then for the answer */
	int answered;             /* the answer is queued: close once it is written */
};

struct httpd {
	struct event_base *base;
	struct evconnlistener *lev;
	struct event *resume;     /* ends an accept pause */
	const struct httpd_route *routes;
	size_t nroutes;
	void *arg;
	struct httpd_conn *conns;
	size_t nconns;
	int paused;               /* accepting stopped: cap reached or accept failing */
	time_t last_log;          /* monotonic seconds of the last trouble line */
	unsigned long quiet;      /* troubles since that line */
	char paths[128];          /* "/a, /b or /c", for the 404 answer */
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

int
httpd_parse_request(const char *head, size_t len, char *method, size_t methodlen,
    char *path, size_t pathlen, int *minor)
{
	size_t line = 0, m = 0, t, tn;

	*minor = 1;
	if (methodlen > 0)
		method[0] = '\0';
	if (pathlen > 0)
		path[0] = '\0';
	while (line < len && head[line] != '\n')
		line++;
	if (line > 0 && head[line - 1] == '\r')
		line--;
	/* METHOD SP request-target SP HTTP/1.x (RFC 9112 3) */
	while (m < line && head[m] >= 'A' && head[m] <= 'Z')
		m++;
	if (m == 0 || m >= methodlen || m >= line || head[m] != ' ')
		return 400;
	memcpy(method, head, m);
	method[m] = '\0';
	t = m + 1;
	for (tn = t; tn < line && head[tn] != ' '; tn++)
		if ((unsigned char)head[tn] <= 0x20 || head[tn] == 0x7f)
			return 400;
	if (tn == t || tn >= line || line - tn - 1 != 8 ||
	    strncmp(head + tn + 1, "HTTP/1.", 7) != 0 ||
	    head[tn + 8] < '0' || head[tn + 8] > '9')
		return 400;
	*minor = head[tn + 8] - '0';
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return 405;
	if (head[t] != '/')
		return 400;
	tn = t + strcspn(head + t, "?# ");
	if (tn > line || tn - t >= pathlen)
		return 400;
	memcpy(path, head + t, tn - t);
	path[tn - t] = '\0';
	return 200;
}

int
httpd_request_query(const char *head, size_t len, char *query, size_t querylen)
{
	const char *sp, *q, *end;
	size_t n;

	if (querylen == 0)
		return -1;
	query[0] = '\0';
	/* The target is between the first two spaces of the request line. */
	if ((sp = memchr(head, ' ', len)) == NULL)
		return 0;
	end = sp + 1;
	while (end < head + len && *end != ' ' && *end != '\r' && *end != '\n')
		end++;
	if ((q = memchr(sp + 1, '?', (size_t)(end - sp - 1))) == NULL)
		return 0;
	q++;
	n = strcspn(q, "# \r\n");
	if (q + n > end)
		n = (size_t)(end - q);
	if (n >= querylen)
		return -1;
	memcpy(query, q, n);
	query[n] = '\0';
	return 0;
}

/* A trouble of the listener (accept failing, the cap reached): logged at
 * most once every HTTPD_LOG_EVERY seconds, with the count of those not
 * logged since. */
static void
httpd_trouble(struct httpd *h, const char *what)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (h->last_log != 0 && now.tv_sec - h->last_log < HTTPD_LOG_EVERY) {
		h->quiet++;
		return;
	}
	if (h->quiet > 0)
		log_warnx("listener: %s (and %lu times since the last such line)", what, h->quiet);
	else
		log_warnx("listener: %s", what);
	h->last_log = now.tv_sec;
	h->quiet = 0;
}

/* Accept again when below the cap and no pause runs. */
static void
httpd_maybe_resume(struct httpd *h)
{
	if (h->paused && h->lev != NULL && h->nconns < HTTPD_MAX_CONNECTIONS &&
	    !evtimer_pending(h->resume, NULL)) {
		h->paused = 0;
		evconnlistener_enable(h->lev);
	}
}

static void
httpd_conn_free(struct httpd_conn *c)
{
	struct httpd *h = c->h;

	if (c->prev)
		c->prev->next = c->next;
	else
		h->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	h->nconns--;
	if (c->deadline)
		event_free(c->deadline);
	if (c->bev)
		bufferevent_free(c->bev);
	free(c);
	httpd_maybe_resume(h);
}

/* Queue the answer; the connection closes once it is written. */
static void
httpd_reply(struct httpd_conn *c, int head, int code, const char *reason, const char *type,
    const char *headers, const char *body, size_t len)
{
	struct evbuffer *out = bufferevent_get_output(c->bev);
	struct timeval tv = { HTTPD_TIMEOUT, 0 };

	evbuffer_add_printf(out, "HTTP/1.%d %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\nCache-Control: no-store\r\nConnection: close\r\n"
	    "X-Content-Type-Options: nosniff\r\n%s%s\r\n", c->minor, code, reason, type, len,
	    code == 405 ? "Allow: GET, HEAD\r\n" : "", headers != NULL ? headers : "");
	/* A HEAD gets the length of the body it does not get (RFC 9110 9.3.2). */
	if (!head)
		evbuffer_add(out, body, len);
	c->answered = 1;
	bufferevent_disable(c->bev, EV_READ);
	bufferevent_enable(c->bev, EV_WRITE);
	/* As long again to take the answer. */
	evtimer_add(c->deadline, &tv);
}

#define HTTPD_TEXT "text/plain; charset=utf-8"

/* The request's head is in: route it. */
static void
httpd_serve(struct httpd_conn *c, const char *head, size_t len)
{
	struct httpd *h = c->h;
	struct httpd_answer ans = { 200, "OK", HTTPD_TEXT, NULL, { NULL, 0, 0 }, NULL, NULL };
	char method[16], path[HTTPD_MAX_PATH], query[HTTPD_MAX_QUERY], msg[192];
	size_t i;
	int code = httpd_parse_request(head, len, method, sizeof(method), path, sizeof(path),
	    &c->minor);
	int is_head = strcmp(method, "HEAD") == 0;

	if (code == 405) {
		snprintf(msg, sizeof(msg), "only GET and HEAD\n");
		httpd_reply(c, 0, 405, "Method Not Allowed", HTTPD_TEXT, NULL, msg, strlen(msg));
		return;
	}
	if (code == 200 && httpd_request_query(head, len, query, sizeof(query)) == -1)
		code = 400;
	if (code != 200) {
		snprintf(msg, sizeof(msg), "bad request\n");
		httpd_reply(c, 0, 400, "Bad Request", HTTPD_TEXT, NULL, msg, strlen(msg));
		return;
	}
	for (i = 0; i < h->nroutes; i++)
		if (h->routes[i].prefix ? strncmp(path, h->routes[i].path,
		    strlen(h->routes[i].path)) == 0 : strcmp(path, h->routes[i].path) == 0)
			break;
	if (i == h->nroutes) {
		snprintf(msg, sizeof(msg), "not found: try %s\n", h->paths);
		httpd_reply(c, is_head, 404, "Not Found", HTTPD_TEXT, NULL, msg, strlen(msg));
		return;
	}
	ans.path = path;
	ans.query = query;
	h->routes[i].fn(&ans, h->arg);
	httpd_reply(c, is_head, ans.code, ans.reason, ans.type, ans.headers,
	    ans.body.data != NULL ? ans.body.data : "", ans.body.len);
	buf_free(&ans.body);
}

static void
httpd_read_cb(struct bufferevent *bev, void *arg)
{
	struct httpd_conn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	struct evbuffer_ptr end;
	size_t n = evbuffer_get_length(in);
	char *head;

	if (c->answered)
		return;
	end = evbuffer_search(in, "\r\n\r\n", 4, NULL);
	if (end.pos < 0) {
		/* LF-only line ends, as some clients write them */
		end = evbuffer_search(in, "\n\n", 2, NULL);
		if (end.pos >= 0)
			end.pos -= 2;
	}
	if (end.pos < 0 || (size_t)end.pos + 4 > HTTPD_MAX_HEADERS) {
		if (n > HTTPD_MAX_HEADERS)
			httpd_reply(c, 0, 431, "Request Header Fields Too Large", HTTPD_TEXT,
			    NULL, "headers too large\n", 18);
		return;
	}
	if ((head = malloc((size_t)end.pos + 1)) == NULL) {
		httpd_conn_free(c);
		return;
	}
	evbuffer_copyout(in, head, (size_t)end.pos);
	head[end.pos] = '\0';
	httpd_serve(c, head, (size_t)end.pos);
	free(head);
}

static void
httpd_write_cb(struct bufferevent *bev, void *arg)
{
	struct httpd_conn *c = arg;

	if (c->answered && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		httpd_conn_free(c);
}

static void
httpd_event_cb(struct bufferevent *bev, short what, void *arg)
{
	(void)bev, (void)what;
	/* EOF, a reset, an error: the client is gone. */
	httpd_conn_free(arg);
}

static void
httpd_deadline_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	/* Idle, dribbling its headers, or not reading the answer. */
	httpd_conn_free(arg);
}

static void
httpd_accept_cb(struct evconnlistener *lev, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct httpd *h = arg;
	struct httpd_conn *c;
	struct timeval tv = { HTTPD_TIMEOUT, 0 };

	(void)lev, (void)sa, (void)salen;
	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (c->bev = bufferevent_socket_new(h->base, fd, BEV_OPT_CLOSE_ON_FREE)) == NULL ||
	    (c->deadline = evtimer_new(h->base, httpd_deadline_cb, c)) == NULL) {
		if (c != NULL && c->bev != NULL)
			bufferevent_free(c->bev);
		else
			evutil_closesocket(fd);
		free(c);
		httpd_trouble(h, "out of memory for a connection");
		return;
	}
	c->h = h;
	if ((c->next = h->conns) != NULL)
		c->next->prev = c;
	h->conns = c;
	h->nconns++;
	bufferevent_setcb(c->bev, httpd_read_cb, httpd_write_cb, httpd_event_cb, c);
	/* Nothing more than the headers is ever read. */
	bufferevent_setwatermark(c->bev, EV_READ, 0, HTTPD_MAX_HEADERS + 1);
	bufferevent_enable(c->bev, EV_READ);
	evtimer_add(c->deadline, &tv);
	if (h->nconns >= HTTPD_MAX_CONNECTIONS) {
		httpd_trouble(h, "as many connections open as allowed; new ones wait");
		h->paused = 1;
		evconnlistener_disable(h->lev);
	}
}

static void
httpd_resume_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	httpd_maybe_resume(arg);
}

/* accept(2) failed with something other than a retry: without a pause
 * the socket, still readable, would be reported again at once, forever. */
static void
httpd_accept_error_cb(struct evconnlistener *lev, void *arg)
{
	struct httpd *h = arg;
	struct timeval tv = { HTTPD_ACCEPT_PAUSE, 0 };
	char what[160];
	int err = EVUTIL_SOCKET_ERROR();

	snprintf(what, sizeof(what), "accept: %s; new connections wait %d s",
	    evutil_socket_error_to_string(err), HTTPD_ACCEPT_PAUSE);
	httpd_trouble(h, what);
	h->paused = 1;
	evconnlistener_disable(lev);
	evtimer_add(h->resume, &tv);
}

struct httpd *
httpd_new(struct event_base *base, const char *listen, const struct httpd_route *routes,
    size_t nroutes, void *arg, char *err, size_t errlen)
{
	struct httpd *h;
	struct sockaddr_storage ss;
	int sslen = sizeof(ss), port, loopback;
	char addr[64], why[256], paths[128], where[128];

	if (httpd_parse_listen(listen, addr, sizeof(addr), &port, &loopback, why,
	    sizeof(why)) == -1) {
		snprintf(err, errlen, "listen = %s: %s", listen, why);
		return NULL;
	}
	snprintf(where, sizeof(where), strchr(addr, ':') ? "[%s]:%d" : "%s:%d", addr, port);
	memset(&ss, 0, sizeof(ss));
	if (evutil_parse_sockaddr_port(where, (struct sockaddr *)&ss, &sslen) == -1) {
		snprintf(err, errlen, "listen = %s: not an address", listen);
		return NULL;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (h->resume = evtimer_new(base, httpd_resume_cb, h)) == NULL) {
		free(h);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	h->base = base;
	h->routes = routes;
	h->nroutes = nroutes;
	h->arg = arg;
	httpd_join_paths(routes, nroutes, " or ", h->paths, sizeof(h->paths));
	if ((h->lev = evconnlistener_new_bind(base, httpd_accept_cb, h, LEV_OPT_CLOSE_ON_FREE |
	    LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC, HTTPD_BACKLOG, (struct sockaddr *)&ss,
	    sslen)) == NULL) {
		snprintf(err, errlen, "listen = %s: cannot listen on %s port %d: %s", listen,
		    addr, port, strerror(errno));
		httpd_free(h);
		return NULL;
	}
	evconnlistener_set_error_cb(h->lev, httpd_accept_error_cb);
	httpd_join_paths(routes, nroutes, " and ", paths, sizeof(paths));
	if (!loopback)
		log_warnx("listen = %s: serving %s beyond this machine (%s is not a loopback "
		    "address)", listen, paths, addr);
	log_info("listening on %s port %d for %s", addr, port, paths);
	return h;
}

size_t
httpd_connections(const struct httpd *h)
{
	return h != NULL ? h->nconns : 0;
}

void
httpd_free(struct httpd *h)
{
	if (h == NULL)
		return;
	if (h->lev != NULL)
		evconnlistener_free(h->lev);
	h->lev = NULL;
	while (h->conns != NULL)
		httpd_conn_free(h->conns);
	if (h->resume != NULL)
		event_free(h->resume);
	free(h);
}
