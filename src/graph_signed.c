/* Graph stage, signed analysis: consumes an sg_graph and produces its signed actor
 * projection, the signed and cooperative blocs of its actors (igraph spinglass and
 * Louvain) with their quality, and the structural balance of its triads. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph_ig.h"
#include "sg_analysis.h"

/* One tie of the signed projection, u < v. */
typedef struct tie {
    size_t u, v;
    double w;
    size_t count;
} tie;

/* The signed projection: ties sorted by (u, v). */
typedef struct projection {
    size_t n;
    tie *ties;
    size_t n_ties;
    size_t neutral; /* actor pairs whose edges sum to 0 */
} projection;

/* One edge seen as an unordered pair, for sorting. */
typedef struct pair_ref {
    size_t u, v, edge;
} pair_ref;

struct sg_blocs {
    size_t n;
    size_t *signed_of, *coop_of;     /* n bloc numbers each */
    size_t *signed_size, *coop_size; /* bloc sizes */
    size_t n_signed, n_coop;
    double q_signed, q_coop;
    size_t frustrated;
    double frustration;
    size_t capped;
};

static sg_status nomem(sg_diag *diag)
{
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
}

/* ---- signed projection ---------------------------------------------------------- */

static int pair_ref_cmp(const void *a, const void *b)
{
    const pair_ref *x = a;
    const pair_ref *y = b;
    if (x->u != y->u) {
        return x->u < y->u ? -1 : 1;
    }
    if (x->v != y->v) {
        return x->v < y->v ? -1 : 1;
    }
    if (x->edge != y->edge) {
        return x->edge < y->edge ? -1 : 1;
    }
    return 0;
}

static void projection_release(projection *p)
{
    free(p->ties);
    memset(p, 0, sizeof *p);
}

/* Builds the signed projection of g (see sg_analysis.h). Sums are taken in edge order
 * within each pair, so the weights are the same on every run. */
static sg_status projection_build(const sg_graph *g, projection *p, sg_diag *diag)
{
    sg_status st = SG_OK;
    size_t m = sg_graph_edge_count(g);
    pair_ref *refs = NULL;
    size_t n_refs = 0;

    memset(p, 0, sizeof *p);
    p->n = sg_graph_node_count(g);
    if (p->n > (size_t)IGRAPH_INTEGER_MAX / 2) {
        return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "graph too large for igraph");
    }
    if (m == 0) {
        return SG_OK;
    }
    refs = malloc(m * sizeof *refs);
    p->ties = malloc(m * sizeof *p->ties);
    if (refs == NULL || p->ties == NULL) {
        st = nomem(diag);
        goto done;
    }
    for (size_t i = 0; i < m; i++) {
        const sg_edge *e = sg_graph_edge_get(g, i);
        if (e->source == e->target) {
            continue; /* self-loops carry no relation between two actors */
        }
        refs[n_refs].u = e->source < e->target ? e->source : e->target;
        refs[n_refs].v = e->source < e->target ? e->target : e->source;
        refs[n_refs].edge = i;
        n_refs++;
    }
    qsort(refs, n_refs, sizeof *refs, pair_ref_cmp);
    for (size_t i = 0; i < n_refs;) {
        size_t j = i;
        double w = 0.0;
        size_t count = 0;
        while (j < n_refs && refs[j].u == refs[i].u && refs[j].v == refs[i].v) {
            const sg_edge *e = sg_graph_edge_get(g, refs[j].edge);
            w += e->goldstein_sum;
            count += e->count;
            j++;
        }
        if (fabs(w) <= SG_SIGNED_ZERO) {
            p->neutral++;
        } else {
            tie *t = &p->ties[p->n_ties++];
            t->u = refs[i].u;
            t->v = refs[i].v;
            t->w = w;
            t->count = count;
        }
        i = j;
    }

done:
    free(refs);
    if (st != SG_OK) {
        projection_release(p);
    }
    return st;
}

/* The ties of p (all, or the positive ones only) as an undirected igraph graph on p->n
 * nodes, with the tie weights in *w. Edge k of the graph is the k-th selected tie. On
 * error nothing is left allocated. */
