/*
 * feed_date — the dates feeds write, read as the forgiving readers read
 * them, and nothing else: a date that cannot be read for certain stays
 * unknown rather than wrong.
 *
 * Forms: RFC 822/1123 with or without the weekday, seconds or time, a
 * comma after the month, the month before the day ("Aug 6, 2021"), full
 * month and day names, offsets written +0100, +01:00 or +01, the zone
 * names of RFC 822 and the common named zones below (ET, CT, MT and PT
 * follow the United States' daylight-saving rules of the date), military
 * letters as RFC 2822 says (+0000); W3C-DTF and RFC 3339 (YYYY, YYYY-MM,
 * YYYY-MM-DD, a time with or without seconds and fractions, 'T' or a
 * space, a zone or none, meaning UTC). Offsets beyond ±14:00, unknown zone
 * names (IST has three meanings), impossible days and trailing words are
 * refused.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/date.h"
#include "feed_int.h"

#define FEED_DATE_MAX   80        /* bytes of a date; longer is not one */
#define FEED_DATE_ZMAX  (14 * 60) /* minutes: the widest real offset */

struct fd {
	const char *p, *end;
	int y, mo, d, h, mi, s, off;
	int us_zone; /* ET/CT/MT/PT: standard offset, daylight time to be decided */
};

static int
fd_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
fd_alpha(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static void
fd_ws(struct fd *x)
{
	while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' || *x->p == '\r' || *x->p == '\n'))
		x->p++;
}

/* mind..maxd digits into *v; -1 when fewer. */
static int
fd_num(struct fd *x, int mind, int maxd, int *v)
{
	int k = 0, r = 0;

	while (k < maxd && x->p + k < x->end && fd_digit(x->p[k]))
		r = r * 10 + (x->p[k++] - '0');
	if (k < mind || (x->p + k < x->end && fd_digit(x->p[k])))
		return -1;
	x->p += k;
	*v = r;
	return k;
}

/* ASCII case-insensitive compare of n bytes (strncasecmp follows the
 * locale, and costs more). */
static int
fd_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((a[i] | 0x20) != (b[i] | 0x20))
			return 0;
	return 1;
}

static size_t
fd_word(const struct fd *x)
{
	size_t n = 0;

	while (x->p + n < x->end && fd_alpha(x->p[n]))
		n++;
	return n;
}

/* Month from an English name or its abbreviation ("Sept" too); 0 if none. */
static int
fd_month(const char *w, size_t n)
{
	static const char *const names[] = { "january", "february", "march", "april",
		"may", "june", "july", "august", "september", "october", "november", "december" };

	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		if ((w[0] | 0x20) != names[i][0])
			continue;
		size_t full = strlen(names[i]);
		if ((n == 3 || n == full || (i == 8 && n == 4)) && n <= full &&
		    fd_eq(w, names[i], n))
			return i + 1;
	}
	return 0;
}

static int
fd_weekday(const char *w, size_t n)
{
	static const char *const names[] = { "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday" };

	for (int i = 0; i < 7; i++)
		if ((w[0] | 0x20) == names[i][0] && (n == 3 || n == strlen(names[i])) &&
		    fd_eq(w, names[i], n))
			return 1;
	return 0;
}

/* Named zones, minutes east of UTC. Sorted for bsearch. us: one of the
 * United States' generic names, whose offset depends on the date. */
static const struct fd_zone {
	const char *name;
	int off, us;
} fd_zones[] = {
	{ "AEDT", 660, 0 }, { "AEST", 600, 0 }, { "AKDT", -480, 0 }, { "AKST", -540, 0 },
	{ "BST", 60, 0 }, { "CAT", 120, 0 }, { "CDT", -300, 0 }, { "CEST", 120, 0 },
	{ "CET", 60, 0 }, { "CST", -360, 0 }, { "CT", -360, 1 }, { "EAT", 180, 0 },
	{ "EDT", -240, 0 }, { "EEST", 180, 0 }, { "EET", 120, 0 }, { "EST", -300, 0 },
	{ "ET", -300, 1 }, { "GMT", 0, 0 }, { "HKT", 480, 0 }, { "HST", -600, 0 },
	{ "JST", 540, 0 }, { "KST", 540, 0 }, { "MDT", -360, 0 }, { "MEST", 120, 0 },
	{ "MESZ", 120, 0 }, { "MET", 60, 0 }, { "MEZ", 60, 0 }, { "MST", -420, 0 },
	{ "MT", -420, 1 }, { "NZDT", 780, 0 }, { "NZST", 720, 0 }, { "PDT", -420, 0 },
	{ "PST", -480, 0 }, { "PT", -480, 1 }, { "SGT", 480, 0 }, { "UT", 0, 0 },
	{ "UTC", 0, 0 }, { "WAT", 60, 0 }, { "WEST", 60, 0 }, { "WET", 0, 0 },
	{ "Z", 0, 0 },
};

