/*
 * dest_syslog — alerts as syslog records (RFC 5424 with structured data,
 * or the local socket's format), through notify_syslog.c's transport: the
 * local socket, UDP or TCP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/config_types.h"
#include "rightswatch/notify_syslog.h"
#include "rightswatch/rules.h"
#include "dest.h"

/* The structured-data ID of our syslog records: an example enterprise
 * number (RFC 5612 reserves 32473 for documentation). */
#define DEST_SYSLOG_SD_ID "rightswatch@32473"
#define DEST_SYSLOG_FACILITY 3 /* daemon, when the name is not known */

static int
dest_syslog_start(struct dest *ds, char *why, size_t whylen)
{
	const struct config_notify *cn = ds->cn;
	struct notify_syslog_options o;
	int fac = notify_syslog_facility(cn->facility != NULL ? cn->facility : "daemon");

	memset(&o, 0, sizeof(o));
	o.target = cn->target;
	o.ident = cn->ident;
	o.facility = fac >= 0 ? fac : DEST_SYSLOG_FACILITY;
	o.timeout = cn->timeout;
	ds->priv = notify_syslog_new(ds->env->base, &o, why, whylen);
	return ds->priv != NULL ? 0 : -1;
}

static void
dest_syslog_cb(int ok, const char *errmsg, void *arg)
{
	struct dest_call *call = arg;

	/* A record the transport could not send (cancelled too) is retried. */
	call->done(call, ok ? DEST_OK : DEST_RETRY, ok ? "sent" : errmsg);
}

static int
dest_syslog_deliver(struct dest *ds, const struct dest_msg *m, struct dest_call *call,
    int *perm, char *err, size_t errlen)
{
	const struct alert *a = m->alerts[0];
	struct notify_syslog_param params[7];
	struct notify_syslog_record r;
	char value[32], period[BPERIOD_FMT_MAX] = "", *text, *line = NULL;
	int rc;

	*perm = 0;
	/* The delivery's id closes the text too: a local record has no
	 * structured data. */
	if ((text = alert_syslog(a)) == NULL ||
	    asprintf(&line, "%s delivery_id=\"%s\"", text, m->id) == -1) {
		free(text);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(value, sizeof(value), "%lld", (long long)a->value);
	if (a->has_period)
		bperiod_format(&a->period, period);
	params[0] = (struct notify_syslog_param){ "rule", a->rule };
	params[1] = (struct notify_syslog_param){ "severity", rules_severity_name(a->severity) };
	params[2] = (struct notify_syslog_param){ "country", a->country != NULL ? a->country : "" };
	params[3] = (struct notify_syslog_param){ "indicator", a->indicator };
	params[4] = (struct notify_syslog_param){ "value", value };
	params[5] = (struct notify_syslog_param){ "period", period };
	params[6] = (struct notify_syslog_param){ "delivery_id", m->id };
	memset(&r, 0, sizeof(r));
	r.severity = alert_syslog_priority(a->severity);
	r.usec = -1;
	r.msgid = a->is_test ? "test-alert" : "alert";
	r.sd_id = DEST_SYSLOG_SD_ID;
	r.params = params;
	r.nparams = 7;
	r.msg = line;
	if ((rc = notify_syslog_send(ds->priv, &r, dest_syslog_cb, call)) == -1)
		snprintf(err, errlen, "syslog: could not queue the record");
	free(line);
	free(text);
	return rc;
}

static void
dest_syslog_cancel(struct dest *ds)
{
	notify_syslog_free(ds->priv);
	ds->priv = NULL;
}

static void
dest_syslog_describe(const struct dest *ds, char *out, size_t outlen)
{
	const struct config_notify *cn = ds->cn;

	snprintf(out, outlen, "syslog, facility %s, to %s, as %s",
	    cn->facility != NULL ? cn->facility : "daemon",
	    cn->target != NULL ? cn->target : "local",
	    cn->ident != NULL ? cn->ident : "rightswatch");
}

const struct dest_ops dest_syslog_ops = {
	"syslog", dest_syslog_start, dest_syslog_deliver, dest_syslog_cancel,
	dest_syslog_describe,
};
