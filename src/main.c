/* stancegraph command-line tool: parses options, loads lexicons, reads text documents
 * or JSON Lines events, and runs extract, graph or centrality through the public API.
 * Outputs go to a temporary file renamed into place, so a failure leaves none. */
/* realpath() is XSI; madvise(MADV_DONTNEED) is a Linux and BSD extension */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "stancegraph.h"

/* Exit codes (documented in --help and README.md). */
enum { EXIT_OK = 0, EXIT_PROCESSING = 1, EXIT_INPUT = 2 };

enum cmd {
    CMD_EXTRACT,
    CMD_GRAPH,
    CMD_CENTRALITY,
    CMD_SUMMARY,
    CMD_LCHECK,
    CMD_LSTATS,
    CMD_LIMPORT
};

enum opt_id {
    OPT_OUTPUT = 'o',
    OPT_HELP = 'h',
    OPT_ACTORS = 256,
    OPT_RELATIONS,
    OPT_FORMAT,
    OPT_SORT,
    OPT_TOP,
    OPT_TITLE,
    OPT_VERSION,
    OPT_ACTORS_TOO,
    OPT_EXPLAIN,
    OPT_LEVEL,
    OPT_TYPE,
    OPT_FROM,
    OPT_DATE,
    OPT_LAYOUT,
    OPT_SIZE_BY,
    OPT_SHOW_NEGATED,
    OPT_RELATION,
    OPT_SINCE,
    OPT_UNTIL,
    OPT_MIN_COUNT,
    OPT_EGO,
    OPT_DEPTH,
    OPT_DIGITS,
    OPT_COLOR_BY,
    OPT_METRICS,
    OPT_TEXT_FIELD,
    OPT_ID_FIELD,
    OPT_KEEP_DUPLICATES,
    OPT_KEEP_GOING,
    OPT_ENCODING_ERRORS,
    OPT_STATS,
    OPT_QUIET,
    OPT_JOBS = 'j'
};

/* One table drives getopt_long and --help. `cmds` is a bit set of the commands that
 * accept the option. */
typedef struct opt_doc {
    const char *name;
    int has_arg;
    int id;
    unsigned cmds;
    const char *arg;
    const char *help;
} opt_doc;

#define C_EX (1u << CMD_EXTRACT)
#define C_GR (1u << CMD_GRAPH)
#define C_CE (1u << CMD_CENTRALITY)
#define C_SU (1u << CMD_SUMMARY)
#define C_LC (1u << CMD_LCHECK)
#define C_LS (1u << CMD_LSTATS)
#define C_LI (1u << CMD_LIMPORT)
#define C_LEX (C_LC | C_LS)
#define C_ALL (C_EX | C_GR | C_CE | C_SU | C_LEX)
#define C_SEL (C_GR | C_CE | C_SU) /* the selections before the metrics */

static const opt_doc options[] = {
    {"output", required_argument, OPT_OUTPUT, C_EX | C_GR | C_CE | C_SU | C_LI, "FILE",
     "write to FILE instead of standard output ('-' = stdout); the file appears only "
     "when the run succeeds"},
    {"format", required_argument, OPT_FORMAT, C_GR, "FMT",
     "svg, png, pdf, html, dot, json, graphml or csv (default: from the -o extension, a "
     "directory means csv, else svg)"},
    {"format", required_argument, OPT_FORMAT, C_CE, "FMT", "table, csv or json (default: table)"},
    {"format", required_argument, OPT_FORMAT, C_SU, "FMT",
     "text (sections for people to read), csv or json (default: text)"},
    {"actors", required_argument, OPT_ACTORS, C_ALL, "FILE",
     "actor lexicon (repeatable); replaces the built-in actors.json"},
    {"relations", required_argument, OPT_RELATIONS, C_ALL, "FILE",
     "relation lexicon (repeatable); replaces the built-in relations.json"},
    {"actors-too", no_argument, OPT_ACTORS_TOO, C_EX, NULL,
     "also write one line per mentioned actor ({\"actor\": ID, ...}), so that graph and "
     "centrality from the file keep actors mentioned without events"},
    {"from", required_argument, OPT_FROM, C_LI, "FORMAT",
     "tabari or petrarch: the format of the dictionaries to convert"},
    {"date", required_argument, OPT_DATE, C_EX | C_SEL, "YYYY-MM-DD",
     "the documents' date: picks the holder of an office that the lexicon dates "
     "(valid_from/valid_until), e.g. who 'the U.S. president' is"},
    {"text-field", required_argument, OPT_TEXT_FIELD, C_EX | C_SEL, "KEY",
     "in a JSON Lines corpus, the key holding each document's text (default: text)"},
    {"id-field", required_argument, OPT_ID_FIELD, C_EX | C_SEL, "KEY",
     "in a JSON Lines corpus, the key holding each document's id, written as the "
     "events' doc (default: id; a line without it is named FILE:LINE)"},
    {"keep-duplicates", no_argument, OPT_KEEP_DUPLICATES, C_EX | C_SEL, NULL,
     "count every copy of a document whose text was met before (default: once, with a "
     "note on stderr)"},
    {"keep-going", no_argument, OPT_KEEP_GOING, C_EX | C_SEL, NULL,
     "go on past a bad input, corpus line or document (each reported, the run's counts "
     "printed at the end) and past a lexicon pattern that hits PCRE2's limits on a "
     "sentence (counted in a warning); the output is still written, and the exit status "
     "is 1 when anything failed"},
    {"encoding-errors", required_argument, OPT_ENCODING_ERRORS, C_EX | C_SEL, "WHAT",
     "strict (default): text that is not UTF-8, or holds a NUL byte, is an error naming "
     "its line and column; replace: each ill-formed sequence and NUL byte becomes U+FFFD "
     "(counted in a warning) and extraction goes on; event offsets still count the bytes "
     "as read"},
    {"jobs", required_argument, OPT_JOBS, C_EX | C_SEL, "N",
     "worker threads extracting the documents, corpus lines and text files alike "
     "(default: the number of cores); the output does not depend on N"},
    {"stats", no_argument, OPT_STATS, C_EX | C_SEL, NULL,
     "print the run's counts on stderr at the end (also printed whenever something "
     "failed): inputs, documents, bytes, sentences, duplicates skipped, documents failed "
     "(with their ids and reasons), events (negated, without a target), actor mentions "
     "(without events), unresolved pronouns, U+FFFD replacements, pattern limits hit, "
     "events read, seconds"},
    {"quiet", no_argument, OPT_QUIET, C_EX | C_SEL, NULL,
     "no progress line (shown on stderr when it is a terminal) and no notes"},
    {"explain", no_argument, OPT_EXPLAIN, C_EX, NULL,
     "add to each event an \"explain\" object naming the rules that chose its source, "
     "target and relation"},
    {"level", required_argument, OPT_LEVEL, C_SEL, "LEVEL",
     "leaf (default), parent or root: roll actors up their lexicon parents before "
     "aggregation (Aliyev and the Azerbaijani defense ministry become Azerbaijan)"},
    {"type", required_argument, OPT_TYPE, C_SEL, "TYPE[,TYPE]",
     "keep only actors of these types (after the roll-up); repeatable"},
    {"relation", required_argument, OPT_RELATION, C_SEL, "ID[,ID]",
     "keep only events of these relation ids (e.g. accuse,threaten); repeatable"},
    {"since", required_argument, OPT_SINCE, C_SEL, "YYYY-MM-DD",
     "keep only events dated on or after this day (events carry their document's "
     "date, see extract --date); undated events are then left out, with a warning"},
    {"until", required_argument, OPT_UNTIL, C_SEL, "YYYY-MM-DD",
     "keep only events dated on or before this day (inclusive)"},
    {"min-count", required_argument, OPT_MIN_COUNT, C_SEL, "N",
     "keep only the events of actor pairs (source, target) with at least N events "
     "after the selections above"},
    {"ego", required_argument, OPT_EGO, C_SEL, "ACTOR",
     "keep only the ego network of ACTOR (an actor id, or a name, case-insensitive): "
     "the actors within --depth steps of it, either direction, and their events; "
     "applied last, after the other selections"},
    {"depth", required_argument, OPT_DEPTH, C_SEL, "N",
     "steps from the --ego actor (default 1: its direct partners)"},
    {"title", required_argument, OPT_TITLE, C_GR, "TEXT",
     "title drawn on the graph (default: the input file names)"},
    {"sort", required_argument, OPT_SORT, C_CE, "METRIC",
     "sort rows by METRIC, descending, ties by actor id (default: pagerank)"},
    {"top", required_argument, OPT_TOP, C_CE, "N", "print only the first N rows (0 = all)"},
    {"top", required_argument, OPT_TOP, C_SU, "N",
     "actors listed per metric (default: 3; 0 = all)"},
    {"metrics", required_argument, OPT_METRICS, C_CE | C_SU, "M[,M]",
     "compute and print only these metrics (default: all); leaving out betweenness "
     "saves most of the time on large graphs"},
    {"digits", required_argument, OPT_DIGITS, C_CE, "N",
     "decimals of the real-valued metrics, 0 to 17 (default: 4 in the table, 6 in CSV "
     "and JSON; from 15 on, no rounding first, and JSON gives the shortest number that "
     "reads back to the same double)"},
    {"top", required_argument, OPT_TOP, C_GR, "N",
     "draw only the N actors ranked highest by the --size-by metric (pagerank when "
     "none), ties by actor id, and between them at most 3 arrows per drawn actor "
     "(the pairs with the most events); the caption says what was left out (default: "
     "40; 0 = all actors; JSON, GraphML and CSV always hold the whole graph)"},
    {"layout", required_argument, OPT_LAYOUT, C_GR, "ENGINE",
     "Graphviz layout: dot, neato, fdp, sfdp or circo (default: dot up to 150 drawn "
     "actors, sfdp above)"},
    {"size-by", required_argument, OPT_SIZE_BY, C_GR, "METRIC",
     "scale the nodes by a centrality (see 'centrality --help'), or 'none' "
     "(default: pagerank)"},
    {"color-by", required_argument, OPT_COLOR_BY, C_GR, "WHAT",
     "bloc: fill the nodes by signed bloc (see 'summary --help'; the key numbers the "
     "blocs as the summary does), or none (default: none)"},
    {"show-negated", no_argument, OPT_SHOW_NEGATED, C_GR, NULL,
     "also draw negated events (\"did not accuse\") as dashed grey edges"},
    {"help", no_argument, OPT_HELP, C_ALL, NULL, "show this help and exit"},
    {"version", no_argument, OPT_VERSION, C_ALL, NULL, "show the version and exit"},
};
enum { N_OPTIONS = sizeof options / sizeof options[0] };

typedef struct config {
    enum cmd cmd;
    const char *output;
    const char *format;
    const char *title;
    const char **actors;
    size_t n_actors;
    const char **relations;
    size_t n_relations;
    sg_metric sort;
    size_t top;
    bool top_set;
    const char *layout;
    int size_by;
    bool show_negated;
    bool color_by_bloc;
    bool actors_too;
    bool explain;
    const char *from;
    const char *date;
    sg_level level;
    const char **types;
    size_t n_types;
    const char **relation_ids;
    size_t n_relation_ids;
    const char *since, *until;
    size_t min_count;
    const char *ego;
    size_t depth;
    int decimals;
    bool depth_set;
    unsigned metrics;
    bool metrics_set;
    sg_metric first_metric; /* the first metric --metrics names */
    bool sort_set;
    const char *text_field, *id_field;
    bool keep_duplicates;
    bool keep_going;        /* --keep-going */
    sg_encoding_errors enc; /* --encoding-errors */
    bool stats, quiet;
    size_t threads; /* -j: worker threads for corpus documents (default: the cores) */
} config;

static const char *const cmd_names[] = {"extract",       "graph",         "centrality",
                                        "summary",       "lexicon check", "lexicon stats",
                                        "lexicon import"};

static const char *const cmd_usage[] = {
    "extract [OPTIONS] [FILE...]",
    "graph [OPTIONS] [FILE...] [-o OUT]",
    "centrality [OPTIONS] [FILE...]",
    "summary [OPTIONS] [FILE...]",
    "lexicon check [--actors FILE]... [--relations FILE]... [LEXICON...]",
    "lexicon stats [--actors FILE]... [--relations FILE]... [LEXICON...]",
    "lexicon import --from tabari|petrarch FILE... -o OUT.json",
};

