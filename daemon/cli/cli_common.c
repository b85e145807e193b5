/*
 * cli_common — what every subcommand shares: where the configuration is,
 * how a stored period reads, a name given as an option made canonical, the
 * state file opened to look.
 * (Reading an input file or standard input whole is buf_read_file.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/baseline.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/cli.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/store.h"
#include "rightswatch/suggest.h"
#include "rightswatch/taxonomy.h"

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

int
cli_canonical(const struct config *cf, const struct taxonomy *tx, const char *cmd,
    const char *opt, const char *value, int watched, const char **out)
{
	int country = strcmp(opt, "country") == 0;
	const char **names, *hint;
	size_t n = 0;

	if (country && !watched)
		*out = taxonomy_country_name(tx, taxonomy_country_find(tx, value));
	else
		*out = country ? baseline_country(cf, tx, value) : baseline_indicator(tx, value);
	if (*out != NULL)
		return 0;
	names = taxonomy_names(tx, country, &n);
	hint = suggest_nearest(value, names, n);
	fprintf(stderr, "rightswatch %s: --%s: unknown %s '%s'%s%s%s\n", cmd, opt, opt, value,
	    hint != NULL ? " (did you mean '" : "", hint != NULL ? hint : "",
	    hint != NULL ? "'?)" : "");
	free(names);
	return 2;
}

int
cli_state_open(const struct config *cf, int json, const char *what, struct store **st)
{
	char err[512], esc[512];

	switch (store_open_readonly(cf->state, st, err, sizeof(err))) {
	case 0:
		return 0;
	case 1:
		if (!json)
			printf("No state file yet (%s): the daemon has not run, %s.\n",
			    escape_logs(esc, sizeof(esc), cf->state), what);
		return 1;
	default:
		fprintf(stderr, "rightswatch: %s\n", err);
		return -1;
	}
}

void
cli_diag(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

void
cli_verbs_usage(FILE *fp, const char *verb, const struct cli_verb *v, size_t n)
{
	int first = 1;

	for (size_t i = 0; i < n; i++)
		if (verb == NULL || strcmp(verb, v[i].verb) == 0) {
			fprintf(fp, "%s rightswatch %s\n", first ? "usage:" : "      ", v[i].usage);
			first = 0;
		}
}
