/* GraphML output through igraph's writer (igraph_write_graph_graphml), so that Gephi,
 * NetworkX and igraph read the network with all its attributes. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <igraph.h>
#include <utf8proc.h>

#include "emit.h"
#include "internal.h"

/* Returns a copy of s cleaned by sg_i_text_next (what XML 1.0 cannot carry becomes
 * U+FFFD, as in the SVG), or NULL when out of memory. igraph's writer refuses C0
 * controls and passes the rest through, which no XML parser reads. */
static char *xml_clean(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(3 * n + 1);
    char *q = out;
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += sg_i_text_next(s + i, n - i, &cp);
        q += utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)q);
    }
    *q = '\0';
    return out;
}

/* Adds the string attribute `name` of node or edge i, cleaned by xml_clean; igraph
 * copies the value. */
#define SET_STR(setter, name, i, value)                                                            \
    do {                                                                                           \
        char *clean_ = xml_clean(value);                                                           \
        igraph_error_t rc_ =                                                                       \
            clean_ == NULL ? IGRAPH_ENOMEM : setter(&ig, name, (igraph_integer_t)(i), clean_);     \
        free(clean_);                                                                              \
        if (rc_ != IGRAPH_SUCCESS) {                                                               \
            goto nomem;                                                                            \
        }                                                                                          \
    } while (0)

#define SET_NUM(setter, name, i, value)                                                            \
    do {                                                                                           \
        if (setter(&ig, name, (igraph_integer_t)(i), sg_i_round6(value)) != IGRAPH_SUCCESS) {      \
            goto nomem;                                                                            \
        }                                                                                          \
    } while (0)

sg_status sg_i_emit_graphml(const sg_graph *g, FILE *out, sg_diag *diag)
{
    sg_status st = SG_OK;
    size_t n = sg_graph_node_count(g);
    size_t m = sg_graph_edge_count(g);
    igraph_t ig;
    bool has_graph = false;
    igraph_vector_int_t edges;
    bool has_edges = false;
    sg_centrality *cent = NULL;
    char *evidence = NULL;
    igraph_error_handler_t *old_err = igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warn = igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_attribute_table_t *old_attr = igraph_set_attribute_table(&igraph_cattribute_table);

    st = sg_i_centrality(g, &cent, diag);
    if (st != SG_OK) {
        goto done;
    }
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS) {
        goto nomem;
    }
    has_edges = true;
    for (size_t i = 0; i < m; i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        VECTOR(edges)[2 * i] = (igraph_integer_t)ed->source;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)ed->target;
    }
    if (igraph_create(&ig, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED) != IGRAPH_SUCCESS) {
        goto nomem;
    }
    has_graph = true;
    for (size_t i = 0; i < n; i++) {
        const sg_node *nd = sg_graph_node_get(g, i);
        SET_STR(igraph_cattribute_VAS_set, "actor", i, nd->id);
        SET_STR(igraph_cattribute_VAS_set, "name", i, nd->name);
        SET_STR(igraph_cattribute_VAS_set, "type", i, nd->type);
        SET_STR(igraph_cattribute_VAS_set, "parent", i, nd->parent != NULL ? nd->parent : "");
        SET_NUM(igraph_cattribute_VAN_set, "mentions", i, (double)nd->mentions);
        for (int k = 0; k < SG_M_COUNT; k++) {
            SET_NUM(igraph_cattribute_VAN_set, sg_metric_name((sg_metric)k), i,
                    sg_centrality_value(&cent[i], (sg_metric)k));
        }
    }
    for (size_t i = 0; i < m; i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        SET_STR(igraph_cattribute_EAS_set, "relation", i, ed->relation);
        SET_STR(igraph_cattribute_EAS_set, "label", i, ed->label);
        SET_STR(igraph_cattribute_EAS_set, "cameo", i, ed->cameo);
        SET_NUM(igraph_cattribute_EAN_set, "count", i, (double)ed->count);
        SET_NUM(igraph_cattribute_EAN_set, "goldstein_sum", i, ed->goldstein_sum);
        SET_NUM(igraph_cattribute_EAN_set, "goldstein_mean", i, ed->goldstein_mean);
        evidence = sg_i_evidence_text(g, ed);
        if (evidence == NULL) {
            goto nomem;
        }
        SET_STR(igraph_cattribute_EAS_set, "evidence", i, evidence);
        cJSON_free(evidence);
        evidence = NULL;
    }
    if (igraph_write_graph_graphml(&ig, out, /* prefixattr */ true) != IGRAPH_SUCCESS ||
        fflush(out) != 0 || ferror(out)) {
        st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the GraphML output");
    }
    goto done;

nomem:
    st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing GraphML");
done:
    cJSON_free(evidence);
    if (has_graph) {
        igraph_destroy(&ig);
    }
    if (has_edges) {
        igraph_vector_int_destroy(&edges);
    }
    free(cent);
    igraph_set_attribute_table(old_attr);
    igraph_set_warning_handler(old_warn);
    igraph_set_error_handler(old_err);
    return st;
}
