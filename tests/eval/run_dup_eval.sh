#!/usr/bin/env bash
# Duplicate-detection evaluation (CTest eval_duplicates). Builds the
# LibreOffice help corpus in a temporary directory, then scores the
# `translation` relations (Korean page <-> English original, with same-section
# distractors and held-out originals) and the `near` relations (edited copies
# of English pages) with libreoffice/dup_eval.py. Fails unless translation
# precision and recall reach MIN_PRECISION / MIN_RECALL (default 0.95 / 0.80)
# and near precision / recall reach 0.95 / 0.80.
#
# Environment: AISEARCH and AISEARCH_INDEX (paths of the two binaries),
# AISEARCH_DATA_DIR, PYTHON (default python3), HELP_ROOT (default
# /usr/share/libreoffice/help), KEEP_EVAL_DIR=1 to keep the corpus, the
# databases and results.json, REPORT_ONLY=1 to print the scores without
# failing, MIN_PRECISION / MIN_RECALL for the translation thresholds,
# DUP_EVAL_ARGS for extra dup_eval.py options (e.g. "--examples 10").
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lo="$here/libreoffice"
python=${PYTHON:-python3}
help_root=${HELP_ROOT:-/usr/share/libreoffice/help}
aisearch=${AISEARCH:?set AISEARCH to the aisearch binary}
aisearch_index=${AISEARCH_INDEX:?set AISEARCH_INDEX to the aisearch-index binary}

for lang in ko en-US; do
    if [[ ! -d "$help_root/$lang/text" ]]; then
        echo "eval_duplicates: FAIL: LibreOffice help pages not found at $help_root/$lang/text" >&2
        echo "eval_duplicates: install them: apt-get install libreoffice-help-ko libreoffice-help-en-us" >&2
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/eval_duplicates.XXXXXX")
extra=()
if [[ "${KEEP_EVAL_DIR:-0}" == 1 ]]; then
    echo "eval_duplicates: keeping $work"
    extra+=(--work-dir "$work/runs")
else
    trap 'rm -rf "$work"' EXIT
fi
if [[ "${REPORT_ONLY:-0}" == 1 ]]; then
    extra+=(--report-only)
fi
# A sanitizer build (the asan preset: Debug, ASan + UBSan) indexes about 8x
# slower than the release build: score a smaller corpus there so the test
# stays well inside its CTest timeout. The scores then differ a little.
if ldd "$aisearch_index" 2>/dev/null | grep -Eq 'lib(asan|ubsan|tsan)'; then
    echo "eval_duplicates: sanitizer build: 400 distractors, 80 near originals"
    extra+=(--max-distractors 400 --near-sample 80)
fi

start=$SECONDS
"$python" "$lo/build_corpus.py" --out "$work/corpus" --help-root "$help_root"
echo
status=0
# shellcheck disable=SC2086
"$python" "$lo/dup_eval.py" --help-corpus "$work/corpus" \
    --aisearch "$aisearch" --aisearch-index "$aisearch_index" \
    --results "$work/results.json" \
    --min-precision "${MIN_PRECISION:-0.95}" --min-recall "${MIN_RECALL:-0.80}" \
    "${extra[@]}" ${DUP_EVAL_ARGS:-} || status=$?
echo "eval_duplicates: $((SECONDS - start)) s"
exit $status
