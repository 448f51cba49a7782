/* Unit tests of the lexicon stage: loading, validation messages with path:line:col,
 * verb inflection, parent resolution and the built-in lexicons. Run from the repository
 * root (the built-in lexicons are read from lexicons/). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lexicon.h"
#include "sg_lexicon.h"

/* --- helpers ------------------------------------------------------------------- */

static sg_status add_actors(sg_lexicon *lex, const char *json, sg_diag *d)
{
    sg_diag_init(d);
    return sg_lexicon_add_actors_json(lex, "t.json", json, strlen(json), d);
}

static sg_status add_relations(sg_lexicon *lex, const char *json, sg_diag *d)
{
    sg_diag_init(d);
    return sg_lexicon_add_relations_json(lex, "t.json", json, strlen(json), d);
}

/* Loads json (actors, or relations when rel) into a fresh lexicon and checks that it
 * fails with status st and the formatted diagnostic want; the lexicon must stay
 * empty. */
static void expect_error(bool rel, const char *json, sg_status st, const char *want)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    char line[400];
    cr_assert_not_null(lex);
    sg_status got = rel ? add_relations(lex, json, &d) : add_actors(lex, json, &d);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, want);
    cr_expect_eq(got, st, "status %d, want %d for %s", (int)got, (int)st, want);
    cr_expect_eq(d.status, st);
    cr_expect_eq(sg_lexicon_actor_count(lex), 0);
    cr_expect_eq(sg_lexicon_relation_count(lex), 0);
    sg_lexicon_free(lex);
}

/* Inflects base through a one-relation lexicon and returns its forms in out. */
static void forms_of(const char *base, char out[SG_VF_COUNT][64])
{
    char json[256];
    sg_diag d;
    snprintf(json, sizeof json,
             "{\"relations\": [{\"id\": \"r\", \"label\": \"r\", \"cameo\": \"010\","
             " \"goldstein\": 0, \"verbs\": [\"%s\"]}]}",
             base);
    sg_lexicon *lex = sg_lexicon_new();
    cr_assert_eq(add_relations(lex, json, &d), SG_OK, "%s", d.msg);
    const sg_i_verb *v = &lex->relations[0].verbs[0];
    for (int f = 0; f < SG_VF_COUNT; f++) {
        snprintf(out[f], 64, "%s", v->forms[f]);
    }
    sg_lexicon_free(lex);
}

static void expect_forms(const char *base, const char *s, const char *past, const char *part,
                         const char *ing)
{
    char f[SG_VF_COUNT][64];
    forms_of(base, f);
    cr_expect_str_eq(f[SG_VF_BASE], base);
    cr_expect_str_eq(f[SG_VF_S], s, "%s: %s", base, f[SG_VF_S]);
    cr_expect_str_eq(f[SG_VF_PAST], past, "%s: %s", base, f[SG_VF_PAST]);
    cr_expect_str_eq(f[SG_VF_PART], part, "%s: %s", base, f[SG_VF_PART]);
    cr_expect_str_eq(f[SG_VF_ING], ing, "%s: %s", base, f[SG_VF_ING]);
}

static const char GOOD_ACTORS[] =
    "{\n"
    "  \"actors\": [\n"
    "    {\"id\": \"AZE\", \"name\": \"Azerbaijan\", \"type\": \"country\",\n"
    "     \"aliases\": [\"Azerbaijan\", \"Baku\"]},\n"
    "    {\"id\": \"AZE.MOD\", \"name\": \"Azerbaijani defense ministry\",\n"
    "     \"parent\": \"AZE\", \"patterns\": [\"defen[cs]e ministry\"]},\n"
    "    {\"id\": \"HAM\", \"name\": \"Hamas\", \"description\": \"a group\"}\n"
    "  ]\n"
    "}\n";

static const char GOOD_RELATIONS[] =
    "{\"relations\": [\n"
    "  {\"id\": \"accuse\", \"label\": \"accuses\", \"cameo\": \"112\", \"goldstein\": -2.0,\n"
    "   \"verbs\": [\"accuse\", \"blame\"], \"nouns\": [\"accusation\"]},\n"
    "  {\"id\": \"meet\", \"label\": \"meets\", \"cameo\": \"040\", \"goldstein\": 1,\n"
    "   \"verbs\": [\"meet\"], \"flags\": [\"reciprocal\"]},\n"
    "  {\"id\": \"say\", \"label\": \"makes statement\", \"cameo\": \"010\", \"goldstein\": 0,\n"
    "   \"verbs\": [\"say\"], \"flags\": [\"reporting\", \"untargeted\"],\n"
    "   \"patterns\": [\"\\\\bsaid\\\\b\"]}\n"
    "]}\n";

/* --- loading ------------------------------------------------------------------- */

