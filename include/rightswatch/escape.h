/*
 * escape — make untrusted text (titles, URLs, server messages) safe for a
 * log line, a terminal or a table: each byte of a control character (C0,
 * DEL, C1, the bidirectional controls, U+2028 and U+2029: utf8_is_control)
 * and of invalid UTF-8 becomes \xNN, a backslash becomes \\, and the result
 * is cut at a length with "..." marking the cut; escape_kv also quotes it
 * as a key=value field's value.
 */
#ifndef RW_ESCAPE_H
#define RW_ESCAPE_H

#include <stddef.h>

/* Write the escaped form of s (len bytes; NULL prints "(null)") into out,
 * at most outlen bytes including the NUL. Returns out. */
char *escape_log(char *out, size_t outlen, const char *s, size_t len);
/* Same for a C string. */
char *escape_logs(char *out, size_t outlen, const char *s);
/* Only the controls and invalid UTF-8 of s escaped (a backslash stays):
 * what the log applies to a whole line, which may hold text escaped
 * already. */
char *escape_controls(char *out, size_t outlen, const char *s);
/* s as the value of a key=value log field: in double quotes, with a double
 * quote inside escaped as \" as well (NULL gives "(null)"). At most
 * outlen bytes including the NUL; a cut still ends with the quote. */
char *escape_kv(char *out, size_t outlen, const char *s);

#endif
