/* Unit tests for the emit stage: exact JSON, CSV and table text, SVG/DOT output that
 * is valid XML and shows hostile actor names exactly, and the HTML report's exact text. */
#include <criterion/criterion.h>
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "stancegraph.h"

/* ---- helpers ------------------------------------------------------------------------ */

static void add_ev(sg_events *ev, const char *src, const char *src_name, const char *tgt,
                   const char *tgt_name, const char *rel, const char *label, double gs,
                   const char *text)
{
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "news.txt";
    e.sentence = sg_events_count(ev);
    e.start = 100 * e.sentence;
    e.end = e.start + strlen(text);
    e.source = src;
    e.source_name = src_name;
    e.source_type = "country";
    e.target = tgt;
    e.target_name = tgt_name;
    e.target_type = "person";
    e.relation = rel;
    e.label = label;
    e.cameo = "112";
    e.goldstein = gs;
    e.trigger = label;
    e.trigger_start = e.start;
    e.trigger_end = e.start + 3;
    e.text = text;
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
}

/* Runs fn-style output into a memory stream and returns the text (caller frees). */
typedef struct capture {
    char *buf;
    size_t len;
    FILE *f;
} capture;

static FILE *cap_open(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    cr_assert_not_null(c->f);
    return c->f;
}

static char *cap_close(capture *c)
{
    cr_assert_eq(fclose(c->f), 0);
    return c->buf;
}

/* a -(2 accuse, -2 and -4.5)-> b -(1 praise, +3.4)-> c, and an isolated d. */
static sg_events *path_events(void)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -2.0, "Alpha accused Beta.");
    add_ev(ev, "b", "Beta", "c", "Gamma", "praise", "praises", 3.4, "Beta praised Gamma.");
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -4.5, "Alpha blamed Beta.");
    cr_assert_eq(sg_events_add_actor(ev, "a", "Alpha", "country", 2), SG_OK);
    cr_assert_eq(sg_events_add_actor(ev, "d", "Delta, \"the\" 4th", "", 1), SG_OK);
    return ev;
}

static sg_graph *graph_of(const sg_events *ev)
{
    sg_graph *g = NULL;
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_graph_new(ev, &g, &d), SG_OK, "%s", d.msg);
    return g;
}

static char *emit_drawing(const sg_graph *g, sg_graph_format fmt, const sg_draw_opts *o)
{
    capture c;
    sg_diag d;
    sg_diag_init(&d);
    FILE *f = cap_open(&c);
    sg_status st = sg_emit_graph(g, fmt, o, f, &d);
    char *text = cap_close(&c);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    return text;
}

static char *emit_graph(const sg_graph *g, sg_graph_format fmt, const char *title)
{
    sg_draw_opts o;
    sg_draw_opts_init(&o);
    o.title = title;
    return emit_drawing(g, fmt, &o);
}

static size_t count_of(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p != NULL; p = strstr(p + 1, what)) {
        n++;
    }
    return n;
}

/* The text between the first `open` and the next `close` in s (caller frees). */
static char *between(const char *s, const char *open, const char *close)
{
    const char *a = strstr(s, open);
    cr_assert_not_null(a, "no %s in:\n%s", open, s);
    a += strlen(open);
    const char *b = strstr(a, close);
    cr_assert_not_null(b, "no %s in:\n%s", close, s);
    char *r = strndup(a, (size_t)(b - a));
    cr_assert_not_null(r);
    return r;
}

/* Table options: fmt, sorted by sort, the first top rows, default decimals, all metrics. */
static sg_table_opts topts(sg_table_format fmt, sg_metric sort, size_t top)
{
    sg_table_opts o;
    sg_table_opts_init(&o);
    o.format = fmt;
    o.sort = sort;
    o.top = top;
    return o;
}

static char *emit_table(const sg_graph *g, sg_table_format fmt, sg_metric sort, size_t top)
{
    size_t n = sg_graph_node_count(g);
    sg_centrality *cen = calloc(n > 0 ? n : 1, sizeof *cen);
    sg_diag d;
    capture c;
    sg_diag_init(&d);
    cr_assert_eq(sg_graph_centrality(g, cen, &d), SG_OK, "%s", d.msg);
    FILE *f = cap_open(&c);
    sg_table_opts o = topts(fmt, sort, top);
    sg_status st = sg_emit_centrality(g, cen, n, &o, f, &d);
    char *text = cap_close(&c);
    cr_assert_eq(st, SG_OK, "%s", d.msg);
    free(cen);
    return text;
}

/* Writes text to a temporary file and runs xmllint --noout on it. */
static void assert_valid_xml(const char *text)
{
    char path[] = "/tmp/sg_test_emit_XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet '%s'", path);
    int rc = system(cmd);
    remove(path);
    cr_assert_eq(rc, 0, "xmllint rejected the SVG:\n%s", text);
}

/* Decodes the XML escapes Graphviz writes (&amp; &lt; &gt; &quot; &#39; &#NN; &#xHH;)
 * in s[0..n) into a new string. */
