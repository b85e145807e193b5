/*
 * extract_int — what extract.c and extract_derive.c share (private): the
 * per-text working state and the per-sentence limits.
 */
#ifndef RW_EXTRACT_INT_H
#define RW_EXTRACT_INT_H

#include <stddef.h>

#include "rightswatch/extract.h"
#include "rightswatch/mention.h"
#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"

/* At most this many of each are kept per sentence, observations per text. */
#define SENT_MAX_NUMS    256
#define SENT_MAX_TERMS   1024
#define SENT_MAX_PERIODS 64
#define EXTRACT_MAX_OBS  100000

/* The state of one extract_text call. */
struct work {
	const struct taxonomy *tx;
	const struct text *t;
	const struct extract_params *p;
	int fr;
	int country; /* the release's, or -1 */
	const char *country_name;
	struct mention_term terms[SENT_MAX_TERMS];
	struct number nums[SENT_MAX_NUMS];
	struct period_mention per[SENT_MAX_PERIODS];
	size_t nterms, nnums, nper;
	struct extract_obs *obs;
	size_t nobs, cap;
	/* the period carried through the paragraph, and its comparison reference */
	size_t para;
	int carry;
	struct date_ymd cs, ce;
	int carry_ref;
	struct period_mention cref;
	/* the release's main period: 0 undecided, 1 known (ds..de), 2 none */
	int doc;
	struct date_ymd ds, de;
	size_t title_end; /* folded end of the title paragraph, or 0 */
	int gkind;        /* the kind a generic head was last named, or -1 */
	/* what periods are resolved against: the publication date, the
	 * reporting period (its expression at folded report_start..end) and
	 * the previous date */
	struct period_context pctx;
	size_t report_start, report_end;
	int heading; /* 1: the sentence being read is a heading or caption */
	int head;    /* 1: the last heading's period hs..he applies */
	struct date_ymd hs, he;
	/* a table's column heads ("Q3 2024 Q4 2024"): the i-th figure of a
	 * line under them takes the i-th */
	size_t ncols;
	struct { struct date_ymd s, e; struct extract_period_how how; } cols[4];
	/* how the carried, heading and main periods were read */
	struct extract_period_how carry_how, head_how, doc_how;
};

/* The role of a figure in "(from 125 to 266)", "(de 125 à 266)". */
enum span_role { SPAN_NONE, SPAN_FROM, SPAN_TO };

/* extract_period.c */
/* Find the release's reporting period once, before its sentences are
 * read: a "covering the period" phrase, else the title's, else the first
 * of a month or more in the lead paragraphs; into w->pctx. */
void extract_report(struct work *w, const struct text_sentence *sv, size_t ns);
/* The period of observation o, the figure at folded [ns, ne) of sentence
 * s whose evidence ends at ee and whose comparison begins at cue, in the
 * role role; *fromref set when it is a comparison's reference. */
void extract_period_of(struct work *w, const struct text_sentence *s, size_t ns, size_t ne, size_t ee,
    size_t cue, enum span_role role, struct extract_obs *o, int *fromref);
/* The period a comparison in folded [from, to) refers to: the first
 * marked as a reference ("deux fois plus en six mois que pendant toute
 * l'année 2020"), else the first there; NULL when none. */
const struct period_mention *extract_period_reference(const struct work *w, size_t from, size_t to);
/* After sentence s, whose last figure not dated by a comparison is
 * observation fig (or -1): the period that carries to the rest of its
 * paragraph (that figure's, else the reporting period's expression, else
 * the first that dates no act of speech), the last comparison reference, a
 * heading's period for the paragraphs under it, and the last date, which
 * anchors "the day before" in the next sentences. */
void extract_period_after(struct work *w, const struct text_sentence *s, long fig);
/* Record in o how its period was read from pm (NULL: no expression). */
void extract_period_how(const struct work *w, const struct period_mention *pm, int source,
    struct extract_obs *o);

/* Append o to w's observations (silently dropped past EXTRACT_MAX_OBS);
 * 0, or -1 when out of memory. */
int extract_push(struct work *w, const struct extract_obs *o);

/* The figures implied by comparisons after figure k of sentence s, whose
 * observation is base and whose mention ends at mend, up to wend: each
 * appended as a derived observation (or, when the reference figure is
 * stated, as that figure, marked in used). 0, or -1 when out of memory. */
int extract_derive(struct work *w, struct mention_sent *ms, const struct text_sentence *s,
    size_t k, size_t mend, const struct extract_obs *base, size_t wend, unsigned char *used);

/* Whether a counted figure of the sentence lies in f[a, b). */
int extract_figure_between(const struct work *w, size_t a, size_t b);

/* Whether the figure at pos opens a breakdown ("including 12", "dont 15"). */
int extract_is_subcount(const char *f, size_t lo, size_t pos);

/* Whether figure k is itself introduced as a part of an earlier figure. */
int extract_part_of_part(const struct work *w, const struct text_sentence *s, size_t k);

/* Set o's country and region from the places named in the figure at pos's clause. */
void extract_place(struct work *w, size_t pos, struct extract_obs *o);

#endif
