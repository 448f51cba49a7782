/* Graph stage: consumes an sg_events set and produces the aggregated actor graph
 * (nodes sorted by id, one edge per source/relation/target) and, on request, node
 * centrality computed with igraph on the collapsed actor-pair network. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph_ig.h"
#include "sg_graph.h"

struct sg_graph {
    const sg_events *ev;
    sg_node *nodes;
    size_t n_nodes;
    sg_edge *edges;
    size_t n_edges;
    size_t *evidence; /* all edges' evidence, each edge points at its own slice */
    char **strings;   /* every string the graph owns, freed together */
    size_t n_strings;
    size_t cap_strings;
};

/* One qualifying event while aggregating. */
typedef struct pending {
    size_t source, target, event;
    const char *relation;
    const sg_event *e;
} pending;

static const char *own(sg_graph *g, const char *s)
{
    if (s == NULL) {
        s = "";
    }
    if (g->n_strings == g->cap_strings) {
        size_t cap = g->cap_strings == 0 ? 64 : g->cap_strings * 2;
        char **p = realloc(g->strings, cap * sizeof *p);
        if (p == NULL) {
            return NULL;
        }
        g->strings = p;
        g->cap_strings = cap;
    }
    char *copy = sg_i_strdup(s);
    if (copy == NULL) {
        return NULL;
    }
    g->strings[g->n_strings++] = copy;
    return copy;
}

static int node_cmp(const void *a, const void *b)
{
    const sg_node *x = a;
    const sg_node *y = b;
    return strcmp(x->id, y->id);
}

static int pending_cmp(const void *a, const void *b)
{
    const pending *x = a;
    const pending *y = b;
    if (x->source != y->source) {
        return x->source < y->source ? -1 : 1;
    }
    if (x->target != y->target) {
        return x->target < y->target ? -1 : 1;
    }
    int c = strcmp(x->relation, y->relation);
    if (c != 0) {
        return c;
    }
    /* evidence in a canonical order (document, then position), not in input order, so
     * that shards of a corpus reduced in any order give the same graph */
    c = strcmp(x->e->doc != NULL ? x->e->doc : "", y->e->doc != NULL ? y->e->doc : "");
    if (c != 0) {
        return c;
    }
    const size_t kx[4] = {x->e->sentence, x->e->start, x->e->trigger_start, x->e->trigger_end};
    const size_t ky[4] = {y->e->sentence, y->e->start, y->e->trigger_start, y->e->trigger_end};
    for (int k = 0; k < 4; k++) {
        if (kx[k] != ky[k]) {
            return kx[k] < ky[k] ? -1 : 1;
        }
    }
    if (x->event != y->event) {
        return x->event < y->event ? -1 : 1;
    }
    return 0;
}

size_t sg_graph_node_find(const sg_graph *g, const char *id)
{
    size_t lo = 0;
    size_t hi = g->n_nodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->nodes[mid].id, id);
        if (c == 0) {
            return mid;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return SIZE_MAX;
}

static sg_status build_nodes(sg_graph *g, const sg_events *ev)
{
    size_t n = sg_events_actor_count(ev);
    if (n == 0) {
        return SG_OK;
    }
    g->nodes = calloc(n, sizeof *g->nodes);
    if (g->nodes == NULL) {
        return SG_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const sg_actor_ref *a = sg_events_actor_get(ev, i);
        sg_node *nd = &g->nodes[g->n_nodes];
        nd->id = own(g, a->id);
        nd->name = own(g, a->name != NULL ? a->name : a->id);
        nd->type = own(g, a->type);
        nd->parent = a->parent != NULL ? own(g, a->parent) : NULL;
        nd->mentions = a->mentions;
        if (nd->id == NULL || nd->name == NULL || nd->type == NULL ||
            (a->parent != NULL && nd->parent == NULL)) {
            return SG_ERR_NOMEM;
        }
        g->n_nodes++;
    }
    qsort(g->nodes, g->n_nodes, sizeof *g->nodes, node_cmp);
    return SG_OK;
}

