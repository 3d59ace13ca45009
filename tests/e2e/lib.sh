# Shared helpers for the end-to-end tests. Each test sources this, runs the
# real binaries ($AISEARCH, $AISEARCH_INDEX) and calls `finish` at the end.
set -u
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILURES=0
CHECKS=0

fail() { echo "FAIL: $*"; FAILURES=$((FAILURES + 1)); }
pass() { CHECKS=$((CHECKS + 1)); }

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, keeps its
# stdout in $OUT and stderr in $ERR, and checks its exit code.
expect_exit() {
    local want=$1 what=$2
    shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
    if [ "$got" -ne "$want" ]; then
        fail "$what: exit $got, expected $want (stderr: $ERR)"
    else
        pass
    fi
}

expect_contains() {  # HAYSTACK NEEDLE DESCRIPTION
    if [[ "$1" == *"$2"* ]]; then pass; else fail "$3: '$2' not in output: ${1:0:400}"; fi
}

expect_not_contains() {
    if [[ "$1" != *"$2"* ]]; then pass; else fail "$3: '$2' unexpectedly in output"; fi
}

expect_lines() {  # TEXT N DESCRIPTION: TEXT has exactly N non-empty lines
    local n
    n=$(printf '%s' "$1" | grep -c .)
    if [ "$n" -eq "$2" ]; then pass; else fail "$3: $n lines, expected $2: ${1:0:400}"; fi
}

# help_corpus DIR: the LibreOffice help pages as DIR/ko and DIR/en, one
# .txt per page: every fourth page, at most 800, to keep CI under its time
# budget since indexing also links duplicates (every eighth, at most 400,
# in a sanitizer build, which runs several times slower; HELP_EVERY and
# HELP_MOST override); HELP_CORPUS_FULL=1 for all 3,384 pages.
help_corpus() {
    local dest=$1 every=4 most=800
    if [ "${AISEARCH_SANITIZED:-0}" == 1 ]; then every=8 most=400; fi
    every=${HELP_EVERY:-$every} most=${HELP_MOST:-$most}
    python3 "${HELP_CORPUS_BUILDER:?set HELP_CORPUS_BUILDER}" --out "$TMP/help" >/dev/null || return 1
    if [ "${HELP_CORPUS_FULL:-0}" != 1 ]; then
        (cd "$TMP/help" && find ko en -name '*.txt' | sort | awk -v n="$every" 'NR % n == 0' | head -"$most" |
            while read -r f; do mkdir -p "$dest/$(dirname "$f")" && cp -p "$f" "$dest/$f"; done)
    else
        mkdir -p "$dest" && mv "$TMP/help/ko" "$TMP/help/en" "$dest/"
    fi
}

finish() {
    echo "$CHECKS checks passed, $FAILURES failed"
    [ "$FAILURES" -eq 0 ]
}
