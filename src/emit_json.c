/* Emit stage, JSON half: consumes an sg_graph and produces a node-link JSON document
 * with cJSON; also dispatches sg_emit_graph to the Graphviz writers (emit_svg.c) and the HTML
 * report (emit_html.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "emit.h"
#include "internal.h"

double sg_i_round(double x, int decimals)
{
    if (!isfinite(x)) {
        return x;
    }
    if (decimals >= 15) {
        return x + 0.0;
    }
    double scale = 1.0;
    for (int i = 0; i < decimals; i++) {
        scale *= 10.0;
    }
    /* + 0.0 turns -0 into +0 (round-to-nearest), so "-0" is never printed */
    return round(x * scale) / scale + 0.0;
}

double sg_i_round6(double x)
{
    return sg_i_round(x, 6);
}

/* Adds a number rounded to `decimals`, or null for NaN and infinity; false when out of
 * memory. */
static bool add_num_at(cJSON *obj, const char *key, double v, int decimals)
{
    cJSON *item;
    if (isfinite(v) && decimals >= 15) {
        /* unrounded: the shortest %g form that reads back to the same double. cJSON's
         * own printing accepts a 15-digit form that is only approximately equal. */
        char buf[40];
        v += 0.0; /* -0 prints as 0 */
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, v);
            if (strtod(buf, NULL) == v) {
                break;
            }
        }
        item = cJSON_CreateRaw(buf);
    } else {
        item = isfinite(v) ? cJSON_CreateNumber(sg_i_round(v, decimals)) : cJSON_CreateNull();
    }
    if (item == NULL) {
        return false;
    }
    cJSON_AddItemToObject(obj, key, item);
    return true;
}

/* Adds a number rounded to 6 decimals, or null for NaN and infinity; false when out of
 * memory. */
static bool add_num(cJSON *obj, const char *key, double v)
{
    cJSON *item = isfinite(v) ? cJSON_CreateNumber(sg_i_round6(v)) : cJSON_CreateNull();
    if (item == NULL) {
        return false;
    }
    cJSON_AddItemToObject(obj, key, item);
    return true;
}

/* Adds a string (NULL becomes null); false when out of memory. */
static bool add_str(cJSON *obj, const char *key, const char *s)
{
    cJSON *item = s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
    if (item == NULL) {
        return false;
    }
    cJSON_AddItemToObject(obj, key, item);
    return true;
}

static cJSON *node_json(const sg_node *nd, const sg_centrality *c)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    if (!add_str(o, "id", nd->id) || !add_str(o, "name", nd->name) ||
        !add_str(o, "type", nd->type) || !add_str(o, "parent", nd->parent) ||
        !add_num(o, "mentions", (double)nd->mentions)) {
        cJSON_Delete(o);
        return NULL;
    }
    for (int m = 0; m < SG_M_COUNT; m++) {
        if (!add_num(o, sg_metric_name((sg_metric)m), sg_centrality_value(c, (sg_metric)m))) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static cJSON *evidence_json(const sg_event *e)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    if (!add_str(o, "doc", e->doc) || !add_num(o, "sentence", (double)e->sentence) ||
        !add_num(o, "start", (double)e->start) || !add_num(o, "end", (double)e->end) ||
        !add_str(o, "text", e->text) || !add_str(o, "trigger", e->trigger)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *edge_json(const sg_graph *g, const sg_edge *ed)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *evidence = NULL;
    if (o == NULL) {
        return NULL;
    }
    if (!add_str(o, "source", sg_graph_node_get(g, ed->source)->id) ||
        !add_str(o, "target", sg_graph_node_get(g, ed->target)->id) ||
        !add_str(o, "relation", ed->relation) || !add_str(o, "label", ed->label) ||
        !add_str(o, "cameo", ed->cameo) || !add_num(o, "count", (double)ed->count) ||
        !add_num(o, "goldstein_sum", ed->goldstein_sum) ||
        !add_num(o, "goldstein_mean", ed->goldstein_mean)) {
        goto fail;
    }
    evidence = cJSON_AddArrayToObject(o, "evidence");
    if (evidence == NULL) {
        goto fail;
    }
    for (size_t i = 0; i < ed->count; i++) {
        cJSON *ev = evidence_json(sg_events_get(sg_graph_events(g), ed->evidence[i]));
        if (ev == NULL) {
            goto fail;
        }
        cJSON_AddItemToArray(evidence, ev);
    }
    return o;

fail:
    cJSON_Delete(o);
    return NULL;
}

char *sg_i_evidence_text(const sg_graph *g, const sg_edge *ed)
{
    char *text;
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr != NULL && i < ed->count; i++) {
        cJSON *ev = evidence_json(sg_events_get(sg_graph_events(g), ed->evidence[i]));
        if (ev == NULL) {
            cJSON_Delete(arr);
            return NULL;
        }
        cJSON_AddItemToArray(arr, ev);
    }
    if (arr == NULL) {
        return NULL;
    }
    text = cJSON_PrintUnformatted(arr);
    cJSON_Delete(arr);
    return text;
}

