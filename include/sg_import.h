/* stancegraph import: converts the field's CAMEO dictionaries (TABARI / PETRARCH text
 * formats: .actors, .agents and .verbs files) to our JSON lexicon format v1
 * (README.md "Lexicon format v1", sg_lexicon.h).
 *
 * Format facts come from the PETRARCH2 reader (openeventdata/petrarch2,
 * petrarch2/PETRreader.py: read_FIN_line, read_actor_dictionary, read_agent_dictionary,
 * read_verb_dictionary and their doc comments) and the TABARI manual, checked against
 * the dictionaries in ../shared/data/petrarch2:
 *   - comments: a line starting with '#' or "<!", text from '#' to the end of a line,
 *     and <!-- ... --> (also over several lines); blank lines carry nothing;
 *   - actors: "PHRASE [CODE]" starts an entry (words joined by '_' or ' '; a final '_'
 *     only marks a whole-word match); "+PHRASE" adds a synonym to the entry; "[CODE]"
 *     lines (usually indented) add codes; a code may carry a date restriction
 *     "[CODE <date]", "[CODE >date]" or "[CODE date-date]" (YYMMDD or YYYYMMDD);
 *     "[---]" is the null code (no actor);
 *   - agents: "PHRASE {PLURAL} [~CODE]" (or "[CODE~]": prefix instead of suffix),
 *     "!MARKER! = A, B" substitution sets;
 *   - verbs: "--- NAME [CODE] ---" opens a synonym block whose code applies to every
 *     verb line in it unless the line has its own "[CODE]"; "VERB {IRREGULAR FORMS}";
 *     multi-word verbs mark their inflected word with '+' ("+BREAK_DOWN",
 *     "WIRE_+TAP"); "- ... * ... [CODE]" lines are patterns; "&NAME" + "+WORD" lines
 *     are synonym sets used by patterns; "~ ..." lines are transformations.
 *
 * What format v1 can express, and therefore what is dropped (each dropped line is
 * counted under a named reason, see sg_import_drop):
 *   - actors: id = the CAMEO code as written, upper-cased ("USAGOV", "IGOUNO"), so ids
 *     compare equal to the codes PETRARCH and the gold records use. A dotted form
 *     ("USA.GOV") was rejected: CAMEO codes are not always 3-letter segments ("YEMNO",
 *     "PALPL", "G77"), and a "parent" would have to exist in the same output. Entries
 *     with the same code merge into one actor; name = its first kept synonym; type from
 *     the code (a plain 3-letter code is a "country"; otherwise the rightmost known
 *     3-letter role segment: GOV "government", MIL "military", REB "rebels", IGO "igo",
 *     ...; else "organization"). Format v1 has no dates: an entry keeps one code (the
 *     undated one, else the one valid latest) and drops the date restriction. An alias
 *     (compared the way the lexicon index compares them: tokenised, case-folded,
 *     without a leading "the") that two codes claim stays with the first.
 *   - agents: format v1 cannot compose a role with an actor ("Arnor's government" ->
 *     ARNGOV); agent lines are counted and dropped.
 *   - verbs: one relation per CAMEO code, id "cameo_<code>"; label = the block name of
 *     the first verb with that code (CAMEO.2.0.txt has no CAMEO category names);
 *     goldstein 0 (no Goldstein table is in the dictionaries); verbs = base forms in
 *     lower case (our lexicon generates the inflections). Patterns, synonym sets,
 *     transformations, verbs whose code is null ("---"), compound ("013:012") or not
 *     2-4 digits, and multi-word verbs whose inflected word is not the first are
 *     dropped. A verb form (or generated inflection) claimed by two codes stays with
 *     the first.
 *
 * The output is strict UTF-8 JSON that sg_lexicon_add_actors_json /
 * sg_lexicon_add_relations_json and sg_lexicon_compile accept: the importer loads and
 * compiles what it wrote before returning it. */
#ifndef SG_IMPORT_H
#define SG_IMPORT_H

#include <stdio.h>

#include "sg_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Dialect of the input dictionaries. Both share the actor, agent and comment syntax;
 * TABARI verbs files use the same block/pattern layout, so the verb conversion is the
 * same (TABARI stems such as "ACCUS" are kept as written). */
typedef enum sg_import_format { SG_IMPORT_TABARI, SG_IMPORT_PETRARCH } sg_import_format;

/* What an input line became when it reached the output. */
typedef enum sg_import_kind {
    SG_IMPORT_BLANK,  /* blank line or comment: nothing to convert */
    SG_IMPORT_ALIAS,  /* an actor synonym kept as an alias */
    SG_IMPORT_MERGED, /* an actor synonym already present on the same actor */
    SG_IMPORT_CODE,   /* a code line whose code was kept */
    SG_IMPORT_HEADER, /* a verb block header ("--- NAME [CODE] ---") */
    SG_IMPORT_VERB,   /* a verb kept as a relation verb (or already present on it) */
    SG_IMPORT_KIND_COUNT
} sg_import_kind;