static sg_status build_edges(sg_graph *g, const sg_events *ev)
{
    sg_status st = SG_OK;
    size_t n_ev = sg_events_count(ev);
    pending *p = NULL;
    size_t np = 0;

    if (n_ev == 0) {
        return SG_OK;
    }
    p = malloc(n_ev * sizeof *p);
    if (p == NULL) {
        return SG_ERR_NOMEM;
    }
    for (size_t i = 0; i < n_ev; i++) {
        const sg_event *e = sg_events_get(ev, i);
        if (e->negated || e->target == NULL || e->source == NULL) {
            continue;
        }
        size_t s = sg_graph_node_find(g, e->source);
        size_t t = sg_graph_node_find(g, e->target);
        /* sg_events_add records both ends as actors; skip defensively otherwise, and
         * skip self-loops (extraction drops them, a hand-written events file may not) */
        if (s == SIZE_MAX || t == SIZE_MAX || s == t) {
            continue;
        }
        p[np].source = s;
        p[np].target = t;
        p[np].event = i;
        p[np].relation = e->relation != NULL ? e->relation : "";
        p[np].e = e;
        np++;
    }
    if (np == 0) {
        goto done;
    }
    qsort(p, np, sizeof *p, pending_cmp);

    g->evidence = malloc(np * sizeof *g->evidence);
    g->edges = calloc(np, sizeof *g->edges);
    if (g->evidence == NULL || g->edges == NULL) {
        st = SG_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < np;) {
        size_t j = i;
        sg_edge *ed = &g->edges[g->n_edges];
        const sg_event *first = sg_events_get(ev, p[i].event);
        double sum = 0.0;
        while (j < np && p[j].source == p[i].source && p[j].target == p[i].target &&
               strcmp(p[j].relation, p[i].relation) == 0) {
            g->evidence[j] = p[j].event;
            sum += sg_events_get(ev, p[j].event)->goldstein;
            j++;
        }
        ed->source = p[i].source;
        ed->target = p[i].target;
        ed->relation = own(g, p[i].relation);
        ed->label = own(g, first->label != NULL ? first->label : p[i].relation);
        ed->cameo = own(g, first->cameo);
        if (ed->relation == NULL || ed->label == NULL || ed->cameo == NULL) {
            st = SG_ERR_NOMEM;
            goto done;
        }
        ed->count = j - i;
        ed->goldstein_sum = sum;
        ed->goldstein_mean = sum / (double)ed->count;
        ed->evidence = &g->evidence[i];
        g->n_edges++;
        i = j;
    }

done:
    free(p);
    return st;
}

sg_status sg_graph_new(const sg_events *ev, sg_graph **out, sg_diag *diag)
{
    sg_status st;
    sg_graph *g = calloc(1, sizeof *g);

    *out = NULL;
    if (g == NULL) {
        st = SG_ERR_NOMEM;
        goto done;
    }
    g->ev = ev;
    st = build_nodes(g, ev);
    if (st != SG_OK) {
        goto done;
    }
    st = build_edges(g, ev);
    if (st != SG_OK) {
        goto done;
    }
    *out = g;
    g = NULL;

done:
    sg_graph_free(g);
    if (st != SG_OK) {
        sg_i_diag(diag, st, NULL, NULL, 0, 0, "cannot build the graph: %s", sg_status_str(st));
    }
    return st;
}

void sg_graph_free(sg_graph *g)
{
    if (g == NULL) {
        return;
    }
    for (size_t i = 0; i < g->n_strings; i++) {
        free(g->strings[i]);
    }
    free(g->strings);
    free(g->evidence);
    free(g->edges);
    free(g->nodes);
    free(g);
}

const sg_events *sg_graph_events(const sg_graph *g)
{
    return g->ev;
}

size_t sg_graph_node_count(const sg_graph *g)
{
    return g->n_nodes;
}

const sg_node *sg_graph_node_get(const sg_graph *g, size_t i)
{
    return i < g->n_nodes ? &g->nodes[i] : NULL;
}

