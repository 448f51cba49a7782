#!/usr/bin/env python3
"""Reads the HTML report of `stancegraph graph -o report.html` with Python's html.parser
and compares what a reader sees with the node-link JSON and nodes.csv of the same graph:
  html_check.py REPORT.html GRAPH.json NODES.csv TITLE
Checks that every element the report opens is closed in order (escaping that failed
would open or close elements), that the script cannot end early, that the title,
counts, table rows (every cell) and evidence (every edge and event) decode to the
JSON's and CSV's text after the documented cleaning (U+FFFD for invalid UTF-8, C0
controls other than tab, LF and CR, U+FFFE and U+FFFF), and that the drawn nodes and
edges name actors and actor pairs of the report. Exit status 0 when all agree; otherwise the
first difference is printed."""
import csv
import html.parser
import json
import re
import sys

NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
METRICS = ("in_degree", "out_degree", "degree", "in_strength", "out_strength", "signed_in",
           "signed_out", "betweenness", "harmonic", "pagerank", "hub", "authority", "eigenvector")


def fail(msg):
    print("html check: " + msg)
    sys.exit(1)


def clean(s):
    """What a reader of the page gets: U+FFFD for what HTML cannot carry, and a CR (alone
    or before a newline) as a newline (HTML's input stream preprocessing)."""
    return NOT_TEXT.sub("\ufffd", s).replace("\r\n", "\n").replace("\r", "\n")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, pred):
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    yield c
                yield from c.all(pred)

    def first(self, pred):
        return next(self.all(pred), None)

    def classes(self):
        return self.attrs.get("class", "").split()


