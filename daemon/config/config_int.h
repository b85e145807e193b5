/*
 * config_int — private to the configuration module (config.c, the generic
 * machinery, and config_sections.c, the tables of sections and keys).
 */
#ifndef RW_CONFIG_INT_H
#define RW_CONFIG_INT_H

#include <stddef.h>

#include "rightswatch/config.h"

#define CONFIG_MAX_KEYS 32 /* keys per section kind (key_line below) */

enum config_kind {
	CK_STRING,   /* char *, non-empty */
	CK_URL,      /* char *, http or https */
	CK_URLGLOB,  /* char *, http(s) prefix or glob */
	CK_XPATH,    /* char *, compiles */
	CK_PATH,     /* char *, expanded, relative to the file's directory */
	CK_STATE,    /* char *, expanded, relative to $STATE_DIRECTORY */
	CK_SECRET,   /* CK_PATH that may name an unset ${CREDENTIALS_DIRECTORY} */
	CK_INT,      /* int within [min, max] */
	CK_COUNT,    /* size_t within [min, max] */
	CK_DURATION, /* int64_t seconds */
	CK_SIZE,     /* int64_t bytes */
	CK_ENUM,     /* int: index in names */
	CK_BOOL,     /* int: 0 or 1 */
	CK_LIST,     /* struct config_list */
	CK_HOSTS,    /* struct config_list of host or host:port */
	CK_REAL,     /* double within (0, max] */
	CK_INT64,    /* int64_t within [min, max] */
	CK_LISTEN    /* char *, [ADDRESS:]PORT (httpd_parse_listen) */
};

struct config_key {
	const char *name;
	enum config_kind kind;
	size_t off;                /* of the field in the section's struct */
	const char *const *names;  /* CK_ENUM: NULL-terminated */
	long long min, max;        /* CK_INT, CK_COUNT */
	int required;
};

struct config_parse;

struct config_section {
	const char *kind;  /* the word in "[kind NAME]" */
	int named;         /* takes a NAME */
	int name_ci;       /* NAMEs compare case-insensitively */
	int (*name_ok)(const char *name, const char **why);
	const struct config_key *keys;
	size_t nkeys;
	/* named: where the array lives in struct config, and its element */
	size_t arr_off, n_off, elem_size, name_off, line_off;
	void (*init)(void *obj);
	/* cross-key checks at the end of the section; key_line[i] is the line
	 * of keys[i], 0 when absent */
	void (*finish)(struct config_parse *p, void *obj, const int *key_line);
	void (*free_elem)(void *obj);  /* named: release what one element owns */
};

struct config_parse {
	struct config *cf;
	const char *dir;       /* anchors relative paths */
	const char *env_state; /* first directory of $STATE_DIRECTORY, or NULL */
	const char *env_creds;
	config_diag_fn *diag;
	void *arg;
	int nerr;
	int oom;

	const struct config_section *sec; /* NULL: outside any usable section */
	int in_section;                   /* a header was seen (usable or not) */
	void *obj;
	char label[160];                  /* "[source x]", for messages */
	int sec_line;
	int key_line[CONFIG_MAX_KEYS];
	int nkeys;                        /* key lines in the section, good or bad */
	int daemon_line;
};

/* Report one problem at line (0: none) of the file being parsed
 * (config_diag.c). */
void config_err(struct config_parse *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report "path: msg" (": strerror(errnum)" when errnum is not 0) to diag
 * (may be NULL), outside any parse (config_diag.c). */
void config_diag_path(config_diag_fn *diag, void *arg, const char *path, const char *msg,
    int errnum);

#define KEY(s, n, k, f) { n, k, offsetof(s, f), NULL, 0, 0, 0 }
#define KEYR(s, n, k, f) { n, k, offsetof(s, f), NULL, 0, 0, 1 }
#define KEYE(s, n, f, names) { n, CK_ENUM, offsetof(s, f), names, 0, 0, 0 }
#define KEYN(s, n, k, f, lo, hi) { n, k, offsetof(s, f), NULL, lo, hi, 0 }
#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

/* Convert value per k's kind into its field at obj + k->off; a value
 * refused is reported at line (config_kind.c). */
void config_set(struct config_parse *p, const struct config_key *k, void *obj,
    const char *value, int line);

/* The section kinds, in the order their names are listed in messages. */
extern const struct config_section config_sections[];
extern const size_t config_nsections;

/* Checks across sections once the whole file is read (references between
 * them); problems go through config_err. */
void config_sections_check(struct config_parse *p);

#endif
