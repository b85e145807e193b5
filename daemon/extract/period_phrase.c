/*
 * period_phrase — comparison periods ("the same period last year", "the
 * previous quarter", "le mois précédent"), ranges ("between 1 July and 30
 * September", "du 1er juillet au 30 septembre", "from 4 to 22 this month",
 * "du lundi au mercredi"), as-of dates ("as of 29 November", "à ce jour")
 * and spans of months and days with no word before them ("January - March
 * 2024", "19-28 November"), in English and French (see period_int.h).
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "period_int.h"

/* A period before the reporting period, when that is known and not
 * longer than about the unit named (unit_days): "the previous quarter" of
 * a note on Q2 is Q1, a reference only when a comparison says so ("compared
 * with the previous quarter"); "in the previous quarter, 356 were killed"
 * dates the figure. Otherwise it stays relative to the figure's own period
 * (period_resolve), always as a comparison's reference. */
static void
before_report(const struct pc *c, struct period_mention *pm, int unit_days)
{
	struct date_ymd s = c->rs, e = c->re;

	pm->type = PERIOD_T_RELATIVE;
	pm->anchor = PERIOD_A_PREVIOUS;
	if (!c->has_report || (pm->kind != PERIOD_SAME && period_days(s, e) + 1 > unit_days + unit_days / 5))
		return;
	if (period_resolve(pm, s, e, &pm->ps, &pm->pe) == -1)
		return;
	pm->kind = PERIOD_ABSOLUTE;
	pm->anchor = PERIOD_A_REPORTING;
}

/* "the previous two weeks", "les dix jours précédents" (days long,
 * ending at e): before the reporting period when it is as long; as a
 * comparison's reference, or after a figure ("40 were killed in the
 * previous two weeks"), the days before the figure's own period
 * (period_resolve); opening its sentence with no comparison, that long
 * back from the publication, as "the past two weeks". */
static size_t
previous_days(const struct pc *c, size_t i, struct period_mention *pm, int days, size_t e)
{
	size_t j;

	pm->kind = PERIOD_PREVIOUS_WEEK;
	pm->shift = days;
	pm->grain = days % 7 == 0 ? PERIOD_G_WEEK : PERIOD_G_DAY;
	before_report(c, pm, days);
	if (pm->kind == PERIOD_ABSOLUTE || period_is_ref(c, i))
		return e;
	for (j = c->lo; j < i && !isdig(c->f[j]); j++)
		;
	if (j == i) {
		pm->kind = PERIOD_ABSOLUTE;
		pm->shift = 0;
		period_set(pm, period_add_days(c->rel, -days), c->rel, PERIOD_T_BACK, PERIOD_A_PUBLICATION, pm->grain);
	}
	return e;
}

/* "the same period last year", "the previous six months": relative to
 * the reporting period, or later to the main period (period_resolve). */
