/* Private interface of the mention stage (actor mentions and relation triggers),
 * used by the event stage. */
#ifndef SG_SRC_MENTION_H
#define SG_SRC_MENTION_H

#include "doc.h"
#include "lexicon.h"
#include "sg_extract.h"

/* An actor mention: tokens [first, last) name actor `actor`. */
typedef struct sg_mention {
    size_t first, last;
    size_t actor;
} sg_mention;

/* A relation trigger: tokens [first, last) are a form of a relation's verb and/or
 * noun. A span can be read both ways ("talks", "attack"); the event stage decides. */
typedef struct sg_trigger {
    size_t first, last;
    size_t verb_rel; /* relation index of the verb reading, SG_NONE if none */
    int verb_form;   /* SG_VF_*; -1 for a pattern match (a finite verb) */
    size_t noun_rel; /* relation index of the noun reading, SG_NONE if none */
    bool from_pattern;
    size_t noun_last; /* end of the noun reading's span (can be shorter than last) */
} sg_trigger;

struct sg_worker {
    const sg_lexicon *lex;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    sg_mention *mentions;
    size_t n_mentions, cap_mentions;
    sg_trigger *triggers;
    size_t n_triggers, cap_triggers;
    void *scratch;      /* event stage scratch (event.c) */
    bool explain;       /* record the rules behind each event */
    unsigned long date; /* the documents' date as YYYYMMDD, 0 = unknown */
    char date_text[11]; /* the same as "YYYY-MM-DD", "" when unknown */
    bool keep_going;    /* pattern limits are counted, not errors */
    sg_extract_counts counts;
    sg_diag warn; /* the first pattern failure since the counts were taken */
};

/* Finds actor mentions (longest match, leftmost first, no overlaps; literal aliases by
 * token n-gram lookup, then lexicon patterns) and relation triggers (outside actor
 * mentions) in tokens [first, last) of doc, replacing w->mentions and w->triggers, both
 * sorted by first token. Errors: SG_ERR_PATTERN when a pattern hits PCRE2's match or
 * depth limit (diag names the pattern and the sentence position), SG_ERR_NOMEM. */
sg_status sg_i_find_mentions(const sg_lexicon *lex, const sg_doc *doc, sg_worker *w, size_t first,
                             size_t last, sg_diag *diag);

#endif
