/*
 * deliver — the outbox courier (see deliver.h): it schedules, retries and
 * records; how an alert travels is each destination's (dest.h, one file
 * per type behind the ops table below). One job per delivery in flight; a
 * job's completion is the only place an outbox row changes state, so a row
 * is never marked before its destination answered.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/random.h>

#include <event2/event.h>

#include "rightswatch/alert.h"
#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/crashpoint.h"
#include "rightswatch/date.h"
#include "rightswatch/deliver.h"
#include "rightswatch/escape.h"
#include "rightswatch/log.h"
#include "rightswatch/logonce.h"
#include "rightswatch/metrics.h"
#include "rightswatch/rules.h"
#include "rightswatch/store.h"
#include "dest.h"

/* The destinations, by enum config_notify_type. */
static const struct dest_ops *const deliver_ops[] = {
	[CONFIG_NOTIFY_SYSLOG] = &dest_syslog_ops,
	[CONFIG_NOTIFY_EMAIL] = &dest_email_ops,
	[CONFIG_NOTIFY_WEBHOOK] = &dest_webhook_ops,
	[CONFIG_NOTIFY_EXEC] = &dest_exec_ops,
};

struct deliver {
	struct dest_env env;          /* the event_base and the http client */
	struct store *store;
	const struct config *cf;
	struct dest *dests;
	size_t ndests;
	struct event *timer;
	int stopped;
	int kicking;                  /* inside deliver_kick: it ends the round */
	int more;                     /* the last batch was full: more may be due */
	size_t busy;
	size_t failures;
	size_t delivered;             /* outbox rows delivered */
	struct logonce *failing;      /* destinations failing, for quiet repeats */
	int64_t *inflight;            /* outbox ids being sent */
	size_t ninflight;
	deliver_idle_fn *idle;
	void *idle_arg;
	/* Transports of a replaced configuration, freed once idle. */
	struct dest *old;
	size_t nold;
	struct metrics *metrics;
	char instance[STORE_INSTANCE_LEN + 1]; /* the database's, for delivery ids */
};

struct deliver_job {
	struct dest_call call;        /* first: the destination reports through it */
	struct deliver *d;
	int64_t *ids;                 /* the outbox rows sent together (one, or an
	                                 email digest); none for a test alert */
	size_t nids;
	int64_t outbox_id;            /* ids[0]; 0 for a test alert */
	char id[64];                  /* the delivery's id (dest.h) */
	int attempts;
	char name[128];               /* the destination, for messages */
	const char *channel;          /* the destination's type, for the metrics */
	deliver_test_fn *test_done;
	void *test_arg;
};

static void
deliver_dests_free(struct dest *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].ops != NULL)
			v[i].ops->cancel(&v[i]);
	free(v);
}

/* A transport for each [notify] section of cf; 0, or -1 with err. */
static int
deliver_dests_new(struct deliver *d, const struct config *cf, struct dest **out,
    char *err, size_t errlen)
{
	struct dest *v;

	*out = NULL;
	if ((v = calloc(cf->nnotifies + 1, sizeof(*v))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < cf->nnotifies; i++) {
		const struct config_notify *cn = &cf->notifies[i];
		char why[256], where[512];

		if ((unsigned)cn->type >= sizeof(deliver_ops) / sizeof(deliver_ops[0])) {
			snprintf(err, errlen, "[notify %s]: no such type", cn->name);
			deliver_dests_free(v, i);
			return -1;
		}
		v[i].cn = cn;
		v[i].env = &d->env;
		if (deliver_ops[cn->type]->start(&v[i], why, sizeof(why)) == -1) {
			snprintf(err, errlen, "[notify %s]: %s", cn->name, why);
			deliver_dests_free(v, i);
			return -1;
		}
		v[i].ops = deliver_ops[cn->type];
		v[i].ops->describe(&v[i], where, sizeof(where));
		log_debug("destination %s: %s", cn->name, where);
	}
	*out = v;
	return 0;
}

static void deliver_timer_cb(evutil_socket_t fd, short what, void *arg);

struct deliver *
deliver_new(struct event_base *base, struct http *h, struct store *st,
    const struct config *cf, char *err, size_t errlen)
{
	struct deliver *d;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->env.base = base;
	d->env.http = h;
	d->store = st;
	if ((d->failing = logonce_new()) == NULL ||
	    (d->timer = evtimer_new(base, deliver_timer_cb, d)) == NULL) {
		snprintf(err, errlen, "out of memory");
		deliver_free(d);
		return NULL;
	}
	if (st != NULL && store_instance(st, d->instance) == -1) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		deliver_free(d);
		return NULL;
	}
	if (deliver_reconfigure(d, cf, err, errlen) == -1) {
		deliver_free(d);
		return NULL;
	}
	return d;
}

