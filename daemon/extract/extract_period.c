/*
 * extract_period — which period each figure takes (see extract_int.h): the
 * release's reporting period, found once before the sentences are read; a
 * time expression of the figure's own sentence (the one right after it,
 * else the nearest before it, else one after it that opens no later
 * figure's clause); else the period carried through the paragraph, the
 * heading's, or the release's main period; a comparison's reference for
 * "from A to B"; and for a stock only the date it is as of. Each choice is
 * recorded in the observation (extract_period_how) for extract --explain.
 */
#include <string.h>

#include "rightswatch/clause.h"
#include "rightswatch/dateline.h"
#include "rightswatch/extract.h"
#include "rightswatch/mention.h"
#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"
#include "extract_int.h"
#include "mention_int.h"

/* A comparison's period followed by "during which", "au cours duquel",
 * "qui comptait": the figures after it belong to it. */
static int
ref_linked(const char *f, size_t pos, size_t hi)
{
	static const char *const links[] = {
		"au cours duquel", "au cours de laquelle", "durant lequel", "pendant lequel",
		"lors duquel", "qui comptait", "qui avait", "ou", "during which", "when",
		"which saw", "which had", "with", NULL
	};

	while (pos < hi && (f[pos] == ' ' || f[pos] == ','))
		pos++;
	for (size_t k = 0; links[k] != NULL; k++)
		if (text_word_at(f, hi, pos, links[k]))
			return 1;
	return 0;
}


/* A quotation's end or a verb of speech: a date after it is when it was said. */
static int
speech_between(const char *f, size_t a, size_t b)
{
	static const char *const verbs[] = {
		"said", "says", "told", "stated", "announced", "declared", "added", "dit",
		"declare", "ajoute", "souligne", "indique", "annonce", "precise", NULL
	};

	for (size_t i = a; i < b; i++) {
		/* a quotation ends ('."', ',"'); quotes around a word do not */
		if (f[i] == '"' && i > a && (f[i - 1] == '.' || f[i - 1] == ',' || f[i - 1] == '!' || f[i - 1] == '?'))
			return 1;
		if (i == a || !text_isalnum((unsigned char)f[i - 1]))
			for (size_t k = 0; verbs[k] != NULL; k++)
				if (text_word_at(f, b, i, verbs[k]))
					return 1;
	}
	return 0;
}

/* Whether pm dates an act of speech or publication, not the events: a
 * verb of speech right before it ("announced on Tuesday that", "a annoncé
 * mardi que") or after it in its clause ("Yesterday, the mission
 * published", "Hier, la MINUSMA a publié"); never a duration back from
 * the release ("Over the past three months, managers reported"). */
static int
said_on(const struct work *w, const struct period_mention *pm, size_t lo, size_t hi)
{
	static const char *const verbs[] = {
		"said", "announced", "stated", "told", "declared", "reported", "published", "released",
		"issued", "warned", "expressed", "condemned", "urged", "called", "welcomed", "deplored",
		"denounced", "annonce", "declare", "indique", "precise", "publie", "rapporte", "affirme",
		"dit", "souligne", "exprime", "condamne", "appele", "denonce", "deplore", "salue", NULL
	};
	const char *f = w->t->f;
	size_t b = pm->start, words = 0;

	/* "Over the past three months, managers reported 27 attacks": a
	 * duration back from the release is a span of events, never a date
	 * of speech */
	if (pm->type == PERIOD_T_BACK)
		return 0;
	/* before: the verb, or the verb and "on", "le", "this" ("said on",
	 * "a annoncé le"); "said that on 3 May" dates what was said */
	while (b > lo && words < 2) {
		size_t e;

		while (b > lo && f[b - 1] == ' ')
			b--;
		e = b;
		while (b > lo && text_isalnum((unsigned char)f[b - 1]))
			b--;
		for (size_t k = 0; verbs[k] != NULL; k++)
			if (text_word_eq(verbs[k], f + b, e - b))
				return 1;
		if (!(e - b == 2 && (memcmp(f + b, "on", 2) == 0 || memcmp(f + b, "le", 2) == 0)) &&
		    !(e - b == 4 && memcmp(f + b, "this", 4) == 0))
			break;
		words++;
	}
	/* after: within its clause, a few words on */
	for (size_t i = pm->end, n = 0; i < hi && n < 6; n++) {
		size_t e;

		while (i < hi && (f[i] == ' ' || f[i] == ','))
			i++;
		if (i >= hi || !text_isalpha((unsigned char)f[i]))
			break;
		e = text_word_end(f, hi, i);
		for (size_t k = 0; verbs[k] != NULL; k++)
			if (text_word_eq(verbs[k], f + i, e - i))
				return 1;
		i = e;
	}
	return 0;
}