size_t sg_graph_edge_count(const sg_graph *g)
{
    return g->n_edges;
}

const sg_edge *sg_graph_edge_get(const sg_graph *g, size_t i)
{
    return i < g->n_edges ? &g->edges[i] : NULL;
}

/* ---- centrality --------------------------------------------------------------- */

/* The igraph objects of one centrality computation, so that one cleanup path can
 * destroy whatever was initialised. */
typedef struct work {
    igraph_t graph;
    igraph_vector_int_t edges, ideg;
    igraph_vector_t w, invw, res, hub, auth;
    igraph_arpack_options_t arpack;
    bool has_graph, has_edges, has_ideg, has_w, has_invw, has_res, has_hub, has_auth;
} work;

static void work_release(work *k)
{
    if (k->has_auth) {
        igraph_vector_destroy(&k->auth);
    }
    if (k->has_hub) {
        igraph_vector_destroy(&k->hub);
    }
    if (k->has_res) {
        igraph_vector_destroy(&k->res);
    }
    if (k->has_invw) {
        igraph_vector_destroy(&k->invw);
    }
    if (k->has_w) {
        igraph_vector_destroy(&k->w);
    }
    if (k->has_ideg) {
        igraph_vector_int_destroy(&k->ideg);
    }
    if (k->has_edges) {
        igraph_vector_int_destroy(&k->edges);
    }
    if (k->has_graph) {
        igraph_destroy(&k->graph);
    }
}

static double finite_or_zero(double x)
{
    return isfinite(x) ? x : 0.0;
}

enum { HITS_MAX_ITER = 10000 };

/* Kleinberg's HITS iteration from the all-ones vector on the pair graph (pairs from
 * src to dst with weight w): h <- A a, a <- A^T h, each scaled to maximum 1. Converges
 * to the projection of the start vector on the dominant eigenspace, which is unique
 * even when the principal eigenvalue is degenerate. Returns false when it did not
 * converge within HITS_MAX_ITER rounds. hub, auth and tmp have n entries. */
static bool hits_power(size_t n, size_t npairs, const igraph_vector_int_t *edges,
                       const igraph_vector_t *w, double *hub, double *auth, double *tmp)
{
    bool converged = false;
    for (size_t i = 0; i < n; i++) {
        hub[i] = 1.0;
    }
    for (int it = 0; it < HITS_MAX_ITER && !converged; it++) {
        double amax = 0.0;
        double hmax = 0.0;
        double diff = 0.0;
        memset(auth, 0, n * sizeof *auth);
        for (size_t k = 0; k < npairs; k++) {
            size_t s = (size_t)VECTOR(*edges)[2 * k];
            size_t t = (size_t)VECTOR(*edges)[2 * k + 1];
            auth[t] += VECTOR(*w)[k] * hub[s];
        }
        for (size_t i = 0; i < n; i++) {
            amax = fmax(amax, auth[i]);
        }
        memset(tmp, 0, n * sizeof *tmp);
        for (size_t k = 0; k < npairs; k++) {
            size_t s = (size_t)VECTOR(*edges)[2 * k];
            size_t t = (size_t)VECTOR(*edges)[2 * k + 1];
            tmp[s] += VECTOR(*w)[k] * auth[t] / amax;
        }
        for (size_t i = 0; i < n; i++) {
            hmax = fmax(hmax, tmp[i]);
        }
        for (size_t i = 0; i < n; i++) {
            double h = tmp[i] / hmax;
            diff = fmax(diff, fabs(h - hub[i]));
            hub[i] = h;
        }
        converged = diff < 1e-13;
    }
    /* the matching authority vector, a = A^T h scaled to maximum 1 */
    double amax = 0.0;
    memset(auth, 0, n * sizeof *auth);
    for (size_t k = 0; k < npairs; k++) {
        size_t s = (size_t)VECTOR(*edges)[2 * k];
        size_t t = (size_t)VECTOR(*edges)[2 * k + 1];
        auth[t] += VECTOR(*w)[k] * hub[s];
    }
    for (size_t i = 0; i < n; i++) {
        amax = fmax(amax, auth[i]);
    }
    for (size_t i = 0; i < n; i++) {
        auth[i] /= amax;
    }
    return converged;
}

