/*
 * dash_int — what the dashboard's pages share (dash.c): the page's frame
 * and headers, query parameters, error pages, pagination, times.
 */
#ifndef RW_DASH_INT_H
#define RW_DASH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/buf.h"
#include "rightswatch/dash.h"

struct httpd_answer;

#define DASH_PAGE_ROWS  25      /* rows of a paginated table */
#define DASH_MAX_PAGE   100000  /* the highest page number taken */
#define DASH_MAX_VALUE  200     /* bytes of a parameter's decoded value */

/* Open a page: headers (CSP ...), type, and the HTML up to <main>. 0 or -1. */
int dash_open(struct httpd_answer *ans, const char *title);
/* Close it. 0 or -1. */
int dash_close(struct httpd_answer *ans);
/* The whole answer is an error page: code, reason, and why (raw text). */
void dash_fail(struct httpd_answer *ans, int code, const char *reason, const char *why);
/* Every parameter of query is one of names (NULL-terminated), each at
 * most once, well encoded: 0, or -1 with why. */
int dash_check_query(const char *query, const char *const *names, char *why, size_t whylen);
/* Parameter name's decoded value into out: 0, 1 when absent. (After
 * dash_check_query, which has refused what does not decode.) */
int dash_param(const char *query, const char *name, char *out, size_t outlen);
/* The "page" parameter: 0 and *page (1 when absent), or -1 with why. */
int dash_page(const char *query, size_t *page, char *why, size_t whylen);
/* Links to the previous and next pages: base is the page's own URL with
 * its other parameters, attribute-escaped already ("/?" or
 * "/series?country=Mali&amp;indicator=abductions&amp;"). */
int dash_pager(struct buf *b, const char *base, size_t page, int more);
/* A section: <h2 id="ID">TITLE</h2>, then when n is 0 a paragraph
 * saying empty, else "<table><tr>" head "</tr>" (head: the <th> cells)
 * or, for a list, "<ul>" (head NULL). id, title, empty and head are our
 * own markup. */
int dash_section(struct buf *b, const char *id, const char *title, size_t n,
    const char *empty, const char *head);
/* s escaped as text, or a dash when NULL or empty. */
int dash_text(struct buf *b, const char *s);
/* A time, UTC, with how long ago: "2021-08-06 10:00 UTC (3h ago)"; "never" for 0. */
int dash_time(struct buf *b, int64_t t, int64_t now);
/* A link to the series page of country and indicator, its text escaped. */
int dash_series_link(struct buf *b, const char *country, const char *indicator,
    const char *text);
/* The period start-end as a baseline period ("2021-H1"), or "—". */
int dash_period(struct buf *b, const char *start, const char *end);

#endif
