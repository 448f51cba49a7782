/* Lexicon stage: parses actor and relation lexicons (JSON, format v1) with cJSON,
 * validates them with path:line:col diagnostics, inflects verbs and compiles PCRE2
 * patterns. Produces the sg_lexicon that mention.c and event.c match against. */
#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "internal.h"
#include "lexicon.h"

/* Deepest nesting the validator accepts; cJSON's own limit is 1000. */
#define MAX_DEPTH 512
/* Bytes of a user string quoted in a message (see shown()). */
#define SHOWN 72
/* Longest accepted key name, with its NUL. */
#define KEY_MAX 12

/* ---------------------------------------------------------------------------------
 * Raw JSON text: strict validation and positions.
 *
 * cJSON keeps no positions and accepts some invalid input (leading zeros, raw control
 * characters, text after the value). json_check() is a strict validator that reports
 * the first error precisely; the find_* helpers walk text that passed it, to point
 * diagnostics at a key or value. They run once per entry on the success path and
 * otherwise only on error paths. */

typedef struct src {
    const char *path; /* for diagnostics, borrowed */
    const char *s;    /* the whole buffer, BOM included */
    size_t len;
    size_t bom;     /* 3 when the text starts with a UTF-8 byte-order mark, else 0 */
    size_t start;   /* offset of the top-level value */
    bool relations; /* a relations file (else actors) */
    sg_diag *diag;
} src;

static sg_status fail(const src *c, sg_status st, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static sg_status fail(const src *c, sg_status st, size_t off, const char *fmt, ...)
{
    char msg[sizeof((sg_diag *)0)->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Columns are counted after the byte-order mark, which editors do not show. */
    size_t b = off >= c->bom ? c->bom : 0;
    sg_i_diag(c->diag, st, c->path, c->s + b, c->len - b, off - b, "%s", msg);
    if (c->diag != NULL) {
        c->diag->offset = off;
    }
    return st;
}

/* Copies s into buf for quoting in a message: control characters become '?', and a
 * long string is cut at a character boundary and ends in "...". */
static const char *shown(const char *s, char buf[SHOWN])
{
    size_t n = strlen(s);
    size_t j = 0;
    if (n < SHOWN) {
        for (j = 0; j < n; j++) {
            buf[j] = (unsigned char)s[j] < 0x20 ? '?' : s[j];
        }
        buf[j] = '\0';
        return buf;
    }
    size_t cut = SHOWN - 4;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) {
        cut--;
    }
    for (j = 0; j < cut; j++) {
        buf[j] = (unsigned char)s[j] < 0x20 ? '?' : s[j];
    }
    memcpy(buf + cut, "...", 4);
    return buf;
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
        i++;
    }
    return i;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
        return ch - 'A' + 10;
    }
    return -1;
}

/* Reads 4 hex digits at s[i..i+4); -1 when they are not all hex. */
static long hex4(const char *s, size_t len, size_t i)
{
    long v = 0;
    if (len < 4 || i > len - 4) {
        return -1;
    }
    for (size_t k = 0; k < 4; k++) {
        int h = hexval(s[i + k]);
        if (h < 0) {
            return -1;
        }
        v = v * 16 + h;
    }
    return v;
}

/* Validates the string whose opening quote is at s[i]. Returns the offset after the
 * closing quote, or sets *err / *err_off and returns 0. */
static size_t check_string(const char *s, size_t len, size_t i, const char **err, size_t *err_off)
{
    size_t q = i++;
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"') {
            return i + 1;
        }
        if (ch < 0x20) {
            *err = "control character in string";
            *err_off = i;
            return 0;
        }
        if (ch != '\\') {
            i++;
            continue;
        }
        if (i + 1 >= len) {
            break;
        }
        char e = s[i + 1];
        if (e != 'u') {
            if (strchr("\"\\/bfnrt", e) == NULL || e == '\0') {
                *err = "invalid escape in string";
                *err_off = i;
                return 0;
            }
            i += 2;
            continue;
        }
        long u = hex4(s, len, i + 2);
        if (u < 0) {
            *err = "invalid \\u escape in string";
            *err_off = i;
            return 0;
        }
        if (u == 0) {
            *err = "NUL character in string";
            *err_off = i;
            return 0;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            *err = "lone surrogate in string";
            *err_off = i;
            return 0;
        }
        if (u >= 0xD800 && u <= 0xDBFF) {
            long lo =
                (i + 7 < len && s[i + 6] == '\\' && s[i + 7] == 'u') ? hex4(s, len, i + 8) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                *err = "lone surrogate in string";
                *err_off = i;
                return 0;
            }
            i += 12;
            continue;
        }
        i += 6;
    }
    *err = "unterminated string";
    *err_off = q;
    return 0;
}

/* Validates the number at s[i]. Returns the offset after it, or 0. */
static size_t check_number(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == '-') {
        i++;
    }
    if (i >= len || !isdigit((unsigned char)s[i])) {
        return 0;
    }
    if (s[i] == '0') {
        i++;
    } else {
        while (i < len && isdigit((unsigned char)s[i])) {
            i++;
        }
    }
    if (i < len && s[i] == '.') {
        i++;
        if (i >= len || !isdigit((unsigned char)s[i])) {
            return 0;
        }
        while (i < len && isdigit((unsigned char)s[i])) {
            i++;
        }
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            i++;
        }
        if (i >= len || !isdigit((unsigned char)s[i])) {
            return 0;
        }
        while (i < len && isdigit((unsigned char)s[i])) {
            i++;
        }
    }
    if (i < len && (isalnum((unsigned char)s[i]) || s[i] == '.')) {
        return 0;
    }
    return i;
}

/* Strict RFC 8259 validation of s[start..len). Returns true when valid; otherwise
 * *err and *err_off describe the first error. Iterative, with an explicit stack. */
static bool json_check(const char *s, size_t len, size_t start, const char **err, size_t *err_off)
{
    char stack[MAX_DEPTH];
    size_t depth = 0;
    size_t i = skip_ws(s, len, start);
    size_t next = 0;

value:
    if (i >= len) {
        *err = "unexpected end of input";
        *err_off = len;
        return false;
    }
    switch (s[i]) {
    case '{':
    case '[':
        if (depth == MAX_DEPTH) {
            *err = "nesting too deep";
            *err_off = i;
            return false;
        }
        stack[depth++] = s[i];
        i = skip_ws(s, len, i + 1);
        if (i < len && s[i] == (stack[depth - 1] == '{' ? '}' : ']')) {
            depth--;
            i++;
            goto after;
        }
        if (stack[depth - 1] == '{') {
            goto key;
        }
        goto value;
    case '"':
        next = check_string(s, len, i, err, err_off);
        if (next == 0) {
            return false;
        }
        i = next;
        goto after;
    case 't':
    case 'f':
    case 'n': {
        const char *lit = s[i] == 't' ? "true" : s[i] == 'f' ? "false" : "null";
        size_t n = strlen(lit);
        if (len - i < n || memcmp(s + i, lit, n) != 0 ||
            (i + n < len && isalnum((unsigned char)s[i + n]))) {
            *err = "invalid literal";
            *err_off = i;
            return false;
        }
        i += n;
        goto after;
    }
    default:
        if (s[i] == '-' || isdigit((unsigned char)s[i])) {
            next = check_number(s, len, i);
            if (next == 0) {
                *err = "invalid number";
                *err_off = i;
                return false;
            }
            i = next;
            goto after;
        }
        *err = (s[i] == ']' || s[i] == '}') ? "expected a value (trailing comma?)"
                                            : "expected a value";
        *err_off = i;
        return false;
    }

key:
    if (i >= len) {
        *err = "unexpected end of input";
        *err_off = len;
        return false;
    }
    if (s[i] != '"') {
        *err = s[i] == '}' ? "expected a key (trailing comma?)" : "expected a string key";
        *err_off = i;
        return false;
    }
    next = check_string(s, len, i, err, err_off);
    if (next == 0) {
        return false;
    }
    i = skip_ws(s, len, next);
    if (i >= len || s[i] != ':') {
        *err = i >= len ? "unexpected end of input" : "expected ':' after key";
        *err_off = i;
        return false;
    }
    i = skip_ws(s, len, i + 1);
    goto value;

after:
    i = skip_ws(s, len, i);
    if (depth == 0) {
        if (i < len) {
            *err = "unexpected text after the top-level value";
            *err_off = i;
            return false;
        }
        return true;
    }
    if (i >= len) {
        *err = "unexpected end of input";
        *err_off = len;
        return false;
    }
    if (s[i] == ',') {
        i = skip_ws(s, len, i + 1);
        if (stack[depth - 1] == '{') {
            goto key;
        }
        goto value;
    }
    if (s[i] == (stack[depth - 1] == '{' ? '}' : ']')) {
        depth--;
        i++;
        goto after;
    }
    *err = stack[depth - 1] == '{' ? "expected ',' or '}'" : "expected ',' or ']'";
    *err_off = i;
    return false;
}

