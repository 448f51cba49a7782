/* stancegraph import (beside the pipeline): reads TABARI/PETRARCH dictionaries (.actors,
 * .agents, .verbs text files) and produces a JSON lexicon in format v1 for the lexicon
 * stage, with a report that accounts for every input line. Format facts: sg_import.h. */
#include "sg_import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "internal.h"
#include "sg_lexicon.h"

enum { KEY_CAP = 1024, MAX_VERIFY_ROUNDS = 1000 };

/* --- growable text ---------------------------------------------------------------- */

typedef struct text {
    char *s;
    size_t len, cap;
    bool oom;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->oom) {
        return;
    }
    if (t->len + n + 1 > t->cap) {
        size_t nc = t->cap == 0 ? 4096 : t->cap;
        while (nc < t->len + n + 1) {
            nc *= 2;
        }
        char *p = realloc(t->s, nc);
        if (p == NULL) {
            t->oom = true;
            return;
        }
        t->s = p;
        t->cap = nc;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_str(text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

/* Appends s as a JSON string literal. s is valid UTF-8 (lines are checked on input). */
static void text_json(text *t, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    text_add(t, "\"", 1);
    for (const char *p = s; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            text_add(t, e, 2);
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            text_add(t, e, 6);
        } else {
            text_add(t, p, 1);
        }
    }
    text_add(t, "\"", 1);
}

/* --- string map: byte keys -> size_t ------------------------------------------------ */

typedef struct slot {
    char *key; /* owned; NULL = empty */
    size_t klen;
    size_t val;
} slot;

typedef struct map {
    slot *slots;
    size_t n, cap; /* cap is 0 or a power of two */
} map;

static void map_release(map *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->slots[i].key);
    }
    free(m->slots);
    m->slots = NULL;
    m->n = m->cap = 0;
}

static slot *map_find(const map *m, const char *k, size_t kl)
{
    if (m->cap == 0) {
        return NULL;
    }
    size_t i = (size_t)sg_i_hash(k, kl) & (m->cap - 1);
    while (m->slots[i].key != NULL) {
        if (m->slots[i].klen == kl && memcmp(m->slots[i].key, k, kl) == 0) {
            return &m->slots[i];
        }
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static bool map_get(const map *m, const char *k, size_t kl, size_t *val)
{
    const slot *s = map_find(m, k, kl);
    if (s != NULL) {
        *val = s->val;
    }
    return s != NULL;
}

static void map_insert_slot(slot *slots, size_t cap, slot s)
{
    size_t i = (size_t)sg_i_hash(s.key, s.klen) & (cap - 1);
    while (slots[i].key != NULL) {
        i = (i + 1) & (cap - 1);
    }
    slots[i] = s;
}

/* Sets k -> val (replacing an existing value). Returns false when out of memory. */
static bool map_put(map *m, const char *k, size_t kl, size_t val)
{
    slot *s = map_find(m, k, kl);
    if (s != NULL) {
        s->val = val;
        return true;
    }
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap == 0 ? 256 : m->cap * 2;
        slot *ns = calloc(nc, sizeof *ns);
        if (ns == NULL) {
            return false;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (m->slots[i].key != NULL) {
                map_insert_slot(ns, nc, m->slots[i]);
            }
        }
        free(m->slots);
        m->slots = ns;
        m->cap = nc;
    }
    char *copy = malloc(kl + 1);
    if (copy == NULL) {
        return false;
    }
    memcpy(copy, k, kl);
    copy[kl] = '\0';
    map_insert_slot(m->slots, m->cap, (slot){copy, kl, val});
    m->n++;
    return true;
}

/* --- string lists ---------------------------------------------------------------- */

typedef struct strs {
    char **v;
    size_t *lines; /* input lines behind each string (for the verb clean-up) */
    size_t n, cap;
} strs;

static bool strs_take(strs *l, char *s)
{
    if (s == NULL) {
        return false;
    }
    if (l->n == l->cap) {
        size_t nc = l->cap == 0 ? 4 : l->cap * 2;
        char **p = realloc(l->v, nc * sizeof *p);
        if (p == NULL) {
            free(s);
            return false;
        }
        l->v = p;
        size_t *q = realloc(l->lines, nc * sizeof *q);
        if (q == NULL) {
            free(s);
            return false;
        }
        l->lines = q;
        l->cap = nc;
    }
    l->lines[l->n] = 1;
    l->v[l->n++] = s;
    return true;
}

static void strs_release(strs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i]);
    }
    free(l->v);
    free(l->lines);
}

/* --- conversion state -------------------------------------------------------------- */

typedef struct actor {
    char *id;
    char *name; /* the first kept alias */
    strs aliases;
} actor;

typedef struct relation {
    char *code;
    char *label;
    strs verbs;
} relation;

/* One code of a pending actor entry. */
typedef struct dcode {
    char code[64];
    bool dated;
    uint32_t until; /* YYYYMMDD end of validity, 99991231 when open, 0 unknown */
    int status;     /* 0 valid, 1 null, 2 bad, 3 agent */
} dcode;

/* A pending actor entry: its phrase lines and code lines until the next phrase line. */
typedef struct entry {
    strs phrases;    /* display forms */
    dcode *codes;    /* every code of the entry, in order */
    size_t *code_ln; /* for each code: index of its code-only line, or SIZE_MAX */
    size_t n_codes, cap_codes;
    size_t n_code_lines;
    bool open;
} entry;

typedef struct imp {
    sg_import_report *rep;
    sg_diag *diag;
    const char *fmt_name;
    actor *actors;
    size_t n_actors, cap_actors;
    map actor_by_id;
    map alias_owner; /* normalised alias -> actor index */
    relation *rels;
    size_t n_rels, cap_rels;
    map rel_by_code;
    map form_owner; /* normalised verb form -> relation index */
    map rel_verb;   /* relation index + NUL + verb -> verb index */
    entry e;
    bool oom;
} imp;

/* --- small text helpers -------------------------------------------------------------- */

static bool is_alpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool has_word_char(const char *s)
{
    for (; *s != '\0'; s++) {
        if (is_alpha(*s) || is_digit(*s) || (unsigned char)*s >= 0x80) {
            return true;
        }
    }
    return false;
}

/* Short dictionary words that are common English words: an alias of at most four
 * letters written in capitals only matches capitals in our lexicon ("US" is not "us"),
 * so these stay in capitals; other short ones ("IRAN", "NATO") are title-cased so that
 * "Iran" and "Nato" match. */