size_t
period_comparative(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int y, stated;
	int64_t n;

	if ((e = period_kw(c, i, "the same period/quarter/months")) ||
	    (e = period_kw(c, i, "the same reporting period")) || (e = period_kw(c, i, "la meme periode")) ||
	    (e = period_kw(c, i, "les/des memes mois/periodes"))) {
		int earlier = 0;

		k = period_year_of(c, e, &y, &stated);
		if (!stated && ((k = period_kw(c, e, "a/one year earlier/before")) != 0 ||
		    (k = period_kw(c, e, "de l annee precedente/derniere")) != 0))
			earlier = 1;
		else if (!stated)
			k = e;
		if (!stated && !earlier && c->has_prev && !period_is_ref(c, i)) {
			/* "during the same period, 35 were abducted": the period just named */
			period_set(pm, c->prev_s, c->prev_e, PERIOD_T_RELATIVE, PERIOD_A_PREVIOUS, PERIOD_G_NONE);
			return k;
		}
		pm->kind = PERIOD_SAME;
		pm->shift = -12;
		pm->ps.y = stated ? y : 0;
		if (!stated) {
			before_report(c, pm, 366);
		} else {
			pm->ref = 1;
			pm->type = PERIOD_T_RELATIVE;
			pm->anchor = PERIOD_A_PREVIOUS;
		}
		return k;
	}
	if ((e = period_kw(c, i, "the previous/preceding/last quarter")) || (e = period_kw(c, i, "le/au/du trimestre precedent"))) {
		/* "the last quarter of 2023" is a quarter of that year */
		if ((k = period_year_of(c, e, &y, &stated)) != e && stated)
			return 0;
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 3;
		pm->grain = PERIOD_G_QUARTER;
		/* "the preceding quarter of this year" is one phrase, not two */
		if ((k = period_kw(c, e, "of/in this/the year")) != 0 || (k = period_kw(c, e, "this year")) != 0)
			e = k;
		before_report(c, pm, 92);
		return e;
	}
	if ((e = period_kw(c, i, "the previous/preceding/last half")) || (e = period_kw(c, i, "le/au/du semestre precedent"))) {
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 6;
		pm->grain = PERIOD_G_HALF;
		before_report(c, pm, 184);
		return e;
	}
	if ((e = period_kw(c, i, "the previous/preceding/last month")) || (e = period_kw(c, i, "le/au/du mois precedent"))) {
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 1;
		pm->grain = PERIOD_G_MONTH;
		before_report(c, pm, 31);
		return e;
	}
	if ((e = period_kw(c, i, "la semaine precedente")) || (e = period_kw(c, i, "the previous/preceding week"))) {
		pm->kind = PERIOD_PREVIOUS_WEEK;
		pm->grain = PERIOD_G_WEEK;
		before_report(c, pm, 7);
		return e;
	}
	if ((e = period_kw(c, i, "the previous/preceding/prior")) || (e = period_kw(c, i, "les/des"))) {
		k = period_sp(c, e);
		if ((n = number_word(c->f, c->hi, k, 0, &we)) > 0 ||
		    (n = number_word(c->f, c->hi, k, 1, &we)) > 0) {
			size_t me;

			if ((me = period_kw(c, we, "months")) != 0 || (me = period_kw(c, we, "mois precedents")) != 0) {
				pm->kind = PERIOD_PREVIOUS;
				pm->shift = (int)n;
				pm->grain = PERIOD_G_MONTH;
				before_report(c, pm, 31 * (int)n);
				return me;
			}
			if ((me = period_kw(c, we, "years")) != 0 || (me = period_kw(c, we, "annees precedentes")) != 0) {
				pm->kind = PERIOD_PREVIOUS;
				pm->shift = 12 * (int)n;
				pm->grain = PERIOD_G_YEAR;
				before_report(c, pm, 366 * (int)n);
				return me;
			}
			if ((me = period_kw(c, we, "weeks/days")) != 0 || (me = period_kw(c, we, "semaines precedentes")) != 0 ||
			    (me = period_kw(c, we, "jours precedents")) != 0) {
				char u = c->f[period_sp(c, we)]; /* "weeks", "semaines"; else days */

				return previous_days(c, i, pm, (int)n * (u == 'w' || u == 's' ? 7 : 1), me);
			}
		}
	}
	return 0;
}

/* "this month", "ce mois", "last month", "du mois dernier" after a bare
 * day ("from 4 to 22 this month"): the month's number and year, the end
 * returned, or 0. */
static size_t
month_word(const struct pc *c, size_t k, struct dt *b)
{
	size_t e;
	struct date_ymd p;

	if ((e = period_kw(c, k, "of this month")) || (e = period_kw(c, k, "this month")) ||
	    (e = period_kw(c, k, "de ce mois")) || (e = period_kw(c, k, "ce mois")) ||
	    (e = period_kw(c, k, "du mois en cours"))) {
		b->y = c->rel.y;
		b->m = c->rel.m;
		return e;
	}
	if ((e = period_kw(c, k, "of last month")) || (e = period_kw(c, k, "last month")) ||
	    (e = period_kw(c, k, "du mois dernier/passe"))) {
		p = date_add_months((struct date_ymd){ c->rel.y, c->rel.m, 1 }, -1);
		b->y = p.y;
		b->m = p.m;
		return e;
	}
	return 0;
}

/* "from Monday to Wednesday", "du lundi au mercredi", "between Friday and
 * Sunday": the latest such days before the release, in order. */
static size_t
weekday_range(const struct pc *c, size_t e, struct period_mention *pm)
{
	size_t k, we;
	int a, b, back;
	struct date_ymd end;

	k = period_kw(c, e, "le/l");
	if ((a = period_weekday_word(c, period_sp(c, k ? k : e), &we)) < 0)
		return 0;
	if ((k = period_kw(c, we, "and/to/until/through/et/au/a")) == 0)
		return 0;
	if ((e = period_kw(c, k, "le/l")) != 0)
		k = e;
	if ((b = period_weekday_word(c, period_sp(c, k), &we)) < 0)
		return 0;
	back = (period_weekday(c->rel) - b + 7) % 7;
	end = period_add_days(c->rel, -(back == 0 ? 7 : back));
	period_set(pm, period_add_days(end, -((b - a + 7) % 7)), end, PERIOD_T_RANGE, PERIOD_A_PUBLICATION,
	    PERIOD_G_DAY);
	return we;
}

