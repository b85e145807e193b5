/* Unit tests: feed — sniffing, each format and its oddities, hostile input,
 * HTML to text, the stream in chunks of every size, dates, links, caps.
 * Fixtures in tests/fixtures/feed/. */
#include <time.h>

#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/url.h"

#define BASE "http://base.example.org/dir/feed.xml"

static void
test_sniff(void **state)
{
	static const struct {
		const char *in;
		enum feed_sniff want;
	} rows[] = {
		{ "", FEED_SNIFF_EMPTY },                                       /* nothing */
		{ " \r\n\t", FEED_SNIFF_EMPTY },                                /* whitespace */
		{ "\xef\xbb\xbf  ", FEED_SNIFF_EMPTY },                         /* BOM only */
		{ "<?xml version=\"1.0\"?><rss/>", FEED_SNIFF_XML },            /* RSS */
		{ "\xef\xbb\xbf\n<feed xmlns=\"x\"/>", FEED_SNIFF_XML },        /* BOM then Atom */
		{ "<!-- c --><rdf:RDF/>", FEED_SNIFF_XML },                     /* comment first */
		{ "  {\"version\":1}", FEED_SNIFF_JSON },                       /* JSON object */
		{ "[1,2]", FEED_SNIFF_OTHER },                                  /* JSON array */
		{ "<!DOCTYPE html><html>", FEED_SNIFF_HTML },                   /* HTML5 */
		{ "<!doctype HTML>", FEED_SNIFF_HTML },                         /* case */
		{ "<HTML lang=en>", FEED_SNIFF_HTML },                          /* bare html root */
		{ "<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", FEED_SNIFF_HTML }, /* XHTML page */
		{ "<head><title>x", FEED_SNIFF_HTML },                          /* leading head */
		{ "\n<body>", FEED_SNIFF_HTML },                                /* leading body */
		{ "<htmlish/>", FEED_SNIFF_XML },                               /* not <html */
		{ "hello", FEED_SNIFF_OTHER },                                  /* text */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (feed_sniff(rows[i].in, strlen(rows[i].in)) != rows[i].want)
			fail_msg("row %zu: %s", i, rows[i].in);
}

/* Fixtures that must be rejected, and a word of the reason. */
static void
test_rejects(void **state)
{
	static const struct {
		const char *file, *reason;
		double max_seconds;
	} rows[] = {
		{ "billion.xml", "entities", 0.5 },     /* billion laughs, fast */
		{ "xxe.xml", "entities", 0.5 },         /* external entity */
		{ "dtd_entity.xml", "entities", 0.5 },  /* any declared entity */
		{ "page.html", "not a feed", 0.5 },     /* challenge page */
		{ "notfeed.xml", "not a feed", 0.5 },   /* XML, wrong root */
		{ "empty.xml", "empty", 0.5 },          /* whitespace only */
		{ "broken.xml", "well-formed", 0.5 },   /* truncated */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct feed *f = (struct feed *)1;
		char err[256];
		size_t len;
		char *data = unit_read_fixture("feed", rows[i].file, &len);
		clock_t t0 = clock();
		int rc = feed_parse(data, len, BASE, &f, err, sizeof(err));
		double dt = (double)(clock() - t0) / CLOCKS_PER_SEC;

		assert_int_equal(rc, -1);
		assert_null(f);
		if (strstr(err, rows[i].reason) == NULL)
			fail_msg("%s: reason '%s'", rows[i].file, err);
		assert_true(strchr(err, '\n') == NULL);
		assert_true(dt < rows[i].max_seconds);
		free(data);
	}
}

/* One expected item: NULL strings must be NULL; dates as RFC 3339 or NULL. */
struct want_item {
	const char *file;
	size_t index;
	const char *id, *link, *title, *published, *updated, *summary, *content, *lang;
	const char *cat0;
};

static void
check_str(const char *what, const char *got, const char *want)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: got '%s', want '%s'", what, got ? got : "(null)", want ? want : "(null)");
}

static void
check_date(const char *what, int64_t got, const char *want)
{
	char buf[32];

	check_str(what, got == DATE_UNKNOWN ? NULL : date_format_rfc3339(got, buf), want);
}

