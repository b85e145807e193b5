/*
 * cli_explain — why a release gave (or did not give) its figures: every
 * number of the text, how it was read, what it was attached to or why it
 * was dropped, its clause, the period expression it took and the interval
 * it resolved to, one key=value line each (format in rightswatch(8),
 * EXPLAIN). `rightswatch extract --explain` prints it for a file;
 * `rightswatch explain ID|URL` for a release stored in the database, from
 * the text the store kept.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/cli.h"
#include "rightswatch/config.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/extract.h"
#include "rightswatch/store.h"

/* text[a, b) as a quoted key=value field (escaped, cut at 400 bytes). */
static void
put_span(FILE *out, const char *key, const char *text, size_t len, size_t a, size_t b)
{
	char raw[401], esc[1700];

	if (b > len)
		b = len;
	if (a > b)
		a = b;
	if (b - a > sizeof(raw) - 1)
		b = a + sizeof(raw) - 1;
	memcpy(raw, text + a, b - a);
	raw[b - a] = '\0';
	fprintf(out, " %s=%s", key, escape_kv(esc, sizeof(esc), raw));
}

/* A static or taxonomy string as a key=value field: quoted when it holds a space. */
static void
put_word(FILE *out, const char *key, const char *v)
{
	char esc[512];

	if (v == NULL)
		fprintf(out, " %s=-", key);
	else if (strchr(v, ' ') != NULL || strchr(v, '"') != NULL)
		fprintf(out, " %s=%s", key, escape_kv(esc, sizeof(esc), v));
	else
		fprintf(out, " %s=%s", key, v);
}

static void
put_interval(FILE *out, const struct extract_obs *o)
{
	char a[16], b[16];

	if (o->has_period)
		fprintf(out, " interval=%s..%s", date_format_ymd(o->period_start, a),
		    date_format_ymd(o->period_end, b));
	else if (extract_obs_end_only(o))
		fprintf(out, " interval=..%s", date_format_ymd(o->period_end, b));
	else
		fprintf(out, " interval=-");
}

static void
put_obs(FILE *out, const struct extract_obs *o)
{
	put_word(out, "indicator", o->indicator);
	fprintf(out, " value=%" PRId64 " qualifier=%s", o->value, extract_qualifier_name(o->qualifier));
	put_interval(out, o);
	put_word(out, "country", o->country);
	put_word(out, "region", o->region);
}

/* Where a period came from: its source, the expression (or -), its type
 * and anchor (or -: no period was read). */
static void
put_period(FILE *out, const char *text, size_t len, const struct extract_note *n)
{
	fprintf(out, " period_source=%s", n->period_source);
	if (n->period_end > n->period_start) {
		put_span(out, "period", text, len, n->period_start, n->period_end);
		fprintf(out, " period_at=%zu-%zu", n->period_start, n->period_end);
	} else {
		fprintf(out, " period=-");
	}
	put_word(out, "period_type", n->period_type);
	put_word(out, "period_anchor", n->period_anchor);
}

static void
print_note(FILE *out, const char *text, size_t len, const struct extract_note *n,
    const struct extract_result *res)
{
	fprintf(out, "number at=%zu-%zu", n->start, n->end);
	put_span(out, "text", text, len, n->start, n->end);
	fprintf(out, " value=%" PRId64 " read=%s", n->value, n->reading);
	put_word(out, "clause_kind", n->clause_kind);
	fprintf(out, " clause=%zu-%zu", n->clause_start, n->clause_end);
	if (n->dropped != NULL) {
		put_word(out, "dropped", n->dropped);
		fputc('\n', out);
		return;
	}
	put_word(out, "attached", n->indicator);
	put_word(out, "rule", n->rule);
	put_period(out, text, len, n);
	if (n->obs >= 0 && (size_t)n->obs < res->nobs) {
		fprintf(out, " obs=%ld", n->obs);
		put_obs(out, &res->obs[n->obs]);
	}
	fputc('\n', out);
}