static sg_status ig_graph(const projection *p, bool positive_only, igraph_t *graph,
                          igraph_vector_t *w, sg_diag *diag)
{
    sg_status st = SG_OK;
    igraph_vector_int_t edges;
    bool has_edges = false;
    bool has_w = false;

    SG_IG(igraph_vector_int_init(&edges, 0), "igraph_vector_int_init");
    has_edges = true;
    SG_IG(igraph_vector_init(w, 0), "igraph_vector_init");
    has_w = true;
    for (size_t k = 0; k < p->n_ties; k++) {
        const tie *t = &p->ties[k];
        if (positive_only && t->w < 0) {
            continue;
        }
        SG_IG(igraph_vector_int_push_back(&edges, (igraph_integer_t)t->u),
              "igraph_vector_int_push_back");
        SG_IG(igraph_vector_int_push_back(&edges, (igraph_integer_t)t->v),
              "igraph_vector_int_push_back");
        SG_IG(igraph_vector_push_back(w, t->w), "igraph_vector_push_back");
    }
    SG_IG(igraph_create(graph, &edges, (igraph_integer_t)p->n, IGRAPH_UNDIRECTED), "igraph_create");

done:
    if (has_edges) {
        igraph_vector_int_destroy(&edges);
    }
    if (st != SG_OK && has_w) {
        igraph_vector_destroy(w);
    }
    return st;
}

/* ---- blocs ----------------------------------------------------------------------- */

/* Renumbers raw labels (each < n_raw) into blocs 0, 1, ... in the order of their lowest
 * node, writing out[0 .. n-1], the sizes into a new *sizes and their number into *count. */
static sg_status renumber(size_t n, const size_t *raw, size_t n_raw, size_t *out, size_t **sizes,
                          size_t *count, sg_diag *diag)
{
    size_t *map = malloc((n_raw > 0 ? n_raw : 1) * sizeof *map);
    size_t next = 0;

    *count = 0;
    *sizes = calloc(n > 0 ? n : 1, sizeof **sizes);
    if (map == NULL || *sizes == NULL) {
        free(map);
        free(*sizes);
        *sizes = NULL;
        return nomem(diag);
    }
    for (size_t i = 0; i < n_raw; i++) {
        map[i] = SIZE_MAX;
    }
    for (size_t i = 0; i < n; i++) {
        if (map[raw[i]] == SIZE_MAX) {
            map[raw[i]] = next++;
        }
        out[i] = map[raw[i]];
        (*sizes)[out[i]]++;
    }
    free(map);
    *count = next;
    return SG_OK;
}

/* Louvain on the positive ties: raw[i] receives node i's community (< p->n) and *q the
 * Newman modularity igraph gives it. Without positive ties every node is its own
 * community and *q is 0. */
static sg_status coop_blocs(const projection *p, size_t *raw, double *q, sg_diag *diag)
{
    sg_status st = SG_OK;
    igraph_t graph;
    igraph_vector_t w;
    igraph_vector_int_t memb;
    bool has_graph = false;
    bool has_memb = false;
    size_t n_pos = 0;

    *q = 0.0;
    for (size_t i = 0; i < p->n; i++) {
        raw[i] = i;
    }
    for (size_t k = 0; k < p->n_ties; k++) {
        n_pos += p->ties[k].w > 0;
    }
    if (n_pos == 0) {
        return SG_OK;
    }
    st = ig_graph(p, true, &graph, &w, diag);
    if (st != SG_OK) {
        return st;
    }
    has_graph = true;
    SG_IG(igraph_vector_int_init(&memb, 0), "igraph_vector_int_init");
    has_memb = true;
    SG_IG(igraph_rng_seed(igraph_rng_default(), 42), "igraph_rng_seed");
    SG_IG(igraph_community_multilevel(&graph, &w, 1.0, &memb, NULL, NULL),
          "igraph_community_multilevel");
    SG_IG(igraph_modularity(&graph, &memb, &w, 1.0, IGRAPH_UNDIRECTED, q), "igraph_modularity");
    for (size_t i = 0; i < p->n; i++) {
        igraph_integer_t c = VECTOR(memb)[i];
        if (c < 0 || (size_t)c >= p->n) {
            st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                           "igraph: igraph_community_multilevel returned community %" IGRAPH_PRId
                           " for node %zu",
                           c, i);
            goto done;
        }
        raw[i] = (size_t)c;
    }

