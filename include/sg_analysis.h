/* stancegraph signed analysis (graph stage): blocs of actors and structural balance,
 * read from the signs of the aggregated edges of an sg_graph.
 *
 * Signed projection. For every unordered pair of distinct actors {u, v} with at least
 * one edge (sg_graph_edge_get) u->v or v->u, the tie weight is the sum of goldstein_sum
 * over all those edges, in both directions and over all relations (Goldstein weights of
 * the CAMEO codebook: Goldstein 1992, "A Conflict-Cooperation Scale for WEIS Events
 * Data", J. Conflict Resolution 36(2); negated events are not in the edges), and the
 * tie count the number of their events. A tie of weight 0 is neutral (only neutral
 * statements, or praise and blame that cancel) and is not part of the signed
 * projection; |weight| <= SG_SIGNED_ZERO is taken as 0, because sums of one-decimal
 * weights leave rounding residues (1.1 + 2.2 - 3.3 is 4.4e-16 in binary floating
 * point). Self-loops (source == target, possible in a hand-written events file) are
 * ignored. Ties with weight > 0 are positive, < 0 negative; the sign of a tie is the
 * sign of its weight.
 *
 * Determinism. Ties are built in (u, v) order with sums taken in edge order; igraph's
 * default RNG is seeded with 42 before each randomised call. The same graph therefore
 * gives the same blocs, bit for bit, every time, also twice in one process and after
 * other igraph work (sg_graph_centrality), with the same igraph build. Different igraph
 * versions may pick different, equally good partitions.
 *
 * Threads. igraph 0.10.2 is not thread-safe in the Debian build (global RNG, error
 * handler and cleanup stack): call sg_blocs_new and sg_balance_init from one thread at
 * a time, never concurrently with any other igraph-using function (sg_graph_centrality).
 * Both reseed igraph's default RNG (to 42) as a side effect. Reading a finished sg_blocs
 * or sg_balance from several threads is safe. */
#ifndef SG_ANALYSIS_H
#define SG_ANALYSIS_H

#include <stdint.h> /* SIZE_MAX, returned for nodes out of range */

#include "sg_common.h"
#include "sg_graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Tie weights with |weight| <= SG_SIGNED_ZERO are neutral (see above). */
#define SG_SIGNED_ZERO 1e-9

/* Largest connected component of the signed projection (in actors) that is partitioned
 * by spinglass. Spinglass time grows a little faster than linearly with the component.
 * Measured with the settings of sg_blocs_new on random signed graphs of average degree
 * 6 (60% positive ties, |weights| 0.5 .. 10), igraph 0.10.2, one core of the
 * development machine, per component: 50 actors 0.2-0.4 s, 100: 0.6-0.7 s, 200:
 * 1.4-1.5 s, 400: 2.5-4.6 s, 800: 8.7-10.9 s, 1600: 18-24 s; at 200 actors average
 * degree 12 or 24 took 1.3-2.7 s; small components 3 actors 8 ms, 10: 27 ms, 20: 91 ms.
 * sg_blocs_new on one component of 500 actors took 4.4-6.2 s. So one component costs at
 * most about 6 s, and the whole call roughly 2.5-12 ms per actor in spinglass
 * components. A larger component takes its cooperative partition instead (Louvain:
 * 0.04 s for 5,000 actors, 0.5 s for 50,000) and its actors are counted by
 * sg_blocs_capped_actors. */
#define SG_BLOCS_SPINGLASS_MAX 500

/* Two partitions of the actors of a graph and the quality of the signed one. */
typedef struct sg_blocs sg_blocs;

/* Computes the blocs of g into *out (a new handle, freed with sg_blocs_free; it does not
 * borrow from g, which is only read during the call).
 *
 * Signed blocs: each connected component of the signed projection is partitioned on
 * its own (spinglass refuses disconnected graphs) with igraph_community_spinglass,
 * implementation IGRAPH_SPINCOMM_IMP_NEG (Traag & Bruggeman 2009, "Community detection
 * in networks with positive and negative links", Phys. Rev. E 80, 036115), weights =
 * tie weights, gamma = gamma_minus = 1, spins = min(25, component size), start
 * temperature 1, stop temperature 0.01, cooling factor 0.99, update rule
 * IGRAPH_SPINCOMM_UPDATE_CONFIG (the NEG implementation of igraph 0.10 checks it but
 * always uses the configuration null model), serial updates. With gamma = gamma_minus =
 * 1 this maximises (heuristically, by simulated annealing) the signed modularity Q±
 * below; on one component, the modularity spinglass reports equals Q± as computed
 * here (checked on the unit tests' graphs and a random one of 40 actors). A component of one actor
 * (also an actor without any signed tie) is its own bloc; one of two actors is one bloc when its
 * tie is positive and two when negative (the optimum; spinglass is not called). A component of more
 * than SG_BLOCS_SPINGLASS_MAX actors takes its cooperative blocs instead.
 *
 * Cooperative blocs: Louvain (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast
 * unfolding of communities in large networks", J. Stat. Mech. P10008) with
 * igraph_community_multilevel, resolution 1, on the positive ties only (weights = tie
 * weights), whole graph at once. Every cooperative bloc lies inside one component of
 * the signed projection.
 *
 * In both partitions blocs are numbered 0, 1, 2, ... in the order of the lowest node
 * index they contain (node 0 is always in bloc 0).
 *
 * Actors with no path of signed ties between them are never in one bloc. This is a
 * choice, not what maximising Q± over the whole graph would give: the negative null
 * model of Q± rewards putting actors of different components together when they have
 * negative ties elsewhere.
 *
 * Errors: SG_ERR_NOMEM; SG_ERR_BACKEND when igraph refuses (diag->msg names the igraph
 * call and igraph's reason) or the graph has more nodes than igraph can index. On error
 * *out is NULL. */
