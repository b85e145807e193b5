/*
 * config — the INI configuration: what each section and key means, their
 * defaults and their validation (the lines themselves are config_ini's).
 *
 * Table-driven: a section kind (config_sections) names its keys, each key a
 * value kind and the offset of its field, so a new section is an array of
 * structs in struct config plus two tables in config_sections.c. Every problem is reported
 * as "FILE:LINE: message" and parsing goes on, so `check` shows them all.
 * config_parse is pure (the environment comes in as arguments); config_load
 * reads the file and the environment.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rightswatch/buf.h"
#include "rightswatch/config.h"
#include "config_ini.h"
#include "rightswatch/config_value.h"
#include "rightswatch/http.h"
#include "rightswatch/httpd.h"
#include "config_int.h"
#include "rightswatch/log.h"
#include "rightswatch/suggest.h"
#include "rightswatch/version.h"

#define CONFIG_MAX_FILE (1024 * 1024) /* bytes of a configuration file */

/* ---- arrays of named sections ---- */

static char *
config_elem_name(const struct config_section *sk, void *elem)
{
	char *name;

	memcpy(&name, (char *)elem + sk->name_off, sizeof(name));
	return name;
}

static void *
config_elem(const struct config_section *sk, const struct config *cf, size_t i)
{
	char *base;

	memcpy(&base, (const char *)cf + sk->arr_off, sizeof(base));
	return base + i * sk->elem_size;
}

static size_t *
config_count(const struct config_section *sk, struct config *cf)
{
	return (size_t *)(void *)((char *)cf + sk->n_off);
}

/* Append a zeroed element named name; NULL when out of memory. */
static void *
config_elem_add(struct config_parse *p, const struct config_section *sk,
    const char *name, int line)
{
	size_t *n = config_count(sk, p->cf);
	char *base, *elem, *dup;

	if ((dup = strdup(name)) == NULL)
		return NULL;
	memcpy(&base, (char *)p->cf + sk->arr_off, sizeof(base));
	if ((base = realloc(base, (*n + 1) * sk->elem_size)) == NULL) {
		free(dup);
		return NULL;
	}
	memcpy((char *)p->cf + sk->arr_off, &base, sizeof(base));
	elem = base + *n * sk->elem_size;
	memset(elem, 0, sk->elem_size);
	(*n)++;
	memcpy(elem + sk->name_off, &dup, sizeof(dup));
	memcpy(elem + sk->line_off, &line, sizeof(line));
	if (sk->init != NULL)
		sk->init(elem);
	return elem;
}

/* ---- events from config_ini ---- */

/* Remember where the section and each of its keys were written. */
static void
config_keep_lines(struct config_parse *p)
{
	const struct config_section *sk = p->sec;
	struct config *cf = p->cf;
	struct config_keyline *v;
	const char *name = sk->named ? config_elem_name(sk, p->obj) : NULL;
	size_t n = 1;

	for (size_t i = 0; i < sk->nkeys; i++)
		n += p->key_line[i] != 0;
	if ((v = realloc(cf->keylines, (cf->nkeylines + n) * sizeof(*v))) == NULL) {
		p->oom = 1;
		return;
	}
	cf->keylines = v;
	v[cf->nkeylines++] = (struct config_keyline){ sk->kind, name, NULL, p->sec_line };
	for (size_t i = 0; i < sk->nkeys; i++)
		if (p->key_line[i] != 0)
			v[cf->nkeylines++] = (struct config_keyline){ sk->kind, name,
			    sk->keys[i].name, p->key_line[i] };
}

static void
config_end_section(struct config_parse *p)
{
	const struct config_section *sk = p->sec;
	int missing = 0;

	if (sk == NULL)
		return;
	config_keep_lines(p);
	for (size_t i = 0; i < sk->nkeys; i++) {
		if (sk->keys[i].required && p->key_line[i] == 0) {
			config_err(p, p->sec_line, "%s: missing required key '%s'",
			    p->label, sk->keys[i].name);
			missing++;
		}
	}
	if (p->nkeys == 0 && missing == 0)
		config_err(p, p->sec_line, "%s: empty section", p->label);
	else if (sk->finish != NULL)
		sk->finish(p, p->obj, p->key_line);
	p->sec = NULL;
	p->obj = NULL;
}

