/*
 * http_xfer — one transfer of the http module (internal: only daemon/http*.c
 * include this header; everyone else uses http.h and never sees curl).
 *
 * A struct http_xfer is protocol-neutral: easy handle, custom headers, body
 * buffer with its cap, the response being assembled and the completion
 * callback. http.c owns every transfer (lists, loop, cancel) and frees it
 * with http_xfer_free after its callback has run.
 */
#ifndef RW_HTTP_XFER_H
#define RW_HTTP_XFER_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "rightswatch/buf.h"
#include "rightswatch/http.h"

struct event;
struct url_policy;

enum http_xfer_state { HTTP_XFER_QUEUED, HTTP_XFER_RUNNING, HTTP_XFER_FAILED };

struct http_xfer {
	struct http *h;                  /* the owning client (http.c) */
	struct http_xfer *prev, *next;   /* in one of the client's lists */
	enum http_xfer_state state;
	CURL *easy;
	struct curl_slist *headers;
	char *host;              /* lower-case host of the first URL: per-host key */
	struct buf body;
	char *upload;            /* bytes sent by the read callback (SMTP), owned */
	size_t upload_len, upload_off;
	struct curl_slist *rcpt; /* SMTP envelope recipients */
	size_t max_body;         /* bytes, decoded */
	http_sink_fn *sink;      /* reads a 200's body as it arrives, or NULL */
	void *sink_arg;
	size_t sunk;             /* bytes given to sink */
	int sink_stopped;        /* sink asked to end the transfer */
	int too_big;             /* the write callback refused to pass max_body */
	int oom;                 /* an allocation failed inside a curl callback */
	int nresp;               /* non-1xx status lines seen */
	long code;               /* status of the response being read */
	struct url_policy *policy; /* where the hops may go, owned; NULL: anywhere */
	int refused;             /* a hop was refused: refused_why says which and why */
	char refused_why[240];
	char *date;              /* Date of the current response, as received */
	char errbuf[CURL_ERROR_SIZE];
	struct http_response res;
	struct event *defer;     /* reports a failure to start, on the loop (set by http.c) */
	http_done_fn *done;
	void *arg;
};

/* A transfer with its easy handle and nothing configured; NULL on out of
 * memory. Free with http_xfer_free. */
struct http_xfer *http_xfer_new(size_t max_body, http_done_fn *done, void *arg);
/* Free x (its easy handle must be out of any multi handle), its defer event
 * and whatever its response still holds. NULL is allowed. */
void http_xfer_free(struct http_xfer *x);
/* Options every HTTP transfer shares (timeouts in seconds, must be > 0 except
 * low_time/low_limit where 0 picks the HTTP_LOW_SPEED_* defaults): limits,
 * callbacks, encodings, redirect policy, protocols. 0, or -1 on out of memory. */
int http_xfer_setup(struct http_xfer *x, const char *url, const char *user_agent,
    int64_t timeout, int64_t low_time, int64_t low_limit);
/* Add "name: value" to x's custom headers (installed by the caller with
 * CURLOPT_HTTPHEADER). An empty value, or one with CR or LF, is not sent.
 * 0, or -1 on out of memory. */
int http_xfer_add_header(struct http_xfer *x, const char *name, const char *value);
/* Install a copy of policy and check url against it: 0 when allowed (or
 * policy is NULL), 1 when refused (x->refused set), -1 on out of memory. */
int http_xfer_set_policy(struct http_xfer *x, const struct url_policy *policy, const char *url);
/* Set x->host from url: 0; 1 when url's scheme is not one of schemes (a
 * comma-separated list such as "http,https"); -1 on out of memory. */
int http_xfer_set_host(struct http_xfer *x, const char *url, const char *schemes);
/* Configure x as an SMTP upload of msg (copied) with curl's read callback.
 * 0, or -1 on out of memory. */
int http_xfer_set_upload(struct http_xfer *x, const char *msg, size_t len);
/* curl finished x with curl_code (a CURLcode): fill x->res (status, error,
 * message, body, effective URL, redirects, date). */
void http_xfer_finish(struct http_xfer *x, int curl_code);

#endif
