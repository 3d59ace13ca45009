#!/usr/bin/env bash
# Duplicate-detection benchmark: how detection time grows with the number
# of parts, and how many of the duplicate pairs its candidates find.
#
#   bash tests/bench/dups_bench.sh [BUILD_DIR] [--sizes 1000,10000,100000]
#        [--runs R] [--sample K] [--recall-max N] [--style runs|scatter]
#        [--seed S] [--subsets] [--keep] [--json FILE] [--help-corpus DIR]
#
# BUILD_DIR defaults to build. Builds the LibreOffice help corpus once
# (tests/eval/libreoffice/build_corpus.py), then for each size N a mixed
# corpus of N files (make_mixed_corpus.py: real help text, with planted
# exact, near and translated copies), and indexes it with
# `aisearch-index -v` into a fresh database R times (default 3 up to
# 10,000 files, 1 above; the table shows medians). Records the wall time
# of the run, the duplicate-detection seconds of its "duplicates:" line,
# peak RSS (/usr/bin/time -v, if installed) and the database size. Then
# runs dups_bench on the last database of each size: all pairs when it has
# at most 2,000 parts (the 1k set), else --sample K parts (default 100; 0
# skips it) compared with every part; above --recall-max files (default
# 10,000) only its cheap statistics (--stats-only: postings, links), as
# recall there takes longer than the index. --style scatter builds the
# control corpora (make_mixed_corpus.py). --subsets draws each smaller
# size from the largest one's files (make_mixed_corpus.py --subset-of):
# the sizes then differ in nothing but size (the planted pairs are capped,
# so corpora built apart differ in their mix of kinds and file lengths).
# --keep keeps the corpora and
# databases. Prints the tables and writes tests/bench/results/dups.json
# (or --json FILE). --help-corpus DIR reuses a help corpus
# build_corpus.py already built. Not a ctest test. The default sizes take about 35
# minutes on 2 cores, almost all of it the 100k index (1 run).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD="$REPO/build"
SIZES=1000,10000,100000
RUNS=""
SAMPLE=100
RECALL_MAX=10000
STYLE=runs
SEED=1
SUBSETS=0
KEEP=0
HELP_CORPUS=""
JSON_OUT="$REPO/tests/bench/results/dups.json"
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --sample) SAMPLE=$2; shift 2 ;;
        --recall-max) RECALL_MAX=$2; shift 2 ;;
        --style) STYLE=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --subsets) SUBSETS=1; shift ;;
        --keep) KEEP=1; shift ;;
        --json) JSON_OUT=$2; shift 2 ;;
        --help-corpus) HELP_CORPUS=$2; shift 2 ;;
        -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "dups_bench.sh: unknown option $1" >&2; exit 2 ;;
        *) BUILD=$1; shift ;;
    esac
done
BUILD=$(cd "$BUILD" && pwd)
INDEX="$BUILD/indexer/aisearch-index"
BENCH="$BUILD/tests/bench/dups_bench"
export AISEARCH_DATA_DIR="${AISEARCH_DATA_DIR:-$REPO/common/data}"
for b in "$INDEX" "$BENCH"; do
    [ -x "$b" ] || { echo "dups_bench.sh: no $b: build first (cmake --build $BUILD -j2)" >&2; exit 2; }
done
TIME=""
[ -x /usr/bin/time ] && TIME=/usr/bin/time

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dups_bench.XXXXXX")
if [ "$KEEP" = 1 ]; then
    echo "keeping $WORK" >&2
else
    trap 'rm -rf "$WORK"' EXIT
fi
start=$SECONDS
# The detector sources the figures belong to, read now: the build may
# change while the benchmark runs.
DIGEST=$(cd "$REPO" && for f in indexer/duplicate_detector.cc indexer/duplicate_detector.h \
    common/duplicate_fingerprint.cc common/duplicate_fingerprint.h common/duplicate_store.cc \
    common/part_document.cc common/figure_extractor.cc common/data/dup_stopwords.txt; do
    if [ -f "$f" ]; then printf '%s\0' "$f"; cat "$f"; fi; done | sha256sum | cut -d' ' -f1)
if [ -n "$HELP_CORPUS" ]; then
    HELP=$(cd "$HELP_CORPUS" && pwd)
else
    HELP="$WORK/help"
    echo "building the help corpus (LibreOffice help pages) ..." >&2
    python3 "$REPO/tests/eval/libreoffice/build_corpus.py" --out "$HELP" >/dev/null