Test(lexicon, good_actors_load_and_compile)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    cr_assert_eq(add_actors(lex, GOOD_ACTORS, &d), SG_OK, "%s", d.msg);
    cr_assert_eq(sg_lexicon_actor_count(lex), 3);
    cr_expect_str_eq(sg_lexicon_actor_id(lex, 0), "AZE");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, 1), "Azerbaijani defense ministry");
    cr_expect_str_eq(sg_lexicon_actor_type(lex, 0), "country");
    cr_expect_str_eq(sg_lexicon_actor_type(lex, 1), "");
    cr_expect_eq(sg_lexicon_actor_parent(lex, 1), SG_NONE); /* not compiled yet */
    cr_expect_eq(lex->actors[0].n_aliases, 2);
    cr_expect_str_eq(lex->actors[0].aliases[1], "Baku");
    cr_expect_eq(lex->actors[1].n_patterns, 1);
    cr_expect_not_null(lex->actors[1].patterns[0].code);
    cr_expect_str_eq(lex->actors[2].description, "a group");
    /* the stored positions of the actor objects and of the parent value */
    cr_expect_eq(lex->actors[1].line, 5);
    cr_expect_eq(lex->actors[1].col, 5);
    cr_expect_eq(lex->actors[1].parent_line, 6);
    cr_expect_eq(lex->actors[1].parent_col, 16);
    cr_expect_str_eq(lex->actors[1].file, "t.json");

    cr_assert_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
    cr_expect_eq(sg_lexicon_actor_parent(lex, 0), SG_NONE);
    cr_expect_eq(sg_lexicon_actor_parent(lex, 1), 0);
    cr_expect_eq(sg_lexicon_actor_parent(lex, 2), SG_NONE);
    cr_expect_eq(sg_lexicon_actor_find(lex, "HAM"), 2);
    cr_expect_eq(sg_lexicon_actor_find(lex, "ham"), SG_NONE);
    cr_expect_eq(sg_lexicon_actor_find(lex, "nope"), SG_NONE);
    sg_lexicon_free(lex);
}

Test(lexicon, good_relations_load)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    cr_assert_eq(add_relations(lex, GOOD_RELATIONS, &d), SG_OK, "%s", d.msg);
    cr_assert_eq(sg_lexicon_relation_count(lex), 3);
    cr_expect_str_eq(sg_lexicon_relation_id(lex, 0), "accuse");
    cr_expect_str_eq(sg_lexicon_relation_label(lex, 0), "accuses");
    cr_expect_str_eq(sg_lexicon_relation_cameo(lex, 0), "112");
    cr_expect_eq(sg_lexicon_relation_goldstein(lex, 0), -2.0);
    cr_expect_eq(sg_lexicon_relation_goldstein(lex, 1), 1.0);
    cr_expect_eq(sg_lexicon_relation_flags(lex, 0), 0u);
    cr_expect_eq(sg_lexicon_relation_flags(lex, 1), (unsigned)SG_REL_RECIPROCAL);
    cr_expect_eq(sg_lexicon_relation_flags(lex, 2),
                 (unsigned)(SG_REL_REPORTING | SG_REL_UNTARGETED));
    cr_expect_eq(lex->relations[0].n_verbs, 2);
    cr_expect_str_eq(lex->relations[0].verbs[1].forms[SG_VF_PAST], "blamed");
    cr_expect_eq(lex->relations[0].n_nouns, 1);
    cr_expect_str_eq(lex->relations[0].nouns[0], "accusation");
    cr_expect_str_eq(lex->relations[2].patterns[0].src, "\\bsaid\\b");
    cr_expect_eq(sg_lexicon_relation_find(lex, "meet"), 1);
    cr_expect_eq(sg_lexicon_relation_find(lex, "fight"), SG_NONE);
    cr_expect_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
    sg_lexicon_free(lex);
}

Test(lexicon, empty_section_and_bom_crlf)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    cr_expect_eq(add_actors(lex, "{\"actors\": []}", &d), SG_OK, "%s", d.msg);
    cr_expect_eq(
        add_actors(lex, "\xEF\xBB\xBF{\"actors\": [{\"id\": \"A\", \"name\": \"A\"}]}", &d), SG_OK,
        "%s", d.msg);
    cr_expect_eq(
        add_actors(lex, "{\r\n\"actors\": [\r\n{\"id\": \"B\", \"name\": \"B\"}\r\n]}\r\n", &d),
        SG_OK, "%s", d.msg);
    cr_expect_eq(sg_lexicon_actor_count(lex), 2);
    cr_expect_eq(lex->actors[0].col, 13); /* the BOM is not a column */
    cr_expect_eq(lex->actors[1].line, 3);
    cr_expect_eq(lex->actors[1].col, 1);
    sg_lexicon_free(lex);
    sg_lexicon_free(NULL);
}