static void
config_on_section(void *arg, const char *text, int line)
{
	struct config_parse *p = arg;
	const struct config_section *sk = NULL;
	const char *name, *why = NULL;
	size_t klen;

	config_end_section(p);
	p->in_section = 1;
	p->nkeys = 0;
	memset(p->key_line, 0, sizeof(p->key_line));
	memset(p->key_bad, 0, sizeof(p->key_bad));
	if (text == NULL)
		return;
	klen = strcspn(text, " \t");
	name = text + klen;
	name += strspn(name, " \t");
	for (size_t i = 0; i < config_nsections; i++)
		if (strlen(config_sections[i].kind) == klen &&
		    strncmp(text, config_sections[i].kind, klen) == 0)
			sk = &config_sections[i];
	if (sk == NULL) {
		char kinds[160] = "", word[64];
		const char *names[16], *hint;
		size_t n = 0;

		for (size_t i = 0; i < config_nsections; i++) {
			snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s%s",
			    i == 0 ? "" : i + 1 == config_nsections ? " or " : ", ",
			    config_sections[i].kind);
			if (n < sizeof(names) / sizeof(names[0]))
				names[n++] = config_sections[i].kind;
		}
		snprintf(word, sizeof(word), "%.*s", (int)(klen < 63 ? klen : 63), text);
		if ((hint = suggest_nearest(word, names, n)) != NULL)
			config_err(p, line, "unknown section [%s] (did you mean [%s%s%s]?)", text,
			    hint, *name != '\0' ? " " : "", name);
		else
			config_err(p, line, "unknown section [%s] (expected %s)", text, kinds);
		return;
	}
	if (sk->named && *name == '\0') {
		config_err(p, line, "[%s] needs a name: [%s NAME]", sk->kind, sk->kind);
		return;
	}
	if (!sk->named && *name != '\0') {
		config_err(p, line, "[%s] takes no name", sk->kind);
		return;
	}
	snprintf(p->label, sizeof(p->label), "[%s]", text);
	p->sec_line = line;
	if (!sk->named) {
		if (p->daemon_line != 0) {
			config_err(p, line, "duplicate section %s (first at line %d)",
			    p->label, p->daemon_line);
			return;
		}
		p->daemon_line = line;
		p->sec = sk;
		p->obj = p->cf;
		return;
	}
	if (!sk->name_ok(name, &why)) {
		config_err(p, line, "bad name in %s: %s", p->label, why);
		return;
	}
	for (size_t i = 0; i < *config_count(sk, p->cf); i++) {
		void *e = config_elem(sk, p->cf, i);
		const char *other = config_elem_name(sk, e);
		int oline;

		if ((sk->name_ci ? strcasecmp(other, name) : strcmp(other, name)) == 0) {
			memcpy(&oline, (char *)e + sk->line_off, sizeof(oline));
			config_err(p, line, "duplicate section %s (first at line %d)",
			    p->label, oline);
			return;
		}
	}
	if ((p->obj = config_elem_add(p, sk, name, line)) == NULL) {
		p->oom = 1;
		return;
	}
	p->sec = sk;
}

/* The known key nearest to name, when a typo is likely; NULL otherwise. */
static const char *
config_suggest(const struct config_section *sk, const char *name)
{
	const char *names[CONFIG_MAX_KEYS];

	for (size_t i = 0; i < sk->nkeys && i < CONFIG_MAX_KEYS; i++)
		names[i] = sk->keys[i].name;
	return suggest_nearest(name, names, sk->nkeys < CONFIG_MAX_KEYS ? sk->nkeys :
	    CONFIG_MAX_KEYS);
}

static void
config_on_key(void *arg, const char *key, const char *value, int line)
{
	struct config_parse *p = arg;
	const struct config_section *sk = p->sec;
	const char *hint;
	size_t i;
	int nerr;

	if (sk == NULL) {
		if (!p->in_section)
			config_err(p, line, "'%s' outside any section", key);
		return;
	}
	p->nkeys++;
	for (i = 0; i < sk->nkeys; i++)
		if (strcmp(key, sk->keys[i].name) == 0)
			break;
	if (i == sk->nkeys) {
		if ((hint = config_suggest(sk, key)) != NULL)
			config_err(p, line, "unknown key '%s' in %s (did you mean '%s'?)",
			    key, p->label, hint);
		else
			config_err(p, line, "unknown key '%s' in %s", key, p->label);
		return;
	}
	if (p->key_line[i] != 0) {
		config_err(p, line, "duplicate key '%s' in %s (first at line %d)",
		    key, p->label, p->key_line[i]);
		return;
	}
	p->key_line[i] = line;
	nerr = p->nerr;
	config_set(p, &sk->keys[i], p->obj, value, line);
	p->key_bad[i] = p->nerr > nerr;
}

static void
config_on_error(void *arg, int line, const char *msg)
{
	config_err(arg, line, "%s", msg);
}

static const struct config_ini_ops config_ops = {
	config_on_section, config_on_key, config_on_error
};

/* ---- the whole file ---- */

static int
config_defaults(struct config *cf)
{
	cf->interval = CONFIG_DEFAULT_INTERVAL;
	cf->max_parallel = HTTP_DEFAULT_PARALLEL;
	cf->per_host = HTTP_DEFAULT_PER_HOST;
	cf->timeout = HTTP_DEFAULT_TIMEOUT;
	cf->max_body = HTTP_DEFAULT_MAX_BODY;
	cf->log_level = LOG_LEVEL_INFO;
	cf->keep_revisions = CONFIG_DEFAULT_KEEP_REVISIONS;
	cf->user_agent = strdup(CONFIG_DEFAULT_USER_AGENT);
	return cf->user_agent == NULL ? -1 : 0;
}

