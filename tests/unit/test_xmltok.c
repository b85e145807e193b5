/* Unit tests: the streaming XML tokenizer — every row gives the same
 * events (start tags with their namespace and attributes, text, end tags)
 * whole, cut in two at every byte and fed one byte at a time; malformed
 * rows are refused with their message at every cut; references, CDATA,
 * comments, processing instructions, doctypes, namespaces (default,
 * prefixed, redeclared, undeclared) and line ends. */
#include "unit.h"
#include "rightswatch/buf.h"
#include "../../daemon/doc/xmltok.h"

/* The events as one string: "<{uri}local a={uri}name=value>" for a start,
 * "</local>" for an end, text as it comes (runs joined). */
struct rec {
	struct buf b;
	size_t stop_after; /* stop the parse at this start tag (0: never) */
	size_t starts;
	struct xmltok *t;
};

static void
rec_name(struct buf *b, const struct xt_name *n)
{
	if (n->uri != NULL) {
		buf_putc(b, '{');
		buf_append(b, n->uri, n->ulen);
		buf_putc(b, '}');
	}
	buf_append(b, n->local, n->llen);
}

static void
rec_start(void *arg, const struct xt_name *el, const struct xt_attr *at, size_t nat)
{
	struct rec *r = arg;

	buf_putc(&r->b, '<');
	rec_name(&r->b, el);
	for (size_t i = 0; i < nat; i++) {
		buf_putc(&r->b, ' ');
		rec_name(&r->b, &at[i].n);
		buf_putc(&r->b, '=');
		buf_append(&r->b, at[i].val, at[i].vlen);
		assert_int_equal(strlen(at[i].val), at[i].vlen);
	}
	buf_putc(&r->b, '>');
	if (++r->starts == r->stop_after)
		xmltok_stop(r->t);
}

static void
rec_end(void *arg, const struct xt_name *el)
{
	struct rec *r = arg;

	buf_append(&r->b, "</", 2);
	rec_name(&r->b, el);
	buf_putc(&r->b, '>');
}

static void
rec_text(void *arg, const char *s, size_t n)
{
	struct rec *r = arg;

	assert_true(n > 0);
	buf_append(&r->b, s, n);
}

static const struct xt_ops rec_ops = { rec_start, rec_end, rec_text };

/* Parse doc in pieces: cut at byte `cut` (0: whole), or every byte when
 * cut is (size_t)-1. Returns 0 or -1; events in out, error in err. */
static int
parse(const char *doc, size_t len, size_t cut, char *out, size_t outlen, char *err,
    size_t errlen)
{
	struct rec r = { 0 };
	int rc = 0;

	r.t = xmltok_new(&rec_ops, &r);
	assert_non_null(r.t);
	if (cut == (size_t)-1) {
		for (size_t i = 0; i < len && rc == 0; i++)
			rc = xmltok_push(r.t, doc + i, 1, 0);
	} else if (cut > 0) {
		rc = xmltok_push(r.t, doc, cut, 0);
		if (rc == 0)
			rc = xmltok_push(r.t, doc + cut, len - cut, 0);
	} else
		rc = xmltok_push(r.t, doc, len, 0);
	if (rc == 0)
		rc = xmltok_push(r.t, NULL, 0, 1);
	snprintf(err, errlen, "%s", xmltok_error(r.t));
	snprintf(out, outlen, "%.*s", (int)r.b.len, r.b.data != NULL ? r.b.data : "");
	xmltok_free(r.t);
	buf_free(&r.b);
	return rc;
}

