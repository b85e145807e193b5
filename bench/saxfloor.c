/*
 * saxfloor — the floor under any libxml2-based feed parser, for `make
 * bench`: libxml2's push parser with SAX2 callbacks that do nothing, fed
 * a file in 256 KiB chunks. Usage: saxfloor FILE. Prints nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

static void
sf_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
    int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri, (void)nb_namespaces;
	(void)namespaces, (void)nb_attributes, (void)nb_defaulted, (void)attributes;
}

static void
sf_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)ctx, (void)localname, (void)prefix, (void)uri;
}

static void
sf_chars(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx, (void)ch, (void)len;
}

int
main(int argc, char **argv)
{
	static char chunk[256 * 1024];
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;
	FILE *fp;
	size_t n;
	int ok;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: saxfloor FILE\n");
		return 2;
	}
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = sf_start;
	sax.endElementNs = sf_end;
	sax.characters = sf_chars;
	sax.cdataBlock = sf_chars;
	if ((ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL)) == NULL)
		return 1;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		xmlParseChunk(ctxt, chunk, (int)n, 0);
	xmlParseChunk(ctxt, NULL, 0, 1);
	ok = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	fclose(fp);
	return ok ? 0 : 1;
}
