/* Unit tests: the feed stream — every fixture fed in chunks of every size
 * gives what the whole document gives, items handed to a callback as they
 * complete, the caps (body, items, CPU budget, held items), duplicates,
 * the date forms and the link fast path checked against curl. */
#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/url.h"

#define BASE "http://base.example.org/dir/feed.xml"

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Fail unless item a and b are equal in every field. */
static void
check_item(const char *what, const struct feed_item *a, const struct feed_item *b)
{
	if (!same_str(a->id, b->id) || !same_str(a->link, b->link) ||
	    !same_str(a->title, b->title) || !same_str(a->summary, b->summary) ||
	    !same_str(a->content, b->content) || !same_str(a->lang, b->lang) ||
	    a->published != b->published || a->updated != b->updated ||
	    a->ncategories != b->ncategories)
		fail_msg("%s: item %s differs", what, a->id);
	for (size_t i = 0; i < a->ncategories; i++)
		if (!same_str(a->categories[i], b->categories[i]))
			fail_msg("%s: category %zu of %s differs", what, i, a->id);
}

/* Parse data in chunks of n bytes; -1 with err on rejection. */
static int
parse_chunked(const char *data, size_t len, size_t n, const char *charset,
    struct feed **out, char *err, size_t errlen)
{
	struct feed_stream *s = feed_stream_new(BASE, charset, NULL, NULL, NULL);
	int rc;

	assert_non_null(s);
	for (size_t i = 0; i < len; i += n)
		if (feed_stream_push(s, data + i, len - i < n ? len - i : n) == -1)
			break;
	rc = feed_stream_finish(s, out, err, errlen);
	feed_stream_free(s);
	return rc;
}

static void
test_chunks(void **state)
{
	static const char *const files[] = {
		"rss2.xml", "rss1.rdf", "atom.xml", "jsonfeed.json", "titles.xml",
		"atom_types.xml", "dates.xml", "latin1_decl.xml", "stray_1252.xml", "koi8.xml",
		"utf16.xml", "lang_after.xml", "links.xml", "duplicates.xml", "rss091.xml",
		"billion.xml", "broken.xml", "page.html", "empty.xml", "notfeed.xml",
	};
	static const size_t sizes[] = { 1, 2, 3, 5, 7, 16, 61, 4096 };
	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const char *cs = strcmp(files[i], "koi8.xml") == 0 ? "koi8-r" : NULL;
		struct feed *whole = NULL, *f;
		char err0[256], err[256];
		size_t len;
		char *data = unit_read_fixture("feed", files[i], &len);
		int rc0 = parse_chunked(data, len, len + 1, cs, &whole, err0, sizeof(err0));

		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			int rc = parse_chunked(data, len, sizes[k], cs, &f, err, sizeof(err));

			if (rc != rc0)
				fail_msg("%s in %zu-byte chunks: %d (%s), whole: %d", files[i],
				    sizes[k], rc, rc ? err : "", rc0);
			if (rc == -1) {
				if (strcmp(err, err0) != 0 && strstr(err, "well-formed") == NULL)
					fail_msg("%s in %zu-byte chunks: '%s', whole: '%s'", files[i],
					    sizes[k], err, err0);
				continue;
			}
			assert_int_equal(f->nitems, whole->nitems);
			assert_int_equal(f->duplicates, whole->duplicates);
			assert_true(same_str(f->title, whole->title) && same_str(f->lang, whole->lang));
			for (size_t j = 0; j < f->nitems; j++)
				check_item(files[i], &f->items[j], &whole->items[j]);
			feed_free(f);
		}
		feed_free(whole);
		free(data);
	}
}

struct collect {
	size_t n, stop_at;
	char ids[8][64];
};

static int
collect_item(void *arg, const struct feed_item *it)
{
	struct collect *c = arg;

	if (c->n < 8)
		snprintf(c->ids[c->n], sizeof(c->ids[0]), "%s", it->id);
	return ++c->n == c->stop_at ? -1 : 0;
}

