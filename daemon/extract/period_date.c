/*
 * period_date — the primitives of the period recogniser (see period_int.h):
 * keywords with alternatives, integers, years, days, dates and months at a
 * position of a folded sentence, the days a date covers, and resolving a
 * relative expression against a period (period_resolve, period.h).
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "period_int.h"

size_t
period_sp(const struct pc *c, size_t i)
{
	while (i < c->hi && (c->f[i] == ' ' || c->f[i] == '\'' || c->f[i] == '\n'))
		i++;
	return i;
}

/* The bytes that end an alternative of a pattern word: 1 for '/', 2 for
 * the end of the word (' ', NUL). */
static const unsigned char kw_stop[256] = { ['\0'] = 2, [' '] = 2, ['/'] = 1 };

/* Words of pat (space separated, alternatives split by '/') from f[i];
 * returns the end, or 0. One pass over the pattern, no library calls: it
 * is tried many times per sentence. */
size_t
period_kw(const struct pc *c, size_t i, const char *pat)
{
	const char *f = c->f;

	i = period_sp(c, i);
	while (*pat != '\0') {
		size_t e, n;
		int matched = 0;
		const char *q = pat;

		/* most calls fail on the first letter: reject before measuring the
		 * word, skipping from one alternative's first letter to the next */
		if (i >= c->hi)
			return 0;
		while (kw_stop[(unsigned char)*q] != 2 && *q != f[i]) {
			while (kw_stop[(unsigned char)*q] == 0)
				q++;
			if (*q == '/')
				q++;
		}
		if (kw_stop[(unsigned char)*q] == 2)
			return 0;
		e = text_word_end(f, c->hi, i);
		n = e - i;
		if (n == 0)
			return 0;
		/* each alternative of this pattern word */
		while (*pat != '\0' && *pat != ' ') {
			size_t k = 0;

			while (k < n && pat[k] == f[i + k])
				k++;
			if (k == n && (pat[k] == '/' || pat[k] == ' ' || pat[k] == '\0')) {
				matched = 1;
				pat += k;
				while (*pat != '\0' && *pat != ' ')
					pat++;
				break;
			}
			while (*pat != '\0' && *pat != ' ' && *pat != '/')
				pat++;
			if (*pat == '/')
				pat++;
		}
		if (!matched)
			return 0;
		i = period_sp(c, e);
		if (*pat == ' ') {
			pat++;
			/* "avant-hier", "week-end", "mi-juillet": a hyphen joins words too */
			if (i < c->hi && c->f[i] == '-' && i == e)
				i = period_sp(c, i + 1);
		}
	}
	while (i > 0 && (f[i - 1] == ' ' || f[i - 1] == '\'' || f[i - 1] == '\n'))
		i--;
	return i;
}

int
period_read_int(const struct pc *c, size_t i, size_t *e, int maxd)
{
	int v = 0, n = 0;

	while (i < c->hi && isdig(c->f[i]) && n <= maxd) {
		v = v * 10 + (c->f[i] - '0');
		i++;
		n++;
	}
	if (n == 0 || n > maxd || (i < c->hi && isdig(c->f[i])))
		return -1;
	*e = i;
	return v;
}

int
period_read_year(const struct pc *c, size_t i, size_t *e)
{
	size_t k;
	int y;

	i = period_sp(c, i);
	if (i + 4 > c->hi || (y = period_read_int(c, i, &k, 4)) < 1900 || y > 2100 || k - i != 4)
		return -1;
	if (k < c->hi && (text_isalpha((unsigned char)c->f[k]) || c->f[k] == '/'))
		return -1;
	*e = k;
	return y;
}

void
period_fill_year(const struct pc *c, struct dt *d)
{
	int y0;

	if (d->y != 0)
		return;
	y0 = c->rel.y;
	if (d->m > c->rel.m || (d->m == c->rel.m && d->d > c->rel.d))
		y0--;
	d->y = y0;
	if (c->has_report && d->m != 0) {
		/* "in May" in a note on 2020 published in 2021 is May 2020: the
		 * latest year that puts it inside the reporting period, when the
		 * publication's does not */
		for (int y = y0; y >= c->rs.y && y >= y0 - 2; y--) {
			struct dt t = *d;
			struct date_ymd s, e;

			t.y = y;
			period_bounds(&t, &s, &e);
			if (period_days(c->rs, s) >= 0 && period_days(e, c->re) >= 0) {
				d->y = y;
				return;
			}
		}
	}
}