static const char *const cmd_summary[] = {
    "Find events (who accuses, denies, demands, supports, threatens, meets or attacks\n"
    "whom) in text documents and write them as JSON Lines, one event per line, with the\n"
    "evidence sentence and its byte offsets.",
    "Aggregate events into the actor graph (one edge per source, relation and target,\n"
    "with the event count and Goldstein sum; negated events are left out) and write it\n"
    "as a drawing (SVG, PNG or PDF rendered with Graphviz, or DOT), as an HTML report (the\n"
    "drawing, the centrality table and the evidence in one file) or as data for other\n"
    "tools (node-link JSON, GraphML, CSV). The drawing has one edge per ordered actor\n"
    "pair labelled with its relations, coloured by the events' mean Goldstein weight\n"
    "(ColorBrewer RdBu classes <= -5, -5..-0.5, -0.5..0.5, 0.5..5, >= 5), 1 + 1.5 log2(count)\n"
    "points wide; a key, the caption and what --top left out are drawn above it.",
    "Rank actors by centrality, computed with igraph on the actor network (one edge per\n"
    "ordered actor pair, weight w = number of events):\n"
    "  in_degree, out_degree    distinct actors sending to / receiving from the actor\n"
    "  degree                   in_degree + out_degree\n"
    "  in_strength, out_strength  events received / sent\n"
    "  signed_in, signed_out    sums of the Goldstein weights (-10 hostile .. +10\n"
    "                           cooperative) of the events received / sent\n"
    "  betweenness              directed, unnormalised, path length 1/w\n"
    "  harmonic                 outgoing harmonic closeness, length 1/w, divided by n-1\n"
    "  pagerank                 directed PageRank, damping 0.85, weights w (sums to 1)\n"
    "  hub, authority           Kleinberg scores with weights w, maximum scaled to 1\n"
    "  eigenvector              of the undirected projection (events both ways),\n"
    "                           maximum scaled to 1; 0 for all when there are no events\n"
    "                           between actors (undefined there)",
    "Summarise the actor network: counts of actors, events, edges and arcs (ordered\n"
    "actor pairs), density (arcs / n(n-1)), weak and strong components, reciprocity\n"
    "(share of arcs answered by the reverse arc), the top actors per centrality (see\n"
    "'centrality --help'), and signed analysis on the undirected projection whose tie\n"
    "weights are the pair's Goldstein sums (a zero sum is no tie):\n"
    "  structural balance   share of balanced triads (+++, +--), Heider and\n"
    "                       Cartwright-Harary, and the most unbalanced triads\n"
    "  signed blocs         igraph spinglass with negative ties (Traag & Bruggeman\n"
    "                       2009) per component, with its signed modularity and\n"
    "                       frustration (ties against the partition)\n"
    "  cooperative blocs    Louvain on the positive ties, with its modularity",
    "Load, compile and lint lexicons (the built-in ones when none is given; a LEXICON\n"
    "file is an actors or relations lexicon, told apart by its top-level key). Errors\n"
    "(malformed JSON, unknown or duplicate keys and ids, unknown or cyclic parents, an\n"
    "alias on two actors, a verb form in two relations, a pattern that does not compile,\n"
    "matches the empty string or backtracks without bound) and warnings (an alias\n"
    "shadowed by a longer alias of another actor, a relation with no verb, noun or\n"
    "pattern) are printed as path:line:col: error|warning: message.",
    "Load and compile lexicons and print counts: actors by type, relations by CAMEO root\n"
    "class, aliases, verb forms, nouns and patterns.",
    "Convert TABARI/PETRARCH dictionaries to a JSON lexicon (format v1): actor files\n"
    "(synonyms, [CODE], dated codes) to an actors lexicon, verb files to a relations\n"
    "lexicon with one relation per CAMEO code. What format v1 cannot express (agents,\n"
    "verb patterns, dates, further codes, ambiguous aliases) is counted by reason in the\n"
    "report printed on standard error; nothing is dropped silently.",
};

static void print_help(FILE *f, enum cmd cmd)
{
    fprintf(f, "usage: stancegraph %s\n\n%s\n\n", cmd_usage[cmd], cmd_summary[cmd]);
    if (cmd == CMD_LCHECK || cmd == CMD_LSTATS || cmd == CMD_LIMPORT) {
        fprintf(f, "options:\n");
    } else
        fprintf(f, "FILE is a UTF-8 text document, a JSON Lines corpus (one {\"id\", \"date\",\n"
                   "\"text\"} document per line; see --text-field) or a JSON Lines events file\n"
                   "written by 'stancegraph extract' (lines with \"source\" and \"relation\").\n"
                   "No FILE, or '-', reads standard input.\n\noptions:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const opt_doc *o = &options[i];
        if (!(o->cmds & (1u << cmd))) {
            continue;
        }
        char left[48];
        if (o->id < 256) {
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->id, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        } else {
            snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        }
        fprintf(f, "  %-26s %s\n", left, o->help);
    }
    fprintf(f,
            "\nlexicons: the built-in actors.json and relations.json are looked up in\n"
            "$STANCEGRAPH_LEXICONS, then in the source tree's lexicons/ when run from\n"
            "build/, then in ../share/stancegraph/lexicons beside the binary's\n"
            "directory, then in %s/lexicons.\n",
            SG_DATADIR);
    fprintf(f, "\nexit status: 0 success, 1 processing error (I/O, library failure) or, with\n"
               "--keep-going, some input, document or pattern failed (the output is written),\n"
               "2 usage or input error (bad option, unreadable or malformed input or "
               "lexicon).\n");
}

static void print_main_help(FILE *f)
{
    fprintf(f, "usage: stancegraph COMMAND [OPTIONS] [FILE...]\n\n"
               "Turn news text into an actor-stance graph: who accuses, denies, demands,\n"
               "supports, threatens, meets or attacks whom, with the sentence that says so.\n\n"
               "commands:\n"
               "  extract      events as JSON Lines\n"
               "  graph        the aggregated graph: a drawing (SVG, PNG, PDF), an HTML\n"
               "               report, or data (DOT, JSON, GraphML, CSV)\n"
               "  centrality   actor centrality as a table, CSV or JSON\n"
               "  summary      network figures, top actors, structural balance and blocs\n"
               "  lexicon      'lexicon check' lints lexicons, 'lexicon stats' counts them,\n"
               "               'lexicon import' converts TABARI/PETRARCH dictionaries\n\n"
               "'stancegraph COMMAND --help' describes a command and its options.\n"
               "exit status: 0 success, 1 processing error, 2 usage or input error.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "stancegraph: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'stancegraph --help' for more information.\n");
    return EXIT_INPUT;
}

/* The next item of a comma-separated option value (strtok_r), blanks around it
 * removed ("accuse, aid" gives "accuse" and "aid"); NULL at the end. */
static char *next_item(char *s, char **save)
{
    char *tok;
    while ((tok = strtok_r(s, ",", save)) != NULL) {
        s = NULL;
        while (*tok == ' ' || *tok == '\t') {
            tok++;
        }
        size_t n = strlen(tok);
        while (n > 0 && (tok[n - 1] == ' ' || tok[n - 1] == '\t')) {
            tok[--n] = '\0';
        }
        if (n > 0) {
            return tok;
        }
    }
    return NULL;
}

/* Parses a non-negative decimal integer (no sign, no blanks) into *out. */
/* Appends the comma-separated items of s (trimmed, modified in place) to list[*n ..].
 * Returns false when s holds none: an empty list would silently select everything. */
static bool add_items(char *s, const char **list, size_t *n)
{
    size_t before = *n;
    for (char *save = NULL, *tok = next_item(s, &save); tok != NULL; tok = next_item(NULL, &save)) {
        list[(*n)++] = tok;
    }
    return *n > before;
}

static bool parse_count(const char *s, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || end == s || *end != '\0' || errno != 0 || v > SIZE_MAX) {
        return false;
    }
    *out = (size_t)v;
    return true;
}

/* The exit status for a diagnostic: 2 for malformed input, 1 otherwise. */
static int report_code(const sg_diag *d)
{
    switch (d->status) {
    case SG_ERR_SYNTAX:
    case SG_ERR_PATTERN:
        return EXIT_INPUT;
    default:
        return EXIT_PROCESSING;
    }
}

/* Prints d on stderr and returns its exit status. */
static int report(const sg_diag *d)
{
    char line[1024];
    sg_diag_format(d, line, sizeof line);
    fprintf(stderr, "%s\n", line);
    return report_code(d);
}

/* ---- lexicons ---- */

static bool file_exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Finds the built-in lexicon directory (see --help). Writes it to dir (n bytes). */
static void lexicon_dir(char *dir, size_t n)
{
    char probe[PATH_MAX + 96];
    char exe[PATH_MAX];
    const char *env = getenv("STANCEGRAPH_LEXICONS");
    if (env != NULL && env[0] != '\0') {
        snprintf(dir, n, "%s", env);
        return;
    }
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = NULL;
    if (len > 0) {
        exe[len] = '\0';
        slash = strrchr(exe, '/');
    }
    if (slash != NULL) {
        *slash = '\0'; /* exe is now the binary's directory */
        /* the source tree: <root>/build[/asan]/stancegraph -> <root>/lexicons */
        static const char *const rel[] = {"/../lexicons", "/../../lexicons",
                                          "/../share/stancegraph/lexicons"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            snprintf(probe, sizeof probe, "%s%s/relations.json", exe, rel[i]);
            if (file_exists(probe)) {
                snprintf(probe, sizeof probe, "%s%s", exe, rel[i]);
                char *real = realpath(probe, NULL);
                snprintf(dir, n, "%s", real != NULL ? real : probe);
                free(real);
                return;
            }
        }
    }
    snprintf(dir, n, "%s/lexicons", SG_DATADIR);
}

/* A lexicon that cannot be read or compiled is an input error (exit 2). */
static int lexicon_error(const sg_diag *d)
{
    int rc = report(d);
    return d->status == SG_ERR_NOMEM ? rc : EXIT_INPUT;
}

/* A lexicon file already read (lexicon check and stats read each once, to tell actors
 * from relations: a FIFO cannot be read twice). */
typedef struct lex_buf {
    const char *path;
    char *buf;
    size_t len;
    bool relations;
} lex_buf;

/* Loads the built-in lexicons (those of a kind with no file given), cfg's --actors and
 * --relations, then `extra`, and compiles. Returns an exit code. */
static int load_lexicon_with(const config *cfg, const lex_buf *extra, size_t n_extra,
                             sg_lexicon **out)
{
    sg_diag d;
    char dir[PATH_MAX + 96];
    char path[PATH_MAX + 128];
    sg_lexicon *lex = sg_lexicon_new();
    int rc = EXIT_OK;
    sg_diag_init(&d);
    if (lex == NULL) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        return EXIT_PROCESSING;
    }
    lexicon_dir(dir, sizeof dir);
    size_t extra_rel = 0;
    for (size_t i = 0; i < n_extra; i++) {
        extra_rel += extra[i].relations;
    }
    if (cfg->n_actors == 0 && n_extra - extra_rel == 0) {
        snprintf(path, sizeof path, "%s/actors.json", dir);
        if (sg_lexicon_add_actors_file(lex, path, &d) != SG_OK) {
            rc = lexicon_error(&d);
            goto done;
        }
    }
    for (size_t i = 0; i < cfg->n_actors; i++) {
        if (sg_lexicon_add_actors_file(lex, cfg->actors[i], &d) != SG_OK) {
            rc = lexicon_error(&d);
            goto done;
        }
    }
    for (size_t i = 0; i < n_extra; i++) {
        if (!extra[i].relations && sg_lexicon_add_actors_json(lex, extra[i].path, extra[i].buf,
                                                              extra[i].len, &d) != SG_OK) {
            rc = lexicon_error(&d);
            goto done;
        }
    }
    if (cfg->n_relations == 0 && extra_rel == 0) {
        snprintf(path, sizeof path, "%s/relations.json", dir);
        if (sg_lexicon_add_relations_file(lex, path, &d) != SG_OK) {
            rc = lexicon_error(&d);
            goto done;
        }
    }
    for (size_t i = 0; i < cfg->n_relations; i++) {
        if (sg_lexicon_add_relations_file(lex, cfg->relations[i], &d) != SG_OK) {
            rc = lexicon_error(&d);
            goto done;
        }
    }
    for (size_t i = 0; i < n_extra; i++) {
        if (extra[i].relations && sg_lexicon_add_relations_json(lex, extra[i].path, extra[i].buf,
                                                                extra[i].len, &d) != SG_OK) {
            rc = lexicon_error(&d);
            goto done;
        }
    }
    if (sg_lexicon_compile(lex, &d) != SG_OK) {
        rc = lexicon_error(&d);
        goto done;
    }
    *out = lex;
    lex = NULL;
done:
    sg_lexicon_free(lex);
    return rc;
}

static int load_lexicon(const config *cfg, sg_lexicon **out)
{
    return load_lexicon_with(cfg, NULL, 0, out);
}

/* ---- input ---- */

enum { HEAD_BYTES = 16 << 20, CHUNK_BYTES = 4 << 20 };

static int read_all(const char *path, char **buf, size_t *len, sg_diag *d);

/* Opens an input: a regular, non-empty, uncompressed file is mapped read-only whole
 * (*mapped true), so that a large corpus is paged in as it is read and its pages can be
 * released behind the reader (extract_corpus). Anything else (standard input, a FIFO,
 * gzip data) is a stream: its first HEAD_BYTES are read into *buf (capacity *cap) and,
 * when more follows, the stream is left open in *more for the caller to read on. */
static int open_input(const char *path, char **buf, size_t *len, size_t *cap, bool *mapped,
                      sg_stream **more, sg_diag *d)
{
    struct stat sb;
    *mapped = false;
    *more = NULL;
    *buf = NULL;
    *len = *cap = 0;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 2) {
        int fd = open(path, O_RDONLY);
        if (fd >= 0) {
            unsigned char magic[2] = {0, 0};
            bool gz = read(fd, magic, 2) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            void *p =
                gz ? MAP_FAILED : mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            close(fd);
            if (p != MAP_FAILED) {
                *buf = p;
                *len = (size_t)sb.st_size;
                *mapped = true;
                return EXIT_OK;
            }
        }
    }
    sg_stream *s = NULL;
    sg_status st = sg_stream_open(path, &s, d);
    char *b = st == SG_OK ? malloc((size_t)HEAD_BYTES + 1) : NULL;
    if (st == SG_OK && b == NULL) {
        st = SG_ERR_NOMEM;
        snprintf(d->msg, sizeof d->msg, "out of memory");
    }
    size_t got = 0;
    if (st == SG_OK) {
        st = sg_stream_read(s, b, HEAD_BYTES, &got, d);
    }
    if (st != SG_OK) {
        free(b);
        sg_stream_close(s);
        return st == SG_ERR_NOMEM ? EXIT_PROCESSING : EXIT_INPUT;
    }
    b[got] = '\0';
    *buf = b;
    *len = got;
    *cap = HEAD_BYTES;
    if (got < (size_t)HEAD_BYTES) {
        sg_stream_close(s); /* all of it is here */
    } else {
        *more = s;
    }
    return EXIT_OK;
}

static void release_input(char *buf, size_t len, bool mapped)
{
    if (mapped) {
        munmap(buf, len);
    } else {
        free(buf);
    }
}

/* Reads a lexicon file whole (gzip decompressed), refusing one over LEXICON_MAX bytes
 * (/dev/zero, a corpus given by mistake) before memory runs out. */
