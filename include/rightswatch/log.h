/*
 * log — leveled messages on stderr (journald collects them under systemd),
 * each line starting with its time unless stderr is the journal.
 *
 * log_warn appends strerror(errno); log_warnx does not. fatal/fatalx are
 * only for broken invariants: they abort. Untrusted text must go through
 * escape_log() (escape.h) before it reaches a format argument.
 */
#ifndef RW_LOG_H
#define RW_LOG_H

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARNING,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

/* Set the program name and level; may be called again (reload). */
void log_init(const char *progname, int level);
void log_setlevel(int level);
int log_getlevel(void);
/* "error", "warning", "info", "debug" -> level; -1 when unknown. */
int log_level_parse(const char *name);
const char *log_level_name(int level);
/* Is fd journald's stream? 1 when journal_stream (the value of
 * $JOURNAL_STREAM, "DEVICE:INODE") names fd's device and inode, else 0.
 * Then log lines carry a priority prefix and no time of their own. */
int log_is_journal(const char *journal_stream, int fd);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
