/*
 * cli_baseline — `rightswatch baseline list|import|export|delete`: the
 * baselines as data. Each verb loads the configuration's baselines into
 * the state first (as the daemon does at start-up), takes the filters
 * --country, --indicator and --period (a name in any case, or a country's
 * term, is made canonical, and an unknown one is refused with the nearest
 * known name), and answers --help.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/baseline.h"
#include "rightswatch/baseline_csv.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/store.h"
#include "rightswatch/taxonomy.h"

#define CLI_BASELINE_FILTERS "[--country NAME] [--indicator NAME] [--period PERIOD]"

/* The verbs, with their usage. */
static const struct cli_verb cli_baseline_verbs[] = {
	{ "list", "baseline list [-c FILE] " CLI_BASELINE_FILTERS " [--json]" },
	{ "import", "baseline import [-c FILE] FILE.csv" },
	{ "export", "baseline export [-c FILE] " CLI_BASELINE_FILTERS },
	{ "delete", "baseline delete [-c FILE] " CLI_BASELINE_FILTERS " [--all]" },
};
#define CLI_NVERBS (sizeof(cli_baseline_verbs) / sizeof(cli_baseline_verbs[0]))

/* What the options asked for, filters made canonical. */
struct cli_bl {
	const char *opt_c;
	const char *country, *indicator, *period; /* as given */
	const char *c_country, *c_indicator;     /* canonical (owned by tx) */
	char start[11], end[11];                  /* --period's days, "" none */
	int json, all;
	struct config *cf;
	struct taxonomy *tx;
	struct store *st;
};

static void
cli_baseline_usage(FILE *fp, const char *verb)
{
	cli_verbs_usage(fp, verb, cli_baseline_verbs, sizeof(cli_baseline_verbs) /
	    sizeof(cli_baseline_verbs[0]));
}

static void
cli_baseline_csv_diag(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

/* Make the filters canonical; 0, or an exit status. */
static int
cli_baseline_filters(struct cli_bl *b)
{
	struct bperiod p;

	if (b->country != NULL &&
	    cli_canonical(b->cf, b->tx, "baseline", "country", b->country, 1,
	    &b->c_country) != 0)
		return 2;
	if (b->indicator != NULL && cli_canonical(b->cf, b->tx, "baseline", "indicator",
	    b->indicator, 1, &b->c_indicator) != 0)
		return 2;
	if (b->period != NULL) {
		if (bperiod_parse(b->period, &p) == -1) {
			fprintf(stderr, "rightswatch baseline: --period: expected 2020, 2020-H1, "
			    "2020-Q3, 2020-05 or 2020-01-01/2020-06-30: '%s'\n", b->period);
			return 2;
		}
		date_format_ymd(p.start, b->start);
		date_format_ymd(p.end, b->end);
	}
	return 0;
}

/* Does a stored row pass --period? */
static int
cli_baseline_in_period(const struct cli_bl *b, const struct store_baseline *r)
{
	return b->start[0] == '\0' || (strcmp(r->period_start, b->start) == 0 &&
	    strcmp(r->period_end, b->end) == 0);
}

static json_t *
cli_baseline_json(const struct store_baseline *r)
{
	char label[BPERIOD_FMT_MAX];

	cli_period(r->period_start, r->period_end, label);
	return json_pack("{s:o, s:o, s:{s:s, s:s, s:s}, s:I, s:s, s:o, s:o}",
	    "country", jsonout_text(r->country),
	    "indicator", jsonout_text(r->indicator),
	    "period", "label", label, "start", r->period_start, "end", r->period_end,
	    "value", (json_int_t)r->value,
	    "origin", r->origin,
	    "source", jsonout_text(r->source),
	    "document", r->doc_id > 0 ? json_integer(r->doc_id) : json_null());
}

static int
cli_baseline_list(struct cli_bl *b, int csv)
{
	struct store_baseline *v = NULL;
	struct rules_baseline *rb = NULL;
	struct buf out = { NULL, 0, 0 };
	size_t n = 0, k = 0, shown = 0;
	int rc = 1;

	if (store_baseline_list(b->st, b->c_country, b->c_indicator, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(b->st));
		return 1;
	}
	if (!csv) {
		if (!b->json)
			printf("%-12s %-26s %-22s %10s %-10s %s\n", "COUNTRY", "INDICATOR", "PERIOD",
			    "VALUE", "ORIGIN", "SOURCE");
		for (size_t i = 0; i < n; i++) {
			char per[BPERIOD_FMT_MAX], src[200];

			if (!cli_baseline_in_period(b, &v[i]))
				continue;
			shown++;
			if (b->json) {
				if (cli_json_print(cli_baseline_json(&v[i]), 0) == -1)
					goto out;
				continue;
			}
			cli_period(v[i].period_start, v[i].period_end, per);
			escape_logs(src, sizeof(src), v[i].source != NULL ? v[i].source : "");
			printf("%-12s %-26s %-22s %10lld %-10s %s\n", v[i].country, v[i].indicator,
			    per, (long long)v[i].value, v[i].origin, src);
		}
		if (shown == 0 && !b->json)
			printf("(no baseline%s)\n", b->country || b->indicator || b->period ?
			    " matches" : " yet");
		rc = 0;
		goto out;
	}
	/* export: the imported rows (configured ones live in the INI file) */
	if ((rb = calloc(n + 1, sizeof(*rb))) == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].origin, STORE_ORIGIN_IMPORTED) != 0 ||
		    !cli_baseline_in_period(b, &v[i]))
			continue;
		if (date_parse_ymd(v[i].period_start, &rb[k].period.start) == -1 ||
		    date_parse_ymd(v[i].period_end, &rb[k].period.end) == -1)
			continue;
		rb[k].country = v[i].country;
		rb[k].indicator = v[i].indicator;
		rb[k].value = v[i].value;
		rb[k].source = v[i].source;
		rb[k].origin = RULES_IMPORTED;
		k++;
	}
	if (baseline_csv_write(&out, rb, k) == -1)
		goto out;
	fwrite(out.data, 1, out.len, stdout);
	rc = 0;
