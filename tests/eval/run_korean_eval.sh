#!/usr/bin/env bash
# Korean development evaluation (CTest eval_korean). Builds the LibreOffice
# help corpus and its known-item queries in a temporary directory, scores
# every method with korean_methods and the SQLite FTS5 baseline, and fails
# unless the default aisearch method has a higher MRR@10 than both
# xapian-default and FTS5 (OR) on ko_title and on ko_noun.
#
# Environment: KOREAN_METHODS (path of the korean_methods binary), PYTHON
# (default python3), HELP_ROOT (default /usr/share/libreoffice/help),
# KEEP_EVAL_DIR=1 to keep the corpus and results, FAILURES=N to list N
# missed queries per method and Korean set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lo="$here/libreoffice"
python=${PYTHON:-python3}
help_root=${HELP_ROOT:-/usr/share/libreoffice/help}
korean_methods=${KOREAN_METHODS:?set KOREAN_METHODS to the korean_methods binary}

for lang in ko en-US; do
    if [[ ! -d "$help_root/$lang/text" ]]; then
        echo "eval_korean: FAIL: LibreOffice help pages not found at $help_root/$lang/text" >&2
        echo "eval_korean: install them: apt-get install libreoffice-help-ko libreoffice-help-en-us" >&2
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/eval_korean.XXXXXX")
if [[ "${KEEP_EVAL_DIR:-0}" == 1 ]]; then
    echo "eval_korean: keeping $work"
else
    trap 'rm -rf "$work"' EXIT
fi

start=$SECONDS
"$python" "$lo/build_corpus.py" --out "$work/corpus" --help-root "$help_root"
"$python" "$lo/make_queries.py" --corpus "$work/corpus" --out "$work/queries.json"
echo
# A sanitizer build runs several times slower: there, only the two methods
# the verdict compares (compare_korean.py) are scored.
method_args=()
if ldd "$korean_methods" 2>/dev/null | grep -Eq 'lib(asan|ubsan|tsan)'; then
    echo "eval_korean: sanitizer build: methods xapian-default and aisearch only"
    method_args=(--methods xapian-default,aisearch)
fi
"$korean_methods" --corpus "$work/corpus" --queries "$work/queries.json" \
    --json "$work/methods.json" --failures "${FAILURES:-0}" "${method_args[@]}"
echo
"$python" "$lo/fts5_baseline.py" --corpus "$work/corpus" --queries "$work/queries.json" \
    --json "$work/fts5.json"
echo
status=0
"$python" "$lo/compare_korean.py" --methods "$work/methods.json" --fts5 "$work/fts5.json" || status=$?
echo "eval_korean: $((SECONDS - start)) s"
exit $status
