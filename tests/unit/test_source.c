/* Unit tests of the source stage's streams (src/source.c): plain and gzip data read in
 * blocks of any size, concatenated members, truncated and corrupt data. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stancegraph.h"

/* gzip.compress(b"Alpha accused ", mtime=0) + gzip.compress(b"Beta.\n", mtime=0) */
static const char two_members[] =
    "\x1F\x8B\x08\x00\x00\x00\x00\x00\x02\x03\x73\xCC\x29\xC8\x48\x54\x48\x4C\x4E\x2E\x2D\x4E"
    "\x4D\x51\x00\x00\x45\x7B\xE9\xFF\x0E\x00\x00\x00\x1F\x8B\x08\x00\x00\x00\x00\x00\x02\x03"
    "\x73\x4A\x2D\x49\xD4\xE3\x02\x00\x17\x84\x1A\xE4\x06\x00\x00\x00";

static char *write_temp(const char *bytes, size_t n)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/sg-source-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    return path;
}

/* Reads the whole stream cap bytes at a time. */
static char *read_in_blocks(const char *path, size_t cap, sg_status *st, char *msg)
{
    sg_stream *s = NULL;
    sg_diag d;
    static char out[256];
    char buf[64];
    size_t used = 0, got;
    cr_assert_eq(sg_stream_open(path, &s, &d), SG_OK, "%s", d.msg);
    while ((*st = sg_stream_read(s, buf, cap, &got, &d)) == SG_OK && got > 0) {
        cr_assert(used + got < sizeof out);
        memcpy(out + used, buf, got);
        used += got;
    }
    out[used] = '\0';
    if (*st != SG_OK) {
        sg_diag_format(&d, msg, 256);
    }
    sg_stream_close(s);
    return out;
}

Test(source, gzip_members_read_in_blocks_of_any_size)
{
    char *path = write_temp(two_members, sizeof two_members - 1);
    for (size_t cap = 1; cap <= 32; cap++) {
        sg_status st;
        char msg[256];
        cr_assert_str_eq(read_in_blocks(path, cap, &st, msg), "Alpha accused Beta.\n", "cap %zu",
                         cap);
        cr_assert_eq(st, SG_OK);
    }
    sg_stream *s = NULL;
    sg_diag d;
    cr_assert_eq(sg_stream_open(path, &s, &d), SG_OK);
    cr_assert(sg_stream_is_gzip(s));
    sg_stream_close(s);
    unlink(path);
}

Test(source, plain_data_passes_through)
{
    char *path = write_temp("Alpha met Beta.", 15);
    sg_status st;
    char msg[256];
    cr_assert_str_eq(read_in_blocks(path, 4, &st, msg), "Alpha met Beta.");
    unlink(path);
}

Test(source, truncated_and_corrupt_gzip_are_errors)
{
    sg_status st;
    char msg[256], want[300];
    char *path = write_temp(two_members, 20); /* the first member cut short */
    read_in_blocks(path, 16, &st, msg);
    cr_assert_eq(st, SG_ERR_SYNTAX);
    snprintf(want, sizeof want, "%s: error: gzip: data ends early (truncated file?) after 20 bytes",
             path);
    cr_assert_str_eq(msg, want);
    unlink(path);
    char bad[sizeof two_members];
    memcpy(bad, two_members, sizeof two_members);
    bad[10] = '\xFF'; /* an invalid deflate block type */
    path = write_temp(bad, sizeof two_members - 1);
    read_in_blocks(path, 16, &st, msg);
    cr_assert_eq(st, SG_ERR_SYNTAX);
    cr_assert(strstr(msg, "error: gzip: corrupt data near compressed byte ") != NULL, "%s", msg);
    unlink(path);
}

Test(source, gunzip_in_memory)
{
    char *out = NULL;
    size_t n = 0;
    sg_diag d;
    cr_assert_eq(sg_source_gunzip("m.gz", two_members, sizeof two_members - 1, &out, &n, &d), SG_OK,
                 "%s", d.msg);
    cr_assert_eq(n, 20);
    cr_assert_str_eq(out, "Alpha accused Beta.\n");
    free(out);
}
