/*
 * dest — what the destinations share (dest.h): the end of an HTTP or SMTP
 * transfer as an outcome and the cancel of a destination whose transfers
 * are the http client's (email and webhook); an alert as JSON (webhook
 * and exec).
 */
#include <stdio.h>

#include "rightswatch/alert.h"
#include "rightswatch/http.h"
#include "dest.h"

void
dest_http_cancel(struct dest *ds)
{
	(void)ds; /* the http client cancels its transfers when it is freed */
}

char *
dest_json(const struct dest_msg *m, char *err, size_t errlen)
{
	char *text = alert_json_text(m->alerts[0]);

	if (text == NULL)
		snprintf(err, errlen, "out of memory");
	return text;
}

void
dest_http_done(struct dest_call *call, const struct http_response *res, int smtp)
{
	enum http_outcome oc;
	char msg[320];

	if (res->error == HTTP_ERR_CANCELLED) {
		call->done(call, DEST_CANCELLED, "cancelled");
		return;
	}
	oc = smtp ? http_smtp_outcome(res->status, res->error) :
	    http_post_outcome(res->status, res->error);
	if (res->error != HTTP_OK)
		snprintf(msg, sizeof(msg), "%s (reply %ld)", res->errmsg, res->status);
	else
		snprintf(msg, sizeof(msg), "reply %ld", res->status);
	call->done(call, oc == HTTP_OUTCOME_SUCCESS ? DEST_OK : oc == HTTP_OUTCOME_RETRY ?
	    DEST_RETRY : DEST_PERMANENT, msg);
}
