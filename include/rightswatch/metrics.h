/*
 * metrics — the daemon's counters, gauges and fetch-latency histogram, and
 * their rendering in the Prometheus text exposition format (version 0.0.4)
 * for the /metrics endpoint (monitor.h).
 *
 * Pure: the shell modules count events through the metrics_* hooks (each
 * accepts a NULL struct metrics and then does nothing, so a module without
 * a listener pays one test), and the values that live in the store (outbox
 * depth, sources by health) are passed in at rendering time. Every name
 * carries the prefix "rightswatch_". A labelled family keeps at most
 * METRICS_MAX_SERIES label sets; events for more are dropped, as are
 * events that meet an allocation failure (counting never fails a caller).
 */
#ifndef RW_METRICS_H
#define RW_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct metrics;

#define METRICS_MAX_SERIES 1000 /* label sets per family */

/* Empty counters; NULL when out of memory. Free with metrics_free. */
struct metrics *metrics_new(void);
/* Accepts NULL. */
void metrics_free(struct metrics *m);

/* A poll of source started. */
void metrics_poll(struct metrics *m, const char *source);
/* A fetch of kind ("feed", "page") ended after seconds with bytes of
 * decoded body: with an HTTP status when failure is NULL, else without a
 * usable response for the reason failure ("timeout", "transport", ...). */
void metrics_fetch(struct metrics *m, const char *kind, long status, const char *failure,
    uint64_t bytes, double seconds);
/* A release was read and stored; result is "new", "revised" or "unchanged". */
void metrics_release(struct metrics *m, const char *result);
/* n observations were stored. */
void metrics_observations(struct metrics *m, uint64_t n);
/* n alerts were raised (committed with their release). */
void metrics_alerts(struct metrics *m, uint64_t n);
/* n outbox rows to destination (a [notify NAME], of type channel) ended an
 * attempt in state "delivered", "retry" or "failed". */
void metrics_delivery(struct metrics *m, const char *destination, const char *channel,
    const char *state, uint64_t n);

/* How many configured sources are in one health (store.h's STORE_HEALTH_*). */
struct metrics_health {
	const char *health;
	int64_t sources;
};

/* How a destination (a [notify NAME]) fares. */
struct metrics_dest {
	const char *destination;
	int64_t queued;          /* deliveries waiting */
	int64_t last_ok;         /* seconds UTC of the last success, 0 never */
	int64_t last_error;      /* seconds UTC of the last failure, 0 never */
};

/* What is read from the store when the metrics are rendered. */
struct metrics_gauges {
	int64_t outbox_pending;              /* -1: unknown, not rendered */
	const struct metrics_health *health; /* sources by health, nhealth of them */
	size_t nhealth;
	const struct metrics_dest *dests;    /* ndests of them */
	size_t ndests;
};

/* Append the exposition of m (may be NULL: counters at zero) and g (may be
 * NULL: no gauges) to out. 0, or -1 when out of memory. */
int metrics_render(const struct metrics *m, const struct metrics_gauges *g, struct buf *out);

#endif
