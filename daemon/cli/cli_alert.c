/*
 * cli_alert — the commands around alerts: `baseline list|import|export`,
 * `alerts` and `test-alert`. Each opens the configuration and the state,
 * calls the modules, and prints.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "rightswatch/alert.h"
#include "rightswatch/baseline.h"
#include "rightswatch/baseline_csv.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/daemon.h"
#include "rightswatch/date.h"
#include "rightswatch/deliver.h"
#include "rightswatch/escape.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/store.h"
#include "rightswatch/version.h"

static void
cli_alert_diag(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

static void
cli_baseline_usage(void)
{
	fprintf(stderr, "usage: rightswatch baseline list [-c FILE] [--country NAME] "
	    "[--indicator NAME]\n"
	    "       rightswatch baseline import [-c FILE] FILE.csv\n"
	    "       rightswatch baseline export [-c FILE]\n");
}

static void
cli_csv_diag(void *arg, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
}

static int
cli_baseline_import(struct store *st, const char *path)
{
	size_t n = 0, added = 0, updated = 0;

	if (baseline_import_csv(st, path, &n, &added, &updated, cli_csv_diag, NULL) == -1)
		return 1;
	printf("%s: %zu rows, %zu added, %zu updated\n", path, n, added, updated);
	return 0;
}

/* A stored baseline row's period as the INI file writes it ("2020-H1"). */
static void
cli_period(const char *start, const char *end, char *out)
{
	struct bperiod p;

	if (date_parse_ymd(start, &p.start) == 0 && date_parse_ymd(end, &p.end) == 0)
		bperiod_format(&p, out);
	else
		snprintf(out, BPERIOD_FMT_MAX, "-");
}

static int
cli_baseline_list(struct store *st, const char *country, const char *indicator, int csv)
{
	struct store_baseline *v = NULL;
	struct rules_baseline *rb = NULL;
	struct buf out = { NULL, 0, 0 };
	size_t n = 0, k = 0;
	int rc = 1;

	if (store_baseline_list(st, country, indicator, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(st));
		return 1;
	}
	if (!csv) {
		printf("%-12s %-26s %-22s %10s %-10s %s\n", "COUNTRY", "INDICATOR", "PERIOD",
		    "VALUE", "ORIGIN", "SOURCE");
		for (size_t i = 0; i < n; i++) {
			char per[BPERIOD_FMT_MAX], src[200];

			cli_period(v[i].period_start, v[i].period_end, per);
			escape_logs(src, sizeof(src), v[i].source != NULL ? v[i].source : "");
			printf("%-12s %-26s %-22s %10lld %-10s %s\n", v[i].country, v[i].indicator,
			    per, (long long)v[i].value, v[i].origin, src);
		}
		rc = 0;
		goto out;
	}
	/* export: the imported rows (configured ones live in the INI file) */
	if ((rb = calloc(n + 1, sizeof(*rb))) == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].origin, STORE_ORIGIN_IMPORTED) != 0)
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

int
cli_baseline(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "country", required_argument, NULL, 'C' },
		{ "indicator", required_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 }
	};
	const char *opt_c = NULL, *country = NULL, *indicator = NULL, *verb;
	struct config *cf;
	struct store *st;
	int ch, rc;

	if (argc < 2) {
		cli_baseline_usage();
		return 2;
	}
	verb = argv[1];
	optind = 2;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			opt_c = optarg;
			break;
		case 'C':
			country = optarg;
			break;
		case 'I':
			indicator = optarg;
			break;
		default:
			cli_baseline_usage();
			return 2;
		}
	}
	if (!((strcmp(verb, "import") == 0 && optind + 1 == argc) ||
	    ((strcmp(verb, "list") == 0 || strcmp(verb, "export") == 0) && optind == argc))) {
		cli_baseline_usage();
		return 2;
	}
	if ((rc = cli_state_open(opt_c, &cf, &st)) != 0)
		return rc;
	/* The store reflects the configuration, as when the daemon starts. */
	if (baseline_load(st, cf) == -1)
		rc = 1;
	else if (strcmp(verb, "import") == 0)
		rc = cli_baseline_import(st, argv[optind]);
	else
		rc = cli_baseline_list(st, country, indicator, strcmp(verb, "export") == 0);
	store_close(st);
	config_free(cf);
	return rc;
}

