/*
 * cli_common — what every subcommand shares: where the configuration is.
 * (Reading an input file or standard input whole is buf_read_file.)
 */
#include <stdlib.h>

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
