/* Emit stage, Graphviz half: consumes an sg_graph and produces DOT (cgraph's agwrite,
 * no layout) or SVG rendered in-process with libgvc and the dot layout, using plugins
 * linked into the binary rather than loaded from the run-time configuration. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>
#include <gvplugin.h>
#include <utf8proc.h>

#include "emit.h"
#include "internal.h"

/* Linked directly (see the Makefile): no pango text layout, so node sizes come from
 * Graphviz's built-in font metrics and do not depend on the fonts installed. */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;

enum {
    WRAP_AT = 20,       /* names longer than this many code points go on two lines */
    TIP_EVIDENCE = 3,   /* evidence sentences shown in an edge tooltip */
    TIP_TEXT_MAX = 160, /* code points of one evidence sentence in a tooltip */
};

/* ---- a growable string ------------------------------------------------------------ */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool oom;
} sbuf;

static void sb_putn(sbuf *b, const char *s, size_t n)
{
    if (b->oom) {
        return;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap == 0 ? 128 : b->cap;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (r < 0) {
        return;
    }
    sb_putn(b, tmp, (size_t)r < sizeof tmp ? (size_t)r : sizeof tmp - 1);
}

static void sb_reset(sbuf *b)
{
    b->len = 0;
    if (b->p != NULL) {
        b->p[0] = '\0';
    }
}

/* Returns the buffer's text ("" when empty); NULL after an allocation failure. */
static char *sb_str(sbuf *b)
{
    if (b->oom) {
        return NULL;
    }
    if (b->p == NULL) {
        sb_putn(b, "", 0);
    }
    return b->oom ? NULL : b->p;
}

/* ---- text sanitising and escaping -------------------------------------------------- */

/* Decodes one UTF-8 sequence at s[0..n) (n >= 1) into *cp and returns its length.
 * Invalid, overlong, surrogate and truncated sequences decode as one byte of
 * U+FFFD (utf8proc_iterate's validation). */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = (uint32_t)c;
    return (size_t)k;
}

static void put_cp(sbuf *b, uint32_t cp)
{
    utf8proc_uint8_t u[4];
    utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, u);
    sb_putn(b, (const char *)u, (size_t)n);
}

/* Maps code points XML 1.0 cannot carry (C0 controls, U+FFFE, U+FFFF) to a space or
 * U+FFFD; whitespace controls become a space so words stay apart. */
static uint32_t xml_safe(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        return ' ';
    }
    if (cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF) {
        return 0xFFFD;
    }
    return cp;
}

typedef enum esc_mode {
    /* escString label: Graphviz decodes entities and \N \G \n \l \r \\ in labels, and
     * XML-escapes the decoded text itself (raw, so a decoded "&amp;" stays visible) */
    ESC_LABEL,
    /* tooltip: Graphviz decodes entities, then \n \l \r and \x -> x, then \N \G and
     * \\, and XML-escapes the result: escape & as an entity and \ fourfold */
    ESC_TOOLTIP,
} esc_mode;

/* Appends at most max code points of s (0 = all), sanitised and escaped for mode;
 * appends "…" when s was cut. */
static void put_text(sbuf *b, const char *s, size_t max, esc_mode mode)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    size_t count = 0;
    while (n > 0) {
        uint32_t cp;
        size_t k = utf8_next(p, n, &cp);
        if (max != 0 && count == max) {
            put_cp(b, 0x2026);
            return;
        }
        cp = xml_safe(cp);
        if (mode == ESC_LABEL) {
            if (cp == '\\') {
                sb_puts(b, "\\\\");
            } else if (cp == '&') {
                sb_puts(b, "&amp;");
            } else {
                put_cp(b, cp);
            }
        } else {
            switch (cp) {
            case '&':
                sb_puts(b, "&amp;");
                break;
            case '\\':
                /* Graphviz decodes a tooltip twice: escapes first (a backslash before
                 * any other character is dropped), then \N, \G and a doubled
                 * backslash; four backslashes leave one */
                sb_puts(b, "\\\\\\\\");
                break;
            default:
                put_cp(b, cp);
                break;
            }
        }
        p += k;
        n -= k;
        count++;
    }
}

