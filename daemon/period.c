/*
 * period — temporal phrases to [start, end] (see period.h).
 *
 * A small recogniser tried at each word start of the sentence: ranges
 * first, then "since", quarters and halves, relative phrases, then bare
 * dates, months and years. A year left out is the release's, or the one
 * before when that would put the period after the release.
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"

struct pc {
	const char *f;
	size_t lo, hi;
	struct date_ymd rel;
};

struct dt {
	int y, m, d;
	int prec; /* 1 year, 2 month, 3 day */
};

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
sp(const struct pc *c, size_t i)
{
	while (i < c->hi && (c->f[i] == ' ' || c->f[i] == '\'' || c->f[i] == '\n'))
		i++;
	return i;
}

/* Words of pat (space separated, alternatives split by '/') from f[i];
 * returns the end, or 0. One pass over the pattern, no library calls: it
 * is tried many times per sentence. */
static size_t
kw(const struct pc *c, size_t i, const char *pat)
{
	const char *f = c->f;

	i = sp(c, i);
	while (*pat != '\0') {
		size_t e, n;
		int matched = 0;
		const char *q = pat;

		/* most calls fail on the first letter: reject before measuring the word */
		if (i >= c->hi)
			return 0;
		while (*q != '\0' && *q != ' ' && *q != f[i]) {
			while (*q != '\0' && *q != ' ' && *q != '/')
				q++;
			if (*q == '/')
				q++;
		}
		if (*q == '\0' || *q == ' ')
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
		i = sp(c, e);
		if (*pat == ' ')
			pat++;
	}
	while (i > 0 && (f[i - 1] == ' ' || f[i - 1] == '\'' || f[i - 1] == '\n'))
		i--;
	return i;
}

static int
read_int(const struct pc *c, size_t i, size_t *e, int maxd)
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

static int
read_year(const struct pc *c, size_t i, size_t *e)
{
	size_t k;
	int y;

	i = sp(c, i);
	if (i + 4 > c->hi || (y = read_int(c, i, &k, 4)) < 1900 || y > 2100 || k - i != 4)
		return -1;
	if (k < c->hi && (text_isalpha((unsigned char)c->f[k]) || c->f[k] == '/'))
		return -1;
	*e = k;
	return y;
}

static void
fill_year(const struct pc *c, struct dt *d)
{
	if (d->y != 0)
		return;
	d->y = c->rel.y;
	if (d->m > c->rel.m || (d->m == c->rel.m && d->d > c->rel.d))
		d->y--;
}

