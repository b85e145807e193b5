/*
 * cli_daemon — `run`, `status` and `source reset` (and the options `once`
 * shares, cli_once.c): parse -c and the long options (reset's NAME), hand
 * over to daemon.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "rightswatch/cli.h"
#include "rightswatch/daemon.h"

/* The long options each command takes besides -c. */
static const struct option cli_daemon_longopts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "alert-backlog", no_argument, NULL, 'b' },
	{ "force", no_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 },
};

const char *
cli_daemon_parse(int argc, char **argv, const char *allow, const char *usage, int *json,
    struct daemon_opts *opts)
{
	const char *opt_c = NULL;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:h", cli_daemon_longopts, NULL)) != -1) {
		if (ch == 'c')
			opt_c = optarg;
		else if (ch == 'j' && strchr(allow, 'j') != NULL)
			*json = 1;
		else if (ch == 'b' && strchr(allow, 'b') != NULL)
			opts->alert_backlog = 1;
		else if (ch == 'f' && strchr(allow, 'f') != NULL)
			opts->force = 1;
		else
			goto usage;
	}
	if (optind != argc)
		goto usage;
	return cli_config_path(opt_c);
usage:
	fprintf(stderr, "usage: rightswatch %s %s\n", argv[0], usage);
	return NULL;
}

static const char *
cli_daemon_opts(int argc, char **argv, int *json)
{
	struct daemon_opts none = { 0, 0, NULL };

	return cli_daemon_parse(argc, argv, json != NULL ? "j" : "",
	    json != NULL ? "[-c FILE] [--json]" : "[-c FILE]", json, &none);
}

int
cli_run(int argc, char **argv)
{
	const char *path = cli_daemon_opts(argc, argv, NULL);

	return path == NULL ? 2 : daemon_main(path, DAEMON_RUN, NULL);
}

int
cli_status(int argc, char **argv)
{
	int json = 0;
	const char *path = cli_daemon_opts(argc, argv, &json);

	return path == NULL ? 2 : daemon_status(path, json);
}

int
cli_source(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char usage[] = "usage: rightswatch source reset [-c FILE] NAME\n";
	const char *opt_c = NULL;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		if (ch != 'c')
			goto usage;
		opt_c = optarg;
	}
	if (argc - optind != 2 || strcmp(argv[optind], "reset") != 0)
		goto usage;
	return daemon_source_reset(cli_config_path(opt_c), argv[optind + 1]);
usage:
	fputs(usage, stderr);
	return 2;
}
