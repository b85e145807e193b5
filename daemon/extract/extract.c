/*
 * extract — the indicator extractor's driver (see extract.h): folds the
 * text, splits sentences, and for each sentence finds terms, numbers and
 * periods once, attaches numbers to indicators (mention.c), derives the
 * figures comparisons imply (compare.c), and places each observation in a
 * period, a country and a region. Offsets in the result are the original's.
 *
 * Memory is bounded per sentence (at most SENT_MAX_* numbers, terms and
 * periods are kept) and per text (EXTRACT_MAX_OBS observations).
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/compare.h"
#include "rightswatch/extract.h"
#include "rightswatch/mention.h"
#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "extract_int.h"

struct extract_taxonomy {
	struct taxonomy *tx;
};

struct extract_taxonomy *
extract_taxonomy_new(const struct config *cf)
{
	struct extract_taxonomy *t = malloc(sizeof(*t));

	if (t == NULL)
		return NULL;
	if ((t->tx = taxonomy_new(cf)) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void
extract_taxonomy_free(struct extract_taxonomy *t)
{
	if (t == NULL)
		return;
	taxonomy_free(t->tx);
	free(t);
}

int
extract_obs_end_only(const struct extract_obs *o)
{
	return !o->has_period && o->period_end.y != 0;
}

const char *
extract_qualifier_name(enum extract_qualifier q)
{
	switch (q) {
	case EXTRACT_AT_LEAST: return "at_least";
	case EXTRACT_MORE_THAN: return "more_than";
	case EXTRACT_APPROX: return "approx";
	case EXTRACT_AT_MOST: return "at_most";
	default: return "exact";
	}
}

void
extract_result_free(struct extract_result *res)
{
	if (res == NULL)
		return;
	free(res->obs);
	res->obs = NULL;
	res->nobs = 0;
}


/* The role of a figure in "(from 125 to 266)", "(de 125 à 266)". */
enum span_role { SPAN_NONE, SPAN_FROM, SPAN_TO };

size_t
extract_find_terms(const struct taxonomy *tx, const char *f, size_t lo, size_t hi,
    struct mention_term *out, size_t max)
{
	size_t i = lo, n = 0;

