/* Mention stage: builds the lexicon's token n-gram tables (aliases, verb forms, nouns)
 * and finds actor mentions and relation triggers in a document's sentences. Consumes a
 * compiled sg_lexicon and an sg_doc, produces mention and trigger lists in a worker. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mention.h"

enum { KIND_ACTOR, KIND_VERB, KIND_NOUN };

enum { MAX_NGRAM = 12 };

typedef struct entry {
    uint64_t key;
    uint32_t next; /* next entry with the same slot chain, UINT32_MAX = none */
    uint8_t kind;
    uint8_t ntok;
    uint8_t form;    /* SG_VF_* for verbs */
    uint8_t upper;   /* acronym alias: matches upper-case text only */
    size_t index;    /* actor or relation index */
    size_t norm_off; /* NUL-separated normalised tokens in ix->norms */
    size_t norm_len;
} entry;

struct sg_i_index {
    entry *entries;
    size_t n_entries, cap_entries;
    uint32_t *slots; /* head entry per slot + 1, 0 = empty; power-of-two size */
    size_t n_slots;
    char *norms;
    size_t norms_len, norms_cap;
    size_t max_ntok;
    uint64_t *first; /* hashes of every entry's first token (open addressing, 0 =
                        empty): most tokens start no phrase and are skipped */
    size_t n_first;
    size_t *pat_actors; /* actors and relations that have patterns */
    size_t n_pat_actors;
    size_t *pat_rels;
    size_t n_pat_rels;
};

static uint64_t mix(uint64_t h, uint64_t tok)
{
    /* order-sensitive combination of token hashes (boost::hash_combine style, 64 bit) */
    return h ^ (tok + 0x9E3779B97F4A7C15ULL + (h << 12) + (h >> 4));
}

static uint64_t phrase_key(const char *norms, int ntok)
{
    uint64_t h = 0;
    const char *p = norms;
    for (int i = 0; i < ntok; i++) {
        size_t l = strlen(p);
        h = mix(h, sg_i_hash(p, l));
        p += l + 1;
    }
    return h;
}

static bool first_has(const sg_i_index *ix, uint64_t h)
{
    h |= 1; /* 0 marks an empty slot */
    for (size_t j = (size_t)h & (ix->n_first - 1);; j = (j + 1) & (ix->n_first - 1)) {
        if (ix->first[j] == h) {
            return true;
        }
        if (ix->first[j] == 0) {
            return false;
        }
    }
}

static bool rebuild_first(sg_i_index *ix)
{
    size_t ns = 1024;
    while (ns < ix->n_entries * 2) {
        ns *= 2;
    }
    free(ix->first);
    free(ix->pat_actors);
    free(ix->pat_rels);
    ix->first = calloc(ns, sizeof *ix->first);
    if (ix->first == NULL) {
        return false;
    }
    ix->n_first = ns;
    for (size_t i = 0; i < ix->n_entries; i++) {
        const char *w = ix->norms + ix->entries[i].norm_off;
        uint64_t h = sg_i_hash(w, strlen(w)) | 1;
        size_t j = (size_t)h & (ns - 1);
        while (ix->first[j] != 0 && ix->first[j] != h) {
            j = (j + 1) & (ns - 1);
        }
        ix->first[j] = h;
    }
    return true;
}

static bool rebuild_slots(sg_i_index *ix)
{
    size_t ns = 1024;
    while (ns < (ix->n_entries + 1) * 4) {
        ns *= 2;
    }
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (slots == NULL) {
        return false;
    }
    free(ix->slots);
    ix->slots = slots;
    ix->n_slots = ns;
    for (size_t i = 0; i < ix->n_entries; i++) {
        entry *en = &ix->entries[i];
        size_t s = en->key & (ns - 1);
        en->next = slots[s] == 0 ? UINT32_MAX : slots[s] - 1;
        slots[s] = (uint32_t)(i + 1);
    }
    return true;
}

/* An alias written in capitals without lower-case letters and at most 4 letters long
 * ("US", "EU", "UN", "DRC") only matches capitals: "us" and "un-" are common words. */
