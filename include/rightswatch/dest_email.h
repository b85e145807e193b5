/*
 * dest_email — the rule a mail destination's settings must meet before a
 * password may travel with them, in one place: the destination refuses to
 * start against it (so test-alert never sends such a password either), and
 * `check` (config_verify) reports it at the line of starttls beforehand.
 */
#ifndef RW_DEST_EMAIL_H
#define RW_DEST_EMAIL_H

#include <stddef.h>

struct config_notify;

/* Would n's password cross in plain text: a password over smtp:// with
 * starttls = try or never, to a server that is not on a loopback address?
 * 1 with the reason in why (whylen bytes), else 0. */
int dest_email_plain_password(const struct config_notify *n, char *why, size_t whylen);

#endif