/* The helpers below assume text that passed json_check. */

static size_t skip_string(const char *s, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return len;
}

static size_t skip_value(const char *s, size_t len, size_t i)
{
    if (i >= len) {
        return len;
    }
    if (s[i] == '"') {
        return skip_string(s, len, i);
    }
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < len) {
            if (s[i] == '"') {
                i = skip_string(s, len, i);
                continue;
            }
            if (s[i] == '{' || s[i] == '[') {
                depth++;
            } else if (s[i] == '}' || s[i] == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return len;
    }
    while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
           s[i] != '\n' && s[i] != '\r') {
        i++;
    }
    return i;
}

/* Decodes one character of a string body at s[*i] (a raw byte or an escape) into out
 * and advances *i. Returns the number of bytes written, 0 at the closing quote. */
static size_t str_unit(const char *s, size_t len, size_t *i, char out[4])
{
    size_t p = *i;
    if (p >= len || s[p] == '"') {
        return 0;
    }
    if (s[p] != '\\' || p + 1 >= len) {
        out[0] = s[p];
        *i = p + 1;
        return 1;
    }
    char e = s[p + 1];
    if (e != 'u') {
        const char *from = "bfnrt";
        const char *to = "\b\f\n\r\t";
        const char *k = strchr(from, e);
        out[0] = (k != NULL && e != '\0') ? to[k - from] : e;
        *i = p + 2;
        return 1;
    }
    unsigned long cp = (unsigned long)hex4(s, len, p + 2);
    *i = p + 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned long lo = (unsigned long)hex4(s, len, p + 8);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        *i = p + 12;
    }
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Whether the raw string with its opening quote at s[q] decodes to key. */
static bool key_equals(const char *s, size_t len, size_t q, const char *key)
{
    size_t i = q + 1;
    size_t k = 0;
    char u[4];
    for (;;) {
        size_t n = str_unit(s, len, &i, u);
        if (n == 0) {
            return key[k] == '\0';
        }
        for (size_t m = 0; m < n; m++) {
            if (key[k] == '\0' || key[k] != u[m]) {
                return false;
            }
            k++;
        }
    }
}

/* Maps byte offset dec of the decoded string whose opening quote is s[q] back to a
 * raw offset; an offset inside an escape maps to the escape's backslash. */
static size_t raw_offset(const char *s, size_t len, size_t q, size_t dec)
{
    size_t i = q + 1;
    size_t d = 0;
    char u[4];
    while (d < dec) {
        size_t at = i;
        size_t n = str_unit(s, len, &i, u);
        if (n == 0 || d + n > dec) {
            return at;
        }
        d += n;
    }
    return i;
}

/* In the object at s[obj] ('{'), finds the nth (0-based) member named key and sets
 * *key_off to its opening quote and *val_off to its value. */
static bool find_member(const char *s, size_t len, size_t obj, const char *key, unsigned nth,
                        size_t *key_off, size_t *val_off)
{
    if (obj >= len || s[obj] != '{') {
        return false;
    }
    size_t i = skip_ws(s, len, obj + 1);
    while (i < len && s[i] == '"') {
        size_t k = i;
        i = skip_ws(s, len, skip_string(s, len, i));
        if (i >= len || s[i] != ':') {
            return false;
        }
        i = skip_ws(s, len, i + 1);
        if (key_equals(s, len, k, key)) {
            if (nth == 0) {
                *key_off = k;
                *val_off = i;
                return true;
            }
            nth--;
        }
        i = skip_ws(s, len, skip_value(s, len, i));
        if (i >= len || s[i] != ',') {
            break;
        }
        i = skip_ws(s, len, i + 1);
    }
    return false;
}

/* Offset of element j of the array at s[arr] ('['). */
static bool find_element(const char *s, size_t len, size_t arr, size_t j, size_t *off)
{
    if (arr >= len || s[arr] != '[') {
        return false;
    }
    size_t i = skip_ws(s, len, arr + 1);
    for (size_t k = 0; i < len && s[i] != ']'; k++) {
        if (k == j) {
            *off = i;
            return true;
        }
        i = skip_ws(s, len, skip_value(s, len, i));
        if (i >= len || s[i] != ',') {
            break;
        }
        i = skip_ws(s, len, i + 1);
    }
    return false;
}

static const char *section_name(const src *c)
{
    return c->relations ? "relations" : "actors";
}

/* Offset of the value of the top-level "actors" / "relations" member. */
static size_t section_off(const src *c)
{
    size_t ko = 0;
    size_t vo = 0;
    return find_member(c->s, c->len, c->start, section_name(c), 0, &ko, &vo) ? vo : c->start;
}

/* Offset of entry k of the section array. */
static size_t entry_off(const src *c, size_t k)
{
    size_t arr = section_off(c);
    size_t off = arr;
    return find_element(c->s, c->len, arr, k, &off) ? off : arr;
}

/* Offset of the value of key in entry k. */
static size_t val_off(const src *c, size_t k, const char *key)
{
    size_t e = entry_off(c, k);
    size_t ko = e;
    size_t vo = e;
    return find_member(c->s, c->len, e, key, 0, &ko, &vo) ? vo : e;
}

/* Offset of element j of the array value of key in entry k. */
static size_t elem_off(const src *c, size_t k, const char *key, size_t j)
{
    size_t v = val_off(c, k, key);
    size_t off = v;
    return find_element(c->s, c->len, v, j, &off) ? off : v;
}

