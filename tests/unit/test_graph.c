/* Unit tests for the graph stage: aggregation of events into edges and centrality
 * computed with igraph, checked against values computed by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "stancegraph.h"

#define TOL 1e-6

/* Appends an event src -rel-> tgt (tgt may be NULL) with Goldstein weight gs. */
static void add_ev(sg_events *ev, const char *src, const char *tgt, const char *rel, double gs,
                   bool negated)
{
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "doc.txt";
    e.sentence = sg_events_count(ev);
    e.start = 10 * e.sentence;
    e.end = e.start + 9;
    e.source = src;
    e.source_name = src;
    e.source_type = "country";
    e.target = tgt;
    e.target_name = tgt;
    e.target_type = tgt != NULL ? "country" : NULL;
    e.relation = rel;
    e.label = rel;
    e.cameo = "112";
    e.goldstein = gs;
    e.negated = negated;
    e.trigger = rel;
    e.text = "Some sentence.";
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
}

/* Adds `count` events src -rel-> tgt. */
static void add_n(sg_events *ev, const char *src, const char *tgt, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        add_ev(ev, src, tgt, "accuse", -2.0, false);
    }
}

static sg_graph *graph_of(const sg_events *ev)
{
    sg_graph *g = NULL;
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_graph_new(ev, &g, &d), SG_OK, "%s", d.msg);
    cr_assert_not_null(g);
    return g;
}

/* Computes centrality into a fresh array of node_count rows (caller frees). */
static sg_centrality *centrality_of(const sg_graph *g)
{
    size_t n = sg_graph_node_count(g);
    sg_centrality *c = calloc(n > 0 ? n : 1, sizeof *c);
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_not_null(c);
    cr_assert_eq(sg_graph_centrality(g, c, &d), SG_OK, "%s", d.msg);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(c[i].node, i);
        cr_assert(isfinite(c[i].in_degree) && isfinite(c[i].out_degree));
        cr_assert(isfinite(c[i].in_strength) && isfinite(c[i].out_strength));
        cr_assert(isfinite(c[i].betweenness) && isfinite(c[i].harmonic));
        cr_assert(isfinite(c[i].pagerank) && isfinite(c[i].hub) && isfinite(c[i].authority),
                  "node %zu has a non-finite score", i);
        cr_assert(isfinite(c[i].degree) && isfinite(c[i].signed_in) && isfinite(c[i].signed_out) &&
                      isfinite(c[i].eigenvector),
                  "node %zu has a non-finite score", i);
    }
    return c;
}

static size_t node_index(const sg_graph *g, const char *id)
{
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        if (strcmp(sg_graph_node_get(g, i)->id, id) == 0) {
            return i;
        }
    }
    cr_assert_fail("no node '%s'", id);
    return 0;
}

#define NEAR(a, b) cr_assert_float_eq((a), (b), TOL, "%s = %.9f, expected %.9f", #a, (a), (b))

/* ---- aggregation ------------------------------------------------------------------ */