static char *xml_decode(const char *s, size_t n)
{
    char *out = malloc(4 * n + 1);
    size_t o = 0;
    cr_assert_not_null(out);
    for (size_t i = 0; i < n;) {
        if (s[i] != '&') {
            out[o++] = s[i++];
            continue;
        }
        const char *semi = memchr(s + i, ';', n - i);
        cr_assert_not_null(semi, "unterminated entity");
        size_t len = (size_t)(semi - (s + i)) + 1;
        unsigned long cp = 0;
        if (strncmp(s + i, "&amp;", len) == 0) {
            cp = '&';
        } else if (strncmp(s + i, "&lt;", len) == 0) {
            cp = '<';
        } else if (strncmp(s + i, "&gt;", len) == 0) {
            cp = '>';
        } else if (strncmp(s + i, "&quot;", len) == 0) {
            cp = '"';
        } else if (strncmp(s + i, "&apos;", len) == 0) {
            cp = '\'';
        } else if (s[i + 1] == '#' && s[i + 2] == 'x') {
            cp = strtoul(s + i + 3, NULL, 16);
        } else if (s[i + 1] == '#') {
            cp = strtoul(s + i + 2, NULL, 10);
        } else {
            cr_assert_fail("unknown entity %.*s", (int)len, s + i);
        }
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}

/* True when some <text ...>X</text> element of svg decodes to exactly `want`. */
static bool svg_has_text(const char *svg, const char *want)
{
    for (const char *p = strstr(svg, "<text"); p != NULL; p = strstr(p + 1, "<text")) {
        const char *start = strchr(p, '>');
        const char *end = strstr(p, "</text>");
        if (start == NULL || end == NULL) {
            return false;
        }
        start++;
        char *txt = xml_decode(start, (size_t)(end - start));
        bool same = strcmp(txt, want) == 0;
        free(txt);
        if (same) {
            return true;
        }
    }
    return false;
}

/* True when some xlink:title="X" attribute of svg decodes to a string containing
 * `want`. */
static bool svg_tooltip_contains(const char *svg, const char *want)
{
    const char *key = "xlink:title=\"";
    for (const char *p = strstr(svg, key); p != NULL; p = strstr(p + 1, key)) {
        const char *start = p + strlen(key);
        const char *end = strchr(start, '"');
        if (end == NULL) {
            return false;
        }
        char *txt = xml_decode(start, (size_t)(end - start));
        bool found = strstr(txt, want) != NULL;
        free(txt);
        if (found) {
            return true;
        }
    }
    return false;
}

/* ---- metric names ------------------------------------------------------------------- */

Test(metric, names_round_trip)
{
    const char *want[] = {"in_degree", "out_degree", "degree",      "in_strength", "out_strength",
                          "signed_in", "signed_out", "betweenness", "harmonic",    "pagerank",
                          "hub",       "authority",  "eigenvector"};
    cr_assert_eq(sizeof want / sizeof want[0], SG_M_COUNT);
    for (int i = 0; i < SG_M_COUNT; i++) {
        sg_metric m = SG_M_COUNT;
        cr_assert_str_eq(sg_metric_name((sg_metric)i), want[i]);
        cr_assert(sg_metric_parse(want[i], &m));
        cr_assert_eq(m, (sg_metric)i);
    }
    sg_metric m = SG_M_HUB;
    cr_assert_not(sg_metric_parse("PageRank", &m));
    cr_assert_not(sg_metric_parse("", &m));
    cr_assert_eq(m, SG_M_HUB);
}

/* ---- centrality output -------------------------------------------------------------- */

Test(centrality_out, csv_exact)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *csv = emit_table(g, SG_TAB_CSV, SG_M_PAGERANK, 0);
    /* pagerank of a path a -2-> b -1-> c with the isolated d, n = 4 */
    cr_assert_str_eq(csv, "id,name,in_degree,out_degree,degree,in_strength,out_strength,signed_in,"
                          "signed_out,betweenness,harmonic,pagerank,hub,authority,eigenvector\n"
                          "c,Gamma,1,0,1,1,0,3.400000,0.000000,0.000000,0.000000,0.400545,"
                          "0.000000,0.000000,0.447214\n"
                          "b,Beta,1,1,2,2,1,-6.500000,3.400000,1.000000,0.333333,0.288050,"
                          "0.000000,1.000000,1.000000\n"
                          "a,Alpha,0,1,1,0,2,0.000000,-6.500000,0.000000,0.888889,0.155703,"
                          "1.000000,0.000000,0.894427\n"
                          "d,\"Delta, \"\"the\"\" 4th\",0,0,0,0,0,0.000000,0.000000,0.000000,"
                          "0.000000,0.155703,0.000000,0.000000,0.000000\n");
    free(csv);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(centrality_out, sort_ties_by_id_and_top)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    /* in_degree: b and c have 1 (tie -> id order), a and d 0 */
    char *csv = emit_table(g, SG_TAB_CSV, SG_M_IN_DEGREE, 3);
    cr_assert_str_eq(csv, "id,name,in_degree,out_degree,degree,in_strength,out_strength,signed_in,"
                          "signed_out,betweenness,harmonic,pagerank,hub,authority,eigenvector\n"
                          "b,Beta,1,1,2,2,1,-6.500000,3.400000,1.000000,0.333333,0.288050,"
                          "0.000000,1.000000,1.000000\n"
                          "c,Gamma,1,0,1,1,0,3.400000,0.000000,0.000000,0.000000,0.400545,"
                          "0.000000,0.000000,0.447214\n"
                          "a,Alpha,0,1,1,0,2,0.000000,-6.500000,0.000000,0.888889,0.155703,"
                          "1.000000,0.000000,0.894427\n");
    free(csv);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(centrality_out, table_exact)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *t = emit_table(g, SG_TAB_TABLE, SG_M_HARMONIC, 2);
    cr_assert_str_eq(t, "actor  id  in_degree  out_degree  degree  in_strength  out_strength  "
                        "signed_in  signed_out  betweenness  harmonic  pagerank     hub  "
                        "authority  eigenvector\n"
                        "              actors      actors  actors       events        events  "
                        "Goldstein   Goldstein        paths  1/length     share   max 1      "
                        "max 1        max 1\n"
                        "Alpha  a           0           1       1            0             2  "
                        "   0.0000     -6.5000       0.0000    0.8889    0.1557  1.0000     "
                        "0.0000       0.8944\n"
                        "Beta   b           1           1       2            2             1  "
                        "  -6.5000      3.4000       1.0000    0.3333    0.2880  0.0000     "
                        "1.0000       1.0000\n");
    free(t);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(centrality_out, json_exact)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *j = emit_table(g, SG_TAB_JSON, SG_M_BETWEENNESS, 1);
    cr_assert_str_eq(j, "[{\n"
                        "\t\t\"id\":\t\"b\",\n"
                        "\t\t\"name\":\t\"Beta\",\n"
                        "\t\t\"in_degree\":\t1,\n"
                        "\t\t\"out_degree\":\t1,\n"
                        "\t\t\"degree\":\t2,\n"
                        "\t\t\"in_strength\":\t2,\n"
                        "\t\t\"out_strength\":\t1,\n"
                        "\t\t\"signed_in\":\t-6.5,\n"
                        "\t\t\"signed_out\":\t3.4,\n"
                        "\t\t\"betweenness\":\t1,\n"
                        "\t\t\"harmonic\":\t0.333333,\n"
                        "\t\t\"pagerank\":\t0.28805,\n"
                        "\t\t\"hub\":\t0,\n"
                        "\t\t\"authority\":\t1,\n"
                        "\t\t\"eigenvector\":\t1\n"
                        "\t}]\n");
    free(j);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(centrality_out, nan_is_null_empty_and_dash)
{
    sg_events *ev = sg_events_new();
    sg_events_add_actor(ev, "x", "X", "", 1);
    sg_graph *g = graph_of(ev);
    sg_centrality c = {.node = 0, .pagerank = NAN, .hub = INFINITY, .in_degree = 2};
    sg_diag d;
    capture cap;
    sg_diag_init(&d);

    cr_assert_eq(sg_emit_centrality(
                     g, &c, 1,
                     &(sg_table_opts){.format = SG_TAB_CSV, .sort = SG_M_PAGERANK, .decimals = -1},
                     cap_open(&cap), &d),
                 SG_OK);
    char *csv = cap_close(&cap);
    cr_assert_str_eq(strchr(csv, '\n') + 1,
                     "x,X,2,0,0,0,0,0.000000,0.000000,0.000000,0.000000,,,0.000000,"
                     "0.000000\n");
    free(csv);

    cr_assert_eq(
        sg_emit_centrality(
            g, &c, 1,
            &(sg_table_opts){.format = SG_TAB_TABLE, .sort = SG_M_PAGERANK, .decimals = -1},
            cap_open(&cap), &d),
        SG_OK);
    char *t = cap_close(&cap);
    cr_assert_not_null(strstr(t, "0.0000         -      -     0.0000       0.0000\n"), "%s", t);
    free(t);

    cr_assert_eq(sg_emit_centrality(
                     g, &c, 1,
                     &(sg_table_opts){.format = SG_TAB_JSON, .sort = SG_M_PAGERANK, .decimals = -1},
                     cap_open(&cap), &d),
                 SG_OK);
    char *j = cap_close(&cap);
    cr_assert_not_null(strstr(j, "\"pagerank\":\tnull,\n"), "%s", j);
    cr_assert_not_null(strstr(j, "\"hub\":\tnull,\n"), "%s", j);
    free(j);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(centrality_out, empty_graph)
{
    sg_events *ev = sg_events_new();
    sg_graph *g = graph_of(ev);
    char *csv = emit_table(g, SG_TAB_CSV, SG_M_PAGERANK, 0);
    cr_assert_str_eq(csv, "id,name,in_degree,out_degree,degree,in_strength,out_strength,signed_in,"
                          "signed_out,betweenness,harmonic,pagerank,hub,authority,eigenvector\n");
    free(csv);
    char *j = emit_table(g, SG_TAB_JSON, SG_M_PAGERANK, 0);
    cr_assert_str_eq(j, "[]\n");
    free(j);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- graph JSON ---------------------------------------------------------------------- */

Test(graph_json, exact)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -2.0, "A \"said\" it.");
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -4.5, "Again.");
    cr_assert_eq(sg_events_set_parent(ev, "a", "top"), SG_OK);
    cr_assert_eq(sg_events_set_parent(ev, "a", "other"), SG_OK); /* the first is kept */
    sg_graph *g = graph_of(ev);
    char *j = emit_graph(g, SG_FMT_JSON, NULL);
    /* a -> b with 2 events: harmonic(a) = 1 / (1/2) over n - 1 = 1; PageRank with b
     * dangling: PR(a) = 0.15/2 + 0.85 PR(b)/2, PR(b) = 1 - PR(a), so PR(a) = 0.5/1.425 */
    cr_assert_str_eq(j, "{\n"
                        "\t\"directed\":\ttrue,\n"
                        "\t\"nodes\":\t[{\n"
                        "\t\t\t\"id\":\t\"a\",\n"
                        "\t\t\t\"name\":\t\"Alpha\",\n"
                        "\t\t\t\"type\":\t\"country\",\n"
                        "\t\t\t\"parent\":\t\"top\",\n"
                        "\t\t\t\"mentions\":\t0,\n"
                        "\t\t\t\"in_degree\":\t0,\n"
                        "\t\t\t\"out_degree\":\t1,\n"
                        "\t\t\t\"degree\":\t1,\n"
                        "\t\t\t\"in_strength\":\t0,\n"
                        "\t\t\t\"out_strength\":\t2,\n"
                        "\t\t\t\"signed_in\":\t0,\n"
                        "\t\t\t\"signed_out\":\t-6.5,\n"
                        "\t\t\t\"betweenness\":\t0,\n"
                        "\t\t\t\"harmonic\":\t2,\n"
                        "\t\t\t\"pagerank\":\t0.350877,\n"
                        "\t\t\t\"hub\":\t1,\n"
                        "\t\t\t\"authority\":\t0,\n"
                        "\t\t\t\"eigenvector\":\t1\n"
                        "\t\t}, {\n"
                        "\t\t\t\"id\":\t\"b\",\n"
                        "\t\t\t\"name\":\t\"Beta\",\n"
                        "\t\t\t\"type\":\t\"person\",\n"
                        "\t\t\t\"parent\":\tnull,\n"
                        "\t\t\t\"mentions\":\t0,\n"
                        "\t\t\t\"in_degree\":\t1,\n"
                        "\t\t\t\"out_degree\":\t0,\n"
                        "\t\t\t\"degree\":\t1,\n"
                        "\t\t\t\"in_strength\":\t2,\n"
                        "\t\t\t\"out_strength\":\t0,\n"
                        "\t\t\t\"signed_in\":\t-6.5,\n"
                        "\t\t\t\"signed_out\":\t0,\n"
                        "\t\t\t\"betweenness\":\t0,\n"
                        "\t\t\t\"harmonic\":\t0,\n"
                        "\t\t\t\"pagerank\":\t0.649123,\n"
                        "\t\t\t\"hub\":\t0,\n"
                        "\t\t\t\"authority\":\t1,\n"
                        "\t\t\t\"eigenvector\":\t1\n"
                        "\t\t}],\n"
                        "\t\"edges\":\t[{\n"
                        "\t\t\t\"source\":\t\"a\",\n"
                        "\t\t\t\"target\":\t\"b\",\n"
                        "\t\t\t\"relation\":\t\"accuse\",\n"
                        "\t\t\t\"label\":\t\"accuses\",\n"
                        "\t\t\t\"cameo\":\t\"112\",\n"
                        "\t\t\t\"count\":\t2,\n"
                        "\t\t\t\"goldstein_sum\":\t-6.5,\n"
                        "\t\t\t\"goldstein_mean\":\t-3.25,\n"
                        "\t\t\t\"evidence\":\t[{\n"
                        "\t\t\t\t\t\"doc\":\t\"news.txt\",\n"
                        "\t\t\t\t\t\"sentence\":\t0,\n"
                        "\t\t\t\t\t\"start\":\t0,\n"
                        "\t\t\t\t\t\"end\":\t12,\n"
                        "\t\t\t\t\t\"text\":\t\"A \\\"said\\\" it.\",\n"
                        "\t\t\t\t\t\"trigger\":\t\"accuses\"\n"
                        "\t\t\t\t}, {\n"
                        "\t\t\t\t\t\"doc\":\t\"news.txt\",\n"
                        "\t\t\t\t\t\"sentence\":\t1,\n"
                        "\t\t\t\t\t\"start\":\t100,\n"
                        "\t\t\t\t\t\"end\":\t106,\n"
                        "\t\t\t\t\t\"text\":\t\"Again.\",\n"
                        "\t\t\t\t\t\"trigger\":\t\"accuses\"\n"
                        "\t\t\t\t}]\n"
                        "\t\t}]\n"
                        "}\n");
    free(j);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(graph_json, sums_print_without_float_noise)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "A", "b", "B", "r", "r", 0.1, "x");
    add_ev(ev, "a", "A", "b", "B", "r", "r", 0.2, "y");
    sg_graph *g = graph_of(ev);
    char *j = emit_graph(g, SG_FMT_JSON, NULL);
    cr_assert_not_null(strstr(j, "\"goldstein_sum\":\t0.3,"), "%s", j);
    cr_assert_not_null(strstr(j, "\"goldstein_mean\":\t0.15,"), "%s", j);
    free(j);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(graph_json, empty)
{
    sg_events *ev = sg_events_new();
    sg_graph *g = graph_of(ev);
    char *j = emit_graph(g, SG_FMT_JSON, NULL);
    cr_assert_str_eq(j, "{\n\t\"directed\":\ttrue,\n\t\"nodes\":\t[],\n\t\"edges\":\t[]\n}\n");
    free(j);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- SVG and DOT --------------------------------------------------------------------- */

/* Names that break naive escaping, each paired with what the drawing must show. */
static const char *const hostile[][2] = {
    {"AT&T", "AT&T"},
    {"a<b>c", "a<b>c"},
    {"say \"no\"", "say \"no\""},
    {"back\\N slash \\G", "back\\N slash \\G"},
    {"trailing\\", "trailing\\"},
    {"entity &amp; kept", "entity &amp; kept"},
    {"bell\x07tab\tend", "bell\xEF\xBF\xBDtab end"},
    {"Армения", "Армения"},
    {"Հայաստան", "Հայաստան"},
    {"bad \xFF utf8", "bad \xEF\xBF\xBD utf8"},
};
enum { N_HOSTILE = sizeof hostile / sizeof hostile[0] };

static sg_events *hostile_events(void)
{
    sg_events *ev = sg_events_new();
    char id[16];
    char prev[16] = "";
    for (size_t i = 0; i < N_HOSTILE; i++) {
        snprintf(id, sizeof id, "n%02zu", i);
        cr_assert_eq(sg_events_add_actor(ev, id, hostile[i][0], "country", 1), SG_OK);
        if (i > 0) {
            add_ev(ev, prev, hostile[i - 1][0], id, hostile[i][0], "rel", hostile[i][0],
                   i % 2 == 0 ? -1.0 : 1.0, hostile[i][0]);
        }
        memcpy(prev, id, sizeof id);
    }
    /* an id that cannot be a Graphviz node name as it is */
    add_ev(ev, "id&amp;\x01\\", "Odd id", "n00", hostile[0][0], "rel", "rel", 0.0, "t");
    return ev;
}

Test(svg, hostile_names_are_valid_xml_and_exact)
{
    sg_events *ev = hostile_events();
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, "Title & \\N \"q\" <x>\\");
    assert_valid_xml(svg);
    cr_assert(svg_has_text(svg, "Title & \\N \"q\" <x>\\"), "title missing:\n%s", svg);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        /* node label and edge label */
        cr_assert(svg_has_text(svg, hostile[i][1]), "label '%s' missing:\n%s", hostile[i][1], svg);
        /* evidence text in the edge tooltip */
        if (i > 0) {
            cr_assert(svg_tooltip_contains(svg, hostile[i][1]), "tooltip '%s' missing",
                      hostile[i][1]);
        }
    }
    cr_assert(svg_has_text(svg, "Odd id"));
    cr_assert(svg_tooltip_contains(svg, "[news.txt #0] a<b>c"));
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, colours_widths_and_counts)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, NULL);
    assert_valid_xml(svg);
    cr_assert(svg_has_text(svg, "accuses ×2"));
    cr_assert(svg_has_text(svg, "praises"));
    /* accuses: mean (-2 - 4.5) / 2 = -3.25, class -5 to -0.5; praises +3.4: 0.5 to 5 */
    cr_assert_not_null(strstr(svg, "stroke=\"#d6604d\" stroke-width=\"2.5\""), "%s", svg);
    cr_assert_not_null(strstr(svg, "stroke=\"#4393c3\""));
    cr_assert(svg_tooltip_contains(svg, "Alpha → Beta: 2 events, mean Goldstein -3.2"));
    cr_assert(svg_tooltip_contains(svg, "• [news.txt #2] Alpha blamed Beta."));
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, title_desc_and_caption)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, "Path & <co>");
    assert_valid_xml(svg);
    /* <title> and <desc> are the first children of <svg>, before Graphviz's <g> */
    char *head = between(svg, "<svg", "<g id=\"graph0\"");
    char *title = between(head, "\n<title>", "</title>");
    char *desc = between(head, "<desc>", "</desc>");
    cr_assert_str_eq(title, "Path &amp; &lt;co&gt;");
    cr_assert_str_eq(desc, "4 actors, 3 events in 2 edges (source, relation, target) from 1 "
                           "document. Mentioned without events (not drawn): Delta, &quot;the&quot; "
                           "4th.");
    cr_assert_not_null(strstr(head, "viewBox=\"0.00 0.00 "), "%s", head);
    cr_assert(svg_has_text(svg, "Path & <co>"));
    cr_assert(
        svg_has_text(svg, "Edge colour: mean Goldstein weight\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0"),
        "%s", svg);
    cr_assert(svg_has_text(svg, "Node size (area): pagerank\u00A0\u00A0\u00A0\u00A0\u00A0"));
    /* the isolated actor is named in the caption, not drawn */
    cr_assert_null(strstr(svg, "<title>d</title>"));
    free(head);
    free(title);
    free(desc);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, parallel_relations_share_one_labelled_edge)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -2.0, "x");
    add_ev(ev, "a", "Alpha", "b", "Beta", "meet", "meets", 1.0, "y");
    add_ev(ev, "a", "Alpha", "b", "Beta", "meet", "meets", 1.0, "z");
    add_ev(ev, "b", "Beta", "a", "Alpha", "accuse", "accuses", -2.0, "w");
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, NULL);
    assert_valid_xml(svg);
    /* two drawn edges (one per direction); a -> b has both relations, mean 0 */
    cr_assert_not_null(strstr(svg, "<title>a&#45;&gt;b</title>"), "%s", svg);
    cr_assert_not_null(strstr(svg, "<title>b&#45;&gt;a</title>"));
    cr_assert_null(strstr(strstr(svg, "<title>a&#45;&gt;b</title>") + 1, "<title>a&#45;&gt;b"));
    cr_assert(svg_has_text(svg, "accuses"));
    cr_assert(svg_has_text(svg, "meets ×2"));
    cr_assert_not_null(strstr(svg, "stroke=\"#878787\" stroke-width=\"3.38\""), "%s", svg);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* a star: hub h receives from s1..s5, and s1 -> s2 */
