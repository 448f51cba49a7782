/* Fuzz target of the renderers' escaping: the input's bytes become actor ids, names and
 * types, relation ids, labels and CAMEO codes, triggers, evidence sentences, document
 * names and the title of a small graph, which is written as SVG (or the HTML report),
 * DOT, node-link JSON, GraphML and CSV. The SVG and GraphML must be well-formed XML
 * whatever the names hold (markup, entities, quotes, "--", control characters, bytes
 * that are not UTF-8), as sg_emit_graph promises.
 *
 * Input layout: byte 0 holds options (bit 0 show negated events, bit 1 colour by bloc
 * on graphs of at most 6 actors, bit 2 size all nodes the same, bit 3 draw the top 3
 * only, bit 4 neato instead of the default layout, bits 5-6 the outputs: 0 the drawing,
 * 1 DOT and JSON, 2 GraphML and CSV, 3 all of them; bit 7 the HTML report instead of
 * the SVG drawing); the rest is split at NUL bytes into up to 16 fields, field 0 the title. Event i
 * (one per field, at most 12) takes its strings from the fields after i, cyclically. */
#include "fuzz.h"
#include "xml_check.h"

/* The checker must accept a document like Graphviz's and refuse what a missing escape
 * leaves behind, or the target would check nothing. */
static void check_the_checker(void)
{
    static const char good[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG "
                               "1.1//EN\" \"x\">\n<svg a=\"1\"><!-- A --><g><text>&amp;&#60;"
                               "</text></g></svg>\n";
    static const char *const bad[] = {
        "<svg><text>a<b</text></svg>",
        "<svg><!-- a--b --></svg>",
        "<svg>&nbsp;</svg>",
        "<svg a=\"<\"/>",
        "<svg a=\"\"\"/>",
        "<svg><g></svg>",
        "<svg>\x01</svg>",
        "<svg>\xff</svg>",
        "<svg>&#0;</svg>",
    };
    size_t at = 0;
    FUZZ_CHECK(xml_check(good, sizeof good - 1, &at) == NULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FUZZ_CHECK(xml_check(bad[i], strlen(bad[i]), &at) != NULL);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    check_the_checker();
    return 0;
}

enum { FIELDS_MAX = 16, EVENTS_MAX = 12, BLOC_ACTORS_MAX = 6 };

static void emit(const sg_graph *g, sg_graph_format fmt, const sg_draw_opts *opts, bool xml,
                 const char *what)
{
    sg_diag d;
    sg_diag_init(&d);
    fuzz_out o;
    fuzz_out_open(&o);
    sg_status st = sg_emit_graph(g, fmt, opts, o.f, &d);
    fuzz_out_close(&o);
    if (st != SG_OK) {
        fprintf(stderr, "%s: %s: %s\n", what, sg_status_str(st), d.msg);
        abort();
    }
    if (xml) {
        xml_require(what, o.buf, o.len);
    }
    fuzz_out_free(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    unsigned flags = data[0];
    /* fields: NUL-terminated copies of the NUL-separated parts of data[1..size) */
    char *copy = malloc(size);
    FUZZ_CHECK(copy != NULL);
    memcpy(copy, data + 1, size - 1);
    copy[size - 1] = '\0';
    const char *f[FIELDS_MAX];
    size_t n = 0;
    f[n++] = copy;
    for (size_t i = 0; i + 1 < size - 1 && n < FIELDS_MAX; i++) {
        if (copy[i] == '\0') {
            f[n++] = copy + i + 1;
        }
    }

    sg_events *ev = sg_events_new();
    FUZZ_CHECK(ev != NULL);
    static const char *const types[] = {"country", "igo", "person", "rebels", "", NULL};
    size_t n_events = n < EVENTS_MAX ? n : EVENTS_MAX;
    for (size_t i = 0; i < n_events; i++) {
        sg_event e;
        memset(&e, 0, sizeof e);
#define FIELD(k) f[(i + (k)) % n]
        e.doc = FIELD(10);
        e.sentence = i;
        e.start = i * 10;
        e.end = i * 10 + strlen(FIELD(9));
        e.source = FIELD(1);
        e.source_name = FIELD(2);
        e.source_type = types[i % 5];
        if (i % 6 != 5) {
            e.target = FIELD(3);
            e.target_name = FIELD(4);
            e.target_type = types[i % 6] != NULL ? types[i % 6] : FIELD(7);
        }
        e.relation = FIELD(5);
        e.label = FIELD(6);
        e.cameo = FIELD(7);
        e.goldstein = (double)((int)(i * 7 % 21) - 10) / (i % 3 == 0 ? 1.0 : 3.0);
        e.negated = i % 5 == 4;
        e.trigger = FIELD(8);
        e.trigger_start = e.start;
        e.trigger_end = e.start + strlen(FIELD(8));
        e.text = FIELD(9);
#undef FIELD
        FUZZ_CHECK(sg_events_add(ev, &e) == SG_OK);
    }
    /* an actor mentioned without events: an isolated node */
    FUZZ_CHECK(sg_events_add_actor(ev, f[n - 1], f[0], "person", 2) == SG_OK);
    FUZZ_CHECK(sg_events_set_parent(ev, f[n - 1], f[n / 2]) == SG_OK);

    sg_diag d;
    sg_diag_init(&d);
    sg_graph *g = NULL;
    FUZZ_CHECK(sg_graph_new(ev, &g, &d) == SG_OK);

    sg_draw_opts opts;
    sg_draw_opts_init(&opts);
    opts.title = f[0];
    opts.show_negated = (flags & 1u) != 0;
    opts.color_by_bloc = (flags & 2u) != 0 && sg_graph_node_count(g) <= BLOC_ACTORS_MAX;
    opts.size_by = (flags & 4u) != 0 ? -1 : SG_M_PAGERANK;
    opts.top = (flags & 8u) != 0 ? 3 : 0;
    opts.layout = (flags & 16u) != 0 ? "neato" : NULL;
    unsigned which = (flags >> 5) & 3u;
    if (which == 0 || which == 3) {
        if ((flags & 128u) != 0) {
            emit(g, SG_FMT_HTML, &opts, false, "HTML");
        } else {
            emit(g, SG_FMT_SVG, &opts, true, "SVG");
        }
    }
    if (which == 1 || which == 3) {
        emit(g, SG_FMT_DOT, &opts, false, "DOT");
        emit(g, SG_FMT_JSON, NULL, false, "JSON");
    }
    if (which == 2 || which == 3) {
        emit(g, SG_FMT_GRAPHML, NULL, true, "GraphML");
        fuzz_out nodes, edges;
        fuzz_out_open(&nodes);
        fuzz_out_open(&edges);
        FUZZ_CHECK(sg_emit_graph_csv(g, nodes.f, edges.f, &d) == SG_OK);
        fuzz_out_close(&nodes);
        fuzz_out_close(&edges);
        fuzz_out_free(&nodes);
        fuzz_out_free(&edges);
    }

    sg_graph_free(g);
    sg_events_free(ev);
    free(copy);
    return 0;
}