/* Whether pm belongs to a figure between ee and it that is a part or a
 * comparison's base and that pm follows at once: "compared with 5,200
 * counted on 28 May", "dont 3 100 au cours des dix derniers
 * jours" (but "96 rapes, including 21 gang rapes, between 1 January and 31
 * March" dates both, and so does a list: "310 killed, 145 injured and 88
 * abducted between January and March"). */
static int
owned_between(const struct work *w, size_t lo, size_t ee, const struct period_mention *pm)
{
	static const char *const base[] = { "to", "with", "than", "que", "qu", "contre", "against", "versus", NULL };
	const char *f = w->t->f;

	for (size_t j = 0; j < w->nnums; j++) {
		const struct number *n = &w->nums[j];
		size_t qs, b, e;
		int clean = 1, cue;

		if ((n->flags & NUMBER_NOT_COUNT) || n->start < ee || n->end > pm->start || pm->start - n->end > 64)
			continue;
		(void)mention_qualifier(f, lo, n->start, &qs);
		b = qs;
		while (b > lo && f[b - 1] == ' ')
			b--;
		e = b;
		while (b > lo && text_isalnum((unsigned char)f[b - 1]))
			b--;
		/* a part named after its number: "40 of whom ... as of 15 October" */
		cue = extract_is_subcount(f, lo, n->start) || extract_part_follows(f, pm->start, n->end);
		for (size_t k = 0; base[k] != NULL && !cue; k++)
			cue = text_word_eq(base[k], f + b, e - b);
		for (size_t i = n->end; i < pm->start && clean; i++)
			clean = f[i] != ',' && f[i] != ';' && f[i] != '(' && f[i] != ')';
		/* "up from 280,000 in the previous assessment, conducted in March" */
		if ((cue && clean) || mention_versus_cue(f, lo, n->start))
			return 1;
	}
	return 0;
}

/* Whether a part of the figure is named between a and b ("300 people
 * were arrested, most of them during the protests of August", "la
 * plupart lors des manifestations d'août"): a period after it is the
 * part's, not the total's. */
static int
part_between(const char *f, size_t a, size_t b)
{
	static const char *const parts[] = {
		"most of them", "many of them", "some of them", "half of them", "the majority",
		"la plupart", "la majorite", "nombre d'entre eux", "beaucoup d'entre eux",
		"certains d'entre eux", "la moitie d'entre eux", NULL
	};

	for (size_t i = a; i < b; i++)
		if ((i == a || !text_isalnum((unsigned char)f[i - 1])) && text_isalpha((unsigned char)f[i]))
			for (size_t k = 0; parts[k] != NULL; k++)
				if (f[i] == parts[k][0] && text_word_at(f, b, i, parts[k]))
					return 1;
	return 0;
}

/* The place of the figure at ns among the counts of its line: under
 * column heads, its column. */
static size_t
column(const struct work *w, const struct text_sentence *s, size_t ns)
{
	size_t c = 0;

	for (size_t j = 0; j < w->nnums && w->nums[j].start < ns; j++)
		if (!(w->nums[j].flags & NUMBER_NOT_COUNT) && w->nums[j].start >= s->start)
			c++;
	return c;
}

