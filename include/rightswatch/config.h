/*
 * config — the INI configuration: parsing, validation, defaults.
 *
 * config_load reads a file and returns a fully validated struct config, or
 * NULL after reporting every problem as "FILE:LINE: message" through the
 * caller's diagnostic callback (it keeps going after the first error, like
 * OpenBSD's config tests). The struct is plain data owned by the caller and
 * released with config_free; nothing in it points into another config, so a
 * reload can build a new one, validate it, then swap.
 */
#ifndef RW_CONFIG_H
#define RW_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/config_types.h"
#include "rightswatch/version.h"

/* Defaults of the keys; those of the network keys (timeout, max_body,
 * max_parallel, per_host) are the http module's own (HTTP_DEFAULT_*). */
#define CONFIG_DEFAULT_INTERVAL   (15 * 60)          /* seconds */
#define CONFIG_DEFAULT_MAX_ITEMS  50
#define CONFIG_DEFAULT_NOTIFY_TIMEOUT 30              /* seconds */
#define CONFIG_DEFAULT_KEEP_REVISIONS 5
#define CONFIG_MAX_LINE           4096               /* bytes per physical line */
/* Without a state key: $STATE_DIRECTORY/rightswatch.db, else this directory. */
#define CONFIG_DEFAULT_STATE_DIR  "/var/lib/rightswatch"
#define CONFIG_DEFAULT_STATE_FILE "rightswatch.db"
/* Names the program and where to reach its authors (version.h). */
#define CONFIG_DEFAULT_USER_AGENT "rightswatch/" RW_VERSION " (+" RW_URL ")"

/* Receives one "FILE:LINE: message" (no newline) per problem. */
typedef void config_diag_fn(const char *msg, void *arg);

/* Read and validate path. Returns a config (free with config_free) or NULL
 * when any problem was found; every problem goes to diag (may be NULL). */
struct config *config_load(const char *path, config_diag_fn *diag, void *arg);
/* The same over a buffer already in memory; path names it in messages and
 * its directory (as written: config_load makes it absolute) anchors
 * relative paths. env_state / env_creds stand for $STATE_DIRECTORY
 * and $CREDENTIALS_DIRECTORY (NULL when unset), so the parser stays pure. */
struct config *config_parse(const char *text, size_t len, const char *path,
    const char *env_state, const char *env_creds, config_diag_fn *diag, void *arg);
void config_free(struct config *cf);

/* What `run` verifies before it starts, beyond the file's syntax
 * (config_verify.c): there is a source; every threshold has somewhere to
 * send its alerts; the state file can be opened or created; the baselines
 * CSV parses and names known indicators and watched countries; password
 * files can be read and neither their group nor others may read them; no
 * password would cross in plain text (starttls = try or never over
 * smtp://, but to a loopback relay). Errors go to diag,
 * warnings (which do not stop a start: no threshold, no country, a
 * threshold with no baseline of its kind yet, a password file that cannot
 * be checked here) to warn, each "FILE[:LINE]: message"; either may be
 * NULL. Touches nothing. Returns the number of errors: `check` and `run`
 * refuse exactly when it is not 0. */
int config_verify(const struct config *cf, config_diag_fn *diag, config_diag_fn *warn,
    void *arg);

/* "30s", "10m", "1h", "1d" (a bare number is seconds) -> seconds; -1 on error. */
int64_t config_parse_duration(const char *s);
/* "512KiB", "8MiB", "1GiB", "100kB", "2MB" (a bare number is bytes) -> bytes; -1 on error. */
int64_t config_parse_size(const char *s);

/* Receives one key the parser accepts: the section kind ("daemon",
 * "source", ...) and the key's name, both static strings. */
typedef void config_key_fn(const char *section, const char *key, void *arg);
/* Call fn on every key of every section kind, in the parser's table order
 * (the manual page test checks each is documented). */
void config_keys_each(config_key_fn *fn, void *arg);

#endif
