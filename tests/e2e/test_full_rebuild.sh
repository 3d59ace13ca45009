# Full rebuilds (docs/indexing.md, "Full rebuilds are swapped in"):
# `--full` writes beside the live database (runs in DB.runs, merged into
# DB.rebuild-written, compacted into DB.rebuild) and swaps it in. The
# result equals a fresh build, drops the documents of deleted files and
# leaves nothing beside DB; a --full killed with SIGKILL leaves the live
# database exactly as it was, and the next plain run removes what it left.
source "$(dirname "$0")/lib.sh"
: "${DB_FINGERPRINT:?set DB_FINGERPRINT to the db_fingerprint test helper}"
: "${HELP_CORPUS_BUILDER:?set HELP_CORPUS_BUILDER to tests/eval/libreoffice/build_corpus.py}"
SEED=${KILL_TEST_SEED:-$$}
RANDOM=$SEED
echo "kill moments from seed $SEED (KILL_TEST_SEED=$SEED to repeat)"

SRC="$TMP/corpus"
help_corpus "$SRC" || { fail "building the help corpus"; finish; exit; }
cp "$CORPUS"/*.txt "$SRC/"
TOTAL=$(find "$SRC" -name '*.txt' | wc -l)
DB="$TMP/db"

ms() { echo $(($(date +%s%N) / 1000000)); }
fingerprint() { "$DB_FINGERPRINT" "$1"; }
# What a rebuild writes beside the live database: DB.runs, DB.rebuild...
beside_db() { (cd "$(dirname "$DB")" && ls -d "$(basename "$DB")".runs "$(basename "$DB")".rebuild* 2>/dev/null | tr '\n' ' '); }

expect_exit 0 "initial build" -- "$AISEARCH_INDEX" --db "$DB" "$SRC"
t0=$(ms)
expect_exit 0 "a --full of the same files" -- "$AISEARCH_INDEX" --db "$DB" --full "$SRC"
FULL_MS=$(($(ms) - t0))
fingerprint "$DB" >"$TMP/db0.fp"
echo "corpus: $TOTAL files; build: $FULL_MS ms"

# --- a --full killed: the live database is untouched ---------------------------
# kill 1 and 3 are followed by a plain run, kill 2 by another --full (which
# must itself clear or reuse what the killed one left).
for k in 1 2 3; do
    # Spread over the first two thirds of a --full (the time of one, measured
    # above, varies with the load): [0.1, 0.2], [0.3, 0.4], [0.5, 0.6].
    delay=$((FULL_MS * (10 + 20 * (k - 1)) / 100 + RANDOM % (FULL_MS / 10 + 1)))
    "$AISEARCH_INDEX" --db "$DB" --full "$SRC" >/dev/null 2>"$TMP/full.err" &
    pid=$!
    sleep "$(awk -v m="$delay" 'BEGIN {printf "%.3f", m / 1000}')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    [ "$rc" -eq 137 ] && pass || fail "--full not killed after $delay ms (exit $rc, run took longer than measured?)"
    beside=$(beside_db)
    echo "  --full killed after $delay ms; left beside the database: ${beside:-nothing}"
    [ -n "$beside" ] && pass || fail "a --full killed after $delay ms left nothing beside $DB: was it built elsewhere?"
    expect_exit 0 "xapian-check on the live database after a killed --full" -- xapian-check "$DB"
    fingerprint "$DB" >"$TMP/db.fp"
    cmp -s "$TMP/db.fp" "$TMP/db0.fp" && pass || fail "a killed --full changed the live database"
    expect_exit 0 "search after a killed --full" -- "$AISEARCH" --db "$DB" -n 1 DeepSeek
    if [ "$k" -ne 2 ]; then
        expect_exit 0 "plain run after a killed --full" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
        expect_contains "$OUT" "{\"added\":0,\"updated\":0,\"deleted\":0,\"unchanged\":$TOTAL,\"skipped\":0," \
            "a plain run after a killed --full finds nothing to do"
        [ -z "$(beside_db)" ] && pass || fail "the run after a killed --full left $(beside_db)"
    fi
done

# --- --full after changes equals a fresh build --------------------------------
i=0
deleted=0
while read -r f; do
    i=$((i + 1))
    if [ $((i % 97)) -eq 0 ]; then
        rm "$SRC/$f"
        deleted=$((deleted + 1))
    elif [ $((i % 89)) -eq 0 ]; then
        echo "Changed before the full rebuild: qxrebuilt." >>"$SRC/$f"
    fi
done < <(cd "$SRC" && find ko en -name '*.txt' | sort)
rm "$SRC/004_a81f5a0aed604c5e.txt"  # the only Korea Times article: its source term must go
deleted=$((deleted + 1))
printf 'A page added before the rebuild\nIt mentions qxnewpage.\n' >"$SRC/new-page.txt"
TOTAL=$((TOTAL - deleted + 1))
expect_exit 0 "--full on an existing database" -- "$AISEARCH_INDEX" --db "$DB" --full --json "$SRC"
echo "  --full summary: $OUT"
expect_contains "$OUT" "{\"added\":$TOTAL,\"updated\":0," "--full re-adds every file"
expect_contains "$OUT" "\"unchanged\":0,\"skipped\":0," "--full: nothing unchanged, nothing skipped"
[ -z "$(beside_db)" ] && pass || fail "--full left $(beside_db) behind"
expect_exit 0 "fresh build of the same files" -- "$AISEARCH_INDEX" --db "$TMP/fresh" "$SRC"
fingerprint "$DB" >"$TMP/db.fp"
fingerprint "$TMP/fresh" >"$TMP/fresh.fp"
cmp -s "$TMP/db.fp" "$TMP/fresh.fp" && pass ||
    fail "--full differs from a fresh build: $(diff "$TMP/db.fp" "$TMP/fresh.fp" | head -10)"
expect_exit 1 "documents of a file deleted before --full are gone" -- "$AISEARCH" --db "$DB" source:koreatimes.co.kr
expect_exit 0 "a changed file's new text is found after --full" -- "$AISEARCH" --db "$DB" qxrebuilt
expect_exit 0 "a new file is found after --full" -- "$AISEARCH" --db "$DB" qxnewpage
expect_exit 0 "xapian-check after --full" -- xapian-check "$DB"
expect_exit 0 "bookkeeping consistent after --full" -- "$DB_FINGERPRINT" --check "$DB"
expect_exit 0 "stats after --full" -- "$AISEARCH" --db "$DB" stats --json
expect_contains "$OUT" '"last_update": "20' "--full records last_update"

# The file states written by --full make the next plain run a no-op.
rev=$("$DB_FINGERPRINT" --revision "$DB")
expect_exit 0 "plain run after --full" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" "{\"added\":0,\"updated\":0,\"deleted\":0,\"unchanged\":$TOTAL,\"skipped\":0," \
    "a plain run after --full finds nothing to do"
[ "$("$DB_FINGERPRINT" --revision "$DB")" == "$rev" ] && pass || fail "the no-op run after --full committed"

# --- --full on a database that does not exist yet -----------------------------
mkdir "$TMP/small"
cp "$CORPUS"/00[12]_*.txt "$TMP/small/"
expect_exit 0 "--full on a new database" -- "$AISEARCH_INDEX" --db "$TMP/newdb" --full --json "$TMP/small"
expect_contains "$OUT" '{"added":2,' "--full on a new database adds the files"
[ ! -e "$TMP/newdb.rebuild" ] && pass || fail "--full on a new database left newdb.rebuild"
expect_exit 0 "--full on a new database: searchable" -- "$AISEARCH" --db "$TMP/newdb" DeepSeek
finish
