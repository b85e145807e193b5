/*
 * period_phrase — the temporal phrases period_scan tries at a word (see
 * period_int.h): parts of a year, phrases relative to the release date,
 * comparison periods, ranges, "since", days of the week, "as of" and spans
 * of months, in English and French.
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "period_int.h"

/* Quarters, halves and "the first N months". */
size_t
period_part_of_year(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int n, y, stated;
	int64_t nm;

	if ((n = period_ordinal(c, i, &e)) < 0) {
		if (n <= -11)
			period_months(c, 0, n == -11 ? 1 : 7, n == -11 ? 6 : 12, pm);
		if (n > -11)
			period_months(c, 0, (-n - 1) * 3 + 1, -n * 3, pm);
		k = e;
		if ((y = period_read_year(c, k, &e)) > 0) {
			period_months(c, y, pm->ps.m, pm->pe.m, pm);
			k = e;
		}
		return k;
	}
	if (n > 0) {
		k = period_sp(c, e);
		if ((e = period_kw(c, k, "half/semestre")) != 0) {
			if (n > 2)
				n = 2;
			k = period_year_of(c, e, &y, &stated);
			period_months(c, y, n == 1 ? 1 : 7, n == 1 ? 6 : 12, pm);
			return k;
		}
		if ((e = period_kw(c, k, "quarter/trimestre")) != 0) {
			k = period_year_of(c, e, &y, &stated);
			period_months(c, y, (n - 1) * 3 + 1, n * 3, pm);
			return k;
		}
		if (n == 1 && (nm = number_word(c->f, c->hi, k, 0, &we)) > 0 && nm <= 12 &&
		    (e = period_kw(c, we, "months")) != 0) {
			k = period_year_of(c, e, &y, &stated);
			period_months(c, y, 1, (int)nm, pm);
			return k;
		}
		return 0;
	}
	/* "les six premiers mois de l'annee" */
	if ((nm = number_word(c->f, c->hi, i, 1, &we)) > 0 && nm <= 12 &&
	    (e = period_kw(c, we, "premiers mois")) != 0) {
		k = period_year_of(c, e, &y, &stated);
		period_months(c, y, 1, (int)nm, pm);
		return k;
	}
	if (isdig(c->f[i]) && (n = period_read_int(c, i, &we, 2)) > 0 && n <= 12 &&
	    (e = period_kw(c, we, "premiers mois")) != 0) {
		k = period_year_of(c, e, &y, &stated);
		period_months(c, y, 1, n, pm);
		return k;
	}
	return 0;
}

