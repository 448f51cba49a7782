/* Unit tests of lexicon lint and statistics (src/lint.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stancegraph.h"

typedef struct seen {
    char lines[8][300];
    size_t n;
} seen;

static void collect(const sg_lint_finding *f, void *ud)
{
    seen *s = ud;
    if (s->n < 8) {
        snprintf(s->lines[s->n], sizeof s->lines[0], "%s %s", f->error ? "E" : "W", f->diag.msg);
        s->n++;
    }
}

static sg_lexicon *load(const char *actors, const char *relations)
{
    sg_diag d;
    sg_lexicon *lex = sg_lexicon_new();
    cr_assert_eq(sg_lexicon_add_actors_json(lex, "a.json", actors, strlen(actors), &d), SG_OK, "%s",
                 d.msg);
    if (relations != NULL) {
        cr_assert_eq(sg_lexicon_add_relations_json(lex, "r.json", relations, strlen(relations), &d),
                     SG_OK, "%s", d.msg);
    }
    cr_assert_eq(sg_lexicon_compile(lex, &d), SG_OK, "%s", d.msg);
    return lex;
}

Test(lint, a_clean_lexicon_has_no_findings)
{
    sg_lexicon *lex = load("{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"aliases\": "
                           "[\"Alpha\"]}, {\"id\": \"A.GOV\", \"name\": \"Alpha government\", "
                           "\"parent\": \"A\", \"aliases\": [\"Alpha government\"]}]}",
                           NULL);
    seen s = {{{0}}, 0};
    cr_assert_eq(sg_lexicon_lint(lex, collect, &s), 0);
    cr_assert_eq(s.n, 0); /* "Alpha" inside its child's alias is by design */
    sg_lexicon_free(lex);
}

Test(lint, shadowed_alias_and_bad_patterns)
{
    sg_lexicon *lex =
        load("{\"actors\": [{\"id\": \"K\", \"name\": \"South Korea\", \"aliases\": "
             "[\"South Korea\"]}, {\"id\": \"P\", \"name\": \"North Korea\", \"aliases\": "
             "[\"Korea\"], \"patterns\": [\"(?:)\", \"(x+x+)+y\"]}]}",
             "{\"relations\": [{\"id\": \"r\", \"label\": \"r\", \"cameo\": \"010\", "
             "\"goldstein\": 0}]}");
    seen s = {{{0}}, 0};
    cr_assert_eq(sg_lexicon_lint(lex, collect, &s), 2);
    cr_assert_eq(s.n, 4);
    cr_assert_str_eq(s.lines[0], "W alias 'Korea' of actor 'P' is shadowed by the longer alias "
                                 "'South Korea' of actor 'K'");
    cr_assert_str_eq(s.lines[1], "E pattern '(?:)' of actor 'P' matches the empty string");
    cr_assert(
        strncmp(s.lines[2], "E pattern '(x+x+)+y' of actor 'P' backtracks without bound", 55) == 0,
        "%s", s.lines[2]);
    cr_assert_str_eq(s.lines[3], "W relation 'r' has no verb, noun or pattern");
    sg_lexicon_free(lex);
}

/* An alias of more than 64 tokens: its sub-spans are looked up among the first 64 token
 * starts, the last span reaching to its end (found by the lexicon fuzz target: the array
 * of starts had no room for the end). */
Test(lint, alias_of_many_tokens)
{
    char actors[1024];
    int used = snprintf(actors, sizeof actors,
                        "{\"actors\": [{\"id\": \"S\", \"name\": \"Short\", \"aliases\": "
                        "[\"Yon Tor\"]}, {\"id\": \"L\", \"name\": \"Long\", \"aliases\": "
                        "[\"Yon Tor");
    for (int i = 0; i < 70; i++) {
        used += snprintf(actors + used, sizeof actors - (size_t)used, " w%d", i);
    }
    snprintf(actors + used, sizeof actors - (size_t)used, "\"]}]}");
    sg_lexicon *lex = load(actors, NULL);
    seen s = {{{0}}, 0};
    cr_assert_eq(sg_lexicon_lint(lex, collect, &s), 0);
    cr_assert_eq(s.n, 1);
    cr_assert(strncmp(s.lines[0], "W alias 'Yon Tor' of actor 'S' is shadowed by the longer alias",
                      62) == 0,
              "%s", s.lines[0]);
    sg_lexicon_free(lex);
}

/* A pattern naming more than 16 letters or digits: the probes take a run of each of the
 * first 16 (found by the lexicon fuzz target: the 17th was written past their array). */
Test(lint, pattern_naming_many_letters)
{
    sg_lexicon *lex = load("{\"actors\": [{\"id\": \"P\", \"name\": \"P\", \"patterns\": "
                           "[\"\\\\b(?:abcdefghijklmnopqrstuvwxyz0123456789)\\\\b\"]}]}",
                           NULL);
    seen s = {{{0}}, 0};
    cr_assert_eq(sg_lexicon_lint(lex, collect, &s), 0);
    cr_assert_eq(s.n, 0, "%s", s.lines[0]);
    sg_lexicon_free(lex);
}

Test(lint, stats)
{
    sg_lexicon *lex = load("{\"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"type\": "
                           "\"country\", \"aliases\": [\"Alpha\", \"Alf\"]}]}",
                           "{\"relations\": [{\"id\": \"accuse\", \"label\": \"accuses\", "
                           "\"cameo\": \"112\", \"goldstein\": -2, \"verbs\": [\"accuse\"], "
                           "\"nouns\": [\"accusation\"]}]}");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sg_diag d;
    cr_assert_eq(sg_lexicon_write_stats(lex, f, &d), SG_OK);
    fclose(f);
    cr_assert_str_eq(buf, "actors: 1 (aliases 2, patterns 0)\n"
                          "  country                   1\n"
                          "relations: 1 (verb forms 5, nouns 1, patterns 0)\n"
                          "  CAMEO 11                  1\n");
    free(buf);
    sg_lexicon_free(lex);
}