static size_t cp_count(const char *s)
{
    size_t c = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p & 0xC0) != 0x80) {
            c++;
        }
    }
    return c;
}

/* Appends a name as a label, on two lines (broken at the space nearest the middle)
 * when it is longer than WRAP_AT code points. */
static void put_wrapped(sbuf *b, const char *name)
{
    size_t total = cp_count(name);
    size_t best = SIZE_MAX;
    size_t best_dist = SIZE_MAX;
    if (total > WRAP_AT) {
        size_t cps = 0;
        for (size_t i = 0; name[i] != '\0'; i++) {
            if (((unsigned char)name[i] & 0xC0) == 0x80) {
                continue;
            }
            if (name[i] == ' ' && cps > 0 && cps + 1 < total) {
                size_t dist = cps > total / 2 ? cps - total / 2 : total / 2 - cps;
                if (dist < best_dist) {
                    best_dist = dist;
                    best = i;
                }
            }
            cps++;
        }
    }
    if (best == SIZE_MAX) {
        put_text(b, name, 0, ESC_LABEL);
        return;
    }
    char *head = sg_i_strndup(name, best);
    if (head == NULL) {
        b->oom = true;
        return;
    }
    put_text(b, head, 0, ESC_LABEL);
    free(head);
    sb_puts(b, "\\n");
    put_text(b, name + best + 1, 0, ESC_LABEL);
}

/* ---- building the cgraph graph ------------------------------------------------------ */

/* agsafeset and friends take char *; they copy the strings they are given. */
static void set_attr(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/* A node id can be used as the Graphviz node name (shown in the SVG <title>) when it
 * is plain text: valid UTF-8 without controls, entities or escape sequences. */
static bool plain_id(const char *id)
{
    const unsigned char *p = (const unsigned char *)id;
    size_t n = strlen(id);
    if (n == 0) {
        return false;
    }
    while (n > 0) {
        uint32_t cp;
        size_t k = utf8_next(p, n, &cp);
        if (cp == 0xFFFD || xml_safe(cp) != cp || cp == '&' || cp == '\\') {
            return false;
        }
        p += k;
        n -= k;
    }
    return true;
}

static const char *node_shape(const char *type)
{
    if (strcmp(type, "country") == 0 || strcmp(type, "state") == 0 ||
        strcmp(type, "government") == 0) {
        return "box";
    }
    if (strcmp(type, "organization") == 0 || strcmp(type, "org") == 0 ||
        strcmp(type, "group") == 0 || strcmp(type, "party") == 0) {
        return "hexagon";
    }
    return "ellipse";
}

static const char *edge_colour(double goldstein_sum)
{
    if (goldstein_sum < 0.0) {
        return "#D55E00"; /* Okabe-Ito vermillion: conflict */
    }
    if (goldstein_sum > 0.0) {
        return "#0072B2"; /* Okabe-Ito blue: cooperation */
    }
    return "#777777";
}

static sg_status add_nodes(const sg_graph *g, Agraph_t *ag, Agnode_t **nodes, sbuf *b)
{
    char name[64];
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        const sg_node *nd = sg_graph_node_get(g, i);
        const char *nm = nd->id;
        if (!plain_id(nd->id) || agnode(ag, (char *)nd->id, 0) != NULL) {
            /* unusable or (impossible for distinct ids) taken: a synthetic name */
            unsigned k = 0;
            snprintf(name, sizeof name, "_%zu", i);
            while (agnode(ag, name, 0) != NULL) {
                snprintf(name, sizeof name, "_%zu_%u", i, ++k);
            }
            nm = name;
        }
        nodes[i] = agnode(ag, (char *)nm, 1);
        if (nodes[i] == NULL) {
            return SG_ERR_BACKEND;
        }
        sb_reset(b);
        put_wrapped(b, nd->name);
        const char *v = sb_str(b);
        if (v == NULL) {
            return SG_ERR_NOMEM;
        }
        set_attr(nodes[i], "label", v);
        set_attr(nodes[i], "shape", node_shape(nd->type));

        sb_reset(b);
        put_text(b, nd->name, 0, ESC_TOOLTIP);
        if (nd->type[0] != '\0') {
            sb_puts(b, " (");
            put_text(b, nd->type, 0, ESC_TOOLTIP);
            sb_puts(b, ")");
        }
        sb_printf(b, ", %zu mention%s", nd->mentions, nd->mentions == 1 ? "" : "s");
        v = sb_str(b);
        if (v == NULL) {
            return SG_ERR_NOMEM;
        }
        set_attr(nodes[i], "tooltip", v);
    }
    return SG_OK;
}

