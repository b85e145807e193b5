/*
 * clause — clauses and appositions of a folded sentence (see clause.h).
 *
 * Two passes over the sentence, each linear: the appositions first
 * (parentheses, a pair of dashes, the second one maybe followed by a
 * comma, or one running to the end, a breakdown
 * opened by a cue word), then the clause boundaries outside them; and
 * whether a span between a figure and a period joins another clause
 * (clause_joins, for the period stage).
 */
#include <string.h>

#include "rightswatch/clause.h"
#include "rightswatch/text.h"

/* Words that open a breakdown of the noun before them, by first letter
 * (cue_first): a word is compared only with the cues that share it. */
static const char *const cues_a[] = { "among them", "among whom", "above all", NULL };
static const char *const cues_c[] = { "chiefly", NULL };
static const char *const cues_d[] = { "dont", NULL };
static const char *const cues_e[] = {
	"en particulier", "essentiellement", "especially", "en majorite", "en grande partie", NULL
};
static const char *const cues_i[] = { "including", "in particular", NULL };
static const char *const cues_l[] = { "largely", NULL };
static const char *const cues_m[] = { "mostly", "most of them", "mainly", "majoritairement", NULL };
static const char *const cues_n[] = { "notably", "notamment", NULL };
static const char *const cues_o[] = { "of whom", "of which", NULL };
static const char *const cues_p[] = {
	"parmi lesquels", "parmi lesquelles", "parmi eux", "parmi elles", "parmi les victimes",
	"pour la plupart", "principalement", NULL
};
static const char *const cues_s[] = { "surtout", NULL };
static const char *const cues_y[] = { "y compris", NULL };

/* The cues the word at f[i] may open, from its first two letters (most
 * words are passed without a look at a list), or NULL. */
static const char *const *
cue_first(const char *f, size_t i, size_t hi)
{
	char b = i + 1 < hi ? f[i + 1] : ' ';

	switch (f[i]) {
	case 'i': return b == 'n' ? cues_i : NULL; /* including, in particular */
	case 'a': return b == 'm' || b == 'b' ? cues_a : NULL; /* among, above all */
	case 'o': return b == 'f' ? cues_o : NULL; /* of whom, of which */
	case 'n': return b == 'o' ? cues_n : NULL; /* notably, notamment */
	case 'm': return b == 'o' || b == 'a' ? cues_m : NULL; /* mostly, mainly, majoritairement */
	case 'd': return b == 'o' ? cues_d : NULL; /* dont */
	case 'p': return b == 'a' || b == 'o' || b == 'r' ? cues_p : NULL; /* parmi, pour, principalement */
	case 'y': return b == ' ' ? cues_y : NULL; /* y compris */
	case 'e': return b == 'n' || b == 's' ? cues_e : NULL; /* en particulier, essentiellement, especially */
	case 's': return b == 'u' ? cues_s : NULL; /* surtout */
	case 'c': return b == 'h' ? cues_c : NULL; /* chiefly */
	case 'l': return b == 'a' ? cues_l : NULL; /* largely */
	default: return NULL;
	}
}

/* Words that end a breakdown opened without a comma: a verb or a relative. */
static const char *const enders[] = {
	"who", "which", "that", "were", "was", "are", "is", "have", "has", "had", "qui", "que",
	"ont", "sont", "a", "est", "ete", "avaient", "etaient", "auraient", "seraient", NULL
};

/* Conjunctions that open a new clause after a comma. */
static const char *const joins[] = {
	"and", "et", "while", "whereas", "but", "mais", "tandis que", "alors que", "whilst", NULL
};

/* Conjunctions that open a new clause even without a comma. */
static const char *const bare_joins[] = { "whereas", "tandis que", "alors que", "whilst", NULL };

const char *
clause_kind_name(int kind)
{
	return kind == CLAUSE_APPOSITION ? "apposition" : "clause";
}

/* The end of the phrase of list l at the word starting at i, or 0. */
static size_t
phrase_at(const char *f, size_t hi, size_t i, const char *const *l)
{
	for (size_t k = 0; l[k] != NULL; k++)
		if (f[i] == l[k][0] && text_word_at(f, hi, i, l[k]))
			return i + strlen(l[k]);
	return 0;
}

static int
word_start(const char *f, size_t lo, size_t i)
{
	return text_isalpha((unsigned char)f[i]) && (i == lo || !text_isalnum((unsigned char)f[i - 1]));
}

/* " - " at i: a dash standing between spaces (en and em dashes fold to it). */
static int
is_dash(const char *f, size_t lo, size_t hi, size_t i)
{
	return f[i] == '-' && i > lo && f[i - 1] == ' ' && i + 1 < hi && f[i + 1] == ' ';
}

/* A dash closing an apposition at i: " - " or " -," ("– 15 children –,
 * were killed": the comma after the dash belongs to the clause around). */