static bool is_acronym(const char *s)
{
    size_t letters = 0;
    for (const char *p = s; *p != '\0'; p++) {
        if (*p >= 'a' && *p <= 'z') {
            return false;
        }
        if ((unsigned char)*p >= 0x80) {
            return false;
        }
        letters += (*p >= 'A' && *p <= 'Z');
    }
    return letters > 0 && letters <= 4;
}

/* English plural of the last word of a normalised noun phrase (NUL-separated tokens,
 * norms_len bytes); writes into out and returns the new length, 0 if it cannot. */
static size_t pluralise(const char *norms, size_t norms_len, char *out, size_t cap)
{
    if (norms_len + 3 > cap || norms_len < 2) {
        return 0;
    }
    memcpy(out, norms, norms_len);
    size_t end = norms_len - 1; /* position of the final NUL */
    size_t start = end;
    while (start > 0 && out[start - 1] != '\0') {
        start--;
    }
    size_t wl = end - start;
    const char *w = out + start;
    if (wl == 0) {
        return 0;
    }
    static const char *const particles[] = {"for",     "of",   "on", "to", "with",
                                            "against", "into", "by", "at", NULL};
    for (size_t k = 0; particles[k] != NULL; k++) {
        if (strlen(particles[k]) == wl && memcmp(particles[k], w, wl) == 0) {
            return 0; /* "call for": the plural is listed as written */
        }
    }
    char last = w[wl - 1];
    char prev = wl >= 2 ? w[wl - 2] : '\0';
    if (last == 's' && !(prev == 'i' || prev == 'u')) {
        return 0; /* already plural ("talks", "sanctions") or mass noun */
    }
    if (last == 'y' && prev != 'a' && prev != 'e' && prev != 'o' && prev != 'u') {
        memcpy(out + end - 1, "ies", 4);
        return end + 3;
    }
    if (last == 's' || last == 'x' || last == 'z' ||
        (last == 'h' && (prev == 'c' || prev == 's'))) {
        memcpy(out + end, "es", 3);
        return end + 3;
    }
    out[end] = 's';
    out[end + 1] = '\0';
    return end + 2;
}

/* Do the validity periods of two actors not overlap (both dated)? */
static bool disjoint(const sg_i_actor *a, const sg_i_actor *b)
{
    bool a_dated = a->valid_from != 0 || a->valid_until != 0;
    bool b_dated = b->valid_from != 0 || b->valid_until != 0;
    if (!a_dated || !b_dated) {
        return false;
    }
    unsigned long a_end = a->valid_until != 0 ? a->valid_until : 99999999UL;
    unsigned long b_end = b->valid_until != 0 ? b->valid_until : 99999999UL;
    /* a period ends the day its successor's starts, or before */
    return a_end <= b->valid_from || b_end <= a->valid_from;
}

/* Adds a phrase. Returns false when out of memory; sets *clash to the index of
 * another actor or relation that already owns the same phrase in the same role (an
 * alias on two actors, a verb form or noun in two relations: the match would be
 * arbitrary), else to SG_NONE. */
