/* Unit tests: text, number, period — the extractor's first stages. */
#include "unit.h"

#include "rightswatch/number.h"
#include "rightswatch/period.h"
#include "rightswatch/text.h"

static void
test_numbers(void **state)
{
	static const struct {
		const char *in;
		int fr;
		int64_t value;   /* the first number's value */
		unsigned flags;  /* flags it must have (0: a count) */
	} rows[] = {
		{ "435 abductions", 0, 435, 0 },                     /* plain digits */
		{ "1,234 people", 0, 1234, 0 },                      /* comma thousands */
		{ "1 234 people", 0, 1234, 0 },                      /* space thousands */
		{ "1\xe2\x80\xaf" "234 people", 0, 1234, 0 },        /* narrow no-break space */
		{ "2.732 personnes", 1, 2732, 0 },                   /* French full stop thousands */
		{ "4.2 million people", 0, 4200000, 0 },             /* decimal with scale */
		{ "1,4 millions de personnes", 1, 1400000, 0 },      /* French decimal comma */
		{ "forty-three civilians", 0, 43, NUMBER_WORDS },    /* English words */
		{ "two hundred and fifty", 0, 250, NUMBER_WORDS },   /* "and" inside */
		{ "quatre-vingt-dix civils", 1, 90, NUMBER_WORDS },  /* French 90 */
		{ "vingt et un enfants", 1, 21, NUMBER_WORDS },      /* "et un" */
		{ "soixante-dix morts", 1, 70, NUMBER_WORDS },       /* French 70 */
		{ "une dizaine de morts", 1, 10, NUMBER_APPROX },    /* vague */
		{ "on 6 August", 0, 6, NUMBER_DATE },                /* a date */
		{ "an 11-day visit", 0, 11, NUMBER_DURATION },       /* a duration */
		{ "resolution 2100", 0, 2100, NUMBER_DOCREF },       /* a document */
		{ "30 per cent", 0, 30, NUMBER_PERCENT },            /* a rate */
		{ "$4 million", 0, 4000000, NUMBER_MONEY },          /* money */
		{ "a 15-year-old girl", 0, 15, NUMBER_AGE },         /* an age */
		{ "five times as many", 0, 5, NUMBER_TIMES },        /* a multiplier */
		{ "in 2019", 0, 2019, NUMBER_YEAR },                 /* a year */
		{ "the 21st", 0, 21, NUMBER_ORDINAL },               /* an ordinal */
		{ "quatre cent vingt (420)", 1, 420, NUMBER_PAREN }, /* words confirmed */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct text t;
		struct number n[8];
		size_t k;

		assert_int_equal(text_fold(rows[i].in, strlen(rows[i].in), 0, &t), 0);
		k = number_scan(t.f, t.len, 0, t.len, rows[i].fr, n, 8);
		if (k == 0 || n[0].value != rows[i].value ||
		    (rows[i].flags != 0 && !(n[0].flags & rows[i].flags)) ||
		    (rows[i].flags == 0 && (n[0].flags & NUMBER_NOT_COUNT)))
			fail_msg("row %zu \"%s\": got %zu numbers, first %lld flags %#x", i, rows[i].in,
			    k, k ? (long long)n[0].value : 0LL, k ? n[0].flags : 0);
		text_free(&t);
	}
}

static void
test_hostile_numbers(void **state)
{
	size_t len = 200000;
	char *s = malloc(len + 1);
	struct text t;
	struct number n[4];

	(void)state;
	assert_non_null(s);
	memset(s, '9', len); /* an overflowing number is skipped, never wrapped */
	s[len] = '\0';
	assert_int_equal(text_fold(s, len, 0, &t), 0);
	assert_int_equal(number_scan(t.f, t.len, 0, t.len, 0, n, 4), 0);
	text_free(&t);
	free(s);
}

static void
test_sentences(void **state)
{
	static const struct {
		const char *in;
		size_t n; /* sentences */
	} rows[] = {
		{ "Mr. Tine met the U.N. team. He left.", 2 },       /* abbreviations */
		{ "It rose 4.2 percent. Then it fell.", 2 },         /* a decimal */
		{ "A title\n\nA paragraph.", 2 },                    /* paragraph break */
		{ "See e.g. the report by J. Smith today.", 1 },     /* e.g., initials */
		{ "At 5 p.m. the curfew began.", 1 },                /* p.m. */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct text t;
		struct text_sentence *sv;
		size_t n;

		assert_int_equal(text_fold(rows[i].in, strlen(rows[i].in), 0, &t), 0);
		assert_int_equal(text_sentences(&t, &sv, &n), 0);
		if (n != rows[i].n)
			fail_msg("row %zu \"%s\": %zu sentences, want %zu", i, rows[i].in, n, rows[i].n);
		free(sv);
		text_free(&t);
	}
}

