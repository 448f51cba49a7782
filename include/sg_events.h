/* stancegraph events: the records extraction produces and the graph stage consumes.
 *
 * An sg_events set owns copies of every string in it, so events can come from
 * extraction (sg_extract.h) or from a JSON Lines file written by `stancegraph
 * extract` (sg_events_read_jsonl) and be mixed freely. It also holds the actors that
 * were mentioned (so that actors without events become isolated nodes). */
#ifndef SG_EVENTS_H
#define SG_EVENTS_H

#include <stdio.h>

#include "sg_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One coded event: source actor, relation, optional target actor, with its evidence.
 * Offsets are 0-based byte offsets into the document as read (before any decoding,
 * and before any U+FFFD replacement of ill-formed UTF-8: sg_doc_new_enc); end offsets
 * are exclusive. All strings are UTF-8 (text and trigger carry the U+FFFD). */
typedef struct sg_event {
    const char *doc;         /* the input path as given, "-" for stdin */
    const char *date;        /* the document's date "YYYY-MM-DD", NULL if unknown */
    const char *meta;        /* the document's metadata, the text of a JSON object, or NULL */
    size_t sentence;         /* 0-based sentence index in the document */
    size_t start, end;       /* byte span of the sentence in the document */
    const char *source;      /* actor id (never NULL) */
    const char *source_name; /* actor display name (never NULL) */
    const char *source_type; /* actor type, "" when unknown (never NULL) */
    const char *target;      /* actor id, NULL when the event has no target actor */
    const char *target_name; /* NULL exactly when target is NULL */
    const char *target_type; /* NULL exactly when target is NULL */
    const char *relation;    /* relation id, e.g. "accuse" */
    const char *label;       /* relation label for display, e.g. "accuses" */
    const char *cameo;       /* CAMEO event code as a string, e.g. "112" */
    double goldstein;        /* Goldstein weight of the code, -10 .. +10 */
    bool negated;            /* "did not V", "failed to V" */
    const char *trigger;     /* the text that triggered the relation, as written */
    size_t trigger_start, trigger_end; /* byte span of the trigger in the document */
    const char *text;                  /* the sentence text, as written */
    const char *attributed_to;         /* actor id of the speaker for reported speech, or NULL */
    const char *resolved_via;          /* "pronoun" or "description" when an argument was
                                          resolved by coreference, else NULL */
    /* Why the event exists (extract --explain, see sg_worker_set_explain): the rules
     * that chose the source, the target and the relation, as short English phrases;
     * all three NULL when not requested. */
    const char *explain_source, *explain_target, *explain_relation;
} sg_event;

/* An actor seen in the input (a mention), whether or not it takes part in an event. */
typedef struct sg_actor_ref {
    const char *id;
    const char *name;
    const char *type;   /* "" when unknown */
    const char *parent; /* the lexicon parent's actor id, NULL when none or unknown */
    size_t mentions;    /* number of mentions summed over the inputs */
} sg_actor_ref;

typedef struct sg_events sg_events;

/* Returns a new, empty set, or NULL when out of memory. Free with sg_events_free. */
sg_events *sg_events_new(void);

/* Frees ev and all strings it owns. Accepts NULL. */
void sg_events_free(sg_events *ev);

/* Appends a copy of *e (every string is copied; e and its strings stay the caller's).
 * Also records e's source and target as actors (sg_events_add_actor with 0 mentions).
 * Errors: SG_ERR_NOMEM. */
sg_status sg_events_add(sg_events *ev, const sg_event *e);

/* Adds `sentences` to the sentence number and `bytes` to the four byte offsets (start,
 * end, trigger_start, trigger_end) of the events from index `from` on: for a document
 * extracted in parts, each part's events numbered from the start of the whole document
 * (the sentences of the earlier parts, the byte offset where the part starts). */
void sg_events_shift(sg_events *ev, size_t from, size_t sentences, size_t bytes);

/* Records that actor id (with name and type, type may be NULL) was mentioned
 * `mentions` more times. The first name and type given for an id are kept. */
sg_status sg_events_add_actor(sg_events *ev, const char *id, const char *name, const char *type,
                              size_t mentions);

/* Records that actor id (already recorded with sg_events_add_actor) has the lexicon
 * parent `parent` (an actor id; NULL: none). The first parent given for an id is kept;
 * an id not recorded is ignored. Errors: SG_ERR_NOMEM. */
sg_status sg_events_set_parent(sg_events *ev, const char *id, const char *parent);

/* Number of events; the i-th event (i < count), borrowed, valid until the next add or
 * sg_events_free. Events keep their insertion order. */
size_t sg_events_count(const sg_events *ev);
const sg_event *sg_events_get(const sg_events *ev, size_t i);

/* Number of distinct actors recorded; the i-th in first-seen order, borrowed as above. */
size_t sg_events_actor_count(const sg_events *ev);
const sg_actor_ref *sg_events_actor_get(const sg_events *ev, size_t i);

/* Writes each event as one JSON object per line (JSON Lines) to out, in order, with the
 * keys doc, sentence, start, end, source, source_name, target, target_name, relation,
 * cameo, goldstein, negated, trigger, text, plus label, source_type, target_type,
 * trigger_start, trigger_end, and attributed_to / resolved_via / explain (an object with
 * source, target and relation) when set. Errors:
 * SG_ERR_IO when a write fails (errno kept), SG_ERR_NOMEM. */
sg_status sg_events_write_jsonl(const sg_events *ev, FILE *out, sg_diag *diag);

/* Writes one JSON object per recorded actor, {"actor": id, "name": ..., "type": ...,
 * "parent": id (only when known), "mentions": n}, in first-seen order: with these lines an events
 * file keeps the actors that were mentioned without taking part in an event, so a graph built from
 * the file equals one built from the text (`stancegraph extract --actors-too`). Errors as
 * sg_events_write_jsonl. */
sg_status sg_events_write_actors_jsonl(const sg_events *ev, FILE *out, sg_diag *diag);

/* True when buf (len bytes) looks like a JSON Lines events file: its first non-blank
 * byte is '{' and the next non-blank one '"' (an object with a key). A text document
 * starting that way is read as events, and the parse error names the line. */
bool sg_events_is_jsonl(const char *buf, size_t len);

/* Parses JSON Lines events (as written by sg_events_write_jsonl; blank lines are
 * skipped) from buf and appends them to ev. path names the input in diagnostics.
 * Required keys: source, relation, cameo; the others take defaults (names default to
 * ids, goldstein to 0, negated to false). A line with the key "actor" is an actor
 * record as written by sg_events_write_actors_jsonl. Errors: SG_ERR_SYNTAX with path:line:col of
 * the offending line and key; on error ev is unchanged. */
sg_status sg_events_read_jsonl(sg_events *ev, const char *path, const char *buf, size_t len,
                               sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
