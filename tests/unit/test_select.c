/* Unit tests of the selection stage (src/select.c): hierarchy roll-up and type filter. */
#include <criterion/criterion.h>
#include <string.h>

#include "stancegraph.h"

static const char *actors_json =
    "{\"actors\": ["
    "{\"id\": \"A\", \"name\": \"Alpha\", \"type\": \"country\"},"
    "{\"id\": \"A.MOD\", \"name\": \"Alpha defence ministry\", \"type\": \"ministry\", "
    "\"parent\": \"A\"},"
    "{\"id\": \"A.PM\", \"name\": \"Ana Pem\", \"type\": \"person\", \"parent\": \"A.MOD\"},"
    "{\"id\": \"B\", \"name\": \"Beta\", \"type\": \"country\"}"
    "]}";

static sg_lexicon *lex;

static void setup(void)
{
    sg_diag d;
    lex = sg_lexicon_new();
    cr_assert_eq(sg_lexicon_add_actors_json(lex, "t.json", actors_json, strlen(actors_json), &d),
                 SG_OK, "%s", d.msg);
    cr_assert_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
}

static void teardown(void)
{
    sg_lexicon_free(lex);
}

static void add(sg_events *ev, const char *src, const char *tgt, const char *type)
{
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "d";
    e.source = src;
    e.source_type = type;
    e.target = tgt;
    e.target_type = tgt != NULL ? "country" : NULL;
    e.relation = "accuse";
    e.cameo = "112";
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
}

TestSuite(select, .init = setup, .fini = teardown);

Test(select, root_rolls_up_the_whole_chain_and_drops_internal_events)
{
    sg_events *ev = sg_events_new(), *out = NULL;
    sg_diag d;
    add(ev, "A.PM", "B", "person");
    add(ev, "A.PM", "A.MOD", "person"); /* inside Alpha at the root level */
    add(ev, "X", "B", "country");       /* not in the lexicon: kept as it is */
    sg_events_add_actor(ev, "A.MOD", "Alpha defence ministry", "ministry", 3);
    sg_select_opts o = {.level = SG_LEVEL_ROOT};
    cr_assert_eq(sg_events_select(ev, lex, &o, &out, &d), SG_OK);
    cr_assert_eq(sg_events_count(out), 2);
    cr_assert_str_eq(sg_events_get(out, 0)->source, "A");
    cr_assert_str_eq(sg_events_get(out, 0)->source_name, "Alpha");
    cr_assert_str_eq(sg_events_get(out, 0)->source_type, "country");
    cr_assert_str_eq(sg_events_get(out, 1)->source, "X");
    /* A.PM and A.MOD merged into A, with their mentions summed */
    cr_assert_str_eq(sg_events_actor_get(out, 0)->id, "A");
    cr_assert_eq(sg_events_actor_get(out, 0)->mentions, 3);
    sg_events_free(out);
    sg_events_free(ev);
}

Test(select, parent_goes_one_step)
{
    sg_events *ev = sg_events_new(), *out = NULL;
    sg_diag d;
    add(ev, "A.PM", "B", "person");
    sg_select_opts o = {.level = SG_LEVEL_PARENT};
    cr_assert_eq(sg_events_select(ev, lex, &o, &out, &d), SG_OK);
    cr_assert_str_eq(sg_events_get(out, 0)->source, "A.MOD");
    sg_events_free(out);
    sg_events_free(ev);
}

Test(select, types_keep_events_whose_actors_are_all_selected)
{
    sg_events *ev = sg_events_new(), *out = NULL;
    sg_diag d;
    add(ev, "A.PM", "B", "person");
    add(ev, "A", "B", "country");
    add(ev, "B", NULL, "country");
    const char *types[] = {"country"};
    sg_select_opts o = {.level = SG_LEVEL_LEAF, .types = types, .n_types = 1};
    cr_assert_eq(sg_events_select(ev, lex, &o, &out, &d), SG_OK);
    cr_assert_eq(sg_events_count(out), 2);
    cr_assert_str_eq(sg_events_get(out, 0)->source, "A");
    cr_assert_str_eq(sg_events_get(out, 1)->source, "B");
    sg_events_free(out);
    sg_events_free(ev);
}

Test(select, level_names)
{
    sg_level l;
    cr_assert(sg_level_parse("root", &l) && l == SG_LEVEL_ROOT);
    cr_assert(sg_level_parse("leaf", &l) && l == SG_LEVEL_LEAF);
    cr_assert(!sg_level_parse("country", &l));
}

