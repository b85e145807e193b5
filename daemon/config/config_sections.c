/*
 * config_sections — what each section of the configuration holds: the
 * tables of section kinds and their keys, defaults set when a section
 * starts, checks across keys when it ends, checks across sections when the
 * file ends, and how each element is freed. The generic parser is config.c.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/alert.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/config.h"
#include "rightswatch/feed.h"
#include "rightswatch/notify_exec.h"
#include "rightswatch/notify_syslog.h"
#include "rightswatch/rules.h"
#include "rightswatch/suggest.h"
#include "rightswatch/taxonomy.h"
#include "config_int.h"

/* ---- section and key tables ---- */

/* in enum log_level order */
static const char *const config_level_names[] = { "error", "warning", "info", "debug", NULL };


static const struct config_key config_daemon_keys[] = {
	KEY(struct config, "state", CK_STATE, state),
	KEY(struct config, "user_agent", CK_STRING, user_agent),
	KEY(struct config, "interval", CK_DURATION, interval),
	KEYN(struct config, "max_parallel", CK_INT, max_parallel, 1, 1000),
	KEYN(struct config, "per_host", CK_INT, per_host, 1, 100),
	KEY(struct config, "timeout", CK_DURATION, timeout),
	KEY(struct config, "max_body", CK_SIZE, max_body),
	KEYE(struct config, "log_level", log_level, config_level_names),
	KEY(struct config, "baselines", CK_PATH, baselines),
	KEY(struct config, "listen", CK_LISTEN, listen),
	KEY(struct config, "public_url", CK_URL, public_url),
	KEYN(struct config, "keep_revisions", CK_INT, keep_revisions, 1, 1000),
};

enum { SRC_URL, SRC_TYPE, SRC_INTERVAL, SRC_LANG, SRC_FETCH, SRC_CONTENT,
	SRC_HOSTS, SRC_MAXITEMS, SRC_LINKS, SRC_PATTERN, SRC_CATCHUP, SRC_PRIVATE };
static const struct config_key config_source_keys[] = {
	[SRC_URL] = KEYR(struct config_source, "url", CK_URL, url),
	[SRC_TYPE] = KEYE(struct config_source, "type", type, config_source_type_names),
	[SRC_INTERVAL] = KEY(struct config_source, "interval", CK_DURATION, interval),
	[SRC_LANG] = KEYE(struct config_source, "lang", lang, config_lang_names),
	[SRC_FETCH] = KEYE(struct config_source, "fetch_pages", fetch_pages, config_fetch_names),
	[SRC_CONTENT] = KEY(struct config_source, "content_xpath", CK_XPATH, content_xpath),
	[SRC_HOSTS] = KEY(struct config_source, "page_hosts", CK_HOSTS, page_hosts),
	[SRC_MAXITEMS] = KEYN(struct config_source, "max_items", CK_COUNT, max_items, 1, FEED_MAX_ITEMS),
	[SRC_LINKS] = KEY(struct config_source, "links", CK_XPATH, links),
	[SRC_PATTERN] = KEY(struct config_source, "link_pattern", CK_URLGLOB, link_pattern),
	[SRC_CATCHUP] = KEY(struct config_source, "catch_up", CK_BOOL, catch_up),
	[SRC_PRIVATE] = KEY(struct config_source, "allow_private", CK_BOOL, allow_private),
};

enum { IND_TERMS, IND_TERMS_FR, IND_REPLACE };
static const struct config_key config_indicator_keys[] = {
	[IND_TERMS] = KEY(struct config_indicator, "terms", CK_LIST, terms),
	[IND_TERMS_FR] = KEY(struct config_indicator, "terms_fr", CK_LIST, terms_fr),
	[IND_REPLACE] = KEY(struct config_indicator, "replace", CK_BOOL, replace),
};

static const struct config_key config_country_keys[] = {
	KEYR(struct config_country, "terms", CK_LIST, terms),
};

/* In the order of rules.h's enums (test_config checks that rules.c spells
 * them the same); the other names are config_types.c's. */
