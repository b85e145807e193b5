/*
 * mention_list — the parts of a list of counts (see mention.h):
 * "killed 168 people, 147 men and nine women", "were killed, as were six
 * contractors", "147 men, nine women and 12 children were killed".
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "mention_int.h"

/* Words that join the parts of a list of counts. */
static const char *const glue[] = {
	"and", "et", "or", "ou", "including", "among", "them", "whom", "of", "as", "were",
	"was", "well", "ainsi", "que", "y", "compris", "notamment", "dont", "in", "au", "en",
	"aux", "also", "plus", "another", "other", "tout", "comme", "de", "meme", "on", "le", "between", "entre", "parmi", "lesquels", "lesquelles", "eux", "elles", "notably",
	"mostly", "particular", "particulier", NULL
};

/* End of the people noun right after number k (two words at most, place
 * names skipped), or 0. */
static size_t
people_after(const struct mention_sent *s, size_t k)
{
	const struct number *num = &s->nums[k];
	size_t t = 0;

	while (t < s->nterms && s->terms[t].start < num->end)
		t++;
	for (; t < s->nterms; t++) {
		const struct mention_term *tm = &s->terms[t];
		int g = mention_gap_words(s, num->end, tm->start, 0, 0);

		if (g < 0 || g > 2)
			return 0;
		if (tm->kind == TAXONOMY_COUNTRY || tm->kind == TAXONOMY_REGION)
			continue;
		return tm->kind == TAXONOMY_PEOPLE ? tm->end : 0;
	}
	return 0;
}

/* End of the noun of a list item right after number k: a people noun
 * (people_after), else one or two plain words ending in a plural ("two
 * nurses, five traders", "deux infirmières et trois fillettes") and
 * followed by what ends an item (a comma, "and", "et", a parenthesis or
 * dash, the sentence's end); 0 when none. Only where a list is expected:
 * its other items say what it counts. */
static size_t
item_after(const struct mention_sent *s, size_t k)
{
	static const char *const ends[] = { "and", "et", "or", "ou", NULL };
	size_t e = people_after(s, k), i = s->nums[k].end, we = 0;

	if (e != 0)
		return e;
	for (int n = 0; n < 2; n++) {
		while (i < s->hi && s->f[i] == ' ')
			i++;
		if (i >= s->hi || !text_isalpha((unsigned char)s->f[i]))
			break;
		e = text_word_end(s->f, s->hi, i);
		if (mention_is_stop(s->f, i, e) || mention_is_aux(s->f, i, e))
			break;
		for (size_t t = 0; t < s->nterms; t++)
			if (s->terms[t].start == i)
				return 0; /* a term says what it is */
		we = e;
		i = e;
	}
	if (we == 0 || !(s->f[we - 1] == 's' || s->f[we - 1] == 'x'))
		return 0;
	i = we;
	while (i < s->hi && s->f[i] == ' ')
		i++;
	if (i >= s->hi || s->f[i] == ',' || s->f[i] == ')' || s->f[i] == '-' || s->f[i] == '.' ||
	    s->f[i] == ';' || mention_in_list(ends, s->f, i, text_word_end(s->f, s->hi, i)))
		return we;
	return 0;
}

/* Whether f[a, b) only joins two parts of a list: commas, a few words
 * ("and", "including", "as were", "dont") and place names. */
static int
is_glue(const struct mention_sent *s, size_t a, size_t b)
{
	size_t i = a, t = 0;
	int n = 0;

	while (i < b) {
		unsigned char c = (unsigned char)s->f[i];
		size_t e;
		int ok = 0;

		if (c == ',' || c == ' ' || c == '\n') {
			i++;
			continue;
		}
		if ((e = mention_period_at(s, i, b)) != 0) {
			i = e;
			continue;
		}
		if (!text_isalnum(c) || (c >= '0' && c <= '9'))
			return 0;
		while (t < s->nterms && s->terms[t].start < i)
			t++;
		if (t < s->nterms && s->terms[t].start == i && s->terms[t].end <= b &&
		    (s->terms[t].kind == TAXONOMY_COUNTRY || s->terms[t].kind == TAXONOMY_REGION)) {
			i = s->terms[t].end;
			continue;
		}
		e = text_word_end(s->f, b, i);
		for (size_t k = 0; glue[k] != NULL && !ok; k++)
			ok = text_word_eq(glue[k], s->f + i, e - i);
		if (!ok || ++n > 4)
			return 0;
		i = e;
	}
	return 1;
}

/* "were killed, as were six contractors", "ont été tués, ainsi que deux
 * civils": a verb, then "as" / "ainsi que" / "de même que" before the count. */
