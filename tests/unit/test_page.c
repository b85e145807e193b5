/* Unit tests: page — release pages (title, date, language, text, charsets)
 * and listing pages (links XPath, link_pattern, de-duplication). */
#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/feed.h"
#include "rightswatch/page.h"
#include "rightswatch/utf8.h"
#include "../../daemon/doc/page_date.h"
#include "../../daemon/doc/page_doc.h"

static void
assert_str_or_null(size_t row, const char *got, const char *want, const char *what)
{
	if (want == NULL) {
		if (got != NULL)
			fail_msg("row %zu: %s: want null, got \"%s\"", row, what, got);
		return;
	}
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("row %zu: %s: want \"%s\", got \"%s\"", row, what, want,
		    got ? got : "(null)");
}

struct extract_row {
	const char *file;     /* fixture, or NULL to use html */
	const char *html;
	const char *charset;  /* HTTP charset */
	const char *base;
	const char *xpath;    /* content_xpath */
	const char *title, *date, *lang;
	const char *text;     /* exact text, or NULL */
	const char *has[4];   /* substrings the text must hold */
	const char *hasnt[6]; /* substrings it must not */
};

static const struct extract_row extract_rows[] = {
	/* OHCHR page: dateline date, <h1> title, boilerplate and cookie banner gone */
	{ "ohchr_release.html", NULL, NULL, "https://www.ohchr.org/en/press-releases/2021/08/x", NULL,
	  "Mali: UN expert alarmed by rising abductions in the centre", "2021-08-06", "en", NULL,
	  { "GENEVA (6 August 2021) \xe2\x80\x93 A UN human rights expert",
	    "435 people were abducted in the first six months of this year.\n\n\xe2\x80\x9cThe population",
	    "\n\nRelease those held\xc2\xa0" "arbitrarily.\n\nThe expert", "authorities.\n\nENDS" },
	  { "cookie", "About us", "Palais des Nations", "trackRead", "Related", "JavaScript" } },
	/* UN News: og:title, meta published_time read as the day written (not UTC) */
	{ "unnews_article.html", NULL, NULL, NULL, NULL,
	  "Sahel: civilians bear the brunt of violence, UN rights office warns", "2021-08-06", "en", NULL,
	  { "reporting more than 1,200 violations", "\n\nIn Burkina Faso" },
	  { "Most read", "Share on social", "Skip to main", "Global perspective", "datePublished" } },
	/* ReliefWeb in French: role=main, "6 août 2021" dateline, not the sidebar's date */
	{ "reliefweb_fr.html", NULL, NULL, "https://reliefweb.int/fr/report/mali-note", NULL,
	  "Mali : note trimestrielle sur les tendances des violations des droits de l\xe2\x80\x99homme",
	  "2021-08-06", "fr", NULL,
	  { "BAMAKO, le 6 ao\xc3\xbbt 2021 \xe2\x80\x93 La Division", "2.732 violations",
	    "enlev\xc3\xa9" "es dans la r\xc3\xa9gion de S\xc3\xa9gou" },
	  { "Publi\xc3\xa9 le 2 septembre", "Pays", "OCHA" } },
	/* latin1 bytes, meta says utf-8, HTTP says iso-8859-1: HTTP wins */
	{ "latin1_wrong_meta.html", NULL, "iso-8859-1", NULL, NULL,
	  "Enl\xc3\xa8vements \xc3\xa0 S\xc3\xa9gou", "2021-08-06", "fr", NULL,
	  { "ont \xc3\xa9t\xc3\xa9 enlev\xc3\xa9" "es pr\xc3\xa8s de S\xc3\xa9gou \xe2\x80\x93 selon" },
	  { "\xef\xbf\xbd" } },
	/* same bytes, HTTP charset quoted and in capitals */
	{ "latin1_wrong_meta.html", NULL, "\"ISO-8859-1\"", NULL, NULL,
	  "Enl\xc3\xa8vements \xc3\xa0 S\xc3\xa9gou", "2021-08-06", "fr", NULL,
	  { "pr\xc3\xa8s de S\xc3\xa9gou" }, { "\xef\xbf\xbd" } },
	/* no HTTP charset: a meta utf-8 the bytes contradict falls back to windows-1252 */
	{ "latin1_wrong_meta.html", NULL, NULL, NULL, NULL,
	  "Enl\xc3\xa8vements \xc3\xa0 S\xc3\xa9gou", "2021-08-06", "fr", NULL,
	  { "pr\xc3\xa8s de S\xc3\xa9gou \xe2\x80\x93" }, { "\xef\xbf\xbd" } },
	/* HTTP says utf-8 and is wrong: it still wins, bad bytes become U+FFFD */
	{ "latin1_wrong_meta.html", NULL, "utf-8", NULL, NULL,
	  "Enl\xef\xbf\xbdvements \xef\xbf\xbd S\xef\xbf\xbdgou", NULL, "fr", NULL,
	  { "pr\xef\xbf\xbds de S\xef\xbf\xbdgou" }, { NULL } },
	/* no charset anywhere and invalid UTF-8: windows-1252 */
	{ "invalid_utf8.html", NULL, NULL, NULL, NULL,
	  "Caf\xc3\xa9 attack", "2021-03-03", NULL,
	  "Caf\xc3\xa9 \xc2\xab attack \xc2\xbb in Mopti on 3 March 2021 \xe2\x80\x93 five killed.",
	  { NULL }, { NULL } },
	/* content_xpath picks the body over a heavier decoy; DC.date meta */
	{ "content_xpath.html", NULL, NULL, NULL, "//div[@id='release-body']",
	  "Press briefing notes on Mali", "2021-07-16", "en",
	  "Spokesperson: Liz Throssell\n\nWe are deeply concerned about the deteriorating situation in Mali.",
	  { NULL }, { NULL } },
	/* content_xpath that selects an attribute: its element */
	{ "content_xpath.html", NULL, NULL, NULL, "//div[@id='release-body']/@id",
	  "Press briefing notes on Mali", "2021-07-16", "en", NULL,
	  { "Spokesperson" }, { "Other briefing" } },
	/* content_xpath selecting nothing: the density guess */
	{ "content_xpath.html", NULL, NULL, NULL, "//div[@id='nope']",
	  "Press briefing notes on Mali", "2021-07-16", "en", NULL,
	  { "Other briefing" }, { NULL } },
	/* no main/article/role: the element with most paragraph text; og:locale */
	{ "density.html", NULL, NULL, NULL, NULL,
	  "Statement on Niger", "2021-07-14", "fr", NULL,
	  { "NIAMEY (14 July 2021) \xe2\x80\x93 The High", "\n\nShe urged" },
	  { "Menu", "Home", "Contact" } },
	/* paragraphs: p, br and div break; inline elements do not */
	{ NULL, "<html><body><p>a <b>b</b></p><p>c<br>d</p><div>e<span>f</span></div></body></html>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "a b\n\nc\n\nd\n\nef", { NULL }, { NULL } },
	/* entities decoded once, whitespace folded */
	{ NULL, "<p>  &amp;amp; &lt;x&gt;\n\t&eacute;&#233;&#x20AC; </p>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "&amp; <x> \xc3\xa9\xc3\xa9\xe2\x82\xac", { NULL }, { NULL } },
	/* list items and table rows are paragraphs, cells are spaced */
	{ NULL, "<body><ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table></body>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "one\n\ntwo\n\na b\n\nc", { NULL }, { NULL } },
	/* Content-Language meta, primary subtag */
	{ NULL, "<html><head><meta http-equiv=\"Content-Language\" content=\"fr-CA\"></head><body><p>x</p></body></html>",
	  NULL, NULL, NULL, NULL, NULL, "fr", "x", { NULL }, { NULL } },
	/* <time datetime> in the article */
	{ NULL, "<article><time datetime=\"2021-08-06T09:00\">Friday</time><p>x</p></article>",
	  NULL, NULL, NULL, NULL, "2021-08-06", NULL, NULL, { NULL }, { NULL } },
	/* an impossible meta date is skipped for the dateline */
	{ NULL, "<head><meta property=\"article:published_time\" content=\"2021-02-30\"></head><main><p>1 March 2021 - x</p></main>",
	  NULL, NULL, NULL, NULL, "2021-03-01", NULL, NULL, { NULL }, { NULL } },
	/* the most trusted meta wins whatever the order */
	{ NULL, "<head><meta name=\"date\" content=\"2020-01-01\"><meta property=\"article:published_time\" content=\"2021-08-06\"></head><p>x</p>",
	  NULL, NULL, NULL, NULL, "2021-08-06", NULL, NULL, { NULL }, { NULL } },
	/* an RFC 822 meta date */
	{ NULL, "<head><meta name=\"DC.date.issued\" content=\"Fri, 06 Aug 2021 10:00:00 GMT\"></head><p>x</p>",
	  NULL, NULL, NULL, NULL, "2021-08-06", NULL, NULL, { NULL }, { NULL } },
	/* English "Month D, YYYY" and French "1er" */
	{ NULL, "<main><p>WASHINGTON, August 6, 2021 - x</p></main>",
	  NULL, NULL, NULL, NULL, "2021-08-06", NULL, NULL, { NULL }, { NULL } },
	{ NULL, "<main><p>GEN\xc3\x88VE (1er f\xc3\xa9vrier 2022) - x</p></main>",
	  NULL, NULL, NULL, NULL, "2022-02-01", NULL, NULL, { NULL }, { NULL } },
	/* <title> with a site suffix and no h1 */
	{ NULL, "<html><head><title>Mali: statement | OHCHR</title></head><body><p>x</p></body></html>",
	  NULL, NULL, NULL, "Mali: statement", NULL, NULL, NULL, { NULL }, { NULL } },
	/* a declared windows-1252 meta */
	{ NULL, "<head><meta charset=\"windows-1252\"></head><p>\x93quoted\x94 \x80</p>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac", { NULL }, { NULL } },
	/* an HTTP charset nobody knows is ignored */
	{ NULL, "<head><meta charset=\"windows-1252\"></head><p>\xe9t\xe9</p>",
	  "x-no-such-charset", NULL, NULL, NULL, NULL, NULL, "\xc3\xa9t\xc3\xa9", { NULL }, { NULL } },
	/* a UTF-8 BOM is no text */
	{ NULL, "\xef\xbb\xbf<p>caf\xc3\xa9</p>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "caf\xc3\xa9", { NULL }, { NULL } },
	/* a surrogate or NUL character reference still gives valid UTF-8 */
	{ NULL, "<p>a&#xD800;b&#0;c</p>",
	  NULL, NULL, NULL, NULL, NULL, NULL, NULL, { "a" }, { NULL } },
	/* hidden and aria-hidden elements are not text */
	{ NULL, "<main><p>kept</p><div hidden>gone</div><p aria-hidden=\"true\">gone</p></main>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "kept", { NULL }, { NULL } },
	/* a page without text: an empty string, not NULL */
	{ NULL, "<html><body><script>x()</script></body></html>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "", { NULL }, { NULL } },
	/* an empty <main> does not hide the body */
	{ NULL, "<body><main></main><div><p>body text</p></div></body>",
	  NULL, NULL, NULL, NULL, NULL, NULL, "body text", { NULL }, { NULL } },
};

static void
test_extract(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(extract_rows) / sizeof(extract_rows[0]); i++) {
		const struct extract_row *r = &extract_rows[i];
		struct page *p = NULL;
		char err[256], *data;
		size_t len;

		if (r->file != NULL) {
			data = unit_read_fixture("page", r->file, &len);
		} else {
			data = strdup(r->html);
			len = strlen(r->html);
		}
		if (page_extract(data, len, r->charset, r->base, r->xpath, &p,
		    err, sizeof(err)) != 0)
			fail_msg("row %zu: %s", i, err);
		assert_non_null(p->text);
		assert_true(utf8_valid(p->text, strlen(p->text)));
		if (p->title != NULL)
			assert_true(utf8_valid(p->title, strlen(p->title)));
		assert_str_or_null(i, p->title, r->title, "title");
		assert_str_or_null(i, p->date, r->date, "date");
		assert_str_or_null(i, p->lang, r->lang, "lang");
		if (r->text != NULL)
			assert_str_or_null(i, p->text, r->text, "text");
		for (size_t k = 0; k < 4 && r->has[k] != NULL; k++)
			if (strstr(p->text, r->has[k]) == NULL)
				fail_msg("row %zu: text lacks \"%s\":\n%s", i, r->has[k], p->text);
		for (size_t k = 0; k < 6 && r->hasnt[k] != NULL; k++)
			if (strstr(p->text, r->hasnt[k]) != NULL)
				fail_msg("row %zu: text holds \"%s\":\n%s", i, r->hasnt[k], p->text);
		page_free(p);
		free(data);
	}
}

static void
test_alternates(void **state)
{
	static const struct {
		const char *base;
		size_t n;
		const char *first;
	} rows[] = {
		/* relative hreflang links resolved against the page */
		{ "https://www.ohchr.org/en/press-releases/2021/08/x", 2,
		  "https://www.ohchr.org/fr/press-releases/2021/08/mali-expert-onu-enlevements" },
		/* without a base only the absolute one */
		{ NULL, 1, "https://www.ohchr.org/es/press-releases/2021/08/mali-experto" },
	};
	size_t len;
	char *data = unit_read_fixture("page", "ohchr_release.html", &len), err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct page *p;

		assert_int_equal(page_extract(data, len, NULL, rows[i].base, NULL, &p,
		    err, sizeof(err)), 0);
		assert_int_equal(p->nalternates, rows[i].n);
		assert_string_equal(p->alternates[0], rows[i].first);
		page_free(p);
	}
	free(data);
}

/* One NUL byte in an otherwise textual page is dropped, not fatal. */
static void
test_nul_byte(void **state)
{
	static const char html[] = "<html><head><title>A release</title></head><body><main>"
	    "<p>At least 12 civilians\0 were killed in Mopti.</p></main></body></html>";
	struct page *p = NULL;
	char err[256] = "";

	(void)state;
	if (page_extract(html, sizeof(html) - 1, NULL, NULL, NULL, &p, err, sizeof(err)) == -1)
		fail_msg("refused: %s", err);
	assert_non_null(strstr(p->text, "At least 12 civilians were killed in Mopti."));
	page_free(p);
}

static void
test_reject(void **state)
{
	static const struct {
		const char *data;
		size_t len;
		const char *why;
	} rows[] = {
		{ "", 0, "empty" },                    /* no bytes */
		{ " \n\t ", 4, "empty" },              /* only whitespace */
		{ "PK\x03\x04\x00\x00\x08", 7, "binary" }, /* a zip archive */
		{ "\x01\x02\x03\x04\x05<p>", 8, "binary" }, /* control characters */
		{ "just words, no markup", 21, "markup" }, /* plain text */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct page *p = (struct page *)1;
		struct feed *f = (struct feed *)1;
		char err[256] = "";

		assert_int_equal(page_extract(rows[i].data, rows[i].len, NULL, NULL,
		    NULL, &p, err, sizeof(err)), -1);
		assert_null(p);
		assert_non_null(strstr(err, rows[i].why));
		assert_int_equal(page_listing(rows[i].data, rows[i].len, NULL, NULL,
		    "//a", NULL, &f, err, sizeof(err)), -1);
		assert_null(f);
	}
}

static void
test_text_cap(void **state)
{
	struct buf b = { 0 };
	struct page *p;
	char err[256];

	(void)state;
	assert_int_equal(buf_puts(&b, "<body><p>"), 0);
	/* 3 MiB of two-byte characters: cut below the cap on a boundary */
	for (size_t i = 0; i < 3 * 1024 * 1024 / 2; i++)
		assert_int_equal(buf_puts(&b, "\xc3\xa9"), 0);
	assert_int_equal(buf_puts(&b, "</p></body>"), 0);
	assert_int_equal(page_extract(b.data, b.len, NULL, NULL, NULL, &p, err,
	    sizeof(err)), 0);
	assert_true(strlen(p->text) <= PAGE_MAX_TEXT);
	assert_true(strlen(p->text) >= PAGE_MAX_TEXT - 4);
	assert_true(utf8_valid(p->text, strlen(p->text)));
	page_free(p);
	buf_free(&b);
}

static void
test_deep(void **state)
{
	struct buf b = { 0 };
	struct page *p;
	char err[256];

	(void)state;
	/* nesting far beyond any sane page: no recursion of ours overflows */
	for (int i = 0; i < 100000; i++)
		assert_int_equal(buf_puts(&b, "<div><span>"), 0);
	assert_int_equal(buf_puts(&b, "deep 6 August 2021"), 0);
	assert_int_equal(page_extract(b.data, b.len, NULL, NULL, NULL, &p, err,
	    sizeof(err)), 0);
	assert_non_null(p->text);
	assert_true(utf8_valid(p->text, strlen(p->text)));
	page_free(p);
	buf_free(&b);
}

static void
test_dates(void **state)
{
	static const struct {
		const char *text;
		const char *want; /* NULL: no date */
	} rows[] = {
		{ "GENEVA (6 August 2021) \xe2\x80\x93", "2021-08-06" }, /* OHCHR dateline */
		{ "le 6 ao\xc3\xbbt 2021", "2021-08-06" },             /* French, accent */
		{ "6 AOUT 2021", "2021-08-06" },                         /* capitals, no accent */
		{ "31 d\xc3\xa9" "cembre 2020", "2020-12-31" },         /* décembre */
		{ "1st Sept. 2021", "2021-09-01" },                      /* ordinal, abbreviation */
		{ "6th of August 2021", "2021-08-06" },                  /* "of" */
		{ "Aug. 6, 2021", "2021-08-06" },                        /* month first */
		{ "6\xc2\xa0janvier\xc2\xa0" "2021", "2021-01-06" },   /* no-break spaces */
		{ "on 2021-08-06 at noon", "2021-08-06" },               /* ISO */
		{ "30 February 2021, then 1 March 2021", "2021-03-01" }, /* impossible skipped */
		{ "May 2021", NULL },                                    /* no day */
		{ "435 abductions in 2021", NULL },                      /* a count, not a day */
		{ "16 August 20215", NULL },                             /* five-digit year */
		{ "Mayor 6, 2021", NULL },                               /* not a month */
	};
	static const char *const months[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December",
		"janvier", "f\xc3\xa9vrier", "mars", "avril", "mai", "juin",
		"juillet", "ao\xc3\xbbt", "septembre", "octobre", "novembre",
		"d\xc3\xa9" "cembre",
	};
	char out[11], in[64], want[11];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int rc = page_date_find(rows[i].text, strlen(rows[i].text), out);

		if (rows[i].want == NULL) {
			if (rc == 0)
				fail_msg("\"%s\": want no date, got %s", rows[i].text, out);
		} else {
			if (rc != 0 || strcmp(out, rows[i].want) != 0)
				fail_msg("\"%s\": want %s", rows[i].text, rows[i].want);
		}
	}
	/* every month name, both languages (the lookup table is sorted) */
	for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
		snprintf(in, sizeof(in), "2 %s 2021", months[i]);
		snprintf(want, sizeof(want), "2021-%02zu-02", i % 12 + 1);
		assert_int_equal(page_date_find(in, strlen(in), out), 0);
		assert_string_equal(out, want);
	}
	assert_int_equal(page_date_value("2021-08-06T23:30:00-04:00", out), 0);
	assert_string_equal(out, "2021-08-06"); /* the day as written */
	assert_int_equal(page_date_value("not a date", out), -1);
}

struct listing_row {
	const char *xpath;
	const char *pattern;
	size_t n;
	const char *link0, *title0;
	const char *link1;
};

static const struct listing_row listing_rows[] = {
	/* <a> elements, prefix pattern, <base href>, fragment-only duplicate dropped */
	{ "//main//h3/a", "https://www.ohchr.org/en/press-releases/", 2,
	  "https://www.ohchr.org/en/press-releases/2021/08/mali-un-expert-alarmed",
	  "Mali: UN expert alarmed by rising abductions",
	  "https://www.ohchr.org/en/press-releases/2021/08/niger-attack" },
	/* no pattern: every http(s) link, mailto and href-less anchors skipped */
	{ "//main//h3/a", NULL, 4,
	  "https://www.ohchr.org/en/press-releases/2021/08/mali-un-expert-alarmed",
	  "Mali: UN expert alarmed by rising abductions",
	  "https://www.ohchr.org/en/press-releases/2021/08/niger-attack" },
	/* href attributes: the title from their element */
	{ "//main//h3/a/@href", "*/statements/*", 1,
	  "https://www.ohchr.org/en/statements/2021/07/burkina-faso",
	  "Burkina Faso: statement", NULL },
	/* container elements: their first link */
	{ "//div[@class='views-row']", "https://www.ohchr.org/en/*/2021/0?/*", 4,
	  "https://www.ohchr.org/en/press-releases/2021/08/mali-un-expert-alarmed",
	  "Mali: UN expert alarmed by rising abductions", NULL },
	/* an XPath selecting nothing: no items, no error */
	{ "//table//a", NULL, 0, NULL, NULL, NULL },
	/* a non-node result (a number): no items */
	{ "count(//a)", NULL, 0, NULL, NULL, NULL },
};

static void
test_listing(void **state)
{
	size_t len;
	char *data = unit_read_fixture("page", "listing.html", &len), err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(listing_rows) / sizeof(listing_rows[0]); i++) {
		const struct listing_row *r = &listing_rows[i];
		struct feed *f;

		if (page_listing(data, len, NULL, "https://www.ohchr.org/en/press-releases",
		    r->xpath, r->pattern, &f, err, sizeof(err)) != 0)
			fail_msg("row %zu: %s", i, err);
		assert_int_equal(f->kind, FEED_KIND_HTML);
		assert_string_equal(f->title, "Press releases | OHCHR");
		assert_string_equal(f->lang, "en");
		if (f->nitems != r->n)
			fail_msg("row %zu: want %zu items, got %zu", i, r->n, f->nitems);
		if (r->link0 != NULL) {
			assert_string_equal(f->items[0].link, r->link0);
			assert_string_equal(f->items[0].id, r->link0);
			assert_string_equal(f->items[0].title, r->title0);
			assert_true(f->items[0].published == INT64_MIN);
		}
		if (r->link1 != NULL)
			assert_string_equal(f->items[1].link, r->link1);
		feed_free(f);
	}
	free(data);
}

static void
test_listing_bounds(void **state)
{
	struct buf b = { 0 };
	struct feed *f;
	char err[256];

	(void)state;
	/* an invalid XPath is an error */
	assert_int_equal(page_listing("<a href=x>x</a>", 15, NULL, NULL, "//a[",
	    NULL, &f, err, sizeof(err)), -1);
	assert_int_equal(page_xpath_check("//a[", err, sizeof(err)), -1);
	assert_int_equal(page_xpath_check("//main//h3/a", err, sizeof(err)), 0);
	/* thirty thousand distinct links: capped */
	for (int i = 0; i < 30000; i++)
		assert_int_equal(buf_printf(&b, "<a href=\"/r/%d\">r%d</a>", i, i), 0);
	assert_int_equal(page_listing(b.data, b.len, NULL, "http://h.example/",
	    "//a", NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f->nitems, PAGE_MAX_LINKS);
	assert_string_equal(f->items[PAGE_MAX_LINKS - 1].link, "http://h.example/r/9999");
	feed_free(f);
	/* relative links without any base cannot be resolved: skipped */
	assert_int_equal(page_listing(b.data, b.len, NULL, NULL, "//a", NULL, &f,
	    err, sizeof(err)), 0);
	assert_int_equal(f->nitems, 0);
	feed_free(f);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_extract),
		cmocka_unit_test(test_alternates),
		cmocka_unit_test(test_reject),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_text_cap),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_listing),
		cmocka_unit_test(test_listing_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