static int read_all(const char *path, char **buf, size_t *len, sg_diag *d)
{
    enum { LEXICON_MAX = 256 << 20 };
    sg_stream *s = NULL;
    size_t got = 0;
    char *b = NULL;
    *buf = NULL;
    *len = 0;
    sg_status st = sg_stream_open(path, &s, d);
    if (st == SG_OK && (b = malloc((size_t)LEXICON_MAX + 2)) == NULL) {
        st = SG_ERR_NOMEM;
        snprintf(d->msg, sizeof d->msg, "out of memory");
    }
    if (st == SG_OK) {
        st = sg_stream_read(s, b, (size_t)LEXICON_MAX + 1, &got, d);
    }
    if (st == SG_OK && got > (size_t)LEXICON_MAX) {
        st = SG_ERR_IO;
        d->status = st;
        d->path = strcmp(path, "-") == 0 ? "<stdin>" : path;
        d->line = d->col = 0;
        snprintf(d->msg, sizeof d->msg, "larger than %d MiB: not a lexicon", LEXICON_MAX >> 20);
    }
    sg_stream_close(s);
    if (st != SG_OK) {
        free(b);
        return st == SG_ERR_NOMEM ? EXIT_PROCESSING : EXIT_INPUT;
    }
    char *small = realloc(b, got + 1); /* give back what the file did not use */
    *buf = small != NULL ? small : b;
    (*buf)[got] = '\0';
    *len = got;
    return EXIT_OK;
}

static bool blank(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
            return false;
        }
    }
    return true;
}

/* Reads every input into ev: text documents are extracted (loading the lexicon on
 * first need), events files are parsed. With `stream` set (extract), each input's
 * events are written there as soon as it is done and only its actors are kept in ev,
 * so memory does not grow with the number of documents. */
/* The documents seen so far, by a 64-bit FNV-1a hash of their text (Fowler, Noll, Vo;
 * the chance that two of a million different texts share a hash is about 3e-8), so that
 * a document met twice is counted once. Open addressing; 0 marks an empty slot. */
typedef struct seen_set {
    uint64_t *slots;
    size_t cap, n;
    size_t dups; /* documents skipped */
    /* the run's counts (--stats) and progress on a terminal */
    size_t docs, bytes, sentences, events, negated, untargeted, read_events;
    size_t empty;                   /* inputs without any text */
    size_t cut;                     /* overlong sentences cut */
    size_t replaced, replaced_docs; /* U+FFFD put in (--encoding-errors=replace) */
    sg_extract_counts xc;           /* mentions, unresolved pronouns, pattern limits */
    size_t n_failed;                /* inputs, corpus lines and documents that failed */
    char **failures;                /* "what: diagnostic" of each (all but out of memory) */
    size_t n_failures, cap_failures;
    size_t total_bytes;  /* of all input files, 0 when unknown (standard input) */
    double start, shown; /* monotonic seconds: start, last progress line */
    bool progress;       /* stderr is a terminal and no --quiet */
} seen_set;

/* Reports a failed input, corpus line or document (d; `what` names it when d's path
 * does not, e.g. a corpus document's id; may be NULL) and records it for the run's counts. Returns
 * EXIT_OK with --keep-going (the run goes on), else the exit code for d. */
static int failed(const config *cfg, seen_set *st, const char *what, const sg_diag *d, int code)
{
    (void)report(d);
    char line[1024];
    sg_diag_format(d, line, sizeof line);
    if (st->n_failures == st->cap_failures) {
        size_t ncap = st->cap_failures == 0 ? 16 : st->cap_failures * 2;
        char **f = realloc(st->failures, ncap * sizeof *f);
        if (f != NULL) {
            st->failures = f;
            st->cap_failures = ncap;
        }
    }
    bool named = what != NULL && (d->path == NULL || strcmp(what, d->path) != 0);
    size_t n = (named ? strlen(what) + 2 : 0) + strlen(line) + 1;
    char *rec = st->n_failures < st->cap_failures ? malloc(n) : NULL;
    if (rec != NULL) {
        snprintf(rec, n, "%s%s%s", named ? what : "", named ? ": " : "", line);
        st->failures[st->n_failures++] = rec;
    }
    st->n_failed++;
    return cfg->keep_going && d->status != SG_ERR_NOMEM ? EXIT_OK : code;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Counts the events of ev from index `before` on. */
static void count_events(seen_set *st, const sg_events *ev, size_t before)
{
    for (size_t i = before; i < sg_events_count(ev); i++) {
        const sg_event *e = sg_events_get(ev, i);
        st->events++;
        st->negated += e->negated;
        st->untargeted += !e->negated && e->target == NULL;
    }
}

/* Shows the progress line on a terminal, at most twice a second. */
static void show_progress(seen_set *st)
{
    if (!st->progress) {
        return;
    }
    double t = now_seconds();
    if (t - st->shown < 0.5) {
        return;
    }
    double el = t - st->start, mbs = el > 0 ? (double)st->bytes / 1e6 / el : 0.0;
    fprintf(stderr, "\r%zu documents, %.1f MB, %.1f MB/s", st->docs, (double)st->bytes / 1e6, mbs);
    if (st->total_bytes > st->bytes && mbs > 0) {
        fprintf(stderr, ", %.0f s left ", (double)(st->total_bytes - st->bytes) / 1e6 / mbs);
    }
    fflush(stderr);
    st->shown = t;
}

static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h != 0 ? h : 1;
}

/* Records the text s[0 .. n); returns true when it was seen before (and counts it),
 * false when it is new or when out of memory (then it is simply not deduplicated). */
static bool seen_before(seen_set *set, const char *s, size_t n)
{
    if (set->n * 2 >= set->cap) {
        size_t ncap = set->cap == 0 ? 1024 : set->cap * 2;
        uint64_t *slots = calloc(ncap, sizeof *slots);
        if (slots == NULL) {
            return false;
        }
        for (size_t i = 0; i < set->cap; i++) {
            if (set->slots[i] != 0) {
                size_t k = (size_t)(set->slots[i] % ncap);
                while (slots[k] != 0) {
                    k = (k + 1) % ncap;
                }
                slots[k] = set->slots[i];
            }
        }
        free(set->slots);
        set->slots = slots;
        set->cap = ncap;
    }
    uint64_t h = text_hash(s, n);
    size_t k = (size_t)(h % set->cap);
    while (set->slots[k] != 0) {
        if (set->slots[k] == h) {
            set->dups++;
            return true;
        }
        k = (k + 1) % set->cap;
    }
    set->slots[k] = h;
    set->n++;
    return false;
}

typedef struct pool pool;
/* One document of a batch, extracted by one of the worker threads. */
typedef struct job {
    char *id, *date, *text, *dpath, *meta; /* copies: inputs are released meanwhile */
    size_t len;
    sg_events *ev; /* the document's events and actors */
    char *out;     /* with a stream: the events as JSON Lines, written by the thread */
    size_t out_len;
    size_t sentences;
    size_t replaced, first_bad; /* U+FFFD put in; offset of the first bad byte */
    size_t cut;                 /* overlong sentences cut */
    sg_extract_counts xc;
    sg_diag warn; /* the first pattern that hit PCRE2's limits (--keep-going) */
    sg_diag d;
    bool failed;
    /* a long document is extracted in parts (part_end): this part's byte offset in the
     * document, the line and column (1-based) where it starts, its number from 0 */
    size_t base;
    unsigned line0, col0;
    size_t part;
    unsigned corpus_line; /* a corpus document's line in its file (dpath is the file) */
    bool cut_mid;         /* the part ends at a break that may cut a sentence */
} job;

/* The documents waiting for the worker threads, extracted a batch at a time (up to
 * BATCH_DOCS documents or parts, BATCH_BYTES bytes) and written in input order. */
typedef struct queue {
    const config *cfg;
    const sg_lexicon *lex;
    pool *threads;
    job *jobs;
    size_t n, bytes;
    seen_set *seen;
    FILE *stream; /* extract: events are written here, only actors kept in into */
    const char *stream_name;
    sg_events *into;
    size_t sent_base;     /* sentences in the earlier parts of the current document */
    bool warned;          /* the current document's U+FFFD warning was printed */
    unsigned corpus_line; /* the corpus line of the documents being queued, 0 for files */
} queue;

static pool *pool_new(const config *cfg, const sg_lexicon *lex);
static void pool_free(pool *p);
static int run_jobs(queue *q, int read_rc);
static bool job_fill(job *j, const char *id, const char *date, const char *meta, const char *text,
                     size_t len, const char *dpath);
static int extract_corpus(queue *q, const char *shown, const char *buf, size_t len, bool mapped,
                          const sg_corpus_opts *co);
static sg_status merge_events(sg_events *into, const sg_events *part, bool with_events);

enum { BATCH_DOCS = 512, BATCH_BYTES = 8 << 20, PART_BYTES = 1 << 20 };

/* Where the part of a document that starts at `from` ends: the whole rest when it is
 * at most PART_BYTES, else the last break in the second half of the next PART_BYTES,
 * preferring a blank line, then a sentence end ('.', '!' or '?', a space or line end,
 * an upper-case ASCII letter), a line end, a space, and failing all of them (100 MB
 * without white space) a UTF-8 character boundary. A part is extracted on its own:
 * what crosses the break (a pronoun's antecedent, a sentence cut at a space) is the
 * price of bounded memory on pathological documents; news articles are far shorter.
 * *mid is set when the break is not a blank line or a sentence end: then it may cut a
 * sentence, counted as an overlong sentence cut. */
static size_t part_end(const char *s, size_t len, size_t from, bool *mid)
{
    *mid = false;
    if (len - from <= PART_BYTES) {
        return len;
    }
    size_t hi = from + PART_BYTES, lo = from + PART_BYTES / 2;
    for (size_t i = hi; i > lo; i--) { /* s[i - 1] is the last byte of the part */
        if (s[i - 1] == '\n' && (s[i - 2] == '\n' || (s[i - 2] == '\r' && s[i - 3] == '\n'))) {
            return i;
        }
    }
    for (size_t i = hi; i > lo; i--) {
        if ((s[i - 1] == ' ' || s[i - 1] == '\n') && s[i - 2] != '\0' &&
            strchr(".!?", s[i - 2]) != NULL && s[i] >= 'A' && s[i] <= 'Z') {
            return i;
        }
    }
    *mid = true;
    for (size_t i = hi; i > lo; i--) {
        if (s[i - 1] == '\n') {
            return i;
        }
    }
    for (size_t i = hi; i > lo; i--) {
        if (s[i - 1] == ' ') {
            return i;
        }
    }
    size_t i = hi;
    while (i > lo && ((unsigned char)s[i] & 0xC0) == 0x80) {
        i--;
    }
    return i;
}

/* Moves the 1-based (*line, *col) of a position past bytes s[0 .. n): columns count
 * code points (every byte but a continuation byte), as in diagnostics. */
static void advance_pos(const char *s, size_t n, unsigned *line, unsigned *col)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            ++*line;
            *col = 1;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

/* Runs the waiting jobs (or, when read_rc is not EXIT_OK, releases them unread). */
static int queue_flush(queue *q, int read_rc)
{
    if (q->n == 0) {
        return read_rc;
    }
    int rc = run_jobs(q, read_rc);
    q->n = q->bytes = 0;
    return rc;
}

/* Where the next part of a document starts: its byte offset, part number, line and
 * column (1-based). */
typedef struct doc_cursor {
    size_t base, part;
    unsigned line, col;
} doc_cursor;

#define DOC_CURSOR_START                                                                           \
    {                                                                                              \
        0, 0, 1, 1                                                                                 \
    }

/* Queues text[0 .. n) as the next part of a document (fields copied; date and meta may
 * be NULL; more: parts follow), running the batch whenever it is full. Returns an exit
 * code. */
static int queue_part(queue *q, doc_cursor *cur, const char *id, const char *date, const char *meta,
                      const char *text, size_t n, const char *dpath, bool more, bool mid)
{
    job *j = &q->jobs[q->n++];
    if (!job_fill(j, id, date, meta, text, n, dpath)) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        return queue_flush(q, EXIT_PROCESSING);
    }
    j->corpus_line = q->corpus_line;
    j->cut_mid = mid;
    j->base = cur->base;
    j->line0 = cur->line;
    j->col0 = cur->col;
    j->part = cur->part++;
    q->bytes += n;
    if (more) {
        advance_pos(text, n, &cur->line, &cur->col);
    }
    cur->base += n;
    if (q->n == BATCH_DOCS || q->bytes >= BATCH_BYTES) {
        return queue_flush(q, EXIT_OK);
    }
    return EXIT_OK;
}

/* Queues a whole document, in parts (part_end) when longer than PART_BYTES. */
static int queue_doc(queue *q, const char *id, const char *date, const char *meta, const char *text,
                     size_t len, const char *dpath)
{
    doc_cursor cur = DOC_CURSOR_START;
    size_t from = 0;
    do {
        bool mid;
        size_t end = part_end(text, len, from, &mid);
        int rc =
            queue_part(q, &cur, id, date, meta, text + from, end - from, dpath, end < len, mid);
        if (rc != EXIT_OK) {
            return rc;
        }
        from = end;
    } while (from < len);
    return EXIT_OK;
}

/* Reads more of a stream into the buffer *buf (capacity *cap, *len used), at least
 * `want` bytes of room; *eof when nothing more came. Returns an exit code (a read
 * error is reported through failed()). */
static int refill(queue *q, sg_stream *st, const char *shown, char **buf, size_t *cap, size_t *len,
                  size_t want, bool *eof)
{
    if (*cap - *len < want) {
        size_t ncap = *len + want;
        char *p = realloc(*buf, ncap + 1);
        if (p == NULL) {
            fprintf(stderr, "stancegraph: error: out of memory\n");
            return EXIT_PROCESSING;
        }
        *buf = p;
        *cap = ncap;
    }
    size_t got = 0;
    sg_diag d;
    sg_diag_init(&d);
    if (sg_stream_read(st, *buf + *len, *cap - *len, &got, &d) != SG_OK) {
        int rc = queue_flush(q, EXIT_OK); /* diagnostics in input order */
        return rc == EXIT_OK ? failed(q->cfg, q->seen, shown, &d, report_code(&d)) : rc;
    }
    *len += got;
    *eof = got == 0;
    return EXIT_OK;
}