/* Why an input line was dropped. */
typedef enum sg_import_drop {
    SG_IMPORT_DROP_NO_CODE,      /* an actor entry without any code */
    SG_IMPORT_DROP_NULL_CODE,    /* the null code "[---]": no actor / no event */
    SG_IMPORT_DROP_BAD_CODE,     /* a code outside [A-Za-z0-9] ("ELR/GAL", "+++") */
    SG_IMPORT_DROP_OTHER_CODE,   /* a further code of an entry (each alias keeps one) */
    SG_IMPORT_DROP_AMBIGUOUS,    /* an alias another code already has */
    SG_IMPORT_DROP_NO_WORD,      /* a phrase without a letter or digit */
    SG_IMPORT_DROP_ORPHAN,       /* a "+" synonym or code line before any entry */
    SG_IMPORT_DROP_AGENT,        /* an agent line: format v1 cannot compose roles */
    SG_IMPORT_DROP_PATTERN,      /* a verb pattern: not expressible */
    SG_IMPORT_DROP_SYNSET,       /* a synonym set line: used only by patterns */
    SG_IMPORT_DROP_TRANSFORM,    /* a verb transformation: not expressible */
    SG_IMPORT_DROP_COMPOUND,     /* a compound code "[013:012]": not expressible */
    SG_IMPORT_DROP_NOT_CAMEO,    /* a verb code that is not 2-4 digits ("174K", "def") */
    SG_IMPORT_DROP_INNER_VERB,   /* a multi-word verb inflecting an inner word */
    SG_IMPORT_DROP_AMBIGUOUS_VF, /* a verb form another code already has */
    SG_IMPORT_DROP_BAD_UTF8,     /* a line that is not valid UTF-8 */
    SG_IMPORT_DROP_SYNTAX,       /* a line the dictionary grammar does not allow */
    SG_IMPORT_DROP_COUNT
} sg_import_drop;

/* Counts of one conversion. Every input line is counted exactly once, in lines_as or in
 * dropped: lines == sum(lines_as) + sum(dropped). The other fields count items. */
typedef struct sg_import_report {
    size_t files;                          /* input files read */
    size_t lines;                          /* input lines read, all files */
    size_t lines_as[SG_IMPORT_KIND_COUNT]; /* lines converted, by what they became */
    size_t dropped[SG_IMPORT_DROP_COUNT];  /* lines dropped, by reason */
    size_t actors;                         /* actors written */
    size_t aliases;                        /* aliases written */
    size_t relations;                      /* relations written */
    size_t verbs;                          /* verbs written (base forms) */
    size_t entries;                        /* actor entries read (a phrase line and its synonyms) */
    size_t dated_entries;                  /* entries with a date-restricted code: converted, dates
                                              dropped (format v1 has no valid_from/valid_until) */
    size_t codes_not_kept;                 /* codes beyond the one an entry keeps (incl. those on a
                                              phrase line, which SG_IMPORT_DROP_OTHER_CODE misses) */
    size_t agents;          /* agent phrases read (all dropped: SG_IMPORT_DROP_AGENT) */
    size_t irregular_forms; /* verb forms given in {...}: not written, our lexicon
                               generates inflections */
    size_t no_goldstein;    /* relations written with goldstein 0: no table available */
    size_t no_cameo_name;   /* relations labelled with a block name, not a CAMEO name */
} sg_import_report;

/* Returns a static, lowercase English name of a drop reason ("ambiguous alias"), or
 * "?" when r is out of range. The string lives for the whole program. */
const char *sg_import_drop_str(sg_import_drop r);

/* Returns a static, lowercase name of a line kind ("alias"), or "?" when out of range. */
const char *sg_import_kind_str(sg_import_kind k);

/* Converts the dictionaries at paths[0..n) (n >= 1; each borrowed for the call) to one
 * JSON lexicon written to out_json: an actors lexicon when the inputs are actor and
 * agent files, a relations lexicon when they are verb files. The kind of each file is
 * taken from its name (".actors", ".agents", ".verbs", or a name starting with
 * "CAMEO") and otherwise from its content (a "--- NAME [CODE] ---" line: verbs; a code
 * with '~': agents; else actors). Agent files only add counts (format v1 cannot hold
 * agents); with agent files alone an empty actors lexicon is written.
 * rep (may be NULL) is zeroed and then filled, also on error as far as the conversion
 * got. Nothing is written to out_json unless the whole conversion succeeds, and the
 * written JSON has been loaded and compiled with the sg_lexicon API first.
 * Errors: SG_ERR_IO (a file cannot be read, or out_json cannot be written; diag names
 * the path), SG_ERR_SYNTAX (actor and verb files mixed: our format keeps actors and
 * relations in separate files; or the converted lexicon fails to load, which is a bug),
 * SG_ERR_NOMEM. A malformed dictionary line is never an error: it is counted under
 * SG_IMPORT_DROP_SYNTAX. Uses no global state: threads may call it concurrently. */
sg_status sg_import_dictionaries(sg_import_format fmt, const char *const *paths, size_t n,
                                 FILE *out_json, sg_import_report *rep, sg_diag *diag);

/* Prints rep to f (usually stderr) as aligned "label: count" lines: input lines,
 * converted lines by kind, dropped lines by reason (only non-zero ones, each with its
 * reason's name), what was written, and the losses inside converted lines. Returns
 * SG_ERR_IO when writing fails, else SG_OK. */
sg_status sg_import_report_print(const sg_import_report *rep, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
