/* Event records: the interchange between extraction (or a JSON Lines events file) and
 * the graph stage. Consumes sg_event values and actor mentions, produces an owned,
 * interned set; reads and writes JSON Lines with cJSON. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"
#include "sg_events.h"

/* Interned strings live in fixed chunks so that pointers stay valid as the set grows. */
typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

typedef struct strtab {
    chunk *chunks;
    const char **slots; /* open addressing, power-of-two size */
    size_t n_slots, n_used;
} strtab;

struct sg_events {
    strtab strings;
    sg_event *events;
    size_t n_events, cap_events;
    sg_actor_ref *actors;
    size_t n_actors, cap_actors;
    size_t *actor_slots; /* open addressing over actors by id: index + 1, 0 = empty */
    size_t n_actor_slots;
};

static const char *arena_copy(strtab *t, const char *s, size_t n)
{
    chunk *c = t->chunks;
    if (c == NULL || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;
        chunk *nc = malloc(sizeof *nc + cap);
        if (nc == NULL) {
            return NULL;
        }
        nc->next = t->chunks;
        nc->used = 0;
        nc->cap = cap;
        t->chunks = nc;
        c = nc;
    }
    char *p = c->data + c->used;
    memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

/* Returns the interned copy of s (NULL for NULL), or NULL with *oom set. */
static const char *intern(strtab *t, const char *s, bool *oom)
{
    if (s == NULL) {
        return NULL;
    }
    size_t n = strlen(s);
    if (t->n_used * 2 >= t->n_slots) {
        size_t ns = t->n_slots == 0 ? 1024 : t->n_slots * 2;
        const char **slots = calloc(ns, sizeof *slots);
        if (slots == NULL) {
            *oom = true;
            return NULL;
        }
        for (size_t i = 0; i < t->n_slots; i++) {
            if (t->slots[i] != NULL) {
                size_t j = (size_t)sg_i_hash(t->slots[i], strlen(t->slots[i])) & (ns - 1);
                while (slots[j] != NULL) {
                    j = (j + 1) & (ns - 1);
                }
                slots[j] = t->slots[i];
            }
        }
        free(t->slots);
        t->slots = slots;
        t->n_slots = ns;
    }
    size_t j = (size_t)sg_i_hash(s, n) & (t->n_slots - 1);
    while (t->slots[j] != NULL) {
        if (strcmp(t->slots[j], s) == 0) {
            return t->slots[j];
        }
        j = (j + 1) & (t->n_slots - 1);
    }
    const char *p = arena_copy(t, s, n);
    if (p == NULL) {
        *oom = true;
        return NULL;
    }
    t->slots[j] = p;
    t->n_used++;
    return p;
}

sg_events *sg_events_new(void)
{
    return calloc(1, sizeof(sg_events));
}

void sg_events_free(sg_events *ev)
{
    if (ev == NULL) {
        return;
    }
    chunk *c = ev->strings.chunks;
    while (c != NULL) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(ev->strings.slots);
    free(ev->events);
    free(ev->actors);
    free(ev->actor_slots);
    free(ev);
}

static size_t actor_lookup(const sg_events *ev, const char *id, size_t *slot)
{
    size_t j = (size_t)sg_i_hash(id, strlen(id)) & (ev->n_actor_slots - 1);
    while (ev->actor_slots[j] != 0) {
        if (strcmp(ev->actors[ev->actor_slots[j] - 1].id, id) == 0) {
            *slot = j;
            return ev->actor_slots[j] - 1;
        }
        j = (j + 1) & (ev->n_actor_slots - 1);
    }
    *slot = j;
    return SIZE_MAX;
}

static sg_status grow_actor_slots(sg_events *ev)
{
    size_t ns = ev->n_actor_slots == 0 ? 256 : ev->n_actor_slots * 2;
    size_t *slots = calloc(ns, sizeof *slots);
    if (slots == NULL) {
        return SG_ERR_NOMEM;
    }
    free(ev->actor_slots);
    ev->actor_slots = slots;
    ev->n_actor_slots = ns;
    for (size_t i = 0; i < ev->n_actors; i++) {
        size_t slot;
        (void)actor_lookup(ev, ev->actors[i].id, &slot);
        ev->actor_slots[slot] = i + 1;
    }
    return SG_OK;
}

sg_status sg_events_add_actor(sg_events *ev, const char *id, const char *name, const char *type,
                              size_t mentions)
{
    bool oom = false;
    size_t slot;
    if ((ev->n_actors + 1) * 2 > ev->n_actor_slots && grow_actor_slots(ev) != SG_OK) {
        return SG_ERR_NOMEM;
    }
    size_t i = actor_lookup(ev, id, &slot);
    if (i != SIZE_MAX) {
        ev->actors[i].mentions += mentions;
        return SG_OK;
    }
    if (ev->n_actors == ev->cap_actors) {
        size_t nc = ev->cap_actors == 0 ? 64 : ev->cap_actors * 2;
        sg_actor_ref *na = realloc(ev->actors, nc * sizeof *na);
        if (na == NULL) {
            return SG_ERR_NOMEM;
        }
        ev->actors = na;
        ev->cap_actors = nc;
    }
    sg_actor_ref a;
    a.id = intern(&ev->strings, id, &oom);
    a.name = intern(&ev->strings, name != NULL ? name : id, &oom);
    a.type = intern(&ev->strings, type != NULL ? type : "", &oom);
    a.parent = NULL;
    a.mentions = mentions;
    if (oom) {
        return SG_ERR_NOMEM;
    }
    ev->actors[ev->n_actors++] = a;
    ev->actor_slots[slot] = ev->n_actors;
    return SG_OK;
}

sg_status sg_events_set_parent(sg_events *ev, const char *id, const char *parent)
{
    bool oom = false;
    size_t slot;
    size_t i = ev->n_actor_slots > 0 ? actor_lookup(ev, id, &slot) : SIZE_MAX;
    if (i == SIZE_MAX || parent == NULL || ev->actors[i].parent != NULL) {
        return SG_OK;
    }
    ev->actors[i].parent = intern(&ev->strings, parent, &oom);
    return oom ? SG_ERR_NOMEM : SG_OK;
}

void sg_events_shift(sg_events *ev, size_t from, size_t sentences, size_t bytes)
{
    for (size_t i = from; i < ev->n_events; i++) {
        sg_event *e = &ev->events[i];
        e->sentence += sentences;
        e->start += bytes;
        e->end += bytes;
        e->trigger_start += bytes;
        e->trigger_end += bytes;
    }
}

sg_status sg_events_add(sg_events *ev, const sg_event *e)
{
    bool oom = false;
    if (ev->n_events == ev->cap_events) {
        size_t nc = ev->cap_events == 0 ? 256 : ev->cap_events * 2;
        sg_event *ne = realloc(ev->events, nc * sizeof *ne);
        if (ne == NULL) {
            return SG_ERR_NOMEM;
        }
        ev->events = ne;
        ev->cap_events = nc;
    }
    sg_event c = *e;
    strtab *t = &ev->strings;
    c.doc = intern(t, e->doc, &oom);
    c.date = intern(t, e->date, &oom);
    c.meta = intern(t, e->meta, &oom);
    c.source = intern(t, e->source, &oom);
    c.source_name = intern(t, e->source_name != NULL ? e->source_name : e->source, &oom);
    c.source_type = intern(t, e->source_type != NULL ? e->source_type : "", &oom);
    c.target = intern(t, e->target, &oom);
    if (e->target != NULL) {
        c.target_name = intern(t, e->target_name != NULL ? e->target_name : e->target, &oom);
        c.target_type = intern(t, e->target_type != NULL ? e->target_type : "", &oom);
    } else {
        c.target_name = NULL;
        c.target_type = NULL;
    }
    c.relation = intern(t, e->relation, &oom);
    c.label = intern(t, e->label != NULL ? e->label : e->relation, &oom);
    c.cameo = intern(t, e->cameo, &oom);
    c.trigger = intern(t, e->trigger != NULL ? e->trigger : "", &oom);
    c.text = intern(t, e->text != NULL ? e->text : "", &oom);
    c.attributed_to = intern(t, e->attributed_to, &oom);
    c.resolved_via = intern(t, e->resolved_via, &oom);
    c.explain_source = intern(t, e->explain_source, &oom);
    c.explain_target = intern(t, e->explain_target, &oom);
    c.explain_relation = intern(t, e->explain_relation, &oom);
    if (oom) {
        return SG_ERR_NOMEM;
    }
    if (sg_events_add_actor(ev, c.source, c.source_name, c.source_type, 0) != SG_OK) {
        return SG_ERR_NOMEM;
    }
    if (c.target != NULL &&
        sg_events_add_actor(ev, c.target, c.target_name, c.target_type, 0) != SG_OK) {
        return SG_ERR_NOMEM;
    }
    ev->events[ev->n_events++] = c;
    return SG_OK;
}

size_t sg_events_count(const sg_events *ev)
{
    return ev->n_events;
}

const sg_event *sg_events_get(const sg_events *ev, size_t i)
{
    return &ev->events[i];
}

size_t sg_events_actor_count(const sg_events *ev)
{
    return ev->n_actors;
}

const sg_actor_ref *sg_events_actor_get(const sg_events *ev, size_t i)
{
    return &ev->actors[i];
}

/* --- JSON Lines ------------------------------------------------------------------ */

static bool add_str_or_null(cJSON *o, const char *key, const char *v)
{
    cJSON *item = v != NULL ? cJSON_CreateString(v) : cJSON_CreateNull();
    return item != NULL && cJSON_AddItemToObject(o, key, item);
}

/* Numbers are added as raw text: cJSON prints doubles with sprintf and re-reads them
 * with sscanf to pick a precision, which was half of extract's run time. Integers
 * print exactly; Goldstein weights (one decimal on the codebook's scale) with %.15g,
 * the format cJSON itself tries first. */
static bool add_num(cJSON *o, const char *key, double v)
{
    char buf[64];
    if (v == (double)(long long)v && v > -9007199254740992.0 && v < 9007199254740992.0) {
        snprintf(buf, sizeof buf, "%lld", (long long)v);
    } else {
        snprintf(buf, sizeof buf, "%.15g", v);
    }
    return cJSON_AddRawToObject(o, key, buf) != NULL;
}

static cJSON *event_to_json(const sg_event *e)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    bool ok =
        add_str_or_null(o, "doc", e->doc) &&
        (e->date == NULL || add_str_or_null(o, "date", e->date)) &&
        add_num(o, "sentence", (double)e->sentence) && add_num(o, "start", (double)e->start) &&
        add_num(o, "end", (double)e->end) && add_str_or_null(o, "source", e->source) &&
        add_str_or_null(o, "source_name", e->source_name) &&
        add_str_or_null(o, "source_type", e->source_type) &&
        add_str_or_null(o, "target", e->target) &&
        add_str_or_null(o, "target_name", e->target_name) &&
        add_str_or_null(o, "target_type", e->target_type) &&
        add_str_or_null(o, "relation", e->relation) && add_str_or_null(o, "label", e->label) &&
        add_str_or_null(o, "cameo", e->cameo) && add_num(o, "goldstein", e->goldstein) &&
        cJSON_AddBoolToObject(o, "negated", e->negated) != NULL &&
        add_str_or_null(o, "trigger", e->trigger) &&
        add_num(o, "trigger_start", (double)e->trigger_start) &&
        add_num(o, "trigger_end", (double)e->trigger_end);
    if (ok && e->meta != NULL) {
        ok = cJSON_AddRawToObject(o, "meta", e->meta) != NULL;
    }
    if (ok && e->attributed_to != NULL) {
        ok = add_str_or_null(o, "attributed_to", e->attributed_to);
    }
    if (ok && e->resolved_via != NULL) {
        ok = add_str_or_null(o, "resolved_via", e->resolved_via);
    }
    if (ok && e->explain_relation != NULL) {
        cJSON *x = cJSON_AddObjectToObject(o, "explain");
        ok = x != NULL && add_str_or_null(x, "source", e->explain_source) &&
             add_str_or_null(x, "target", e->explain_target) &&
             add_str_or_null(x, "relation", e->explain_relation);
    }
    ok = ok && add_str_or_null(o, "text", e->text);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Writes o (taking ownership; NULL means it could not be built) as one line. */
static sg_status write_line(cJSON *o, FILE *out, sg_diag *diag)
{
    char *s = o != NULL ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (s == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory");
    }
    int r1 = fputs(s, out);
    int r2 = fputc('\n', out);
    cJSON_free(s);
    if (r1 == EOF || r2 == EOF) {
        return sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write events: %s",
                         strerror(errno));
    }
    return SG_OK;
}

