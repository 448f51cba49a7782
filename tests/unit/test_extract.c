/* Unit tests of the mention and event stages (src/mention.c, src/event.c): exact
 * events on short sentences, with a small actor lexicon and the built-in relations. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "stancegraph.h"

static const char *actors_json =
    "{\"actors\": ["
    "{\"id\": \"A\", \"name\": \"Alpha\", \"type\": \"country\", \"aliases\": [\"Alpha\", "
    "\"Alphaville\"]},"
    "{\"id\": \"B\", \"name\": \"Beta\", \"type\": \"country\", \"aliases\": [\"Beta\"]},"
    "{\"id\": \"G\", \"name\": \"Gamma\", \"type\": \"country\", \"aliases\": [\"Gamma\"]},"
    "{\"id\": \"A.PM\", \"name\": \"Ana Pem\", \"type\": \"person\", \"parent\": \"A\", "
    "\"aliases\": [\"Ana Pem\", \"Pem\"]},"
    "{\"id\": \"X\", \"name\": \"Xylo Group\", \"type\": \"group\", \"aliases\": [\"XG\"], "
    "\"patterns\": [\"\\\\bXylo\\\\s+(?:group|militia)\\\\b\"]}"
    ",{\"id\": \"A.MIL\", \"name\": \"Alphan army\", \"type\": \"military\", \"parent\": "
    "\"A\", \"aliases\": [\"Alphan army\", \"Alphan troops\"]}"
    ",{\"id\": \"B.MIL\", \"name\": \"Betan army\", \"type\": \"military\", \"parent\": "
    "\"B\", \"aliases\": [\"Betan troops\"]}"
    "]}";

static sg_lexicon *lex;
static sg_worker *worker;

static void setup(void)
{
    sg_diag d;
    lex = sg_lexicon_new();
    cr_assert_eq(sg_lexicon_add_actors_json(lex, "t.json", actors_json, strlen(actors_json), &d),
                 SG_OK, "%s", d.msg);
    cr_assert_eq(sg_lexicon_add_relations_file(lex, "lexicons/relations.json", &d), SG_OK, "%s",
                 d.msg);
    cr_assert_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
    worker = sg_worker_new(lex);
    cr_assert_not_null(worker);
}

static void teardown(void)
{
    sg_worker_free(worker);
    sg_lexicon_free(lex);
}

/* Extracts text and renders its events as "sentence:source-relation->target" joined by
 * spaces, with "!" for negated events and "@X" for attributed_to. */
static const char *run(const char *text)
{
    static char out[2048];
    sg_doc *doc = NULL;
    sg_events *ev = sg_events_new();
    sg_diag d;
    cr_assert_eq(sg_doc_new("t.txt", "t.txt", text, strlen(text), &doc, &d), SG_OK);
    cr_assert_eq(sg_extract(lex, doc, worker, ev, &d), SG_OK, "%s", d.msg);
    out[0] = '\0';
    for (size_t i = 0; i < sg_events_count(ev); i++) {
        const sg_event *e = sg_events_get(ev, i);
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s%zu:%s-%s->%s%s%s%s", i ? " " : "", e->sentence,
                 e->source, e->relation, e->target ? e->target : "null", e->negated ? "!" : "",
                 e->attributed_to ? "@" : "", e->attributed_to ? e->attributed_to : "");
    }
    sg_events_free(ev);
    sg_doc_free(doc);
    return out;
}

TestSuite(extract, .init = setup, .fini = teardown);

Test(extract, active_voice)
{
    cr_assert_str_eq(run("Alpha accused Beta of lying."), "0:A-accuse->B");
}

Test(extract, passive_voice_swaps_roles)
{
    cr_assert_str_eq(run("Beta was criticised by Alpha on Monday."), "0:A-criticize->B");
}

Test(extract, agentless_passive_has_no_source)
{
    cr_assert_str_eq(run("Beta was criticised on Monday."), "");
}