static const char *const config_compare_names[] = { "value", "prior_year_total",
	"same_period_prior_year", "previous_report", "annualized_prior_year", NULL };
static const char *const config_severity_names[] = { "info", "warning", "critical", NULL };
static const char *const config_renotify_names[] = { "on_increase", "never", NULL };
static const char *const config_period_names[] = { "any", "month", "quarter", "half", "year",
	"stock", NULL };

enum { NT_TYPE, NT_FACILITY, NT_IDENT, NT_TARGET, NT_URL, NT_STARTTLS, NT_FROM, NT_TO,
	NT_USER, NT_PASSWORD, NT_PREFIX, NT_DIGEST, NT_HEADER, NT_COMMAND, NT_TIMEOUT };
static const struct config_key config_notify_keys[] = {
	[NT_TYPE] = { "type", CK_ENUM, offsetof(struct config_notify, type),
	    config_notify_type_names, 0, 0, 1 },
	[NT_FACILITY] = KEY(struct config_notify, "facility", CK_STRING, facility),
	[NT_IDENT] = KEY(struct config_notify, "ident", CK_STRING, ident),
	[NT_TARGET] = KEY(struct config_notify, "target", CK_STRING, target),
	[NT_URL] = KEY(struct config_notify, "url", CK_STRING, url),
	[NT_STARTTLS] = KEYE(struct config_notify, "starttls", starttls, config_starttls_names),
	[NT_FROM] = KEY(struct config_notify, "from", CK_STRING, from),
	[NT_TO] = KEY(struct config_notify, "to", CK_LIST, to),
	[NT_USER] = KEY(struct config_notify, "username", CK_STRING, username),
	[NT_PASSWORD] = KEY(struct config_notify, "password_file", CK_SECRET, password_file),
	[NT_PREFIX] = KEY(struct config_notify, "subject_prefix", CK_STRING, subject_prefix),
	[NT_DIGEST] = KEY(struct config_notify, "digest", CK_DURATION, digest),
	[NT_HEADER] = KEY(struct config_notify, "header", CK_STRING, header),
	[NT_COMMAND] = KEY(struct config_notify, "command", CK_STRING, command),
	[NT_TIMEOUT] = KEY(struct config_notify, "timeout", CK_DURATION, timeout),
};

enum { TH_INDICATOR, TH_COUNTRY, TH_COMPARE, TH_FACTOR, TH_ABOVE, TH_SEVERITY, TH_NOTIFY,
	TH_RENOTIFY, TH_PERIOD };
static const struct config_key config_threshold_keys[] = {
	[TH_INDICATOR] = KEYR(struct config_threshold, "indicator", CK_STRING, indicator),
	[TH_COUNTRY] = KEY(struct config_threshold, "country", CK_STRING, country),
	[TH_COMPARE] = { "compare", CK_ENUM, offsetof(struct config_threshold, compare),
	    config_compare_names, 0, 0, 1 },
	[TH_FACTOR] = KEYN(struct config_threshold, "factor", CK_REAL, factor, 0, 1000000),
	[TH_ABOVE] = KEYN(struct config_threshold, "above", CK_INT64, above, 0,
	    4000000000000000000LL),
	[TH_SEVERITY] = KEYE(struct config_threshold, "severity", severity, config_severity_names),
	[TH_NOTIFY] = KEY(struct config_threshold, "notify", CK_LIST, notify),
	[TH_RENOTIFY] = KEYE(struct config_threshold, "renotify", renotify, config_renotify_names),
	[TH_PERIOD] = KEYE(struct config_threshold, "period", period, config_period_names),
};

enum { BL_COUNTRY, BL_INDICATOR, BL_PERIOD, BL_VALUE, BL_SOURCE };
static const struct config_key config_baseline_keys[] = {
	[BL_COUNTRY] = KEYR(struct config_baseline, "country", CK_STRING, country),
	[BL_INDICATOR] = KEYR(struct config_baseline, "indicator", CK_STRING, indicator),
	[BL_PERIOD] = KEYR(struct config_baseline, "period", CK_STRING, period),
	[BL_VALUE] = { "value", CK_INT64, offsetof(struct config_baseline, value), NULL, 0,
	    4000000000000000000LL, 1 },
	[BL_SOURCE] = KEY(struct config_baseline, "source", CK_STRING, source),
};

