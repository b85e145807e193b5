/* Unit tests: text and number — the extractor's first stages (periods: test_period.c). */
#include "unit.h"

#include "rightswatch/number.h"
#include "rightswatch/text.h"

/* One row: a phrase, its language, and how its first number reads. */
struct nrow {
	int fr;
	const char *in;
	const char *span;      /* the first number as written; NULL: no number at all */
	int64_t value;
	enum number_role role;
	int approx;            /* 1: a vague count (approximate), 0: exact, -1: either */
	int n;                 /* numbers in the phrase, or -1 */
};

#define EN 0
#define FR 1
#define COUNT NUMBER_ROLE_COUNT

static const struct nrow nrows[] = {
	/* digits and their separators */
	{ EN, "435 abductions", "435", 435, COUNT, 0, 1 },                       /* plain digits */
	{ EN, "1,234 people", "1,234", 1234, COUNT, 0, 1 },                      /* comma thousands */
	{ EN, "1 234 people", "1 234", 1234, COUNT, 0, 1 },                      /* space thousands */
	{ EN, "1\xe2\x80\xaf" "234 people", "1 234", 1234, COUNT, 0, 1 },        /* narrow no-break space */
	{ EN, "4.518 detainees", "4.518", 4518, COUNT, 0, 1 },                   /* a full stop before three digits groups */
	{ FR, "2.732 personnes", "2.732", 2732, COUNT, 0, 1 },                   /* French full stop thousands */
	{ FR, "412.000 r\xc3\xa9" "fugi\xc3\xa9s", "412.000", 412000, COUNT, 0, 1 },
	{ FR, "10 000 personnes", "10 000", 10000, COUNT, 0, 1 },
	{ FR, "1,204 personnes", "1,204", 1204, COUNT, 0, 1 },                   /* an English comma in French */
	/* decimals with a multiplier: the whole quantity */
	{ EN, "4.2 million people", "4.2 million", 4200000, COUNT, 0, 1 },
	{ EN, "1.4 million people", "1.4 million", 1400000, COUNT, 0, 1 },
	{ EN, "1,2 million displaced", "1,2 million", 1200000, COUNT, 0, 1 },     /* a decimal comma in English, whole */
	{ FR, "1,4 millions de personnes", "1,4 millions", 1400000, COUNT, 0, 1 },
	{ FR, "2,5 millions de personnes", "2,5 millions", 2500000, COUNT, 0, 1 },
	{ FR, "1,9 million de d\xc3\xa9plac\xc3\xa9s", "1,9 million", 1900000, COUNT, 0, 1 },
	{ FR, "1.4 million de d\xc3\xa9plac\xc3\xa9s", "1.4 million", 1400000, COUNT, 0, 1 }, /* an English decimal in French */
	{ EN, "10k people were displaced", "10k", 10000, COUNT, 0, 1 },          /* glued multipliers */
	{ EN, "2.5M refugees", "2.5m", 2500000, COUNT, 0, 1 },
	{ FR, "10k d\xc3\xa9plac\xc3\xa9s", "10k", 10000, COUNT, 0, 1 },
	/* digits with words */
	{ EN, "3 hundred civilians", "3 hundred", 300, COUNT, 0, 1 },
	{ EN, "3 hundred and twelve detainees", "3 hundred and twelve", 312, COUNT, 0, 1 },
	{ EN, "2 dozen houses", "2 dozen", 24, COUNT, 0, 1 },
	{ EN, "25 thousand people", "25 thousand", 25000, COUNT, 0, 1 },
	{ FR, "2 millions et demi de personnes", "2 millions et demi", 2500000, COUNT, 0, 1 },
	{ FR, "3 mille personnes", "3 mille", 3000, COUNT, 0, 1 },
	/* words */
	{ EN, "forty-three civilians", "forty-three", 43, COUNT, 0, 1 },
	{ EN, "two hundred and fifty", "two hundred and fifty", 250, COUNT, 0, 1 }, /* "and" inside */
	{ EN, "fifteen hundred people", "fifteen hundred", 1500, COUNT, 0, 1 },
	{ EN, "one hundred thousand refugees", "one hundred thousand", 100000, COUNT, 0, 1 },
	{ EN, "a hundred and fifty families", "a hundred and fifty", 150, COUNT, 0, 1 },
	{ EN, "one person", "one", 1, COUNT, 0, 1 },
	{ EN, "fifty - two people", "fifty - two", 52, COUNT, 0, 1 },             /* a spaced hyphen */
	{ EN, "forty  three victims", "forty  three", 43, COUNT, 0, 1 },          /* doubled space */
	{ EN, "twenty thirty people", "twenty", 20, COUNT, 0, 2 },                /* two numbers, not 50 */
	{ EN, "two three people", "two", 2, COUNT, 0, 2 },
	{ FR, "quatre-vingt-dix civils", "quatre-vingt-dix", 90, COUNT, 0, 1 },
	{ FR, "vingt et un enfants", "vingt et un", 21, COUNT, 0, 1 },
	{ FR, "soixante-dix morts", "soixante-dix", 70, COUNT, 0, 1 },
	{ FR, "soixante et onze victimes", "soixante et onze", 71, COUNT, 0, 1 },
	{ FR, "quatre-vingt-dix-sept morts", "quatre-vingt-dix-sept", 97, COUNT, 0, 1 },
	{ FR, "mille deux cents d\xc3\xa9tenus", "mille deux cents", 1200, COUNT, 0, 1 },
	{ FR, "mille personnes", "mille", 1000, COUNT, 0, 1 },                    /* "mille" alone is one thousand */
	{ FR, "cent civils", "cent", 100, COUNT, 0, 1 },
	{ FR, "deux  cent trente civils", "deux  cent trente", 230, COUNT, 0, 1 }, /* doubled space */
	{ FR, "quatre - vingt - dix morts", "quatre - vingt - dix", 90, COUNT, 0, 1 },
	{ FR, "Douze hommes", "douze", 12, COUNT, 0, 1 },                          /* at the very start */
	{ FR, "vingt trente personnes", "vingt", 20, COUNT, 0, 2 },
	/* halves and dozens */
	{ EN, "half a million people fled", "half a million", 500000, COUNT, 0, 1 },
	{ EN, "some two and a half million people", "two and a half million", 2500000, COUNT, 0, 1 },
	{ EN, "one and a half million people", "one and a half million", 1500000, COUNT, 0, 1 },
	{ EN, "a million and a half refugees", "a million and a half", 1500000, COUNT, 0, 1 },
	{ EN, "a half million people", "a half million", 500000, COUNT, 0, 1 },
	{ EN, "three dozen villagers", "three dozen", 36, COUNT, 0, 1 },
	{ EN, "a dozen homes", "a dozen", 12, COUNT, 0, 1 },                       /* exact in English */
	{ EN, "half a dozen soldiers", "half a dozen", 6, COUNT, 0, 1 },
	{ FR, "un million et demi de personnes", "un million et demi", 1500000, COUNT, 0, 1 },
	{ FR, "deux millions et demi de d\xc3\xa9plac\xc3\xa9s", "deux millions et demi", 2500000, COUNT, 0, 1 },
	{ FR, "environ un demi-million d'habitants", "un demi-million", 500000, COUNT, 0, 1 },
	{ FR, "un demi million de r\xc3\xa9" "fugi\xc3\xa9s", "un demi million", 500000, COUNT, 0, 1 },
	{ FR, "une douzaine de civils", "une douzaine", 12, COUNT, 1, 1 },         /* approximate in French */
	{ FR, "deux douzaines de maisons", "deux douzaines", 24, COUNT, 0, 1 },
	{ FR, "une dizaine de morts", "une dizaine", 10, COUNT, 1, 1 },
	{ FR, "une centaine de bless\xc3\xa9s", "une centaine", 100, COUNT, 1, 1 },
	{ FR, "un millier de d\xc3\xa9plac\xc3\xa9s", "un millier", 1000, COUNT, 1, 1 },
	{ FR, "une dizaine de milliers de personnes", "une dizaine de milliers", 10000, COUNT, 1, 1 },
	{ FR, "trois cent douze (312)", "trois cent douze (312)", 312, COUNT, 0, 1 }, /* words confirmed */
	/* not counts: each keeps its role */
	{ EN, "on 6 August", "6", 6, NUMBER_ROLE_DATE, -1, 1 },
	{ EN, "from 19-28 November", "19", 19, NUMBER_ROLE_DATE, -1, 2 },          /* a range of days */
	{ FR, "du 3-5 mai", "3", 3, NUMBER_ROLE_DATE, -1, 2 },
	{ EN, "an 11-day visit", "11", 11, NUMBER_ROLE_DURATION, -1, 1 },
	{ EN, "two and a half years in prison", "two and a half", 3, NUMBER_ROLE_DURATION, -1, 1 },
	{ EN, "resolution 2100", "2100", 2100, NUMBER_ROLE_DOCREF, -1, 1 },
	{ EN, "30 per cent", "30", 30, NUMBER_ROLE_PERCENT, -1, 1 },
	{ EN, "$4 million", "4 million", 4000000, NUMBER_ROLE_MONEY, -1, 1 },
	{ EN, "3bn dollars", "3bn", 3000000000LL, NUMBER_ROLE_MONEY, -1, 1 },
	{ EN, "a 15-year-old girl", "15", 15, NUMBER_ROLE_AGE, -1, 1 },
	{ EN, "five times as many", "five", 5, NUMBER_ROLE_MULTIPLIER, -1, 1 },
	{ EN, "fled two or three times", "two", 2, NUMBER_ROLE_MULTIPLIER, -1, 2 },   /* how often, not how many */
	{ FR, "ont fui deux ou trois fois", "deux", 2, NUMBER_ROLE_MULTIPLIER, -1, 2 },
	{ EN, "attacked 4 or 5 times", "4", 4, NUMBER_ROLE_MULTIPLIER, -1, 2 },
	{ EN, "two or three people", "two", 2, COUNT, -1, 2 },                       /* a count before "or" stays one */
	{ FR, "deux ou trois villages", "deux", 2, COUNT, -1, 2 },
	{ EN, "in 2019", "2019", 2019, NUMBER_ROLE_YEAR, -1, 1 },
	{ EN, "in the 2010s", "2010", 2010, NUMBER_ROLE_YEAR, -1, 1 },            /* a decade */
	{ EN, "the 21st", "21", 21, NUMBER_ROLE_ORDINAL, -1, 1 },
	{ EN, "at 10 a.m.", "10", 10, NUMBER_ROLE_TIME, -1, 1 },
	{ EN, "call +41 22 917 9220", NULL, 0, COUNT, -1, 0 },                   /* a phone number is skipped */
	{ EN, "\xe2\x88\x92" "12.5 degrees", "12.5", 13, NUMBER_ROLE_MEASURE, -1, 1 }, /* U+2212 minus */
	{ EN, "a drop of -3 points", "3", 3, NUMBER_ROLE_MEASURE, -1, 1 },
	{ EN, "12.5 people", "12.5", 13, NUMBER_ROLE_MEASURE, -1, 1 },            /* no fraction of a person */
	{ EN, "a 40 km road", "40", 40, NUMBER_ROLE_MEASURE, -1, 1 },
	{ FR, "15 % des victimes", "15", 15, NUMBER_ROLE_PERCENT, -1, 1 },
	{ FR, "31 pour cent", "31", 31, NUMBER_ROLE_PERCENT, -1, 1 },
	{ FR, "\xc3\xa2" "g\xc3\xa9 de 12 ans", "12", 12, NUMBER_ROLE_AGE, -1, 1 },
	{ FR, "le 3 octobre", "3", 3, NUMBER_ROLE_DATE, -1, 1 },
	{ FR, "pendant 10 jours", "10", 10, NUMBER_ROLE_DURATION, -1, 1 },
	{ FR, "la r\xc3\xa9solution 2480", "2480", 2480, NUMBER_ROLE_DOCREF, -1, 1 },
	{ FR, "le 48e rapport", "48", 48, NUMBER_ROLE_ORDINAL, -1, 1 },
	{ FR, "2 millions d'euros", "2 millions", 2000000, NUMBER_ROLE_MONEY, -1, 1 },
	{ FR, "1,5 milliard de dollars", "1,5 milliard", 1500000000, NUMBER_ROLE_MONEY, -1, 1 },
	{ FR, "deux fois plus", "deux", 2, NUMBER_ROLE_MULTIPLIER, -1, 1 },
	{ FR, "12,5 personnes", "12,5", 13, NUMBER_ROLE_MEASURE, -1, 1 },
	{ FR, "une baisse de \xe2\x88\x92" "3", "3", 3, NUMBER_ROLE_MEASURE, -1, 1 },
	/* no number at all: vague plurals, articles, codes, other scripts */
	{ EN, "millions of people need aid", NULL, 0, COUNT, -1, 0 },
	{ EN, "thousands of civilians fled", NULL, 0, COUNT, -1, 0 },
	{ EN, "hundreds of thousands of people", NULL, 0, COUNT, -1, 0 },
	{ EN, "dozens of people were killed", NULL, 0, COUNT, -1, 0 },
	{ EN, "several hundred people", NULL, 0, COUNT, -1, 0 },
	{ EN, "a man was killed", NULL, 0, COUNT, -1, 0 },
	{ EN, "1_000 civilians", NULL, 0, COUNT, -1, 0 },
	{ EN, "\xd9\xa3\xd9\xa0\xd9\xa0 people", NULL, 0, COUNT, -1, 0 },          /* Arabic-Indic 300 */
	{ EN, "\xd9\xa3 million people", NULL, 0, COUNT, -1, 0 },                   /* not one million */
	{ EN, "\xdb\xb1\xdb\xb2 civilians", NULL, 0, COUNT, -1, 0 },                /* extended Arabic-Indic */
	{ EN, "\xef\xbc\x91\xef\xbc\x92 people", NULL, 0, COUNT, -1, 0 },           /* fullwidth digits */
	{ FR, "des centaines de personnes", NULL, 0, COUNT, -1, 0 },
	{ FR, "des milliers de civils", NULL, 0, COUNT, -1, 0 },
	{ FR, "plusieurs milliers de d\xc3\xa9plac\xc3\xa9s", NULL, 0, COUNT, -1, 0 },
	{ FR, "des dizaines de morts", NULL, 0, COUNT, -1, 0 },
	{ FR, "quelques centaines de r\xc3\xa9" "fugi\xc3\xa9s", NULL, 0, COUNT, -1, 0 },
	{ FR, "des millions de personnes", NULL, 0, COUNT, -1, 0 },
	{ FR, "un civil a \xc3\xa9t\xc3\xa9 tu\xc3\xa9", NULL, 0, COUNT, -1, 0 },   /* an article */
	{ FR, "1_000 civils", NULL, 0, COUNT, -1, 0 },
	{ FR, "\xd9\xa1\xd9\xa2 personnes", NULL, 0, COUNT, -1, 0 },                /* Arabic-Indic 12 */
	{ FR, "des dizaines de milliers de personnes", NULL, 0, COUNT, -1, 0 },
};