/* A day number with its ordinal suffix: "1", "1st", "1er". */
static int
read_day(const struct pc *c, size_t i, size_t *e)
{
	size_t k;
	int d = read_int(c, i, &k, 2);

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
static size_t
date_at(const struct pc *c, size_t i, struct dt *d, int strict)
{
	size_t e, k;
	int v, m;

	memset(d, 0, sizeof(*d));
	i = sp(c, i);
	if (i >= c->hi)
		return 0;
	if (isdig(c->f[i])) {
		if ((v = read_day(c, i, &e)) > 0) {
			k = sp(c, e);
			if ((m = number_month(c->f, c->hi, k, &e)) != 0) {
				d->d = v;
				d->m = m;
				d->prec = 3;
				k = e;
				if (k < c->hi && c->f[k] == ',')
					k++;
				if ((v = read_year(c, k, &e)) > 0) {
					d->y = v;
					k = e;
				}
				return k;
			}
		}
		if ((v = read_year(c, i, &e)) > 0 && (!strict || prev_is_prep(c, i))) {
			d->y = v;
			d->prec = 1;
			return e;
		}
		return 0;
	}
	if ((m = number_month(c->f, c->hi, i, &e)) != 0) {
		int weak = (e - i <= 4 && !(e - i == 4 && (m == 6 || m == 7))) ||
		    m == 5 || m == 3;

		d->m = m;
		d->prec = 2;
		k = sp(c, e);
		if ((v = read_day(c, k, &e)) > 0 && read_year(c, k, &e) < 0) {
			size_t k2 = e;

			d->d = v;
			d->prec = 3;
			if (k2 < c->hi && c->f[k2] == ',')
				k2++;
			if ((v = read_year(c, k2, &e)) > 0) {
				d->y = v;
				return e;
			}
			return k2 > k && c->f[k2 - 1] == ',' ? k2 - 1 : k2;
		}
		if ((v = read_year(c, k, &e)) > 0) {
			d->y = v;
			return e;
		}
		if (strict && weak && !prev_is_prep(c, i))
			return 0;
		if (strict && !prev_is_prep(c, i) && !kw(c, e, "dernier/last/passe"))
			return 0;
		return sp(c, e) > e ? e : e;
	}
	return 0;
}

static void
bounds(const struct dt *d, struct date_ymd *s, struct date_ymd *e)
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

static struct date_ymd
add_days(struct date_ymd d, int n)
{
	return date_civil_from_days(date_days_from_civil(d.y, d.m, d.d) + n);
}

/* "of this year", "de l'annee", "2021", "of 2021", "de l'annee derniere":
 * the year a part of a year belongs to; 0 when not stated. */
static size_t
year_of(const struct pc *c, size_t i, int *y, int *stated)
{
	size_t e, k;
	int v;

	*stated = 0;
	k = kw(c, i, "of/de/d/du/in/en");
	if (k == 0)
		k = i;
	if ((e = kw(c, k, "this/the/l/cette/current year/annee/an en cours")) != 0 ||
	    (e = kw(c, k, "this/the/l/cette/current year/annee/an")) != 0) {
		size_t e2;

		if ((e2 = kw(c, e, "derniere/passee/precedente")) != 0) {
			*y = c->rel.y - 1;
			*stated = 1;
			return e2;
		}
		*y = 0;
		return e;
	}
	if ((e = kw(c, k, "last/previous year")) != 0) {
		*y = c->rel.y - 1;
		*stated = 1;
		return e;
	}
	if ((v = read_year(c, sp(c, k), &e)) > 0) {
		*y = v;
		*stated = 1;
		return e;
	}
	*y = 0;
	return i;
}

static int
ordinal(const struct pc *c, size_t i, size_t *e)
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
		{ "h1", -11 }, { "h2", -12 },
	};
	size_t we = text_word_end(c->f, c->hi, i);

	for (size_t k = 0; k < sizeof(ords) / sizeof(ords[0]); k++)
		if (text_word_eq(ords[k].w, c->f + i, we - i)) {
			*e = we;
			return ords[k].n;
		}
	return 0;
}

/* Months [m1, m2] of year y (0: the release's, or the year before when
 * they lie after the release). */
static void
months(const struct pc *c, int y, int m1, int m2, struct period_mention *pm)
{
	if (y == 0) {
		y = c->rel.y;
		if (m1 > c->rel.m)
			y--;
	}
	pm->ps.y = pm->pe.y = y;
	pm->ps.m = m1;
	pm->ps.d = 1;
	pm->pe.m = m2;
	pm->pe.d = date_days_in_month(y, m2);
	if (pm->pe.y == c->rel.y && m2 == c->rel.m && c->rel.d < pm->pe.d && m1 != m2)
		pm->pe.d = pm->pe.d; /* a whole part of a year is kept whole */
}

/* Quarters, halves and "the first N months". */
static size_t
part_of_year(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int n, y, stated;
	int64_t nm;

	if ((n = ordinal(c, i, &e)) < 0) {
		if (n <= -11)
			months(c, 0, n == -11 ? 1 : 7, n == -11 ? 6 : 12, pm);
		if (n > -11)
			months(c, 0, (-n - 1) * 3 + 1, -n * 3, pm);
		k = e;
		if ((y = read_year(c, k, &e)) > 0) {
			months(c, y, pm->ps.m, pm->pe.m, pm);
			k = e;
		}
		return k;
	}
	if (n > 0) {
		k = sp(c, e);
		if ((e = kw(c, k, "half/semestre")) != 0) {
			if (n > 2)
				n = 2;
			k = year_of(c, e, &y, &stated);
			months(c, y, n == 1 ? 1 : 7, n == 1 ? 6 : 12, pm);
			return k;
		}
		if ((e = kw(c, k, "quarter/trimestre")) != 0) {
			k = year_of(c, e, &y, &stated);
			months(c, y, (n - 1) * 3 + 1, n * 3, pm);
			return k;
		}
		if (n == 1 && (nm = number_word(c->f, c->hi, k, 0, &we)) > 0 && nm <= 12 &&
		    (e = kw(c, we, "months")) != 0) {
			k = year_of(c, e, &y, &stated);
			months(c, y, 1, (int)nm, pm);
			return k;
		}
		return 0;
	}
	/* "les six premiers mois de l'annee" */
	if ((nm = number_word(c->f, c->hi, i, 1, &we)) > 0 && nm <= 12 &&
	    (e = kw(c, we, "premiers mois")) != 0) {
		k = year_of(c, e, &y, &stated);
		months(c, y, 1, (int)nm, pm);
		return k;
	}
	if (isdig(c->f[i]) && (n = read_int(c, i, &we, 2)) > 0 && n <= 12 &&
	    (e = kw(c, we, "premiers mois")) != 0) {
		k = year_of(c, e, &y, &stated);
		months(c, y, 1, n, pm);
		return k;
	}
	return 0;
}