/* Whether the figure at ns belongs to another event than the sentences
 * before it ("Another attack ... killed one person", "une autre attaque",
 * "in a separate incident"): then it takes no period carried from them. */
static int
another_event(const char *f, size_t lo, size_t ns)
{
	static const char *const cues[] = {
		"another", "separate", "separately", "autre", "distincte", "distinct", NULL
	};

	/* the cue opens the figure's clause: a bounded look back */
	if (ns > lo + 300)
		lo = ns - 300;
	for (size_t i = lo; i < ns; i++)
		if (text_isalpha((unsigned char)f[i]) && (i == lo || !text_isalnum((unsigned char)f[i - 1])))
			for (size_t k = 0; cues[k] != NULL; k++)
				if (text_word_at(f, ns, i, cues[k]))
					return 1;
	return 0;
}

/* Whether pm dates another event named right before it: "après une
 * attaque survenue en mai 2020", "since the offensive of 3 May": people
 * displaced or sheltering are not dated by it. */
static int
event_date(const struct work *w, const struct period_mention *pm, size_t lo)
{
	static const char *const events[] = {
		"attack", "attacks", "attaque", "attaques", "raid", "raids", "offensive", "ambush",
		"embuscade", "clashes", "affrontements", "incident", "incidents", "violence",
		"violences", "fighting", "combats", NULL
	};
	const char *f = w->t->f;
	size_t e = pm->start, b;

	/* a day, a month, a range: "since January" after "the fighting" dates
	 * the displacement that has followed it */
	if (pm->type != PERIOD_T_DATE && pm->type != PERIOD_T_RANGE)
		return 0;
	for (int n = 0; n < 3 && (b = mention_word_before(f, lo, e, &e)) != (size_t)-1; n++) {
		if (mention_in_list(events, f, b, e))
			return 1;
		e = b;
	}
	return 0;
}

/* Whether pm is no period of the events: the release's dateline, or a
 * date of speech (said_on). */
static int
not_events(const struct work *w, const struct period_mention *pm, size_t lo, size_t hi)
{
	return dateline_at(w->t->f, w->t->len, pm->start, pm->end) || said_on(w, pm, lo, hi);
}

/* The main period of a figure at [ns, ne) of the sentence from lo, whose
 * evidence ends at ee and whose comparison begins at cue: a period right
 * after it, else the nearest before it (a comparison's only when linked:
 * "au cours duquel"; not a date of speech), else one after it that opens
 * no later figure's clause (a base after it, "up from 29 in 2022", has
 * its own) nor belongs to a part ("most of them during the protests of
 * August") or base between
 * (owned_between). -1 when none;
 * *near set when the period came right after the figure. */
static int
own_period(const struct work *w, size_t lo, size_t ns, size_t ee, size_t cue, size_t hi, int *near)
{
	const char *f = w->t->f;
	int best = -1;

	*near = 0;
	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];
		int clean = 1;

		if (pm->ref || pm->kind != PERIOD_ABSOLUTE || pm->start < ee || pm->start > ee + 64 ||
		    pm->start >= cue)
			continue;
		for (size_t i = ee; i < pm->start; i++)
			if (f[i] == ',' || f[i] == ';' || f[i] == '(' || f[i] == ')')
				clean = 0;
		/* Farther than a few words only within the figure's own noun phrase
		 * ("66 attacks against health workers recorded since March"). */
		if (pm->start > ee + 24 && clause_joins(f, ee, pm->start, w->fr))
			clean = 0;
		if (clean && !extract_figure_between(w, ee, pm->start)) {
			*near = 1;
			return (int)p;
		}
	}
	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->kind != PERIOD_ABSOLUTE || pm->end > ns || not_events(w, pm, lo, ns))
			continue;
		if (!pm->ref || ref_linked(f, pm->end, hi))
			best = (int)p;
	}
	if (best >= 0)
		return best;
	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->ref || pm->kind != PERIOD_ABSOLUTE || pm->start < ee || pm->start >= cue)
			continue;
		if (!extract_main_figure_between(w, lo, pm->end, hi) && !owned_between(w, lo, ee, pm) &&
		    !part_between(f, ee, pm->start) &&
		    !speech_between(f, ee, pm->start))
			return (int)p;
		break;
	}
	return -1;
}