sg_status sg_events_write_jsonl(const sg_events *ev, FILE *out, sg_diag *diag)
{
    for (size_t i = 0; i < ev->n_events; i++) {
        sg_status st = write_line(event_to_json(&ev->events[i]), out, diag);
        if (st != SG_OK) {
            return st;
        }
    }
    return SG_OK;
}

sg_status sg_events_write_actors_jsonl(const sg_events *ev, FILE *out, sg_diag *diag)
{
    for (size_t i = 0; i < ev->n_actors; i++) {
        const sg_actor_ref *a = &ev->actors[i];
        cJSON *o = cJSON_CreateObject();
        if (o != NULL &&
            !(add_str_or_null(o, "actor", a->id) && add_str_or_null(o, "name", a->name) &&
              add_str_or_null(o, "type", a->type) &&
              (a->parent == NULL || add_str_or_null(o, "parent", a->parent)) &&
              add_num(o, "mentions", (double)a->mentions))) {
            cJSON_Delete(o);
            o = NULL;
        }
        sg_status st = write_line(o, out, diag);
        if (st != SG_OK) {
            return st;
        }
    }
    return SG_OK;
}

bool sg_events_is_jsonl(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    }
    for (; i < len; i++) {
        char c = buf[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            break;
        }
    }
    if (i >= len || buf[i] != '{') {
        return false;
    }
    /* an object starts with a key: "{Reuters} ..." is a text document */
    for (i++; i < len; i++) {
        char c = buf[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return c == '"';
        }
    }
    return false;
}

