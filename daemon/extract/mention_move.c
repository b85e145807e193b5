/*
 * mention_move — where the people a count names went (see mention.h):
 * people arriving in or reaching a place ("1,700 Chadians have reached
 * Cameroon"), leaving one for another ("have left central Mali for
 * Mauritania"), and people who fled across a border ("over the border",
 * "to Chad", "ont fui au Tchad"); refugees when the place is another
 * country than their own, displaced in their own.
 */
#include <string.h>

#include "rightswatch/mention.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "mention_int.h"

#define is_word mention_is_word
#define in_list mention_in_list

/* Verbs of arriving: where people arrive says whether they crossed a border. */
static const char *const arrive[] = {
	"arrived", "arrive", "arriving", "arrives", "arrivees", "arrivent", "arrivee",
	"reached", "reach", "reaching", "entered", "entering", "gagne", "gagnes", "gagnee",
	"gagnees", "rejoint", "rejoints", "rejointes", "entres", "entrees", NULL
};
/* Verbs of leaving a place: the place after them is where people come from. */
static const char *const leave[] = {
	"left", "leaving", "quitte", "quittes", "quittees", "quittent", NULL
};
/* People named by their arriving: "4,200 new arrivals from Sudan". */
static const char *const arrivals[] = { "arrivals", "arrivants", "arrivantes", NULL };
/* What comes between "arrivals" and the place they come from. */
static const char *const from_words[] = {
	"from", "venus", "venues", "venant", "en", "provenance", "de", "du", "des", "d", "the", NULL
};
/* Words before the people who arrive: "3,000 more", "16 000 nouveaux". */
static const char *const arrive_fill[] = {
	"more", "new", "additional", "other", "autres", "nouveaux", "nouvelles", NULL
};

/* The country of place term t, or -1. */
static int
place_country(const struct mention_sent *s, const struct mention_term *tm)
{
	if (tm->kind == TAXONOMY_COUNTRY)
		return tm->id;
	return tm->kind == TAXONOMY_REGION ? taxonomy_region_country(s->tx, tm->id) : -1;
}

/* "1,700 more Chadians have reached Cameroon", "2 600 Maliens sont
 * arrivés à Gao": people who arrive in a country not their own (their
 * nationality, else the release's country) are refugees; in their own,
 * displaced. Nothing when the place of arrival is not named. */
static int country_at(const struct mention_sent *s, size_t i, size_t hi);

/* "3,800 new arrivals from Burkina Faso", "3 800 nouveaux arrivants venus
 * du Burkina Faso": people who arrive in the release's country from the
 * place named; refugees when it is another country, displaced when it is
 * their own; nothing when no place of origin is named. e: the end of
 * "arrivals". */
static int
arrivals_from(const struct mention_sent *s, size_t k, size_t e, int c, struct mention *m)
{
	size_t i = e;
	int origin = -1;

	for (int n = 0; n < 5 && i < s->hi && origin < 0; n++) {
		size_t we;

		while (i < s->hi && (s->f[i] == ' ' || s->f[i] == '\''))
			i++;
		for (size_t t = 0; t < s->nterms; t++)
			if (s->terms[t].start == i && clause_of(s->cl, s->ncl, i) == c)
				origin = place_country(s, &s->terms[t]);
		we = text_word_end(s->f, s->hi, i);
		if (origin >= 0 || we == i || !in_list(from_words, s->f, i, we))
			break;
		i = we;
	}
	if (origin < 0 || s->home < 0 || (origin != s->home ? s->refugees : s->displaced) < 0)
		return 0;
	m->rule = origin != s->home ? "people arriving in another country" : "people arriving in their own country";
	m->indicator = origin != s->home ? s->refugees : s->displaced;
	m->start = s->nums[k].start;
	m->end = e;
	m->left_country = origin != s->home ? origin + 1 : 0;
	return 1;
}

int
mention_arrival(const struct mention_sent *s, size_t k, struct mention *m)
{
	size_t i = s->nums[k].end, t = 0, e, ae;
	int origin = s->home, dest = -1, c = clause_of(s->cl, s->ncl, s->nums[k].start), left = 0;

	for (int n = 0; n < 8 && i < s->hi; n++) {
		while (i < s->hi && s->f[i] == ' ')
			i++;
		if ((ae = clause_apposition_at(s->cl, s->ncl, i)) != 0 ||
		    (i > 0 && (ae = clause_apposition_at(s->cl, s->ncl, i - 1)) != 0)) {
			i = ae; /* "Maliens, surtout des enfants, sont arrivés" */
			continue;
		}
		while (t < s->nterms && s->terms[t].start < i)
			t++;
		e = text_word_end(s->f, s->hi, i);
		if (t < s->nterms && s->terms[t].start == i && (s->terms[t].kind == TAXONOMY_PEOPLE ||
		    s->terms[t].kind == TAXONOMY_COUNTRY)) {
			if (s->terms[t].kind == TAXONOMY_COUNTRY)
				origin = s->terms[t].id; /* the nationality */
			i = s->terms[t].end;
		} else if (e > i && (in_list(arrive_fill, s->f, i, e) || mention_is_aux(s->f, i, e))) {
			i = e;
		} else if (e > i && (in_list(arrive, s->f, i, e) || in_list(leave, s->f, i, e))) {
			break;
		} else if (e > i && in_list(arrivals, s->f, i, e)) {
			return arrivals_from(s, k, e, c, m);
		} else {
			return 0;
		}
	}
	if (i >= s->hi)
		return 0;
	e = text_word_end(s->f, s->hi, i);
	if (in_list(leave, s->f, i, e)) {
		/* "4,500 people have left central Mali for Burkina Faso": the place
		 * left is where they come from; none named, nothing is said */
		int from = country_at(s, e, s->hi);

		if (from < 0)
			return 0;
		origin = from;
		left = from + 1;
		while (t < s->nterms && s->terms[t].start < e)
			t++;
		t++; /* past the place left */
		dest = origin;
	} else if (!in_list(arrive, s->f, i, e)) {
		return 0;
	}
	for (int first = 1; t < s->nterms && (dest < 0 || (first && dest == origin)); t++)
		if (s->terms[t].start >= e && clause_of(s->cl, s->ncl, s->terms[t].start) == c &&
		    place_country(s, &s->terms[t]) >= 0) {
			dest = place_country(s, &s->terms[t]);
			first = 0;
		}
	/* "2 100 Maliens sont arrivés au poste frontière": people of another
	 * nationality who arrive, no place named, arrive in the release's country */
	if (dest < 0 && origin >= 0 && origin != s->home && s->home >= 0 && !left)
		dest = s->home;
	if (dest < 0 || origin < 0 || (dest != origin ? s->refugees : s->displaced) < 0)
		return 0;
	m->rule = dest != origin ? "people arriving in another country" : "people arriving in their own country";
	m->indicator = dest != origin ? s->refugees : s->displaced;
	m->start = s->nums[k].start;
	m->end = e;
	m->left_country = left;
	return 1;
}

