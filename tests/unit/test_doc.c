/* Unit tests of the source and segment stages (src/doc.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "doc.h"
#include "stancegraph.h"

static sg_doc *doc_from(const char *text)
{
    sg_doc *doc = NULL;
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_doc_new("t.txt", "t.txt", text, strlen(text), &doc, &d), SG_OK, "%s", d.msg);
    return doc;
}

static char *sentence(const sg_doc *doc, size_t i)
{
    size_t s, e, len;
    const char *t = sg_doc_text(doc, &len);
    sg_doc_sentence_span(doc, i, &s, &e);
    static char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(e - s), t + s);
    return buf;
}

Test(doc, empty_input_has_no_sentences)
{
    sg_doc *doc = doc_from("");
    cr_assert_eq(sg_doc_sentence_count(doc), 0);
    cr_assert_eq(sg_doc_token_count(doc), 0);
    sg_doc_free(doc);
}

Test(doc, abbreviations_and_initials_stay_inside)
{
    sg_doc *doc = doc_from("Gen. Ali met the U.N. envoy and Mr. J. Smith. Talks failed.");
    cr_assert_eq(sg_doc_sentence_count(doc), 2);
    cr_assert_str_eq(sentence(doc, 0), "Gen. Ali met the U.N. envoy and Mr. J. Smith.");
    cr_assert_str_eq(sentence(doc, 1), "Talks failed.");
    sg_doc_free(doc);
}

Test(doc, closing_quote_belongs_to_its_sentence)
{
    sg_doc *doc = doc_from("He said: \xE2\x80\x9CWe will win.\xE2\x80\x9D Then he left.");
    cr_assert_eq(sg_doc_sentence_count(doc), 2);
    cr_assert_str_eq(sentence(doc, 0), "He said: \xE2\x80\x9CWe will win.\xE2\x80\x9D");
    sg_doc_free(doc);
}

Test(doc, headline_line_ends_a_sentence)
{
    sg_doc *doc = doc_from("Azerbaijan accuses Armenia of shelling\nBAKU - The ministry said "
                           "troops fired.\n\nSecond paragraph");
    cr_assert_eq(sg_doc_sentence_count(doc), 3);
    cr_assert_str_eq(sentence(doc, 0), "Azerbaijan accuses Armenia of shelling");
    cr_assert_str_eq(sentence(doc, 2), "Second paragraph");
    sg_doc_free(doc);
}

Test(doc, hard_wrapped_lines_stay_one_sentence)
{
    sg_doc *doc = doc_from("The defence ministry in Baku on Tuesday accused\n"
                           "Armenian forces of shelling positions near the border\n"
                           "town overnight, a charge Yerevan rejected.\n");
    cr_assert_eq(sg_doc_sentence_count(doc), 1);
    sg_doc_free(doc);
}

Test(doc, possessive_and_negation_are_split_and_normalised)
{
    sg_doc *doc = doc_from("Vu\xC4\x8Di\xC4\x87\xE2\x80\x99s party didn't win.");
    size_t n;
    const sg_tok *t = sg_i_doc_tokens(doc, &n);
    cr_assert_eq(n, 7);
    cr_assert_eq(t[0].norm_len, 5);
    cr_assert(memcmp(sg_i_doc_norm(doc, &t[0]), "vucic", 5) == 0);
    cr_assert(memcmp(sg_i_doc_norm(doc, &t[1]), "'s", 2) == 0);
    cr_assert(t[1].flags & SG_TK_POSS);
    cr_assert(memcmp(sg_i_doc_norm(doc, &t[3]), "did", 3) == 0);
    cr_assert(memcmp(sg_i_doc_norm(doc, &t[4]), "n't", 3) == 0);
    sg_doc_free(doc);
}

Test(doc, bom_and_crlf)
{
    sg_doc *doc = doc_from("\xEF\xBB\xBFKyiv protested.\r\nBudapest agreed.\r\n");
    cr_assert_eq(sg_doc_sentence_count(doc), 2);
    size_t s, e;
    sg_doc_sentence_span(doc, 0, &s, &e);
    cr_assert_eq(s, 3); /* offsets count the byte-order mark */
    cr_assert_eq(e, 18);
    cr_assert_str_eq(sentence(doc, 1), "Budapest agreed.");
    sg_doc_free(doc);
}

Test(doc, invalid_utf8_names_line_and_column)
{
    const char *text = "First line.\nCaf\xE9 au lait.";
    sg_doc *doc = NULL;
    sg_diag d;
    char line[300];
    cr_assert_eq(sg_doc_new("t.txt", "t.txt", text, strlen(text), &doc, &d), SG_ERR_SYNTAX);
    cr_assert_null(doc);
    sg_diag_format(&d, line, sizeof line);
    cr_assert_str_eq(line, "t.txt:2:4: error: invalid UTF-8 byte 0xE9 (--encoding-errors=replace "
                           "replaces it with U+FFFD)");
    cr_assert_eq(d.offset, 15);
}

Test(doc, position_counts_code_points)
{
    sg_doc *doc = doc_from("\xD4\xB1\xD6\x80\xD6\x81 x\nab");
    unsigned line, col;
    sg_doc_position(doc, 7, &line, &col);
    cr_assert_eq(line, 1);
    cr_assert_eq(col, 5);
    sg_doc_position(doc, 10, &line, &col);
    cr_assert_eq(line, 2);
    cr_assert_eq(col, 2);
    sg_doc_free(doc);
}

