/*
 * config_ini — INI lines to events, through libinih's ini_parse_stream.
 *
 * libinih as Debian builds it (version 55) gives the handler no line number,
 * cuts every line at 200 bytes without saying so, truncates section names at
 * 50 bytes and never reports a section without keys. So the reader function
 * given to ini_parse_stream owns the lines:
 *
 *  - it counts physical lines, rejects one longer than CONFIG_MAX_LINE or
 *    holding a NUL byte, and reports "FILE:LINE" for each problem;
 *  - it recognises comments (";" or "#" first, or " ;" inside a line) and
 *    section headers itself, so an empty section and a long section name
 *    are seen (inih never sees a header);
 *  - it joins a value's continuation lines (lines that start with blanks
 *    right after a key line) with one space;
 *  - it hands inih each key line as "key=value", and a value too long for
 *    inih's buffer as a first line plus indented pieces, which inih's
 *    multi-line support passes to the handler one by one. Pieces are cut
 *    between two non-blank bytes, so inih's trimming removes nothing, and
 *    the handler concatenates them and delivers the key when the last one
 *    arrives. inih thus never truncates silently.
 *
 * The handler learns the line of what it receives from the reader's state:
 * inih calls it for a line before it asks the reader for the next one.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "config_ini.h"

struct ini_reader {
	const char *text;
	size_t len;
	size_t pos;       /* start of the next physical line */
	int lineno;       /* physical lines consumed */
	const struct config_ini_ops *ops;
	void *arg;
	int oom;

	/* the key line being handed to inih */
	char key[CONFIG_INI_MAX_KEY + 1];
	int key_line;
	struct buf value;  /* the joined value */
	size_t sent;       /* bytes of value handed to inih so far */
	int piece;         /* index of the piece just handed to inih, -1 before */
	int last;          /* that piece was the last one */
	struct buf got;    /* the value as inih gave it back, piece by piece */
};

