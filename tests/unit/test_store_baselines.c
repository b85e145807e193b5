/*
 * Unit tests: store baselines — configured, imported, and those reported
 * or implied in releases, read from observations saved the way the daemon
 * saves them — on state files in a fresh directory under /tmp.
 */
#include "unit.h"
#include "rightswatch/extract.h"
#include "rightswatch/store.h"

static char dir[64];

static int
setup_dir(void **state)
{
	(void)state;
	return unit_tmpdir(dir, sizeof(dir), "/tmp/rw-baselines-XXXXXX");
}

static int
teardown_dir(void **state)
{
	(void)state;
	return unit_rmtree(dir);
}

/* A baseline row for input; the strings are literals the store only reads. */
static struct store_baseline
bl(const char *country, const char *indicator, const char *from, const char *to,
    int64_t value, const char *source)
{
	struct store_baseline b;

	memset(&b, 0, sizeof(b));
	b.country = (char *)(uintptr_t)country;
	b.indicator = (char *)(uintptr_t)indicator;
	snprintf(b.period_start, sizeof(b.period_start), "%s", from);
	snprintf(b.period_end, sizeof(b.period_end), "%s", to);
	b.value = value;
	b.source = (char *)(uintptr_t)source;
	return b;
}

/* The list for (country, indicator) as lines
 * "country|indicator|start/end|value|origin|source|doc_id". */
static const char *
list_text(struct store *st, const char *country, const char *indicator)
{
	static char out[4096];
	struct store_baseline *v;
	size_t n, len = 0;

	out[0] = '\0';
	if (store_baseline_list(st, country, indicator, &v, &n) != 0)
		fail_msg("list: %s", store_errmsg(st));
	if (n == 0)
		assert_null(v);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len,
		    "%s|%s|%s/%s|%lld|%s|%s|%lld\n", v[i].country, v[i].indicator,
		    v[i].period_start, v[i].period_end, (long long)v[i].value,
		    v[i].origin, v[i].source != NULL ? v[i].source : "null",
		    (long long)v[i].doc_id);
	store_baselines_free(v, n);
	return out;
}

static void
test_configured(void **state)
{
	struct store *st = unit_store_open(unit_path(dir, "configured.db"));
	struct store_baseline first[] = {
		bl("Mali", "abductions", "2020-01-01", "2020-12-31", 180, "MINUSMA 2020 note"),
		bl("Mali", "killed", "2020-01-01", "2020-12-31", 900, NULL),
		bl("Burkina Faso", "abductions", "2020-01-01", "2020-06-30", 40, "x"),
	};
	struct store_baseline second[] = {
		bl("Mali", "abductions", "2020-01-01", "2020-12-31", 181, "corrected"),
	};
	static const struct {
		struct store_baseline row;
		const char *reason;
	} bad[] = {
		/* no country */
		{ { NULL, "killed", "2020-01-01", "2020-12-31", 1, NULL, NULL, 0, NULL },
		  "country and an indicator" },
		/* an empty indicator */
		{ { "Mali", "", "2020-01-01", "2020-12-31", 1, NULL, NULL, 0, NULL },
		  "country and an indicator" },
		/* not a calendar day */
		{ { "Mali", "killed", "2020-02-30", "2020-12-31", 1, NULL, NULL, 0, NULL },
		  "two calendar days" },
		/* the end before the start */
		{ { "Mali", "killed", "2021-01-01", "2020-12-31", 1, NULL, NULL, 0, NULL },
		  "two calendar days" },
		/* an empty period */
		{ { "Mali", "killed", "", "", 1, NULL, NULL, 0, NULL },
		  "two calendar days" },
		/* a negative figure */
		{ { "Mali", "killed", "2020-01-01", "2020-12-31", -5, NULL, NULL, 0, NULL },
		  "negative" },
	};
	const char *before;
	struct store_baseline set[2];

	(void)state;
	assert_int_equal(store_baselines_replace_configured(st, first, 3), 0);
	assert_string_equal(list_text(st, NULL, NULL),
	    "Burkina Faso|abductions|2020-01-01/2020-06-30|40|configured|x|0\n"
	    "Mali|abductions|2020-01-01/2020-12-31|180|configured|MINUSMA 2020 note|0\n"
	    "Mali|killed|2020-01-01/2020-12-31|900|configured|null|0\n");
	/* a reload replaces the whole set */
	assert_int_equal(store_baselines_replace_configured(st, second, 1), 0);
	assert_string_equal(list_text(st, NULL, NULL),
	    "Mali|abductions|2020-01-01/2020-12-31|181|configured|corrected|0\n");
	before = "Mali|abductions|2020-01-01/2020-12-31|181|configured|corrected|0\n";

	/* every invalid row is refused, with a reason, and changes nothing */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		set[0] = bl("Niger", "killed", "2020-01-01", "2020-12-31", 3, NULL);
		set[1] = bad[i].row;
		assert_int_equal(store_baselines_replace_configured(st, set, 2), -1);
		if (strstr(store_errmsg(st), bad[i].reason) == NULL ||
		    strstr(store_errmsg(st), "baseline #2") == NULL)
			fail_msg("row %zu: %s", i, store_errmsg(st));
		assert_string_equal(list_text(st, NULL, NULL), before);
	}
	/* the same (country, indicator, period) twice */
	set[0] = bl("Niger", "killed", "2020-01-01", "2020-12-31", 3, NULL);
	set[1] = bl("Niger", "killed", "2020-01-01", "2020-12-31", 4, NULL);
	assert_int_equal(store_baselines_replace_configured(st, set, 2), -1);
	assert_non_null(strstr(store_errmsg(st), "given twice"));
	assert_string_equal(list_text(st, NULL, NULL), before);
	/* an empty configuration removes them all */
	assert_int_equal(store_baselines_replace_configured(st, NULL, 0), 0);
	assert_string_equal(list_text(st, NULL, NULL), "");
	store_close(st);
}