Test(lexicon, several_files_and_unchanged_on_error)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    char line[300];
    cr_assert_eq(add_actors(lex, GOOD_ACTORS, &d), SG_OK, "%s", d.msg);
    /* a second file whose first actor is fine and whose second repeats an id */
    const char *second = "{\"actors\": [\n"
                         "  {\"id\": \"ARM\", \"name\": \"Armenia\"},\n"
                         "  {\"id\": \"AZE\", \"name\": \"Azerbaijan again\"}\n"
                         "]}";
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_add_actors_json(lex, "b.json", second, strlen(second), &d),
                 SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "b.json:3:10: error: duplicate actor id 'AZE'");
    cr_expect_eq(sg_lexicon_actor_count(lex), 3);
    cr_expect_eq(sg_lexicon_actor_find(lex, "ARM"), SG_NONE);

    const char *third = "{\"actors\": [{\"id\": \"ARM\", \"name\": \"Armenia\", \"parent\": "
                        "\"AZE\"}]}";
    cr_expect_eq(add_actors(lex, third, &d), SG_OK, "%s", d.msg);
    cr_expect_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
    cr_expect_eq(sg_lexicon_actor_parent(lex, 3), 0);
    /* adding after compile is refused */
    cr_expect_eq(add_actors(lex, "{\"actors\": []}", &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "t.json: error: cannot add to a lexicon after it is compiled");
    sg_lexicon_free(lex);
}

Test(lexicon, files)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    char line[300];
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_add_actors_file(lex, "tests/data/lexicons/good_actors.json", &d), SG_OK,
                 "%s", d.msg);
    cr_expect_eq(sg_lexicon_actor_count(lex), 2);
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_add_actors_file(lex, "tests/data/lexicons/missing.json", &d),
                 SG_ERR_IO);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "tests/data/lexicons/missing.json: error: cannot open: No such file "
                           "or directory");
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_add_relations_file(lex, "tests/data/lexicons/bad_pattern.json", &d),
                 SG_ERR_PATTERN);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "tests/data/lexicons/bad_pattern.json:6:27: error: pattern for "
                           "relation 'fight' does not compile: missing closing parenthesis");
    /* "-" is a file name for lexicons, never standard input */
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_add_actors_file(lex, "-", &d), SG_ERR_IO);
    cr_expect_str_eq(d.path, "-");
    cr_expect_eq(sg_lexicon_actor_count(lex), 2);
    sg_lexicon_free(lex);
}

/* --- the built-in lexicons ------------------------------------------------------ */

static size_t count_ids(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0;
    char line[4096];
    cr_assert_not_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        const char *p = strstr(line, "\"id\":");
        while (p != NULL) {
            n++;
            p = strstr(p + 5, "\"id\":");
        }
    }
    fclose(f);
    return n;
}

