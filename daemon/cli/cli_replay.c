/*
 * cli_replay — reading releases again: `rightswatch reextract` re-runs the
 * extractor over stored releases after a change of the configuration and
 * says which figures came and went (alerting only with --alert);
 * `rightswatch try` reads a release file as the daemon would and shows
 * which thresholds it would cross against the current state, recording
 * nothing (release_replay.c does both).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "rightswatch/alert.h"
#include "rightswatch/alerting.h"
#include "rightswatch/baseline.h"
#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/extract.h"
#include "rightswatch/feed.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/log.h"
#include "rightswatch/page.h"
#include "rightswatch/release.h"
#include "rightswatch/store.h"

#define CLI_REEXTRACT_USAGE "usage: rightswatch reextract [-c FILE] [--alert] [--json] " \
	"--all | ID...\n"
#define CLI_TRY_USAGE "usage: rightswatch try [-c FILE] [--date YYYY-MM-DD] [--json] FILE\n"

/* ---- reextract ---- */

struct cli_reextract {
	struct store *st;
	const struct config *cf;
	struct extract_taxonomy *tx;
	int alert, json;
	int64_t now;
	json_t *list;                /* --json: one object a release */
	size_t n, added, removed, alerts;
};

/* Re-read one release and say what changed; 0, or an exit status. */
static int
cli_reextract_one(struct cli_reextract *c, int64_t id)
{
	struct store_release rel;
	struct release_diff d;
	const char *title;
	char esc[200];
	int r = release_reextract(c->st, c->cf, c->tx, id, c->alert, c->now, &d), rc;

	if (r == 1) {
		fprintf(stderr, "rightswatch reextract: no release %lld\n", (long long)id);
		return 1;
	}
	if (r == -1) {
		fprintf(stderr, "rightswatch reextract: release %lld: %s\n", (long long)id,
		    store_errmsg(c->st));
		return 1;
	}
	c->n++;
	c->added += d.added;
	c->removed += d.removed;
	c->alerts += d.nalerts;
	if (store_release_get(c->st, id, &rel) != 0)
		memset(&rel, 0, sizeof(rel));
	title = rel.title != NULL ? rel.title : rel.url;
	rc = 0;
	if (c->json) {
		rc = json_array_append_new(c->list, json_pack("{s:I, s:o, s:I, s:I, s:I, s:I, s:I}",
		    "id", (json_int_t)id, "title", jsonout_text(title),
		    "before", (json_int_t)d.before, "after", (json_int_t)d.after,
		    "added", (json_int_t)d.added, "removed", (json_int_t)d.removed,
		    "alerts", (json_int_t)d.nalerts)) == -1;
	} else {
		printf("#%lld: %zu figure%s before, %zu after: +%zu -%zu", (long long)id, d.before,
		    d.before == 1 ? "" : "s", d.after, d.added, d.removed);
		if (c->alert)
			printf(", %zu alert%s", d.nalerts, d.nalerts == 1 ? "" : "s");
		printf("  %s\n", escape_logs(esc, sizeof(esc), title != NULL ? title : ""));
	}
	store_release_clear(&rel);
	return rc;
}

/* Every stored release, oldest first (so that alerts compare with earlier
 * ones, as when they were first read). */
static int
cli_reextract_all(struct cli_reextract *c)
{
	struct store_release *v = NULL;
	size_t n = 0;
	int rc = 0;

	if (store_releases_list(c->st, NULL, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(c->st));
		return 1;
	}
	for (size_t i = n; i > 0; i--)
		if (cli_reextract_one(c, v[i - 1].id) != 0)
			rc = 1;
	store_releases_free(v, n);
	return rc;
}

/* Open the state file to write, only if it is there. 0, or an exit status. */
static int
cli_replay_state(const struct config *cf, int json, struct store **st)
{
	char err[512];
	int r;

	if ((r = cli_state_open(cf, json, "no release was read", st)) != 0)
		return r == 1 ? 0 : 1;
	store_close(*st);
	*st = NULL;
	if (store_open(cf->state, st, err, sizeof(err)) == -1) {
		fprintf(stderr, "rightswatch: %s\n", err);
		return 1;
	}
	return 0;
}

