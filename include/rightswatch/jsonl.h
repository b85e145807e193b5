/*
 * jsonl — JSON values written straight into a struct buf, for the commands
 * that print JSON Lines (parse-feed, page-text, extract): building a
 * document with a JSON library only to print it costs more than the work
 * the line reports. Strings are escaped as jansson writes them (RFC 8259):
 * '"', '\\' and the C0 controls, \b \f \n \r \t by name and the others as
 * \u00XX; everything else, DEL and U+2028 included, is copied.
 */
#ifndef RW_JSONL_H
#define RW_JSONL_H

#include <stddef.h>

#include "rightswatch/buf.h"

/* s (n bytes) as a JSON string. When s is not valid UTF-8 (overlong forms,
 * surrogates and code points above U+10FFFF are invalid), every byte above
 * 0x7F is written as '?'. 0, or -1 when out of memory. */
int jsonl_str(struct buf *o, const char *s, size_t n);
/* A C string as a JSON string, or null when s is NULL. */
int jsonl_strz(struct buf *o, const char *s);
/* A decimal integer. */
int jsonl_int(struct buf *o, long long v);
int jsonl_uint(struct buf *o, unsigned long long u);

#endif
