/*
 * Row tables of the extractor's stages (tests/fixtures/extract/README.md):
 * "@ LANG DATE COUNTRY" defaults, "> TEXT" rows, "= ..." expected lines.
 * Each row goes through extract_text; a stage's test says, through its
 * formatter, which fields of an observation it judges (the whole
 * observation for rows_*.txt, only indicator and value for attachment, the
 * place for place rows), and the lists must be equal, in order.
 */
#include "unit.h"

#include "rightswatch/buf.h"
#include "rightswatch/extract.h"

struct extract_taxonomy *unit_rows_tx;

int
unit_rows_setup(void **state)
{
	(void)state;
	return (unit_rows_tx = extract_taxonomy_new(NULL)) == NULL ? -1 : 0;
}

int
unit_rows_teardown(void **state)
{
	(void)state;
	extract_taxonomy_free(unit_rows_tx);
	unit_rows_tx = NULL;
	return 0;
}

struct defaults {
	enum extract_lang lang;
	struct date_ymd date;
	char country[128];
};

struct row {
	int line;
	char *text;
	char **want;
	size_t nwant;
};

static void put_country(const struct extract_obs *o, struct buf *b);
static void put_region(const struct extract_obs *o, int with_region, struct buf *b);

void
unit_row_full(const struct extract_obs *o, int with_region, struct buf *b)
{
	char ps[16], pe[16];

	buf_printf(b, "%s %lld %s %s %s ", o->indicator, (long long)o->value,
	    extract_qualifier_name(o->qualifier),
	    o->has_period ? date_format_ymd(o->period_start, ps) : "-",
	    o->has_period || extract_obs_end_only(o) ? date_format_ymd(o->period_end, pe) : "-");
	put_country(o, b);
	if (o->derived)
		buf_puts(b, " derived");
	put_region(o, with_region, b);
}

void
unit_row_place(const struct extract_obs *o, int with_region, struct buf *b)
{
	put_country(o, b);
	put_region(o, with_region, b);
}

static void
put_country(const struct extract_obs *o, struct buf *b)
{
	const char *c = o->country != NULL ? o->country : "-";

	for (; *c != '\0'; c++)
		buf_putc(b, *c == ' ' ? '_' : *c);
}

static void
put_region(const struct extract_obs *o, int with_region, struct buf *b)
{
	if (with_region && o->region != NULL) {
		buf_puts(b, " region=");
		buf_puts(b, o->region);
	}
}

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

static void
row_free(struct row *r)
{
	free(r->text);
	for (size_t i = 0; i < r->nwant; i++)
		free(r->want[i]);
	free(r->want);
	memset(r, 0, sizeof(*r));
}

/* No observation may carry an impossible date (0000-00-00): a period is
 * two real days, or only its end (a stock), or nothing. */
static int
dates_valid(const struct extract_obs *o)
{
	const struct date_ymd *s = &o->period_start, *e = &o->period_end;

	if (o->has_period)
		return date_valid(s->y, s->m, s->d) && date_valid(e->y, e->m, e->d);
	if (extract_obs_end_only(o))
		return date_valid(e->y, e->m, e->d);
	return 1;
}

/* One row: 0 when it passes, else prints why and returns 1. */
static int
check_row(const char *path, const struct extract_taxonomy *tx, unit_row_fmt *fmt,
    const struct row *r, const struct defaults *d)
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

		fmt(&res.obs[i], with_region, &one);
		if (!dates_valid(&res.obs[i])) {
			print_message("%s:%d: observation %zu has an invalid date\n", path, r->line, i);
			fail = 1;
		}
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

/* An expected line, its runs of spaces collapsed so hand-aligned rows compare. */
static void
add_want(struct row *r, const char *line)
{
	char **nw = realloc(r->want, (r->nwant + 1) * sizeof(*nw));
	char *w = trim_dup(line);

	assert_non_null(nw);
	assert_non_null(w);
	r->want = nw;
	for (char *p = w; *p != '\0'; p++)
		while (p[0] == ' ' && p[1] == ' ')
			memmove(p, p + 1, strlen(p));
	r->want[r->nwant++] = w;
}

int
unit_rows_check(const char *path, const struct extract_taxonomy *tx, unit_row_fmt *fmt,
    int *nrows)
{
	FILE *fp = fopen(path, "r");
	char line[8192];
	struct defaults d = { EXTRACT_LANG_EN, { 2021, 8, 6 }, "-" };
	struct row r = { 0, NULL, NULL, 0 };
	int lineno = 0, failed = 0, rows = 0;

	if (fp == NULL)
		fail_msg("cannot open %s", path);
	for (;;) {
		char *l = fgets(line, sizeof(line), fp);

		if (l == NULL || line[0] == '>' || line[0] == '@') {
			if (r.text != NULL) {
				failed += check_row(path, tx, fmt, &r, &d);
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
			add_want(&r, line + 2);
		}
	}
	fclose(fp);
	*nrows = rows;
	return failed;
}

void
unit_rows_table(const char *path, unit_row_fmt *fmt, int tolerated)
{
	int rows, failed = unit_rows_check(path, unit_rows_tx, fmt, &rows);

	print_message("%s: %d rows, %d failed (%d tolerated)\n", path, rows, failed, tolerated);
	if (failed > tolerated)
		fail_msg("%s: %d of %d rows failed (see above)", path, failed, rows);
}
