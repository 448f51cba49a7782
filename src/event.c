/* Event stage: turns a sentence's actor mentions and relation triggers into coded
 * events (source, relation, target, negation) with rules over tokens: verb groups,
 * voice, subjects (incl. relative clauses, appositions, conjoined verb phrases and
 * pronouns), objects, coordination, refusals, denials, light-verb nominalizations and
 * reported speech. Consumes a document and the mention stage's lists, produces
 * sg_event records. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mention.h"

/* ---- word classes (closed-class English words; compared on normalised tokens) ---- */

static const char *const w_det[] = {
    "the",     "a",   "an",   "this",  "these", "those",   "its",  "their",   "his",     "her",
    "our",     "my",  "your", "some",  "any",   "every",   "each", "several", "similar", "such",
    "further", "new", "more", "fresh", "other", "another", "no",   NULL};
static const char *const w_be[] = {"is", "are", "was", "were", "be",      "been", "being",
                                   "am", "get", "got", "gets", "getting", NULL};
static const char *const w_aux[] = {"has", "have", "had", "having", "do", "does", "did", NULL};
static const char *const w_modal[] = {"will", "would", "shall", "should", "can", "could",
                                      "may",  "might", "must",  "'ll",    NULL};
static const char *const w_neg[] = {"not", "n't", "never", NULL};
static const char *const w_adv[] = {
    "also",     "again",      "later",       "reportedly",  "allegedly",    "repeatedly",
    "once",     "recently",   "previously",  "already",     "still",        "further",
    "then",     "now",        "yet",         "just",        "even",         "jointly",
    "firmly",   "openly",     "directly",    "briefly",     "long",         "formally",
    "publicly", "strongly",   "quickly",     "immediately", "subsequently", "swiftly",
    "sharply",  "twice",      "first",       "finally",     "today",        "yesterday",
    "tonight",  "officially", "effectively", "since",       "earlier",      "both",
    "all",      "ever",       "too",         "so",          "largely",      "mostly",
    NULL};
static const char *const w_ly_nouns[] = {"supply",   "apply",  "reply",  "rally",   "ally",
                                         "assembly", "family", "italy",  "july",    "only",
                                         "early",    "daily",  "weekly", "monthly", NULL};
static const char *const w_loc[] = {"in",     "at",         "near",   "inside", "outside",
                                    "across", "throughout", "around", "within", "off",
                                    "via",    "through",    "along",  NULL};
static const char *const w_prep[] = {
    "of",     "for",     "on",      "in",   "at",     "with",  "against", "to",      "into",
    "from",   "by",      "between", "over", "about",  "after", "before",  "without", "despite",
    "toward", "towards", "under",   "amid", "during", "near",  "among",   NULL};
/* prepositions that attach an actor to a preceding noun ("accusations against Y") */
static const char *const w_pp_head[] = {"against", "on",     "with",    "to",   "into",
                                        "over",    "toward", "towards", "from", "between",
                                        "about",   "for",    "among",   NULL};
static const char *const w_clause[] = {
    "while", "whereas", "but",    "although", "though", "because", "if",      "unless",
    "when",  "whether", "before", "after",    "as",     "until",   "despite", NULL};
static const char *const w_relpro[] = {"which", "who", "whom", "whose", NULL};
static const char *const w_pron_they[] = {"they", "them", "their", "two",    "each", "many",
                                          "some", "most", "both",  "others", NULL};
static const char *const w_pron_it[] = {"it", "its", NULL};
static const char *const w_pron_he[] = {"he", "she", "him", "his", "her", NULL};
static const char *const w_group_types[] = {"protesters", "population",  "group",     "rebels",
                                            "militia",    "military",    "civilians", "people",
                                            "opposition", "armed group", NULL};
/* verbs whose "to"-infinitive complement carries the event ("agreed to send aid"),
 * as base forms; class_table adds their inflections */
static const char *const v_control[] = {
    "agree",  "decide",  "plan",    "want",    "try",   "seek",     "continue", "vow",    "move",
    "begin",  "start",   "attempt", "prepare", "aim",   "hope",     "intend",   "appear", "fail",
    "refuse", "decline", "pledge",  "promise", "offer", "threaten", "agree",    NULL};
static const char *const v_control_irr[] = {"sought", "began", "begun", NULL};
/* light verbs whose object noun names the act ("imposed sanctions on X") */
static const char *const v_light[] = {
    "reaffirm", "voice",   "express",  "impose", "open",     "launch", "hold",  "send",
    "provide",  "deliver", "give",     "stage",  "conduct",  "carry",  "level", "make",
    "raise",    "attend",  "begin",    "start",  "join",     "resume", "enter", "extend",
    "mount",    "file",    "lodge",    "issue",  "announce", "order",  "take",  "step",
    "hike",     "expand",  "tighten",  "slap",   "approve",  "adopt",  "renew", "pursue",
    "initiate", "boost",   "increase", "offer",  "pledge",   NULL};
/* compass adjectives before a place name */
static const char *const w_compass[] = {
    "northern", "southern", "eastern",      "western",      "central",      "north",        "south",
    "east",     "west",     "northeastern", "northwestern", "southeastern", "southwestern", NULL};

/* prepositions that introduce what an object is about ("a statement on Ukraine") */
static const char *const w_topic[] = {"on", "about", "over", "regarding", "concerning", NULL};

/* words that make a nominal event hypothetical ("talks ... were unlikely to resume") */
static const char *const w_hypo[] = {"unlikely", "likely",   "expected",  "plans",     "planned",
                                     "possible", "proposed", "prospect",  "prospects", "hopes",
                                     "any",      "future",   "potential", NULL};

/* adverbs that make a perfect habitual ("has consistently denied") */
static const char *const w_habit[] = {"long",       "repeatedly", "consistently", "always", "often",
                                      "frequently", "routinely",  "regularly",    NULL};

/* time words that can sit between a subject and its verb ("Kigali on Tuesday rejected") */
/* nouns that name an act: "denounced the move" targets its author */
static const char *const n_act[] = {"move",     "decision", "step",    "steps",        "measure",
                                    "measures", "action",   "actions", "announcement", "decree",
                                    "launch",   "launches", "test",    "tests",        NULL};

static const char *const w_time[] = {
    "monday",   "tuesday",  "wednesday", "thursday",  "friday",  "saturday",  "sunday",
    "week",     "month",    "year",      "weekend",   "january", "february",  "march",
    "april",    "may",      "june",      "july",      "august",  "september", "october",
    "november", "december", "today",     "yesterday", NULL};

/* light verbs of exchange: their act goes both ways */
static const char *const v_mutual[] = {"trade", "exchange", "swap", "sign", "initial", NULL};
static const char *const v_light_irr[] = {"held",  "sent",  "gave", "given", "made",
                                          "began", "begun", "took", "taken", NULL};
/* nouns that name a claim: the object of a rejection that is really a denial */
static const char *const n_claim[] = {
    "claim",       "claims", "charge",  "charges",   "accusation", "accusations", "allegation",
    "allegations", "report", "reports", "assertion", "assertions", NULL};
/* role nouns: "Rwanda's government spokesperson said" has Rwanda as subject */
static const char *const n_role[] = {"spokesperson",   "spokesman",      "spokeswoman",
                                     "official",       "officials",      "minister",
                                     "ministers",      "envoy",          "envoys",
                                     "ambassador",     "representative", "representatives",
                                     "delegation",     "leader",         "leaders",
                                     "president",      "government",     "ministry",
                                     "army",           "military",       "forces",
                                     "troops",         "authorities",    "chief",
                                     "head",           "office",         "adviser",
                                     "advisers",       "advisor",        "diplomats",
                                     "diplomat",       "negotiators",    "commander",
                                     "commanders",     "soldiers",       "police",
                                     "administration", "cabinet",        "parliament",
                                     "lawmakers",      "members",        "supporters",
                                     "inspectors",     "monitors",       "observers",
                                     "peacekeepers",   "staff",          "personnel",
                                     "officers",       "envoy",          "agency",
                                     "figures",        "countries",      "sides",
                                     "nations",        "governments",    NULL};

static const char *const w_quant[] = {"thousands", "hundreds", "dozens", "millions",
                                      "scores",    "many",     "some",   "most",
                                      "groups",    "crowds",   NULL};

enum {
    CL_DET = 1u << 0,
    CL_BE = 1u << 1,
    CL_AUX = 1u << 2,
    CL_MODAL = 1u << 3,
    CL_NEG = 1u << 4,
    CL_ADV = 1u << 5,
    CL_LYNOUN = 1u << 6,
    CL_LOC = 1u << 7,
    CL_PREP = 1u << 8,
    CL_CLAUSE = 1u << 9,
    CL_RELPRO = 1u << 10,
    CL_THEY = 1u << 11,
    CL_IT = 1u << 12,
    CL_HE = 1u << 13,
    CL_CLAIM = 1u << 14,
    CL_ROLE = 1u << 15,
    CL_QUANT = 1u << 16,
    CL_PP_HEAD = 1u << 20,
    CL_MUTUAL = 1u << 21,
    CL_TIME = 1u << 22,
    CL_ACT = 1u << 23,
    CL_COMPASS = 1u << 24,
    CL_TOPIC = 1u << 25,
    CL_HYPO = 1u << 26,
    CL_HABIT = 1u << 27,
    CL_CONTROL = 1u << 17,
    CL_LIGHT = 1u << 18,
    CL_FAIL = 1u << 19
};

/* Closed word lists and the class bit each gives its words. Inflected verb lists
 * (control, light, fail) give every regular inflection of their bases. */
typedef struct class_list {
    unsigned bit;
    const char *const *words;
    bool inflect;
} class_list;

static const char *const v_fail[] = {"fail", NULL};

static const class_list class_lists[] = {
    {CL_DET, w_det, false},         {CL_BE, w_be, false},
    {CL_AUX, w_aux, false},         {CL_MODAL, w_modal, false},
    {CL_NEG, w_neg, false},         {CL_ADV, w_adv, false},
    {CL_LYNOUN, w_ly_nouns, false}, {CL_LOC, w_loc, false},
    {CL_PREP, w_prep, false},       {CL_CLAUSE, w_clause, false},
    {CL_RELPRO, w_relpro, false},   {CL_THEY, w_pron_they, false},
    {CL_IT, w_pron_it, false},      {CL_HE, w_pron_he, false},
    {CL_CLAIM, n_claim, false},     {CL_ROLE, n_role, false},
    {CL_QUANT, w_quant, false},     {CL_PP_HEAD, w_pp_head, false},
    {CL_CONTROL, v_control, true},  {CL_CONTROL, v_control_irr, false},
    {CL_LIGHT, v_light, true},      {CL_LIGHT, v_light_irr, false},
    {CL_FAIL, v_fail, true},        {CL_MUTUAL, v_mutual, true},
    {CL_TIME, w_time, false},       {CL_ACT, n_act, false},
    {CL_COMPASS, w_compass, false}, {CL_TOPIC, w_topic, false},
    {CL_HYPO, w_hypo, false},       {CL_HABIT, w_habit, false},
    {CL_LIGHT, v_mutual, true},
};

/* A hash table from a token's normalised form to its class bits, built once per
 * worker from class_lists. */
typedef struct class_entry {
    uint64_t hash;
    unsigned bits;
    uint32_t off, len; /* the word in the table's text buffer */
} class_entry;

typedef struct class_table {
    class_entry *slots;
    size_t n_slots;
    char *text;
    size_t text_len, text_cap;
} class_table;

static bool class_add(class_table *t, const char *w, size_t n, unsigned bit)
{
    uint64_t h = sg_i_hash(w, n);
    size_t j = (size_t)h & (t->n_slots - 1);
    while (t->slots[j].len != 0) {
        class_entry *e = &t->slots[j];
        if (e->hash == h && e->len == n && memcmp(t->text + e->off, w, n) == 0) {
            e->bits |= bit;
            return true;
        }
        j = (j + 1) & (t->n_slots - 1);
    }
    if (t->text_len + n > t->text_cap) {
        size_t nc = t->text_cap == 0 ? 8192 : t->text_cap * 2;
        while (nc < t->text_len + n) {
            nc *= 2;
        }
        char *p = realloc(t->text, nc);
        if (p == NULL) {
            return false;
        }
        t->text = p;
        t->text_cap = nc;
    }
    memcpy(t->text + t->text_len, w, n);
    t->slots[j] = (class_entry){h, bit, (uint32_t)t->text_len, (uint32_t)n};
    t->text_len += n;
    return true;
}

/* Adds the regular inflections of base b: -s, -es, -ed, -d, -ing, e-dropping -ing,
 * y -> -ied/-ies, and a doubled final consonant before -ed/-ing. */
static bool class_add_inflected(class_table *t, const char *b, unsigned bit)
{
    char w[64];
    size_t n = strlen(b);
    static const char *const sufs[] = {"", "s", "es", "ed", "d", "ing", NULL};
    if (n + 8 > sizeof w || n == 0) {
        return false;
    }
    for (size_t k = 0; sufs[k] != NULL; k++) {
        int l = snprintf(w, sizeof w, "%s%s", b, sufs[k]);
        if (!class_add(t, w, (size_t)l, bit)) {
            return false;
        }
    }
    char last = b[n - 1];
    int l1 = snprintf(w, sizeof w, "%s%ced", b, last);
    bool ok = class_add(t, w, (size_t)l1, bit);
    int l2 = snprintf(w, sizeof w, "%s%cing", b, last);
    ok = ok && class_add(t, w, (size_t)l2, bit);
    if (ok && last == 'e') {
        int l3 = snprintf(w, sizeof w, "%.*sing", (int)(n - 1), b);
        ok = class_add(t, w, (size_t)l3, bit);
    }
    if (ok && last == 'y') {
        int l3 = snprintf(w, sizeof w, "%.*sied", (int)(n - 1), b);
        int l4 = snprintf(w + 32, sizeof w - 32, "%.*sies", (int)(n - 1), b);
        ok = class_add(t, w, (size_t)l3, bit) && class_add(t, w + 32, (size_t)l4, bit);
    }
    return ok;
}

