/*
 * service — readiness, status and watchdog for systemd. The STATUS= line
 * is rebuilt from the store when the daemon says something changed (a
 * round of polls or deliveries ended, an alert was raised) and sent only
 * when it differs; WATCHDOG=1 comes from a loop timer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "rightswatch/config_types.h"
#include "rightswatch/log.h"
#include "rightswatch/sd_notify.h"
#include "rightswatch/service.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"

#define SERVICE_STATUS_MAX 512

struct service {
	struct store *store;
	const struct config *cf;
	int notify;                    /* under systemd ($NOTIFY_SOCKET set) */
	struct event *watchdog;
	char sent[SERVICE_STATUS_MAX]; /* the last STATUS= line sent */
};

/* Gather the STATUS= facts (the sources' health, the activity and the
 * outbox from status.c; not the thresholds' baselines, which only
 * `status` and /status show); on a database error keep what was sent. */
static int
service_status_line(struct service *sv, char *out, size_t outlen)
{
	struct sd_notify_status ns;
	struct status s;

	if (status_gather(sv->store, sv->cf, (int64_t)time(NULL),
	    STATUS_SOURCES | STATUS_ACTIVITY | STATUS_OUTBOX, &s) == -1)
		return -1;
	memset(&ns, 0, sizeof(ns));
	ns.sources = s.nsources;
	for (size_t i = 0; i < s.nsources; i++) {
		enum store_health h = s.sources[i].health;

		if (h == STORE_HEALTH_NEW)
			ns.fresh++;
		else if (h == STORE_HEALTH_OK)
			ns.ok++;
	}
	ns.last_release = s.last_release;
	ns.last_alert = s.last_alert;
	ns.pending = s.outbox_pending > 0 ? s.outbox_pending : 0;
	status_clear(&s);
	sd_notify_status_line(out, outlen, &ns);
	return 0;
}

/* Send prefix (may be "") with the current STATUS=, or the status alone
 * when it changed. */
static void
service_send(struct service *sv, const char *prefix)
{
	char line[SERVICE_STATUS_MAX], msg[SERVICE_STATUS_MAX + 32];
	int have = sv->cf != NULL && service_status_line(sv, line, sizeof(line)) == 0;

	if (sv->cf != NULL && !have)
		log_warnx("status for systemd: %s", store_errmsg(sv->store));
	if (!have || (*prefix == '\0' && strcmp(line, sv->sent) == 0)) {
		if (*prefix != '\0')
			sd_notify_send(prefix);
		return;
	}
	snprintf(msg, sizeof(msg), "%s%s%s", prefix, *prefix != '\0' ? "\n" : "", line);
	if (sd_notify_send(msg) == 0)
		snprintf(sv->sent, sizeof(sv->sent), "%s", line);
}

static void
service_watchdog_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what, (void)arg;
	sd_notify_send("WATCHDOG=1");
}

struct service *
service_new(struct event_base *base, struct store *st, char *err, size_t errlen)
{
	struct service *sv;
	uint64_t usec = 0;
	int wd;

	if ((sv = calloc(1, sizeof(*sv))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	sv->store = st;
	if (getenv("NOTIFY_SOCKET") == NULL)
		return sv;
	sv->notify = 1;
	if ((wd = sd_notify_watchdog(&usec)) == -1)
		log_warnx("WATCHDOG_USEC or WATCHDOG_PID is malformed: no watchdog pings");
	if (wd == 1) {
		/* Half the interval, as sd_watchdog_enabled(3) advises. */
		struct timeval half = { (time_t)(usec / 2 / 1000000),
		    (suseconds_t)(usec / 2 % 1000000) };

		if ((sv->watchdog = event_new(base, -1, EV_PERSIST, service_watchdog_cb,
		    sv)) == NULL || event_add(sv->watchdog, &half) == -1)
			goto fail;
		log_debug("watchdog: pinging systemd every %llu ms",
		    (unsigned long long)(usec / 2000));
	}
	return sv;
fail:
	snprintf(err, errlen, "cannot arm the watchdog timer");
	service_free(sv);
	return NULL;
}

void
service_ready(struct service *sv, const struct config *cf)
{
	if (sv == NULL)
		return;
	sv->cf = cf;
	if (!sv->notify)
		return;
	/* A ping with READY, so the first interval starts now. */
	service_send(sv, sv->watchdog != NULL ? "READY=1\nWATCHDOG=1" : "READY=1");
}

void
service_reloading(struct service *sv)
{
	if (sv != NULL && sv->notify)
		sd_notify_send("RELOADING=1");
}

void
service_refresh(struct service *sv)
{
	if (sv != NULL && sv->notify)
		service_send(sv, "");
}

void
service_stopping(struct service *sv)
{
	if (sv != NULL && sv->notify)
		sd_notify_send("STOPPING=1");
}

void
service_free(struct service *sv)
{
	if (sv == NULL)
		return;
	if (sv->watchdog != NULL)
		event_free(sv->watchdog);
	free(sv);
}
