/* Selection stage: rolls event actors up the lexicon's parent chains and filters them
 * by type. Consumes an sg_events set and a compiled lexicon, produces a new set for the
 * graph stage. */
#include <stdlib.h>
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

void sg_select_opts_init(sg_select_opts *o)
{
    memset(o, 0, sizeof *o);
    o->level = SG_LEVEL_LEAF;
}

static bool in_list(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        if (s != NULL && strcmp(list[i], s) == 0) {
            return true;
        }
    }
    return false;
}

static int str_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* Whether actor id passes the opts->actors selection (sorted: binary search). */
static bool actor_kept(const sg_select_opts *o, const char *id)
{
    return o->actors == NULL ||
           (id != NULL && bsearch(id, o->actors, o->n_actors, sizeof *o->actors, str_cmp) != NULL);
}

/* Whether e passes the relation and date selections. */
static bool event_kept(const sg_select_opts *o, const sg_event *e)
{
    if (o->n_relations > 0 && !in_list(o->relations, o->n_relations, e->relation)) {
        return false;
    }
    if ((o->since != NULL || o->until != NULL) && e->date == NULL) {
        return false;
    }
    if (o->since != NULL && strcmp(e->date, o->since) < 0) {
        return false;
    }
    if (o->until != NULL && strcmp(e->date, o->until) > 0) {
        return false;
    }
    return actor_kept(o, e->source) && (e->target == NULL || actor_kept(o, e->target));
}

/* An event index with its ordered pair, for counting events per pair. */
typedef struct pair_ref {
    const char *source, *target;
    size_t event;
} pair_ref;

static int pair_cmp(const void *a, const void *b)
{
    const pair_ref *x = a, *y = b;
    int c = strcmp(x->source, y->source);
    if (c == 0) {
        c = strcmp(x->target, y->target);
    }
    return c != 0 ? c : (x->event > y->event) - (x->event < y->event);
}

/* Marks in drop[] the events of tmp whose ordered pair has fewer than min non-negated
 * events. Returns false when out of memory. */
static bool mark_rare_pairs(const sg_events *tmp, size_t min, bool *drop)
{
    size_t n = sg_events_count(tmp), np = 0;
    pair_ref *p = malloc((n > 0 ? n : 1) * sizeof *p);
    if (p == NULL) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        const sg_event *e = sg_events_get(tmp, i);
        if (e->target != NULL) {
            p[np].source = e->source;
            p[np].target = e->target;
            p[np].event = i;
            np++;
        }
    }
    qsort(p, np, sizeof *p, pair_cmp);
    for (size_t i = 0; i < np;) {
        size_t j = i, count = 0;
        while (j < np && strcmp(p[j].source, p[i].source) == 0 &&
               strcmp(p[j].target, p[i].target) == 0) {
            count += !sg_events_get(tmp, p[j].event)->negated;
            j++;
        }
        for (size_t k = i; k < j; k++) {
            drop[p[k].event] = count < min;
        }
        i = j;
    }
    free(p);
    return true;
}

static bool selected(const sg_select_opts *o, const char *type)
{
    return o->n_types == 0 || in_list(o->types, o->n_types, type);
}

sg_status sg_events_select(const sg_events *in, const sg_lexicon *lex, const sg_select_opts *opts,
                           sg_events **out, sg_diag *diag)
{
    sg_events *ev = sg_events_new();
    sg_events *kept = NULL;
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
        if (selected(opts, type) && actor_kept(opts, id) &&
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
            (e.target != NULL && !selected(opts, e.target_type)) || !event_kept(opts, &e)) {
            continue;
        }
        if (sg_events_add(ev, &e) != SG_OK) {
            goto nomem;
        }
    }
    if (opts->min_count > 1 && sg_events_count(ev) > 0) {
        /* a second pass: pair counts are known only once the other selections ran */
        size_t n = sg_events_count(ev);
        bool *drop = calloc(n, sizeof *drop);
        kept = sg_events_new();
        if (drop == NULL || kept == NULL || !mark_rare_pairs(ev, opts->min_count, drop)) {
            free(drop);
            goto nomem;
        }
        for (size_t i = 0; i < sg_events_actor_count(ev); i++) {
            const sg_actor_ref *a = sg_events_actor_get(ev, i);
            if (sg_events_add_actor(kept, a->id, a->name, a->type, a->mentions) != SG_OK ||
                sg_events_set_parent(kept, a->id, a->parent) != SG_OK) {
                free(drop);
                goto nomem;
            }
        }
        for (size_t i = 0; i < n; i++) {
            if (!drop[i] && sg_events_add(kept, sg_events_get(ev, i)) != SG_OK) {
                free(drop);
                goto nomem;
            }
        }
        free(drop);
        sg_events_free(ev);
        ev = kept;
    }
    *out = ev;
    return SG_OK;
nomem:
    if (kept != ev) {
        sg_events_free(kept);
    }
    sg_events_free(ev);
    return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
}
