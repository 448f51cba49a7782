/* Source stage, files: gzip decompression (zlib) and recursive directory listing
 * (POSIX dirent). See include/sg_source.h. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "internal.h"
#include "sg_source.h"

bool sg_source_is_gzip(const char *buf, size_t len)
{
    return len >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b;
}

struct sg_stream {
    FILE *f;
    bool own;         /* f was opened here (not stdin) */
    const char *path; /* borrowed: for diagnostics */
    bool gz, z_live, eof;
    z_stream z;
    unsigned char in[1 << 16];
    size_t in_len, in_pos; /* raw bytes read and not yet used */
    size_t in_total;       /* raw bytes used so far (compressed offset) */
};

/* Refills s->in when it is used up; false at the end of the file or on a read error
 * (then ferror tells). */
static bool fill(sg_stream *s)
{
    if (s->in_pos < s->in_len) {
        return true;
    }
    s->in_total += s->in_len;
    s->in_len = fread(s->in, 1, sizeof s->in, s->f);
    s->in_pos = 0;
    return s->in_len > 0;
}

/* Makes at least k (<= sizeof s->in) unused bytes available at s->in + s->in_pos when
 * the file has them; returns how many are. */
static size_t avail(sg_stream *s, size_t k)
{
    size_t rem = s->in_len - s->in_pos;
    if (rem >= k) {
        return rem;
    }
    memmove(s->in, s->in + s->in_pos, rem);
    s->in_total += s->in_pos;
    s->in_pos = 0;
    s->in_len = rem;
    while (s->in_len < k) {
        size_t got = fread(s->in + s->in_len, 1, sizeof s->in - s->in_len, s->f);
        if (got == 0) {
            break;
        }
        s->in_len += got;
    }
    return s->in_len;
}

static sg_status stream_start(sg_stream *s, sg_diag *diag)
{
    /* 2 bytes are enough to tell gzip (RFC 1952 magic 1f 8b) */
    while (s->in_len < 2) {
        size_t k = fread(s->in + s->in_len, 1, 2 - s->in_len, s->f);
        if (k == 0) {
            break;
        }
        s->in_len += k;
    }
    if (ferror(s->f)) {
        return sg_i_diag(diag, SG_ERR_IO, s->path, NULL, 0, 0, "cannot read: %s", strerror(errno));
    }
    s->gz = sg_source_is_gzip((const char *)s->in, s->in_len);
    if (s->gz) {
        memset(&s->z, 0, sizeof s->z);
        /* 16 + MAX_WBITS: gzip framing; inflateReset continues with a next member */
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
            return sg_i_diag(diag, SG_ERR_NOMEM, s->path, NULL, 0, 0,
                             "zlib: cannot start inflating");
        }
        s->z_live = true;
    }
    return SG_OK;
}

