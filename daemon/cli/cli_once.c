/*
 * cli_once — `rightswatch once [--alert-backlog] [--force] [--json] [-c
 * FILE]`: one whole cycle (daemon.c), then its closing summary on standard
 * output: each source's round (read, not modified, failed and why, skipped
 * and why), the releases, figures and alerts, and the deliveries made and
 * still queued; as lines for people or one JSON object.
 */
#include <stdio.h>

#include <jansson.h>

#include "rightswatch/cli.h"
#include "rightswatch/daemon.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/poller.h"

#define CLI_ONCE_USAGE "[-c FILE] [--alert-backlog] [--force] [--json]"

static const char *const cli_once_outcomes[] = {
	[POLLER_NOT_POLLED] = "not polled",
	[POLLER_READ] = "read",
	[POLLER_NOT_MODIFIED] = "not modified",
	[POLLER_FAILED] = "failed",
	[POLLER_SKIPPED] = "skipped",
};

/* The totals of a summary. */
struct cli_once_totals {
	size_t by[POLLER_SKIPPED + 1];  /* sources per outcome */
	size_t new_releases, revised, unreadable, figures, alerts;
};

static void
cli_once_add(const struct daemon_summary *s, struct cli_once_totals *t)
{
	for (size_t i = 0; i < s->nsources; i++) {
		const struct poller_report *r = &s->sources[i];

		if ((unsigned)r->outcome <= POLLER_SKIPPED)
			t->by[r->outcome]++;
		t->new_releases += r->new_releases;
		t->revised += r->revised_releases;
		t->unreadable += r->unreadable;
		t->figures += r->figures;
		t->alerts += r->alerts;
	}
}

static const char *
cli_once_s(size_t n)
{
	return n == 1 ? "" : "s";
}

static void
cli_once_print(const struct daemon_summary *s, const struct cli_once_totals *t)
{
	char esc[300];

	printf("Sources: %zu: %zu read, %zu not modified, %zu failed, %zu skipped\n",
	    s->nsources, t->by[POLLER_READ], t->by[POLLER_NOT_MODIFIED], t->by[POLLER_FAILED],
	    t->by[POLLER_SKIPPED]);
	for (size_t i = 0; i < s->nsources; i++) {
		const struct poller_report *r = &s->sources[i];

		printf("  %-24s %-12s ", r->name, r->outcome == POLLER_FAILED ? "FAILED" :
		    cli_once_outcomes[r->outcome]);
		if (r->caught_up)
			printf("caught up: %zu release%s, %zu figure%s (no alert: history)",
			    r->new_releases + r->revised_releases,
			    cli_once_s(r->new_releases + r->revised_releases), r->figures,
			    cli_once_s(r->figures));
		else if (r->outcome == POLLER_READ)
			printf("%s; %zu new release%s, %zu revised, %zu figure%s, %zu alert%s",
			    escape_logs(esc, sizeof(esc), r->why), r->new_releases,
			    cli_once_s(r->new_releases), r->revised_releases, r->figures,
			    cli_once_s(r->figures), r->alerts, cli_once_s(r->alerts));
		else
			printf("%s", escape_logs(esc, sizeof(esc), r->why));
		if (r->unreadable > 0)
			printf("; %zu release%s could not be read (retried at the next poll)",
			    r->unreadable, cli_once_s(r->unreadable));
		putchar('\n');
	}
	printf("Releases: %zu new, %zu revised", t->new_releases, t->revised);
	if (t->unreadable > 0)
		printf(", %zu could not be read", t->unreadable);
	printf("\nFigures: %zu\nAlerts raised: %zu\n", t->figures, t->alerts);
	printf("Deliveries: %zu done, %zu failed", s->delivered, s->delivery_failures);
	if (s->pending >= 0)
		printf(", %lld waiting", (long long)s->pending);
	putchar('\n');
}

static json_t *
cli_once_json(const struct daemon_summary *s, const struct cli_once_totals *t, int status)
{
	json_t *o, *srcs = json_array();

	for (size_t i = 0; srcs != NULL && i < s->nsources; i++) {
		const struct poller_report *r = &s->sources[i];

		if (json_array_append_new(srcs, json_pack("{s:o, s:s, s:o, s:b, s:I, s:I, s:I,"
		    " s:I, s:I}", "name", jsonout_text(r->name),
		    "outcome", cli_once_outcomes[r->outcome],
		    "detail", jsonout_text(r->why[0] != '\0' ? r->why : NULL),
		    "caught_up", r->caught_up,
		    "new_releases", (json_int_t)r->new_releases,
		    "revised_releases", (json_int_t)r->revised_releases,
		    "unreadable", (json_int_t)r->unreadable,
		    "figures", (json_int_t)r->figures,
		    "alerts", (json_int_t)r->alerts)) == -1) {
			json_decref(srcs);
			return NULL;
		}
	}
	o = json_pack("{s:i, s:o, s:{s:I, s:I, s:I, s:I}, s:{s:I, s:I, s:I}, s:I, s:I,"
	    " s:{s:I, s:I, s:o}}",
	    "exit_status", status,
	    "sources", srcs,
	    "outcomes", "read", (json_int_t)t->by[POLLER_READ],
	    "not_modified", (json_int_t)t->by[POLLER_NOT_MODIFIED],
	    "failed", (json_int_t)t->by[POLLER_FAILED],
	    "skipped", (json_int_t)t->by[POLLER_SKIPPED],
	    "releases", "new", (json_int_t)t->new_releases,
	    "revised", (json_int_t)t->revised, "unreadable", (json_int_t)t->unreadable,
	    "figures", (json_int_t)t->figures,
	    "alerts", (json_int_t)t->alerts,
	    "deliveries", "done", (json_int_t)s->delivered,
	    "failed", (json_int_t)s->delivery_failures,
	    "waiting", s->pending >= 0 ? json_integer(s->pending) : json_null());
	return o;
}

int
cli_once(int argc, char **argv)
{
	struct daemon_summary sum = { NULL, 0, 0, 0, -1 };
	struct daemon_opts opts = { 0, 0, &sum };
	struct cli_once_totals t = { { 0 }, 0, 0, 0, 0, 0 };
	int json = 0, status;
	const char *path = cli_daemon_parse(argc, argv, "bfj", CLI_ONCE_USAGE, &json, &opts);

	if (path == NULL)
		return 2;
	status = daemon_main(path, DAEMON_ONCE, &opts);
	/* No summary for a configuration that was refused, or a start that failed. */
	if (status != 2 && sum.nsources > 0) {
		cli_once_add(&sum, &t);
		if (!json)
			cli_once_print(&sum, &t);
		else if (cli_json_print(cli_once_json(&sum, &t, status), 1) == -1)
			status = status == 0 ? 1 : status;
	}
	daemon_summary_clear(&sum);
	return status;
}
