/* Lexicon lint and statistics: faults that loading accepts but that make extraction
 * unreliable (shadowed aliases, patterns matching nothing or backtracking without
 * bound, relations without triggers), and counts by actor type and CAMEO class.
 * Consumes a compiled sg_lexicon, produces findings and tables. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "internal.h"
#include "lexicon.h"

static void emit(sg_lint_fn fn, void *ud, sg_lint_kind kind, bool error, const char *file,
                 unsigned line, unsigned col, const char *msg)
{
    if (fn == NULL) {
        return;
    }
    sg_lint_finding f;
    memset(&f, 0, sizeof f);
    f.kind = kind;
    f.error = error;
    f.diag.status = error ? SG_ERR_SYNTAX : SG_OK;
    f.diag.path = file;
    f.diag.line = line;
    f.diag.col = col;
    size_t l = strlen(msg);
    l = l < sizeof f.diag.msg ? l : sizeof f.diag.msg - 1;
    memcpy(f.diag.msg, msg, l);
    f.diag.msg[l] = '\0';
    fn(&f, ud);
}

/* An alias as normalised tokens, NUL-separated, with a leading "the" dropped. */
typedef struct phrase {
    char buf[512];
    size_t len; /* bytes used, including the NULs */
    int ntok;
    size_t actor, alias;
    bool reported;
} phrase;

static uint64_t phrase_hash(const char *s, size_t n)
{
    return sg_i_hash(s, n);
}

/* Open addressing over phrases by their bytes; returns the slot for (s, n). */
static size_t slot_of(const phrase *ps, const size_t *slots, size_t mask, const char *s, size_t n)
{
    size_t j = (size_t)phrase_hash(s, n) & mask;
    while (slots[j] != 0) {
        const phrase *p = &ps[slots[j] - 1];
        if (p->len == n && memcmp(p->buf, s, n) == 0) {
            return j;
        }
        j = (j + 1) & mask;
    }
    return j;
}

/* Is one of a, b an ancestor of the other? */
static bool related(const sg_lexicon *lex, size_t a, size_t b)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t x = pass == 0 ? a : b, y = pass == 0 ? b : a;
        for (size_t up = lex->actors[x].parent, hops = 0; up != SG_NONE && hops < 64;
             up = lex->actors[up].parent, hops++) {
            if (up == y) {
                return true;
            }
        }
    }
    return false;
}

/* Shadowed aliases: an alias that also occurs, on token boundaries, inside a longer
 * alias of an unrelated actor never matches there ("Korea" in "South Korea"): the
 * longest match wins. */
static void lint_shadowed(const sg_lexicon *lex, sg_lint_fn fn, void *ud)
{
    size_t n = 0;
    for (size_t a = 0; a < lex->n_actors; a++) {
        n += lex->actors[a].n_aliases;
    }
    size_t cap = 16;
    while (cap < 2 * n + 2) {
        cap *= 2;
    }
    phrase *ps = calloc(n + 1, sizeof *ps);
    size_t *slots = calloc(cap, sizeof *slots);
    if (ps == NULL || slots == NULL) {
        free(ps);
        free(slots);
        return;
    }
    size_t k = 0;
    for (size_t a = 0; a < lex->n_actors; a++) {
        for (size_t i = 0; i < lex->actors[a].n_aliases; i++) {
            const char *al = lex->actors[a].aliases[i];
            phrase *p = &ps[k];
            p->ntok = sg_i_tokenize_phrase(al, strlen(al), p->buf, sizeof p->buf);
            if (p->ntok <= 0) {
                continue;
            }
            for (int t = 0; t < p->ntok; t++) {
                p->len += strlen(p->buf + p->len) + 1;
            }
            if (p->ntok > 1 && strcmp(p->buf, "the") == 0) {
                memmove(p->buf, p->buf + 4, p->len - 4);
                p->len -= 4;
                p->ntok--;
            }
            p->actor = a;
            p->alias = i;
            size_t sl = slot_of(ps, slots, cap - 1, p->buf, p->len);
            if (slots[sl] == 0) {
                slots[sl] = k + 1;
            }
            k++;
        }
    }
    for (size_t i = 0; i < k; i++) {
        const phrase *lp = &ps[i];
        /* every proper sub-span of tokens of the long alias (the first 64 tokens, the
         * last span reaching to its end), starts[nt] being the end */
        size_t starts[64 + 1];
        size_t nt = 0;
        for (size_t off = 0; off < lp->len && nt < 64; off += strlen(lp->buf + off) + 1) {
            starts[nt++] = off;
        }
        starts[nt] = lp->len;
        for (size_t x = 0; x < nt; x++) {
            for (size_t y = x + 1; y <= nt; y++) {
                if (x == 0 && y == nt) {
                    continue;
                }
                size_t sl = slot_of(ps, slots, cap - 1, lp->buf + starts[x], starts[y] - starts[x]);
                if (slots[sl] == 0) {
                    continue;
                }
                phrase *sp = &ps[slots[sl] - 1];
                if (sp->reported || sp->actor == lp->actor || related(lex, sp->actor, lp->actor)) {
                    continue;
                }
                const sg_i_actor *short_a = &lex->actors[sp->actor];
                const sg_i_actor *long_a = &lex->actors[lp->actor];
                char msg[512];
                snprintf(msg, sizeof msg,
                         "alias '%.60s' of actor '%.40s' is shadowed by the longer alias '%.60s' "
                         "of actor '%.40s'",
                         short_a->aliases[sp->alias], short_a->id, long_a->aliases[lp->alias],
                         long_a->id);
                emit(fn, ud, SG_LINT_SHADOWED, false, short_a->file, short_a->line, short_a->col,
                     msg);
                sp->reported = true;
            }
        }
    }
    free(ps);
    free(slots);
}