static const struct {
	const char *doc, *events;
} good[] = {
	{ "<a>x</a>", "<a>x</a>" },
	{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>", "<a></a>" },
	{ "<?xml version='1.0' standalone='yes'?><a b='1' c=\"2\"/>", "<a b=1 c=2></a>" },
	/* references: predefined, decimal, hex, astral; in text and values */
	{ "<a>&lt;&gt;&amp;&apos;&quot;</a>", "<a><>&'\"</a>" },
	{ "<a>caf&#233; &#x4E2D; &#x1F600;</a>", "<a>caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80</a>" },
	{ "<a t='a&amp;b&#38;c&lt;'>x</a>", "<a t=a&b&c<>x</a>" },
	{ "<a>&amp;amp;</a>", "<a>&amp;</a>" },
	/* value white space normalised, references kept */
	{ "<a t='x\ty\nz\r\nw&#10;v'/>", "<a t=x y z w\nv></a>" },
	/* line ends in text and CDATA */
	{ "<a>1\r\n2\r3\n</a>", "<a>1\n2\n3\n</a>" },
	{ "<a><![CDATA[x\r\ny]]></a>", "<a>x\ny</a>" },
	/* CDATA keeps markup and references as they are */
	{ "<a><![CDATA[<b>&amp;</b>]]]]><![CDATA[>]]></a>", "<a><b>&amp;</b>]]></a>" },
	{ "<a>x]y]]z</a>", "<a>x]y]]z</a>" },
	/* comments and PIs are dropped wherever they may be */
	{ "<!-- c --><?pi data?><a><!-- in -->x<?p?>y</a><!---->\n<?q z?>\n",
	  "<a>xy</a>" },
	/* a doctype: read, not applied */
	{ "<!DOCTYPE a [<!ELEMENT a ANY><!ATTLIST a b CDATA #IMPLIED><!-- c --><?p x?>]><a/>",
	  "<a></a>" },
	{ "<!DOCTYPE rss PUBLIC \"-//N//DTD RSS 0.91//EN\" \"http://x/rss.dtd\"><a>x&nbsp;y</a>",
	  "<a>xy</a>" },
	{ "<!DOCTYPE a SYSTEM 'x.dtd' [%pe;]><a>&u;</a>", "<a></a>" },
	{ "<!DOCTYPE a [<!ELEMENT a (#PCDATA|b)*><!ELEMENT b EMPTY><!ATTLIST a n NOTATION (x) "
	  "#REQUIRED c (y|z) 'y' d ID #IMPLIED e CDATA #FIXED \"v\"><!NOTATION x PUBLIC 'p' 's'>]><a/>",
	  "<a></a>" },
	/* namespaces: default, prefixed, redeclared, undone, undeclared */
	{ "<a xmlns='u:1'><b/></a>", "<{u:1}a><{u:1}b></{u:1}b></{u:1}a>" },
	{ "<p:a xmlns:p='u:p' p:x='1' y='2'/>", "<{u:p}a {u:p}x=1 y=2></{u:p}a>" },
	{ "<a xmlns:p='u:1'><p:b xmlns:p='u:2'/><p:c/></a>",
	  "<a><{u:2}b></{u:2}b><{u:1}c></{u:1}c></a>" },
	{ "<a xmlns='u:1'><b xmlns=''/></a>", "<{u:1}a><b></b></{u:1}a>" },
	{ "<q:a q:x='1'/>", "<a x=1></a>" },
	{ "<a xml:lang='fr' xml:base='http://x/'/>",
	  "<a {http://www.w3.org/XML/1998/namespace}lang=fr "
	  "{http://www.w3.org/XML/1998/namespace}base=http://x/></a>" },
	{ "<a xmlns:p=''/>", "<a></a>" },
	/* names beyond ASCII */
	{ "<\xc3\xa9t\xc3\xa9 \xc3\xa0='1'>x</\xc3\xa9t\xc3\xa9>",
	  "<\xc3\xa9t\xc3\xa9 \xc3\xa0=1>x</\xc3\xa9t\xc3\xa9>" },
	/* white space inside tags */
	{ "<a\n b = '1'\t></a >", "<a b=1></a>" },
};

static const struct {
	const char *doc, *why;
} bad[] = {
	{ "", "Document is empty" },
	{ "text", "Document is empty" },
	{ "<a>", "Extra content at the end of the document" },
	{ "<a></b>", "Opening and ending tag mismatch: a line 1 and b" },
	{ "<a>\n<b>\n</c></a>", "(line 3): Opening and ending tag mismatch: b line 2 and c" },
	{ "<a/><b/>", "Extra content at the end of the document" },
	{ "<a/>x", "Extra content at the end of the document" },
	{ "<a b='1' b='2'/>", "Attribute b redefined" },
	{ "<a b='1'c='2'/>", "Couldn't find end of Start Tag a" },
	{ "<a b=1/>", "AttValue: \" or ' expected" },
	{ "<a b/>", "Specification mandates value for attribute b" },
	{ "<a b='<'/>", "Unescaped '<' not allowed in attributes values" },
	{ "<a>&nbsp;</a>", "Entity 'nbsp' not defined" },
	{ "<a>&amp</a>", "EntityRef: expecting ';'" },
	{ "<a>& b</a>", "xmlParseEntityRef: no name" },
	{ "<a>&#0;</a>", "xmlParseCharRef: invalid xmlChar value 0" },
	{ "<a>&#xD800;</a>", "xmlParseCharRef: invalid xmlChar value 55296" },
	{ "<a>&#12a;</a>", "xmlParseCharRef: invalid decimal value" },
	{ "<a>x]]>y</a>", "Sequence ']]>' not allowed in content" },
	{ "<a>\x01</a>", "PCDATA invalid Char value 1" },
	{ "<a>\xef\xbf\xbe</a>", "Char 0xFFFE out of allowed range" },
	{ "<a><!-- x -- y --></a>", "Double hyphen within comment" },
	{ "<a><!-- x", "Comment not terminated" },
	{ " <?xml version='1.0'?><a/>", "XML declaration allowed only at the start of the document" },
	{ "<?xml encoding='x'?><a/>", "Malformed declaration expecting version" },
	{ "<?xml version='2.0'?><a/>", "Unsupported version '2.0'" },
	{ "<?xml version='1.0' standalone='maybe'?><a/>", "parsing XML declaration: '?>' expected" },
	{ "<a><![CDATA[x</a>", "Extra content at the end of the document" },
	{ "<1a/>", "StartTag: invalid element name" },
	{ "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", "rejected: the DTD declares entities" },
	{ "<!DOCTYPE a [<!ENTITY % p 'x'>]><a/>", "rejected: the DTD declares entities" },
	{ "<!DOCTYPE a [<!ATTLIST a b CDATA 'x' c CDATA 'x' d CDATA 'x' e CDATA 'x' f CDATA 'x' "
	  "g CDATA 'x' h CDATA 'x' i CDATA 'x' j CDATA 'x' k CDATA 'x' l CDATA 'x' m CDATA 'x' "
	  "n CDATA 'x' o CDATA 'x' p CDATA 'x' q CDATA 'x' r CDATA 'x'>]><a/>",
	  "rejected: the DTD declares too many attribute defaults" },
	{ "<!DOCTYPE a [junk]><a/>", "DOCTYPE improperly terminated" },
	{ "<!DOCTYPE a [<!ELEMENT a>]><a/>", "error detected in Markup declaration" },
	{ "<!DOCTYPE a [<!ELEMENT a (b|#PCDAT)>]><a/>", "error detected in Markup declaration" },
	{ "<!DOCTYPE a [<!ATTLIST a b CDATA>]><a/>", "error detected in Markup declaration" },
	{ "<!DOCTYPE a [<!ATTLIST a b FOO #IMPLIED>]><a/>", "error detected in Markup declaration" },
	{ "<!DOCTYPE a [<!NOTATION n>]><a/>", "error detected in Markup declaration" },
	{ "<!DOCTYPE a PUBLIC \"x{\" \"y\"><a/>", "DOCTYPE improperly terminated" },
	{ "<!DOCTYPE a SYSTEM><a/>", "DOCTYPE improperly terminated" },
	{ "<!DOCTYPE a [%p;]><a/>", "PEReference" },
};

static void
test_good(void **state)
{
	char out[512], whole[512], err[256];
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		size_t len = strlen(good[i].doc);

		if (parse(good[i].doc, len, 0, whole, sizeof(whole), err, sizeof(err)) != 0)
			fail_msg("row %zu: refused: %s", i, err);
		if (strcmp(whole, good[i].events) != 0)
			fail_msg("row %zu: '%s', want '%s'", i, whole, good[i].events);
		for (size_t cut = 1; cut <= len; cut++) {
			size_t c = cut == len ? (size_t)-1 : cut; /* and byte by byte */

			if (parse(good[i].doc, len, c, out, sizeof(out), err, sizeof(err)) != 0)
				fail_msg("row %zu cut at %zu: refused: %s", i, cut, err);
			if (strcmp(out, whole) != 0)
				fail_msg("row %zu cut at %zu: '%s', whole '%s'", i, cut, out, whole);
		}
	}
}