static void
test_imported(void **state)
{
	const char *path = unit_path(dir, "imported.db");
	struct store *st = unit_store_open(path);
	static const struct {
		const char *country, *indicator, *from, *to;
		int64_t value;
		const char *source;
		size_t added, updated; /* expected counts for the batch it ends */
		int ends;              /* 1: this row ends a batch */
	} rows[] = {
		/* batch 1: two new rows */
		{ "Mali", "abductions", "2020-01-01", "2020-12-31", 180, "HRW", 0, 0, 0 },
		{ "Mali", "killed", "2020-01-01", "2020-12-31", 900, "ACLED", 2, 0, 1 },
		/* batch 2: the same again changes nothing */
		{ "Mali", "abductions", "2020-01-01", "2020-12-31", 180, "HRW", 0, 0, 0 },
		{ "Mali", "killed", "2020-01-01", "2020-12-31", 900, "ACLED", 0, 0, 1 },
		/* batch 3: a new value, a new source, a new period */
		{ "Mali", "abductions", "2020-01-01", "2020-12-31", 190, "HRW", 0, 0, 0 },
		{ "Mali", "killed", "2020-01-01", "2020-12-31", 900, NULL, 0, 0, 0 },
		{ "Mali", "killed", "2021-01-01", "2021-06-30", 500, "UN", 1, 2, 1 },
	};
	struct store_baseline batch[8];
	struct store_baseline conf = bl("Mali", "abductions", "2020-01-01",
	    "2020-12-31", 170, "ini");
	size_t nb = 0, added, updated;

	(void)state;
	/* a configured row for the same key is kept apart */
	assert_int_equal(store_baselines_replace_configured(st, &conf, 1), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		batch[nb++] = bl(rows[i].country, rows[i].indicator, rows[i].from,
		    rows[i].to, rows[i].value, rows[i].source);
		if (!rows[i].ends)
			continue;
		added = updated = 99;
		assert_int_equal(store_baseline_import(st, batch, nb, &added, &updated), 0);
		if (added != rows[i].added || updated != rows[i].updated)
			fail_msg("batch ending at row %zu: %zu added, %zu updated", i,
			    added, updated);
		nb = 0;
	}
	store_close(st);
	st = unit_store_open(path);
	assert_string_equal(list_text(st, "Mali", NULL),
	    "Mali|abductions|2020-01-01/2020-12-31|170|configured|ini|0\n"
	    "Mali|abductions|2020-01-01/2020-12-31|190|imported|HRW|0\n"
	    "Mali|killed|2020-01-01/2020-12-31|900|imported|null|0\n"
	    "Mali|killed|2021-01-01/2021-06-30|500|imported|UN|0\n");
	/* reloading the configuration leaves imported rows alone */
	assert_int_equal(store_baselines_replace_configured(st, NULL, 0), 0);
	assert_string_equal(list_text(st, "Mali", "abductions"),
	    "Mali|abductions|2020-01-01/2020-12-31|190|imported|HRW|0\n");
	/* a bad batch is all or nothing; counts may be NULL */
	batch[0] = bl("Mali", "abductions", "2020-01-01", "2020-12-31", 1, "x");
	batch[1] = bl("Mali", "abductions", "2020-13-01", "2020-12-31", 1, "x");
	assert_int_equal(store_baseline_import(st, batch, 2, NULL, NULL), -1);
	assert_int_equal(store_baseline_import(st, batch, 1, NULL, NULL), 0);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "SELECT group_concat(value, ',') FROM"
	    " (SELECT value FROM baselines ORDER BY id)"), "1,900,500");
	assert_string_equal(unit_sql_peek(path,
	    "SELECT count(*) FROM baselines WHERE created > 1600000000"), "3");
}

