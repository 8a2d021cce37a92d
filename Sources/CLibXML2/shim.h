// The parts of libxml2 dedup uses: the HTML parser, the tree, XPath, the text writer and
// the schema validator. Only Sources/Plugins imports this module.
#ifndef DEDUP_CLIBXML2_SHIM_H
#define DEDUP_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers would then pull in the system's ICU, whose
// declarations clash with the copy Foundation carries. dedup never touches the ICU parts of
// libxml2's encoding handlers, so leave them out of the interface.
#undef LIBXML_ICU_ENABLED

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


/// xmlFree is a global function pointer in libxml2; Swift 6 cannot reference such a variable
/// safely, so call it through a function.
static inline void dedup_xml_free(void *pointer) { xmlFree(pointer); }

#endif
