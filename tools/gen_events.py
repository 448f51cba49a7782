#!/usr/bin/env python3
"""Writes a reproducible synthetic events file (JSON Lines, the format of 'stancegraph
extract') for benchmarks: ACTORS actors whose popularity follows a Zipf law (exponent
1.1, as a few states dominate news coverage), EVENTS events between them with relations
drawn from eight CAMEO classes and their Goldstein weights, dated over 2023.

Usage: python3 tools/gen_events.py ACTORS EVENTS [SEED] > events.jsonl
Standard library only; the same arguments give the same bytes.
"""
import bisect
import random
import sys

RELATIONS = [  # id, CAMEO code, Goldstein weight (Goldstein 1992), share
    ("make_statement", "010", 0.0, 20),
    ("consult", "040", 1.0, 15),
    ("praise", "051", 3.4, 8),
    ("aid", "070", 7.4, 5),
    ("accuse", "112", -2.0, 20),
    ("reject", "120", -4.0, 12),
    ("threaten", "130", -4.4, 10),
    ("fight", "190", -10.0, 10),
]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    n_actors, n_events = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) == 4 else 42)
    cum, total = [], 0.0
    for i in range(n_actors):
        total += 1.0 / (i + 1) ** 1.1
        cum.append(total)
    rel_cum, rtotal = [], 0
    for r in RELATIONS:
        rtotal += r[3]
        rel_cum.append(rtotal)
    out = sys.stdout
    for k in range(n_events):
        s = bisect.bisect_left(cum, rng.random() * total)
        t = bisect.bisect_left(cum, rng.random() * total)
        if t == s:
            t = (s + 1 + rng.randrange(n_actors - 1)) % n_actors
        rel, cameo, gs, _ = RELATIONS[bisect.bisect_left(rel_cum, rng.randrange(rtotal) + 1)]
        day = rng.randrange(365)
        month = min(12, day // 31 + 1)
        out.write('{"doc":"synthetic/%d.txt","date":"2023-%02d-%02d","sentence":%d,'
                  '"source":"A%d","target":"A%d","relation":"%s","cameo":"%s","goldstein":%s,'
                  '"negated":false}\n' % (k // 20, month, day % 28 + 1, k % 20, s, t, rel, cameo, gs))


if __name__ == "__main__":
    main()