fi

now() { date +%s%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

IFS=, read -r -a sizes <<<"$SIZES"
largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
: >"$WORK/runs.tsv"  # size run files bytes wall_s json_s det_s parts verified relations rss_kb db_bytes
for size in "${sizes[@]}"; do
    runs=${RUNS:-$([ "$size" -le 10000 ] && echo 3 || echo 1)}
    src="$WORK/corpus-$size"
    echo "size $size: building the mixed corpus ..." >&2
    subset=()
    [ "$SUBSETS" = 1 ] && [ "$size" -lt "$largest" ] && subset=(--subset-of "$largest")
    python3 "$REPO/tests/bench/make_mixed_corpus.py" "$src" "$size" --help-corpus "$HELP" --seed "$SEED" \
        --style "$STYLE" "${subset[@]}" >&2
    files=$(find "$src" -name '*.txt' | wc -l)
    bytes=$(find "$src" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
    for r in $(seq "$runs"); do
        echo "size $size: index run $r of $runs ($(date +%T)) ..." >&2
        db="$WORK/db-$size"
        rm -rf "$db"
        t0=$(now)
        status=0
        if [ -n "$TIME" ]; then
            "$TIME" -v -o "$WORK/time.txt" "$INDEX" -v --json --db "$db" "$src" >"$WORK/summary.json" 2>"$WORK/log.txt" || status=$?
        else
            "$INDEX" -v --json --db "$db" "$src" >"$WORK/summary.json" 2>"$WORK/log.txt" || status=$?
        fi
        t1=$(now)
        if [ "$status" -gt 1 ]; then
            echo "dups_bench.sh: aisearch-index failed ($status):" >&2
            grep -v '^added ' "$WORK/log.txt" | tail -20 >&2
            exit 1
        fi
        [ "$status" = 1 ] && echo "dups_bench.sh: warning: aisearch-index skipped some inputs" >&2
        # duplicates: N parts linked, M candidates verified, K relations found in S s
        line=$(grep '^duplicates: ' "$WORK/log.txt" | tail -1)
        [ -n "$line" ] || { echo "dups_bench.sh: no 'duplicates:' line from aisearch-index -v" >&2; exit 1; }
        read -r parts verified relations det_s < <(echo "$line" |
            sed -E 's/^duplicates: ([0-9]+) parts linked, ([0-9]+) candidates verified, ([0-9]+) relations found in ([0-9.e+-]+) s.*/\1 \2 \3 \4/')
        wall_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
        json_s=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$WORK/summary.json")
        rss=0
        [ -n "$TIME" ] && rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time.txt")
        db_bytes=$(du -sb "$db" | cut -f1)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$r" "$files" "$bytes" "$wall_s" "$json_s" \
            "$det_s" "$parts" "$verified" "$relations" "$rss" "$db_bytes" >>"$WORK/runs.tsv"
        echo "  $wall_s s, detection $det_s s ($parts parts, $verified verified, $relations relations)" >&2
    done
    echo "size $size: dups_bench ($(date +%T)) ..." >&2
    bench_args=(--planted "$src/planted.tsv" --json "$WORK/bench-$size.json")
    if [ "$size" -gt "$RECALL_MAX" ]; then
        bench_args+=(--stats-only)
    elif [ "$SAMPLE" -gt 0 ]; then
        bench_args+=(--sample "$SAMPLE")
    fi
    "$BENCH" "$db" "${bench_args[@]}" >"$WORK/bench-$size.txt" 2>"$WORK/bench-$size.log"
    [ "$KEEP" = 1 ] || rm -rf "$db" "$src"
done

# Summary tables and dups.json.
mkdir -p "$(dirname "$JSON_OUT")"
python3 - "$WORK" "$JSON_OUT" "$SIZES" "$BUILD" "$SAMPLE" "$SEED" "$REPO" "$DIGEST" "$STYLE" "$SUBSETS" <<'EOF'
import json, os, platform, subprocess, sys, time
work, out_path, sizes, build, sample, seed, repo, digest, style, subsets = sys.argv[1:]
sizes = [int(s) for s in sizes.split(",")]
cols = ["size", "run", "files", "bytes", "wall_s", "json_s", "det_s", "parts", "verified", "relations", "rss_kb", "db_bytes"]
rows = [dict(zip(cols, l.rstrip("\n").split("\t"))) for l in open(os.path.join(work, "runs.tsv"))]

def rule(fmt, n):
    # A Markdown separator under a header printed with fmt.
    cells = fmt.format(*([""] * n)).split("|")[1:-1]
    return "|" + "|".join("-" * len(c) for c in cells) + "|"

def median(xs):
    xs = sorted(xs)
    return xs[(len(xs) - 1) // 2]  # the lower median, like the shell's

def cpu():
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            return l.split(":", 1)[1].strip()
    return platform.processor()

def build_type():
    try:
        for l in open(os.path.join(build, "CMakeCache.txt")):
            if l.startswith("CMAKE_BUILD_TYPE"):
                return l.split("=", 1)[1].strip()
    except OSError:
        pass
    return ""

def git(*args):
    try:
        return subprocess.run(["git", "--no-optional-locks", "-C", repo, *args], capture_output=True,
                              text=True).stdout.strip()
    except OSError:
        return ""

results = []
for size in sizes:
    runs = [r for r in rows if int(r["size"]) == size]
    if not runs:
        continue
    f = lambda k: [float(r[k]) for r in runs]
    parts = int(runs[-1]["parts"])
    det = median(f("det_s"))
    res = {
        "size": size,
        "files": int(runs[-1]["files"]),
        "bytes": int(runs[-1]["bytes"]),
        "parts": parts,
        "runs": len(runs),
        "index_seconds": median(f("wall_s")),
        "index_seconds_all": f("wall_s"),
        "detection_seconds": det,
        "detection_seconds_all": f("det_s"),
        "detection_us_per_part": 1e6 * det / parts if parts else 0,
        "candidates_verified": int(runs[-1]["verified"]),
        "candidates_verified_per_part": int(runs[-1]["verified"]) / parts if parts else 0,
        "relations": int(runs[-1]["relations"]),
        # Work in and out: a part's links and records grow with the
        # relations it takes part in, and on the runs corpora the relations
        # per part grow with the size (the same pages reused).
        "detection_us_per_part_and_relation": 1e6 * det / (parts + int(runs[-1]["relations"])) if parts else 0,
        "peak_rss_kb": int(median(f("rss_kb"))),
        "db_bytes": int(median(f("db_bytes"))),
    }
    bench = os.path.join(work, f"bench-{size}.json")
    if os.path.exists(bench):
        res["dups_bench"] = json.load(open(bench))
    results.append(res)
base = results[0]["detection_us_per_part"] if results else 0
base_work = results[0]["detection_us_per_part_and_relation"] if results else 0
for r in results:
    r["growth_vs_smallest"] = r["detection_us_per_part"] / base if base else 0
    r["growth_per_part_and_relation_vs_smallest"] = (r["detection_us_per_part_and_relation"] / base_work
                                                     if base_work else 0)

doc = {
    "benchmark": "duplicate detection (tests/bench/dups_bench.sh)",
    "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    "machine": {"cpus": os.cpu_count(), "cpu": cpu(), "load_average_at_end": list(os.getloadavg())},
    "build_type": build_type(),
    "git_head": git("rev-parse", "HEAD"),
    "git_dirty": bool(git("status", "--porcelain")),
    "detector_sources_sha256": digest,
    "seed": int(seed),
    "style": style,
    "smaller_sizes_drawn_from_the_largest": subsets == "1",
    "sample": int(sample),
    "note": "index and detection seconds are medians of 'runs' fresh builds (1 run above 10,000 files); "
            "detection seconds are aisearch-index -v's 'duplicates: ... in S s'",
    "results": results,
}
with open(out_path, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")

print()
print(f"Duplicate detection, aisearch-index -v on mixed LibreOffice-help corpora (--style {style}, seed {seed}"
      + (", smaller sizes drawn from the largest)" if subsets == "1" else ")"))
print(f"machine: {doc['machine']['cpus']} CPUs, {doc['machine']['cpu']}; build: {doc['build_type']}; "
      f"load average at the end {os.getloadavg()[0]:.2f}")
print("medians of R fresh builds; 'growth' = detection us per part / that of the smallest size (1.0 = linear);")
print("'us/(p+r)' = detection us per part and relation found, and its growth")
print()
hdr = ("size", "parts", "R", "index s", "detect s", "us/part", "growth", "us/(p+r)", "growth", "verified/part",
       "relations", "peak RSS", "db size")
fmt = ("| {:>7} | {:>7} | {:>2} | {:>8} | {:>8} | {:>8} | {:>6} | {:>8} | {:>6} | {:>13} | {:>9} | {:>8} "
       "| {:>8} |")
print(fmt.format(*hdr))
print(rule(fmt, len(hdr)))
for r in results:
    print(fmt.format(r["size"], r["parts"], r["runs"], f"{r['index_seconds']:.1f}", f"{r['detection_seconds']:.2f}",
                     f"{r['detection_us_per_part']:.0f}", f"{r['growth_vs_smallest']:.2f}",
                     f"{r['detection_us_per_part_and_relation']:.0f}",
                     f"{r['growth_per_part_and_relation_vs_smallest']:.2f}",
                     f"{r['candidates_verified_per_part']:.1f}", r["relations"],
                     f"{r['peak_rss_kb'] / 1024:.0f} MB" if r["peak_rss_kb"] else "-", f"{r['db_bytes'] / 1e6:.0f} MB"))

print()
print("Candidate recall (dups_bench): accepted = pairs the default RelationJudge accepts when compared directly;")
print("full = accepted pairs where either part's candidates name the other (a full build); incremental = from")
print("each side (a part added to an existing index); linked = pairs the indexer linked")
print()
fmt2 = "| {:>7} | {:>18} | {:>22} | {:>8} | {:>6} | {:>11} | {:>6} | {:>9} | {:>6} |"
hdr2 = ("size", "pairs judged", "relation", "accepted", "full", "incremental", "linked", "cand/part", "prec.")
print(fmt2.format(*hdr2))
print(rule(fmt2, len(hdr2)))
for r in results:
    b = r.get("dups_bench") or {}
    ex, rec = b.get("exhaustive"), b.get("recall")
    if not ex or not rec:
        continue
    judged = "all " + str(ex["pairs"]) if ex["mode"] == "all" else f"{ex['sampled_parts']} x all"
    for rel in ("exact", "near", "translation", "all", "translation_one_to_one", "all_one_to_one"):
        if rel not in rec:
            continue
        x = rec[rel]
        print(fmt2.format(r["size"], judged, rel, x["accepted"], f"{100 * x['candidate_recall']:.1f}%",
                          f"{100 * x['incremental_recall']:.1f}%", f"{100 * x['linked_recall']:.1f}%",
                          f"{b['candidates']['per_part']['mean']:.1f}" if rel == "all" else "",
                          f"{100 * rec['candidate_precision']:.1f}%" if rel == "all" else ""))
print()
print("translation_one_to_one: the judged translations between files kept only where each side is the other's")
print("clear best (as the indexer pairs them), over all pairs: what a detector comparing every pair would link")

print()
print("Planted pairs: judged = accepted by the judge; cand = either side's candidates; linked = by the indexer")
print()
fmt3 = "| {:>7} | {:>11} | {:>5} | {:>6} | {:>6} | {:>6} |"
hdr3 = ("size", "kind", "pairs", "judged", "cand", "linked")
print(fmt3.format(*hdr3))
print(rule(fmt3, len(hdr3)))
for r in results:
    for kind, x in sorted(((r.get("dups_bench") or {}).get("planted") or {}).items()):
        has_candidates = "candidates" in (r.get("dups_bench") or {})
        print(fmt3.format(r["size"], kind, x["pairs"], f"{x['judged']}",
                          f"{100 * x['candidate_recall']:.0f}%" if has_candidates else "-",
                          f"{100 * x['linked_recall']:.0f}%"))

print()
print("Candidate gathering, postings read per part (mean / p99) and anchors skipped:")
for r in results:
    p = (r.get("dups_bench") or {}).get("postings")
    if not p:
        continue
    print(f"  {r['size']:>7}: XB {p['band']['mean']:.0f}/{p['band']['p99']:.0f}, XA {p['anchor']['mean']:.0f}/"
          f"{p['anchor']['p99']:.0f}, all {p['total']['mean']:.0f}/{p['total']['p99']:.0f}; anchors read over the "
          f"{p['anchor_cap']}-part cap {p['anchors_read_over_cap']}, not read {p['anchors_not_read']}, unique "
          f"{p['anchors_unique']}; bands over the cap "
          f"{p['bands_over_cap']} of {p['bands']}")
print()
print(f"written {out_path}")
EOF
for size in "${sizes[@]}"; do
    echo
    echo "== dups_bench, $size files"
    cat "$WORK/bench-$size.txt"
done
echo "dups_bench.sh: $((SECONDS - start)) s" >&2