static sg_events *star_events(void)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "s1", "S1", "h", "Hub", "accuse", "accuses", -2.0, "a");
    add_ev(ev, "s2", "S2", "h", "Hub", "accuse", "accuses", -2.0, "b");
    add_ev(ev, "s3", "S3", "h", "Hub", "accuse", "accuses", -2.0, "c");
    add_ev(ev, "s4", "S4", "h", "Hub", "accuse", "accuses", -2.0, "d");
    add_ev(ev, "s5", "S5", "h", "Hub", "accuse", "accuses", -2.0, "e");
    add_ev(ev, "s1", "S1", "s2", "S2", "meet", "meets", 1.0, "f");
    return ev;
}

Test(svg, top_keeps_the_highest_ranked_and_says_what_is_left_out)
{
    sg_events *ev = star_events();
    sg_graph *g = graph_of(ev);
    sg_draw_opts o;
    sg_draw_opts_init(&o);
    o.top = 2;
    char *svg = emit_drawing(g, SG_FMT_SVG, &o);
    assert_valid_xml(svg);
    char *desc = between(svg, "<desc>", "</desc>");
    /* pagerank: h first, then s2 (it also receives from s1); s1, s3, s4, s5 tie, by id */
    cr_assert_str_eq(desc, "6 actors, 6 events in 6 edges (source, relation, target) from 1 "
                           "document. Drawn: the top 2 actors by pagerank; 4 more actors left "
                           "out. Not drawn: 5 events in 5 edges; the JSON, GraphML and CSV "
                           "exports keep them.");
    cr_assert_not_null(strstr(svg, "<title>h</title>"));
    cr_assert_not_null(strstr(svg, "<title>s2&#45;&gt;h</title>"), "%s", svg);
    cr_assert_null(strstr(svg, "<title>s1</title>"));
    free(desc);
    free(svg);
    /* top 0 draws all */
    o.top = 0;
    o.size_by = -1;
    svg = emit_drawing(g, SG_FMT_SVG, &o);
    desc = between(svg, "<desc>", "</desc>");
    cr_assert_str_eq(desc, "6 actors, 6 events in 6 edges (source, relation, target) from 1 "
                           "document.");
    cr_assert_null(strstr(svg, "Node size"));
    free(desc);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, drawn_pairs_are_capped_at_three_per_actor)
{
    /* 5 actors, all 20 ordered pairs; pair (i, j) has i + 1 events */
    sg_events *ev = sg_events_new();
    static const char *const ids[] = {"p", "q", "r", "s", "t"};
    for (size_t i = 0; i < 5; i++) {
        for (size_t j = 0; j < 5; j++) {
            for (size_t k = 0; i != j && k <= i; k++) {
                add_ev(ev, ids[i], ids[i], ids[j], ids[j], "accuse", "accuses", -2.0, "x");
            }
        }
    }
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, NULL);
    char *desc = between(svg, "<desc>", "</desc>");
    /* a cap of 15 pairs: out go p's four pairs (1 event each) and, of q's (2 each), the
     * last in graph order, q -> t */
    cr_assert_str_eq(desc, "5 actors, 60 events in 20 edges (source, relation, target) from 1 "
                           "document. Drawn between them: the 15 actor pairs with the most "
                           "events (3 per drawn actor); 5 weaker pairs left out. Not drawn: 6 "
                           "events in 5 edges; the JSON, GraphML and CSV exports keep them.");
    cr_assert_null(strstr(svg, "<title>p&#45;&gt;q</title>"));
    cr_assert_null(strstr(svg, "<title>q&#45;&gt;t</title>"));
    cr_assert_not_null(strstr(svg, "<title>q&#45;&gt;s</title>"));
    cr_assert_eq(count_of(svg, "class=\"edge\""), 15);
    free(desc);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, size_by_scales_nodes)
{
    sg_events *ev = star_events();
    sg_graph *g = graph_of(ev);
    sg_draw_opts o;
    sg_draw_opts_init(&o);
    o.size_by = SG_M_IN_DEGREE;
    char *dot = emit_drawing(g, SG_FMT_DOT, &o);
    /* in-degree: h 5 (the largest: width 0.75 + 1.25), s2 1 (sqrt(1/5) = 0.447),
     * s1 0 (the smallest) */
    cr_assert_not_null(strstr(dot, "\th\t[fontsize=16.0,\n\t\theight=0.90,"), "%s", dot);
    cr_assert_not_null(strstr(dot, "width=2.00"));
    cr_assert_not_null(strstr(dot, "\ts2\t[fontsize=13.2,\n\t\theight=0.62,"), "%s", dot);
    cr_assert_not_null(strstr(dot, "\ts1\t[fontsize=11.0,\n\t\theight=0.40,"), "%s", dot);
    cr_assert_not_null(strstr(dot, "Node size (area): in_degree"));
    free(dot);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, negated_events_drawn_dashed_on_request)
{
    sg_events *ev = path_events();
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "news.txt";
    e.sentence = 9;
    e.source = "c";
    e.source_name = "Gamma";
    e.source_type = "";
    e.target = "a";
    e.target_name = "Alpha";
    e.target_type = "";
    e.relation = "threaten";
    e.label = "threatens";
    e.cameo = "138";
    e.goldstein = -7.0;
    e.negated = true;
    e.trigger = "threaten";
    e.text = "Gamma did not threaten Alpha.";
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, NULL);
    cr_assert_null(strstr(svg, "(not)"));
    free(svg);
    sg_draw_opts o;
    sg_draw_opts_init(&o);
    o.show_negated = true;
    svg = emit_drawing(g, SG_FMT_SVG, &o);
    assert_valid_xml(svg);
    cr_assert(svg_has_text(svg, "(not) threatens"), "%s", svg);
    cr_assert_not_null(strstr(svg, "stroke=\"#555555\" stroke-dasharray=\"5,2\""), "%s", svg);
    cr_assert(svg_tooltip_contains(svg, "Gamma → Alpha: 1 negated event"));
    cr_assert(svg_tooltip_contains(svg, "• [news.txt #9] Gamma did not threaten Alpha."));
    char *desc = between(svg, "<desc>", "</desc>");
    cr_assert_not_null(strstr(desc, " Dashed: 1 negated event (&quot;did not ...&quot;)."), "%s",
                       desc);
    free(desc);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, every_layout_engine_gives_valid_identical_output)
{
    static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", "circo"};
    sg_events *ev = star_events();
    sg_graph *g = graph_of(ev);
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++) {
        sg_draw_opts o;
        sg_draw_opts_init(&o);
        o.layout = engines[i];
        cr_assert(sg_draw_layout_valid(engines[i]));
        char *a = emit_drawing(g, SG_FMT_SVG, &o);
        char *b = emit_drawing(g, SG_FMT_SVG, &o);
        assert_valid_xml(a);
        cr_assert_str_eq(a, b, "%s is not deterministic", engines[i]);
        cr_assert(svg_has_text(a, "Hub"), "%s", engines[i]);
        if (i > 0) {
            cr_assert_not_null(strstr(a, "Arrows are not labelled with this layout"));
            cr_assert(!svg_has_text(a, "accuses"), "%s: arrows are not labelled", engines[i]);
        }
        free(a);
        free(b);
    }
    cr_assert(!sg_draw_layout_valid("twopi"));
    sg_draw_opts o;
    sg_draw_opts_init(&o);
    o.layout = "spring";
    sg_diag d;
    sg_diag_init(&d);
    FILE *f = fopen("/dev/null", "w");
    cr_assert_eq(sg_emit_graph(g, SG_FMT_SVG, &o, f, &d), SG_ERR_BACKEND);
    cr_assert_str_eq(d.msg, "unknown layout engine 'spring'");
    fclose(f);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, png_and_pdf_through_graphviz_renderers)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *png = NULL, *pdf = NULL;
    size_t png_len = 0, pdf_len = 0;
    sg_diag d;
    sg_diag_init(&d);
    FILE *f = open_memstream(&png, &png_len);
    cr_assert_eq(sg_emit_graph(g, SG_FMT_PNG, NULL, f, &d), SG_OK, "%s", d.msg);
    fclose(f);
    cr_assert_gt(png_len, 1000);
    cr_assert_eq(memcmp(png, "\x89PNG\r\n\x1a\n", 8), 0);
    f = open_memstream(&pdf, &pdf_len);
    cr_assert_eq(sg_emit_graph(g, SG_FMT_PDF, NULL, f, &d), SG_OK, "%s", d.msg);
    fclose(f);
    cr_assert_gt(pdf_len, 1000);
    cr_assert_eq(memcmp(pdf, "%PDF-", 5), 0);
    free(png);
    free(pdf);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, very_long_names_and_many_relations_are_cut)
{
    sg_events *ev = sg_events_new();
    char name[400];
    memset(name, 'x', 300);
    name[300] = '\0';
    static const char *const rels[] = {"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"};
    for (size_t i = 0; i < 8; i++) {
        add_ev(ev, "a", name, "b", "Beta", rels[i], rels[i], -2.0, "x");
    }
    sg_graph *g = graph_of(ev);
    char *dot = emit_graph(g, SG_FMT_DOT, NULL);
    /* the name: 100 code points and an ellipsis; 6 relation lines and a count */
    char want[160];
    memset(want, 'x', 100);
    strcpy(want + 100, "…");
    char *label = between(dot, "\ta\t[", "];");
    cr_assert_not_null(strstr(label, want), "%s", label);
    cr_assert_null(strstr(label, "xxxxxxxxxx…xx"));
    cr_assert_not_null(strstr(dot, "label=\"r1\\nr2\\nr3\\nr4\\nr5\\nr6\\n+2 more relations\""),
                       "%s", dot);
    free(label);
    free(dot);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, long_names_wrap_on_two_lines)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "osce", "Organization for Security and Co-operation in Europe", "b", "Beta",
           "accuse", "accuses", -2.0, "x");
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, NULL);
    assert_valid_xml(svg);
    cr_assert(svg_has_text(svg, "Organization for Security"), "%s", svg);
    cr_assert(svg_has_text(svg, "and Co-operation in Europe"), "%s", svg);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, empty_graph_is_valid)
{
    sg_events *ev = sg_events_new();
    sg_graph *g = graph_of(ev);
    char *svg = emit_graph(g, SG_FMT_SVG, "empty");
    assert_valid_xml(svg);
    cr_assert(svg_has_text(svg, "empty"));
    char *desc = between(svg, "<desc>", "</desc>");
    cr_assert_str_eq(desc, "0 actors, 0 events in 0 edges (source, relation, target) from 0 "
                           "documents.");
    free(desc);
    free(svg);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, repeated_renders_are_identical)
{
    sg_events *ev = hostile_events();
    sg_graph *g = graph_of(ev);
    char *a = emit_graph(g, SG_FMT_SVG, "t");
    char *b = emit_graph(g, SG_FMT_SVG, "t");
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(svg, write_failure_is_io_error)
{
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL) {
        cr_skip_test("no /dev/full");
    }
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_emit_graph(g, SG_FMT_SVG, NULL, full, &d), SG_ERR_IO);
    cr_assert_eq(d.status, SG_ERR_IO);
    clearerr(full);
    cr_assert_eq(sg_emit_graph(g, SG_FMT_DOT, NULL, full, &d), SG_ERR_IO);
    clearerr(full);
    cr_assert_eq(sg_emit_graph(g, SG_FMT_JSON, NULL, full, &d), SG_ERR_IO);
    clearerr(full);
    size_t n = sg_graph_node_count(g);
    sg_centrality *c = calloc(n, sizeof *c);
    cr_assert_eq(sg_graph_centrality(g, c, &d), SG_OK);
    cr_assert_eq(sg_emit_centrality(
                     g, c, n,
                     &(sg_table_opts){.format = SG_TAB_CSV, .sort = SG_M_PAGERANK, .decimals = -1},
                     full, &d),
                 SG_ERR_IO);
    free(c);
    fclose(full);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(dot, deterministic_without_layout)
{
    sg_events *ev = hostile_events();
    sg_graph *g = graph_of(ev);
    char *a = emit_graph(g, SG_FMT_DOT, "T");
    char *b = emit_graph(g, SG_FMT_DOT, "T");
    cr_assert_str_eq(a, b);
    cr_assert_eq(strncmp(a, "digraph stancegraph {", 21), 0, "%s", a);
    cr_assert_null(strstr(a, "pos="));
    cr_assert_null(strstr(a, "bb="));
    /* escaped for Graphviz: a literal backslash is doubled, & is an entity */
    cr_assert_not_null(strstr(a, "label=\"AT&amp;T\""), "%s", a);
    cr_assert_not_null(strstr(a, "label=\"trailing\\\\\""), "%s", a);
    cr_assert_not_null(strstr(a, "\t_0\t[fontsize=13.1,\n\t\theight=0.61,\n\t\tlabel=\"Odd id\""),
                       "%s", a);
    free(a);
    free(b);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(dot, exact_small_graph)
{
    sg_events *ev = sg_events_new();
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -2.0, "x");
    add_ev(ev, "a", "Alpha", "b", "Beta", "accuse", "accuses", -2.0, "y");
    sg_graph *g = graph_of(ev);
    sg_draw_opts o;
    sg_draw_opts_init(&o);
    o.size_by = -1;
    char *dot = emit_drawing(g, SG_FMT_DOT, &o);
    const char *top = "digraph stancegraph {\n\tgraph [bgcolor=white,\n";
    cr_assert_eq(strncmp(dot, top, strlen(top)), 0, "%s", dot);
    cr_assert_not_null(strstr(dot, "\tnode [fillcolor=\"#FFFFFF\",\n"
                                   "\t\tfontname=\"Helvetica,Arial,sans-serif\",\n"
                                   "\t\tmargin=\"0.22,0.08\",\n"
                                   "\t\tstyle=filled\n"
                                   "\t];\n"
                                   "\tedge [fontname=\"Helvetica,Arial,sans-serif\",\n"
                                   "\t\tfontsize=10\n"
                                   "\t];\n"),
                       "%s", dot);
    cr_assert_str_eq(
        strstr(dot, "\ta\t["),
        "\ta\t[label=Alpha,\n"
        "\t\tshape=box,\n"
        "\t\ttooltip=\"Alpha (country), 0 mentions\"];\n"
        "\tb\t[label=Beta,\n"
        "\t\tshape=ellipse,\n"
        "\t\ttooltip=\"Beta (person), 0 mentions\"];\n"
        "\ta -> b\t[color=\"#D6604D\",\n"
        "\t\tfontcolor=\"#D6604D\",\n"
        "\t\tlabel=\"accuses ×2\",\n"
        "\t\tlabeltooltip=\"Alpha → Beta: 2 events, mean Goldstein -2.0&#10;accuses ×2, "
        "CAMEO 112, Goldstein -4.0&#10;• [news.txt #0] x&#10;• [news.txt #\\\n1] y\",\n"
        "\t\tpenwidth=2.50,\n"
        "\t\ttooltip=\"Alpha → Beta: 2 events, mean Goldstein -2.0&#10;accuses ×2, "
        "CAMEO 112, Goldstein -4.0&#10;• [news.txt #0] x&#10;• [news.txt #\\\n1] y\"];\n"
        "}\n");
    free(dot);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- GraphML ------------------------------------------------------------------------- */

/* Reads GraphML text back with igraph's own reader and attribute table. */
static void read_graphml(const char *text, igraph_t *out)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert_not_null(f);
    cr_assert_eq(igraph_read_graph_graphml(out, f, 0), IGRAPH_SUCCESS);
    fclose(f);
}

