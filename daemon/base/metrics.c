/*
 * metrics — counters kept by family (a name, a help text and up to three
 * label names; one value per label set, kept sorted so the exposition is
 * stable), one histogram of fetch latency, and the renderer of the
 * Prometheus text format 0.0.4: "# HELP" and "# TYPE" lines, then one
 * "name{label="value",...} number" line per series.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/metrics.h"

#define METRICS_MAX_LABELS 3

enum metrics_family_id {
	MF_POLLS, MF_RESPONSES, MF_FAILURES, MF_BYTES, MF_RELEASES, MF_OBSERVATIONS,
	MF_ALERTS, MF_DELIVERIES, MF_COUNT
};

struct metrics_def {
	const char *name;
	const char *help;
	const char *labels[METRICS_MAX_LABELS];
	size_t nlabels;
};

/* In the order they are rendered. */
static const struct metrics_def metrics_defs[MF_COUNT] = {
	[MF_POLLS] = { "rightswatch_polls_total",
	    "Polls of a source's feed or listing page started.", { "source" }, 1 },
	[MF_RESPONSES] = { "rightswatch_http_responses_total",
	    "HTTP responses to fetches of feeds and release pages, by status code.",
	    { "kind", "code" }, 2 },
	[MF_FAILURES] = { "rightswatch_http_failures_total",
	    "Fetches that ended without a usable response, by reason.",
	    { "kind", "reason" }, 2 },
	[MF_BYTES] = { "rightswatch_http_received_bytes_total",
	    "Decoded body bytes received by fetches.", { "kind" }, 1 },
	[MF_RELEASES] = { "rightswatch_releases_read_total",
	    "Releases read and stored, by whether their text was new.", { "result" }, 1 },
	[MF_OBSERVATIONS] = { "rightswatch_observations_stored_total",
	    "Figures extracted from releases and stored.", { NULL }, 0 },
	[MF_ALERTS] = { "rightswatch_alerts_raised_total",
	    "Alerts raised (committed with the release that caused them).", { NULL }, 0 },
	[MF_DELIVERIES] = { "rightswatch_deliveries_total",
	    "Delivery attempts of alerts from the outbox, by outcome.",
	    { "destination", "channel", "state" }, 3 },
};

#define METRICS_LATENCY "rightswatch_http_fetch_duration_seconds"
/* Upper bounds (seconds) of the latency buckets: a feed answers in tens of
 * milliseconds to a few seconds; the transfer timeout defaults to 60 s. */
static const double metrics_bounds[] = { 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60 };
#define METRICS_NBOUNDS (sizeof(metrics_bounds) / sizeof(metrics_bounds[0]))

struct metrics_series {
	char *labels[METRICS_MAX_LABELS]; /* values, owned */
	uint64_t value;
};

struct metrics_family {
	struct metrics_series *v;
	size_t n, cap;
};

struct metrics {
	struct metrics_family fam[MF_COUNT];
	uint64_t buckets[METRICS_NBOUNDS]; /* not cumulative: rendering sums them */
	uint64_t nfetch;
	double sum;
};

struct metrics *
metrics_new(void)
{
	return calloc(1, sizeof(struct metrics));
}

void
metrics_free(struct metrics *m)
{
	if (m == NULL)
		return;
	for (size_t f = 0; f < MF_COUNT; f++) {
		for (size_t i = 0; i < m->fam[f].n; i++)
			for (size_t k = 0; k < METRICS_MAX_LABELS; k++)
				free(m->fam[f].v[i].labels[k]);
		free(m->fam[f].v);
	}
	free(m);
}

static int
metrics_cmp(const char *const *a, char *const *b, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int c = strcmp(a[k], b[k]);

		if (c != 0)
			return c;
	}
	return 0;
}

