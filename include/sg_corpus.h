/* stancegraph source stage, corpora: JSON Lines documents, one object per line, such as
 *
 *     {"id": "afp-2023-0921-17", "date": "2023-09-21", "title": "...", "text": "..."}
 *
 * read one document at a time from a buffer. Other keys are allowed and ignored. The
 * keys holding the text and the id can be renamed (sg_corpus_opts) for other schemas.
 * Blank lines are skipped; a byte-order mark at the start is skipped. */
#ifndef SG_CORPUS_H
#define SG_CORPUS_H

#include "sg_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Keys of a corpus line. Initialise with sg_corpus_opts_init. */
typedef struct sg_corpus_opts {
    const char *text_key; /* the document text, a string (default "text") */
    const char *id_key;   /* the document id, a string or an integer (default "id"); a
                           * line without it is named PATH:LINE */
    unsigned first_line;  /* the 1-based line number of the buffer's first line (default
                           * 1): a corpus read in blocks keeps its line numbers */
} sg_corpus_opts;

/* Sets o to the defaults documented at sg_corpus_opts. */
void sg_corpus_opts_init(sg_corpus_opts *o);

/* True when buf[0 .. len) looks like a JSON Lines corpus: it starts (after a BOM and
 * white space) with '{', and the first of its first 16 non-blank lines that parses as
 * a JSON object has a string under opts->text_key (opts NULL: the defaults) and none
 * of the keys of an events line ("source", "relation"). A broken first line thus does
 * not turn a corpus into an events file. */
bool sg_corpus_is_jsonl(const char *buf, size_t len, const sg_corpus_opts *opts);

/* One document of a corpus. Strings are owned by the reader and valid until the next
 * sg_corpus_next call or sg_corpus_free. */
typedef struct sg_corpus_doc {
    const char *id;   /* the id key's value (an integer printed in decimal), or
                       * "PATH:LINE" when the line has none */
    const char *date; /* "YYYY-MM-DD" from the "date" key (the first 10 characters of
                       * an ISO 8601 timestamp such as "2023-09-21T08:15:00Z"), NULL
                       * when absent or null */
    const char *text; /* the text, UTF-8 as decoded from the JSON string */
    size_t text_len;  /* in bytes (a \u0000 escape is refused: see sg_corpus_next) */
    unsigned line;    /* 1-based line of the document in the corpus */
    const char *meta; /* the line's other keys (all but the text, id and date keys) as
                       * the text of a compact JSON object, NULL when there are none */
} sg_corpus_doc;

typedef struct sg_corpus sg_corpus;

/* Starts reading buf[0 .. len) (borrowed: it must outlive the reader), named path in
 * diagnostics, with opts (NULL: the defaults; copied). Returns NULL when out of memory. */
sg_corpus *sg_corpus_new(const char *path, const char *buf, size_t len, const sg_corpus_opts *opts);

/* Frees c. Accepts NULL. */
void sg_corpus_free(sg_corpus *c);

/* The offset in bytes of the first line not yet read (0-based). Everything before it is
 * done with: a caller streaming a large mapped file may release those pages. */
size_t sg_corpus_offset(const sg_corpus *c);

/* Reads the next document into *out. Returns SG_OK with *done false and *out set, or
 * SG_OK with *done true at the end of the buffer. Errors (the reader is then past the
 * failing line: calling again reads the next one): SG_ERR_SYNTAX with path:line:col for
 * invalid JSON, a line that is not an object, a key given twice, a \u0000 escape, a
 * missing or non-string text, an id that is neither a string nor an integer below 2^53
 * in magnitude, an id or metadata that is not UTF-8, a date that is not YYYY-MM-DD (a
 * real calendar day); SG_ERR_NOMEM. Not thread-safe on one reader. */
sg_status sg_corpus_next(sg_corpus *c, sg_corpus_doc *out, bool *done, sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
