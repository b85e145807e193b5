/*
 * alert_mail — the alert as an RFC 5322 message for curl's SMTP: header
 * fields (RFC 5322 3.3 date, RFC 2047 encoded-words, folding under 78
 * characters), a quoted-printable UTF-8 body (RFC 2045) with CRLF line
 * endings, and a pragmatic check of mailbox addresses (RFC 5321 4.1.2).
 *
 * Header injection: every header value is cleaned (CR, LF and other
 * controls become spaces) before it is folded, and only this module adds
 * line breaks to the header, so text from a feed can never start a field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "alert_int.h"
#include "rightswatch/utf8.h"

#define LINE_MAX_HDR 78   /* recommended header line length, RFC 5322 2.1.1 */
#define QP_LINE_MAX  76   /* RFC 2045 6.7 (5) */
#define EW_CHUNK     42   /* bytes of UTF-8 per encoded-word: "Subject: " + 12 + 56 < 78 */

static void
mail_err(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

static int
addr_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static int
addr_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

int
alert_address_valid(const char *addr)
{
	const char *at, *p, *label;
	size_t n;

	if (addr == NULL || (n = strlen(addr)) == 0 || n > 254 ||
	    (at = strrchr(addr, '@')) == NULL || at == addr || at - addr > 64)
		return 0;
	/* Local part: dot-atom, no leading, trailing or double dot. */
	for (p = addr; p < at; p++) {
		if (*p == '.') {
			if (p == addr || p + 1 == at || p[1] == '.')
				return 0;
		} else if (!addr_atext((unsigned char)*p)) {
			return 0;
		}
	}
	/* Domain: LDH labels of 1..63, not starting or ending with '-'. */
	label = at + 1;
	if (*label == '\0' || strlen(label) > 253)
		return 0;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || p - label > 63 || *label == '-' || p[-1] == '-')
				return 0;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!addr_ldh((unsigned char)*p)) {
			return 0;
		}
	}
	return 1;
}

/* Printable ASCII whose words all fit on a folded line: plain text. */
static int
mail_is_plain(const char *s)
{
	size_t word = 0;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
		word = *s == ' ' ? 0 : word + 1;
		if (word > LINE_MAX_HDR - 20)
			return 0;
	}
	return 1;
}

/* Runs of spaces to one, none at either end (a header needs no more). */
static void
mail_squeeze(struct buf *b)
{
	size_t o = 0;

	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] != ' ' || (o > 0 && b->data[o - 1] != ' '))
			b->data[o++] = b->data[i];
	if (o > 0 && b->data[o - 1] == ' ')
		o--;
	b->len = o;
	if (b->data != NULL)
		b->data[o] = '\0';
}

/* Append base64 of n bytes. */
static int
mail_base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tbl[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	int rc = 0;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		char out[4];

		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		out[0] = tbl[(v >> 18) & 63];
		out[1] = tbl[(v >> 12) & 63];
		out[2] = i + 1 < n ? tbl[(v >> 6) & 63] : '=';
		out[3] = i + 2 < n ? tbl[v & 63] : '=';
		rc |= buf_append(b, out, 4);
	}
	return rc;
}

