/* Unit tests for the signed analysis of the graph stage: the signed projection, signed
 * and cooperative blocs with their quality, and structural balance, checked against
 * values computed by hand (the derivations are in the comments). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stancegraph.h"

#define TOL 1e-9

#define NEAR(a, b) cr_assert_float_eq((a), (b), TOL, "%s = %.12f, expected %.12f", #a, (a), (b))

/* Appends an event src -> tgt with Goldstein weight gs (relation "r" when gs > 0, "s"
 * otherwise, so that both signs between one pair make two edges). */
static void add_ev(sg_events *ev, const char *src, const char *tgt, double gs)
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
    e.target_type = "country";
    e.relation = gs > 0 ? "r" : "s";
    e.label = e.relation;
    e.cameo = "042";
    e.goldstein = gs;
    e.trigger = "x";
    e.text = "Some sentence.";
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
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

static sg_blocs *blocs_of(const sg_graph *g)
{
    sg_blocs *b = NULL;
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_blocs_new(g, &b, &d), SG_OK, "%s", d.msg);
    cr_assert_not_null(b);
    cr_assert_eq(sg_blocs_node_count(b), sg_graph_node_count(g));
    return b;
}

static void balance_of(sg_balance *bal, const sg_graph *g, size_t max_list)
{
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_balance_init(bal, g, max_list, &d), SG_OK, "%s", d.msg);
}

/* Asserts that the signed (or cooperative) blocs of the n nodes are exactly want[]
 * and that the bloc sizes agree. */
static void expect_blocs(const sg_blocs *b, bool coop, const size_t *want, size_t n, size_t n_blocs)
{
    size_t count = coop ? sg_blocs_coop_count(b) : sg_blocs_signed_count(b);
    cr_assert_eq(count, n_blocs, "%s blocs: %zu, expected %zu", coop ? "coop" : "signed", count,
                 n_blocs);
    for (size_t i = 0; i < n; i++) {
        size_t got = coop ? sg_blocs_coop_get(b, i) : sg_blocs_signed_get(b, i);
        cr_assert_eq(got, want[i], "%s bloc of node %zu: %zu, expected %zu",
                     coop ? "coop" : "signed", i, got, want[i]);
    }
    for (size_t c = 0; c < n_blocs; c++) {
        size_t size = 0;
        for (size_t i = 0; i < n; i++) {
            size += want[i] == c;
        }
        cr_assert_eq(coop ? sg_blocs_coop_member_count(b, c) : sg_blocs_signed_member_count(b, c),
                     size, "bloc %zu size", c);
    }
    cr_assert_eq(coop ? sg_blocs_coop_member_count(b, n_blocs)
                      : sg_blocs_signed_member_count(b, n_blocs),
                 0);
}

static void expect_triad(const sg_triad *t, size_t a, size_t b, size_t c, double w_ab, double w_ac,
                         double w_bc)
{
    cr_assert_eq(t->a, a);
    cr_assert_eq(t->b, b);
    cr_assert_eq(t->c, c);
    NEAR(t->w_ab, w_ab);
    NEAR(t->w_ac, w_ac);
    NEAR(t->w_bc, w_bc);
}

/* ---- edge cases ------------------------------------------------------------------- */

