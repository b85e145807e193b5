/* libFuzzer target: the baselines CSV reader on arbitrary bytes, then the
 * writer and the alert formatters over what it read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alert.h"
#include "rightswatch/baseline_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct baseline_csv_rows rows;
	struct buf out = { 0 };
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (baseline_csv_parse("fuzz", text, size, &rows, NULL, NULL) >= 0) {
		(void)baseline_csv_write(&out, rows.rows, rows.n);
		baseline_csv_rows_free(&rows);
	}
	buf_free(&out);
	{
		struct alert a;
		const char *to[] = { "a@example.org" };
		struct alert_mail m = { "b@example.org", to, 1, text, 0, text };
		char err[64], *s;

		memset(&a, 0, sizeof(a));
		a.rule = a.country = a.indicator = a.title = a.url = a.sentence = text;
		a.baseline_source = text;
		a.has_baseline = 1;
		free(alert_text(&a));
		free(alert_syslog(&a));
		free(alert_json_text(&a));
		free(alert_qp_encode(text, size));
		if ((s = alert_rfc5322(&a, &m, err, sizeof(err))) != NULL)
			free(s);
		(void)alert_address_valid(text);
	}
	free(text);
	return 0;
}
