# The query language, end to end on corpus/.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"
"$AISEARCH_INDEX" --db "$DB" "$CORPUS" || fail "indexing"

ids() { "$AISEARCH" --db "$DB" --json --no-collapse -n 50 -- "$@" | python3 -c 'import json,sys; print(" ".join(sorted(h["id"][:3] + h["id"].partition("#")[1] + h["id"].partition("#")[2] for h in json.load(sys.stdin)["hits"])))'; }

check_ids() {  # QUERY EXPECTED
    local got
    got=$(ids "$1")
    if [ "$got" == "$2" ]; then pass; else fail "query '$1': got '$got', expected '$2'"; fi
}

check_ids 'Exaone' '004'
check_ids '"mixture of experts"' '003 004'
check_ids 'Exaone OR Stargate' '003 004'
check_ids 'H800 -Exaone' '003'
check_ids 'H800 NOT Exaone' '003'
check_ids 'title:Stargate' ''
check_ids 'title:infrastructure' '004'
check_ids 'title:"Three Perspectives"' '003'
check_ids 'lang:ko 딥시크' '001#ko'
check_ids 'Stargat*' '003'
check_ids '(Exaone OR Stargate) -H800' ''
check_ids '17.7%' '000 001#en 001#ko'
check_ids '"17.7 percent"' '000 001#en 001#ko'
check_ids '2048' '004'
check_ids '2,048' '004'

expect_exit 0 "relaxed to best match when no document has every word" -- "$AISEARCH" --db "$DB" Exaone Stargate zzzzunknown
expect_contains "$ERR" "no document contains every word" "says it relaxed"
expect_exit 0 "relaxed in JSON" -- "$AISEARCH" --db "$DB" --json Exaone zzzzunknown
expect_contains "$OUT" '"relaxed": true' "JSON says relaxed"

expect_exit 2 "unbalanced quote" -- "$AISEARCH" --db "$DB" '"open phrase'
expect_lines "$ERR" 1 "one-line error"
expect_contains "$ERR" "open phrase" "error names the query"
expect_exit 2 "unbalanced parenthesis" -- "$AISEARCH" --db "$DB" '(a b'
expect_exit 2 "OR without right side" -- "$AISEARCH" --db "$DB" 'a OR'
expect_exit 2 "only exclusions" -- "$AISEARCH" --db "$DB" -- '-Exaone'
expect_exit 2 "unknown language" -- "$AISEARCH" --db "$DB" 'lang:fr x'
finish