Test(graph, aggregates_pairs_and_sorts)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "b", "a", "praise", 3.4, false);  /* 0 */
    add_ev(ev, "a", "b", "accuse", -2.0, false); /* 1 */
    add_ev(ev, "b", "a", "accuse", -2.0, false); /* 2 */
    add_ev(ev, "a", "b", "accuse", -4.5, false); /* 3 */
    add_ev(ev, "B", "a", "accuse", -1.0, false); /* 4: upper case sorts first */
    sg_graph *g = graph_of(ev);

    cr_assert_eq(sg_graph_node_count(g), 3);
    cr_assert_str_eq(sg_graph_node_get(g, 0)->id, "B");
    cr_assert_str_eq(sg_graph_node_get(g, 1)->id, "a");
    cr_assert_str_eq(sg_graph_node_get(g, 2)->id, "b");
    cr_assert_str_eq(sg_graph_node_get(g, 1)->type, "country");

    cr_assert_eq(sg_graph_edge_count(g), 4);
    const sg_edge *e0 = sg_graph_edge_get(g, 0);
    const sg_edge *e1 = sg_graph_edge_get(g, 1);
    const sg_edge *e2 = sg_graph_edge_get(g, 2);
    const sg_edge *e3 = sg_graph_edge_get(g, 3);
    /* B->a accuse */
    cr_assert_eq(e0->source, 0);
    cr_assert_eq(e0->target, 1);
    /* a->b accuse: two events, sum and mean, evidence in event order */
    cr_assert_eq(e1->source, 1);
    cr_assert_eq(e1->target, 2);
    cr_assert_str_eq(e1->relation, "accuse");
    cr_assert_str_eq(e1->label, "accuse");
    cr_assert_str_eq(e1->cameo, "112");
    cr_assert_eq(e1->count, 2);
    NEAR(e1->goldstein_sum, -6.5);
    NEAR(e1->goldstein_mean, -3.25);
    cr_assert_eq(e1->evidence[0], 1);
    cr_assert_eq(e1->evidence[1], 3);
    /* b->a: accuse before praise (relation id order) */
    cr_assert_eq(e2->source, 2);
    cr_assert_str_eq(e2->relation, "accuse");
    cr_assert_eq(e2->evidence[0], 2);
    cr_assert_str_eq(e3->relation, "praise");
    NEAR(e3->goldstein_sum, 3.4);
    cr_assert_eq(e3->evidence[0], 0);
    cr_assert_null(sg_graph_edge_get(g, 4));
    cr_assert_null(sg_graph_node_get(g, 3));
    cr_assert_eq(sg_graph_events(g), ev);

    sg_graph_free(g);
    sg_events_free(ev);
}

Test(graph, negated_untargeted_and_self_loops_are_not_edges)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", "accuse", -2.0, true);     /* negated */
    add_ev(ev, "a", NULL, "threaten", -7.0, false); /* no target */
    add_ev(ev, "a", "a", "praise", 3.0, false);     /* self-loop */
    add_ev(ev, "c", "b", "praise", 3.0, false);
    sg_graph *g = graph_of(ev);

    cr_assert_eq(sg_graph_node_count(g), 3); /* a and b stay nodes */
    cr_assert_eq(sg_graph_edge_count(g), 1);
    const sg_edge *e = sg_graph_edge_get(g, 0);
    cr_assert_str_eq(sg_graph_node_get(g, e->source)->id, "c");
    cr_assert_str_eq(sg_graph_node_get(g, e->target)->id, "b");
    cr_assert_eq(e->count, 1);
    cr_assert_eq(e->evidence[0], 3);
    cr_assert_eq(sg_events_count(sg_graph_events(g)), 4); /* events are kept */

    sg_centrality *c = centrality_of(g);
    size_t a = node_index(g, "a");
    NEAR(c[a].in_degree, 0.0);
    NEAR(c[a].out_degree, 0.0);
    NEAR(c[a].out_strength, 0.0);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(graph, mentioned_actors_are_isolated_nodes)
{
    sg_events *ev = sg_events_new();
    cr_assert_eq(sg_events_add_actor(ev, "zed", "Zed Z", "person", 4), SG_OK);
    add_ev(ev, "a", "b", "accuse", -2.0, false);
    sg_graph *g = graph_of(ev);
    cr_assert_eq(sg_graph_node_count(g), 3);
    const sg_node *z = sg_graph_node_get(g, 2);
    cr_assert_str_eq(z->id, "zed");
    cr_assert_str_eq(z->name, "Zed Z");
    cr_assert_str_eq(z->type, "person");
    cr_assert_eq(z->mentions, 4);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(graph, empty_input)
{
    sg_events *ev = sg_events_new();
    sg_graph *g = graph_of(ev);
    cr_assert_eq(sg_graph_node_count(g), 0);
    cr_assert_eq(sg_graph_edge_count(g), 0);
    cr_assert_null(sg_graph_node_get(g, 0));
    sg_centrality dummy = {.node = 99};
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_graph_centrality(g, &dummy, &d), SG_OK);
    cr_assert_eq(dummy.node, 99); /* nothing written */
    sg_graph_free(g);
    sg_graph_free(NULL);
    sg_events_free(ev);
}

