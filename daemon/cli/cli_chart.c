/*
 * cli_chart — `rightswatch chart --country C --indicator I [-o FILE.svg]`:
 * the SVG the dashboard's series page draws (series.c, chart.c), from the
 * state file, for a report or a mail; standard output without -o. It
 * reads the state file only.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/chart.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/escape.h"
#include "rightswatch/series.h"
#include "rightswatch/store.h"

#define CLI_CHART_USAGE "usage: rightswatch chart [-c FILE] --country NAME --indicator NAME " \
	"[-o FILE.svg]\n"

/* The document: an XML declaration, the chart, a newline. */
static int
cli_chart_write(const char *path, const struct buf *svg)
{
	FILE *fp = path != NULL ? fopen(path, "w") : stdout;
	char esc[512];
	int r = 0;

	if (fp == NULL) {
		fprintf(stderr, "rightswatch chart: %s: %s\n", escape_logs(esc, sizeof(esc), path),
		    strerror(errno));
		return 1;
	}
	if (fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp) == EOF ||
	    fwrite(svg->data, 1, svg->len, fp) != svg->len || fputc('\n', fp) == EOF)
		r = 1;
	if (path != NULL ? fclose(fp) != 0 : fflush(fp) != 0)
		r = 1;
	if (r)
		fprintf(stderr, "rightswatch chart: %s: %s\n", path != NULL ?
		    escape_logs(esc, sizeof(esc), path) : "standard output", strerror(errno));
	return r;
}

/* The chart of country's indicator from cf's state file into out (NULL:
 * standard output): 0, 1 or 2. */
static int
cli_chart_run(const struct config *cf, const char *country, const char *indicator,
    const char *out)
{
	struct series s;
	struct store *st = NULL;
	struct buf svg = { 0 };
	char why[512], base[1024];
	int rc;

	if ((rc = series_open(cf, country, indicator, &s, why, sizeof(why))) != 0) {
		if (rc == 1)
			fprintf(stderr, "rightswatch chart: %s\n", why);
		series_clear(&s);
		return rc == 1 ? 2 : 1;
	}
	if (cli_state_open(cf, 0, "there is nothing to draw", &st) != 0) {
		series_clear(&s);
		return 1;
	}
	/* Links to the dashboard only where it has an address people reach,
	 * with one slash before each path. */
	if (cf->public_url != NULL) {
		snprintf(base, sizeof(base), "%s", cf->public_url);
		for (size_t n = strlen(base); n > 0 && base[n - 1] == '/'; n--)
			base[n - 1] = '\0';
	}
	snprintf(why, sizeof(why), "out of memory");
	if (series_gather(&s, st, cf, cf->public_url != NULL ? base : NULL, why,
	    sizeof(why)) == -1 ||
	    chart_svg(&s.chart, &svg) == -1) {
		fprintf(stderr, "rightswatch chart: %s\n", why);
		rc = 1;
	} else {
		rc = cli_chart_write(out, &svg);
	}
	buf_free(&svg);
	series_clear(&s);
	store_close(st);
	return rc;
}

int
cli_chart(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'C' },
		{ "indicator", required_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 }
	};
	const char *opt_c = NULL, *country = NULL, *indicator = NULL, *out = NULL;
	struct config *cf;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': opt_c = optarg; break;
		case 'o': out = optarg; break;
		case 'C': country = optarg; break;
		case 'I': indicator = optarg; break;
		default:
			fputs(CLI_CHART_USAGE, stderr);
			return 2;
		}
	}
	if (optind != argc || country == NULL || indicator == NULL) {
		fputs(CLI_CHART_USAGE, stderr);
		return 2;
	}
	if ((cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	rc = cli_chart_run(cf, country, indicator, out);
	config_free(cf);
	return rc;
}
