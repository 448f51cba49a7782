/* Unit tests of the event records and their JSON Lines form (src/events.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stancegraph.h"

static sg_event sample(void)
{
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "a.txt";
    e.sentence = 2;
    e.start = 10;
    e.end = 40;
    e.source = "AZE";
    e.source_name = "Azerbaijan";
    e.source_type = "country";
    e.target = "ARM";
    e.target_name = "Armenia";
    e.target_type = "country";
    e.relation = "accuse";
    e.label = "accuses";
    e.cameo = "112";
    e.goldstein = -2.0;
    e.trigger = "accused";
    e.trigger_start = 21;
    e.trigger_end = 28;
    e.text = "Azerbaijan accused \"Armenia\".";
    return e;
}

static char *to_jsonl(const sg_events *ev, bool actors)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    sg_diag d;
    cr_assert_eq(sg_events_write_jsonl(ev, f, &d), SG_OK);
    if (actors) {
        cr_assert_eq(sg_events_write_actors_jsonl(ev, f, &d), SG_OK);
    }
    fclose(f);
    return buf;
}

Test(events, add_copies_and_records_actors)
{
    sg_events *ev = sg_events_new();
    sg_event e = sample();
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    e.target = NULL;
    e.target_name = NULL;
    e.relation = "make_statement";
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    cr_assert_eq(sg_events_count(ev), 2);
    cr_assert_str_eq(sg_events_get(ev, 0)->target_name, "Armenia");
    cr_assert_null(sg_events_get(ev, 1)->target);
    cr_assert_null(sg_events_get(ev, 1)->target_name);
    cr_assert_eq(sg_events_actor_count(ev), 2);
    cr_assert_str_eq(sg_events_actor_get(ev, 1)->id, "ARM");
    sg_events_add_actor(ev, "RUS", "Russia", "country", 3);
    sg_events_add_actor(ev, "RUS", "Other name", NULL, 2);
    cr_assert_eq(sg_events_actor_count(ev), 3);
    cr_assert_str_eq(sg_events_actor_get(ev, 2)->name, "Russia");
    cr_assert_eq(sg_events_actor_get(ev, 2)->mentions, 5);
    sg_events_free(ev);
}

Test(events, jsonl_exact_line)
{
    sg_events *ev = sg_events_new();
    sg_event e = sample();
    sg_events_add(ev, &e);
    char *s = to_jsonl(ev, false);
    cr_assert_str_eq(s, "{\"doc\":\"a.txt\",\"sentence\":2,\"start\":10,\"end\":40,"
                        "\"source\":\"AZE\",\"source_name\":\"Azerbaijan\",\"source_type\":"
                        "\"country\",\"target\":\"ARM\",\"target_name\":\"Armenia\","
                        "\"target_type\":\"country\",\"relation\":\"accuse\",\"label\":"
                        "\"accuses\",\"cameo\":\"112\",\"goldstein\":-2,\"negated\":false,"
                        "\"trigger\":\"accused\",\"trigger_start\":21,\"trigger_end\":28,"
                        "\"text\":\"Azerbaijan accused \\\"Armenia\\\".\"}\n");
    free(s);
    sg_events_free(ev);
}

Test(events, jsonl_round_trip_keeps_events_and_actors)
{
    sg_events *ev = sg_events_new();
    sg_event e = sample();
    e.negated = true;
    e.attributed_to = "RUS";
    sg_events_add(ev, &e);
    sg_events_add_actor(ev, "TUR", "Turkey", "country", 1);
    char *s = to_jsonl(ev, true);
    sg_events *back = sg_events_new();
    sg_diag d;
    cr_assert_eq(sg_events_read_jsonl(back, "x.jsonl", s, strlen(s), &d), SG_OK, "%s", d.msg);
    char *s2 = to_jsonl(back, true);
    cr_assert_str_eq(s2, s);
    cr_assert(sg_events_get(back, 0)->negated);
    cr_assert_eq(sg_events_actor_count(back), 3);
    free(s);
    free(s2);
    sg_events_free(ev);
    sg_events_free(back);
}

Test(events, bad_lines_are_errors_and_change_nothing)
{
    const char *text = "{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1}\n"
                       "\n"
                       "{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":99}\n";
    sg_events *ev = sg_events_new();
    sg_diag d;
    char line[300];
    cr_assert_eq(sg_events_read_jsonl(ev, "x.jsonl", text, strlen(text), &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line,
                     "x.jsonl:3:42: error: event key 'goldstein' must be a number from -10 to 10");
    cr_assert_eq(sg_events_count(ev), 0);
    const char *broken = "{\"source\": \"A\",";
    cr_assert_eq(sg_events_read_jsonl(ev, "y.jsonl", broken, strlen(broken), &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line, "y.jsonl:1:15: error: invalid JSON in events line");
    /* each of these would lose or corrupt data downstream */
    static const struct {
        const char *text, *want;
    } bad[] = {
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\"}\n",
         "z.jsonl:1:1: error: event key 'goldstein' is missing"},
        {"{\"source\":\"A\\u0000B\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1}\n",
         "z.jsonl:1:13: error: a NUL character (\\u0000) in an events line"},
        {"{\"source\":\"A\xff\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1}\n",
         "z.jsonl:1:13: error: invalid UTF-8 in events file"},
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,\"start\":5,"
         "\"end\":2}\n",
         "z.jsonl:1:66: error: event key 'end' is before 'start'"},
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,\"date\":"
         "\"2023-02-29\"}\n",
         "z.jsonl:1:56: error: event key 'date' must be a date YYYY-MM-DD"},
        /* 2^53 + 1 reads as 2^53: refused rather than silently another offset */
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,\"start\":"
         "9007199254740993}\n",
         "z.jsonl:1:56: error: event key 'start' must be a non-negative integer below 2^53"},
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,\"sentence\":"
         "1e400}\n",
         "z.jsonl:1:56: error: event key 'sentence' must be a non-negative integer below 2^53"},
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1e400}\n",
         "z.jsonl:1:42: error: event key 'goldstein' must be a number from -10 to 10"},
        /* cJSON keeps both and finds the first: the second weight would be lost */
        {"{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,\"goldstein\":"
         "-5}\n",
         "z.jsonl:1:42: error: duplicate key 'goldstein' in events line"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(sg_events_read_jsonl(ev, "z.jsonl", bad[i].text, strlen(bad[i].text), &d),
                     SG_ERR_SYNTAX, "%s", bad[i].text);
        sg_diag_format(&d, line, sizeof line);
        cr_assert_str_eq(line, bad[i].want);
    }
    cr_assert_eq(sg_events_count(ev), 0);
    /* 2^53 - 1 is the largest offset accepted, exactly */
    const char *edge = "{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,"
                       "\"end\":9007199254740991}\n";
    cr_assert_eq(sg_events_read_jsonl(ev, "e.jsonl", edge, strlen(edge), &d), SG_OK, "%s", d.msg);
    cr_assert_eq(sg_events_get(ev, 0)->end, (size_t)9007199254740991ull);
    sg_events_free(ev);
}