/* The comparison's reference for "from A": the first after the figure, else
 * the last before it, else the one carried from an earlier sentence. */
static const struct period_mention *
ref_period(const struct work *w, size_t ns)
{
	const struct period_mention *last = NULL;

	for (size_t p = 0; p < w->nper; p++) {
		if (!w->per[p].ref)
			continue;
		if (w->per[p].start > ns)
			return &w->per[p];
		last = &w->per[p];
	}
	if (last != NULL)
		return last;
	return w->carry_ref ? &w->cref : NULL;
}

static void
set_period(struct extract_obs *o, struct date_ymd a, struct date_ymd b)
{
	o->has_period = 1;
	o->period_start = a;
	o->period_end = b;
}

void
extract_title_period(struct work *w)
{
	/* The title: its period is the release's; its figures repeat the body's. */
	for (size_t p = 0; p < w->nper && w->doc == 0; p++) {
		const struct period_mention *pm = &w->per[p];
		struct extract_obs t;

		if (pm->ref || pm->kind != PERIOD_ABSOLUTE || pm->type == PERIOD_T_VAGUE)
			continue;
		w->doc = pm->open ? 3 : 1;
		w->ds = pm->ps;
		w->de = pm->pe;
		extract_period_how(w, pm, EXTRACT_PERIOD_RELEASE, &t);
		w->doc_how = t.how;
	}
}

void
extract_period_how(const struct work *w, const struct period_mention *pm, int source,
    struct extract_obs *o)
{
	memset(&o->how, 0, sizeof(o->how));
	o->how.source = source;
	if (pm == NULL)
		return;
	o->how.start = text_orig(w->t, pm->start);
	o->how.end = text_orig(w->t, pm->end);
	o->how.type = pm->type;
	o->how.anchor = pm->anchor;
}

void
extract_period_ref_how(const struct work *w, const struct period_mention *pm, struct extract_obs *d)
{
	extract_period_how(w, pm, EXTRACT_PERIOD_REFERENCE, d);
	/* a relative reference ("the previous quarter") resolved against the
	 * figure's own period */
	if (pm->kind != PERIOD_ABSOLUTE)
		d->how.anchor = PERIOD_A_PREVIOUS;
}

/* o takes the period of a kept expression (carried, heading, release). */
static void
take(struct extract_obs *o, struct date_ymd a, struct date_ymd b, const struct extract_period_how *how,
    int source)
{
	set_period(o, a, b);
	o->how = *how;
	o->how.source = source;
}

/* A stock's period: the as-of date stated in its sentence, else the
 * release's as-of date, else the publication date; never a start. */
static void
stock_period(const struct work *w, struct extract_obs *o)
{
	int open = -1;

	for (size_t p = 0; p < w->nper; p++)
		if (w->per[p].open)
			open = (int)p;
	o->has_period = 0;
	if (open >= 0) {
		o->period_end = w->per[open].pe;
		extract_period_how(w, &w->per[open], EXTRACT_PERIOD_OWN, o);
	} else if (w->doc == 3) {
		o->period_end = w->de;
		o->how = w->doc_how;
		o->how.source = EXTRACT_PERIOD_RELEASE;
	} else {
		o->period_end = w->p->release_date;
		memset(&o->how, 0, sizeof(o->how));
		o->how.source = EXTRACT_PERIOD_STOCK;
		o->how.type = PERIOD_T_ASOF;
		o->how.anchor = PERIOD_A_PUBLICATION;
	}
	o->period_start = (struct date_ymd){ 0, 0, 0 };
}

/* "compared with 96 over the same period last year", "contre 61 sur la
 * même période en 2019": the figure right before a relative "same period"
 * takes the period of the figure it is compared with (the observation
 * before it, of its indicator), moved to that year. */
