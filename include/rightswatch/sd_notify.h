/*
 * sd_notify — systemd's readiness protocol (sd_notify), written in-house: a
 * datagram to the unix socket named by $NOTIFY_SOCKET. A no-op when the
 * variable is unset (not started by systemd). Also reads the watchdog's
 * interval from the environment and formats the STATUS= line.
 */
#ifndef RW_SD_NOTIFY_H
#define RW_SD_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

/* Send state (e.g. "READY=1", "STOPPING=1", "STATUS=..."); several
 * assignments may be joined by newlines. Returns 0 when sent or not under
 * systemd, -1 on error. */
int sd_notify_send(const char *state);

/* The watchdog interval systemd asks of this process ($WATCHDOG_USEC, for
 * this pid when $WATCHDOG_PID is set): returns 1 and sets *usec, 0 when
 * there is no watchdog, -1 (errno EINVAL) when the variables are malformed. */
int sd_notify_watchdog(uint64_t *usec);

/* What STATUS= tells an administrator. */
struct sd_notify_status {
	size_t sources;       /* configured */
	size_t ok;            /* last poll succeeded */
	size_t fresh;         /* never polled yet */
	int64_t last_release; /* first seen, Unix seconds; 0 none */
	int64_t last_alert;   /* raised, Unix seconds; 0 none */
	int64_t pending;      /* alerts waiting for delivery */
};

/* "STATUS=3 sources: 2 ok, 1 failing; last release 2026-11-28 10:02 UTC;
 * last alert none" (plus "; N alerts queued" when some wait) into out.
 * Pure; truncates to outlen. */
void sd_notify_status_line(char *out, size_t outlen, const struct sd_notify_status *s);

#endif
