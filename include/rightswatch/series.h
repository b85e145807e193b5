/*
 * series — one country's indicator over time, as the dashboard's series
 * page and `rightswatch chart` show it: the figures of every release
 * (store_series_figures), the baselines the operator gave, the alerts
 * raised, and each threshold's limit over the time it holds, laid out as
 * a chart (chart.h). The same gathering serves the page and the file, so
 * both draw the same SVG.
 *
 * Everything is owned by the struct: series_clear frees it.
 */
#ifndef RW_SERIES_H
#define RW_SERIES_H

#include <stddef.h>

#include "rightswatch/chart.h"
#include "rightswatch/store.h"

struct config;
struct taxonomy;

struct series {
	const char *country;          /* the extractor's spelling (owned by tx) */
	const char *indicator;        /* canonical name (owned by tx) */
	struct taxonomy *tx;
	struct store_figure *figs;    /* oldest first */
	size_t nfigs;
	struct store_baseline *bl;    /* every origin, as store_baseline_list gives them */
	size_t nbl;
	struct store_alert *alerts;   /* oldest first */
	size_t nalerts;
	struct chart_mark *marks;
	size_t nmarks;
	struct chart_line *lines;
	size_t nlines;
	char **labels;                /* the marks' and lines' labels */
	size_t nlabels;
	char title[256];
	char desc[512];
	struct chart chart;           /* points into the above */
};

/* Name the series: country (any case, or one of its terms) and indicator
 * (any case) as cf and the built-in taxonomy know them. 0; 1 when one is
 * missing or unknown, with why (a sentence, raw text: escape it); -1 out
 * of memory. */
int series_open(const struct config *cf, const char *country, const char *indicator,
    struct series *s, char *why, size_t whylen);
/* Read the series from st and lay out its chart, each release linked as
 * link_base + "/release/ID" ("" for a path on this host, NULL for no
 * links). 0, or -1 (the
 * store's error in store_errmsg, or out of memory: err says which). */
int series_gather(struct series *s, struct store *st, const struct config *cf,
    const char *link_base, char *err, size_t errlen);
/* Free what s holds and zero it. Accepts a zeroed struct. */
void series_clear(struct series *s);

#endif
