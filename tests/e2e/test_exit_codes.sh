# Every documented exit code of both binaries.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"

expect_exit 2 "indexer without a source" -- "$AISEARCH_INDEX" --db "$DB"
expect_exit 2 "indexer with an unknown option" -- "$AISEARCH_INDEX" --bogus "$CORPUS"
expect_exit 0 "indexer --help" -- "$AISEARCH_INDEX" --help
expect_contains "$OUT" "Exit codes" "indexer help documents exit codes"
expect_exit 0 "index" -- "$AISEARCH_INDEX" --db "$DB" "$CORPUS"
expect_exit 1 "indexer with a missing source" -- "$AISEARCH_INDEX" --db "$DB" "$TMP/nope.txt"
expect_contains "$ERR" "$TMP/nope.txt" "the error names the file"

mkdir "$TMP/notadb"
touch "$TMP/plainfile"
expect_exit 4 "indexer on a database path that is a file" -- "$AISEARCH_INDEX" --db "$TMP/plainfile/db" "$CORPUS"
expect_lines "$ERR" 1 "one-line database error"

"$HOLD_LOCK" "$DB" >"$TMP/lock.out" &
holder=$!
for _ in $(seq 50); do grep -q locked "$TMP/lock.out" 2>/dev/null && break; sleep 0.1; done
expect_exit 3 "indexer on a locked database" -- "$AISEARCH_INDEX" --db "$DB" "$CORPUS"
expect_contains "$ERR" "locked" "lock message"
kill "$holder"; wait "$holder" 2>/dev/null

expect_exit 0 "search finds" -- "$AISEARCH" --db "$DB" H800
expect_exit 1 "search finds nothing" -- "$AISEARCH" --db "$DB" zzzzunknownword
expect_lines "$OUT" 0 "no output for no results"
expect_exit 2 "search without a query" -- "$AISEARCH" --db "$DB"
expect_exit 2 "search with a bad --lang" -- "$AISEARCH" --db "$DB" --lang fr H800
expect_exit 2 "search syntax error" -- "$AISEARCH" --db "$DB" '"H800'
expect_exit 3 "search a missing database" -- "$AISEARCH" --db "$TMP/missing" H800
expect_contains "$ERR" "aisearch-index" "hint to build the database"
expect_lines "$ERR" 1 "one-line database error"
expect_exit 3 "search a directory that is not a database" -- "$AISEARCH" --db "$TMP/notadb" H800
expect_exit 0 "search --help" -- "$AISEARCH" --help
expect_contains "$OUT" "Exit codes" "search help documents exit codes"
finish
