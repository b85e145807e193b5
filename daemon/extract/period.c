/*
 * period — the temporal-expression normaliser's driver (see period.h).
 *
 * At each word start of the sentence, the trigger table (period_trig.c)
 * says which recognisers the word may begin; they are tried in a fixed
 * order (ranges, "since", dates in figures, parts of months, as-of dates,
 * the reporting period, the previous expression, weekdays, comparisons,
 * phrases relative to the publication, durations back from it, parts of
 * years, spans of months, then bare dates), and the first that reads a
 * phrase wins; the scan goes on after it. A year left out is the reporting
 * period's or the release's, or the one before when that would put the
 * period after the release. Each word is looked at a bounded number of
 * times, so the scan is linear in the sentence.
 */
#include <string.h>

#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"
#include "period_int.h"

/* Two phrases joined by "and" ("on Thursday and over the weekend") are one. */
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

/* Whether f[a, b) writes a year (four digits from 1900 to 2100). */
static int
has_year(const char *f, size_t a, size_t b)
{
	for (size_t i = a; i + 4 <= b; i++)
		if ((i == a || !isdig(f[i - 1])) && isdig(f[i]) && isdig(f[i + 1]) && isdig(f[i + 2]) &&
		    isdig(f[i + 3]) && (i + 4 == b || !isdig(f[i + 4])) &&
		    (f[i] == '1' ? f[i + 1] == '9' : f[i] == '2' && f[i + 1] <= '1'))
			return 1;
	return 0;
}

/* Whether a comparison's reference follows f[e] in its clause ("trois fois
 * plus en un trimestre que pendant toute l'année 2019"). */
static int
reference_follows(const struct pc *c, size_t e)
{
	for (size_t j = e, n = 0; j < c->hi && n < 4; n++) {
		size_t we;

		while (j < c->hi && (c->f[j] == ' ' || c->f[j] == '\''))
			j++;
		if (j >= c->hi || !text_isalpha((unsigned char)c->f[j]))
			return 0;
		we = text_word_end(c->f, c->hi, j);
		if ((we - j == 3 && memcmp(c->f + j, "que", 3) == 0) || (we - j == 2 && memcmp(c->f + j, "qu", 2) == 0) ||
		    (we - j == 4 && memcmp(c->f + j, "than", 4) == 0))
			return 1;
		j = we;
	}
	return 0;
}

/* Whether a duration at f[i, e) measures a change just before it ("une
 * hausse de 50 % en un an", "doubled in six months"): it is then the span
 * of the comparison, not the period of a figure; unless the comparison's
 * reference follows it, when the duration is the figure's own. */
static int
after_change(const struct pc *c, size_t i, size_t e)
{
	static const char *const words[] = {
		"cent", "percent", "fois", "times", "fold", "doubled", "double", "tripled", "triple",
		"quadrupled", "quadruple", "multiplie", "multipliee", NULL
	};
	size_t lo = i > c->lo + 24 ? i - 24 : c->lo;

	if (reference_follows(c, e))
		return 0;
	for (size_t j = lo; j < i; j++) {
		if (c->f[j] == '%')
			return 1;
		if (j == lo || !text_isalnum((unsigned char)c->f[j - 1]))
			for (size_t k = 0; words[k] != NULL; k++)
				if (text_word_at(c->f, i, j, words[k]))
					return 1;
	}
	return 0;
}

/* The phrase at f[i] (its first word ending at we) that the recognisers in
 * mask read, into pm; its end, or 0. */
static size_t
recognise(const struct pc *c, size_t i, int mask, struct period_mention *pm)
{
	struct dt d, d2;
	struct date_ymd d2s;
	size_t e;

	if ((mask & R_RANGE) && (e = period_range(c, i, pm)) != 0)
		return e;
	if ((mask & R_BACK) && (e = period_span_to(c, i, pm)) != 0)
		return e;
	if ((mask & R_SINCE) && (e = period_since(c, i, pm)) != 0)
		return e;
	if ((mask & R_NUM) && (e = period_numeric(c, i, pm)) != 0)
		return e;
	if ((mask & R_SUB) && ((e = period_part_of_month(c, i, pm)) != 0 || (e = period_decade(c, i, pm)) != 0))
		return e;
	if ((mask & R_ASOF) && (e = period_as_of(c, i, pm)) != 0)
		return e;
	if ((mask & R_REP) && (e = period_reporting(c, i, pm)) != 0)
		return e;
	if ((mask & R_ANCH) && (e = period_from_previous(c, i, pm)) != 0)
		return e;
	if ((mask & R_WEEK) && (e = period_days_of_week(c, i, pm)) != 0)
		return e;
	if ((mask & R_COMP) && (e = period_comparative(c, i, pm)) != 0)
		return e;
	if ((mask & R_REL) && (e = period_relative(c, i, pm)) != 0)
		return e;
	if ((mask & R_BACK) && (e = period_back(c, i, pm)) != 0)
		return e;
	if ((mask & R_PART) && (e = period_part_of_year(c, i, pm)) != 0)
		return e;
	if ((mask & R_SPAN) && ((e = period_month_span(c, i, pm)) != 0 ||
	    (isdig(c->f[i]) && (e = period_day_span(c, i, pm)) != 0)))
		return e;
	if ((mask & R_DATE) && (e = period_date_at(c, i, &d, 1)) != 0) {
		period_fill_year(c, &d);
		period_bounds(&d, &pm->ps, &pm->pe);
		pm->grain = d.prec == 3 ? PERIOD_G_DAY : d.prec == 2 ? PERIOD_G_MONTH : PERIOD_G_YEAR;
		return e;
	}
	if ((mask & R_DATE) && isdig(c->f[i]) && (e = period_day_list(c, i, &d, &d2)) != 0) {
		period_fill_year(c, &d);
		period_fill_year(c, &d2);
		period_bounds(&d, &pm->ps, &pm->pe);
		period_bounds(&d2, &d2s, &pm->pe);
		pm->grain = PERIOD_G_DAY;
		return e;
	}
	return 0;
}

