/*
 * cli_page — `rightswatch page-text [--base URL] [--charset NAME]
 * [--content-xpath XPATH] [FILE|-]`: a release page to one JSON object with
 * its title, date, lang and text (null where unknown).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/jsonl.h"
#include "rightswatch/page.h"

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
	struct buf in = { 0 }, o = { 0 };
	struct page *p = NULL;
	char err[256];
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
	if (buf_puts(&o, "{\"title\":") == -1 || jsonl_strz(&o, p->title) == -1 ||
	    buf_puts(&o, ",\"date\":") == -1 || jsonl_strz(&o, p->date) == -1 ||
	    buf_puts(&o, ",\"lang\":") == -1 || jsonl_strz(&o, p->lang) == -1 ||
	    buf_puts(&o, ",\"text\":") == -1 || jsonl_strz(&o, p->text) == -1 ||
	    buf_puts(&o, "}\n") == -1) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		goto out;
	}
	rc = fwrite(o.data, 1, o.len, stdout) == o.len && fflush(stdout) == 0 ? 0 : 1;
out:
	buf_free(&o);
	page_free(p);
	buf_free(&in);
	return rc;
}
