/*
 * period_anchor — phrases resolved against an anchor (see period_int.h):
 * the publication date ("this year", "last month", "yesterday", "Thursday",
 * "over the past two weeks", "en six mois", "since 3 October", "the week
 * to 16 April", "des dix jours précédant le 3 mai"), the
 * reporting period ("during the period under review", "le mois sous
 * revue"), and the previous expression ("the day before", "le lendemain",
 * "two days later", "since then"). Vague times ("in recent days") are
 * recognised so that they give no period rather than a guessed one.
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "period_int.h"

static void
day(struct period_mention *pm, struct date_ymd d, int anchor)
{
	period_set(pm, d, d, PERIOD_T_RELATIVE, anchor, PERIOD_G_DAY);
}

/* The Monday of the week of d. */
static struct date_ymd
monday(struct date_ymd d)
{
	return period_add_days(d, -period_weekday(d));
}

/* Phrases relative to the publication date. */
size_t
period_relative(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct date_ymd r = c->rel;
	size_t e, we;
	int m;

	if ((e = period_kw(c, i, "so far this year")) || (e = period_kw(c, i, "this year")) ||
	    (e = period_kw(c, i, "cette annee")) || (e = period_kw(c, i, "l annee en cours")) ||
	    (e = period_kw(c, i, "since the beginning/start of the/this year")) ||
	    (e = period_kw(c, i, "depuis le debut de l annee")) ||
	    (e = period_kw(c, i, "depuis le debut de cette annee")) ||
	    (e = period_kw(c, i, "year to date"))) {
		period_set(pm, (struct date_ymd){ r.y, 1, 1 }, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_YEAR);
		return e;
	}
	if ((e = period_kw(c, i, "the previous/preceding year")) || (e = period_kw(c, i, "l annee precedente"))) {
		/* the year before the one reported on, else before the publication's */
		int y = (c->has_report ? c->re.y : r.y) - 1;

		period_set(pm, (struct date_ymd){ y, 1, 1 }, (struct date_ymd){ y, 12, 31 }, PERIOD_T_RELATIVE,
		    c->has_report ? PERIOD_A_REPORTING : PERIOD_A_PUBLICATION, PERIOD_G_YEAR);
		return e;
	}
	if ((e = period_kw(c, i, "last year")) || (e = period_kw(c, i, "l annee derniere/passee")) ||
	    (e = period_kw(c, i, "l an dernier/passe"))) {
		period_set(pm, (struct date_ymd){ r.y - 1, 1, 1 }, (struct date_ymd){ r.y - 1, 12, 31 },
		    PERIOD_T_RELATIVE, PERIOD_A_PUBLICATION, PERIOD_G_YEAR);
		return e;
	}
	if ((e = period_kw(c, i, "last month")) || (e = period_kw(c, i, "le mois dernier/passe"))) {
		struct date_ymd p = date_add_months((struct date_ymd){ r.y, r.m, 1 }, -1);

		period_months(c, p.y, p.m, p.m, pm);
		pm->type = PERIOD_T_RELATIVE;
		pm->anchor = PERIOD_A_PUBLICATION;
		return e;
	}
	if ((e = period_kw(c, i, "so far this month")) || (e = period_kw(c, i, "this month")) ||
	    (e = period_kw(c, i, "ce mois")) || (e = period_kw(c, i, "depuis le debut du mois"))) {
		period_set(pm, (struct date_ymd){ r.y, r.m, 1 }, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_MONTH);
		return e;
	}
	if ((e = period_kw(c, i, "so far in")) != 0 && (m = number_month(c->f, c->hi, period_sp(c, e), &we)) != 0 &&
	    m <= r.m) {
		/* "so far in April": that month up to the publication */
		period_set(pm, (struct date_ymd){ r.y, m, 1 }, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_MONTH);
		return we;
	}
	if ((e = period_kw(c, i, "this quarter")) || (e = period_kw(c, i, "ce trimestre"))) {
		period_set(pm, (struct date_ymd){ r.y, (r.m - 1) / 3 * 3 + 1, 1 }, r, PERIOD_T_OPEN,
		    PERIOD_A_PUBLICATION, PERIOD_G_QUARTER);
		return e;
	}
	if ((e = period_kw(c, i, "this week")) || (e = period_kw(c, i, "cette semaine"))) {
		period_set(pm, monday(r), r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_WEEK);
		return e;
	}
	if ((e = period_kw(c, i, "past/last week")) || (e = period_kw(c, i, "la semaine derniere/ecoulee/passee")) ||
	    (e = period_kw(c, i, "past/last seven/7 days")) || (e = period_kw(c, i, "les sept/7 derniers jours"))) {
		period_set(pm, period_add_days(r, -7), r, PERIOD_T_BACK, PERIOD_A_PUBLICATION, PERIOD_G_WEEK);
		return e;
	}
	if ((e = period_kw(c, i, "today/aujourd/tonight")) || (e = period_kw(c, i, "this morning/afternoon/evening")) ||
	    (e = period_kw(c, i, "ce matin/soir")) || (e = period_kw(c, i, "cet apres midi"))) {
		if (c->f[i] == 'a' && (we = period_kw(c, e, "hui")) != 0)
			e = we;
		day(pm, r, PERIOD_A_PUBLICATION);
		return e;
	}
	if ((e = period_kw(c, i, "the day before yesterday")) || (e = period_kw(c, i, "avant hier"))) {
		day(pm, period_add_days(r, -2), PERIOD_A_PUBLICATION);
		return e;
	}
	if ((e = period_kw(c, i, "yesterday/hier")) || (e = period_kw(c, i, "last night")) ||
	    (e = period_kw(c, i, "la nuit derniere"))) {
		if ((we = period_kw(c, e, "soir/matin")) != 0)
			e = we;
		day(pm, period_add_days(r, -1), PERIOD_A_PUBLICATION);
		return e;
	}
	if (((e = period_kw(c, i, "last")) != 0 && (m = number_month(c->f, c->hi, period_sp(c, e), &we)) != 0) ||
	    ((m = number_month(c->f, c->hi, i, &e)) != 0 && (we = period_kw(c, e, "dernier/passe")) != 0)) {
		period_months(c, m < r.m ? r.y : r.y - 1, m, m, pm);
		pm->type = PERIOD_T_RELATIVE;
		pm->anchor = PERIOD_A_PUBLICATION;
		return we;
	}
	/* times too vague to resolve: recognised so that none is guessed */
	if ((e = period_kw(c, i, "earlier this year")) || (e = period_kw(c, i, "plus tot cette annee"))) {
		period_set(pm, (struct date_ymd){ r.y, 1, 1 }, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_YEAR);
		return e;
	}
	if ((e = period_kw(c, i, "earlier this month")) || (e = period_kw(c, i, "plus tot ce mois"))) {
		period_set(pm, (struct date_ymd){ r.y, r.m, 1 }, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_MONTH);
		return e;
	}
	/* "earlier" alone; "earlier in March", "earlier on 3 May" leave the
	 * time to the words after */
	if (((e = period_kw(c, i, "earlier/previously")) || (e = period_kw(c, i, "precedemment/auparavant"))) &&
	    !period_kw(c, e, "in/on/this/that/last/during/today/yesterday/en/le/ce/cette/cet/au/dans") &&
	    !period_kw(c, e, "since/depuis")) {
		pm->type = PERIOD_T_VAGUE;
		pm->anchor = PERIOD_A_PUBLICATION;
		return e;
	}
	if ((e = period_kw(c, i, "recent days/weeks/months")) || (e = period_kw(c, i, "past/last few/several days/weeks/months")) ||
	    (e = period_kw(c, i, "past/last days/weeks/months")) || (e = period_kw(c, i, "recemment")) ||
	    (e = period_kw(c, i, "ces derniers jours/mois")) || (e = period_kw(c, i, "ces dernieres semaines")) ||
	    (e = period_kw(c, i, "les derniers jours/mois")) || (e = period_kw(c, i, "les dernieres semaines"))) {
		pm->type = PERIOD_T_VAGUE;
		pm->anchor = PERIOD_A_PUBLICATION;
		return e;
	}
	return 0;
}

