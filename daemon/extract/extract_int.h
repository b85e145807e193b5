/*
 * extract_int — what extract.c and extract_derive.c share (private): the
 * per-text working state and the per-sentence limits.
 */
#ifndef RW_EXTRACT_INT_H
#define RW_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/compare.h"
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
#define SENT_MAX_CLAUSES 128
#define EXTRACT_MAX_OBS  100000

/* The state of one extract_text call. */
struct work {
	const struct taxonomy *tx;
	const struct text *t;
	const struct extract_params *p;
	int fr;
	int country; /* the release's, or -1 */
	const char *country_name;
	size_t nterms, nnums, nper, ncl;
	const struct text_sentence *cl_of; /* the sentence cl was split from, or NULL: not yet */
	struct extract_obs *obs;
	size_t nobs, cap;
	/* the period carried through the paragraph, and its comparison reference */
	size_t para;
	size_t place_para;  /* the paragraph whose opening country is para_country */
	int para_country;   /* "In Niger, ...", "Au Soudan, ..." opening the paragraph: the
	                     * country its sentences that name no place take; -1 none */
	int head_country, head_region; /* the heading above ("SUDAN", "MALI - region of
	                                * Gao"): the place of figures naming none; -1 none */
	int carry;
	struct date_ymd cs, ce;
	int carry_ref;
	struct period_mention cref;
	/* the release's main period: 0 undecided, 1 known (ds..de), 2 none */
	int doc;
	struct date_ymd ds, de;
	size_t title_end; /* folded end of the title paragraph, or 0 */
	size_t ntitle;    /* observations the title gave (the first ones) */
	int gkind;        /* the kind a generic head was last named, or -1 */
	int ids[4];       /* the taxonomy's displaced, refugees, violations, attacks (or -1) */
	/* the first period a sentence with no figure gave the events ("Sunday
	 * afternoon, gunmen attacked the villages"), and how many observations
	 * came before it: the undated ones among them may take it */
	int has_lead;
	size_t lead_nobs;
	struct extract_obs lead;
	/* the kind a sentence with no figure named as its subject ("les cas de
	 * violences sexuelles ont augmenté"), for the generic heads of the
	 * paragraph's next sentences ("38 femmes, victimes adultes"), or -1 */
	int topic;
	size_t topic_para;
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
	/* comparisons stated apart from their figure (extract_compare.c) */
	struct pending_cmp {
		int indicator;            /* the indicator it names */
		int64_t probe;            /* the figure it implies for EXTRACT_PROBE */
		int has_pm;               /* its reference period, in pm */
		struct period_mention pm; /* its offsets folded ones of the window it was read in */
		size_t pm_at[2];          /* pm's expression, original offsets */
		size_t start, end;        /* the comparison's words, original offsets */
		int left;                 /* sentences it may still wait */
	} pend[4];
	size_t npend;
	size_t last_first, last_end;  /* the observations of the last sentence with figures */
	int last_age;                 /* sentences since it, 0: the previous one */
	/* the last compare_find over the current sentence's figures, which the
	 * figure's comparison window and its derivations both ask first
	 * (extract_compare_find); valid 0 when the figures were read again */
	struct {
		int valid, found;
		size_t from, to, nnums;
		int64_t value;
		struct compare_hit hit;
	} cmp_last;
	/* The current sentence's, each filled up to its count before it is
	 * read (so not cleared with the rest: they are most of the struct). */
	struct mention_term terms[SENT_MAX_TERMS];
	struct number nums[SENT_MAX_NUMS];
	struct period_mention per[SENT_MAX_PERIODS];
	struct clause_span cl[SENT_MAX_CLAUSES];
	signed char proj[SENT_MAX_CLAUSES]; /* clause of projection: 1, 0, or -1 not asked yet */
	signed char sub[SENT_MAX_NUMS];     /* figure is a sub-count: 1, 0, or -1 not asked yet */
	uint32_t qs[SENT_MAX_NUMS];         /* where figure's qualifier starts, UINT32_MAX not asked yet */
};

/* The figure a comparison is probed with to learn its ratio. */
#define EXTRACT_PROBE 1000000000LL

/* extract_stock.c. Whether figure [ns, ne) of the sentence [lo, hi),
 * counting ind, is a stock rather than an event: "are internally
 * displaced", "sont déplacées", "already ... have been displaced", "the
 * camp hosts 10,000 refugees", "on compte désormais" (not "sont arrivés",
 * a movement); only an "as of" date applies to it. */
