# Readers never wait and never fail (docs/indexing.md, "Guarantees"):
# searches run in a loop while incremental runs change many files and a
# --full rebuild is swapped in. Every search must end with exit 0 or 1,
# and afterwards the new text is found.
source "$(dirname "$0")/lib.sh"
: "${HELP_CORPUS_BUILDER:?set HELP_CORPUS_BUILDER to tests/eval/libreoffice/build_corpus.py}"

SRC="$TMP/corpus"
help_corpus "$SRC" || { fail "building the help corpus"; finish; exit; }
(cd "$SRC" && find ko en -name '*.txt' | sort) >"$TMP/files"
TOTAL=$(wc -l <"$TMP/files")
DB="$TMP/db"
expect_exit 0 "initial build" -- "$AISEARCH_INDEX" --db "$DB" "$SRC"

QUERIES=("the" "text document" '"text document"' "서식" "lang:ko 표" "title:chart" "chart -table"
         "(insert OR delete) cell" "format*" "qxround1" "qxround2" "qxround3")
# search_loop N: searches until $TMP/stop exists; writes "queries failures"
# to $TMP/loopN.count and each failure to $TMP/loopN.failures.
search_loop() {
    local n=0 bad=0 q rc
    : >"$TMP/loop$1.failures"
    while [ ! -e "$TMP/stop" ]; do
        for q in "${QUERIES[@]}" stats; do
            if [ "$q" == stats ]; then
                "$AISEARCH" --db "$DB" stats --json >/dev/null 2>"$TMP/loop$1.err"
            elif [ $((n % 2)) -eq 0 ]; then
                "$AISEARCH" --db "$DB" -n 50 --json -- "$q" >/dev/null 2>"$TMP/loop$1.err"
            else
                "$AISEARCH" --db "$DB" -n 20 --sort date -- "$q" >/dev/null 2>"$TMP/loop$1.err"
            fi
            rc=$?
            n=$((n + 1))
            if [ "$rc" -gt 1 ] || { [ "$q" == stats ] && [ "$rc" -ne 0 ]; }; then
                bad=$((bad + 1))
                echo "exit $rc for '$q': $(cat "$TMP/loop$1.err")" >>"$TMP/loop$1.failures"
            fi
        done
    done
    echo "$n $bad" >"$TMP/loop$1.count"
}
LOOPS=2
pids=()
for l in $(seq $LOOPS); do
    search_loop "$l" &
    pids+=($!)
done
trap 'touch "$TMP/stop"; wait; rm -rf "$TMP"' EXIT

# change GROUP WORD: appends WORD to the files whose line number in the
# list is GROUP modulo 3 (and that still exist); prints how many.
change() {
    awk -v g="$1" 'NR % 3 == g' "$TMP/files" | while read -r f; do
        [ -e "$SRC/$f" ] && echo "A line added during the search test: $2." >>"$SRC/$f" && echo
    done | wc -l
}
ids_found() {  # WORD: the number of documents (not parts) found
    "$AISEARCH" --db "$DB" --json --no-collapse -n 10000 -- "$1" |
        python3 -c 'import json,sys; print(len({h["id"].split("#")[0] for h in json.load(sys.stdin)["hits"]}))'
}

n1=$(change 1 qxround1)
expect_exit 0 "incremental run 1 while searching" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" "\"updated\":$n1," "run 1 updates the changed files"

n2=$(change 2 qxround2)
deleted=0
while read -r f; do  # delete some files of group 0, add copies of others
    deleted=$((deleted + 1))
    mkdir -p "$SRC/added/$(dirname "$f")"
    mv "$SRC/$f" "$SRC/added/$f"
done < <(awk 'NR % 3 == 0 && NR % 7 == 0' "$TMP/files")
expect_exit 0 "incremental run 2 while searching" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" "{\"added\":$deleted,\"updated\":$n2,\"deleted\":$deleted," "run 2 moves and updates files"

expect_exit 0 "--full while searching" -- "$AISEARCH_INDEX" --db "$DB" --full "$SRC"
n0=$(change 0 qxround3)
expect_exit 0 "incremental run 3 while searching" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" "\"updated\":$n0," "run 3 updates the changed files"
expect_exit 0 "second --full while searching" -- "$AISEARCH_INDEX" --db "$DB" --full "$SRC"

touch "$TMP/stop"
wait "${pids[@]}"
queries=0
for l in $(seq $LOOPS); do
    read -r n bad <"$TMP/loop$l.count"
    queries=$((queries + n))
    [ "$bad" -eq 0 ] && pass || fail "search loop $l: $bad of $n searches failed: $(head -5 "$TMP/loop$l.failures")"
done
echo "$queries searches during the reindexes"
[ "$queries" -ge 50 ] && pass || fail "only $queries searches ran during the reindexes"

found=$(ids_found qxround1)
[ "$found" -eq "$n1" ] && pass || fail "qxround1 found in $found documents, expected $n1"
found=$(ids_found qxround2)
[ "$found" -eq "$n2" ] && pass || fail "qxround2 found in $found documents, expected $n2"
found=$(ids_found qxround3)
[ "$found" -eq "$n0" ] && pass || fail "qxround3 found in $found documents, expected $n0"
expect_exit 0 "stats after the reindexes" -- "$AISEARCH" --db "$DB" stats --json
expect_contains "$OUT" "\"documents\": $TOTAL," "no document lost or doubled"
finish
