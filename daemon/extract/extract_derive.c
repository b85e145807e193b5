/*
 * extract_derive — the figures a comparison implies ("five times as many as
 * in all of 2019" after 435 abductions: about 87 in 2019), each with the
 * period of its reference, resolved against the figure's own.
 */
#include <string.h>

#include "rightswatch/compare.h"
#include "extract_int.h"

/* "une augmentation de 146 % en un an", "23 per cent more than a year
 * earlier", "qu'un an auparavant": the reference is a year earlier. */
static int
year_on_year(const char *f, size_t lo, size_t hi)
{
	static const char *const pats[] = {
		"en un an", "sur un an", "in one year", "in a year", "year-on-year",
		"a year earlier", "a year before", "one year earlier", "one year before",
		"twelve months earlier", "12 months earlier", "un an auparavant", "un an plus tot",
		"un an avant", "une annee auparavant", "une annee plus tot", "douze mois auparavant",
		"douze mois plus tot", "12 mois auparavant", "12 mois plus tot", NULL
	};

	for (size_t i = lo; i < hi; i++)
		for (size_t p = 0; pats[p] != NULL; p++)
			if (f[i] == pats[p][0] && (i == lo || !text_isalnum((unsigned char)f[i - 1])) &&
			    text_word_at(f, hi, i, pats[p]))
				return 1;
	return 0;
}

static struct date_ymd
year_before(struct date_ymd d)
{
	d.y--;
	if (d.m == 2 && d.d == 29)
		d.d = 28;
	return d;
}

/* "a 140 per cent increase on 2019", "a fivefold rise over 2018": a bare
 * year after the comparison is its reference, the whole calendar year;
 * the number's index, or -1. */
static long
year_after(const struct work *w, size_t from, size_t to)
{
	for (size_t j = 0; j < w->nnums; j++)
		if (w->nums[j].start >= from && w->nums[j].start < to && (w->nums[j].flags & NUMBER_YEAR))
			return (long)j;
	return -1;
}

/* Whether f[a, b) is a verb of folding ("doubled", "ont triplé", "a
 * quadruplé"), the only change that names a base before a "N cas" whose
 * kind the sentence named (not "rose by 15 per cent, to 380 cases"). */
static int
fold_verb(const char *f, size_t a, size_t b)
{
	static const char *const stems[] = { "doubl", "tripl", "quadrupl", NULL };

	for (size_t i = a; i < b; i++)
		if (i == a || f[i - 1] == ' ')
			for (size_t p = 0; stems[p] != NULL; p++)
				if (b - i >= strlen(stems[p]) && memcmp(f + i, stems[p], strlen(stems[p])) == 0)
					return 1;
	return 0;
}

/* Whether a counted figure of the sentence other than k, before from,
 * states the implied value already ("from 140 ... to 210, a 50 per cent
 * increase"): the base is written out and nothing is derived. */
static int
stated_before(const struct work *w, const struct text_sentence *s, size_t k, size_t from,
    int64_t value)
{
	long j = compare_stated(w->nums, w->nnums, s->start, from, value);

	return j >= 0 && (size_t)j != k;
}

/* The period of a figure implied by the comparison hit: its reference
 * ("compared with the first quarter", "as in all of 2019"), else the first
 * temporal phrase after it, else a bare year after it, else a year before
 * the figure's own ("en un an"); resolved against the figure's period.
 * ref_only: a change stated before the figure ("doubled to 80 last year"),
 * whose following phrase is the figure's own: only a comparison's
 * reference ("compared with the first quarter") dates it. */
