/* Source stage, corpora: reads JSON Lines documents ({"id", "date", "text", ...}) one
 * line at a time with cJSON. See include/sg_corpus.h. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sg_corpus.h"

struct sg_corpus {
    char *path;
    const char *buf;
    size_t len, pos;
    unsigned line;       /* lines consumed so far */
    sg_corpus_opts opts; /* keys copied into keys[] */
    char keys[2][64];
    cJSON *cur;     /* the current document's object */
    cJSON *taken;   /* its text, id and date items, detached from cur */
    char *meta;     /* its other keys, printed */
    char id[64];    /* an integer id, or PATH:LINE */
    char *owned_id; /* PATH:LINE when the path is long */
    char date[11];
};

void sg_corpus_opts_init(sg_corpus_opts *o)
{
    o->text_key = "text";
    o->id_key = "id";
    o->first_line = 1;
}

static size_t skip_bom(const char *buf, size_t len)
{
    return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

bool sg_corpus_is_jsonl(const char *buf, size_t len, const sg_corpus_opts *opts)
{
    sg_corpus_opts o;
    sg_corpus_opts_init(&o);
    if (opts != NULL) {
        o = *opts;
    }
    size_t pos = skip_bom(buf, len);
    while (pos < len &&
           (buf[pos] == ' ' || buf[pos] == '\t' || buf[pos] == '\r' || buf[pos] == '\n')) {
        pos++;
    }
    if (pos >= len || buf[pos] != '{') {
        return false;
    }
    /* the first of the first 16 lines that parses as a JSON object decides: a corpus
     * whose first line is broken is still a corpus (its bad line is reported) */
    for (int tries = 0; tries < 16 && pos < len; tries++) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - (buf + pos)) : len - pos;
        cJSON *obj = cJSON_ParseWithLength(buf + pos, n);
        if (cJSON_IsObject(obj)) {
            bool yes = cJSON_IsString(cJSON_GetObjectItemCaseSensitive(obj, o.text_key)) &&
                       cJSON_GetObjectItemCaseSensitive(obj, "source") == NULL &&
                       cJSON_GetObjectItemCaseSensitive(obj, "relation") == NULL;
            cJSON_Delete(obj);
            return yes;
        }
        cJSON_Delete(obj);
        pos += n + (nl != NULL ? 1 : 0);
        while (pos < len &&
               (buf[pos] == ' ' || buf[pos] == '\t' || buf[pos] == '\r' || buf[pos] == '\n')) {
            pos++;
        }
    }
    return false;
}

sg_corpus *sg_corpus_new(const char *path, const char *buf, size_t len, const sg_corpus_opts *opts)
{
    sg_corpus *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    c->path = sg_i_strdup(path != NULL ? path : "<corpus>");
    if (c->path == NULL) {
        free(c);
        return NULL;
    }
    c->buf = buf;
    c->len = len;
    c->pos = skip_bom(buf, len);
    sg_corpus_opts_init(&c->opts);
    if (opts != NULL) {
        c->opts = *opts;
    }
    snprintf(c->keys[0], sizeof c->keys[0], "%s", c->opts.text_key);
    snprintf(c->keys[1], sizeof c->keys[1], "%s", c->opts.id_key);
    c->opts.text_key = c->keys[0];
    c->opts.id_key = c->keys[1];
    c->line = c->opts.first_line > 0 ? c->opts.first_line - 1 : 0; /* counted up per line */
    return c;
}

void sg_corpus_free(sg_corpus *c)
{
    if (c == NULL) {
        return;
    }
    cJSON_Delete(c->cur);
    cJSON_Delete(c->taken);
    cJSON_free(c->meta);
    free(c->owned_id);
    free(c->path);
    free(c);
}

static sg_status key_error(sg_corpus *c, size_t line_start, const char *key, const char *what,
                           sg_diag *diag)
{
    size_t off = sg_i_key_offset(c->buf, c->len, line_start, key);
    return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len, off, "document key '%s' %s", key,
                     what);
}

/* True when s is NULL or valid UTF-8. */
static bool utf8_ok(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;
    return s == NULL || sg_i_utf8_bad(s, n) == n;
}

