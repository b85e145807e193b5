/*
 * daemon — owns the process's long-lived objects and their order:
 * config -> store -> event_base -> http -> poller, torn down in the mirror
 * order. Signals arrive as libevent signal events, so their handlers run on
 * the loop like everything else.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "rightswatch/baseline.h"
#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "rightswatch/deliver.h"
#include "rightswatch/daemon.h"
#include "rightswatch/date.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/monitor.h"
#include "rightswatch/poller.h"
#include "rightswatch/rules.h"
#include "rightswatch/service.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"
#include "rightswatch/bperiod.h"

struct daemon {
	const char *config_path;
	enum daemon_mode mode;
	struct config *cf;
	struct store *store;
	struct event_base *base;
	struct http *http;
	struct poller *poller;
	struct deliver *deliver;
	struct service *service; /* run: systemd's notify protocol */
	struct metrics *metrics; /* with a listener only */
	struct monitor *monitor;
	int delivering;       /* once: the polling is done, the outbox is being emptied */
	struct event *sig_hup, *sig_term, *sig_int, *grace;
	int stopping;
	int finished; /* the loop has nothing more to do */
};

static void
daemon_diag(const char *msg, void *arg)
{
	(void)arg;
	log_error("%s", msg);
}

static void
daemon_warn(const char *msg, void *arg)
{
	const char *w = strstr(msg, " warning: ");

	(void)arg;
	/* "FILE:LINE: warning: ..." is a warning line already: say it once. */
	if (w != NULL)
		log_warnx("%.*s %s", (int)(w - msg), msg, w + strlen(" warning: "));
	else
		log_warnx("%s", msg);
}

/* Load and verify the configuration as `check` does: NULL when run must
 * refuse it (every reason logged). */
static struct config *
daemon_config(const char *path)
{
	struct config *cf;

	if ((cf = config_load(path, daemon_diag, NULL)) == NULL)
		return NULL;
	if (config_verify(cf, daemon_diag, daemon_warn, NULL) > 0) {
		config_free(cf);
		return NULL;
	}
	return cf;
}

static void
daemon_grace_cb(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd, (void)what;
	log_warnx("stopping with %zu transfers and %zu deliveries still in flight after %d s",
	    poller_busy(d->poller), deliver_busy(d->deliver), DAEMON_GRACE);
	event_base_loopbreak(d->base);
}

static void
daemon_stop(struct daemon *d, const char *why)
{
	struct timeval tv = { DAEMON_GRACE, 0 };

	if (d->stopping)
		return;
	d->stopping = 1;
	service_stopping(d->service);
	log_info("%s: stopping", why);
	poller_stop(d->poller);
	deliver_stop(d->deliver);
	if (poller_busy(d->poller) == 0 && deliver_busy(d->deliver) == 0) {
		d->finished = 1;
		event_base_loopbreak(d->base);
		return;
	}
	if ((d->grace = evtimer_new(d->base, daemon_grace_cb, d)) == NULL ||
	    evtimer_add(d->grace, &tv) == -1)
		event_base_loopbreak(d->base);
}

static void
daemon_reload(struct daemon *d)
{
	struct config *ncf;
	char err[256];

	service_reloading(d->service);
	log_info("reloading %s", d->config_path);
	if ((ncf = daemon_config(d->config_path)) == NULL) {
		log_warnx("reload failed: the running configuration stays");
	} else {
		if (strcmp(ncf->state, d->cf->state) != 0)
			log_warnx("reload: a new state file takes effect at restart");
		if (strcmp(ncf->user_agent, d->cf->user_agent) != 0 ||
		    ncf->max_parallel != d->cf->max_parallel || ncf->per_host != d->cf->per_host)
			log_warnx("reload: user_agent, max_parallel and per_host take effect at restart");
		if ((ncf->listen == NULL) != (d->cf->listen == NULL) ||
		    (ncf->listen != NULL && strcmp(ncf->listen, d->cf->listen) != 0))
			log_warnx("reload: a new listen takes effect at restart");
		if (deliver_reconfigure(d->deliver, ncf, err, sizeof(err)) == -1 ||
		    poller_reconfigure(d->poller, ncf, err, sizeof(err)) == -1) {
			log_warnx("reload failed: %s; the running configuration stays", err);
			deliver_reconfigure(d->deliver, d->cf, err, sizeof(err));
			config_free(ncf);
		} else {
			monitor_set_config(d->monitor, ncf);
			config_free(d->cf);
			d->cf = ncf;
			log_setlevel(ncf->log_level);
			baseline_load(d->store, ncf);
			log_info("configuration reloaded: %zu sources", ncf->nsources);
		}
	}
	service_ready(d->service, d->cf);
}

static void
daemon_signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct daemon *d = arg;

	(void)what;
	if (sig == SIGHUP)
		daemon_reload(d);
	else
		daemon_stop(d, sig == SIGTERM ? "SIGTERM" : "SIGINT");
}

/* The poller or the courier went idle: after a stop, the loop may end once
 * both are; in `once`, finished polling starts the delivery of the outbox,
 * and its end ends the cycle. */
