/*
 * feed_text — the plain-text builder every field of a feed goes through:
 * whitespace folded, breaks pending until more text follows, a byte cap
 * that never cuts a UTF-8 sequence.
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/utf8.h"
#include "feed_int.h"

static int
feed_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Append n bytes (no whitespace among them) after any pending separator. */
static void
feed_text_word(struct feed_text *t, const char *s, size_t n)
{
	static const char *const sep[] = { "", " ", "\n", "\n\n" };
	size_t seplen = 0, keep;

	if (t->b.len > 0)
		seplen = strlen(sep[t->pending]);
	if (t->b.len + seplen >= t->max) {
		t->full = 1;
		return;
	}
	keep = utf8_cut(s, n, t->max - t->b.len - seplen);
	if (buf_reserve(&t->b, seplen + keep) == -1) {
		t->oom = t->full = 1;
		return;
	}
	buf_append(&t->b, sep[t->b.len > 0 ? t->pending : 0], seplen);
	buf_append(&t->b, s, keep);
	t->pending = 0;
	if (keep < n)
		t->full = 1;
}

void
feed_text_add(struct feed_text *t, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && !t->full) {
		if (feed_isspace((unsigned char)s[i])) {
			if (t->pending < 1)
				t->pending = 1;
			i++;
			continue;
		}
		for (j = i; j < n && !feed_isspace((unsigned char)s[j]); j++)
			;
		feed_text_word(t, s + i, j - i);
		i = j;
	}
}

void
feed_text_break(struct feed_text *t, int level)
{
	if (t->pending < level)
		t->pending = level;
}

char *
feed_text_take(struct feed_text *t, int *oom)
{
	char *s = NULL;

	if (t->oom)
		*oom = 1;
	else if (t->b.len > 0 && (s = buf_detach(&t->b)) == NULL)
		*oom = 1;
	buf_free(&t->b);
	t->pending = t->full = t->oom = 0;
	return s;
}
