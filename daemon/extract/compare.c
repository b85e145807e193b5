/*
 * compare — implied figures from comparisons (see compare.h).
 *
 * A comparison is a ratio num/den between the stated figure and its
 * reference: "five times as many" is 5/1, "88 percent of" 88/100, "an
 * increase of 37 percent" 137/100, "un tiers de plus" 4/3. The reference
 * figure is value * den / num, rounded half up.
 */
#include <math.h>
#include <string.h>

#include "rightswatch/compare.h"
#include "rightswatch/mention.h"
#include "rightswatch/text.h"
#include "mention_int.h"

int64_t
compare_divide(int64_t value, int64_t num, int64_t den)
{
	long double x;

	if (num <= 0 || den <= 0 || value < 0)
		return -1;
	x = (long double)value * (long double)den / (long double)num;
	if (x > (long double)NUMBER_MAX)
		return -1;
	return (int64_t)floorl(x + 0.5L);
}

long
compare_stated(const struct number *nums, size_t nnums, size_t from, size_t to, int64_t value)
{
	int64_t tol = value / 50 > 1 ? value / 50 : 1;

	for (size_t k = 0; k < nnums; k++) {
		const struct number *n = &nums[k];

		if (n->start < from || n->start >= to)
			continue;
		if (n->flags & NUMBER_NOT_COUNT)
			continue;
		if (n->value >= value - tol && n->value <= value + tol)
			return (long)k;
	}
	return -1;
}

int
compare_fraction(const char *f, size_t end, size_t to)
{
	while (end < to && f[end] == ' ')
		end++;
	return text_word_at(f, to, end, "tiers") || text_word_at(f, to, end, "thirds") ||
	    text_word_at(f, to, end, "quarts") || text_word_at(f, to, end, "quarters");
}

static size_t
sp(const char *f, size_t i, size_t to)
{
	while (i < to && (f[i] == ' ' || f[i] == '\''))
		i++;
	return i;
}

/* Words of pat (space separated, '/' alternatives) at f[i]; end or 0. */
static size_t
at(const char *f, size_t i, size_t to, const char *pat)
{
	i = sp(f, i, to);
	while (*pat != '\0') {
		const char *we = strchr(pat, ' ');
		size_t plen = we != NULL ? (size_t)(we - pat) : strlen(pat);
		size_t e = text_word_end(f, to, i);
		const char *alt = pat;
		int ok = 0;

		if (e == i && i < to && f[i] == '%' && plen == 1 && *pat == '%') {
			e = i + 1;
			ok = 1;
		}
		while (!ok && alt < pat + plen) {
			const char *ae = memchr(alt, '/', (size_t)(pat + plen - alt));
			size_t al = ae != NULL ? (size_t)(ae - alt) : (size_t)(pat + plen - alt);

			if (al == e - i && memcmp(alt, f + i, al) == 0)
				ok = 1;
			if (ae == NULL)
				break;
			alt = ae + 1;
		}
		if (!ok || e == i)
			return 0;
		pat += plen;
		if (*pat == ' ')
			pat++;
		i = *pat != '\0' ? sp(f, e, to) : e;
	}
	return i;
}

/* Any of several patterns; end or 0. */
static size_t
any(const char *f, size_t i, size_t to, const char *const *pats)
{
	size_t e;

	for (; *pats != NULL; pats++)
		if ((e = at(f, i, to, *pats)) != 0)
			return e;
	return 0;
}

/* Past "%", "per cent", "percent", "pour cent" after a number. */
static size_t
past_percent(const char *f, size_t i, size_t to)
{
	size_t e;

	i = sp(f, i, to);
	if (i < to && f[i] == '%')
		return i + 1;
	if ((e = at(f, i, to, "per/pour cent")) || (e = at(f, i, to, "percent/pourcent")))
		return e;
	return 0;
}

static const char *const more_after[] = {
	"increase", "rise", "more", "higher", "up", "de plus", "d augmentation",
	"de hausse", "en plus", "additional", NULL
};
static const char *const less_after[] = {
	"decrease", "drop", "fewer", "less", "lower", "reduction", "decline", "down",
	"de moins", "de baisse", "de diminution", "en moins", NULL
};
static const char *const share_after[] = {
	/* "of all those recorded in May"; not "of all the victims", a share of
	 * a total that compares nothing */
	"of the number/total/figure/count/level", "of those", "of all those", "of the total number",
	"du nombre/total/chiffre/niveau", "de celui/ceux/celles", "of that", NULL
};
static const char *const more_before[] = {
	"increase of", "increase by", "increased by", "rise of", "rose by", "up by",
	"hausse de", "augmentation de", "augmente de", "plus de", "up", "en hausse de",
	"progression de", "plus d'un quart (", "plus d'un tiers (", "more than a quarter (",
	"more than a third (", NULL
};
static const char *const less_before[] = {
	"decrease of", "decrease by", "decreased by", "drop of", "dropped by", "fell by",
	"down by", "down", "decline of", "baisse de", "diminution de", "recul de",
	"en baisse de", "reduction of", NULL
};

