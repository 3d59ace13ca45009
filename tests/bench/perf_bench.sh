#!/usr/bin/env bash
# Performance benchmark of issue 5: aisearch against Xapian's omindex/quest
# and SQLite FTS5 (unicode61, C API), side by side, same run, same files.
#
#   bash tests/bench/perf_bench.sh BUILD_DIR [--sizes 3k,10k,100k] [--runs R]
#        [--queries N] [--spawn-queries M] [--rank-max K] [--json FILE]
#        [--style runs|scatter] [--subsets] [--no-docs] [--keep] [--quick]
#
# BUILD_DIR defaults to build; it needs query_bench, analyzer_bench and
# fts5_bench (tests/bench/CMakeLists.txt; fts5_bench only where
# libsqlite3-dev was installed when cmake ran). As root, installs the Debian packages it
# needs if dpkg does not list them. Sizes: 3k is the LibreOffice help
# corpus itself (3,384 pages, one .txt each; build_corpus.py), other sizes
# (10k, 100k or plain numbers) mixed corpora of that many files
# (make_mixed_corpus.py: real help text split and mixed; --style as
# there, default runs). --subsets draws each smaller mixed size from the
# largest one's files (make_mixed_corpus.py --subset-of), so that sizes
# differ in nothing but size, and the report adds how index time per MB
# and per file grows from each smaller size to the largest. First the
# analyzer alone against bare ICU on the help corpus (analyzer_bench).
# Default sizes 3k; R runs per size (default 3; 1 above 10k unless --runs is given).
# For each run, on a warm page cache: a full index into a fresh database
# by aisearch-index (and with -j 1, if it has that option), omindex and
# fts5_bench; a no-op reindex and a reindex after appending a line to 1%
# of the files, by aisearch-index and omindex; each under /usr/bin/time
# (wall seconds, peak RSS), then the index sizes. Then on the last run's
# databases: query latency over N real queries (default 1,000:
# make_bench_queries.py) in-process (query_bench on libaisearch, as users
# run it: 10 hits, snippets, collapsing; and fts5_bench: bm25(), OR of
# the quoted words, snippet() of 10 hits), per process for the first M of
# them (default 200: `aisearch --db D Q` vs `quest -d D Q`); peak RSS of
# the searchers. On the help corpus only: MRR@10 and recall@10 of the
# known-item sets (page title -> page) for aisearch (collapsed and
# --no-collapse), omindex + quest and FTS5 (OR and AND); --rank-max K
# keeps K queries per set (default all). Prints a table, writes
# tests/bench/results/perf.json (or --json FILE) and the section
# "Performance against omindex and FTS5 (issue 5)" of docs/benchmarks.md
# (not with --no-docs or --quick). --quick: 3k, 1 run, 200 queries, 100
# per process, 150 known-item queries per set. --keep keeps the corpora
# and databases (the work directory is named on stderr). Not a ctest test.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD="$REPO/build"
SIZES=""
RUNS=""
QUERIES=""
SPAWN=""
RANK_MAX=""
JSON_OUT="$REPO/tests/bench/results/perf.json"
DOCS=1
KEEP=0
QUICK=0
STYLE=runs
SUBSETS=0
ARGS="$*"
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --queries) QUERIES=$2; shift 2 ;;
        --spawn-queries) SPAWN=$2; shift 2 ;;
        --rank-max) RANK_MAX=$2; shift 2 ;;
        --json) JSON_OUT=$2; shift 2 ;;
        --no-docs) DOCS=0; shift ;;
        --keep) KEEP=1; shift ;;
        --quick) QUICK=1; shift ;;
        --style) STYLE=$2; shift 2 ;;
        --subsets) SUBSETS=1; shift ;;
        -h|--help) sed -n '2,39p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "perf_bench.sh: unknown option $1" >&2; exit 2 ;;
        *) BUILD=$1; shift ;;
    esac
