/*
 * clause — a folded sentence (see text.h) cut into clauses and appositions
 * before numbers are attached to what they count. A clause ends at ";" and
 * at a conjunction after a comma that opens a new one (", and", ", while",
 * ", but", "tandis que", "alors que", ", et", ", mais"); an apposition is a
 * span that glosses a noun of its clause without ending it: a pair of
 * dashes, parentheses, or a breakdown opened by "including", "among them",
 * "of whom", "dont", "parmi lesquels", "notamment", "y compris". A number
 * attaches across an apposition, not across a clause boundary; the place
 * named in a clause is its figures'. Pure functions, linear in the text.
 */
#ifndef RW_CLAUSE_H
#define RW_CLAUSE_H

#include <stddef.h>

enum clause_kind {
	CLAUSE_MAIN = 0,    /* the main clauses partition the sentence, in order */
	CLAUSE_APPOSITION   /* inside a main clause, delimiters included */
};

struct clause_span {
	size_t start, end; /* folded offsets, [start, end) */
	int kind;          /* enum clause_kind */
	int clause;        /* for an apposition, the index of the main clause it sits in */
};

/* The clauses and appositions of f[lo, hi): main clauses first, in order,
 * then the appositions, in order; at most max in out. Returns how many
 * (at least one main clause when lo < hi and max > 0). */
size_t clause_split(const char *f, size_t lo, size_t hi, struct clause_span *out, size_t max);

/* The index of the main clause holding folded offset pos, or -1. */
int clause_of(const struct clause_span *v, size_t n, size_t pos);

/* The index of the apposition holding pos (the outermost), or -1. */
int clause_apposition_of(const struct clause_span *v, size_t n, size_t pos);

/* The end of an apposition starting exactly at pos, or 0. */
size_t clause_apposition_at(const struct clause_span *v, size_t n, size_t pos);

/* Whether folded f[a, b) joins another clause: a conjunction or a finite
 * verb of the language (fr: French "a" is a verb, English "a" an
 * article), but not "and" / "et" joining place names ("in the Mopti and
 * Ségou regions", "dans les régions de Mopti et de Ségou"). */
int clause_joins(const char *f, size_t a, size_t b, int fr);

/* A name for a kind, for explanations: "clause", "apposition". */
const char *clause_kind_name(int kind);

#endif