static bool add_entry(sg_i_index *ix, const char *norms, size_t norms_len, int ntok, uint8_t kind,
                      size_t index, uint8_t form, bool upper, size_t *clash, const sg_lexicon *lex)
{
    *clash = SG_NONE;
    if (ntok <= 0 || ntok > MAX_NGRAM) {
        return true; /* nothing to match, or longer than any sentence phrase we look up */
    }
    uint64_t key = phrase_key(norms, ntok);
    if (ix->n_slots < (ix->n_entries + 1) * 2 && !rebuild_slots(ix)) {
        return false;
    }
    for (uint32_t e = ix->slots[key & (ix->n_slots - 1)]; e != 0;) {
        const entry *en = &ix->entries[e - 1];
        if (en->key == key && en->kind == kind && en->norm_len == norms_len &&
            memcmp(ix->norms + en->norm_off, norms, norms_len) == 0) {
            if (en->index == index) {
                return true; /* the same phrase twice */
            }
            if (kind == KIND_ACTOR && disjoint(&lex->actors[en->index], &lex->actors[index])) {
                e = en->next == UINT32_MAX ? 0 : en->next + 1;
                continue; /* "the U.S. president": one holder per period */
            }
            *clash = en->index;
            return true;
        }
        e = en->next == UINT32_MAX ? 0 : en->next + 1;
    }
    if (ix->n_entries == ix->cap_entries) {
        size_t nc = ix->cap_entries == 0 ? 1024 : ix->cap_entries * 2;
        entry *p = realloc(ix->entries, nc * sizeof *p);
        if (p == NULL) {
            return false;
        }
        ix->entries = p;
        ix->cap_entries = nc;
    }
    if (ix->norms_len + norms_len > ix->norms_cap) {
        size_t nc = ix->norms_cap == 0 ? 65536 : ix->norms_cap;
        while (nc < ix->norms_len + norms_len) {
            nc *= 2;
        }
        char *p = realloc(ix->norms, nc);
        if (p == NULL) {
            return false;
        }
        ix->norms = p;
        ix->norms_cap = nc;
    }
    memcpy(ix->norms + ix->norms_len, norms, norms_len);
    entry *en = &ix->entries[ix->n_entries];
    en->key = key;
    en->kind = kind;
    en->ntok = (uint8_t)ntok;
    en->form = form;
    en->upper = upper;
    en->index = index;
    en->norm_off = ix->norms_len;
    en->norm_len = norms_len;
    en->next = UINT32_MAX;
    ix->norms_len += norms_len;
    size_t slot = key & (ix->n_slots - 1);
    en->next = ix->slots[slot] == 0 ? UINT32_MAX : ix->slots[slot] - 1;
    ix->slots[slot] = (uint32_t)(ix->n_entries + 1);
    ix->n_entries++;
    if ((size_t)ntok > ix->max_ntok) {
        ix->max_ntok = (size_t)ntok;
    }
    return true;
}

static sg_status clash_diag(sg_diag *diag, const char *file, unsigned line, unsigned col,
                            const char *what, const char *text, const char *owner_kind,
                            const char *owner, const char *other)
{
    sg_i_diag(diag, SG_ERR_SYNTAX, file, NULL, 0, 0,
              "%s '%s' of %s '%s' already belongs to %s '%s'", what, text, owner_kind, owner,
              owner_kind, other);
    if (diag != NULL) {
        diag->line = line;
        diag->col = col;
    }
    return SG_ERR_SYNTAX;
}