Test(lexicon, builtin_lexicons)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_lexicon_add_actors_file(lex, "lexicons/actors.json", &d), SG_OK, "%s", d.msg);
    cr_assert_eq(sg_lexicon_add_relations_file(lex, "lexicons/relations.json", &d), SG_OK, "%s",
                 d.msg);
    cr_assert_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
    /* every entry of the generated files is loaded: as many as they have "id" keys */
    cr_expect_eq(sg_lexicon_actor_count(lex), count_ids("lexicons/actors.json"));
    cr_expect_eq(sg_lexicon_relation_count(lex), count_ids("lexicons/relations.json"));
    cr_expect_geq(sg_lexicon_actor_count(lex), 2700);
    cr_expect_geq(sg_lexicon_relation_count(lex), 80);

    size_t aze = sg_lexicon_actor_find(lex, "AZE");
    size_t mod = sg_lexicon_actor_find(lex, "AZE.MOD");
    cr_assert_neq(aze, SG_NONE);
    cr_assert_neq(mod, SG_NONE);
    cr_expect_eq(sg_lexicon_actor_parent(lex, mod), aze);
    cr_expect_str_eq(sg_lexicon_actor_name(lex, aze), "Azerbaijan");
    cr_expect_str_eq(sg_lexicon_actor_type(lex, mod), "ministry");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, sg_lexicon_actor_find(lex, "AZE.ALIYEV")),
                     "Ilham Aliyev");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, sg_lexicon_actor_find(lex, "ARM.PASHINYAN")),
                     "Nikol Pashinyan");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, sg_lexicon_actor_find(lex, "RUS.KREMLIN")),
                     "Kremlin");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, sg_lexicon_actor_find(lex, "NKR")),
                     "Karabakh authorities");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, sg_lexicon_actor_find(lex, "ARM.PROTESTERS")),
                     "Armenian protesters");
    cr_expect_str_eq(sg_lexicon_actor_name(lex, sg_lexicon_actor_find(lex, "ARM")), "Armenia");

    /* the word "Karabakh" reaches the Karabakh authorities; "the government" is no alias */
    const sg_i_actor *nkr = &lex->actors[sg_lexicon_actor_find(lex, "NKR")];
    bool karabakh = false;
    for (size_t i = 0; i < nkr->n_aliases; i++) {
        karabakh = karabakh || strcmp(nkr->aliases[i], "Karabakh") == 0;
    }
    cr_expect(karabakh);
    for (size_t a = 0; a < lex->n_actors; a++) {
        for (size_t i = 0; i < lex->actors[a].n_aliases; i++) {
            cr_expect_str_neq(lex->actors[a].aliases[i], "the government");
            cr_expect_str_neq(lex->actors[a].aliases[i], "government");
        }
    }

    /* every relation of the vocabulary (tests/../devset README), with its CAMEO code */
    static const char want[][2][32] = {
        {"make_statement", "010"},
        {"deny", "016"},
        {"appeal", "020"},
        {"express_intent_cooperate", "030"},
        {"meet", "040"},
        {"consult", "046"},
        {"cooperate", "050"},
        {"endorse", "051"},
        {"aid", "070"},
        {"yield", "080"},
        {"investigate", "090"},
        {"demand", "100"},
        {"criticize", "111"},
        {"accuse", "112"},
        {"reject", "120"},
        {"refuse", "125"},
        {"threaten", "130"},
        {"protest", "140"},
        {"mobilize", "150"},
        {"reduce_relations", "160"},
        {"coerce", "170"},
        {"assault", "180"},
        {"fight", "190"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        size_t r = sg_lexicon_relation_find(lex, want[i][0]);
        cr_assert_neq(r, SG_NONE, "relation %s missing", want[i][0]);
        cr_expect_str_eq(sg_lexicon_relation_cameo(lex, r), want[i][1]);
    }
    size_t r = sg_lexicon_relation_find(lex, "consult");
    cr_expect_eq(sg_lexicon_relation_goldstein(lex, r), 7.0);
    cr_expect_eq(sg_lexicon_relation_flags(lex, r), (unsigned)SG_REL_RECIPROCAL);
    r = sg_lexicon_relation_find(lex, "fight");
    cr_expect_eq(sg_lexicon_relation_goldstein(lex, r), -10.0);
    cr_expect_str_eq(sg_lexicon_relation_label(lex, r), "fights");
    r = sg_lexicon_relation_find(lex, "refuse");
    cr_expect_eq(sg_lexicon_relation_flags(lex, r), (unsigned)SG_REL_REFUSAL);
    cr_expect_eq(sg_lexicon_relation_goldstein(lex, r), -5.0);
    r = sg_lexicon_relation_find(lex, "make_statement");
    cr_expect_eq(sg_lexicon_relation_flags(lex, r),
                 (unsigned)(SG_REL_REPORTING | SG_REL_UNTARGETED));
    r = sg_lexicon_relation_find(lex, "deny");
    cr_expect_eq(sg_lexicon_relation_flags(lex, r), (unsigned)SG_REL_DENIAL);
    cr_expect_str_eq(sg_lexicon_relation_label(lex, r), "denies");

    /* no verb form or noun triggers two different relations */
    for (size_t a = 0; a < lex->n_relations; a++) {
        for (size_t b = a + 1; b < lex->n_relations; b++) {
            const sg_i_relation *ra = &lex->relations[a];
            const sg_i_relation *rb = &lex->relations[b];
            for (size_t i = 0; i < ra->n_verbs; i++) {
                for (size_t j = 0; j < rb->n_verbs; j++) {
                    for (int f = 0; f < SG_VF_COUNT; f++) {
                        cr_expect_str_neq(ra->verbs[i].forms[f], rb->verbs[j].forms[f],
                                          "%s in %s and %s", ra->verbs[i].forms[f], ra->id, rb->id);
                    }
                }
            }
            for (size_t i = 0; i < ra->n_nouns; i++) {
                for (size_t j = 0; j < rb->n_nouns; j++) {
                    cr_expect_str_neq(ra->nouns[i], rb->nouns[j], "%s in %s and %s", ra->nouns[i],
                                      ra->id, rb->id);
                }
            }
        }
    }
    sg_lexicon_free(lex);
}

/* --- inflection ------------------------------------------------------------------ */

Test(inflect, regular)
{
    expect_forms("accuse", "accuses", "accused", "accused", "accusing");
    expect_forms("deny", "denies", "denied", "denied", "denying");
    expect_forms("stop", "stops", "stopped", "stopped", "stopping");
    expect_forms("visit", "visits", "visited", "visited", "visiting");
    expect_forms("target", "targets", "targeted", "targeted", "targeting");
    expect_forms("offer", "offers", "offered", "offered", "offering");
    expect_forms("criticise", "criticises", "criticised", "criticised", "criticising");
    expect_forms("criticize", "criticizes", "criticized", "criticized", "criticizing");
    expect_forms("push", "pushes", "pushed", "pushed", "pushing");
    expect_forms("agree", "agrees", "agreed", "agreed", "agreeing");
    expect_forms("die", "dies", "died", "died", "dying");
    expect_forms("wage", "wages", "waged", "waged", "waging");
    expect_forms("seize", "seizes", "seized", "seized", "seizing");
    expect_forms("deploy", "deploys", "deployed", "deployed", "deploying");
    expect_forms("slam", "slams", "slammed", "slammed", "slamming");
    expect_forms("expel", "expels", "expelled", "expelled", "expelling");
    expect_forms("kidnap", "kidnaps", "kidnapped", "kidnapped", "kidnapping");
    expect_forms("threaten", "threatens", "threatened", "threatened", "threatening");
    expect_forms("veto", "vetoes", "vetoed", "vetoed", "vetoing");
    expect_forms("rebut", "rebuts", "rebutted", "rebutted", "rebutting");
    expect_forms("dismiss", "dismisses", "dismissed", "dismissed", "dismissing");
    expect_forms("panic", "panics", "panicked", "panicked", "panicking");
    expect_forms("rally", "rallies", "rallied", "rallied", "rallying");
}