/* Items go to the callback as soon as each ends, before the document does. */
static void
test_callback(void **state)
{
	static const char part1[] = "<rss><channel><language>en</language>"
	    "<item><guid>a</guid></item><item><guid>b</guid></item><item><guid>a</guid>";
	static const char part2[] = "</item><item><guid>c</guid></item></channel></rss>";
	struct collect c = { 0 };
	struct feed_stream *s;
	struct feed *f;
	char err[256];

	(void)state;
	s = feed_stream_new(NULL, NULL, NULL, collect_item, &c);
	assert_int_equal(feed_stream_push(s, part1, strlen(part1)), 0);
	assert_int_equal(c.n, 2);            /* a, b: before the end */
	assert_int_equal(feed_stream_push(s, part2, strlen(part2)), 0);
	assert_int_equal(feed_stream_finish(s, &f, err, sizeof(err)), 0);
	assert_int_equal(c.n, 3);            /* the second "a" is not passed on */
	assert_string_equal(c.ids[2], "c");
	assert_int_equal(f->nitems, 0);      /* the callback took them */
	assert_int_equal(f->duplicates, 1);
	assert_string_equal(f->lang, "en");
	feed_free(f);
	feed_stream_free(s);

	/* a callback that says stop ends the parse */
	memset(&c, 0, sizeof(c));
	c.stop_at = 1;
	s = feed_stream_new(NULL, NULL, NULL, collect_item, &c);
	(void)feed_stream_push(s, part1, strlen(part1));
	assert_int_equal(feed_stream_push(s, part2, strlen(part2)), -1);
	assert_int_equal(feed_stream_finish(s, &f, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "stopped by the item consumer"));
	assert_int_equal(c.n, 1);
	feed_stream_free(s);
}

