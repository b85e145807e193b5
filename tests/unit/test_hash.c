/* Unit tests: hash — SHA-256 against the FIPS 180-4 example vectors. */
#include "unit.h"
#include "rightswatch/hash.h"

static void
test_vectors(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" }, /* empty */
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" }, /* one block */
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", /* padding spills */
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char out[65];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_string_equal(hash_sha256_hex(rows[i].in, strlen(rows[i].in), out), rows[i].want);
}

static void
test_incremental(void **state)
{
	struct hash_sha256 c;
	uint8_t d[32];
	char a[1000], out[65];

	(void)state;
	/* One million 'a', fed in uneven pieces. */
	memset(a, 'a', sizeof(a));
	hash_sha256_init(&c);
	for (int i = 0; i < 1000; i++) {
		hash_sha256_update(&c, a, 333);
		hash_sha256_update(&c, a, 667);
	}
	hash_sha256_final(&c, d);
	assert_string_equal(hash_hex(d, out),
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_incremental),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
