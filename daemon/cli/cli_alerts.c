/*
 * cli_alerts — `rightswatch alerts [--since YYYY-MM-DD] [--json] [-c FILE]`:
 * the alerts raised, each with what was decided (the figure, the
 * comparison, the limit, the baseline) and the state of each delivery, as
 * lines for people or JSON Lines for programs.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/alert.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/store.h"

#define CLI_ALERTS_USAGE "usage: rightswatch alerts [-c FILE] [--since YYYY-MM-DD] [--json]\n"

/* The deliveries of a as a JSON array of objects. */
static json_t *
cli_alerts_deliveries(const struct store_alert *a)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr != NULL && i < a->ndl; i++) {
		const struct store_alert_delivery *d = &a->dl[i];

		if (json_array_append_new(arr, json_pack("{s:o, s:o, s:i, s:o, s:o}",
		    "destination", jsonout_text(d->destination),
		    "state", jsonout_text(d->state),
		    "attempts", d->attempts,
		    "last_error", jsonout_text(d->last_error),
		    "delivered_at", jsonout_time(d->delivered_at))) == -1) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* One alert as JSON: what alert_json says of it (what the destinations
 * received), with its id, when it was raised and its deliveries. */
json_t *
cli_alert_json(const struct store_alert *s)
{
	struct alert a;
	json_t *o, *head;

	alert_from_record(s, &a);
	if ((o = alert_json(&a)) == NULL)
		return NULL;
	json_object_del(o, "test");
	json_object_del(o, "generator");
	/* id and time first, as in the text listing */
	if ((head = json_pack("{s:I, s:o}", "id", (json_int_t)s->id,
	    "created", jsonout_time(s->created))) == NULL ||
	    json_object_update(head, o) == -1 ||
	    json_object_set_new(head, "deliveries", cli_alerts_deliveries(s)) == -1 ||
	    json_object_set_new(head, "silenced", s->silence_id == 0 ? json_null() :
	    json_pack("{s:I, s:o, s:o}", "id", (json_int_t)s->silence_id,
	    "until", jsonout_time(s->silence_until), "reason",
	    jsonout_text(s->silence_reason))) == -1) {
		json_decref(head);
		json_decref(o);
		return NULL;
	}
	json_decref(o);
	return head;
}

void
cli_alert_line(const struct store_alert *a)
{
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
	if (a->silence_id != 0) {
		printf("    silenced (#%lld until %s: %s): not delivered\n", (long long)a->silence_id,
		    date_format_rfc3339(a->silence_until, when), escape_logs(esc, sizeof(esc),
		    a->silence_reason != NULL ? a->silence_reason : ""));
		return;
	}
	printf("    deliveries: %s\n", escape_logs(esc, sizeof(esc),
	    a->deliveries != NULL && *a->deliveries != '\0' ? a->deliveries : "none"));
}

int
cli_alerts(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_alert *v = NULL;
	struct config *cf;
	struct store *st;
	struct date_ymd since_d;
	const char *opt_c = NULL, *argv_since = "";
	int64_t since = 0;
	size_t n = 0;
	int ch, json = 0, rc = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			opt_c = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 's':
			if (date_parse_ymd(optarg, &since_d) == -1) {
				fprintf(stderr, "rightswatch alerts: --since: not YYYY-MM-DD: %s\n", optarg);
				return 2;
			}
			since = date_days_from_civil(since_d.y, since_d.m, since_d.d) * 86400;
			argv_since = optarg;
			break;
		default:
			fputs(CLI_ALERTS_USAGE, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(CLI_ALERTS_USAGE, stderr);
		return 2;
	}
	if ((cf = config_load(cli_config_path(opt_c), cli_diag, NULL)) == NULL)
		return 2;
	/* Looking never creates a state file. */
	if ((rc = cli_state_open(cf, json, "no alert was raised", &st)) != 0) {
		config_free(cf);
		return rc == 1 ? 0 : 1;
	}
	if (store_alerts_list(st, since, &v, &n) == -1) {
		fprintf(stderr, "rightswatch: %s\n", store_errmsg(st));
		rc = 1;
	} else if (n == 0 && !json) {
		printf("No alert raised%s%s.\n", since > 0 ? " since " : "",
		    since > 0 ? argv_since : "");
	}
	for (size_t i = 0; i < n; i++) {
		if (!json)
			cli_alert_line(&v[i]);
		else if (cli_json_print(cli_alert_json(&v[i]), 0) == -1)
			rc = 1;
	}
	store_alerts_free(v, n);
	store_close(st);
	config_free(cf);
	return rc;
}
