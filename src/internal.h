/* Internal helpers shared between modules (not part of the public API). */
#ifndef SG_SRC_INTERNAL_H
#define SG_SRC_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>

#include "sg_common.h"

/* Fills d (may be NULL) with status st, path (borrowed), and the line and column of
 * byte offset `offset` within buf[0..len) (col counted in code points, both 1-based);
 * buf may be NULL, then line and col are 0. The message is printf-formatted. Returns
 * st, so callers can write `return sg_i_diag(...)`. */
/* x rounded to 10 significant digits, and 0 below 1e-9 in magnitude: a key for sorting
 * and ranking, so that values equal but for floating-point leftovers (0.1 + 0.2 + 0.3
 * against 0.3 + 0.2 + 0.1, symmetric positions of an eigenvector) tie and fall back to
 * the documented tie-break. Non-finite values are returned unchanged. */
double sg_i_sort_key(double x);

/* The name of a key that occurs twice among the members of a cJSON object (cJSON
 * keeps both and lookups find the first: the second would be lost silently), or NULL.
 * Takes a `const struct cJSON *`; O(k log k) for k keys. */
struct cJSON;
const char *sg_i_duplicate_key(const struct cJSON *obj);

/* The byte offset in buf[0 .. len) of the first occurrence of "key" (quoted) on the line
 * that starts at line_start, or line_start when there is none: where to point a
 * diagnostic about a JSON Lines key, as cJSON keeps no positions. */
size_t sg_i_key_offset(const char *buf, size_t len, size_t line_start, const char *key);

sg_status sg_i_diag(sg_diag *d, sg_status st, const char *path, const char *buf, size_t len,
                    size_t offset, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Computes the 1-based line and code-point column of byte offset `offset` in buf. */
void sg_i_line_col(const char *buf, size_t len, size_t offset, unsigned *line, unsigned *col);

/* The largest file sg_i_read_file reads: lexicons and dictionaries are far smaller. */
#define SG_I_READ_MAX (256 << 20)

/* Reads a whole file (path "-" = stdin) into a malloc'd, NUL-terminated buffer.
 * *len receives the byte count (without the NUL). Errors: SG_ERR_IO (diag names the
 * path and strerror), SG_ERR_NOMEM. display is the path shown in diagnostics. */
sg_status sg_i_read_file(const char *path, const char *display, char **buf, size_t *len,
                         sg_diag *diag);

/* Offset of the first byte of s[0..n) that does not start a valid UTF-8 sequence
 * (overlongs, surrogates and code points past U+10FFFF are invalid, as utf8proc
 * decides), or n when all of it is valid. */
size_t sg_i_utf8_bad(const char *s, size_t n);

/* Offset of the first escaped NUL character (\u0000) in s[0..n), the text of valid JSON,
 * or n when there is none. Escapes are read left to right, so the backslash of an
 * escaped backslash starts no escape ("\\u0000" is a backslash and "u0000"). */
size_t sg_i_json_nul(const char *s, size_t n);

/* Decodes the code point at s[0..n) (n >= 1) for text output into *cp and returns the
 * number of bytes it took. What XML 1.0 and HTML cannot carry as text comes back as
 * U+FFFD: a byte that does not start a valid UTF-8 sequence (one U+FFFD per byte, taking
 * 1 byte), C0 controls other than tab, newline and carriage return, U+FFFE and U+FFFF.
 * The exporters (GraphML, HTML) share this one rule. */
size_t sg_i_text_next(const char *s, size_t n, uint32_t *cp);

/* 64-bit FNV-1a hash of n bytes (Fowler-Noll-Vo), for the hash tables of the stages. */
uint64_t sg_i_hash(const char *s, size_t n);

/* strdup that returns NULL on NULL input or allocation failure. */
char *sg_i_strdup(const char *s);
char *sg_i_strndup(const char *s, size_t n);

#endif