Test(doc, dotted_abbreviation_before_a_sentence_opener_ends_the_sentence)
{
    sg_doc *doc = doc_from("Iran blamed the U.S. Later that day he met the U.N. envoy.");
    cr_assert_eq(sg_doc_sentence_count(doc), 2);
    cr_assert_str_eq(sentence(doc, 0), "Iran blamed the U.S.");
    sg_doc_free(doc);
}

Test(doc, an_overlong_run_without_stops_is_cut)
{
    char text[12000];
    size_t n = 0;
    for (int i = 0; i < 1000 && n + 16 < sizeof text; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n, "%s ", i % 50 == 49 ? "word," : "word");
    }
    sg_doc *doc = doc_from(text);
    /* cut at the first comma after 400 tokens, then again */
    cr_assert_eq(sg_doc_sentence_count(doc), 3);
    size_t f, l;
    sg_i_doc_sentence_tokens(doc, 0, &f, &l);
    /* the first cut is at the first comma from the 400th token on: 8 groups of 50 words
     * and their commas make 408 tokens */
    cr_assert_eq(l - f, 408, "%zu", l - f);
    sg_doc_free(doc);
}

/* SG_ENC_REPLACE against Python 3's bytes.decode("utf-8", "replace") (maximal subparts,
 * Unicode 15.0 section 3.9): expected texts and counts computed with it. */
#define IN(s) s, sizeof s - 1 /* a literal and its length, NUL bytes included */

Test(doc, replace_follows_maximal_subparts)
{
    static const struct {
        const char *in;
        size_t in_len;
        const char *want;
        size_t n;
    } cases[] = {
        {IN("caf\xE9 ok"), "caf\xEF\xBF\xBD ok", 1},
        {IN("\xE2\x82 x"), "\xEF\xBF\xBD x", 1},                         /* truncated: one U+FFFD */
        {IN("\xE0\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3}, /* overlong */
        {IN("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3}, /* surrogate */
        {IN("\xF0\x90\x80"), "\xEF\xBF\xBD", 1},
        {IN("\xF4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
         4}, /* past U+10FFFF */
        {IN("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
        {IN("\x80\xBF"), "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
        {IN("\xFF"), "\xEF\xBF\xBD", 1},
        {IN("ok\xF0\x9F\x98\x80!"), "ok\xF0\x9F\x98\x80!", 0},
        {IN("\xC3"), "\xEF\xBF\xBD", 1},
        {IN("a\0b"),
         "a\xEF\xBF\xBD"
         "b",
         1}, /* NUL, which Python keeps */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_doc *doc = NULL;
        sg_diag d;
        size_t len, first = 99;
        cr_assert_eq(
            sg_doc_new_enc("t", "t", cases[i].in, cases[i].in_len, SG_ENC_REPLACE, &doc, &d), SG_OK,
            "case %zu: %s", i, d.msg);
        const char *t = sg_doc_text(doc, &len);
        cr_assert_eq(len, strlen(cases[i].want), "case %zu", i);
        cr_assert(memcmp(t, cases[i].want, len) == 0, "case %zu", i);
        cr_assert_eq(sg_doc_replaced(doc, &first), cases[i].n, "case %zu", i);
        if (cases[i].n > 0) {
            cr_assert_eq(first, (size_t)strcspn(cases[i].want, "\xEF"), "case %zu", i);
        }
        sg_doc_free(doc);
    }
}

Test(doc, replaced_offsets_map_back_to_the_bytes_read)
{
    /* "Caf\xE9 " (1 bad byte at 3) then "x\xE2\x82y" (2 bad bytes at 6) */
    const char *in = "Caf\xE9 x\xE2\x82y end.";
    sg_doc *doc = NULL;
    sg_diag d;
    size_t len;
    cr_assert_eq(sg_doc_new_enc("t", "t", in, strlen(in), SG_ENC_REPLACE, &doc, &d), SG_OK);
    const char *t = sg_doc_text(doc, &len);
    cr_assert_str_eq(t, "Caf\xEF\xBF\xBD x\xEF\xBF\xBDy end.");
    /* text offsets: C0 a1 f2 FFFD3-5 ' '6 x7 FFFD8-10 y11 ' '12 e13 */
    static const size_t text_off[] = {0, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 17};
    static const size_t input_off[] = {0, 3, 4, 4, 4, 5, 6, 8, 8, 9, 10, 14};
    for (size_t i = 0; i < sizeof text_off / sizeof text_off[0]; i++) {
        cr_assert_eq(sg_doc_input_offset(doc, text_off[i]), input_off[i], "offset %zu",
                     text_off[i]);
    }
    sg_doc_free(doc);
    /* strict documents map every offset to itself */
    cr_assert_eq(sg_doc_new("t", "t", "Fine.", 5, &doc, &d), SG_OK);
    cr_assert_eq(sg_doc_input_offset(doc, 4), 4);
    cr_assert_eq(sg_doc_replaced(doc, NULL), 0);
    sg_doc_free(doc);
}

/* A token made of marks only (U+0596, stripped by normalisation) has an empty normalised
 * form, also as the first token (found by the pipeline and lexicon fuzz targets: UBSan
 * reported arithmetic on the still unallocated NULL buffer). */
Test(doc, token_of_marks_only)
{
    sg_doc *doc = doc_from("\xD6\x96{ Alpha \xD6\x96\xD6\x97 met Beta.");
    cr_assert_eq(sg_doc_sentence_count(doc), 1);
    cr_assert_geq(sg_doc_token_count(doc), 6);
    sg_doc_free(doc);
}