/* Power iteration for the eigenvector centrality of the undirected projection, from the
 * all-ones vector on (W + I), W the symmetric weight matrix (pair weights added in both
 * directions): the shift by I keeps bipartite graphs from oscillating and leaves the
 * eigenvectors unchanged. Converges to the projection of the start vector on the
 * dominant eigenspace, unique even when the principal eigenvalue is degenerate (two
 * equal components). Scaled to maximum 1. Returns false when it did not converge within
 * HITS_MAX_ITER rounds. x and tmp have n entries. */
static bool eigen_power(size_t n, size_t npairs, const igraph_vector_int_t *edges,
                        const igraph_vector_t *w, double *x, double *tmp)
{
    bool converged = false;
    for (size_t i = 0; i < n; i++) {
        x[i] = 1.0;
    }
    for (int it = 0; it < HITS_MAX_ITER && !converged; it++) {
        double max = 0.0;
        double diff = 0.0;
        memcpy(tmp, x, n * sizeof *tmp);
        for (size_t k = 0; k < npairs; k++) {
            size_t s = (size_t)VECTOR(*edges)[2 * k];
            size_t t = (size_t)VECTOR(*edges)[2 * k + 1];
            tmp[t] += VECTOR(*w)[k] * x[s];
            tmp[s] += VECTOR(*w)[k] * x[t];
        }
        for (size_t i = 0; i < n; i++) {
            max = fmax(max, tmp[i]);
        }
        for (size_t i = 0; i < n; i++) {
            double v = tmp[i] / max;
            diff = fmax(diff, fabs(v - x[i]));
            x[i] = v;
        }
        converged = diff < 1e-13;
    }
    return converged;
}

sg_status sg_i_igraph_fail(sg_diag *diag, igraph_error_t rc, const char *what)
{
    sg_status st = rc == IGRAPH_ENOMEM ? SG_ERR_NOMEM : SG_ERR_BACKEND;
    return sg_i_diag(diag, st, NULL, NULL, 0, 0, "igraph: %s failed: %s", what,
                     igraph_strerror(rc));
}

/* The actor network of g in igraph: one arc per ordered actor pair with at least one
 * edge (edges are sorted by source, target, relation), the arcs' ends into *arcs, their
 * event counts into *w, and the directed graph into *graph. On success the caller
 * destroys all three; on error none is left initialised. Shared by the centralities,
 * the whole-graph figures and the ego network. */
static sg_status arc_graph(const sg_graph *g, igraph_vector_int_t *arcs, igraph_vector_t *w,
                           igraph_t *graph, sg_diag *diag)
{
    sg_status st = SG_OK;
    bool has_arcs = false, has_w = false;
    SG_IG(igraph_vector_int_init(arcs, 0), "igraph_vector_int_init");
    has_arcs = true;
    SG_IG(igraph_vector_init(w, 0), "igraph_vector_init");
    has_w = true;
    for (size_t i = 0; i < g->n_edges;) {
        size_t j = i;
        double count = 0.0;
        while (j < g->n_edges && g->edges[j].source == g->edges[i].source &&
               g->edges[j].target == g->edges[i].target) {
            count += (double)g->edges[j].count;
            j++;
        }
        SG_IG(igraph_vector_int_push_back(arcs, (igraph_integer_t)g->edges[i].source),
              "igraph_vector_int_push_back");
        SG_IG(igraph_vector_int_push_back(arcs, (igraph_integer_t)g->edges[i].target),
              "igraph_vector_int_push_back");
        SG_IG(igraph_vector_push_back(w, count), "igraph_vector_push_back");
        i = j;
    }
    SG_IG(igraph_create(graph, arcs, (igraph_integer_t)g->n_nodes, IGRAPH_DIRECTED),
          "igraph_create");
    return SG_OK;
done:
    if (has_w) {
        igraph_vector_destroy(w);
    }
    if (has_arcs) {
        igraph_vector_int_destroy(arcs);
    }
    return st;
}

