/* stancegraph source stage, files: gzip-compressed inputs and directories of inputs.
 * The command-line tool reads every input through these, so a corpus can be given as
 * a directory tree of .txt, .jsonl and .gz files. */
#ifndef SG_SOURCE_H
#define SG_SOURCE_H

#include "sg_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* True when buf[0 .. len) starts with the gzip magic bytes 1f 8b (RFC 1952). */
bool sg_source_is_gzip(const char *buf, size_t len);

/* Decompresses the gzip data in[0 .. n) (one member or several concatenated, as
 * `cat a.gz b.gz` makes; RFC 1952) with zlib into *out, a NUL-terminated buffer of *out_len
 * bytes owned by the caller (free). path names the input in diagnostics. Errors:
 * SG_ERR_SYNTAX for corrupt or truncated data (diag->msg has zlib's reason and the
 * compressed byte offset), SG_ERR_NOMEM. */
sg_status sg_source_gunzip(const char *path, const char *in, size_t n, char **out, size_t *out_len,
                           sg_diag *diag);

/* An input read in blocks: a file or standard input, gzip data (one member or several
 * concatenated; RFC 1952, zlib) decompressed on the fly, so that memory does not grow
 * with the input. */
typedef struct sg_stream sg_stream;

/* Opens path ("-": standard input, named "<stdin>" in diagnostics; path is borrowed and
 * must outlive the stream) and tells gzip by its first two bytes. Errors: SG_ERR_IO
 * ("cannot open: <strerror>", "is a directory"), SG_ERR_NOMEM. */
sg_status sg_stream_open(const char *path, sg_stream **out, sg_diag *diag);

/* True when the stream's bytes are decompressed gzip data. */
bool sg_stream_is_gzip(const sg_stream *s);

/* Reads up to cap bytes (decompressed) into buf; *got < cap only at the end of the
 * input, *got == 0 once everything was read. Errors: SG_ERR_IO (a read error),
 * SG_ERR_SYNTAX for corrupt or truncated gzip data (zlib's reason and the compressed
 * byte offset in diag->msg), SG_ERR_NOMEM. */
sg_status sg_stream_read(sg_stream *s, char *buf, size_t cap, size_t *got, sg_diag *diag);

/* Reads the rest of s into *out, a NUL-terminated buffer of *out_len bytes owned by the
 * caller (free). Errors as sg_stream_read. */
sg_status sg_stream_read_all(sg_stream *s, char **out, size_t *out_len, sg_diag *diag);

/* Closes s (and its file, unless standard input). Accepts NULL. */
void sg_stream_close(sg_stream *s);

/* Lists the regular files under the directory dir, recursively, as paths "dir/a/b"
 * sorted in byte order (strcmp on the whole path), into *files (an array of *n
 * strings, all owned by the caller: free each, then the array). Entries whose name
 * starts with '.' are skipped (hidden files, editor and version-control folders);
 * symbolic links are followed, and a directory reached twice through links is listed
 * once. Errors: SG_ERR_IO when a directory or entry cannot be read or a link leads
 * nowhere (diag's path is dir, the message quotes the entry and gives strerror),
 * SG_ERR_NOMEM. */
sg_status sg_source_list_dir(const char *dir, char ***files, size_t *n, sg_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
