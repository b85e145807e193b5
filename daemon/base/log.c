/*
 * log — leveled messages on stderr. When stderr is journald's stream
 * ($JOURNAL_STREAM names stderr's device and inode, as systemd sets it),
 * each line is prefixed by a syslog-style priority ("<4>"), so `journalctl
 * -p warning` works without a syslog dependency here, and the journal adds
 * the time; anywhere else (a terminal, a file, a pipe, a child of the
 * service whose stderr was redirected) each line starts with the time, UTC
 * in RFC 3339.
 * Whatever a caller formats, the line that leaves holds no control
 * character and no invalid UTF-8 (escape_controls): untrusted text a
 * caller forgot to escape can neither split nor reorder it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/log.h"

static const char *log_progname = "rightswatch";
static int log_current = LOG_LEVEL_INFO;
static int log_journal = -1; /* stderr is journald's stream; -1: not yet known */

static const struct {
	const char *name;
	int prio; /* RFC 5424 severity for the journald prefix */
} log_levels[] = {
	[LOG_LEVEL_ERROR] = { "error", 3 },
	[LOG_LEVEL_WARNING] = { "warning", 4 },
	[LOG_LEVEL_INFO] = { "info", 6 },
	[LOG_LEVEL_DEBUG] = { "debug", 7 },
};

void
log_init(const char *progname, int level)
{
	if (progname != NULL)
		log_progname = progname;
	log_setlevel(level);
}

void
log_setlevel(int level)
{
	if (level >= LOG_LEVEL_ERROR && level <= LOG_LEVEL_DEBUG)
		log_current = level;
}

int
log_getlevel(void)
{
	return log_current;
}

int
log_level_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(log_levels) / sizeof(log_levels[0]); i++)
		if (strcasecmp(name, log_levels[i].name) == 0)
			return (int)i;
	if (strcasecmp(name, "warn") == 0)
		return LOG_LEVEL_WARNING;
	return -1;
}

const char *
log_level_name(int level)
{
	if (level < LOG_LEVEL_ERROR || level > LOG_LEVEL_DEBUG)
		return "unknown";
	return log_levels[level].name;
}

int
log_is_journal(const char *journal_stream, int fd)
{
	unsigned long long dev, ino;
	struct stat sb;
	int end = 0;

	/* "DEVICE:INODE" in decimal (systemd.exec(5)). */
	if (journal_stream == NULL ||
	    sscanf(journal_stream, "%llu:%llu%n", &dev, &ino, &end) != 2 ||
	    journal_stream[end] != '\0' || fstat(fd, &sb) == -1)
		return 0;
	return (unsigned long long)sb.st_dev == dev && (unsigned long long)sb.st_ino == ino;
}

static void
log_vemit(int level, const char *suffix, const char *fmt, va_list ap)
{
	char raw[2048], msg[4096], when[32];

	if (level > log_current)
		return;
	if (log_journal < 0)
		log_journal = log_is_journal(getenv("JOURNAL_STREAM"), STDERR_FILENO);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	escape_controls(msg, sizeof(msg), raw);
	if (log_journal)
		fprintf(stderr, "<%d>", log_levels[level].prio);
	else
		fprintf(stderr, "%s ", date_format_rfc3339((int64_t)time(NULL), when));
	fprintf(stderr, "%s: %s: %s%s%s\n", log_progname, log_levels[level].name,
	    msg, suffix != NULL ? ": " : "", suffix != NULL ? suffix : "");
}

#define LOG_FN(fn, level)                                  \
	void fn(const char *fmt, ...)                      \
	{                                                  \
		va_list ap;                                \
		va_start(ap, fmt);                         \
		log_vemit(level, NULL, fmt, ap);           \
		va_end(ap);                                \
	}

LOG_FN(log_error, LOG_LEVEL_ERROR)
LOG_FN(log_warnx, LOG_LEVEL_WARNING)
LOG_FN(log_info, LOG_LEVEL_INFO)
LOG_FN(log_debug, LOG_LEVEL_DEBUG)

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	log_vemit(LOG_LEVEL_WARNING, strerror(saved), fmt, ap);
	va_end(ap);
	errno = saved;
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vemit(LOG_LEVEL_ERROR, NULL, fmt, ap);
	va_end(ap);
	abort();
}
