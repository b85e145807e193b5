/*
 * mention_back — a number attached to a term before it (see mention.h):
 * "the abduction of 20 people", "killing at least 17 herders", "abductions
 * reached 135", the pair of a change "(from 118 to 240)", "(140 to 97)",
 * "passés de 604 à 455", a pronoun ("l'équipe en a recensé 94"), a
 * flight caused ("forced some 800 villagers to flee"), the people an abuse
 * affected ("23 incidents qui ont affecté 58 civils"), and people
 * arriving somewhere (mention_move.c).
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "mention_int.h"

#define is_word mention_is_word
#define in_list mention_in_list
#define is_adverb mention_is_adverb
#define is_stop mention_is_stop
#define verb_like mention_verb_like
#define noun_after mention_noun_after
#define word_before mention_word_before

/* Verbs between a subject noun and its figure ("abductions reached 135",
 * "les enlevements ont atteint 435", "killings rose to 540"). */
static const char *const reach[] = {
	"reached", "rose", "risen", "increased", "climbed", "stood", "stands", "totalled",
	"totaled", "numbered", "amounted", "to", "at", "now", "atteint", "ont", "a",
	"desormais", "deja", "s", "eleve", "elevent", "elevait", "passe", "already",
	"doubled", "tripled", "quadrupled", "double", "triple", "quadruple", "pour", "atteindre",
	"atteignant", "reaching", "jumped", "fell", "dropped", "declined", "decreased", "almost",
	"nearly", "presque", "quasiment", "pratiquement", "estimated", "estime", "estimes",
	"estimee", "estimees", "evalue", "evalues", "nationwide", "countrywide", "overall",
	"revise", "revises", "revisee", "revisees", "revised", "upwards", "upward", "hausse",
	"la", "revu", "revus", "revue", "revues", "corrige", "corriges", "corrected", "adjusted",
	"raised", "put", "porte", "portes", "ramene", "ramenes", "downwards", "baisse",
	/* thresholds: "displacement exceeds 9 million", "ont dépassé" */
	"exceeds", "exceeded", "passes", "passed", "surpasses", "surpassed", "tops", "topped",
	"depasse", "depassait", "depassent", "depassaient", NULL
};

/* Whether "to" / "à" (folded "a") is the word at f[i] (spaces skipped)
 * and the last before qs: "tripled, to 45". */
static int
to_after(const struct mention_sent *s, size_t i, size_t qs)
{
	size_t e;

	while (i < qs && s->f[i] == ' ')
		i++;
	e = text_word_end(s->f, qs, i);
	if (!(is_word(s->f, i, e, "to") || is_word(s->f, i, e, "a")))
		return 0;
	while (e < qs && s->f[e] == ' ')
		e++;
	return e == qs;
}

/* "S'agissant des arrestations, l'équipe en a recensé 94": the pronoun "en"
 * stands for the indicator named before it in the sentence. */
static int
pronoun_count(const struct mention_sent *s, size_t qs, size_t k, struct mention *m)
{
	static const char *const verbs[] = {
		"denombre", "recense", "documente", "enregistre", "compte", "signale",
		"releve", "confirme", "verifie", "constate", NULL
	};
	static const char *const auxv[] = {
		"a", "ont", "avait", "avaient", "aurait", "auraient", NULL
	};
	size_t b, e, t;
	int ok = 0;

	if (!s->fr || (b = word_before(s->f, s->lo, qs, &e)) == (size_t)-1)
		return 0;
	for (size_t v = 0; verbs[v] != NULL && !ok; v++)
		ok = is_word(s->f, b, e, verbs[v]);
	if (!ok || (b = word_before(s->f, s->lo, b, &e)) == (size_t)-1)
		return 0;
	ok = 0;
	for (size_t v = 0; auxv[v] != NULL && !ok; v++)
		ok = is_word(s->f, b, e, auxv[v]);
	if (!ok || (b = word_before(s->f, s->lo, b, &e)) == (size_t)-1 || !is_word(s->f, b, e, "en"))
		return 0;
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= b; t--)
		;
	while (t > 0 && s->terms[t - 1].kind != TAXONOMY_INDICATOR)
		t--;
	if (t == 0)
		return 0;
	m->rule = "pronoun 'en' + verb + number";
	m->indicator = s->terms[t - 1].id;
	m->start = s->nums[k].start;
	m->end = s->nums[k].end;
	return 1;
}