static void
test_items(void **state)
{
	static const struct want_item rows[] = {
		/* RSS 2.0: CDATA title kept literally, HTML description to text, xml:base on root */
		{ "rss2.xml", 0, "story-0001", "http://news.example.org/stories/2021/08/mali-abductions",
		  "Mali: 435 abductions <reported>", "2021-08-06T10:00:00Z", NULL,
		  "GENEVA \xe2\x80\x93 The Office documented 435 abductions.\n\nSecond\xc2\xa0paragraph.",
		  "Full text, first paragraph.\n\nSecond paragraph\nwith a break.", NULL, "Mali" },
		/* escaped HTML title read as HTML; no guid: link is the id; EDT; fragment dropped */
		{ "rss2.xml", 1, "http://news.example.org/stories/two", "http://news.example.org/stories/two",
		  "Rights & wrongs: bold \xc3\xa9t\xc3\xa9", "2021-08-07T10:00:00Z", NULL,
		  "Plain & escaped HTML summary.", NULL, NULL, NULL },
		/* no guid, no link: hashed id; 30 February is unknown */
		{ "rss2.xml", 2, "sha256:44aaa799c204b0032fc9794d2dcf2e2314e60f7c5ef55761cb647cd8432d6817",
		  NULL, "No guid, no link", NULL, NULL, NULL, NULL, NULL, NULL },
		/* item xml:base, dc:date with offset, dc:language */
		{ "rss2.xml", 3, "http://other.example.net/base/page.html", "http://other.example.net/base/page.html",
		  "Item-level base", "2021-08-09T10:30:00Z", NULL, NULL, NULL, "fr", NULL },
		/* permalink guid becomes the link; PDT, no seconds */
		{ "rss2.xml", 4, "http://news.example.org/p/5", "http://news.example.org/p/5",
		  "Permalink guid", "2021-08-09T15:00:00Z", NULL, NULL, NULL, NULL, NULL },
		/* RSS 0.91 in ISO-8859-1, channel language */
		{ "rss091.xml", 0, "http://old.example.org/a.html", "http://old.example.org/a.html",
		  "Caf\xc3\xa9 report", NULL, NULL, "Latin-1 text: caf\xc3\xa9", NULL, "en-us", NULL },
		/* RSS 1.0 with prefixes r:, x:, d: */
		{ "rss1.rdf", 0, "http://rdf.example.org/items/1", "http://rdf.example.org/items/1",
		  "First RDF item", "2021-08-06T10:00:00Z", NULL, "One item.", NULL, "en", "Sahel" },
		/* relative RDF link against the document URL */
		{ "rss1.rdf", 1, "http://rdf.example.org/items/2", "http://base.example.org/items/2",
		  "Second RDF item", NULL, NULL, NULL, NULL, "en", NULL },
		/* Atom: nested xml:base, html title, xhtml content, alternate link */
		{ "atom.xml", 0, "urn:uuid:entry-1", "http://atom.example.org/a/c/entry1.html",
		  "Bold & more", "2021-08-06T07:00:00Z", "2021-08-07T00:00:00Z", "Plain summary",
		  "First xhtml paragraph.\n\nSecond.", "en", "mali" },
		/* Atom: month 13 unknown; html content, script dropped; xml:lang */
		{ "atom.xml", 1, "urn:uuid:entry-2", "http://atom.example.org/abs", "Deuxi\xc3\xa8me",
		  NULL, NULL, NULL, "Texte fran\xc3\xa7" "ais", "fr", NULL },
		/* JSON Feed: relative url, content_html, tags, feed language */
		{ "jsonfeed.json", 0, "j1", "http://base.example.org/posts/1", "First JSON item",
		  "2021-08-06T10:00:00Z", NULL, "Short", "Hello world\n\nAgain", "en", "mali" },
		/* JSON Feed: numeric id, content_text, impossible date, item language */
		{ "jsonfeed.json", 1, "42", NULL, NULL, NULL, NULL, NULL, "Only text", "fr", NULL },
		/* external DTD named but never loaded */
		{ "external_dtd.xml", 0, "http://x.example.org/1", "http://x.example.org/1",
		  "External DTD not loaded", NULL, NULL, NULL, NULL, NULL, NULL },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct want_item *w = &rows[i];
		struct feed *f;
		char err[256];
		size_t len;
		char *data = unit_read_fixture("feed", w->file, &len);

		if (feed_parse(data, len, BASE, &f, err, sizeof(err)) != 0)
			fail_msg("%s: %s", w->file, err);
		assert_true(w->index < f->nitems);
		const struct feed_item *it = &f->items[w->index];
		check_str("id", it->id, w->id);
		check_str("link", it->link, w->link);
		check_str("title", it->title, w->title);
		check_date("published", it->published, w->published);
		check_date("updated", it->updated, w->updated);
		check_str("summary", it->summary, w->summary);
		check_str("content", it->content, w->content);
		check_str("lang", it->lang, w->lang);
		if (w->cat0 != NULL) {
			assert_true(it->ncategories > 0);
			check_str("category", it->categories[0], w->cat0);
		}
		feed_free(f);
		free(data);
	}
}