/* A JSON Lines corpus from a stream too large to hold (standard input, gzip): read in
 * blocks of whole lines, each extracted as a corpus with its line numbers. buf holds
 * the first len bytes read (the caller's, freed by the caller; may be reallocated). */
static int stream_corpus(queue *q, sg_stream *st, const char *shown, char **buf, size_t *cap,
                         size_t len, const sg_corpus_opts *co)
{
    unsigned line = 1;
    bool eof = false;
    int rc = EXIT_OK;
    for (;;) {
        size_t upto = len;
        if (!eof) {
            upto = len;
            while (upto > 0 && (*buf)[upto - 1] != '\n') {
                upto--; /* whole lines only: the last one may still be coming */
            }
        }
        if (upto > 0) {
            sg_corpus_opts here = *co;
            here.first_line = line;
            rc = extract_corpus(q, shown, *buf, upto, false, &here);
            for (const char *p = *buf; (p = memchr(p, '\n', upto - (size_t)(p - *buf))) != NULL;
                 p++) {
                line++;
            }
            memmove(*buf, *buf + upto, len - upto);
            len -= upto;
        }
        if (rc != EXIT_OK || eof) {
            return rc;
        }
        rc = refill(q, st, shown, buf, cap, &len, CHUNK_BYTES, &eof);
        if (rc != EXIT_OK) {
            return rc;
        }
    }
}

/* A text document from a stream too large to hold: queued in parts as it is read. It
 * is not checked against earlier documents for duplicates (that needs its whole text). */
static int stream_text(queue *q, sg_stream *st, const char *id, const char *shown, char **buf,
                       size_t *cap, size_t len)
{
    doc_cursor cur = DOC_CURSOR_START;
    bool eof = false;
    int rc = EXIT_OK;
    while (rc == EXIT_OK && (len > 0 || !eof)) {
        if (!eof && len < 2 * (size_t)PART_BYTES) {
            rc = refill(q, st, shown, buf, cap, &len, 2 * (size_t)PART_BYTES - len, &eof);
            continue;
        }
        bool mid;
        size_t end = part_end(*buf, len, 0, &mid);
        rc = queue_part(q, &cur, id, NULL, NULL, *buf, end, shown, !eof || end < len, mid);
        memmove(*buf, *buf + end, len - end);
        len -= end;
    }
    return rc;
}

static int collect_files(const config *cfg, char **files, size_t n_files, sg_events *ev,
                         FILE *stream, const char *stream_name, seen_set *seen, sg_lexicon **lexp)
{
    sg_lexicon *lex = *lexp;
    queue q = {.cfg = cfg,
               .jobs = calloc(BATCH_DOCS, sizeof(job)),
               .seen = seen,
               .stream = stream,
               .stream_name = stream_name,
               .into = ev};
    int rc = q.jobs != NULL ? EXIT_OK : EXIT_PROCESSING;
    for (size_t i = 0; i < n_files && rc == EXIT_OK; i++) {
        const char *path = files[i];
        bool is_stdin = strcmp(path, "-") == 0;
        const char *shown = is_stdin ? "<stdin>" : path;
        char *buf = NULL;
        size_t len = 0, cap = 0;
        sg_diag d;
        sg_diag_init(&d);
        bool mapped = false;
        sg_stream *more = NULL; /* a stream too large to read at once */
        rc = open_input(path, &buf, &len, &cap, &mapped, &more, &d);
        if (rc != EXIT_OK) {
            int read_rc = rc;
            rc = queue_flush(&q, EXIT_OK); /* diagnostics in input order */
            if (rc == EXIT_OK) {
                rc = failed(cfg, seen, shown, &d, read_rc);
            }
            continue;
        }
        sg_corpus_opts co;
        sg_corpus_opts_init(&co);
        co.text_key = cfg->text_field != NULL ? cfg->text_field : co.text_key;
        co.id_key = cfg->id_field != NULL ? cfg->id_field : co.id_key;
        bool empty = blank(buf, len), corpus = !empty && sg_corpus_is_jsonl(buf, len, &co);
        bool events = !empty && !corpus && sg_events_is_jsonl(buf, len);
        bool text = !empty && !corpus && !events;
        if (more != NULL && events) {
            /* an events file is held whole anyway (graph, centrality, summary) */
            char *rest = NULL;
            size_t rest_len = 0;
            char *all = NULL;
            if (sg_stream_read_all(more, &rest, &rest_len, &d) != SG_OK) {
                rc = failed(cfg, seen, shown, &d, report_code(&d));
            } else if ((all = realloc(buf, len + rest_len + 1)) == NULL) {
                fprintf(stderr, "stancegraph: error: out of memory\n");
                rc = EXIT_PROCESSING;
            } else {
                buf = all;
                memcpy(buf + len, rest, rest_len + 1);
                len += rest_len;
            }
            free(rest);
            sg_stream_close(more);
            more = NULL;
            if (rc != EXIT_OK) {
                free(buf);
                continue;
            }
        }
        if ((corpus || text) && q.threads == NULL) {
            if (lex == NULL) {
                rc = load_lexicon(cfg, &lex);
            }
            q.lex = lex;
            if (rc == EXIT_OK && (q.threads = pool_new(cfg, lex)) == NULL) {
                fprintf(stderr, "stancegraph: error: out of memory\n");
                rc = EXIT_PROCESSING;
            }
        }
        if (rc == EXIT_OK && !text) {
            rc = queue_flush(&q, EXIT_OK); /* keep input order: the waiting documents first */
        }
        if (rc != EXIT_OK) {
            /* nothing more */
        } else if (empty) {
            /* nothing to lose: said, counted, and the run goes on */
            fprintf(stderr, "%s: warning: empty input: no documents\n", shown);
            seen->empty++;
        } else if (corpus) {
            rc = more != NULL ? stream_corpus(&q, more, shown, &buf, &cap, len, &co)
                              : extract_corpus(&q, shown, buf, len, mapped, &co);
        } else if (events) {
            sg_events *into = stream != NULL ? sg_events_new() : ev;
            size_t before = into != NULL ? sg_events_count(into) : 0;
            if (into == NULL) {
                fprintf(stderr, "stancegraph: error: out of memory\n");
                rc = EXIT_PROCESSING;
            } else if (!cfg->keep_duplicates && seen_before(seen, buf, len)) {
                /* the same events file twice (a shell glob and a name): counted once */
            } else if (sg_events_read_jsonl(into, shown, buf, len, &d) != SG_OK) {
                rc = failed(cfg, seen, shown, &d, EXIT_INPUT); /* the file is left out */
            } else {
                seen->read_events += sg_events_count(into) - before;
            }
            if (stream != NULL && into != NULL) {
                /* extract passes events files through */
                if (rc == EXIT_OK && sg_events_write_jsonl(into, stream, &d) != SG_OK) {
                    d.path = d.path != NULL ? d.path : stream_name;
                    rc = report(&d);
                }
                if (rc == EXIT_OK && merge_events(ev, into, false) != SG_OK) {
                    fprintf(stderr, "stancegraph: error: out of memory\n");
                    rc = EXIT_PROCESSING;
                }
                sg_events_free(into);
            }
        } else {
            /* the events name the document by its path, in UTF-8 whatever the locale */
            size_t bad = 0;
            char *id = sg_utf8_replace(path, &bad);
            if (id == NULL) {
                fprintf(stderr, "stancegraph: error: out of memory\n");
                rc = EXIT_PROCESSING;
            } else if (bad > 0) {
                fprintf(stderr,
                        "%s: warning: the file name is not UTF-8: its events name it '%s'\n", shown,
                        id);
            }
            if (rc != EXIT_OK) {
                /* nothing */
            } else if (more != NULL) {
                rc = stream_text(&q, more, id, shown, &buf, &cap, len);
            } else if (cfg->keep_duplicates || !seen_before(seen, buf, len)) {
                rc = queue_doc(&q, id, NULL, NULL, buf, len, shown);
            }
            free(id);
        }
        sg_stream_close(more);
        release_input(buf, len, mapped);
    }
    /* after an error the waiting documents are released unread */
    int flushed = queue_flush(&q, rc);
    rc = rc == EXIT_OK ? flushed : rc;
    free(q.jobs);
    pool_free(q.threads);
    *lexp = lex;
    return rc;
}

/* Reads the inputs (files, '-' for standard input, none: standard input; a directory
 * stands for its files, recursively, in sorted order) into ev, or with stream set,
 * writes each input's events to it as JSON Lines and keeps only the actors in ev.
 * Documents whose text was met before are skipped unless --keep-duplicates; a note
 * on stderr counts them. Loads the lexicon into *lexp when text needs it. Returns an
 * exit code. */
static int collect(const config *cfg, char **args, size_t n_args, sg_events *ev, FILE *stream,
                   const char *stream_name, sg_lexicon **lexp, bool *partial,
                   const char *const *outputs, size_t n_outputs)
{
    static const char *const stdin_only[] = {"-"};
    char **files = NULL;
    size_t n_files = 0, cap = 0;
    bool *owned = NULL;
    seen_set seen;
    int rc = EXIT_OK;
    memset(&seen, 0, sizeof seen);
    if (n_args == 0) {
        args = (char **)stdin_only;
        n_args = 1;
    }
    for (size_t i = 0; i < n_args && rc == EXIT_OK; i++) {
        struct stat sb;
        char **listed = NULL;
        size_t n_listed = 0;
        bool dir = strcmp(args[i], "-") != 0 && stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode);
        if (dir) {
            sg_diag d;
            sg_diag_init(&d);
            if (sg_source_list_dir(args[i], &listed, &n_listed, &d) != SG_OK) {
                report(&d);
                rc = d.status == SG_ERR_NOMEM ? EXIT_PROCESSING : EXIT_INPUT;
                break;
            }
            if (n_listed == 0) {
                fprintf(stderr, "%s: error: directory holds no files\n", args[i]);
                rc = EXIT_INPUT;
            }
        }
        size_t add = dir ? n_listed : 1;
        if (n_files + add > cap) {
            size_t ncap = (n_files + add) * 2;
            char **f = realloc(files, ncap * sizeof *files);
            bool *o = f != NULL ? realloc(owned, ncap * sizeof *owned) : NULL;
            if (f != NULL) {
                files = f;
            }
            if (o == NULL) {
                fprintf(stderr, "stancegraph: error: out of memory\n");
                for (size_t k = 0; k < n_listed; k++) {
                    free(listed[k]);
                }
                free(listed);
                rc = EXIT_PROCESSING;
                break;
            }
            owned = o;
            cap = ncap;
        }
        for (size_t k = 0; k < add; k++) {
            files[n_files] = dir ? listed[k] : args[i];
            owned[n_files] = dir;
            n_files++;
        }
        free(listed);
    }
    /* a directory may hold this run's own output (and its temporary file): not an input */
    for (size_t o = 0; rc == EXIT_OK && o < n_outputs; o++) {
        struct stat os, fs;
        if (outputs[o] == NULL || stat(outputs[o], &os) != 0) {
            continue;
        }
        for (size_t i = 0; i < n_files; i++) {
            if (owned[i] && stat(files[i], &fs) == 0 && fs.st_dev == os.st_dev &&
                fs.st_ino == os.st_ino) {
                if (o % 2 == 1) {
                    fprintf(stderr,
                            "stancegraph: note: '%s' is this run's output: not read as an "
                            "input\n",
                            files[i]);
                }
                free(files[i]);
                memmove(files + i, files + i + 1, (n_files - i - 1) * sizeof *files);
                memmove(owned + i, owned + i + 1, (n_files - i - 1) * sizeof *owned);
                n_files--;
                i--;
            }
        }
    }
    seen.start = seen.shown = now_seconds();
    seen.progress = !cfg->quiet && isatty(STDERR_FILENO);
    for (size_t i = 0; rc == EXIT_OK && i < n_files; i++) {
        struct stat sb;
        if (strcmp(files[i], "-") != 0 && stat(files[i], &sb) == 0) {
            seen.total_bytes += (size_t)sb.st_size;
        }
    }
    if (rc == EXIT_OK) {
        rc = collect_files(cfg, files, n_files, ev, stream, stream_name, &seen, lexp);
    }
    if (seen.progress && seen.docs > 0) {
        fputs("\r\033[K", stderr); /* clear the progress line */
    }
    if (seen.dups > 0 && !cfg->quiet) {
        fprintf(stderr,
                "stancegraph: note: %zu document%s or events file%s had the same bytes as an "
                "earlier one and %s counted once (--keep-duplicates counts every copy)\n",
                seen.dups, seen.dups == 1 ? "" : "s", seen.dups == 1 ? "" : "s",
                seen.dups == 1 ? "was" : "were");
    }
    if (seen.cut > 0 && !cfg->quiet) {
        fprintf(stderr,
                "stancegraph: note: %zu overlong sentence%s cut (at a comma or semicolon past "
                "400 tokens, at 600 in any case): an event across a cut is not found\n",
                seen.cut, seen.cut == 1 ? " was" : "s were");
    }
    if (cfg->stats || rc != EXIT_OK || seen.n_failed > 0 || seen.xc.pattern_errors > 0) {
        /* always after a failure: what was read, what was not */
        double el = now_seconds() - seen.start;
#define PL(n) ((n) == 1 ? "" : "s")
        fprintf(stderr,
                "stancegraph: %s: %zu input%s (%zu empty), %zu document%s extracted (%zu byte%s, "
                "%zu sentence%s, %zu cut), %zu duplicate%s skipped, %zu failed; %zu event%s "
                "found (%zu negated, %zu without a target); %zu actor mention%s (%zu without "
                "events), %zu "
                "unresolved pronoun%s; %zu U+FFFD replacement%s in %zu document%s; %zu pattern "
                "limit%s hit; %zu event%s read from events files; %.2f s\n",
                rc != EXIT_OK ? "stats (stopped by an error)"
                : seen.n_failed > 0 || seen.xc.pattern_errors > 0
                    ? "stats (not everything was read)"
                    : "stats",
                n_files, PL(n_files), seen.empty, seen.docs, PL(seen.docs), seen.bytes,
                PL(seen.bytes), seen.sentences, PL(seen.sentences), seen.cut, seen.dups,
                PL(seen.dups), seen.n_failed, seen.events, PL(seen.events), seen.negated,
                seen.untargeted, seen.xc.mentions, PL(seen.xc.mentions), seen.xc.idle_mentions,
                seen.xc.unresolved, PL(seen.xc.unresolved), seen.replaced, PL(seen.replaced),
                seen.replaced_docs, PL(seen.replaced_docs), seen.xc.pattern_errors,
                PL(seen.xc.pattern_errors), seen.read_events, PL(seen.read_events), el);
#undef PL
        for (size_t i = 0; i < seen.n_failures; i++) {
            fprintf(stderr, "stancegraph: failed: %s\n", seen.failures[i]);
        }
        if (seen.n_failures < seen.n_failed) {
            fprintf(stderr, "stancegraph: failed: %zu more (out of memory listing them)\n",
                    seen.n_failed - seen.n_failures);
        }
    }
    *partial = seen.n_failed > 0 || seen.xc.pattern_errors > 0;
    for (size_t i = 0; i < n_files; i++) {
        if (owned[i]) {
            free(files[i]);
        }
    }
    free(files);
    free(owned);
    free(seen.slots);
    for (size_t i = 0; i < seen.n_failures; i++) {
        free(seen.failures[i]);
    }
    free(seen.failures);
    return rc;
}

