/*
 * feed_item — items once they are read: the emitter that hands them on in
 * document order (counting those past the item cap, dropping an id seen
 * earlier in the same document, holding items back while an RSS channel's
 * <language> may still come), copies of items, ids, and feed_free.
 *
 * Owns struct feed and its items: feed_free releases them all.
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/hash.h"
#include "feed_int.h"

static void
feed_item_clear(struct feed_item *it)
{
	free(it->id);
	free(it->link);
	free(it->title);
	free(it->summary);
	free(it->content);
	for (size_t i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	free(it->lang);
	memset(it, 0, sizeof(*it));
}

void
feed_free(struct feed *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nitems; i++)
		feed_item_clear(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->lang);
	free(f);
}

static int
feed_dup(char **dst, const char *src)
{
	*dst = NULL;
	return src == NULL || (*dst = strdup(src)) != NULL ? 0 : -1;
}

/* A copy of src that owns its strings; lang replaced when lang is given.
 * 0, or -1 (out of memory; dst is then cleared). */
static int
feed_item_copy(struct feed_item *dst, const struct feed_item *src, const char *lang)
{
	int rc = 0;

	memset(dst, 0, sizeof(*dst));
	rc |= feed_dup(&dst->id, src->id);
	rc |= feed_dup(&dst->link, src->link);
	rc |= feed_dup(&dst->title, src->title);
	rc |= feed_dup(&dst->summary, src->summary);
	rc |= feed_dup(&dst->content, src->content);
	rc |= feed_dup(&dst->lang, lang != NULL ? lang : src->lang);
	dst->published = src->published;
	dst->updated = src->updated;
	if (src->ncategories > 0) {
		if ((dst->categories = calloc(src->ncategories, sizeof(char *))) == NULL)
			rc = -1;
		for (size_t i = 0; rc == 0 && i < src->ncategories; i++, dst->ncategories++)
			rc |= feed_dup(&dst->categories[i], src->categories[i]);
	}
	if (rc != 0)
		feed_item_clear(dst);
	return rc;
}

void
feed_item_hash_id(const char *title, const char *date_raw, char *out)
{
	struct hash_sha256 c;
	uint8_t d[32];

	hash_sha256_init(&c);
	if (title != NULL)
		hash_sha256_update(&c, title, strlen(title));
	hash_sha256_update(&c, "\n", 1);
	if (date_raw != NULL)
		hash_sha256_update(&c, date_raw, strlen(date_raw));
	hash_sha256_final(&c, d);
	memcpy(out, "sha256:", 7);
	hash_hex(d, out + 7);
}

void
feed_emit_init(struct feed_emit *e, struct feed *f, size_t max_items,
    feed_item_fn *fn, void *arg)
{
	memset(e, 0, sizeof(*e));
	e->f = f;
	e->fn = fn;
	e->arg = arg;
	e->max_items = max_items == 0 || max_items > FEED_MAX_ITEMS ? FEED_MAX_ITEMS : max_items;
}

int
feed_emit_room(struct feed_emit *e)
{
	if (e->kept < e->max_items && !e->stopped)
		return 1;
	if (!e->stopped)
		e->f->dropped++;
	return 0;
}

/* 64 bits of an id (FNV-1a, then a finaliser to spread them); never 0. */
static uint64_t
feed_id_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

void
feed_emit_prefetch(const struct feed_emit *e, const char *id)
{
	if (e->seen_cap > 0)
		__builtin_prefetch(&e->seen[feed_id_hash(id) & (e->seen_cap - 1)]);
}

/* Has this id been passed on before? Records it when not. -1: memory.
 * Ids are compared by 64-bit hash: two different ids of one document
 * collide with a chance of about n^2 / 2^65. */
static int
feed_emit_seen(struct feed_emit *e, const char *id)
{
	uint64_t h = feed_id_hash(id);
	size_t i;

	/* at most three quarters full: the table of a 100,000-item feed
	 * stays within 1 MiB, a core's cache */
	if (e->seen_n * 4 >= e->seen_cap * 3) {
		size_t cap = e->seen_cap ? e->seen_cap * 2 : 64;
		uint64_t *t = calloc(cap, sizeof(*t));

		if (t == NULL)
			return -1;
		for (size_t k = 0; k < e->seen_cap; k++)
			if (e->seen[k] != 0) {
				for (i = e->seen[k] & (cap - 1); t[i] != 0; i = (i + 1) & (cap - 1))
					;
				t[i] = e->seen[k];
			}
		free(e->seen);
		e->seen = t;
		e->seen_cap = cap;
	}
	for (i = h & (e->seen_cap - 1); e->seen[i] != 0; i = (i + 1) & (e->seen_cap - 1))
		if (e->seen[i] == h)
			return 1;
	e->seen[i] = h;
	e->seen_n++;
	return 0;
}

