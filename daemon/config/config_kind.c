/*
 * config_kind — the value kinds of the configuration's keys (enum
 * config_kind, config_int.h): one converter per kind, in a table indexed by
 * the kind, each checking a value and storing it in its field. config_set
 * runs the key's converter and reports what it refused.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/config.h"
#include "rightswatch/config_value.h"
#include "rightswatch/httpd.h"
#include "config_int.h"

/* What a converter makes of a value. */
enum conv { CONV_OK = 0, CONV_BAD, CONV_EMPTY, CONV_OOM };

/* One conversion: the parse (for the directories), the key, its field,
 * the value as written, and a buffer for the reason of CONV_BAD. */
struct conv_in {
	const struct config_parse *p;
	const struct config_key *k;
	char *field;
	const char *value;
	char why[256];
};

/* Replace the string in the field by s (owned). */
static void
conv_put_string(struct conv_in *c, char *s)
{
	free(*(char **)(void *)c->field);
	memcpy(c->field, &s, sizeof(s));
}

/* Keep a copy of the value as written. */
static enum conv
conv_keep(struct conv_in *c)
{
	char *s;

	if ((s = strdup(c->value)) == NULL)
		return CONV_OOM;
	conv_put_string(c, s);
	return CONV_OK;
}

/* CK_STRING, CK_URL, CK_URLGLOB, CK_XPATH: non-empty text, checked by kind. */
static enum conv
conv_string(struct conv_in *c)
{
	enum config_kind kind = c->k->kind;

	if (*c->value == '\0')
		return CONV_EMPTY;
	if ((kind == CK_URL && config_value_url(c->value, 0, c->why, sizeof(c->why)) == -1) ||
	    (kind == CK_URLGLOB && config_value_url(c->value, 1, c->why, sizeof(c->why)) == -1) ||
	    (kind == CK_XPATH && config_value_xpath(c->value, c->why, sizeof(c->why)) == -1))
		return CONV_BAD;
	return conv_keep(c);
}

/* CK_LISTEN: [ADDRESS:]PORT, as the listener will read it. */
static enum conv
conv_listen(struct conv_in *c)
{
	char addr[64];
	int port, loopback;

	if (httpd_parse_listen(c->value, addr, sizeof(addr), &port, &loopback, c->why,
	    sizeof(c->why)) == -1)
		return CONV_BAD;
	return conv_keep(c);
}

/* CK_PATH, CK_STATE, CK_SECRET: expanded, anchored at its directory. */
static enum conv
conv_path(struct conv_in *c)
{
	const struct config_parse *p = c->p;
	enum config_kind kind = c->k->kind;
	char *s;

	if (*c->value == '\0')
		return CONV_EMPTY;
	s = config_value_path(c->value, kind == CK_STATE && p->env_state != NULL ?
	    p->env_state : p->dir, p->env_state, p->env_creds, kind == CK_SECRET, c->why,
	    sizeof(c->why));
	if (s == NULL)
		return CONV_BAD;
	conv_put_string(c, s);
	return CONV_OK;
}

/* CK_INT, CK_COUNT, CK_INT64: a whole number within the key's range. */
static enum conv
conv_int(struct conv_in *c)
{
	long long ll;

	if (config_value_int(c->value, c->k->min, c->k->max, &ll) == -1) {
		snprintf(c->why, sizeof(c->why), "expected a whole number from %lld to %lld",
		    c->k->min, c->k->max);
		return CONV_BAD;
	}
	if (c->k->kind == CK_INT) {
		int v = (int)ll;

		memcpy(c->field, &v, sizeof(v));
	} else if (c->k->kind == CK_COUNT) {
		size_t v = (size_t)ll;

		memcpy(c->field, &v, sizeof(v));
	} else {
		int64_t v = (int64_t)ll;

		memcpy(c->field, &v, sizeof(v));
	}
	return CONV_OK;
}

