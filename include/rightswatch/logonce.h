/*
 * logonce — the memory behind "a failure that repeats is logged once at
 * warning, then quietly until it changes; recovery once at info": per key
 * (a destination's name), the last failure's text and how many times it
 * has repeated. Pure: the caller decides what to log from the answers.
 */
#ifndef RW_LOGONCE_H
#define RW_LOGONCE_H

#include <stddef.h>

struct logonce;

/* An empty memory; NULL when out of memory. Free with logonce_free. */
struct logonce *logonce_new(void);
void logonce_free(struct logonce *lo);

/* key failed with msg: returns 1 when this is news (the first failure, or
 * a different message than the last), 0 for a repeat, -1 when out of
 * memory (log it then, to be safe). */
int logonce_fail(struct logonce *lo, const char *key, const char *msg);

/* key succeeded: returns how many failures in a row it had (0 when it was
 * not failing) and forgets them. */
size_t logonce_ok(struct logonce *lo, const char *key);

#endif