static void class_table_free(class_table *t)
{
    if (t == NULL) {
        return;
    }
    free(t->slots);
    free(t->text);
    free(t);
}

static class_table *class_table_new(void)
{
    class_table *t = calloc(1, sizeof *t);
    if (t == NULL) {
        return NULL;
    }
    t->n_slots = 2048;
    t->slots = calloc(t->n_slots, sizeof *t->slots);
    if (t->slots == NULL) {
        class_table_free(t);
        return NULL;
    }
    for (size_t k = 0; k < sizeof class_lists / sizeof class_lists[0]; k++) {
        const class_list *cl = &class_lists[k];
        for (size_t i = 0; cl->words[i] != NULL; i++) {
            bool ok = cl->inflect ? class_add_inflected(t, cl->words[i], cl->bit)
                                  : class_add(t, cl->words[i], strlen(cl->words[i]), cl->bit);
            if (!ok) {
                class_table_free(t);
                return NULL;
            }
        }
    }
    return t;
}

static unsigned class_of(const class_table *t, const char *w, size_t n, uint64_t h)
{
    size_t j = (size_t)h & (t->n_slots - 1);
    while (t->slots[j].len != 0) {
        const class_entry *e = &t->slots[j];
        if (e->hash == h && e->len == n && memcmp(t->text + e->off, w, n) == 0) {
            return e->bits;
        }
        j = (j + 1) & (t->n_slots - 1);
    }
    return 0;
}

enum { MAX_ARGS = 8 };

typedef struct args {
    size_t actor[MAX_ARGS];
    size_t n;
    size_t pos;       /* first token of the (first) argument */
    const char *via;  /* "pronoun" / "description" / NULL */
    const char *rule; /* why these actors (for --explain); static text */
    bool mutual;      /* "each other", "traded accusations": both directions */
} args;

#define ARGS_EMPTY                                                                                 \
    {                                                                                              \
        {0}, 0, 0, NULL, NULL, false                                                               \
    }

/* A coded event before it becomes an sg_event. */
typedef struct pending {
    size_t source, target; /* actor indexes, target SG_NONE for none */
    size_t rel;
    bool negated;
    size_t trig_first, trig_last;
    size_t attributed_to; /* actor index or SG_NONE */
    const char *via;
    const char *why_source, *why_target, *why_relation; /* for --explain */
    size_t sent;                                        /* sentence index */
} pending;

/* A growable list of coded events. */
typedef struct plist {
    pending *v;
    size_t n, cap;
} plist;

static bool plist_push(plist *l, const pending *p)
{
    if (l->n == l->cap) {
        size_t nc = l->cap == 0 ? 16 : l->cap * 2;
        pending *np = realloc(l->v, nc * sizeof *np);
        if (np == NULL) {
            return false;
        }
        l->v = np;
        l->cap = nc;
    }
    l->v[l->n++] = *p;
    return true;
}

typedef struct hist {
    size_t actor;
    size_t tok;
    size_t sent; /* sentence index */
    bool subject;
    bool plural;  /* the mention's words are plural ("British diplomats") */
    bool derived; /* an actor found through a role noun, not a mention of its own */
} hist;

/* Coreference looks back over this many sentences (the current one included). */
enum { COREF_WINDOW = 3 };

typedef struct scratch {
    class_table *classes;
    size_t last_unresolved; /* 1 + the last pronoun counted unresolved, 0 for none */
    unsigned *cls;          /* per token of the sentence: class bits */
    int *tok_mention;       /* per token of the sentence: mention index or -1 */
    int *tok_trigger;       /* per token: trigger index or -1 */
    size_t cap_tok;
    bool *consumed; /* per trigger */
    size_t cap_trig;
    plist pend;
    hist *hist; /* document-level mention history for coreference */
    size_t n_hist, cap_hist;
    args last_chain; /* last coordinated actors (2+), for "they" */
    size_t last_chain_tok;
    /* ", saying ...": the main subject reports what follows token part_pos */
    args part_speaker;
    size_t part_pos;
    size_t speaker;     /* the latest speaker in the sentence (reporting verb, "according to") */
    bool prev_assembly; /* the latest verb was a protest or deployment (CAMEO 14, 15) */
    bool prev_perfect;  /* the latest verb had "had"/"has" */
    bool cur_aux;       /* the verb being read has an auxiliary */
    /* document-level record of accusations and statements, for denials: source,
     * target (for a statement: each actor its sentence mentions), relation */
    plist claims;
    /* document-level record of coded acts (source and sentence), for "the move" */
    plist acts;
} scratch;

typedef struct ctx {
    const sg_lexicon *lex;
    const sg_doc *doc;
    sg_worker *w;
    scratch *sc;
    const sg_tok *toks;
    size_t first, last; /* sentence token range */
    size_t rel_statement, rel_deny;
    size_t sent; /* index of the current sentence */
} ctx;

/* ---- token helpers ---- */

static bool ends_with(const struct ctx *c, size_t i, const char *suffix);
static bool infinitive_at(const struct ctx *c, size_t i);

/* Is token i (inside the sentence; any index outside it, including one that wrapped
 * below zero, is not) the word w? */
static bool tok_is(const ctx *c, size_t i, const char *w)
{
    if (i < c->first || i >= c->last) {
        return false;
    }
    const sg_tok *t = &c->toks[i];
    size_t l = strlen(w);
    return t->norm_len == l && memcmp(sg_i_doc_norm(c->doc, t), w, l) == 0;
}

static bool tok_in(const ctx *c, size_t i, unsigned cls)
{
    return i >= c->first && i < c->last && (c->sc->cls[i - c->first] & cls) != 0;
}

/* Does token i (a word inside the sentence) end with suffix? */
static bool ends_with(const ctx *c, size_t i, const char *suffix)
{
    if (i < c->first || i >= c->last || !(c->toks[i].flags & SG_TK_WORD)) {
        return false;
    }
    size_t n = c->toks[i].norm_len, l = strlen(suffix);
    return n > l + 1 && memcmp(sg_i_doc_norm(c->doc, &c->toks[i]) + n - l, suffix, l) == 0;
}

static bool is_adverb(const ctx *c, size_t i)
{
    if (tok_in(c, i, CL_ADV)) {
        return true;
    }
    const sg_tok *t = &c->toks[i];
    if (!(t->flags & SG_TK_WORD) || (t->flags & SG_TK_CAP) || t->norm_len < 5) {
        return false;
    }
    const char *s = sg_i_doc_norm(c->doc, t);
    return memcmp(s + t->norm_len - 2, "ly", 2) == 0 && !tok_in(c, i, CL_LYNOUN);
}

static int mention_at(const ctx *c, size_t i)
{
    return i >= c->first && i < c->last ? c->sc->tok_mention[i - c->first] : -1;
}

static int trigger_at(const ctx *c, size_t i)
{
    return i >= c->first && i < c->last ? c->sc->tok_trigger[i - c->first] : -1;
}

static const sg_mention *mention(const ctx *c, int m)
{
    return &c->w->mentions[m];
}

static bool is_poss(const ctx *c, size_t i)
{
    return i >= c->first && i < c->last && (c->toks[i].flags & SG_TK_POSS);
}

static bool is_punct(const ctx *c, size_t i, const char *p)
{
    return i >= c->first && i < c->last && (c->toks[i].flags & SG_TK_PUNCT) && tok_is(c, i, p);
}

/* A mention after a locative preposition ("In Yerevan, ...", "talks in Doha") names a
 * place, not a participant. */
static bool is_locative(const ctx *c, int m)
{
    size_t f = mention(c, m)->first;
    if (f == c->first) {
        return false;
    }
    size_t p = f - 1;
    if (tok_in(c, p, CL_COMPASS) && p > c->first) {
        p--; /* "in northern Kosovo", "across eastern Ukraine" */
    }
    if (tok_in(c, p, CL_DET) && p > c->first) {
        p--;
    }
    if (tok_is(c, p, "in") && tok_in(c, p - 1, CL_ROLE)) {
        return false; /* "senior figures in Georgian Dream", "officials in the party" */
    }
    return tok_in(c, p, CL_LOC);
}

static const char *actor_type(const ctx *c, size_t a)
{
    return c->lex->actors[a].type;
}

static bool is_person(const ctx *c, size_t a)
{
    return strcmp(actor_type(c, a), "person") == 0;
}

static size_t root_of(const ctx *c, size_t a)
{
    size_t guard = 0;
    while (c->lex->actors[a].parent != SG_NONE && guard++ < 64) {
        a = c->lex->actors[a].parent;
    }
    return a;
}

static const char *rel_cameo(const ctx *c, size_t r)
{
    return c->lex->relations[r].cameo;
}

static bool rel_root(const ctx *c, size_t r, const char *root);

/* Does relation r name a material act whose verb can carry a noun that names the act
 * ("struck a deal", "offered aid")? Statements, appeals, demands, criticism,
 * rejections and threats (CAMEO 01, 02, 10-14) take such nouns as what they are about
 * ("condemned the drills"). */
static bool carrier_verb(const ctx *c, size_t r)
{
    static const char *const roots[] = {"03", "04", "05", "06", "07", "08",
                                        "15", "17", "18", "19", NULL};
    for (size_t k = 0; roots[k] != NULL; k++) {
        if (rel_root(c, r, roots[k])) {
            return true;
        }
    }
    return false;
}

static bool rel_root(const ctx *c, size_t r, const char *root)
{
    return strncmp(rel_cameo(c, r), root, 2) == 0;
}

static unsigned rel_flags(const ctx *c, size_t r)
{
    return c->lex->relations[r].flags;
}

/* ---- argument collection ---- */

static void args_add(args *a, size_t actor)
{
    for (size_t i = 0; i < a->n; i++) {
        if (a->actor[i] == actor) {
            return;
        }
    }
    if (a->n < MAX_ARGS) {
        a->actor[a->n++] = actor;
    }
}

/* Coordination: "A and B", "A, B and C", "A, B, and the C". A comma alone does not
 * coordinate ("Russia attacked Ukraine, Hungary said"; "the minister, Albin Kurti"):
 * a list counts only up to its last "and"/"or". */

/* The start of the phrase before mention start f: an article, a title or demonym
 * ("the", "Azerbaijani President X", "Mr. X") that is not itself a mention. */
static size_t skip_premodifier(const ctx *c, size_t f)
{
    if (f > c->first && mention_at(c, f - 1) < 0 && (c->toks[f - 1].flags & SG_TK_CAP) &&
        f - 1 > c->first && !tok_in(c, f - 1, CL_DET)) {
        f--;
    }
    if (f > c->first && tok_is(c, f - 1, "the")) {
        f--;
    }
    return f;
}

/* Collects the mention m and the mentions coordinated with it to the left
 * ("A, B and C V ...") into a, in text order. */
static void coord_left(const ctx *c, int m, args *a)
{
    size_t base = a->n;
    bool seen_and = false;
    args_add(a, mention(c, m)->actor);
    a->pos = mention(c, m)->first;
    size_t p = skip_premodifier(c, mention(c, m)->first);
    while (p > c->first + 1) {
        size_t q = p - 1;
        bool is_and = tok_is(c, q, "and") || tok_is(c, q, "or") || tok_is(c, q, "nor");
        if (!is_and && !(is_punct(c, q, ",") && seen_and)) {
            break;
        }
        if (is_and && q > c->first && is_punct(c, q - 1, ",")) {
            q--;
        }
        seen_and = seen_and || is_and;
        if (q == c->first) {
            break;
        }
        size_t r = q - 1;
        int m2 = mention_at(c, r);
        if (m2 < 0 || mention(c, m2)->last != r + 1 || is_locative(c, m2)) {
            break;
        }
        args_add(a, mention(c, m2)->actor);
        a->pos = mention(c, m2)->first;
        p = skip_premodifier(c, mention(c, m2)->first);
    }
    /* collected right to left: restore text order */
    for (size_t i = base, j = a->n; i + 1 < j; i++, j--) {
        size_t t = a->actor[i];
        a->actor[i] = a->actor[j - 1];
        a->actor[j - 1] = t;
    }
}

/* Collects the mention m and the mentions coordinated with it to the right; returns
 * the token after the last one taken. */
static size_t coord_right(const ctx *c, int m, args *a)
{
    int chain[MAX_ARGS];
    bool and_link[MAX_ARGS];
    size_t n = 0;
    size_t p = mention(c, m)->last;
    while (n < MAX_ARGS) {
        size_t q = p;
        bool comma = false, is_and = false;
        if (is_poss(c, q)) {
            break; /* "A and B's ..." is rare; stop conservatively */
        }
        if (is_punct(c, q, ",")) {
            comma = true;
            q++;
        }
        if (tok_is(c, q, "and") || tok_is(c, q, "or") || tok_is(c, q, "nor")) {
            is_and = true;
            q++;
        }
        if (!comma && !is_and) {
            break;
        }
        if (is_and && tok_in(c, q, CL_PREP)) {
            /* "on the Rwanda Defence Force and on M23": the same preposition again */
            size_t pp = skip_premodifier(c, mention(c, m)->first) - 1;
            if (pp >= c->first && pp < c->last && c->toks[pp].hash == c->toks[q].hash) {
                q++;
            }
        }
        if (tok_is(c, q, "the")) {
            q++;
        }
        if (q + 1 < c->last && mention_at(c, q) < 0 && (c->toks[q].flags & SG_TK_CAP) &&
            mention_at(c, q + 1) >= 0 && mention(c, mention_at(c, q + 1))->first == q + 1) {
            q++; /* "and Azerbaijani President Aliyev", "and Mr. Vucic" */
        }
        int m2 = mention_at(c, q);
        if (q >= c->last || m2 < 0 || mention(c, m2)->first != q || is_locative(c, m2)) {
            break;
        }
        chain[n] = m2;
        and_link[n] = is_and;
        n++;
        p = mention(c, m2)->last;
    }
    size_t take = 0;
    for (size_t i = 0; i < n; i++) {
        if (and_link[i]) {
            take = i + 1;
        }
    }
    args_add(a, mention(c, m)->actor);
    size_t end = mention(c, m)->last;
    for (size_t i = 0; i < take; i++) {
        args_add(a, mention(c, chain[i])->actor);
        end = mention(c, chain[i])->last;
    }
    return end;
}