/* A batch of documents shared by the worker threads; each thread has its own worker
 * (PCRE2 match data, scratch) and takes the next job under the mutex. */
typedef struct batch {
    const config *cfg;
    const sg_lexicon *lex;
    bool serialise; /* write each job's events to job.out in the thread */
    job *jobs;
    size_t n_jobs, next;
    pthread_mutex_t mu;
} batch;

typedef struct thread_arg {
    batch *b;
    sg_worker *w;
} thread_arg;

/* The worker threads of a run: cfg->threads workers over one lexicon, created once. */
struct pool {
    size_t nt;
    thread_arg *args;
    pthread_t *tids;
};

static void pool_free(pool *p)
{
    if (p == NULL) {
        return;
    }
    for (size_t t = 0; p->args != NULL && t < p->nt; t++) {
        sg_worker_free(p->args[t].w);
    }
    free(p->args);
    free(p->tids);
    free(p);
}

static pool *pool_new(const config *cfg, const sg_lexicon *lex)
{
    pool *p = calloc(1, sizeof *p);
    if (p == NULL) {
        return NULL;
    }
    p->nt = cfg->threads > 0 ? cfg->threads : 1;
    p->args = calloc(p->nt, sizeof *p->args);
    p->tids = calloc(p->nt, sizeof *p->tids);
    if (p->args == NULL || p->tids == NULL) {
        pool_free(p);
        return NULL;
    }
    for (size_t t = 0; t < p->nt; t++) {
        p->args[t].w = sg_worker_new(lex);
        if (p->args[t].w == NULL) {
            pool_free(p);
            return NULL;
        }
        sg_worker_set_explain(p->args[t].w, cfg->explain);
        sg_worker_set_keep_going(p->args[t].w, cfg->keep_going);
    }
    return p;
}

static void run_job(const batch *b, sg_worker *w, job *j)
{
    sg_doc *sd = NULL;
    sg_diag_init(&j->d);
    sg_worker_set_date(w, j->date != NULL ? j->date : b->cfg->date);
    j->ev = sg_events_new();
    if (j->ev == NULL) {
        j->d.status = SG_ERR_NOMEM;
        snprintf(j->d.msg, sizeof j->d.msg, "out of memory");
        j->failed = true;
        return;
    }
    if (sg_doc_new_enc(j->id, j->dpath, j->text, j->len, b->cfg->enc, &sd, &j->d) != SG_OK ||
        (j->meta != NULL && sg_doc_set_meta(sd, j->meta) != SG_OK) ||
        sg_extract(b->lex, sd, w, j->ev, &j->d) != SG_OK) {
        j->failed = true;
        /* the diagnostic may point into the document, freed below: name our copy */
        j->d.path = j->dpath;
        sg_extract_counts lost = {0};
        sg_worker_take_counts(w, &lost); /* a failed document's counts do not add up */
    } else {
        j->sentences = sg_doc_sentence_count(sd);
        j->replaced = sg_doc_replaced(sd, &j->first_bad);
        j->cut = sg_doc_cut_count(sd);
        const sg_diag *pw = sg_worker_pattern_warning(w);
        sg_diag_init(&j->warn);
        if (pw != NULL) {
            j->warn = *pw;
            j->warn.path = j->dpath;
        }
        sg_worker_take_counts(w, &j->xc);
        if (b->serialise && j->part == 0) {
            /* JSON printing is a large share of the work: done here, in parallel (a
             * later part of a long document is numbered and written by run_jobs) */
            FILE *m = open_memstream(&j->out, &j->out_len);
            bool ok = m != NULL && sg_events_write_jsonl(j->ev, m, &j->d) == SG_OK;
            if (m != NULL && fclose(m) != 0) {
                ok = false;
            }
            if (!ok) {
                j->d.status = SG_ERR_NOMEM;
                snprintf(j->d.msg, sizeof j->d.msg, "out of memory writing events");
                j->failed = true;
            }
        }
    }
    sg_doc_free(sd);
}

static void *worker_main(void *arg)
{
    thread_arg *ta = arg;
    batch *b = ta->b;
    for (;;) {
        pthread_mutex_lock(&b->mu);
        size_t i = b->next++;
        pthread_mutex_unlock(&b->mu);
        if (i >= b->n_jobs) {
            return NULL;
        }
        run_job(b, ta->w, &b->jobs[i]);
    }
}

static void job_release(job *j)
{
    free(j->id);
    free(j->date);
    free(j->text);
    free(j->dpath);
    free(j->meta);
    free(j->out);
    sg_events_free(j->ev);
    memset(j, 0, sizeof *j);
}

/* Fills j with copies of a document's fields (date and meta may be NULL). Returns false
 * when out of memory (j is then partly filled; job_release frees it). */
static bool job_fill(job *j, const char *id, const char *date, const char *meta, const char *text,
                     size_t len, const char *dpath)
{
    memset(j, 0, sizeof *j);
    j->id = strdup(id);
    j->date = date != NULL ? strdup(date) : NULL;
    j->meta = meta != NULL ? strdup(meta) : NULL;
    j->dpath = strdup(dpath);
    j->text = malloc(len + 1);
    j->len = len;
    if (j->id == NULL || (date != NULL && j->date == NULL) || (meta != NULL && j->meta == NULL) ||
        j->dpath == NULL || j->text == NULL) {
        return false;
    }
    memcpy(j->text, text, len);
    j->text[len] = '\0';
    return true;
}

/* Appends the events of part to into, and its actors with their mentions and parents
 * (copies), or only the actors when with_events is false. */
static sg_status merge_events(sg_events *into, const sg_events *part, bool with_events)
{
    for (size_t a = 0; a < sg_events_actor_count(part); a++) {
        const sg_actor_ref *r = sg_events_actor_get(part, a);
        if (sg_events_add_actor(into, r->id, r->name, r->type, r->mentions) != SG_OK ||
            sg_events_set_parent(into, r->id, r->parent) != SG_OK) {
            return SG_ERR_NOMEM;
        }
    }
    for (size_t i = 0; with_events && i < sg_events_count(part); i++) {
        if (sg_events_add(into, sg_events_get(part, i)) != SG_OK) {
            return SG_ERR_NOMEM;
        }
    }
    return SG_OK;
}

/* Moves a diagnostic about a part of a long document to its place in the document;
 * one inside a corpus document's text names the corpus line, then the place in the
 * text ("corpus.jsonl:7:1: error: text line 2, column 5: ..."): the column in the JSON
 * line is not known once escapes are decoded. */
static void place_diag(sg_diag *d, const job *j)
{
    if (d->line == 0) {
        return;
    }
    if (j->base > 0) {
        if (d->line == 1) {
            d->col += j->col0 - 1;
        }
        d->line += j->line0 - 1;
        d->offset += j->base;
    }
    if (j->corpus_line > 0) {
        char msg[sizeof d->msg + 64];
        snprintf(msg, sizeof msg, "text line %u, column %u: %s", d->line, d->col, d->msg);
        size_t n = strlen(msg) < sizeof d->msg ? strlen(msg) : sizeof d->msg - 1;
        memcpy(d->msg, msg, n);
        d->msg[n] = '\0';
        d->line = j->corpus_line;
        d->col = 1;
    }
}

/* Extracts q's jobs with the pool's threads (unless read_rc already failed), then, in
 * input order, counts each document, writes its events to the stream (or adds them to
 * q->into) and adds its actors to q->into; the first failed document stops the run
 * (with --keep-going, it is reported and counted). The parts of a long document get
 * their sentence numbers and offsets in the whole document here. Releases every job.
 * Returns an exit code (read_rc when it was not EXIT_OK). */
static int run_jobs(queue *q, int read_rc)
{
    const config *cfg = q->cfg;
    pool *p = q->threads;
    job *jobs = q->jobs;
    size_t n = q->n;
    seen_set *seen = q->seen;
    int rc = EXIT_OK;
    if (read_rc == EXIT_OK && n > 0) {
        batch b = {cfg, q->lex, q->stream != NULL, jobs, n, 0, PTHREAD_MUTEX_INITIALIZER};
        size_t started = 0;
        for (size_t t = 1; t < p->nt && t < n; t++) {
            p->args[t].b = &b;
            if (pthread_create(&p->tids[t], NULL, worker_main, &p->args[t]) != 0) {
                break; /* fewer threads: the others take the work */
            }
            started = t;
        }
        p->args[0].b = &b;
        worker_main(&p->args[0]);
        for (size_t t = 1; t <= started; t++) {
            pthread_join(p->tids[t], NULL);
        }
        pthread_mutex_destroy(&b.mu);
    }
    for (size_t i = 0; i < n && rc == EXIT_OK && read_rc == EXIT_OK; i++) {
        job *j = &jobs[i];
        if (j->part == 0) {
            q->sent_base = 0;
            q->warned = false;
        }
        if (j->failed) {
            place_diag(&j->d, j);
            rc = failed(cfg, seen, j->id, &j->d, report_code(&j->d));
            if (rc != EXIT_OK) {
                break;
            }
            continue;
        }
        if (j->replaced > 0) {
            if (!q->warned) {
                sg_diag w = j->d;
                w.path = j->dpath;
                snprintf(w.msg, sizeof w.msg,
                         "%zu ill-formed UTF-8 sequence%s or NUL byte%s replaced by U+FFFD, the "
                         "first here",
                         j->replaced, j->replaced == 1 ? "" : "s", j->replaced == 1 ? "" : "s");
                sg_diag_locate(&w, j->text, j->len, j->first_bad);
                place_diag(&w, j);
                fprintf(stderr, "%s:%u:%u: warning: %s\n", w.path, w.line, w.col, w.msg);
                seen->replaced_docs++;
                q->warned = true;
            }
            seen->replaced += j->replaced;
        }
        if (j->xc.pattern_errors > 0) {
            char line[1024];
            place_diag(&j->warn, j);
            sg_diag_format(&j->warn, line, sizeof line);
            char *e = strstr(line, ": error: ");
            fprintf(stderr,
                    "%.*s: warning: %s (%zu pattern search%s stopped by PCRE2's limits "
                    "in this document: their matches are missing)\n",
                    e != NULL ? (int)(e - line) : 0, line, e != NULL ? e + 9 : line,
                    j->xc.pattern_errors, j->xc.pattern_errors == 1 ? "" : "es");
        }
        seen->xc.mentions += j->xc.mentions;
        seen->xc.idle_mentions += j->xc.idle_mentions;
        seen->xc.unresolved += j->xc.unresolved;
        seen->xc.pattern_errors += j->xc.pattern_errors;
        seen->docs += j->part == 0;
        seen->bytes += j->len;
        seen->sentences += j->sentences;
        seen->cut += j->cut + j->cut_mid;
        count_events(seen, j->ev, 0);
        if (j->part > 0) {
            /* a later part: numbered from the document's start, written here */
            sg_events_shift(j->ev, 0, q->sent_base, j->base);
            sg_diag d;
            sg_diag_init(&d);
            if (q->stream != NULL && sg_events_write_jsonl(j->ev, q->stream, &d) != SG_OK) {
                d.path = d.path != NULL ? d.path : q->stream_name;
                rc = report(&d);
                break;
            }
        } else if (q->stream != NULL && j->out_len > 0 &&
                   fwrite(j->out, 1, j->out_len, q->stream) != j->out_len) {
            fprintf(stderr, "%s: error: cannot write events: %s\n", q->stream_name,
                    strerror(errno));
            rc = EXIT_PROCESSING;
            break;
        }
        q->sent_base += j->sentences;
        if (merge_events(q->into, j->ev, q->stream == NULL) != SG_OK) {
            fprintf(stderr, "stancegraph: error: out of memory\n");
            rc = EXIT_PROCESSING;
        }
    }
    for (size_t i = 0; i < n; i++) {
        job_release(&jobs[i]);
    }
    show_progress(seen);
    return read_rc != EXIT_OK ? read_rc : rc;
}

/* Extracts the events of every document of a JSON Lines corpus through q: in input
 * order whatever the number of threads. A document's "date" (else --date) picks dated
 * office holders and is written on its events. Returns an exit code; the first bad
 * line or document in input order stops the run (with --keep-going, each is reported
 * and the rest read). */