static void
same_period_after(const struct work *w, size_t ee, size_t cue, struct extract_obs *o)
{
	const struct extract_obs *b = w->nobs > 0 ? &w->obs[w->nobs - 1] : NULL;
	struct date_ymd a, e;

	if (b == NULL || !b->has_period || b->derived || strcmp(b->indicator, o->indicator) != 0)
		return;
	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];
		int clean = 1;

		if (pm->start < ee || pm->start > ee + 24 || pm->start >= cue)
			continue;
		for (size_t i = ee; i < pm->start; i++)
			if (strchr(",;()", w->t->f[i]) != NULL)
				clean = 0;
		if (clean && pm->kind == PERIOD_SAME &&
		    period_resolve(pm, b->period_start, b->period_end, &a, &e) == 0) {
			set_period(o, a, e);
			extract_period_how(w, pm, EXTRACT_PERIOD_OWN, o);
			o->how.anchor = PERIOD_A_PREVIOUS;
		}
		return;
	}
}

void
extract_period_of(struct work *w, const struct text_sentence *s, size_t ns, size_t ne, size_t ee,
    size_t cue, enum span_role role, struct extract_obs *o, int *fromref)
{
	int near;
	int mp = own_period(w, s->start, ns, ee, cue, s->end, &near);
	const struct period_mention *rp;
	struct date_ymd rel = w->p->release_date;

	/* "from 140 in the third quarter to 97 in the fourth": the period
	 * right after the second figure; else the sentence's first */
	if (role == SPAN_TO && (mp < 0 || w->per[mp].start < ee)) {
		mp = -1;
		for (size_t p = 0; p < w->nper; p++)
			if (!w->per[p].ref && w->per[p].kind == PERIOD_ABSOLUTE && !w->per[p].open &&
			    w->per[p].type != PERIOD_T_VAGUE) {
				mp = (int)p;
				break;
			}
	}
	if (mp >= 0 && w->per[mp].type == PERIOD_T_VAGUE) {
		/* "in recent days": a time was said, and it gives no period */
		extract_period_how(w, &w->per[mp], EXTRACT_PERIOD_NONE, o);
	} else if (mp >= 0 && w->per[mp].open) {
		o->period_end = w->per[mp].pe;
		extract_period_how(w, &w->per[mp], EXTRACT_PERIOD_OWN, o);
	} else if (mp >= 0) {
		set_period(o, w->per[mp].ps, w->per[mp].pe);
		extract_period_how(w, &w->per[mp], w->per[mp].ref ? EXTRACT_PERIOD_REFERENCE : EXTRACT_PERIOD_OWN, o);
	} else if (another_event(w->t->f, s->start, ns)) {
		/* "Another attack killed three people": not the period of the
		 * sentences before, nor the release's */
	} else if (w->carry) {
		take(o, w->cs, w->ce, &w->carry_how, EXTRACT_PERIOD_CARRIED);
	} else if (w->head && w->ncols > 1 && column(w, s, ns) < w->ncols) {
		size_t c = column(w, s, ns);

		take(o, w->cols[c].s, w->cols[c].e, &w->cols[c].how, EXTRACT_PERIOD_HEADING);
	} else if (w->head) {
		take(o, w->hs, w->he, &w->head_how, EXTRACT_PERIOD_HEADING);
	} else if (w->doc == 1) {
		take(o, w->ds, w->de, &w->doc_how, EXTRACT_PERIOD_RELEASE);
	}
	*fromref = role == SPAN_FROM || (mp >= 0 && w->per[mp].ref);
	if (role == SPAN_NONE)
		same_period_after(w, ee, cue, o);
	if (role == SPAN_FROM && (rp = ref_period(w, ns)) != NULL) {
		struct date_ymd a, b;

		if (period_resolve(rp, o->period_start, o->period_end, &a, &b) == 0 &&
		    (rp->kind == PERIOD_ABSOLUTE || o->has_period)) {
			set_period(o, a, b);
			extract_period_how(w, rp, EXTRACT_PERIOD_REFERENCE, o);
		}
	}
	/* A stock keeps only a period stated for it ("displaced in 2021"), not
	 * "today", a carried one, the release's, or another clause's ("the
	 * camp, attacked on 10 September, hosts 10,000 refugees"). */
	if ((mp < 0 || (w->per[mp].ps.y == rel.y && w->per[mp].ps.m == rel.m && w->per[mp].ps.d == rel.d) ||
	    w->per[mp].open || !near || w->per[mp].type == PERIOD_T_VAGUE) && (extract_is_stock(w, o->indicator, s->start, s->end, ns, ne) ||
	    (mp < 0 && (strcmp(o->indicator, "displaced") == 0 || strcmp(o->indicator, "refugees") == 0))))
		stock_period(w, o);
	else if (mp >= 0 && event_date(w, &w->per[mp], s->start) &&
	    (strcmp(o->indicator, "displaced") == 0 || strcmp(o->indicator, "refugees") == 0))
		stock_period(w, o); /* "réfugiés ... après une attaque survenue en mai" */
	else if (mp >= 0 && w->per[mp].start < ns && !w->per[mp].ref &&
	    (strcmp(o->indicator, "displaced") == 0 || strcmp(o->indicator, "refugees") == 0) &&
	    extract_brought_total(w, s->start, ns, ne, s->end))
		stock_period(w, o); /* "since May ..., bringing to 610,000 the number of refugees" */
	else if (mp >= 0 && o->has_period && !w->per[mp].ref && w->per[mp].grain == PERIOD_G_DAY &&
	    date_days_from_civil(o->period_start.y, o->period_start.m, o->period_start.d) ==
	    date_days_from_civil(o->period_end.y, o->period_end.m, o->period_end.d) &&
	    extract_is_stock(w, o->indicator, s->start, s->end, ns, ne)) {
		/* "stood at 75,000 on 30 April": a stock as of that day */
		o->has_period = 0;
		o->period_start = (struct date_ymd){ 0, 0, 0 };
		o->how.type = PERIOD_T_ASOF;
	}
	extract_base_of_stock(w, s->start, ns, o);
	/* the release's main period is its body's first figure's (the title's
	 * figures come first, and most give no period) */
	if (w->doc == 0 && !extract_obs_end_only(o) && s->end > w->title_end) {
		w->doc = o->has_period ? 1 : 2;
		w->ds = o->period_start;
		w->de = o->period_end;
		w->doc_how = o->how;
	}
}

