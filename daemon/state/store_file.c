/*
 * store_file — the state file's place on disk, before it is opened: what
 * `check` verifies without touching anything (the file, if there, is a
 * state file this code can open and write; if not, its directory exists
 * and is writable, or can be created) and what `run` and `once` do first
 * (create the directory). Part of the store module (see store.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rightswatch/store.h"
#include "store_int.h"

#define STORE_DIR_MODE 0750 /* a state directory rightswatch creates */

/* The directory part of path in dir (dirlen bytes): "." for a bare name. */
static void
store_file_dirname(const char *path, char *dir, size_t dirlen)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(dir, dirlen, ".");
	else if (slash == path)
		snprintf(dir, dirlen, "/");
	else
		snprintf(dir, dirlen, "%.*s", (int)(slash - path), path);
}

/* The nearest ancestor of dir that exists (dir itself, when it does),
 * into out; 0, or -1 with err when one on the way is not a directory or
 * cannot be looked at. */
static int
store_file_existing(const char *dir, char *out, size_t outlen, char *err, size_t errlen)
{
	struct stat sb;
	char *slash;

	snprintf(out, outlen, "%s", dir);
	for (;;) {
		if (stat(out, &sb) == 0) {
			if (S_ISDIR(sb.st_mode))
				return 0;
			snprintf(err, errlen, "%s is not a directory", out);
			return -1;
		}
		if (errno != ENOENT && errno != ENOTDIR) {
			snprintf(err, errlen, "%s: %s", out, strerror(errno));
			return -1;
		}
		if ((slash = strrchr(out, '/')) == NULL) {
			snprintf(out, outlen, ".");
		} else if (slash == out) {
			out[1] = '\0';
		} else {
			*slash = '\0';
		}
	}
}

int
store_file_check(const char *path, int *create, char *err, size_t errlen)
{
	char dir[4096], have[4096];
	struct stat sb;

	*create = 0;
	if (path == NULL || *path == '\0') {
		snprintf(err, errlen, "no state file given");
		return -1;
	}
	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode)) {
			snprintf(err, errlen, "%s is not a regular file", path);
			return -1;
		}
		if (access(path, R_OK | W_OK) == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		store_file_dirname(path, dir, sizeof(dir));
		/* SQLite writes its journal (-wal, -shm) beside the file. */
		if (access(dir, W_OK | X_OK) == -1) {
			snprintf(err, errlen, "%s: cannot write beside the state file: %s", dir,
			    strerror(errno));
			return -1;
		}
		return store_probe(path, err, errlen);
	}
	/* ENOTDIR: a file on the way, which the walk up names. */
	if (errno != ENOENT && errno != ENOTDIR) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	store_file_dirname(path, dir, sizeof(dir));
	if (store_file_existing(dir, have, sizeof(have), err, errlen) == -1)
		return -1;
	if (access(have, W_OK | X_OK) == -1) {
		snprintf(err, errlen, "%s: cannot create the state file %s there: %s", have,
		    strcmp(have, dir) == 0 ? "" : "(nor the directories above it)", strerror(errno));
		return -1;
	}
	*create = strcmp(have, dir) != 0 ? 2 : 1;
	return 0;
}

int
store_file_prepare(const char *path, char *err, size_t errlen)
{
	char dir[4096];

	store_file_dirname(path, dir, sizeof(dir));
	/* mkdir -p: each missing component in turn, from the top. */
	for (char *p = dir + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(dir, STORE_DIR_MODE) == -1 && errno != EEXIST) {
			snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
			return -1;
		}
		*p = c;
		if (c == '\0')
			return 0;
	}
}
