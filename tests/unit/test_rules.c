/* Unit tests: rules — compare modes, qualifiers, baseline selection,
 * renotify, fingerprints, missing baselines. */
#include <math.h>

#include "unit.h"
#include "rightswatch/rules.h"

#define C RULES_CONFIGURED
#define I RULES_IMPORTED
#define R RULES_REPORTED
#define D RULES_DERIVED
#define NONE (-1)
#define HASH_H1 "55c016430d5e6af2d58dd68da891682b173d8cab9b97ecee1f3aef8a013b8e41"
#define EX EXTRACT_EXACT
#define AL EXTRACT_AT_LEAST
#define MT EXTRACT_MORE_THAN
#define AP EXTRACT_APPROX
#define AM EXTRACT_AT_MOST

struct bl {
	int origin;             /* NONE ends the list */
	const char *period;
	int64_t value;
	int64_t obs_id;
};

struct row {
	enum rules_compare compare;
	double factor;
	int64_t above;
	enum rules_renotify renotify;
	int64_t value;          /* the observation */
	enum extract_qualifier q;
	const char *period;
	int64_t obs_id;
	struct bl bl[4];        /* candidate baselines for Mali abductions */
	int64_t prev;           /* value already alerted for the fingerprint, -1: none */
	/* expected */
	int ndec;
	enum rules_kind kind;
	int approx;
	int64_t previous;
	int origin;             /* origin of the baseline used, NONE: no baseline */
	int64_t bvalue;         /* its value */
	double ratio;
	int nmissing;
};