sg_status sg_stream_open(const char *path, sg_stream **out, sg_diag *diag)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *shown = is_stdin ? "<stdin>" : path;
    sg_stream *s = calloc(1, sizeof *s);
    *out = NULL;
    if (s == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, shown, NULL, 0, 0, "out of memory");
    }
    s->path = shown;
    s->f = is_stdin ? stdin : fopen(path, "rb");
    s->own = !is_stdin;
    if (s->f == NULL) {
        sg_status st =
            sg_i_diag(diag, SG_ERR_IO, shown, NULL, 0, 0, "cannot open: %s", strerror(errno));
        free(s);
        return st;
    }
    struct stat sb;
    if (fstat(fileno(s->f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        sg_stream_close(s);
        return sg_i_diag(diag, SG_ERR_IO, shown, NULL, 0, 0, "is a directory");
    }
    sg_status st = stream_start(s, diag);
    if (st != SG_OK) {
        sg_stream_close(s);
        return st;
    }
    *out = s;
    return SG_OK;
}

static sg_status stream_mem(const char *path, const char *in, size_t n, sg_stream **out,
                            sg_diag *diag)
{
    sg_stream *s = calloc(1, sizeof *s);
    *out = NULL;
    if (s == NULL || (s->f = fmemopen((void *)(uintptr_t)in, n, "rb")) == NULL) {
        free(s);
        return sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory");
    }
    s->own = true;
    s->path = path;
    sg_status st = stream_start(s, diag);
    if (st != SG_OK) {
        sg_stream_close(s);
        return st;
    }
    *out = s;
    return SG_OK;
}

bool sg_stream_is_gzip(const sg_stream *s)
{
    return s->gz;
}

sg_status sg_stream_read(sg_stream *s, char *buf, size_t cap, size_t *got, sg_diag *diag)
{
    *got = 0;
    if (s->eof || cap == 0) {
        return SG_OK;
    }
    if (!s->gz) {
        while (*got < cap) {
            if (!fill(s)) {
                if (ferror(s->f)) {
                    return sg_i_diag(diag, SG_ERR_IO, s->path, NULL, 0, 0, "cannot read: %s",
                                     strerror(errno));
                }
                s->eof = true;
                break;
            }
            size_t k = s->in_len - s->in_pos < cap - *got ? s->in_len - s->in_pos : cap - *got;
            memcpy(buf + *got, s->in + s->in_pos, k);
            s->in_pos += k;
            *got += k;
        }
        return SG_OK;
    }
    while (*got < cap) {
        if (!fill(s)) {
            if (ferror(s->f)) {
                return sg_i_diag(diag, SG_ERR_IO, s->path, NULL, 0, 0, "cannot read: %s",
                                 strerror(errno));
            }
            if (s->z_live) {
                return sg_i_diag(diag, SG_ERR_SYNTAX, s->path, NULL, 0, 0,
                                 "gzip: data ends early (truncated file?) after %zu bytes",
                                 s->in_total + s->in_pos);
            }
            s->eof = true;
            break;
        }
        if (!s->z_live) {
            /* after a member: another one (cat a.gz b.gz), zero padding (tape blocks),
             * or anything else, which is not silently dropped */
            if (avail(s, 2) >= 2 &&
                sg_source_is_gzip((const char *)s->in + s->in_pos, s->in_len - s->in_pos)) {
                inflateReset(&s->z);
                s->z_live = true;
            } else {
                size_t at = s->in_total + s->in_pos;
                do {
                    for (size_t i = s->in_pos; i < s->in_len; i++) {
                        if (s->in[i] != 0) {
                            return sg_i_diag(diag, SG_ERR_SYNTAX, s->path, NULL, 0, 0,
                                             "gzip: the bytes after the last member (from "
                                             "compressed byte %zu) are not gzip data",
                                             at);
                        }
                    }
                    s->in_pos = s->in_len;
                } while (fill(s));
                s->eof = true;
                break;
            }
        }
        size_t out_now = cap - *got < (1u << 30) ? cap - *got : (1u << 30);
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)(s->in_len - s->in_pos);
        s->z.next_out = (Bytef *)(buf + *got);
        s->z.avail_out = (uInt)out_now;
        int rc = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos = s->in_len - s->z.avail_in;
        *got += out_now - s->z.avail_out;
        if (rc == Z_STREAM_END) {
            s->z_live = false;
            continue;
        }
        if (rc == Z_OK || rc == Z_BUF_ERROR) {
            continue;
        }
        return sg_i_diag(diag, rc == Z_MEM_ERROR ? SG_ERR_NOMEM : SG_ERR_SYNTAX, s->path, NULL, 0,
                         0, "gzip: corrupt data near compressed byte %zu: %s",
                         s->in_total + s->in_pos, s->z.msg != NULL ? s->z.msg : "invalid data");
    }
    return SG_OK;
}

void sg_stream_close(sg_stream *s)
{
    if (s == NULL) {
        return;
    }
    if (s->gz) {
        inflateEnd(&s->z);
    }
    if (s->own && s->f != NULL) {
        fclose(s->f);
    }
    free(s);
}

sg_status sg_stream_read_all(sg_stream *s, char **out, size_t *out_len, sg_diag *diag)
{
    size_t cap = 1 << 16, used = 0;
    char *buf = malloc(cap + 1);
    *out = NULL;
    *out_len = 0;
    for (;;) {
        if (buf == NULL) {
            return sg_i_diag(diag, SG_ERR_NOMEM, s->path, NULL, 0, 0, "out of memory reading");
        }
        size_t got;
        sg_status st = sg_stream_read(s, buf + used, cap - used, &got, diag);
        if (st != SG_OK) {
            free(buf);
            return st;
        }
        used += got;
        if (got == 0) {
            break;
        }
        if (used == cap) {
            char *p = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2 + 1) : NULL;
            if (p == NULL) {
                free(buf);
            }
            buf = p;
            cap *= 2;
        }
    }
    buf[used] = '\0';
    *out = buf;
    *out_len = used;
    return SG_OK;
}

