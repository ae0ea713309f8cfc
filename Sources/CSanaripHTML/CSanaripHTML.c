#define _GNU_SOURCE
#include <string.h>
#include "CSanaripHTML.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

void *sanarip_html_parse(const char *buffer, int length) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC;
    return htmlReadMemory(buffer, length, NULL, "UTF-8", options);
}

void sanarip_html_free(void *document) { xmlFreeDoc((xmlDocPtr)document); }

const void *sanarip_document_children(const void *document) { return ((const xmlDoc *)document)->children; }

const void *sanarip_node_children(const void *node) { return ((const xmlNode *)node)->children; }

const void *sanarip_node_next(const void *node) { return ((const xmlNode *)node)->next; }

int sanarip_node_type(const void *node) { return (int)((const xmlNode *)node)->type; }

const char *sanarip_node_name(const void *node) {
    const xmlNode *n = node;
    return n->type == XML_ELEMENT_NODE ? (const char *)n->name : NULL;
}

const char *sanarip_node_text(const void *node) {
    const xmlNode *n = node;
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) ? (const char *)n->content : NULL;
}

char *sanarip_node_attribute(const void *node, const char *name) {
    return (char *)xmlGetProp((const xmlNode *)node, (const xmlChar *)name);
}

char *sanarip_node_content(const void *node) { return (char *)xmlNodeGetContent((const xmlNode *)node); }

void sanarip_free(void *pointer) { xmlFree(pointer); }

long sanarip_find(const void *haystack, long length, const void *needle, long needleLength) {
    const char *found = memmem(haystack, (size_t)length, needle, (size_t)needleLength);
    return found ? (long)(found - (const char *)haystack) : -1;
}