sg_status sg_blocs_new(const sg_graph *g, sg_blocs **out, sg_diag *diag);

/* Frees b. Accepts NULL. */
void sg_blocs_free(sg_blocs *b);

/* Number of nodes (that of the graph b was computed from). */
size_t sg_blocs_node_count(const sg_blocs *b);

/* Signed partition: the bloc of node (0 .. sg_blocs_signed_count - 1), SIZE_MAX when node
 * is out of range; the number of blocs (0 for a graph without nodes, else >= 1); the
 * number of actors in bloc (0 when out of range). */
size_t sg_blocs_signed_get(const sg_blocs *b, size_t node);
size_t sg_blocs_signed_count(const sg_blocs *b);
size_t sg_blocs_signed_member_count(const sg_blocs *b, size_t bloc);

/* Cooperative partition, as the signed one above. */
size_t sg_blocs_coop_get(const sg_blocs *b, size_t node);
size_t sg_blocs_coop_count(const sg_blocs *b);
size_t sg_blocs_coop_member_count(const sg_blocs *b, size_t bloc);

/* Signed modularity Q± of the signed partition, Gómez, Jensen & Arenas 2009, "Analysis
 * of community structure in networks of correlated data", Phys. Rev. E 80, 016114:
 *
 *     Q± = (2w+ Q+ - 2w- Q-) / (2w+ + 2w-)
 *
 * where w+ is the total weight of the positive ties, w- the total |weight| of the
 * negative ties, and Q+ and Q- are the Newman modularities (Newman 2004, Phys. Rev. E
 * 70, 056131) of the partition on the positive part and on the negative part (weights
 * |w|) of the whole projection:
 *
 *     Q+ = sum over blocs c of [ 2 W+_c / 2w+ - (K+_c / 2w+)^2 ]
 *
 * with W+_c the weight of the positive ties inside c and K+_c the positive strength
 * (sum of incident positive weights) of c's actors; likewise Q-. A part without ties
 * contributes 0 (its term is multiplied by 2w = 0); Q± is 0 when there are no signed
 * ties at all (it is undefined there). Range -1 .. 1. */
double sg_blocs_signed_modularity(const sg_blocs *b);

/* Newman modularity of the cooperative partition on the positive part, resolution 1,
 * as igraph_modularity computes it; 0 when there are no positive ties (undefined; igraph
 * would give NaN). */
double sg_blocs_coop_modularity(const sg_blocs *b);

/* Frustration of the signed partition (Doreian & Mrvar 1996, "A partitioning approach
 * to structural balance", Social Networks 18, 149-168): the number of signed ties that
 * violate it (a negative tie inside a bloc or a positive tie between blocs), and their
 * summed |weight| divided by the summed |weight| of all signed ties (0 .. 1; 0 when
 * there are no signed ties). */
size_t sg_blocs_frustrated_ties(const sg_blocs *b);
double sg_blocs_frustration(const sg_blocs *b);

/* Number of actors in components of more than SG_BLOCS_SPINGLASS_MAX actors, whose
 * signed blocs are their cooperative blocs (0 when spinglass partitioned every
 * component). */
size_t sg_blocs_capped_actors(const sg_blocs *b);

/* A triad of actors a < b < c (node indexes) all three of whose pairs are signed ties,
 * with the three tie weights. */
typedef struct sg_triad {
    size_t a, b, c;
    double w_ab, w_ac, w_bc;
} sg_triad;

/* Structural balance of the signed projection (Heider 1946, "Attitudes and cognitive
 * organization", J. Psychology 21; Cartwright & Harary 1956, "Structural balance: a
 * generalization of Heider's theory", Psychological Review 63). A triad is balanced
 * when the product of its three signs is positive (+++, +--) and unbalanced otherwise
 * (++-, ---). All-negative triads are balanced in Davis's weak sense (Davis 1967,
 * "Clustering and structural balance in graphs", Human Relations 20) and are counted
 * among the unbalanced ones and also in all_negative. The caller owns the struct; the
 * listed array belongs to it and is freed by sg_balance_release. */
typedef struct sg_balance {
    size_t ties;           /* signed ties */
    size_t positive_ties;  /* of which positive */
    size_t negative_ties;  /* of which negative */
    size_t neutral_pairs;  /* actor pairs with edges whose weight is 0 (not ties) */
    size_t triads;         /* balanced + unbalanced */
    size_t balanced;       /* +++ and +-- */
    size_t unbalanced;     /* ++- and --- */
    size_t all_negative;   /* --- (a subset of unbalanced) */
    bool share_defined;    /* true when triads > 0 */
    double balanced_share; /* balanced / triads when share_defined, else 0 (undefined) */
    /* The most unbalanced triads: unbalanced triads sorted by strength |w_ab| + |w_ac| +
     * |w_bc| descending, then by (a, b, c) ascending, at most max_list of them. listed
     * is NULL when n_listed is 0. */
    size_t n_listed;
    sg_triad *listed;
} sg_balance;

/* Counts the triads of g's signed projection into *bal (overwritten; release it with
 * sg_balance_release; after an error it is zeroed) and lists up to max_list of the most
 * unbalanced ones. Triads are found with igraph_list_triangles: memory grows with the
 * number of triangles of the projection. bal does not borrow from g. Errors:
 * SG_ERR_NOMEM; SG_ERR_BACKEND when igraph refuses (diag->msg has igraph's reason). */
sg_status sg_balance_init(sg_balance *bal, const sg_graph *g, size_t max_list, sg_diag *diag);

/* Frees the listed triads and zeroes *bal. Accepts NULL. */
void sg_balance_release(sg_balance *bal);

#ifdef __cplusplus
}
#endif
#endif
