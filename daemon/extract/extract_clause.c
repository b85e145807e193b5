/*
 * extract_clause — which clause a figure belongs to: the figures between two
 * places, a breakdown ("including", "dont") and a breakdown of a breakdown,
 * and the country and region named nearest a figure in its own clause.
 */
#include <string.h>

#include "extract_int.h"
#include "mention_int.h"

/* Whether a counted figure lies in f[a, b). */
int
extract_figure_between(const struct work *w, size_t a, size_t b)
{
	for (size_t j = 0; j < w->nnums; j++)
		if (!(w->nums[j].flags & NUMBER_NOT_COUNT) && w->nums[j].start >= a && w->nums[j].start < b)
			return 1;
	return 0;
}

int
extract_main_figure_between(const struct work *w, size_t lo, size_t a, size_t b)
{
	for (size_t j = 0; j < w->nnums; j++)
		if (!(w->nums[j].flags & NUMBER_NOT_COUNT) && w->nums[j].start >= a &&
		    w->nums[j].start < b && !mention_versus_cue(w->t->f, lo, w->nums[j].start))
			return 1;
	return 0;
}

/* Whether the figure k is introduced as a part of an earlier count figure
 * ("..., notamment l'exécution de 134 personnes"). */
int
extract_part_of_part(const struct work *w, const struct text_sentence *s, size_t k)
{
	static const char *const cues[] = {
		"including", "notamment", "dont", "in particular", "en particulier",
		"y compris", "among them", "of whom", "of which", NULL
	};
	const char *f = w->t->f;
	size_t a = s->start, b = w->nums[k].start;
	int earlier = 0;

	for (size_t j = 0; j < k; j++)
		if (!(w->nums[j].flags & NUMBER_NOT_COUNT)) {
			a = w->nums[j].end;
			earlier = 1;
		}
	if (!earlier)
		return 0;
	for (size_t i = a; i < b; i++)
		if (text_isalpha((unsigned char)f[i]) && !text_isalnum((unsigned char)f[i - 1]))
			for (size_t c = 0; cues[c] != NULL; c++)
				if (text_word_at(f, b, i, cues[c]))
					return 1;
	return 0;
}

/* Whether place term i names the nationality of people rather than where
 * things happened: a demonym before a people noun ("two Chadian
 * peacekeepers", "soldats maliens"), or "from X" after one ("four
 * peacekeepers from Togo"). */
static int
is_people(const struct work *w, size_t i)
{
	/* the noun "refugees", "réfugiés", not a verb of crossing ("crossed into Niger") */
	return w->terms[i].kind == TAXONOMY_PEOPLE || (w->terms[i].kind == TAXONOMY_INDICATOR &&
	    strcmp(taxonomy_indicator_name(w->tx, w->terms[i].id), "refugees") == 0 &&
	    strncmp(w->t->f + w->terms[i].start, "refug", 5) == 0);
}

static int
nationality(const struct work *w, size_t i)
{
	const struct mention_term *tm = &w->terms[i];
	const char *f = w->t->f;
	size_t b = tm->start;

	if (i + 1 < w->nterms && is_people(w, i + 1)) {
		size_t j = tm->end;

		while (j < w->terms[i + 1].start && f[j] == ' ')
			j++;
		if (j == w->terms[i + 1].start)
			return 1;
	}
	if (i > 0 && is_people(w, i - 1)) {
		size_t j = w->terms[i - 1].end;

		while (j < b && f[j] == ' ')
			j++;
		if (j == b)
			return 1; /* "soldats maliens", "casques bleus tchadiens" */
		if (text_word_at(f, b, j, "from") || text_word_at(f, b, j, "de")) {
			j = text_word_end(f, b, j);
			while (j < b && f[j] == ' ')
				j++;
			return j == b;
		}
	}
	return 0;
}

/* The place terms of clause c (main clause index) nearest pos: *cty and
 * *reg set to term indexes, or left -1. For a refugee, only a nationality
 * is the place (the country of origin: "Malian refugees in Niger" are
 * Mali's); for any other figure, a nationality is no place. */
static void
clause_places(const struct work *w, int c, size_t pos, int refugees, long *cty, long *reg)
{
	size_t bestd = (size_t)-1, bestr = (size_t)-1;

	for (size_t i = 0; i < w->nterms; i++) {
		const struct mention_term *tm = &w->terms[i];
		size_t d;

		/* a refugee's place is his origin: only a nationality names it */
		if ((tm->kind != TAXONOMY_COUNTRY && tm->kind != TAXONOMY_REGION) ||
		    clause_of(w->cl, w->ncl, tm->start) != c || nationality(w, i) != refugees)
			continue;
		d = tm->start > pos ? tm->start - pos : pos - tm->end;
		if (tm->kind == TAXONOMY_COUNTRY && d < bestd) {
			bestd = d;
			*cty = (long)i;
		} else if (tm->kind == TAXONOMY_REGION && d < bestr) {
			bestr = d;
			*reg = (long)i;
		}
	}
}

