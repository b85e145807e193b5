/*
 * period_trig — which recognisers a word may start (see period_int.h): a
 * table of trigger words, one short list per first letter, and for the
 * commonest of them a gate on the word that follows, so that most words
 * of a sentence are passed over after one or two comparisons; and whether
 * a phrase is the reference of a comparison.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/text.h"
#include "period_int.h"

/* "qu'en 2019" is a comparison's only after "plus", "moins", "autant", "fois". */
static int
comparative_before(const struct pc *c, size_t s)
{
	static const char *const words[] = { "plus", "moins", "autant", "fois", "davantage", NULL };
	size_t lo = s > c->lo + 60 ? s - 60 : c->lo;

	for (size_t j = lo; j < s; j++)
		if (j == c->lo || !text_isalnum((unsigned char)c->f[j - 1]))
			for (size_t k = 0; words[k] != NULL; k++)
				if (text_word_at(c->f, s, j, words[k]))
					return 1;
	return 0;
}

/* "attaques contre des écoles ... depuis janvier": "contre" / "against"
 * ending at e compares only when a figure or the period at i follows it. */
static int
against_noun(const struct pc *c, const char *cue, size_t e, size_t i)
{
	size_t j = e;

	if (strcmp(cue, "contre") != 0 && strcmp(cue, "against") != 0)
		return 0;
	while (j < i && c->f[j] == ' ')
		j++;
	return j < i && !isdig(c->f[j]);
}

int
period_is_ref(const struct pc *c, size_t i)
{
	/* comparisons, and superlatives ("the highest number this year") */
	static const char *const cues[] = {
		"than", "compared", "comparison", "versus", "vs", "against", "rapport",
		"qu", "que", "contre", "relative", "as", "compare", "comparativement",
		"highest", "largest", "record", "worst", "grand", "eleve", "elevee", "pire", NULL
	};
	size_t lo = i > c->lo + 40 ? i - 40 : c->lo, j = i;

	while (j > lo) {
		size_t e, s;

		while (j > lo && !text_isalnum((unsigned char)c->f[j - 1])) {
			if (c->f[j - 1] == ',' || c->f[j - 1] == ';' || c->f[j - 1] == '(')
				return 0;
			j--;
		}
		e = j;
		while (j > lo && text_isalnum((unsigned char)c->f[j - 1]))
			j--;
		s = j;
		if (s < e && isdig(c->f[s]))
			return 0;
		for (size_t k = 0; cues[k] != NULL; k++)
			if (text_word_eq(cues[k], c->f + s, e - s)) {
				if (against_noun(c, cues[k], e, i))
					return 0;
				/* "as in 2019", "as in all of 2020", "as during"; not "as
				 * well as hundreds of herders since May" */
				if (strcmp(cues[k], "as") == 0 && period_sp(c, e) != i &&
				    (period_kw(c, e, "in/during/at/for/of/on/over/throughout") == 0 || i - e > 20))
					return 0;
				return c->f[s] != 'q' || comparative_before(c, s);
			}
	}
	return 0;
}

/* Trigger words, one list per first letter (NULL-terminated), so a word
 * is compared only with the few that share its first byte; each list in
 * strcmp order, so the walk stops at the first word past the text's. */
struct trig {
	const char *w;
	int mask;
};

