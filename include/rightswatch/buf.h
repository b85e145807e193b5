/*
 * buf — a growable byte buffer, always NUL-terminated after len bytes.
 *
 * A zeroed struct buf is an empty buffer. buf_free releases the memory and
 * leaves an empty buffer; buf_detach hands the bytes to the caller (free()).
 */
#ifndef RW_BUF_H
#define RW_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
};

/* Make room for n more bytes. Returns 0, or -1 when out of memory. */
int buf_reserve(struct buf *b, size_t n);
/* Append bytes / a C string / a formatted string. 0 or -1 (out of memory). */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Return the contents (caller frees; never NULL unless out of memory) and empty b. */
char *buf_detach(struct buf *b);
/* Append all of the file at path ("-": standard input) to b, at most max
 * bytes in b. Returns 0, or -1 with a one-line reason in err (what was
 * read stays in b). */
int buf_read_file(const char *path, size_t max, struct buf *b, char *err, size_t errlen);

#endif