class Tree(html.parser.HTMLParser):
    """Builds the element tree, failing on an end tag that does not close the innermost
    open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.cur.tag != tag:
            fail("</%s> closes <%s> (line %d)" % (tag, self.cur.tag, self.getpos()[0]))
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def trs_all(root):
    return by_id(root, "sg-table").first(lambda n: n.tag == "tbody").all(lambda n: n.tag == "tr")


def by_id(root, ident):
    node = root.first(lambda n: n.attrs.get("id") == ident)
    if node is None:
        fail("no element with id %r" % ident)
    return node


def expect(what, got, want):
    if got != want:
        fail("%s is %r, want %r" % (what, got, want))


def main():
    if len(sys.argv) != 5:
        fail("usage: html_check.py REPORT.html GRAPH.json NODES.csv TITLE")
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    with open(sys.argv[2], encoding="utf-8") as f:
        want = json.load(f)
    with open(sys.argv[3], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    title = sys.argv[4]

    t = Tree()
    t.feed(text)
    t.close()
    if t.cur is not t.root:
        fail("<%s> is never closed" % t.cur.tag)
    expect("the doctype", t.doctype, "DOCTYPE html")
    root = t.root
    head = root.first(lambda n: n.tag == "head")
    expect("the page title", head.first(lambda n: n.tag == "title").text(), clean(title))
    expect("the heading", root.first(lambda n: n.tag == "h1").text(), clean(title))
    for n in root.all(lambda n: n.tag in ("script", "link", "img", "iframe", "object")):
        for attr in ("src", "href"):
            if attr in n.attrs:
                fail("<%s %s=%r> loads an external resource" % (n.tag, attr, n.attrs[attr]))
    scripts = list(root.all(lambda n: n.tag == "script"))
    expect("the number of scripts", len(scripts), 1)
    js = scripts[0].text()
    if not js.rstrip().endswith("})();"):
        fail("the script ends early: %r" % js[-80:])

    nodes, edges = want["nodes"], want["edges"]
    expect("the actor count", by_id(root, "sg-n-actors").text(), str(len(nodes)))
    expect("the edge count", by_id(root, "sg-n-edges").text(), str(len(edges)))
    expect("the event count", by_id(root, "sg-n-events").text(),
           str(sum(e["count"] for e in edges)))
    docs = {ev["doc"] for e in edges for ev in e["evidence"]}
    if int(by_id(root, "sg-n-docs").text()) < len(docs):
        fail("fewer documents than the evidence names")

    # the centrality table: one row per actor in graph order, each cell as in nodes.csv
    table = by_id(root, "sg-table")
    heads = [th.text() for th in table.all(lambda n: n.tag == "th")]
    expect("the table headings", heads, ["id", "name", "type", "mentions"] + list(METRICS))
    trs = list(by_id(root, "sg-table").first(lambda n: n.tag == "tbody").all(
        lambda n: n.tag == "tr"))
    expect("the number of table rows", len(trs), len(nodes))
    for i, (tr, node, row) in enumerate(zip(trs, nodes, rows)):
        cells = [td.text() for td in tr.all(lambda n: n.tag == "td")]
        wanted = [clean(node["id"]), clean(node["name"]), clean(node["type"]),
                  str(node["mentions"])] + [row[m] or "-" for m in METRICS]
        expect("table row %d" % i, cells, wanted)
        expect("row %d data-actor" % i, tr.attrs.get("data-actor"), clean(node["id"]))
        expect("row %d data-i" % i, tr.attrs.get("data-i"), str(i))
        expect("the CSV id of row %d" % i, row["id"], node["id"])

    # the evidence: edges in graph order inside their pair sections
    rels = list(by_id(root, "evidence").all(lambda n: "rel" in n.classes()))
    expect("the number of edges in the evidence", len(rels), len(edges))
    events = 0
    for k, (rel, e) in enumerate(zip(rels, edges)):
        pair = rel.parent
        where = "edge %d (%s -> %s)" % (k, e["source"], e["target"])
        expect(where + " pair", (pair.attrs.get("data-source"), pair.attrs.get("data-target")),
               (clean(e["source"]), clean(e["target"])))
        expect(where + " pair id", pair.attrs.get("id"),
               "pair-%s-%s" % (pair.attrs.get("data-s"), pair.attrs.get("data-t")))
        expect(where + " label", rel.first(lambda n: n.tag == "h4").text(), clean(e["label"]))
        codes = [c.text() for c in rel.all(lambda n: n.tag == "code")]
        expect(where + " relation and CAMEO code", codes, [clean(e["relation"]), clean(e["cameo"])])
        expect(where + " count", rel.first(lambda n: "count" in n.classes()).text(),
               str(e["count"]))
        gs = float(rel.first(lambda n: "gs" in n.classes()).text())
        expect(where + " Goldstein sum", gs, round(e["goldstein_sum"], 6))
        trs = list(rel.first(lambda n: n.tag == "tbody").all(lambda n: n.tag == "tr"))
        expect(where + " number of events", len(trs), len(e["evidence"]))
        for tr, ev in zip(trs, e["evidence"]):
            cells = [td.text() for td in tr.all(lambda n: n.tag == "td")]
            expect(where + " event", cells, [clean(ev["doc"]), str(ev["sentence"]),
                                             "%d\u2013%d" % (ev["start"], ev["end"]),
                                             clean(ev["text"])])
            mark = tr.first(lambda n: n.tag == "mark")
            if mark is not None:
                expect(where + " marked trigger", mark.text(), clean(ev["trigger"]))
            events += 1

    # the drawing: every drawn node is an actor (its <title> is the Graphviz node name:
    # the actor id, or "_N" for actor N when the id is not plain text), every drawn edge
    # ("TAIL->HEAD") joins two drawn nodes; when every actor is drawn, each pair section
    # has a drawn edge
    svg = by_id(root, "sg-drawing").first(lambda n: n.tag == "svg")
    if svg is None:
        fail("no inline <svg> in #sg-drawing")
    index = {tr.attrs["data-actor"]: int(tr.attrs["data-i"]) for tr in trs_all(root)}
    drawn = {}
    for g in svg.all(lambda n: n.tag == "g" and "node" in n.classes()):
        name = g.first(lambda n: n.tag == "title").text()
        m = re.fullmatch(r"_(\d+)(?:_\d+)?", name)
        i = index.get(name, int(m.group(1)) if m else None)
        if i is None or i >= len(nodes):
            fail("drawn node %r is no actor" % name)
        drawn[name] = i
    sections = {p.attrs["id"] for p in by_id(root, "evidence").all(lambda n: "pair" in n.classes())}
    drawn_pairs = set()
    for g in svg.all(lambda n: n.tag == "g" and "edge" in n.classes()):
        title = g.first(lambda n: n.tag == "title").text()
        ends = [(drawn[title[:k]], drawn[title[k + 2:]]) for k in range(len(title))
                if title.startswith("->", k) and title[:k] in drawn and title[k + 2:] in drawn]
        if not ends:
            fail("drawn edge %r does not join two drawn nodes" % title)
        drawn_pairs.add("pair-%d-%d" % ends[0])
    if len(drawn) == len(nodes) and not sections <= drawn_pairs:
        fail("pairs without a drawn edge: %s" % sorted(sections - drawn_pairs))
    print("html check: %d actors, %d edges and %d events agree" % (len(nodes), len(edges), events))


if __name__ == "__main__":
    main()