static const struct trig trig_a[] = {
	{ "a", R_ASOF | R_SUB }, { "as", R_ASOF }, { "at", R_ASOF | R_WEEK },
	{ "au", R_WEEK | R_COMP | R_SUB | R_ASOF }, { "aujourd", R_REL }, { "auparavant", R_REL },
	{ "avant", R_REL }, { NULL, 0 },
};
static const struct trig trig_b[] = {
	{ "beginning", R_SUB }, { "between", R_RANGE }, { "by", R_ASOF }, { NULL, 0 },
};
static const struct trig trig_c[] = {
	{ "ce", R_WEEK | R_REL | R_ANCH }, { "ces", R_REL | R_BACK }, { "cet", R_REL },
	{ "cette", R_REL | R_BACK }, { NULL, 0 },
};
static const struct trig trig_d[] = {
	{ "d", R_RANGE }, { "de", R_RANGE }, { "debut", R_SUB }, { "depuis", R_SINCE | R_WEEK | R_REL },
	{ "dernier", R_PART }, { "derniere", R_SUB }, { "des", R_RANGE | R_COMP | R_BACK },
	{ "deuxieme", R_PART | R_SUB }, { "dimanche", R_WEEK }, { "du", R_RANGE | R_WEEK | R_COMP | R_REP },
	{ "durant", R_WEEK }, { "during", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_e[] = {
	{ "earlier", R_REL }, { "early", R_SUB }, { "en", R_ASOF | R_BACK }, { "end", R_SUB },
	{ "entre", R_RANGE }, { NULL, 0 },
};
static const struct trig trig_f[] = {
	{ "fin", R_SUB }, { "final", R_PART | R_SUB }, { "first", R_PART | R_SUB },
	{ "fourth", R_PART | R_SUB }, { "friday", R_WEEK }, { "from", R_RANGE }, { NULL, 0 },
};
static const struct trig trig_h[] = {
	{ "h1", R_PART }, { "h2", R_PART }, { "hier", R_REL }, { NULL, 0 },
};
static const struct trig trig_j[] = {
	{ "jeudi", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_l[] = {
	{ "l", R_REL | R_REP | R_BACK }, { "la", R_COMP | R_REL | R_SUB | R_BACK | R_ANCH | R_REP },
	{ "last", R_WEEK | R_REL | R_PART | R_SUB | R_BACK }, { "late", R_SUB },
	{ "le", R_WEEK | R_COMP | R_REL | R_SUB | R_ANCH | R_REP }, { "les", R_COMP | R_REL | R_SUB | R_BACK },
	{ "lundi", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_m[] = {
	{ "mardi", R_WEEK }, { "mercredi", R_WEEK }, { "mi", R_SUB }, { "mid", R_SUB },
	{ "middle", R_SUB }, { "monday", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_o[] = {
	{ "on", R_WEEK }, { "over", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_p[] = {
	{ "past", R_WEEK | R_REL | R_BACK }, { "pendant", R_WEEK }, { "plus", R_REL },
	{ "precedemment", R_REL }, { "premier", R_PART | R_SUB }, { "premiere", R_SUB },
	{ "previously", R_REL }, { NULL, 0 },
};
static const struct trig trig_q[] = {
	{ "q1", R_PART }, { "q2", R_PART }, { "q3", R_PART }, { "q4", R_PART },
	{ "quatrieme", R_PART }, { NULL, 0 },
};
static const struct trig trig_r[] = {
	{ "recemment", R_REL }, { "recent", R_REL }, { NULL, 0 },
};
static const struct trig trig_s[] = {
	{ "s1", R_PART }, { "s2", R_PART }, { "samedi", R_WEEK }, { "saturday", R_WEEK },
	{ "second", R_PART | R_SUB }, { "seconde", R_SUB }, { "since", R_SINCE | R_WEEK | R_REL },
	{ "so", R_REL }, { "sunday", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_t[] = {
	{ "t1", R_PART }, { "t2", R_PART }, { "t3", R_PART }, { "t4", R_PART },
	{ "that", R_ANCH }, { "the", R_WEEK | R_COMP | R_REL | R_SUB | R_ANCH | R_REP | R_BACK },
	{ "third", R_PART | R_SUB }, { "this", R_WEEK | R_REL }, { "thursday", R_WEEK },
	{ "to", R_ASOF }, { "today", R_REL }, { "tonight", R_REL }, { "troisieme", R_PART | R_SUB },
	{ "tuesday", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_u[] = {
	{ "until", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_v[] = {
	{ "vendredi", R_WEEK }, { NULL, 0 },
};
static const struct trig trig_w[] = {
	{ "wednesday", R_WEEK }, { "within", R_BACK }, { NULL, 0 },
};
static const struct trig trig_y[] = {
	{ "year", R_REL }, { "yesterday", R_REL }, { NULL, 0 },
};

static const struct trig *const by_letter[26] = {
	trig_a, trig_b, trig_c, trig_d, trig_e, trig_f, NULL, trig_h, NULL, trig_j, NULL, trig_l,
	trig_m, NULL, trig_o, trig_p, trig_q, trig_r, trig_s, trig_t, trig_u, trig_v, trig_w, NULL,
	trig_y, NULL,
};

/* What may follow a gated trigger word. */
enum { G_DIGIT = 1, G_MONTH = 2, G_NUMWORD = 4, G_HYPHEN = 8 };

static const char *const weekdays[] = {
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

/* The commonest trigger words start a phrase only before a few words (or
 * a digit, a month, a number word, a hyphen): "the" before "same",
 * "previous", "last", "day"... (after_the); "le" before "mois", "trimestre", a weekday
 * or a date; "les" and "des" before a count; "en" before a count or
 * "date". Checking that word first spares the recognisers' patterns on
 * every other "the". The lists follow the patterns exactly: a word left
 * out here is a phrase never recognised. */
static const struct gate {
	const char *w;
	const char *const *next;
	const char *const *next2; /* more words (the weekdays), or NULL */
	int more;                 /* G_* */
} gates[] = {
	{ "le", (const char *const[]){ "week", "weekend", "past", "trimestre", "semestre", "mois",
	    "lendemain", "meme", "jour", "premier", NULL }, weekdays, G_DIGIT | G_MONTH },
	{ "la", (const char *const[]){ "meme", "semaine", "veille", "derniere", "premiere", "deuxieme",
	    "seconde", "troisieme", "periode", "decennie", "fin", "nuit", NULL }, NULL, 0 },
	{ "les", (const char *const[]){ "annees", "derniers", "dernieres", "memes", NULL }, NULL, G_DIGIT | G_NUMWORD },
	{ "des", (const char *const[]){ "the", "debut", "le", "l", "derniers", "dernieres", "memes", NULL }, NULL,
	    G_DIGIT | G_MONTH | G_NUMWORD },
	{ "de", (const char *const[]){ "the", "debut", "le", "l", NULL }, NULL, G_DIGIT | G_MONTH },
	{ "d", (const char *const[]){ "the", "debut", "le", "l", NULL }, NULL, G_DIGIT | G_MONTH },
	{ "du", (const char *const[]){ "the", "debut", "le", "l", "week", "weekend", "mois", "trimestre", "semestre",
	    NULL }, weekdays,
	    G_DIGIT | G_MONTH },
	{ "l", (const char *const[]){ "annee", "an", NULL }, NULL, 0 },
	{ "ce", (const char *const[]){ "week", "weekend", "matin", "soir", "mois", "jour", "trimestre", NULL }, NULL, 0 },
	{ "a", (const char *const[]){ "la", "ce", "l", NULL }, NULL, 0 },
	{ "at", (const char *const[]){ "the", "this", "last", NULL }, NULL, 0 },
	{ "as", (const char *const[]){ "of", "at", NULL }, NULL, 0 },
	{ "au", (const char *const[]){ "week", "weekend", "mois", "trimestre", "semestre", "debut", "milieu", NULL },
	    NULL, G_DIGIT },
	{ "pendant", (const char *const[]){ "week", "weekend", NULL }, NULL, 0 },
	{ "durant", (const char *const[]){ "week", "weekend", NULL }, NULL, 0 },
	{ "during", (const char *const[]){ "the", "this", "last", NULL }, NULL, 0 },
	{ "over", (const char *const[]){ "the", "this", "last", NULL }, NULL, 0 },
	{ "en", (const char *const[]){ "date", "l", NULL }, NULL, G_DIGIT | G_NUMWORD },
	{ "ces", (const char *const[]){ "derniers", "dernieres", NULL }, NULL, G_DIGIT | G_NUMWORD },
	{ "cette", (const char *const[]){ "annee", "semaine", "derniere", NULL }, NULL, 0 },
	{ "to", (const char *const[]){ "date", NULL }, NULL, 0 },
	{ "by", (const char *const[]){ "the", NULL }, NULL, 0 },
	{ "that", (const char *const[]){ "day", "same", "very", NULL }, NULL, 0 },
	{ "so", (const char *const[]){ "far", NULL }, NULL, 0 },
	{ "plus", (const char *const[]){ "tot", NULL }, NULL, 0 },
	{ "recent", (const char *const[]){ "days", "weeks", "months", NULL }, NULL, 0 },
	{ "within", (const char *const[]){ NULL }, NULL, G_DIGIT | G_NUMWORD },
	{ "end", (const char *const[]){ "of", NULL }, NULL, 0 },
	{ "beginning", (const char *const[]){ "of", NULL }, NULL, 0 },
	{ "middle", (const char *const[]){ "of", NULL }, NULL, 0 },
	{ "fin", (const char *const[]){ "de", "d", "du", NULL }, NULL, G_DIGIT | G_MONTH },
	{ "debut", (const char *const[]){ "de", "d", "du", NULL }, NULL, G_DIGIT | G_MONTH },
	{ "early", (const char *const[]){ NULL }, NULL, G_DIGIT | G_MONTH },
	{ "late", (const char *const[]){ NULL }, NULL, G_DIGIT | G_MONTH },
	{ "mid", (const char *const[]){ NULL }, NULL, G_DIGIT | G_MONTH | G_HYPHEN },
	{ "mi", (const char *const[]){ NULL }, NULL, G_HYPHEN },
};

/* After "the", the next word narrows the recognisers to try: "the same"
 * can only be a comparison or the previous expression's day. */
static const struct {
	const char *w;
	int mask;
} after_the[] = {
	{ "weekend", R_WEEK }, { "same", R_COMP | R_ANCH }, { "previous", R_COMP | R_ANCH | R_REL },
	{ "preceding", R_COMP | R_ANCH | R_REL }, { "last", R_COMP | R_WEEK | R_SUB }, { "prior", R_COMP },
	{ "day", R_ANCH | R_REL }, { "next", R_ANCH }, { "following", R_ANCH }, { "reporting", R_REP },
	{ "period", R_REP }, { "month", R_REP | R_BACK }, { "quarter", R_REP }, { "year", R_REP }, { "first", R_SUB },
	{ "second", R_SUB }, { "third", R_SUB }, { "fourth", R_SUB }, { "final", R_SUB }, { "end", R_SUB },
	{ "beginning", R_SUB }, { "start", R_SUB }, { "middle", R_SUB }, { "week", R_REP | R_BACK },
	{ "days", R_BACK }, { "weeks", R_BACK }, { "months", R_BACK },
};

static int number_at(const struct pc *c, size_t k, size_t ke);

/* ... and "the" before a count ("the seven days to 3 May") can only be a
 * span ending on a day. */
static int
narrow_the(const struct pc *c, size_t we, int mask)
{
	size_t k = period_sp(c, we), ke = text_word_end(c->f, c->hi, k);

	/* the first byte first: most entries differ there */
	for (size_t n = 0; n < sizeof(after_the) / sizeof(after_the[0]); n++)
		if (ke > k && after_the[n].w[0] == c->f[k] && text_word_eq(after_the[n].w, c->f + k, ke - k))
			return mask & after_the[n].mask;
	if (k >= c->hi || ke == k)
		return 0;
	return isdig(c->f[k]) || number_at(c, k, ke) ? mask & R_BACK : 0;
}

static int
in_words(const char *const *list, const char *f, size_t k, size_t ke)
{
	return ke > k && text_word_in(list, f + k, ke - k);
}

/* One word of period_words: what period_trigger asks of it, computed by
 * the very functions it would call, so the two ways agree by construction. */
struct pword {
	const char *w; /* a static string; NULL: a free slot */
	size_t n;
	int trig;      /* trig_mask */
	int month;     /* number_month != 0 */
	int num;       /* number_word > 0, English or French */
	int the;       /* the word is "the" (narrow_the, not a gate) */
	const struct gate *g; /* gate_of, or NULL */
};

#define PW_SLOTS 1024 /* a power of two, four times the words or more */

struct period_words {
	struct pword slot[PW_SLOTS];
	size_t maxn; /* the longest word: a longer one is no key, unhashed */
};

static size_t
pw_slot(const char *s, size_t n)
{
	/* from the length and the first, second and last bytes: no loop over
	 * the word, and few of the ~250 keys share a slot */
	size_t x = (unsigned char)s[0] * 0x9e5u + (unsigned char)s[n > 1] * 0x3c1u +
	    (unsigned char)s[n - 1] * 0x101u + n * 0x7f4au;

	return (x ^ (x >> 10)) & (PW_SLOTS - 1);
}

static const struct pword *
pw_find(const struct period_words *pw, const char *s, size_t n)
{
	if (n == 0 || n > pw->maxn)
		return NULL;
	for (size_t j = pw_slot(s, n); pw->slot[j].w != NULL; j = (j + 1) & (PW_SLOTS - 1))
		if (pw->slot[j].n == n && text_word_eq(pw->slot[j].w, s, n))
			return &pw->slot[j];
	return NULL;
}

/* Whether the word f[k, ke) is a number word, from the hash when there is one. */
static int
number_at(const struct pc *c, size_t k, size_t ke)
{
	const struct pword *p;
	size_t wend;

	if (c->words != NULL)
		return (p = pw_find(c->words, c->f + k, ke - k)) != NULL && p->num;
	return number_word(c->f, c->hi, k, 0, &wend) > 0 || number_word(c->f, c->hi, k, 1, &wend) > 0;
}

/* The gate of the trigger word s[0, n), or NULL. */
static const struct gate *
gate_of(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof(gates) / sizeof(gates[0]); k++)
		if (gates[k].w[0] == s[0] && text_word_eq(gates[k].w, s, n))
			return &gates[k];
	return NULL;
}

/* mask when the word after the word of gate g, ending at we, opens the
 * phrase, else 0. The next word's month and number roles come from the
 * hash when there is one. */
static int
gate_next(const struct pc *c, size_t we, int mask, const struct gate *g)
{
	const struct pword *p = NULL;
	size_t k, ke, wend;

	if ((g->more & G_HYPHEN) && we < c->hi && c->f[we] == '-')
		return mask;
	k = period_sp(c, we);
	if (k >= c->hi)
		return 0;
	if ((g->more & G_DIGIT) && isdig(c->f[k]))
		return mask;
	ke = text_word_end(c->f, c->hi, k);
	if (c->words != NULL && (g->more & (G_MONTH | G_NUMWORD))) {
		p = pw_find(c->words, c->f + k, ke - k);
		if (p != NULL && (((g->more & G_MONTH) && p->month) || ((g->more & G_NUMWORD) && p->num)))
			return mask;
	} else {
		if ((g->more & G_MONTH) && number_month(c->f, c->hi, k, NULL) != 0)
			return mask;
		if ((g->more & G_NUMWORD) && (number_word(c->f, c->hi, k, 0, &wend) > 0 ||
		    number_word(c->f, c->hi, k, 1, &wend) > 0))
			return mask;
	}
	return in_words(g->next, c->f, k, ke) || in_words(g->next2, c->f, k, ke) ? mask : 0;
}

/* mask when the word after f[i, we) opens the phrase, else 0. */
static int
gate(const struct pc *c, size_t i, size_t we, int mask)
{
	const struct gate *g;

	if (we - i == 3 && memcmp(c->f + i, "the", 3) == 0)
		return narrow_the(c, we, mask);
	if ((g = gate_of(c->f + i, we - i)) == NULL)
		return mask;
	return gate_next(c, we, mask, g);
}

/* Whether a unit of time follows the word ending at we ("two days
 * later"): only then may a count begin a phrase counted from the
 * previous date. */
static int
unit_next(const struct pc *c, size_t we)
{
	/* the units, by their first letter: most words fail there */
	static const char *const d[] = { "day", "days", NULL }, *const w[] = { "week", "weeks", NULL },
	    *const m[] = { "month", "months", "mois", NULL }, *const y[] = { "year", "years", NULL },
	    *const j[] = { "jour", "jours", NULL }, *const s[] = { "semaine", "semaines", NULL },
	    *const a[] = { "an", "ans", "annee", "annees", NULL };
	const char *const *units;
	size_t k = period_sp(c, we);

	if (k >= c->hi)
		return 0;
	switch (c->f[k]) {
	case 'd': units = d; break;
	case 'w': units = w; break;
	case 'm': units = m; break;
	case 'y': units = y; break;
	case 'j': units = j; break;
	case 's': units = s; break;
	case 'a': units = a; break;
	default: return 0;
	}
	return in_words(units, c->f, k, text_word_end(c->f, c->hi, k));
}

/* The trigger mask of the word s[0, n) (before its gate), or 0. */
static int
trig_mask(const char *s, size_t n)
{
	const struct trig *t;

	if (n > 0 && s[0] >= 'a' && s[0] <= 'z' && (t = by_letter[s[0] - 'a']) != NULL)
		for (; t->w != NULL; t++) {
			int d = text_word_cmp(t->w, s, n);

			if (d == 0)
				return t->mask;
			if (d > 0)
				break; /* the list is in order: no later word matches */
		}
	return 0;
}

/* Add w, unless it is there or begins nothing; -1 when the table is full. */
static int
pw_add(struct period_words *pw, const char *w)
{
	size_t n = strlen(w), e, j;
	struct pword p = { w, n, trig_mask(w, n), number_month(w, n, 0, NULL) != 0,
		number_word(w, n, 0, 0, &e) > 0 || number_word(w, n, 0, 1, &e) > 0,
		n == 3 && memcmp(w, "the", 3) == 0, gate_of(w, n) };
	size_t used = 0;

	if (pw_find(pw, w, n) != NULL || (p.trig == 0 && !p.month && !p.num))
		return 0;
	for (j = pw_slot(w, n); pw->slot[j].w != NULL; j = (j + 1) & (PW_SLOTS - 1))
		if (++used == PW_SLOTS)
			return -1;
	pw->slot[j] = p;
	if (n > pw->maxn)
		pw->maxn = n;
	return 0;
}

struct period_words *
period_words_new(void)
{
	struct period_words *pw = calloc(1, sizeof(*pw));
	const char *w;
	int rc = 0;

	if (pw == NULL)
		return NULL;
	/* every word any of the three may give a role to: the trigger lists,
	 * the month names, the number words */
	for (size_t l = 0; l < 26; l++)
		for (const struct trig *t = by_letter[l]; t != NULL && t->w != NULL; t++)
			rc |= pw_add(pw, t->w);
	for (size_t k = 0; (w = number_month_name(k)) != NULL; k++)
		rc |= pw_add(pw, w);
	for (int fr = 0; fr < 2; fr++)
		for (size_t k = 0; (w = number_word_name(fr, k)) != NULL; k++)
			rc |= pw_add(pw, w);
	if (rc != 0) {
		free(pw);
		return NULL;
	}
	return pw;
}

void
period_words_free(struct period_words *pw)
{
	free(pw);
}

/* period_trigger for a word of letters, through the hash: one look-up
 * where the lists would be walked. */
static int
trigger_word(const struct pc *c, size_t i, size_t we)
{
	const struct pword *p = pw_find(c->words, c->f + i, we - i);
	int mask = 0;

	if (p == NULL)
		return 0;
	if (p->month)
		return R_REL | R_SPAN | R_DATE;
	if (p->trig != 0)
		mask = p->the ? narrow_the(c, we, p->trig) : p->g == NULL ? p->trig :
		    gate_next(c, we, p->trig, p->g);
	if (mask == 0 && p->num && c->has_prev && unit_next(c, we))
		mask = R_ANCH;
	return mask;
}

int
period_trigger(const struct pc *c, size_t i, size_t we)
{
	const struct trig *t;
	size_t wend;
	int mask = 0;

	if (isdig(c->f[i])) {
		mask = R_DATE | R_SPAN;
		if (text_isalpha((unsigned char)c->f[we - 1]))
			mask |= R_PART; /* "1er trimestre", "2e semestre" */
		if (we < c->hi && (c->f[we] == '-' || c->f[we] == '/' || c->f[we] == '.' || c->f[we] == ' '))
			mask |= R_NUM; /* "2016-11", "14/03/2024", "2016 Q3" */
		if (c->f[we - 1] == 's')
			mask |= R_SUB; /* "the 2010s" */
		if (c->has_prev && unit_next(c, we))
			mask |= R_ANCH; /* "two days later" */
		return mask;
	}
	if (c->words != NULL)
		return trigger_word(c, i, we);
	if (number_month(c->f, c->hi, i, NULL) != 0)
		return R_REL | R_SPAN | R_DATE;
	if (c->f[i] >= 'a' && c->f[i] <= 'z' && (t = by_letter[c->f[i] - 'a']) != NULL)
		for (; t->w != NULL; t++) {
			int d = text_word_cmp(t->w, c->f + i, we - i);

			if (d == 0) {
				mask = gate(c, i, we, t->mask);
				break;
			}
			if (d > 0)
				break; /* the list is in order: no later word matches */
		}
	/* "two days later": a count starts a phrase counted from the previous one */
	if (mask == 0 && c->has_prev && unit_next(c, we) && (number_word(c->f, c->hi, i, 0, &wend) > 0 ||
	    number_word(c->f, c->hi, i, 1, &wend) > 0))
		mask = R_ANCH;
	return mask;
}
