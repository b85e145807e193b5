/*
 * secret — a secret from its file, refused when its group or others may
 * read it (see secret.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rightswatch/buf.h"
#include "rightswatch/secret.h"

char *
secret_read(const char *path, char *err, size_t errlen)
{
	struct buf b = { NULL, 0, 0 };
	struct stat sb;
	char chunk[256];
	ssize_t n;
	int fd;

	if (path[0] != '/') {
		/* config_value_path left ${CREDENTIALS_DIRECTORY} unexpanded. */
		snprintf(err, errlen, "password_file %s: $CREDENTIALS_DIRECTORY is not set in "
		    "this process (the password is a systemd credential: LoadCredential=)", path);
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 || fstat(fd, &sb) == -1) {
		snprintf(err, errlen, "password_file %s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	/* As ssh with a key: a secret its group or others may read is no
	 * secret; refused. */
	if (sb.st_mode & (S_IRGRP | S_IROTH)) {
		snprintf(err, errlen, "password_file %s can be read by its group or by others; "
		    "chmod 600 it", path);
		close(fd);
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 && b.len < SECRET_MAX)
		buf_append(&b, chunk, (size_t)n);
	explicit_bzero(chunk, sizeof(chunk));
	close(fd);
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	if (b.len == 0) {
		snprintf(err, errlen, "password_file %s is empty", path);
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}
