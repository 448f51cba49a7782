#!/usr/bin/env python3
"""Checks `stancegraph summary --format json` against an independent recomputation.

Generates event sets (JSON Lines, as `stancegraph extract --actors-too` writes them)
from fixed seeds, runs `BIN summary --format json --top 0` on each, and recomputes the
summary from the same file, read here with Python's json module, following the
contracts of include/sg_graph.h (sg_graph_stats), include/sg_analysis.h (signed
projection, balance, blocs, Q±, frustration), include/sg_emit.h (sg_emit_summary) and
README.md ("Summary: network figures, structural balance and blocs"):

  network   actors (actor lines, sources, targets), isolated actors (no arc), events,
            graph events (not negated, with a target, not a self-loop), negated events,
            untargeted events (not negated, without a target: the two never overlap),
            hostile / cooperative graph events (Goldstein < 0 / > 0), mean Goldstein
            weight of the graph events, edges (source, relation, target), arcs (ordered
            pairs), density arcs / n(n-1), weak and strong components and the largest
            weak one (NetworkX), reciprocity (nx.overall_reciprocity); null for an
            undefined mean, density (n < 2) or reciprocity (no arcs)
  balance   the signed projection: one tie per unordered pair of distinct actors with
            graph events either way, weight = their Goldstein sum, neutral when 0 (the
            sums are computed exactly here, in decimal fractions, so 1.1 + 2.2 - 3.3 is
            0); positive, negative, neutral pairs; triads, balanced (+++, +--),
            unbalanced (++-, ---), all negative; the balanced share; the 5 most
            unbalanced triads, by strength sum |w| descending, then actor ids ascending
            (strengths are exact too: 0.3 + 0.2 + 0.1 and 0.1 + 0.2 + 0.3 are a tie)
  blocs     stancegraph's partitions cannot be recomputed (spinglass, Louvain), but their
            properties can: every actor in exactly one bloc, blocs numbered from 1 in
            the order of their first actor id, members in id order, sizes, no bloc
            across two components of the signed projection, a component of two actors
            one bloc when its tie is positive and two when negative, no capped actors;
            frustrated ties and frustration, the signed modularity Q± (Gómez, Jensen &
            Arenas) and the cooperative partition's Newman modularity
            (nx.community.modularity on the positive ties), recomputed from the
            partitions stancegraph reports
  top       every centrality list holds every actor once, sorted descending (the
            *_lowest lists ascending), ties by actor id, with the values of
            `BIN centrality --format json`. The order is checked on the values of
            `--digits 17`; values within 1e-9 of each other (relative above 1: the
            agreement tolerance of nx_check.py) are ties and must be in id order, since
            equal values (equal Goldstein sums of one-decimal weights, actors in
            symmetric positions) come out of floating point a few units of the last
            place apart, by the order of summation

Ids are compared in byte order (UTF-8 byte order is code point order: Python's). Reals
are rounded to 6 decimals in the summary: they agree within 1e-6; counts and lists
exactly. A few hand-picked sets (actor lines only, one actor, two camps, an all-negative
triangle, pairs whose weights cancel, byte-order ids, ...) come first; where the optimum
is plain, their signed blocs must also have the best Q± of each component (every
partition of a component of up to 9 actors is tried: spinglass maximises the
component's own Q±). Random sets are not held to that: spinglass is a heuristic.

  summary_check.py [--bin BIN] [--seeds N] [--first-seed S] [--keep DIR] [-v]

run from the repository root (BIN defaults to build/stancegraph); --seeds N random sets
(default 64) from seed S (default 2001), after the hand-picked ones.

Exit status 0 when every value agrees; 1 on any disagreement (each printed with its
seed, file, field and both values; the generated files are kept); 2 on a usage error or
a missing binary; 77 when networkx cannot be imported."""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from itertools import combinations

try:
    import networkx as nx
except ImportError:
    print("summary_check: skipped, the Python module networkx is not installed "
          "(Debian: apt-get install python3-networkx)")
    sys.exit(77)

FIRST_SEED = 2001  # random sets use seeds FIRST_SEED, FIRST_SEED + 1, ...
TOL = 1e-6         # the summary rounds reals to 6 decimals
MAX_LISTED = 5     # most unbalanced triads listed
TIE = 1e-9         # centralities this close (relative) are ties, listed by actor id
OPTIMUM_MAX = 9    # the best Q± is found by trying every partition up to this many actors

METRICS = ("in_degree", "out_degree", "degree", "in_strength", "out_strength",
           "signed_in", "signed_out", "betweenness", "harmonic", "pagerank", "hub",
           "authority", "eigenvector")
LISTS = METRICS + ("signed_in_lowest", "signed_out_lowest")