/* A unit of time at f[k]: its length in days (> 0) or in months (< 0);
 * 0 when none. Hours count in days (24 hours, one day). */
static int
unit_at(const struct pc *c, size_t k, size_t *e, int *hours)
{
	*hours = 0;
	if ((*e = period_kw(c, k, "day/days/jour/jours")) != 0)
		return 1;
	if ((*e = period_kw(c, k, "week/weeks/semaine/semaines")) != 0)
		return 7;
	if ((*e = period_kw(c, k, "month/months/mois")) != 0)
		return -1;
	if ((*e = period_kw(c, k, "year/years/an/ans/annee/annees")) != 0)
		return -12;
	if ((*e = period_kw(c, k, "decade/decades/decennie/decennies")) != 0)
		return -120;
	if ((*e = period_kw(c, k, "hours/heures")) != 0) {
		*hours = 1;
		return 1;
	}
	return 0;
}

/* n units back from the publication, to it; or the reporting period when
 * it ends near the publication and lasts as long ("en six mois" in a note
 * on the first half of the year is that half). */
static void
back_from(const struct pc *c, struct period_mention *pm, int n, int unit, int hours)
{
	struct date_ymd s, d = c->rel;
	long len, rlen;

	if (hours)
		n = (n + 23) / 24;
	s = unit > 0 ? period_add_days(d, -n * unit) : date_add_months(d, n * unit);
	period_set(pm, s, d, PERIOD_T_BACK, PERIOD_A_PUBLICATION,
	    unit == 1 ? PERIOD_G_DAY : unit == 7 ? PERIOD_G_WEEK : unit == -1 ? PERIOD_G_MONTH :
	    unit == -12 ? PERIOD_G_YEAR : PERIOD_G_DECADE);
	if (!c->has_report)
		return;
	len = period_days(s, d);
	rlen = period_days(c->rs, c->re) + 1;
	if (labs(len - rlen) <= (len / 20 > 3 ? len / 20 : 3) && period_days(c->re, d) >= 0 &&
	    period_days(c->re, d) <= 10) {
		pm->ps = c->rs;
		pm->pe = c->re;
		pm->anchor = PERIOD_A_REPORTING;
	}
}