Test(inflect, irregular)
{
    expect_forms("fight", "fights", "fought", "fought", "fighting");
    expect_forms("meet", "meets", "met", "met", "meeting");
    expect_forms("say", "says", "said", "said", "saying");
    expect_forms("tell", "tells", "told", "told", "telling");
    expect_forms("strike", "strikes", "struck", "struck", "striking");
    expect_forms("withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing");
    expect_forms("beat", "beats", "beat", "beaten", "beating");
    expect_forms("begin", "begins", "began", "begun", "beginning");
    expect_forms("forbid", "forbids", "forbade", "forbidden", "forbidding");
    expect_forms("hit", "hits", "hit", "hit", "hitting");
    expect_forms("go", "goes", "went", "gone", "going");
    expect_forms("seek", "seeks", "sought", "sought", "seeking");
    expect_forms("shoot", "shoots", "shot", "shot", "shooting");
    expect_forms("be", "is", "was", "been", "being");
}

Test(inflect, multi_word)
{
    expect_forms("call for", "calls for", "called for", "called for", "calling for");
    expect_forms("agree to", "agrees to", "agreed to", "agreed to", "agreeing to");
    expect_forms("hold talks", "holds talks", "held talks", "held talks", "holding talks");
    expect_forms("shoot down", "shoots down", "shot down", "shot down", "shooting down");
}

/* --- errors ---------------------------------------------------------------------- */

Test(errors, malformed_json)
{
    expect_error(false, "", SG_ERR_SYNTAX,
                 "t.json:1:1: error: invalid JSON: unexpected end of input");
    expect_error(false, " \n ", SG_ERR_SYNTAX,
                 "t.json:2:2: error: invalid JSON: unexpected end of input");
    expect_error(false, "{\"actors\": [\n  {\"id\": \"A\", \"name\": \"A\",}\n]}", SG_ERR_SYNTAX,
                 "t.json:2:27: error: invalid JSON: expected a key (trailing comma?)");
    expect_error(false, "{\"actors\": [] \"x\": 1}", SG_ERR_SYNTAX,
                 "t.json:1:15: error: invalid JSON: expected ',' or '}'");
    expect_error(false, "{\"actors\": [{\"id\": \"A}]}", SG_ERR_SYNTAX,
                 "t.json:1:20: error: invalid JSON: unterminated string");
    expect_error(false, "{\"actors\": []} x", SG_ERR_SYNTAX,
                 "t.json:1:16: error: invalid JSON: unexpected text after the top-level value");
    expect_error(false, "{\"actors\": [01]}", SG_ERR_SYNTAX,
                 "t.json:1:13: error: invalid JSON: invalid number");
    expect_error(false, "{\"actors\": [\"a\\qb\"]}", SG_ERR_SYNTAX,
                 "t.json:1:15: error: invalid JSON: invalid escape in string");
    expect_error(false, "{\"actors\": [tru]}", SG_ERR_SYNTAX,
                 "t.json:1:13: error: invalid JSON: invalid literal");
    expect_error(false, "{\"actors\" []}", SG_ERR_SYNTAX,
                 "t.json:1:11: error: invalid JSON: expected ':' after key");
    expect_error(false, "{\"actors\": [\"\\u0000\"]}", SG_ERR_SYNTAX,
                 "t.json:1:14: error: invalid JSON: NUL character in string");
    expect_error(false, "{\"actors\": [\"\xC3\"]}", SG_ERR_SYNTAX,
                 "t.json:1:14: error: invalid UTF-8 byte sequence");
    /* CRLF line endings and a BOM do not shift positions */
    expect_error(false, "\xEF\xBB\xBF{\r\n\"actors\": [,]}", SG_ERR_SYNTAX,
                 "t.json:2:12: error: invalid JSON: expected a value");
}

