#!/usr/bin/env python3
"""Checks every centrality of `stancegraph centrality` against NetworkX.

Generates event sets (JSON Lines, as `stancegraph extract` writes them) from fixed
seeds, runs `BIN centrality --format json --digits 17` on each, and recomputes each
metric from the same file, read here with Python's json module, following the
contracts of include/sg_graph.h and README.md ("Centralities"):

  actor network  one directed edge per ordered pair of distinct actors with at least one
                 event that is not negated and has a target; weight w = its events;
                 every actor of the file (actor lines, sources, targets) is a node
  in/out_degree  distinct partners; degree = in + out
  in/out_strength events received / sent; signed_in/out: their Goldstein sums
  betweenness    nx.betweenness_centrality, directed, unnormalised, length 1/w
  harmonic       nx.harmonic_centrality, length 1/w, on outgoing paths, / (n - 1)
  pagerank       NetworkX PageRank, damping 0.85, weights w
  hub, authority NetworkX HITS iteration, weights w, maximum scaled to 1; 0 without edges
  eigenvector    nx.eigenvector_centrality of the undirected projection (weight = events
                 both ways), maximum scaled to 1; 0 without edges

Hub, authority and eigenvector are also computed exactly, from a full eigen-
decomposition (Jacobi rotations) of A A^T and of the projection: the limit of the power
iteration from the all-ones vector is the projection of that vector on the dominant
eigenspace, which stancegraph documents as its answer when the principal eigenvalue is
degenerate (two equal components, a reciprocal pair with equal counts). Both the
NetworkX iteration and this exact value must agree with stancegraph. A graph whose
second eigenvalue is within 1e-6 (relative) of the first without being equal to it is
too close to call: that metric is skipped there and the skip is counted.

Event counts per actor pair are powers of two, so lengths 1/w and their sums are exact
binary fractions and shortest-path ties are exact in both libraries.

  nx_check.py [--bin BIN] [--seeds N] [--first-seed S] [--keep DIR] [-v]

run from the repository root (BIN defaults to build/stancegraph); --seeds N random sets
(default 60) from seed S (default 1001), after the hand-picked ones.

Exit status 0 when every value agrees (within 1e-9, relative above 1; degrees and
strengths exactly); 1 on any disagreement (each printed with its graph, actor, metric
and both values; the generated files are kept); 2 on a usage error or a missing
binary; 77 when networkx cannot be imported."""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import networkx as nx
except ImportError:
    print("nx_check: skipped, the Python module networkx is not installed "
          "(Debian: apt-get install python3-networkx)")
    sys.exit(77)

METRICS = ("in_degree", "out_degree", "degree", "in_strength", "out_strength",
           "signed_in", "signed_out", "betweenness", "harmonic", "pagerank", "hub",
           "authority", "eigenvector")
INTEGER_METRICS = ("in_degree", "out_degree", "degree", "in_strength", "out_strength")
SPECTRAL = ("hub", "authority", "eigenvector")

FIRST_SEED = 1001  # random sets use seeds FIRST_SEED, FIRST_SEED + 1, ...

# (relation, CAMEO code) pairs the generator draws from
RELATIONS = (("accuse", "112"), ("praise", "051"), ("threaten", "130"), ("meet", "040"),
             ("reject", "120"), ("aid", "070"), ("attack", "190"), ("appeal", "020"))

# eigenvalues within SAME (relative) of the largest belong to its eigenspace; one
# between SAME and NEAR away is too close to tell from it: the metric is skipped
SAME = 1e-9
NEAR = 1e-6


# --- event sets --------------------------------------------------------------------------

def event(rng, doc, source, target, relation=None, negated=False, goldstein=None,
          negative=False):
    rel, cameo = relation if relation is not None else rng.choice(RELATIONS)
    if goldstein is None:
        # one decimal, as in the CAMEO codebook; sometimes a binary fraction
        if rng.random() < 0.3:
            goldstein = rng.randint(-40, 40) / 4.0
        else:
            goldstein = round(rng.uniform(-10, 10), 1)
        if negative:
            goldstein = -abs(goldstein) if goldstein != 0 else -1.5
    o = {"doc": doc, "source": source}
    if target is not None or rng.random() < 0.5:
        o["target"] = target
    o.update({"relation": rel, "cameo": cameo, "goldstein": goldstein})
    if negated or rng.random() < 0.5:
        o["negated"] = negated
    return o


