/*
 * period_part — parts of a year or a month (see period_int.h): quarters,
 * halves and "the first six months" ("Q3 2016", "au premier semestre"),
 * weeks, fortnights and days of a named month ("the last week of July",
 * "la seconde quinzaine d'août", "les dix premiers jours de mai"), thirds
 * ("early 2023", "mid-July", "fin juillet") and decades ("the 2010s", "les
 * années 1990"). Each is a date: the year, when not written, is the
 * reporting period's or the release's (period_fill_year).
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "period_int.h"

/* A quarter or half named by a code ("Q3", "T3", "H1", "S2"): n < 0 from
 * period_ordinal, read with the year after it. */
static size_t
coded_part(const struct pc *c, int n, size_t e, struct period_mention *pm)
{
	size_t k = e;
	int y;

	if (n <= -11)
		period_months(c, 0, n == -11 ? 1 : 7, n == -11 ? 6 : 12, pm);
	else
		period_months(c, 0, (-n - 1) * 3 + 1, -n * 3, pm);
	pm->grain = n <= -11 ? PERIOD_G_HALF : PERIOD_G_QUARTER;
	if ((y = period_read_year(c, k, &e)) > 0) {
		period_months(c, y, pm->ps.m, pm->pe.m, pm);
		k = e;
	}
	return k;
}

/* Quarters, halves and "the first N months". */
size_t
period_part_of_year(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int n, y, stated;
	int64_t nm;

	if ((n = period_ordinal(c, i, &e)) < 0)
		return coded_part(c, n, e, pm);
	if (n > 0) {
		size_t oe = e;

		k = period_sp(c, e);
		if ((e = period_kw(c, k, "half/semestre")) != 0) {
			if (n > 2)
				n = 2;
			k = period_year_of(c, e, &y, &stated);
			period_months(c, y, n == 1 ? 1 : 7, n == 1 ? 6 : 12, pm);
			pm->grain = PERIOD_G_HALF;
			return k;
		}
		if ((e = period_kw(c, k, "quarter/trimestre")) != 0) {
			k = period_year_of(c, e, &y, &stated);
			period_months(c, y, (n - 1) * 3 + 1, n * 3, pm);
			pm->grain = PERIOD_G_QUARTER;
			return k;
		}
		if (n == 1 && ((nm = number_word(c->f, c->hi, k, 0, &we)) > 0 ||
		    (isdig(c->f[k]) && (nm = period_read_int(c, k, &we, 2)) > 0)) && nm <= 12 &&
		    (e = period_kw(c, we, "months")) != 0) {
			k = period_year_of(c, e, &y, &stated);
			period_months(c, y, 1, (int)nm, pm);
			pm->grain = PERIOD_G_MONTH;
			return k;
		}
		/* "from 140 in the third quarter to 97 in the fourth": the unit of
		 * the phrase before, when no noun follows the ordinal */
		if ((c->prev_grain == PERIOD_G_QUARTER || (c->prev_grain == PERIOD_G_HALF && n <= 2)) &&
		    (k >= c->hi || !text_isalpha((unsigned char)c->f[k])) &&
		    period_kw(c, i, "last/final/dernier") == 0) {
			if (c->prev_grain == PERIOD_G_QUARTER)
				period_months(c, c->prev_s.y, (n - 1) * 3 + 1, n * 3, pm);
			else
				period_months(c, c->prev_s.y, n == 1 ? 1 : 7, n == 1 ? 6 : 12, pm);
			pm->grain = c->prev_grain;
			pm->anchor = PERIOD_A_PREVIOUS;
			return oe;
		}
		return 0;
	}
	/* "les six premiers mois de l'annee" */
	if (((nm = number_word(c->f, c->hi, i, 1, &we)) > 0 || (isdig(c->f[i]) &&
	    (nm = period_read_int(c, i, &we, 2)) > 0)) && nm <= 12 &&
	    (e = period_kw(c, we, "premiers mois")) != 0) {
		k = period_year_of(c, e, &y, &stated);
		period_months(c, y, 1, (int)nm, pm);
		pm->grain = PERIOD_G_MONTH;
		return k;
	}
	return 0;
}

