/* Emit stage, summary: the whole-graph figures (sg_graph_stats_get), the top actors per
 * centrality, structural balance and blocs (sg_analysis.h) of one graph, as a human
 * layout, CSV or JSON. The JSON document is the model: CSV flattens it; the human layout
 * is written from the same inputs in the same order. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "internal.h"

/* Rows of one "top actors" list: node indexes sorted by a metric. */
typedef struct ranked {
    size_t node;
    double key;
    const char *id;
} ranked;

static int ranked_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key) {
        return x->key > y->key ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

static int ranked_asc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

/* The lists of top actors: one per metric, highest first, and for the two signed
 * strengths also lowest first (the most hostile profiles). */
enum { N_LISTS = SG_M_COUNT + 2 };

static sg_metric list_metric(int l)
{
    return l < SG_M_COUNT ? (sg_metric)l : l == SG_M_COUNT ? SG_M_SIGNED_IN : SG_M_SIGNED_OUT;
}

static void list_name(int l, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", sg_metric_name(list_metric(l)), l < SG_M_COUNT ? "" : "_lowest");
}

static bool add_real(cJSON *o, const char *key, double v)
{
    cJSON *item = isfinite(v) ? cJSON_CreateNumber(sg_i_round6(v)) : cJSON_CreateNull();
    if (item == NULL) {
        return false;
    }
    cJSON_AddItemToObject(o, key, item);
    return true;
}

static bool add_count(cJSON *o, const char *key, size_t v)
{
    return cJSON_AddNumberToObject(o, key, (double)v) != NULL;
}

static cJSON *actor_ref(const sg_graph *g, size_t node)
{
    const sg_node *nd = sg_graph_node_get(g, node);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL || cJSON_AddStringToObject(o, "id", nd->id) == NULL ||
        cJSON_AddStringToObject(o, "name", nd->name) == NULL) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *network_json(const sg_graph_stats *s)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o != NULL && add_count(o, "actors", s->actors) &&
              add_count(o, "isolated_actors", s->isolated) && add_count(o, "events", s->events) &&
              add_count(o, "graph_events", s->graph_events) &&
              add_count(o, "negated_events", s->negated) &&
              add_count(o, "untargeted_events", s->untargeted) &&
              add_count(o, "hostile_events", s->hostile_events) &&
              add_count(o, "cooperative_events", s->cooperative_events) &&
              add_real(o, "goldstein_mean", s->goldstein_mean) && add_count(o, "edges", s->edges) &&
              add_count(o, "arcs", s->arcs) && add_real(o, "density", s->density) &&
              add_count(o, "weak_components", s->weak_components) &&
              add_count(o, "strong_components", s->strong_components) &&
              add_count(o, "largest_component", s->largest_component) &&
              add_real(o, "reciprocity", s->reciprocity);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The top `top` actors of every list (0 = all), as {list: [{id, name, value}]}. */
static cJSON *top_json(const sg_graph *g, const sg_centrality *cent, unsigned metrics, size_t top)
{
    size_t n = sg_graph_node_count(g);
    size_t keep = top != 0 && top < n ? top : n;
    ranked *r = malloc((n > 0 ? n : 1) * sizeof *r);
    cJSON *o = cJSON_CreateObject();
    char name[48];
    if (r == NULL || o == NULL) {
        goto fail;
    }
    for (int l = 0; l < N_LISTS; l++) {
        sg_metric m = list_metric(l);
        if (metrics != 0 && (metrics & (1u << m)) == 0) {
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            r[i].node = i;
            r[i].key = sg_i_sort_key(sg_centrality_value(&cent[i], m));
            r[i].id = sg_graph_node_get(g, i)->id;
            if (isnan(r[i].key)) {
                r[i].key = -INFINITY;
            }
        }
        qsort(r, n, sizeof *r, l < SG_M_COUNT ? ranked_desc : ranked_asc);
        list_name(l, name, sizeof name);
        cJSON *arr = cJSON_AddArrayToObject(o, name);
        if (arr == NULL) {
            goto fail;
        }
        for (size_t i = 0; i < keep; i++) {
            cJSON *a = actor_ref(g, r[i].node);
            if (a == NULL) {
                goto fail;
            }
            cJSON_AddItemToArray(arr, a);
            if (!add_real(a, "value", sg_centrality_value(&cent[r[i].node], m))) {
                goto fail;
            }
        }
    }
    free(r);
    return o;
fail:
    free(r);
    cJSON_Delete(o);
    return NULL;
}

static cJSON *balance_json(const sg_graph *g, const sg_balance *b)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o != NULL && add_count(o, "signed_ties", b->ties) &&
              add_count(o, "positive_ties", b->positive_ties) &&
              add_count(o, "negative_ties", b->negative_ties) &&
              add_count(o, "neutral_pairs", b->neutral_pairs) &&
              add_count(o, "triads", b->triads) && add_count(o, "balanced", b->balanced) &&
              add_count(o, "unbalanced", b->unbalanced) &&
              add_count(o, "all_negative", b->all_negative) &&
              add_real(o, "balanced_share", b->share_defined ? b->balanced_share : NAN);
    cJSON *arr = ok ? cJSON_AddArrayToObject(o, "most_unbalanced") : NULL;
    if (arr == NULL) {
        cJSON_Delete(o);
        return NULL;
    }
    for (size_t i = 0; i < b->n_listed; i++) {
        const sg_triad *t = &b->listed[i];
        cJSON *tri = cJSON_CreateObject();
        cJSON *actors = tri != NULL ? cJSON_AddArrayToObject(tri, "actors") : NULL;
        if (tri != NULL) {
            cJSON_AddItemToArray(arr, tri);
        }
        size_t ends[3] = {t->a, t->b, t->c};
        for (int k = 0; actors != NULL && k < 3; k++) {
            cJSON *a = actor_ref(g, ends[k]);
            if (a == NULL) {
                actors = NULL;
                break;
            }
            cJSON_AddItemToArray(actors, a);
        }
        if (actors == NULL || !add_real(tri, "w_ab", t->w_ab) || !add_real(tri, "w_ac", t->w_ac) ||
            !add_real(tri, "w_bc", t->w_bc) ||
            !add_real(tri, "strength", fabs(t->w_ab) + fabs(t->w_ac) + fabs(t->w_bc))) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

/* The modularity of the signed (is_signed) or cooperative partition, NaN where it is
 * undefined: without signed ties, resp. without positive ties (sg_analysis.h reports 0
 * there). */
static double partition_q(const sg_blocs *bl, const sg_balance *bal, bool is_signed)
{
    if (is_signed) {
        return bal->ties > 0 ? sg_blocs_signed_modularity(bl) : NAN;
    }
    return bal->positive_ties > 0 ? sg_blocs_coop_modularity(bl) : NAN;
}

/* One partition as {method, count, ..., blocs: [{bloc, size, actors: [{id, name}]}]},
 * blocs numbered from 1. */
static cJSON *partition_json(const sg_graph *g, const sg_blocs *bl, const sg_balance *bal,
                             bool is_signed)
{
    size_t n = sg_graph_node_count(g);
    size_t count = is_signed ? sg_blocs_signed_count(bl) : sg_blocs_coop_count(bl);
    cJSON *o = cJSON_CreateObject();
    bool ok = o != NULL;
    if (ok && is_signed) {
        ok = cJSON_AddStringToObject(o, "method",
                                     "spinglass with negative ties (Traag & Bruggeman 2009), "
                                     "per component of the signed projection") != NULL &&
             add_count(o, "count", count) &&
             add_real(o, "modularity", partition_q(bl, bal, true)) &&
             add_count(o, "frustrated_ties", sg_blocs_frustrated_ties(bl)) &&
             add_real(o, "frustration", bal->ties > 0 ? sg_blocs_frustration(bl) : NAN) &&
             add_count(o, "capped_actors", sg_blocs_capped_actors(bl));
    } else if (ok) {
        ok = cJSON_AddStringToObject(
                 o, "method", "Louvain (Blondel et al. 2008) on the positive ties") != NULL &&
             add_count(o, "count", count) && add_real(o, "modularity", partition_q(bl, bal, false));
    }
    cJSON *arr = ok ? cJSON_AddArrayToObject(o, "blocs") : NULL;
    ok = arr != NULL;
    for (size_t b = 0; ok && b < count; b++) {
        cJSON *bo = cJSON_CreateObject();
        cJSON *actors = NULL;
        ok = bo != NULL;
        if (ok) {
            cJSON_AddItemToArray(arr, bo);
            ok = add_count(bo, "bloc", b + 1) &&
                 add_count(bo, "size",
                           is_signed ? sg_blocs_signed_member_count(bl, b)
                                     : sg_blocs_coop_member_count(bl, b)) &&
                 (actors = cJSON_AddArrayToObject(bo, "actors")) != NULL;
        }
        for (size_t i = 0; ok && i < n; i++) {
            size_t of = is_signed ? sg_blocs_signed_get(bl, i) : sg_blocs_coop_get(bl, i);
            if (of == b) {
                cJSON *a = actor_ref(g, i);
                ok = a != NULL;
                if (ok) {
                    cJSON_AddItemToArray(actors, a);
                }
            }
        }
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The summary document. NULL when out of memory. */
static cJSON *summary_json(const sg_graph *g, const sg_summary *s, size_t top)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON *parts[5] = {network_json(s->stats), top_json(g, s->cent, s->metrics, top),
                       balance_json(g, s->balance), partition_json(g, s->blocs, s->balance, true),
                       partition_json(g, s->blocs, s->balance, false)};
    bool ok = doc != NULL;
    for (int i = 0; i < 5; i++) {
        ok = ok && parts[i] != NULL;
    }
    cJSON *blocs = ok ? cJSON_CreateObject() : NULL;
    if (!ok || blocs == NULL) {
        for (int i = 0; i < 5; i++) {
            cJSON_Delete(parts[i]);
        }
        cJSON_Delete(doc);
        return NULL;
    }
    cJSON_AddItemToObject(doc, "network", parts[0]);
    cJSON_AddItemToObject(doc, "top", parts[1]);
    cJSON_AddItemToObject(doc, "balance", parts[2]);
    cJSON_AddItemToObject(blocs, "signed", parts[3]);
    cJSON_AddItemToObject(blocs, "cooperative", parts[4]);
    cJSON_AddItemToObject(doc, "blocs", blocs);
    return doc;
}

/* ---- CSV: section,item,rank,id,name,value ------------------------------------------ */

static void csv_value(FILE *out, const cJSON *v)
{
    char num[64];
    if (cJSON_IsNumber(v)) {
        sg_i_format_real(num, sizeof num, v->valuedouble,
                         v->valuedouble == floor(v->valuedouble) ? 0 : 6, "");
        fputs(num, out);
    } else if (cJSON_IsString(v)) {
        sg_i_csv_field(out, v->valuestring);
    } /* null: empty */
}

/* section,item,rank,id,name,value with rank, id and name possibly empty. */
static void csv_row(FILE *out, const char *section, const char *item, size_t rank,
                    const cJSON *actor, const cJSON *value)
{
    sg_i_csv_field(out, section);
    fputc(',', out);
    sg_i_csv_field(out, item);
    fputc(',', out);
    if (rank > 0) {
        fprintf(out, "%zu", rank);
    }
    fputc(',', out);
    if (actor != NULL) {
        sg_i_csv_field(out, cJSON_GetObjectItemCaseSensitive(actor, "id")->valuestring);
        fputc(',', out);
        sg_i_csv_field(out, cJSON_GetObjectItemCaseSensitive(actor, "name")->valuestring);
    } else {
        fputc(',', out);
    }
    fputc(',', out);
    if (value != NULL) {
        csv_value(out, value);
    }
    fputc('\n', out);
}

static void write_csv(const cJSON *doc, FILE *out)
{
    const cJSON *it;
    fputs("section,item,rank,id,name,value\n", out);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "network"))
    {
        csv_row(out, "network", it->string, 0, NULL, it);
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "top"))
    {
        size_t rank = 0;
        const cJSON *a;
        cJSON_ArrayForEach(a, it)
        {
            csv_row(out, "top", it->string, ++rank, a,
                    cJSON_GetObjectItemCaseSensitive(a, "value"));
        }
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "balance"))
    {
        if (!cJSON_IsArray(it)) {
            csv_row(out, "balance", it->string, 0, NULL, it);
            continue;
        }
        size_t rank = 0;
        const cJSON *t;
        cJSON_ArrayForEach(t, it)
        {
            const cJSON *a;
            rank++;
            cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(t, "actors"))
            {
                csv_row(out, "unbalanced_triad", "actor", rank, a, NULL);
            }
            csv_row(out, "unbalanced_triad", "w_ab", rank, NULL,
                    cJSON_GetObjectItemCaseSensitive(t, "w_ab"));
            csv_row(out, "unbalanced_triad", "w_ac", rank, NULL,
                    cJSON_GetObjectItemCaseSensitive(t, "w_ac"));
            csv_row(out, "unbalanced_triad", "w_bc", rank, NULL,
                    cJSON_GetObjectItemCaseSensitive(t, "w_bc"));
            csv_row(out, "unbalanced_triad", "strength", rank, NULL,
                    cJSON_GetObjectItemCaseSensitive(t, "strength"));
        }
    }
    const cJSON *blocs = cJSON_GetObjectItemCaseSensitive(doc, "blocs");
    cJSON_ArrayForEach(it, blocs)
    {
        char section[32];
        snprintf(section, sizeof section, "%s_blocs", it->string);
        const cJSON *f;
        cJSON_ArrayForEach(f, it)
        {
            if (!cJSON_IsArray(f)) {
                csv_row(out, section, f->string, 0, NULL, f);
                continue;
            }
            const cJSON *b;
            cJSON_ArrayForEach(b, f)
            {
                size_t num = (size_t)cJSON_GetObjectItemCaseSensitive(b, "bloc")->valuedouble;
                const cJSON *a;
                cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(b, "actors"))
                {
                    csv_row(out, section, "member", num, a, NULL);
                }
            }
        }
    }
}

