/* stancegraph emit stage: writes a graph as SVG (rendered in-process with Graphviz
 * libgvc), DOT, node-link JSON, GraphML (igraph's writer) or an HTML report, and centrality as
 * an aligned table, CSV or JSON.
 *
 * Output is deterministic: nodes and edges in the graph's order, floating point numbers
 * in a fixed format, NaN and infinity never printed (null in JSON, empty in CSV, "-" in
 * tables). Graphviz keeps process-wide error state: call the SVG/DOT writers from one
 * thread at a time. */
#ifndef SG_EMIT_H
#define SG_EMIT_H

#include <stdio.h>

#include "sg_common.h"
#include "sg_graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sg_graph_format {
    SG_FMT_SVG,
    SG_FMT_DOT,
    SG_FMT_JSON,
    SG_FMT_GRAPHML,
    /* One self-contained HTML5 page (no external script, style, font or image): the
     * title; the counts of actors, edges, events in the graph (and coded, when they
     * differ) and documents; the SVG drawing inline; the centrality table (id, name,
     * type, mentions and the nine centralities, formatted as in CSV: counts without
     * decimals, reals with 6, "-" when undefined), sortable by clicking a heading
     * (numeric columns descending first, ties in actor id order); the evidence grouped
     * by ordered actor pair (section id "pair-S-T", S and T node indexes), each edge
     * with relation, label, CAMEO code, count, Goldstein sum and every evidence event
     * (document, sentence index, byte offsets, sentence with the trigger marked).
     * Clicking a node or an edge in the drawing shows the evidence of that actor or
     * pair: the page's script maps the <title> Graphviz writes in each node group (the
     * node name: the actor id, or "_N" for a node index N when the id is not plain
     * text) and edge group ("TAIL->HEAD") to table rows and pair sections, never the
     * drawing's own numbering. Text is cleaned as in GraphML (U+FFFD for what XML and
     * HTML cannot carry) and escaped (& < > " '). */
    SG_FMT_HTML
} sg_graph_format;

typedef enum sg_table_format { SG_TAB_TABLE, SG_TAB_CSV, SG_TAB_JSON } sg_table_format;

/* Centrality columns, in output order; also the keys accepted by --sort. */
typedef enum sg_metric {
    SG_M_IN_DEGREE,
    SG_M_OUT_DEGREE,
    SG_M_IN_STRENGTH,
    SG_M_OUT_STRENGTH,
    SG_M_BETWEENNESS,
    SG_M_HARMONIC,
    SG_M_PAGERANK,
    SG_M_HUB,
    SG_M_AUTHORITY,
    SG_M_COUNT
} sg_metric;

/* Name of metric m as used in headers, CSV/JSON keys and --sort ("in_degree", ...). */
const char *sg_metric_name(sg_metric m);

/* Parses a metric name; returns true and sets *m when name is one of sg_metric_name's
 * values. */
bool sg_metric_parse(const char *name, sg_metric *m);

/* Writes g to out in format fmt. title (may be NULL) becomes the graph label of the
 * drawing. SVG: nodes labelled with actor names, edges labelled with relation labels,
 * coloured by the sign of the Goldstein sum (conflict vs cooperation, colour-blind-safe
 * pair), pen width by log count, tooltip with the evidence sentences; always valid XML.
 * GraphML (igraph_write_graph_graphml, keys prefixed v_/e_, attr.name unprefixed):
 * node attributes actor (the actor id; igraph's reader takes "id" for the GraphML node
 * ids n0, n1, ...), name, type, mentions and the nine centralities of
 * sg_graph_centrality; edge attributes relation, label, cameo, count, goldstein_sum,
 * goldstein_mean and evidence, the JSON text of the node-link JSON's evidence array.
 * Text XML 1.0 cannot carry (bytes that are not UTF-8, C0 controls but tab, newline and
 * CR, U+FFFE, U+FFFF) is written as U+FFFD; a CR is written as is, which XML readers
 * return as a newline (XML 1.0, 2.11 end-of-line handling).
 * Errors: SG_ERR_BACKEND (Graphviz or igraph failed), SG_ERR_IO (write failed),
 * SG_ERR_NOMEM. */
sg_status sg_emit_graph(const sg_graph *g, sg_graph_format fmt, const char *title, FILE *out,
                        sg_diag *diag);

/* Writes g as two RFC 4180 tables (fields with a comma, quote, CR or LF quoted, quotes
 * doubled; LF line ends), in the graph's node and edge order:
 *  - nodes: id,name,type,mentions and the nine centralities of sg_graph_centrality
 *    (counts without decimals, others with 6, empty when undefined);
 *  - edges: source,target,relation,label,cameo,count,goldstein_sum,goldstein_mean,
 *    evidence, where evidence is the JSON text of the node-link JSON's evidence array
 *    (doc, sentence, byte offsets start and end, text, trigger).
 * Errors: SG_ERR_BACKEND (igraph failed), SG_ERR_IO (write failed), SG_ERR_NOMEM. */
sg_status sg_emit_graph_csv(const sg_graph *g, FILE *nodes, FILE *edges, sg_diag *diag);

/* Writes the rows of c (n rows, one per node of g) to out, sorted by metric `sort`
 * descending with ties broken by actor id ascending, keeping the first `top` rows
 * (0 = all). Errors: SG_ERR_IO, SG_ERR_NOMEM. */
sg_status sg_emit_centrality(const sg_graph *g, const sg_centrality *c, size_t n,
                             sg_table_format fmt, sg_metric sort, size_t top, FILE *out,
                             sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