Test(graphml, igraph_reads_back_nodes_edges_and_attributes)
{
    igraph_attribute_table_t *old = igraph_set_attribute_table(&igraph_cattribute_table);
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *xml = emit_graph(g, SG_FMT_GRAPHML, NULL);
    assert_valid_xml(xml);
    igraph_t ig;
    read_graphml(xml, &ig);
    cr_assert(igraph_is_directed(&ig));
    cr_assert_eq(igraph_vcount(&ig), 4);
    cr_assert_eq(igraph_ecount(&ig), 2);
    cr_assert_str_eq(VAS(&ig, "actor", 3), "d");
    cr_assert_str_eq(VAS(&ig, "name", 3), "Delta, \"the\" 4th");
    cr_assert_str_eq(VAS(&ig, "type", 0), "country");
    cr_assert_float_eq(VAN(&ig, "mentions", 0), 2.0, 0.0);
    cr_assert_float_eq(VAN(&ig, "out_strength", 0), 2.0, 0.0);
    cr_assert_float_eq(VAN(&ig, "betweenness", 1), 1.0, 0.0);
    igraph_integer_t from, to;
    igraph_edge(&ig, 0, &from, &to);
    cr_assert_eq(from, 0);
    cr_assert_eq(to, 1);
    cr_assert_str_eq(EAS(&ig, "relation", 0), "accuse");
    cr_assert_str_eq(EAS(&ig, "cameo", 0), "112");
    cr_assert_float_eq(EAN(&ig, "count", 0), 2.0, 0.0);
    cr_assert_float_eq(EAN(&ig, "goldstein_sum", 0), -6.5, 0.0);
    cr_assert_float_eq(EAN(&ig, "goldstein_mean", 0), -3.25, 0.0);
    cr_assert_str_eq(EAS(&ig, "evidence", 0),
                     "[{\"doc\":\"news.txt\",\"sentence\":0,\"start\":0,\"end\":19,"
                     "\"text\":\"Alpha accused Beta.\",\"trigger\":\"accuses\"},"
                     "{\"doc\":\"news.txt\",\"sentence\":2,\"start\":200,\"end\":218,"
                     "\"text\":\"Alpha blamed Beta.\",\"trigger\":\"accuses\"}]");
    cr_assert_str_eq(EAS(&ig, "label", 1), "praises");
    igraph_destroy(&ig);
    free(xml);
    sg_graph_free(g);
    sg_events_free(ev);
    igraph_set_attribute_table(old);
}

