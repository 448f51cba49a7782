"""Reads the text of a PDF drawing back with poppler's pdftotext and checks that every
drawn actor's label (its lines as tests/e2e/roundtrip.py computes them) is there.

usage: pdf_check.py DRAWING.pdf GRAPH.json

Lines in right-to-left scripts, with U+FFFD or outside the Basic Multilingual Plane are
skipped (counted): pdftotext reorders bidirectional text and fonts may lack the glyphs.
White space is ignored, because pdftotext splits and joins words by their positions."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import roundtrip  # noqa: E402

SKIP = re.compile("[\u0590-\u08ff\ufffd\U00010000-\U0010ffff]")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pdf_check.py DRAWING.pdf GRAPH.json")
    pdf, graph = sys.argv[1:]
    r = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True)
    if r.returncode != 0:
        sys.exit("pdf check: pdftotext failed: " + r.stderr.decode(errors="replace"))
    flat = re.sub(r"\s+", "", r.stdout.decode("utf-8"))
    with open(graph, encoding="utf-8") as f:
        g = json.load(f)
    linked = {e["source"] for e in g["edges"]} | {e["target"] for e in g["edges"]}
    found = skipped = 0
    for n in g["nodes"]:
        if n["id"] not in linked:
            continue
        for line in roundtrip.wrapped(n["name"]):
            if SKIP.search(line):
                skipped += 1
            elif re.sub(r"\s+", "", line) in flat:
                found += 1
            else:
                sys.exit("pdf check: label line %r of actor %r is not in the PDF text"
                         % (line, n["id"]))
    print("PDF text shows every drawn actor: %d label lines found, %d skipped (right-to-left, "
          "U+FFFD or beyond the BMP)" % (found, skipped))


if __name__ == "__main__":
    main()
