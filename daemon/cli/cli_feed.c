/*
 * cli_feed — `rightswatch parse-feed [--base URL] [--charset NAME]
 * [FILE|-]`: a feed to JSON Lines on stdout, one item a line with the
 * keys id, link, title, published, updated, summary, content, categories
 * and lang. Exit 0, 1 on input it rejects (one line on stderr), 2 on a
 * usage error.
 *
 * The file is read in chunks into the streaming parser and each item is
 * written as it completes, so memory does not grow with the feed. Output
 * is held back for its first CLI_FEED_HOLD bytes: a document rejected
 * before that prints nothing; one rejected later leaves the items before
 * the error on stdout (and still exits 1). Items dropped because their
 * id came earlier in the document, or past the item cap, are counted in
 * one note each on stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/jsonl.h"

#define CLI_FEED_MAX_INPUT ((size_t)1 << 30)   /* bytes of a document */
#define CLI_FEED_CHUNK     (256 * 1024)        /* bytes read at once */
#define CLI_FEED_HOLD      (4 * 1024 * 1024)   /* output bytes held back */
#define CLI_FEED_FLUSH     (64 * 1024)         /* then written in blocks of this */

static const char cli_feed_usage[] =
    "usage: rightswatch parse-feed [--base URL] [--charset NAME] [FILE|-]\n";

struct cli_feed_out {
	struct buf b;
	int streaming; /* past the hold: written as it comes */
	int failed;    /* a write failed */
	int64_t day;   /* the day whose date is in ymd (items share days) */
	char ymd[10];  /* "YYYY-MM-DD" */
};

/* n bytes into b: most lines fit the room already there, and the keys
 * are many small pieces, so the check is made here, not in a call. */
static inline int
cli_feed_put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n >= b->cap)
		return buf_append(b, s, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	return 0;
}

/* "YYYY-MM-DDTHH:MM:SSZ" in quotes, or null (date_format_rfc3339's
 * format, written without snprintf: a line has two of them). */
static int
cli_feed_date(struct cli_feed_out *o, int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400, secs = t - days * 86400;
	int f[6], i;
	char s[22], *p = s;

	if (t == DATE_UNKNOWN)
		return cli_feed_put(&o->b, "null", 4);
	if (days != o->day || o->ymd[0] == '\0') {
		struct date_ymd d = date_civil_from_days(days);

		f[0] = d.y % 10000, f[1] = d.m, f[2] = d.d;
		p = o->ymd;
		*p++ = (char)('0' + f[0] / 1000);
		*p++ = (char)('0' + f[0] / 100 % 10);
		for (i = 0; i < 3; i++) {
			int v = i == 0 ? f[0] % 100 : f[i];
			if (i > 0)
				*p++ = '-';
			*p++ = (char)('0' + v / 10 % 10);
			*p++ = (char)('0' + v % 10);
		}
		o->day = days;
		p = s;
	}
	f[3] = (int)(secs / 3600), f[4] = (int)(secs / 60 % 60), f[5] = (int)(secs % 60);
	*p++ = '"';
	memcpy(p, o->ymd, sizeof(o->ymd));
	p += sizeof(o->ymd);
	for (i = 3; i < 6; i++) {
		*p++ = "T::"[i - 3];
		*p++ = (char)('0' + f[i] / 10 % 10);
		*p++ = (char)('0' + f[i] % 10);
	}
	*p++ = 'Z';
	*p++ = '"';
	return cli_feed_put(&o->b, s, (size_t)(p - s));
}

static int
cli_feed_flush(struct cli_feed_out *o)
{
	if (o->b.len > 0 && fwrite(o->b.data, 1, o->b.len, stdout) != o->b.len)
		o->failed = 1;
	buf_reset(&o->b);
	return o->failed ? -1 : 0;
}

/* ,"key": (a literal) and a string or null. */
static int
cli_feed_strz(struct buf *b, const char *key, size_t klen, const char *s)
{
	if (cli_feed_put(b, key, klen) == -1)
		return -1;
	return s == NULL ? cli_feed_put(b, "null", 4) : jsonl_str(b, s, strlen(s));
}
#define cli_feed_str(b, key, s) cli_feed_strz((b), (key), sizeof(key) - 1, (s))
#define cli_feed_lit(b, lit) cli_feed_put((b), (lit), sizeof(lit) - 1)