/* Whether row r reads as it says; a message in msg when not. */
static int
nrow_ok(const struct nrow *r, char *msg, size_t size)
{
	struct text t, ts;
	struct number n[8];
	size_t k;
	int ok;

	assert_int_equal(text_fold(r->in, strlen(r->in), 0, &t), 0);
	k = number_scan(t.f, t.len, 0, t.len, r->fr, n, 8);
	if (r->span == NULL) {
		ok = k == 0;
	} else {
		assert_int_equal(text_fold(r->span, strlen(r->span), 0, &ts), 0);
		ok = k > 0 && n[0].value == r->value && number_role(n[0].flags) == r->role &&
		    n[0].end - n[0].start == ts.len && memcmp(t.f + n[0].start, ts.f, ts.len) == 0 &&
		    (r->approx < 0 || !(n[0].flags & NUMBER_APPROX) == !r->approx) &&
		    (r->n < 0 || k == (size_t)r->n);
		text_free(&ts);
	}
	snprintf(msg, size, "\"%s\": %zu numbers; first [%.*s] %lld %s flags %#x", r->in, k,
	    k ? (int)(n[0].end - n[0].start) : 0, k ? t.f + n[0].start : "",
	    k ? (long long)n[0].value : 0LL, k ? number_role_name(number_role(n[0].flags)) : "-",
	    k ? n[0].flags : 0);
	text_free(&t);
	return ok;
}

static void
test_numbers(void **state)
{
	char msg[512];
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(nrows) / sizeof(nrows[0]); i++)
		if (!nrow_ok(&nrows[i], msg, sizeof(msg))) {
			print_message("row %zu: %s\n", i, msg);
			bad++;
		}
	assert_int_equal(bad, 0);
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
		assert_int_equal(text_orig(&t, t.len), n);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_hostile_numbers),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_dateline),
		cmocka_unit_test(test_fold_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