/* Add n to the series of family f with label values lv (NULL taken as ""). */
static void
metrics_add(struct metrics *m, enum metrics_family_id f, const char *const *lv, uint64_t n)
{
	const char *none[METRICS_MAX_LABELS] = { "", "", "" };
	const char *vals[METRICS_MAX_LABELS];
	struct metrics_family *fam;
	struct metrics_series *s;
	size_t nl = metrics_defs[f].nlabels, lo = 0, hi;

	if (m == NULL)
		return;
	fam = &m->fam[f];
	for (size_t k = 0; k < METRICS_MAX_LABELS; k++)
		vals[k] = k < nl && lv[k] != NULL ? lv[k] : none[k];
	/* Binary search for the series, or where it goes. */
	for (hi = fam->n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int c = metrics_cmp(vals, fam->v[mid].labels, nl);

		if (c == 0) {
			fam->v[mid].value += n;
			return;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (fam->n >= METRICS_MAX_SERIES)
		return;
	if (fam->n == fam->cap) {
		size_t cap = fam->cap == 0 ? 8 : fam->cap * 2;

		if ((s = realloc(fam->v, cap * sizeof(*s))) == NULL)
			return;
		fam->v = s;
		fam->cap = cap;
	}
	s = &fam->v[lo];
	memmove(s + 1, s, (fam->n - lo) * sizeof(*s));
	memset(s, 0, sizeof(*s));
	for (size_t k = 0; k < nl; k++)
		if ((s->labels[k] = strdup(vals[k])) == NULL) {
			for (size_t j = 0; j < k; j++)
				free(s->labels[j]);
			memmove(s, s + 1, (fam->n - lo) * sizeof(*s));
			return;
		}
	s->value = n;
	fam->n++;
}

void
metrics_poll(struct metrics *m, const char *source)
{
	metrics_add(m, MF_POLLS, &source, 1);
}

void
metrics_fetch(struct metrics *m, const char *kind, long status, const char *failure,
    uint64_t bytes, double seconds)
{
	char code[24];
	size_t b;

	if (m == NULL)
		return;
	if (failure == NULL) {
		const char *lv[] = { kind, code };

		snprintf(code, sizeof(code), "%ld", status);
		metrics_add(m, MF_RESPONSES, lv, 1);
	} else {
		const char *lv[] = { kind, failure };

		metrics_add(m, MF_FAILURES, lv, 1);
	}
	metrics_add(m, MF_BYTES, &kind, bytes);
	if (!(seconds >= 0))
		seconds = 0;
	for (b = 0; b < METRICS_NBOUNDS && seconds > metrics_bounds[b]; b++)
		;
	if (b < METRICS_NBOUNDS)
		m->buckets[b]++;
	m->nfetch++;
	m->sum += seconds;
}

void
metrics_release(struct metrics *m, const char *result)
{
	metrics_add(m, MF_RELEASES, &result, 1);
}

void
metrics_observations(struct metrics *m, uint64_t n)
{
	metrics_add(m, MF_OBSERVATIONS, NULL, n);
}

void
metrics_alerts(struct metrics *m, uint64_t n)
{
	metrics_add(m, MF_ALERTS, NULL, n);
}

void
metrics_delivery(struct metrics *m, const char *destination, const char *channel,
    const char *state, uint64_t n)
{
	const char *lv[] = { destination, channel, state };

	metrics_add(m, MF_DELIVERIES, lv, n);
}

/* ---- the exposition ---- */

/* A label value as the format wants it: backslash, double quote and line
 * feed escaped. */
static int
metrics_put_value(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		const char *e = *s == '\\' ? "\\\\" : *s == '"' ? "\\\"" : *s == '\n' ? "\\n" : NULL;

		if (e != NULL ? buf_puts(out, e) == -1 : buf_putc(out, *s) == -1)
			return -1;
	}
	return 0;
}

/* {name="value",...}; nothing when n is 0. */
static int
metrics_put_labels(struct buf *out, const char *const *names, const char *const *vals,
    size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (buf_printf(out, "%s%s=\"", k == 0 ? "{" : ",", names[k]) == -1 ||
		    metrics_put_value(out, vals[k]) == -1 || buf_putc(out, '"') == -1)
			return -1;
	return n > 0 ? buf_putc(out, '}') : 0;
}

static int
metrics_head(struct buf *out, const char *name, const char *help, const char *type)
{
	return buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static int
metrics_render_family(const struct metrics *m, enum metrics_family_id f, struct buf *out)
{
	const struct metrics_def *d = &metrics_defs[f];
	const struct metrics_family *fam = m != NULL ? &m->fam[f] : NULL;

	if (metrics_head(out, d->name, d->help, "counter") == -1)
		return -1;
	/* A family without labels always has its one series, zero or not. */
	if (d->nlabels == 0)
		return buf_printf(out, "%s %llu\n", d->name, (unsigned long long)
		    (fam != NULL && fam->n > 0 ? fam->v[0].value : 0));
	for (size_t i = 0; fam != NULL && i < fam->n; i++)
		if (buf_puts(out, d->name) == -1 ||
		    metrics_put_labels(out, d->labels,
		    (const char *const *)fam->v[i].labels, d->nlabels) == -1 ||
		    buf_printf(out, " %llu\n", (unsigned long long)fam->v[i].value) == -1)
			return -1;
	return 0;
}

static int
metrics_render_latency(const struct metrics *m, struct buf *out)
{
	uint64_t cum = 0;

	if (metrics_head(out, METRICS_LATENCY, "Duration of fetches of feeds and release "
	    "pages, queueing excluded.", "histogram") == -1)
		return -1;
	for (size_t b = 0; b < METRICS_NBOUNDS; b++) {
		cum += m != NULL ? m->buckets[b] : 0;
		if (buf_printf(out, "%s_bucket{le=\"%g\"} %llu\n", METRICS_LATENCY,
		    metrics_bounds[b], (unsigned long long)cum) == -1)
			return -1;
	}
	return buf_printf(out, "%s_bucket{le=\"+Inf\"} %llu\n%s_sum %.6f\n%s_count %llu\n",
	    METRICS_LATENCY, (unsigned long long)(m != NULL ? m->nfetch : 0), METRICS_LATENCY,
	    m != NULL ? m->sum : 0.0, METRICS_LATENCY,
	    (unsigned long long)(m != NULL ? m->nfetch : 0));
}

/* Each destination's queue, last success and last failure, one family
 * each (a table of the three). */
static int
metrics_render_dests(const struct metrics_gauges *g, struct buf *out)
{
	static const char *const dest_label[] = { "destination" };
	static const struct {
		const char *name, *help;
		size_t off;
	} fams[] = {
		{ "rightswatch_destination_queued", "Deliveries waiting, by destination.",
		  offsetof(struct metrics_dest, queued) },
		{ "rightswatch_destination_last_success_timestamp_seconds",
		  "When a destination last took an alert (0: never).",
		  offsetof(struct metrics_dest, last_ok) },
		{ "rightswatch_destination_last_error_timestamp_seconds",
		  "When an attempt to a destination last failed (0: never).",
		  offsetof(struct metrics_dest, last_error) },
	};

	for (size_t f = 0; g->ndests > 0 && f < sizeof(fams) / sizeof(fams[0]); f++) {
		if (metrics_head(out, fams[f].name, fams[f].help, "gauge") == -1)
			return -1;
		for (size_t i = 0; i < g->ndests; i++) {
			const char *v = g->dests[i].destination;
			int64_t n;

			memcpy(&n, (const char *)&g->dests[i] + fams[f].off, sizeof(n));
			if (buf_puts(out, fams[f].name) == -1 ||
			    metrics_put_labels(out, dest_label, &v, 1) == -1 ||
			    buf_printf(out, " %lld\n", (long long)n) == -1)
				return -1;
		}
	}
	return 0;
}

static int
metrics_render_gauges(const struct metrics_gauges *g, struct buf *out)
{
	static const char *const health_label[] = { "health" };

	if (g->outbox_pending >= 0 &&
	    (metrics_head(out, "rightswatch_outbox_pending", "Alert deliveries waiting in "
	    "the outbox.", "gauge") == -1 ||
	    buf_printf(out, "rightswatch_outbox_pending %lld\n",
	    (long long)g->outbox_pending) == -1))
		return -1;
	if (metrics_render_dests(g, out) == -1)
		return -1;
	if (g->nhealth == 0)
		return 0;
	if (metrics_head(out, "rightswatch_sources", "Configured sources, by health.",
	    "gauge") == -1)
		return -1;
	for (size_t i = 0; i < g->nhealth; i++) {
		const char *v = g->health[i].health;

		if (buf_puts(out, "rightswatch_sources") == -1 ||
		    metrics_put_labels(out, health_label, &v, 1) == -1 ||
		    buf_printf(out, " %lld\n", (long long)g->health[i].sources) == -1)
			return -1;
	}
	return 0;
}

int
metrics_render(const struct metrics *m, const struct metrics_gauges *g, struct buf *out)
{
	for (size_t f = 0; f < MF_COUNT; f++) {
		if (metrics_render_family(m, (enum metrics_family_id)f, out) == -1)
			return -1;
		if (f == MF_BYTES && metrics_render_latency(m, out) == -1)
			return -1;
	}
	return g != NULL ? metrics_render_gauges(g, out) : 0;
}