/* Whether the interval of pm is a real one (or pm needs none). */
static int
well_formed(const struct period_mention *pm)
{
	return pm->kind != PERIOD_ABSOLUTE || pm->type == PERIOD_T_VAGUE ||
	    (date_valid(pm->ps.y, pm->ps.m, pm->ps.d) && date_valid(pm->pe.y, pm->pe.m, pm->pe.d) &&
	    period_days(pm->ps, pm->pe) >= 0);
}

/* The anchor of a date or range: none when its year is written; else the
 * reporting period when it falls inside it, else the publication. */
static int
date_anchor(const struct pc *c, const struct period_mention *pm)
{
	if (has_year(c->f, pm->start, pm->end))
		return PERIOD_A_NONE;
	if (c->has_report && period_days(c->rs, pm->ps) >= 0 && period_days(pm->pe, c->re) >= 0)
		return PERIOD_A_REPORTING;
	return PERIOD_A_PUBLICATION;
}

/* Two absolute phrases joined by "and" become one: out[n - 1] widened to
 * pm. Returns 1 when done. */
static int
merge(const struct pc *c, struct period_mention *q, const struct period_mention *pm)
{
	if (pm->kind != PERIOD_ABSOLUTE || pm->open || pm->type == PERIOD_T_VAGUE ||
	    q->kind != PERIOD_ABSOLUTE || q->open || q->type == PERIOD_T_VAGUE || q->ref != pm->ref ||
	    !joined(c, q->end, pm->start) || !well_formed(pm))
		return 0;
	if (period_days(pm->ps, q->ps) > 0)
		q->ps = pm->ps;
	if (period_days(q->pe, pm->pe) > 0)
		q->pe = pm->pe;
	if (q->type == PERIOD_T_DATE || q->type == PERIOD_T_RELATIVE)
		q->type = PERIOD_T_RANGE;
	q->end = pm->end;
	return 1;
}

size_t
period_scan_ctx(const char *f, size_t len, size_t start, size_t end,
    const struct period_context *ctx, struct period_mention *out, size_t max)
{
	struct pc c;
	size_t i = start, n = 0;

	(void)len;
	memset(&c, 0, sizeof(c));
	c.f = f;
	c.lo = start;
	c.hi = end;
	c.rel = ctx->release;
	c.has_report = ctx->has_report;
	c.rs = ctx->rs;
	c.re = ctx->re;
	c.has_prev = ctx->has_prev;
	c.prev_s = ctx->prev_s;
	c.prev_e = ctx->prev_e;
	c.words = ctx->words;
	while (i < end) {
		struct period_mention pm;
		size_t e, we;
		int mask;

		if (!text_isalnum((unsigned char)f[i]) || (i > start && text_isalnum((unsigned char)f[i - 1]))) {
			i++;
			continue;
		}
		we = text_word_end(f, end, i);
		/* Most words begin no temporal phrase: only the recognisers the
		 * first word can start are tried. */
		mask = period_trigger(&c, i, we);
		if (we + 9 < end && f[we] == ' ' && memcmp(f + we + 1, "premier", 7) == 0)
			mask |= R_PART; /* "six premiers mois" */
		if (mask == 0) {
			i = we;
			continue;
		}
		memset(&pm, 0, sizeof(pm));
		if ((e = recognise(&c, i, mask, &pm)) == 0 || e <= i) {
			i = we;
			continue;
		}
		pm.start = i;
		pm.end = e;
		if ((pm.type == PERIOD_T_DATE || pm.type == PERIOD_T_RANGE) && pm.anchor == PERIOD_A_NONE)
			pm.anchor = date_anchor(&c, &pm);
		if (pm.type == PERIOD_T_BACK && after_change(&c, i, e) && pm.ps.d == pm.pe.d) {
			/* "50 % en un an": the base lies that long before the figure's period */
			pm.shift = -((pm.pe.y - pm.ps.y) * 12 + pm.pe.m - pm.ps.m);
			pm.kind = PERIOD_SAME;
			pm.ps = pm.pe = (struct date_ymd){ 0, 0, 0 };
			pm.type = PERIOD_T_RELATIVE;
			pm.anchor = PERIOD_A_PREVIOUS;
		}
		pm.ref = pm.ref || pm.kind != PERIOD_ABSOLUTE || period_is_ref(&c, i) ||
		    (pm.type == PERIOD_T_BACK && after_change(&c, i, e));
		if (n > 0 && out[n - 1].ref && !pm.ref) {
			/* "the previous quarter (January - March 2024)" restates the reference */
			size_t g = out[n - 1].end;

			while (g < i && (f[g] == ' ' || f[g] == '(' || f[g] == ','))
				g++;
			pm.ref = g == i;
		}
		i = e;
		if (n > 0 && merge(&c, &out[n - 1], &pm))
			continue;
		if (n < max && well_formed(&pm))
			out[n++] = pm;
		/* the next "the day before" counts from this one */
		if (pm.kind == PERIOD_ABSOLUTE && !pm.open && pm.type != PERIOD_T_VAGUE &&
		    pm.type != PERIOD_T_BACK && well_formed(&pm)) {
			c.has_prev = 1;
			c.prev_s = pm.ps;
			c.prev_e = pm.pe;
			c.prev_grain = pm.grain;
		}
	}
	return n;
}

