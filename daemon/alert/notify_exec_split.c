/*
 * notify_exec_split — the pure part of the command transport (declared in
 * notify_exec.h): a configuration value into an argv, shell-like but with
 * no shell: words split at blanks, "double" and 'single' quotes group, a
 * backslash (outside single quotes) makes the next character literal.
 * Nothing is expanded: no variables, globs, redirections or pipes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/notify_exec.h"

void
notify_exec_argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static int
split_fail(char **argv, struct buf *w, char *err, size_t errlen, const char *why)
{
	notify_exec_argv_free(argv);
	buf_free(w);
	if (err && errlen)
		snprintf(err, errlen, "%s", why);
	return -1;
}

int
notify_exec_split(const char *cmd, char ***out, char *err, size_t errlen)
{
	char **argv;
	size_t n = 0;
	struct buf w = { 0 };
	const char *p = cmd ? cmd : "";

	*out = NULL;
	if ((argv = calloc(NOTIFY_EXEC_MAX_ARGS + 1, sizeof(*argv))) == NULL)
		return split_fail(NULL, &w, err, errlen, "out of memory");
	for (;;) {
		int inword = 0;
		char quote = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		buf_reset(&w);
		for (; *p; p++) {
			char c = *p;

			if (quote == '\'') {
				if (c == '\'') {
					quote = 0;
					continue;
				}
			} else if (c == '\\') {
				if (p[1] == '\0')
					return split_fail(argv, &w, err, errlen, "trailing backslash");
				c = *++p;
			} else if (quote == '"') {
				if (c == '"') {
					quote = 0;
					continue;
				}
			} else if (c == '"' || c == '\'') {
				quote = c;
				inword = 1;
				continue;
			} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
				break;
			inword = 1;
			if (buf_putc(&w, c) == -1)
				return split_fail(argv, &w, err, errlen, "out of memory");
		}
		if (quote)
			return split_fail(argv, &w, err, errlen, "unterminated quote");
		if (!inword)
			continue;
		if (n == NOTIFY_EXEC_MAX_ARGS)
			return split_fail(argv, &w, err, errlen, "too many words");
		/* An empty quoted word ("") is a real, empty argument. */
		if ((argv[n] = w.data ? buf_detach(&w) : strdup("")) == NULL)
			return split_fail(argv, &w, err, errlen, "out of memory");
		n++;
	}
	buf_free(&w);
	if (n == 0)
		return split_fail(argv, &w, err, errlen, "empty command");
	*out = argv;
	return 0;
}
