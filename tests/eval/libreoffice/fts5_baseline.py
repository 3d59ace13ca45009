#!/usr/bin/env python3
"""SQLite FTS5 (unicode61, bm25) baseline for the LibreOffice help queries.

Indexes every page of the corpus (ko and en together) and reports, per query
set, MRR@10 and recall@10 for OR-joined and AND-joined query tokens.
"""
import argparse
import collections
import json
import os
import sqlite3
import sys

K = 10


def check_fts5(db):
    try:
        db.execute("CREATE VIRTUAL TABLE temp.probe USING fts5(x)")
        db.execute("DROP TABLE temp.probe")
    except sqlite3.OperationalError:
        sys.exit("this python's sqlite3 module has no FTS5 support "
                 f"(SQLite {sqlite3.sqlite_version}); use one built with FTS5")


def build_index(db, corpus):
    with open(os.path.join(corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    db.execute("CREATE VIRTUAL TABLE pages USING fts5("
               "id UNINDEXED, title, body, tokenize='unicode61')")
    for lang in ("ko", "en"):
        for rel in manifest[lang]:
            with open(os.path.join(corpus, lang, rel), encoding="utf-8") as f:
                title, _, body = f.read().partition("\n")
            db.execute("INSERT INTO pages VALUES (?, ?, ?)",
                       (f"{lang}/{rel}", title.strip(), body.strip()))
    return len(manifest["ko"]) + len(manifest["en"])


def match_string(query, op):
    tokens = ['"' + t.replace('"', '""') + '"' for t in query.split()]
    return f" {op} ".join(tokens)


def search(db, query, op):
    rows = db.execute("SELECT id FROM pages WHERE pages MATCH ? "
                      "ORDER BY bm25(pages) LIMIT ?",
                      (match_string(query, op), K))
    return [r[0] for r in rows]


def score(ranked, relevant):
    relevant = set(relevant)
    rr = next((1.0 / i for i, d in enumerate(ranked, 1) if d in relevant), 0.0)
    recall = len(relevant & set(ranked)) / len(relevant)
    return rr, recall


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--json", help="write per-set metrics to this file")
    args = ap.parse_args()

    db = sqlite3.connect(":memory:")
    check_fts5(db)
    n_docs = build_index(db, args.corpus)
    with open(args.queries, encoding="utf-8") as f:
        queries = json.load(f)["queries"]

    sums = collections.defaultdict(lambda: [0, 0.0, 0.0])
    for q in queries:
        for op in ("OR", "AND"):
            rr, recall = score(search(db, q["q"], op), q["relevant"])
            s = sums[(q["set"], op)]
            s[0] += 1
            s[1] += rr
            s[2] += recall

    print(f"FTS5 unicode61 + bm25 over {n_docs} pages")
    print(f"{'set':<10} {'op':<4} {'queries':>7} {'MRR@10':>7} {'R@10':>7}")
    results = {}
    for (name, op), (n, rr, recall) in sorted(sums.items()):
        m = {"queries": n, "mrr@10": round(rr / n, 4), "recall@10": round(recall / n, 4)}
        results.setdefault(name, {})[op] = m
        print(f"{name:<10} {op:<4} {n:>7} {m['mrr@10']:>7.4f} {m['recall@10']:>7.4f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"docs": n_docs, "k": K, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
