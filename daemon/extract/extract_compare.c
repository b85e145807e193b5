/*
 * extract_compare — comparisons stated in a sentence of their own, apart
 * from the figure they compare: "812 violations were recorded. These data
 * represent an increase of 151 per cent compared with the previous
 * quarter." (the sentence before), and "The number of people killed rose
 * by nearly 324 per cent. In all, 543 were killed ..." (the next figure of
 * the indicator it names). The implied figure is derived as for a
 * comparison in the figure's own sentence (extract_derive.c).
 */
#include <string.h>

#include "rightswatch/compare.h"
#include "extract_int.h"

/* Words that open a sentence about the figures just given. */
static const char *const anaphors[] = {
	"ces", "cela", "ceci", "ce", "this", "these", "that", "those", "such", "soit", NULL
};

/* Words between a comparison and the indicator it names: "a 25% decrease
 * in civilians affected", "une hausse du nombre de personnes tuées". */
static const char *const naming[] = {
	"in", "of", "the", "number", "des", "du", "de", "d", "nombre", "en", "les", "la", "le",
	"l", "aux", "au", "among", NULL
};

static int
word_in(const char *f, size_t a, size_t b, const char *const *l)
{
	return text_word_in(l, f + a, b - a);
}

/* The indicator term t names (a generic head gives its default kind), or -1. */
static int
term_kind(const struct work *w, size_t t)
{
	const struct mention_term *tm = &w->terms[t];

	return tm->kind == TAXONOMY_INDICATOR || tm->kind == TAXONOMY_GENERIC ? tm->id : -1;
}

/* The indicator the comparison at [hs, he) names: a term after it across
 * a few linking words, else the nearest before it in its clause; -1. */
static int
named_indicator(const struct work *w, size_t hs, size_t he)
{
	const char *f = w->t->f;
	size_t i = he, t = 0;
	int words = 0, c = clause_of(w->cl, w->ncl, hs);

	while (i < w->t->len && words <= 5) {
		size_t e;

		while (i < w->t->len && (f[i] == ' ' || f[i] == '\''))
			i++;
		while (t < w->nterms && w->terms[t].start < i)
			t++;
		if (t < w->nterms && w->terms[t].start == i && w->terms[t].kind != TAXONOMY_PEOPLE)
			return term_kind(w, t);
		e = text_word_end(f, w->t->len, i);
		if (t < w->nterms && w->terms[t].start == i)
			e = w->terms[t].end; /* "civilians affected by violence": the people, then the kind */
		else if (e == i || !word_in(f, i, e, naming))
			break;
		words++;
		i = e;
	}
	for (t = w->nterms; t > 0; t--) {
		const struct mention_term *tm = &w->terms[t - 1];

		if (tm->end <= hs && clause_of(w->cl, w->ncl, tm->start) == c && term_kind(w, t - 1) >= 0)
			return term_kind(w, t - 1);
	}
	return -1;
}

/* A possessive, then a noun of a count: "Leur nombre est ainsi trois fois
 * plus élevé", "Their number is three times as high" ("Their families
 * received twice as much aid" is about something else). */
static const char *const owners[] = { "leur", "their", "its", "son", NULL };
static const char *const counts[] = {
	"nombre", "number", "total", "chiffre", "figure", "bilan", "toll", NULL
};

/* Whether sentence s opens with an anaphor. */
static int
anaphoric(const struct work *w, const struct text_sentence *s)
{
	const char *f = w->t->f;
	size_t i = s->start, e, j;

	while (i < s->end && !text_isalpha((unsigned char)f[i]))
		i++;
	e = text_word_end(f, s->end, i);
	if (e > i && word_in(f, i, e, anaphors))
		return 1;
	if (e == i || !word_in(f, i, e, owners))
		return 0;
	for (j = e; j < s->end && f[j] == ' '; j++)
		;
	e = text_word_end(f, s->end, j);
	return e > j && word_in(f, j, e, counts);
}

/* Push the figure implied for observation base by a ratio probe/PROBE,
 * dated by pm resolved against base's period; pm_at: pm's original
 * offsets when it was read in an earlier window of the text, else NULL. */
static int
push_implied(struct work *w, size_t base, int64_t probe, const struct period_mention *pm,
    const size_t *pm_at, size_t start, size_t end)
{
	struct extract_obs d = w->obs[base];
	long double x = (long double)d.value * (long double)probe / (long double)EXTRACT_PROBE;

	if (x < 0 || x > (long double)NUMBER_MAX)
		return 0;
	d.value = (int64_t)(x + 0.5L);
	d.qualifier = EXTRACT_APPROX;
	d.derived = 1;
	d.has_period = 0;
	d.period_end = (struct date_ymd){ 0, 0, 0 };
	extract_period_how(w, NULL, EXTRACT_PERIOD_NONE, &d);
	if (pm != NULL && (pm->kind == PERIOD_ABSOLUTE || w->obs[base].has_period))
		d.has_period = period_resolve(pm, w->obs[base].period_start, w->obs[base].period_end,
		    &d.period_start, &d.period_end) == 0;
	if (d.has_period) {
		extract_period_ref_how(w, pm, &d);
		if (pm_at != NULL) {
			d.how.start = (uint32_t)pm_at[0];
			d.how.end = (uint32_t)pm_at[1];
		}
	} else
		d.period_end = (struct date_ymd){ 0, 0, 0 };
	d.start = start;
	d.end = end;
	return extract_push(w, &d);
}