static int
inverted(const struct mention_sent *s, size_t t, size_t a, size_t b)
{
	const struct mention_term *tm = &s->terms[t];
	size_t n = tm->end - tm->start, i = a;
	const char *w = s->f + tm->start;
	int verb = (n > 2 && w[n - 2] == 'e' && w[n - 1] == 'd') ||
	    (s->fr && n > 2 && (w[n - 1] == 'e' || (w[n - 1] == 's' && w[n - 2] == 'e')));

	while (i < b && (s->f[i] == ' ' || s->f[i] == ','))
		i++;
	return verb && (text_word_at(s->f, b, i, "as") || text_word_at(s->f, b, i, "ainsi") ||
	    text_word_at(s->f, b, i, "comme") || text_word_at(s->f, b, i, "tout"));
}

static void
part_of(const struct mention_sent *s, size_t k, int indicator, size_t end, const char *rule,
    struct mention *m)
{
	size_t qs;

	memset(m, 0, sizeof(*m));
	m->qualifier = mention_qualifier(s->f, s->lo, s->nums[k].start, &qs);
	if (s->nums[k].flags & NUMBER_APPROX)
		m->qualifier = EXTRACT_APPROX;
	m->indicator = indicator;
	m->start = s->nums[k].start;
	m->end = end;
	m->rule = rule;
}

int
mention_follow(const struct mention_sent *s, size_t k, const struct mention *prev, size_t pk,
    struct mention *m)
{
	const struct number *num = &s->nums[k];
	size_t qs, a, e, t;
	int id, named = 0;

	(void)mention_qualifier(s->f, s->lo, num->start, &qs);
	if ((e = item_after(s, k)) == 0)
		return 0;
	for (t = s->nterms; t > 0 && s->terms[t - 1].start >= qs; t--)
		;
	while (t > 0 && s->terms[t - 1].kind != TAXONOMY_INDICATOR &&
	    s->terms[t - 1].kind != TAXONOMY_GENERIC)
		t--;
	if (t == 0)
		return 0;
	a = s->terms[t - 1].end;
	id = s->terms[t - 1].kind == TAXONOMY_GENERIC ?
	    mention_generic_kind(s, t - 1, s->terms[t - 1].start, &named) : s->terms[t - 1].id;
	if (prev != NULL || (k > 0 && s->nums[k - 1].start >= a)) {
		/* "killed 168 people, 147 men": the part follows an attached count,
		 * in its clause ("one was killed, and seven were injured" are two). */
		size_t pe;

		if (prev == NULL || clause_of(s->cl, s->ncl, s->nums[pk].start) !=
		    clause_of(s->cl, s->ncl, num->start))
			return 0;
		pe = item_after(s, pk);
		a = s->nums[pk].end;
		if (prev->end > a)
			a = prev->end;
		if (pe > a)
			a = pe;
		id = prev->indicator;
	}
	else if (!inverted(s, t - 1, a, qs))
		return 0;
	if (a > qs || id < 0 || !is_glue(s, a, qs))
		return 0;
	part_of(s, k, id, e, "part of a list after its count", m);
	return 1;
}

int
mention_lead(const struct mention_sent *s, size_t k, struct mention *m)
{
	for (size_t j = k; j + 1 < s->nnums; j++) {
		size_t e = item_after(s, j), qs;
		struct mention next;

		if (e == 0 || (s->nums[j + 1].flags & NUMBER_NOT_COUNT))
			return 0;
		(void)mention_qualifier(s->f, s->lo, s->nums[j + 1].start, &qs);
		if (qs < e || !is_glue(s, e, qs))
			return 0;
		if (mention_attach(s, j + 1, &next)) {
			part_of(s, k, next.indicator, item_after(s, k), "part of a list before its verb", m);
			return 1;
		}
	}
	return 0;
}

/* Words that open a temporal phrase or a place after a bare part. */
static const char *const preps[] = {
	"in", "at", "during", "over", "since", "between", "au", "aux", "en", "dans", "a",
	"depuis", "entre", "pendant", "durant", "lors", NULL
};

/* Whether number k is followed, up to the end of its apposition, by a
 * temporal phrase, a place or nothing: "dont 3 100 au cours des dix
 * derniers jours". */
static int
bare_part(const struct mention_sent *s, size_t k, size_t end)
{
	size_t i = s->nums[k].end, e;

	while (i < end && (s->f[i] == ' ' || s->f[i] == ','))
		i++;
	if (i >= end || s->f[i] == ')' || s->f[i] == '-' || s->f[i] == '.')
		return 1;
	/* a temporal phrase or a place: a preposition opens it ("in the past
	 * month", "au cours du dernier mois", "dans la région de Gao") */
	e = text_word_end(s->f, end, i);
	return mention_period_at(s, i, end) != 0 || mention_in_list(preps, s->f, i, e);
}

