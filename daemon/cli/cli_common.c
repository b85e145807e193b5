/*
 * cli_common — what every subcommand shares: where the configuration is,
 * opening it with its state file, and reading an input file or standard
 * input whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/store.h"

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

static void
cli_diag(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

int
cli_state_open(const char *opt_c, struct config **cf, struct store **st)
{
	char err[512];

	if ((*cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	if (store_open((*cf)->state, st, err, sizeof(err)) == -1) {
		fprintf(stderr, "rightswatch: %s\n", err);
		config_free(*cf);
		return 1;
	}
	return 0;
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
