/*
 * escape — untrusted text to a form that cannot forge a log line, reorder
 * one (a bidirectional override) or reach a terminal as a control
 * sequence. Which characters are controls is utf8_is_control's one list;
 * each of their bytes, and each byte of invalid UTF-8, is written \xNN.
 * Other valid UTF-8 passes unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "rightswatch/escape.h"
#include "rightswatch/utf8.h"

/* What to escape besides the controls. */
#define ESC_BACKSLASH 0x1 /* a backslash becomes \\ */
#define ESC_QUOTE     0x2 /* a double quote becomes \" */

/* The escaped form of the character at s (n bytes there) into tmp (at
 * least 17 bytes); its length in *tl. Returns the bytes consumed. */
static size_t
escape_one(const char *s, size_t n, int flags, char *tmp, size_t *tl)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = utf8_unsafe(s, n);

	if (k > 0) {
		for (size_t j = 0; j < k; j++)
			snprintf(tmp + 4 * j, 5, "\\x%02x", p[j]);
		*tl = 4 * k;
		return k;
	}
	if ((p[0] == '\\' && (flags & ESC_BACKSLASH)) || (p[0] == '"' && (flags & ESC_QUOTE))) {
		tmp[0] = '\\';
		tmp[1] = (char)p[0];
		*tl = 2;
		return 1;
	}
	k = utf8_len(s, n);
	memcpy(tmp, p, k);
	*tl = k;
	return k;
}

static char *
escape_into(char *out, size_t outlen, const char *s, size_t len, int flags)
{
	size_t o = 0, i = 0;

	if (outlen == 0)
		return out;
	if (s == NULL) {
		snprintf(out, outlen, "(null)");
		return out;
	}
	while (i < len) {
		char tmp[17];
		size_t tl, k = escape_one(s + i, len - i, flags, tmp, &tl);

		if (o + tl + 4 > outlen) {
			if (o + 4 <= outlen) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		memcpy(out + o, tmp, tl);
		o += tl;
		i += k;
	}
	out[o < outlen ? o : outlen - 1] = '\0';
	return out;
}

char *
escape_log(char *out, size_t outlen, const char *s, size_t len)
{
	return escape_into(out, outlen, s, len, ESC_BACKSLASH);
}

char *
escape_logs(char *out, size_t outlen, const char *s)
{
	return escape_log(out, outlen, s, s != NULL ? strlen(s) : 0);
}

char *
escape_controls(char *out, size_t outlen, const char *s)
{
	return escape_into(out, outlen, s, s != NULL ? strlen(s) : 0, 0);
}

char *
escape_kv(char *out, size_t outlen, const char *s)
{
	size_t n;

	if (outlen < 3) {
		if (outlen > 0)
			*out = '\0';
		return out;
	}
	out[0] = '"';
	escape_into(out + 1, outlen - 2, s, s != NULL ? strlen(s) : 0,
	    ESC_BACKSLASH | ESC_QUOTE);
	n = strlen(out);
	out[n] = '"';
	out[n + 1] = '\0';
	return out;
}
