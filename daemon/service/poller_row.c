/*
 * poller_row — a source's stored row through a round: what the round
 * leaves if it never ends, stored before it fetches anything (so a daemon
 * killed or hung in it does not poll the source again at once when it
 * restarts); what was there before, put back when the round is cancelled;
 * the validators, the redirect and the summary of a round that ended; the
 * round's one transaction (everything a poll that read the feed learnt,
 * with the row, in one lazy commit, synced before any alert it raised goes
 * out: see store.c for why that loses nothing); and the operator's reset
 * (`rightswatch source reset`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rightswatch/config_types.h"
#include "rightswatch/crashpoint.h"
#include "rightswatch/log.h"
#include "rightswatch/poller.h"
#include "rightswatch/pollstate.h"
#include "rightswatch/store.h"
#include "poller_int.h"

/* Drop what the last round stashed for poller_source_finish. */
void
poller_source_forget(struct poller_source *ps)
{
	free(ps->etag);
	free(ps->last_modified);
	free(ps->moved_to);
	ps->etag = ps->last_modified = ps->moved_to = NULL;
}

/* Before a round fetches anything, store what it leaves if it never ends
 * (pollstate_precommit: one more unfinished round, its backoff, the next
 * due time after it); the round's end stores what really happened. The
 * health shown meanwhile stays the one before the round, but for a round
 * that would quarantine the source. Lazily: it guards against a crash or
 * a hang of the process, which a lazy commit survives, and the round's
 * own commit syncs it (a 304 costs one sync, not two). */
void
poller_precommit(struct poller_source *ps, const struct pollstate *rest,
    const struct pollstate_policy *pol, int64_t now)
{
	struct store_source row = ps->row; /* the strings are borrowed, not freed */
	struct pollstate pre;

	pollstate_precommit(rest, pol, now, &pre);
	pollstate_to_row(&pre, &row);
	/* A round that would quarantine the source if it never ended says so
	 * at once: `status` must not wait for a restart to show it. */
	if (pre.health != STORE_HEALTH_POISONED)
		row.health = rest->health;
	row.name = ps->name;
	if (row.url == NULL)
		row.url = ps->cs->url;
	if (poller_put_lazy(ps->p->store, &row) == -1)
		log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(ps->p->store));
}

/* The end of a lazy write whose result is r: commits are synced again,
 * whether the write succeeded or not. r, or -1. */
static int
lazy_end(struct store *st, int r)
{
	if (store_set_lazy(st, 0) == -1)
		return -1;
	return r;
}

/* Store row with a lazy commit (store_set_lazy): it survives a crash of
 * the process, and reaches the disk with the next synced commit; a power
 * cut before that costs one more poll, nothing else. 0 or -1. */
int
poller_put_lazy(struct store *st, const struct store_source *row)
{
	if (store_set_lazy(st, 1) == -1)
		return -1;
	return lazy_end(st, store_source_put(st, row));
}

/* The hash of a body about to be parsed, with a lazy commit as above. */
int
poller_hash_lazy(struct store *st, const char *name, const char *hash)
{
	if (store_set_lazy(st, 1) == -1)
		return -1;
	return lazy_end(st, store_source_set_hash(st, name, hash));
}

/* A cancelled round (a stop) did end: what was stored before it, not its
 * precommit, is the truth. */
void
poller_row_restore(struct poller_source *ps)
{
	if (ps->row.name == NULL)
		return;
	pollstate_to_row(&ps->st, &ps->row);
	if (store_source_put(ps->p->store, &ps->row) == -1)
		log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(ps->p->store));
}

void
poller_round_begin(struct poller_source *ps)
{
	struct store *st = ps->p->store;

	ps->in_tx = 0;
	/* Lazily: a poll that raised no alert may be lost to a power cut
	 * (never to a kill) and is then simply done again; one that raised
	 * one is synced before anything goes out (poller_round_end). A store
	 * that refuses keeps syncing every commit: slower, as safe. */
	if (store_set_lazy(st, 1) == -1)
		log_warnx("source %s: %s", ps->name, store_errmsg(st));
	if (store_begin(st) == -1) {
		/* Nothing of the feed is written: it is read again next time. */
		log_warnx("source %s: %s", ps->name, store_errmsg(st));
		(void)lazy_end(st, 0);
		ps->page_failed = 1;
		return;
	}
	ps->in_tx = 1;
	if (poller_items_commit(ps) == -1)
		ps->page_failed = 1;
}

