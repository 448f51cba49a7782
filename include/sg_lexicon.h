/* stancegraph lexicon stage: loads actor and relation lexicons (JSON, format v1),
 * validates them, generates verb inflections, compiles PCRE2 patterns (with JIT) and
 * builds the token n-gram lookup tables used by extraction.
 *
 * Format v1 (a contract; see README.md "Lexicon format"):
 *   actors:    {"actors": [{"id", "name", "type"?, "parent"?, "aliases"?, "patterns"?,
 *                           "description"?}]}
 *   relations: {"relations": [{"id", "label", "cameo", "goldstein", "verbs"?, "nouns"?,
 *                              "patterns"?, "flags"?, "description"?}]}
 * ids match [A-Za-z0-9_.-]+; name and label are non-empty strings; cameo is 2 to 4
 * digits; goldstein is a number in -10..10; aliases, verbs and nouns are non-empty
 * strings with a letter or digit; flags are the names listed below. The text must be
 * UTF-8 (a leading byte-order mark is skipped) and strict JSON.
 * Unknown keys, duplicate keys, wrong types, duplicate ids, an unknown parent and a
 * pattern that does not compile are errors with path:line:col.
 *
 * Life cycle: sg_lexicon_new, then any number of sg_lexicon_add_* calls, then
 * sg_lexicon_compile once; after compile the lexicon is read-only and may be shared by
 * threads (each with its own sg_worker, see sg_extract.h). */
#ifndef SG_LEXICON_H
#define SG_LEXICON_H

#include <stdio.h>

#include "sg_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sg_lexicon sg_lexicon;

/* Value returned by index getters for "none" (no parent, not found). */
#define SG_NONE ((size_t)-1)

/* Relation flags (key "flags" in the relations lexicon). They tell extraction how a
 * relation's arguments behave; the names are the JSON strings in parentheses. */
enum {
    SG_REL_REPORTING = 1u << 0,  /* ("reporting") a speech verb: say, tell, state */
    SG_REL_REFUSAL = 1u << 1,    /* ("refusal") "refuse/decline to V": a reject event */
    SG_REL_DENIAL = 1u << 2,     /* ("denial") the target is the author of the denied
                                    claim, when the object is not an actor */
    SG_REL_RECIPROCAL = 1u << 3, /* ("reciprocal") "A and B met": both directions */
    SG_REL_UNTARGETED = 1u << 4  /* ("untargeted") an event without an actor target is
                                    kept (target null); others need a target */
};

/* Returns a new, empty lexicon, or NULL when out of memory. Free with sg_lexicon_free. */
sg_lexicon *sg_lexicon_new(void);

/* Frees lex and everything it owns. Accepts NULL. */
void sg_lexicon_free(sg_lexicon *lex);

/* Parses an actors lexicon from json (len bytes, UTF-8, need not be NUL-terminated)
 * and appends its actors to lex. path names the source in diagnostics and is borrowed
 * only for the duration of the call. Errors: SG_ERR_SYNTAX (malformed JSON, unknown or
 * duplicate key, wrong type, invalid or duplicate id, empty alias) and SG_ERR_PATTERN
 * (pattern does not compile; the column points at the pattern's own error offset),
 * with diag giving path:line:col. On error lex is unchanged. Not after compile: that
 * is refused with SG_ERR_SYNTAX ("cannot add to a lexicon after it is compiled"). */
sg_status sg_lexicon_add_actors_json(sg_lexicon *lex, const char *path, const char *json,
                                     size_t len, sg_diag *diag);

/* Same as sg_lexicon_add_actors_json for a relations lexicon. Each relation's verbs
 * are base forms ("accuse", "call for"); the inflections (3rd person -s, past -ed,
 * past participle, -ing) are generated, with a table of English irregular verbs. */
sg_status sg_lexicon_add_relations_json(sg_lexicon *lex, const char *path, const char *json,
                                        size_t len, sg_diag *diag);

/* Reads the file at path and calls sg_lexicon_add_actors_json. A missing or unreadable
 * file is SG_ERR_IO with diag->path = path and the system's reason in diag->msg. The
 * path "-" names a file called "-", not standard input. */
sg_status sg_lexicon_add_actors_file(sg_lexicon *lex, const char *path, sg_diag *diag);

/* Reads the file at path and calls sg_lexicon_add_relations_json (errors as above). */
sg_status sg_lexicon_add_relations_file(sg_lexicon *lex, const char *path, sg_diag *diag);