static void
config_notify_init(void *obj)
{
	struct config_notify *n = obj;

	n->timeout = CONFIG_DEFAULT_NOTIFY_TIMEOUT;
	n->starttls = CONFIG_STARTTLS_REQUIRED;
}

/* Which keys each notify type takes, beyond type and timeout. */
static int
config_notify_key_ok(enum config_notify_type t, int key)
{
	switch (key) {
	case NT_TYPE:
	case NT_TIMEOUT:
		return 1;
	case NT_FACILITY:
	case NT_IDENT:
	case NT_TARGET:
		return t == CONFIG_NOTIFY_SYSLOG;
	case NT_URL:
		return t == CONFIG_NOTIFY_EMAIL || t == CONFIG_NOTIFY_WEBHOOK;
	case NT_HEADER:
		return t == CONFIG_NOTIFY_WEBHOOK;
	case NT_COMMAND:
		return t == CONFIG_NOTIFY_EXEC;
	default:
		return t == CONFIG_NOTIFY_EMAIL;
	}
}

static int
config_has_scheme(const char *url, const char *const *schemes)
{
	for (; *schemes != NULL; schemes++)
		if (strncasecmp(url, *schemes, strlen(*schemes)) == 0 &&
		    url[strlen(*schemes)] != '\0')
			return 1;
	return 0;
}

static void
config_notify_finish(struct config_parse *p, void *obj, const int *key_line)
{
	static const char *const smtp[] = { "smtp://", "smtps://", NULL };
	static const char *const web[] = { "http://", "https://", NULL };
	static const char *const net[] = { "udp://", "tcp://", NULL };
	struct config_notify *n = obj;

	for (int k = 0; k < (int)NKEYS(config_notify_keys); k++)
		if (key_line[k] != 0 && !config_notify_key_ok(n->type, k))
			config_err(p, key_line[k], "%s: '%s' does not apply to type = %s",
			    p->label, config_notify_keys[k].name, config_notify_type_names[n->type]);
	switch (n->type) {
	case CONFIG_NOTIFY_SYSLOG: {
		struct notify_syslog_target t;
		char why[160];

		if (n->target != NULL && strcmp(n->target, "local") != 0 &&
		    !config_has_scheme(n->target, net))
			config_err(p, key_line[NT_TARGET], "target: expected local, "
			    "udp://HOST:PORT or tcp://HOST:PORT: '%s'", n->target);
		else if (n->target != NULL &&
		    notify_syslog_parse_target(n->target, &t, why, sizeof(why)) == -1)
			config_err(p, key_line[NT_TARGET], "target: %s: '%s'", why, n->target);
		if (n->facility != NULL && notify_syslog_facility(n->facility) < 0)
			config_err(p, key_line[NT_FACILITY], "facility: expected daemon, user, "
			    "local0 ... local7 (a syslog facility): '%s'", n->facility);
		break;
	}
	case CONFIG_NOTIFY_EMAIL:
		if (key_line[NT_URL] == 0 || key_line[NT_FROM] == 0 || key_line[NT_TO] == 0)
			config_err(p, p->sec_line, "%s: type = email needs url, from and to",
			    p->label);
		if (n->url != NULL && !config_has_scheme(n->url, smtp))
			config_err(p, key_line[NT_URL], "url: expected smtp:// or smtps://: '%s'",
			    n->url);
		if (n->from != NULL && !alert_address_valid(n->from))
			config_err(p, key_line[NT_FROM], "from: not a mail address: '%s'", n->from);
		for (size_t i = 0; i < n->to.n; i++)
			if (!alert_address_valid(n->to.v[i]))
				config_err(p, key_line[NT_TO], "to: not a mail address: '%s'",
				    n->to.v[i]);
		if ((key_line[NT_USER] == 0) != (key_line[NT_PASSWORD] == 0))
			config_err(p, p->sec_line, "%s: username and password_file go together",
			    p->label);
		break;
	case CONFIG_NOTIFY_WEBHOOK:
		if (key_line[NT_URL] == 0)
			config_err(p, p->sec_line, "%s: type = webhook needs url", p->label);
		else if (!config_has_scheme(n->url, web))
			config_err(p, key_line[NT_URL], "url: expected http:// or https://: '%s'",
			    n->url);
		if (n->header != NULL && (strchr(n->header, ':') == NULL ||
		    strpbrk(n->header, "\r\n") != NULL))
			config_err(p, key_line[NT_HEADER], "header: expected 'Name: value'");
		break;
	case CONFIG_NOTIFY_EXEC:
		if (key_line[NT_COMMAND] == 0) {
			config_err(p, p->sec_line, "%s: type = exec needs command", p->label);
		} else if (n->command != NULL) {
			char **argv = NULL, why[160];

			if (notify_exec_split(n->command, &argv, why, sizeof(why)) == -1)
				config_err(p, key_line[NT_COMMAND], "command: %s", why);
			notify_exec_argv_free(argv);
		}
		break;
	}
}

