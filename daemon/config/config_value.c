/*
 * config_value — parsing and checking of configuration values: durations,
 * sizes, integers, booleans, lists, URLs, XPath expressions and paths.
 * Pure: no I/O, no environment (the caller passes it in).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "rightswatch/config_value.h"

/* Leading decimal digits of s as a positive int64 -> *out, the rest in
 * *end; -1 when there are none or they overflow. */
static int
config_value_digits(const char *s, int64_t *out, const char **end)
{
	int64_t v = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		int d = *s - '0';

		if (v > (INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	*end = s;
	return 0;
}

struct config_value_unit {
	const char *unit;
	int64_t mul;
};

static int64_t
config_value_scaled(const char *s, const struct config_value_unit *units, size_t nunits)
{
	int64_t v;
	const char *end;

	if (config_value_digits(s, &v, &end) == -1 || v == 0)
		return -1;
	for (size_t i = 0; i < nunits; i++)
		if (strcmp(end, units[i].unit) == 0) {
			if (v > INT64_MAX / units[i].mul)
				return -1;
			return v * units[i].mul;
		}
	return -1;
}

int64_t
config_parse_duration(const char *s)
{
	static const struct config_value_unit units[] = {
		{ "", 1 }, { "s", 1 }, { "m", 60 }, { "h", 3600 }, { "d", 86400 },
	};

	return config_value_scaled(s, units, sizeof(units) / sizeof(units[0]));
}

int64_t
config_parse_size(const char *s)
{
	static const struct config_value_unit units[] = {
		{ "", 1 }, { "B", 1 },
		{ "kB", 1000 }, { "MB", 1000000 }, { "GB", 1000000000 },
		{ "KiB", 1024 }, { "MiB", 1024 * 1024 }, { "GiB", 1024 * 1024 * 1024 },
	};

	return config_value_scaled(s, units, sizeof(units) / sizeof(units[0]));
}

int
config_value_int(const char *s, long long min, long long max, long long *out)
{
	int64_t v;
	const char *end;

	if (config_value_digits(s, &v, &end) == -1 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
config_value_bool(const char *s)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0)
		return 1;
	if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0)
		return 0;
	return -1;
}

int
config_value_url(const char *s, int glob, char *why, size_t whylen)
{
	const char *host;

	if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else {
		snprintf(why, whylen, "only http:// and https:// URLs are allowed");
		return -1;
	}
	if (*host == '\0' || *host == '/' || *host == ':' || *host == '?' || *host == '#') {
		snprintf(why, whylen, "URL without a host");
		return -1;
	}
	for (const char *c = s; *c != '\0'; c++)
		if ((unsigned char)*c <= 0x20 || *c == 0x7f) {
			snprintf(why, whylen, "blank or control character in URL");
			return -1;
		}
	if (!glob && strpbrk(s, "*") != NULL) {
		snprintf(why, whylen, "'*' in a URL (only link_pattern takes a glob)");
		return -1;
	}
	return 0;
}

/* Swallow libxml2's report: the message is read back from lastError. */
static void
config_value_xpath_quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* libxml2 2.9 leaves lastError.message empty here; name the common codes. */
static const char *
config_value_xpath_reason(int code)
{
	switch (code) {
	case XML_XPATH_NUMBER_ERROR:
		return "bad number";
	case XML_XPATH_UNFINISHED_LITERAL_ERROR:
	case XML_XPATH_START_LITERAL_ERROR:
		return "unfinished string";
	case XML_XPATH_VARIABLE_REF_ERROR:
	case XML_XPATH_UNDEF_VARIABLE_ERROR:
		return "variable";
	case XML_XPATH_INVALID_PREDICATE_ERROR:
		return "bad predicate";
	case XML_XPATH_UNCLOSED_ERROR:
		return "unclosed bracket";
	case XML_XPATH_UNKNOWN_FUNC_ERROR:
		return "unknown function";
	case XML_XPATH_INVALID_OPERAND:
		return "bad operand";
	default:
		return "invalid expression";
	}
}

int
config_value_xpath(const char *s, char *why, size_t whylen)
{
	xmlXPathContextPtr ctx;
	xmlXPathCompExprPtr comp;

	if ((ctx = xmlXPathNewContext(NULL)) == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	/* A context with its own error callback keeps libxml2 from printing
	 * on stderr through its global handler. */
	ctx->error = config_value_xpath_quiet;
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)s);
	if (comp == NULL) {
		snprintf(why, whylen, "bad XPath (%s)",
		    config_value_xpath_reason(ctx->lastError.code));
		xmlResetError(&ctx->lastError);
		xmlXPathFreeContext(ctx);
		return -1;
	}
	xmlXPathFreeCompExpr(comp);
	xmlResetError(&ctx->lastError);
	xmlXPathFreeContext(ctx);
	return 0;
}