/* Whether f[a, b) is a change stated as a rate, between a noun and the
 * figures in parentheses: "rose by a worrying 60 percent",
 * "a augmente de 40 pour cent". */
static int
change_gap(const struct mention_sent *s, size_t a, size_t b)
{
	static const char *const verbs[] = {
		"increased", "rose", "risen", "decreased", "fell", "fallen", "dropped",
		"declined", "jumped", "grew", "augmente", "diminue", "baisse", "recule",
		"progresse", NULL
	};
	static const char *const rate[] = { "percent", "per", "pour", NULL };
	int words = 0, verb = 0;

	for (size_t i = a; i < b;) {
		unsigned char c = (unsigned char)s->f[i];

		if (c >= '0' && c <= '9') {
			size_t e = text_word_end(s->f, b, i), n = e;

			while (n < b && s->f[n] == ' ')
				n++;
			if (!(n < b && (s->f[n] == '%' ||
			    in_list(rate, s->f, n, text_word_end(s->f, b, n)))))
				return 0;
			i = e;
		} else if (text_isalnum(c)) {
			size_t e = text_word_end(s->f, b, i);

			verb |= in_list(verbs, s->f, i, e);
			if (++words > 12)
				return 0;
			i = e;
		} else if (c == ' ' || c == '%' || c == '-' || c == '\'') {
			i++;
		} else {
			return 0;
		}
	}
	return verb;
}

/* A term that is the predicate of a copula ("les arrestations ... sont
 * restées l'atteinte la plus répandue (64)", "remained the most frequent
 * abuse"): it names the subject's kind, and the figure counts the
 * subject. */
static int
predicate_kind(const struct mention_sent *s, const struct mention_term *tm)
{
	static const char *const copulas[] = {
		"is", "was", "are", "were", "remained", "remains", "became", "est", "sont",
		"reste", "restes", "restee", "restees", "demeure", "demeurent", "etait",
		"etaient", "constitue", "constituent", "devenu", "devenue", NULL
	};
	size_t e, b = tm->start;

	for (int n = 0; n < 4; n++) {
		if ((b = word_before(s->f, s->lo, b, &e)) == (size_t)-1 || s->f[e] == ',' ||
		    (s->f[b] >= '0' && s->f[b] <= '9'))
			return 0;
		if (in_list(copulas, s->f, b, e))
			return 1;
	}
	return 0;
}

/* Whether the term at a is preceded by "the number of" / "le nombre de". */
static int
number_of_before(const struct mention_sent *s, size_t a)
{
	size_t e, b = word_before(s->f, s->lo, a, &e);

	if (b == (size_t)-1 || !(is_word(s->f, b, e, "of") || is_word(s->f, b, e, "de") ||
	    is_word(s->f, b, e, "d")))
		return 0;
	b = word_before(s->f, s->lo, b, &e);
	return b != (size_t)-1 && (is_word(s->f, b, e, "number") || is_word(s->f, b, e, "nombre"));
}


/* Verbs of change before "de" that make it "from": "sont passés de 604". */
static const char *const change_from[] = {
	"passe", "passes", "passee", "passees", "passant", "chute", "baisse", "augmente",
	"diminue", "recule", "grimpe", "bondi", NULL
};

/* Words joining the two figures of a change in parentheses: "(140 to 97)". */
static const char *const pair_words[] = { "to", "a", "contre", "vs", "versus", "against", NULL };

/* The count figure before number k, or -1. */
static long
count_before(const struct mention_sent *s, size_t k)
{
	while (k > 0) {
		k--;
		if (!(s->nums[k].flags & NUMBER_NOT_COUNT))
			return (long)k;
	}
	return -1;
}

/* Whether f[ws, we) is "from", or a French "de"/"du" after a verb of change. */
static int
is_from(const struct mention_sent *s, size_t ws, size_t we)
{
	size_t b, e;

	if (is_word(s->f, ws, we, "from"))
		return 1;
	if (!(is_word(s->f, ws, we, "de") || is_word(s->f, ws, we, "du")) ||
	    (b = word_before(s->f, s->lo, ws, &e)) == (size_t)-1)
		return 0;
	return in_list(change_from, s->f, b, e);
}

/* Whether the number ending at e is followed by "to|contre|vs N)": the first
 * of a pair in parentheses. */