static bool english_word(const char *w)
{
    static const char *const words[] = {
        "all",  "and",  "any",  "are",  "arm",  "art",  "back", "been", "but",  "call", "came",
        "camp", "can",  "city", "come", "east", "far",  "for",  "from", "had",  "has",  "have",
        "help", "her",  "him",  "his",  "home", "hope", "into", "its",  "just", "law",  "like",
        "made", "main", "make", "man",  "many", "may",  "men",  "more", "most", "much", "must",
        "new",  "next", "none", "not",  "now",  "off",  "old",  "once", "one",  "only", "our",
        "out",  "over", "own",  "part", "per",  "plan", "put",  "run",  "said", "say",  "see",
        "set",  "some", "such", "sun",  "take", "than", "that", "the",  "them", "then", "they",
        "this", "told", "took", "top",  "two",  "use",  "very", "want", "war",  "was",  "way",
        "well", "went", "were", "west", "what", "when", "who",  "will", "win",  "with", "won",
        "work", "year", "yet",  "you",  "aid",  "act",  "ill",  "bar",  "cap",  "fed",  "gap",
        "post", "tip",  "aids", "free", "life", "land", "army", "navy", "hill", "hall"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(words[i], w) == 0) {
            return true;
        }
    }
    return false;
}

/* True for two-letter function words written in capitals ("OF", "IN"): they are
 * lower-cased inside a name; other words of one or two letters ("AU", "UN") are kept in
 * capitals. */
static bool english_word_2(const char *w, size_t n)
{
    static const char small[][3] = {"OF", "IN", "ON", "AT", "TO", "DE", "DU",
                                    "LA", "LE", "EL", "AL", "AN", "A"};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
        if (strlen(small[i]) == n && memcmp(small[i], w, n) == 0) {
            return true;
        }
    }
    return false;
}

/* Readable display form of a dictionary phrase p[0..n): words split at '_' and white
 * space, joined with one space; a word written in capitals only is title-cased
 * ("AL-QAEDA" -> "Al-Qaeda"), a word with lower-case letters is kept as written; see
 * english_word for short aliases. Returns a malloc'd string (NULL when out of memory). */
static char *display(const char *p, size_t n)
{
    text t = {0};
    size_t letters = 0;
    bool any_lower = false;
    bool keep_caps_hint = false;
    char low[8];
    size_t nlow = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_alpha(p[i])) {
            letters++;
            any_lower = any_lower || (p[i] >= 'a' && p[i] <= 'z');
            if (nlow < sizeof low - 1) {
                low[nlow++] = lower(p[i]);
            }
        } else if (p[i] == '.' || is_digit(p[i])) {
            keep_caps_hint = true;
        }
    }
    low[nlow] = '\0';
    /* our acronym rule: capitals only, at most 4 letters */
    bool keep_caps =
        !any_lower && letters <= 4 && (letters <= 2 || keep_caps_hint || english_word(low));
    size_t i = 0;
    while (i < n) {
        while (i < n && (p[i] == '_' || is_space(p[i]))) {
            i++;
        }
        size_t s = i;
        while (i < n && p[i] != '_' && !is_space(p[i])) {
            i++;
        }
        if (i == s) {
            break;
        }
        if (t.len > 0) {
            text_add(&t, " ", 1);
        }
        bool word_lower = false;
        for (size_t j = s; j < i; j++) {
            word_lower = word_lower || (p[j] >= 'a' && p[j] <= 'z');
        }
        size_t word_letters = 0;
        for (size_t j = s; j < i; j++) {
            word_letters += is_alpha(p[j]);
        }
        if (keep_caps || word_lower || (word_letters <= 2 && !english_word_2(p + s, i - s))) {
            text_add(&t, p + s, i - s);
            continue;
        }
        /* function words inside a name stay lower case ("Prince of Dol Amroth") */
        static const char *const small[] = {"OF", "THE", "AND", "FOR", "IN", "ON", "AT",
                                            "TO", "DE",  "DEL", "DES", "DU", "LA", "LE"};
        bool is_small = false;
        for (size_t w = 0; w < sizeof small / sizeof small[0] && t.len > 0; w++) {
            is_small =
                is_small || (strlen(small[w]) == i - s && memcmp(small[w], p + s, i - s) == 0);
        }
        bool start = !is_small;
        for (size_t j = s; j < i; j++) {
            char c = p[j];
            char o = is_alpha(c) ? (start ? upper(c) : lower(c)) : c;
            text_add(&t, &o, 1);
            if (is_alpha(c) || c == '\'' || (unsigned char)c >= 0x80) {
                start = false;
            } else {
                start = true;
            }
        }
    }
    if (t.oom) {
        free(t.s);
        return NULL;
    }
    if (t.s == NULL) {
        return sg_i_strdup("");
    }
    return t.s;
}

/* Normalised lookup key of a phrase, as the lexicon index computes it (tokens,
 * case-folded, a leading "the" dropped). Returns the key length, 0 when the phrase has
 * no token, SIZE_MAX when it is too long to be indexed (the index skips it too). */
static size_t phrase_key(const char *s, char *key, bool drop_the)
{
    int n = sg_i_tokenize_phrase(s, strlen(s), key, KEY_CAP);
    if (n < 0) {
        return SIZE_MAX;
    }
    size_t len = 0;
    for (int t = 0; t < n; t++) {
        len += strlen(key + len) + 1;
    }
    if (drop_the && n > 1 && strcmp(key, "the") == 0) {
        memmove(key, key + 4, len - 4);
        len -= 4;
    }
    return len;
}

/* --- actor codes ------------------------------------------------------------------- */

/* Kind of an actor from its code: see sg_import.h. */
static const char *code_type(const char *c)
{
    static const char roles[][2][16] = {
        {"GOV", "government"},   {"MIL", "military"},    {"COP", "police"},
        {"REB", "rebels"},       {"INS", "rebels"},      {"SEP", "rebels"},
        {"UAF", "armed group"},  {"IMG", "armed group"}, {"OPP", "opposition"},
        {"PTY", "party"},        {"JUD", "judiciary"},   {"LEG", "legislature"},
        {"MED", "media"},        {"BUS", "business"},    {"MNC", "business"},
        {"CVL", "civilians"},    {"CIV", "civilians"},   {"EDU", "education"},
        {"ELI", "elite"},        {"HLH", "health"},      {"HRI", "human rights"},
        {"LAB", "labor"},        {"REF", "refugees"},    {"REL", "religious"},
        {"SPY", "intelligence"}, {"CRM", "criminal"},    {"AGR", "agriculture"},
        {"ENV", "environment"},  {"DEV", "development"}, {"IGO", "igo"},
        {"NGO", "ngo"},          {"NGM", "ngo"},         {"PKO", "military"}};
    size_t n = strlen(c);
    for (size_t seg = n / 3; seg > 0; seg--) {
        for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
            if (memcmp(c + (seg - 1) * 3, roles[r][0], 3) == 0) {
                return roles[r][1];
            }
        }
    }
    if (n == 3 && is_alpha(c[0]) && is_alpha(c[1]) && is_alpha(c[2])) {
        return "country";
    }
    return "organization";
}

/* Date string (YYMMDD or YYYYMMDD, as in PETRARCH's dstr_to_ordate: YY <= 30 is 20YY)
 * as YYYYMMDD, or 0 when it is not one. */