static int
fd_zone_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct fd_zone *)elem)->name);
}

/* A zone name of n letters at x->p: 0 and x->off set, or -1. */
static int
fd_zone_name(struct fd *x, size_t n)
{
	const struct fd_zone *z;
	char key[8];

	if (n == 1 && (*x->p | 0x20) != 'j') {
		/* RFC 2822 4.3: military letters were given the wrong sign in
		 * RFC 822 and mean +0000 (Z is UTC anyway). */
		x->off = 0;
		x->p += 1;
		return 0;
	}
	if (n == 3 && fd_eq(x->p, "GMT", 3)) {
		/* most dates say GMT */
		x->off = 0;
		x->p += 3;
		return 0;
	}
	if (n >= sizeof(key))
		return -1;
	memcpy(key, x->p, n);
	key[n] = '\0';
	z = bsearch(key, fd_zones, sizeof(fd_zones) / sizeof(fd_zones[0]), sizeof(fd_zones[0]),
	    fd_zone_cmp);
	if (z == NULL)
		return -1;
	x->off = z->off;
	x->us_zone = z->us;
	x->p += n;
	return 0;
}

/* A numeric offset at x->p ('+' or '-', then hhmm, hh:mm or hh). */
static int
fd_offset(struct fd *x)
{
	int sign = *x->p == '-' ? -1 : 1, hh, mm = 0;

	x->p++;
	if (x->end - x->p >= 4 && fd_digit(x->p[0]) && fd_digit(x->p[1]) &&
	    fd_digit(x->p[2]) && fd_digit(x->p[3])) {
		if (fd_num(x, 4, 4, &hh) < 0)
			return -1;
		mm = hh % 100;
		hh /= 100;
	} else {
		if (fd_num(x, 2, 2, &hh) < 0)
			return -1;
		if (x->p < x->end && *x->p == ':') {
			x->p++;
			if (fd_num(x, 2, 2, &mm) < 0)
				return -1;
		}
	}
	if (mm > 59 || hh * 60 + mm > FEED_DATE_ZMAX)
		return -1;
	x->off = sign * (hh * 60 + mm);
	return 0;
}

/* An optional zone, then the end (an RFC 822 comment "(...)" allowed). */
static int
fd_zone_end(struct fd *x, int required_ws)
{
	const char *before = x->p;
	size_t n;

	fd_ws(x);
	if (x->p < x->end && (*x->p == '+' || *x->p == '-')) {
		if (fd_offset(x) == -1)
			return -1;
	} else if ((n = fd_word(x)) > 0) {
		if ((required_ws && x->p == before) || fd_zone_name(x, n) == -1)
			return -1;
	}
	fd_ws(x);
	return x->p == x->end || *x->p == '(' ? 0 : -1;
}

/* hh:mm[:ss[.fraction]] at x->p. */
static int
fd_time(struct fd *x)
{
	if (fd_num(x, 1, 2, &x->h) < 0 || x->p >= x->end || *x->p++ != ':' ||
	    fd_num(x, 2, 2, &x->mi) < 0)
		return -1;
	if (x->p < x->end && *x->p == ':') {
		x->p++;
		if (fd_num(x, 2, 2, &x->s) < 0)
			return -1;
		if (x->p < x->end && (*x->p == '.' || *x->p == ',')) {
			x->p++;
			if (x->p == x->end || !fd_digit(*x->p))
				return -1;
			while (x->p < x->end && fd_digit(*x->p))
				x->p++;
		}
	}
	return 0;
}