Test(blocs, empty_graph)
{
    sg_events *ev = sg_events_new();
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    cr_assert_eq(sg_blocs_node_count(b), 0);
    cr_assert_eq(sg_blocs_signed_count(b), 0);
    cr_assert_eq(sg_blocs_coop_count(b), 0);
    cr_assert_eq(sg_blocs_signed_get(b, 0), SIZE_MAX);
    cr_assert_eq(sg_blocs_coop_get(b, 0), SIZE_MAX);
    cr_assert_eq(sg_blocs_signed_member_count(b, 0), 0);
    cr_assert(sg_blocs_signed_modularity(b) == 0.0);
    cr_assert(sg_blocs_coop_modularity(b) == 0.0);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    cr_assert(sg_blocs_frustration(b) == 0.0);
    cr_assert_eq(sg_blocs_capped_actors(b), 0);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 0);
    cr_assert_eq(bal.neutral_pairs, 0);
    cr_assert_eq(bal.triads, 0);
    cr_assert_not(bal.share_defined);
    cr_assert(bal.balanced_share == 0.0);
    cr_assert_eq(bal.n_listed, 0);
    cr_assert_null(bal.listed);
    sg_balance_release(&bal);
    cr_assert_eq(bal.ties, 0);

    sg_balance_release(NULL);
    sg_blocs_free(NULL);
    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(blocs, single_node)
{
    sg_events *ev = sg_events_new();
    cr_assert_eq(sg_events_add_actor(ev, "solo", "Solo", "", 1), SG_OK);
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    const size_t want[] = {0};
    expect_blocs(b, false, want, 1, 1);
    expect_blocs(b, true, want, 1, 1);
    cr_assert(sg_blocs_signed_modularity(b) == 0.0);
    cr_assert(sg_blocs_coop_modularity(b) == 0.0);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    cr_assert(sg_blocs_frustration(b) == 0.0);
    cr_assert_eq(sg_blocs_signed_get(b, 1), SIZE_MAX);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 0);
    cr_assert_eq(bal.triads, 0);
    cr_assert_not(bal.share_defined);
    sg_balance_release(&bal);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* a <-> b cancel exactly (+2, -2); c -> d sums 1.1 + 2.2 - 3.3, which is 4.4e-16 in
 * binary floating point and still neutral; e -> f has a Goldstein weight of 0. None is a
 * signed tie, so every actor is its own bloc in both partitions. */
Test(blocs, only_neutral_ties)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", 2.0);
    add_ev(ev, "b", "a", -2.0);
    add_ev(ev, "c", "d", 1.1);
    add_ev(ev, "c", "d", 2.2);
    add_ev(ev, "d", "c", -3.3);
    add_ev(ev, "e", "f", 0.0);
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    const size_t want[] = {0, 1, 2, 3, 4, 5};
    expect_blocs(b, false, want, 6, 6);
    expect_blocs(b, true, want, 6, 6);
    cr_assert(sg_blocs_signed_modularity(b) == 0.0);
    cr_assert(sg_blocs_coop_modularity(b) == 0.0);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    cr_assert(sg_blocs_frustration(b) == 0.0);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 0);
    cr_assert_eq(bal.positive_ties, 0);
    cr_assert_eq(bal.negative_ties, 0);
    cr_assert_eq(bal.neutral_pairs, 3);
    cr_assert_eq(bal.triads, 0);
    cr_assert_not(bal.share_defined);
    cr_assert_null(bal.listed);
    sg_balance_release(&bal);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* A self-loop (hand-written events file) is no tie: a and b form a negative pair, two
 * blocs, nothing frustrated. */
Test(blocs, self_loops_are_ignored)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "a", 7.0);
    add_ev(ev, "a", "b", -3.0);
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    const size_t want[] = {0, 1};
    expect_blocs(b, false, want, 2, 2);
    /* one negative tie, w- = 3, no positive part: Q- = -(3/6)^2 - (3/6)^2 = -1/2, so
     * Q± = -2w- Q- / 2w- = 1/2 */
    NEAR(sg_blocs_signed_modularity(b), 0.5);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 1);
    cr_assert_eq(bal.negative_ties, 1);
    cr_assert_eq(bal.positive_ties, 0);
    sg_balance_release(&bal);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- two camps ---------------------------------------------------------------------- */

/* Camps {a, b} and {c, d}: a-b +3, c-d +2 (one event each way), a-c -4, b-d -2, a-d -1
 * (b and c have no tie). */
static sg_events *two_camps(void)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", 3.0);
    add_ev(ev, "c", "d", 1.0);
    add_ev(ev, "d", "c", 1.0);
    add_ev(ev, "a", "c", -4.0);
    add_ev(ev, "d", "b", -2.0);
    add_ev(ev, "a", "d", -1.0);
    return ev;
}

