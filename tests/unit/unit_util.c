/*
 * Shared scaffolding for the unit tests, compiled into every test program:
 * temporary directories under /tmp and their removal, whole-file reads,
 * opening a store and peeking at its file with SQLite, helper servers that
 * print their port on stdout's first line, and a libevent watchdog.
 * Nothing here is a test; every helper either returns an error value or,
 * where a failure means the test cannot go on, fails the running test.
 */
#include "unit.h"

#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/event.h>
#include <sqlite3.h>

#include "rightswatch/extract.h"
#include "rightswatch/store.h"

int
unit_tmpdir(char *dir, size_t size, const char *tmpl)
{
	if (snprintf(dir, size, "%s", tmpl) >= (int)size)
		return -1;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
rmtree_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	/* Depth first: a directory comes after its contents. */
	return (type == FTW_DP ? rmdir(path) : unlink(path)) == -1 ? -1 : 0;
}

int
unit_rmtree(const char *path)
{
	/* FTW_PHYS: a link is removed, never followed out of the tree. */
	return nftw(path, rmtree_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

const char *
unit_path(const char *dir, const char *name)
{
	/* A few buffers in turn, so that two paths can be held at once. */
	static char p[8][256];
	static int i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

char *
unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
		if (fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else {
			p[n] = '\0';
			if (len != NULL)
				*len = (size_t)n;
		}
	}
	fclose(f);
	return p;
}

char *
unit_read_fixture(const char *module, const char *name, size_t *len)
{
	char path[512];
	char *p;

	snprintf(path, sizeof(path), FIXTURES "/%s/%s", module, name);
	if ((p = unit_read_file(path, len)) == NULL)
		fail_msg("cannot read %s", path);
	return p;
}

struct store *
unit_store_open(const char *path)
{
	struct store *st = NULL;
	char err[512];

	if (store_open(path, &st, err, sizeof(err)) != 0)
		fail_msg("store_open %s: %s", path, err);
	return st;
}

const char *
unit_sql_peek(const char *path, const char *sql)
{
	static char out[1024];
	sqlite3 *db;
	sqlite3_stmt *s;

	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		snprintf(out, sizeof(out), "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

int64_t
unit_store_release(struct store *st, const char *url, const char *title,
    const char *hash, const struct extract_obs *obs, size_t n)
{
	const char *text = "GENEVA (6 August 2021) - a release for the tests.";
	struct store_document d = { url, title, "2021-08-06", "en", text, hash, "Mali", 0 };
	struct extract_result res = { .obs = (struct extract_obs *)(uintptr_t)obs, .nobs = n };
	enum store_doc_state ds;
	int64_t id;
	int rev;

	if (store_document_save(st, &d, 100, &id, &rev, &ds) != 0 ||
	    store_observations_save(st, id, rev, text, &res, EXTRACT_VERSION, 100) != 0)
		fail_msg("saving %s: %s", url, store_errmsg(st));
	return id;
}

int
unit_spawn_server(const char *const argv[], pid_t *pid, int *port)
{
	/* execv's prototype predates const; it does not write the strings. */
	union { const char *const *c; char *const *m; } av = { argv };
	int fds[2];
	char line[32];
	size_t n = 0;
	struct pollfd pfd;

	*port = -1;
	if (pipe(fds) == -1)
		return -1;
	if ((*pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (*pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], av.m);
		execvp(argv[0], av.m);
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (n < sizeof(line) - 1 && poll(&pfd, 1, 10000) == 1) {
		ssize_t r = read(fds[0], line + n, 1);

		if (r <= 0 || line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(fds[0]);
	*port = atoi(line);
	if (*port <= 0) {
		fprintf(stderr, "# %s did not start\n", argv[1] != NULL ? argv[1] : argv[0]);
		return -1;
	}
	return 0;
}

void
unit_kill(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGTERM);
		waitpid(*pid, NULL, 0);
		*pid = -1;
	}
}

void
unit_watchdog(evutil_socket_t fd, short what, void *base)
{
	(void)fd;
	(void)what;
	event_base_loopbreak(base);
}
