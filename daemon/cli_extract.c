/*
 * cli_extract — `rightswatch extract`: text files (or standard input) to
 * JSON Lines, one observation a line. The shell around extract_text: reads
 * files, picks the release date (--date, else today) and prints.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/date.h"
#include "rightswatch/extract.h"

static int
read_all(FILE *fp, struct buf *b)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(b, chunk, n) == -1)
			return -1;
	return ferror(fp) ? -1 : 0;
}

static json_t *
date_or_null(int has, struct date_ymd d)
{
	char s[32];

	if (!has)
		return json_null();
	return json_string(date_format_ymd(d, s));
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* A JSON string of text[a, b), with invalid UTF-8 replaced. */
static json_t *
span(const char *text, size_t a, size_t b)
{
	json_t *j = json_stringn(text + a, b - a);
	struct buf t = { NULL, 0, 0 };

	if (j != NULL)
		return j;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)text[i];

		if (buf_putc(&t, c < 0x80 ? (char)c : '?') == -1) {
			buf_free(&t);
			return json_null();
		}
	}
	j = json_stringn(t.data != NULL ? t.data : "", t.len);
	buf_free(&t);
	return j != NULL ? j : json_null();
}

static int
print_obs(const char *text, const struct extract_obs *o)
{
	json_t *j = json_object();
	char *s;
	int rc = -1;

	if (j == NULL)
		return -1;
	json_object_set_new(j, "indicator", json_string(o->indicator));
	json_object_set_new(j, "value", json_integer(o->value));
	json_object_set_new(j, "qualifier", json_string(extract_qualifier_name(o->qualifier)));
	json_object_set_new(j, "period_start", date_or_null(o->has_period, o->period_start));
	json_object_set_new(j, "period_end", date_or_null(o->has_period, o->period_end));
	json_object_set_new(j, "country", str_or_null(o->country));
	json_object_set_new(j, "region", str_or_null(o->region));
	json_object_set_new(j, "derived", json_boolean(o->derived));
	json_object_set_new(j, "evidence", span(text, o->start, o->end));
	json_object_set_new(j, "sentence", span(text, o->sent_start, o->sent_end));
	json_object_set_new(j, "start", json_integer((json_int_t)o->start));
	json_object_set_new(j, "end", json_integer((json_int_t)o->end));
	if ((s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII * 0)) != NULL) {
		rc = puts(s) == EOF ? -1 : 0;
		free(s);
	}
	json_decref(j);
	return rc;
}

static void
usage(const char *name)
{
	fprintf(stderr, "usage: %s [--date YYYY-MM-DD] [--lang auto|en|fr] [--country NAME] "
	    "[-c FILE] [FILE|-]...\n", name);
}

static int
extract_one(const struct extract_taxonomy *tx, const char *path,
    const struct extract_params *params, const char *name)
{
	struct buf b = { NULL, 0, 0 };
	struct extract_result res;
	FILE *fp = stdin;
	int rc = 0;

	if (strcmp(path, "-") != 0 && (fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", name, path, strerror(errno));
		return -1;
	}
	if (read_all(fp, &b) == -1) {
		fprintf(stderr, "%s: %s: read error\n", name, path);
		rc = -1;
	}
	if (fp != stdin)
		fclose(fp);
	if (rc == 0 && extract_text(tx, b.data != NULL ? b.data : "", b.len, params, &res) == -1) {
		fprintf(stderr, "%s: %s: out of memory\n", name, path);
		rc = -1;
	}
	if (rc == 0) {
		for (size_t i = 0; i < res.nobs && rc == 0; i++)
			rc = print_obs(b.data, &res.obs[i]);
		extract_result_free(&res);
	}
	buf_free(&b);
	return rc;
}

int
cli_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ "country", required_argument, NULL, 'C' },
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct extract_params params;
	struct extract_taxonomy *tx;
	const char *date = NULL, *cfpath = NULL;
	int ch, rc = 0;

	memset(&params, 0, sizeof(params));
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'l':
			if (strcmp(optarg, "en") == 0)
				params.lang = EXTRACT_LANG_EN;
			else if (strcmp(optarg, "fr") == 0)
				params.lang = EXTRACT_LANG_FR;
			else if (strcmp(optarg, "auto") == 0)
				params.lang = EXTRACT_LANG_AUTO;
			else {
				usage(argv[0]);
				return 2;
			}
			break;
		case 'C':
			params.country = optarg;
			break;
		case 'c':
			cfpath = optarg;
			break;
		default:
			usage(argv[0]);
			return 2;
		}
	}
	if (cfpath != NULL) {
		fprintf(stderr, "%s: -c: configuration support is not built yet\n", argv[0]);
		return 2;
	}
	if (date != NULL) {
		if (date_parse_ymd(date, &params.release_date) == -1) {
			fprintf(stderr, "%s: --date: not YYYY-MM-DD: %s\n", argv[0], date);
			return 2;
		}
	} else {
		time_t now = time(NULL);
		params.release_date = date_civil_from_days((int64_t)now / 86400);
	}
	if ((tx = extract_taxonomy_new(NULL)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		return 1;
	}
	if (optind == argc)
		rc = extract_one(tx, "-", &params, argv[0]) == -1;
	for (int i = optind; i < argc; i++)
		if (extract_one(tx, argv[i], &params, argv[0]) == -1)
			rc = 1;
	extract_taxonomy_free(tx);
	return rc;
}
