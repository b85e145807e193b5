/*
 * period — temporal phrases to [start, end] (see period.h).
 *
 * A small recogniser tried at each word start of the sentence: ranges
 * first, then "since", quarters and halves, relative phrases, then bare
 * dates, months and years. A year left out is the release's, or the one
 * before when that would put the period after the release.
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/period.h"
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

static int
is_ref(const struct pc *c, size_t i)
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
				return c->f[s] != 'q' || comparative_before(c, s);
			}
	}
	return 0;
}

/* Which recognisers a phrase's first word may start. */
enum {
	R_RANGE = 1 << 0, R_SINCE = 1 << 1, R_ASOF = 1 << 2, R_WEEK = 1 << 3, R_COMP = 1 << 4,
	R_REL = 1 << 5, R_PART = 1 << 6, R_SPAN = 1 << 7, R_DATE = 1 << 8
};

/* Trigger words, one list per first letter (NULL-terminated), so a word
 * is compared only with the few that share its first byte. */
struct trig {
	const char *w;
	int mask;
};

static const struct trig trig_a[] = {
	{ "a", R_ASOF },
	{ "as", R_ASOF },
	{ "at", R_ASOF | R_WEEK },
	{ "au", R_WEEK | R_COMP },
	{ "aujourd", R_REL },
	{ NULL, 0 },
};
static const struct trig trig_b[] = {
	{ "between", R_RANGE },
	{ NULL, 0 },
};
static const struct trig trig_c[] = {
	{ "ce", R_WEEK | R_REL },
	{ "cette", R_REL },
	{ NULL, 0 },
};
static const struct trig trig_d[] = {
	{ "d", R_RANGE },
	{ "de", R_RANGE },
	{ "depuis", R_SINCE | R_WEEK | R_REL },
	{ "dernier", R_PART },
	{ "des", R_RANGE | R_COMP },
	{ "deuxieme", R_PART },
	{ "dimanche", R_WEEK },
	{ "du", R_RANGE | R_WEEK | R_COMP },
	{ "durant", R_WEEK },
	{ "during", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_e[] = {
	{ "en", R_ASOF },
	{ "entre", R_RANGE },
	{ NULL, 0 },
};
static const struct trig trig_f[] = {
	{ "final", R_PART },
	{ "first", R_PART },
	{ "fourth", R_PART },
	{ "friday", R_WEEK },
	{ "from", R_RANGE },
	{ NULL, 0 },
};
static const struct trig trig_h[] = {
	{ "h1", R_PART },
	{ "h2", R_PART },
	{ "hier", R_REL },
	{ NULL, 0 },
};
static const struct trig trig_j[] = {
	{ "jeudi", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_l[] = {
	{ "l", R_REL },
	{ "la", R_COMP | R_REL },
	{ "last", R_WEEK | R_REL | R_PART },
	{ "le", R_WEEK | R_COMP | R_REL },
	{ "les", R_COMP | R_REL },
	{ "lundi", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_m[] = {
	{ "mardi", R_WEEK },
	{ "mercredi", R_WEEK },
	{ "monday", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_o[] = {
	{ "on", R_WEEK },
	{ "over", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_p[] = {
	{ "past", R_WEEK | R_REL },
	{ "pendant", R_WEEK },
	{ "premier", R_PART },
	{ NULL, 0 },
};
static const struct trig trig_q[] = {
	{ "q1", R_PART },
	{ "q2", R_PART },
	{ "q3", R_PART },
	{ "q4", R_PART },
	{ "quatrieme", R_PART },
	{ NULL, 0 },
};
static const struct trig trig_s[] = {
	{ "samedi", R_WEEK },
	{ "saturday", R_WEEK },
	{ "second", R_PART },
	{ "since", R_SINCE | R_WEEK | R_REL },
	{ "so", R_REL },
	{ "sunday", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_t[] = {
	{ "the", R_WEEK | R_COMP | R_REL },
	{ "third", R_PART },
	{ "this", R_WEEK | R_REL },
	{ "thursday", R_WEEK },
	{ "today", R_REL },
	{ "troisieme", R_PART },
	{ "tuesday", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_u[] = {
	{ "until", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_v[] = {
	{ "vendredi", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_w[] = {
	{ "wednesday", R_WEEK },
	{ NULL, 0 },
};
static const struct trig trig_y[] = {
	{ "year", R_REL },
	{ "yesterday", R_REL },
	{ NULL, 0 },
};

/* The recognisers the word f[i, e) may begin; 0 for most words, which are
 * then skipped at once. */
static int
trigger(const char *f, size_t i, size_t e)
{
	static const struct trig *const by_letter[26] = {
		trig_a,
		trig_b,
		trig_c,
		trig_d,
		trig_e,
		trig_f,
		NULL,
		trig_h,
		NULL,
		trig_j,
		NULL,
		trig_l,
		trig_m,
		NULL,
		trig_o,
		trig_p,
		trig_q,
		NULL,
		trig_s,
		trig_t,
		trig_u,
		trig_v,
		trig_w,
		NULL,
		trig_y,
		NULL,
	};
	const struct trig *t;

	if (f[i] < 'a' || f[i] > 'z' || (t = by_letter[f[i] - 'a']) == NULL)
		return 0;
	for (; t->w != NULL; t++)
		if (text_word_eq(t->w, f + i, e - i))
			return t->mask;
	return 0;
}

/* The commonest trigger words start a phrase only before a few words: "the"
 * (days_of_week, comparative, relative) before weekend, same, previous,
 * preceding, last or prior; "at" (days_of_week) before the, this or last;
 * "as" (as_of) before of or at; "la" (comparative, relative) before meme
 * or semaine; "l" (relative) before annee or an; "le" before mois,
 * trimestre, week(end) or a weekday; "de", "d", "des", "du" (ranges) before
 * a digit, a month, the, debut, le or l ("du" also before mois or week);
 * "les", "des" (counted periods) before a digit or a number word; "au"
 * before week(end) or mois; "pendant", "durant" before week(end); "during",
 * "over" before the, this or last. Checking that word first spares the
 * recognisers' many patterns on every other "the". The lists follow the
 * patterns exactly: a word left out here is a phrase never recognised. */
static int
gate(const struct pc *c, size_t i, size_t we, int mask)
{
	static const char *const after_the[] = {
		"weekend", "same", "previous", "preceding", "last", "prior", NULL
	};
	static const char *const after_at[] = { "the", "this", "last", NULL };
	static const char *const after_as[] = { "of", "at", NULL };
	static const char *const after_la[] = { "meme", "semaine", NULL };
	static const char *const after_l[] = { "annee", "an", NULL };
	static const char *const after_le[] = {
		"week", "weekend", "past", "trimestre", "mois", "lundi", "mardi", "mercredi",
		"jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday", NULL
	};
	static const char *const after_de[] = { "the", "debut", "le", "l", NULL };
	static const char *const after_du[] = { "the", "debut", "le", "l", "week", "weekend", "mois", NULL };
	static const char *const after_au[] = { "week", "weekend", "mois", NULL };
	static const char *const after_pendant[] = { "week", "weekend", NULL };
	static const char *const after_during[] = { "the", "this", "last", NULL };
	const char *const *next;
	size_t n = we - i, k, ke, wend;
	int counted = 0; /* the comparative's "les/des N mois" and "les 7 derniers jours" */

	if (n == 2 && memcmp(c->f + i, "le", 2) == 0)
		next = after_le;
	else if (n == 3 && memcmp(c->f + i, "les", 3) == 0) {
		next = NULL;
		counted = 1;
	} else if ((n == 2 && memcmp(c->f + i, "de", 2) == 0) || (n == 1 && c->f[i] == 'd'))
		next = after_de;
	else if (n == 3 && memcmp(c->f + i, "des", 3) == 0) {
		next = after_de;
		counted = 1;
	} else if (n == 2 && memcmp(c->f + i, "du", 2) == 0)
		next = after_du;
	else if (n == 3 && memcmp(c->f + i, "the", 3) == 0)
		next = after_the;
	else if (n == 2 && memcmp(c->f + i, "at", 2) == 0)
		next = after_at;
	else if (n == 2 && memcmp(c->f + i, "as", 2) == 0)
		next = after_as;
	else if (n == 2 && memcmp(c->f + i, "la", 2) == 0)
		next = after_la;
	else if (n == 1 && c->f[i] == 'l')
		next = after_l;
	else if (n == 2 && memcmp(c->f + i, "au", 2) == 0)
		next = after_au;
	else if ((n == 7 && memcmp(c->f + i, "pendant", 7) == 0) || (n == 6 && memcmp(c->f + i, "durant", 6) == 0))
		next = after_pendant;
	else if ((n == 6 && memcmp(c->f + i, "during", 6) == 0) || (n == 4 && memcmp(c->f + i, "over", 4) == 0))
		next = after_during;
	else
		return mask;
	k = period_sp(c, we);
	ke = text_word_end(c->f, c->hi, k);
	if (next != after_the && next != after_at && next != after_as && next != after_la &&
	    next != after_l && next != after_au && next != after_pendant && next != after_during) {
		/* the ranges and counts after the French articles begin with a
		 * digit, a month or a number word */
		if (k < c->hi && (isdig(c->f[k]) || (next != NULL && number_month(c->f, c->hi, k, NULL) != 0)))
			return mask;
		if (counted && (number_word(c->f, c->hi, k, 0, &wend) > 0 ||
		    number_word(c->f, c->hi, k, 1, &wend) > 0))
			return mask;
		if (next == NULL)
			return 0;
	}
	for (size_t j = 0; next[j] != NULL; j++)
		if (ke > k && text_word_eq(next[j], c->f + k, ke - k))
			return mask;
	return 0;
}

/* Two phrases joined by "and" ("last Friday and over the weekend") are one. */
static int
joined(const struct pc *c, size_t a, size_t b)
{
	static const char *const glue[] = { "and", "et", "over", "the", "during", "pendant", "durant", NULL };
	size_t i = a;
	int saw = 0;

	while (i < b) {
		size_t e;
		int ok = 0;

		if (c->f[i] == ' ') {
			i++;
			continue;
		}
		e = text_word_end(c->f, b, i);
		for (size_t k = 0; glue[k] != NULL && e > i; k++)
			if (text_word_eq(glue[k], c->f + i, e - i))
				ok = 1;
		if (!ok)
			return 0;
		if (i + 3 == e || i + 2 == e)
			saw |= memcmp(c->f + i, "and", 3) == 0 || memcmp(c->f + i, "et", 2) == 0;
		i = e;
	}
	return saw;
}

size_t
period_scan(const char *f, size_t len, size_t start, size_t end,
    struct date_ymd release, struct period_mention *out, size_t max)
{
	struct pc c = { f, start, end, release };
	size_t i = start, n = 0;

	(void)len;
	while (i < end) {
		struct period_mention pm;
		struct dt d, d2;
		struct date_ymd d2s;
		size_t e;

		size_t we;
		int mask;

		if (!text_isalnum((unsigned char)f[i]) || (i > start && text_isalnum((unsigned char)f[i - 1]))) {
			i++;
			continue;
		}
		we = text_word_end(f, end, i);
		/* Most words begin no temporal phrase: only the recognisers the
		 * first word can start are tried. */
		if (isdig(f[i]))
			mask = R_PART | R_DATE;
		else if (number_month(f, end, i, NULL) != 0)
			mask = R_REL | R_SPAN | R_DATE;
		else
			mask = gate(&c, i, we, trigger(f, i, we));
		if (we + 9 < end && f[we] == ' ' && memcmp(f + we + 1, "premier", 7) == 0)
			mask |= R_PART;
		if (mask == 0) {
			i = we;
			continue;
		}
		memset(&pm, 0, sizeof(pm));
		e = 0;
		if ((mask & R_RANGE) && (e = period_range(&c, i, &pm)) != 0)
			;
		else if ((mask & R_SINCE) && (e = period_since(&c, i, &pm)) != 0)
			;
		else if ((mask & R_ASOF) && (e = period_as_of(&c, i, &pm)) != 0)
			;
		else if ((mask & R_WEEK) && (e = period_days_of_week(&c, i, &pm)) != 0)
			;
		else if ((mask & R_COMP) && (e = period_comparative(&c, i, &pm)) != 0)
			;
		else if ((mask & R_REL) && (e = period_relative(&c, i, &pm)) != 0)
			;
		else if ((mask & R_PART) && (e = period_part_of_year(&c, i, &pm)) != 0)
			;
		else if ((mask & R_SPAN) && (e = period_month_span(&c, i, &pm)) != 0)
			;
		else if ((mask & R_DATE) && (e = period_date_at(&c, i, &d, 1)) != 0) {
			period_fill_year(&c, &d);
			period_bounds(&d, &pm.ps, &pm.pe);
		} else if ((mask & R_DATE) && isdig(f[i]) && (e = period_day_list(&c, i, &d, &d2)) != 0) {
			period_fill_year(&c, &d);
			period_fill_year(&c, &d2);
			period_bounds(&d, &pm.ps, &pm.pe);
			period_bounds(&d2, &d2s, &pm.pe);
		}
		if (e == 0 || e <= i) {
			i = text_word_end(f, end, i);
			continue;
		}
		pm.start = i;
		pm.end = e;
		pm.ref = pm.kind != PERIOD_ABSOLUTE || is_ref(&c, i);
		if (n > 0 && out[n - 1].ref && !pm.ref) {
			/* "the previous quarter (January - March 2024)" restates the reference */
			size_t g = out[n - 1].end;

			while (g < i && (f[g] == ' ' || f[g] == '(' || f[g] == ','))
				g++;
			pm.ref = g == i;
		}
		if (n > 0 && pm.kind == PERIOD_ABSOLUTE && !pm.open && out[n - 1].kind == PERIOD_ABSOLUTE &&
		    !out[n - 1].open && out[n - 1].ref == pm.ref && joined(&c, out[n - 1].end, i) &&
		    date_valid(pm.ps.y, pm.ps.m, pm.ps.d) && date_valid(pm.pe.y, pm.pe.m, pm.pe.d)) {
			struct period_mention *q = &out[n - 1];

			if (date_days_from_civil(pm.ps.y, pm.ps.m, pm.ps.d) <
			    date_days_from_civil(q->ps.y, q->ps.m, q->ps.d))
				q->ps = pm.ps;
			if (date_days_from_civil(pm.pe.y, pm.pe.m, pm.pe.d) >
			    date_days_from_civil(q->pe.y, q->pe.m, q->pe.d))
				q->pe = pm.pe;
			q->end = e;
			i = e;
			continue;
		}
		if (n < max && (pm.kind != PERIOD_ABSOLUTE ||
		    (date_valid(pm.ps.y, pm.ps.m, pm.ps.d) && date_valid(pm.pe.y, pm.pe.m, pm.pe.d))))
			out[n++] = pm;
		i = e;
	}
	return n;
}

int
period_resolve(const struct period_mention *m, struct date_ymd ps, struct date_ymd pe,
    struct date_ymd *os, struct date_ymd *oe)
{
	int shift;

	switch (m->kind) {
	case PERIOD_ABSOLUTE:
		*os = m->ps;
		*oe = m->pe;
		return 0;
	case PERIOD_SAME:
		shift = m->ps.y != 0 ? (m->ps.y - ps.y) * 12 : m->shift;
		*os = date_add_months(ps, shift);
		*oe = date_add_months(pe, shift);
		if (pe.d == date_days_in_month(pe.y, pe.m))
			oe->d = date_days_in_month(oe->y, oe->m);
		return 0;
	case PERIOD_PREVIOUS:
		*oe = period_add_days(ps, -1);
		*os = date_add_months(ps, -m->shift);
		return 0;
	case PERIOD_PREVIOUS_WEEK:
		*oe = period_add_days(ps, -1);
		*os = period_add_days(ps, -7);
		return 0;
	default:
		return -1;
	}
}
