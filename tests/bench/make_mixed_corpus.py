#!/usr/bin/env python3
"""Build a duplicate-detection benchmark corpus of N .txt files from the
LibreOffice help pages (tests/eval/libreoffice/build_corpus.py output).

    make_mixed_corpus.py OUT_DIR N --help-corpus DIR [--seed S] [--style runs|scatter]
                         [--subset-of M]

Every file is real help text, never random words, in the help's own
proportion of Korean and English pages (824 : 2,560):

  mixed        the bulk: the title of one page and a run of 3-12
               consecutive paragraphs taken from one page, or from two
               pages of the same language (--style runs, the default);
               with --style scatter, 3-12 paragraphs each from a different
               random page, so that mixed files rarely duplicate each other
               however large N is (a control: duplicates per part stay
               constant as N grows);
  near         planted near copies: a whole page, and a second copy of it
               with ~10% of its sentences dropped (at least one);
  exact        planted exact copies: a whole page written twice;
  translation  planted translations: a Korean page and the English page
               of the same help topic, both untouched.

Planted groups (pairs of files): near min(N/10, 500), translation
min(N/20, 300), exact min(N/50, 100); every planted page is a different
help page while the pool lasts. 1,000 files hold 100 + 50 + 20 planted
pairs, 10,000 and more hold 500 + 300 + 100. The mixed files reuse the
3,384 help pages, so at 10k and 100k they also overlap each other (runs
of the same paragraphs): realistic vocabulary, genuine incidental
duplicates, and more of them per file the larger N is (each page is used
~N/3,000 times).

With --subset-of M, the corpus is N files drawn at random from the
M-file corpus of the same seed and style (the very same texts): a corpus
of another size with the same mix of kinds and file sizes. Measuring how
cost grows with size needs that; the planted groups are capped, so a
10k corpus is 18% planted whole pages and a 100k one 1.8%.

Files go to OUT_DIR/NNN/NNNNNN-KIND.txt, at most 1,000 per directory, in
a shuffled order. OUT_DIR/planted.tsv (not a format the indexer reads)
lists the planted pairs: kind, file a, lang a, file b, lang b, with
absolute normalised paths as aisearch-index names them.
"""
import argparse
import os
import random
import re
import sys

SHARD = 1000
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def load_pages(root):
    """{lang: [(relpath, title, paragraphs)]} from build_corpus.py output."""
    pages = {"ko": [], "en": []}
    for lang in pages:
        base = os.path.join(root, lang)
        if not os.path.isdir(base):
            sys.exit(f"make_mixed_corpus: no {base}: run tests/eval/libreoffice/build_corpus.py --out {root}")
        for dirpath, _, files in os.walk(base):
            for name in files:
                if not name.endswith(".txt"):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                title = lines[0].strip()
                body = [l.strip() for l in lines[1:] if l.strip()]
                if title and body:
                    pages[lang].append((os.path.relpath(path, base), title, body))
        pages[lang].sort()
    return pages


def drop_sentences(paragraphs, rng, share=0.10):
    """The paragraphs with ~share of their sentences dropped (at least one)."""
    sentences = [(i, s) for i, p in enumerate(paragraphs) for s in SENTENCE_END.split(p) if s]
    n_drop = max(1, round(share * len(sentences)))
    dropped = set(rng.sample(range(len(sentences)), n_drop))
    out = [[] for _ in paragraphs]
    for k, (i, s) in enumerate(sentences):
        if k not in dropped:
            out[i].append(s)
    return [" ".join(p) for p in out if p]


def sentence_count(paragraphs):
    return sum(len([s for s in SENTENCE_END.split(p) if s]) for p in paragraphs)


