/*
 * utf8 — the one UTF-8 decoder of the daemon (outside the extractor,
 * which decodes through utf8proc): strict, as RFC 3629 has it, so overlong
 * forms, UTF-16 surrogates, code points past U+10FFFF and cut sequences
 * are invalid. Pure functions over bytes.
 */
#ifndef RW_UTF8_H
#define RW_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The length (1 to 4) of the valid sequence at s, n bytes being there;
 * 0 when it is not one (or n is 0). */
size_t utf8_len(const char *s, size_t n);
/* The valid sequence at s decoded: its length (1 to 4) with the code
 * point in *cp, or 0 when there is none (cp untouched). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Is cp a character that must never reach a log line, a terminal, a
 * syslog record or a mail header as it is: a C0 control, DEL, a C1
 * control (U+0080..U+009F), a bidirectional control (U+061C, U+200E,
 * U+200F, U+202A..U+202E, U+2066..U+2069) or the line and paragraph
 * separators U+2028 and U+2029? 1 or 0. */
int utf8_is_control(uint32_t cp);
/* How many bytes at s (n there) must be escaped rather than shown: 1 for
 * a byte that starts no valid sequence, the sequence's length for a
 * control (utf8_is_control), 0 when the character there is safe (or n is
 * 0). */
size_t utf8_unsafe(const char *s, size_t n);
/* 1 when s[0, n) is valid UTF-8 throughout, else 0. */
int utf8_valid(const char *s, size_t n);
/* How many of s's n bytes to keep so that at most max remain and no
 * sequence is cut (a continuation byte is never the first one left out). */
size_t utf8_cut(const char *s, size_t n, size_t max);
/* utf8_len for bytes that arrive in pieces: the length (1 to 4) of the
 * valid sequence at s (n > 0 bytes there), 0 when it is invalid, -1 when
 * s ends inside a sequence that is valid so far (more bytes will say). */
int utf8_seq(const char *s, size_t n);
/* Code point cp (at most U+10FFFF) as UTF-8 into out (4 bytes); its length. */
size_t utf8_put(unsigned cp, char *out);

#endif
