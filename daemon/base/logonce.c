/*
 * logonce — a short list of failing keys with their last message and count.
 * Only keys that are failing are kept, so the list stays as short as the
 * number of broken destinations.
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/logonce.h"

struct logonce_entry {
	char *key;
	char *msg;
	size_t count;
};

struct logonce {
	struct logonce_entry *v;
	size_t n, cap;
};

struct logonce *
logonce_new(void)
{
	return calloc(1, sizeof(struct logonce));
}

void
logonce_free(struct logonce *lo)
{
	if (lo == NULL)
		return;
	for (size_t i = 0; i < lo->n; i++) {
		free(lo->v[i].key);
		free(lo->v[i].msg);
	}
	free(lo->v);
	free(lo);
}

static struct logonce_entry *
logonce_find(struct logonce *lo, const char *key)
{
	for (size_t i = 0; i < lo->n; i++)
		if (strcmp(lo->v[i].key, key) == 0)
			return &lo->v[i];
	return NULL;
}

int
logonce_fail(struct logonce *lo, const char *key, const char *msg)
{
	struct logonce_entry *e = logonce_find(lo, key);
	char *m;

	if (e != NULL && strcmp(e->msg, msg) == 0) {
		e->count++;
		return 0;
	}
	if ((m = strdup(msg)) == NULL)
		return -1;
	if (e != NULL) {
		free(e->msg);
		e->msg = m;
		e->count++;
		return 1;
	}
	if (lo->n == lo->cap) {
		size_t cap = lo->cap != 0 ? lo->cap * 2 : 4;
		struct logonce_entry *v = realloc(lo->v, cap * sizeof(*v));

		if (v == NULL) {
			free(m);
			return -1;
		}
		lo->v = v;
		lo->cap = cap;
	}
	e = &lo->v[lo->n];
	if ((e->key = strdup(key)) == NULL) {
		free(m);
		return -1;
	}
	e->msg = m;
	e->count = 1;
	lo->n++;
	return 1;
}

size_t
logonce_ok(struct logonce *lo, const char *key)
{
	struct logonce_entry *e = logonce_find(lo, key);
	size_t count;

	if (e == NULL)
		return 0;
	count = e->count;
	free(e->key);
	free(e->msg);
	*e = lo->v[--lo->n];
	return count;
}
