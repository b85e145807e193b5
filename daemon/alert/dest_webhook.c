/*
 * dest_webhook — alerts as JSON (alert_json_text) POSTed by the http
 * module, with the delivery's id as Idempotency-Key and the configured
 * extra header; 2xx delivers, 4xx but 429 fails for good, the rest is
 * retried (http_post_outcome).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "rightswatch/config_types.h"
#include "rightswatch/http.h"
#include "dest.h"

static int
dest_webhook_start(struct dest *ds, char *why, size_t whylen)
{
	(void)ds, (void)why, (void)whylen;
	return 0;
}

static void
dest_webhook_cb(struct http_response *res, void *arg)
{
	dest_http_done(arg, res, 0);
}

static int
dest_webhook_deliver(struct dest *ds, const struct dest_msg *m, struct dest_call *call,
    int *perm, char *err, size_t errlen)
{
	const struct config_notify *cn = ds->cn;
	const char *headers[3] = { NULL, NULL, NULL };
	struct http_post_request req;
	char *payload, idem[128];
	int rc;

	*perm = 0;
	/* The same key on every attempt (RFC draft "The Idempotency-Key HTTP
	 * Header Field"): a receiver that took it once can drop a retry. */
	snprintf(idem, sizeof(idem), "Idempotency-Key: %s", m->id);
	headers[0] = idem;
	headers[1] = cn->header;
	if ((payload = dest_json(m, err, errlen)) == NULL)
		return -1;
	memset(&req, 0, sizeof(req));
	req.url = cn->url;
	req.body = payload;
	req.len = strlen(payload);
	req.content_type = "application/json";
	req.headers = headers;
	req.timeout = cn->timeout;
	if ((rc = http_post(ds->env->http, &req, dest_webhook_cb, call)) == -1)
		snprintf(err, errlen, "webhook: could not start the transfer");
	free(payload);
	return rc;
}

static void
dest_webhook_describe(const struct dest *ds, char *out, size_t outlen)
{
	snprintf(out, outlen, "JSON POSTed to %s", ds->cn->url);
}

const struct dest_ops dest_webhook_ops = {
	"webhook", dest_webhook_start, dest_webhook_deliver, dest_http_cancel,
	dest_webhook_describe,
};
