/* Emit stage, Graphviz half: consumes an sg_graph and produces a drawing: DOT (cgraph's
 * agwrite, no layout), SVG rendered in-process with libgvc using layout and render
 * plugins linked into the binary (so layouts do not depend on installed fonts), or PNG
 * and PDF through the cairo plugin of Graphviz's run-time plugin configuration. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gvc.h>
#include <gvplugin.h>
#include <utf8proc.h>
#include <signal.h>
#include <sys/prctl.h>

#include "emit.h"
#include "internal.h"

/* Linked directly (see the Makefile): no pango text layout, so node sizes come from
 * Graphviz's built-in font metrics and do not depend on the fonts installed. */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;

enum {
    WRAP_AT = 20,         /* names longer than this many code points go on two lines */
    TIP_EVIDENCE = 3,     /* evidence sentences shown in an edge tooltip */
    TIP_TEXT_MAX = 160,   /* code points of one evidence sentence in a tooltip */
    CAPTION_NAMES = 8,    /* actors without events named in the caption */
    SHOWN_NAME_MAX = 100, /* code points of a name in a label or tooltip ("…" after) */
    LABEL_LINES = 6,      /* relation lines in an edge label ("+N more relations" after) */
    /* bytes of an edge tooltip before its remaining relations are only counted: dot
     * cannot read back a quoted string over 16,384 bytes, and one relation's block
     * (three escaped 160-code-point sentences) stays under 4,000 */
    TIP_BYTES = 12000,
    CAPTION_WIDTH = 100, /* code points per caption line */
    /* pairs drawn per drawn actor, at most: dot's layout time grows quickly with labelled
     * edges (40 actors with 1,000 labelled pairs took 150 s; 120 pairs take seconds) */
    EDGES_PER_ACTOR = 3,
    CURVED_MAX = 60, /* arrows drawn curved with the force-directed and circular engines */
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
    /* HTML-like label or plain XML text: Graphviz decodes nothing but entities, so
     * escape the XML specials and leave backslashes alone */
    ESC_XML,
    /* plain text, sanitised only (escaped later as a whole) */
    ESC_NONE,
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
        } else if (mode == ESC_NONE) {
            put_cp(b, cp);
        } else if (mode == ESC_XML) {
            switch (cp) {
            case '&':
                sb_puts(b, "&amp;");
                break;
            case '<':
                sb_puts(b, "&lt;");
                break;
            case '>':
                sb_puts(b, "&gt;");
                break;
            case '"':
                sb_puts(b, "&quot;");
                break;
            default:
                put_cp(b, cp);
                break;
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
static void put_wrapped(sbuf *b, const char *full)
{
    const char *name = full;
    char *cut = NULL;
    if (cp_count(full) > SHOWN_NAME_MAX) {
        sbuf t = {0};
        put_text(&t, full, SHOWN_NAME_MAX, ESC_NONE);
        cut = sb_str(&t);
        if (cut == NULL) {
            free(t.p);
            b->oom = true;
            return;
        }
        name = cut;
    }
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
        free(cut);
        return;
    }
    char *head = sg_i_strndup(name, best);
    if (head == NULL) {
        b->oom = true;
        free(cut);
        return;
    }
    put_text(b, head, 0, ESC_LABEL);
    free(head);
    sb_puts(b, "\\n");
    put_text(b, name + best + 1, 0, ESC_LABEL);
    free(cut);
}

/* ---- what is drawn ------------------------------------------------------------------ */

/* A negated event between two drawn actors (opts->show_negated). */
typedef struct neg_ev {
    size_t s, t; /* node indexes */
    size_t ev;   /* event index */
} neg_ev;

typedef struct drawing {
    const sg_graph *g;
    sg_draw_opts o;
    const char *engine;
    sg_metric rank_by;         /* metric ranking the actors for --top */
    const sg_centrality *cent; /* given or computed, read by plan only */
    bool *drawn;               /* per node */
    bool *linked;              /* per node: has an edge (or a drawn negated event) */
    bool *edge_kept;           /* per graph edge: drawn */
    size_t pairs_cut;          /* pairs of drawn actors left out (EDGES_PER_ACTOR) */
    double *scale;             /* per node, 0 .. 1: sqrt(value / max) of size_by; NULL if uniform */
    size_t n_nodes, n_drawn;
    size_t n_linked;             /* actors with an edge (or a drawn negated event) */
    size_t rel_total, rel_drawn; /* graph edges (source, relation, target) */
    size_t ev_total, ev_drawn;   /* events on those edges */
    size_t docs;                 /* distinct documents of the events on the edges */
    neg_ev *neg;
    size_t n_neg;
    /* --color-by bloc: the signed bloc of each node (sg_blocs_signed_get) and the fill
     * of each bloc (an index into bloc_fills, or -1: white) */
    size_t *bloc;
    int *bloc_fill;
    size_t n_blocs;
} drawing;

/* Fills of the signed blocs: ColorBrewer Set3, the first 8 classes (light enough for
 * black names, distinguishable as a qualitative set). Blocs beyond the 8 with the most
 * drawn actors, and blocs of one drawn actor, stay white. */
static const char bloc_fills[][8] = {"#8DD3C7", "#FFFFB3", "#BEBADA", "#FB8072",
                                     "#80B1D3", "#FDB462", "#B3DE69", "#FCCDE5"};
enum { N_BLOC_FILLS = sizeof bloc_fills / sizeof bloc_fills[0] };

static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", "circo"};

bool sg_draw_layout_valid(const char *name)
{
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++) {
        if (name != NULL && strcmp(name, engines[i]) == 0) {
            return true;
        }
    }
    return false;
}

void sg_draw_opts_init(sg_draw_opts *o)
{
    o->title = NULL;
    o->layout = NULL;
    o->size_by = SG_M_PAGERANK;
    o->top = SG_DRAW_TOP_DEFAULT;
    o->show_negated = false;
    o->color_by_bloc = false;
}

typedef struct ranked {
    double v;
    size_t i;
} ranked;

