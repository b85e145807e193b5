/*
 * config_verify — what `run` checks before it starts, beyond the file's
 * own syntax, so that `check` is the truth: `check` runs these same checks
 * and exits non-zero exactly when `run` would refuse to start. One table
 * of checks, each reporting "FILE:LINE: message" (the line of the key at
 * fault) through the caller's callbacks: errors, which refuse the start
 * (and a reload), and warnings, which do not (a configuration that works
 * but will not do all it seems to say).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/baseline.h"
#include "rightswatch/baseline_csv.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "rightswatch/dest_email.h"
#include "rightswatch/rules.h"
#include "rightswatch/secret.h"
#include "rightswatch/store.h"

struct verify {
	const struct config *cf;
	config_diag_fn *diag;
	config_diag_fn *warn;
	void *arg;
	int errors;
	struct baseline_csv_rows csv; /* the baselines file's rows, once read */
	int csv_read;                 /* 1: csv holds a file that passed */
};

/* Report at line (0: the file alone) as an error (warn 0) or a warning. */
static void verify_say(struct verify *v, int warn, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
verify_say(struct verify *v, int warn, int line, const char *fmt, ...)
{
	struct buf b = { 0 };
	char msg[768];
	va_list ap;
	config_diag_fn *fn = warn ? v->warn : v->diag;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!warn)
		v->errors++;
	if (fn == NULL)
		return;
	if ((line > 0 ? buf_printf(&b, "%s:%d: %s%s", v->cf->path, line, warn ? "warning: " : "",
	    msg) : buf_printf(&b, "%s: %s%s", v->cf->path, warn ? "warning: " : "", msg)) == 0)
		fn(b.data, v->arg);
	buf_free(&b);
}

/* Something to watch: at least one source. */
static void
verify_sources(struct verify *v)
{
	if (v->cf->nsources == 0)
		verify_say(v, 0, 0, "nothing to watch: no [source NAME] section");
}

/* Every threshold can tell someone: destinations exist. */
static void
verify_destinations(struct verify *v)
{
	const struct config *cf = v->cf;

	if (cf->nnotifies > 0)
		return;
	for (size_t i = 0; i < cf->nthresholds; i++)
		verify_say(v, 0, cf->thresholds[i].line, "[threshold %s]: no destination for its "
		    "alerts: the file has no [notify NAME] section", cf->thresholds[i].name);
}

/* The state file can be opened, or created where it is to be. */
static void
verify_state(struct verify *v)
{
	char err[512];
	int create, line = config_line(v->cf, "daemon", NULL, "state");

	if (store_file_check(v->cf->state, &create, err, sizeof(err)) == -1)
		verify_say(v, 0, line, "state%s: %s", line > 0 ? "" : " (the default)", err);
}

/* The baselines file: every row parses and names a known indicator and a
 * watched country (reported at its own FILE:LINE). */
static void
verify_csv_diag(void *arg, const char *msg)
{
	struct verify *v = arg;

	v->errors++;
	if (v->diag != NULL)
		v->diag(msg, v->arg);
}

static void
verify_baselines(struct verify *v)
{
	int line = config_line(v->cf, "daemon", NULL, "baselines"), r;
	FILE *fp;

	if (v->cf->baselines == NULL)
		return;
	if ((fp = fopen(v->cf->baselines, "r")) == NULL) {
		verify_say(v, 0, line, "baselines: cannot read %s: %m", v->cf->baselines);
		return;
	}
	fclose(fp);
	if ((r = baseline_csv_read(v->cf->baselines, v->cf, &v->csv, verify_csv_diag, v)) < 0)
		verify_say(v, 0, line, "baselines: out of memory");
	else if (r > 0)
		verify_say(v, 0, line, "baselines: %s is refused (%d problem%s above); "
		    "nothing of it would be imported", v->cf->baselines, r, r == 1 ? "" : "s");
	else
		v->csv_read = 1;
}