/* Words after a verb of flight that say a border was crossed: "across the
 * border", "over the frontier", "de l'autre côté de la frontière". */
static const char *const across[] = {
	"across", "over", "beyond", "through", "travers", "cote", NULL
};
static const char *const border_words[] = {
	"border", "borders", "frontier", "frontiers", "frontiere", "frontieres", NULL
};
/* Prepositions of a destination; in French "au", "en", "dans" are one only
 * after a verb of flight ("ont fui au Niger", not "déplacés au Niger"). */
static const char *const toward[] = { "to", "into", "towards", "toward", "vers", "jusqu", NULL };
static const char *const fr_into[] = { "au", "aux", "en", "dans", NULL };
static const char *const articles[] = {
	"the", "le", "la", "les", "l", "de", "du", "d", "direction", "neighbouring", "neighboring",
	"nearby", "voisin", "voisine", "neighbouring", NULL
};

/* Whether the term ending at e is a verb of flight ("fled", "ont fui",
 * "se sont enfuis", "escaped"). */
static int
flight_verb(const struct mention_sent *s, size_t e)
{
	static const char *const stems[] = { "fled", "flee", "escap", "fui", "fuy", NULL };

	for (size_t t = 0; t < s->nterms; t++) {
		if (s->terms[t].end != e)
			continue;
		for (size_t p = 0; stems[p] != NULL; p++)
			if (memmem(s->f + s->terms[t].start, e - s->terms[t].start, stems[p], strlen(stems[p])) != NULL)
				return 1;
		return 0;
	}
	return 0;
}

/* The country of the place term at i (articles skipped), or -1; -2 when
 * no place term is there. */
static int
country_at(const struct mention_sent *s, size_t i, size_t hi)
{
	for (int n = 0; n < 3 && i < hi; n++) {
		size_t e;

		while (i < hi && (s->f[i] == ' ' || s->f[i] == '\''))
			i++;
		for (size_t t = 0; t < s->nterms; t++)
			if (s->terms[t].start == i)
				return s->terms[t].kind == TAXONOMY_COUNTRY || s->terms[t].kind == TAXONOMY_REGION ?
				    place_country(s, &s->terms[t]) : -2;
		e = text_word_end(s->f, hi, i);
		if (e == i || !in_list(articles, s->f, i, e))
			return -2;
		i = e;
	}
	return -2;
}

int
mention_crossed(const struct mention_sent *s, size_t k, const struct mention *m)
{
	int c = clause_of(s->cl, s->ncl, s->nums[k].start), origin = s->home, flight;
	size_t hi = c >= 0 ? s->cl[c].end : s->hi, i = m->end;
	int crossing = 0; /* an across word, then only articles, was read */

	if (m->indicator != s->displaced || s->refugees < 0)
		return 0;
	/* their nationality, between the count and the verb ("Malians fled") */
	for (size_t t = 0; t < s->nterms; t++)
		if (s->terms[t].start >= s->nums[k].end && s->terms[t].end <= m->end &&
		    s->terms[t].kind == TAXONOMY_COUNTRY)
			origin = s->terms[t].id;
	flight = flight_verb(s, m->end);
	for (int n = 0; n < 8 && i < hi; n++) {
		size_t e;
		int dest;

		while (i < hi && (s->f[i] == ' ' || s->f[i] == '\''))
			i++;
		if (i >= hi || !text_isalpha((unsigned char)s->f[i]))
			return 0;
		e = text_word_end(s->f, hi, i);
		/* "over the border", "de l'autre côté de la frontière": the border
		 * crossed; not "towards the border town" */
		if (in_list(border_words, s->f, i, e))
			return crossing;
		if (is_word(s->f, i, e, "abroad") || is_word(s->f, i, e, "etranger"))
			return flight;
		if (in_list(toward, s->f, i, e) || (flight && s->fr && in_list(fr_into, s->f, i, e))) {
			dest = country_at(s, e, hi);
			if (dest != -2)
				return dest >= 0 && origin >= 0 && dest != origin;
		}
		if (in_list(across, s->f, i, e))
			crossing = 1;
		else if (!in_list(articles, s->f, i, e))
			crossing = 0;
		i = e;
	}
	return 0;
}