/* A count at f[k] (a number word or digits), 1 with *e = k when the unit
 * comes straight away (allow_none), -1 when none. */
static int
count_at(const struct pc *c, size_t k, size_t *e, int allow_none)
{
	int64_t v;
	int d;

	k = period_sp(c, k);
	if ((v = number_word(c->f, c->hi, k, 0, e)) > 0 || (v = number_word(c->f, c->hi, k, 1, e)) > 0)
		return v <= 1000 ? (int)v : -1;
	if (k < c->hi && isdig(c->f[k]) && (d = period_read_int(c, k, e, 3)) > 0)
		return d;
	*e = k;
	return allow_none ? 1 : -1;
}

/* "over the past two weeks", "in the last 5 days", "the past three
 * years", "the past decade", "within five days", "en six mois", "en
 * l'espace de trois semaines", "au cours des deux derniers mois", "ces
 * six dernières semaines", "la dernière décennie": that much time back
 * from the publication date. */
size_t
period_back(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, ue;
	int n, unit, hours;

	if ((e = period_kw(c, i, "past/last/within")) != 0 || (e = period_kw(c, i, "en l espace de")) != 0 ||
	    (e = period_kw(c, i, "en")) != 0) {
		int fr = c->f[i] == 'e';

		/* "the past decade", "the past year": one unit when no count is written */
		if ((n = count_at(c, e, &k, !fr && c->f[i] != 'w')) < 1 || (unit = unit_at(c, k, &ue, &hours)) == 0)
			return 0;
		if (n == 1 && k == period_sp(c, e) && unit == 1)
			return 0; /* "the past day" is yesterday, said otherwise */
		back_from(c, pm, n, unit, hours);
		if ((k = period_kw(c, ue, "ecoules/ecoulees/passes/passees")) != 0)
			ue = k;
		return ue;
	}
	if ((e = period_kw(c, i, "les/des/ces")) != 0) {
		if ((n = count_at(c, e, &k, 0)) < 1 || (k = period_kw(c, k, "derniers/dernieres")) == 0 ||
		    (unit = unit_at(c, k, &ue, &hours)) == 0)
			return 0;
		back_from(c, pm, n, unit, hours);
		return ue;
	}
	if ((e = period_kw(c, i, "l annee ecoulee"))) {
		back_from(c, pm, 1, -12, 0);
		return e;
	}
	if ((e = period_kw(c, i, "la/cette derniere decennie")) || (e = period_kw(c, i, "la decennie ecoulee"))) {
		back_from(c, pm, 1, -120, 0);
		return e;
	}
	return 0;
}

