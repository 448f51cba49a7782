/* stancegraph mention and event stages: finds actor mentions and relation triggers in
 * a document with a compiled lexicon and codes events (source, relation, target,
 * negation) sentence by sentence.
 *
 * Rules, in brief (README.md "How extraction works" has the full list): the source is
 * the actor that performs the act, the target the actor it is done to; passive voice
 * ("was accused by X") swaps them; "did not / never / failed to V" marks the event
 * negated; "refused / declined to V" is a reject event; coordinated actors ("X and Y")
 * distribute; a relative clause ("X, which supported Y") has the antecedent as subject;
 * a denial of an accusation targets the accuser; a place after a locative preposition
 * ("In Yerevan, ...") is not an actor; events are never self-loops. */
#ifndef SG_EXTRACT_H
#define SG_EXTRACT_H

#include "sg_doc.h"
#include "sg_events.h"
#include "sg_lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Per-thread scratch space and PCRE2 match data. One worker per thread; a worker may
 * be reused for any number of documents with the same lexicon. */
typedef struct sg_worker sg_worker;

/* Creates a worker for lex (which must be compiled and outlive the worker). Returns
 * NULL when out of memory. */
sg_worker *sg_worker_new(const sg_lexicon *lex);

/* Frees w. Accepts NULL. */
void sg_worker_free(sg_worker *w);

/* With on = true, events extracted with w carry explain_source, explain_target and
 * explain_relation (sg_events.h): which rule chose each part. Off by default. */
void sg_worker_set_explain(sg_worker *w, bool on);

/* Sets the date of the documents w extracts from, as "YYYY-MM-DD" (ISO 8601), or NULL
 * for none. When several actors share an alias with disjoint validity periods
 * ("valid_from"/"valid_until" in the lexicon: "the U.S. president"), the one valid on
 * that date is chosen; without a date, the one whose period ends last. Returns false
 * (and leaves the date unchanged) when date is not a valid calendar date. */
bool sg_worker_set_date(sg_worker *w, const char *date);

/* What a worker saw besides its events, for a run's accounting ("nothing lost"):
 * counted over the documents extracted since the last sg_worker_take_counts. */
typedef struct sg_extract_counts {
    size_t mentions;       /* actor mentions found (locative ones included) */
    size_t idle_mentions;  /* mentions whose actor is neither source nor target of an
                              event of their sentence */
    size_t unresolved;     /* pronouns in a subject or object slot of a trigger that no
                              earlier compatible actor resolved: a possible event lost */
    size_t pattern_errors; /* pattern matches that hit PCRE2's limits (keep-going mode) */
} sg_extract_counts;

/* Adds w's counts to *into (fields are summed) and resets w's counts to zero. */
void sg_worker_take_counts(sg_worker *w, sg_extract_counts *into);

/* With on = true, a lexicon pattern that hits PCRE2's match or depth limit on a
 * sentence no longer fails sg_extract: that pattern yields no match on that sentence,
 * pattern_errors counts it and the first such diagnostic since the last
 * sg_worker_take_counts is kept (sg_worker_pattern_warning). Off by default. */
void sg_worker_set_keep_going(sg_worker *w, bool on);

/* The first pattern failure kept in keep-going mode since the last
 * sg_worker_take_counts, or NULL (borrowed; its path is the document's path given to
 * sg_doc_new and must be copied before the document is freed). */
const sg_diag *sg_worker_pattern_warning(const sg_worker *w);

/* Extracts the events of doc and appends them (and every mentioned actor, with its
 * mention count) to out. Threads may call this concurrently on different docs sharing
 * one lexicon, each with its own worker and its own out. Errors: SG_ERR_NOMEM;
 * SG_ERR_PATTERN when a lexicon pattern hits PCRE2's match or depth limit (diag names
 * the pattern and the sentence's position). */
sg_status sg_extract(const sg_lexicon *lex, const sg_doc *doc, sg_worker *w, sg_events *out,
                     sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
