/*
 * mention — attaching numbers to indicators (see mention.h).
 *
 * Works on the sentence's term list rather than on raw words: the gap
 * between a number and a term is checked for punctuation, other numbers and
 * the few words that end a noun phrase, so "50 civilians were killed" and
 * "435 abductions" attach while "50 people in the village that was attacked
 * in 2019" does not reach across clauses.
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "mention_int.h"

/* Whether f[a, b) joins a second subject to the first: "and girls", "as
 * well as some Barkhane personnel", "et filles", "ainsi que des": 0 when
 * not, 2 when auxiliaries end it ("and young girls were"), else 1. */
static int
coord_gap(const struct mention_sent *s, size_t a, size_t b)
{
	static const char *const coord[] = {
		"and", "or", "as well as", "along with", "together with", "et", "ou",
		"ainsi que", NULL
	};
	static const char *const blocked[] = {
		"who", "which", "that", "qui", "que", "in", "dans", "on", "by", "par", NULL
	};
	size_t i = a;
	int words = 0, ok = 0, aux = 0;

	while (i < b && s->f[i] == ' ')
		i++;
	for (size_t k = 0; coord[k] != NULL && !ok; k++) {
		size_t n = strlen(coord[k]);

		if (i + n <= b && memcmp(s->f + i, coord[k], n) == 0 &&
		    (i + n == b || !text_isalnum((unsigned char)s->f[i + n]))) {
			ok = 1;
			i += n;
		}
	}
	if (!ok)
		return 0;
	for (size_t k = 0; k < s->nnums; k++)
		if (s->nums[k].start >= a && s->nums[k].start < b)
			return 0; /* "22 soldiers and five others": a count of its own */
	while (i < b) {
		unsigned char c = (unsigned char)s->f[i];

		if (text_isalnum(c)) {
			size_t e = text_word_end(s->f, b, i);

			if ((c >= '0' && c <= '9') || mention_in_list(blocked, s->f, i, e))
				return 0;
			/* then only auxiliaries: "and girls were" */
			if (words > 0 && mention_is_aux(s->f, i, e) && !mention_is_adverb(s->f, i, e))
				aux = 1;
			else if (aux || ++words > 3)
				return 0;
			i = e;
		} else if (c == ' ' || c == '-' || c == '\'') {
			i++;
		} else {
			return 0;
		}
	}
	return 1 + aux;
}

/* Whether f[a, b) holds a passive auxiliary ("were", "ont ete"). */
static int
has_passive(const struct mention_sent *s, size_t a, size_t b)
{
	static const char *const pass[] = { "were", "was", "been", "ete", "sont", "est", NULL };

	for (size_t i = a; i < b;) {
		if (text_isalnum((unsigned char)s->f[i])) {
			size_t e = text_word_end(s->f, b, i);

			if (mention_in_list(pass, s->f, i, e))
				return 1;
			i = e;
		} else {
			i++;
		}
	}
	return 0;
}

static int
has_number_between(const struct mention_sent *s, size_t a, size_t b)
{
	int depth = 0;
	size_t k = 0;

	int dash = 0;

	for (size_t i = a; i < b; i++) {
		size_t ae;

		if ((ae = clause_apposition_at(s->cl, s->ncl, i)) != 0 && ae <= b) {
			i = ae - 1;
			continue;
		}
		if (s->f[i] == '(')
			depth++;
		else if (s->f[i] == ')' && depth > 0)
			depth--;
		else if (s->f[i] == '-' && i > a && s->f[i - 1] == ' ')
			dash = !dash;
		if (dash)
			continue;
		while (k < s->nnums && s->nums[k].start < i)
			k++;
		if (k < s->nnums && s->nums[k].start == i && !depth &&
		    !(i > a && s->f[i - 1] == ' ' && i > a + 1 && s->f[i - 2] == '-'))
			return 1;
	}
	return 0;
}

/* Whether pos lies in an apposition that does not hold the figure at fig. */
static int
in_other_apposition(const struct mention_sent *s, size_t pos, size_t fig)
{
	int a = clause_apposition_of(s->cl, s->ncl, pos);

	return a >= 0 && !(fig >= s->cl[a].start && fig < s->cl[a].end);
}

