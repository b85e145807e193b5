/*
 * secret — reading a secret from its file (an SMTP password), with the
 * rules a secret file must meet, in one place: the destination that sends
 * with it at each delivery and `check`, which says beforehand what the
 * delivery would refuse. The caller wipes and frees what it got.
 */
#ifndef RW_SECRET_H
#define RW_SECRET_H

#include <stddef.h>

/* Longest secret read, in bytes. */
#define SECRET_MAX 1024

/* The secret in the file at path, trailing line breaks dropped (caller
 * wipes with explicit_bzero, then frees). NULL with the reason in err when
 * path is not absolute (an unexpanded ${CREDENTIALS_DIRECTORY}), cannot be
 * read, is readable by its group or by others, or is empty. */
char *secret_read(const char *path, char *err, size_t errlen);

#endif