done:
    if (has_memb) {
        igraph_vector_int_destroy(&memb);
    }
    if (has_graph) {
        igraph_vector_destroy(&w);
        igraph_destroy(&graph);
    }
    return st;
}

/* The number of spins (the most blocs spinglass may find in one component). */
enum { SPINS = 25 };

/* Spinglass (IMP_NEG) on one component: nodes[0 .. s-1] (ascending node indexes, s >= 3)
 * with ties ties[0 .. n_ties-1] (in (u, v) order); local[i] is node i's position in
 * nodes. Writes raw[nodes[j]] = base + community of nodes[j] and *used = 1 + the largest
 * community number. */
static sg_status spinglass_component(const size_t *nodes, size_t s, const tie *const *ties,
                                     size_t n_ties, const size_t *local, size_t base, size_t *raw,
                                     size_t *used, sg_diag *diag)
{
    sg_status st = SG_OK;
    igraph_t graph;
    igraph_vector_int_t edges, memb;
    igraph_vector_t w;
    igraph_real_t modularity = 0.0;
    igraph_real_t temperature = 0.0;
    bool has_graph = false;
    bool has_edges = false;
    bool has_memb = false;
    bool has_w = false;
    size_t top = 0;

    SG_IG(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * n_ties)), "igraph_vector_int_init");
    has_edges = true;
    SG_IG(igraph_vector_init(&w, (igraph_integer_t)n_ties), "igraph_vector_init");
    has_w = true;
    for (size_t k = 0; k < n_ties; k++) {
        VECTOR(edges)[2 * k] = (igraph_integer_t)local[ties[k]->u];
        VECTOR(edges)[2 * k + 1] = (igraph_integer_t)local[ties[k]->v];
        VECTOR(w)[k] = ties[k]->w;
    }
    SG_IG(igraph_create(&graph, &edges, (igraph_integer_t)s, IGRAPH_UNDIRECTED), "igraph_create");
    has_graph = true;
    SG_IG(igraph_vector_int_init(&memb, 0), "igraph_vector_int_init");
    has_memb = true;
    SG_IG(igraph_rng_seed(igraph_rng_default(), 42), "igraph_rng_seed");
    SG_IG(igraph_community_spinglass(&graph, &w, &modularity, &temperature, &memb, NULL,
                                     (igraph_integer_t)(s < SPINS ? s : SPINS), false, 1.0, 0.01,
                                     0.99, IGRAPH_SPINCOMM_UPDATE_CONFIG, 1.0,
                                     IGRAPH_SPINCOMM_IMP_NEG, 1.0),
          "igraph_community_spinglass");
    for (size_t j = 0; j < s; j++) {
        igraph_integer_t c = VECTOR(memb)[j];
        if (c < 0 || (size_t)c >= s) {
            st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                           "igraph: igraph_community_spinglass returned community %" IGRAPH_PRId
                           " for node %zu",
                           c, nodes[j]);
            goto done;
        }
        raw[nodes[j]] = base + (size_t)c;
        if ((size_t)c + 1 > top) {
            top = (size_t)c + 1;
        }
    }
    *used = top;

done:
    if (has_memb) {
        igraph_vector_int_destroy(&memb);
    }
    if (has_graph) {
        igraph_destroy(&graph);
    }
    if (has_w) {
        igraph_vector_destroy(&w);
    }
    if (has_edges) {
        igraph_vector_int_destroy(&edges);
    }
    return st;
}

/* Scratch arrays of the signed partition, freed together. */
typedef struct signed_work {
    igraph_t graph;
    igraph_vector_t w;
    igraph_vector_int_t memb, csize;
    bool has_graph, has_memb, has_csize;
    size_t *order;      /* nodes grouped by component, ascending within each */
    size_t *comp_start; /* component c's nodes are order[comp_start[c] .. comp_start[c+1]) */
    size_t *local;      /* node -> position within its component */
    const tie **ties;   /* ties grouped by component, (u, v) order within each */
    size_t *tie_start;
    size_t *fill; /* per component: entries placed so far */
} signed_work;