/* A day number with its ordinal suffix: "1", "1st", "1er". */
int
period_read_day(const struct pc *c, size_t i, size_t *e)
{
	size_t k;
	int d = period_read_int(c, i, &k, 2);

	if (d < 1 || d > 31)
		return -1;
	if (k < c->hi && text_isalpha((unsigned char)c->f[k])) {
		size_t we = text_word_end(c->f, c->hi, k);
		size_t n = we - k;

		if (!((n == 2 && (memcmp(c->f + k, "st", 2) == 0 || memcmp(c->f + k, "nd", 2) == 0 ||
		    memcmp(c->f + k, "rd", 2) == 0 || memcmp(c->f + k, "th", 2) == 0 ||
		    memcmp(c->f + k, "er", 2) == 0)) || (n == 1 && c->f[k] == 'e')))
			return -1;
		k = we;
	}
	*e = k;
	return d;
}

/* Whether a word other than a conjunction or preposition of a span of
 * months follows e ("sept autres", not "Sept and October", "sept.-oct."). */
static int
word_follows(const struct pc *c, size_t e)
{
	static const char *const joins[] = { "and", "to", "through", "or", "et", "a", "au", "ou", NULL };
	size_t i = period_sp(c, e), we;

	if (i >= c->hi || !text_isalpha((unsigned char)c->f[i]) || i == e)
		return 0;
	we = text_word_end(c->f, c->hi, i);
	for (size_t k = 0; joins[k] != NULL; k++)
		if (text_word_eq(joins[k], c->f + i, we - i))
			return 0;
	return 1;
}

static int
prev_is_prep(const struct pc *c, size_t i)
{
	static const char *const preps[] = {
		"in", "since", "from", "until", "till", "to", "and", "of", "between",
		"early", "late", "mid", "end", "during", "throughout", "by", "for", "en",
		"depuis", "de", "d", "au", "a", "jusqu", "et", "entre", "fin", "debut",
		"mi", "dans", "pendant", "durant", "courant", "with", "all", "year",
		"annee", "over", "than", "qu", "que", "as", "l", "through", "before",
		"after", "avant", "apres", "toute", "vs", "versus", "contre", "le", "mois",
		"month", NULL
	};
	size_t e = i, s;

	while (e > c->lo && (c->f[e - 1] == ' ' || c->f[e - 1] == '\'' || c->f[e - 1] == '-'))
		e--;
	s = e;
	while (s > c->lo && text_isalnum((unsigned char)c->f[s - 1]))
		s--;
	if (s == e)
		return 0;
	for (size_t k = 0; preps[k] != NULL; k++)
		if (text_word_eq(preps[k], c->f + s, e - s))
			return 1;
	return 0;
}

/* A date, month or year at f[i]; strict: bare months and years need a
 * preposition before them. Returns the end, or 0. */
size_t
period_date_at(const struct pc *c, size_t i, struct dt *d, int strict)
{
	size_t e, k;
	int v, m;

	memset(d, 0, sizeof(*d));
	i = period_sp(c, i);
	if (i >= c->hi)
		return 0;
	if (isdig(c->f[i])) {
		if ((v = period_read_day(c, i, &e)) > 0) {
			k = period_sp(c, e);
			if ((m = number_month(c->f, c->hi, k, &e)) != 0) {
				d->d = v;
				d->m = m;
				d->prec = 3;
				/* "3 July, 2021" takes its year; "3 July, and" ends at July */
				k = e;
				if (k < c->hi && c->f[k] == ',')
					k++;
				if ((v = period_read_year(c, k, &e)) > 0) {
					d->y = v;
					return e;
				}
				return k > 0 && c->f[k - 1] == ',' ? k - 1 : k;
			}
		}
		if ((v = period_read_year(c, i, &e)) > 0 && (!strict || prev_is_prep(c, i))) {
			d->y = v;
			d->prec = 1;
			return e;
		}
		return 0;
	}
	if ((m = number_month(c->f, c->hi, i, &e)) != 0) {
		int weak = (e - i <= 4 && !(e - i == 4 && (m == 6 || m == 7))) ||
		    m == 5 || m == 3;
		size_t we;

		d->m = m;
		d->prec = 2;
		k = period_sp(c, e);
		if ((v = period_read_day(c, k, &e)) > 0 && period_read_year(c, k, &e) < 0) {
			size_t k2 = e;

			d->d = v;
			d->prec = 3;
			if (k2 < c->hi && c->f[k2] == ',')
				k2++;
			if ((v = period_read_year(c, k2, &e)) > 0) {
				d->y = v;
				return e;
			}
			return k2 > k && c->f[k2 - 1] == ',' ? k2 - 1 : k2;
		}
		if ((v = period_read_year(c, k, &e)) > 0) {
			d->y = v;
			return e;
		}
		if (strict && weak && !prev_is_prep(c, i))
			return 0;
		/* a month name that is also a number word ("sept"), alone and
		 * followed by a word, is the number: "et sept autres blessées" */
		if (number_word(c->f, c->hi, i, 1, &we) > 0 && we == e && word_follows(c, e))
			return 0;
		if (strict && !prev_is_prep(c, i) && !period_kw(c, e, "dernier/last/passe"))
			return 0;
		return period_sp(c, e) > e ? e : e;
	}
	return 0;
}