Test(blocs, two_camps)
{
    sg_events *ev = two_camps();
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    const size_t want[] = {0, 0, 1, 1};
    expect_blocs(b, false, want, 4, 2);
    expect_blocs(b, true, want, 4, 2);
    /* Positive part: w+ = 5, strengths a 3, b 3, c 2, d 2.
     *   Q+ = (6/10 - (6/10)^2) + (4/10 - (4/10)^2) = 0.24 + 0.24 = 0.48.
     * Negative part: w- = 7, strengths a 5, b 2, c 4, d 3, no negative tie inside.
     *   Q- = -(7/14)^2 - (7/14)^2 = -0.5.
     * Q± = (10 * 0.48 + 14 * 0.5) / (10 + 14) = 11.8 / 24. */
    NEAR(sg_blocs_signed_modularity(b), 11.8 / 24.0);
    NEAR(sg_blocs_coop_modularity(b), 0.48);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    cr_assert(sg_blocs_frustration(b) == 0.0);
    cr_assert_eq(sg_blocs_capped_actors(b), 0);

    /* triads abd (+3, -1, -2) and acd (-4, -1, +2), both +-- and balanced */
    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 5);
    cr_assert_eq(bal.positive_ties, 2);
    cr_assert_eq(bal.negative_ties, 3);
    cr_assert_eq(bal.neutral_pairs, 0);
    cr_assert_eq(bal.triads, 2);
    cr_assert_eq(bal.balanced, 2);
    cr_assert_eq(bal.unbalanced, 0);
    cr_assert_eq(bal.all_negative, 0);
    cr_assert(bal.share_defined);
    cr_assert(bal.balanced_share == 1.0);
    cr_assert_eq(bal.n_listed, 0);
    cr_assert_null(bal.listed);
    sg_balance_release(&bal);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- triangles ---------------------------------------------------------------------- */

/* a-b, a-c, b-c all -2. Partitions of three actors with w+ = 0, w- = 6, strengths 4:
 *   one bloc:      Q- = 12/12 - 1 = 0                            -> Q± = 0
 *   {a,b},{c}:     Q- = 4/12 - (8/12)^2 - (4/12)^2 = -2/9       -> Q± = 2/9
 *   singletons:    Q- = -3 (4/12)^2 = -1/3                      -> Q± = 1/3
 * The optimum is three singleton blocs, with no frustrated tie. */
Test(blocs, all_negative_triangle)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", -2.0);
    add_ev(ev, "a", "c", -2.0);
    add_ev(ev, "c", "b", -2.0);
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    const size_t want[] = {0, 1, 2};
    expect_blocs(b, false, want, 3, 3);
    expect_blocs(b, true, want, 3, 3); /* no positive tie */
    NEAR(sg_blocs_signed_modularity(b), 1.0 / 3.0);
    cr_assert(sg_blocs_coop_modularity(b) == 0.0);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    cr_assert(sg_blocs_frustration(b) == 0.0);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 3);
    cr_assert_eq(bal.negative_ties, 3);
    cr_assert_eq(bal.triads, 1);
    cr_assert_eq(bal.balanced, 0);
    cr_assert_eq(bal.unbalanced, 1);
    cr_assert_eq(bal.all_negative, 1);
    cr_assert(bal.share_defined);
    cr_assert(bal.balanced_share == 0.0);
    cr_assert_eq(bal.n_listed, 1);
    expect_triad(&bal.listed[0], 0, 1, 2, -2.0, -2.0, -2.0);
    sg_balance_release(&bal);
    cr_assert_null(bal.listed);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* a-b +3, a-c +2, b-c -4. w+ = 5 (strengths a 5, b 3, c 2), w- = 4 (a 0, b 4, c 4):
 *   one bloc:    Q+ = 0,                         Q- = 0     -> Q± = 0
 *   singletons:  Q+ = -(25 + 9 + 4)/100 = -0.38, Q- = -0.5  -> Q± = 0.2/18
 *   {a,b},{c}:   Q+ = 0.6 - 0.64 - 0.04 = -0.08, Q- = -0.5  -> Q± = 3.2/18
 *   {a,c},{b}:   Q+ = 0.4 - 0.49 - 0.09 = -0.18, Q- = -0.5  -> Q± = 2.2/18
 *   {b,c},{a}:   Q+ = -0.25 - 0.25 = -0.5,        Q- = 0     -> Q± = -5/18
 * The optimum {a,b},{c} leaves a-c (+2) between blocs: 1 frustrated tie, 2/9 of the
 * total |weight| 9. Louvain on the positive path b-a-c: one bloc (Q+ = 0) beats
 * {a,b},{c} (-0.08) and singletons (-0.38). */