	while (i < hi) {
		struct taxonomy_match m;

		if (!text_isalpha((unsigned char)f[i]) || (i > lo && text_isalnum((unsigned char)f[i - 1]))) {
			i++;
			continue;
		}
		if (taxonomy_match(tx, f, hi, i, &m)) {
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
		i = text_word_end(f, hi, i);
	}
	return n;
}

/* French or English, from the commonest function words. */
static int
detect_fr(const char *f, size_t len)
{
	static const char *const fr[] = { "le", "la", "les", "des", "du", "et", "est", "une", "dans", "qui", NULL };
	static const char *const en[] = { "the", "and", "of", "was", "were", "is", "in", "that", "with", "by", NULL };
	size_t i = 0, nf = 0, ne = 0, lim = len < 20000 ? len : 20000;

	while (i < lim) {
		size_t e;

		if (!text_isalpha((unsigned char)f[i])) {
			i++;
			continue;
		}
		e = text_word_end(f, lim, i);
		for (size_t k = 0; fr[k] != NULL; k++)
			if (text_word_eq(fr[k], f + i, e - i))
				nf++;
		for (size_t k = 0; en[k] != NULL; k++)
			if (text_word_eq(en[k], f + i, e - i))
				ne++;
		i = e;
	}
	return nf > ne;
}

static int
country_of(const struct taxonomy *tx, const char *f, size_t lo, size_t hi)
{
	struct mention_term terms[256];
	size_t n = extract_find_terms(tx, f, lo, hi, terms, 256);
	int best = -1, bestn = 0;

	for (size_t i = 0; i < n; i++) {
		int id = terms[i].kind == TAXONOMY_COUNTRY ? terms[i].id :
		    terms[i].kind == TAXONOMY_REGION ? taxonomy_region_country(tx, terms[i].id) : -1;
		int cnt = 0;

		if (id < 0)
			continue;
		for (size_t j = 0; j < n; j++)
			if (terms[j].kind == TAXONOMY_COUNTRY && terms[j].id == id)
				cnt++;
		if (cnt > bestn) {
			best = id;
			bestn = cnt;
		}
	}
	return best;
}

/* The title and first paragraph: up to the end of the second paragraph,
 * and at least the first LEAD_MIN bytes, for a release opening with a
 * document number or a mission's name ("SG/SM/...", "The following
 * statement was issued today"). */
#define LEAD_MIN 1200 /* bytes */
static size_t
lead_end(const struct text *t)
{
	size_t paras = 0;

	for (size_t i = 0; i + 1 < t->len; i++)
		if (t->f[i] == '\n' && t->f[i + 1] == '\n' && ++paras >= 2 && i >= LEAD_MIN)
			return i;
	return t->len < 4000 ? t->len : 4000;
}

const char *
extract_release_country(const struct extract_taxonomy *etx, const char *text, size_t len)
{
	struct text t;
	int id;

	if (text_fold(text, len, 0, &t) == -1)
		return NULL;
	id = country_of(etx->tx, t.f, 0, lead_end(&t));
	text_free(&t);
	return taxonomy_country_name(etx->tx, id);
}

/* A first paragraph that is one short line without a full stop is a title. */
static size_t
title_end(const struct text *t, const struct text_sentence *sv, size_t ns)
{
	size_t e;

	if (ns < 2 || sv[0].para != 0 || sv[1].para == 0)
		return 0;
	e = sv[0].end;
	if (e - sv[0].start > 300 || memchr(t->f + sv[0].start, '\n', e - sv[0].start) != NULL)
		return 0;
	while (e > sv[0].start && t->f[e - 1] == ' ')
		e--;
	if (e > sv[0].start && (t->f[e - 1] == '.' || t->f[e - 1] == '!' || t->f[e - 1] == '?'))
		return 0;
	return sv[0].end;
}

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
span_role(const struct work *w, size_t lo, size_t k)
{
	static const char *const from[] = { "from", "de", "du", NULL };
	static const char *const to[] = { "to", "a", "au", NULL };
	const char *f = w->t->f;
	const struct number *n = &w->nums[k];
	size_t qs, b;

	(void)mention_qualifier(f, lo, n->start, &qs);
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
	    span_role(w, lo, k - 1) == SPAN_FROM)
		return SPAN_TO;
	return SPAN_NONE;
}

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

/* A stock rather than an event: "are internally displaced", "sont déplacées",
 * "already ... have been displaced"; only an "as of" date applies to it. */
static int
is_stock(const struct work *w, const char *ind, size_t lo, size_t hi, size_t ns, size_t ne)
{
	static const char *const before[] = { "already", "currently", "deja", "actuellement", "now", "today", NULL };
	static const char *const after[] = {
		"are", "is", "remain", "remained", "sont", "restent", "demeurent", "currently",
		"actuellement", "still", "toujours", NULL
	};
	const char *f = w->t->f;
	size_t a = ns > lo + 40 ? ns - 40 : lo;

	if (strcmp(ind, "displaced") != 0 && strcmp(ind, "refugees") != 0)
		return 0;
	for (size_t i = a; i < ns; i++)
		if (i == lo || !text_isalnum((unsigned char)f[i - 1]))
			for (size_t k = 0; before[k] != NULL; k++)
				if (text_word_at(f, ns, i, before[k]))
					return 1;
	for (size_t i = ne, cnt = 0; i < hi && cnt < 6; ) {
		size_t e;

		while (i < hi && !text_isalnum((unsigned char)f[i]))
			i++;
		if (i >= hi)
			break;
		e = text_word_end(f, hi, i);
		for (size_t k = 0; after[k] != NULL; k++)
			if (text_word_eq(after[k], f + i, e - i))
				return 1;
		i = e;
		cnt++;
	}
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
		if (f[i] == '"')
			return 1;
		if (i == a || !text_isalnum((unsigned char)f[i - 1]))
			for (size_t k = 0; verbs[k] != NULL; k++)
				if (text_word_at(f, b, i, verbs[k]))
					return 1;
	}
	return 0;
}