sg_status sg_i_index_build(sg_lexicon *lex, sg_diag *diag)
{
    size_t clash = SG_NONE;
    char buf[1024];
    char pl[1040];
    sg_i_index *ix = calloc(1, sizeof *ix);
    if (ix == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
    }
    for (size_t a = 0; a < lex->n_actors; a++) {
        const sg_i_actor *act = &lex->actors[a];
        for (size_t k = 0; k < act->n_aliases; k++) {
            const char *al = act->aliases[k];
            int n = sg_i_tokenize_phrase(al, strlen(al), buf, sizeof buf);
            if (n < 0) {
                continue; /* longer than any phrase we look up */
            }
            const char *norms = buf;
            size_t len = 0;
            for (int t = 0; t < n; t++) {
                len += strlen(buf + len) + 1;
            }
            /* "the Kremlin" also matches "Kremlin": determiners are the grammar's */
            if (n > 1 && strcmp(buf, "the") == 0) {
                norms = buf + 4;
                len -= 4;
                n--;
            }
            if (!add_entry(ix, norms, len, n, KIND_ACTOR, a, 0, is_acronym(al), &clash, lex)) {
                goto nomem;
            }
            if (clash != SG_NONE) {
                sg_i_index_free(ix);
                return clash_diag(diag, act->file, act->line, act->col, "alias", al, "actor",
                                  act->id, lex->actors[clash].id);
            }
        }
    }
    for (size_t r = 0; r < lex->n_relations; r++) {
        const sg_i_relation *rel = &lex->relations[r];
        for (size_t v = 0; v < rel->n_verbs; v++) {
            for (int f = 0; f < SG_VF_COUNT; f++) {
                const char *form = rel->verbs[v].forms[f];
                if (form == NULL) {
                    continue;
                }
                int n = sg_i_tokenize_phrase(form, strlen(form), buf, sizeof buf);
                size_t len = 0;
                for (int t = 0; t < n; t++) {
                    len += strlen(buf + len) + 1;
                }
                if (n > 0 &&
                    !add_entry(ix, buf, len, n, KIND_VERB, r, (uint8_t)f, false, &clash, lex)) {
                    goto nomem;
                }
                if (clash != SG_NONE) {
                    sg_i_index_free(ix);
                    return clash_diag(diag, rel->file, rel->line, rel->col, "verb form", form,
                                      "relation", rel->id, lex->relations[clash].id);
                }
            }
        }
        for (size_t k = 0; k < rel->n_nouns; k++) {
            const char *no = rel->nouns[k];
            int n = sg_i_tokenize_phrase(no, strlen(no), buf, sizeof buf);
            size_t len = 0;
            for (int t = 0; t < n; t++) {
                len += strlen(buf + len) + 1;
            }
            if (n > 0 && !add_entry(ix, buf, len, n, KIND_NOUN, r, 0, false, &clash, lex)) {
                goto nomem;
            }
            size_t pn = n > 0 ? pluralise(buf, len, pl, sizeof pl) : 0;
            size_t clash2 = SG_NONE;
            if (pn > 0 && !add_entry(ix, pl, pn, n, KIND_NOUN, r, 1, false, &clash2, lex)) {
                goto nomem;
            }
            if (clash != SG_NONE || clash2 != SG_NONE) {
                sg_i_index_free(ix);
                return clash_diag(diag, rel->file, rel->line, rel->col, "noun", no, "relation",
                                  rel->id, lex->relations[clash != SG_NONE ? clash : clash2].id);
            }
        }
    }
    if (!rebuild_slots(ix) || !rebuild_first(ix)) {
        goto nomem;
    }
    ix->pat_actors = malloc((lex->n_actors + 1) * sizeof *ix->pat_actors);
    ix->pat_rels = malloc((lex->n_relations + 1) * sizeof *ix->pat_rels);
    if (ix->pat_actors == NULL || ix->pat_rels == NULL) {
        goto nomem;
    }
    for (size_t a = 0; a < lex->n_actors; a++) {
        if (lex->actors[a].n_patterns > 0) {
            ix->pat_actors[ix->n_pat_actors++] = a;
        }
    }
    for (size_t r = 0; r < lex->n_relations; r++) {
        if (lex->relations[r].n_patterns > 0) {
            ix->pat_rels[ix->n_pat_rels++] = r;
        }
    }
    lex->index = ix;
    return SG_OK;
nomem:
    sg_i_index_free(ix);
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
}

void sg_i_index_free(sg_i_index *ix)
{
    if (ix == NULL) {
        return;
    }
    free(ix->entries);
    free(ix->slots);
    free(ix->first);
    free(ix->pat_actors);
    free(ix->pat_rels);
    free(ix->norms);
    free(ix);
}

/* --- matching --------------------------------------------------------------------- */

static bool span_equals(const sg_doc *doc, const sg_tok *toks, size_t i, const entry *en,
                        const char *norms)
{
    const char *p = norms + en->norm_off;
    for (size_t t = 0; t < en->ntok; t++) {
        size_t l = strlen(p);
        const sg_tok *tk = &toks[i + t];
        if (tk->norm_len != l || memcmp(sg_i_doc_norm(doc, tk), p, l) != 0) {
            return false;
        }
        if (en->upper && (tk->flags & SG_TK_WORD) && !(tk->flags & SG_TK_UPPER)) {
            return false;
        }
        p += l + 1;
    }
    return true;
}

/* Like span_equals for the tokens idx[0..n) (not necessarily adjacent). */
static bool seq_equals(const sg_doc *doc, const sg_tok *toks, const size_t *idx, size_t n,
                       const entry *en, const char *norms)
{
    const char *p = norms + en->norm_off;
    if (en->ntok != n) {
        return false;
    }
    for (size_t t = 0; t < n; t++) {
        size_t l = strlen(p);
        const sg_tok *tk = &toks[idx[t]];
        if (tk->norm_len != l || memcmp(sg_i_doc_norm(doc, tk), p, l) != 0) {
            return false;
        }
        p += l + 1;
    }
    return true;
}