/* Prints root (taking ownership) as indented JSON and a newline to out. */
sg_status sg_i_write_json(cJSON *root, FILE *out, sg_diag *diag)
{
    sg_status st = SG_OK;
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (text == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing JSON");
    }
    if (fputs(text, out) == EOF || fputc('\n', out) == EOF || fflush(out) != 0) {
        st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the JSON output");
    }
    cJSON_free(text);
    return st;
}

sg_status sg_i_emit_json(const sg_graph *g, FILE *out, sg_diag *diag)
{
    cJSON *nodes = NULL;
    cJSON *edges = NULL;
    sg_centrality *cent = NULL;
    sg_status st = sg_i_centrality(g, &cent, diag);
    if (st != SG_OK) {
        return st;
    }
    cJSON *doc = cJSON_CreateObject();

    if (doc == NULL || cJSON_AddTrueToObject(doc, "directed") == NULL) {
        goto nomem;
    }
    nodes = cJSON_AddArrayToObject(doc, "nodes");
    edges = cJSON_AddArrayToObject(doc, "edges");
    if (nodes == NULL || edges == NULL) {
        goto nomem;
    }
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        cJSON *n = node_json(sg_graph_node_get(g, i), &cent[i]);
        if (n == NULL) {
            goto nomem;
        }
        cJSON_AddItemToArray(nodes, n);
    }
    for (size_t i = 0; i < sg_graph_edge_count(g); i++) {
        cJSON *e = edge_json(g, sg_graph_edge_get(g, i));
        if (e == NULL) {
            goto nomem;
        }
        cJSON_AddItemToArray(edges, e);
    }
    free(cent);
    return sg_i_write_json(doc, out, diag);

nomem:
    cJSON_Delete(doc);
    free(cent);
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing JSON");
}

/* The HTML report: the drawing is rendered as for SG_FMT_SVG into memory, then embedded. */
static sg_status emit_html(const sg_graph *g, const sg_draw_opts *opts, FILE *out, sg_diag *diag)
{
    char *svg = NULL;
    size_t len = 0;
    sg_centrality *cent = NULL; /* computed once for the drawing and the table */
    sg_status st = sg_i_centrality(g, &cent, diag);
    if (st != SG_OK) {
        return st;
    }
    FILE *mem = open_memstream(&svg, &len);
    if (mem == NULL) {
        free(cent);
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing HTML");
    }
    st = sg_i_emit_graphviz(g, SG_FMT_SVG, opts, cent, mem, diag);
    if (fclose(mem) != 0 && st == SG_OK) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing HTML");
    }
    if (st == SG_OK) {
        st = sg_i_emit_html(g, svg, len, opts != NULL ? opts->title : NULL, cent, out, diag);
    }
    free(svg);
    free(cent);
    return st;
}

sg_status sg_emit_graph(const sg_graph *g, sg_graph_format fmt, const sg_draw_opts *opts, FILE *out,
                        sg_diag *diag)
{
    switch (fmt) {
    case SG_FMT_SVG:
    case SG_FMT_DOT:
    case SG_FMT_PNG:
    case SG_FMT_PDF:
        return sg_i_emit_graphviz(g, fmt, opts, NULL, out, diag);
    case SG_FMT_JSON:
        return sg_i_emit_json(g, out, diag);
    case SG_FMT_GRAPHML:
        return sg_i_emit_graphml(g, out, diag);
    case SG_FMT_HTML:
        return emit_html(g, opts, out, diag);
    }
    return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "unknown graph format %d", (int)fmt);
}

sg_status sg_i_emit_centrality_json(const sg_graph *g, const sg_centrality *const *rows, size_t n,
                                    const sg_metric *cols, size_t ncols, int decimals, FILE *out,
                                    sg_diag *diag)
{
    cJSON *arr = cJSON_CreateArray();

    if (arr == NULL) {
        goto nomem;
    }
    for (size_t i = 0; i < n; i++) {
        const sg_centrality *c = rows[i];
        const sg_node *nd = sg_graph_node_get(g, c->node);
        cJSON *o = cJSON_CreateObject();
        if (o == NULL) {
            goto nomem;
        }
        cJSON_AddItemToArray(arr, o);
        if (!add_str(o, "id", nd->id) || !add_str(o, "name", nd->name)) {
            goto nomem;
        }
        for (size_t k = 0; k < ncols; k++) {
            if (!add_num_at(o, sg_metric_name(cols[k]), sg_centrality_value(c, cols[k]),
                            decimals)) {
                goto nomem;
            }
        }
    }
    return sg_i_write_json(arr, out, diag);

nomem:
    cJSON_Delete(arr);
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing JSON");
}
