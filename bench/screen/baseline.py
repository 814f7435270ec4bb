#!/usr/bin/env python3
"""Baseline for the screening benchmark: the same lexicons as Spean's rules file,
matched with Python's `re` in one pass per ad (one alternation of every term and
place name, lower-cased), scored as the sum of the weights of the indicators hit.
No normalisation, no identifier extraction, no spans: a lower bound on the work
Spean does, to compare throughput.

usage: baseline.py RULES.toml ADS.jsonl [--timed] > RESULTS.jsonl

With --timed, prints on standard error the seconds (wall clock) of the loop over the ads
alone (reading each line, matching, writing each result), without start-up,
reading the rules and compiling the pattern.
"""
import json
import math
import re
import sys
import time
import tomllib


def main():
    with open(sys.argv[1], "rb") as f:
        rules = tomllib.load(f)
    owner = {}
    for ind in rules.get("indicator", []):
        for terms in ind.get("terms", {}).values():
            for term in terms:
                owner.setdefault(term.rstrip("*").lower(), ind["code"])
    hotspot = next((i["code"] for i in rules["indicator"] if "hotspot" in i.get("places", [])), None)
    for place in rules.get("place", []):
        if place["role"] == "hotspot" and hotspot:
            for name in place["names"]:
                owner.setdefault(name.lower(), hotspot)
    weights = {i["code"]: i["weight"] for i in rules["indicator"]}
    terms = sorted(owner, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    bias = rules["scoring"]["bias"]
    out = sys.stdout
    with open(sys.argv[2], encoding="utf-8") as f:
        lines = f.readlines()
    started = time.perf_counter()
    for line in lines:
        ad = json.loads(line)
        codes = {owner[m] for m in pattern.findall(ad["text"].lower())}
        score = bias + sum(weights[c] for c in codes)
        risk = 1 / (1 + math.exp(-score))
        out.write(json.dumps({"id": ad["id"], "risk": round(risk, 4), "indicators": sorted(codes)}) + "\n")
    out.flush()
    if "--timed" in sys.argv:
        seconds = time.perf_counter() - started
        print(json.dumps({"ads": len(lines), "seconds": round(seconds, 4)}), file=sys.stderr)


if __name__ == "__main__":
    main()
