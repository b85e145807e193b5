/*
 * mention_word — the word tests the attachment rules share (see
 * mention_int.h): stop words, auxiliaries and adverbs, the noun phrase
 * after a figure, the words between a figure and a term, the kind a generic
 * head ("cases", "victimes") stands for, the temporal phrase at a
 * position, and the light verbs and prepositions between people and what
 * they are or underwent ("have suffered", "with serious", "live as").
 * Below mention.c (numbers before their term), mention_back.c (after it)
 * and mention_list.c (parts of lists).
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "mention_int.h"
#include "wordset_int.h"

/* Words that end the noun phrase after a number, by their first letter
 * (a wordset: see wordset_int.h). */
static const char *const stops[26] = {
	['a' - 'a'] = "at are and as among after a an avec au aux apres avant against",
	['b' - 'a'] = "by been be between before",
	['c' - 'a'] = "contre",
	['d' - 'a'] = "during dans de des du d dont depuis",
	['e' - 'a'] = "ete en et entre",
	['f' - 'a'] = "from for",
	['h' - 'a'] = "had have has",
	['i' - 'a'] = "in is including its into",
	['l' - 'a'] = "le la les l leur leurs",
	['o' - 'a'] = "on or of out ont ou",
	['p' - 'a'] = "per par pour parmi",
	['q' - 'a'] = "qui que",
	['s' - 'a'] = "since sont sur",
	['t' - 'a'] = "that to than the their",
	['u' - 'a'] = "une un",
	['w' - 'a'] = "with who which were was will while",
	['y' - 'a'] = "y",
};

/* Auxiliaries and adverbs that may sit between a count and its verb, by
 * their first letter. */
static const char *const auxes[26] = {
	['a' - 'a'] = "are allegedly also all a avaient auraient aussi avoir already",
	['b' - 'a'] = "been being be believed",
	['c' - 'a'] = "could",
	['d' - 'a'] = "deja demeurent demeure",
	['e' - 'a'] = "ete etaient egalement estimated",
	['f' - 'a'] = "feared",
	['h' - 'a'] = "have has had",
	['i' - 'a'] = "is",
	['k' - 'a'] = "known",
	['l' - 'a'] = "later",
	['m' - 'a'] = "may might",
	['n' - 'a'] = "now",
	['o' - 'a'] = "ont",
	['p' - 'a'] = "pourraient pourrait peuvent",
	['r' - 'a'] = "reportedly reported remain remains remained restent reste restaient",
	['s' - 'a'] = "subsequently sont seraient still since",
	['t' - 'a'] = "then tous toutes thought to",
	['w' - 'a'] = "were was would",
	['y' - 'a'] = "y",
};

/* Words that follow a count but measure something else ("attacked 3 times"). */
static const char *const units[] = {
	"times", "time", "percent", "per", "fois", "pour", "years", "year", "months",
	"month", "weeks", "week", "days", "day", "hours", "hour", "ans", "an", "mois",
	"semaines", "jours", "heures", "km", "kilometres", "kilometers", NULL
};

int
mention_is_aux(const char *f, size_t s, size_t e)
{
	if (e - s > 3 && f[e - 1] == 'y' && f[e - 2] == 'l')
		return 1; /* an adverb: "seriously", "internally" */
	if (e - s > 5 && memcmp(f + e - 4, "ment", 4) == 0)
		return 1;
	return wordset_has(auxes, f, s, e);
}

int
mention_is_stop(const char *f, size_t s, size_t e)
{
	return wordset_has(stops, f, s, e);
}

int
mention_is_word(const char *f, size_t s, size_t e, const char *w)
{
	return text_word_eq(w, f + s, e - s);
}

int
mention_in_list(const char *const *l, const char *f, size_t s, size_t e)
{
	return text_word_in(l, f + s, e - s);
}

/* An adverb by its ending: "summarily", "arbitrairement". */
int
mention_is_adverb(const char *f, size_t s, size_t e)
{
	return (e - s > 3 && f[e - 1] == 'y' && f[e - 2] == 'l') ||
	    (e - s > 5 && memcmp(f + e - 4, "ment", 4) == 0);
}

/* Whether a term reads as a verb form (participle or gerund) rather than a
 * noun: "attacked", "killing", "tues", "blessant". */
int
mention_verb_like(const struct mention_sent *s, const struct mention_term *tm)
{
	size_t n = tm->end - tm->start;
	const char *w = s->f + tm->start;

	if (n > 3 && ((w[n - 2] == 'e' && w[n - 1] == 'd') ||
	    (n > 4 && memcmp(w + n - 3, "ing", 3) == 0)))
		return 1;
	if (!s->fr || n < 3)
		return 0;
	return w[n - 1] == 'e' || (w[n - 2] == 'e' && w[n - 1] == 's') ||
	    memcmp(w + n - 3, "ant", 3) == 0 || (w[n - 2] == 'u' && w[n - 1] == 's');
}

