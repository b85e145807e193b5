/* Unit tests: notify — the STATUS= text, the watchdog's environment, and
 * datagrams sent to a real unix socket (a path and an abstract name). */
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "unit.h"
#include "rightswatch/sd_notify.h"

static void
test_status_line(void **state)
{
	static const struct {
		struct sd_notify_status s;
		const char *want;
	} rows[] = {
		/* just started: nothing polled, nothing seen */
		{ { 3, 0, 3, 0, 0, 0 },
		  "STATUS=3 sources: 0 ok, 0 failing, 3 not polled yet; last release none;"
		  " last alert none" },
		/* one source failing, a release and an alert on record */
		{ { 3, 2, 0, 1795860120, 1795863720, 0 },
		  "STATUS=3 sources: 2 ok, 1 failing; last release 2026-11-28T10:02:00Z;"
		  " last alert 2026-11-28T11:02:00Z" },
		/* singular source, alerts waiting for a server */
		{ { 1, 1, 0, 0, 1795863720, 2 },
		  "STATUS=1 source: 1 ok, 0 failing; last release none;"
		  " last alert 2026-11-28T11:02:00Z; 2 alerts queued" },
		/* one queued alert */
		{ { 2, 1, 1, 0, 0, 1 },
		  "STATUS=2 sources: 1 ok, 0 failing, 1 not polled yet; last release none;"
		  " last alert none; 1 alert queued" },
	};
	char out[512];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		sd_notify_status_line(out, sizeof(out), &rows[i].s);
		assert_string_equal(out, rows[i].want);
	}
	/* A short buffer is cut, never overrun. */
	sd_notify_status_line(out, 12, &rows[1].s);
	assert_string_equal(out, "STATUS=3 so");
}

static void
test_watchdog_env(void **state)
{
	static const struct {
		const char *usec, *pid; /* "$$" stands for this process */
		int want;
		uint64_t want_usec;
	} rows[] = {
		{ NULL, NULL, 0, 0 },            /* no watchdog */
		{ "", NULL, 0, 0 },              /* empty is none */
		{ "4000000", NULL, 1, 4000000 }, /* no pid: for us */
		{ "4000000", "$$", 1, 4000000 }, /* our pid */
		{ "4000000", "1", 0, 0 },        /* another process's */
		{ "4s", NULL, -1, 0 },           /* units are not part of the protocol */
		{ "0", NULL, -1, 0 },            /* zero is malformed */
		{ "-5", NULL, -1, 0 },           /* negative */
		{ "4000000", "x", -1, 0 },       /* pid not a number */
	};
	char self[32];

	(void)state;
	snprintf(self, sizeof(self), "%ld", (long)getpid());
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		uint64_t usec = 0;

		unsetenv("WATCHDOG_USEC");
		unsetenv("WATCHDOG_PID");
		if (rows[i].usec != NULL)
			setenv("WATCHDOG_USEC", rows[i].usec, 1);
		if (rows[i].pid != NULL)
			setenv("WATCHDOG_PID", strcmp(rows[i].pid, "$$") == 0 ? self : rows[i].pid, 1);
		assert_int_equal(sd_notify_watchdog(&usec), rows[i].want);
		if (rows[i].want == 1)
			assert_int_equal(usec, rows[i].want_usec);
	}
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
}

/* Bind a datagram socket at name (a path, or "@abstract"). */
static int
bind_dgram(const char *name)
{
	struct sockaddr_un sun;
	size_t len = strlen(name);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	assert_true(fd >= 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, name, len);
	if (name[0] == '@')
		sun.sun_path[0] = '\0';
	assert_int_equal(bind(fd, (struct sockaddr *)&sun,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)), 0);
	return fd;
}

/* sd_notify_send with $NOTIFY_SOCKET = name delivers state as one datagram. */
static void
sent_to(const char *name, const char *state)
{
	char got[256];
	int fd = bind_dgram(name);
	ssize_t n;

	setenv("NOTIFY_SOCKET", name, 1);
	assert_int_equal(sd_notify_send(state), 0);
	n = recv(fd, got, sizeof(got) - 1, 0);
	assert_true(n > 0);
	got[n] = '\0';
	assert_string_equal(got, state);
	close(fd);
}

static void
test_send(void **state)
{
	char dir[64], path[128], abstract[64];

	(void)state;
	/* Not under systemd: nothing to do, and no error. */
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(sd_notify_send("READY=1"), 0);

	assert_int_equal(unit_tmpdir(dir, sizeof(dir), "/tmp/rw-notify-XXXXXX"), 0);
	snprintf(path, sizeof(path), "%s/notify", dir);
	sent_to(path, "READY=1\nSTATUS=ok");
	snprintf(abstract, sizeof(abstract), "@rw-notify-test-%ld", (long)getpid());
	sent_to(abstract, "WATCHDOG=1");

	/* A relative name is not a socket systemd would give. */
	setenv("NOTIFY_SOCKET", "notify", 1);
	assert_int_equal(sd_notify_send("READY=1"), -1);
	/* Nobody listening. */
	setenv("NOTIFY_SOCKET", path, 1);
	unlink(path);
	assert_int_equal(sd_notify_send("READY=1"), -1);
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(unit_rmtree(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_line),
		cmocka_unit_test(test_watchdog_env),
		cmocka_unit_test(test_send),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