/* A partitive before the people counted: "312 of the victims", "812 des
 * victimes", "15 d'entre eux"; the offset past it when a term follows, else i. */
static size_t
past_partitive(const struct mention_sent *s, size_t i)
{
	static const char *const parts[] = {
		"of the", "of these", "of those", "des", "d'entre les", "parmi les", NULL
	};
	size_t j = i, t = 0;

	while (j < s->hi && s->f[j] == ' ')
		j++;
	for (size_t p = 0; parts[p] != NULL; p++) {
		size_t e;

		if (s->f[j] != parts[p][0] || !text_word_at(s->f, s->hi, j, parts[p]))
			continue;
		e = j + strlen(parts[p]);
		while (e < s->hi && s->f[e] == ' ')
			e++;
		while (t < s->nterms && s->terms[t].start < e)
			t++;
		if (t < s->nterms && s->terms[t].start == e &&
		    (s->terms[t].kind == TAXONOMY_PEOPLE || s->terms[t].kind == TAXONOMY_GENERIC))
			return e;
		return i;
	}
	return i;
}

/* "million de personnes": a scaled number may take "de" / "of". */
static size_t
past_scale_of(const struct mention_sent *s, const struct number *num)
{
	size_t i = num->end;

	if (num->end == num->start || !text_isalpha((unsigned char)s->f[num->end - 1]))
		return past_partitive(s, i); /* "of" only after "million", "une dizaine", "a dozen" */
	while (i < s->hi && s->f[i] == ' ')
		i++;
	if (text_word_at(s->f, s->hi, i, "de") || text_word_at(s->f, s->hi, i, "of") ||
	    text_word_at(s->f, s->hi, i, "d"))
		return text_word_end(s->f, s->hi, i) + (s->f[text_word_end(s->f, s->hi, i)] == '\'' ? 1 : 0);
	return i;
}

/* The verb form ending just before qs with only adverbs between
 * ("executed 12", "arrete arbitrairement environ 80"), or NULL. */
static const struct mention_term *
verb_before(const struct mention_sent *s, size_t qs)
{
	size_t t = s->nterms, i;

	while (t > 0 && s->terms[t - 1].start >= qs)
		t--;
	if (t == 0 || s->terms[t - 1].kind != TAXONOMY_INDICATOR || s->terms[t - 1].end > qs ||
	    !mention_verb_like(s, &s->terms[t - 1]))
		return NULL;
	for (i = s->terms[t - 1].end; i < qs;) {
		if (text_isalnum((unsigned char)s->f[i])) {
			size_t e = text_word_end(s->f, qs, i);

			if (!mention_is_adverb(s->f, i, e))
				return NULL;
			i = e;
		} else if (s->f[i] == ' ') {
			i++;
		} else {
			return NULL;
		}
	}
	return &s->terms[t - 1];
}

/* Words that end a people noun's "of" complement: the verb comes. */
static const char *const complement_end[] = {
	"were", "was", "are", "is", "have", "has", "had", "who", "which", "that", "ont", "sont",
	"etaient", "avaient", "auraient", "seraient", "qui", "que", NULL
};

/* Past the "of" complement of a people noun ending at i ("members of a
 * local vigilante group", "membres d'une milice d'autodefense"): at most
 * five words, up to a verb, an indicator term or punctuation; or past
 * "from" and a country; i when none. */
