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

/* Words that end the noun phrase after a number. */
static const char *const stops[] = {
	"in", "on", "at", "by", "from", "for", "with", "who", "which", "that", "were",
	"was", "had", "have", "has", "are", "is", "been", "be", "will", "and", "or",
	"of", "to", "since", "between", "during", "than", "as", "per", "out", "among",
	"including", "while", "after", "before", "the", "a", "an", "their", "its",
	"dans", "par", "pour", "avec", "qui", "ont", "sont", "ete", "au", "aux", "en",
	"de", "des", "du", "d", "et", "ou", "que", "dont", "depuis", "entre", "sur",
	"le", "la", "les", "l", "leur", "leurs", "parmi", "apres", "avant", "contre",
	"against", "into", "une", "un", "y", NULL
};

/* Auxiliaries and adverbs that may sit between a count and its verb. */
static const char *const auxes[] = {
	"were", "was", "are", "is", "have", "has", "had", "been", "being", "be",
	"reportedly", "allegedly", "also", "later", "subsequently", "then", "all",
	"ont", "sont", "ete", "a", "avaient", "etaient", "auraient", "seraient", "y",
	"egalement", "aussi", "tous", "toutes", "still", "now", "since", "may", "might",
	"could", "would", "pourraient", "pourrait", "peuvent", "avoir", NULL
};

/* Words that follow a count but measure something else ("attacked 3 times"). */
static const char *const units[] = {
	"times", "time", "percent", "per", "fois", "pour", "years", "year", "months",
	"month", "weeks", "week", "days", "day", "hours", "hour", "ans", "an", "mois",
	"semaines", "jours", "heures", "km", "kilometres", "kilometers", NULL
};

/* Verbs between a subject noun and its figure ("abductions reached 135",
 * "les enlevements ont atteint 435", "killings rose to 540"). */
static const char *const reach[] = {
	"reached", "rose", "risen", "increased", "climbed", "stood", "stands", "totalled",
	"totaled", "numbered", "amounted", "to", "at", "now", "atteint", "ont", "a",
	"desormais", "deja", "s", "eleve", "elevent", "elevait", "passe", "already", NULL
};

static int
is_aux(const char *f, size_t s, size_t e)
{
	if (e - s > 3 && f[e - 1] == 'y' && f[e - 2] == 'l')
		return 1; /* an adverb: "seriously", "internally" */
	if (e - s > 5 && memcmp(f + e - 4, "ment", 4) == 0)
		return 1;
	for (size_t k = 0; auxes[k] != NULL; k++)
		if (text_word_eq(auxes[k], f + s, e - s))
			return 1;
	return 0;
}

static int
is_stop(const char *f, size_t s, size_t e)
{
	for (size_t k = 0; stops[k] != NULL; k++)
		if (text_word_eq(stops[k], f + s, e - s))
			return 1;
	return 0;
}

static int
is_word(const char *f, size_t s, size_t e, const char *w)
{
	return text_word_eq(w, f + s, e - s);
}

static int
in_list(const char *const *l, const char *f, size_t s, size_t e)
{
	for (size_t k = 0; l[k] != NULL; k++)
		if (text_word_eq(l[k], f + s, e - s))
			return 1;
	return 0;
}

/* An adverb by its ending: "summarily", "arbitrairement". */
static int
is_adverb(const char *f, size_t s, size_t e)
{
	return (e - s > 3 && f[e - 1] == 'y' && f[e - 2] == 'l') ||
	    (e - s > 5 && memcmp(f + e - 4, "ment", 4) == 0);
}

/* Whether a term reads as a verb form (participle or gerund) rather than a
 * noun: "attacked", "killing", "tues", "blessant". */
static int
verb_like(const struct mention_sent *s, const struct mention_term *tm)
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
	while (i < b) {
		unsigned char c = (unsigned char)s->f[i];

		if (text_isalnum(c)) {
			size_t e = text_word_end(s->f, b, i);

			if ((c >= '0' && c <= '9') || in_list(blocked, s->f, i, e))
				return 0;
			/* then only auxiliaries: "and girls were" */
			if (words > 0 && is_aux(s->f, i, e) && !is_adverb(s->f, i, e))
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

			if (in_list(pass, s->f, i, e))
				return 1;
			i = e;
		} else {
			i++;
		}
	}
	return 0;
}

/* End of the noun phrase right after a figure (at most three words before
 * a stop word, punctuation or the sentence's end), or 0 when the words
 * measure something else or run on. */