/* End of the noun phrase right after a figure (at most three words before
 * a stop word, punctuation or the sentence's end), or 0 when the words
 * measure something else or run on. */
size_t
mention_noun_after(const struct mention_sent *s, size_t i)
{
	size_t end = 0;
	int words = 0;

	while (i < s->hi) {
		unsigned char c = (unsigned char)s->f[i];

		if (text_isalnum(c)) {
			size_t e = text_word_end(s->f, s->hi, i);

			if (c >= '0' && c <= '9')
				return 0;
			if (mention_is_stop(s->f, i, e))
				break;
			if (mention_in_list(units, s->f, i, e) || ++words > 3)
				return 0;
			end = e;
			i = e;
		} else if (c == ' ' || c == '-') {
			i++;
		} else {
			break;
		}
	}
	return end;
}

/* Words in f[a, b): -1 when a clause ends inside (punctuation other than a
 * comma, hyphen or parenthesis, or a word in stops unless allowed). */
int
mention_gap_words(const struct mention_sent *s, size_t a, size_t b, int allow_stops, int allow_comma)
{
	int n = 0, depth = 0;
	size_t i = a;

	while (i < b) {
		char c = s->f[i];
		size_t ae;

		/* an apposition is passed whole: "Twelve people - among them three
		 * children - were killed", "40 villagers, including nine children, were" */
		if (!depth && (ae = clause_apposition_at(s->cl, s->ncl, i)) != 0 && ae <= b) {
			i = ae;
			if (i < b && s->f[i] == ',' && s->f[i - 1] == '-')
				i++; /* "- 15 children -, were killed": the comma closes the dash */
			continue;
		}
		if (c == '(' || (c == '-' && i > a && s->f[i - 1] == ' ' && allow_stops == 1 && !depth)) {
			depth++;
			i++;
			continue;
		}
		if (depth && (c == ')' || (c == '-' && s->f[i - 1] == ' '))) {
			depth--;
			i++;
			continue;
		}
		if (depth) {
			if (c == '.' || c == ';')
				return -1;
			i++;
			continue;
		}
		if (text_isalnum((unsigned char)c)) {
			size_t e = text_word_end(s->f, b, i);

			if (c >= '0' && c <= '9')
				return -1;
			if (allow_stops == 1 && !mention_is_aux(s->f, i, e))
				return -1;
			if (!allow_stops && mention_is_stop(s->f, i, e) && !mention_is_aux(s->f, i, e))
				return -1;
			if (allow_stops != 1 || !mention_is_aux(s->f, i, e))
				n++;
			i = e;
			continue;
		}
		if (c == '.' || c == ';' || c == ':' || c == '"' || c == '!' || c == '?' ||
		    (c == ')' && allow_stops != 2))
			return -1;
		if (c == ',' && !allow_comma)
			return -1;
		i++;
	}
	return depth > 0 ? -2 : n;
}

/* Whether the figure at pos is the object of "in", "dans": "in 12
 * cases", "au moins dans quatre cas". */
static int
in_cases(const struct mention_sent *s, size_t pos)
{
	static const char *const preps[] = { "in", "dans", "en", NULL };
	size_t qs, e, b;

	b = mention_word_before(s->f, s->lo, pos, &e); /* "at least in 12 cases" */
	if (b != (size_t)-1 && mention_in_list(preps, s->f, b, e))
		return 1;
	(void)mention_qualifier(s->f, s->lo, pos, &qs); /* "dans au moins six cas" */
	b = mention_word_before(s->f, s->lo, qs, &e);
	return qs < pos && b != (size_t)-1 && mention_in_list(preps, s->f, b, e);
}

/* Whether a counted number starts in f[a, b). */
static int
count_between(const struct mention_sent *s, size_t a, size_t b)
{
	for (size_t k = 0; k < s->nnums; k++)
		if (s->nums[k].start >= a && s->nums[k].start < b && !(s->nums[k].flags & NUMBER_NOT_COUNT))
			return 1;
	return 0;
}

/* The kind a generic head ("cases") takes: "cases of X", else the nearest
 * indicator term before it in the sentence, else after it, else its default. */
