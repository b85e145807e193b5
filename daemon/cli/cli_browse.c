/*
 * cli_browse — what the daemon knows, for people to look at:
 * `rightswatch releases` lists the releases it read, `rightswatch show`
 * one release with its figures as a table and the alerts raised from it.
 * Both read the state file only (store_browse.c's queries, the same the
 * dashboard uses) and print lines, or JSON with --json.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/bperiod.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/store.h"
#include "rightswatch/taxonomy.h"

#define CLI_RELEASES_USAGE "usage: rightswatch releases [-c FILE] [--source NAME] " \
	"[--since YYYY-MM-DD] [--country NAME] [--limit N] [--json]\n"
#define CLI_SHOW_USAGE "usage: rightswatch show [-c FILE] [--json] ID|URL\n"

/* The sources of a release as a JSON array. */
static json_t *
cli_browse_sources(const char *list)
{
	json_t *arr = json_array();
	const char *p = list;

	while (arr != NULL && p != NULL && *p != '\0') {
		size_t n = strcspn(p, ",");
		char *one = strndup(p, n);

		if (one == NULL || json_array_append_new(arr, jsonout_text(one)) == -1) {
			free(one);
			json_decref(arr);
			return NULL;
		}
		free(one);
		p += n + (p[n] == ',');
	}
	return arr;
}

json_t *
cli_release_json(const struct store_release *r)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:I, s:I}",
	    "id", (json_int_t)r->id,
	    "url", jsonout_text(r->url),
	    "title", jsonout_text(r->title),
	    "date", jsonout_text(r->date),
	    "lang", jsonout_text(r->lang),
	    "country", jsonout_text(r->country),
	    "sources", cli_browse_sources(r->sources),
	    "revision", r->revision,
	    "first_seen", jsonout_time(r->first_seen),
	    "last_seen", jsonout_time(r->last_seen),
	    "figures", (json_int_t)r->figures,
	    "alerts", (json_int_t)r->alerts);
}

/* Parse --country (its canonical name copied into buf, which outlives the
 * taxonomy) and --since into f; 0, 1 or 2. */
static int
cli_releases_filters(const struct config *cf, const char *country, const char *since,
    struct store_release_filter *f, char *buf, size_t buflen)
{
	struct date_ymd d;
	struct taxonomy *tx;
	int rc = 0;

	if (since != NULL && date_parse_ymd(since, &d) == -1) {
		fprintf(stderr, "rightswatch releases: --since: not YYYY-MM-DD: %s\n", since);
		return 2;
	}
	f->since = since;
	if (country == NULL)
		return 0;
	if ((tx = taxonomy_new(cf->indicators, cf->nindicators, cf->countries,
	    cf->ncountries)) == NULL)
		return 1;
	/* The country's name outlives tx only in the configuration's spelling. */
	if ((rc = cli_canonical(cf, tx, "releases", "country", country, 0, &f->country)) == 0) {
		snprintf(buf, buflen, "%s", f->country);
		f->country = buf;
	}
	taxonomy_free(tx);
	return rc;
}

