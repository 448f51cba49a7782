/* Source and segment stages: validates a document's UTF-8, keeps its bytes, splits it
 * into tokens (with a normalised form for lexicon lookup) and sentences. Consumes raw
 * bytes, produces an sg_doc read by the mention and event stages. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "doc.h"
#include "internal.h"

typedef struct tokbuf {
    sg_tok *toks;
    size_t n, cap;
    char *norm;
    size_t norm_len, norm_cap;
} tokbuf;

struct sg_doc {
    char *name, *path;
    char *meta; /* JSON object text, or NULL */
    char *text;
    size_t len;
    tokbuf tb;
    size_t *sent_first; /* first token of each sentence; sent_first[n_sent] = n tokens */
    size_t n_sent;
    size_t *line_start; /* byte offset where each line starts (the line table) */
    size_t n_lines;
    /* SG_ENC_REPLACE: each U+FFFD put in, at fix_text[k] in text, stands for fix_len[k]
     * bytes at fix_input[k] of the bytes given */
    size_t *fix_text, *fix_input, *fix_len;
    size_t n_fix;
    size_t n_cut; /* overlong sentences cut (SENT_SOFT, SENT_HARD) */
};

/* Abbreviations whose period does not end a sentence (compared case-insensitively,
 * without the period). Single capital letters (initials) are handled separately. */
static const char *const abbreviations[] = {
    "mr",   "mrs",  "ms",   "dr",   "gen",  "lt",   "col", "maj", "capt",   "cpt",  "sgt",    "adm",
    "gov",  "sen",  "rep",  "pres", "prof", "rev",  "hon", "st",  "jr",     "sr",   "messrs", "mt",
    "jan",  "feb",  "mar",  "apr",  "jun",  "jul",  "aug", "sep", "sept",   "oct",  "nov",    "dec",
    "corp", "inc",  "ltd",  "co",   "no",   "nos",  "vs",  "etc", "approx", "dept", "est",    "fig",
    "brig", "cmdr", "gens", "govt", "ave",  "blvd", "e.g", "i.e", NULL};

