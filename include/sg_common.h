/* stancegraph: status codes and diagnostics shared by every stage.
 *
 * Every fallible function returns an sg_status; when the failure is caused by the
 * input (a text, a lexicon, an events file) it also fills a caller-supplied sg_diag
 * that points at the offending place as path:line:col. The library never prints,
 * exits or aborts because of bad input. */
#ifndef SG_COMMON_H
#define SG_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SG_VERSION "0.1.0"

typedef enum sg_status {
    SG_OK = 0,
    SG_ERR_NOMEM,   /* an allocation failed */
    SG_ERR_IO,      /* a file could not be read or written */
    SG_ERR_SYNTAX,  /* malformed text, lexicon or events file */
    SG_ERR_PATTERN, /* a lexicon regular expression failed to compile */
    SG_ERR_BACKEND  /* igraph or Graphviz refused an operation */
} sg_status;

/* Where and why an input was rejected. Filled by the failing function; the caller
 * owns the struct (usually on its stack). */
typedef struct sg_diag {
    sg_status status;
    const char *path; /* borrowed from the caller's argument, lives as long as it;
                         "<stdin>" for standard input; NULL when no file is involved */
    unsigned line;    /* 1-based line; 0 = unknown (no position is printed) */
    unsigned col;     /* 1-based column counted in Unicode code points; 0 = unknown */
    size_t offset;    /* 0-based byte offset into the input, for tools */
    char msg[256];    /* lowercase, no final full stop, offending item in 'quotes' */
} sg_diag;

/* Resets d to "no error" (status SG_OK, empty message, no position). d may be NULL. */
void sg_diag_init(sg_diag *d);

/* Formats d as one line without a newline: "path:line:col: error: msg", or
 * "path: error: msg" when line is 0, or "error: msg" when path is NULL. Writes at
 * most n bytes including the terminating NUL into out (truncating) and returns the
 * length the full line would have, like snprintf. */
size_t sg_diag_format(const sg_diag *d, char *out, size_t n);

/* Sets d's line and column (1-based, column in code points) and offset for the 0-based
 * byte offset `offset` within buf[0 .. len) (any bytes, not necessarily UTF-8: every
 * byte but a continuation byte 0x80-0xBF starts a column), leaving status, path and message as they
 * are. For callers that report a position of their own, e.g. a warning. */
void sg_diag_locate(sg_diag *d, const char *buf, size_t len, size_t offset);

/* True when s is an ISO 8601 calendar date "YYYY-MM-DD" with a real month and day
 * (February has 29 days in every year). */
bool sg_date_valid(const char *s);

/* Returns a static, lowercase English description of st ("out of memory", ...).
 * The string is immutable and lives for the whole program. */
const char *sg_status_str(sg_status st);

#ifdef __cplusplus
}
#endif
#endif
