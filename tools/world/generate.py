#!/usr/bin/env python3
"""Generate stancegraph's built-in world actor lexicon, lexicons/actors.json (format v1).

usage: tools/world/generate.py [-o OUT] [--check] [-q]

  -o OUT    write OUT instead of lexicons/actors.json (relative to the repository root)
  --check   write nothing; exit 1 if OUT is not what the generator would write
  -q        print only the counts, not the list of resolved ambiguities

Python 3 standard library only. The output is deterministic: actors sorted by id, aliases
in table order, JSON indented by two spaces with alias lists wrapped at 100 columns.

Inputs (all in this folder, written by hand from public knowledge):

  pinned.json         the earlier hand-written lexicon (the example article's 25 actors).
                      Its actors keep their id, name, type, parent and description and
                      every alias, verbatim; the tables below only add aliases to them.
  countries.tsv       UN members and observers and a few other widely reported entities
                      (Kosovo, Taiwan, Western Sahara, Hong Kong, Greenland): ISO 3166
                      alpha-3 id, names, template names, adjectives, capital metonyms.
  roles.tsv           role children generated for every country from templates:
                        GOV  government        MIL  military        POL  police
                        MFA  foreign ministry  MOD  defence ministry LEG  legislature
                        OPP  opposition        PROT protesters      REB  rebels
                        REF  refugees          CVL  civilians
                      GOV, MIL, OPP, REB, REF, CVL and LEG are CAMEO agent codes; CAMEO's
                      police code is COP, we use POL; CAMEO has no code for the foreign and
                      defence ministries or for protesters, so MFA, MOD and PROT are ours.
                      Child ids are <ISO3>.<suffix>, parent = the country.
  role_extras.tsv     country-specific role aliases ("Pentagon", "Knesset", "IDF") and id
                      overrides for children the pinned lexicon has under another id
                      (ARM.PROTESTERS instead of ARM.PROT).
  organisations.json  international organisations (igo), NGOs (ngo), named state bodies
                      (IRGC, CIA, ...) and non-state armed groups (rebels / group).
  terms.tsv           dated terms of office: former holders of a few offices and the
                      start of the current holder's term
  people.tsv          heads of state and government and foreign ministers of the most
                      reported countries, heads of a few organisations and groups.

LIMIT: format v1 has no validity dates (such a key is rejected by the loader), so
people.tsv lists only the CURRENT holders of each office, as of late 2025 to the best of
its authors' knowledge, and title aliases ("French President", "Russia's foreign
minister") name that holder. When an office changes hands, edit people.tsv and rerun.

Rules applied (the loader rejects an alias given to two actors, compared case-
insensitively after Unicode folding, with a leading "the" ignored):

  * Pinned aliases win. A generated alias that a pinned actor already has is dropped from
    any other actor.
  * Folding: where the pinned lexicon gives a role's phrases to the country itself
    ("Azerbaijani government" and "Azerbaijani authorities" are aliases of AZE, "U.S.
    government" and "the State Department" of USA), that role child is not created; all
    its generated aliases go to the country instead, so that "government of Azerbaijan"
    and "Azerbaijani government" name the same actor.
  * Otherwise a clash is resolved by tier: country names and capitals, then
    organisations, then people, then role phrases. A clash within one tier (two people
    with one surname, two countries with one adjective) drops the alias from all of them.
    Every resolution is listed in the output unless -q.
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join("lexicons", "actors.json")

ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
KEY_ORDER = ("id", "name", "type", "parent", "description", "valid_from", "valid_until",
             "aliases", "patterns")

# tiers: lower wins a clash
T_PINNED, T_COUNTRY, T_ORG, T_PERSON, T_ROLE = range(5)
TIER_NAMES = {T_PINNED: "pinned", T_COUNTRY: "country", T_ORG: "organisation",
              T_PERSON: "person", T_ROLE: "role"}


def die(msg):
    sys.exit(f"generate.py: {msg}")


def read_table(name, ncols):
    """Rows of a table: '#' comments, columns split by a tab or 2+ spaces, '-' empty."""
    path = os.path.join(HERE, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = re.split(r"\t+| {2,}", line.strip())
            if len(cols) != ncols:
                die(f"{name}:{n}: {len(cols)} columns, want {ncols}: {line!r}")
            rows.append((f"{name}:{n}", ["" if c == "-" else c for c in cols]))
    return rows


def split_list(field):
    return [x.strip() for x in field.split(";") if x.strip()] if field else []


def alias_key(alias):
    """The loader's notion of 'the same alias': Unicode compatibility folding with marks
    stripped, case folded, curly apostrophes straight, a leading 'the' ignored."""
    s = unicodedata.normalize("NFKD", alias)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("\u2019", "'").replace("\u2018", "'")
    toks = s.split()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


def possessives(name):
    """'Azerbaijan' -> ["Azerbaijan's"]; 'Honduras' -> ["Honduras's", "Honduras'"];
    a plural name ('the Netherlands') -> ["the Netherlands'"]."""
    if name.endswith("s"):
        return [name + "'"] if name.startswith("the ") else [name + "'s", name + "'"]
    return [name + "'s"]


def expand(template, adjs, tnames):
    if "{adj}" in template:
        return [template.replace("{adj}", a) for a in adjs]
    if "{poss}" in template:
        return [template.replace("{poss}", p) for n in tnames for p in possessives(n)]
    if "{name}" in template:
        return [template.replace("{name}", n) for n in tnames]
    return [template]


class Lexicon:
    def __init__(self):
        self.actors = {}          # id -> dict
        self.aliases = {}         # id -> list of [alias, tier] in insertion order
        self.pinned_ids = set()
        self.claims = collections.defaultdict(list)  # key -> [(id, tier, alias)]
        self.report = []

    def add_actor(self, aid, name, typ, parent="", description="", where=""):
        if not ID_RE.match(aid):
            die(f"{where}: bad id {aid!r}")
        if aid in self.actors:
            a = self.actors[aid]
            if aid not in self.pinned_ids:
                die(f"{where}: duplicate id {aid}")
            if (name, typ, parent) != (a["name"], a.get("type", ""), a.get("parent", "")):
                self.report.append(f"note: {aid}: pinned name/type/parent kept "
                                   f"({a['name']!r}, {a.get('type')!r}, {a.get('parent')!r})")
            return
        a = {"id": aid, "name": name}
        if typ:
            a["type"] = typ
        if parent:
            a["parent"] = parent
        if description:
            a["description"] = description
        self.actors[aid] = a
        self.aliases[aid] = []

    def add_alias(self, aid, alias, tier):
        alias = alias.strip()
        if not any(c.isalnum() for c in alias):
            die(f"{aid}: alias without a letter or digit: {alias!r}")
        k = alias_key(alias)
        lst = self.aliases[aid]
        if tier != T_PINNED and any(alias_key(x[0]) == k for x in lst):
            return  # already an alias of this actor
        lst.append([alias, tier])
        if all(c[0] != aid for c in self.claims[k]):
            self.claims[k].append((aid, tier, alias))

    def dated_apart(self, ids):
        """True when all these actors are dated and no two periods overlap."""
        spans = []
        for aid in ids:
            a = self.actors[aid]
            if "valid_from" not in a and "valid_until" not in a:
                return False
            spans.append((a.get("valid_from", "0000-00-00"), a.get("valid_until", "9999-99-99")))
        spans.sort()
        return all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))

    def resolve(self):
        drop = collections.defaultdict(set)  # id -> keys to drop
        for k in sorted(self.claims):
            cl = self.claims[k]
            if len(cl) < 2:
                continue
            if self.dated_apart([c[0] for c in cl]):
                continue  # successive holders of one office share its title
            best = min(t for _, t, _ in cl)
            winners = [c for c in cl if c[1] == best]
            losers = [c for c in cl if c[1] != best]
            if best == T_PINNED and len(winners) > 1:
                die(f"pinned lexicon gives {k!r} to " + ", ".join(c[0] for c in winners))
            if len(winners) == 1:
                w = winners[0]
                for aid, t, al in losers:
                    drop[aid].add(k)
                self.report.append(
                    f"{winners[0][2]!r}: kept on {w[0]} ({TIER_NAMES[w[1]]}), dropped from "
                    + ", ".join(f"{aid} ({TIER_NAMES[t]})" for aid, t, _ in losers))
            else:
                for aid, t, al in cl:
                    drop[aid].add(k)
                self.report.append(
                    f"{winners[0][2]!r}: ambiguous, dropped from "
                    + ", ".join(f"{aid} ({TIER_NAMES[t]})" for aid, t, _ in cl))
        for aid, keys in drop.items():
            self.aliases[aid] = [x for x in self.aliases[aid]
                                 if x[1] == T_PINNED or alias_key(x[0]) not in keys]

    def check(self):
        for aid, a in self.actors.items():
            p = a.get("parent")
            if p and p not in self.actors:
                die(f"{aid}: unknown parent {p}")
            seen = set()
            while p:
                if p in seen or p == aid:
                    die(f"{aid}: parent cycle")
                seen.add(p)
                p = self.actors[p].get("parent")

    def output(self):
        out = []
        for aid in sorted(self.actors):
            a = dict(self.actors[aid])
            als = [x[0] for x in self.aliases[aid]]
            if als:
                a["aliases"] = als
            out.append(a)
        return out


def load_pinned(lex):
    with open(os.path.join(HERE, "pinned.json"), encoding="utf-8") as f:
        data = json.load(f)
    pinned_keys = collections.defaultdict(set)
    for a in data["actors"]:
        extra = set(a) - set(KEY_ORDER)
        if extra:
            die(f"pinned.json: {a['id']}: unknown keys {sorted(extra)}")
        lex.add_actor(a["id"], a["name"], a.get("type", ""), a.get("parent", ""),
                      a.get("description", ""), "pinned.json")
        if a.get("patterns"):
            lex.actors[a["id"]]["patterns"] = list(a["patterns"])
        lex.pinned_ids.add(a["id"])
        for al in a.get("aliases", []):
            lex.add_alias(a["id"], al, T_PINNED)
            pinned_keys[a["id"]].add(alias_key(al))
    return pinned_keys


def load_countries(lex):
    countries = {}
    for where, (iso, name, aliases, tnames, adjs, capitals, parent) in \
            read_table("countries.tsv", 7):
        if not re.match(r"^[A-Z]{3}$", iso):
            die(f"{where}: bad ISO code {iso}")
        lex.add_actor(iso, name, "country", parent, "", where)
        for al in [name] + split_list(aliases) + split_list(capitals):
            lex.add_alias(iso, al, T_COUNTRY)
        countries[iso] = {"name": name, "tnames": split_list(tnames) or [name],
                          "adjs": split_list(adjs)}
    return countries


def load_roles(lex, countries, pinned_keys):
    roles = [(w, c) for w, c in read_table("roles.tsv", 5)]
    extras = {}
    for where, (iso, suf, rid, aliases) in read_table("role_extras.tsv", 4):
        if iso not in countries:
            die(f"{where}: unknown country {iso}")
        if (iso, suf) in extras:
            die(f"{where}: duplicate row {iso} {suf}")
        extras[(iso, suf)] = (rid, split_list(aliases))
    suffixes = {c[0] for _, c in roles}
    for (iso, suf) in extras:
        if suf not in suffixes:
            die(f"role_extras.tsv: unknown role {suf}")
    folded = []
    for iso in sorted(countries):
        c = countries[iso]
        for where, (suf, typ, name, name2, templates) in roles:
            rid, extra = extras.get((iso, suf), ("", []))
            rid = rid or f"{iso}.{suf}"
            als = []
            for t in split_list(templates):
                als += expand(t, c["adjs"], c["tnames"])
            als += extra
            if any(alias_key(a) in pinned_keys.get(iso, ()) for a in als):
                # the pinned lexicon gives this role's phrases to the country itself
                folded.append(f"{iso}.{suf}")
                for a in als:
                    lex.add_alias(iso, a, T_ROLE)
                continue
            if c["adjs"]:
                dname = name.replace("{adj}", c["adjs"][0])
            else:
                dname = name2.replace("{name}", c["tnames"][0])
            lex.add_actor(rid, dname, typ, iso, "", where)
            for a in als:
                lex.add_alias(rid, a, T_ROLE)
    lex.report.append("folded into the country (the pinned lexicon gives the country these "
                      "phrases): " + ", ".join(folded))


def load_organisations(lex):
    with open(os.path.join(HERE, "organisations.json"), encoding="utf-8") as f:
        data = json.load(f)
    for a in data["actors"]:
        extra = set(a) - set(KEY_ORDER)
        if extra:
            die(f"organisations.json: {a['id']}: unknown keys {sorted(extra)}")
        lex.add_actor(a["id"], a["name"], a.get("type", ""), a.get("parent", ""),
                      a.get("description", ""), "organisations.json")
        for al in a.get("aliases", []):
            lex.add_alias(a["id"], al, T_ORG)


def load_people(lex, countries):
    for where, (pid, parent, name, short, titles, aliases) in read_table("people.tsv", 6):
        add_person(lex, countries, where, pid, parent, name, short, titles, aliases)


def add_person(lex, countries, where, pid, parent, name, short, titles, aliases):
    if parent not in lex.actors:
        die(f"{where}: unknown parent {parent}")
    lex.add_actor(pid, name, "person", parent, "", where)
    als = [name] + ([short] if short else [])
    c = countries.get(parent)
    for t in split_list(titles):
        if short:
            als.append(f"{t} {short}")
        als.append(f"{t} {name}")
        if c is not None:
            for adj in c["adjs"]:
                als += [f"{adj} {t}", f"{adj} {t} {name}"]
            als += [f"{p} {t}" for p in possessives(c["tnames"][0])]
    als += split_list(aliases)
    for a in als:
        lex.add_alias(pid, a, T_PERSON)


def load_terms(lex, countries):
    for where, row in read_table("terms.tsv", 8):
        pid, parent, name, short, titles, aliases, vfrom, vuntil = row
        if pid not in lex.actors:
            if not parent or not name:
                die(f"{where}: a new holder needs a parent and a name")
            add_person(lex, countries, where, pid, parent, name, short, titles, aliases)
        a = lex.actors[pid]
        if vfrom:
            a["valid_from"] = vfrom
        if vuntil:
            a["valid_until"] = vuntil


def format_actor(a):
    lines = ["    {"]
    items = [(k, a[k]) for k in KEY_ORDER if k in a]
    for i, (k, v) in enumerate(items):
        comma = "," if i + 1 < len(items) else ""
        if isinstance(v, list):
            head = f'      "{k}": ['
            pad = " " * len(head)
            cur = head
            parts = []
            for j, s in enumerate(v):
                tok = json.dumps(s, ensure_ascii=False) + ("," if j + 1 < len(v) else "")
                end = 1 + len(comma) if j + 1 == len(v) else 0  # "]" and a comma
                if cur not in (head, pad) and len(cur) + 1 + len(tok) + end > 100:
                    parts.append(cur)
                    cur = pad + tok
                else:
                    cur = cur + ("" if cur in (head, pad) else " ") + tok
            parts.append(cur + "]" + comma)
            lines += parts
        else:
            lines.append(f'      "{k}": {json.dumps(v, ensure_ascii=False)}{comma}')
    lines.append("    }")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description="Generate lexicons/actors.json.")
    ap.add_argument("-o", "--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()

    lex = Lexicon()
    pinned_keys = load_pinned(lex)
    countries = load_countries(lex)
    load_organisations(lex)
    load_roles(lex, countries, pinned_keys)
    load_people(lex, countries)
    load_terms(lex, countries)
    lex.resolve()
    lex.check()
    actors = lex.output()

    text = "{\n  \"actors\": [\n" + ",\n".join(format_actor(a) for a in actors) + "\n  ]\n}\n"
    json.loads(text)  # well-formed
    out = os.path.join(ROOT, args.out)
    if args.check:
        try:
            with open(out, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        print(f"{args.out}: {'up to date' if same else 'DIFFERS from the generator output'}")
        return 0 if same else 1
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)

    if not args.quiet:
        for line in lex.report:
            print(line)
        print()
    by_type = collections.Counter(a.get("type", "") for a in actors)
    n_alias = sum(len(a.get("aliases", [])) for a in actors)
    print(f"wrote {args.out}")
    for t, n in sorted(by_type.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {t or '(none)':14} {n:5}")
    print(f"  {'actors':14} {len(actors):5}")
    print(f"  {'aliases':14} {n_alias:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
