#!/usr/bin/env python3
"""PETRARCH's validation records run through stancegraph.

Converts PETR.Validate.actors/agents/verbs with `stancegraph lexicon import --from
petrarch FILE... -o OUT.json` (the report goes to stderr and is shown), extracts events
from each record's <Text> with `stancegraph extract --actors A.json --relations R.json`,
and reports the share of records coded exactly right (the set of (source, target,
CAMEO code) triples equals the record's <EventCoding> set; a record with noevents or
error expects no event), per record category and overall.

Usage: python3 tests/peer/run.py [--bin build/stancegraph] [--import-bin BIN]
         [--data ../shared/data/petrarch2] [--keep DIR] [-v]
Exits 0 (a measurement, not a pass/fail test); 77 when the data folder is absent.
Standard library only.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def load_records(path):
    """Returns [(id, category, text, expected set or None for 'no event')]."""
    root = ET.parse(path).getroot()
    out = []
    for s in root.iter("Sentence"):
        text_el = s.find("Text")
        if text_el is None or text_el.text is None:
            continue
        text = " ".join(text_el.text.split())
        expected = set()
        for ec in s.findall("EventCoding"):
            a = {k.strip(): v for k, v in ec.attrib.items()}
            if "noevents" in a or "error" in a:
                continue
            expected.add((a.get("sourcecode", "").strip().upper(),
                          a.get("targetcode", "").strip().upper(),
                          a.get("eventcode", "").strip()))
        out.append((s.get("id", "?"), s.get("category", "?"), text, expected))
    return out


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="build/stancegraph")
    ap.add_argument("--import-bin", default=None,
                    help="binary for 'lexicon import' (default: --bin)")
    ap.add_argument("--data", default="../shared/data/petrarch2")
    ap.add_argument("--keep", default=None, help="keep the converted lexicons here")
    ap.add_argument("-v", "--verbose", action="store_true", help="list failing records")
    args = ap.parse_args()

    recs_path = os.path.join(args.data, "PETR.UnitTest.records.xml")
    if not os.path.isfile(recs_path):
        print("peer: skipped, %s is absent" % recs_path)
        return 77
    imp = args.import_bin or args.bin
    work = args.keep or tempfile.mkdtemp(prefix="sg-peer-")
    os.makedirs(work, exist_ok=True)
    actors = os.path.join(work, "actors.json")
    relations = os.path.join(work, "relations.json")
    d = args.data
    for out, files in ((actors, ["PETR.Validate.actors.txt", "PETR.Validate.agents.txt"]),
                       (relations, ["PETR.Validate.verbs.txt"])):
        cmd = [imp, "lexicon", "import", "--from", "petrarch"] + \
              [os.path.join(d, f) for f in files] + ["-o", out]
        p = run(cmd)
        sys.stderr.write("$ %s\n%s" % (" ".join(cmd), p.stderr))
        if p.returncode != 0:
            print("peer: import failed (exit %d)" % p.returncode)
            return 1

    records = load_records(recs_path)
    tdir = os.path.join(work, "texts")
    os.makedirs(tdir, exist_ok=True)
    paths = []
    for i, (_, _, text, _) in enumerate(records):
        p = os.path.join(tdir, "%04d.txt" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        paths.append(p)
    p = run([args.bin, "extract", "--actors", actors, "--relations", relations] + paths)
    if p.returncode != 0:
        print("peer: extract failed (exit %d): %s" % (p.returncode, p.stderr.strip()))
        return 1
    got = collections.defaultdict(set)
    for line in p.stdout.splitlines():
        ev = json.loads(line)
        if "source" not in ev:
            continue
        got[ev["doc"]].add((ev["source"], ev["target"] or "---", ev["cameo"]))

    per = collections.defaultdict(lambda: [0, 0])
    ok_all = 0
    for i, (rid, cat, text, expected) in enumerate(records):
        mine = got.get(paths[i], set())
        ok = mine == expected
        per[cat][0] += ok
        per[cat][1] += 1
        ok_all += ok
        if args.verbose and not ok:
            print("FAIL %s [%s] expected %s got %s\n     %s" %
                  (rid, cat, sorted(expected), sorted(mine), text))
    print("PETRARCH validation records coded exactly right (source, target, CAMEO code):")
    for cat in sorted(per):
        k, n = per[cat]
        print("  %-10s %4d / %4d  %5.1f%%" % (cat, k, n, 100.0 * k / n))
    n = len(records)
    print("  %-10s %4d / %4d  %5.1f%%" % ("overall", ok_all, n, 100.0 * ok_all / max(n, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
