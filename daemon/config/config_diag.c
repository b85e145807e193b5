/*
 * config_diag — how the configuration reports a problem: one
 * "FILE:LINE: message" (or "FILE: message") line through the caller's
 * diagnostic callback, counted so that the parse fails at its end. The
 * parser (config.c) and the section tables (config_sections.c) both report
 * through here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "config_int.h"

void
config_err(struct config_parse *p, int line, const char *fmt, ...)
{
	struct buf b = { 0 };
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->nerr++;
	if (p->diag == NULL)
		return;
	if ((line > 0 ? buf_printf(&b, "%s:%d: %s", p->cf->path, line, msg) :
	    buf_printf(&b, "%s: %s", p->cf->path, msg)) == -1) {
		p->oom = 1;
		return;
	}
	p->diag(b.data, p->arg);
	buf_free(&b);
}

void
config_diag_path(config_diag_fn *diag, void *arg, const char *path, const char *msg,
    int errnum)
{
	struct buf b = { 0 };

	if (diag == NULL)
		return;
	if (buf_printf(&b, "%s: %s%s%s", path, msg, errnum ? ": " : "",
	    errnum ? strerror(errnum) : "") == 0)
		diag(b.data, arg);
	buf_free(&b);
}