static bool valid_on(const sg_lexicon *lex, size_t a, unsigned long date)
{
    const sg_i_actor *x = &lex->actors[a];
    unsigned long end = x->valid_until != 0 ? x->valid_until : 99999999UL;
    return x->valid_from <= date && date < end;
}

/* Is actor a a better reading than b of a phrase they share, on date (YYYYMMDD, 0 =
 * unknown)? The one valid on the date; without a date, or when neither is, the one
 * whose period ends last (an open end is latest). */
static bool better_holder(const sg_lexicon *lex, unsigned long date, size_t a, size_t b)
{
    const sg_i_actor *x = &lex->actors[a], *y = &lex->actors[b];
    unsigned long xe = x->valid_until != 0 ? x->valid_until : 99999999UL;
    unsigned long ye = y->valid_until != 0 ? y->valid_until : 99999999UL;
    if (date != 0) {
        bool xv = x->valid_from <= date && date < xe;
        bool yv = y->valid_from <= date && date < ye;
        if (xv != yv) {
            return xv;
        }
    }
    return xe > ye;
}

static bool push_mention(sg_worker *w, size_t first, size_t last, size_t actor)
{
    if (w->n_mentions == w->cap_mentions) {
        size_t nc = w->cap_mentions == 0 ? 64 : w->cap_mentions * 2;
        sg_mention *p = realloc(w->mentions, nc * sizeof *p);
        if (p == NULL) {
            return false;
        }
        w->mentions = p;
        w->cap_mentions = nc;
    }
    w->mentions[w->n_mentions++] = (sg_mention){first, last, actor};
    return true;
}

static bool push_trigger(sg_worker *w, const sg_trigger *t)
{
    if (w->n_triggers == w->cap_triggers) {
        size_t nc = w->cap_triggers == 0 ? 64 : w->cap_triggers * 2;
        sg_trigger *p = realloc(w->triggers, nc * sizeof *p);
        if (p == NULL) {
            return false;
        }
        w->triggers = p;
        w->cap_triggers = nc;
    }
    w->triggers[w->n_triggers++] = *t;
    return true;
}

static int cmp_mention(const void *a, const void *b)
{
    const sg_mention *x = a, *y = b;
    if (x->first != y->first) {
        return x->first < y->first ? -1 : 1;
    }
    return x->last > y->last ? -1 : (x->last < y->last ? 1 : 0);
}

static int cmp_trigger(const void *a, const void *b)
{
    const sg_trigger *x = a, *y = b;
    if (x->first != y->first) {
        return x->first < y->first ? -1 : 1;
    }
    return 0;
}

/* Finds the matches of pattern p in sentence bytes [s0, s1), each widened to the whole
 * tokens inside it, and calls add(w, first, last, owner_index) for each. Errors:
 * SG_ERR_PATTERN when PCRE2 fails (match or depth limit: diag names the pattern, its
 * owner and the sentence), SG_ERR_NOMEM from add. */
typedef bool (*span_fn)(sg_worker *w, size_t first, size_t last, size_t owner);

static sg_status match_pattern(const sg_doc *doc, sg_worker *w, const sg_i_pattern *p,
                               const char *what, const char *owner, size_t owner_index,
                               size_t first, size_t last, span_fn add, sg_diag *diag)
{
    size_t len, ntoks;
    const char *text = sg_doc_text(doc, &len);
    const sg_tok *toks = sg_i_doc_tokens(doc, &ntoks);
    size_t s0 = toks[first].start, s1 = toks[last - 1].end;
    size_t off = s0;
    size_t t = first;
    while (off <= s1) {
        int rc = pcre2_match(p->code, (PCRE2_SPTR)text, s1, off, 0, w->md, w->mctx);
        if (rc == PCRE2_ERROR_NOMATCH) {
            return SG_OK;
        }
        if (rc < 0) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(rc, msg, sizeof msg);
            return sg_i_diag(diag, SG_ERR_PATTERN, sg_i_doc_path(doc), text, len, s0,
                             "pattern '%s' of %s '%s' failed on this sentence: %s", p->src, what,
                             owner, (const char *)msg);
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
        size_t ms = ov[0], me = ov[1];
        /* after an empty match, step over one whole UTF-8 character */
        off = me;
        if (me == ms) {
            off++;
            while (off < s1 && ((unsigned char)text[off] & 0xC0) == 0x80) {
                off++;
            }
        }
        while (t < last && toks[t].start < ms) {
            t++;
        }
        size_t mf = t, ml = t;
        while (ml < last && toks[ml].end <= me) {
            ml++;
        }
        if (ml > mf && !add(w, mf, ml, owner_index)) {
            return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
        }
    }
    return SG_OK;
}

