# Files are read and analysed on worker threads (-j) but written in scan
# order by one thread: any number of workers builds the same database,
# reports the same files in the same order, and skips the same inputs.
source "$(dirname "$0")/lib.sh"
: "${DB_FINGERPRINT:?set DB_FINGERPRINT to the db_fingerprint test helper}"
SRC="$TMP/src"
# 30 directories of the bundled articles, each article edited so that
# copies are near duplicates rather than all one exact cluster, with a
# JSON Lines file, an HTML page and a binary file in between.
for d in $(seq -w 1 30); do
    mkdir -p "$SRC/d$d"
    for f in "$CORPUS"/*.txt; do
        { cat "$f"; printf '\nEdition %s of this page.\n' "$d"; } >"$SRC/d$d/$(basename "$f")"
    done
done
python3 - "$CORPUS" "$SRC/d15/records.jsonl" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for i, name in enumerate(sorted(os.listdir(corpus))):
        title, _, body = open(os.path.join(corpus, name), encoding="utf-8").read().partition("\n")
        f.write(json.dumps({"id": f"rec-{i}", "title": title, "body": body}, ensure_ascii=False) + "\n")
    f.write("{not json\n")
PY
printf '<html><head><title>Parallel page</title></head><body><p>Qzparallel H800 text.</p></body></html>' >"$SRC/d07/page.html"
head -c 4096 /dev/urandom >"$SRC/d21/noise.txt"

run() {  # JOBS DB
    "$AISEARCH_INDEX" -j "$1" -v --db "$2" "$SRC" >"$TMP/out.$1" 2>"$TMP/err.$1"
    echo $?
}
rc1=$(run 1 "$TMP/db1")
rc3=$(run 3 "$TMP/db3")
[ "$rc1" == 1 ] && pass || fail "-j 1: exit $rc1, expected 1 (inputs skipped): $(head -3 "$TMP/err.1")"
[ "$rc3" == "$rc1" ] && pass || fail "-j 3: exit $rc3, -j 1 gave $rc1"
grep -v '^duplicates:' "$TMP/err.1" >"$TMP/log.1"
grep -v '^duplicates:' "$TMP/err.3" >"$TMP/log.3"
expect_lines "$(grep '^added ' "$TMP/log.1")" 152 "-j 1 adds every readable file"
cmp -s "$TMP/log.1" "$TMP/log.3" && pass || fail "-j 3 reports files differently: $(diff "$TMP/log.1" "$TMP/log.3" | head -5)"
expect_contains "$(cat "$TMP/log.3")" "records.jsonl: skipped: line 6" "the bad record is named"
expect_contains "$(cat "$TMP/log.3")" "noise.txt: skipped" "the binary file is named"

"$DB_FINGERPRINT" "$TMP/db1" >"$TMP/fp.1"
"$DB_FINGERPRINT" "$TMP/db3" >"$TMP/fp.3"
cmp -s "$TMP/fp.1" "$TMP/fp.3" && pass || fail "-j 3 built another database than -j 1: $(diff "$TMP/fp.1" "$TMP/fp.3" | head -5)"
d1=$("$AISEARCH" --db "$TMP/db1" dups --json)
d3=$("$AISEARCH" --db "$TMP/db3" dups --json)
[ -n "$d1" ] && [ "$d1" == "$d3" ] && pass || fail "-j 3 found other duplicate clusters than -j 1"
expect_exit 0 "the HTML page is searchable" -- "$AISEARCH" --db "$TMP/db3" Qzparallel

# A second run with workers: nothing changed, nothing rebuilt.
expect_exit 1 "no-op run with workers" -- "$AISEARCH_INDEX" -j 3 -v --db "$TMP/db3" "$SRC"
expect_lines "$(printf '%s\n' "$ERR" | grep '^added \|^updated ')" 0 "a no-op run re-indexes nothing"
finish