int
deliver_reconfigure(struct deliver *d, const struct config *cf, char *err, size_t errlen)
{
	struct dest *v;

	if (deliver_dests_new(d, cf, &v, err, errlen) == -1)
		return -1;
	/* Transports with sends in flight are kept until the courier is idle. */
	if (d->busy > 0 && d->old == NULL) {
		d->old = d->dests;
		d->nold = d->ndests;
	} else
		deliver_dests_free(d->dests, d->ndests);
	d->dests = v;
	d->ndests = cf->nnotifies;
	d->cf = cf;
	/* The timer keeps its callback: event_assign on a pending event (a
	 * retry or a digest waiting) would corrupt libevent's timer heap. */
	return 0;
}

void
deliver_set_idle(struct deliver *d, deliver_idle_fn *fn, void *arg)
{
	d->idle = fn;
	d->idle_arg = arg;
}

void
deliver_set_metrics(struct deliver *d, struct metrics *m)
{
	d->metrics = m;
}

size_t
deliver_busy(const struct deliver *d)
{
	return d->busy;
}

size_t
deliver_failures(const struct deliver *d)
{
	return d->failures;
}

size_t
deliver_delivered(const struct deliver *d)
{
	return d->delivered;
}

void
deliver_stop(struct deliver *d)
{
	d->stopped = 1;
	evtimer_del(d->timer);
}

void
deliver_free(struct deliver *d)
{
	if (d == NULL)
		return;
	struct dest *dests = d->dests, *old = d->old;

	d->stopped = 1;
	d->idle = NULL;
	/* Cancelling runs the jobs' callbacks (rows stay pending); they must
	 * not see the arrays being freed. */
	d->dests = d->old = NULL;
	deliver_dests_free(dests, d->ndests);
	deliver_dests_free(old, d->nold);
	if (d->timer != NULL)
		event_free(d->timer);
	free(d->inflight);
	logonce_free(d->failing);
	free(d);
}

static struct dest *
deliver_dest(struct deliver *d, const char *name)
{
	for (size_t i = 0; i < d->ndests; i++)
		if (strcmp(d->dests[i].cn->name, name) == 0)
			return &d->dests[i];
	return NULL;
}

static int
deliver_inflight(const struct deliver *d, int64_t id)
{
	for (size_t i = 0; i < d->ninflight; i++)
		if (d->inflight[i] == id)
			return 1;
	return 0;
}

/* Arm the timer for the next delivery due, if any. */
static void
deliver_schedule(struct deliver *d)
{
	struct timeval tv = { 0, 0 };
	int64_t when, now = (int64_t)time(NULL);
	int any;

	if (d->stopped)
		return;
	if (store_outbox_next_due(d->store, &when, &any) == -1) {
		log_warnx("outbox: %s", store_errmsg(d->store));
		return;
	}
	if (!any)
		return;
	tv.tv_sec = when > now ? (time_t)(when - now) : 0;
	evtimer_add(d->timer, &tv);
}

/* One line per delivery, as key=value fields; a destination failing the
 * same way again is logged at debug until the failure changes, and its
 * recovery at info. */
static void
deliver_log(struct deliver *d, const struct deliver_job *job, enum dest_outcome oc,
    const char *msg, int64_t backoff)
{
	const char *chan = job->channel != NULL ? job->channel : "none";
	char dest[160], why[400];
	size_t failed;
	int news;

	escape_kv(dest, sizeof(dest), job->name);
	escape_kv(why, sizeof(why), msg);
	switch (oc) {
	case DEST_OK:
		if ((failed = logonce_ok(d->failing, job->name)) > 0)
			log_info("destination works again: destination=%s failed_attempts=%zu", dest,
			    failed);
		/* What the destination answered: a reply code, a command's
		 * output (escaped, cut). */
		log_info("delivered: destination=%s channel=%s alerts=%zu result=%s", dest, chan,
		    job->nids, why);
		break;
	case DEST_RETRY:
		news = logonce_fail(d->failing, job->name, msg) != 0;
		(news ? log_warnx : log_debug)("not delivered: destination=%s channel=%s alerts=%zu"
		    " attempt=%d retry_in=%llds error=%s", dest, chan, job->nids,
		    job->attempts + 1, (long long)backoff, why);
		break;
	case DEST_PERMANENT:
		log_warnx("failed for good: destination=%s channel=%s alerts=%zu error=%s", dest,
		    chan, job->nids, why);
		break;
	case DEST_CANCELLED:
		break;
	}
}