/* Descending value (NaN last), then ascending node index (= actor id order). */
static int ranked_cmp(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    bool xn = isnan(x->v), yn = isnan(y->v);
    if (xn != yn) {
        return xn ? 1 : -1;
    }
    if (!xn && x->v != y->v) {
        return x->v > y->v ? -1 : 1;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int neg_cmp_ctx_free(const void *a, const void *b, const sg_events *ev)
{
    const neg_ev *x = a, *y = b;
    if (x->s != y->s) {
        return x->s < y->s ? -1 : 1;
    }
    if (x->t != y->t) {
        return x->t < y->t ? -1 : 1;
    }
    int c = strcmp(sg_events_get(ev, x->ev)->relation, sg_events_get(ev, y->ev)->relation);
    if (c != 0) {
        return c;
    }
    return x->ev < y->ev ? -1 : x->ev > y->ev;
}

/* Insertion sort of the negated events: qsort has no context argument in C11, and
 * negated events between drawn actors are few. */
static void neg_sort(neg_ev *v, size_t n, const sg_events *ev)
{
    for (size_t i = 1; i < n; i++) {
        neg_ev x = v[i];
        size_t j = i;
        while (j > 0 && neg_cmp_ctx_free(&v[j - 1], &x, ev) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static void drawing_free(drawing *d)
{
    free(d->drawn);
    free(d->linked);
    free(d->edge_kept);
    free(d->scale);
    free(d->neg);
    free(d->bloc);
    free(d->bloc_fill);
}

/* A bloc with its number of drawn actors, to hand out the fills. */
typedef struct bloc_size {
    size_t bloc, drawn;
} bloc_size;

static int bloc_size_cmp(const void *a, const void *b)
{
    const bloc_size *x = a, *y = b;
    if (x->drawn != y->drawn) {
        return x->drawn > y->drawn ? -1 : 1;
    }
    return (x->bloc > y->bloc) - (x->bloc < y->bloc);
}

/* --color-by bloc: computes the signed blocs of the graph and gives a fill to the
 * N_BLOC_FILLS blocs with the most drawn actors (at least 2), ties by bloc number. */
static sg_status plan_blocs(drawing *d, sg_diag *diag)
{
    sg_blocs *bl = NULL;
    bloc_size *bs = NULL;
    sg_status st = sg_blocs_new(d->g, &bl, diag);
    if (st != SG_OK) {
        return st;
    }
    d->n_blocs = sg_blocs_signed_count(bl);
    d->bloc = malloc((d->n_nodes > 0 ? d->n_nodes : 1) * sizeof *d->bloc);
    d->bloc_fill = malloc((d->n_blocs > 0 ? d->n_blocs : 1) * sizeof *d->bloc_fill);
    bs = calloc(d->n_blocs > 0 ? d->n_blocs : 1, sizeof *bs);
    if (d->bloc == NULL || d->bloc_fill == NULL || bs == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory colouring blocs");
        goto done;
    }
    for (size_t k = 0; k < d->n_blocs; k++) {
        bs[k].bloc = k;
        d->bloc_fill[k] = -1;
    }
    for (size_t i = 0; i < d->n_nodes; i++) {
        d->bloc[i] = sg_blocs_signed_get(bl, i);
        if (d->drawn[i]) {
            bs[d->bloc[i]].drawn++;
        }
    }
    qsort(bs, d->n_blocs, sizeof *bs, bloc_size_cmp);
    for (size_t k = 0; k < d->n_blocs && k < N_BLOC_FILLS && bs[k].drawn >= 2; k++) {
        d->bloc_fill[bs[k].bloc] = (int)k;
    }
done:
    free(bs);
    sg_blocs_free(bl);
    return st;
}

/* Chooses the drawn actors and the engine, and counts what is left out. */
static sg_status plan(drawing *d, sg_diag *diag)
{
    const sg_graph *g = d->g;
    const sg_events *ev = sg_graph_events(g);
    size_t n = sg_graph_node_count(g);
    sg_centrality *owned = NULL;
    ranked *rk = NULL;
    const char **docs = NULL;
    ranked *pairs = NULL;
    sg_status st = SG_OK;

    d->n_nodes = n;
    d->rank_by = d->o.size_by >= 0 ? (sg_metric)d->o.size_by : SG_M_PAGERANK;
    d->drawn = calloc(n > 0 ? n : 1, sizeof *d->drawn);
    if (d->drawn == NULL) {
        goto nomem;
    }
    if (d->cent == NULL && (d->o.top > 0 || d->o.size_by >= 0)) {
        st = sg_i_centrality(g, &owned, diag);
        if (st != SG_OK) {
            goto done;
        }
        d->cent = owned;
    }
    const sg_centrality *cent = d->cent;
    /* actors without an edge to draw are listed in the caption instead */
    bool *linked = d->linked = calloc(n > 0 ? n : 1, sizeof *linked);
    if (linked == NULL) {
        goto nomem;
    }
    for (size_t i = 0; i < sg_graph_edge_count(g); i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        linked[ed->source] = linked[ed->target] = true;
    }
    for (size_t i = 0; d->o.show_negated && i < sg_events_count(ev); i++) {
        const sg_event *e = sg_events_get(ev, i);
        if (e->negated && e->target != NULL) {
            size_t s = sg_graph_node_find(g, e->source), t = sg_graph_node_find(g, e->target);
            if (s != SIZE_MAX && t != SIZE_MAX && s != t) {
                linked[s] = linked[t] = true;
            }
        }
    }
    rk = malloc((n > 0 ? n : 1) * sizeof *rk);
    if (rk == NULL) {
        goto nomem;
    }
    size_t n_linked = 0;
    for (size_t i = 0; i < n; i++) {
        if (linked[i]) {
            rk[n_linked].v =
                cent != NULL ? sg_i_sort_key(sg_centrality_value(&cent[i], d->rank_by)) : 0.0;
            rk[n_linked++].i = i;
        }
    }
    d->n_linked = n_linked;
    qsort(rk, n_linked, sizeof *rk, ranked_cmp);
    d->n_drawn = d->o.top > 0 && n_linked > d->o.top ? d->o.top : n_linked;
    for (size_t i = 0; i < d->n_drawn; i++) {
        d->drawn[rk[i].i] = true;
    }
    if (d->o.size_by >= 0) {
        double max = 0.0;
        d->scale = calloc(n > 0 ? n : 1, sizeof *d->scale);
        if (d->scale == NULL) {
            goto nomem;
        }
        for (size_t i = 0; i < n; i++) {
            double v = sg_centrality_value(&cent[i], (sg_metric)d->o.size_by);
            if (d->drawn[i] && isfinite(v) && v > max) {
                max = v;
            }
        }
        for (size_t i = 0; i < n; i++) {
            double v = sg_centrality_value(&cent[i], (sg_metric)d->o.size_by);
            d->scale[i] = max > 0.0 && isfinite(v) && v > 0.0 ? sqrt(v / max) : 0.0;
        }
    }

    /* the pairs of drawn actors; beyond EDGES_PER_ACTOR per drawn actor, the pairs with
     * the most events (ties: graph order) */
    size_t ne = sg_graph_edge_count(g), n_pairs = 0, n_ev = 0;
    d->edge_kept = calloc(ne > 0 ? ne : 1, sizeof *d->edge_kept);
    pairs = malloc((ne > 0 ? ne : 1) * sizeof *pairs);
    if (d->edge_kept == NULL || pairs == NULL) {
        goto nomem;
    }
    for (size_t i = 0; i < ne;) {
        const sg_edge *first = sg_graph_edge_get(g, i);
        size_t j = i, count = 0;
        for (; j < ne && sg_graph_edge_get(g, j)->source == first->source &&
               sg_graph_edge_get(g, j)->target == first->target;
             j++) {
            count += sg_graph_edge_get(g, j)->count;
        }
        if (d->drawn[first->source] && d->drawn[first->target]) {
            pairs[n_pairs].v = (double)count;
            pairs[n_pairs++].i = i;
        }
        i = j;
    }
    size_t cap = EDGES_PER_ACTOR * d->n_drawn;
    if (n_pairs > cap) {
        qsort(pairs, n_pairs, sizeof *pairs, ranked_cmp);
        d->pairs_cut = n_pairs - cap;
        n_pairs = cap;
    }
    for (size_t k = 0; k < n_pairs; k++) {
        const sg_edge *first = sg_graph_edge_get(g, pairs[k].i);
        for (size_t j = pairs[k].i; j < ne && sg_graph_edge_get(g, j)->source == first->source &&
                                    sg_graph_edge_get(g, j)->target == first->target;
             j++) {
            d->edge_kept[j] = true;
        }
    }
    for (size_t i = 0; i < ne; i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        d->rel_total++;
        d->ev_total += ed->count;
        if (d->edge_kept[i]) {
            d->rel_drawn++;
            d->ev_drawn += ed->count;
        }
    }
    docs = malloc((d->ev_total > 0 ? d->ev_total : 1) * sizeof *docs);
    if (docs == NULL) {
        goto nomem;
    }
    for (size_t i = 0; i < sg_graph_edge_count(g); i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        for (size_t k = 0; k < ed->count; k++) {
            const char *doc = sg_events_get(ev, ed->evidence[k])->doc;
            docs[n_ev++] = doc != NULL ? doc : "";
        }
    }
    qsort(docs, n_ev, sizeof *docs, str_ptr_cmp);
    for (size_t i = 0; i < n_ev; i++) {
        d->docs += i == 0 || strcmp(docs[i - 1], docs[i]) != 0;
    }

    if (d->o.show_negated) {
        size_t neg_cap = 0;
        for (size_t i = 0; i < sg_events_count(ev); i++) {
            const sg_event *e = sg_events_get(ev, i);
            if (!e->negated || e->target == NULL) {
                continue;
            }
            size_t s = sg_graph_node_find(g, e->source), t = sg_graph_node_find(g, e->target);
            if (s == SIZE_MAX || t == SIZE_MAX || s == t || !d->drawn[s] || !d->drawn[t]) {
                continue;
            }
            if (d->n_neg == neg_cap) {
                size_t nc = neg_cap == 0 ? 16 : 2 * neg_cap;
                neg_ev *p = realloc(d->neg, nc * sizeof *p);
                if (p == NULL) {
                    goto nomem;
                }
                d->neg = p;
                neg_cap = nc;
            }
            d->neg[d->n_neg++] = (neg_ev){s, t, i};
        }
        neg_sort(d->neg, d->n_neg, ev);
    }
    d->engine = d->o.layout != NULL ? d->o.layout : d->n_drawn <= SG_DRAW_DOT_MAX ? "dot" : "sfdp";
    goto done;

nomem:
    st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory planning the drawing");
done:
    free(owned);
    d->cent = NULL; /* only plan reads it */
    free(rk);
    free(pairs);
    free(docs);
    return st;
}

/* ---- building the cgraph graph ------------------------------------------------------ */

/* agsafeset and friends take char *; they copy the strings they are given. */
static void set_attr(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/* Sets an HTML-like label (text already escaped with ESC_XML). */
static void set_html_label(Agraph_t *ag, void *obj, const char *html)
{
    char *h = agstrdup_html(ag, (char *)html);
    agsafeset(obj, (char *)"label", h, (char *)"");
    agstrfree(ag, h);
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

/* Node shapes by actor type: the state and its bodies, organised groups, people. The
 * lists hold the built-in lexicon's types (lexicons/actors.json) and common synonyms. */
static bool type_in(const char *type, const char *const *list)
{
    for (; *list != NULL; list++) {
        if (strcmp(type, *list) == 0) {
            return true;
        }
    }
    return false;
}

static const char *node_shape(const char *type)
{
    static const char *const state[] = {
        "country",      "state",       "government", "ministry",  "military", "police",
        "intelligence", "legislature", "court",      "judiciary", NULL};
    static const char *const group[] = {
        "organization", "org",        "igo",      "ngo",   "group",   "party", "opposition",
        "rebels",       "protesters", "movement", "media", "company", NULL};
    if (type_in(type, state)) {
        return "box";
    }
    if (type_in(type, group)) {
        return "hexagon";
    }
    return "ellipse";
}

/* The diverging colour classes of the mean Goldstein weight: ColorBrewer RdBu (Brewer,
 * colorbrewer2.org, marked colour-blind safe), its palest classes replaced by a mid
 * grey so that every class stays visible as a line on white. */
typedef struct colour_class {
    double upto; /* the class holds means below this bound (the last holds the rest) */
    const char *rgb;
    const char *range; /* as printed in the key */
} colour_class;

static const colour_class colour_classes[] = {
    {-5.0, "#B2182B",
     "\xE2\x89\xA4 \xE2\x88\x92"
     "5"},
    {-0.5, "#D6604D",
     "\xE2\x88\x92"
     "5 to \xE2\x88\x92"
     "0.5"},
    {0.5 + 1e-9, "#878787",
     "\xE2\x88\x92"
     "0.5 to 0.5"},
    {5.0, "#4393C3", "0.5 to 5"},
    {INFINITY, "#2166AC", "\xE2\x89\xA5 5"},
};
enum { N_COLOURS = sizeof colour_classes / sizeof colour_classes[0] };

static const char *mean_colour(double mean)
{
    if (mean <= -5.0) {
        return colour_classes[0].rgb;
    }
    for (size_t i = 1; i < N_COLOURS; i++) {
        if (mean < colour_classes[i].upto) {
            return colour_classes[i].rgb;
        }
    }
    return colour_classes[N_COLOURS - 1].rgb;
}

#define NEGATED_COLOUR "#555555"
/* Graphviz estimates text widths with Helvetica's metrics (no pango in the SVG path);
 * Arial has the same metrics, so viewers that lack Helvetica still fit the boxes */
#define FONT "Helvetica,Arial,sans-serif"

static double pen_width(size_t count)
{
    /* log scale, capped so that heavy edges do not bury labels and arrowheads */
    double pw = 1.0 + 1.5 * log2((double)count);
    return pw > 8.0 ? 8.0 : pw;
}

static sg_status add_nodes(const drawing *d, Agraph_t *ag, Agnode_t **nodes, sbuf *b)
{
    const sg_graph *g = d->g;
    char name[64];
    for (size_t i = 0; i < d->n_nodes; i++) {
        if (!d->drawn[i]) {
            continue;
        }
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
        if (d->scale != NULL) {
            /* area grows with the metric: sizes scale with the square root of the value */
            char num[32];
            double s = d->scale[i];
            snprintf(num, sizeof num, "%.2f", 0.75 + 1.25 * s);
            set_attr(nodes[i], "width", num);
            snprintf(num, sizeof num, "%.2f", 0.4 + 0.5 * s);
            set_attr(nodes[i], "height", num);
            snprintf(num, sizeof num, "%.1f", 11.0 + 5.0 * s);
            set_attr(nodes[i], "fontsize", num);
        }

        sb_reset(b);
        put_text(b, nd->name, SHOWN_NAME_MAX, ESC_TOOLTIP);
        if (nd->type[0] != '\0') {
            sb_puts(b, " (");
            put_text(b, nd->type, 0, ESC_TOOLTIP);
            sb_puts(b, ")");
        }
        sb_printf(b, ", %zu mention%s", nd->mentions, nd->mentions == 1 ? "" : "s");
        if (d->bloc != NULL) {
            sb_printf(b, ", signed bloc %zu", d->bloc[i] + 1);
            if (d->bloc_fill[d->bloc[i]] >= 0) {
                set_attr(nodes[i], "fillcolor", bloc_fills[d->bloc_fill[d->bloc[i]]]);
            }
        }
        v = sb_str(b);
        if (v == NULL) {
            return SG_ERR_NOMEM;
        }
        set_attr(nodes[i], "tooltip", v);
    }
    return SG_OK;
}

/* Appends one evidence line of event e to a tooltip. */
static void tip_evidence(sbuf *b, const sg_event *e)
{
    /* a character reference, because a raw newline in an attribute value is
     * normalised to a space by XML parsers */
    sb_puts(b, "&#10;\xE2\x80\xA2 [");
    put_text(b, e->doc != NULL ? e->doc : "", 0, ESC_TOOLTIP);
    sb_printf(b, " #%zu] ", e->sentence);
    put_text(b, e->text != NULL ? e->text : "", TIP_TEXT_MAX, ESC_TOOLTIP);
}

static void tip_pair(const sg_graph *g, size_t s, size_t t, sbuf *b)
{
    sb_reset(b);
    put_text(b, sg_graph_node_get(g, s)->name, SHOWN_NAME_MAX, ESC_TOOLTIP);
    sb_puts(b, " \xE2\x86\x92 "); /* → */
    put_text(b, sg_graph_node_get(g, t)->name, SHOWN_NAME_MAX, ESC_TOOLTIP);
}

/* Sets the label (dot only: the other engines would place labels over each other),
 * colour, width and tooltip of a drawn edge. */
static sg_status style_edge(const drawing *d, Agedge_t *e, const char *label, const char *colour,
                            size_t count, sbuf *tip)
{
    char num[32];
    const char *v = sb_str(tip);
    if (v == NULL) {
        return SG_ERR_NOMEM;
    }
    if (strcmp(d->engine, "dot") == 0) {
        set_attr(e, "label", label);
    }
    set_attr(e, "color", colour);
    set_attr(e, "fontcolor", colour);
    snprintf(num, sizeof num, "%.2f", pen_width(count));
    set_attr(e, "penwidth", num);
    set_attr(e, "tooltip", v);
    set_attr(e, "labeltooltip", v);
    return SG_OK;
}

/* One edge per ordered pair of drawn actors; the graph's edges of a pair are adjacent
 * (ordered by source id, target id, relation id). */
static sg_status add_edges(const drawing *d, Agraph_t *ag, Agnode_t **nodes, sbuf *b, sbuf *tip)
{
    const sg_graph *g = d->g;
    const sg_events *ev = sg_graph_events(g);
    size_t ne = sg_graph_edge_count(g);
    for (size_t i = 0; i < ne;) {
        const sg_edge *first = sg_graph_edge_get(g, i);
        size_t j = i + 1;
        while (j < ne && sg_graph_edge_get(g, j)->source == first->source &&
               sg_graph_edge_get(g, j)->target == first->target) {
            j++;
        }
        if (!d->edge_kept[i]) {
            i = j;
            continue;
        }
        size_t count = 0;
        double sum = 0.0;
        for (size_t k = i; k < j; k++) {
            count += sg_graph_edge_get(g, k)->count;
            sum += sg_graph_edge_get(g, k)->goldstein_sum;
        }
        double mean = count > 0 ? sum / (double)count : 0.0;
        sb_reset(b);
        tip_pair(g, first->source, first->target, tip);
        sb_printf(tip, ": %zu event%s, mean Goldstein %+.1f", count, count == 1 ? "" : "s", mean);
        for (size_t k = i; k < j; k++) {
            const sg_edge *ed = sg_graph_edge_get(g, k);
            if (k - i < LABEL_LINES) {
                if (k > i) {
                    sb_puts(b, "\\n");
                }
                put_text(b, ed->label, SHOWN_NAME_MAX, ESC_LABEL);
                if (ed->count > 1) {
                    sb_printf(b, " \xC3\x97%zu", ed->count); /* × */
                }
            } else if (k - i == LABEL_LINES) {
                sb_printf(b, "\\n+%zu more relations", j - k);
            }
            if (tip->len > TIP_BYTES) {
                sb_printf(tip, "&#10;(and %zu more relations)", j - k);
                break;
            }
            sb_puts(tip, "&#10;");
            put_text(tip, ed->label, 0, ESC_TOOLTIP);
            sb_printf(tip, " \xC3\x97%zu, CAMEO ", ed->count);
            put_text(tip, ed->cameo, 0, ESC_TOOLTIP);
            sb_printf(tip, ", Goldstein %+.1f", ed->goldstein_sum);
            for (size_t m = 0; m < ed->count && m < TIP_EVIDENCE; m++) {
                tip_evidence(tip, sg_events_get(ev, ed->evidence[m]));
            }
            if (ed->count > TIP_EVIDENCE) {
                sb_printf(tip, "&#10;\xE2\x80\xA2 (and %zu more)", ed->count - TIP_EVIDENCE);
            }
        }
        const char *label = sb_str(b);
        if (label == NULL) {
            return SG_ERR_NOMEM;
        }
        Agedge_t *e = agedge(ag, nodes[first->source], nodes[first->target], NULL, 1);
        if (e == NULL) {
            return SG_ERR_BACKEND;
        }
        sg_status st = style_edge(d, e, label, mean_colour(mean), count, tip);
        if (st != SG_OK) {
            return st;
        }
        i = j;
    }

    /* negated events: one dashed edge per pair, one label line per relation */
    for (size_t i = 0; i < d->n_neg;) {
        size_t j = i + 1;
        while (j < d->n_neg && d->neg[j].s == d->neg[i].s && d->neg[j].t == d->neg[i].t) {
            j++;
        }
        sb_reset(b);
        tip_pair(g, d->neg[i].s, d->neg[i].t, tip);
        sb_printf(tip, ": %zu negated event%s", j - i, j - i == 1 ? "" : "s");
        for (size_t k = i; k < j;) {
            const sg_event *e0 = sg_events_get(ev, d->neg[k].ev);
            size_t m = k + 1;
            while (m < j && strcmp(sg_events_get(ev, d->neg[m].ev)->relation, e0->relation) == 0) {
                m++;
            }
            if (k > i) {
                sb_puts(b, "\\n");
            }
            sb_puts(b, "(not) ");
            put_text(b, e0->label, 0, ESC_LABEL);
            if (m - k > 1) {
                sb_printf(b, " \xC3\x97%zu", m - k);
            }
            sb_puts(tip, "&#10;(not) ");
            put_text(tip, e0->label, 0, ESC_TOOLTIP);
            sb_printf(tip, " \xC3\x97%zu, CAMEO ", m - k);
            put_text(tip, e0->cameo, 0, ESC_TOOLTIP);
            for (size_t q = k; q < m && q < k + TIP_EVIDENCE; q++) {
                tip_evidence(tip, sg_events_get(ev, d->neg[q].ev));
            }
            if (m - k > TIP_EVIDENCE) {
                sb_printf(tip, "&#10;\xE2\x80\xA2 (and %zu more)", m - k - TIP_EVIDENCE);
            }
            k = m;
        }
        const char *label = sb_str(b);
        if (label == NULL) {
            return SG_ERR_NOMEM;
        }
        Agedge_t *e = agedge(ag, nodes[d->neg[i].s], nodes[d->neg[i].t], NULL, 1);
        if (e == NULL) {
            return SG_ERR_BACKEND;
        }
        sg_status st = style_edge(d, e, label, NEGATED_COLOUR, j - i, tip);
        if (st != SG_OK) {
            return st;
        }
        set_attr(e, "style", "dashed");
        i = j;
    }
    return SG_OK;
}

/* ---- title, caption and key ---------------------------------------------------------- */

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* The caption as plain text (before escaping), into b. */
static void caption_text(const drawing *d, sbuf *b)
{
    sb_printf(b, "%zu %s, %zu %s in %zu %s (source, relation, target) from %zu %s.", d->n_nodes,
              plural(d->n_nodes, "actor", "actors"), d->ev_total,
              plural(d->ev_total, "event", "events"), d->rel_total,
              plural(d->rel_total, "edge", "edges"), d->docs,
              plural(d->docs, "document", "documents"));
    if (d->n_linked < d->n_nodes) {
        size_t k = 0, left = d->n_nodes - d->n_linked;
        sb_printf(b, "\nMentioned without events (not drawn): ");
        for (size_t i = 0; i < d->n_nodes && k < CAPTION_NAMES; i++) {
            if (!d->linked[i]) {
                if (k++ > 0) {
                    sb_puts(b, ", ");
                }
                put_text(b, sg_graph_node_get(d->g, i)->name, 0, ESC_NONE);
            }
        }
        if (left > k) {
            sb_printf(b, " and %zu more", left - k);
        }
        sb_puts(b, ".");
    }
    if (d->n_drawn < d->n_linked) {
        size_t left = d->n_linked - d->n_drawn;
        sb_printf(b, "\nDrawn: the top %zu actors by %s; %zu more %s left out.", d->n_drawn,
                  sg_metric_name(d->rank_by), left, plural(left, "actor", "actors"));
    }
    if (d->pairs_cut > 0) {
        sb_printf(b,
                  "\nDrawn between them: the %zu actor pairs with the most events (%d per drawn "
                  "actor); %zu weaker %s left out.",
                  EDGES_PER_ACTOR * d->n_drawn, (int)EDGES_PER_ACTOR, d->pairs_cut,
                  plural(d->pairs_cut, "pair", "pairs"));
    }
    if (d->ev_drawn < d->ev_total) {
        size_t ev_left = d->ev_total - d->ev_drawn, rel_left = d->rel_total - d->rel_drawn;
        sb_printf(b, "\nNot drawn: %zu %s in %zu %s; the JSON, GraphML and CSV exports keep them.",
                  ev_left, plural(ev_left, "event", "events"), rel_left,
                  plural(rel_left, "edge", "edges"));
    }
    if (d->n_neg > 0) {
        sb_printf(b, "\nDashed: %zu negated %s (\"did not ...\").", d->n_neg,
                  plural(d->n_neg, "event", "events"));
    }
    if (strcmp(d->engine, "dot") != 0) {
        sb_puts(b, "\nArrows are not labelled with this layout (only dot places labels clear of "
                   "each other): their relations are in the SVG tooltips, the HTML report and "
                   "the exports.");
    }
    /* break lines at the last space before CAPTION_WIDTH code points */
    if (b->oom) {
        return;
    }
    size_t col = 0, last_space = SIZE_MAX;
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->p[i];
        if (c == '\n') {
            col = 0;
            last_space = SIZE_MAX;
            continue;
        }
        if ((c & 0xC0) == 0x80) {
            continue;
        }
        if (c == ' ') {
            last_space = i;
        }
        if (++col > CAPTION_WIDTH && last_space != SIZE_MAX) {
            b->p[last_space] = '\n';
            col = 0;
            for (size_t k = last_space + 1; k <= i; k++) {
                col += ((unsigned char)b->p[k] & 0xC0) != 0x80;
            }
            last_space = SIZE_MAX;
        }
    }
}

/* Appends no-break spaces for a sixth of text's length: Graphviz sizes cells with
 * Helvetica's metrics, and the wider sans-serif fonts that viewers substitute (DejaVu
 * Sans is about 15% wider) would otherwise run into the next cell. */
static void put_slack(sbuf *b, const char *text)
{
    for (size_t i = 0, n = (cp_count(text) + 5) / 6; i < n; i++) {
        sb_puts(b, "&#160;");
    }
}

/* Appends text (lines separated by '\n') escaped with ESC_XML, lines joined by sep,
 * each followed by put_slack's spaces when slack is set. */
static void put_lines(sbuf *b, const char *text, const char *sep, bool slack)
{
    for (const char *p = text;;) {
        const char *nl = strchr(p, '\n');
        char *line = sg_i_strndup(p, nl != NULL ? (size_t)(nl - p) : strlen(p));
        if (line == NULL) {
            b->oom = true;
            return;
        }
        put_text(b, line, 0, ESC_XML);
        if (slack) {
            put_slack(b, line);
        }
        free(line);
        if (nl == NULL) {
            return;
        }
        sb_puts(b, sep);
        p = nl + 1;
    }
}

/* A key cell: a filled bar w x h points. */
static void key_bar(sbuf *b, const char *rgb, int w, double h)
{
    sb_printf(b,
              "<TD FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" WIDTH=\"%d\" HEIGHT=\"%.0f\" "
              "BGCOLOR=\"%s\"></TD>",
              w, h < 1.0 ? 1.0 : (double)lround(h), rgb);
}

static void key_text(sbuf *b, const char *text)
{
    sb_puts(b, "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">");
    put_text(b, text, 0, ESC_XML);
    put_slack(b, text);
    sb_puts(b, "</FONT></TD>");
}

/* A key cell holding one symbol, at least 16 points wide (Graphviz has no metrics for
 * the geometric shapes block). */
static void key_symbol(sbuf *b, const char *utf8)
{
    sb_puts(b, "<TD WIDTH=\"16\"><FONT POINT-SIZE=\"12\">");
    sb_puts(b, utf8);
    sb_puts(b, "</FONT></TD>");
}

/* The graph label: an HTML-like table with title, caption and key. */
static void key_html(const drawing *d, sbuf *b, const char *caption)
{
    static const size_t widths[] = {1, 2, 5, 20};
    sb_puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">");
    if (d->o.title != NULL && d->o.title[0] != '\0') {
        sb_puts(b, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"18\"><B>");
        put_text(b, d->o.title, 0, ESC_XML);
        sb_puts(b, "</B></FONT></TD></TR>");
    }
    sb_puts(b, "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"11\">");
    put_lines(b, caption, "<BR ALIGN=\"LEFT\"/>", true);
    sb_puts(b, "</FONT></TD></TR>");

    /* the key: one grid, so that bars and labels line up in columns */
    sb_puts(b, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" "
               "CELLPADDING=\"1\">");
    sb_puts(b, "<TR>");
    key_text(b, "Edge colour: mean Goldstein weight");
    for (size_t i = 0; i < N_COLOURS; i++) {
        key_bar(b, colour_classes[i].rgb, 22, 8.0);
        key_text(b, colour_classes[i].range);
    }
    sb_puts(b, "</TR><TR>");
    key_text(b, "(conflict \xE2\x80\x93 cooperation)");
    sb_puts(b, "</TR><TR>");
    key_text(b, "Edge width: events");
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        char num[32];
        key_bar(b, "#444444", 22, pen_width(widths[i]));
        snprintf(num, sizeof num, "%zu%s", widths[i],
                 i + 1 == sizeof widths / sizeof widths[0] ? " or more" : "");
        key_text(b, num);
    }
    if (d->o.show_negated) {
        key_bar(b, NEGATED_COLOUR, 22, 2.0);
        key_text(b, "dashed: (not)");
    }
    sb_puts(b, "</TR><TR>");
    key_text(b, "Node shape: actor type");
    key_symbol(b, "\xE2\x96\xAD");
    key_text(b, "state and its bodies");
    key_symbol(b, "\xE2\xAC\xA1");
    key_text(b, "organization, group, party");
    key_symbol(b, "\xE2\x97\xAF");
    key_text(b, "person, population, other");
    if (d->o.size_by >= 0) {
        char s[96];
        snprintf(s, sizeof s, "Node size (area): %s", sg_metric_name((sg_metric)d->o.size_by));
        sb_puts(b, "</TR><TR>");
        key_text(b, s);
    }
    if (d->bloc != NULL) {
        /* the filled blocs in fill order, numbered as in 'stancegraph summary' */
        bool any = false;
        for (size_t k = 0; k < d->n_blocs; k++) {
            any = any || d->bloc_fill[k] >= 0;
        }
        sb_puts(b, "</TR><TR>");
        /* the note shares the label cell: a cell of its own would widen a key column */
        key_text(b, any ? "Node fill: signed bloc (white: alone)"
                        : "Node fill: signed bloc (every drawn actor alone)");
        for (int f = 0; f < N_BLOC_FILLS; f++) {
            for (size_t k = 0; k < d->n_blocs; k++) {
                if (d->bloc_fill[k] == f) {
                    char num[32];
                    snprintf(num, sizeof num, "%zu", k + 1);
                    key_bar(b, bloc_fills[f], 22, 8.0);
                    key_text(b, num);
                }
            }
        }
    }
    sb_puts(b, "</TR></TABLE></TD></TR></TABLE>");
}

static sg_status build(const drawing *d, const char *caption, Agraph_t **out)
{
    const sg_graph *g = d->g;
    sg_status st = SG_OK;
    sbuf b = {0}, tip = {0};
    Agnode_t **nodes = NULL;
    Agraph_t *ag = agopen((char *)"stancegraph", Agdirected, NULL);
    bool dot = strcmp(d->engine, "dot") == 0;

    *out = NULL;
    if (ag == NULL) {
        st = SG_ERR_BACKEND;
        goto done;
    }
    set_attr(ag, "fontname", FONT);
    set_attr(ag, "bgcolor", "white");
    set_attr(ag, "pad", "0.2");
    if (dot) {
        set_attr(ag, "rankdir", "LR");
    } else {
        /* spread nodes apart (splines: below, once the arrows are counted) */
        set_attr(ag, "overlap", "false");
        set_attr(ag, "sep", "+16");
    }
    key_html(d, &b, caption);
    if (sb_str(&b) == NULL) {
        st = SG_ERR_NOMEM;
        goto done;
    }
    set_html_label(ag, ag, b.p);
    set_attr(ag, "labelloc", "t");
    set_attr(ag, "labeljust", "l");
    /* declare the defaults once, so that the DOT carries them as node/edge defaults */
    agattr(ag, AGNODE, (char *)"fontname", (char *)FONT);
    /* text widths are Graphviz's Helvetica estimates; viewers often substitute a
     * wider sans-serif, so leave room around the label (default 0.11,0.055 inch) */
    agattr(ag, AGNODE, (char *)"margin", (char *)"0.22,0.08");
    agattr(ag, AGNODE, (char *)"style", (char *)"filled");
    agattr(ag, AGNODE, (char *)"fillcolor", (char *)"#FFFFFF");
    agattr(ag, AGEDGE, (char *)"fontname", (char *)FONT);
    agattr(ag, AGEDGE, (char *)"fontsize", (char *)"10");

    nodes = calloc(d->n_nodes > 0 ? d->n_nodes : 1, sizeof *nodes);
    if (nodes == NULL) {
        st = SG_ERR_NOMEM;
        goto done;
    }
    st = add_nodes(d, ag, nodes, &b);
    if (st != SG_OK) {
        goto done;
    }
    st = add_edges(d, ag, nodes, &b, &tip);
    if (st != SG_OK) {
        goto done;
    }
    if (!dot) {
        /* curved arrows keep reciprocal pairs apart, but Graphviz 2.42's curved routing
         * went from 1 s at 120 arrows to over 120 s at 180: straight lines above */
        set_attr(ag, "splines", agnedges(ag) <= CURVED_MAX ? "curved" : "false");
    }
    *out = ag;
    ag = NULL;

done:
    if (ag != NULL) {
        agclose(ag);
    }
    free(nodes);
    free(b.p);
    free(tip.p);
    (void)g;
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

/* True when the context has a renderer for device (e.g. "png"). */
static bool has_device(GVC_t *gvc, const char *device)
{
    int n = 0;
    bool found = false;
    char **list = gvPluginList(gvc, "device", &n, NULL);
    for (int i = 0; list != NULL && i < n; i++) {
        found = found || strcmp(list[i], device) == 0;
        free(list[i]);
    }
    free(list);
    return found;
}

/* Writes the SVG with <title> and <desc> inserted as the first children of <svg>. */
static sg_status write_svg(const drawing *d, const char *data, size_t len, const char *caption,
                           FILE *out, sg_diag *diag)
{
    const char *svg = NULL;
    for (size_t i = 0; i + 4 <= len; i++) {
        if (memcmp(data + i, "<svg", 4) == 0) {
            svg = data + i;
            break;
        }
    }
    const char *gt = svg != NULL ? memchr(svg, '>', len - (size_t)(svg - data)) : NULL;
    if (gt == NULL) {
        return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                         "graphviz: the SVG renderer wrote no <svg> element");
    }
    size_t head = (size_t)(gt + 1 - data);
    sbuf b = {0};
    sb_puts(&b, "\n<title>");
    put_text(&b, d->o.title != NULL && d->o.title[0] != '\0' ? d->o.title : "Actor network", 0,
             ESC_XML);
    sb_puts(&b, "</title>\n<desc>");
    put_lines(&b, caption, " ", false);
    sb_puts(&b, "</desc>");
    if (sb_str(&b) == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing SVG");
    }
    bool ok = fwrite(data, 1, head, out) == head && fwrite(b.p, 1, b.len, out) == b.len &&
              fwrite(data + head, 1, len - head, out) == len - head && fflush(out) == 0;
    free(b.p);
    return ok ? SG_OK : sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the SVG output");
}

/* Writes all of buf to fd; false on a write error. */
static bool write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            return false;
        }
        p += k;
        n -= (size_t)k;
    }
    return true;
}

/* The child's half of render_cairo: lays out and renders ag, writes to fd a status byte
 * ('0' then the image, or '1' then the error message) and exits. */
static void cairo_child(const drawing *d, Agraph_t *ag, sg_graph_format fmt,
                        const lt_symlist_t *builtins, int fd)
{
    const char *device = fmt == SG_FMT_PNG ? "png" : "pdf";
    GVC_t *gvc = gvContextPlugins(builtins, 1);
    char *data = NULL;
    unsigned int len = 0;
    sg_diag diag;
    bool ok = false;

    sg_diag_init(&diag);
    if (gvc == NULL) {
        gv_fail(&diag, "creating a context");
    } else if (!has_device(gvc, device)) {
        sg_i_diag(&diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                  "graphviz has no %s renderer here: it comes with the cairo plugin "
                  "(libgvplugin_pango, Debian package libgvc6) registered in Graphviz's "
                  "plugin configuration (run 'dot -c' as root to rebuild it)",
                  fmt == SG_FMT_PNG ? "PNG" : "PDF");
    } else if (gvLayout(gvc, ag, d->engine) != 0) {
        gv_fail(&diag, "layout");
    } else {
        if (gvRenderData(gvc, ag, device, &data, &len) != 0 || data == NULL) {
            gv_fail(&diag, "rendering");
        } else {
            ok = true;
        }
        gvFreeLayout(gvc, ag);
    }
    bool sent = ok ? write_all(fd, "0", 1) && write_all(fd, data, len)
                   : write_all(fd, "1", 1) && write_all(fd, diag.msg, strlen(diag.msg));
    if (data != NULL) {
        gvFreeRenderData(data);
    }
    if (gvc != NULL) {
        gvFreeContext(gvc);
    }
    close(fd);
    _exit(sent ? 0 : 1);
}

/* PNG and PDF through Graphviz's cairo renderer, found with the plugins of the run-time
 * configuration (pango text layout included). Graphviz 2.42's pango plugin caches the
 * last font name across contexts and reads it after the context that owned it is freed
 * (a use-after-free on the second rendering in a process), so each rendering runs in a
 * child process that sends the image back through a pipe. */
static sg_status render_cairo(const drawing *d, Agraph_t *ag, sg_graph_format fmt,
                              const lt_symlist_t *builtins, FILE *out, sg_diag *diag)
{
    int fds[2];
    sbuf got = {0};
    char buf[65536];
    int wstatus = 0;
    sg_status st = SG_OK;

    if (fflush(out) != 0) {
        return sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the output");
    }
    if (pipe(fds) != 0) {
        return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "cannot create a pipe: %s",
                         strerror(errno));
    }
    if (fmt == SG_FMT_PNG) {
        set_attr(ag, "dpi", "144"); /* twice Graphviz's 72: sharp on high-density screens */
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "cannot fork: %s",
                         strerror(errno));
    }
    if (pid == 0) {
        /* the renderer dies with the run (an interrupted run leaves no orphan rendering) */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(1); /* the parent died before prctl took effect */
        }
        close(fds[0]);
        cairo_child(d, ag, fmt, builtins, fds[1]);
    }
    close(fds[1]);
    for (;;) {
        ssize_t k = read(fds[0], buf, sizeof buf);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            break;
        }
        sb_putn(&got, buf, (size_t)k);
    }
    close(fds[0]);
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (got.oom) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory reading the image");
    } else if (got.len == 0 || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        st = sg_i_diag(
            diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "graphviz: the %s renderer stopped (%s %d)",
            fmt == SG_FMT_PNG ? "PNG" : "PDF", WIFSIGNALED(wstatus) ? "signal" : "exit status",
            WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus));
    } else if (got.p[0] != '0') {
        st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "%.*s", (int)(got.len - 1),
                       got.p + 1);
    } else if (fwrite(got.p + 1, 1, got.len - 1, out) != got.len - 1 || fflush(out) != 0) {
        st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the %s output",
                       fmt == SG_FMT_PNG ? "PNG" : "PDF");
    }
    free(got.p);
    return st;
}

