/*
 * mention_level — a figure given as the level of a named count (see
 * mention_int.h): "the number of people displaced by the floods stood at
 * 1.2 million", "le nombre de civils enlevés s'élevait à 214", a figure
 * that brings a count to a total ("bring to 2,150 the number of people
 * killed", "portent à 1 320 le nombre de civils tués"), and the items of a
 * table written as prose, a label then its figure ("killed – 41;
 * injured – 63", "personnes tuées, 26 ;", "Arbitrary arrests: 88").
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "mention_int.h"

/* Verbs that state the level a count stands at. */
static const char *const level_verbs[] = {
	"reached", "reach", "reaches", "stood", "stands", "rose", "risen", "climbed", "grew",
	"increased", "fell", "dropped", "declined", "totalled", "totaled", "amounted", "numbered",
	"atteint", "atteignait", "atteignaient", "atteignent", "eleve", "elevait", "elevaient",
	"elevent", "passe", "passee", "passes", "chiffre", "chiffrait", "exceeds", "exceeded", "passed",
	"surpasses", "surpassed", "tops", "topped", "depasse", "depassait", "depassent", "depassaient", NULL
};

/* The word right before the figure of a level: "stood at", "rose to",
 * "s'élève à", "est passé à", "reached". */
static const char *const level_last[] = {
	"at", "to", "a", "reached", "atteint", "atteignait", "atteignaient", "atteignent",
	"totalled", "totaled", "numbered", "exceeds", "exceeded", "passes", "passed", "surpasses",
	"surpassed", "tops", "topped", "depasse", "depassait", "depassent", "depassaient", NULL
};

/* The indicator the head of "number of" at i counts ("people killed",
 * "civils enlevés", "refugees", "personnes déplacées"), -1 when the head is
 * something else ("patrols", "écoles fermées"). */
static int
head_indicator(const struct mention_sent *s, size_t i)
{
	size_t t;

	while (i < s->hi && (s->f[i] == ' ' || s->f[i] == '\''))
		i++;
	for (t = 0; t < s->nterms && s->terms[t].start < i; t++)
		;
	if (t == s->nterms || s->terms[t].start != i)
		return -1;
	/* a nationality before the kind: "the number of Sudanese refugees" */
	if (s->terms[t].kind == TAXONOMY_COUNTRY && t + 1 < s->nterms &&
	    s->terms[t + 1].kind == TAXONOMY_INDICATOR &&
	    mention_gap_words(s, s->terms[t].end, s->terms[t + 1].start, 0, 0) == 0)
		t++;
	if (s->terms[t].kind == TAXONOMY_INDICATOR)
		return s->terms[t].id;
	/* people, then the participle that says what befell them */
	if (s->terms[t].kind == TAXONOMY_PEOPLE && t + 1 < s->nterms &&
	    s->terms[t + 1].kind == TAXONOMY_INDICATOR &&
	    mention_gap_words(s, s->terms[t].end, s->terms[t + 1].start, 0, 0) == 0)
		return s->terms[t + 1].id;
	return -1;
}

/* Where "number of" / "nombre de" (with "total" before or after
 * "number") ending at or after i ends; 0 when the words at i are not that. */
static size_t
number_of_at(const struct mention_sent *s, size_t i, size_t b)
{
	int noun = 0;

	for (int n = 0; n < 4 && i < b; n++) {
		size_t e;

		while (i < b && (s->f[i] == ' ' || s->f[i] == '\''))
			i++;
		e = text_word_end(s->f, b, i);
		if (e == i)
			return 0;
		if (mention_is_word(s->f, i, e, "number") || mention_is_word(s->f, i, e, "nombre"))
			noun = 1;
		else if (noun && (mention_is_word(s->f, i, e, "of") || mention_is_word(s->f, i, e, "de") ||
		    mention_is_word(s->f, i, e, "d")))
			return e;
		else if (!mention_is_word(s->f, i, e, "total") && !(n == 0 &&
		    (mention_is_word(s->f, i, e, "the") || mention_is_word(s->f, i, e, "le"))))
			return 0;
		i = e;
	}
	return 0;
}

/* "the number of H [its complements] VERB (at|to) N": 1 and m filled when
 * H is an indicator, -1 when it is something else (the figure is not a
 * count of the indicator a complement names: "the number of patrols sent
 * after the killings reached 140"), 0 when the sentence does not read so. */
