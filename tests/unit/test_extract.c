/*
 * Unit tests: extract — every table row of tests/fixtures/extract/rows_*.txt
 * (format: /work/wt/ROWS.md; one cmocka test per file, every failing row
 * reported as FILE:LINE with expected and actual observations), and the
 * golden releases of tests/fixtures/extract/golden/ (NAME.txt against
 * NAME.jsonl, see tests/fixtures/extract/README.md).
 */
#include "unit.h"

#include <dirent.h>
#include <jansson.h>

#include "rightswatch/buf.h"
#include "rightswatch/extract.h"

#define ROWS_DIR FIXTURES "/extract"
#define GOLDEN_DIR FIXTURES "/extract/golden"

/* Failures still tolerated for a file (tests/fixtures/extract/known_failures.txt,
 * "NAME COUNT" lines): a ratchet that only goes down; every failing row is
 * reported regardless. */
static int
known_failures(const char *path)
{
	const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	FILE *fp = fopen(ROWS_DIR "/known_failures.txt", "r");
	char name[256];
	int n, found = 0;

	if (fp == NULL)
		return 0;
	while (fscanf(fp, "%255s %d", name, &n) == 2)
		if (strcmp(name, base) == 0) {
			found = n;
			break;
		}
	fclose(fp);
	return found;
}

static void
test_rows_file(void **state)
{
	unit_rows_table(*state, unit_row_full, known_failures(*state));
}

/* Compare one observation with one expected JSON object (the keys of the
 * golden files); 0 when equal. */
static int
obs_differs(const struct extract_obs *o, json_t *w)
{
	char ps[16], pe[16];
	const char *wps = json_string_value(json_object_get(w, "period_start"));
	const char *wpe = json_string_value(json_object_get(w, "period_end"));
	const char *wc = json_string_value(json_object_get(w, "country"));
	const char *wr = json_string_value(json_object_get(w, "region"));

	if (strcmp(o->indicator, json_string_value(json_object_get(w, "indicator"))) != 0 ||
	    o->value != json_integer_value(json_object_get(w, "value")) ||
	    strcmp(extract_qualifier_name(o->qualifier), json_string_value(json_object_get(w, "qualifier"))) != 0 ||
	    o->derived != json_is_true(json_object_get(w, "derived")))
		return 1;
	/* a stock has only an end: the date it is as of */
	if ((wps == NULL) != !o->has_period || (wpe == NULL) != !(o->has_period || extract_obs_end_only(o)))
		return 1;
	if (o->has_period && strcmp(wps, date_format_ymd(o->period_start, ps)) != 0)
		return 1;
	if (wpe != NULL && strcmp(wpe, date_format_ymd(o->period_end, pe)) != 0)
		return 1;
	if ((wc == NULL) != (o->country == NULL) || (wc != NULL && strcmp(wc, o->country) != 0))
		return 1;
	if ((wr == NULL) != (o->region == NULL) || (wr != NULL && strcmp(wr, o->region) != 0))
		return 1;
	return 0;
}

/* A golden release: title, date, blank line, body; the language is the
 * file name's prefix; the country is left to the extractor. */
static void
test_golden_file(void **state)
{
	const char *path = *state;
	char jpath[1024], line[8192], *text, *date, *body;
	struct extract_params p;
	struct extract_result res;
	struct buf in = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	FILE *fp;
	char chunk[4096];
	size_t n, nw = 0;
	int fail = 0, lineno = 0;
	const char *base = strrchr(path, '/');

	assert_non_null(fp = fopen(path, "rb"));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&in, chunk, n);
	fclose(fp);
	text = buf_detach(&in);
	assert_non_null(date = strchr(text, '\n'));
	*date++ = '\0';
	assert_non_null(body = strchr(date, '\n'));
	*body++ = '\0';
	buf_printf(&in, "%s\n\n%s", text, body);
	memset(&p, 0, sizeof(p));
	p.lang = strncmp(base + 1, "fr_", 3) == 0 ? EXTRACT_LANG_FR : EXTRACT_LANG_EN;
	assert_int_equal(date_parse_ymd(date, &p.release_date), 0);
	assert_int_equal(extract_text(unit_rows_tx, in.data, in.len, &p, &res), 0);
	for (size_t i = 0; i < res.nobs; i++) {
		unit_row_full(&res.obs[i], 1, &got);
		buf_putc(&got, '\n');
	}
	snprintf(jpath, sizeof(jpath), "%.*sjsonl", (int)(strlen(path) - 3), path);
	assert_non_null(fp = fopen(jpath, "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		json_t *w = json_loads(line, 0, NULL);

		lineno++;
		if (w == NULL)
			continue;
		if (nw >= res.nobs || obs_differs(&res.obs[nw], w)) {
			print_message("%s:%d: expected %s", jpath, lineno, line);
			fail++;
		}
		nw++;
		json_decref(w);
	}
	fclose(fp);
	if (nw != res.nobs)
		fail += 100;
	if (fail)
		print_message("%s: got %zu observations:\n%s", path, res.nobs, got.data != NULL ? got.data : "");
	extract_result_free(&res);
	buf_free(&got);
	buf_free(&in);
	free(text);
	if (fail > known_failures(path))
		fail_msg("%s differs from %s", path, jpath);
}

static int
collect(const char *dir, const char *prefix, const char *suffix, char ***out, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;

	if (dp == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name), sl = strlen(suffix);
		char **nv;

		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0 || l < sl ||
		    strcmp(de->d_name + l - sl, suffix) != 0)
			continue;
		if ((nv = realloc(*out, (*n + 1) * sizeof(*nv))) == NULL)
			break;
		*out = nv;
		if (asprintf(&(*out)[*n], "%s/%s", dir, de->d_name) < 0)
			break;
		(*n)++;
	}
	closedir(dp);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	char **paths = NULL;
	size_t n = 0, nrows;
	struct CMUnitTest *tests;
	int rc;

	collect(ROWS_DIR, "rows_", ".txt", &paths, &n);
	qsort(paths, n, sizeof(*paths), cmp_str);
	nrows = n;
	collect(GOLDEN_DIR, "", ".txt", &paths, &n);
	if (n > nrows)
		qsort(paths + nrows, n - nrows, sizeof(*paths), cmp_str);
	if ((tests = calloc(n + 1, sizeof(*tests))) == NULL)
		return 1;
	for (size_t i = 0; i < n; i++) {
		tests[i].name = paths[i];
		tests[i].test_func = i < nrows ? test_rows_file : test_golden_file;
		tests[i].initial_state = paths[i];
	}
	rc = _cmocka_run_group_tests("extract", tests, n, unit_rows_setup, unit_rows_teardown);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(tests);
	return rc;
}
