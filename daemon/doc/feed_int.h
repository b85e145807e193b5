/*
 * feed_int — what the feed parser's files share with one another. Not for
 * other modules: they use feed.h. The files, bottom up (each calls only
 * those above it):
 *
 *   feed_text.c   the plain-text builder, UTF-8 and windows-1252 helpers
 *   html_text.c   HTML to text, one streaming scanner
 *   feed_date.c   the date forms feeds write
 *   feed_item.c   items: copies, ids, the emitter (cap, duplicates, order)
 *   feed_input.c  bytes in any charset to UTF-8, in pieces
 *   feed_field.c  elements to fields and items (RSS, RDF, Atom; feed_sax.h)
 *   feed_sax.c    the tagguard, the XML tokenizer (xmltok.c) and its events
 *   feed_json.c   JSON Feed
 *   feed.c        the stream: sniffing, the decoder, the budget
 */
#ifndef RW_FEED_INT_H
#define RW_FEED_INT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <iconv.h>

#include "rightswatch/buf.h"
#include "rightswatch/feed.h"

/* ---- feed_text.c ---------------------------------------------------- */

/* Plain text being built: runs of whitespace fold to one space, breaks
 * ("\n" or "\n\n") are pending until more text follows, and the text stops
 * at max bytes on a UTF-8 boundary. A zeroed struct with max set is empty. */
struct feed_text {
	struct buf b;
	size_t max;
	int pending; /* 0 nothing, 1 a space, 2 a line break, 3 a paragraph break */
	int full;    /* max reached: everything else is dropped */
	int oom;
};

void feed_text_add(struct feed_text *t, const char *s, size_t n);
void feed_text_break(struct feed_text *t, int level);
/* The text so far (owned by t, valid until it changes), or NULL when empty. */
const char *feed_text_str(const struct feed_text *t);
/* Empty t, keeping its memory for the next text. */
void feed_text_reset(struct feed_text *t);
void feed_text_free(struct feed_text *t);
/* The text (caller frees), or NULL when it is empty or memory ran out
 * (*oom set then). Empties t. */
char *feed_text_take(struct feed_text *t, int *oom);

/* The character windows-1252 gives byte c (0x80-0x9F; the five it leaves
 * undefined stay C1 controls); other bytes are their Latin-1 selves. */
unsigned feed_cp1252(unsigned char c);
/* Index of the first byte a or b in s[i, n), or n. */
size_t feed_scan2(const char *s, size_t i, size_t n, char a, char b);

/* ---- html_text.c ---------------------------------------------------- */

enum html_role {
	HTML_UNKNOWN = 0, /* not an HTML element we know */
	HTML_INLINE,
	HTML_BLOCK,       /* a paragraph break before and after */
	HTML_LINE,        /* a line break */
	HTML_SKIP,        /* its text is not prose: skipped */
	HTML_RAW          /* script, style: raw text, skipped */
};

enum html_state {
	HT_TEXT = 0, HT_LT, HT_ENDLT, HT_NAME, HT_ATTRS, HT_QUOTED, HT_BANG,
	HT_COMMENT, HT_BOGUS, HT_ENT, HT_RAW
};

/* A scan in progress; html_text_init, then html_text_feed any number of
 * times, then html_text_end. Text goes to out. */
struct html_text {
	struct feed_text *out;
	enum html_state st;
	char name[16];
	size_t nlen;
	int end, eq, slash, match;
	char quote;
	char ent[36];
	size_t elen;
	char skip[16];      /* the element being skipped */
	size_t skiplen;
	unsigned skipdepth;
};

void html_text_init(struct html_text *h, struct feed_text *out);
void html_text_feed(struct html_text *h, const char *s, size_t n);
void html_text_end(struct html_text *h);
/* The role of an element name (any case). */
enum html_role html_text_role(const char *name, size_t len);
/* A start or end tag of that name met in text t: the break its role
 * makes (a space before a skipped element); returns the role. */
enum html_role html_text_tag(struct feed_text *t, const char *name, size_t len, int end);
/* The UTF-8 of a character reference's name ("amp", "#233", "#xE9") into
 * out (8 bytes); its length, or 0 when it is none. */
size_t html_text_entity(const char *name, size_t n, char *out);
/* Does text hold HTML: a tag of a known element, or a character reference
 * that decodes? (How an RSS title is read.) */
int html_text_is_markup(const char *s, size_t n);

/* ---- feed_date.c ---------------------------------------------------- */

/* Seconds UTC of a date as feeds write it (see feed_date.c), or DATE_UNKNOWN. */
int64_t feed_date_parse(const char *s, size_t n);

