# Hostile inputs (docs/indexing.md, "Bad input never costs good data" and
# "Bounded memory"): invalid UTF-8 (warned, indexed), UTF-16 with a BOM
# (converted), binary, empty, too large, unreadable files and directories,
# broken links and link loops (each named with a reason and skipped), odd
# file names; every other file indexed, exit code 1, memory bounded.
#
# The indexer runs as nobody (setpriv), so that a chmod 000 file is really
# unreadable although the tests run as root.
source "$(dirname "$0")/lib.sh"
if ! command -v setpriv >/dev/null; then
    fail "setpriv (util-linux) is needed to run the indexer as nobody, for the unreadable-file case"
    finish
    exit
fi
AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
if [ "${AISEARCH_SANITIZED:-0}" == 1 ]; then SANITIZED=1; else SANITIZED=0; fi

# peak_rss FILE CMD...: runs CMD (stdout in $TMP/out, stderr in $TMP/err),
# writes its peak RSS in KB to FILE, returns its exit code.
peak_rss() {
    local file=$1
    shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$file" "$@" >"$TMP/out" 2>"$TMP/err"
        local rc=$?
        tail -1 "$file" >"$file.tmp" && mv "$file.tmp" "$file"  # "Command exited with ..." first
        return $rc
    fi
    "$@" >"$TMP/out" 2>"$TMP/err" &
    local pid=$! peak=0 hwm
    while kill -0 "$pid" 2>/dev/null; do
        hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null)
        [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
        sleep 0.02
    done
    wait "$pid"
    local rc=$?
    echo "$peak" >"$file"
    return $rc
}

chmod 755 "$TMP"
W="$TMP/world"  # writable by nobody: the sources and the database
SRC="$W/src"
DB="$W/db"
mkdir -p "$SRC/sub dir" "$SRC/linked"
chmod 777 "$W"

cp "$CORPUS"/003_*.txt "$SRC/good.txt"
printf 'Invalid \xff\xfe bytes about qxinvalid\nsecond line \xc3 cut short\n' >"$SRC/invalid.txt"
{ printf '\xff\xfe'; printf 'UTF-16 little endian title\n고양이가 qxutfle 나왔습니다\n' | iconv -f UTF-8 -t UTF-16LE; } >"$SRC/utf16le.txt"
{ printf '\xfe\xff'; printf 'UTF-16 big endian title\n조선업 qxutfbe 소식입니다\n' | iconv -f UTF-8 -t UTF-16BE; } >"$SRC/utf16be.txt"
printf 'PK\x03\x04\x00\x00binary qxbinary\x00\x01\x02' >"$SRC/binary.txt"
: >"$SRC/empty.txt"
printf 'Secret title\nqxunreadable text\n' >"$SRC/unreadable.txt"
ln -s does-not-exist.txt "$SRC/broken.txt"
ln -s loop2.txt "$SRC/loop1.txt"
ln -s loop1.txt "$SRC/loop2.txt"
ln -s good.txt "$SRC/link-to-good.txt"   # links to files are followed
ln -s .. "$SRC/linked/up"                  # links to directories are not: no loop
printf '<html><body><h1>공백 이름 페이지</h1><p>qxspaces 본문입니다.</p></body></html>\n' >"$SRC/sub dir/name with spaces.html"
printf '한글 파일 이름의 기사\n엑사원 qxhangulname 모델을 공개했다\n' >"$SRC/sub dir/한글 이름.md"
mkdir "$SRC/locked"
printf 'Locked title\nqxlockeddir text\n' >"$SRC/locked/inside.txt"
# 200 MB on one line: over the 16 MiB limit for a text article.
yes 'qxbigword filler text' | head -c 200000000 | tr '\n' ' ' >"$SRC/big.txt"
truncate -s 300M "$SRC/huge.jsonl"  # over the 256 MiB limit for JSON Lines
chmod -R a+rX "$SRC" 2>/dev/null
chmod 000 "$SRC/unreadable.txt" "$SRC/locked"