Test(errors, top_level)
{
    expect_error(false, "[]", SG_ERR_SYNTAX,
                 "t.json:1:1: error: expected an object with key 'actors' at top level");
    expect_error(false, "{}", SG_ERR_SYNTAX,
                 "t.json:1:1: error: missing key 'actors' at top level");
    expect_error(false, "{\"actors\": [], \"x\": 1}", SG_ERR_SYNTAX,
                 "t.json:1:16: error: unknown key 'x' at top level");
    expect_error(true, "{\"actors\": []}", SG_ERR_SYNTAX,
                 "t.json:1:2: error: unknown key 'actors' at top level");
    expect_error(false, "{\"actors\": {}}", SG_ERR_SYNTAX,
                 "t.json:1:12: error: 'actors' must be an array of objects");
    expect_error(false, "{\"actors\": [{\"id\": \"A\", \"name\": \"A\"}, 3]}", SG_ERR_SYNTAX,
                 "t.json:1:39: error: 'actors' must be an array of objects");
    expect_error(false, "{\"actors\": [], \"actors\": []}", SG_ERR_SYNTAX,
                 "t.json:1:16: error: duplicate key 'actors' at top level");
}

Test(errors, actor_keys)
{
    expect_error(false,
                 "{\"actors\": [\n"
                 "  {\"id\": \"AZE\", \"name\": \"Azerbaijan\",\n"
                 "   \"aliasses\": [\"Baku\"]}\n"
                 "]}",
                 SG_ERR_SYNTAX, "t.json:3:4: error: unknown key 'aliasses' in actor 'AZE'");
    expect_error(false,
                 "{\"actors\": [\n"
                 "  {\"id\": \"AZE\", \"name\": \"Azerbaijan\", \"aliases\": [\"Baku\"],\n"
                 "   \"aliases\": [\"Azerbaijan\"]}\n"
                 "]}",
                 SG_ERR_SYNTAX, "t.json:3:4: error: duplicate key 'aliases' in actor 'AZE'");
    expect_error(false, "{\"actors\": [{\"name\": \"A\"}]}", SG_ERR_SYNTAX,
                 "t.json:1:13: error: missing key 'id' in actor #1");
    expect_error(false, "{\"actors\": [{\"id\": 7, \"name\": \"A\"}]}", SG_ERR_SYNTAX,
                 "t.json:1:20: error: 'id' of actor #1 must be a string");
    expect_error(false, "{\"actors\": [{\"id\": \"a b\", \"name\": \"A\"}]}", SG_ERR_SYNTAX,
                 "t.json:1:20: error: invalid actor id 'a b'");
    expect_error(false, "{\"actors\": [{\"id\": \"A\"}]}", SG_ERR_SYNTAX,
                 "t.json:1:13: error: missing key 'name' in actor 'A'");
    expect_error(false, "{\"actors\": [{\"id\": \"A\", \"name\": \"\"}]}", SG_ERR_SYNTAX,
                 "t.json:1:33: error: 'name' of actor 'A' must be a non-empty string");
    expect_error(false, "{\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"type\": 1}]}",
                 SG_ERR_SYNTAX, "t.json:1:46: error: 'type' of actor 'A' must be a string");
    expect_error(false,
                 "{\"actors\": [\n"
                 "  {\"id\": \"A\", \"name\": \"A\"},\n"
                 "  {\"id\": \"A\", \"name\": \"B\"}\n"
                 "]}",
                 SG_ERR_SYNTAX, "t.json:3:10: error: duplicate actor id 'A'");
}

Test(errors, actor_aliases)
{
    expect_error(false, "{\"actors\": [{\"id\": \"AZE\", \"name\": \"A\", \"aliases\": \"Baku\"}]}",
                 SG_ERR_SYNTAX,
                 "t.json:1:51: error: 'aliases' of actor 'AZE' must be an array of strings");
    expect_error(
        false, "{\"actors\": [{\"id\": \"AZE\", \"name\": \"A\", \"aliases\": [\"Baku\", 3]}]}",
        SG_ERR_SYNTAX, "t.json:1:60: error: 'aliases' of actor 'AZE' must be an array of strings");
    expect_error(false,
                 "{\"actors\": [{\"id\": \"AZE\", \"name\": \"A\",\n"
                 "  \"aliases\": [\"Baku\", \"\"]}]}",
                 SG_ERR_SYNTAX, "t.json:2:23: error: empty alias in actor 'AZE'");
    expect_error(false,
                 "{\"actors\": [{\"id\": \"AZE\", \"name\": \"A\",\n"
                 "  \"aliases\": [\"--\"]}]}",
                 SG_ERR_SYNTAX,
                 "t.json:2:15: error: alias '--' of actor 'AZE' has no letter or digit");
}