/* Hand one item on, its language resolved. */
static void
feed_emit_deliver(struct feed_emit *e, const struct feed_item *it, const char *lang)
{
	struct feed_item v = *it, *items;
	struct feed *f = e->f;

	if (e->stopped)
		return;
	if (v.lang == NULL)
		v.lang = (char *)(uintptr_t)lang;
	if (e->fn != NULL) {
		if (e->fn(e->arg, &v) == -1)
			e->stopped = 1;
		return;
	}
	/* Room for 16, then doubling whenever the count reaches a power of
	 * two: n items cost O(n) copies in all. */
	if (f->nitems == 0 || (f->nitems >= 16 && (f->nitems & (f->nitems - 1)) == 0)) {
		size_t cap = f->nitems == 0 ? 16 : f->nitems * 2;

		if ((items = realloc(f->items, cap * sizeof(*items))) == NULL) {
			e->oom = 1;
			return;
		}
		f->items = items;
	}
	if (feed_item_copy(&f->items[f->nitems], &v, NULL) == -1) {
		e->oom = 1;
		return;
	}
	f->nitems++;
}

static size_t
feed_item_size(const struct feed_item *it)
{
	size_t n = sizeof(*it);
	const char *s[] = { it->id, it->link, it->title, it->summary, it->content, it->lang };

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		n += s[i] != NULL ? strlen(s[i]) + 1 : 0;
	for (size_t i = 0; i < it->ncategories; i++)
		n += strlen(it->categories[i]) + 1 + sizeof(char *);
	return n;
}

static void
feed_emit_flush(struct feed_emit *e)
{
	for (size_t i = 0; i < e->nheld; i++) {
		feed_emit_deliver(e, &e->held[i], e->f->lang != NULL ? e->f->lang :
		    e->held_fallback[i]);
		feed_item_clear(&e->held[i]);
		free(e->held_fallback[i]);
	}
	e->nheld = 0;
	e->held_bytes = 0;
}

/* Keep a copy of the item until the channel's language is known. */
static void
feed_emit_hold(struct feed_emit *e, const struct feed_item *it, const char *fallback)
{
	if (e->nheld == e->held_cap) {
		size_t cap = e->held_cap ? e->held_cap * 2 : 16;
		struct feed_item *h = realloc(e->held, cap * sizeof(*h));
		char **fb;

		if (h == NULL) {
			e->oom = 1;
			return;
		}
		e->held = h;
		if ((fb = realloc(e->held_fallback, cap * sizeof(*fb))) == NULL) {
			e->oom = 1;
			return;
		}
		e->held_fallback = fb;
		e->held_cap = cap;
	}
	if (feed_item_copy(&e->held[e->nheld], it, NULL) == -1 ||
	    feed_dup(&e->held_fallback[e->nheld], fallback) == -1) {
		feed_item_clear(&e->held[e->nheld]);
		e->oom = 1;
		return;
	}
	e->nheld++;
	e->held_bytes += feed_item_size(it);
	if (e->held_bytes > FEED_HOLD_BYTES) {
		/* A channel whose language has not come after this much is not
		 * waited for any longer. */
		e->hold_off = 1;
		feed_emit_flush(e);
	}
}

void
feed_emit_item(struct feed_emit *e, const struct feed_item *it, const char *fallback_lang)
{
	int seen;

	if (e->stopped || e->oom)
		return;
	if ((seen = feed_emit_seen(e, it->id)) == -1) {
		e->oom = 1;
		return;
	}
	if (seen) {
		e->f->duplicates++;
		return;
	}
	e->kept++;
	if (e->nheld > 0 || (it->lang == NULL && !e->settled && !e->hold_off)) {
		feed_emit_hold(e, it, fallback_lang);
		return;
	}
	feed_emit_deliver(e, it, e->f->lang != NULL ? e->f->lang : fallback_lang);
}

void
feed_emit_settle(struct feed_emit *e)
{
	e->settled = 1;
	feed_emit_flush(e);
}

void
feed_emit_free(struct feed_emit *e)
{
	for (size_t i = 0; i < e->nheld; i++) {
		feed_item_clear(&e->held[i]);
		free(e->held_fallback[i]);
	}
	free(e->held);
	free(e->held_fallback);
	free(e->seen);
	memset(e, 0, sizeof(*e));
}