/* Whether f[a, b) joins another clause: a conjunction or a finite verb. */
static int
clause_joined(const char *f, size_t a, size_t b)
{
	static const char *const words[] = {
		"and", "et", "but", "mais", "while", "alors", "whereas", "tandis", "who", "qui",
		"which", "that", "que", "were", "was", "are", "is", "ont", "sont", "a", "ete",
		"had", "has", "have", "avaient", "etaient", "when", "lorsque", "quand", NULL
	};

	for (size_t i = a; i < b; i++)
		if (text_isalpha((unsigned char)f[i]) && (i == a || !text_isalnum((unsigned char)f[i - 1])))
			for (size_t k = 0; words[k] != NULL; k++)
				if (text_word_at(f, b, i, words[k]))
					return 1;
	return 0;
}

/* The main period of a figure at [ns, ne) whose evidence ends at ee and
 * whose comparison begins at cue: a period right after it, else the nearest
 * before it (a comparison's only when linked: "au cours duquel"), else one
 * after it that opens no later figure's clause. -1 when none. */
static int
own_period(const struct work *w, size_t ns, size_t ee, size_t cue, size_t hi)
{
	const char *f = w->t->f;
	int best = -1;

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
		if (pm->start > ee + 24 && clause_joined(f, ee, pm->start))
			clean = 0;
		if (clean && !extract_figure_between(w, ee, pm->start))
			return (int)p;
	}
	for (size_t p = 0; p < w->nper; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->kind != PERIOD_ABSOLUTE || pm->end > ns)
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
		if (!extract_figure_between(w, pm->end, hi) && !speech_between(f, ee, pm->start))
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
	for (size_t p = 0; p < w->nper && w->doc == 0; p++) {
		const struct period_mention *pm = &w->per[p];

		if (pm->ref || pm->kind != PERIOD_ABSOLUTE)
			continue;
		w->doc = pm->open ? 3 : 1;
		w->ds = pm->ps;
		w->de = pm->pe;
	}
}

int
extract_figure_period(struct work *w, const struct text_sentence *s, size_t k, size_t ee,
    size_t cue, struct extract_obs *o, struct period_pick *pick)
{
	const struct number *n = &w->nums[k];
	enum span_role role = span_role(w, s->start, k);
	int mp = role == SPAN_TO ? -1 : own_period(w, n->start, ee, cue, s->end);
	const struct period_mention *rp;

	pick->src = PERIOD_SRC_NONE;
	if (role == SPAN_TO) {
		for (size_t p = 0; p < w->nper; p++)
			if (!w->per[p].ref && w->per[p].kind == PERIOD_ABSOLUTE && !w->per[p].open) {
				mp = (int)p;
				break;
			}
	}
	pick->mp = mp;
	if (mp >= 0 && w->per[mp].open) {
		o->period_end = w->per[mp].pe;
		pick->src = PERIOD_SRC_STATED;
	} else if (mp >= 0) {
		set_period(o, w->per[mp].ps, w->per[mp].pe);
		pick->src = PERIOD_SRC_STATED;
	} else if (w->carry) {
		set_period(o, w->cs, w->ce);
		pick->src = PERIOD_SRC_CARRIED;
	} else if (w->doc == 1) {
		set_period(o, w->ds, w->de);
		pick->src = PERIOD_SRC_RELEASE;
	}
	if (role == SPAN_FROM && (rp = ref_period(w, n->start)) != NULL) {
		struct date_ymd a, b;

		if (period_resolve(rp, o->period_start, o->period_end, &a, &b) == 0 &&
		    (rp->kind == PERIOD_ABSOLUTE || o->has_period)) {
			set_period(o, a, b);
			pick->src = PERIOD_SRC_REFERENCE;
			pick->mp = -1;
			for (size_t p = 0; p < w->nper; p++)
				if (rp == &w->per[p])
					pick->mp = (int)p;
		}
	}
	/* A stock keeps only a period stated for it ("displaced in 2021"), not
	 * "today", a carried one or the release's. */
	if ((mp < 0 || (w->per[mp].ps.y == w->p->release_date.y &&
	    w->per[mp].ps.m == w->p->release_date.m && w->per[mp].ps.d == w->p->release_date.d)) &&
	    is_stock(w, o->indicator, s->start, s->end, n->start, n->end)) {
		int open = -1;

		for (size_t p = 0; p < w->nper; p++)
			if (w->per[p].open)
				open = (int)p;
		o->has_period = 0;
		o->period_end = (struct date_ymd){ 0, 0, 0 };
		if (open >= 0)
			o->period_end = w->per[open].pe;
		else if (w->doc == 3)
			o->period_end = w->de;
		pick->src = PERIOD_SRC_STOCK;
		pick->mp = open;
	}
	if (w->doc == 0 && !extract_obs_end_only(o)) {
		w->doc = o->has_period ? 1 : 2;
		w->ds = o->period_start;
		w->de = o->period_end;
	}
	return role == SPAN_FROM || (mp >= 0 && w->per[mp].ref);
}