static bool is_abbrev(const char *s, size_t n)
{
    char low[16];
    if (n == 0 || n >= sizeof low) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    low[n] = '\0';
    for (size_t i = 0; abbreviations[i] != NULL; i++) {
        if (strcmp(low, abbreviations[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* Decodes the code point at s[i]; returns its length (0 at the end, -1 if invalid). */
static int decode(const char *s, size_t len, size_t i, int32_t *cp)
{
    if (i >= len) {
        *cp = -1;
        return 0;
    }
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    utf8proc_ssize_t r =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), cp);
    return r < 0 ? -1 : (int)r;
}

static bool is_wordcp(int32_t cp)
{
    if (cp < 0) {
        return false;
    }
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_ND;
}

static bool is_upper(int32_t cp)
{
    if (cp < 0x80) {
        return cp >= 'A' && cp <= 'Z';
    }
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static bool is_lower(int32_t cp)
{
    if (cp < 0x80) {
        return cp >= 'a' && cp <= 'z';
    }
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* White space separates tokens; so does U+FFFD, which stands for unreadable bytes
 * (--encoding-errors=replace) and carries no word: "Gamma\uFFFD threatened" keeps
 * its subject. */
static bool is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0xFFFD;
}

static bool norm_reserve(tokbuf *tb, size_t extra)
{
    /* allocated even for nothing: a token whose marks are all stripped ("\u0596")
     * normalises to no bytes, and tb->norm + offset must not be arithmetic on NULL */
    if (tb->norm != NULL && tb->norm_len + extra <= tb->norm_cap) {
        return true;
    }
    size_t nc = tb->norm_cap == 0 ? 4096 : tb->norm_cap;
    while (nc < tb->norm_len + extra) {
        nc *= 2;
    }
    char *p = realloc(tb->norm, nc);
    if (p == NULL) {
        return false;
    }
    tb->norm = p;
    tb->norm_cap = nc;
    return true;
}

/* Appends the normalised form of s[0..n) to tb->norm. */
static bool normalise(tokbuf *tb, const char *s, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        if (!norm_reserve(tb, n)) {
            return false;
        }
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            tb->norm[tb->norm_len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return true;
    }
    /* utf8proc: NFKC-style compatibility decomposition, case folding, marks stripped
     * (so "Vučić" and "Vucic" share a key); then curly apostrophes made straight. */
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
    if (r < 0) {
        return false;
    }
    bool ok = norm_reserve(tb, (size_t)r);
    for (utf8proc_ssize_t i = 0; ok && i < r; i++) {
        if (i + 2 < r && out[i] == 0xE2 && out[i + 1] == 0x80 &&
            (out[i + 2] == 0x98 || out[i + 2] == 0x99)) {
            tb->norm[tb->norm_len++] = '\'';
            i += 2;
        } else {
            tb->norm[tb->norm_len++] = (char)out[i];
        }
    }
    free(out);
    return ok;
}

static bool push_tok(tokbuf *tb, const char *text, size_t start, size_t end, uint32_t flags)
{
    if (tb->n == tb->cap) {
        size_t nc = tb->cap == 0 ? 256 : tb->cap * 2;
        sg_tok *p = realloc(tb->toks, nc * sizeof *p);
        if (p == NULL) {
            return false;
        }
        tb->toks = p;
        tb->cap = nc;
    }
    sg_tok *t = &tb->toks[tb->n];
    t->start = start;
    t->end = end;
    t->flags = flags;
    t->norm_off = tb->norm_len;
    if (!normalise(tb, text + start, end - start)) {
        return false;
    }
    t->norm_len = (uint32_t)(tb->norm_len - t->norm_off);
    t->hash = sg_i_hash(tb->norm + t->norm_off, t->norm_len);
    tb->n++;
    return true;
}

typedef enum { TOK_OK, TOK_NOMEM, TOK_BADUTF8 } tok_result;

/* Tokenises s[from..len). On TOK_BADUTF8, *bad is the offset of the first bad byte. */
static tok_result tokenize(tokbuf *tb, const char *s, size_t len, size_t from, size_t *bad)
{
    size_t i = from;
    bool nl = false;
    while (i < len) {
        int32_t cp;
        int k = decode(s, len, i, &cp);
        if (k < 0) {
            *bad = i;
            return TOK_BADUTF8;
        }
        if (is_space(cp)) {
            if (cp == '\n') {
                nl = true;
            }
            i += (size_t)k;
            continue;
        }
        uint32_t flags = nl ? SG_TK_NLBEFORE : 0;
        nl = false;
        if (!is_wordcp(cp)) {
            /* possessive of a plural: "Armenians’ homes" is handled below; a lone
             * apostrophe or symbol is one token */
            if (!push_tok(tb, s, i, i + (size_t)k, flags | SG_TK_PUNCT)) {
                return TOK_NOMEM;
            }
            i += (size_t)k;
            continue;
        }
        size_t start = i;
        bool digit_start = cp < 0x80 && cp >= '0' && cp <= '9';
        bool has_letter = false, all_upper = true, initials = true;
        size_t seg_letters = 0; /* letters in the current dot-separated segment */
        flags |= SG_TK_WORD | (digit_start ? SG_TK_NUM : 0) | (is_upper(cp) ? SG_TK_CAP : 0);
        while (i < len) {
            k = decode(s, len, i, &cp);
            if (k < 0) {
                *bad = i;
                return TOK_BADUTF8;
            }
            if (is_wordcp(cp)) {
                if (is_lower(cp)) {
                    all_upper = false;
                    has_letter = true;
                } else if (is_upper(cp)) {
                    has_letter = true;
                }
                seg_letters++;
                i += (size_t)k;
                continue;
            }
            int32_t nx;
            int k2 = decode(s, len, i + (size_t)k, &nx);
            if (k2 < 0) {
                *bad = i + (size_t)k;
                return TOK_BADUTF8;
            }
            if (seg_letters != 1) {
                initials = false;
            }
            if (cp == '-' && is_wordcp(nx)) {
                /* inner hyphen: "Nagorno-Karabakh", "re-elected"; not after "U.S." */
                seg_letters = 0;
                i += (size_t)k;
                continue;
            }
            if (is_apos(cp) && is_wordcp(nx)) {
                /* "’s" possessive and "n't" negation split off; "O'Brien" stays */
                int32_t nx2;
                int k3 = decode(s, len, i + (size_t)k + (size_t)k2, &nx2);
                bool ends = k3 <= 0 || !is_wordcp(nx2);
                if ((nx == 's' || nx == 'S') && ends) {
                    break;
                }
                if ((nx == 't' || nx == 'T') && ends && i > start + 1 &&
                    (s[i - 1] == 'n' || s[i - 1] == 'N')) {
                    i -= 1; /* "didn't" -> "did" "n't" */
                    break;
                }
                seg_letters = 0;
                i += (size_t)k;
                continue;
            }
            if ((cp == '.' || cp == ',') && digit_start && nx >= '0' && nx <= '9') {
                i += (size_t)k; /* 1.5, 100,000 */
                continue;
            }
            if (cp == '.' && !digit_start) {
                /* initials and dotted abbreviations keep their period: "U.S.", "J.",
                 * "Gen." */
                bool single_cap = seg_letters == 1 && initials && is_upper((unsigned char)s[i - 1]);
                if ((initials && seg_letters == 1 && (single_cap || i - start > 1)) ||
                    is_abbrev(s + start, i - start)) {
                    i += (size_t)k;
                    if (is_wordcp(nx) && initials) {
                        seg_letters = 0;
                        continue;
                    }
                }
            }
            break;
        }
        if (has_letter && all_upper) {
            flags |= SG_TK_UPPER;
        }
        if (!push_tok(tb, s, start, i, flags)) {
            return TOK_NOMEM;
        }
        /* split-off suffixes */
        if (i < len) {
            k = decode(s, len, i, &cp);
            if (k > 0 && (cp == 'n' || cp == 'N')) {
                /* n't */
                size_t e = i + 1;
                int32_t a;
                int ka = decode(s, len, e, &a);
                if (ka > 0 && is_apos(a)) {
                    e += (size_t)ka;
                    if (e < len && (s[e] == 't' || s[e] == 'T')) {
                        if (!push_tok(tb, s, i, e + 1, SG_TK_WORD)) {
                            return TOK_NOMEM;
                        }
                        i = e + 1;
                    }
                }
            } else if (k > 0 && is_apos(cp)) {
                int32_t nx;
                int k2 = decode(s, len, i + (size_t)k, &nx);
                if (k2 > 0 && (nx == 's' || nx == 'S')) {
                    int32_t nx2;
                    int k3 = decode(s, len, i + (size_t)k + (size_t)k2, &nx2);
                    if (k3 <= 0 || !is_wordcp(nx2)) {
                        size_t e = i + (size_t)k + (size_t)k2;
                        if (!push_tok(tb, s, i, e, SG_TK_WORD | SG_TK_POSS)) {
                            return TOK_NOMEM;
                        }
                        i = e;
                    }
                } else if (k2 <= 0 || !is_wordcp(nx)) {
                    /* plural possessive "Armenians’" */
                    size_t e = i + (size_t)k;
                    if (i > start && (s[i - 1] == 's' || s[i - 1] == 'S')) {
                        if (!push_tok(tb, s, i, e, SG_TK_WORD | SG_TK_POSS)) {
                            return TOK_NOMEM;
                        }
                        i = e;
                    }
                }
            }
        }
    }
    return TOK_OK;
}

int sg_i_tokenize_phrase(const char *s, size_t n, char *out, size_t cap)
{
    tokbuf tb;
    size_t bad = 0;
    size_t used = 0;
    int count = -1;
    memset(&tb, 0, sizeof tb);
    if (tokenize(&tb, s, n, 0, &bad) != TOK_OK) {
        goto done;
    }
    for (size_t i = 0; i < tb.n; i++) {
        size_t l = tb.toks[i].norm_len;
        if (used + l + 1 > cap) {
            goto done;
        }
        memcpy(out + used, tb.norm + tb.toks[i].norm_off, l);
        used += l;
        out[used++] = '\0';
    }
    count = (int)tb.n;
done:
    free(tb.toks);
    free(tb.norm);
    return count;
}

static bool norm_is(const tokbuf *tb, size_t i, const char *w)
{
    size_t l = strlen(w);
    return tb->toks[i].norm_len == l && memcmp(tb->norm + tb->toks[i].norm_off, w, l) == 0;
}

static bool is_closer(const tokbuf *tb, size_t i)
{
    return norm_is(tb, i, "\"") || norm_is(tb, i, "'") || norm_is(tb, i, ")") ||
           norm_is(tb, i, "]") || norm_is(tb, i, "\xE2\x80\x9D");
}

/* Is the text hard-wrapped (lines broken at a fixed width inside sentences)? Then a
 * single line break is a space; otherwise (one paragraph or headline per line) it ends
 * a sentence. Judged from the lines followed by another non-empty line: wrapped when
 * at least two of them, and most, are 30-110 bytes long without a final full stop. */
static bool hard_wrapped(const char *t, size_t len)
{
    size_t with_next = 0, wraplike = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && t[i] != '\n') {
            continue;
        }
        size_t end = i;
        while (end > start && (t[end - 1] == '\r' || t[end - 1] == ' ')) {
            end--;
        }
        bool next_nonempty = i < len && i + 1 < len && t[i + 1] != '\n' && t[i + 1] != '\r';
        if (end > start && next_nonempty) {
            with_next++;
            char last = t[end - 1];
            size_t n = end - start;
            if (n >= 30 && n <= 110 && last != '.' && last != '!' && last != '?' && last != ':') {
                wraplike++;
            }
        }
        start = i + 1;
    }
    return wraplike >= 2 && wraplike * 2 > with_next;
}

/* Is token i an abbreviation with inner dots ("U.S.", "U.N.")? Titles ("Mr.", "Gen.")
 * and initials never end a sentence. */
static bool dotted_abbrev(const tokbuf *tb, size_t i)
{
    const char *w = tb->norm + tb->toks[i].norm_off;
    size_t n = tb->toks[i].norm_len;
    return n >= 4 && w[n - 1] == '.' && memchr(w, '.', n - 1) != NULL;
}

/* Words that typically open a sentence, capitalised, after an abbreviation. */
static bool starts_sentence(const tokbuf *tb, size_t i)
{
    static const char *const openers[] = {
        "the",       "a",     "an",    "he",    "she",       "it",       "they",
        "we",        "i",     "this",  "that",  "these",     "those",    "his",
        "her",       "its",   "their", "later", "earlier",   "but",      "however",
        "meanwhile", "in",    "on",    "at",    "after",     "before",   "when",
        "while",     "there", "also",  "then",  "officials", "analysts", NULL};
    if (!(tb->toks[i].flags & SG_TK_CAP)) {
        return false;
    }
    for (size_t k = 0; openers[k] != NULL; k++) {
        if (norm_is(tb, i, openers[k])) {
            return true;
        }
    }
    return false;
}

enum { SENT_SOFT = 400, SENT_HARD = 600 };

/* Sentence boundaries over the token stream (see sg_doc.h). */
static bool split_sentences(sg_doc *d)
{
    bool wrapped = hard_wrapped(d->text, d->len);
    const tokbuf *tb = &d->tb;
    size_t cap = 64;
    d->sent_first = malloc((cap + 1) * sizeof(size_t));
    if (d->sent_first == NULL) {
        return false;
    }
    d->n_sent = 0;
    size_t first = 0;
    for (size_t i = 0; i < tb->n; i++) {
        bool end = false;
        size_t last = i; /* last token of the sentence if it ends here */
        const sg_tok *t = &tb->toks[i];
        bool terminal =
            (t->flags & SG_TK_PUNCT) && (norm_is(tb, i, ".") || norm_is(tb, i, "!") ||
                                         norm_is(tb, i, "?") || norm_is(tb, i, "\xE2\x80\xA6"));
        if (!terminal && dotted_abbrev(tb, i) && i + 1 < tb->n && starts_sentence(tb, i + 1)) {
            /* "... blamed the U.S. Later that day he ...": an abbreviation with inner
             * dots ends the sentence when a typical sentence opener follows */
            end = true;
        } else if (terminal) {
            while (last + 1 < tb->n && is_closer(tb, last + 1) &&
                   !(tb->toks[last + 1].flags & SG_TK_NLBEFORE)) {
                last++;
            }
            if (last + 1 >= tb->n) {
                end = true;
            } else {
                const sg_tok *nx = &tb->toks[last + 1];
                end = (nx->flags & (SG_TK_CAP | SG_TK_NUM | SG_TK_NLBEFORE)) ||
                      ((nx->flags & SG_TK_PUNCT) && !norm_is(tb, last + 1, ",") &&
                       !norm_is(tb, last + 1, ";") && !norm_is(tb, last + 1, ":") &&
                       !norm_is(tb, last + 1, "."));
            }
        } else if (i + 1 < tb->n && (tb->toks[i + 1].flags & SG_TK_NLBEFORE)) {
            /* a blank line ends a sentence; so does a single line break unless the text
             * is hard-wrapped (a headline, a paragraph per line) */
            size_t nls = 0;
            for (size_t b = t->end; b < tb->toks[i + 1].start; b++) {
                nls += d->text[b] == '\n';
            }
            end = nls >= 2 || !wrapped;
        }
        /* an overlong "sentence" (a list, a table, text without stops) is cut at a
         * comma or semicolon after SENT_SOFT tokens and anywhere at SENT_HARD, which
         * bounds the work per sentence and keeps extraction linear */
        size_t len_now = i + 1 - first;
        if (!end && ((len_now >= SENT_SOFT && (t->flags & SG_TK_PUNCT) &&
                      (norm_is(tb, i, ",") || norm_is(tb, i, ";"))) ||
                     len_now >= SENT_HARD)) {
            end = true;
            last = i;
            d->n_cut++;
        }
        if (end || i + 1 == tb->n) {
            if (d->n_sent == cap) {
                cap *= 2;
                size_t *p = realloc(d->sent_first, (cap + 1) * sizeof(size_t));
                if (p == NULL) {
                    return false;
                }
                d->sent_first = p;
            }
            d->sent_first[d->n_sent++] = first;
            i = end ? last : i;
            first = i + 1;
        }
    }
    d->sent_first[d->n_sent] = tb->n;
    return true;
}

static bool build_lines(sg_doc *d)
{
    size_t n = 1;
    for (size_t i = 0; i < d->len; i++) {
        n += d->text[i] == '\n';
    }
    d->line_start = malloc(n * sizeof *d->line_start);
    if (d->line_start == NULL) {
        return false;
    }
    d->n_lines = 0;
    d->line_start[d->n_lines++] = 0;
    for (size_t i = 0; i < d->len; i++) {
        if (d->text[i] == '\n') {
            d->line_start[d->n_lines++] = i + 1;
        }
    }
    return true;
}

/* Length of the maximal subpart of an ill-formed UTF-8 sequence at s[0 .. n) (n >= 1,
 * s[0] not the start of a well-formed sequence): the lead byte and the continuation
 * bytes that could still have completed it, at least 1 (a well-formed sequence gives
 * its whole length). This is the "substitution of
 * maximal subparts" of the Unicode Standard (15.0, section 3.9, U+FFFD Substitution of
 * Maximal Subparts), also the WHATWG Encoding Standard's UTF-8 decoder and Python's
 * errors="replace". A NUL byte counts as ill-formed here (1 byte). */
static size_t bad_subpart(const unsigned char *s, size_t n)
{
    unsigned char b = s[0], lo = 0x80, hi = 0xBF;
    size_t need;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        lo = b == 0xE0 ? 0xA0 : 0x80;
        hi = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        lo = b == 0xF0 ? 0x90 : 0x80;
        hi = b == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 1; /* NUL, a stray continuation byte, C0, C1, F5-FF */
    }
    size_t k = 1;
    while (k <= need && k < n && s[k] >= lo && s[k] <= hi) {
        k++;
        lo = 0x80;
        hi = 0xBF;
    }
    return k;
}

/* The length of the well-formed UTF-8 sequence (not NUL) at s[0 .. n), or 0. */
static size_t good_seq(const unsigned char *s, size_t n)
{
    if (s[0] != 0 && s[0] < 0x80) {
        return 1;
    }
    if (s[0] == 0) {
        return 0;
    }
    size_t full = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    return s[0] >= 0xC2 && s[0] <= 0xF4 && bad_subpart(s, n) == full ? full : 0;
}

/* Copies text[0 .. len) into d->text with each maximal ill-formed subpart (and each
 * NUL byte) replaced by U+FFFD, recording where. Returns false when out of memory. */
static bool repair(sg_doc *d, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n_bad = 0, extra = 0;
    for (size_t i = 0; i < len;) {
        size_t g = good_seq(s + i, len - i);
        if (g > 0) {
            i += g;
            continue;
        }
        size_t k = bad_subpart(s + i, len - i);
        n_bad++;
        extra += k < 3 ? 3 - k : 0;
        i += k;
    }
    char *out = malloc(len + extra + 1);
    size_t *ft = n_bad > 0 ? malloc(n_bad * sizeof *ft) : NULL;
    size_t *fi = n_bad > 0 ? malloc(n_bad * sizeof *fi) : NULL;
    size_t *fl = n_bad > 0 ? malloc(n_bad * sizeof *fl) : NULL;
    if (out == NULL || (n_bad > 0 && (ft == NULL || fi == NULL || fl == NULL))) {
        free(out);
        free(ft);
        free(fi);
        free(fl);
        return false;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t g = good_seq(s + i, len - i);
        if (g > 0) {
            memcpy(out + o, s + i, g);
            o += g;
            i += g;
            continue;
        }
        size_t k = bad_subpart(s + i, len - i);
        ft[d->n_fix] = o;
        fi[d->n_fix] = i;
        fl[d->n_fix] = k;
        d->n_fix++;
        memcpy(out + o, "\xEF\xBF\xBD", 3);
        o += 3;
        i += k;
    }
    out[o] = '\0';
    d->text = out;
    d->len = o;
    d->fix_text = ft;
    d->fix_input = fi;
    d->fix_len = fl;
    return true;
}

char *sg_utf8_replace(const char *s, size_t *replaced)
{
    sg_doc tmp;
    memset(&tmp, 0, sizeof tmp);
    if (!repair(&tmp, s, strlen(s))) {
        return NULL;
    }
    if (replaced != NULL) {
        *replaced = tmp.n_fix;
    }
    free(tmp.fix_text);
    free(tmp.fix_input);
    free(tmp.fix_len);
    return tmp.text;
}

sg_status sg_doc_new(const char *name, const char *path, const char *text, size_t len, sg_doc **out,
                     sg_diag *diag)
{
    return sg_doc_new_enc(name, path, text, len, SG_ENC_STRICT, out, diag);
}

sg_status sg_doc_new_enc(const char *name, const char *path, const char *text, size_t len,
                         sg_encoding_errors enc, sg_doc **out, sg_diag *diag)
{
    sg_status st = SG_OK;
    size_t bad = 0;
    size_t from = 0;
    sg_doc *d = calloc(1, sizeof *d);
    *out = NULL;
    if (d == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory");
    }
    d->name = sg_i_strdup(name);
    d->path = sg_i_strdup(path);
    if (enc == SG_ENC_REPLACE) {
        if (!repair(d, text, len)) {
            d->text = NULL;
        }
    } else {
        d->text = sg_i_strndup(text, len);
        d->len = len;
    }
    if (d->name == NULL || d->path == NULL || d->text == NULL) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (d->len >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0) {
        from = 3;
    }
    /* a NUL byte cannot travel through C strings and JSON text unchanged: refuse it
     * rather than lose what follows (the first fault in the text is the one named) */
    const char *nul = memchr(d->text, '\0', d->len);
    tok_result tr = tokenize(&d->tb, d->text, d->len, from, &bad);
    if (nul != NULL && (tr != TOK_BADUTF8 || (size_t)(nul - d->text) < bad)) {
        st = sg_i_diag(diag, SG_ERR_SYNTAX, path, text, len, (size_t)(nul - d->text),
                       "NUL byte in text (--encoding-errors=replace replaces it with U+FFFD)");
        goto done;
    }
    switch (tr) {
    case TOK_OK:
        break;
    case TOK_NOMEM:
        st = sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory");
        goto done;
    case TOK_BADUTF8:
        st = sg_i_diag(diag, SG_ERR_SYNTAX, path, text, len, bad,
                       "invalid UTF-8 byte 0x%02X (--encoding-errors=replace replaces it with "
                       "U+FFFD)",
                       (unsigned)(unsigned char)text[bad]);
        goto done;
    }
    if (!split_sentences(d) || !build_lines(d)) {
        st = sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory");
        goto done;
    }
    *out = d;
    d = NULL;
done:
    sg_doc_free(d);
    return st;
}

size_t sg_doc_replaced(const sg_doc *doc, size_t *first)
{
    if (first != NULL) {
        *first = doc->n_fix > 0 ? doc->fix_input[0] : 0;
    }
    return doc->n_fix;
}

size_t sg_doc_cut_count(const sg_doc *doc)
{
    return doc->n_cut;
}

size_t sg_doc_input_offset(const sg_doc *doc, size_t offset)
{
    size_t lo = 0, hi = doc->n_fix; /* the first fix at or after offset in the text */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->fix_text[mid] < offset) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return offset;
    }
    size_t k = lo - 1; /* the last replacement that starts before offset */
    if (offset < doc->fix_text[k] + 3) {
        return doc->fix_input[k] + doc->fix_len[k]; /* inside it: after it */
    }
    return doc->fix_input[k] + doc->fix_len[k] + (offset - doc->fix_text[k] - 3);
}

