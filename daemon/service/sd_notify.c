/*
 * sd_notify — sd_notify(3) without libsystemd: one datagram with the state to
 * the socket in $NOTIFY_SOCKET ("@name" is Linux's abstract namespace);
 * the watchdog interval from $WATCHDOG_USEC; the STATUS= text.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rightswatch/date.h"
#include "rightswatch/sd_notify.h"

int
sd_notify_send(const char *state)
{
	struct sockaddr_un sun;
	const char *path = getenv("NOTIFY_SOCKET");
	size_t plen;
	socklen_t slen;
	ssize_t n;
	int fd;

	if (path == NULL || *path == '\0')
		return 0;
	plen = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || plen >= sizeof(sun.sun_path)) {
		errno = EINVAL;
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, plen);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	slen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen);
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	n = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sun, slen);
	close(fd);
	return n == (ssize_t)strlen(state) ? 0 : -1;
}

int
sd_notify_watchdog(uint64_t *usec)
{
	const char *us = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
	unsigned long long v;
	char *end;

	if (us == NULL || *us == '\0')
		return 0;
	if (pid != NULL && *pid != '\0') {
		errno = 0;
		v = strtoull(pid, &end, 10);
		if (errno != 0 || *end != '\0' || v == 0) {
			errno = EINVAL;
			return -1;
		}
		if (v != (unsigned long long)getpid())
			return 0; /* meant for another process */
	}
	errno = 0;
	v = strtoull(us, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || *us == '-') {
		errno = EINVAL;
		return -1;
	}
	*usec = (uint64_t)v;
	return 1;
}

static void
notify_when(char *out, size_t outlen, int64_t t)
{
	if (t == 0) {
		snprintf(out, outlen, "none");
		return;
	}
	if (outlen >= 21)
		date_format_rfc3339(t, out);
	else if (outlen > 0)
		*out = '\0';
}

void
sd_notify_status_line(char *out, size_t outlen, const struct sd_notify_status *s)
{
	char rel[40], al[40], queued[48] = "", fresh[48] = "";
	size_t failing = s->sources - s->ok - s->fresh;

	notify_when(rel, sizeof(rel), s->last_release);
	notify_when(al, sizeof(al), s->last_alert);
	if (s->pending > 0)
		snprintf(queued, sizeof(queued), "; %lld alert%s queued", (long long)s->pending,
		    s->pending == 1 ? "" : "s");
	if (s->fresh > 0)
		snprintf(fresh, sizeof(fresh), ", %zu not polled yet", s->fresh);
	snprintf(out, outlen, "STATUS=%zu source%s: %zu ok, %zu failing%s; last release %s;"
	    " last alert %s%s", s->sources, s->sources == 1 ? "" : "s", s->ok, failing, fresh,
	    rel, al, queued);
}
