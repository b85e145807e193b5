/*
 * cli_common — what every subcommand shares: where the configuration is,
 * and opening it with its state file. (Reading an input file or standard
 * input whole is buf_read_file.)
 */
#include <stdio.h>
#include <stdlib.h>

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