/* A password file the mail destination could read at its first send. */
static void
verify_credentials(struct verify *v)
{
	const struct config *cf = v->cf;

	for (size_t i = 0; i < cf->nnotifies; i++) {
		const struct config_notify *n = &cf->notifies[i];
		int line = config_line(cf, "notify", n->name, "password_file");
		char err[512], *secret;

		if (n->password_file == NULL)
			continue;
		if (n->password_file[0] != '/') {
			verify_say(v, 1, line, "[notify %s] password_file: not checked: "
			    "${CREDENTIALS_DIRECTORY} is not set here (systemd sets it for the "
			    "service)", n->name);
			continue;
		}
		if ((secret = secret_read(n->password_file, err, sizeof(err))) == NULL) {
			verify_say(v, 0, line, "[notify %s] %s", n->name, err);
			continue;
		}
		explicit_bzero(secret, strlen(secret));
		free(secret);
	}
}

/* A mail destination whose password would cross in plain text
 * (dest_email.c's rule, which the destination also refuses to start
 * with): at the line of starttls. */
static void
verify_plain_password(struct verify *v)
{
	const struct config *cf = v->cf;

	for (size_t i = 0; i < cf->nnotifies; i++) {
		const struct config_notify *n = &cf->notifies[i];
		char why[320];

		if (dest_email_plain_password(n, why, sizeof(why)))
			verify_say(v, 0, config_line(cf, "notify", n->name, "starttls"),
			    "[notify %s] %s", n->name, why);
	}
}

/* Without thresholds nothing is ever raised. */
static void
verify_thresholds(struct verify *v)
{
	if (v->cf->nthresholds == 0 && v->cf->nsources > 0)
		verify_say(v, 1, 0, "no [threshold NAME] section: figures are stored, but no "
		    "alert can be raised");
}

/* Without [country] sections every release is read, whatever it is about. */
static void
verify_countries(struct verify *v)
{
	if (v->cf->ncountries == 0 && v->cf->nsources > 0)
		verify_say(v, 1, 0, "no [country NAME] section: every release is read for "
		    "figures, whatever country it is about");
}

/* Is there a configured or imported baseline of t's kind? */
static int
verify_has_baseline(const struct verify *v, const struct config_threshold *t)
{
	const struct config *cf = v->cf;

	for (size_t i = 0; i < cf->nbaselines_cf; i++)
		if (strcasecmp(cf->baselines_cf[i].indicator, t->indicator) == 0 &&
		    (t->country == NULL || strcasecmp(cf->baselines_cf[i].country, t->country) == 0))
			return 1;
	for (size_t i = 0; v->csv_read && i < v->csv.n; i++)
		if (strcasecmp(v->csv.rows[i].indicator, t->indicator) == 0 &&
		    (t->country == NULL || strcasecmp(v->csv.rows[i].country, t->country) == 0))
			return 1;
	return 0;
}

/* A threshold comparing with a past period that nothing configured gives
 * yet: it waits for a release to report one. */
static void
verify_threshold_baselines(struct verify *v)
{
	for (size_t i = 0; i < v->cf->nthresholds; i++) {
		const struct config_threshold *t = &v->cf->thresholds[i];

		if (t->compare == RULES_VALUE || t->compare == RULES_PREVIOUS_REPORT ||
		    verify_has_baseline(v, t))
			continue;
		verify_say(v, 1, t->line, "[threshold %s]: no configured or imported %s%s%s "
		    "baseline yet: it compares with figures releases report (rightswatch "
		    "status lists what it still lacks)", t->name, t->country != NULL ?
		    t->country : "", t->country != NULL ? " " : "", t->indicator);
	}
}

/* The checks, in the order their messages come: those that find errors,
 * then those that only warn. */
static const struct {
	const char *what;
	void (*fn)(struct verify *v);
} verify_checks[] = {
	{ "sources", verify_sources },
	{ "destinations", verify_destinations },
	{ "state file", verify_state },
	{ "baselines file", verify_baselines },
	{ "credentials", verify_credentials },
	{ "password in plain text", verify_plain_password },
	/* warnings */
	{ "countries", verify_countries },
	{ "thresholds", verify_thresholds },
	{ "thresholds' baselines", verify_threshold_baselines },
};

int
config_verify(const struct config *cf, config_diag_fn *diag, config_diag_fn *warn, void *arg)
{
	struct verify v;

	memset(&v, 0, sizeof(v));
	v.cf = cf;
	v.diag = diag;
	v.warn = warn;
	v.arg = arg;
	for (size_t i = 0; i < sizeof(verify_checks) / sizeof(verify_checks[0]); i++)
		verify_checks[i].fn(&v);
	baseline_csv_rows_free(&v.csv);
	return v.errors;
}