size_t
period_scan(const char *f, size_t len, size_t start, size_t end,
    struct date_ymd release, struct period_mention *out, size_t max)
{
	struct period_context ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.release = release;
	return period_scan_ctx(f, len, start, end, &ctx, out, max);
}

/* Whether f[start, end) holds "cover", "couv" or "period" anywhere. Each
 * has an 'o' (the second byte of the first two, the fifth of the last):
 * memchr jumps from one 'o' to the next, and only there are the bytes
 * around it compared. */
static int
cue_stem(const char *f, size_t start, size_t end)
{
	const char *p = f + start, *hi = f + end;

	while (p < hi && (p = memchr(p, 'o', (size_t)(hi - p))) != NULL) {
		size_t k = (size_t)(p - f);

		if (k > start && f[k - 1] == 'c' && ((k + 3 <= end && f[k + 1] == 'u' && f[k + 2] == 'v') ||
		    (k + 4 <= end && memcmp(f + k + 1, "ver", 3) == 0)))
			return 1;
		if (k >= start + 4 && k + 2 <= end && memcmp(f + k - 4, "peri", 4) == 0 && f[k + 1] == 'd')
			return 1;
		p++;
	}
	return 0;
}

size_t
period_reporting_cue(const char *f, size_t start, size_t end)
{
	static const char *const cues[] = {
		"covering the period", "covering the months", "covering", "covers the period", "covers",
		"reporting period", "period covered", "period under review", "couvrant la periode",
		"couvrant", "couvre la periode", "couvre", "periode couverte", "periode consideree",
		"periode sous revue", "periode allant", NULL
	};
	/* the cues' first words: a cue matched at a word is one of these */
	static const char *const firsts[] = {
		"covering", "covers", "reporting", "period", "couvrant", "couvre", "periode", NULL
	};

	/* every cue holds one of these: a sentence with none (nearly all) is
	 * passed after one pass over its bytes, not a word at a time */
	if (start >= end || !cue_stem(f, start, end))
		return 0;
	for (size_t i = start; i < end; i++) {
		size_t we;
		int first = 0;

		if (!text_isalpha((unsigned char)f[i]))
			continue;
		we = text_word_end(f, end, i); /* a cue begins a word, never inside one */
		if (f[i] == 'c' || f[i] == 'r' || f[i] == 'p')
			for (size_t k = 0; firsts[k] != NULL && !first; k++)
				first = text_word_eq(firsts[k], f + i, we - i);
		for (size_t k = 0; first && cues[k] != NULL; k++) {
			size_t n = strlen(cues[k]);

			if (i + n <= end && memcmp(f + i, cues[k], n) == 0 &&
			    (i + n == end || !text_isalnum((unsigned char)f[i + n])))
				return i + n;
		}
		i = we;
	}
	return 0;
}

const char *
period_type_name(int type)
{
	static const char *const names[] = {
		[PERIOD_T_DATE] = "date", [PERIOD_T_RANGE] = "range", [PERIOD_T_BACK] = "back",
		[PERIOD_T_RELATIVE] = "relative", [PERIOD_T_OPEN] = "open", [PERIOD_T_ASOF] = "as-of",
		[PERIOD_T_VAGUE] = "vague",
	};

	return type >= 0 && (size_t)type < sizeof(names) / sizeof(names[0]) ? names[type] : "date";
}

const char *
period_anchor_name(int anchor)
{
	static const char *const names[] = {
		[PERIOD_A_NONE] = "none", [PERIOD_A_PUBLICATION] = "publication",
		[PERIOD_A_REPORTING] = "reporting", [PERIOD_A_PREVIOUS] = "previous",
	};

	return anchor >= 0 && (size_t)anchor < sizeof(names) / sizeof(names[0]) ? names[anchor] : "none";
}
