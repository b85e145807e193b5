/* Unit tests: status — what status_gather reads from a real store, part
 * by part: the systemd STATUS= line and /metrics ask for the sources, the
 * activity and the outbox only, never for the thresholds' baselines,
 * which `status` and /status show. */
#include <jansson.h>

#include "unit.h"
#include "rightswatch/extract.h"
#include "rightswatch/config.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"

static char dir[256];

static const char ini[] =
	"[source releases]\n"
	"url = https://www.ohchr.org/en/press-releases\n"
	"[source quiet]\n"
	"url = https://news.un.org/feed/rss.xml\n"
	"[country Mali]\n"
	"terms = Mali, MINUSMA\n"
	"[threshold mali-abductions]\n"
	"indicator = abductions\n"
	"country = Mali\n"
	"compare = prior_year_total\n";

static void
test_parts(void **state)
{
	struct config *cf = config_parse(ini, strlen(ini), "/etc/rw/t.ini", NULL, NULL, NULL,
	    NULL);
	struct store *st = unit_store_open(unit_path(dir, "status.db"));
	struct store_source row;
	struct status s;

	(void)state;
	assert_non_null(cf);
	memset(&row, 0, sizeof(row));
	row.name = (char *)"releases";
	row.url = (char *)"https://www.ohchr.org/en/press-releases";
	row.health = STORE_HEALTH_BLOCKED;
	row.last_poll = 1628244000;
	assert_int_equal(store_source_put(st, &row), 0);

	/* everything: the sources in configuration order, the threshold
	 * that lacks its baseline, the outbox */
	assert_int_equal(status_gather(st, cf, 1628244100, STATUS_ALL, &s), 0);
	assert_int_equal(s.nsources, 2);
	assert_string_equal(s.sources[0].name, "releases");
	assert_int_equal(s.sources[0].health, STORE_HEALTH_BLOCKED);
	assert_true(s.sources[0].polled);
	assert_string_equal(s.sources[1].name, "quiet");
	assert_int_equal(s.sources[1].health, STORE_HEALTH_NEW);
	assert_false(s.sources[1].polled);
	assert_true(s.thresholds);
	assert_int_equal(s.nmissing, 1);
	assert_string_equal(s.missing[0].threshold, "mali-abductions");
	assert_false(s.missing[0].has_period); /* no figure known yet */
	assert_int_equal(s.outbox_pending, 0);
	status_clear(&s);

	/* what STATUS= needs: no baselines looked up */
	assert_int_equal(status_gather(st, cf, 1628244100,
	    STATUS_SOURCES | STATUS_ACTIVITY | STATUS_OUTBOX, &s), 0);
	assert_int_equal(s.nsources, 2);
	assert_int_equal(s.sources[0].health, STORE_HEALTH_BLOCKED);
	assert_false(s.thresholds);
	assert_int_equal(s.nmissing, 0);
	assert_null(s.missing);
	assert_int_equal(s.outbox_pending, 0);
	status_clear(&s);

	/* the outbox alone */
	assert_int_equal(status_gather(st, cf, 1628244100, STATUS_OUTBOX, &s), 0);
	assert_int_equal(s.nsources, 0);
	assert_null(s.sources);
	assert_int_equal(s.outbox_pending, 0);
	status_clear(&s);
	store_close(st);
	config_free(cf);
}

/* Without a state file (NULL), every source is new and nothing else is
 * known; the JSON says so with numbers, booleans and objects. */
static void
test_no_state(void **state)
{
	struct config *cf = config_parse(ini, strlen(ini), "/etc/rw/t.ini", NULL, NULL, NULL,
	    NULL);
	struct status s;
	json_t *j;
	json_error_t e;
	char *text;

	(void)state;
	assert_non_null(cf);
	assert_int_equal(status_gather(NULL, cf, 1628244100, STATUS_ALL, &s), 0);
	assert_true(s.no_state);
	assert_int_equal(s.nsources, 2);
	assert_false(s.sources[0].polled);
	assert_int_equal(s.nmissing, 0);
	assert_int_equal(s.outbox_pending, -1);
	text = status_json(&s);
	assert_non_null(text);
	j = json_loads(text, 0, &e);
	assert_non_null(j);
	assert_true(json_is_false(json_object_get(j, "state_exists")));
	assert_true(json_is_integer(json_object_get(json_array_get(json_object_get(j, "sources"),
	    0), "items")));
	assert_true(json_is_null(json_object_get(j, "outbox_pending")));
	json_decref(j);
	free(text);
	status_clear(&s);
	config_free(cf);
}

/* A threshold lacking a baseline is an object: the threshold, what it
 * needs, the country and the period as an object. */
static void
test_missing_json(void **state)
{
	struct config *cf = config_parse(ini, strlen(ini), "/etc/rw/t.ini", NULL, NULL, NULL,
	    NULL);
	struct store *st = unit_store_open(unit_path(dir, "missing.db"));
	static const struct extract_obs o[] = {
		UNIT_OBS("abductions", 435, 2021, 1, 1, 2021, 6, 30, "Mali", 0),
	};
	struct status s;
	json_t *j, *m;
	json_error_t e;
	char *text;

	(void)state;
	assert_non_null(cf);
	unit_store_release(st, "https://t/h1", "H1", "h1", o, 1);
	assert_int_equal(status_gather(st, cf, 1628244100, STATUS_ALL, &s), 0);
	assert_int_equal(s.nmissing, 1);
	assert_true(s.missing[0].has_period);
	assert_int_equal(s.missing[0].period.start.y, 2020);
	text = status_json(&s);
	j = json_loads(text, 0, &e);
	assert_non_null(j);
	m = json_array_get(json_object_get(j, "thresholds_lacking_baseline"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "threshold")), "mali-abductions");
	assert_string_equal(json_string_value(json_object_get(m, "needs")), "baseline");
	assert_string_equal(json_string_value(json_object_get(m, "country")), "Mali");
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "period"),
	    "label")), "2020");
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "period"),
	    "end")), "2020-12-31");
	assert_true(json_is_true(json_object_get(j, "state_exists")));
	assert_true(json_is_integer(json_object_get(j, "outbox_pending")));
	json_decref(j);
	free(text);
	status_clear(&s);
	store_close(st);
	config_free(cf);
}

static int
setup(void **state)
{
	(void)state;
	return unit_tmpdir(dir, sizeof(dir), "/tmp/rw-status-XXXXXX");
}

static int
teardown(void **state)
{
	(void)state;
	return unit_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_no_state),
		cmocka_unit_test(test_missing_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