static int extract_corpus(queue *q, const char *shown, const char *buf, size_t len, bool mapped,
                          const sg_corpus_opts *co)
{
    sg_diag d;
    sg_diag_init(&d);
    sg_corpus *c = sg_corpus_new(shown, buf, len, co);
    int rc = EXIT_OK;
    bool done = false;
    size_t dropped = 0; /* bytes of a mapped input already released */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (c == NULL) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        rc = EXIT_PROCESSING;
    }
    while (rc == EXIT_OK && !done) {
        sg_corpus_doc doc;
        if (sg_corpus_next(c, &doc, &done, &d) != SG_OK) {
            /* the reader is past the bad line: with --keep-going, on to the next */
            rc = queue_flush(q, EXIT_OK); /* diagnostics in input order */
            if (rc == EXIT_OK) {
                rc = failed(q->cfg, q->seen, NULL, &d, report_code(&d));
            }
            continue;
        }
        if (done) {
            break;
        }
        if (!q->cfg->keep_duplicates && q->seen != NULL &&
            seen_before(q->seen, doc.text, doc.text_len)) {
            continue; /* the same text as an earlier document: counted once */
        }
        /* diagnostics inside a document name the corpus line (place_diag) */
        q->corpus_line = doc.line;
        rc = queue_doc(q, doc.id, doc.date, doc.meta, doc.text, doc.text_len, shown);
        q->corpus_line = 0;
        if (mapped) {
            /* jobs hold copies: release the pages behind the reader, so that memory
             * stays flat on a large corpus */
            size_t upto = sg_corpus_offset(c) / page * page;
            if (upto > dropped) {
                madvise((void *)(uintptr_t)(buf + dropped), upto - dropped, MADV_DONTNEED);
                dropped = upto;
            }
        }
    }
    sg_corpus_free(c);
    return rc;
}

/* ---- selections ---- */

/* Whether --relation id names a relation of the lexicon (when loaded) or of the events. */
static bool relation_known(const sg_lexicon *lex, const sg_events *ev, const char *id)
{
    if (lex != NULL && sg_lexicon_relation_find(lex, id) != SG_NONE) {
        return true;
    }
    for (size_t i = 0; i < sg_events_count(ev); i++) {
        if (strcmp(sg_events_get(ev, i)->relation, id) == 0) {
            return true;
        }
    }
    return false;
}

/* The node of the --ego actor: its id, else its name compared case-insensitively.
 * Returns SIZE_MAX (after printing why) when no node or several nodes match. */
static size_t ego_node(const sg_graph *g, const char *ego)
{
    size_t found = sg_graph_node_find(g, ego);
    if (found != SIZE_MAX) {
        return found;
    }
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        const sg_node *nd = sg_graph_node_get(g, i);
        if (strcasecmp(nd->name, ego) == 0 || strcasecmp(nd->id, ego) == 0) {
            if (found != SIZE_MAX) {
                fprintf(stderr,
                        "stancegraph: --ego '%s' names several actors (%s, %s, ...); give an "
                        "actor id\n",
                        ego, sg_graph_node_get(g, found)->id, nd->id);
                return SIZE_MAX - 1;
            }
            found = i;
        }
    }
    if (found == SIZE_MAX) {
        fprintf(stderr,
                "stancegraph: unknown actor '%s' for --ego: no actor of the selected events "
                "has this id or name (see 'stancegraph centrality')\n",
                ego);
    }
    return found;
}

/* Applies the selection options (--level, --type, --relation, --since/--until,
 * --min-count, then --ego/--depth) to *evp, replacing it. Loads the lexicon into *lexp
 * when the roll-up needs it. Returns an exit code. */
static int select_events(const config *cfg, sg_events **evp, sg_lexicon **lexp)
{
    sg_events *ev = *evp;
    sg_diag d;
    int rc = EXIT_OK;
    sg_diag_init(&d);
    bool any = cfg->level != SG_LEVEL_LEAF || cfg->n_types > 0 || cfg->n_relation_ids > 0 ||
               cfg->since != NULL || cfg->until != NULL || cfg->min_count > 1;
    if (any) {
        /* the roll-up needs the lexicon's hierarchy, and --type and --relation check
         * their names against it, even for events files */
        if (*lexp == NULL &&
            (cfg->level != SG_LEVEL_LEAF || cfg->n_types > 0 || cfg->n_relation_ids > 0)) {
            rc = load_lexicon(cfg, lexp);
            if (rc != EXIT_OK) {
                return rc;
            }
        }
        const sg_lexicon *lex = *lexp;
        for (size_t i = 0; i < cfg->n_types; i++) {
            bool known = false;
            for (size_t a = 0; lex != NULL && a < sg_lexicon_actor_count(lex) && !known; a++) {
                known = strcmp(sg_lexicon_actor_type(lex, a), cfg->types[i]) == 0;
            }
            for (size_t a = 0; a < sg_events_actor_count(ev) && !known; a++) {
                known = strcmp(sg_events_actor_get(ev, a)->type, cfg->types[i]) == 0;
            }
            if (!known) {
                return usage_error("unknown actor type '%s' for --type (see 'stancegraph "
                                   "lexicon stats')",
                                   cfg->types[i]);
            }
        }
        for (size_t i = 0; i < cfg->n_relation_ids; i++) {
            if (!relation_known(lex, ev, cfg->relation_ids[i])) {
                return usage_error("unknown relation '%s' for --relation: neither the lexicon "
                                   "nor the events have it (see 'stancegraph lexicon stats')",
                                   cfg->relation_ids[i]);
            }
        }
        if (cfg->since != NULL || cfg->until != NULL) {
            size_t undated = 0;
            for (size_t i = 0; i < sg_events_count(ev); i++) {
                undated += sg_events_get(ev, i)->date == NULL;
            }
            if (undated > 0) {
                fprintf(stderr,
                        "stancegraph: warning: %zu of %zu events have no date and are left out "
                        "by --since/--until (date documents with 'extract --date')\n",
                        undated, sg_events_count(ev));
            }
        }
        sg_select_opts so;
        sg_select_opts_init(&so);
        so.level = cfg->level;
        so.types = cfg->types;
        so.n_types = cfg->n_types;
        so.relations = cfg->relation_ids;
        so.n_relations = cfg->n_relation_ids;
        so.since = cfg->since;
        so.until = cfg->until;
        so.min_count = cfg->min_count;
        sg_events *sel = NULL;
        if (sg_events_select(ev, lex, &so, &sel, &d) != SG_OK) {
            return report(&d);
        }
        sg_events_free(ev);
        ev = sel;
        *evp = ev;
    }
    if (cfg->ego != NULL) {
        sg_graph *g = NULL;
        bool *keep = NULL;
        const char **ids = NULL;
        if (sg_graph_new(ev, &g, &d) != SG_OK) {
            return report(&d);
        }
        size_t n = sg_graph_node_count(g), center = ego_node(g, cfg->ego), n_ids = 0;
        if (center >= n) {
            sg_graph_free(g);
            return EXIT_INPUT;
        }
        keep = calloc(n, sizeof *keep);
        ids = calloc(n, sizeof *ids);
        if (keep == NULL || ids == NULL) {
            fprintf(stderr, "stancegraph: error: out of memory\n");
            rc = EXIT_PROCESSING;
        } else if (sg_graph_ego(g, center, cfg->depth, keep, &d) != SG_OK) {
            rc = report(&d);
        } else {
            for (size_t i = 0; i < n; i++) {
                if (keep[i]) {
                    ids[n_ids++] = sg_graph_node_get(g, i)->id;
                }
            }
            sg_select_opts so;
            sg_select_opts_init(&so);
            so.actors = ids;
            so.n_actors = n_ids;
            sg_events *sel = NULL;
            if (sg_events_select(ev, NULL, &so, &sel, &d) != SG_OK) {
                rc = report(&d);
            } else {
                sg_events_free(ev);
                *evp = sel;
            }
        }
        free(keep);
        free(ids);
        sg_graph_free(g);
    }
    return rc;
}

/* ---- summary ---- */

/* Computes the network figures, balance and blocs of g and writes the summary. */
static int run_summary(const config *cfg, const sg_graph *g, const sg_centrality *cent,
                       sg_table_format fmt, FILE *out, const char *out_path)
{
    sg_graph_stats stats;
    sg_balance bal;
    sg_blocs *blocs = NULL;
    sg_diag d;
    int rc = EXIT_OK;
    sg_diag_init(&d);
    memset(&bal, 0, sizeof bal);
    if (sg_graph_stats_get(g, &stats, &d) != SG_OK || sg_balance_init(&bal, g, 5, &d) != SG_OK ||
        sg_blocs_new(g, &blocs, &d) != SG_OK) {
        rc = report(&d);
    } else {
        sg_summary s = {&stats, cent, cfg->metrics, &bal, blocs};
        if (sg_emit_summary(g, &s, fmt, cfg->top_set ? cfg->top : 3, out, &d) != SG_OK) {
            d.path = d.path != NULL ? d.path : (out_path != NULL ? out_path : "<stdout>");
            rc = report(&d);
        }
    }
    sg_blocs_free(blocs);
    sg_balance_release(&bal);
    return rc;
}

/* ---- output ---- */

typedef struct outfile {
    FILE *f;
    char *tmp;        /* temporary path, NULL for stdout and special files */
    char *final;      /* the file the temporary one replaces (links resolved) */
    const char *path; /* the path as given, for messages */
} outfile;

/* Temporary output files to remove when a signal ends the run (SIGINT, SIGTERM,
 * SIGHUP, SIGPIPE), so that an interrupted run leaves nothing behind. This is the
 * program's only process-wide mutable state, and it lives here rather than in the
 * library because a signal handler can reach nothing else. */
enum { MAX_TMP = 4 };
static char *volatile tmp_paths[MAX_TMP];

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_TMP; i++) {
        char *p = tmp_paths[i];
        if (p != NULL) {
            (void)unlink(p); /* async-signal-safe */
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track_tmp(char *path, bool on)
{
    for (int i = 0; i < MAX_TMP; i++) {
        if (on ? tmp_paths[i] == NULL : tmp_paths[i] == path) {
            tmp_paths[i] = on ? path : NULL;
            return;
        }
    }
}

static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* keep a disposition the caller set to "ignore" (nohup, a shell's trap '') */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
            (void)sigaction(sigs[i], &sa, NULL);
        }
    }
}

/* Opens the output early, so an unwritable path fails before any work is done. A
 * regular file (or a new one) is written to a temporary file beside it and renamed
 * into place when the run succeeds, keeping the old file's permissions; a symbolic
 * link is followed; anything else (a device, a FIFO) is written directly, never
 * replaced. */
static int out_open(outfile *o, const char *path)
{
    struct stat sb;
    memset(o, 0, sizeof *o);
    if (path == NULL || strcmp(path, "-") == 0) {
        o->f = stdout;
        return EXIT_OK;
    }
    if (path[0] == '\0') {
        return usage_error("the output file name is empty%s", "");
    }
    o->path = path;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "%s: error: cannot write: Is a directory\n", path);
        return EXIT_PROCESSING;
    }
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        o->f = fopen(path, "wb");
        if (o->f == NULL) {
            fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
            return EXIT_PROCESSING;
        }
        return EXIT_OK;
    }
    char *real = realpath(path, NULL); /* follows a symbolic link to its file */
    char link_target[PATH_MAX];
    struct stat lsb;
    if (real == NULL && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
        /* a dangling link: create the file it names, never replace the link */
        ssize_t n = readlink(path, link_target, sizeof link_target - 1);
        if (n <= 0) {
            fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
            return EXIT_PROCESSING;
        }
        link_target[n] = '\0';
        const char *slash = link_target[0] != '/' ? strrchr(path, '/') : NULL;
        size_t dir = slash != NULL ? (size_t)(slash - path + 1) : 0;
        real = malloc(dir + (size_t)n + 1);
        if (real != NULL) {
            /* a relative link is relative to the link's directory */
            memcpy(real, path, dir);
            memcpy(real + dir, link_target, (size_t)n + 1);
        }
    }
    const char *target = real != NULL ? real : path;
    size_t n = strlen(target) + 32;
    o->final = malloc(strlen(target) + 1);
    o->tmp = malloc(n);
    if (o->tmp == NULL || o->final == NULL) {
        free(o->tmp);
        free(o->final);
        o->tmp = NULL;
        o->final = NULL;
        free(real);
        fprintf(stderr, "stancegraph: error: out of memory\n");
        return EXIT_PROCESSING;
    }
    strcpy(o->final, target);
    snprintf(o->tmp, n, "%s.tmp.%ld", target, (long)getpid());
    free(real);
    o->f = fopen(o->tmp, "wb");
    if (o->f == NULL) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        free(o->tmp);
        free(o->final);
        o->tmp = NULL;
        o->final = NULL;
        return EXIT_PROCESSING;
    }
    track_tmp(o->tmp, true);
    if (stat(o->final, &sb) == 0) {
        (void)fchmod(fileno(o->f), sb.st_mode & 07777);
    }
    return EXIT_OK;
}

/* Finishes the output: on success flushes and renames into place, otherwise removes
 * the temporary file. Returns the final exit code. */
static int out_close(outfile *o, int rc)
{
    const char *shown = o->path != NULL ? o->path : "<stdout>";
    if (o->f == NULL) {
        return rc;
    }
    if (fflush(o->f) != 0 || ferror(o->f)) {
        if (rc == EXIT_OK) {
            fprintf(stderr, "%s: error: cannot write: %s\n", shown, strerror(errno));
            rc = EXIT_PROCESSING;
        }
    }
    if (o->tmp != NULL) {
        if (fclose(o->f) != 0 && rc == EXIT_OK) {
            fprintf(stderr, "%s: error: cannot write: %s\n", shown, strerror(errno));
            rc = EXIT_PROCESSING;
        }
        if (rc == EXIT_OK && rename(o->tmp, o->final) != 0) {
            fprintf(stderr, "%s: error: cannot rename into place: %s\n", shown, strerror(errno));
            rc = EXIT_PROCESSING;
        }
        if (rc != EXIT_OK) {
            remove(o->tmp);
        }
        track_tmp(o->tmp, false);
        free(o->tmp);
    } else if (o->f != stdout && fclose(o->f) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "%s: error: cannot write: %s\n", shown, strerror(errno));
        rc = EXIT_PROCESSING;
    }
    free(o->final);
    o->f = NULL;
    return rc;
}

static const char *extension(const char *path)
{
    const char *dot = path != NULL ? strrchr(path, '.') : NULL;
    const char *slash = path != NULL ? strrchr(path, '/') : NULL;
    return dot != NULL && (slash == NULL || dot > slash) ? dot + 1 : "";
}