static uint32_t parse_date(const char *s, size_t n)
{
    if (n < 5 || n > 8) {
        return 0;
    }
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) {
            return 0;
        }
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    if (n <= 7) {
        uint32_t yy = v / 10000;
        v += (yy <= 30 ? 20000000u : 19000000u);
    }
    return v;
}

/* Parses the inside of one bracket, in[0..n) ("AFGGOV 011222-020101", "~GOV"). */
static dcode parse_code(const char *in, size_t n)
{
    dcode c = {0};
    size_t i = 0;
    while (i < n && is_space(in[i])) {
        i++;
    }
    size_t s = i;
    while (i < n && !is_space(in[i])) {
        i++;
    }
    size_t cl = i - s;
    if (cl >= sizeof c.code) {
        cl = sizeof c.code - 1;
    }
    for (size_t k = 0; k < cl; k++) {
        c.code[k] = upper(in[s + k]);
    }
    c.code[cl] = '\0';
    /* the rest, without white space: "<950601", ">990816", "19950601-19990815" */
    char d[40];
    size_t dl = 0;
    for (; i < n && dl < sizeof d - 1; i++) {
        if (!is_space(in[i])) {
            d[dl++] = in[i];
        }
    }
    d[dl] = '\0';
    if (dl > 0) {
        c.dated = true;
        const char *dash = strchr(d, '-');
        if (d[0] == '>') {
            c.until = 99991231u;
        } else if (d[0] == '<') {
            c.until = parse_date(d + 1, dl - 1);
        } else if (dash != NULL) {
            c.until = parse_date(dash + 1, strlen(dash + 1));
        }
    }
    bool alnum = cl > 0;
    bool dashes = cl > 0;
    bool tilde = false;
    for (size_t k = 0; k < cl; k++) {
        alnum = alnum && (is_alpha(c.code[k]) || is_digit(c.code[k]));
        dashes = dashes && c.code[k] == '-';
        tilde = tilde || c.code[k] == '~';
    }
    c.status = tilde ? 3 : alnum ? 0 : dashes ? 1 : 2;
    return c;
}

static int drop_of_status(int status)
{
    return status == 1   ? SG_IMPORT_DROP_NULL_CODE
           : status == 3 ? SG_IMPORT_DROP_AGENT
                         : SG_IMPORT_DROP_BAD_CODE;
}

/* --- actors ------------------------------------------------------------------------ */

static void count_line(imp *m, sg_import_kind k)
{
    m->rep->lines_as[k]++;
}

static void count_drop(imp *m, int r)
{
    m->rep->dropped[r]++;
}

static size_t actor_for(imp *m, const char *id)
{
    size_t a = SIZE_MAX;
    if (map_get(&m->actor_by_id, id, strlen(id), &a)) {
        return a;
    }
    if (m->n_actors == m->cap_actors) {
        size_t nc = m->cap_actors == 0 ? 64 : m->cap_actors * 2;
        actor *p = realloc(m->actors, nc * sizeof *p);
        if (p == NULL) {
            m->oom = true;
            return SIZE_MAX;
        }
        m->actors = p;
        m->cap_actors = nc;
    }
    actor *ac = &m->actors[m->n_actors];
    memset(ac, 0, sizeof *ac);
    ac->id = sg_i_strdup(id);
    if (ac->id == NULL || !map_put(&m->actor_by_id, id, strlen(id), m->n_actors)) {
        free(ac->id);
        m->oom = true;
        return SIZE_MAX;
    }
    return m->n_actors++;
}

/* Adds one phrase (display form) of an entry whose kept code is id. */
static void add_alias(imp *m, const char *id, const char *al)
{
    char key[KEY_CAP];
    if (!has_word_char(al)) {
        count_drop(m, SG_IMPORT_DROP_NO_WORD);
        return;
    }
    size_t kl = phrase_key(al, key, true);
    if (kl == 0) {
        count_drop(m, SG_IMPORT_DROP_NO_WORD);
        return;
    }
    size_t owner = SIZE_MAX;
    bool known = kl != SIZE_MAX && map_get(&m->alias_owner, key, kl, &owner);
    size_t a = SIZE_MAX;
    if (known) {
        if (strcmp(m->actors[owner].id, id) != 0) {
            count_drop(m, SG_IMPORT_DROP_AMBIGUOUS);
            return;
        }
        count_line(m, SG_IMPORT_MERGED);
        return;
    }
    a = actor_for(m, id);
    if (a == SIZE_MAX) {
        return;
    }
    actor *ac = &m->actors[a];
    if (!strs_take(&ac->aliases, sg_i_strdup(al)) ||
        (kl != SIZE_MAX && !map_put(&m->alias_owner, key, kl, a))) {
        m->oom = true;
        return;
    }
    if (ac->name == NULL) {
        ac->name = sg_i_strdup(al);
        if (ac->name == NULL) {
            m->oom = true;
            return;
        }
    }
    count_line(m, SG_IMPORT_ALIAS);
}

static bool entry_add_code(entry *e, dcode c, size_t line)
{
    if (e->n_codes == e->cap_codes) {
        size_t nc = e->cap_codes == 0 ? 8 : e->cap_codes * 2;
        dcode *p = realloc(e->codes, nc * sizeof *p);
        if (p == NULL) {
            return false;
        }
        e->codes = p;
        size_t *q = realloc(e->code_ln, nc * sizeof *q);
        if (q == NULL) {
            return false;
        }
        e->code_ln = q;
        e->cap_codes = nc;
    }
    e->codes[e->n_codes] = c;
    e->code_ln[e->n_codes++] = line;
    return true;
}

/* Converts the pending entry: keeps one code, adds its phrases, counts its lines. */
static void entry_flush(imp *m)
{
    entry *e = &m->e;
    if (!e->open) {
        return;
    }
    size_t best = SIZE_MAX;
    bool dated = false;
    int worst = SG_IMPORT_DROP_NO_CODE;
    for (size_t i = 0; i < e->n_codes; i++) {
        const dcode *c = &e->codes[i];
        dated = dated || c->dated;
        if (c->status != 0) {
            worst = drop_of_status(c->status);
            continue;
        }
        uint32_t rank = c->dated ? c->until : UINT32_MAX;
        uint32_t brank = best == SIZE_MAX       ? 0
                         : e->codes[best].dated ? e->codes[best].until
                                                : UINT32_MAX;
        if (best == SIZE_MAX || rank > brank) {
            best = i;
        }
    }
    m->rep->entries++;
    if (dated && best != SIZE_MAX) {
        m->rep->dated_entries++;
    }
    for (size_t k = 0; k < e->phrases.n; k++) {
        if (best == SIZE_MAX) {
            count_drop(m, worst);
        } else {
            add_alias(m, e->codes[best].code, e->phrases.v[k]);
        }
    }
    /* code-only lines: one count per line, by the best code on it */
    size_t last_line = SIZE_MAX;
    for (size_t i = 0; i < e->n_codes; i++) {
        if (best != SIZE_MAX && i != best && e->codes[i].status == 0) {
            m->rep->codes_not_kept++;
        }
        size_t ln = e->code_ln[i];
        if (ln == SIZE_MAX || ln == last_line) {
            continue;
        }
        last_line = ln;
        /* the line's verdict: kept if any of its codes is the kept one */
        bool kept = false;
        int why = SG_IMPORT_DROP_OTHER_CODE;
        for (size_t j = i; j < e->n_codes && e->code_ln[j] == ln; j++) {
            kept = kept || j == best;
            if (e->codes[j].status != 0 && j == i) {
                why = drop_of_status(e->codes[j].status);
            }
        }
        if (kept) {
            count_line(m, SG_IMPORT_CODE);
        } else {
            count_drop(m, why);
        }
    }
    for (size_t k = 0; k < e->phrases.n; k++) {
        free(e->phrases.v[k]);
    }
    e->phrases.n = 0;
    e->n_codes = 0;
    e->open = false;
}

