/* Unit tests: config keys — every key the parser accepts (its own tables,
 * through config_keys_each) is documented in man/rightswatch.ini.5 as an
 * item ".It Ic KEY" of the subsection ".Ss [KIND ...]" of its section. */
#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/config.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAN_INI "man/rightswatch.ini.5" /* relative to the project root */

/* Does line (up to its newline) equal s? */
static int
line_is(const char *line, const char *s)
{
	size_t n = strlen(s);

	return strncmp(line, s, n) == 0 && (line[n] == '\n' || line[n] == '\0');
}

/* Is key an item ".It Ic key" (alone on its line) under ".Ss [section" (the
 * kind followed by a blank or ']'), before the next .Ss or .Sh? */
static int
documented(const char *man, const char *section, const char *key)
{
	char item[128];
	size_t slen = strlen(section);
	int in = 0;

	snprintf(item, sizeof(item), ".It Ic %s", key);
	for (const char *l = man; *l != '\0'; l = strchr(l, '\n') != NULL ?
	    strchr(l, '\n') + 1 : l + strlen(l)) {
		if (strncmp(l, ".Ss [", 5) == 0)
			in = strncmp(l + 5, section, slen) == 0 &&
			    (l[5 + slen] == ' ' || l[5 + slen] == ']');
		else if (strncmp(l, ".Ss ", 4) == 0 || strncmp(l, ".Sh ", 4) == 0)
			in = 0;
		else if (in && line_is(l, item))
			return 1;
	}
	return 0;
}

/* The matcher itself: what counts as documented and what does not. */
static void
test_convention(void **state)
{
	static const struct {
		const char *man, *section, *key;
		int want;
	} rows[] = {
		{ ".Ss [daemon]\n.Bl -tag\n.It Ic state\nx\n", "daemon", "state", 1 }, /* an item */
		{ ".Ss [source NAME]\n.It Ic url\n", "source", "url", 1 },     /* named section */
		{ ".Ss [source NAME]\n.It Ic url", "source", "url", 1 },       /* last line, no newline */
		{ ".Ss [daemon]\n.It Ic state\n", "source", "state", 0 },      /* another section */
		{ ".Ss [sources X]\n.It Ic url\n", "source", "url", 0 },       /* a longer kind */
		{ ".Ss [daemon]\nthe .It Ic state\n", "daemon", "state", 0 },  /* prose, not an item */
		{ ".Ss [daemon]\n.Ic state\n", "daemon", "state", 0 },         /* not an item */
		{ ".Ss [daemon]\n.It Ic states\n", "daemon", "state", 0 },     /* a longer key */
		{ ".Ss [daemon]\n.It Ic state , user_agent\n", "daemon", "user_agent", 0 }, /* two a line */
		{ ".Ss [daemon]\n.Sh FILES\n.It Ic state\n", "daemon", "state", 0 }, /* section ended */
		{ ".Ss [daemon]\n.Ss Other\n.It Ic state\n", "daemon", "state", 0 }, /* subsection ended */
		{ ".Ss [notify NAME]\n.Bl\n.It Ic url\n.El\n.Pp\n.Bl\n.It Ic command\n",
		    "notify", "command", 1 },                                   /* a later list */
	};
	(void)state;
	for (size_t i = 0; i < N(rows); i++)
		if (documented(rows[i].man, rows[i].section, rows[i].key) != rows[i].want)
			fail_msg("row %zu: [%s] %s: want %d", i, rows[i].section, rows[i].key,
			    rows[i].want);
}

struct keys_seen {
	const char *man;
	struct buf missing; /* "[section] key" a line */
	size_t n;
};

static void
check_key(const char *section, const char *key, void *arg)
{
	struct keys_seen *k = arg;

	k->n++;
	if (!documented(k->man, section, key))
		assert_int_equal(buf_printf(&k->missing, "  [%s] %s\n", section, key), 0);
}

/* Every key of the parser's tables has its item in the manual page. */
static void
test_every_key_documented(void **state)
{
	struct keys_seen k = { NULL, { NULL, 0, 0 }, 0 };
	char *man = unit_read_file(MAN_INI, NULL);

	(void)state;
	if (man == NULL)
		fail_msg("cannot read %s (tests run from the project root)", MAN_INI);
	k.man = man;
	config_keys_each(check_key, &k);
	free(man);
	if (k.missing.len > 0) {
		char *msg = buf_detach(&k.missing);

		print_error("keys missing from %s (an item '.It Ic KEY' under '.Ss [SECTION'):\n%s",
		    MAN_INI, msg);
		free(msg);
		fail();
	}
	/* the daemon, source and notify tables at least */
	assert_true(k.n > 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_convention),
		cmocka_unit_test(test_every_key_documented),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