static void signed_work_release(signed_work *k)
{
    free(k->fill);
    free(k->tie_start);
    free(k->ties);
    free(k->local);
    free(k->comp_start);
    free(k->order);
    if (k->has_csize) {
        igraph_vector_int_destroy(&k->csize);
    }
    if (k->has_memb) {
        igraph_vector_int_destroy(&k->memb);
    }
    if (k->has_graph) {
        igraph_vector_destroy(&k->w);
        igraph_destroy(&k->graph);
    }
}

/* The signed partition as raw labels (< 2 p->n): components partitioned by spinglass or
 * by hand get labels below p->n, components above the cap their cooperative bloc plus
 * p->n. coop holds the renumbered cooperative blocs. */
static sg_status signed_blocs(const projection *p, const size_t *coop, size_t *raw, size_t *capped,
                              sg_diag *diag)
{
    sg_status st = SG_OK;
    signed_work k;
    size_t n = p->n;
    size_t n_comp = 0;
    size_t next = 0;

    memset(&k, 0, sizeof k);
    *capped = 0;
    st = ig_graph(p, false, &k.graph, &k.w, diag);
    if (st != SG_OK) {
        return st;
    }
    k.has_graph = true;
    SG_IG(igraph_vector_int_init(&k.memb, 0), "igraph_vector_int_init");
    k.has_memb = true;
    SG_IG(igraph_vector_int_init(&k.csize, 0), "igraph_vector_int_init");
    k.has_csize = true;
    igraph_integer_t no = 0;
    SG_IG(igraph_connected_components(&k.graph, &k.memb, &k.csize, &no, IGRAPH_WEAK),
          "igraph_connected_components");
    n_comp = (size_t)no;

    /* Group nodes and ties by component with a stable counting sort, so each component
     * sees its nodes in ascending order and its ties in (u, v) order. */
    k.order = malloc(n * sizeof *k.order);
    k.comp_start = calloc(n_comp + 1, sizeof *k.comp_start);
    k.local = malloc(n * sizeof *k.local);
    k.ties = malloc((p->n_ties > 0 ? p->n_ties : 1) * sizeof *k.ties);
    k.tie_start = calloc(n_comp + 1, sizeof *k.tie_start);
    k.fill = calloc(n_comp + 1, sizeof *k.fill);
    if (k.order == NULL || k.comp_start == NULL || k.local == NULL || k.ties == NULL ||
        k.tie_start == NULL || k.fill == NULL) {
        st = nomem(diag);
        goto done;
    }
    for (size_t c = 0; c < n_comp; c++) {
        k.comp_start[c + 1] = k.comp_start[c] + (size_t)VECTOR(k.csize)[c];
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = (size_t)VECTOR(k.memb)[i];
        k.local[i] = k.fill[c];
        k.order[k.comp_start[c] + k.fill[c]] = i;
        k.fill[c]++;
    }
    memset(k.fill, 0, (n_comp + 1) * sizeof *k.fill);
    for (size_t t = 0; t < p->n_ties; t++) {
        k.tie_start[(size_t)VECTOR(k.memb)[p->ties[t].u] + 1]++;
    }
    for (size_t c = 0; c < n_comp; c++) {
        k.tie_start[c + 1] += k.tie_start[c];
    }
    for (size_t t = 0; t < p->n_ties; t++) {
        size_t c = (size_t)VECTOR(k.memb)[p->ties[t].u];
        k.ties[k.tie_start[c] + k.fill[c]] = &p->ties[t];
        k.fill[c]++;
    }

    for (size_t c = 0; c < n_comp; c++) {
        const size_t *nodes = &k.order[k.comp_start[c]];
        size_t s = k.comp_start[c + 1] - k.comp_start[c];
        const tie *const *ct = &k.ties[k.tie_start[c]];
        size_t nt = k.tie_start[c + 1] - k.tie_start[c];
        if (s == 1) {
            raw[nodes[0]] = next++;
        } else if (s == 2) {
            /* one tie: together when positive, apart when negative (the optimum) */
            raw[nodes[0]] = next++;
            raw[nodes[1]] = ct[0]->w > 0 ? raw[nodes[0]] : next++;
        } else if (s > SG_BLOCS_SPINGLASS_MAX) {
            for (size_t j = 0; j < s; j++) {
                raw[nodes[j]] = n + coop[nodes[j]];
            }
            *capped += s;
        } else {
            size_t used = 0;
            st = spinglass_component(nodes, s, ct, nt, k.local, next, raw, &used, diag);
            if (st != SG_OK) {
                goto done;
            }
            next += used;
        }
    }

done:
    signed_work_release(&k);
    return st;
}