/* Parses the bracket groups in s[0..n) into the entry; line is the index to record
 * for code-only lines (SIZE_MAX for a phrase line). Returns the number of codes, or
 * -1 when a '[' is not closed. */
static int entry_codes(imp *m, const char *s, size_t n, size_t line)
{
    int found = 0;
    size_t i = 0;
    while (i < n) {
        const char *o = memchr(s + i, '[', n - i);
        if (o == NULL) {
            break;
        }
        size_t a = (size_t)(o - s) + 1;
        const char *c = memchr(s + a, ']', n - a);
        if (c == NULL) {
            return -1;
        }
        size_t b = (size_t)(c - s);
        if (!entry_add_code(&m->e, parse_code(s + a, b - a), line)) {
            m->oom = true;
            return found;
        }
        found++;
        i = b + 1;
    }
    return found;
}

static void actor_line(imp *m, const char *s, size_t n, size_t line_no)
{
    entry *e = &m->e;
    if (s[0] == '[') {
        if (!e->open) {
            count_drop(m, SG_IMPORT_DROP_ORPHAN);
            return;
        }
        int k = entry_codes(m, s, n, line_no);
        if (k <= 0) {
            count_drop(m, SG_IMPORT_DROP_SYNTAX);
        }
        e->n_code_lines++;
        return;
    }
    if (s[0] == '+') {
        if (!e->open) {
            count_drop(m, SG_IMPORT_DROP_ORPHAN);
            return;
        }
        const char *br = memchr(s, '[', n);
        size_t pl = br != NULL ? (size_t)(br - s) : n;
        if (br != NULL && entry_codes(m, br, n - pl, SIZE_MAX) < 0) {
            count_drop(m, SG_IMPORT_DROP_SYNTAX);
            return;
        }
        if (!strs_take(&e->phrases, display(s + 1, pl - 1))) {
            m->oom = true;
        }
        return;
    }
    /* a phrase line starts a new entry */
    entry_flush(m);
    const char *br = memchr(s, '[', n);
    size_t pl = br != NULL ? (size_t)(br - s) : n;
    if (br != NULL && memchr(br, '~', n - pl) != NULL) {
        count_drop(m, SG_IMPORT_DROP_AGENT); /* an agent line inside an actors file */
        m->rep->agents++;
        return;
    }
    e->open = true;
    if (br != NULL && entry_codes(m, br, n - pl, SIZE_MAX) < 0) {
        e->open = false;
        count_drop(m, SG_IMPORT_DROP_SYNTAX);
        return;
    }
    if (!strs_take(&e->phrases, display(s, pl))) {
        m->oom = true;
    }
}

/* --- verbs -------------------------------------------------------------------------- */

typedef struct verb_state {
    char block_name[128];
    char block_code[32];
    bool in_block;
    bool in_synset;
} verb_state;

/* Copies the code inside the first [...] of s[0..n) into out ("" when none). */
static void bracket_code(const char *s, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    const char *o = memchr(s, '[', n);
    if (o == NULL) {
        return;
    }
    const char *c = memchr(o, ']', n - (size_t)(o - s));
    if (c == NULL) {
        return;
    }
    size_t k = 0;
    for (const char *p = o + 1; p < c && k + 1 < cap; p++) {
        if (!is_space(*p)) {
            out[k++] = *p;
        }
    }
    out[k] = '\0';
}

/* Candidate inflections of a verb (lower case, first word inflects), a superset of
 * the regular forms our lexicon generates; used to keep a form on one relation. */
static size_t verb_candidates(const char *v, char out[][160], size_t cap)
{
    const char *sp = strchr(v, ' ');
    size_t n = sp != NULL ? (size_t)(sp - v) : strlen(v);
    const char *rest = v + n;
    if (n == 0 || n > 60 || strlen(rest) > 60) {
        snprintf(out[0], 160, "%s", v);
        return 1;
    }
    char w[64];
    memcpy(w, v, n);
    w[n] = '\0';
    char last = w[n - 1];
    char stem_y[64];
    char stem_e[64];
    char stem_ie[64];
    snprintf(stem_y, sizeof stem_y, "%.*s", (int)(n - 1), w);
    snprintf(stem_e, sizeof stem_e, "%.*s", (int)(n - 1), w);
    snprintf(stem_ie, sizeof stem_ie, "%.*s", n >= 2 ? (int)(n - 2) : 0, w);
    size_t k = 0;
#define CAND(...)                                                                                  \
    do {                                                                                           \
        if (k < cap) {                                                                             \
            snprintf(out[k++], 160, __VA_ARGS__);                                                  \
        }                                                                                          \
    } while (0)
    CAND("%s%s", w, rest);
    CAND("%ss%s", w, rest);
    CAND("%ses%s", w, rest);
    CAND("%sed%s", w, rest);
    CAND("%sd%s", w, rest);
    CAND("%s%ced%s", w, last, rest);
    CAND("%sing%s", w, rest);
    CAND("%s%cing%s", w, last, rest);
    CAND("%sing%s", stem_e, rest);
    if (last == 'y') {
        CAND("%sies%s", stem_y, rest);
        CAND("%sied%s", stem_y, rest);
    }
    if (last == 'c') {
        CAND("%sked%s", w, rest);
        CAND("%sking%s", w, rest);
    }
    if (n >= 2 && last == 'e' && w[n - 2] == 'i') {
        CAND("%sying%s", stem_ie, rest);
    }
#undef CAND
    return k;
}

