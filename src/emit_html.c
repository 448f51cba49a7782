/* Emit stage, HTML half: consumes an sg_graph, its centrality and the SVG text that
 * emit_svg.c rendered, and produces one self-contained HTML5 report (no external
 * script, style, font or image): counts, the drawing inline, a sortable centrality
 * table and the evidence of every edge grouped by ordered actor pair. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "emit.h"
#include "internal.h"

/* ---- text ---------------------------------------------------------------------------- */

/* Writes s[0..n) as HTML text or attribute value: cleaned by sg_i_text_next (invalid
 * UTF-8, C0 controls but tab/LF/CR, U+FFFE and U+FFFF become U+FFFD) and with the five
 * characters & < > " ' escaped, so the same text is safe in element content and in
 * quoted attributes. */
static void put_text_n(FILE *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&':
            fputs("&amp;", out);
            i++;
            continue;
        case '<':
            fputs("&lt;", out);
            i++;
            continue;
        case '>':
            fputs("&gt;", out);
            i++;
            continue;
        case '"':
            fputs("&quot;", out);
            i++;
            continue;
        case '\'':
            fputs("&#39;", out);
            i++;
            continue;
        default:
            break;
        }
        if (c >= 0x20 && c < 0x80) {
            fputc(c, out);
            i++;
            continue;
        }
        uint32_t cp;
        utf8proc_uint8_t u[4];
        i += sg_i_text_next(s + i, n - i, &cp);
        utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, u);
        fwrite(u, 1, (size_t)k, out);
    }
}

static void put_text(FILE *out, const char *s)
{
    if (s != NULL) {
        put_text_n(out, s, strlen(s));
    }
}

/* Writes v rounded to 6 decimals without trailing zeros ("-4.5", "3", "0"). */
static void put_short_real(FILE *out, double v)
{
    char num[64];
    sg_i_format_real(num, sizeof num, v, 6, "-");
    if (strchr(num, '.') != NULL) {
        size_t n = strlen(num);
        while (num[n - 1] == '0') {
            num[--n] = '\0';
        }
        if (num[n - 1] == '.') {
            num[n - 1] = '\0';
        }
    }
    fputs(num, out);
}

/* The evidence sentence, with the trigger marked when its byte span lies inside the
 * sentence and the sentence text is the document's bytes there (always so for events
 * extracted from text; an events file may say otherwise, then nothing is marked). */
static void put_sentence(FILE *out, const sg_event *e)
{
    const char *t = e->text != NULL ? e->text : "";
    size_t n = strlen(t);
    size_t tl = e->trigger != NULL ? strlen(e->trigger) : 0;
    bool mark = tl > 0 && e->end >= e->start && e->end - e->start == n &&
                e->trigger_start >= e->start && e->trigger_end <= e->end &&
                e->trigger_end - e->trigger_start == tl &&
                memcmp(t + (e->trigger_start - e->start), e->trigger, tl) == 0;
    if (!mark) {
        put_text_n(out, t, n);
        return;
    }
    size_t a = e->trigger_start - e->start;
    put_text_n(out, t, a);
    fputs("<mark>", out);
    put_text_n(out, t + a, tl);
    fputs("</mark>", out);
    put_text_n(out, t + a + tl, n - a - tl);
}

/* ---- the inline drawing -------------------------------------------------------------- */

/* Offset of the first occurrence of pat in s[from..n), or n. */
static size_t find(const char *s, size_t n, size_t from, const char *pat)
{
    size_t k = strlen(pat);
    for (size_t i = from; i + k <= n; i++) {
        if (memcmp(s + i, pat, k) == 0) {
            return i;
        }
    }
    return n;
}

/* True when s[i..n) starts with pat. */
static bool at(const char *s, size_t n, size_t i, const char *pat)
{
    size_t k = strlen(pat);
    return i + k <= n && memcmp(s + i, pat, k) == 0;
}

/* Offset of the <svg element in Graphviz's output, after the XML declaration, the
 * DOCTYPE and comments, which have no place inside an HTML body; len when there is
 * none. */
static size_t svg_start(const char *svg, size_t len)
{
    size_t i = 0;
    for (;;) {
        while (i < len && (svg[i] == ' ' || svg[i] == '\t' || svg[i] == '\n' || svg[i] == '\r')) {
            i++;
        }
        size_t end;
        if (at(svg, len, i, "<svg") && i + 4 < len && memchr(" \t\r\n>", svg[i + 4], 5) != NULL) {
            return i;
        }
        if (at(svg, len, i, "<?")) {
            end = find(svg, len, i + 2, "?>") + 2;
        } else if (at(svg, len, i, "<!--")) {
            end = find(svg, len, i + 4, "-->") + 3;
        } else if (at(svg, len, i, "<!DOCTYPE")) {
            /* Graphviz writes no internal subset, so the declaration ends at '>' */
            end = find(svg, len, i + 9, ">") + 1;
        } else {
            return len;
        }
        if (end > len) {
            return len;
        }
        i = end;
    }
}

/* ---- the report ------------------------------------------------------------------------ */

static const char style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
    "color:#1a1a1a;background:#fff;margin:0 auto;max-width:1240px;padding:0 16px 48px}\n"
    "h1{font-size:1.6em;margin:.7em 0 .2em}h2{margin:1.4em 0 .4em}h3{margin:1em 0 .3em}\n"
    "h4{margin:.6em 0 .2em;font-size:1em}.counts{margin:0;color:#444}.counts b{color:#000}\n"
    ".hint{color:#555;margin:.2em 0 .6em}.id,code{font-family:ui-monospace,monospace;"
    "font-size:.92em}.id{color:#666}\n"
    "#sg-drawing svg{display:block;max-width:100%;max-height:88vh;width:auto;height:auto;"
    "margin:0 auto}\n"
    "#sg-drawing g.node,#sg-drawing g.edge{cursor:pointer}\n"
    "#sg-drawing.sg-dim g.node:not(.sg-on),#sg-drawing.sg-dim g.edge:not(.sg-on)"
    "{opacity:.25}\n"
    ".wide{overflow-x:auto}table{border-collapse:collapse}\n"
    "th,td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "#sg-table th{white-space:nowrap}#sg-table th button{font:inherit;font-weight:bold;"
    "border:0;background:none;padding:0;cursor:pointer;color:inherit}\n"
    "#sg-table th[aria-sort=ascending] button::after{content:' \\25B2'}\n"
    "#sg-table th[aria-sort=descending] button::after{content:' \\25BC'}\n"
    "tr.sg-on{background:#fff3c4}.pair{border-top:1px solid #bbb;margin-top:1.2em}\n"
    ".neg{color:#B2182B}.pos{color:#2166AC}.zero{color:#555}.meta{margin:0 0 .3em;color:#444}\n"
    "mark{background:#ffe08a;color:inherit}#sg-filter{background:#fff3c4;padding:4px 8px}\n"
    "#sg-errors{color:#b00000}\n";

/* The page's script. The drawing is linked to the evidence through what Graphviz
 * writes, not through its element ids: Graphviz numbers its groups "nodeN"/"edgeN" in
 * drawing order, which need not be the graph's order when the drawing leaves actors
 * out or adds edges. Instead, each <g class="node"> has a <title> child holding the
 * Graphviz node name, which emit_svg.c makes the actor id when the id is plain text and
 * "_N" (N the actor's node index, "_N_K" after a clash) otherwise; each
 * <g class="edge"> has the title "TAIL->HEAD" of two node names, split at the "->" whose
 * both sides are drawn node names. A node resolves to the table row with that
 * data-actor, else to row N; an edge to the section of its ordered actor pair,
 * id "pair-S-T" (S, T node indexes). (Ambiguous only when a plain id has the form "_N"
 * and another id is not plain, which lexicon ids never are.) Clicking sets the fragment (#pair-S-T
 * or #actor-I) and the fragment drives the view: the evidence list keeps the matching pairs, the
 * drawing dims the rest, the table marks the rows. Any other fragment shows everything. Script
 * errors are listed in #sg-errors and counted in body[data-errors]; body[data-ready="1"] says the
 * script has run to its end. The script reads its data from the document (cells, data- attributes),
 * so no text of the input is in it, and it holds no "</" or "<!--": it cannot close its element. */
static const char script_table[] =
    "(function () {\n"
    "'use strict';\n"
    "var body = document.body;\n"
    "var errors = document.getElementById('sg-errors');\n"
    "window.addEventListener('error', function (e) {\n"
    "  var li = document.createElement('li');\n"
    "  li.textContent = 'script error: ' + e.message + ' (line ' + e.lineno + ')';\n"
    "  errors.appendChild(li);\n"
    "  errors.hidden = false;\n"
    "  body.setAttribute('data-errors', String(errors.children.length));\n"
    "});\n"
    "var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };\n"
    "\n"
    "/* the centrality table: numeric columns sort descending first, text ascending;\n"
    "   missing values last; ties in row order (actor id, the graph's order) */\n"
    "var table = document.getElementById('sg-table');\n"
    "var tbody = table.tBodies[0];\n"
    "var heads = table.tHead.rows[0].cells;\n"
    "var sortCol = 0, sortDir = 'ascending';\n"
    "function key(row, c, num) {\n"
    "  var t = row.cells[c].textContent;\n"
    "  return num ? (t === '' ? NaN : Number(t)) : t;\n"
    "}\n"
    "function sortBy(c, dir) {\n"
    "  var num = heads[c].getAttribute('data-type') === 'num';\n"
    "  var rows = Array.prototype.map.call(tbody.rows, function (r) {\n"
    "    return {r: r, k: key(r, c, num), i: Number(r.getAttribute('data-i'))};\n"
    "  });\n"
    "  rows.sort(function (a, b) {\n"
    "    var d = 0;\n"
    "    if (num) {\n"
    "      var an = isNaN(a.k), bn = isNaN(b.k);\n"
    "      if (an !== bn) { return an ? 1 : -1; }\n"
    "      if (!an && a.k !== b.k) { d = a.k < b.k ? -1 : 1; }\n"
    "    } else if (a.k !== b.k) { d = a.k < b.k ? -1 : 1; }\n"
    "    if (d !== 0) { return dir === 'descending' ? -d : d; }\n"
    "    return a.i - b.i;\n"
    "  });\n"
    "  rows.forEach(function (x) { tbody.appendChild(x.r); });\n"
    "  each(heads, function (th, k) {\n"
    "    if (k === c) { th.setAttribute('aria-sort', dir); } else { "
    "th.removeAttribute('aria-sort'); }\n"
    "  });\n"
    "  sortCol = c;\n"
    "  sortDir = dir;\n"
    "}\n"
    "each(heads, function (th, c) {\n"
    "  th.querySelector('button').addEventListener('click', function () {\n"
    "    var first = th.getAttribute('data-type') === 'num' ? 'descending' : 'ascending';\n"
    "    var flip = sortDir === 'ascending' ? 'descending' : 'ascending';\n"
    "    sortBy(c, c === sortCol ? flip : first);\n"
    "  });\n"
    "});\n";

static const char script_drawing[] =
    "/* the drawing: node and edge titles to actors and pairs (see emit_html.c) */\n"
    "var drawing = document.getElementById('sg-drawing');\n"
    "var rowOf = [], byId = new Map();\n"
    "each(tbody.rows, function (r) {\n"
    "  var i = Number(r.getAttribute('data-i'));\n"
    "  rowOf[i] = r;\n"
    "  byId.set(r.getAttribute('data-actor'), i);\n"
    "});\n"
    "function titleOf(g) {\n"
    "  for (var c = g.firstElementChild; c; c = c.nextElementSibling) {\n"
    "    if (c.localName === 'title') { return c.textContent; }\n"
    "  }\n"
    "  return null;\n"
    "}\n"
    "function go(h) {\n"
    "  if (location.hash === '#' + h) { apply(true); } else { location.hash = h; }\n"
    "}\n"
    "var nodeActor = new Map(), drawnNodes = [], drawnEdges = [];\n"
    "each(drawing.querySelectorAll('g.node'), function (g) {\n"
    "  var name = titleOf(g);\n"
    "  var i = byId.get(name);\n"
    "  var m = /^_(\\d+)(?:_\\d+)?$/.exec(name || '');\n"
    "  if (i === undefined && m && rowOf[Number(m[1])]) { i = Number(m[1]); }\n"
    "  if (i === undefined) { return; }\n"
    "  nodeActor.set(name, i);\n"
    "  drawnNodes.push({g: g, i: i});\n"
    "  g.addEventListener('click', function () { go('actor-' + i); });\n"
    "});\n"
    "each(drawing.querySelectorAll('g.edge'), function (g) {\n"
    "  var t = titleOf(g) || '';\n"
    "  for (var k = t.indexOf('->'); k >= 0; k = t.indexOf('->', k + 1)) {\n"
    "    var s = nodeActor.get(t.slice(0, k)), d = nodeActor.get(t.slice(k + 2));\n"
    "    if (s !== undefined && d !== undefined) {\n"
    "      var id = 'pair-' + s + '-' + d;\n"
    "      if (!document.getElementById(id)) { return; }\n"
    "      drawnEdges.push({g: g, s: s, t: d});\n"
    "      g.addEventListener('click', function () { go(id); });\n"
    "      return;\n"
    "    }\n"
    "  }\n"
    "});\n";

static const char script_view[] =
    "/* the fragment drives the view */\n"
    "var pairs = document.querySelectorAll('#evidence section.pair');\n"
    "var filter = document.getElementById('sg-filter');\n"
    "function actorName(i) {\n"
    "  var r = rowOf[i];\n"
    "  return r.cells[1].textContent + ' (' + r.cells[0].textContent + ')';\n"
    "}\n"
    "function apply(scroll) {\n"
    "  var h = location.hash.slice(1), s = -1, t = -1, a = -1, shown = 0;\n"
    "  var m = /^pair-(\\d+)-(\\d+)$/.exec(h);\n"
    "  if (m && rowOf[Number(m[1])] && rowOf[Number(m[2])]) { s = Number(m[1]); "
    "t = Number(m[2]); }\n"
    "  m = /^actor-(\\d+)$/.exec(h);\n"
    "  if (m && rowOf[Number(m[1])]) { a = Number(m[1]); }\n"
    "  var on = s >= 0 || a >= 0;\n"
    "  each(pairs, function (p) {\n"
    "    var ps = Number(p.getAttribute('data-s')), pt = Number(p.getAttribute('data-t'));\n"
    "    var hit = s >= 0 ? ps === s && pt === t : a < 0 || ps === a || pt === a;\n"
    "    p.hidden = !hit;\n"
    "    shown += hit ? 1 : 0;\n"
    "  });\n"
    "  var near = new Set([a, s, t]);\n"
    "  drawnEdges.forEach(function (e) {\n"
    "    var hit = s >= 0 ? e.s === s && e.t === t : e.s === a || e.t === a;\n"
    "    e.g.classList.toggle('sg-on', hit);\n"
    "    if (hit) { near.add(e.s); near.add(e.t); }\n"
    "  });\n"
    "  drawnNodes.forEach(function (n) { n.g.classList.toggle('sg-on', near.has(n.i)); });\n"
    "  drawing.classList.toggle('sg-dim', on);\n"
    "  rowOf.forEach(function (r, i) {\n"
    "    r.classList.toggle('sg-on', i === a || i === s || i === t);\n"
    "  });\n"
    "  filter.hidden = !on;\n"
    "  if (s >= 0) {\n"
    "    filter.firstChild.textContent = 'Evidence of ' + actorName(s) + ' \\u2192 ' + "
    "actorName(t) + '.';\n"
    "  } else if (a >= 0) {\n"
    "    filter.firstChild.textContent = 'Evidence of ' + actorName(a) + ': ' + shown +\n"
    "      (shown === 1 ? ' actor pair.' : ' actor pairs.');\n"
    "  }\n"
    "  if (on && scroll) {\n"
    "    (shown > 0 ? document.getElementById('evidence') : rowOf[a]).scrollIntoView();\n"
    "  }\n"
    "}\n"
    "window.addEventListener('hashchange', function () { apply(true); });\n"
    "apply(location.hash !== '');\n"
    "body.setAttribute('data-ready', '1');\n"
    "})();\n";

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Number of distinct documents among the events; SIZE_MAX when out of memory. */
static size_t count_documents(const sg_events *ev)
{
    size_t n = sg_events_count(ev);
    size_t distinct = 0;
    if (n == 0) {
        return 0;
    }
    const char **docs = malloc(n * sizeof *docs);
    if (docs == NULL) {
        return SIZE_MAX;
    }
    for (size_t i = 0; i < n; i++) {
        const char *d = sg_events_get(ev, i)->doc;
        docs[i] = d != NULL ? d : "";
    }
    qsort(docs, n, sizeof *docs, cmp_str);
    for (size_t i = 0; i < n; i++) {
        distinct += i == 0 || strcmp(docs[i - 1], docs[i]) != 0;
    }
    free(docs);
    return distinct;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void put_counts(FILE *out, const sg_graph *g, size_t docs)
{
    size_t nodes = sg_graph_node_count(g);
    size_t edges = sg_graph_edge_count(g);
    size_t drawn = 0;
    size_t coded = sg_events_count(sg_graph_events(g));
    for (size_t i = 0; i < edges; i++) {
        drawn += sg_graph_edge_get(g, i)->count;
    }
    fprintf(out,
            "<p class=\"counts\"><b id=\"sg-n-actors\">%zu</b> %s, <b id=\"sg-n-edges\">%zu</b> "
            "%s, <b id=\"sg-n-events\">%zu</b> %s",
            nodes, plural(nodes, "actor", "actors"), edges,
            plural(edges, "relation (edge)", "relations (edges)"), drawn,
            plural(drawn, "event", "events"));
    if (coded != drawn) {
        fprintf(out,
                " (of %zu coded: negated ones and those without a target actor are not in "
                "the graph)",
                coded);
    }
    fprintf(out, ", <b id=\"sg-n-docs\">%zu</b> %s</p>\n", docs,
            plural(docs, "document", "documents"));
}

static void put_table(FILE *out, const sg_graph *g, const sg_centrality *cent)
{
    char num[64];
    fputs("<section id=\"centrality\">\n<h2>Centrality</h2>\n<p class=\"hint\">Click a column "
          "heading to sort by it; ties keep actor id order. Definitions: README, section "
          "&#8220;The graph and its centralities&#8221;.</p>\n"
          "<div class=\"wide\"><table id=\"sg-table\">\n<thead><tr>"
          "<th data-type=\"text\" aria-sort=\"ascending\"><button type=\"button\">id</button></th>"
          "<th data-type=\"text\"><button type=\"button\">name</button></th>"
          "<th data-type=\"text\"><button type=\"button\">type</button></th>"
          "<th data-type=\"num\"><button type=\"button\">mentions</button></th>",
          out);
    for (int m = 0; m < SG_M_COUNT; m++) {
        fprintf(out, "<th data-type=\"num\"><button type=\"button\">%s</button></th>",
                sg_metric_name((sg_metric)m));
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < sg_graph_node_count(g); i++) {
        const sg_node *nd = sg_graph_node_get(g, i);
        fprintf(out, "<tr id=\"row-%zu\" data-i=\"%zu\" data-actor=\"", i, i);
        put_text(out, nd->id);
        fprintf(out, "\"><td class=\"id\"><a href=\"#actor-%zu\">", i);
        put_text(out, nd->id);
        fputs("</a></td><td>", out);
        put_text(out, nd->name);
        fputs("</td><td>", out);
        put_text(out, nd->type);
        fprintf(out, "</td><td class=\"n\">%zu</td>", nd->mentions);
        for (int m = 0; m < SG_M_COUNT; m++) {
            sg_i_format_real(num, sizeof num, sg_centrality_value(&cent[i], (sg_metric)m),
                             sg_i_metric_is_count((sg_metric)m) ? 0 : 6, "-");
            fprintf(out, "<td class=\"n\">%s</td>", num);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n</section>\n", out);
}

static void put_actor_link(FILE *out, const sg_graph *g, size_t i)
{
    const sg_node *nd = sg_graph_node_get(g, i);
    fprintf(out, "<a href=\"#actor-%zu\">", i);
    put_text(out, nd->name);
    fputs("</a> <span class=\"id\">", out);
    put_text(out, nd->id);
    fputs("</span>", out);
}

static void put_edge(FILE *out, const sg_graph *g, size_t k)
{
    const sg_edge *ed = sg_graph_edge_get(g, k);
    const sg_events *ev = sg_graph_events(g);
    const char *sign = ed->goldstein_sum < 0.0 ? "neg" : ed->goldstein_sum > 0.0 ? "pos" : "zero";
    fprintf(out, "<div class=\"rel\" id=\"edge-%zu\">\n<h4 class=\"%s\">", k, sign);
    put_text(out, ed->label);
    fputs("</h4>\n<p class=\"meta\">relation <code>", out);
    put_text(out, ed->relation);
    fputs("</code>, CAMEO <code>", out);
    put_text(out, ed->cameo);
    fprintf(out, "</code>, <span class=\"count\">%zu</span> %s, Goldstein sum <span class=\"gs\">",
            ed->count, plural(ed->count, "event", "events"));
    put_short_real(out, ed->goldstein_sum);
    fputs("</span></p>\n<div class=\"wide\"><table class=\"ev\">\n<thead><tr><th>document</th>"
          "<th title=\"0-based, as in extract's output\">sentence</th>"
          "<th title=\"byte offsets of the sentence in the document, end exclusive\">bytes</th>"
          "<th>evidence</th></tr></thead>\n<tbody>\n",
          out);
    for (size_t i = 0; i < ed->count; i++) {
        const sg_event *e = sg_events_get(ev, ed->evidence[i]);
        fputs("<tr><td class=\"doc\">", out);
        put_text(out, e->doc);
        fprintf(out,
                "</td><td class=\"n\">%zu</td><td class=\"n\">%zu&#8211;%zu</td>"
                "<td class=\"text\">",
                e->sentence, e->start, e->end);
        put_sentence(out, e);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n</div>\n", out);
}

static void put_evidence(FILE *out, const sg_graph *g)
{
    size_t m = sg_graph_edge_count(g);
    fputs("<section id=\"evidence\">\n<h2>Evidence</h2>\n<p id=\"sg-filter\" hidden><span></span> "
          "<a href=\"#evidence\">Show all</a></p>\n",
          out);
    if (m == 0) {
        fputs("<p>No edges: no event has both a source and a target actor.</p>\n", out);
    }
    /* edges are ordered by (source id, target id, relation id): a pair's edges are
     * consecutive */
    for (size_t k = 0; k < m;) {
        const sg_edge *first = sg_graph_edge_get(g, k);
        size_t s = first->source;
        size_t t = first->target;
        fprintf(out,
                "<section class=\"pair\" id=\"pair-%zu-%zu\" data-s=\"%zu\" data-t=\"%zu\" "
                "data-source=\"",
                s, t, s, t);
        put_text(out, sg_graph_node_get(g, s)->id);
        fputs("\" data-target=\"", out);
        put_text(out, sg_graph_node_get(g, t)->id);
        fputs("\">\n<h3>", out);
        put_actor_link(out, g, s);
        fputs(" &#8594; ", out);
        put_actor_link(out, g, t);
        fputs("</h3>\n", out);
        for (;
             k < m && sg_graph_edge_get(g, k)->source == s && sg_graph_edge_get(g, k)->target == t;
             k++) {
            put_edge(out, g, k);
        }
        fputs("</section>\n", out);
    }
    fputs("</section>\n", out);
}

sg_status sg_i_emit_html(const sg_graph *g, const char *svg, size_t svg_len, const char *title,
                         const sg_centrality *cent, FILE *out, sg_diag *diag)
{
    size_t start = svg_start(svg, svg_len);
    if (start == svg_len) {
        return sg_i_diag(diag, SG_ERR_BACKEND, NULL, NULL, 0, 0,
                         "the rendered SVG has no <svg> element");
    }
    size_t docs = count_documents(sg_graph_events(g));
    if (docs == SIZE_MAX) {
        return sg_i_diag(diag, SG_ERR_NOMEM, NULL, NULL, 0, 0, "out of memory writing HTML");
    }
    if (title == NULL || title[0] == '\0') {
        title = "stancegraph report";
    }

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"stancegraph\">\n<title>",
          out);
    put_text(out, title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", style);
    put_text(out, title);
    fputs("</h1>\n", out);
    put_counts(out, g, docs);
    fputs("<ul id=\"sg-errors\" hidden></ul>\n</header>\n<main>\n"
          "<section id=\"drawing\">\n<h2>Graph</h2>\n<p class=\"hint\">Click an edge or an "
          "actor in the drawing for its evidence.</p>\n<div id=\"sg-drawing\">\n",
          out);
    fwrite(svg + start, 1, svg_len - start, out);
    if (svg_len > start && svg[svg_len - 1] != '\n') {
        fputc('\n', out);
    }
    fputs("</div>\n</section>\n", out);
    put_table(out, g, cent);
    put_evidence(out, g);
    /* three parts: ISO C compilers need not take string literals over 4095 bytes */
    fprintf(out, "</main>\n<script>\n%s%s%s</script>\n</body>\n</html>\n", script_table,
            script_drawing, script_view);

    if (fflush(out) != 0 || ferror(out)) {
        return sg_i_diag(diag, SG_ERR_IO, NULL, NULL, 0, 0, "cannot write the HTML report");
    }
    return SG_OK;
}
