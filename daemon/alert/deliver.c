/*
 * deliver — the outbox courier (see deliver.h). One job per delivery in
 * flight; a job's completion is the only place an outbox row changes state,
 * so a row is never marked before its destination answered.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "rightswatch/alert.h"
#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/crashpoint.h"
#include "rightswatch/date.h"
#include "rightswatch/deliver.h"
#include "rightswatch/escape.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/logonce.h"
#include "rightswatch/metrics.h"
#include "rightswatch/notify_exec.h"
#include "rightswatch/notify_syslog.h"
#include "rightswatch/rules.h"
#include "rightswatch/store.h"

/* The structured-data ID of our syslog records: an example enterprise
 * number (RFC 5612 reserves 32473 for documentation). */
#define DELIVER_SD_ID "rightswatch@32473"
#define DELIVER_MAX_PASSWORD 1024 /* bytes of an SMTP password file */

enum deliver_outcome { DELIVER_OK = 0, DELIVER_RETRY, DELIVER_PERMANENT, DELIVER_CANCELLED };

struct deliver_dest {
	const struct config_notify *cn;
	struct notify_syslog *syslog; /* type = syslog */
	char **argv;                  /* type = exec */
};

struct deliver {
	struct event_base *base;
	struct http *http;
	struct store *store;
	const struct config *cf;
	struct deliver_dest *dests;
	size_t ndests;
	struct notify_exec *exec;
	struct event *timer;
	int stopped;
	int kicking;                  /* inside deliver_kick: it ends the round */
	int more;                     /* the last batch was full: more may be due */
	size_t busy;
	size_t failures;
	struct logonce *failing;      /* destinations failing, for quiet repeats */
	int64_t *inflight;            /* outbox ids being sent */
	size_t ninflight;
	deliver_idle_fn *idle;
	void *idle_arg;
	/* Transports of a replaced configuration, freed once idle. */
	struct deliver_dest *old;
	size_t nold;
	struct metrics *metrics;
};

struct deliver_job {
	struct deliver *d;
	int64_t *ids;                 /* the outbox rows sent together (one, or an
	                                 email digest); none for a test alert */
	size_t nids;
	int64_t outbox_id;            /* ids[0], for messages; 0 for a test alert */
	int attempts;
	char name[128];               /* the destination, for messages */
	int smtp;                     /* an email: SMTP replies decide the outcome */
	const char *channel;          /* the destination's type, for the metrics */
	deliver_test_fn *test_done;
	void *test_arg;
};

static void
deliver_dests_free(struct deliver_dest *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		notify_syslog_free(v[i].syslog);
		notify_exec_argv_free(v[i].argv);
	}
	free(v);
}