static size_t
noun_after(const struct mention_sent *s, size_t i)
{
	size_t end = 0;
	int words = 0;

	while (i < s->hi) {
		unsigned char c = (unsigned char)s->f[i];

		if (text_isalnum(c)) {
			size_t e = text_word_end(s->f, s->hi, i);

			if (c >= '0' && c <= '9')
				return 0;
			if (is_stop(s->f, i, e))
				break;
			if (in_list(units, s->f, i, e) || ++words > 3)
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
			if (allow_stops == 1 && !is_aux(s->f, i, e))
				return -1;
			if (!allow_stops && is_stop(s->f, i, e) && !is_aux(s->f, i, e))
				return -1;
			if (allow_stops != 1 || !is_aux(s->f, i, e))
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

static int
has_number_between(const struct mention_sent *s, size_t a, size_t b)
{
	int depth = 0;
	size_t k = 0;

	int dash = 0;

	for (size_t i = a; i < b; i++) {
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

/* "million de personnes": a scaled number may take "de" / "of". */
static size_t
past_scale_of(const struct mention_sent *s, const struct number *num)
{
	size_t i = num->end;

	if (num->end == num->start || !text_isalpha((unsigned char)s->f[num->end - 1]))
		return i; /* only after "million", "une dizaine", "a dozen" */
	while (i < s->hi && s->f[i] == ' ')
		i++;
	if (text_word_at(s->f, s->hi, i, "de") || text_word_at(s->f, s->hi, i, "of") ||
	    text_word_at(s->f, s->hi, i, "d"))
		return text_word_end(s->f, s->hi, i) + (s->f[text_word_end(s->f, s->hi, i)] == '\'' ? 1 : 0);
	return i;
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

				if (is_word(s->f, i, e, "of") || is_word(s->f, i, e, "de") ||
				    is_word(s->f, i, e, "d") || is_word(s->f, i, e, "des"))
					of = 1;
				words++;
				i = e;
			} else if (s->f[i] == ',' || s->f[i] == '.' || s->f[i] == ';') {
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
	/* The kind an earlier sentence gave the release's "incidents". */
	if (s->generic_kind >= 0)
		return s->generic_kind;
	return g->id;
}

/* The word ending at or before e (spaces skipped): its start, or (size_t)-1. */
static size_t
word_before(const char *f, size_t lo, size_t e, size_t *we)
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

/* "Quant aux enlèvements, la mission en a dénombré 328": the pronoun "en"
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
	m->indicator = s->terms[t - 1].id;
	m->start = s->nums[k].start;
	m->end = s->nums[k].end;
	return 1;
}

/* Whether f[a, b) is a change stated as a rate, between a noun and the
 * figures in parentheses: "increased by an alarming 181 percent",
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
			if (++words > 8)
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

/* The verb form ending just before qs with only adverbs between
 * ("executed 12", "arrete arbitrairement environ 80"), or NULL. */
static const struct mention_term *
verb_before(const struct mention_sent *s, size_t qs)
{
	size_t t = s->nterms, i;

	while (t > 0 && s->terms[t - 1].start >= qs)
		t--;
	if (t == 0 || s->terms[t - 1].kind != TAXONOMY_INDICATOR || s->terms[t - 1].end > qs ||
	    !verb_like(s, &s->terms[t - 1]))
		return NULL;
	for (i = s->terms[t - 1].end; i < qs;) {
		if (text_isalnum((unsigned char)s->f[i])) {
			size_t e = text_word_end(s->f, qs, i);

			if (!is_adverb(s->f, i, e))
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

/* A term that is the predicate of a copula ("le recrutement ... est resté
 * la violation la plus fréquente (52)", "remained the most common
 * violation"): it names the subject's kind, and the figure counts the
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

int
mention_attach(const struct mention_sent *s, size_t k, struct mention *m)
{
	const struct number *num = &s->nums[k];
	const struct mention_term *vb;
	size_t qs, t;
	int skipped = 0;

	memset(m, 0, sizeof(*m));
	m->qualifier = mention_qualifier(s->f, s->lo, num->start, &qs);
	if (num->flags & NUMBER_APPROX)
		m->qualifier = EXTRACT_APPROX;
	vb = verb_before(s, qs);
	/* Forward: number [adjectives] term. */
	for (t = 0; t < s->nterms && s->terms[t].start < num->end; t++)
		;
	for (; t < s->nterms; t++) {
		const struct mention_term *tm = &s->terms[t];
		size_t ne = past_scale_of(s, num);
		int g = mention_gap_words(s, ne, tm->start, 0, 0);

		if (g < 0 || g > 3 || has_number_between(s, num->end, tm->start))
			break;
		if (tm->kind == TAXONOMY_COUNTRY || tm->kind == TAXONOMY_REGION) {
			if (++skipped > 2)
				break;
			continue;
		}
		if (tm->kind == TAXONOMY_INDICATOR) {
			const struct mention_term *vm = t + 1 < s->nterms ? &s->terms[t + 1] : NULL;
			int g2 = vm != NULL ? mention_gap_words(s, tm->end, vm->start, 1, 0) : -1;

			/* "executed 12 detainees": the verb before says what befell them. */
			if (vb != NULL)
				tm = vb;
			/* "60 displaced people were killed": a passive verb after wins. */
			else if (vm != NULL && vm->kind == TAXONOMY_INDICATOR && g2 >= 0 && g2 <= 3 &&
			    has_passive(s, tm->end, vm->start))
				tm = vm;
			m->indicator = tm->id;
			m->start = num->start;
			m->end = tm->end > num->end ? tm->end : num->end;
			return 1;
		}
		if (tm->kind == TAXONOMY_GENERIC) {
			int id = mention_generic_kind(s, t, num->start, &m->named);

			if (id < 0)
				break;
			m->indicator = id;
			m->start = num->start;
			m->end = tm->end;
			return 1;
		}
		/* People: a verb or noun within the clause that follows. */
		for (size_t v = t + 1, from = tm->end; v < s->nterms; v++) {
			const struct mention_term *vm = &s->terms[v];
			int g2 = mention_gap_words(s, from, vm->start, 1, 0);

			if (g2 == -2)
				continue; /* inside a parenthesis or dashes */
			if (g2 < 0 && (vm->kind == TAXONOMY_PEOPLE || vm->kind == TAXONOMY_INDICATOR) &&
			    coord_gap(s, from, vm->start) > (vm->kind == TAXONOMY_INDICATOR)) {
				if (vm->kind == TAXONOMY_INDICATOR)
					g2 = 0; /* "women and young girls were raped" */
				else {
					from = vm->end; /* "women and girls were raped" */
					continue;
				}
			}
			if (g2 < 0 || g2 > 3 || has_number_between(s, from, vm->start))
				break;
			if (vm->kind == TAXONOMY_INDICATOR) {
				m->indicator = vm->id;
				m->start = num->start;
				m->end = vm->end;
				return 1;
			}
		}
		break;
	}
	/* Backward: verb/noun [of] [qualifier] number [adjectives] [people]. */
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= num->start; t--)
		;
	{
		size_t lim = qs;
		int loose = 0;

		/* "(36)" after its noun; "(from 125 to 266)" after it. */
		while (lim > s->lo && s->f[lim - 1] == ' ')
			lim--;
		if (lim > s->lo && s->f[lim - 1] == '(' && num->end < s->hi && s->f[num->end] == ')') {
			loose = 1;
			lim--;
		} else {
			size_t ws = lim;

			while (ws > s->lo && text_isalnum((unsigned char)s->f[ws - 1]))
				ws--;
			if (is_word(s->f, ws, lim, "to") && k > 0) {
				size_t a = s->nums[k - 1].start;

				lim = a;
				while (lim > s->lo && s->f[lim - 1] == ' ')
					lim--;
				ws = lim;
				while (ws > s->lo && text_isalnum((unsigned char)s->f[ws - 1]))
					ws--;
			}
			if (is_word(s->f, ws, lim, "from")) {
				loose = 1;
				lim = ws;
				while (lim > s->lo && (s->f[lim - 1] == ' ' || s->f[lim - 1] == '('))
					lim--;
			}
		}
		if (loose) {
			for (t = s->nterms; t > 0 && s->terms[t - 1].start >= lim; t--)
				;
			if (t > 0 && (s->terms[t - 1].kind == TAXONOMY_INDICATOR ||
			    s->terms[t - 1].kind == TAXONOMY_GENERIC)) {
				const struct mention_term *tm = &s->terms[t - 1];
				int g = mention_gap_words(s, tm->end, lim, 2, 0);
				int id;

				if (g < 0 && change_gap(s, tm->end, lim))
					g = 0;
				id = tm->kind == TAXONOMY_GENERIC ?
				    mention_generic_kind(s, t - 1, tm->start, &m->named) : tm->id;

				if (tm->kind == TAXONOMY_INDICATOR && predicate_kind(s, tm))
					g = -1;
				if (g >= 0 && g <= 5 && id >= 0) {
					m->indicator = id;
					m->start = num->start;
					m->end = num->end;
					return 1;
				}
			}
			return 0;
		}
	}
	if (pronoun_count(s, qs, k, m))
		return 1;
	if (t > 0 && s->terms[t - 1].kind == TAXONOMY_INDICATOR) {
		static const char *const link[] = {
			"of", "on", "de", "d", "des", "du", "some", "another", "a", "un", "total", NULL
		};
		static const char *const reach_fill[] = {
			"to", "at", "now", "ont", "a", "desormais", "deja", "s", "already", "has", "have", NULL
		};
		const struct mention_term *tm = &s->terms[t - 1];
		size_t i = tm->end;
		int words = 0, ok = 1, of = 0, adv = 1, rv = 0, fill = 0;
		int comma = number_of_before(s, tm->start);

		while (i < qs) {
			size_t pe = mention_period_at(s, i, qs);

			if (pe != 0) {
				/* "the killing on 1 November of 49 soldiers" */
				i = pe;
				continue;
			}
			if (text_isalnum((unsigned char)s->f[i])) {
				size_t e = text_word_end(s->f, qs, i);

				if (in_list(reach, s->f, i, e)) {
					rv = 1; /* "abductions reached 135" */
					words--;
				} else if (in_list(link, s->f, i, e)) {
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

					fine = is_stop(s->f, after, we);
				}
				/* "attacked 23 schools", "the arrest of 45 traders" */
				if (!fine && (of || (adv && verb_like(s, tm))) &&
				    (end = noun_after(s, after)) != 0)
					fine = 1;
				if (!fine)
					end = num->end;
			}
			if (fine) {
				m->indicator = tm->id;
				m->start = tm->start;
				m->end = end;
				return 1;
			}
		}
	}
	return 0;
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
