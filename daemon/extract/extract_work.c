/*
 * extract_work — what every stage of one extract_text call shares:
 * appending an observation, a sentence's clauses (split when first asked),
 * whether an observation has only an end (a stock), the guard that no
 * impossible date leaves the extractor, and the taxonomy terms of a span.
 * Below extract.c and the stages it calls.
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/clause.h"
#include "extract_int.h"

int
extract_push(struct work *w, const struct extract_obs *o)
{
	if (w->nobs >= EXTRACT_MAX_OBS)
		return 0;
	if (w->nobs == w->cap) {
		size_t nc = w->cap * 2 + 16;
		struct extract_obs *nv = realloc(w->obs, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		w->obs = nv;
		w->cap = nc;
	}
	w->obs[w->nobs++] = *o;
	return 0;
}

void
extract_clauses(struct work *w, const struct text_sentence *s)
{
	if (w->cl_of == s)
		return;
	w->ncl = clause_split(w->t->f, s->start, s->end, w->cl, SENT_MAX_CLAUSES);
	memset(w->proj, -1, w->ncl);
	w->cl_of = s;
}

int
extract_obs_end_only(const struct extract_obs *o)
{
	return !o->has_period && o->period_end.y != 0;
}

void
extract_obs_dates_guard(struct extract_obs *o)
{
	const struct date_ymd *a = &o->period_start, *b = &o->period_end;

	if (o->has_period && !(date_valid(a->y, a->m, a->d) && date_valid(b->y, b->m, b->d)))
		o->has_period = 0;
	if (!o->has_period) {
		o->period_start = (struct date_ymd){ 0, 0, 0 };
		if (b->y != 0 && !date_valid(b->y, b->m, b->d))
			o->period_end = (struct date_ymd){ 0, 0, 0 };
	}
}

int
extract_compare_find(struct work *w, size_t from, size_t to, int64_t value, size_t nnums,
    struct compare_hit *hit)
{
	if (w->cmp_last.valid && w->cmp_last.from == from && w->cmp_last.to == to &&
	    w->cmp_last.value == value && w->cmp_last.nnums == nnums) {
		*hit = w->cmp_last.hit;
		return w->cmp_last.found;
	}
	w->cmp_last.found = compare_find(w->t->f, from, to, value, w->nums, nnums, hit);
	w->cmp_last.valid = 1;
	w->cmp_last.from = from;
	w->cmp_last.to = to;
	w->cmp_last.value = value;
	w->cmp_last.nnums = nnums;
	w->cmp_last.hit = *hit;
	return w->cmp_last.found;
}

int
extract_subcount(struct work *w, const struct text_sentence *s, size_t k)
{
	if (w->sub[k] < 0)
		w->sub[k] = (signed char)extract_subcount_cue(w->t->f, s->start, extract_qual_start(w, s, k));
	return w->sub[k];
}

size_t
extract_qual_start(struct work *w, const struct text_sentence *s, size_t k)
{
	if (w->qs[k] == UINT32_MAX) {
		size_t qs;

		(void)mention_qualifier(w->t->f, s->start, w->nums[k].start, &qs);
		w->qs[k] = (uint32_t)qs;
	}
	return w->qs[k];
}

size_t
extract_find_terms(const struct taxonomy *tx, const char *f, size_t lo, size_t hi,
    struct mention_term *out, size_t max)
{
	size_t i = lo, n = 0;

	while (i < hi) {
		struct taxonomy_match m;
		size_t we;

		if (!text_isalpha((unsigned char)f[i]) || (i > lo && text_isalnum((unsigned char)f[i - 1]))) {
			i++;
			continue;
		}
		we = text_word_end(f, hi, i);
		if (taxonomy_match_word(tx, f, hi, i, we, &m)) {
			if (n < max) {
				out[n].start = i;
				out[n].end = m.end;
				out[n].kind = m.kind;
				out[n].id = m.id;
				n++;
			}
			i = m.end;
			continue;
		}
		i = we;
	}
	return n;
}
