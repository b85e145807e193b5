/*
 * notify_exec — the command transport of the notifiers: run a program
 * without a shell, write a payload (the alert JSON) to its stdin, and report
 * how it ended, all on the daemon's event_base without blocking it.
 *
 * The child gets stdin from a socket pair (so a child that stops reading
 * cannot raise SIGPIPE in the daemon), stdout and stderr on one pipe of
 * which the first NOTIFY_EXEC_OUTPUT_MAX bytes are kept (for the log and
 * the error message); every other descriptor is closed. Its environment is
 * only PATH and LANG (the daemon's, or defaults) and the request's own
 * variables: nothing of the service's (CREDENTIALS_DIRECTORY, NOTIFY_SOCKET
 * ...) leaks to it. It leads a process group of its own: on timeout the
 * whole group gets SIGTERM, then SIGKILL after the grace time, so a
 * grandchild that ignores SIGTERM dies too; the leader is not reaped
 * before that (its pid, the group's id, cannot be reused meanwhile). Its
 * exit is noticed through a pidfd (Linux >= 5.3), or by polling waitid
 * every NOTIFY_EXEC_POLL_MS when pidfd_open is missing; no SIGCHLD handler
 * is installed.
 *
 * notify_exec_split, the pure part, turns a configuration value into argv.
 */
#ifndef RW_NOTIFY_EXEC_H
#define RW_NOTIFY_EXEC_H

#include <stddef.h>
#include <stdint.h>

struct event_base;
struct notify_exec;

#define NOTIFY_EXEC_OUTPUT_MAX  4096  /* bytes of output (stdout and stderr) kept */
#define NOTIFY_EXEC_PATH        "/usr/local/bin:/usr/bin:/bin" /* when the daemon has no PATH */
#define NOTIFY_EXEC_LANG        "C.UTF-8"                      /* when the daemon has no LANG */
#define NOTIFY_EXEC_TIMEOUT     30    /* seconds, default */
#define NOTIFY_EXEC_GRACE       2     /* seconds between SIGTERM and SIGKILL */
#define NOTIFY_EXEC_POLL_MS     100   /* waitpid period without pidfd */
#define NOTIFY_EXEC_MAX_ARGS    64

/* Split cmd into words at blank space; "double" and 'single' quotes group
 * (no escapes inside single quotes; inside double quotes and outside, a
 * backslash makes the next character literal). *argv is a NULL-terminated
 * array (free with notify_exec_argv_free). 0, or -1 with a reason in err
 * (unterminated quote, trailing backslash, no words, too many, out of memory). */
int notify_exec_split(const char *cmd, char ***argv, char *err, size_t errlen);
void notify_exec_argv_free(char **argv);

struct notify_exec_request {
	const char *const *argv;  /* argv[0] is the program: a path, or searched in PATH */
	const char *payload;      /* written to stdin, then stdin is closed; may be NULL */
	size_t len;
	int64_t timeout;          /* seconds; 0: NOTIFY_EXEC_TIMEOUT */
	int64_t grace;            /* seconds after SIGTERM before SIGKILL; 0: NOTIFY_EXEC_GRACE */
	const char *const *env;   /* "NAME=value" added to PATH and LANG, NULL-terminated,
	                             or NULL; copied */
};

struct notify_exec_result {
	int ok;               /* exited with status 0 (and was not timed out) */
	int exit_status;      /* exit status, or -1 when killed by a signal or never run */
	int signal;           /* the signal that ended it, or 0 */
	int timed_out;        /* the timeout fired */
	int cancelled;        /* notify_exec_free while it ran */
	char errmsg[256];     /* a reason when !ok */
	const char *output;   /* the first bytes of its stdout and stderr (NUL-terminated) */
	size_t outlen;
};

/* Called once per run, on the loop. r is valid during the call only. */
typedef void notify_exec_done_fn(const struct notify_exec_result *r, void *arg);

/* A runner on base; NULL on out of memory. */
struct notify_exec *notify_exec_new(struct event_base *base);
/* Start a command; done runs later on the loop (never from inside this
 * call). A program that cannot be executed is reported through done (exit
 * status 127 and the reason). Returns -1 when nothing was started and nothing
 * will be called (bad request, out of memory, fork failed, free under way). */
int notify_exec_run(struct notify_exec *e, const struct notify_exec_request *req,
    notify_exec_done_fn *done, void *arg);
/* Commands started and not yet reported. */
size_t notify_exec_running(const struct notify_exec *e);
/* Kill (SIGKILL) and reap every running command, report each as cancelled
 * from inside this call, and free. NULL is allowed; may be called from a
 * callback. */
void notify_exec_free(struct notify_exec *e);

#endif