/* True when path names a directory: an existing one, or one written with a final '/'. */
static bool is_dir_path(const char *path)
{
    struct stat sb;
    size_t n = path != NULL ? strlen(path) : 0;
    return n > 0 && (path[n - 1] == '/' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)));
}

/* graph --format csv: the output is a directory, an existing one or one written with a
 * final '/' (then created when missing; its parent must exist), that receives nodes.csv
 * and edges.csv; paths[0] and paths[1] get their paths
 * (caller frees). */
static int csv_open(const char *dir, char *paths[2])
{
    static const char *const names[2] = {"nodes.csv", "edges.csv"};
    struct stat sb;
    if (dir == NULL || strcmp(dir, "-") == 0 || !is_dir_path(dir)) {
        return usage_error("the graph as CSV is two files, nodes.csv and edges.csv: give -o "
                           "DIRECTORY/%s",
                           "");
    }
    if (stat(dir, &sb) != 0 && mkdir(dir, 0777) != 0) {
        fprintf(stderr, "%s: error: cannot create the directory: %s\n", dir, strerror(errno));
        return EXIT_PROCESSING;
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "%s: error: cannot write the CSV tables: Not a directory\n", dir);
        return EXIT_PROCESSING;
    }
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(dir);
        paths[i] = malloc(n + strlen(names[i]) + 2);
        if (paths[i] == NULL) {
            fprintf(stderr, "stancegraph: error: out of memory\n");
            return EXIT_PROCESSING;
        }
        sprintf(paths[i], "%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/", names[i]);
    }
    return EXIT_OK;
}

/* ---- commands ---- */

static void print_finding(const sg_lint_finding *f, void *ud)
{
    char line[1024];
    size_t *warnings = ud;
    sg_diag_format(&f->diag, line, sizeof line);
    if (!f->error) {
        /* sg_diag_format says "error"; a warning says so */
        char *e = strstr(line, ": error: ");
        if (e != NULL) {
            memmove(e + 11, e + 9, strlen(e + 9) + 1);
            memcpy(e, ": warning: ", 11);
        }
        (*warnings)++;
    }
    printf("%s\n", line);
}

/* The top-level key of a JSON lexicon ("actors" or "relations"), or "" if none. */
static void top_key(const char *buf, size_t len, char *key, size_t n)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    key[0] = '\0';
    while (i < len &&
           (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t' || buf[i] == '{')) {
        i++;
    }
    if (i < len && buf[i] == '"') {
        size_t k = 0;
        for (i++; i < len && buf[i] != '"' && k + 1 < n; i++) {
            key[k++] = buf[i];
        }
        key[k] = '\0';
    }
}

static int run_lexicon(const config *cfg, char **files, size_t n_files)
{
    lex_buf *bufs = calloc(n_files + 1, sizeof *bufs);
    sg_lexicon *lex = NULL;
    int rc = EXIT_OK;
    if (bufs == NULL) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        rc = EXIT_PROCESSING;
        goto done;
    }
    for (size_t i = 0; i < n_files; i++) {
        char key[32];
        sg_diag d;
        sg_diag_init(&d);
        rc = read_all(files[i], &bufs[i].buf, &bufs[i].len, &d);
        if (rc != EXIT_OK) {
            report(&d);
            goto done;
        }
        top_key(bufs[i].buf, bufs[i].len, key, sizeof key);
        bufs[i].path = strcmp(files[i], "-") == 0 ? "<stdin>" : files[i];
        bufs[i].relations = strcmp(key, "relations") == 0; /* the loader names other keys */
    }
    rc = load_lexicon_with(cfg, bufs, n_files, &lex);
    if (rc != EXIT_OK) {
        goto done;
    }
    if (cfg->cmd == CMD_LSTATS) {
        sg_diag d;
        if (sg_lexicon_write_stats(lex, stdout, &d) != SG_OK) {
            rc = report(&d);
        }
        goto done;
    }
    size_t warnings = 0;
    size_t errors = sg_lexicon_lint(lex, print_finding, &warnings);
    printf("lexicon check: %zu actors, %zu relations, %zu errors, %zu warnings\n",
           sg_lexicon_actor_count(lex), sg_lexicon_relation_count(lex), errors, warnings);
    rc = errors > 0 ? EXIT_INPUT : EXIT_OK;
done:
    sg_lexicon_free(lex);
    for (size_t i = 0; bufs != NULL && i < n_files; i++) {
        free(bufs[i].buf);
    }
    free(bufs);
    return rc;
}

static int run_import(const config *cfg, char **files, size_t n_files)
{
    sg_import_format fmt;
    sg_import_report rep;
    outfile out;
    sg_diag d;
    if (cfg->from == NULL) {
        return usage_error("lexicon import needs --from tabari or --from petrarch%s", "");
    }
    if (strcmp(cfg->from, "tabari") == 0) {
        fmt = SG_IMPORT_TABARI;
    } else if (strcmp(cfg->from, "petrarch") == 0) {
        fmt = SG_IMPORT_PETRARCH;
    } else {
        return usage_error("unknown dictionary format '%s' (use tabari or petrarch)", cfg->from);
    }
    if (n_files == 0) {
        return usage_error("lexicon import needs dictionary files%s", "");
    }
    int rc = out_open(&out, cfg->output);
    if (rc != EXIT_OK) {
        return rc;
    }
    sg_diag_init(&d);
    if (sg_import_dictionaries(fmt, (const char *const *)files, n_files, out.f, &rep, &d) !=
        SG_OK) {
        rc = report(&d);
    } else if (rep.actors == 0 && rep.relations == 0 && rep.agents == 0) {
        fprintf(stderr, "stancegraph: error: no dictionary entry found in the input\n");
        rc = EXIT_INPUT;
    }
    sg_import_report_print(&rep, stderr);
    return out_close(&out, rc);
}

/* True (after saying so) when -o names an existing file that is also an input or a
 * lexicon (the same inode, through any name or link): writing it would destroy what is
 * being read. */
static bool output_is_input(const config *cfg, char **files, size_t n_files)
{
    struct stat out, in;
    if (cfg->output == NULL || strcmp(cfg->output, "-") == 0 || stat(cfg->output, &out) != 0 ||
        !S_ISREG(out.st_mode)) {
        return false;
    }
    for (size_t i = 0; i < n_files + cfg->n_actors + cfg->n_relations; i++) {
        const char *p = i < n_files                   ? files[i]
                        : i < n_files + cfg->n_actors ? cfg->actors[i - n_files]
                                                      : cfg->relations[i - n_files - cfg->n_actors];
        if (strcmp(p, "-") != 0 && stat(p, &in) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino) {
            fprintf(stderr,
                    "%s: error: the output is also an input ('%s'): it would be "
                    "overwritten while read\n",
                    cfg->output, p);
            return true;
        }
    }
    return false;
}

static int run(const config *cfg, char **files, size_t n_files)
{
    sg_events *ev = NULL;
    sg_lexicon *lex = NULL;
    sg_graph *g = NULL;
    sg_centrality *cent = NULL;
    outfile out;
    outfile edges_out; /* graph --format csv: edges.csv beside nodes.csv (in out) */
    char *csv_paths[2] = {NULL, NULL};
    sg_diag d;
    int rc;
    bool csv = false, partial = false;
    sg_graph_format gfmt = SG_FMT_SVG;
    sg_table_format tfmt = SG_TAB_TABLE;
    char title[512];

    sg_diag_init(&d);
    memset(&out, 0, sizeof out);
    memset(&edges_out, 0, sizeof edges_out);
    if (cfg->cmd == CMD_LCHECK || cfg->cmd == CMD_LSTATS) {
        return run_lexicon(cfg, files, n_files);
    }
    if (cfg->cmd == CMD_LIMPORT) {
        return run_import(cfg, files, n_files);
    }
    if (cfg->cmd == CMD_GRAPH) {
        const char *f = cfg->format != NULL ? cfg->format : extension(cfg->output);
        if (strcasecmp(f, "csv") == 0 || (cfg->format == NULL && is_dir_path(cfg->output))) {
            csv = true;
        } else if (strcasecmp(f, "svg") == 0 || f[0] == '\0') {
            gfmt = SG_FMT_SVG;
        } else if (strcasecmp(f, "png") == 0) {
            gfmt = SG_FMT_PNG;
        } else if (strcasecmp(f, "pdf") == 0) {
            gfmt = SG_FMT_PDF;
        } else if (strcasecmp(f, "dot") == 0 || strcasecmp(f, "gv") == 0) {
            gfmt = SG_FMT_DOT;
        } else if (strcasecmp(f, "json") == 0) {
            gfmt = SG_FMT_JSON;
        } else if (strcasecmp(f, "graphml") == 0) {
            gfmt = SG_FMT_GRAPHML;
        } else if (strcasecmp(f, "html") == 0 || strcasecmp(f, "htm") == 0) {
            gfmt = SG_FMT_HTML;
        } else {
            return usage_error(
                cfg->format != NULL
                    ? "unknown graph format '%s' (use svg, png, pdf, html, dot, json, graphml or "
                      "csv)"
                    : "cannot tell the graph format from the extension '%s' "
                      "(use --format svg, png, pdf, html, dot, json, graphml or csv)",
                f);
        }
    } else if ((cfg->cmd == CMD_SUMMARY || cfg->cmd == CMD_CENTRALITY) && cfg->format == NULL &&
               (strcasecmp(extension(cfg->output), "csv") == 0 ||
                strcasecmp(extension(cfg->output), "json") == 0)) {
        /* -o ranks.csv or -o summary.json: the format follows the extension, as for graph */
        tfmt = strcasecmp(extension(cfg->output), "csv") == 0 ? SG_TAB_CSV : SG_TAB_JSON;
    } else if ((cfg->cmd == CMD_SUMMARY || cfg->cmd == CMD_CENTRALITY) && cfg->format != NULL) {
        /* the aligned layout is "text" for the summary, "table" for centrality */
        bool summary = cfg->cmd == CMD_SUMMARY;
        if (strcmp(cfg->format, summary ? "text" : "table") == 0) {
            tfmt = SG_TAB_TABLE;
        } else if (strcmp(cfg->format, "csv") == 0) {
            tfmt = SG_TAB_CSV;
        } else if (strcmp(cfg->format, "json") == 0) {
            tfmt = SG_TAB_JSON;
        } else {
            return usage_error(summary ? "unknown summary format '%s' (use text, csv or json)"
                                       : "unknown table format '%s' (use table, csv or json)",
                               cfg->format);
        }
    } else if (cfg->cmd == CMD_EXTRACT && cfg->format != NULL) {
        return usage_error("extract writes JSON Lines; '--format %s' is not accepted", cfg->format);
    }

    if (output_is_input(cfg, files, n_files)) {
        return EXIT_INPUT;
    }
    if (csv) {
        rc = csv_open(cfg->output, csv_paths);
        if (rc == EXIT_OK) {
            rc = out_open(&out, csv_paths[0]);
        }
        if (rc == EXIT_OK) {
            rc = out_open(&edges_out, csv_paths[1]);
        }
    } else {
        rc = out_open(&out, cfg->output);
    }
    if (rc != EXIT_OK) {
        goto done;
    }
    ev = sg_events_new();
    if (ev == NULL) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        rc = EXIT_PROCESSING;
        goto done;
    }
    /* temporary and final paths, in pairs (the final ones existed before the run) */
    const char *outputs[4] = {out.tmp, out.final, edges_out.tmp, edges_out.final};
    rc = collect(cfg, files, n_files, ev, cfg->cmd == CMD_EXTRACT ? out.f : NULL,
                 out.path != NULL ? out.path : "<stdout>", &lex, &partial, outputs, 4);
    if (rc != EXIT_OK) {
        goto done;
    }
    if (cfg->cmd != CMD_EXTRACT) {
        rc = select_events(cfg, &ev, &lex);
        if (rc != EXIT_OK) {
            goto done;
        }
    }
    if (cfg->cmd == CMD_EXTRACT) {
        if (cfg->actors_too && sg_events_write_actors_jsonl(ev, out.f, &d) != SG_OK) {
            d.path = d.path != NULL ? d.path : (out.path != NULL ? out.path : "<stdout>");
            rc = report(&d);
        }
        goto done;
    }
    if (sg_graph_new(ev, &g, &d) != SG_OK) {
        rc = report(&d);
        goto done;
    }
    if (cfg->cmd == CMD_GRAPH) {
        if (cfg->title != NULL) {
            snprintf(title, sizeof title, "%s", cfg->title);
        } else {
            title[0] = '\0';
            for (size_t i = 0; i < n_files; i++) {
                const char *b = strrchr(files[i], '/');
                b = b != NULL ? b + 1 : files[i];
                size_t used = strlen(title);
                snprintf(title + used, sizeof title - used, "%s%s", i > 0 ? ", " : "", b);
            }
        }
        sg_draw_opts draw;
        sg_draw_opts_init(&draw);
        draw.title = title[0] != '\0' ? title : NULL;
        draw.layout = cfg->layout;
        draw.size_by = cfg->size_by;
        draw.top = cfg->top_set ? cfg->top : SG_DRAW_TOP_DEFAULT;
        draw.show_negated = cfg->show_negated;
        draw.color_by_bloc = cfg->color_by_bloc;
        if (csv ? sg_emit_graph_csv(g, out.f, edges_out.f, &d) != SG_OK
                : sg_emit_graph(g, gfmt, &draw, out.f, &d) != SG_OK) {
            d.path = d.path != NULL ? d.path : (out.path != NULL ? out.path : "<stdout>");
            rc = report(&d);
        }
        goto done;
    }
    size_t nn = sg_graph_node_count(g);
    cent = calloc(nn > 0 ? nn : 1, sizeof *cent);
    if (cent == NULL) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        rc = EXIT_PROCESSING;
        goto done;
    }
    if (sg_graph_centrality_some(g, cfg->metrics, cent, &d) != SG_OK) {
        rc = report(&d);
        goto done;
    }
    if (sg_graph_edge_count(g) == 0 &&
        (cfg->metrics & ((1u << SG_M_HUB) | (1u << SG_M_AUTHORITY) | (1u << SG_M_EIGENVECTOR)))) {
        fprintf(stderr, "stancegraph: note: no events between actors: eigenvector, hub and "
                        "authority scores are undefined and reported as 0\n");
    }
    if (cfg->cmd == CMD_SUMMARY) {
        rc = run_summary(cfg, g, cent, tfmt, out.f, out.path);
        goto done;
    }
    sg_table_opts to;
    sg_table_opts_init(&to);
    to.format = tfmt;
    to.sort = cfg->sort;
    to.top = cfg->top;
    to.decimals = cfg->decimals;
    to.metrics = cfg->metrics;
    if (sg_emit_centrality(g, cent, nn, &to, out.f, &d) != SG_OK) {
        d.path = d.path != NULL ? d.path : (out.path != NULL ? out.path : "<stdout>");
        rc = report(&d);
    }
