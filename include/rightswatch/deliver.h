/*
 * deliver — the outbox's courier: takes the deliveries that are due from
 * the store, hands each to its destination (daemon/alert/dest.h: one file
 * per type, syslog, email, webhook, exec, behind one ops table), and
 * records the outcome: delivered, to be retried with exponential backoff,
 * or failed for good. Delivery is at least once: a row stays pending until
 * it is marked delivered.
 *
 * Borrows the event_base, the http client, the store and the configuration;
 * owns its transports and its timer.
 */
#ifndef RW_DELIVER_H
#define RW_DELIVER_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct http;
struct store;
struct config;
struct alert;
struct deliver;
struct metrics;

#define DELIVER_RETRY_MIN  30    /* seconds: first retry after a failed attempt */
#define DELIVER_RETRY_MAX  3600  /* seconds: retry backoff cap */
#define DELIVER_BATCH      64    /* deliveries taken from the store at once */

/* Called on the loop when nothing is in flight any more (after a kick, or
 * after deliver_stop). */
typedef void deliver_idle_fn(void *arg);

/* Returns NULL on error (reason in err). */
struct deliver *deliver_new(struct event_base *base, struct http *h, struct store *st,
    const struct config *cf, char *err, size_t errlen);
/* Switch to a new configuration (destinations matched by name). 0 or -1. */
int deliver_reconfigure(struct deliver *d, const struct config *cf, char *err, size_t errlen);
void deliver_set_idle(struct deliver *d, deliver_idle_fn *fn, void *arg);
/* Count the outcome of each attempt in m (borrowed; NULL: none). */
void deliver_set_metrics(struct deliver *d, struct metrics *m);
/* Send everything due now, and arm the timer for the next due delivery. */
void deliver_kick(struct deliver *d);
/* Start nothing new; what is in flight completes. */
void deliver_stop(struct deliver *d);
size_t deliver_busy(const struct deliver *d);
/* Attempts that did not deliver since deliver_new (for `once`). */
size_t deliver_failures(const struct deliver *d);
void deliver_free(struct deliver *d);

/* `test-alert`: send a (test) alert to the destination named dest now,
 * not through the outbox; done(ok, message, arg) runs on the loop.
 * Returns 0, or -1 when it could not be started (reason in err). */
typedef void deliver_test_fn(int ok, const char *msg, void *arg);
int deliver_test(struct deliver *d, const char *dest, const struct alert *a,
    deliver_test_fn *done, void *arg, char *err, size_t errlen);

#endif
