/* Unit tests: log — when stderr counts as the journal's stream: only when
 * $JOURNAL_STREAM names exactly the device and inode of the descriptor
 * (systemd sets it for the service; a child whose stderr was redirected
 * inherits a value that no longer matches). */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "rightswatch/log.h"

static void
test_journal_stream(void **state)
{
	char dir[64], same[64], other_dev[64], other_ino[64];
	struct stat sb;
	int fd;

	(void)state;
	assert_int_equal(unit_tmpdir(dir, sizeof(dir), "/tmp/rw-log-XXXXXX"), 0);
	fd = open(unit_path(dir, "stream"), O_CREAT | O_RDWR, 0600);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &sb), 0);
	snprintf(same, sizeof(same), "%llu:%llu", (unsigned long long)sb.st_dev,
	    (unsigned long long)sb.st_ino);
	snprintf(other_dev, sizeof(other_dev), "%llu:%llu", (unsigned long long)sb.st_dev + 1,
	    (unsigned long long)sb.st_ino);
	snprintf(other_ino, sizeof(other_ino), "%llu:%llu", (unsigned long long)sb.st_dev,
	    (unsigned long long)sb.st_ino + 1);
	{
		const struct {
			const char *value;
			int want;
		} rows[] = {
			{ same, 1 },          /* stderr is the journal's stream */
			{ other_dev, 0 },     /* another device */
			{ other_ino, 0 },     /* another inode: redirected */
			{ NULL, 0 },          /* not set */
			{ "", 0 },            /* empty */
			{ "12", 0 },          /* no inode */
			{ "a:b", 0 },         /* not numbers */
		};

		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
			if (log_is_journal(rows[i].value, fd) != rows[i].want)
				fail_msg("row %zu: %s", i, rows[i].value ? rows[i].value : "(null)");
	}
	/* trailing text after the inode is not the same stream */
	{
		char trailing[80];

		snprintf(trailing, sizeof(trailing), "%sx", same);
		assert_int_equal(log_is_journal(trailing, fd), 0);
	}
	assert_int_equal(log_is_journal(same, -1), 0); /* a closed descriptor */
	close(fd);
	unit_rmtree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
