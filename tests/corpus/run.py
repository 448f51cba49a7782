#!/usr/bin/env python3
"""Runs stancegraph over the annotated regression corpus and compares exact events.

usage: run.py [--bin build/stancegraph] [--verbose] [FILE.txt ...]

Each tests/corpus/<phenomenon>.txt holds cases:

    # comment
    ## the case text, one or more sentences on one line
    SRC relation TGT            (TGT is - for no target; 'negated' may follow)
    -                           (alone: the case has no event)
    xfail: why it fails today   (optional: a known failure)

A file with the comment line "# lexicon: built-in" is coded with the built-in lexicons;
the others with tests/corpus/actors.json.

A case is one document. Events are compared as multisets of (source, CAMEO root,
target, negated), the convention of ../shared/devset. A case passes when the multisets
are equal. A known failure (xfail) that passes is reported, so the list stays honest.
Prints per-phenomenon pass rates and exits 1 on any unexpected result.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load_roots():
    lexdir = os.environ.get("STANCEGRAPH_LEXICONS", os.path.join(ROOT, "lexicons"))
    with open(os.path.join(lexdir, "relations.json"), encoding="utf-8") as f:
        rels = json.load(f)["relations"]
    return {r["id"]: r["cameo"][:2] for r in rels}


def parse(path, roots):
    cases = []
    cur = None
    builtin = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() == "# lexicon: built-in":
                builtin = True
                continue
            if line.startswith("## "):
                cur = {"file": os.path.basename(path), "line": n, "text": line[3:].strip(),
                       "expect": [], "none": False, "xfail": None, "builtin": builtin}
                cases.append(cur)
                continue
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if cur is None:
                sys.exit(f"{path}:{n}: expectation before the first case")
            if s.startswith("xfail:"):
                cur["xfail"] = s[6:].strip()
                continue
            if s == "-":
                cur["none"] = True
                continue
            parts = s.split()
            if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] != "negated"):
                sys.exit(f"{path}:{n}: expected 'SRC relation TGT [negated]', got {s!r}")
            if parts[1] not in roots:
                sys.exit(f"{path}:{n}: unknown relation {parts[1]!r}")
            tgt = None if parts[2] == "-" else parts[2]
            cur["expect"].append((parts[0], roots[parts[1]], tgt, len(parts) == 4))
    for c in cases:
        if not c["expect"] and not c["none"]:
            sys.exit(f"{path}:{c['line']}: case without expectations (write '-' for none)")
    return cases


def fmt(ev):
    src, root, tgt, neg = ev
    return f"{src} {root} {tgt or '-'}{' negated' if neg else ''}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "stancegraph"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    roots = load_roots()
    files = a.files or sorted(glob.glob(os.path.join(HERE, "*.txt")))
    cases = [c for f in files for c in parse(f, roots)]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, c in enumerate(cases):
            p = os.path.join(tmp, f"{i:04d}.txt")
            with open(p, "w", encoding="utf-8") as f:
                f.write(c["text"] + "\n")
            paths.append(p)
        got = collections.defaultdict(list)
        for builtin in (False, True):
            group = [p for p, c in zip(paths, cases) if c["builtin"] == builtin]
            if not group:
                continue
            lex = [] if builtin else ["--actors", os.path.join(HERE, "actors.json")]
            out = subprocess.run([a.bin, "extract"] + lex + group, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"corpus: stancegraph failed ({out.returncode}): {out.stderr.strip()}")
            for line in out.stdout.splitlines():
                e = json.loads(line)
                idx = int(os.path.basename(e["doc"])[:4])
                got[idx].append((e["source"], e["cameo"][:2], e["target"], bool(e["negated"])))
    per = collections.OrderedDict()
    unexpected = 0
    passed = 0
    known = 0
    for i, c in enumerate(cases):
        ok = collections.Counter(c["expect"]) == collections.Counter(got[i])
        st = per.setdefault(c["file"], [0, 0])
        st[1] += 1
        st[0] += ok
        where = f"{c['file']}:{c['line']}"
        if ok and c["xfail"] is None:
            passed += 1
        elif not ok and c["xfail"] is not None:
            known += 1
            if a.verbose:
                print(f"xfail {where}: {c['xfail']}")
        else:
            unexpected += 1
            label = "XPASS" if ok else "FAIL "
            print(f"{label} {where}: {c['text']}")
            print("      expected: " + ("; ".join(fmt(e) for e in c["expect"]) or "-"))
            print("      got:      " + ("; ".join(fmt(e) for e in got[i]) or "-"))
            if ok:
                print(f"      (listed as a known failure: {c['xfail']})")
    print("corpus pass rates (known failures count as failures):")
    for name, (ok, total) in per.items():
        print(f"  {name:22s} {ok:4d}/{total:<4d} {100.0 * ok / total:6.1f}%")
    tot_ok = sum(v[0] for v in per.values())
    tot = sum(v[1] for v in per.values())
    print(f"  {'all':22s} {tot_ok:4d}/{tot:<4d} {100.0 * tot_ok / max(tot, 1):6.1f}%")
    print(f"corpus: {known} known failures (xfail)")
    print(f"corpus: {passed} passed, {unexpected} failed")
    sys.exit(1 if unexpected else 0)


if __name__ == "__main__":
    main()