static void
test_reported_derived(void **state)
{
	struct store *st = unit_store_open(unit_path(dir, "reported.db"));
	static const struct extract_obs a[] = {
		UNIT_OBS("abductions", 300, 2020, 1, 1, 2020, 12, 31, "Mali", 0),
		UNIT_OBS("abductions", 400, 2021, 1, 1, 2021, 6, 30, "Mali", 0),
		UNIT_OBS("abductions", 87, 2019, 1, 1, 2019, 12, 31, "Mali", 1),
		/* no country: never a baseline */
		UNIT_OBS("abductions", 5000, 2020, 1, 1, 2020, 12, 31, NULL, 0),
		/* no period: never a baseline */
		{ "killed", 12, EXTRACT_EXACT, 0, { 0, 0, 0 }, { 0, 0, 0 }, "Mali",
		  NULL, 0, 26, 40, 0, 49, UNIT_HOW },
		UNIT_OBS("killed", 33, 2021, 7, 1, 2021, 7, 31, "Niger", 0),
	};
	static const struct extract_obs b[] = {
		UNIT_OBS("abductions", 320, 2020, 1, 1, 2020, 12, 31, "Mali", 0),
		UNIT_OBS("abductions", 350, 2021, 1, 1, 2021, 6, 30, "Mali", 0),
		UNIT_OBS("abductions", 90, 2019, 1, 1, 2019, 12, 31, "Mali", 1),
		/* the same figure as a's: the earlier observation is named */
		UNIT_OBS("abductions", 400, 2021, 1, 1, 2021, 6, 30, "Mali", 0),
	};
	static const struct extract_obs c1[] = {
		/* a figure its revision 2 corrected */
		UNIT_OBS("abductions", 999, 2020, 1, 1, 2020, 12, 31, "Mali", 0),
	};
	static const struct extract_obs c2[] = {
		UNIT_OBS("abductions", 310, 2020, 1, 1, 2020, 12, 31, "Mali", 0),
	};
	struct store_baseline conf = bl("Mali", "abductions", "2020-01-01",
	    "2020-12-31", 297, "MINUSMA note");
	struct store_baseline imp = bl("Mali", "abductions", "2020-01-01",
	    "2020-12-31", 299, "HRW report");
	static const struct {
		const char *country, *indicator;
		const char *expect;
	} rows[] = {
		/* one country and indicator: every origin, in the rules' order */
		{ "Mali", "abductions",
		  "Mali|abductions|2019-01-01/2019-12-31|90|derived|Release B <https://t/b>|2\n"
		  "Mali|abductions|2020-01-01/2020-12-31|297|configured|MINUSMA note|0\n"
		  "Mali|abductions|2020-01-01/2020-12-31|299|imported|HRW report|0\n"
		  "Mali|abductions|2020-01-01/2020-12-31|320|reported|Release B <https://t/b>|2\n"
		  "Mali|abductions|2021-01-01/2021-06-30|400|reported|Release A <https://t/a>|1\n" },
		/* any indicator of a country */
		{ "Niger", NULL,
		  "Niger|killed|2021-07-01/2021-07-31|34|reported|<https://t/c>|3\n" },
		/* any country, one indicator */
		{ NULL, "killed",
		  "Niger|killed|2021-07-01/2021-07-31|34|reported|<https://t/c>|3\n" },
		/* nothing known */
		{ "Chad", NULL, "" },
		{ "Mali", "torture", "" },
	};

	(void)state;
	unit_store_release(st, "https://t/a", "Release A", "a", a, sizeof(a) / sizeof(a[0]));
	unit_store_release(st, "https://t/b", "Release B", "b", b, sizeof(b) / sizeof(b[0]));
	unit_store_release(st, "https://t/c", NULL, "c1", c1, 1);
	unit_store_release(st, "https://t/c", NULL, "c2", c2, 1);
	{
		static const struct extract_obs c3[] = {
			/* raises a's figure for Niger */
			UNIT_OBS("killed", 34, 2021, 7, 1, 2021, 7, 31, "Niger", 0),
			UNIT_OBS("abductions", 310, 2020, 1, 1, 2020, 12, 31, "Mali", 0),
		};
		unit_store_release(st, "https://t/c", NULL, "c3", c3, 2);
	}
	assert_int_equal(store_baselines_replace_configured(st, &conf, 1), 0);
	assert_int_equal(store_baseline_import(st, &imp, 1, NULL, NULL), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = list_text(st, rows[i].country, rows[i].indicator);

		if (strcmp(got, rows[i].expect) != 0)
			fail_msg("row %zu:\n%s\nexpected\n%s", i, got, rows[i].expect);
	}
	/* everything: Mali's rows then Niger's */
	{
		const char *all = list_text(st, NULL, NULL);

		assert_non_null(strstr(all, rows[0].expect));
		assert_non_null(strstr(all, rows[1].expect));
		assert_null(strstr(all, "5000"));
		assert_null(strstr(all, "999"));
		assert_null(strstr(all, "|12|"));
	}
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_configured),
		cmocka_unit_test(test_imported),
		cmocka_unit_test(test_reported_derived),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