done
if [ "$QUICK" = 1 ]; then
    SIZES=${SIZES:-3k} RUNS=${RUNS:-1} QUERIES=${QUERIES:-200} SPAWN=${SPAWN:-100} RANK_MAX=${RANK_MAX:-150} DOCS=0
fi
SIZES=${SIZES:-3k} QUERIES=${QUERIES:-1000} SPAWN=${SPAWN:-200} RANK_MAX=${RANK_MAX:-0}

# Packages: help pages, omindex/quest, sqlite3 and its headers, time.
PACKAGES="libreoffice-help-en-us libreoffice-help-ko xapian-tools xapian-omega sqlite3 libsqlite3-dev time"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "installing$missing ..." >&2
        apt-get update >&2
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >&2
    else
        echo "perf_bench.sh: missing packages:$missing (run as root, or apt-get install them)" >&2
        exit 2
    fi
fi

BUILD=$(cd "$BUILD" && pwd)
INDEX="$BUILD/indexer/aisearch-index"
CLI="$BUILD/searcher/aisearch"
QB="$BUILD/tests/bench/query_bench"
FB="$BUILD/tests/bench/fts5_bench"
AB="$BUILD/tests/bench/analyzer_bench"
export AISEARCH_DATA_DIR="${AISEARCH_DATA_DIR:-$REPO/common/data}"
if [ ! -x "$FB" ] && [ -f "$BUILD/CMakeCache.txt" ]; then
    # libsqlite3-dev may have come after the first cmake run.
    if cmake "$BUILD" >/dev/null; then cmake --build "$BUILD" --target fts5_bench query_bench analyzer_bench -j2 >&2 || true; fi
fi
for b in "$INDEX" "$CLI" "$QB" "$FB" "$AB" /usr/bin/time "$(command -v omindex)" "$(command -v quest)"; do
    [ -x "$b" ] || { echo "perf_bench.sh: no $b: build first (cmake --build $BUILD -j2)" >&2; exit 2; }
done
# The -j option of aisearch-index, if it has one by now.
JOBS_OPT=""
if "$INDEX" --help 2>&1 | grep -q -- '--jobs'; then JOBS_OPT="--jobs"
elif "$INDEX" --help 2>&1 | grep -qE -- '(^|[ ,])-j[, ]'; then JOBS_OPT="-j"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/perf_bench.XXXXXX")
if [ "$KEEP" = 1 ]; then echo "keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
start=$SECONDS
echo "building the help corpus (LibreOffice help pages) ..." >&2
python3 "$REPO/tests/eval/libreoffice/build_corpus.py" --out "$WORK/help" >/dev/null
echo "analyzer against bare ICU ..." >&2
"$AB" "$WORK/help" >"$WORK/analyzer.json"
echo "making the queries ..." >&2
rank_args=()
[ "$RANK_MAX" -gt 0 ] && rank_args=(--rank-max "$RANK_MAX")
python3 "$REPO/tests/bench/make_bench_queries.py" --corpus "$WORK/help" --latency "$QUERIES" \
    --latency-out "$WORK/latency.txt" --rank-out "$WORK/rank.json" "${rank_args[@]}"
head -n "$SPAWN" "$WORK/latency.txt" >"$WORK/spawn.txt"
python3 -c 'import json, sys; [print(q["q"]) for q in json.load(open(sys.argv[1]))["queries"]]' \
    "$WORK/rank.json" >"$WORK/rank.txt"

now() { date +%s%N; }
: >"$WORK/runs.tsv"  # engine task size run wall_s rss_kb
# timed ENGINE TASK SIZE RUN COMMAND...: runs COMMAND under /usr/bin/time,
# records its wall seconds and peak RSS; exit status 1 (inputs skipped) is
# accepted.
timed() {
    local engine=$1 task=$2 size=$3 run=$4 t0 t1 status=0
    shift 4
    t0=$(now)
    /usr/bin/time -f '%M' -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt" || status=$?
    t1=$(now)
    if [ "$status" -gt 1 ]; then
        echo "perf_bench.sh: $* failed ($status):" >&2
        tail -20 "$WORK/err.txt" >&2
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$task" "$size" "$run" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}')" "$(tail -1 "$WORK/time.txt")" \
        >>"$WORK/runs.tsv"
}
# record ENGINE TASK SIZE RUN VALUE: a value that is not a timing (bytes).
record() { printf '%s\t%s\t%s\t%s\t%s\t\n' "$@" >>"$WORK/runs.tsv"; }