/* Fills out from the parsed object of the line at line_start. */
static sg_status take(sg_corpus *c, size_t line_start, sg_corpus_doc *out, sg_diag *diag)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(c->cur, c->opts.text_key);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(c->cur, c->opts.id_key);
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(c->cur, "date");
    if (text == NULL) {
        return key_error(c, line_start, c->opts.text_key,
                         "is missing (name the text key with --text-field)", diag);
    }
    if (!cJSON_IsString(text)) {
        return key_error(c, line_start, c->opts.text_key, "must be a string", diag);
    }
    free(c->owned_id);
    c->owned_id = NULL;
    if (id == NULL || cJSON_IsNull(id)) {
        size_t need = strlen(c->path) + 16;
        c->owned_id = malloc(need);
        if (c->owned_id == NULL) {
            return sg_i_diag(diag, SG_ERR_NOMEM, c->path, NULL, 0, 0, "out of memory");
        }
        snprintf(c->owned_id, need, "%s:%u", c->path, c->line);
        out->id = c->owned_id;
    } else if (cJSON_IsString(id)) {
        out->id = id->valuestring;
    } else if (cJSON_IsNumber(id) && floor(id->valuedouble) == id->valuedouble &&
               fabs(id->valuedouble) < 9007199254740992.0) {
        /* below 2^53: 2^53 + 1 reads as 2^53 and would name another document */
        snprintf(c->id, sizeof c->id, "%.0f", id->valuedouble);
        out->id = c->id;
    } else {
        return key_error(c, line_start, c->opts.id_key,
                         "must be a string or an integer below 2^53 in magnitude", diag);
    }
    out->date = NULL;
    if (date != NULL && !cJSON_IsNull(date)) {
        /* YYYY-MM-DD, alone or as the start of an ISO 8601 timestamp */
        const char *v = cJSON_IsString(date) ? date->valuestring : "";
        size_t vl = strlen(v);
        if (vl >= 10 && (vl == 10 || v[10] == 'T' || v[10] == ' ')) {
            memcpy(c->date, v, 10);
            c->date[10] = '\0';
        } else {
            c->date[0] = '\0';
        }
        if (!sg_date_valid(c->date)) {
            return key_error(c, line_start, "date",
                             "must be a date YYYY-MM-DD (or an ISO 8601 timestamp)", diag);
        }
        out->date = c->date;
    }
    /* cJSON strings end at the first NUL: refuse a text with \u0000 rather than cut it
     * there (the document stage refuses NUL bytes in text files too) */
    const char *line = c->buf + line_start;
    const char *nl = memchr(line, '\n', c->len - line_start);
    size_t n = nl != NULL ? (size_t)(nl - line) : c->len - line_start;
    size_t nul = sg_i_json_nul(line, n);
    if (nul < n) {
        return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len, line_start + nul,
                         "a NUL character (\\u0000) in a corpus line");
    }
    out->text = text->valuestring;
    out->text_len = strlen(text->valuestring);
    out->line = c->line;
    /* the other keys, kept as the document's metadata: printed from the line's own
     * object once its text, id and date are taken out (no copy of the rest) */
    cJSON_free(c->meta);
    c->meta = NULL;
    out->meta = NULL;
    const char *const taken[3] = {c->opts.text_key, c->opts.id_key, "date"};
    for (int k = 0; k < 3; k++) {
        cJSON *item = cJSON_DetachItemFromObjectCaseSensitive(c->cur, taken[k]);
        if (item != NULL) {
            /* kept alive (out->text and out->id point into them) until the next line */
            cJSON_AddItemToArray(c->taken, item);
        }
    }
    if (c->cur->child != NULL) {
        c->meta = cJSON_PrintUnformatted(c->cur);
        if (c->meta == NULL) {
            return sg_i_diag(diag, SG_ERR_NOMEM, c->path, NULL, 0, 0, "out of memory");
        }
        out->meta = c->meta;
    }
    /* the text is checked as a document; the id and the metadata go to the events as
     * they are, so they must be UTF-8 already */
    const char *bad_in = !utf8_ok(out->id)     ? c->opts.id_key
                         : !utf8_ok(out->meta) ? "metadata"
                                               : NULL;
    if (bad_in != NULL) {
        return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len, line_start,
                         "invalid UTF-8 in the corpus line's %s (only the text may be repaired "
                         "by --encoding-errors=replace)",
                         bad_in);
    }
    return SG_OK;
}

size_t sg_corpus_offset(const sg_corpus *c)
{
    return c->pos;
}

sg_status sg_corpus_next(sg_corpus *c, sg_corpus_doc *out, bool *done, sg_diag *diag)
{
    *done = false;
    cJSON_Delete(c->cur);
    c->cur = NULL;
    cJSON_Delete(c->taken);
    c->taken = cJSON_CreateArray();
    if (c->taken == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, c->path, NULL, 0, 0, "out of memory");
    }
    while (c->pos < c->len) {
        size_t start = c->pos;
        const char *nl = memchr(c->buf + start, '\n', c->len - start);
        size_t n = nl != NULL ? (size_t)(nl - (c->buf + start)) : c->len - start;
        c->pos = start + n + (nl != NULL ? 1 : 0);
        c->line++;
        bool blank = true;
        for (size_t i = 0; i < n && blank; i++) {
            char ch = c->buf[start + i];
            blank = ch == ' ' || ch == '\t' || ch == '\r';
        }
        if (blank) {
            continue;
        }
        const char *end = NULL;
        c->cur = cJSON_ParseWithLengthOpts(c->buf + start, n, &end, 0);
        if (c->cur == NULL) {
            size_t off = start + (end != NULL ? (size_t)(end - (c->buf + start)) : 0);
            return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len, off,
                             "invalid JSON in corpus line");
        }
        for (const char *p = end; p < c->buf + start + n; p++) {
            if (*p != ' ' && *p != '\t' && *p != '\r') {
                return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len, (size_t)(p - c->buf),
                                 "text after the JSON object");
            }
        }
        if (!cJSON_IsObject(c->cur)) {
            return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len, start,
                             "a corpus line must be a JSON object");
        }
        const char *dup = sg_i_duplicate_key(c->cur);
        if (dup != NULL) {
            return sg_i_diag(diag, SG_ERR_SYNTAX, c->path, c->buf, c->len,
                             sg_i_key_offset(c->buf, c->len, start, dup),
                             "duplicate key '%.64s' in corpus line", dup);
        }
        return take(c, start, out, diag);
    }
    *done = true;
    return SG_OK;
}
