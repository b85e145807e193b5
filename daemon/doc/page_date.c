/*
 * page_date — find the date a release was published in the words of its
 * page: the day as its author wrote it (a meta value "2021-08-06T23:00-05:00"
 * is 6 August, the date on the page), in English or French. Pure.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/date.h"
#include "page_date.h"

#define PAGE_DATE_YEAR_MIN 1900
#define PAGE_DATE_YEAR_MAX 2100

/* Month names and abbreviations, English and French, accents folded.
 * Sorted for bsearch. */
static const struct page_date_month {
	const char *name;
	int m;
} page_date_months[] = {
	{ "aout", 8 }, { "apr", 4 }, { "april", 4 }, { "aug", 8 },
	{ "august", 8 }, { "avr", 4 }, { "avril", 4 }, { "dec", 12 },
	{ "december", 12 }, { "decembre", 12 }, { "feb", 2 },
	{ "february", 2 }, { "fev", 2 }, { "fevr", 2 }, { "fevrier", 2 },
	{ "jan", 1 }, { "january", 1 }, { "janv", 1 }, { "janvier", 1 },
	{ "juil", 7 }, { "juillet", 7 }, { "juin", 6 }, { "jul", 7 },
	{ "july", 7 }, { "jun", 6 }, { "june", 6 }, { "mai", 5 },
	{ "mar", 3 }, { "march", 3 }, { "mars", 3 }, { "may", 5 },
	{ "nov", 11 }, { "november", 11 }, { "novembre", 11 }, { "oct", 10 },
	{ "october", 10 }, { "octobre", 10 }, { "sep", 9 }, { "sept", 9 },
	{ "september", 9 }, { "septembre", 9 },
};

static int
page_date_month_cmp(const void *a, const void *b)
{
	return strcmp(a, ((const struct page_date_month *)b)->name);
}

/* Can a word start at s[i]: is what comes before no letter? Non-ASCII
 * bytes count as letters except the spaces and dashes met in datelines. */
static int
page_date_word_start(const char *s, size_t i)
{
	unsigned char p = i > 0 ? (unsigned char)s[i - 1] : ' ';

	if (p < 0x80)
		return !isalpha(p);
	if (i >= 2 && memcmp(s + i - 2, "\xc2\xa0", 2) == 0)
		return 1;
	/* narrow no-break and thin spaces, en and em dashes */
	return i >= 3 && memcmp(s + i - 3, "\xe2\x80", 2) == 0 &&
	    strchr("\xaf\x89\x93\x94", s[i - 1]) != NULL;
}

/* The month named by the word at s[i..], or 0; *end past the word. */
static int
page_date_month(const char *s, size_t len, size_t i, size_t *end)
{
	char w[16];
	size_t n = 0;
	const struct page_date_month *m;

	/* letters: ASCII, and the two-byte Latin-1 supplement (0xc3 ..) */
	while (i < len && (isalpha((unsigned char)s[i]) || (unsigned char)s[i] == 0xc3)) {
		unsigned char c = (unsigned char)s[i];
		char f;

		if (c < 0x80) {
			f = (char)tolower(c);
			i++;
		} else if (c == 0xc3 && i + 1 < len) {
			/* é è ê É È Ê -> e, û Û -> u (février, août, décembre) */
			switch ((unsigned char)s[i + 1]) {
			case 0xa9: case 0xa8: case 0xaa: case 0x89: case 0x88: case 0x8a:
				f = 'e';
				break;
			case 0xbb: case 0x9b:
				f = 'u';
				break;
			default:
				return 0;
			}
			i += 2;
		} else {
			return 0;
		}
		if (n + 1 >= sizeof(w))
			return 0;
		w[n++] = f;
	}
	w[n] = '\0';
	m = bsearch(w, page_date_months, sizeof(page_date_months) /
	    sizeof(page_date_months[0]), sizeof(page_date_months[0]),
	    page_date_month_cmp);
	if (m == NULL)
		return 0;
	if (i < len && s[i] == '.')
		i++;
	*end = i;
	return m->m;
}

/* Skip spaces (ASCII, no-break U+00A0, thin U+2009, narrow no-break
 * U+202F); returns how many bytes. */
static size_t
page_date_space(const char *s, size_t len, size_t i)
{
	size_t j = i;

	for (;;) {
		if (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' ||
		    s[j] == '\r'))
			j++;
		else if (j + 1 < len && memcmp(s + j, "\xc2\xa0", 2) == 0)
			j += 2;
		else if (j + 2 < len && (memcmp(s + j, "\xe2\x80\xaf", 3) == 0 ||
		    memcmp(s + j, "\xe2\x80\x89", 3) == 0))
			j += 3;
		else
			return j - i;
	}
}