void
period_bounds(const struct dt *d, struct date_ymd *s, struct date_ymd *e)
{
	s->y = e->y = d->y;
	switch (d->prec) {
	case 1:
		s->m = 1; s->d = 1; e->m = 12; e->d = 31;
		break;
	case 2:
		s->m = e->m = d->m; s->d = 1; e->d = date_days_in_month(d->y, d->m);
		break;
	default:
		s->m = e->m = d->m; s->d = e->d = d->d;
		break;
	}
}

struct date_ymd
period_add_days(struct date_ymd d, int n)
{
	return date_civil_from_days(date_days_from_civil(d.y, d.m, d.d) + n);
}

long
period_days(struct date_ymd a, struct date_ymd b)
{
	return (long)(date_days_from_civil(b.y, b.m, b.d) - date_days_from_civil(a.y, a.m, a.d));
}

void
period_set(struct period_mention *pm, struct date_ymd s, struct date_ymd e, int type, int anchor,
    int grain)
{
	pm->ps = s;
	pm->pe = e;
	pm->type = type;
	pm->anchor = anchor;
	pm->grain = grain;
}

int
period_weekday(struct date_ymd d)
{
	int64_t n = date_days_from_civil(d.y, d.m, d.d);

	/* day 0 (1970-01-01) was a Thursday */
	return (int)(((n + 3) % 7 + 7) % 7);
}

int
period_weekday_word(const struct pc *c, size_t i, size_t *e)
{
	static const char *const names[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"
	};
	size_t we = text_word_end(c->f, c->hi, i);

	for (int k = 0; k < 14; k++)
		if (we > i && text_word_eq(names[k], c->f + i, we - i)) {
			*e = we;
			return k % 7;
		}
	return -1;
}

/* The value of the digits at f[i] (at most five), *n their count and *e
 * their end; -1 when none, or more than five. */
static int
digits(const struct pc *c, size_t i, size_t *e, int *n)
{
	int v = 0;

	*n = 0;
	while (i < c->hi && isdig(c->f[i]) && *n < 5) {
		v = v * 10 + (c->f[i] - '0');
		i++;
		(*n)++;
	}
	*e = i;
	return *n > 0 && !(i < c->hi && isdig(c->f[i])) ? v : -1;
}

/* Whether f[e] ends a numeric date: not a letter, digit, or a separator
 * going on ("2016-11-3x", "46/28/2"). */
static int
numeric_end(const struct pc *c, size_t e)
{
	return e >= c->hi || (!text_isalnum((unsigned char)c->f[e]) && !((c->f[e] == '/' || c->f[e] == '-' ||
	    c->f[e] == '.') && e + 1 < c->hi && isdig(c->f[e + 1])));
}

