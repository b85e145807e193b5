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
/* Load the configuration (cli_config_path(opt_c)) and open its state file:
 * 0 with *cf and *st set (the caller closes and frees both), or an exit
 * status (2: configuration error, 1: the store cannot be opened) with the
 * reason on standard error. */
int cli_state_open(const char *opt_c, struct config **cf, struct store **st);

int cli_run(int argc, char **argv);        /* cli_daemon.c */
int cli_once(int argc, char **argv);       /* cli_daemon.c */
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
int cli_baseline(int argc, char **argv);   /* cli_alert.c */
int cli_alerts(int argc, char **argv);     /* cli_alert.c */
int cli_test_alert(int argc, char **argv); /* cli_alert.c */

#endif