/* The count of units in "the first two weeks", "les dix premiers jours":
 * a number word or digits at f[k]; 1 with *e = k when none. */
static int
unit_count(const struct pc *c, size_t k, size_t *e)
{
	int64_t v;
	int d;

	k = period_sp(c, k);
	if ((v = number_word(c->f, c->hi, k, 0, e)) > 0 || (v = number_word(c->f, c->hi, k, 1, e)) > 0)
		return v <= 31 ? (int)v : -1;
	if (isdig(c->f[k]) && (d = period_read_int(c, k, e, 2)) > 0)
		return d;
	*e = k;
	return 1;
}

/* Days in a unit word at f[k] ("week" 7, "days" 1, "quinzaine" 15); 0 when none. */
static int
unit_days(const struct pc *c, size_t k, size_t *e)
{
	if ((*e = period_kw(c, k, "day/days/jour/jours")) != 0)
		return 1;
	if ((*e = period_kw(c, k, "week/weeks/semaine/semaines")) != 0)
		return 7;
	if ((*e = period_kw(c, k, "fortnight/quinzaine")) != 0)
		return 15;
	return 0;
}

/* "of July 2021", "de juillet", "d'aout", "du mois de mai": the month
 * after a part of it; its end, or 0. */
static size_t
of_month(const struct pc *c, size_t k, struct dt *d)
{
	size_t e;

	if ((e = period_kw(c, k, "du mois de/d")) == 0 && (e = period_kw(c, k, "of/de/d/du")) == 0)
		return 0;
	if ((e = period_date_at(c, e, d, 0)) == 0 || d->prec != 2)
		return 0;
	period_fill_year(c, d);
	return e;
}

/* "the last week of July", "the first ten days of May", "la seconde
 * quinzaine d'août", "les deux dernières semaines de juin". */
size_t
period_part_of_month(const struct pc *c, size_t i, struct period_mention *pm)
{
	static const struct {
		const char *w;
		int nth; /* 1.., or -1 for the last */
	} ords[] = {
		{ "first", 1 }, { "second", 2 }, { "third", 3 }, { "fourth", 4 }, { "last", -1 },
		{ "final", -1 }, { "premiere", 1 }, { "premier", 1 }, { "premieres", 1 },
		{ "premiers", 1 }, { "deuxieme", 2 }, { "seconde", 2 }, { "troisieme", 3 },
		{ "derniere", -1 }, { "dernier", -1 }, { "dernieres", -1 }, { "derniers", -1 },
	};
	size_t k, e = 0, we;
	int nth = 0, n = 1, unit, ml, first, last;
	struct dt d;

	if ((k = period_kw(c, i, "the/la/le/les")) == 0)
		k = i;
	k = period_sp(c, k);
	/* French puts the count first: "les dix premiers jours" */
	if ((isdig(c->f[k]) || text_isalpha((unsigned char)c->f[k])) && period_kw(c, k, "premier/premiere/last/first") == 0 &&
	    (n = unit_count(c, k, &e)) > 1)
		k = period_sp(c, e);
	else
		n = 1;
	we = text_word_end(c->f, c->hi, k);
	for (size_t j = 0; j < sizeof(ords) / sizeof(ords[0]) && nth == 0; j++)
		if (we > k && text_word_eq(ords[j].w, c->f + k, we - k))
			nth = ords[j].nth;
	if (nth == 0)
		return 0;
	e = we;
	if (n == 1 && (n = unit_count(c, we, &e)) < 1)
		return 0;
	if ((unit = unit_days(c, e, &e)) == 0 || (e = of_month(c, e, &d)) == 0)
		return 0;
	ml = date_days_in_month(d.y, d.m);
	if (unit == 15) {
		first = nth == 1 ? 1 : 16;
		last = nth == 1 ? 15 : ml;
	} else if (nth < 0) {
		first = ml - n * unit + 1;
		last = ml;
	} else {
		first = (nth - 1) * n * unit + 1;
		last = first + n * unit - 1;
	}
	if (first < 1 || first > ml)
		return 0;
	if (last > ml)
		last = ml;
	period_set(pm, (struct date_ymd){ d.y, d.m, first }, (struct date_ymd){ d.y, d.m, last },
	    PERIOD_T_DATE, PERIOD_A_NONE, unit == 1 ? PERIOD_G_DAY : PERIOD_G_WEEK);
	return e;
}