static const struct row table[] = {
	/* the mission: 435 in 2021-H1 against a configured 2020 total of 87 */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 87, 435.0 / 87, 0 },
	/* equal to the baseline is not above it */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 87, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* at least 99 against 98 has crossed */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 99, AL, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 98, 99.0 / 98, 0 },
	/* at least 98 against 98 has not */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 98, AL, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* more than 98 against 98 has (the count is at least 99) */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 98, MT, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 98, 1.0, 0 },
	/* more than 97 against 98 has not */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 97, MT, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* approx 100 against 98: approximately crossed */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 100, AP, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 1, 0, C, 98, 100.0 / 98, 0 },
	/* approx 98 against 98: not even approximately */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 98, AP, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* at most 500 against 98 cannot cross */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 500, AM, "2021-H1", 0,
	  { { C, "2020", 98, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* factor 5: 435 is not above 5 x 87 = 435 */
	{ RULES_PRIOR_YEAR_TOTAL, 5.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* factor 5: 436 is */
	{ RULES_PRIOR_YEAR_TOTAL, 5.0, 0, RULES_ON_INCREASE, 436, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 87, 436.0 / 435, 0 },
	/* no baseline at all: no decision, listed as missing */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 1 },
	/* a baseline for 2019 is not one for 2020 */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2019", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 1 },
	/* a half-year figure of 2020 is not the 2020 total */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020-H1", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 1 },
	/* a period across two years has no prior year: nothing, not missing */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2020-07-01/2021-06-30", 0,
	  { { C, "2019", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* a whole year against the year before */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 300, EX, "2021", 0,
	  { { C, "2020", 200, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 200, 1.5, 0 },

	/* selection: imported before reported */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { R, "2020", 500, 3 }, { I, "2020", 90, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, I, 90, 435.0 / 90, 0 },
	/* selection: configured before imported */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { I, "2020", 500, 0 }, { C, "2020", 100, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 100, 4.35, 0 },
	/* selection: the highest reported figure, before derived */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { R, "2020", 100, 3 }, { D, "2020", 50, 4 }, { R, "2020", 500, 2 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* selection: reported before derived */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { D, "2020", 50, 4 }, { R, "2020", 100, 3 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, R, 100, 4.35, 0 },
	/* selection: a derived figure when nothing else exists */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { D, "2020", 87, 4 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, D, 87, 5.0, 0 },

	/* same period a year earlier */
	{ RULES_SAME_PERIOD_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020-H1", 200, 0 }, { C, "2020", 1000, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 200, 2.175, 0 },
	/* the whole prior year is not the same period */
	{ RULES_SAME_PERIOD_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 1 },
	/* February 2021 against the leap February of 2020 */
	{ RULES_SAME_PERIOD_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 30, EX, "2021-02", 0,
	  { { C, "2020-02", 20, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 20, 1.5, 0 },
	/* a range ending on leap day against one ending on 28 February */
	{ RULES_SAME_PERIOD_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 30, EX, "2020-01-15/2020-02-29", 0,
	  { { C, "2019-01-15/2019-02-28", 20, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 20, 1.5, 0 },
	/* a factor of 2 not reached */
	{ RULES_SAME_PERIOD_PRIOR_YEAR, 2.0, 0, RULES_ON_INCREASE, 399, EX, "2021-H1", 0,
	  { { C, "2020-H1", 200, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },

	/* previous report: a rise over the last figure for the period */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 400, 5 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, R, 400, 435.0 / 400, 0 },
	/* previous report: the same figure is no rise */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 435, 5 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* previous report: the first report of a period decides nothing, lacks nothing */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* previous report, factor 1.5: 435 is not above 1.5 x 300 */
	{ RULES_PREVIOUS_REPORT, 1.5, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 300, 5 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* previous report, factor 1.5: 435 is above 1.5 x 280 */
	{ RULES_PREVIOUS_REPORT, 1.5, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 280, 5 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, R, 280, 435.0 / 420, 0 },
	/* previous report: the last one (500, id 5) counts, not an earlier lower one */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 300, 3 }, { R, "2021-H1", 500, 5 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* previous report: the last one (300, id 5) counts, not an earlier higher one */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 500, 3 }, { R, "2021-H1", 300, 5 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, R, 300, 1.45, 0 },
	/* previous report: the observation itself and later ones are skipped */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { R, "2021-H1", 435, 9 }, { R, "2021-H1", 400, 5 }, { R, "2021-H1", 600, 12 }, { NONE, NULL, 0, 0 } },
	  -1, 1, RULES_NEW, 0, 0, R, 400, 435.0 / 400, 0 },
	/* previous report: only reported figures count, not configured ones */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 9,
	  { { C, "2021-H1", 100, 0 }, { D, "2021-H1", 100, 4 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* previous report: an unsaved observation (id 0) follows every stored one */
	{ RULES_PREVIOUS_REPORT, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { R, "2021-H1", 400, 5 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, R, 400, 435.0 / 400, 0 },

	/* annualised: 250 in H1 2021 is 504 a year, above 400 */
	{ RULES_ANNUALIZED_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 250, EX, "2021-H1", 0,
	  { { C, "2020", 400, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 400, 250.0 * 365 / 181 / 400, 0 },
	/* annualised: 190 in H1 2021 is 383 a year, below 400 */
	{ RULES_ANNUALIZED_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 190, EX, "2021-H1", 0,
	  { { C, "2020", 400, 0 }, { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* annualised: a quarter, approximately */
	{ RULES_ANNUALIZED_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 120, AP, "2021-Q1", 0,
	  { { C, "2020", 400, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 1, 0, C, 400, 120.0 * 365 / 90 / 400, 0 },
	/* annualised: missing prior year */
	{ RULES_ANNUALIZED_PRIOR_YEAR, 1.0, 0, RULES_ON_INCREASE, 120, EX, "2021-Q1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 1 },

	/* value: 435 above 400, no baseline needed */
	{ RULES_VALUE, 1.0, 400, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, NONE, 0, 435.0 / 400, 0 },
	/* value: 435 is not above 435 */
	{ RULES_VALUE, 1.0, 435, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* value: at most cannot cross */
	{ RULES_VALUE, 1.0, 400, RULES_ON_INCREASE, 500, AM, "2021-H1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* value: approximately */
	{ RULES_VALUE, 1.0, 400, RULES_ON_INCREASE, 450, AP, "2021-H1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 1, 0, NONE, 0, 1.125, 0 },
	/* value: above 0 gives a ratio of 0 (undefined) */
	{ RULES_VALUE, 1.0, 0, RULES_ON_INCREASE, 1, EX, "2021-H1", 0,
	  { { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, NONE, 0, 0.0, 0 },

	/* renotify: the same figure again raises nothing */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, 435, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* renotify: a lower figure raises nothing */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, 500, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* renotify on_increase: a higher figure is an update from 400 */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_ON_INCREASE, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, 400, 1, RULES_UPDATE, 0, 400, C, 87, 5.0, 0 },
	/* renotify never: a higher figure raises nothing */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_NEVER, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, 400, 0, RULES_NEW, 0, 0, NONE, 0, 0, 0 },
	/* renotify never: the first crossing still alerts */
	{ RULES_PRIOR_YEAR_TOTAL, 1.0, 0, RULES_NEVER, 435, EX, "2021-H1", 0,
	  { { C, "2020", 87, 0 }, { NONE, NULL, 0, 0 } }, -1, 1, RULES_NEW, 0, 0, C, 87, 5.0, 0 },
};

static void
test_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct row *r = &table[i];
		struct rules_threshold t = { 0 };
		struct rules_obs o = { 0 };
		struct rules_baseline b[4];
		struct rules_prev p;
		struct rules_input in = { 0 };
		struct rules_result res;
		size_t nb = 0;
		char *fp;

		t.name = "mali_abductions";
		t.indicator = "abductions";
		t.country = "Mali";
		t.compare = r->compare;
		t.factor = r->factor;
		t.above = r->above;
		t.severity = RULES_CRITICAL;
		t.renotify = r->renotify;
		o.indicator = "abductions";
		o.country = "Mali";
		o.value = r->value;
		o.qualifier = r->q;
		o.has_period = 1;
		assert_int_equal(bperiod_parse(r->period, &o.period), 0);
		o.observation_id = r->obs_id;
		for (; nb < 4 && r->bl[nb].origin != NONE; nb++) {
			memset(&b[nb], 0, sizeof(b[nb]));
			b[nb].country = "Mali";
			b[nb].indicator = "abductions";
			assert_int_equal(bperiod_parse(r->bl[nb].period, &b[nb].period), 0);
			b[nb].value = r->bl[nb].value;
			b[nb].origin = (enum rules_origin)r->bl[nb].origin;
			b[nb].observation_id = r->bl[nb].obs_id;
		}
		fp = rules_fingerprint("mali_abductions", "Mali", "abductions", &o.period);
		assert_non_null(fp);
		p.fingerprint = fp;
		p.value = r->prev;
		in.obs = &o, in.nobs = 1;
		in.baselines = b, in.nbaselines = nb;
		in.thresholds = &t, in.nthresholds = 1;
		in.prev = &p, in.nprev = r->prev >= 0;
		assert_int_equal(rules_evaluate(&in, &res), 0);
		if ((int)res.ndec != r->ndec || (int)res.nmissing != r->nmissing)
			fail_msg("row %zu: %zu decisions, %zu missing", i, res.ndec, res.nmissing);
		if (r->ndec == 1) {
			const struct rules_decision *d = &res.dec[0];

			assert_int_equal(d->kind, r->kind);
			assert_int_equal(d->approximate, r->approx);
			assert_int_equal(d->has_previous, r->kind == RULES_UPDATE);
			if (r->kind == RULES_UPDATE)
				assert_int_equal(d->previous_value, r->previous);
			if (r->origin == NONE) {
				assert_null(d->baseline);
			} else {
				assert_non_null(d->baseline);
				assert_int_equal(d->baseline->origin, r->origin);
				assert_int_equal(d->baseline->value, r->bvalue);
			}
			if (fabs(d->ratio - r->ratio) > 1e-9)
				fail_msg("row %zu: ratio %f, expected %f", i, d->ratio, r->ratio);
			assert_string_equal(d->fingerprint, fp);
			assert_ptr_equal(d->obs, &o);
			assert_ptr_equal(d->threshold, &t);
		}
		if (r->nmissing == 1)
			assert_ptr_equal(res.missing[0].threshold, &t);
		rules_result_free(&res);
		free(fp);
	}
}

/* Two thresholds, several observations: which ones apply to which. */
static void
test_applicability(void **state)
{
	static const struct {
		const char *tcountry;   /* threshold country, NULL: any configured */
		const char *configured; /* one configured country, NULL: none */
		const char *ocountry;   /* observation's */
		const char *oindicator;
		int derived, has_period;
		int ndec;
	} rows[] = {
		/* the named country */
		{ "Mali", NULL, "Mali", "abductions", 0, 1, 1 },
		/* country compared without case */
		{ "mali", NULL, "Mali", "abductions", 0, 1, 1 },
		/* another country */
		{ "Mali", NULL, "Niger", "abductions", 0, 1, 0 },
		/* any configured country, Mali configured */
		{ NULL, "Mali", "Mali", "abductions", 0, 1, 1 },
		/* any configured country, Mali not configured */
		{ NULL, "Niger", "Mali", "abductions", 0, 1, 0 },
		/* none configured: any country */
		{ NULL, NULL, "Mali", "abductions", 0, 1, 1 },
		/* an observation without a country is never a subject */
		{ NULL, NULL, NULL, "abductions", 0, 1, 0 },
		/* another indicator */
		{ "Mali", NULL, "Mali", "killed", 0, 1, 0 },
		/* a derived figure is never a subject */
		{ "Mali", NULL, "Mali", "abductions", 1, 1, 0 },
		/* nor one without a period */
		{ "Mali", NULL, "Mali", "abductions", 0, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rules_threshold t = { 0 };
		struct rules_obs o = { 0 };
		struct rules_input in = { 0 };
		struct rules_result res;
		const char *conf = rows[i].configured;

		t.name = "big";
		t.indicator = "abductions";
		t.country = rows[i].tcountry;
		t.compare = RULES_VALUE;
		t.factor = 1.0;
		t.above = 10;
		o.indicator = rows[i].oindicator;
		o.country = rows[i].ocountry;
		o.value = 20;
		o.derived = rows[i].derived;
		o.has_period = rows[i].has_period;
		assert_int_equal(bperiod_parse("2021", &o.period), 0);
		in.obs = &o, in.nobs = 1;
		in.thresholds = &t, in.nthresholds = 1;
		in.countries = &conf, in.ncountries = conf != NULL;
		assert_int_equal(rules_evaluate(&in, &res), 0);
		if ((int)res.ndec != rows[i].ndec)
			fail_msg("row %zu: %zu decisions", i, res.ndec);
		rules_result_free(&res);
	}
}

/* One fingerprint, several figures: one decision, the highest; one missing
 * entry per threshold, country and period. */
static void
test_grouping(void **state)
{
	struct rules_threshold t[2];
	struct rules_obs o[3];
	struct rules_baseline b;
	struct rules_input in = { 0 };
	struct rules_result res;

	(void)state;
	memset(t, 0, sizeof(t));
	memset(o, 0, sizeof(o));
	t[0].name = "h1", t[0].indicator = "abductions", t[0].country = "Mali";
	t[0].compare = RULES_PRIOR_YEAR_TOTAL, t[0].factor = 1.0;
	t[1] = t[0];
	t[1].name = "pace", t[1].compare = RULES_SAME_PERIOD_PRIOR_YEAR;
	for (int i = 0; i < 3; i++) {
		o[i].indicator = "abductions", o[i].country = "Mali";
		o[i].has_period = 1;
		assert_int_equal(bperiod_parse("2021-H1", &o[i].period), 0);
	}
	o[0].value = 300, o[1].value = 435, o[2].value = 435;
	o[2].qualifier = EXTRACT_APPROX;
	memset(&b, 0, sizeof(b));
	b.country = "Mali", b.indicator = "abductions", b.value = 87;
	b.origin = RULES_IMPORTED;
	assert_int_equal(bperiod_parse("2020", &b.period), 0);
	in.obs = o, in.nobs = 3;
	in.baselines = &b, in.nbaselines = 1;
	in.thresholds = t, in.nthresholds = 2;
	assert_int_equal(rules_evaluate(&in, &res), 0);
	assert_int_equal(res.ndec, 1);
	/* the first of the equal highest figures stands */
	assert_ptr_equal(res.dec[0].obs, &o[1]);
	assert_int_equal(res.dec[0].approximate, 0);
	assert_string_equal(res.dec[0].fingerprint, "h1|Mali|abductions|2021-01-01/2021-06-30");
	/* sha256("h1|Mali|abductions|2021-01-01/2021-06-30") */
	assert_string_equal(res.dec[0].fingerprint_sha256, HASH_H1);
	assert_int_equal(res.nmissing, 1);
	assert_ptr_equal(res.missing[0].threshold, &t[1]);
	assert_string_equal(res.missing[0].country, "Mali");
	assert_int_equal(res.missing[0].period.start.y, 2020);
	assert_int_equal(res.missing[0].period.end.m, 6);
	rules_result_free(&res);
	rules_result_free(NULL);
}

static void
test_fingerprint(void **state)
{
	static const struct {
		const char *rule, *country, *indicator, *period, *expected;
	} rows[] = {
		/* plain */
		{ "r", "Mali", "killed", "2020", "r|Mali|killed|2020-01-01/2020-12-31" },
		/* separators and backslashes escaped */
		{ "a|b", "x\\y", "k", "2020-05", "a\\|b|x\\\\y|k|2020-05-01/2020-05-31" },
		/* no country */
		{ "r", NULL, "k", "2020-Q1", "r||k|2020-01-01/2020-03-31" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct bperiod p;
		char *fp;

		assert_int_equal(bperiod_parse(rows[i].period, &p), 0);
		fp = rules_fingerprint(rows[i].rule, rows[i].country, rows[i].indicator, &p);
		assert_string_equal(fp, rows[i].expected);
		free(fp);
	}
}

/* A threshold's period selects its figures: any figure with a period,
 * only whole months, quarters, halves or years, or only stocks (figures
 * without a period, as of their release's day). */
static void
test_periods(void **state)
{
	static const struct {
		enum rules_period tp;
		enum rules_compare compare;
		const char *period;     /* the figure's, NULL: a stock as of 2021-08-06 */
		const char *stock_prev; /* a stock reported before, as of this day, or NULL */
		int64_t prev_value;
		int ndec;
		const char *fingerprint_end; /* what the fingerprint ends with */
	} rows[] = {
		/* any: every figure that has a period */
		{ RULES_PERIOD_ANY, RULES_VALUE, "2021-Q1", NULL, 0, 1, "2021-01-01/2021-03-31" },
		{ RULES_PERIOD_ANY, RULES_VALUE, "2021-01-01/2021-02-14", NULL, 0, 1, "2021-02-14" },
		/* any: not a stock */
		{ RULES_PERIOD_ANY, RULES_VALUE, NULL, NULL, 0, 0, NULL },
		/* quarter: a quarter, not a half, a month or a year */
		{ RULES_PERIOD_QUARTER, RULES_VALUE, "2021-Q1", NULL, 0, 1, "2021-03-31" },
		{ RULES_PERIOD_QUARTER, RULES_VALUE, "2021-H1", NULL, 0, 0, NULL },
		{ RULES_PERIOD_QUARTER, RULES_VALUE, "2021-03", NULL, 0, 0, NULL },
		{ RULES_PERIOD_QUARTER, RULES_VALUE, "2021", NULL, 0, 0, NULL },
		/* a quarter's months in another order are not a calendar quarter */
		{ RULES_PERIOD_QUARTER, RULES_VALUE, "2021-02-01/2021-04-30", NULL, 0, 0, NULL },
		{ RULES_PERIOD_MONTH, RULES_VALUE, "2021-03", NULL, 0, 1, "2021-03-31" },
		{ RULES_PERIOD_HALF, RULES_VALUE, "2021-H2", NULL, 0, 1, "2021-12-31" },
		{ RULES_PERIOD_YEAR, RULES_VALUE, "2020", NULL, 0, 1, "2020-12-31" },
		{ RULES_PERIOD_YEAR, RULES_VALUE, "2020-H1", NULL, 0, 0, NULL },
		/* stock: only figures without a period; one fingerprint per country */
		{ RULES_PERIOD_STOCK, RULES_VALUE, NULL, NULL, 0, 1, "|stock" },
		{ RULES_PERIOD_STOCK, RULES_VALUE, "2021-Q1", NULL, 0, 0, NULL },
		/* stock, previous_report: above the stock of an earlier day */
		{ RULES_PERIOD_STOCK, RULES_PREVIOUS_REPORT, NULL, "2021-05-01", 100, 1, "|stock" },
		{ RULES_PERIOD_STOCK, RULES_PREVIOUS_REPORT, NULL, "2021-05-01", 500, 0, NULL },
		/* ... not one of the same day, nor none at all */
		{ RULES_PERIOD_STOCK, RULES_PREVIOUS_REPORT, NULL, "2021-08-06", 100, 0, NULL },
		{ RULES_PERIOD_STOCK, RULES_PREVIOUS_REPORT, NULL, NULL, 0, 0, NULL },
		/* stock against a year: never (check refuses it) */
		{ RULES_PERIOD_STOCK, RULES_PRIOR_YEAR_TOTAL, NULL, NULL, 0, 0, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct rules_threshold t = { "wave", "displaced", "Mali", rows[i].compare, 1.0, 100,
			RULES_WARNING, NULL, 0, RULES_ON_INCREASE, rows[i].tp };
		struct rules_obs o;
		struct rules_baseline b[2];
		struct rules_input in;
		struct rules_result res;

		memset(&o, 0, sizeof(o));
		memset(b, 0, sizeof(b));
		memset(&in, 0, sizeof(in));
		o.indicator = "displaced", o.country = "Mali", o.value = 400;
		o.observation_id = 9;
		if (rows[i].period != NULL) {
			o.has_period = 1;
			assert_int_equal(bperiod_parse(rows[i].period, &o.period), 0);
		} else {
			o.has_asof = 1;
			o.asof = (struct date_ymd){ 2021, 8, 6 };
		}
		/* a baseline for a prior year, so that only the period decides */
		b[0].country = "Mali", b[0].indicator = "displaced", b[0].value = 1;
		b[0].origin = RULES_CONFIGURED;
		assert_int_equal(bperiod_parse("2020", &b[0].period), 0);
		in.nbaselines = 1;
		if (rows[i].stock_prev != NULL) {
			b[1].country = "Mali", b[1].indicator = "displaced", b[1].stock = 1;
			b[1].value = rows[i].prev_value, b[1].origin = RULES_REPORTED;
			assert_int_equal(date_parse_ymd(rows[i].stock_prev, &b[1].period.start), 0);
			b[1].period.end = b[1].period.start;
			in.nbaselines = 2;
		}
		in.obs = &o, in.nobs = 1, in.baselines = b;
		in.thresholds = &t, in.nthresholds = 1;
		assert_int_equal(rules_evaluate(&in, &res), 0);
		if (res.ndec != (size_t)rows[i].ndec)
			fail_msg("row %zu: %zu decisions, want %d", i, res.ndec, rows[i].ndec);
		if (res.ndec == 1) {
			const char *fp = res.dec[0].fingerprint;
			size_t lf = strlen(fp), le = strlen(rows[i].fingerprint_end);

			if (lf < le || strcmp(fp + lf - le, rows[i].fingerprint_end) != 0)
				fail_msg("row %zu: fingerprint %s", i, fp);
		}
		rules_result_free(&res);
	}
	for (int i = 0; i <= RULES_PERIOD_STOCK; i++)
		assert_int_equal(rules_period_parse(rules_period_name((enum rules_period)i)), i);
	assert_int_equal(rules_period_parse("quarterly"), -1);
}

static void
test_names(void **state)
{
	(void)state;
	for (int i = 0; i <= RULES_ANNUALIZED_PRIOR_YEAR; i++)
		assert_int_equal(rules_compare_parse(rules_compare_name((enum rules_compare)i)), i);
	for (int i = 0; i <= RULES_CRITICAL; i++)
		assert_int_equal(rules_severity_parse(rules_severity_name((enum rules_severity)i)), i);
	for (int i = 0; i <= RULES_DERIVED; i++)
		assert_int_equal(rules_origin_parse(rules_origin_name((enum rules_origin)i)), i);
	for (int i = 0; i <= RULES_NEVER; i++)
		assert_int_equal(rules_renotify_parse(rules_renotify_name((enum rules_renotify)i)), i);
	for (int i = 0; i <= EXTRACT_AT_MOST; i++)
		assert_int_equal(rules_qualifier_parse(rules_qualifier_name((enum extract_qualifier)i)), i);
	assert_string_equal(rules_compare_name(RULES_PRIOR_YEAR_TOTAL), "prior_year_total");
	assert_string_equal(rules_qualifier_name(EXTRACT_AT_LEAST), "at_least");
	assert_int_equal(rules_compare_parse("prior-year"), -1);
	assert_int_equal(rules_severity_parse(NULL), -1);
	assert_string_equal(rules_severity_name((enum rules_severity)7), "unknown");
}

static void
test_from_obs(void **state)
{
	struct rules_obs o = { 0 };
	struct rules_baseline b;

	(void)state;
	o.indicator = "abductions", o.country = "Mali", o.value = 87, o.derived = 1;
	o.title = "Weak state protection", o.observation_id = 4;
	assert_int_equal(bperiod_parse("2019", &o.period), 0);
	rules_baseline_from_obs(&o, &b);
	assert_int_equal(b.origin, RULES_DERIVED);
	assert_int_equal(b.value, 87);
	assert_int_equal(b.observation_id, 4);
	assert_ptr_equal(b.source, o.title);
	o.derived = 0;
	rules_baseline_from_obs(&o, &b);
	assert_int_equal(b.origin, RULES_REPORTED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_applicability),
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_from_obs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