/* Advances (*line, *col) over s[from..to). */
static void advance_line_col(const char *s, size_t from, size_t to, unsigned *line, unsigned *col)
{
    for (size_t i = from; i < to; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            (*line)++;
            *col = 1;
        } else if ((b & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* ---------------------------------------------------------------------------------
 * Id tables: open addressing over an array of id strings, for duplicate detection
 * and parent resolution in O(1) per id. */

typedef struct id_table {
    size_t *slot; /* index + 1; 0 = empty */
    size_t mask;
    const char *const *ids;
} id_table;

static bool id_table_init(id_table *t, const char *const *ids, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n) {
        cap *= 2;
    }
    t->slot = calloc(cap, sizeof *t->slot);
    t->mask = cap - 1;
    t->ids = ids;
    return t->slot != NULL;
}

/* Returns the index of the id equal to key, or SG_NONE. */
static size_t id_table_find(const id_table *t, const char *key)
{
    for (size_t h = (size_t)sg_i_hash(key, strlen(key)) & t->mask;; h = (h + 1) & t->mask) {
        if (t->slot[h] == 0) {
            return SG_NONE;
        }
        if (strcmp(t->ids[t->slot[h] - 1], key) == 0) {
            return t->slot[h] - 1;
        }
    }
}

/* Inserts ids[i]; returns the index of an equal id already present, or SG_NONE. */
static size_t id_table_put(id_table *t, size_t i)
{
    size_t h = (size_t)sg_i_hash(t->ids[i], strlen(t->ids[i])) & t->mask;
    for (; t->slot[h] != 0; h = (h + 1) & t->mask) {
        if (strcmp(t->ids[t->slot[h] - 1], t->ids[i]) == 0) {
            return t->slot[h] - 1;
        }
    }
    t->slot[h] = i + 1;
    return SG_NONE;
}

/* ---------------------------------------------------------------------------------
 * Verb inflection. */

/* English irregular verbs. Empty s / ing fields mean "regular". Fixed-size arrays
 * (not pointers) keep the table in read-only data even in position-independent code. */
typedef struct irregular {
    char base[12];
    char s[6];
    char past[12];
    char part[12];
    char ing[8];
} irregular;

/* Sorted by base for bsearch. */
static const irregular IRREGULAR[] = {
    {"arise", "", "arose", "arisen", ""},
    {"awake", "", "awoke", "awoken", ""},
    {"be", "is", "was", "been", "being"},
    {"bear", "", "bore", "borne", ""},
    {"beat", "", "beat", "beaten", ""},
    {"become", "", "became", "become", ""},
    {"befall", "", "befell", "befallen", ""},
    {"begin", "", "began", "begun", ""},
    {"bend", "", "bent", "bent", ""},
    {"beset", "", "beset", "beset", ""},
    {"bet", "", "bet", "bet", ""},
    {"bid", "", "bid", "bid", ""},
    {"bind", "", "bound", "bound", ""},
    {"bite", "", "bit", "bitten", ""},
    {"bleed", "", "bled", "bled", ""},
    {"blow", "", "blew", "blown", ""},
    {"break", "", "broke", "broken", ""},
    {"breed", "", "bred", "bred", ""},
    {"bring", "", "brought", "brought", ""},
    {"broadcast", "", "broadcast", "broadcast", ""},
    {"build", "", "built", "built", ""},
    {"buy", "", "bought", "bought", ""},
    {"cast", "", "cast", "cast", ""},
    {"catch", "", "caught", "caught", ""},
    {"choose", "", "chose", "chosen", ""},
    {"cling", "", "clung", "clung", ""},
    {"come", "", "came", "come", ""},
    {"cost", "", "cost", "cost", ""},
    {"creep", "", "crept", "crept", ""},
    {"cut", "", "cut", "cut", ""},
    {"deal", "", "dealt", "dealt", ""},
    {"dig", "", "dug", "dug", ""},
    {"do", "does", "did", "done", ""},
    {"draw", "", "drew", "drawn", ""},
    {"drink", "", "drank", "drunk", ""},
    {"drive", "", "drove", "driven", ""},
    {"eat", "", "ate", "eaten", ""},
    {"fall", "", "fell", "fallen", ""},
    {"feed", "", "fed", "fed", ""},
    {"feel", "", "felt", "felt", ""},
    {"fight", "", "fought", "fought", ""},
    {"find", "", "found", "found", ""},
    {"flee", "", "fled", "fled", ""},
    {"fly", "", "flew", "flown", ""},
    {"forbid", "", "forbade", "forbidden", ""},
    {"forecast", "", "forecast", "forecast", ""},
    {"foresee", "", "foresaw", "foreseen", ""},
    {"foretell", "", "foretold", "foretold", ""},
    {"forget", "", "forgot", "forgotten", ""},
    {"forgive", "", "forgave", "forgiven", ""},
    {"forsake", "", "forsook", "forsaken", ""},
    {"freeze", "", "froze", "frozen", ""},
    {"get", "", "got", "got", ""},
    {"give", "", "gave", "given", ""},
    {"go", "goes", "went", "gone", ""},
    {"grind", "", "ground", "ground", ""},
    {"grow", "", "grew", "grown", ""},
    {"hang", "", "hung", "hung", ""},
    {"have", "has", "had", "had", "having"},
    {"hear", "", "heard", "heard", ""},
    {"hide", "", "hid", "hidden", ""},
    {"hit", "", "hit", "hit", ""},
    {"hold", "", "held", "held", ""},
    {"hurt", "", "hurt", "hurt", ""},
    {"keep", "", "kept", "kept", ""},
    {"kneel", "", "knelt", "knelt", ""},
    {"know", "", "knew", "known", ""},
    {"lay", "", "laid", "laid", ""},
    {"lead", "", "led", "led", ""},
    {"leave", "", "left", "left", ""},
    {"lend", "", "lent", "lent", ""},
    {"let", "", "let", "let", ""},
    {"light", "", "lit", "lit", ""},
    {"lose", "", "lost", "lost", ""},
    {"make", "", "made", "made", ""},
    {"mean", "", "meant", "meant", ""},
    {"meet", "", "met", "met", ""},
    {"mislead", "", "misled", "misled", ""},
    {"mistake", "", "mistook", "mistaken", ""},
    {"outbid", "", "outbid", "outbid", ""},
    {"overcome", "", "overcame", "overcome", ""},
    {"overrun", "", "overran", "overrun", ""},
    {"oversee", "", "oversaw", "overseen", ""},
    {"overtake", "", "overtook", "overtaken", ""},
    {"overthrow", "", "overthrew", "overthrown", ""},
    {"pay", "", "paid", "paid", ""},
    {"put", "", "put", "put", ""},
    {"quit", "", "quit", "quit", ""},
    {"read", "", "read", "read", ""},
    {"rebuild", "", "rebuilt", "rebuilt", ""},
    {"repay", "", "repaid", "repaid", ""},
    {"retake", "", "retook", "retaken", ""},
    {"rid", "", "rid", "rid", ""},
    {"ride", "", "rode", "ridden", ""},
    {"ring", "", "rang", "rung", ""},
    {"rise", "", "rose", "risen", ""},
    {"run", "", "ran", "run", ""},
    {"say", "", "said", "said", ""},
    {"see", "", "saw", "seen", ""},
    {"seek", "", "sought", "sought", ""},
    {"sell", "", "sold", "sold", ""},
    {"send", "", "sent", "sent", ""},
    {"set", "", "set", "set", ""},
    {"shake", "", "shook", "shaken", ""},
    {"shed", "", "shed", "shed", ""},
    {"shine", "", "shone", "shone", ""},
    {"shoot", "", "shot", "shot", ""},
    {"show", "", "showed", "shown", ""},
    {"shrink", "", "shrank", "shrunk", ""},
    {"shut", "", "shut", "shut", ""},
    {"sing", "", "sang", "sung", ""},
    {"sink", "", "sank", "sunk", ""},
    {"sit", "", "sat", "sat", ""},
    {"sleep", "", "slept", "slept", ""},
    {"slide", "", "slid", "slid", ""},
    {"speak", "", "spoke", "spoken", ""},
    {"spend", "", "spent", "spent", ""},
    {"spin", "", "spun", "spun", ""},
    {"split", "", "split", "split", ""},
    {"spread", "", "spread", "spread", ""},
    {"spring", "", "sprang", "sprung", ""},
    {"stand", "", "stood", "stood", ""},
    {"steal", "", "stole", "stolen", ""},
    {"stick", "", "stuck", "stuck", ""},
    {"sting", "", "stung", "stung", ""},
    {"strike", "", "struck", "struck", ""},
    {"strive", "", "strove", "striven", ""},
    {"swear", "", "swore", "sworn", ""},
    {"sweep", "", "swept", "swept", ""},
    {"swim", "", "swam", "swum", ""},
    {"swing", "", "swung", "swung", ""},
    {"take", "", "took", "taken", ""},
    {"teach", "", "taught", "taught", ""},
    {"tear", "", "tore", "torn", ""},
    {"tell", "", "told", "told", ""},
    {"think", "", "thought", "thought", ""},
    {"throw", "", "threw", "thrown", ""},
    {"thrust", "", "thrust", "thrust", ""},
    {"undercut", "", "undercut", "undercut", ""},
    {"undergo", "", "underwent", "undergone", ""},
    {"understand", "", "understood", "understood", ""},
    {"undertake", "", "undertook", "undertaken", ""},
    {"uphold", "", "upheld", "upheld", ""},
    {"upset", "", "upset", "upset", ""},
    {"wake", "", "woke", "woken", ""},
    {"wear", "", "wore", "worn", ""},
    {"weave", "", "wove", "woven", ""},
    {"win", "", "won", "won", ""},
    {"withdraw", "", "withdrew", "withdrawn", ""},
    {"withhold", "", "withheld", "withheld", ""},
    {"withstand", "", "withstood", "withstood", ""},
    {"write", "", "wrote", "written", ""},
};

/* Regular verbs of more than one syllable that double their final consonant
 * (stress on the last syllable, or -l/-p spellings common to British and American
 * usage). One-syllable CVC verbs double by rule. Sorted for bsearch. */
static const char DOUBLING[][12] = {
    "abet",     "acquit",   "admit",    "allot",    "annul",  "commit", "compel", "concur",
    "confer",   "control",  "defer",    "deter",    "embed",  "emit",   "enrol",  "equip",
    "excel",    "expel",    "extol",    "handicap", "impel",  "incur",  "infer",  "kidnap",
    "occur",    "omit",     "outstrip", "outwit",   "patrol", "permit", "prefer", "propel",
    "rebel",    "rebut",    "recur",    "refer",    "regret", "remit",  "repel",  "submit",
    "transfer", "transmit", "worship",
};

static int cmp_irregular(const void *key, const void *elem)
{
    return strcmp(key, ((const irregular *)elem)->base);
}

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, (const char *)elem);
}