done:
    rc = out_close(&edges_out, rc);
    rc = out_close(&out, rc);
    if (rc == EXIT_OK && partial) {
        rc = EXIT_PROCESSING; /* --keep-going: written, but not everything was read */
    }
    free(csv_paths[0]);
    free(csv_paths[1]);
    free(cent);
    sg_graph_free(g);
    sg_events_free(ev);
    sg_lexicon_free(lex);
    return rc;
}

/* Whether option id applies to command cmd (the options table). */
static bool accepts(enum cmd cmd, int id)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (options[i].id == id && (options[i].cmds & (1u << cmd))) {
            return true;
        }
    }
    return false;
}

static int stancegraph_main(int argc, char **argv)
{
    struct option longopts[N_OPTIONS + 1];
    config cfg;
    int rc;

    memset(&cfg, 0, sizeof cfg);
    cfg.sort = SG_M_PAGERANK;
    cfg.decimals = -1;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg.threads = cores > 0 && cores <= 256 ? (size_t)cores : 1;
    cfg.metrics = SG_METRICS_ALL;
    cfg.size_by = (int)SG_M_PAGERANK;
    catch_signals();
    if (argc < 2) {
        print_main_help(stderr);
        return EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_main_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("stancegraph %s\n", SG_VERSION);
        return EXIT_OK;
    }
    bool found = false;
    int first_opt = 2;
    for (int c = 0; c <= CMD_SUMMARY; c++) {
        if (strcmp(argv[1], cmd_names[c]) == 0) {
            cfg.cmd = (enum cmd)c;
            found = true;
        }
    }
    if (strcmp(argv[1], "lexicon") == 0) {
        if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            print_help(stdout, CMD_LCHECK);
            print_help(stdout, CMD_LSTATS);
            print_help(stdout, CMD_LIMPORT);
            return EXIT_OK;
        }
        if (argc < 3 || (strcmp(argv[2], "check") != 0 && strcmp(argv[2], "stats") != 0 &&
                         strcmp(argv[2], "import") != 0)) {
            return usage_error("'lexicon' needs a subcommand: check, stats or import%s", "");
        }
        cfg.cmd = strcmp(argv[2], "check") == 0   ? CMD_LCHECK
                  : strcmp(argv[2], "stats") == 0 ? CMD_LSTATS
                                                  : CMD_LIMPORT;
        found = true;
        first_opt = 3;
    }
    if (!found) {
        return usage_error("unknown command '%s' (use extract, graph, centrality, summary or "
                           "lexicon)",
                           argv[1]);
    }
    cfg.actors = calloc((size_t)argc, sizeof *cfg.actors);
    cfg.relations = calloc((size_t)argc, sizeof *cfg.relations);
    size_t total = 0;
    for (int i = 0; i < argc; i++) {
        total += strlen(argv[i]) + 1; /* a --type list has at most this many items */
    }
    cfg.types = calloc(total + 1, sizeof *cfg.types);
    cfg.relation_ids = calloc(total + 1, sizeof *cfg.relation_ids);
    if (cfg.actors == NULL || cfg.relations == NULL || cfg.types == NULL ||
        cfg.relation_ids == NULL) {
        fprintf(stderr, "stancegraph: error: out of memory\n");
        free(cfg.actors);
        free(cfg.relations);
        free(cfg.types);
        free(cfg.relation_ids);
        return EXIT_PROCESSING;
    }
    size_t k = 0;
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (options[i].cmds & (1u << cfg.cmd)) {
            longopts[k].name = options[i].name;
            longopts[k].has_arg = options[i].has_arg;
            longopts[k].flag = NULL;
            longopts[k].val = options[i].id;
            k++;
        }
    }
    memset(&longopts[k], 0, sizeof longopts[k]);

    rc = -1;
    int opt;
    opterr = 0;
    optind = first_opt;
    while (rc < 0 && (opt = getopt_long(argc, argv, ":o:hj:", longopts, NULL)) != -1) {
        if ((opt == OPT_OUTPUT || opt == OPT_JOBS) && !accepts(cfg.cmd, opt)) {
            /* the short forms reach every command: refuse them where they mean nothing */
            rc = usage_error(opt == OPT_OUTPUT ? "'-o' does not apply to this command (%s)"
                                               : "'-j' does not apply to this command (%s)",
                             cmd_names[cfg.cmd]);
            break;
        }
        switch (opt) {
        case OPT_OUTPUT:
            cfg.output = optarg;
            break;
        case OPT_FORMAT:
            cfg.format = optarg;
            break;
        case OPT_DATE:
            cfg.date = optarg;
            if (!sg_date_valid(optarg)) {
                rc = usage_error("--date needs a date YYYY-MM-DD, not '%s'", optarg);
            }
            break;
        case OPT_FROM:
            cfg.from = optarg;
            break;
        case OPT_LEVEL:
            if (!sg_level_parse(optarg, &cfg.level)) {
                rc = usage_error("unknown level '%s' (use leaf, parent or root)", optarg);
            }
            break;
        case OPT_TYPE:
            if (!add_items(optarg, cfg.types, &cfg.n_types)) {
                rc = usage_error("--type needs at least one type, not '%s'", optarg);
            }
            break;
        case OPT_EXPLAIN:
            cfg.explain = true;
            break;
        case OPT_KEEP_DUPLICATES:
            cfg.keep_duplicates = true;
            break;
        case OPT_STATS:
            cfg.stats = true;
            break;
        case OPT_KEEP_GOING:
            cfg.keep_going = true;
            break;
        case OPT_ENCODING_ERRORS:
            if (strcmp(optarg, "strict") == 0) {
                cfg.enc = SG_ENC_STRICT;
            } else if (strcmp(optarg, "replace") == 0) {
                cfg.enc = SG_ENC_REPLACE;
            } else {
                rc = usage_error("--encoding-errors takes strict or replace, not '%s'", optarg);
            }
            break;
        case OPT_JOBS:
            if (!parse_count(optarg, &cfg.threads) || cfg.threads == 0 || cfg.threads > 256) {
                rc = usage_error("-j needs a number of threads from 1 to 256, not '%s'", optarg);
            }
            break;
        case OPT_QUIET:
            cfg.quiet = true;
            break;
        case OPT_TEXT_FIELD:
        case OPT_ID_FIELD:
            if (optarg[0] == '\0' || strlen(optarg) >= 64) {
                rc = usage_error("--text-field and --id-field need a key of 1 to 63 bytes, not "
                                 "'%s'",
                                 optarg);
            }
            *(opt == OPT_TEXT_FIELD ? &cfg.text_field : &cfg.id_field) = optarg;
            break;
        case OPT_ACTORS_TOO:
            cfg.actors_too = true;
            break;
        case OPT_TITLE:
            cfg.title = optarg;
            break;
        case OPT_ACTORS:
            cfg.actors[cfg.n_actors++] = optarg;
            break;
        case OPT_RELATIONS:
            cfg.relations[cfg.n_relations++] = optarg;
            break;
        case OPT_SORT:
            if (!sg_metric_parse(optarg, &cfg.sort)) {
                rc = usage_error("unknown metric '%s' for --sort", optarg);
            }
            cfg.sort_set = true;
            break;
        case OPT_METRICS:
            /* repeatable, like --type and --relation */
            if (!cfg.metrics_set) {
                cfg.metrics = 0;
                cfg.metrics_set = true;
            }
            for (char *save = NULL, *tok = next_item(optarg, &save); tok != NULL && rc < 0;
                 tok = next_item(NULL, &save)) {
                sg_metric m;
                if (!sg_metric_parse(tok, &m)) {
                    rc = usage_error("unknown metric '%s' for --metrics (see 'stancegraph "
                                     "centrality --help')",
                                     tok);
                } else {
                    if (cfg.metrics == 0) {
                        cfg.first_metric = m;
                    }
                    cfg.metrics |= 1u << m;
                }
            }
            if (rc < 0 && cfg.metrics == 0) {
                rc = usage_error("--metrics needs at least one metric%s", "");
            }
            break;
        case OPT_TOP:
            if (!parse_count(optarg, &cfg.top)) {
                rc = usage_error("--top needs a non-negative integer, not '%s'", optarg);
            }
            cfg.top_set = true;
            break;
        case OPT_MIN_COUNT:
            if (!parse_count(optarg, &cfg.min_count)) {
                rc = usage_error("--min-count needs a non-negative integer, not '%s'", optarg);
            }
            break;
        case OPT_DEPTH:
            if (!parse_count(optarg, &cfg.depth)) {
                rc = usage_error("--depth needs a non-negative integer, not '%s'", optarg);
            }
            cfg.depth_set = true;
            break;
        case OPT_DIGITS: {
            size_t v = 0;
            if (!parse_count(optarg, &v) || v > SG_DECIMALS_MAX) {
                rc = usage_error("--digits needs an integer from 0 to 17, not '%s'", optarg);
            }
            cfg.decimals = (int)v;
            break;
        }
        case OPT_EGO:
            if (cfg.ego != NULL) {
                rc = usage_error("--ego is given twice ('%s'); an ego network has one centre",
                                 optarg);
            }
            cfg.ego = optarg;
            break;
        case OPT_SINCE:
        case OPT_UNTIL:
            if (!sg_date_valid(optarg)) {
                rc = usage_error(opt == OPT_SINCE ? "--since needs a date YYYY-MM-DD, not '%s'"
                                                  : "--until needs a date YYYY-MM-DD, not '%s'",
                                 optarg);
            }
            *(opt == OPT_SINCE ? &cfg.since : &cfg.until) = optarg;
            break;
        case OPT_RELATION:
            if (!add_items(optarg, cfg.relation_ids, &cfg.n_relation_ids)) {
                rc = usage_error("--relation needs at least one relation id, not '%s'", optarg);
            }
            break;
        case OPT_LAYOUT:
            /* case-insensitive, as --format */
            for (char *p = optarg; *p != '\0'; p++) {
                *p = (char)tolower((unsigned char)*p);
            }
            if (!sg_draw_layout_valid(optarg)) {
                rc =
                    usage_error("unknown layout '%s' (use dot, neato, fdp, sfdp or circo)", optarg);
            }
            cfg.layout = optarg;
            break;
        case OPT_SIZE_BY: {
            sg_metric m;
            if (strcmp(optarg, "none") == 0) {
                cfg.size_by = -1;
            } else if (sg_metric_parse(optarg, &m)) {
                cfg.size_by = (int)m;
            } else {
                rc = usage_error("unknown metric '%s' for --size-by", optarg);
            }
            break;
        }
        case OPT_SHOW_NEGATED:
            cfg.show_negated = true;
            break;
        case OPT_COLOR_BY:
            if (strcasecmp(optarg, "bloc") == 0 || strcasecmp(optarg, "none") == 0) {
                cfg.color_by_bloc = strcasecmp(optarg, "bloc") == 0;
            } else {
                rc = usage_error("unknown --color-by '%s' (use bloc or none)", optarg);
            }
            break;
        case OPT_HELP:
            print_help(stdout, cfg.cmd);
            rc = EXIT_OK;
            break;
        case OPT_VERSION:
            printf("stancegraph %s\n", SG_VERSION);
            rc = EXIT_OK;
            break;
        case ':':
            rc = usage_error("option '%s' needs an argument", argv[optind - 1]);
            break;
        default:
            if (optopt > 0 && optopt < 128) {
                /* a short option, maybe inside a cluster ("-dash.txt"): argv[optind - 1]
                 * is not necessarily the word it came from */
                char shown[3] = {'-', (char)optopt, '\0'};
                rc = usage_error("unknown option '%s' (a file name starting with '-' goes "
                                 "after '--')",
                                 shown);
            } else {
                rc = usage_error("unknown option '%s'", argv[optind - 1]);
            }
            break;
        }
    }
    if (rc < 0 && cfg.cmd == CMD_CENTRALITY && (cfg.metrics & (1u << cfg.sort)) == 0) {
        if (cfg.sort_set) {
            rc = usage_error("--sort %s is not among --metrics", sg_metric_name(cfg.sort));
        } else {
            /* the default sort, pagerank, left out: sort by the first metric listed */
            cfg.sort = cfg.first_metric;
        }
    }
    if (rc < 0 && cfg.depth_set && cfg.ego == NULL) {
        rc = usage_error("--depth needs --ego ACTOR%s", "");
    }
    if (rc < 0 && cfg.since != NULL && cfg.until != NULL && strcmp(cfg.since, cfg.until) > 0) {
        rc = usage_error("--since %s is after --until", cfg.since);
    }
    if (rc < 0) {
        if (!cfg.depth_set) {
            cfg.depth = 1;
        }
        if (cfg.cmd == CMD_GRAPH && cfg.output == NULL && cfg.format == NULL) {
            cfg.format = "svg";
        }
        rc = run(&cfg, argv + optind, (size_t)(argc - optind));
    }
    free(cfg.actors);
    free(cfg.relations);
    free(cfg.types);
    free(cfg.relation_ids);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = stancegraph_main(argc, argv);
    /* whatever went to standard output (help, lexicon reports, tables) was written, or
     * the run fails: `stancegraph --help > /dev/full` is an error too */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (rc == EXIT_OK) {
            fprintf(stderr, "<stdout>: error: cannot write: %s\n",
                    errno != 0 ? strerror(errno) : "write error");
            rc = EXIT_PROCESSING;
        }
    }
    return rc;
}