/* "120 civilians in Burkina Faso and 45 civilians in Niger": within a
 * clause, a country right after an earlier figure is that figure's, and
 * one after this figure, before the next, is this one's. */
static long
country_after(const struct work *w, int c, size_t pos, long cty)
{
	long before = -1, after = -1;

	for (size_t i = 0; i < w->nterms; i++) {
		const struct mention_term *tm = &w->terms[i];

		if (tm->kind != TAXONOMY_COUNTRY || clause_of(w->cl, w->ncl, tm->start) != c)
			continue;
		if (tm->end <= pos && !extract_figure_between(w, tm->end, pos))
			before = (long)i;
		else if (tm->start > pos && after < 0 && !extract_figure_between(w, pos + 1, tm->start))
			after = (long)i;
	}
	if (before >= 0 && after >= 0 && extract_figure_between(w, 0, w->terms[before].start) &&
	    w->terms[after].start - pos < 64)
		return after;
	return cty;
}

/* Country and region of a figure at pos: those named in its own clause,
 * nearest first; else in the nearest clause before it that names one
 * ("In Niger, 15 civilians were killed, and 40 others were injured"); a
 * place named in a later clause is that clause's. */
void
extract_place(struct work *w, size_t pos, struct extract_obs *o)
{
	int refugees = o->indicator != NULL && strcmp(o->indicator, "refugees") == 0;
	int c = clause_of(w->cl, w->ncl, pos);
	long cty = -1, reg = -1;
	int ci = -1, ri = -1;

	for (int k = c; k >= 0 && cty < 0 && reg < 0; k--) {
		clause_places(w, k, pos, refugees, &cty, &reg);
		if (k == c && cty >= 0 && !refugees)
			cty = country_after(w, c, pos, cty);
	}
	if (cty >= 0)
		ci = w->terms[cty].id;
	if (reg >= 0)
		ri = w->terms[reg].id;
	if (ci < 0 && ri >= 0)
		ci = taxonomy_region_country(w->tx, ri);
	/* "In South Sudan, ... . The Mission says four civilians were
	 * killed": the paragraph's opening country (not a refugee's origin) */
	if (ci < 0 && !refugees && w->para_country >= 0)
		ci = w->para_country;
	/* "SUDAN" or "MALI - region of Gao" alone on a line above: its place */
	if (ci < 0 && !refugees && w->head_country >= 0) {
		ci = w->head_country;
		ri = w->head_region;
	}
	o->country = ci >= 0 ? taxonomy_country_name(w->tx, ci) : w->country_name;
	o->region = ri >= 0 ? taxonomy_region_name(w->tx, ri) : NULL;
}

/* A heading (f[s->start, end): "SUDAN", "MALI - region of Gao", "Soudan
 * du Sud") gives the paragraphs under it its country and region, up to
 * the next heading that names another or none; a caption with a figure or
 * a date ("Q3 2024", "January to March") leaves them. */
static void
heading_place(struct work *w, const struct text_sentence *s, size_t end)
{
	int cty = -1, reg = -1;

	for (size_t t = 0; t < w->nterms && w->terms[t].end <= end; t++) {
		if (w->terms[t].kind == TAXONOMY_COUNTRY && cty < 0 && !nationality(w, t))
			cty = w->terms[t].id;
		else if (w->terms[t].kind == TAXONOMY_REGION && reg < 0)
			reg = w->terms[t].id;
	}
	if (cty < 0 && reg >= 0)
		cty = taxonomy_region_country(w->tx, reg);
	else if (reg >= 0 && taxonomy_region_country(w->tx, reg) != cty)
		reg = -1;
	if (cty < 0)
		for (size_t i = s->start; i < end; i++)
			if (w->t->f[i] >= '0' && w->t->f[i] <= '9')
				return;
	w->head_country = cty;
	w->head_region = reg;
}

/* The end of a line in capitals opening the paragraph of s, above its
 * first sentence with no blank line ("MALI" then "The Secretary-General
 * condemns ..."), or 0: a heading all the same. */
static size_t
capitals_line(const struct work *w, const struct text_sentence *s)
{
	const char *f = w->t->f, *nl;
	int letters = 0;

	if (!s->first || (nl = memchr(f + s->start, '\n', s->end - s->start)) == NULL ||
	    (size_t)(nl - f) - s->start > 80)
		return 0;
	for (size_t i = s->start; f + i < nl; i++) {
		if (f[i] == '.' || f[i] == ':' || f[i] == ';' || f[i] == '!' || f[i] == '?' || f[i] == ',')
			return 0;
		if (text_isalpha((unsigned char)f[i]) && !text_capital_at(w->t, i))
			return 0;
		letters += text_isalpha((unsigned char)f[i]) != 0;
	}
	return letters >= 3 ? (size_t)(nl - f) : 0;
}

