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

sg_status sg_source_gunzip(const char *path, const char *in, size_t n, char **out, size_t *out_len,
                           sg_diag *diag)
{
    z_stream z;
    size_t cap = n < SIZE_MAX / 4 ? n * 4 + 1024 : n;
    size_t used = 0;
    char *buf = malloc(cap + 1);
    sg_status st = SG_OK;
    *out = NULL;
    *out_len = 0;
    if (buf == NULL) {
        return sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory decompressing");
    }
    memset(&z, 0, sizeof z);
    /* 16 + MAX_WBITS: gzip framing; inflateReset below continues with a next member */
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
        free(buf);
        return sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "zlib: cannot start inflating");
    }
    size_t pos = 0;
    for (;;) {
        if (used == cap) {
            size_t ncap = cap * 2;
            char *p = ncap > cap ? realloc(buf, ncap + 1) : NULL;
            if (p == NULL) {
                st = sg_i_diag(diag, SG_ERR_NOMEM, path, NULL, 0, 0, "out of memory decompressing");
                break;
            }
            buf = p;
            cap = ncap;
        }
        /* zlib counts in uInt: feed at most 1 GiB at a time */
        size_t in_now = n - pos < (1u << 30) ? n - pos : (1u << 30);
        size_t out_now = cap - used < (1u << 30) ? cap - used : (1u << 30);
        z.next_in = (Bytef *)(uintptr_t)(in + pos);
        z.avail_in = (uInt)in_now;
        z.next_out = (Bytef *)(buf + used);
        z.avail_out = (uInt)out_now;
        int rc = inflate(&z, Z_NO_FLUSH);
        pos += in_now - z.avail_in;
        used += out_now - z.avail_out;
        if (rc == Z_STREAM_END) {
            /* another member may follow (cat a.gz b.gz); trailing zero padding is not one */
            if (pos < n && sg_source_is_gzip(in + pos, n - pos)) {
                inflateReset(&z);
                continue;
            }
            break;
        }
        if (rc == Z_OK || (rc == Z_BUF_ERROR && z.avail_out == 0)) {
            if (pos == n && z.avail_out != 0) {
                st = sg_i_diag(diag, SG_ERR_SYNTAX, path, NULL, 0, 0,
                               "gzip: data ends early (truncated file?) after %zu bytes", pos);
                break;
            }
            continue;
        }
        st = sg_i_diag(diag, rc == Z_MEM_ERROR ? SG_ERR_NOMEM : SG_ERR_SYNTAX, path, NULL, 0, 0,
                       "gzip: corrupt data near compressed byte %zu: %s", pos,
                       z.msg != NULL ? z.msg : "invalid data");
        break;
    }
    inflateEnd(&z);
    if (st != SG_OK) {
        free(buf);
        return st;
    }
    buf[used] = '\0';
    *out = buf;
    *out_len = used;
    return SG_OK;
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

static sg_status walk_dir(walk *w, const char *dir, sg_diag *diag)
{
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        return sg_i_diag(diag, SG_ERR_IO, dir, NULL, 0, 0, "cannot read: %s", strerror(errno));
    }
    for (size_t i = 0; i < w->n_dirs; i++) {
        if (w->dirs[i].dev == sb.st_dev && w->dirs[i].ino == sb.st_ino) {
            return SG_OK; /* a link cycle or a second way in */
        }
    }
    if (!push((void **)&w->dirs, &w->cap_dirs, w->n_dirs, sizeof *w->dirs)) {
        return sg_i_diag(diag, SG_ERR_NOMEM, dir, NULL, 0, 0, "out of memory");
    }
    w->dirs[w->n_dirs].dev = sb.st_dev;
    w->dirs[w->n_dirs].ino = sb.st_ino;
    w->n_dirs++;
    DIR *d = opendir(dir);
    if (d == NULL) {
        return sg_i_diag(diag, SG_ERR_IO, dir, NULL, 0, 0, "cannot read: %s", strerror(errno));
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
            st = sg_i_diag(diag, SG_ERR_NOMEM, dir, NULL, 0, 0, "out of memory");
            break;
        }
        snprintf(p, need, "%s%s%s", dir, slash ? "" : "/", de->d_name);
        if (stat(p, &sb) != 0) {
            st = sg_i_diag(diag, SG_ERR_IO, p, NULL, 0, 0, "cannot read: %s", strerror(errno));
            free(p);
        } else if (S_ISDIR(sb.st_mode)) {
            st = walk_dir(w, p, diag);
            free(p);
        } else if (S_ISREG(sb.st_mode)) {
            if (!push((void **)&w->files, &w->cap, w->n, sizeof *w->files)) {
                free(p);
                st = sg_i_diag(diag, SG_ERR_NOMEM, dir, NULL, 0, 0, "out of memory");
            } else {
                w->files[w->n++] = p;
            }
        } else {
            free(p); /* FIFOs, sockets, devices: not documents */
        }
        errno = 0;
    }
    if (st == SG_OK && errno != 0) {
        st = sg_i_diag(diag, SG_ERR_IO, dir, NULL, 0, 0, "cannot read: %s", strerror(errno));
    }
    closedir(d);
    return st;
}

sg_status sg_source_list_dir(const char *dir, char ***files, size_t *n, sg_diag *diag)
{
    walk w;
    memset(&w, 0, sizeof w);
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