static void
daemon_idle(void *arg)
{
	struct daemon *d = arg;

	if (d->finished || poller_busy(d->poller) > 0 ||
	    (d->deliver != NULL && deliver_busy(d->deliver) > 0))
		return;
	if (d->stopping || (d->mode == DAEMON_ONCE && d->delivering)) {
		d->finished = 1;
		event_base_loopbreak(d->base);
	} else if (d->mode == DAEMON_ONCE) {
		d->delivering = 1;
		deliver_kick(d->deliver);
	} else {
		service_refresh(d->service);
	}
}

static void
daemon_alerted(void *arg)
{
	struct daemon *d = arg;

	if (d->mode == DAEMON_RUN) {
		deliver_kick(d->deliver);
		service_refresh(d->service);
	}
}

void
daemon_summary_clear(struct daemon_summary *s)
{
	if (s == NULL)
		return;
	free(s->sources);
	memset(s, 0, sizeof(*s));
}

/* The end of a once cycle: its exit status from what each source and the
 * deliveries came to (every source polled failed: 3; some: 1), and the
 * summary when one is asked for. */
static int
daemon_once_end(struct daemon *d, struct daemon_summary *sum, int status)
{
	const struct poller_report *r;
	size_t n, polled = 0, failed = 0, unread = 0;
	size_t undelivered = deliver_failures(d->deliver);

	r = poller_reports(d->poller, &n);
	for (size_t i = 0; i < n; i++) {
		polled += r[i].outcome == POLLER_READ || r[i].outcome == POLLER_NOT_MODIFIED ||
		    r[i].outcome == POLLER_FAILED;
		failed += r[i].outcome == POLLER_FAILED;
		unread += r[i].unreadable > 0;
	}
	if (d->stopping && status == 0)
		status = 1;
	if (failed > 0)
		log_warnx("%zu of %zu sources polled failed", failed, polled);
	if (undelivered > 0)
		log_warnx("%zu deliveries failed; the alerts stay queued", undelivered);
	if (failed > 0 || unread > 0 || undelivered > 0)
		status = status == 0 ? 1 : status;
	if (polled > 0 && failed == polled)
		status = 3;
	if (sum == NULL)
		return status;
	memset(sum, 0, sizeof(*sum));
	if (n > 0 && (sum->sources = calloc(n, sizeof(*sum->sources))) != NULL) {
		memcpy(sum->sources, r, n * sizeof(*r));
		sum->nsources = n;
	}
	sum->delivered = deliver_delivered(d->deliver);
	sum->delivery_failures = undelivered;
	if (store_outbox_pending_count(d->store, &sum->pending) == -1)
		sum->pending = -1;
	return status;
}

static void
daemon_teardown(struct daemon *d)
{
	/* http first: cancelling transfers runs the poller's and the courier's
	 * callbacks; the courier then cancels its commands and syslog sends. */
	if (d->deliver != NULL)
		deliver_set_idle(d->deliver, NULL, NULL);
	monitor_free(d->monitor);
	http_free(d->http);
	deliver_free(d->deliver);
	poller_free(d->poller);
	service_free(d->service);
	if (d->grace != NULL)
		event_free(d->grace);
	if (d->sig_hup != NULL)
		event_free(d->sig_hup);
	if (d->sig_term != NULL)
		event_free(d->sig_term);
	if (d->sig_int != NULL)
		event_free(d->sig_int);
	if (d->base != NULL)
		event_base_free(d->base);
	store_close(d->store);
	metrics_free(d->metrics);
	config_free(d->cf);
}