/* In keep-going mode, a pattern that hit PCRE2's limits is counted (the first
 * diagnostic kept) and the search goes on without its matches on this sentence. */
static bool pattern_tolerated(sg_worker *w, sg_status st, sg_diag *diag)
{
    if (st != SG_ERR_PATTERN || !w->keep_going) {
        return false;
    }
    if (w->counts.pattern_errors++ == 0) {
        w->warn = *diag;
    }
    sg_diag_init(diag);
    return true;
}

static bool overlaps_mention(const sg_worker *w, size_t first, size_t last)
{
    for (size_t m = 0; m < w->n_mentions; m++) {
        if (w->mentions[m].first < last && first < w->mentions[m].last) {
            return true;
        }
    }
    return false;
}

/* A pattern match overlapping an earlier mention (literal ones first) is dropped. */
static bool add_pattern_mention(sg_worker *w, size_t first, size_t last, size_t actor)
{
    return overlaps_mention(w, first, last) || push_mention(w, first, last, actor);
}

/* A pattern trigger overlapping a mention or an earlier trigger is dropped. */
static bool add_pattern_trigger(sg_worker *w, size_t first, size_t last, size_t rel)
{
    for (size_t t = 0; t < w->n_triggers; t++) {
        if (w->triggers[t].first < last && first < w->triggers[t].last) {
            return true;
        }
    }
    sg_trigger tr = {first, last, rel, -1, SG_NONE, true, last};
    return overlaps_mention(w, first, last) || push_trigger(w, &tr);
}

