/*
 * notify_exec — run notifier commands on the loop (see notify_exec.h).
 *
 * One struct job per command: its pid (the id of its process group), a
 * pidfd (or a waitid poll timer), our end of the stdin socket pair with the
 * payload still to write, the output pipe with the bytes kept, its
 * environment, and the timeout and kill timers. The job ends when the
 * child is reaped: what remains of its output is read without waiting (a
 * grandchild may hold the pipe open forever), every descriptor and event is
 * released and the callback runs. A command that timed out is reaped only
 * after its whole group got SIGKILL, so its pid cannot name another group
 * meanwhile. The runner (struct
 * notify_exec) owns the jobs; `depth` and `dying` let notify_exec_free run
 * from inside a callback.
 */
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "rightswatch/notify_exec.h"

struct job {
	struct notify_exec *e;
	struct job *prev, *next;
	pid_t pid;
	int pidfd;                  /* -1 when polling with waitpid */
	int in_fd, err_fd;          /* -1 once closed */
	char *payload;
	size_t len, off;
	char errbuf[NOTIFY_EXEC_OUTPUT_MAX + 1];
	size_t errlen;
	char **envp;                /* built before the fork: nothing is allocated after it */
	int timed_out;
	int exited;                 /* the leader ended during the grace time: not reaped yet */
	int64_t grace;              /* seconds */
	struct event *ev_in, *ev_err, *ev_exit, *ev_timeout, *ev_kill;
	notify_exec_done_fn *done;
	void *arg;
};

struct notify_exec {
	struct event_base *base;
	struct job *jobs;
	size_t n;
	int depth, dying;
};

static void exec_env_free(char **envp);

static void
job_events_free(struct job *j)
{
	struct event **evs[] = { &j->ev_in, &j->ev_err, &j->ev_exit, &j->ev_timeout, &j->ev_kill };

	for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
		if (*evs[i]) {
			event_free(*evs[i]);
			*evs[i] = NULL;
		}
}

static void
job_close(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

/* Keep the first bytes of the output, drop the rest; 1 at EOF or error. */
static int
job_read_err(struct job *j)
{
	char tmp[1024];

	for (;;) {
		ssize_t n = read(j->err_fd, tmp, sizeof(tmp));

		if (n > 0) {
			size_t keep = NOTIFY_EXEC_OUTPUT_MAX - j->errlen;

			if ((size_t)n < keep)
				keep = (size_t)n;
			memcpy(j->errbuf + j->errlen, tmp, keep);
			j->errlen += keep;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		return !(n == -1 && errno == EAGAIN);
	}
}

/* Unlink j, report r, free j. */
static void
job_report(struct job *j, struct notify_exec_result *r)
{
	struct notify_exec *e = j->e;

	if (j->prev)
		j->prev->next = j->next;
	else
		e->jobs = j->next;
	if (j->next)
		j->next->prev = j->prev;
	e->n--;
	job_events_free(j);
	job_close(&j->in_fd);
	job_close(&j->err_fd);
	job_close(&j->pidfd);
	/* The output is untrusted: the caller escapes it before logging. */
	j->errbuf[j->errlen] = '\0';
	r->output = j->errbuf;
	r->outlen = j->errlen;
	e->depth++;
	j->done(r, j->arg);
	e->depth--;
	exec_env_free(j->envp);
	free(j->payload);
	free(j);
}

/* The child is reaped with wait status st: report. */
static void
job_finish(struct job *j, int st)
{
	struct notify_exec_result r;

	memset(&r, 0, sizeof(r));
	r.exit_status = -1;
	r.timed_out = j->timed_out;
	if (j->err_fd != -1)
		job_read_err(j);
	if (WIFEXITED(st)) {
		r.exit_status = WEXITSTATUS(st);
		r.ok = r.exit_status == 0 && !j->timed_out;
	} else if (WIFSIGNALED(st))
		r.signal = WTERMSIG(st);
	if (j->timed_out)
		snprintf(r.errmsg, sizeof(r.errmsg), "timed out%s", r.signal == SIGKILL ? " (killed)" : "");
	else if (r.signal)
		snprintf(r.errmsg, sizeof(r.errmsg), "killed by signal %d", r.signal);
	else if (!r.ok)
		snprintf(r.errmsg, sizeof(r.errmsg), "exit status %d", r.exit_status);
	job_report(j, &r);
}

/* Reap the leader (it has ended) and report. */
static void
job_reap(struct job *j)
{
	struct notify_exec *e = j->e;
	int st = 0;

	while (waitpid(j->pid, &st, 0) == -1 && errno == EINTR)
		;
	job_finish(j, st);
	if (e->dying && e->depth == 0)
		notify_exec_free(e);
}

static void
job_try_reap(struct job *j)
{
	siginfo_t si;

	/* WNOWAIT: looked at, not reaped, so the pid stays the group's. */
	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, (id_t)j->pid, &si, WEXITED | WNOHANG | WNOWAIT) == -1 &&
	    errno == EINTR)
		;
	if (si.si_pid != j->pid)
		return;
	if (j->timed_out && evtimer_pending(j->ev_kill, NULL)) {
		/* The leader obeyed SIGTERM; its group may not have: the kill
		 * timer ends the group, then reaps. */
		j->exited = 1;
		event_del(j->ev_exit);
		return;
	}
	job_reap(j);
}

