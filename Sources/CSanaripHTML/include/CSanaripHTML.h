#ifndef CSANARIPHTML_H
#define CSANARIPHTML_H

/* A narrow C face of libxml2's HTML parser for Swift. libxml2's own headers pull in ICU, whose
 * definitions clash with Foundation's copy of ICU in a Swift module, so Swift sees only these functions. */

/* Node types, as libxml2 numbers them. */
enum { SANARIP_ELEMENT_NODE = 1, SANARIP_TEXT_NODE = 3, SANARIP_CDATA_NODE = 4 };

/* Parses UTF-8 HTML with recovery (broken markup read as browsers do), no network, the encoding given. */
void *sanarip_html_parse(const char *buffer, int length);
void sanarip_html_free(void *document);
const void *sanarip_document_children(const void *document);
const void *sanarip_node_children(const void *node);
const void *sanarip_node_next(const void *node);
int sanarip_node_type(const void *node);
/* The element's name, or NULL. */
const char *sanarip_node_name(const void *node);
/* A text node's text, or NULL. */
const char *sanarip_node_text(const void *node);
/* An attribute's value (free it with sanarip_free), or NULL. */
char *sanarip_node_attribute(const void *node, const char *name);
/* The text of the node and its descendants (free it with sanarip_free). */
char *sanarip_node_content(const void *node);
void sanarip_free(void *pointer);
/* The offset of the first occurrence of needle in haystack (memmem), or -1. */
long sanarip_find(const void *haystack, long length, const void *needle, long needleLength);

#endif