Test(extract, negation_and_its_scope)
{
    cr_assert_str_eq(run("Alpha did not attack Beta."), "0:A-fight->B!");
    cr_assert_str_eq(run("Alpha criticized Beta, while Gamma did not criticize Beta."),
                     "0:A-criticize->B 0:G-criticize->B!");
}

Test(extract, coordination_distributes)
{
    cr_assert_str_eq(run("Alpha and Gamma accused Beta."), "0:A-accuse->B 0:G-accuse->B");
    cr_assert_str_eq(run("Alpha urged Beta and Gamma to talk."), "0:A-appeal->B 0:A-appeal->G");
}

Test(extract, reciprocal_subjects_give_both_directions)
{
    cr_assert_str_eq(run("Alpha and Beta met in Gamma."), "0:A-meet->B 0:B-meet->A");
}

Test(extract, relative_clause_subject)
{
    cr_assert_str_eq(run("Beta, which backed Gamma, attacked Alpha."),
                     "0:B-endorse->G 0:B-fight->A");
}

Test(extract, place_after_locative_preposition_is_not_an_actor)
{
    cr_assert_str_eq(run("In Alphaville, Beta protested."), "0:B-protest->null");
}

Test(extract, refusal_is_a_reject_event)
{
    cr_assert_str_eq(run("Alpha refused on Friday to meet Beta."), "0:A-refuse->B");
}

Test(extract, denial_targets_the_accuser)
{
    cr_assert_str_eq(run("Alpha accused Beta of spying. Beta denied the allegations."),
                     "0:A-accuse->B 1:B-deny->A");
}

Test(extract, reported_speech)
{
    cr_assert_str_eq(run("Alpha said Beta attacked Gamma."),
                     "0:A-make_statement->null 0:B-fight->G@A");
}

Test(extract, pronoun_subject)
{
    cr_assert_str_eq(run("Pem accused Beta. She also threatened Gamma."),
                     "0:A.PM-accuse->B 1:A.PM-threaten->G");
}

Test(extract, light_verb_nominalization)
{
    cr_assert_str_eq(run("Alpha imposed sanctions on Beta."), "0:A-reduce_relations->B");
    cr_assert_str_eq(run("Alpha did not hold talks with Gamma."), "0:A-consult->G!");
}

Test(extract, no_actor_no_event_and_no_self_loop)
{
    cr_assert_str_eq(run("The talks failed."), "");
    cr_assert_str_eq(run("Alpha accused itself."), "");
    cr_assert_str_eq(run("Alpha accused Alpha."), "");
}

Test(extract, pattern_and_acronym_mentions)
{
    cr_assert_str_eq(run("The Xylo militia attacked Beta."), "0:X-fight->B");
    cr_assert_str_eq(run("XG attacked Beta."), "0:X-fight->B");
    cr_assert_str_eq(run("Xg attacked Beta."), "");
}

Test(extract, modal_content_is_not_coded)
{
    cr_assert_str_eq(run("Alpha would attack Beta."), "");
}

Test(extract, a_comma_alone_does_not_coordinate)
{
    cr_assert_str_eq(run("Alpha attacked Beta, Gamma said."),
                     "0:A-fight->B@G 0:G-make_statement->null");
    /* "according to" attributes, but is no finite reporting verb: no statement */
    cr_assert_str_eq(run("According to Alpha, Beta threatened Gamma."), "0:B-threaten->G@A");
    cr_assert_str_eq(run("Pem met Beta, Gamma and the Xylo militia."),
                     "0:A.PM-meet->B 0:A.PM-meet->G 0:A.PM-meet->X");
}

Test(extract, a_trailing_speaker_is_not_an_object)
{
    cr_assert_str_eq(run("Alpha shelled the positions, Gamma said."), "0:G-make_statement->null");
}

Test(extract, coordination_across_a_determiner)
{
    cr_assert_str_eq(run("Alpha and the Xylo militia met."), "0:A-meet->X 0:X-meet->A");
}

Test(extract, object_pronoun)
{
    cr_assert_str_eq(run("Alpha criticised Beta and threatened it."),
                     "0:A-criticize->B 0:A-threaten->B");
}