static void
test_bad(void **state)
{
	char out[512], err[256];
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t len = strlen(bad[i].doc);

		for (size_t cut = 0; cut <= len; cut++) {
			size_t c = cut == len && len > 0 ? (size_t)-1 : cut;

			if (parse(bad[i].doc, len, c, out, sizeof(out), err, sizeof(err)) != -1)
				fail_msg("row %zu cut at %zu: accepted ('%s')", i, cut, out);
			if (strstr(err, bad[i].why) == NULL)
				fail_msg("row %zu cut at %zu: '%s', want '%s'", i, cut, err, bad[i].why);
		}
	}
}

/* A well-formedness error names its line; a callback may stop the parse. */
static void
test_line_and_stop(void **state)
{
	static const char doc[] = "<a>\n<b/>\n\n<c>&bad;</c></a>";
	struct rec r = { .stop_after = 2 };
	char out[256], err[256];
	(void)state;
	assert_int_equal(parse(doc, strlen(doc), 0, out, sizeof(out), err, sizeof(err)), -1);
	assert_string_equal(err, "not well-formed XML (line 4): Entity 'bad' not defined");
	assert_int_equal(parse(doc, strlen(doc), (size_t)-1, out, sizeof(out), err, sizeof(err)), -1);
	assert_string_equal(err, "not well-formed XML (line 4): Entity 'bad' not defined");

	r.t = xmltok_new(&rec_ops, &r);
	assert_int_equal(xmltok_push(r.t, doc, strlen(doc), 1), -1);
	assert_string_equal(xmltok_error(r.t), "");
	assert_int_equal(r.starts, 2);
	xmltok_free(r.t);
	buf_free(&r.b);
}