int
cli_releases(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "source", required_argument, NULL, 's' },
		{ "since", required_argument, NULL, 'S' },
		{ "country", required_argument, NULL, 'C' },
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_release_filter f;
	struct store_release *v = NULL;
	const char *opt_c = NULL, *country = NULL, *since = NULL;
	struct config *cf;
	struct store *st = NULL;
	size_t n = 0;
	char cbuf[160];
	int ch, json = 0, rc;

	memset(&f, 0, sizeof(f));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': opt_c = optarg; break;
		case 's': f.source = optarg; break;
		case 'S': since = optarg; break;
		case 'C': country = optarg; break;
		case 'j': json = 1; break;
		case 'l':
			if ((f.limit = (size_t)strtoul(optarg, NULL, 10)) == 0) {
				fprintf(stderr, "rightswatch releases: --limit: a number above 0\n");
				return 2;
			}
			break;
		default:
			fputs(CLI_RELEASES_USAGE, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(CLI_RELEASES_USAGE, stderr);
		return 2;
	}
	if ((cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	if ((rc = cli_releases_filters(cf, country, since, &f, cbuf, sizeof(cbuf))) != 0)
		goto out;
	/* Looking never creates a state file; without one there is nothing. */
	if ((rc = cli_state_open(cf, json, "no release was read", &st)) != 0) {
		rc = rc == 1 ? 0 : 1;
		goto out;
	}
	if (store_releases_list(st, &f, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(st));
		rc = 1;
		goto out;
	}
	if (!json && n == 0)
		printf("No release%s.\n", f.source || f.since || f.country ? " matches" : " read yet");
	else if (!json)
		printf("%5s %-10s %-18s %-4s %7s %6s  %s\n", "ID", "DATE", "SOURCE", "LANG",
		    "FIGURES", "ALERTS", "TITLE");
	for (size_t i = 0; i < n; i++) {
		char title[300], src[40];

		if (json) {
			if (cli_json_print(cli_release_json(&v[i]), 0) == -1)
				rc = 1;
			continue;
		}
		escape_logs(title, sizeof(title), v[i].title != NULL ? v[i].title : v[i].url);
		escape_logs(src, sizeof(src), v[i].sources != NULL ? v[i].sources : "-");
		printf("%5lld %-10s %-18s %-4s %7lld %6lld  %s\n", (long long)v[i].id,
		    v[i].date != NULL ? v[i].date : "-", src, v[i].lang != NULL ? v[i].lang : "-",
		    (long long)v[i].figures, (long long)v[i].alerts, title);
	}
out:
	store_releases_free(v, n);
	store_close(st);
	config_free(cf);
	return rc;
}

/* A figure's period as the INI file writes it, or "-". */
static void
cli_figure_period(const struct store_figure *f, char *out)
{
	if (f->has_period)
		cli_period(f->period_start, f->period_end, out);
	else
		snprintf(out, BPERIOD_FMT_MAX, "-");
}

json_t *
cli_figure_json(const struct store_figure *f)
{
	char label[BPERIOD_FMT_MAX];

	cli_figure_period(f, label);
	/* A figure not stored (try) has no number. */
	return json_pack("{s:o, s:o, s:I, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:I, s:I}",
	    "id", f->id > 0 ? json_integer(f->id) : json_null(),
	    "indicator", jsonout_text(f->indicator),
	    "value", (json_int_t)f->value,
	    "qualifier", jsonout_text(f->qualifier),
	    "period", f->has_period ? json_pack("{s:s, s:s, s:s}", "label", label,
	    "start", f->period_start, "end", f->period_end) : json_null(),
	    "country", jsonout_text(f->country),
	    "region", jsonout_text(f->region),
	    "derived", f->derived,
	    "evidence", jsonout_text(f->evidence),
	    "sentence", jsonout_text(f->sentence),
	    "start", (json_int_t)f->start,
	    "end", (json_int_t)f->end);
}

void
cli_figures_print(const struct store_figure *v, size_t n)
{
	printf("\nFigures (%zu):\n", n);
	if (n == 0)
		return;
	printf("  %-24s %9s %-9s %-22s %-20s %s\n", "INDICATOR", "VALUE", "QUALIFIER",
	    "PERIOD", "PLACE", "EVIDENCE");
	for (size_t i = 0; i < n; i++) {
		char per[BPERIOD_FMT_MAX], place[120], ev[300];

		cli_figure_period(&v[i], per);
		snprintf(place, sizeof(place), "%s%s%s%s", v[i].country != NULL ? v[i].country : "-",
		    v[i].region != NULL ? " (" : "", v[i].region != NULL ? v[i].region : "",
		    v[i].region != NULL ? ")" : "");
		escape_logs(ev, sizeof(ev), v[i].evidence != NULL ? v[i].evidence : "");
		printf("  %-24s %9lld %-9s %-22s %-20s \"%s\"%s\n", v[i].indicator,
		    (long long)v[i].value, v[i].qualifier, per, place, ev,
		    v[i].derived ? " (implied)" : "");
	}
}

static void
cli_show_text(const struct store_release *r, const struct store_figure *f, size_t nf,
    const struct store_alert *a, size_t na)
{
	char esc[600], t1[32], t2[32];

	printf("Release #%lld: %s\n", (long long)r->id, escape_logs(esc, sizeof(esc),
	    r->title != NULL ? r->title : "(no title)"));
	printf("  URL:      %s\n", escape_logs(esc, sizeof(esc), r->url));
	printf("  Date:     %s    Language: %s    Country: %s\n", r->date != NULL ? r->date : "-",
	    r->lang != NULL ? r->lang : "-", r->country != NULL ? r->country : "-");
	printf("  Sources:  %s\n", escape_logs(esc, sizeof(esc),
	    r->sources != NULL ? r->sources : "-"));
	printf("  Seen:     first %s, last %s; revision %d\n",
	    date_format_rfc3339(r->first_seen, t1), date_format_rfc3339(r->last_seen, t2),
	    r->revision);
	cli_figures_print(f, nf);
	printf("\nAlerts (%zu):\n", na);
	for (size_t i = 0; i < na; i++)
		cli_alert_line(&a[i]);
}

static json_t *
cli_show_json(const struct store_release *r, const struct store_figure *f, size_t nf,
    const struct store_alert *a, size_t na)
{
	json_t *o = cli_release_json(r), *figs = json_array(), *alerts = json_array();

	for (size_t i = 0; figs != NULL && i < nf; i++)
		if (json_array_append_new(figs, cli_figure_json(&f[i])) == -1)
			goto oom;
	for (size_t i = 0; alerts != NULL && i < na; i++)
		if (json_array_append_new(alerts, cli_alert_json(&a[i])) == -1)
			goto oom;
	/* the counts become the lists themselves */
	if (o == NULL || figs == NULL || alerts == NULL ||
	    json_object_set_new(o, "figures", figs) == -1 ||
	    json_object_set_new(o, "alerts", alerts) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
oom:
	json_decref(figs);
	json_decref(alerts);
	json_decref(o);
	return NULL;
}

/* ID or URL into a release number: 0 and *id (0 when none), or -1. */
static int
cli_show_find(struct store *st, const char *what, int64_t *id)
{
	char *end;
	long long v = strtoll(what, &end, 10);

	if (*what != '\0' && *end == '\0' && v > 0) {
		*id = v;
		return 0;
	}
	return store_document_find(st, what, id);
}

int
cli_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_release r;
	struct store_figure *f = NULL;
	struct store_alert *a = NULL;
	const char *opt_c = NULL;
	struct config *cf;
	struct store *st = NULL;
	size_t nf = 0, na = 0;
	int64_t id = 0;
	int ch, json = 0, rc, found;

	memset(&r, 0, sizeof(r));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (ch == 'c')
			opt_c = optarg;
		else if (ch == 'j')
			json = 1;
		else
			goto usage;
	}
	if (optind + 1 != argc)
		goto usage;
	if ((cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	if ((rc = cli_state_open(cf, json, "no release was read", &st)) != 0) {
		config_free(cf);
		return 1;
	}
	if (cli_show_find(st, argv[optind], &id) == -1 ||
	    (found = id > 0 ? store_release_get(st, id, &r) : 1) == -1 ||
	    (found == 0 && (store_figures_list(st, id, &f, &nf) == -1 ||
	    store_release_alerts(st, id, &a, &na) == -1))) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(st));
		rc = 1;
	} else if (found == 1) {
		fprintf(stderr, "rightswatch show: no release %s (rightswatch releases lists "
		    "them)\n", argv[optind]);
		rc = 1;
	} else if (!json) {
		cli_show_text(&r, f, nf, a, na);
	} else if (cli_json_print(cli_show_json(&r, f, nf, a, na), 1) == -1) {
		rc = 1;
	}
	store_alerts_free(a, na);
	store_figures_free(f, nf);
	store_release_clear(&r);
	store_close(st);
	config_free(cf);
	return rc;
usage:
	fputs(CLI_SHOW_USAGE, stderr);
	return 2;
}