Test(extract, actor_inside_a_modifier_is_not_the_subject)
{
    cr_assert_str_eq(run("Beta's accusations against Gamma were rejected by Alpha."),
                     "0:B-accuse->G 0:A-reject->B");
}

Test(extract, a_denial_without_a_known_accuser_has_no_target)
{
    cr_assert_str_eq(run("Alpha denied that it had attacked Beta."), "");
}

Test(extract, explain_names_the_rules)
{
    const char *text = "Beta was criticised by Alpha.";
    sg_doc *doc = NULL;
    sg_events *ev = sg_events_new();
    sg_diag d;
    sg_worker_set_explain(worker, true);
    cr_assert_eq(sg_doc_new("t.txt", "t.txt", text, strlen(text), &doc, &d), SG_OK);
    cr_assert_eq(sg_extract(lex, doc, worker, ev, &d), SG_OK);
    cr_assert_eq(sg_events_count(ev), 1);
    const sg_event *e = sg_events_get(ev, 0);
    cr_assert_str_eq(e->explain_source, "agent after 'by'");
    cr_assert_str_eq(e->explain_target, "subject of the passive verb");
    cr_assert_str_eq(e->explain_relation, "passive verb");
    sg_worker_set_explain(worker, false);
    sg_events_free(ev);
    sg_doc_free(doc);
}

Test(extract, reciprocal_each_other_and_exchange)
{
    cr_assert_str_eq(run("Alpha and Beta accused each other of cheating."),
                     "0:A-accuse->B 0:B-accuse->A");
    cr_assert_str_eq(run("Alpha and Beta traded accusations on Friday."),
                     "0:A-accuse->B 0:B-accuse->A");
    cr_assert_str_eq(run("Alpha exchanged fire with Gamma overnight."),
                     "0:A-fight->G 0:G-fight->A");
}

Test(extract, definite_descriptions)
{
    cr_assert_str_eq(run("Beta accused Alpha of spying. The country denied the charge."),
                     "0:B-accuse->A 1:A-deny->B");
    cr_assert_str_eq(run("The Xylo militia attacked Beta. Gamma condemned the group."),
                     "0:X-fight->B 1:G-criticize->X");
}

Test(extract, possessive_pronoun_with_a_role_noun)
{
    cr_assert_str_eq(run("Alpha criticised Beta. Its troops later attacked Gamma."),
                     "0:A-criticize->B 1:A.MIL-fight->G");
}

Test(extract, coreference_does_not_reach_far_back)
{
    cr_assert_str_eq(run("Alpha criticised Beta. Rain fell. Rain fell again. Markets fell. "
                         "It then attacked Gamma."),
                     "0:A-criticize->B");
}

Test(extract, participial_clauses)
{
    cr_assert_str_eq(run("Alpha recalled its envoy, accusing Beta of meddling."), "0:A-accuse->B");
    cr_assert_str_eq(run("Alpha criticised Gamma, saying Beta had attacked Pem."),
                     "0:A-criticize->G 0:B-fight->A.PM@A");
}

Test(extract, content_of_a_demand_is_not_coded_even_without_a_source)
{
    cr_assert_str_eq(run("Crowds rallied, demanding that Alpha sanction Beta."), "");
}

Test(extract, neither_nor_is_negated_for_both)
{
    cr_assert_str_eq(run("Neither Alpha nor Beta criticised Gamma."),
                     "0:A-criticize->G! 0:B-criticize->G!");
}

Test(extract, fronted_participial_clause)
{
    cr_assert_str_eq(run("Accusing Beta of fraud, Alpha urged Gamma to act."),
                     "0:A-accuse->B 0:A-appeal->G");
}

Test(extract, possessive_pronoun_in_reported_speech_is_the_speakers)
{
    cr_assert_str_eq(run("Alpha said Beta shelled its positions."),
                     "0:A-make_statement->null 0:B-fight->A@A");
}