static size_t
of_complement_end(const struct mention_sent *s, size_t i)
{
	size_t j = i, e, t = 0;
	int words = 0;

	while (j < s->hi && s->f[j] == ' ')
		j++;
	e = text_word_end(s->f, s->hi, j);
	if (mention_is_word(s->f, j, e, "from")) {
		/* "four peacekeepers from Togo were killed" */
		while (e < s->hi && s->f[e] == ' ')
			e++;
		while (t < s->nterms && s->terms[t].start < e)
			t++;
		return t < s->nterms && s->terms[t].start == e && s->terms[t].kind == TAXONOMY_COUNTRY ?
		    s->terms[t].end : i;
	}
	if (!(mention_is_word(s->f, j, e, "of") || mention_is_word(s->f, j, e, "de") ||
	    mention_is_word(s->f, j, e, "d") || mention_is_word(s->f, j, e, "du") ||
	    mention_is_word(s->f, j, e, "des")))
		return i;
	while (t < s->nterms && s->terms[t].start < j)
		t++;
	if (t < s->nterms && s->terms[t].start == j)
		return i; /* "de leurs foyers" is a term itself */
	for (j = e; j < s->hi && words <= 5;) {
		if (s->f[j] == ' ' || s->f[j] == '\'' || s->f[j] == '-') {
			j++;
			continue;
		}
		if (!text_isalpha((unsigned char)s->f[j]))
			break;
		e = text_word_end(s->f, s->hi, j);
		while (t < s->nterms && s->terms[t].start < j)
			t++;
		if (mention_in_list(complement_end, s->f, j, e) ||
		    (e - j > 3 && s->f[e - 2] == 'e' && s->f[e - 1] == 'd') || /* "condemned" */
		    (t < s->nterms && s->terms[t].start == j && s->terms[t].kind == TAXONOMY_INDICATOR))
			break;
		words++;
		j = e;
	}
	return words == 0 || words > 5 ? i : j;
}

/* The indicator a generic head (term t) takes from the verb after it: "12
 * victims were raped", "812 des victimes ont ete tuees". -1 when none. */
static int
generic_verb(const struct mention_sent *s, size_t t)
{
	const struct mention_term *g = &s->terms[t], *vm;
	int gap;

	if (t + 1 >= s->nterms || (vm = &s->terms[t + 1])->kind != TAXONOMY_INDICATOR)
		return -1;
	gap = mention_gap_words(s, g->end, vm->start, 1, 0);
	return gap >= 0 && gap <= 3 && has_passive(s, g->end, vm->start) ? vm->id : -1;
}

/* Past an age given after a people noun ("aged 10 to 15", "under the age
 * of 17", "âgés de 12 ans", "de moins de 17 ans"): the end of the last
 * age or duration number and its unit; i when there is none. */
static size_t
age_end(const struct mention_sent *s, size_t i)
{
	static const char *const lead[] = {
		"aged", "age", "ages", "agee", "agees", "under", "the", "of", "de", "d", "moins",
		"plus", "between", "entre", "and", "et", "to", "a", "from", "over", NULL
	};
	static const char *const units[] = { "ans", "an", "years", "year", "old", NULL };
	size_t j = i, end = i, n = 0;
	int seen = 0;

	for (int w = 0; w < 10 && j < s->hi; w++) {
		size_t e;

		while (j < s->hi && (s->f[j] == ' ' || s->f[j] == '-' || s->f[j] == '\''))
			j++;
		while (n < s->nnums && s->nums[n].start < j)
			n++;
		if (n < s->nnums && s->nums[n].start == j) {
			if (!(s->nums[n].flags & (NUMBER_AGE | NUMBER_DURATION)))
				break;
			seen = 1;
			j = end = s->nums[n].end;
			continue;
		}
		e = text_word_end(s->f, s->hi, j);
		if (e == j)
			break;
		if (seen && mention_in_list(units, s->f, j, e))
			end = e;
		else if (!mention_in_list(lead, s->f, j, e))
			break;
		j = e;
	}
	return seen ? end : i;
}

/* The indicator a kind term vm reached through "victims of" names:
 * "12 filles ont été victimes d'exploitation sexuelle"; NULL when vm is
 * no "victims" followed at once by "of" and an indicator. */
static const struct mention_term *
victims_of(const struct mention_sent *s, size_t v)
{
	const struct mention_term *vm = &s->terms[v];
	size_t i = vm->end, e;

	if (vm->kind != TAXONOMY_GENERIC || v + 1 >= s->nterms ||
	    s->terms[v + 1].kind != TAXONOMY_INDICATOR)
		return NULL;
	while (i < s->hi && s->f[i] == ' ')
		i++;
	e = text_word_end(s->f, s->hi, i);
	if (!(mention_is_word(s->f, i, e, "of") || mention_is_word(s->f, i, e, "de") ||
	    mention_is_word(s->f, i, e, "d")))
		return NULL;
	if (e < s->hi && s->f[e] == '\'')
		e++;
	while (e < s->hi && s->f[e] == ' ')
		e++;
	return s->terms[v + 1].start == e ? &s->terms[v + 1] : NULL;
}

