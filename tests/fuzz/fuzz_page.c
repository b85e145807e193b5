/*
 * fuzz_page — libFuzzer target over page_extract and page_listing. The
 * first byte picks the HTTP charset and the XPath expressions; the rest is
 * the page. Every result must be valid UTF-8 within its caps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/feed.h"
#include "rightswatch/page.h"
#include "rightswatch/utf8.h"
#include "../../daemon/doc/page_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_charsets[] = {
	NULL, "utf-8", "iso-8859-1", "utf-16le", "shift_jis", "x-bogus",
	"windows-1252", "utf-16",
};

static const char *const fuzz_content[] = {
	NULL, "//div[@id='body']", "//p/@class", "//text()", "count(//p)",
	"//article//p", "/html", "//*[",
};

static const char *const fuzz_links[] = {
	"//a", "//a/@href", "//div", "//text()", "//main//h3/a", "//*",
	"string(//a)", "//a[",
};

static void
fuzz_valid(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (n > max || !utf8_valid(s, n))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page *p;
	struct feed *f;
	char err[256];
	unsigned sel;
	const char *html;

	if (size < 1)
		return 0;
	sel = data[0];
	html = (const char *)data + 1;
	size--;
	if (page_extract(html, size, fuzz_charsets[sel & 7],
	    "https://www.ohchr.org/en/press-releases/x", fuzz_content[(sel >> 3) & 7],
	    &p, err, sizeof(err)) == 0) {
		fuzz_valid(p->title, PAGE_MAX_TEXT);
		fuzz_valid(p->text, PAGE_MAX_TEXT);
		fuzz_valid(p->lang, 16);
		if (p->date != NULL && strlen(p->date) != 10)
			abort();
		if (p->nalternates > PAGE_MAX_ALTERNATES)
			abort();
		page_free(p);
	}
	if (page_listing(html, size, fuzz_charsets[sel & 7], "https://www.ohchr.org/en/",
	    fuzz_links[(sel >> 5) & 7], (sel & 1) ? "https://www.ohchr.org/en/*" : NULL,
	    &f, err, sizeof(err)) == 0) {
		if (f->nitems > PAGE_MAX_LINKS)
			abort();
		for (size_t i = 0; i < f->nitems; i++) {
			if (f->items[i].id == NULL || f->items[i].link == NULL)
				abort();
			fuzz_valid(f->items[i].title, 1 << 20);
		}
		feed_free(f);
	}
	return 0;
}