/* The round's commit failed and rolled back: store the row lazily without
 * its validators, so that the next poll reads the feed whole. */
static void
poller_round_failed(struct poller_source *ps)
{
	struct store *st = ps->p->store;

	log_warnx("source %s: storing what the poll read: %s; the feed is read again at the "
	    "next poll", ps->name, store_errmsg(st));
	store_rollback(st);
	(void)lazy_end(st, 0);
	free(ps->row.etag);
	free(ps->row.last_modified);
	ps->row.etag = ps->row.last_modified = NULL;
	if (poller_put_lazy(st, &ps->row) == -1)
		log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(st));
}

void
poller_round_end(struct poller_source *ps, int read)
{
	struct poller *p = ps->p;
	struct store *st = p->store;

	/* A round that did not read the feed (a 304, a failure) learnt only
	 * when to poll next: losing it to a power cut costs one more poll, so
	 * its commit is lazy and a repeat poll of unchanged feeds syncs
	 * nothing. */
	if (!read || !ps->in_tx) {
		if ((read ? store_source_put(st, &ps->row) : poller_put_lazy(st, &ps->row)) == -1)
			log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(st));
		poller_items_drop(ps);
		return;
	}
	ps->in_tx = 0;
	poller_items_drop(ps);
	if (store_source_put(st, &ps->row) == -1 || store_commit(st) == -1) {
		poller_round_failed(ps);
		return;
	}
	if (lazy_end(st, 0) == -1)
		log_warnx("source %s: %s", ps->name, store_errmsg(st));
	if (ps->rep.alerts == 0)
		return;
	/* The alerts reach the disk before any of them goes out. A sync that
	 * fails (a failing disk) is logged, and the alerts wait for the
	 * courier's next pass rather than being sent at once. */
	if (store_sync(st, 0) == -1) {
		log_warnx("source %s: %s", ps->name, store_errmsg(st));
		return;
	}
	crashpoint("after_alert_commit");
	if (p->alert_hook != NULL)
		p->alert_hook(p->alert_arg);
}

/* Bring the stored row up to this round: the configured url (a changed
 * one forgets the old one's validators and redirect), the redirect, and
 * the validators when the whole round was read. */
void
poller_row_update(struct poller_source *ps)
{
	struct store_source *row = &ps->row;

	if (row->name == NULL)
		row->name = strdup(ps->name);
	if (row->url == NULL || strcmp(row->url, ps->cs->url) != 0) {
		free(row->url);
		free(row->etag);
		free(row->last_modified);
		free(row->current_url);
		row->etag = row->last_modified = row->current_url = NULL;
		row->url = strdup(ps->cs->url);
	}
	if (ps->moved_to != NULL) {
		free(row->current_url);
		row->current_url = ps->moved_to;
		ps->moved_to = NULL;
	}
	/* Validators are saved only when the whole round was read: after a
	 * release that could not be read, the next poll must see the feed
	 * again (not a 304) to retry it. */
	if (ps->st.state == POLLSTATE_READING && !ps->page_failed) {
		free(row->etag);
		free(row->last_modified);
		row->etag = ps->etag;
		row->last_modified = ps->last_modified;
		ps->etag = ps->last_modified = NULL;
	}
	poller_source_forget(ps);
	free(row->last_result);
	row->last_result = strdup(ps->summary);
}

int
poller_source_reset(struct store *st, const char *name, enum store_health *was,
    char *err, size_t errlen)
{
	struct pollstate_event reset = { POLLSTATE_EV_RESET, STORE_HEALTH_NEW, -1, -1, 0 };
	struct pollstate_policy pol = { 0, 0.0 };
	struct store_source row;
	struct pollstate s;
	int r;

	if ((r = store_source_get(st, name, &row)) != 0) {
		snprintf(err, errlen, "%s", r == 1 ? "the database knows no such source yet" :
		    store_errmsg(st));
		return -1;
	}
	pollstate_from_row(&s, &row);
	*was = s.health;
	pollstate_apply(&s, &reset, &pol, (int64_t)time(NULL), NULL);
	pollstate_to_row(&s, &row);
	/* Its validators go too: the next poll reads the feed whole. */
	free(row.body_hash);
	free(row.etag);
	free(row.last_modified);
	row.body_hash = row.etag = row.last_modified = NULL;
	r = store_source_put(st, &row);
	if (r == -1)
		snprintf(err, errlen, "%s", store_errmsg(st));
	store_source_clear(&row);
	return r;
}
