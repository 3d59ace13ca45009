#!/usr/bin/env python3
"""Duplicate-detection quality on the LibreOffice help (CTest eval_duplicates).

Two evaluations, each on a corpus copied into a temporary source directory,
indexed once with aisearch-index and read back with `aisearch dups --json`:

translation  The Korean help pages, their English originals (same relpath)
             and the other English pages of the same help sections as
             distractors. About 10% of the originals are held out, so those
             Korean pages have no true partner. Scores the `translation`
             relations: pair precision / recall / F1, the false-positive
             rate on same-section ko x en non-pairs, and the share of
             held-out Korean pages that were linked all the same.
near         English pages with >= 6 body paragraphs and >= 150 words that
             the system does not already link to each other; a sample of
             them plus six edited copies of each (sentence deletions,
             paragraph shuffle, word substitutions). Scores `near` (and
             `exact`) relations: recall by edit type, precision, F1.

Needs the output of build_corpus.py (--help-corpus) and the two binaries.
Exits 1 when a score is under its threshold (unless --report-only), 2 on a
usage or run error. Python 3 standard library only.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

EDITS = ("del10", "del25", "shuffle", "sub5", "sub15", "del10sub5")
DUP_LINE = re.compile(r"duplicates: (\d+) parts linked, (\d+) candidates verified, "
                      r"(\d+) relations found in ([0-9.eE+-]+) s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")


def stable_hash(*parts):
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return int(h[:15], 16)


def read_page(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    title = lines[0] if lines else ""
    body = [line for line in lines[2:] if line.strip()]
    return title, body


def write_page(path, title, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(title + "\n\n" + "".join(p + "\n" for p in body))


def fmt_rate(num, den, digits=3):
    return f"{num / den:.{digits}f}" if den else "n/a"


def ratio(num, den):
    return num / den if den else 0.0


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


class System:
    """Runs the two binaries and maps part ids back to corpus keys."""

    def __init__(self, aisearch, aisearch_index, verbose=False):
        self.aisearch = aisearch
        self.aisearch_index = aisearch_index
        self.verbose = verbose

    def index(self, db, source):
        start = time.monotonic()
        proc = subprocess.run([self.aisearch_index, "--db", db, "-v", source],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seconds = time.monotonic() - start
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr[-4000:])
            raise RuntimeError(f"aisearch-index exited {proc.returncode} on {source}")
        skipped = [line for line in proc.stderr.splitlines() if ": skipped: " in line]
        m = DUP_LINE.search(proc.stderr)
        stats = {"seconds": round(seconds, 2), "skipped": len(skipped)}
        if m:
            stats.update(parts_linked=int(m.group(1)), candidates=int(m.group(2)),
                         relations=int(m.group(3)), dup_seconds=float(m.group(4)))
        for line in skipped[:5]:
            print("  " + line)
        return stats

    def clusters(self, db):
        proc = subprocess.run([self.aisearch, "--db", db, "dups", "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0 and not proc.stdout.strip():
            sys.stderr.write(proc.stderr)
            raise RuntimeError(f"aisearch dups exited {proc.returncode}")
        return json.loads(proc.stdout).get("clusters", [])

    def evidence(self, db, part_id):
        proc = subprocess.run([self.aisearch, "--db", db, "dups", "--json", part_id],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Exit 1 with a JSON answer means "no relations", like a search with no hits.
        try:
            return json.loads(proc.stdout)
        except ValueError:
            return {"error": (proc.stderr or proc.stdout).strip()[:300]
                    or f"exit {proc.returncode}"}


class KeyMap:
    """Maps a part id ("ko/x.txt", "ko/x.txt#en", or a longer path) to the
    corpus key of its file ("ko/x.txt") and the part's language."""

    def __init__(self, keys):
        self.keys = set(keys)
        self.cache = {}

    def key(self, part_id):
        if part_id in self.cache:
            return self.cache[part_id]
        base = re.sub(r"#(ko|en)$", "", part_id)
        found = None
        pieces = base.replace(os.sep, "/").split("/")
        for i in range(len(pieces)):
            cand = "/".join(pieces[i:])
            if cand in self.keys:
                found = cand
                break
        self.cache[part_id] = found
        return found


