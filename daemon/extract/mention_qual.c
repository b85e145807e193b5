/*
 * mention_qual — the qualifier words before a number ("at least", "plus de",
 * "près de", "up to") and the qualifier they give (see mention.h).
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/text.h"

/* A phrase with its length and last byte, so a lookup needs no strlen
 * and turns most phrases away on one comparison. */
#define Q(p, q) { p, sizeof(p) - 1, p[sizeof(p) - 2], q }
static const struct {
	const char *p;
	size_t n;  /* strlen(p) */
	char last; /* p[n - 1] */
	enum extract_qualifier q;
} quals[] = {
	Q("at least", EXTRACT_AT_LEAST), Q("au moins", EXTRACT_AT_LEAST),
	Q("a minimum of", EXTRACT_AT_LEAST), Q("au minimum", EXTRACT_AT_LEAST),
	Q("no fewer than", EXTRACT_AT_LEAST), Q("no less than", EXTRACT_AT_LEAST),
	Q("pas moins de", EXTRACT_AT_LEAST),
	Q("more than", EXTRACT_MORE_THAN), Q("over", EXTRACT_MORE_THAN),
	Q("plus de", EXTRACT_MORE_THAN), Q("plus d'", EXTRACT_MORE_THAN),
	Q("upwards of", EXTRACT_MORE_THAN), Q("in excess of", EXTRACT_MORE_THAN),
	Q("above", EXTRACT_MORE_THAN), Q("exceeding", EXTRACT_MORE_THAN),
	Q("over", EXTRACT_MORE_THAN), Q("well over", EXTRACT_MORE_THAN),
	/* a threshold passed: "displacement exceeds 9 million", "a dépassé" */
	Q("exceeds", EXTRACT_MORE_THAN), Q("exceeded", EXTRACT_MORE_THAN),
	Q("surpasses", EXTRACT_MORE_THAN), Q("surpassed", EXTRACT_MORE_THAN),
	Q("tops", EXTRACT_MORE_THAN), Q("topped", EXTRACT_MORE_THAN),
	Q("passes", EXTRACT_MORE_THAN), Q("passed", EXTRACT_MORE_THAN),
	Q("depasse", EXTRACT_MORE_THAN), Q("depassait", EXTRACT_MORE_THAN),
	Q("depassent", EXTRACT_MORE_THAN), Q("depassaient", EXTRACT_MORE_THAN),
	Q("some", EXTRACT_APPROX), Q("about", EXTRACT_APPROX), Q("around", EXTRACT_APPROX),
	Q("approximately", EXTRACT_APPROX), Q("nearly", EXTRACT_APPROX),
	Q("almost", EXTRACT_APPROX), Q("roughly", EXTRACT_APPROX),
	Q("an estimated", EXTRACT_APPROX), Q("estimated", EXTRACT_APPROX),
	Q("close to", EXTRACT_APPROX), Q("pres de", EXTRACT_APPROX),
	Q("pres d'", EXTRACT_APPROX), Q("environ", EXTRACT_APPROX),
	Q("quelque", EXTRACT_APPROX), Q("approximativement", EXTRACT_APPROX),
	Q("presque", EXTRACT_APPROX), Q("une estimation de", EXTRACT_APPROX),
	Q("as high as", EXTRACT_APPROX),
	Q("could reach", EXTRACT_AT_MOST), Q("may reach", EXTRACT_AT_MOST),
	Q("pourrait atteindre", EXTRACT_AT_MOST), Q("pourraient atteindre", EXTRACT_AT_MOST),
	Q("up to", EXTRACT_AT_MOST), Q("jusqu'a", EXTRACT_AT_MOST),
	Q("less than", EXTRACT_AT_MOST), Q("fewer than", EXTRACT_AT_MOST),
	Q("moins de", EXTRACT_AT_MOST), Q("moins d'", EXTRACT_AT_MOST),
	Q("at most", EXTRACT_AT_MOST), Q("au plus", EXTRACT_AT_MOST),
	Q("under", EXTRACT_AT_MOST),
};
#undef Q

static enum extract_qualifier qualifier_at(const char *f, size_t lo, size_t pos, size_t *qstart);

enum extract_qualifier
mention_qualifier(const char *f, size_t lo, size_t pos, size_t *qstart)
{
	static const char *const preps[] = { "in", "on", "dans", "en", "sur", NULL };
	enum extract_qualifier q = qualifier_at(f, lo, pos, qstart);
	size_t e = pos, b;

	if (q != EXTRACT_EXACT)
		return q;
	/* "au moins dans quatre cas", "at least in 12 cases": the qualifier
	 * covers the preposition's number */
	while (e > lo && f[e - 1] == ' ')
		e--;
	b = e;
	while (b > lo && text_isalpha((unsigned char)f[b - 1]))
		b--;
	for (size_t k = 0; preps[k] != NULL; k++)
		if (b < e && text_word_eq(preps[k], f + b, e - b)) {
			size_t qs;

			if ((q = qualifier_at(f, lo, b, &qs)) != EXTRACT_EXACT &&
			    q != EXTRACT_AT_MOST) /* not "under" a preposition */
				*qstart = qs;
			else
				q = EXTRACT_EXACT;
			break;
		}
	return q;
}

static enum extract_qualifier
qualifier_at(const char *f, size_t lo, size_t pos, size_t *qstart)
{
	size_t j = pos, ja = pos;
	char cj, cja;

	*qstart = pos;
	while (j > lo && (f[j - 1] == ' ' || f[j - 1] == '('))
		j--;
	/* a phrase ending in an apostrophe ("plus d'") ends at the number,
	 * spaces aside */
	while (ja > lo && f[ja - 1] == ' ')
		ja--;
	/* every phrase ends in a letter or an apostrophe: most numbers, after
	 * punctuation or at the start, are exact without a look at the table */
	if ((j == lo || !text_isalpha((unsigned char)f[j - 1])) && (ja == lo || f[ja - 1] != '\''))
		return EXTRACT_EXACT;
	/* the bytes a phrase would end on: before the number, or before the
	 * spaces before it for a phrase ending in an apostrophe (0: none) */
	cj = j > lo ? f[j - 1] : '\0';
	cja = ja > lo ? f[ja - 1] : '\0';
	for (size_t k = 0; k < sizeof(quals) / sizeof(quals[0]); k++) {
		size_t n = quals[k].n, e;
		char last = quals[k].last;

		/* the last byte first: most phrases fail there */
		if (last != (last == '\'' ? cja : cj))
			continue;
		e = last == '\'' ? ja : j;
		if (e < lo + n || memcmp(f + e - n, quals[k].p, n) != 0)
			continue;
		if (e - n > lo && text_isalnum((unsigned char)f[e - n - 1]))
			continue;
		*qstart = e - n;
		return quals[k].q;
	}
	return EXTRACT_EXACT;
}
