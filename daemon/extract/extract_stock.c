/*
 * extract_stock — stocks (see extract_int.h): which figures are a stock
 * ("are internally displaced", "the camp hosts 10,000 refugees") rather
 * than an event, and the base of a stock compared with it ("up from
 * 280,000 in March": a stock as of 31 March; "against 480,000 on 31
 * December": as of that day).
 */
#include <string.h>

#include "rightswatch/extract.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"
#include "extract_int.h"
#include "mention_int.h"

int
extract_is_stock(const struct work *w, const char *ind, size_t lo, size_t hi, size_t ns, size_t ne)
{
	static const char *const before[] = {
		"already", "currently", "deja", "actuellement", "now", "today", "desormais", "hosts",
		"hosting", "shelters", "sheltering", "abrite", "abritant", "accueille", "accueillant",
		"compte", "stood at", "stands at", "s'elevait a", "s'eleve a", "s'elevaient a", NULL
	};
	static const char *const after[] = {
		"are", "is", "remain", "remained", "sont", "restent", "demeurent", "currently",
		"actuellement", "still", "toujours", "deja", "already", "desormais", NULL
	};
	/* "sont arrivés", "sont venus": a past of movement, not a state */
	static const char *const moved[] = {
		"arrives", "arrivees", "venus", "venues", "entres", "entrees", "rentres", "rentrees",
		"partis", "parties", "passes", "passees", "enfuis", "enfuies", "retournes", NULL
	};
	const char *f = w->t->f;
	size_t a = ns > lo + 40 ? ns - 40 : lo;

	if (strcmp(ind, "displaced") != 0 && strcmp(ind, "refugees") != 0)
		return 0;
	for (size_t i = a; i < ns; i++)
		if (i == lo || !text_isalnum((unsigned char)f[i - 1]))
			for (size_t k = 0; before[k] != NULL; k++)
				if (text_word_at(f, ns, i, before[k]))
					return 1;
	for (size_t i = ne, cnt = 0; i < hi && cnt < 6; ) {
		size_t e;

		while (i < hi && !text_isalnum((unsigned char)f[i]))
			i++;
		if (i >= hi)
			break;
		e = text_word_end(f, hi, i);
		for (size_t k = 0; after[k] != NULL; k++)
			if (text_word_eq(after[k], f + i, e - i)) {
				size_t b = e, be;

				while (b < hi && f[b] == ' ')
					b++;
				be = text_word_end(f, hi, b);
				return be == b || !mention_in_list(moved, f, b, be);
			}
		i = e;
		cnt++;
	}
	return 0;
}


/* Whether a day follows the number at ns at once ("480,000 on 31
 * December", "480 000 au 31 décembre"): the as-of date of a stock's base;
 * "9,000 recorded on 3 May" is a count of that day. */
static int
day_follows(const char *f, size_t hi, size_t ns)
{
	size_t i = ns;

	while (i < hi && ((f[i] >= '0' && f[i] <= '9') || f[i] == ' ' || f[i] == ',' || f[i] == '.'))
		i++;
	if (text_word_at(f, hi, i, "million") || text_word_at(f, hi, i, "millions"))
		for (i = text_word_end(f, hi, i); i < hi && f[i] == ' '; i++)
			;
	return text_word_at(f, hi, i, "on") || text_word_at(f, hi, i, "au") || text_word_at(f, hi, i, "as of") ||
	    text_word_at(f, hi, i, "as at");
}

void
extract_base_of_stock(const struct work *w, size_t lo, size_t ns, struct extract_obs *o)
{
	const struct extract_obs *b = w->nobs > 0 ? &w->obs[w->nobs - 1] : NULL;

	if (b == NULL || !extract_obs_end_only(b) || b->derived || !o->has_period ||
	    (date_days_from_civil(o->period_start.y, o->period_start.m, o->period_start.d) ==
	    date_days_from_civil(o->period_end.y, o->period_end.m, o->period_end.d) &&
	    !day_follows(w->t->f, w->t->len, ns)) ||
	    strcmp(b->indicator, o->indicator) != 0 ||
	    !mention_versus_cue(w->t->f, lo, ns))
		return;
	o->has_period = 0;
	o->period_start = (struct date_ymd){ 0, 0, 0 };
	o->how.type = PERIOD_T_ASOF;
}

int
extract_brought_total(const struct work *w, size_t lo, size_t ns, size_t ne, size_t hi)
{
	static const char *const verbs[] = {
		"bringing", "brings", "bring", "brought", "portant", "porte", "portent", "portait", "porter", NULL
	};
	static const char *const totals[] = {
		"the number", "the total", "le nombre", "le total", NULL
	};
	const char *f = w->t->f;
	size_t a = ns > lo + 24 ? ns - 24 : lo, i = ne;
	int verb = 0;

	/* "bringing to 610,000", "ce qui porte à 610 000" */
	for (size_t j = a; j < ns && !verb; j++)
		if (j == lo || !text_isalnum((unsigned char)f[j - 1]))
			for (size_t k = 0; verbs[k] != NULL && !verb; k++)
				verb = text_word_at(f, ns, j, verbs[k]) && (text_word_at(f, ns, j + strlen(verbs[k]) + 1, "to") ||
				    text_word_at(f, ns, j + strlen(verbs[k]) + 1, "a"));
	if (!verb)
		return 0;
	/* "... the number of refugees", "le nombre (total) de réfugiés" */
	while (i < hi && f[i] == ' ')
		i++;
	for (size_t k = 0; totals[k] != NULL; k++)
		if (text_word_at(f, hi, i, totals[k]))
			return 1;
	return 0;
}
