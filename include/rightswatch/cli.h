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

int cli_run(int argc, char **argv);        /* cli_daemon.c */
int cli_once(int argc, char **argv);       /* cli_daemon.c */
int cli_status(int argc, char **argv);     /* cli_daemon.c */
int cli_source(int argc, char **argv);     /* cli_daemon.c */
int cli_check(int argc, char **argv);      /* cli_check.c */
int cli_parse_feed(int argc, char **argv); /* cli_feed.c */
int cli_page_text(int argc, char **argv);  /* cli_page.c */
int cli_extract(int argc, char **argv);    /* cli_extract.c */
int cli_baseline(int argc, char **argv);   /* cli_alert.c */
int cli_alerts(int argc, char **argv);     /* cli_alert.c */
int cli_test_alert(int argc, char **argv); /* cli_alert.c */

#endif