Test(errors, patterns)
{
    /* the column is the pattern's own error offset: the ')' at offset 2 of "Ha)mas" */
    expect_error(false,
                 "{\"actors\": [\n"
                 "  {\"id\": \"Hamas\", \"name\": \"Hamas\",\n"
                 "   \"patterns\": [\"ok\", \"Ha)mas\"]}\n"
                 "]}",
                 SG_ERR_PATTERN,
                 "t.json:3:26: error: pattern for actor 'Hamas' does not compile: unmatched "
                 "closing parenthesis");
    /* a missing ')' is found at the end of the pattern: the column of the closing quote */
    expect_error(false,
                 "{\"actors\": [\n"
                 "  {\"id\": \"Hamas\", \"name\": \"Hamas\",\n"
                 "   \"patterns\": [\"ok\", \"Ha(mas\"]}\n"
                 "]}",
                 SG_ERR_PATTERN,
                 "t.json:3:30: error: pattern for actor 'Hamas' does not compile: missing "
                 "closing parenthesis");
    /* JSON escapes before the error are mapped back to raw columns: \\d is 3 raw bytes
     * for 2 pattern bytes, \u00e9 6 raw bytes for one code point */
    expect_error(false,
                 "{\"actors\": [{\"id\": \"X\", \"name\": \"X\", "
                 "\"patterns\": [\"\\\\d\\u00e9[z\"]}]}",
                 SG_ERR_PATTERN,
                 "t.json:1:63: error: pattern for actor 'X' does not compile: missing "
                 "terminating ] for character class");
    /* non-ASCII before the error: columns count code points */
    expect_error(false,
                 "{\"actors\": [{\"id\": \"X\", \"name\": \"X\", \"patterns\": [\"é?+*\"]}]}",
                 SG_ERR_PATTERN,
                 "t.json:1:55: error: pattern for actor 'X' does not compile: quantifier does "
                 "not follow a repeatable item");
    expect_error(false, "{\"actors\": [{\"id\": \"X\", \"name\": \"X\", \"patterns\": [\"\"]}]}",
                 SG_ERR_SYNTAX, "t.json:1:51: error: empty pattern in actor 'X'");
}

Test(errors, relations)
{
    static const char head[] = "{\"relations\": [{\"id\": \"r\", \"label\": \"x\", ";
    char json[512];
    char want[512];
    size_t col = sizeof head; /* column just after the head */

    snprintf(json, sizeof json, "%s\"cameo\": \"010\", \"goldstein\": 12.5}]}", head);
    snprintf(want, sizeof want,
             "t.json:1:%zu: error: goldstein weight 12.5 of relation 'r' is outside -10..10",
             col + 29);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"010\", \"goldstein\": \"-2\"}]}", head);
    snprintf(want, sizeof want, "t.json:1:%zu: error: 'goldstein' of relation 'r' must be a number",
             col + 29);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"010\"}]}", head);
    snprintf(want, sizeof want, "t.json:1:16: error: missing key 'goldstein' in relation 'r'");
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"1a2\", \"goldstein\": 0}]}", head);
    snprintf(want, sizeof want,
             "t.json:1:%zu: error: invalid cameo code '1a2' of relation 'r' (2 to 4 digits "
             "expected)",
             col + 9);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"01234\", \"goldstein\": 0}]}", head);
    snprintf(want, sizeof want,
             "t.json:1:%zu: error: invalid cameo code '01234' of relation 'r' (2 to 4 digits "
             "expected)",
             col + 9);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json,
             "%s\"cameo\": \"010\", \"goldstein\": 0, \"flags\": [\"untargeted\", \"loud\"]}]}",
             head);
    snprintf(want, sizeof want, "t.json:1:%zu: error: unknown flag 'loud' in relation 'r'",
             col + 56);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"010\", \"goldstein\": 0, \"verbs\": [\"\"]}]}",
             head);
    snprintf(want, sizeof want, "t.json:1:%zu: error: empty verb in relation 'r'", col + 42);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json,
             "%s\"cameo\": \"010\", \"goldstein\": 0, \"verbs\": [\"call  for\"]}]}", head);
    snprintf(want, sizeof want,
             "t.json:1:%zu: error: verb 'call  for' of relation 'r' has extra spaces", col + 42);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"010\", \"goldstein\": 0, \"nouns\": \"talks\"}]}",
             head);
    snprintf(want, sizeof want,
             "t.json:1:%zu: error: 'nouns' of relation 'r' must be an array of strings", col + 41);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    snprintf(json, sizeof json, "%s\"cameo\": \"010\", \"goldstein\": 0, \"verb\": [\"say\"]}]}",
             head);
    snprintf(want, sizeof want, "t.json:1:%zu: error: unknown key 'verb' in relation 'r'",
             col + 32);
    expect_error(true, json, SG_ERR_SYNTAX, want);

    expect_error(true,
                 "{\"relations\": [\n"
                 "  {\"id\": \"r\", \"label\": \"x\", \"cameo\": \"010\", \"goldstein\": 0},\n"
                 "  {\"id\": \"r\", \"label\": \"y\", \"cameo\": \"010\", \"goldstein\": 0}\n"
                 "]}",
                 SG_ERR_SYNTAX, "t.json:3:10: error: duplicate relation id 'r'");
}

