/* cli_feed — placeholder until the module lands; replaced by its owner. */
#include <stdio.h>
#include "rightswatch/cli.h"

int
cli_parse_feed(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "%s: not built yet\n", argv[0]);
	return 2;
}