typedef struct line_ctx {
    const char *path, *buf;
    size_t len, line_start;
    sg_diag *diag;
} line_ctx;

static sg_status key_error(line_ctx *lc, const char *key, const char *what)
{
    size_t off = sg_i_key_offset(lc->buf, lc->len, lc->line_start, key);
    return sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len, off, "event key '%s' %s",
                     key, what);
}

static sg_status get_str(line_ctx *lc, const cJSON *o, const char *key, bool required,
                         bool nullable, const char **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    *out = NULL;
    if (it == NULL) {
        return required ? key_error(lc, key, "is missing") : SG_OK;
    }
    if (cJSON_IsNull(it) && nullable) {
        return SG_OK;
    }
    if (!cJSON_IsString(it)) {
        return key_error(lc, key, nullable ? "must be a string or null" : "must be a string");
    }
    *out = it->valuestring;
    return SG_OK;
}

static sg_status get_size(line_ctx *lc, const cJSON *o, const char *key, size_t *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    *out = 0;
    if (it == NULL) {
        return SG_OK;
    }
    /* below 2^53: every integer up to it reads back exactly; 2^53 + 1 reads as 2^53,
     * so 2^53 itself may stand for a rounded number and is refused too */
    if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble >= 9007199254740992.0 ||
        floor(it->valuedouble) != it->valuedouble) {
        return key_error(lc, key, "must be a non-negative integer below 2^53");
    }
    *out = (size_t)it->valuedouble;
    return SG_OK;
}