/* Q± (Gómez, Jensen & Arenas 2009) and frustration (Doreian & Mrvar 1996) of b's
 * signed partition over the ties of p; see sg_analysis.h for the formulas. */
static sg_status signed_quality(const projection *p, sg_blocs *b, sg_diag *diag)
{
    size_t nb = b->n_signed;
    double *acc = calloc(4 * (nb > 0 ? nb : 1), sizeof *acc);
    double *kpos = acc;
    double *kneg = acc + nb;
    double *wpos_in = acc + 2 * nb;
    double *wneg_in = acc + 3 * nb;
    double wpos = 0.0;
    double wneg = 0.0;
    double wbad = 0.0;

    if (acc == NULL) {
        return nomem(diag);
    }
    for (size_t k = 0; k < p->n_ties; k++) {
        const tie *t = &p->ties[k];
        size_t cu = b->signed_of[t->u];
        size_t cv = b->signed_of[t->v];
        double a = fabs(t->w);
        if (t->w > 0) {
            wpos += a;
            kpos[cu] += a;
            kpos[cv] += a;
            if (cu == cv) {
                wpos_in[cu] += a;
            } else {
                b->frustrated++;
                wbad += a;
            }
        } else {
            wneg += a;
            kneg[cu] += a;
            kneg[cv] += a;
            if (cu == cv) {
                wneg_in[cu] += a;
                b->frustrated++;
                wbad += a;
            }
        }
    }
    double qpos = 0.0;
    double qneg = 0.0;
    for (size_t c = 0; c < nb; c++) {
        if (wpos > 0) {
            double x = kpos[c] / (2 * wpos);
            qpos += 2 * wpos_in[c] / (2 * wpos) - x * x;
        }
        if (wneg > 0) {
            double x = kneg[c] / (2 * wneg);
            qneg += 2 * wneg_in[c] / (2 * wneg) - x * x;
        }
    }
    if (wpos + wneg > 0) {
        b->q_signed = (2 * wpos * qpos - 2 * wneg * qneg) / (2 * wpos + 2 * wneg);
        b->frustration = wbad / (wpos + wneg);
    }
    free(acc);
    return SG_OK;
}

sg_status sg_blocs_new(const sg_graph *g, sg_blocs **out, sg_diag *diag)
{
    sg_status st = SG_OK;
    projection p;
    sg_blocs *b = NULL;
    size_t *raw = NULL;
    igraph_error_handler_t *old_err = igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warn = igraph_set_warning_handler(igraph_warning_handler_ignore);

    *out = NULL;
    memset(&p, 0, sizeof p);
    st = projection_build(g, &p, diag);
    if (st != SG_OK) {
        goto done;
    }
    b = calloc(1, sizeof *b);
    if (b == NULL) {
        st = nomem(diag);
        goto done;
    }
    b->n = p.n;
    if (p.n == 0) {
        *out = b;
        b = NULL;
        goto done;
    }
    b->signed_of = malloc(p.n * sizeof *b->signed_of);
    b->coop_of = malloc(p.n * sizeof *b->coop_of);
    raw = malloc(p.n * sizeof *raw);
    if (b->signed_of == NULL || b->coop_of == NULL || raw == NULL) {
        st = nomem(diag);
        goto done;
    }
    st = coop_blocs(&p, raw, &b->q_coop, diag);
    if (st != SG_OK) {
        goto done;
    }
    st = renumber(p.n, raw, p.n, b->coop_of, &b->coop_size, &b->n_coop, diag);
    if (st != SG_OK) {
        goto done;
    }
    st = signed_blocs(&p, b->coop_of, raw, &b->capped, diag);
    if (st != SG_OK) {
        goto done;
    }
    st = renumber(p.n, raw, 2 * p.n, b->signed_of, &b->signed_size, &b->n_signed, diag);
    if (st != SG_OK) {
        goto done;
    }
    st = signed_quality(&p, b, diag);
    if (st != SG_OK) {
        goto done;
    }
    *out = b;
    b = NULL;

done:
    free(raw);
    sg_blocs_free(b);
    projection_release(&p);
    igraph_set_warning_handler(old_warn);
    igraph_set_error_handler(old_err);
    return st;
}

