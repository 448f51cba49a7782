#!/usr/bin/env python3
"""Reads an export of `stancegraph graph` back and compares every node, edge and
attribute with the node-link JSON of the same graph.
  roundtrip.py graphml GRAPH.graphml GRAPH.json: with Python's xml module and, when
    installed, NetworkX (the JSON's node "id" is the GraphML node attribute "actor");
  roundtrip.py csv DIR GRAPH.json: DIR/nodes.csv and DIR/edges.csv with the csv module.
Strings compare after the writer's documented cleaning (characters XML 1.0 cannot
carry become U+FFFD). Exit status 0 when they agree; otherwise the first difference
is printed."""
import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
NODE_STR = ("name", "type")
EDGE_STR = ("relation", "label", "cameo")
EDGE_NUM = ("count", "goldstein_sum", "goldstein_mean")


# characters XML 1.0 cannot carry; the GraphML writer turns them into U+FFFD (sg_emit.h)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_clean(v):
    if isinstance(v, str):
        return NOT_XML.sub("\ufffd", v)
    if isinstance(v, list):
        return [xml_clean(x) for x in v]
    if isinstance(v, dict):
        return {k: xml_clean(x) for k, x in v.items()}
    return v


def fail(msg):
    print("round trip: " + msg)
    sys.exit(1)


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
        for k in ("in_degree", "out_degree", "in_strength", "out_strength", "betweenness",
                  "harmonic", "pagerank", "hub", "authority"):
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
        for k in ("in_degree", "out_degree", "in_strength", "out_strength", "betweenness",
                  "harmonic", "pagerank", "hub", "authority"):
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


def check_graphml(path, want):
    nodes, edges = read_xml(path)
    compare("xml", nodes, edges, want)
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
    compare("networkx", nx_nodes, nx_edges, want)
    print("round trip: xml and networkx agree (%d nodes, %d edges)" % (len(nodes), len(edges)))


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("graphml", "csv"):
        fail("usage: roundtrip.py graphml|csv EXPORT GRAPH.json")
    with open(sys.argv[3], encoding="utf-8") as f:
        want = json.load(f)
    if sys.argv[1] == "csv":
        nodes, edges = read_csv(sys.argv[2])
        compare("csv", nodes, edges, want)
        print("round trip: csv agrees (%d nodes, %d edges)" % (len(nodes), len(edges)))
    else:
        check_graphml(sys.argv[2], xml_clean(want))


if __name__ == "__main__":
    main()