sg_status sg_i_find_mentions(const sg_lexicon *lex, const sg_doc *doc, sg_worker *w, size_t first,
                             size_t last, sg_diag *diag)
{
    const sg_i_index *ix = lex->index;
    size_t ntoks;
    const sg_tok *toks = sg_i_doc_tokens(doc, &ntoks);
    uint64_t prefix[MAX_NGRAM];
    w->n_mentions = 0;
    w->n_triggers = 0;
    if (first >= last) {
        return SG_OK;
    }
    /* actors: literal aliases, longest match at each position, left to right */
    for (size_t i = first; i < last;) {
        if (!first_has(ix, toks[i].hash)) {
            i++;
            continue;
        }
        size_t maxn = last - i < ix->max_ntok ? last - i : ix->max_ntok;
        uint64_t h = 0;
        for (size_t n = 0; n < maxn; n++) {
            h = mix(h, toks[i + n].hash);
            prefix[n] = h;
        }
        size_t best_n = 0, best_actor = 0, n_cand = 0;
        for (size_t n = maxn; n > 0 && best_n == 0; n--) {
            uint64_t key = prefix[n - 1];
            for (uint32_t e = ix->slots[key & (ix->n_slots - 1)]; e != 0;) {
                const entry *en = &ix->entries[e - 1];
                if (en->key == key && en->kind == KIND_ACTOR && en->ntok == n &&
                    span_equals(doc, toks, i, en, ix->norms)) {
                    /* several actors share a phrase only with disjoint validity: the one
                     * valid on the document's date, else the latest */
                    if (best_n == 0 || better_holder(lex, w->date, en->index, best_actor)) {
                        best_actor = en->index;
                    }
                    best_n = n;
                    n_cand++;
                }
                e = en->next == UINT32_MAX ? 0 : en->next + 1;
            }
        }
        if (best_n > 0 && n_cand > 1 && w->date != 0 && !valid_on(lex, best_actor, w->date)) {
            /* a shared office title, and no holder known for the documents' date: it
             * names nobody we can tell */
            i += best_n;
            continue;
        }
        if (best_n > 0) {
            if (!push_mention(w, i, i + best_n, best_actor)) {
                goto nomem;
            }
            i += best_n;
        } else {
            i++;
        }
    }
    /* actors: lexicon patterns */
    size_t n_literal = w->n_mentions;
    for (size_t k = 0; k < ix->n_pat_actors; k++) {
        const sg_i_actor *act = &lex->actors[ix->pat_actors[k]];
        for (size_t q = 0; q < act->n_patterns; q++) {
            sg_status st = match_pattern(doc, w, &act->patterns[q], "actor", act->id,
                                         ix->pat_actors[k], first, last, add_pattern_mention, diag);
            if (st != SG_OK && !pattern_tolerated(w, st, diag)) {
                return st;
            }
        }
    }
    if (w->n_mentions > n_literal) {
        qsort(w->mentions, w->n_mentions, sizeof *w->mentions, cmp_mention);
    }
    /* "Indian and Pakistani troops": a word coordinated with a mention's first word
     * stands for its own actor when it replaces that word in an alias ("Indian
     * troops"); the coded actor is the most specific one the text refers to */
    size_t n_before = w->n_mentions;
    for (size_t m = 0; m < n_before; m++) {
        size_t f = w->mentions[m].first, l = w->mentions[m].last;
        size_t idx[MAX_NGRAM];
        if (l - f < 2 || l - f > MAX_NGRAM || f < first + 2) {
            continue;
        }
        const sg_tok *conj = &toks[f - 1];
        const char *cw = sg_i_doc_norm(doc, conj);
        bool is_conj = (conj->norm_len == 3 && memcmp(cw, "and", 3) == 0) ||
                       (conj->norm_len == 2 && memcmp(cw, "or", 2) == 0);
        size_t a = f - 2;
        if (!is_conj || !(toks[a].flags & SG_TK_WORD) || overlaps_mention(w, a, a + 1)) {
            continue;
        }
        uint64_t key = mix(0, toks[a].hash);
        idx[0] = a;
        for (size_t k = f + 1; k < l; k++) {
            key = mix(key, toks[k].hash);
            idx[k - f] = k;
        }
        for (uint32_t e = ix->slots[key & (ix->n_slots - 1)]; e != 0;) {
            const entry *en = &ix->entries[e - 1];
            if (en->key == key && en->kind == KIND_ACTOR &&
                seq_equals(doc, toks, idx, l - f, en, ix->norms)) {
                if (!push_mention(w, a, a + 1, en->index)) {
                    goto nomem;
                }
                break;
            }
            e = en->next == UINT32_MAX ? 0 : en->next + 1;
        }
    }
    if (w->n_mentions > n_before) {
        qsort(w->mentions, w->n_mentions, sizeof *w->mentions, cmp_mention);
    }
    /* adjacent mentions of one actor are one mention: "Armenian Prime Minister" +
     * "Nikol Pashinyan" */
    size_t kept = 0;
    for (size_t m = 0; m < w->n_mentions; m++) {
        if (kept > 0 && w->mentions[kept - 1].actor == w->mentions[m].actor &&
            w->mentions[kept - 1].last == w->mentions[m].first) {
            w->mentions[kept - 1].last = w->mentions[m].last;
        } else {
            w->mentions[kept++] = w->mentions[m];
        }
    }
    w->n_mentions = kept;

    /* relation triggers, outside actor mentions */
    size_t m = 0;
    for (size_t i = first; i < last;) {
        while (m < w->n_mentions && w->mentions[m].last <= i) {
            m++;
        }
        if (m < w->n_mentions && w->mentions[m].first <= i) {
            i = w->mentions[m].last;
            continue;
        }
        if (!first_has(ix, toks[i].hash)) {
            i++;
            continue;
        }
        size_t limit = m < w->n_mentions ? w->mentions[m].first : last;
        size_t maxn = limit - i < ix->max_ntok ? limit - i : ix->max_ntok;
        uint64_t h = 0;
        for (size_t n = 0; n < maxn; n++) {
            h = mix(h, toks[i + n].hash);
            prefix[n] = h;
        }
        sg_trigger tr = {i, i, SG_NONE, 0, SG_NONE, false, i};
        /* the longest match sets the span and its readings; a shorter noun still gives
         * the noun reading ("meeting" inside the verb form "meeting with") */
        for (size_t n = maxn; n > 0; n--) {
            uint64_t key = prefix[n - 1];
            bool longest = tr.last == i;
            for (uint32_t e = ix->slots[key & (ix->n_slots - 1)]; e != 0;) {
                const entry *en = &ix->entries[e - 1];
                if (en->key == key && en->kind != KIND_ACTOR && en->ntok == n &&
                    span_equals(doc, toks, i, en, ix->norms)) {
                    if (longest) {
                        tr.last = i + n;
                    }
                    if (en->kind == KIND_VERB && longest && tr.verb_rel == SG_NONE) {
                        tr.verb_rel = en->index;
                        tr.verb_form = en->form;
                    } else if (en->kind == KIND_NOUN && tr.noun_rel == SG_NONE) {
                        tr.noun_rel = en->index;
                        tr.noun_last = i + n;
                    }
                }
                e = en->next == UINT32_MAX ? 0 : en->next + 1;
            }
            if (tr.last > i && tr.noun_rel != SG_NONE) {
                break;
            }
        }
        if (tr.last > i) {
            if (!push_trigger(w, &tr)) {
                goto nomem;
            }
            i = tr.last;
        } else {
            i++;
        }
    }
    size_t n_literal_tr = w->n_triggers;
    for (size_t k = 0; k < ix->n_pat_rels; k++) {
        const sg_i_relation *rel = &lex->relations[ix->pat_rels[k]];
        for (size_t q = 0; q < rel->n_patterns; q++) {
            sg_status st = match_pattern(doc, w, &rel->patterns[q], "relation", rel->id,
                                         ix->pat_rels[k], first, last, add_pattern_trigger, diag);
            if (st != SG_OK && !pattern_tolerated(w, st, diag)) {
                return st;
            }
        }
    }
    if (w->n_triggers > n_literal_tr) {
        qsort(w->triggers, w->n_triggers, sizeof *w->triggers, cmp_trigger);
    }
    return SG_OK;
nomem:
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
}

