/* Unit tests: suggest — the did-you-mean every "unknown ..." message of
 * check and baseline import offers: a likely typo gets the nearest known
 * name, anything else gets none. */
#include "unit.h"
#include "rightswatch/suggest.h"

static void
test_nearest(void **state)
{
	static const char *const names[] = { "abductions", "killed", "displaced", "Mali",
		"Niger", "mail", "journal", "interval", "en", "fr", "prior_year_total" };
	static const struct {
		const char *word, *want; /* want NULL: no suggestion */
	} rows[] = {
		{ "abductons", "abductions" },       /* a letter dropped */
		{ "abdcutions", "abductions" },      /* two letters swapped: one edit */
		{ "kiled", "killed" },               /* five letters, one edit */
		{ "Malli", "Mali" },                 /* a letter added */
		{ "mali", NULL },                    /* the same name in another case is no typo */
		{ "MALI", NULL },
		{ "mial", "mail" },                  /* a swap in a short word */
		{ "intervall", "interval" },
		{ "prior_year_totl", "prior_year_total" },
		{ "de", NULL },                      /* too short to guess */
		{ "xyz", NULL },
		{ "kidnappings", NULL },             /* a synonym is not a typo */
		{ "Nigerr", "Niger" },
		{ "displacedd", "displaced" },
		{ "", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = suggest_nearest(rows[i].word, names,
		    sizeof(names) / sizeof(names[0]));

		if ((got == NULL) != (rows[i].want == NULL) ||
		    (got != NULL && strcmp(got, rows[i].want) != 0))
			fail_msg("row %zu (%s): got %s, want %s", i, rows[i].word,
			    got ? got : "none", rows[i].want ? rows[i].want : "none");
	}
	assert_null(suggest_nearest(NULL, names, 3));
	assert_null(suggest_nearest("abductons", names, 0));
}

static void
test_distance(void **state)
{
	static const struct {
		const char *a, *b;
		size_t d;
	} rows[] = {
		{ "", "", 0 }, { "a", "", 1 }, { "mail", "mial", 1 }, { "kitten", "sitting", 3 },
		{ "ABC", "abc", 0 },
		/* longer than 32 bytes: far */
		{ "abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz0123456789", 9 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (suggest_distance(rows[i].a, rows[i].b) != rows[i].d)
			fail_msg("row %zu: %zu", i, suggest_distance(rows[i].a, rows[i].b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