Test(extract, act_nouns_point_to_their_author)
{
    cr_assert_str_eq(run("Alpha imposed sanctions on Beta. Gamma condemned the move."),
                     "0:A-reduce_relations->B 1:G-criticize->A");
    cr_assert_str_eq(run("Alpha closed the border, a move Beta condemned."), "0:B-criticize->A");
}

Test(extract, coordinated_modifiers_distribute_over_the_head)
{
    /* "Alphan and Betan troops": Alphan troops and Betan troops */
    cr_assert_str_eq(run("Alphan and Betan troops exchanged fire."),
                     "0:A.MIL-fight->B.MIL 0:B.MIL-fight->A.MIL");
}

static const char *dated_json =
    "{\"actors\": ["
    "{\"id\": \"U\", \"name\": \"Union\", \"type\": \"country\", \"aliases\": [\"Union\"]},"
    "{\"id\": \"C\", \"name\": \"Cathay\", \"type\": \"country\", \"aliases\": [\"Cathay\"]},"
    "{\"id\": \"U.OLD\", \"name\": \"Old Chief\", \"type\": \"person\", \"parent\": \"U\", "
    "\"valid_from\": \"2021-01-20\", \"valid_until\": \"2025-01-20\", "
    "\"aliases\": [\"Old Chief\", \"Union President\"]},"
    "{\"id\": \"U.NEW\", \"name\": \"New Chief\", \"type\": \"person\", \"parent\": \"U\", "
    "\"valid_from\": \"2025-01-20\", \"aliases\": [\"New Chief\", \"Union President\"]}"
    "]}";

static const char *dated_source(const char *date)
{
    static char out[32];
    sg_diag d;
    sg_lexicon *dl = sg_lexicon_new();
    cr_assert_eq(sg_lexicon_add_actors_json(dl, "d.json", dated_json, strlen(dated_json), &d),
                 SG_OK, "%s", d.msg);
    cr_assert_eq(sg_lexicon_add_relations_file(dl, "lexicons/relations.json", &d), SG_OK);
    cr_assert_eq(sg_lexicon_compile(dl, &d), SG_OK, "%s", d.msg);
    sg_worker *dw = sg_worker_new(dl);
    cr_assert(sg_worker_set_date(dw, date));
    const char *text = "The Union President criticised Cathay.";
    sg_doc *doc = NULL;
    sg_events *ev = sg_events_new();
    cr_assert_eq(sg_doc_new("t", "t", text, strlen(text), &doc, &d), SG_OK);
    cr_assert_eq(sg_extract(dl, doc, dw, ev, &d), SG_OK);
    cr_assert_eq(sg_events_count(ev), 1);
    snprintf(out, sizeof out, "%s", sg_events_get(ev, 0)->source);
    sg_events_free(ev);
    sg_doc_free(doc);
    sg_worker_free(dw);
    sg_lexicon_free(dl);
    return out;
}

Test(extract, dated_office_holders)
{
    cr_assert_str_eq(dated_source("2023-05-01"), "U.OLD");
    cr_assert_str_eq(dated_source("2025-06-01"), "U.NEW");
    cr_assert_str_eq(dated_source(NULL), "U.NEW"); /* no date: the latest holder */
    cr_assert(!sg_worker_set_date(worker, "2023-13-01"));
}

Test(extract, the_noun_names_the_latest_act_of_its_kind)
{
    cr_assert_str_eq(run("Alpha and Beta signed a peace agreement, and Gamma criticized the deal."),
                     "0:A-cooperate->B 0:B-cooperate->A 0:G-criticize->B 0:G-criticize->A");
    cr_assert_str_eq(run("Alpha attacked Beta. Pem urged Gamma to act. Xylo militia condemned the "
                         "attack."),
                     "0:A-fight->B 1:A.PM-appeal->G 2:X-criticize->A");
}