sg_status sg_graph_stats_get(const sg_graph *g, sg_graph_stats *out, sg_diag *diag)
{
    sg_status st = SG_OK;
    igraph_t graph;
    igraph_vector_int_t edges, membership, csize;
    igraph_vector_t counts;
    igraph_integer_t nc = 0;
    igraph_real_t r = 0.0;
    bool has_graph = false, has_edges = false, has_memb = false, has_csize = false;
    size_t n = g->n_nodes;
    igraph_error_handler_t *old_err = igraph_set_error_handler(igraph_error_handler_ignore);
    bool *touched = NULL;

    memset(out, 0, sizeof *out);
    out->actors = n;
    out->edges = g->n_edges;
    const sg_events *ev = g->ev;
    for (size_t i = 0; i < sg_events_count(ev); i++) {
        const sg_event *e = sg_events_get(ev, i);
        out->events++;
        out->negated += e->negated;
        out->untargeted += !e->negated && e->target == NULL;
    }
    double gsum = 0.0;
    touched = calloc(n > 0 ? n : 1, sizeof *touched);
    if (touched == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < g->n_edges; i++) {
        const sg_edge *ed = &g->edges[i];
        out->graph_events += ed->count;
        gsum += ed->goldstein_sum;
        for (size_t k = 0; k < ed->count; k++) {
            double w = sg_events_get(ev, ed->evidence[k])->goldstein;
            out->hostile_events += w < 0.0;
            out->cooperative_events += w > 0.0;
        }
        touched[ed->source] = touched[ed->target] = true;
        if (i == 0 || ed->source != g->edges[i - 1].source ||
            ed->target != g->edges[i - 1].target) {
            out->arcs++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        out->isolated += !touched[i];
    }
    out->goldstein_mean = out->graph_events > 0 ? gsum / (double)out->graph_events : NAN;
    out->density = n > 1 ? (double)out->arcs / ((double)n * (double)(n - 1)) : NAN;
    out->reciprocity = NAN;
    if (n == 0) {
        goto done;
    }
    st = arc_graph(g, &edges, &counts, &graph, diag);
    if (st != SG_OK) {
        goto done;
    }
    has_edges = has_graph = true;
    SG_IG(igraph_vector_int_init(&membership, 0), "igraph_vector_int_init");
    has_memb = true;
    SG_IG(igraph_vector_int_init(&csize, 0), "igraph_vector_int_init");
    has_csize = true;
    SG_IG(igraph_connected_components(&graph, &membership, &csize, &nc, IGRAPH_STRONG),
          "igraph_connected_components");
    out->strong_components = (size_t)nc;
    SG_IG(igraph_connected_components(&graph, &membership, &csize, &nc, IGRAPH_WEAK),
          "igraph_connected_components");
    out->weak_components = (size_t)nc;
    out->largest_component = (size_t)igraph_vector_int_max(&csize);
    if (out->arcs > 0) {
        SG_IG(igraph_reciprocity(&graph, &r, true, IGRAPH_RECIPROCITY_DEFAULT),
              "igraph_reciprocity");
        out->reciprocity = r;
    }
done:
    free(touched);
    if (has_csize) {
        igraph_vector_int_destroy(&csize);
    }
    if (has_memb) {
        igraph_vector_int_destroy(&membership);
    }
    if (has_graph) {
        igraph_destroy(&graph);
    }
    if (has_edges) {
        igraph_vector_int_destroy(&edges);
        igraph_vector_destroy(&counts);
    }
    igraph_set_error_handler(old_err);
    return st;
}

sg_status sg_graph_ego(const sg_graph *g, size_t center, size_t depth, bool *keep, sg_diag *diag)
{
    sg_status st = SG_OK;
    igraph_t graph;
    igraph_vector_int_t edges;
    igraph_vector_t counts;
    igraph_vector_int_list_t res;
    bool has_graph = false, has_edges = false, has_res = false;
    size_t n = g->n_nodes;
    igraph_error_handler_t *old_err = igraph_set_error_handler(igraph_error_handler_ignore);

    if (center >= n) {
        igraph_set_error_handler(old_err);
        return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                         "ego network: node %zu is not in the graph (%zu nodes)", center, n);
    }
    for (size_t i = 0; i < n; i++) {
        keep[i] = false;
    }
    if (depth > (size_t)IGRAPH_INTEGER_MAX / 2) {
        depth = (size_t)IGRAPH_INTEGER_MAX / 2;
    }
    st = arc_graph(g, &edges, &counts, &graph, diag);
    if (st != SG_OK) {
        goto done;
    }
    has_edges = has_graph = true;
    SG_IG(igraph_vector_int_list_init(&res, 0), "igraph_vector_int_list_init");
    has_res = true;
    SG_IG(igraph_neighborhood(&graph, &res, igraph_vss_1((igraph_integer_t)center),
                              (igraph_integer_t)depth, IGRAPH_ALL, 0),
          "igraph_neighborhood");
    {
        const igraph_vector_int_t *v = igraph_vector_int_list_get_ptr(&res, 0);
        for (igraph_integer_t k = 0; k < igraph_vector_int_size(v); k++) {
            keep[VECTOR(*v)[k]] = true;
        }
    }
done:
    if (has_res) {
        igraph_vector_int_list_destroy(&res);
    }
    if (has_graph) {
        igraph_destroy(&graph);
    }
    if (has_edges) {
        igraph_vector_int_destroy(&edges);
        igraph_vector_destroy(&counts);
    }
    igraph_set_error_handler(old_err);
    return st;
}

