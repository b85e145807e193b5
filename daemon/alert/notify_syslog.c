/*
 * notify_syslog — the syslog transport's I/O (see notify_syslog.h): one
 * struct notify_syslog per destination, on the daemon's event_base.
 *
 * A record is formatted when it is accepted and waits in `queue`. A kick
 * event (made active by every send) drains the queue on the loop:
 *   local  one datagram per record on our own connected AF_UNIX socket to
 *          /dev/log, "<PRI>Mmm dd hh:mm:ss ident[pid]: text" as syslog(3)
 *          writes it, so that a record /dev/log did not take (missing,
 *          refused, full) is a failure the outbox retries, not a record
 *          syslog(3) drops without a word;
 *   udp    sendto on a non-blocking datagram socket, to the address resolved
 *          once (evdns for a name, so the loop never waits on DNS);
 *   tcp    framed bytes into a bufferevent; the record moves to `inflight`
 *          with the stream offset of its last byte, and an evbuffer callback
 *          on the output buffer counts drained bytes, so a record succeeds
 *          exactly when its last byte went to the socket.
 * A TCP connection is made on the first send, and again on the next send
 * after any error, EOF or timeout; such a failure fails the records in
 * flight and queued (the outbox above retries them).
 *
 * Results go to `finished` and are reported by a report event, so no
 * callback runs from inside notify_syslog_send. notify_syslog_free may be
 * called from a callback: `depth` and `dying` defer the release.
 */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/dns.h>
#include <event2/event.h>
#include <event2/util.h>

#include "rightswatch/buf.h"
#include "rightswatch/notify_syslog.h"

struct pend {
	struct pend *next;
	char *data;          /* the line (UDP, TCP with its frame) or the text (local) */
	size_t len;
	int severity;
	size_t end;          /* TCP: stream offset just past this record */
	int ok;
	char errmsg[256];
	notify_syslog_done_fn *done;
	void *arg;
};

struct plist {
	struct pend *first, *last;
	size_t n;
};

enum conn { CONN_DOWN, CONN_RESOLVING, CONN_CONNECTING, CONN_UP };

struct notify_syslog {
	struct event_base *base;
	struct notify_syslog_target target;
	char *ident;
	char *hostname;
	int facility;
	int64_t timeout;                /* seconds */
	struct evdns_base *dns;         /* only for a target that is not a literal */
	struct plist queue, inflight, finished;
	struct event *kick, *report;
	enum conn conn;
	/* UDP */
	int fd;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	struct evdns_getaddrinfo_request *req;
	/* TCP */
	struct bufferevent *bev;
	size_t written, drained;        /* stream offsets of the current connection */
	int depth, dying;
};

static void syslog_process(struct notify_syslog *s);
static void syslog_really_free(struct notify_syslog *s);

static void
plist_push(struct plist *l, struct pend *p)
{
	p->next = NULL;
	if (l->last)
		l->last->next = p;
	else
		l->first = p;
	l->last = p;
	l->n++;
}

static struct pend *
plist_pop(struct plist *l)
{
	struct pend *p = l->first;

	if (p) {
		if ((l->first = p->next) == NULL)
			l->last = NULL;
		l->n--;
		p->next = NULL;
	}
	return p;
}

/* p is done: record the result and schedule its report. */
static void
finish(struct notify_syslog *s, struct pend *p, int ok, const char *why)
{
	p->ok = ok;
	snprintf(p->errmsg, sizeof(p->errmsg), "%s", ok ? "" : why);
	free(p->data);
	p->data = NULL;
	plist_push(&s->finished, p);
	event_active(s->report, EV_TIMEOUT, 0);
}

/* Fail everything in flight and queued. */
static void
fail_all(struct notify_syslog *s, const char *why)
{
	struct pend *p;

	while ((p = plist_pop(&s->inflight)) != NULL)
		finish(s, p, 0, why);
	while ((p = plist_pop(&s->queue)) != NULL)
		finish(s, p, 0, why);
}

/* Run the callbacks of finished records. */
static void
report_cb(evutil_socket_t fd, short what, void *arg)
{
	struct notify_syslog *s = arg;
	struct pend *p;

	(void)fd;
	(void)what;
	s->depth++;
	while ((p = plist_pop(&s->finished)) != NULL) {
		p->done(p->ok, p->errmsg, p->arg);
		free(p);
	}
	s->depth--;
	if (s->dying && s->depth == 0)
		syslog_really_free(s);
}

static void
kick_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	syslog_process(arg);
}

/* ---- local ---------------------------------------------------------------- */