static void
derived_period(const struct work *w, const struct text_sentence *s, const struct extract_obs *o,
    const struct compare_hit *hit, size_t wend, int ref_only, struct extract_obs *d)
{
	const struct period_mention *use = NULL;
	long y;

	d->has_period = 0;
	extract_period_how(w, NULL, EXTRACT_PERIOD_NONE, d);
	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->start < hit->start || pm->start >= wend)
			continue;
		if (pm->ref) {
			use = pm;
			break;
		}
		if (use == NULL && !ref_only)
			use = pm;
	}
	if (use != NULL && use->type == PERIOD_T_VAGUE)
		use = NULL; /* "than earlier", "qu'auparavant": a vague time dates nothing */
	if (ref_only && use == NULL) {
		/* "doubled to 80 last year": the phrase after is the figure's own */
		d->period_end = (struct date_ymd){ 0, 0, 0 };
		return;
	}
	if (use != NULL && (use->kind == PERIOD_ABSOLUTE || o->has_period))
		d->has_period = period_resolve(use, o->period_start, o->period_end,
		    &d->period_start, &d->period_end) == 0;
	if (d->has_period) {
		extract_period_ref_how(w, use, d);
	} else if ((y = year_after(w, hit->start, wend)) >= 0) {
		int yr = (int)w->nums[y].value;

		d->has_period = 1;
		d->period_start = (struct date_ymd){ yr, 1, 1 };
		d->period_end = (struct date_ymd){ yr, 12, 31 };
		d->how.source = EXTRACT_PERIOD_REFERENCE;
		d->how.start = text_orig(w->t, w->nums[y].start);
		d->how.end = text_orig(w->t, w->nums[y].end);
		d->how.type = PERIOD_T_DATE;
		d->how.anchor = PERIOD_A_NONE;
	} else if ((o->has_period || extract_obs_end_only(o)) &&
	    year_on_year(w->t->f, s->start, s->end)) {
		/* "en un an": a year before the figure's own period; for a
		 * stock, the stock a year before its as-of date */
		d->has_period = o->has_period;
		d->period_start = o->has_period ? year_before(o->period_start) : o->period_start;
		d->period_end = year_before(o->period_end);
		d->how.source = EXTRACT_PERIOD_REFERENCE;
		d->how.type = o->has_period ? PERIOD_T_RELATIVE : PERIOD_T_ASOF;
		d->how.anchor = PERIOD_A_PREVIOUS;
		if (!o->has_period)
			return;
	}
	if (d->has_period && !(date_valid(d->period_start.y, d->period_start.m, d->period_start.d) &&
	    date_valid(d->period_end.y, d->period_end.m, d->period_end.d)))
		d->has_period = 0; /* never an impossible date: no period rather than 0000-00-00 */
	if (!d->has_period)
		d->period_end = (struct date_ymd){ 0, 0, 0 };
}

/* Whether the figure at pos opens a parenthesis. */
static int
in_parens(const char *f, size_t lo, size_t pos)
{
	while (pos > lo && f[pos - 1] == ' ')
		pos--;
	return pos > lo && f[pos - 1] == '(';
}

/* The observation the comparison hit implies for figure o: derived, or
 * the reference figure itself when the sentence states it after the
 * comparison ("au cours duquel 212", "(185)"). Returns 1 and fills d, 0
 * when nothing is to be pushed (the reference is counted already). */