/* Ranges: "between A and B", "from A to B", "entre le A et le B", "du A au B". */
size_t
period_range(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a, b;
	size_t e, k, ae, be;
	int bare = 0, v;
	struct date_ymd s1, e1, s2, e2;

	if (!(e = period_kw(c, i, "between/from/entre/du/de/d/des")))
		return 0;
	pm->type = PERIOD_T_RANGE;
	if ((k = period_kw(c, e, "the beginning/start of the/this year")) ||
	    (k = period_kw(c, e, "debut de l annee")) || (k = period_kw(c, e, "le debut de l annee")) ||
	    (k = period_kw(c, e, "january/janvier"))) {
		size_t t = period_kw(c, k, "until/to/through/till/jusqu/au/a");

		if (t != 0) {
			size_t t2 = period_kw(c, t, "au/a/le/l");

			if (t2 != 0)
				t = t2;
			if ((be = period_date_at(c, t, &b, 0)) != 0 && b.prec >= 2) {
				period_fill_year(c, &b);
				period_bounds(&b, &s2, &e2);
				pm->ps = (struct date_ymd){ e2.y, 1, 1 };
				pm->pe = e2;
				return be;
			}
		}
	}
	if ((be = weekday_range(c, e, pm)) != 0)
		return be;
	k = period_kw(c, e, "le/l");
	k = k ? k : e;
	if ((ae = period_date_at(c, k, &a, 0)) == 0) {
		size_t de;

		if ((v = period_read_day(c, period_sp(c, k), &de)) <= 0)
			return 0;
		bare = 1;
		ae = de;
		a.d = v;
		a.prec = 3;
	}
	if (!(k = period_kw(c, ae, "and/to/until/till/through/et/au/a/-")) &&
	    !(k = period_kw(c, ae, "jusqu au/a/en")))
		return 0;
	if (c->f[period_sp(c, ae)] == '-')
		k = period_sp(c, ae) + 1;
	{
		size_t k2 = period_kw(c, k, "le/l/the");

		k = k2 ? k2 : k;
	}
	if ((be = period_date_at(c, k, &b, 0)) == 0 || (bare && b.prec != 3)) {
		/* "from 4 to 22 this month" */
		size_t de;

		if (!bare || (v = period_read_day(c, period_sp(c, k), &de)) <= 0 ||
		    (be = month_word(c, de, &b)) == 0)
			return 0;
		b.d = v;
		b.prec = 3;
	}
	if (bare)
		a.m = b.m;
	if (a.prec == 1 && b.prec != 1)
		return 0;
	if (a.y == 0 && b.y == 0 && !period_kw(c, be, "the")) {
		/* "between 1 March and 31 May this year", "de l'an dernier" */
		int y, stated;
		size_t ye = period_year_of(c, be, &y, &stated);

		if (ye != be) {
			b.y = stated ? y : c->rel.y;
			be = ye;
		}
	}
	if (a.y == 0 && b.y == 0) {
		period_fill_year(c, &b);
	} else if (b.y == 0) {
		b.y = a.y;
	}
	if (a.y == 0)
		a.y = (a.m > b.m) ? b.y - 1 : b.y;
	if (a.prec == 2 && b.prec == 2 && a.m == 0)
		return 0;
	period_bounds(&a, &s1, &e1);
	period_bounds(&b, &s2, &e2);
	pm->ps = s1;
	pm->pe = e2;
	pm->grain = b.prec == 3 ? PERIOD_G_DAY : b.prec == 2 ? PERIOD_G_MONTH : PERIOD_G_YEAR;
	return be;
}

/* French "au 31 mars" as an as-of date ("Au 31 janvier, le pays
 * comptait", "enregistrées au 31 mars 2023"): not the end of a range
 * ("jusqu'au 21 juillet", "du 3 au 5 juillet", read by the range
 * recognisers when they can). Its end, or 0. */
static size_t
au_as_of(const struct pc *c, size_t i)
{
	size_t e = period_kw(c, i, "au"), j = i;

	if (e == 0)
		return 0;
	while (j > c->lo && (c->f[j - 1] == ' ' || c->f[j - 1] == '\''))
		j--;
	if (j > c->lo && isdig(c->f[j - 1]))
		return 0; /* "du 3 au 5 juillet" */
	if (j >= c->lo + 5 && memcmp(c->f + j - 5, "jusqu", 5) == 0)
		return 0;
	return e;
}