Test(graphml, hostile_names_read_back_exactly)
{
    igraph_attribute_table_t *old = igraph_set_attribute_table(&igraph_cattribute_table);
    sg_events *ev = hostile_events();
    sg_graph *g = graph_of(ev);
    char *xml = emit_graph(g, SG_FMT_GRAPHML, NULL);
    assert_valid_xml(xml);
    igraph_t ig;
    read_graphml(xml, &ig);
    for (size_t i = 0; i < N_HOSTILE; i++) {
        /* as in the SVG, except that a tab stays a tab */
        const char *want = strcmp(hostile[i][0], "bell\x07tab\tend") == 0
                               ? "bell\xEF\xBF\xBDtab\tend"
                               : hostile[i][1];
        char id[16];
        snprintf(id, sizeof id, "n%02zu", i);
        igraph_integer_t v = -1;
        for (igraph_integer_t k = 0; k < igraph_vcount(&ig); k++) {
            if (strcmp(VAS(&ig, "actor", k), id) == 0) {
                v = k;
            }
        }
        cr_assert_geq(v, 0, "node %s missing", id);
        cr_assert_str_eq(VAS(&ig, "name", v), want);
    }
    igraph_destroy(&ig);
    free(xml);
    sg_graph_free(g);
    sg_events_free(ev);
    igraph_set_attribute_table(old);
}