def paragraph_run(body, rng, length):
    if len(body) <= length:
        return list(body)
    start = rng.randrange(len(body) - length + 1)
    return body[start:start + length]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--help-corpus", required=True, help="output directory of build_corpus.py (ko/, en/)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--style", choices=("runs", "scatter"), default="runs",
                    help="mixed files: runs of consecutive paragraphs (default) or scattered paragraphs")
    ap.add_argument("--subset-of", type=int, metavar="M",
                    help="draw the N files at random from the M-file corpus of the same seed and style")
    args = ap.parse_args()
    if args.n < 10:
        sys.exit("make_mixed_corpus: N must be at least 10")
    wanted = args.n
    if args.subset_of is not None:
        if args.subset_of < args.n:
            sys.exit("make_mixed_corpus: --subset-of M needs M >= N")
        args.n = args.subset_of

    rng = random.Random(args.seed)
    pages = load_pages(args.help_corpus)
    n_ko, n_en = len(pages["ko"]), len(pages["en"])
    ko_share = n_ko / (n_ko + n_en)

    def pick_lang():
        return "ko" if rng.random() < ko_share else "en"

    docs = []  # (kind, lang, title, paragraphs, group id or None)
    planted = []  # (kind, doc index a, lang a, doc index b, lang b)

    # Planted pages come from a shuffled pool per language, each used once
    # while the pool lasts.
    pools = {lang: rng.sample(range(len(pages[lang])), len(pages[lang])) for lang in pages}

    def take(lang, ok=lambda page: True):
        pool = pools[lang]
        for k in range(len(pool)):
            if ok(pages[lang][pool[k]]):
                return pages[lang][pool.pop(k)]
        candidates = [p for p in pages[lang] if ok(p)]  # pool used up: reuse
        return rng.choice(candidates)

    # Translations: the same help topic in both languages.
    en_by_path = {p[0]: p for p in pages["en"]}
    pairs = [p for p in pages["ko"] if p[0] in en_by_path]
    for ko in rng.sample(pairs, min(args.n // 20, 300, len(pairs))):
        en = en_by_path[ko[0]]
        for lang, page in (("ko", ko), ("en", en)):
            index = pages[lang].index(page)
            if index in pools[lang]:
                pools[lang].remove(index)
        docs.append(("translation", "ko", ko[1], ko[2]))
        docs.append(("translation", "en", en[1], en[2]))
        planted.append(("translation", len(docs) - 2, "ko", len(docs) - 1, "en"))

    # Near copies: pages of at least 8 sentences, so dropping ~10% leaves
    # most of the page.
    for _ in range(min(args.n // 10, 500)):
        lang = pick_lang()
        _, title, body = take(lang, lambda p: sentence_count(p[2]) >= 8)
        docs.append(("near", lang, title, body))
        docs.append(("near", lang, title, drop_sentences(body, rng)))
        planted.append(("near", len(docs) - 2, lang, len(docs) - 1, lang))

    for _ in range(min(args.n // 50, 100)):
        lang = pick_lang()
        _, title, body = take(lang)
        docs.append(("exact", lang, title, body))
        docs.append(("exact", lang, title, body))
        planted.append(("exact", len(docs) - 2, lang, len(docs) - 1, lang))

    # The bulk: one title, one or two runs of consecutive paragraphs.
    while len(docs) < args.n:
        lang = pick_lang()
        title = rng.choice(pages[lang])[1]
        length = rng.randint(3, 12)
        first = rng.choice(pages[lang])[2]
        if args.style == "scatter":
            body = [rng.choice(rng.choice(pages[lang])[2]) for _ in range(length)]
        elif rng.random() < 0.5:
            a = rng.randint(1, max(1, length - 1))
            body = paragraph_run(first, rng, a) + paragraph_run(rng.choice(pages[lang])[2], rng, length - a)
        else:
            body = paragraph_run(first, rng, length)
        docs.append(("mixed", lang, title, body))
    docs = docs[:args.n]

    order = list(range(len(docs)))
    rng.shuffle(order)
    if wanted < len(docs):
        kept = set(rng.sample(range(len(docs)), wanted))
        order = [d for d in order if d in kept]
    out_dir = os.path.normpath(os.path.abspath(args.out_dir))
    path_of = {}
    for slot, d in enumerate(order):
        kind = docs[d][0]
        shard = os.path.join(out_dir, f"{slot // SHARD:03d}")
        os.makedirs(shard, exist_ok=True)
        path_of[d] = os.path.join(shard, f"{slot:06d}-{kind}.txt")
    for d, path in path_of.items():
        _, _, title, body = docs[d]
        with open(path, "w", encoding="utf-8") as f:
            f.write(title + "\n\n" + "".join(p + "\n" for p in body))
    # The pairs whose both files were written.
    kept_pairs = [(kind, a, la, b, lb) for kind, a, la, b, lb in planted if a in path_of and b in path_of]
    with open(os.path.join(out_dir, "planted.tsv"), "w", encoding="utf-8") as f:
        f.write("# kind\tfile_a\tlang_a\tfile_b\tlang_b\n")
        for kind, a, la, b, lb in kept_pairs:
            f.write(f"{kind}\t{path_of[a]}\t{la}\t{path_of[b]}\t{lb}\n")

    counts = {}
    for d in path_of:
        kind, lang = docs[d][0], docs[d][1]
        counts[(kind, lang)] = counts.get((kind, lang), 0) + 1
    summary = ", ".join(f"{k} {l} {c}" for (k, l), c in sorted(counts.items()))
    subset = f" drawn from {len(docs)}" if len(path_of) < len(docs) else ""
    print(f"{len(path_of)} files{subset} in {out_dir}, --style {args.style} ({summary}); {len(kept_pairs)} planted pairs "
          f"from {n_ko} ko + {n_en} en help pages")


if __name__ == "__main__":
    main()