NETWORK_KEYS = ("actors", "isolated_actors", "events", "graph_events", "negated_events",
                "untargeted_events", "hostile_events", "cooperative_events",
                "goldstein_mean", "edges", "arcs", "density", "weak_components",
                "strong_components", "largest_component", "reciprocity")
BALANCE_COUNTS = ("signed_ties", "positive_ties", "negative_ties", "neutral_pairs",
                  "triads", "balanced", "unbalanced", "all_negative")

# (relation, CAMEO code) pairs the generator draws from
RELATIONS = (("accuse", "112"), ("praise", "051"), ("threaten", "130"), ("meet", "040"),
             ("reject", "120"), ("aid", "070"), ("attack", "190"), ("appeal", "020"))


# --- event sets --------------------------------------------------------------------------

def tenths(k):
    """A Goldstein weight of one decimal from an integer number of tenths."""
    return k / 10.0


def event(doc, source, target, tenth, relation, negated=False, target_form=None):
    """One event line. target None: no target, written as target_form ("absent", "null"
    or "empty")."""
    rel, cameo = relation
    o = {"doc": doc, "source": source}
    if target is not None:
        o["target"] = target
    elif target_form == "null":
        o["target"] = None
    elif target_form == "empty":
        o["target"] = ""
    o.update({"relation": rel, "cameo": cameo, "goldstein": tenths(tenth),
              "negated": negated})
    return o


def actor_line(aid, mentions=1):
    return {"actor": aid, "name": aid, "type": "country", "mentions": mentions}


def weight(rng, sign):
    """Tenths of a one-decimal Goldstein weight: sign > 0 positive, < 0 negative, 0 either
    (sometimes 0, a neutral statement)."""
    k = rng.choice((rng.randint(1, 100), rng.randint(1, 100), 10 * rng.randint(1, 10)))
    if sign > 0:
        return k
    if sign < 0:
        return -k
    if rng.random() < 0.05:
        return 0
    return k if rng.random() < 0.5 else -k


def cancelling(rng):
    """Tenths of weights that sum to exactly 0: x and -x, or a + b - (a + b)
    (1.1 + 2.2 - 3.3 is not 0 in binary floating point)."""
    if rng.random() < 0.5:
        x = rng.randint(1, 100)
        return [x, -x]
    a, b = rng.randint(1, 60), rng.randint(1, 40)
    w = [a, b, -(a + b)]
    if rng.random() < 0.5:
        w = [-x for x in w]
    return w


SHAPES = ("mixed", "camps", "positive", "negative", "cancel", "components",
          "reciprocal", "dense", "sparse", "star", "triangles", "tiny")


