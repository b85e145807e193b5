/*
 * number_words — quantities written in words, English and French (see
 * number_int.h): cardinals up to the billions, halves ("two and a half
 * million", "half a million", "un million et demi", "un demi-million"),
 * dozens, and the multipliers that may follow small digits ("3 hundred").
 *
 * A quantity is read whole or not at all: the reader stops before the
 * first word that cannot continue it, and a word sequence that no reader of
 * English or French would take for one number ("twenty thirty", "two
 * three") ends the number where it stops making sense. Values are kept in
 * thousandths, so halves stay exact until the end.
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "number_int.h"

struct word {
	const char *w;
	int64_t v;
};

/* Word values that are not cardinals. Multipliers are the negated factor. */
#define W_HUNDRED  (-100)
#define W_THOUSAND (-1000)
#define W_MILLION  (-1000000)
#define W_BILLION  (-1000000000)
#define W_DOZEN    (-12)
#define W_AND      (-1)
#define W_HALF     (-2) /* "half", "demi", "demie" */
#define W_A        (-3) /* English "a": one, but only before a multiplier */
#define W_DIGITS   (-4) /* (never in a table) digits read just before */

#define NONE ((size_t)-1) /* no next word */

/* Number words, one short list per first letter (indexed by it), each in
 * strcmp order (lookup stops past the word) and ending with a NULL word.
 * A multiplier, singular or plural, needs something to multiply:
 * "millions of", "hundreds", "dozens" are no number; "deux millions" is
 * one. */
static const struct word en_a[] = { { "a", W_A }, { "and", W_AND }, { NULL, 0 } };
static const struct word en_b[] = { { "billion", W_BILLION }, { "billions", W_BILLION }, { NULL, 0 } };
static const struct word en_d[] = { { "dozen", W_DOZEN }, { "dozens", W_DOZEN }, { NULL, 0 } };
static const struct word en_e[] = { { "eight", 8 }, { "eighteen", 18 }, { "eighty", 80 }, { "eleven", 11 }, { NULL, 0 } };
static const struct word en_f[] = { { "fifteen", 15 }, { "fifty", 50 }, { "five", 5 }, { "forty", 40 }, { "four", 4 }, { "fourteen", 14 }, { "fourty", 40 }, { NULL, 0 } };
static const struct word en_h[] = { { "half", W_HALF }, { "hundred", W_HUNDRED }, { "hundreds", W_HUNDRED }, { NULL, 0 } };
static const struct word en_m[] = { { "million", W_MILLION }, { "millions", W_MILLION }, { NULL, 0 } };
static const struct word en_n[] = { { "nine", 9 }, { "nineteen", 19 }, { "ninety", 90 }, { NULL, 0 } };
static const struct word en_o[] = { { "one", 1 }, { NULL, 0 } };
static const struct word en_s[] = { { "seven", 7 }, { "seventeen", 17 }, { "seventy", 70 }, { "six", 6 }, { "sixteen", 16 }, { "sixty", 60 }, { NULL, 0 } };
static const struct word en_t[] = { { "ten", 10 }, { "thirteen", 13 }, { "thirty", 30 }, { "thousand", W_THOUSAND }, { "thousands", W_THOUSAND }, { "three", 3 }, { "twelve", 12 }, { "twenty", 20 }, { "two", 2 }, { NULL, 0 } };
static const struct word *const en_words[26] = {
	['a' - 'a'] = en_a,
	['b' - 'a'] = en_b,
	['d' - 'a'] = en_d,
	['e' - 'a'] = en_e,
	['f' - 'a'] = en_f,
	['h' - 'a'] = en_h,
	['m' - 'a'] = en_m,
	['n' - 'a'] = en_n,
	['o' - 'a'] = en_o,
	['s' - 'a'] = en_s,
	['t' - 'a'] = en_t,
};

