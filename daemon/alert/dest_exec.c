/*
 * dest_exec — alerts as JSON on a command's standard input, run without a
 * shell by notify_exec.c (each destination has its own runner, so that
 * cancelling one ends its commands only), with a minimal environment: PATH,
 * LANG and the alert's RW_* variables; exit status 0 delivers, anything
 * else is retried; the start of its output goes with the outcome into the
 * log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "rightswatch/config_types.h"
#include "rightswatch/notify_exec.h"
#include "rightswatch/rules.h"
#include "dest.h"

struct dest_exec {
	char **argv;              /* split from the command */
	struct notify_exec *run;
};

static int
dest_exec_start(struct dest *ds, char *why, size_t whylen)
{
	struct dest_exec *x;
	char reason[256];

	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (notify_exec_split(ds->cn->command, &x->argv, reason, sizeof(reason)) == -1) {
		snprintf(why, whylen, "command: %s", reason);
		free(x);
		return -1;
	}
	if ((x->run = notify_exec_new(ds->env->base)) == NULL) {
		snprintf(why, whylen, "out of memory");
		notify_exec_argv_free(x->argv);
		free(x);
		return -1;
	}
	ds->priv = x;
	return 0;
}

static void
dest_exec_cb(const struct notify_exec_result *r, void *arg)
{
	struct dest_call *call = arg;
	char msg[600];

	if (r->cancelled) {
		call->done(call, DEST_CANCELLED, "cancelled");
		return;
	}
	/* Raw, cut: whoever logs or stores the message escapes it. */
	snprintf(msg, sizeof(msg), "%s%s%.*s", r->ok ? "exit 0" : r->errmsg,
	    r->outlen > 0 ? ": " : "", (int)(r->outlen < 300 ? r->outlen : 300),
	    r->output != NULL ? r->output : "");
	call->done(call, r->ok ? DEST_OK : DEST_RETRY, msg);
}

/* The variables the command gets besides PATH and LANG. */
#define DEST_EXEC_NVARS 10

static void
dest_exec_vars_free(char **v)
{
	for (size_t i = 0; i < DEST_EXEC_NVARS; i++)
		free(v[i]);
}

/* The alert's RW_* variables into v[0..DEST_EXEC_NVARS) (NULL-terminated
 * after them). 0, or -1 when out of memory. */
static int
dest_exec_vars(const struct dest *ds, const struct dest_msg *m, char **v)
{
	const struct alert *a = m->alerts[0];
	int rc = 0;

	memset(v, 0, (DEST_EXEC_NVARS + 1) * sizeof(*v));
	rc |= asprintf(&v[0], "RW_DESTINATION=%s", ds->cn->name) == -1;
	rc |= asprintf(&v[1], "RW_RULE=%s", a->rule != NULL ? a->rule : "") == -1;
	rc |= asprintf(&v[2], "RW_SEVERITY=%s", rules_severity_name(a->severity)) == -1;
	rc |= asprintf(&v[3], "RW_INDICATOR=%s", a->indicator != NULL ? a->indicator : "") == -1;
	rc |= asprintf(&v[4], "RW_COUNTRY=%s", a->country != NULL ? a->country : "") == -1;
	rc |= asprintf(&v[5], "RW_VALUE=%lld", (long long)a->value) == -1;
	rc |= asprintf(&v[6], "RW_URL=%s", a->url != NULL ? a->url : "") == -1;
	rc |= asprintf(&v[7], "RW_TEST=%d", a->is_test ? 1 : 0) == -1;
	rc |= asprintf(&v[8], "RW_ALERTS=%zu", m->nalerts) == -1;
	rc |= asprintf(&v[9], "RW_DELIVERY_ID=%s", m->id) == -1;
	if (rc) {
		/* asprintf leaves a failed pointer undefined */
		for (size_t i = 0; i < DEST_EXEC_NVARS; i++)
			v[i] = NULL;
		return -1;
	}
	return 0;
}

static int
dest_exec_deliver(struct dest *ds, const struct dest_msg *m, struct dest_call *call,
    int *perm, char *err, size_t errlen)
{
	struct dest_exec *x = ds->priv;
	struct notify_exec_request req;
	char *payload, *vars[DEST_EXEC_NVARS + 1];
	int rc;

	*perm = 0;
	if ((payload = dest_json(m, err, errlen)) == NULL)
		return -1;
	if (dest_exec_vars(ds, m, vars) == -1) {
		snprintf(err, errlen, "out of memory");
		free(payload);
		return -1;
	}
	memset(&req, 0, sizeof(req));
	req.argv = (const char *const *)x->argv;
	req.payload = payload;
	req.len = strlen(payload);
	req.timeout = ds->cn->timeout;
	req.env = (const char *const *)vars;
	if ((rc = notify_exec_run(x->run, &req, dest_exec_cb, call)) == -1)
		snprintf(err, errlen, "exec: could not start the command");
	dest_exec_vars_free(vars);
	free(payload);
	return rc;
}

static void
dest_exec_cancel(struct dest *ds)
{
	struct dest_exec *x = ds->priv;

	if (x == NULL)
		return;
	/* Kills and reaps what runs: each reports itself cancelled. */
	notify_exec_free(x->run);
	notify_exec_argv_free(x->argv);
	free(x);
	ds->priv = NULL;
}

static void
dest_exec_describe(const struct dest *ds, char *out, size_t outlen)
{
	snprintf(out, outlen, "JSON to the command %s", ds->cn->command);
}

const struct dest_ops dest_exec_ops = {
	"exec", dest_exec_start, dest_exec_deliver, dest_exec_cancel, dest_exec_describe,
};