: >"$WORK/sizes.tsv"  # size files bytes runs
IFS=, read -r -a sizes <<<"$SIZES"
files_of() { local n=${1%k}; [ "$n" != "$1" ] && n=$((n * 1000)); echo "$n"; }
largest=0
for size in "${sizes[@]}"; do
    [ "$size" = 3k ] && continue
    n=$(files_of "$size")
    [ "$n" -gt "$largest" ] && largest=$n
done
for size in "${sizes[@]}"; do
    n=$(files_of "$size")
    src="$WORK/src-$size"
    if [ "$size" = 3k ]; then
        mkdir "$src"
        cp -r "$WORK/help/ko" "$WORK/help/en" "$src/"
    else
        echo "size $size: building the mixed corpus ..." >&2
        subset=()
        [ "$SUBSETS" = 1 ] && [ "$n" -lt "$largest" ] && subset=(--subset-of "$largest")
        python3 "$REPO/tests/bench/make_mixed_corpus.py" "$src" "$n" --help-corpus "$WORK/help" --seed 1 \
            --style "$STYLE" "${subset[@]}" >&2
        rm -f "$src/planted.tsv"
    fi
    (cd "$src" && find . -name '*.txt' | sort) >"$WORK/files-$size"
    files=$(wc -l <"$WORK/files-$size")
    bytes=$(find "$src" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
    runs=${RUNS:-$([ "$n" -le 10000 ] && echo 3 || echo 1)}
    printf '%s\t%s\t%s\t%s\n' "$size" "$files" "$bytes" "$runs" >>"$WORK/sizes.tsv"
    # Warm page cache: every engine reads the files from memory.
    find "$src" -name '*.txt' -exec cat {} + >/dev/null
    for r in $(seq "$runs"); do
        echo "size $size: run $r of $runs ($(date +%T)) ..." >&2
        ai="$WORK/ai-$size" om="$WORK/om-$size" fts="$WORK/fts-$size.db"
        rm -rf "$ai" "$om" "$fts" "$WORK/ai1-$size"
        timed aisearch full "$size" "$r" "$INDEX" --db "$ai" "$src"
        record aisearch db_bytes "$size" "$r" "$(du -sb "$ai" | cut -f1)"
        if [ -n "$JOBS_OPT" ]; then
            timed aisearch-j1 full "$size" "$r" "$INDEX" "$JOBS_OPT" 1 --db "$WORK/ai1-$size" "$src"
            rm -rf "$WORK/ai1-$size"
        fi
        timed omindex full "$size" "$r" omindex --db "$om" --url / "$src"
        record omindex db_bytes "$size" "$r" "$(du -sb "$om" | cut -f1)"
        timed fts5 full "$size" "$r" "$FB" index "$fts" "$src"
        record fts5 db_bytes "$size" "$r" "$(du -sb "$fts" | cut -f1)"
        record fts5 inner_s "$size" "$r" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$WORK/out.txt")"
        timed aisearch noop "$size" "$r" "$INDEX" --db "$ai" "$src"
        timed omindex noop "$size" "$r" omindex --db "$om" --url / "$src"
        # 1% of the files, a different 1% each run, get a new last line.
        awk -v r="$r" 'NR % 100 == r' "$WORK/files-$size" | while read -r f; do
            echo "Changed for the benchmark, run $r." >>"$src/$f"
        done
        timed aisearch changed "$size" "$r" "$INDEX" --db "$ai" "$src"
        timed omindex changed "$size" "$r" omindex --db "$om" --url / "$src"
    done
    record all changed_files "$size" 0 "$(awk 'NR % 100 == 1' "$WORK/files-$size" | wc -l)"

    echo "size $size: query latency ($(date +%T)) ..." >&2
    lat="$WORK/lat-$size"
    mkdir -p "$lat"
    /usr/bin/time -f '%M' -o "$lat/ai.rss" "$QB" search "$ai" "$WORK/latency.txt" >"$lat/ai.json"
    "$QB" search "$ai" "$WORK/latency.txt" --no-collapse >"$lat/ai-nocollapse.json"
    /usr/bin/time -f '%M' -o "$lat/fts5.rss" "$FB" query "$fts" "$WORK/latency.txt" >"$lat/fts5.json"
    "$FB" query "$fts" "$WORK/latency.txt" --no-snippets >"$lat/fts5-nosnippets.json"
    "$QB" spawn "$WORK/spawn.txt" -- "$CLI" --db "$ai" -- '{}' >"$lat/ai-cli.json"
    "$QB" spawn "$WORK/spawn.txt" -- quest -d "$om" -- '{}' >"$lat/quest.json"
    # Peak RSS of one search per process: the largest of 20 queries.
    for engine in ai-cli quest; do
        : >"$lat/$engine.rss"
        head -n 20 "$WORK/spawn.txt" | while IFS= read -r q; do
            if [ "$engine" = ai-cli ]; then
                /usr/bin/time -f '%M' -o "$WORK/time.txt" "$CLI" --db "$ai" -- "$q" >/dev/null 2>&1 || true
            else
                /usr/bin/time -f '%M' -o "$WORK/time.txt" quest -d "$om" -- "$q" >/dev/null 2>&1 || true
            fi
            tail -1 "$WORK/time.txt" >>"$lat/$engine.rss"
        done
    done

    if [ "$size" = 3k ]; then
        echo "size $size: ranking ($(date +%T)) ..." >&2
        rk="$WORK/rank-$size"
        mkdir -p "$rk"
        "$QB" search "$ai" "$WORK/rank.txt" --repeat 0 --results "$rk/aisearch.tsv" >/dev/null
        "$QB" search "$ai" "$WORK/rank.txt" --repeat 0 --no-collapse --results "$rk/aisearch-nocollapse.tsv" >/dev/null
        "$FB" query "$fts" "$WORK/rank.txt" --repeat 0 --results "$rk/fts5-or.tsv" >/dev/null
        "$FB" query "$fts" "$WORK/rank.txt" --repeat 0 --op AND --results "$rk/fts5-and.tsv" >/dev/null
        # quest, one process per query; the url= lines of its hits.
        python3 - "$om" "$WORK/rank.txt" "$rk/quest.tsv" <<'EOF'
import subprocess, sys
db, queries, out = sys.argv[1:]
with open(queries, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
    for q in f:
        q = q.rstrip("\n")
        r = subprocess.run(["quest", "-d", db, "-m", "10", "--", q], capture_output=True, text=True)
        urls = [l[5:].lstrip("/") for l in r.stdout.splitlines() if l.startswith("url=")]
        o.write("\t".join([q] + urls) + "\n")
EOF
    fi
    [ "$KEEP" = 1 ] || rm -rf "$ai" "$om" "$fts" "$src"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$(dirname "$JSON_OUT")"
docs_arg=""
[ "$DOCS" = 1 ] && docs_arg="$REPO/docs/benchmarks.md"
python3 "$REPO/tests/bench/perf_report.py" --work "$WORK" --build "$BUILD" --repo "$REPO" --json "$JSON_OUT" \
    --docs="$docs_arg" --jobs-opt="$JOBS_OPT" --queries "$QUERIES" --spawn "$SPAWN" \
    --load="$LOAD_START" --load-end="$LOAD_END" --seconds $((SECONDS - start)) \
    --corpus-style="$STYLE" --subsets="$SUBSETS" \
    --command="bash tests/bench/perf_bench.sh $ARGS"
