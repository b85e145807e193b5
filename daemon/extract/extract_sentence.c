/*
 * extract_sentence — one sentence of the extractor, as named steps: find
 * its terms, numbers, temporal phrases, clauses and appositions; attach
 * each number to what it counts (mention*.c) or say why it counts nothing;
 * give each figure its period (extract.c), place (extract_clause.c) and the
 * figures its comparisons imply (extract_derive.c). When the caller asked
 * for them, a note per number records each decision (extract --explain).
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/compare.h"
#include "extract_int.h"
#include "mention_int.h"

/* The figures of one sentence, as they are attached in order. */
struct sent {
	struct mention_sent ms;
	unsigned char used[SENT_MAX_NUMS]; /* figures already given as a reference */
	struct mention prev;               /* the last attached figure's, number att */
	size_t att;
	struct mention vprev;              /* the last attached figure's, even across a figure of
	                                    * nothing ("in the four regions, up from 510,000"), number vatt */
	size_t vatt;
	int nested;                        /* the last figure was a part of a part */
	long fig;                          /* the last figure whose period carries, or -1 */
	size_t nfig;                       /* figures observed */
	int title;                         /* the sentence is the release's title */
};

void
extract_notes_free(struct extract_notes *notes)
{
	if (notes == NULL)
		return;
	free(notes->v);
	memset(notes, 0, sizeof(*notes));
}

/* How a number was read, from the flags number_scan gave it. */
static const char *
reading_of(unsigned flags)
{
	static const struct {
		unsigned flag;
		const char *name;
	} r[] = {
		{ NUMBER_PERCENT, "percent" }, { NUMBER_DATE, "date" }, { NUMBER_YEAR, "year" },
		{ NUMBER_AGE, "age" }, { NUMBER_DURATION, "duration" },
		{ NUMBER_DOCREF, "document number" }, { NUMBER_PHONE, "phone number" },
		{ NUMBER_MONEY, "money" }, { NUMBER_ORDINAL, "ordinal" }, { NUMBER_TIME, "time" },
		{ NUMBER_TIMES, "multiplier" },
	};

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (flags & r[i].flag)
			return r[i].name;
	return "count";
}

/* A new note for number k of s, or -1 when none is asked for (or out of
 * memory: explanations are best effort and never fail an extraction). */