/* Runs p on the empty string and on adversarial probes. Returns 0 when fine,
 * 1 when it matches the empty string, 2 when it hits a limit (msg gets the probe). */
static int probe_pattern(const sg_i_pattern *p, pcre2_match_data *md, pcre2_match_context *mc,
                         char *why, size_t why_len)
{
    /* fixed probes, and a run of each letter or digit the pattern itself names */
    char own[16][2];
    const char *units[8 + 16] = {"a", "ab", " ", "1", "a ", "aa-"};
    size_t nu = 6;
    for (const char *q = p->src; *q != '\0' && nu - 6 < sizeof own / sizeof own[0]; q++) {
        bool alnum =
            (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9');
        bool seen = false;
        for (size_t u = 6; u < nu; u++) {
            seen = seen || units[u][0] == *q;
        }
        if (alnum && !seen && q > p->src && q[-1] != '\\') {
            own[nu - 6][0] = *q;
            own[nu - 6][1] = '\0';
            units[nu] = own[nu - 6];
            nu++;
        }
    }
    units[nu] = NULL;
    static const char finals[] = {'!', 'b', '\0'};
    char subject[160];
    int rc = pcre2_match(p->code, (PCRE2_SPTR) "", 0, 0, 0, md, mc);
    if (rc >= 0) {
        snprintf(why, why_len, "matches the empty string");
        return 1;
    }
    for (size_t u = 0; units[u] != NULL; u++) {
        for (size_t f = 0; finals[f] != '\0'; f++) {
            /* a run of the unit, a character that breaks it, then the pattern's own
             * characters, so that a "required character" shortcut cannot reject the
             * subject before backtracking starts */
            size_t n = 0, ul = strlen(units[u]);
            while (n + ul < sizeof subject - 24) {
                memcpy(subject + n, units[u], ul);
                n += ul;
            }
            subject[n++] = finals[f];
            for (size_t o = 6; o < nu && n < sizeof subject - 1; o++) {
                subject[n++] = units[o][0];
            }
            subject[n] = '\0';
            rc = pcre2_match(p->code, (PCRE2_SPTR)subject, n, 0, 0, md, mc);
            if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
                PCRE2_UCHAR emsg[120];
                pcre2_get_error_message(rc, emsg, sizeof emsg);
                snprintf(why, why_len, "backtracks without bound on a run of '%s' (%s)", units[u],
                         (const char *)emsg);
                return 2;
            }
        }
    }
    return 0;
}

static size_t lint_patterns(const sg_i_pattern *ps, size_t n, const char *what, const char *owner,
                            const char *file, unsigned line, unsigned col, pcre2_match_data *md,
                            pcre2_match_context *mc, sg_lint_fn fn, void *ud)
{
    size_t errors = 0;
    for (size_t i = 0; i < n; i++) {
        char why[200], msg[512];
        int r = probe_pattern(&ps[i], md, mc, why, sizeof why);
        if (r == 0) {
            continue;
        }
        snprintf(msg, sizeof msg, "pattern '%.60s' of %s '%.40s' %s", ps[i].src, what, owner, why);
        emit(fn, ud, r == 1 ? SG_LINT_EMPTY_MATCH : SG_LINT_BACKTRACKING, true, file, line, col,
             msg);
        errors++;
    }
    return errors;
}