out:
	buf_free(&out);
	free(rb);
	store_baselines_free(v, n);
	return rc;
}

static int
cli_baseline_delete(struct cli_bl *b)
{
	size_t n = 0;

	if (!b->all && b->country == NULL && b->indicator == NULL && b->period == NULL) {
		fprintf(stderr, "rightswatch baseline delete: name what to delete with "
		    "--country, --indicator or --period, or give --all\n");
		return 2;
	}
	if (store_baseline_delete(b->st, b->c_country, b->c_indicator,
	    b->start[0] != '\0' ? b->start : NULL, b->end[0] != '\0' ? b->end : NULL, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(b->st));
		return 1;
	}
	printf("%zu imported baseline%s deleted\n", n, n == 1 ? "" : "s");
	if (n > 0 && b->cf->baselines != NULL)
		printf("(rows of %s are imported again when the daemon starts or reloads: "
		    "remove them there too)\n", b->cf->baselines);
	return 0;
}

/* Parse the options after the verb into b; 0, 1 (--help printed), or 2. */
static int
cli_baseline_opts(int argc, char **argv, const char *verb, struct cli_bl *b)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'C' },
		{ "indicator", required_argument, NULL, 'I' },
		{ "period", required_argument, NULL, 'P' },
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, list = strcmp(verb, "list") == 0, del = strcmp(verb, "delete") == 0;
	int import = strcmp(verb, "import") == 0;

	optind = 2;
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		if (ch == 'h') {
			cli_baseline_usage(stdout, verb);
			return 1;
		}
		if (ch == 'c')
			b->opt_c = optarg;
		else if (ch == 'C' && !import)
			b->country = optarg;
		else if (ch == 'I' && !import)
			b->indicator = optarg;
		else if (ch == 'P' && !import)
			b->period = optarg;
		else if (ch == 'j' && list)
			b->json = 1;
		else if (ch == 'a' && del)
			b->all = 1;
		else
			goto usage;
	}
	if (optind + import == argc)
		return 0;
usage:
	cli_baseline_usage(stderr, verb);
	return 2;
}

int
cli_baseline(int argc, char **argv)
{
	struct cli_bl b;
	const char *verb = argc >= 2 ? argv[1] : "";
	char err[512];
	size_t v;
	int rc;

	for (v = 0; v < CLI_NVERBS && strcmp(verb, cli_baseline_verbs[v].verb) != 0; v++)
		;
	if (v == CLI_NVERBS) {
		cli_baseline_usage(stderr, NULL);
		return 2;
	}
	memset(&b, 0, sizeof(b));
	if ((rc = cli_baseline_opts(argc, argv, verb, &b)) != 0)
		return rc == 1 ? 0 : rc;
	if ((b.cf = config_load(cli_config_path(b.opt_c), cli_diag, NULL)) == NULL)
		return 2;
	if ((b.tx = taxonomy_new(b.cf->indicators, b.cf->nindicators, b.cf->countries,
	    b.cf->ncountries)) == NULL) {
		fprintf(stderr, "rightswatch: out of memory\n");
		rc = 1;
	} else if ((rc = cli_baseline_filters(&b)) != 0) {
		/* reported */
	} else if (store_open(b.cf->state, &b.st, err, sizeof(err)) == -1) {
		fprintf(stderr, "rightswatch: %s\n", err);
		rc = 1;
	} else if (baseline_load(b.st, b.cf) == -1) {
		/* The store reflects the configuration, as when the daemon starts. */
		rc = 1;
	} else if (strcmp(verb, "import") == 0) {
		size_t n = 0, added = 0, updated = 0;

		rc = baseline_import_csv(b.st, b.cf, argv[optind], &n, &added, &updated,
		    cli_baseline_csv_diag, NULL) == -1;
		if (rc == 0)
			printf("%s: %zu rows, %zu added, %zu updated\n", argv[optind], n, added,
			    updated);
	} else if (strcmp(verb, "delete") == 0) {
		rc = cli_baseline_delete(&b);
	} else {
		rc = cli_baseline_list(&b, strcmp(verb, "export") == 0);
	}
	store_close(b.st);
	taxonomy_free(b.tx);
	config_free(b.cf);
	return rc;
}