/* ---- centrality ------------------------------------------------------------------- */

Test(centrality, single_node)
{
    sg_events *ev = sg_events_new();
    cr_assert_eq(sg_events_add_actor(ev, "solo", "Solo", "", 1), SG_OK);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    NEAR(c[0].in_degree, 0.0);
    NEAR(c[0].out_strength, 0.0);
    NEAR(c[0].betweenness, 0.0);
    NEAR(c[0].harmonic, 0.0);
    NEAR(c[0].pagerank, 1.0);
    NEAR(c[0].hub, 0.0);
    NEAR(c[0].authority, 0.0);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(centrality, nodes_without_edges)
{
    sg_events *ev = sg_events_new();
    sg_events_add_actor(ev, "a", "A", "", 1);
    sg_events_add_actor(ev, "b", "B", "", 1);
    sg_events_add_actor(ev, "c", "C", "", 1);
    add_ev(ev, "a", "b", "accuse", -2.0, true); /* negated: still no edge */
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    for (size_t i = 0; i < 3; i++) {
        NEAR(c[i].pagerank, 1.0 / 3.0);
        NEAR(c[i].hub, 0.0);
        NEAR(c[i].authority, 0.0);
        NEAR(c[i].harmonic, 0.0);
        NEAR(c[i].betweenness, 0.0);
    }
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* a -(2 events)-> b -(1 event)-> c */
Test(centrality, weighted_path)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 2);
    add_n(ev, "b", "c", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    size_t a = node_index(g, "a");
    size_t b = node_index(g, "b");
    size_t cc = node_index(g, "c");

    NEAR(c[a].in_degree, 0.0);
    NEAR(c[a].out_degree, 1.0);
    NEAR(c[b].in_degree, 1.0);
    NEAR(c[b].out_degree, 1.0);
    NEAR(c[cc].in_degree, 1.0);
    NEAR(c[cc].out_degree, 0.0);
    NEAR(c[a].out_strength, 2.0);
    NEAR(c[b].in_strength, 2.0);
    NEAR(c[b].out_strength, 1.0);
    NEAR(c[cc].in_strength, 1.0);
    /* only a->c passes through b */
    NEAR(c[a].betweenness, 0.0);
    NEAR(c[b].betweenness, 1.0);
    NEAR(c[cc].betweenness, 0.0);
    /* lengths 1/2 and 1: a reaches b at 0.5 and c at 1.5; (2 + 2/3) / 2 */
    NEAR(c[a].harmonic, (2.0 + 2.0 / 3.0) / 2.0);
    NEAR(c[b].harmonic, 0.5);
    NEAR(c[cc].harmonic, 0.0);
    /* x_a = .05 + .85 x_c/3, x_b = .05 + .85 (x_a + x_c/3), x_c = .05 + .85 (x_b + x_c/3) */
    NEAR(c[a].pagerank, 0.1844167819);
    NEAR(c[b].pagerank, 0.3411710466);
    NEAR(c[cc].pagerank, 0.4744121715);
    NEAR(c[a].pagerank + c[b].pagerank + c[cc].pagerank, 1.0);
    /* A^T A = diag(0, 4, 1): authority is b alone; A A^T = diag(4, 1, 0): hub is a */
    NEAR(c[a].hub, 1.0);
    NEAR(c[b].hub, 0.0);
    NEAR(c[cc].hub, 0.0);
    NEAR(c[a].authority, 0.0);
    NEAR(c[b].authority, 1.0);
    NEAR(c[cc].authority, 0.0);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* s -> x, y, z, one event each */
Test(centrality, star)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "s", "x", 1);
    add_n(ev, "s", "y", 1);
    add_n(ev, "s", "z", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    size_t s = node_index(g, "s");
    NEAR(c[s].out_degree, 3.0);
    NEAR(c[s].out_strength, 3.0);
    NEAR(c[s].betweenness, 0.0);
    NEAR(c[s].harmonic, 1.0); /* three neighbours at distance 1, / (n-1) = 3 */
    NEAR(c[s].pagerank, 20.0 / 97.0);
    NEAR(c[s].hub, 1.0);
    NEAR(c[s].authority, 0.0);
    for (size_t i = 0; i < 4; i++) {
        if (i == s) {
            continue;
        }
        NEAR(c[i].in_degree, 1.0);
        NEAR(c[i].harmonic, 0.0);
        NEAR(c[i].pagerank, 77.0 / 291.0);
        NEAR(c[i].hub, 0.0);
        NEAR(c[i].authority, 1.0);
    }
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* Betweenness and harmonic read counts as strengths of ties (length 1/count): the
 * two-step path a->b->c (4 events each, length 0.5) beats the direct a->c (length 1). */
Test(centrality, lengths_are_inverse_counts)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 4);
    add_n(ev, "b", "c", 4);
    add_n(ev, "a", "c", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    size_t a = node_index(g, "a");
    size_t b = node_index(g, "b");
    NEAR(c[b].betweenness, 1.0);
    NEAR(c[a].harmonic, (4.0 + 2.0) / 2.0);
    NEAR(c[b].harmonic, 4.0 / 2.0);
    NEAR(c[a].out_strength, 5.0);
    NEAR(c[a].out_degree, 2.0);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* Two relations on one pair collapse to one actor tie whose weight is the event count. */
Test(centrality, relations_collapse_to_pairs)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", "accuse", -2.0, false);
    add_ev(ev, "a", "b", "accuse", -2.0, false);
    add_ev(ev, "a", "b", "praise", 3.0, false);
    sg_graph *g = graph_of(ev);
    cr_assert_eq(sg_graph_edge_count(g), 2);
    sg_centrality *c = centrality_of(g);
    size_t b = node_index(g, "b");
    NEAR(c[b].in_degree, 1.0);
    NEAR(c[b].in_strength, 3.0);
    NEAR(c[b].authority, 1.0);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* a -> b (1 event), c -> d (3 events), plus an isolated e. */
Test(centrality, disconnected_components_and_isolated_node)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 1);
    add_n(ev, "c", "d", 3);
    sg_events_add_actor(ev, "e", "E", "", 2);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    size_t a = node_index(g, "a");
    size_t b = node_index(g, "b");
    size_t cc = node_index(g, "c");
    size_t d = node_index(g, "d");
    size_t e = node_index(g, "e");
    /* harmonic normalised by n - 1 = 4 */
    NEAR(c[a].harmonic, 1.0 / 4.0);
    NEAR(c[cc].harmonic, 3.0 / 4.0);
    NEAR(c[e].harmonic, 0.0);
    NEAR(c[a].betweenness + c[b].betweenness + c[cc].betweenness + c[d].betweenness, 0.0);
    /* A A^T = diag(1, 0, 9, 0, 0): the principal hub is c alone */
    NEAR(c[cc].hub, 1.0);
    NEAR(c[a].hub, 0.0);
    NEAR(c[d].authority, 1.0);
    NEAR(c[b].authority, 0.0);
    NEAR(c[e].hub, 0.0);
    NEAR(c[e].authority, 0.0);
    double sum = 0.0;
    for (size_t i = 0; i < 5; i++) {
        sum += c[i].pagerank;
    }
    NEAR(sum, 1.0);
    NEAR(c[a].pagerank, c[cc].pagerank); /* both only receive teleports */
    NEAR(c[e].pagerank, c[a].pagerank);
    cr_assert_gt(c[b].pagerank, c[a].pagerank);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* Two equal components give a degenerate eigenvalue: scores must still be defined,
 * within [0, 1] with maximum 1, and identical on repeated runs. */
Test(centrality, degenerate_hubs_are_defined_and_deterministic)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 2);
    add_n(ev, "c", "d", 2);
    sg_graph *g = graph_of(ev);
    sg_centrality *c1 = centrality_of(g);
    sg_centrality *c2 = centrality_of(g);
    double max_hub = 0.0;
    for (size_t i = 0; i < 4; i++) {
        cr_assert(c1[i].hub >= 0.0 && c1[i].hub <= 1.0 + TOL);
        cr_assert(c1[i].authority >= 0.0 && c1[i].authority <= 1.0 + TOL);
        max_hub = fmax(max_hub, c1[i].hub);
        cr_assert_eq(memcmp(&c1[i], &c2[i], sizeof c1[i]), 0);
    }
    NEAR(max_hub, 1.0);
    free(c1);
    free(c2);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* A reciprocal pair: both ends send and receive. */