peak_rss "$TMP/rss1" "${AS_NOBODY[@]}" "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
rc=$?
OUT=$(cat "$TMP/out")
ERR=$(cat "$TMP/err")
[ "$rc" -eq 1 ] && pass || fail "run over hostile inputs: exit $rc, expected 1 (stderr: $ERR)"
rss1=$(cat "$TMP/rss1")
echo "run over hostile inputs (with a 200 MB one-line .txt and a 300 MB .jsonl): peak RSS $((rss1 / 1024)) MB"
expect_contains "$ERR" "$SRC/binary.txt: skipped: binary" "binary file named"
expect_contains "$ERR" "$SRC/empty.txt: skipped: empty file" "empty file named"
expect_contains "$ERR" "$SRC/unreadable.txt: skipped: cannot be read: Permission denied" "unreadable file named"
expect_contains "$ERR" "$SRC/broken.txt: skipped: broken symbolic link" "broken link named"
expect_contains "$ERR" "$SRC/loop1.txt: skipped: symbolic link loop" "link loop named (1)"
expect_contains "$ERR" "$SRC/loop2.txt: skipped: symbolic link loop" "link loop named (2)"
expect_contains "$ERR" "$SRC/big.txt: skipped: file too large" "200 MB one-line text file skipped as too large"
expect_contains "$ERR" "$SRC/huge.jsonl: skipped: file too large" "300 MB JSON Lines file skipped as too large"
expect_contains "$ERR" "$SRC/invalid.txt: warning: invalid UTF-8" "invalid UTF-8 warned about"
# docs/indexing.md, "Scan": unreadable directories are reported and skipped.
expect_contains "$ERR" "$SRC/locked" "unreadable directory named"
expect_lines "$ERR" 10 "one stderr line per problem"
expect_contains "$OUT" '{"added":7,"updated":0,"deleted":0,"unchanged":0,"skipped":9,' \
    "7 files added, 9 inputs skipped"
if [ "$SANITIZED" == 1 ]; then
    echo "sanitized build: peak RSS not checked"
else
    [ "$rss1" -lt $((150 * 1024)) ] && pass || fail "skipping large files cost $((rss1 / 1024)) MB of memory (limit 150 MB)"
fi

ids() {
    "$AISEARCH" --db "$DB" --json --no-collapse -n 100 -- "$@" 2>/dev/null |
        python3 -c 'import json,sys; print(" ".join(sorted(h["id"] + "|" + h["title"] for h in json.load(sys.stdin)["hits"])))'
}
found() {  # QUERY EXPECTED WHAT
    local got
    got=$(ids "$1")
    if [ "$got" == "$2" ]; then pass; else fail "$3: '$1' found '$got', expected '$2'"; fi
}
found qxinvalid "invalid.txt|Invalid �� bytes about qxinvalid" "invalid UTF-8 replaced by U+FFFD (one per byte), file indexed"
found qxutfle "utf16le.txt|UTF-16 little endian title" "UTF-16LE converted"
found 고양이 "utf16le.txt|UTF-16 little endian title" "Korean text of a UTF-16LE file searchable"
found qxutfbe "utf16be.txt|UTF-16 big endian title" "UTF-16BE converted"
found 조선업 "utf16be.txt|UTF-16 big endian title" "Korean text of a UTF-16BE file searchable"
found qxspaces "sub dir/name with spaces.html|공백 이름 페이지" "file name with spaces"
found qxhangulname "sub dir/한글 이름.md|한글 파일 이름의 기사" "Hangul file name"
found "title:perspectives" "good.txt|[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek' link-to-good.txt|[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'" \
    "a link to a file is followed"
for w in qxbinary qxunreadable qxlockeddir qxbigword; do
    found "$w" "" "nothing of a skipped file indexed ($w)"
done
expect_exit 1 "the directory link is not followed" -- "$AISEARCH" --db "$DB" -- "linked/up"
[ "$("$AISEARCH" --db "$DB" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')" == 7 ] && pass ||
    fail "documents in the database: not 7"

# Again: the same problems are reported, the good files are unchanged.
expect_exit 1 "second run over hostile inputs" -- "${AS_NOBODY[@]}" "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" '{"added":0,"updated":0,"deleted":0,"unchanged":7,"skipped":9,' "second run: good files unchanged"