void
extract_carry(struct work *w, long fig)
{
	/* The period this sentence gave its figures (or, with none, the first
	 * it states) carries to the rest of its paragraph; so does the last
	 * comparison reference. */
	if (fig >= 0) {
		w->carry = w->obs[fig].has_period;
		w->cs = w->obs[fig].period_start;
		w->ce = w->obs[fig].period_end;
	} else {
		for (size_t p = 0; p < w->nper; p++)
			if (!w->per[p].ref && w->per[p].kind == PERIOD_ABSOLUTE && !w->per[p].open) {
				w->carry = 1;
				w->cs = w->per[p].ps;
				w->ce = w->per[p].pe;
				break;
			}
	}
	for (size_t p = 0; p < w->nper; p++)
		if (w->per[p].ref) {
			w->carry_ref = 1;
			w->cref = w->per[p];
		}
}

int
extract_text(const struct extract_taxonomy *etx, const char *text, size_t len,
    const struct extract_params *params, struct extract_result *res)
{
	struct text t;
	struct text_sentence *sv = NULL;
	size_t ns = 0;
	struct work *w;
	int rc = -1;

	res->obs = NULL;
	res->nobs = 0;
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if (text_fold(text, len, 0, &t) == -1) {
		free(w);
		return -1;
	}
	if (text_sentences(&t, &sv, &ns) == -1)
		goto done;
	w->tx = etx->tx;
	w->t = &t;
	w->p = params;
	w->fr = params->lang == EXTRACT_LANG_FR ? 1 :
	    params->lang == EXTRACT_LANG_EN ? 0 : detect_fr(t.f, t.len);
	w->country = -1;
	if (params->country != NULL) {
		w->country = taxonomy_country_find(etx->tx, params->country);
		w->country_name = w->country >= 0 ? taxonomy_country_name(etx->tx, w->country) :
		    params->country;
	} else {
		w->country = country_of(etx->tx, t.f, 0, lead_end(&t));
		w->country_name = taxonomy_country_name(etx->tx, w->country);
	}
	w->para = (size_t)-1;
	w->gkind = -1;
	w->last_age = 99;
	w->title_end = title_end(&t, sv, ns);
	for (size_t i = 0; i < ns; i++)
		if (extract_sentence(w, &sv[i]) == -1)
			goto done;
	res->obs = w->obs;
	res->nobs = w->nobs;
	w->obs = NULL;
	rc = 0;
done:
	free(w->obs);
	free(w);
	free(sv);
	text_free(&t);
	return rc;
}
