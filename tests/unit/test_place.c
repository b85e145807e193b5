/*
 * Unit tests: the place stage of the extractor — the country (and region)
 * of each figure, from the clause it is in. Table rows in
 * tests/fixtures/extract/stage/place.txt, judged on "INDICATOR VALUE
 * COUNTRY [region=R]"; and a configured place (a [country] section's term)
 * read per clause like a built-in one.
 */
#include "unit.h"

#include <unistd.h>

#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "rightswatch/extract.h"

static void
place_line(const struct extract_obs *o, int with_region, struct buf *b)
{
	buf_printf(b, "%s %lld ", o->indicator, (long long)o->value);
	unit_row_place(o, with_region, b);
}

static void
test_table(void **state)
{
	unit_rows_table(*state, place_line, 0);
}

static void
ignore_diag(const char *msg, void *arg)
{
	(void)msg;
	(void)arg;
}

/* A village configured as a term of Mali places its clause in Mali, even
 * when a country named in the next clause is nearer the figure. */
static void
test_configured_place(void **state)
{
	static const char ini[] = "[daemon]\nstate = s.db\n[country Mali]\nterms = Zorrokoro\n";
	static const char text[] = "Near Zorrokoro, during a raid on the weekly market that lasted "
	    "the whole day, gunmen abducted 16 people, and 24 civilians were killed in Niger.";
	char dir[64];
	struct config *cf;
	struct extract_taxonomy *tx;
	struct extract_params p;
	struct extract_result res;
	FILE *fp;

	(void)state;
	assert_int_equal(unit_tmpdir(dir, sizeof(dir), "/tmp/rw-place-XXXXXX"), 0);
	assert_non_null(fp = fopen(unit_path(dir, "rw.ini"), "w"));
	fputs(ini, fp);
	fclose(fp);
	assert_non_null(cf = config_load(unit_path(dir, "rw.ini"), ignore_diag, NULL));
	assert_non_null(tx = extract_taxonomy_new(cf));
	memset(&p, 0, sizeof(p));
	p.release_date = (struct date_ymd){ 2021, 8, 6 };
	p.lang = EXTRACT_LANG_EN;
	p.country = "Burkina Faso";
	assert_int_equal(extract_text(tx, text, strlen(text), &p, &res), 0);
	assert_int_equal(res.nobs, 2);
	assert_string_equal(res.obs[0].indicator, "abductions");
	assert_string_equal(res.obs[0].country, "Mali");
	assert_string_equal(res.obs[1].indicator, "killed");
	assert_string_equal(res.obs[1].country, "Niger");
	extract_result_free(&res);
	extract_taxonomy_free(tx);
	config_free(cf);
	unit_rmtree(dir);
}

/* The release's country from a lead that opens with a document number and
 * a boilerplate line: the first paragraphs are read far enough to find it. */
static void
test_release_country(void **state)
{
	static const char text[] = "PR/21/123\n\nThe following statement was issued today by the "
	    "spokesperson of the High Commissioner for Human Rights, as part of a series of "
	    "statements on the situation of civilians in the region.\n\nThe High Commissioner "
	    "condemns the attack on a market in the Mopti region of Mali, in which 23 people died.\n";

	(void)state;
	assert_string_equal(extract_release_country(unit_rows_tx, text, strlen(text)), "Mali");
}

int
main(void)
{
	static char rows[] = FIXTURES "/extract/stage/place.txt";
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_prestate(test_table, rows),
		cmocka_unit_test(test_configured_place),
		cmocka_unit_test(test_release_country),
	};

	return cmocka_run_group_tests_name("place", tests, unit_rows_setup, unit_rows_teardown);
}
