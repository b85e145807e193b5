/* Unit tests: status — what status_gather reads from a real store, part
 * by part: the systemd STATUS= line and /metrics ask for the sources, the
 * activity and the outbox only, never for the thresholds' baselines,
 * which `status` and /status show. */
#include "unit.h"
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
	assert_non_null(strstr(s.missing[0], "mali-abductions"));
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
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
