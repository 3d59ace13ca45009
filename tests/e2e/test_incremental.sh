# Incremental runs (docs/indexing.md, "What a run does"): added, modified,
# touched, deleted and renamed files, each run checked by its --json
# summary (exact counts), by searches, and by what the database holds
# (db_fingerprint): a touch rewrites no document, a run with nothing to do
# commits nothing, a run over one source never deletes another's files.
source "$(dirname "$0")/lib.sh"
: "${DB_FINGERPRINT:?set DB_FINGERPRINT to the db_fingerprint test helper}"
DB="$TMP/db"
A="$TMP/a"
B="$TMP/b"
mkdir -p "$A/sub" "$B"

# index ARGS...: one run with --json; the summary is in $OUT.
index() { expect_exit "$1" "$2" -- "$AISEARCH_INDEX" --db "$DB" --json "${@:3}"; }

# summary_is "added=.. updated=.. deleted=.. unchanged=.. skipped=.. bytes=.." WHAT
summary_is() {
    local got
    got=$(printf '%s' "$OUT" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert isinstance(j["seconds"], (int, float)) and j["seconds"] >= 0, j
print(" ".join(f"{k}={j[k]}" for k in ("added", "updated", "deleted", "unchanged", "skipped", "bytes")))' 2>&1)
    if [ "$got" == "$1" ]; then pass; else fail "$2: summary '$got', expected '$1'"; fi
}

# ids QUERY...: the ids of all hits, sorted, space-separated.
ids() {
    "$AISEARCH" --db "$DB" --json -n 1000 -- "$@" 2>/dev/null |
        python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'
}
found() {  # QUERY EXPECTED_IDS WHAT
    local got
    got=$(ids "$1")
    if [ "$got" == "$2" ]; then pass; else fail "$3: '$1' found '$got', expected '$2'"; fi
}

size() { stat -c %s "$@" | awk '{s += $1} END {print s}'; }
revision() { "$DB_FINGERPRINT" --revision "$DB"; }
# The database's files with size and mtime, except the lock file, which
# every writer opens.
db_files() { (cd "$DB" && stat -c '%n %s %.9Y' $(ls | grep -v '^flintlock$')); }
doc_data() { "$DB_FINGERPRINT" --data "$DB"; }
file_state() { "$DB_FINGERPRINT" --metadata "$DB" | grep "^file:$A/$1	" | cut -f2-; }
json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

article() {  # FILE TITLE WORD...: a small English article
    printf '%s\n' "$2" "This article is about ${*:3} and nothing else." "A second paragraph mentions ${*:3} again." >"$1"
}
article "$A/one.txt" "First article" qxalpha
article "$A/two.md" "Second article" qxbravo
article "$A/sub/three.txt" "Third article" qxcharlie
article "$B/four.txt" "Fourth article" qxdelta

# --- first runs: one per source ---------------------------------------------
index 0 "first run over a/" "$A"
summary_is "added=3 updated=0 deleted=0 unchanged=0 skipped=0 bytes=$(size "$A/one.txt" "$A/two.md" "$A/sub/three.txt")" "first run over a/"
index 0 "first run over b/" "$B"
summary_is "added=1 updated=0 deleted=0 unchanged=0 skipped=0 bytes=$(size "$B/four.txt")" "first run over b/: a/ untouched"
found qxalpha "one.txt" "file of a/ found"
found qxbravo "two.md" ".md file of a/ found"
found qxcharlie "sub/three.txt" "id is the path relative to the named directory"
found qxdelta "four.txt" "file of b/ found"
expect_exit 0 "consistent bookkeeping after the first runs" -- "$DB_FINGERPRINT" --check "$DB"

# --- nothing changed: nothing written ----------------------------------------
rev0=$(revision)
files0=$(db_files)
data0=$(doc_data)
last0=$("$AISEARCH" --db "$DB" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["last_update"])')
sleep 1.1  # so that a rewritten file or a new last_update would show
index 0 "run with nothing changed" "$A" "$B"
summary_is "added=0 updated=0 deleted=0 unchanged=4 skipped=0 bytes=0" "run with nothing changed"
[ "$(revision)" == "$rev0" ] && pass || fail "a run with nothing changed committed a new revision ($rev0 -> $(revision))"
[ "$(db_files)" == "$files0" ] && pass || fail "a run with nothing changed wrote database files: $(diff <(echo "$files0") <(db_files))"
last1=$("$AISEARCH" --db "$DB" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["last_update"])')
[ "$last1" == "$last0" ] && pass || fail "a run with nothing changed moved last_update ($last0 -> $last1)"

# --- modified ----------------------------------------------------------------
article "$A/one.txt" "First article, revised" qxecho
index 0 "run after a modification" "$A"
summary_is "added=0 updated=1 deleted=0 unchanged=2 skipped=0 bytes=$(size "$A/one.txt")" "one file modified"
found qxalpha "" "old text of a modified file is gone"
found qxecho "one.txt" "new text of a modified file is found"
found "title:revised" "one.txt" "new title of a modified file"
other_data() { doc_data | grep -v "^Q$A/one.txt	"; }
[ "$(other_data)" == "$(echo "$data0" | grep -v "^Q$A/one.txt	")" ] && pass || fail "a modification of one file rewrote other documents"
[ "$(doc_data | grep "^Q$A/one.txt	")" != "$(echo "$data0" | grep "^Q$A/one.txt	")" ] && pass || fail "modified file's document not rewritten"
last2=$("$AISEARCH" --db "$DB" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["last_update"])')
[[ "$last2" > "$last0" ]] && pass || fail "last_update not moved by a run that changed something ($last0 -> $last2)"

# --- touched: same content, new mtime ----------------------------------------
data1=$(doc_data)
fp1=$("$DB_FINGERPRINT" "$DB")
state1=$(file_state two.md)
sleep 1.1
touch "$A/two.md"
index 0 "run after a touch" "$A"
summary_is "added=0 updated=0 deleted=0 unchanged=3 skipped=0 bytes=0" "touched file counts as unchanged"
[ "$(doc_data)" == "$data1" ] && pass || fail "a touch rewrote a document: $(diff <(echo "$data1") <(doc_data))"
[ "$("$DB_FINGERPRINT" "$DB")" == "$fp1" ] && pass || fail "a touch changed the index"
state2=$(file_state two.md)
[ "$(json_field "$state2" mtime_ns)" == "$(stat -c %.9Y "$A/two.md" | tr -d .)" ] && pass ||
    fail "the new mtime of a touched file is not recorded: $state2"
[ "$(json_field "$state2" indexed)" == "$(json_field "$state1" indexed)" ] && pass ||
    fail "a touch changed the file's indexing time: $state1 -> $state2"
[ "$(json_field "$state2" hash)" == "$(json_field "$state1" hash)" ] && pass || fail "a touch changed the stored hash"
# The new mtime is remembered, so the next run neither reads nor writes.
rev1=$(revision)
index 0 "run after the touch run" "$A"
summary_is "added=0 updated=0 deleted=0 unchanged=3 skipped=0 bytes=0" "after a touch run"
[ "$(revision)" == "$rev1" ] && pass || fail "the run after a touch run committed again ($rev1 -> $(revision))"

# --- deleted -----------------------------------------------------------------
rm "$A/sub/three.txt"
expect_exit 0 "run after a deletion, verbose" -- "$AISEARCH_INDEX" --db "$DB" --json -v "$A"
summary_is "added=0 updated=0 deleted=1 unchanged=2 skipped=0 bytes=0" "one file deleted"
expect_contains "$ERR" "deleted $A/sub/three.txt" "-v names the deleted file"
found qxcharlie "" "documents of a deleted file are gone"
found qxdelta "four.txt" "b/ untouched by a run over a/"
[ -z "$(file_state sub/three.txt)" ] && pass || fail "state of a deleted file kept"

# Deleting a file of b/ and indexing only a/ keeps it; indexing b/ deletes it.
mv "$B/four.txt" "$TMP/four.txt.away"
index 0 "run over a/ after a deletion in b/" "$A"
summary_is "added=0 updated=0 deleted=0 unchanged=2 skipped=0 bytes=0" "a run over a/ ignores b/"
found qxdelta "four.txt" "a file of b/ is not deleted by a run over a/"
index 0 "run over b/ after its deletion" "$B"
summary_is "added=0 updated=0 deleted=1 unchanged=0 skipped=0 bytes=0" "a run over b/ deletes its vanished file"
found qxdelta "" "documents of the vanished file of b/ are gone"
mv "$TMP/four.txt.away" "$B/four.txt"
index 0 "the file of b/ comes back" "$B"
summary_is "added=1 updated=0 deleted=0 unchanged=0 skipped=0 bytes=$(size "$B/four.txt")" "a file that comes back is added"

# --- renamed -----------------------------------------------------------------
mv "$A/two.md" "$A/two-renamed.md"
index 0 "run after a rename" "$A"
summary_is "added=1 updated=0 deleted=1 unchanged=1 skipped=0 bytes=$(size "$A/two-renamed.md")" "a rename is a deletion and an addition"
found qxbravo "two-renamed.md" "renamed file found under its new id only"
mkdir "$A/moved"
mv "$A/one.txt" "$A/moved/one.txt"
index 0 "run after a move into a subdirectory" "$A"
summary_is "added=1 updated=0 deleted=1 unchanged=1 skipped=0 bytes=$(size "$A/moved/one.txt")" "a move is a deletion and an addition"
found qxecho "moved/one.txt" "moved file found under its new id only"

# --- a file emptied is skipped, and what it said is gone ----------------------
article "$A/sub/five.txt" "Fifth article" qxfoxtrot
index 0 "a new file" "$A"
summary_is "added=1 updated=0 deleted=0 unchanged=2 skipped=0 bytes=$(size "$A/sub/five.txt")" "a new file is added"
: >"$A/sub/five.txt"
index 1 "a file emptied" "$A"
summary_is "added=0 updated=0 deleted=0 unchanged=2 skipped=1 bytes=0" "an emptied file is skipped"
expect_contains "$ERR" "five.txt: skipped: empty file" "emptied file named"
found qxfoxtrot "" "the old text of an emptied file is gone"
expect_exit 0 "consistent bookkeeping after all of this" -- "$DB_FINGERPRINT" --check "$DB"
rm "$A/sub/five.txt"

# --- -v: one line per file, with its action ----------------------------------
article "$A/six.txt" "Sixth article" qxgolf
article "$A/two-renamed.md" "Second article, revised" qxhotel
rm "$A/moved/one.txt"
expect_exit 0 "verbose run" -- "$AISEARCH_INDEX" --db "$DB" -v "$A" "$B"
[ -z "$OUT" ] && pass || fail "-v without --json printed on stdout: $OUT"
want="added $A/six.txt
deleted $A/moved/one.txt
unchanged $B/four.txt
updated $A/two-renamed.md"
got=$(printf '%s\n' "$ERR" | grep -v '^duplicates: ' | sort)
expect_contains "$ERR" "duplicates: 2 parts linked" "-v reports duplicate detection of the two changed files"
[ "$got" == "$want" ] && pass || fail "-v lines: got
$got
expected
$want"

# --- the final state equals a fresh build of the same files ------------------
expect_exit 0 "fresh build of the same files" -- "$AISEARCH_INDEX" --db "$TMP/fresh" "$A" "$B"
diff <("$DB_FINGERPRINT" "$DB") <("$DB_FINGERPRINT" "$TMP/fresh") >"$TMP/fpdiff" && pass ||
    fail "incremental result differs from a fresh build: $(head -20 "$TMP/fpdiff")"

# --- two sources with a file of the same relative name ------------------------
# docs/indexing.md: "Files under other sources are left alone, so
# aisearch-index a/ never deletes what came from b/" -- also when both hold
# a file named 2025/01.txt.
DB="$TMP/db2"
mkdir -p "$TMP/c/2025" "$TMP/e/2025"
article "$TMP/c/2025/01.txt" "From c" qxindia
article "$TMP/e/2025/01.txt" "From e" qxjuliet
index 0 "two sources with the same relative file name" "$TMP/c" "$TMP/e"
summary_is "added=2 updated=0 deleted=0 unchanged=0 skipped=0 bytes=$(size "$TMP/c/2025/01.txt" "$TMP/e/2025/01.txt")" \
    "two files with the same relative name are both added"
[ -n "$(ids qxindia)" ] && pass || fail "file c/2025/01.txt lost to e/2025/01.txt (same relative id)"
[ -n "$(ids qxjuliet)" ] && pass || fail "file e/2025/01.txt not found"
index 0 "the same two sources again" "$TMP/c" "$TMP/e"
summary_is "added=0 updated=0 deleted=0 unchanged=2 skipped=0 bytes=0" "same relative names: a second run is a no-op"
finish