static int
pair_follows(const struct mention_sent *s, size_t k)
{
	size_t i = s->nums[k].end, e;

	while (i < s->hi && s->f[i] == ' ')
		i++;
	e = text_word_end(s->f, s->hi, i);
	if (e == i || !in_list(pair_words, s->f, i, e) || k + 1 >= s->nnums)
		return 0;
	while (e < s->hi && s->f[e] == ' ')
		e++;
	return e == s->nums[k + 1].start && s->nums[k + 1].end < s->hi &&
	    s->f[s->nums[k + 1].end] == ')';
}

/* Where the noun of a figure given apart from it is looked for: before
 * "(27)", "(140 to 97)", "(from 118 to 240)", "from 604 to 455", "passés de
 * 604 à 455". Returns 1 and sets *lim, or 0 when the figure is not such. */
static int
span_anchor(const struct mention_sent *s, size_t k, size_t qs, size_t *lim)
{
	const struct number *num = &s->nums[k];
	size_t l = qs, ws;
	long pk;

	while (l > s->lo && s->f[l - 1] == ' ')
		l--;
	if (l > s->lo && s->f[l - 1] == '(' && ((num->end < s->hi && s->f[num->end] == ')') ||
	    pair_follows(s, k))) {
		*lim = l - 1;
		return 1;
	}
	ws = l;
	while (ws > s->lo && text_isalnum((unsigned char)s->f[ws - 1]))
		ws--;
	if (ws < l && in_list(pair_words, s->f, ws, l) && (pk = count_before(s, k)) >= 0) {
		/* the second of a pair: look from the first */
		l = s->nums[pk].start;
		while (l > s->lo && s->f[l - 1] == ' ')
			l--;
		if (l > s->lo && s->f[l - 1] == '(' && pair_follows(s, (size_t)pk)) {
			*lim = l - 1;
			return 1;
		}
		ws = l;
		while (ws > s->lo && text_isalnum((unsigned char)s->f[ws - 1]))
			ws--;
	}
	if (ws < l && is_from(s, ws, l)) {
		l = ws;
		while (l > s->lo && (s->f[l - 1] == ' ' || s->f[l - 1] == '('))
			l--;
		*lim = l;
		return 1;
	}
	return 0;
}

/* The figure given apart: the indicator or generic term right before lim,
 * with at most a few words (a change verb, a rate) between. */
static int
attach_span(const struct mention_sent *s, size_t k, size_t lim, struct mention *m)
{
	const struct mention_term *tm;
	size_t t;
	int g, id;

	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= lim; t--)
		;
	/* "réfugiés nigériens (1 900)": a demonym or place after the noun */
	while (t > 0 && (s->terms[t - 1].kind == TAXONOMY_COUNTRY || s->terms[t - 1].kind == TAXONOMY_REGION) &&
	    t > 1 && mention_gap_words(s, s->terms[t - 2].end, s->terms[t - 1].start, 0, 0) == 0)
		lim = s->terms[--t - 1].end;
	if (t == 0 || (s->terms[t - 1].kind != TAXONOMY_INDICATOR &&
	    s->terms[t - 1].kind != TAXONOMY_GENERIC))
		return 0;
	tm = &s->terms[t - 1];
	g = mention_gap_words(s, tm->end, lim, 2, 0);
	if ((g < 0 || g > 5) && change_gap(s, tm->end, lim))
		g = 0;
	id = tm->kind == TAXONOMY_GENERIC ? mention_generic_kind(s, t - 1, tm->start, &m->named) : tm->id;
	if (tm->kind == TAXONOMY_INDICATOR && predicate_kind(s, tm))
		g = -1;
	if (g < 0 || g > 5 || id < 0)
		return 0;
	m->rule = "noun + figures given apart (a change, a pair)";
	m->indicator = id;
	m->start = s->nums[k].start;
	m->end = s->nums[k].end;
	return 1;
}

/* Verbs that make people leave: "forced some 800 villagers to flee". */
static const char *const causes[] = {
	"forced", "forcing", "force", "forces", "compelled", "compelling", "drove", "driven",
	"driving", "pushed", "pushing", "obliged", "contraint", "contraignant", "pousse",
	"poussant", "oblige", "obligeant", "force", "forcant", "amene", "conduit", NULL
};
static const char *const flee[] = {
	"to flee", "to leave", "to abandon", "a fuir", "de fuir", "a quitter", "de quitter",
	"a abandonner", "d abandonner", "into exile", "a l exil", NULL
};

/* "forced some 800 villagers to flee their homes", "ont contraint quelque
 * 800 habitants à fuir": a verb of compulsion, the count and its people,
 * then a verb of leaving. */