static void
test_counts(void **state)
{
	static const struct {
		const char *file;
		enum feed_kind kind;
		size_t nitems;
		int64_t ttl;
		const char *title;
	} rows[] = {
		{ "rss2.xml", FEED_KIND_RSS, 5, 30 * 60, "Example Rights News" }, /* ttl minutes */
		{ "rss091.xml", FEED_KIND_RSS, 1, 0, "Old feed" },                 /* RSS 0.91 */
		{ "rss1.rdf", FEED_KIND_RDF, 2, 0, "RDF feed" },                   /* other-namespace item ignored */
		{ "atom.xml", FEED_KIND_ATOM, 2, 0, "Atom test" },                 /* Atom */
		{ "jsonfeed.json", FEED_KIND_JSON, 2, 0, "JSON test" },            /* non-object item skipped */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct feed *f;
		char err[256];
		size_t len;
		char *data = unit_read_fixture("feed", rows[i].file, &len);

		assert_int_equal(feed_parse(data, len, NULL, &f, err, sizeof(err)), 0);
		assert_int_equal(f->kind, rows[i].kind);
		assert_int_equal(f->nitems, rows[i].nitems);
		assert_int_equal(f->ttl, rows[i].ttl);
		assert_string_equal(f->title, rows[i].title);
		feed_free(f);
		free(data);
	}
}