/* Whether pm can be a reporting period: a date or range, or an open
 * interval ("since January"; from the lead only when it began within
 * about a year, not "since 2012"; open_too: any), of at least min_days,
 * not a comparison's, that begins by the publication and ends within
 * about a year before it. */
static int
report_like(const struct work *w, const struct period_mention *pm, long min_days, int open_too)
{
	struct date_ymd rel = w->p->release_date;
	int64_t ds = date_days_from_civil(pm->ps.y, pm->ps.m, pm->ps.d);
	int64_t de = date_days_from_civil(pm->pe.y, pm->pe.m, pm->pe.d);
	int64_t dr = date_days_from_civil(rel.y, rel.m, rel.d);

	return pm->kind == PERIOD_ABSOLUTE && !pm->ref && !pm->open &&
	    (pm->type == PERIOD_T_DATE || pm->type == PERIOD_T_RANGE ||
	    (pm->type == PERIOD_T_OPEN && (open_too || ds >= dr - 400))) &&
	    de - ds + 1 >= min_days && ds <= dr && de >= dr - 400;
}

/* The first expression of f[a, b) that report_like accepts: set as the
 * reporting period; 1 when found. */
static int
report_in(struct work *w, size_t a, size_t b, long min_days, int open_too)
{
	struct period_mention pm[16];
	struct period_context ctx;
	size_t n;

	memset(&ctx, 0, sizeof(ctx));
	ctx.release = w->p->release_date;
	ctx.words = w->pctx.words;
	n = period_scan_ctx(w->t->f, w->t->len, a, b, &ctx, pm, 16);
	for (size_t p = 0; p < n; p++)
		if (report_like(w, &pm[p], min_days, open_too)) {
			w->pctx.has_report = 1;
			w->pctx.rs = pm[p].ps;
			w->pctx.re = pm[p].pe;
			w->report_start = pm[p].start;
			w->report_end = pm[p].end;
			return 1;
		}
	return 0;
}