size_t
period_numeric(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, e2, e3;
	int a, b, y, na, nb, ny;
	char s;

	if (i > c->lo && (text_isalnum((unsigned char)c->f[i - 1]) || c->f[i - 1] == '/' ||
	    c->f[i - 1] == '-' || c->f[i - 1] == '.'))
		return 0; /* inside a code: "A/HRC/48/2019" */
	if ((a = digits(c, i, &e, &na)) < 0 || e >= c->hi)
		return 0;
	s = c->f[e];
	if (na == 4 && a >= 1900 && a <= 2100) {
		/* year first: "2024-03-14", "2016-11", "2019-2020", "2016 Q3" */
		int q;
		size_t qe;

		if (s == ' ' && (q = period_ordinal(c, period_sp(c, e), &qe)) < 0 && numeric_end(c, qe)) {
			if (q <= -11)
				period_months(c, a, q == -11 ? 1 : 7, q == -11 ? 6 : 12, pm);
			else
				period_months(c, a, (-q - 1) * 3 + 1, -q * 3, pm);
			pm->grain = q <= -11 ? PERIOD_G_HALF : PERIOD_G_QUARTER;
			return qe;
		}
		if (s != '-' || (b = digits(c, e + 1, &e2, &nb)) < 0)
			return 0;
		if (nb == 4 && b > a && b <= 2100 && numeric_end(c, e2)) {
			period_set(pm, (struct date_ymd){ a, 1, 1 }, (struct date_ymd){ b, 12, 31 },
			    PERIOD_T_RANGE, PERIOD_A_NONE, PERIOD_G_YEAR);
			return e2;
		}
		if (nb != 2 || b < 1 || b > 12)
			return 0;
		if (e2 + 1 < c->hi && c->f[e2] == '-' && (y = digits(c, e2 + 1, &e3, &ny)) > 0 && ny == 2 &&
		    date_valid(a, b, y) && numeric_end(c, e3)) {
			period_set(pm, (struct date_ymd){ a, b, y }, (struct date_ymd){ a, b, y }, PERIOD_T_DATE,
			    PERIOD_A_NONE, PERIOD_G_DAY);
			return e3;
		}
		if (!numeric_end(c, e2))
			return 0;
		period_months(c, a, b, b, pm);
		return e2;
	}
	/* day or month first: "14/03/2024", "14.03.2024", "11/2016" */
	if (na > 2 || (s != '/' && s != '.' && s != '-') || (b = digits(c, e + 1, &e2, &nb)) < 0)
		return 0;
	if (nb == 4 && b >= 1900 && b <= 2100 && a >= 1 && a <= 12 && s != '.' && numeric_end(c, e2)) {
		period_months(c, b, a, a, pm);
		return e2;
	}
	if (nb > 2 || e2 + 1 >= c->hi || c->f[e2] != s || (y = digits(c, e2 + 1, &e3, &ny)) < 0 || ny != 4 ||
	    !numeric_end(c, e3))
		return 0;
	if (a > 12 || b <= 12) {
		/* day first, as the UN writes; month first only when the day could not be one */
		if (!date_valid(y, b, a))
			return 0;
		period_set(pm, (struct date_ymd){ y, b, a }, (struct date_ymd){ y, b, a }, PERIOD_T_DATE,
		    PERIOD_A_NONE, PERIOD_G_DAY);
	} else {
		if (!date_valid(y, a, b))
			return 0;
		period_set(pm, (struct date_ymd){ y, a, b }, (struct date_ymd){ y, a, b }, PERIOD_T_DATE,
		    PERIOD_A_NONE, PERIOD_G_DAY);
	}
	return e3;
}

/* "of this year", "de l'annee", "2021", "of 2021", "de l'annee derniere":
 * the year a part of a year belongs to; 0 when not stated. */
size_t
period_year_of(const struct pc *c, size_t i, int *y, int *stated)
{
	size_t e, k;
	int v;

	*stated = 0;
	k = period_kw(c, i, "of/de/d/du/in/en");
	if (k == 0)
		k = i;
	if ((e = period_kw(c, k, "this/the/l/cette/current year/annee/an en cours")) != 0 ||
	    (e = period_kw(c, k, "this/the/l/cette/current year/annee/an")) != 0) {
		size_t e2;

		if ((e2 = period_kw(c, e, "derniere/passee/precedente/dernier/passe")) != 0) {
			*y = c->rel.y - 1;
			*stated = 1;
			return e2;
		}
		*y = 0;
		return e;
	}
	if ((e = period_kw(c, k, "last/previous year")) != 0) {
		*y = c->rel.y - 1;
		*stated = 1;
		return e;
	}
	if ((v = period_read_year(c, period_sp(c, k), &e)) > 0) {
		*y = v;
		*stated = 1;
		return e;
	}
	*y = 0;
	return i;
}