/* Phrases relative to the release date. */
static size_t
relative(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct date_ymd r = c->rel;
	size_t e, we;
	int64_t n;
	int m;

	if ((e = kw(c, i, "so far this year")) || (e = kw(c, i, "this year")) ||
	    (e = kw(c, i, "cette annee")) || (e = kw(c, i, "l annee en cours")) ||
	    (e = kw(c, i, "since the beginning/start of the/this year")) ||
	    (e = kw(c, i, "depuis le debut de l annee")) ||
	    (e = kw(c, i, "depuis le debut de cette annee")) ||
	    (e = kw(c, i, "year to date"))) {
		pm->ps = (struct date_ymd){ r.y, 1, 1 };
		pm->pe = r;
		return e;
	}
	if ((e = kw(c, i, "last year")) || (e = kw(c, i, "l annee derniere/passee")) ||
	    (e = kw(c, i, "l an dernier/passe")) || (e = kw(c, i, "the previous year"))) {
		pm->ps = (struct date_ymd){ r.y - 1, 1, 1 };
		pm->pe = (struct date_ymd){ r.y - 1, 12, 31 };
		return e;
	}
	if ((e = kw(c, i, "last month")) || (e = kw(c, i, "le mois dernier/passe"))) {
		struct date_ymd p = date_add_months((struct date_ymd){ r.y, r.m, 1 }, -1);

		months(c, p.y, p.m, p.m, pm);
		return e;
	}
	if ((e = kw(c, i, "this month")) || (e = kw(c, i, "ce mois"))) {
		pm->ps = (struct date_ymd){ r.y, r.m, 1 };
		pm->pe = r;
		return e;
	}
	if ((e = kw(c, i, "past/last week")) || (e = kw(c, i, "la semaine derniere/ecoulee/passee")) ||
	    (e = kw(c, i, "past/last seven/7 days")) || (e = kw(c, i, "les sept/7 derniers jours"))) {
		pm->ps = add_days(r, -7);
		pm->pe = r;
		return e;
	}
	if ((e = kw(c, i, "today/aujourd")) || (e = kw(c, i, "this morning")) || (e = kw(c, i, "ce matin"))) {
		pm->ps = pm->pe = r;
		return e;
	}
	if ((e = kw(c, i, "yesterday/hier")) || (e = kw(c, i, "last night"))) {
		pm->ps = pm->pe = add_days(r, -1);
		return e;
	}
	if ((e = kw(c, i, "last")) != 0 && (m = number_month(c->f, c->hi, sp(c, e), &we)) != 0) {
		int y = m < r.m ? r.y : r.y - 1;

		months(c, y, m, m, pm);
		return we;
	}
	if ((m = number_month(c->f, c->hi, i, &we)) != 0 && (e = kw(c, we, "dernier/passe")) != 0) {
		int y = m < r.m ? r.y : r.y - 1;

		months(c, y, m, m, pm);
		return e;
	}
	if ((e = kw(c, i, "past/last")) != 0) {
		size_t k = sp(c, e), ue;

		if ((n = number_word(c->f, c->hi, k, 0, &we)) > 0 || (isdig(c->f[k]) &&
		    (n = read_int(c, k, &we, 3)) > 0)) {
			if ((ue = kw(c, we, "days")) != 0) {
				pm->ps = add_days(r, -(int)n);
				pm->pe = r;
				return ue;
			}
			if ((ue = kw(c, we, "weeks")) != 0) {
				pm->ps = add_days(r, -7 * (int)n);
				pm->pe = r;
				return ue;
			}
			if ((ue = kw(c, we, "months")) != 0) {
				pm->ps = date_add_months(r, -(int)n);
				pm->pe = r;
				return ue;
			}
		}
	}
	return 0;
}