/* "as of 29 November", "à la date du 15 mars", "by the end of June":
 * a count at a date, whose start is not known; "to date", "à ce jour",
 * "as of today": at the publication date. */
size_t
period_as_of(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt d;
	size_t e, k;
	struct date_ymd s;

	if ((e = period_kw(c, i, "to date")) || (e = period_kw(c, i, "a ce jour")) ||
	    (e = period_kw(c, i, "as of/at today")) || (e = period_kw(c, i, "a l heure actuelle"))) {
		period_set(pm, c->rel, c->rel, PERIOD_T_ASOF, PERIOD_A_PUBLICATION, PERIOD_G_DAY);
		pm->open = 1;
		return e;
	}
	if ((e = period_kw(c, i, "as of/at the end of")) || (e = period_kw(c, i, "by the end of"))) {
		if ((k = period_date_at(c, e, &d, 0)) == 0 || d.prec == 3)
			return 0;
		period_fill_year(c, &d);
		period_bounds(&d, &s, &pm->pe);
		period_set(pm, pm->pe, pm->pe, PERIOD_T_ASOF, PERIOD_A_NONE, d.prec == 2 ? PERIOD_G_MONTH : PERIOD_G_YEAR);
		pm->open = 1;
		return k;
	}
	if (!(e = period_kw(c, i, "as of/at")) && !(e = period_kw(c, i, "a la date du")) &&
	    !(e = period_kw(c, i, "en date du")) && !(e = au_as_of(c, i)))
		return 0;
	if ((k = period_date_at(c, e, &d, 0)) == 0 || d.prec != 3)
		return 0;
	period_fill_year(c, &d);
	period_bounds(&d, &s, &pm->pe);
	period_set(pm, pm->pe, pm->pe, PERIOD_T_ASOF, PERIOD_A_NONE, PERIOD_G_DAY);
	pm->open = 1;
	return k;
}

/* "January - March 2024", "July to September 2020", "janvier-mars 2021":
 * a range of months with no word before it. */
size_t
period_month_span(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a, b;
	size_t e, k, be;
	struct date_ymd s1, e1, s2, e2;

	if ((e = period_date_at(c, i, &a, 0)) == 0 || a.prec != 2)
		return 0;
	k = period_sp(c, e);
	if (k < c->hi && c->f[k] == '-')
		k++;
	else if ((k = period_kw(c, e, "to/through/a")) == 0)
		return 0;
	if ((be = period_date_at(c, k, &b, 0)) == 0 || b.prec != 2)
		return 0;
	if (a.y == 0 && b.y == 0)
		period_fill_year(c, &b);
	else if (b.y == 0)
		b.y = a.y;
	if (a.y == 0)
		a.y = a.m > b.m ? b.y - 1 : b.y;
	period_bounds(&a, &s1, &e1);
	period_bounds(&b, &s2, &e2);
	period_set(pm, s1, e2, PERIOD_T_RANGE, PERIOD_A_NONE, PERIOD_G_MONTH);
	return be;
}

/* "19-28 November 2020", "9 to 10 June", "1 April - 30 June 2021", "3 au
 * 5 mai": a range of days with no word before it. */
size_t
period_day_span(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a, b;
	size_t e, k, be;
	int v;
	struct date_ymd s1, e1, s2, e2;

	if ((e = period_date_at(c, i, &a, 0)) == 0 || a.prec != 3) {
		if ((v = period_read_day(c, i, &e)) <= 0)
			return 0;
		memset(&a, 0, sizeof(a));
		a.d = v;
		a.prec = 3;
	}
	k = period_sp(c, e);
	if (k < c->hi && c->f[k] == '-')
		k++;
	else if ((k = period_kw(c, e, "to/through/until/au/a")) == 0)
		return 0;
	if ((be = period_date_at(c, k, &b, 0)) == 0 || b.prec != 3)
		return 0;
	if (a.m == 0)
		a.m = b.m;
	if (b.y == 0)
		period_fill_year(c, &b);
	if (a.y == 0)
		a.y = a.m > b.m || (a.m == b.m && a.d > b.d) ? b.y - 1 : b.y;
	if (!date_valid(a.y, a.m, a.d) || !date_valid(b.y, b.m, b.d))
		return 0;
	period_bounds(&a, &s1, &e1);
	period_bounds(&b, &s2, &e2);
	if (period_days(s1, e2) < 0)
		return 0;
	period_set(pm, s1, e2, PERIOD_T_RANGE, PERIOD_A_NONE, PERIOD_G_DAY);
	return be;
}
