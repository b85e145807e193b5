/*
 * monitor — the answers of /metrics, /healthz and /status, computed when
 * asked from the counters (metrics.c) and the store (status.c), and the
 * dashboard's pages (dash.h); the HTTP side is httpd.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rightswatch/buf.h"
#include "rightswatch/dash.h"
#include "rightswatch/httpd.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/monitor.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"

struct monitor {
	struct httpd *httpd;
	struct store *store;
	const struct config *cf;
	const struct metrics *metrics;
	int failing; /* the store could not be read for /metrics: warned once */
};

static void
monitor_fail(struct httpd_answer *ans, int code, const char *reason, const char *what,
    const char *why)
{
	ans->code = code;
	ans->reason = reason;
	buf_free(&ans->body);
	buf_printf(&ans->body, "%s%s\n", what, why);
}

static void
monitor_metrics(struct httpd_answer *ans, void *arg)
{
	struct monitor *mo = arg;
	/* Every health a source can have, so each gauge exists from the start. */
	struct metrics_health health[STORE_HEALTH_COUNT];
	struct metrics_gauges g = { -1, health, STORE_HEALTH_COUNT, NULL, 0 };
	struct metrics_dest *dests = NULL;
	struct status s;
	int gathered;

	for (size_t i = 0; i < STORE_HEALTH_COUNT; i++) {
		health[i].health = store_health_name((enum store_health)i);
		health[i].sources = 0;
	}
	/* Without the store, the counters are still worth serving. */
	gathered = status_gather(mo->store, mo->cf, (int64_t)time(NULL),
	    STATUS_SOURCES | STATUS_OUTBOX | STATUS_DESTS, &s) == 0;
	if (!gathered) {
		if (!mo->failing)
			log_warnx("/metrics: serving the counters only: %s", store_errmsg(mo->store));
		mo->failing = 1;
		g.nhealth = 0;
	} else {
		if (mo->failing)
			log_info("/metrics: the database can be read again");
		mo->failing = 0;
		g.outbox_pending = s.outbox_pending;
		for (size_t k = 0; k < s.nsources; k++)
			if ((unsigned)s.sources[k].health < STORE_HEALTH_COUNT)
				health[s.sources[k].health].sources++;
		if (s.ndests > 0 && (dests = calloc(s.ndests, sizeof(*dests))) != NULL) {
			for (size_t k = 0; k < s.ndests; k++) {
				dests[k].destination = s.dests[k].name;
				dests[k].queued = s.dests[k].pending;
				dests[k].last_ok = s.dests[k].last_ok;
				dests[k].last_error = s.dests[k].last_error_at;
			}
			g.dests = dests;
			g.ndests = s.ndests;
		}
	}
	if (metrics_render(mo->metrics, &g, &ans->body) == -1)
		monitor_fail(ans, 500, "Internal Server Error", "out of memory", "");
	else
		ans->type = "text/plain; version=0.0.4; charset=utf-8";
	free(dests);
	if (gathered)
		status_clear(&s);
}

static void
monitor_healthz(struct httpd_answer *ans, void *arg)
{
	struct monitor *mo = arg;

	/* Being answered at all shows the loop runs; the probe shows the
	 * database takes writes. */
	if (store_writable(mo->store) == 0)
		buf_puts(&ans->body, "ok\n");
	else
		monitor_fail(ans, 503, "Service Unavailable", "database not writable: ",
		    store_errmsg(mo->store));
}

static void
monitor_status(struct httpd_answer *ans, void *arg)
{
	struct monitor *mo = arg;
	struct status s;
	char *json;

	if (status_gather(mo->store, mo->cf, (int64_t)time(NULL), STATUS_ALL, &s) == -1) {
		monitor_fail(ans, 503, "Service Unavailable", "status: ", store_errmsg(mo->store));
		return;
	}
	if ((json = status_json(&s)) == NULL) {
		monitor_fail(ans, 500, "Internal Server Error", "out of memory", "");
	} else {
		ans->type = "application/json";
		buf_puts(&ans->body, json);
	}
	free(json);
	status_clear(&s);
}

/* A dashboard page, read from the store at this moment. */
static void
monitor_page(struct httpd_answer *ans, void *arg,
    void (*page)(struct httpd_answer *, const struct dash_req *))
{
	struct monitor *mo = arg;
	struct dash_req r = { mo->store, mo->cf, (int64_t)time(NULL), ans->path, ans->query };

	page(ans, &r);
}

static void
monitor_home(struct httpd_answer *ans, void *arg)
{
	monitor_page(ans, arg, dash_home);
}

static void
monitor_release(struct httpd_answer *ans, void *arg)
{
	monitor_page(ans, arg, dash_release);
}

static void
monitor_series(struct httpd_answer *ans, void *arg)
{
	monitor_page(ans, arg, dash_series);
}

static void
monitor_style(struct httpd_answer *ans, void *arg)
{
	monitor_page(ans, arg, dash_style);
}

static const struct httpd_route monitor_routes[] = {
	{ "/", monitor_home, 0 },
	{ "/release/", monitor_release, 1 },
	{ "/series", monitor_series, 0 },
	{ "/style.css", monitor_style, 0 },
	{ "/metrics", monitor_metrics, 0 },
	{ "/healthz", monitor_healthz, 0 },
	{ "/status", monitor_status, 0 },
};

struct monitor *
monitor_new(struct event_base *base, const char *listen, struct store *st,
    const struct config *cf, const struct metrics *m, char *err, size_t errlen)
{
	struct monitor *mo;

	if ((mo = calloc(1, sizeof(*mo))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	mo->store = st;
	mo->cf = cf;
	mo->metrics = m;
	if ((mo->httpd = httpd_new(base, listen, monitor_routes,
	    sizeof(monitor_routes) / sizeof(monitor_routes[0]), mo, err, errlen)) == NULL) {
		free(mo);
		return NULL;
	}
	return mo;
}

void
monitor_set_config(struct monitor *mo, const struct config *cf)
{
	if (mo != NULL)
		mo->cf = cf;
}

void
monitor_free(struct monitor *mo)
{
	if (mo == NULL)
		return;
	httpd_free(mo->httpd);
	free(mo);
}