char *
alert_header_encode(const char *name, const char *value)
{
	struct buf clean = { 0 }, b = { 0 };
	size_t col, i = 0;
	int rc = 0;

	rc |= alert_put_clean(&clean, value);
	rc |= buf_putc(&clean, '\0');
	clean.len--;
	mail_squeeze(&clean);
	rc |= buf_printf(&b, "%s:", name);
	col = b.len;
	if (rc == 0 && mail_is_plain(clean.data)) {
		/* Fold before a word that would pass the limit (RFC 5322 2.2.3). */
		while (i < clean.len) {
			size_t j = i + 1;

			while (j < clean.len && clean.data[j] != ' ')
				j++;
			if (i > 0 && col + (j - i) > LINE_MAX_HDR) {
				rc |= buf_puts(&b, "\r\n");
				col = 0;
			} else if (i == 0) {
				rc |= buf_putc(&b, ' ');
				col++;
			}
			rc |= buf_append(&b, clean.data + i, j - i);
			col += j - i;
			i = j;
		}
	} else {
		/* RFC 2047: whole characters per word; the white space between
		 * adjacent encoded-words is not part of the text. */
		const unsigned char *p = (const unsigned char *)clean.data;

		while (rc == 0 && i < clean.len) {
			size_t j = i;

			while (j < clean.len) {
				size_t l = utf8_len(clean.data + j, clean.len - j);

				if (l == 0)
					l = 1; /* cannot happen after cleaning */
				if (j + l - i > EW_CHUNK)
					break;
				j += l;
			}
			rc |= buf_puts(&b, i == 0 ? " =?UTF-8?B?" : "\r\n =?UTF-8?B?");
			rc |= mail_base64(&b, p + i, j - i);
			rc |= buf_puts(&b, "?=");
			i = j;
		}
	}
	buf_free(&clean);
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

char *
alert_qp_encode(const char *text, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)text;
	struct buf b = { 0 };
	size_t col = 0;
	int rc = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		char tok[3];
		size_t tl;
		int eol = i + 1 == len || p[i + 1] == '\n' || p[i + 1] == '\r';

		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < len && p[i + 1] == '\n')
				i++;
			rc |= buf_puts(&b, "\r\n");
			col = 0;
			continue;
		}
		/* Literal unless it must be encoded: '=', controls, 8-bit bytes,
		 * white space before a line break, and a '.' or "From " opening
		 * a line (no dot-stuffing or mbox quoting needed downstream). */
		if ((c >= 33 && c <= 126 && c != '=' &&
		    !(col == 0 && c == '.') &&
		    !(col == 0 && c == 'F' && len - i >= 5 && memcmp(p + i, "From ", 5) == 0)) ||
		    ((c == ' ' || c == '\t') && !eol)) {
			tok[0] = (char)c;
			tl = 1;
		} else {
			tok[0] = '=', tok[1] = hex[c >> 4], tok[2] = hex[c & 15];
			tl = 3;
		}
		/* Keep room for the soft break '=' on this line. */
		if (col + tl > QP_LINE_MAX - 1 && !(eol && col + tl <= QP_LINE_MAX)) {
			rc |= buf_puts(&b, "=\r\n");
			col = 0;
			if (tl == 1 && (c == '.' || c == 'F')) {
				/* The next line would open with it. */
				tok[0] = '=', tok[1] = hex[c >> 4], tok[2] = hex[c & 15];
				tl = 3;
			}
		}
		rc |= buf_append(&b, tok, tl);
		col += tl;
	}
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	if (b.data == NULL && buf_puts(&b, "") != 0)
		return NULL;
	return buf_detach(&b);
}

/* "Fri, 06 Aug 2021 10:00:00 +0000" (RFC 5322 3.3), always in UTC. */
static int
mail_date(struct buf *b, int64_t t)
{
	static const char *const wd[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;
	struct date_ymd d = date_civil_from_days(days);
	int w = (int)(((days % 7) + 7) % 7);

	return buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d +0000", wd[w], d.d,
	    mon[d.m - 1], d.y, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* Left part of the Message-ID as a dot-atom: other characters become '-'. */
static int
mail_id_left(struct buf *b, const char *s)
{
	size_t start = b->len;
	int rc = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '.') {
			if (b->len > start && b->data[b->len - 1] != '.')
				rc |= buf_putc(b, '.');
		} else {
			int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+';

			rc |= buf_putc(b, ok ? (char)c : '-');
		}
	}
	if (rc == 0 && b->len > start && b->data[b->len - 1] == '.')
		b->data[--b->len] = '\0';
	return rc != 0 ? -1 : b->len > start ? 0 : -1;
}

static int
mail_field(struct buf *b, const char *name, const char *value)
{
	char *f = alert_header_encode(name, value);
	int rc;

	if (f == NULL)
		return -1;
	rc = buf_puts(b, f) | buf_puts(b, "\r\n");
	free(f);
	return rc;
}

/* The message around a subject and a plain-text body (both UTF-8). */
static char *
mail_message(const struct alert_mail *m, const char *subject, const char *text,
    enum rules_severity severity, int is_test, char *err, size_t errlen)
{
	struct buf b = { 0 };
	char *qp = NULL;
	size_t col;
	int rc = 0;