/* Body sentences read for the reporting period: those of the first three
 * paragraphs that hold prose, within this many bytes of the text; and
 * those looked at for a "covering the period" phrase (REPORT_CUE_BYTES,
 * extract_int.h). */
#define LEAD_BYTES 2500
#define CUE_BYTES REPORT_CUE_BYTES

void
extract_report(struct work *w, const struct text_sentence *sv, size_t ns)
{
	const char *f = w->t->f;
	size_t paras = 0, last = (size_t)-1, pos;

	/* "covering the period from 1 April to 30 June", "période couverte",
	 * said where a release says what it covers: near its top */
	for (size_t i = 0; i < ns && sv[i].start < w->title_end + CUE_BYTES; i++)
		if ((pos = period_reporting_cue(f, sv[i].start, sv[i].end)) != 0 && report_in(w, pos, sv[i].end, 7, 1))
			return;
	for (size_t i = 0; i < ns && sv[i].end <= w->title_end; i++)
		if (report_in(w, sv[i].start, sv[i].end, 1, 1))
			return;
	for (size_t i = 0; i < ns && sv[i].start < w->title_end + LEAD_BYTES; i++) {
		if (sv[i].end <= w->title_end)
			continue;
		if (sv[i].para != last) {
			/* a paragraph of prose: one whose sentence ends with a full stop */
			size_t e = sv[i].end;

			while (e > sv[i].start && f[e - 1] == ' ')
				e--;
			if (e > sv[i].start && f[e - 1] == '.') {
				if (++paras > 3)
					break;
				last = sv[i].para;
			}
		}
		if (report_in(w, sv[i].start, sv[i].end, 28, 0))
			return;
	}
}

const struct period_mention *
extract_period_reference(const struct work *w, size_t from, size_t to)
{
	const struct period_mention *first = NULL;

	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->start < from || pm->start >= to)
			continue;
		if (pm->ref)
			return pm;
		if (first == NULL)
			first = pm;
	}
	return first;
}

/* The period of sentence s that carries when no figure of it took one:
 * the reporting period's expression ("the mission published its note,
 * covering the period from ..."), else the first that is neither a
 * dateline nor a date of speech; its index, or -1. */
static int
carry_of(const struct work *w, const struct text_sentence *s)
{
	int first = -1;

	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->ref || pm->kind != PERIOD_ABSOLUTE || pm->open || pm->type == PERIOD_T_VAGUE)
			continue;
		if (w->pctx.has_report && pm->start == w->report_start && pm->end == w->report_end)
			return (int)p; /* "... published its note, covering the period from ..." */
		if (first < 0 && !not_events(w, pm, s->start, s->end))
			first = (int)p;
	}
	return first;
}

/* Whether the sentence just read names an event: an indicator term
 * ("des assaillants ont attaqué les villages"), not a press conference. */
static int
names_event(const struct work *w)
{
	for (size_t t = 0; t < w->nterms; t++)
		if (w->terms[t].kind == TAXONOMY_INDICATOR)
			return 1;
	return 0;
}

