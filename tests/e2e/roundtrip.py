#!/usr/bin/env python3
"""Reads an export of `stancegraph graph` back with a reader independent of ours and
compares it with the node-link JSON of the same graph.
  roundtrip.py graphml GRAPH.graphml GRAPH.json: with Python's xml module and, when
    installed, NetworkX (the JSON's node "id" is the GraphML node attribute "actor");
  roundtrip.py csv DIR GRAPH.json: DIR/nodes.csv and DIR/edges.csv with the csv module;
  roundtrip.py json GRAPH.json GRAPH.json: Python's json module; each evidence text must
    equal the bytes start..end of its document;
  roundtrip.py svg GRAPH.svg GRAPH.json: node and edge labels (<text>, one element per
    line) and tooltips (xlink:title) with Python's xml module;
  roundtrip.py dot GRAPH.dot GRAPH.json: read by Graphviz's dot program: labels from
    `dot -Tjson` (the text drawn), tooltips from `dot -Tsvg`.
With --lexicon FILE (repeatable; actors and relations lexicons) every actor name and
relation label must read back as the lexicon writes it, after the format's documented
cleaning, and every actor and relation of these lexicons must occur in the graph, so
that the input cannot stop exercising them unnoticed.

Documented cleaning: GraphML writes what XML 1.0 cannot carry (C0 controls but tab,
newline and CR, U+FFFE, U+FFFF) as U+FFFD and an XML reader returns a CR as a newline
(sg_emit.h); SVG and DOT labels and tooltips show tab, newline and CR as a space and the
other C0 controls, DEL, U+FFFE and U+FFFF as U+FFFD; names longer than 20 code points
are drawn on two lines, broken at the space nearest the middle (src/emit_svg.c); JSON
and CSV carry every string unchanged.

Exit status 0 when everything agrees; 3 when the only differences are the known
deviations listed in KNOWN (each printed); otherwise 1 and the first difference."""
import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
NODE_STR = ("name", "type")
EDGE_STR = ("relation", "label", "cameo")
EDGE_NUM = ("count", "goldstein_sum", "goldstein_mean")
WRAP_AT = 20  # code points; longer names are drawn on two lines (src/emit_svg.c)
TIP_EVIDENCE = 3  # evidence sentences in an edge tooltip
TIP_TEXT_MAX = 160  # code points of one evidence sentence in a tooltip


# characters XML 1.0 cannot carry; the GraphML writer turns them into U+FFFD (sg_emit.h)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_clean(v):
    """A string as an XML reader returns it from our GraphML: U+FFFD for what XML 1.0
    cannot carry, and a CR (alone or before a newline) read as a newline."""
    if isinstance(v, str):
        return NOT_XML.sub("\ufffd", v).replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(v, list):
        return [xml_clean(x) for x in v]
    if isinstance(v, dict):
        return {k: xml_clean(x) for k, x in v.items()}
    return v


def drawn(s):
    """A string as the SVG and DOT writers show it: white-space controls as a space,
    other controls, DEL, U+FFFE and U+FFFF as U+FFFD."""
    s = re.sub("[\t\n\r]", " ", s)
    return re.sub("[\x00-\x1f\x7f\ufffe\uffff]", "\ufffd", s)


