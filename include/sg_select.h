/* stancegraph selection stage: narrows and reshapes an event set before the graph is
 * built, e.g. rolling actors up their lexicon hierarchy ("Ilham Aliyev" and "Azerbaijani
 * defense ministry" become "Azerbaijan") or keeping actors of some types only. */
#ifndef SG_SELECT_H
#define SG_SELECT_H

#include "sg_events.h"
#include "sg_lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How far up the parent chain actors are rolled before aggregation. */
typedef enum sg_level {
    SG_LEVEL_LEAF,   /* as coded: the most specific actor */
    SG_LEVEL_PARENT, /* the actor's parent, when it has one */
    SG_LEVEL_ROOT    /* the top of the actor's parent chain */
} sg_level;

typedef struct sg_select_opts {
    sg_level level;
    /* Keep only actors whose type (after the roll-up) is one of these; NULL or an empty
     * list keeps all. Borrowed for the duration of the call. */
    const char *const *types;
    size_t n_types;
    /* Keep only events of these relation ids; NULL or empty keeps all. Borrowed. */
    const char *const *relations;
    size_t n_relations;
    /* Keep only events dated from since to until, both inclusive, as "YYYY-MM-DD"
     * (validated by the caller with sg_date_valid; ISO dates compare as strings). When
     * either is set, events without a date are dropped. NULL: no bound. */
    const char *since, *until;
    /* Keep only the events of ordered actor pairs (source, target) that have at least
     * min_count events after the selections above (negated events do not count, as they
     * do not count in the graph); events without a target are kept. 0 or 1 keeps all. */
    size_t min_count;
    /* Keep only these actors: ids sorted in strcmp order (as graph nodes are), e.g. an
     * ego network from sg_graph_ego; events need their source and, when they have one, their target
     * kept. Applied last. NULL keeps all (an empty non-NULL list keeps none). Borrowed. */
    const char *const *actors;
    size_t n_actors;
} sg_select_opts;

/* Sets o to select everything at SG_LEVEL_LEAF. */
void sg_select_opts_init(sg_select_opts *o);

/* Parses "leaf", "parent" or "root"; returns false for anything else. */
bool sg_level_parse(const char *s, sg_level *out);

/* Builds a new set *out from in: every event's source and target are replaced by their
 * ancestor at opts->level, looked up by id in lex (an id lex does not know is kept as it
 * is), with the ancestor's name and type; events that become self-loops by the roll-up
 * are dropped (they are one actor's internal affairs at that level); events and actors
 * whose types are not selected are dropped (an event needs its source and, when it has
 * one, its target selected); then the relation, date, min_count and actors selections
 * apply in that order (actors outside opts->actors are dropped too; actors that lose
 * their events by the other selections stay, as actors mentioned without events).
 * Mention counts of merged actors are summed. lex may be
 * NULL when level is SG_LEVEL_LEAF. *out is owned by the caller (sg_events_free).
 * Errors: SG_ERR_NOMEM. */
sg_status sg_events_select(const sg_events *in, const sg_lexicon *lex, const sg_select_opts *opts,
                           sg_events **out, sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