sg_status sg_source_gunzip(const char *path, const char *in, size_t n, char **out, size_t *out_len,
                           sg_diag *diag)
{
    sg_stream *s = NULL;
    *out = NULL;
    *out_len = 0;
    sg_status st = stream_mem(path, in, n, &s, diag);
    if (st == SG_OK) {
        st = sg_stream_read_all(s, out, out_len, diag);
    }
    sg_stream_close(s);
    return st;
}

/* The file list being built and the directories already walked (device, inode). */
typedef struct walk {
    char **files;
    size_t n, cap;
    struct seen {
        dev_t dev;
        ino_t ino;
    } * dirs;
    size_t n_dirs, cap_dirs;
    const char *root; /* the directory given: borrowed, outlives the walk */
} walk;

static bool push(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap) {
        return true;
    }
    size_t ncap = *cap == 0 ? 64 : *cap * 2;
    void *p = realloc(*arr, ncap * size);
    if (p == NULL) {
        return false;
    }
    *arr = p;
    *cap = ncap;
    return true;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A path under the listed directory cannot be read: diagnostics name the directory
 * given (which outlives the listing) and quote the path inside it (freed meanwhile). */
static sg_status walk_error(const walk *w, sg_diag *diag, const char *path)
{
    int e = errno;
    return sg_i_diag(diag, SG_ERR_IO, w->root, NULL, 0, 0, "cannot read '%s': %s", path,
                     strerror(e));
}

static sg_status walk_dir(walk *w, const char *dir, sg_diag *diag)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        return walk_error(w, diag, dir);
    }
    for (size_t i = 0; i < w->n_dirs; i++) {
        if (w->dirs[i].dev == sb.st_dev && w->dirs[i].ino == sb.st_ino) {
            return SG_OK; /* a link cycle or a second way in */
        }
    }
    if (!push((void **)&w->dirs, &w->cap_dirs, w->n_dirs, sizeof *w->dirs)) {
        return sg_i_diag(diag, SG_ERR_NOMEM, w->root, NULL, 0, 0, "out of memory");
    }
    w->dirs[w->n_dirs].dev = sb.st_dev;
    w->dirs[w->n_dirs].ino = sb.st_ino;
    w->n_dirs++;
    DIR *d = opendir(dir);
    if (d == NULL) {
        return walk_error(w, diag, dir);
    }
    sg_status st = SG_OK;
    struct dirent *de;
    errno = 0;
    while (st == SG_OK && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') {
            continue;
        }
        size_t dl = strlen(dir);
        bool slash = dl > 0 && dir[dl - 1] == '/';
        size_t need = dl + 1 + strlen(de->d_name) + 1;
        char *p = malloc(need);
        if (p == NULL) {
            st = sg_i_diag(diag, SG_ERR_NOMEM, w->root, NULL, 0, 0, "out of memory");
            break;
        }
        snprintf(p, need, "%s%s%s", dir, slash ? "" : "/", de->d_name);
        if (stat(p, &sb) != 0) {
            st = walk_error(w, diag, p);
            free(p);
        } else if (S_ISDIR(sb.st_mode)) {
            st = walk_dir(w, p, diag);
            free(p);
        } else if (S_ISREG(sb.st_mode)) {
            if (!push((void **)&w->files, &w->cap, w->n, sizeof *w->files)) {
                free(p);
                st = sg_i_diag(diag, SG_ERR_NOMEM, w->root, NULL, 0, 0, "out of memory");
            } else {
                w->files[w->n++] = p;
            }
        } else {
            free(p); /* FIFOs, sockets, devices: not documents */
        }
        errno = 0;
    }
    if (st == SG_OK && errno != 0) {
        st = walk_error(w, diag, dir);
    }
    closedir(d);
    return st;
}

sg_status sg_source_list_dir(const char *dir, char ***files, size_t *n, sg_diag *diag)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.root = dir;
    *files = NULL;
    *n = 0;
    sg_status st = walk_dir(&w, dir, diag);
    free(w.dirs);
    if (st != SG_OK) {
        for (size_t i = 0; i < w.n; i++) {
            free(w.files[i]);
        }
        free(w.files);
        return st;
    }
    if (w.n > 1) {
        qsort(w.files, w.n, sizeof *w.files, path_cmp);
    }
    *files = w.files;
    *n = w.n;
    return SG_OK;
}