void sg_blocs_free(sg_blocs *b)
{
    if (b == NULL) {
        return;
    }
    free(b->signed_size);
    free(b->coop_size);
    free(b->signed_of);
    free(b->coop_of);
    free(b);
}

size_t sg_blocs_node_count(const sg_blocs *b)
{
    return b->n;
}

size_t sg_blocs_signed_get(const sg_blocs *b, size_t node)
{
    return node < b->n ? b->signed_of[node] : SIZE_MAX;
}

size_t sg_blocs_signed_count(const sg_blocs *b)
{
    return b->n_signed;
}

size_t sg_blocs_signed_member_count(const sg_blocs *b, size_t bloc)
{
    return bloc < b->n_signed ? b->signed_size[bloc] : 0;
}

size_t sg_blocs_coop_get(const sg_blocs *b, size_t node)
{
    return node < b->n ? b->coop_of[node] : SIZE_MAX;
}

size_t sg_blocs_coop_count(const sg_blocs *b)
{
    return b->n_coop;
}

size_t sg_blocs_coop_member_count(const sg_blocs *b, size_t bloc)
{
    return bloc < b->n_coop ? b->coop_size[bloc] : 0;
}

double sg_blocs_signed_modularity(const sg_blocs *b)
{
    return b->q_signed;
}

double sg_blocs_coop_modularity(const sg_blocs *b)
{
    return b->q_coop;
}

size_t sg_blocs_frustrated_ties(const sg_blocs *b)
{
    return b->frustrated;
}

double sg_blocs_frustration(const sg_blocs *b)
{
    return b->frustration;
}

size_t sg_blocs_capped_actors(const sg_blocs *b)
{
    return b->capped;
}

/* ---- structural balance --------------------------------------------------------- */