/* A host name, IPv4 or [IPv6] literal, with an optional :port. */
static int
config_value_host(const char *h)
{
	const char *c = h, *colon;
	long long port;

	if (*c == '[') {
		if ((c = strchr(c, ']')) == NULL || c == h + 1)
			return -1;
		c++;
	} else {
		for (; *c != '\0' && *c != ':'; c++)
			if (!isalnum((unsigned char)*c) && *c != '-' && *c != '.')
				return -1;
		if (c == h)
			return -1;
	}
	if (*c == '\0')
		return 0;
	colon = c;
	if (*colon != ':' || config_value_int(colon + 1, 1, 65535, &port) == -1)
		return -1;
	return 0;
}

int
config_value_list(const char *s, int hosts, char ***v, size_t *n, char *why,
    size_t whylen)
{
	char **out = NULL;
	size_t count = 0;
	const char *p = s;

	*why = '\0';
	for (;;) {
		size_t len = strcspn(p, ",");
		const char *e = p;
		char *dup, **grown;

		while (len > 0 && isspace((unsigned char)*e)) {
			e++;
			len--;
		}
		while (len > 0 && isspace((unsigned char)e[len - 1]))
			len--;
		if (len == 0) {
			snprintf(why, whylen, "empty element %zu in list", count + 1);
			goto fail;
		}
		if ((dup = strndup(e, len)) == NULL)
			goto fail;
		if (hosts && config_value_host(dup) == -1) {
			snprintf(why, whylen, "'%s' is not a host or host:port", dup);
			free(dup);
			goto fail;
		}
		if ((grown = realloc(out, (count + 1) * sizeof(*out))) == NULL) {
			free(dup);
			goto fail;
		}
		out = grown;
		out[count++] = dup;
		p += strcspn(p, ",");
		if (*p == '\0')
			break;
		p++;
	}
	*v = out;
	*n = count;
	return 0;
fail:
	for (size_t i = 0; i < count; i++)
		free(out[i]);
	free(out);
	*v = NULL;
	*n = 0;
	return -1;
}

char *
config_value_path(const char *s, const char *dir, const char *env_state,
    const char *env_creds, int secret, char *why, size_t whylen)
{
	static const char *const names[] = { "STATE_DIRECTORY", "CREDENTIALS_DIRECTORY" };
	const char *vals[] = { env_state, env_creds };
	struct buf b = { 0 };
	const char *p = s;
	int deferred = 0;

	while (*p != '\0') {
		const char *close;
		size_t i, len;

		if (p[0] != '$' || p[1] != '{') {
			if (buf_putc(&b, *p++) == -1)
				goto oom;
			continue;
		}
		if ((close = strchr(p + 2, '}')) == NULL) {
			snprintf(why, whylen, "'${' without '}'");
			goto fail;
		}
		len = (size_t)(close - (p + 2));
		for (i = 0; i < 2; i++)
			if (strlen(names[i]) == len && strncmp(p + 2, names[i], len) == 0)
				break;
		if (i == 2) {
			snprintf(why, whylen, "unknown variable ${%.*s} (only ${STATE_DIRECTORY} "
			    "and ${CREDENTIALS_DIRECTORY})", (int)(len > 40 ? 40 : len), p + 2);
			goto fail;
		}
		if (vals[i] == NULL && i == 1 && secret) {
			/* A command run from a shell has no credentials: the path
			 * stays as written, and only reading it fails (deliver). */
			if (buf_append(&b, p, (size_t)(close + 1 - p)) == -1)
				goto oom;
			deferred = 1;
			p = close + 1;
			continue;
		}
		if (vals[i] == NULL) {
			snprintf(why, whylen, "${%s} is used but not set", names[i]);
			goto fail;
		}
		if (buf_puts(&b, vals[i]) == -1)
			goto oom;
		p = close + 1;
	}
	if (b.len == 0) {
		snprintf(why, whylen, "empty path");
		goto fail;
	}
	if (b.data[0] != '/' && !deferred) {
		struct buf abs = { 0 };

		if (buf_printf(&abs, "%s/%s", dir, b.data) == -1) {
			buf_free(&abs);
			goto oom;
		}
		buf_free(&b);
		b = abs;
	}
	return buf_detach(&b);
oom:
	snprintf(why, whylen, "out of memory");
fail:
	buf_free(&b);
	return NULL;
}

char *
config_value_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

void
config_value_join_names(const char *const *names, char *out, size_t outlen)
{
	size_t n = 0, used = 0;

	while (names[n] != NULL)
		n++;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < outlen; i++) {
		int w = snprintf(out + used, outlen - used, "%s%s%s",
		    i == 0 ? "expected " : i + 1 == n ? " or " : ", ", names[i], "");
		if (w < 0)
			return;
		used += (size_t)w;
	}
}

size_t
config_value_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[33], prev, tmp;

	if (la > 32 || lb > 32)
		return 9;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb] > 9 ? 9 : row[lb];
}

