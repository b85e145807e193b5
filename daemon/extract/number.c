/*
 * number — numbers in digits and words with their context (see number.h).
 *
 * One left-to-right pass over the folded sentence; each number is read
 * once, and its context is a look at a few words either side, so the scan
 * stays linear whatever the text (a 200,000-digit number is read to its end
 * and skipped; "1,1,1,..." is many small numbers, never one long one).
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"

struct word {
	const char *w;
	int64_t v;
};

#define W_HUNDRED  (-100)
#define W_THOUSAND (-1000)
#define W_MILLION  (-1000000)
#define W_BILLION  (-1000000000)
#define W_AND      (-1)

/* Number words, one short list per first letter (indexed by it), each
 * ending with a NULL word. */
static const struct word en_a[] = { { "and", W_AND }, { NULL, 0 } };
static const struct word en_b[] = { { "billion", W_BILLION }, { NULL, 0 } };
static const struct word en_e[] = { { "eight", 8 }, { "eighteen", 18 }, { "eighty", 80 }, { "eleven", 11 }, { NULL, 0 } };
static const struct word en_f[] = { { "five", 5 }, { "four", 4 }, { "fourteen", 14 }, { "fifteen", 15 }, { "forty", 40 }, { "fourty", 40 }, { "fifty", 50 }, { NULL, 0 } };
static const struct word en_h[] = { { "hundred", W_HUNDRED }, { NULL, 0 } };
static const struct word en_m[] = { { "million", W_MILLION }, { "millions", W_MILLION }, { NULL, 0 } };
static const struct word en_n[] = { { "nine", 9 }, { "nineteen", 19 }, { "ninety", 90 }, { NULL, 0 } };
static const struct word en_o[] = { { "one", 1 }, { NULL, 0 } };
static const struct word en_s[] = { { "six", 6 }, { "seven", 7 }, { "sixteen", 16 }, { "seventeen", 17 }, { "sixty", 60 }, { "seventy", 70 }, { NULL, 0 } };
static const struct word en_t[] = { { "two", 2 }, { "three", 3 }, { "ten", 10 }, { "twelve", 12 }, { "thirteen", 13 }, { "twenty", 20 }, { "thirty", 30 }, { "thousand", W_THOUSAND }, { NULL, 0 } };
static const struct word *const en_words[26] = {
	['a' - 'a'] = en_a,
	['b' - 'a'] = en_b,
	['e' - 'a'] = en_e,
	['f' - 'a'] = en_f,
	['h' - 'a'] = en_h,
	['m' - 'a'] = en_m,
	['n' - 'a'] = en_n,
	['o' - 'a'] = en_o,
	['s' - 'a'] = en_s,
	['t' - 'a'] = en_t,
};

static const struct word fr_c[] = { { "cinq", 5 }, { "cinquante", 50 }, { "cent", W_HUNDRED }, { "cents", W_HUNDRED }, { NULL, 0 } };
static const struct word fr_d[] = { { "deux", 2 }, { "dix", 10 }, { "douze", 12 }, { NULL, 0 } };
static const struct word fr_e[] = { { "et", W_AND }, { NULL, 0 } };
static const struct word fr_h[] = { { "huit", 8 }, { "huitante", 80 }, { NULL, 0 } };
static const struct word fr_m[] = { { "mille", W_THOUSAND }, { "million", W_MILLION }, { "millions", W_MILLION }, { "milliard", W_BILLION }, { "milliards", W_BILLION }, { NULL, 0 } };
static const struct word fr_n[] = { { "neuf", 9 }, { "nonante", 90 }, { NULL, 0 } };
static const struct word fr_o[] = { { "onze", 11 }, { "octante", 80 }, { NULL, 0 } };
static const struct word fr_q[] = { { "quatre", 4 }, { "quatorze", 14 }, { "quinze", 15 }, { "quarante", 40 }, { NULL, 0 } };
static const struct word fr_s[] = { { "six", 6 }, { "sept", 7 }, { "seize", 16 }, { "soixante", 60 }, { "septante", 70 }, { NULL, 0 } };
static const struct word fr_t[] = { { "trois", 3 }, { "treize", 13 }, { "trente", 30 }, { NULL, 0 } };
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

