/* Emit stage, table half: consumes sg_centrality rows of a graph and produces an
 * aligned text table, RFC 4180 CSV or (through emit_json.c) a JSON array, sorted by
 * one metric; writes a whole graph as node and edge CSV tables. Also names and parses
 * the metrics. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "internal.h"

/* Metric names in sg_metric order. An array of arrays rather than of pointers: pointers
 * would need relocation and land in writable data (make check-globals). */
static const char metric_names[SG_M_COUNT][16] = {
    "in_degree", "out_degree", "degree",      "in_strength", "out_strength",
    "signed_in", "signed_out", "betweenness", "harmonic",    "pagerank",
    "hub",       "authority",  "eigenvector",
};

/* The unit of each metric, printed under its name in the aligned table. */
static const char metric_units[SG_M_COUNT][12] = {
    "actors", "actors",   "actors", "events", "events", "Goldstein", "Goldstein",
    "paths",  "1/length", "share",  "max 1",  "max 1",  "max 1",
};

const char *sg_metric_name(sg_metric m)
{
    if ((int)m < 0 || m >= SG_M_COUNT) {
        return "";
    }
    return metric_names[m];
}

bool sg_metric_parse(const char *name, sg_metric *m)
{
    for (int i = 0; i < SG_M_COUNT; i++) {
        if (strcmp(name, metric_names[i]) == 0) {
            *m = (sg_metric)i;
            return true;
        }
    }
    return false;
}

bool sg_i_metric_is_count(sg_metric m)
{
    return m == SG_M_IN_DEGREE || m == SG_M_OUT_DEGREE || m == SG_M_DEGREE ||
           m == SG_M_IN_STRENGTH || m == SG_M_OUT_STRENGTH;
}

void sg_i_format_real(char *buf, size_t n, double v, int decimals, const char *missing)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", missing);
        return;
    }
    snprintf(buf, n, "%.*f", decimals, decimals <= 6 ? sg_i_round6(v) : sg_i_round(v, decimals));
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1)) {
        memmove(buf, buf + 1, strlen(buf));
    }
}

typedef struct row {
    const sg_centrality *c;
    const char *id;
    double key;
} row;