/* What only the whole file decides: the state file, inherited intervals. */
static int
config_complete(struct config_parse *p)
{
	struct config *cf = p->cf;

	if (cf->state == NULL) {
		struct buf b = { 0 };

		if (buf_printf(&b, "%s/%s", p->env_state != NULL ? p->env_state :
		    CONFIG_DEFAULT_STATE_DIR, CONFIG_DEFAULT_STATE_FILE) == -1)
			return -1;
		cf->state = buf_detach(&b);
	}
	for (size_t i = 0; i < cf->nsources; i++)
		if (cf->sources[i].interval == 0)
			cf->sources[i].interval = cf->interval;
	return 0;
}

static struct config *
config_parse_in(const char *text, size_t len, const char *path, const char *dir,
    const char *env_state, const char *env_creds, config_diag_fn *diag, void *arg)
{
	struct config_parse p;
	char *state = NULL;

	memset(&p, 0, sizeof(p));
	p.diag = diag;
	p.arg = arg;
	p.dir = dir;
	p.env_creds = env_creds != NULL && *env_creds != '\0' ? env_creds : NULL;
	if (env_state != NULL && *env_state != '\0') {
		/* StateDirectory= with several names gives a colon-separated list. */
		if ((state = strndup(env_state, strcspn(env_state, ":"))) == NULL)
			return NULL;
		p.env_state = state;
	}
	if ((p.cf = calloc(1, sizeof(*p.cf))) == NULL ||
	    (p.cf->path = strdup(path)) == NULL || config_defaults(p.cf) == -1) {
		free(state);
		config_free(p.cf);
		return NULL;
	}
	if (config_ini_parse(text, len, &config_ops, &p) == -1)
		p.oom = 1;
	config_end_section(&p);
	if (!p.oom && config_complete(&p) == -1)
		p.oom = 1;
	if (!p.oom)
		config_sections_check(&p);
	if (p.oom)
		config_err(&p, 0, "out of memory");
	free(state);
	if (p.nerr > 0) {
		config_free(p.cf);
		return NULL;
	}
	return p.cf;
}

struct config *
config_parse(const char *text, size_t len, const char *path, const char *env_state,
    const char *env_creds, config_diag_fn *diag, void *arg)
{
	struct config *cf;
	char *dir = config_value_dirname(path);

	if (dir == NULL)
		return NULL;
	cf = config_parse_in(text, len, path, dir, env_state, env_creds, diag, arg);
	free(dir);
	return cf;
}

struct config *
config_load(const char *path, config_diag_fn *diag, void *arg)
{
	struct buf text = { 0 }, abs = { 0 };
	struct config *cf = NULL;
	char chunk[8192], *dir = NULL, cwd[4096];
	size_t n;
	FILE *fp;
	int err = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		config_diag_path(diag, arg, path, "cannot open", errno);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (text.len + n > CONFIG_MAX_FILE) {
			config_diag_path(diag, arg, path, "file too large", 0);
			goto out;
		}
		if (buf_append(&text, chunk, n) == -1) {
			config_diag_path(diag, arg, path, "out of memory", 0);
			goto out;
		}
	}
	if (ferror(fp)) {
		config_diag_path(diag, arg, path, "read error", errno);
		goto out;
	}
	/* Anchor relative paths absolutely: the daemon may change directory. */
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		err = buf_printf(&abs, "%s/%s", cwd, path);
	else
		err = buf_puts(&abs, path);
	if (err == -1 || (dir = config_value_dirname(abs.data)) == NULL) {
		config_diag_path(diag, arg, path, "out of memory", 0);
		goto out;
	}
	cf = config_parse_in(text.data != NULL ? text.data : "", text.len, path, dir,
	    getenv("STATE_DIRECTORY"), getenv("CREDENTIALS_DIRECTORY"), diag, arg);
out:
	fclose(fp);
	free(dir);
	buf_free(&abs);
	buf_free(&text);
	return cf;
}

void
config_free(struct config *cf)
{
	if (cf == NULL)
		return;
	for (size_t k = 0; k < config_nsections; k++) {
		const struct config_section *sk = &config_sections[k];
		char *base;

		if (!sk->named)
			continue;
		for (size_t i = 0; i < *config_count(sk, cf); i++) {
			void *e = config_elem(sk, cf, i);

			free(config_elem_name(sk, e));
			if (sk->free_elem != NULL)
				sk->free_elem(e);
		}
		memcpy(&base, (char *)cf + sk->arr_off, sizeof(base));
		free(base);
	}
	free(cf->keylines);
	free(cf->path);
	free(cf->state);
	free(cf->user_agent);
	free(cf->baselines);
	free(cf->listen);
	free(cf->public_url);
	free(cf);
}
