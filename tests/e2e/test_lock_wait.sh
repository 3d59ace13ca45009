# One writer at a time (docs/indexing.md, "One writer"): while another
# process holds the database's write lock, aisearch-index exits 3 at once
# naming the database, or waits up to --wait-lock seconds; readers go on.
source "$(dirname "$0")/lib.sh"
: "${HOLD_LOCK:?set HOLD_LOCK to the hold_lock test helper}"
DB="$TMP/db"
SRC="$TMP/src"
mkdir "$SRC"
cp "$CORPUS"/*.txt "$SRC/"
"$AISEARCH_INDEX" --db "$DB" "$SRC" || fail "initial index"
# Under the sanitizers the binaries start slower: allow more slack.
if [ "${AISEARCH_SANITIZED:-0}" == 1 ]; then SLACK=3; else SLACK=1; fi

now() { date +%s.%N; }
elapsed_between() {  # START LOW HIGH WHAT: now - START within [LOW, HIGH] seconds
    local e
    e=$(awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}')
    if awk -v e="$e" -v lo="$2" -v hi="$3" 'BEGIN {exit !(e >= lo && e <= hi)}'; then pass
    else fail "$4: took $e s, expected $2..$3 s"; fi
}

HOLDER=
hold() {  # takes the lock in the background; returns once it is held
    "$HOLD_LOCK" "$DB" >"$TMP/holder.out" 2>&1 &
    HOLDER=$!
    for _ in $(seq 100); do
        grep -q locked "$TMP/holder.out" && return 0
        sleep 0.05
    done
    fail "hold_lock did not take the lock: $(cat "$TMP/holder.out")"
}
release() { kill "$HOLDER" && wait "$HOLDER" 2>/dev/null; HOLDER=; }
trap '[ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null; rm -rf "$TMP"' EXIT

# A change for the indexer to make, so a run that gets the lock commits.
printf 'Lock test article\nThe word qxlockword appears here.\n' >"$SRC/new.txt"

hold
t=$(now)
expect_exit 3 "locked database, no wait: exit 3" -- "$AISEARCH_INDEX" --db "$DB" "$SRC"
elapsed_between "$t" 0 "$SLACK" "locked database, no wait: exits at once"
expect_contains "$ERR" "$DB" "the message names the database"
expect_contains "$ERR" "locked" "the message says it is locked"
expect_lines "$ERR" 1 "one line on stderr"

t=$(now)
expect_exit 3 "locked database, --wait-lock 1 and still held: exit 3" -- \
    "$AISEARCH_INDEX" --db "$DB" --wait-lock 1 "$SRC"
elapsed_between "$t" 0.95 "$((1 + SLACK))" "--wait-lock 1 waits about 1 s"
expect_contains "$ERR" "$DB" "the message after waiting names the database"

t=$(now)
expect_exit 3 "--full on a locked database: exit 3" -- "$AISEARCH_INDEX" --db "$DB" --full "$SRC"
elapsed_between "$t" 0 "$SLACK" "--full on a locked database exits at once"
[ ! -e "$DB.rebuild" ] && pass || fail "--full on a locked database left $DB.rebuild"

# Readers never wait for a writer.
t=$(now)
expect_exit 0 "search while the lock is held" -- "$AISEARCH" --db "$DB" DeepSeek
elapsed_between "$t" 0 "$SLACK" "search while the lock is held does not wait"
expect_exit 0 "stats while the lock is held" -- "$AISEARCH" --db "$DB" stats
expect_exit 1 "nothing indexed by the refused runs" -- "$AISEARCH" --db "$DB" qxlockword

# --wait-lock 5, the lock released after about 1 s: the run goes ahead.
t=$(now)
"$AISEARCH_INDEX" --db "$DB" --wait-lock 5 --json "$SRC" >"$TMP/waiter.out" 2>"$TMP/waiter.err" &
waiter=$!
sleep 1
release
wait "$waiter"
rc=$?
[ "$rc" -eq 0 ] && pass || fail "--wait-lock 5 with the lock released after 1 s: exit $rc ($(cat "$TMP/waiter.err"))"
elapsed_between "$t" 0.95 "$((2 + SLACK))" "--wait-lock 5 goes ahead soon after the release"
expect_contains "$(cat "$TMP/waiter.out")" '"added":1' "the waiting run indexed the new file"
expect_exit 0 "new file searchable after the waiting run" -- "$AISEARCH" --db "$DB" qxlockword

# A stale lock of a killed holder does not block anybody.
hold
kill -9 "$HOLDER"
wait "$HOLDER" 2>/dev/null
HOLDER=
expect_exit 0 "lock of a killed holder is gone" -- "$AISEARCH_INDEX" --db "$DB" "$SRC"
finish