static bool is_vowel_at(const char *w, size_t i)
{
    char ch = w[i];
    if (ch == 'u' && i > 0 && w[i - 1] == 'q') {
        return false; /* "qu" acts as a consonant: quit -> quitting */
    }
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}

static bool is_consonant_at(const char *w, size_t i)
{
    return isalpha((unsigned char)w[i]) && !is_vowel_at(w, i);
}

/* Whether w (lower case ASCII, n bytes) ends consonant-vowel-consonant with a final
 * consonant that can double (not w, x, y). */
static bool ends_cvc(const char *w, size_t n)
{
    return n >= 3 && is_consonant_at(w, n - 1) && strchr("wxy", w[n - 1]) == NULL &&
           is_vowel_at(w, n - 2) && is_consonant_at(w, n - 3);
}

static size_t vowel_groups(const char *w, size_t n)
{
    size_t groups = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool v = is_vowel_at(w, i) || (w[i] == 'y' && i > 0);
        if (v && !in) {
            groups++;
        }
        in = v;
    }
    return groups;
}

/* Builds w[0..keep) + add + rest as a new string. */
static char *form(const char *w, size_t keep, const char *add, const char *rest)
{
    size_t na = strlen(add);
    size_t nr = strlen(rest);
    char *r = malloc(keep + na + nr + 1);
    if (r != NULL) {
        memcpy(r, w, keep);
        memcpy(r + keep, add, na);
        memcpy(r + keep + na, rest, nr + 1);
    }
    return r;
}

/* Fills v->forms from verb (a base form, possibly several words: the first inflects,
 * the rest is kept). Returns false when out of memory. */
static bool inflect(const char *verb, sg_i_verb *v)
{
    const char *sp = strchr(verb, ' ');
    size_t n = sp != NULL ? (size_t)(sp - verb) : strlen(verb);
    const char *rest = verb + n;
    const char *w = verb;
    char lw[16];
    char dbl[2];
    const irregular *irr = NULL;

    if (n < sizeof lw) {
        for (size_t i = 0; i < n; i++) {
            lw[i] = (char)tolower((unsigned char)verb[i]);
        }
        lw[n] = '\0';
        irr = bsearch(lw, IRREGULAR, sizeof IRREGULAR / sizeof IRREGULAR[0], sizeof IRREGULAR[0],
                      cmp_irregular);
        w = lw;
    }
    char last = n > 0 ? w[n - 1] : '\0';
    char prev = n > 1 ? w[n - 2] : '\0';
    bool cons_y = last == 'y' && n > 1 && !is_vowel_at(w, n - 2);
    bool cvc = n < sizeof lw && ends_cvc(w, n);
    bool doubles = cvc && (vowel_groups(w, n) == 1 || irr != NULL ||
                           bsearch(w, DOUBLING, sizeof DOUBLING / sizeof DOUBLING[0],
                                   sizeof DOUBLING[0], cmp_word) != NULL);
    bool ic = last == 'c' && n > 1 && is_vowel_at(w, n - 2); /* panic -> panicked */
    dbl[0] = doubles ? last : (ic ? 'k' : '\0');
    dbl[1] = '\0';

    v->forms[SG_VF_BASE] = sg_i_strdup(verb);

    /* 3rd person singular */
    if (irr != NULL && irr->s[0] != '\0') {
        v->forms[SG_VF_S] = form(irr->s, strlen(irr->s), "", rest);
    } else if (cons_y) {
        v->forms[SG_VF_S] = form(verb, n - 1, "ies", rest);
    } else if (last == 's' || last == 'x' || last == 'z' ||
               (last == 'h' && (prev == 'c' || prev == 's')) ||
               (last == 'o' && n > 1 && !is_vowel_at(w, n - 2))) {
        v->forms[SG_VF_S] = form(verb, n, "es", rest);
    } else {
        v->forms[SG_VF_S] = form(verb, n, "s", rest);
    }

    /* past and past participle */
    if (irr != NULL) {
        v->forms[SG_VF_PAST] = form(irr->past, strlen(irr->past), "", rest);
        v->forms[SG_VF_PART] = form(irr->part, strlen(irr->part), "", rest);
    } else {
        char ed[8];
        size_t keep = n;
        if (last == 'e') {
            snprintf(ed, sizeof ed, "d");
        } else if (cons_y) {
            keep = n - 1;
            snprintf(ed, sizeof ed, "ied");
        } else {
            snprintf(ed, sizeof ed, "%sed", dbl);
        }
        v->forms[SG_VF_PAST] = form(verb, keep, ed, rest);
        v->forms[SG_VF_PART] = form(verb, keep, ed, rest);
    }

    /* present participle */
    if (irr != NULL && irr->ing[0] != '\0') {
        v->forms[SG_VF_ING] = form(irr->ing, strlen(irr->ing), "", rest);
    } else if (last == 'e' && prev == 'i') {
        v->forms[SG_VF_ING] = form(verb, n - 2, "ying", rest); /* die -> dying */
    } else if (last == 'e' && n > 2 && prev != 'e' && prev != 'y' && prev != 'o') {
        v->forms[SG_VF_ING] = form(verb, n - 1, "ing", rest); /* accuse -> accusing */
    } else {
        char ing[8];
        snprintf(ing, sizeof ing, "%sing", dbl);
        v->forms[SG_VF_ING] = form(verb, n, ing, rest);
    }

    for (int f = 0; f < SG_VF_COUNT; f++) {
        if (v->forms[f] == NULL) {
            return false;
        }
    }
    return true;
}

/* ---------------------------------------------------------------------------------
 * Freeing. */

static void free_strings(char **v, size_t n)
{
    if (v == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
}

static void free_patterns(sg_i_pattern *p, size_t n)
{
    if (p == NULL) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        free(p[i].src);
        pcre2_code_free(p[i].code);
    }
    free(p);
}

static void free_actor(sg_i_actor *a)
{
    free(a->id);
    free(a->name);
    free(a->type);
    free(a->parent_id);
    free(a->description);
    free_strings(a->aliases, a->n_aliases);
    free_patterns(a->patterns, a->n_patterns);
    free(a->file);
}

static void free_relation(sg_i_relation *r)
{
    free(r->id);
    free(r->label);
    free(r->cameo);
    free(r->description);
    if (r->verbs != NULL) {
        for (size_t i = 0; i < r->n_verbs; i++) {
            for (int f = 0; f < SG_VF_COUNT; f++) {
                free(r->verbs[i].forms[f]);
            }
        }
        free(r->verbs);
    }
    free_strings(r->nouns, r->n_nouns);
    free_patterns(r->patterns, r->n_patterns);
    free(r->file);
}

/* ---------------------------------------------------------------------------------
 * Entry validation. */

/* One entry being parsed: its JSON object, index k in the section, and the label
 * used in messages ("actor 'AZE'", or "actor #3" before the id is known). */
typedef struct entry {
    const src *c;
    const cJSON *obj;
    size_t k;
    char label[SHOWN + 16];
} entry;

static sg_status nomem(const src *c)
{
    return sg_i_diag(c->diag, SG_ERR_NOMEM, c->path, NULL, 0, 0, "out of memory");
}

static bool valid_id(const char *s)
{
    if (*s == '\0') {
        return false;
    }
    for (; *s != '\0'; s++) {
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-') {
            return false;
        }
    }
    return true;
}