static int
ends_with(const char *f, size_t lo, size_t pos, const char *const *pats)
{
	for (; *pats != NULL; pats++) {
		size_t e = pos, n = strlen(*pats);
		size_t s;

		while (e > lo && (f[e - 1] == ' ' || f[e - 1] == '\''))
			e--;
		if (e < lo + n)
			continue;
		s = e - n;
		if (memcmp(f + s, *pats, n) != 0 || (s > lo && text_isalnum((unsigned char)f[s - 1])))
			continue;
		return 1;
	}
	return 0;
}

/* Nouns and verbs of a change that may take an adjective or an adverb
 * before their "of"/"de"/"by": "une hausse spectaculaire de près de 210 %",
 * "a sharp increase of", "ont progressé d'environ 60 %", "grew sharply by". */
static const char *const more_nouns[] = {
	"increase", "rise", "jump", "hausse", "augmentation", "progression", "bond", "increased",
	"rose", "grew", "jumped", "climbed", "augmente", "augmentes", "progresse", "progresses",
	"grimpe", "bondi", "cru", "accru", "accrue", NULL
};
static const char *const less_nouns[] = {
	"decrease", "drop", "decline", "fall", "reduction", "baisse", "diminution", "recul",
	"decreased", "fell", "dropped", "declined", "diminue", "diminues", "baisse", "recule",
	"chute", NULL
};

/* Whether a change of the given direction (more: 1) ends just before the
 * number at pos, past its qualifier: "increase of", "hausse de", "en hausse
 * de", "hausse spectaculaire de près de", "ont progressé d'environ". */
static int
change_before(const char *f, size_t lo, size_t pos, int more)
{
	size_t qs, e, b;

	(void)mention_qualifier(f, lo, pos, &qs);
	if (ends_with(f, lo, qs, more ? more_before : less_before))
		return 1;
	/* NOUN [ADJECTIVE] of|de|by */
	e = qs;
	for (int n = 0; n < 3; n++) {
		if ((b = mention_word_before(f, lo, e, &e)) == (size_t)-1)
			return 0;
		if (n == 0 && !(text_word_eq("of", f + b, e - b) || text_word_eq("de", f + b, e - b) ||
		    text_word_eq("by", f + b, e - b) || text_word_eq("d", f + b, e - b)))
			return 0;
		if (n > 0 && mention_in_list(more ? more_nouns : less_nouns, f, b, e))
			return 1;
		e = b;
	}
	return 0;
}

/* "three-fold", "threefold", "5-fold", "fivefold" at i: the factor in
 * thousandths and *e past it, or 0. */
static int64_t
fold_at(const char *f, size_t i, size_t to, const struct number *n, size_t *e)
{
	size_t we = text_word_end(f, to, i), p;
	int64_t v;

	if (n != NULL && n->start == i) {
		/* "three-fold", "5-fold", "5 fold": the number, then "fold" */
		p = n->end;
		if (p < to && (f[p] == '-' || f[p] == ' '))
			p++;
		if (!text_word_at(f, to, p, "fold"))
			return 0;
		*e = p + 4;
		return n->milli;
	}
	/* "threefold": a number word glued to "fold" */
	if (we - i <= 4 || memcmp(f + we - 4, "fold", 4) != 0)
		return 0;
	{
		char w[32];
		size_t wl = we - 4 - i, ne;

		if (wl >= sizeof(w))
			return 0;
		memcpy(w, f + i, wl);
		w[wl] = '\0';
		if ((v = number_word(w, wl, 0, 0, &ne)) <= 0 || ne != wl)
			return 0;
	}
	*e = we;
	return v * 1000;
}

/* "multiplié par 12", "multipliés par trois": the factor in thousandths and
 * *e past it, or 0. */
static int64_t
multiplied_at(const char *f, size_t i, size_t to, const struct number *nums, size_t nnums,
    size_t *e)
{
	static const char *const pats[] = {
		"multiplie par", "multiplies par", "multipliee par", "multipliees par",
		"multiplied by", NULL
	};
	size_t p;

	if (f[i] != 'm' || (p = any(f, i, to, pats)) == 0)
		return 0;
	p = sp(f, p, to);
	for (size_t k = 0; k < nnums; k++)
		if (nums[k].start == p && !(nums[k].flags & (NUMBER_PERCENT | NUMBER_DATE | NUMBER_YEAR))) {
			*e = nums[k].end;
			return nums[k].milli;
		}
	return 0;
}

int
compare_factor(const char *f, size_t lo, size_t pos)
{
	static const char *const pats[] = {
		"multiplie par", "multiplies par", "multipliee par", "multipliees par",
		"multiplied by", NULL
	};

	return ends_with(f, lo, pos, pats);
}

/* Whether the first word of pat (one without '/' alternatives) is the n
 * bytes at s, a whole word: at() is asked only then. */
static int
first_word_is(const char *pat, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && pat[k] == s[k])
		k++;
	return k == n && (pat[n] == ' ' || pat[n] == '\0');
}

/* compare_find's fixed phrases with the factor they state (num / den), in
 * the order they are tried; their first words have no alternatives (see
 * first_word_is). Written once for the two tables below. */
