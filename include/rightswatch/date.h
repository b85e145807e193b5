/*
 * date — calendar arithmetic and timestamp parsing/formatting, all in UTC
 * and independent of the local time zone (pure functions, no clock).
 *
 * Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar; timestamps are int64 seconds since the epoch.
 */
#ifndef RW_DATE_H
#define RW_DATE_H

#include <stddef.h>
#include <stdint.h>

/* A timestamp that is not known (missing or impossible date). */
#define DATE_UNKNOWN INT64_MIN
/* The widest offset from UTC a time zone has (minutes): anything beyond
 * ±14:00 is a malformed date, not a zone. */
#define DATE_MAX_OFFSET (14 * 60)

struct date_ymd {
	int y, m, d; /* m 1..12, d 1..31 */
};

int date_is_leap(int y);
/* Days in month m (1..12) of year y; 0 when m is out of range. */
int date_days_in_month(int y, int m);
/* 1 when y-m-d is a real calendar day (1 <= y <= 9999), else 0. */
int date_valid(int y, int m, int d);
/* Day number of a calendar day (no validation; use date_valid first). */
int64_t date_days_from_civil(int y, int m, int d);
struct date_ymd date_civil_from_days(int64_t days);
/* Add n months to y-m (n may be negative), day clamped to the new month's length. */
struct date_ymd date_add_months(struct date_ymd d, int n);
/* Parse "YYYY-MM-DD" exactly; 0 and *out, or -1. */
int date_parse_ymd(const char *s, struct date_ymd *out);
/* Format as YYYY-MM-DD into out (at least 11 bytes). Returns out. */
char *date_format_ymd(struct date_ymd d, char *out);

/* RFC 822/1123 date ("Fri, 06 Aug 2021 10:00:00 GMT", old zone names such as
 * EST/PDT/Z/UT and military letters, numeric offsets up to ±14:00, missing
 * weekday or seconds) -> seconds UTC, or DATE_UNKNOWN when malformed or
 * impossible (30 February is rejected, never rolled over). */
int64_t date_parse_rfc822(const char *s);
/* RFC 3339 / ISO 8601 ("2021-08-06T10:00:00Z", "+02:00" up to ±14:00,
 * fractions, a bare date) -> seconds UTC, or DATE_UNKNOWN. */
int64_t date_parse_rfc3339(const char *s);
/* Either format, whichever fits; DATE_UNKNOWN when neither does. */
int64_t date_parse_any(const char *s);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). Returns out. */
char *date_format_rfc3339(int64_t t, char *out);

#endif
