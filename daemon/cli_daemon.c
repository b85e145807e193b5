/*
 * cli_daemon — `run`, `once` and `status`: parse -c, hand over to daemon.c.
 */
#include <getopt.h>
#include <stdio.h>

#include "rightswatch/cli.h"
#include "rightswatch/daemon.h"

/* Parse "[-c FILE]"; returns the config path, or NULL after a usage message. */
static const char *
cli_daemon_opts(int argc, char **argv)
{
	const char *opt_c = NULL;
	int ch;

	optind = 1;
	while ((ch = getopt(argc, argv, "c:h")) != -1) {
		switch (ch) {
		case 'c':
			opt_c = optarg;
			break;
		default:
			fprintf(stderr, "usage: rightswatch %s [-c FILE]\n", argv[0]);
			return NULL;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: rightswatch %s [-c FILE]\n", argv[0]);
		return NULL;
	}
	return cli_config_path(opt_c);
}

int
cli_run(int argc, char **argv)
{
	const char *path = cli_daemon_opts(argc, argv);

	return path == NULL ? 2 : daemon_main(path, DAEMON_RUN);
}

int
cli_once(int argc, char **argv)
{
	const char *path = cli_daemon_opts(argc, argv);

	return path == NULL ? 2 : daemon_main(path, DAEMON_ONCE);
}

int
cli_status(int argc, char **argv)
{
	const char *path = cli_daemon_opts(argc, argv);

	return path == NULL ? 2 : daemon_status(path);
}