# A directory that becomes unreadable must not cost what was indexed from it.
chmod 755 "$SRC/locked"
chmod 644 "$SRC/unreadable.txt"
expect_exit 1 "run with the directory and the file readable" -- "${AS_NOBODY[@]}" "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" '{"added":2,' "the once unreadable file and directory are indexed"
found qxlockeddir "locked/inside.txt|Locked title" "file in the readable directory found"
chmod 000 "$SRC/locked"
expect_exit 1 "run with the directory unreadable again" -- "${AS_NOBODY[@]}" "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$ERR" "$SRC/locked" "directory unreadable again: named"
expect_contains "$OUT" '"deleted":0,' "directory unreadable again: nothing deleted"
found qxlockeddir "locked/inside.txt|Locked title" "documents from an unreadable directory kept"
chmod 755 "$SRC/locked"

# A 20 MB JSON Lines file with one 20 MB record: that record cannot be one
# article (limit 4 MiB), so it is skipped with its line number, in bounded
# memory; a 20 MB file of ordinary records is indexed in about twice its
# size of memory (docs/indexing.md).
mkdir "$W/jsonl" "$W/jsonl-many"
{ printf '{"id": "huge-record", "title": "One huge record", "body": "'
  yes 'qxhugerecord filler text' | head -c 20000000 | tr '\n' ' '
  printf '"}\n'
  printf '{"id": "small-record", "title": "Small record", "body": "qxsmallrecord beside a huge one"}\n'; } >"$W/jsonl/one-record.jsonl"
size_kb=$(($(stat -c %s "$W/jsonl/one-record.jsonl") / 1024))
peak_rss "$TMP/rss2" "$AISEARCH_INDEX" --db "$W/db2" --json "$W/jsonl"
rc=$?
[ "$rc" -eq 1 ] && pass || fail "20 MB one-record JSON Lines: exit $rc, expected 1 ($(cat "$TMP/err"))"
expect_contains "$(cat "$TMP/err")" "one-record.jsonl: skipped: line 1: record too large" "the huge record is named with its line"
rss2=$(cat "$TMP/rss2")
echo "20 MB one-record .jsonl: peak RSS $((rss2 / 1024)) MB"
expect_exit 1 "the huge record is not indexed" -- "$AISEARCH" --db "$W/db2" -n 1 qxhugerecord
expect_exit 0 "the record beside it is" -- "$AISEARCH" --db "$W/db2" -n 1 qxsmallrecord
if [ "$SANITIZED" == 0 ]; then
    limit=$((3 * size_kb + 100 * 1024))
    [ "$rss2" -lt "$limit" ] && pass ||
        fail "a ${size_kb} KB JSON Lines file took $((rss2 / 1024)) MB of memory (limit $((limit / 1024)) MB)"
fi

body=$(head -c 4000 /dev/zero | tr '\0' 'x' | sed 's/x\{10\}/lorem ipsum /g')
# 4,000 records, each the same body (1,000 in a sanitizer build, which
# does not check memory and links the copies several times slower).
records=4000
[ "$SANITIZED" == 1 ] && records=1000
for i in $(seq 1 "$records"); do
    printf '{"id": "r%d", "title": "Record %d qxmanyrecords", "body": "%s"}\n' "$i" "$i" "$body"
done >"$W/jsonl-many/many.jsonl"
size_kb=$(($(stat -c %s "$W/jsonl-many/many.jsonl") / 1024))
peak_rss "$TMP/rss3" "$AISEARCH_INDEX" --db "$W/db3" --json "$W/jsonl-many"
rc=$?
[ "$rc" -eq 0 ] && pass || fail "many-record JSON Lines: exit $rc ($(cat "$TMP/err"))"
rss3=$(cat "$TMP/rss3")
echo "${size_kb} KB .jsonl of $records records: peak RSS $((rss3 / 1024)) MB"
expect_exit 0 "the records are searchable" -- "$AISEARCH" --db "$W/db3" -n 1 qxmanyrecords
if [ "$SANITIZED" == 0 ]; then
    limit=$((3 * size_kb + 100 * 1024))
    [ "$rss3" -lt "$limit" ] && pass ||
        fail "a ${size_kb} KB JSON Lines file took $((rss3 / 1024)) MB of memory (docs: about twice its size; limit $((limit / 1024)) MB)"
fi
finish