size_t sg_lexicon_lint(const sg_lexicon *lex, sg_lint_fn fn, void *ud)
{
    size_t errors = 0;
    pcre2_match_data *md = pcre2_match_data_create(10, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (md == NULL || mc == NULL) {
        pcre2_match_data_free(md);
        pcre2_match_context_free(mc);
        return 0;
    }
    /* the limits extraction uses (sg_worker_new) */
    pcre2_set_match_limit(mc, 1000000);
    pcre2_set_depth_limit(mc, 10000);
    lint_shadowed(lex, fn, ud);
    for (size_t a = 0; a < lex->n_actors; a++) {
        const sg_i_actor *x = &lex->actors[a];
        errors += lint_patterns(x->patterns, x->n_patterns, "actor", x->id, x->file, x->line,
                                x->col, md, mc, fn, ud);
    }
    for (size_t r = 0; r < lex->n_relations; r++) {
        const sg_i_relation *x = &lex->relations[r];
        errors += lint_patterns(x->patterns, x->n_patterns, "relation", x->id, x->file, x->line,
                                x->col, md, mc, fn, ud);
        if (x->n_verbs == 0 && x->n_nouns == 0 && x->n_patterns == 0) {
            char msg[200];
            snprintf(msg, sizeof msg, "relation '%.60s' has no verb, noun or pattern", x->id);
            emit(fn, ud, SG_LINT_NO_TRIGGER, false, x->file, x->line, x->col, msg);
        }
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    return errors;
}

typedef struct count {
    const char *key;
    size_t n;
} count;

static int cmp_count(const void *a, const void *b)
{
    const count *x = a, *y = b;
    return strcmp(x->key, y->key);
}

static void tally(count *cs, size_t *n, const char *key)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(cs[i].key, key) == 0) {
            cs[i].n++;
            return;
        }
    }
    cs[*n].key = key;
    cs[*n].n = 1;
    (*n)++;
}

sg_status sg_lexicon_write_stats(const sg_lexicon *lex, FILE *out, sg_diag *diag)
{
    static const char *const roots[] = {"00", "01", "02", "03", "04", "05", "06",
                                        "07", "08", "09", "10", "11", "12", "13",
                                        "14", "15", "16", "17", "18", "19", "20"};
    count *types = calloc(lex->n_actors + 1, sizeof *types);
    size_t n_types = 0, aliases = 0, apat = 0, forms = 0, nouns = 0, rpat = 0;
    size_t by_root[21] = {0};
    if (types == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
    }
    for (size_t a = 0; a < lex->n_actors; a++) {
        const char *t = lex->actors[a].type[0] != '\0' ? lex->actors[a].type : "(none)";
        tally(types, &n_types, t);
        aliases += lex->actors[a].n_aliases;
        apat += lex->actors[a].n_patterns;
    }
    qsort(types, n_types, sizeof *types, cmp_count);
    fprintf(out, "actors: %zu (aliases %zu, patterns %zu)\n", lex->n_actors, aliases, apat);
    for (size_t i = 0; i < n_types; i++) {
        fprintf(out, "  %-20s %6zu\n", types[i].key, types[i].n);
    }
    for (size_t r = 0; r < lex->n_relations; r++) {
        const sg_i_relation *x = &lex->relations[r];
        int root = (x->cameo[0] - '0') * 10 + (x->cameo[1] - '0');
        if (root >= 0 && root <= 20) {
            by_root[root]++;
        }
        for (size_t v = 0; v < x->n_verbs; v++) {
            for (int f = 0; f < SG_VF_COUNT; f++) {
                forms += x->verbs[v].forms[f] != NULL;
            }
        }
        nouns += x->n_nouns;
        rpat += x->n_patterns;
    }
    fprintf(out, "relations: %zu (verb forms %zu, nouns %zu, patterns %zu)\n", lex->n_relations,
            forms, nouns, rpat);
    for (size_t i = 0; i <= 20; i++) {
        if (by_root[i] > 0) {
            fprintf(out, "  CAMEO %-14s %6zu\n", roots[i], by_root[i]);
        }
    }
    free(types);
    if (ferror(out)) {
        return sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the statistics");
    }
    return SG_OK;
}