def part_lang(part_id, members_lang):
    if part_id in members_lang:
        return members_lang[part_id]
    m = re.search(r"#(ko|en)$", part_id)
    return m.group(1) if m else None


def flatten(clusters):
    """(relations, member language by id, cluster of each member)."""
    relations, langs, cluster_of = [], {}, {}
    for c in clusters:
        for m in c.get("members", []):
            langs[m["id"]] = m.get("lang")
            cluster_of[m["id"]] = c.get("id")
        relations.extend(c.get("relations", []))
    return relations, langs, cluster_of


def compact_evidence(ev):
    """One line per relation of an `aisearch dups --json ID` answer."""
    if "error" in ev:
        return ["    (dups: " + ev["error"] + ")"]
    lines = []
    for r in ev.get("relations", []):
        e = r.get("evidence", {})
        cov = e.get("coverage") or [e.get("coverage_a", 0), e.get("coverage_b", 0)]
        names = e.get("shared_names", [])
        figures = e.get("shared_figures", [])
        lines.append("    {} = {} {} {:.2f}: figures {} names {} [{}] cov {:.2f}/{:.2f} order {:.2f} "
                     "len {:.2f} wordJ {:.2f} shJ {:.2f}".format(
                         r.get("a"), r.get("b"), r.get("relation"), r.get("similarity", 0),
                         len(figures), len(names), ", ".join((figures + names)[:8]),
                         cov[0], cov[1], e.get("order", 0),
                         e.get("length_ratio", 0), e.get("word_jaccard", 0),
                         e.get("shingle_jaccard", 0)))
    return lines or ["    (no relations)"]


# ---------------------------------------------------------------- translation

