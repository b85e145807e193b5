/*
 * cli_common — what every subcommand shares: where the configuration is,
 * and reading an input file or standard input whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"

const char *
cli_config_path(const char *opt_c)
{
	const char *env;

	if (opt_c != NULL)
		return opt_c;
	if ((env = getenv("RIGHTSWATCH_CONFIG")) != NULL && *env != '\0')
		return env;
	return CLI_DEFAULT_CONFIG;
}

int
cli_read_input(const char *path, size_t max, struct buf *b, char *err, size_t errlen)
{
	FILE *fp = stdin;
	size_t n;
	int rc = 0;

	if (strcmp(path, "-") != 0 && (fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		if (buf_reserve(b, 65536) == -1) {
			snprintf(err, errlen, "out of memory");
			rc = -1;
			break;
		}
		n = fread(b->data + b->len, 1, b->cap - b->len - 1, fp);
		b->len += n;
		b->data[b->len] = '\0';
		if (b->len > max) {
			snprintf(err, errlen, "input larger than %zu bytes", max);
			rc = -1;
			break;
		}
		if (n == 0) {
			if (ferror(fp)) {
				snprintf(err, errlen, "read error");
				rc = -1;
			}
			break;
		}
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}