static int
caused_flight(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	size_t b, e, t, i;

	if (s->displaced < 0 || (b = word_before(s->f, s->lo, qs, &e)) == (size_t)-1 ||
	    !in_list(causes, s->f, b, e))
		return 0;
	for (t = 0; t < s->nterms && s->terms[t].start < s->nums[k].end; t++)
		;
	if (t == s->nterms || s->terms[t].kind != TAXONOMY_PEOPLE ||
	    mention_gap_words(s, s->nums[k].end, s->terms[t].start, 0, 0) < 0)
		return 0;
	i = s->terms[t].end;
	while (i < s->hi && s->f[i] == ' ')
		i++;
	for (size_t p = 0; flee[p] != NULL; p++)
		if (s->f[i] == flee[p][0] && text_word_at(s->f, s->hi, i, flee[p])) {
			m->rule = "caused flight: verb + number + people + leaving";
			m->indicator = s->displaced;
			m->start = s->nums[k].start;
			m->end = i + strlen(flee[p]);
			return 1;
		}
	return 0;
}

/* Verbs of an abuse reaching its victims: "affecting", "ayant affecté",
 * "visant", "touchant", "involving". */
static const char *const reach_victims[] = {
	"affecting", "affected", "involving", "targeting", "affecte", "affectant", "affectes",
	"visant", "vise", "touchant", "touche", "concernant", "impliquant", NULL
};

/* Words in f[a, b) with nothing but spaces, apostrophes and hyphens
 * between ("et du droit international humanitaire"), or -1. */
static int
plain_words(const struct mention_sent *s, size_t a, size_t b)
{
	int n = 0;

	for (size_t i = a; i < b;) {
		unsigned char c = (unsigned char)s->f[i];

		if (c >= '0' && c <= '9')
			return -1;
		if (text_isalpha(c)) {
			i = text_word_end(s->f, b, i);
			n++;
		} else if (c == ' ' || c == '\'' || c == '-') {
			i++;
		} else {
			return -1;
		}
	}
	return n;
}

/* "95 incidents affecting 512 civilians", "des atteintes visant au moins
 * 1 204 personnes": people an abuse or incident reached count violations. */
static int
affected_count(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	const struct mention_term *tm;
	size_t b, e, t, ab, ae;
	int g;

	if (s->violations < 0 || (b = word_before(s->f, s->lo, qs, &e)) == (size_t)-1 ||
	    !in_list(reach_victims, s->f, b, e))
		return 0;
	/* "ayant affecté", "having affected" */
	if ((ab = word_before(s->f, s->lo, b, &ae)) != (size_t)-1 &&
	    (is_word(s->f, ab, ae, "ayant") || is_word(s->f, ab, ae, "having")))
		b = ab;
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= b; t--)
		;
	if (t == 0)
		return 0;
	tm = &s->terms[t - 1];
	/* the abuse's own complements may come between ("atteintes aux droits
	 * humains commises par des milices locales, ayant affecté"), a comma
	 * closing them */
	ae = b;
	while (ae > tm->end && (s->f[ae - 1] == ' ' || s->f[ae - 1] == ','))
		ae--;
	g = plain_words(s, tm->end, ae);
	if ((tm->kind != TAXONOMY_GENERIC && tm->kind != TAXONOMY_INDICATOR) || g < 0 || g > 12)
		return 0;
	m->rule = "abuse + affecting + number";
	m->indicator = s->violations;
	m->start = s->nums[k].start;
	m->end = s->nums[k].end;
	return 1;
}

/* Nouns of places that need no name to be a place: "in the two
 * provinces", "dans le nord", "across the district". */
static const char *const place_nouns[] = {
	"region", "regions", "province", "provinces", "district", "districts", "area", "areas",
	"zone", "zones", "territory", "territories", "commune", "communes", "cercle", "cercles",
	"prefecture", "prefectures", "departement", "departements", "locality", "localities",
	"localite", "localites", "village", "villages", "town", "towns", "city", "ville", "villes",
	"capital", "capitale", "north", "south", "east", "west", "centre", "center", "nord", "sud",
	"est", "ouest", "country", "pays", "camp", "camps", "site", "sites", NULL
};

/* End of a place named at i, with its preposition ("in Bamako", "au
 * Niger", "dans la région de Gao", "around Kidal", "autour de Kidal", "in
 * the two provinces"), ending by b; 0 when none. */