static void
deliver_done(struct dest_call *call, enum dest_outcome oc, const char *msg)
{
	/* the call is the job's first member */
	struct deliver_job *job = (struct deliver_job *)call;
	struct deliver *d = job->d;
	int64_t now = (int64_t)time(NULL), backoff;
	char esc[300];

	escape_logs(esc, sizeof(esc), msg != NULL ? msg : "");
	backoff = DELIVER_RETRY_MIN;
	for (int i = 0; i < job->attempts && backoff < DELIVER_RETRY_MAX; i++)
		backoff *= 2;
	if (backoff > DELIVER_RETRY_MAX)
		backoff = DELIVER_RETRY_MAX;
	if (job->test_done != NULL)
		job->test_done(oc == DEST_OK, msg != NULL ? msg : "", job->test_arg);
	else if (oc == DEST_OK)
		crashpoint("after_delivery");
	for (size_t k = 0; k < job->nids; k++) {
		int64_t id = job->ids[k];
		int r = 0;

		if (oc == DEST_OK)
			r = store_outbox_delivered(d->store, id, now);
		else if (oc == DEST_RETRY)
			r = store_outbox_retry(d->store, id, now + backoff, esc);
		else if (oc == DEST_PERMANENT)
			r = store_outbox_failed(d->store, id, esc);
		if (r == -1)
			log_warnx("outbox: %s", store_errmsg(d->store));
		for (size_t i = 0; i < d->ninflight; i++)
			if (d->inflight[i] == id) {
				d->inflight[i] = d->inflight[--d->ninflight];
				break;
			}
	}
	/* What status and /metrics say of the destination (test-alert runs
	 * without the store). */
	if (oc != DEST_CANCELLED && d->store != NULL && store_destination_result(d->store,
	    job->name, now, oc == DEST_OK ? NULL : esc) == -1)
		log_warnx("outbox: %s", store_errmsg(d->store));
	if (job->test_done == NULL)
		deliver_log(d, job, oc, msg != NULL ? msg : "", backoff);
	if (job->test_done == NULL && (oc == DEST_RETRY || oc == DEST_PERMANENT))
		d->failures++;
	if (job->test_done == NULL && oc == DEST_OK)
		d->delivered += job->nids;
	if (job->test_done == NULL && oc != DEST_CANCELLED)
		metrics_delivery(d->metrics, job->name, job->channel, oc == DEST_OK ?
		    "delivered" : oc == DEST_RETRY ? "retry" : "failed", job->nids);
	free(job->ids);
	d->busy--;
	free(job);
	if (d->busy == 0) {
		struct dest *old = d->old;

		d->old = NULL;
		deliver_dests_free(old, d->nold);
		d->nold = 0;
		/* A job that could not start completes inside deliver_kick, which
		 * has more rows to start: "idle" now would end a once cycle early. */
		if (d->kicking)
			return;
		if (!d->stopped && d->more && oc != DEST_CANCELLED) {
			deliver_kick(d);
			return;
		}
		if (!d->stopped)
			deliver_schedule(d);
		if (d->idle != NULL)
			d->idle(d->idle_arg);
	}
}

/* Start sending all[0..nall) to dd for job. 0 when started; -1 (reason in
 * err) when it could not be, with perm set when retrying cannot help. */
static int
deliver_send(struct dest *dd, const struct alert *const *all, size_t nall,
    struct deliver_job *job, int *perm, char *err, size_t errlen)
{
	struct dest_msg m = { all, nall, job->id };

	err[0] = '\0';
	if (dd->ops->deliver(dd, &m, &job->call, perm, err, errlen) == 0)
		return 0;
	if (err[0] == '\0')
		snprintf(err, errlen, "out of memory");
	return -1;
}

/* Send v[first] — and, to an email digest destination, every other due
 * row for it — as one job. 0, or -1 when out of memory. */
