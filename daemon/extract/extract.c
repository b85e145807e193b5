/*
 * extract — the indicator extractor's driver (see extract.h): folds the
 * text, splits sentences, and for each sentence finds terms, numbers and
 * periods once, attaches numbers to indicators (mention.c), derives the
 * figures comparisons imply (compare.c), and places each observation in a
 * period, a country and a region. Offsets in the result are the original's.
 *
 * The text is folded a window of whole paragraphs at a time (text.h), so
 * that a long text costs its observations, not a folded copy of itself:
 * every sentence and every period carried from one sentence to the next
 * stays within its paragraph. The first window, the lead, is long enough
 * for what looks at the top of the text (the language, the release's
 * country, the title, the reporting period); a text with no paragraph
 * break to cut at is one window, folded whole as before.
 *
 * Memory is bounded per sentence (at most SENT_MAX_* numbers, terms and
 * periods are kept) and per text (EXTRACT_MAX_OBS observations).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/compare.h"
#include "rightswatch/config_types.h"
#include "rightswatch/extract.h"
#include "rightswatch/mention.h"
#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "extract_int.h"

struct extract_taxonomy {
	struct taxonomy *tx;
	struct period_words *pw; /* the words a temporal phrase may begin with, hashed once */
};

struct extract_taxonomy *
extract_taxonomy_new(const struct config *cf)
{
	struct extract_taxonomy *t = malloc(sizeof(*t));

	if (t == NULL)
		return NULL;
	if ((t->tx = cf == NULL ? taxonomy_new(NULL, 0, NULL, 0) :
	    taxonomy_new(cf->indicators, cf->nindicators, cf->countries, cf->ncountries)) == NULL) {
		free(t);
		return NULL;
	}
	if ((t->pw = period_words_new()) == NULL) {
		taxonomy_free(t->tx);
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
	period_words_free(t->pw);
	free(t);
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


/* The folded bytes detect_fr reads, at most; the lead window holds them. */
#define FR_SAMPLE 20000 /* bytes */
/* Bytes of the original folded at a time: about one window's worth. */
#define FOLD_STEP 65536 /* bytes */

/* French or English, from the commonest function words. */
static int
detect_fr(const char *f, size_t len)
{
	static const char *const fr[] = { "le", "la", "les", "des", "du", "et", "est", "une", "dans", "qui", NULL };
	static const char *const en[] = { "the", "and", "of", "was", "were", "is", "in", "that", "with", "by", NULL };
	size_t i = 0, nf = 0, ne = 0, lim = len < FR_SAMPLE ? len : FR_SAMPLE;

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

/* lead_end's search through f[*i, len), resumable: *paras breaks seen so
 * far; the end, or (size_t)-1 when not found yet. */
static size_t
lead_scan(const char *f, size_t len, size_t *i, size_t *paras)
{
	for (; *i + 1 < len; (*i)++)
		if (f[*i] == '\n' && f[*i + 1] == '\n' && ++*paras >= 2 && *i >= LEAD_MIN)
			return *i;
	return (size_t)-1;
}

static size_t
lead_end(const struct text *t)
{
	size_t i = 0, paras = 0, e = lead_scan(t->f, t->len, &i, &paras);

	return e != (size_t)-1 ? e : t->len < 4000 ? t->len : 4000;
}

/* How much more of t to fold when what is folded holds no place to cut:
 * as much again (at least FOLD_STEP), so that a text with few breaks is
 * folded and searched for them in a few steps, each byte about once. */
static size_t
fold_step(const struct text *t)
{
	return t->len > FOLD_STEP ? t->len : FOLD_STEP;
}

/* Fold t (text_fold_begin's, or folded from its start on) up to the end of
 * its lead window: a paragraph break starting at or past FR_SAMPLE and min
 * folded bytes with lead_end before it, so that what reads the top of the text
 * reads there what it would in the whole; else the whole text. The
 * window's end in *cut; 0, or -1 when out of memory. */
static int
fold_lead(struct text *t, size_t min, size_t *cut)
{
	size_t i = 0, paras = 0, seen = 0, last = 0, end = (size_t)-1;

	if (t->f == NULL && text_fold_more(t, FOLD_STEP) == -1)
		return -1;
	for (;;) {
		size_t p;

		if (t->oend == t->olen) {
			*cut = t->len;
			return 0;
		}
		if ((p = text_break_last(t, seen)) > 0)
			last = p;
		seen = t->len;
		if (end == (size_t)-1)
			end = lead_scan(t->f, t->len, &i, &paras);
		if (last >= FR_SAMPLE && last >= min && end != (size_t)-1 && end + 1 < last) {
			*cut = last;
			return 0;
		}
		if (text_fold_more(t, fold_step(t)) == -1)
			return -1;
	}
}

/* Fold on from t's start (the previous windows dropped, the first *seen
 * bytes known to end no paragraph break) to the end of the next window:
 * the start of the last break, else the end of the text, in *cut. 0, or -1. */
static int
fold_window(struct text *t, size_t *seen, size_t *cut)
{
	for (;;) {
		size_t p;

		if (t->oend == t->olen) {
			*cut = t->len;
			return 0;
		}
		p = text_break_last(t, *seen);
		*seen = t->len;
		if (p > 0) {
			*cut = p;
			return 0;
		}
		if (text_fold_more(t, fold_step(t)) == -1)
			return -1;
	}
}

const char *
extract_release_country(const struct extract_taxonomy *etx, const char *text, size_t len)
{
	struct text t, win;
	size_t cut;
	int id;

	if (text_fold_begin(text, len, 0, &t) == -1 || fold_lead(&t, 0, &cut) == -1) {
		text_free(&t);
		return NULL;
	}
	win = t;
	win.len = cut;
	id = country_of(etx->tx, win.f, 0, lead_end(&win));
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

/* A heading or a table caption: a paragraph of one short line that does
 * not end a sentence ("Q3 2024", "Killings, January - March"). */
static int
is_heading(const struct text *t, const struct text_sentence *sv, size_t ns, size_t i)
{
	size_t e = sv[i].end;

	if (!sv[i].first || (i + 1 < ns && sv[i + 1].para == sv[i].para) || e - sv[i].start > 200 ||
	    memchr(t->f + sv[i].start, '\n', e - sv[i].start) != NULL)
		return 0;
	while (e > sv[i].start && t->f[e - 1] == ' ')
		e--;
	return e > sv[i].start && t->f[e - 1] != '.' && t->f[e - 1] != '!' && t->f[e - 1] != '?' &&
	    t->f[e - 1] != ';' && t->f[e - 1] != ',';
}

/* The lead window of t (fold_lead's, folded on while the title or the
 * sentences that say the reporting period reach past it) in *win, its
 * sentences in *sv, *ns, the next paragraph's number in *para. 0, or -1. */
static int
lead_window(struct text *t, struct text *win, struct text_sentence **sv, size_t *ns, size_t *para)
{
	size_t cut, min = 0;

	for (;;) {
		size_t te;

		if (fold_lead(t, min, &cut) == -1)
			return -1;
		*win = *t;
		win->len = cut;
		if (text_sentences_from(win, 0, sv, ns, para) == -1)
			return -1;
		if (t->oend == t->olen && cut == t->len)
			return 0;
		te = title_end(win, *sv, *ns);
		if (*ns >= 2 && cut >= te + REPORT_CUE_BYTES)
			return 0;
		free(*sv);
		*sv = NULL;
		min = *ns >= 2 ? te + REPORT_CUE_BYTES : cut + 1;
	}
}

/* The sentences of window win, in order. 0, or -1 when out of memory. */
static int
read_window(struct work *w, const struct text *win, const struct text_sentence *sv, size_t ns)
{
	w->t = win;
	for (size_t i = 0; i < ns; i++) {
		w->heading = sv[i].end > w->title_end && is_heading(win, sv, ns, i);
		if (extract_sentence(w, &sv[i]) == -1)
			return -1;
	}
	return 0;
}

/* What the text's top decides before its sentences are read: the
 * language, the release's country, the title, the reporting period. */
static void
read_lead(struct work *w, const struct extract_taxonomy *etx, const struct text *win,
    const struct text_sentence *sv, size_t ns)
{
	const struct extract_params *params = w->p;

	w->t = win;
	w->fr = params->lang == EXTRACT_LANG_FR ? 1 :
	    params->lang == EXTRACT_LANG_EN ? 0 : detect_fr(win->f, win->len);
	w->country = -1;
	if (params->country != NULL) {
		w->country = taxonomy_country_find(etx->tx, params->country);
		w->country_name = w->country >= 0 ? taxonomy_country_name(etx->tx, w->country) :
		    params->country;
	} else {
		w->country = country_of(etx->tx, win->f, 0, lead_end(win));
		w->country_name = taxonomy_country_name(etx->tx, w->country);
	}
	w->para = w->place_para = (size_t)-1;
	w->para_country = w->head_country = w->head_region = -1;
	w->gkind = -1;
	w->topic = -1;
	w->ids[0] = taxonomy_indicator_id(w->tx, "displaced");
	w->ids[1] = taxonomy_indicator_id(w->tx, "refugees");
	w->ids[2] = taxonomy_indicator_id(w->tx, "violations");
	w->ids[3] = taxonomy_indicator_id(w->tx, "attacks");
	w->last_age = 99;
	w->title_end = title_end(win, sv, ns);
	w->pctx.release = params->release_date;
	w->pctx.words = etx->pw;
	extract_report(w, sv, ns);
}

int
extract_text(const struct extract_taxonomy *etx, const char *text, size_t len,
    const struct extract_params *params, struct extract_result *res)
{
	struct text t, win;
	struct text_sentence *sv = NULL;
	size_t ns = 0, para = 0, seen = 0, cut;
	struct work *w;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if ((w = malloc(sizeof(*w))) == NULL)
		return -1;
	memset(w, 0, offsetof(struct work, terms));
	w->tx = etx->tx;
	w->p = params;
	if (text_fold_begin(text, len, 0, &t) == -1 || lead_window(&t, &win, &sv, &ns, &para) == -1)
		goto done;
	read_lead(w, etx, &win, sv, ns);
	if ((res->has_report = w->pctx.has_report) != 0) {
		res->report_start = w->pctx.rs;
		res->report_end = w->pctx.re;
		res->report_expr_start = text_orig(&win, w->report_start);
		res->report_expr_end = text_orig(&win, w->report_end);
	}
	for (;;) {
		if (read_window(w, &win, sv, ns) == -1)
			goto done;
		free(sv);
		sv = NULL;
		/* past the lead: no later sentence is the title or holds the
		 * reporting period's expression (folded offsets are the window's) */
		w->title_end = 0;
		w->report_start = w->report_end = (size_t)-1;
		if (t.oend == t.olen && win.len == t.len)
			break;
		text_fold_drop(&t, win.len);
		seen = t.len;
		if (fold_window(&t, &seen, &cut) == -1)
			goto done;
		win = t;
		win.len = cut;
		if (text_sentences_from(&win, para, &sv, &ns, &para) == -1)
			goto done;
	}
	extract_title_repeats(w);
	extract_lead_period(w);
	for (size_t i = 0; i < w->nobs; i++)
		extract_obs_dates_guard(&w->obs[i]);
	res->obs = w->obs;
	res->nobs = w->nobs;
	w->obs = NULL;
	rc = 0;
done:
	if (rc == -1)
		memset(res, 0, sizeof(*res));
	free(w->obs);
	free(w);
	free(sv);
	text_free(&t);
	return rc;
}