int
period_ordinal(const struct pc *c, size_t i, size_t *e)
{
	static const struct {
		const char *w;
		int n;
	} ords[] = {
		{ "first", 1 }, { "second", 2 }, { "third", 3 }, { "fourth", 4 },
		{ "last", 4 }, { "final", 4 }, { "premier", 1 }, { "1er", 1 },
		{ "deuxieme", 2 }, { "second", 2 }, { "2e", 2 }, { "2eme", 2 },
		{ "troisieme", 3 }, { "3e", 3 }, { "quatrieme", 4 }, { "4e", 4 },
		{ "dernier", 4 }, { "q1", -1 }, { "q2", -2 }, { "q3", -3 }, { "q4", -4 },
		{ "t1", -1 }, { "t2", -2 }, { "t3", -3 }, { "t4", -4 },
		{ "h1", -11 }, { "h2", -12 }, { "s1", -11 }, { "s2", -12 },
	};
	size_t we = text_word_end(c->f, c->hi, i);

	for (size_t k = 0; k < sizeof(ords) / sizeof(ords[0]); k++)
		if (text_word_eq(ords[k].w, c->f + i, we - i)) {
			*e = we;
			return ords[k].n;
		}
	return 0;
}

/* Months [m1, m2] of year y (0: as period_fill_year gives the first
 * month: the reporting period's, the release's, or the year before when
 * they lie after the release). A part of a year is kept whole even when
 * the release predates its end. */
void
period_months(const struct pc *c, int y, int m1, int m2, struct period_mention *pm)
{
	if (y == 0) {
		struct dt d = { 0, m1, 0, 2 };

		period_fill_year(c, &d);
		y = d.y;
	}
	period_set(pm, (struct date_ymd){ y, m1, 1 }, (struct date_ymd){ y, m2, date_days_in_month(y, m2) },
	    PERIOD_T_DATE, PERIOD_A_NONE, PERIOD_G_MONTH);
}

/* "14 and 15 May", "3, 4 et 5 juin 2020": days sharing the last one's month
 * (and year); the first and last day into *first and *last, the end or 0. */
size_t
period_day_list(const struct pc *c, size_t i, struct dt *first, struct dt *last)
{
	size_t e, k;
	int d0, n = 0;

	if ((d0 = period_read_day(c, i, &e)) < 0)
		return 0;
	for (;;) {
		k = period_sp(c, e);
		if (k < c->hi && (c->f[k] == ',' || c->f[k] == '&'))
			k = period_sp(c, k + 1);
		else if ((e = period_kw(c, k, "and/et")) != 0)
			k = period_sp(c, e);
		else
			return 0;
		if (k >= c->hi || !isdig(c->f[k]))
			return 0;
		if ((e = period_date_at(c, k, last, 1)) != 0 && last->prec == 3)
			break;
		if (period_read_day(c, k, &e) < 0 || ++n > 8)
			return 0;
	}
	*first = *last;
	first->d = d0;
	return d0 < last->d ? e : 0;
}

int
period_resolve(const struct period_mention *m, struct date_ymd ps, struct date_ymd pe,
    struct date_ymd *os, struct date_ymd *oe)
{
	int shift;

	switch (m->kind) {
	case PERIOD_ABSOLUTE:
		*os = m->ps;
		*oe = m->pe;
		return 0;
	case PERIOD_SAME:
		shift = m->ps.y != 0 ? (m->ps.y - ps.y) * 12 : m->shift;
		*os = date_add_months(ps, shift);
		*oe = date_add_months(pe, shift);
		if (pe.d == date_days_in_month(pe.y, pe.m))
			oe->d = date_days_in_month(oe->y, oe->m);
		return 0;
	case PERIOD_PREVIOUS:
		*oe = period_add_days(ps, -1);
		*os = date_add_months(ps, -m->shift);
		return 0;
	case PERIOD_PREVIOUS_WEEK:
		*oe = period_add_days(ps, -1);
		*os = period_add_days(ps, m->shift > 0 ? -m->shift : -7);
		return 0;
	default:
		return -1;
	}
}
