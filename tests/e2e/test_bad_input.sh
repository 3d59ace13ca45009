# Bad files are named on stderr and skipped; every other file is indexed.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"
SRC="$TMP/src"
mkdir -p "$SRC/sub dir"
cp "$CORPUS"/003_*.txt "$SRC/good.txt"
printf 'Invalid \xff\xfe bytes about Exaone\nsecond line\n' >"$SRC/invalid.txt"
: >"$SRC/empty.txt"
printf 'PK\x03\x04\x00\x00binary' >"$SRC/binary.txt"
printf '한글 파일 이름의 기사\n엑사원 모델을 공개했다\n' >"$SRC/sub dir/한글 이름.txt"
printf '\xef\xbb\xbfBOM title\nStargate with a byte order mark\n' >"$SRC/bom.txt"
printf 'ignored\n' >"$SRC/notes.csv"

expect_exit 1 "some inputs skipped" -- "$AISEARCH_INDEX" --db "$DB" "$SRC" "$TMP/missing-dir"
expect_contains "$ERR" "empty.txt" "empty file named"
expect_contains "$ERR" "binary.txt" "binary file named"
expect_contains "$ERR" "missing-dir" "missing source named"
expect_contains "$ERR" "invalid.txt: warning: invalid UTF-8" "invalid UTF-8 is warned about"
expect_lines "$ERR" 4 "one line per skipped input or warning"

expect_exit 0 "the good file is indexed" -- "$AISEARCH" --db "$DB" --json H800
expect_contains "$OUT" '"id": "good.txt"' "good file found"
expect_exit 0 "invalid UTF-8 is replaced, the rest indexed" -- "$AISEARCH" --db "$DB" --json Exaone
expect_contains "$OUT" '"id": "invalid.txt"' "file with invalid UTF-8 found"
expect_exit 0 "Hangul names and spaces in paths" -- "$AISEARCH" --db "$DB" --json 엑사원
expect_contains "$OUT" '"id": "sub dir/한글 이름.txt"' "id is the path relative to the source"
expect_exit 0 "byte order mark dropped" -- "$AISEARCH" --db "$DB" --json Stargate
expect_contains "$OUT" '"title": "BOM title"' "title without BOM"
expect_exit 1 "other extensions are not indexed" -- "$AISEARCH" --db "$DB" ignored
finish
