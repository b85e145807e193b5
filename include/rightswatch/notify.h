/*
 * notify — systemd's readiness protocol (sd_notify), written in-house: a
 * datagram to the unix socket named by $NOTIFY_SOCKET. A no-op when the
 * variable is unset (not started by systemd).
 */
#ifndef RW_NOTIFY_H
#define RW_NOTIFY_H

/* Send state (e.g. "READY=1", "STOPPING=1", "STATUS=..."). Returns 0 when
 * sent or not under systemd, -1 on error. */
int notify_systemd(const char *state);

#endif