/* Whether s (valid UTF-8) contains a letter or digit (Unicode categories L* and N*). */
static bool has_alnum(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    while (n > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &cp);
        if (k <= 0) {
            return false;
        }
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            break;
        }
        p += k;
        n -= k;
    }
    return false;
}

/* Checks keys: duplicates (cJSON keeps every member, lookups return the first) and
 * keys outside allowed[0..n_allowed). where is " in actor 'X'" or
 * " at top level". obj_off is the object's offset, for key positions. */
static sg_status check_keys(const src *c, const cJSON *obj, size_t obj_off,
                            const char (*allowed)[KEY_MAX], size_t n_allowed, const char *where)
{
    char b[SHOWN];
    for (const cJSON *m = obj->child; m != NULL; m = m->next) {
        unsigned nth = 0;
        for (const cJSON *p = obj->child; p != m; p = p->next) {
            if (strcmp(p->string, m->string) == 0) {
                nth++;
            }
        }
        size_t ko = obj_off;
        size_t vo = obj_off;
        if (nth > 0) {
            find_member(c->s, c->len, obj_off, m->string, nth, &ko, &vo);
            return fail(c, SG_ERR_SYNTAX, ko, "duplicate key '%s'%s", shown(m->string, b), where);
        }
        bool ok = false;
        for (size_t i = 0; i < n_allowed; i++) {
            if (strcmp(allowed[i], m->string) == 0) {
                ok = true;
                break;
            }
        }
        if (!ok) {
            find_member(c->s, c->len, obj_off, m->string, 0, &ko, &vo);
            return fail(c, SG_ERR_SYNTAX, ko, "unknown key '%s'%s", shown(m->string, b), where);
        }
    }
    return SG_OK;
}

/* Reads optional string member key into *out (a copy; NULL when absent). required:
 * absence is an error; nonempty: "" is an error. */
static sg_status get_string(entry *e, const char *key, bool required, bool nonempty, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->obj, key);
    *out = NULL;
    if (v == NULL) {
        if (required) {
            return fail(e->c, SG_ERR_SYNTAX, entry_off(e->c, e->k), "missing key '%s' in %s", key,
                        e->label);
        }
        return SG_OK;
    }
    if (!cJSON_IsString(v) || (nonempty && v->valuestring[0] == '\0')) {
        return fail(e->c, SG_ERR_SYNTAX, val_off(e->c, e->k, key), "'%s' of %s must be a %sstring",
                    key, e->label, nonempty ? "non-empty " : "");
    }
    *out = sg_i_strdup(v->valuestring);
    return *out == NULL ? nomem(e->c) : SG_OK;
}

/* What a string array holds, for its checks and messages. */
typedef enum item_kind { IT_ALIAS, IT_VERB, IT_NOUN, IT_PATTERN, IT_FLAG } item_kind;

static const char *item_name(item_kind kind)
{
    switch (kind) {
    case IT_ALIAS:
        return "alias";
    case IT_VERB:
        return "verb";
    case IT_NOUN:
        return "noun";
    case IT_PATTERN:
        return "pattern";
    case IT_FLAG:
        return "flag";
    }
    return "item";
}

/* Validates optional array-of-strings member key. Sets *arr (NULL when absent) and *n.
 * Checks each element according to kind. */
static sg_status get_array(entry *e, const char *key, item_kind kind, const cJSON **arr, size_t *n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->obj, key);
    char b[SHOWN];
    size_t j = 0;
    *arr = NULL;
    *n = 0;
    if (v == NULL) {
        return SG_OK;
    }
    if (!cJSON_IsArray(v)) {
        return fail(e->c, SG_ERR_SYNTAX, val_off(e->c, e->k, key),
                    "'%s' of %s must be an array of strings", key, e->label);
    }
    for (const cJSON *it = v->child; it != NULL; it = it->next, j++) {
        if (!cJSON_IsString(it)) {
            return fail(e->c, SG_ERR_SYNTAX, elem_off(e->c, e->k, key, j),
                        "'%s' of %s must be an array of strings", key, e->label);
        }
        const char *s = it->valuestring;
        if (s[0] == '\0') {
            return fail(e->c, SG_ERR_SYNTAX, elem_off(e->c, e->k, key, j), "empty %s in %s",
                        item_name(kind), e->label);
        }
        if ((kind == IT_ALIAS || kind == IT_VERB || kind == IT_NOUN) && !has_alnum(s)) {
            return fail(e->c, SG_ERR_SYNTAX, elem_off(e->c, e->k, key, j),
                        "%s '%s' of %s has no letter or digit", item_name(kind), shown(s, b),
                        e->label);
        }
        if (kind == IT_VERB && (s[0] == ' ' || s[strlen(s) - 1] == ' ' || strstr(s, "  "))) {
            return fail(e->c, SG_ERR_SYNTAX, elem_off(e->c, e->k, key, j),
                        "verb '%s' of %s has extra spaces", shown(s, b), e->label);
        }
    }
    *arr = v;
    *n = j;
    return SG_OK;
}

static sg_status copy_strings(entry *e, const cJSON *arr, size_t n, char ***out)
{
    size_t j = 0;
    *out = NULL;
    if (n == 0) {
        return SG_OK;
    }
    *out = calloc(n, sizeof **out);
    if (*out == NULL) {
        return nomem(e->c);
    }
    for (const cJSON *it = arr->child; it != NULL; it = it->next, j++) {
        (*out)[j] = sg_i_strdup(it->valuestring);
        if ((*out)[j] == NULL) {
            return nomem(e->c);
        }
    }
    return SG_OK;
}

/* Compiles the patterns of entry e (array member "patterns", n strings) into *out. */
static sg_status compile_patterns(entry *e, const cJSON *arr, size_t n, sg_i_pattern **out)
{
    size_t j = 0;
    *out = NULL;
    if (n == 0) {
        return SG_OK;
    }
    *out = calloc(n, sizeof **out);
    if (*out == NULL) {
        return nomem(e->c);
    }
    for (const cJSON *it = arr->child; it != NULL; it = it->next, j++) {
        int code = 0;
        PCRE2_SIZE eoff = 0;
        sg_i_pattern *p = &(*out)[j];
        p->src = sg_i_strdup(it->valuestring);
        if (p->src == NULL) {
            return nomem(e->c);
        }
        p->code = pcre2_compile((PCRE2_SPTR)p->src, PCRE2_ZERO_TERMINATED,
                                PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &eoff, NULL);
        if (p->code == NULL) {
            PCRE2_UCHAR msg[160];
            if (pcre2_get_error_message(code, msg, sizeof msg) < 0) {
                snprintf((char *)msg, sizeof msg, "error %d", code);
            }
            size_t q = elem_off(e->c, e->k, "patterns", j);
            size_t off = raw_offset(e->c->s, e->c->len, q, eoff);
            return fail(e->c, SG_ERR_PATTERN, off, "pattern for %s does not compile: %s", e->label,
                        (const char *)msg);
        }
        /* JIT is an optimisation: when it is unavailable the interpreter matches. */
        (void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
    }
    return SG_OK;
}

/* Reads and checks "id"; sets the label. kind is "actor" or "relation". */
static sg_status get_id(entry *e, const char *kind, char **id)
{
    char b[SHOWN];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->obj, "id");
    *id = NULL;
    if (v == NULL) {
        return fail(e->c, SG_ERR_SYNTAX, entry_off(e->c, e->k), "missing key 'id' in %s", e->label);
    }
    if (!cJSON_IsString(v)) {
        return fail(e->c, SG_ERR_SYNTAX, val_off(e->c, e->k, "id"), "'id' of %s must be a string",
                    e->label);
    }
    if (!valid_id(v->valuestring)) {
        return fail(e->c, SG_ERR_SYNTAX, val_off(e->c, e->k, "id"), "invalid %s id '%s'", kind,
                    shown(v->valuestring, b));
    }
    *id = sg_i_strdup(v->valuestring);
    return *id == NULL ? nomem(e->c) : SG_OK;
}

