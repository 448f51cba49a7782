#!/usr/bin/env python3
"""Checks node-link JSON graphs of `stancegraph graph` against the JSON Schema with
python3-jsonschema (Draft 2020-12), then the invariants a schema cannot state.
  schema.py SCHEMA GRAPH.json...: every GRAPH.json must be valid;
  schema.py --broken SCHEMA GRAPH.json: GRAPH.json (with at least one edge) must be valid,
    and every document made from it by removing a required key, giving a key a value of
    the wrong type or range, or adding an unknown key must be rejected, so that a schema
    accepting anything cannot pass.
Exit status 0 when all checks hold; otherwise each failure is printed."""
import copy
import json
import sys

from jsonschema import Draft202012Validator

failures = []


def fail(msg):
    failures.append(msg)
    print("schema: " + msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def invariants(path, g):
    """What the schema's description promises beyond its keywords."""
    ids = [n["id"] for n in g["nodes"]]
    if ids != sorted(ids, key=lambda s: s.encode()) or len(set(ids)) != len(ids):
        fail("%s: node ids are not unique and sorted" % path)
    keys = [(e["source"].encode(), e["target"].encode(), e["relation"].encode()) for e in g["edges"]]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        fail("%s: edges are not unique and sorted by (source, target, relation)" % path)
    known = set(ids)
    for e in g["edges"]:
        where = "%s: edge %s -%s-> %s" % (path, e["source"], e["relation"], e["target"])
        if e["source"] not in known or e["target"] not in known:
            fail(where + " names a node that does not exist")
        if e["source"] == e["target"]:
            fail(where + " is a self-loop")
        if len(e["evidence"]) != e["count"]:
            fail(where + ": %d evidence objects for count %d" % (len(e["evidence"]), e["count"]))
        s, m = e["goldstein_sum"], e["goldstein_mean"]
        if s is None or m is None or abs(m - s / e["count"]) > 2e-6:
            fail(where + ": goldstein_mean %r is not goldstein_sum / count" % m)
        for ev in e["evidence"]:
            if ev["start"] > ev["end"]:
                fail(where + ": evidence starts at %d after its end %d" % (ev["start"], ev["end"]))


def validate(validator, path):
    g = load(path)
    errors = sorted(validator.iter_errors(g), key=lambda e: list(e.absolute_path))
    for e in errors:
        fail("%s: %s at /%s" % (path, e.message, "/".join(str(p) for p in e.absolute_path)))
    if not errors:
        invariants(path, g)
    return g


def broken_documents(g):
    """(description, document) pairs that the schema must reject."""
    out = []

    def variant(desc, pointer, change):
        d = copy.deepcopy(g)
        obj = d
        for p in pointer:
            obj = obj[p]
        change(obj)
        out.append((desc, d))

    def drop(key):
        return lambda o: o.pop(key)

    def put(key, value):
        return lambda o: o.__setitem__(key, value)

    levels = [("top level", []), ("node", ["nodes", 0]), ("edge", ["edges", 0]),
              ("evidence", ["edges", 0, "evidence", 0])]
    for name, pointer in levels:
        obj = g
        for p in pointer:
            obj = obj[p]
        for key, value in obj.items():
            variant("%s without %r" % (name, key), pointer, drop(key))
            # a value of another JSON type: strings and null (a nullable string such as
            # "parent") become numbers, the rest strings
            wrong = 1 if isinstance(value, str) or value is None else "1"
            variant("%s with %r of the wrong type (%r)" % (name, key, wrong), pointer, put(key, wrong))
        variant("%s with an unknown key" % name, pointer, put("weight", 1))
    for desc, pointer, key, value in [
        ("an undirected graph", [], "directed", False),
        ("nodes as an object", [], "nodes", {}),
        ("an empty node id", ["nodes", 0], "id", ""),
        ("a null node name", ["nodes", 0], "name", None),
        ("negative mentions", ["nodes", 0], "mentions", -1),
        ("fractional mentions", ["nodes", 0], "mentions", 1.5),
        ("an empty parent id", ["nodes", 0], "parent", ""),
        ("a negative pagerank", ["nodes", 0], "pagerank", -0.5),
        ("a fractional in_degree", ["nodes", 0], "in_degree", 0.5),
        ("an edge count of 0", ["edges", 0], "count", 0),
        ("a null label", ["edges", 0], "label", None),
        ("a numeric CAMEO code", ["edges", 0], "cameo", 112),
        ("a Goldstein mean above 10", ["edges", 0], "goldstein_mean", 10.5),
        ("a Goldstein sum as a string", ["edges", 0], "goldstein_sum", "-2"),
        ("an edge without evidence", ["edges", 0], "evidence", []),
        ("a negative byte offset", ["edges", 0, "evidence", 0], "start", -1),
        ("a null document", ["edges", 0, "evidence", 0], "doc", None),
    ]:
        variant(desc, pointer, put(key, value))
    variant("a node that is a list", ["nodes"], lambda o: o.__setitem__(0, ["A", "Alpha"]))
    variant("an evidence that is a string", ["edges", 0, "evidence"],
            lambda o: o.__setitem__(0, "Alpha accused Beta."))
    return out


def main():
    args = sys.argv[1:]
    broken = args[:1] == ["--broken"]
    if broken:
        args = args[1:]
    if len(args) < 2 or (broken and len(args) != 2):
        print("usage: schema.py [--broken] SCHEMA GRAPH.json...")
        return 2
    schema = load(args[0])
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    docs = [validate(validator, p) for p in args[1:]]
    if failures:
        return 1
    if not broken:
        print("schema: %d graph(s) valid" % len(docs))
        return 0
    g = docs[0]
    if not g["nodes"] or not g["edges"]:
        print("schema: %s has no edge to break" % args[1])
        return 2
    cases = broken_documents(g)
    for desc, d in cases:
        if validator.is_valid(d):
            fail("accepted %s" % desc)
    if failures:
        return 1
    print("the schema rejects each of %d broken documents (a key missing, of the wrong type "
          "or out of range, an unknown key)" % len(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
