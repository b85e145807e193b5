/*
 * config_types — what the configuration's plain data needs beyond its
 * declarations: the names of its enumerations (the parser's key tables use
 * them too) and the release of a list. No parsing here: that is config.c.
 */
#include <stdlib.h>

#include "rightswatch/config_types.h"

#define NAMES(a) (sizeof(a) / sizeof((a)[0]) - 1)

const char *const config_source_type_names[] = { "auto", "rss", "atom", "json", "html", NULL };
const char *const config_lang_names[] = { "auto", "en", "fr", NULL };
const char *const config_fetch_names[] = { "auto", "always", "never", NULL };
const char *const config_notify_type_names[] = { "syslog", "email", "webhook", "exec", NULL };
const char *const config_starttls_names[] = { "required", "try", "never", NULL };

void
config_list_free(struct config_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const char *
config_source_type_name(enum config_source_type t)
{
	if ((unsigned)t >= NAMES(config_source_type_names))
		return "unknown";
	return config_source_type_names[t];
}

const char *
config_notify_type_name(enum config_notify_type t)
{
	if ((unsigned)t >= NAMES(config_notify_type_names))
		return "unknown";
	return config_notify_type_names[t];
}
