/*
 * escape — untrusted text to a form that cannot forge a log line or reach a
 * terminal as a control sequence. Valid UTF-8 sequences pass unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "rightswatch/escape.h"

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
escape_utf8_len(const unsigned char *s, size_t n)
{
	size_t need;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return need;
}

/* escape_log's work; with quote, a double quote becomes \" too. */
static char *
escape_into(char *out, size_t outlen, const char *s, size_t len, int quote)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, i = 0, k;

	if (outlen == 0)
		return out;
	if (s == NULL) {
		snprintf(out, outlen, "(null)");
		return out;
	}
	while (i < len) {
		char tmp[5];
		size_t tl;

		k = escape_utf8_len(p + i, len - i);
		if (k == 1 && p[i] >= 0x20 && p[i] != 0x7f && p[i] != '\\' &&
		    !(quote && p[i] == '"')) {
			tmp[0] = (char)p[i];
			tl = 1;
		} else if (k == 1 && (p[i] == '\\' || p[i] == '"')) {
			tmp[0] = '\\';
			tmp[1] = (char)p[i];
			tl = 2;
		} else if (k > 1) {
			memcpy(tmp, p + i, k);
			tl = k;
		} else {
			snprintf(tmp, sizeof(tmp), "\\x%02x", p[i]);
			tl = 4;
			k = 1;
		}
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
	return escape_into(out, outlen, s, len, 0);
}

char *
escape_logs(char *out, size_t outlen, const char *s)
{
	return escape_log(out, outlen, s, s != NULL ? strlen(s) : 0);
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
	escape_into(out + 1, outlen - 2, s, s != NULL ? strlen(s) : 0, 1);
	n = strlen(out);
	out[n] = '"';
	out[n + 1] = '\0';
	return out;
}