/* Day of the month (1..) of the nth Sunday (n 1..5, or -1: the last). */
static int
fd_sunday(int y, int m, int n)
{
	int64_t first = date_days_from_civil(y, m, 1);
	/* 1970-01-01 was a Thursday: day 0 is weekday 4 (Sunday 0) */
	int wd = (int)(((first % 7) + 7 + 4) % 7);
	int d = 1 + (7 - wd) % 7;

	if (n > 0)
		return d + 7 * (n - 1);
	while (d + 7 <= date_days_in_month(y, m))
		d += 7;
	return d;
}

/* Is local standard time y-m-d h in United States daylight time? */
static int
fd_us_dst(int y, int m, int d, int h)
{
	int sm, sd, em, ed;

	if (y >= 2007)
		sm = 3, sd = fd_sunday(y, 3, 2), em = 11, ed = fd_sunday(y, 11, 1);
	else if (y >= 1987)
		sm = 4, sd = fd_sunday(y, 4, 1), em = 10, ed = fd_sunday(y, 10, -1);
	else
		return 0;
	/* from 2:00 standard time at the start to 1:00 standard time (2:00
	 * daylight) at the end */
	if (m != sm && m != em)
		return m > sm && m < em;
	if (m == sm)
		return d > sd || (d == sd && h >= 2);
	return d < ed || (d == ed && h < 1);
}

static int64_t
fd_make(struct fd *x)
{
	if (!date_valid(x->y, x->mo, x->d) || x->h > 23 || x->mi > 59 || x->s > 60)
		return DATE_UNKNOWN;
	if (x->us_zone && fd_us_dst(x->y, x->mo, x->d, x->h))
		x->off += 60;
	if (x->s == 60) /* a leap second is the last second of its minute */
		x->s = 59;
	return date_days_from_civil(x->y, x->mo, x->d) * 86400 + x->h * 3600 + x->mi * 60 +
	    x->s - (int64_t)x->off * 60;
}

/* W3C-DTF / RFC 3339 / ISO 8601 as feeds write it. */
static int64_t
fd_iso(struct fd *x)
{
	if (fd_num(x, 4, 4, &x->y) < 0)
		return DATE_UNKNOWN;
	x->mo = x->d = 1;
	if (x->p < x->end && *x->p == '-') {
		x->p++;
		if (fd_num(x, 2, 2, &x->mo) < 0)
			return DATE_UNKNOWN;
		if (x->p < x->end && *x->p == '-') {
			x->p++;
			if (fd_num(x, 2, 2, &x->d) < 0)
				return DATE_UNKNOWN;
			if (x->p < x->end && (*x->p == 'T' || *x->p == 't' || *x->p == ' ') &&
			    x->p + 1 < x->end && fd_digit(x->p[1])) {
				x->p++;
				if (fd_time(x) == -1)
					return DATE_UNKNOWN;
			}
		}
	}
	if (fd_zone_end(x, 0) == -1)
		return DATE_UNKNOWN;
	return fd_make(x);
}

/* RFC 822 and its relatives. */
static int64_t
fd_822(struct fd *x)
{
	size_t n = fd_word(x);
	int y;

	if (n > 0 && fd_weekday(x->p, n)) {
		x->p += n;
		if (x->p < x->end && *x->p == ',')
			x->p++;
		fd_ws(x);
		n = fd_word(x);
	}
	if (n > 0) { /* "Aug 6, 2021" */
		if ((x->mo = fd_month(x->p, n)) == 0)
			return DATE_UNKNOWN;
		x->p += n;
		if (x->p < x->end && *x->p == '.')
			x->p++;
		fd_ws(x);
		if (fd_num(x, 1, 2, &x->d) < 0)
			return DATE_UNKNOWN;
	} else { /* "6 Aug 2021", "06-Aug-2021" */
		if (fd_num(x, 1, 2, &x->d) < 0)
			return DATE_UNKNOWN;
		fd_ws(x);
		if (x->p < x->end && *x->p == '-')
			x->p++;
		n = fd_word(x);
		if ((x->mo = fd_month(x->p, n)) == 0)
			return DATE_UNKNOWN;
		x->p += n;
		if (x->p < x->end && *x->p == '.')
			x->p++;
	}
	if (x->p < x->end && (*x->p == ',' || *x->p == '-'))
		x->p++;
	fd_ws(x);
	if ((n = (size_t)fd_num(x, 2, 4, &y)) == (size_t)-1)
		return DATE_UNKNOWN;
	/* RFC 2822 4.3: two-digit years, and three-digit ones */
	x->y = n == 2 ? y + (y < 50 ? 2000 : 1900) : n == 3 ? y + 1900 : y;
	fd_ws(x);
	if (x->p < x->end && fd_digit(*x->p) && fd_time(x) == -1)
		return DATE_UNKNOWN;
	if (fd_zone_end(x, 1) == -1)
		return DATE_UNKNOWN;
	return fd_make(x);
}