static size_t relation_for(imp *m, const char *code, const char *label)
{
    size_t r = SIZE_MAX;
    if (map_get(&m->rel_by_code, code, strlen(code), &r)) {
        return r;
    }
    if (m->n_rels == m->cap_rels) {
        size_t nc = m->cap_rels == 0 ? 32 : m->cap_rels * 2;
        relation *p = realloc(m->rels, nc * sizeof *p);
        if (p == NULL) {
            m->oom = true;
            return SIZE_MAX;
        }
        m->rels = p;
        m->cap_rels = nc;
    }
    relation *rel = &m->rels[m->n_rels];
    memset(rel, 0, sizeof *rel);
    rel->code = sg_i_strdup(code);
    rel->label = sg_i_strdup(label[0] != '\0' ? label : code);
    if (rel->code == NULL || rel->label == NULL ||
        !map_put(&m->rel_by_code, code, strlen(code), m->n_rels)) {
        free(rel->code);
        free(rel->label);
        m->oom = true;
        return SIZE_MAX;
    }
    return m->n_rels++;
}

/* Adds verb v (lower case base form) to the relation of code. */
static void add_verb(imp *m, const char *code, const char *label, const char *v)
{
    char cand[16][160];
    char key[KEY_CAP];
    size_t nc = verb_candidates(v, cand, 16);
    size_t r = SIZE_MAX;
    bool have_rel = map_get(&m->rel_by_code, code, strlen(code), &r);
    for (size_t i = 0; i < nc; i++) {
        size_t kl = phrase_key(cand[i], key, false);
        size_t owner = SIZE_MAX;
        if (kl != 0 && kl != SIZE_MAX && map_get(&m->form_owner, key, kl, &owner) &&
            (!have_rel || owner != r)) {
            count_drop(m, SG_IMPORT_DROP_AMBIGUOUS_VF);
            return;
        }
    }
    r = relation_for(m, code, label);
    if (r == SIZE_MAX) {
        return;
    }
    relation *rel = &m->rels[r];
    /* the same verb again in this relation: merged */
    char rk[200];
    int rkl = snprintf(rk, sizeof rk, "%zu|%s", r, v);
    size_t vi = SIZE_MAX;
    if (rkl > 0 && (size_t)rkl < sizeof rk && map_get(&m->rel_verb, rk, (size_t)rkl, &vi)) {
        rel->verbs.lines[vi]++;
        count_line(m, SG_IMPORT_VERB);
        return;
    }
    if (!strs_take(&rel->verbs, sg_i_strdup(v))) {
        m->oom = true;
        return;
    }
    if (rkl > 0 && (size_t)rkl < sizeof rk &&
        !map_put(&m->rel_verb, rk, (size_t)rkl, rel->verbs.n - 1)) {
        m->oom = true;
        return;
    }
    for (size_t i = 0; i < nc; i++) {
        size_t kl = phrase_key(cand[i], key, false);
        if (kl != 0 && kl != SIZE_MAX && !map_put(&m->form_owner, key, kl, r)) {
            m->oom = true;
            return;
        }
    }
    count_line(m, SG_IMPORT_VERB);
}

static void verb_line(imp *m, verb_state *vs, const char *s, size_t n)
{
    if (n >= 3 && memcmp(s, "---", 3) == 0) {
        /* "--- NAME [CODE] ---" */
        size_t i = 3;
        while (i < n && is_space(s[i])) {
            i++;
        }
        size_t b = i;
        while (i < n && !is_space(s[i]) && s[i] != '[') {
            i++;
        }
        size_t k = 0;
        for (size_t j = b; j < i && k + 1 < sizeof vs->block_name; j++) {
            char c = s[j] == '_' ? ' ' : lower(s[j]);
            vs->block_name[k++] = c;
        }
        while (k > 0 && vs->block_name[k - 1] == ' ') {
            k--;
        }
        vs->block_name[k] = '\0';
        bracket_code(s + i, n - i, vs->block_code, sizeof vs->block_code);
        if (vs->block_code[0] == '\0') {
            snprintf(vs->block_code, sizeof vs->block_code, "---");
        }
        vs->in_block = true;
        vs->in_synset = false;
        count_line(m, SG_IMPORT_HEADER);
        return;
    }
    if (s[0] == '-') {
        vs->in_synset = false;
        count_drop(m, SG_IMPORT_DROP_PATTERN);
        return;
    }
    if (s[0] == '&') {
        vs->in_synset = true;
        count_drop(m, SG_IMPORT_DROP_SYNSET);
        return;
    }
    if (s[0] == '+' && vs->in_synset) {
        count_drop(m, SG_IMPORT_DROP_SYNSET);
        return;
    }
    vs->in_synset = false;
    if (s[0] == '~') {
        count_drop(m, SG_IMPORT_DROP_TRANSFORM);
        return;
    }
    if (!vs->in_block) {
        count_drop(m, SG_IMPORT_DROP_ORPHAN);
        return;
    }
    /* a verb: PHRASE {FORMS} [CODE] */
    size_t pl = n;
    const char *brace = memchr(s, '{', n);
    const char *br = memchr(s, '[', n);
    if (brace != NULL && (size_t)(brace - s) < pl) {
        pl = (size_t)(brace - s);
    }
    if (br != NULL && (size_t)(br - s) < pl) {
        pl = (size_t)(br - s);
    }
    if (brace != NULL) {
        const char *close = memchr(brace, '}', n - (size_t)(brace - s));
        if (close == NULL) {
            count_drop(m, SG_IMPORT_DROP_SYNTAX);
            return;
        }
        bool in_word = false;
        for (const char *p = brace + 1; p < close; p++) {
            if (!is_space(*p) && !in_word) {
                m->rep->irregular_forms++;
            }
            in_word = !is_space(*p);
        }
    }
    char own[32];
    char code[32];
    if (br != NULL) {
        bracket_code(br, n - (size_t)(br - s), own, sizeof own);
    } else {
        own[0] = '\0';
    }
    snprintf(code, sizeof code, "%s", own[0] != '\0' ? own : vs->block_code);
    if (strchr(code, ':') != NULL) {
        count_drop(m, SG_IMPORT_DROP_COMPOUND);
        return;
    }
    bool dashes = code[0] != '\0';
    bool digits = code[0] != '\0';
    for (const char *p = code; *p != '\0'; p++) {
        dashes = dashes && *p == '-';
        digits = digits && is_digit(*p);
    }
    if (dashes || code[0] == '\0') {
        count_drop(m, SG_IMPORT_DROP_NULL_CODE);
        return;
    }
    size_t cl = strlen(code);
    if (!digits || cl < 2 || cl > 4) {
        count_drop(m, SG_IMPORT_DROP_NOT_CAMEO);
        return;
    }
    /* words: '_' and blanks separate them; '+' marks the inflected word */
    char v[160];
    size_t k = 0;
    size_t word = 0;
    size_t plus_word = SIZE_MAX;
    bool in_word = false;
    for (size_t i = 0; i < pl && k + 2 < sizeof v; i++) {
        char c = s[i];
        if (c == '_' || is_space(c)) {
            if (in_word) {
                word++;
            }
            in_word = false;
            continue;
        }
        if (c == '+') {
            plus_word = word;
            continue;
        }
        if (!in_word && k > 0) {
            v[k++] = ' ';
        }
        in_word = true;
        v[k++] = lower(c);
    }
    v[k] = '\0';
    if (plus_word != SIZE_MAX && plus_word != 0) {
        count_drop(m, SG_IMPORT_DROP_INNER_VERB);
        return;
    }
    if (!has_word_char(v)) {
        count_drop(m, SG_IMPORT_DROP_NO_WORD);
        return;
    }
    add_verb(m, code, vs->block_name, v);
}