/* The tie {u, v} (u < v) of p, found by binary search; NULL when there is none. */
static const tie *tie_find(const projection *p, size_t u, size_t v)
{
    size_t lo = 0;
    size_t hi = p->n_ties;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const tie *t = &p->ties[mid];
        if (t->u == u && t->v == v) {
            return t;
        }
        if (t->u < u || (t->u == u && t->v < v)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static double strength(const sg_triad *t)
{
    return fabs(t->w_ab) + fabs(t->w_ac) + fabs(t->w_bc);
}

static int triad_cmp(const void *x, const void *y)
{
    const sg_triad *s = x;
    const sg_triad *t = y;
    double ss = sg_i_sort_key(strength(s));
    double st = sg_i_sort_key(strength(t));
    if (ss != st) {
        return ss > st ? -1 : 1;
    }
    if (s->a != t->a) {
        return s->a < t->a ? -1 : 1;
    }
    if (s->b != t->b) {
        return s->b < t->b ? -1 : 1;
    }
    if (s->c != t->c) {
        return s->c < t->c ? -1 : 1;
    }
    return 0;
}

static void sort3(size_t *x)
{
    size_t t;
    if (x[0] > x[1]) {
        t = x[0];
        x[0] = x[1];
        x[1] = t;
    }
    if (x[1] > x[2]) {
        t = x[1];
        x[1] = x[2];
        x[2] = t;
    }
    if (x[0] > x[1]) {
        t = x[0];
        x[0] = x[1];
        x[1] = t;
    }
}

sg_status sg_balance_init(sg_balance *bal, const sg_graph *g, size_t max_list, sg_diag *diag)
{
    sg_status st = SG_OK;
    projection p;
    igraph_t graph;
    igraph_vector_t w;
    igraph_vector_int_t tri;
    bool has_graph = false;
    bool has_tri = false;
    sg_triad *bad = NULL;
    size_t n_bad = 0;
    igraph_error_handler_t *old_err = igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_warning_handler_t *old_warn = igraph_set_warning_handler(igraph_warning_handler_ignore);

    memset(bal, 0, sizeof *bal);
    memset(&p, 0, sizeof p);
    st = projection_build(g, &p, diag);
    if (st != SG_OK) {
        goto done;
    }
    bal->ties = p.n_ties;
    bal->neutral_pairs = p.neutral;
    for (size_t k = 0; k < p.n_ties; k++) {
        if (p.ties[k].w > 0) {
            bal->positive_ties++;
        } else {
            bal->negative_ties++;
        }
    }
    if (p.n_ties < 3) {
        goto done;
    }
    st = ig_graph(&p, false, &graph, &w, diag);
    if (st != SG_OK) {
        goto done;
    }
    has_graph = true;
    SG_IG(igraph_vector_int_init(&tri, 0), "igraph_vector_int_init");
    has_tri = true;
    SG_IG(igraph_list_triangles(&graph, &tri), "igraph_list_triangles");

    size_t n_tri = (size_t)igraph_vector_int_size(&tri) / 3;
    bad = malloc((n_tri > 0 ? n_tri : 1) * sizeof *bad);
    if (bad == NULL) {
        st = nomem(diag);
        goto done;
    }
    for (size_t i = 0; i < n_tri; i++) {
        size_t x[3];
        for (size_t j = 0; j < 3; j++) {
            x[j] = (size_t)VECTOR(tri)[3 * i + j];
        }
        sort3(x);
        const tie *ab = tie_find(&p, x[0], x[1]);
        const tie *ac = tie_find(&p, x[0], x[2]);
        const tie *bc = tie_find(&p, x[1], x[2]);
        if (ab == NULL || ac == NULL || bc == NULL) {
            st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                           "igraph: igraph_list_triangles returned a triangle that is not one");
            goto done;
        }
        int negatives = (ab->w < 0) + (ac->w < 0) + (bc->w < 0);
        bal->triads++;
        if (negatives % 2 == 0) {
            bal->balanced++;
            continue;
        }
        bal->unbalanced++;
        if (negatives == 3) {
            bal->all_negative++;
        }
        bad[n_bad].a = x[0];
        bad[n_bad].b = x[1];
        bad[n_bad].c = x[2];
        bad[n_bad].w_ab = ab->w;
        bad[n_bad].w_ac = ac->w;
        bad[n_bad].w_bc = bc->w;
        n_bad++;
    }
    if (bal->triads > 0) {
        bal->share_defined = true;
        bal->balanced_share = (double)bal->balanced / (double)bal->triads;
    }
    size_t keep = n_bad < max_list ? n_bad : max_list;
    if (keep > 0) {
        qsort(bad, n_bad, sizeof *bad, triad_cmp);
        bal->listed = malloc(keep * sizeof *bal->listed);
        if (bal->listed == NULL) {
            st = nomem(diag);
            goto done;
        }
        memcpy(bal->listed, bad, keep * sizeof *bal->listed);
        bal->n_listed = keep;
    }

done:
    free(bad);
    if (st != SG_OK) {
        sg_balance_release(bal);
    }
    if (has_tri) {
        igraph_vector_int_destroy(&tri);
    }
    if (has_graph) {
        igraph_vector_destroy(&w);
        igraph_destroy(&graph);
    }
    projection_release(&p);
    igraph_set_warning_handler(old_warn);
    igraph_set_error_handler(old_err);
    return st;
}

void sg_balance_release(sg_balance *bal)
{
    if (bal == NULL) {
        return;
    }
    free(bal->listed);
    memset(bal, 0, sizeof *bal);
}
