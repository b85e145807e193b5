/*
 * cli — the subcommands of the rightswatch binary. main.c picks one by name
 * and calls it with argv[0] being the subcommand's name (ready for getopt);
 * each returns the process exit status. They live in daemon/cli_*.c, one
 * file per family, and only parse options and call the modules.
 */
#ifndef RW_CLI_H
#define RW_CLI_H

#include <stddef.h>

/* Default configuration file; $RIGHTSWATCH_CONFIG overrides it, -c overrides both. */
#define CLI_DEFAULT_CONFIG "/etc/rightswatch/rightswatch.ini"

/* The configuration path to use when -c was not given (never NULL). */
const char *cli_config_path(const char *opt_c);

/* A stored period (two YYYY-MM-DD days) as the INI file writes it
 * ("2020-H1") into out (BPERIOD_FMT_MAX bytes), or "-" when it is not one. */
void cli_period(const char *start, const char *end, char *out);

/* ---- --json output (cli_json.c) ---- */
typedef struct json_t json_t;
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
int cli_check(int argc, char **argv);      /* cli_check.c */
int cli_parse_feed(int argc, char **argv); /* cli_feed.c */
int cli_page_text(int argc, char **argv);  /* cli_page.c */
int cli_extract(int argc, char **argv);    /* cli_extract.c */
int cli_baseline(int argc, char **argv);   /* cli_baseline.c */
int cli_alerts(int argc, char **argv);     /* cli_alerts.c */
int cli_test_alert(int argc, char **argv); /* cli_alert.c */

#endif
