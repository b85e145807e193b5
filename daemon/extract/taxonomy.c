/*
 * taxonomy — the taxonomy built from the built-in vocabulary
 * (taxonomy_words.c) and the configuration's additions, and matching at a
 * word start (see taxonomy.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/config_types.h"
#include "rightswatch/taxonomy.h"
#include "rightswatch/text.h"
#include "taxonomy_int.h"

struct term {
	char *s;          /* folded */
	size_t len;
	size_t wlen;      /* length of the first word, the stem its inflections are found by */
	int kind, id;
};

/* A word of a text that may begin terms: a term's first word as written
 * or inflected (+s, +e, +es), with the terms it may begin, in the order
 * they are tried: as written first, then each inflection, each in the
 * order the terms were added. */
struct key {
	uint64_t h;       /* hash_word of the word */
	size_t off, n;    /* the word: keyspace[off, off + n) */
	size_t first, count; /* its terms: cand[first, first + count) */
};

/* Bits in the sieve. */
#define TAXONOMY_SIEVE 65536

struct named {
	char *name;
	int country; /* regions: their country, or -1 */
};

struct taxonomy {
	struct term *terms;
	size_t nterms, capterms;
	struct key *keys;  /* open addressing, nslots a power of two; n == 0 marks an empty slot */
	size_t nslots;
	uint64_t sieve[TAXONOMY_SIEVE / 64]; /* bits of the keys' sieve_of: most words miss here */
	char *keyspace;
	size_t *cand;
	struct named *ind, *cty, *reg;
	size_t nind, ncty, nreg;
	size_t capind, capcty, capreg;
};

static uint64_t
hash_word(const char *s, size_t n)
{
	return text_word_hash(s, n);
}

/* The slot of hash h in a table of n (a power of two) slots: FNV's low
 * bits follow the words' last bytes too closely to be used alone. */
static size_t
slot_of(uint64_t h, size_t n)
{
	return (size_t)((h ^ (h >> 31)) * 0x9e3779b97f4a7c15ULL >> 40) & (n - 1);
}

/* A word's bit in the sieve, from its length and first, second and last
 * bytes: a word whose bit is clear is no key, without hashing it. */
static size_t
sieve_of(const char *s, size_t n)
{
	size_t x = (unsigned char)s[0] * 0x9e5u + (unsigned char)s[n > 1] * 0x3c1u +
	    (unsigned char)s[n - 1] * 0x101u + n * 0x7f4au;

	return (x ^ (x >> 9)) & (TAXONOMY_SIEVE - 1);
}

/* Length of the first word of a term: the stem it is indexed by. */
static size_t
first_word(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && text_isalnum((unsigned char)s[i]))
		i++;
	return i;
}

