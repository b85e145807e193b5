/*
 * text — the extractor's view of a text: a folded copy for matching
 * (lower case, accents stripped, typographic spaces, quotes and dashes
 * replaced by their ASCII sense, control bytes and invalid UTF-8 turned into
 * spaces) that can say, for any byte, its offset in the original; and the
 * sentences and paragraphs of that copy. Pure functions, no globals.
 *
 * Offsets are kept only where they stop following the original one for one
 * (after an accented letter, a ligature, a dropped carriage return): a
 * release in English has next to none, one in French one every few dozen
 * bytes, so the map costs a fraction of a byte per byte of text.
 */
#ifndef RW_TEXT_H
#define RW_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* From folded offset f on, folded offset i is original offset o + (i - f). */
struct text_jump {
	uint32_t f, o;
};

struct text {
	char *f;     /* folded bytes, NUL-terminated; owned, freed by text_free */
	size_t len;  /* bytes in f */
	struct text_jump *jump; /* owned; in order of f; before the first, folded i is original obase + i */
	size_t njump;
	size_t obase;     /* original offset of folded offset 0 */
	size_t oend;      /* original offset of folded offset len */
	const char *orig; /* the whole original (borrowed, not freed) */
	size_t olen;
	/* the folding's own: room in f and jump, the original offset the
	 * next folded byte follows on to, accents as asked */
	size_t cap, capjump, next;
	int accents;
};

/* 32-bit, as a text's offsets are (text_fold refuses 4 GiB): a long text
 * has one per hundred bytes or so, and 16 bytes each are what it costs. */
struct text_sentence {
	uint32_t start, end; /* folded offsets, [start, end) */
	uint32_t para;       /* paragraph number, from 0 */
	int first;           /* 1: the first sentence of its paragraph */
};

/* Fold s (len bytes, any bytes). accents = 1 keeps accented letters
 * (lower-cased), 0 strips them. Returns 0, or -1 when out of memory or
 * when len does not fit 32-bit offsets (4 GiB). */
int text_fold(const char *s, size_t len, int accents, struct text *out);
/* Fold only s[from, to) of the len bytes at s (from and to on code point
 * boundaries, as the folding of the whole would see them): offsets in out
 * are the range's own, text_orig gives the whole's. 0, or -1. */
int text_fold_range(const char *s, size_t len, size_t from, size_t to, int accents,
    struct text *out);
void text_free(struct text *t);

/* A long text folded a window at a time, so that only the window is in
 * memory: text_fold_begin makes an empty fold of s (len bytes; 0, or -1
 * when len does not fit 32-bit offsets), text_fold_more folds about n
 * more bytes of the original onto its end (t->oend == t->olen once all
 * is; 0, or -1 when out of memory), text_fold_drop forgets its first n
 * folded bytes (folded offset n becomes 0; text_orig still gives the
 * whole's offsets). The pieces end where the folding of the whole cuts
 * a code point too, so they join into exactly the whole's folding. */
int text_fold_begin(const char *s, size_t len, int accents, struct text *t);
int text_fold_more(struct text *t, size_t n);
void text_fold_drop(struct text *t, size_t n);
/* Where the last paragraph break of t with a line feed at or after
 * folded offset from begins (a run of spaces and line feeds holding two
 * line feeds or more, followed by a paragraph: text_sentences's break),
 * or 0 when there is none (a break all of whose line feeds come before
 * from is not looked at: a cut missed, a longer window). Linear in
 * t->len - from, plus the length of the break at from: calls that move
 * from forward read each byte about once. A window of a
 * text runs from the start of one break to the start of another (or from
 * the text's start, to its end): its readers see the break before its
 * first paragraph as they would in the whole. */
size_t text_break_last(const struct text *t, size_t from);
/* The original offset of folded offset i (0 <= i <= t->len). */
size_t text_orig(const struct text *t, size_t i);
/* Whether the original character behind folded offset i of t is a capital
 * letter of any script ("B", "É", "Ö") or a digit. */
int text_capital_at(const struct text *t, size_t i);

/* Split t into sentences: on . ! ? followed by a space and a capital (or
 * digit or quote), but not after abbreviations, initials or decimals; a
 * paragraph break (a blank line) always ends one. A dateline opening a
 * paragraph ("GENEVA (6 August 2021) -") is left out of the sentence.
 * Returns 0 and an array (caller frees with free) in *out, or -1. */
int text_sentences(const struct text *t, struct text_sentence **out, size_t *n);
/* The same for a window (see text_break_last): its paragraphs numbered
 * from para on; the number of the paragraph after it in *next. The
 * sentences of a text's windows are the whole's. */
int text_sentences_from(const struct text *t, size_t para, struct text_sentence **out, size_t *n,
    size_t *next);

/* Folded byte classes: letters (ASCII or any non-ASCII byte) and digits.
 * Inline, through a table: they are asked of nearly every byte of a text,
 * several times. */
enum { TEXT_ALPHA = 1, TEXT_DIGIT = 2 };
extern const unsigned char text_class[256];

static inline int
text_isalpha(unsigned char c)
{
	return (text_class[c] & TEXT_ALPHA) != 0;
}

static inline int
text_isalnum(unsigned char c)
{
	return (text_class[c] & (TEXT_ALPHA | TEXT_DIGIT)) != 0;
}

/* FNV-1a of the n bytes at s: the hash the word tables (the taxonomy's
 * keys, the temporal trigger words) index a word by. */
static inline uint64_t
text_word_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* End of the word (letters, digits, apostrophe-free) starting at i. */
static inline size_t
text_word_end(const char *f, size_t len, size_t i)
{
	while (i < len && text_isalnum((unsigned char)f[i]))
		i++;
	return i;
}

/* 1 when the n bytes at s spell exactly the NUL-terminated w (cheap on a mismatch). */
static inline int
text_word_eq(const char *w, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && w[k] == s[k])
		k++;
	return k == n && w[n] == '\0';
}

/* 1 when the n bytes at s are one of the words of the NULL-terminated
 * list (a NULL list has none). The first byte is compared before the
 * word: most entries differ there, and the stages ask this of nearly
 * every word near a figure. An empty word's first byte is taken as the
 * NUL that only "" begins with. */
static inline int
text_word_in(const char *const *list, const char *s, size_t n)
{
	char c0 = n > 0 ? s[0] : '\0';

	for (; list != NULL && *list != NULL; list++)
		if ((*list)[0] == c0 && text_word_eq(*list, s, n))
			return 1;
	return 0;
}

/* strcmp's sign for the NUL-terminated w against the n bytes at s (a
 * word, no NUL among them): a walk down a list in strcmp order stops at
 * the first entry past the word. */
static inline int
text_word_cmp(const char *w, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && w[k] == s[k])
		k++;
	if (k == n)
		return w[k] != '\0';
	return (unsigned char)w[k] < (unsigned char)s[k] ? -1 : 1;
}
/* 1 when f[i..] begins with the word w followed by a non-letter. Inline:
 * nearly every call fails on the first byte. */
static inline int
text_word_at(const char *f, size_t len, size_t i, const char *w)
{
	size_t k = 0;

	while (w[k] != '\0') {
		if (i + k >= len || f[i + k] != w[k])
			return 0;
		k++;
	}
	return i + k >= len ? i + k == len : !text_isalnum((unsigned char)f[i + k]);
}

#endif