/* "the same period last year", "the previous six months": relative to the
 * main period, so resolved later (period_resolve). */
static size_t
comparative(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int y, stated;
	int64_t n;

	if ((e = kw(c, i, "the same period/quarter/months")) ||
	    (e = kw(c, i, "the same reporting period")) || (e = kw(c, i, "la meme periode"))) {
		k = year_of(c, e, &y, &stated);
		if (!stated && (k = kw(c, e, "a/one year earlier/before")) == 0 &&
		    (k = kw(c, e, "de l annee precedente/derniere")) == 0)
			k = e;
		pm->kind = PERIOD_SAME;
		pm->shift = -12;
		pm->ps.y = stated ? y : 0;
		return k;
	}
	if ((e = kw(c, i, "the previous/preceding/last quarter")) || (e = kw(c, i, "le trimestre precedent"))) {
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 3;
		/* "the previous quarter this year" is one phrase, not two */
		if ((k = kw(c, e, "of/in this/the year")) != 0 || (k = kw(c, e, "this year")) != 0)
			e = k;
		return e;
	}
	if ((e = kw(c, i, "the previous/preceding/last month")) || (e = kw(c, i, "le/au/du mois precedent"))) {
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 1;
		return e;
	}
	if ((e = kw(c, i, "la semaine precedente")) || (e = kw(c, i, "the previous/preceding week"))) {
		pm->kind = PERIOD_PREVIOUS_WEEK;
		return e;
	}
	if ((e = kw(c, i, "the previous/preceding/prior")) || (e = kw(c, i, "les/des"))) {
		k = sp(c, e);
		if ((n = number_word(c->f, c->hi, k, 0, &we)) > 0 ||
		    (n = number_word(c->f, c->hi, k, 1, &we)) > 0) {
			size_t me;

			if ((me = kw(c, we, "months")) != 0 || (me = kw(c, we, "mois precedents")) != 0) {
				pm->kind = PERIOD_PREVIOUS;
				pm->shift = (int)n;
				return me;
			}
		}
	}
	return 0;
}

/* Ranges: "between A and B", "from A to B", "entre le A et le B", "du A au B". */
static size_t
range(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a, b;
	size_t e, k, ae, be;
	int bare = 0, v;
	struct date_ymd s1, e1, s2, e2;

	if (!(e = kw(c, i, "between/from/entre/du/de/d/des")))
		return 0;
	if ((k = kw(c, e, "the beginning/start of the/this year")) ||
	    (k = kw(c, e, "debut de l annee")) || (k = kw(c, e, "le debut de l annee")) ||
	    (k = kw(c, e, "january/janvier"))) {
		size_t t = kw(c, k, "until/to/through/till/jusqu/au/a");

		if (t != 0) {
			size_t t2 = kw(c, t, "au/a/le/l");

			if (t2 != 0)
				t = t2;
			if ((be = date_at(c, t, &b, 0)) != 0 && b.prec >= 2) {
				fill_year(c, &b);
				bounds(&b, &s2, &e2);
				pm->ps = (struct date_ymd){ e2.y, 1, 1 };
				pm->pe = e2;
				return be;
			}
		}
	}
	k = kw(c, e, "le/l");
	k = k ? k : e;
	if ((ae = date_at(c, k, &a, 0)) == 0) {
		size_t de;

		if ((v = read_day(c, sp(c, k), &de)) <= 0)
			return 0;
		bare = 1;
		ae = de;
		a.d = v;
		a.prec = 3;
	}
	if (!(k = kw(c, ae, "and/to/until/till/through/et/au/a/-")) &&
	    !(k = kw(c, ae, "jusqu au/a/en")))
		return 0;
	if (c->f[sp(c, ae)] == '-')
		k = sp(c, ae) + 1;
	{
		size_t k2 = kw(c, k, "le/l/the");

		k = k2 ? k2 : k;
	}
	if ((be = date_at(c, k, &b, 0)) == 0 || (bare && b.prec != 3))
		return 0;
	if (bare)
		a.m = b.m;
	if (a.prec == 1 && b.prec != 1)
		return 0;
	if (a.y == 0 && b.y == 0) {
		fill_year(c, &b);
	} else if (b.y == 0) {
		b.y = a.y;
	}
	if (a.y == 0)
		a.y = (a.m > b.m) ? b.y - 1 : b.y;
	if (a.prec == 2 && b.prec == 2 && a.m == 0)
		return 0;
	bounds(&a, &s1, &e1);
	bounds(&b, &s2, &e2);
	pm->ps = s1;
	pm->pe = e2;
	return be;
}