/* Documents built in memory: sizes a fixture file should not carry. */
static void
test_limits(void **state)
{
	struct buf_s { char *p; size_t len, cap; } b = { 0 };
	struct feed *f;
	char err[256];
	size_t n;

	(void)state;
	/* A 300 KiB title: kept at FEED_MAX_FIELD bytes. */
	n = 300 * 1024;
	b.p = malloc(n + 200);
	assert_non_null(b.p);
	b.len = (size_t)sprintf(b.p, "<rss><channel><item><title>");
	memset(b.p + b.len, 'x', n);
	b.len += n;
	b.len += (size_t)sprintf(b.p + b.len, "</title></item></channel></rss>");
	assert_int_equal(feed_parse(b.p, b.len, NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f->nitems, 1);
	assert_int_equal(strlen(f->items[0].title), FEED_MAX_FIELD);
	feed_free(f);
	free(b.p);

	/* FEED_MAX_ITEMS + 5 items: the rest are counted as dropped. */
	b.cap = (FEED_MAX_ITEMS + 5) * 32 + 100;
	b.p = malloc(b.cap);
	assert_non_null(b.p);
	b.len = (size_t)sprintf(b.p, "<rss><channel>");
	for (int i = 0; i < FEED_MAX_ITEMS + 5; i++)
		b.len += (size_t)sprintf(b.p + b.len, "<item><guid>%d</guid></item>", i);
	b.len += (size_t)sprintf(b.p + b.len, "</channel></rss>");
	assert_int_equal(feed_parse(b.p, b.len, NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f->nitems, FEED_MAX_ITEMS);
	assert_int_equal(f->dropped, 5);
	assert_int_equal(f->duplicates, 0);
	assert_string_equal(f->items[FEED_MAX_ITEMS - 1].id, "99999");
	feed_free(f);
	free(b.p);
}

static void
test_inline(void **state)
{
	static const struct {
		const char *doc, *base, *link, *title;
	} rows[] = {
		/* xml:base on channel and link, relative to each other */
		{ "<rss xml:base='http://a.org/x/'><channel xml:base='y/'><item><link xml:base='z/'>p</link></item></channel></rss>",
		  NULL, "http://a.org/x/y/z/p", NULL },
		/* relative base with a document URL */
		{ "<rss><channel xml:base='/news/'><item><link>p</link></item></channel></rss>",
		  "https://b.org/feed", "https://b.org/news/p", NULL },
		/* no base at all: the relative link stays as written */
		{ "<rss><channel><item><link> /p </link></item></channel></rss>", NULL, "/p", NULL },
		/* javascript: is not a link */
		{ "<rss><channel><item><link>javascript:alert(1)</link></item></channel></rss>", BASE, NULL, NULL },
		/* CDATA and text mixed, whitespace folded; a reference in it decoded */
		{ "<rss><channel><item><title>  a <![CDATA[&amp;]]>\n\n b </title></item></channel></rss>",
		  NULL, NULL, "a & b" },
		/* a bare ampersand and angle bracket are text */
		{ "<rss><channel><item><title><![CDATA[R&D < 5%]]></title></item></channel></rss>",
		  NULL, NULL, "R&D < 5%" },
		/* Atom type="text/plain" keeps angle brackets */
		{ "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title type='text/plain'>a &lt;b&gt; c</title></entry></feed>",
		  NULL, NULL, "a <b> c" },
		/* Atom title with xhtml */
		{ "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>A <i>b</i></div></title></entry></feed>",
		  NULL, NULL, "A b" },
		/* Atom without namespace is not Atom */
		{ "<feed><entry><title>x</title></entry></feed>", NULL, NULL, "-" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct feed *f;
		char err[256];
		int rc = feed_parse(rows[i].doc, strlen(rows[i].doc), rows[i].base, &f, err, sizeof(err));

		if (rows[i].title != NULL && strcmp(rows[i].title, "-") == 0) {
			assert_int_equal(rc, -1);
			continue;
		}
		if (rc != 0)
			fail_msg("row %zu: %s", i, err);
		assert_int_equal(f->nitems, 1);
		check_str("link", f->items[0].link, rows[i].link);
		if (rows[i].title != NULL)
			check_str("title", f->items[0].title, rows[i].title);
		feed_free(f);
	}
}

static void
test_html_to_text(void **state)
{
	static const struct {
		const char *in;
		size_t max;
		const char *want;
	} rows[] = {
		{ "plain   text\n here", 100, "plain text here" },                 /* no markup */
		{ "<p>a</p><p>b</p>", 100, "a\n\nb" },                             /* paragraphs */
		{ "x<br>y", 100, "x\ny" },                                         /* line break */
		{ "a<script>evil()</script>b<style>p{}</style>c", 100, "a b c" },  /* dropped */
		{ "caf&eacute; &amp;amp; &lt;", 100, "caf\xc3\xa9 &amp; <" },      /* entities once */
		{ "<ul><li>one</li><li>two</li></ul>", 100, "one\n\ntwo" },        /* list items */
		{ "\xc3\xa9\xc3\xa9\xc3\xa9", 5, "\xc3\xa9\xc3\xa9" },             /* cut on UTF-8 boundary */
		{ "<meta charset='iso-8859-1'>\xc3\xa9", 100, "\xc3\xa9" },        /* stays UTF-8 */
		{ "", 100, "" },                                                   /* empty */
		{ "&#233;&#xE9;&#150;&#0;", 100, "\xc3\xa9\xc3\xa9\xe2\x80\x93\xef\xbf\xbd" }, /* numbers, HTML5's way */
		{ "&nosuch; &amp &#x110000;", 100, "&nosuch; &amp \xef\xbf\xbd" },  /* unknown kept, too large replaced */
		{ "a<!-- <p>hidden</p> -->b", 100, "ab" },                         /* comment */
		{ "<P>A</P><BR/>b", 100, "A\n\nb" },                               /* upper case, self-closing */
		{ "a<form>x<form>y</form>z</form>b", 100, "a b" },                 /* skipped to its own end */
		{ "a<script>if (x</s) y='</scr';</script>b", 100, "a b" },         /* raw to </script */
		{ "<a title='x>y' href=\"z\">link</a> text", 100, "link text" },   /* '>' in a quoted value */
		{ "x < y and y > z", 100, "x < y and y > z" },                     /* not tags */
		{ "<td>1</td><td>2</td>", 100, "1\n2" },                           /* cells: line breaks */
		{ "a<unknown-tag attr>b</unknown-tag>c", 100, "abc" },             /* unknown inline */
		{ "tail &eacute", 100, "tail &eacute" },                           /* cut reference kept */
		{ "w <", 100, "w <" },                                             /* cut tag kept */
		{ "<H2>T</H2>x", 100, "T\n\nx" },                                /* digit, upper-case end tag */
		{ "a<abcdefghijklmnop>b</abcdefghijklmnop>c", 100, "abc" },        /* name too long to know */
		{ "x<b", 100, "x" },                                               /* cut in its name: dropped */
		{ "a<button>x<b>y</b></button>z", 100, "a z" },                    /* tags inside a skipped one */
	};
	static const char nul[] = "<a\0\0\0>x</b\0r>y<p\0>z";
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		s = feed_html_to_text(rows[i].in, strlen(rows[i].in), rows[i].max);
		assert_non_null(s);
		check_str(rows[i].in, s, rows[i].want);
		free(s);
	}
	/* NUL bytes inside tag names (the fuzzer's): no element, no overread */
	s = feed_html_to_text(nul, sizeof(nul) - 1, 100);
	assert_non_null(s);
	assert_string_equal(s, "xyz");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_items),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_html_to_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