static const struct word fr_c[] = { { "cent", W_HUNDRED }, { "cents", W_HUNDRED }, { "cinq", 5 }, { "cinquante", 50 }, { NULL, 0 } };
static const struct word fr_d[] = { { "demi", W_HALF }, { "demie", W_HALF }, { "deux", 2 }, { "dix", 10 }, { "douzaine", W_DOZEN }, { "douzaines", W_DOZEN }, { "douze", 12 }, { NULL, 0 } };
static const struct word fr_e[] = { { "et", W_AND }, { NULL, 0 } };
static const struct word fr_h[] = { { "huit", 8 }, { "huitante", 80 }, { NULL, 0 } };
static const struct word fr_m[] = { { "mille", W_THOUSAND }, { "milliard", W_BILLION }, { "milliards", W_BILLION }, { "million", W_MILLION }, { "millions", W_MILLION }, { NULL, 0 } };
static const struct word fr_n[] = { { "neuf", 9 }, { "nonante", 90 }, { NULL, 0 } };
static const struct word fr_o[] = { { "octante", 80 }, { "onze", 11 }, { NULL, 0 } };
static const struct word fr_q[] = { { "quarante", 40 }, { "quatorze", 14 }, { "quatre", 4 }, { "quinze", 15 }, { NULL, 0 } };
static const struct word fr_s[] = { { "seize", 16 }, { "sept", 7 }, { "septante", 70 }, { "six", 6 }, { "soixante", 60 }, { NULL, 0 } };
static const struct word fr_t[] = { { "treize", 13 }, { "trente", 30 }, { "trois", 3 }, { NULL, 0 } };
static const struct word fr_u[] = { { "un", 1 }, { "une", 1 }, { NULL, 0 } };
static const struct word fr_v[] = { { "vingt", 20 }, { "vingts", 20 }, { NULL, 0 } };
static const struct word *const fr_words[26] = {
	['c' - 'a'] = fr_c,
	['d' - 'a'] = fr_d,
	['e' - 'a'] = fr_e,
	['h' - 'a'] = fr_h,
	['m' - 'a'] = fr_m,
	['n' - 'a'] = fr_n,
	['o' - 'a'] = fr_o,
	['q' - 'a'] = fr_q,
	['s' - 'a'] = fr_s,
	['t' - 'a'] = fr_t,
	['u' - 'a'] = fr_u,
	['v' - 'a'] = fr_v,
};

static int64_t
lookup(const struct word *const *index, const char *f, size_t i, size_t e)
{
	const struct word *t;

	if (f[i] < 'a' || f[i] > 'z' || (t = index[f[i] - 'a']) == NULL)
		return 0;
	for (; t->w != NULL; t++) {
		int d = text_word_cmp(t->w, f + i, e - i);

		if (d == 0)
			return t->v;
		if (d > 0)
			break; /* the list is in order: no later word matches */
	}
	return 0;
}

int
number_words_may_start(const char *f, size_t i, size_t we, int fr)
{
	return lookup(fr ? fr_words : en_words, f, i, we) != 0;
}

const char *
number_word_name(int fr, size_t k)
{
	const struct word *const *index = fr ? fr_words : en_words;

	for (size_t l = 0; l < 26; l++)
		for (const struct word *t = index[l]; t != NULL && t->w != NULL; t++)
			if (k-- == 0)
				return t->w;
	/* the words number_word reads outside the tables */
	return k == 0 ? "twice" : k == 1 ? "thrice" : k == 2 ? "double" : NULL;
}

int64_t
number_word(const char *f, size_t len, size_t i, int fr, size_t *wend)
{
	size_t e = text_word_end(f, len, i);
	int64_t v = lookup(fr ? fr_words : en_words, f, i, e);

	*wend = e;
	if (v == 0 && text_word_at(f, len, i, fr ? "double" : "twice"))
		return 2;
	if (v == 0 && !fr && text_word_at(f, len, i, "thrice"))
		return 3;
	return v > 0 ? v : -1;
}

/* The factor of a multiplier word, or 0. */
static int64_t
factor(int64_t v)
{
	return v == W_HUNDRED || v == W_DOZEN || v == W_THOUSAND || v == W_MILLION ||
	    v == W_BILLION ? -v : 0;
}

/* The next word of the same number after a word ending at e: past a run of
 * spaces, a hyphen, or a hyphen with spaces around it ("fifty - two",
 * "deux  cent"); NONE when no letter follows such a separator. */
static size_t
next_word(const char *f, size_t hi, size_t e)
{
	size_t j = e;

	while (j < hi && f[j] == ' ')
		j++;
	if (j < hi && f[j] == '-') {
		j++;
		while (j < hi && f[j] == ' ')
			j++;
	}
	return j > e && j < hi && text_isalpha((unsigned char)f[j]) ? j : NONE;
}

/* The words of pat (single spaces) from f[i], separated as within one
 * number; their end, or 0. */
static size_t
phrase(const char *f, size_t hi, size_t i, const char *pat)
{
	for (;;) {
		size_t n = 0, e = text_word_end(f, hi, i);

		while (pat[n] != '\0' && pat[n] != ' ')
			n++;
		if (e - i != n || memcmp(f + i, pat, n) != 0)
			return 0;
		pat += n;
		if (*pat == '\0')
			return e;
		pat++;
		if ((i = next_word(f, hi, e)) == NONE)
			return 0;
	}
}

/* The multiplier word after the one ending at e, its factor in *m and its
 * end returned; 0 when none. */
static size_t
multiplier_after(const struct word *const *t, const char *f, size_t hi, size_t e, int64_t *m)
{
	size_t k = next_word(f, hi, e), ke;

	if (k == NONE)
		return 0;
	ke = text_word_end(f, hi, k);
	*m = factor(lookup(t, f, k, ke));
	return *m != 0 ? ke : 0;
}

/* "and a half" / "et demi(e)" at f[j]: its end, or 0. */
static size_t
and_a_half(const char *f, size_t hi, size_t j, int fr)
{
	size_t k;

	if (!fr)
		return phrase(f, hi, j, "and a half");
	if ((k = phrase(f, hi, j, "et demi")) != 0)
		return k;
	return phrase(f, hi, j, "et demie");
}