void sg_doc_free(sg_doc *doc)
{
    if (doc == NULL) {
        return;
    }
    free(doc->name);
    free(doc->path);
    free(doc->meta);
    free(doc->text);
    free(doc->tb.toks);
    free(doc->tb.norm);
    free(doc->sent_first);
    free(doc->line_start);
    free(doc->fix_text);
    free(doc->fix_input);
    free(doc->fix_len);
    free(doc);
}

const char *sg_i_doc_path(const sg_doc *doc)
{
    return doc->path;
}

sg_status sg_doc_set_meta(sg_doc *doc, const char *json)
{
    char *copy = NULL;
    if (json != NULL && (copy = sg_i_strdup(json)) == NULL) {
        return SG_ERR_NOMEM;
    }
    free(doc->meta);
    doc->meta = copy;
    return SG_OK;
}

const char *sg_doc_meta(const sg_doc *doc)
{
    return doc->meta;
}

const char *sg_doc_name(const sg_doc *doc)
{
    return doc->name;
}

const char *sg_doc_text(const sg_doc *doc, size_t *len)
{
    if (len != NULL) {
        *len = doc->len;
    }
    return doc->text;
}

size_t sg_doc_sentence_count(const sg_doc *doc)
{
    return doc->n_sent;
}

void sg_i_doc_sentence_tokens(const sg_doc *doc, size_t i, size_t *first, size_t *last)
{
    *first = doc->sent_first[i];
    *last = doc->sent_first[i + 1];
}