/* Is mention m plural on its face ("Houthi rebels", "the Houthis", "British
 * diplomats")? Its last word ends in -s, but not -ss, -us or -is. */
static bool plural_mention(const ctx *c, int m)
{
    const sg_mention *mm = mention(c, m);
    const sg_tok *t = &c->toks[mm->last - 1];
    const char *w = sg_i_doc_norm(c->doc, t);
    size_t n = t->norm_len;
    bool s_end = n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i';
    /* a common noun ("rebels", "troops") or a one-word name ("the Houthis"); not a
     * name like "United Nations" */
    bool one_word =
        mm->last - mm->first == 1 || (mm->last - mm->first == 2 && tok_is(c, mm->first, "the"));
    return s_end && (!(t->flags & SG_TK_CAP) || one_word);
}

/* ---- coreference ---- */

static bool hist_push(scratch *sc, size_t actor, size_t tok, size_t sent, bool subject, bool plural,
                      bool derived)
{
    if (sc->n_hist == sc->cap_hist) {
        size_t nc = sc->cap_hist == 0 ? 64 : sc->cap_hist * 2;
        hist *p = realloc(sc->hist, nc * sizeof *p);
        if (p == NULL) {
            return false;
        }
        sc->hist = p;
        sc->cap_hist = nc;
    }
    sc->hist[sc->n_hist++] = (hist){actor, tok, sent, subject, plural, derived};
    return true;
}

static bool plural_actor(const ctx *c, size_t a)
{
    const char *t = actor_type(c, a);
    for (size_t k = 0; w_group_types[k] != NULL; k++) {
        if (strcmp(t, w_group_types[k]) == 0) {
            return true;
        }
    }
    const char *name = c->lex->actors[a].name;
    size_t l = strlen(name);
    return l > 1 && name[l - 1] == 's' && strcmp(t, "country") != 0 && strcmp(t, "person") != 0;
}

/* Is history entry e close enough before token p to be referred back to? */
static bool in_window(const ctx *c, const hist *e, size_t p)
{
    return e->tok < p && e->sent + COREF_WINDOW > c->sent;
}

/* History is in text order: scanning backwards, stop at the first entry too old. */
static bool too_old(const ctx *c, const hist *e)
{
    return e->sent + COREF_WINDOW <= c->sent;
}

/* Finds the last coordination of two or more actors that starts before token p in the
 * current sentence. */
static bool last_chain_before(const ctx *c, size_t p, args *chain, size_t *tok)
{
    bool found = false;
    for (size_t m = 0; m + 1 < c->w->n_mentions && c->w->mentions[m].first < p; m++) {
        args a = ARGS_EMPTY;
        (void)coord_right(c, (int)m, &a);
        if (a.n >= 2) {
            *chain = a;
            *tok = c->w->mentions[m].first;
            found = true;
        }
    }
    return found;
}

/* Counts the pronoun at token p as unresolved, once however often it is tried.
 * Returns false (the caller's "not found"). */
static bool count_unresolved(const ctx *c, size_t p)
{
    if (c->sc->last_unresolved != p + 1) {
        c->sc->last_unresolved = p + 1;
        c->w->counts.unresolved++;
    }
    return false;
}

/* Resolves the pronoun at token p (before position `before`) to actors. */
static bool resolve_pronoun(const ctx *c, size_t p, size_t exclude, args *out)
{
    scratch *sc = c->sc;
    out->n = 0;
    out->via = "pronoun";
    out->rule = "pronoun resolved to a recent compatible actor";
    out->pos = p;
    if (tok_in(c, p, CL_THEY)) {
        /* the more recent of: a plural actor in subject position, the last
         * coordination of actors; failing both, the latest plural actor */
        size_t best = SG_NONE, best_tok = 0;
        for (size_t h = sc->n_hist; h-- > 0;) {
            const hist *e = &sc->hist[h];
            if (too_old(c, e)) {
                break;
            }
            if (in_window(c, e, p) && e->subject && (e->plural || plural_actor(c, e->actor)) &&
                e->actor != exclude) {
                best = e->actor;
                best_tok = e->tok;
                break;
            }
        }
        args cur = ARGS_EMPTY;
        size_t cur_tok = 0;
        if (last_chain_before(c, p, &cur, &cur_tok)) {
            sc->last_chain = cur;
            sc->last_chain_tok = cur_tok;
        }
        if (sc->last_chain.n >= 2 && sc->last_chain_tok < p &&
            (best == SG_NONE || sc->last_chain_tok > best_tok)) {
            for (size_t i = 0; i < sc->last_chain.n; i++) {
                if (sc->last_chain.actor[i] != exclude) {
                    args_add(out, sc->last_chain.actor[i]);
                }
            }
            return out->n > 0;
        }
        if (best != SG_NONE) {
            args_add(out, best);
            return true;
        }
        for (size_t h = sc->n_hist; h-- > 0;) {
            if (too_old(c, &sc->hist[h])) {
                break;
            }
            if (in_window(c, &sc->hist[h], p) &&
                (sc->hist[h].plural || plural_actor(c, sc->hist[h].actor)) &&
                sc->hist[h].actor != exclude) {
                args_add(out, sc->hist[h].actor);
                return true;
            }
        }
        return false;
    }
    bool person = tok_in(c, p, CL_HE);
    if (!person && !tok_in(c, p, CL_IT)) {
        return false;
    }
    /* prefer the most recent subject, then any mention, of a compatible type */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t h = sc->n_hist; h-- > 0;) {
            const hist *e = &sc->hist[h];
            if (too_old(c, e)) {
                break;
            }
            if (!in_window(c, e, p) || e->actor == exclude || (pass == 0 && !e->subject)) {
                continue;
            }
            if (is_person(c, e->actor) != person || (!person && e->plural)) {
                continue;
            }
            args_add(out, e->actor);
            return true;
        }
    }
    return false;
}

/* Is mention m in subject position: not after a preposition (except "thousands of"),
 * and followed by what can start a predicate? */
static bool subject_like(const ctx *c, int m)
{
    const sg_mention *mm = mention(c, m);
    if (is_locative(c, m)) {
        return false;
    }
    if (mm->first > c->first) {
        size_t p = mm->first - 1;
        if (tok_in(c, p, CL_DET) && p > c->first) {
            p--;
        }
        if (tok_in(c, p, CL_PREP) && !(tok_is(c, p, "of") && tok_in(c, p - 1, CL_QUANT))) {
            return false;
        }
    }
    size_t n = mm->last;
    if (n >= c->last || is_poss(c, n)) {
        return false;
    }
    if (skip_premodifier(c, mm->first) == c->first && is_punct(c, n, ",")) {
        return true; /* "Rafael Grossi, the head of ..., arrived": an apposition follows */
    }
    const sg_tok *t = &c->toks[n];
    if (tok_in(c, n, CL_BE) || tok_in(c, n, CL_AUX) || tok_in(c, n, CL_MODAL) ||
        tok_in(c, n, CL_NEG)) {
        return true;
    }
    return (t->flags & SG_TK_WORD) && !(t->flags & SG_TK_CAP) && !tok_in(c, n, CL_PREP) &&
           !tok_in(c, n, CL_DET) && !tok_is(c, n, "and") && !tok_is(c, n, "or");
}

/* Definite descriptions: "the group said", "accused the ministry". Each noun names
 * the actor types it can refer to ('|'-separated, as in the lexicon's "type"). */
typedef struct description {
    const char *noun;
    const char *types;
} description;

static const description descriptions[] = {
    {"group", "group|rebels|militia|armed group|party"},
    {"militia", "group|rebels|militia|armed group"},
    {"rebels", "rebels|group|militia|armed group"},
    {"insurgents", "rebels|group|militia|armed group"},
    {"movement", "group|rebels|party"},
    {"party", "party"},
    {"ministry", "ministry"},
    {"country", "country"},
    {"nation", "country"},
    {"kingdom", "country"},
    {"republic", "country"},
    {"government", "government|country"},
    {"junta", "government|military|country"},
    {"enclave", "government|country"},
    {"separatists", "government|rebels|group"},
    {"regime", "government|country"},
    {"administration", "government|country"},
    {"authorities", "government|country"},
    {"army", "military"},
    {"military", "military"},
    {"alliance", "igo"},
    {"bloc", "igo"},
    {"organisation", "igo|group"},
    {"organization", "igo|group"},
    {"union", "igo|group"},
    {"agency", "igo|ministry"},
    {"council", "igo|government"},
    {"court", "igo"},
    {"chief", "person"},
    {"head", "person"},
    {"president", "person"},
    {"minister", "person"},
    {"leader", "person"},
    {"premier", "person"},
    {"chancellor", "person"},
    {"protesters", "protesters"},
    {"militants", "rebels|group|militia|armed group"},
    {"fighters", "rebels|group|militia|armed group"},
    {"guerrillas", "rebels|group|militia|armed group"},
    {"jihadists", "rebels|group|militia|armed group"},
    {"demonstrators", "protesters"},
    {NULL, NULL},
};

static const char *description_types(const ctx *c, size_t i)
{
    for (size_t k = 0; descriptions[k].noun != NULL; k++) {
        if (tok_is(c, i, descriptions[k].noun)) {
            return descriptions[k].types;
        }
    }
    return NULL;
}

static bool type_in(const char *type, const char *types)
{
    size_t n = strlen(type);
    for (const char *p = types; n > 0 && *p != '\0';) {
        const char *bar = strchr(p, '|');
        size_t l = bar != NULL ? (size_t)(bar - p) : strlen(p);
        if (l == n && memcmp(p, type, n) == 0) {
            return true;
        }
        p += l + (bar != NULL);
    }
    return false;
}

/* Resolves "the NOUN" at tokens [i-1, i] to the most recent actor (within the
 * coreference window) whose type the noun can name, other than exclude. */
static bool resolve_description(const ctx *c, size_t i, size_t exclude, args *out)
{
    if (i <= c->first || i >= c->last || mention_at(c, i) >= 0) {
        return false;
    }
    size_t d = i - 1;
    if (!(tok_is(c, d, "the") || tok_is(c, d, "this")) && d > c->first &&
        (c->toks[d].flags & SG_TK_WORD) && mention_at(c, d) < 0 && !tok_in(c, d, CL_PREP)) {
        d--; /* "the paramilitary group", "the Hungarian leader" */
    }
    if (!(tok_is(c, d, "the") || tok_is(c, d, "this"))) {
        return false;
    }
    const char *types = description_types(c, i);
    if (types == NULL) {
        return false;
    }
    /* "the alliance chief": a modifier that is itself a description constrains the
     * actor's parent */
    const char *parent_types = d + 1 < i ? description_types(c, d + 1) : NULL;
    /* types in the order the description lists them: "the junta" is a government
     * before it is a military, and a military before it is a country */
    char want[32];
    for (const char *tp = types; *tp != '\0';) {
        const char *bar = strchr(tp, '|');
        size_t l1 = bar != NULL ? (size_t)(bar - tp) : strlen(tp);
        snprintf(want, sizeof want, "%.*s", (int)(l1 < 31 ? l1 : 31), tp);
        tp += l1 + (bar != NULL);
        for (size_t h = c->sc->n_hist; h-- > 0;) {
            const hist *e = &c->sc->hist[h];
            if (too_old(c, e)) {
                break;
            }
            if (!in_window(c, e, i - 1)) {
                continue;
            }
            size_t par = c->lex->actors[e->actor].parent;
            if (parent_types != NULL &&
                (par == SG_NONE || !type_in(actor_type(c, par), parent_types))) {
                continue;
            }
            if (parent_types == NULL && is_person(c, e->actor) && par != SG_NONE &&
                par != exclude && strcmp(want, "person") != 0 &&
                strcmp(actor_type(c, par), "country") != 0 &&
                strcmp(actor_type(c, par), want) == 0) {
                /* "met IAEA chief Rafael Grossi and urged the agency": his organisation */
                out->n = 0;
                args_add(out, par);
                out->via = "description";
                out->rule = "definite description resolved to a recent person's organisation";
                out->pos = i - 1;
                return true;
            }
            if (e->actor != exclude && strcmp(actor_type(c, e->actor), want) == 0) {
                out->n = 0;
                args_add(out, e->actor);
                out->via = "description";
                out->rule = "definite description resolved to a recent actor of its type";
                out->pos = i - 1;
                return true;
            }
        }
    }
    return false;
}

/* Role nouns that name a part of an actor, with the child type to look for: "its
 * army", "Azerbaijan's troops" -> the country's military actor when the lexicon has
 * one. */
static size_t role_child(const ctx *c, size_t actor, size_t noun)
{
    static const description roles[] = {{"army", "military"},
                                        {"military", "military"},
                                        {"forces", "military"},
                                        {"troops", "military"},
                                        {"soldiers", "military"},
                                        {"police", "police"},
                                        {"government", "government"},
                                        {"cabinet", "government"},
                                        {"administration", "government"},
                                        {NULL, NULL}};
    const char *type = NULL;
    for (size_t k = 0; roles[k].noun != NULL && type == NULL; k++) {
        if (tok_is(c, noun, roles[k].noun)) {
            type = roles[k].types;
        }
    }
    static const char *const orgs[] = {"agency",         "country", "government", "organisation",
                                       "organization",   "party",   "ministry",   "movement",
                                       "administration", "group",   NULL};
    if (type == NULL && is_person(c, actor) && c->lex->actors[actor].parent != SG_NONE) {
        for (size_t k = 0; orgs[k] != NULL; k++) {
            if (tok_is(c, noun, orgs[k])) {
                return c->lex->actors[actor].parent; /* "his agency", "her party" */
            }
        }
    }
    if (type == NULL) {
        return actor;
    }
    /* the actor's own child of that type, else its parent's ("a ministry's troops"
     * are the country's military) */
    for (size_t up = actor, hops = 0; up != SG_NONE && hops < 2;
         up = c->lex->actors[up].parent, hops++) {
        if (strcmp(c->lex->actors[up].type, type) == 0) {
            return up;
        }
        for (size_t a = 0; a < c->lex->n_actors; a++) {
            if (c->lex->actors[a].parent == up && strcmp(c->lex->actors[a].type, type) == 0) {
                return a;
            }
        }
    }
    return actor;
}

