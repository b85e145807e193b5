/*
 * cli_daemon — `run`, `once`, `status` and `source reset`: parse -c (and
 * status's --json, reset's NAME), hand over to daemon.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "rightswatch/cli.h"
#include "rightswatch/daemon.h"

/* Parse "[-c FILE]" (and, when json is not NULL, "[--json]" into *json);
 * returns the config path, or NULL after a usage message. */
static const char *
cli_daemon_opts(int argc, char **argv, int *json)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *opt_c = NULL;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:h", json != NULL ? longopts : longopts + 1,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			opt_c = optarg;
			break;
		case 'j':
			*json = 1;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc)
		goto usage;
	return cli_config_path(opt_c);
usage:
	fprintf(stderr, "usage: rightswatch %s [-c FILE]%s\n", argv[0],
	    json != NULL ? " [--json]" : "");
	return NULL;
}

int
cli_run(int argc, char **argv)
{
	const char *path = cli_daemon_opts(argc, argv, NULL);

	return path == NULL ? 2 : daemon_main(path, DAEMON_RUN);
}

int
cli_once(int argc, char **argv)
{
	const char *path = cli_daemon_opts(argc, argv, NULL);

	return path == NULL ? 2 : daemon_main(path, DAEMON_ONCE);
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