static sg_status parse_line(line_ctx *lc, const char *line, size_t n, sg_events *tmp)
{
    const char *end = NULL;
    sg_status st = SG_OK;
    cJSON *o = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (o == NULL) {
        size_t off = lc->line_start + (end != NULL ? (size_t)(end - line) : 0);
        return sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len, off,
                         "invalid JSON in events line");
    }
    /* only white space may follow the object */
    for (const char *p = end; p != NULL && p < line + n; p++) {
        if (*p != ' ' && *p != '\t' && *p != '\r') {
            st = sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len,
                           lc->line_start + (size_t)(p - line),
                           "unexpected text after the event object");
            goto done;
        }
    }
    if (!cJSON_IsObject(o)) {
        st = sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len, lc->line_start,
                       "events line is not a JSON object");
        goto done;
    }
    const char *dup = sg_i_duplicate_key(o);
    if (dup != NULL) {
        st = sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len,
                       sg_i_key_offset(lc->buf, lc->len, lc->line_start, dup),
                       "duplicate key '%.64s' in events line", dup);
        goto done;
    }
    if (cJSON_GetObjectItemCaseSensitive(o, "actor") != NULL) {
        const char *id = NULL, *name = NULL, *type = NULL, *parent = NULL;
        size_t mentions = 0;
        if ((st = get_str(lc, o, "actor", true, false, &id)) != SG_OK ||
            (st = get_str(lc, o, "name", false, true, &name)) != SG_OK ||
            (st = get_str(lc, o, "type", false, true, &type)) != SG_OK ||
            (st = get_str(lc, o, "parent", false, true, &parent)) != SG_OK ||
            (st = get_size(lc, o, "mentions", &mentions)) != SG_OK) {
            goto done;
        }
        if (id[0] == '\0') {
            st = key_error(lc, "actor", "is empty");
            goto done;
        }
        if (sg_events_add_actor(tmp, id, name, type, mentions) != SG_OK ||
            sg_events_set_parent(tmp, id, parent != NULL && parent[0] != '\0' ? parent : NULL) !=
                SG_OK) {
            st = sg_i_diag(lc->diag, SG_ERR_NOMEM, lc->path, NULL, 0, 0, "out of memory");
        }
        goto done;
    }
    if (cJSON_GetObjectItemCaseSensitive(o, "source") == NULL &&
        cJSON_GetObjectItemCaseSensitive(o, "relation") == NULL) {
        /* neither an event nor an actor line: most likely a corpus of documents whose
         * text key is not "text" */
        st = sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len, lc->line_start,
                       "neither an event (no 'source', no 'relation') nor an actor line; "
                       "for a JSON Lines corpus whose text is not under 'text', give "
                       "--text-field KEY");
        goto done;
    }
    sg_event e;
    memset(&e, 0, sizeof e);
    const cJSON *neg = cJSON_GetObjectItemCaseSensitive(o, "negated");
    const cJSON *gs = cJSON_GetObjectItemCaseSensitive(o, "goldstein");
    if ((st = get_str(lc, o, "doc", false, true, &e.doc)) != SG_OK ||
        (st = get_str(lc, o, "date", false, true, &e.date)) != SG_OK ||
        (st = get_str(lc, o, "source", true, false, &e.source)) != SG_OK ||
        (st = get_str(lc, o, "source_name", false, true, &e.source_name)) != SG_OK ||
        (st = get_str(lc, o, "source_type", false, true, &e.source_type)) != SG_OK ||
        (st = get_str(lc, o, "target", false, true, &e.target)) != SG_OK ||
        (st = get_str(lc, o, "target_name", false, true, &e.target_name)) != SG_OK ||
        (st = get_str(lc, o, "target_type", false, true, &e.target_type)) != SG_OK ||
        (st = get_str(lc, o, "relation", true, false, &e.relation)) != SG_OK ||
        (st = get_str(lc, o, "label", false, true, &e.label)) != SG_OK ||
        (st = get_str(lc, o, "cameo", true, false, &e.cameo)) != SG_OK ||
        (st = get_str(lc, o, "trigger", false, true, &e.trigger)) != SG_OK ||
        (st = get_str(lc, o, "text", false, true, &e.text)) != SG_OK ||
        (st = get_str(lc, o, "attributed_to", false, true, &e.attributed_to)) != SG_OK ||
        (st = get_str(lc, o, "resolved_via", false, true, &e.resolved_via)) != SG_OK ||
        (st = get_size(lc, o, "sentence", &e.sentence)) != SG_OK ||
        (st = get_size(lc, o, "start", &e.start)) != SG_OK ||
        (st = get_size(lc, o, "end", &e.end)) != SG_OK ||
        (st = get_size(lc, o, "trigger_start", &e.trigger_start)) != SG_OK ||
        (st = get_size(lc, o, "trigger_end", &e.trigger_end)) != SG_OK) {
        goto done;
    }
    /* cJSON ends strings at a NUL: refuse an escaped NUL rather than cut the string */
    size_t nul = sg_i_json_nul(lc->buf + lc->line_start, n);
    if (nul < n) {
        st = sg_i_diag(lc->diag, SG_ERR_SYNTAX, lc->path, lc->buf, lc->len, lc->line_start + nul,
                       "a NUL character (\\u0000) in an events line");
        goto done;
    }
    if (e.start > e.end) {
        st = key_error(lc, "end", "is before 'start'");
        goto done;
    }
    if (e.trigger_start > e.trigger_end) {
        st = key_error(lc, "trigger_end", "is before 'trigger_start'");
        goto done;
    }
    if (e.source[0] == '\0') {
        st = key_error(lc, "source", "is empty");
        goto done;
    }
    if (e.date != NULL && !sg_date_valid(e.date)) {
        st = key_error(lc, "date", "must be a date YYYY-MM-DD");
        goto done;
    }
    if (neg != NULL && !cJSON_IsBool(neg)) {
        st = key_error(lc, "negated", "must be true or false");
        goto done;
    }
    e.negated = neg != NULL && cJSON_IsTrue(neg);
    /* a missing weight would count as a neutral 0 in every signed measure */
    if (gs == NULL) {
        st = key_error(lc, "goldstein", "is missing");
        goto done;
    }
    if (!cJSON_IsNumber(gs) || !isfinite(gs->valuedouble) || gs->valuedouble < -10.0 ||
        gs->valuedouble > 10.0) {
        st = key_error(lc, "goldstein", "must be a number from -10 to 10");
        goto done;
    }
    e.goldstein = gs->valuedouble;
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "explain");
    if (x != NULL) {
        if (!cJSON_IsObject(x)) {
            st = key_error(lc, "explain", "must be an object");
            goto done;
        }
        if ((st = get_str(lc, x, "source", false, true, &e.explain_source)) != SG_OK ||
            (st = get_str(lc, x, "target", false, true, &e.explain_target)) != SG_OK ||
            (st = get_str(lc, x, "relation", false, true, &e.explain_relation)) != SG_OK) {
            goto done;
        }
    }
    if (e.doc == NULL) {
        e.doc = lc->path;
    }
    if (e.target != NULL && e.target[0] == '\0') {
        e.target = NULL;
    }
    if (e.target == NULL) {
        e.target_name = NULL;
        e.target_type = NULL;
    }
    if (sg_events_add(tmp, &e) != SG_OK) {
        st = sg_i_diag(lc->diag, SG_ERR_NOMEM, lc->path, NULL, 0, 0, "out of memory");
    }
