/*
 * http — every transfer of the daemon (HTTP GET now; POST and SMTP for the
 * notifiers later) on libcurl's multi-socket interface driven by one
 * libevent event_base. This is the only module that includes curl's easy/multi
 * API and libevent together. Nothing here blocks the loop.
 *
 * Each transfer has a connect timeout, a total timeout, a low-speed abort, a
 * cap on the *decoded* body enforced in the write callback, gzip/deflate/br,
 * at most HTTP_MAX_REDIRECTS redirects over http/https only, TLS
 * verification, HTTP/2 when offered, and per-host and total limits.
 */
#ifndef RW_HTTP_H
#define RW_HTTP_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct http;

#define HTTP_MAX_REDIRECTS     5
#define HTTP_CONNECT_TIMEOUT   15   /* seconds */
#define HTTP_LOW_SPEED_LIMIT   64   /* bytes per second ... */
#define HTTP_LOW_SPEED_TIME    30   /* ... sustained for this many seconds aborts */

struct http_options {
	const char *user_agent; /* copied */
	int max_parallel;       /* total concurrent transfers */
	int per_host;           /* concurrent transfers per host */
};

struct http_request {
	const char *url;
	const char *etag;          /* If-None-Match, sent exactly as stored; or NULL */
	const char *last_modified; /* If-Modified-Since, exactly as stored; or NULL */
	int64_t timeout;           /* seconds, whole transfer; 0: default */
	int64_t max_body;          /* bytes of decoded body; 0: default */
	const char *accept;        /* Accept header, or NULL */
};

enum http_error {
	HTTP_OK = 0,         /* a response arrived (any status) */
	HTTP_ERR_TRANSPORT,  /* DNS, connect, TLS, reset ... */
	HTTP_ERR_TIMEOUT,    /* total timeout or low-speed abort */
	HTTP_ERR_TOO_BIG,    /* decoded body passed max_body */
	HTTP_ERR_REDIRECTS,  /* more than HTTP_MAX_REDIRECTS, or to a scheme not allowed */
	HTTP_ERR_CANCELLED   /* http_free or shutdown while in flight */
};

struct http_response {
	enum http_error error;
	char errmsg[256];      /* human-readable reason when error != HTTP_OK */
	long status;           /* final HTTP status, 0 when none */
	char *body;            /* decoded body, NUL-terminated; may be NULL when empty */
	size_t len;
	char *effective_url;   /* after redirects */
	char *etag;            /* ETag header exactly as received, or NULL */
	char *last_modified;   /* Last-Modified exactly as received, or NULL */
	char *content_type;    /* Content-Type, or NULL */
	char *retry_after;     /* Retry-After as received, or NULL */
	char *cache_control;   /* Cache-Control, or NULL */
	char *location;        /* first redirect's Location when the first status was 301/308 */
	long first_status;     /* status of the first response in a redirect chain */
	int redirects;         /* redirects followed */
	int64_t date;          /* Date header (seconds UTC) or DATE_UNKNOWN */
};

/* Called once per request, on the loop, when it finishes for any reason.
 * res is owned by the http module and valid only during the call (copy
 * what you keep, or take body with http_response_take_body). */
typedef void http_done_fn(struct http_response *res, void *arg);

/* A client on base. Returns NULL on error (out of memory, curl init). */
struct http *http_new(struct event_base *base, const struct http_options *opts);
/* Cancel every transfer (their callbacks run with HTTP_ERR_CANCELLED) and free. */
void http_free(struct http *h);
/* Start a GET; done runs later on the loop (never from inside http_get).
 * Returns 0, or -1 when it could not be started (nothing will be called). */
int http_get(struct http *h, const struct http_request *req, http_done_fn *done, void *arg);
/* Transfers started and not yet finished. */
size_t http_inflight(const struct http *h);
/* Take ownership of the body (caller frees); res->body becomes NULL. */
char *http_response_take_body(struct http_response *res, size_t *len);

/* Pure helpers over header values (now = current wall clock, seconds UTC). */
/* Retry-After in seconds from now (delta-seconds or HTTP-date), -1 when absent/invalid. */
int64_t http_retry_after(const char *value, int64_t now);
/* max-age from Cache-Control in seconds, -1 when absent; no-cache/no-store give 0. */
int64_t http_max_age(const char *cache_control);
/* The charset parameter of a Content-Type into out; 0, or -1 when none. */
int http_charset(const char *content_type, char *out, size_t outlen);

#endif