/* After the indicator term v that people are counted by, the verb of a
 * passive group that says what befell them ("28 filles déplacées de
 * moins de 17 ans auraient été victimes d'exploitation sexuelle": the
 * participle before only describes them); else v itself. */
static const struct mention_term *
passive_after(const struct mention_sent *s, size_t v)
{
	size_t from = age_end(s, s->terms[v].end);

	for (size_t w = v + 1; w < s->nterms; w++) {
		const struct mention_term *wm = &s->terms[w], *vo;
		int g = mention_gap_words(s, from, wm->start, 1, 0);

		if (g < 0 || g > 3 || !has_passive(s, from, wm->start) || has_number_between(s, from, wm->start))
			return &s->terms[v];
		if (wm->kind == TAXONOMY_INDICATOR)
			return wm;
		if ((vo = victims_of(s, w)) != NULL)
			return vo;
		return &s->terms[v];
	}
	return &s->terms[v];
}

int
mention_either_or(const struct mention_sent *s, struct mention *m)
{
	const struct mention_term *vm = NULL;
	size_t i = m->end, e;

	for (size_t t = 0; t < s->nterms && vm == NULL; t++)
		if (s->terms[t].end == m->end && s->terms[t].kind == TAXONOMY_INDICATOR)
			vm = &s->terms[t];
	if (vm == NULL || s->violations < 0)
		return 0;

	while (i < s->hi && s->f[i] == ' ')
		i++;
	e = text_word_end(s->f, s->hi, i);
	if (!(mention_is_word(s->f, i, e, "or") || mention_is_word(s->f, i, e, "ou")))
		return 0;
	while (e < s->hi && s->f[e] == ' ')
		e++;
	for (size_t t = 0; t < s->nterms; t++)
		if (s->terms[t].start == e) {
			if (s->terms[t].kind != TAXONOMY_INDICATOR || s->terms[t].id == vm->id)
				return 0;
			m->indicator = s->violations;
			m->end = s->terms[t].end;
			m->rule = "killed or injured: people harmed either way";
			return 1;
		}
	return 0;
}

/* Whether f[a, b) is the comma of an apposition and at most two words of
 * it: "27 femmes, victimes", "27 women, adult victims", "all victims". */
static int
called(const struct mention_sent *s, size_t a, size_t b)
{
	int comma = 0, words = 0;

	for (size_t i = a; i < b; i++) {
		if (s->f[i] == ',' && !comma) {
			comma = 1;
		} else if (comma && text_isalpha((unsigned char)s->f[i])) {
			if (++words > 2)
				return 0;
			i = text_word_end(s->f, b, i) - 1;
		} else if (s->f[i] != ' ') {
			return 0;
		}
	}
	return comma;
}

/* "ont tué 11 fidèles et en ont blessé 20": the pronoun "en" (after "et"
 * or a comma, before an auxiliary) between the people and a verb says the
 * verb counts a figure of its own, after it ("15 enfants en bas âge ont
 * été enlevés" keeps its verb). */
static int
en_before(const struct mention_sent *s, size_t a, size_t b)
{
	size_t e, ae, pb, pe;

	if (!s->fr)
		return 0;
	for (size_t i = a; i + 2 <= b; i++) {
		if ((i > a && text_isalnum((unsigned char)s->f[i - 1])) ||
		    !mention_is_word(s->f, i, (e = text_word_end(s->f, b, i)), "en"))
			continue;
		ae = e < b ? text_word_end(s->f, b, e + 1) : e;
		pb = mention_word_before(s->f, a, i, &pe);
		if (ae > e + 1 && mention_is_aux(s->f, e + 1, ae) &&
		    ((pb != (size_t)-1 && mention_is_word(s->f, pb, pe, "et")) || memchr(s->f + a, ',', i - a) != NULL))
			return 1;
	}
	return 0;
}

/* People (term t) counted by number k: the verb or noun within the clause
 * that follows them ("50 civilians were killed", "four members of a
 * militia died", "women and girls were raped", "12 children aged 10 to 15
 * were abducted", "cinq autres personnes ont été tuées ou blessées"). */
static int
verb_after(const struct mention_sent *s, size_t k, size_t t0, size_t head_end, size_t from, struct mention *m);

