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

#include "sg_analysis.h"
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
    SG_FMT_PNG,
    SG_FMT_PDF,
    /* One self-contained HTML5 page (no external script, style, font or image): the
     * title; the counts of actors, edges, events in the graph (and coded, when they
     * differ) and documents; the SVG drawing inline; the centrality table (id, name,
     * type, mentions and the thirteen centralities, formatted as in CSV: counts without
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

/* Name of metric m as used in headers, CSV/JSON keys and --sort ("in_degree", ...). */
const char *sg_metric_name(sg_metric m);

/* Parses a metric name; returns true and sets *m when name is one of sg_metric_name's
 * values. */
bool sg_metric_parse(const char *name, sg_metric *m);

/* Options of a drawing (SVG, PNG, PDF, DOT). Initialise with sg_draw_opts_init. */
typedef struct sg_draw_opts {
    const char *title;  /* drawn above the key and in the SVG <title>; NULL or "": none */
    const char *layout; /* Graphviz engine: "dot", "neato", "fdp", "sfdp" or "circo";
                         * NULL: dot up to SG_DRAW_DOT_MAX drawn actors, sfdp above */
    int size_by;        /* an sg_metric scaling the nodes, or -1: all the same size */
    size_t top;         /* draw only the top actors by size_by (by pagerank when
                         * size_by is -1), ties by actor id; 0 = all */
    bool show_negated;  /* also draw negated events ("did not accuse") as dashed edges */
    bool color_by_bloc; /* fill nodes by signed bloc (sg_blocs_new on the whole graph):
                         * the 8 blocs with the most drawn actors (at least 2) get the
                         * ColorBrewer Set3 fills, numbered in the key as in
                         * sg_emit_summary; the others stay white */
} sg_draw_opts;

enum {
    SG_DRAW_TOP_DEFAULT = 40, /* actors drawn by default: about what stays legible on a
                               * page with dot's layered layout */
    SG_DRAW_DOT_MAX = 150,    /* above this many drawn actors the default engine is sfdp
                               * (dot's crossing minimisation grows superlinearly) */
};

/* Sets o to the defaults: no title, automatic layout, size by pagerank, top
 * SG_DRAW_TOP_DEFAULT actors, negated events not drawn, nodes white. */
void sg_draw_opts_init(sg_draw_opts *o);

/* True when name is one of the layout engines accepted in sg_draw_opts.layout. */
bool sg_draw_layout_valid(const char *name);

/* Writes g to out in format fmt. opts (NULL: sg_draw_opts_init's defaults) applies to
 * the drawings (SVG, PNG, PDF and DOT); JSON and GraphML always hold the whole graph.
 * Drawings: one edge per ordered pair of drawn actors, labelled with each relation
 * and its count ("accuse ×2"), coloured by the mean Goldstein weight of its events on
 * a five-class diverging scale (ColorBrewer RdBu, colour-blind safe: <= -5, -5..-0.5,
 * -0.5..0.5, 0.5..5, >= 5), pen width 1 + 1.5 log2(count) points (at most 8), tooltip
 * with the evidence sentences; with engines other than dot, arrows carry no label (only
 * dot keeps labels apart) and are curved up to 60 arrows, straight above; nodes shaped
 * by actor type (box: the state and its bodies, e.g. country, government, ministry,
 * military; hexagon: organisations and groups, e.g. igo, ngo, party, rebels; ellipse:
 * people, populations and other types; lists in src/emit_svg.c), sized by
 * opts->size_by, names over 20 code points wrapped on two lines. Names are cut at 100
 * code points ("…"), an edge label at 6 relations ("+N more relations"), a tooltip
 * after about 12,000 bytes, so that every DOT string stays under the 16,384 bytes dot
 * can read. Between the drawn actors, at most 3 pairs per drawn actor are drawn, those
 * with the most events (ties in graph order). Above the drawing: the
 * title, a caption (counts, and what --top left out) and a key (colour classes, widths,
 * shapes, size). The SVG has a viewBox, its width and height in points, and <title> and
 * <desc> (title and caption) as the first children of <svg>; always valid XML. Labels and
 * tooltips show tab, newline and CR as a space and other C0 controls, DEL, U+FFFE and
 * U+FFFF as U+FFFD; in SVG, Graphviz writes each space that follows a space as U+00A0,
 * so that viewers keep the run. Output is
 * byte-identical for the same input (Graphviz's version comment aside). PNG (144 dpi) and
 * PDF are rendered by Graphviz's cairo plugin found through its run-time plugin configuration
 * (Debian: libgvc6); without it the error is SG_ERR_BACKEND naming the missing plugin.
 * JSON: the node-link document described by include/stancegraph-graph.schema.json:
 * {"directed": true, "nodes": [{id, name, type, parent (null when none), mentions and the
 * nine centralities of sg_graph_centrality}], "edges": [{source, target, relation,
 * label, cameo, count, goldstein_sum, goldstein_mean, evidence: [{doc, sentence, start,
 * end (byte offsets, 0-based, end exclusive), text, trigger}]}]}; reals rounded to 6
 * decimals, null for NaN and infinity.
 * GraphML (igraph_write_graph_graphml, keys prefixed v_/e_, attr.name unprefixed):
 * node attributes actor (the actor id; igraph's reader takes "id" for the GraphML node
 * ids n0, n1, ...), name, type, parent ("" when none), mentions and the thirteen centralities of
 * sg_graph_centrality; edge attributes relation, label, cameo, count, goldstein_sum,
 * goldstein_mean and evidence, the JSON text of the node-link JSON's evidence array.
 * Text XML 1.0 cannot carry (bytes that are not UTF-8, C0 controls but tab, newline and
 * CR, U+FFFE, U+FFFF) is written as U+FFFD; a CR is written as is, which XML readers
 * return as a newline (XML 1.0, 2.11 end-of-line handling).
 * Errors: SG_ERR_BACKEND (Graphviz or igraph failed), SG_ERR_IO (write failed),
 * SG_ERR_NOMEM. */
