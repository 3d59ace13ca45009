#!/usr/bin/env bash
# Recall of one-syllable Korean nouns that take a particle (값을, 표를; see
# docs/analyzer.md, "One-syllable nouns"). For each noun: the Korean help
# pages that hold it alone or followed by a particle (grep), and how many
# of them `aisearch --lang ko --no-collapse` returns. Not a CTest test.
#
#   bash tests/eval/one_syllable_recall.sh [BUILD_DIR] [--help-corpus DIR]
#
# BUILD_DIR defaults to build. --help-corpus DIR reuses a corpus that
# tests/eval/libreoffice/build_corpus.py built (DIR/ko/...); otherwise it
# is built from the installed libreoffice-help-ko/-en-us pages into a
# temporary directory. The whole corpus (Korean and English) is indexed,
# as eval_korean does.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build="$repo/build"
corpus=""
while [ $# -gt 0 ]; do
    case "$1" in
        --help-corpus) corpus=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "one_syllable_recall.sh: unknown option $1" >&2; exit 2 ;;
        *) build=$1; shift ;;
    esac
done
export AISEARCH_DATA_DIR="${AISEARCH_DATA_DIR:-$repo/common/data}"
work=$(mktemp -d "${TMPDIR:-/tmp}/one_syllable.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "$corpus" ]; then
    corpus="$work/corpus"
    python3 "$repo/tests/eval/libreoffice/build_corpus.py" --out "$corpus" >/dev/null
fi
corpus=$(cd "$corpus" && pwd)
"$build/indexer/aisearch-index" --db "$work/db" "$corpus"

printf '| noun | pages | found | other pages returned |\n|---|---|---|---|\n'
total_pages=0
total_found=0
for noun in 값 셀 창 표 열 행 줄 키 면 수; do
    grep -r -l -P "(^|[^\x{AC00}-\x{D7A3}])${noun}(을|를|이|가|은|는|과|와|의|에|도|로|으로|에서|만|까지)?([^\x{AC00}-\x{D7A3}]|$)" \
        "$corpus/ko" | sort > "$work/pages" || true
    "$build/searcher/aisearch" --db "$work/db" --lang ko --no-collapse --json -n 2000 "$noun" |
        python3 -c 'import json, sys
print("\n".join(sorted({h["path"].split("#")[0] for h in json.load(sys.stdin)["hits"]})))' > "$work/found" || true
    pages=$(wc -l < "$work/pages")
    found=$(comm -12 "$work/pages" "$work/found" | wc -l)
    other=$(comm -13 "$work/pages" "$work/found" | grep -c . || true)
    printf '| %s | %d | %d | %d |\n' "$noun" "$pages" "$found" "$other"
    total_pages=$((total_pages + pages))
    total_found=$((total_found + found))
done
printf '\nfound %d of %d pages\n' "$total_found" "$total_pages"