void sg_worker_take_counts(sg_worker *w, sg_extract_counts *into)
{
    into->mentions += w->counts.mentions;
    into->idle_mentions += w->counts.idle_mentions;
    into->unresolved += w->counts.unresolved;
    into->pattern_errors += w->counts.pattern_errors;
    memset(&w->counts, 0, sizeof w->counts);
    sg_diag_init(&w->warn);
}

void sg_worker_set_keep_going(sg_worker *w, bool on)
{
    w->keep_going = on;
}

const sg_diag *sg_worker_pattern_warning(const sg_worker *w)
{
    return w->counts.pattern_errors > 0 ? &w->warn : NULL;
}

bool sg_worker_set_date(sg_worker *w, const char *date)
{
    if (date == NULL) {
        w->date = 0;
        w->date_text[0] = '\0';
        return true;
    }
    /* the lexicon's own date parser rules: YYYY-MM-DD, a real month and day */
    unsigned long v = sg_i_parse_date(date);
    if (v == 0) {
        return false;
    }
    w->date = v;
    memcpy(w->date_text, date, 10);
    w->date_text[10] = '\0';
    return true;
}

sg_worker *sg_worker_new(const sg_lexicon *lex)
{
    sg_worker *w = calloc(1, sizeof *w);
    if (w == NULL) {
        return NULL;
    }
    w->lex = lex;
    w->md = pcre2_match_data_create(10, NULL);
    w->mctx = pcre2_match_context_create(NULL);
    if (w->md == NULL || w->mctx == NULL) {
        sg_worker_free(w);
        return NULL;
    }
    /* bound backtracking: a catastrophic pattern fails with an error instead of
     * hanging the run (PCRE2 defaults are 10,000,000 and 4 MB of depth) */
    pcre2_set_match_limit(w->mctx, 1000000);
    pcre2_set_depth_limit(w->mctx, 10000);
    sg_diag_init(&w->warn);
    return w;
}
