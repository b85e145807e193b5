/*
 * dest_email — alerts as mail (RFC 5322, alert_mail.c) sent over SMTP by
 * the http module's curl transfers; a digest destination gathers the
 * alerts due together into one message. The password, when there is one,
 * is read from its file at each send (secret.c) and wiped after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "rightswatch/alert.h"
#include "rightswatch/config_types.h"
#include "rightswatch/dest_email.h"
#include "rightswatch/http.h"
#include "rightswatch/secret.h"
#include "rightswatch/url.h"
#include "rightswatch/url_policy.h"
#include "dest.h"

/* starttls = try gives up TLS whenever the server offers no STARTTLS, or a
 * man in the middle strips the offer; never, always. To a loopback address
 * the password never leaves the machine (a local relay). */
int
dest_email_plain_password(const struct config_notify *n, char *why, size_t whylen)
{
	char scheme[16], host[256];
	int port;

	if (n->type != CONFIG_NOTIFY_EMAIL || n->password_file == NULL || n->url == NULL ||
	    strncasecmp(n->url, "smtp://", 7) != 0 || n->starttls == CONFIG_STARTTLS_REQUIRED ||
	    (url_split(n->url, scheme, sizeof(scheme), host, sizeof(host), &port) == 0 &&
	    url_policy_loopback(host)))
		return 0;
	snprintf(why, whylen, "starttls = %s with a password over smtp://: the password would "
	    "cross in plain text whenever the server offers no STARTTLS (or a man in the middle "
	    "removes it); use starttls = required, or smtps://",
	    config_starttls_names[n->starttls]);
	return 1;
}

static int
dest_email_start(struct dest *ds, char *why, size_t whylen)
{
	if (dest_email_plain_password(ds->cn, why, whylen))
		return -1;
	ds->digest = ds->cn->digest > 0;
	return 0;
}

static void
dest_email_cb(struct http_response *res, void *arg)
{
	dest_http_done(arg, res, 1);
}

/* The message for m, or NULL (a reason in err: it cannot be built as
 * configured). */
static char *
dest_email_message(const struct dest *ds, const struct dest_msg *m, char *err, size_t errlen)
{
	const struct config_notify *cn = ds->cn;
	struct alert_mail mail;
	char idl[200];

	memset(&mail, 0, sizeof(mail));
	mail.from = cn->from;
	mail.to = (const char *const *)cn->to.v;
	mail.nto = cn->to.n;
	mail.subject_prefix = cn->subject_prefix;
	mail.date = (int64_t)time(NULL);
	/* One Message-ID for every attempt: a retry after a dropped connection
	 * is the same message to the receiver, not a new one. */
	snprintf(idl, sizeof(idl), "alert-%s.%s", m->id, cn->name);
	mail.id_left = idl;
	return alert_rfc5322_digest(m->alerts, m->nalerts, &mail, err, errlen);
}

static int
dest_email_deliver(struct dest *ds, const struct dest_msg *m, struct dest_call *call,
    int *perm, char *err, size_t errlen)
{
	const struct config_notify *cn = ds->cn;
	static const enum http_starttls starttls[] = {
		[CONFIG_STARTTLS_REQUIRED] = HTTP_STARTTLS_REQUIRED,
		[CONFIG_STARTTLS_TRY] = HTTP_STARTTLS_TRY,
		[CONFIG_STARTTLS_NEVER] = HTTP_STARTTLS_NEVER,
	};
	struct http_smtp_request req;
	char *payload, *password = NULL;
	const char **rcpt;
	int rc = -1;

	*perm = 0;
	if ((payload = dest_email_message(ds, m, err, errlen)) == NULL) {
		*perm = 1;
		return -1;
	}
	if (cn->password_file != NULL &&
	    (password = secret_read(cn->password_file, err, errlen)) == NULL) {
		free(payload);
		return -1;
	}
	/* The envelope's recipients, NULL-terminated. */
	if ((rcpt = calloc(cn->to.n + 1, sizeof(*rcpt))) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(password);
		free(payload);
		return -1;
	}
	for (size_t i = 0; i < cn->to.n; i++)
		rcpt[i] = cn->to.v[i];
	memset(&req, 0, sizeof(req));
	req.url = cn->url;
	req.starttls = (unsigned)cn->starttls < sizeof(starttls) / sizeof(starttls[0]) ?
	    starttls[cn->starttls] : HTTP_STARTTLS_REQUIRED;
	req.username = cn->username;
	req.password = password;
	req.mail_from = cn->from;
	req.rcpt = rcpt;
	req.msg = payload;
	req.len = strlen(payload);
	req.timeout = cn->timeout;
	if ((rc = http_smtp_send(ds->env->http, &req, dest_email_cb, call)) == -1)
		snprintf(err, errlen, "email: could not start the transfer");
	if (password != NULL) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	free(rcpt);
	free(payload);
	return rc;
}

static void
dest_email_describe(const struct dest *ds, char *out, size_t outlen)
{
	const struct config_notify *cn = ds->cn;
	size_t len;

	snprintf(out, outlen, "mail%s to ", ds->digest ? " digest" : "");
	for (size_t i = 0; i < cn->to.n && (len = strlen(out)) < outlen; i++)
		snprintf(out + len, outlen - len, "%s%s", i > 0 ? ", " : "", cn->to.v[i]);
	if ((len = strlen(out)) < outlen)
		snprintf(out + len, outlen - len, " through %s", cn->url);
}

const struct dest_ops dest_email_ops = {
	"email", dest_email_start, dest_email_deliver, dest_http_cancel, dest_email_describe,
};