int
daemon_main(const char *config_path, enum daemon_mode mode, const struct daemon_opts *opts)
{
	struct daemon d;
	struct http_options ho;
	char err[512];
	int status = 0;

	memset(&d, 0, sizeof(d));
	d.config_path = config_path;
	d.mode = mode;
	if ((d.cf = daemon_config(config_path)) == NULL) {
		log_error("%s: configuration not valid", config_path);
		return 2;
	}
	log_setlevel(d.cf->log_level);
	signal(SIGPIPE, SIG_IGN);
	if (store_file_prepare(d.cf->state, err, sizeof(err)) == -1 ||
	    store_open(d.cf->state, &d.store, err, sizeof(err)) == -1) {
		log_error("%s", err);
		daemon_teardown(&d);
		return 1;
	}
	memset(&ho, 0, sizeof(ho));
	ho.user_agent = d.cf->user_agent;
	ho.max_parallel = d.cf->max_parallel;
	ho.per_host = d.cf->per_host;
	if ((d.base = event_base_new()) == NULL ||
	    (d.http = http_new(d.base, &ho)) == NULL ||
	    (d.poller = poller_new(d.base, d.http, d.store, d.cf,
	    mode == DAEMON_ONCE ? POLLER_ONCE : POLLER_DAEMON, daemon_idle, &d,
	    err, sizeof(err))) == NULL) {
		log_error("cannot start: %s", d.poller == NULL && d.http != NULL ? err : "out of memory");
		daemon_teardown(&d);
		return 1;
	}
	if ((d.deliver = deliver_new(d.base, d.http, d.store, d.cf, err, sizeof(err))) == NULL) {
		log_error("cannot start: %s", err);
		daemon_teardown(&d);
		return 1;
	}
	if (mode == DAEMON_RUN && d.cf->listen != NULL &&
	    ((d.metrics = metrics_new()) == NULL || (d.monitor = monitor_new(d.base, d.cf->listen,
	    d.store, d.cf, d.metrics, err, sizeof(err))) == NULL)) {
		log_error("cannot start: %s", d.metrics == NULL ? "out of memory" : err);
		daemon_teardown(&d);
		return 1;
	}
	poller_set_metrics(d.poller, d.metrics);
	if (opts != NULL)
		poller_set_options(d.poller, opts->alert_backlog, opts->force);
	deliver_set_metrics(d.deliver, d.metrics);
	deliver_set_idle(d.deliver, daemon_idle, &d);
	poller_set_alert_hook(d.poller, daemon_alerted, &d);
	/* The baselines file was verified: what fails here is the store. */
	if (baseline_load(d.store, d.cf) == -1) {
		daemon_teardown(&d);
		return 1;
	}
	if ((d.sig_term = evsignal_new(d.base, SIGTERM, daemon_signal_cb, &d)) == NULL ||
	    (d.sig_int = evsignal_new(d.base, SIGINT, daemon_signal_cb, &d)) == NULL ||
	    evsignal_add(d.sig_term, NULL) == -1 || evsignal_add(d.sig_int, NULL) == -1) {
		log_error("cannot install signal handlers");
		daemon_teardown(&d);
		return 1;
	}
	if (mode == DAEMON_RUN &&
	    ((d.sig_hup = evsignal_new(d.base, SIGHUP, daemon_signal_cb, &d)) == NULL ||
	    evsignal_add(d.sig_hup, NULL) == -1)) {
		log_error("cannot install signal handlers");
		daemon_teardown(&d);
		return 1;
	}
	if (mode == DAEMON_RUN &&
	    (d.service = service_new(d.base, d.store, err, sizeof(err))) == NULL) {
		log_error("cannot start: %s", err);
		daemon_teardown(&d);
		return 1;
	}
	poller_start(d.poller);
	if (mode == DAEMON_RUN) {
		log_info("rightswatch started: %zu sources, state %s", d.cf->nsources, d.cf->state);
		/* The configuration is loaded, the database open, the first polls
		 * scheduled: systemd may call the service started. */
		service_ready(d.service, d.cf);
		/* What a previous run left in the outbox goes out now. */
		deliver_kick(d.deliver);
	}
	/* The loop ends by loopbreak: a once cycle done, or a stop completed. */
	if (!d.finished && event_base_dispatch(d.base) == -1) {
		log_error("event loop failed");
		status = 1;
	}
	if (mode == DAEMON_ONCE)
		status = daemon_once_end(&d, opts != NULL ? opts->summary : NULL, status);
	daemon_teardown(&d);
	if (mode == DAEMON_RUN)
		log_info("stopped");
	return status;
}

int
daemon_status(const char *config_path, int json)
{
	struct config *cf;
	struct store *st;
	struct status s;
	char err[512], *text = NULL;

	if ((cf = config_load(config_path, daemon_diag, NULL)) == NULL)
		return 2;
	/* Looking never creates: without a state file, status says so. */
	if (store_open_readonly(cf->state, &st, err, sizeof(err)) == -1) {
		log_error("%s", err);
		config_free(cf);
		return 1;
	}
	if (status_gather(st, cf, (int64_t)time(NULL), STATUS_ALL, &s) == -1) {
		log_error("%s", store_errmsg(st));
		store_close(st);
		config_free(cf);
		return 1;
	}
	if (!json)
		status_print(stdout, &s);
	else if ((text = status_json(&s)) != NULL) {
		fputs(text, stdout);
		free(text);
	} else
		log_error("out of memory");
	status_clear(&s);
	store_close(st);
	config_free(cf);
	return json && text == NULL ? 1 : 0;
}

int
daemon_source_reset(const char *config_path, const char *name)
{
	enum store_health was = STORE_HEALTH_NEW;
	struct config *cf;
	struct store *st;
	char err[512];
	size_t i;
	int rc = 0;

	if ((cf = config_load(config_path, daemon_diag, NULL)) == NULL)
		return 2;
	for (i = 0; i < cf->nsources && strcmp(cf->sources[i].name, name) != 0; i++)
		;
	if (i == cf->nsources) {
		log_error("no [source %s] in %s", name, config_path);
		config_free(cf);
		return 1;
	}
	if (store_open(cf->state, &st, err, sizeof(err)) == -1) {
		log_error("%s", err);
		config_free(cf);
		return 1;
	}
	if (poller_source_reset(st, name, &was, err, sizeof(err)) == -1) {
		log_error("source %s: %s", name, err);
		rc = 1;
	} else
		printf("source %s: reset (it was %s); polled at once by `once`, and by a "
		    "running daemon after a reload (systemctl reload rightswatch)\n", name,
		    store_health_name(was));
	store_close(st);
	config_free(cf);
	return rc;
}
