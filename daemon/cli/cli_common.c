/*
 * cli_common — what every subcommand shares: where the configuration is,
 * how a stored period reads.
 * (Reading an input file or standard input whole is buf_read_file.)
 */
#include <stdio.h>
#include <stdlib.h>

#include "rightswatch/bperiod.h"
#include "rightswatch/cli.h"
#include "rightswatch/date.h"

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

void
cli_period(const char *start, const char *end, char *out)
{
	struct bperiod p;

	if (date_parse_ymd(start, &p.start) == 0 && date_parse_ymd(end, &p.end) == 0)
		bperiod_format(&p, out);
	else
		snprintf(out, BPERIOD_FMT_MAX, "-");
}