/* A document of n items, each with a description of size bytes. */
static char *
many_items(size_t n, size_t size, const char *tail, size_t *len)
{
	struct buf b = { 0 };
	char *desc = malloc(size + 1);

	assert_non_null(desc);
	memset(desc, 'x', size);
	desc[size] = '\0';
	assert_int_equal(buf_puts(&b, "<rss><channel>"), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(buf_printf(&b, "<item><guid>g%zu</guid><description>%s"
		    "</description></item>", i, desc), 0);
	assert_int_equal(buf_printf(&b, "%s</channel></rss>", tail), 0);
	free(desc);
	*len = b.len;
	return buf_detach(&b);
}

static void
test_caps(void **state)
{
	struct feed_limits lim = { 0 };
	struct feed_stream *s;
	struct feed *f;
	char err[256], *doc;
	size_t len;

	(void)state;
	/* body */
	lim.max_body = 100;
	doc = many_items(10, 10, "", &len);
	s = feed_stream_new(NULL, NULL, &lim, NULL, NULL);
	assert_int_equal(feed_stream_push(s, doc, len), -1);
	assert_int_equal(feed_stream_finish(s, &f, err, sizeof(err)), -1);
	assert_string_equal(err, "document larger than 100 bytes");
	feed_stream_free(s);

	/* items: the caller's cap, the rest counted */
	lim.max_body = 0;
	lim.max_items = 3;
	s = feed_stream_new(NULL, NULL, &lim, NULL, NULL);
	assert_int_equal(feed_stream_push(s, doc, len), 0);
	assert_int_equal(feed_stream_finish(s, &f, err, sizeof(err)), 0);
	assert_int_equal(f->nitems, 3);
	assert_int_equal(f->dropped, 7);
	feed_free(f);
	feed_stream_free(s);
	free(doc);

	/* CPU budget: a millisecond is not enough for 8 MB, in chunks or in
	 * one push (which is parsed in slices, the budget looked at between) */
	lim.max_items = 0;
	lim.budget_ms = 1;
	doc = many_items(2000, 4000, "", &len);
	for (size_t chunk = 65536; chunk <= len; chunk = len) {
		struct collect c = { 0 };

		s = feed_stream_new(NULL, NULL, &lim, collect_item, &c);
		for (size_t i = 0; i < len; i += chunk)
			if (feed_stream_push(s, doc + i, len - i < chunk ? len - i : chunk) == -1)
				break;
		assert_int_equal(feed_stream_finish(s, &f, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "budget"));
		assert_true(c.n < 2000); /* stopped before the end */
		feed_stream_free(s);
		if (chunk == len)
			break;
	}
	free(doc);

	/* a channel language that comes after more than FEED_HOLD_BYTES of
	 * items is not waited for: every item is still there */
	doc = many_items(FEED_HOLD_BYTES / 1000 + 50, 1000, "<language>fr</language>", &len);
	assert_int_equal(feed_parse(doc, len, NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f->nitems, FEED_HOLD_BYTES / 1000 + 50);
	assert_null(f->items[0].lang);
	assert_string_equal(f->lang, "fr");
	feed_free(f);
	free(doc);
}

static void
test_dates(void **state)
{
	static const struct {
		const char *in, *want; /* NULL: unknown */
	} rows[] = {
		{ "Fri, 06 Aug 2021 10:00:00 GMT", "2021-08-06T10:00:00Z" },  /* RFC 1123 */
		{ "Fri, 06 Aug 2021 12:00:00 +02:00", "2021-08-06T10:00:00Z" }, /* colon offset */
		{ "Fri, 06 Aug 2021 12:00:00 +02", "2021-08-06T10:00:00Z" },  /* hours only */
		{ "Fri, 06 Aug 2021 12:00:00 CEST", "2021-08-06T10:00:00Z" }, /* named zone */
		{ "Fri, 06 Aug 2021 11:00:00 WEST", "2021-08-06T10:00:00Z" }, /* another */
		{ "Fri, 06 Aug 2021 13:00:00 EAT", "2021-08-06T10:00:00Z" },  /* East Africa */
		{ "Fri, 06 Aug 2021 06:00:00 ET", "2021-08-06T10:00:00Z" },   /* US summer */
		{ "Sun, 14 Mar 2021 01:30:00 ET", "2021-03-14T06:30:00Z" },   /* before the switch */
		{ "Sun, 14 Mar 2021 03:30:00 ET", "2021-03-14T07:30:00Z" },   /* after it */
		{ "Fri, 06 Aug 2021 10:00:00 z", "2021-08-06T10:00:00Z" },    /* military, lower case */
		{ "06 Aug 2021", "2021-08-06T00:00:00Z" },                    /* date only */
		{ "06-Aug-2021 10:00", "2021-08-06T10:00:00Z" },              /* dashes */
		{ "Aug 6, 2021", "2021-08-06T00:00:00Z" },                    /* month first */
		{ "6 Sept 2021", "2021-09-06T00:00:00Z" },                    /* Sept */
		{ "Friday, 6 August 2021 10:00 GMT", "2021-08-06T10:00:00Z" }, /* full names */
		{ "Fri, 06 Aug 21 10:00:00 GMT", "2021-08-06T10:00:00Z" },    /* two-digit year */
		{ "Fri, 06 Aug 2021 10:00:60 GMT", "2021-08-06T10:00:59Z" },  /* leap second */
		{ "2021-08-06 12:00:00 +02:00", "2021-08-06T10:00:00Z" },     /* ISO with spaces */
		{ "2021-08-06T12:00:00+0200", "2021-08-06T10:00:00Z" },       /* offset without colon */
		{ "2021-08-06t10:00:00z", "2021-08-06T10:00:00Z" },           /* lower case */
		{ "2021-08-06T10:00:00", "2021-08-06T10:00:00Z" },            /* no zone: UTC */
		{ "2021-08", "2021-08-01T00:00:00Z" },                        /* W3C-DTF month */
		{ "  2021  ", "2021-01-01T00:00:00Z" },                       /* W3C-DTF year */
		{ "2021-08-06T10:00:00+14:00", "2021-08-05T20:00:00Z" },      /* the widest offset */
		{ "2021-08-06T10:00:00+14:01", NULL },                        /* past it */
		{ "Fri, 06 Aug 2021 10:00:00 -1500", NULL },                  /* past it */
		{ "Fri, 06 Aug 2021 10:00:00 IST", NULL },                    /* ambiguous zone */
		{ "Fri, 06 Aug 2021 10:00:00 XYZ", NULL },                    /* unknown zone */
		{ "Fri, 06 Aug 2021 10:00:00 J", NULL },                      /* J is no zone */
		{ "Fri, 06 Aug 2021 10:00:00 GMT+2", NULL },                  /* trailing */
		{ "Fri, 31 Sep 2021", NULL },                                 /* no such day */
		{ "2021-02-29", NULL },                                       /* not a leap year */
		{ "2021-8-6", NULL },                                         /* one digit */
		{ "20210806", NULL },                                         /* compact */
		{ "2021-08-06T25:00:00Z", NULL },                             /* hour */
		{ "Foo, 06 Aug 2021", NULL },                                 /* weekday */
		{ "06 Agosto 2021", NULL },                                   /* month */
		{ "yesterday", NULL },                                        /* prose */
		{ "1628244000", NULL },                                       /* epoch seconds */
		/* the common forms, read at fixed places: their edges */
		{ "fri, 06 aug 2021 10:00:00 gmt", "2021-08-06T10:00:00Z" },  /* lower case */
		{ "Fri, 06 Aug 2021 10:00:00 -0930", "2021-08-06T19:30:00Z" }, /* minutes, west */
		{ "Fri, 06 Aug 2021 10:00:00 +1401", NULL },                  /* past the widest */
		{ "Fri, 06 Aug 2021 10:00:00 +0260", NULL },                  /* minute 60 */
		{ "Fri, 06 Aug 2021 10:60:00 GMT", NULL },                    /* minute */
		{ "Fri, 29 Feb 2020 23:59:60 GMT", "2020-02-29T23:59:59Z" },  /* leap day and second */
		{ "Fri, 06 Xyz 2021 10:00:00 GMT", NULL },                    /* month */
		{ "Fri, 06 Aug 2021 10:00:00 UTC", "2021-08-06T10:00:00Z" },  /* same length, other zone */
		{ "2021-13-06T10:00:00Z", NULL },                             /* month 13 */
		{ "2020-02-29T10:00:00Z", "2020-02-29T10:00:00Z" },           /* leap day */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct feed *f;
		char doc[512], err[256], out[32];

		snprintf(doc, sizeof(doc), "<rss><channel><item><guid>x</guid><pubDate>%s"
		    "</pubDate></item></channel></rss>", rows[i].in);
		if (feed_parse(doc, strlen(doc), NULL, &f, err, sizeof(err)) != 0)
			fail_msg("%s: %s", rows[i].in, err);
		assert_int_equal(f->nitems, 1);
		if (!same_str(f->items[0].published == DATE_UNKNOWN ? NULL :
		    date_format_rfc3339(f->items[0].published, out), rows[i].want))
			fail_msg("row %zu '%s': got %s", i, rows[i].in, f->items[0].published ==
			    DATE_UNKNOWN ? "unknown" : out);
		feed_free(f);
	}
}

/* Links come out as curl's URL parser gives them, whichever path made them. */
/* A document cut short is rejected, whatever the chunk size, never read
 * as a shorter feed (libxml2 hears the end of the bytes). */
static void
test_cut(void **state)
{
	static const struct {
		const char *doc;
		const char *why; /* in the error */
	} rows[] = {
		/* cut inside an element's name, after a whole item */
		{ "<rss><channel><item><guid>a</guid></item><item><guid>b</guid><pub",
		  "not well-formed XML" },
		/* cut inside text */
		{ "<rss><channel><item><title>Half a tit", "not well-formed XML" },
		/* the root never closed */
		{ "<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>x</id></entry>",
		  "not well-formed XML" },
		/* cut inside a CDATA section */
		{ "<rss><channel><item><description><![CDATA[<p>a", "not well-formed XML" },
	};
	static const size_t sizes[] = { 1, 7, 4096 };

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			struct feed *f = NULL;
			char err[256] = "";

			if (parse_chunked(rows[i].doc, strlen(rows[i].doc), sizes[k], NULL, &f, err,
			    sizeof(err)) != -1)
				fail_msg("row %zu, chunks of %zu: accepted (%zu items)", i, sizes[k],
				    f != NULL ? f->nitems : 0);
			if (strstr(err, rows[i].why) == NULL)
				fail_msg("row %zu, chunks of %zu: %s", i, sizes[k], err);
			assert_null(f);
		}
}

static void
test_links(void **state)
{
	static const char *const rows[] = {
		"https://www.ohchr.org/en/press-releases/2021/08/mali-un-expert",
		"http://a.example.org/x?y=1&z=2#frag",
		"https://a.example.org/path/with-(parens)/~user/a,b;c:d@e!f$g*h'i+j",
		"https://a.example.org/%41%42/%e9",
		"https://A.example.org/x",
		"HTTP://a.example.org/x",
		"https://a.example.org:443/x",
		"https://a.example.org/a/./b",
		"https://a.example.org/a/../b",
		"https://a.example.org/a/.",
		"https://a.example.org/a/..",
		"https://a.example.org/.hidden/..x/x..",
		"https://a.example.org",
		"https://a.example.org/sp ace",
		"https://a.example.org/%zz",
		"https://user@a.example.org/x",
		"https://a.example.org./x",
		"https://a-b.example.org/x",
		"https://xn--bcher-kva.example/x",
		"https://a.example.org/caf\xc3\xa9",
		"https://a.example.org/x\"y",
		"https://a.example.org/x<y>",
		"https://a.example.org/x|y",
		"https://a.example.org/x\\y",
		"https://a.example.org/x^y`z{}",
		"https://a.example.org//double//slash",
		"https://a.example.org/?",
		"https://a.example.org/#",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf doc = { 0 };
		struct feed *f;
		char err[256], *want = url_resolve(NULL, rows[i]);

		/* through an attribute (Atom) as well as text (RSS) */
		assert_int_equal(buf_printf(&doc, "<rss><channel><item><guid>g</guid><link><![CDATA[%s]]>"
		    "</link></item></channel></rss>", rows[i]), 0);
		if (feed_parse(doc.data, doc.len, NULL, &f, err, sizeof(err)) != 0)
			fail_msg("%s: %s", rows[i], err);
		if (want != NULL && !same_str(f->items[0].link, want))
			fail_msg("'%s': got '%s', curl gives '%s'", rows[i], f->items[0].link, want);
		feed_free(f);
		free(want);
		buf_free(&doc);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunks),
		cmocka_unit_test(test_callback),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
