/* Fuzz target of the text pipeline (source, segment, mention, event, emit): the input is a
 * document's bytes, or a JSON Lines corpus when it looks like one (as the command line
 * decides), coded with the bundled lexicons. Checks the sentence and token spans, that
 * the events written as JSON Lines read back as the same events, and that nothing
 * leaks. Odd-sized inputs are extracted with --explain. */
#include "fuzz.h"

/* Loaded once: the bundled lexicons take about 0.1 s to compile. Never freed; still
 * reachable, so not a leak. */
static sg_lexicon *lex;
static sg_worker *worker;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sg_diag d;
    sg_diag_init(&d);
    lex = sg_lexicon_new();
    FUZZ_CHECK(lex != NULL);
    fuzz_load(lex, "lexicons/actors.json", true);
    fuzz_load(lex, "lexicons/relations.json", false);
    FUZZ_CHECK(sg_lexicon_compile(lex, &d) == SG_OK);
    worker = sg_worker_new(lex);
    FUZZ_CHECK(worker != NULL);
    return 0;
}

/* A failing input must say where: the diagnostic stays within the input. */
static void check_diag(const sg_diag *d, size_t size)
{
    char line[600];
    FUZZ_CHECK(d->status != SG_OK);
    FUZZ_CHECK(memchr(d->msg, '\0', sizeof d->msg) != NULL);
    FUZZ_CHECK(d->offset <= size);
    FUZZ_CHECK(sg_diag_format(d, line, sizeof line) > 0);
}

/* The spans of sentences and tokens lie in the text, in order, and positions resolve. */
static void check_spans(const sg_doc *doc)
{
    size_t len = 0;
    const char *text = sg_doc_text(doc, &len);
    FUZZ_CHECK(text != NULL || len == 0);
    size_t prev_end = 0;
    for (size_t i = 0; i < sg_doc_sentence_count(doc); i++) {
        size_t s = 0, e = 0;
        unsigned line = 0, col = 0;
        sg_doc_sentence_span(doc, i, &s, &e);
        FUZZ_CHECK(prev_end <= s && s <= e && e <= len);
        sg_doc_position(doc, s, &line, &col);
        FUZZ_CHECK(line >= 1 && col >= 1);
        prev_end = e;
    }
    prev_end = 0;
    for (size_t i = 0; i < sg_doc_token_count(doc); i++) {
        size_t s = 0, e = 0;
        sg_doc_token_span(doc, i, &s, &e);
        FUZZ_CHECK(prev_end <= s && s < e && e <= len);
        prev_end = e;
    }
}

static bool same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Events written as JSON Lines read back as the same events and actors (the document
 * metadata and --explain aside: the reader does not keep them, the graph does not use
 * them). */
