# Atomic batches (docs/indexing.md, "Guarantees"): aisearch-index killed
# with SIGKILL at any moment leaves a database that opens, passes
# xapian-check and is consistent (a file's state only with its documents);
# the next run completes the work, and the result equals a fresh build
# (db_fingerprint: the same part ids and the same term statistics). A
# first build is swapped in whole; the next build keeps the runs of files
# an interrupted one completed, and says how many files it kept.
#
# Corpus: every fourth LibreOffice help page (tests/eval/libreoffice), 800
# files, also in a sanitizer build, so kills can land between committed
# batches (all 3,384 with HELP_CORPUS_FULL=1). Kill moments are spread over the run
# (stratified random, from the measured time of a fresh build); set
# KILL_TEST_SEED to repeat a run's moments.
source "$(dirname "$0")/lib.sh"
: "${DB_FINGERPRINT:?set DB_FINGERPRINT to the db_fingerprint test helper}"
: "${HELP_CORPUS_BUILDER:?set HELP_CORPUS_BUILDER to tests/eval/libreoffice/build_corpus.py}"
SEED=${KILL_TEST_SEED:-$$}
RANDOM=$SEED
echo "kill moments from seed $SEED (KILL_TEST_SEED=$SEED to repeat)"
# Kills that must land inside a run (6 in a sanitizer build, to stay in
# CI's time budget).
if [ "${AISEARCH_SANITIZED:-0}" == 1 ]; then KILLS=${KILLS:-6}; else KILLS=${KILLS:-12}; fi
BATCH=500           # files per committed batch (docs/indexing.md)

SRC="$TMP/corpus"
HELP_EVERY=4 HELP_MOST=800 help_corpus "$SRC" || { fail "building the help corpus"; finish; exit; }
TOTAL=$(find "$SRC" -name '*.txt' | wc -l)
echo "corpus: $TOTAL files, $(du -sb "$SRC" | cut -f1) bytes"

