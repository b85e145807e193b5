/*
 * html_walk — the walk over an HTML tree behind every text the doc family
 * takes from markup (html_walk.h).
 */
#include <stddef.h>

#include "html_walk.h"

int
html_walk(const xmlNode *root, int with_root, const struct html_walk_ops *ops, void *arg)
{
	const xmlNode *n = with_root ? root : root->children;

	while (n != NULL && !ops->full(arg)) {
		int entered = 0;

		if (n->type == XML_ELEMENT_NODE)
			entered = ops->open(n, arg);
		else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL && ops->text((const char *)n->content, arg) == -1)
			return -1;
		if (entered && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (entered)
			ops->close(n, arg);
		/* On to the next sibling, closing each element that ends on the way. */
		for (;;) {
			if (n == root)
				return 0;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			if ((n = n->parent) == NULL || (n == root && !with_root))
				return 0;
			if (n->type == XML_ELEMENT_NODE)
				ops->close(n, arg);
		}
	}
	return 0;
}