static int
deliver_dests_new(struct deliver *d, const struct config *cf, struct deliver_dest **out,
    char *err, size_t errlen)
{
	struct deliver_dest *v;

	*out = NULL;
	if ((v = calloc(cf->nnotifies + 1, sizeof(*v))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < cf->nnotifies; i++) {
		const struct config_notify *cn = &cf->notifies[i];
		char why[256];

		v[i].cn = cn;
		if (cn->type == CONFIG_NOTIFY_SYSLOG) {
			struct notify_syslog_options o;
			int fac = notify_syslog_facility(cn->facility != NULL ? cn->facility : "daemon");

			memset(&o, 0, sizeof(o));
			o.target = cn->target;
			o.ident = cn->ident;
			o.facility = fac >= 0 ? fac : 3;
			o.timeout = cn->timeout;
			if ((v[i].syslog = notify_syslog_new(d->base, &o, why, sizeof(why))) == NULL) {
				snprintf(err, errlen, "[notify %s]: %s", cn->name, why);
				deliver_dests_free(v, i + 1);
				return -1;
			}
		} else if (cn->type == CONFIG_NOTIFY_EXEC &&
		    notify_exec_split(cn->command, &v[i].argv, why, sizeof(why)) == -1) {
			snprintf(err, errlen, "[notify %s]: command: %s", cn->name, why);
			deliver_dests_free(v, i + 1);
			return -1;
		}
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
	d->base = base;
	d->http = h;
	d->store = st;
	if ((d->exec = notify_exec_new(base)) == NULL ||
	    (d->failing = logonce_new()) == NULL ||
	    (d->timer = evtimer_new(base, deliver_timer_cb, d)) == NULL) {
		snprintf(err, errlen, "out of memory");
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
	struct deliver_dest *v;

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
	struct deliver_dest *dests = d->dests, *old = d->old;

	d->stopped = 1;
	d->idle = NULL;
	/* Cancelling runs the jobs' callbacks (rows stay pending); they must
	 * not see the arrays being freed. */
	d->dests = d->old = NULL;
	notify_exec_free(d->exec);
	d->exec = NULL;
	deliver_dests_free(dests, d->ndests);
	deliver_dests_free(old, d->nold);
	if (d->timer != NULL)
		event_free(d->timer);
	free(d->inflight);
	logonce_free(d->failing);
	free(d);
}

static struct deliver_dest *
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
deliver_log(struct deliver *d, const struct deliver_job *job, enum deliver_outcome oc,
    const char *msg, int64_t backoff)
{
	const char *chan = job->channel != NULL ? job->channel : "none";
	char dest[160], why[400];
	size_t failed;
	int news;

	escape_kv(dest, sizeof(dest), job->name);
	escape_kv(why, sizeof(why), msg);
	switch (oc) {
	case DELIVER_OK:
		if ((failed = logonce_ok(d->failing, job->name)) > 0)
			log_info("destination works again: destination=%s failed_attempts=%zu", dest,
			    failed);
		log_info("delivered: destination=%s channel=%s alerts=%zu", dest, chan,
		    job->nids);
		break;
	case DELIVER_RETRY:
		news = logonce_fail(d->failing, job->name, msg) != 0;
		(news ? log_warnx : log_debug)("not delivered: destination=%s channel=%s alerts=%zu"
		    " attempt=%d retry_in=%llds error=%s", dest, chan, job->nids,
		    job->attempts + 1, (long long)backoff, why);
		break;
	case DELIVER_PERMANENT:
		log_warnx("failed for good: destination=%s channel=%s alerts=%zu error=%s", dest,
		    chan, job->nids, why);
		break;
	case DELIVER_CANCELLED:
		break;
	}
}

static void
deliver_done(struct deliver_job *job, enum deliver_outcome oc, const char *msg)
{
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
		job->test_done(oc == DELIVER_OK, msg != NULL ? msg : "", job->test_arg);
	else if (oc == DELIVER_OK)
		crashpoint("after_delivery");
	for (size_t k = 0; k < job->nids; k++) {
		int64_t id = job->ids[k];
		int r = 0;

		if (oc == DELIVER_OK)
			r = store_outbox_delivered(d->store, id, now);
		else if (oc == DELIVER_RETRY)
			r = store_outbox_retry(d->store, id, now + backoff, esc);
		else if (oc == DELIVER_PERMANENT)
			r = store_outbox_failed(d->store, id, esc);
		if (r == -1)
			log_warnx("outbox: %s", store_errmsg(d->store));
		for (size_t i = 0; i < d->ninflight; i++)
			if (d->inflight[i] == id) {
				d->inflight[i] = d->inflight[--d->ninflight];
				break;
			}
	}
	if (job->test_done == NULL)
		deliver_log(d, job, oc, msg != NULL ? msg : "", backoff);
	if (job->test_done == NULL && (oc == DELIVER_RETRY || oc == DELIVER_PERMANENT))
		d->failures++;
	if (job->test_done == NULL && oc != DELIVER_CANCELLED)
		metrics_delivery(d->metrics, job->name, job->channel, oc == DELIVER_OK ?
		    "delivered" : oc == DELIVER_RETRY ? "retry" : "failed", job->nids);
	free(job->ids);
	d->busy--;
	free(job);
	if (d->busy == 0) {
		struct deliver_dest *old = d->old;

		d->old = NULL;
		deliver_dests_free(old, d->nold);
		d->nold = 0;
		/* A job that could not start completes inside deliver_kick, which
		 * has more rows to start: "idle" now would end a once cycle early. */
		if (d->kicking)
			return;
		if (!d->stopped && d->more && oc != DELIVER_CANCELLED) {
			deliver_kick(d);
			return;
		}
		if (!d->stopped)
			deliver_schedule(d);
		if (d->idle != NULL)
			d->idle(d->idle_arg);
	}
}

static void
deliver_http_cb(struct http_response *res, void *arg)
{
	struct deliver_job *job = arg;
	enum http_outcome oc;
	char msg[320];

	if (res->error == HTTP_ERR_CANCELLED) {
		deliver_done(job, DELIVER_CANCELLED, "cancelled");
		return;
	}
	oc = job->smtp ? http_smtp_outcome(res->status, res->error) :
	    http_post_outcome(res->status, res->error);
	if (res->error != HTTP_OK)
		snprintf(msg, sizeof(msg), "%s (reply %ld)", res->errmsg, res->status);
	else
		snprintf(msg, sizeof(msg), "reply %ld", res->status);
	deliver_done(job, oc == HTTP_OUTCOME_SUCCESS ? DELIVER_OK :
	    oc == HTTP_OUTCOME_RETRY ? DELIVER_RETRY : DELIVER_PERMANENT, msg);
}

static void
deliver_syslog_cb(int ok, const char *errmsg, void *arg)
{
	deliver_done(arg, ok ? DELIVER_OK : DELIVER_RETRY, ok ? "sent" : errmsg);
}

static void
deliver_exec_cb(const struct notify_exec_result *r, void *arg)
{
	char msg[600], esc[300];

	if (r->cancelled) {
		deliver_done(arg, DELIVER_CANCELLED, "cancelled");
		return;
	}
	escape_log(esc, sizeof(esc), r->err != NULL ? r->err : "", r->errlen);
	snprintf(msg, sizeof(msg), "%s%s%s", r->ok ? "exit 0" : r->errmsg,
	    r->errlen > 0 ? ": " : "", esc);
	deliver_done(arg, r->ok ? DELIVER_OK : DELIVER_RETRY, msg);
}

/* The SMTP password from its file; refuses a file others can read. */
static char *
deliver_password(const char *path, char *err, size_t errlen)
{
	struct buf b = { NULL, 0, 0 };
	struct stat sb;
	char chunk[256];
	ssize_t n;
	int fd;

	if (path[0] != '/') {
		/* config_value_path left ${CREDENTIALS_DIRECTORY} unexpanded. */
		snprintf(err, errlen, "password_file %s: $CREDENTIALS_DIRECTORY is not set in "
		    "this process (the password is a systemd credential: LoadCredential=)", path);
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 || fstat(fd, &sb) == -1) {
		snprintf(err, errlen, "password_file %s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	if (sb.st_mode & S_IROTH) {
		snprintf(err, errlen, "password_file %s is readable by everyone; "
		    "chmod o-r it", path);
		close(fd);
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 && b.len < DELIVER_MAX_PASSWORD)
		buf_append(&b, chunk, (size_t)n);
	close(fd);
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	if (b.data == NULL)
		snprintf(err, errlen, "password_file %s is empty", path);
	return buf_detach(&b);
}

/* Start sending a to dd for job. 0 when started; -1 (reason in err) when it
 * could not be, with perm set when retrying cannot help. */
static int
deliver_start(struct deliver *d, struct deliver_dest *dd, const struct alert *const *all,
    size_t nall, struct deliver_job *job, int *perm, char *err, size_t errlen)
{
	const struct alert *a = all[0];
	const struct config_notify *cn = dd->cn;
	char *payload = NULL;
	int rc = -1;

	*perm = 0;
	switch (cn->type) {
	case CONFIG_NOTIFY_SYSLOG: {
		struct notify_syslog_param params[6];
		struct notify_syslog_record r;
		char value[32], period[BPERIOD_FMT_MAX] = "";

		if ((payload = alert_syslog(a)) == NULL)
			break;
		snprintf(value, sizeof(value), "%lld", (long long)a->value);
		if (a->has_period)
			bperiod_format(&a->period, period);
		params[0] = (struct notify_syslog_param){ "rule", a->rule };
		params[1] = (struct notify_syslog_param){ "severity", rules_severity_name(a->severity) };
		params[2] = (struct notify_syslog_param){ "country", a->country != NULL ? a->country : "" };
		params[3] = (struct notify_syslog_param){ "indicator", a->indicator };
		params[4] = (struct notify_syslog_param){ "value", value };
		params[5] = (struct notify_syslog_param){ "period", period };
		memset(&r, 0, sizeof(r));
		r.severity = alert_syslog_priority(a->severity);
		r.usec = -1;
		r.msgid = a->is_test ? "test-alert" : "alert";
		r.sd_id = DELIVER_SD_ID;
		r.params = params;
		r.nparams = 6;
		r.msg = payload;
		rc = notify_syslog_send(dd->syslog, &r, deliver_syslog_cb, job);
		if (rc == -1)
			snprintf(err, errlen, "syslog: could not queue the record");
		break;
	}
	case CONFIG_NOTIFY_EMAIL: {
		struct http_smtp_request req;
		struct alert_mail m;
		char idl[160], *password = NULL;
		const char **rcpt;

		memset(&m, 0, sizeof(m));
		m.from = cn->from;
		m.to = (const char *const *)cn->to.v;
		m.nto = cn->to.n;
		m.subject_prefix = cn->subject_prefix;
		m.date = (int64_t)time(NULL);
		snprintf(idl, sizeof(idl), "alert-%lld.%d.%s", (long long)job->outbox_id,
		    job->attempts, cn->name);
		m.id_left = idl;
		if ((payload = alert_rfc5322_digest(all, nall, &m, err, errlen)) == NULL) {
			*perm = 1;
			return -1;
		}
		if (cn->password_file != NULL &&
		    (password = deliver_password(cn->password_file, err, errlen)) == NULL)
			break;
		if ((rcpt = calloc(cn->to.n + 1, sizeof(*rcpt))) == NULL) {
			free(password);
			break;
		}
		for (size_t i = 0; i < cn->to.n; i++)
			rcpt[i] = cn->to.v[i];
		memset(&req, 0, sizeof(req));
		req.url = cn->url;
		req.starttls = cn->starttls == CONFIG_STARTTLS_TRY ? HTTP_STARTTLS_TRY :
		    cn->starttls == CONFIG_STARTTLS_NEVER ? HTTP_STARTTLS_NEVER :
		    HTTP_STARTTLS_REQUIRED;
		req.username = cn->username;
		req.password = password;
		req.mail_from = cn->from;
		req.rcpt = rcpt;
		req.msg = payload;
		req.len = strlen(payload);
		req.timeout = cn->timeout;
		job->smtp = 1;
		rc = http_smtp_send(d->http, &req, deliver_http_cb, job);
		if (rc == -1)
			snprintf(err, errlen, "email: could not start the transfer");
		if (password != NULL) {
			explicit_bzero(password, strlen(password));
			free(password);
		}
		free(rcpt);
		break;
	}
	case CONFIG_NOTIFY_WEBHOOK: {
		struct http_post_request req;
		const char *headers[2] = { cn->header, NULL };

		if ((payload = alert_json_text(a)) == NULL)
			break;
		memset(&req, 0, sizeof(req));
		req.url = cn->url;
		req.body = payload;
		req.len = strlen(payload);
		req.content_type = "application/json";
		req.headers = headers;
		req.timeout = cn->timeout;
		rc = http_post(d->http, &req, deliver_http_cb, job);
		if (rc == -1)
			snprintf(err, errlen, "webhook: could not start the transfer");
		break;
	}
	case CONFIG_NOTIFY_EXEC: {
		struct notify_exec_request req;

		if ((payload = alert_json_text(a)) == NULL)
			break;
		memset(&req, 0, sizeof(req));
		req.argv = (const char *const *)dd->argv;
		req.payload = payload;
		req.len = strlen(payload);
		req.timeout = cn->timeout;
		rc = notify_exec_run(d->exec, &req, deliver_exec_cb, job);
		if (rc == -1)
			snprintf(err, errlen, "exec: could not start the command");
		break;
	}
	}
	if (rc == -1 && err[0] == '\0')
		snprintf(err, errlen, "out of memory");
	free(payload);
	return rc;
}

/* A stored alert as the formatters see it; strings borrowed from s. */
static void
deliver_alert(const struct deliver *d, const struct store_alert *s, struct alert *a)
{
	int v;

	memset(a, 0, sizeof(*a));
	a->rule = s->rule;
	a->fingerprint = s->fingerprint;
	a->severity = (v = rules_severity_parse(s->severity)) >= 0 ? (enum rules_severity)v :
	    RULES_WARNING;
	a->factor = 1.0;
	for (size_t i = 0; i < d->cf->nthresholds; i++)
		if (strcmp(d->cf->thresholds[i].name, s->rule) == 0) {
			a->compare = (enum rules_compare)d->cf->thresholds[i].compare;
			a->factor = d->cf->thresholds[i].factor;
			if (a->compare == RULES_VALUE)
				a->limit = (double)d->cf->thresholds[i].above;
		}
	a->country = s->country;
	a->indicator = s->indicator;
	a->value = s->value;
	a->qualifier = (v = rules_qualifier_parse(s->qualifier)) >= 0 ?
	    (enum extract_qualifier)v : EXTRACT_EXACT;
	a->approximate = s->approximate;
	a->has_period = date_parse_ymd(s->period_start, &a->period.start) == 0 &&
	    date_parse_ymd(s->period_end, &a->period.end) == 0;
	if (s->baseline_value >= 0 &&
	    date_parse_ymd(s->baseline_period_start, &a->baseline_period.start) == 0 &&
	    date_parse_ymd(s->baseline_period_end, &a->baseline_period.end) == 0) {
		a->has_baseline = 1;
		a->baseline_value = s->baseline_value;
		a->baseline_origin = s->baseline_origin != NULL &&
		    (v = rules_origin_parse(s->baseline_origin)) >= 0 ?
		    (enum rules_origin)v : RULES_REPORTED;
		a->baseline_source = s->baseline_source;
		a->limit = a->factor * (double)s->baseline_value;
	}
	a->ratio = isnan(s->ratio) ? 0 : s->ratio;
	a->has_previous = s->is_update && s->previous_value >= 0;
	a->previous_value = s->previous_value;
	a->title = s->title;
	a->date = s->date;
	a->url = s->url;
	a->sentence = s->sentence;
}

/* Send v[first] — and, to an email digest destination, every other due
 * row for it — as one job. 0, or -1 when out of memory. */
static int
deliver_group(struct deliver *d, struct deliver_dest *dd, struct store_delivery *v,
    size_t n, size_t first)
{
	const struct alert **all = NULL;
	struct alert *alerts = NULL;
	struct deliver_job *job = NULL;
	int64_t *ni;
	size_t k = 0;
	char err[256] = "";
	int perm, digest = dd->cn->type == CONFIG_NOTIFY_EMAIL && dd->cn->digest > 0;

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
		if (i != first && (!digest || strcmp(v[i].destination, v[first].destination) != 0 ||
		    deliver_inflight(d, v[i].outbox_id)))
			continue;
		deliver_alert(d, &v[i].alert, &alerts[k]);
		all[k] = &alerts[k];
		job->ids[k++] = v[i].outbox_id;
		d->inflight[d->ninflight++] = v[i].outbox_id;
		if (job->attempts < v[i].attempts)
			job->attempts = v[i].attempts;
	}
	job->nids = k;
	job->d = d;
	job->outbox_id = v[first].outbox_id;
	snprintf(job->name, sizeof(job->name), "%s", v[first].destination);
	job->channel = config_notify_type_name(dd->cn->type);
	d->busy++;
	if (deliver_start(d, dd, all, k, job, &perm, err, sizeof(err)) == -1)
		/* Nothing was started: record the outcome now. */
		deliver_done(job, perm ? DELIVER_PERMANENT : DELIVER_RETRY, err);
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
			struct deliver_dest *dd;

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

int
deliver_test(struct deliver *d, const char *dest, const struct alert *a,
    deliver_test_fn *done, void *arg, char *err, size_t errlen)
{
	struct deliver_dest *dd;
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
	job->d = d;
	job->test_done = done;
	job->test_arg = arg;
	snprintf(job->name, sizeof(job->name), "%s", dest);
	err[0] = '\0';
	if (deliver_start(d, dd, &a, 1, job, &perm, err, errlen) == -1) {
		free(job);
		return -1;
	}
	d->busy++;
	return 0;
}