void
extract_period_after(struct work *w, const struct text_sentence *s, long fig)
{
	int cp;

	/* The period this sentence gave its figures (or, with none, the one
	 * it names: carry_of) carries to the rest of its
	 * paragraph; so does the last comparison reference. */
	if (fig >= 0) {
		w->carry = w->obs[fig].has_period;
		w->cs = w->obs[fig].period_start;
		w->ce = w->obs[fig].period_end;
		w->carry_how = w->obs[fig].how;
	} else if ((cp = carry_of(w, s)) >= 0) {
		struct extract_obs t;

		w->carry = 1;
		w->cs = w->per[cp].ps;
		w->ce = w->per[cp].pe;
		extract_period_how(w, &w->per[cp], EXTRACT_PERIOD_CARRIED, &t);
		w->carry_how = t.how;
		if (!w->has_lead && s->end > w->title_end && names_event(w)) {
			w->has_lead = 1;
			w->lead_nobs = w->nobs;
			w->lead.has_period = 1;
			w->lead.sent_start = text_orig(w->t, s->start);
			w->lead.period_start = w->cs;
			w->lead.period_end = w->ce;
			w->lead.how = t.how;
		}
	}
	for (size_t p = 0; p < w->nper; p++)
		if (w->per[p].ref) {
			w->carry_ref = 1;
			w->cref = w->per[p];
		}
	if (w->heading && !(w->nobs > 0 && w->obs[w->nobs - 1].sent_start == text_orig(w->t, s->start))) {
		/* a heading or caption's period applies to the paragraphs under
		 * it, until the next heading; a line that gave figures is no
		 * heading ("- 12 killed in Gao on 3 May", a list's item) */
		int grain = -1;

		w->head = 0;
		w->ncols = 0;
		for (size_t p = 0; p < w->nper; p++) {
			const struct period_mention *pm = &w->per[p];
			struct extract_obs o;

			if (pm->ref || pm->kind != PERIOD_ABSOLUTE || pm->open || pm->type == PERIOD_T_VAGUE)
				continue;
			extract_period_how(w, pm, EXTRACT_PERIOD_HEADING, &o);
			if (!w->head) {
				w->head = 1;
				w->hs = pm->ps;
				w->he = pm->pe;
				w->head_how = o.how;
			}
			/* column heads: periods of one grain side by side */
			if (w->ncols < sizeof(w->cols) / sizeof(w->cols[0]) && (grain < 0 || pm->grain == grain)) {
				grain = pm->grain;
				w->cols[w->ncols].s = pm->ps;
				w->cols[w->ncols].e = pm->pe;
				w->cols[w->ncols].how = o.how;
				w->ncols++;
			}
		}
	}
	/* "the day before" in a later sentence counts from the last date */
	for (size_t p = w->nper; p > 0; p--) {
		const struct period_mention *pm = &w->per[p - 1];

		if (pm->kind != PERIOD_ABSOLUTE || pm->open || pm->type == PERIOD_T_VAGUE ||
		    pm->type == PERIOD_T_BACK)
			continue;
		w->pctx.has_prev = 1;
		w->pctx.prev_s = pm->ps;
		w->pctx.prev_e = pm->pe;
		break;
	}
}

const char *
extract_period_source_name(int source)
{
	static const char *const names[] = {
		[EXTRACT_PERIOD_NONE] = "none", [EXTRACT_PERIOD_OWN] = "stated",
		[EXTRACT_PERIOD_CARRIED] = "carried", [EXTRACT_PERIOD_HEADING] = "heading",
		[EXTRACT_PERIOD_RELEASE] = "release", [EXTRACT_PERIOD_REFERENCE] = "reference",
		[EXTRACT_PERIOD_STOCK] = "stock",
	};

	return source >= 0 && (size_t)source < sizeof(names) / sizeof(names[0]) ? names[source] : "none";
}

void
extract_note_period(struct extract_note *n, const struct extract_period_how *how)
{
	n->period_source = extract_period_source_name(how->source);
	n->period_start = how->start;
	n->period_end = how->end;
	n->period_type = NULL;
	n->period_anchor = NULL;
	/* a type and an anchor when an expression was read, or when the
	 * period was set without one (a stock as of the publication date, a
	 * base a year before its figure's) */
	if (how->end > how->start || how->source != EXTRACT_PERIOD_NONE) {
		n->period_type = period_type_name(how->type);
		n->period_anchor = period_anchor_name(how->anchor);
	}
}
