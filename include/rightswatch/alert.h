/*
 * alert — what one alert says, formatted for each destination: a plain-text
 * body and a one-line subject (email), a key=value record (syslog), JSON
 * (webhook, exec) and a whole RFC 5322 message (email through curl's SMTP).
 * Pure functions: no I/O, no clock (the message date is passed in).
 *
 * Text that came from a feed (title, URL, sentence, and anything else, to be
 * safe) is cleaned before it reaches any output: invalid UTF-8 becomes
 * U+FFFD, control characters become spaces (or escapes in the syslog
 * record), so CR and LF never reach a mail header or split a log record.
 *
 * Ownership: struct alert borrows every string; each formatter returns a
 * new string (or json_t) that the caller frees (free() / json_decref), or
 * NULL when out of memory.
 */
#ifndef RW_ALERT_H
#define RW_ALERT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "rightswatch/extract.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/rules.h"

/* Longest value in a syslog record, in bytes, before it is cut with "...". */
#define ALERT_SYSLOG_VALUE_MAX 1024

struct store_alert;

struct alert {
	const char *rule;
	const char *fingerprint;      /* or NULL */
	enum rules_severity severity;
	enum rules_compare compare;
	int compare_unknown;          /* an older alert that did not record its comparison */
	double factor;
	const char *country;          /* or NULL */
	const char *indicator;
	int64_t value;
	enum extract_qualifier qualifier;
	int approximate;              /* "approximately crossed" */
	int has_period;
	struct bperiod period;
	int stock;                    /* a stock: period is the day it is as of */
	int has_baseline;             /* 0 for compare = value */
	int64_t baseline_value;
	struct bperiod baseline_period;
	enum rules_origin baseline_origin;
	const char *baseline_source;  /* or NULL */
	double limit;                 /* what the figure had to exceed; NAN unknown */
	double ratio;                 /* 0: undefined */
	int has_previous;             /* an update: what it rose from */
	int64_t previous_value;
	const char *title;            /* the release: title, date (YYYY-MM-DD), URL */
	const char *date;
	const char *url;
	const char *sentence;         /* the evidence */
	int is_test;                  /* rightswatch test-alert */
	int64_t doc_id;               /* the release's number, 0 none */
	/* The dashboard's address as people reach it ([daemon] public_url),
	 * or NULL: then no link to the release's page and the series. */
	const char *public_url;
};

/* An alert is what was decided (alert_record.c). The record of a decision,
 * as the store keeps it: strings borrowed from the decision's inputs. */
void alert_record_from_decision(const struct rules_decision *d, struct store_alert *out);
/* The alert a stored record says, without looking at any configuration:
 * strings borrowed from the record. */
void alert_from_record(const struct store_alert *s, struct alert *out);
/* The same for a decision not stored (through its record). */
void alert_from_decision(const struct rules_decision *d, struct alert *out);

/* The human-readable body: several lines ending in "\n", UTF-8, the
 * evidence quoted and the link given; a test alert says so first. */
char *alert_text(const struct alert *a);
/* One line, e.g. "[rightswatch] CRITICAL Mali abductions 435 (2021-H1) >
 * 2020 total 87 (5.0x)"; prefix NULL means "[rightswatch]". */
char *alert_subject(const struct alert *a, const char *prefix);
/* One syslog record of key="value" pairs: '"' and '\' escaped with '\',
 * control characters and invalid UTF-8 as \n, \r, \t or \xNN. Pass it to
 * syslog(3) as an argument of "%s", never as the format. */
char *alert_syslog(const struct alert *a);
/* LOG_CRIT, LOG_WARNING or LOG_INFO for the severity. */
int alert_syslog_priority(enum rules_severity s);
/* Every field as a JSON object (caller json_decref). */
json_t *alert_json(const struct alert *a);
/* The same, serialised on one line (caller frees). */
char *alert_json_text(const struct alert *a);

/* What an email needs besides the alert. */
struct alert_mail {
	const char *from;             /* a bare address, checked with alert_address_valid */
	const char *const *to;        /* at least one address */
	size_t nto;
	const char *subject_prefix;   /* NULL: "[rightswatch]" */
	int64_t date;                 /* seconds since the epoch: the Date header (UTC) */
	const char *id_left;          /* unique left part of the Message-ID, e.g. "alert-42.email" */
};

/* A whole RFC 5322 message with CRLF line endings: Date, From, To,
 * Subject (RFC 2047 encoded-words when not ASCII), Message-ID (the domain
 * taken from the From address), MIME UTF-8 text in quoted-printable. A
 * line of the body starting with "." is encoded as "=2E", so the message
 * needs no dot-stuffing (curl would do it anyway). Returns the message
 * (caller frees), or NULL with a reason in err (errlen bytes). */
char *alert_rfc5322(const struct alert *a, const struct alert_mail *m,
    char *err, size_t errlen);
/* The same for n alerts in one message (an email digest): the subject
 * counts them and names the highest severity; the body holds each alert's
 * text in turn. n == 1 is alert_rfc5322. */
char *alert_rfc5322_digest(const struct alert *const *a, size_t n,
    const struct alert_mail *m, char *err, size_t errlen);
/* 1 when addr is a plausible RFC 5321 mailbox "local@domain": dot-atom
 * local part (no quotes), at most 64 bytes; domain of letter/digit/hyphen
 * labels; no spaces, controls, angle brackets or commas; at most 254 bytes. */
int alert_address_valid(const char *addr);

/* Quoted-printable (RFC 2045) of text whose line breaks (LF, CRLF or CR)
 * become CRLF; lines at most 76 characters. Caller frees. */
char *alert_qp_encode(const char *text, size_t len);
/* A header value as RFC 2047 "=?UTF-8?B?...?=" words folded under 78
 * characters when it is not printable ASCII, else folded plain text;
 * name is the header's name ("Subject"), the result is the whole field
 * without the final CRLF. Control characters become spaces. Caller frees. */
char *alert_header_encode(const char *name, const char *value);

#endif
