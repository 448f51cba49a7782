/* Shared helpers: diagnostics (byte offset -> line:col), file reading, string copies.
 * Consumes raw buffers and produces sg_diag records; used by every stage. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "internal.h"

void sg_diag_init(sg_diag *d)
{
    if (d == NULL) {
        return;
    }
    memset(d, 0, sizeof *d);
}

const char *sg_status_str(sg_status st)
{
    switch (st) {
    case SG_OK:
        return "success";
    case SG_ERR_NOMEM:
        return "out of memory";
    case SG_ERR_IO:
        return "input/output error";
    case SG_ERR_SYNTAX:
        return "malformed input";
    case SG_ERR_PATTERN:
        return "invalid pattern";
    case SG_ERR_BACKEND:
        return "library failure";
    }
    return "unknown error";
}

size_t sg_diag_format(const sg_diag *d, char *out, size_t n)
{
    int r;
    const char *msg = d->msg[0] != '\0' ? d->msg : sg_status_str(d->status);
    if (d->path == NULL) {
        r = snprintf(out, n, "error: %s", msg);
    } else if (d->line == 0) {
        r = snprintf(out, n, "%s: error: %s", d->path, msg);
    } else {
        r = snprintf(out, n, "%s:%u:%u: error: %s", d->path, d->line, d->col, msg);
    }
    return r < 0 ? 0 : (size_t)r;
}

void sg_i_line_col(const char *buf, size_t len, size_t offset, unsigned *line, unsigned *col)
{
    unsigned l = 1;
    unsigned c = 1;
    if (offset > len) {
        offset = len;
    }
    for (size_t i = 0; i < offset; i++) {
        unsigned char b = (unsigned char)buf[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            /* count code points: every byte that is not a continuation byte */
            c++;
        }
    }
    *line = l;
    *col = c;
}

sg_status sg_i_diag(sg_diag *d, sg_status st, const char *path, const char *buf, size_t len,
                    size_t offset, const char *fmt, ...)
{
    if (d == NULL) {
        return st;
    }
    d->status = st;
    d->path = path;
    d->offset = offset;
    d->line = 0;
    d->col = 0;
    if (buf != NULL) {
        sg_i_line_col(buf, len, offset, &d->line, &d->col);
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    return st;
}

void sg_diag_locate(sg_diag *d, const char *buf, size_t len, size_t offset)
{
    d->offset = offset;
    sg_i_line_col(buf, len, offset, &d->line, &d->col);
}

sg_status sg_i_read_file(const char *path, const char *display, char **buf, size_t *len,
                         sg_diag *diag)
{
    FILE *f = NULL;
    char *data = NULL;
    size_t cap = 0;
    size_t n = 0;
    sg_status st = SG_OK;
    bool is_stdin = strcmp(path, "-") == 0;

    *buf = NULL;
    *len = 0;
    f = is_stdin ? stdin : fopen(path, "rb");
    if (f == NULL) {
        return sg_i_diag(diag, SG_ERR_IO, display, NULL, 0, 0, "cannot open: %s", strerror(errno));
    }
    cap = 65536;
    data = malloc(cap + 1);
    if (data == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, display, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (;;) {
        if (n == cap) {
            size_t ncap = cap * 2;
            if (ncap > SG_I_READ_MAX) {
                /* /dev/zero or a corpus given as a lexicon: stop before memory runs out */
                st = sg_i_diag(diag, SG_ERR_IO, display, NULL, 0, 0,
                               "larger than %d MiB: not a lexicon or dictionary",
                               SG_I_READ_MAX >> 20);
                goto done;
            }
            char *nd = realloc(data, ncap + 1);
            if (nd == NULL) {
                st = sg_i_diag(diag, SG_ERR_NOMEM, display, NULL, 0, 0, "out of memory");
                goto done;
            }
            data = nd;
            cap = ncap;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                st = sg_i_diag(diag, SG_ERR_IO, display, NULL, 0, 0, "cannot read: %s",
                               strerror(errno));
                goto done;
            }
            break;
        }
    }
    data[n] = '\0';
    *buf = data;
    *len = n;
    data = NULL;
done:
    free(data);
    if (f != NULL && !is_stdin) {
        fclose(f);
    }
    return st;
}

size_t sg_i_utf8_bad(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            return i;
        }
        i += (size_t)k;
    }
    return n;
}

size_t sg_i_json_nul(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            continue;
        }
        if (n - i >= 6 && memcmp(s + i, "\\u0000", 6) == 0) {
            return i;
        }
        i++; /* the escaped character, a backslash included */
    }
    return n;
}

size_t sg_i_text_next(const char *s, size_t n, uint32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF;
    *cp = bad ? 0xFFFD : (uint32_t)c;
    return (size_t)k;
}

uint64_t sg_i_hash(const char *s, size_t n)
{
    /* FNV-1a, 64 bit: the offset basis and prime of Fowler, Noll and Vo's reference */
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

char *sg_i_strdup(const char *s)
{
    return s == NULL ? NULL : sg_i_strndup(s, strlen(s));
}

char *sg_i_strndup(const char *s, size_t n)
{
    if (s == NULL) {
        return NULL;
    }
    char *r = malloc(n + 1);
    if (r == NULL) {
        return NULL;
    }
    memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

size_t sg_i_key_offset(const char *buf, size_t len, size_t line_start, const char *key)
{
    const char *line = buf + line_start;
    const char *nl = memchr(line, '\n', len - line_start);
    size_t line_len = nl != NULL ? (size_t)(nl - line) : len - line_start;
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl + 2 <= line_len; i++) {
        if (line[i] == '"' && memcmp(line + i + 1, key, kl) == 0 && line[i + 1 + kl] == '"') {
            return line_start + i;
        }
    }
    return line_start;
}

double sg_i_sort_key(double x)
{
    if (!isfinite(x)) {
        return x;
    }
    if (fabs(x) < 1e-9) {
        return 0.0;
    }
    /* scale so that 10 significant digits sit left of the point, round, scale back */
    int e = (int)floor(log10(fabs(x)));
    double scale = pow(10.0, 9 - e);
    return round(x * scale) / scale;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *sg_i_duplicate_key(const struct cJSON *obj)
{
    size_t n = 0;
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        n++;
    }
    if (n < 2) {
        return NULL;
    }
    const char *small[16];
    const char **keys = n <= 16 ? small : malloc(n * sizeof *keys);
    if (keys == NULL) {
        return NULL; /* out of memory: the check is skipped, nothing else changes */
    }
    size_t k = 0;
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        keys[k++] = m->string != NULL ? m->string : "";
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    const char *dup = NULL;
    for (size_t i = 1; i < n && dup == NULL; i++) {
        if (strcmp(keys[i - 1], keys[i]) == 0) {
            dup = keys[i];
        }
    }
    if (keys != small) {
        free(keys);
    }
    return dup;
}