static void
on_exit_ev(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	job_try_reap(arg);
}

static void
on_stdin(evutil_socket_t fd, short what, void *arg)
{
	struct job *j = arg;

	(void)fd;
	(void)what;
	while (j->off < j->len) {
		ssize_t n = send(j->in_fd, j->payload + j->off, j->len - j->off, MSG_NOSIGNAL);

		if (n > 0) {
			j->off += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return;
		break; /* the child closed its stdin: its exit status decides */
	}
	event_del(j->ev_in);
	job_close(&j->in_fd);
}

static void
on_stderr(evutil_socket_t fd, short what, void *arg)
{
	struct job *j = arg;

	(void)fd;
	(void)what;
	if (job_read_err(j)) {
		event_del(j->ev_err);
		job_close(&j->err_fd);
	}
}

static void
on_kill(evutil_socket_t fd, short what, void *arg)
{
	struct job *j = arg;

	(void)fd;
	(void)what;
	/* The leader is not reaped yet: the group's id is still its own. */
	kill(-j->pid, SIGKILL);
	if (j->exited)
		job_reap(j);
}

static void
on_timeout(evutil_socket_t fd, short what, void *arg)
{
	struct job *j = arg;
	struct timeval tv = { (time_t)j->grace, 0 };

	(void)fd;
	(void)what;
	/* Not yet reaped, so the pid cannot have been reused: the whole
	 * group (grandchildren included) is told to stop. */
	j->timed_out = 1;
	kill(-j->pid, SIGTERM);
	evtimer_add(j->ev_kill, &tv);
}

/* Async-signal-safe: the child after fork writes why exec failed. */
static void
child_fail(const char *prog, int err)
{
	const char *why = err == ENOENT ? "no such file" : err == EACCES ? "permission denied" :
	    err == ENOEXEC ? "not an executable" : "cannot execute";

	if (write(2, "exec ", 5) < 0 || write(2, prog, strlen(prog)) < 0 ||
	    write(2, ": ", 2) < 0 || write(2, why, strlen(why)) < 0 || write(2, "\n", 1) < 0)
		_exit(127);
	_exit(127);
}

/* In the child: a process group of its own, stdin and the output in
 * place, nothing else open, default signals (the daemon ignores SIGPIPE; an
 * ignored signal survives exec), the minimal environment. */
static void
child_exec(char *const argv[], char *const envp[], int in, int out)
{
	sigset_t all;

	setpgid(0, 0);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(out, 2) == -1)
		_exit(127);
	if (close_range(3, ~0U, 0) == -1)
		for (int fd = 3; fd < 4096; fd++)
			close(fd);
	/* The program is searched in the PATH given to it, the daemon's. */
	execvpe(argv[0], argv, envp);
	child_fail(argv[0], errno);
}

static void
exec_env_free(char **envp)
{
	for (size_t i = 0; envp != NULL && envp[i] != NULL; i++)
		free(envp[i]);
	free(envp);
}

/* PATH, LANG and extra's "NAME=value" strings (one without '=' is
 * skipped), NULL-terminated; NULL when out of memory. */
static char **
exec_env(const char *const *extra)
{
	const char *path = getenv("PATH"), *lang = getenv("LANG");
	size_t n = 0, k = 0;
	char **envp;

	while (extra != NULL && extra[n] != NULL)
		n++;
	if ((envp = calloc(n + 3, sizeof(*envp))) == NULL)
		return NULL;
	if (asprintf(&envp[k++], "PATH=%s", path != NULL ? path : NOTIFY_EXEC_PATH) == -1 ||
	    asprintf(&envp[k++], "LANG=%s", lang != NULL ? lang : NOTIFY_EXEC_LANG) == -1) {
		envp[k - 1] = NULL;
		exec_env_free(envp);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (strchr(extra[i], '=') == NULL || extra[i][0] == '=')
			continue;
		if ((envp[k] = strdup(extra[i])) == NULL) {
			exec_env_free(envp);
			return NULL;
		}
		k++;
	}
	return envp;
}