int extract_is_stock(const struct work *w, const char *ind, size_t lo, size_t hi, size_t ns, size_t ne);
/* Whether the figure at f[ns, ne) is a total a flow brings a count to:
 * "bringing to 610,000 the number of", "ce qui porte à 610 000 le nombre
 * total de" (extract_stock.c). */
int extract_brought_total(const struct work *w, size_t lo, size_t ns, size_t ne, size_t hi);
/* The base of a stock (the figure at ns of the sentence from lo, after
 * "up from", "contre") is a stock too, as of the end of its own period:
 * "310,000 people were displaced, up from 280,000 in the assessment of
 * March" (280,000 as of 31 March); a base of a single day keeps its day
 * ("compared to 22,000 recorded on 7 February") unless the day follows
 * the number at once ("against 480,000 on 31 December": as of that day). */
void extract_base_of_stock(const struct work *w, size_t lo, size_t ns, struct extract_obs *o);
/* Drop a period with an impossible date (0000-00-00 from a reference
 * that resolved to nothing): a period is two real days, only a real end
 * (a stock), or nothing (extract_work.c). */
void extract_obs_dates_guard(struct extract_obs *o);
/* compare_find over f[from, to) and the sentence's first nnums figures
 * (w->nums), for value: the last call's answer when it was the same
 * question about the same figures (extract_work.c). */
int extract_compare_find(struct work *w, size_t from, size_t to, int64_t value, size_t nnums,
    struct compare_hit *hit);
/* extract_is_subcount of figure k of sentence s, asked of the text once
 * per figure (extract_work.c). */
int extract_subcount(struct work *w, const struct text_sentence *s, size_t k);
/* Where the qualifier of figure k of sentence s starts (its own start
 * when it has none), looked back for once per figure (extract_work.c). */
size_t extract_qual_start(struct work *w, const struct text_sentence *s, size_t k);
/* The taxonomy terms of f[lo, hi), at most max in out; how many (extract_work.c). */
size_t extract_find_terms(const struct taxonomy *tx, const char *f, size_t lo, size_t hi,
    struct mention_term *out, size_t max);

/* One sentence: its terms, numbers, periods and clauses, then each
 * figure's observation (extract_sentence.c). 0, or -1 when out of memory. */
int extract_sentence(struct work *w, const struct text_sentence *s);

/* Split sentence s into its clauses (w->cl, w->ncl) unless already done:
 * only sentences with a figure or a comparison need them, so a sentence
 * with neither is never split (extract_work.c). */
void extract_clauses(struct work *w, const struct text_sentence *s);

/* Drop the title's observations that the body states again (the same
 * indicator, value and derivation): the body's has the period and the
 * place; a title figure the body does not repeat stays. */
void extract_title_repeats(struct work *w);

/* The figures before the first one the text dates, with no time of their
 * own (not a stock, not a vague time), take its period: a lead that names
 * the events before the paragraph that dates them. */
void extract_lead_period(struct work *w);

/* The role of a figure in "(from 118 to 240)", "(de 118 à 240)". */
enum span_role { SPAN_NONE, SPAN_FROM, SPAN_TO };

/* extract_period.c */
/* The title's period, which becomes the release's when none is known yet. */
void extract_title_period(struct work *w);
/* The sentences extract_report looks at for a "covering the period"
 * phrase begin within this many folded bytes of the title's end: the
 * window extract_text folds first holds them all. */
