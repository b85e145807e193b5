/*
 * taxonomy_int — the built-in vocabulary (taxonomy_words.c) that
 * taxonomy.c builds the taxonomy from. Internal to the extract family.
 */
#ifndef RW_TAXONOMY_INT_H
#define RW_TAXONOMY_INT_H

#include <stddef.h>

/* A named thing (an indicator, a country) and its terms. */
struct taxonomy_builtin {
	const char *name;
	const char *terms;
};

/* A generic noun ("cases", "incidents") and the indicator it stands for
 * when nothing nearer names one, or NULL. */
struct taxonomy_generic {
	const char *term;
	const char *indicator;
};

/* A region, the country it is in (or NULL for one across borders), and
 * its terms. */
struct taxonomy_region {
	const char *name;
	const char *country;
	const char *terms;
};

extern const struct taxonomy_builtin taxonomy_indicators[];
extern const size_t taxonomy_nindicators;
extern const char taxonomy_people[];
extern const struct taxonomy_generic taxonomy_generics[];
extern const size_t taxonomy_ngenerics;
extern const struct taxonomy_builtin taxonomy_countries[];
extern const size_t taxonomy_ncountries;
extern const struct taxonomy_region taxonomy_regions[];
extern const size_t taxonomy_nregions;

#endif
