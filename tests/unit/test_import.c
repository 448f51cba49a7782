/* Unit tests of the dictionary import: exact conversions of small TABARI/PETRARCH
 * snippets (actors with synonyms and dated codes, agents, a verb set), exact report
 * counts, and the real Phoenix actor files from ../shared/data/petrarch2 (skipped when
 * absent) loaded and compiled. Run from the repository root. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sg_import.h"
#include "sg_lexicon.h"

#define PETRARCH_DIR "../shared/data/petrarch2/"

/* --- helpers ------------------------------------------------------------------- */

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/sg-import-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(import, .init = make_dir, .fini = remove_dir);

/* Writes content to dir/name and returns the path (a static buffer per slot). */
static const char *write_file(int slot, const char *name, const char *content)
{
    static char paths[4][128];
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", dir, name);
    FILE *f = fopen(paths[slot], "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(content, 1, strlen(content), f), strlen(content));
    cr_assert_eq(fclose(f), 0);
    return paths[slot];
}

/* Converts paths[0..n) and returns the JSON (malloc'd); *st receives the status. */
static char *convert(const char *const *paths, size_t n, sg_import_report *rep, sg_status *st,
                     sg_diag *d)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    cr_assert_not_null(f);
    *st = sg_import_dictionaries(SG_IMPORT_PETRARCH, paths, n, f, rep, d);
    cr_assert_eq(fclose(f), 0);
    return out;
}

static size_t sum_lines(const sg_import_report *r)
{
    size_t s = 0;
    for (int k = 0; k < SG_IMPORT_KIND_COUNT; k++) {
        s += r->lines_as[k];
    }
    for (int k = 0; k < SG_IMPORT_DROP_COUNT; k++) {
        s += r->dropped[k];
    }
    return s;
}

/* --- actors ---------------------------------------------------------------------- */

Test(import, actor_with_two_synonyms_and_dated_codes)
{
    const char *p = write_file(0, "t.actors.txt",
                               "<!-- a comment -->\n"
                               "GOLLUM  # pas 27 Apr 03\n"
                               "+SMEAGOL\n"
                               "\t[HOB < 950601]\n"
                               "\t[HOBGOV 19950601 - 19990815]\n"
                               "\t[HOBREB > 990816]\n"
                               "UNITED_STATES_  [USA]\n"
                               "+U.S.  #JW   9/12/91\n"
                               "+SMEAGOL\n");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_str_eq(json, "{\"actors\": [\n"
                           "  {\"id\": \"HOBREB\", \"name\": \"Gollum\", \"type\": \"rebels\", "
                           "\"aliases\": [\"Gollum\", \"Smeagol\"]},\n"
                           "  {\"id\": \"USA\", \"name\": \"United States\", \"type\": "
                           "\"country\", \"aliases\": [\"United States\", \"U.S.\"]}\n"
                           "]}\n");
    cr_expect_eq(r.files, 1);
    cr_expect_eq(r.lines, 9);
    cr_expect_eq(r.lines_as[SG_IMPORT_BLANK], 1);
    cr_expect_eq(r.lines_as[SG_IMPORT_ALIAS], 4);
    cr_expect_eq(r.lines_as[SG_IMPORT_CODE], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_OTHER_CODE], 2);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_AMBIGUOUS], 1);
    cr_expect_eq(sum_lines(&r), r.lines);
    cr_expect_eq(r.entries, 2);
    cr_expect_eq(r.dated_entries, 1);
    cr_expect_eq(r.codes_not_kept, 2);
    cr_expect_eq(r.actors, 2);
    cr_expect_eq(r.aliases, 4);
    free(json);
}

