/*
 * cli_check — `rightswatch check [-c FILE]`: validate the configuration as
 * `run` does before it starts (config_load, then config_verify: the state
 * file, the baselines file, the password files, destinations). Every
 * problem goes to stderr as "FILE:LINE: message" and the exit status is 1;
 * warnings ("FILE:LINE: warning: ...") go there too and do not change it;
 * a valid file prints "FILE: OK" and exits 0. Usage errors exit 2.
 */
#include <stdio.h>
#include <unistd.h>

#include "rightswatch/cli.h"
#include "rightswatch/config.h"

static void
cli_check_diag(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

int
cli_check(int argc, char **argv)
{
	const char *opt_c = NULL, *path;
	struct config *cf;
	int ch, errors;

	while ((ch = getopt(argc, argv, "c:h")) != -1) {
		switch (ch) {
		case 'c':
			opt_c = optarg;
			break;
		case 'h':
			printf("usage: rightswatch check [-c FILE]\n");
			return 0;
		default:
			fprintf(stderr, "usage: rightswatch check [-c FILE]\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: rightswatch check [-c FILE]\n");
		return 2;
	}
	path = cli_config_path(opt_c);
	if ((cf = config_load(path, cli_check_diag, NULL)) == NULL)
		return 1;
	/* What run verifies before it starts, the same function. */
	errors = config_verify(cf, cli_check_diag, cli_check_diag, NULL);
	config_free(cf);
	if (errors > 0)
		return 1;
	printf("%s: OK\n", path);
	return 0;
}
