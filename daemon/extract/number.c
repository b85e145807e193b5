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
#include "number_int.h"
#include "wordset_int.h"

/* French vague counts that still name a value, approximately ("a dozen",
 * "a hundred" are exact, and read as words). */
static const struct {
	const char *phrase;
	int64_t v;
} vague[] = {
	{ "une dizaine", 10 }, { "une douzaine", 12 }, { "une quinzaine", 15 },
	{ "une vingtaine", 20 }, { "une trentaine", 30 },
	{ "une quarantaine", 40 }, { "une cinquantaine", 50 },
	{ "une soixantaine", 60 }, { "une centaine", 100 },
	{ "un millier", 1000 },
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

/* Whether a, b, c begin a name of months[] ("jan", "jui", "fev", ...). */
static int
month_prefix(char a, char b, char c)
{
	switch (a) {
	case 'j': return (b == 'a' && c == 'n') || (b == 'u' && (c == 'n' || c == 'l' || c == 'i'));
	case 'f': return b == 'e' && (c == 'b' || c == 'v');
	case 'm': return b == 'a' && (c == 'r' || c == 'i' || c == 'y');
	case 'a': return (b == 'p' && c == 'r') || (b == 'v' && c == 'r') || (b == 'u' && c == 'g') ||
	    (b == 'o' && c == 'u');
	case 's': return b == 'e' && c == 'p';
	case 'o': return b == 'c' && c == 't';
	case 'n': return b == 'o' && c == 'v';
	case 'd': return b == 'e' && c == 'c';
	default: return 0;
	}
}

int
number_month(const char *f, size_t len, size_t i, size_t *wend)
{
	size_t e;

	/* month names are 3 to 9 letters and begin with one of these three;
	 * the first three bytes are asked first, as most words fail there */
	if (i + 2 >= len || !month_prefix(f[i], f[i + 1], f[i + 2]))
		return 0;
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

const char *
number_month_name(size_t k)
{
	return k < sizeof(months) / sizeof(months[0]) ? months[k].w : NULL;
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

/* Whether the words before f[i] end with an age that opens a range:
 * "aged 10" (then "to 15"), "âgés de 12" (then "à 15 ans"). */
static int
age_range_start(const char *f, size_t lo, size_t i)
{
	static const char *const age[] = { "aged", "age", "ages", "agee", "agees", NULL };
	size_t ws, we, e = i;

	while (e > lo && f[e - 1] == ' ')
		e--;
	ws = e;
	while (ws > lo && f[ws - 1] >= '0' && f[ws - 1] <= '9')
		ws--;
	if (ws == e || !prev_word(f, lo, ws, &ws, &we))
		return 0;
	if ((we - ws == 2 && memcmp(f + ws, "de", 2) == 0) || (we - ws == 2 && memcmp(f + ws, "of", 2) == 0))
		if (!prev_word(f, lo, ws, &ws, &we))
			return 0;
	for (size_t k = 0; age[k] != NULL; k++)
		if (we - ws == strlen(age[k]) && memcmp(f + ws, age[k], we - ws) == 0)
			return 1;
	return 0;
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
	return text_word_in(list, f + ws, we - ws);
}

/* Units of time (a wordset: see wordset_int.h). */
static const char *const units_time[26] = {
	['a' - 'a'] = "an ans annee annees",
	['c' - 'a'] = "century centuries",
	['d' - 'a'] = "day days decade decades decennie decennies",
	['h' - 'a'] = "hour hours heure heures",
	['j' - 'a'] = "jour jours",
	['m' - 'a'] = "month months minute minutes mois",
	['n' - 'a'] = "night nights nuit nuits",
	['s' - 'a'] = "second seconds semaine semaines siecle siecles session sessions",
	['w' - 'a'] = "week weeks",
	['y' - 'a'] = "year years",
};

/* Words before the number of a document, a section or a room (a wordset). */
static const char *const docref_before[26] = {
	['a' - 'a'] = "article articles annex alinea",
	['b' - 'a'] = "box",
	['c' - 'a'] = "chapter chapitre convention covid category code",
	['d' - 'a'] = "decree decret",
	['e' - 'a'] = "ext",
	['f' - 'a'] = "footnote fax",
	['g' - 'a'] = "grade",
	['i' - 'a'] = "item",
	['l' - 'a'] = "law loi level",
	['n' - 'a'] = "no nos number note numero n niveau",
	['o' - 'a'] = "ordonnance op",
	['p' - 'a'] = "paragraph paragraphs para paras page pages point protocol pp phase",
	['r' - 'a'] = "resolution resolutions rule room route rn report rapport",
	['s' - 'a'] = "section salle session sessions",
	['t' - 'a'] = "tel",
	['v' - 'a'] = "version",
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

/* "two or three times", "deux ou trois fois": whether a number then
 * "times" / "fois" is at f[k] (after "or"), so that the first of the pair
 * is a multiplier too. */
static int
or_times(const char *f, size_t k, size_t hi)
{
	size_t e = k;

	if (k < hi && isdig(f[k])) {
		while (e < hi && isdig(f[e]))
			e++;
	} else if (number_word(f, hi, k, 0, &e) <= 0 && number_word(f, hi, k, 1, &e) <= 0) {
		return 0;
	}
	k = skip_sp(f, e, hi);
	return word_in(f, k, text_word_end(f, hi, k), (const char *const[]){ "times", "fois", NULL });
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
	if (ne + 1 < hi && f[ne] == '-' && isdig(f[ne + 1]) && value >= 1 && value <= 31 && !(flags & NUMBER_WORDS)) {
		/* "19-28 November": the first day of a range */
		size_t k = ne + 1;

		while (k < hi && isdig(f[k]))
			k++;
		if (k - ne - 1 <= 2 && number_month(f, hi, skip_sp(f, k, hi), NULL) != 0)
			flags |= NUMBER_DATE;
	}
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
		else if (wordset_has(units_time, f, j, e))
			flags |= NUMBER_DURATION;
		else if (word_in(f, j, e, (const char *const[]){ "premiers", "premieres", "derniers", "dernieres", NULL }) &&
		    wordset_has(units_time, f, skip_sp(f, e, hi), text_word_end(f, hi, skip_sp(f, e, hi))))
			flags |= NUMBER_DURATION; /* "sept premiers mois" */
		else if (word_in(f, j, e, money_after))
			flags |= NUMBER_MONEY;
		else if (word_in(f, j, e, (const char *const[]){ "de", "d", "of", NULL }) &&
		    word_in(f, skip_sp(f, e + (f[e] == '\''), hi), text_word_end(f, hi, skip_sp(f, e + (f[e] == '\''), hi)),
		    money_after))
			flags |= NUMBER_MONEY; /* "2 millions d'euros", "1,5 milliard de dollars" */
		else if (word_in(f, j, e, (const char *const[]){ "times", "fois", "fold", NULL }))
			flags |= NUMBER_TIMES;
		else if (word_in(f, j, e, (const char *const[]){ "or", "ou", NULL }) && or_times(f, skip_sp(f, e, hi), hi))
			flags |= NUMBER_TIMES; /* "fled two or three times": how often */
		else if (word_in(f, j, e, (const char *const[]){ "am", "pm", "a", "p", "h", "hrs", "gmt", "utc", NULL }) &&
		    !(flags & NUMBER_WORDS) && (e - j > 1 || (e < hi && f[e] == '.') || word_is(f, j, e, "h")))
			flags |= NUMBER_TIME;
		else if (word_in(f, j, e, (const char *const[]){ "km", "kilometres", "kilometers", "kilometre", "kilometer", "m", "metres", "meters", "kg", "tons", "tonnes", "miles", "hectares", "ha", NULL }))
			flags |= NUMBER_MEASURE;
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
		else if (adjacent && wordset_has(docref_before, f, ws, we))
			flags |= NUMBER_DOCREF;
		else if (adjacent && word_in(f, ws, we, money_before))
			flags |= NUMBER_MONEY;
		else if (word_in(f, ws, we, (const char *const[]){ "aged", "age", "ages", "agee", "agees", "ages", NULL }))
			flags |= NUMBER_AGE;
		else if ((word_is(f, ws, we, "de") || word_is(f, ws, we, "of")) && ws > lo) {
			size_t w2s, w2e;

			/* "âgés de 12", "under the age of 17" */
			if (prev_word(f, lo, ws, &w2s, &w2e) &&
			    word_in(f, w2s, w2e, (const char *const[]){ "age", "agee", "agees", "ages", NULL }))
				flags |= NUMBER_AGE;
		} else if (word_in(f, ws, we, (const char *const[]){ "to", "a", "and", "et", NULL }) &&
		    age_range_start(f, lo, ws))
			flags |= NUMBER_AGE; /* the end of "aged 10 to 15", "âgés de 12 à 15 ans" */
		if (rawdigits && value >= 1900 && value <= 2100 && !word_in(f, ws, we, qual_before))
			flags |= NUMBER_YEAR;
	} else if (rawdigits && value >= 1900 && value <= 2100) {
		flags |= NUMBER_YEAR;
	}
	return flags;
}

/* A scale word at f[k] after digits with separators or decimals ("4.2
 * million", "1 500 millions"): its factor, *e set past it; 1 when none. */
static int64_t
scale_word(const char *f, size_t hi, size_t k, size_t *e)
{
	size_t we = text_word_end(f, hi, k);

	*e = we;
	if (word_in(f, k, we, (const char *const[]){ "million", "millions", NULL }))
		return 1000000;
	if (word_in(f, k, we, (const char *const[]){ "billion", "billions", "milliard", "milliards", NULL }))
		return 1000000000;
	if (word_in(f, k, we, (const char *const[]){ "thousand", "mille", NULL }))
		return 1000;
	return 1;
}

/* A multiplier glued to the digits ("10k", "2.5M", "3bn"): its factor,
 * *e set past it; 1 when none. */
static int64_t
scale_suffix(const char *f, size_t hi, size_t k, size_t *e)
{
	size_t we = text_word_end(f, hi, k);

	*e = we;
	if (word_is(f, k, we, "k"))
		return 1000;
	if (word_in(f, k, we, (const char *const[]){ "m", "mn", "mln", NULL }))
		return 1000000;
	if (word_in(f, k, we, (const char *const[]){ "bn", "md", "mds", NULL }))
		return 1000000000;
	return 1;
}

/* Three digits and no fourth at f[k]. */
static int
group_at(const char *f, size_t hi, size_t k)
{
	return k + 3 <= hi && isdig(f[k]) && isdig(f[k + 1]) && isdig(f[k + 2]) &&
	    (k + 3 == hi || !isdig(f[k + 3]));
}

/* Whether a scale word follows f[k] after spaces. */
static int
scale_follows(const char *f, size_t hi, size_t k)
{
	size_t e;

	return scale_word(f, hi, skip_sp(f, k, hi), &e) > 1;
}

/* Digits from f[i]: grouping, decimals, then a multiplier (a word, glued,
 * or for small plain digits any multiplier the words reader takes: "3
 * hundred", "2 millions et demi"). Returns the end; *ok = 0 when the
 * number is unreadable (overflow). A group separator is ",", " " or, in
 * French and before no scale word in English, "." ("4.518" is 4518); a
 * decimal mark is "." or, in French and before a scale word in English,
 * "," ("1,2 million"). */
static size_t
read_digits(const char *f, size_t hi, size_t i, int fr, struct number *n, int *ok, int *raw)
{
	size_t j = i, run, e;
	int64_t v = 0, frac = 0, scale = 1;
	int fdig = 0;
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
		if ((gsep != 0 && s != gsep) || !group_at(f, hi, k))
			break;
		/* "4.2 million" is a decimal in English, "2,5 millions" in French */
		if (s == (fr ? ',' : '.') && gsep == 0 && scale_follows(f, hi, k + 3))
			break;
		gsep = s;
		for (size_t d = 0; d < 3; d++) {
			if (v > NUMBER_MAX / 10)
				*ok = 0;
			else
				v = v * 10 + (f[k + d] - '0');
		}
		j = k + 3;
	}
	/* A decimal part: "4.2", French "4,2"; a comma in English only before
	 * a scale word ("1,2 million"): the quantity is read whole. */
	if (j + 1 < hi && isdig(f[j + 1]) && gsep == 0 && (f[j] == '.' || (f[j] == ',' &&
	    (fr || scale_follows(f, hi, text_word_end(f, hi, j + 1)))))) {
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
	if (j < hi && text_isalpha((unsigned char)f[j]) && (scale = scale_suffix(f, hi, j, &e)) > 1)
		j = e;
	else if (gsep == 0 && frac == 0 && run <= 3 && *ok) {
		/* "3 hundred", "2 dozen", "2 millions et demi" */
		size_t we = number_words_read(f, hi, j, fr, v * 1000, n);

		*raw = 0;
		if (we > j)
			return we;
	} else if ((scale = scale_word(f, hi, skip_sp(f, j, hi), &e)) > 1)
		j = e;
	*raw = gsep == 0 && frac == 0 && run == 4 && scale == 1;
	if (!*ok || v > NUMBER_MAX / scale / 1000) {
		*ok = 0;
		return j;
	}
	n->milli = v * 1000 * scale + frac * scale;
	n->value = (n->milli + 500) / 1000;
	if (n->milli % 1000 != 0)
		n->flags |= NUMBER_FRACTION;
	if (frac != 0 && scale == 1)
		n->flags |= NUMBER_MEASURE; /* "12.5": a measure, never a count of people */
	return j;
}

/* A vague count ("une dizaine", "un millier") at f[i], with a multiplier
 * after it read along ("une dizaine de milliers"); its end, or i. */
static size_t
read_vague(const char *f, size_t end, size_t i, struct number *n)
{
	size_t k, pl, e;

	/* every vague phrase begins with "un": other words skip the table */
	if (f[i] != 'u' || i + 1 >= end || f[i + 1] != 'n')
		return i;
	for (k = 0; k < sizeof(vague) / sizeof(vague[0]); k++) {
		pl = strlen(vague[k].phrase);
		if (i + pl <= end && memcmp(f + i, vague[k].phrase, pl) == 0 &&
		    (i + pl == end || !text_isalnum((unsigned char)f[i + pl])))
			break;
	}
	if (k == sizeof(vague) / sizeof(vague[0]))
		return i;
	n->value = vague[k].v;
	e = i + pl;
	k = skip_sp(f, e, end);
	if (text_word_at(f, end, k, "de") && text_word_at(f, end, skip_sp(f, k + 2, end), "milliers")) {
		n->value *= 1000;
		e = text_word_end(f, end, skip_sp(f, k + 2, end));
	} else if (text_word_at(f, end, k, "de") && text_word_at(f, end, skip_sp(f, k + 2, end), "millions")) {
		n->value *= 1000000;
		e = text_word_end(f, end, skip_sp(f, k + 2, end));
	}
	n->milli = n->value * 1000;
	n->flags = NUMBER_WORDS | NUMBER_APPROX;
	return e;
}

/* Digits that belong to a code, a footnote mark or a leftover group:
 * after a letter, digit, separator or underscore ("A/HRC/48", "civils5",
 * "1_000"). */
static int
glued_before(const char *f, size_t start, size_t i)
{
	return i > start && (text_isalpha((unsigned char)f[i - 1]) || f[i - 1] == '.' ||
	    f[i - 1] == ',' || isdig(f[i - 1]) || f[i - 1] == '_');
}

/* The digits at f[i]: appended to out (when room) unless they are a code.
 * Returns where the scan goes on. */
static size_t
scan_digits(const char *f, size_t start, size_t end, size_t i, int fr, struct number *out,
    size_t *n, size_t max)
{
	struct number num;
	int ok = 1, raw = 0;
	size_t e;

	if (glued_before(f, start, i)) {
		while (i < end && (isdig(f[i]) || f[i] == '.' || f[i] == ',' || f[i] == '_'))
			i++;
		return i;
	}
	if (i > start && f[i - 1] == '+') {
		while (i < end && (isdig(f[i]) || f[i] == ' ' || f[i] == '(' || f[i] == ')' || f[i] == '-'))
			i++;
		return i;
	}
	memset(&num, 0, sizeof(num));
	num.start = i;
	e = read_digits(f, end, i, fr, &num, &ok, &raw);
	num.end = e;
	if (e < end && f[e] == '_') {
		/* "1_000": a code, not a number */
		while (e < end && (text_isalnum((unsigned char)f[e]) || f[e] == '_'))
			e++;
		return e;
	}
	/* "-12.5", "(−3)": a signed value is a measure */
	if (i > start && f[i - 1] == '-' && (i - 1 == start || f[i - 2] == ' ' || f[i - 2] == '('))
		num.flags |= NUMBER_MEASURE;
	if (e < end && text_isalpha((unsigned char)f[e])) {
		size_t we = text_word_end(f, end, e);

		if (word_in(f, e, we, (const char *const[]){ "st", "nd", "rd", "th", "er", "e", "eme", "ere", "re", "nde", NULL }))
			num.flags |= NUMBER_ORDINAL;
		else if (word_is(f, e, we, "h"))
			num.flags |= NUMBER_TIME;
		else if (word_is(f, e, we, "s") && raw && num.value % 10 == 0)
			num.flags |= NUMBER_YEAR; /* "the 2010s" */
		else if (word_in(f, e, we, (const char *const[]){ "km", "kg", "ha", "mm", "cm", NULL }))
			num.flags |= NUMBER_MEASURE;
		else
			num.flags |= NUMBER_DOCREF;
		e = we;
	}
	if (!ok)
		return e > i ? e : i + 1;
	num.flags = context(f, start, end, num.start, num.end, num.value, raw, num.flags);
	if (*n < max)
		out[(*n)++] = num;
	return e > i ? e : i + 1;
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
		size_t e, k, we;

		if (isdig((char)c)) {
			i = scan_digits(f, start, end, i, fr, out, &n, max);
			continue;
		}
		if (!text_isalpha(c) || (i > start && text_isalnum((unsigned char)f[i - 1]))) {
			i++;
			continue;
		}
		we = text_word_end(f, end, i);
		/* most words begin no number: neither a vague count (all begin
		 * with "un") nor a word of the language's table */
		if (!(c == 'u' && i + 1 < end && f[i + 1] == 'n') && !number_words_may_start(f, i, we, fr)) {
			i = we;
			continue;
		}
		memset(&num, 0, sizeof(num));
		num.start = i;
		/* "pour cent", "per cent": the rate's unit, not a hundred. */
		if (i >= start + 5 && text_word_at(f, end, i, "cent") &&
		    (memcmp(f + i - 5, "pour ", 5) == 0 || memcmp(f + i - 4, "per ", 4) == 0))
			e = i;
		else if ((e = read_vague(f, end, i, &num)) == i && number_words_may_start(f, i, we, fr))
			e = number_words_read(f, end, i, fr, -1, &num);
		if (e == i) {
			i = we;
			continue;
		}
		num.end = e;
		/* "trois cent douze (312)": one number, the digits confirm it. */
		k = skip_sp(f, e, end);
		if (!(num.flags & NUMBER_APPROX) && k < end && f[k] == '(' && k + 1 < end && isdig(f[k + 1])) {
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
		if (num.flags & NUMBER_FRACTION)
			num.flags |= NUMBER_MEASURE; /* "two and a half" */
		if (n < max)
			out[n++] = num;
	}
	return n;
}

enum number_role
number_role(unsigned flags)
{
	/* the most telling first: "$4.2 million" is money, "2.5 per cent" a rate */
	static const struct {
		unsigned flag;
		enum number_role role;
	} order[] = {
		{ NUMBER_PERCENT, NUMBER_ROLE_PERCENT }, { NUMBER_MONEY, NUMBER_ROLE_MONEY },
		{ NUMBER_PHONE, NUMBER_ROLE_PHONE }, { NUMBER_TIME, NUMBER_ROLE_TIME },
		{ NUMBER_DATE, NUMBER_ROLE_DATE }, { NUMBER_DOCREF, NUMBER_ROLE_DOCREF },
		{ NUMBER_YEAR, NUMBER_ROLE_YEAR },
		{ NUMBER_AGE, NUMBER_ROLE_AGE }, { NUMBER_DURATION, NUMBER_ROLE_DURATION },
		{ NUMBER_ORDINAL, NUMBER_ROLE_ORDINAL }, { NUMBER_TIMES, NUMBER_ROLE_MULTIPLIER },
		{ NUMBER_MEASURE, NUMBER_ROLE_MEASURE },
	};

	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		if (flags & order[k].flag)
			return order[k].role;
	return NUMBER_ROLE_COUNT;
}

const char *
number_role_name(enum number_role r)
{
	static const char *const names[] = {
		[NUMBER_ROLE_COUNT] = "count", [NUMBER_ROLE_DATE] = "date",
		[NUMBER_ROLE_YEAR] = "year", [NUMBER_ROLE_PERCENT] = "percent",
		[NUMBER_ROLE_DURATION] = "duration", [NUMBER_ROLE_MONEY] = "money",
		[NUMBER_ROLE_ORDINAL] = "ordinal", [NUMBER_ROLE_DOCREF] = "document number",
		[NUMBER_ROLE_PHONE] = "phone", [NUMBER_ROLE_AGE] = "age",
		[NUMBER_ROLE_TIME] = "time", [NUMBER_ROLE_MULTIPLIER] = "multiplier",
		[NUMBER_ROLE_MEASURE] = "measure",
	};

	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "count";
}