int
mention_apposed(const struct mention_sent *s, size_t k, const struct mention *prev, size_t pk,
    struct mention *m)
{
	const struct number *num = &s->nums[k];
	int a = clause_apposition_of(s->cl, s->ncl, num->start);
	size_t qs, i, e;

	/* people are no part of a count of events ("920 incidents (including 243 children)") */
	if (prev == NULL || a < 0 || prev->indicator == s->attacks)
		return 0;
	/* "dont 3 100 au cours des dix derniers jours": a bare part, dated */
	if ((e = item_after(s, k)) == 0 && !bare_part(s, k, s->cl[a].end))
		return 0;
	if (e == 0)
		e = num->end;
	(void)mention_qualifier(s->f, s->lo, num->start, &qs);
	i = s->cl[a].start;
	/* the next part of the same breakdown: "one woman and two boys" */
	if (s->nums[pk].start >= i && s->nums[pk].start < s->cl[a].end && prev->end <= qs)
		i = prev->end;
	else if (s->nums[pk].start >= i)
		return 0;
	while (i < qs && (s->f[i] == '(' || s->f[i] == '-' || s->f[i] == ' ' || s->f[i] == ','))
		i++;
	if (!is_glue(s, i, qs))
		return 0;
	part_of(s, k, prev->indicator, e, "breakdown in an apposition", m);
	return 1;
}

int
mention_versus_cue(const char *f, size_t lo, size_t start)
{
	static const char *const versus[] = {
		"compared to", "compared with", "against", "versus", "vs", "contre", "up from", "down from",
		"par rapport aux", "par rapport a", "par rapport au", "comparativement a", NULL
	};
	size_t qs, e;

	(void)mention_qualifier(f, lo, start, &qs);
	e = qs;
	while (e > lo && f[e - 1] == ' ')
		e--;
	for (size_t v = 0; versus[v] != NULL; v++) {
		size_t n = strlen(versus[v]);

		if (e >= lo + n && memcmp(f + e - n, versus[v], n) == 0 &&
		    (e - n == lo || !text_isalnum((unsigned char)f[e - n - 1])))
			return 1;
	}
	return 0;
}

int
mention_versus(const struct mention_sent *s, size_t k, const struct mention *prev, size_t pk,
    struct mention *m)
{
	size_t pe;

	(void)pk;
	if (prev == NULL || !mention_versus_cue(s->f, s->lo, s->nums[k].start))
		return 0;
	pe = people_after(s, k);
	part_of(s, k, prev->indicator, pe != 0 ? pe : s->nums[k].end,
	    "the same count in another period ('compared to N', 'contre N')", m);
	return 1;
}

/* Whether counts j - 1 and j are joined as items of one list: only
 * spaces, commas and "and" / "et" between them. */
static int
list_joined(const struct mention_sent *s, size_t j)
{
	static const char *const joins[] = { "and", "et", NULL };

	if ((s->nums[j].flags & NUMBER_NOT_COUNT) || (s->nums[j - 1].flags & NUMBER_NOT_COUNT))
		return 0;
	for (size_t i = s->nums[j - 1].end; i < s->nums[j].start; i++) {
		size_t e;

		if (s->f[i] == ' ' || s->f[i] == ',')
			continue;
		e = text_word_end(s->f, s->nums[j].start, i);
		if (e == i || !mention_in_list(joins, s->f, i, e))
			return 0;
		i = e - 1;
	}
	return 1;
}

int
mention_respectively(const struct mention_sent *s, size_t k, struct mention *m)
{
	static const char *const resp[] = { "respectively", "respectivement", NULL };
	size_t i, e, b, first = k, last = k;
	int found = 0;

	for (i = s->lo; i < s->hi && !found; i++)
		if (s->f[i] == 'r' && (i == s->lo || !text_isalnum((unsigned char)s->f[i - 1])) &&
		    mention_in_list(resp, s->f, i, text_word_end(s->f, s->hi, i)))
			found = 1;
	if (!found)
		return 0;
	while (first > 0 && list_joined(s, first))
		first--;
	while (last + 1 < s->nnums && list_joined(s, last + 1))
		last++;
	/* not a range: "between 3,000 and 3,500", "entre 4 000 et 5 000" */
	if (first == last || ((b = mention_word_before(s->f, s->lo, s->nums[first].start, &e)) != (size_t)-1 &&
	    (mention_is_word(s->f, b, e, "between") || mention_is_word(s->f, b, e, "entre"))))
		return 0;
	/* the item of the list that attaches names what they all count */
	for (size_t j = first; j <= last; j++) {
		struct mention mj;

		if (j != k && mention_attach(s, j, &mj)) {
			part_of(s, k, mj.indicator, s->nums[k].end,
			    "a figure of a list given respectively ('12 and 9 dead respectively')", m);
			return 1;
		}
	}
	return 0;
}