/* Vague counts that still name a value (approximate unless noted). */
static const struct {
	const char *phrase;
	int64_t v;
	int approx;
} vague[] = {
	{ "a dozen", 12, 0 }, { "a hundred", 100, 0 }, { "a thousand", 1000, 0 },
	{ "une dizaine", 10, 1 }, { "une douzaine", 12, 1 }, { "une quinzaine", 15, 1 },
	{ "une vingtaine", 20, 1 }, { "une trentaine", 30, 1 },
	{ "une quarantaine", 40, 1 }, { "une cinquantaine", 50, 1 },
	{ "une soixantaine", 60, 1 }, { "une centaine", 100, 1 },
	{ "un millier", 1000, 1 },
};

static const struct {
	const char *w;
	int m;
} months[] = {
	{ "january", 1 }, { "jan", 1 }, { "janvier", 1 }, { "february", 2 }, { "feb", 2 },
	{ "fevrier", 2 }, { "march", 3 }, { "mars", 3 }, { "april", 4 }, { "apr", 4 },
	{ "avril", 4 }, { "may", 5 }, { "mai", 5 }, { "june", 6 }, { "juin", 6 },
	{ "july", 7 }, { "juillet", 7 }, { "august", 8 }, { "aug", 8 }, { "aout", 8 },
	{ "september", 9 }, { "sept", 9 }, { "sep", 9 }, { "septembre", 9 },
	{ "october", 10 }, { "oct", 10 }, { "octobre", 10 }, { "november", 11 },
	{ "nov", 11 }, { "novembre", 11 }, { "december", 12 }, { "dec", 12 },
	{ "decembre", 12 },
};

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

int
number_month(const char *f, size_t len, size_t i, size_t *wend)
{
	size_t e;

	/* month names are 3 to 9 letters and begin with one of these pairs;
	 * the first two bytes are asked first, as most words fail there */
	if (i >= len)
		return 0;
	if (i + 1 >= len)
		return 0;
	switch (f[i]) {
	case 'j': if (f[i + 1] != 'a' && f[i + 1] != 'u') return 0; break;
	case 'f': case 's': case 'd': if (f[i + 1] != 'e') return 0; break;
	case 'm': if (f[i + 1] != 'a') return 0; break;
	case 'a': if (f[i + 1] != 'p' && f[i + 1] != 'v' && f[i + 1] != 'u' && f[i + 1] != 'o') return 0; break;
	case 'o': if (f[i + 1] != 'c') return 0; break;
	case 'n': if (f[i + 1] != 'o') return 0; break;
	default:
		return 0;
	}
	e = text_word_end(f, len, i);
	if (e - i < 3 || e - i > 9)
		return 0;
	for (size_t k = 0; k < sizeof(months) / sizeof(months[0]); k++)
		if (text_word_eq(months[k].w, f + i, e - i)) {
			if (wend != NULL)
				*wend = e < len && f[e] == '.' && e - i <= 4 ? e + 1 : e;
			return months[k].m;
		}
	return 0;
}

