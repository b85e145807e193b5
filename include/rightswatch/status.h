/*
 * status — what `rightswatch status` shows and the daemon's /status serves:
 * each configured source's health, items, last and next poll and last
 * result; the thresholds lacking a baseline; the deliveries waiting in the
 * outbox; when the last release was seen and the last alert raised (also
 * the daemon's STATUS= line for systemd, service.c). status_gather reads it from the store into a plain struct; two
 * renderers print it as the text table or as JSON.
 */
#ifndef RW_STATUS_H
#define RW_STATUS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rightswatch/bperiod.h"
#include "rightswatch/store.h"

struct config;
struct store;

struct status_source {
	char *name;
	enum store_health health;
	int polled;          /* 0: the store knows nothing of it yet */
	int disabled;        /* after a 410 */
	int64_t items;
	int64_t last_poll;   /* seconds UTC, 0 never */
	int64_t last_ok;     /* seconds UTC of the last success, 0 never */
	int failures;        /* consecutive failures (failing since last_ok) */
	int64_t next_due;    /* seconds UTC, 0 now */
	char *last_result;   /* a server's or parser's words (escape them), or NULL */
};

/* A threshold lacking a baseline (alerting.h's struct alerting_missing,
 * owned). */
struct status_missing {
	char *threshold;
	char *indicator;
	char *country;       /* or NULL */
	int has_period;      /* 1: needs a baseline for period; 0: no figure known yet */
	struct bperiod period;
};

/* An active silence (owned). */
struct status_silence {
	int64_t id;
	char *threshold;
	char *country;       /* or NULL: any */
	int64_t until;       /* seconds UTC */
	char *reason;
};

/* A configured destination: how it fares (store_destination). */
struct status_dest {
	char *name;
	const char *type;     /* "email" ... (static) */
	int64_t pending;      /* deliveries waiting */
	int64_t last_ok;      /* seconds UTC, 0 never */
	int64_t last_error_at;
	char *last_error;     /* a server's words (escape them), or NULL */
};

/* Everything is owned by the struct: release with status_clear. */
struct status {
	int64_t now;                  /* seconds UTC, when gathered */
	struct status_source *sources; /* in configuration order */
	size_t nsources;
	int no_state;                 /* there is no state file yet (gathered from NULL) */
	const char *state_path;       /* the configuration's state file (borrowed) */
	int thresholds;               /* the configuration has thresholds */
	struct status_missing *missing; /* the thresholds lacking a baseline */
	size_t nmissing;
	int64_t outbox_pending;       /* -1 unknown */
	struct status_silence *silences; /* the silences active now */
	size_t nsilences;
	int64_t last_release;         /* the newest release first seen, seconds UTC; 0 none */
	int64_t last_alert;           /* the newest alert raised, seconds UTC; 0 none */
	int64_t db_bytes;             /* the database file's size, -1 unknown */
	struct status_dest *dests;    /* in configuration order */
	size_t ndests;
};

/* What status_gather reads: the systemd STATUS= line and /metrics need
 * less than `status`, and the thresholds' baselines cost a query per
 * threshold. */
#define STATUS_SOURCES  0x1 /* sources, nsources */
#define STATUS_MISSING  0x2 /* thresholds, missing, nmissing */
#define STATUS_ACTIVITY 0x4 /* last_release, last_alert */
#define STATUS_OUTBOX   0x8 /* outbox_pending */
#define STATUS_SILENCES 0x10 /* silences, nsilences */
#define STATUS_SIZE     0x20 /* db_bytes */
#define STATUS_DESTS    0x40 /* dests, ndests */
#define STATUS_ALL      0x7f

/* Fill *out with what (STATUS_*) for cf's sources from st at time now;
 * the rest stays zero (outbox_pending and db_bytes -1). st NULL means there
 * is no state file yet: every source is new and nothing else is known
 * (no_state). 0, or -1 (reason in store_errmsg, or out of memory: out is
 * then cleared). */
int status_gather(struct store *st, const struct config *cf, int64_t now, unsigned what,
    struct status *out);
/* Free what s holds and zero it. Accepts NULL. */
void status_clear(struct status *s);
/* The table of `rightswatch status`, to fp. */
void status_print(FILE *fp, const struct status *s);
/* The same as one JSON object (times in RFC 3339, unknowns null), ending
 * in a newline; malloc'd (the caller frees), NULL when out of memory. */
char *status_json(const struct status *s);
/* "in 12m", "3h ago", "now" ("-" for 0), for people reading status. */
void status_relative(int64_t t, int64_t now, char *out, size_t outlen);
/* "2026-11-28T10:02:00Z (3h ago)", or "none" for 0. */
void status_when(int64_t t, int64_t now, char *out, size_t outlen);
/* One line for a threshold lacking a baseline, as alerting.c words it. */
void status_missing_line(const struct status_missing *m, char *out, size_t outlen);

#endif