static int
implied(struct work *w, struct mention_sent *ms, const struct text_sentence *s,
    const struct extract_obs *o, const struct compare_hit *hit, size_t wend, int before,
    unsigned char *used, struct extract_obs *d)
{
	const char *f = w->t->f;
	struct compare_hit hit2;
	long ref;

	*d = *o;
	d->derived = 1;
	d->value = hit->value;
	d->qualifier = EXTRACT_APPROX;
	derived_period(w, s, o, hit, wend, before, d);
	d->start = text_orig(w->t, hit->start);
	d->end = text_orig(w->t, hit->end);
	if ((ref = compare_stated(w->nums, w->nnums, hit->end, s->end, hit->value)) >= 0) {
		struct mention jm;
		size_t qs;

		/* a figure counted on its own is not the reference, except one of
		 * the figure's kind in parentheses right after the comparison:
		 * "30 per cent more than in 2022 (200 deaths)" writes the base */
		if (used[ref] || (mention_attach(ms, (size_t)ref, &jm) &&
		    !(in_parens(f, s->start, w->nums[ref].start) &&
		    strcmp(taxonomy_indicator_name(w->tx, jm.indicator), o->indicator) == 0)))
			return 0;
		used[ref] = 1;
		d->derived = 0;
		/* its period is the one stated after it ("the 200 recorded in
		 * 2019"), else the comparison's */
		hit2 = *hit;
		hit2.start = w->nums[ref].end;
		derived_period(w, s, o, &hit2, s->end, 0, d);
		if (!d->has_period) /* "compared with June (150)" */
			derived_period(w, s, o, hit, wend, 0, d);
		d->value = w->nums[ref].value;
		d->qualifier = mention_qualifier(f, s->start, w->nums[ref].start, &qs);
		d->start = text_orig(w->t, w->nums[ref].start);
		d->end = text_orig(w->t, w->nums[ref].end);
	}
	return 1;
}

/* Where the comparisons of figure k, whose mention is m, are looked for:
 * after it, up to wend; or, for a figure glossing its clause in
 * parentheses ("une augmentation de 146 % ... (1 176 victimes)"), the
 * clause before it. */
static size_t
window(struct work *w, const struct text_sentence *s, size_t k, const struct mention *m,
    size_t *wend)
{
	const char *f = w->t->f;
	const struct number *n = &w->nums[k];
	struct compare_hit hit;
	size_t b = n->start, bs = s->start;

	while (b > s->start && f[b - 1] == ' ')
		b--;
	if (b > s->start && f[b - 1] == '(') {
		for (size_t j = 0; j < k; j++)
			if (!(w->nums[j].flags & NUMBER_NOT_COUNT))
				bs = w->nums[j].end;
		if (extract_compare_find(w, bs, b, n->value, w->nnums, &hit)) {
			*wend = b;
			return bs;
		}
	}
	return m->end > n->end ? m->end : n->end;
}

int
extract_derive(struct work *w, struct mention_sent *ms, const struct text_sentence *s,
    size_t k, const struct mention *m, const struct extract_obs *o, size_t wend, unsigned char *used)
{
	const char *f = w->t->f;
	const struct number *n = &w->nums[k];
	struct compare_hit hit;
	struct extract_obs d;
	size_t from = window(w, s, k, m, &wend), cb = m->start;

	/* "90 cas" whose kind the sentence named ("les arrestations ont
	 * triplé pour atteindre 90 cas"): the noun is before the figure, after
	 * the figure before it */
	if (m->named && cb >= n->start) {
		cb = s->start;
		for (size_t j = 0; j < k; j++)
			if (!(w->nums[j].flags & NUMBER_NOT_COUNT) && w->nums[j].end <= n->start)
				cb = w->nums[j].end;
	}
	/* "killings doubled to 90", "ont doublé pour atteindre 90": a change
	 * stated between the noun and its figure; nothing when the sentence
	 * writes the base out ("from 140 ... to 210, a 50 per cent increase") */
	if (cb < n->start && extract_compare_find(w, cb, n->start, n->value, k, &hit) &&
	    (cb == m->start || fold_verb(f, hit.start, hit.end)) && !stated_before(w, s, k, hit.start, hit.value) &&
	    implied(w, ms, s, o, &hit, wend, 1, used, &d) && extract_push(w, &d) == -1)
		return -1;
	while (from < wend && extract_compare_find(w, from, wend, n->value, w->nnums, &hit)) {
		if (!stated_before(w, s, k, hit.start, hit.value) &&
		    implied(w, ms, s, o, &hit, wend, 0, used, &d) && extract_push(w, &d) == -1)
			return -1;
		from = hit.end > from ? hit.end : from + 1;
	}
	return 0;
}