static size_t
since(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a;
	size_t e, k, ae;
	struct date_ymd s, x;

	if (!(e = kw(c, i, "since/depuis")))
		return 0;
	k = kw(c, e, "le/l/la/early/late/mid/debut/fin");
	k = k ? k : e;
	if ((ae = date_at(c, k, &a, 0)) == 0)
		return 0;
	fill_year(c, &a);
	bounds(&a, &s, &x);
	pm->ps = s;
	pm->pe = c->rel;
	return ae;
}

/* "qu'en 2019" is a comparison's only after "plus", "moins", "autant", "fois". */
static int
comparative_before(const struct pc *c, size_t s)
{
	static const char *const words[] = { "plus", "moins", "autant", "fois", "davantage", NULL };
	size_t lo = s > c->lo + 60 ? s - 60 : c->lo;

	for (size_t j = lo; j < s; j++)
		if (j == c->lo || !text_isalnum((unsigned char)c->f[j - 1]))
			for (size_t k = 0; words[k] != NULL; k++)
				if (text_word_at(c->f, s, j, words[k]))
					return 1;
	return 0;
}

static int
is_ref(const struct pc *c, size_t i)
{
	/* comparisons, and superlatives ("the highest number this year") */
	static const char *const cues[] = {
		"than", "compared", "comparison", "versus", "vs", "against", "rapport",
		"qu", "que", "contre", "relative", "as", "compare", "comparativement",
		"highest", "largest", "record", "worst", "grand", "eleve", "elevee", "pire", NULL
	};
	size_t lo = i > c->lo + 40 ? i - 40 : c->lo, j = i;

	while (j > lo) {
		size_t e, s;

		while (j > lo && !text_isalnum((unsigned char)c->f[j - 1])) {
			if (c->f[j - 1] == ',' || c->f[j - 1] == ';' || c->f[j - 1] == '(')
				return 0;
			j--;
		}
		e = j;
		while (j > lo && text_isalnum((unsigned char)c->f[j - 1]))
			j--;
		s = j;
		if (s < e && isdig(c->f[s]))
			return 0;
		for (size_t k = 0; cues[k] != NULL; k++)
			if (text_word_eq(cues[k], c->f + s, e - s))
				return c->f[s] != 'q' || comparative_before(c, s);
	}
	return 0;
}


/* Monday 0 .. Sunday 6; day 0 (1970-01-01) was a Thursday. */
static int
weekday(struct date_ymd d)
{
	int64_t n = date_days_from_civil(d.y, d.m, d.d);

	return (int)(((n + 3) % 7 + 7) % 7);
}

static int
weekday_word(const struct pc *c, size_t i, size_t *e)
{
	static const char *const names[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"
	};
	size_t we = text_word_end(c->f, c->hi, i);

	for (int k = 0; k < 14; k++)
		if (text_word_eq(names[k], c->f + i, we - i)) {
			*e = we;
			return k % 7;
		}
	return -1;
}

/* "on Sunday", "last Friday", "vendredi dernier", "le samedi": the latest
 * such day before the release; "over the weekend", "le week-end dernier":
 * the Saturday and Sunday before it. A weekday followed by its date is
 * left to the date ("Friday 10 July"). */
