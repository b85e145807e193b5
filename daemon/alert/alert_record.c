/*
 * alert_record — an alert is what was decided: a decision of the rules
 * becomes a stored record (store.h's struct store_alert) holding the
 * comparison, its factor, the limit, the baseline and the figure as they
 * were when it was raised, and every rendering of an alert (mail, syslog,
 * webhook, `alerts`, `try`) starts from such a record. So a reload that
 * changes or removes the threshold cannot change what a queued alert says.
 * Pure functions: strings are borrowed, nothing is allocated.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "rightswatch/date.h"
#include "rightswatch/store.h"

/* A period into a record's "YYYY-MM-DD" fields. */
static void
alert_record_days(const struct bperiod *p, char start[11], char end[11])
{
	char tmp[11];

	memcpy(start, date_format_ymd(p->start, tmp), 11);
	memcpy(end, date_format_ymd(p->end, tmp), 11);
}

void
alert_record_from_decision(const struct rules_decision *d, struct store_alert *out)
{
	const struct rules_obs *o = d->obs;
	const struct rules_threshold *t = d->threshold;

	memset(out, 0, sizeof(*out));
	out->fingerprint = d->fingerprint;
	out->rule = t->name;
	out->severity = rules_severity_name(t->severity);
	out->country = o->country;
	out->indicator = o->indicator;
	out->value = o->value;
	out->qualifier = rules_qualifier_name(o->qualifier);
	out->approximate = d->approximate;
	out->is_update = d->kind == RULES_UPDATE;
	out->previous_value = d->has_previous ? d->previous_value : -1;
	if (o->has_period) {
		alert_record_days(&o->period, out->period_start, out->period_end);
	} else if (o->has_asof) {
		/* A stock: its "period" is the day it is as of. */
		struct bperiod asof = { o->asof, o->asof };

		alert_record_days(&asof, out->period_start, out->period_end);
	}
	out->baseline_value = -1;
	if (d->baseline != NULL) {
		out->baseline_value = d->baseline->value;
		alert_record_days(&d->baseline->period, out->baseline_period_start,
		    out->baseline_period_end);
		out->baseline_origin = rules_origin_name(d->baseline->origin);
		out->baseline_source = d->baseline->source;
	}
	out->ratio = d->ratio > 0 ? d->ratio : NAN;
	out->compare = rules_compare_name(t->compare);
	out->threshold_period = rules_period_name(t->period);
	out->factor = t->factor;
	out->limit = d->limit;
	out->title = o->title;
	out->date = o->date;
	out->url = o->url;
	out->sentence = o->sentence;
}

/* A record's period fields as a period: 1, or 0 when they are not one. */
static int
alert_record_period(const char *start, const char *end, struct bperiod *p)
{
	return date_parse_ymd(start, &p->start) == 0 && date_parse_ymd(end, &p->end) == 0 &&
	    bperiod_valid(p);
}

void
alert_from_record(const struct store_alert *s, struct alert *a)
{
	int v;

	memset(a, 0, sizeof(*a));
	a->rule = s->rule;
	a->fingerprint = s->fingerprint;
	a->severity = (v = rules_severity_parse(s->severity)) >= 0 ? (enum rules_severity)v :
	    RULES_WARNING;
	if ((v = rules_compare_parse(s->compare)) >= 0)
		a->compare = (enum rules_compare)v;
	else
		a->compare_unknown = 1;
	a->factor = isfinite(s->factor) ? s->factor : 1.0;
	a->limit = isfinite(s->limit) ? s->limit : NAN;
	a->country = s->country;
	a->indicator = s->indicator;
	a->value = s->value;
	a->qualifier = (v = rules_qualifier_parse(s->qualifier)) >= 0 ?
	    (enum extract_qualifier)v : EXTRACT_EXACT;
	a->approximate = s->approximate;
	a->has_period = alert_record_period(s->period_start, s->period_end, &a->period);
	a->stock = s->threshold_period != NULL && strcmp(s->threshold_period, "stock") == 0;
	if (s->baseline_value >= 0 && alert_record_period(s->baseline_period_start,
	    s->baseline_period_end, &a->baseline_period)) {
		a->has_baseline = 1;
		a->baseline_value = s->baseline_value;
		a->baseline_origin = (v = rules_origin_parse(s->baseline_origin)) >= 0 ?
		    (enum rules_origin)v : RULES_REPORTED;
		a->baseline_source = s->baseline_source;
	}
	a->ratio = isfinite(s->ratio) ? s->ratio : 0.0;
	a->has_previous = s->is_update && s->previous_value >= 0;
	a->previous_value = s->previous_value;
	a->title = s->title;
	a->date = s->date;
	a->url = s->url;
	a->sentence = s->sentence;
	a->doc_id = s->doc_id;
}

void
alert_from_decision(const struct rules_decision *d, struct alert *out)
{
	struct store_alert r;

	/* Through the record, so that what is sent now and what is sent from
	 * the outbox later are rendered from the same fields. The alert
	 * borrows only the decision's strings, never r's period fields. */
	alert_record_from_decision(d, &r);
	alert_from_record(&r, out);
}
