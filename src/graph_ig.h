/* Private to the graph stage (graph.c, graph_signed.c): igraph error handling shared by
 * its files. Not part of the public API; igraph types stay out of public headers. */
#ifndef SG_SRC_GRAPH_IG_H
#define SG_SRC_GRAPH_IG_H

#include <igraph.h>

#include "internal.h"

/* Translates an igraph return code into our status and diagnostic: SG_ERR_NOMEM for
 * IGRAPH_ENOMEM, else SG_ERR_BACKEND with "igraph: WHAT failed: igraph_strerror(rc)".
 * The error handler cannot carry a user pointer and we keep no global state, so the
 * message is igraph's description of the error code plus the failing call. */
sg_status sg_i_igraph_fail(sg_diag *diag, igraph_error_t rc, const char *what);

/* Runs an igraph call; on failure sets `st` (a local sg_status) with sg_i_igraph_fail and
 * jumps to the local label `done`, where the caller releases what it initialised. */
#define SG_IG(call, what)                                                                          \
    do {                                                                                           \
        igraph_error_t rc_ = (call);                                                               \
        if (rc_ != IGRAPH_SUCCESS) {                                                               \
            st = sg_i_igraph_fail(diag, rc_, (what));                                              \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

#endif