/* --- agents -------------------------------------------------------------------------- */

static void agent_line(imp *m, const char *s, size_t n)
{
    if (memchr(s, '[', n) != NULL) {
        m->rep->agents++;
    }
    count_drop(m, SG_IMPORT_DROP_AGENT);
}

/* --- files --------------------------------------------------------------------------- */

enum { FILE_ACTORS, FILE_AGENTS, FILE_VERBS };

static bool name_has(const char *path, const char *part)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    return strstr(base, part) != NULL;
}

/* The kind of a dictionary file, from its name or its content. */
static int file_kind(const char *path, const char *buf, size_t len)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    if (name_has(path, ".verbs") || strncmp(base, "CAMEO", 5) == 0) {
        return FILE_VERBS;
    }
    if (name_has(path, ".agents")) {
        return FILE_AGENTS;
    }
    if (name_has(path, ".actors")) {
        return FILE_ACTORS;
    }
    bool tilde = false;
    for (size_t i = 0; i < len; i++) {
        if (i == 0 || buf[i - 1] == '\n') {
            if (len - i >= 3 && memcmp(buf + i, "---", 3) == 0) {
                return FILE_VERBS;
            }
        }
        if (buf[i] == '[' && i + 1 < len && buf[i + 1] == '~') {
            tilde = true;
        }
    }
    return tilde ? FILE_AGENTS : FILE_ACTORS;
}

/* Splits buf into lines, removes comments (see sg_import.h) and hands each line with
 * content, trimmed, to the converter of its kind; every line is counted once. */
static void convert_buffer(imp *m, int kind, const char *buf, size_t len)
{
    verb_state vs = {0};
    bool in_comment = false;
    char line[4096];
    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
    }
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - buf) : len;
        const char *s = buf + pos;
        size_t n = end - pos;
        size_t line_no = m->rep->lines++;
        pos = end + 1;
        if (sg_i_utf8_bad(s, n) < n) {
            count_drop(m, SG_IMPORT_DROP_BAD_UTF8);
            continue;
        }
        if (n >= sizeof line) {
            count_drop(m, SG_IMPORT_DROP_SYNTAX);
            continue;
        }
        memcpy(line, s, n);
        line[n] = '\0';
        char *l = line;
        if (in_comment) {
            char *close = strstr(l, "-->");
            if (close == NULL) {
                count_line(m, SG_IMPORT_BLANK);
                continue;
            }
            in_comment = false;
            l = close + 3;
        }
        if (strncmp(l, "<!", 2) == 0 && strstr(l, "-->") == NULL && strncmp(l, "<!--", 4) == 0) {
            in_comment = true;
            count_line(m, SG_IMPORT_BLANK);
            continue;
        }
        if (strncmp(l, "<!", 2) == 0 || l[0] == '#') {
            count_line(m, SG_IMPORT_BLANK);
            continue;
        }
        /* inline <!-- ... --> and a '#' comment to the end of the line */
        char *open = strstr(l, "<!--");
        while (open != NULL) {
            char *close = strstr(open + 4, "-->");
            if (close == NULL) {
                *open = '\0';
                in_comment = true;
                break;
            }
            memmove(open, close + 3, strlen(close + 3) + 1);
            open = strstr(open, "<!--");
        }
        char *hash = strchr(l, '#');
        if (hash != NULL) {
            *hash = '\0';
        }
        while (*l != '\0' && is_space(*l)) {
            l++;
        }
        size_t ln = strlen(l);
        while (ln > 0 && (is_space(l[ln - 1]) || l[ln - 1] == '\n')) {
            l[--ln] = '\0';
        }
        if (ln == 0) {
            count_line(m, SG_IMPORT_BLANK);
            continue;
        }
        if (kind == FILE_VERBS) {
            verb_line(m, &vs, l, ln);
        } else if (kind == FILE_AGENTS) {
            agent_line(m, l, ln);
        } else {
            actor_line(m, l, ln, line_no);
        }
        if (m->oom) {
            return;
        }
    }
    if (kind == FILE_ACTORS) {
        entry_flush(m);
    }
}

/* --- output -------------------------------------------------------------------------- */

static int cmp_actor(const void *a, const void *b)
{
    return strcmp(((const actor *)a)->id, ((const actor *)b)->id);
}

static int cmp_relation(const void *a, const void *b)
{
    return strcmp(((const relation *)a)->code, ((const relation *)b)->code);
}

static void write_actors(const imp *m, text *t)
{
    text_str(t, "{\"actors\": [\n");
    bool first = true;
    for (size_t i = 0; i < m->n_actors; i++) {
        const actor *a = &m->actors[i];
        if (a->aliases.n == 0) {
            continue;
        }
        text_str(t, first ? "  {\"id\": " : ",\n  {\"id\": ");
        first = false;
        text_json(t, a->id);
        text_str(t, ", \"name\": ");
        text_json(t, a->name);
        text_str(t, ", \"type\": ");
        text_json(t, code_type(a->id));
        text_str(t, ", \"aliases\": [");
        for (size_t k = 0; k < a->aliases.n; k++) {
            if (k > 0) {
                text_str(t, ", ");
            }
            text_json(t, a->aliases.v[k]);
        }
        text_str(t, "]}");
    }
    text_str(t, first ? "]}\n" : "\n]}\n");
}

static void write_relations(const imp *m, text *t)
{
    text_str(t, "{\"relations\": [\n");
    bool first = true;
    for (size_t i = 0; i < m->n_rels; i++) {
        const relation *r = &m->rels[i];
        size_t nv = 0;
        for (size_t k = 0; k < r->verbs.n; k++) {
            nv += r->verbs.v[k] != NULL;
        }
        if (nv == 0) {
            continue;
        }
        char id[48];
        snprintf(id, sizeof id, "cameo_%s", r->code);
        text_str(t, first ? "  {\"id\": " : ",\n  {\"id\": ");
        first = false;
        text_json(t, id);
        text_str(t, ", \"label\": ");
        text_json(t, r->label);
        text_str(t, ", \"cameo\": ");
        text_json(t, r->code);
        text_str(t, ", \"goldstein\": 0.0, \"description\": ");
        char desc[160];
        snprintf(desc, sizeof desc,
                 "CAMEO %s, converted from %s verb dictionaries; Goldstein weight unknown", r->code,
                 m->fmt_name);
        text_json(t, desc);
        text_str(t, ", \"verbs\": [");
        bool fv = true;
        for (size_t k = 0; k < r->verbs.n; k++) {
            if (r->verbs.v[k] == NULL) {
                continue;
            }
            if (!fv) {
                text_str(t, ", ");
            }
            fv = false;
            text_json(t, r->verbs.v[k]);
        }
        text_str(t, "]}");
    }
    text_str(t, first ? "]}\n" : "\n]}\n");
}

