/*
 * service — the daemon's side of systemd's service protocol, on the event
 * loop: READY/RELOADING/STOPPING, a STATUS= line kept current from the
 * store, and WATCHDOG=1 at half the interval systemd asks for, sent from a
 * loop timer so that a stuck loop stops the pings. Without $NOTIFY_SOCKET,
 * or on a NULL service (`once` has none), every call is a no-op.
 */
#ifndef RW_SERVICE_H
#define RW_SERVICE_H

struct event_base;
struct store;
struct config;
struct service;

/* A service bound to st (base and st must outlive it); the watchdog timer
 * is armed on base now. NULL on error, with the reason in err. Free with
 * service_free. */
struct service *service_new(struct event_base *base, struct store *st, char *err,
    size_t errlen);
/* The daemon is ready with cf (kept by reference until the next call):
 * sends READY=1 with a fresh STATUS= (and a watchdog ping). */
void service_ready(struct service *sv, const struct config *cf);
/* A SIGHUP reload begins; service_ready ends it. */
void service_reloading(struct service *sv);
/* Something changed (a round of polls or deliveries ended, an alert was
 * raised): send STATUS= now if it differs from the last one sent. */
void service_refresh(struct service *sv);
/* Shutdown begins (the pings go on until the loop ends). */
void service_stopping(struct service *sv);
/* Stop the timer and free. */
void service_free(struct service *sv);

#endif