static int
is_closing_dash(const char *f, size_t lo, size_t hi, size_t i)
{
	return is_dash(f, lo, hi, i) || (f[i] == '-' && i > lo && f[i - 1] == ' ' && i + 1 < hi && f[i + 1] == ',');
}

/* The end of the parenthesis opened at i (past its ')'), or hi. */
static size_t
paren_end(const char *f, size_t i, size_t hi)
{
	int depth = 0;

	for (; i < hi; i++) {
		if (f[i] == '(')
			depth++;
		else if (f[i] == ')' && --depth == 0)
			return i + 1;
	}
	return hi;
}

/* Quantifiers that make a breakdown a clause of its own ("dont beaucoup
 * étaient déjà déplacées", "many of whom had fled"): it runs past its verb. */
static const char *const vague[] = {
	"beaucoup", "plusieurs", "certains", "certaines", "la plupart", "nombre", "many",
	"most", "some", "several", "all", "tous", "toutes", NULL
};

/* The end of a breakdown whose cue ends at i: the next comma or stop, a
 * verb or a relative pronoun, or the sentence's end. */
static size_t
cue_end(const char *f, size_t lo, size_t i, size_t hi)
{
	size_t j = i;
	int verbs = 1;

	while (j < hi && f[j] == ' ')
		j++;
	if (j < hi && phrase_at(f, hi, j, vague) != 0)
		verbs = 0;
	for (; i < hi; i++) {
		char c = f[i];

		if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || is_dash(f, lo, hi, i))
			return i;
		if (verbs && word_start(f, lo, i) && phrase_at(f, hi, i, enders) != 0)
			return i;
	}
	return hi;
}

static size_t
push(struct clause_span *out, size_t n, size_t max, size_t a, size_t b, int kind)
{
	if (n < max && a < b) {
		out[n].start = a;
		out[n].end = b;
		out[n].kind = kind;
		out[n].clause = -1;
		n++;
	}
	return n;
}

/* The appositions of f[lo, hi), appended to out[0..n). */
static size_t
appositions(const char *f, size_t lo, size_t hi, struct clause_span *out, size_t n, size_t max)
{
	size_t i = lo, e, a;

	while (i < hi) {
		if (f[i] == '(') {
			e = paren_end(f, i, hi);
			n = push(out, n, max, i, e, CLAUSE_APPOSITION);
			i = e;
		} else if (is_dash(f, lo, hi, i)) {
			for (e = i + 2; e < hi && !is_closing_dash(f, lo, hi, e); e++)
				;
			e = e < hi ? e + 1 : hi;
			n = push(out, n, max, i, e, CLAUSE_APPOSITION);
			i = e;
		} else if (text_isalnum((unsigned char)f[i])) {
			const char *const *cues = cue_first(f, i, hi);

			/* a word: a cue, or passed whole */
			if (cues == NULL || !word_start(f, lo, i) || (e = phrase_at(f, hi, i, cues)) == 0) {
				i = text_word_end(f, hi, i);
				continue;
			}
			a = i;
			while (a > lo && f[a - 1] == ' ')
				a--;
			if (a > lo && f[a - 1] == ',')
				a--;
			e = cue_end(f, lo, e, hi);
			if (f[a] == ',' && e < hi && f[e] == ',')
				e++; /* ", including nine children," is passed whole */
			n = push(out, n, max, a, e, CLAUSE_APPOSITION);
			i = e > i ? e : i + 1;
		} else {
			i++;
		}
	}
	return n;
}

/* Verb forms that make what follows a conjunction a clause of its own. */
static const char *const finite[] = {
	"were", "was", "are", "is", "have", "has", "had", "been", "will", "fled", "took",
	"left", "fell", "rose", "came", "went", "became", "made", "saw", "found", "ont", "sont",
	"a", "est", "ete", "etaient", "avaient", "auraient", "seraient", "fuient", NULL
};

/* Whether f[i, hi) up to the next stop or conjunction holds a verb: ", and
 * 45 civilians were killed" opens a clause; ", and 12 children." only ends
 * a list. Each boundary scans up to the next, so a sentence is scanned about
 * twice at most. */
static int
has_verb(const char *f, size_t lo, size_t i, size_t hi)
{
	for (; i < hi && f[i] != ';' && f[i] != '.' && f[i] != '('; i++) {
		size_t e, j = i + 1;

		if (f[i] == ',') {
			while (j < hi && f[j] == ' ')
				j++;
			if (j < hi && phrase_at(f, hi, j, joins) != 0)
				return 0; /* the next conjunction: its own clause */
			continue;
		}
		if (!word_start(f, lo, i))
			continue;
		e = text_word_end(f, hi, i);
		if (phrase_at(f, hi, i, finite) != 0 || (e - i > 3 && f[e - 2] == 'e' && f[e - 1] == 'd'))
			return 1;
		i = e - 1;
	}
	return 0;
}

