/*
 * extract_derive — the figures a comparison implies ("five times as many as
 * in all of 2019" after 435 abductions: about 87 in 2019), each with the
 * period of its reference, resolved against the figure's own.
 */
#include <string.h>

#include "rightswatch/compare.h"
#include "extract_int.h"

/* "une augmentation de 146 % en un an": the reference is a year earlier. */
static int
year_on_year(const char *f, size_t lo, size_t hi)
{
	static const char *const pats[] = {
		"en un an", "sur un an", "in one year", "in a year", "year-on-year", NULL
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

int
extract_derive(struct work *w, struct mention_sent *ms, const struct text_sentence *s,
    size_t k, size_t mend, const struct extract_obs *base, size_t wend, unsigned char *used)
{
	const char *f = w->t->f;
	const struct number *n = &w->nums[k];
	const struct extract_obs o = *base;
	struct compare_hit hit;
	size_t from;
	long ref;

	from = mend > n->end ? mend : n->end;
	{
		/* "une augmentation de 146 % ... (1 176 victimes)": a figure in
		 * parentheses glosses its clause, whose comparison came first. */
		size_t b = n->start;

		while (b > s->start && f[b - 1] == ' ')
			b--;
		if (b > s->start && f[b - 1] == '(') {
			size_t bs = s->start;

			for (size_t j = 0; j < k; j++)
				if (!(w->nums[j].flags & NUMBER_NOT_COUNT))
					bs = w->nums[j].end;
			if (compare_find(f, bs, b, n->value, w->nums, w->nnums, &hit)) {
				from = bs;
				wend = b;
			}
		}
	}
	while (from < wend && compare_find(f, from, wend, n->value, w->nums, w->nnums, &hit)) {
		struct extract_obs d = o;

		d.derived = 1;
		d.value = hit.value;
		d.qualifier = EXTRACT_APPROX;
		d.has_period = 0;
		extract_period_how(w, NULL, EXTRACT_PERIOD_NONE, &d);
		{
			const struct period_mention *pm = extract_period_reference(w, hit.start, wend);

			if (pm != NULL && (pm->kind == PERIOD_ABSOLUTE || o.has_period))
				d.has_period = period_resolve(pm, o.period_start, o.period_end,
				    &d.period_start, &d.period_end) == 0;
			if (pm != NULL) {
				extract_period_how(w, pm, EXTRACT_PERIOD_REFERENCE, &d);
				d.how.ps = d.period_start;
				d.how.pe = d.period_end;
			}
		}
		if (!d.has_period && o.has_period && year_on_year(f, s->start, s->end)) {
			d.has_period = 1;
			d.period_start = year_before(o.period_start);
			d.period_end = year_before(o.period_end);
			d.how.source = EXTRACT_PERIOD_REFERENCE;
		}
		if (!d.has_period)
			d.period_end = (struct date_ymd){ 0, 0, 0 };
		d.start = w->t->map[hit.start];
		d.end = w->t->map[hit.end];
		/* The reference stated after all ("au cours duquel 441", "(203)"):
		 * nothing derived; a bare figure there is the reference itself. */
		if ((ref = compare_stated(w->nums, w->nnums, hit.end, s->end, hit.value)) >= 0) {
			struct mention jm;
			size_t qs;

			if (used[ref] || mention_attach(ms, (size_t)ref, &jm)) {
				from = hit.end > from ? hit.end : from + 1;
				continue;
			}
			used[ref] = 1;
			d.derived = 0;
			d.value = w->nums[ref].value;
			d.qualifier = mention_qualifier(f, s->start, w->nums[ref].start, &qs);
			d.start = w->t->map[w->nums[ref].start];
			d.end = w->t->map[w->nums[ref].end];
		}
		if (extract_push(w, &d) == -1)
			return -1;
		from = hit.end > from ? hit.end : from + 1;
	}
	return 0;
}
