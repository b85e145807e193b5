/* libFuzzer target: extract_text over arbitrary bytes, both languages. */
#include <stddef.h>
#include <stdint.h>

#include "rightswatch/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct extract_taxonomy *tx;
	struct extract_params p = { { 2021, 8, 6 }, EXTRACT_LANG_AUTO, NULL, NULL };
	struct extract_result res;

	if (tx == NULL && (tx = extract_taxonomy_new(NULL)) == NULL)
		return 0;
	if (size > 0)
		p.lang = (enum extract_lang)(data[0] % 3);
	if (extract_text(tx, (const char *)data, size, &p, &res) == 0)
		extract_result_free(&res);
	(void)extract_release_country(tx, (const char *)data, size);
	return 0;
}