/* A long text, a long comment and a long CDATA section in small chunks
 * never make the carry grow: only a cut token is kept. */
static void
test_long_runs(void **state)
{
	struct rec r = { 0 };
	const char *parts[] = { "<a>", "<!--", "-->", "<![CDATA[", "]]>", "</a>" };
	char chunk[1000];
	(void)state;
	memset(chunk, 'x', sizeof(chunk));
	r.t = xmltok_new(&rec_ops, &r);
	for (size_t p = 0; p < 6; p++) {
		assert_int_equal(xmltok_push(r.t, parts[p], strlen(parts[p]), 0), 0);
		for (int k = 0; p < 5 && k < 2000; k++)
			assert_int_equal(xmltok_push(r.t, chunk, sizeof(chunk), 0), 0);
		buf_reset(&r.b); /* the text itself is not the point */
	}
	assert_int_equal(xmltok_push(r.t, NULL, 0, 1), 0);
	xmltok_free(r.t);
	buf_free(&r.b);
}

/* A token that never ends is refused once it is longer than any could
 * be, not kept growing: an entity name, a character reference, an end
 * tag, a start tag. */
static void
test_bounded(void **state)
{
	static const char *const heads[] = { "<a>&", "<a>&#", "<a></", "<a><b x='" };
	static const char *const why[] = { "name too long", "invalid xmlChar value",
		"Extra content", "Couldn't find end of Start Tag b" };
	char chunk[4096];
	(void)state;
	for (size_t h = 0; h < 4; h++) {
		struct rec r = { 0 };
		size_t pushed = 0;
		int rc;

		memset(chunk, h == 1 ? '1' : 'a', sizeof(chunk));
		r.t = xmltok_new(&rec_ops, &r);
		rc = xmltok_push(r.t, heads[h], strlen(heads[h]), 0);
		while (rc == 0 && pushed < 4 * 1024 * 1024) {
			rc = xmltok_push(r.t, chunk, sizeof(chunk), 0);
			pushed += sizeof(chunk);
		}
		if (rc != -1 || strstr(xmltok_error(r.t), why[h]) == NULL)
			fail_msg("'%s' and %zu bytes: rc %d, '%s'", heads[h], pushed, rc,
			    xmltok_error(r.t));
		assert_true(pushed <= 2 * 1024 * 1024);
		xmltok_free(r.t);
		buf_free(&r.b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_line_and_stop),
		cmocka_unit_test(test_long_runs),
		cmocka_unit_test(test_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
