/*
 * cli — the subcommands of the rightswatch binary. main.c picks one by name
 * and calls it with argv[0] being the subcommand's name (ready for getopt);
 * each returns the process exit status. They live in daemon/cli_*.c, one
 * file per family, and only parse options and call the modules.
 */
#ifndef RW_CLI_H
#define RW_CLI_H

#include <stddef.h>
#include <stdio.h>

/* Default configuration file; $RIGHTSWATCH_CONFIG overrides it, -c overrides both. */
#define CLI_DEFAULT_CONFIG "/etc/rightswatch/rightswatch.ini"

struct config;
struct store;
struct extract_notes;
struct extract_params;
struct extract_result;

/* The configuration path to use when -c was not given (never NULL). */
const char *cli_config_path(const char *opt_c);

typedef struct json_t json_t;

/* A command's verbs and their usage lines ("baseline list ..."). */
struct cli_verb {
	const char *verb;
	const char *usage;
};
/* "usage: rightswatch USAGE" for verb (NULL: every verb) to fp. */
void cli_verbs_usage(FILE *fp, const char *verb, const struct cli_verb *v, size_t n);

/* A message of the configuration's parser, one line on stderr (the
 * config_diag_fn of every command). */
void cli_diag(const char *msg, void *arg);

/* A stored period (two YYYY-MM-DD days) as the INI file writes it
 * ("2020-H1") into out (BPERIOD_FMT_MAX bytes), or "-" when it is not one. */
void cli_period(const char *start, const char *end, char *out);

struct config;
struct taxonomy;
struct store;
struct store_alert;

/* value of option opt ("country" or "indicator") in the extractor's
 * spelling into *out (owned by tx): a country (any case, or one of its
 * terms; with watched, only a configured one) or an indicator tx knows.
 * 0, or 2 after saying on stderr that it is unknown and what it may have
 * meant. */
int cli_canonical(const struct config *cf, const struct taxonomy *tx, const char *cmd,
    const char *opt, const char *value, int watched, const char **out);
/* Open cf's state file to read only: 0 and *st; 1 when there is none yet
 * (said on stdout unless json: "No state file yet ..." and what
 * follows, what); an exit status (1) after saying why it cannot be. */
int cli_state_open(const struct config *cf, int json, const char *what, struct store **st);

/* One alert (cli_alerts.c): as lines, and as the JSON object `alerts
 * --json` prints (new reference, NULL when out of memory). */
void cli_alert_line(const struct store_alert *a);
json_t *cli_alert_json(const struct store_alert *a);

/* A release and a figure as JSON objects (cli_browse.c; new references). */
struct store_release;
struct store_figure;
json_t *cli_release_json(const struct store_release *r);
json_t *cli_figure_json(const struct store_figure *f);
/* Figures as a table (indicator, value, qualifier, period, place,
 * evidence), after a "Figures (N):" line. */
void cli_figures_print(const struct store_figure *v, size_t n);

/* ---- --json output (cli_json.c) ---- */
/* Print o on one line (pretty: indented) and a newline, and release it; a
 * NULL o (out of memory on the way) is reported. 0 or -1. */
int cli_json_print(json_t *o, int pretty);

struct daemon_opts;
/* Parse "[-c FILE]" and the long options named in allow ("j" --json,
 * "b" --alert-backlog, "f" --force) into *json and *opts; returns the
 * configuration's path, or NULL after printing "usage: rightswatch CMD
 * USAGE" (cli_daemon.c). */
const char *cli_daemon_parse(int argc, char **argv, const char *allow, const char *usage,
    int *json, struct daemon_opts *opts);

int cli_run(int argc, char **argv);        /* cli_daemon.c */
int cli_once(int argc, char **argv);       /* cli_once.c */
int cli_status(int argc, char **argv);     /* cli_daemon.c */
int cli_source(int argc, char **argv);     /* cli_daemon.c */
int cli_check(int argc, char **argv);      /* cli_check.c */
int cli_parse_feed(int argc, char **argv); /* cli_feed.c */
int cli_page_text(int argc, char **argv);  /* cli_page.c */
int cli_extract(int argc, char **argv);    /* cli_extract.c */
int cli_explain(int argc, char **argv);    /* cli_explain.c */
/* The explanation of one extraction (format: rightswatch(8), EXPLAIN) on
 * out: text[0, len) as given to extract_text with p, its result and the
 * notes it made. 0, or -1 on a write error. */
int cli_explain_print(FILE *out, const char *text, size_t len, const struct extract_params *p,
    const struct extract_result *res, const struct extract_notes *notes);
int cli_baseline(int argc, char **argv);   /* cli_baseline.c */
int cli_alerts(int argc, char **argv);     /* cli_alerts.c */
int cli_test_alert(int argc, char **argv); /* cli_alert.c */
int cli_releases(int argc, char **argv);   /* cli_browse.c */
int cli_show(int argc, char **argv);       /* cli_browse.c */
int cli_reextract(int argc, char **argv);  /* cli_replay.c */
int cli_try(int argc, char **argv);        /* cli_replay.c */
int cli_silence(int argc, char **argv);    /* cli_silence.c */
int cli_chart(int argc, char **argv);      /* cli_chart.c */

#endif