static void check_roundtrip(const sg_events *ev)
{
    fuzz_out a;
    sg_diag d;
    sg_diag_init(&d);
    fuzz_out_open(&a);
    FUZZ_CHECK(sg_events_write_jsonl(ev, a.f, &d) == SG_OK);
    FUZZ_CHECK(sg_events_write_actors_jsonl(ev, a.f, &d) == SG_OK);
    fuzz_out_close(&a);

    sg_events *back = sg_events_new();
    FUZZ_CHECK(back != NULL);
    if (sg_events_read_jsonl(back, "<fuzz>", a.buf, a.len, &d) != SG_OK) {
        fprintf(stderr, "events written by extract do not read back: %s\n%.*s\n", d.msg, (int)a.len,
                a.buf);
        abort();
    }
    FUZZ_CHECK(sg_events_count(back) == sg_events_count(ev));
    for (size_t i = 0; i < sg_events_count(ev); i++) {
        const sg_event *x = sg_events_get(ev, i);
        const sg_event *y = sg_events_get(back, i);
        bool same = same_str(x->doc, y->doc) && same_str(x->date, y->date) &&
                    x->sentence == y->sentence && x->start == y->start && x->end == y->end &&
                    same_str(x->source, y->source) && same_str(x->source_name, y->source_name) &&
                    same_str(x->source_type, y->source_type) && same_str(x->target, y->target) &&
                    same_str(x->target_name, y->target_name) &&
                    same_str(x->target_type, y->target_type) &&
                    same_str(x->relation, y->relation) && same_str(x->label, y->label) &&
                    same_str(x->cameo, y->cameo) && x->goldstein == y->goldstein &&
                    x->negated == y->negated && same_str(x->trigger, y->trigger) &&
                    x->trigger_start == y->trigger_start && x->trigger_end == y->trigger_end &&
                    same_str(x->text, y->text) && same_str(x->attributed_to, y->attributed_to) &&
                    same_str(x->resolved_via, y->resolved_via);
        if (!same) {
            fprintf(stderr, "event %zu changed on a round trip:\n%.*s\n", i, (int)a.len, a.buf);
            abort();
        }
    }
    /* the same actors, though not in the same first-seen order (the reader sees the
     * events' actors before the actor lines) */
    FUZZ_CHECK(sg_events_actor_count(back) == sg_events_actor_count(ev));
    for (size_t i = 0; i < sg_events_actor_count(ev); i++) {
        const sg_actor_ref *x = sg_events_actor_get(ev, i);
        const sg_actor_ref *y = NULL;
        for (size_t j = 0; j < sg_events_actor_count(back) && y == NULL; j++) {
            if (strcmp(sg_events_actor_get(back, j)->id, x->id) == 0) {
                y = sg_events_actor_get(back, j);
            }
        }
        FUZZ_CHECK(y != NULL);
        FUZZ_CHECK(same_str(x->name, y->name) && same_str(x->type, y->type) &&
                   same_str(x->parent, y->parent) && x->mentions == y->mentions);
    }
    sg_events_free(back);
    fuzz_out_free(&a);
}

/* Extracts one document into ev; false when the input was rejected. */
static bool extract_one(const char *name, const char *text, size_t len, const char *date,
                        const char *meta, sg_events *ev)
{
    sg_doc *doc = NULL;
    sg_diag d;
    sg_diag_init(&d);
    if (sg_doc_new(name, name, text, len, &doc, &d) != SG_OK) {
        FUZZ_CHECK(doc == NULL);
        check_diag(&d, len);
        return false;
    }
    check_spans(doc);
    if (meta != NULL) {
        FUZZ_CHECK(sg_doc_set_meta(doc, meta) == SG_OK);
    }
    FUZZ_CHECK(sg_worker_set_date(worker, date));
    sg_status st = sg_extract(lex, doc, worker, ev, &d);
    /* the bundled patterns stay within PCRE2's limits on any sentence */
    if (st != SG_OK) {
        fprintf(stderr, "sg_extract: %s: %s\n", sg_status_str(st), d.msg);
        abort();
    }
    sg_doc_free(doc);
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    sg_events *ev = sg_events_new();
    FUZZ_CHECK(ev != NULL);
    sg_worker_set_explain(worker, size % 2 == 1);

    if (sg_corpus_is_jsonl(buf, size, NULL)) {
        sg_corpus *c = sg_corpus_new("<fuzz>", buf, size, NULL);
        FUZZ_CHECK(c != NULL);
        for (unsigned k = 0; k < 64; k++) {
            sg_corpus_doc cd;
            bool done = false;
            sg_diag d;
            sg_diag_init(&d);
            size_t before = sg_corpus_offset(c);
            sg_status st = sg_corpus_next(c, &cd, &done, &d);
            if (st != SG_OK) {
                check_diag(&d, size);
                /* calling again skips the failing line: the reader moved on */
                FUZZ_CHECK(sg_corpus_offset(c) > before);
                continue;
            }
            if (done) {
                break;
            }
            FUZZ_CHECK(cd.id != NULL && cd.text != NULL);
            FUZZ_CHECK(cd.date == NULL || sg_date_valid(cd.date));
            extract_one(cd.id, cd.text, cd.text_len, cd.date, cd.meta, ev);
        }
        sg_corpus_free(c);
        sg_worker_set_date(worker, NULL);
    } else {
        extract_one("<fuzz>", buf, size, NULL, NULL, ev);
    }
    check_roundtrip(ev);
    sg_events_free(ev);
    return 0;
}