/* One item as a JSON line (feed_item_fn). */
static int
cli_feed_item(void *arg, const struct feed_item *it)
{
	struct cli_feed_out *o = arg;
	struct buf *b = &o->b;
	int rc;

	rc = cli_feed_str(b, "{\"id\":", it->id) | cli_feed_str(b, ",\"link\":", it->link) |
	    cli_feed_str(b, ",\"title\":", it->title) | cli_feed_lit(b, ",\"published\":") |
	    cli_feed_date(o, it->published) | cli_feed_lit(b, ",\"updated\":") |
	    cli_feed_date(o, it->updated) | cli_feed_str(b, ",\"summary\":", it->summary) |
	    cli_feed_str(b, ",\"content\":", it->content) | cli_feed_lit(b, ",\"categories\":[");
	for (size_t i = 0; i < it->ncategories; i++)
		rc |= cli_feed_strz(b, ",", i > 0, it->categories[i]);
	rc |= cli_feed_str(b, "],\"lang\":", it->lang) | cli_feed_lit(b, "}\n");
	if (rc != 0) {
		o->failed = 1;
		return -1;
	}
	b->data[b->len] = '\0';
	if (b->len >= (o->streaming ? CLI_FEED_FLUSH : CLI_FEED_HOLD)) {
		o->streaming = 1;
		return cli_feed_flush(o);
	}
	return 0;
}

/* Read path into the stream. 0, or -1 with a reason in err (empty when
 * the stream itself refused the bytes). */
static int
cli_feed_read(const char *path, struct feed_stream *s, char *err, size_t errlen)
{
	FILE *fp = stdin;
	char *chunk;
	size_t n;
	int rc = 0;

	err[0] = '\0';
	if (strcmp(path, "-") != 0 && (fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((chunk = malloc(CLI_FEED_CHUNK)) == NULL) {
		snprintf(err, errlen, "out of memory");
		rc = -1;
	}
	while (rc == 0 && (n = fread(chunk, 1, CLI_FEED_CHUNK, fp)) > 0)
		if (feed_stream_push(s, chunk, n) == -1)
			rc = -1;
	if (rc == 0 && ferror(fp)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = -1;
	}
	free(chunk);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int
cli_parse_feed(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "base", required_argument, NULL, 'b' },
		{ "charset", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct feed_limits lim = { .max_body = CLI_FEED_MAX_INPUT };
	const char *base = NULL, *charset = NULL, *path = "-";
	struct cli_feed_out out = { 0 };
	struct feed_stream *s;
	struct feed *f = NULL;
	char err[512];
	int c, rc = 1;

	while ((c = getopt_long(argc, argv, "b:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			base = optarg;
			break;
		case 'C':
			charset = optarg;
			break;
		case 'h':
			fputs(cli_feed_usage, stdout);
			return 0;
		default:
			fputs(cli_feed_usage, stderr);
			return 2;
		}
	}
	if (argc - optind > 1) {
		fputs(cli_feed_usage, stderr);
		return 2;
	}
	if (optind < argc)
		path = argv[optind];
	if ((s = feed_stream_new(base, charset, &lim, cli_feed_item, &out)) == NULL) {
		fprintf(stderr, "parse-feed: out of memory\n");
		return 1;
	}
	if (cli_feed_read(path, s, err, sizeof(err)) == -1 && err[0] != '\0')
		fprintf(stderr, "parse-feed: %s\n", err);
	else if (feed_stream_finish(s, &f, err, sizeof(err)) == -1)
		fprintf(stderr, "parse-feed: %s\n", out.failed ?
		    "cannot write the output" : err);
	else if (cli_feed_flush(&out) == -1 || fflush(stdout) == EOF)
		fprintf(stderr, "parse-feed: cannot write the output\n");
	else
		rc = 0;
	if (rc == 0 && f->duplicates > 0)
		fprintf(stderr, "parse-feed: note: %zu items dropped: their id came earlier "
		    "in the feed (the first is kept)\n", f->duplicates);
	if (rc == 0 && f->dropped > 0)
		fprintf(stderr, "parse-feed: note: %zu items past the first %d not read\n",
		    f->dropped, FEED_MAX_ITEMS);
	feed_free(f);
	feed_stream_free(s);
	buf_free(&out.b);
	return rc;
}
