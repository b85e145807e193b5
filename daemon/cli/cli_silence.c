/*
 * cli_silence — `rightswatch silence add|list|remove`: hold back a noisy
 * threshold's alerts for a while. A silenced alert is still recorded and
 * listed (`alerts` says which silence held it), never delivered; silences
 * live in the state file, so they outlast restarts, and `status` shows the
 * active ones.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/store.h"
#include "rightswatch/suggest.h"
#include "rightswatch/taxonomy.h"

static const struct cli_verb cli_silence_verbs[] = {
	{ "add", "silence add [-c FILE] --threshold NAME [--country NAME] --until DATE "
	    "--reason TEXT [--json]" },
	{ "list", "silence list [-c FILE] [--all] [--json]" },
	{ "remove", "silence remove [-c FILE] ID" },
};
#define CLI_NSILENCE (sizeof(cli_silence_verbs) / sizeof(cli_silence_verbs[0]))

struct cli_sil {
	const char *opt_c, *threshold, *country, *until, *reason;
	int json, all;
	struct config *cf;
	struct store *st;
	int64_t now;
};

static void
cli_silence_usage(FILE *fp, const char *verb)
{
	cli_verbs_usage(fp, verb, cli_silence_verbs, sizeof(cli_silence_verbs) /
	    sizeof(cli_silence_verbs[0]));
}

/* --until: a day (silent through its end, UTC) or an RFC 3339 time. */
static int64_t
cli_silence_until(const char *s)
{
	struct date_ymd d;

	if (date_parse_ymd(s, &d) == 0)
		return (date_days_from_civil(d.y, d.m, d.d) + 1) * 86400;
	return date_parse_rfc3339(s);
}

/* The threshold named must be configured (with a did-you-mean). */
static int
cli_silence_threshold(const struct config *cf, const char *name)
{
	const char **names;
	const char *hint;

	for (size_t i = 0; i < cf->nthresholds; i++)
		if (strcmp(cf->thresholds[i].name, name) == 0)
			return 0;
	if ((names = calloc(cf->nthresholds + 1, sizeof(*names))) == NULL)
		return 1;
	for (size_t i = 0; i < cf->nthresholds; i++)
		names[i] = cf->thresholds[i].name;
	hint = suggest_nearest(name, names, cf->nthresholds);
	fprintf(stderr, "rightswatch silence: --threshold: no [threshold %s] in %s%s%s%s\n", name,
	    cf->path, hint != NULL ? " (did you mean '" : "", hint != NULL ? hint : "",
	    hint != NULL ? "'?)" : "");
	free(names);
	return 2;
}

static int
cli_silence_add(struct cli_sil *c)
{
	struct store_silence s;
	struct taxonomy *tx = NULL;
	char err[512], when[32];
	int64_t id;
	int rc;

	if (c->threshold == NULL || c->until == NULL || c->reason == NULL || *c->reason == '\0') {
		cli_silence_usage(stderr, "add");
		return 2;
	}
	memset(&s, 0, sizeof(s));
	s.threshold = c->threshold;
	s.reason = c->reason;
	if ((s.until = cli_silence_until(c->until)) <= c->now) {
		fprintf(stderr, "rightswatch silence: --until: %s (a day, YYYY-MM-DD, or an "
		    "RFC 3339 time, still to come)\n", s.until == DATE_UNKNOWN ? "not a date" :
		    "already past");
		return 2;
	}
	if ((rc = cli_silence_threshold(c->cf, c->threshold)) != 0)
		return rc;
	if (c->country != NULL) {
		if ((tx = taxonomy_new(c->cf->indicators, c->cf->nindicators, c->cf->countries,
		    c->cf->ncountries)) == NULL)
			return 1;
		rc = cli_canonical(c->cf, tx, "silence", "country", c->country, 1, &s.country);
	}
	/* The state file is where silences outlast restarts: create it if need be. */
	if (rc == 0 && (store_file_prepare(c->cf->state, err, sizeof(err)) == -1 ||
	    store_open(c->cf->state, &c->st, err, sizeof(err)) == -1)) {
		fprintf(stderr, "rightswatch: %s\n", err);
		rc = 1;
	} else if (rc == 0 && store_silence_add(c->st, &s, c->now, &id) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(c->st));
		rc = 1;
	} else if (rc == 0 && c->json) {
		rc = cli_json_print(json_pack("{s:I, s:s, s:o, s:o, s:s}", "id", (json_int_t)id,
		    "threshold", s.threshold, "country", jsonout_text(s.country),
		    "until", jsonout_time(s.until), "reason", s.reason), 0) == -1;
	} else if (rc == 0) {
		printf("silence #%lld: the alerts of %s%s%s are held back until %s\n", (long long)id,
		    s.threshold, s.country != NULL ? " for " : "", s.country != NULL ? s.country : "",
		    date_format_rfc3339(s.until, when));
	}
	taxonomy_free(tx);
	return rc;
}

