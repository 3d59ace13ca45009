#!/usr/bin/env python3
"""Runs the development evaluation set (seeds.json) through the real CLIs.

Indexes the corpus into a temporary database with aisearch-index, runs each
query with `aisearch --json`, and checks the query's expectations:
  top      all listed documents within the first len(top) hits
  only     nothing outside the listed documents is returned
  includes all listed documents within the first 10 hits
  excludes none of the listed documents is returned
A document is named by the first three characters of its file name; a hit
also returns the documents listed among its duplicates. Prints one line per
query and a summary line "N passed, N failed"; exits 1 if any failed.
The "duplicates" section is checked against `aisearch dups --json`: each
listed cluster must be exactly one cluster, each listed relation must link
its two parts with that relation, and the "not_duplicates" documents must be
in no cluster. A part is named like "001#ko".
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def doc_name(hit_id):
    return os.path.basename(hit_id.split("#")[0])[:3]


def returned_docs(hits):
    """Documents per result position, duplicates folded into their hit."""
    ranked = []
    for hit in hits:
        group = [doc_name(hit["id"])] + [doc_name(d["id"]) for d in hit.get("duplicates", [])]
        ranked.append(group)
    return ranked


def check(query, ranked):
    problems = []
    everything = {d for group in ranked for d in group}

    def within(n):
        return {d for group in ranked[:n] for d in group}

    if "top" in query:
        missing = set(query["top"]) - within(len(query["top"]))
        if missing:
            problems.append(f"not in the top {len(query['top'])}: {sorted(missing)}")
    if "only" in query:
        extra = everything - set(query["only"])
        missing = set(query["only"]) - everything
        if extra:
            problems.append(f"unexpected: {sorted(extra)}")
        if missing:
            problems.append(f"missing: {sorted(missing)}")
    if "includes" in query:
        missing = set(query["includes"]) - within(10)
        if missing:
            problems.append(f"not in the first 10: {sorted(missing)}")
    if "excludes" in query:
        present = set(query["excludes"]) & everything
        if present:
            problems.append(f"excluded but returned: {sorted(present)}")
    return problems


def part_name(part_id):
    base, _, lang = part_id.partition("#")
    return doc_name(base) + ("#" + lang if lang else "")


def check_duplicates(expected, clusters):
    """Problems with the stored clusters, one string each."""
    problems = []
    found = [{part_name(m["id"]) for m in c["members"]} for c in clusters]
    relations = {}
    for c in clusters:
        for r in c["relations"]:
            relations[frozenset((part_name(r["a"]), part_name(r["b"])))] = r["relation"]
    for want in expected.get("clusters", []):
        if set(want) not in found:
            near = [sorted(f) for f in found if f & set(want)]
            problems.append(f"cluster {sorted(want)} not found (clusters with its members: {near})")
    for r in expected.get("relations", []):
        got = relations.get(frozenset((r["a"], r["b"])))
        if got != r["relation"]:
            problems.append(f"{r['a']} - {r['b']}: expected {r['relation']}, got {got or 'no relation'}")
    for name in expected.get("not_duplicates", []):
        holding = [sorted(f) for f in found if any(m.split("#")[0] == name for m in f)]
        if holding:
            problems.append(f"{name} should be in no cluster, is in {holding}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aisearch", required=True)
    ap.add_argument("--aisearch-index", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--seeds", required=True)
    args = ap.parse_args()

    with open(args.seeds, encoding="utf-8") as f:
        seeds = json.load(f)
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "db")
        r = subprocess.run([args.aisearch_index, "--db", db, args.corpus], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"indexing failed ({r.returncode}): {r.stderr.strip()}")
            print("0 passed, 1 failed")
            return 1
        for q in seeds["queries"]:
            cmd = [args.aisearch, "--db", db, "--json", "-n", "50"]
            if "lang" in q:
                cmd += ["--lang", q["lang"]]
            cmd += ["--", q["q"]]
            r = subprocess.run(cmd, capture_output=True, text=True)
            label = q["q"] + (f" [lang {q['lang']}]" if "lang" in q else "")
            if r.returncode not in (0, 1):
                problems = [f"exit {r.returncode}: {r.stderr.strip()}"]
                ranked = []
            else:
                ranked = returned_docs(json.loads(r.stdout)["hits"])
                problems = check(q, ranked)
            shown = " ".join("+".join(g) for g in ranked[:10])
            if problems:
                failed += 1
                print(f"FAIL  {label}: {'; '.join(problems)}  (got {shown})")
            else:
                passed += 1
                print(f"ok    {label}  (got {shown})")
        if "duplicates" in seeds:
            r = subprocess.run([args.aisearch, "--db", db, "dups", "--json"], capture_output=True, text=True)
            if r.returncode not in (0, 1):
                problems = [f"exit {r.returncode}: {r.stderr.strip()}"]
                clusters = []
            else:
                clusters = json.loads(r.stdout)["clusters"]
                problems = check_duplicates(seeds["duplicates"], clusters)
            shown = "; ".join(" ".join(sorted(part_name(m["id"]) for m in c["members"])) for c in clusters)
            if problems:
                failed += 1
                print(f"FAIL  duplicates: {'; '.join(problems)}  (clusters: {shown or 'none'})")
            else:
                passed += 1
                print(f"ok    duplicates  (clusters: {shown})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