/* Parses "verb form 'X' of relation 'A' already belongs to relation 'B'" (the index's
 * clash message, src/mention.c) and removes the verb behind X from A or B, moving its
 * lines to SG_IMPORT_DROP_AMBIGUOUS_VF. Returns false when the message is not that or
 * the verb cannot be found. This catches irregular forms ("found" is also the past of
 * "find"), which verb_candidates does not generate. */
static bool drop_clashing_verb(imp *m, const char *msg)
{
    char form[160];
    char ida[64];
    char idb[64];
    const char *p = strstr(msg, "verb form '");
    if (p == NULL) {
        return false;
    }
    p += strlen("verb form '");
    const char *q = strstr(p, "' of relation 'cameo_");
    if (q == NULL || (size_t)(q - p) >= sizeof form) {
        return false;
    }
    snprintf(form, sizeof form, "%.*s", (int)(q - p), p);
    p = q + strlen("' of relation 'cameo_");
    q = strchr(p, '\'');
    if (q == NULL || (size_t)(q - p) >= sizeof ida) {
        return false;
    }
    snprintf(ida, sizeof ida, "%.*s", (int)(q - p), p);
    p = strstr(q, "relation 'cameo_");
    if (p == NULL) {
        return false;
    }
    p += strlen("relation 'cameo_");
    q = strchr(p, '\'');
    if (q == NULL || (size_t)(q - p) >= sizeof idb) {
        return false;
    }
    snprintf(idb, sizeof idb, "%.*s", (int)(q - p), p);
    const char *codes[2] = {ida, idb};
    char cand[16][160];
    for (int pass = 0; pass < 2; pass++) {
        for (int w = 0; w < 2; w++) {
            size_t r = SIZE_MAX;
            if (!map_get(&m->rel_by_code, codes[w], strlen(codes[w]), &r)) {
                continue;
            }
            strs *vl = &m->rels[r].verbs;
            for (size_t k = 0; k < vl->n; k++) {
                if (vl->v[k] == NULL) {
                    continue;
                }
                bool hit = strcmp(vl->v[k], form) == 0;
                if (pass == 1) {
                    size_t nc = verb_candidates(vl->v[k], cand, 16);
                    for (size_t c = 0; c < nc && !hit; c++) {
                        hit = strcmp(cand[c], form) == 0;
                    }
                }
                if (hit) {
                    m->rep->lines_as[SG_IMPORT_VERB] -= vl->lines[k];
                    m->rep->dropped[SG_IMPORT_DROP_AMBIGUOUS_VF] += vl->lines[k];
                    free(vl->v[k]);
                    vl->v[k] = NULL;
                    return true;
                }
            }
        }
    }
    return false;
}