/* "the week to 16 April", "the seven days to 3 May", "the two weeks ending
 * 12 March", "the ten days before 3 May", "la semaine qui s'est achevée le
 * 16 avril", "des dix jours précédant le 3 mai": a span of days, weeks or
 * months ending on a day. "to", "ending", "up to", "qui s'est achevée le"
 * count that day; "before", "preceding", "précédant le" stop the day
 * before it. The span's length is counted back from its last day; a span
 * of months ending on a month's last day is whole months ("the three
 * months to 30 June" is April to June). */
size_t
period_span_to(const struct pc *c, size_t i, struct period_mention *pm)
{
	static const char *const incl[] = {
		"to", "up to", "ending on", "ending", "ended", "through", "until", "qui s est achevee/terminee/close le",
		"qui a pris fin le", "s achevant le", "se terminant le", "close le", "allant jusqu au", "jusqu au", NULL
	};
	static const char *const excl[] = {
		"before", "preceding", "prior to", "leading up to", "precedant le", "qui a/ont precede le",
		"ayant precede le", "avant le", NULL
	};
	size_t e, k, ue, de = 0;
	int n, unit, hours, before = -1;
	struct dt d;
	struct date_ymd s, x;

	if ((e = period_kw(c, i, "the/la/les/des/ces")) == 0 || (n = count_at(c, e, &k, 1)) < 1 ||
	    (unit = unit_at(c, k, &ue, &hours)) == 0 || hours || unit < -1)
		return 0;
	for (size_t j = 0; before < 0 && incl[j] != NULL; j++)
		if ((de = period_kw(c, ue, incl[j])) != 0)
			before = 0;
	for (size_t j = 0; before < 0 && excl[j] != NULL; j++)
		if ((de = period_kw(c, ue, excl[j])) != 0)
			before = 1;
	if (before < 0)
		return 0;
	if ((k = period_kw(c, de, "on/the/le")) != 0)
		de = k;
	if ((e = period_date_at(c, de, &d, 0)) == 0 || d.prec != 3)
		return 0;
	period_fill_year(c, &d);
	period_bounds(&d, &s, &x);
	if (before)
		x = period_add_days(x, -1);
	if (unit > 0)
		s = period_add_days(x, 1 - n * unit);
	else if (x.d == date_days_in_month(x.y, x.m))
		s = date_add_months((struct date_ymd){ x.y, x.m, 1 }, 1 - n);
	else
		s = period_add_days(date_add_months(x, -n), 1);
	period_set(pm, s, x, PERIOD_T_RANGE, PERIOD_A_NONE,
	    unit == 1 ? PERIOD_G_DAY : unit == 7 ? PERIOD_G_WEEK : PERIOD_G_MONTH);
	return e;
}

/* "since the start of the offensive on 11 January", "depuis le début des
 * affrontements, le 11 janvier", "depuis l'arrivée de la force, en avril
 * 2014": after "since", a few words naming an event (no figure, no
 * punctuation but a comma before the date), then the date it began (after
 * the comma: a day, or a month or year after "en" / "in"). Returns the
 * date's end and *d, or 0. */
static size_t
since_event(const struct pc *c, size_t e, struct dt *d)
{
	static const char *const preps[] = { "on", "in", "of", "at", "le", "du", "de", "d", "en", NULL };
	size_t i = e, k;

	for (int words = 0; words < 9; words++) {
		size_t we;

		i = period_sp(c, i);
		if (i < c->hi && c->f[i] == ',') {
			if ((k = period_kw(c, i + 1, "en/in")) != 0)
				return (k = period_date_at(c, k, d, 0)) != 0 && d->prec >= 1 ? k : 0;
			k = period_kw(c, i + 1, "le/on");
			return k != 0 && (k = period_date_at(c, k, d, 0)) != 0 && d->prec >= 2 ? k : 0;
		}
		if (i >= c->hi || !text_isalpha((unsigned char)c->f[i]))
			return 0;
		we = text_word_end(c->f, c->hi, i);
		for (size_t p = 0; words > 0 && preps[p] != NULL; p++)
			if (text_word_eq(preps[p], c->f + i, we - i) && (k = period_date_at(c, we, d, 0)) != 0 &&
			    d->prec >= 1 && (d->prec >= 2 || strcmp(preps[p], "in") == 0 || strcmp(preps[p], "en") == 0))
				return k;
		i = we;
	}
	return 0;
}