def wrapped(name):
    """The lines of a node label: one, or two when the name is longer than WRAP_AT code
    points and has an inner space, broken at the space nearest the middle (the first
    of two equally near)."""
    total = len(name)
    best = None
    if total > WRAP_AT:
        for i, c in enumerate(name):
            if c == " " and 0 < i < total - 1:
                if best is None or abs(i - total // 2) < abs(best - total // 2):
                    best = i
    if best is None:
        return [drawn(name)]
    return [drawn(name[:best]), drawn(name[best + 1:])]


def graphviz_spaces(s):
    """Graphviz's SVG writer puts U+00A0 for each space that follows a space."""
    return re.sub("(?<= ) ", "\u00a0", s)


# Differences that are known and reported rather than failed: (name, test on the
# expected and actual strings, explanation). Each is a bug to fix where it is named.
KNOWN = []

known_seen = {}


def fail(msg):
    print("round trip: " + msg)
    sys.exit(1)


def excerpt(got, want):
    """got and want around their first difference."""
    i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    lo = max(0, i - 20)

    def cut(s):
        return ("..." if lo > 0 else "") + repr(s[lo:i + 20])[1:-1] + ("..." if len(s) > i + 20 else "")

    return "%s, want %s" % (cut(got), cut(want))


def same(label, what, got, want, known=()):
    """Fails unless got == want or the difference is one of the allowed known ones."""
    if got == want:
        return
    for name, test, why in KNOWN:
        if name in known and test(want, got):
            known_seen.setdefault(name, (why, []))[1].append("%s: %s" % (what, excerpt(got, want)))
            return
    fail("%s: %s is %r, want %r" % (label, what, got, want))


# ---- expected names -------------------------------------------------------------------

def read_lexicons(paths):
    """{actor id: (name, type)} and {relation id: label} from lexicon files."""
    actors, relations = {}, {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            lex = json.load(f)
        for a in lex.get("actors", []):
            actors[a["id"]] = a.get("name", a["id"])
        for r in lex.get("relations", []):
            relations[r["id"]] = r["label"]
    return actors, relations


def check_coverage(want, actors, relations):
    """Every lexicon entry occurs in the graph, and every graph entry is in a lexicon."""
    ids = {n["id"] for n in want["nodes"]}
    rels = {e["relation"] for e in want["edges"]}
    for kind, have, lex in (("actor", ids, actors), ("relation", rels, relations)):
        if not lex:
            continue
        if have - lex.keys():
            fail("%s %r is in no lexicon given" % (kind, sorted(have - lex.keys())[0]))
        if lex.keys() - have:
            fail("%s %r of the lexicon is not in the graph: the input no longer exercises it"
                 % (kind, sorted(lex.keys() - have)[0]))


def expected(want, actors, relations):
    """(node names by id, edge labels by relation): the lexicon's text when given,
    else the JSON's."""
    names = {n["id"]: actors.get(n["id"], n["name"]) if actors else n["name"] for n in want["nodes"]}
    labels = {e["relation"]: relations.get(e["relation"], e["label"]) if relations else e["label"]
              for e in want["edges"]}
    return names, labels


def check_names(label, nodes, edges, want, names, labels, clean):
    """nodes: {key: attrs with actor and name}; edges: [(s, t, attrs with label)]."""
    for a in nodes.values():
        same(label, "name of %r" % a["actor"], a["name"], clean(names[a["actor"]]))
    for s, t, a in edges:
        same(label, "label of %s->%s" % (nodes[s]["actor"], nodes[t]["actor"]), a["label"],
             clean(labels[a["relation"]]))


# ---- GraphML and CSV against the JSON ------------------------------------------------

def read_xml(path):
    root = ET.parse(path).getroot()
    keys = {k.get("id"): (k.get("attr.name"), k.get("attr.type")) for k in root.findall("g:key", NS)}
    graph = root.find("g:graph", NS)
    if graph.get("edgedefault") != "directed":
        fail("the graph is not directed")

    def attrs(el):
        out = {}
        for d in el.findall("g:data", NS):
            name, typ = keys[d.get("key")]
            text = d.text or ""
            out[name] = float(text) if typ == "double" else text
        return out

    nodes = {n.get("id"): attrs(n) for n in graph.findall("g:node", NS)}
    edges = [(e.get("source"), e.get("target"), attrs(e)) for e in graph.findall("g:edge", NS)]
    return nodes, edges


def compare(label, nodes, edges, want):
    if len(nodes) != len(want["nodes"]) or len(edges) != len(want["edges"]):
        fail("%s: %d nodes and %d edges, want %d and %d" % (
            label, len(nodes), len(edges), len(want["nodes"]), len(want["edges"])))
    by_id = {}
    for key, a in nodes.items():
        by_id[a["actor"]] = key
    for wn in want["nodes"]:
        a = nodes.get(by_id.get(wn["id"]))
        if a is None:
            fail("%s: node %r missing" % (label, wn["id"]))
        for k in NODE_STR:
            if a[k] != wn[k]:
                fail("%s: node %r attribute %s is %r, want %r" % (label, wn["id"], k, a[k], wn[k]))
        if a["mentions"] != wn["mentions"]:
            fail("%s: node %r mentions %r, want %r" % (label, wn["id"], a["mentions"], wn["mentions"]))
        for k in ("in_degree", "out_degree", "degree", "in_strength", "out_strength", "signed_in",
                  "signed_out", "betweenness",
                  "harmonic", "pagerank", "hub", "authority", "eigenvector"):
            if not isinstance(a.get(k), float):
                fail("%s: node %r has no numeric %s" % (label, wn["id"], k))
    for (s, t, a), we in zip(edges, want["edges"]):
        if (nodes[s]["actor"], nodes[t]["actor"]) != (we["source"], we["target"]):
            fail("%s: edge %s->%s, want %s->%s" % (label, nodes[s]["actor"], nodes[t]["actor"],
                                                   we["source"], we["target"]))
        for k in EDGE_STR + EDGE_NUM:
            if a[k] != we[k]:
                fail("%s: edge attribute %s is %r, want %r" % (label, k, a[k], we[k]))
        if json.loads(a["evidence"]) != we["evidence"]:
            fail("%s: evidence differs on %s->%s" % (label, we["source"], we["target"]))


def read_csv(directory):
    with open(os.path.join(directory, "nodes.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    nodes = {}
    for r in rows:
        a = {"actor": r["id"], "name": r["name"], "type": r["type"],
             "mentions": float(r["mentions"])}
        for k in ("in_degree", "out_degree", "degree", "in_strength", "out_strength", "signed_in",
                  "signed_out", "betweenness",
                  "harmonic", "pagerank", "hub", "authority", "eigenvector"):
            a[k] = float(r[k])
        nodes[r["id"]] = a
    with open(os.path.join(directory, "edges.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    edges = []
    for r in rows:
        a = {k: r[k] for k in EDGE_STR + ("evidence",)}
        a["count"] = int(r["count"])
        a["goldstein_sum"] = float(r["goldstein_sum"])
        a["goldstein_mean"] = float(r["goldstein_mean"])
        edges.append((r["source"], r["target"], a))
    return nodes, edges


def check_graphml(path, want, names, labels):
    nodes, edges = read_xml(path)
    compare("xml", nodes, edges, xml_clean(want))
    check_names("xml", nodes, edges, want, names, labels, xml_clean)
    try:
        import networkx as nx
    except ImportError:
        print("round trip: xml agrees; networkx not installed")
        return
    g = nx.read_graphml(path, force_multigraph=True)
    if not g.is_directed():
        fail("networkx: the graph is not directed")
    nx_nodes = {k: dict(v) for k, v in g.nodes(data=True)}
    # edges come in (source id, target id, relation) order, as in the JSON; NetworkX groups
    # parallel edges by endpoints, so put them back in that order
    nx_edges = sorted(((s, t, dict(a)) for s, t, a in g.edges(data=True)),
                      key=lambda e: (nx_nodes[e[0]]["actor"], nx_nodes[e[1]]["actor"], e[2]["relation"]))
    compare("networkx", nx_nodes, nx_edges, xml_clean(want))
    check_names("networkx", nx_nodes, nx_edges, want, names, labels, xml_clean)
    print("round trip: xml and networkx agree (%d nodes, %d edges)" % (len(nodes), len(edges)))


def check_csv(directory, want, names, labels):
    nodes, edges = read_csv(directory)
    compare("csv", nodes, edges, want)
    check_names("csv", nodes, edges, want, names, labels, lambda s: s)
    print("round trip: csv agrees (%d nodes, %d edges)" % (len(nodes), len(edges)))


def check_json(path, want, names, labels):
    """path is read again on its own; evidence is checked against the documents."""
    with open(path, encoding="utf-8") as f:
        got = json.load(f)
    nodes = {n["id"]: {"actor": n["id"], "name": n["name"]} for n in got["nodes"]}
    edges = [(e["source"], e["target"], e) for e in got["edges"]]
    check_names("json", nodes, edges, want, names, labels, lambda s: s)
    docs = {}
    for e in got["edges"]:
        for ev in e["evidence"]:
            if ev["doc"] not in docs:
                with open(ev["doc"], "rb") as f:
                    docs[ev["doc"]] = f.read()
            text = docs[ev["doc"]][ev["start"]:ev["end"]].decode("utf-8")
            same("json", "evidence text of %s #%d" % (ev["doc"], ev["sentence"]), ev["text"], text)
            if ev["trigger"] not in ev["text"]:
                fail("json: trigger %r is not in its sentence %r" % (ev["trigger"], ev["text"]))
    print("round trip: json agrees (%d nodes, %d edges)" % (len(nodes), len(edges)))


# ---- drawings: SVG and DOT ---------------------------------------------------------------

def read_svg(data):
    """({title: (label lines, tooltips)} for nodes, [(tail, head, lines, tooltips)])."""
    root = ET.fromstring(data)
    nodes, edges = {}, []
    for g in root.iter(SVG + "g"):
        if g.get("class") not in ("node", "edge"):
            continue
        title = g.find(SVG + "title").text
        lines = [t.text or "" for t in g.iter(SVG + "text")]
        tips = [a.get(XLINK_TITLE) for a in g.iter(SVG + "a") if a.get(XLINK_TITLE) is not None]
        if g.get("class") == "node":
            nodes[title] = (lines, tips)
        else:
            tail, head = title.split("->")
            edges.append((tail, head, lines, tips))
    return nodes, edges


def read_dot(path):
    """Labels as Graphviz draws them (dot -Tjson text operations), tooltips as its SVG
    writer decodes them (dot -Tsvg)."""
    def run(fmt):
        r = subprocess.run(["dot", "-T" + fmt, path], capture_output=True)
        if r.returncode != 0:
            fail("dot -T%s failed: %s" % (fmt, r.stderr.decode(errors="replace")))
        return r.stdout

    layout = json.loads(run("json"))
    objects = layout.get("objects", [])

    def texts(o):
        return [op["text"] for op in o.get("_ldraw_", []) if op["op"] == "T"]

    svg_nodes, svg_edges = read_svg(run("svg"))
    nodes = {o["name"]: (texts(o), svg_nodes.get(o["name"], ([], []))[1]) for o in objects}
    # parallel edges between two nodes are told apart by their labels, which the SVG
    # shows with its own spaces
    tips = {}
    for t, h, lines, tip in svg_edges:
        tips.setdefault((t, h, tuple(lines)), []).append(tip)
    edges = []
    for e in layout.get("edges", []):
        t, h, lines = objects[e["tail"]]["name"], objects[e["head"]]["name"], texts(e)
        bucket = tips.get((t, h, tuple(graphviz_spaces(x) for x in lines)), [])
        edges.append((t, h, lines, bucket.pop(0) if bucket else []))
    return nodes, edges


def node_tooltip(name, typ, mentions):
    kind = " (%s)" % drawn(typ) if typ else ""
    return "%s%s, %d mention%s" % (drawn(name), kind, mentions, "" if mentions == 1 else "s")


def edge_lines(group, labels):
    """The label of a drawn edge: one line per relation of the pair, with its count."""
    return [drawn(labels[e["relation"]]) + (" \u00d7%d" % e["count"] if e["count"] > 1 else "")
            for e in group]


def edge_tooltip(group, names, labels):
    """The tooltip of the drawn edge of one actor pair (src/emit_svg.c, tip_pair)."""
    count = sum(e["count"] for e in group)
    mean = sum(e["goldstein_sum"] for e in group) / count
    tip = "%s \u2192 %s: %d event%s, mean Goldstein %+.1f" % (
        drawn(names[group[0]["source"]]), drawn(names[group[0]["target"]]), count,
        "" if count == 1 else "s", mean)
    for e in group:
        tip += "\n%s \u00d7%d, CAMEO %s, Goldstein %+.1f" % (
            drawn(labels[e["relation"]]), e["count"], drawn(e["cameo"]), e["goldstein_sum"])
        for ev in e["evidence"][:TIP_EVIDENCE]:
            text = ev["text"]
            if len(text) > TIP_TEXT_MAX:
                text = text[:TIP_TEXT_MAX] + "\u2026"
            tip += "\n\u2022 [%s #%d] %s" % (drawn(ev["doc"]), ev["sentence"], drawn(text))
        if e["count"] > TIP_EVIDENCE:
            tip += "\n\u2022 (and %d more)" % (e["count"] - TIP_EVIDENCE)
    return tip


def check_drawing(label, nodes, edges, want, names, labels, svg_lines, svg_tips):
    """nodes: {node name in the drawing: (label lines, tooltips)}; edges: [(tail, head,
    label lines, tooltips)]. The drawing (all actors drawn: fewer than --top's 40) has
    the actors with at least one edge, named by actor id or "_<index>" when the id is
    not plain text, and one edge per ordered actor pair. svg_lines/svg_tips: whether
    labels/tooltips went through Graphviz's SVG writer, which shows every space after a
    space as U+00A0 so that SVG viewers keep the run (documented in sg_emit.h)."""
    def fix_lines(x):
        return graphviz_spaces(x) if svg_lines else x

    def fix_tip(x):
        return graphviz_spaces(x) if svg_tips else x

    ids = [n["id"] for n in want["nodes"]]
    linked = {e["source"] for e in want["edges"]} | {e["target"] for e in want["edges"]}
    actor_of = {}
    for key in nodes:
        if key in ids:
            actor_of[key] = key
        elif re.fullmatch(r"_\d+(_\d+)?", key) and int(key[1:].split("_")[0]) < len(ids):
            actor_of[key] = ids[int(key[1:].split("_")[0])]
        else:
            fail("%s: node %r is not in the graph" % (label, key))
    groups = {}
    for e in want["edges"]:
        groups.setdefault((e["source"], e["target"]), []).append(e)
    if set(actor_of.values()) != linked or len(nodes) != len(linked) or len(edges) != len(groups):
        fail("%s: %d nodes and %d edges, want %d and %d" % (
            label, len(nodes), len(edges), len(linked), len(groups)))
    by_id = {n["id"]: n for n in want["nodes"]}
    for key, (lines, tips) in nodes.items():
        n = by_id[actor_of[key]]
        what = "node %r" % n["id"]
        exp_lines = [fix_lines(x) for x in wrapped(names[n["id"]])]
        if lines != exp_lines:
            fail("%s: %s label has lines %r, want %r" % (label, what, lines, exp_lines))
        if not tips:
            fail("%s: %s has no tooltip" % (label, what))
        for tip in tips:
            same(label, what + " tooltip", tip,
                 fix_tip(node_tooltip(names[n["id"]], n["type"], n["mentions"])))
    seen = set()
    for tail, head, lines, tips in edges:
        pair = (actor_of.get(tail), actor_of.get(head))
        if pair not in groups or pair in seen:
            fail("%s: edge %s->%s is not in the graph (or drawn twice)" % (label, tail, head))
        seen.add(pair)
        group = groups[pair]
        what = "edge %s->%s" % pair
        exp_lines = [fix_lines(x) for x in edge_lines(group, labels)]
        if lines != exp_lines:
            fail("%s: %s label has lines %r, want %r" % (label, what, lines, exp_lines))
        if not tips:
            fail("%s: %s has no tooltip" % (label, what))
        for tip in tips:
            same(label, what + " tooltip", tip, fix_tip(edge_tooltip(group, names, labels)))


# ---- main --------------------------------------------------------------------------------

def main():
    args = sys.argv[1:]
    lexicons = []
    while "--lexicon" in args:
        i = args.index("--lexicon")
        if i + 1 >= len(args):
            fail("--lexicon needs a file")
        lexicons.append(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3 or args[0] not in ("graphml", "csv", "json", "svg", "dot"):
        fail("usage: roundtrip.py graphml|csv|json|svg|dot EXPORT GRAPH.json [--lexicon FILE]...")
    fmt, export, graph = args
    with open(graph, encoding="utf-8") as f:
        want = json.load(f)
    actors, relations = read_lexicons(lexicons)
    check_coverage(want, actors, relations)
    names, labels = expected(want, actors, relations)
    if fmt == "csv":
        check_csv(export, want, names, labels)
    elif fmt == "graphml":
        check_graphml(export, want, names, labels)
    elif fmt == "json":
        check_json(export, want, names, labels)
    elif fmt == "svg":
        with open(export, "rb") as f:
            nodes, edges = read_svg(f.read())
        check_drawing("svg", nodes, edges, want, names, labels, True, True)
    else:
        nodes, edges = read_dot(export)
        # the text dot draws must be exact; its SVG writer's tooltips have the SVG's spaces
        check_drawing("dot", nodes, edges, want, names, labels, False, True)
    if fmt in ("svg", "dot") and not known_seen:
        print("round trip: %s labels and tooltips agree (%d nodes, %d edges)" % (
            fmt, len(nodes), len(edges)))
    if known_seen:
        for name, (why, cases) in known_seen.items():
            print("round trip: known deviation %s: %s" % (name, why))
            for c in cases:
                print("  " + c)
        sys.exit(3)


if __name__ == "__main__":
    main()