static int row_cmp(const void *a, const void *b)
{
    const row *x = a;
    const row *y = b;
    bool xn = isnan(x->key);
    bool yn = isnan(y->key);
    if (xn != yn) {
        return xn ? 1 : -1; /* undefined values last */
    }
    if (!xn && x->key != y->key) {
        return x->key > y->key ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

/* ---- CSV ---------------------------------------------------------------------------- */

void sg_i_csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s != '\0'; s++) {
        if (*s == '"') {
            fputc('"', out);
        }
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The columns of a centrality table: the metrics of a bit set, in sg_metric order. */
typedef struct columns {
    sg_metric m[SG_M_COUNT];
    size_t n;
} columns;

static void write_csv(const sg_graph *g, const row *rows, size_t n, const columns *cols,
                      int decimals, FILE *out)
{
    char num[64];
    fputs("id,name", out);
    for (size_t k = 0; k < cols->n; k++) {
        fprintf(out, ",%s", metric_names[cols->m[k]]);
    }
    fputc('\n', out);
    for (size_t i = 0; i < n; i++) {
        const sg_node *nd = sg_graph_node_get(g, rows[i].c->node);
        sg_i_csv_field(out, nd->id);
        fputc(',', out);
        sg_i_csv_field(out, nd->name);
        for (size_t k = 0; k < cols->n; k++) {
            sg_metric m = cols->m[k];
            sg_i_format_real(num, sizeof num, sg_centrality_value(rows[i].c, m),
                             sg_i_metric_is_count(m) ? 0 : decimals, "");
            fprintf(out, ",%s", num);
        }
        fputc('\n', out);
    }
}

/* ---- graph as two CSV tables --------------------------------------------------------- */

sg_status sg_i_centrality(const sg_graph *g, sg_centrality **out, sg_diag *diag)
{
    size_t n = sg_graph_node_count(g);
    sg_centrality *cent = calloc(n > 0 ? n : 1, sizeof *cent);
    *out = NULL;
    if (cent == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0,
                         "out of memory computing centrality");
    }
    sg_status st = sg_graph_centrality(g, cent, diag);
    if (st != SG_OK) {
        free(cent);
        return st;
    }
    *out = cent;
    return SG_OK;
}

sg_status sg_emit_graph_csv(const sg_graph *g, FILE *nodes, FILE *edges, sg_diag *diag)
{
    size_t n = sg_graph_node_count(g);
    char num[64];
    sg_centrality *cent = NULL;
    sg_status st = sg_i_centrality(g, &cent, diag);
    if (st != SG_OK) {
        return st;
    }
    fputs("id,name,type,parent,mentions", nodes);
    for (int m = 0; m < SG_M_COUNT; m++) {
        fprintf(nodes, ",%s", metric_names[m]);
    }
    fputc('\n', nodes);
    for (size_t i = 0; i < n; i++) {
        const sg_node *nd = sg_graph_node_get(g, i);
        sg_i_csv_field(nodes, nd->id);
        fputc(',', nodes);
        sg_i_csv_field(nodes, nd->name);
        fputc(',', nodes);
        sg_i_csv_field(nodes, nd->type);
        fputc(',', nodes);
        sg_i_csv_field(nodes, nd->parent != NULL ? nd->parent : "");
        fprintf(nodes, ",%zu", nd->mentions);
        for (int m = 0; m < SG_M_COUNT; m++) {
            sg_i_format_real(num, sizeof num, sg_centrality_value(&cent[i], (sg_metric)m),
                             sg_i_metric_is_count((sg_metric)m) ? 0 : 6, "");
            fprintf(nodes, ",%s", num);
        }
        fputc('\n', nodes);
    }
    free(cent);

    fputs("source,target,relation,label,cameo,count,goldstein_sum,goldstein_mean,evidence\n",
          edges);
    for (size_t i = 0; i < sg_graph_edge_count(g); i++) {
        const sg_edge *ed = sg_graph_edge_get(g, i);
        const char *fields[] = {sg_graph_node_get(g, ed->source)->id,
                                sg_graph_node_get(g, ed->target)->id, ed->relation, ed->label,
                                ed->cameo};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
            sg_i_csv_field(edges, fields[k]);
            fputc(',', edges);
        }
        fprintf(edges, "%zu,", ed->count);
        sg_i_format_real(num, sizeof num, ed->goldstein_sum, 6, "");
        fprintf(edges, "%s,", num);
        sg_i_format_real(num, sizeof num, ed->goldstein_mean, 6, "");
        fprintf(edges, "%s,", num);
        char *evidence = sg_i_evidence_text(g, ed);
        if (evidence == NULL) {
            return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing CSV");
        }
        sg_i_csv_field(edges, evidence);
        cJSON_free(evidence);
        fputc('\n', edges);
    }
    if (fflush(nodes) != 0 || ferror(nodes) || fflush(edges) != 0 || ferror(edges)) {
        return sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the CSV tables");
    }
    return SG_OK;
}

/* ---- aligned table ------------------------------------------------------------------ */

enum { TABLE_COLS = SG_M_COUNT + 2 };

/* Display width in code points (wide East Asian characters count as one). */
static size_t width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p & 0xC0) != 0x80) {
            w++;
        }
    }
    return w;
}

/* A copy of s with control characters replaced by spaces, so a row stays one line. */
static char *table_text(const char *s)
{
    char *t = sg_i_strdup(s);
    if (t == NULL) {
        return NULL;
    }
    for (char *p = t; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            *p = ' ';
        }
    }
    return t;
}

static void pad(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputc(' ', out);
    }
}

static void table_line(FILE *out, char *const *cells, const size_t *w, size_t ncols)
{
    for (size_t k = 0; k < ncols; k++) {
        size_t cw = width(cells[k]);
        if (k > 0) {
            fputs("  ", out);
        }
        if (k < 2) {
            /* text columns: left-aligned, no trailing blanks on the last column */
            fputs(cells[k], out);
            if (k + 1 < ncols) {
                pad(out, w[k] - cw);
            }
        } else {
            pad(out, w[k] - cw);
            fputs(cells[k], out);
        }
    }
    fputc('\n', out);
}