/* ---- human layout ------------------------------------------------------------------- */

static void real4(char *buf, size_t n, double v)
{
    sg_i_format_real(buf, n, v, 4, "-");
}

/* v with up to 4 decimals, trailing zeros dropped ("13.4", "-0.04", "2"). */
static void real_short(char *buf, size_t n, double v)
{
    sg_i_format_real(buf, n, v, 4, "-");
    if (strchr(buf, '.') != NULL) {
        size_t k = strlen(buf);
        while (k > 0 && buf[k - 1] == '0') {
            buf[--k] = '\0';
        }
        if (k > 0 && buf[k - 1] == '.') {
            buf[--k] = '\0';
        }
    }
}

/* Writes an actor name for a terminal: control characters (a newline, an escape
 * sequence) become spaces, so one name cannot break the layout or drive the terminal. */
static void put_name(FILE *out, const char *s)
{
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        fputc(c < 0x20 || c == 0x7F ? ' ' : c, out);
    }
}

/* The text layout lists at most this many blocs, and this many members of each, in
 * actor id order; CSV and JSON list all. */
enum { HUMAN_BLOCS_MAX = 20, HUMAN_MEMBERS_MAX = 12 };

static void write_human(const sg_graph *g, const sg_summary *s, const cJSON *doc, FILE *out)
{
    const sg_graph_stats *st = s->stats;
    const sg_balance *b = s->balance;
    char x[64], y[64];

    fputs("network\n", out);
    fprintf(out, "  %-22s %10zu   %zu without events between actors\n", "actors", st->actors,
            st->isolated);
    fprintf(out, "  %-22s %10zu   %zu in the graph, %zu negated, %zu without a target\n", "events",
            st->events, st->graph_events, st->negated, st->untargeted);
    real4(x, sizeof x, st->goldstein_mean);
    fprintf(out, "  %-22s %10s   of the graph's events; %zu hostile (< 0), %zu cooperative (> 0)\n",
            "mean Goldstein weight", x, st->hostile_events, st->cooperative_events);
    fprintf(out, "  %-22s %10zu   (source, relation, target)\n", "edges", st->edges);
    fprintf(out, "  %-22s %10zu   ordered actor pairs with events\n", "arcs", st->arcs);
    real4(x, sizeof x, st->density);
    fprintf(out, "  %-22s %10s   arcs / n(n-1)\n", "density", x);
    fprintf(out, "  %-22s %10zu   weakly connected; %zu strongly; the largest has %zu actor%s\n",
            "components", st->weak_components, st->strong_components, st->largest_component,
            st->largest_component == 1 ? "" : "s");
    real4(x, sizeof x, st->reciprocity);
    fprintf(out, "  %-22s %10s   share of arcs answered by the reverse arc\n", "reciprocity", x);

    fputs("\ntop actors\n", out);
    const cJSON *top = cJSON_GetObjectItemCaseSensitive(doc, "top");
    for (int l = 0; l < N_LISTS; l++) {
        sg_metric m = list_metric(l);
        /* counts without decimals, Goldstein sums as short as exact, others 4 */
        bool is_signed = m == SG_M_SIGNED_IN || m == SG_M_SIGNED_OUT;
        int decimals = sg_i_metric_is_count(m) ? 0 : 4;
        char name[48];
        list_name(l, name, sizeof name);
        if (cJSON_GetObjectItemCaseSensitive(top, name) == NULL) {
            continue;
        }
        fprintf(out, "  %-22s", name);
        const cJSON *a;
        bool first = true;
        cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(top, name))
        {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, "value");
            double val = cJSON_IsNumber(v) ? v->valuedouble : NAN;
            if (is_signed) {
                real_short(x, sizeof x, val);
            } else {
                sg_i_format_real(x, sizeof x, val, decimals, "-");
            }
            fputs(first ? " " : ", ", out);
            put_name(out, cJSON_GetObjectItemCaseSensitive(a, "name")->valuestring);
            fprintf(out, " %s", x);
            first = false;
        }
        fputc('\n', out);
    }

    fputs("\nstructural balance (Heider; Cartwright & Harary)\n", out);
    fprintf(out,
            "  %-22s %10zu   %zu positive, %zu negative; %zu pair%s with a zero sum left out\n",
            "signed ties", b->ties, b->positive_ties, b->negative_ties, b->neutral_pairs,
            b->neutral_pairs == 1 ? "" : "s");
    if (b->share_defined) {
        real4(x, sizeof x, b->balanced_share);
        fprintf(out, "  %-22s %10zu   %zu balanced (share %s), %zu unbalanced (%zu all negative)\n",
                "triads", b->triads, b->balanced, x, b->unbalanced, b->all_negative);
    } else {
        fprintf(out, "  %-22s %10zu   the balanced share is undefined without triads\n", "triads",
                b->triads);
    }
    for (size_t i = 0; i < b->n_listed; i++) {
        const sg_triad *t = &b->listed[i];
        real_short(x, sizeof x, fabs(t->w_ab) + fabs(t->w_ac) + fabs(t->w_bc));
        const char *names[3] = {sg_graph_node_get(g, t->a)->name, sg_graph_node_get(g, t->b)->name,
                                sg_graph_node_get(g, t->c)->name};
        const int ends[3][2] = {{0, 1}, {0, 2}, {1, 2}};
        const double w[3] = {t->w_ab, t->w_ac, t->w_bc};
        fprintf(out, "  unbalanced triad %zu (strength %s):", i + 1, x);
        for (int k = 0; k < 3; k++) {
            real_short(y, sizeof y, w[k]);
            fputs(k > 0 ? ", " : " ", out);
            put_name(out, names[ends[k][0]]);
            fputs(" - ", out);
            put_name(out, names[ends[k][1]]);
            fprintf(out, " %s%s", w[k] > 0 ? "+" : "", y);
        }
        fputc('\n', out);
    }

    for (int p = 0; p < 2; p++) {
        bool sg = p == 0;
        size_t count = sg ? sg_blocs_signed_count(s->blocs) : sg_blocs_coop_count(s->blocs);
        size_t alone = 0;
        real4(x, sizeof x, partition_q(s->blocs, b, sg));
        if (sg) {
            real4(y, sizeof y, b->ties > 0 ? sg_blocs_frustration(s->blocs) : NAN);
            fprintf(out,
                    "\nsigned blocs (spinglass with negative ties, Traag & Bruggeman 2009)\n"
                    "  %zu bloc%s, signed modularity %s, %zu frustrated tie%s (frustration %s)\n",
                    count, count == 1 ? "" : "s", x, sg_blocs_frustrated_ties(s->blocs),
                    sg_blocs_frustrated_ties(s->blocs) == 1 ? "" : "s", y);
            if (sg_blocs_capped_actors(s->blocs) > 0) {
                fprintf(out,
                        "  %zu actors in components above %d actors take their cooperative "
                        "blocs\n",
                        sg_blocs_capped_actors(s->blocs), SG_BLOCS_SPINGLASS_MAX);
            }
        } else {
            fprintf(out,
                    "\ncooperative blocs (Louvain on the positive ties)\n"
                    "  %zu bloc%s, modularity %s\n",
                    count, count == 1 ? "" : "s", x);
        }
        size_t listed = 0, unlisted = 0;
        for (size_t k = 0; k < count; k++) {
            size_t size = sg ? sg_blocs_signed_member_count(s->blocs, k)
                             : sg_blocs_coop_member_count(s->blocs, k);
            if (size < 2) {
                alone++;
                continue;
            }
            if (listed == HUMAN_BLOCS_MAX) {
                unlisted++;
                continue;
            }
            listed++;
            fprintf(out, "  bloc %zu (%zu actors):", k + 1, size);
            size_t shown = 0;
            for (size_t i = 0; i < sg_graph_node_count(g) && shown < HUMAN_MEMBERS_MAX; i++) {
                size_t of = sg ? sg_blocs_signed_get(s->blocs, i) : sg_blocs_coop_get(s->blocs, i);
                if (of == k) {
                    fputs(shown > 0 ? ", " : " ", out);
                    put_name(out, sg_graph_node_get(g, i)->name);
                    shown++;
                }
            }
            if (size > shown) {
                fprintf(out, " and %zu more", size - shown);
            }
            fputc('\n', out);
        }
        if (unlisted > 0) {
            fprintf(out, "  %zu more blocs of 2 actors or more (--format csv or json lists all)\n",
                    unlisted);
        }
        if (alone > 0) {
            fprintf(out,
                    alone == 1 ? "  %zu actor in a bloc of its own\n"
                               : "  %zu actors each in a bloc of their own\n",
                    alone);
        }
    }
}

sg_status sg_emit_summary(const sg_graph *g, const sg_summary *s, sg_table_format fmt, size_t top,
                          FILE *out, sg_diag *diag)
{
    cJSON *doc = summary_json(g, s, top);
    if (doc == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing the summary");
    }
    switch (fmt) {
    case SG_TAB_JSON:
        return sg_i_write_json(doc, out, diag); /* frees doc */
    case SG_TAB_CSV:
        write_csv(doc, out);
        break;
    case SG_TAB_TABLE:
        write_human(g, s, doc, out);
        break;
    }
    cJSON_Delete(doc);
    if (fflush(out) != 0 || ferror(out)) {
        return sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the summary");
    }
    return SG_OK;
}
