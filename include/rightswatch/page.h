/*
 * page — a release page's HTML to its title, publication date, language and
 * main text (paragraphs kept, navigation and boilerplate dropped), and an
 * HTML listing page to its release links. Pure functions over bytes.
 */
#ifndef RW_PAGE_H
#define RW_PAGE_H

#include <stddef.h>

struct feed;

#define PAGE_MAX_TEXT  (2 * 1024 * 1024)  /* bytes of main text kept */
#define PAGE_MAX_INPUT (32 * 1024 * 1024) /* bytes of HTML accepted */
#define PAGE_MAX_ALTERNATES 64            /* alternate-language links kept */
#define PAGE_MAX_LINKS 10000              /* links kept from one listing page */

struct page {
	char *title;  /* or NULL */
	char *date;   /* "YYYY-MM-DD" from meta tags or the dateline, or NULL */
	char *lang;   /* "en", "fr", ... from lang= or meta tags, or NULL */
	char *text;   /* main text, valid UTF-8, paragraphs separated by "\n\n"; never NULL */
	char **alternates; /* alternate-language URLs (absolute), recorded, never fetched */
	size_t nalternates;
};

/* Extract a release page. charset is the HTTP Content-Type charset (it wins
 * over a meta charset) or NULL; base_url may be NULL; content_xpath (may be
 * NULL) selects the body. Returns 0 and *out (free with page_free), or -1
 * with a one-line reason in err. */
int page_extract(const char *html, size_t len, const char *charset,
    const char *base_url, const char *content_xpath, struct page **out,
    char *err, size_t errlen);
void page_free(struct page *p);

/* Release links of a listing page: links_xpath selects <a> elements (or
 * their href attributes); each href is resolved against base_url, filtered
 * by link_pattern (may be NULL) and deduplicated; the link text is the
 * title. Returns 0 and a struct feed of kind FEED_KIND_HTML (free with
 * feed_free), or -1 with a reason in err. */
int page_listing(const char *html, size_t len, const char *charset,
    const char *base_url, const char *links_xpath, const char *link_pattern,
    struct feed **out, char *err, size_t errlen);

/* Is expr a valid XPath expression (for checking content_xpath and links
 * in the configuration)? 0, or -1 with a reason in err. */
int page_xpath_check(const char *expr, char *err, size_t errlen);

#endif