/* ---- graph as CSV ------------------------------------------------------------------- */

Test(graph_csv, exact_tables)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    capture cn, ce;
    sg_diag d;
    sg_diag_init(&d);
    /* centralities as in centrality_out.csv_exact; graph order, not sorted */
    FILE *fn = cap_open(&cn);
    FILE *fe = cap_open(&ce);
    cr_assert_eq(sg_emit_graph_csv(g, fn, fe, &d), SG_OK, "%s", d.msg);
    char *nodes = cap_close(&cn);
    char *edges = cap_close(&ce);
    cr_assert_str_eq(nodes, "id,name,type,parent,mentions,in_degree,out_degree,degree,in_strength,"
                            "out_strength,signed_in,signed_out,betweenness,harmonic,pagerank,hub,"
                            "authority,eigenvector\n"
                            "a,Alpha,country,,2,0,1,1,0,2,0.000000,-6.500000,0.000000,0.888889,"
                            "0.155703,1.000000,0.000000,0.894427\n"
                            "b,Beta,person,,0,1,1,2,2,1,-6.500000,3.400000,1.000000,0.333333,"
                            "0.288050,0.000000,1.000000,1.000000\n"
                            "c,Gamma,person,,0,1,0,1,1,0,3.400000,0.000000,0.000000,0.000000,"
                            "0.400545,0.000000,0.000000,0.447214\n"
                            "d,\"Delta, \"\"the\"\" 4th\",,,1,0,0,0,0,0,0.000000,0.000000,0.000000,"
                            "0.000000,0.155703,0.000000,0.000000,0.000000\n");
    cr_assert_str_eq(
        edges, "source,target,relation,label,cameo,count,goldstein_sum,goldstein_mean,"
               "evidence\n"
               "a,b,accuse,accuses,112,2,-6.500000,-3.250000,\"[{\"\"doc\"\":\"\"news.txt\"\","
               "\"\"sentence\"\":0,\"\"start\"\":0,\"\"end\"\":19,\"\"text\"\":\"\"Alpha "
               "accused Beta.\"\",\"\"trigger\"\":\"\"accuses\"\"},{\"\"doc\"\":\"\"news.txt\"\","
               "\"\"sentence\"\":2,\"\"start\"\":200,\"\"end\"\":218,\"\"text\"\":\"\"Alpha "
               "blamed Beta.\"\",\"\"trigger\"\":\"\"accuses\"\"}]\"\n"
               "b,c,praise,praises,112,1,3.400000,3.400000,\"[{\"\"doc\"\":\"\"news.txt\"\","
               "\"\"sentence\"\":1,\"\"start\"\":100,\"\"end\"\":119,\"\"text\"\":\"\"Beta "
               "praised Gamma.\"\",\"\"trigger\"\":\"\"praises\"\"}]\"\n");
    free(nodes);
    free(edges);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* ---- HTML report ------------------------------------------------------------------- */