static size_t
place_at(const struct mention_sent *s, size_t i, size_t b)
{
	static const char *const preps[] = {
		"in", "at", "around", "near", "across", "throughout", "within", "outside", "en", "au",
		"aux", "dans", "a", "autour", "pres", "travers", NULL
	};
	static const char *const fill[] = {
		"de", "du", "des", "d", "the", "le", "la", "les", "l", "two", "three", "several",
		"deux", "trois", "plusieurs", "same", "meme", "whole", "entire", NULL
	};
	size_t j = i, t = 0, e = text_word_end(s->f, b, i);

	if (e == i || !in_list(preps, s->f, i, e)) {
		/* a place with no preposition */
		while (t < s->nterms && s->terms[t].start < i)
			t++;
		return t < s->nterms && s->terms[t].start == i && s->terms[t].end <= b &&
		    (s->terms[t].kind == TAXONOMY_COUNTRY || s->terms[t].kind == TAXONOMY_REGION) ?
		    s->terms[t].end : 0;
	}
	j = e;
	/* "autour de", "près de", "à travers": the preposition's own "de" */
	for (int n = 0; n < 4; n++) {
		while (j < b && (s->f[j] == ' ' || s->f[j] == '\''))
			j++;
		while (t < s->nterms && s->terms[t].start < j)
			t++;
		if (t < s->nterms && s->terms[t].start == j && s->terms[t].end <= b &&
		    (s->terms[t].kind == TAXONOMY_COUNTRY || s->terms[t].kind == TAXONOMY_REGION))
			return s->terms[t].end;
		e = text_word_end(s->f, b, j);
		if (e == j)
			return 0;
		if (in_list(place_nouns, s->f, j, e))
			return e;
		if (!in_list(fill, s->f, j, e))
			return 0;
		j = e;
	}
	return 0;
}

/* End of a people term starting at i and ending by b, or 0. */
static size_t
people_at(const struct mention_sent *s, size_t i, size_t b)
{
	for (size_t t = 0; t < s->nterms; t++)
		if (s->terms[t].start == i)
			return s->terms[t].kind == TAXONOMY_PEOPLE && s->terms[t].end <= b ? s->terms[t].end : 0;
	return 0;
}

/* The indicator term t - 1 before the figure: "the abduction of 20 people",
 * "killing at least 17 herders", "abductions reached 135". */
static int
attach_after_term(const struct mention_sent *s, size_t k, size_t qs, size_t t, struct mention *m)
{
	const struct number *num = &s->nums[k];
	static const char *const link[] = {
		"of", "on", "de", "d", "des", "du", "some", "another", "a", "un", "total", NULL
	};
	static const char *const reach_fill[] = {
		"to", "at", "now", "ont", "a", "desormais", "deja", "s", "already", "has", "have", "is",
		"are", "was", "were", "est", "sont", "ete", "been", NULL
	};
	const struct mention_term *tm = &s->terms[t - 1];
	size_t i = tm->end;
	int words = 0, ok = 1, of = 0, adv = 1, rv = 0, fill = 0, lk = 0;
	int comma = number_of_before(s, tm->start);

	while (i < qs) {
		size_t pe = mention_period_at(s, i, qs);

		if (pe != 0) {
			/* "the killing on 3 March of 12 herders" */
			i = pe;
			continue;
		}
		if ((pe = place_at(s, i, qs)) != 0 || ((i == tm->end + 1 || lk) && (pe = people_at(s, i, qs)) != 0)) {
			/* "killed in Bamako since 5 December has reached 500", "displaced people was",
			 * "arrests of journalists doubled to 36" */
			i = pe;
			lk = 0;
			continue;
		}
		if (text_isalnum((unsigned char)s->f[i])) {
			size_t e = text_word_end(s->f, qs, i);

			lk = 0;
			if (in_list(reach, s->f, i, e)) {
				rv = 1; /* "abductions reached 135" */
				words--;
			} else if (in_list(link, s->f, i, e)) {
				lk = is_word(s->f, i, e, "of") || is_word(s->f, i, e, "de") || is_word(s->f, i, e, "d");
				of |= !(is_word(s->f, i, e, "on") || is_word(s->f, i, e, "some"));
			} else if (in_list(reach_fill, s->f, i, e)) {
				fill = 1;
				words--;
			} else if (!is_adverb(s->f, i, e)) {
				ok = 0;
			}
			if (!is_adverb(s->f, i, e))
				adv = 0;
			words++;
			i = e;
		} else if (s->f[i] == ' ' || s->f[i] == '\'' || s->f[i] == '\n') {
			i++;
		} else if (s->f[i] == ',' && comma) {
			comma = 0; /* "the number of executions, 64 in 2021," */
			adv = 0;
			i++;
		} else if (s->f[i] == ',' && rv && to_after(s, i + 1, qs)) {
			i++; /* "abductions nearly tripled, to 45", "ont presque doublé, à 36" */
		} else {
			ok = 0;
			break;
		}
	}
	if (fill && !rv)
		ok = 0;
	if (ok && words <= 3) {
		size_t after = num->end, end = num->end;
		int fine = 1;

		while (after < s->hi && s->f[after] == ' ')
			after++;
		if (after < s->hi && text_isalpha((unsigned char)s->f[after])) {
			fine = 0;
			for (size_t p = 0; p < s->nterms; p++) {
				const struct mention_term *pm = &s->terms[p];
				int g;

				if (pm->start < num->end)
					continue;
				g = mention_gap_words(s, num->end, pm->start, 0, 0);
				if (g >= 0 && g <= 2 && pm->kind == TAXONOMY_PEOPLE) {
					fine = 1;
					end = pm->end;
				}
				break;
			}
			if (!fine) {
				size_t we = text_word_end(s->f, s->hi, after);

				/* a stop word, a temporal phrase ("doubled to 80 last year")
				 * or a comparison ("to 64,000 compared with ...") */
				fine = is_stop(s->f, after, we) || mention_period_at(s, after, s->hi) != 0 ||
				    is_word(s->f, after, we, "compared") || is_word(s->f, after, we, "comparativement");
			}
			/* "attacked 23 schools", "the arrest of 45 traders" */
			if (!fine && (of || (adv && verb_like(s, tm))) &&
			    (end = noun_after(s, after)) != 0)
				fine = 1;
			if (!fine)
				end = num->end;
		}
		if (fine) {
			m->rule = "term + number";
			m->indicator = tm->id;
			m->start = tm->start;
			m->end = end;
			return 1;
		}
	}
	return 0;
}