/* Two digits at s: their value, or -1. */
static int
fd_d2(const char *s)
{
	return fd_digit(s[0]) && fd_digit(s[1]) ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* The forms most feeds write, whole: "Fri, 06 Aug 2021 10:00:00 GMT" (or
 * +hhmm), "2021-08-06T10:00:00Z", taken at fixed places and read to the
 * same answer as fd_822 and fd_iso give them. 0 with *out set, or -1 when
 * s is not one of them (the readers above decide then). */
static int
fd_common(const char *s, size_t n, int64_t *out)
{
	struct fd x = { 0 };
	int c, zh, zm;

	if ((n == 29 || n == 31) && fd_weekday(s, 3) && s[3] == ',' && s[4] == ' ' &&
	    s[7] == ' ' && (x.mo = fd_month(s + 8, 3)) != 0 && s[11] == ' ' &&
	    s[16] == ' ' && s[19] == ':' && s[22] == ':' && s[25] == ' ' &&
	    (x.d = fd_d2(s + 5)) >= 0 && (c = fd_d2(s + 12)) >= 0 && (x.y = fd_d2(s + 14)) >= 0 &&
	    (x.h = fd_d2(s + 17)) >= 0 && (x.mi = fd_d2(s + 20)) >= 0 &&
	    (x.s = fd_d2(s + 23)) >= 0) {
		x.y += c * 100;
		if (n == 29 && fd_eq(s + 26, "GMT", 3))
			x.off = 0;
		else if (n == 31 && (s[26] == '+' || s[26] == '-') &&
		    (zh = fd_d2(s + 27)) >= 0 && (zm = fd_d2(s + 29)) >= 0 && zm <= 59 &&
		    zh * 60 + zm <= FEED_DATE_ZMAX)
			x.off = (s[26] == '-' ? -1 : 1) * (zh * 60 + zm);
		else
			return -1;
		*out = fd_make(&x);
		return 0;
	}
	if (n == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
	    s[16] == ':' && s[19] == 'Z' && (c = fd_d2(s)) >= 0 && (x.y = fd_d2(s + 2)) >= 0 &&
	    (x.mo = fd_d2(s + 5)) >= 0 && (x.d = fd_d2(s + 8)) >= 0 &&
	    (x.h = fd_d2(s + 11)) >= 0 && (x.mi = fd_d2(s + 14)) >= 0 &&
	    (x.s = fd_d2(s + 17)) >= 0) {
		x.y += c * 100;
		*out = fd_make(&x);
		return 0;
	}
	return -1;
}

int64_t
feed_date_parse(const char *s, size_t n)
{
	struct fd x = { 0 };
	int64_t t;

	if (s == NULL || n > FEED_DATE_MAX)
		return DATE_UNKNOWN;
	if (fd_common(s, n, &t) == 0)
		return t;
	x.p = s;
	x.end = s + n;
	fd_ws(&x);
	while (x.end > x.p && (x.end[-1] == ' ' || x.end[-1] == '\t' || x.end[-1] == '\r' ||
	    x.end[-1] == '\n'))
		x.end--;
	if (x.p == x.end)
		return DATE_UNKNOWN;
	if (x.end - x.p >= 4 && fd_digit(x.p[0]) && fd_digit(x.p[1]) && fd_digit(x.p[2]) &&
	    fd_digit(x.p[3]))
		return fd_iso(&x);
	return fd_822(&x);
}