ms() { echo $(($(date +%s%N) / 1000000)); }
rand() { echo $(((RANDOM * 32768 + RANDOM) % $1)); }
# Files in the complete runs an interrupted first build left in DB.runs
# (docs/indexing.md): run i holds files RUN*i .. RUN*(i+1)-1, RUN being
# a share of the files (four runs per thread) between half a batch and
# two batches.
JOBS=$(nproc)
RUN=$(((TOTAL + 4 * JOBS - 1) / (4 * JOBS)))
RUN=$((RUN < BATCH / 2 ? BATCH / 2 : RUN > 2 * BATCH ? 2 * BATCH : RUN))
runs_kept() {
    local kept=0 r i
    for r in "$DB".runs/*; do
        [ -d "$r" ] && [ -e "$r/aisearch-run-events" ] || continue
        i=$((10#$(basename "$r" | cut -d- -f1)))
        kept=$((kept + (TOTAL - RUN * i < RUN ? TOTAL - RUN * i : RUN)))
    done
    echo "$kept"
}
# Files whose state is committed in DB (0 before the database exists).
files_with_state() {
    if [ -e "$1/iamglass" ]; then "$DB_FINGERPRINT" --metadata "$1" | grep -c '^file:'; else echo 0; fi
}

# Reference: a fresh, uninterrupted build.
t0=$(ms)
expect_exit 0 "fresh build" -- "$AISEARCH_INDEX" --db "$TMP/fresh" --json "$SRC"
FULL_MS=$(($(ms) - t0))
expect_contains "$OUT" "\"added\":$TOTAL," "fresh build adds every file"
"$DB_FINGERPRINT" "$TMP/fresh" >"$TMP/fresh.fp"
echo "fresh build: $FULL_MS ms"

DB="$TMP/db"
LANDED=0  # kills that hit a running indexer
RESUMED=0  # files of complete runs that clean runs kept
MISSED=0  # runs that ended before their kill

# run_and_kill DELAY_MS [ARGS...]: starts the indexer on $DB, kills it with
# SIGKILL after DELAY_MS, and checks what it left. Returns 1 if the run
# ended on its own before the kill.
run_and_kill() {
    local delay=$1
    shift
    "$AISEARCH_INDEX" --db "$DB" "$@" "$SRC" >/dev/null 2>"$TMP/killed.err" &
    local pid=$!
    sleep "$(awk -v m="$delay" 'BEGIN {printf "%.3f", m / 1000}')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    local rc=$?
    if [ "$rc" -ne 137 ]; then
        MISSED=$((MISSED + 1))
        [ "$rc" -eq 0 ] && pass || fail "run not killed ended with exit $rc: $(cat "$TMP/killed.err")"
        return 1
    fi
    LANDED=$((LANDED + 1))
    if [ ! -e "$DB/iamglass" ]; then
        echo "  kill after $delay ms: before the database was created"
        return 0
    fi
    expect_exit 0 "xapian-check after a kill at $delay ms" -- xapian-check "$DB"
    expect_exit 0 "aisearch stats after a kill at $delay ms" -- "$AISEARCH" --db "$DB" stats --json
    expect_exit 0 "bookkeeping consistent after a kill at $delay ms" -- "$DB_FINGERPRINT" --check "$DB"
    local searched
    "$AISEARCH" --db "$DB" -n 3 -- the >/dev/null 2>"$TMP/search.err"
    searched=$?
    [ "$searched" -le 1 ] && pass || fail "search after a kill at $delay ms: exit $searched ($(cat "$TMP/search.err"))"
    return 0
}

# --- 1. an index built from nothing, killed again and again ------------------
# Rounds of three kills: the first during the build, the next two during
# the runs that resume it; then a clean run completes it.
round=0
while [ "$LANDED" -lt "$KILLS" ] && [ "$round" -lt $((KILLS * 2)) ]; do
    round=$((round + 1))
    rm -rf "$DB"
    for k in 1 2 3; do
        done_files=$(files_with_state "$DB")
        remaining_ms=$((FULL_MS * (TOTAL - done_files) / TOTAL))
        [ "$remaining_ms" -lt 50 ] && break
        # Stratified: kill k of a round lands in the k-th third of what is left.
        delay=$((remaining_ms * (k - 1) / 3 + $(rand $((remaining_ms / 3)))))
        [ "$k" -eq 1 ] && delay=$((remaining_ms * ((round - 1) % 4) / 4 + $(rand $((remaining_ms / 4)))))
        run_and_kill "$delay" || break
        n=$(files_with_state "$DB")
        echo "  round $round: killed after $delay ms, $n of $TOTAL files committed"
        if [ $((n % BATCH)) -eq 0 ] || [ "$n" -eq "$TOTAL" ]; then pass; else
            fail "a kill left $n files committed, not a whole number of $BATCH-file batches"
        fi
    done
    n=$(files_with_state "$DB")
    kept=0
    [ "$n" -eq 0 ] && kept=$(runs_kept)  # runs matter only to a first build
    expect_exit 0 "clean run after round $round" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
    expect_contains "$OUT" "{\"added\":$((TOTAL - n)),\"updated\":0,\"deleted\":0,\"unchanged\":$n,\"skipped\":0," \
        "the clean run after round $round adds exactly what was not committed"
    # A first build's runs that a kill left complete are kept, not rewritten.
    expect_contains "$OUT" "\"resumed\":$kept}" "the clean run after round $round keeps the $kept files of complete runs"
    RESUMED=$((RESUMED + kept))
    "$DB_FINGERPRINT" "$DB" >"$TMP/db.fp"
    cmp -s "$TMP/db.fp" "$TMP/fresh.fp" && pass ||
        fail "round $round: resumed index differs from a fresh build: $(diff "$TMP/db.fp" "$TMP/fresh.fp" | head -10)"
done
echo "phase 1: $LANDED kills inside a run, $MISSED runs finished before their kill, $round rounds, $RESUMED files of complete runs kept"
[ "$LANDED" -ge "$KILLS" ] && pass || fail "only $LANDED kills landed inside a run (wanted $KILLS)"

# --- 2. an update (changes, deletions, additions) killed ---------------------
# $DB is complete. Change a fifth of the files, delete a tenth, add 200.
i=0
while read -r f; do
    i=$((i + 1))
    if [ $((i % 5)) -eq 0 ]; then
        echo "Updated by the kill test: qxkillupdate number $i." >>"$SRC/$f"
    elif [ $((i % 10)) -eq 3 ]; then
        rm "$SRC/$f"
    elif [ $((i % 17)) -eq 1 ] && [ "$i" -lt $((17 * 200)) ]; then
        mkdir -p "$SRC/added/$(dirname "$f")"
        { cat "$SRC/$f"; echo "Added by the kill test: qxkilladd."; } >"$SRC/added/$f"
    fi
done < <(cd "$SRC" && find ko en -name '*.txt' | sort)
t0=$(ms)
expect_exit 0 "fresh build of the changed corpus" -- "$AISEARCH_INDEX" --db "$TMP/fresh2" "$SRC"
FULL2_MS=$(($(ms) - t0))
"$DB_FINGERPRINT" "$TMP/fresh2" >"$TMP/fresh2.fp"
cmp -s "$TMP/fresh.fp" "$TMP/fresh2.fp" && fail "the changes made no difference to the index" || pass
landed_before=$LANDED
for k in 1 2 3; do
    # An update reads about a third of the corpus; aim inside that.
    delay=$((FULL2_MS * (k - 1) / 9 + $(rand $((FULL2_MS / 9 + 1)))))
    run_and_kill "$delay" || break
    echo "  update killed after $delay ms"
done
expect_exit 0 "clean run after the killed updates" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
"$DB_FINGERPRINT" "$DB" >"$TMP/db.fp"
cmp -s "$TMP/db.fp" "$TMP/fresh2.fp" && pass ||
    fail "resumed update differs from a fresh build: $(diff "$TMP/db.fp" "$TMP/fresh2.fp" | head -10)"
expect_exit 0 "bookkeeping consistent after the resumed update" -- "$DB_FINGERPRINT" --check "$DB"
echo "phase 2: $((LANDED - landed_before)) kills inside an update"
[ "$LANDED" -gt "$landed_before" ] && pass || fail "no kill landed inside an update"
finish