/* ---- verb groups ---- */

typedef struct vgroup {
    size_t start; /* first token of the verb group (aux, negation, adverbs) */
    bool negated, be, modal, have;
} vgroup;

/* Scans left from token v over auxiliaries, negation, adverbs, "to" after a control
 * verb, and "failed to". */
static vgroup verb_group(const ctx *c, size_t v)
{
    vgroup g = {v, false, false, false, false};
    size_t p = v;
    while (p > c->first) {
        size_t q = p - 1;
        if (tok_in(c, q, CL_NEG)) {
            g.negated = true;
        } else if (tok_in(c, q, CL_BE)) {
            g.be = true;
        } else if (tok_in(c, q, CL_AUX)) {
            g.have = g.have || !tok_is(c, q, "did");
        } else if (tok_in(c, q, CL_MODAL)) {
            g.modal = true;
        } else if (is_adverb(c, q) && mention_at(c, q) < 0) {
            /* skip */
        } else if (tok_is(c, q, "to") && q > c->first && tok_in(c, q - 1, CL_CONTROL)) {
            if (tok_in(c, q - 1, CL_FAIL)) {
                g.negated = true;
            }
            q--;
        } else if (tok_is(c, q, "no") && tok_is(c, q + 1, "longer")) {
            g.negated = true;
        } else if (tok_in(c, q, CL_TIME) && q > c->first &&
                   (tok_is(c, q - 1, "on") || tok_is(c, q - 1, "last") ||
                    tok_is(c, q - 1, "this") || tok_is(c, q - 1, "earlier") ||
                    tok_is(c, q - 1, "later"))) {
            q--; /* "on Tuesday", "last week" between subject and verb */
        } else if ((c->toks[q].flags & SG_TK_NUM) && q > c->first + 1 &&
                   tok_in(c, q - 1, CL_TIME) && tok_is(c, q - 2, "on")) {
            q -= 2; /* "on March 3" */
        } else {
            break;
        }
        p = q;
    }
    g.start = p;
    return g;
}

static bool is_claim_word(const ctx *c, size_t i);

/* Is there a habitual adverb in the verb group [start, verb)? */
static bool habitual_in_group(const ctx *c, size_t start, size_t verb)
{
    for (size_t i = start; i < verb; i++) {
        if (tok_in(c, i, CL_HABIT)) {
            return true;
        }
    }
    return false;
}

/* Is a nominal event at pos hypothetical: a modal or a word like "unlikely", "plans"
 * anywhere in its clause, before or after it? */
static bool hypothetical_clause(const ctx *c, size_t pos)
{
    for (size_t i = pos; i-- > c->first;) {
        if (is_punct(c, i, ",") || is_punct(c, i, ";") || tok_in(c, i, CL_RELPRO)) {
            break;
        }
        if (tok_in(c, i, CL_MODAL) || tok_in(c, i, CL_HYPO) || tok_is(c, i, "if")) {
            return true;
        }
    }
    for (size_t i = pos + 1; i < c->last; i++) {
        if (is_punct(c, i, ",") || is_punct(c, i, ";") || tok_in(c, i, CL_RELPRO)) {
            break;
        }
        if (tok_in(c, i, CL_MODAL) || tok_in(c, i, CL_HYPO)) {
            return true;
        }
    }
    return false;
}

/* "both sides", "the two sides", "both parties" at token p (the noun): the two actors
 * of the latest act with a target. */
static bool both_sides(const ctx *c, size_t p, args *out)
{
    if (!(tok_is(c, p, "sides") || tok_is(c, p, "parties")) ||
        !(tok_is(c, p - 1, "both") || (tok_is(c, p - 1, "two") && tok_is(c, p - 2, "the")))) {
        return false;
    }
    for (size_t k = c->sc->acts.n; k-- > 0;) {
        const pending *q = &c->sc->acts.v[k];
        if (q->sent + 2 <= c->sent) {
            break; /* "both sides" names a pair just mentioned */
        }
        if (q->target != SG_NONE) {
            out->n = 0;
            args_add(out, q->source);
            args_add(out, q->target);
            out->via = "description";
            out->rule = "'both sides': the two actors of the latest act";
            out->pos = p - 1;
            return true;
        }
    }
    return false;
}

/* A subject found through a possessor or a role noun ("Mali's military government")
 * names an actor no mention names: remember it for later coreference. */
static void remember_subject(const ctx *c, const args *src)
{
    for (size_t i = 0; i < src->n; i++) {
        bool known = false;
        for (size_t h = c->sc->n_hist; h-- > 0 && !known;) {
            const hist *e = &c->sc->hist[h];
            if (e->sent != c->sent) {
                break;
            }
            known = e->actor == src->actor[i];
        }
        if (!known) {
            (void)hist_push(c->sc, src->actor[i], src->pos, c->sent, true, false, true);
        }
    }
}

/* ---- subjects ---- */

static bool find_subject(const ctx *c, size_t start, args *out, bool *in_relative,
                         const args *prev_subject, const args *first_subject);

/* The NP ending at p: an actor head, or a possessor with a role noun ("Rwanda's
 * government spokesperson"), or "N of ACTOR". */
static bool np_subject(const ctx *c, size_t p, args *out)
{
    int m = mention_at(c, p);
    if (m >= 0 && mention(c, m)->last == p + 1) {
        if (is_locative(c, m) && mention(c, m)->first > c->first + 1) {
            /* "Ethnic Armenians in Karabakh are ...": skip the place */
            size_t q = mention(c, m)->first - 1;
            if (tok_in(c, q - 1, CL_DET)) {
                q--;
            }
            if (q > c->first) {
                return np_subject(c, q - 1, out);
            }
            return false;
        }
        size_t f = mention(c, m)->first;
        size_t fp = tok_is(c, f - 1, "the") ? f - 1 : f;
        if (fp > c->first + 1 && tok_in(c, fp - 1, CL_PP_HEAD)) {
            /* "X's accusations against Y were ...", "Beijing's envoy to the UN": Y is
             * inside a modifier */
            return np_subject(c, fp - 2, out);
        }
        coord_left(c, m, out);
        out->rule = out->n > 1 ? "coordinated actors before the verb" : "actor before the verb";
        return true;
    }
    if (resolve_description(c, p, SG_NONE, out)) {
        return true;
    }
    /* "Ukrainian troops near Kupiansk were ...": skip a place phrase of unknown names */
    size_t lp = p;
    while (lp > c->first + 1 && (c->toks[lp].flags & SG_TK_CAP) && mention_at(c, lp) < 0) {
        lp--;
    }
    if (lp < p && tok_in(c, lp, CL_LOC) && lp > c->first) {
        return np_subject(c, lp - 1, out);
    }
    if (p > c->first && both_sides(c, p, out)) {
        return true;
    }
    if (p > c->first &&
        (tok_is(c, p - 1, "both") ||
         (tok_is(c, p - 1, "two") && p > c->first + 1 && tok_is(c, p - 2, "the"))) &&
        tok_in(c, p, CL_ROLE)) {
        return resolve_pronoun(c, p - 1, SG_NONE, out) && out->n >= 2;
    }
    /* walk left over a short noun phrase looking for a possessor */
    for (size_t k = 0, q = p; k < 5; k++, q--) {
        const sg_tok *t = &c->toks[q];
        int pt = trigger_at(c, p);
        bool role = tok_in(c, p, CL_ROLE) || is_claim_word(c, p) ||
                    (pt >= 0 && c->w->triggers[pt].noun_rel != SG_NONE);
        if (is_poss(c, q)) {
            int pm = mention_at(c, q - 1);
            if (pm >= 0 && role) {
                coord_left(c, pm, out);
                if (out->n == 1) {
                    out->actor[0] = role_child(c, out->actor[0], p);
                }
                out->via = "description";
                out->rule = "possessor of the noun before the verb";
                return true;
            }
            if (pm < 0 && role && q > c->first && resolve_description(c, q - 1, SG_NONE, out)) {
                out->rule = "possessor (a definite description) of the noun before the verb";
                return true;
            }
            return false;
        }
        if (k > 0 && role &&
            (tok_is(c, q, "its") || tok_is(c, q, "their") || tok_is(c, q, "his") ||
             tok_is(c, q, "her"))) {
            if (resolve_pronoun(c, q, SG_NONE, out)) {
                if (out->n == 1) {
                    out->actor[0] = role_child(c, out->actor[0], p);
                }
                out->rule = "possessive pronoun of the noun before the verb";
                return true;
            }
            return false;
        }
        int am = k > 0 ? mention_at(c, q) : -1;
        if (am >= 0 && mention(c, am)->last == q + 1 && role && !is_locative(c, am)) {
            coord_left(c, am, out);
            if (out->n == 1) {
                out->actor[0] = role_child(c, out->actor[0], p);
            }
            out->via = "description";
            out->rule = "actor modifying the noun before the verb";
            return true;
        }
        if (k > 0 && role && tok_is(c, q, "whose")) {
            /* "The IAEA, whose inspectors were expelled": the antecedent */
            size_t r = is_punct(c, q - 1, ",") ? q - 2 : q - 1;
            int rm = mention_at(c, r);
            if (q > c->first + 1 && rm >= 0 && mention(c, rm)->last == r + 1) {
                args_add(out, mention(c, rm)->actor);
                out->pos = mention(c, rm)->first;
                out->rule = "antecedent of 'whose'";
                return true;
            }
            return false;
        }
        if (!(t->flags & SG_TK_WORD) || (t->flags & SG_TK_CAP && k > 0) || tok_in(c, q, CL_PREP) ||
            tok_in(c, q, CL_BE) || tok_in(c, q, CL_AUX) ||
            (trigger_at(c, q) >= 0 && !(k == 0 && role)) || mention_at(c, q) >= 0) {
            return false;
        }
        if (q == c->first) {
            break;
        }
    }
    return false;
}

static bool find_subject(const ctx *c, size_t start, args *out, bool *in_relative,
                         const args *prev_subject, const args *first_subject)
{
    out->n = 0;
    out->via = NULL;
    *in_relative = false;
    if (start <= c->first) {
        return false;
    }
    size_t p = start - 1;
    /* relative pronoun: "Armenia, which supported ..." */
    if (tok_in(c, p, CL_RELPRO) ||
        (tok_is(c, p, "that") && p > c->first && mention_at(c, p - 1) >= 0)) {
        size_t q = p - 1;
        if (is_punct(c, q, ",") && q > c->first) {
            q--;
        }
        int m = mention_at(c, q);
        *in_relative = true;
        if (m >= 0 && mention(c, m)->last == q + 1) {
            args_add(out, mention(c, m)->actor);
            out->pos = mention(c, m)->first;
            out->rule = "antecedent of the relative pronoun";
            return true;
        }
        return false;
    }
    /* pronoun or quantifier subject */
    if ((tok_in(c, p, CL_THEY) || tok_in(c, p, CL_IT) || tok_in(c, p, CL_HE)) &&
        (p == c->first || !tok_in(c, p - 1, CL_DET))) {
        return resolve_pronoun(c, p, SG_NONE, out) || count_unresolved(c, p);
    }
    /* conjoined verb phrase: "X denied the claim and accused Y" */
    if ((tok_is(c, p, "and") || tok_is(c, p, "but") || tok_is(c, p, "then")) &&
        (prev_subject == NULL || prev_subject->n == 0) && p > c->first &&
        !tok_in(c, p - 1, CL_PREP)) {
        /* "The Houthis claimed responsibility and threatened X": the sentence's first
         * actor in subject position, when it comes before the conjunction */
        for (size_t m = 0; m < c->w->n_mentions && c->w->mentions[m].last <= p; m++) {
            if (subject_like(c, (int)m)) {
                coord_right(c, (int)m, out);
                out->pos = c->w->mentions[m].first;
                out->rule = "shared subject of conjoined verbs";
                return true;
            }
        }
        return false;
    }
    if ((tok_is(c, p, "and") || tok_is(c, p, "but") || tok_is(c, p, "then")) &&
        prev_subject != NULL && prev_subject->n > 0) {
        /* ", and V" coordinates with the main clause, "and V" with the nearest verb;
         * a plain past after a reported pluperfect ("X said Y had shelled Z and accused
         * W") goes back to the main clause too */
        bool main_clause = is_punct(c, p - 1, ",") || (c->sc->prev_perfect && !c->sc->cur_aux);
        *out = main_clause && first_subject != NULL && first_subject->n > 0 ? *first_subject
                                                                            : *prev_subject;
        out->rule = "shared subject of conjoined verbs";
        return true;
    }
    /* parenthetical: "Kim Yo Jong, the sister of ..., threatened" */
    if (is_punct(c, p, ",")) {
        size_t q = p;
        while (q > c->first + 1) {
            q--;
            if (is_punct(c, q, ",")) {
                break;
            }
        }
        if (is_punct(c, q, ",") && q > c->first) {
            /* ", Gen. X," naming the role noun before it ("Its commander, Gen. X,") */
            size_t a = tok_is(c, q + 1, "the") ? q + 2 : q + 1;
            int am = mention_at(c, a);
            int hm = mention_at(c, q - 1);
            bool head_is_actor = hm >= 0 && mention(c, hm)->last == q;
            if (am >= 0 && mention(c, am)->first == a && mention(c, am)->last == p &&
                !head_is_actor && tok_in(c, q - 1, CL_ROLE)) {
                args_add(out, mention(c, am)->actor);
                out->pos = a;
                out->rule = "apposition naming the subject";
                return true;
            }
            if (np_subject(c, q - 1, out)) {
                out->rule = "actor before an apposition or parenthesis";
                return true;
            }
        }
        return false;
    }
    if (is_punct(c, p, ")")) {
        /* "the Rapid Support Forces (RSF) attacked" */
        size_t q = p;
        while (q > c->first && !is_punct(c, q, "(")) {
            q--;
        }
        return is_punct(c, q, "(") && q > c->first && np_subject(c, q - 1, out);
    }
    return np_subject(c, p, out);
}

