/*
 * escape — untrusted text to a form that cannot forge a log line or reach a
 * terminal as a control sequence. Valid UTF-8 sequences pass unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "rightswatch/escape.h"
#include "rightswatch/utf8.h"

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

		k = utf8_len(s + i, len - i);
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
