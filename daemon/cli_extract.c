/*
 * cli_extract — `rightswatch extract`: text or HTML files (or standard
 * input) to JSON Lines, one observation a line. The shell around
 * extract_text: reads each input, sends HTML through the page-text
 * extractor, picks the release date (--date, else the page's own date,
 * else today), applies a configuration's indicators and countries (-c),
 * and prints.
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
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/extract.h"
#include "rightswatch/feed.h"
#include "rightswatch/page.h"

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
	json_object_set_new(j, "period_end", date_or_null(o->has_period ||
	    extract_obs_end_only(o), o->period_end));
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

/* Extract from one input and print its observations. date_set: --date was
 * given; otherwise the page's own date (HTML), else today, is used. */
static int
extract_one(const struct extract_taxonomy *tx, const char *path,
    const struct extract_params *given, int date_set, const char *name)
{
	struct extract_params params = *given;
	struct buf b = { NULL, 0, 0 };
	struct extract_result res;
	struct page *page = NULL;
	const char *text;
	size_t len;
	char err[256];
	int rc = 0;

	if (cli_read_input(path, PAGE_MAX_INPUT, &b, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s: %s: %s\n", name, path, err);
		buf_free(&b);
		return -1;
	}
	text = b.data != NULL ? b.data : "";
	len = b.len;
	if (feed_sniff(text, len) == FEED_SNIFF_HTML) {
		if (page_extract(text, len, NULL, NULL, NULL, &page, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s: %s: %s\n", name, path, err);
			buf_free(&b);
			return -1;
		}
		text = page->text;
		len = strlen(page->text);
		if (!date_set && page->date != NULL)
			date_parse_ymd(page->date, &params.release_date);
		if (params.lang == EXTRACT_LANG_AUTO && page->lang != NULL)
			params.lang = strcmp(page->lang, "fr") == 0 ? EXTRACT_LANG_FR :
			    strcmp(page->lang, "en") == 0 ? EXTRACT_LANG_EN : EXTRACT_LANG_AUTO;
	}
	if (extract_text(tx, text, len, &params, &res) == -1) {
		fprintf(stderr, "%s: %s: out of memory\n", name, path);
		rc = -1;
	} else {
		for (size_t i = 0; i < res.nobs && rc == 0; i++)
			rc = print_obs(text, &res.obs[i]);
		extract_result_free(&res);
	}
	page_free(page);
	buf_free(&b);
	return rc;
}

static void
extract_diag(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
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
	struct config *cf = NULL;
	const char *date = NULL, *cfpath = NULL;
	int ch, rc = 0;

	memset(&params, 0, sizeof(params));
	optind = 1;
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
	if (cfpath != NULL && (cf = config_load(cfpath, extract_diag, NULL)) == NULL)
		return 2;
	if (date != NULL) {
		if (date_parse_ymd(date, &params.release_date) == -1) {
			fprintf(stderr, "%s: --date: not YYYY-MM-DD: %s\n", argv[0], date);
			config_free(cf);
			return 2;
		}
	} else {
		time_t now = time(NULL);
		params.release_date = date_civil_from_days((int64_t)now / 86400);
	}
	tx = extract_taxonomy_new(cf);
	config_free(cf);
	if (tx == NULL) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		return 1;
	}
	if (optind == argc)
		rc = extract_one(tx, "-", &params, date != NULL, argv[0]) == -1;
	for (int i = optind; i < argc; i++)
		if (extract_one(tx, argv[i], &params, date != NULL, argv[0]) == -1)
			rc = 1;
	extract_taxonomy_free(tx);
	return rc;
}