/* Folding can grow the text (one code point to several bytes); ASCII that
 * follows must still find room, up to the terminating NUL. */
static void
test_fold_grows(void **state)
{
	char in[64];
	struct text t;

	(void)state;
	for (size_t tail = 0; tail < 40; tail++) {
		/* U+FB03 (ffi ligature, 3 bytes) folds to "ffi"; U+2026 to "..."; U+0390 grows */
		size_t n = (size_t)snprintf(in, sizeof(in), "\xce\x90\xce\x90\xef\xac\x83%.*s", (int)tail,
		    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop");

		assert_int_equal(text_fold(in, n, 0, &t), 0);
		assert_true(t.len >= tail);
		assert_int_equal(t.f[t.len], '\0');
		assert_int_equal(t.map[t.len], n);
		text_free(&t);
	}
	/* a fuzzer's find: Hangul syllables that fold to more bytes, then ASCII */
	assert_int_equal(text_fold("\x33\xec\x9b\xb0\x77\x77\xec\x9b\xb0\x77\xec\x9b\xb0\x75\x9d\x66\xcc\xa2\x45", 19, 0, &t), 0);
	assert_int_equal(t.f[t.len], '\0');
	text_free(&t);
}

static void
test_dateline(void **state)
{
	const char *in = "GENEVA (6 August 2021) \xe2\x80\x93 Violence is spreading.";
	struct text t;
	struct text_sentence *sv;
	size_t n;

	(void)state;
	assert_int_equal(text_fold(in, strlen(in), 0, &t), 0);
	assert_int_equal(text_sentences(&t, &sv, &n), 0);
	assert_int_equal(n, 1);
	assert_memory_equal(t.f + sv[0].start, "violence", 8); /* the dateline is left out */
	free(sv);
	text_free(&t);
}

static void
test_periods(void **state)
{
	static const struct {
		const char *in;
		const char *ps, *pe; /* the first phrase's period */
	} rows[] = {
		{ "between 1 April and 30 June 2021", "2021-04-01", "2021-06-30" },
		{ "from January to June", "2021-01-01", "2021-06-30" },
		{ "in the first six months of this year", "2021-01-01", "2021-06-30" },
		{ "the first half of 2020", "2020-01-01", "2020-06-30" },
		{ "in the first quarter", "2021-01-01", "2021-03-31" },
		{ "since the beginning of the year", "2021-01-01", "2021-08-06" },
		{ "since January", "2021-01-01", "2021-08-06" },
		{ "in all of 2019", "2019-01-01", "2019-12-31" },
		{ "last year", "2020-01-01", "2020-12-31" },
		{ "over the past week", "2021-07-30", "2021-08-06" },
		{ "entre le 1er avril et le 30 juin 2021", "2021-04-01", "2021-06-30" },
		{ "du 13 au 20 d\xc3\xa9" "cembre 2020", "2020-12-13", "2020-12-20" },
		{ "au premier semestre 2021", "2021-01-01", "2021-06-30" },
		{ "depuis le d\xc3\xa9" "but de l'ann\xc3\xa9" "e", "2021-01-01", "2021-08-06" },
		{ "l'ann\xc3\xa9" "e derni\xc3\xa8" "re", "2020-01-01", "2020-12-31" },
		{ "le mois dernier", "2021-07-01", "2021-07-31" },
		{ "en octobre", "2020-10-01", "2020-10-31" },  /* after the release: the year before */
	};
	struct date_ymd rel = { 2021, 8, 6 };

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct text t;
		struct period_mention pm[4];
		char a[16], b[16];
		size_t k;

		assert_int_equal(text_fold(rows[i].in, strlen(rows[i].in), 0, &t), 0);
		k = period_scan(t.f, t.len, 0, t.len, rel, pm, 4);
		if (k == 0 || strcmp(date_format_ymd(pm[0].ps, a), rows[i].ps) != 0 ||
		    strcmp(date_format_ymd(pm[0].pe, b), rows[i].pe) != 0)
			fail_msg("row %zu \"%s\": got %zu, %s..%s", i, rows[i].in, k,
			    k ? a : "-", k ? b : "-");
		text_free(&t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_hostile_numbers),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_dateline),
		cmocka_unit_test(test_fold_grows),
		cmocka_unit_test(test_periods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
