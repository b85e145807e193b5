/*
 * mention_qual — the qualifier words before a number ("at least", "plus de",
 * "près de", "up to") and the qualifier they give (see mention.h).
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/text.h"

/* The phrases, in the order they are tried (the first that ends at the
 * number wins), written once for the two tables below. */
#define QUALS(X) \
	X("at least", EXTRACT_AT_LEAST) X("au moins", EXTRACT_AT_LEAST) \
	X("a minimum of", EXTRACT_AT_LEAST) X("au minimum", EXTRACT_AT_LEAST) \
	X("no fewer than", EXTRACT_AT_LEAST) X("no less than", EXTRACT_AT_LEAST) \
	X("pas moins de", EXTRACT_AT_LEAST) X("more than", EXTRACT_MORE_THAN) X("over", EXTRACT_MORE_THAN) \
	X("plus de", EXTRACT_MORE_THAN) X("plus d'", EXTRACT_MORE_THAN) X("upwards of", EXTRACT_MORE_THAN) \
	X("in excess of", EXTRACT_MORE_THAN) X("above", EXTRACT_MORE_THAN) \
	X("exceeding", EXTRACT_MORE_THAN) X("over", EXTRACT_MORE_THAN) X("well over", EXTRACT_MORE_THAN) \
	/* a threshold passed: "displacement exceeds 9 million", "a dépassé" */ \
	X("exceeds", EXTRACT_MORE_THAN) X("exceeded", EXTRACT_MORE_THAN) \
	X("surpasses", EXTRACT_MORE_THAN) X("surpassed", EXTRACT_MORE_THAN) \
	X("tops", EXTRACT_MORE_THAN) X("topped", EXTRACT_MORE_THAN) \
	X("passes", EXTRACT_MORE_THAN) X("passed", EXTRACT_MORE_THAN) \
	X("depasse", EXTRACT_MORE_THAN) X("depassait", EXTRACT_MORE_THAN) \
	X("depassent", EXTRACT_MORE_THAN) X("depassaient", EXTRACT_MORE_THAN) \
	X("some", EXTRACT_APPROX) X("about", EXTRACT_APPROX) X("around", EXTRACT_APPROX) \
	X("approximately", EXTRACT_APPROX) X("nearly", EXTRACT_APPROX) X("almost", EXTRACT_APPROX) \
	X("roughly", EXTRACT_APPROX) X("an estimated", EXTRACT_APPROX) X("estimated", EXTRACT_APPROX) \
	X("close to", EXTRACT_APPROX) X("pres de", EXTRACT_APPROX) X("pres d'", EXTRACT_APPROX) \
	X("environ", EXTRACT_APPROX) X("quelque", EXTRACT_APPROX) X("approximativement", EXTRACT_APPROX) \
	X("presque", EXTRACT_APPROX) X("une estimation de", EXTRACT_APPROX) \
	X("as high as", EXTRACT_APPROX) X("could reach", EXTRACT_AT_MOST) X("may reach", EXTRACT_AT_MOST) \
	X("pourrait atteindre", EXTRACT_AT_MOST) X("pourraient atteindre", EXTRACT_AT_MOST) \
	X("up to", EXTRACT_AT_MOST) X("jusqu'a", EXTRACT_AT_MOST) X("less than", EXTRACT_AT_MOST) \
	X("fewer than", EXTRACT_AT_MOST) X("moins de", EXTRACT_AT_MOST) X("moins d'", EXTRACT_AT_MOST) \
	X("at most", EXTRACT_AT_MOST) X("au plus", EXTRACT_AT_MOST) X("under", EXTRACT_AT_MOST)

/* A phrase with its length and qualifier. */
#define Q(p, q) { p, sizeof(p) - 1, q },
static const struct {
	const char *p;
	size_t n; /* strlen(p) */
	enum extract_qualifier q;
} quals[] = { QUALS(Q) };
#undef Q

/* The last byte of each phrase, in the same order: memchr finds the few
 * phrases that may end where a number's look-back ends, so a lookup
 * compares no phrase that ends on another byte. */
#define LAST(p, q) p[sizeof(p) - 2],
static const char lasts[] = { QUALS(LAST) };
#undef LAST
#undef QUALS

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
	size_t j = pos, ja = pos, e;
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
	/* the byte a phrase would end on: before the spaces before the number
	 * for a phrase ending in an apostrophe, else before the number (a
	 * phrase ending in an apostrophe is tried only when the byte is one,
	 * and then no other phrase can end there) */
	cj = j > lo ? f[j - 1] : '\0';
	cja = ja > lo ? f[ja - 1] : '\0';
	if (cja == '\'')
		cj = '\'';
	else if (cj == '\'' || cj == '\0')
		return EXTRACT_EXACT;
	e = cj == '\'' ? ja : j;
	for (const char *h = lasts; (h = memchr(h, cj, (size_t)(lasts + sizeof(lasts) - h))) != NULL; h++) {
		size_t k = (size_t)(h - lasts), n = quals[k].n;

		/* the byte before the last, then the whole phrase */
		if (e < lo + n || quals[k].p[n - 2] != f[e - 2] || memcmp(f + e - n, quals[k].p, n) != 0)
			continue;
		if (e - n > lo && text_isalnum((unsigned char)f[e - n - 1]))
			continue;
		*qstart = e - n;
		return quals[k].q;
	}
	return EXTRACT_EXACT;
}
