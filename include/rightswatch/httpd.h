/*
 * httpd — the daemon's own small HTTP listener ([daemon] listen), on
 * libevent's evhttp and the daemon's event loop: GET or HEAD of /metrics
 * (metrics.h, Prometheus text), /healthz (200 when the loop answers and
 * the database can be written, 503 with the reason otherwise) and /status
 * (status.h, JSON). Any other method gets 405, any other path 404.
 *
 * Borrows the event_base, the store, the configuration and the metrics;
 * owns the listening socket and its connections. Free before the base.
 */
#ifndef RW_HTTPD_H
#define RW_HTTPD_H

#include <stddef.h>

struct config;
struct event_base;
struct metrics;
struct store;
struct httpd;

#define HTTPD_TIMEOUT      10    /* seconds a client has to send its request */
#define HTTPD_MAX_HEADERS  8192  /* bytes of request line and headers */
#define HTTPD_MAX_BODY     1024  /* bytes of request body (none is expected) */

/* Listen on listen ("[ADDRESS:]PORT", config_value_listen) serving st, cf
 * and m. A non-loopback address is logged as a warning. Returns NULL with
 * a reason in err (a bad value, an address in use, out of memory). */
struct httpd *httpd_new(struct event_base *base, const char *listen, struct store *st,
    const struct config *cf, const struct metrics *m, char *err, size_t errlen);
/* Serve cf from now on (after a reload; the old one may then be freed). */
void httpd_set_config(struct httpd *h, const struct config *cf);
/* Close the listener and its connections. Accepts NULL. */
void httpd_free(struct httpd *h);

#endif