int
cli_explain_print(FILE *out, const char *text, size_t len, const struct extract_params *p,
    const struct extract_result *res, const struct extract_notes *notes)
{
	char d[16];
	size_t next = 0; /* the next observation not yet printed */
	struct extract_note how; /* an implied figure's period fields */

	fprintf(out, "release date=%s lang=%s", date_format_ymd(p->release_date, d),
	    p->lang == EXTRACT_LANG_FR ? "fr" : p->lang == EXTRACT_LANG_EN ? "en" : "auto");
	put_word(out, "country", p->country);
	fprintf(out, " numbers=%zu observations=%zu\n", notes->n, res->nobs);
	for (size_t i = 0; i < notes->n; i++) {
		const struct extract_note *n = &notes->v[i];

		print_note(out, text, len, n, res);
		if (n->obs < 0)
			continue;
		/* the figures its comparisons imply, or the references they name */
		for (next = (size_t)n->obs + 1; next < res->nobs; next++) {
			int linked = 0;

			for (size_t j = i + 1; j < notes->n && !linked; j++)
				linked = notes->v[j].obs == (long)next;
			if (linked)
				break;
			fprintf(out, "%s of=%ld obs=%zu", res->obs[next].derived ? "implied" : "reference",
			    n->obs, next);
			put_span(out, "evidence", text, len, res->obs[next].start, res->obs[next].end);
			memset(&how, 0, sizeof(how));
			extract_note_period(&how, &res->obs[next].how);
			put_period(out, text, len, &how);
			put_obs(out, &res->obs[next]);
			fputc('\n', out);
		}
	}
	return ferror(out) ? -1 : 0;
}

/* The stored release named by arg (a document id, else a URL), explained. */
static int
explain_stored(const struct config *cf, struct store *st, const char *arg)
{
	struct store_doc_text d;
	struct extract_taxonomy *tx;
	struct extract_params p;
	struct extract_result res;
	struct extract_notes notes = { NULL, 0, 0 };
	char *end;
	long long id = strtoll(arg, &end, 10);
	int rc;

	if ((rc = store_document_get(st, *end == '\0' && end != arg ? id : 0, arg, &d)) != 0) {
		fprintf(stderr, "rightswatch explain: %s\n", rc == 1 ? "no stored release with that id or URL" :
		    store_errmsg(st));
		return 1;
	}
	if ((tx = extract_taxonomy_new(cf)) == NULL) {
		store_doc_text_clear(&d);
		return 1;
	}
	memset(&p, 0, sizeof(p));
	if (d.date == NULL || date_parse_ymd(d.date, &p.release_date) == -1)
		fprintf(stderr, "rightswatch explain: the release has no date; periods resolve against 0000-00-00\n");
	p.lang = d.lang != NULL && strncmp(d.lang, "fr", 2) == 0 ? EXTRACT_LANG_FR :
	    d.lang != NULL && strncmp(d.lang, "en", 2) == 0 ? EXTRACT_LANG_EN : EXTRACT_LANG_AUTO;
	p.country = d.country;
	p.notes = &notes;
	rc = 1;
	if (extract_text(tx, d.text, strlen(d.text), &p, &res) == 0) {
		char esc[1024];

		printf("document id=%" PRId64 " revision=%d url=%s\n", d.id, d.revision,
		    escape_kv(esc, sizeof(esc), d.url));
		rc = cli_explain_print(stdout, d.text, strlen(d.text), &p, &res, &notes) == 0 ? 0 : 1;
		extract_result_free(&res);
	}
	extract_notes_free(&notes);
	extract_taxonomy_free(tx);
	store_doc_text_clear(&d);
	return rc;
}

int
cli_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cfpath = NULL;
	struct config *cf;
	struct store *st;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		if (ch != 'c') {
			fprintf(stderr, "usage: rightswatch explain [-c FILE] ID|URL\n");
			return 2;
		}
		cfpath = optarg;
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: rightswatch explain [-c FILE] ID|URL\n");
		return 2;
	}
	if ((cf = config_load(cli_config_path(cfpath), cli_diag, NULL)) == NULL)
		return 2;
	/* Reads only: a missing state file is said, never created. */
	if ((rc = cli_state_open(cf, 0, "no release was read", &st)) != 0) {
		config_free(cf);
		return 1;
	}
	rc = explain_stored(cf, st, argv[optind]);
	store_close(st);
	config_free(cf);
	return rc;
}
