#!/usr/bin/env python3
"""Pass/fail check of the Korean evaluation (tests/eval/run_korean_eval.sh).

Reads the --json outputs of korean_methods and fts5_baseline.py from the same
run and exits 1 unless the default aisearch method's MRR@10 is higher than
both xapian-default's and FTS5's (OR variant) on every set in SETS.
"""
import argparse
import json
import sys

SETS = ("ko_title", "ko_noun")
CANDIDATE = "aisearch"
BASELINES = ("xapian-default", "fts5-or")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--methods", required=True, help="korean_methods --json output")
    ap.add_argument("--fts5", required=True, help="fts5_baseline.py --json output")
    args = ap.parse_args()

    with open(args.methods, encoding="utf-8") as f:
        methods = json.load(f)["methods"]
    with open(args.fts5, encoding="utf-8") as f:
        fts5 = json.load(f)["results"]

    def mrr(name, set_name):
        if name == "fts5-or":
            return fts5[set_name]["OR"]["mrr@10"]
        return methods[name]["results"][set_name]["mrr@10"]

    ok = True
    print(f"{'set':<9} {CANDIDATE:>9} " + " ".join(f"{b:>15}" for b in BASELINES) + "  verdict")
    for set_name in SETS:
        ours = mrr(CANDIDATE, set_name)
        theirs = [mrr(b, set_name) for b in BASELINES]
        beats = all(ours > t for t in theirs)
        ok &= beats
        print(f"{set_name:<9} {ours:>9.4f} " + " ".join(f"{t:>15.4f}" for t in theirs)
              + ("  beats both" if beats else "  DOES NOT beat both"))
    if not ok:
        print(f"eval_korean: FAIL: {CANDIDATE} MRR@10 must be higher than "
              + " and ".join(BASELINES) + " on " + " and ".join(SETS))
        return 1
    print("eval_korean: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