/* ---- feed_item.c ---------------------------------------------------- */

/* Hands items on in document order: counts those past the cap, drops
 * duplicate ids (the first wins), and holds items back while an RSS
 * channel's <language> may still come (at most FEED_HOLD_BYTES of them). */
struct feed_emit {
	struct feed *f;       /* feed-level fields; the items when collecting */
	feed_item_fn *fn;     /* or NULL: collect in f */
	void *arg;
	size_t max_items, kept;
	int stopped, oom;
	uint64_t *seen;       /* hashes of the ids passed on, open addressing */
	size_t seen_cap, seen_n;
	struct feed_item *held;
	char **held_fallback;
	size_t nheld, held_cap, held_bytes;
	int settled;          /* the channel's language is known, or never will be */
	int hold_off;
};

void feed_emit_init(struct feed_emit *e, struct feed *f, size_t max_items,
    feed_item_fn *fn, void *arg);
/* Room for one more item? 0 when past the cap (the item is then counted
 * in f->dropped and should not be read). */
int feed_emit_room(struct feed_emit *e);
/* Pass an item on (copied when kept). it->lang NULL takes the channel's
 * language (f->lang), else fallback_lang (an inherited xml:lang; may be
 * NULL). */
void feed_emit_item(struct feed_emit *e, const struct feed_item *it,
    const char *fallback_lang);
/* Start loading what feed_emit_item will look up for this id (an item's
 * id is known some elements before its end). */
void feed_emit_prefetch(const struct feed_emit *e, const char *id);
/* The channel's language is now known (f->lang) or never will be: items
 * held back go on. */
void feed_emit_settle(struct feed_emit *e);
void feed_emit_free(struct feed_emit *e);

/* The id of an item with no guid: "sha256:" and the hex SHA-256 of title,
 * "\n" and the date as written, into out (72 bytes). */
void feed_item_hash_id(const char *title, const char *date_raw, char *out);

/* ---- feed_input.c --------------------------------------------------- */

enum feed_enc { FEED_ENC_UTF8 = 0, FEED_ENC_1252, FEED_ENC_ICONV };

/* A decoder from the document's bytes to UTF-8 that the tokenizer can
 * take as it is: invalid UTF-8 bytes are read as windows-1252, undecodable input
 * in other charsets becomes U+FFFD. */
struct feed_input {
	enum feed_enc enc;
	iconv_t cd;
	size_t unit;        /* iconv: bytes skipped past an invalid sequence */
	char pend[8];       /* a sequence cut at the end of the last piece */
	size_t npend;
	struct buf out;
};

typedef int feed_sink_fn(void *arg, const char *utf8, size_t n);

/* Choose the decoder from the document's first bytes (a BOM, the XML
 * declaration's encoding), else the HTTP charset label (may be NULL), else
 * UTF-8. *skip: bytes of a BOM to drop. */
void feed_input_open(struct feed_input *in, const char *head, size_t len,
    const char *http_charset, size_t *skip);
/* Decode n bytes and pass the UTF-8 to sink; last: nothing follows (a cut
 * sequence is then decoded as it can be). Returns sink's first -1, or -1
 * when out of memory, else 0. */
int feed_input_push(struct feed_input *in, const char *s, size_t n, int last,
    feed_sink_fn *sink, void *arg);
void feed_input_close(struct feed_input *in);

/* ---- feed_sax.c ----------------------------------------------------- */

struct feed_sax;

/* A reader of RSS, RDF and Atom: UTF-8 bytes go through a tagguard into
 * the streaming XML tokenizer, whose events become items emitted through e.
 * base: the document's absolute URL, or NULL. NULL when out of memory. */
struct feed_sax *feed_sax_new(struct feed_emit *e, const char *base);
/* Parse n more bytes of UTF-8; last: they end the document. 0, or -1 once
 * the document is rejected. */
int feed_sax_push(struct feed_sax *x, const char *utf8, size_t n, int last);
/* Why the document was rejected: one line into err. */
void feed_sax_why(const struct feed_sax *x, char *err, size_t errlen);
void feed_sax_free(struct feed_sax *x);

/* ---- feed_json.c ---------------------------------------------------- */

/* A JSON Feed, whole, to items through e. 0, or -1 with a reason in err. */
int feed_json_parse(const char *data, size_t len, const char *base_url,
    struct feed_emit *e, char *err, size_t errlen);

/* ---- the parse budget ----------------------------------------------- */

/* CPU time this thread has used, nanoseconds: budgets count work, not
 * waiting. */
static inline int64_t
feed_cpu_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == -1)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif
