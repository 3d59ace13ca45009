#!/usr/bin/env python3
"""Build known-item queries from a corpus written by build_corpus.py.

Sets:
  ko_title  Korean page title -> that page
  ko_noun   bare Korean title noun -> Korean pages whose title contains it
  en_title  English page title -> that page
"""
import argparse
import collections
import json
import os

PARTICLES = ["에서", "으로", "의", "가", "이", "는", "은", "를", "을", "에",
             "로", "와", "과", "도", "만"]
MAX_NOUN_QUERIES = 300
MAX_NOUN_RELEVANT = 5


def load_pages(corpus, lang, relpaths):
    """Return {page id: (title, body)} for one language."""
    pages = {}
    for rel in relpaths:
        with open(os.path.join(corpus, lang, rel), encoding="utf-8") as f:
            title, _, body = f.read().partition("\n")
        pages[f"{lang}/{rel}"] = (title.strip(), body)
    return pages


def is_hangul(word):
    return bool(word) and all("\uac00" <= c <= "\ud7a3" for c in word)


def strip_punct(token):
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    return token[start:end]


def words(text):
    return [w for w in (strip_punct(t) for t in text.split()) if w]


def title_queries(pages, set_name):
    counts = collections.Counter(title for title, _ in pages.values())
    return [{"set": set_name, "q": title, "relevant": [pid]}
            for pid, (title, _) in sorted(pages.items())
            if len(title) >= 2 and counts[title] == 1]


def split_particle(word):
    """Return the stem if word looks like stem+particle, else None."""
    for p in PARTICLES:
        if word.endswith(p) and len(word) > len(p):
            return word[:-len(p)]
    return None


def noun_queries(pages):
    title_words = {pid: [w for w in words(t) if is_hangul(w)]
                   for pid, (t, _) in pages.items()}
    body_tokens = {pid: set(words(body)) for pid, (_, body) in pages.items()}
    all_tokens = set().union(*body_tokens.values(), *title_words.values())

    candidates = set()
    for ws in title_words.values():
        for w in ws:
            stem = split_particle(w)
            if len(w) >= 2 and not (stem and stem in all_tokens):
                candidates.add(w)

    kept = []
    for w in sorted(candidates):
        relevant = sorted(pid for pid, ws in title_words.items()
                          if any(w in tw for tw in ws))
        if not 1 <= len(relevant) <= MAX_NOUN_RELEVANT:
            continue
        inflected = {w + p for p in PARTICLES}
        if any(inflected & toks for pid, toks in body_tokens.items()
               if pid not in relevant):
            kept.append({"set": "ko_noun", "q": w, "relevant": relevant})

    if len(kept) > MAX_NOUN_QUERIES:
        n = len(kept)
        kept = [kept[i * n // MAX_NOUN_QUERIES] for i in range(MAX_NOUN_QUERIES)]
    return kept


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    with open(os.path.join(args.corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    ko = load_pages(args.corpus, "ko", manifest["ko"])
    en = load_pages(args.corpus, "en", manifest["en"])

    queries = (title_queries(ko, "ko_title") + noun_queries(ko)
               + title_queries(en, "en_title"))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"queries": queries}, f, ensure_ascii=False, indent=1)
    for name, count in collections.Counter(q["set"] for q in queries).items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