int
mention_relative(const struct mention_sent *s, size_t k, struct mention *m)
{
	static const char *const rel[] = { "who", "qui", NULL };
	size_t i = s->nums[k].end, e;

	/* "the 25,000 who were displaced", "les 25 000 qui ont été déplacés":
	 * the relative pronoun right after the bare number, then at most
	 * three auxiliaries or adverbs, then an indicator term */
	while (i < s->hi && s->f[i] == ' ')
		i++;
	e = text_word_end(s->f, s->hi, i);
	if (e == i || !mention_in_list(rel, s->f, i, e))
		return 0;
	for (int n = 0; n < 4; n++) {
		for (i = e; i < s->hi && s->f[i] == ' '; i++)
			;
		for (size_t t = 0; t < s->nterms; t++)
			if (s->terms[t].start == i && s->terms[t].kind == TAXONOMY_INDICATOR) {
				part_of(s, k, s->terms[t].id, s->terms[t].end,
				    "number + relative clause + verb ('the 25,000 who were displaced')", m);
				return 1;
			}
		e = text_word_end(s->f, s->hi, i);
		if (e == i || !(mention_is_aux(s->f, i, e) || mention_is_adverb(s->f, i, e)))
			return 0;
	}
	return 0;
}

int
mention_au_nombre(const struct mention_sent *s, size_t k, struct mention *m)
{
	size_t qs, b, e, b2, e2, b3, e3, c;

	/* "les cas de torture documentés, au nombre de 48": the noun before
	 * the comma names what the figure counts */
	(void)mention_qualifier(s->f, s->lo, s->nums[k].start, &qs);
	if ((b = mention_word_before(s->f, s->lo, qs, &e)) == (size_t)-1 ||
	    !(mention_is_word(s->f, b, e, "de") || mention_is_word(s->f, b, e, "d")) ||
	    (b2 = mention_word_before(s->f, s->lo, b, &e2)) == (size_t)-1 ||
	    !mention_is_word(s->f, b2, e2, "nombre") ||
	    (b3 = mention_word_before(s->f, s->lo, b2, &e3)) == (size_t)-1 ||
	    !mention_is_word(s->f, b3, e3, "au"))
		return 0;
	for (c = b3; c > s->lo && s->f[c - 1] == ' '; c--)
		;
	if (c == s->lo || s->f[c - 1] != ',')
		return 0;
	/* the indicator term nearest before the comma, a participle at most between */
	for (size_t t = s->nterms; t-- > 0;) {
		if (s->terms[t].end >= c)
			continue;
		if (s->terms[t].kind != TAXONOMY_INDICATOR || mention_gap_words(s, s->terms[t].end, c - 1, 0, 0) > 1)
			return 0;
		part_of(s, k, s->terms[t].id, s->nums[k].end, "noun, 'au nombre de' + number", m);
		m->start = s->terms[t].start;
		return 1;
	}
	return 0;
}

/* End of "in Niger", "au Niger", "en Mauritanie" right after number k, or 0. */
static size_t
place_after(const struct mention_sent *s, size_t k)
{
	static const char *const in[] = { "in", "au", "aux", "en", "dans", "a", NULL };
	size_t i = s->nums[k].end, e, t = 0;

	while (i < s->hi && s->f[i] == ' ')
		i++;
	e = text_word_end(s->f, s->hi, i);
	if (e == i || !mention_in_list(in, s->f, i, e))
		return 0;
	while (e < s->hi && s->f[e] == ' ')
		e++;
	while (t < s->nterms && s->terms[t].start < e)
		t++;
	return t < s->nterms && s->terms[t].start == e &&
	    (s->terms[t].kind == TAXONOMY_COUNTRY || s->terms[t].kind == TAXONOMY_REGION) ?
	    s->terms[t].end : 0;
}

int
mention_placed_part(const struct mention_sent *s, size_t k, const struct mention *prev, size_t pk,
    struct mention *m)
{
	size_t e, qs, b, pe;

	if (prev == NULL || (e = place_after(s, k)) == 0)
		return 0;
	(void)mention_qualifier(s->f, s->lo, s->nums[k].start, &qs);
	b = qs;
	while (b > s->lo && s->f[b - 1] == ' ')
		b--;
	/* the first part after a colon, the next after the part before */
	if (!(b > s->lo && s->f[b - 1] == ':' && b - 1 >= prev->end) &&
	    !((pe = place_after(s, pk)) != 0 && pe <= qs && is_glue(s, pe, qs)))
		return 0;
	part_of(s, k, prev->indicator, e, "a part by place ('40,000 in Niger')", m);
	return 1;
}
