/*
 * config_types — the configuration as plain data: what every family reads
 * (sources, indicators, countries, destinations, thresholds, baselines,
 * the [daemon] keys), with the names of its enumerations. The parser that
 * fills it, checks it and frees it is config.h, above the families it
 * calls to validate; this header is below them all, so that any family
 * may read a configuration without depending on the parser.
 *
 * Every string and array belongs to the struct config that holds it
 * (config_free releases them); readers borrow.
 */
#ifndef RW_CONFIG_TYPES_H
#define RW_CONFIG_TYPES_H

#include <stddef.h>
#include <stdint.h>

enum config_source_type {
	CONFIG_TYPE_AUTO = 0,
	CONFIG_TYPE_RSS,
	CONFIG_TYPE_ATOM,
	CONFIG_TYPE_JSON,
	CONFIG_TYPE_HTML
};

enum config_fetch_pages {
	CONFIG_FETCH_AUTO = 0, /* fetch the linked page when the feed has no full text */
	CONFIG_FETCH_ALWAYS,
	CONFIG_FETCH_NEVER
};

enum config_lang {
	CONFIG_LANG_AUTO = 0,
	CONFIG_LANG_EN,
	CONFIG_LANG_FR
};

/* A comma-separated list value, each element trimmed and non-empty. */
struct config_list {
	char **v;
	size_t n;
};

struct config_source {
	char *name;       /* from [source NAME] */
	int line;         /* line of the section header, for messages */
	char *url;        /* http or https */
	enum config_source_type type;
	int64_t interval; /* seconds; defaults to [daemon] interval */
	enum config_lang lang;
	enum config_fetch_pages fetch_pages;
	char *content_xpath;           /* NULL: automatic main-text detection */
	struct config_list page_hosts; /* extra hosts release pages may come from */
	size_t max_items;              /* items taken per poll; CONFIG_DEFAULT_MAX_ITEMS */
	char *links;                   /* type = html: XPath of the release links */
	char *link_pattern;            /* type = html: URL prefix or glob, or NULL */
	int catch_up;                  /* 1 (default): the first read stores the history
	                                  and raises no alert */
	int allow_private;             /* hops may go to loopback, RFC 1918, CGNAT, ULA */
};

struct config_indicator {
	char *name; /* canonical name: built-in (DESIGN.md) or new */
	int line;
	struct config_list terms;    /* English terms */
	struct config_list terms_fr; /* French terms */
	int replace;                 /* 1: replace the built-in terms; 0: add to them */
};

struct config_country {
	char *name; /* as written in [country NAME] */
	int line;
	struct config_list terms; /* names, demonyms, places, missions */
};

enum config_notify_type {
	CONFIG_NOTIFY_SYSLOG = 0,
	CONFIG_NOTIFY_EMAIL,
	CONFIG_NOTIFY_WEBHOOK,
	CONFIG_NOTIFY_EXEC
};

enum config_starttls {
	CONFIG_STARTTLS_REQUIRED = 0,
	CONFIG_STARTTLS_TRY,
	CONFIG_STARTTLS_NEVER
};

/* [notify NAME]: a destination for alerts. Keys apply by type. */
struct config_notify {
	char *name;
	int line;
	enum config_notify_type type;
	/* syslog */
	char *facility;       /* default "daemon" */
	char *ident;          /* default "rightswatch" */
	char *target;         /* "local" (default), "udp://HOST:PORT", "tcp://HOST:PORT" */
	/* email and webhook */
	char *url;            /* smtp:// or smtps:// (email), http(s) (webhook) */
	/* email */
	enum config_starttls starttls;
	char *from;
	struct config_list to;
	char *username;
	char *password_file;  /* absolute after path resolution */
	char *subject_prefix; /* default "[rightswatch]" */
	int64_t digest;       /* seconds: gather the alerts of a window into one mail; 0 none */
	/* webhook */
	char *header;         /* one extra "Name: value" header line, or NULL */
	/* exec */
	char *command;        /* argv split from the value, no shell */
	int64_t timeout;      /* seconds (exec and webhook), default CONFIG_DEFAULT_NOTIFY_TIMEOUT */
};

/* [threshold NAME]: when a figure raises an alert. Names of enums are
 * those of rules.h (rules_compare_parse and friends). */
struct config_threshold {
	char *name;
	int line;
	char *indicator;
	char *country;        /* NULL: any configured country */
	int compare;          /* enum rules_compare */
	double factor;        /* default 1.0 */
	int64_t above;        /* compare = value */
	int severity;         /* enum rules_severity, default warning */
	struct config_list notify; /* empty: every [notify] section */
	int renotify;         /* enum rules_renotify, default on_increase */
	int period;           /* enum rules_period: which figures, default any */
};

/* [baseline NAME]: a figure for (country, indicator, period). */
struct config_baseline {
	char *name;
	int line;
	char *country;
	char *indicator;
	char *period;         /* as written: 2020, 2020-H1, 2020-Q3, 2020-05, A/B */
	int64_t value;
	char *source;         /* free text, or NULL */
};

/* Where a key was written: [kind name] (name NULL for [daemon]) at line;
 * key NULL for the section's header line. kind and key are static
 * strings; name is the section element's own. */
struct config_keyline {
	const char *kind;
	const char *name;
	const char *key;
	int line;
};

struct config {
	char *path; /* the file read, as given */
	struct config_keyline *keylines; /* every section and key read, in file order */
	size_t nkeylines;

	/* [daemon] */
	char *state;          /* SQLite file; absolute from config_load */
	char *user_agent;     /* sent on every request */
	int64_t interval;     /* seconds, default poll interval */
	int max_parallel;     /* concurrent transfers in total */
	int per_host;         /* concurrent transfers per host */
	int64_t timeout;      /* seconds, whole transfer */
	int64_t max_body;     /* bytes, decoded body cap */
	int log_level;        /* enum log_level */
	char *baselines;      /* CSV file of baselines to import, or NULL (no default) */
	char *listen;         /* [ADDRESS:]PORT of the HTTP listener (httpd.h), or NULL: none */
	char *public_url;     /* the dashboard's address as people reach it, or NULL */
	int keep_revisions;   /* texts of a release's newest revisions kept (its figures: all) */

	struct config_source *sources;
	size_t nsources;
	struct config_indicator *indicators;
	size_t nindicators;
	struct config_country *countries;
	size_t ncountries;
	struct config_notify *notifies;
	size_t nnotifies;
	struct config_threshold *thresholds;
	size_t nthresholds;
	struct config_baseline *baselines_cf;
	size_t nbaselines_cf;
};

/* The line of key in [kind name] (name NULL for an unnamed section), or
 * of the section's header when key is NULL or was not written; 0 when
 * there is no such section. For messages that name FILE:LINE. */
int config_line(const struct config *cf, const char *kind, const char *name,
    const char *key);

/* Free a list's elements and array, and empty it. */
void config_list_free(struct config_list *l);

/* The names of the enumerations, as the INI file spells them, in enum
 * order and NULL-terminated. */
extern const char *const config_source_type_names[];  /* enum config_source_type */
extern const char *const config_lang_names[];         /* enum config_lang */
extern const char *const config_fetch_names[];        /* enum config_fetch_pages */
extern const char *const config_notify_type_names[];  /* enum config_notify_type */
extern const char *const config_starttls_names[];     /* enum config_starttls */

/* "auto", "rss", "atom", "json" or "html"; "unknown" out of range. */
const char *config_source_type_name(enum config_source_type t);
/* "syslog", "email", "webhook" or "exec"; "unknown" out of range. */
const char *config_notify_type_name(enum config_notify_type t);

#endif
