#!/usr/bin/env python3
"""The report of perf_bench.sh: reads its work directory, prints the
tables, writes the results file (JSON) and, with --docs FILE, the section
"## Performance against omindex and FTS5 (issue 5)" of docs/benchmarks.md
(replaced in place, or appended; the other sections are kept).

Known-item scoring: a query's target counts as found at rank i when the
i-th hit is the target, or, for aisearch with collapsing on, when the
target is one of the duplicates listed under the i-th hit (it is shown
there to the user). MRR@10 is the mean of 1/rank of the first relevant
page found in the top 10 (0 if none); recall@10 the mean share of the
relevant pages found in the top 10. Part ids "<id>#ko"/"<id>#en" count
as their document id."""
import argparse
import datetime
import json
import os
import platform
import subprocess
import textwrap

SECTION = "## Performance against omindex and FTS5 (issue 5)"
SETS = ["ko_title", "ko_noun", "en_title"]


def median(xs):
    xs = sorted(xs)
    if not xs:
        return None
    return xs[(len(xs) - 1) // 2]  # the lower median


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def load_rss(path):
    try:
        vals = [int(l) for l in open(path) if l.strip().isdigit()]
    except OSError:
        return None
    return max(vals) if vals else None


def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


def build_type(build):
    try:
        for line in open(os.path.join(build, "CMakeCache.txt")):
            if line.startswith("CMAKE_BUILD_TYPE"):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def build_source(build):
    try:
        for line in open(os.path.join(build, "CMakeCache.txt")):
            if line.startswith("CMAKE_HOME_DIRECTORY"):
                return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""


def doc_id(part):
    return part.split("#", 1)[0]


def score_file(path, queries, collapse):
    """Per set: queries, MRR@10, recall@10 from one results file."""
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(queries):
        raise SystemExit(f"perf_report: {path}: {len(lines)} lines for {len(queries)} queries")
    sums = {}
    for q, line in zip(queries, lines):
        fields = line.split("\t")
        if fields[0] != q["q"]:
            raise SystemExit(f"perf_report: {path}: query {fields[0]!r} where {q['q']!r} was expected")
        relevant = set(q["relevant"])
        found = set()
        rr = 0.0
        for i, hit in enumerate(fields[1:11], 1):
            ids = [doc_id(x) for x in hit.split("|")]
            if not collapse:
                ids = ids[:1]
            hit_rel = relevant & set(ids)
            if hit_rel and not rr:
                rr = 1.0 / i
            found |= hit_rel
        s = sums.setdefault(q["set"], [0, 0.0, 0.0])
        s[0] += 1
        s[1] += rr
        s[2] += len(found) / len(relevant)
    return {name: {"queries": n, "mrr@10": round(rr / n, 4), "recall@10": round(rec / n, 4)}
            for name, (n, rr, rec) in sums.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    for opt in ("work", "build", "repo", "json", "docs", "jobs-opt", "load", "load-end", "command", "corpus-style",
                "subsets"):
        ap.add_argument("--" + opt, default="")
    ap.add_argument("--queries", type=int, default=0)
    ap.add_argument("--spawn", type=int, default=0)
    ap.add_argument("--seconds", type=int, default=0)
    a = ap.parse_args()
    work = a.work

    rows = []
    for line in open(os.path.join(work, "runs.tsv")):
        engine, task, size, r, value, rss = line.rstrip("\n").split("\t")
        rows.append({"engine": engine, "task": task, "size": size, "run": int(r), "value": float(value),
                     "rss_kb": int(rss) if rss.strip().isdigit() else None})
    sizes = []
    for line in open(os.path.join(work, "sizes.tsv")):
        size, files, nbytes, runs = line.split()
        sizes.append({"size": size, "files": int(files), "bytes": int(nbytes), "runs": int(runs)})
    rank_queries = json.load(open(os.path.join(work, "rank.json"), encoding="utf-8"))["queries"]

    def sel(engine, task, size):
        return [r for r in rows if r["engine"] == engine and r["task"] == task and r["size"] == size]

    results = []
    for s in sizes:
        size, mb = s["size"], s["bytes"] / 1e6
        res = dict(s)
        res["mb"] = round(mb, 3)
        index = {}
        for engine in ("aisearch", "aisearch-j1", "omindex", "fts5"):
            rs = sel(engine, "full", size)
            if not rs:
                continue
            t = median([r["value"] for r in rs])
            index[engine] = {
                "seconds": t, "seconds_all": [r["value"] for r in rs],
                "mb_per_s": round(mb / t, 3),
                "peak_rss_kb": median([r["rss_kb"] for r in rs if r["rss_kb"] is not None]),
                "db_bytes": int(median([r["value"] for r in sel(engine, "db_bytes", size)])) if engine != "aisearch-j1"
                else None,
            }
        fts_inner = [r["value"] for r in sel("fts5", "inner_s", size)]
        if "fts5" in index and fts_inner:
            index["fts5"]["seconds_in_process"] = median(fts_inner)
        res["index"] = index
        reindex = {}
        for engine in ("aisearch", "omindex"):
            for task in ("noop", "changed"):
                rs = sel(engine, task, size)
                if rs:
                    reindex.setdefault(engine, {})[task] = {
                        "seconds": median([r["value"] for r in rs]), "seconds_all": [r["value"] for r in rs],
                        "peak_rss_kb": median([r["rss_kb"] for r in rs if r["rss_kb"] is not None])}
        changed = sel("all", "changed_files", size)
        res["changed_files"] = int(changed[0]["value"]) if changed else None
        res["reindex"] = reindex
        lat = os.path.join(work, f"lat-{size}")
        res["latency"] = {
            "aisearch_in_process": load_json(os.path.join(lat, "ai.json")),
            "aisearch_in_process_no_collapse": load_json(os.path.join(lat, "ai-nocollapse.json")),
            "fts5_in_process": load_json(os.path.join(lat, "fts5.json")),
            "fts5_in_process_no_snippets": load_json(os.path.join(lat, "fts5-nosnippets.json")),
            "aisearch_cli": load_json(os.path.join(lat, "ai-cli.json")),
            "quest_cli": load_json(os.path.join(lat, "quest.json")),
        }
        res["searcher_peak_rss_kb"] = {
            "aisearch_in_process": load_rss(os.path.join(lat, "ai.rss")),
            "fts5_in_process": load_rss(os.path.join(lat, "fts5.rss")),
            "aisearch_cli": load_rss(os.path.join(lat, "ai-cli.rss")),
            "quest_cli": load_rss(os.path.join(lat, "quest.rss")),
        }
        rk = os.path.join(work, f"rank-{size}")
        if os.path.isdir(rk):
            res["ranking"] = {
                "aisearch": score_file(os.path.join(rk, "aisearch.tsv"), rank_queries, True),
                "aisearch_no_collapse": score_file(os.path.join(rk, "aisearch-nocollapse.tsv"), rank_queries, False),
                "omindex_quest": score_file(os.path.join(rk, "quest.tsv"), rank_queries, False),
                "fts5_or": score_file(os.path.join(rk, "fts5-or.tsv"), rank_queries, False),
                "fts5_and": score_file(os.path.join(rk, "fts5-and.tsv"), rank_queries, False),
            }
        results.append(res)

    head = run("git", "--no-optional-locks", "-C", a.repo, "rev-parse", "--short", "HEAD")
    dirty = run("git", "--no-optional-locks", "-C", a.repo, "status", "--porcelain", "--untracked-files=no")
    machine = {
        "nproc": os.cpu_count(), "cpu": cpu(), "kernel": platform.release(),
        "load_average_start": a.load, "load_average_end": a.load_end,
    }
    out = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine,
        "git_head": head + ("+local changes" if dirty else ""),
        "git_local_changes": [l.split(None, 1)[-1] for l in dirty.splitlines()],
        "build_type": build_type(a.build),
        "build_dir": a.build,
        "build_source_dir": build_source(a.build),
        "command": a.command,
        "aisearch_index_jobs_option": a.jobs_opt or None,
        "versions": {"omindex": run("omindex", "--version").splitlines()[0] if run("omindex", "--version") else "",
                     "sqlite": run("sqlite3", "--version").split(" ")[0]},
        "latency_queries": a.queries, "per_process_queries": a.spawn,
        "known_item_queries": {n: sum(1 for q in rank_queries if q["set"] == n) for n in SETS},
        "seconds": a.seconds,
        "mixed_corpus_style": a.corpus_style or "runs",
        "smaller_sizes_drawn_from_the_largest": a.subsets == "1",
        "sizes": results,
        "growth": growth(results),
        # analyzer_bench on the help corpus: Analyzer::analyze against bare
        # ICU NFKC_Casefold + word breaking, MB/s.
        "analyzer": load_json(os.path.join(work, "analyzer.json")),
    }
    with open(a.json, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)

    md = render(out, a.repo)
    print()
    print(md)
    print(f"\nresults: {a.json}")
    if a.docs:
        update_docs(a.docs, md)
        print(f"updated: {a.docs}")


def growth(results):
    """Full-index seconds per MB and per file at the largest mixed size
    over those at each smaller one (the help corpus, 3k, is not mixed)."""
    mixed = [r for r in results if r["size"] != "3k"]
    if len(mixed) < 2:
        return []
    top = max(mixed, key=lambda r: r["files"])
    out = []
    for r in mixed:
        if r is top:
            continue
        row = {"from": r["size"], "to": top["size"]}
        for engine in ("aisearch", "omindex", "fts5"):
            a, b = r["index"].get(engine), top["index"].get(engine)
            if not a or not b:
                continue
            row[engine] = {
                "per_mb": round((b["seconds"] / top["mb"]) / (a["seconds"] / r["mb"]), 3),
                "per_file": round((b["seconds"] / top["files"]) / (a["seconds"] / r["files"]), 3),
            }
        out.append(row)
    return out


def fmt(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def mbs(kb):
    return "–" if kb is None else f"{kb / 1024:.0f} MB"


def ratio(a, b, digits=2):
    return "–" if not a or not b else f"{a / b:.{digits}f}×"


def render(out, a_repo):
    m = out["machine"]
    lines = []
    lines.append("```")
    lines.append(out["command"].strip())
    lines.append("```")
    lines.append("")
    src = out["build_source_dir"]
    of_src = f" of {src}" if src and os.path.realpath(src) != os.path.realpath(a_repo) else ""
    lines.append(textwrap.fill(
        f"{out['date'][:10]}, {m['nproc']} CPUs ({m['cpu']}), load average {m['load_average_start']} at the "
        f"start, {m['load_average_end']} at the end; git {out['git_head']}, {out['build_type']} build{of_src}; "
        f"{out['versions']['omindex']}, SQLite {out['versions']['sqlite']}. "
        f"Wall-clock seconds of each process (start-up included), warm page cache. "
        f"Machine shared with other work: compare within one run.", 76))
    an = out.get("analyzer")
    if an:
        lines.append("")
        lines.append(textwrap.fill(
            f"Analyzer alone (analyzer_bench, the help corpus in memory, median of {an['runs']}): "
            f"Analyzer::analyze {an['analyzer_mb_s']:.1f} MB/s against bare ICU NFKC_Casefold + word "
            f"breaking {an['icu_mb_s']:.1f} MB/s, ratio {an['ratio']:.2f} (target >= 0.5).", 76))
    for s in out["sizes"]:
        idx, rei, lat, rss = s["index"], s["reindex"], s["latency"], s["searcher_peak_rss_kb"]
        lines.append("")
        lines.append(f"### {s['size']}: {s['files']:,} files, {s['mb']:.2f} MB, median of {s['runs']} "
                     f"run{'s' if s['runs'] > 1 else ''}")
        lines.append("")
        lines.append("| measure | aisearch | omindex / quest | FTS5 (C API) | aisearch / omindex | aisearch / FTS5 |")
        lines.append("|---|---|---|---|---|---|")

        def g(d, *keys):
            for k in keys:
                if d is None:
                    return None
                d = d.get(k)
            return d
        ai_mb, om_mb, ft_mb = g(idx, "aisearch", "mb_per_s"), g(idx, "omindex", "mb_per_s"), g(idx, "fts5", "mb_per_s")
        lines.append(f"| full index, s | {fmt(g(idx, 'aisearch', 'seconds'))} | {fmt(g(idx, 'omindex', 'seconds'))} | "
                     f"{fmt(g(idx, 'fts5', 'seconds'), 3)} | | |")
        lines.append(f"| full index, MB/s | {fmt(ai_mb)} | {fmt(om_mb)} | {fmt(ft_mb)} | {ratio(ai_mb, om_mb)} | "
                     f"{ratio(ai_mb, ft_mb)} |")
        if "aisearch-j1" in idx:
            j1 = idx["aisearch-j1"]["mb_per_s"]
            lines.append(f"| aisearch-index -j 1, MB/s (default / -j 1: {ratio(ai_mb, j1)}) | {fmt(j1)} | | | "
                         f"{ratio(j1, om_mb)} | {ratio(j1, ft_mb)} |")
        lines.append(f"| indexer peak RSS | {mbs(g(idx, 'aisearch', 'peak_rss_kb'))} | "
                     f"{mbs(g(idx, 'omindex', 'peak_rss_kb'))} | {mbs(g(idx, 'fts5', 'peak_rss_kb'))} | | |")
        ai_db, om_db, ft_db = g(idx, "aisearch", "db_bytes"), g(idx, "omindex", "db_bytes"), g(idx, "fts5", "db_bytes")
        lines.append(f"| index size on disk | {fmt(ai_db and ai_db / 1e6, 1)} MB | {fmt(om_db and om_db / 1e6, 1)} MB | "
                     f"{fmt(ft_db and ft_db / 1e6, 1)} MB | {ratio(ai_db, om_db)} | {ratio(ai_db, ft_db)} |")
        for task, label in (("noop", "no-op reindex, s"), ("changed", f"reindex, 1% changed ({s['changed_files']} files), s")):
            a_, o_ = g(rei, "aisearch", task, "seconds"), g(rei, "omindex", task, "seconds")
            lines.append(f"| {label} | {fmt(a_, 3)} | {fmt(o_, 3)} | – | {ratio(a_, o_)} | |")
        n_in = g(lat, "aisearch_in_process", "timed") or g(lat, "fts5_in_process", "timed")
        n_cli = g(lat, "aisearch_cli", "timed") or g(lat, "quest_cli", "timed")
        for p in ("p50_ms", "p95_ms", "p99_ms"):
            a_, f_ = g(lat, "aisearch_in_process", p), g(lat, "fts5_in_process", p)
            lines.append(f"| in-process query {p[:3]}, ms ({n_in} queries) | "
                         f"{fmt(a_, 3)} | – | {fmt(f_, 3)} | | {ratio(a_, f_)} |")
        for p in ("p50_ms", "p95_ms", "p99_ms"):
            a_, q_ = g(lat, "aisearch_cli", p), g(lat, "quest_cli", p)
            lines.append(f"| per-process query {p[:3]}, ms ({n_cli} queries) | "
                         f"{fmt(a_, 2)} | {fmt(q_, 2)} | – | {ratio(a_, q_)} | |")
        lines.append(f"| searcher peak RSS, in-process ({n_in} queries) | "
                     f"{mbs(rss['aisearch_in_process'])} | – | {mbs(rss['fts5_in_process'])} | | |")
        lines.append(f"| searcher peak RSS, one CLI query (max of 20) | {mbs(rss['aisearch_cli'])} | "
                     f"{mbs(rss['quest_cli'])} | – | | |")
        lines.append("")
        extra = ["Ratios are aisearch's value over the other engine's (above 1 is better for MB/s, "
                 "below 1 for seconds, milliseconds and sizes)"]
        for key, label in (("aisearch_in_process_no_collapse", "aisearch in-process --no-collapse"),
                           ("fts5_in_process_no_snippets", "FTS5 without snippet()")):
            d = lat.get(key)
            if d:
                extra.append(f"{label}: p50/p95/p99 {d['p50_ms']:.3f} / {d['p95_ms']:.3f} / {d['p99_ms']:.3f} ms")
        errs = [f"{k} {v['errors']}" for k, v in lat.items() if v and v.get("errors")]
        if errs:
            extra.append("query errors (rejected by the parser or exit status > 1): " + ", ".join(errs))
        if extra:
            lines.append(textwrap.fill(". ".join(extra) + ".", 76))
        if "ranking" in s:
            rk = s["ranking"]
            lines.append("")
            kq = out["known_item_queries"]
            lines.append(textwrap.fill(f"Known-item ranking on the same databases (MRR@10 / recall@10; queries: "
                                       + ", ".join(f"{n} {kq[n]}" for n in SETS) + "):", 76))
            lines.append("")
            lines.append("| engine | " + " | ".join(SETS) + " |")
            lines.append("|---|" + "---|" * len(SETS))
            for key, label in (("aisearch", "aisearch (collapsed; target found in a hit's duplicates counts at that hit)"),
                               ("aisearch_no_collapse", "aisearch --no-collapse"),
                               ("omindex_quest", "omindex + quest (defaults: OR, BM25, English stemmer)"),
                               ("fts5_or", "FTS5 unicode61, bm25(), OR of quoted words"),
                               ("fts5_and", "FTS5 unicode61, bm25(), AND")):
                cells = []
                for n in SETS:
                    v = rk[key].get(n)
                    cells.append("–" if not v else f"{v['mrr@10']:.3f} / {v['recall@10']:.3f}")
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if out.get("growth"):
        lines.append("")
        drawn = (", each smaller size drawn from the largest one's files" if out.get("smaller_sizes_drawn_from_the_largest")
                 else ", each size built on its own")
        lines.append(textwrap.fill(f"Growth of full-index time (mixed corpora, style {out['mixed_corpus_style']}{drawn}): "
                                   "seconds per MB and per file at the larger size over those at the smaller "
                                   "(target for aisearch: at most 1.5× per MB from 10k to 100k).", 76))
        lines.append("")
        lines.append("| sizes | aisearch per MB | aisearch per file | omindex per MB | FTS5 per MB |")
        lines.append("|---|---|---|---|---|")
        for gr in out["growth"]:
            def cell(engine, key):
                v = gr.get(engine, {}).get(key)
                return "–" if v is None else f"{v:.2f}×"
            lines.append(f"| {gr['from']} → {gr['to']} | {cell('aisearch', 'per_mb')} | {cell('aisearch', 'per_file')} | "
                         f"{cell('omindex', 'per_mb')} | {cell('fts5', 'per_mb')} |")
    return "\n".join(lines)


def update_docs(path, md):
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    intro = ("Measured by `tests/bench/perf_bench.sh` (tests/bench/README.md), which writes this section and "
             "tests/bench/results/perf.json. aisearch-index, omindex (`omindex --db D --url / DIR`, text/plain "
             "files) and SQLite FTS5 (`fts5_bench`: unicode61, title + body, one transaction, C API) index the "
             "same files; queries are the help pages' titles and title words, Korean and English. In-process: "
             "`query_bench` on libaisearch (10 hits, snippets, collapsing) vs FTS5 bm25() with snippet() for "
             "10 hits; per process: `aisearch --db D Q` vs `quest -d D Q`, process start included.")
    section = f"{SECTION}\n\n{textwrap.fill(intro, 76)}\n\n{md}\n"
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + ("\n" + text[end + 1:] if end >= 0 else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
