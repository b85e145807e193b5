/*
 * http — every transfer of the daemon (HTTP GET for the poller; POST for the
 * webhook notifier; SMTP for the email notifier) on libcurl's multi-socket interface driven by one
 * libevent event_base. This is the only module that includes curl's easy/multi
 * API and libevent together. Nothing here blocks the loop.
 *
 * Each transfer has a connect timeout, a total timeout, a low-speed abort, a
 * cap on the *decoded* body enforced in the write callback, gzip/deflate/br,
 * at most HTTP_MAX_REDIRECTS redirects over http/https only, TLS
 * verification, HTTP/2 when offered, and per-host and total limits. A GET
 * with a policy (url_policy.h) checks its first URL, each redirect's
 * target before it is followed, and each address before connecting to it
 * (which defeats DNS rebinding); a refused hop ends the transfer with
 * HTTP_ERR_REFUSED before any connection to it is made. Every socket is
 * close-on-exec.
 *
 * Concurrency: curl's own connection limits (CURLMOPT_MAX_HOST_CONNECTIONS,
 * CURLMOPT_MAX_TOTAL_CONNECTIONS) bound connections, but HTTP/2 multiplexes
 * many transfers over one connection, so the module also queues transfers
 * itself: at most max_parallel run at once, and at most per_host for the
 * host of their first URL. A queued transfer's timeouts start when it runs.
 * After a redirect to another host, curl's connection limits still apply
 * and curl may hold the transfer in its own pending queue meanwhile.
 *
 * POST never follows redirects (a 3xx is the answer). SMTP transfers are the
 * only ones allowed the smtp/smtps schemes; their response's status is the
 * last SMTP reply code (e.g. 250, 451, 550) and errmsg curl's error text.
 *
 * Teardown order: http_free before event_base_free of its base.
 */
#ifndef RW_HTTP_H
#define RW_HTTP_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct http;
struct url_policy;

#define HTTP_STATUS_OK         200  /* the one status whose body is read as content */
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

/* A reader of a response body as it arrives (http_request.sink): len
 * decoded bytes; content_type is the response's (or NULL). 0 to go on, -1
 * to end the transfer there (it then ends as HTTP_OK with sink_stopped
 * set). */
typedef int http_sink_fn(void *arg, const char *content_type, const char *data, size_t len);

struct http_request {
	const char *url;
	const char *etag;          /* If-None-Match, sent exactly as stored; or NULL */
	const char *last_modified; /* If-Modified-Since, exactly as stored; or NULL */
	int64_t timeout;           /* seconds, whole transfer; 0: default */
	int64_t max_body;          /* bytes of decoded body; 0: default */
	const char *accept;        /* Accept header, or NULL */
	int64_t low_speed_time;    /* seconds below low_speed_limit that abort; 0: HTTP_LOW_SPEED_TIME */
	int64_t low_speed_limit;   /* bytes per second; 0: HTTP_LOW_SPEED_LIMIT */
	/* Where each hop may go (url_policy.h: the first URL, each redirect
	 * before it is followed, each address before it is connected to);
	 * copied. NULL: anywhere. */
	const struct url_policy *policy;
	/* When set, the body of the final response, when its status is 200,
	 * goes to sink chunk by chunk and is not kept (the response's body is
	 * then NULL and received counts it); max_body still applies. Any other
	 * status's body is kept as usual. */
	http_sink_fn *sink;
	void *sink_arg;
};

struct http_post_request {
	const char *url;          /* http or https */
	const char *body;         /* len bytes, copied; may be NULL when len is 0 */
	size_t len;
	const char *content_type; /* e.g. "application/json"; NULL: application/octet-stream */
	const char *const *headers; /* extra "Name: value" lines, NULL-terminated, or NULL */
	int64_t timeout;          /* seconds, whole transfer; 0: default */
	int64_t max_body;         /* bytes of the response body kept; 0: default */
};

enum http_starttls {
	HTTP_STARTTLS_REQUIRED = 0, /* STARTTLS or fail (smtps:// is TLS from the start) */
	HTTP_STARTTLS_TRY,          /* STARTTLS when the server offers it */
	HTTP_STARTTLS_NEVER         /* plain text */
};

struct http_smtp_request {
	const char *url;          /* smtp://host[:port] or smtps://host[:port] */
	enum http_starttls starttls;
	const char *username;     /* or NULL: no AUTH */
	const char *password;     /* or NULL */
	const char *mail_from;    /* envelope sender, "a@b" or "<a@b>" */
	const char *const *rcpt;  /* envelope recipients, NULL-terminated, at least one */
	const char *msg;          /* RFC 5322 message, CRLF line endings, len bytes, copied */
	size_t len;
	int64_t timeout;          /* seconds, whole transfer; 0: default */
};

/* What a notifier does after a delivery attempt. */
enum http_outcome {
	HTTP_OUTCOME_SUCCESS = 0,
	HTTP_OUTCOME_RETRY,       /* try again later */
	HTTP_OUTCOME_PERMANENT    /* will not succeed as configured: give up */
};

enum http_error {
	HTTP_OK = 0,         /* a response arrived (any status) */
	HTTP_ERR_TRANSPORT,  /* DNS, connect, TLS, reset ... */
	HTTP_ERR_TIMEOUT,    /* total timeout or low-speed abort */
	HTTP_ERR_TOO_BIG,    /* decoded body passed max_body */
	HTTP_ERR_REDIRECTS,  /* more than HTTP_MAX_REDIRECTS, or to a scheme not allowed */
	HTTP_ERR_CANCELLED,  /* http_free or shutdown while in flight */
	HTTP_ERR_REFUSED     /* a hop the request's policy refuses (errmsg names it) */
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
	size_t sunk;           /* of those, the bytes given to the request's sink */
	int sink_stopped;      /* the sink ended the body early (error is HTTP_OK) */
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
	double elapsed;        /* seconds the transfer ran (queueing excluded), 0 when it never did */
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
/* Start a POST of req->body (copied); done runs later on the loop, as for
 * http_get. Redirects are not followed. Returns -1 (nothing will be called)
 * on out of memory, when http_free is under way, or when a header line or
 * the content type holds CR or LF. */
int http_post(struct http *h, const struct http_post_request *req, http_done_fn *done, void *arg);
/* Send one mail over SMTP (req->msg copied); done runs later on the loop with
 * status = the last SMTP reply code. Returns -1 (nothing will be called) on
 * out of memory, http_free under way, no recipient, or CR/LF in the sender
 * or a recipient. A URL that is not smtp/smtps is reported through done. */
int http_smtp_send(struct http *h, const struct http_smtp_request *req, http_done_fn *done, void *arg);
/* Transfers started and not yet finished. */
size_t http_inflight(const struct http *h);
/* Take ownership of the body (caller frees); res->body becomes NULL. */
char *http_response_take_body(struct http_response *res, size_t *len);
/* A short name for e ("ok", "transport", "timeout", "too big", "redirects", "cancelled",
 * "refused"). */
const char *http_error_name(enum http_error e);

/* A webhook POST's fate: 2xx success; 4xx but 429 permanent; any other
 * status, and every transport error, retry. */
enum http_outcome http_post_outcome(long status, enum http_error e);
/* An SMTP send's fate: delivered when e is HTTP_OK; a 5xx reply code
 * permanent; otherwise (4xx, no reply, transport errors) retry. */
enum http_outcome http_smtp_outcome(long status, enum http_error e);

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