int
cli_reextract(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "alert", no_argument, NULL, 'A' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_reextract c;
	struct config *cf;
	const char *opt_c = NULL;
	int ch, all = 0, rc = 0;

	memset(&c, 0, sizeof(c));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (ch == 'c')
			opt_c = optarg;
		else if (ch == 'a')
			all = 1;
		else if (ch == 'A')
			c.alert = 1;
		else if (ch == 'j')
			c.json = 1;
		else
			goto usage;
	}
	if (all == (optind < argc))
		goto usage;
	for (int i = optind; i < argc; i++)
		if (strtoll(argv[i], NULL, 10) <= 0 || strspn(argv[i], "0123456789") !=
		    strlen(argv[i]))
			goto usage;
	if ((cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	c.cf = cf;
	c.now = (int64_t)time(NULL);
	if ((rc = cli_replay_state(cf, c.json, &c.st)) != 0 || c.st == NULL)
		goto out;
	/* The thresholds compare with the baselines the configuration gives. */
	if ((c.tx = extract_taxonomy_new(cf)) == NULL || (c.json && (c.list = json_array()) == NULL) ||
	    baseline_load(c.st, cf) == -1) {
		rc = 1;
		goto out;
	}
	if (all)
		rc = cli_reextract_all(&c);
	for (int i = optind; i < argc; i++)
		if (cli_reextract_one(&c, strtoll(argv[i], NULL, 10)) != 0)
			rc = 1;
	if (c.json)
		cli_json_print(json_pack("{s:o, s:I, s:I, s:I, s:I}", "releases", c.list,
		    "count", (json_int_t)c.n, "added", (json_int_t)c.added,
		    "removed", (json_int_t)c.removed, "alerts", (json_int_t)c.alerts), 1);
	else if (c.alert)
		printf("Read again: %zu release%s, %zu figure%s added, %zu removed, %zu alert%s "
		    "raised\n", c.n, c.n == 1 ? "" : "s", c.added, c.added == 1 ? "" : "s",
		    c.removed, c.alerts, c.alerts == 1 ? "" : "s");
	else
		printf("Read again: %zu release%s, %zu figure%s added, %zu removed, no alert "
		    "raised (--alert compares them with the thresholds)\n", c.n,
		    c.n == 1 ? "" : "s", c.added, c.added == 1 ? "" : "s", c.removed);
	c.list = NULL;
out:
	json_decref(c.list);
	extract_taxonomy_free(c.tx);
	store_close(c.st);
	config_free(cf);
	return rc;
usage:
	fputs(CLI_REEXTRACT_USAGE, stderr);
	return 2;
}

/* ---- try ---- */

/* What try found, gathered for printing. */
struct cli_try {
	int json;
	json_t *alerts, *lacking;    /* --json */
	size_t nalerts, nlacking;
};

static void
cli_try_alert(const struct alert *a, void *arg)
{
	struct cli_try *t = arg;
	char *subject, *text;

	t->nalerts++;
	if (t->json) {
		json_array_append_new(t->alerts, alert_json(a));
		return;
	}
	subject = alert_subject(a, "WOULD ALERT:");
	text = alert_text(a);
	printf("\n%s\n", subject != NULL ? subject : "(out of memory)");
	/* the body's lines after its first, as the mail would say them */
	if (text != NULL && strchr(text, '\n') != NULL)
		for (const char *l = strchr(text, '\n') + 1; *l != '\0';) {
			size_t n = strcspn(l, "\n");

			if (n > 0)
				printf("    %.*s\n", (int)n, l);
			l += n + (l[n] == '\n');
		}
	free(subject);
	free(text);
}

static void
cli_try_missing(const struct alerting_missing *m, void *arg)
{
	struct cli_try *t = arg;
	char line[512];

	t->nlacking++;
	alerting_missing_line(m, line, sizeof(line));
	if (t->json)
		json_array_append_new(t->lacking, jsonout_text(line));
	else
		printf("  lacking: %s\n", line);
}

/* The file's release: its text, title, date and language (an HTML page's,
 * else the text itself). 0, or -1 after saying why. */
static int
cli_try_read(const char *path, struct buf *b, struct page **page, struct release_in *in)
{
	char err[256];

	memset(in, 0, sizeof(in[0]));
	if (buf_read_file(path, PAGE_MAX_INPUT, b, err, sizeof(err)) == -1) {
		fprintf(stderr, "rightswatch try: %s: %s\n", path, err);
		return -1;
	}
	in->url = path;
	in->text = b->data != NULL ? b->data : "";
	in->published = DATE_UNKNOWN;
	if (feed_sniff(in->text, b->len) != FEED_SNIFF_HTML)
		return 0;
	if (page_extract(in->text, b->len, NULL, NULL, NULL, page, err, sizeof(err)) == -1) {
		fprintf(stderr, "rightswatch try: %s: %s\n", path, err);
		return -1;
	}
	in->title = (*page)->title;
	in->date = (*page)->date;
	in->lang = (*page)->lang;
	in->text = (*page)->text;
	return 0;
}

/* The figures res read from text, as stored figures (strings in *keep,
 * which the caller frees). */
static struct store_figure *
cli_try_figures(const struct extract_result *res, const char *text, char ***keep)
{
	struct store_figure *f = calloc(res->nobs + 1, sizeof(*f));
	size_t len = strlen(text);

	if (f == NULL || (*keep = calloc(2 * res->nobs + 1, sizeof(**keep))) == NULL) {
		free(f);
		return NULL;
	}
	for (size_t i = 0; i < res->nobs; i++) {
		const struct extract_obs *o = &res->obs[i];

		f[i].indicator = o->indicator;
		f[i].value = o->value;
		f[i].qualifier = extract_qualifier_name(o->qualifier);
		if ((f[i].has_period = o->has_period)) {
			date_format_ymd(o->period_start, f[i].period_start);
			date_format_ymd(o->period_end, f[i].period_end);
		}
		f[i].country = o->country;
		f[i].region = o->region;
		f[i].derived = o->derived;
		f[i].start = (int64_t)o->start;
		f[i].end = (int64_t)o->end;
		if (o->end <= len && o->start < o->end)
			f[i].evidence = (*keep)[2 * i] = strndup(text + o->start, o->end - o->start);
		if (o->sent_end <= len && o->sent_start < o->sent_end)
			f[i].sentence = (*keep)[2 * i + 1] = strndup(text + o->sent_start,
			    o->sent_end - o->sent_start);
	}
	return f;
}

/* The state to try against, and the configuration's baselines in it, in a
 * transaction that will be rolled back: the state file when there is one,
 * else an empty state in memory. 0, or -1 after saying why. */
static int
cli_try_state(const struct config *cf, struct store **st)
{
	struct stat sb;
	char err[512];

	if (store_open(stat(cf->state, &sb) == 0 ? cf->state : STORE_MEMORY, st, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "rightswatch: %s\n", err);
		return -1;
	}
	if (store_begin(*st) == -1 || baseline_load(*st, cf) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(*st));
		return -1;
	}
	return 0;
}

