/*
 * baseline_csv — read and write the baselines CSV (see baseline_csv.h).
 * The reader is a small RFC 4180 state machine over the bytes: it never
 * needs the whole row in one line, so a quoted source may hold a comma or
 * a line break, and line numbers still count every physical line.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/baseline_csv.h"

#define NFIELDS 5
static const char header[] = "country,indicator,period,value,source";

struct csv {
	const char *file;
	const char *p, *end;
	size_t line;              /* physical line of the cursor */
	baseline_csv_error_fn err;
	void *arg;
	int problems;
};

static void
csv_error(struct csv *c, size_t line, const char *fmt, ...)
{
	char msg[512], full[800];
	va_list ap;

	c->problems++;
	if (c->err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "%s:%zu: %s", c->file, line, msg);
	c->err(c->arg, full);
}

/* Read one record into fields (each a buf, reset first). Returns the number
 * of fields, 0 at the end of input, -1 out of memory, -2 a quoting error
 * (the rest of the record is skipped). */
static int
csv_record(struct csv *c, struct buf *f, int maxf, int *nf_total)
{
	int nf = 0, rc = 0, bad = 0;

	if (c->p >= c->end)
		return 0;
	for (int i = 0; i < maxf; i++)
		buf_reset(&f[i]);
	*nf_total = 1;
	for (;;) {
		struct buf *cur = nf < maxf ? &f[nf] : NULL;

		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				if (c->p >= c->end) {
					bad = 1;
					break;
				}
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						if (cur != NULL)
							rc |= buf_putc(cur, '"');
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				if (cur != NULL)
					rc |= buf_putc(cur, *c->p);
				c->p++;
			}
			/* After the closing quote: a separator or the end of the record. */
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			    !(*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n')))
				bad = 1;
		}
		while (c->p < c->end && *c->p != ',' && *c->p != '\n') {
			if (*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n')) {
				c->p++;
				continue;
			}
			if (*c->p == '"')
				bad = 1;
			if (cur != NULL)
				rc |= buf_putc(cur, *c->p);
			c->p++;
		}
		if (cur != NULL && cur->data == NULL)
			rc |= buf_puts(cur, "");
		nf++;
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			(*nf_total)++;
			continue;
		}
		if (c->p < c->end) {
			c->p++;
			c->line++;
		}
		break;
	}
	if (rc != 0)
		return -1;
	return bad ? -2 : nf;
}

static int
csv_value(const char *s, int64_t *v)
{
	int64_t r = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || r > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		r = r * 10 + (*s - '0');
	}
	*v = r;
	return 0;
}

/* A copy of b kept by the set (the rows borrow it); NULL when out of memory. */
static const char *
csv_keep(struct baseline_csv_rows *out, const struct buf *b)
{
	char **v, *s;

	if ((v = realloc(out->strings, (out->nstrings + 1) * sizeof(*v))) == NULL)
		return NULL;
	out->strings = v;
	if ((s = strdup(b->data != NULL ? b->data : "")) == NULL)
		return NULL;
	return v[out->nstrings++] = s;
}

int
baseline_csv_parse(const char *file, const char *data, size_t len,
    struct baseline_csv_rows *out, baseline_csv_error_fn err, void *arg)
{
	struct csv c = { file != NULL ? file : "-", data, data + len, 1, err, arg, 0 };
	struct buf f[NFIELDS];
	size_t *lines = NULL;
	int nf, total;

