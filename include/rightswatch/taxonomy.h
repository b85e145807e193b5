/*
 * taxonomy — what the extractor recognises by name: indicators (with their
 * English and French terms), people nouns ("civilians", "personnes"),
 * generic heads ("cases", "incidents", "victimes"), countries (names,
 * demonyms, places, missions) and regions. Built in, extended or replaced
 * by a configuration's [indicator] and [country] sections.
 *
 * Terms are stored folded (lower case, accents stripped, see text.h) and
 * indexed in a hash table by their first word as written and inflected
 * (+s, +e, +es), so matching at a word start is one lookup of the text's
 * word plus a comparison per term it may begin. Each word of a term also
 * matches its plural and feminine forms (+s, +e, +es).
 */
#ifndef RW_TAXONOMY_H
#define RW_TAXONOMY_H

#include <stddef.h>

struct config_country;
struct config_indicator;
struct taxonomy;

enum taxonomy_kind {
	TAXONOMY_INDICATOR = 1, /* id: indicator */
	TAXONOMY_PEOPLE,        /* id: unused */
	TAXONOMY_GENERIC,       /* id: default indicator, or -1 (kind from the sentence) */
	TAXONOMY_COUNTRY,       /* id: country */
	TAXONOMY_REGION         /* id: region */
};

struct taxonomy_match {
	size_t end;  /* folded offset just past the term */
	int kind;    /* enum taxonomy_kind */
	int id;
};

/* Built-in terms plus a configuration's [indicator] sections ind[0..nind)
 * and [country] sections cty[0..ncty) (borrowed during the call; either
 * may be NULL when its count is 0). NULL on out of memory; free with
 * taxonomy_free (accepts NULL). */
struct taxonomy *taxonomy_new(const struct config_indicator *ind, size_t nind,
    const struct config_country *cty, size_t ncty);
void taxonomy_free(struct taxonomy *tx);

/* The longest term starting at the word at f[i] (folded, len bytes).
 * Returns 1 and fills m, or 0 when none. */
int taxonomy_match(const struct taxonomy *tx, const char *f, size_t len, size_t i,
    struct taxonomy_match *m);
/* The same, the word at f[i] known to end at we (text_word_end). */
int taxonomy_match_word(const struct taxonomy *tx, const char *f, size_t len, size_t i, size_t we,
    struct taxonomy_match *m);

/* Names (owned by tx). An id out of range gives NULL. */
const char *taxonomy_indicator_name(const struct taxonomy *tx, int id);
const char *taxonomy_country_name(const struct taxonomy *tx, int id);
const char *taxonomy_region_name(const struct taxonomy *tx, int id);
/* The country a region lies in, or -1 (the Sahel spans several). */
int taxonomy_region_country(const struct taxonomy *tx, int id);
/* Every indicator name (countries 0) or country name (1), for a
 * did-you-mean: an array of *n names owned by tx (the caller frees the
 * array), or NULL when out of memory. */
const char **taxonomy_names(const struct taxonomy *tx, int countries, size_t *n);
/* Indicator id by canonical name, or -1. */
int taxonomy_indicator_id(const struct taxonomy *tx, const char *name);
/* Country id by canonical name or any of its terms (any case), or -1. */
int taxonomy_country_find(const struct taxonomy *tx, const char *name);

#endif
