/*
 * Unit tests: secret — the one reader of a password file, which both the
 * mail destination (at each send) and `check` use: a table of files, by
 * content and mode, with what each gives or why it is refused.
 */
#include <sys/stat.h>

#include "unit.h"
#include "rightswatch/secret.h"

static char dir[64];

static int
setup_dir(void **state)
{
	(void)state;
	return unit_tmpdir(dir, sizeof(dir), "/tmp/rw-secret-XXXXXX");
}

static int
teardown_dir(void **state)
{
	(void)state;
	return unit_rmtree(dir);
}

static void
test_secret_files(void **state)
{
	static const struct {
		const char *name;
		const char *content;   /* NULL: no file */
		mode_t mode;
		const char *secret;    /* what is read, or NULL when refused */
		const char *why;       /* a part of the reason when refused */
	} rows[] = {
		/* the owner alone: read, its line break dropped */
		{ "owner", "hunter2\n", 0600, "hunter2", NULL },
		/* a CRLF file, read-only for the owner */
		{ "crlf", "s3cret\r\n", 0400, "s3cret", NULL },
		/* its group may read it: refused, as ssh refuses such a key */
		{ "group", "hunter2\n", 0640, NULL, "can be read by its group or by others; chmod 600" },
		/* everyone may read it */
		{ "other", "hunter2\n", 0604, NULL, "can be read by its group or by others" },
		/* only line breaks: empty */
		{ "empty", "\n\n", 0600, NULL, "is empty" },
		/* not there */
		{ "missing", NULL, 0, NULL, "No such file or directory" },
	};
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char path[300], *got;

		snprintf(path, sizeof(path), "%s", unit_path(dir, rows[i].name));
		if (rows[i].content != NULL) {
			FILE *fp = fopen(path, "w");

			assert_non_null(fp);
			fputs(rows[i].content, fp);
			fclose(fp);
			assert_int_equal(chmod(path, rows[i].mode), 0);
		}
		err[0] = '\0';
		got = secret_read(path, err, sizeof(err));
		if (rows[i].secret != NULL) {
			assert_non_null(got);
			assert_string_equal(got, rows[i].secret);
			free(got);
		} else {
			assert_null(got);
			if (strstr(err, rows[i].why) == NULL)
				fail_msg("row %s: '%s' does not say '%s'", rows[i].name, err, rows[i].why);
		}
	}
	/* an unexpanded ${CREDENTIALS_DIRECTORY}: the credential is the service's */
	assert_null(secret_read("${CREDENTIALS_DIRECTORY}/p", err, sizeof(err)));
	assert_non_null(strstr(err, "$CREDENTIALS_DIRECTORY is not set"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secret_files),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
