/*
 * http_xfer — one transfer of the http module: its curl easy handle and the
 * options every HTTP transfer shares, the write callback that enforces the
 * decoded-body cap, the header callback that keeps the final response's
 * validators and the first response's permanent Location, and the
 * assembly of struct http_response when curl is done. The client (http.c)
 * owns the multi handle, the loop, the queue and the lifetimes; a POST or
 * SMTP transfer would add only its own set-up next to http_get.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/http.h"
#include "rightswatch/url.h"
#include "rightswatch/url_policy.h"
#include "http_xfer.h"

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

struct http_xfer *
http_xfer_new(size_t max_body, http_done_fn *done, void *arg)
{
	struct http_xfer *x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->done = done;
	x->arg = arg;
	x->max_body = max_body;
	x->res.date = DATE_UNKNOWN;
	if ((x->easy = curl_easy_init()) == NULL) {
		free(x);
		return NULL;
	}
	return x;
}

void
http_xfer_free(struct http_xfer *x)
{
	if (x == NULL)
		return;
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->headers);
	curl_slist_free_all(x->rcpt);
	free(x->upload);
	if (x->defer)
		event_free(x->defer);
	free(x->host);
	free(x->date);
	url_policy_free(x->policy);
	buf_free(&x->body);
	http_response_clear(&x->res);
	free(x);
}

/* --- curl's data callbacks ------------------------------------------- */

static size_t
xfer_write_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct http_xfer *x = arg;
	size_t n = size * nmemb;

	/* The cap applies to decoded bytes: curl calls us after inflating, so
	 * a gzip bomb stops here at max_body whatever its compressed size.
	 * A short count makes curl fail the transfer with CURLE_WRITE_ERROR. */
	if (n > x->max_body - x->body.len - x->sunk) {
		x->too_big = 1;
		return 0;
	}
	/* A 200's body goes to its reader as it comes: no whole-body buffer. */
	if (x->sink != NULL && x->code == 200) {
		x->sunk += n;
		if (x->sink(x->sink_arg, x->res.content_type, p, n) == -1) {
			x->sink_stopped = 1;
			return 0;
		}
		return n;
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
xfer_reset_headers(struct http_xfer *x)
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

/* May the transfer follow a Location of v[0..n) from the response being
 * read? Only a 3xx but 304 is followed; the target, resolved against the
 * URL of this hop, passes x's policy or the transfer is refused. */
static int
xfer_hop_allowed(struct http_xfer *x, const char *v, size_t n)
{
	char *loc, *target, *cur = NULL, why[140];
	int ok;

	if (x->policy == NULL || x->code < 300 || x->code > 399 || x->code == 304)
		return 1;
	if ((loc = strndup(v, n)) == NULL) {
		x->oom = 1;
		return 0;
	}
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &cur);
	target = url_resolve(cur, loc);
	if (!(ok = url_policy_url(x->policy, target != NULL ? target : loc, why, sizeof(why)))) {
		x->refused = 1;
		snprintf(x->refused_why, sizeof(x->refused_why), "redirect to %.80s: %s",
		    target != NULL ? target : loc, why);
	}
	free(target);
	free(loc);
	return ok;
}

/* CURLOPT_OPENSOCKETFUNCTION: every connection's address passes the
 * policy before connect(2), whatever name led to it (DNS rebinding
 * included); and every socket is close-on-exec. */
static curl_socket_t
xfer_opensocket_cb(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct http_xfer *x = arg;
	char why[140];

	if (purpose == CURLSOCKTYPE_IPCXN && x->policy != NULL &&
	    !url_policy_address(x->policy, &a->addr, why, sizeof(why))) {
		x->refused = 1;
		snprintf(x->refused_why, sizeof(x->refused_why), "%s", why);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* CURLOPT_PREREQFUNCTION: the address of the connection a request is
 * about to go out on passes the policy too, for a connection curl reuses
 * from its cache was opened for another transfer, maybe under another
 * policy, and never met xfer_opensocket_cb for this one. */
static int
xfer_prereq_cb(void *arg, char *ip, char *local_ip, int port, int local_port)
{
	struct http_xfer *x = arg;
	struct sockaddr_storage ss;
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	char why[140];

	(void)local_ip, (void)port, (void)local_port;
	if (x->policy == NULL)
		return CURL_PREREQFUNC_OK;
	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, ip, &in->sin_addr) == 1)
		in->sin_family = AF_INET;
	else if (inet_pton(AF_INET6, ip, &in6->sin6_addr) == 1)
		in6->sin6_family = AF_INET6;
	if (url_policy_address(x->policy, (struct sockaddr *)&ss, why, sizeof(why)))
		return CURL_PREREQFUNC_OK;
	x->refused = 1;
	snprintf(x->refused_why, sizeof(x->refused_why), "%s", why);
	return CURL_PREREQFUNC_ABORT;
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
	struct http_xfer *x = arg;
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
		x->code = code;
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
	/* A redirect is checked before curl follows it: a refused one ends
	 * the transfer here (a short count is CURLE_WRITE_ERROR). */
	if (nl == 8 && strncasecmp(p, "location", 8) == 0 && !xfer_hop_allowed(x, v, (size_t)(e - v)))
		return 0;
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

int
http_xfer_setup(struct http_xfer *x, const char *url, const char *user_agent,
    int64_t timeout, int64_t low_time, int64_t low_limit)
{
	CURL *e = x->easy;
	int rc = 0;

	/* curl refuses timeouts whose milliseconds overflow an int. */
	if (timeout > INT_MAX / 1000)
		timeout = INT_MAX / 1000;
	if (low_time > INT_MAX / 1000)
		low_time = INT_MAX / 1000;
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
	rc |= curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, xfer_opensocket_cb) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, xfer_prereq_cb) != CURLE_OK;
	rc |= curl_easy_setopt(e, CURLOPT_PREREQDATA, x) != CURLE_OK;
	/* TLS verification stays at curl's defaults (peer and host verified). */
	return rc ? -1 : 0;
}