Test(select, rolled_up_actors_take_their_own_lexicon_parent)
{
    sg_events *ev = sg_events_new(), *out = NULL;
    sg_diag d;
    cr_assert_eq(sg_events_add_actor(ev, "A.PM", "Ana Pem", "person", 1), SG_OK);
    cr_assert_eq(sg_events_set_parent(ev, "A.PM", "A.MOD"), SG_OK);
    cr_assert_eq(sg_events_add_actor(ev, "X", "Xi", "", 1), SG_OK);
    cr_assert_eq(sg_events_set_parent(ev, "X", "Y"), SG_OK);
    sg_select_opts o = {.level = SG_LEVEL_PARENT};
    cr_assert_eq(sg_events_select(ev, lex, &o, &out, &d), SG_OK);
    /* A.PM becomes A.MOD, whose parent is A; X is not in the lexicon and keeps its own */
    cr_assert_str_eq(sg_events_actor_get(out, 0)->id, "A.MOD");
    cr_assert_str_eq(sg_events_actor_get(out, 0)->parent, "A");
    cr_assert_str_eq(sg_events_actor_get(out, 1)->id, "X");
    cr_assert_str_eq(sg_events_actor_get(out, 1)->parent, "Y");
    sg_events_free(out);
    o.level = SG_LEVEL_ROOT;
    cr_assert_eq(sg_events_select(ev, lex, &o, &out, &d), SG_OK);
    cr_assert_str_eq(sg_events_actor_get(out, 0)->id, "A");
    cr_assert_null(sg_events_actor_get(out, 0)->parent);
    sg_events_free(out);
    sg_events_free(ev);
}

/* ---- relation, date, min-count and actor selections --------------------------------- */

static void add_rd(sg_events *ev, const char *src, const char *tgt, const char *rel,
                   const char *date, bool negated)
{
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "d";
    e.date = date;
    e.source = src;
    e.source_type = "country";
    e.target = tgt;
    e.target_type = tgt != NULL ? "country" : NULL;
    e.relation = rel;
    e.cameo = "112";
    e.negated = negated;
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
}

static sg_events *select_with(const sg_events *ev, const sg_select_opts *o)
{
    sg_events *out = NULL;
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_events_select(ev, NULL, o, &out, &d), SG_OK, "%s", d.msg);
    return out;
}

/* The events of out as "SRC>TGT:REL@DATE" joined by spaces. */
static void describe(const sg_events *ev, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < sg_events_count(ev); i++) {
        const sg_event *e = sg_events_get(ev, i);
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, "%s%s>%s:%s@%s", i > 0 ? " " : "", e->source,
                 e->target != NULL ? e->target : "-", e->relation, e->date != NULL ? e->date : "-");
    }
}

Test(select, relations_dates_and_pair_counts)
{
    sg_events *ev = sg_events_new();
    add_rd(ev, "A", "B", "accuse", "2023-09-19", false);
    add_rd(ev, "A", "B", "accuse", "2023-09-20", false);
    add_rd(ev, "A", "B", "deny", "2023-09-21", false);
    add_rd(ev, "B", "A", "accuse", "2023-09-21", false);
    add_rd(ev, "B", "A", "accuse", "2023-09-21", true); /* negated: not counted */
    add_rd(ev, "C", NULL, "demand", "2023-09-22", false);
    add_rd(ev, "C", "A", "demand", NULL, false);
    char buf[512];
    sg_select_opts o;

    sg_select_opts_init(&o);
    const char *rels[] = {"accuse"};
    o.relations = rels;
    o.n_relations = 1;
    sg_events *out = select_with(ev, &o);
    describe(out, buf, sizeof buf);
    cr_assert_str_eq(buf, "A>B:accuse@2023-09-19 A>B:accuse@2023-09-20 B>A:accuse@2023-09-21 "
                          "B>A:accuse@2023-09-21");
    /* actors stay, as actors mentioned without events */
    cr_assert_eq(sg_events_actor_count(out), 3);
    sg_events_free(out);

    sg_select_opts_init(&o);
    o.since = "2023-09-20";
    o.until = "2023-09-21";
    out = select_with(ev, &o);
    describe(out, buf, sizeof buf);
    cr_assert_str_eq(buf, "A>B:accuse@2023-09-20 A>B:deny@2023-09-21 B>A:accuse@2023-09-21 "
                          "B>A:accuse@2023-09-21");
    sg_events_free(out);

    sg_select_opts_init(&o);
    o.since = "2023-09-22"; /* the undated event goes too */
    out = select_with(ev, &o);
    describe(out, buf, sizeof buf);
    cr_assert_str_eq(buf, "C>-:demand@2023-09-22");
    sg_events_free(out);

    /* A>B has 3 events, B>A 1 (+1 negated), C>A 1: only A>B and the untargeted event stay */
    sg_select_opts_init(&o);
    o.min_count = 2;
    out = select_with(ev, &o);
    describe(out, buf, sizeof buf);
    cr_assert_str_eq(buf, "A>B:accuse@2023-09-19 A>B:accuse@2023-09-20 A>B:deny@2023-09-21 "
                          "C>-:demand@2023-09-22");
    sg_events_free(out);

    /* min-count counts after the relation selection: A>B has 2 accusations */
    sg_select_opts_init(&o);
    o.relations = rels;
    o.n_relations = 1;
    o.min_count = 3;
    out = select_with(ev, &o);
    cr_assert_eq(sg_events_count(out), 0);
    sg_events_free(out);

    /* an actor list (sorted): events need both ends kept; other actors go */
    sg_select_opts_init(&o);
    const char *keep[] = {"A", "C"};
    o.actors = keep;
    o.n_actors = 2;
    out = select_with(ev, &o);
    describe(out, buf, sizeof buf);
    cr_assert_str_eq(buf, "C>-:demand@2023-09-22 C>A:demand@-");
    cr_assert_eq(sg_events_actor_count(out), 2);
    sg_events_free(out);
    sg_events_free(ev);
}
