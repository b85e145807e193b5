/*
 * mention — what a number in a sentence counts: the indicator it attaches
 * to through the taxonomy's terms (number + noun, number + people + verb,
 * verb + number, noun + of + number, generic heads taking their kind from
 * the sentence) and its qualifier from the words before it. Pure functions
 * over one folded sentence whose terms and numbers were found beforehand.
 */
#ifndef RW_MENTION_H
#define RW_MENTION_H

#include <stddef.h>

#include "rightswatch/clause.h"
#include "rightswatch/extract.h"
#include "rightswatch/number.h"
#include "rightswatch/period.h"

/* A taxonomy term found in the sentence. */
struct taxonomy;

struct mention_term {
	size_t start, end; /* folded offsets */
	int kind, id;      /* enum taxonomy_kind and its id */
};

struct mention_sent {
	const char *f;     /* folded text */
	size_t lo, hi;     /* the sentence */
	int fr;
	const struct mention_term *terms;
	size_t nterms;
	const struct number *nums;
	size_t nnums;
	int generic_kind;  /* the kind a generic head was last given, or -1 */
	const struct period_mention *per; /* the sentence's temporal phrases */
	size_t nper;
	const struct clause_span *cl; /* its clauses and appositions (clause.h) */
	size_t ncl;
	int displaced, refugees, violations, attacks; /* the taxonomy's ids of these, or -1 */
	const struct taxonomy *tx; /* for the country of a region */
	int home;          /* the release's country id, or -1 */
};

struct mention {
	int indicator;     /* taxonomy indicator id */
	size_t start, end; /* evidence, folded offsets */
	enum extract_qualifier qualifier;
	int named;         /* 1: a generic head whose kind the sentence named */
	const char *rule;  /* how it attached (a static phrase, for explanations) */
	int left_country;  /* 1 + the country the people left ("have left Niger for
	                    * Chad"), their origin as refugees; 0: none named */
};

/* Attach number k of s. Returns 1 and fills m, or 0 when it counts nothing. */
int mention_attach(const struct mention_sent *s, size_t k, struct mention *m);

/* A part of a list whose count came before: "killed 168 people, 147 men
 * and nine women", "were killed, including two boys", "killed, as were six
 * contractors". prev is the mention of number pk, the last attached before
 * k with only dates and the like between them, else NULL. Returns 1 and fills m, or 0. */
int mention_follow(const struct mention_sent *s, size_t k, const struct mention *prev,
    size_t pk, struct mention *m);

/* A breakdown in an apposition after a figure that attached: "Twelve
 * people - among them three children - were killed", "40 villagers,
 * including nine children, were injured", "(dont deux femmes)": the part
 * counts what the figure counts. prev is the mention of number pk, the
 * last attached. Returns 1 and fills m, or 0. */
int mention_apposed(const struct mention_sent *s, size_t k, const struct mention *prev,
    size_t pk, struct mention *m);

/* The same count in another period, after the figure that attached:
 * "9,600 refugees ..., compared with 5,200 in late May", "45 enlèvements
 * en juin, contre 30 en mai". prev is the mention of number pk, the last
 * attached. Returns 1 and fills m, or 0. */
int mention_versus(const struct mention_sent *s, size_t k, const struct mention *prev,
    size_t pk, struct mention *m);
/* Whether the number at folded offset start (of the sentence from lo) is
 * introduced as a comparison's base: "compared with", "against", "up
 * from", "contre", "par rapport à" right before it (and its qualifier). */
int mention_versus_cue(const char *f, size_t lo, size_t start);

/* "The 25,000 who were displaced", "les 25 000 qui ont été déplacés": a
 * bare number followed by a relative pronoun, auxiliaries and an
 * indicator term counts that term. Returns 1 and fills m, or 0. */
int mention_relative(const struct mention_sent *s, size_t k, struct mention *m);
/* "les cas de torture documentés, au nombre de 48": number k after ", au
 * nombre de" counts the indicator term just before the comma (a
 * participle at most between). Returns 1 and fills m, or 0. */
int mention_au_nombre(const struct mention_sent *s, size_t k, struct mention *m);

/* A figure of a list given "respectively" ("left 12 and 9 people dead
 * respectively", "ont fait respectivement 12 et 9 morts"): number k,
 * joined to the next figures by "," or "and" / "et", counts what the
 * first of them that attaches counts. Returns 1 and fills m, or 0. */
int mention_respectively(const struct mention_sent *s, size_t k, struct mention *m);

/* A part of a figure by place, after a colon: "61,000 refugees now live
 * abroad: 25,000 in Mauritania, 21,000 in Niger". prev is the mention of
 * number pk, the last attached. Returns 1 and fills m, or 0. */
int mention_placed_part(const struct mention_sent *s, size_t k, const struct mention *prev,
    size_t pk, struct mention *m);

/* "attacked the road 14 times", "attaqué à trois reprises" is not: the
 * multiplier number k after an attack verb (and its object) counts
 * attacks. Returns 1 and fills m, or 0. */
int mention_attack_times(const struct mention_sent *s, size_t k, struct mention *m);

/* Whether people number k counts, attached as displaced by m, crossed a
 * border: "fled over the border", "fled to Chad" (a country not their
 * own: their nationality's, else the release's), "ont fui au Niger",
 * "escaped abroad". Then they are refugees. */
int mention_crossed(const struct mention_sent *s, size_t k, const struct mention *m);

/* "killed or injured", "tuées ou blessées": when the verb m attached to is
 * followed by "or" and another indicator, the people were harmed either
 * way and count violations; m changed and 1, else 0. */
int mention_either_or(const struct mention_sent *s, struct mention *m);

/* A part of a list whose count comes after: "147 men, nine women and 12
 * children were killed". Returns 1 and fills m, or 0. */
int mention_lead(const struct mention_sent *s, size_t k, struct mention *m);

/* The qualifier given by the words just before folded offset pos (not
 * before lo); *qstart is set to where they begin (pos when none). */
enum extract_qualifier mention_qualifier(const char *f, size_t lo, size_t pos, size_t *qstart);

#endif