Test(import, undated_code_wins_null_and_bad_codes_are_counted)
{
    const char *p = write_file(0, "t.actors.txt",
                               "\xEF\xBB\xBFHAMID_KARZAI_\r\n"
                               "+PRESIDENT_KARZAI_\r\n"
                               "\t[AFGELI 750101-000101]\r\n"
                               "\t[AFGGOV >011222]\r\n"
                               "\t[AFGELI]\r\n"
                               "BOROMIR  [---]\n"
                               "LORIEN  [ELR/GAL]\n"
                               "U.N._\n"
                               "+CAT\n"
                               "IRAN [IRN]\n"
                               "THE_AU [IGOAFR]\n");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_str_eq(json, "{\"actors\": [\n"
                           "  {\"id\": \"AFGELI\", \"name\": \"Hamid Karzai\", \"type\": "
                           "\"elite\", \"aliases\": [\"Hamid Karzai\", \"President Karzai\"]},\n"
                           "  {\"id\": \"IGOAFR\", \"name\": \"The AU\", \"type\": \"igo\", "
                           "\"aliases\": [\"The AU\"]},\n"
                           "  {\"id\": \"IRN\", \"name\": \"Iran\", \"type\": \"country\", "
                           "\"aliases\": [\"Iran\"]}\n"
                           "]}\n");
    cr_expect_eq(r.lines, 11);
    cr_expect_eq(r.lines_as[SG_IMPORT_ALIAS], 4);
    cr_expect_eq(r.lines_as[SG_IMPORT_CODE], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_OTHER_CODE], 2);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_NULL_CODE], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_BAD_CODE], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_NO_CODE], 2);
    cr_expect_eq(sum_lines(&r), r.lines);
    cr_expect_eq(r.dated_entries, 1);
    free(json);
}

Test(import, empty_file_gives_an_empty_lexicon)
{
    const char *p = write_file(0, "e.actors.txt", "");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_str_eq(json, "{\"actors\": [\n]}\n");
    cr_expect_eq(r.lines, 0);
    free(json);
}

Test(import, invalid_utf8_line_is_dropped)
{
    const char *p = write_file(0, "u.actors.txt", "CAF\xC3\x28 [FRA]\nFRANCE [FRA]\n");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_BAD_UTF8], 1);
    cr_expect_eq(r.lines_as[SG_IMPORT_ALIAS], 1);
    free(json);
}

/* --- agents ---------------------------------------------------------------------- */

Test(import, agent_file_is_counted_and_dropped)
{
    const char *p = write_file(0, "t.agents.txt",
                               "<!-- AGENTS -->\n"
                               "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
                               "GOVERNMENT  [~GOV] # ems 22 Sep 2000\n"
                               "CONGRESS!PERSON! [~LEG]\n"
                               "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n"
                               "HUMAN_RIGHTS_BODY  [NGO~]\n");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_str_eq(json, "{\"actors\": [\n]}\n");
    cr_expect_eq(r.lines, 6);
    cr_expect_eq(r.lines_as[SG_IMPORT_BLANK], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_AGENT], 5);
    cr_expect_eq(r.agents, 4);
    cr_expect_eq(sum_lines(&r), r.lines);
    free(json);
}

/* --- verbs ----------------------------------------------------------------------- */

Test(import, verb_set_becomes_relations_by_cameo_code)
{
    const char *p = write_file(0, "t.verbs.txt",
                               "&CURRENCY\n"
                               "+DOLLAR\n"
                               "--- ACCUSE [112] ---\n"
                               "ACCUSE\n"
                               "BLAME  # tony 3/9/91\n"
                               "CHARGE [121]\n"
                               "BAN {BANS BANNED}\n"
                               "+BREAK_DOWN\n"
                               "WIRE_+TAP\n"
                               "RESIGN [013:012]\n"
                               "- * OF &CURRENCY [113]\n"
                               "--- ACT [---] ---\n"
                               "ACT\n"
                               "ACCUSE [112]\n"
                               "BLAME [121]\n"
                               "~ a (a b ATTACK) SAY = a b 015\n");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_str_eq(json,
                     "{\"relations\": [\n"
                     "  {\"id\": \"cameo_112\", \"label\": \"accuse\", \"cameo\": \"112\", "
                     "\"goldstein\": 0.0, \"description\": \"CAMEO 112, converted from PETRARCH "
                     "verb dictionaries; Goldstein weight unknown\", \"verbs\": [\"accuse\", "
                     "\"blame\", \"ban\", \"break down\"]},\n"
                     "  {\"id\": \"cameo_121\", \"label\": \"accuse\", \"cameo\": \"121\", "
                     "\"goldstein\": 0.0, \"description\": \"CAMEO 121, converted from PETRARCH "
                     "verb dictionaries; Goldstein weight unknown\", \"verbs\": [\"charge\"]}\n"
                     "]}\n");
    cr_expect_eq(r.lines, 16);
    cr_expect_eq(r.lines_as[SG_IMPORT_HEADER], 2);
    cr_expect_eq(r.lines_as[SG_IMPORT_VERB], 6);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_SYNSET], 2);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_INNER_VERB], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_COMPOUND], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_PATTERN], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_NULL_CODE], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_AMBIGUOUS_VF], 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_TRANSFORM], 1);
    cr_expect_eq(sum_lines(&r), r.lines);
    cr_expect_eq(r.relations, 2);
    cr_expect_eq(r.verbs, 5);
    cr_expect_eq(r.irregular_forms, 2);
    cr_expect_eq(r.no_goldstein, 2);
    free(json);
}

