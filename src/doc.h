/* Private view of a document's tokens, shared by doc.c (which makes them) and the
 * mention and event stages (which read them). */
#ifndef SG_SRC_DOC_H
#define SG_SRC_DOC_H

#include <stdint.h>

#include "sg_doc.h"

enum {
    SG_TK_WORD = 1u << 0,    /* letters/digits (possibly with inner - ' .) */
    SG_TK_PUNCT = 1u << 1,   /* a single punctuation or symbol code point */
    SG_TK_NUM = 1u << 2,     /* starts with a digit */
    SG_TK_CAP = 1u << 3,     /* first letter is upper case */
    SG_TK_UPPER = 1u << 4,   /* has letters, all upper case */
    SG_TK_POSS = 1u << 5,    /* the possessive marker 's / ’s / trailing ’ */
    SG_TK_NLBEFORE = 1u << 6 /* a line break precedes the token */
};

typedef struct sg_tok {
    size_t start, end; /* byte span in the document */
    size_t norm_off;   /* offset of the normalised form in the doc's norm buffer */
    uint32_t norm_len;
    uint32_t flags; /* SG_TK_* */
    uint64_t hash;  /* hash of the normalised form (sg_i_hash) */
} sg_tok;

/* The document's path for diagnostics ("<stdin>"), borrowed. */
const char *sg_i_doc_path(const sg_doc *doc);

/* Tokens of the document and their count (borrowed, live as long as doc). */
const sg_tok *sg_i_doc_tokens(const sg_doc *doc, size_t *n);

/* The normalised form of token t: case-folded, diacritics stripped, curly quotes and
 * apostrophes made straight ("Vučić’s" -> "vucic", "'s"). Not NUL-terminated. */
const char *sg_i_doc_norm(const sg_doc *doc, const sg_tok *t);

/* Token index range [*first, *last) of sentence i. */
void sg_i_doc_sentence_tokens(const sg_doc *doc, size_t i, size_t *first, size_t *last);

/* Tokenises a short UTF-8 string (an alias, a verb form) the way documents are
 * tokenised and appends each token's normalised form, NUL-separated, to out (cap
 * bytes); returns the number of tokens, or -1 when out is too small or s is invalid
 * UTF-8. */
int sg_i_tokenize_phrase(const char *s, size_t n, char *out, size_t cap);

#endif
