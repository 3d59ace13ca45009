# Files are read and analysed on worker threads (-j); a first build writes
# runs of files on those threads and merges them in scan order
# (--batch-files files a run): any number of workers and any run size
# build the same database, report the same files in the same order, and
# skip the same inputs.
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

run() {  # NAME DB ARGS...: one build, its stderr in $TMP/err.NAME
    "$AISEARCH_INDEX" -v --db "$2" "${@:3}" "$SRC" >"$TMP/out.$1" 2>"$TMP/err.$1"
    echo $?
}
rc1=$(run 1 "$TMP/db1" -j 1)
[ "$rc1" == 1 ] && pass || fail "-j 1: exit $rc1, expected 1 (inputs skipped): $(head -3 "$TMP/err.1")"
grep -v '^duplicates:' "$TMP/err.1" >"$TMP/log.1"
expect_lines "$(grep '^added ' "$TMP/log.1")" 152 "-j 1 adds every readable file"
"$DB_FINGERPRINT" "$TMP/db1" >"$TMP/fp.1"
d1=$("$AISEARCH" --db "$TMP/db1" dups --json)
[ -n "$d1" ] && pass || fail "no duplicate report from the -j 1 build"
# -j 3 in one run (152 files, less than a batch); -j 3 with batches of 20
# (6 runs of 26 files on three threads); -j 2 with batches of 7 (11 runs
# of 14).
for name in 3:-j:3 3r:-j:3:--batch-files:20 2r:-j:2:--batch-files:7; do
    IFS=: read -r n args <<<"$name"
    IFS=: read -ra args <<<"$args"
    rc=$(run "$n" "$TMP/db$n" "${args[@]}")
    [ "$rc" == "$rc1" ] && pass || fail "${args[*]}: exit $rc, -j 1 gave $rc1"
    grep -v '^duplicates:' "$TMP/err.$n" >"$TMP/log.$n"
    cmp -s "$TMP/log.1" "$TMP/log.$n" && pass ||
        fail "${args[*]} reports files differently: $(diff "$TMP/log.1" "$TMP/log.$n" | head -5)"
    expect_contains "$(cat "$TMP/log.$n")" "records.jsonl: skipped: line 6" "${args[*]}: the bad record is named"
    expect_contains "$(cat "$TMP/log.$n")" "noise.txt: skipped" "${args[*]}: the binary file is named"
    "$DB_FINGERPRINT" "$TMP/db$n" >"$TMP/fp.$n"
    cmp -s "$TMP/fp.1" "$TMP/fp.$n" && pass ||
        fail "${args[*]} built another database than -j 1: $(diff "$TMP/fp.1" "$TMP/fp.$n" | head -5)"
    [ "$d1" == "$("$AISEARCH" --db "$TMP/db$n" dups --json)" ] && pass ||
        fail "${args[*]} found other duplicate clusters than -j 1"
done
expect_exit 0 "the HTML page is searchable" -- "$AISEARCH" --db "$TMP/db3" Qzparallel

# A second run with workers: nothing changed, nothing rebuilt.
expect_exit 1 "no-op run with workers" -- "$AISEARCH_INDEX" -j 3 -v --db "$TMP/db3" "$SRC"
expect_lines "$(printf '%s\n' "$ERR" | grep '^added \|^updated ')" 0 "a no-op run re-indexes nothing"
finish