static void
config_notify_free(void *obj)
{
	struct config_notify *n = obj;

	free(n->facility);
	free(n->ident);
	free(n->target);
	free(n->url);
	free(n->from);
	config_list_free(&n->to);
	free(n->username);
	free(n->password_file);
	free(n->subject_prefix);
	free(n->header);
	free(n->command);
}

static void
config_threshold_init(void *obj)
{
	struct config_threshold *t = obj;

	t->factor = 1.0;
	t->severity = RULES_WARNING;
	t->renotify = RULES_ON_INCREASE;
}

static void
config_threshold_finish(struct config_parse *p, void *obj, const int *key_line)
{
	struct config_threshold *t = obj;

	/* A comparison already refused says nothing of the others. */
	if (p->key_bad[TH_COMPARE])
		return;
	if (t->compare == RULES_VALUE && key_line[TH_ABOVE] == 0)
		config_err(p, p->sec_line, "%s: compare = value needs 'above'", p->label);
	if (t->compare != RULES_VALUE && key_line[TH_ABOVE] != 0)
		config_err(p, key_line[TH_ABOVE], "above: only for compare = value");
	if (t->period == RULES_PERIOD_STOCK && !p->key_bad[TH_PERIOD] &&
	    t->compare != RULES_VALUE && t->compare != RULES_PREVIOUS_REPORT)
		config_err(p, key_line[TH_PERIOD], "period = stock: only with compare = value or "
		    "previous_report (a stock has no period to set against a year)");
}

static void
config_threshold_free(void *obj)
{
	struct config_threshold *t = obj;

	free(t->indicator);
	free(t->country);
	config_list_free(&t->notify);
}

static void
config_baseline_finish(struct config_parse *p, void *obj, const int *key_line)
{
	struct config_baseline *b = obj;
	struct bperiod bp;

	if (b->period != NULL && bperiod_parse(b->period, &bp) == -1)
		config_err(p, key_line[BL_PERIOD], "period: expected 2020, 2020-H1, 2020-Q3, "
		    "2020-05 or 2020-01-01/2020-06-30: '%s'", b->period);
}

static void
config_baseline_free(void *obj)
{
	struct config_baseline *b = obj;

	free(b->country);
	free(b->indicator);
	free(b->period);
	free(b->source);
}

static void
config_source_free(void *obj)
{
	struct config_source *s = obj;

	free(s->url);
	free(s->content_xpath);
	config_list_free(&s->page_hosts);
	free(s->links);
	free(s->link_pattern);
}

static void
config_indicator_free(void *obj)
{
	struct config_indicator *ci = obj;

	config_list_free(&ci->terms);
	config_list_free(&ci->terms_fr);
}

static void
config_country_free(void *obj)
{
	config_list_free(&((struct config_country *)obj)->terms);
}