static sg_status write_table(const sg_graph *g, const row *rows, size_t n, const columns *cols,
                             int decimals, FILE *out)
{
    sg_status st = SG_OK;
    size_t w[TABLE_COLS];
    size_t nc = cols->n + 2; /* actor, id, metrics */
    size_t nl = n + 2;       /* header, units, rows */
    char **cells = calloc(nl * nc, sizeof *cells);
    char num[64];

    if (cells == NULL) {
        return SG_ERR_NOMEM;
    }
    cells[0] = sg_i_strdup("actor");
    cells[1] = sg_i_strdup("id");
    for (size_t k = 0; k < cols->n; k++) {
        cells[2 + k] = sg_i_strdup(metric_names[cols->m[k]]);
        cells[nc + 2 + k] = sg_i_strdup(metric_units[cols->m[k]]);
    }
    cells[nc] = sg_i_strdup("");
    cells[nc + 1] = sg_i_strdup("");
    for (size_t i = 0; i < n; i++) {
        const sg_node *nd = sg_graph_node_get(g, rows[i].c->node);
        char **line = &cells[(i + 2) * nc];
        line[0] = table_text(nd->name);
        line[1] = table_text(nd->id);
        for (size_t k = 0; k < cols->n; k++) {
            sg_metric m = cols->m[k];
            sg_i_format_real(num, sizeof num, sg_centrality_value(rows[i].c, m),
                             sg_i_metric_is_count(m) ? 0 : decimals, "-");
            line[2 + k] = sg_i_strdup(num);
        }
    }
    for (size_t i = 0; i < nl * nc; i++) {
        if (cells[i] == NULL) {
            st = SG_ERR_NOMEM;
            goto done;
        }
    }
    for (size_t k = 0; k < nc; k++) {
        w[k] = 0;
        for (size_t i = 0; i < nl; i++) {
            size_t cw = width(cells[i * nc + k]);
            w[k] = cw > w[k] ? cw : w[k];
        }
    }
    for (size_t i = 0; i < nl; i++) {
        table_line(out, &cells[i * nc], w, nc);
    }

done:
    for (size_t i = 0; i < nl * nc; i++) {
        free(cells[i]);
    }
    free(cells);
    return st;
}

void sg_table_opts_init(sg_table_opts *o)
{
    o->format = SG_TAB_TABLE;
    o->sort = SG_M_PAGERANK;
    o->top = 0;
    o->decimals = -1;
    o->metrics = SG_METRICS_ALL;
}

sg_status sg_emit_centrality(const sg_graph *g, const sg_centrality *c, size_t n,
                             const sg_table_opts *opts, FILE *out, sg_diag *diag)
{
    sg_status st = SG_OK;
    row *rows = NULL;
    const sg_centrality **ptrs = NULL;
    size_t keep;
    sg_table_opts o;
    columns cols = {.n = 0};

    if (opts != NULL) {
        o = *opts;
    } else {
        sg_table_opts_init(&o);
    }
    sg_metric sort = o.sort;
    int decimals = o.decimals;
    for (int m = 0; m < SG_M_COUNT; m++) {
        if (o.metrics == 0 || (o.metrics & (1u << m)) != 0) {
            cols.m[cols.n++] = (sg_metric)m;
        }
    }

    if ((int)sort < 0 || sort >= SG_M_COUNT) {
        sort = SG_M_PAGERANK;
    }
    if (decimals > SG_DECIMALS_MAX) {
        decimals = SG_DECIMALS_MAX;
    }
    if (n > 0) {
        rows = malloc(n * sizeof *rows);
        ptrs = malloc(n * sizeof *ptrs);
        if (rows == NULL || ptrs == NULL) {
            st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const sg_node *nd = sg_graph_node_get(g, c[i].node);
        /* rows must belong to g; a bad index is a caller bug */
        if (nd == NULL) {
            st = sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                           "centrality row %zu names node %zu, the graph has %zu", i, c[i].node,
                           sg_graph_node_count(g));
            goto done;
        }
        rows[i].c = &c[i];
        rows[i].id = nd->id;
        rows[i].key = sg_i_sort_key(sg_centrality_value(&c[i], sort));
    }
    if (n > 1) {
        qsort(rows, n, sizeof *rows, row_cmp);
    }
    keep = o.top != 0 && o.top < n ? o.top : n;

    switch (o.format) {
    case SG_TAB_JSON:
        for (size_t i = 0; i < keep; i++) {
            ptrs[i] = rows[i].c;
        }
        st = sg_i_emit_centrality_json(g, ptrs, keep, cols.m, cols.n, decimals < 0 ? 6 : decimals,
                                       out, diag);
        goto done;
    case SG_TAB_CSV:
        write_csv(g, rows, keep, &cols, decimals < 0 ? 6 : decimals, out);
        break;
    case SG_TAB_TABLE:
        st = write_table(g, rows, keep, &cols, decimals < 0 ? 4 : decimals, out);
        if (st != SG_OK) {
            sg_i_diag(diag, st, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
        break;
    }
    if (fflush(out) != 0 || ferror(out)) {
        st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the centrality table");
    }

done:
    free(ptrs);
    free(rows);
    return st;
}