/* Resolves parent ids, checks them (unknown parent, a cycle), builds the lookup
 * tables and JIT-compiles patterns. Must be called once, after the last add and before
 * extraction. Errors: SG_ERR_SYNTAX with the position of the offending entry's
 * "parent" value (path borrowed from lex), SG_ERR_NOMEM. A second call does nothing. */
sg_status sg_lexicon_compile(sg_lexicon *lex, sg_diag *diag);

/* Number of actors / relations loaded. */
size_t sg_lexicon_actor_count(const sg_lexicon *lex);
size_t sg_lexicon_relation_count(const sg_lexicon *lex);

/* Actor getters; i < sg_lexicon_actor_count. Strings are borrowed from lex and live
 * until sg_lexicon_free. type is "" when the lexicon gave none. */
const char *sg_lexicon_actor_id(const sg_lexicon *lex, size_t i);
const char *sg_lexicon_actor_name(const sg_lexicon *lex, size_t i);
const char *sg_lexicon_actor_type(const sg_lexicon *lex, size_t i);
/* Index of the parent actor, or SG_NONE. Valid after sg_lexicon_compile. */
size_t sg_lexicon_actor_parent(const sg_lexicon *lex, size_t i);
/* Index of the actor with this id (case-sensitive), or SG_NONE. O(1) after
 * sg_lexicon_compile (a hash table of ids), O(n) before. */
size_t sg_lexicon_actor_find(const sg_lexicon *lex, const char *id);

/* Relation getters; i < sg_lexicon_relation_count. Strings borrowed from lex. cameo is
 * the CAMEO event code as a string ("112"); goldstein is the weight on the
 * Goldstein (1992) conflict-cooperation scale, -10 .. +10. flags is a set of SG_REL_*. */
const char *sg_lexicon_relation_id(const sg_lexicon *lex, size_t i);
const char *sg_lexicon_relation_label(const sg_lexicon *lex, size_t i);
const char *sg_lexicon_relation_cameo(const sg_lexicon *lex, size_t i);
double sg_lexicon_relation_goldstein(const sg_lexicon *lex, size_t i);
unsigned sg_lexicon_relation_flags(const sg_lexicon *lex, size_t i);
/* Index of the relation with this id (case-sensitive), or SG_NONE. O(n). */
size_t sg_lexicon_relation_find(const sg_lexicon *lex, const char *id);

/* Lexicon lint (`stancegraph lexicon check`). */
typedef enum sg_lint_kind {
    SG_LINT_SHADOWED,     /* warning: an alias is shadowed by a longer alias of another
                             actor that starts with it ("Korea" in "South Korea") */
    SG_LINT_EMPTY_MATCH,  /* error: a pattern matches the empty string */
    SG_LINT_BACKTRACKING, /* error: a pattern hits PCRE2's match or depth limit on an
                             adversarial probe (catastrophic backtracking) */
    SG_LINT_NO_TRIGGER    /* warning: a relation has no verb, noun or pattern */
} sg_lint_kind;

/* One finding: kind, whether it is an error (else a warning), and a diagnostic whose
 * path:line:col points at the actor or relation concerned. */
typedef struct sg_lint_finding {
    sg_lint_kind kind;
    bool error;
    sg_diag diag;
} sg_lint_finding;

/* Called once per finding, in lexicon order; ud is passed through. */
typedef void (*sg_lint_fn)(const sg_lint_finding *f, void *ud);

/* Checks a compiled lexicon for faults that loading and compiling accept (the loader
 * already rejects schema errors, duplicate ids and keys, unknown or cyclic parents, an
 * alias on two actors and a verb form in two relations, each with path:line:col).
 * Patterns are run against adversarial probes (long runs of one letter, of a two-letter
 * cycle, of spaces, with a failing final character) under the same PCRE2 match and
 * depth limits as extraction. Returns the number of errors found; fn may be NULL. */
size_t sg_lexicon_lint(const sg_lexicon *lex, sg_lint_fn fn, void *ud);

/* Counts for `stancegraph lexicon stats`: writes "actors by type" and "relations by
 * CAMEO root class" tables, and alias, verb form, noun and pattern totals, to out.
 * Errors: SG_ERR_IO when a write fails. */
sg_status sg_lexicon_write_stats(const sg_lexicon *lex, FILE *out, sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