static int
people_verb(const struct mention_sent *s, size_t k, size_t t, struct mention *m)
{
	return verb_after(s, k, t + 1, s->terms[t].end, age_end(s, of_complement_end(s, s->terms[t].end)), m);
}

/* The verb or noun from term t0 on, after the people counted by number k
 * (their noun ending at head_end, their complement at from). */
static int
verb_after(const struct mention_sent *s, size_t k, size_t t0, size_t head_end, size_t from, struct mention *m)
{
	const struct number *num = &s->nums[k];

	for (size_t v = t0; v < s->nterms; v++) {
		const struct mention_term *vm = &s->terms[v], *vo;
		int g2;

		if (vm->start < from)
			continue; /* a place inside the complement */
		if (vm->kind == TAXONOMY_GENERIC && called(s, from, vm->start)) {
			/* "38 femmes, victimes adultes": the people are the head's */
			int id = mention_generic_kind(s, v, num->start, &m->named);

			if (id < 0)
				return 0;
			m->rule = "number + people, called by a generic head";
			m->indicator = id;
			m->start = num->start;
			m->end = vm->end;
			return 1;
		}
		g2 = mention_gap_words(s, from, vm->start, 1, 0);
		if (g2 == -2 || in_other_apposition(s, vm->start, num->start))
			continue; /* inside a parenthesis, dashes or a breakdown */
		if (g2 < 0 && vm->kind == TAXONOMY_INDICATOR && mention_cue_gap(s, from, vm->start, &mention_undergo))
			g2 = 0; /* "ont subi des actes de torture", "were subjected to torture" */
		if (g2 < 0 && vm->kind == TAXONOMY_INDICATOR &&
		    ((strcmp(taxonomy_indicator_name(s->tx, vm->id), "injured") == 0 && mention_cue_gap(s, from, vm->start, &mention_with)) ||
		    ((vm->id == s->refugees || vm->id == s->displaced) && mention_cue_gap(s, from, vm->start, &mention_live_as))))
			g2 = 0; /* "21 others with serious injuries", "vivent comme réfugiés" */
		if (g2 == 0 && (vm->kind == TAXONOMY_COUNTRY || vm->kind == TAXONOMY_REGION ||
		    vm->kind == TAXONOMY_PEOPLE)) {
			/* "casques bleus tchadiens tues", "autres personnes" */
			from = age_end(s, vm->end);
			continue;
		}
		if (g2 < 0 && vm->kind == TAXONOMY_COUNTRY && v + 1 < s->nterms &&
		    s->terms[v + 1].kind == TAXONOMY_PEOPLE &&
		    mention_gap_words(s, vm->end, s->terms[v + 1].start, 0, 0) == 0 &&
		    coord_gap(s, from, vm->start) > 0) {
			/* "three Chadian soldiers and a Malian soldier were killed" */
			from = age_end(s, s->terms[++v].end);
			continue;
		}
		if (g2 < 0 && (vm->kind == TAXONOMY_PEOPLE || vm->kind == TAXONOMY_INDICATOR) &&
		    coord_gap(s, from, vm->start) > (vm->kind == TAXONOMY_INDICATOR)) {
			if (vm->kind == TAXONOMY_INDICATOR)
				g2 = 0; /* "women and young girls were raped" */
			else {
				from = vm->end; /* "women and girls were raped" */
				continue;
			}
		}
		if (g2 < 0 || g2 > 3 || has_number_between(s, from, vm->start) ||
		    en_before(s, from, vm->start))
			return 0;
		if ((vo = victims_of(s, v)) != NULL)
			vm = vo; /* "ont été victimes de viols" */
		if (vm->kind == TAXONOMY_INDICATOR) {
			m->rule = from > head_end ? "number + people + complement + verb" :
			    "number + people + verb";
			/* "ont fui vers les pays voisins", "fled to neighbouring countries" */
			if (vm->id == s->displaced && v + 1 < s->nterms && s->terms[v + 1].id == s->refugees &&
			    s->terms[v + 1].kind == TAXONOMY_INDICATOR &&
			    mention_gap_words(s, vm->end, s->terms[v + 1].start, 0, 0) == 0)
				vm = &s->terms[v + 1];
			else if (g2 == 0 && vm == &s->terms[v])
				vm = passive_after(s, v); /* "filles déplacées ... ont été victimes de" */
			m->indicator = vm->id;
			m->start = num->start;
			m->end = vm->end;
			return 1;
		}
	}
	return 0;
}