/* The field of metric m in c, or NULL for an m out of range. */
static double *metric_slot(sg_centrality *c, sg_metric m)
{
    switch (m) {
    case SG_M_IN_DEGREE:
        return &c->in_degree;
    case SG_M_OUT_DEGREE:
        return &c->out_degree;
    case SG_M_DEGREE:
        return &c->degree;
    case SG_M_IN_STRENGTH:
        return &c->in_strength;
    case SG_M_OUT_STRENGTH:
        return &c->out_strength;
    case SG_M_SIGNED_IN:
        return &c->signed_in;
    case SG_M_SIGNED_OUT:
        return &c->signed_out;
    case SG_M_BETWEENNESS:
        return &c->betweenness;
    case SG_M_HARMONIC:
        return &c->harmonic;
    case SG_M_PAGERANK:
        return &c->pagerank;
    case SG_M_HUB:
        return &c->hub;
    case SG_M_AUTHORITY:
        return &c->authority;
    case SG_M_EIGENVECTOR:
        return &c->eigenvector;
    case SG_M_COUNT:
        break;
    }
    return NULL;
}

double sg_centrality_value(const sg_centrality *c, sg_metric m)
{
    /* metric_slot only computes an address; nothing is written through it here */
    const double *v = metric_slot((sg_centrality *)(uintptr_t)c, m);
    return v != NULL ? *v : NAN;
}

sg_status sg_graph_centrality(const sg_graph *g, sg_centrality *out, sg_diag *diag)
{
    return sg_graph_centrality_some(g, SG_METRICS_ALL, out, diag);
}

#define WANT(m) ((metrics & (1u << (m))) != 0)

