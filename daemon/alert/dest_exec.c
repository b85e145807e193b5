/*
 * dest_exec — alerts as JSON on a command's standard input, run without a
 * shell by notify_exec.c (each destination has its own runner, so that
 * cancelling one ends its commands only); exit status 0 delivers, anything
 * else is retried, with the start of its stderr as the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "rightswatch/config_types.h"
#include "rightswatch/escape.h"
#include "rightswatch/notify_exec.h"
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
	char msg[600], esc[300];

	if (r->cancelled) {
		call->done(call, DEST_CANCELLED, "cancelled");
		return;
	}
	escape_log(esc, sizeof(esc), r->err != NULL ? r->err : "", r->errlen);
	snprintf(msg, sizeof(msg), "%s%s%s", r->ok ? "exit 0" : r->errmsg,
	    r->errlen > 0 ? ": " : "", esc);
	call->done(call, r->ok ? DEST_OK : DEST_RETRY, msg);
}

static int
dest_exec_deliver(struct dest *ds, const struct dest_msg *m, struct dest_call *call,
    int *perm, char *err, size_t errlen)
{
	struct dest_exec *x = ds->priv;
	struct notify_exec_request req;
	char *payload;
	int rc;

	*perm = 0;
	if ((payload = dest_json(m, err, errlen)) == NULL)
		return -1;
	memset(&req, 0, sizeof(req));
	req.argv = (const char *const *)x->argv;
	req.payload = payload;
	req.len = strlen(payload);
	req.timeout = ds->cn->timeout;
	if ((rc = notify_exec_run(x->run, &req, dest_exec_cb, call)) == -1)
		snprintf(err, errlen, "exec: could not start the command");
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