static void edge_tooltip(const sg_graph *g, const sg_edge *ed, sbuf *b)
{
    const sg_events *ev = sg_graph_events(g);
    sb_reset(b);
    put_text(b, sg_graph_node_get(g, ed->source)->name, 0, ESC_TOOLTIP);
    sb_puts(b, " \xE2\x86\x92 "); /* → */
    put_text(b, sg_graph_node_get(g, ed->target)->name, 0, ESC_TOOLTIP);
    sb_puts(b, ": ");
    put_text(b, ed->label, 0, ESC_TOOLTIP);
    sb_printf(b, " \xC3\x97%zu, CAMEO ", ed->count);
    put_text(b, ed->cameo, 0, ESC_TOOLTIP);
    sb_printf(b, ", Goldstein %+.1f", ed->goldstein_sum);
    for (size_t i = 0; i < ed->count && i < TIP_EVIDENCE; i++) {
        const sg_event *e = sg_events_get(ev, ed->evidence[i]);
        /* a character reference, because a raw newline in an attribute value is
         * normalised to a space by XML parsers */
        sb_puts(b, "&#10;[");
        put_text(b, e->doc != NULL ? e->doc : "", 0, ESC_TOOLTIP);
        sb_printf(b, " #%zu] ", e->sentence);
        put_text(b, e->text != NULL ? e->text : "", TIP_TEXT_MAX, ESC_TOOLTIP);
    }
    if (ed->count > TIP_EVIDENCE) {
        sb_printf(b, "&#10;(and %zu more)", ed->count - TIP_EVIDENCE);
    }
}

static sg_status add_edges(const sg_graph *g, Agraph_t *ag, Agnode_t **nodes, sbuf *b)
{
    char num[32];
    for (size_t i = 0; i < sg_graph_edge_count(g); i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        Agedge_t *e = agedge(ag, nodes[ed->source], nodes[ed->target], NULL, 1);
        if (e == NULL) {
            return SG_ERR_BACKEND;
        }
        sb_reset(b);
        put_text(b, ed->label, 0, ESC_LABEL);
        if (ed->count > 1) {
            sb_printf(b, " \xC3\x97%zu", ed->count); /* × */
        }
        const char *v = sb_str(b);
        if (v == NULL) {
            return SG_ERR_NOMEM;
        }
        set_attr(e, "label", v);
        set_attr(e, "color", edge_colour(ed->goldstein_sum));
        set_attr(e, "fontcolor", edge_colour(ed->goldstein_sum));
        /* log scale, capped so that heavy edges do not bury labels and arrowheads */
        double pw = 1.0 + 1.5 * log2((double)ed->count);
        snprintf(num, sizeof num, "%.2f", pw > 8.0 ? 8.0 : pw);
        set_attr(e, "penwidth", num);
        edge_tooltip(g, ed, b);
        v = sb_str(b);
        if (v == NULL) {
            return SG_ERR_NOMEM;
        }
        set_attr(e, "tooltip", v);
        set_attr(e, "labeltooltip", v);
    }
    return SG_OK;
}