static size_t
days_of_week(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int wd, back, lead = 0;

	if ((e = kw(c, i, "over/during/on/at/this/last/past the/this/last weekend")) ||
	    (e = kw(c, i, "the/this/last weekend")) || (e = kw(c, i, "over/during/on/at the/this/last week end")) ||
	    (e = kw(c, i, "le/ce/du/au/pendant/durant week end")) ||
	    (e = kw(c, i, "le/ce/du/au/pendant/durant weekend"))) {
		if ((k = kw(c, e, "dernier/passe")) != 0)
			e = k;
		back = weekday(c->rel) + 1; /* days back to the Sunday before the release */
		pm->pe = add_days(c->rel, -(back % 7 == 0 ? 7 : back % 7));
		pm->ps = add_days(pm->pe, -1);
		return e;
	}
	k = i;
	if ((e = kw(c, i, "on/last/since/this/past/until/le/depuis/ce")) != 0) {
		lead = 1;
		k = sp(c, e);
		if ((e = kw(c, k, "past")) != 0)
			k = sp(c, e);
	}
	if ((wd = weekday_word(c, k, &we)) < 0)
		return 0;
	{
		size_t n = sp(c, we);
		struct dt d;

		if (n < c->hi && (c->f[n] == ',' ? date_at(c, n + 1, &d, 0) : date_at(c, n, &d, 0)) != 0 &&
		    d.prec == 3)
			return 0;
	}
	if ((e = kw(c, we, "dernier/passe")) != 0) {
		lead = 1;
		we = e;
	}
	if (!lead)
		return 0;
	back = (weekday(c->rel) - wd + 7) % 7;
	if (back == 0)
		back = 7;
	pm->ps = pm->pe = add_days(c->rel, -back);
	if (kw(c, i, "since/depuis") != 0)
		pm->pe = c->rel;
	return we;
}

/* "as of 29 November", "à la date du 29 novembre", "au 30 juin 2021":
 * a count at a date, whose start is not known. */
static size_t
as_of(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt d;
	size_t e, k;

	if (!(e = kw(c, i, "as of/at")) && !(e = kw(c, i, "a la date du")) &&
	    !(e = kw(c, i, "en date du")))
		return 0;
	if ((k = date_at(c, e, &d, 0)) == 0 || d.prec != 3)
		return 0;
	fill_year(c, &d);
	bounds(&d, &pm->ps, &pm->pe);
	pm->ps = pm->pe;
	pm->open = 1;
	return k;
}

/* "January - March 2024", "July to September 2020", "janvier-mars 2021":
 * a range of months with no word before it. */
static size_t
month_span(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a, b;
	size_t e, k, be;
	struct date_ymd s1, e1, s2, e2;

	if ((e = date_at(c, i, &a, 0)) == 0 || a.prec != 2)
		return 0;
	k = sp(c, e);
	if (k < c->hi && c->f[k] == '-')
		k++;
	else if ((k = kw(c, e, "to/through/a")) == 0)
		return 0;
	if ((be = date_at(c, k, &b, 0)) == 0 || b.prec != 2)
		return 0;
	if (a.y == 0 && b.y == 0)
		fill_year(c, &b);
	else if (b.y == 0)
		b.y = a.y;
	if (a.y == 0)
		a.y = a.m > b.m ? b.y - 1 : b.y;
	bounds(&a, &s1, &e1);
	bounds(&b, &s2, &e2);
	pm->ps = s1;
	pm->pe = e2;
	return be;
}

/* Which recognisers a phrase's first word may start. */
enum {
	R_RANGE = 1 << 0, R_SINCE = 1 << 1, R_ASOF = 1 << 2, R_WEEK = 1 << 3, R_COMP = 1 << 4,
	R_REL = 1 << 5, R_PART = 1 << 6, R_SPAN = 1 << 7, R_DATE = 1 << 8
};

/* The recognisers the word f[i, e) may begin (sorted table); 0 for most
 * words, which are then skipped at once. */