Test(centrality, reciprocal_pair)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 1);
    add_n(ev, "b", "a", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    NEAR(c[0].pagerank, 0.5);
    NEAR(c[1].pagerank, 0.5);
    NEAR(c[0].hub, 1.0);
    NEAR(c[1].hub, 1.0);
    NEAR(c[0].authority, 1.0);
    NEAR(c[0].harmonic, 1.0);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- degree, signed strength, eigenvector ------------------------------------------ */

/* a -accuse(-2)-> b twice, b -praise(+3.4)-> a once, a -threaten(-4.4)-> c once:
 * degree a = in 1 + out 2 = 3, b = 2, c = 1; signed_out a = -4 - 4.4 = -8.4,
 * signed_in a = 3.4, signed_in b = -4, signed_out b = 3.4, signed_in c = -4.4.
 * Undirected projection weights: ab = 3, ac = 1, so W = [[0,3,1],[3,0,0],[1,0,0]];
 * its principal eigenvalue is sqrt(10) with eigenvector (sqrt(10), 3, 1): scaled to
 * maximum 1, a = 1, b = 3/sqrt(10), c = 1/sqrt(10). */
Test(centrality, degree_signed_strength_and_eigenvector)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", "accuse", -2.0, false);
    add_ev(ev, "a", "b", "accuse", -2.0, false);
    add_ev(ev, "b", "a", "praise", 3.4, false);
    add_ev(ev, "a", "c", "threaten", -4.4, false);
    add_ev(ev, "c", "a", "threaten", -4.4, true); /* negated: counts nowhere */
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    size_t a = node_index(g, "a"), b = node_index(g, "b"), cc = node_index(g, "c");
    NEAR(c[a].degree, 3.0);
    NEAR(c[b].degree, 2.0);
    NEAR(c[cc].degree, 1.0);
    NEAR(c[a].signed_out, -8.4);
    NEAR(c[a].signed_in, 3.4);
    NEAR(c[b].signed_in, -4.0);
    NEAR(c[b].signed_out, 3.4);
    NEAR(c[cc].signed_in, -4.4);
    NEAR(c[cc].signed_out, 0.0);
    NEAR(c[a].eigenvector, 1.0);
    NEAR(c[b].eigenvector, 3.0 / sqrt(10.0));
    NEAR(c[cc].eigenvector, 1.0 / sqrt(10.0));
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* An acyclic graph (a -> b -> c): the directed eigenvector centrality would be 0
 * everywhere; the undirected projection is the path with eigenvector (1, sqrt 2, 1). */
Test(centrality, eigenvector_on_acyclic_graph)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 1);
    add_n(ev, "b", "c", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    NEAR(c[node_index(g, "a")].eigenvector, 1.0 / sqrt(2.0));
    NEAR(c[node_index(g, "b")].eigenvector, 1.0);
    NEAR(c[node_index(g, "c")].eigenvector, 1.0 / sqrt(2.0));
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* No edges: eigenvector centrality is undefined, reported as 0 (not NaN, not igraph's
 * arbitrary all-ones). One node alone: the same. */
Test(centrality, eigenvector_without_edges_is_zero)
{
    sg_events *ev = sg_events_new();
    sg_events_add_actor(ev, "a", "A", "", 1);
    sg_events_add_actor(ev, "b", "B", "", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    for (size_t i = 0; i < 2; i++) {
        cr_assert_eq(c[i].eigenvector, 0.0);
        cr_assert_eq(c[i].degree, 0.0);
        cr_assert_eq(c[i].signed_in, 0.0);
    }
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* Two separate pairs with the same weight: the principal eigenvalue is degenerate; the
 * limit from the all-ones vector gives every actor 1, and so does a second run. An
 * isolated actor gets 0. */
Test(centrality, eigenvector_degenerate_components)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 2);
    add_n(ev, "d", "c", 2);
    sg_events_add_actor(ev, "e", "E", "", 1);
    sg_graph *g = graph_of(ev);
    for (int run = 0; run < 2; run++) {
        sg_centrality *c = centrality_of(g);
        static const char *const ids[] = {"a", "b", "c", "d"};
        for (size_t i = 0; i < 4; i++) {
            NEAR(c[node_index(g, ids[i])].eigenvector, 1.0);
        }
        cr_assert_eq(c[node_index(g, "e")].eigenvector, 0.0);
        free(c);
    }
    sg_graph_free(g);
    sg_events_free(ev);
}

/* A self-loop in an events file is not an edge: the metrics are those of the graph
 * without it. */
Test(centrality, self_loop_changes_nothing)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 1);
    add_n(ev, "a", "a", 3);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    size_t a = node_index(g, "a"), b = node_index(g, "b");
    NEAR(c[a].degree, 1.0);
    NEAR(c[a].out_strength, 1.0);
    NEAR(c[a].signed_out, -2.0);
    NEAR(c[a].signed_in, 0.0);
    NEAR(c[a].eigenvector, 1.0);
    NEAR(c[b].eigenvector, 1.0);
    NEAR(c[b].pagerank, 0.649123); /* as for a lone a -> b */
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* All events hostile: signed strengths are negative, the other metrics ignore signs. */
Test(centrality, all_negative)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", "attack", -10.0, false);
    add_ev(ev, "b", "c", "attack", -10.0, false);
    add_ev(ev, "c", "a", "attack", -10.0, false);
    sg_graph *g = graph_of(ev);
    sg_centrality *c = centrality_of(g);
    for (size_t i = 0; i < 3; i++) {
        NEAR(c[i].signed_in, -10.0);
        NEAR(c[i].signed_out, -10.0);
        NEAR(c[i].pagerank, 1.0 / 3.0);
        NEAR(c[i].eigenvector, 1.0);
        NEAR(c[i].betweenness, 1.0);
    }
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* Ego networks: a - b - c - d (directions mixed), e isolated. */
Test(graph, ego_network_by_depth)
{
    sg_events *ev = sg_events_new();
    add_n(ev, "a", "b", 1);
    add_n(ev, "c", "b", 1);
    add_n(ev, "c", "d", 1);
    sg_events_add_actor(ev, "e", "E", "", 1);
    sg_graph *g = graph_of(ev);
    bool keep[5];
    sg_diag d;
    sg_diag_init(&d);
    size_t b = node_index(g, "b");
    cr_assert_eq(sg_graph_ego(g, b, 0, keep, &d), SG_OK);
    cr_assert(!keep[0] && keep[1] && !keep[2] && !keep[3] && !keep[4]);
    cr_assert_eq(sg_graph_ego(g, b, 1, keep, &d), SG_OK);
    cr_assert(keep[0] && keep[1] && keep[2] && !keep[3] && !keep[4]);
    cr_assert_eq(sg_graph_ego(g, b, 2, keep, &d), SG_OK);
    cr_assert(keep[0] && keep[1] && keep[2] && keep[3] && !keep[4]);
    cr_assert_eq(sg_graph_ego(g, node_index(g, "e"), 5, keep, &d), SG_OK);
    cr_assert(!keep[0] && !keep[1] && !keep[2] && !keep[3] && keep[4]);
    cr_assert_eq(sg_graph_ego(g, 7, 1, keep, &d), SG_ERR_BACKEND);
    cr_assert_str_eq(d.msg, "ego network: node 7 is not in the graph (5 nodes)");
    sg_graph_free(g);
    sg_events_free(ev);
}
