/*
 * notify_syslog — the syslog transport of the notifiers. It takes records
 * whose text is already formatted (key=value pairs) and delivers them:
 *
 *   target = local          a datagram to /dev/log (journald or rsyslog), in
 *                           the form syslog(3) writes, on our own socket
 *   target = udp://HOST:PORT  one RFC 5424 datagram per record (RFC 5426)
 *   target = tcp://HOST:PORT  RFC 5424 with octet-counted framing (RFC 6587
 *                           3.4.1: "LEN SP MSG") on a non-blocking connection
 *                           made on the first send and again after a failure
 *
 * Everything runs on the daemon's event_base and never blocks it (names are
 * resolved with evdns; syslog(3) writes one datagram to /dev/log). Each send
 * reports once, on the loop, through its callback: success when the record
 * was handed to syslog(3), when sendto succeeded (UDP), or when its last
 * byte was written to the socket (TCP).
 *
 * The pure part (notify_syslog_fmt.c) parses targets, facility and severity
 * names, and formats RFC 5424 lines: header fields are forced to PRINTUSASCII,
 * SD-PARAM values are escaped (\" \\ \]), and no control character or invalid
 * UTF-8 byte of MSG or of a parameter reaches the wire raw (each becomes
 * \xNN); MSG may hold UTF-8. Feed text never reaches a format string.
 */
#ifndef RW_NOTIFY_SYSLOG_H
#define RW_NOTIFY_SYSLOG_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct event_base;
struct notify_syslog;

#define NOTIFY_SYSLOG_UDP_MAX   8192  /* bytes: longer datagrams have MSG cut */
#define NOTIFY_SYSLOG_TIMEOUT   10    /* seconds: TCP connect and write stall */
#define NOTIFY_SYSLOG_DEVLOG    "/dev/log"

enum notify_syslog_kind {
	NOTIFY_SYSLOG_LOCAL = 0,
	NOTIFY_SYSLOG_UDP,
	NOTIFY_SYSLOG_TCP
};

struct notify_syslog_target {
	enum notify_syslog_kind kind;
	char host[256];   /* without brackets for an IPv6 literal; empty for local */
	char port[8];
};

struct notify_syslog_param {
	const char *name;   /* PARAM-NAME: printable ASCII but = ] " and space, 1..32 */
	const char *value;  /* UTF-8; escaped here */
};

/* One record. Strings are borrowed for the duration of the call. */
struct notify_syslog_record {
	int severity;           /* 0 (emerg) .. 7 (debug) */
	int64_t time;           /* seconds UTC; 0 in notify_syslog_send: now */
	int usec;               /* 0..999999, or -1 for no fraction */
	const char *msgid;      /* MSGID (cut at 32, non-printable to '_'), or NULL: "-" */
	const char *sd_id;      /* SD-ID of the one element, or NULL: no structured data */
	const struct notify_syslog_param *params;
	size_t nparams;
	const char *msg;        /* the text; NULL or empty: no MSG */
};

/* ---- pure ----------------------------------------------------------------- */

/* Parse "local", "udp://HOST:PORT" or "tcp://HOST:PORT" (HOST may be an
 * [IPv6] literal; PORT 1..65535). 0, or -1 with a reason in err. */
int notify_syslog_parse_target(const char *s, struct notify_syslog_target *t,
    char *err, size_t errlen);
/* Facility number (0..23) of a name ("kern", "user", "mail", "daemon", "auth",
 * "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "local0".."local7");
 * -1 when unknown. Case-insensitive. */
int notify_syslog_facility(const char *name);
/* Severity number (0..7) of a syslog name ("emerg", "alert", "crit", "err",
 * "warning", "notice", "info", "debug", and "critical", "error", "warn",
 * "panic"); -1 when unknown. Case-insensitive. */
int notify_syslog_severity(const char *name);
/* Append to out the text of msg with every control character (C0, DEL, C1)
 * and every byte of invalid UTF-8 written as \xNN; other bytes unchanged.
 * 0, or -1 on out of memory. */
int notify_syslog_escape_msg(struct buf *out, const char *msg);
/* Append one RFC 5424 line for r (no framing, no trailing newline):
 * "<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]". hostname,
 * app_name and procid may be NULL ("-"). When max > 0 the line is cut to at
 * most max bytes by shortening MSG at a character boundary. 0, or -1 with a
 * reason in err (bad facility/severity/SD name, or out of memory). */
int notify_syslog_format(struct buf *out, int facility, const char *hostname,
    const char *app_name, const char *procid, const struct notify_syslog_record *r,
    size_t max, char *err, size_t errlen);

/* Append the datagram of r for /dev/log, as syslog(3) writes it (RFC 3164
 * with the local time): "<PRI>Mmm dd hh:mm:ss IDENT[PID]: MSG", MSG
 * escaped as notify_syslog_escape_msg does. r->time 0 is now. 0, or -1 on
 * out of memory or a facility or severity out of range. */
int notify_syslog_format_local(struct buf *out, int facility, const char *ident, long pid,
    const struct notify_syslog_record *r);

/* ---- the transport -------------------------------------------------------- */

struct notify_syslog_options {
	const char *target;    /* as for notify_syslog_parse_target; NULL: local */
	const char *ident;     /* APP-NAME / openlog ident; NULL: "rightswatch" (copied) */
	int facility;          /* 0..23 (see notify_syslog_facility) */
	const char *hostname;  /* HOSTNAME field; NULL: gethostname() (copied) */
	int64_t timeout;       /* seconds for a TCP connect or a stalled write; 0: default */
};

/* Called once per send, on the loop. ok is 1 on success; otherwise errmsg
 * says why (valid during the call only). */
typedef void notify_syslog_done_fn(int ok, const char *errmsg, void *arg);

/* A transport on base. NULL with a reason in err (bad target, out of memory). */
struct notify_syslog *notify_syslog_new(struct event_base *base,
    const struct notify_syslog_options *o, char *err, size_t errlen);
/* Queue one record; done runs later on the loop (never from inside this
 * call). -1 when it could not be accepted (bad record, out of memory,
 * notify_syslog_free under way): then nothing will be called. */
int notify_syslog_send(struct notify_syslog *s, const struct notify_syslog_record *r,
    notify_syslog_done_fn *done, void *arg);
/* Records accepted and not yet reported. */
size_t notify_syslog_pending(const struct notify_syslog *s);
/* Fail every pending record (callbacks run from inside this call with ok = 0,
 * "cancelled") and free. NULL is allowed; may be called from a callback. */
void notify_syslog_free(struct notify_syslog *s);

#endif
