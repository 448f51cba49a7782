/* stancegraph: news text in, an actor-stance knowledge graph out.
 *
 * The library is a pipeline of stages, each with its own header:
 *   sg_doc.h      source + segment: bytes, line table, sentences, tokens
 *   sg_lexicon.h  lexicon: actors and relations (JSON), compiled lookup tables
 *   sg_extract.h  mention + event: coded events with evidence
 *   sg_events.h   the event records, JSON Lines in and out
 *   sg_select.h   selection: hierarchy roll-up, actor types
 *   sg_graph.h    graph: aggregation in igraph, centrality
 *   sg_emit.h     emit: SVG (Graphviz), DOT, JSON, centrality tables
 *   sg_import.h   import: TABARI/PETRARCH dictionaries to JSON lexicons
 * Include this header only. */
#ifndef STANCEGRAPH_H
#define STANCEGRAPH_H

#include "sg_analysis.h"
#include "sg_corpus.h"
#include "sg_common.h"
#include "sg_doc.h"
#include "sg_emit.h"
#include "sg_events.h"
#include "sg_extract.h"
#include "sg_graph.h"
#include "sg_import.h"
#include "sg_lexicon.h"
#include "sg_select.h"
#include "sg_source.h"

#endif