/* Nouns that an indicator term only modifies: "four detention facilities". */
static const char *const modified[] = {
	"facility", "facilities", "centre", "centres", "center", "centers", "camp", "camps",
	"cell", "cells", "site", "sites", "conditions", "unit", "units", "helicopter",
	"helicopters", "drone", "drones", "policy", "policies", "warrant", "warrants", NULL
};

/* An indicator term counted by number k, or the verb that overrides it:
 * "executed 12 detainees", "60 displaced people were killed". */
static int
indicator_after(const struct mention_sent *s, size_t k, size_t t, const struct mention_term *vb,
    struct mention *m)
{
	const struct mention_term *tm = &s->terms[t], *vm, *vo;
	size_t i = tm->end, v = t + 1, from = tm->end;
	int g2;

	while (i < s->hi && s->f[i] == ' ')
		i++;
	if (mention_in_list(modified, s->f, i, text_word_end(s->f, s->hi, i)))
		return 0;
	/* "displaced girls under the age of 17 were": the people it
	 * describes, and their age, come before the verb */
	if (v < s->nterms && s->terms[v].kind == TAXONOMY_PEOPLE &&
	    mention_gap_words(s, from, s->terms[v].start, 0, 0) == 0)
		from = s->terms[v++].end;
	from = age_end(s, from);
	vm = v < s->nterms ? &s->terms[v] : NULL;
	g2 = vm != NULL ? mention_gap_words(s, from, vm->start, 1, 0) : -1;
	if (vm != NULL && (vo = victims_of(s, v)) != NULL)
		vm = vo; /* "were victims of sexual slavery" */
	if (vb != NULL)
		tm = vb;
	else if (vm != NULL && vm->kind == TAXONOMY_INDICATOR && g2 >= 0 && g2 <= 3 &&
	    has_passive(s, from, vm->start) && !has_number_between(s, from, vm->start))
		tm = vm;
	m->rule = vb != NULL ? "verb + number + noun" : tm != &s->terms[t] ? "number + noun + verb" :
	    "number + noun";
	m->indicator = tm->id;
	m->start = s->nums[k].start;
	m->end = tm->end > s->nums[k].end ? tm->end : s->nums[k].end;
	return 1;
}

/* Whether f[a, b) is a copula and its article: "are", "sont des", "were
 * all", "étaient des": the number is what the noun after it names. */
static int
copula_gap(const struct mention_sent *s, size_t a, size_t b)
{
	static const char *const words[] = {
		"are", "were", "sont", "etaient", "des", "les", "all", "now", "desormais", "deja",
		"already", "autres", "others", NULL
	};
	int copula = 0;

	for (size_t i = a; i < b;) {
		if (text_isalpha((unsigned char)s->f[i])) {
			size_t e = text_word_end(s->f, b, i);

			if (!mention_in_list(words, s->f, i, e))
				return 0;
			copula |= mention_is_aux(s->f, i, e);
			i = e;
		} else if (s->f[i] == ' ') {
			i++;
		} else {
			return 0;
		}
	}
	return copula;
}

/* The indicator of an event noun that governs number k through "of" /
 * "de": "the killing of 12 abducted people", "la mort d'au moins huit
 * détenus"; -1 when none. The noun after the number then says who it
 * befell, not what happened. */
static int
event_of_before(const struct mention_sent *s, size_t qs)
{
	static const char *const of[] = { "of", "de", "d", "du", "des", NULL };
	size_t e, b = mention_word_before(s->f, s->lo, qs, &e), t;

	if (b == (size_t)-1 || !mention_in_list(of, s->f, b, e))
		return -1;
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= b; t--)
		;
	/* "killing of", "mort de": with "of" after it even an -ing form is a noun */
	if (t == 0 || s->terms[t - 1].kind != TAXONOMY_INDICATOR ||
	    mention_gap_words(s, s->terms[t - 1].end, b, 0, 0) != 0)
		return -1;
	return s->terms[t - 1].id;
}