Test(import, irregular_form_clash_is_dropped_by_the_load_check)
{
    /* "found" is also the past of "find": only the lexicon's irregular table knows */
    const char *p =
        write_file(0, "t.verbs.txt", "--- FIND [020] ---\nFIND\n--- FOUND [030] ---\nFOUND\n");
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_eq(r.relations, 1);
    cr_expect_eq(r.verbs, 1);
    cr_expect_eq(r.dropped[SG_IMPORT_DROP_AMBIGUOUS_VF], 1);
    cr_expect_eq(sum_lines(&r), r.lines);
    free(json);
}

Test(import, mixing_actor_and_verb_files_is_refused)
{
    const char *paths[2] = {write_file(0, "a.actors.txt", "IRAN [IRN]\n"),
                            write_file(1, "v.verbs.txt", "--- X [010] ---\nSAY\n")};
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(paths, 2, &r, &st, &d);
    cr_expect_eq(st, SG_ERR_SYNTAX);
    cr_expect_str_eq(json, "");
    char line[300];
    sg_diag_format(&d, line, sizeof line);
    cr_expect(strstr(line, "cannot mix actor and verb dictionaries") != NULL, "%s", line);
    free(json);
}

Test(import, missing_file_is_an_io_error)
{
    const char *p = "/nonexistent/x.actors.txt";
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(&p, 1, &r, &st, &d);
    cr_expect_eq(st, SG_ERR_IO);
    cr_expect_str_eq(d.path, p);
    free(json);
}

/* --- the real Phoenix dictionaries ------------------------------------------------ */

Test(import, phoenix_actor_files_load_and_compile)
{
    const char *paths[4] = {PETRARCH_DIR "Phoenix.Countries.actors.txt",
                            PETRARCH_DIR "Phoenix.International.actors.txt",
                            PETRARCH_DIR "Phoenix.MilNonState.actors.txt",
                            PETRARCH_DIR "Phoenix.agents.txt"};
    for (size_t i = 0; i < 4; i++) {
        if (access(paths[i], R_OK) != 0) {
            cr_skip_test("%s is absent (the shared data folder is not beside the repository)",
                         paths[i]);
        }
    }
    sg_import_report r;
    sg_diag d;
    sg_status st;
    char *json = convert(paths, 4, &r, &st, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    cr_expect_eq(sum_lines(&r), r.lines);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sg_lexicon *lex = sg_lexicon_new();
    cr_assert_not_null(lex);
    sg_diag_init(&d);
    st = sg_lexicon_add_actors_json(lex, "phoenix.json", json, strlen(json), &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    st = sg_lexicon_compile(lex, &d);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    cr_log_info("phoenix: %zu actors, %zu aliases, load+compile %.1f ms", r.actors, r.aliases, ms);
    cr_expect_eq(sg_lexicon_actor_count(lex), 3176);
    cr_expect_eq(r.actors, 3176);
    size_t usa = sg_lexicon_actor_find(lex, "USA");
    cr_assert_neq(usa, SG_NONE);
    cr_expect_str_eq(sg_lexicon_actor_type(lex, usa), "country");
    sg_lexicon_free(lex);
    free(json);
}