static int
exec_pidfd_open(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

struct notify_exec *
notify_exec_new(struct event_base *base)
{
	struct notify_exec *e;

	if (base == NULL || (e = calloc(1, sizeof(*e))) == NULL)
		return NULL;
	e->base = base;
	return e;
}

int
notify_exec_run(struct notify_exec *e, const struct notify_exec_request *req,
    notify_exec_done_fn *done, void *arg)
{
	/* execvp's prototype predates const; it does not write the strings. */
	union { const char *const *c; char *const *m; } av;
	struct job *j;
	int sp[2] = { -1, -1 }, ep[2] = { -1, -1 };
	struct timeval tv;
	int64_t timeout;

	if (e == NULL || req == NULL || req->argv == NULL || req->argv[0] == NULL || done == NULL ||
	    e->dying || (req->payload == NULL && req->len > 0))
		return -1;
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return -1;
	j->e = e;
	j->pid = -1;
	j->pidfd = j->in_fd = j->err_fd = -1;
	j->done = done;
	j->arg = arg;
	j->len = req->len;
	j->grace = req->grace > 0 ? req->grace : NOTIFY_EXEC_GRACE;
	timeout = req->timeout > 0 ? req->timeout : NOTIFY_EXEC_TIMEOUT;
	if ((j->payload = malloc(req->len + 1)) == NULL || (j->envp = exec_env(req->env)) == NULL)
		goto fail;
	if (req->len)
		memcpy(j->payload, req->payload, req->len);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) == -1 ||
	    pipe2(ep, O_CLOEXEC) == -1)
		goto fail;
	/* Events are made before the fork so that nothing can fail after it. */
	if ((j->ev_err = event_new(e->base, ep[0], EV_READ | EV_PERSIST, on_stderr, j)) == NULL ||
	    (j->ev_in = event_new(e->base, sp[0], EV_WRITE | EV_PERSIST, on_stdin, j)) == NULL ||
	    (j->ev_timeout = evtimer_new(e->base, on_timeout, j)) == NULL ||
	    (j->ev_kill = evtimer_new(e->base, on_kill, j)) == NULL)
		goto fail;
	av.c = req->argv;
	if ((j->pid = fork()) == -1)
		goto fail;
	if (j->pid == 0)
		child_exec(av.m, j->envp, sp[1], ep[1]);
	/* Also here: a timeout may come before the child ran its own. */
	setpgid(j->pid, j->pid);
	close(sp[1]);
	close(ep[1]);
	j->in_fd = sp[0];
	j->err_fd = ep[0];
	fcntl(j->in_fd, F_SETFL, O_NONBLOCK);
	fcntl(j->err_fd, F_SETFL, O_NONBLOCK);
	if ((j->pidfd = exec_pidfd_open(j->pid)) != -1)
		j->ev_exit = event_new(e->base, j->pidfd, EV_READ | EV_PERSIST, on_exit_ev, j);
	else
		j->ev_exit = event_new(e->base, -1, EV_PERSIST, on_exit_ev, j);
	if (j->ev_exit == NULL) {
		/* The child runs already: stop it rather than lose track of it. */
		kill(-j->pid, SIGKILL);
		while (waitpid(j->pid, NULL, 0) == -1 && errno == EINTR)
			;
		goto fail;
	}
	tv.tv_sec = 0;
	tv.tv_usec = NOTIFY_EXEC_POLL_MS * 1000;
	event_add(j->ev_exit, j->pidfd != -1 ? NULL : &tv);
	event_add(j->ev_err, NULL);
	if (j->len > 0)
		event_add(j->ev_in, NULL);
	else
		job_close(&j->in_fd);
	tv.tv_sec = (time_t)timeout;
	tv.tv_usec = 0;
	evtimer_add(j->ev_timeout, &tv);
	if ((j->next = e->jobs) != NULL)
		j->next->prev = j;
	e->jobs = j;
	e->n++;
	return 0;
fail:
	job_events_free(j);
	if (j->pid <= 0) {
		if (sp[1] != -1)
			close(sp[1]);
		if (ep[1] != -1)
			close(ep[1]);
	}
	if (sp[0] != -1)
		close(sp[0]);
	if (ep[0] != -1)
		close(ep[0]);
	exec_env_free(j->envp);
	free(j->payload);
	free(j);
	return -1;
}

size_t
notify_exec_running(const struct notify_exec *e)
{
	return e ? e->n : 0;
}

void
notify_exec_free(struct notify_exec *e)
{
	if (e == NULL)
		return;
	if (!e->dying) {
		e->dying = 1;
		e->depth++;
		while (e->jobs) {
			struct job *j = e->jobs;
			struct notify_exec_result r;

			kill(-j->pid, SIGKILL);
			while (waitpid(j->pid, NULL, 0) == -1 && errno == EINTR)
				;
			memset(&r, 0, sizeof(r));
			r.exit_status = -1;
			r.signal = SIGKILL;
			r.cancelled = 1;
			snprintf(r.errmsg, sizeof(r.errmsg), "cancelled");
			job_report(j, &r);
		}
		e->depth--;
	}
	if (e->depth == 0)
		free(e);
}