/* A partitive after number k ("19 of the wounded", "14 of them", "11 de
 * ces détenus", "1 500 d'entre eux") whose verb names what is counted:
 * "19 of the wounded later died" counts deaths, "of the wounded" only
 * says who died. The head (people, a generic or an indicator noun, the
 * last of those that follow one another: "of the abducted pupils"), or
 * none after a pronoun, then the verb as after people. */
static int
partitive_verb(const struct mention_sent *s, size_t k, struct mention *m)
{
	static const char *const parts[] = {
		"of the", "of these", "of those", "des", "de ces", "d'entre les", "parmi les", NULL
	};
	static const char *const pronouns[] = {
		"of them", "d'entre eux", "d'entre elles", "parmi eux", "parmi elles", NULL
	};
	size_t j = s->nums[k].end, e = 0, t, h;
	const char *part = NULL;
	int pronoun = 0;

	while (j < s->hi && s->f[j] == ' ')
		j++;
	if (j >= s->hi)
		return 0;
	for (size_t p = 0; parts[p] != NULL && part == NULL; p++)
		if (s->f[j] == parts[p][0] && text_word_at(s->f, s->hi, j, parts[p]))
			part = parts[p];
	for (size_t p = 0; pronouns[p] != NULL && part == NULL; p++)
		if (s->f[j] == pronouns[p][0] && text_word_at(s->f, s->hi, j, pronouns[p])) {
			part = pronouns[p];
			pronoun = 1;
		}
	if (part == NULL)
		return 0;
	e = j + strlen(part);
	for (t = 0; t < s->nterms && s->terms[t].start < e; t++)
		;
	if (pronoun)
		return verb_after(s, k, t, e, e, m);
	for (h = t; h < s->nterms && (s->terms[h].kind == TAXONOMY_PEOPLE || s->terms[h].kind == TAXONOMY_GENERIC ||
	    s->terms[h].kind == TAXONOMY_INDICATOR) &&
	    mention_gap_words(s, h == t ? e : s->terms[h - 1].end, s->terms[h].start, 0, 0) == 0; h++)
		;
	if (h == t)
		return 0;
	return verb_after(s, k, h, s->terms[h - 1].end, age_end(s, of_complement_end(s, s->terms[h - 1].end)), m);
}

/* Forward: number [adjectives, places] term; -1 when the words after the
 * number rule out the backward look as well. */
static int
attach_forward(const struct mention_sent *s, size_t k, size_t qs, const struct mention_term *vb,
    struct mention *m)
{
	const struct number *num = &s->nums[k];
	size_t t, ne = past_scale_of(s, num);
	int skipped = 0;

	if (vb == NULL && partitive_verb(s, k, m))
		return 1;
	for (t = 0; t < s->nterms && s->terms[t].start < num->end; t++)
		;
	for (; t < s->nterms; t++) {
		const struct mention_term *tm = &s->terms[t];
		int g = mention_gap_words(s, ne, tm->start, 0, 0);

		if (g < 0 && tm->kind == TAXONOMY_INDICATOR && copula_gap(s, ne, tm->start))
			return indicator_after(s, k, t, vb, m); /* "56 000 sont des réfugiés" */
		if ((g < 0 || g > 3) && tm->kind == TAXONOMY_INDICATOR && (tm->id == s->refugees || tm->id == s->displaced) &&
		    t > 0 && s->terms[t - 1].start >= num->end && (s->terms[t - 1].kind == TAXONOMY_COUNTRY ||
		    s->terms[t - 1].kind == TAXONOMY_PEOPLE) &&
		    mention_gap_words(s, ne, s->terms[t - 1].start, 0, 0) == 0 &&
		    mention_cue_gap(s, s->terms[t - 1].end, tm->start, &mention_live_as)) {
			/* "60,000 Malians still live as refugees" */
			m->rule = "number + people + living as + kind";
			m->indicator = tm->id;
			m->start = num->start;
			m->end = tm->end;
			return 1;
		}
		if (g < 0 || g > 3 || has_number_between(s, num->end, tm->start))
			return 0;
		if (tm->kind == TAXONOMY_COUNTRY || tm->kind == TAXONOMY_REGION) {
			if (++skipped > 2)
				return 0;
			continue;
		}
		if (tm->kind == TAXONOMY_INDICATOR) {
			int ev = vb == NULL ? event_of_before(s, qs) : -1;

			if (ev >= 0 && ev != tm->id)
				return 0; /* the event before governs: mention_attach_back */
			return indicator_after(s, k, t, vb, m);
		}
		if (tm->kind == TAXONOMY_GENERIC) {
			int id = generic_verb(s, t);

			m->rule = "number + generic head + verb";
			if (id < 0) {
				id = mention_generic_kind(s, t, num->start, &m->named);
				m->rule = m->named ? "number + generic head, kind named in the sentence" :
				    "number + generic head";
			}
			if (id < 0)
				return 0;
			m->indicator = id;
			m->start = num->start;
			m->end = tm->end;
			return 1;
		}
		return people_verb(s, k, t, m);
	}
	return 0;
}

