/* cli_daemon — placeholder until the module lands; replaced by its owner. */
#include <stdio.h>
#include "rightswatch/cli.h"

int
cli_run(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not built yet\n", argv[0]);
	return 2;
}

int
cli_once(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not built yet\n", argv[0]);
	return 2;
}

int
cli_status(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not built yet\n", argv[0]);
	return 2;
}