static void
ini_error(struct ini_reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
ini_error(struct ini_reader *r, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->ops->error(r->arg, line, msg);
}

/* Next physical line without its end of line; 0 at end of text. */
static int
ini_next(struct ini_reader *r, const char **s, size_t *n)
{
	const char *p, *nl;
	size_t rest;

	if (r->pos >= r->len)
		return 0;
	p = r->text + r->pos;
	rest = r->len - r->pos;
	nl = memchr(p, '\n', rest);
	*s = p;
	*n = nl != NULL ? (size_t)(nl - p) : rest;
	r->pos += *n + (nl != NULL);
	if (*n > 0 && p[*n - 1] == '\r')
		(*n)--;
	r->lineno++;
	return 1;
}

/* Does the next physical line continue the current value? It does when it
 * starts with a blank and holds something other than a comment. */
static int
ini_peek_continuation(const struct ini_reader *r)
{
	const char *p = r->text + r->pos, *end = r->text + r->len;

	if (p >= end || (*p != ' ' && *p != '\t'))
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p < end && *p != '\n' && *p != '\r' && *p != ';' && *p != '#';
}

/* Trim blanks and cut an inline comment (";" after a blank, as inih does). */
static void
ini_clean(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;

	for (size_t i = 1; i < len; i++)
		if (p[i] == ';' && isspace((unsigned char)p[i - 1])) {
			len = i;
			break;
		}
	while (len > 0 && isspace((unsigned char)*p)) {
		p++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

/* A physical line inih must never see: too long, or with a NUL byte. */
static int
ini_bad_line(struct ini_reader *r, const char *s, size_t n)
{
	if (n > CONFIG_MAX_LINE) {
		ini_error(r, r->lineno, "line too long (%zu bytes, at most %d)",
		    n, CONFIG_MAX_LINE);
		return 1;
	}
	if (memchr(s, '\0', n) != NULL) {
		ini_error(r, r->lineno, "NUL byte in line");
		return 1;
	}
	return 0;
}

/* Skip the continuation lines of a line already rejected. */
static void
ini_skip_continuations(struct ini_reader *r)
{
	const char *s;
	size_t n;

	while (ini_peek_continuation(r) && ini_next(r, &s, &n))
		(void)ini_bad_line(r, s, n);
}

/* Read one key line and its continuations into r. 1: ready to hand to
 * inih; 0: rejected (reported). */
static int
ini_gather(struct ini_reader *r, const char *s, size_t n)
{
	size_t klen, vlen;
	const char *k, *v, *eq;
	int bad = 0;

	r->key_line = r->lineno;
	ini_clean(&s, &n);
	eq = s;
	while (eq < s + n && *eq != '=' && *eq != ':')
		eq++;
	if (eq == s + n) {
		ini_error(r, r->lineno, "expected 'key = value' or '[section]'");
		ini_skip_continuations(r);
		return 0;
	}
	k = s;
	klen = (size_t)(eq - s);
	while (klen > 0 && isspace((unsigned char)k[klen - 1]))
		klen--;
	if (klen == 0) {
		ini_error(r, r->lineno, "missing key name before '%c'", *eq);
		bad = 1;
	} else if (klen > CONFIG_INI_MAX_KEY) {
		ini_error(r, r->lineno, "key name too long (%zu bytes)", klen);
		bad = 1;
	} else {
		memcpy(r->key, k, klen);
		r->key[klen] = '\0';
	}
	v = eq + 1;
	vlen = (size_t)(s + n - v);
	ini_clean(&v, &vlen);
	buf_reset(&r->value);
	if (buf_append(&r->value, v, vlen) == -1)
		r->oom = 1;
	while (ini_peek_continuation(r)) {
		const char *c;
		size_t cn;

		(void)ini_next(r, &c, &cn);
		if (ini_bad_line(r, c, cn)) {
			bad = 1;
			continue;
		}
		ini_clean(&c, &cn);
		if ((r->value.len > 0 && buf_putc(&r->value, ' ') == -1) ||
		    buf_append(&r->value, c, cn) == -1)
			r->oom = 1;
	}
	if (!bad && r->value.len > CONFIG_INI_MAX_VALUE) {
		ini_error(r, r->key_line, "value of '%s' too long (%zu bytes, at most %d)",
		    r->key, r->value.len, CONFIG_INI_MAX_VALUE);
		bad = 1;
	}
	return !bad && !r->oom;
}

/* Where to end the piece starting at from, at most cap bytes long: between
 * two non-blank bytes, the second not one inih would take for a comment.
 * SIZE_MAX when there is no such place. */
static size_t
ini_cut(const char *v, size_t len, size_t from, size_t cap)
{
	if (len - from <= cap)
		return len;
	for (size_t c = from + cap; c > from + 1; c--)
		if (!isspace((unsigned char)v[c - 1]) && !isspace((unsigned char)v[c]) &&
		    v[c] != ';' && v[c] != '#')
			return c;
	return SIZE_MAX;
}

/* Piece limits: inih wants room for "\r\n\0" after its longest line; keep
 * one byte more. The first piece carries "key=", the others a tab. */
static size_t
ini_cap(const struct ini_reader *r, int num, int first)
{
	return (size_t)num - 5 - (first ? strlen(r->key) : 0);
}

/* Can the whole value be cut into pieces inih takes? */
static int
ini_splittable(const struct ini_reader *r, int num)
{
	const char *v = r->value.data != NULL ? r->value.data : "";
	size_t at = 0;

	do {
		if ((at = ini_cut(v, r->value.len, at, ini_cap(r, num, at == 0))) == SIZE_MAX)
			return 0;
	} while (at < r->value.len);
	return 1;
}

/* Write the next piece of the current value into str. */
static void
ini_emit(struct ini_reader *r, char *str, int num)
{
	const char *v = r->value.data != NULL ? r->value.data : "";
	size_t end;

	end = ini_cut(v, r->value.len, r->sent, ini_cap(r, num, r->piece < 0));
	if (r->piece < 0)
		snprintf(str, (size_t)num, "%s=%.*s\n", r->key, (int)end, v);
	else
		snprintf(str, (size_t)num, "\t%.*s\n", (int)(end - r->sent), v + r->sent);
	r->piece++;
	r->sent = end;
	r->last = end == r->value.len;
}

/* ini_reader: hand inih the next key line, or a piece of a long value. */
static char *
ini_read(char *str, int num, void *stream)
{
	struct ini_reader *r = stream;
	const char *s;
	size_t n;

	if (r->oom || num < CONFIG_INI_MAX_KEY + 16)
		return NULL;
	if (!r->last) {
		ini_emit(r, str, num);
		return str;
	}
	while (ini_next(r, &s, &n)) {
		if (r->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (ini_bad_line(r, s, n)) {
			const char *t = s;

			while (t < s + n && isspace((unsigned char)*t))
				t++;
			if (t < s + n && *t == '[')
				r->ops->section(r->arg, NULL, r->lineno);
			ini_skip_continuations(r);
			continue;
		}
		ini_clean(&s, &n);
		if (n == 0 || *s == ';' || *s == '#')
			continue;
		if (*s == '[') {
			if (s[n - 1] != ']') {
				ini_error(r, r->lineno, "section header must end with ']'");
				r->ops->section(r->arg, NULL, r->lineno);
				continue;
			}
			s++;
			n -= 2;
			ini_clean(&s, &n);
			buf_reset(&r->got);
			if (buf_append(&r->got, s, n) == -1) {
				r->oom = 1;
				return NULL;
			}
			r->ops->section(r->arg, r->got.data != NULL ? r->got.data : "",
			    r->lineno);
			buf_reset(&r->got);
			continue;
		}
		if (!ini_gather(r, s, n))
			continue;
		if (!ini_splittable(r, num)) {
			ini_error(r, r->key_line,
			    "value of '%s' cannot be split into lines", r->key);
			continue;
		}
		r->sent = 0;
		r->piece = -1;
		buf_reset(&r->got);
		ini_emit(r, str, num);
		return str;
	}
	return NULL;
}

/* ini_on_key: collect the pieces of a value; deliver it with the last. */
static int
ini_on_key(void *user, const char *section, const char *name, const char *value)
{
	struct ini_reader *r = user;

	(void)section;
	if (r->piece == 0 && strcmp(name, r->key) != 0) {
		ini_error(r, r->key_line, "unexpected key '%s'", name);
		return 1;
	}
	if (buf_puts(&r->got, value) == -1) {
		r->oom = 1;
		return 1;
	}
	if (r->last)
		r->ops->key(r->arg, r->key, r->got.data != NULL ? r->got.data : "",
		    r->key_line);
	return 1;
}

int
config_ini_parse(const char *text, size_t len, const struct config_ini_ops *ops,
    void *arg)
{
	struct ini_reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.text = text;
	r.len = len;
	r.ops = ops;
	r.arg = arg;
	r.last = 1;
	rc = ini_parse_stream(ini_read, &r, ini_on_key, &r);
	if (rc > 0 && !r.oom)
		ini_error(&r, r.key_line, "line rejected by the INI parser");
	buf_free(&r.value);
	buf_free(&r.got);
	return r.oom || rc < 0 ? -1 : 0;
}