int
mention_attach_back(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	size_t t, lim;
	int r;

	if (span_anchor(s, k, qs, &lim))
		return attach_span(s, k, lim, m);
	if (pronoun_count(s, qs, k, m) || caused_flight(s, k, qs, m) ||
	    affected_count(s, k, qs, m) || mention_arrival(s, k, m))
		return 1;
	if ((r = mention_level(s, k, qs, m)) != 0)
		return r > 0;
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= s->nums[k].start; t--)
		;
	/* places between are passed over by attach_after_term: "killed in Bamako ... 300" */
	while (t > 0 && (s->terms[t - 1].kind == TAXONOMY_COUNTRY || s->terms[t - 1].kind == TAXONOMY_REGION))
		t--;
	/* "displaced people was revised to 45,000": the people the term qualifies */
	if (t > 1 && s->terms[t - 1].kind == TAXONOMY_PEOPLE && s->terms[t - 2].kind == TAXONOMY_INDICATOR &&
	    mention_gap_words(s, s->terms[t - 2].end, s->terms[t - 1].start, 0, 0) == 0)
		t--;
	if (t > 0 && s->terms[t - 1].kind == TAXONOMY_INDICATOR)
		return attach_after_term(s, k, qs, t, m);
	return 0;
}

int
mention_attack_times(const struct mention_sent *s, size_t k, struct mention *m)
{
	const struct number *num = &s->nums[k];
	size_t qs, t;

	memset(m, 0, sizeof(*m));
	if (!(num->flags & NUMBER_TIMES) || s->attacks < 0)
		return 0;
	m->qualifier = mention_qualifier(s->f, s->lo, num->start, &qs);
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= qs; t--)
		;
	/* the verb, then at most its object: "attacked the supply road 14 times" */
	if (t == 0 || s->terms[t - 1].id != s->attacks || s->terms[t - 1].kind != TAXONOMY_INDICATOR ||
	    !verb_like(s, &s->terms[t - 1]) || plain_words(s, s->terms[t - 1].end, qs) < 0 ||
	    plain_words(s, s->terms[t - 1].end, qs) > 4)
		return 0;
	m->rule = "attacked + number + times";
	m->indicator = s->attacks;
	m->start = s->terms[t - 1].start;
	m->end = text_word_end(s->f, s->hi, num->end + (num->end < s->hi && s->f[num->end] == ' '));
	return 1;
}
