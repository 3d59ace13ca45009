#!/usr/bin/env bash
# Reindex benchmark: how long the nightly run takes on the LibreOffice help
# corpus (3,384 pages, 5.6 MB; tests/eval/libreoffice/build_corpus.py).
#
#   bash tests/bench/reindex_bench.sh [BUILD_DIR]     (default: build)
#
# Prints, as the median of 3 runs each: a full index into a fresh database
# (time and MB/s), a no-op reindex, a reindex after 1% of the files
# changed, a --full rebuild, and the database size. Wall-clock times of the
# aisearch-index process, startup included. Not a ctest test.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$REPO/build}" && pwd)
INDEX="$BUILD/indexer/aisearch-index"
export AISEARCH_DATA_DIR="${AISEARCH_DATA_DIR:-$REPO/common/data}"
[ -x "$INDEX" ] || { echo "no $INDEX: build first (cmake --build $BUILD)" >&2; exit 2; }
RUNS=3

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "building the corpus (LibreOffice help pages) ..." >&2
python3 "$REPO/tests/eval/libreoffice/build_corpus.py" --out "$WORK/help" >/dev/null
SRC="$WORK/corpus"
mkdir "$SRC"
mv "$WORK/help/ko" "$WORK/help/en" "$SRC/"
FILES=$(find "$SRC" -name '*.txt' | wc -l)
BYTES=$(find "$SRC" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
(cd "$SRC" && find . -name '*.txt' | sort) >"$WORK/files"

now() { date +%s%N; }
# timed ARGS...: runs aisearch-index, prints its wall time in seconds.
timed() {
    local t0 t1
    t0=$(now)
    "$INDEX" "$@" >/dev/null
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

full=() noop=() changed=() rebuild=() sizes=() rebuilt_sizes=()
for r in $(seq $RUNS); do
    echo "run $r of $RUNS ..." >&2
    DB="$WORK/db$r"
    full+=("$(timed --db "$DB" "$SRC")")
    sizes+=("$(du -sb "$DB" | cut -f1)")
    noop+=("$(timed --db "$DB" "$SRC")")
    # 1% of the files, a different 1% each run, get a new last line.
    awk -v r="$r" 'NR % 100 == r' "$WORK/files" | while read -r f; do
        echo "Changed for the benchmark, run $r." >>"$SRC/$f"
    done
    changed+=("$(timed --db "$DB" "$SRC")")
    rebuild+=("$(timed --db "$DB" --full "$SRC")")
    rebuilt_sizes+=("$(du -sb "$DB" | cut -f1)")
    rm -rf "$DB"
done
n_changed=$(awk 'NR % 100 == 1' "$WORK/files" | wc -l)

f=$(median "${full[@]}")
mb=$(awk -v b="$BYTES" 'BEGIN {printf "%.2f", b / 1e6}')
echo
echo "aisearch-index on the LibreOffice help corpus: $FILES files, $mb MB"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); build: $(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" 2>/dev/null | cut -d= -f2)"
echo "median of $RUNS runs (all runs in parentheses), wall-clock seconds"
echo
printf '| %-38s | %-28s |\n' "measure" "median"
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..40})" "$(printf -- '-%.0s' {1..30})"
row() { printf '| %-38s | %-28s |\n' "$1" "$2"; }
row "full index, fresh database" "$f s  ($(echo "${full[@]}"))"
row "full index throughput" "$(awk -v b="$BYTES" -v s="$f" 'BEGIN {printf "%.2f MB/s", b / 1e6 / s}')"
row "no-op reindex" "$(median "${noop[@]}") s  ($(echo "${noop[@]}"))"
row "reindex, 1% changed ($n_changed files)" "$(median "${changed[@]}") s  ($(echo "${changed[@]}"))"
row "--full rebuild" "$(median "${rebuild[@]}") s  ($(echo "${rebuild[@]}"))"
row "database size, fresh build" "$(awk -v b="$(median "${sizes[@]}")" 'BEGIN {printf "%.1f MB", b / 1e6}')"
row "database size, after --full" "$(awk -v b="$(median "${rebuilt_sizes[@]}")" 'BEGIN {printf "%.1f MB", b / 1e6}')"
