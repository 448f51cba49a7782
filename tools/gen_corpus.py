#!/usr/bin/env python3
"""Writes a reproducible synthetic news-like corpus for benchmarks, as JSON Lines
documents {"id", "date", "title", "text"}, and the list of actor aliases beside it.

Sentences name actors from an actor lexicon (stancegraph's JSON format, e.g. the Phoenix
dictionaries imported with 'stancegraph lexicon import') with the verbs of a relation
lexicon, in the shapes news wires use (active and passive, reported speech, a date or
place phrase), mixed with sentences that name no actor; documents have 4 to 16
sentences. Actors are drawn with Zipf-distributed popularity (exponent 1.1). The text
is English-like, not English: a benchmark input, not test data.

Usage: python3 tools/gen_corpus.py ACTORS.json RELATIONS.json MEGABYTES OUT.jsonl
           ALIASES.txt [SEED]
Standard library only; the same arguments give the same bytes.
"""
import bisect
import json
import random
import sys

IRREGULAR = {"meet": "met", "fight": "fought", "give": "gave", "hold": "held", "seek": "sought",
             "send": "sent", "take": "took", "make": "made", "say": "said", "tell": "told",
             "bring": "brought", "lead": "led", "win": "won", "lose": "lost", "strike": "struck",
             "shoot": "shot", "buy": "bought", "sell": "sold", "leave": "left", "keep": "kept",
             "begin": "began", "break": "broke", "speak": "spoke", "withdraw": "withdrew"}
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "late on Tuesday", "earlier this week", "overnight"]
FILLER = [
    "Officials said the talks would continue next week.",
    "The ministry did not immediately respond to a request for comment.",
    "Prices of wheat and fuel rose sharply in the capital after the announcement.",
    "Thousands of people gathered in the central square despite the rain.",
    "The report, published on Thursday, runs to more than 200 pages.",
    "Analysts expect the central bank to keep interest rates unchanged.",
    "The agreement still has to be approved by parliament.",
    "Heavy snow closed several mountain roads in the north of the country.",
    "It was not clear how many people had been affected.",
    "The visit is the first of its kind in more than a decade.",
]


def past(verb):
    words = verb.split()
    head = words[0]
    if head in IRREGULAR:
        p = IRREGULAR[head]
    elif head.endswith("e"):
        p = head + "d"
    elif head.endswith("y") and len(head) > 1 and head[-2] not in "aeiou":
        p = head[:-1] + "ied"
    else:
        p = head + "ed"
    return " ".join([p] + words[1:])


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    actors = json.load(open(sys.argv[1], encoding="utf-8"))["actors"]
    relations = json.load(open(sys.argv[2], encoding="utf-8"))["relations"]
    target = int(float(sys.argv[3]) * 1e6)
    rng = random.Random(int(sys.argv[6]) if len(sys.argv) == 7 else 7)
    names = [a["aliases"][0] if a.get("aliases") else a.get("name", a["id"]) for a in actors]
    rng.shuffle(names)  # popularity must not follow the lexicon's alphabetical order
    cum, total = [], 0.0
    for i in range(len(names)):
        total += 1.0 / (i + 1) ** 1.1
        cum.append(total)
    verbs = [v for r in relations for v in r.get("verbs", []) if "untargeted" not in r.get("flags", [])]

    def actor():
        return names[bisect.bisect_left(cum, rng.random() * total)]

    def sentence():
        k = rng.random()
        a, b, v = actor(), actor(), rng.choice(verbs)
        if k < 0.35:
            return "%s %s %s %s." % (a, past(v), b, rng.choice(DAYS))
        if k < 0.5:
            return "%s was %s by %s %s, officials said." % (b, past(v), a, rng.choice(DAYS))
        if k < 0.65:
            return "%s said %s had %s %s." % (a, b, past(v), rng.choice(DAYS))
        return rng.choice(FILLER)

    with open(sys.argv[4], "w", encoding="utf-8") as out:
        written, n = 0, 0
        while written < target:
            n += 1
            text = " ".join(sentence() for _ in range(rng.randint(4, 16)))
            line = json.dumps({"id": "syn-%07d" % n,
                               "date": "2023-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                               "title": "Report %d" % n, "text": text}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    with open(sys.argv[5], "w", encoding="utf-8") as out:
        for a in actors:
            for alias in a.get("aliases", []):
                out.write(alias + "\n")


if __name__ == "__main__":
    main()
