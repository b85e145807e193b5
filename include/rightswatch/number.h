/*
 * number — the numbers of a folded sentence (see text.h): digits with each
 * language's separators ("1,234", "1 234", "4.518", decimals "4.2" / "4,2"
 * with "million(s)", "milliard(s)", glued multipliers "10k", "2.5M"),
 * number words up to the billions in English and French ("forty-three",
 * "quatre-vingt-dix", "vingt et un", "two and a half million", "half a
 * million", "un million et demi", "un demi-million", "three dozen", "3
 * hundred"), vague counts that name a value ("a dozen", approximately "une
 * dizaine"), and what surrounds each number (a date, an age, a duration, a
 * document number, a telephone number, money, a rate, an ordinal, a
 * measure) as flags, summed up as one role. A quantity is read whole or
 * not at all. Vague plurals ("millions of", "des centaines de", "dozens"),
 * digits of other scripts and codes ("1_000") are no number. Pure
 * functions.
 */
#ifndef RW_NUMBER_H
#define RW_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* Largest value read; anything bigger is skipped, never wrapped. */
#define NUMBER_MAX 1000000000000000LL

enum number_flag {
	NUMBER_WORDS    = 1 << 0,  /* written in words */
	NUMBER_APPROX   = 1 << 1,  /* a vague count: "une dizaine" */
	NUMBER_FRACTION = 1 << 2,  /* had a decimal part (value rounded) */
	NUMBER_PERCENT  = 1 << 3,  /* "%", "per cent", "pour cent" */
	NUMBER_DATE     = 1 << 4,  /* a day of a month */
	NUMBER_YEAR     = 1 << 5,  /* a year */
	NUMBER_AGE      = 1 << 6,  /* "aged 15", "15-year-old", "15 ans" */
	NUMBER_DURATION = 1 << 7,  /* "11-day", "three weeks" */
	NUMBER_DOCREF   = 1 << 8,  /* resolution, paragraph, A/HRC/..., footnote, code */
	NUMBER_PHONE    = 1 << 9,  /* "+41 22 917 9059" */
	NUMBER_MONEY    = 1 << 10, /* "$", "US$", "euros", "francs CFA" */
	NUMBER_ORDINAL  = 1 << 11, /* "1st", "1er", "2e" */
	NUMBER_TIME     = 1 << 12, /* "10 a.m.", "14h30", "10:30" */
	NUMBER_TIMES    = 1 << 13, /* a multiplier: "five times", "deux fois" */
	NUMBER_PAREN    = 1 << 14, /* words repeated in digits: "trois cent douze (312)" */
	NUMBER_MEASURE  = 1 << 15  /* a decimal with no multiplier ("12.5"), a signed
	                            * value ("-3"), a distance or weight ("40 km") */
};

/* Flags that rule a number out as a count. */
#define NUMBER_NOT_COUNT (NUMBER_PERCENT | NUMBER_DATE | NUMBER_YEAR | NUMBER_AGE | \
    NUMBER_DURATION | NUMBER_DOCREF | NUMBER_PHONE | NUMBER_MONEY | NUMBER_ORDINAL | \
    NUMBER_TIME | NUMBER_TIMES | NUMBER_MEASURE)

/* What a number is, from its flags (the first that applies, in this order
 * of precedence: percent, money, phone, time, date, document number, year,
 * age, duration, ordinal, multiplier, measure; else a count). */
enum number_role {
	NUMBER_ROLE_COUNT = 0,
	NUMBER_ROLE_DATE,
	NUMBER_ROLE_YEAR,
	NUMBER_ROLE_PERCENT,
	NUMBER_ROLE_DURATION,
	NUMBER_ROLE_MONEY,
	NUMBER_ROLE_ORDINAL,
	NUMBER_ROLE_DOCREF,
	NUMBER_ROLE_PHONE,
	NUMBER_ROLE_AGE,
	NUMBER_ROLE_TIME,
	NUMBER_ROLE_MULTIPLIER,
	NUMBER_ROLE_MEASURE
};

struct number {
	int64_t value;      /* rounded half up when it had a fraction */
	int64_t milli;      /* value in thousandths (exact for "4.2", "37.5") */
	size_t start, end;  /* folded offsets of the number as written */
	unsigned flags;     /* enum number_flag */
};

/* The numbers of f[start, end) (folded text of len bytes), in order; fr
 * selects French separators and words. Stores at most max of them in out
 * and returns how many were stored. Linear in end - start. */
size_t number_scan(const char *f, size_t len, size_t start, size_t end, int fr,
    struct number *out, size_t max);

/* The role of a number with flags (enum number_flag). */
enum number_role number_role(unsigned flags);

/* "count", "date", "year", "percent", "duration", "money", "ordinal",
 * "document number", "phone", "age", "time", "multiplier", "measure":
 * a static string. */
const char *number_role_name(enum number_role r);

/* The month (1..12) named by the word at f[i] (English or French, full or
 * abbreviated), with *wend set past it; 0 when none. */
int number_month(const char *f, size_t len, size_t i, size_t *wend);

/* The value of the number word at f[i] ("forty", "quarante", "twice"), used
 * by other stages for multipliers; sets *wend; -1 when none. */
int64_t number_word(const char *f, size_t len, size_t i, int fr, size_t *wend);

/* The k-th word number_month knows, the k-th of number_word's words in
 * English (fr 0) or French (fr 1), or NULL past the last: a stage that
 * indexes words by what they are enumerates them. */
const char *number_month_name(size_t k);
const char *number_word_name(int fr, size_t k);

#endif