#define REPORT_CUE_BYTES 8000 /* bytes */
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
 * marked as a reference ("trois fois plus en un trimestre que pendant toute
 * l'année 2019"), else the first there; NULL when none. */
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
/* Record that d's period, already resolved, is the comparison reference pm's. */
void extract_period_ref_how(const struct work *w, const struct period_mention *pm, struct extract_obs *d);

/* Append o to w's observations (silently dropped past EXTRACT_MAX_OBS);
 * 0, or -1 when out of memory. */
int extract_push(struct work *w, const struct extract_obs *o);

/* The figures implied by comparisons of figure k of sentence s, whose
 * observation is base and whose mention is m: the change between its noun
 * and it ("doubled to 90"), then each comparison after it up to wend; each
 * appended as a derived observation (or, when the reference figure is
 * stated, as that figure, marked in used). 0, or -1 when out of memory. */
int extract_derive(struct work *w, struct mention_sent *ms, const struct text_sentence *s,
    size_t k, const struct mention *m, const struct extract_obs *base, size_t wend,
    unsigned char *used);

/* After sentence s: a comparison it states with no figure of its own
 * applies to the figures of the sentence before when it opens with an
 * anaphor ("Ce chiffre marque une hausse de 4 %"), else waits
 * for the next figure of the indicator it names ("les homicides ont
 * progressé d'environ 60 %"). nfig: its figures; first: its first
 * observation. 0, or -1 when out of memory. */
int extract_compare_after(struct work *w, const struct text_sentence *s, size_t nfig, size_t first);

/* A waiting comparison naming o's indicator, applied to o (observation
 * index i). 0, or -1 when out of memory. */
int extract_compare_waiting(struct work *w, size_t i);

/* Whether a counted figure of the sentence lies in f[a, b). */
int extract_figure_between(const struct work *w, size_t a, size_t b);
/* The same, leaving out a comparison's base ("up from 29", "contre 29"):
 * whether a figure of its own lies in f[a, b) of the sentence from lo. */
int extract_main_figure_between(const struct work *w, size_t lo, size_t a, size_t b);

/* Whether the figure at pos opens a breakdown ("including 12", "dont 15"). */
int extract_is_subcount(const char *f, size_t lo, size_t pos);
/* Whether the figure ending at end is followed by a partitive that makes
 * it a part of the figure before it ("40 of whom", "25 of them", "18
 * d'entre eux"), within f[end, hi). */
int extract_part_follows(const char *f, size_t hi, size_t end);
/* The same for a figure whose qualifier starts at qs (extract_qual_start). */
int extract_subcount_cue(const char *f, size_t lo, size_t qs);

/* Whether figure k is itself introduced as a part of an earlier figure. */
int extract_part_of_part(const struct work *w, const struct text_sentence *s, size_t k);

/* An incident count of a kind that counts people, beside the count of its
 * victims in the same item ("enlevements (cinq incidents, 12 victimes)"):
 * the two are different units, and only the victims are that kind's figure. */
int extract_incidents_beside_victims(const struct work *w, const struct text_sentence *s, size_t k,
    const struct mention *m);

/* Whether the figure at pos stands in a clause of planning or projection,
 * or in the complement of one ("the response plan assumes that up to
 * 75,000 people may be displaced", "le plan de contingence prévoit"): a
 * figure that may come, not one observed (extract_drop.c). */
int extract_projection(struct work *w, size_t pos);

/* Whether figure k of s counts people receiving aid: "shelter kits to
 * 2,300 refugees", "cereals for a further 4,500 displaced people". */
int extract_aid_recipients(struct work *w, const struct text_sentence *s, size_t k);

/* Whether figure k of s, attached as m, is a rate: "300 people arrive
 * every day", "90 réfugiés par jour", "a daily average of 150". */
int extract_rate(const struct work *w, const struct text_sentence *s, size_t k, const struct mention *m);
/* Whether figure k, attached by m as displaced (the indicator's id), is of
 * captives who escaped: "escaped" / "se sont évadés" in a clause naming a
 * prison or captors, or a bare number right after a count of abductions
 * or detentions ("Six have since escaped") (extract_drop.c). */
/* Whether the noun right after figure k names no indicator although the
 * sentence names one: returnees ("85,000 returnees", "rapatriés"), cases
 * of a disease ("45 cases of measles", "cas de choléra") (extract_drop.c). */
int extract_other_noun(const struct work *w, const struct text_sentence *s, size_t k);
int extract_escaped_captives(const struct work *w, const struct text_sentence *s, size_t k,
    const struct mention *m, int displaced);
/* Whether figure k, attached as m to a kind of captivity or flight, counts
 * people released ("20 who were later released", "dont 20 ont été
 * remises en liberté", "la libération de 28 détenus") or returned ("réfugiés
 * rentrés", "3,500 returned refugees") (extract_drop.c). */
int extract_released(const struct work *w, const struct text_sentence *s, size_t k, const struct mention *m);

/* Set o's country and region from the places named in the figure at pos's clause. */
void extract_place(struct work *w, size_t pos, struct extract_obs *o);
/* A new paragraph's opening country ("In South Sudan, the Mission ..."),
 * read from the sentence just scanned (its terms): w->para_country. */
void extract_para_country(struct work *w, const struct text_sentence *s);

#endif