static sg_status build(const sg_graph *g, const char *title, Agraph_t **out)
{
    sg_status st = SG_OK;
    sbuf b = {0};
    Agnode_t **nodes = NULL;
    Agraph_t *ag = agopen((char *)"stancegraph", Agdirected, NULL);

    *out = NULL;
    if (ag == NULL) {
        st = SG_ERR_BACKEND;
        goto done;
    }
    set_attr(ag, "rankdir", "LR");
    set_attr(ag, "fontname", "Helvetica");
    if (title != NULL && title[0] != '\0') {
        put_text(&b, title, 0, ESC_LABEL);
        if (sb_str(&b) == NULL) {
            st = SG_ERR_NOMEM;
            goto done;
        }
        set_attr(ag, "label", b.p);
        set_attr(ag, "labelloc", "t");
    }
    /* declare the defaults once, so that the DOT carries them as node/edge defaults */
    agattr(ag, AGNODE, (char *)"fontname", (char *)"Helvetica");
    /* text widths are Graphviz's Helvetica estimates; viewers often substitute a
     * wider sans-serif, so leave room around the label (default 0.11,0.055 inch) */
    agattr(ag, AGNODE, (char *)"margin", (char *)"0.22,0.08");
    agattr(ag, AGEDGE, (char *)"fontname", (char *)"Helvetica");
    agattr(ag, AGEDGE, (char *)"fontsize", (char *)"10");

    if (sg_graph_node_count(g) > 0) {
        nodes = calloc(sg_graph_node_count(g), sizeof *nodes);
        if (nodes == NULL) {
            st = SG_ERR_NOMEM;
            goto done;
        }
    }
    st = add_nodes(g, ag, nodes, &b);
    if (st != SG_OK) {
        goto done;
    }
    st = add_edges(g, ag, nodes, &b);
    if (st != SG_OK) {
        goto done;
    }
    *out = ag;
    ag = NULL;

done:
    if (ag != NULL) {
        agclose(ag);
    }
    free(nodes);
    free(b.p);
    return st;
}

/* Fills diag from Graphviz's last error message (kept in its error file because the
 * error level is raised to AGMAX while we run). */
static sg_status gv_fail(sg_diag *diag, const char *what)
{
    char *msg = aglasterr();
    size_t n = msg != NULL ? strlen(msg) : 0;
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
        msg[--n] = '\0';
    }
    sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "graphviz: %s failed%s%s", what,
              n > 0 ? ": " : "", n > 0 ? msg : "");
    free(msg);
    return SG_ERR_BACKEND;
}

sg_status sg_i_emit_graphviz(const sg_graph *g, bool svg, const char *title, FILE *out,
                             sg_diag *diag)
{
    sg_status st = SG_OK;
    Agraph_t *ag = NULL;
    GVC_t *gvc = NULL;
    bool laid_out = false;
    char *data = NULL;
    unsigned int len = 0;
    /* an automatic array: a static table of addresses would be writable data */
    lt_symlist_t builtins[] = {
        {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
        {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
        {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
        {NULL, NULL},
    };
    /* Graphviz reports through agerr, which prints to stderr below AGMAX; the library
     * never prints, so raise the level and read the message back with aglasterr. */
    agerrlevel_t old_level = agseterr(AGMAX);

    st = build(g, title, &ag);
    if (st == SG_ERR_BACKEND) {
        st = gv_fail(diag, "building the graph");
        goto done;
    }
    if (st != SG_OK) {
        sg_i_diag(diag, st, NULL, NULL, 0, 0, "cannot build the drawing: %s", sg_status_str(st));
        goto done;
    }
    if (!svg) {
        if (agwrite(ag, out) == EOF || fflush(out) != 0 || ferror(out)) {
            st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the DOT output");
        }
        goto done;
    }
    gvc = gvContextPlugins(builtins, 0);
    if (gvc == NULL) {
        st = gv_fail(diag, "creating a context");
        goto done;
    }
    if (gvLayout(gvc, ag, "dot") != 0) {
        st = gv_fail(diag, "layout");
        goto done;
    }
    laid_out = true;
    if (gvRenderData(gvc, ag, "svg", &data, &len) != 0 || data == NULL) {
        st = gv_fail(diag, "rendering SVG");
        goto done;
    }
    if (fwrite(data, 1, len, out) != len || fflush(out) != 0) {
        st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the SVG output");
        goto done;
    }

done:
    if (data != NULL) {
        gvFreeRenderData(data);
    }
    if (laid_out) {
        gvFreeLayout(gvc, ag);
    }
    if (ag != NULL) {
        agclose(ag);
    }
    if (gvc != NULL) {
        gvFreeContext(gvc);
    }
    agseterr(old_level);
    return st;
}