done:
    cJSON_Delete(o);
    return st;
}

sg_status sg_events_read_jsonl(sg_events *ev, const char *path, const char *buf, size_t len,
                               sg_diag *diag)
{
    sg_status st = SG_OK;
    sg_events *tmp = sg_events_new();
    line_ctx lc = {path, buf, len, 0, diag};
    size_t pos = 0;
    if (tmp == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory");
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        pos = 3;
    }
    /* names and texts are copied into every output: refuse what would make them invalid */
    size_t bad = sg_i_utf8_bad(buf, len);
    if (bad < len) {
        st = sg_i_diag(diag, SG_ERR_SYNTAX, path, buf, len, bad, "invalid UTF-8 in events file");
        goto done;
    }
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t n = nl != NULL ? (size_t)(nl - (buf + pos)) : len - pos;
        bool blank = true;
        for (size_t i = 0; i < n; i++) {
            char c = buf[pos + i];
            if (c != ' ' && c != '\t' && c != '\r') {
                blank = false;
                break;
            }
        }
        if (!blank) {
            lc.line_start = pos;
            st = parse_line(&lc, buf + pos, n, tmp);
            if (st != SG_OK) {
                goto done;
            }
        }
        pos += n + 1;
    }
    for (size_t i = 0; i < tmp->n_actors && st == SG_OK; i++) {
        const sg_actor_ref *a = &tmp->actors[i];
        st = sg_events_add_actor(ev, a->id, a->name, a->type, a->mentions);
        if (st == SG_OK) {
            st = sg_events_set_parent(ev, a->id, a->parent);
        }
    }
    for (size_t i = 0; i < tmp->n_events && st == SG_OK; i++) {
        st = sg_events_add(ev, &tmp->events[i]);
    }
    if (st != SG_OK) {
        st = sg_i_diag(diag, st, path, NULL, 0, 0, "out of memory");
    }
done:
    sg_events_free(tmp);
    return st;
}
