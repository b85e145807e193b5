/*
 * Unit tests: notify_exec — the argv splitter by table, and real commands on
 * a libevent loop: /bin/cat writing the payload to a file, /bin/false, a
 * command that outlives its timeout (SIGTERM), one that ignores SIGTERM
 * (SIGKILL), a grandchild that ignores SIGTERM (its group is killed), the
 * minimal environment, a missing program, output capture and its cap, a
 * command that never reads its stdin, and cancellation by notify_exec_free.
 */
#include "unit.h"

#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include <event2/event.h>

#include "rightswatch/notify_exec.h"

static void
test_split(void **state)
{
	static const struct {
		const char *in;
		const char *want; /* words joined by '|', NULL: -1 */
	} rows[] = {
		{ "/bin/cat", "/bin/cat" },                                   /* one word */
		{ "  mail  -s  alert\troot ", "mail|-s|alert|root" },         /* blanks collapse */
		{ "notify \"two words\" x", "notify|two words|x" },           /* double quotes */
		{ "notify 'it''s' y", "notify|its|y" },                        /* adjacent quoted parts */
		{ "a 'say \"hi\"'", "a|say \"hi\"" },                          /* double inside single */
		{ "a \"it's\"", "a|it's" },                                    /* single inside double */
		{ "a 'back\\slash'", "a|back\\slash" },                        /* no escapes in single */
		{ "a \"q\\\"q\"", "a|q\"q" },                                  /* escaped quote in double */
		{ "a b\\ c", "a|b c" },                                        /* escaped blank */
		{ "a \"\" b", "a||b" },                                        /* empty argument kept */
		{ "a pre\"mid\"post", "a|premidpost" },                        /* quotes inside a word */
		{ "$HOME *.txt | x > y", "$HOME|*.txt|||x|>|y" },              /* nothing expanded */
		{ "a \"open", NULL },                                          /* unterminated " */
		{ "a 'open", NULL },                                           /* unterminated ' */
		{ "a b\\", NULL },                                             /* trailing backslash */
		{ "   ", NULL },                                               /* no words */
		{ "", NULL },                                                  /* empty */
		{ NULL, NULL },                                                /* absent */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char **argv = NULL, err[128] = "", got[256] = "";
		int rc = notify_exec_split(rows[i].in, &argv, err, sizeof(err));

		if (rows[i].want == NULL) {
			if (rc != -1 || argv != NULL || err[0] == '\0')
				fail_msg("row %zu: rc %d, want -1 with a reason", i, rc);
			continue;
		}
		if (rc != 0)
			fail_msg("row %zu: rc %d (%s)", i, rc, err);
		for (size_t k = 0; argv[k]; k++) {
			if (k)
				strcat(got, "|");
			strcat(got, argv[k]);
		}
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("row %zu: got '%s' want '%s'", i, got, rows[i].want);
		notify_exec_argv_free(argv);
	}
	/* the word limit */
	{
		char big[NOTIFY_EXEC_MAX_ARGS * 2 + 4] = "";
		char **argv = NULL;

		for (int k = 0; k <= NOTIFY_EXEC_MAX_ARGS; k++)
			strcat(big, "a ");
		assert_int_equal(notify_exec_split(big, &argv, NULL, 0), -1);
	}
}

/* ---- running commands ------------------------------------------------- */

struct got {
	int called;
	struct notify_exec_result r;
	char err[NOTIFY_EXEC_OUTPUT_MAX + 1];
};

static struct event_base *base;
static int outstanding;
static char tmpdir[64];

static void
on_done(const struct notify_exec_result *r, void *arg)
{
	struct got *g = arg;

	g->called++;
	g->r = *r;
	memcpy(g->err, r->output, r->outlen + 1);
	g->r.output = g->err;
	if (--outstanding == 0)
		event_base_loopbreak(base);
}

/* Run one command to its end (with the extra environment env, or NULL);
 * the loop is given 10 s. */
static void
run_env(const char *cmd, const char *payload, size_t len, int64_t timeout,
    const char *const *env, struct got *g)
{
	struct notify_exec *e;
	char **argv, err[128];
	struct timeval tv = { 10, 0 };
	struct event *wd;
	struct notify_exec_request req = { .payload = payload, .len = len, .timeout = timeout,
	    .grace = 1 };

	assert_int_equal(notify_exec_split(cmd, &argv, err, sizeof(err)), 0);
	req.argv = (const char *const *)argv;
	req.env = env;
	assert_non_null(base = event_base_new());
	assert_non_null(e = notify_exec_new(base));
	assert_int_equal(notify_exec_run(e, &req, on_done, g), 0);
	assert_int_equal(g->called, 0);   /* never from inside run */
	assert_int_equal(notify_exec_running(e), 1);
	notify_exec_argv_free(argv);      /* the child has its own copy */
	outstanding = 1;
	wd = evtimer_new(base, unit_watchdog, base);
	evtimer_add(wd, &tv);
	event_base_dispatch(base);
	event_free(wd);
	assert_int_equal(g->called, 1);
	assert_int_equal(notify_exec_running(e), 0);
	notify_exec_free(e);
	event_base_free(base);
}