static long
note_new(struct work *w, const struct text_sentence *s, size_t k, int title)
{
	struct extract_notes *ns = w->p->notes;
	struct extract_note *n;
	const struct number *num = &w->nums[k];
	int c;

	if (ns == NULL)
		return -1;
	if (ns->n == ns->cap) {
		size_t nc = ns->cap * 2 + 16;
		struct extract_note *nv = realloc(ns->v, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		ns->v = nv;
		ns->cap = nc;
	}
	n = &ns->v[ns->n];
	memset(n, 0, sizeof(*n));
	n->start = text_orig(w->t, num->start);
	n->end = text_orig(w->t, num->end);
	n->value = num->value;
	n->reading = reading_of(num->flags);
	n->obs = -1;
	n->period_source = "none";
	if ((c = clause_apposition_of(w->cl, w->ncl, num->start)) < 0)
		c = clause_of(w->cl, w->ncl, num->start);
	n->clause_kind = title ? "title" : c >= 0 ? clause_kind_name(w->cl[c].kind) : "clause";
	n->clause_start = text_orig(w->t, c >= 0 ? w->cl[c].start : s->start);
	n->clause_end = text_orig(w->t, c >= 0 ? w->cl[c].end : s->end);
	if (num->flags & NUMBER_NOT_COUNT)
		n->dropped = "not a count";
	return (long)ns->n++;
}

static struct extract_note *
note(struct work *w, long i)
{
	return i >= 0 ? &w->p->notes->v[i] : NULL;
}

static void
note_drop(struct work *w, long i, const char *why)
{
	struct extract_note *n = note(w, i);

	if (n != NULL && n->dropped == NULL)
		n->dropped = why;
}

static void
sent_init(struct work *w, const struct text_sentence *s, struct sent *st)
{
	struct mention_sent *ms = &st->ms;

	memset(st, 0, sizeof(*st));
	st->att = st->vatt = (size_t)-1;
	st->fig = -1;
	ms->f = w->t->f;
	ms->lo = s->start;
	ms->hi = s->end;
	ms->fr = w->fr;
	ms->terms = w->terms;
	ms->nterms = w->nterms;
	ms->nums = w->nums;
	ms->nnums = w->nnums;
	ms->generic_kind = w->topic >= 0 && w->topic_para == s->para ? w->topic : w->gkind;
	ms->per = w->per;
	ms->nper = w->nper;
	ms->cl = w->cl;
	ms->ncl = w->ncl;
	ms->displaced = w->ids[0];
	ms->refugees = w->ids[1];
	ms->violations = w->ids[2];
	ms->attacks = w->ids[3];
	ms->tx = w->tx;
	ms->home = w->country;
}

/* "However, other sources suggest the number could be as high as 500",
 * "le bilan pourrait atteindre 60": a figure whose subject is "the
 * number", "the toll", "the corresponding figure", "ce chiffre", in a
 * sentence that names no
 * indicator, right after a sentence with figures, counts what that
 * sentence's first figure counts. 1 and m filled, or 0. */
static int
the_number(struct work *w, const struct text_sentence *s, size_t k, struct mention *m)
{
	static const char *const heads[] = {
		"number", "toll", "figure", "total", "tally", "nombre", "bilan", "chiffre", NULL
	};
	static const char *const dets[] = { "the", "this", "that", "le", "ce", "cette", NULL };
	static const char *const adjs[] = { "corresponding", "equivalent", "comparable", NULL };
	const char *f = w->t->f;
	size_t qs, e, b;
	int words = 0, id;

	if (w->last_age != 0 || w->last_first >= w->nobs)
		return 0;
	for (size_t t = 0; t < w->nterms; t++)
		if (w->terms[t].kind == TAXONOMY_INDICATOR || w->terms[t].kind == TAXONOMY_GENERIC)
			return 0;
	/* back from the number: a few words of a verb group, then the head */
	(void)mention_qualifier(f, s->start, w->nums[k].start, &qs);
	for (e = qs; (b = mention_word_before(f, s->start, e, &e)) != (size_t)-1 && words < 8; e = b, words++) {
		size_t db, de;

		size_t ne;

		if (!mention_in_list(heads, f, b, e))
			continue;
		/* "the number of patrols" counts something else */
		for (ne = e; ne < qs && f[ne] == ' '; ne++)
			;
		if (text_word_at(f, qs, ne, "of") || text_word_at(f, qs, ne, "de") ||
		    text_word_at(f, qs, ne, "des") || text_word_at(f, qs, ne, "du") ||
		    text_word_at(f, qs, ne, "d"))
			return 0;
		db = mention_word_before(f, s->start, b, &de);
		/* "the corresponding figure", "the equivalent number" */
		if (db != (size_t)-1 && mention_in_list(adjs, f, db, de))
			db = mention_word_before(f, s->start, db, &de);
		if (db == (size_t)-1 || !mention_in_list(dets, f, db, de) ||
		    (id = taxonomy_indicator_id(w->tx, w->obs[w->last_first].indicator)) < 0)
			return 0;
		memset(m, 0, sizeof(*m));
		m->indicator = id;
		m->qualifier = mention_qualifier(f, s->start, w->nums[k].start, &qs);
		m->start = db;
		m->end = w->nums[k].end;
		m->rule = "'the number' of the sentence before";
		return 1;
	}
	return 0;
}

/* What number k counts: 1 and m filled, or 0 with the note saying why not. */
static int
attach(struct work *w, const struct text_sentence *s, struct sent *st, size_t k, long ni,
    struct mention *m)
{
	const struct mention *prev = st->att != (size_t)-1 ? &st->prev : NULL;
	struct mention tmp;

	const struct mention *vprev = st->vatt != (size_t)-1 ? &st->vprev : NULL;

	if (!mention_attach(&st->ms, k, m) && !mention_follow(&st->ms, k, prev, st->att, m) &&
	    !mention_apposed(&st->ms, k, prev, st->att, m) && !mention_versus(&st->ms, k, vprev, st->vatt, m) &&
	    !mention_placed_part(&st->ms, k, prev, st->att, m) && !mention_lead(&st->ms, k, m) &&
	    !mention_respectively(&st->ms, k, m) && !mention_relative(&st->ms, k, m) &&
	    !mention_au_nombre(&st->ms, k, m) && !the_number(w, s, k, m)) {
		st->att = (size_t)-1;
		note_drop(w, ni, "no indicator term within its clause");
		return 0;
	}
	/* A breakdown of a figure that is itself a part ("270 abuses,
	 * including the execution of 134 people, of whom 16 women"): the
	 * parts of a part are not counted. */
	if ((extract_subcount(w, s, k) && st->att != (size_t)-1 &&
	    extract_part_of_part(w, s, st->att)) ||
	    (st->nested && st->att != (size_t)-1 && !extract_subcount(w, s, k) &&
	    mention_follow(&st->ms, k, &st->prev, st->att, &tmp))) {
		st->nested = 1;
		st->att = k;
		note_drop(w, ni, "a part of a part (a breakdown of a breakdown)");
		return 0;
	}
	st->nested = 0;
	if (mention_crossed(&st->ms, k, m)) {
		m->indicator = st->ms.refugees;
		m->rule = "people who fled across a border";
	}
	(void)mention_either_or(&st->ms, m);
	st->att = st->vatt = k;
	st->prev = st->vprev = *m;
	if (extract_incidents_beside_victims(w, s, k, m)) {
		note_drop(w, ni, "an incident count beside the count of its victims");
		return 0;
	}
	if (m->named)
		st->ms.generic_kind = w->gkind = m->indicator;
	return 1;
}

static int
word_before_is(const char *f, size_t lo, size_t pos, const char *const *words, size_t *wstart)
{
	size_t e = pos, b;

	while (e > lo && (f[e - 1] == ' ' || f[e - 1] == '\''))
		e--;
	b = e;
	while (b > lo && text_isalnum((unsigned char)f[b - 1]))
		b--;
	if (b == e)
		return 0;
	for (size_t k = 0; words[k] != NULL; k++)
		if (text_word_eq(words[k], f + b, e - b)) {
			if (wstart != NULL)
				*wstart = b;
			return 1;
		}
	return 0;
}

static enum span_role
span_role(struct work *w, const struct text_sentence *s, size_t k)
{
	static const char *const from[] = { "from", "de", "du", NULL };
	static const char *const to[] = { "to", "a", "au", NULL };
	const char *f = w->t->f;
	const struct number *n = &w->nums[k];
	size_t lo = s->start, qs = extract_qual_start(w, s, k), b;

	if (word_before_is(f, lo, qs, from, NULL) && k + 1 < w->nnums &&
	    !(w->nums[k + 1].flags & NUMBER_NOT_COUNT)) {
		size_t j = n->end;

		while (j < w->nums[k + 1].start && (f[j] == ' ' || f[j] == '\''))
			j++;
		if (text_word_at(f, w->nums[k + 1].start, j, "to") || text_word_at(f, w->nums[k + 1].start, j, "a") ||
		    text_word_at(f, w->nums[k + 1].start, j, "au")) {
			j = text_word_end(f, w->t->len, j);
			while (j < w->nums[k + 1].start && f[j] == ' ')
				j++;
			if (j == w->nums[k + 1].start)
				return SPAN_FROM;
		}
	}
	if (k > 0 && word_before_is(f, lo, qs, to, &b) && !(w->nums[k - 1].flags & NUMBER_NOT_COUNT) &&
	    span_role(w, s, k - 1) == SPAN_FROM)
		return SPAN_TO;
	return SPAN_NONE;
}

/* Whether pos lies in a temporal phrase ("over 2018"). */
static int
in_period(const struct work *w, size_t pos)
{
	for (size_t p = 0; p < w->nper; p++)
		if (pos >= w->per[p].start && pos < w->per[p].end)
			return 1;
	return 0;
}

/* The comparison window of figure k: up to the next figure that is not a
 * sub-count (*wend); where its comparison starts, else the sentence's end. */
static size_t
compare_cue(struct work *w, const struct text_sentence *s, size_t k, const struct mention *m,
    size_t *wend)
{
	const char *f = w->t->f;
	const struct number *n = &w->nums[k];
	struct compare_hit h;
	size_t ce = m->end > n->end ? m->end : n->end;

	int ak = clause_apposition_of(w->cl, w->ncl, n->start);

	*wend = s->end;
	/* a breakdown in an apposition after the figure ("211 victims – 187
	 * women, 19 girls and five men – a figure twice as high as ...") does
	 * not end its window: the comparison after it is the total's */
	for (size_t j = k + 1; j < w->nnums; j++)
		if (!(w->nums[j].flags & NUMBER_NOT_COUNT) && !extract_subcount(w, s, j) &&
		    (ak >= 0 || clause_apposition_of(w->cl, w->ncl, w->nums[j].start) < 0) &&
		    !compare_fraction(f, w->nums[j].end, s->end) &&
		    !compare_factor(f, s->start, w->nums[j].start) && !in_period(w, w->nums[j].start)) {
			*wend = w->nums[j].start;
			break;
		}
	/* a part in an apposition: what follows the apposition is its host's */
	if (ak >= 0 && w->cl[ak].end < *wend)
		*wend = w->cl[ak].end;
	return extract_compare_find(w, ce, *wend, n->value, w->nnums, &h) ? h.start : s->end;
}

/* Record where figure ni's observation o came from, and how its period was read. */
static void
note_figure(struct work *w, long ni, const struct mention *m, const struct extract_obs *o)
{
	struct extract_note *n = note(w, ni);

	if (n == NULL)
		return;
	n->indicator = taxonomy_indicator_name(w->tx, m->indicator);
	n->rule = m->rule;
	n->qualifier = m->qualifier;
	n->obs = (long)w->nobs - 1;
	extract_note_period(n, &o->how);
}

/* Whether figure k's comparisons are its clause's rather than its own:
 * a sub-count, or the last figure of "(from 118 to 240)". */
static int
no_derive(struct work *w, const struct text_sentence *s, size_t k)
{
	const char *f = w->t->f;
	size_t a = w->nums[k].end;

	if (extract_subcount(w, s, k))
		return 1;
	while (a < s->end && f[a] == ' ')
		a++;
	return a < s->end && f[a] == ')';
}

/* Figure k of s: its observation, then the figures its comparisons imply.
 * 0, or -1 when out of memory. */
static int
figure(struct work *w, const struct text_sentence *s, struct sent *st, size_t k)
{
	const struct number *n = &w->nums[k];
	struct mention m;
	struct extract_obs o;
	size_t wend, cue, oi;
	long ni = note_new(w, s, k, st->title);
	int fromref;

	if (st->used[k]) {
		note_drop(w, ni, "the stated reference of a comparison, counted with it");
		return 0;
	}
	if (mention_attack_times(&st->ms, k, &m)) {
		if (ni >= 0) {
			note(w, ni)->dropped = NULL;
			note(w, ni)->reading = "count";
		}
	} else if ((n->flags & NUMBER_NOT_COUNT) || !attach(w, s, st, k, ni, &m)) {
		return 0;
	}
	if (extract_projection(w, n->start)) {
		note_drop(w, ni, "a projection (a planning figure), not an observation");
		return 0;
	}
	if (extract_aid_recipients(w, s, k)) {
		note_drop(w, ni, "people receiving aid, not an indicator count");
		return 0;
	}
	if (extract_rate(w, s, k, &m)) {
		note_drop(w, ni, "a rate (per day, per week), not a count");
		return 0;
	}
	if (extract_other_noun(w, s, k)) {
		note_drop(w, ni, "its noun names no indicator (returnees, cases of a disease)");
		return 0;
	}
	if (extract_released(w, s, k, &m)) {
		note_drop(w, ni, "people released or returned, not held or displaced");
		return 0;
	}
	if (extract_escaped_captives(w, s, k, &m, st->ms.displaced)) {
		note_drop(w, ni, "captives who escaped, not people who fled their homes");
		return 0;
	}
	cue = compare_cue(w, s, k, &m, &wend);
	memset(&o, 0, sizeof(o));
	o.indicator = taxonomy_indicator_name(w->tx, m.indicator);
	o.value = n->value;
	o.qualifier = m.qualifier;
	extract_period_of(w, s, n->start, n->end, m.end > n->end ? m.end : n->end, cue,
	    span_role(w, s, k), &o, &fromref);
	extract_place(w, n->start, &o);
	if (m.left_country > 0 && m.indicator == st->ms.refugees)
		o.country = taxonomy_country_name(w->tx, m.left_country - 1); /* where they fled from */
	o.start = text_orig(w->t, m.start);
	o.end = text_orig(w->t, m.end);
	o.sent_start = text_orig(w->t, s->start);
	o.sent_end = text_orig(w->t, s->end);
	if (extract_push(w, &o) == -1)
		return -1;
	oi = w->nobs - 1;
	st->nfig++;
	note_figure(w, ni, &m, &o);
	/* the period that carries on is the main figure's, never a base's
	 * ("85 ..., against 60 in the first quarter") nor a part's ("90
	 * killed, 25 of them in August", "dont 25 lors des combats d'août") */
	if (!fromref && !extract_obs_end_only(&o) && (o.has_period || !w->carry) &&
	    !mention_versus_cue(w->t->f, s->start, n->start) &&
	    !(st->fig >= 0 && (extract_is_subcount(w->t->f, s->start, n->start) ||
	    extract_part_follows(w->t->f, s->end, n->end))))
		st->fig = (long)oi;
	if (!no_derive(w, s, k) && extract_derive(w, &st->ms, s, k, &m, &o, wend, st->used) == -1)
		return -1;
	/* no comparison of its own: one stated before, in a sentence of its own */
	return w->nobs == oi + 1 ? extract_compare_waiting(w, oi) : 0;
}

/* A sentence with no figure that names one kind of indicator, as a noun
 * ("les cas de violences sexuelles ont légèrement augmenté", "Abductions
 * continued in the north"): the topic of its paragraph's next sentences. */
static void
topic(struct work *w, const struct text_sentence *s)
{
	/* a noun: after a determiner or a preposition, or opening the sentence */
	static const char *const det[] = {
		"the", "of", "a", "an", "these", "such", "new", "more", "les", "des", "la", "le", "l",
		"du", "de", "d", "aux", "au", "ces", "nouveaux", "nouvelles", NULL
	};
	int id = -1;

	for (size_t t = 0; t < w->nterms; t++) {
		const struct mention_term *tm = &w->terms[t];
		size_t we, wb;

		if (tm->kind != TAXONOMY_INDICATOR)
			continue;
		wb = mention_word_before(w->t->f, s->start, tm->start, &we);
		if (wb != (size_t)-1 && !mention_in_list(det, w->t->f, wb, we))
			continue;
		if (id >= 0 && id != tm->id)
			return; /* two kinds: no one topic */
		id = tm->id;
	}
	if (id >= 0) {
		w->topic = id;
		w->topic_para = s->para;
	}
}

int
extract_sentence(struct work *w, const struct text_sentence *s)
{
	const char *f = w->t->f;
	struct sent st;
	size_t first;

	if (s->para != w->para || s->first) {
		w->para = s->para;
		w->carry = 0;
		w->carry_ref = 0;
	}
	w->nterms = extract_find_terms(w->tx, f, s->start, s->end, w->terms, SENT_MAX_TERMS);
	extract_para_country(w, s);
	w->nnums = number_scan(f, w->t->len, s->start, s->end, w->fr, w->nums, SENT_MAX_NUMS);
	w->cmp_last.valid = 0;
	memset(w->sub, -1, w->nnums);
	memset(w->qs, 0xff, w->nnums * sizeof(w->qs[0]));
	w->nper = period_scan_ctx(f, w->t->len, s->start, s->end, &w->pctx, w->per, SENT_MAX_PERIODS);
	w->ncl = 0;
	w->cl_of = NULL;
	if (w->nnums > 0)
		extract_clauses(w, s);
	sent_init(w, s, &st);
	/* The title: its period is the release's; its figures are figures too
	 * (a repeat in the body is the same fact, and the store keeps one) */
	if ((st.title = s->end <= w->title_end) != 0)
		extract_title_period(w);
	first = w->nobs;
	for (size_t k = 0; k < w->nnums; k++)
		if (figure(w, s, &st, k) == -1)
			return -1;
	extract_period_after(w, s, st.fig);
	if (st.title)
		w->ntitle = w->nobs;
	else if (st.nfig == 0)
		topic(w, s);
	return extract_compare_after(w, s, st.nfig, first);
}

/* o, a title figure, takes the period of b. */
static void
title_period(struct extract_obs *o, const struct extract_obs *b)
{
	o->has_period = 1;
	o->period_start = b->period_start;
	o->period_end = b->period_end;
	o->how = b->how;
	o->how.source = EXTRACT_PERIOD_CARRIED;
}

/* The note of observation i says how its period was read, again. */
static void
renote(struct work *w, size_t i)
{
	struct extract_notes *ns = w->p->notes;

	for (size_t k = 0; ns != NULL && k < ns->n; k++)
		if (ns->v[k].obs == (long)i)
			extract_note_period(&ns->v[k], &w->obs[i].how);
}

void
extract_lead_period(struct work *w)
{
	size_t first = 0;

	/* the first figure the text dates; the undated ones before it (a lead
	 * that says what happened before saying when: "experts expressed
	 * outrage at the executions of at least ten people", then "between 2
	 * and 4 January") take its period */
	const struct extract_obs *from;

	while (first < w->nobs && !w->obs[first].has_period)
		first++;
	/* or a sentence with no figure dates them first ("Dimanche après-midi,
	 * des assaillants ont attaqué les villages") */
	if (w->has_lead && w->lead_nobs <= first) {
		first = w->lead_nobs;
		from = &w->lead;
	} else if (first < w->nobs) {
		from = &w->obs[first];
	} else {
		return;
	}
	for (size_t i = 0; i < first; i++) {
		struct extract_obs *o = &w->obs[i];

		if (extract_obs_end_only(o) || o->derived || o->how.end > o->how.start ||
		    o->how.source != EXTRACT_PERIOD_NONE || o->sent_start == from->sent_start)
			continue; /* a stock, a vague time, an implied figure; a date
				   * in its own sentence was not its own for a reason */
		title_period(o, from);
		o->how.source = EXTRACT_PERIOD_RELEASE;
		renote(w, i);
	}
}

void
extract_title_repeats(struct work *w)
{
	struct extract_notes *ns = w->p->notes;
	size_t kept = 0;
	long *to; /* old index -> new, -1: dropped */

	if (w->ntitle == 0 || (to = malloc(w->nobs * sizeof(*to))) == NULL)
		return; /* out of memory: the repeats stay, nothing is lost */
	for (size_t i = 0; i < w->nobs; i++) {
		int again = 0;

		/* a title figure with no time takes the period of the body's first
		 * figure of its kind, else the release's ("alleged executions of at
		 * least ten people" over a body "between 2 and 4 January") */
		for (size_t j = w->ntitle; i < w->ntitle && !w->obs[i].has_period &&
		    !extract_obs_end_only(&w->obs[i]) && j < w->nobs; j++)
			if (strcmp(w->obs[j].indicator, w->obs[i].indicator) == 0 && w->obs[j].has_period) {
				title_period(&w->obs[i], &w->obs[j]);
				renote(w, i);
				break;
			}
		if (i < w->ntitle && !w->obs[i].has_period && !extract_obs_end_only(&w->obs[i]) &&
		    w->doc == 1) {
			struct extract_obs r = w->obs[i];

			r.period_start = w->ds;
			r.period_end = w->de;
			r.how = w->doc_how;
			title_period(&w->obs[i], &r);
			w->obs[i].how.source = EXTRACT_PERIOD_RELEASE;
			renote(w, i);
		}

		for (size_t j = w->ntitle; i < w->ntitle && j < w->nobs && !again; j++)
			again = strcmp(w->obs[j].indicator, w->obs[i].indicator) == 0 &&
			    w->obs[j].value == w->obs[i].value && w->obs[j].derived == w->obs[i].derived;
		to[i] = again ? -1 : (long)kept;
		if (!again)
			w->obs[kept++] = w->obs[i];
	}
	for (size_t i = 0; ns != NULL && i < ns->n; i++) {
		if (ns->v[i].obs < 0)
			continue;
		if ((ns->v[i].obs = to[ns->v[i].obs]) < 0)
			ns->v[i].dropped = "in the title, and the body states it again";
	}
	w->nobs = kept;
	free(to);
}
