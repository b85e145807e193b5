/*
 * extract_drop — figures a careful reader sets aside although they count
 * people an indicator names: figures of planning or projection ("the
 * response plan assumes up to 75,000 people may be displaced"), people
 * receiving aid ("food for a further 4,500 refugees"), rates ("300
 * people arrive every day", "90 réfugiés par jour"), which say how fast,
 * not how many, captives who escaped ("Six have since escaped"), who
 * fled their captors, not their homes, figures whose own noun names
 * no indicator ("85,000 returnees", "45 cas de rougeole"), and people
 * released or returned ("20 who were later released", "la libération de
 * 28 détenus", "réfugiés rentrés").
 */
#include <string.h>

#include "rightswatch/taxonomy.h"
#include "extract_int.h"
#include "mention_int.h"

/* Whether a and b may be the first two letters of a projection cue. */
static int
cue_pair(char a, char b)
{
	switch (a) {
	case 'p': return b == 'l' || b == 'r';
	case 'c': return b == 'o';
	case 'a': return b == 'l' || b == 's' || b == 'n';
	case 's': return b == 'c';
	case 'r': return b == 'e';
	case 'f': return b == 'o';
	case 'h': return b == 'y';
	case 't': return b == 'a';
	default: return 0;
	}
}

/* Whether clause c speaks of a plan or a projection: one pass over its
 * words, a cue looked for only after a word whose first letter may open
 * one (most clauses hold none). */
static int
projection(const struct work *w, int c)
{
	static const char *const cues[] = {
		"planning", "contingency", "allows for", "scenario", "projected", "projection",
		"projections", "response plan", "plan de reponse", "assumes", "anticipates",
		"foresees", "forecast", "planification", "contingence", "hypothese", "hypotheses",
		"previsions", "prevoit", "prevoient", "table sur", "anticipe", NULL
	};
	/* not "plan" alone: "sur le plan général" is "in general" */
	const char *f = w->t->f;
	size_t lo = w->cl[c].start, hi = w->cl[c].end;

	for (size_t i = lo; i < hi; i++) {
		if (i > lo && text_isalnum((unsigned char)f[i - 1]))
			continue;
		/* the first two letters of a cue: "pl", "pr", "co", "al", "as", "an",
		 * "sc", "re", "fo", "hy", "ta" */
		if (i + 1 < hi && cue_pair(f[i], f[i + 1]))
			for (size_t k = 0; cues[k] != NULL; k++)
				if (f[i] == cues[k][0] && f[i + 1] == cues[k][1] && text_word_at(f, hi, i, cues[k]))
					return 1;
	}
	return 0;
}

/* Whether clause c is the complement of the clause before it ("assumes
 * that up to 75,000 people may be displaced", "prévoit que"). */
static int
complement_clause(const struct work *w, int c)
{
	const char *f = w->t->f;
	size_t i = w->cl[c].start;

	while (i < w->cl[c].end && (f[i] == ' ' || f[i] == ','))
		i++;
	return text_word_at(f, w->cl[c].end, i, "that") || text_word_at(f, w->cl[c].end, i, "que") ||
	    text_word_at(f, w->cl[c].end, i, "qu");
}

int
extract_projection(struct work *w, size_t pos)
{
	int c = clause_of(w->cl, w->ncl, pos);

	if (c < 0)
		return 0;
	if (w->proj[c] < 0) {
		w->proj[c] = (signed char)projection(w, c);
		/* the plan may be the main clause's, the figure its complement's */
		if (!w->proj[c] && c > 0 && complement_clause(w, c))
			w->proj[c] = (signed char)projection(w, c - 1);
	}
	return w->proj[c];
}

int
extract_aid_recipients(struct work *w, const struct text_sentence *s, size_t k)
{
	static const char *const to[] = {
		"to", "for", "a", "aux", "pour", "additional", "another", "more", "autres", "other",
		"an", "the", "les", "further", "extra", "supplementaires", "de", NULL
	};
	static const char *const neutral[] = {
		"additional", "another", "more", "autres", "other", "an", "the", "les", "further",
		"extra", "supplementaires", "de", NULL
	};
	static const char *const aid[] = {
		"aid", "assistance", "distribution", "ration", "rations", "food", "water", "shelter",
		"support", "reach", "assist", "assisting", "aide", "distributions", "vivres", "soutien",
		"abris", "nourriture", "eau", "atteindre", "assister", "fournir", "provide", "providing",
		"supply", "supplies", "kits", "items", "cash", "vouchers", "cereals", "medicines",
		"distributed", "handed", "delivered", "funded", "cereales", "bons", "especes",
		"distribue", "fourni", "remis", "medicaments", NULL
	};
	const char *f = w->t->f;
	size_t e = extract_qual_start(w, s, k), b;
	int c = clause_of(w->cl, w->ncl, w->nums[k].start), prep = 0;

	/* "to 5,000 refugees", "for a further 4,500", "aux 3 000 déplacés" */
	for (int n = 0; n < 4 && (b = mention_word_before(f, s->start, e, &e)) != (size_t)-1; n++) {
		if (!mention_in_list(to, f, b, e))
			break;
		prep |= !mention_in_list(neutral, f, b, e);
		e = b;
	}
	if (!prep || c < 0)
		return 0;
	for (size_t i = w->cl[c].start; i < e; i++)
		if (text_isalpha((unsigned char)f[i]) && (i == 0 || !text_isalnum((unsigned char)f[i - 1])) &&
		    mention_in_list(aid, f, i, text_word_end(f, e, i)))
			return 1;
	return 0;
}