Test(blocs, plus_plus_minus_triangle)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "b", "a", 3.0);
    add_ev(ev, "a", "c", 2.0);
    add_ev(ev, "b", "c", -4.0);
    sg_graph *g = graph_of(ev);
    sg_blocs *b = blocs_of(g);

    const size_t want_signed[] = {0, 0, 1};
    const size_t want_coop[] = {0, 0, 0};
    expect_blocs(b, false, want_signed, 3, 2);
    expect_blocs(b, true, want_coop, 3, 1);
    NEAR(sg_blocs_signed_modularity(b), 3.2 / 18.0);
    NEAR(sg_blocs_coop_modularity(b), 0.0);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 1);
    NEAR(sg_blocs_frustration(b), 2.0 / 9.0);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 3);
    cr_assert_eq(bal.positive_ties, 2);
    cr_assert_eq(bal.negative_ties, 1);
    cr_assert_eq(bal.triads, 1);
    cr_assert_eq(bal.balanced, 0);
    cr_assert_eq(bal.unbalanced, 1);
    cr_assert_eq(bal.all_negative, 0);
    cr_assert(bal.share_defined);
    cr_assert(bal.balanced_share == 0.0);
    cr_assert_eq(bal.n_listed, 1);
    expect_triad(&bal.listed[0], 0, 1, 2, 3.0, 2.0, -4.0);
    sg_balance_release(&bal);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* The tie weight sums every edge of the pair in both directions and relations: a -> b
 * +3 and b -> a -5 make a-b -2 (count 2), so with a-c +1 and b-c +1 the triad is ++-. */
Test(blocs, tie_sums_both_directions)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "b", 3.0);
    add_ev(ev, "b", "a", -5.0);
    add_ev(ev, "a", "c", 0.5);
    add_ev(ev, "c", "a", 0.5);
    add_ev(ev, "b", "c", 1.0);
    sg_graph *g = graph_of(ev);
    cr_assert_eq(sg_graph_edge_count(g), 5);

    sg_balance bal;
    balance_of(&bal, g, 1);
    cr_assert_eq(bal.ties, 3);
    cr_assert_eq(bal.positive_ties, 2);
    cr_assert_eq(bal.negative_ties, 1);
    cr_assert_eq(bal.unbalanced, 1);
    cr_assert_eq(bal.n_listed, 1);
    expect_triad(&bal.listed[0], 0, 1, 2, -2.0, 1.0, 1.0);
    sg_balance_release(&bal);

    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- disconnected graph --------------------------------------------------------------- */

/* Components: the two camps a..d of two_camps(); a positive triangle e-f-g (+1 each);
 * h mentioned without events; a negative pair i-j (-5); a positive pair k-l (+4). */