static void
run(const char *cmd, const char *payload, size_t len, int64_t timeout, struct got *g)
{
	run_env(cmd, payload, len, timeout, NULL, g);
}

static int
setup(void **state)
{
	(void)state;
	return unit_tmpdir(tmpdir, sizeof(tmpdir), "/tmp/rw-test-exec-XXXXXX");
}

static int
teardown(void **state)
{
	(void)state;
	unit_rmtree(tmpdir);
	return 0;
}

static void
test_cat(void **state)
{
	/* A payload larger than a socket buffer, so writing takes several turns. */
	size_t len = 512 * 1024;
	char *payload = malloc(len), cmd[256], path[128];
	struct got g = { 0 };
	FILE *f;
	char *back;

	(void)state;
	assert_non_null(payload);
	for (size_t i = 0; i < len; i++)
		payload[i] = (char)('a' + i % 26);
	memcpy(payload, "{\"alert\":1}\n", 12);
	snprintf(path, sizeof(path), "%s/out.json", tmpdir);
	/* No shell: the redirection is done by sh -c, named explicitly. */
	snprintf(cmd, sizeof(cmd), "/bin/sh -c 'exec /bin/cat > \"$1\"' sh %s", path);
	run(cmd, payload, len, 10, &g);
	if (!g.r.ok)
		fail_msg("not ok: %s (%s)", g.r.errmsg, g.err);
	assert_int_equal(g.r.exit_status, 0);
	assert_non_null(f = fopen(path, "rb"));
	assert_non_null(back = malloc(len + 1));
	assert_int_equal(fread(back, 1, len + 1, f), len);
	fclose(f);
	assert_memory_equal(back, payload, len);
	free(back);
	free(payload);
}

static void
test_false(void **state)
{
	struct got g = { 0 };

	(void)state;
	run("/bin/false", "x", 1, 10, &g);
	assert_false(g.r.ok);
	assert_int_equal(g.r.exit_status, 1);
	assert_string_equal(g.r.errmsg, "exit status 1");
}

static void
test_stderr(void **state)
{
	struct got g = { 0 }, big = { 0 };

	(void)state;
	run("/bin/sh -c 'echo \"smtp relay refused\" >&2; exit 3'", NULL, 0, 10, &g);
	assert_int_equal(g.r.exit_status, 3);
	assert_string_equal(g.err, "smtp relay refused\n");
	/* 100 KB of stderr: the first 4 KiB are kept, the rest drained. */
	run("/bin/sh -c 'head -c 100000 /dev/zero | tr \"\\0\" e >&2'", NULL, 0, 10, &big);
	assert_true(big.r.ok);
	assert_int_equal(big.r.outlen, NOTIFY_EXEC_OUTPUT_MAX);
	assert_int_equal(big.err[0], 'e');
}

static void
test_timeout(void **state)
{
	struct got g = { 0 }, stubborn = { 0 };
	struct timespec t0, t1;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run("/bin/sleep 30", NULL, 0, 1, &g);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_false(g.r.ok);
	assert_true(g.r.timed_out);
	assert_int_equal(g.r.signal, SIGTERM);
	assert_true(t1.tv_sec - t0.tv_sec < 5);
	/* Ignores SIGTERM (kept across exec): killed after the grace time. */
	run("/bin/sh -c 'trap \"\" TERM; exec /bin/sleep 30'", NULL, 0, 1, &stubborn);
	assert_true(stubborn.r.timed_out);
	assert_int_equal(stubborn.r.signal, SIGKILL);
	assert_string_equal(stubborn.r.errmsg, "timed out (killed)");
}

/* The command sees PATH, LANG and its own variables, nothing of the
 * daemon's environment; its stdout is captured too. */
