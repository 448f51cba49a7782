/* stancegraph graph stage: aggregates events into a directed, signed, weighted actor
 * network (igraph) and computes centrality.
 *
 * Aggregation: one edge per (source, relation, target) with the number of events
 * (count), the sum of their Goldstein weights and the list of evidence events.
 * Negated events and events without a target stay out of the edges (they remain in
 * the events set); every recorded actor is a node, so actors mentioned without events
 * are isolated nodes. Nodes are ordered by actor id, edges by (source id, target id,
 * relation id), both in byte order, so output is deterministic.
 *
 * Centrality is computed on the actor network: one directed edge per ordered pair of
 * actors that has at least one edge, weighted by the number of events between them
 * (see sg_centrality). igraph is not thread-safe in the Debian 0.10.2 build: call the
 * functions of this module from one thread at a time. */
#ifndef SG_GRAPH_H
#define SG_GRAPH_H

#include "sg_common.h"
#include "sg_events.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sg_graph sg_graph;

/* One node of the graph. Strings are borrowed from the graph. */
typedef struct sg_node {
    const char *id;
    const char *name;
    const char *type;   /* "" when unknown */
    const char *parent; /* the lexicon parent's actor id, NULL when none or unknown */
    size_t mentions;    /* from sg_events_add_actor */
} sg_node;

/* One aggregated edge. Strings borrowed from the graph; evidence holds indexes into
 * the sg_events the graph was built from (in event order). */
typedef struct sg_edge {
    size_t source, target; /* node indexes */
    const char *relation, *label, *cameo;
    size_t count;           /* number of (non-negated) events */
    double goldstein_sum;   /* sum of the events' Goldstein weights */
    double goldstein_mean;  /* goldstein_sum / count */
    const size_t *evidence; /* count event indexes */
} sg_edge;

/* Centrality of one node, computed with igraph 0.10 on the actor network (ordered
 * actor pairs, weight w = number of events from source to target; self-loops never
 * occur because extraction drops them):
 *  - in_degree, out_degree: number of distinct actors sending to / receiving from it;
 *    degree: their sum (igraph_degree, IGRAPH_ALL; a reciprocal pair counts twice);
 *  - in_strength, out_strength: number of events received / sent (igraph_strength);
 *  - signed_in, signed_out: signed strength, the sum of the Goldstein weights (CAMEO
 *    codebook, -10 hostile .. +10 cooperative) of the events received / sent: the
 *    actor's hostility/cooperation profile (negative = mostly conflict);
 *  - betweenness: directed, unnormalised, path lengths 1/w (igraph_betweenness);
 *  - harmonic: outgoing harmonic closeness, lengths 1/w, normalised by n-1
 *    (igraph_harmonic_centrality), defined on disconnected graphs;
 *  - pagerank: directed PageRank, damping 0.85, weights w, sums to 1
 *    (igraph_personalized_pagerank with IGRAPH_PAGERANK_ALGO_PRPACK);
 *  - hub, authority: Kleinberg hub and authority scores with weights w, scaled so the
 *    maximum is 1; 0 on a graph without edges. When the principal eigenvalue is
 *    degenerate (e.g. a reciprocal pair with equal counts) ARPACK's choice is neither
 *    reproducible nor symmetric, so the limit of the HITS iteration from the all-ones
 *    vector is reported, and equal positions get equal scores: whenever that iteration
 *    converges (steps below 1e-13 within 10,000 rounds; error below about 3e-11), else
 *    igraph_hub_and_authority_scores (a principal eigenvalue barely above the next);
 *  - eigenvector: eigenvector centrality (Bonacich 1972) of the undirected projection,
 *    weight = events in both directions, scaled so the maximum is 1
 *    (power iteration on W + I from the all-ones vector, else
 *    igraph_eigenvector_centrality with directed = false, as for hub scores). The
 *    directed variant is
 *    undefined on acyclic graphs (all zero), hence the projection. On a graph without
 *    edges it is undefined and reported as 0 for every actor (never NaN); isolated
 *    actors get 0; a degenerate principal eigenvalue is resolved as for hub scores.
 * A value that igraph cannot define is reported as NaN here and printed as null (JSON)
 * or empty (CSV) by the emitters; none is NaN on a graph igraph accepts. */
typedef struct sg_centrality {
    size_t node;
    double in_degree, out_degree, degree;
    double in_strength, out_strength;
    double signed_in, signed_out;
    double betweenness, harmonic, pagerank, hub, authority, eigenvector;
} sg_centrality;

