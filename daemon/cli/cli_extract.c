/*
 * cli_extract — `rightswatch extract`: text or HTML files (or standard
 * input) to JSON Lines, one observation a line. The shell around
 * extract_text: reads each input, sends HTML through the page-text
 * extractor, picks the release date (--date, else the page's own date,
 * else the text's dateline, else today, and says which on standard
 * error), applies a configuration's indicators and countries (-c),
 * and prints.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/dateline.h"
#include "rightswatch/escape.h"
#include "rightswatch/extract.h"
#include "rightswatch/feed.h"
#include "rightswatch/jsonl.h"
#include "rightswatch/page.h"

/* A name or date known to need no escaping, quoted; or null. */
static int
put_plain(struct buf *o, const char *s)
{
	if (s == NULL)
		return buf_puts(o, "null");
	if (buf_putc(o, '"') == -1 || buf_puts(o, s) == -1)
		return -1;
	return buf_putc(o, '"');
}

static int
put_date(struct buf *o, int has, struct date_ymd d)
{
	char s[32];

	if (has && d.y >= 0 && d.m >= 0 && d.d >= 0) {
		/* date_format_ymd's "%04d-%02d-%02d", written directly */
		int y = d.y % 10000, m = d.m % 100, dd = d.d % 100;

		s[0] = '"';
		s[1] = (char)('0' + y / 1000);
		s[2] = (char)('0' + y / 100 % 10);
		s[3] = (char)('0' + y / 10 % 10);
		s[4] = (char)('0' + y % 10);
		s[5] = '-';
		s[6] = (char)('0' + m / 10);
		s[7] = (char)('0' + m % 10);
		s[8] = '-';
		s[9] = (char)('0' + dd / 10);
		s[10] = (char)('0' + dd % 10);
		s[11] = '"';
		return buf_append(o, s, 12);
	}
	return put_plain(o, has ? date_format_ymd(d, s) : NULL);
}

/* One observation as a compact JSON object on a line of out (the keys in
 * DESIGN.md's order). Written by hand: a JSON library's object building
 * cost more than the extraction itself (jsonl.h escapes the strings). */
static int
print_obs(struct buf *o, const char *text, const struct extract_obs *ob)
{
	int rc = 0;

	rc |= buf_puts(o, "{\"indicator\":");
	rc |= jsonl_strz(o, ob->indicator);
	rc |= buf_puts(o, ",\"value\":");
	rc |= jsonl_int(o, (long long)ob->value);
	rc |= buf_puts(o, ",\"qualifier\":");
	rc |= put_plain(o, extract_qualifier_name(ob->qualifier));
	rc |= buf_puts(o, ",\"period_start\":");
	rc |= put_date(o, ob->has_period, ob->period_start);
	rc |= buf_puts(o, ",\"period_end\":");
	rc |= put_date(o, ob->has_period || extract_obs_end_only(ob), ob->period_end);
	rc |= buf_puts(o, ",\"country\":");
	rc |= ob->country != NULL ? jsonl_strz(o, ob->country) :
	    buf_puts(o, "null");
	rc |= buf_puts(o, ",\"region\":");
	rc |= ob->region != NULL ? jsonl_strz(o, ob->region) :
	    buf_puts(o, "null");
	rc |= buf_puts(o, ob->derived ? ",\"derived\":true,\"evidence\":" :
	    ",\"derived\":false,\"evidence\":");
	rc |= jsonl_str(o, text + ob->start, ob->end - ob->start);
	rc |= buf_puts(o, ",\"sentence\":");
	rc |= jsonl_str(o, text + ob->sent_start, ob->sent_end - ob->sent_start);
	rc |= buf_puts(o, ",\"start\":");
	rc |= jsonl_uint(o, ob->start);
	rc |= buf_puts(o, ",\"end\":");
	rc |= jsonl_uint(o, ob->end);
	rc |= buf_puts(o, "}\n");
	return rc != 0 ? -1 : 0;
}

static void
usage(const char *name)
{
	fprintf(stderr, "usage: rightswatch %s [--date YYYY-MM-DD] [--lang auto|en|fr] [--country NAME] "
	    "[--explain] [-c FILE] [FILE|-]...\n", name);
}

/* With no --date: the release date is the page's own (from, when not
 * NULL), else the text's dateline's, else today's (already in *d); which,
 * and where it came from, goes to standard error. */
static void
release_date_note(const char *name, const char *path, const char *text, size_t len,
    const char *from, struct date_ymd *d)
{
	char day[11], esc[160];
	size_t s, e;

	if (from != NULL) {
		fprintf(stderr, "%s: %s: release date %s, from %s\n", name, path, date_format_ymd(*d, day), from);
	} else if (dateline_find(text, len, d, &s, &e) == 0) {
		fprintf(stderr, "%s: %s: release date %s, from the dateline \"%s\"\n", name, path,
		    date_format_ymd(*d, day), escape_log(esc, sizeof(esc), text + s, e - s));
	} else {
		fprintf(stderr, "%s: %s: release date %s, today's: the text gives none (use --date)\n", name,
		    path, date_format_ymd(*d, day));
	}
}

/* Extract from one input and print its observations. date_set: --date was
 * given; otherwise the page's own date (HTML), else the dateline's, else
 * today is used. */
static int
extract_one(const struct extract_taxonomy *tx, const char *path,
    const struct extract_params *given, int date_set, const char *name)
{
	struct extract_params params = *given;
	struct extract_notes notes = { NULL, 0, 0 };
	struct buf b = { NULL, 0, 0 };
	struct extract_result res;
	struct page *page = NULL;
	const char *text, *from = NULL;
	size_t len;
	char err[256];
	int rc = 0;

	if (buf_read_file(path, PAGE_MAX_INPUT, &b, err, sizeof(err)) == -1) {
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
		if (!date_set && page->date != NULL && date_parse_ymd(page->date, &params.release_date) == 0)
			from = "the page's own date";
		if (params.lang == EXTRACT_LANG_AUTO && page->lang != NULL)
			params.lang = strcmp(page->lang, "fr") == 0 ? EXTRACT_LANG_FR :
			    strcmp(page->lang, "en") == 0 ? EXTRACT_LANG_EN : EXTRACT_LANG_AUTO;
	}
	if (!date_set)
		release_date_note(name, path, text, len, from, &params.release_date);
	if (given->notes != NULL)
		params.notes = &notes;
	if (extract_text(tx, text, len, &params, &res) == -1) {
		fprintf(stderr, "%s: %s: out of memory\n", name, path);
		rc = -1;
	} else if (params.notes != NULL) {
		rc = cli_explain_print(stdout, text, len, &params, &res, &notes);
		extract_result_free(&res);
	} else {
		struct buf out = { NULL, 0, 0 };

		for (size_t i = 0; i < res.nobs && rc == 0; i++) {
			rc = print_obs(&out, text, &res.obs[i]);
			/* flush in blocks: one write per line would cost more than the line */
			if (rc == 0 && (out.len >= 65536 || i + 1 == res.nobs)) {
				if (fwrite(out.data, 1, out.len, stdout) != out.len)
					rc = -1;
				buf_reset(&out);
			}
		}
		buf_free(&out);
		extract_result_free(&res);
	}
	extract_notes_free(&notes);
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
		{ "explain", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	struct extract_notes explain = { NULL, 0, 0 }; /* only its address is used: a flag */
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
		case 'x':
			params.notes = &explain;
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
			fprintf(stderr, "rightswatch extract: --date: not YYYY-MM-DD: %s\n", date);
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