static int64_t
lookup(const struct word *const *index, const char *f, size_t i, size_t e)
{
	const struct word *t;

	if (f[i] < 'a' || f[i] > 'z' || (t = index[f[i] - 'a']) == NULL)
		return 0;
	for (; t->w != NULL; t++)
		if (text_word_eq(t->w, f + i, e - i))
			return t->v;
	return 0;
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

/* Previous word of f before i within [lo, ..): its bounds in ws and we. */
static int
prev_word(const char *f, size_t lo, size_t i, size_t *ws, size_t *we)
{
	size_t e = i;

	while (e > lo && !text_isalnum((unsigned char)f[e - 1]))
		e--;
	if (e == lo)
		return 0;
	*we = e;
	while (e > lo && text_isalnum((unsigned char)f[e - 1]))
		e--;
	*ws = e;
	return 1;
}

static size_t
skip_sp(const char *f, size_t i, size_t end)
{
	while (i < end && f[i] == ' ')
		i++;
	return i;
}

static int
word_is(const char *f, size_t ws, size_t we, const char *w)
{
	return text_word_eq(w, f + ws, we - ws);
}

static int
word_in(const char *f, size_t ws, size_t we, const char *const *list)
{
	/* the first byte is compared here, where the call is cheap to skip
	 * (an empty word's "first byte" is the NUL that only "" begins with) */
	char c0 = we > ws ? f[ws] : '\0';

	for (; *list != NULL; list++)
		if ((*list)[0] == c0 && word_is(f, ws, we, *list))
			return 1;
	return 0;
}

static const char *const units_time[] = {
	"day", "days", "week", "weeks", "month", "months", "year", "years", "hour",
	"hours", "minute", "minutes", "second", "seconds", "decade", "decades",
	"jour", "jours", "semaine", "semaines", "mois", "an", "ans", "annee",
	"annees", "heure", "heures", "night", "nights", "nuit", "nuits", "decennie",
	"decennies", "siecle", "siecles", "century", "centuries", "session", "sessions",
	NULL
};
static const char *const docref_before[] = {
	"resolution", "resolutions", "paragraph", "paragraphs", "para", "paras",
	"article", "articles", "no", "nos", "number", "section", "chapter", "page",
	"pages", "annex", "rule", "law", "decree", "loi", "decret", "ordonnance",
	"footnote", "note", "item", "point", "alinea", "chapitre", "numero", "n",
	"protocol", "convention", "op", "pp", "phase", "level", "niveau", "covid",
	"room", "salle", "ext", "tel", "fax", "box", "route", "rn", "category",
	"grade", "code", "version", "session", "sessions", "report", "rapport",
	NULL
};
static const char *const money_after[] = {
	"dollars", "dollar", "euros", "euro", "francs", "franc", "usd", "eur",
	"chf", "fcfa", "cfa", "xof", "pounds", "livres", NULL
};
static const char *const money_before[] = {
	"usd", "us", "eur", "chf", "fcfa", "cfa", "xof", NULL
};
static const char *const qual_before[] = {
	"least", "than", "some", "about", "nearly", "around", "approximately",
	"over", "almost", "estimated", "moins", "plus", "pres", "environ",
	"quelque", NULL
};

static int
at_bytes(const char *f, size_t i, size_t end, const char *s)
{
	size_t n = strlen(s);

	return i + n <= end && memcmp(f + i, s, n) == 0;
}

/* From j just past a day: ", D" repeated, then ", D Month" or "and/et D
 * Month" ("3, 4 and 5 June"). */
static int
day_list(const char *f, size_t j, size_t hi)
{
	for (int n = 0; n < 8 && j < hi && f[j] == ','; n++) {
		size_t k = skip_sp(f, j + 1, hi), d = k;

		while (k < hi && isdig(f[k]))
			k++;
		if (k == d || k - d > 2)
			return 0;
		k = skip_sp(f, k, hi);
		if (number_month(f, hi, k, NULL) != 0)
			return 1;
		j = k;
		if (j < hi && text_isalpha((unsigned char)f[j])) {
			size_t e = text_word_end(f, hi, j);

			if (!word_is(f, j, e, "and") && !word_is(f, j, e, "et"))
				return 0;
			k = skip_sp(f, e, hi);
			d = k;
			while (k < hi && isdig(f[k]))
				k++;
			return k > d && k - d <= 2 && number_month(f, hi, skip_sp(f, k, hi), NULL) != 0;
		}
	}
	return 0;
}

/* The context of the number at [ns, ne) in the sentence [lo, hi). */
static unsigned
context(const char *f, size_t lo, size_t hi, size_t ns, size_t ne, int64_t value,
    int rawdigits, unsigned flags)
{
	size_t ws, we, j, e;

	/* After the number. */
	j = skip_sp(f, ne, hi);
	if (j < hi && f[j] == '%')
		flags |= NUMBER_PERCENT;
	if (j < hi && (f[j] == '$' || at_bytes(f, j, hi, "\xe2\x82\xac") || at_bytes(f, j, hi, "\xc2\xa3")))
		flags |= NUMBER_MONEY;
	if (ne < hi && (f[ne] == '/' || (f[ne] == ':' && ne + 1 < hi && isdig(f[ne + 1]))))
		flags |= f[ne] == ':' ? NUMBER_TIME : NUMBER_DOCREF;
	if (ne < hi && f[ne] == '-' && ne + 1 < hi && isdig(f[ne + 1]) && rawdigits)
		flags |= NUMBER_DOCREF;
	if (value >= 1 && value <= 31 && !(flags & NUMBER_WORDS) && day_list(f, j, hi))
		flags |= NUMBER_DATE; /* "3, 4 et 5 juin" */
	if (j < hi && f[j] == '-')
		j = skip_sp(f, j + 1, hi);
	if (j < hi && text_isalpha((unsigned char)f[j])) {
		e = text_word_end(f, hi, j);
		if (number_month(f, hi, j, NULL) != 0 && !(flags & NUMBER_WORDS))
			flags |= value >= 1 && value <= 31 ? NUMBER_DATE : NUMBER_YEAR;
		else if (word_is(f, j, e, "per") && text_word_at(f, hi, skip_sp(f, e, hi), "cent"))
			flags |= NUMBER_PERCENT;
		else if (word_is(f, j, e, "pour") && text_word_at(f, hi, skip_sp(f, e, hi), "cent"))
			flags |= NUMBER_PERCENT;
		else if (word_in(f, j, e, (const char *const[]){ "percent", "pourcent", "pc", NULL }))
			flags |= NUMBER_PERCENT;
		else if (word_is(f, j, e, "year") && e < hi && f[e] == '-')
			flags |= NUMBER_AGE;
		else if ((word_is(f, j, e, "years") || word_is(f, j, e, "ans")) &&
		    (text_word_at(f, hi, skip_sp(f, e, hi), "old") || word_is(f, j, e, "ans")))
			flags |= word_is(f, j, e, "ans") ? NUMBER_DURATION : NUMBER_AGE;
		else if (word_in(f, j, e, units_time))
			flags |= NUMBER_DURATION;
		else if (word_in(f, j, e, (const char *const[]){ "premiers", "premieres", "derniers", "dernieres", NULL }) &&
		    word_in(f, skip_sp(f, e, hi), text_word_end(f, hi, skip_sp(f, e, hi)), units_time))
			flags |= NUMBER_DURATION; /* "sept premiers mois" */
		else if (word_in(f, j, e, money_after))
			flags |= NUMBER_MONEY;
		else if (word_in(f, j, e, (const char *const[]){ "times", "fois", "fold", NULL }))
			flags |= NUMBER_TIMES;
		else if (word_in(f, j, e, (const char *const[]){ "am", "pm", "a", "p", "h", "hrs", "gmt", "utc", NULL }) &&
		    !(flags & NUMBER_WORDS) && (e - j > 1 || (e < hi && f[e] == '.') || word_is(f, j, e, "h")))
			flags |= NUMBER_TIME;
		else if (word_in(f, j, e, (const char *const[]){ "km", "kilometres", "kilometers", "kilometre", "kilometer", "m", "metres", "meters", "kg", "tons", "tonnes", "miles", "hectares", "ha", NULL }))
			flags |= NUMBER_DOCREF;
		else if ((word_is(f, j, e, "and") || word_is(f, j, e, "to") || word_is(f, j, e, "et") ||
		    word_is(f, j, e, "au") || word_is(f, j, e, "through")) && value <= 31) {
			size_t k = skip_sp(f, e, hi);

			if (k < hi && isdig(f[k])) {
				while (k < hi && isdig(f[k]))
					k++;
				if (k + 1 < hi && (f[k] == 'e' || f[k] == 's' || f[k] == 'n' || f[k] == 'r'))
					k = text_word_end(f, hi, k);
				k = skip_sp(f, k, hi);
				if (number_month(f, hi, k, NULL) != 0)
					flags |= NUMBER_DATE;
			}
		}
	}
	/* Before the number. */
	if (ns > lo && (f[ns - 1] == '/' || f[ns - 1] == '#'))
		flags |= NUMBER_DOCREF;
	if (ns > lo && f[ns - 1] == '-' && ns - 1 > lo && text_isalnum((unsigned char)f[ns - 2]))
		flags |= NUMBER_DOCREF;
	j = ns;
	while (j > lo && f[j - 1] == ' ')
		j--;
	if (j > lo && (f[j - 1] == '$' || f[j - 1] == '+'))
		flags |= f[j - 1] == '$' ? NUMBER_MONEY : NUMBER_PHONE;
	if (j >= lo + 3 && (memcmp(f + j - 3, "\xe2\x82\xac", 3) == 0))
		flags |= NUMBER_MONEY;
	if (j >= lo + 2 && memcmp(f + j - 2, "\xc2\xa3", 2) == 0)
		flags |= NUMBER_MONEY;
	if (prev_word(f, lo, ns, &ws, &we)) {
		int adjacent = skip_sp(f, we, ns) == ns || (we < ns && f[we] == '.');

		if (number_month(f, hi, ws, NULL) != 0 && adjacent && !(flags & NUMBER_WORDS))
			flags |= value >= 1 && value <= 31 ? NUMBER_DATE : NUMBER_YEAR;
		else if (adjacent && word_in(f, ws, we, docref_before))
			flags |= NUMBER_DOCREF;
		else if (adjacent && word_in(f, ws, we, money_before))
			flags |= NUMBER_MONEY;
		else if (word_in(f, ws, we, (const char *const[]){ "aged", "age", "ages", "agee", "agees", "ages", NULL }))
			flags |= NUMBER_AGE;
		else if (word_is(f, ws, we, "de") && ws > lo) {
			size_t w2s, w2e;

			if (prev_word(f, lo, ws, &w2s, &w2e) &&
			    word_in(f, w2s, w2e, (const char *const[]){ "age", "agee", "agees", "ages", NULL }))
				flags |= NUMBER_AGE;
		}
		if (rawdigits && value >= 1900 && value <= 2100 && !word_in(f, ws, we, qual_before))
			flags |= NUMBER_YEAR;
	} else if (rawdigits && value >= 1900 && value <= 2100) {
		flags |= NUMBER_YEAR;
	}
	return flags;
}

/* Digits from f[i]: grouping, decimals, scale words. Returns the end;
 * *ok = 0 when the number is unreadable (overflow, a code). */
static size_t
read_digits(const char *f, size_t hi, size_t i, int fr, struct number *n, int *ok, int *raw)
{
	size_t j = i, run;
	int64_t v = 0, frac = 0, scale = 1;
	int fdig = 0, groups = 0;
	char gsep = 0;

	*ok = 1;
	while (j < hi && isdig(f[j])) {
		if (v > NUMBER_MAX / 10)
			*ok = 0;
		else
			v = v * 10 + (f[j] - '0');
		j++;
	}
	run = j - i;
	for (;;) {
		char s = j < hi ? f[j] : 0;
		size_t k = j + 1;

		if (run > 3 || (s != ',' && s != '.' && s != ' '))
			break;
		if (gsep != 0 && s != gsep)
			break;
		if (k + 3 > hi || !isdig(f[k]) || !isdig(f[k + 1]) || !isdig(f[k + 2]) ||
		    (k + 3 < hi && isdig(f[k + 3])))
			break;
		if (s == '.' && !fr)
			break;
		if (s == ',' && fr && k + 3 < hi && f[k + 3] == ' ' &&
		    (text_word_at(f, hi, k + 4, "millions") || text_word_at(f, hi, k + 4, "million") ||
		    text_word_at(f, hi, k + 4, "milliards")))
			break;
		gsep = s;
		groups++;
		for (size_t d = 0; d < 3; d++) {
			if (v > NUMBER_MAX / 10)
				*ok = 0;
			else
				v = v * 10 + (f[k + d] - '0');
		}
		j = k + 3;
	}
	/* A decimal part: "4.2" in English, "4,2" in French. */
	if (j + 1 < hi && isdig(f[j + 1]) && gsep == 0 &&
	    ((f[j] == '.' && !fr) || (f[j] == ',' && fr) || (f[j] == '.' && fr))) {
		size_t k = j + 1;

		while (k < hi && isdig(f[k])) {
			if (fdig < 3) {
				frac = frac * 10 + (f[k] - '0');
				fdig++;
			}
			k++;
		}
		j = k;
		while (fdig < 3) {
			frac *= 10;
			fdig++;
		}
	} else if (gsep == ' ' && j + 1 < hi && f[j] == ' ' && isdig(f[j + 1])) {
		n->flags |= NUMBER_PHONE; /* "22 917 9059" */
	}
	{
		size_t k = skip_sp(f, j, hi), e = text_word_end(f, hi, k);

		if (word_in(f, k, e, (const char *const[]){ "million", "millions", NULL }))
			scale = 1000000;
		else if (word_in(f, k, e, (const char *const[]){ "billion", "billions", "milliard", "milliards", NULL }))
			scale = 1000000000;
		else if (word_in(f, k, e, (const char *const[]){ "thousand", "mille", NULL }))
			scale = 1000;
		if (scale > 1)
			j = e;
	}
	*raw = gsep == 0 && frac == 0 && run == 4 && scale == 1;
	if (!*ok || v > NUMBER_MAX / scale / 1000) {
		*ok = 0;
		return j;
	}
	n->milli = v * 1000 * scale + frac * scale;
	n->value = (n->milli + 500) / 1000;
	if (n->milli % 1000 != 0)
		n->flags |= NUMBER_FRACTION;
	return j;
}

/* Number words from f[i]: returns the end, or i when none. */
static size_t
read_words(const char *f, size_t hi, size_t i, int fr, int64_t *out)
{
	const struct word *const *t = fr ? fr_words : en_words;
	int64_t total = 0, cur = 0, last = 0;
	size_t j = i, end = i;
	int any = 0, only_un = 1, pend_and = 0;

	while (j < hi && text_isalpha((unsigned char)f[j])) {
		size_t e = text_word_end(f, hi, j);
		int64_t v = lookup(t, f, j, e);

		if (v == 0)
			break;
		if (v == W_AND) {
			if (!any || pend_and)
				break;
			pend_and = 1;
		} else {
			if (pend_and && !(fr ? (v == 1 || v == 11) : (last <= W_HUNDRED)))
				break;
			pend_and = 0;
			if (v > 0) {
				if (fr && v == 20 && cur % 100 == 4)
					cur += 76;
				else if (any && last > 0 && last < 10 && v < 100)
					break; /* "two three" is not one number */
				else
					cur += v;
				if (!(fr && v == 1))
					only_un = 0;
			} else if (v == W_HUNDRED) {
				if (cur % 100 >= 10 && cur > 0)
					break;
				cur = (cur == 0 ? 1 : cur) * 100;
				only_un = 0;
			} else {
				int64_t m = -v;

				if (cur > 999)
					break;
				total += (cur == 0 ? 1 : cur) * m;
				cur = 0;
				only_un = 0;
			}
			last = v;
			any = 1;
			end = e;
		}
		if (total > NUMBER_MAX / 1000)
			break;
		j = e;
		if (j < hi && (f[j] == '-' || f[j] == ' ') && j + 1 < hi && text_isalpha((unsigned char)f[j + 1]))
			j++;
		else
			break;
	}
	if (!any || only_un)
		return i;
	*out = total + cur;
	return end;
}

size_t
number_scan(const char *f, size_t len, size_t start, size_t end, int fr,
    struct number *out, size_t max)
{
	size_t i = start, n = 0;

	(void)len;
	while (i < end) {
		unsigned char c = (unsigned char)f[i];
		struct number num;
		int ok = 1, raw = 0;
		size_t e;

		if (isdig((char)c)) {
			if (i > start && (text_isalpha((unsigned char)f[i - 1]) || f[i - 1] == '.' ||
			    f[i - 1] == ',' || isdig(f[i - 1]))) {
				while (i < end && (isdig(f[i]) || f[i] == '.' || f[i] == ','))
					i++; /* a footnote mark, a code or a leftover group */
				continue;
			}
			if (i > start && f[i - 1] == '+') {
				while (i < end && (isdig(f[i]) || f[i] == ' ' || f[i] == '(' || f[i] == ')' || f[i] == '-'))
					i++;
				continue;
			}
			memset(&num, 0, sizeof(num));
			num.start = i;
			e = read_digits(f, end, i, fr, &num, &ok, &raw);
			num.end = e;
			if (e < end && text_isalpha((unsigned char)f[e])) {
				size_t we = text_word_end(f, end, e);

				if (word_in(f, e, we, (const char *const[]){ "st", "nd", "rd", "th", "er", "e", "eme", "ere", "re", "nde", NULL }))
					num.flags |= NUMBER_ORDINAL;
				else if (word_is(f, e, we, "h"))
					num.flags |= NUMBER_TIME;
				else
					num.flags |= NUMBER_DOCREF;
				e = we;
			}
			i = e > i ? e : i + 1;
			if (!ok)
				continue;
			num.flags = context(f, start, end, num.start, num.end, num.value, raw, num.flags);
			if (n < max)
				out[n++] = num;
			continue;
		}
		if (text_isalpha(c) && (i == start || !text_isalnum((unsigned char)f[i - 1]))) {
			int64_t v = 0;
			size_t k;

			memset(&num, 0, sizeof(num));
			/* every vague phrase begins with "a " or "un": other words skip the table */
			k = (f[i] == 'a' && f[i + 1] == ' ') || (f[i] == 'u' && f[i + 1] == 'n') ? 0 :
			    sizeof(vague) / sizeof(vague[0]);
			for (; k < sizeof(vague) / sizeof(vague[0]); k++) {
				size_t pl;

				if (f[i] != vague[k].phrase[0] || f[i + 1] != vague[k].phrase[1])
					continue;
				pl = strlen(vague[k].phrase);
				if (i + pl <= end && memcmp(f + i, vague[k].phrase, pl) == 0 &&
				    (i + pl == end || !text_isalnum((unsigned char)f[i + pl])))
					break;
			}
			if (k < sizeof(vague) / sizeof(vague[0])) {
				num.start = i;
				num.end = i + strlen(vague[k].phrase);
				num.value = vague[k].v;
				num.milli = num.value * 1000;
				num.flags = NUMBER_WORDS | (vague[k].approx ? NUMBER_APPROX : 0);
				i = num.end;
				num.flags = context(f, start, end, num.start, num.end, num.value, 0, num.flags);
				if (n < max)
					out[n++] = num;
				continue;
			}
			/* "pour cent", "per cent": the rate's unit, not a hundred. */
			if (i >= start + 5 && text_word_at(f, end, i, "cent") &&
			    (memcmp(f + i - 5, "pour ", 5) == 0 || memcmp(f + i - 4, "per ", 4) == 0))
				e = i;
			else
				e = read_words(f, end, i, fr, &v);
			if (e == i) {
				i = text_word_end(f, end, i);
				continue;
			}
			num.start = i;
			num.end = e;
			num.value = v;
			num.milli = v * 1000;
			num.flags = NUMBER_WORDS;
			/* "quatre cent vingt (420)": one number, the digits confirm it. */
			k = skip_sp(f, e, end);
			if (k < end && f[k] == '(' && k + 1 < end && isdig(f[k + 1])) {
				struct number d;
				int dok, draw;
				size_t de;

				memset(&d, 0, sizeof(d));
				de = read_digits(f, end, k + 1, fr, &d, &dok, &draw);
				if (dok && de < end && f[de] == ')') {
					num.value = d.value;
					num.milli = d.milli;
					num.end = de + 1;
					num.flags |= NUMBER_PAREN;
				}
			}
			i = num.end;
			num.flags = context(f, start, end, num.start, num.end, num.value, 0, num.flags);
			if (n < max)
				out[n++] = num;
			continue;
		}
		i++;
	}
	return n;
}