size_t
period_since(const struct pc *c, size_t i, struct period_mention *pm)
{
	struct dt a;
	struct period_mention t;
	size_t e, k, ae;
	struct date_ymd s, x, r = c->rel;

	if (!(e = period_kw(c, i, "since/depuis")))
		return 0;
	if ((k = period_kw(c, e, "last week")) || (k = period_kw(c, e, "la semaine derniere/passee"))) {
		/* the Monday of the week before */
		period_set(pm, period_add_days(monday(r), -7), r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_WEEK);
		return k;
	}
	if ((k = period_kw(c, e, "last month")) || (k = period_kw(c, e, "le mois dernier/passe"))) {
		period_set(pm, date_add_months((struct date_ymd){ r.y, r.m, 1 }, -1), r, PERIOD_T_OPEN,
		    PERIOD_A_PUBLICATION, PERIOD_G_MONTH);
		return k;
	}
	if ((k = period_kw(c, e, "last year")) || (k = period_kw(c, e, "l annee derniere/passee")) ||
	    (k = period_kw(c, e, "l an dernier/passe"))) {
		period_set(pm, (struct date_ymd){ r.y - 1, 1, 1 }, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, PERIOD_G_YEAR);
		return k;
	}
	if ((k = period_kw(c, e, "then")) || (k = period_kw(c, e, "lors"))) {
		if (!c->has_prev)
			return 0;
		period_set(pm, c->prev_s, r, PERIOD_T_OPEN, PERIOD_A_PREVIOUS, PERIOD_G_DAY);
		return k;
	}
	k = period_kw(c, e, "le/l/la");
	k = k ? k : e;
	memset(&t, 0, sizeof(t));
	if ((ae = period_decade(c, k, &t)) != 0 && t.grain != PERIOD_G_DECADE) {
		/* "since mid-March", "depuis fin 2020": from that month or year */
		period_set(pm, t.ps, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION, t.grain);
		return ae;
	}
	if ((ae = period_date_at(c, k, &a, 0)) == 0 && (ae = since_event(c, e, &a)) == 0)
		return 0;
	period_fill_year(c, &a);
	period_bounds(&a, &s, &x);
	period_set(pm, s, r, PERIOD_T_OPEN, PERIOD_A_PUBLICATION,
	    a.prec == 3 ? PERIOD_G_DAY : a.prec == 2 ? PERIOD_G_MONTH : PERIOD_G_YEAR);
	return ae;
}

/* Whether the word before i makes a weekday a habit or a future day
 * ("every Friday", "tous les vendredis", "next Monday"). */
static int
weekday_not_past(const struct pc *c, size_t i, size_t we)
{
	static const char *const before[] = { "every", "each", "chaque", "les", "next", "coming", "prochain", NULL };
	size_t e = i, s;

	if (period_kw(c, we, "prochain/next") != 0)
		return 1;
	while (e > c->lo && c->f[e - 1] == ' ')
		e--;
	s = e;
	while (s > c->lo && text_isalnum((unsigned char)c->f[s - 1]))
		s--;
	for (size_t k = 0; before[k] != NULL; k++)
		if (s < e && text_word_eq(before[k], c->f + s, e - s))
			return 1;
	return 0;
}

/* "on Sunday", "last Friday", "Thursday's attack", "dimanche", "dans la
 * nuit de samedi", "vendredi dernier": the latest such day before the
 * release; "over the weekend", "le week-end dernier": the Saturday and
 * Sunday before it. A weekday followed by its date is left to the date
 * ("Friday 10 July"). */