/* Loads and compiles t (actors, or relations when rel) with the public lexicon API. */
static sg_status try_load(const text *t, bool rel, sg_diag *d)
{
    sg_lexicon *lex = sg_lexicon_new();
    if (lex == NULL) {
        return sg_i_diag(d, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
    }
    sg_status st = rel ? sg_lexicon_add_relations_json(lex, "<import>", t->s, t->len, d)
                       : sg_lexicon_add_actors_json(lex, "<import>", t->s, t->len, d);
    if (st == SG_OK) {
        st = sg_lexicon_compile(lex, d);
    }
    sg_lexicon_free(lex);
    return st;
}

static void imp_release(imp *m)
{
    for (size_t i = 0; i < m->n_actors; i++) {
        free(m->actors[i].id);
        free(m->actors[i].name);
        strs_release(&m->actors[i].aliases);
    }
    free(m->actors);
    for (size_t i = 0; i < m->n_rels; i++) {
        free(m->rels[i].code);
        free(m->rels[i].label);
        strs_release(&m->rels[i].verbs);
    }
    free(m->rels);
    map_release(&m->actor_by_id);
    map_release(&m->alias_owner);
    map_release(&m->rel_by_code);
    map_release(&m->form_owner);
    map_release(&m->rel_verb);
    strs_release(&m->e.phrases);
    free(m->e.codes);
    free(m->e.code_ln);
}

/* --- public API ----------------------------------------------------------------------- */

const char *sg_import_drop_str(sg_import_drop r)
{
    static const char *const names[SG_IMPORT_DROP_COUNT] = {
        [SG_IMPORT_DROP_NO_CODE] = "entry without a code",
        [SG_IMPORT_DROP_NULL_CODE] = "null code [---]",
        [SG_IMPORT_DROP_BAD_CODE] = "code not [A-Za-z0-9]",
        [SG_IMPORT_DROP_OTHER_CODE] = "further code of an entry (one code per alias)",
        [SG_IMPORT_DROP_AMBIGUOUS] = "ambiguous alias (kept on its first code)",
        [SG_IMPORT_DROP_NO_WORD] = "phrase without a letter or digit",
        [SG_IMPORT_DROP_ORPHAN] = "synonym or code before any entry",
        [SG_IMPORT_DROP_AGENT] = "agent (format v1 cannot compose roles)",
        [SG_IMPORT_DROP_PATTERN] = "pattern not expressible",
        [SG_IMPORT_DROP_SYNSET] = "synonym set (used by patterns only)",
        [SG_IMPORT_DROP_TRANSFORM] = "transformation not expressible",
        [SG_IMPORT_DROP_COMPOUND] = "compound code x:y not expressible",
        [SG_IMPORT_DROP_NOT_CAMEO] = "code not 2-4 digits",
        [SG_IMPORT_DROP_INNER_VERB] = "multi-word verb inflecting an inner word",
        [SG_IMPORT_DROP_AMBIGUOUS_VF] = "ambiguous verb form (kept on its first code)",
        [SG_IMPORT_DROP_BAD_UTF8] = "invalid UTF-8",
        [SG_IMPORT_DROP_SYNTAX] = "malformed line",
    };
    return (unsigned)r < SG_IMPORT_DROP_COUNT ? names[r] : "?";
}

const char *sg_import_kind_str(sg_import_kind k)
{
    static const char *const names[SG_IMPORT_KIND_COUNT] = {
        [SG_IMPORT_BLANK] = "blank or comment",
        [SG_IMPORT_ALIAS] = "alias",
        [SG_IMPORT_MERGED] = "alias merged (already on the actor)",
        [SG_IMPORT_CODE] = "code kept",
        [SG_IMPORT_HEADER] = "verb block header",
        [SG_IMPORT_VERB] = "verb",
    };
    return (unsigned)k < SG_IMPORT_KIND_COUNT ? names[k] : "?";
}

sg_status sg_import_dictionaries(sg_import_format fmt, const char *const *paths, size_t n,
                                 FILE *out_json, sg_import_report *rep, sg_diag *diag)
{
    sg_import_report scratch;
    imp m;
    text t = {0};
    char *buf = NULL;
    sg_status st = SG_OK;
    bool any_actor = false;
    bool any_verb = false;

    memset(&m, 0, sizeof m);
    m.rep = rep != NULL ? rep : &scratch;
    memset(m.rep, 0, sizeof *m.rep);
    m.diag = diag;
    m.fmt_name = fmt == SG_IMPORT_TABARI ? "TABARI" : "PETRARCH";
    sg_diag_init(diag);
    if (n == 0 || paths == NULL || out_json == NULL) {
        st = sg_i_diag(diag, SG_ERR_SYNTAX, NULL, NULL, 0, 0, "no dictionary file to import");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        st = sg_i_read_file(paths[i], paths[i], &buf, &len, diag);
        if (st != SG_OK) {
            goto done;
        }
        int kind = file_kind(paths[i], buf, len);
        if ((kind == FILE_VERBS && any_actor) || (kind != FILE_VERBS && any_verb)) {
            st = sg_i_diag(diag, SG_ERR_SYNTAX, paths[i], NULL, 0, 0,
                           "cannot mix actor and verb dictionaries in one import: format v1 "
                           "keeps actors and relations in separate files");
            goto done;
        }
        any_verb = any_verb || kind == FILE_VERBS;
        any_actor = any_actor || kind != FILE_VERBS;
        m.rep->files++;
        convert_buffer(&m, kind, buf, len);
        free(buf);
        buf = NULL;
        if (m.oom) {
            st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
    if (any_verb) {
        if (m.n_rels > 0) {
            qsort(m.rels, m.n_rels, sizeof *m.rels, cmp_relation);
        }
        /* indexes in rel_by_code and rel_verb are stale after sorting: rebuild */
        map_release(&m.rel_by_code);
        for (size_t i = 0; i < m.n_rels; i++) {
            if (!map_put(&m.rel_by_code, m.rels[i].code, strlen(m.rels[i].code), i)) {
                st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
                goto done;
            }
        }
        for (int round = 0;; round++) {
            t.len = 0;
            write_relations(&m, &t);
            if (t.oom) {
                st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
                goto done;
            }
            sg_diag d;
            st = try_load(&t, true, &d);
            if (st == SG_OK) {
                break;
            }
            if (round >= MAX_VERIFY_ROUNDS || !drop_clashing_verb(&m, d.msg)) {
                st = sg_i_diag(diag, st, NULL, NULL, 0, 0, "converted relations do not load: %s",
                               d.msg);
                goto done;
            }
        }
    } else {
        if (m.n_actors > 0) {
            qsort(m.actors, m.n_actors, sizeof *m.actors, cmp_actor);
        }
        write_actors(&m, &t);
        if (t.oom) {
            st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
        sg_diag d;
        st = try_load(&t, false, &d);
        if (st != SG_OK) {
            st = sg_i_diag(diag, st, NULL, NULL, 0, 0, "converted actors do not load: %s", d.msg);
            goto done;
        }
    }
    for (size_t i = 0; i < m.n_actors; i++) {
        if (m.actors[i].aliases.n > 0) {
            m.rep->actors++;
            m.rep->aliases += m.actors[i].aliases.n;
        }
    }
    for (size_t i = 0; i < m.n_rels; i++) {
        size_t nv = 0;
        for (size_t k = 0; k < m.rels[i].verbs.n; k++) {
            nv += m.rels[i].verbs.v[k] != NULL;
        }
        if (nv > 0) {
            m.rep->relations++;
            m.rep->verbs += nv;
            m.rep->no_goldstein++;
            m.rep->no_cameo_name++;
        }
    }
    if (fwrite(t.s, 1, t.len, out_json) != t.len || fflush(out_json) != 0) {
        st = sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the converted lexicon");
        goto done;
    }
done:
    free(t.s);
    free(buf);
    imp_release(&m);
    return st;
}

sg_status sg_import_report_print(const sg_import_report *rep, FILE *f)
{
    size_t conv = 0;
    size_t drop = 0;
    for (int k = 0; k < SG_IMPORT_KIND_COUNT; k++) {
        conv += rep->lines_as[k];
    }
    for (int r = 0; r < SG_IMPORT_DROP_COUNT; r++) {
        drop += rep->dropped[r];
    }
    int e = 0;
    e |= fprintf(f, "import: %zu file(s), %zu lines: %zu converted, %zu dropped\n", rep->files,
                 rep->lines, conv, drop) < 0;
    e |= fprintf(f, "converted lines:\n") < 0;
    for (int k = 0; k < SG_IMPORT_KIND_COUNT; k++) {
        if (rep->lines_as[k] > 0) {
            e |= fprintf(f, "  %-48s %8zu\n", sg_import_kind_str((sg_import_kind)k),
                         rep->lines_as[k]) < 0;
        }
    }
    e |= fprintf(f, "dropped lines, by reason:\n") < 0;
    for (int r = 0; r < SG_IMPORT_DROP_COUNT; r++) {
        if (rep->dropped[r] > 0) {
            e |= fprintf(f, "  %-48s %8zu\n", sg_import_drop_str((sg_import_drop)r),
                         rep->dropped[r]) < 0;
        }
    }
    if (drop == 0) {
        e |= fprintf(f, "  (none)\n") < 0;
    }
    e |= fprintf(f, "written:\n  %-48s %8zu\n  %-48s %8zu\n  %-48s %8zu\n  %-48s %8zu\n", "actors",
                 rep->actors, "aliases", rep->aliases, "relations", rep->relations, "verbs",
                 rep->verbs) < 0;
    e |= fprintf(f, "losses inside converted lines:\n") < 0;
    e |= fprintf(f, "  %-48s %8zu of %zu\n", "entries converted with dates dropped",
                 rep->dated_entries, rep->entries) < 0;
    e |= fprintf(f, "  %-48s %8zu\n", "further codes not kept (one code per entry)",
                 rep->codes_not_kept) < 0;
    e |= fprintf(f, "  %-48s %8zu\n", "agent phrases (not expressible)", rep->agents) < 0;
    e |= fprintf(f, "  %-48s %8zu\n", "irregular verb forms (regenerated)", rep->irregular_forms) <
         0;
    e |= fprintf(f, "  %-48s %8zu\n", "relations with no goldstein (0)", rep->no_goldstein) < 0;
    e |= fprintf(f, "  %-48s %8zu\n", "relations without a CAMEO name (block label)",
                 rep->no_cameo_name) < 0;
    return e != 0 || ferror(f) ? SG_ERR_IO : SG_OK;
}