/* Is there a modal ("would", "could") between the start of the clause holding token
 * pos and pos? Nominal events in such clauses are not facts. */
static bool modal_in_clause(const ctx *c, size_t pos)
{
    for (size_t i = pos; i-- > c->first;) {
        if (is_punct(c, i, ",") || is_punct(c, i, ";") || tok_is(c, i, "that") ||
            tok_in(c, i, CL_RELPRO)) {
            return false;
        }
        if (tok_in(c, i, CL_MODAL) || tok_is(c, i, "if")) {
            return true;
        }
    }
    return false;
}

/* Is token pos inside an "if"/"unless" clause (scanning back to the clause start)? */
static bool conditional_clause(const ctx *c, size_t pos)
{
    for (size_t i = pos; i-- > c->first;) {
        if (is_punct(c, i, ",") || is_punct(c, i, ";")) {
            return false;
        }
        if (tok_is(c, i, "if") || tok_is(c, i, "unless")) {
            return true;
        }
    }
    return false;
}

/* ---- objects ---- */

static bool act_author_of(const ctx *c, size_t exclude, size_t rel, args *out);

/* Scans right from token `from` for the target of relation r. Returns true and fills
 * out when an actor (or a resolvable pronoun after "that") is found. */
static bool find_target(const ctx *c, size_t from, size_t r, size_t source, bool stop_comma,
                        bool through_infinitive, args *out, size_t *end)
{
    out->n = 0;
    out->via = NULL;
    size_t limit = from + 16 < c->last ? from + 16 : c->last;
    bool follow_that = rel_root(c, r, "10") || rel_root(c, r, "02");
    for (size_t i = from; i < limit; i++) {
        if (is_punct(c, i, ";") || is_punct(c, i, ":") || is_punct(c, i, "(") ||
            tok_in(c, i, CL_RELPRO) || is_punct(c, i, "\xE2\x80\x9C")) {
            return false;
        }
        if (is_punct(c, i, ",")) {
            if (stop_comma) {
                return false;
            }
            size_t j = i + 1;
            /* ", Yerevan said": a new clause with its own subject */
            size_t k = tok_is(c, j, "the") ? j + 1 : j;
            int sm = mention_at(c, k);
            if (sm >= 0 && mention(c, sm)->first == k && subject_like(c, sm)) {
                return false;
            }
            while (j < c->last && (tok_in(c, j, CL_NEG) || is_adverb(c, j))) {
                j++;
            }
            if (tok_in(c, j, CL_AUX) || tok_in(c, j, CL_BE) || tok_in(c, j, CL_MODAL) ||
                tok_in(c, j, CL_CLAUSE) || tok_in(c, j, CL_RELPRO) || tok_is(c, j, "and") ||
                (trigger_at(c, j) >= 0 && c->w->triggers[trigger_at(c, j)].verb_rel != SG_NONE)) {
                return false;
            }
            continue;
        }
        if (tok_is(c, i, "according")) {
            return false;
        }
        if (tok_in(c, i, CL_CLAUSE) && !tok_is(c, i, "as") && !tok_is(c, i, "after") &&
            !tok_is(c, i, "before")) {
            return false;
        }
        if ((tok_is(c, i, "after") || tok_is(c, i, "before")) &&
            (mention_at(c, i + 1) < 0 || !tok_in(c, i + 1, CL_DET))) {
            return false;
        }
        if (tok_is(c, i, "and") &&
            (tok_in(c, i + 1, CL_AUX) || tok_in(c, i + 1, CL_BE) ||
             (trigger_at(c, i + 1) >= 0 &&
              c->w->triggers[trigger_at(c, i + 1)].verb_rel != SG_NONE &&
              c->w->triggers[trigger_at(c, i + 1)].verb_form != SG_VF_ING))) {
            return false;
        }
        if (tok_is(c, i, "to") && !through_infinitive && i > from && infinitive_at(c, i + 1) &&
            !tok_in(c, i - 1, CL_CONTROL) && !rel_root(c, r, "15")) {
            /* "rallied in Novi Sad to demand ...": a purpose clause; a deployment's
             * purpose ("to counter India") names whom it is aimed at */
            return false;
        }
        if (tok_is(c, i, "of") && rel_root(c, r, "11") && i + 1 < c->last &&
            ends_with(c, i + 1, "ing")) {
            return false; /* "accused of backing M23": what the accusation is about */
        }
        if (i > from && ends_with(c, i, "ed") && !(c->toks[i].flags & SG_TK_CAP) &&
            trigger_at(c, i) < 0 && mention_at(c, i) < 0 && (c->toks[i - 1].flags & SG_TK_WORD) &&
            !tok_in(c, i - 1, CL_DET) && !tok_in(c, i - 1, CL_PREP) && !tok_in(c, i - 1, CL_BE) &&
            !tok_in(c, i - 1, CL_AUX) && mention_at(c, i - 1) < 0 &&
            !(c->toks[i - 1].flags & SG_TK_CAP) &&
            !(rel_root(c, r, "12") && tok_is(c, i + 1, "by"))) {
            /* "arrested two men suspected of spying for X"; but "rejected a truce
             * proposed by X" names the proposal's author */
            return false;
        }
        if (tok_is(c, i, "that")) {
            if (!follow_that) {
                /* "rejected a proposal that the IAEA had put forward": its author */
                size_t k = tok_is(c, i + 1, "the") ? i + 2 : i + 1;
                int am = mention_at(c, k);
                if (rel_root(c, r, "12") && i > from && am >= 0 && mention(c, am)->first == k) {
                    args_add(out, mention(c, am)->actor);
                    out->rule = "author of the rejected proposal (relative clause)";
                    *end = mention(c, am)->last;
                    return true;
                }
                return false;
            }
            size_t j = i + 1;
            int m = mention_at(c, j);
            if (m >= 0 && mention(c, m)->first == j) {
                *end = coord_right(c, m, out);
                out->rule = "subject of the that-clause";
                return true;
            }
            if (tok_in(c, j, CL_DET) && mention_at(c, j + 1) >= 0) {
                *end = coord_right(c, mention_at(c, j + 1), out);
                out->rule = "subject of the that-clause";
                return true;
            }
            if (resolve_pronoun(c, j, source, out)) {
                *end = j + 1;
                return true;
            }
            return false;
        }
        int t = trigger_at(c, i);
        if (t >= 0 && i > from && c->w->triggers[t].verb_rel != SG_NONE &&
            c->w->triggers[t].noun_rel == SG_NONE && !through_infinitive &&
            c->w->triggers[t].verb_form != SG_VF_ING) {
            return false;
        }
        if (i > from && both_sides(c, i, out)) {
            *end = i + 1;
            return true;
        }
        if (i > from && resolve_description(c, i, source, out)) {
            *end = i + 1;
            out->rule = "definite description after the verb, resolved to a recent actor";
            return true;
        }
        if ((tok_is(c, i, "each") && tok_is(c, i + 1, "other")) ||
            (tok_is(c, i, "one") && tok_is(c, i + 1, "another"))) {
            out->mutual = true;
            out->rule = "'each other': the coordinated subjects, both ways";
            *end = i + 2;
            return true;
        }
        int m = mention_at(c, i);
        size_t before = tok_is(c, i - 1, "the") ? i - 2 : i - 1;
        if (m >= 0 && mention(c, m)->first == i && before > from && before < c->last &&
            tok_in(c, before, CL_TOPIC)) {
            i = mention(c, m)->last - 1; /* "vetoed a statement on Ukraine": a topic */
            continue;
        }
        if (m >= 0 && mention(c, m)->first == i) {
            size_t pp = tok_in(c, i - 1, CL_COMPASS) ? i - 2 : i - 1;
            bool at_target = (rel_root(c, r, "19") && tok_is(c, pp, "at")) ||
                             (rel_root(c, r, "15") && tok_is(c, pp, "around"));
            /* "fired rockets at southern Israel", "drills around Taiwan": the target */
            if (is_locative(c, m) && !at_target) {
                i = mention(c, m)->last - 1;
                continue;
            }
            *end = coord_right(c, m, out);
            out->rule =
                out->n > 1 ? "coordinated actors after the verb" : "first actor after the verb";
            return true;
        }
        bool object_start = i == from || (i == from + 1 && tok_in(c, from, CL_PREP));
        /* an object pronoun right after the verb or its preposition: "threatened it" */
        if ((tok_is(c, i, "it") || tok_is(c, i, "them") || tok_is(c, i, "him")) && object_start) {
            if (resolve_pronoun(c, i, source, out)) {
                *end = i + 1;
                out->rule = "object pronoun resolved to a recent compatible actor";
                return true;
            }
            count_unresolved(c, i);
        }
        /* "fired on its peacekeepers": the possessor; "attacked its neighbour" refers
         * back to the source itself and names no target */
        if ((tok_is(c, i, "its") || tok_is(c, i, "their") || tok_is(c, i, "his")) && object_start &&
            i + 1 < c->last && (c->toks[i + 1].flags & SG_TK_WORD)) {
            bool found = resolve_pronoun(c, i, SG_NONE, out);
            size_t speaker = c->sc->speaker;
            if (found && out->n == 1 && out->actor[0] == source && speaker != SG_NONE &&
                speaker != source) {
                /* "X said Y shelled its positions": in reported speech, the speaker's */
                out->actor[0] = speaker;
                out->rule = "possessive pronoun in reported speech, resolved to the speaker";
            }
            if (found && !(out->n == 1 && out->actor[0] == source)) {
                if (out->n == 1) {
                    out->actor[0] = role_child(c, out->actor[0], i + 1);
                }
                *end = i + 2;
                out->rule = "possessive pronoun of the object, resolved to a recent actor";
                return true;
            }
            out->n = 0;
            i++; /* "recalled its ambassador to Venezuela": the target may follow */
            continue;
        }
        if (tok_is(c, i, "the") && tok_is(c, i + 1, "other") && object_start) {
            out->mutual = true;
            out->rule = "'each ... the other': the coordinated subjects, both ways";
            *end = i + 2;
            return true;
        }
        /* "denounced the move": the author of the latest act */
        int nt = i + 1 < c->last ? trigger_at(c, i + 1) : -1;
        bool act_noun = tok_in(c, i + 1, CL_ACT) ||
                        (nt >= 0 && c->w->triggers[nt].noun_rel != SG_NONE &&
                         c->w->triggers[nt].noun_last == i + 2 && !is_claim_word(c, i + 1) &&
                         !tok_in(c, i + 2, CL_PREP) && !is_poss(c, i + 2));
        if (object_start && (tok_is(c, i, "the") || tok_is(c, i, "this") || tok_is(c, i, "that")) &&
            act_noun &&
            act_author_of(c, source, nt >= 0 ? c->w->triggers[nt].noun_rel : SG_NONE, out)) {
            *end = i + 2;
            return true;
        }
    }
    return false;
}

/* ---- event recording ---- */

/* Is one of a, b an ancestor of the other ("Azerbaijani soldiers" and "Azerbaijan")? */
static bool lineage(const ctx *c, size_t a, size_t b)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t x = pass == 0 ? a : b, y = pass == 0 ? b : a;
        for (size_t up = c->lex->actors[x].parent, hops = 0; up != SG_NONE && hops < 64;
             up = c->lex->actors[up].parent, hops++) {
            if (up == y) {
                return true;
            }
        }
    }
    return false;
}

static bool pend_push(const ctx *c, const pending *p)
{
    scratch *sc = c->sc;
    for (size_t i = 0; i < sc->pend.n; i++) {
        const pending *q = &sc->pend.v[i];
        if (q->source == p->source && q->target == p->target && q->negated == p->negated &&
            strncmp(rel_cameo(c, q->rel), rel_cameo(c, p->rel), 2) == 0) {
            return true; /* once per sentence and CAMEO root class: the first, most specific */
        }
    }
    return plist_push(&sc->pend, p);
}

static bool act_push(scratch *sc, const pending *p)
{
    return plist_push(&sc->acts, p);
}

static bool claim_push(scratch *sc, const pending *p)
{
    return plist_push(&sc->claims, p);
}

/* Codes source x target for relation r (reciprocal relations with coordinated
 * subjects and no target code every ordered pair). Returns false when out of memory. */
