/*
 * test_metrics — the counters and their Prometheus text exposition: each
 * row is a list of events and the exact text it renders.
 */
#include "unit.h"

#include "rightswatch/buf.h"
#include "rightswatch/metrics.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum ev_op { EV_END = 0, EV_POLL, EV_FETCH, EV_FAIL, EV_RELEASE, EV_OBS, EV_ALERTS, EV_DELIVERY };

struct ev {
	enum ev_op op;
	const char *a, *b, *c;
	long n;         /* status, count, or bytes */
	double seconds; /* fetches */
};

/* What every exposition starts with when nothing was polled. */
#define HEAD_POLLS \
	"# HELP rightswatch_polls_total Polls of a source's feed or listing page started.\n" \
	"# TYPE rightswatch_polls_total counter\n"
#define HEAD_RESP \
	"# HELP rightswatch_http_responses_total HTTP responses to fetches of feeds and " \
	"release pages, by status code.\n" \
	"# TYPE rightswatch_http_responses_total counter\n"
#define HEAD_FAIL \
	"# HELP rightswatch_http_failures_total Fetches that ended without a usable " \
	"response, by reason.\n" \
	"# TYPE rightswatch_http_failures_total counter\n"
#define HEAD_BYTES \
	"# HELP rightswatch_http_received_bytes_total Decoded body bytes received by fetches.\n" \
	"# TYPE rightswatch_http_received_bytes_total counter\n"
#define HEAD_LAT \
	"# HELP rightswatch_http_fetch_duration_seconds Duration of fetches of feeds and " \
	"release pages, queueing excluded.\n" \
	"# TYPE rightswatch_http_fetch_duration_seconds histogram\n"
#define LAT(b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, inf, sum) \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"0.05\"} " #b1 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"0.1\"} " #b2 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"0.25\"} " #b3 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"0.5\"} " #b4 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"1\"} " #b5 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"2.5\"} " #b6 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"5\"} " #b7 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"10\"} " #b8 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"30\"} " #b9 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"60\"} " #b10 "\n" \
	"rightswatch_http_fetch_duration_seconds_bucket{le=\"+Inf\"} " #inf "\n" \
	"rightswatch_http_fetch_duration_seconds_sum " sum "\n" \
	"rightswatch_http_fetch_duration_seconds_count " #inf "\n"
#define HEAD_REL \
	"# HELP rightswatch_releases_read_total Releases read and stored, by whether " \
	"their text was new.\n" \
	"# TYPE rightswatch_releases_read_total counter\n"
#define OBS(n) \
	"# HELP rightswatch_observations_stored_total Figures extracted from releases " \
	"and stored.\n" \
	"# TYPE rightswatch_observations_stored_total counter\n" \
	"rightswatch_observations_stored_total " #n "\n"
#define ALERTS(n) \
	"# HELP rightswatch_alerts_raised_total Alerts raised (committed with the " \
	"release that caused them).\n" \
	"# TYPE rightswatch_alerts_raised_total counter\n" \
	"rightswatch_alerts_raised_total " #n "\n"
#define HEAD_DELIV \
	"# HELP rightswatch_deliveries_total Delivery attempts of alerts from the outbox, " \
	"by outcome.\n" \
	"# TYPE rightswatch_deliveries_total counter\n"
#define EMPTY_LAT HEAD_LAT LAT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "0.000000")

static void
apply(struct metrics *m, const struct ev *e)
{
	for (; e->op != EV_END; e++)
		switch (e->op) {
		case EV_POLL:
			metrics_poll(m, e->a);
			break;
		case EV_FETCH:
			metrics_fetch(m, e->a, e->n, NULL, 1000, e->seconds);
			break;
		case EV_FAIL:
			metrics_fetch(m, e->a, 0, e->b, 0, e->seconds);
			break;
		case EV_RELEASE:
			metrics_release(m, e->a);
			break;
		case EV_OBS:
			metrics_observations(m, (uint64_t)e->n);
			break;
		case EV_ALERTS:
			metrics_alerts(m, (uint64_t)e->n);
			break;
		case EV_DELIVERY:
			metrics_delivery(m, e->a, e->b, e->c, (uint64_t)e->n);
			break;
		case EV_END:
			break;
		}
}