int
cli_alerts(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_alert *v = NULL;
	struct config *cf;
	struct store *st;
	struct date_ymd since_d;
	const char *opt_c = NULL;
	int64_t since = 0;
	size_t n = 0;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			opt_c = optarg;
			break;
		case 's':
			if (date_parse_ymd(optarg, &since_d) == -1) {
				fprintf(stderr, "rightswatch alerts: --since: not YYYY-MM-DD: %s\n", optarg);
				return 2;
			}
			since = date_days_from_civil(since_d.y, since_d.m, since_d.d) * 86400;
			break;
		default:
			fprintf(stderr, "usage: rightswatch alerts [-c FILE] [--since YYYY-MM-DD]\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: rightswatch alerts [-c FILE] [--since YYYY-MM-DD]\n");
		return 2;
	}
	if ((rc = cli_state_open(opt_c, &cf, &st)) != 0)
		return rc;
	if (store_alerts_list(st, since, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(st));
		rc = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct store_alert *a = &v[i];
		char when[32], per[BPERIOD_FMT_MAX], bper[BPERIOD_FMT_MAX], esc[400];

		cli_period(a->period_start, a->period_end, per);
		printf("#%lld %s %s %s: %s %s %lld%s (%s)", (long long)a->id,
		    date_format_rfc3339(a->created, when), a->severity, a->rule,
		    a->country != NULL ? a->country : "-", a->indicator, (long long)a->value,
		    a->approximate ? " approx" : "", per);
		if (a->baseline_value >= 0) {
			cli_period(a->baseline_period_start, a->baseline_period_end, bper);
			printf(" vs %lld for %s (%s)", (long long)a->baseline_value, bper,
			    a->baseline_origin != NULL ? a->baseline_origin : "?");
		}
		if (a->is_update && a->previous_value >= 0)
			printf(", up from %lld", (long long)a->previous_value);
		printf("\n    %s\n", escape_logs(esc, sizeof(esc), a->url != NULL ? a->url : "-"));
		printf("    deliveries: %s\n", escape_logs(esc, sizeof(esc),
		    a->deliveries != NULL && *a->deliveries != '\0' ? a->deliveries : "none"));
	}
	store_alerts_free(v, n);
	store_close(st);
	config_free(cf);
	return rc;
}

struct cli_test {
	struct event_base *base;
	size_t pending;
	size_t failed;
};

static void
cli_test_done(int ok, const char *msg, void *arg)
{
	struct cli_test *t = arg;
	char esc[300];

	if (!ok)
		t->failed++;
	printf("%s: %s\n", ok ? "sent" : "FAILED", escape_logs(esc, sizeof(esc), msg));
	if (--t->pending == 0)
		event_base_loopbreak(t->base);
}

int
cli_test_alert(int argc, char **argv)
{
	struct config *cf;
	struct http_options ho;
	struct http *h = NULL;
	struct deliver *d = NULL;
	struct cli_test t = { NULL, 0, 0 };
	size_t tried = 0;
	struct alert a;
	const char *opt_c = NULL, *only = NULL;
	char err[512], date[11];
	time_t now = time(NULL);
	int ch, rc = 1;

	optind = 1;
	while ((ch = getopt(argc, argv, "c:")) != -1) {
		if (ch != 'c') {
			fprintf(stderr, "usage: rightswatch test-alert [-c FILE] [NAME]\n");
			return 2;
		}
		opt_c = optarg;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "usage: rightswatch test-alert [-c FILE] [NAME]\n");
		return 2;
	}
	if (optind < argc)
		only = argv[optind];
	if ((cf = config_load(cli_config_path(opt_c), cli_alert_diag, NULL)) == NULL)
		return 2;
	memset(&a, 0, sizeof(a));
	a.is_test = 1;
	a.rule = "test-alert";
	a.severity = RULES_INFO;
	a.compare = RULES_VALUE;
	a.factor = 1.0;
	a.country = cf->ncountries > 0 ? cf->countries[0].name : "Mali";
	a.indicator = "abductions";
	a.value = 1;
	a.qualifier = EXTRACT_EXACT;
	a.title = "rightswatch test alert: no figure crossed any threshold";
	a.date = date_format_ymd(date_civil_from_days((int64_t)now / 86400), date);
	a.url = RW_URL;
	a.sentence = "This is a test of the alert destinations; it reports nothing.";
	memset(&ho, 0, sizeof(ho));
	ho.user_agent = cf->user_agent;
	ho.max_parallel = cf->max_parallel;
	ho.per_host = cf->per_host;
	if ((t.base = event_base_new()) == NULL || (h = http_new(t.base, &ho)) == NULL) {
		fprintf(stderr, "rightswatch: out of memory\n");
		goto out;
	}
	if ((d = deliver_new(t.base, h, NULL, cf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "rightswatch: %s\n", err);
		goto out;
	}
	/* No outbox here: nothing is scheduled, only the test sends run. */
	deliver_stop(d);
	for (size_t i = 0; i < cf->nnotifies; i++) {
		const char *name = cf->notifies[i].name;

		if (only != NULL && strcmp(only, name) != 0)
			continue;
		tried++;
		printf("%s (%s): ", name, config_notify_type_name(cf->notifies[i].type));
		fflush(stdout);
		if (deliver_test(d, name, &a, cli_test_done, &t, err, sizeof(err)) == -1) {
			printf("FAILED: %s\n", err);
			t.failed++;
			continue;
		}
		t.pending++;
		/* One at a time, so each line reads whole. */
		event_base_dispatch(t.base);
	}
	if (tried == 0) {
		if (only != NULL)
			fprintf(stderr, "rightswatch: no [notify %s] section in %s\n", only, cf->path);
		else
			fprintf(stderr, "rightswatch: no [notify] section in %s\n", cf->path);
		goto out;
	}
	rc = t.failed > 0;
out:
	deliver_free(d);
	http_free(h);
	if (t.base != NULL)
		event_base_free(t.base);
	config_free(cf);
	return rc;
}
