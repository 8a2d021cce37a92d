// The parts of libxml2 dedup uses: the HTML parser, the tree, XPath, the text writer and
// the schema validator. Only Sources/Plugins imports this module.
#ifndef DEDUP_CLIBXML2_SHIM_H
#define DEDUP_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

#endif