/* A run of 1..max digits at s[i] not followed by another digit. */
static int
page_date_num(const char *s, size_t len, size_t i, size_t min, size_t max,
    int *v, size_t *end)
{
	size_t n = 0;
	int x = 0;

	while (i + n < len && isdigit((unsigned char)s[i + n])) {
		if (++n > max)
			return 0;
		x = x * 10 + (s[i + n - 1] - '0');
	}
	if (n < min)
		return 0;
	*v = x;
	*end = i + n;
	return 1;
}

static int
page_date_emit(int y, int m, int d, char *out)
{
	struct date_ymd ymd = { y, m, d };

	if (y < PAGE_DATE_YEAR_MIN || y > PAGE_DATE_YEAR_MAX || !date_valid(y, m, d))
		return -1;
	date_format_ymd(ymd, out);
	return 0;
}

/* Past an ordinal suffix at s[j] ("st", "nd", "rd", "th", and with fr
 * the French "er"): the new position. */
static size_t
page_date_ordinal(const char *s, size_t len, size_t j, int fr)
{
	if (j + 1 < len && (strncasecmp(s + j, "st", 2) == 0 ||
	    strncasecmp(s + j, "nd", 2) == 0 || strncasecmp(s + j, "rd", 2) == 0 ||
	    strncasecmp(s + j, "th", 2) == 0 || (fr && strncasecmp(s + j, "er", 2) == 0)))
		j += 2;
	return j;
}

/* The end of a date after its month and day: an optional comma, a space,
 * a four-digit year at s[j]; then the date into out. 0 or -1. */
static int
page_date_year(const char *s, size_t len, size_t j, int m, int d, char *out)
{
	size_t sp;
	int y;

	if (j < len && s[j] == ',')
		j++;
	if ((sp = page_date_space(s, len, j)) == 0)
		return -1;
	if (!page_date_num(s, len, j + sp, 4, 4, &y, &j))
		return -1;
	return page_date_emit(y, m, d, out);
}

/* "6 August 2021", "6th of August 2021", "1er août 2021" at s[i]. */
static int
page_date_dmy(const char *s, size_t len, size_t i, char *out)
{
	int d, m;
	size_t j, sp;

	if (!page_date_num(s, len, i, 1, 2, &d, &j))
		return -1;
	j = page_date_ordinal(s, len, j, 1);
	if ((sp = page_date_space(s, len, j)) == 0)
		return -1;
	j += sp;
	if (j + 2 < len && strncasecmp(s + j, "of", 2) == 0 &&
	    (sp = page_date_space(s, len, j + 2)) > 0)
		j += 2 + sp;
	if ((m = page_date_month(s, len, j, &j)) == 0)
		return -1;
	return page_date_year(s, len, j, m, d, out);
}

/* "August 6, 2021", "Aug. 6 2021" at s[i]. */
static int
page_date_mdy(const char *s, size_t len, size_t i, char *out)
{
	int d, m;
	size_t j, sp;

	if ((m = page_date_month(s, len, i, &j)) == 0)
		return -1;
	if ((sp = page_date_space(s, len, j)) == 0)
		return -1;
	if (!page_date_num(s, len, j + sp, 1, 2, &d, &j))
		return -1;
	j = page_date_ordinal(s, len, j, 0);
	return page_date_year(s, len, j, m, d, out);
}

/* "2021-08-06" at s[i]. */
static int
page_date_iso(const char *s, size_t len, size_t i, char *out)
{
	int y, m, d;
	size_t j;

	if (!page_date_num(s, len, i, 4, 4, &y, &j) || j >= len || s[j] != '-')
		return -1;
	if (!page_date_num(s, len, j + 1, 2, 2, &m, &j) || j >= len || s[j] != '-')
		return -1;
	if (!page_date_num(s, len, j + 1, 2, 2, &d, &j))
		return -1;
	return page_date_emit(y, m, d, out);
}

int
page_date_find(const char *text, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (isdigit(c) && (i == 0 || !isdigit((unsigned char)text[i - 1]))) {
			if (page_date_dmy(text, len, i, out) == 0 ||
			    page_date_iso(text, len, i, out) == 0)
				return 0;
		} else if (isalpha(c) && page_date_word_start(text, i)) {
			if (page_date_mdy(text, len, i, out) == 0)
				return 0;
		}
	}
	return -1;
}

int
page_date_value(const char *s, char *out)
{
	struct date_ymd ymd;
	int64_t t;
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	if (page_date_iso(s, len, 0, out) == 0)
		return 0;
	if ((t = date_parse_rfc822(s)) != DATE_UNKNOWN) {
		ymd = date_civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400);
		return page_date_emit(ymd.y, ymd.m, ymd.d, out);
	}
	return page_date_find(s, len, out);
}
