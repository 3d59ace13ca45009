# Dates, sources and statistics on the bundled corpus (docs/indexing.md,
# docs/query-syntax.md, docs/json-schema.md): publication dates and
# sources taken from the articles, shown in hits, usable as date: and
# source: restrictions and for --sort date; `aisearch stats`.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"
before=$(date -u +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 "index the corpus" -- "$AISEARCH_INDEX" --db "$DB" "$CORPUS"
after=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# hits [--db D] QUERY...: "id date source" per hit, in rank order (null: -).
hits() {
    local db=$DB
    if [ "$1" == --db ]; then db=$2; shift 2; fi
    "$AISEARCH" --db "$db" --json --no-collapse -n 100 "$@" 2>/dev/null | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    print(h["id"], h["date"] or "-", h["source"] or "-")'
}
ids() { hits "$@" | cut -d' ' -f1 | sort | tr '\n' ' ' | sed 's/ $//'; }
selects() {  # QUERY EXPECTED_IDS (sorted): the query selects exactly these parts
    local got
    got=$(ids -- "$1")
    if [ "$got" == "$2" ]; then pass; else fail "'$1' selected '$got', expected '$2'"; fi
}
C0=000_7cd7f575970c0177.txt
C1=001_29152febc62b8d9d.txt
C2=002_d4f2ded0015c0ffb.txt
C3=003_1c792eed7b9fd1e0.txt
C4=004_a81f5a0aed604c5e.txt

# --- dates and sources in hits ------------------------------------------------
all=$(hits -- DeepSeek)
expect_contains "$all" "$C1#ko 2025-01-31 " "date of the Korean part of 001"
expect_contains "$all" "$C1#en 2025-01-31 " "date of the English part of 001"
expect_contains "$all" "$C2 2025-01-31 " "date of 002"
expect_contains "$all" "$C3 - The Asia Business Daily" "source of 003"
expect_contains "$all" "$C4 - koreatimes.co.kr" "source of 004"
expect_contains "$all" "$C0 - -" "000 has neither date nor source: null"
expect_lines "$all" 6 "DeepSeek is in every part"
expect_exit 0 "text output" -- "$AISEARCH" --db "$DB" -n 10 DeepSeek
expect_contains "$OUT" "   $C2  2025-01-31" "date on the id line of the text output"
expect_contains "$OUT" "   $C3  The Asia Business Daily" "source on the id line of the text output"

# --- date: -------------------------------------------------------------------
DATED="$C1#en $C1#ko $C2"
selects "date:2025-01-31" "$DATED"
selects "date:2025-01" "$DATED"
selects "date:2025" "$DATED"
selects "date:2025-01-01..2025-01-31" "$DATED"
selects "date:2025-01-31..2025-01-31" "$DATED"
selects "date:2025-01.." "$DATED"
selects "date:..2025-01" "$DATED"
expect_exit 1 "date:..2024-12-31 selects nothing" -- "$AISEARCH" --db "$DB" date:..2024-12-31
selects "date:2025-02.." ""
selects "date:2025-01-30" ""
selects "DeepSeek date:2025-01" "$DATED"
selects "lang:ko date:2025" "$C1#ko"
expect_exit 2 "date:2025-13 is an error" -- "$AISEARCH" --db "$DB" date:2025-13
expect_lines "$ERR" 1 "date:2025-13: one line on stderr"
expect_contains "$ERR" "2025-13" "date:2025-13: the message names the bad date"
expect_exit 2 "date:yesterday is an error" -- "$AISEARCH" --db "$DB" date:yesterday
expect_exit 2 "date:2025-1-31 is an error" -- "$AISEARCH" --db "$DB" date:2025-1-31
expect_exit 2 "a reversed range is an error" -- "$AISEARCH" --db "$DB" date:2025-02..2025-01

# --- source: -----------------------------------------------------------------
selects "source:koreatimes" "$C4"
selects "source:koreatimes.co.kr" "$C4"
selects 'source:"asia business daily"' "$C3"
selects "source:asia" "$C3"
selects 'source:"business asia"' ""
selects "source:herald" ""
selects "source:koreatimes.co.kr source:\"asia business daily\"" "$C3 $C4"
selects "DeepSeek source:koreatimes.co.kr" "$C4"

# --- --sort date ---------------------------------------------------------------
sorted=$(hits --sort date -- DeepSeek | cut -d' ' -f2 | tr '\n' ' ')
[ "$sorted" == "2025-01-31 2025-01-31 2025-01-31 - - - " ] && pass ||
    fail "--sort date: dated parts not first: $sorted"
# Newest first, over more dates: the corpus and a JSON Lines file.
mkdir "$TMP/more"
cat >"$TMP/more/dated.jsonl" <<'EOF'
{"id": "older", "title": "Older DeepSeek story", "body": "DeepSeek in 2023.", "date": "2023-06-30"}
{"id": "newer", "title": "Newer DeepSeek story", "body": "DeepSeek in February.", "date": "2025-02-15"}
{"id": "middle", "title": "DeepSeek in December", "body": "DeepSeek in 2024.", "date": "2024-12-01"}
EOF
expect_exit 0 "index the corpus and dated records" -- "$AISEARCH_INDEX" --db "$TMP/db2" "$CORPUS" "$TMP/more"
got=$(hits --db "$TMP/db2" --sort date -- DeepSeek | awk '{print $2}' | tr '\n' ' ')
[ "$got" == "2025-02-15 2025-01-31 2025-01-31 2025-01-31 2024-12-01 2023-06-30 - - - " ] && pass ||
    fail "--sort date: not newest first, undated last: $got"
got=$("$AISEARCH" --db "$TMP/db2" --json --no-collapse --sort date -n 2 --offset 4 -- DeepSeek |
    python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]), end=" ")')