/* Where a clause boundary lies at i (outside appositions): the offset the
 * next clause starts at, or 0. */
static size_t
boundary_at(const char *f, size_t lo, size_t hi, size_t i)
{
	if (f[i] == ';')
		return i + 1;
	if (f[i] == ',') {
		size_t j = i + 1, e;

		while (j < hi && f[j] == ' ')
			j++;
		if (j < hi && (e = phrase_at(f, hi, j, joins)) != 0 && has_verb(f, lo, e, hi))
			return i + 1;
		return 0;
	}
	if ((f[i] == 'w' || f[i] == 't' || f[i] == 'a') && i > lo && word_start(f, lo, i) &&
	    phrase_at(f, hi, i, bare_joins) != 0)
		return i;
	return 0;
}

size_t
clause_split(const char *f, size_t lo, size_t hi, struct clause_span *out, size_t max)
{
	struct clause_span apps[64];
	size_t na, n = 0, start = lo, a = 0;

	if (lo >= hi || max == 0)
		return 0;
	na = appositions(f, lo, hi, apps, 0, sizeof(apps) / sizeof(apps[0]));
	for (size_t i = lo; i < hi; i++) {
		size_t b;

		if (a < na && i == apps[a].start) {
			i = apps[a++].end - 1;
			continue;
		}
		if ((b = boundary_at(f, lo, hi, i)) != 0 && b > start && n + 1 < max) {
			n = push(out, n, max, start, b, CLAUSE_MAIN);
			start = b;
		}
		if (text_isalnum((unsigned char)f[i]))
			i = text_word_end(f, hi, i) - 1; /* the rest of the word opens nothing */
	}
	n = push(out, n, max, start, hi, CLAUSE_MAIN);
	for (size_t k = 0; k < na && n < max; k++) {
		out[n] = apps[k];
		out[n].clause = clause_of(out, n, apps[k].start);
		n++;
	}
	return n;
}

int
clause_of(const struct clause_span *v, size_t n, size_t pos)
{
	for (size_t k = 0; k < n && v[k].kind == CLAUSE_MAIN; k++)
		if (pos >= v[k].start && pos < v[k].end)
			return (int)k;
	return -1;
}

int
clause_apposition_of(const struct clause_span *v, size_t n, size_t pos)
{
	for (size_t k = 0; k < n; k++)
		if (v[k].kind == CLAUSE_APPOSITION && pos >= v[k].start && pos < v[k].end)
			return (int)k;
	return -1;
}

size_t
clause_apposition_at(const struct clause_span *v, size_t n, size_t pos)
{
	for (size_t k = 0; k < n; k++)
		if (v[k].kind == CLAUSE_APPOSITION && v[k].start == pos)
			return v[k].end;
	return 0;
}

/* Whether the "and" / "et" at i joins two place names, not two clauses:
 * "in the Est and Centre-Nord regions" (a plural place noun within three
 * words after it), "dans les régions de Mopti et de Ségou" (one within
 * four words before it). */
static int
joins_places(const char *f, size_t a, size_t b, size_t i)
{
	static const char *const nouns[] = {
		"regions", "provinces", "districts", "territories", "states", "prefectures", "communes",
		"cercles", "counties", "departements", "localites", "localities", NULL
	};
	size_t j = text_word_end(f, b, i);

	for (int n = 0; n < 3 && j < b; n++) {
		size_t e;

		while (j < b && !text_isalnum((unsigned char)f[j]))
			j++;
		e = text_word_end(f, b, j);
		for (size_t k = 0; nouns[k] != NULL; k++)
			if (text_word_eq(nouns[k], f + j, e - j))
				return 1;
		j = e;
	}
	for (size_t k = i > a + 40 ? i - 40 : a; k < i; k++)
		if (k == a || !text_isalnum((unsigned char)f[k - 1]))
			for (size_t q = 0; nouns[q] != NULL; q++)
				if (text_word_at(f, i, k, nouns[q]))
					return 1;
	return 0;
}

int
clause_joins(const char *f, size_t a, size_t b, int fr)
{
	static const char *const en[] = {
		"and", "but", "while", "whereas", "who", "which", "that", "were", "was", "are", "is",
		"had", "has", "have", "when", NULL
	};
	static const char *const frw[] = {
		"et", "mais", "alors", "tandis", "qui", "que", "ont", "sont", "a", "ete", "avaient",
		"etaient", "lorsque", "quand", NULL
	};
	const char *const *words = fr ? frw : en;

	for (size_t i = a; i < b; i++)
		if (text_isalpha((unsigned char)f[i]) && (i == a || !text_isalnum((unsigned char)f[i - 1])))
			for (size_t k = 0; words[k] != NULL; k++)
				if (text_word_at(f, b, i, words[k]) && !(k == 0 && joins_places(f, a, b, i)))
					return 1;
	return 0;
}