/* "\\u0000" in JSON is a backslash and "u0000", as `extract` writes a sentence quoting
 * it: no NUL character; "\\\u0000" is a backslash and a NUL character. */
Test(events, escaped_backslash_before_u0000_is_no_nul)
{
    sg_events *ev = sg_events_new();
    sg_event e = sample();
    e.text = "He wrote \\u0000 and \\\\u0000.";
    sg_events_add(ev, &e);
    char *s = to_jsonl(ev, false);
    sg_events *back = sg_events_new();
    sg_diag d;
    cr_assert_eq(sg_events_read_jsonl(back, "x.jsonl", s, strlen(s), &d), SG_OK, "%s", d.msg);
    cr_assert_str_eq(sg_events_get(back, 0)->text, e.text);
    const char *nul = "{\"source\":\"A\",\"relation\":\"r\",\"cameo\":\"1\",\"goldstein\":1,"
                      "\"text\":\"a\\\\\\u0000\"}\n";
    char line[300];
    cr_assert_eq(sg_events_read_jsonl(back, "z.jsonl", nul, strlen(nul), &d), SG_ERR_SYNTAX);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line, "z.jsonl:1:67: error: a NUL character (\\u0000) in an events line");
    cr_assert_eq(sg_events_count(back), 1);
    free(s);
    sg_events_free(ev);
    sg_events_free(back);
}

Test(events, detects_jsonl)
{
    cr_assert(sg_events_is_jsonl("\xEF\xBB\xBF \n{\"a\":1}", 12));
    cr_assert(!sg_events_is_jsonl("Kyiv protested.", 15));
    cr_assert(!sg_events_is_jsonl("", 0));
}

Test(events, shift_numbers_a_part_in_its_document)
{
    sg_events *ev = sg_events_new();
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "d";
    e.source = "A";
    e.relation = "r";
    e.cameo = "1";
    e.sentence = 2;
    e.start = 10;
    e.end = 20;
    e.trigger_start = 12;
    e.trigger_end = 15;
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    sg_events_shift(ev, 1, 100, 1000); /* only from the second event on */
    const sg_event *a = sg_events_get(ev, 0), *b = sg_events_get(ev, 1);
    cr_assert_eq(a->sentence, 2);
    cr_assert_eq(a->start, 10);
    cr_assert_eq(b->sentence, 102);
    cr_assert_eq(b->start, 1010);
    cr_assert_eq(b->end, 1020);
    cr_assert_eq(b->trigger_start, 1012);
    cr_assert_eq(b->trigger_end, 1015);
    sg_events_free(ev);
}