static void
cli_try_print_release(const struct release_in *in, const struct release_read *rd,
    const struct store_figure *f, size_t nf)
{
	char esc[300];

	printf("Release: %s\n", escape_logs(esc, sizeof(esc), in->title != NULL ? in->title :
	    in->url));
	printf("  Date %s, country %s%s\n", rd->date, rd->country != NULL ? rd->country : "none",
	    rd->relevant ? "" : " (not a configured country: its figures are not read)");
	cli_figures_print(f, nf);
}

int
cli_try(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_try t = { 0, NULL, NULL, 0, 0 };
	struct extract_result res = { .obs = NULL, .nobs = 0 };
	struct extract_taxonomy *tx = NULL;
	struct store_figure *figs = NULL;
	struct release_read rd;
	struct release_in in;
	struct buf b = { NULL, 0, 0 };
	struct page *page = NULL;
	struct store *st = NULL;
	struct config *cf;
	const char *opt_c = NULL, *date = NULL;
	char **keep = NULL;
	int ch, rc = 1;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (ch == 'c')
			opt_c = optarg;
		else if (ch == 'd')
			date = optarg;
		else if (ch == 'j')
			t.json = 1;
		else
			goto usage;
	}
	if (optind + 1 != argc)
		goto usage;
	if ((cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	/* Loading the baselines into a state that is rolled back says nothing. */
	log_setlevel(LOG_LEVEL_WARNING);
	if (cli_try_read(argv[optind], &b, &page, &in) == -1 || cli_try_state(cf, &st) == -1 ||
	    (tx = extract_taxonomy_new(cf)) == NULL)
		goto out;
	if (date != NULL)
		in.date = date;
	if ((t.alerts = json_array()) == NULL || (t.lacking = json_array()) == NULL)
		goto out;
	if (!t.json)
		printf("What the thresholds of %s would decide (nothing is recorded):\n\n", cf->path);
	/* The figures are printed before the alerts they raise. */
	release_read_prepare(cf, tx, &in, (int64_t)time(NULL), &rd);
	if (release_read_figures(tx, &in, &rd, &res) == -1 ||
	    (figs = cli_try_figures(&res, in.text, &keep)) == NULL)
		goto out;
	if (!t.json)
		cli_try_print_release(&in, &rd, figs, res.nobs);
	extract_result_free(&res);
	if (release_try(st, cf, tx, &in, (int64_t)time(NULL), &rd, &res, cli_try_alert,
	    cli_try_missing, &t) == -1)
		goto out;
	rc = 0;
	if (!t.json) {
		printf("\n%zu alert%s would be raised; %zu threshold%s lack%s a baseline for "
		    "these figures.\n", t.nalerts, t.nalerts == 1 ? "" : "s", t.nlacking,
		    t.nlacking == 1 ? "" : "s", t.nlacking == 1 ? "s" : "");
	} else {
		json_t *fj = json_array();

		for (size_t i = 0; fj != NULL && i < res.nobs; i++)
			json_array_append_new(fj, cli_figure_json(&figs[i]));
		rc = cli_json_print(json_pack("{s:{s:o, s:s, s:o, s:b}, s:o, s:O, s:O}",
		    "release", "title", jsonout_text(in.title), "date", rd.date,
		    "country", jsonout_text(rd.country), "read", rd.relevant,
		    "figures", fj, "alerts", t.alerts, "lacking_baseline", t.lacking), 1) == -1;
	}
out:
	if (st != NULL)
		store_rollback(st);
	store_close(st);
	for (size_t i = 0; keep != NULL && i < 2 * res.nobs; i++)
		free(keep[i]);
	free(keep);
	free(figs);
	extract_result_free(&res);
	json_decref(t.alerts);
	json_decref(t.lacking);
	extract_taxonomy_free(tx);
	page_free(page);
	buf_free(&b);
	config_free(cf);
	return rc;
usage:
	fputs(CLI_TRY_USAGE, stderr);
	return 2;
}
