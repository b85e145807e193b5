/*
 * extract_work — the working state of one extract_text call that every
 * stage shares: appending an observation. Below extract.c and
 * extract_derive.c, which both append.
 */
#include <stdlib.h>

#include "extract_int.h"

int
extract_push(struct work *w, const struct extract_obs *o)
{
	if (w->nobs >= EXTRACT_MAX_OBS)
		return 0;
	if (w->nobs == w->cap) {
		size_t nc = w->cap * 2 + 16;
		struct extract_obs *nv = realloc(w->obs, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		w->obs = nv;
		w->cap = nc;
	}
	w->obs[w->nobs++] = *o;
	return 0;
}