/* CK_REAL: a number above 0, at most the key's max. */
static enum conv
conv_real(struct conv_in *c)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(c->value, &end);
	if (end == c->value || *end != '\0' || errno != 0 || !(d > 0) ||
	    d > (double)c->k->max) {
		snprintf(c->why, sizeof(c->why), "expected a number above 0 and at most %lld",
		    c->k->max);
		return CONV_BAD;
	}
	memcpy(c->field, &d, sizeof(d));
	return CONV_OK;
}

/* CK_DURATION, CK_SIZE: with a unit. */
static enum conv
conv_unit(struct conv_in *c)
{
	int duration = c->k->kind == CK_DURATION;
	int64_t v = duration ? config_parse_duration(c->value) : config_parse_size(c->value);

	if (v == -1) {
		snprintf(c->why, sizeof(c->why), duration ? "bad duration (use e.g. 30s, 10m, 1h, 1d)" :
		    "bad size (use e.g. 512KiB, 8MiB, 1GiB, 100kB)");
		return CONV_BAD;
	}
	memcpy(c->field, &v, sizeof(v));
	return CONV_OK;
}

/* CK_ENUM: one of the key's names, stored as its index. */
static enum conv
conv_enum(struct conv_in *c)
{
	for (int i = 0; c->k->names[i] != NULL; i++)
		if (strcmp(c->value, c->k->names[i]) == 0) {
			memcpy(c->field, &i, sizeof(i));
			return CONV_OK;
		}
	config_value_join_names(c->k->names, c->why, sizeof(c->why));
	return CONV_BAD;
}

/* CK_BOOL: yes, no, true or false. */
static enum conv
conv_bool(struct conv_in *c)
{
	int v;

	if ((v = config_value_bool(c->value)) == -1) {
		snprintf(c->why, sizeof(c->why), "expected yes, no, true or false");
		return CONV_BAD;
	}
	memcpy(c->field, &v, sizeof(v));
	return CONV_OK;
}

/* CK_LIST, CK_HOSTS: comma-separated, replacing an earlier value. */
static enum conv
conv_list(struct conv_in *c)
{
	struct config_list l = { NULL, 0 };

	if (config_value_list(c->value, c->k->kind == CK_HOSTS, &l.v, &l.n, c->why,
	    sizeof(c->why)) == -1)
		return l.v == NULL && c->why[0] == '\0' ? CONV_OOM : CONV_BAD;
	config_list_free((struct config_list *)(void *)c->field);
	memcpy(c->field, &l, sizeof(l));
	return CONV_OK;
}

/* The converter of each kind. */
static enum conv (*const config_kinds[])(struct conv_in *) = {
	[CK_STRING] = conv_string,
	[CK_URL] = conv_string,
	[CK_URLGLOB] = conv_string,
	[CK_XPATH] = conv_string,
	[CK_PATH] = conv_path,
	[CK_STATE] = conv_path,
	[CK_SECRET] = conv_path,
	[CK_INT] = conv_int,
	[CK_COUNT] = conv_int,
	[CK_DURATION] = conv_unit,
	[CK_SIZE] = conv_unit,
	[CK_ENUM] = conv_enum,
	[CK_BOOL] = conv_bool,
	[CK_LIST] = conv_list,
	[CK_HOSTS] = conv_list,
	[CK_REAL] = conv_real,
	[CK_INT64] = conv_int,
	[CK_LISTEN] = conv_listen,
};

void
config_set(struct config_parse *p, const struct config_key *k, void *obj,
    const char *value, int line)
{
	struct conv_in c;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.k = k;
	c.field = (char *)obj + k->off;
	c.value = value;
	switch ((unsigned)k->kind < sizeof(config_kinds) / sizeof(config_kinds[0]) &&
	    config_kinds[k->kind] != NULL ? config_kinds[k->kind](&c) : CONV_BAD) {
	case CONV_OK:
		break;
	case CONV_EMPTY:
		config_err(p, line, "%s: empty value", k->name);
		break;
	case CONV_BAD:
		config_err(p, line, "%s: %s: '%s'", k->name, c.why, value);
		break;
	case CONV_OOM:
		p->oom = 1;
		break;
	}
}