/* Phrases relative to the release date. */
size_t
period_relative(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct date_ymd r = c->rel;
	size_t e, we;
	int64_t n;
	int m;

	if ((e = period_kw(c, i, "so far this year")) || (e = period_kw(c, i, "this year")) ||
	    (e = period_kw(c, i, "cette annee")) || (e = period_kw(c, i, "l annee en cours")) ||
	    (e = period_kw(c, i, "since the beginning/start of the/this year")) ||
	    (e = period_kw(c, i, "depuis le debut de l annee")) ||
	    (e = period_kw(c, i, "depuis le debut de cette annee")) ||
	    (e = period_kw(c, i, "year to date"))) {
		pm->ps = (struct date_ymd){ r.y, 1, 1 };
		pm->pe = r;
		return e;
	}
	if ((e = period_kw(c, i, "last year")) || (e = period_kw(c, i, "l annee derniere/passee")) ||
	    (e = period_kw(c, i, "l an dernier/passe")) || (e = period_kw(c, i, "the previous year"))) {
		pm->ps = (struct date_ymd){ r.y - 1, 1, 1 };
		pm->pe = (struct date_ymd){ r.y - 1, 12, 31 };
		return e;
	}
	if ((e = period_kw(c, i, "last month")) || (e = period_kw(c, i, "le mois dernier/passe"))) {
		struct date_ymd p = date_add_months((struct date_ymd){ r.y, r.m, 1 }, -1);

		period_months(c, p.y, p.m, p.m, pm);
		return e;
	}
	if ((e = period_kw(c, i, "this month")) || (e = period_kw(c, i, "ce mois"))) {
		pm->ps = (struct date_ymd){ r.y, r.m, 1 };
		pm->pe = r;
		return e;
	}
	if ((e = period_kw(c, i, "past/last week")) || (e = period_kw(c, i, "la semaine derniere/ecoulee/passee")) ||
	    (e = period_kw(c, i, "past/last seven/7 days")) || (e = period_kw(c, i, "les sept/7 derniers jours"))) {
		pm->ps = period_add_days(r, -7);
		pm->pe = r;
		return e;
	}
	if ((e = period_kw(c, i, "today/aujourd")) || (e = period_kw(c, i, "this morning")) || (e = period_kw(c, i, "ce matin"))) {
		pm->ps = pm->pe = r;
		return e;
	}
	if ((e = period_kw(c, i, "yesterday/hier")) || (e = period_kw(c, i, "last night"))) {
		pm->ps = pm->pe = period_add_days(r, -1);
		return e;
	}
	if ((e = period_kw(c, i, "last")) != 0 && (m = number_month(c->f, c->hi, period_sp(c, e), &we)) != 0) {
		int y = m < r.m ? r.y : r.y - 1;

		period_months(c, y, m, m, pm);
		return we;
	}
	if ((m = number_month(c->f, c->hi, i, &we)) != 0 && (e = period_kw(c, we, "dernier/passe")) != 0) {
		int y = m < r.m ? r.y : r.y - 1;

		period_months(c, y, m, m, pm);
		return e;
	}
	if ((e = period_kw(c, i, "past/last")) != 0) {
		size_t k = period_sp(c, e), ue;

		if ((n = number_word(c->f, c->hi, k, 0, &we)) > 0 || (isdig(c->f[k]) &&
		    (n = period_read_int(c, k, &we, 3)) > 0)) {
			if ((ue = period_kw(c, we, "days")) != 0) {
				pm->ps = period_add_days(r, -(int)n);
				pm->pe = r;
				return ue;
			}
			if ((ue = period_kw(c, we, "weeks")) != 0) {
				pm->ps = period_add_days(r, -7 * (int)n);
				pm->pe = r;
				return ue;
			}
			if ((ue = period_kw(c, we, "months")) != 0) {
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
size_t
period_comparative(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int y, stated;
	int64_t n;

	if ((e = period_kw(c, i, "the same period/quarter/months")) ||
	    (e = period_kw(c, i, "the same reporting period")) || (e = period_kw(c, i, "la meme periode"))) {
		k = period_year_of(c, e, &y, &stated);
		if (!stated && (k = period_kw(c, e, "a/one year earlier/before")) == 0 &&
		    (k = period_kw(c, e, "de l annee precedente/derniere")) == 0)
			k = e;
		pm->kind = PERIOD_SAME;
		pm->shift = -12;
		pm->ps.y = stated ? y : 0;
		return k;
	}
	if ((e = period_kw(c, i, "the previous/preceding/last quarter")) || (e = period_kw(c, i, "le trimestre precedent"))) {
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 3;
		/* "the previous quarter this year" is one phrase, not two */
		if ((k = period_kw(c, e, "of/in this/the year")) != 0 || (k = period_kw(c, e, "this year")) != 0)
			e = k;
		return e;
	}
	if ((e = period_kw(c, i, "the previous/preceding/last month")) || (e = period_kw(c, i, "le/au/du mois precedent"))) {
		pm->kind = PERIOD_PREVIOUS;
		pm->shift = 1;
		return e;
	}
	if ((e = period_kw(c, i, "la semaine precedente")) || (e = period_kw(c, i, "the previous/preceding week"))) {
		pm->kind = PERIOD_PREVIOUS_WEEK;
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
				return me;
			}
		}
	}
	return 0;
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
	if ((be = period_date_at(c, k, &b, 0)) == 0 || (bare && b.prec != 3))
		return 0;
	if (bare)
		a.m = b.m;
	if (a.prec == 1 && b.prec != 1)
		return 0;
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
	return be;
}

size_t
period_since(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a;
	size_t e, k, ae;
	struct date_ymd s, x;

	if (!(e = period_kw(c, i, "since/depuis")))
		return 0;
	k = period_kw(c, e, "le/l/la/early/late/mid/debut/fin");
	k = k ? k : e;
	if ((ae = period_date_at(c, k, &a, 0)) == 0)
		return 0;
	period_fill_year(c, &a);
	period_bounds(&a, &s, &x);
	pm->ps = s;
	pm->pe = c->rel;
	return ae;
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
size_t
period_days_of_week(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int wd, back, lead = 0;

	if ((e = period_kw(c, i, "over/during/on/at/this/last/past the/this/last weekend")) ||
	    (e = period_kw(c, i, "the/this/last weekend")) || (e = period_kw(c, i, "over/during/on/at the/this/last week end")) ||
	    (e = period_kw(c, i, "le/ce/du/au/pendant/durant week end")) ||
	    (e = period_kw(c, i, "le/ce/du/au/pendant/durant weekend"))) {
		if ((k = period_kw(c, e, "dernier/passe")) != 0)
			e = k;
		back = weekday(c->rel) + 1; /* days back to the Sunday before the release */
		pm->pe = period_add_days(c->rel, -(back % 7 == 0 ? 7 : back % 7));
		pm->ps = period_add_days(pm->pe, -1);
		return e;
	}
	k = i;
	if ((e = period_kw(c, i, "on/last/since/this/past/until/le/depuis/ce")) != 0) {
		lead = 1;
		k = period_sp(c, e);
		if ((e = period_kw(c, k, "past")) != 0)
			k = period_sp(c, e);
	}
	if ((wd = weekday_word(c, k, &we)) < 0)
		return 0;
	{
		size_t n = period_sp(c, we);
		struct dt d;

		if (n < c->hi && (c->f[n] == ',' ? period_date_at(c, n + 1, &d, 0) : period_date_at(c, n, &d, 0)) != 0 &&
		    d.prec == 3)
			return 0;
	}
	if ((e = period_kw(c, we, "dernier/passe")) != 0) {
		lead = 1;
		we = e;
	}
	if (!lead)
		return 0;
	back = (weekday(c->rel) - wd + 7) % 7;
	if (back == 0)
		back = 7;
	pm->ps = pm->pe = period_add_days(c->rel, -back);
	if (period_kw(c, i, "since/depuis") != 0)
		pm->pe = c->rel;
	return we;
}

/* "as of 29 November", "à la date du 29 novembre", "au 30 juin 2021":
 * a count at a date, whose start is not known. */
size_t
period_as_of(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt d;
	size_t e, k;

	if (!(e = period_kw(c, i, "as of/at")) && !(e = period_kw(c, i, "a la date du")) &&
	    !(e = period_kw(c, i, "en date du")))
		return 0;
	if ((k = period_date_at(c, e, &d, 0)) == 0 || d.prec != 3)
		return 0;
	period_fill_year(c, &d);
	period_bounds(&d, &pm->ps, &pm->pe);
	pm->ps = pm->pe;
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
	pm->ps = s1;
	pm->pe = e2;
	return be;
}
