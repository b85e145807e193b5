/*
 * cli_page — `rightswatch page-text [--base URL] [--charset NAME]
 * [--content-xpath XPATH] [FILE|-]`: a release page to one JSON object with
 * its title, date, lang and text (null where unknown).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/page.h"

static json_t *
cli_page_str(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

int
cli_page_text(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "base", required_argument, NULL, 'b' },
		{ "charset", required_argument, NULL, 'C' },
		{ "content-xpath", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *base = NULL, *charset = NULL, *xpath = NULL, *path = "-";
	struct buf in = { 0 };
	struct page *p = NULL;
	json_t *o = NULL;
	char err[256], *s = NULL;
	int c, rc = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': base = optarg; break;
		case 'C': charset = optarg; break;
		case 'x': xpath = optarg; break;
		case 'h':
			printf("usage: rightswatch page-text [--base URL] [--charset NAME] "
			    "[--content-xpath XPATH] [FILE|-]\n");
			return 0;
		default:
			fprintf(stderr, "usage: rightswatch page-text [--base URL] "
			    "[--charset NAME] [--content-xpath XPATH] [FILE|-]\n");
			return 2;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "%s: one input at most\n", argv[0]);
		return 2;
	}
	if (optind < argc)
		path = argv[optind];
	if (buf_read_file(path, PAGE_MAX_INPUT, &in, err, sizeof(err)) == -1 ||
	    page_extract(in.data ? in.data : "", in.len, charset, base, xpath, &p,
	    err, sizeof(err)) == -1) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], path, err);
		goto out;
	}
	if ((o = json_object()) == NULL ||
	    json_object_set_new(o, "title", cli_page_str(p->title)) == -1 ||
	    json_object_set_new(o, "date", cli_page_str(p->date)) == -1 ||
	    json_object_set_new(o, "lang", cli_page_str(p->lang)) == -1 ||
	    json_object_set_new(o, "text", cli_page_str(p->text)) == -1 ||
	    (s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		goto out;
	}
	printf("%s\n", s);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	free(s);
	json_decref(o);
	page_free(p);
	buf_free(&in);
	return rc;
}