static void
test_environment(void **state)
{
	const char *env[] = { "RW_RULE=mali-abductions", "no equals sign", NULL };
	struct got g = { 0 };

	(void)state;
	setenv("CREDENTIALS_DIRECTORY", "/run/credentials/rightswatch.service", 1);
	setenv("NOTIFY_SOCKET", "/run/systemd/notify", 1);
	run_env("/usr/bin/env", NULL, 0, 10, env, &g);
	unsetenv("CREDENTIALS_DIRECTORY");
	unsetenv("NOTIFY_SOCKET");
	assert_true(g.r.ok);
	assert_non_null(strstr(g.err, "PATH="));
	assert_non_null(strstr(g.err, "LANG="));
	assert_non_null(strstr(g.err, "RW_RULE=mali-abductions\n"));
	assert_null(strstr(g.err, "CREDENTIALS_DIRECTORY"));
	assert_null(strstr(g.err, "NOTIFY_SOCKET"));
	assert_null(strstr(g.err, "no equals"));
	/* three lines: nothing else */
	assert_int_equal(strchr(strchr(strchr(g.err, '\n') + 1, '\n') + 1, '\n')[1], '\0');
}

/* Is pid gone (or a zombie, dead but not yet reaped by its new parent)? */
static int
gone(long pid)
{
	char path[64], st[512];
	FILE *f;
	const char *p;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 1;
	st[0] = '\0';
	if (fgets(st, sizeof(st), f) == NULL)
		st[0] = '\0';
	fclose(f);
	p = strrchr(st, ')');
	return p != NULL && (p[2] == 'Z' || p[2] == 'X');
}

/* On timeout the whole process group goes: the command dies of SIGTERM,
 * but the grandchild it started ignores SIGTERM; it gets SIGKILL after the
 * grace time. */
static void
test_group_killed(void **state)
{
	char script[128], pidfile[128], cmd[384];
	struct got g = { 0 };
	FILE *f;
	long pid = 0;

	(void)state;
	snprintf(script, sizeof(script), "%s/stubborn.sh", tmpdir);
	snprintf(pidfile, sizeof(pidfile), "%s/grandchild.pid", tmpdir);
	assert_non_null(f = fopen(script, "w"));
	fprintf(f, "sh -c 'trap \"\" TERM; echo $$ > \"$1\"; exec sleep 30' sh \"$1\" &\n"
	    "exec sleep 30\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/bin/sh %s %s", script, pidfile);
	run(cmd, NULL, 0, 1, &g);
	assert_true(g.r.timed_out);
	assert_int_equal(g.r.signal, SIGTERM);   /* the command itself obeyed */
	assert_non_null(f = fopen(pidfile, "r"));
	assert_int_equal(fscanf(f, "%ld", &pid), 1);
	fclose(f);
	for (int i = 0; i < 20 && !gone(pid); i++)
		usleep(100000);
	if (!gone(pid))
		fail_msg("the grandchild %ld that ignored SIGTERM still runs", pid);
}

static void
test_missing(void **state)
{
	struct got g = { 0 }, path = { 0 };

	(void)state;
	run("/nonexistent/rightswatch-hook --flag", "x", 1, 10, &g);
	assert_false(g.r.ok);
	assert_int_equal(g.r.exit_status, 127);
	assert_non_null(strstr(g.err, "no such file"));
	run("rightswatch-no-such-program", NULL, 0, 10, &path);   /* PATH search */
	assert_int_equal(path.r.exit_status, 127);
}

/* A child that exits without reading its stdin: no SIGPIPE, its status counts. */
static void
test_no_reader(void **state)
{
	size_t len = 1024 * 1024;
	char *payload = calloc(1, len);
	struct got g = { 0 };

	(void)state;
	assert_non_null(payload);
	run("/bin/true", payload, len, 10, &g);
	assert_true(g.r.ok);
	free(payload);
}

static void
test_cancel(void **state)
{
	const char *argv[] = { "/bin/sleep", "30", NULL };
	struct notify_exec_request req = { .argv = argv };
	struct notify_exec *e;
	struct got g[2] = { { 0 } };

	(void)state;
	assert_non_null(base = event_base_new());
	assert_non_null(e = notify_exec_new(base));
	assert_int_equal(notify_exec_run(e, &req, on_done, &g[0]), 0);
	assert_int_equal(notify_exec_run(e, &req, on_done, &g[1]), 0);
	outstanding = 3;
	notify_exec_free(e);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(g[i].called, 1);
		assert_true(g[i].r.cancelled);
		assert_false(g[i].r.ok);
	}
	event_base_free(base);
	req.argv = NULL;
	assert_int_equal(notify_exec_run(NULL, &req, on_done, NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_cat),
		cmocka_unit_test(test_false),
		cmocka_unit_test(test_stderr),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_group_killed),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_no_reader),
		cmocka_unit_test(test_cancel),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
