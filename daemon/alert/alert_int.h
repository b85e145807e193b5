/*
 * alert_int — helpers shared by alert.c and alert_mail.c (private).
 */
#ifndef RW_ALERT_INT_H
#define RW_ALERT_INT_H

#include <stddef.h>

#include "rightswatch/buf.h"

/* Append s cleaned: invalid UTF-8 as U+FFFD, each control (C0, DEL, C1,
 * bidirectional, U+2028/U+2029: utf8_is_control) as one space. NULL appends nothing. 0 or -1. */
int alert_put_clean(struct buf *b, const char *s);
/* Append a double with digits decimals (negative: at most -digits, trailing
 * zeros dropped), whatever the locale. 0 or -1. */
int alert_put_double(struct buf *b, double v, int digits);

#endif
