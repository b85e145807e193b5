/*
 * httpd — a small HTTP/1.1 listener on the daemon's event loop (libevent's
 * evconnlistener and bufferevents), serving a fixed table of paths: GET or
 * HEAD of a path in the table runs its handler, which fills the answer;
 * any other method gets 405, any other path 404, a malformed request 400.
 * One request per connection. The number of connections, the time a
 * client has and the size of its request are bounded, and accept failing
 * (no descriptor left: EMFILE) pauses accepting instead of spinning. What
 * the paths mean (/metrics, /healthz, /status) is the service's
 * (monitor.h); this module knows only HTTP.
 *
 * Borrows the event_base and the route table; owns the listening socket
 * and its connections. Free before the base.
 */
#ifndef RW_HTTPD_H
#define RW_HTTPD_H

#include <stddef.h>

#include "rightswatch/buf.h"

struct event_base;
struct httpd;

#define HTTPD_TIMEOUT         10    /* seconds a client has from its accept to send its
                                       request's head (idle or slow), and again to
                                       take the answer */
#define HTTPD_MAX_HEADERS     8192  /* bytes of request line and headers */
#define HTTPD_MAX_PATH        256   /* bytes of a request's path */
#define HTTPD_MAX_QUERY       512   /* bytes of its query (after the "?") */
#define HTTPD_MAX_CONNECTIONS 32    /* open at once; more wait in the backlog */
#define HTTPD_BACKLOG         64    /* listen(2) backlog */
#define HTTPD_ACCEPT_PAUSE    1     /* seconds accepting stops after accept failed */
#define HTTPD_LOG_EVERY       60    /* seconds: the listener's troubles, one line at most */

/* A handler's answer. httpd sets code 200, reason "OK", type text/plain
 * (UTF-8), no extra headers and an empty body before the call, and gives
 * the request's path and query (without the "?"; "" when none), borrowed
 * for the call; the handler changes what it needs. The body is httpd's
 * (sent, then freed); type, reason and headers are borrowed and must be
 * static strings; headers is whole header lines, each ending in CRLF. */
struct httpd_answer {
	int code;
	const char *reason;
	const char *type;
	const char *headers;
	struct buf body;
	const char *path;
	const char *query;
};

typedef void httpd_handler_fn(struct httpd_answer *ans, void *arg);

struct httpd_route {
	const char *path;   /* exact, e.g. "/metrics"; with prefix, a prefix */
	httpd_handler_fn *fn;
	int prefix;         /* 1: every path that starts with path ("/release/") */
};

/* "[ADDRESS:]PORT": "PORT", "localhost:PORT", "A.B.C.D:PORT" or
 * "[V6]:PORT" (numeric addresses only: nothing is resolved). The address
 * to bind goes to addr (127.0.0.1 for a bare port or localhost), the port
 * (1-65535) to *port, and *loopback says whether addr is a loopback
 * address. 0, or -1 with why. The configuration checks [daemon] listen
 * with it. */
int httpd_parse_listen(const char *s, char *addr, size_t addrlen, int *port,
    int *loopback, char *why, size_t whylen);

/* The head of a request (request line and header lines, without the blank
 * line; NUL-terminated) -> its method, its path (the target without query
 * and fragment) and its HTTP/1.x minor version (1 when unknown). 200 for
 * GET or HEAD, 405 for another method, 400 for a head that is not HTTP/1.x
 * or a path that does not fit. Pure. */
int httpd_parse_request(const char *head, size_t len, char *method, size_t methodlen,
    char *path, size_t pathlen, int *minor);
/* The query of the request line in head (what follows "?" in its target,
 * before any "#") into query: 0 ("" when there is none), or -1 when it
 * does not fit in querylen. Pure. */
int httpd_request_query(const char *head, size_t len, char *query, size_t querylen);

/* Listen on listen (httpd_parse_listen) and serve routes[0..nroutes)
 * (borrowed: the table must outlive the listener), each handler called
 * with arg. A non-loopback address is logged as a warning. Returns NULL
 * with a reason in err (a bad value, an address in use, out of memory). */
struct httpd *httpd_new(struct event_base *base, const char *listen,
    const struct httpd_route *routes, size_t nroutes, void *arg, char *err, size_t errlen);
/* Connections open now. */
size_t httpd_connections(const struct httpd *h);
/* Close the listener and its connections. Accepts NULL. */
void httpd_free(struct httpd *h);

#endif