	memset(out, 0, sizeof(*out));
	memset(f, 0, sizeof(f));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;
	nf = csv_record(&c, f, NFIELDS, &total);
	if (nf == -1)
		goto oom;
	if (nf != NFIELDS || total != NFIELDS ||
	    strcmp(f[0].data, "country") != 0 || strcmp(f[1].data, "indicator") != 0 ||
	    strcmp(f[2].data, "period") != 0 || strcmp(f[3].data, "value") != 0 ||
	    strcmp(f[4].data, "source") != 0) {
		csv_error(&c, 1, "the header must be exactly \"%s\"", header);
		goto done;
	}
	for (;;) {
		size_t line = c.line;
		struct rules_baseline b;
		struct rules_baseline *nr;
		size_t *nl;

		nf = csv_record(&c, f, NFIELDS, &total);
		if (nf == 0)
			break;
		if (nf == -1)
			goto oom;
		if (nf == -2) {
			csv_error(&c, line, "malformed quoting");
			continue;
		}
		if (total == 1 && f[0].len == 0)
			continue; /* an empty line */
		if (total != NFIELDS) {
			csv_error(&c, line, "%d fields, expected %d", total, NFIELDS);
			continue;
		}
		memset(&b, 0, sizeof(b));
		if (f[0].len == 0) {
			csv_error(&c, line, "empty country");
			continue;
		}
		if (f[1].len == 0) {
			csv_error(&c, line, "empty indicator");
			continue;
		}
		if (bperiod_parse(f[2].data, &b.period) == -1) {
			csv_error(&c, line, "invalid period \"%.40s\" (2020, 2020-H1, 2020-Q3, "
			    "2020-05 or 2020-01-01/2020-06-30)", f[2].data);
			continue;
		}
		if (csv_value(f[3].data, &b.value) == -1) {
			csv_error(&c, line, "invalid value \"%.40s\" (a non-negative integer)", f[3].data);
			continue;
		}
		for (size_t i = 0; i < out->n; i++) {
			if (strcmp(out->rows[i].country, f[0].data) == 0 &&
			    strcmp(out->rows[i].indicator, f[1].data) == 0 &&
			    bperiod_equal(&out->rows[i].period, &b.period)) {
				csv_error(&c, line, "duplicate of line %zu", lines[i]);
				goto next;
			}
		}
		if ((nr = realloc(out->rows, (out->n + 1) * sizeof(*nr))) == NULL)
			goto oom;
		out->rows = nr;
		if ((nl = realloc(lines, (out->n + 1) * sizeof(*nl))) == NULL)
			goto oom;
		lines = nl;
		b.origin = RULES_IMPORTED;
		b.country = csv_keep(out, &f[0]);
		b.indicator = csv_keep(out, &f[1]);
		b.source = f[4].len > 0 ? csv_keep(out, &f[4]) : NULL;
		out->rows[out->n] = b;
		lines[out->n] = line;
		out->n++;
		if (b.country == NULL || b.indicator == NULL || (f[4].len > 0 && b.source == NULL))
			goto oom;
next:
		;
	}
done:
	for (int i = 0; i < NFIELDS; i++)
		buf_free(&f[i]);
	free(lines);
	return c.problems;
oom:
	for (int i = 0; i < NFIELDS; i++)
		buf_free(&f[i]);
	free(lines);
	baseline_csv_rows_free(out);
	return -1;
}

void
baseline_csv_rows_free(struct baseline_csv_rows *rows)
{
	if (rows == NULL)
		return;
	for (size_t i = 0; i < rows->nstrings; i++)
		free(rows->strings[i]);
	free(rows->strings);
	free(rows->rows);
	memset(rows, 0, sizeof(*rows));
}

static int
csv_field(struct buf *out, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;
	int rc = 0;

	if (n == 0)
		return 0;
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[n - 1] != ' ')
		return buf_puts(out, s);
	rc |= buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			rc |= buf_putc(out, '"');
		rc |= buf_putc(out, *s);
	}
	return rc | buf_putc(out, '"');
}

int
baseline_csv_write(struct buf *out, const struct rules_baseline *b, size_t n)
{
	char p[BPERIOD_FMT_MAX];
	int rc = buf_puts(out, header) | buf_putc(out, '\n');

	for (size_t i = 0; i < n; i++) {
		rc |= csv_field(out, b[i].country);
		rc |= buf_putc(out, ',');
		rc |= csv_field(out, b[i].indicator);
		rc |= buf_putc(out, ',');
		rc |= buf_puts(out, bperiod_format(&b[i].period, p));
		rc |= buf_printf(out, ",%lld,", (long long)b[i].value);
		rc |= csv_field(out, b[i].source);
		rc |= buf_putc(out, '\n');
	}
	return rc != 0 ? -1 : 0;
}
