/*
 * store_schema — private to the store: the schema's migration steps.
 */
#ifndef RW_STORE_SCHEMA_H
#define RW_STORE_SCHEMA_H

/* The schema version this code creates (the number of steps). */
int store_schema_version(void);
/* The SQL taking a database from version `from` to from + 1, or NULL. */
const char *store_schema_step(int from);

#endif