/* Sets e->label from the entry's id member when it is a string, else "#k+1". */
static void set_label(entry *e, const char *kind)
{
    char b[SHOWN];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->obj, "id");
    if (cJSON_IsString(v)) {
        snprintf(e->label, sizeof e->label, "%s '%s'", kind, shown(v->valuestring, b));
    } else {
        snprintf(e->label, sizeof e->label, "%s #%zu", kind, e->k + 1);
    }
}

/* Accepted keys. Arrays of char arrays, not of pointers, so that they stay read-only
 * data in position-independent code (make check-globals). */
static const char ACTOR_KEYS[][KEY_MAX] = {"id",          "name",       "type",
                                           "parent",      "aliases",    "patterns",
                                           "description", "valid_from", "valid_until"};
static const char RELATION_KEYS[][KEY_MAX] = {"id",    "label",    "cameo", "goldstein",  "verbs",
                                              "nouns", "patterns", "flags", "description"};
#define N_KEYS(a) (sizeof(a) / sizeof((a)[0]))

bool sg_date_valid(const char *s)
{
    return s != NULL && sg_i_parse_date(s) != 0;
}

unsigned long sg_i_parse_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return 0;
    }
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return 0;
        }
    }
    unsigned long y = strtoul(s, NULL, 10), m = strtoul(s + 5, NULL, 10),
                  d = strtoul(s + 8, NULL, 10);
    static const unsigned char days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap)) {
        return 0;
    }
    return y * 10000 + m * 100 + d;
}

static sg_status get_date(entry *e, const char *key, unsigned long *out)
{
    char *v = NULL;
    char b[SHOWN];
    sg_status st = get_string(e, key, false, true, &v);
    *out = 0;
    if (st == SG_OK && v != NULL) {
        *out = sg_i_parse_date(v);
        if (*out == 0) {
            st = fail(e->c, SG_ERR_SYNTAX, val_off(e->c, e->k, key),
                      "invalid date '%s' in '%s' of %s (YYYY-MM-DD expected)", shown(v, b), key,
                      e->label);
        }
    }
    free(v);
    return st;
}

static sg_status parse_actor(entry *e, size_t off, sg_i_actor *a)
{
    const src *c = e->c;
    const cJSON *aliases = NULL;
    const cJSON *patterns = NULL;
    char b[SHOWN];
    char where[sizeof e->label + 8];
    sg_status st;

    set_label(e, "actor");
    snprintf(where, sizeof where, " in %s", e->label);
    st = check_keys(c, e->obj, off, ACTOR_KEYS, N_KEYS(ACTOR_KEYS), where);
    if (st == SG_OK) {
        st = get_id(e, "actor", &a->id);
    }
    if (st == SG_OK) {
        st = get_string(e, "name", true, true, &a->name);
    }
    if (st == SG_OK) {
        st = get_string(e, "type", false, false, &a->type);
    }
    if (st == SG_OK && a->type == NULL) {
        a->type = sg_i_strdup("");
        st = a->type == NULL ? nomem(c) : SG_OK;
    }
    if (st == SG_OK) {
        st = get_string(e, "parent", false, false, &a->parent_id);
    }
    if (st == SG_OK && a->parent_id != NULL && !valid_id(a->parent_id)) {
        st = fail(c, SG_ERR_SYNTAX, val_off(c, e->k, "parent"), "invalid parent '%s' of %s",
                  shown(a->parent_id, b), e->label);
    }
    if (st == SG_OK) {
        st = get_string(e, "description", false, false, &a->description);
    }
    if (st == SG_OK) {
        st = get_date(e, "valid_from", &a->valid_from);
    }
    if (st == SG_OK) {
        st = get_date(e, "valid_until", &a->valid_until);
    }
    if (st == SG_OK && a->valid_from != 0 && a->valid_until != 0 &&
        a->valid_until < a->valid_from) {
        st = fail(c, SG_ERR_SYNTAX, val_off(c, e->k, "valid_until"),
                  "'valid_until' of %s is before its 'valid_from'", e->label);
    }
    if (st == SG_OK) {
        st = get_array(e, "aliases", IT_ALIAS, &aliases, &a->n_aliases);
    }
    if (st == SG_OK) {
        st = get_array(e, "patterns", IT_PATTERN, &patterns, &a->n_patterns);
    }
    if (st == SG_OK) {
        st = copy_strings(e, aliases, a->n_aliases, &a->aliases);
    }
    if (st == SG_OK) {
        st = compile_patterns(e, patterns, a->n_patterns, &a->patterns);
    }
    return st;
}

static const char FLAG_NAMES[][12] = {"reporting", "refusal", "denial", "reciprocal", "untargeted"};

static sg_status parse_relation(entry *e, size_t off, sg_i_relation *r)
{
    const src *c = e->c;
    const cJSON *verbs = NULL;
    const cJSON *nouns = NULL;
    const cJSON *patterns = NULL;
    const cJSON *flags = NULL;
    size_t n_flags = 0;
    char b[SHOWN];
    char where[sizeof e->label + 8];
    sg_status st;

    set_label(e, "relation");
    snprintf(where, sizeof where, " in %s", e->label);
    st = check_keys(c, e->obj, off, RELATION_KEYS, N_KEYS(RELATION_KEYS), where);
    if (st == SG_OK) {
        st = get_id(e, "relation", &r->id);
    }
    if (st == SG_OK) {
        st = get_string(e, "label", true, true, &r->label);
    }
    if (st == SG_OK) {
        st = get_string(e, "cameo", true, false, &r->cameo);
    }
    if (st == SG_OK) {
        size_t n = strlen(r->cameo);
        bool ok = n >= 2 && n <= 4;
        for (size_t i = 0; i < n; i++) {
            ok = ok && isdigit((unsigned char)r->cameo[i]);
        }
        if (!ok) {
            st = fail(c, SG_ERR_SYNTAX, val_off(c, e->k, "cameo"),
                      "invalid cameo code '%s' of %s (2 to 4 digits expected)", shown(r->cameo, b),
                      e->label);
        }
    }
    if (st == SG_OK) {
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(e->obj, "goldstein");
        if (g == NULL) {
            st = fail(c, SG_ERR_SYNTAX, entry_off(c, e->k), "missing key 'goldstein' in %s",
                      e->label);
        } else if (!cJSON_IsNumber(g)) {
            st = fail(c, SG_ERR_SYNTAX, val_off(c, e->k, "goldstein"),
                      "'goldstein' of %s must be a number", e->label);
        } else if (!(g->valuedouble >= -10.0 && g->valuedouble <= 10.0)) {
            st = fail(c, SG_ERR_SYNTAX, val_off(c, e->k, "goldstein"),
                      "goldstein weight %g of %s is outside -10..10", g->valuedouble, e->label);
        } else {
            r->goldstein = g->valuedouble;
        }
    }
    if (st == SG_OK) {
        st = get_string(e, "description", false, false, &r->description);
    }
    if (st == SG_OK) {
        st = get_array(e, "verbs", IT_VERB, &verbs, &r->n_verbs);
    }
    if (st == SG_OK) {
        st = get_array(e, "nouns", IT_NOUN, &nouns, &r->n_nouns);
    }
    if (st == SG_OK) {
        st = get_array(e, "patterns", IT_PATTERN, &patterns, &r->n_patterns);
    }
    if (st == SG_OK) {
        st = get_array(e, "flags", IT_FLAG, &flags, &n_flags);
    }
    if (st == SG_OK && flags != NULL) {
        size_t j = 0;
        for (const cJSON *it = flags->child; it != NULL && st == SG_OK; it = it->next, j++) {
            size_t f = 0;
            size_t nf = sizeof FLAG_NAMES / sizeof FLAG_NAMES[0];
            while (f < nf && strcmp(FLAG_NAMES[f], it->valuestring) != 0) {
                f++;
            }
            if (f == nf) {
                st = fail(c, SG_ERR_SYNTAX, elem_off(c, e->k, "flags", j),
                          "unknown flag '%s' in %s", shown(it->valuestring, b), e->label);
            } else {
                r->flags |= 1u << f; /* FLAG_NAMES is in SG_REL_* bit order */
            }
        }
    }
    if (st == SG_OK && r->n_verbs > 0) {
        r->verbs = calloc(r->n_verbs, sizeof *r->verbs);
        st = r->verbs == NULL ? nomem(c) : SG_OK;
        size_t j = 0;
        for (const cJSON *it = verbs->child; it != NULL && st == SG_OK; it = it->next, j++) {
            if (!inflect(it->valuestring, &r->verbs[j])) {
                st = nomem(c);
            }
        }
    }
    if (st == SG_OK) {
        st = copy_strings(e, nouns, r->n_nouns, &r->nouns);
    }
    if (st == SG_OK) {
        st = compile_patterns(e, patterns, r->n_patterns, &r->patterns);
    }
    return st;
}

