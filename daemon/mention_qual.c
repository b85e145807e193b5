/*
 * mention_qual — the qualifier words before a number ("at least", "plus de",
 * "près de", "up to") and the qualifier they give (see mention.h).
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/text.h"

static const struct {
	const char *p;
	enum extract_qualifier q;
} quals[] = {
	{ "at least", EXTRACT_AT_LEAST }, { "au moins", EXTRACT_AT_LEAST },
	{ "a minimum of", EXTRACT_AT_LEAST }, { "au minimum", EXTRACT_AT_LEAST },
	{ "no fewer than", EXTRACT_AT_LEAST }, { "no less than", EXTRACT_AT_LEAST },
	{ "pas moins de", EXTRACT_AT_LEAST },
	{ "more than", EXTRACT_MORE_THAN }, { "over", EXTRACT_MORE_THAN },
	{ "plus de", EXTRACT_MORE_THAN }, { "plus d'", EXTRACT_MORE_THAN },
	{ "upwards of", EXTRACT_MORE_THAN }, { "in excess of", EXTRACT_MORE_THAN },
	{ "above", EXTRACT_MORE_THAN }, { "exceeding", EXTRACT_MORE_THAN },
	{ "over", EXTRACT_MORE_THAN }, { "well over", EXTRACT_MORE_THAN },
	{ "some", EXTRACT_APPROX }, { "about", EXTRACT_APPROX }, { "around", EXTRACT_APPROX },
	{ "approximately", EXTRACT_APPROX }, { "nearly", EXTRACT_APPROX },
	{ "almost", EXTRACT_APPROX }, { "roughly", EXTRACT_APPROX },
	{ "an estimated", EXTRACT_APPROX }, { "estimated", EXTRACT_APPROX },
	{ "close to", EXTRACT_APPROX }, { "pres de", EXTRACT_APPROX },
	{ "pres d'", EXTRACT_APPROX }, { "environ", EXTRACT_APPROX },
	{ "quelque", EXTRACT_APPROX }, { "approximativement", EXTRACT_APPROX },
	{ "presque", EXTRACT_APPROX }, { "une estimation de", EXTRACT_APPROX },
	{ "up to", EXTRACT_AT_MOST }, { "jusqu'a", EXTRACT_AT_MOST },
	{ "less than", EXTRACT_AT_MOST }, { "fewer than", EXTRACT_AT_MOST },
	{ "moins de", EXTRACT_AT_MOST }, { "moins d'", EXTRACT_AT_MOST },
	{ "at most", EXTRACT_AT_MOST }, { "au plus", EXTRACT_AT_MOST },
	{ "under", EXTRACT_AT_MOST },
};

enum extract_qualifier
mention_qualifier(const char *f, size_t lo, size_t pos, size_t *qstart)
{
	size_t j = pos;

	*qstart = pos;
	while (j > lo && (f[j - 1] == ' ' || f[j - 1] == '('))
		j--;
	for (size_t k = 0; k < sizeof(quals) / sizeof(quals[0]); k++) {
		size_t n = strlen(quals[k].p);
		int apos = quals[k].p[n - 1] == '\'';
		size_t e = apos ? pos : j;

		if (apos) {
			e = pos;
			while (e > lo && f[e - 1] == ' ')
				e--;
		}
		if (e < lo + n || memcmp(f + e - n, quals[k].p, n) != 0)
			continue;
		if (e - n > lo && text_isalnum((unsigned char)f[e - n - 1]))
			continue;
		*qstart = e - n;
		return quals[k].q;
	}
	return EXTRACT_EXACT;
}