def translation_eval(args, system, work):
    corpus = args.help_corpus
    with open(os.path.join(corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    en_all = set(manifest["en"])
    ko_pages = sorted(p for p in manifest["ko"] if p in en_all)
    held_out = {p for p in ko_pages if stable_hash("heldout", p) % 100 < args.holdout_percent}
    pairs = [p for p in ko_pages if p not in held_out]
    sections = {os.path.dirname(p) for p in ko_pages}
    ko_set = set(ko_pages)
    distractors = sorted((p for p in en_all if p not in ko_set and os.path.dirname(p) in sections),
                         key=lambda p: (stable_hash("distractor", p), p))[:args.max_distractors]
    en_pages = sorted(set(pairs) | set(distractors))

    src = os.path.join(work, "translation", "src")
    for p in ko_pages:
        shutil.copyfile(os.path.join(corpus, "ko", p), _mkparent(os.path.join(src, "ko", p)))
    for p in en_pages:
        shutil.copyfile(os.path.join(corpus, "en", p), _mkparent(os.path.join(src, "en", p)))
    db = os.path.join(work, "translation", "db")
    print(f"translation corpus: {len(ko_pages)} ko pages, {len(pairs)} with their en original, "
          f"{len(held_out)} held out, {len(distractors)} en distractors "
          f"from {len(sections)} sections")
    stats = system.index(db, src)
    print("  indexed in {:.1f} s{}".format(stats["seconds"], _dup_stats(stats)))
    clusters = system.clusters(db)
    relations, langs, cluster_of = flatten(clusters)
    keys = KeyMap(["ko/" + p for p in ko_pages] + ["en/" + p for p in en_pages])

    # Parts of the same file kind linked exact/near among the English pages:
    # used to tell "linked to a duplicate of the true partner" apart.
    en_dup = collections.defaultdict(set)
    en_relations = []  # (relpath, relpath, relation, similarity) between two en pages
    found = {}  # (ko key, en key) -> relation record
    odd = collections.Counter()
    for r in relations:
        if r.get("relation") != "translation":
            ka, kb = keys.key(r["a"]), keys.key(r["b"])
            if ka and kb and ka.startswith("en/") and kb.startswith("en/"):
                en_dup[ka].add(kb)
                en_dup[kb].add(ka)
                en_relations.append((ka[3:], kb[3:], r.get("relation"), r.get("similarity", 0)))
            continue
        la, lb = part_lang(r["a"], langs), part_lang(r["b"], langs)
        if {la, lb} != {"ko", "en"}:
            odd["translation relation not between ko and en parts"] += 1
            continue
        ko_id, en_id = (r["a"], r["b"]) if la == "ko" else (r["b"], r["a"])
        ko_key, en_key = keys.key(ko_id), keys.key(en_id)
        if not ko_key or not en_key:
            odd["unknown part id"] += 1
            continue
        if not ko_key.startswith("ko/") or not en_key.startswith("en/"):
            odd["ko part of an en page or en part of a ko page"] += 1
        found[(ko_key, en_key)] = {"ko_id": ko_id, "en_id": en_id,
                                   "similarity": r.get("similarity", 0)}

    correct = {k for k in found if k[0].startswith("ko/") and k[1] == "en/" + k[0][3:]}
    wrong = sorted(set(found) - correct)
    found_pairs = {k[0][3:] for k in correct}
    n_pairs = len(pairs)
    precision = ratio(len(correct), len(found))
    recall = ratio(len(found_pairs), n_pairs)

    en_by_section = collections.Counter(os.path.dirname(p) for p in en_pages)
    en_present = set(en_pages)
    nonpair_combos = sum(en_by_section[os.path.dirname(p)] - (1 if p in en_present else 0)
                         for p in ko_pages)
    same_section_fp = [k for k in wrong if k[0].startswith("ko/") and k[1].startswith("en/")
                       and os.path.dirname(k[0][3:]) == os.path.dirname(k[1][3:])]
    to_partner_dup = [k for k in wrong if k[0].startswith("ko/")
                      and k[1] in en_dup.get("en/" + k[0][3:], ())]
    cross_section_fp = [k for k in wrong if k[0].startswith("ko/") and k[1].startswith("en/")
                        and os.path.dirname(k[0][3:]) != os.path.dirname(k[1][3:])]
    lenient_precision = ratio(len(correct) + len(to_partner_dup), len(found))
    cluster_sizes = sorted((len(c.get("members", [])) for c in clusters), reverse=True)
    linked_ko = {k[0] for k in found}
    held_linked = sorted(p for p in held_out if "ko/" + p in linked_ko)

    # Cluster co-membership: any ko page and its en page in one cluster.
    co_pred = 0
    co_correct = 0
    by_cluster = collections.defaultdict(lambda: ([], []))
    for part_id, cid in cluster_of.items():
        k = keys.key(part_id)
        if not k:
            continue
        if k.startswith("ko/") and part_lang(part_id, langs) == "ko":
            by_cluster[cid][0].append(k[3:])
        elif k.startswith("en/") and part_lang(part_id, langs) == "en":
            by_cluster[cid][1].append(k[3:])
    co_found = set()
    for ko_list, en_list in by_cluster.values():
        ko_s, en_s = set(ko_list), set(en_list)
        co_pred += len(ko_s) * len(en_s)
        for p in ko_s & en_s:
            co_correct += 1
            co_found.add(p)
    co_precision = ratio(co_correct, co_pred)
    co_recall = ratio(len(co_found & set(pairs)), n_pairs)

    misses = sorted(set(pairs) - found_pairs)
    res = {
        "pairs": n_pairs, "found": len(found), "correct": len(correct),
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
        "same_section_false_positives": len(same_section_fp),
        "same_section_nonpair_combinations": nonpair_combos,
        "same_section_fp_rate": round(ratio(len(same_section_fp), nonpair_combos), 6),
        "false_positives_to_partner_duplicate": len(to_partner_dup),
        "held_out": len(held_out), "held_out_false_accepts": len(held_linked),
        "cluster_precision": round(co_precision, 4), "cluster_recall": round(co_recall, 4),
        "cluster_ko_en_combinations": co_pred,
        "cross_section_false_positives": len(cross_section_fp),
        "precision_partner_duplicates_correct": round(lenient_precision, 4),
        "clusters": len(cluster_sizes), "largest_clusters": cluster_sizes[:5],
        "ko_pages": len(ko_pages), "distractors": len(distractors),
        "oddities": dict(odd), "index": stats,
        "false_positive_examples": [{"ko": k[0], "en": k[1], **found[k]} for k in wrong[:50]],
        "miss_examples": misses[:50],
        "held_out_linked": held_linked[:50],
    }
    print("translation: precision {} recall {} F1 {:.3f} (pairs {}, found {}, correct {}); "
          "same-section false-positive rate {} ({:,} / {:,}); held-out false accepts {}/{}".format(
              fmt_rate(len(correct), len(found)), fmt_rate(len(found_pairs), n_pairs),
              f1(precision, recall), n_pairs, len(found), len(correct),
              fmt_rate(len(same_section_fp), nonpair_combos, 4), len(same_section_fp),
              nonpair_combos, len(held_linked), len(held_out)))
    print("translation (cluster co-membership): precision {} recall {} ({:,} ko x en "
          "combinations in clusters)".format(fmt_rate(co_correct, co_pred),
                                            fmt_rate(len(co_found & set(pairs)), n_pairs), co_pred))
    print(f"  false positives: {len(wrong)} ({len(same_section_fp)} same section, "
          f"{len(cross_section_fp)} other sections, "
          f"{len(wrong) - len(same_section_fp) - len(cross_section_fp)} other part kinds); "
          f"{len(to_partner_dup)} link to an en page the system itself links (exact/near) to "
          f"the true partner (precision {fmt_rate(len(correct) + len(to_partner_dup), len(found))} "
          f"if those counted as correct)")
    print(f"  clusters: {len(cluster_sizes)}, largest {cluster_sizes[:5]} parts")
    for what, n in odd.items():
        print(f"  note: {n} x {what}")

    if args.examples:
        print(f"  false positives (highest similarity, one per ko page, with all its relations):")
        shown = set()
        for k in sorted(wrong, key=lambda k: (-found[k]["similarity"], k)):
            if k[0] in shown or len(shown) >= args.examples:
                continue
            shown.add(k[0])
            print("   {} -> {} ({:.2f})".format(k[0], k[1], found[k]["similarity"]))
            for line in compact_evidence(system.evidence(db, found[k]["ko_id"])):
                print(line)
        picks = sorted(misses, key=lambda p: stable_hash("miss", p))[:args.examples]
        print(f"  misses ({len(misses)}; {len(picks)} shown, with the ko page's relations):")
        for p in picks:
            ko_title, ko_body = read_page(os.path.join(corpus, "ko", p))
            en_title, en_body = read_page(os.path.join(corpus, "en", p))
            latin = sum(len(WORD.findall(line)) for line in [ko_title] + ko_body)
            partner_links = sorted(k[0] for k in found if k[1] == "en/" + p)
            print(f"   ko/{p}: {len(ko_body)} paragraphs, {latin} Latin-script words; en original "
                  f"{len(en_body)} paragraphs, translation links of the original: "
                  f"{', '.join(partner_links) or 'none'}")
            for line in compact_evidence(system.evidence(db, "ko/" + p)):
                print(line)
        if held_linked:
            print(f"  held-out ko pages linked anyway (first {args.examples}):")
            for p in held_linked[:args.examples]:
                others = [k[1] for k in found if k[0] == "ko/" + p]
                print(f"   ko/{p} -> {', '.join(others)}")
    return res, {"present": set(en_pages), "relations": en_relations}


def _mkparent(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def _dup_stats(stats):
    if "relations" not in stats:
        return " (no duplicates line from aisearch-index -v)"
    return ("; duplicates: {parts_linked} parts linked, {candidates} candidates verified, "
            "{relations} relations in {dup_seconds} s".format(**stats))


# ----------------------------------------------------------------------- near

def split_sentences(body):
    """[(paragraph index, sentence)] in order."""
    out = []
    for i, para in enumerate(body):
        for s in SENTENCE_END.split(para):
            if s.strip():
                out.append((i, s))
    return out


def join_sentences(sentences):
    paras = collections.OrderedDict()
    for i, s in sentences:
        paras.setdefault(i, []).append(s)
    return [" ".join(v) for v in paras.values()]


def delete_sentences(body, frac, rng):
    sents = split_sentences(body)
    k = max(1, round(frac * len(sents)))
    if k >= len(sents):
        k = len(sents) - 1
    drop = set(rng.sample(range(len(sents)), k))
    return join_sentences([s for j, s in enumerate(sents) if j not in drop])


def substitute_words(body, frac, rng, pool, own_words):
    slots = []  # (paragraph, match)
    for i, para in enumerate(body):
        for m in WORD.finditer(para):
            slots.append((i, m.start(), m.end()))
    k = max(1, round(frac * len(slots)))
    chosen = sorted(rng.sample(range(len(slots)), min(k, len(slots))), reverse=True)
    body = list(body)
    for j in chosen:
        i, a, b = slots[j]
        word = rng.choice(pool)
        for _ in range(20):
            if word not in own_words:
                break
            word = rng.choice(pool)
        if body[i][a].isupper():
            word = word[:1].upper() + word[1:]
        body[i] = body[i][:a] + word + body[i][b:]
    return body


def shuffle_paragraphs(body, rng):
    out = list(body)
    for _ in range(20):
        rng.shuffle(out)
        if out != body:
            break
    return out


def make_copy(edit, body, rng, pool, own_words):
    if edit == "del10":
        return delete_sentences(body, 0.10, rng)
    if edit == "del25":
        return delete_sentences(body, 0.25, rng)
    if edit == "shuffle":
        return shuffle_paragraphs(body, rng)
    if edit == "sub5":
        return substitute_words(body, 0.05, rng, pool, own_words)
    if edit == "sub15":
        return substitute_words(body, 0.15, rng, pool, own_words)
    if edit == "del10sub5":
        return substitute_words(delete_sentences(body, 0.10, rng), 0.05, rng, pool, own_words)
    raise ValueError(edit)


def near_eval(args, system, work, en_index=None):
    """en_index: the en pages of the translation corpus and the exact/near
    relations the system found between them; when given, the dedupe step
    uses them instead of indexing the candidates a second time."""
    corpus = args.help_corpus
    with open(os.path.join(corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    pages = {}
    for p in manifest["en"]:
        title, body = read_page(os.path.join(corpus, "en", p))
        words = sum(len(WORD.findall(line)) for line in body)
        if len(body) >= 6 and words >= 150:
            pages[p] = (title, body)
    # Dedupe step: drop the candidates the system already links to each
    # other (the help has many templated, genuinely near-identical pages).
    pool_list = sorted(pages, key=lambda p: (stable_hash("near", p), p))
    if en_index is not None:
        # They were indexed with the translation corpus (all en pages of the
        # sections with Korean pages): use its relations, no second index.
        pool_list = [p for p in pool_list if p in en_index["present"]]
        rel0 = [(a, b, kind, sim) for a, b, kind, sim in en_index["relations"]
                if a in pages and b in pages]
        how = "indexed with the translation corpus"
        stats0 = None
        if args.near_pool:
            pool_list = pool_list[:args.near_pool]
    else:
        if args.near_pool:
            pool_list = pool_list[:args.near_pool]
        src0 = os.path.join(work, "near0", "src")
        for p in pool_list:
            write_page(os.path.join(src0, p), *pages[p])
        db0 = os.path.join(work, "near0", "db")
        stats0 = system.index(db0, src0)
        flat, _, _ = flatten(system.clusters(db0))
        keys0 = KeyMap(pool_list)
        rel0 = [(keys0.key(r["a"]), keys0.key(r["b"]), r.get("relation"), r.get("similarity", 0))
                for r in flat]
        rel0 = [x for x in rel0 if x[0] and x[1]]
        how = f"indexed alone in {stats0['seconds']:.1f} s"
    pool_set = set(pool_list)
    rel0 = [x for x in rel0 if x[0] in pool_set and x[1] in pool_set]
    kinds0 = collections.Counter(x[2] for x in rel0)
    sims0 = collections.Counter(min(9, int(x[3] * 10)) for x in rel0 if x[2] == "near")
    linked = {x[0] for x in rel0} | {x[1] for x in rel0}
    originals = [p for p in pool_list if p not in linked][:args.near_sample]
    print(f"near corpus: {len(pages)} en pages with >= 6 paragraphs and >= 150 words, "
          f"{len(pool_list)} of them {how}; {len(linked)} linked to each other and dropped; "
          f"{len(originals)} originals x {len(EDITS)} edits")
    print("  relations among the unedited candidates: {}; near by similarity {}".format(
        ", ".join(f"{k} {v}" for k, v in sorted(kinds0.items())) or "none",
        " ".join(f"{b / 10:.1f}+:{sims0[b]}" for b in sorted(sims0)) or "-"))

    # Substitution words come from the other candidate pages.
    vocab = collections.Counter()
    page_words = {}
    for p in pool_list:
        ws = {w.lower() for line in pages[p][1] for w in WORD.findall(line)}
        page_words[p] = ws
        vocab.update(w for w in ws if len(w) >= 3)
    pool = sorted(vocab)

    src = os.path.join(work, "near", "src")
    group = {}
    for p in originals:
        title, body = pages[p]
        write_page(os.path.join(src, "orig", p), title, body)
        group["orig/" + p] = (p, "orig")
        for edit in EDITS:
            rng = random.Random(stable_hash(args.seed, p, edit))
            copy = make_copy(edit, body, rng, pool, page_words[p])
            write_page(os.path.join(src, edit, p), title, copy)
            group[f"{edit}/{p}"] = (p, edit)
    db = os.path.join(work, "near", "db")
    stats = system.index(db, src)
    print("  indexed in {:.1f} s{}".format(stats["seconds"], _dup_stats(stats)))
    relations, langs, cluster_of = flatten(system.clusters(db))
    keys = KeyMap(group)

    correct, wrong = [], []
    kinds = collections.Counter()
    direct = collections.defaultdict(dict)  # original -> edit -> relation kind
    for r in relations:
        ka, kb = keys.key(r["a"]), keys.key(r["b"])
        if not ka or not kb:
            kinds["unknown id"] += 1
            continue
        (pa, ea), (pb, eb) = group[ka], group[kb]
        kind = r.get("relation")
        kinds[kind] += 1
        same = pa == pb
        if kind not in ("near", "exact"):
            if not same or kind != "translation":
                wrong.append((ka, kb, r))
            continue
        (correct if same else wrong).append((ka, kb, r))
        if same and "orig" in (ea, eb) and ea != eb:
            edit = eb if ea == "orig" else ea
            direct[pa][edit] = kind
    found = len(correct) + len(wrong)
    precision = ratio(len(correct), found)
    by_edit = {}
    exact_hits = collections.Counter()
    for edit in EDITS:
        hits = sum(1 for p in originals if edit in direct[p])
        exact_hits[edit] = sum(1 for p in originals if direct[p].get(edit) == "exact")
        by_edit[edit] = round(ratio(hits, len(originals)), 4)
    total_hits = sum(len(direct[p]) for p in originals)
    total_true = len(originals) * len(EDITS)
    recall = ratio(total_hits, total_true)
    clustered = collections.Counter()
    for p in originals:
        c = cluster_of.get(_find_id(cluster_of, keys, "orig/" + p))
        for edit in EDITS:
            if c is not None and cluster_of.get(_find_id(cluster_of, keys, f"{edit}/{p}")) == c:
                clustered[edit] += 1
    copy_pairs_true = len(originals) * len(EDITS) * (len(EDITS) - 1) // 2
    copy_pairs_found = sum(1 for ka, kb, _ in correct if "orig" not in (group[ka][1], group[kb][1]))

    res = {
        "originals": len(originals), "candidates": len(pages), "dropped_already_linked": len(linked),
        "precision": round(precision, 4), "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4), "relations": found, "correct": len(correct),
        "false_positives": len(wrong), "recall_by_edit": by_edit,
        "exact_by_edit": dict(exact_hits), "relation_kinds": dict(kinds),
        "cluster_recall_by_edit": {e: round(ratio(clustered[e], len(originals)), 4) for e in EDITS},
        "copy_copy_found": copy_pairs_found, "copy_copy_true": copy_pairs_true,
        "index": stats, "dedupe_index": stats0, "dedupe_pool": len(pool_list),
        "dedupe_relations": dict(kinds0),
        "false_positive_examples": [{"a": a, "b": b, "relation": r.get("relation"),
                                     "similarity": r.get("similarity")} for a, b, r in wrong[:50]],
        "miss_examples": [f"{e}/{p}" for p in originals for e in EDITS if e not in direct[p]][:100],
    }
    print("near: precision {} recall {} F1 {:.3f} (relations {}, correct {}, false {}; "
          "original-copy pairs {}, found {}); by edit: {}".format(
              fmt_rate(len(correct), found), fmt_rate(total_hits, total_true),
              f1(precision, recall), found, len(correct), len(wrong), total_true, total_hits,
              ", ".join(f"{e} {by_edit[e]:.2f}" for e in EDITS)))
    print("near (cluster co-membership with the original): " +
          ", ".join(f"{e} {fmt_rate(clustered[e], len(originals), 2)}" for e in EDITS) +
          f"; copy-copy pairs linked {copy_pairs_found}/{copy_pairs_true}; relation kinds " +
          ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if sum(exact_hits.values()):
        print("  note: exact relations between an original and an edited copy: " +
              ", ".join(f"{e} {exact_hits[e]}" for e in EDITS if exact_hits[e]))

    if args.examples:
        pages_fp = {frozenset((group[a][0], group[b][0])) for a, b, _ in wrong}
        print(f"  false positives ({len(wrong)} between {len(pages_fp)} pairs of originals; "
              f"highest similarity, one per pair of originals):")
        shown = set()
        for a, b, r in sorted(wrong, key=lambda x: (-x[2].get("similarity", 0), x[0], x[1])):
            pair = frozenset((group[a][0], group[b][0]))
            if pair in shown or len(shown) >= args.examples:
                continue
            shown.add(pair)
            print("   {} = {} {} {:.2f}".format(a, b, r.get("relation"), r.get("similarity", 0)))
            for line in compact_evidence(system.evidence(db, r["a"])):
                if r["b"] in line:
                    print(line)
        misses = [(p, e) for p in originals for e in EDITS if e not in direct[p]]
        picks = sorted(misses, key=lambda x: stable_hash("nmiss", *x))[:args.examples]
        print(f"  misses ({len(misses)}; {len(picks)} shown, with the copy's relations):")
        for p, e in picks:
            print(f"   {e}/{p}  (original orig/{p})")
            for line in compact_evidence(system.evidence(db, f"{e}/{p}")):
                print(line)
    return res


def _find_id(cluster_of, keys, key):
    for part_id in (key, key + "#en"):
        if part_id in cluster_of:
            return part_id
    for part_id in cluster_of:  # ids with a longer path
        if keys.key(part_id) == key:
            return part_id
    return None


# ----------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--help-corpus", required=True, help="output directory of build_corpus.py")
    ap.add_argument("--aisearch", default="aisearch")
    ap.add_argument("--aisearch-index", default="aisearch-index")
    ap.add_argument("--results", help="write the scores as JSON to this file")
    ap.add_argument("--min-precision", type=float, default=0.95, help="translation precision")
    ap.add_argument("--min-recall", type=float, default=0.80, help="translation recall")
    ap.add_argument("--near-min-precision", type=float, default=0.95)
    ap.add_argument("--near-min-recall", type=float, default=0.80)
    ap.add_argument("--report-only", action="store_true", help="never fail on a score")
    ap.add_argument("--only", choices=("translation", "near"), help="run one evaluation")
    ap.add_argument("--holdout-percent", type=int, default=10)
    ap.add_argument("--max-distractors", type=int, default=1600)
    ap.add_argument("--near-sample", type=int, default=300)
    ap.add_argument("--near-pool", type=int, default=0,
                    help="consider at most this many candidate originals (0: all)")
    ap.add_argument("--near-separate-dedupe", action="store_true",
                    help="index the near candidates alone for the dedupe step instead of reusing "
                         "the translation corpus (always so with --only near)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--examples", type=int, default=5,
                    help="false positives and misses to show with their evidence")
    ap.add_argument("--work-dir", help="keep the corpora and databases here (default: a temp dir)")
    args = ap.parse_args()

    if not os.path.isfile(os.path.join(args.help_corpus, "manifest.json")):
        print(f"dup_eval: {args.help_corpus}/manifest.json not found (run build_corpus.py)",
              file=sys.stderr)
        return 2
    for b in (args.aisearch, args.aisearch_index):
        if not shutil.which(b):
            print(f"dup_eval: binary not found: {b}", file=sys.stderr)
            return 2

    if args.work_dir:
        os.makedirs(args.work_dir, exist_ok=True)
        work = tempfile.mkdtemp(prefix="dup_eval.", dir=args.work_dir)
        cleanup = False
        print(f"dup_eval: working in {work}")
    else:
        work = tempfile.mkdtemp(prefix="dup_eval.")
        cleanup = True
    system = System(args.aisearch, args.aisearch_index)
    results = {}
    start = time.monotonic()
    try:
        if args.only in (None, "translation"):
            results["translation"], en_index = translation_eval(args, system, work)
            print()
        else:
            en_index = None
        if args.only in (None, "near"):
            results["near"] = near_eval(args, system, work,
                                        None if args.near_separate_dedupe else en_index)
            print()
    except (RuntimeError, ValueError, OSError) as e:
        print(f"dup_eval: {e}", file=sys.stderr)
        return 2
    finally:
        if cleanup:
            shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = round(time.monotonic() - start, 1)

    failures = []
    minimums = {"translation": {"precision": args.min_precision, "recall": args.min_recall},
                "near": {"precision": args.near_min_precision, "recall": args.near_min_recall}}
    for relation, wanted in minimums.items():
        scores = results.get(relation)
        for measure, minimum in (wanted.items() if scores else ()):
            if scores[measure] < minimum:
                failures.append(f"{relation} {measure} {scores[measure]:.3f} < {minimum}")
    results["failures"] = failures
    if args.results:
        with open(args.results, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    print(f"dup_eval: {results['seconds']} s")
    for msg in failures:
        print(f"dup_eval: {'below target' if args.report_only else 'FAIL'}: {msg}")
    if failures and not args.report_only:
        return 1
    if not failures:
        print("dup_eval: all scores at or above their thresholds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
