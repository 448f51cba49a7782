/* Private interface of the emit stage, split over emit_json.c (cJSON: node-link JSON,
 * the sg_emit_graph dispatcher), emit_graphml.c (igraph: GraphML), emit_svg.c (Graphviz: SVG and
 * DOT), emit_table.c (centrality table, CSV and JSON) and emit_html.c (the HTML report). Not
 * part of the public API. */
#ifndef SG_SRC_EMIT_H
#define SG_SRC_EMIT_H

#include <stdio.h>

#include "sg_emit.h"

/* Writes the drawing of g (fmt SVG, PNG, PDF, or DOT without layout coordinates) with
 * opts (NULL: defaults), as documented at sg_emit_graph. cent: the centrality of g's
 * nodes (sg_i_centrality, borrowed), or NULL to compute it when needed. Errors as
 * sg_emit_graph.
 * Single-threaded (Graphviz keeps process-wide error state). */
sg_status sg_i_emit_graphviz(const sg_graph *g, sg_graph_format fmt, const sg_draw_opts *opts,
                             const sg_centrality *cent, FILE *out, sg_diag *diag);

/* Writes g as the HTML report documented at SG_FMT_HTML, with svg[0..svg_len) (the
 * output of sg_i_emit_graphviz, NUL-terminated or not) as its drawing: what precedes
 * the <svg> element (XML declaration, DOCTYPE, comments) is left out, the rest is
 * copied as is. title (NULL or "" for a default) heads the page; cent is the centrality
 * of g's nodes (sg_i_centrality, borrowed). Errors: SG_ERR_BACKEND (no <svg> element in
 * svg), SG_ERR_IO (write failed), SG_ERR_NOMEM. */
sg_status sg_i_emit_html(const sg_graph *g, const char *svg, size_t svg_len, const char *title,
                         const sg_centrality *cent, FILE *out, sg_diag *diag);

/* Writes s as an RFC 4180 CSV field: quoted when it holds a comma, quote, CR or LF. */
void sg_i_csv_field(FILE *out, const char *s);

/* Prints root (cJSON_Print: tabs, one key per line) and a newline to out, and deletes
 * root. Errors: SG_ERR_NOMEM, SG_ERR_IO. */
typedef struct cJSON cJSON;
sg_status sg_i_write_json(cJSON *root, FILE *out, sg_diag *diag);

/* Writes g as a node-link JSON document. Errors as sg_emit_graph. */
sg_status sg_i_emit_json(const sg_graph *g, FILE *out, sg_diag *diag);

/* Writes g as GraphML with igraph_write_graph_graphml, attributes as documented at
 * sg_emit_graph. Errors as sg_emit_graph. Single-threaded (igraph's attribute table is
 * process-wide; it is installed only for the call). */
sg_status sg_i_emit_graphml(const sg_graph *g, FILE *out, sg_diag *diag);

/* The evidence of edge ed as compact JSON text: an array of {"doc", "sentence", "start",
 * "end", "text", "trigger"}. Returns a string to free with cJSON_free, or NULL when out
 * of memory. */
char *sg_i_evidence_text(const sg_graph *g, const sg_edge *ed);

/* Writes the centrality rows (already sorted and cut) as a JSON array of objects
 * {"id", "name", <metric>: number or null, ...} with the metrics cols[0 .. ncols), reals rounded
 * with sg_i_round to `decimals`. Errors: SG_ERR_IO, SG_ERR_NOMEM. */
sg_status sg_i_emit_centrality_json(const sg_graph *g, const sg_centrality *const *rows, size_t n,
                                    const sg_metric *cols, size_t ncols, int decimals, FILE *out,
                                    sg_diag *diag);

/* Allocates the centrality of every node of g (sg_graph_centrality) into *out, to free
 * with free; *out is NULL on error. Errors: SG_ERR_NOMEM, those of sg_graph_centrality. */
sg_status sg_i_centrality(const sg_graph *g, sg_centrality **out, sg_diag *diag);

/* True for the metrics that are counts (degrees and strengths), printed without
 * decimals. */
bool sg_i_metric_is_count(sg_metric m);

/* Rounds x to 6 decimals and turns -0 into 0, so that printed reals do not depend on
 * the last bits of a sum. Non-finite values are returned unchanged. */
double sg_i_round6(double x);

/* As sg_i_round6 with `decimals` decimals (0 .. SG_DECIMALS_MAX); from 15 decimals on,
 * x is returned unrounded (only -0 becomes 0), as scaling by 1e15 would lose bits. */
double sg_i_round(double x, int decimals);

/* Formats v with the given decimals (0 for counts, 6 in exports, 4 in the aligned table)
 * into buf; non-finite values become `missing`. Rounding first (sg_i_round6) keeps noise
 * such as -1e-17 from printing as "-0.0000". */
void sg_i_format_real(char *buf, size_t n, double v, int decimals, const char *missing);

#endif