sg_status sg_i_emit_graphviz(const sg_graph *g, sg_graph_format fmt, const sg_draw_opts *opts,
                             const sg_centrality *cent, FILE *out, sg_diag *diag)
{
    sg_status st = SG_OK;
    drawing d;
    sbuf caption = {0};
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

    memset(&d, 0, sizeof d);
    d.g = g;
    d.cent = cent;
    if (opts != NULL) {
        d.o = *opts;
    } else {
        sg_draw_opts_init(&d.o);
    }
    if (d.o.layout != NULL && !sg_draw_layout_valid(d.o.layout)) {
        st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "unknown layout engine '%s'",
                       d.o.layout);
        goto done;
    }
    if (d.o.size_by >= SG_M_COUNT) {
        st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0, "unknown metric %d", d.o.size_by);
        goto done;
    }
    st = plan(&d, diag);
    if (st == SG_OK && d.o.color_by_bloc) {
        st = plan_blocs(&d, diag);
    }
    if (st != SG_OK) {
        goto done;
    }
    caption_text(&d, &caption);
    if (sb_str(&caption) == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing the caption");
        goto done;
    }
    st = build(&d, caption.p, &ag);
    if (st == SG_ERR_BACKEND) {
        st = gv_fail(diag, "building the graph");
        goto done;
    }
    if (st != SG_OK) {
        sg_i_diag(diag, st, NULL, NULL, 0, 0, "cannot build the drawing: %s", sg_status_str(st));
        goto done;
    }
    if (fmt == SG_FMT_DOT) {
        if (agwrite(ag, out) == EOF || fflush(out) != 0 || ferror(out)) {
            st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the DOT output");
        }
        goto done;
    }
    if (fmt != SG_FMT_SVG) {
        st = render_cairo(&d, ag, fmt, builtins, out, diag);
        goto done;
    }
    /* SVG: the linked plugins only */
    gvc = gvContextPlugins(builtins, 0);
    if (gvc == NULL) {
        st = gv_fail(diag, "creating a context");
        goto done;
    }
    if (gvLayout(gvc, ag, d.engine) != 0) {
        st = gv_fail(diag, "layout");
        goto done;
    }
    laid_out = true;
    if (gvRenderData(gvc, ag, "svg", &data, &len) != 0 || data == NULL) {
        st = gv_fail(diag, "rendering SVG");
        goto done;
    }
    st = write_svg(&d, data, len, caption.p, out, diag);

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
    drawing_free(&d);
    free(caption.p);
    return st;
}