Test(blocs, disconnected_camps)
{
    sg_events *ev = two_camps();
    add_ev(ev, "e", "f", 1.0);
    add_ev(ev, "f", "g", 1.0);
    add_ev(ev, "g", "e", 1.0);
    cr_assert_eq(sg_events_add_actor(ev, "h", "h", "", 1), SG_OK);
    add_ev(ev, "i", "j", -5.0);
    add_ev(ev, "l", "k", 4.0);
    sg_graph *g = graph_of(ev);
    cr_assert_eq(sg_graph_node_count(g), 12);
    sg_blocs *b = blocs_of(g);

    /* a b c d e f g h i j k l */
    const size_t want[] = {0, 0, 1, 1, 2, 2, 2, 3, 4, 5, 6, 6};
    expect_blocs(b, false, want, 12, 7);
    expect_blocs(b, true, want, 12, 7);
    /* Positive part: w+ = 12 (2w+ = 24), strengths a 3, b 3, c 2, d 2, e f g 2, k l 4.
     *   Q+ = (6/24 - (6/24)^2) + (4/24 - (4/24)^2) + (6/24 - (6/24)^2) + (8/24 - (8/24)^2)
     *      = 3/16 + 5/36 + 3/16 + 2/9 = 53/72.
     * Negative part: w- = 12, strengths a 5, b 2, c 4, d 3, i 5, j 5, none inside a bloc.
     *   Q- = -(7^2 + 7^2 + 5^2 + 5^2) / 24^2 = -148/576 = -37/144.
     * Q± = (24 * 53/72 + 24 * 37/144) / 48 = 143/288. */
    NEAR(sg_blocs_signed_modularity(b), 143.0 / 288.0);
    NEAR(sg_blocs_coop_modularity(b), 53.0 / 72.0);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    cr_assert(sg_blocs_frustration(b) == 0.0);
    cr_assert_eq(sg_blocs_capped_actors(b), 0);

    sg_balance bal;
    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 10);
    cr_assert_eq(bal.positive_ties, 6);
    cr_assert_eq(bal.negative_ties, 4);
    cr_assert_eq(bal.triads, 3); /* abd, acd, efg */
    cr_assert_eq(bal.balanced, 3);
    cr_assert_eq(bal.unbalanced, 0);
    cr_assert(bal.balanced_share == 1.0);
    sg_balance_release(&bal);

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- listed triads ----------------------------------------------------------------------- */

/* Five disjoint triangles (no other triads), events added out of node order:
 *   ghi (+1, -1, +1) strength 3   nodes 6 7 8
 *   abc (+1, +1, -1) strength 3   nodes 0 1 2
 *   def (-2, -2, -2) strength 6   nodes 3 4 5
 *   jkl (+3, +3, +3) balanced     nodes 9 10 11
 *   mno (+5, -1, +1) strength 7   nodes 12 13 14
 * Unbalanced by strength: mno 7, def 6, then abc before ghi (equal strength, by index). */
static sg_events *five_triangles(void)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "g", "h", 1.0);
    add_ev(ev, "g", "i", -1.0);
    add_ev(ev, "h", "i", 1.0);
    add_ev(ev, "a", "b", 1.0);
    add_ev(ev, "a", "c", 1.0);
    add_ev(ev, "b", "c", -1.0);
    add_ev(ev, "d", "e", -2.0);
    add_ev(ev, "d", "f", -2.0);
    add_ev(ev, "e", "f", -2.0);
    add_ev(ev, "j", "k", 3.0);
    add_ev(ev, "j", "l", 3.0);
    add_ev(ev, "k", "l", 3.0);
    add_ev(ev, "m", "n", 5.0);
    add_ev(ev, "o", "m", -1.0);
    add_ev(ev, "n", "o", 1.0);
    return ev;
}