/* ---------------------------------------------------------------------------------
 * Loading. */

/* Validates the text and the top level; returns the parsed tree in *root and the
 * section array in *arr. */
static sg_status parse_top(src *c, cJSON **root, const cJSON **arr)
{
    const char *err = NULL;
    size_t err_off = 0;
    const char *end = NULL;
    const char *name = section_name(c);
    char allowed[1][KEY_MAX];
    size_t bad = sg_i_utf8_bad(c->s, c->len);
    sg_status st;

    *root = NULL;
    *arr = NULL;
    c->bom = (c->len >= 3 && memcmp(c->s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    snprintf(allowed[0], sizeof allowed[0], "%s", name);
    if (bad < c->len) {
        return fail(c, SG_ERR_SYNTAX, bad,
                    c->s[bad] == '\0' ? "invalid NUL byte" : "invalid UTF-8 byte sequence");
    }
    c->start = skip_ws(c->s, c->len, c->bom);
    if (!json_check(c->s, c->len, c->start, &err, &err_off)) {
        return fail(c, SG_ERR_SYNTAX, err_off, "invalid JSON: %s", err);
    }
    *root = cJSON_ParseWithLengthOpts(c->s + c->bom, c->len - c->bom, &end, 0);
    if (*root == NULL) {
        /* Valid JSON that cJSON refused: a number too long for its buffer, or memory. */
        size_t off = end != NULL ? (size_t)(end - c->s) : c->start;
        return fail(c, SG_ERR_SYNTAX, off, "invalid JSON: cJSON cannot parse this value");
    }
    if (!cJSON_IsObject(*root)) {
        return fail(c, SG_ERR_SYNTAX, c->start, "expected an object with key '%s' at top level",
                    name);
    }
    st = check_keys(c, *root, c->start, (const char(*)[KEY_MAX])allowed, 1, " at top level");
    if (st != SG_OK) {
        return st;
    }
    *arr = cJSON_GetObjectItemCaseSensitive(*root, name);
    if (*arr == NULL) {
        return fail(c, SG_ERR_SYNTAX, c->start, "missing key '%s' at top level", name);
    }
    if (!cJSON_IsArray(*arr)) {
        return fail(c, SG_ERR_SYNTAX, section_off(c), "'%s' must be an array of objects", name);
    }
    return SG_OK;
}

/* Offsets of all elements of the array at s[arr], in one pass. */
static void element_offsets(const char *s, size_t len, size_t arr, size_t *offs, size_t n)
{
    size_t i = skip_ws(s, len, arr + 1);
    for (size_t k = 0; k < n; k++) {
        offs[k] = i;
        i = skip_ws(s, len, skip_value(s, len, i));
        if (i < len && s[i] == ',') {
            i = skip_ws(s, len, i + 1);
        }
    }
}

/* Returns v grown to hold need elements (v itself when it already does), or NULL
 * when out of memory (v is then unchanged). need > 0. */
static void *grow(void *v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return v;
    }
    size_t ncap = *cap < 8 ? 8 : *cap * 2;
    while (ncap < need) {
        ncap *= 2;
    }
    void *nv = realloc(v, ncap * size);
    if (nv != NULL) {
        *cap = ncap;
    }
    return nv;
}

static sg_status add_json(sg_lexicon *lex, const char *path, const char *json, size_t len,
                          bool relations, sg_diag *diag)
{
    src c = {path, json, len, 0, 0, relations, diag};
    cJSON *root = NULL;
    const cJSON *arr = NULL;
    size_t n = 0;
    size_t n_old = relations ? lex->n_relations : lex->n_actors;
    size_t *offs = NULL;
    const char **ids = NULL;
    id_table tab = {NULL, 0, NULL};
    sg_i_actor *acts = NULL;
    sg_i_relation *rels = NULL;
    char *file = NULL;
    unsigned line = 1;
    unsigned col = 1;
    size_t at = 0;
    sg_status st;

    if (lex->compiled) {
        return sg_i_diag(diag, SG_ERR_SYNTAX, path, NULL, 0, 0,
                         "cannot add to a lexicon after it is compiled");
    }
    st = parse_top(&c, &root, &arr);
    if (st != SG_OK) {
        goto done;
    }
    for (const cJSON *it = arr->child; it != NULL; it = it->next) {
        n++;
    }
    offs = calloc(n + 1, sizeof *offs);
    ids = calloc(n_old + n + 1, sizeof *ids);
    acts = relations ? NULL : calloc(n + 1, sizeof *acts);
    rels = relations ? calloc(n + 1, sizeof *rels) : NULL;
    if (offs == NULL || ids == NULL || (acts == NULL && rels == NULL) ||
        !id_table_init(&tab, ids, n_old + n)) {
        st = nomem(&c);
        goto done;
    }
    for (size_t i = 0; i < n_old; i++) {
        ids[i] = relations ? lex->relations[i].id : lex->actors[i].id;
        (void)id_table_put(&tab, i);
    }
    element_offsets(json, len, section_off(&c), offs, n);

    size_t k = 0;
    for (const cJSON *it = arr->child; it != NULL; it = it->next, k++) {
        entry e = {&c, it, k, ""};
        char b[SHOWN];
        if (!cJSON_IsObject(it)) {
            st = fail(&c, SG_ERR_SYNTAX, offs[k], "'%s' must be an array of objects",
                      section_name(&c));
            goto done;
        }
        st = relations ? parse_relation(&e, offs[k], &rels[k]) : parse_actor(&e, offs[k], &acts[k]);
        if (st != SG_OK) {
            goto done;
        }
        ids[n_old + k] = relations ? rels[k].id : acts[k].id;
        if (id_table_put(&tab, n_old + k) != SG_NONE) {
            st = fail(&c, SG_ERR_SYNTAX, val_off(&c, k, "id"), "duplicate %s id '%s'",
                      relations ? "relation" : "actor", shown(ids[n_old + k], b));
            goto done;
        }
        /* positions, for diagnostics after loading (compile) */
        if (k == 0) {
            at = c.bom;
        }
        advance_line_col(json, at, offs[k], &line, &col);
        at = offs[k];
        file = sg_i_strdup(path != NULL ? path : "");
        if (file == NULL) {
            st = nomem(&c);
            goto done;
        }
        if (relations) {
            rels[k].line = line;
            rels[k].col = col;
            rels[k].file = file;
        } else {
            size_t ko = 0;
            size_t vo = 0;
            acts[k].line = line;
            acts[k].col = col;
            acts[k].file = file;
            acts[k].parent = SG_NONE;
            acts[k].parent_line = line;
            acts[k].parent_col = col;
            if (acts[k].parent_id != NULL &&
                find_member(json, len, offs[k], "parent", 0, &ko, &vo)) {
                acts[k].parent_offset = vo;
                advance_line_col(json, offs[k], vo, &acts[k].parent_line, &acts[k].parent_col);
            }
        }
        file = NULL;
    }

    /* Commit. Only growing the array can fail here, and that leaves lex unchanged. */
    if (n > 0 && relations) {
        sg_i_relation *nv = grow(lex->relations, &lex->cap_relations, n_old + n, sizeof *rels);
        if (nv == NULL) {
            st = nomem(&c);
            goto done;
        }
        lex->relations = nv;
        memcpy(lex->relations + n_old, rels, n * sizeof *rels);
        lex->n_relations = n_old + n;
        n = 0; /* the entries now belong to lex */
    } else if (n > 0) {
        sg_i_actor *nv = grow(lex->actors, &lex->cap_actors, n_old + n, sizeof *acts);
        if (nv == NULL) {
            st = nomem(&c);
            goto done;
        }
        lex->actors = nv;
        memcpy(lex->actors + n_old, acts, n * sizeof *acts);
        lex->n_actors = n_old + n;
        n = 0;
    }

done:
    if (acts != NULL) {
        for (size_t i = 0; i < n; i++) {
            free_actor(&acts[i]);
        }
        free(acts);
    }
    if (rels != NULL) {
        for (size_t i = 0; i < n; i++) {
            free_relation(&rels[i]);
        }
        free(rels);
    }
    free(tab.slot);
    free(ids);
    free(offs);
    cJSON_Delete(root);
    return st;
}

/* ---------------------------------------------------------------------------------
 * Public API. */

sg_lexicon *sg_lexicon_new(void)
{
    return calloc(1, sizeof(sg_lexicon));
}

void sg_lexicon_free(sg_lexicon *lex)
{
    if (lex == NULL) {
        return;
    }
    sg_i_index_free(lex->index);
    for (size_t i = 0; i < lex->n_actors; i++) {
        free_actor(&lex->actors[i]);
    }
    for (size_t i = 0; i < lex->n_relations; i++) {
        free_relation(&lex->relations[i]);
    }
    free(lex->actors);
    free(lex->relations);
    free(lex->id_slot);
    free(lex->id_keys);
    free(lex);
}

sg_status sg_lexicon_add_actors_json(sg_lexicon *lex, const char *path, const char *json,
                                     size_t len, sg_diag *diag)
{
    return add_json(lex, path, json, len, false, diag);
}

sg_status sg_lexicon_add_relations_json(sg_lexicon *lex, const char *path, const char *json,
                                        size_t len, sg_diag *diag)
{
    return add_json(lex, path, json, len, true, diag);
}

static sg_status add_file(sg_lexicon *lex, const char *path, bool relations, sg_diag *diag)
{
    char *buf = NULL;
    size_t len = 0;
    sg_status st;
    /* "-" is a file name here, not standard input: lexicons are always files. */
    if (strcmp(path, "-") == 0) {
        char *rel = NULL;
        st = sg_i_read_file("./-", path, &rel, &len, diag);
        buf = rel;
    } else {
        st = sg_i_read_file(path, path, &buf, &len, diag);
    }
    if (st == SG_OK) {
        st = add_json(lex, path, buf, len, relations, diag);
    }
    free(buf);
    return st;
}

sg_status sg_lexicon_add_actors_file(sg_lexicon *lex, const char *path, sg_diag *diag)
{
    return add_file(lex, path, false, diag);
}

sg_status sg_lexicon_add_relations_file(sg_lexicon *lex, const char *path, sg_diag *diag)
{
    return add_file(lex, path, true, diag);
}

/* A diagnostic at the "parent" value of actor a, from the position stored when its
 * file was loaded (the text itself is gone by now). */
static sg_status actor_fail(sg_diag *diag, const sg_i_actor *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static sg_status actor_fail(sg_diag *diag, const sg_i_actor *a, const char *fmt, ...)
{
    char msg[sizeof((sg_diag *)0)->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sg_i_diag(diag, SG_ERR_SYNTAX, a->file, NULL, 0, a->parent_offset, "%s", msg);
    if (diag != NULL) {
        diag->line = a->parent_line;
        diag->col = a->parent_col;
    }
    return SG_ERR_SYNTAX;
}

/* Resolves parent ids to indexes and rejects unknown parents and cycles. */
static sg_status resolve_parents(sg_lexicon *lex, sg_diag *diag)
{
    const char **ids = calloc(lex->n_actors + 1, sizeof *ids);
    id_table tab = {NULL, 0, NULL};
    unsigned char *state = NULL;
    sg_status st = SG_OK;
    char b[SHOWN];
    char b2[SHOWN];

    if (ids == NULL || !id_table_init(&tab, ids, lex->n_actors)) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < lex->n_actors; i++) {
        ids[i] = lex->actors[i].id;
        (void)id_table_put(&tab, i);
    }
    for (size_t i = 0; i < lex->n_actors; i++) {
        sg_i_actor *a = &lex->actors[i];
        a->parent = a->parent_id == NULL ? SG_NONE : id_table_find(&tab, a->parent_id);
        if (a->parent_id != NULL && a->parent == SG_NONE) {
            st = actor_fail(diag, a, "unknown parent '%s' of actor '%s'", shown(a->parent_id, b),
                            shown(a->id, b2));
            goto done;
        }
    }
    /* Cycles: walk up from each actor, marking the current path 1 and finished chains
     * 2; meeting a 1 again closes a cycle. Linear in the number of actors. */
    state = calloc(lex->n_actors + 1, 1);
    if (state == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < lex->n_actors; i++) {
        size_t p = i;
        while (p != SG_NONE && state[p] == 0) {
            state[p] = 1;
            p = lex->actors[p].parent;
        }
        if (p != SG_NONE && state[p] == 1) {
            sg_i_actor *a = &lex->actors[p];
            st = actor_fail(diag, a, "parent '%s' of actor '%s' makes a cycle",
                            shown(a->parent_id, b), shown(a->id, b2));
            goto done;
        }
        for (p = i; p != SG_NONE && state[p] == 1; p = lex->actors[p].parent) {
            state[p] = 2;
        }
    }

done:
    free(state);
    if (st == SG_OK) {
        /* kept for sg_lexicon_actor_find */
        lex->id_slot = tab.slot;
        lex->id_mask = tab.mask;
        lex->id_keys = ids;
    } else {
        free(tab.slot);
        free(ids);
    }
    return st;
}

sg_status sg_lexicon_compile(sg_lexicon *lex, sg_diag *diag)
{
    sg_status st;
    if (lex->compiled) {
        return SG_OK;
    }
    st = resolve_parents(lex, diag);
    if (st != SG_OK) {
        return st;
    }
    st = sg_i_index_build(lex, diag);
    if (st != SG_OK) {
        return st;
    }
    lex->compiled = true;
    return SG_OK;
}

size_t sg_lexicon_actor_count(const sg_lexicon *lex)
{
    return lex->n_actors;
}

size_t sg_lexicon_relation_count(const sg_lexicon *lex)
{
    return lex->n_relations;
}

const char *sg_lexicon_actor_id(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_actors);
    return lex->actors[i].id;
}

const char *sg_lexicon_actor_name(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_actors);
    return lex->actors[i].name;
}