#define FIXED(X) \
	X("twice as many/much/high/large/great", 2, 1) X("twice the number/total/level", 2, 1) \
	X("double the number/total", 2, 1) X("doubled", 2, 1) X("a double", 2, 1) X("ont double", 2, 1) \
	X("tripled", 3, 1) X("a triple", 3, 1) X("ont triple", 3, 1) X("quadrupled", 4, 1) \
	X("a quadruple", 4, 1) X("ont quadruple", 4, 1) X("presque double", 2, 1) \
	X("presque triple", 3, 1) X("presque quadruple", 4, 1) X("half as many", 1, 2) \
	X("a third more", 4, 3) X("un tiers de plus", 4, 3) X("deux tiers de plus", 5, 3) \
	X("two thirds more", 5, 3) X("a quarter more", 5, 4) X("un quart de plus", 5, 4) \
	X("moitie plus", 3, 2) X("half as many again", 3, 2) \
	X("triple the number/total/level", 3, 1) X("quadruple the number/total/level", 4, 1) \
	/* "soit près du double du premier semestre", "le triple de décembre" */ \
	X("double du/de/des/d", 2, 1) X("triple du/de/des/d", 3, 1) X("quadruple du/de/des/d", 4, 1)

#define F(p, num, den) { p, num, den },
static const struct {
	const char *pat;
	int64_t num, den;
} fixed[] = { FIXED(F) };
#undef F
/* Their first bytes, in the same order: memchr yields the phrases a word
 * may begin, and no other is looked at. */
#define F(p, num, den) p[0],
static const char fixed_first[] = { FIXED(F) };
#undef F
#undef FIXED

int
compare_find(const char *f, size_t from, size_t to, int64_t value,
    const struct number *nums, size_t nnums, struct compare_hit *hit)
{
	static const char *const times_more[] = {
		"as many/much", "more", "higher", "greater", "the number/total/level",
		"plus", "as", "increase", NULL
	};
	size_t i, e, we, first = 0;

	for (i = from; i < to; i++) {
		if (!text_isalnum((unsigned char)f[i]) || (i > from && text_isalnum((unsigned char)f[i - 1])))
			continue;
		/* A number: "five times as many", "88 percent of", "+25 %". The
		 * numbers are in text order (number_scan), so those before i are
		 * passed once, not rescanned at every word. */
		while (first < nnums && nums[first].start < i)
			first++;
		for (size_t k = first; k < nnums && nums[k].start == i; k++) {
			const struct number *n = &nums[k];

			if (n->flags & NUMBER_TIMES) {
				size_t te = text_word_end(f, to, sp(f, n->end, to));

				if (te < to && f[te] == '-')
					te++;
				if ((e = any(f, te, to, times_more)) != 0 || (e = at(f, te, to, "fewer/less/moins")) != 0) {
					int less = at(f, te, to, "fewer/less/moins") != 0;

					hit->value = less ? compare_divide(value, 1000, n->milli) :
					    compare_divide(value, n->milli, 1000);
					hit->start = n->start;
					hit->end = e;
					return hit->value >= 0;
				}
			}
			if (n->flags & NUMBER_PERCENT) {
				size_t pe = past_percent(f, n->end, to);
				int64_t p = n->milli; /* percent, in thousandths */

				if (pe == 0)
					break;
				hit->start = n->start;
				if ((e = any(f, pe, to, share_after)) != 0) {
					hit->value = compare_divide(value, p, 100000);
				} else if ((e = any(f, pe, to, more_after)) != 0 ||
				    (change_before(f, from, n->start, 1) && (e = pe))) {
					hit->value = compare_divide(value, 100000 + p, 100000);
				} else if ((e = any(f, pe, to, less_after)) != 0 ||
				    (change_before(f, from, n->start, 0) && (e = pe))) {
					if (p >= 100000)
						break;
					hit->value = compare_divide(value, 100000 - p, 100000);
				} else {
					break;
				}
				hit->end = e;
				return hit->value >= 0;
			}
		}
		{
			const struct number *n = first < nnums && nums[first].start == i ? &nums[first] : NULL;
			int64_t x = fold_at(f, i, to, n, &e);

			if (x == 0)
				x = multiplied_at(f, i, to, nums, nnums, &e);
			if (x > 0) {
				hit->value = compare_divide(value, x, 1000);
				hit->start = i;
				hit->end = e;
				return hit->value >= 0;
			}
		}
		we = text_word_end(f, to, i);
		for (const char *h = fixed_first; (h = memchr(h, f[i], (size_t)(fixed_first + sizeof(fixed_first) - h))) != NULL;
		    h++) {
			size_t k = (size_t)(h - fixed_first);

			if (first_word_is(fixed[k].pat, f + i, we - i) && (e = at(f, i, to, fixed[k].pat)) != 0) {
				hit->value = compare_divide(value, fixed[k].num, fixed[k].den);
				hit->start = i;
				hit->end = e;
				return hit->value >= 0;
			}
		}
		/* the rest of the word starts nothing */
		i = we - 1;
	}
	return 0;
}