/* Whether the noun phrase after number k names attackers: "two armed
 * assailants attacked", "50 hommes armés": they are not counted. */
static int
perpetrators(const struct mention_sent *s, size_t k)
{
	static const char *const words[] = {
		"assailants", "assailant", "attackers", "attacker", "gunmen", "gunman", "raiders",
		"perpetrators", "assaillants", "assaillant", "agresseurs", "auteurs", NULL
	};
	size_t i = s->nums[k].end, pb = 0, pe = 0; /* pb, pe: the word before */

	for (int n = 0; n < 4 && i < s->hi; n++) {
		size_t e;

		while (i < s->hi && (s->f[i] == ' ' || s->f[i] == '-'))
			i++;
		e = text_word_end(s->f, s->hi, i);
		if (e == i || mention_is_stop(s->f, i, e))
			return 0; /* "nine girls by armed men": the attackers are another phrase's */
		if (mention_in_list(words, s->f, i, e) ||
		    (n > 0 && mention_is_word(s->f, i, e, "men") && mention_is_word(s->f, pb, pe, "armed")) ||
		    (n > 0 && mention_is_word(s->f, i, e, "armes") && mention_is_word(s->f, pb, pe, "hommes")))
			return 1;
		pb = i;
		pe = e;
		i = e;
	}
	return 0;
}

/* Whether f[i] is inside an indicator's term (an operator's "boats were
 * seized" counts boats). */
static int
in_indicator_term(const struct mention_sent *s, size_t i)
{
	for (size_t t = 0; t < s->nterms; t++)
		if (s->terms[t].kind == TAXONOMY_INDICATOR && s->terms[t].start <= i &&
		    i < s->terms[t].end)
			return 1;
	return 0;
}

/* Whether the noun after number k, or after one adjective, is a vehicle:
 * "40 trucks fled", "25 commercial vehicles crossed the river": the verb
 * after them names no one's fate. (Houses, cattle or tonnes meet no such
 * verb: they are never attached.) */
static int
vehicles(const struct mention_sent *s, size_t k)
{
	static const char *const words[] = {
		"trucks", "truck", "lorries", "lorry", "vehicles", "vehicle", "cars", "buses",
		"boats", "canoes", "motorcycles", "motorbikes", "convoys", "camions", "camion",
		"vehicules", "vehicule", "voitures", "autobus", "bateaux", "pirogues", "motos",
		"convois", NULL
	};
	size_t i = s->nums[k].end;

	for (int n = 0; n < 2 && i < s->hi; n++) {
		size_t e;

		while (i < s->hi && s->f[i] == ' ')
			i++;
		e = text_word_end(s->f, s->hi, i);
		if (e == i || mention_is_stop(s->f, i, e))
			return 0;
		if (mention_in_list(words, s->f, i, e))
			return !in_indicator_term(s, i);
		i = e;
	}
	return 0;
}

int
mention_attach(const struct mention_sent *s, size_t k, struct mention *m)
{
	const struct number *num = &s->nums[k];
	size_t qs;

	memset(m, 0, sizeof(*m));
	if (perpetrators(s, k) || vehicles(s, k))
		return 0;
	m->qualifier = mention_qualifier(s->f, s->lo, num->start, &qs);
	if (num->flags & NUMBER_APPROX)
		m->qualifier = EXTRACT_APPROX;
	if (attach_forward(s, k, qs, verb_before(s, qs), m))
		return 1;
	return mention_attach_back(s, k, qs, m);
}
