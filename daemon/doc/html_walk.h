/*
 * html_walk — the one walk over an HTML (or XHTML) tree that turns it into
 * text, for release pages (page_doc.c; a feed's fragments have no tree:
 * html_text.c scans them): a pre-order walk by sibling and parent links (no
 * recursion, so any nesting depth the parser produced is fine) that tells
 * its caller where each element opens and closes and hands it each text.
 * What an element means (a block, a line, dropped) is the caller's.
 * Private to the doc family.
 */
#ifndef RW_HTML_WALK_H
#define RW_HTML_WALK_H

#include <libxml/tree.h>

struct html_walk_ops {
	/* An element starts: 1 to enter it (close runs when it ends), 0 to
	 * skip it and all it holds. */
	int (*open)(const xmlNode *n, void *arg);
	/* An entered element ends. */
	void (*close)(const xmlNode *n, void *arg);
	/* A text or CDATA node's content; -1 stops the walk with an error. */
	int (*text)(const char *s, void *arg);
	/* 1 when the caller wants nothing more (its text is full). */
	int (*full)(void *arg);
};

/* Walk the subtree at root: root itself opened and closed when with_root
 * is set, else only what it holds. 0, or -1 when text returned -1. */
int html_walk(const xmlNode *root, int with_root, const struct html_walk_ops *ops, void *arg);

#endif
