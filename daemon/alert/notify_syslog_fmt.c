/*
 * notify_syslog_fmt — the pure part of the syslog transport (declared in
 * notify_syslog.h): target, facility and severity names, and RFC 5424 lines.
 * No I/O, no clock: the record carries its time.
 *
 * RFC 5424 6: HOSTNAME, APP-NAME, PROCID and MSGID are 1*NN PRINTUSASCII
 * (33..126) or "-"; SD-NAME is PRINTUSASCII except '=', ' ', ']' and '"',
 * at most 32; a PARAM-VALUE escapes '"', '\' and ']' with a backslash.
 * Control characters are legal in PARAM-VALUE and MSG, but a collector
 * would mangle them (and a newline would split a record), so they, the C1
 * and bidirectional controls and the line separators (utf8_is_control),
 * and any invalid UTF-8 byte are written as \xNN, byte by byte.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/notify_syslog.h"
#include "rightswatch/utf8.h"

static void
seterr(char *err, size_t errlen, const char *msg)
{
	if (err && errlen)
		snprintf(err, errlen, "%s", msg);
}

int
notify_syslog_parse_target(const char *s, struct notify_syslog_target *t,
    char *err, size_t errlen)
{
	const char *host, *hend, *port;
	char *end;
	long p;

	memset(t, 0, sizeof(*t));
	if (s == NULL || strcasecmp(s, "local") == 0) {
		t->kind = NOTIFY_SYSLOG_LOCAL;
		return 0;
	}
	if (strncasecmp(s, "udp://", 6) == 0)
		t->kind = NOTIFY_SYSLOG_UDP;
	else if (strncasecmp(s, "tcp://", 6) == 0)
		t->kind = NOTIFY_SYSLOG_TCP;
	else {
		seterr(err, errlen, "target must be local, udp://HOST:PORT or tcp://HOST:PORT");
		return -1;
	}
	host = s + 6;
	if (*host == '[') {
		host++;
		if ((hend = strchr(host, ']')) == NULL || hend[1] != ':') {
			seterr(err, errlen, "unterminated [IPv6] address or no port");
			return -1;
		}
		port = hend + 2;
	} else {
		if ((hend = strrchr(host, ':')) == NULL) {
			seterr(err, errlen, "no port in target");
			return -1;
		}
		port = hend + 1;
	}
	if (hend == host || (size_t)(hend - host) >= sizeof(t->host)) {
		seterr(err, errlen, "empty or over-long host in target");
		return -1;
	}
	for (const char *c = host; c < hend; c++)
		if (!(isalnum((unsigned char)*c) || *c == '.' || *c == '-' || *c == '_' ||
		    (*c == ':' && host[-1] == '['))) {
			seterr(err, errlen, "bad character in target host");
			return -1;
		}
	if (!isdigit((unsigned char)*port) || (p = strtol(port, &end, 10)) < 1 || p > 65535 ||
	    *end != '\0') {
		seterr(err, errlen, "target port must be 1..65535");
		return -1;
	}
	memcpy(t->host, host, (size_t)(hend - host));
	snprintf(t->port, sizeof(t->port), "%ld", p);
	return 0;
}

struct name_num {
	const char *name;
	int num;
};

static int
lookup(const struct name_num *tab, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcasecmp(tab[i].name, name) == 0)
			return tab[i].num;
	return -1;
}

int
notify_syslog_facility(const char *name)
{
	/* RFC 5424 table 1 (numbers as in syslog.h). */
	static const struct name_num tab[] = {
		{ "kern", 0 }, { "user", 1 }, { "mail", 2 }, { "daemon", 3 },
		{ "auth", 4 }, { "syslog", 5 }, { "lpr", 6 }, { "news", 7 },
		{ "uucp", 8 }, { "cron", 9 }, { "authpriv", 10 }, { "ftp", 11 },
		{ "local0", 16 }, { "local1", 17 }, { "local2", 18 }, { "local3", 19 },
		{ "local4", 20 }, { "local5", 21 }, { "local6", 22 }, { "local7", 23 },
	};
	return lookup(tab, sizeof(tab) / sizeof(tab[0]), name);
}

int
notify_syslog_severity(const char *name)
{
	static const struct name_num tab[] = {
		{ "emerg", 0 }, { "panic", 0 }, { "alert", 1 }, { "crit", 2 },
		{ "critical", 2 }, { "err", 3 }, { "error", 3 }, { "warning", 4 },
		{ "warn", 4 }, { "notice", 5 }, { "info", 6 }, { "debug", 7 },
	};
	return lookup(tab, sizeof(tab) / sizeof(tab[0]), name);
}

/* Escape s: control characters and invalid UTF-8 as \xNN; in an SD-PARAM
 * value (sd set) also '"', '\' and ']' with a backslash. */
static int
escape(struct buf *out, const char *s, int sd)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + strlen(s);

	while (p < e) {
		size_t n = utf8_unsafe((const char *)p, (size_t)(e - p));

		/* A control (utf8_is_control: C0, DEL, C1, bidirectional,
		 * separators) or an invalid byte: each of its bytes as \xNN. */
		if (n > 0) {
			for (size_t k = 0; k < n; k++)
				if (buf_printf(out, "\\x%02X", p[k]) == -1)
					return -1;
			p += n;
			continue;
		}
		n = utf8_len((const char *)p, (size_t)(e - p));
		if (sd && (*p == '"' || *p == '\\' || *p == ']') && buf_putc(out, '\\') == -1)
			return -1;
		if (buf_append(out, p, n) == -1)
			return -1;
		p += n;
	}
	return 0;
}

int
notify_syslog_escape_msg(struct buf *out, const char *msg)
{
	return escape(out, msg ? msg : "", 0);
}

int
notify_syslog_format_local(struct buf *out, int facility, const char *ident, long pid,
    const struct notify_syslog_record *r)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	time_t t = r->time != 0 ? (time_t)r->time : time(NULL);
	struct tm tm;

	if (facility < 0 || facility > 23 || r->severity < 0 || r->severity > 7 ||
	    localtime_r(&t, &tm) == NULL)
		return -1;
	/* The month by table: strftime's %b would follow the locale. */
	if (buf_printf(out, "<%d>%.3s %2d %02d:%02d:%02d %s[%ld]: ", facility * 8 + r->severity,
	    months + 3 * tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    ident != NULL ? ident : "rightswatch", pid) == -1)
		return -1;
	return escape(out, r->msg != NULL ? r->msg : "", 0);
}

/* A header field: "-" when empty, else PRINTUSASCII (others to '_'), cut at max. */
static int
header_field(struct buf *out, const char *s, size_t max)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return buf_puts(out, "- ");
	for (i = 0; s[i] && i < max; i++)
		if (buf_putc(out, s[i] >= 33 && s[i] <= 126 ? s[i] : '_') == -1)
			return -1;
	return buf_putc(out, ' ');
}

/* RFC 5424 6.3.3 SD-NAME. */
static int
sd_name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 32)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 33 || s[i] > 126 || s[i] == '=' || s[i] == ']' || s[i] == '"')
			return 0;
	return 1;
}

/* Cut b back to at most len bytes, at a character boundary and never inside
 * a \xNN escape written by escape() (min: never below this offset). */
static void
cut(struct buf *b, size_t len, size_t min)
{
	const unsigned char *d = (const unsigned char *)b->data;

	if (b->len <= len)
		return;
	while (len > min && (d[len] & 0xc0) == 0x80)
		len--;
	for (size_t k = 1; k <= 3 && len >= min + k; k++)
		if (d[len - k] == '\\' && len - k + 1 < b->len && d[len - k + 1] == 'x') {
			len -= k;
			break;
		}
	b->len = len < min ? min : len;
	b->data[b->len] = '\0';
}

int
notify_syslog_format(struct buf *out, int facility, const char *hostname,
    const char *app_name, const char *procid, const struct notify_syslog_record *r,
    size_t max, char *err, size_t errlen)
{
	char ts[40];
	size_t start = out->len, body;

	if (facility < 0 || facility > 23 || r->severity < 0 || r->severity > 7) {
		seterr(err, errlen, "facility or severity out of range");
		return -1;
	}
	if (r->sd_id && !sd_name_ok(r->sd_id)) {
		seterr(err, errlen, "bad SD-ID");
		return -1;
	}
	for (size_t i = 0; r->sd_id && i < r->nparams; i++)
		if (!sd_name_ok(r->params[i].name)) {
			seterr(err, errlen, "bad SD-PARAM name");
			return -1;
		}
	date_format_rfc3339(r->time, ts);
	if (r->usec >= 0 && r->usec <= 999999)
		snprintf(ts + 19, sizeof(ts) - 19, ".%06dZ", r->usec);
	if (buf_printf(out, "<%d>1 %s ", facility * 8 + r->severity, ts) == -1 ||
	    header_field(out, hostname, 255) == -1 || header_field(out, app_name, 48) == -1 ||
	    header_field(out, procid, 128) == -1 || header_field(out, r->msgid, 32) == -1)
		goto oom;
	if (r->sd_id == NULL) {
		if (buf_putc(out, '-') == -1)
			goto oom;
	} else {
		if (buf_printf(out, "[%s", r->sd_id) == -1)
			goto oom;
		for (size_t i = 0; i < r->nparams; i++)
			if (buf_printf(out, " %s=\"", r->params[i].name) == -1 ||
			    escape(out, r->params[i].value ? r->params[i].value : "", 1) == -1 ||
			    buf_putc(out, '"') == -1)
				goto oom;
		if (buf_putc(out, ']') == -1)
			goto oom;
	}
	body = out->len;
	if (r->msg && *r->msg &&
	    (buf_putc(out, ' ') == -1 || escape(out, r->msg, 0) == -1))
		goto oom;
	if (max > 0 && out->len - start > max)
		cut(out, start + max, body);
	return 0;
oom:
	out->len = start;
	if (out->data)
		out->data[start] = '\0';
	seterr(err, errlen, "out of memory");
	return -1;
}