def actor_line(aid, mentions=1):
    return {"actor": aid, "name": aid, "type": "country", "mentions": mentions}


def pair_events(rng, doc, s, t, count, negative=False, one_relation=False):
    """count events from s to t, spread over one to three relations."""
    k = 1 if one_relation else rng.randint(1, min(3, count))
    rels = rng.sample(RELATIONS, k)
    cuts = sorted(rng.sample(range(1, count), k - 1)) if k > 1 else []
    sizes = [b - a for a, b in zip([0] + cuts, cuts + [count])]
    out = []
    for rel, size in zip(rels, sizes):
        for _ in range(size):
            out.append(event(rng, doc, s, t, rel, negative=negative))
    return out


SHAPES = ("sparse", "dense", "medium", "dag", "components", "twins", "star", "bipartite",
          "reciprocal", "cycle", "empty", "path")


def random_set(seed):
    """The event lines of one random set, and a short description. Consecutive seeds
    take the shapes in turn."""
    rng = random.Random(seed)
    shape = SHAPES[(seed - FIRST_SEED) % len(SHAPES)]
    n = rng.choice((rng.randint(1, 6), rng.randint(2, 15), rng.randint(10, 40)))
    if shape in ("twins", "components", "bipartite", "cycle", "path", "star"):
        n = max(n, 4 if shape == "twins" else 3)
    doc = "s%d.txt" % seed
    if rng.random() < 0.15:  # multi-byte UTF-8 ids, and dots
        ids = ["%s%d" % (rng.choice(("A", "b", "Ω", "ä", "x.y")), i) for i in range(n)]
    else:
        ids = ["A%d" % i for i in range(n)]
    rng.shuffle(ids)
    counts = (1, 2, 4, 8)
    uniform = rng.random() < 0.25  # one count everywhere: more ties and symmetry
    fixed = rng.choice(counts)

    def cnt():
        return fixed if uniform else rng.choice(counts)

    pairs = {}

    def add(s, t, c=None):
        if s != t:
            pairs[(s, t)] = c if c is not None else cnt()

    if shape in ("sparse", "dense", "medium", "dag"):
        p = {"sparse": rng.uniform(0.01, 0.15), "dense": rng.uniform(0.5, 1.0),
             "medium": rng.uniform(0.15, 0.5), "dag": rng.uniform(0.05, 0.6)}[shape]
        for i, s in enumerate(ids):
            for j, t in enumerate(ids):
                if (shape != "dag" or i < j) and rng.random() < p:
                    add(s, t)
    elif shape == "components":
        k = rng.randint(2, max(2, min(5, n // 2)))
        groups = [ids[g::k] for g in range(k)]
        p = rng.uniform(0.2, 0.9)
        for grp in groups:
            for s in grp:
                for t in grp:
                    if rng.random() < p:
                        add(s, t)
    elif shape == "twins":
        # copies of one component: a degenerate principal eigenvalue
        m = rng.randint(2, max(2, min(8, n // 2)))
        copies = max(2, min(4, n // m))
        inner = [(a, b, cnt()) for a in range(m) for b in range(m)
                 if a != b and rng.random() < 0.6]
        if not inner:
            inner = [(0, 1, cnt())]
        for c in range(copies):
            for a, b, w in inner:
                add(ids[c * m + a], ids[c * m + b], w)
    elif shape == "star":
        centre = ids[0]
        way = rng.choice(("out", "in", "both"))
        for leaf in ids[1:]:
            if way in ("out", "both"):
                add(centre, leaf)
            if way in ("in", "both"):
                add(leaf, centre)
    elif shape == "bipartite":
        cut = rng.randint(1, n - 1)
        left, right = ids[:cut], ids[cut:]
        p = rng.uniform(0.2, 1.0)
        for s in left:
            for t in right:
                if rng.random() < p:
                    add(s, t)
                if rng.random() < p / 2:
                    add(t, s)
    elif shape == "reciprocal":
        p = rng.uniform(0.1, 0.7)
        for i, s in enumerate(ids):
            for t in ids[i + 1:]:
                if rng.random() < p:
                    c = cnt()
                    add(s, t, c)
                    add(t, s, c if rng.random() < 0.6 else cnt())
    elif shape in ("cycle", "path"):
        m = rng.randint(3, n)
        for i in range(m if shape == "cycle" else m - 1):
            add(ids[i], ids[(i + 1) % m])
    # shape "empty": no pairs at all

    negative = rng.random() < 0.2  # all Goldstein weights negative
    lines = []
    for (s, t), c in pairs.items():
        lines += pair_events(rng, doc, s, t, c, negative=negative)
    # what the graph ignores: self-loops, negated and untargeted events; they may bring
    # actors of their own, which become isolated nodes
    pool = ids + ["N%d" % i for i in range(3)]
    for _ in range(rng.choice((0, 0, 1, 3, 6))):
        kind = rng.choice(("self", "negated", "untargeted"))
        s = rng.choice(pool)
        if kind == "self":
            lines.append(event(rng, doc, s, s, negative=negative))
        elif kind == "negated":
            lines.append(event(rng, doc, s, rng.choice(pool), negated=True, negative=negative))
        else:
            o = event(rng, doc, s, None, negative=negative)
            if rng.random() < 0.3:
                o["target"] = ""
            lines.append(o)
    # actor lines: isolated actors and some actors that also act
    for i in range(rng.choice((0, 0, 1, 2, 5))):
        lines.append(actor_line("I%d" % i, rng.randint(0, 3)))
    for a in ids:
        if rng.random() < 0.3:
            lines.append(actor_line(a, rng.randint(0, 9)))
    if not any("actor" in o or o["source"] in ids or o.get("target") in ids for o in lines):
        lines.append(actor_line(ids[0]))
    rng.shuffle(lines)
    desc = "%s, %d ids, %d pairs%s%s" % (shape, n, len(pairs), ", one count" if uniform else "",
                                         ", all Goldstein < 0" if negative else "")
    return lines, desc


def hand_sets():
    """Hand-picked edge cases: (name, lines)."""
    rng = random.Random(7)
    d = "hand.txt"

    def ev(s, t, count=1, **kw):
        return pair_events(rng, d, s, t, count, one_relation=True, **kw)

    sets = []
    sets.append(("actors-only", [actor_line("A"), actor_line("B", 0), actor_line("C", 4)]))
    sets.append(("one-actor", [actor_line("A")]))
    sets.append(("self-loop-only", [event(rng, d, "A", "A")]))
    sets.append(("one-edge", ev("A", "B")))
    sets.append(("ignored-only", [event(rng, d, "A", "B", negated=True),
                                  {"doc": d, "source": "C", "relation": "meet", "cameo": "040",
                                   "goldstein": 1.0},
                                  {"doc": d, "source": "D", "target": None, "relation": "meet",
                                   "cameo": "040", "goldstein": 1.0},
                                  {"doc": d, "source": "E", "target": "", "relation": "meet",
                                   "cameo": "040", "goldstein": 1.0},
                                  event(rng, d, "F", "F")]))
    # HITS degenerate: A A^T = 4 I
    sets.append(("reciprocal-equal", ev("A", "B", 2) + ev("B", "A", 2)))
    sets.append(("reciprocal-unequal", ev("A", "B", 2) + ev("B", "A", 8) + ev("B", "C", 1)))
    # two identical components: every spectral metric degenerate
    twin = []
    for a, b, c in (("A", "B", "C"), ("D", "E", "F")):
        twin += ev(a, b, 1) + ev(b, c, 2) + ev(c, a, 1) + ev(a, c, 4)
    sets.append(("twin-components", twin + [actor_line("G")]))
    # shortest A -> D of length 1 three ways: direct, via B (1/2 + 1/2), via C and F
    # (1/4 + 1/2 + 1/4)
    sets.append(("tied-paths", ev("A", "D", 1) + ev("A", "B", 2) + ev("B", "D", 2) +
                 ev("A", "C", 4) + ev("C", "F", 2) + ev("F", "D", 4) + ev("D", "E", 8)))
    sets.append(("directed-cycle", [e for i in range(5)
                                    for e in ev("C%d" % i, "C%d" % ((i + 1) % 5), 2)]))
    sets.append(("complete-equal", [e for s in "ABCDE" for t in "ABCDE" if s != t
                                    for e in ev(s, t, 1)]))
    sets.append(("dag-chain", ev("A", "B", 1) + ev("B", "C", 2) + ev("C", "D", 4) +
                 ev("D", "E", 8) + ev("A", "E", 1) + ev("B", "D", 1)))
    sets.append(("star-out", [e for i, c in enumerate((1, 2, 4, 8, 1, 2))
                              for e in ev("H", "L%d" % i, c)]))
    sets.append(("all-negative", ev("A", "B", 4, negative=True) + ev("B", "C", 1, negative=True) +
                 ev("C", "A", 2, negative=True) + ev("C", "B", 8, negative=True)))
    # ids that need JSON escapes, a space, multi-byte UTF-8
    sets.append(("odd-ids", ev('q"uote', "back\\slash", 2) + ev("back\\slash", "Ω", 1) +
                 ev("Ω", "日本", 4) + ev("日本", 'q"uote', 1) + ev("z z", "ä", 8) +
                 [actor_line("\u00e9t\u00e9")]))
    return sets


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for o in lines:
            f.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")


# --- reading an events file (independent of stancegraph) ---------------------------------

def read_network(path):
    """Nodes, event count per ordered pair, Goldstein sums sent and received."""
    nodes = set()
    pairs = {}
    signed_out = {}
    signed_in = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            o = json.loads(line)
            if "actor" in o:
                nodes.add(o["actor"])
                continue
            s = o["source"]
            t = o.get("target") or None
            nodes.add(s)
            if t is not None:
                nodes.add(t)
            if o.get("negated") is True or t is None or s == t:
                continue
            pairs[(s, t)] = pairs.get((s, t), 0) + 1
            g = o.get("goldstein", 0)
            signed_out[s] = signed_out.get(s, 0.0) + g
            signed_in[t] = signed_in.get(t, 0.0) + g
    return nodes, pairs, signed_in, signed_out


# --- exact dominant eigenspace ----------------------------------------------------------

def sym_eig(m):
    """Eigenvalues and eigenvectors (columns of v) of the symmetric matrix m, by cyclic
    Jacobi rotations."""
    n = len(m)
    a = [[float(x) for x in row] for row in m]
    v = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    norm2 = sum(x * x for row in a for x in row)
    for _ in range(100):
        off = sum(a[p][q] ** 2 for p in range(n) for q in range(p + 1, n))
        if off <= 1e-32 * norm2:
            break
        for p in range(n - 1):
            for q in range(p + 1, n):
                apq = a[p][q]
                if apq == 0.0:
                    continue
                theta = (a[q][q] - a[p][p]) / (2.0 * apq)
                t = math.copysign(1.0, theta) / (abs(theta) + math.sqrt(theta * theta + 1.0))
                c = 1.0 / math.sqrt(t * t + 1.0)
                s = t * c
                for row in a:
                    x, y = row[p], row[q]
                    row[p] = c * x - s * y
                    row[q] = s * x + c * y
                ap, aq = a[p], a[q]
                a[p] = [c * x - s * y for x, y in zip(ap, aq)]
                a[q] = [s * x + c * y for x, y in zip(ap, aq)]
                for row in v:
                    x, y = row[p], row[q]
                    row[p] = c * x - s * y
                    row[q] = s * x + c * y
    return [a[i][i] for i in range(n)], v


def dominant_limit(m):
    """The projection of the all-ones vector on the eigenspace of the largest eigenvalue
    of the non-negative symmetric matrix m, scaled to maximum 1, with the dimension of
    that eigenspace; (None, 0) when another eigenvalue is too close to call."""
    n = len(m)
    live = [i for i in range(n) if any(m[i])]
    if not live:
        return [0.0] * n, 0
    w, v = sym_eig([[m[i][j] for j in live] for i in live])
    top = max(w)
    same = [k for k, x in enumerate(w) if x >= top - SAME * top]
    if any(top - NEAR * top <= x < top - SAME * top for x in w):
        return None, 0
    x = [0.0] * n
    for k in same:
        dot = sum(v[i][k] for i in range(len(live)))
        for i, node in enumerate(live):
            x[node] += v[i][k] * dot
    return scaled(x), len(same)


def scaled(x):
    top = max(x)
    return [max(0.0, y / top) for y in x]


# --- NetworkX --------------------------------------------------------------------------

def harmonic_is_incoming():
    """NetworkX's harmonic centrality sums 1/d(v, u) over the nodes v reaching u (an
    incoming measure) in the versions known; asked here rather than assumed."""
    h = nx.harmonic_centrality(nx.DiGraph([(0, 1)]))
    return h[1] > 0


def have_scipy():
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
    except ImportError:
        return False
    return True


def nx_pagerank(g):
    # NetworkX's public pagerank needs SciPy; the same iteration in Python otherwise
    if have_scipy():
        return nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-15, max_iter=10000)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    return _pagerank_python(g, alpha=0.85, weight="weight", tol=1e-15, max_iter=10000)


def nx_hits(g):
    """NetworkX's HITS iteration (h <- A a, a <- A^T h from uniform h), as dicts scaled to
    maximum 1; None when it did not converge. The Python iteration is preferred: its
    limit is the one stancegraph documents; nx.hits (SciPy's SVD) otherwise."""
    try:
        from networkx.algorithms.link_analysis.hits_alg import _hits_python as hits
    except ImportError:
        hits = nx.hits if have_scipy() else None
    if hits is None:
        return None
    try:
        h, a = hits(g, max_iter=200000, tol=1e-14, normalized=False)
    except nx.PowerIterationFailedConvergence:
        return None
    hm, am = max(h.values()), max(a.values())
    return ({k: max(0.0, x / hm) for k, x in h.items()},
            {k: max(0.0, x / am) for k, x in a.items()})


def nx_eigenvector(u):
    # the stopping test is on the mean change of a unit vector: 1e-15 can be below the
    # rounding noise of some graphs, hence the next tolerance
    for tol in (1e-15, 1e-14):
        try:
            x = nx.eigenvector_centrality(u, weight="weight", max_iter=20000, tol=tol)
            break
        except nx.PowerIterationFailedConvergence:
            pass
    else:
        return None
    top = max(x.values())
    return {k: max(0.0, y / top) for k, y in x.items()}


def reference(path, incoming_harmonic):
    """Every metric of every actor: {actor: {metric: [values]}}, each value to be matched
    (two for the spectral ones: NetworkX and exact), and the notes of the graph."""
    nodes, pairs, signed_in, signed_out = read_network(path)
    order = sorted(nodes)
    n = len(order)
    g = nx.DiGraph()
    g.add_nodes_from(order)
    for (s, t), c in pairs.items():
        g.add_edge(s, t, weight=c, length=1.0 / c)
    ref = {a: {m: [] for m in METRICS} for a in order}

    def put(metric, values):
        for a in order:
            ref[a][metric].append(values[a])

    put("in_degree", dict(g.in_degree()))
    put("out_degree", dict(g.out_degree()))
    put("degree", {a: g.in_degree(a) + g.out_degree(a) for a in order})
    put("in_strength", dict(g.in_degree(weight="weight")))
    put("out_strength", dict(g.out_degree(weight="weight")))
    put("signed_in", {a: signed_in.get(a, 0.0) for a in order})
    put("signed_out", {a: signed_out.get(a, 0.0) for a in order})
    put("betweenness", nx.betweenness_centrality(g, normalized=False, weight="length"))
    h = nx.harmonic_centrality(g.reverse(copy=True) if incoming_harmonic else g,
                               distance="length")
    put("harmonic", {a: h[a] / (n - 1) if n > 1 else 0.0 for a in order})
    put("pagerank", nx_pagerank(g))

    notes = {"degenerate": set(), "skipped": set(), "nx_unconverged": set()}
    if not pairs:
        zero = {a: 0.0 for a in order}
        for m in SPECTRAL:
            put(m, zero)
        return ref, notes

    index = {a: i for i, a in enumerate(order)}
    am = [[0.0] * n for _ in range(n)]
    wm = [[0.0] * n for _ in range(n)]
    for (s, t), c in pairs.items():
        am[index[s]][index[t]] = float(c)
        wm[index[s]][index[t]] += c
        wm[index[t]][index[s]] += c

    hits = nx_hits(g)
    if hits is None:
        notes["nx_unconverged"].add("hub/authority")
    else:
        put("hub", hits[0])
        put("authority", hits[1])
    aat = [[sum(x * y for x, y in zip(am[i], am[j])) for j in range(n)] for i in range(n)]
    hub, dim = dominant_limit(aat)
    if hub is None:
        notes["skipped"].add("hub/authority")
        for a in order:
            ref[a]["hub"] = ref[a]["authority"] = None
    else:
        if dim > 1:
            notes["degenerate"].add("hub/authority")
        auth = scaled([sum(am[i][j] * hub[i] for i in range(n)) for j in range(n)])
        put("hub", dict(zip(order, hub)))
        put("authority", dict(zip(order, auth)))

    u = nx.Graph()
    u.add_nodes_from(order)
    for (s, t), c in pairs.items():
        if u.has_edge(s, t):
            u[s][t]["weight"] += c
        else:
            u.add_edge(s, t, weight=c)
    x = nx_eigenvector(u)
    if x is None:
        notes["nx_unconverged"].add("eigenvector")
    else:
        put("eigenvector", x)
    eig, dim = dominant_limit(wm)
    if eig is None:
        notes["skipped"].add("eigenvector")
        for a in order:
            ref[a]["eigenvector"] = None
    else:
        if dim > 1:
            notes["degenerate"].add("eigenvector")
        put("eigenvector", dict(zip(order, eig)))
    return ref, notes


# --- comparison --------------------------------------------------------------------------

def agree(got, want, tol):
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    return abs(got - want) <= tol * max(1.0, abs(want))


def check_one(args):
    """Runs stancegraph on one file and compares; returns (values compared, notes,
    failures)."""
    name, path, binary, digits, tol, incoming = args
    cmd = [binary, "centrality", "--format", "json"] + digits + [path]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if run.returncode != 0:
        return 0, None, ["%s (%s): stancegraph exited %d: %s" % (
            name, path, run.returncode, run.stderr.decode("utf-8", "replace").strip())]
    try:
        rows = json.loads(run.stdout.decode("utf-8"))
    except ValueError as e:
        return 0, None, ["%s (%s): output is not JSON: %s" % (name, path, e)]
    ref, notes = reference(path, incoming)
    fails = []
    got = {}
    for row in rows:
        if row.get("id") in got:
            fails.append("%s (%s): actor %r printed twice" % (name, path, row.get("id")))
        got[row.get("id")] = row
    if set(got) != set(ref):
        fails.append("%s (%s): actors differ: only stancegraph %s, only the file %s" % (
            name, path, sorted(set(got) - set(ref)), sorted(set(ref) - set(got))))
    compared = 0
    for actor in sorted(set(got) & set(ref)):
        for metric in METRICS:
            wants = ref[actor][metric]
            if wants is None:
                continue
            value = got[actor].get(metric)
            for k, want in enumerate(wants):
                if metric in INTEGER_METRICS:
                    ok = isinstance(value, int) and not isinstance(value, bool) and value == want
                else:
                    ok = agree(value, want, tol)
                if not ok:
                    fails.append("%s (%s): actor %r, %s: stancegraph %r, reference %r%s" % (
                        name, path, actor, metric, value, want,
                        "" if len(wants) == 1 else
                        " (NetworkX)" if k == 0 else " (exact eigenspace)"))
                    break
            compared += 1
    return compared, notes, fails


def main():
    ap = argparse.ArgumentParser(description="Check stancegraph's centralities against NetworkX.")
    ap.add_argument("--bin", default="build/stancegraph", help="the stancegraph binary")
    ap.add_argument("--seeds", type=int, default=60, metavar="N",
                    help="number of random event sets (default 60, at least 0)")
    ap.add_argument("--first-seed", type=int, default=FIRST_SEED, metavar="S",
                    help="seed of the first random set (default %d); the others follow" %
                    FIRST_SEED)
    ap.add_argument("--keep", metavar="DIR", help="write the event sets to DIR and keep them")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per graph")
    opts = ap.parse_args()
    if opts.seeds < 0:
        ap.error("--seeds needs a non-negative number")
    if not os.access(opts.bin, os.X_OK):
        print("nx_check: %s is not an executable (build it with make)" % opts.bin)
        return 2
    start = time.monotonic()
    helptext = subprocess.run([opts.bin, "centrality", "--help"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT).stdout.decode("utf-8", "replace")
    if "--digits" in helptext:
        digits, tol = ["--digits", "17"], 1e-9
    else:  # an older binary: 6 decimals
        digits, tol = [], 1e-6

    if opts.keep:
        os.makedirs(opts.keep, exist_ok=True)
        tmp = opts.keep
    else:
        tmp = tempfile.mkdtemp(prefix="nx_check.")
    incoming = harmonic_is_incoming()
    jobs, descs = [], {}
    for name, lines in hand_sets():
        path = os.path.join(tmp, "hand-%s.jsonl" % name)
        write_lines(path, lines)
        jobs.append(("hand-picked " + name, path, opts.bin, digits, tol, incoming))
        descs[jobs[-1][0]] = "%d lines" % len(lines)
    for i in range(opts.seeds):
        seed = opts.first_seed + i
        lines, desc = random_set(seed)
        path = os.path.join(tmp, "seed-%d.jsonl" % seed)
        write_lines(path, lines)
        jobs.append(("seed %d" % seed, path, opts.bin, digits, tol, incoming))
        descs[jobs[-1][0]] = desc

    workers = min(4, os.cpu_count() or 1)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(check_one, jobs))
    else:
        results = [check_one(j) for j in jobs]

    values, fails = 0, []
    degenerate = {"hub/authority": 0, "eigenvector": 0}
    skipped = {"hub/authority": 0, "eigenvector": 0}
    unconverged = {"hub/authority": 0, "eigenvector": 0}
    for job, (compared, notes, bad) in zip(jobs, results):
        values += compared
        fails += bad
        if notes is not None:
            for k in notes["degenerate"]:
                degenerate[k] += 1
            for k in notes["skipped"]:
                skipped[k] += 1
            for k in notes["nx_unconverged"]:
                unconverged[k] += 1
        if opts.verbose:
            extra = ""
            if notes is not None:
                parts = ["degenerate " + k for k in sorted(notes["degenerate"])]
                parts += ["skipped " + k for k in sorted(notes["skipped"])]
                parts += ["NetworkX did not converge: " + k
                          for k in sorted(notes["nx_unconverged"])]
                extra = "; " + ", ".join(parts) if parts else ""
            print("  %-28s %-50s %5d values %s%s" % (job[0], descs[job[0]], compared,
                                                      "FAIL" if bad else "ok", extra))
    elapsed = time.monotonic() - start
    if fails:
        for f in fails[:50]:
            print("nx_check: FAIL " + f)
        if len(fails) > 50:
            print("nx_check: ... and %d more disagreements" % (len(fails) - 50))
        print("nx_check: %d disagreements in %d graphs; the event sets are kept in %s" % (
            len(fails), len(jobs), tmp))
        return 1
    if not opts.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    def graphs(count):
        return "%d graph%s" % (count, "" if count == 1 else "s")

    notes = []
    for k in ("hub/authority", "eigenvector"):
        if degenerate[k]:
            notes.append("%s degenerate on %s, compared with the limit from all-ones" %
                         (k, graphs(degenerate[k])))
        if skipped[k]:
            notes.append("%s skipped on %s with a near-degenerate top eigenvalue" %
                         (k, graphs(skipped[k])))
        if unconverged[k]:
            notes.append("%s: NetworkX did not converge on %s, exact value only" %
                         (k, graphs(unconverged[k])))
    if not digits:
        notes.append("the binary has no --digits: 6 decimals")
    print("nx_check: %d graphs (%d hand-picked, %d random), %d values agree within %s in "
          "%.1f s%s" % (len(jobs), len(jobs) - opts.seeds, opts.seeds, values,
                        ("%g" % tol).replace("e-0", "e-"), elapsed,
                        " (" + "; ".join(notes) + ")" if notes else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
