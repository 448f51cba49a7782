/* Selection stage: rolls event actors up the lexicon's parent chains and filters them
 * by type. Consumes an sg_events set and a compiled lexicon, produces a new set for the
 * graph stage. */
#include <string.h>

#include "internal.h"
#include "sg_select.h"

bool sg_level_parse(const char *s, sg_level *out)
{
    static const char *const names[] = {"leaf", "parent", "root"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (sg_level)i;
            return true;
        }
    }
    return false;
}

/* The actor id becomes at this level; *name and *type are set from the lexicon when it
 * knows the result, else left as they are. */
static const char *roll(const sg_lexicon *lex, sg_level level, const char *id, const char **name,
                        const char **type)
{
    if (level == SG_LEVEL_LEAF || lex == NULL || id == NULL) {
        return id;
    }
    size_t a = sg_lexicon_actor_find(lex, id);
    if (a == SG_NONE) {
        return id;
    }
    size_t up = sg_lexicon_actor_parent(lex, a);
    for (size_t hops = 0; up != SG_NONE && hops < 64; hops++) {
        a = up;
        if (level == SG_LEVEL_PARENT) {
            break;
        }
        up = sg_lexicon_actor_parent(lex, a);
    }
    *name = sg_lexicon_actor_name(lex, a);
    *type = sg_lexicon_actor_type(lex, a);
    return sg_lexicon_actor_id(lex, a);
}

static bool selected(const sg_select_opts *o, const char *type)
{
    if (o->n_types == 0) {
        return true;
    }
    for (size_t i = 0; i < o->n_types; i++) {
        if (type != NULL && strcmp(o->types[i], type) == 0) {
            return true;
        }
    }
    return false;
}

sg_status sg_events_select(const sg_events *in, const sg_lexicon *lex, const sg_select_opts *opts,
                           sg_events **out, sg_diag *diag)
{
    sg_events *ev = sg_events_new();
    *out = NULL;
    if (ev == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < sg_events_actor_count(in); i++) {
        const sg_actor_ref *a = sg_events_actor_get(in, i);
        const char *name = a->name, *type = a->type;
        const char *id = roll(lex, opts->level, a->id, &name, &type);
        /* a rolled-up actor's parent is its own lexicon parent */
        const char *parent = a->parent;
        if (id != a->id) {
            size_t k = sg_lexicon_actor_find(lex, id);
            size_t up = k != SG_NONE ? sg_lexicon_actor_parent(lex, k) : SG_NONE;
            parent = up != SG_NONE ? sg_lexicon_actor_id(lex, up) : NULL;
        }
        if (selected(opts, type) &&
            (sg_events_add_actor(ev, id, name, type, a->mentions) != SG_OK ||
             sg_events_set_parent(ev, id, parent) != SG_OK)) {
            goto nomem;
        }
    }
    for (size_t i = 0; i < sg_events_count(in); i++) {
        sg_event e = *sg_events_get(in, i);
        e.source = roll(lex, opts->level, e.source, &e.source_name, &e.source_type);
        e.target = roll(lex, opts->level, e.target, &e.target_name, &e.target_type);
        if (e.target != NULL && strcmp(e.source, e.target) == 0) {
            continue;
        }
        if (!selected(opts, e.source_type) ||
            (e.target != NULL && !selected(opts, e.target_type))) {
            continue;
        }
        if (sg_events_add(ev, &e) != SG_OK) {
            goto nomem;
        }
    }
    *out = ev;
    return SG_OK;
nomem:
    sg_events_free(ev);
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
}