/* Whether the cardinal v may follow the cardinal part t (0..999 of the
 * current group, whose last word was a cardinal) in one number. */
static int
cardinal_follows(int64_t t, int64_t v, int fr)
{
	if (v >= 100)
		return 0;
	if (t % 10 != 0)
		return 0; /* "two three", "twenty-one two", "fifteen five" */
	if (t % 100 >= 10 && v >= 10)
		/* "twenty thirty", "ten twelve"; but soixante-dix, quatre-vingt-onze */
		return fr && (t % 100 == 60 || t % 100 == 80) && v < 20;
	return 1;
}

size_t
number_words_read(const char *f, size_t hi, size_t i, int fr, int64_t lead, struct number *n)
{
	const struct word *const *t = fr ? fr_words : en_words;
	int64_t total = 0, cur = 0, last = 0, scale = 0, v, m;
	size_t j, e, k, end = i;
	int any = 0, only_un = 1, pend_and = 0, words = 0;

	if (lead >= 0) {
		cur = lead;
		any = 1;
		only_un = 0;
		last = W_DIGITS;
		j = next_word(f, hi, i);
	} else {
		j = i;
	}
	while (j < hi) {
		e = text_word_end(f, hi, j);
		if ((v = lookup(t, f, j, e)) == 0)
			break;
		if (v == W_A) {
			if (any || last != 0)
				break; /* "a" only opens a number */
			cur = 1000;
			last = W_A;
			j = next_word(f, hi, e);
			continue;
		}
		if (v == W_HALF) {
			/* "half a million", "a half million", "un demi-million": the
			 * half of the multiplier after; nothing follows it */
			if (last == 0 && !fr && (k = phrase(f, hi, j, "half a")) != 0)
				e = k;
			else if (!(last == W_A || last == 0 || (fr && last == 1 && only_un)))
				break;
			if ((k = multiplier_after(t, f, hi, e, &m)) == 0)
				break;
			total = m * 500;
			cur = 0;
			end = k;
			any = words = 1;
			only_un = 0;
			break;
		}
		if (v == W_AND) {
			if ((k = and_a_half(f, hi, j, fr)) != 0 && any) {
				if (factor(last) >= 1000) {
					/* "a million and a half", "deux millions et demi" */
					total += scale * 500;
					end = k;
					words = 1;
					break;
				}
				if (last > 0 || last == W_DIGITS) {
					/* "two and a half million"; alone, "two and a half" */
					cur += 500;
					end = k;
					words = 1;
					if (multiplier_after(t, f, hi, k, &m) == 0 || m < 1000)
						break;
					last = W_HALF;
					j = next_word(f, hi, k);
					continue;
				}
				break;
			}
			if (!any || pend_and || last == W_DIGITS || last == W_HALF)
				break;
			pend_and = 1;
			j = next_word(f, hi, e);
			continue;
		}
		if (v > 0) {
			if (last == W_DIGITS || last == W_DOZEN || last == W_HALF || last == W_A)
				break;
			if (pend_and && !(fr ? (v == 1 || v == 11) : (last <= W_HUNDRED)))
				break;
			if (fr && v == 20 && (cur / 1000) % 100 == 4 && last == 4)
				cur += 76000; /* quatre-vingt(s) */
			else if (last > 0 && !cardinal_follows((cur / 1000) % 1000, v, fr))
				break;
			else
				cur += v * 1000;
			if (!(fr && v == 1))
				only_un = 0;
		} else if (v == W_HUNDRED) {
			/* bare "hundred" is no number; French "cent" is one hundred */
			if (cur >= 100000 || (cur == 0 && !fr) || pend_and)
				break;
			cur = (cur == 0 ? 1000 : cur) * 100;
			only_un = 0;
		} else if (v == W_DOZEN) {
			if (cur == 0 || cur >= 100000 || (last != W_A && last <= W_HUNDRED) || pend_and)
				break;
			cur *= 12;
			only_un = 0;
		} else {
			m = -v;
			/* a scale multiplies something ("two million", "a million");
			 * only French "mille" stands alone */
			if (cur == 0 && !(fr && v == W_THOUSAND))
				break;
			if (cur >= 1000000 || (scale != 0 && m >= scale) || pend_and)
				break;
			total += (cur == 0 ? 1000 : cur) * m;
			cur = 0;
			scale = m;
			only_un = 0;
		}
		pend_and = 0;
		last = v;
		any = words = 1;
		end = e;
		if (total > NUMBER_MAX)
			return i;
		j = next_word(f, hi, e);
	}
	if (!any || only_un || end == i || total + cur <= 0)
		return i;
	n->milli = total + cur;
	n->value = (n->milli + 500) / 1000;
	if (words)
		n->flags |= NUMBER_WORDS;
	if (n->milli % 1000 != 0)
		n->flags |= NUMBER_FRACTION;
	return end;
}
