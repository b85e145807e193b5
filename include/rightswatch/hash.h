/*
 * hash — SHA-256 (FIPS 180-4) as a pure function, for stable item ids and
 * content hashes of releases. No I/O, no globals.
 */
#ifndef RW_HASH_H
#define RW_HASH_H

#include <stddef.h>
#include <stdint.h>

struct hash_sha256 {
	uint32_t h[8];
	uint64_t total;    /* bytes hashed so far */
	uint8_t block[64];
	size_t used;       /* bytes waiting in block */
};

/* Incremental use: init, update any number of times, final (32 bytes). */
void hash_sha256_init(struct hash_sha256 *c);
void hash_sha256_update(struct hash_sha256 *c, const void *p, size_t n);
void hash_sha256_final(struct hash_sha256 *c, uint8_t out[32]);
/* SHA-256 of p as 64 lowercase hex digits and a NUL in out. Returns out. */
char *hash_sha256_hex(const void *p, size_t n, char out[65]);
/* Lowercase hex of a finished digest into out (65 bytes). Returns out. */
char *hash_hex(const uint8_t digest[32], char out[65]);

#endif