Test(balance, listed_triads_order)
{
    sg_events *ev = five_triangles();
    sg_graph *g = graph_of(ev);
    sg_balance bal;

    balance_of(&bal, g, 10);
    cr_assert_eq(bal.ties, 15);
    cr_assert_eq(bal.positive_ties, 9);
    cr_assert_eq(bal.negative_ties, 6);
    cr_assert_eq(bal.triads, 5);
    cr_assert_eq(bal.balanced, 1);
    cr_assert_eq(bal.unbalanced, 4);
    cr_assert_eq(bal.all_negative, 1);
    cr_assert(bal.share_defined);
    NEAR(bal.balanced_share, 0.2);
    cr_assert_eq(bal.n_listed, 4);
    expect_triad(&bal.listed[0], 12, 13, 14, 5.0, -1.0, 1.0);
    expect_triad(&bal.listed[1], 3, 4, 5, -2.0, -2.0, -2.0);
    expect_triad(&bal.listed[2], 0, 1, 2, 1.0, 1.0, -1.0);
    expect_triad(&bal.listed[3], 6, 7, 8, 1.0, -1.0, 1.0);
    sg_balance_release(&bal);

    /* at most max_list, the strongest first; the counts do not depend on it */
    balance_of(&bal, g, 3);
    cr_assert_eq(bal.unbalanced, 4);
    cr_assert_eq(bal.n_listed, 3);
    expect_triad(&bal.listed[0], 12, 13, 14, 5.0, -1.0, 1.0);
    expect_triad(&bal.listed[2], 0, 1, 2, 1.0, 1.0, -1.0);
    sg_balance_release(&bal);

    balance_of(&bal, g, 0);
    cr_assert_eq(bal.unbalanced, 4);
    cr_assert_eq(bal.n_listed, 0);
    cr_assert_null(bal.listed);
    sg_balance_release(&bal);

    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- determinism ------------------------------------------------------------------------- */

/* A pseudo-random signed graph of 40 actors (a fixed linear congruential sequence),
 * connected enough for spinglass to have choices. */
static sg_events *random_graph(void)
{
    sg_events *ev = sg_events_new();
    unsigned long x = 12345;
    char src[8];
    char tgt[8];
    for (int i = 0; i < 160; i++) {
        x = (x * 1103515245UL + 12345UL) % 2147483648UL;
        unsigned long s = (x >> 8) % 40;
        x = (x * 1103515245UL + 12345UL) % 2147483648UL;
        unsigned long t = (x >> 8) % 40;
        x = (x * 1103515245UL + 12345UL) % 2147483648UL;
        double w = (double)((long)((x >> 8) % 201) - 100) / 10.0;
        snprintf(src, sizeof src, "n%02lu", s);
        snprintf(tgt, sizeof tgt, "n%02lu", t);
        add_ev(ev, src, tgt, w);
    }
    return ev;
}

static void expect_same_blocs(const sg_blocs *x, const sg_blocs *y)
{
    cr_assert_eq(sg_blocs_node_count(x), sg_blocs_node_count(y));
    cr_assert_eq(sg_blocs_signed_count(x), sg_blocs_signed_count(y));
    cr_assert_eq(sg_blocs_coop_count(x), sg_blocs_coop_count(y));
    for (size_t i = 0; i < sg_blocs_node_count(x); i++) {
        cr_assert_eq(sg_blocs_signed_get(x, i), sg_blocs_signed_get(y, i));
        cr_assert_eq(sg_blocs_coop_get(x, i), sg_blocs_coop_get(y, i));
    }
    cr_assert(sg_blocs_signed_modularity(x) == sg_blocs_signed_modularity(y));
    cr_assert(sg_blocs_coop_modularity(x) == sg_blocs_coop_modularity(y));
    cr_assert_eq(sg_blocs_frustrated_ties(x), sg_blocs_frustrated_ties(y));
    cr_assert(sg_blocs_frustration(x) == sg_blocs_frustration(y));
}

Test(blocs, deterministic_in_one_process)
{
    sg_events *ev = random_graph();
    sg_graph *g = graph_of(ev);
    sg_graph *g2 = graph_of(ev);
    sg_blocs *first = blocs_of(g);
    size_t n = sg_graph_node_count(g);

    /* other igraph work (it reseeds and draws from the default RNG) in between */
    sg_centrality *c = calloc(n, sizeof *c);
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_not_null(c);
    cr_assert_eq(sg_graph_centrality(g, c, &d), SG_OK, "%s", d.msg);
    free(c);

    sg_blocs *second = blocs_of(g);
    sg_blocs *third = blocs_of(g2);
    expect_same_blocs(first, second);
    expect_same_blocs(first, third);

    /* numbering: node 0 is in bloc 0 and each bloc first appears in node order */
    size_t seen_signed = 0;
    size_t seen_coop = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = sg_blocs_signed_get(first, i);
        size_t k = sg_blocs_coop_get(first, i);
        cr_assert(s <= seen_signed);
        cr_assert(k <= seen_coop);
        seen_signed += s == seen_signed;
        seen_coop += k == seen_coop;
    }
    cr_assert_eq(seen_signed, sg_blocs_signed_count(first));
    cr_assert_eq(seen_coop, sg_blocs_coop_count(first));
    cr_assert(sg_blocs_signed_count(first) > 1);

    sg_balance b1;
    sg_balance b2;
    balance_of(&b1, g, 5);
    balance_of(&b2, g2, 5);
    cr_assert(b1.triads > 0);
    cr_assert_eq(b1.triads, b2.triads);
    cr_assert_eq(b1.unbalanced, b2.unbalanced);
    cr_assert_eq(b1.n_listed, b2.n_listed);
    cr_assert(memcmp(b1.listed, b2.listed, b1.n_listed * sizeof *b1.listed) == 0);
    sg_balance_release(&b1);
    sg_balance_release(&b2);

    sg_blocs_free(third);
    sg_blocs_free(second);
    sg_blocs_free(first);
    sg_graph_free(g2);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- the spinglass cap ----------------------------------------------------------------- */

/* More than SG_BLOCS_SPINGLASS_MAX actors in one component: positive triangles
 * (+1 each) chained by negative ties (-1) from the last actor of one to the first of the
 * next. The component takes its cooperative partition: on the positive ties alone each
 * triangle is a component, hence one Louvain bloc. */
Test(blocs, component_above_cap_takes_cooperative_blocs)
{
    size_t tri = (SG_BLOCS_SPINGLASS_MAX + 3) / 3;
    size_t n = 3 * tri;
    sg_events *ev = sg_events_new();
    char x[16];
    char y[16];
    cr_assert(n > SG_BLOCS_SPINGLASS_MAX);
    for (size_t t = 0; t < tri; t++) {
        for (size_t i = 0; i < 3; i++) {
            for (size_t j = i + 1; j < 3; j++) {
                snprintf(x, sizeof x, "n%05zu", 3 * t + i);
                snprintf(y, sizeof y, "n%05zu", 3 * t + j);
                add_ev(ev, x, y, 1.0);
            }
        }
        if (t + 1 < tri) {
            snprintf(x, sizeof x, "n%05zu", 3 * t + 2);
            snprintf(y, sizeof y, "n%05zu", 3 * t + 3);
            add_ev(ev, x, y, -1.0);
        }
    }
    sg_graph *g = graph_of(ev);
    cr_assert_eq(sg_graph_node_count(g), n);
    sg_blocs *b = blocs_of(g);

    cr_assert_eq(sg_blocs_capped_actors(b), n);
    cr_assert_eq(sg_blocs_signed_count(b), tri);
    cr_assert_eq(sg_blocs_coop_count(b), tri);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(sg_blocs_signed_get(b, i), i / 3);
        cr_assert_eq(sg_blocs_coop_get(b, i), i / 3);
    }
    cr_assert_eq(sg_blocs_signed_member_count(b, tri - 1), 3);
    cr_assert_eq(sg_blocs_frustrated_ties(b), 0);
    /* With t triangles: 2w+ = 6t and each triangle has positive strength 6, so
     * Q+ = t (6/6t - (6/6t)^2) = 1 - 1/t. 2w- = 2(t-1), every negative tie runs between
     * two triangles, and the negative strength of a triangle is 1 at both ends of the
     * chain and 2 inside it, so Q- = -(2 + 4(t-2)) / (2(t-1))^2 = -(t - 3/2) / (t-1)^2. */
    double t = (double)tri;
    double qpos = 1.0 - 1.0 / t;
    double qneg = -(t - 1.5) / ((t - 1.0) * (t - 1.0));
    double wp2 = 6.0 * t;
    double wn2 = 2.0 * (t - 1.0);
    NEAR(sg_blocs_coop_modularity(b), qpos);
    NEAR(sg_blocs_signed_modularity(b), (wp2 * qpos - wn2 * qneg) / (wp2 + wn2));

    sg_blocs_free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}
