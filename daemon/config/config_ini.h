/*
 * config_ini — the line layer under config: physical lines of an INI text
 * to (section, key, value, line) events, with libinih doing the lexing.
 *
 * Pure: works on a buffer, reports through callbacks, keeps nothing.
 * Used by config.c only; nothing here knows what a key means.
 */
#ifndef RW_CONFIG_INI_H
#define RW_CONFIG_INI_H

#include <stddef.h>

struct config_ini_ops {
	/* "[text]" at line (text trimmed); text is NULL for a header too
	 * broken to name (its error already reported): skip its keys. */
	void (*section)(void *arg, const char *text, int line);
	/* key = value at line; value has its continuation lines joined by
	 * one space and is trimmed. Both strings live until the call returns. */
	void (*key)(void *arg, const char *key, const char *value, int line);
	/* A problem at line (no "FILE:LINE: " prefix, no newline). */
	void (*error)(void *arg, int line, const char *msg);
};

#define CONFIG_INI_MAX_KEY   64        /* bytes of a key name */
#define CONFIG_INI_MAX_VALUE (64 * 1024) /* bytes of a value after joining */

/* Feed text through the callbacks, in file order. Returns 0, or -1 when
 * out of memory (events up to then have been delivered). */
int config_ini_parse(const char *text, size_t len,
    const struct config_ini_ops *ops, void *arg);

#endif