static int
trigger(const char *f, size_t i, size_t e)
{
	static const struct {
		const char *w;
		int mask;
	} words[] = {
		{ "a", R_ASOF },
		{ "as", R_ASOF },
		{ "at", R_ASOF | R_WEEK },
		{ "au", R_WEEK | R_COMP },
		{ "aujourd", R_REL },
		{ "between", R_RANGE },
		{ "ce", R_WEEK | R_REL },
		{ "cette", R_REL },
		{ "d", R_RANGE },
		{ "de", R_RANGE },
		{ "depuis", R_SINCE | R_WEEK | R_REL },
		{ "dernier", R_PART },
		{ "des", R_RANGE | R_COMP },
		{ "deuxieme", R_PART },
		{ "dimanche", R_WEEK },
		{ "du", R_RANGE | R_WEEK | R_COMP },
		{ "durant", R_WEEK },
		{ "during", R_WEEK },
		{ "en", R_ASOF },
		{ "entre", R_RANGE },
		{ "final", R_PART },
		{ "first", R_PART },
		{ "fourth", R_PART },
		{ "friday", R_WEEK },
		{ "from", R_RANGE },
		{ "h1", R_PART },
		{ "h2", R_PART },
		{ "hier", R_REL },
		{ "jeudi", R_WEEK },
		{ "l", R_REL },
		{ "la", R_COMP | R_REL },
		{ "last", R_WEEK | R_REL | R_PART },
		{ "le", R_WEEK | R_COMP | R_REL },
		{ "les", R_COMP | R_REL },
		{ "lundi", R_WEEK },
		{ "mardi", R_WEEK },
		{ "mercredi", R_WEEK },
		{ "monday", R_WEEK },
		{ "on", R_WEEK },
		{ "over", R_WEEK },
		{ "past", R_WEEK | R_REL },
		{ "pendant", R_WEEK },
		{ "premier", R_PART },
		{ "q1", R_PART },
		{ "q2", R_PART },
		{ "q3", R_PART },
		{ "q4", R_PART },
		{ "quatrieme", R_PART },
		{ "samedi", R_WEEK },
		{ "saturday", R_WEEK },
		{ "second", R_PART },
		{ "since", R_SINCE | R_WEEK | R_REL },
		{ "so", R_REL },
		{ "sunday", R_WEEK },
		{ "the", R_WEEK | R_COMP | R_REL },
		{ "third", R_PART },
		{ "this", R_WEEK | R_REL },
		{ "thursday", R_WEEK },
		{ "today", R_REL },
		{ "troisieme", R_PART },
		{ "tuesday", R_WEEK },
		{ "until", R_WEEK },
		{ "vendredi", R_WEEK },
		{ "wednesday", R_WEEK },
		{ "year", R_REL },
		{ "yesterday", R_REL },
	};
	size_t lo = 0, hi = sizeof(words) / sizeof(words[0]), n = e - i;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *w = words[mid].w;
		size_t k = 0;
		int r;

		while (k < n && w[k] != '\0' && w[k] == f[i + k])
			k++;
		if (k == n)
			r = w[k] == '\0' ? 0 : -1;
		else if (w[k] == '\0')
			r = 1;
		else
			r = (unsigned char)f[i + k] < (unsigned char)w[k] ? -1 : 1;
		if (r == 0)
			return words[mid].mask;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* The commonest trigger words start a phrase only before a few words: "the"
 * (days_of_week, comparative, relative) before weekend, same, previous,
 * preceding, last or prior; "at" (days_of_week) before the, this or last;
 * "as" (as_of) before of or at. Checking that word first spares the
 * recognisers' many patterns on every other "the". The lists follow the
 * patterns exactly: a word left out here is a phrase never recognised. */
static int
gate(const struct pc *c, size_t i, size_t we, int mask)
{
	static const char *const after_the[] = {
		"weekend", "same", "previous", "preceding", "last", "prior", NULL
	};
	static const char *const after_at[] = { "the", "this", "last", NULL };
	static const char *const after_as[] = { "of", "at", NULL };
	const char *const *next;
	size_t n = we - i, k, ke;

	if (n == 3 && memcmp(c->f + i, "the", 3) == 0)
		next = after_the;
	else if (n == 2 && memcmp(c->f + i, "at", 2) == 0)
		next = after_at;
	else if (n == 2 && memcmp(c->f + i, "as", 2) == 0)
		next = after_as;
	else
		return mask;
	k = sp(c, we);
	ke = text_word_end(c->f, c->hi, k);
	for (size_t j = 0; next[j] != NULL; j++)
		if (ke > k && text_word_eq(next[j], c->f + k, ke - k))
			return mask;
	return 0;
}

/* Two phrases joined by "and" ("last Friday and over the weekend") are one. */
static int
joined(const struct pc *c, size_t a, size_t b)
{
	static const char *const glue[] = { "and", "et", "over", "the", "during", "pendant", "durant", NULL };
	size_t i = a;
	int saw = 0;

	while (i < b) {
		size_t e;
		int ok = 0;

		if (c->f[i] == ' ') {
			i++;
			continue;
		}
		e = text_word_end(c->f, b, i);
		for (size_t k = 0; glue[k] != NULL && e > i; k++)
			if (text_word_eq(glue[k], c->f + i, e - i))
				ok = 1;
		if (!ok)
			return 0;
		if (i + 3 == e || i + 2 == e)
			saw |= memcmp(c->f + i, "and", 3) == 0 || memcmp(c->f + i, "et", 2) == 0;
		i = e;
	}
	return saw;
}

size_t
period_scan(const char *f, size_t len, size_t start, size_t end,
    struct date_ymd release, struct period_mention *out, size_t max)
{
	struct pc c = { f, start, end, release };
	size_t i = start, n = 0;

	(void)len;
	while (i < end) {
		struct period_mention pm;
		struct dt d;
		size_t e;

		size_t we;
		int mask;

		if (!text_isalnum((unsigned char)f[i]) || (i > start && text_isalnum((unsigned char)f[i - 1]))) {
			i++;
			continue;
		}
		we = text_word_end(f, end, i);
		/* Most words begin no temporal phrase: only the recognisers the
		 * first word can start are tried. */
		if (isdig(f[i]))
			mask = R_PART | R_DATE;
		else if (number_month(f, end, i, NULL) != 0)
			mask = R_REL | R_SPAN | R_DATE;
		else
			mask = gate(&c, i, we, trigger(f, i, we));
		if (we + 9 < end && f[we] == ' ' && memcmp(f + we + 1, "premier", 7) == 0)
			mask |= R_PART;
		if (mask == 0) {
			i = we;
			continue;
		}
		memset(&pm, 0, sizeof(pm));
		e = 0;
		if ((mask & R_RANGE) && (e = range(&c, i, &pm)) != 0)
			;
		else if ((mask & R_SINCE) && (e = since(&c, i, &pm)) != 0)
			;
		else if ((mask & R_ASOF) && (e = as_of(&c, i, &pm)) != 0)
			;
		else if ((mask & R_WEEK) && (e = days_of_week(&c, i, &pm)) != 0)
			;
		else if ((mask & R_COMP) && (e = comparative(&c, i, &pm)) != 0)
			;
		else if ((mask & R_REL) && (e = relative(&c, i, &pm)) != 0)
			;
		else if ((mask & R_PART) && (e = part_of_year(&c, i, &pm)) != 0)
			;
		else if ((mask & R_SPAN) && (e = month_span(&c, i, &pm)) != 0)
			;
		else if ((mask & R_DATE) && (e = date_at(&c, i, &d, 1)) != 0) {
			fill_year(&c, &d);
			bounds(&d, &pm.ps, &pm.pe);
		}
		if (e == 0 || e <= i) {
			i = text_word_end(f, end, i);
			continue;
		}
		pm.start = i;
		pm.end = e;
		pm.ref = pm.kind != PERIOD_ABSOLUTE || is_ref(&c, i);
		if (n > 0 && out[n - 1].ref && !pm.ref) {
			/* "the previous quarter (January - March 2024)" restates the reference */
			size_t g = out[n - 1].end;

			while (g < i && (f[g] == ' ' || f[g] == '(' || f[g] == ','))
				g++;
			pm.ref = g == i;
		}
		if (n > 0 && pm.kind == PERIOD_ABSOLUTE && !pm.open && out[n - 1].kind == PERIOD_ABSOLUTE &&
		    !out[n - 1].open && out[n - 1].ref == pm.ref && joined(&c, out[n - 1].end, i) &&
		    date_valid(pm.ps.y, pm.ps.m, pm.ps.d) && date_valid(pm.pe.y, pm.pe.m, pm.pe.d)) {
			struct period_mention *q = &out[n - 1];

			if (date_days_from_civil(pm.ps.y, pm.ps.m, pm.ps.d) <
			    date_days_from_civil(q->ps.y, q->ps.m, q->ps.d))
				q->ps = pm.ps;
			if (date_days_from_civil(pm.pe.y, pm.pe.m, pm.pe.d) >
			    date_days_from_civil(q->pe.y, q->pe.m, q->pe.d))
				q->pe = pm.pe;
			q->end = e;
			i = e;
			continue;
		}
		if (n < max && (pm.kind != PERIOD_ABSOLUTE ||
		    (date_valid(pm.ps.y, pm.ps.m, pm.ps.d) && date_valid(pm.pe.y, pm.pe.m, pm.pe.d))))
			out[n++] = pm;
		i = e;
	}
	return n;
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
		*oe = add_days(ps, -1);
		*os = date_add_months(ps, -m->shift);
		return 0;
	case PERIOD_PREVIOUS_WEEK:
		*oe = add_days(ps, -1);
		*os = add_days(ps, -7);
		return 0;
	default:
		return -1;
	}
}