def random_set(seed):
    """The lines of one random set, and a short description. Consecutive seeds take the
    shapes in turn."""
    rng = random.Random(seed)
    shape = SHAPES[(seed - FIRST_SEED) % len(SHAPES)]
    if shape == "tiny":
        n = rng.randint(1, 4)
    else:
        n = rng.choice((rng.randint(1, 6), rng.randint(3, 15), rng.randint(10, 40)))
        if shape in ("camps", "components", "triangles", "star"):
            n = max(n, 4)
    doc = "r%d.txt" % seed
    if rng.random() < 0.15:  # multi-byte UTF-8, case and digit order
        ids = ["%s%d" % (rng.choice(("A", "b", "Ω", "ä", "x.y", "Z")), i) for i in range(n)]
    else:
        ids = ["A%d" % i for i in range(n)]
    rng.shuffle(ids)
    sign_mode = {"positive": 1, "negative": -1}.get(shape)
    if sign_mode is None:
        r = rng.random()
        sign_mode = 1 if r < 0.1 else -1 if r < 0.2 else 0
    cancel_p = 0.0 if sign_mode else (0.4 if shape == "cancel" else 0.1)

    # unordered pairs with events, each with the sign its events lean to (0: mixed)
    ties = {}

    def tie(a, b, lean=0):
        if a != b:
            ties[(a, b) if a < b else (b, a)] = lean

    if shape == "camps":
        k = rng.randint(2, min(4, n))
        camp = {a: i % k for i, a in enumerate(ids)}
        p = rng.uniform(0.3, 0.9)
        for a, b in combinations(ids, 2):
            if rng.random() < p:
                lean = 1 if camp[a] == camp[b] else -1
                if rng.random() < 0.1:  # a few ties against the camps
                    lean = -lean
                tie(a, b, lean)
    elif shape == "components":
        k = rng.randint(2, max(2, min(5, n // 2)))
        p = rng.uniform(0.3, 0.9)
        for g in range(k):
            for a, b in combinations(ids[g::k], 2):
                if rng.random() < p:
                    tie(a, b)
    elif shape == "star":
        for leaf in ids[1:]:
            tie(ids[0], leaf)
        for a, b in combinations(ids[1:], 2):
            if rng.random() < 0.1:
                tie(a, b)
    elif shape == "triangles":
        for i in range(0, n - 2, 3):
            a, b, c = ids[i:i + 3]
            tie(a, b), tie(a, c), tie(b, c)
        for a, b in combinations(ids, 2):
            if rng.random() < 0.05:
                tie(a, b)
    else:
        p = {"dense": rng.uniform(0.5, 1.0), "sparse": rng.uniform(0.02, 0.15),
             "tiny": 0.7}.get(shape, rng.uniform(0.1, 0.5))
        for a, b in combinations(ids, 2):
            if rng.random() < p:
                tie(a, b)

    lines = []
    rels = list(RELATIONS)
    for (a, b), lean in ties.items():
        sign = sign_mode or lean
        if cancel_p and rng.random() < cancel_p:
            ws = cancelling(rng)
            if rng.random() < 0.3:  # almost cancelling: a tie of 0.1
                ws.append(rng.choice((1, -1)))
        else:
            ws = [weight(rng, sign) for _ in range(rng.choice((1, 1, 2, 3, 5)))]
        if shape == "reciprocal" or rng.random() < 0.3:
            dirs = [(a, b), (b, a)]
        else:
            dirs = [rng.choice(((a, b), (b, a)))]
        for w in ws:
            s, t = rng.choice(dirs)
            lines.append(event(doc, s, t, w, rng.choice(rels)))

    # what the graph leaves out: self-loops, negated and untargeted events (also
    # negated and untargeted at once); they may bring actors of their own
    pool = ids + ["N%d" % i for i in range(3)]
    for _ in range(rng.choice((0, 0, 1, 3, 6))):
        kind = rng.choice(("self", "negated", "untargeted", "both"))
        s = rng.choice(pool)
        w = weight(rng, sign_mode)
        rel = rng.choice(rels)
        form = rng.choice(("absent", "null", "empty"))
        if kind == "self":
            lines.append(event(doc, s, s, w, rel))
        elif kind == "negated":
            lines.append(event(doc, s, rng.choice(pool), w, rel, negated=True))
        elif kind == "untargeted":
            lines.append(event(doc, s, None, w, rel, target_form=form))
        else:
            lines.append(event(doc, s, None, w, rel, negated=True, target_form=form))
    # actor lines: isolated actors, and some of the actors that act
    for i in range(rng.choice((0, 0, 1, 2, 5))):
        lines.append(actor_line("I%d" % i, rng.randint(0, 3)))
    for a in ids:
        if rng.random() < 0.3 or not any(a in k for k in ties):
            lines.append(actor_line(a, rng.randint(0, 9)))
    rng.shuffle(lines)
    signs = {1: "all positive", -1: "all negative", 0: "mixed"}[sign_mode]
    desc = "%s, %d ids, %d pairs, %s" % (shape, n, len(ties), signs)
    return lines, desc


def hand_sets():
    """Hand-picked cases: (name, lines, whether to check that the signed blocs have the
    best Q± of each small component)."""
    d = "hand.txt"
    acc, pra, meet, thr = RELATIONS[0], RELATIONS[1], RELATIONS[3], RELATIONS[2]

    def ev(s, t, w, rel=acc, **kw):
        return event(d, s, t, w, rel, **kw)

    sets = []
    sets.append(("actors-only", [actor_line("A"), actor_line("B", 0), actor_line("C", 4)],
                 True))
    sets.append(("one-actor", [actor_line("A")], True))
    sets.append(("self-loop-only", [ev("A", "A", -20), actor_line("B")], True))
    sets.append(("ignored-only", [ev("A", "B", -50, negated=True),
                                  ev("C", None, 30, target_form="absent"),
                                  ev("D", None, 30, target_form="null"),
                                  ev("E", None, 30, target_form="empty"),
                                  ev("F", None, -30, negated=True, target_form="null"),
                                  ev("G", "G", 10)], True))
    # two camps, friendly inside and hostile across: balanced, the camps are the blocs
    camps = (("A", "B", "C", "D"), ("E", "F", "G", "H"))
    lines = []
    for camp in camps:
        for a, b in combinations(camp, 2):
            lines.append(ev(a, b, 35, pra))
    for a in camps[0]:
        for b in camps[1]:
            lines.append(ev(a, b, -40) if a < "C" else ev(b, a, -25, thr))
    sets.append(("two-camps", lines, True))
    sets.append(("all-negative-triangle",
                 [ev("A", "B", -20), ev("B", "C", -35), ev("C", "A", -10, thr)],
                 True))
    # pairs whose weights cancel: +2 - 2; 1.1 + 2.2 - 3.3 over both directions and three
    # relations; only neutral statements (0.0); one that almost cancels (0.1 left)
    sets.append(("cancelling-pairs",
                 [ev("A", "B", 20, pra), ev("B", "A", -20),
                  ev("C", "D", 11, pra), ev("C", "D", 22, meet), ev("D", "C", -33),
                  ev("E", "F", 0, meet), ev("F", "E", 0, meet),
                  ev("G", "H", 11, pra), ev("H", "G", 22, meet), ev("G", "H", -32),
                  ev("A", "C", 10, pra), ev("B", "C", -10), ev("A", "D", -30)],
                 True))
    # a triangle with a neutral side is no triad
    sets.append(("neutral-side", [ev("A", "B", 20, pra), ev("B", "C", -20),
                                  ev("A", "C", 15, pra), ev("C", "A", -15)], True))
    # components of two actors: one bloc when friendly, two when hostile
    sets.append(("pairs", [ev("A", "B", 40, pra), ev("B", "A", 10, meet),
                           ev("C", "D", -40), ev("D", "C", 10, meet),
                           actor_line("E")],
                 True))
    # unbalanced triads of equal strength 0.6: 0.3 + 0.2 + 0.1 and 0.1 + 0.2 + 0.3 (the
    # second is 0.6000000000000001 in floating point): ties are ordered by actor id
    sets.append(("equal-strength", [ev("A", "B", 3, pra), ev("A", "C", 2, pra),
                                    ev("B", "C", -1), ev("A", "D", 1, pra),
                                    ev("A", "E", 2, pra), ev("D", "E", -3)], False))
    # more than five unbalanced triads: the list is cut at five, strongest first
    lines = []
    for a, b in combinations("ABCDEFG", 2):
        w = -((ord(a) * 7 + ord(b) * 13) % 50 + 1)
        lines.append(ev(a, b, w if (ord(a) + ord(b)) % 3 else -w, pra if w > 0 else acc))
    sets.append(("many-triads", lines, False))
    # ids in byte order: upper case before lower, "A10" before "A2", multi-byte last
    ids = ("A2", "A10", "b", "B", "Ä", "Ω", "日本", 'q"uote', "back\\slash", "z z")
    lines = []
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            if i < j and (i * 3 + j) % 4 == 0:
                lines.append(ev(a, b, 10 + i - 2 * j, pra if 10 + i - 2 * j > 0 else acc))
            elif i < j and (i + j) % 5 == 0:
                lines.append(ev(b, a, -(5 + i + j)))
    sets.append(("byte-order-ids", lines + [actor_line("é")], False))
    # a hub with hostile ties to friendly leaves: +-- triads, all balanced
    lines = [ev("H", leaf, -30) for leaf in "PQRS"]
    lines += [ev(a, b, 20, pra) for a, b in combinations("PQRS", 2)]
    sets.append(("hostile-hub", lines, True))
    return sets


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for o in lines:
            f.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")


# --- the reference, from the events file alone ---------------------------------------

def exact(x):
    """The decimal value of a JSON number, exactly (0.1 is 1/10, not its binary double)."""
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def reference(path):
    """Everything the summary reports that can be computed from the file."""
    names = {}
    events = graph_events = negated = untargeted = 0
    weights = []                   # Goldstein weights of the graph events, exact
    edges = set()                  # (source, relation, target)
    arcs = set()                   # (source, target)
    pair_sum = {}                  # unordered pair -> exact Goldstein sum
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            if "actor" in o:
                names[o["actor"]] = o.get("name") or o["actor"]
                continue
            events += 1
            s = o["source"]
            t = o.get("target") or None
            names.setdefault(s, s)
            if t is not None:
                names.setdefault(t, t)
            if o.get("negated") is True:
                negated += 1
                continue
            if t is None:
                untargeted += 1
                continue
            if s == t:
                continue
            graph_events += 1
            w = exact(o.get("goldstein", 0))
            weights.append(w)
            edges.add((s, o["relation"], t))
            arcs.add((s, t))
            key = (s, t) if s < t else (t, s)
            pair_sum[key] = pair_sum.get(key, Fraction(0)) + w

    actors = sorted(names)
    n = len(actors)
    g = nx.DiGraph()
    g.add_nodes_from(actors)
    g.add_edges_from(arcs)
    weak = list(nx.weakly_connected_components(g))
    net = {
        "actors": n,
        "isolated_actors": sum(1 for a in actors if g.degree(a) == 0),
        "events": events,
        "graph_events": graph_events,
        "negated_events": negated,
        "untargeted_events": untargeted,
        "hostile_events": sum(1 for w in weights if w < 0),
        "cooperative_events": sum(1 for w in weights if w > 0),
        "goldstein_mean": float(sum(weights) / len(weights)) if weights else None,
        "edges": len(edges),
        "arcs": len(arcs),
        "density": len(arcs) / (n * (n - 1)) if n > 1 else None,
        "weak_components": len(weak),
        "strong_components": nx.number_strongly_connected_components(g),
        "largest_component": max(len(c) for c in weak) if weak else 0,
        "reciprocity": nx.overall_reciprocity(g) if arcs else None,
    }
    if arcs:  # the definition itself, beside NetworkX's
        own = sum(1 for s, t in arcs if (t, s) in arcs) / len(arcs)
        assert abs(own - net["reciprocity"]) < 1e-12, (own, net["reciprocity"])

    # the signed projection
    tie = {k: w for k, w in pair_sum.items() if w != 0}
    sp = nx.Graph()
    sp.add_nodes_from(actors)
    sp.add_edges_from(tie)
    comp = {}
    for i, c in enumerate(nx.connected_components(sp)):
        for a in c:
            comp[a] = i
    triads = []
    adj = {a: set(sp[a]) for a in actors}
    for a in actors:
        for b in adj[a]:
            if b <= a:
                continue
            for c in adj[a] & adj[b]:
                if c > b:
                    triads.append((a, b, c, tie[(a, b)], tie[(a, c)], tie[(b, c)]))
    unbalanced = [t for t in triads if (t[3] < 0) + (t[4] < 0) + (t[5] < 0) in (1, 3)]
    unbalanced.sort(key=lambda t: (-(abs(t[3]) + abs(t[4]) + abs(t[5])), t[0], t[1], t[2]))
    bal = {
        "signed_ties": len(tie),
        "positive_ties": sum(1 for w in tie.values() if w > 0),
        "negative_ties": sum(1 for w in tie.values() if w < 0),
        "neutral_pairs": len(pair_sum) - len(tie),
        "triads": len(triads),
        "balanced": len(triads) - len(unbalanced),
        "unbalanced": len(unbalanced),
        "all_negative": sum(1 for t in triads if t[3] < 0 and t[4] < 0 and t[5] < 0),
        "balanced_share": (len(triads) - len(unbalanced)) / len(triads) if triads else None,
        "most_unbalanced": unbalanced[:MAX_LISTED],
    }
    return {"names": names, "actors": actors, "network": net, "balance": bal,
            "ties": tie, "component": comp}


def newman(ties, bloc_of):
    """Newman modularity of a partition on ties {(u, v): w > 0}, exactly: sum over blocs
    of 2 W_c / 2w - (K_c / 2w)^2; None when there are no ties."""
    two_w = 2 * sum(ties.values())
    if two_w == 0:
        return None
    inside, strength = {}, {}
    for (u, v), w in ties.items():
        for x in (u, v):
            strength[bloc_of[x]] = strength.get(bloc_of[x], 0) + w
        if bloc_of[u] == bloc_of[v]:
            inside[bloc_of[u]] = inside.get(bloc_of[u], 0) + w
    return sum(Fraction(2 * inside.get(c, 0)) / two_w - (Fraction(k) / two_w) ** 2
               for c, k in strength.items())


def signed_modularity(ties, bloc_of):
    """Q± = (2w+ Q+ - 2w- Q-) / (2w+ + 2w-) (Gómez, Jensen & Arenas 2009); None without
    signed ties."""
    pos = {k: w for k, w in ties.items() if w > 0}
    neg = {k: -w for k, w in ties.items() if w < 0}
    wp, wn = sum(pos.values()), sum(neg.values())
    if wp + wn == 0:
        return None
    qp = newman(pos, bloc_of) or 0
    qn = newman(neg, bloc_of) or 0
    return float((2 * wp * qp - 2 * wn * qn) / (2 * wp + 2 * wn))


# --- comparison --------------------------------------------------------------------------

class Check:
    """Counts the values compared and collects the disagreements of one graph."""

    def __init__(self, name, path):
        self.name, self.path = name, path
        self.values = 0
        self.fails = []

    def fail(self, field, got, want):
        self.fails.append("%s (%s): %s: stancegraph %s, reference %s" % (
            self.name, self.path, field, json.dumps(got, ensure_ascii=False),
            json.dumps(want, ensure_ascii=False)))

    def same(self, field, got, want):
        """Exactly equal (counts, ids, lists; a count must be a JSON integer)."""
        self.values += 1
        ok = got == want and type(got) is type(want)
        if not ok:
            self.fail(field, got, want)
        return ok

    def near(self, field, got, want, tol=TOL):
        """Within tol, or both null."""
        self.values += 1
        if want is None:
            ok = got is None
        else:
            ok = (isinstance(got, (int, float)) and not isinstance(got, bool) and
                  abs(got - float(want)) <= tol + 1e-12)
        if not ok:
            self.fail(field, got, want if want is None else float(want))
        return ok

    def true(self, field, cond, got, want):
        self.values += 1
        if not cond:
            self.fail(field, got, want)
        return cond


def run_json(cmd):
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if run.returncode != 0:
        return None, "stancegraph exited %d: %s" % (
            run.returncode, run.stderr.decode("utf-8", "replace").strip())
    try:
        return json.loads(run.stdout.decode("utf-8")), None
    except ValueError as e:
        return None, "output is not JSON: %s" % e


def check_network(ck, got, ref):
    ck.same("network keys", sorted(got), sorted(NETWORK_KEYS))
    for k in NETWORK_KEYS:
        want = ref["network"][k]
        if k in ("goldstein_mean", "density", "reciprocity"):
            ck.near("network." + k, got.get(k), want)
        else:
            ck.same("network." + k, got.get(k), want)


def check_balance(ck, got, ref):
    bal = ref["balance"]
    names = ref["names"]
    for k in BALANCE_COUNTS:
        ck.same("balance." + k, got.get(k), bal[k])
    ck.near("balance.balanced_share", got.get("balanced_share"), bal["balanced_share"])
    listed = got.get("most_unbalanced") or []
    want = bal["most_unbalanced"]

    got_rows = [[x.get("id") for x in row.get("actors") or []] for row in listed]
    want_rows = [[a, b, c] for a, b, c, _, _, _ in want]
    ck.values += 1
    if got_rows != want_rows:  # shown with the strengths
        ck.fail("balance.most_unbalanced (actors, strength)",
                ["%s (%g)" % (" ".join(r), row.get("strength"))
                 for r, row in zip(got_rows, listed)],
                ["%s %s %s (%g)" % (a, b, c, abs(x) + abs(y) + abs(z))
                 for a, b, c, x, y, z in want])
        return
    for i, (row, (a, b, c, wab, wac, wbc)) in enumerate(zip(listed, want)):
        f = "balance.most_unbalanced[%d]" % i
        ck.same(f + ".actors", row.get("actors"),
                [{"id": x, "name": names[x]} for x in (a, b, c)])
        ck.near(f + ".w_ab", row.get("w_ab"), wab)
        ck.near(f + ".w_ac", row.get("w_ac"), wac)
        ck.near(f + ".w_bc", row.get("w_bc"), wbc)
        ck.near(f + ".strength", row.get("strength"), abs(wab) + abs(wac) + abs(wbc))


def partition(ck, field, got, ref):
    """Checks the partition properties shared by both kinds of blocs; returns
    {actor: bloc} (None when it is not a partition of the actors)."""
    blocs = got.get("blocs") or []
    names = ref["names"]
    ck.same(field + ".count", got.get("count"), len(blocs))
    bloc_of = {}
    ok = True
    firsts = []
    for i, bl in enumerate(blocs):
        f = "%s.blocs[%d]" % (field, i)
        ck.same(f + ".bloc", bl.get("bloc"), i + 1)
        members = [m.get("id") for m in bl.get("actors") or []]
        ck.same(f + ".size", bl.get("size"), len(members))
        ck.true(f + " is not empty", bool(members), members, "at least one actor")
        ck.same(f + ".actors", bl.get("actors"),
                [{"id": a, "name": names.get(a)} for a in sorted(members)])
        for a in members:
            if a in bloc_of:
                ck.fail("%s: actor %s in two blocs" % (field, a), [bloc_of[a] + 1, i + 1],
                        "one bloc")
                ok = False
            bloc_of[a] = i
        if members:
            firsts.append(min(members))
    ck.same(field + " first actor ids, in bloc order", firsts, sorted(firsts))
    ck.same(field + " actors", sorted(bloc_of), ref["actors"])
    if sorted(bloc_of) != ref["actors"]:
        ok = False
    if not ok:
        return None
    comp = ref["component"]
    for i in range(len(blocs)):
        spans = sorted({comp[a] for a, b in bloc_of.items() if b == i})
        ck.true("%s.blocs[%d] within one component of the signed projection" % (field, i),
                len(spans) == 1,
                [sorted(a for a, b in bloc_of.items() if b == i and comp[a] == c)
                 for c in spans], "one component")
    return bloc_of


def partitions(items):
    """Every partition of the list items, as lists of blocs."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in partitions(rest):
        yield [[first]] + part
        for i in range(len(part)):
            yield part[:i] + [[first] + part[i]] + part[i + 1:]


def check_optimum(ck, ties, members, bloc_of):
    """Each component of the signed projection of 2 .. OPTIMUM_MAX actors, where spinglass
    maximises the component's own Q±, is partitioned with the best Q± there is (found by
    trying every partition); for hand-picked sets, where the optimum is plain."""
    for comp in members.values():
        if not 2 <= len(comp) <= OPTIMUM_MAX:
            continue
        inside = set(comp)
        own = {k: w for k, w in ties.items() if k[0] in inside}
        best, best_part = None, None
        for part in partitions(sorted(comp)):
            label = {a: i for i, bl in enumerate(part) for a in bl}
            q = signed_modularity(own, label)
            if best is None or q > best + 1e-12:
                best, best_part = q, part
        got = signed_modularity(own, {a: bloc_of[a] for a in comp})
        ck.true("blocs.signed: Q± of the component %s" % sorted(comp), got >= best - 1e-9,
                "%.9f with %s" % (got, sorted(sorted(a for a in comp if bloc_of[a] == b)
                                              for b in {bloc_of[a] for a in comp})),
                "%.9f with %s" % (best, sorted(sorted(bl) for bl in best_part)))


def check_blocs(ck, got, ref, optimum):
    ties = ref["ties"]
    signed = got.get("signed") or {}
    bloc_of = partition(ck, "blocs.signed", signed, ref)
    ck.same("blocs.signed.capped_actors", signed.get("capped_actors"), 0)
    if bloc_of is not None:
        frustrated = [(k, w) for k, w in ties.items()
                      if (w < 0) == (bloc_of[k[0]] == bloc_of[k[1]])]
        total = sum(abs(w) for w in ties.values())
        ck.same("blocs.signed.frustrated_ties", signed.get("frustrated_ties"), len(frustrated))
        ck.near("blocs.signed.frustration", signed.get("frustration"),
                sum(abs(w) for _, w in frustrated) / total if total else None)
        ck.near("blocs.signed.modularity", signed.get("modularity"),
                signed_modularity(ties, bloc_of))
        # a component of two actors: the optimum, without spinglass
        members = {}
        for a, c in ref["component"].items():
            members.setdefault(c, []).append(a)
        for c in members.values():
            if len(c) == 2:
                a, b = sorted(c)
                w = ties[(a, b)]
                ck.same("blocs.signed: %s and %s (tie %s) in one bloc" % (a, b, float(w)),
                        bloc_of[a] == bloc_of[b], w > 0)
        if optimum:
            check_optimum(ck, ties, members, bloc_of)

    coop = got.get("cooperative") or {}
    bloc_of = partition(ck, "blocs.cooperative", coop, ref)
    if bloc_of is not None:
        pos = {k: w for k, w in ties.items() if w > 0}
        want = None
        if pos:
            gp = nx.Graph()
            gp.add_nodes_from(ref["actors"])
            for (u, v), w in pos.items():
                gp.add_edge(u, v, weight=float(w))
            groups = {}
            for a, b in bloc_of.items():
                groups.setdefault(b, set()).add(a)
            want = nx.community.modularity(gp, list(groups.values()), weight="weight")
            own = float(newman(pos, bloc_of))
            assert abs(own - want) < 1e-9, (own, want)
        ck.near("blocs.cooperative.modularity", coop.get("modularity"), want)


def order_error(rows, values, lowest):
    """The first pair of neighbours out of order in rows (ids), or None: values must
    descend (ascend for a *_lowest list); values equal within TIE (relative) are ties
    and must be in id order."""
    for x, y in zip(rows, rows[1:]):
        a, b = values[x], values[y]
        if abs(a - b) <= TIE * max(1.0, abs(a), abs(b)):
            if not x < y:
                return x, y, "a tie (within %g), not in id order" % TIE
        elif (a > b) == lowest:
            return x, y, "%s order" % ("ascending" if lowest else "descending")
    return None


def check_top(ck, top, cent17, cent6, ref):
    ck.same("top keys", sorted(top), sorted(LISTS))
    names = ref["names"]
    exact_rows = {r["id"]: r for r in cent17}
    rounded_rows = {r["id"]: r for r in cent6}
    ck.same("centrality actors", sorted(exact_rows), ref["actors"])
    if sorted(exact_rows) != ref["actors"] or sorted(rounded_rows) != ref["actors"]:
        return
    for lst in LISTS:
        metric = lst[:-len("_lowest")] if lst.endswith("_lowest") else lst
        rows = [r.get("id") for r in top.get(lst) or []]
        if not ck.same("top.%s actors" % lst, sorted(rows), ref["actors"]):
            continue
        values = {a: exact_rows[a][metric] for a in rows}
        bad = order_error(rows, values, lst.endswith("_lowest"))
        ck.values += 1
        if bad is not None:
            x, y, why = bad
            i = rows.index(x)
            ck.fail("top.%s[%d..%d] order" % (lst, i, i + 1),
                    "%s (%r) before %s (%r)" % (x, values[x], y, values[y]),
                    "%s first: %s (values of centrality --digits 17)" % (y, why))
            continue
        for r in top[lst]:
            a = r["id"]
            ck.same("top.%s %s name" % (lst, a), r.get("name"), names[a])
            ck.same("top.%s %s value (centrality --format json)" % (lst, a), r.get("value"),
                    rounded_rows[a][metric])
            ck.near("top.%s %s value (--digits 17)" % (lst, a), r.get("value"),
                    exact_rows[a][metric])


def check_one(job):
    """Runs stancegraph on one file and compares; returns (values compared, failures)."""
    name, path, binary, optimum = job
    ck = Check(name, path)
    summary, err = run_json([binary, "summary", "--format", "json", "--top", "0", path])
    cent17, err17 = run_json([binary, "centrality", "--format", "json", "--digits", "17", path])
    cent6, err6 = run_json([binary, "centrality", "--format", "json", path])
    for what, e in (("summary", err), ("centrality --digits 17", err17), ("centrality", err6)):
        if e is not None:
            ck.fails.append("%s (%s): %s: %s" % (name, path, what, e))
    if ck.fails:
        return ck.values, ck.fails
    ref = reference(path)
    ck.same("sections", sorted(summary), ["balance", "blocs", "network", "top"])
    check_network(ck, summary.get("network") or {}, ref)
    check_balance(ck, summary.get("balance") or {}, ref)
    check_blocs(ck, summary.get("blocs") or {}, ref, optimum)
    check_top(ck, summary.get("top") or {}, cent17, cent6, ref)
    return ck.values, ck.fails


def main():
    ap = argparse.ArgumentParser(description="Check stancegraph's summary (JSON) against "
                                 "an independent recomputation with NetworkX.")
    ap.add_argument("--bin", default="build/stancegraph", help="the stancegraph binary")
    ap.add_argument("--seeds", type=int, default=64, metavar="N",
                    help="number of random event sets (default 64, at least 0)")
    ap.add_argument("--first-seed", type=int, default=FIRST_SEED, metavar="S",
                    help="seed of the first random set (default %d); the others follow" %
                    FIRST_SEED)
    ap.add_argument("--keep", metavar="DIR", help="write the event sets to DIR and keep them")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per graph")
    opts = ap.parse_args()
    if opts.seeds < 0:
        ap.error("--seeds needs a non-negative number")
    if not os.access(opts.bin, os.X_OK):
        print("summary_check: %s is not an executable (build it with make)" % opts.bin)
        return 2
    start = time.monotonic()
    if opts.keep:
        os.makedirs(opts.keep, exist_ok=True)
        tmp = opts.keep
    else:
        tmp = tempfile.mkdtemp(prefix="summary_check.")
    jobs, descs = [], {}
    for name, lines, optimum in hand_sets():
        path = os.path.join(tmp, "hand-%s.jsonl" % name)
        write_lines(path, lines)
        jobs.append(("hand-picked " + name, path, opts.bin, optimum))
        descs[jobs[-1][0]] = "%d lines" % len(lines)
    for i in range(opts.seeds):
        seed = opts.first_seed + i
        lines, desc = random_set(seed)
        path = os.path.join(tmp, "seed-%d.jsonl" % seed)
        write_lines(path, lines)
        jobs.append(("seed %d" % seed, path, opts.bin, False))
        descs[jobs[-1][0]] = desc

    workers = min(4, os.cpu_count() or 1)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(check_one, jobs))
    else:
        results = [check_one(j) for j in jobs]

    values, fails = 0, []
    for job, (compared, bad) in zip(jobs, results):
        values += compared
        fails += bad
        if opts.verbose:
            print("  %-30s %-48s %5d values %s" % (job[0], descs[job[0]], compared,
                                                   "FAIL" if bad else "ok"))
    elapsed = time.monotonic() - start
    if fails:
        for f in fails[:50]:
            print("summary_check: FAIL " + f)
        if len(fails) > 50:
            print("summary_check: ... and %d more disagreements" % (len(fails) - 50))
        print("summary_check: %d disagreements in %d graphs; the event sets are kept in %s" %
              (len(fails), len(jobs), tmp))
        return 1
    if not opts.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print("summary_check: %d graphs (%d hand-picked, %d random), %d values agree in %.1f s" %
          (len(jobs), len(jobs) - opts.seeds, opts.seeds, values, elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