Test(errors, parents)
{
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    char line[300];
    cr_assert_eq(add_actors(lex,
                            "{\"actors\": [\n"
                            "  {\"id\": \"AZE\", \"name\": \"A\"},\n"
                            "  {\"id\": \"AZE.MOD\", \"name\": \"M\",\n"
                            "   \"parent\": \"XYZ\"}\n"
                            "]}",
                            &d),
                 SG_OK, "%s", d.msg);
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_compile(lex, &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "t.json:4:14: error: unknown parent 'XYZ' of actor 'AZE.MOD'");
    sg_lexicon_free(lex);

    lex = sg_lexicon_new();
    cr_assert_eq(add_actors(lex,
                            "{\"actors\": [\n"
                            "  {\"id\": \"A\", \"name\": \"A\", \"parent\": \"B\"},\n"
                            "  {\"id\": \"B\", \"name\": \"B\", \"parent\": \"A\"}\n"
                            "]}",
                            &d),
                 SG_OK, "%s", d.msg);
    sg_diag_init(&d);
    cr_expect_eq(sg_lexicon_compile(lex, &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "t.json:2:38: error: parent 'B' of actor 'A' makes a cycle");
    sg_lexicon_free(lex);

    lex = sg_lexicon_new();
    cr_assert_eq(
        add_actors(lex, "{\"actors\": [{\"id\": \"S\", \"name\": \"S\", \"parent\": \"S\"}]}", &d),
        SG_OK, "%s", d.msg);
    cr_expect_eq(sg_lexicon_compile(lex, &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_expect_str_eq(line, "t.json:1:48: error: parent 'S' of actor 'S' makes a cycle");
    sg_lexicon_free(lex);

    expect_error(false, "{\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"parent\": \"x y\"}]}",
                 SG_ERR_SYNTAX, "t.json:1:48: error: invalid parent 'x y' of actor 'A'");
}

Test(lexicon, shared_alias_needs_disjoint_validity)
{
    const char *overlap = "{\"actors\": ["
                          "{\"id\": \"A\", \"name\": \"A\", \"valid_from\": \"2020-01-01\", "
                          "\"aliases\": [\"The Chief\"]},"
                          "{\"id\": \"B\", \"name\": \"B\", \"valid_from\": \"2024-01-01\", "
                          "\"aliases\": [\"The Chief\"]}]}";
    sg_lexicon *lex = sg_lexicon_new();
    sg_diag d;
    char line[300];
    cr_assert_eq(sg_lexicon_add_actors_json(lex, "o.json", overlap, strlen(overlap), &d), SG_OK);
    cr_assert_eq(sg_lexicon_compile(lex, &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line, "o.json:1:92: error: alias 'The Chief' of actor 'B' already belongs "
                           "to actor 'A'");
    sg_lexicon_free(lex);
    const char *bad = "{\"actors\": [{\"id\": \"A\", \"name\": \"A\", \"valid_from\": "
                      "\"2024-02-30\"}]}";
    lex = sg_lexicon_new();
    cr_assert_eq(sg_lexicon_add_actors_json(lex, "b.json", bad, strlen(bad), &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line, "b.json:1:52: error: invalid date '2024-02-30' in 'valid_from' of "
                           "actor 'A' (YYYY-MM-DD expected)");
    sg_lexicon_free(lex);
}

/* hostile numbers and shapes: each an error with its place and reason */
Test(errors, hostile_numbers_and_nesting)
{
    const char *rel = "{\"relations\": [{\"id\": \"r\", \"label\": \"r\", \"cameo\": \"010\", "
                      "\"goldstein\": %s, \"verbs\": [\"say\"]}]}";
    static const struct {
        const char *num, *want;
    } cases[] = {
        {"1e400", "t.json:1:71: error: goldstein weight inf of relation 'r' is outside -10..10"},
        {"9007199254740993",
         "t.json:1:71: error: goldstein weight 9.0072e+15 of relation 'r' is outside -10..10"},
        {"2147483648",
         "t.json:1:71: error: goldstein weight 2.14748e+09 of relation 'r' is outside -10..10"},
        {"-1e400", "t.json:1:71: error: goldstein weight -inf of relation 'r' is outside -10..10"},
        {"\"5\"", "t.json:1:71: error: 'goldstein' of relation 'r' must be a number"},
    };
    char json[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(json, sizeof json, rel, cases[i].num);
        expect_error(true, json, SG_ERR_SYNTAX, cases[i].want);
    }
    /* 5,000 nested arrays: refused by the parser's depth limit, not a stack overflow */
    static char deep[10100];
    size_t n = (size_t)snprintf(deep, sizeof deep, "{\"actors\": ");
    for (int i = 0; i < 5000; i++) {
        deep[n++] = '[';
    }
    for (int i = 0; i < 5000; i++) {
        deep[n++] = ']';
    }
    deep[n++] = '}';
    deep[n] = '\0';
    expect_error(false, deep, SG_ERR_SYNTAX, "t.json:1:523: error: invalid JSON: nesting too deep");
}