/* Connect s->fd to /dev/log; 0, or -1 with why. */
static int
local_connect(struct notify_syslog *s, char *why, size_t whylen)
{
	struct sockaddr_un sa;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", NOTIFY_SYSLOG_DEVLOG);
	if ((s->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) == -1 ||
	    connect(s->fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		snprintf(why, whylen, "%s: %s", NOTIFY_SYSLOG_DEVLOG, strerror(errno));
		if (s->fd != -1)
			close(s->fd);
		s->fd = -1;
		return -1;
	}
	return 0;
}

static void
local_send(struct notify_syslog *s)
{
	struct pend *p;
	char why[256];

	while ((p = plist_pop(&s->queue)) != NULL) {
		if (s->fd == -1 && local_connect(s, why, sizeof(why)) == -1) {
			finish(s, p, 0, why);
			continue;
		}
		if (send(s->fd, p->data, p->len, MSG_NOSIGNAL) == (ssize_t)p->len) {
			finish(s, p, 1, NULL);
			continue;
		}
		/* Refused (the logger went away), full (EAGAIN), too big: this
		 * record failed; the next one connects again. */
		snprintf(why, sizeof(why), "%s: %s", NOTIFY_SYSLOG_DEVLOG,
		    errno == EAGAIN ? "full (the logger does not keep up)" : strerror(errno));
		close(s->fd);
		s->fd = -1;
		finish(s, p, 0, why);
	}
}

/* ---- UDP ------------------------------------------------------------------ */

static void
udp_send(struct notify_syslog *s)
{
	struct pend *p;
	char why[256];

	if (s->fd == -1) {
		s->fd = socket(s->addr.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (s->fd == -1) {
			snprintf(why, sizeof(why), "socket: %s", strerror(errno));
			fail_all(s, why);
			return;
		}
	}
	while ((p = plist_pop(&s->queue)) != NULL) {
		/* Unconnected: an ICMP error from an earlier datagram must not
		 * fail this one. */
		if (sendto(s->fd, p->data, p->len, 0, (struct sockaddr *)&s->addr, s->addrlen) ==
		    (ssize_t)p->len)
			finish(s, p, 1, NULL);
		else {
			snprintf(why, sizeof(why), "sendto %.80s:%s: %s", s->target.host, s->target.port,
			    strerror(errno));
			finish(s, p, 0, why);
		}
	}
}

static void
udp_resolved(int result, struct evutil_addrinfo *res, void *arg)
{
	struct notify_syslog *s = arg;
	char why[256];

	if (result == EVUTIL_EAI_CANCEL)
		return; /* s is being freed */
	s->req = NULL;
	if (result != 0 || res == NULL || res->ai_addrlen > sizeof(s->addr)) {
		s->conn = CONN_DOWN;
		snprintf(why, sizeof(why), "resolve %.80s: %s", s->target.host, evutil_gai_strerror(result));
		fail_all(s, why);
	} else {
		memcpy(&s->addr, res->ai_addr, res->ai_addrlen);
		s->addrlen = (socklen_t)res->ai_addrlen;
		s->conn = CONN_UP;
		event_active(s->kick, EV_TIMEOUT, 0);
	}
	if (res)
		evutil_freeaddrinfo(res);
}

/* The target host is an address literal: no resolver needed. */
static void
udp_literal(struct notify_syslog *s)
{
	struct evutil_addrinfo hints, *res = NULL;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = EVUTIL_AI_NUMERICHOST | EVUTIL_AI_NUMERICSERV;
	s->conn = CONN_RESOLVING;
	if (evutil_getaddrinfo(s->target.host, s->target.port, &hints, &res) != 0)
		res = NULL;
	udp_resolved(res ? 0 : EVUTIL_EAI_FAIL, res, s);
	if (s->conn == CONN_UP)
		udp_send(s);
}

/* ---- TCP ------------------------------------------------------------------ */

static void
tcp_close(struct notify_syslog *s, const char *why)
{
	if (s->bev) {
		bufferevent_free(s->bev);
		s->bev = NULL;
	}
	s->conn = CONN_DOWN;
	fail_all(s, why);
}

/* Output bytes left for the socket: complete records fully written. */
static void
tcp_drained(struct evbuffer *b, const struct evbuffer_cb_info *info, void *arg)
{
	struct notify_syslog *s = arg;

	(void)b;
	s->drained += info->n_deleted;
	while (s->inflight.first && s->inflight.first->end <= s->drained)
		finish(s, plist_pop(&s->inflight), 1, NULL);
}

static void
tcp_event(struct bufferevent *bev, short what, void *arg)
{
	struct notify_syslog *s = arg;
	char why[256];

	(void)bev;
	if (what & BEV_EVENT_CONNECTED) {
		s->conn = CONN_UP;
		syslog_process(s);
		return;
	}
	if (what & BEV_EVENT_TIMEOUT)
		snprintf(why, sizeof(why), "tcp %.80s:%s: timed out", s->target.host, s->target.port);
	else if (what & BEV_EVENT_EOF)
		snprintf(why, sizeof(why), "tcp %.80s:%s: closed by the collector", s->target.host,
		    s->target.port);
	else {
		int dnserr = bufferevent_socket_get_dns_error(s->bev);

		snprintf(why, sizeof(why), "tcp %.80s:%s: %s", s->target.host, s->target.port,
		    dnserr ? evutil_gai_strerror(dnserr) :
		    evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
	}
	tcp_close(s, why);
}

/* The collector sends nothing; read only to notice EOF, discard the rest. */
static void
tcp_read(struct bufferevent *bev, void *arg)
{
	(void)arg;
	evbuffer_drain(bufferevent_get_input(bev), evbuffer_get_length(bufferevent_get_input(bev)));
}

static void
tcp_connect(struct notify_syslog *s)
{
	struct timeval tv = { (time_t)s->timeout, 0 };
	char why[256];

	s->bev = bufferevent_socket_new(s->base, -1, BEV_OPT_CLOSE_ON_FREE);
	if (s->bev == NULL ||
	    evbuffer_add_cb(bufferevent_get_output(s->bev), tcp_drained, s) == NULL) {
		tcp_close(s, "out of memory");
		return;
	}
	s->written = s->drained = 0;
	bufferevent_setcb(s->bev, tcp_read, NULL, tcp_event, s);
	/* The write timeout covers the connect and any stalled write. */
	bufferevent_set_timeouts(s->bev, NULL, &tv);
	bufferevent_enable(s->bev, EV_READ | EV_WRITE);
	s->conn = CONN_CONNECTING;
	if (bufferevent_socket_connect_hostname(s->bev, s->dns, AF_UNSPEC, s->target.host,
	    atoi(s->target.port)) == -1) {
		snprintf(why, sizeof(why), "tcp %.80s:%s: cannot connect", s->target.host, s->target.port);
		/* libevent may already have called tcp_event (and freed the bev). */
		if (s->bev)
			tcp_close(s, why);
	}
}

static void
tcp_send(struct notify_syslog *s)
{
	struct pend *p;
	struct evbuffer *out = bufferevent_get_output(s->bev);

	while ((p = plist_pop(&s->queue)) != NULL) {
		if (evbuffer_add(out, p->data, p->len) == -1) {
			finish(s, p, 0, "out of memory");
			continue;
		}
		s->written += p->len;
		p->end = s->written;
		plist_push(&s->inflight, p);
	}
}

/* ---- dispatch ------------------------------------------------------------- */

static void
syslog_process(struct notify_syslog *s)
{
	struct evutil_addrinfo hints;

	if (s->queue.first == NULL || s->dying)
		return;
	switch (s->target.kind) {
	case NOTIFY_SYSLOG_LOCAL:
		local_send(s);
		break;
	case NOTIFY_SYSLOG_UDP:
		if (s->conn == CONN_UP)
			udp_send(s);
		else if (s->conn == CONN_DOWN && s->dns == NULL)
			udp_literal(s);
		else if (s->conn == CONN_DOWN) {
			memset(&hints, 0, sizeof(hints));
			hints.ai_family = AF_UNSPEC;
			hints.ai_socktype = SOCK_DGRAM;
			hints.ai_protocol = IPPROTO_UDP;
			hints.ai_flags = EVUTIL_AI_ADDRCONFIG;
			s->conn = CONN_RESOLVING;
			/* May call udp_resolved before it returns (a literal). */
			s->req = evdns_getaddrinfo(s->dns, s->target.host, s->target.port, &hints,
			    udp_resolved, s);
		}
		break;
	case NOTIFY_SYSLOG_TCP:
		if (s->conn == CONN_UP)
			tcp_send(s);
		else if (s->conn == CONN_DOWN)
			tcp_connect(s);
		break;
	}
}

/* ---- public --------------------------------------------------------------- */

struct notify_syslog *
notify_syslog_new(struct event_base *base, const struct notify_syslog_options *o,
    char *err, size_t errlen)
{
	struct notify_syslog *s;
	struct evutil_addrinfo hints, *res = NULL;
	char host[256];

	if (base == NULL || o == NULL || o->facility < 0 || o->facility > 23) {
		snprintf(err, errlen, "bad syslog options");
		return NULL;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->base = base;
	s->fd = -1;
	s->facility = o->facility;
	s->timeout = o->timeout > 0 ? o->timeout : NOTIFY_SYSLOG_TIMEOUT;
	if (notify_syslog_parse_target(o->target, &s->target, err, errlen) == -1)
		goto fail;
	if (o->hostname == NULL && gethostname(host, sizeof(host)) == 0)
		host[sizeof(host) - 1] = '\0';
	else
		snprintf(host, sizeof(host), "%s", o->hostname ? o->hostname : "");
	if ((s->ident = strdup(o->ident ? o->ident : "rightswatch")) == NULL ||
	    (s->hostname = strdup(host)) == NULL ||
	    (s->kick = event_new(base, -1, 0, kick_cb, s)) == NULL ||
	    (s->report = event_new(base, -1, 0, report_cb, s)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (s->target.kind != NOTIFY_SYSLOG_LOCAL) {
		/* A name (not a literal) needs an asynchronous resolver: without
		 * one libevent would call the blocking getaddrinfo. */
		memset(&hints, 0, sizeof(hints));
		hints.ai_flags = EVUTIL_AI_NUMERICHOST;
		if (evutil_getaddrinfo(s->target.host, NULL, &hints, &res) == 0)
			evutil_freeaddrinfo(res);
		else if ((s->dns = evdns_base_new(base, EVDNS_BASE_INITIALIZE_NAMESERVERS |
		    EVDNS_BASE_DISABLE_WHEN_INACTIVE)) == NULL) {
			snprintf(err, errlen, "cannot set up the DNS resolver");
			goto fail;
		}
	}
	return s;
fail:
	syslog_really_free(s);
	return NULL;
}

int
notify_syslog_send(struct notify_syslog *s, const struct notify_syslog_record *r,
    notify_syslog_done_fn *done, void *arg)
{
	struct notify_syslog_record rec;
	struct buf line = { 0 }, frame = { 0 };
	struct pend *p;
	struct timespec now;
	char procid[24];

	if (s == NULL || r == NULL || done == NULL || s->dying || r->severity < 0 || r->severity > 7)
		return -1;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return -1;
	rec = *r;
	if (rec.time == 0 && clock_gettime(CLOCK_REALTIME, &now) == 0) {
		rec.time = now.tv_sec;
		rec.usec = (int)(now.tv_nsec / 1000);
	}
	snprintf(procid, sizeof(procid), "%ld", (long)getpid());
	if (s->target.kind == NOTIFY_SYSLOG_LOCAL) {
		if (notify_syslog_format_local(&line, s->facility, s->ident, (long)getpid(),
		    &rec) == -1)
			goto fail;
		p->len = line.len;
		p->data = buf_detach(&line);
	} else {
		if (notify_syslog_format(&line, s->facility, s->hostname, s->ident, procid, &rec,
		    s->target.kind == NOTIFY_SYSLOG_UDP ? NOTIFY_SYSLOG_UDP_MAX : 0, NULL, 0) == -1)
			goto fail;
		if (s->target.kind == NOTIFY_SYSLOG_TCP) {
			/* RFC 6587 3.4.1 octet counting: "MSG-LEN SP SYSLOG-MSG". */
			if (buf_printf(&frame, "%zu ", line.len) == -1 ||
			    buf_append(&frame, line.data, line.len) == -1)
				goto fail;
			buf_free(&line);
			line = frame;
			frame = (struct buf){ 0 };
		}
		p->len = line.len;
		p->data = buf_detach(&line);
	}
	if (p->data == NULL)
		goto fail;
	p->severity = rec.severity;
	p->done = done;
	p->arg = arg;
	plist_push(&s->queue, p);
	event_active(s->kick, EV_TIMEOUT, 0);
	return 0;
fail:
	buf_free(&line);
	buf_free(&frame);
	free(p);
	return -1;
}

size_t
notify_syslog_pending(const struct notify_syslog *s)
{
	return s ? s->queue.n + s->inflight.n + s->finished.n : 0;
}

static void
syslog_really_free(struct notify_syslog *s)
{
	if (s->req)
		evdns_getaddrinfo_cancel(s->req);
	if (s->bev)
		bufferevent_free(s->bev);
	if (s->fd != -1)
		close(s->fd);
	if (s->dns)
		evdns_base_free(s->dns, 0);
	if (s->kick)
		event_free(s->kick);
	if (s->report)
		event_free(s->report);
	free(s->ident);
	free(s->hostname);
	free(s);
}

void
notify_syslog_free(struct notify_syslog *s)
{
	if (s == NULL)
		return;
	if (!s->dying) {
		s->dying = 1;
		if (s->req) {
			evdns_getaddrinfo_cancel(s->req);
			s->req = NULL;
		}
		if (s->bev) {
			bufferevent_free(s->bev);
			s->bev = NULL;
		}
		fail_all(s, "cancelled");
		report_cb(-1, 0, s);   /* runs the callbacks; frees s unless nested */
	}
}