/* The observation of the last sentence with figures that the comparison
 * speaks of: the first of the indicator it names, else its first; -1. */
static long
antecedent(const struct work *w, int ind)
{
	long first = -1;

	for (size_t i = w->last_first; i < w->last_end && i < w->nobs; i++) {
		if (w->obs[i].derived)
			continue;
		if (first < 0)
			first = (long)i;
		if (ind >= 0 && w->obs[i].indicator == taxonomy_indicator_name(w->tx, ind))
			return (long)i;
	}
	return ind >= 0 && first >= 0 &&
	    w->obs[first].indicator != taxonomy_indicator_name(w->tx, ind) ? -1 : first;
}

/* Whether sentence s may state a comparison: a rate or a multiplier, or a
 * word of one ("doubled", "twice", "fivefold", "multiplié"). Most sentences
 * state none, and compare_find is not asked of them. */
static int
may_compare(const struct work *w, const struct text_sentence *s)
{
	static const char *const words[] = { "doubl", "tripl", "quadrupl", "twice", "fold", "multipli", NULL };
	const char *f = w->t->f;

	for (size_t k = 0; k < w->nnums; k++)
		if (w->nums[k].flags & (NUMBER_PERCENT | NUMBER_TIMES))
			return 1;
	if (w->nnums == 0)
		return 0;
	for (size_t k = 0; words[k] != NULL; k++)
		if (memmem(f + s->start, s->end - s->start, words[k], strlen(words[k])) != NULL)
			return 1;
	return 0;
}

int
extract_compare_after(struct work *w, const struct text_sentence *s, size_t nfig, size_t first)
{
	const char *f = w->t->f;
	struct compare_hit hit;
	size_t from = s->start;
	int back = -1; /* whether it opens with an anaphor: asked once, when needed */

	for (size_t p = 0; p < w->npend; p++)
		w->pend[p].left--;
	while (nfig == 0 && from < s->end && may_compare(w, s) &&
	    compare_find(f, from, s->end, EXTRACT_PROBE, w->nums, w->nnums, &hit)) {
		int ind;

		extract_clauses(w, s); /* a sentence with no figure was not split yet */
		ind = named_indicator(w, hit.start, hit.end);
		/* a sentence of its own: its reference may open it ("Par rapport au
		 * premier trimestre, les homicides ont progressé de 60 %") */
		const struct period_mention *pm = extract_period_reference(w, s->start, s->end);

		if (pm != NULL && !pm->ref)
			pm = extract_period_reference(w, hit.start, s->end);
		long base;

		if (back < 0)
			back = w->last_age <= 1 && anaphoric(w, s);
		if (back && (base = antecedent(w, ind)) >= 0) {
			if (push_implied(w, (size_t)base, hit.value, pm, NULL, text_orig(w->t, hit.start),
			    text_orig(w->t, hit.end)) == -1)
				return -1;
		} else if (ind >= 0 && w->npend < sizeof(w->pend) / sizeof(w->pend[0])) {
			struct pending_cmp *pc = &w->pend[w->npend++];

			pc->indicator = ind;
			pc->probe = hit.value;
			pc->has_pm = pm != NULL;
			if (pm != NULL) {
				pc->pm = *pm;
				pc->pm_at[0] = text_orig(w->t, pm->start);
				pc->pm_at[1] = text_orig(w->t, pm->end);
			}
			pc->start = text_orig(w->t, hit.start);
			pc->end = text_orig(w->t, hit.end);
			pc->left = 3;
		}
		from = hit.end > from ? hit.end : from + 1;
	}
	/* forget what waited too long */
	for (size_t p = 0; p < w->npend;)
		if (w->pend[p].left <= 0)
			w->pend[p] = w->pend[--w->npend];
		else
			p++;
	if (nfig > 0) {
		w->last_first = first;
		w->last_end = w->nobs;
		w->last_age = 0;
	} else {
		w->last_age++;
	}
	return 0;
}

int
extract_compare_waiting(struct work *w, size_t i)
{
	for (size_t p = 0; p < w->npend; p++) {
		struct pending_cmp pc = w->pend[p];

		if (w->obs[i].derived ||
		    w->obs[i].indicator != taxonomy_indicator_name(w->tx, pc.indicator))
			continue;
		w->pend[p] = w->pend[--w->npend];
		return push_implied(w, i, pc.probe, pc.has_pm ? &pc.pm : NULL, pc.pm_at, pc.start, pc.end);
	}
	return 0;
}
