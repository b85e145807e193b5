/*
 * feed_sax — what the SAX reader (feed_sax.c: the tokenizer's events, frames,
 * tokenizer) shares with the item builder (feed_field.c: where each element
 * goes and what its text becomes). Internal to the feed parser.
 */
#ifndef RW_FEED_SAX_H
#define RW_FEED_SAX_H

#include "feed_int.h"
#include "tagguard.h"
#include "xmltok.h"

enum fs_ns { S_NONE, S_OTHER, S_ATOM, S_RDF, S_RSS10, S_RSS090, S_DC, S_DCTERMS,
	S_CONTENT, S_MEDIA, S_NNS };

/* Local names we act on; their order is fs_names'. */
enum fs_name { N_OTHER, N_RSS, N_CHANNEL, N_ITEM, N_TITLE, N_LINK, N_GUID, N_DESCRIPTION,
	N_PUBDATE, N_CATEGORY, N_LANGUAGE, N_TTL, N_ENCODED, N_DATE, N_SUBJECT, N_ISSUED,
	N_CREATED, N_MODIFIED, N_UPDATED, N_PUBLISHED, N_ID, N_ENTRY, N_FEED, N_SUMMARY,
	N_CONTENT, N_RDF, N_NNAMES };
/* Attributes we read, by local name. */
enum fs_attr { A_BASE, A_LANG, A_TYPE, A_REL, A_HREF, A_SRC, A_TERM, A_PERMA, A_ABOUT, A_N };
enum fs_kind { K_NONE, K_RSS, K_RDF, K_ATOM };
enum fs_role { R_NONE, R_CHANNEL, R_ITEM, R_SKIPPED };
enum fs_mode { M_PLAIN, M_TITLE, M_HTML, M_XHTML, M_IGNORE };
enum fs_field { F_NONE, F_TITLE, F_ALT_TITLE, F_LINK, F_GUID, F_SUMMARY, F_CONTENT,
	F_PUBLISHED, F_UPDATED, F_CATEGORY, F_LANG, F_CHAN_TITLE, F_CHAN_LANG, F_CHAN_TTL };

struct fs_frame {
	unsigned char ns, name, role;
	char *base_owned, *lang_owned;
	const char *base, *lang;
};

/* The item being read; its texts keep their memory from item to item. */
struct fs_item {
	struct feed_text title, alt_title, link, guid, summary, content, lang, date_raw,
	    upd_raw, about;
	struct buf cats;     /* categories, each followed by a NUL */
	size_t ncats;
	int64_t published, updated;
	int permalink;
};

struct feed_sax {
	struct feed_emit *emit;
	struct xmltok *tok;
	struct tagguard guard;
	char *docbase;
	enum fs_kind kind;
	int depth, item_depth, chan_depth, item_ns, chan_ns, chan_done, root_seen;
	struct fs_frame stack[FEED_MAX_DEPTH + 2];
	struct fs_item it;
	/* the element whose text is being read */
	int cap_depth, skip_depth;
	enum fs_field field;
	enum fs_mode mode;
	struct feed_text *cap;
	struct feed_text scratch;   /* plain text that is parsed or resolved */
	struct buf raw;             /* a title as written, until it ends */
	int raw_full;               /* ... and it reached FEED_MAX_FIELD */
	struct html_text ht;
	char **catv;                /* category pointers of the emitted item */
	size_t catv_cap;
	uint32_t by_len[16];        /* the names we act on (bit: enum fs_name) by length */
	const char *why;            /* a rejection */
	char root[48];              /* the name of a root that is no feed */
	int oom;
};

/* The attributes of a start tag we read (the tokenizer's decoded values;
 * those past FS_ATTRS_MEM bytes of them are not read). */
#define FS_ATTRS_MEM 16384
struct fs_attrs {
	const char *v[A_N];
	size_t used;
};

/* ---- feed_field.c ---------------------------------------------------- */

/* Empty the item being read (a new one starts). */
void feed_field_reset(struct fs_item *it);
/* An element that starts outside any captured one: its place in the feed
 * (channel, item, field) and, for a field, its text to be read. */
void feed_field_place(struct feed_sax *x, struct fs_frame *fr, const struct fs_attrs *at);
/* A start (end 0) or end tag inside a captured element. */
void feed_field_nested(struct feed_sax *x, const char *name, size_t len, int end);
/* The captured element (frame fr) ends: its field is set. */
void feed_field_end(struct feed_sax *x, const struct fs_frame *fr);
/* The item (frame fr) ends: it is emitted. */
void feed_field_item_end(struct feed_sax *x, const struct fs_frame *fr);
/* Character data and CDATA. */
void feed_field_chars(void *ctx, const char *ch, size_t len);

#endif