/* Whether the rate word at f[p, pe) qualifies another noun than a rate:
 * "a weekly fair", "their daily trip", "la foire hebdomadaire" — but not
 * "a weekly average of", "on a daily basis", "une moyenne hebdomadaire". */
static int
qualifies_noun(const char *f, size_t lo, size_t p, size_t pe, size_t hi)
{
	static const char *const det[] = {
		"a", "an", "the", "their", "its", "his", "her", "our", "this", "that", NULL
	};
	static const char *const rate_nouns[] = {
		"average", "rate", "mean", "basis", "total", "number", "figure", "count", "arrivals",
		"influx", "inflow", "flow", "flows", "intake", "moyenne", "taux", "rythme", "flux",
		"afflux", "nombre", "total", "chiffre", "arrivees", "base", "cadence", NULL
	};
	static const char *const adjectives[] = {
		"daily", "weekly", "hebdomadaire", "quotidien", "quotidienne", "quotidiens", NULL
	};
	size_t wb, we, nb, ne;

	if (!mention_in_list(adjectives, f, p, pe) || (wb = mention_word_before(f, lo, p, &we)) == (size_t)-1)
		return 0;
	if (f[p] == 'h' || f[p] == 'q') /* French: the noun before it */
		return !mention_in_list(rate_nouns, f, wb, we);
	for (nb = pe; nb < hi && f[nb] == ' '; nb++)
		;
	ne = text_word_end(f, hi, nb);
	return mention_in_list(det, f, wb, we) && ne > nb && !mention_in_list(rate_nouns, f, nb, ne);
}

int
extract_rate(const struct work *w, const struct text_sentence *s, size_t k, const struct mention *m)
{
	static const char *const after[] = {
		"a day", "per day", "each day", "every day", "daily", "a week", "per week", "each week",
		"every week", "weekly", "a month", "per month", "each month", "every month",
		"par jour", "chaque jour", "quotidiennement", "par semaine", "chaque semaine",
		"par mois", "chaque mois", NULL
	};
	static const char *const span_words[] = { "in", "on", "for", "within", "one", "the", "en", "un", NULL };
	/* before the figure: "a daily average of 150", "Chaque jour, près de 250" */
	static const char *const before[] = {
		"daily", "weekly", "quotidienne", "quotidiens", "quotidien", "hebdomadaire",
		"every day", "each day", "chaque jour", "chaque semaine", NULL
	};
	const char *f = w->t->f;
	int c = clause_of(w->cl, w->ncl, w->nums[k].start);
	size_t hi = c >= 0 ? w->cl[c].end : s->end, i = m->end > w->nums[k].end ? m->end : w->nums[k].end;
	size_t lo = w->nums[k].start > s->start + 40 ? w->nums[k].start - 40 : s->start;

	/* the end of the figure's reach: the next count */
	for (size_t j = k + 1; j < w->nnums; j++)
		if (!(w->nums[j].flags & NUMBER_NOT_COUNT) && w->nums[j].start < hi && w->nums[j].start > i) {
			hi = w->nums[j].start;
			break;
		}
	/* within a few words of the figure, no comma between: "150 refugees per
	 * day", "250 personnes arrivent chaque jour", "90 réfugiés franchissent
	 * la frontière par jour" (not "212 attaques en juin, soit
	 * sept par jour": the rate is the other number's) */
	for (size_t p = i, n = 0; p < hi && n < 6; p++)
		if (f[p] == ',' || f[p] == ';' || f[p] == '(')
			hi = p;
		else if (f[p] == ' ' && ++n == 6)
			hi = p;
	for (size_t p = i; p < hi; p++) {
		size_t wb, we;

		if (!(f[p] == 'a' || f[p] == 'p' || f[p] == 'e' || f[p] == 'd' || f[p] == 'c' || f[p] == 'q' ||
		    f[p] == 'w' || f[p] == 'm') || (p > 0 && text_isalnum((unsigned char)f[p - 1])))
			continue;
		for (size_t q = 0; after[q] != NULL; q++) {
			if (f[p] != after[q][0] || !text_word_at(f, hi, p, after[q]))
				continue;
			/* "in a day", "for a week", "on a day of violence": a span, not a rate */
			wb = mention_word_before(f, s->start, p, &we);
			if ((wb == (size_t)-1 || !mention_in_list(span_words, f, wb, we)) &&
			    !qualifies_noun(f, s->start, p, p + strlen(after[q]), s->end))
				return 1;
		}
	}
	for (size_t p = lo; p < w->nums[k].start; p++)
		if ((f[p] == 'd' || f[p] == 'w' || f[p] == 'e' || f[p] == 'c' || f[p] == 'q' || f[p] == 'h') &&
		    (p == lo || !text_isalnum((unsigned char)f[p - 1])))
			for (size_t q = 0; before[q] != NULL; q++)
				if (f[p] == before[q][0] && text_word_at(f, w->nums[k].start, p, before[q]) &&
				    !qualifies_noun(f, s->start, p, p + strlen(before[q]), s->end))
					return 1;
	return 0;
}

int
extract_escaped_captives(const struct work *w, const struct text_sentence *s, size_t k,
    const struct mention *m, int displaced)
{
	static const char *const stems[] = { "escap", "evad", "echapp", NULL };
	static const char *const captivity[] = {
		"prison", "prisons", "captivity", "captors", "custody", "jail", "cell", "cells",
		"captivite", "ravisseurs", "geoliers", "cellule", NULL
	};
	const char *f = w->t->f;
	size_t b = m->end, os = text_orig(w->t, s->start);
	int c = clause_of(w->cl, w->ncl, w->nums[k].start);
	const struct extract_obs *prev = w->nobs > 0 ? &w->obs[w->nobs - 1] : NULL;
	int escaped = 0;

	if (m->indicator != displaced)
		return 0;
	while (b > w->nums[k].end && text_isalpha((unsigned char)f[b - 1]))
		b--;
	for (size_t p = 0; stems[p] != NULL; p++)
		escaped |= m->end - b >= strlen(stems[p]) && memcmp(f + b, stems[p], strlen(stems[p])) == 0;
	if (!escaped)
		return 0;
	/* "escaped from the prison", "s'est échappé de sa cellule" */
	for (size_t i = c >= 0 ? w->cl[c].start : s->start; i < (c >= 0 ? w->cl[c].end : s->end); i++)
		if (text_isalpha((unsigned char)f[i]) && (i == 0 || !text_isalnum((unsigned char)f[i - 1])) &&
		    mention_in_list(captivity, f, i, text_word_end(f, s->end, i)))
			return 1;
	/* a bare number right after a count of captives, in this sentence or
	 * the one before: "Gunmen abducted 30 people. Nine have since escaped." */
	for (size_t i = w->nums[k].end; i < b; i++)
		if (text_isalpha((unsigned char)f[i]) && !text_isalnum((unsigned char)f[i - 1]) &&
		    !mention_is_aux(f, i, text_word_end(f, b, i)) &&
		    !mention_in_list((const char *const[]){ "since", "then", "later", "depuis", "ensuite",
		    "also", "aussi", "already", "deja", NULL }, f, i, text_word_end(f, b, i)))
			return 0; /* a noun of its own: "Some 400 villagers escaped" */
	return prev != NULL && !prev->derived && prev->sent_end + 2 >= os &&
	    (strcmp(prev->indicator, "abductions") == 0 || strcmp(prev->indicator, "arbitrary_detentions") == 0 ||
	    strcmp(prev->indicator, "enforced_disappearances") == 0);
}

int
extract_other_noun(const struct work *w, const struct text_sentence *s, size_t k)
{
	/* labelling rule 2: returnees are not counted */
	static const char *const nouns[] = {
		"returnees", "returnee", "rapatries", "rapatriees", "retournes", "retournees", NULL
	};
	static const char *const cases[] = { "cases", "case", "cas", NULL };
	static const char *const links[] = { "of", "de", "d", "du", "suspected", "suspects", "confirmed",
		"confirmes", "new", "nouveaux", NULL };
	static const char *const diseases[] = {
		"cholera", "measles", "malaria", "meningitis", "dengue", "mpox", "covid", "diarrhoea",
		"diarrhea", "polio", "ebola", "hepatitis", "yellow", "choleras", "rougeole", "paludisme",
		"meningite", "diarrhee", "fievre", "hepatite", NULL
	};
	const char *f = w->t->f;
	size_t i = w->nums[k].end, e;
	int is_case = 0;

	for (int n = 0; n < 5 && i < s->end; n++) {
		while (i < s->end && (f[i] == ' ' || f[i] == '\''))
			i++;
		e = text_word_end(f, s->end, i);
		if (e == i)
			return 0;
		if (n == 0 && mention_in_list(nouns, f, i, e))
			return 1; /* "85,000 returnees", "85 000 rapatriés" */
		if (n == 0 && mention_in_list(cases, f, i, e))
			is_case = 1;
		else if (!is_case)
			return 0;
		else if (mention_in_list(diseases, f, i, e))
			return 1; /* "45 cases of measles", "45 cas de choléra" */
		else if (!mention_in_list(links, f, i, e))
			return 0;
		i = e;
	}
	return 0;
}

/* Whether f[i] starts one of list's phrases; its end in *e. */
static int
phrase_in(const char *const *list, const char *f, size_t hi, size_t i, size_t *e)
{
	for (size_t p = 0; list[p] != NULL; p++)
		if (f[i] == list[p][0] && text_word_at(f, hi, i, list[p])) {
			*e = i + strlen(list[p]);
			return 1;
		}
	return 0;
}

/* Whether a camp or site is named within three words from i: people
 * who "returned to the site" came back to their shelter, not home. */
static int
to_camp(const char *f, size_t hi, size_t i)
{
	static const char *const camps[] = { "site", "sites", "camp", "camps", NULL };

	for (int n = 0; n < 3 && i < hi; n++) {
		size_t e;

		while (i < hi && f[i] == ' ')
			i++;
		if (i >= hi || !text_isalpha((unsigned char)f[i]))
			return 0;
		e = text_word_end(f, hi, i);
		if (mention_in_list(camps, f, i, e))
			return 1;
		i = e;
	}
	return 0;
}

int
extract_released(const struct work *w, const struct text_sentence *s, size_t k, const struct mention *m)
{
	static const char *const freed[] = {
		"released", "freed", "liberes", "liberees", "libere", "liberee", "relaches", "relachees",
		"remis en liberte", "remises en liberte", NULL
	};
	static const char *const back[] = {
		"returned", "repatriated", "rentres", "rentrees", "rapatries", "rapatriees", "retournes",
		"retournees", NULL
	};
	static const char *const freed_of[] = {
		"release of", "liberation de", "liberation des", "liberation d'", "remise en liberte de", NULL
	};
	static const char *const back_of[] = { "return of", "retour de", "rapatriement de", NULL };
	static const char *const links[] = {
		"who", "whom", "of", "them", "qui", "dont", "d'entre", "eux", "elles", NULL
	};
	const char *f = w->t->f, *ind = taxonomy_indicator_name(w->tx, m->indicator);
	int held = strcmp(ind, "arbitrary_detentions") == 0 || strcmp(ind, "abductions") == 0 ||
	    strcmp(ind, "enforced_disappearances") == 0;
	int gone = m->indicator == w->ids[0] || m->indicator == w->ids[1];
	const char *const *words = held ? freed : back, *const *before = held ? freed_of : back_of;
	size_t i = w->nums[k].end, e, qs, b;

	if (!held && !gone)
		return 0;
	/* "the release of 28 detainees", "la libération de 28 détenus" */
	(void)mention_qualifier(f, s->start, w->nums[k].start, &qs);
	for (b = qs; b > s->start && f[b - 1] == ' '; b--)
		;
	for (size_t p = 0; before[p] != NULL; p++) {
		size_t n = strlen(before[p]);

		if (b >= s->start + n && memcmp(f + b - n, before[p], n) == 0 &&
		    (b - n == s->start || !text_isalnum((unsigned char)f[b - n - 1])))
			return 1;
	}
	/* "20 who were later released", "dont 20 ont été remises en liberté",
	 * "40 000 réfugiés rentrés", "3,500 returned refugees": the count's
	 * own noun phrase, then only auxiliaries and relative words */
	for (int n = 0; n < 8 && i < s->end; n++) {
		while (i < s->end && (f[i] == ' ' || f[i] == '\''))
			i++;
		if (i >= s->end || !text_isalpha((unsigned char)f[i]))
			return 0;
		if (phrase_in(words, f, s->end, i, &e))
			return held || !to_camp(f, s->end, e);
		e = text_word_end(f, s->end, i);
		if (n > 1 && !mention_is_aux(f, i, e) && !mention_in_list(links, f, i, e))
			return 0;
		if (n <= 1 && mention_is_stop(f, i, e) && !mention_is_aux(f, i, e) && !mention_in_list(links, f, i, e))
			return 0;
		i = e;
	}
	return 0;
}
