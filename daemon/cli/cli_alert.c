/*
 * cli_alert — `test-alert`: a marked test alert through one destination or
 * all of them (`alerts` is cli_alerts.c, `baseline` cli_baseline.c). Each opens the configuration and the state,
 * calls the modules, and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "rightswatch/alert.h"
#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/deliver.h"
#include "rightswatch/escape.h"
#include "rightswatch/http.h"
#include "rightswatch/version.h"

static void
cli_alert_diag(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "%s\n", msg);
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
	/* A destination that has nothing to add says "sent" itself. */
	if (ok && (*msg == '\0' || strcmp(msg, "sent") == 0))
		printf("sent\n");
	else
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