size_t
period_days_of_week(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, we;
	int wd, back;

	if ((e = period_kw(c, i, "over/during/on/at/this/last/past the/this/last weekend")) ||
	    (e = period_kw(c, i, "the/this/last weekend")) || (e = period_kw(c, i, "over/during/on/at the/this/last week end")) ||
	    (e = period_kw(c, i, "le/ce/du/au/pendant/durant week end")) ||
	    (e = period_kw(c, i, "le/ce/du/au/pendant/durant weekend"))) {
		if ((k = period_kw(c, e, "dernier/passe")) != 0)
			e = k;
		back = period_weekday(c->rel) + 1; /* days back to the Sunday before the release */
		pm->pe = period_add_days(c->rel, -(back % 7 == 0 ? 7 : back % 7));
		period_set(pm, period_add_days(pm->pe, -1), pm->pe, PERIOD_T_RELATIVE, PERIOD_A_PUBLICATION, PERIOD_G_WEEK);
		return e;
	}
	k = i;
	if ((e = period_kw(c, i, "on/last/since/this/past/until/le/depuis/ce")) != 0) {
		k = period_sp(c, e);
		if ((e = period_kw(c, k, "past")) != 0)
			k = period_sp(c, e);
	}
	if ((wd = period_weekday_word(c, k, &we)) < 0 || weekday_not_past(c, k, we))
		return 0;
	{
		size_t n = period_sp(c, we);
		struct dt d;

		if (n < c->hi && (c->f[n] == ',' ? period_date_at(c, n + 1, &d, 0) : period_date_at(c, n, &d, 0)) != 0 &&
		    d.prec == 3)
			return 0;
	}
	if ((e = period_kw(c, we, "dernier/passe")) != 0)
		we = e;
	back = (period_weekday(c->rel) - wd + 7) % 7;
	if (back == 0)
		back = 7;
	day(pm, period_add_days(c->rel, -back), PERIOD_A_PUBLICATION);
	if (period_kw(c, i, "since/depuis") != 0) {
		pm->pe = c->rel;
		pm->type = PERIOD_T_OPEN;
	}
	return we;
}

/* "the day before", "la veille", "the next day", "le lendemain", "the same
 * day", "ce jour-là", "two days later", "trois jours plus tôt": a day
 * counted from the previous expression, when there is one. */
size_t
period_from_previous(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e, k, ue;
	int n, unit, hours;

	if (!c->has_prev)
		return 0;
	if ((e = period_kw(c, i, "the day before")) || (e = period_kw(c, i, "the previous/preceding day")) ||
	    (e = period_kw(c, i, "la veille"))) {
		day(pm, period_add_days(c->prev_s, -1), PERIOD_A_PREVIOUS);
		return e;
	}
	if ((e = period_kw(c, i, "the next/following day")) || (e = period_kw(c, i, "the day after")) ||
	    (e = period_kw(c, i, "le lendemain")) || (e = period_kw(c, i, "le jour suivant"))) {
		day(pm, period_add_days(c->prev_e, 1), PERIOD_A_PREVIOUS);
		return e;
	}
	if ((e = period_kw(c, i, "the same day")) || (e = period_kw(c, i, "that same/very day")) ||
	    (e = period_kw(c, i, "that day")) || (e = period_kw(c, i, "le meme jour")) ||
	    (e = period_kw(c, i, "ce jour la"))) {
		period_set(pm, c->prev_s, c->prev_e, PERIOD_T_RELATIVE, PERIOD_A_PREVIOUS, PERIOD_G_DAY);
		return e;
	}
	if (period_kw(c, i, "the/that/la/le/ce") != 0)
		return 0; /* no count follows */
	if ((n = count_at(c, i, &k, 0)) < 1 || (unit = unit_at(c, k, &ue, &hours)) <= 0 || hours)
		return 0;
	if ((e = period_kw(c, ue, "later")) || (e = period_kw(c, ue, "plus tard")) || (e = period_kw(c, ue, "apres"))) {
		day(pm, period_add_days(c->prev_e, n * unit), PERIOD_A_PREVIOUS);
		return e;
	}
	if ((e = period_kw(c, ue, "earlier")) || (e = period_kw(c, ue, "plus tot")) || (e = period_kw(c, ue, "auparavant"))) {
		day(pm, period_add_days(c->prev_s, -n * unit), PERIOD_A_PREVIOUS);
		return e;
	}
	return 0;
}

