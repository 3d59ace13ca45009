#!/usr/bin/env python3
"""Queries for perf_bench.sh, from the LibreOffice help corpus
(tests/eval/libreoffice/build_corpus.py output).

    make_bench_queries.py --corpus HELP --latency N --latency-out FILE
                          --rank-out FILE [--rank-max M] [--seed S]

--latency-out: N real queries, one per line, for the latency runs: in
equal shares Korean page titles, Korean title words (Hangul, 2+
syllables), English page titles and English title words (4+ letters), each
share a random sample (seeded) of the distinct candidates, then shuffled.

--rank-out: the known-item sets of tests/eval/libreoffice/make_queries.py
(ko_title: Korean title -> that page; ko_noun: a bare Korean title noun ->
the Korean pages whose title contains it; en_title), as
{"queries": [{"set", "q", "relevant": [page ids]}]}; page ids are
ko/<relpath> and en/<relpath>, the paths relative to the indexed directory.
--rank-max M keeps M evenly spaced queries per set (0: all).
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval", "libreoffice"))
import make_queries  # noqa: E402  (the evaluation's own query rules)


def spaced(items, m):
    if not m or len(items) <= m:
        return items
    n = len(items)
    return [items[i * n // m] for i in range(m)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--latency", type=int, default=1000)
    ap.add_argument("--latency-out", required=True)
    ap.add_argument("--rank-out", required=True)
    ap.add_argument("--rank-max", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    with open(os.path.join(args.corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    ko = make_queries.load_pages(args.corpus, "ko", manifest["ko"])
    en = make_queries.load_pages(args.corpus, "en", manifest["en"])

    sets = {
        "ko_title": make_queries.title_queries(ko, "ko_title"),
        "ko_noun": make_queries.noun_queries(ko),
        "en_title": make_queries.title_queries(en, "en_title"),
    }
    rank = [q for name in ("ko_title", "ko_noun", "en_title") for q in spaced(sets[name], args.rank_max)]
    with open(args.rank_out, "w", encoding="utf-8") as f:
        json.dump({"queries": rank}, f, ensure_ascii=False, indent=1)

    def clean(q):
        return " ".join(q.split())

    ko_titles = sorted({clean(t) for t, _ in ko.values() if len(t.strip()) >= 2})
    en_titles = sorted({clean(t) for t, _ in en.values() if len(t.strip()) >= 2})
    ko_words = sorted({w for t, _ in ko.values() for w in make_queries.words(t)
                       if make_queries.is_hangul(w) and len(w) >= 2})
    en_words = sorted({w for t, _ in en.values() for w in make_queries.words(t)
                       if re.fullmatch(r"[A-Za-z]{4,}", w)})
    pools = [ko_titles, ko_words, en_titles, en_words]
    rng = random.Random(args.seed)
    chosen = []
    share = args.latency // len(pools)
    for i, pool in enumerate(pools):
        want = share + (1 if i < args.latency % len(pools) else 0)
        chosen += rng.sample(pool, min(want, len(pool)))
    # A short pool (never with the help corpus) is made up from the others.
    rest = [q for pool in pools for q in pool if q not in set(chosen)]
    if len(chosen) < args.latency:
        chosen += rng.sample(rest, min(args.latency - len(chosen), len(rest)))
    rng.shuffle(chosen)
    with open(args.latency_out, "w", encoding="utf-8") as f:
        for q in chosen:
            f.write(q + "\n")
    counts = {name: len(v) for name, v in sets.items()}
    print(f"latency queries: {len(chosen)}; known-item sets (all): {counts}; kept: {len(rank)}", file=sys.stderr)


if __name__ == "__main__":
    main()
