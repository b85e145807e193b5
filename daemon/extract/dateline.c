/*
 * dateline — the date line that opens a release (see dateline.h).
 *
 * A line is a dateline when it begins with a place written with capitals
 * ("BAMAKO", "New York", "Genève") and at most a few words, then "(" or ","
 * (and "le"), then a full date with its year, then ")" and a dash, a dash,
 * or the end of the line; or when it begins with the date itself, followed
 * by a dash or the end of the line. The date is read by the period
 * normaliser; only a day with a written year counts. Linear: a bounded
 * prefix of a bounded number of lines is looked at.
 */
#include <string.h>

#include "rightswatch/dateline.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"

/* Bytes of a line that may come before the date. */
#define PLACE_BYTES 60
/* Bytes of a line looked at in all. */
#define LINE_BYTES 200

/* Whether f[i] (past spaces) ends the dateline: ")" then a dash, a dash,
 * or the end of the line. */
static int
date_ends(const char *f, size_t len, size_t i)
{
	while (i < len && (f[i] == ' ' || f[i] == ')'))
		i++;
	return i >= len || f[i] == '\n' || f[i] == '-';
}

/* Where a date may begin after the place at the line's start: past "("
 * or "," (and "le"); or the line's start itself. 0 when the words before
 * are not a place (too long, a digit, a sentence's end). */
static size_t
after_place(const char *f, size_t ls, size_t le, size_t *at)
{
	size_t i = ls, lim = ls + PLACE_BYTES < le ? ls + PLACE_BYTES : le;

	while (i < lim && (text_isalpha((unsigned char)f[i]) || f[i] == ' ' || f[i] == '\'' ||
	    f[i] == '.' || f[i] == '/' || (f[i] == ',' && i + 1 < lim && f[i + 1] == ' ' &&
	    text_isalpha((unsigned char)f[i + 2]) && !text_word_at(f, le, i + 2, "le"))))
		i++;
	if (i == ls || i >= lim || (f[i] != '(' && f[i] != ','))
		return 0;
	i++;
	while (i < le && f[i] == ' ')
		i++;
	if (text_word_at(f, le, i, "le"))
		i += 2;
	while (i < le && f[i] == ' ')
		i++;
	*at = i;
	return 1;
}

/* The dateline's date in the folded line f[ls, le), its folded bounds in
 * *ds, *de; 0 when found. */
static int
line_date(const char *f, size_t len, size_t ls, size_t le, struct date_ymd *d, size_t *ds, size_t *de)
{
	struct period_mention pm[4];
	struct date_ymd any = { 2100, 12, 31 };
	size_t at = ls, n;

	(void)len;
	if (le > ls + LINE_BYTES)
		le = ls + LINE_BYTES;
	if (!(ls < le && f[ls] >= '0' && f[ls] <= '9') && !after_place(f, ls, le, &at))
		return -1;
	n = period_scan(f, le, at, le, any, pm, 4);
	if (n == 0 || pm[0].start != at || pm[0].type != PERIOD_T_DATE || pm[0].anchor != PERIOD_A_NONE ||
	    pm[0].grain != PERIOD_G_DAY || !date_ends(f, le, pm[0].end))
		return -1;
	*d = pm[0].ps;
	*ds = pm[0].start;
	*de = pm[0].end;
	return 0;
}

int
dateline_find(const char *text, size_t len, struct date_ymd *d, size_t *start, size_t *end)
{
	struct text t;
	size_t ls = 0, lines = 0;
	int rc = -1;

	/* only the top of the text matters: fold a bounded prefix */
	if (text_fold(text, len < 4096 ? len : 4096, 0, &t) == -1)
		return -1;
	while (ls < t.len && lines < DATELINE_LINES && rc == -1) {
		size_t le = ls, ds, de;

		while (le < t.len && t.f[le] != '\n')
			le++;
		if (le > ls) {
			lines++;
			if (text_capital_at(&t, ls) && line_date(t.f, t.len, ls, le, d, &ds, &de) == 0) {
				*start = text_orig(&t, ds);
				*end = text_orig(&t, de);
				rc = 0;
			}
		}
		ls = le + 1;
	}
	text_free(&t);
	return rc;
}

int
dateline_at(const char *f, size_t len, size_t ps, size_t pe)
{
	size_t ls = ps, at;

	while (ls > 0 && f[ls - 1] != '\n' && ps - ls <= PLACE_BYTES)
		ls--;
	if (ls > 0 && f[ls - 1] != '\n')
		return 0;
	if (!date_ends(f, len, pe))
		return 0;
	if (ls == ps)
		return 1;
	return after_place(f, ls, ps + 1, &at) && at == ps;
}