static void
config_source_init(void *obj)
{
	struct config_source *s = obj;

	s->type = CONFIG_TYPE_AUTO;
	s->lang = CONFIG_LANG_AUTO;
	s->fetch_pages = CONFIG_FETCH_AUTO;
	s->max_items = CONFIG_DEFAULT_MAX_ITEMS;
	s->catch_up = 1;
}

static void
config_source_finish(struct config_parse *p, void *obj, const int *key_line)
{
	struct config_source *s = obj;

	if (s->type == CONFIG_TYPE_HTML && key_line[SRC_LINKS] == 0)
		config_err(p, p->sec_line, "%s: type = html needs 'links' "
		    "(an XPath selecting the release links)", p->label);
	if (s->type != CONFIG_TYPE_HTML) {
		if (key_line[SRC_LINKS] != 0)
			config_err(p, key_line[SRC_LINKS],
			    "links: only for type = html (this source is %s)",
			    config_source_type_name(s->type));
		if (key_line[SRC_PATTERN] != 0)
			config_err(p, key_line[SRC_PATTERN],
			    "link_pattern: only for type = html (this source is %s)",
			    config_source_type_name(s->type));
	}
}

static void
config_indicator_finish(struct config_parse *p, void *obj, const int *key_line)
{
	(void)obj;
	if (key_line[IND_TERMS] == 0 && key_line[IND_TERMS_FR] == 0)
		config_err(p, p->sec_line, "%s: needs 'terms' or 'terms_fr'", p->label);
}

static int
config_name_source(const char *name, const char **why)
{
	for (const char *c = name; *c != '\0'; c++)
		if (!(((unsigned)*c | 0x20) - 'a' < 26 || (unsigned)*c - '0' < 10 ||
		    *c == '-' || *c == '_' || *c == '.')) {
			*why = "letters, digits, '-', '_' and '.' only";
			return 0;
		}
	return 1;
}

static int
config_name_indicator(const char *name, const char **why)
{
	for (const char *c = name; *c != '\0'; c++)
		if (!((unsigned)*c - 'a' < 26 || (c > name && ((unsigned)*c - '0' < 10 ||
		    *c == '_')))) {
			*why = "lower-case letters, digits and '_', starting with a letter";
			return 0;
		}
	return 1;
}

static int
config_name_country(const char *name, const char **why)
{
	for (const char *c = name; *c != '\0'; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			*why = "control character";
			return 0;
		}
	return 1;
}


_Static_assert(NKEYS(config_daemon_keys) <= CONFIG_MAX_KEYS, "key_line too small");
_Static_assert(NKEYS(config_source_keys) <= CONFIG_MAX_KEYS, "key_line too small");
_Static_assert(NKEYS(config_notify_keys) <= CONFIG_MAX_KEYS, "key_line too small");

#define SECTION(kind, ci, ok, keys, T, arr, n, init, fin, fr)                  \
	{ kind, 1, ci, ok, keys, NKEYS(keys), offsetof(struct config, arr),     \
	    offsetof(struct config, n), sizeof(T), offsetof(T, name),           \
	    offsetof(T, line), init, fin, fr }

const struct config_section config_sections[] = {
	{ "daemon", 0, 0, NULL, config_daemon_keys, NKEYS(config_daemon_keys),
	    0, 0, 0, 0, 0, NULL, NULL, NULL },
	SECTION("source", 0, config_name_source, config_source_keys, struct config_source,
	    sources, nsources, config_source_init, config_source_finish, config_source_free),
	SECTION("indicator", 1, config_name_indicator, config_indicator_keys,
	    struct config_indicator, indicators, nindicators, NULL, config_indicator_finish,
	    config_indicator_free),
	SECTION("country", 1, config_name_country, config_country_keys, struct config_country,
	    countries, ncountries, NULL, NULL, config_country_free),
	SECTION("notify", 0, config_name_source, config_notify_keys, struct config_notify,
	    notifies, nnotifies, config_notify_init, config_notify_finish, config_notify_free),
	SECTION("threshold", 0, config_name_source, config_threshold_keys,
	    struct config_threshold, thresholds, nthresholds, config_threshold_init,
	    config_threshold_finish, config_threshold_free),
	SECTION("baseline", 0, config_name_source, config_baseline_keys,
	    struct config_baseline, baselines_cf, nbaselines_cf, NULL, config_baseline_finish,
	    config_baseline_free),
};

