# Indexing again replaces a file's parts instead of adding copies.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"
SRC="$TMP/src"
mkdir "$SRC"
cp "$CORPUS"/*.txt "$SRC/"

count() { "$AISEARCH" --db "$DB" --json --no-collapse -n 100 -- "$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))'; }

"$AISEARCH_INDEX" --db "$DB" "$SRC" || fail "first run"
first=$(count DeepSeek)
"$AISEARCH_INDEX" --db "$DB" "$SRC" || fail "second run"
second=$(count DeepSeek)
[ "$first" == "$second" ] && [ "$first" -eq 6 ] && pass || fail "reindex changed the number of parts: $first then $second (expected 6)"

printf 'Replacement article\nNothing about chips here, only Zyxwvut.\n' >"$SRC/004_a81f5a0aed604c5e.txt"
"$AISEARCH_INDEX" --db "$DB" "$SRC" || fail "third run"
expect_exit 1 "old text of a changed file is gone" -- "$AISEARCH" --db "$DB" Exaone
expect_exit 0 "new text of a changed file is found" -- "$AISEARCH" --db "$DB" Zyxwvut
finish