/* "during the reporting period", "the period under review", "la période
 * considérée", "le mois sous revue": the period the release reports on,
 * when it is known. */
/* Whether the words after "the week" / "la semaine" at e make it another
 * week than the reported one ("la semaine dernière", "the week before",
 * "la semaine du 3 mai", "the week of 3 May"). */
static int
week_qualified(const struct pc *c, size_t e)
{
	static const char *const next[] = {
		"derniere", "precedente", "passee", "ecoulee", "suivante", "prochaine", "du", "de", "d",
		"before", "after", "of", "ending", "earlier", "prior", "following", "to", "en", "in", NULL
	};
	size_t i = period_sp(c, e), we;

	if (i >= c->hi || i == e)
		return 0;
	we = text_word_end(c->f, c->hi, i);
	for (size_t k = 0; next[k] != NULL; k++)
		if (text_word_eq(next[k], c->f + i, we - i))
			return 1;
	return 0;
}

/* "over the quarter", "au cours du semestre", "sur la période": the
 * reporting period named by its unit alone, when the unit fits its length
 * (a monthly note's "the quarter" is another period) and nothing
 * qualifies it after ("the month of Ramadan", "la période électorale",
 * "the quarter ended"): the unit must end its clause, or come before
 * "and" / "et". */
static size_t
unit_alone(const struct pc *c, size_t i, struct period_mention *pm)
{
	static const struct {
		const char *kw;
		long min, max; /* period_days of the reporting period */
		int grain;
	} units[] = {
		{ "the month", 27, 30, PERIOD_G_MONTH }, { "le/du mois", 27, 30, PERIOD_G_MONTH },
		{ "the quarter", 88, 91, PERIOD_G_QUARTER }, { "le/du trimestre", 88, 91, PERIOD_G_QUARTER },
		{ "le/du semestre", 179, 183, PERIOD_G_HALF }, { "the period", 0, 400, PERIOD_G_NONE },
		{ "la periode", 0, 400, PERIOD_G_NONE },
	};
	long days = period_days(c->rs, c->re);

	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		size_t e = period_kw(c, i, units[k].kw), j;

		if (e == 0)
			continue;
		if (days < units[k].min || days > units[k].max)
			return 0;
		j = period_sp(c, e);
		if (j < c->hi && text_isalpha((unsigned char)c->f[j]) && !period_kw(c, j, "and/et"))
			return 0;
		period_set(pm, c->rs, c->re, PERIOD_T_RELATIVE, PERIOD_A_REPORTING, units[k].grain);
		return e;
	}
	return 0;
}

size_t
period_reporting(const struct pc *c, size_t i, struct period_mention *pm)
{
	size_t e;

	if (!c->has_report)
		return 0;
	if ((e = period_kw(c, i, "the/this reporting period")) ||
	    (e = period_kw(c, i, "the period/month/quarter/year under review/consideration")) ||
	    (e = period_kw(c, i, "the period covered")) ||
	    (e = period_kw(c, i, "la periode consideree/couverte/concernee")) ||
	    (e = period_kw(c, i, "la periode sous revue/examen")) ||
	    (e = period_kw(c, i, "le mois/trimestre/semestre sous revue/examen")) ||
	    (e = period_kw(c, i, "l annee sous revue/examen"))) {
		period_set(pm, c->rs, c->re, PERIOD_T_RELATIVE, PERIOD_A_REPORTING, PERIOD_G_NONE);
		return e;
	}
	/* "Bilan de la semaine", "the week's toll" in a weekly note: the week
	 * it reports on ("la semaine dernière", "the week before" are read
	 * elsewhere) */
	if (((e = period_kw(c, i, "la semaine")) || (e = period_kw(c, i, "the week"))) &&
	    period_days(c->rs, c->re) >= 5 && period_days(c->rs, c->re) <= 7 && !week_qualified(c, e)) {
		period_set(pm, c->rs, c->re, PERIOD_T_RELATIVE, PERIOD_A_REPORTING, PERIOD_G_WEEK);
		return e;
	}
	return unit_alone(c, i, pm);
}
