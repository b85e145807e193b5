/*
 * cli_feed — `rightswatch parse-feed [--base URL] [FILE|-]`: a feed to JSON
 * Lines on stdout, one item a line with the keys id, link, title,
 * published, updated, summary, content, categories and lang. Exit 0, 1 on
 * input it rejects (one line on stderr), 2 on a usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/date.h"
#include "rightswatch/feed.h"

/* Largest input read (libxml2 takes an int length). */
#define CLI_FEED_MAX_INPUT ((size_t)1 << 30)

static json_t *
cli_feed_str(const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	/* Parsers emit UTF-8; should anything slip through, null beats no line. */
	return (v = json_string(s)) != NULL ? v : json_null();
}

static json_t *
cli_feed_date(int64_t t)
{
	char out[32];

	if (t == DATE_UNKNOWN)
		return json_null();
	return json_string(date_format_rfc3339(t, out));
}

static int
cli_feed_print(const struct feed_item *it)
{
	json_t *o, *cats;
	int rc;

	if ((o = json_object()) == NULL || (cats = json_array()) == NULL) {
		json_decref(o);
		return -1;
	}
	for (size_t i = 0; i < it->ncategories; i++)
		json_array_append_new(cats, cli_feed_str(it->categories[i]));
	json_object_set_new(o, "id", cli_feed_str(it->id));
	json_object_set_new(o, "link", cli_feed_str(it->link));
	json_object_set_new(o, "title", cli_feed_str(it->title));
	json_object_set_new(o, "published", cli_feed_date(it->published));
	json_object_set_new(o, "updated", cli_feed_date(it->updated));
	json_object_set_new(o, "summary", cli_feed_str(it->summary));
	json_object_set_new(o, "content", cli_feed_str(it->content));
	json_object_set_new(o, "categories", cats);
	json_object_set_new(o, "lang", cli_feed_str(it->lang));
	rc = json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc == -1 || putchar('\n') == EOF)
		return -1;
	return 0;
}

int
cli_parse_feed(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "base", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *base = NULL, *path = "-";
	struct buf in = { 0 };
	struct feed *f = NULL;
	char err[512];
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "b:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			base = optarg;
			break;
		case 'h':
			printf("usage: rightswatch parse-feed [--base URL] [FILE|-]\n");
			return 0;
		default:
			fprintf(stderr, "usage: rightswatch parse-feed [--base URL] [FILE|-]\n");
			return 2;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "usage: rightswatch parse-feed [--base URL] [FILE|-]\n");
		return 2;
	}
	if (optind < argc)
		path = argv[optind];
	if (buf_read_file(path, CLI_FEED_MAX_INPUT, &in, err, sizeof(err)) == -1) {
		fprintf(stderr, "parse-feed: %s: %s\n", path, err);
		goto out;
	}
	if (feed_parse(in.data, in.len, base, &f, err, sizeof(err)) == -1) {
		fprintf(stderr, "parse-feed: %s\n", err);
		goto out;
	}
	for (size_t i = 0; i < f->nitems; i++)
		if (cli_feed_print(&f->items[i]) == -1) {
			fprintf(stderr, "parse-feed: cannot write the output\n");
			goto out;
		}
	if (fflush(stdout) == EOF) {
		fprintf(stderr, "parse-feed: cannot write the output\n");
		goto out;
	}
	rc = 0;
out:
	feed_free(f);
	buf_free(&in);
	return rc;
}