const size_t config_nsections = NKEYS(config_sections);

void
config_keys_each(config_key_fn *fn, void *arg)
{
	for (size_t i = 0; i < config_nsections; i++)
		for (size_t k = 0; k < config_sections[i].nkeys; k++)
			fn(config_sections[i].kind, config_sections[i].keys[k].name, arg);
}

/* Report name at [kind section] key unless tx knows it as an indicator
 * (country 0) or a country (1), suggesting the nearest known name. */
static void
config_check_name(struct config_parse *p, const struct taxonomy *tx, const char *kind,
    const char *section, const char *key, const char *name, int country)
{
	const char **names, *hint;
	size_t n;

	if (name == NULL || (country ? taxonomy_country_find(tx, name) >= 0 :
	    taxonomy_indicator_id(tx, name) >= 0))
		return;
	names = taxonomy_names(tx, country, &n);
	hint = suggest_nearest(name, names, n);
	config_err(p, config_line(p->cf, kind, section, key), "[%s %s] %s: unknown %s '%s'%s%s%s",
	    kind, section, key, country ? "country" : "indicator", name,
	    hint != NULL ? " (did you mean '" : country ? " (add a [country] section for it)" :
	    " (add an [indicator] section to define it)", hint != NULL ? hint : "",
	    hint != NULL ? "'?)" : "");
	free(names);
}

/* Each destination a threshold names must be a [notify] section. */
static void
config_check_notify(struct config_parse *p, const struct config_threshold *t)
{
	const struct config *cf = p->cf;
	const char **names;

	if ((names = calloc(cf->nnotifies + 1, sizeof(*names))) == NULL) {
		p->oom = 1;
		return;
	}
	for (size_t j = 0; j < cf->nnotifies; j++)
		names[j] = cf->notifies[j].name;
	for (size_t k = 0; k < t->notify.n; k++) {
		const char *hint;
		size_t j;

		for (j = 0; j < cf->nnotifies; j++)
			if (strcmp(cf->notifies[j].name, t->notify.v[k]) == 0)
				break;
		if (j < cf->nnotifies)
			continue;
		hint = suggest_nearest(t->notify.v[k], names, cf->nnotifies);
		config_err(p, config_line(cf, "threshold", t->name, "notify"),
		    "[threshold %s] notify: no [notify %s] section%s%s%s", t->name,
		    t->notify.v[k], hint != NULL ? " (did you mean '" : "",
		    hint != NULL ? hint : "", hint != NULL ? "'?)" : "");
	}
	free(names);
}

void
config_sections_check(struct config_parse *p)
{
	const struct config *cf = p->cf;
	struct taxonomy *tx;

	if (cf->nthresholds == 0 && cf->nbaselines_cf == 0)
		return;
	if ((tx = taxonomy_new(cf->indicators, cf->nindicators, cf->countries,
	    cf->ncountries)) == NULL) {
		p->oom = 1;
		return;
	}
	for (size_t i = 0; i < cf->nthresholds; i++) {
		const struct config_threshold *t = &cf->thresholds[i];

		config_check_name(p, tx, "threshold", t->name, "indicator", t->indicator, 0);
		config_check_name(p, tx, "threshold", t->name, "country", t->country, 1);
		config_check_notify(p, t);
	}
	for (size_t i = 0; i < cf->nbaselines_cf; i++) {
		const struct config_baseline *b = &cf->baselines_cf[i];

		config_check_name(p, tx, "baseline", b->name, "indicator", b->indicator, 0);
		config_check_name(p, tx, "baseline", b->name, "country", b->country, 1);
	}
	taxonomy_free(tx);
}