sg_status sg_graph_centrality_some(const sg_graph *g, unsigned metrics, sg_centrality *out,
                                   sg_diag *diag)
{
    sg_status st = SG_OK;
    work k;
    size_t n = g->n_nodes;
    size_t npairs = 0;
    double *scratch = NULL;
    igraph_error_handler_t *old_err = igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warn = igraph_set_warning_handler(igraph_warning_handler_ignore);

    memset(&k, 0, sizeof k);
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].node = i;
    }
    if (n == 0) {
        goto done;
    }
    if (n > (size_t)IGRAPH_INTEGER_MAX / 2) {
        st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "graph too large for igraph");
        goto done;
    }
    SG_IG(igraph_rng_seed(igraph_rng_default(), 42), "igraph_rng_seed");

    /* the actor pairs, weighted by their events */
    st = arc_graph(g, &k.edges, &k.w, &k.graph, diag);
    if (st != SG_OK) {
        goto done;
    }
    k.has_edges = k.has_w = k.has_graph = true;
    npairs = (size_t)igraph_vector_size(&k.w);
    SG_IG(igraph_vector_init(&k.invw, (igraph_integer_t)npairs), "igraph_vector_init");
    k.has_invw = true;
    for (size_t i = 0; i < npairs; i++) {
        /* counts are >= 1, so the lengths are positive and finite */
        VECTOR(k.invw)[i] = 1.0 / VECTOR(k.w)[i];
    }
    SG_IG(igraph_vector_int_init(&k.ideg, 0), "igraph_vector_int_init");
    k.has_ideg = true;
    SG_IG(igraph_vector_init(&k.res, 0), "igraph_vector_init");
    k.has_res = true;

    SG_IG(igraph_degree(&k.graph, &k.ideg, igraph_vss_all(), IGRAPH_IN, IGRAPH_NO_LOOPS),
          "igraph_degree");
    for (size_t i = 0; i < n; i++) {
        out[i].in_degree = (double)VECTOR(k.ideg)[i];
    }
    SG_IG(igraph_degree(&k.graph, &k.ideg, igraph_vss_all(), IGRAPH_OUT, IGRAPH_NO_LOOPS),
          "igraph_degree");
    for (size_t i = 0; i < n; i++) {
        out[i].out_degree = (double)VECTOR(k.ideg)[i];
    }
    SG_IG(igraph_degree(&k.graph, &k.ideg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS),
          "igraph_degree");
    for (size_t i = 0; i < n; i++) {
        out[i].degree = (double)VECTOR(k.ideg)[i];
    }
    /* signed strength: Goldstein sums of the edges, summed in order of the edges so the
     * result does not depend on igraph's internal edge order */
    for (size_t i = 0; i < g->n_edges; i++) {
        out[g->edges[i].target].signed_in += g->edges[i].goldstein_sum;
        out[g->edges[i].source].signed_out += g->edges[i].goldstein_sum;
    }
    SG_IG(igraph_strength(&k.graph, &k.res, igraph_vss_all(), IGRAPH_IN, IGRAPH_NO_LOOPS, &k.w),
          "igraph_strength");
    for (size_t i = 0; i < n; i++) {
        out[i].in_strength = VECTOR(k.res)[i];
    }
    SG_IG(igraph_strength(&k.graph, &k.res, igraph_vss_all(), IGRAPH_OUT, IGRAPH_NO_LOOPS, &k.w),
          "igraph_strength");
    for (size_t i = 0; i < n; i++) {
        out[i].out_strength = VECTOR(k.res)[i];
    }
    if (WANT(SG_M_BETWEENNESS)) {
        SG_IG(igraph_betweenness(&k.graph, &k.res, igraph_vss_all(), IGRAPH_DIRECTED, &k.invw),
              "igraph_betweenness");
        for (size_t i = 0; i < n; i++) {
            out[i].betweenness = VECTOR(k.res)[i];
        }
    }
    if (n > 1 && WANT(SG_M_HARMONIC)) {
        SG_IG(igraph_harmonic_centrality(&k.graph, &k.res, igraph_vss_all(), IGRAPH_OUT, &k.invw,
                                         true),
              "igraph_harmonic_centrality");
        for (size_t i = 0; i < n; i++) {
            out[i].harmonic = VECTOR(k.res)[i];
        }
    } /* a single node reaches nobody: harmonic 0 rather than 0/0 */

    if (npairs == 0) {
        /* PageRank of a graph without edges is the reset distribution; hub and
         * authority scores are 0 (igraph would warn and return an arbitrary vector). */
        for (size_t i = 0; i < n; i++) {
            out[i].pagerank = 1.0 / (double)n;
        }
        goto done;
    }
    if (WANT(SG_M_PAGERANK)) {
        SG_IG(igraph_personalized_pagerank(&k.graph, IGRAPH_PAGERANK_ALGO_PRPACK, &k.res, NULL,
                                           igraph_vss_all(), IGRAPH_DIRECTED, 0.85, NULL, &k.w,
                                           NULL),
              "igraph_personalized_pagerank");
        for (size_t i = 0; i < n; i++) {
            out[i].pagerank = VECTOR(k.res)[i];
        }
    }
    /* our own ARPACK options: NULL would make igraph modify its global defaults */
    igraph_arpack_options_init(&k.arpack);
    scratch = malloc(3 * n * sizeof *scratch);
    if (scratch == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
        goto done;
    }
    bool use_power = false;
    if (!WANT(SG_M_HUB) && !WANT(SG_M_AUTHORITY)) {
        goto eigenvector;
    }
    /* When the principal eigenvalue of A A^T is degenerate (a reciprocal pair with equal
     * counts, two equal components) any vector of its eigenspace is an answer, and
     * ARPACK's pick depends on its internal random state: measured to change between
     * two calls in one process, and to lie anywhere from 8e-9 to 6e-6 from the symmetric
     * answer. The HITS iteration from the all-ones vector has a unique limit, the one
     * that gives equal positions equal scores. When it converges (steps below 1e-13
     * within HITS_MAX_ITER rounds, so the error is below about 3e-11) it is the answer;
     * otherwise (a principal eigenvalue barely above the next, where ARPACK is reliable)
     * igraph's. */
    use_power = hits_power(n, npairs, &k.edges, &k.w, scratch, scratch + n, scratch + 2 * n);
    if (!use_power) {
        SG_IG(igraph_vector_init(&k.hub, 0), "igraph_vector_init");
        k.has_hub = true;
        SG_IG(igraph_vector_init(&k.auth, 0), "igraph_vector_init");
        k.has_auth = true;
        SG_IG(
            igraph_hub_and_authority_scores(&k.graph, &k.hub, &k.auth, NULL, true, &k.w, &k.arpack),
            "igraph_hub_and_authority_scores");
    }
    for (size_t i = 0; i < n; i++) {
        double h = use_power ? scratch[i] : finite_or_zero(VECTOR(k.hub)[i]);
        double a = use_power ? scratch[n + i] : finite_or_zero(VECTOR(k.auth)[i]);
        /* clamp rounding noise (-0, 1e-17) of nodes outside the principal part to 0 */
        out[i].hub = h < 1e-12 ? 0.0 : h;
        out[i].authority = a < 1e-12 ? 0.0 : a;
    }

