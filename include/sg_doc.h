/* stancegraph source and segment stages: a document's bytes, its line table, its
 * sentences and tokens.
 *
 * A document is UTF-8 text. A leading byte-order mark is skipped (offsets still count
 * it), CRLF line ends are accepted. Sentences end at '.', '!' or '?' (plus closing
 * quotes and brackets) followed by space and an upper-case letter, digit or opening
 * quote, at a blank line, and at a single line break unless the text is hard-wrapped
 * (most lines with a successor are 30-110 bytes without a final full stop: then a
 * line break is a space, as in e-mail or plain-text wires); abbreviations ("U.S.", "Mr.", "Gen.",
 * "Jan.") and initials ("J. Smith") do not end a sentence;
 * a run of more than 400 tokens without an end is cut at its next comma or semicolon,
 * and at 600 tokens in any case, so that the work per sentence stays bounded. Tokens are words
 * (letters, digits, inner hyphens and apostrophes), possessive "'s" / "’s" split off, and single
 * punctuation characters. All offsets are 0-based byte offsets into the bytes given. */
#ifndef SG_DOC_H
#define SG_DOC_H

#include "sg_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sg_doc sg_doc;

/* What to do with bytes that are not UTF-8 (and NUL bytes) in a document's text. */
typedef enum sg_encoding_errors {
    SG_ENC_STRICT = 0, /* an error: SG_ERR_SYNTAX naming the first bad byte */
    SG_ENC_REPLACE = 1 /* each maximal ill-formed subpart becomes U+FFFD (below) */
} sg_encoding_errors;

/* Creates a document from len bytes at text (copied; the caller keeps text). name is
 * the document's name in events ("-" for stdin) and path its name in diagnostics
 * ("<stdin>"); both copied. Errors: SG_ERR_SYNTAX for invalid UTF-8 or a NUL byte
 * (diag gives path:line:col of the first bad byte), SG_ERR_NOMEM. An empty text is valid and has
 * no sentences. */
sg_status sg_doc_new(const char *name, const char *path, const char *text, size_t len, sg_doc **out,
                     sg_diag *diag);

/* sg_doc_new with a choice of what to do with ill-formed UTF-8 and NUL bytes. With
 * SG_ENC_REPLACE, each maximal subpart of an ill-formed sequence (the Unicode Standard
 * 15.0, section 3.9, "U+FFFD Substitution of Maximal Subparts"; the same as the WHATWG
 * Encoding Standard's UTF-8 decoder and Python's errors="replace") and each NUL byte
 * is replaced by U+FFFD (3 bytes) in the document's text: sg_doc_text and every
 * offset of the document then refer to the replaced text, and sg_doc_input_offset
 * maps them back to the bytes given. Errors as sg_doc_new. */
sg_status sg_doc_new_enc(const char *name, const char *path, const char *text, size_t len,
                         sg_encoding_errors enc, sg_doc **out, sg_diag *diag);

/* A copy of the NUL-terminated string s (owned by the caller: free) with each maximal
 * ill-formed UTF-8 subpart replaced by U+FFFD as SG_ENC_REPLACE does, and their number
 * in *replaced (may be NULL). For names that must be UTF-8 in JSON output, such as a
 * file name in a Latin-1 locale. Returns NULL when out of memory. */
char *sg_utf8_replace(const char *s, size_t *replaced);

/* The number of U+FFFD put in by SG_ENC_REPLACE (0 otherwise); when first is not NULL
 * and the number is not 0, *first is the 0-based byte offset of the first replaced
 * byte in the bytes given. */
size_t sg_doc_replaced(const sg_doc *doc, size_t *first);

/* Maps a 0-based byte offset in the document's text (sg_doc_text) to the offset of
 * the same place in the bytes given to sg_doc_new_enc: the identity unless bytes were
 * replaced. An offset inside a U+FFFD maps to the end of the bytes it replaced. */
size_t sg_doc_input_offset(const sg_doc *doc, size_t offset);

/* Frees doc. Accepts NULL. */
void sg_doc_free(sg_doc *doc);

/* Attaches metadata to doc: the text of a JSON object (e.g. a corpus line's keys other
 * than its id, date and text, from sg_corpus_doc.meta), copied; NULL removes it. Every
 * event extracted from doc carries it (sg_event.meta). Errors: SG_ERR_NOMEM. */
sg_status sg_doc_set_meta(sg_doc *doc, const char *json);

/* The metadata JSON text set by sg_doc_set_meta, or NULL (borrowed). */
const char *sg_doc_meta(const sg_doc *doc);

/* The document's name and bytes (borrowed, live as long as doc). */
const char *sg_doc_name(const sg_doc *doc);
const char *sg_doc_text(const sg_doc *doc, size_t *len);

/* Number of sentences; the byte span [*start, *end) of sentence i (i < count), without
 * surrounding white space. */
size_t sg_doc_sentence_count(const sg_doc *doc);
void sg_doc_sentence_span(const sg_doc *doc, size_t i, size_t *start, size_t *end);

/* Number of overlong sentences that were cut (at a comma or semicolon past 400 tokens,
 * or at 600 tokens; see above): an event whose words straddle a cut is not found. */
size_t sg_doc_cut_count(const sg_doc *doc);

/* Number of tokens in the document; the byte span of token i. */
size_t sg_doc_token_count(const sg_doc *doc);
void sg_doc_token_span(const sg_doc *doc, size_t i, size_t *start, size_t *end);

/* Converts a byte offset to a 1-based line and a 1-based column counted in code
 * points, using the document's line table. */
void sg_doc_position(const sg_doc *doc, size_t offset, unsigned *line, unsigned *col);

#ifdef __cplusplus
}
#endif
#endif