int
mention_generic_kind(const struct mention_sent *s, size_t t, size_t pos, int *named)
{
	const struct mention_term *g = &s->terms[t];
	int best = -1;

	if (t + 1 < s->nterms && s->terms[t + 1].kind == TAXONOMY_INDICATOR) {
		const struct mention_term *n = &s->terms[t + 1];
		size_t i = g->end;
		int words = 0, of = 0;

		while (i < n->start) {
			if (text_isalnum((unsigned char)s->f[i])) {
				size_t e = text_word_end(s->f, n->start, i);

				if (mention_is_word(s->f, i, e, "of") || mention_is_word(s->f, i, e, "de") ||
				    mention_is_word(s->f, i, e, "d") || mention_is_word(s->f, i, e, "des"))
					of = 1;
				words++;
				i = e;
			} else if (s->f[i] == ',' || s->f[i] == '.' || s->f[i] == ';' || s->f[i] == '(' || s->f[i] == ')') {
				words = 99;
				break;
			} else {
				i++;
			}
		}
		if (of && words <= 3) {
			*named = 1;
			return n->id;
		}
	}
	for (size_t k = 0; k < s->nterms; k++) {
		if (s->terms[k].kind != TAXONOMY_INDICATOR)
			continue;
		if (s->terms[k].end <= pos)
			best = s->terms[k].id;
	}
	if (best >= 0) {
		*named = 1;
		return best;
	}
	/* "au moins dans quatre cas, enlevé des filles", "in 12 cases soldiers
	 * killed": a count of cases in an adverbial takes the verb of its
	 * clause, the next indicator term, no other count between */
	if (in_cases(s, pos))
		for (size_t k = t + 1; k < s->nterms; k++) {
			if (s->terms[k].kind != TAXONOMY_INDICATOR)
				continue;
			if (mention_verb_like(s, &s->terms[k]) && !count_between(s, g->end, s->terms[k].start)) {
				*named = 1;
				return s->terms[k].id;
			}
			break;
		}
	/* The kind an earlier sentence gave the release's "incidents". */
	if (s->generic_kind >= 0)
		return s->generic_kind;
	return g->id;
}

/* The word ending at or before e (spaces skipped): its start, or (size_t)-1. */
size_t
mention_word_before(const char *f, size_t lo, size_t e, size_t *we)
{
	size_t b;

	while (e > lo && (f[e - 1] == ' ' || f[e - 1] == '\''))
		e--;
	b = e;
	while (b > lo && text_isalnum((unsigned char)f[b - 1]))
		b--;
	*we = e;
	return b < e ? b : (size_t)-1;
}

/* End of the temporal phrase starting at i and ending by b, or 0. */
size_t
mention_period_at(const struct mention_sent *s, size_t i, size_t b)
{
	for (size_t p = 0; p < s->nper; p++)
		if (s->per[p].start == i && s->per[p].end <= b && s->per[p].end > i)
			return s->per[p].end;
	return 0;
}

int
mention_cue_gap(const struct mention_sent *s, size_t a, size_t b, const struct mention_cue_pat *p)
{
	int cue = 0, last = 0, free = 0;

	for (size_t i = a; i < b;) {
		size_t e;

		if (s->f[i] == ' ' || s->f[i] == '\'') {
			i++;
			continue;
		}
		if (!text_isalpha((unsigned char)s->f[i]) || last)
			return 0;
		e = text_word_end(s->f, b, i);
		if (!cue && mention_in_list(p->cues, s->f, i, e))
			cue = 1;
		else if (mention_is_aux(s->f, i, e))
			;
		else if (!cue)
			return 0;
		else if (p->last != NULL && mention_in_list(p->last, s->f, i, e))
			last = 1;
		else if (!mention_in_list(p->after, s->f, i, e) && (mention_is_stop(s->f, i, e) || ++free > p->free))
			return 0;
		i = e;
	}
	return cue && (p->last == NULL || last);
}

/* "ont subi des actes de torture", "were subjected to torture": the
 * abuse after a verb of undergoing befell the people before it. */
const struct mention_cue_pat mention_undergo = {
	(const char *const[]){ "suffered", "endured", "subjected", "subi", "subit", "subissent", "soumis",
	    "soumises", NULL },
	(const char *const[]){ "to", "a", "an", "des", "de", "d", "du", "la", "l", NULL }, /* "a": also "à" */
	NULL, 0
};
/* "21 others with serious injuries", "avec des blessures graves" */
const struct mention_cue_pat mention_with = {
	(const char *const[]){ "with", "avec", NULL }, (const char *const[]){ "des", "de", "d", "a", "an", NULL },
	NULL, 2
};
/* "still live as refugees", "vivent toujours comme réfugiés" */
const struct mention_cue_pat mention_live_as = {
	(const char *const[]){ "live", "lives", "living", "lived", "vivent", "vivant", "vivaient", "vit", NULL },
	(const char *const[]){ "toujours", "encore", NULL }, (const char *const[]){ "as", "comme", NULL }, 0
};
