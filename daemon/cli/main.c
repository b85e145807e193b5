/*
 * main — the rightswatch command line: pick a subcommand, hand it argv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/cli.h"
#include "rightswatch/log.h"
#include "rightswatch/version.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *usage; /* one or more "rightswatch ..." lines, without the program name */
	const char *what;
} main_commands[] = {
	{ "run", cli_run, "run [-c FILE]", "the daemon, in the foreground" },
	{ "once", cli_once, "once [--alert-backlog] [--force] [--json] [-c FILE]",
	    "one whole cycle, then exit, with a summary" },
	{ "check", cli_check, "check [-c FILE]", "validate the configuration" },
	{ "status", cli_status, "status [-c FILE] [--json]", "sources' health and schedule" },
	{ "source", cli_source, "source reset [-c FILE] NAME",
	    "a quarantined (poisoned) source polled again" },
	{ "parse-feed", cli_parse_feed, "parse-feed [--base URL] [--charset NAME] [FILE|-]",
	    "a feed as JSON Lines" },
	{ "page-text", cli_page_text,
	    "page-text [--base URL] [--charset NAME] [--content-xpath XPATH] [FILE|-]",
	    "a release page as JSON" },
	{ "extract", cli_extract,
	    "extract [--date YYYY-MM-DD] [--lang auto|en|fr] [--country NAME] [--explain] [-c FILE] "
	    "[FILE|-]...",
	    "text or HTML to observations as JSON Lines (--explain: every number and why)" },
	{ "explain", cli_explain, "explain [-c FILE] ID|URL",
	    "how a stored release's numbers were read, attached and dated" },
	{ "baseline", cli_baseline,
	    "baseline list [--country NAME] [--indicator NAME] [--period PERIOD] [--json] [-c FILE]\n"
	    "baseline import [-c FILE] FILE.csv\n"
	    "baseline export [--country NAME] [--indicator NAME] [--period PERIOD] [-c FILE]\n"
	    "baseline delete [--country NAME] [--indicator NAME] [--period PERIOD] [--all] [-c FILE]",
	    "list the baselines, import a CSV file, export or delete the imported ones" },
	{ "alerts", cli_alerts, "alerts [--since YYYY-MM-DD] [--json] [-c FILE]",
	    "alerts and their deliveries" },
	{ "releases", cli_releases,
	    "releases [--source NAME] [--since YYYY-MM-DD] [--country NAME] [--limit N] [--json] [-c FILE]",
	    "the releases read, newest first" },
	{ "show", cli_show, "show [--json] [-c FILE] ID|URL",
	    "one release: its figures and its alerts" },
	{ "reextract", cli_reextract, "reextract [--alert] [--json] [-c FILE] --all | ID...",
	    "read stored releases again after a configuration change" },
	{ "try", cli_try, "try [--date YYYY-MM-DD] [--json] [-c FILE] FILE",
	    "which thresholds a release file would cross, recording nothing" },
	{ "silence", cli_silence,
	    "silence add --threshold NAME [--country NAME] --until DATE --reason TEXT [--json] [-c FILE]\n"
	    "silence list [--all] [--json] [-c FILE]\n"
	    "silence remove [-c FILE] ID",
	    "hold back a threshold's alerts for a while, list or end such silences" },
	{ "chart", cli_chart, "chart --country NAME --indicator NAME [-o FILE.svg] [-c FILE]",
	    "one country's indicator over time, as the dashboard's SVG chart" },
	{ "test-alert", cli_test_alert, "test-alert [-c FILE] [NAME]",
	    "a marked test alert to one or all destinations" },
};

/* Each line of usage as "FIRSTrightswatch LINE", then what, indented. */
static void
main_usage_one(FILE *fp, const char *first, const char *usage, const char *what)
{
	const char *l = usage;
	size_t n;

	for (int i = 0; *l != '\0'; i++) {
		n = strcspn(l, "\n");
		fprintf(fp, "%*s%s rightswatch %.*s\n", i == 0 ? 0 : (int)strlen(first), "",
		    i == 0 ? first : "", (int)n, l);
		l += n + (l[n] == '\n');
	}
	fprintf(fp, "%*s      %s\n", (int)strlen(first), "", what);
}

static void
main_usage(FILE *fp)
{
	fprintf(fp, "usage: rightswatch COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(main_commands) / sizeof(main_commands[0]); i++)
		main_usage_one(fp, " ", main_commands[i].usage, main_commands[i].what);
	fprintf(fp, "\nrightswatch COMMAND --help prints one command's usage; "
	    "rightswatch --version the version.\nSee rightswatch(8) and rightswatch.ini(5).\n");
}

int
main(int argc, char **argv)
{
	log_init("rightswatch", LOG_LEVEL_INFO);
	if (argc < 2) {
		main_usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		main_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("rightswatch %s\n", RW_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(main_commands) / sizeof(main_commands[0]); i++) {
		if (strcmp(argv[1], main_commands[i].name) != 0)
			continue;
		/* Every command answers -h and --help the same way. */
		if (argc == 3 && (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0)) {
			main_usage_one(stdout, "usage:", main_commands[i].usage,
			    main_commands[i].what);
			return 0;
		}
		return main_commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "rightswatch: unknown command '%s'\n", argv[1]);
	main_usage(stderr);
	return 2;
}
