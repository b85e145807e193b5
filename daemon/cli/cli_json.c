/*
 * cli_json — printing the commands' --json output: numbers are JSON
 * numbers, objects objects (the values themselves are jsonout.h's). A list
 * is JSON Lines (one object a line); one thing is one object.
 */
#include <stdio.h>

#include <jansson.h>

#include "rightswatch/cli.h"

int
cli_json_print(json_t *o, int pretty)
{
	int rc;

	if (o == NULL) {
		fprintf(stderr, "rightswatch: out of memory\n");
		return -1;
	}
	rc = json_dumpf(o, stdout, JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12) |
	    (pretty ? JSON_INDENT(2) : JSON_COMPACT));
	json_decref(o);
	if (rc == 0)
		putchar('\n');
	return rc;
}
