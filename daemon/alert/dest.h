/*
 * dest — the destinations of alerts behind one interface. Each type of
 * [notify] section is one file filling a struct dest_ops: dest_syslog.c,
 * dest_email.c, dest_webhook.c, dest_exec.c. deliver.c picks the ops by
 * the section's type and only schedules, retries and records; it never
 * knows how an alert travels. Private to the alert family.
 *
 * To add a destination: a value in enum config_notify_type and its keys
 * (config_types.h, config_sections.c), a dest_NAME.c with its ops, and
 * its row in deliver.c's table.
 */
#ifndef RW_DEST_H
#define RW_DEST_H

#include <stddef.h>
#include <stdint.h>

struct alert;
struct config_notify;
struct event_base;
struct http;
struct http_response;

/* How one send ended. */
enum dest_outcome {
	DEST_OK = 0,     /* delivered */
	DEST_RETRY,      /* try again later */
	DEST_PERMANENT,  /* will not succeed as configured: give up */
	DEST_CANCELLED   /* abandoned (shutdown): the row stays as it was */
};

/* The sender's side of one send: done runs once for a send that started,
 * on the loop, never from inside deliver. The sender embeds the struct
 * (as its first member) and finds itself from the pointer. */
struct dest_call {
	void (*done)(struct dest_call *call, enum dest_outcome oc, const char *msg);
};

/* What every destination may use; borrowed from deliver. */
struct dest_env {
	struct event_base *base;
	struct http *http;   /* for email and webhook */
};

/* One message: one alert, or several for a destination that gathers
 * them (an email digest). */
struct dest_msg {
	const struct alert *const *alerts;
	size_t nalerts;
	/* The delivery's id: "INSTANCE-OUTBOXID" (the database's instance
	 * id, the first row's outbox id), the same for every attempt and
	 * unique across databases; "test-RANDOM" for a test alert. Every
	 * destination hands it on: Message-ID, Idempotency-Key,
	 * RW_DELIVERY_ID, the syslog record's delivery_id. */
	const char *id;
};

struct dest {
	const struct dest_ops *ops;
	const struct config_notify *cn; /* borrowed from the configuration */
	const struct dest_env *env;     /* borrowed from deliver */
	int digest;                     /* gathers the due alerts into one message */
	void *priv;                     /* the transport: the ops' own */
};

struct dest_ops {
	const char *type; /* "syslog", "email" ... as config_notify_type_name */
	/* Set up the transport for ds->cn (ops, cn and env are set). 0, or -1
	 * with why (nothing to cancel then). */
	int (*start)(struct dest *ds, char *why, size_t whylen);
	/* Send m; call->done runs later. 0, or -1 when nothing was started,
	 * with err and *perm set when retrying cannot help. */
	int (*deliver)(struct dest *ds, const struct dest_msg *m, struct dest_call *call,
	    int *perm, char *err, size_t errlen);
	/* End what is in flight (each started send's done runs, from inside
	 * this call) and release the transport. Email and webhook sends are
	 * the http client's transfers: they end when it is freed. */
	void (*cancel)(struct dest *ds);
	/* One line saying where alerts go, e.g. "POST to https://...". */
	void (*describe)(const struct dest *ds, char *out, size_t outlen);
};

extern const struct dest_ops dest_syslog_ops;
extern const struct dest_ops dest_email_ops;
extern const struct dest_ops dest_webhook_ops;
extern const struct dest_ops dest_exec_ops;

/* The cancel of email and webhook: their transfers are the http
 * client's, cancelled when it is freed (dest.c). */
void dest_http_cancel(struct dest *ds);
/* The first alert of m as JSON (malloc'd), or NULL with err (dest.c). */
char *dest_json(const struct dest_msg *m, char *err, size_t errlen);
/* An HTTP or SMTP transfer's end, judged by http_smtp_outcome (smtp) or
 * http_post_outcome, reported to call (dest.c). */
void dest_http_done(struct dest_call *call, const struct http_response *res, int smtp);

#endif