	if (!alert_address_valid(m->from)) {
		mail_err(err, errlen, "invalid from address");
		return NULL;
	}
	if (m->nto == 0) {
		mail_err(err, errlen, "no recipient");
		return NULL;
	}
	for (size_t i = 0; i < m->nto; i++) {
		if (!alert_address_valid(m->to[i])) {
			mail_err(err, errlen, "invalid to address");
			return NULL;
		}
	}
	if ((qp = alert_qp_encode(text, strlen(text))) == NULL)
		goto oom;
	rc |= buf_puts(&b, "Date: ");
	rc |= mail_date(&b, m->date);
	rc |= buf_printf(&b, "\r\nFrom: %s\r\nTo:", m->from);
	col = 3;
	for (size_t i = 0; i < m->nto; i++) {
		size_t l = strlen(m->to[i]) + (i + 1 < m->nto);

		if (i > 0 && col + 1 + l > LINE_MAX_HDR) {
			rc |= buf_puts(&b, "\r\n");
			col = 0;
		}
		rc |= buf_printf(&b, " %s%s", m->to[i], i + 1 < m->nto ? "," : "");
		col += 1 + l;
	}
	rc |= buf_puts(&b, "\r\n");
	rc |= mail_field(&b, "Subject", subject);
	rc |= buf_puts(&b, "Message-ID: <");
	if (m->id_left == NULL || mail_id_left(&b, m->id_left) == -1) {
		mail_err(err, errlen, "empty Message-ID");
		goto fail;
	}
	rc |= buf_printf(&b, "@%s>\r\n", strrchr(m->from, '@') + 1);
	rc |= buf_puts(&b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n"
	    "Auto-Submitted: auto-generated\r\n");
	rc |= buf_printf(&b, "X-Rightswatch-Severity: %s\r\n", rules_severity_name(severity));
	if (is_test)
		rc |= buf_puts(&b, "X-Rightswatch-Test: yes\r\n");
	rc |= buf_puts(&b, "\r\n");
	rc |= buf_puts(&b, qp);
	if (b.len < 2 || memcmp(b.data + b.len - 2, "\r\n", 2) != 0)
		rc |= buf_puts(&b, "\r\n");
	if (rc != 0)
		goto oom;
	free(qp);
	return buf_detach(&b);
oom:
	mail_err(err, errlen, "out of memory");
fail:
	free(qp);
	buf_free(&b);
	return NULL;
}

char *
alert_rfc5322(const struct alert *a, const struct alert_mail *m,
    char *err, size_t errlen)
{
	return alert_rfc5322_digest(&a, 1, m, err, errlen);
}

char *
alert_rfc5322_digest(const struct alert *const *a, size_t n, const struct alert_mail *m,
    char *err, size_t errlen)
{
	struct buf subject = { 0 }, text = { 0 };
	enum rules_severity top = RULES_INFO;
	char *one = NULL, *msg = NULL;
	int rc = 0;

	if (n == 0) {
		mail_err(err, errlen, "no alert");
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i]->severity > top)
			top = a[i]->severity;
	if (n == 1) {
		if ((one = alert_subject(a[0], m->subject_prefix)) == NULL)
			goto oom;
		rc |= buf_puts(&subject, one);
		free(one);
	} else {
		rc |= buf_printf(&subject, "%s %zu alerts, the highest %s",
		    m->subject_prefix != NULL ? m->subject_prefix : "[rightswatch]", n,
		    top == RULES_CRITICAL ? "CRITICAL" : top == RULES_WARNING ? "WARNING" : "INFO");
		rc |= buf_printf(&text, "rightswatch: %zu alerts gathered in one digest\n\n", n);
	}
	for (size_t i = 0; i < n; i++) {
		if ((one = alert_text(a[i])) == NULL)
			goto oom;
		if (i > 0)
			rc |= buf_puts(&text, "\n----------------------------------------\n\n");
		rc |= buf_puts(&text, one);
		free(one);
	}
	if (rc != 0)
		goto oom;
	msg = mail_message(m, subject.data, text.data, top, a[0]->is_test, err, errlen);
	buf_free(&subject);
	buf_free(&text);
	return msg;
oom:
	mail_err(err, errlen, "out of memory");
	buf_free(&subject);
	buf_free(&text);
	return NULL;
}