/* The worker's accounting: mentions, those without events, unresolved pronouns. */
static sg_extract_counts counts_of(const char *text)
{
    sg_doc *doc = NULL;
    sg_events *ev = sg_events_new();
    sg_diag d;
    sg_extract_counts c = {0};
    sg_worker_take_counts(worker, &c); /* start from zero */
    memset(&c, 0, sizeof c);
    cr_assert_eq(sg_doc_new("t.txt", "t.txt", text, strlen(text), &doc, &d), SG_OK);
    cr_assert_eq(sg_extract(lex, doc, worker, ev, &d), SG_OK, "%s", d.msg);
    sg_worker_take_counts(worker, &c);
    sg_doc_free(doc);
    sg_events_free(ev);
    return c;
}

Test(extract, counts_mentions_without_events)
{
    sg_extract_counts c = counts_of("Alpha accused Beta. Gamma was quiet.");
    cr_assert_eq(c.mentions, 3);
    cr_assert_eq(c.idle_mentions, 1); /* Gamma */
    cr_assert_eq(c.unresolved, 0);
    cr_assert_eq(c.pattern_errors, 0);
    sg_extract_counts again = {0};
    sg_worker_take_counts(worker, &again); /* taking resets */
    cr_assert_eq(again.mentions, 0);
}

Test(extract, counts_unresolved_pronouns)
{
    /* nothing before "It" to resolve it to: the accusation of Beta is lost, and said */
    sg_extract_counts c = counts_of("It accused Beta.");
    cr_assert_eq(c.mentions, 1);
    cr_assert_eq(c.idle_mentions, 1);
    cr_assert_eq(c.unresolved, 1);
    /* resolved: "It" is Alpha */
    c = counts_of("Alpha met Gamma. It accused Beta.");
    cr_assert_eq(c.unresolved, 0);
    cr_assert_eq(c.idle_mentions, 0);
}

Test(extract, pattern_limits_fail_or_are_counted_with_keep_going)
{
    static const char *slow = "{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"aliases\": "
                              "[\"Alpha\"], \"patterns\": [\"(a|aa)+$\"]}]}";
    char text[4096];
    sg_diag d;
    int n = snprintf(text, sizeof text, "Alpha met ");
    memset(text + n, 'a', 3000);
    strcpy(text + n + 3000, "b.");
    sg_lexicon *l = sg_lexicon_new();
    cr_assert_eq(sg_lexicon_add_actors_json(l, "slow.json", slow, strlen(slow), &d), SG_OK, "%s",
                 d.msg);
    cr_assert_eq(sg_lexicon_add_relations_file(l, "lexicons/relations.json", &d), SG_OK);
    cr_assert_eq(sg_lexicon_compile(l, &d), SG_OK, "%s", d.msg);
    sg_worker *w = sg_worker_new(l);
    sg_doc *doc = NULL;
    cr_assert_eq(sg_doc_new("slow.txt", "slow.txt", text, strlen(text), &doc, &d), SG_OK);
    sg_events *ev = sg_events_new();
    char line[512];
    cr_assert_eq(sg_extract(l, doc, w, ev, &d), SG_ERR_PATTERN);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line, "slow.txt:1:1: error: pattern '(a|aa)+$' of actor 'A' failed on this "
                           "sentence: JIT stack limit reached");
    sg_extract_counts c = {0};
    sg_worker_take_counts(w, &c);
    sg_worker_set_keep_going(w, true);
    cr_assert_null(sg_worker_pattern_warning(w));
    cr_assert_eq(sg_extract(l, doc, w, ev, &d), SG_OK);
    const sg_diag *warn = sg_worker_pattern_warning(w);
    cr_assert_not_null(warn);
    sg_diag_format(warn, line, sizeof line);
    cr_assert_str_eq(line, "slow.txt:1:1: error: pattern '(a|aa)+$' of actor 'A' failed on this "
                           "sentence: JIT stack limit reached");
    memset(&c, 0, sizeof c);
    sg_worker_take_counts(w, &c);
    cr_assert_eq(c.pattern_errors, 1);
    cr_assert_eq(c.mentions, 1); /* "Alpha", by its alias */
    cr_assert_null(sg_worker_pattern_warning(w));
    sg_events_free(ev);
    sg_doc_free(doc);
    sg_worker_free(w);
    sg_lexicon_free(l);
}