static void
test_render(void **state)
{
	static const struct ev none[] = { { EV_END, NULL, NULL, NULL, 0, 0 } };
	static const struct ev polls[] = {
		{ EV_POLL, "unnews", NULL, NULL, 0, 0 },
		{ EV_POLL, "ohchr", NULL, NULL, 0, 0 },
		{ EV_POLL, "unnews", NULL, NULL, 0, 0 },
		{ EV_END, NULL, NULL, NULL, 0, 0 },
	};
	static const struct ev fetches[] = {
		{ EV_FETCH, "feed", NULL, NULL, 200, 0.01 },
		{ EV_FETCH, "feed", NULL, NULL, 304, 0.05 },
		{ EV_FETCH, "page", NULL, NULL, 200, 0.3 },
		{ EV_FETCH, "feed", NULL, NULL, 200, 2.0 },
		{ EV_FAIL, "feed", "timeout", NULL, 0, 61 },
		{ EV_END, NULL, NULL, NULL, 0, 0 },
	};
	static const struct ev hostile[] = {
		{ EV_POLL, "a\"b\\c\nd", NULL, NULL, 0, 0 },
		{ EV_END, NULL, NULL, NULL, 0, 0 },
	};
	static const struct ev story[] = {
		{ EV_RELEASE, "new", NULL, NULL, 0, 0 },
		{ EV_RELEASE, "unchanged", NULL, NULL, 0, 0 },
		{ EV_RELEASE, "new", NULL, NULL, 0, 0 },
		{ EV_OBS, NULL, NULL, NULL, 7, 0 },
		{ EV_OBS, NULL, NULL, NULL, 2, 0 },
		{ EV_ALERTS, NULL, NULL, NULL, 2, 0 },
		{ EV_DELIVERY, "ops", "email", "retry", 2, 0 },
		{ EV_DELIVERY, "log", "syslog", "delivered", 1, 0 },
		{ EV_DELIVERY, "ops", "email", "delivered", 2, 0 },
		{ EV_END, NULL, NULL, NULL, 0, 0 },
	};
	static const struct metrics_health health[] = { { "ok", 2 }, { "failing", 0 } };
	static const struct metrics_dest dests[] = { { "ops", 2, 1700000000, 1700000100 },
		{ "log", 0, 0, 0 } };
	static const struct metrics_gauges gauges = { 3, health, 2, dests, 2 };
	static const struct metrics_gauges no_outbox = { -1, NULL, 0, NULL, 0 };
	static const struct {
		const struct ev *events;
		const struct metrics_gauges *g;
		const char *want;
	} rows[] = {
		/* nothing counted, no gauges: every family's head, zeros where unlabelled */
		{ none, NULL, HEAD_POLLS HEAD_RESP HEAD_FAIL HEAD_BYTES EMPTY_LAT HEAD_REL OBS(0)
		  ALERTS(0) HEAD_DELIV },
		/* polls by source, sorted by label, repeated ones summed */
		{ polls, &no_outbox, HEAD_POLLS
		  "rightswatch_polls_total{source=\"ohchr\"} 1\n"
		  "rightswatch_polls_total{source=\"unnews\"} 2\n"
		  HEAD_RESP HEAD_FAIL HEAD_BYTES EMPTY_LAT HEAD_REL OBS(0) ALERTS(0) HEAD_DELIV },
		/* responses by kind and code, failures by reason, bytes, cumulative buckets */
		{ fetches, NULL, HEAD_POLLS HEAD_RESP
		  "rightswatch_http_responses_total{kind=\"feed\",code=\"200\"} 2\n"
		  "rightswatch_http_responses_total{kind=\"feed\",code=\"304\"} 1\n"
		  "rightswatch_http_responses_total{kind=\"page\",code=\"200\"} 1\n"
		  HEAD_FAIL
		  "rightswatch_http_failures_total{kind=\"feed\",reason=\"timeout\"} 1\n"
		  HEAD_BYTES
		  "rightswatch_http_received_bytes_total{kind=\"feed\"} 3000\n"
		  "rightswatch_http_received_bytes_total{kind=\"page\"} 1000\n"
		  HEAD_LAT LAT(2, 2, 2, 3, 3, 4, 4, 4, 4, 4, 5, "63.360000")
		  HEAD_REL OBS(0) ALERTS(0) HEAD_DELIV },
		/* a label value with a quote, a backslash and a line feed, escaped */
		{ hostile, NULL, HEAD_POLLS
		  "rightswatch_polls_total{source=\"a\\\"b\\\\c\\nd\"} 1\n"
		  HEAD_RESP HEAD_FAIL HEAD_BYTES EMPTY_LAT HEAD_REL OBS(0) ALERTS(0) HEAD_DELIV },
		/* releases, figures, alerts, deliveries; the gauges after them */
		{ story, &gauges, HEAD_POLLS HEAD_RESP HEAD_FAIL HEAD_BYTES EMPTY_LAT HEAD_REL
		  "rightswatch_releases_read_total{result=\"new\"} 2\n"
		  "rightswatch_releases_read_total{result=\"unchanged\"} 1\n"
		  OBS(9) ALERTS(2) HEAD_DELIV
		  "rightswatch_deliveries_total{destination=\"log\",channel=\"syslog\","
		  "state=\"delivered\"} 1\n"
		  "rightswatch_deliveries_total{destination=\"ops\",channel=\"email\","
		  "state=\"delivered\"} 2\n"
		  "rightswatch_deliveries_total{destination=\"ops\",channel=\"email\","
		  "state=\"retry\"} 2\n"
		  "# HELP rightswatch_outbox_pending Alert deliveries waiting in the outbox.\n"
		  "# TYPE rightswatch_outbox_pending gauge\n"
		  "rightswatch_outbox_pending 3\n"
		  "# HELP rightswatch_destination_queued Deliveries waiting, by destination.\n"
		  "# TYPE rightswatch_destination_queued gauge\n"
		  "rightswatch_destination_queued{destination=\"ops\"} 2\n"
		  "rightswatch_destination_queued{destination=\"log\"} 0\n"
		  "# HELP rightswatch_destination_last_success_timestamp_seconds When a destination"
		  " last took an alert (0: never).\n"
		  "# TYPE rightswatch_destination_last_success_timestamp_seconds gauge\n"
		  "rightswatch_destination_last_success_timestamp_seconds{destination=\"ops\"}"
		  " 1700000000\n"
		  "rightswatch_destination_last_success_timestamp_seconds{destination=\"log\"} 0\n"
		  "# HELP rightswatch_destination_last_error_timestamp_seconds When an attempt to a"
		  " destination last failed (0: never).\n"
		  "# TYPE rightswatch_destination_last_error_timestamp_seconds gauge\n"
		  "rightswatch_destination_last_error_timestamp_seconds{destination=\"ops\"}"
		  " 1700000100\n"
		  "rightswatch_destination_last_error_timestamp_seconds{destination=\"log\"} 0\n"
		  "# HELP rightswatch_sources Configured sources, by health.\n"
		  "# TYPE rightswatch_sources gauge\n"
		  "rightswatch_sources{health=\"ok\"} 2\n"
		  "rightswatch_sources{health=\"failing\"} 0\n" },
	};

	(void)state;
	for (size_t i = 0; i < N(rows); i++) {
		struct metrics *m = metrics_new();
		struct buf out = { NULL, 0, 0 };

		assert_non_null(m);
		apply(m, rows[i].events);
		assert_int_equal(metrics_render(m, rows[i].g, &out), 0);
		if (strcmp(out.data, rows[i].want) != 0)
			fail_msg("row %zu:\n--- got\n%s--- want\n%s", i, out.data, rows[i].want);
		buf_free(&out);
		metrics_free(m);
	}
}

static void
test_null_and_cap(void **state)
{
	struct metrics *m = metrics_new();
	struct buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	char name[32];

	(void)state;
	/* hooks without a struct do nothing; rendering NULL is all zeros */
	metrics_poll(NULL, "x");
	metrics_fetch(NULL, "feed", 200, NULL, 1, 1);
	metrics_free(NULL);
	assert_int_equal(metrics_render(NULL, NULL, &a), 0);
	assert_int_equal(metrics_render(m, NULL, &b), 0);
	assert_string_equal(a.data, b.data);
	/* label sets beyond the cap are dropped, not grown without bound */
	for (int i = 0; i < METRICS_MAX_SERIES + 10; i++) {
		snprintf(name, sizeof(name), "s%05d", i);
		metrics_poll(m, name);
	}
	buf_reset(&b);
	assert_int_equal(metrics_render(m, NULL, &b), 0);
	assert_non_null(strstr(b.data, "{source=\"s00999\"} 1\n"));
	assert_null(strstr(b.data, "{source=\"s01000\"}"));
	buf_free(&a);
	buf_free(&b);
	metrics_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_null_and_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