void
extract_para_country(struct work *w, const struct text_sentence *s)
{
	static const char *const preps[] = { "in", "au", "en", "aux", NULL };
	const char *f = w->t->f;
	size_t i = s->start, e;

	if (w->heading)
		heading_place(w, s, s->end);
	else if ((e = capitals_line(w, s)) != 0)
		heading_place(w, s, e);
	if (s->para == w->place_para && !s->first)
		return;
	w->place_para = s->para;
	w->para_country = -1;
	/* "In Niger,", "Au Soudan,": a preposition, the country, a comma */
	while (i < s->end && !text_isalnum((unsigned char)f[i]))
		i++;
	e = text_word_end(f, s->end, i);
	if (e == i || !mention_in_list(preps, f, i, e))
		return;
	while (e < s->end && f[e] == ' ')
		e++;
	for (size_t t = 0; t < w->nterms; t++)
		if (w->terms[t].start == e && w->terms[t].kind == TAXONOMY_COUNTRY) {
			size_t c = w->terms[t].end;

			while (c < s->end && f[c] == ' ')
				c++;
			if (c < s->end && f[c] == ',')
				w->para_country = w->terms[t].id;
			return;
		}
}

int
extract_is_subcount(const char *f, size_t lo, size_t pos)
{
	size_t qs;

	(void)mention_qualifier(f, lo, pos, &qs);
	return extract_subcount_cue(f, lo, qs);
}

int
extract_subcount_cue(const char *f, size_t lo, size_t qs)
{
	/* each cue with its length: this is asked of every figure */
#define C(p) { p, sizeof(p) - 1 }
	static const struct {
		const char *p;
		size_t n;
	} cues[] = {
		C("including"), C("dont"), C("of whom"), C("of which"), C("among them"), C("y compris"),
		C("parmi lesquels"), C("parmi lesquelles"), C("among whom"),
	};
#undef C
	size_t e = qs;

	while (e > lo && (f[e - 1] == ' ' || f[e - 1] == ','))
		e--;
	for (size_t k = 0; k < sizeof(cues) / sizeof(cues[0]); k++) {
		size_t n = cues[k].n;

		if (e >= lo + n && f[e - 1] == cues[k].p[n - 1] && memcmp(f + e - n, cues[k].p, n) == 0 &&
		    (e - n == lo || !text_isalnum((unsigned char)f[e - n - 1])))
			return 1;
	}
	return 0;
}

int
extract_part_follows(const char *f, size_t hi, size_t end)
{
	static const char *const cues[] = {
		"of whom", "of them", "of which", "d'entre eux", "d'entre elles", NULL
	};
	size_t i = end;

	while (i < hi && f[i] == ' ')
		i++;
	for (size_t k = 0; cues[k] != NULL; k++)
		if (i < hi && f[i] == cues[k][0] && text_word_at(f, hi, i, cues[k]))
			return 1;
	return 0;
}

/* Whether the word ending at e (spaces before it skipped) is in l. */
static int
word_ends(const char *f, size_t lo, size_t e, const char *const *l)
{
	size_t b;

	while (e > lo && f[e - 1] == ' ')
		e--;
	b = e;
	while (b > lo && text_isalnum((unsigned char)f[b - 1]))
		b--;
	for (size_t k = 0; l[k] != NULL; k++)
		if (b < e && text_word_eq(l[k], f + b, e - b))
			return 1;
	return 0;
}

int
extract_incidents_beside_victims(const struct work *w, const struct text_sentence *s, size_t k,
    const struct mention *m)
{
	static const char *const incidents[] = { "incidents", "incident", NULL };
	static const char *const victims[] = {
		"victims", "victim", "victimes", "victime", "people", "persons", "personnes", NULL
	};
	const char *f = w->t->f;
	const char *ind = taxonomy_indicator_name(w->tx, m->indicator);
	size_t lo, hi;
	int a;

	if (ind == NULL || strcmp(ind, "attacks") == 0 || strcmp(ind, "violations") == 0 ||
	    !word_ends(f, s->start, m->end, incidents))
		return 0;
	/* the item: the apposition holding the figure, else its clause */
	if ((a = clause_apposition_of(w->cl, w->ncl, w->nums[k].start)) < 0)
		a = clause_of(w->cl, w->ncl, w->nums[k].start);
	if (a < 0)
		return 0;
	lo = w->cl[a].start;
	hi = w->cl[a].end;
	for (size_t j = 0; j < w->nnums; j++) {
		size_t e = w->nums[j].end;

		if (j == k || w->nums[j].start < lo || w->nums[j].start >= hi ||
		    (w->nums[j].flags & NUMBER_NOT_COUNT))
			continue;
		while (e < hi && f[e] == ' ')
			e++;
		if (word_ends(f, lo, text_word_end(f, hi, e), victims))
			return 1;
	}
	return 0;
}