[ "$got" == "middle older " ] && pass || fail "--sort date with --offset: $got"
got=$(hits --db "$TMP/db2" --sort date -- date:..2024-12-31 | awk '{print $1}' | tr '\n' ' ')
[ "$got" == "middle older " ] && pass || fail "date:..2024-12-31 --sort date: $got"

# --- stats ---------------------------------------------------------------------
expect_exit 0 "stats --json" -- "$AISEARCH" --db "$DB" stats --json
STATS=$OUT
check_stats() {  # PYTHON-CONDITION WHAT (j is the stats object)
    if python3 -c "import json,re,sys; j=json.loads(sys.argv[1]); sys.exit(0 if ($1) else 1)" "$STATS"; then pass
    else fail "stats: $2: $STATS"; fi
}
check_stats 'j["documents"] == 5' "documents 5"
check_stats 'j["parts"] == {"total": 6, "ko": 1, "en": 5}' "parts 6 (ko 1, en 5)"
check_stats 'isinstance(j["size_bytes"], int) and j["size_bytes"] > 0' "size_bytes > 0"
check_stats 're.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", j["last_update"] or "")' "last_update an ISO 8601 UTC time"
check_stats "\"$before\" <= j[\"last_update\"] <= \"$after\"" "last_update is the time of the run ($before..$after)"
check_stats 'list(j) == ["documents", "parts", "size_bytes", "last_update"]' "exactly the documented keys"
size=$(find "$DB" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
check_stats "j[\"size_bytes\"] == $size" "size_bytes is the size of the database's files ($size)"
expect_exit 0 "stats as text" -- "$AISEARCH" --db "$DB" stats
expect_contains "$OUT" "documents    5" "text stats: documents"
expect_contains "$OUT" "6 (1 ko, 5 en)" "text stats: parts"
expect_contains "$OUT" "last update  20" "text stats: last update"
expect_exit 0 "aisearch --json stats is stats too" -- "$AISEARCH" --db "$DB" --json stats
STATS=$OUT
check_stats 'j["documents"] == 5' "--json before stats"
# docs/manual.md: "To search for the word *stats*, write `aisearch -- stats`."
printf 'Statistics article\nThe stats of the season were good.\n' >"$TMP/stats-word.txt"
expect_exit 0 "index a file with the word stats" -- "$AISEARCH_INDEX" --db "$TMP/db3" "$TMP/stats-word.txt"
expect_exit 0 "aisearch -- stats searches for the word" -- "$AISEARCH" --db "$TMP/db3" --json -- stats
expect_contains "$OUT" '"id": "stats-word.txt"' "aisearch -- stats finds the article with the word"

# An empty database: nothing indexed, never updated.
mkdir "$TMP/empty"
expect_exit 0 "index an empty directory" -- "$AISEARCH_INDEX" --db "$TMP/db0" "$TMP/empty"
expect_exit 0 "stats of an empty database" -- "$AISEARCH" --db "$TMP/db0" stats --json
STATS=$OUT
check_stats 'j["documents"] == 0 and j["parts"]["total"] == 0' "empty database: no documents"
check_stats 'j["last_update"] is None' "empty database: last_update null"
expect_exit 3 "stats of a missing database" -- "$AISEARCH" --db "$TMP/missing" stats
expect_contains "$ERR" "$TMP/missing" "stats of a missing database names it"
finish
