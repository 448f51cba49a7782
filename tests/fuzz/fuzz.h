/* Helpers shared by the fuzz targets (tests/fuzz/fuzz_*.c): the entry points libFuzzer
 * calls, a file reader for the lexicons the targets load once, and in-memory output
 * streams. Each target is one .c file including this header; it is linked either with
 * libFuzzer (make fuzz) or with tests/fuzz/replay.c (make fuzz-replay). */
#ifndef SG_FUZZ_H
#define SG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stancegraph.h"

/* The repository root, so that the targets find lexicons/ and tests/ from any directory
 * (the Makefile defines it; "." otherwise). */
#ifndef SG_FUZZ_ROOT
#define SG_FUZZ_ROOT "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fault of the library (not of the input): print it and abort, which both libFuzzer
 * and the replay driver report as a crash with the stack. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* An in-memory output stream (open_memstream); buf and len are valid after fuzz_out_close. */
typedef struct fuzz_out {
    FILE *f;
    char *buf;
    size_t len;
} fuzz_out;

static inline void fuzz_out_open(fuzz_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    FUZZ_CHECK(o->f != NULL);
}

static inline void fuzz_out_close(fuzz_out *o)
{
    FUZZ_CHECK(fclose(o->f) == 0);
    o->f = NULL;
}

static inline void fuzz_out_free(fuzz_out *o)
{
    free(o->buf);
    o->buf = NULL;
    o->len = 0;
}

/* Loads a lexicon file of the repository (relative to SG_FUZZ_ROOT) into lex. */
static inline void fuzz_load(sg_lexicon *lex, const char *rel, bool actors)
{
    char path[4096];
    sg_diag d;
    sg_diag_init(&d);
    snprintf(path, sizeof path, "%s/%s", SG_FUZZ_ROOT, rel);
    sg_status st = actors ? sg_lexicon_add_actors_file(lex, path, &d)
                          : sg_lexicon_add_relations_file(lex, path, &d);
    if (st != SG_OK) {
        char line[512];
        sg_diag_format(&d, line, sizeof line);
        fprintf(stderr, "fuzz: cannot load %s: %s\n", path, line);
        abort();
    }
}

#endif