static bool code(const ctx *c, const args *src, const args *tgt, size_t r, bool negated, size_t tf,
                 size_t tl, const char *why_relation)
{
    unsigned fl = rel_flags(c, r);
    bool untargeted_ok = (fl & (SG_REL_UNTARGETED | SG_REL_REPORTING)) != 0;
    pending p = {0, SG_NONE, r, negated, tf, tl, SG_NONE, NULL, NULL, NULL, NULL, c->sent};
    p.via = src->via != NULL ? src->via : tgt->via;
    p.why_source = src->rule;
    p.why_target = tgt->n > 0 ? tgt->rule : "no actor target";
    p.why_relation = why_relation;
    if (tgt->mutual && !(fl & SG_REL_REPORTING)) {
        /* "A and B accused each other", "A traded accusations with B": every ordered
         * pair of distinct actors among the sources and targets */
        args all = *src;
        for (size_t j = 0; j < tgt->n; j++) {
            args_add(&all, tgt->actor[j]);
        }
        p.why_target = tgt->rule;
        for (size_t i = 0; i < all.n; i++) {
            for (size_t j = 0; j < all.n; j++) {
                bool cross = tgt->n == 0 || (i < src->n) != (j < src->n);
                if (i == j || !cross) {
                    continue;
                }
                p.source = all.actor[i];
                p.target = all.actor[j];
                if (!pend_push(c, &p) || (!negated && !act_push(c->sc, &p))) {
                    return false;
                }
            }
        }
        return true;
    }
    if (fl & SG_REL_REPORTING) {
        c->sc->speaker = src->n == 1 ? src->actor[0] : c->sc->speaker;
        for (size_t i = 0; i < src->n; i++) {
            p.source = src->actor[i];
            p.target = SG_NONE;
            if (!pend_push(c, &p)) {
                return false;
            }
            /* what the speaker says may be denied later by any actor it mentions (at
             * most 16 per statement: the claims list must not grow with the square of
             * a sentence's mentions) */
            for (size_t m = 0; m < c->w->n_mentions && m < 16; m++) {
                pending q = p;
                q.target = c->w->mentions[m].actor;
                if (q.target != q.source && !claim_push(c->sc, &q)) {
                    return false;
                }
            }
        }
        return true;
    }
    if (tgt->n == 0) {
        if ((fl & SG_REL_RECIPROCAL) && src->n >= 2) {
            p.why_target = "the other coordinated actor (reciprocal relation)";
            for (size_t i = 0; i < src->n; i++) {
                for (size_t j = 0; j < src->n; j++) {
                    if (i != j) {
                        p.source = src->actor[i];
                        p.target = src->actor[j];
                        if (!pend_push(c, &p) || (!negated && !act_push(c->sc, &p))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        if (!untargeted_ok || negated) {
            return true; /* a negated act or an act without an actor target is not coded */
        }
        for (size_t i = 0; i < src->n; i++) {
            p.source = src->actor[i];
            if (!pend_push(c, &p)) {
                return false;
            }
        }
        return true;
    }
    for (size_t i = 0; i < src->n; i++) {
        for (size_t j = 0; j < tgt->n; j++) {
            if (src->actor[i] == tgt->actor[j] || lineage(c, src->actor[i], tgt->actor[j])) {
                continue; /* never a self-loop, nor one actor's part acting on the whole */
            }
            p.source = src->actor[i];
            p.target = tgt->actor[j];
            if (!pend_push(c, &p)) {
                return false;
            }
            if (rel_root(c, r, "11") && !negated && !claim_push(c->sc, &p)) {
                return false;
            }
            if (!negated && !act_push(c->sc, &p)) {
                return false;
            }
        }
    }
    return true;
}

/* The author of a denied claim: the source of the latest accusation or criticism in the
 * document whose target is the denier (or shares its top-level actor). A denial with
 * no such accusation has no target. */
static bool claim_author(const ctx *c, const args *denier, args *out)
{
    const scratch *sc = c->sc;
    out->n = 0;
    out->via = "description";
    out->rule = "author of the latest accusation against the denier";
    for (size_t k = sc->claims.n; k-- > 0;) {
        const pending *q = &sc->claims.v[k];
        bool match = false;
        for (size_t i = 0; i < denier->n; i++) {
            if (q->source == denier->actor[i] ||
                root_of(c, q->source) == root_of(c, denier->actor[i])) {
                match = false; /* one's own accusation is not denied */
                break;
            }
            if (q->target == denier->actor[i] ||
                root_of(c, q->target) == root_of(c, denier->actor[i])) {
                match = true;
            }
        }
        if (match) {
            args_add(out, q->source);
            return true;
        }
    }
    return false;
}

/* The author of "the move": the source of the latest act coded in the coreference
 * window, other than exclude. */
/* As act_author, preferring the latest act of relation rel's CAMEO root class ("the
 * strike" is the latest use of force, "the deal" the latest agreement, whose parties
 * are both named); rel SG_NONE takes any act. */
static bool act_author_of(const ctx *c, size_t exclude, size_t rel, args *out)
{
    if (rel != SG_NONE) {
        for (size_t k = c->sc->acts.n; k-- > 0;) {
            const pending *q = &c->sc->acts.v[k];
            if (q->sent + COREF_WINDOW <= c->sent) {
                break;
            }
            if (q->source == exclude || strncmp(rel_cameo(c, q->rel), rel_cameo(c, rel), 2) != 0) {
                continue;
            }
            out->n = 0;
            args_add(out, q->source);
            /* a reciprocal act ("A and B signed a deal") has both as authors */
            for (size_t j = c->sc->acts.n; j-- > 0;) {
                const pending *r = &c->sc->acts.v[j];
                if (r->sent == q->sent && r->rel == q->rel && r->source == q->target &&
                    r->target == q->source && r->source != exclude) {
                    args_add(out, r->source);
                }
            }
            out->via = "description";
            out->rule = "author of the latest act of the kind the noun names";
            return true;
        }
    }
    for (size_t k = c->sc->acts.n; k-- > 0;) {
        const pending *q = &c->sc->acts.v[k];
        if (q->sent + COREF_WINDOW <= c->sent) {
            break;
        }
        if (q->source != exclude) {
            out->n = 0;
            args_add(out, q->source);
            out->via = "description";
            out->rule = "author of the act the noun refers to";
            return true;
        }
    }
    /* no coded act: the latest actor in subject position ("North Korea test-fired two
     * missiles. Japan condemned the launches.") */
    for (size_t h = c->sc->n_hist; h-- > 0;) {
        const hist *e = &c->sc->hist[h];
        if (too_old(c, e)) {
            break;
        }
        if (e->subject && e->actor != exclude && e->sent < c->sent) {
            out->n = 0;
            args_add(out, e->actor);
            out->via = "description";
            out->rule = "actor of the previous sentence's act the noun refers to";
            return true;
        }
    }
    return false;
}

static bool is_claim_word(const ctx *c, size_t i)
{
    if (tok_in(c, i, CL_CLAIM)) {
        return true;
    }
    int t = trigger_at(c, i);
    return t >= 0 && c->w->triggers[t].noun_rel != SG_NONE &&
           rel_root(c, c->w->triggers[t].noun_rel, "11");
}

/* ---- the sentence ---- */

/* Is the token after "to" (at i) the start of an infinitive rather than a noun phrase? */
static bool infinitive_at(const ctx *c, size_t i)
{
    if (i >= c->last || !(c->toks[i].flags & SG_TK_WORD)) {
        return false;
    }
    if (mention_at(c, i) >= 0 || tok_in(c, i, CL_DET) ||
        (c->toks[i].flags & (SG_TK_CAP | SG_TK_NUM))) {
        return false;
    }
    return true;
}

/* The subject a sentence opens with, when its verb coded nothing ("Mali's military
 * government ordered ..., accusing Paris"): the NP ending before the first word after
 * the opening actor that is not part of it. */
static args opening_subject(const ctx *c, size_t before)
{
    args out = ARGS_EMPTY;
    if (c->w->n_mentions == 0 || c->w->mentions[0].first > c->first + 1) {
        return out;
    }
    size_t q = c->w->mentions[0].last;
    /* the head: the last role noun of the next few words ("Mali's military government",
     * "Mali's government"), read with np_subject; else the actor itself */
    size_t head = SG_NONE;
    for (size_t k = is_poss(c, q) ? q + 1 : q; k < q + 5 && k < before; k++) {
        if (tok_in(c, k, CL_ROLE)) {
            head = k;
        } else if (!(c->toks[k].flags & SG_TK_WORD) || tok_in(c, k, CL_PREP) ||
                   (c->toks[k].flags & SG_TK_CAP)) {
            break;
        }
    }
    if (head != SG_NONE) {
        if (!np_subject(c, head, &out)) {
            out.n = 0;
        }
    } else if (subject_like(c, 0)) {
        coord_right(c, 0, &out);
    }
    out.rule = "subject the sentence opens with (participial clause)";
    return out;
}

/* The subject of the main clause after a fronted participial clause: the first
 * actor in subject position after the clause's comma. */
static args fronted_subject(const ctx *c, size_t from)
{
    args out = ARGS_EMPTY;
    size_t i = from;
    while (i < c->last && !is_punct(c, i, ",")) {
        i++;
    }
    for (size_t m = 0; m < c->w->n_mentions; m++) {
        if (c->w->mentions[m].first > i && subject_like(c, (int)m)) {
            coord_right(c, (int)m, &out);
            out.rule = "subject of the main clause after a participial clause";
            break;
        }
    }
    return out;
}

/* Reading of trigger t: 'v' verb (finite predicate), 'n' noun, 0 neither. */
static char reading(const ctx *c, const sg_trigger *t)
{
    size_t p = t->first;
    while (p > c->first && is_adverb(c, p - 1) && mention_at(c, p - 1) < 0) {
        p--;
    }
    /* "Each accused ...", "Some demanded ...": a quantifier standing alone is a subject */
    bool after_det = p > c->first && ((tok_in(c, p - 1, CL_DET) && !tok_in(c, p - 1, CL_THEY)) ||
                                      is_poss(c, p - 1) || (c->toks[p - 1].flags & SG_TK_NUM));
    bool after_prep = p > c->first && tok_in(c, p - 1, CL_PREP) && !tok_is(c, p - 1, "to");
    if (t->noun_rel != SG_NONE && (t->verb_rel == SG_NONE || after_det || after_prep)) {
        return 'n';
    }
    if (t->noun_rel != SG_NONE && t->verb_rel != SG_NONE && !t->from_pattern) {
        /* "EU sanctions on Russia", "EU aid packages": a noun after an attributive actor.
         * A base form right after a singular actor cannot be its verb ("EU aid"), and an
         * -s form followed by a preposition is the plural noun. */
        int pm = mention_at(c, p - 1);
        bool after_actor = p > c->first && pm >= 0 && mention(c, pm)->last == p;
        if (after_actor && t->verb_form == SG_VF_BASE && !plural_mention(c, pm) &&
            !(mention(c, pm)->first > c->first && tok_is(c, mention(c, pm)->first - 1, "and"))) {
            return 'n';
        }
        if (t->verb_form == SG_VF_S && tok_in(c, t->last, CL_PREP) && !tok_is(c, t->last, "to")) {
            return 'n';
        }
        if (tok_in(c, t->last, CL_BE) || tok_in(c, t->last, CL_AUX) ||
            tok_in(c, t->last, CL_MODAL)) {
            return 'n'; /* "Sanctions were imposed", "the attack has ..." */
        }
    }
    if (t->noun_rel == SG_NONE && after_prep) {
        return 0; /* "in March": a verb form right after a preposition is not a verb */
    }
    int qm = p > c->first ? mention_at(c, p - 1) : -1;
    if (qm >= 0 && mention(c, qm)->last == p && mention(c, qm)->first > c->first &&
        (tok_in(c, mention(c, qm)->first - 1, CL_QUANT) ||
         tok_is(c, mention(c, qm)->first - 1, "several") ||
         tok_is(c, mention(c, qm)->first - 1, "other"))) {
        return 0; /* "Several EU states ...": the actor modifies a noun */
    }
    if (t->verb_rel == SG_NONE) {
        return 0;
    }
    if (t->from_pattern) {
        return 'v';
    }
    if (after_det) {
        return 0;
    }
    if (t->verb_form == SG_VF_ING) {
        /* progressive after a form of "be"; a participial clause after a comma
         * (", accusing X of ...") shares the main clause's subject, except a reporting
         * verb (", saying ..." adds no statement); a gerund after a preposition is not a
         * predicate */
        vgroup g = verb_group(c, t->first);
        if (g.be) {
            return 'v';
        }
        if (g.start > c->first && is_punct(c, g.start - 1, ",") &&
            !(rel_flags(c, t->verb_rel) & SG_REL_REPORTING)) {
            return 'p';
        }
        if (g.start == c->first && !(rel_flags(c, t->verb_rel) & SG_REL_REPORTING)) {
            return 'f'; /* "Accusing X of ..., Y called on Z": Y's subject */
        }
        return 0;
    }
    if (t->noun_rel != SG_NONE && p > c->first && (c->toks[p - 1].flags & SG_TK_WORD) &&
        !(c->toks[p - 1].flags & SG_TK_CAP) && mention_at(c, p - 1) < 0 &&
        !tok_in(c, p - 1, CL_BE) && !tok_in(c, p - 1, CL_AUX) && !tok_in(c, p - 1, CL_MODAL) &&
        !tok_in(c, p - 1, CL_NEG) && !tok_is(c, p - 1, "to") && !tok_in(c, p - 1, CL_THEY) &&
        !tok_in(c, p - 1, CL_IT) && !tok_in(c, p - 1, CL_HE) && !tok_in(c, p - 1, CL_RELPRO) &&
        !tok_is(c, p - 1, "and") && !tok_is(c, p - 1, "that")) {
        return 'n'; /* "humanitarian aid", "security talks" */
    }
    return 'v';
}

/* Suppresses triggers inside the content of an accusation, denial, threat or demand
 * ("accused X of arming Y", "threatened X with ... if Y attacked") up to the next
 * comma or clause end: what it is about is not coded. */
static void suppress_content(const ctx *c, size_t from)
{
    size_t i = from;
    while (i < c->last && !tok_is(c, i, "of") && !tok_is(c, i, "that") && !tok_is(c, i, "with") &&
           !is_punct(c, i, ",") && !is_punct(c, i, ";")) {
        i++;
    }
    if (i >= c->last || is_punct(c, i, ",") || is_punct(c, i, ";")) {
        return;
    }
    for (; i < c->last && !is_punct(c, i, ",") && !is_punct(c, i, ";"); i++) {
        if ((tok_is(c, i, "and") || tok_is(c, i, "but")) && i + 1 < c->last) {
            int nt = trigger_at(c, i + 1);
            if (tok_in(c, i + 1, CL_AUX) || tok_in(c, i + 1, CL_MODAL) ||
                (nt >= 0 && c->w->triggers[nt].verb_rel != SG_NONE &&
                 c->w->triggers[nt].verb_form != SG_VF_ING)) {
                return;
            }
        }
        int t = trigger_at(c, i);
        if (t >= 0) {
            c->sc->consumed[t] = true;
        }
    }
}

/* Per-sentence token maps: class bits, mention and trigger index of each token. */
static sg_status prepare_sentence(ctx *c)
{
    sg_worker *w = c->w;
    scratch *sc = c->sc;
    size_t n = c->last - c->first;

    if (n > sc->cap_tok) {
        int *a = realloc(sc->tok_mention, n * sizeof *a);
        if (a == NULL) {
            return SG_ERR_NOMEM;
        }
        sc->tok_mention = a;
        int *b = realloc(sc->tok_trigger, n * sizeof *b);
        if (b == NULL) {
            return SG_ERR_NOMEM;
        }
        sc->tok_trigger = b;
        unsigned *cl = realloc(sc->cls, n * sizeof *cl);
        if (cl == NULL) {
            return SG_ERR_NOMEM;
        }
        sc->cls = cl;
        sc->cap_tok = n;
    }
    for (size_t i = 0; i < n; i++) {
        const sg_tok *t = &c->toks[c->first + i];
        sc->cls[i] = (t->flags & SG_TK_WORD)
                         ? class_of(sc->classes, sg_i_doc_norm(c->doc, t), t->norm_len, t->hash)
                         : 0;
    }
    if (w->n_triggers > sc->cap_trig) {
        bool *p = realloc(sc->consumed, w->n_triggers * sizeof *p);
        if (p == NULL) {
            return SG_ERR_NOMEM;
        }
        sc->consumed = p;
        sc->cap_trig = w->n_triggers;
    }
    for (size_t i = 0; i < n; i++) {
        sc->tok_mention[i] = -1;
        sc->tok_trigger[i] = -1;
    }
    for (size_t m = 0; m < w->n_mentions; m++) {
        for (size_t i = w->mentions[m].first; i < w->mentions[m].last; i++) {
            sc->tok_mention[i - c->first] = (int)m;
        }
    }
    for (size_t t = 0; t < w->n_triggers; t++) {
        sc->consumed[t] = false;
        for (size_t i = w->triggers[t].first; i < w->triggers[t].last; i++) {
            sc->tok_trigger[i - c->first] = (int)t;
        }
    }
    return SG_OK;
}

static sg_status do_sentence(ctx *c)
{
    sg_worker *w = c->w;
    scratch *sc = c->sc;
    args prev_subject = ARGS_EMPTY;
    args first_subject = ARGS_EMPTY;

    sc->pend.n = 0;
    sc->part_speaker.n = 0;
    sc->speaker = SG_NONE;
    sc->prev_assembly = false;
    sc->prev_perfect = false;

    /* "according to X": the sentence's events are attributed to X; it is not a
     * statement of X's (that needs a finite reporting verb) */
    for (size_t i = c->first; i + 2 < c->last; i++) {
        if (tok_is(c, i, "according") && tok_is(c, i + 1, "to")) {
            size_t k = tok_is(c, i + 2, "the") ? i + 3 : i + 2;
            int m = mention_at(c, k);
            if (m >= 0 && mention(c, m)->first == k) {
                sc->part_speaker.n = 0;
                args_add(&sc->part_speaker, mention(c, m)->actor);
                sc->part_pos = c->first;
                sc->speaker = mention(c, m)->actor;
            }
        }
    }

    for (size_t ti = 0; ti < w->n_triggers; ti++) {
        const sg_trigger *t = &w->triggers[ti];
        if (sc->consumed[ti]) {
            continue;
        }
        char rd = reading(c, t);
        if (rd == 0 && t->verb_rel != SG_NONE && t->verb_form == SG_VF_ING &&
            (rel_flags(c, t->verb_rel) & SG_REL_REPORTING) && t->first > c->first &&
            is_punct(c, t->first - 1, ",")) {
            sc->part_speaker = first_subject;
            sc->part_pos = t->first + 1;
        }
        args src = ARGS_EMPTY;
        args tgt = ARGS_EMPTY;
        size_t tend = t->last;
        bool in_rel = false;
        if (rd == 'v' || rd == 'p' || rd == 'f') {
            size_t r = t->verb_rel;
            unsigned fl = rel_flags(c, r);
            vgroup g = verb_group(c, t->first);
            bool passive = g.be && (t->verb_form == SG_VF_PAST || t->verb_form == SG_VF_PART);
            sc->cur_aux = g.have || g.be || g.modal || g.start < t->first;
            if (!passive && (rel_root(c, r, "10") || rel_root(c, r, "11") || rel_root(c, r, "13") ||
                             (fl & SG_REL_DENIAL))) {
                /* what an accusation, demand or threat is about is not coded, whoever
                 * makes it */
                suppress_content(c, tend);
            }
            if (rd == 'p' || rd == 'f') {
                src = first_subject.n > 0 ? first_subject : prev_subject;
                if (rd == 'p' && src.n == 0) {
                    src = opening_subject(c, t->first);
                    remember_subject(c, &src);
                }
                if (rd == 'f') {
                    src = fronted_subject(c, t->last);
                }
                src.rule = "subject of the main clause (participial clause)";
                if (src.n == 0) {
                    continue;
                }
            } else if (g.start > c->first && tok_is(c, g.start - 1, "to") && prev_subject.n > 0 &&
                       sc->prev_assembly) {
                /* an infinitive of purpose after a rally or deployment: "protesters
                 * rallied in Novi Sad to demand X's resignation" */
                src = prev_subject;
                src.rule = "subject of the rally or deployment the infinitive is the purpose of";
            } else if (!find_subject(c, g.start, &src, &in_rel, &prev_subject, &first_subject)) {
                continue; /* no subject actor: a source is never borrowed */
            } else {
                remember_subject(c, &src);
                sc->prev_assembly = rel_root(c, r, "14") || rel_root(c, r, "15");
                sc->prev_perfect = g.have;
                if (src.pos > c->first && tok_is(c, skip_premodifier(c, src.pos) - 1, "neither")) {
                    g.negated = true;
                }
                prev_subject = src;
                if (first_subject.n == 0) {
                    first_subject = src;
                }
            }
            if (g.modal && !(fl & SG_REL_REPORTING)) {
                continue; /* future, modal and conditional content is not coded */
            }
            if (in_rel && g.have) {
                continue; /* "X, which has long backed Y, ...": background, not an event */
            }
            if (g.have && habitual_in_group(c, g.start, t->first)) {
                continue; /* "Rwanda has consistently denied ...": habitual */
            }
            if (!(fl & SG_REL_REPORTING) && conditional_clause(c, g.start)) {
                continue; /* "if Russia attacked ...": not a fact */
            }
            /* "agreed to V": the infinitive carries the event */
            if (tok_is(c, tend, "to") && infinitive_at(c, tend + 1) && rel_root(c, r, "08")) {
                continue;
            }
            if (t->last > t->first && tok_is(c, t->last - 1, "to") && infinitive_at(c, t->last) &&
                rel_root(c, r, "08")) {
                continue;
            }
            bool through_inf = false;
            if ((fl & SG_REL_REFUSAL) || rel_root(c, r, "03") || rel_root(c, r, "13")) {
                /* "refused (on Thursday) to meet X": the inner verb is consumed and the
                 * target follows it */
                size_t j = tend;
                while (j < c->last && j < tend + 5 && !tok_is(c, j, "to")) {
                    j++;
                }
                if (tok_is(c, j, "to") && infinitive_at(c, j + 1)) {
                    /* the refused, threatened or offered act is not coded on its own */
                    for (size_t x = j + 1; x < c->last && !is_punct(c, x, ",") &&
                                           !is_punct(c, x, ";") && !tok_is(c, x, "and");
                         x++) {
                        int it = trigger_at(c, x);
                        if (it >= 0) {
                            sc->consumed[it] = true;
                        }
                    }
                    through_inf = true;
                } else if (fl & SG_REL_REFUSAL) {
                    continue;
                }
            }
            if (passive) {
                /* "X was accused by Y": source after "by" */
                tgt = src;
                src.n = 0;
                src.via = NULL;
                size_t j = tend;
                while (j < c->last && j < tend + 8 && !tok_is(c, j, "by")) {
                    j++;
                }
                size_t k = tok_is(c, j + 1, "the") ? j + 2 : j + 1;
                int m = tok_is(c, j, "by") ? mention_at(c, k) : -1;
                if (m < 0 || mention(c, m)->first != k) {
                    continue; /* agentless passive: no source */
                }
                coord_right(c, m, &src);
                src.rule = "agent after 'by'";
                tgt.rule = "subject of the passive verb";
                if (!code(c, &src, &tgt, r, g.negated, t->first, t->last, "passive verb")) {
                    return SG_ERR_NOMEM;
                }
                continue;
            }
            size_t cw = tend;
            while (cw < c->last && cw < tend + 3 && tok_in(c, cw, CL_DET)) {
                cw++;
            }
            if ((fl & (SG_REL_DENIAL)) || rel_root(c, r, "12")) {
                if (is_claim_word(c, cw)) {
                    /* "denied accusations of X": X is what was claimed; the author can
                     * follow as "by Y" / "from Y" */
                    size_t k = cw + 1;
                    int bm =
                        (tok_is(c, k, "by") || tok_is(c, k, "from")) ? mention_at(c, k + 1) : -1;
                    if (bm >= 0 && mention(c, bm)->first == k + 1) {
                        coord_right(c, bm, &tgt);
                        tgt.rule = "author of the claim after 'by' or 'from'";
                    }
                } else if (!(fl & SG_REL_REPORTING)) {
                    size_t src0 = src.n > 0 ? src.actor[0] : SG_NONE;
                    find_target(c, tend, r, src0, in_rel, through_inf, &tgt, &tend);
                }
            } else if (!(fl & SG_REL_REPORTING)) {
                size_t src0 = src.n > 0 ? src.actor[0] : SG_NONE;
                find_target(c, tend, r, src0, in_rel, through_inf, &tgt, &tend);
            }
            /* a rejected claim is a denial; a denial targets the claim's author */
            bool claim_obj = false;
            for (size_t j = tend; j < tend + 4 && j < c->last && !claim_obj; j++) {
                claim_obj = is_claim_word(c, j);
            }
            if (src.pos >= 2 && !claim_obj) {
                claim_obj = is_claim_word(c, src.pos - 1) ||
                            (src.pos >= c->first + 2 && is_claim_word(c, src.pos - 2) &&
                             tok_is(c, src.pos - 1, "that"));
            }
            const char *why = through_inf ? "verb with an infinitive complement" : "verb";
            {
                /* "struck a deal with X", "offered aid to X": the object noun names the
                 * act, the verb only carries it (the noun is coded on its own) */
                size_t o = t->last;
                while (o < c->last && o < t->last + 3 &&
                       (tok_in(c, o, CL_DET) || (c->toks[o].flags & SG_TK_NUM))) {
                    o++;
                }
                int ot = trigger_at(c, o);
                if (ot >= 0 && c->w->triggers[ot].noun_rel != SG_NONE &&
                    c->w->triggers[ot].verb_rel == SG_NONE && carrier_verb(c, r) &&
                    !is_claim_word(c, o)) {
                    continue;
                }
            }
            if (tok_in(c, t->first, CL_MUTUAL) && !tgt.mutual) {
                tgt.mutual = true; /* "exchanged fire with X" */
                tgt.rule = tgt.n > 0 ? "actor after the verb, both ways"
                                     : "the coordinated subjects, both ways";
            }
            if (rel_root(c, r, "12") && claim_obj && c->rel_deny != SG_NONE && tgt.n == 0) {
                r = c->rel_deny;
                fl = rel_flags(c, r);
                why = "rejection of a claim, coded as a denial";
            }
            if ((fl & SG_REL_DENIAL) && tgt.n == 0) {
                claim_author(c, &src, &tgt);
            }
            if (tgt.n == 0 && src.pos >= c->first + 3 && tok_in(c, src.pos - 1, CL_ACT) &&
                tok_in(c, src.pos - 2, CL_DET) && is_punct(c, src.pos - 3, ",")) {
                /* "Kosovo closed the offices, a move Belgrade condemned" */
                for (size_t m = 0; m < c->w->n_mentions; m++) {
                    if (c->w->mentions[m].first < src.pos - 3 && subject_like(c, (int)m) &&
                        c->w->mentions[m].actor != src.actor[0]) {
                        args_add(&tgt, c->w->mentions[m].actor);
                        tgt.rule = "author of the act named before the relative clause";
                        break;
                    }
                }
            }
            if (!code(c, &src, &tgt, r, g.negated, t->first, t->last, why)) {
                return SG_ERR_NOMEM;
            }
        } else if (rd == 'n') {
            size_t r = t->noun_rel;
            /* a light verb governs the noun: "imposed sanctions on X" */
            size_t q = t->first;
            size_t k = 0;
            while (q > c->first && k < 6) {
                size_t p = q - 1;
                int pt = trigger_at(c, p);
                bool modifier = pt >= 0 && p > c->first &&
                                (tok_in(c, p - 1, CL_LIGHT) || tok_in(c, p - 1, CL_DET));
                if (modifier) {
                    pt = -1; /* "held phone talks", "a strike force": a modifier */
                }
                if (tok_in(c, p, CL_LIGHT) ||
                    (pt >= 0 && c->w->triggers[pt].verb_rel != SG_NONE &&
                     c->w->triggers[pt].last == p + 1 &&
                     carrier_verb(c, c->w->triggers[pt].verb_rel) && !is_claim_word(c, t->first))) {
                    break;
                }
                const sg_tok *tk = &c->toks[p];
                if (!(tk->flags & SG_TK_WORD) && !is_punct(c, p, ",")) {
                    q = c->first;
                    break;
                }
                if (mention_at(c, p) >= 0 || tok_in(c, p, CL_BE) || tok_in(c, p, CL_RELPRO) ||
                    (tok_in(c, p, CL_PREP) && !tok_is(c, p, "of")) ||
                    (trigger_at(c, p) >= 0 && !modifier)) {
                    q = c->first;
                    break;
                }
                q = p;
                k++;
            }
            int lt = q > c->first ? trigger_at(c, q - 1) : -1;
            if (q > c->first &&
                (tok_in(c, q - 1, CL_LIGHT) ||
                 (lt >= 0 && c->w->triggers[lt].verb_rel != SG_NONE &&
                  carrier_verb(c, c->w->triggers[lt].verb_rel) && !is_claim_word(c, t->first)))) {
                size_t lv = q - 1;
                vgroup g = verb_group(c, lv);
                if (!find_subject(c, g.start, &src, &in_rel, &prev_subject, &first_subject)) {
                    continue;
                }
                prev_subject = src;
                if (first_subject.n == 0) {
                    first_subject = src;
                }
                if (g.modal || modal_in_clause(c, lv)) {
                    continue;
                }
                size_t src0 = src.n > 0 ? src.actor[0] : SG_NONE;
                find_target(c, t->noun_last, r, src0, true, false, &tgt, &tend);
                if (tok_in(c, lv, CL_MUTUAL)) {
                    tgt.mutual = true; /* "traded accusations", "exchanged fire" */
                    tgt.rule = tgt.n > 0 ? "actor after 'with', both ways"
                                         : "the coordinated subjects, both ways";
                }
                if (!code(c, &src, &tgt, r, g.negated, t->first, t->noun_last,
                          "noun governed by a light verb")) {
                    return SG_ERR_NOMEM;
                }
                continue;
            }
            /* "X's accusations against Y", "EU sanctions on Russia", "X's condemnation
             * of Y's decision" */
            int owner = -1;
            const char *owner_rule = "possessor of the noun";
            if (t->first >= c->first + 2 && is_poss(c, t->first - 1)) {
                owner = mention_at(c, t->first - 2);
            } else if (t->first > c->first && mention_at(c, t->first - 1) >= 0 &&
                       mention(c, mention_at(c, t->first - 1))->last == t->first) {
                owner = mention_at(c, t->first - 1);
                owner_rule = "actor modifying the noun";
            }
            if (owner >= 0 && !is_locative(c, owner)) {
                coord_left(c, owner, &src);
                src.rule = owner_rule;
                size_t j = t->noun_last;
                size_t o = tok_is(c, j + 1, "the") ? j + 2 : j + 1;
                int om = mention_at(c, o);
                bool prep = tok_in(c, j, CL_PREP) && !tok_is(c, j, "by") &&
                            (!tok_is(c, j, "of") || (om >= 0 && is_poss(c, mention(c, om)->last)));
                if (prep && om >= 0 && mention(c, om)->first == o && !is_locative(c, om)) {
                    coord_right(c, om, &tgt);
                    tgt.rule = "actor after the noun's preposition";
                } else if (prep &&
                           (tok_is(c, o, "it") || tok_is(c, o, "them") || tok_is(c, o, "him"))) {
                    resolve_pronoun(c, o, src.n > 0 ? src.actor[0] : SG_NONE, &tgt);
                }
                if (tgt.n > 0 && !modal_in_clause(c, t->first) &&
                    !code(c, &src, &tgt, r, false, t->first, t->noun_last,
                          "noun with an owner and a prepositional object")) {
                    return SG_ERR_NOMEM;
                }
                continue;
            }
            /* "Sanctions were imposed on X by Y": a passive light verb */
            size_t lv = t->noun_last;
            while (lv < c->last && (tok_in(c, lv, CL_BE) || is_adverb(c, lv))) {
                lv++;
            }
            if (lv > t->noun_last && tok_in(c, lv - 1, CL_BE) && tok_in(c, lv, CL_LIGHT)) {
                size_t j = lv + 1;
                while (j < c->last && j < lv + 10 && !tok_is(c, j, "by")) {
                    j++;
                }
                size_t o = tok_is(c, j + 1, "the") ? j + 2 : j + 1;
                int am = tok_is(c, j, "by") ? mention_at(c, o) : -1;
                if (am >= 0 && mention(c, am)->first == o && !modal_in_clause(c, t->first)) {
                    coord_right(c, am, &src);
                    src.rule = "agent after 'by'";
                    size_t from = j == lv + 1 ? mention(c, am)->last : lv + 1;
                    find_target(c, from, r, src.actor[0], true, false, &tgt, &tend);
                    vgroup g = verb_group(c, lv);
                    if (!code(c, &src, &tgt, r, g.negated, t->first, t->noun_last,
                              "noun subject of a passive light verb")) {
                        return SG_ERR_NOMEM;
                    }
                }
                continue;
            }
            /* "talks (took place) between A and B" */
            for (size_t j = t->noun_last; j < t->noun_last + 4 && j + 1 < c->last; j++) {
                if (!tok_is(c, j, "between")) {
                    continue;
                }
                int m1 = mention_at(c, j + 1);
                if (m1 < 0 && tok_in(c, j + 1, CL_DET)) {
                    m1 = mention_at(c, j + 2);
                }
                if (m1 < 0 || hypothetical_clause(c, t->first)) {
                    break;
                }
                size_t a1 = mention(c, m1)->last;
                if (!tok_is(c, a1, "and")) {
                    break;
                }
                int m2 = -1;
                for (size_t x = a1 + 1; x < a1 + 5 && x < c->last; x++) {
                    if (mention_at(c, x) >= 0) {
                        m2 = mention_at(c, x);
                        break;
                    }
                    if (!(c->toks[x].flags & SG_TK_WORD) || trigger_at(c, x) >= 0) {
                        break;
                    }
                }
                if (m2 < 0) {
                    break;
                }
                args s = ARGS_EMPTY;
                args none = ARGS_EMPTY;
                args_add(&s, mention(c, m1)->actor);
                args_add(&s, mention(c, m2)->actor);
                if (rel_flags(c, r) & SG_REL_RECIPROCAL) {
                    s.rule = "actors after 'between'";
                    if (!code(c, &s, &none, r, false, t->first, t->noun_last,
                              "noun with 'between X and Y'")) {
                        return SG_ERR_NOMEM;
                    }
                } else {
                    args a = {{s.actor[0]}, 1, 0, NULL, "first actor after 'between'", false};
                    args b = {{s.actor[1]}, 1, 0, NULL, "second actor after 'between'", false};
                    if (!code(c, &a, &b, r, false, t->first, t->noun_last,
                              "noun with 'between X and Y'")) {
                        return SG_ERR_NOMEM;
                    }
                }
                break;
            }
        }
    }
    return SG_OK;
}

/* ---- document driver ---- */

static void scratch_free(scratch *sc)
{
    if (sc == NULL) {
        return;
    }
    class_table_free(sc->classes);
    free(sc->cls);
    free(sc->tok_mention);
    free(sc->tok_trigger);
    free(sc->consumed);
    free(sc->pend.v);
    free(sc->hist);
    free(sc->claims.v);
    free(sc->acts.v);
    free(sc);
}

void sg_worker_set_explain(sg_worker *w, bool on)
{
    w->explain = on;
}

void sg_worker_free(sg_worker *w)
{
    if (w == NULL) {
        return;
    }
    pcre2_match_data_free(w->md);
    pcre2_match_context_free(w->mctx);
    free(w->mentions);
    free(w->triggers);
    scratch_free(w->scratch);
    free(w);
}

/* Counts the sentence's mentions and those whose actor takes no part in its events. */
static void count_idle(ctx *c)
{
    const scratch *sc = c->sc;
    for (size_t m = 0; m < c->w->n_mentions; m++) {
        size_t a = c->w->mentions[m].actor;
        bool used = false;
        for (size_t i = 0; i < sc->pend.n && !used; i++) {
            used = sc->pend.v[i].source == a || sc->pend.v[i].target == a;
        }
        c->w->counts.mentions++;
        c->w->counts.idle_mentions += !used;
    }
}

static sg_status emit_pending(const ctx *c, size_t sent, sg_events *out)
{
    size_t len;
    const char *text = sg_doc_text(c->doc, &len);
    size_t s0, s1;
    sg_doc_sentence_span(c->doc, sent, &s0, &s1);
    char *sentence = sg_i_strndup(text + s0, s1 - s0);
    sg_status st = SG_OK;
    if (sentence == NULL) {
        return SG_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->sc->pend.n && st == SG_OK; i++) {
        const pending *p = &c->sc->pend.v[i];
        const sg_i_actor *sa = &c->lex->actors[p->source];
        const sg_i_actor *ta = p->target != SG_NONE ? &c->lex->actors[p->target] : NULL;
        const sg_i_relation *rel = &c->lex->relations[p->rel];
        size_t t0 = c->toks[p->trig_first].start, t1 = c->toks[p->trig_last - 1].end;
        char *trigger = sg_i_strndup(text + t0, t1 - t0);
        if (trigger == NULL) {
            st = SG_ERR_NOMEM;
            break;
        }
        sg_event e;
        memset(&e, 0, sizeof e);
        e.doc = sg_doc_name(c->doc);
        e.date = c->w->date != 0 ? c->w->date_text : NULL;
        e.meta = sg_doc_meta(c->doc);
        e.sentence = sent;
        /* offsets into the bytes as read, even where bytes were replaced by U+FFFD */
        e.start = sg_doc_input_offset(c->doc, s0);
        e.end = sg_doc_input_offset(c->doc, s1);
        e.source = sa->id;
        e.source_name = sa->name;
        e.source_type = sa->type;
        e.target = ta != NULL ? ta->id : NULL;
        e.target_name = ta != NULL ? ta->name : NULL;
        e.target_type = ta != NULL ? ta->type : NULL;
        e.relation = rel->id;
        e.label = rel->label;
        e.cameo = rel->cameo;
        e.goldstein = rel->goldstein;
        e.negated = p->negated;
        e.trigger = trigger;
        e.trigger_start = sg_doc_input_offset(c->doc, t0);
        e.trigger_end = sg_doc_input_offset(c->doc, t1);
        e.text = sentence;
        e.attributed_to = p->attributed_to != SG_NONE ? c->lex->actors[p->attributed_to].id : NULL;
        e.resolved_via = p->via;
        if (c->w->explain) {
            e.explain_source = p->why_source != NULL ? p->why_source : "-";
            e.explain_target = p->why_target != NULL ? p->why_target : "-";
            e.explain_relation = p->why_relation != NULL ? p->why_relation : "-";
        }
        st = sg_events_add(out, &e);
        free(trigger);
    }
    free(sentence);
    return st;
}

/* Reported speech: events in the same sentence as a statement by X, other than X's
 * own, are attributed to X; so are those after a participle ", saying" whose subject
 * is X. */
static void attribute(ctx *c)
{
    scratch *sc = c->sc;
    if (sc->part_speaker.n == 1) {
        for (size_t j = 0; j < sc->pend.n; j++) {
            pending *p = &sc->pend.v[j];
            if (p->trig_first >= sc->part_pos && p->source != sc->part_speaker.actor[0]) {
                p->attributed_to = sc->part_speaker.actor[0];
            }
        }
    }
    for (size_t i = 0; i < sc->pend.n; i++) {
        if (!(rel_flags(c, sc->pend.v[i].rel) & SG_REL_REPORTING)) {
            continue;
        }
        size_t speaker = sc->pend.v[i].source;
        for (size_t j = 0; j < sc->pend.n; j++) {
            pending *p = &sc->pend.v[j];
            if (j != i && p->source != speaker && p->attributed_to == SG_NONE &&
                !(rel_flags(c, p->rel) & SG_REL_REPORTING)) {
                p->attributed_to = speaker;
            }
        }
    }
}

sg_status sg_extract(const sg_lexicon *lex, const sg_doc *doc, sg_worker *w, sg_events *out,
                     sg_diag *diag)
{
    sg_status st = SG_OK;
    ctx c;
    size_t ntoks;
    memset(&c, 0, sizeof c);
    if (w->scratch == NULL) {
        scratch *sc = calloc(1, sizeof(scratch));
        if (sc != NULL) {
            sc->classes = class_table_new();
        }
        if (sc == NULL || sc->classes == NULL) {
            free(sc);
            return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
        }
        w->scratch = sc;
    }
    c.lex = lex;
    c.doc = doc;
    c.w = w;
    c.sc = w->scratch;
    c.toks = sg_i_doc_tokens(doc, &ntoks);
    c.sc->n_hist = 0;
    c.sc->last_unresolved = 0;
    c.sc->claims.n = 0;
    c.sc->acts.n = 0;
    c.sc->last_chain.n = 0;
    c.rel_statement = SG_NONE;
    c.rel_deny = SG_NONE;
    for (size_t r = 0; r < lex->n_relations; r++) {
        if ((lex->relations[r].flags & SG_REL_REPORTING) && c.rel_statement == SG_NONE) {
            c.rel_statement = r;
        }
        if ((lex->relations[r].flags & SG_REL_DENIAL) && c.rel_deny == SG_NONE) {
            c.rel_deny = r;
        }
    }
    for (size_t s = 0; s < sg_doc_sentence_count(doc); s++) {
        sg_i_doc_sentence_tokens(doc, s, &c.first, &c.last);
        c.sent = s;
        st = sg_i_find_mentions(lex, doc, w, c.first, c.last, diag);
        if (st != SG_OK) {
            goto done;
        }
        st = prepare_sentence(&c);
        if (st != SG_OK) {
            sg_i_diag(diag, st, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
        /* coreference history: this sentence's mentions, in subject position or not;
         * resolution only looks at mentions before the pronoun */
        for (size_t m = 0; m < w->n_mentions; m++) {
            if (is_locative(&c, (int)m)) {
                continue;
            }
            if (!hist_push(c.sc, w->mentions[m].actor, w->mentions[m].first, s,
                           subject_like(&c, (int)m), plural_mention(&c, (int)m), false)) {
                st = sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
                goto done;
            }
        }
        st = do_sentence(&c);
        if (st != SG_OK) {
            sg_i_diag(diag, st, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
        attribute(&c);
        count_idle(&c);
        st = emit_pending(&c, s, out);
        if (st != SG_OK) {
            sg_i_diag(diag, st, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
        /* the last coordination of 2+ actors, for "they" in later sentences */
        args chain = ARGS_EMPTY;
        size_t chain_tok = 0;
        if (last_chain_before(&c, c.last, &chain, &chain_tok)) {
            c.sc->last_chain = chain;
            c.sc->last_chain_tok = chain_tok;
        }
    }
    /* every mention outside a locative phrase is in the history: record the actors */
    for (size_t h = 0; h < c.sc->n_hist; h++) {
        if (c.sc->hist[h].derived) {
            continue;
        }
        const sg_i_actor *act = &lex->actors[c.sc->hist[h].actor];
        st = sg_events_add_actor(out, act->id, act->name, act->type, 1);
        if (st == SG_OK) {
            st = sg_events_set_parent(out, act->id, act->parent_id);
        }
        if (st != SG_OK) {
            sg_i_diag(diag, st, NULL, NULL, 0, 0, "out of memory");
            goto done;
        }
    }
done:
    return st;
}
