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

static struct extract_taxonomy *tx;

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

struct defaults {
	enum extract_lang lang;
	struct date_ymd date;
	char country[128];
};

/* One observation as a row line: "IND VALUE QUAL PS PE COUNTRY [derived] [region=R]". */
static void
obs_line(const struct extract_obs *o, int with_region, struct buf *b)
{
	char ps[16], pe[16], c[128];
	size_t i;

	snprintf(c, sizeof(c), "%s", o->country != NULL ? o->country : "-");
	for (i = 0; c[i] != '\0'; i++)
		if (c[i] == ' ')
			c[i] = '_';
	buf_printf(b, "%s %lld %s %s %s %s%s", o->indicator, (long long)o->value,
	    extract_qualifier_name(o->qualifier),
	    o->has_period ? date_format_ymd(o->period_start, ps) : "-",
	    o->has_period || extract_obs_end_only(o) ? date_format_ymd(o->period_end, pe) : "-", c,
	    o->derived ? " derived" : "");
	if (with_region && o->region != NULL) {
		buf_puts(b, " region=");
		buf_puts(b, o->region);
	}
}

/* The expected line normalised the same way (region kept only when given). */
static int
parse_defaults(const char *line, struct defaults *d)
{
	char lang[8], date[16], country[128];

	if (sscanf(line, "@ %7s %15s %127s", lang, date, country) != 3)
		return -1;
	d->lang = strcmp(lang, "fr") == 0 ? EXTRACT_LANG_FR :
	    strcmp(lang, "en") == 0 ? EXTRACT_LANG_EN : EXTRACT_LANG_AUTO;
	if (date_parse_ymd(date, &d->date) == -1)
		return -1;
	snprintf(d->country, sizeof(d->country), "%s", country);
	for (char *p = d->country; *p != '\0'; p++)
		if (*p == '_')
			*p = ' ';
	return 0;
}

struct row {
	int line;
	char *text;
	char **want;
	size_t nwant;
};

static void
row_free(struct row *r)
{
	free(r->text);
	for (size_t i = 0; i < r->nwant; i++)
		free(r->want[i]);
	free(r->want);
	memset(r, 0, sizeof(*r));
}

/* Check one row; returns 0 when it passes, else prints why and returns 1. */
static int
check_row(const char *path, const struct row *r, const struct defaults *d)
{
	struct extract_params p;
	struct extract_result res;
	struct buf got = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	int fail = 0;

	memset(&p, 0, sizeof(p));
	p.lang = d->lang;
	p.release_date = d->date;
	p.country = strcmp(d->country, "-") == 0 ? NULL : d->country;
	assert_int_equal(extract_text(tx, r->text, strlen(r->text), &p, &res), 0);
	if (res.nobs != r->nwant)
		fail = 1;
	for (size_t i = 0; i < res.nobs; i++) {
		struct buf one = { NULL, 0, 0 };
		int with_region = i < r->nwant && strstr(r->want[i], "region=") != NULL;

		obs_line(&res.obs[i], with_region, &one);
		if (i >= r->nwant || strcmp(one.data, r->want[i]) != 0)
			fail = 1;
		buf_printf(&got, "\n      = %s", one.data);
		buf_free(&one);
	}
	for (size_t i = 0; i < r->nwant; i++)
		buf_printf(&want, "\n      = %s", r->want[i]);
	if (fail)
		print_message("%s:%d: %s\n    expected:%s\n    got:%s\n", path, r->line, r->text,
		    want.data != NULL ? want.data : " (nothing)", got.data != NULL ? got.data : " (nothing)");
	buf_free(&got);
	buf_free(&want);
	extract_result_free(&res);
	return fail;
}

static char *
trim_dup(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	return strndup(s, n);
}

static void
test_rows_file(void **state)
{
	const char *path = *state;
	FILE *fp = fopen(path, "r");
	char line[8192];
	struct defaults d = { EXTRACT_LANG_EN, { 2021, 8, 6 }, "-" };
	struct row r = { 0, NULL, NULL, 0 };
	int lineno = 0, failed = 0, rows = 0;

	assert_non_null(fp);
	for (;;) {
		char *l = fgets(line, sizeof(line), fp);

		if (l == NULL || line[0] == '>' || line[0] == '@') {
			if (r.text != NULL) {
				failed += check_row(path, &r, &d);
				rows++;
				row_free(&r);
			}
			if (l == NULL)
				break;
		}
		lineno++;
		if (line[0] == '@') {
			if (parse_defaults(line, &d) == -1)
				fail_msg("%s:%d: bad defaults line", path, lineno);
		} else if (line[0] == '>') {
			r.line = lineno;
			r.text = trim_dup(line + (line[1] == ' ' ? 2 : 1));
		} else if (line[0] == '=' && r.text != NULL) {
			char **nw = realloc(r.want, (r.nwant + 1) * sizeof(*nw));
			char *w = trim_dup(line + 2);
			char *p;

			assert_non_null(nw);
			r.want = nw;
			/* Collapse runs of spaces so hand-aligned rows compare. */
			for (p = w; *p != '\0'; p++)
				while (p[0] == ' ' && p[1] == ' ')
					memmove(p, p + 1, strlen(p));
			r.want[r.nwant++] = w;
		}
	}
	fclose(fp);
	print_message("%s: %d rows, %d failed (%d tolerated)\n", path, rows, failed, known_failures(path));
	if (failed > known_failures(path))
		fail_msg("%s: %d of %d rows failed (see above)", path, failed, rows);
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
	assert_int_equal(extract_text(tx, in.data, in.len, &p, &res), 0);
	for (size_t i = 0; i < res.nobs; i++) {
		obs_line(&res.obs[i], 1, &got);
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
setup(void **state)
{
	(void)state;
	return (tx = extract_taxonomy_new(NULL)) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	extract_taxonomy_free(tx);
	return 0;
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
	rc = _cmocka_run_group_tests("extract", tests, n, setup, teardown);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(tests);
	return rc;
}