static json_t *
cli_silence_json(const struct store_silence *s, int64_t now)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "id", (json_int_t)s->id,
	    "threshold", jsonout_text(s->threshold), "country", jsonout_text(s->country),
	    "until", jsonout_time(s->until), "reason", jsonout_text(s->reason),
	    "created", jsonout_time(s->created), "removed", jsonout_time(s->removed),
	    "active", s->removed == 0 && s->until > now);
}

static int
cli_silence_list(struct cli_sil *c)
{
	struct store_silence *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cli_state_open(c->cf, c->json, "no silence was added", &c->st)) != 0)
		return rc == 1 ? 0 : 1;
	if (store_silences_list(c->st, c->now, c->all, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(c->st));
		return 1;
	}
	if (n == 0 && !c->json)
		printf("No %ssilence.\n", c->all ? "" : "active ");
	for (size_t i = 0; i < n; i++) {
		char until[32], esc[300];

		if (c->json) {
			rc |= cli_json_print(cli_silence_json(&v[i], c->now), 0) == -1;
			continue;
		}
		printf("#%lld %s%s%s until %s%s: %s\n", (long long)v[i].id, v[i].threshold,
		    v[i].country != NULL ? " for " : "", v[i].country != NULL ? v[i].country : "",
		    date_format_rfc3339(v[i].until, until), v[i].removed != 0 ? " (removed)" :
		    v[i].until <= c->now ? " (over)" : "",
		    escape_logs(esc, sizeof(esc), v[i].reason));
	}
	store_silences_free(v, n);
	return rc;
}

static int
cli_silence_remove(struct cli_sil *c, const char *arg)
{
	char err[512], *end;
	long long id = strtoll(arg, &end, 10);
	int r;

	if (*arg == '\0' || *end != '\0' || id <= 0) {
		cli_silence_usage(stderr, "remove");
		return 2;
	}
	if ((r = cli_state_open(c->cf, 0, "no silence was added", &c->st)) != 0)
		return 1;
	store_close(c->st);
	if (store_open(c->cf->state, &c->st, err, sizeof(err)) == -1) {
		c->st = NULL;
		fprintf(stderr, "rightswatch: %s\n", err);
		return 1;
	}
	if ((r = store_silence_remove(c->st, id, c->now)) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(c->st));
		return 1;
	}
	if (r == 1) {
		fprintf(stderr, "rightswatch silence: no active silence #%lld\n", id);
		return 1;
	}
	printf("silence #%lld removed: its threshold's alerts are delivered again\n", id);
	return 0;
}

int
cli_silence(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "country", required_argument, NULL, 'C' },
		{ "until", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *verb = argc >= 2 ? argv[1] : "";
	struct cli_sil c;
	int ch, rc, add = strcmp(verb, "add") == 0, list = strcmp(verb, "list") == 0;
	int remove = strcmp(verb, "remove") == 0;

	if (!add && !list && !remove) {
		cli_silence_usage(stderr, NULL);
		return 2;
	}
	memset(&c, 0, sizeof(c));
	optind = 2;
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		if (ch == 'h') {
			cli_silence_usage(stdout, verb);
			return 0;
		} else if (ch == 'c') {
			c.opt_c = optarg;
		} else if (add && ch == 't') {
			c.threshold = optarg;
		} else if (add && ch == 'C') {
			c.country = optarg;
		} else if (add && ch == 'u') {
			c.until = optarg;
		} else if (add && ch == 'r') {
			c.reason = optarg;
		} else if (list && ch == 'a') {
			c.all = 1;
		} else if ((add || list) && ch == 'j') {
			c.json = 1;
		} else {
			cli_silence_usage(stderr, verb);
			return 2;
		}
	}
	if (optind + remove != argc) {
		cli_silence_usage(stderr, verb);
		return 2;
	}
	if ((c.cf = config_load(cli_config_path(c.opt_c), cli_diag, NULL)) == NULL)
		return 2;
	c.now = (int64_t)time(NULL);
	rc = add ? cli_silence_add(&c) : list ? cli_silence_list(&c) :
	    cli_silence_remove(&c, argv[optind]);
	store_close(c.st);
	config_free(c.cf);
	return rc;
}