eigenvector:
    if (!WANT(SG_M_EIGENVECTOR)) {
        goto done;
    }
    /* Eigenvector centrality of the undirected projection: directed = false makes
     * igraph use W + W^T, i.e. the events between two actors in both directions. An
     * isolated actor gets 0. The same degeneracy as above applies (two components with
     * the same principal eigenvalue), with the same remedy. */
    use_power = eigen_power(n, npairs, &k.edges, &k.w, scratch, scratch + n);
    if (!use_power) {
        SG_IG(igraph_eigenvector_centrality(&k.graph, &k.res, NULL, false, true, &k.w, &k.arpack),
              "igraph_eigenvector_centrality");
    }
    for (size_t i = 0; i < n; i++) {
        double x = use_power ? scratch[i] : finite_or_zero(VECTOR(k.res)[i]);
        out[i].eigenvector = x < 1e-12 ? 0.0 : x;
    }

done:
    for (size_t i = 0; st == SG_OK && i < n; i++) {
        for (int m = 0; m < SG_M_COUNT; m++) {
            if (!WANT(m)) {
                *metric_slot(&out[i], (sg_metric)m) = NAN;
            }
        }
    }
    free(scratch);
    work_release(&k);
    igraph_set_warning_handler(old_warn);
    igraph_set_error_handler(old_err);
    return st;
}