static int
add_named(struct named **v, size_t *n, size_t *cap, const char *name, int country)
{
	if (*n == *cap) {
		size_t nc = *cap * 2 + 16;
		struct named *nv = realloc(*v, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = nc;
	}
	if (((*v)[*n].name = strdup(name)) == NULL)
		return -1;
	(*v)[*n].country = country;
	return (int)(*n)++;
}

static int
add_term(struct taxonomy *tx, const char *s, size_t n, int kind, int id)
{
	struct text t;
	struct term *tm;

	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return 0;
	if (text_fold(s, n, 0, &t) == -1)
		return -1;
	if (t.len == 0 || first_word(t.f, t.len) == 0) {
		text_free(&t);
		return 0;
	}
	if (tx->nterms == tx->capterms) {
		size_t nc = tx->capterms * 2 + 64;
		struct term *nv = realloc(tx->terms, nc * sizeof(*nv));

		if (nv == NULL) {
			text_free(&t);
			return -1;
		}
		tx->terms = nv;
		tx->capterms = nc;
	}
	tm = &tx->terms[tx->nterms++];
	tm->s = t.f;
	tm->len = t.len;
	tm->wlen = first_word(t.f, t.len);
	tm->kind = kind;
	tm->id = id;
	free(t.jump);
	return 0;
}

static int
add_list(struct taxonomy *tx, const char *list, int kind, int id)
{
	while (*list != '\0') {
		const char *e = strchr(list, '|');
		size_t n = e != NULL ? (size_t)(e - list) : strlen(list);

		if (add_term(tx, list, n, kind, id) == -1)
			return -1;
		list += n;
		if (*list == '|')
			list++;
	}
	return 0;
}

static int
add_config_list(struct taxonomy *tx, const struct config_list *l, int kind, int id)
{
	for (size_t i = 0; i < l->n; i++)
		if (add_term(tx, l->v[i], strlen(l->v[i]), kind, id) == -1)
			return -1;
	return 0;
}

static int
find_named(const struct named *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* A term's first word inflected as a text may write it (strip 0: as
 * written; 1, 2, 3: +s, +e, +es), the forms taxonomy_match strips back. */
struct variant {
	const char *s; /* the word, n bytes in the key space */
	size_t n;
	int strip;
	size_t term;
};

static int
variant_cmp(const void *a, const void *b)
{
	const struct variant *x = a, *y = b;
	int c;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	if ((c = memcmp(x->s, y->s, x->n)) != 0)
		return c;
	if (x->strip != y->strip)
		return x->strip - y->strip;
	return x->term < y->term ? -1 : x->term > y->term;
}

static const char *const suffixes[4] = { "", "s", "e", "es" };

/* The variants of every term's first word, in tx->keyspace; how many. */
static size_t
variants(struct taxonomy *tx, struct variant *v)
{
	char *p = tx->keyspace;
	size_t n = 0;

	for (size_t i = 0; i < tx->nterms; i++) {
		const struct term *t = &tx->terms[i];

		for (int strip = 0; strip < 4; strip++) {
			size_t sl = strlen(suffixes[strip]);

			/* taxonomy_match strips only words of 3 bytes or more (4 for "es") */
			if (strip > 0 && t->wlen < 2)
				continue;
			memcpy(p, t->s, t->wlen);
			memcpy(p + t->wlen, suffixes[strip], sl);
			v[n].s = p;
			v[n].n = t->wlen + sl;
			v[n].strip = strip;
			v[n].term = i;
			p += t->wlen + sl;
			n++;
		}
	}
	return n;
}

/* Index the terms by the words that may begin them: one lookup of the
 * text's word finds every term to try. */
static int
build_index(struct taxonomy *tx)
{
	struct variant *v;
	size_t space = 0, n;

	for (size_t i = 0; i < tx->nterms; i++)
		space += 4 * tx->terms[i].wlen + 4;
	if ((tx->keyspace = malloc(space + 1)) == NULL ||
	    (v = malloc((4 * tx->nterms + 1) * sizeof(*v))) == NULL)
		return -1;
	n = variants(tx, v);
	qsort(v, n, sizeof(*v), variant_cmp);
	tx->nslots = 64;
	while (tx->nslots < n * 2)
		tx->nslots *= 2;
	if ((tx->keys = calloc(tx->nslots, sizeof(*tx->keys))) == NULL ||
	    (tx->cand = malloc((n + 1) * sizeof(*tx->cand))) == NULL) {
		free(v);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct key *k;
		uint64_t h;

		tx->cand[i] = v[i].term;
		if (i > 0 && v[i].n == v[i - 1].n && memcmp(v[i].s, v[i - 1].s, v[i].n) == 0)
			continue; /* another term for the same word: counted below */
		h = hash_word(v[i].s, v[i].n);
		for (k = &tx->keys[slot_of(h, tx->nslots)]; k->n != 0;
		    k = &tx->keys[(size_t)(k - tx->keys + 1) & (tx->nslots - 1)])
			;
		k->h = h;
		tx->sieve[sieve_of(v[i].s, v[i].n) / 64] |= 1ULL << (sieve_of(v[i].s, v[i].n) % 64);
		k->off = (size_t)(v[i].s - tx->keyspace);
		k->n = v[i].n;
		k->first = i;
		k->count = 0;
	}
	/* each key's terms run from its first to the next key's first */
	for (size_t s = 0; s < tx->nslots; s++) {
		struct key *k = &tx->keys[s];
		size_t e = k->first + 1;

		if (k->n == 0)
			continue;
		while (e < n && v[e].n == k->n && memcmp(v[e].s, tx->keyspace + k->off, k->n) == 0)
			e++;
		k->count = e - k->first;
	}
	free(v);
	return 0;
}

static int
indicator_replaced(const struct config_indicator *ind, size_t nind, const char *name)
{
	for (size_t i = 0; i < nind; i++)
		if (strcasecmp(ind[i].name, name) == 0 && ind[i].replace)
			return 1;
	return 0;
}

struct taxonomy *
taxonomy_new(const struct config_indicator *ind, size_t nind,
    const struct config_country *cty, size_t ncty)
{
	struct taxonomy *tx = calloc(1, sizeof(*tx));
	size_t i;

	if (tx == NULL)
		return NULL;
	for (i = 0; i < taxonomy_nindicators; i++) {
		int id = add_named(&tx->ind, &tx->nind, &tx->capind, taxonomy_indicators[i].name, -1);

		if (id < 0)
			goto fail;
		if (!indicator_replaced(ind, nind, taxonomy_indicators[i].name) &&
		    add_list(tx, taxonomy_indicators[i].terms, TAXONOMY_INDICATOR, id) == -1)
			goto fail;
	}
	if (add_list(tx, taxonomy_people, TAXONOMY_PEOPLE, 0) == -1)
		goto fail;
	for (i = 0; i < taxonomy_ngenerics; i++) {
		int id = taxonomy_generics[i].indicator != NULL ?
		    find_named(tx->ind, tx->nind, taxonomy_generics[i].indicator) : -1;

		if (add_term(tx, taxonomy_generics[i].term, strlen(taxonomy_generics[i].term), TAXONOMY_GENERIC, id) == -1)
			goto fail;
	}
	for (i = 0; i < taxonomy_ncountries; i++) {
		int id = add_named(&tx->cty, &tx->ncty, &tx->capcty, taxonomy_countries[i].name, -1);

		if (id < 0 || add_list(tx, taxonomy_countries[i].terms, TAXONOMY_COUNTRY, id) == -1)
			goto fail;
	}
	for (i = 0; i < taxonomy_nregions; i++) {
		int c = taxonomy_regions[i].country != NULL ?
		    find_named(tx->cty, tx->ncty, taxonomy_regions[i].country) : -1;
		int id = add_named(&tx->reg, &tx->nreg, &tx->capreg, taxonomy_regions[i].name, c);

		if (id < 0 || add_list(tx, taxonomy_regions[i].terms, TAXONOMY_REGION, id) == -1)
			goto fail;
	}
	for (i = 0; i < nind; i++) {
		const struct config_indicator *ci = &ind[i];
		int id = find_named(tx->ind, tx->nind, ci->name);

		if (id < 0 && (id = add_named(&tx->ind, &tx->nind, &tx->capind, ci->name, -1)) < 0)
			goto fail;
		if (add_config_list(tx, &ci->terms, TAXONOMY_INDICATOR, id) == -1 ||
		    add_config_list(tx, &ci->terms_fr, TAXONOMY_INDICATOR, id) == -1)
			goto fail;
	}
	for (i = 0; i < ncty; i++) {
		const struct config_country *cc = &cty[i];
		int id = find_named(tx->cty, tx->ncty, cc->name);

		if (id < 0 && (id = add_named(&tx->cty, &tx->ncty, &tx->capcty, cc->name, -1)) < 0)
			goto fail;
		if (add_term(tx, cc->name, strlen(cc->name), TAXONOMY_COUNTRY, id) == -1 ||
		    add_config_list(tx, &cc->terms, TAXONOMY_COUNTRY, id) == -1)
			goto fail;
	}
	if (build_index(tx) == -1)
		goto fail;
	return tx;
fail:
	taxonomy_free(tx);
	return NULL;
}

static void
free_named(struct named *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
taxonomy_free(struct taxonomy *tx)
{
	if (tx == NULL)
		return;
	for (size_t i = 0; i < tx->nterms; i++)
		free(tx->terms[i].s);
	free(tx->terms);
	free(tx->keys);
	free(tx->keyspace);
	free(tx->cand);
	free_named(tx->ind, tx->nind);
	free_named(tx->cty, tx->ncty);
	free_named(tx->reg, tx->nreg);
	free(tx);
}

/* Inflection allowed after each word of a term: plural and feminine. */
static size_t
inflect(const char *f, size_t len, size_t j)
{
	if (j + 1 < len && f[j] == 'e' && f[j + 1] == 's' &&
	    (j + 2 == len || !text_isalnum((unsigned char)f[j + 2])))
		return j + 2;
	if (j < len && (f[j] == 's' || f[j] == 'e' || f[j] == 'x') &&
	    (j + 1 == len || !text_isalnum((unsigned char)f[j + 1])))
		return j + 1;
	return j;
}

/* Length matched in f from i by term t (words may inflect, spaces may
 * repeat), or 0. The caller has compared the first word (t->wlen bytes,
 * no separators among them), so matching resumes after it. */
static size_t
match_term(const struct term *t, const char *f, size_t len, size_t i)
{
	size_t a = t->wlen, j = i + t->wlen;

	while (a < t->len) {
		char c = t->s[a];

		if (c == ' ' || c == '-' || c == '\'') {
			/* between words: the text may inflect, then any spacing */
			j = inflect(f, len, j);
			if (c == ' ') {
				if (j >= len || (f[j] != ' ' && f[j] != '\n'))
					return 0;
				while (j < len && (f[j] == ' ' || f[j] == '\n'))
					j++;
			} else if (c == '-') {
				if (j < len && (f[j] == '-' || f[j] == ' '))
					j++;
			} else {
				if (j >= len || f[j] != '\'')
					return 0;
				j++;
			}
			a++;
			continue;
		}
		if (c == ',') {
			if (j < len && f[j] == ',')
				j++;
			a++;
			continue;
		}
		if (j >= len || f[j] != c)
			return 0;
		a++;
		j++;
	}
	if (j < len && text_isalpha((unsigned char)f[j]))
		j = inflect(f, len, j);
	if (j < len && text_isalpha((unsigned char)f[j]))
		return 0;
	return j - i;
}

int
taxonomy_match_word(const struct taxonomy *tx, const char *f, size_t len, size_t i, size_t we,
    struct taxonomy_match *m)
{
	const struct key *k;
	const struct term *bt = NULL;
	size_t best = 0, n = we - i, b;
	uint64_t h;

	if (n == 0)
		return 0;
	b = sieve_of(f + i, n);
	if (!(tx->sieve[b / 64] & (1ULL << (b % 64))))
		return 0;
	/* the word as written finds the terms it may begin, whether it
	 * writes their first word as is or inflected (+s, +e, +es) */
	h = hash_word(f + i, n);
	for (k = &tx->keys[slot_of(h, tx->nslots)]; k->n != 0;
	    k = &tx->keys[(size_t)(k - tx->keys + 1) & (tx->nslots - 1)])
		if (k->h == h && k->n == n && memcmp(tx->keyspace + k->off, f + i, n) == 0)
			break;
	if (k->n == 0)
		return 0;
	for (size_t c = k->first; c < k->first + k->count; c++) {
		const struct term *t = &tx->terms[tx->cand[c]];
		size_t l = match_term(t, f, len, i);

		if (l > best) {
			best = l;
			bt = t;
		}
	}
	if (bt == NULL)
		return 0;
	m->end = i + best;
	m->kind = bt->kind;
	m->id = bt->id;
	return 1;
}

int
taxonomy_match(const struct taxonomy *tx, const char *f, size_t len, size_t i,
    struct taxonomy_match *m)
{
	return taxonomy_match_word(tx, f, len, i, text_word_end(f, len, i), m);
}

const char *
taxonomy_indicator_name(const struct taxonomy *tx, int id)
{
	return id >= 0 && (size_t)id < tx->nind ? tx->ind[id].name : NULL;
}

const char *
taxonomy_country_name(const struct taxonomy *tx, int id)
{
	return id >= 0 && (size_t)id < tx->ncty ? tx->cty[id].name : NULL;
}

const char *
taxonomy_region_name(const struct taxonomy *tx, int id)
{
	return id >= 0 && (size_t)id < tx->nreg ? tx->reg[id].name : NULL;
}

int
taxonomy_region_country(const struct taxonomy *tx, int id)
{
	return id >= 0 && (size_t)id < tx->nreg ? tx->reg[id].country : -1;
}

int
taxonomy_indicator_id(const struct taxonomy *tx, const char *name)
{
	return find_named(tx->ind, tx->nind, name);
}

int
taxonomy_country_find(const struct taxonomy *tx, const char *name)
{
	struct text t;
	struct taxonomy_match m;
	int id = find_named(tx->cty, tx->ncty, name);

	if (id >= 0)
		return id;
	if (text_fold(name, strlen(name), 0, &t) == -1)
		return -1;
	if (t.len > 0 && taxonomy_match(tx, t.f, t.len, 0, &m) && m.kind == TAXONOMY_COUNTRY &&
	    m.end == t.len)
		id = m.id;
	text_free(&t);
	return id;
}

const char **
taxonomy_names(const struct taxonomy *tx, int countries, size_t *n)
{
	size_t count = countries ? tx->ncty : tx->nind;
	const char **v;

	*n = 0;
	if ((v = calloc(count + 1, sizeof(*v))) == NULL)
		return NULL;
	for (size_t i = 0; i < count; i++)
		v[i] = countries ? tx->cty[i].name : tx->ind[i].name;
	*n = count;
	return v;
}