static char *emit_html(const sg_graph *g, const char *svg, const char *title, sg_status want)
{
    capture c;
    sg_diag d;
    sg_diag_init(&d);
    sg_centrality *cent = NULL;
    cr_assert_eq(sg_i_centrality(g, &cent, &d), SG_OK, "%s", d.msg);
    FILE *f = cap_open(&c);
    sg_status st = sg_i_emit_html(g, svg, strlen(svg), title, cent, f, &d);
    char *text = cap_close(&c);
    free(cent);
    cr_assert_eq(st, want, "%s", d.msg);
    return text;
}

/* The text of the first <script> element of an HTML document (caller frees). */
static char *script_text(const char *html)
{
    const char *a = strstr(html, "<script>");
    cr_assert_not_null(a);
    a += strlen("<script>");
    const char *b = strstr(a, "</script>");
    cr_assert_not_null(b);
    return strndup(a, (size_t)(b - a));
}

Test(html, counts_table_rows_and_evidence_exact)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *html = emit_graph(g, SG_FMT_HTML, "Path");
    cr_assert_eq(
        strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 62),
        0, "%s", html);
    cr_assert_not_null(strstr(html, "<title>Path</title>"));
    cr_assert_not_null(strstr(html, "<h1>Path</h1>"));
    cr_assert_not_null(
        strstr(html, "<p class=\"counts\"><b id=\"sg-n-actors\">4</b> actors, "
                     "<b id=\"sg-n-edges\">2</b> relations (edges), <b id=\"sg-n-events\">3</b> "
                     "events, <b id=\"sg-n-docs\">1</b> document</p>"),
        "%s", html);
    /* centralities as in graph_csv.exact_tables, "-" would stand for undefined */
    cr_assert_not_null(strstr(html,
                              "<tr id=\"row-0\" data-i=\"0\" data-actor=\"a\"><td class=\"id\">"
                              "<a href=\"#actor-0\">a</a></td><td>Alpha</td><td>country</td>"
                              "<td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">1</td>"
                              "<td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">2</td>"
                              "<td class=\"n\">0.000000</td><td class=\"n\">-6.500000</td>"
                              "<td class=\"n\">0.000000</td><td class=\"n\">0.888889</td>"
                              "<td class=\"n\">0.155703</td><td class=\"n\">1.000000</td>"
                              "<td class=\"n\">0.000000</td><td class=\"n\">0.894427</td></tr>\n"),
                       "%s", html);
    cr_assert_not_null(strstr(html, "data-actor=\"d\"><td class=\"id\"><a href=\"#actor-3\">d</a>"
                                    "</td><td>Delta, &quot;the&quot; 4th</td><td></td>"));
    cr_assert_not_null(strstr(html, "<th data-type=\"num\"><button type=\"button\">pagerank"
                                    "</button></th>"));
    /* one pair section per ordered actor pair, edges with their evidence */
    cr_assert_not_null(
        strstr(html, "<section class=\"pair\" id=\"pair-0-1\" data-s=\"0\" data-t=\"1\" "
                     "data-source=\"a\" data-target=\"b\">\n<h3><a href=\"#actor-0\">Alpha</a> "
                     "<span class=\"id\">a</span> &#8594; <a href=\"#actor-1\">Beta</a> "
                     "<span class=\"id\">b</span></h3>\n<div class=\"rel\" id=\"edge-0\">\n"
                     "<h4 class=\"neg\">accuses</h4>\n<p class=\"meta\">relation "
                     "<code>accuse</code>, CAMEO <code>112</code>, <span class=\"count\">2</span> "
                     "events, Goldstein sum <span class=\"gs\">-6.5</span></p>"),
        "%s", html);
    cr_assert_not_null(strstr(html, "<tr><td class=\"doc\">news.txt</td><td class=\"n\">2</td>"
                                    "<td class=\"n\">200&#8211;218</td><td class=\"text\">Alpha "
                                    "blamed Beta.</td></tr>"));
    cr_assert_not_null(strstr(html, "<h4 class=\"pos\">praises</h4>"));
    cr_assert_not_null(strstr(html, "<span class=\"gs\">3.4</span>"));
    cr_assert_null(strstr(html, "pair-1-0"));
    free(html);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(html, drawing_inline_without_prolog)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    char *html = emit_graph(g, SG_FMT_HTML, NULL);
    /* Graphviz's XML declaration, DOCTYPE and comments before <svg> are left out */
    cr_assert_null(strstr(html, "<?xml"));
    cr_assert_null(strstr(html, "<!DOCTYPE svg"));
    cr_assert_null(strstr(html, "Generated by graphviz"));
    cr_assert_not_null(strstr(html, "<div id=\"sg-drawing\">\n<svg width="), "%s", html);
    cr_assert_not_null(strstr(html, "<title>a&#45;&gt;b</title>"));
    cr_assert_not_null(strstr(html, "<title>stancegraph report</title>"));
    cr_assert_not_null(strstr(html, "</svg>\n</div>"));
    free(html);

    html = emit_html(g,
                     "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"x\"\n \"y\">\n"
                     "<!-- a <svg> in a comment -->\n<svg width=\"1pt\"><g/></svg>",
                     NULL, SG_OK);
    cr_assert_not_null(strstr(html, "<div id=\"sg-drawing\">\n<svg width=\"1pt\"><g/></svg>\n"
                                    "</div>"),
                       "%s", html);
    cr_assert_null(strstr(html, "in a comment"));
    free(html);
    html = emit_html(g, "<?xml version=\"1.0\"?><svgx/>", NULL, SG_ERR_BACKEND);
    free(html);
    html = emit_html(g, "<!-- never closed <svg>", NULL, SG_ERR_BACKEND);
    free(html);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* What the report must hold for each hostile name: HTML-escaped (& < > " '), invalid
 * UTF-8 and C0 controls as U+FFFD, tab kept. */
static const char *const html_hostile[][2] = {
    {"AT&T", "AT&amp;T"},
    {"a<b>c", "a&lt;b&gt;c"},
    {"say \"no\"", "say &quot;no&quot;"},
    {"it's", "it&#39;s"},
    {"back\\N slash \\G", "back\\N slash \\G"},
    {"entity &amp; kept", "entity &amp;amp; kept"},
    {"</script><script>x()</script>", "&lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;"},
    {"<!-- c -->", "&lt;!-- c --&gt;"},
    {"bell\x07tab\tend\x1b", "bell\xEF\xBF\xBDtab\tend\xEF\xBF\xBD"},
    {"Армения", "Армения"},
    {"bad \xFF utf8 \xE2\x82", "bad \xEF\xBF\xBD utf8 \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"nonchar \xEF\xBF\xBF", "nonchar \xEF\xBF\xBD"},
};
enum { N_HTML_HOSTILE = sizeof html_hostile / sizeof html_hostile[0] };

Test(html, hostile_text_is_escaped_exactly)
{
    sg_events *ev = sg_events_new();
    char id[16];
    char prev[16] = "";
    for (size_t i = 0; i < N_HTML_HOSTILE; i++) {
        snprintf(id, sizeof id, "n%02zu", i);
        cr_assert_eq(sg_events_add_actor(ev, id, html_hostile[i][0], html_hostile[i][0], 1), SG_OK);
        if (i > 0) {
            /* the name is also the label, the document and the evidence sentence */
            add_ev(ev, prev, html_hostile[i - 1][0], id, html_hostile[i][0], "rel",
                   html_hostile[i][0], -1.0, html_hostile[i][0]);
        }
        memcpy(prev, id, sizeof id);
    }
    add_ev(ev, "id&'\"<\x01", "Odd id", "n00", html_hostile[0][0], "rel", "rel", 0.0, "t");
    sg_graph *g = graph_of(ev);
    char *html = emit_graph(g, SG_FMT_HTML, "T <&> \"'\x01");
    char buf[512];
    cr_assert_not_null(strstr(html, "<title>T &lt;&amp;&gt; &quot;&#39;\xEF\xBF\xBD</title>"));
    for (size_t i = 0; i < N_HTML_HOSTILE; i++) {
        const char *want = html_hostile[i][1];
        /* name and type in the table row */
        snprintf(buf, sizeof buf, "<td>%s</td><td>%s</td>", want, want);
        cr_assert_not_null(strstr(html, buf), "row of '%s' missing:\n%s", want, html);
        if (i > 0) {
            snprintf(buf, sizeof buf, "<h4 class=\"neg\">%s</h4>", want);
            cr_assert_not_null(strstr(html, buf), "label '%s' missing", want);
            snprintf(buf, sizeof buf, "<td class=\"text\">%s</td>", want);
            cr_assert_not_null(strstr(html, buf), "evidence '%s' missing", want);
            snprintf(buf, sizeof buf, "<a href=\"#actor-%zu\">%s</a>", i + 1, want);
            cr_assert_not_null(strstr(html, buf), "pair heading '%s' missing", want);
        }
    }
    /* the odd id sorts first; in attributes and text alike */
    cr_assert_not_null(strstr(html, "data-actor=\"id&amp;&#39;&quot;&lt;\xEF\xBF\xBD\"><td "
                                    "class=\"id\"><a href=\"#actor-0\">id&amp;&#39;&quot;&lt;"
                                    "\xEF\xBF\xBD</a></td><td>Odd id</td>"),
                       "%s", html);
    cr_assert_not_null(strstr(html, "data-source=\"id&amp;&#39;&quot;&lt;\xEF\xBF\xBD\" "
                                    "data-target=\"n00\""));
    /* the only raw '<' of the hostile texts are the report's own tags: every one of them
     * is escaped, none opens an element */
    cr_assert_null(strstr(html, "<script>x()"));
    cr_assert_null(strstr(html, "\x07"));
    cr_assert_null(strstr(html, "\x01"));
    char *js = script_text(html);
    cr_assert_null(strstr(js, "</"));
    cr_assert_null(strstr(js, "<!--"));
    cr_assert_gt(strlen(js), 1000);
    free(js);
    /* byte-identical when written again */
    char *again = emit_graph(g, SG_FMT_HTML, "T <&> \"'\x01");
    cr_assert_str_eq(html, again);
    free(again);
    free(html);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(html, trigger_is_marked_when_it_lies_in_the_sentence)
{
    sg_events *ev = sg_events_new();
    sg_event e;
    memset(&e, 0, sizeof e);
    e.doc = "doc <1>.txt";
    e.sentence = 4;
    e.start = 10;
    e.text = "A & B: A accused B.";
    e.end = e.start + strlen(e.text);
    e.source = "a";
    e.source_name = "A";
    e.target = "b";
    e.target_name = "B";
    e.relation = "accuse";
    e.label = "accuses";
    e.cameo = "112";
    e.goldstein = -2.0;
    e.trigger = "accused";
    e.trigger_start = e.start + 9;
    e.trigger_end = e.trigger_start + 7;
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    /* an events file whose offsets do not fit its text: nothing is marked */
    e.sentence = 5;
    e.trigger_start = e.start + 2;
    e.trigger_end = e.trigger_start + 7;
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    sg_graph *g = graph_of(ev);
    char *html = emit_graph(g, SG_FMT_HTML, NULL);
    cr_assert_not_null(strstr(html,
                              "<tr><td class=\"doc\">doc &lt;1&gt;.txt</td><td "
                              "class=\"n\">4</td><td class=\"n\">10&#8211;29</td><td "
                              "class=\"text\">A &amp; B: A <mark>accused</mark> B.</td></tr>"),
                       "%s", html);
    cr_assert_not_null(strstr(html, "<td class=\"n\">5</td><td class=\"n\">10&#8211;29</td><td "
                                    "class=\"text\">A &amp; B: A accused B.</td>"));
    cr_assert_not_null(strstr(html, "<b id=\"sg-n-events\">2</b> events, "));
    free(html);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(html, events_outside_the_graph_and_documents_are_counted)
{
    sg_events *ev = path_events();
    sg_event e = *sg_events_get(ev, 0);
    e.doc = "other.txt";
    e.negated = true;
    cr_assert_eq(sg_events_add(ev, &e), SG_OK);
    sg_graph *g = graph_of(ev);
    char *html = emit_graph(g, SG_FMT_HTML, NULL);
    cr_assert_not_null(strstr(html, "<b id=\"sg-n-events\">3</b> events (of 4 coded: negated ones "
                                    "and those without a target actor are not in the graph), "
                                    "<b id=\"sg-n-docs\">2</b> documents</p>"),
                       "%s", html);
    free(html);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(html, empty_graph)
{
    sg_events *ev = sg_events_new();
    sg_graph *g = graph_of(ev);
    char *html = emit_graph(g, SG_FMT_HTML, "empty");
    cr_assert_not_null(strstr(html,
                              "<b id=\"sg-n-actors\">0</b> actors, <b id=\"sg-n-edges\">0</b> "
                              "relations (edges), <b id=\"sg-n-events\">0</b> events, "
                              "<b id=\"sg-n-docs\">0</b> documents</p>"));
    cr_assert_not_null(strstr(html, "<tbody>\n</tbody>"));
    cr_assert_not_null(strstr(html, "<p>No edges: no event has both a source and a target "
                                    "actor.</p>"));
    cr_assert_not_null(strstr(html, "<svg "));
    free(html);
    sg_graph_free(g);
    sg_events_free(ev);
}

Test(html, write_failure_is_io_error)
{
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL) {
        cr_skip_test("no /dev/full");
    }
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    sg_diag d;
    sg_diag_init(&d);
    cr_assert_eq(sg_emit_graph(g, SG_FMT_HTML, NULL, full, &d), SG_ERR_IO);
    cr_assert_eq(d.status, SG_ERR_IO);
    cr_assert_str_eq(d.msg, "cannot write the HTML report");
    fclose(full);
    sg_graph_free(g);
    sg_events_free(ev);
}

/* Only the selected metrics: columns in sg_metric order, whatever the order asked. */
Test(centrality_out, selected_metrics_only)
{
    sg_events *ev = path_events();
    sg_graph *g = graph_of(ev);
    size_t n = sg_graph_node_count(g);
    sg_centrality *c = calloc(n, sizeof *c);
    sg_diag d;
    capture cap;
    sg_diag_init(&d);
    unsigned want = (1u << SG_M_PAGERANK) | (1u << SG_M_DEGREE);
    cr_assert_eq(sg_graph_centrality_some(g, want, c, &d), SG_OK, "%s", d.msg);
    for (size_t i = 0; i < n; i++) {
        cr_assert(isnan(c[i].betweenness) && isnan(c[i].eigenvector) && isnan(c[i].hub));
        cr_assert(!isnan(c[i].pagerank) && !isnan(c[i].degree));
    }
    sg_table_opts o = topts(SG_TAB_CSV, SG_M_DEGREE, 2);
    o.metrics = want;
    cr_assert_eq(sg_emit_centrality(g, c, n, &o, cap_open(&cap), &d), SG_OK);
    char *csv = cap_close(&cap);
    cr_assert_str_eq(csv, "id,name,degree,pagerank\n"
                          "b,Beta,2,0.288050\n"
                          "a,Alpha,1,0.155703\n");
    free(csv);
    o.format = SG_TAB_TABLE;
    cr_assert_eq(sg_emit_centrality(g, c, n, &o, cap_open(&cap), &d), SG_OK);
    char *t = cap_close(&cap);
    cr_assert_str_eq(t, "actor  id  degree  pagerank\n"
                        "           actors     share\n"
                        "Beta   b        2    0.2880\n"
                        "Alpha  a        1    0.1557\n");
    free(t);
    free(c);
    sg_graph_free(g);
    sg_events_free(ev);
}
