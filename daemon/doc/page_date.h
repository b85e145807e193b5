/*
 * page_date — the publication date of a release as written: in a meta tag's
 * value or in the prose near the top of the page (the dateline
 * "GENEVA (6 August 2021) –", "6 août 2021"). Pure functions over strings.
 */
#ifndef RW_PAGE_DATE_H
#define RW_PAGE_DATE_H

#include <stddef.h>

/* The first calendar date written in text (len bytes, UTF-8), English or
 * French: "6 August 2021", "1st Aug. 2021", "1er août 2021", "August 6,
 * 2021", "2021-08-06". Impossible dates are skipped. 0 and out
 * ("YYYY-MM-DD", 11 bytes), or -1. */
int page_date_find(const char *text, size_t len, char *out);

/* The date of a meta tag's or a <time datetime>'s value: ISO 8601 (the day
 * as written, before any UTC offset is applied), RFC 822, or a date in
 * words. 0 and out (11 bytes), or -1. */
int page_date_value(const char *s, char *out);

#endif