static int
deliver_group(struct deliver *d, struct dest *dd, struct store_delivery *v,
    size_t n, size_t first)
{
	const struct alert **all = NULL;
	struct alert *alerts = NULL;
	struct deliver_job *job = NULL;
	int64_t *ni;
	size_t k = 0;
	char err[256] = "";
	int perm;

	if ((job = calloc(1, sizeof(*job))) == NULL ||
	    (job->ids = calloc(n, sizeof(*job->ids))) == NULL ||
	    (alerts = calloc(n, sizeof(*alerts))) == NULL ||
	    (all = calloc(n, sizeof(*all))) == NULL ||
	    (ni = realloc(d->inflight, (d->ninflight + n) * sizeof(*ni))) == NULL) {
		if (job != NULL)
			free(job->ids);
		free(job);
		free(alerts);
		free(all);
		return -1;
	}
	d->inflight = ni;
	for (size_t i = first; i < n; i++) {
		if (i != first && (!dd->digest || strcmp(v[i].destination, v[first].destination) != 0 ||
		    deliver_inflight(d, v[i].outbox_id)))
			continue;
		/* What was decided, not what the configuration says now. */
		alert_from_record(&v[i].alert, &alerts[k]);
		alerts[k].public_url = d->cf != NULL ? d->cf->public_url : NULL;
		all[k] = &alerts[k];
		job->ids[k++] = v[i].outbox_id;
		d->inflight[d->ninflight++] = v[i].outbox_id;
		if (job->attempts < v[i].attempts)
			job->attempts = v[i].attempts;
	}
	job->nids = k;
	job->call.done = deliver_done;
	job->d = d;
	job->outbox_id = v[first].outbox_id;
	snprintf(job->id, sizeof(job->id), "%s-%lld", d->instance, (long long)job->outbox_id);
	snprintf(job->name, sizeof(job->name), "%s", v[first].destination);
	job->channel = dd->ops->type;
	d->busy++;
	if (deliver_send(dd, all, k, job, &perm, err, sizeof(err)) == -1)
		/* Nothing was started: record the outcome now. */
		deliver_done(&job->call, perm ? DEST_PERMANENT : DEST_RETRY, err);
	free(alerts);
	free(all);
	return 0;
}

void
deliver_kick(struct deliver *d)
{
	struct store_delivery *v = NULL;
	int64_t now = (int64_t)time(NULL);
	size_t n = 0, progress;

	if (d->stopped)
		return;
	evtimer_del(d->timer);
	d->kicking = 1;
	do {
		v = NULL;
		n = 0;
		progress = 0;
		if (store_outbox_due(d->store, now, DELIVER_BATCH, &v, &n) == -1) {
			log_warnx("outbox: %s", store_errmsg(d->store));
			d->kicking = 0;
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct store_delivery *sd = &v[i];
			struct dest *dd;

			if (deliver_inflight(d, sd->outbox_id))
				continue;
			if ((dd = deliver_dest(d, sd->destination)) == NULL) {
				if (store_outbox_failed(d->store, sd->outbox_id,
				    "no such [notify] section in the configuration") == -1)
					log_warnx("outbox: %s", store_errmsg(d->store));
				metrics_delivery(d->metrics, sd->destination, "none", "failed", 1);
				d->failures++;
				progress++;
				continue;
			}
			if (deliver_group(d, dd, v, n, i) == -1)
				break;
			progress++;
		}
		store_deliveries_free(v, n);
		/* A full batch means more may be due: the next one is taken when
		 * this one is done (deliver_done), or now if it already is. */
		d->more = n == DELIVER_BATCH;
	} while (d->more && d->busy == 0 && progress > 0);
	d->kicking = 0;
	if (d->busy == 0) {
		deliver_schedule(d);
		if (d->idle != NULL)
			d->idle(d->idle_arg);
	}
}

static void
deliver_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd, (void)what;
	deliver_kick(arg);
}

/* A test alert's own id: "test-" and 16 random hex digits (getrandom;
 * the clock and the pid when it has nothing to give). */
static void
deliver_test_id(char *out, size_t outlen)
{
	static unsigned n;
	uint64_t r = 0;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = ((uint64_t)time(NULL) << 32) ^ ((uint64_t)getpid() << 16) ^ ++n;
	snprintf(out, outlen, "test-%016llx", (unsigned long long)r);
}

int
deliver_test(struct deliver *d, const char *dest, const struct alert *a,
    deliver_test_fn *done, void *arg, char *err, size_t errlen)
{
	struct dest *dd;
	struct deliver_job *job;
	int perm;

	if ((dd = deliver_dest(d, dest)) == NULL) {
		snprintf(err, errlen, "no [notify %s] section", dest);
		return -1;
	}
	if ((job = calloc(1, sizeof(*job))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	job->call.done = deliver_done;
	job->d = d;
	job->test_done = done;
	job->test_arg = arg;
	deliver_test_id(job->id, sizeof(job->id));
	snprintf(job->name, sizeof(job->name), "%s", dest);
	if (deliver_send(dd, &a, 1, job, &perm, err, errlen) == -1) {
		free(job);
		return -1;
	}
	d->busy++;
	return 0;
}