sg_status sg_emit_graph(const sg_graph *g, sg_graph_format fmt, const sg_draw_opts *opts, FILE *out,
                        sg_diag *diag);

/* Writes g as two RFC 4180 tables (fields with a comma, quote, CR or LF quoted, quotes
 * doubled; LF line ends), in the graph's node and edge order:
 *  - nodes: id,name,type,parent (empty when none),mentions and the thirteen centralities of
 *    sg_graph_centrality
 *    (counts without decimals, others with 6, empty when undefined);
 *  - edges: source,target,relation,label,cameo,count,goldstein_sum,goldstein_mean,
 *    evidence, where evidence is the JSON text of the node-link JSON's evidence array
 *    (doc, sentence, byte offsets start and end, text, trigger).
 * Errors: SG_ERR_BACKEND (igraph failed), SG_ERR_IO (write failed), SG_ERR_NOMEM. */
sg_status sg_emit_graph_csv(const sg_graph *g, FILE *nodes, FILE *edges, sg_diag *diag);

/* The inputs of a summary, all computed from one graph g and borrowed for the call. */
typedef struct sg_summary {
    const sg_graph_stats *stats; /* sg_graph_stats_get */
    const sg_centrality *cent;   /* sg_graph_centrality: row i for node i */
    unsigned metrics;            /* the metrics listed under "top" (1u << sg_metric);
                                  * 0 = all */
    const sg_balance *balance;   /* sg_balance_init */
    const sg_blocs *blocs;       /* sg_blocs_new */
} sg_summary;

/* Writes the summary of g (the network figures, the top actors per centrality, the
 * structural balance and both bloc partitions) to out:
 *  - SG_TAB_TABLE: a human layout in sections (network, top actors, structural
 *    balance, signed blocs, cooperative blocs), reals with 4 decimals; blocs of one
 *    actor are counted, not listed;
 *  - SG_TAB_JSON: {"network": {actors, isolated_actors, events, graph_events,
 *    negated_events, untargeted_events, hostile_events, cooperative_events,
 *    goldstein_mean, edges, arcs, density, weak_components, strong_components,
 *    largest_component, reciprocity}, "top": {METRIC: [{id, name, value}], ...,
 *    signed_in_lowest, signed_out_lowest}, "balance": {signed_ties, positive_ties,
 *    negative_ties, neutral_pairs, triads, balanced, unbalanced, all_negative,
 *    balanced_share (null when there are no triads), most_unbalanced: [{actors: [3 x
 *    {id, name}], w_ab, w_ac, w_bc, strength}]}, "blocs": {"signed": {method, count,
 *    modularity, frustrated_ties, frustration, capped_actors, blocs: [{bloc, size,
 *    actors}]}, "cooperative": {method, count, modularity, blocs}}}; reals rounded to 6
 *    decimals, blocs numbered from 1 in the order of their first actor id;
 *  - SG_TAB_CSV: the same document flattened to section,item,rank,id,name,value rows.
 * The lists of top actors hold `top` actors each (0 = all), ties by actor id; the
 * *_lowest lists are sorted ascending; only the metrics of s->metrics are listed. Errors:
 * SG_ERR_IO, SG_ERR_NOMEM. */
sg_status sg_emit_summary(const sg_graph *g, const sg_summary *s, sg_table_format fmt, size_t top,
                          FILE *out, sg_diag *diag);

/* Most decimals sg_emit_centrality prints: 17 keeps every bit of a double in [0, 1]. */
#define SG_DECIMALS_MAX 17

/* How sg_emit_centrality writes. Initialise with sg_table_opts_init. */
typedef struct sg_table_opts {
    sg_table_format format; /* default SG_TAB_TABLE */
    sg_metric sort;         /* rows sorted by this metric, descending, ties by actor id
                             * ascending (default SG_M_PAGERANK) */
    size_t top;             /* keep the first `top` rows; 0 (default) = all */
    int decimals;           /* reals rounded half away from zero to this many decimals
                             * (0 .. SG_DECIMALS_MAX; from 15 on not rounded first: the
                             * table and CSV print that many decimals as printf does,
                             * JSON the shortest number that reads back to the same
                             * double, checked with strtod),
                             * or -1 (default): 4 in the aligned table, 6 in CSV and JSON.
                             * Counts never have decimals. */
    unsigned metrics;       /* the columns, a bit set of (1u << sg_metric) in sg_metric
                             * order; 0 or SG_METRICS_ALL (default) = all */
} sg_table_opts;

/* Sets o to the defaults documented at sg_table_opts. */
void sg_table_opts_init(sg_table_opts *o);

/* Writes the rows of c (n rows, one per node of g) to out as opts says (NULL: the
 * defaults). The aligned table has a header line with the metric names and a second
 * with their units; undefined values (NaN) print as "-" (table), empty (CSV) or null
 * (JSON). Errors: SG_ERR_IO, SG_ERR_NOMEM. */
sg_status sg_emit_centrality(const sg_graph *g, const sg_centrality *c, size_t n,
                             const sg_table_opts *opts, FILE *out, sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