void sg_doc_sentence_span(const sg_doc *doc, size_t i, size_t *start, size_t *end)
{
    size_t f = doc->sent_first[i];
    size_t l = doc->sent_first[i + 1];
    *start = doc->tb.toks[f].start;
    *end = doc->tb.toks[l - 1].end;
}

size_t sg_doc_token_count(const sg_doc *doc)
{
    return doc->tb.n;
}

void sg_doc_token_span(const sg_doc *doc, size_t i, size_t *start, size_t *end)
{
    *start = doc->tb.toks[i].start;
    *end = doc->tb.toks[i].end;
}

void sg_doc_position(const sg_doc *doc, size_t offset, unsigned *line, unsigned *col)
{
    if (offset > doc->len) {
        offset = doc->len;
    }
    /* binary search for the last line starting at or before offset */
    size_t lo = 0, hi = doc->n_lines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->line_start[mid] <= offset) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    unsigned l, c;
    size_t s = doc->line_start[lo];
    sg_i_line_col(doc->text + s, doc->len - s, offset - s, &l, &c);
    *line = (unsigned)(lo + 1);
    *col = c;
}

const sg_tok *sg_i_doc_tokens(const sg_doc *doc, size_t *n)
{
    *n = doc->tb.n;
    return doc->tb.toks;
}

const char *sg_i_doc_norm(const sg_doc *doc, const sg_tok *t)
{
    return doc->tb.norm + t->norm_off;
}