/* Centrality columns, in output order; also the keys accepted by --sort. */
typedef enum sg_metric {
    SG_M_IN_DEGREE,
    SG_M_OUT_DEGREE,
    SG_M_DEGREE,
    SG_M_IN_STRENGTH,
    SG_M_OUT_STRENGTH,
    SG_M_SIGNED_IN,
    SG_M_SIGNED_OUT,
    SG_M_BETWEENNESS,
    SG_M_HARMONIC,
    SG_M_PAGERANK,
    SG_M_HUB,
    SG_M_AUTHORITY,
    SG_M_EIGENVECTOR,
    SG_M_COUNT
} sg_metric;

/* All the metrics, as a bit set of (1u << sg_metric). */
#define SG_METRICS_ALL ((1u << SG_M_COUNT) - 1u)

/* The value of metric m in c (NaN for an m out of range). */
double sg_centrality_value(const sg_centrality *c, sg_metric m);

/* Builds the graph from ev (which must outlive the graph: evidence points into it).
 * *out receives a new graph, freed with sg_graph_free. Errors: SG_ERR_NOMEM,
 * SG_ERR_BACKEND (igraph refused; diag->msg has igraph's reason). */
sg_status sg_graph_new(const sg_events *ev, sg_graph **out, sg_diag *diag);

/* Frees g. Accepts NULL. */
void sg_graph_free(sg_graph *g);

/* The events the graph was built from (borrowed). */
const sg_events *sg_graph_events(const sg_graph *g);

size_t sg_graph_node_count(const sg_graph *g);
const sg_node *sg_graph_node_get(const sg_graph *g, size_t i);
/* Index of the node whose actor id is id (byte comparison; nodes are sorted by id, so
 * O(log n)), or SIZE_MAX when there is none. */
size_t sg_graph_node_find(const sg_graph *g, const char *id);

size_t sg_graph_edge_count(const sg_graph *g);
const sg_edge *sg_graph_edge_get(const sg_graph *g, size_t i);

/* Whole-graph figures, for 'stancegraph summary'. Counts are of the events the graph was
 * built from; "arcs" are ordered actor pairs with at least one edge. */
typedef struct sg_graph_stats {
    size_t actors;             /* nodes */
    size_t isolated;           /* nodes without any edge (mentioned without events) */
    size_t events;             /* all events of the set */
    size_t graph_events;       /* events counted in edges (not negated, with a target, no
                                  self-loop) */
    size_t negated;            /* negated events (not in the graph) */
    size_t untargeted;         /* events without a target actor (not in the graph) */
    size_t edges;              /* (source, relation, target) edges */
    size_t arcs;               /* ordered actor pairs */
    size_t hostile_events;     /* graph events with a negative Goldstein weight */
    size_t cooperative_events; /* graph events with a positive Goldstein weight */
    double goldstein_mean;     /* mean Goldstein weight of the graph events; NaN
                                  (undefined) when there are none */
    double density;            /* arcs / (n (n - 1)) (igraph_density without loops
                                  gives the same); NaN (undefined) when n < 2 */
    size_t weak_components, strong_components; /* igraph_connected_components,
                              isolated actors included, each one component */
    size_t largest_component;                  /* actors in the largest weak component */
    double reciprocity; /* share of arcs whose reverse arc exists (igraph_reciprocity,
                           IGRAPH_RECIPROCITY_DEFAULT); NaN (undefined) when there
                           are no arcs */
} sg_graph_stats;

/* Fills *out with the figures of g. Errors: SG_ERR_BACKEND with igraph's reason,
 * SG_ERR_NOMEM. */
sg_status sg_graph_stats_get(const sg_graph *g, sg_graph_stats *out, sg_diag *diag);

/* Marks in keep[0 .. node_count-1] (caller-allocated) the nodes at most depth steps
 * from node center in the actor network, ignoring edge direction: the ego network of
 * center (igraph_neighborhood, IGRAPH_ALL, mindist 0). keep[center] is always true;
 * depth 0 keeps the centre alone. center must be a node index (SG_ERR_BACKEND
 * otherwise). Errors: SG_ERR_BACKEND with igraph's reason, SG_ERR_NOMEM. */
sg_status sg_graph_ego(const sg_graph *g, size_t center, size_t depth, bool *keep, sg_diag *diag);

/* Computes the centrality of every node into out[0 .. node_count-1] (caller-allocated,
 * out[i].node == i). Errors: SG_ERR_BACKEND with igraph's reason, SG_ERR_NOMEM. */
sg_status sg_graph_centrality(const sg_graph *g, sg_centrality *out, sg_diag *diag);

/* As sg_graph_centrality, computing only the metrics in the bit set `metrics` (1u <<
 * sg_metric; SG_METRICS_ALL for all); the others are NaN. Betweenness dominates the
 * cost on large graphs (one Dijkstra per actor: O(n m log n)); degrees and strengths
 * are linear. hub and authority are computed together. */
sg_status sg_graph_centrality_some(const sg_graph *g, unsigned metrics, sg_centrality *out,
                                   sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
