/*
 * utf8 — the one UTF-8 decoder of the daemon (outside the extractor,
 * which decodes through utf8proc): strict, as RFC 3629 has it, so overlong
 * forms, UTF-16 surrogates, code points past U+10FFFF and cut sequences
 * are invalid. Pure functions over bytes.
 */
#ifndef RW_UTF8_H
#define RW_UTF8_H

#include <stddef.h>

/* The length (1 to 4) of the valid sequence at s, n bytes being there;
 * 0 when it is not one (or n is 0). */
size_t utf8_len(const char *s, size_t n);
/* 1 when s[0, n) is valid UTF-8 throughout, else 0. */
int utf8_valid(const char *s, size_t n);
/* How many of s's n bytes to keep so that at most max remain and no
 * sequence is cut (a continuation byte is never the first one left out). */
size_t utf8_cut(const char *s, size_t n, size_t max);

#endif
