/*
 * monitor — what the daemon's listener ([daemon] listen, httpd.h) serves:
 * /metrics (metrics.h, Prometheus text, with the sources' health and the
 * outbox from the store), /healthz (200 when the loop answers and the
 * database can be written, 503 with the reason otherwise) and /status
 * (status.h, JSON). Each answer is gathered when asked.
 *
 * Borrows the store, the configuration and the metrics; owns the
 * listener. Free before the event_base.
 */
#ifndef RW_MONITOR_H
#define RW_MONITOR_H

#include <stddef.h>

struct config;
struct event_base;
struct metrics;
struct store;
struct monitor;

/* Listen on listen ("[ADDRESS:]PORT") serving st, cf and m. NULL with a
 * reason in err (a bad value, an address in use, out of memory). */
struct monitor *monitor_new(struct event_base *base, const char *listen, struct store *st,
    const struct config *cf, const struct metrics *m, char *err, size_t errlen);
/* Serve cf from now on (after a reload; the old one may then be freed). */
void monitor_set_config(struct monitor *mo, const struct config *cf);
/* Close the listener. Accepts NULL. */
void monitor_free(struct monitor *mo);

#endif
