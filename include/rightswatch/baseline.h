/*
 * baseline — loading a configuration's baselines into the store: the
 * [baseline] sections (configured) and the [daemon] baselines CSV file
 * (imported). Errors are logged or reported through the caller's diag.
 */
#ifndef RW_BASELINE_H
#define RW_BASELINE_H

#include <stddef.h>

struct config;
struct store;

/* Load cf's baselines into st: [baseline] sections replace the configured
 * ones, the [daemon] baselines CSV is imported. 0, or -1 after logging why
 * (nothing changed then). */
int baseline_load(struct store *st, const struct config *cf);

/* Import the baselines CSV file at path (all or nothing): every problem
 * goes to diag as one line; the counts to *nrows, *added, *updated (each
 * may be NULL). 0, or -1. */
int baseline_import_csv(struct store *st, const char *path, size_t *nrows, size_t *added,
    size_t *updated, void (*diag)(void *arg, const char *msg), void *arg);

#endif