const char *sg_lexicon_actor_type(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_actors);
    return lex->actors[i].type;
}

size_t sg_lexicon_actor_parent(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_actors);
    return lex->actors[i].parent;
}

size_t sg_lexicon_actor_find(const sg_lexicon *lex, const char *id)
{
    if (id == NULL) {
        return SG_NONE;
    }
    if (lex->id_slot != NULL) {
        /* after compile: the id table of resolve_parents, O(1) */
        id_table tab = {lex->id_slot, lex->id_mask, lex->id_keys};
        return id_table_find(&tab, id);
    }
    for (size_t i = 0; i < lex->n_actors; i++) {
        if (strcmp(lex->actors[i].id, id) == 0) {
            return i;
        }
    }
    return SG_NONE;
}

const char *sg_lexicon_relation_id(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_relations);
    return lex->relations[i].id;
}

const char *sg_lexicon_relation_label(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_relations);
    return lex->relations[i].label;
}

const char *sg_lexicon_relation_cameo(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_relations);
    return lex->relations[i].cameo;
}

double sg_lexicon_relation_goldstein(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_relations);
    return lex->relations[i].goldstein;
}

unsigned sg_lexicon_relation_flags(const sg_lexicon *lex, size_t i)
{
    assert(i < lex->n_relations);
    return lex->relations[i].flags;
}

size_t sg_lexicon_relation_find(const sg_lexicon *lex, const char *id)
{
    /* O(n): 107 relations in the built-in lexicon, and no caller on a per-event path. */
    for (size_t i = 0; id != NULL && i < lex->n_relations; i++) {
        if (strcmp(lex->relations[i].id, id) == 0) {
            return i;
        }
    }
    return SG_NONE;
}