/* "early 2023", "mid-July", "late July 2021", "début 2023", "mi-juillet",
 * "fin juillet", "the end of July", "à la fin de l'année": the year or
 * month named keeps its full bounds, as named months do (a third of it
 * would be a guess the release does not make). */
static size_t
thirds(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k;
	int y, stated;
	struct dt d;

	/* a cheap look first: "the" and "au" open most phrases, few a third */
	if (c->f[i] == 't' || c->f[i] == 'a') {
		size_t n = period_sp(c, text_word_end(c->f, c->hi, i));

		if (n >= c->hi || (c->f[n] != 'b' && c->f[n] != 's' && c->f[n] != 'm' && c->f[n] != 'e' &&
		    c->f[n] != 'd' && c->f[n] != 'l'))
			return 0;
	}
	if (!(e = period_kw(c, i, "early/debut/mid/mi/middle/late/fin")) &&
	    !(e = period_kw(c, i, "the beginning/start/middle/end of")) &&
	    !(e = period_kw(c, i, "beginning/start/middle/end of")) &&
	    !(e = period_kw(c, i, "au debut/milieu de/d/du")) && !(e = period_kw(c, i, "a la fin de/d/du")))
		return 0;
	if ((k = period_kw(c, e, "de/d/du")) != 0 && c->f[i] != 't' && c->f[i] != 'b' && c->f[i] != 'm')
		e = k; /* "fin de juillet", "début d'année" */
	if (e < c->hi && c->f[e] == '-')
		e++;
	if ((k = period_date_at(c, e, &d, 0)) != 0 && d.prec == 2) {
		period_fill_year(c, &d);
		period_months(c, d.y, d.m, d.m, pm);
		return k;
	}
	if ((k = period_date_at(c, e, &d, 0)) != 0 && d.prec == 1)
		y = d.y;
	else if ((k = period_year_of(c, e, &y, &stated)) == e || k == 0)
		return 0;
	else if (y == 0)
		y = c->rel.y;
	period_set(pm, (struct date_ymd){ y, 1, 1 }, (struct date_ymd){ y, 12, 31 }, PERIOD_T_DATE,
	    PERIOD_A_NONE, PERIOD_G_YEAR);
	return k;
}

/* "the 2010s", "les années 1990": the ten years of a decade. Also years
 * and months with a modifier (thirds). */
size_t
period_decade(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k = i;
	int y;

	if ((e = period_kw(c, i, "les annees")) != 0)
		k = period_sp(c, e);
	else if (!isdig(c->f[i]))
		return thirds(c, i, pm);
	if ((y = period_read_int(c, k, &e, 4)) < 1900 || y > 2090 || y % 10 != 0 || e - k != 4)
		return 0;
	if (e < c->hi && c->f[e] == 's' && (e + 1 == c->hi || !text_isalnum((unsigned char)c->f[e + 1])))
		e++;
	else if (k == i)
		return 0; /* a bare year is a year, not a decade */
	period_set(pm, (struct date_ymd){ y, 1, 1 }, (struct date_ymd){ y + 9, 12, 31 },
	    PERIOD_T_DATE, PERIOD_A_NONE, PERIOD_G_DECADE);
	return e;
}
