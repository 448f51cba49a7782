/* Fuzz target of the lexicon loader: the input is read as an actors lexicon (with the
 * small relations lexicon of the end-to-end tests) and as a relations lexicon (with the
 * small actors lexicon). A lexicon that loads is compiled, linted, counted, and used to
 * code a fixed text and the input itself (whose strings hold the new aliases and
 * verbs), as `stancegraph extract --actors/--relations` and `lexicon check` would. A
 * rejected one must say where (path:line:col within the input) and leave the lexicon
 * unchanged. */
#include "fuzz.h"

static char *fixed_actors, *fixed_relations;
static size_t fixed_actors_len, fixed_relations_len;

static const char text[] =
    "Alpha accused Beta of lying. Beta did not threaten Gamma. Delta and Epsilon met in "
    "Zeta.\n\nEta praised Theta, which denied the accusation. \"We will respond,\" Alpha "
    "said, threatening Beta.";

static char *slurp(const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", SG_FUZZ_ROOT, rel);
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fseek(f, 0, SEEK_END) == 0);
    long n = ftell(f);
    FUZZ_CHECK(n >= 0 && fseek(f, 0, SEEK_SET) == 0);
    char *buf = malloc((size_t)n + 1);
    FUZZ_CHECK(buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fixed_actors = slurp("tests/e2e/data/small_actors.json", &fixed_actors_len);
    fixed_relations = slurp("tests/e2e/data/small_relations.json", &fixed_relations_len);
    return 0;
}

static void check_diag(const sg_diag *d, size_t size)
{
    char line[600];
    FUZZ_CHECK(d->status != SG_OK);
    FUZZ_CHECK(memchr(d->msg, '\0', sizeof d->msg) != NULL && d->msg[0] != '\0');
    FUZZ_CHECK(d->offset <= size);
    FUZZ_CHECK(d->line == 0 || d->col >= 1);
    FUZZ_CHECK(sg_diag_format(d, line, sizeof line) > 0);
}

static void count_lint(const sg_lint_finding *f, void *ud)
{
    FUZZ_CHECK(f->diag.msg[0] != '\0');
    (*(size_t *)ud)++;
}

static void extract(const sg_lexicon *lex, const char *buf, size_t len)
{
    sg_diag d;
    sg_diag_init(&d);
    sg_doc *doc = NULL;
    if (sg_doc_new("t", "t", buf, len, &doc, &d) != SG_OK) {
        return;
    }
    sg_worker *w = sg_worker_new(lex);
    FUZZ_CHECK(w != NULL);
    sg_events *ev = sg_events_new();
    FUZZ_CHECK(ev != NULL);
    /* a fuzzed pattern may hit PCRE2's limits: that is an input error, with a message */
    if (sg_extract(lex, doc, w, ev, &d) != SG_OK) {
        FUZZ_CHECK(d.status == SG_ERR_PATTERN && d.msg[0] != '\0');
    }
    for (size_t i = 0; i < sg_events_count(ev); i++) {
        const sg_event *e = sg_events_get(ev, i);
        FUZZ_CHECK(e->start <= e->end && e->end <= len);
        FUZZ_CHECK(e->trigger_start <= e->trigger_end && e->trigger_end <= len);
        FUZZ_CHECK(e->target == NULL || strcmp(e->source, e->target) != 0);
    }
    sg_events_free(ev);
    sg_worker_free(w);
    sg_doc_free(doc);
}

/* Loads json as the actors (actors = true) or the relations of a lexicon. */
static void load(const char *json, size_t size, bool actors)
{
    sg_diag d;
    sg_diag_init(&d);
    sg_lexicon *lex = sg_lexicon_new();
    FUZZ_CHECK(lex != NULL);
    sg_status st = actors ? sg_lexicon_add_actors_json(lex, "<fuzz>", json, size, &d)
                          : sg_lexicon_add_relations_json(lex, "<fuzz>", json, size, &d);
    if (st != SG_OK) {
        check_diag(&d, size);
        FUZZ_CHECK(actors ? sg_lexicon_actor_count(lex) == 0 : sg_lexicon_relation_count(lex) == 0);
        sg_lexicon_free(lex);
        return;
    }
    st = actors
             ? sg_lexicon_add_relations_json(lex, "rel", fixed_relations, fixed_relations_len, &d)
             : sg_lexicon_add_actors_json(lex, "act", fixed_actors, fixed_actors_len, &d);
    if (st != SG_OK) {
        /* a fuzzed lexicon may take an alias or verb form of the fixed one */
        check_diag(&d, actors ? fixed_relations_len : fixed_actors_len);
        sg_lexicon_free(lex);
        return;
    }
    if (sg_lexicon_compile(lex, &d) != SG_OK) {
        /* the offending entry may be in either file */
        check_diag(&d, size + fixed_actors_len + fixed_relations_len);
        sg_lexicon_free(lex);
        return;
    }
    for (size_t i = 0; i < sg_lexicon_actor_count(lex); i++) {
        const char *id = sg_lexicon_actor_id(lex, i);
        FUZZ_CHECK(id != NULL && sg_lexicon_actor_name(lex, i) != NULL &&
                   sg_lexicon_actor_type(lex, i) != NULL);
        FUZZ_CHECK(sg_lexicon_actor_find(lex, id) == i);
        size_t p = sg_lexicon_actor_parent(lex, i);
        FUZZ_CHECK(p == SG_NONE || (p < sg_lexicon_actor_count(lex) && p != i));
    }
    for (size_t i = 0; i < sg_lexicon_relation_count(lex); i++) {
        const char *id = sg_lexicon_relation_id(lex, i);
        double g = sg_lexicon_relation_goldstein(lex, i);
        FUZZ_CHECK(id != NULL && sg_lexicon_relation_find(lex, id) == i);
        FUZZ_CHECK(g >= -10 && g <= 10);
        size_t cl = strlen(sg_lexicon_relation_cameo(lex, i));
        FUZZ_CHECK(cl >= 2 && cl <= 4);
    }
    size_t findings = 0;
    size_t errors = sg_lexicon_lint(lex, count_lint, &findings);
    FUZZ_CHECK(errors <= findings);
    fuzz_out o;
    fuzz_out_open(&o);
    FUZZ_CHECK(sg_lexicon_write_stats(lex, o.f, &d) == SG_OK);
    fuzz_out_close(&o);
    fuzz_out_free(&o);

    extract(lex, text, sizeof text - 1);
    extract(lex, json, size);
    sg_lexicon_free(lex);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load((const char *)data, size, true);
    load((const char *)data, size, false);
    return 0;
}