static int
level_of_count(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	size_t e, b = mention_word_before(s->f, s->lo, qs, &e), i, of = 0;
	int verb = 0, words = 0, id;

	if (b == (size_t)-1 || !mention_in_list(level_last, s->f, b, e))
		return 0;
	/* the nearest "number of" before the figure, within the fourteen words
	 * its complements may take (a bounded look: hostile text stays linear) */
	for (i = b > s->lo + 160 ? b - 160 : s->lo; i < b; i++)
		if ((i == s->lo || !text_isalnum((unsigned char)s->f[i - 1])) && text_isalnum((unsigned char)s->f[i])) {
			size_t oe = number_of_at(s, i, b);

			if (oe != 0)
				of = oe;
		}
	if (of == 0)
		return 0;
	/* its complements, a verb of level, no other figure nor clause break */
	for (i = of; i < b;) {
		unsigned char c = (unsigned char)s->f[i];

		if (c >= '0' && c <= '9')
			return 0;
		if (text_isalnum(c)) {
			size_t we = text_word_end(s->f, b, i);

			verb |= mention_in_list(level_verbs, s->f, i, we);
			if (++words > 14)
				return 0;
			i = we;
		} else if (c == ' ' || c == '\'' || c == '-') {
			i++;
		} else {
			return 0;
		}
	}
	verb |= mention_in_list(level_verbs, s->f, b, e);
	if (!verb)
		return 0;
	if ((id = head_indicator(s, of)) < 0)
		return -1;
	while (s->f[of] == ' ' || s->f[of] == '\'')
		of++;
	m->rule = "number of + indicator + level verb + number";
	m->indicator = id;
	m->start = of;
	m->end = s->nums[k].end;
	return 1;
}

/* "bring to N the number of H", "portent à N le nombre de H": 1, -1 or 0
 * as level_of_count. */
static int
brings_count_to(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	size_t e, b = mention_word_before(s->f, s->lo, qs, &e), of;
	int id;

	if (b == (size_t)-1 || !(mention_is_word(s->f, b, e, "to") || mention_is_word(s->f, b, e, "a")))
		return 0;
	if ((of = number_of_at(s, s->nums[k].end, s->hi)) == 0)
		return 0;
	if ((id = head_indicator(s, of)) < 0)
		return -1;
	m->rule = "to + number + the number of + indicator";
	m->indicator = id;
	m->start = s->nums[k].start;
	m->end = of;
	return 1;
}

/* Prepositions that make a label a phrase about something else: "Teams
 * deployed after the abductions: 14". */
static const char *const label_preps[] = {
	"after", "before", "since", "during", "following", "by", "for", "with", "in", "on", "at",
	"from", "against", "par", "pour", "avec", "apres", "avant", "depuis", "dans", "sur",
	"suite", "contre", "lors", NULL
};

/* A table item written as prose: LABEL (- | : | , | =) N, ending at ";",
 * "." or the line's end, the label a few words after ";", ":", a line
 * break or the sentence's start, naming an indicator. */
static int
labelled_item(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	size_t i = s->nums[k].end, sep, lab, t;
	int words = 0, id = -1;

	while (i < s->hi && s->f[i] == ' ')
		i++;
	if (i < s->hi && s->f[i] != ';' && s->f[i] != '.' && s->f[i] != '\n')
		return 0;
	for (i = qs; i > s->lo && s->f[i - 1] == ' '; i--)
		;
	if (i == s->lo || strchr("-:,=", s->f[i - 1]) == NULL)
		return 0;
	sep = --i;
	while (i > s->lo && s->f[i - 1] == ' ')
		i--;
	/* the label: words back to where the item starts */
	while (i > s->lo && strchr(";:\n", s->f[i - 1]) == NULL) {
		unsigned char c = (unsigned char)s->f[i - 1];

		if (c >= '0' && c <= '9')
			return 0;
		if (text_isalnum(c)) {
			size_t we = i;

			while (i > s->lo && text_isalnum((unsigned char)s->f[i - 1]))
				i--;
			if (++words > 5 || mention_in_list(label_preps, s->f, i, we))
				return 0;
		} else if (c == ' ' || c == '\'' || c == '-') {
			i--;
		} else {
			return 0; /* a comma, a parenthesis or a full stop: prose, not a label */
		}
	}
	lab = i;
	if (words == 0)
		return 0;
	for (t = 0; t < s->nterms; t++) {
		if (s->terms[t].start < lab || s->terms[t].end > sep)
			continue;
		if (s->terms[t].kind == TAXONOMY_INDICATOR)
			id = s->terms[t].id;
		else if (s->terms[t].kind == TAXONOMY_GENERIC && id < 0)
			id = mention_generic_kind(s, t, s->nums[k].start, &m->named); /* "incidents" */
	}
	if (id < 0)
		return 0;
	m->rule = "label + separator + number";
	m->indicator = id;
	m->start = lab;
	m->end = s->nums[k].end;
	return 1;
}

int
mention_level(const struct mention_sent *s, size_t k, size_t qs, struct mention *m)
{
	int r = level_of_count(s, k, qs, m);

	if (r == 0)
		r = brings_count_to(s, k, qs, m);
	if (r == 0)
		r = labelled_item(s, k, qs, m);
	return r;
}
