/*
 * dateline — the date line that opens a release: "BAMAKO (6 August 2021)
 * –", "GENEVA (14 March 2024) –", "NEW YORK, 2 May 2023", "Genève, le 9
 * février 2025 –", "17 mars 2016 –": a place (or nothing), then a full
 * date with its year, then a dash or the end of the line. It gives the
 * release's date when no other is known, and a date there is never the
 * date of an event. Pure functions.
 */
#ifndef RW_DATELINE_H
#define RW_DATELINE_H

#include <stddef.h>

#include "rightswatch/date.h"

/* Lines of a text looked at for its dateline, from the top. */
#define DATELINE_LINES 12

/* The date of text's dateline (len bytes, any bytes), looked for in its
 * first DATELINE_LINES non-empty lines: 0 with the date in *d and its byte
 * offsets in the text in *start, *end; -1 when there is none (or out of
 * memory). */
int dateline_find(const char *text, size_t len, struct date_ymd *d, size_t *start, size_t *end);

/* Whether the date at folded f[ps, pe) (see text.h; f holds len bytes) is
 * a dateline's: at most a few place words before it on its line, and after
 * it a closing parenthesis, a dash or the end of the line. */
int dateline_at(const char *f, size_t len, size_t ps, size_t pe);

#endif
