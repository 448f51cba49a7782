/* Fuzz target of the events reader and the graph stage: the input is a JSON Lines events
 * file (what `stancegraph graph`, `centrality` and `summary` read). When it is accepted,
 * the events are written back and must read back the same, and the graph is built and
 * analysed as `centrality` and `summary` do: figures, centralities, structural balance,
 * and on small graphs the blocs (spinglass costs milliseconds per component), with a
 * selection (min count, ego network) in between. */
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* Blocs on at most this many actors: spinglass is too slow for a fuzz loop above. */
enum { BLOCS_MAX_NODES = 8 };

static void analyse(const sg_events *ev, bool blocs_too)
{
    sg_diag d;
    sg_diag_init(&d);
    sg_graph *g = NULL;
    FUZZ_CHECK(sg_graph_new(ev, &g, &d) == SG_OK);
    size_t n = sg_graph_node_count(g);
    FUZZ_CHECK(n == sg_events_actor_count(ev));
    for (size_t i = 0; i < n; i++) {
        const sg_node *node = sg_graph_node_get(g, i);
        FUZZ_CHECK(sg_graph_node_find(g, node->id) == i);
        FUZZ_CHECK(i == 0 || strcmp(sg_graph_node_get(g, i - 1)->id, node->id) < 0);
    }
    for (size_t i = 0; i < sg_graph_edge_count(g); i++) {
        const sg_edge *e = sg_graph_edge_get(g, i);
        FUZZ_CHECK(e->source < n && e->target < n && e->count > 0);
        for (size_t k = 0; k < e->count; k++) {
            FUZZ_CHECK(e->evidence[k] < sg_events_count(ev));
        }
    }

    sg_graph_stats stats;
    FUZZ_CHECK(sg_graph_stats_get(g, &stats, &d) == SG_OK);
    FUZZ_CHECK(stats.actors == n && stats.edges == sg_graph_edge_count(g));
    sg_centrality *cent = calloc(n > 0 ? n : 1, sizeof *cent);
    FUZZ_CHECK(cent != NULL);
    FUZZ_CHECK(sg_graph_centrality(g, cent, &d) == SG_OK);
    sg_balance bal;
    FUZZ_CHECK(sg_balance_init(&bal, g, 5, &d) == SG_OK);
    sg_blocs *blocs = NULL;
    fuzz_out o;
    fuzz_out_open(&o);
    sg_table_opts to;
    sg_table_opts_init(&to);
    FUZZ_CHECK(sg_emit_centrality(g, cent, n, &to, o.f, &d) == SG_OK);
    to.format = SG_TAB_JSON;
    to.decimals = SG_DECIMALS_MAX;
    FUZZ_CHECK(sg_emit_centrality(g, cent, n, &to, o.f, &d) == SG_OK);
    if (blocs_too && n <= BLOCS_MAX_NODES) {
        FUZZ_CHECK(sg_blocs_new(g, &blocs, &d) == SG_OK);
        FUZZ_CHECK(sg_blocs_node_count(blocs) == n);
        sg_summary s = {&stats, cent, 0, &bal, blocs};
        FUZZ_CHECK(sg_emit_summary(g, &s, SG_TAB_TABLE, 3, o.f, &d) == SG_OK);
        FUZZ_CHECK(sg_emit_summary(g, &s, SG_TAB_JSON, 0, o.f, &d) == SG_OK);
        FUZZ_CHECK(sg_emit_summary(g, &s, SG_TAB_CSV, 3, o.f, &d) == SG_OK);
    }
    fuzz_out_close(&o);
    fuzz_out_free(&o);

    /* the ego network of the first actor, as --ego does */
    if (n > 0) {
        bool *keep = calloc(n, sizeof *keep);
        FUZZ_CHECK(keep != NULL);
        FUZZ_CHECK(sg_graph_ego(g, 0, 1, keep, &d) == SG_OK);
        FUZZ_CHECK(keep[0]);
        free(keep);
    }
    sg_blocs_free(blocs);
    sg_balance_release(&bal);
    free(cent);
    sg_graph_free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    sg_diag d;
    sg_diag_init(&d);
    (void)sg_events_is_jsonl(buf, size);
    sg_events *ev = sg_events_new();
    FUZZ_CHECK(ev != NULL);
    if (sg_events_read_jsonl(ev, "<fuzz>", buf, size, &d) != SG_OK) {
        char line[600];
        FUZZ_CHECK(d.status != SG_OK && d.offset <= size);
        FUZZ_CHECK(sg_diag_format(&d, line, sizeof line) > 0);
        /* on error the set is unchanged */
        FUZZ_CHECK(sg_events_count(ev) == 0 && sg_events_actor_count(ev) == 0);
        sg_events_free(ev);
        return 0;
    }

    /* what was read writes back to a file that reads back as the same events and
     * actors (actor names may change: the first name seen for an id is kept, and the
     * events come before the actor lines in the written file) */
    fuzz_out ea, aa, eb;
    fuzz_out_open(&ea);
    fuzz_out_open(&aa);
    FUZZ_CHECK(sg_events_write_jsonl(ev, ea.f, &d) == SG_OK);
    FUZZ_CHECK(sg_events_write_actors_jsonl(ev, aa.f, &d) == SG_OK);
    fuzz_out_close(&ea);
    fuzz_out_close(&aa);
    sg_events *back = sg_events_new();
    FUZZ_CHECK(back != NULL);
    if (sg_events_read_jsonl(back, "<fuzz>", ea.buf, ea.len, &d) != SG_OK ||
        sg_events_read_jsonl(back, "<fuzz>", aa.buf, aa.len, &d) != SG_OK) {
        fprintf(stderr, "events written back do not read: %s\n%.*s%.*s\n", d.msg, (int)ea.len,
                ea.buf, (int)aa.len, aa.buf);
        abort();
    }
    fuzz_out_open(&eb);
    FUZZ_CHECK(sg_events_write_jsonl(back, eb.f, &d) == SG_OK);
    fuzz_out_close(&eb);
    if (ea.len != eb.len || memcmp(ea.buf, eb.buf, ea.len) != 0) {
        fprintf(stderr, "events changed on a round trip:\n%.*s\n--- became ---\n%.*s\n",
                (int)ea.len, ea.buf, (int)eb.len, eb.buf);
        abort();
    }
    FUZZ_CHECK(sg_events_actor_count(back) == sg_events_actor_count(ev));
    for (size_t i = 0; i < sg_events_actor_count(ev); i++) {
        const sg_actor_ref *x = sg_events_actor_get(ev, i);
        bool found = false;
        for (size_t j = 0; j < sg_events_actor_count(back) && !found; j++) {
            const sg_actor_ref *y = sg_events_actor_get(back, j);
            found = strcmp(x->id, y->id) == 0 && x->mentions == y->mentions;
        }
        FUZZ_CHECK(found);
    }
    fuzz_out_free(&ea);
    fuzz_out_free(&aa);
    fuzz_out_free(&eb);
    sg_events_free(back);

    analyse(ev, true);

    /* a selection in between, as --min-count 2 --relation does */
    if (sg_events_count(ev) > 0) {
        sg_select_opts so;
        sg_select_opts_init(&so);
        const char *rel = sg_events_get(ev, 0)->relation;
        so.relations = &rel;
        so.n_relations = 1;
        so.min_count = 2;
        sg_events *sel = NULL;
        FUZZ_CHECK(sg_events_select(ev, NULL, &so, &sel, &d) == SG_OK);
        FUZZ_CHECK(sg_events_count(sel) <= sg_events_count(ev));
        analyse(sel, false);
        sg_events_free(sel);
    }
    sg_events_free(ev);
    return 0;
}