int
http_xfer_set_policy(struct http_xfer *x, const struct url_policy *policy, const char *url)
{
	char why[140];

	if (policy == NULL)
		return 0;
	if ((x->policy = url_policy_dup(policy)) == NULL)
		return -1;
	if (url_policy_url(policy, url, why, sizeof(why)))
		return 0;
	x->refused = 1;
	snprintf(x->refused_why, sizeof(x->refused_why), "%.80s: %s", url, why);
	return 1;
}

int
http_xfer_add_header(struct http_xfer *x, const char *name, const char *value)
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

/* Is scheme one of the comma-separated names in list? */
static int
xfer_scheme_in(const char *scheme, const char *list)
{
	size_t n = strlen(scheme);

	while (*list) {
		size_t m = strcspn(list, ",");

		if (m == n && strncasecmp(list, scheme, n) == 0)
			return 1;
		list += m;
		if (*list == ',')
			list++;
	}
	return 0;
}

int
http_xfer_set_host(struct http_xfer *x, const char *url, const char *schemes)
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
	    xfer_scheme_in(scheme, schemes)) {
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

static size_t
xfer_read_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct http_xfer *x = arg;
	size_t n = size * nmemb, left = x->upload_len - x->upload_off;

	if (n > left)
		n = left;
	memcpy(p, x->upload + x->upload_off, n);
	x->upload_off += n;
	return n;
}

int
http_xfer_set_upload(struct http_xfer *x, const char *msg, size_t len)
{
	int rc = 0;

	/* One spare byte: malloc(0) may return NULL. */
	if ((x->upload = malloc(len + 1)) == NULL)
		return -1;
	memcpy(x->upload, msg, len);
	x->upload_len = len;
	x->upload_off = 0;
	rc |= curl_easy_setopt(x->easy, CURLOPT_UPLOAD, 1L) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_READFUNCTION, xfer_read_cb) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_READDATA, x) != CURLE_OK;
	rc |= curl_easy_setopt(x->easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len) != CURLE_OK;
	return rc ? -1 : 0;
}

static enum http_error
xfer_map_error(const struct http_xfer *x, CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return HTTP_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return HTTP_ERR_TIMEOUT;
	case CURLE_FILESIZE_EXCEEDED:
		return HTTP_ERR_TOO_BIG;
	case CURLE_WRITE_ERROR:
		if (x->sink_stopped && !x->oom)
			return HTTP_OK; /* its reader had read enough */
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

void
http_xfer_finish(struct http_xfer *x, int curl_code)
{
	struct http_response *r = &x->res;
	CURLcode rc = (CURLcode)curl_code;
	long status = 0, redirects = 0;
	curl_off_t total = 0; /* microseconds */
	char *eff = NULL;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &redirects);
	curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &eff);
	if (curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME_T, &total) == CURLE_OK)
		r->elapsed = (double)total / 1e6;
	r->status = status;
	r->redirects = (int)redirects;
	r->received = x->body.len + x->sunk;
	r->sunk = x->sunk;
	r->sink_stopped = x->sink_stopped;
	r->error = xfer_map_error(x, rc);
	if (x->refused && r->error != HTTP_OK && !x->oom) {
		r->error = HTTP_ERR_REFUSED;
		snprintf(r->errmsg, sizeof(r->errmsg), "%s", x->refused_why);
	} else if (x->oom) {
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
}
