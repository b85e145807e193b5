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
 *
 * Concurrency: curl's own connection limits (CURLMOPT_MAX_HOST_CONNECTIONS,
 * CURLMOPT_MAX_TOTAL_CONNECTIONS) bound connections, but HTTP/2 multiplexes
 * many transfers over one connection, so the module also queues transfers
 * itself: at most max_parallel run at once, and at most per_host for the
 * host of their first URL. A queued transfer's timeouts start when it runs.
 * After a redirect to another host, curl's connection limits still apply
 * and curl may hold the transfer in its own pending queue meanwhile.
 *
 * Teardown order: http_free before event_base_free of its base.
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
#define HTTP_DEFAULT_TIMEOUT   60   /* seconds, whole transfer */
#define HTTP_DEFAULT_MAX_BODY  (8 * 1024 * 1024) /* bytes, decoded */
#define HTTP_DEFAULT_PARALLEL  8
#define HTTP_DEFAULT_PER_HOST  2

struct http_options {
	const char *user_agent; /* copied */
	int max_parallel;       /* total concurrent transfers */
	int per_host;           /* concurrent transfers per host */
	int64_t timeout;        /* seconds, default per transfer; 0: HTTP_DEFAULT_TIMEOUT */
	int64_t max_body;       /* bytes, default cap; 0: HTTP_DEFAULT_MAX_BODY */
};

struct http_request {
	const char *url;
	const char *etag;          /* If-None-Match, sent exactly as stored; or NULL */
	const char *last_modified; /* If-Modified-Since, exactly as stored; or NULL */
	int64_t timeout;           /* seconds, whole transfer; 0: default */
	int64_t max_body;          /* bytes of decoded body; 0: default */
	const char *accept;        /* Accept header, or NULL */
	int64_t low_speed_time;    /* seconds below low_speed_limit that abort; 0: HTTP_LOW_SPEED_TIME */
	int64_t low_speed_limit;   /* bytes per second; 0: HTTP_LOW_SPEED_LIMIT */
};

enum http_error {
	HTTP_OK = 0,         /* a response arrived (any status) */
	HTTP_ERR_TRANSPORT,  /* DNS, connect, TLS, reset ... */
	HTTP_ERR_TIMEOUT,    /* total timeout or low-speed abort */
	HTTP_ERR_TOO_BIG,    /* decoded body passed max_body */
	HTTP_ERR_REDIRECTS,  /* more than HTTP_MAX_REDIRECTS, or to a scheme not allowed */
	HTTP_ERR_CANCELLED   /* http_free or shutdown while in flight */
};

/* The outcome of a transfer. Header fields are those of the final response
 * of a redirect chain (location and first_status excepted), values with
 * surrounding whitespace trimmed and otherwise exactly as received. */
struct http_response {
	enum http_error error;
	char errmsg[256];      /* human-readable reason when error != HTTP_OK */
	long status;           /* final HTTP status, 0 when none */
	char *body;            /* decoded body, NUL-terminated; NULL when empty or error != HTTP_OK */
	size_t len;
	size_t received;       /* decoded bytes accepted before the end (<= max_body), even on error */
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
/* Cancel every transfer (their callbacks run with HTTP_ERR_CANCELLED, from
 * inside this call) and free. NULL is allowed. May be called from a done
 * callback: the client is then released when that callback returns. */
void http_free(struct http *h);
/* Start a GET; done runs later on the loop (never from inside http_get).
 * A malformed URL or a scheme other than http/https is reported through done
 * (HTTP_ERR_TRANSPORT). Returns 0, or -1 when it could not be accepted (out of
 * memory, http_free under way; nothing will be called). */
int http_get(struct http *h, const struct http_request *req, http_done_fn *done, void *arg);
/* Transfers started and not yet finished. */
size_t http_inflight(const struct http *h);
/* Take ownership of the body (caller frees); res->body becomes NULL. */
char *http_response_take_body(struct http_response *res, size_t *len);
/* A short name for e ("ok", "transport", "timeout", "too big", "redirects", "cancelled"). */
const char *http_error_name(enum http_error e);

/* Pure helpers over header values (now = current wall clock, seconds UTC). */
/* Retry-After in seconds from now (delta-seconds or HTTP-date; a date in the
 * past gives 0), -1 when absent/invalid. */
int64_t http_retry_after(const char *value, int64_t now);
/* max-age from Cache-Control in seconds, -1 when absent; no-cache/no-store
 * give 0, so does a malformed max-age (RFC 9111 4.2.1: treat as stale);
 * s-maxage is ignored; values above 2^31 are capped at 2^31. */
int64_t http_max_age(const char *cache_control);
/* The charset parameter of a Content-Type (unquoted, as written) into out;
 * 0, or -1 when none, malformed, or longer than outlen - 1. */
int http_charset(const char *content_type, char *out, size_t outlen);

#endif
