# Duplicate detection end to end (docs/duplicates.md): clusters found at
# index time, kept right by incremental runs (a copy added, changed,
# deleted; a member deleted), the same after --full, collapsed in search
# results, and reported by `aisearch dups`.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"
SRC="$TMP/src"
mkdir -p "$SRC"
cp "$CORPUS"/*.txt "$SRC/"

index() { expect_exit "$1" "$2" -- "$AISEARCH_INDEX" --db "$DB" "${@:3}" "$SRC"; }

# clusters: one line per cluster, its members' short names sorted
# ("000 001#en 001#ko"), clusters sorted.
clusters() {
    "$AISEARCH" --db "$DB" dups --json "$@" | python3 -c '
import json, sys
def name(i):
    base, _, lang = i.partition("#")
    return base.split("/")[-1][:3] + ("#" + lang if lang else "")
for c in sorted(sorted(name(m["id"]) for m in c["members"]) for c in json.load(sys.stdin)["clusters"]):
    print(" ".join(c))'
}

# relations: "a b relation" per relation, sorted.
relations() {
    "$AISEARCH" --db "$DB" dups --json "$@" | python3 -c '
import json, sys
def name(i):
    base, _, lang = i.partition("#")
    return base.split("/")[-1][:3] + ("#" + lang if lang else "")
rows = []
for c in json.load(sys.stdin)["clusters"]:
    for r in c["relations"]:
        a, b = sorted((name(r["a"]), name(r["b"])))
        assert 0 < r["similarity"] <= 1, r
        rows.append(a + " " + b + " " + r["relation"])
print("\n".join(sorted(rows)))'
}

expect_same() {  # GOT WANT WHAT
    if [ "$1" == "$2" ]; then pass; else fail "$3: got [$1], expected [$2]"; fi
}

index 0 "first index"
expect_same "$(clusters)" "000 001#en 001#ko" "corpus clusters"
expect_same "$(relations)" "$(printf '000 001#en near\n000 001#ko translation\n001#en 001#ko translation')" "corpus relations"
expect_same "$(relations --relation near)" "000 001#en near" "--relation near"
expect_exit 1 "no exact copies in the corpus" -- "$AISEARCH" --db "$DB" dups --relation exact
expect_exit 2 "unknown relation" -- "$AISEARCH" --db "$DB" dups --relation bogus
expect_contains "$ERR" "bogus" "unknown relation is named"
expect_lines "$ERR" 1 "unknown relation: one line"

# Search collapses a story to its best part and lists the others.
hits() {
    "$AISEARCH" --db "$DB" --json "$@" | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    dups = ",".join(sorted(d["id"].split("/")[-1][:3] + "#" + d["lang"] + ":" + d["relation"] for d in h["duplicates"]))
    print(h["id"].split("/")[-1][:3] + "#" + h["lang"], dups)'
}
got=$(hits -- "Liang Wenfeng")
expect_lines "$got" 1 "Liang Wenfeng: one collapsed hit"
expect_contains "$got" "000#en:" "the English rendering is listed under the hit"
expect_contains "$got" "001#" "the other part of 001 is listed under the hit"
got=$(hits --no-collapse -- "Liang Wenfeng")
expect_lines "$got" 3 "--no-collapse shows every part"
got=$(hits --lang en -- "Liang Wenfeng")
expect_not_contains "$got" "#ko" "--lang en lists no Korean version"
expect_exit 0 "text output" -- "$AISEARCH" --db "$DB" "Liang Wenfeng"
expect_contains "$OUT" "translation" "text output names the relation"

# One document's relations with their evidence.
expect_exit 0 "dups ID" -- "$AISEARCH" --db "$DB" dups 001
expect_contains "$OUT" "shared figures" "evidence: figures"
expect_contains "$OUT" "p:17.7" "17.7% and 17.7 percent agree"
expect_contains "$OUT" "m:usd:8000000000" "80억 달러 and \$8 billion agree"
expect_exit 0 "dups ID --json" -- "$AISEARCH" --db "$DB" dups --json 000_7cd7f575970c0177.txt
expect_contains "$OUT" '"shared_names"' "JSON evidence"
expect_exit 1 "a document without duplicates" -- "$AISEARCH" --db "$DB" dups 002
expect_contains "$OUT" "no duplicates" "says so"
expect_exit 2 "unknown id" -- "$AISEARCH" --db "$DB" dups nosuchdoc
expect_contains "$ERR" "nosuchdoc" "unknown id is named"
expect_exit 2 "ambiguous id" -- "$AISEARCH" --db "$DB" dups 00

# An exact copy joins a cluster of its own; the story's cluster stays.
cp "$SRC/002_d4f2ded0015c0ffb.txt" "$SRC/005_copy.txt"
index 0 "copy added"
expect_same "$(clusters)" "$(printf '000 001#en 001#ko\n002 005')" "copy clustered"
expect_same "$(relations --relation exact)" "002 005 exact" "copy is exact"
# The copy is rewritten as another article: it leaves 002 and joins 004.
sed -e '5,9s/ the / a /' -e '5,9s/ and / plus /' "$SRC/004_a81f5a0aed604c5e.txt" >"$SRC/005_copy.txt"
index 0 "copy changed"
expect_same "$(clusters)" "$(printf '000 001#en 001#ko\n004 005')" "changed copy moves cluster"
got=$(relations)
expect_contains "$got" "004 005 near" "edited copy is near"
expect_exit 1 "002 lost its copy" -- "$AISEARCH" --db "$DB" dups 002
rm "$SRC/005_copy.txt"
index 0 "copy deleted"
expect_same "$(clusters)" "000 001#en 001#ko" "deleted copy leaves no cluster"
# A member deleted: the rest of the story stays together.
mv "$SRC/000_7cd7f575970c0177.txt" "$TMP/"
index 0 "member deleted"
expect_same "$(clusters)" "001#en 001#ko" "cluster without 000"
got=$(hits --no-collapse -- "Liang Wenfeng")
expect_lines "$got" 2 "000 is gone from search"
mv "$TMP/000_7cd7f575970c0177.txt" "$SRC/"
index 0 "member back"
incremental=$(relations)
expect_same "$(clusters)" "000 001#en 001#ko" "cluster whole again"
index 0 "full rebuild" --full
expect_same "$(relations)" "$incremental" "--full finds the same relations as incremental runs"

# Exact copies link to the first copy only, not to each other: when that
# one goes, the others are linked again and stay one cluster.
for n in 006 007 008; do cp "$SRC/003_1c792eed7b9fd1e0.txt" "$SRC/${n}_copy.txt"; done
index 0 "three copies added"
expect_same "$(clusters)" "$(printf '000 001#en 001#ko
003 006 007 008')" "copies clustered"
expect_same "$(relations --relation exact)" "$(printf '003 006 exact
003 007 exact
003 008 exact')" \
    "each copy is linked to the first"
mv "$SRC/003_1c792eed7b9fd1e0.txt" "$TMP/"
index 0 "first copy deleted"
expect_same "$(clusters)" "$(printf '000 001#en 001#ko
006 007 008')" "the other copies stay together"
expect_same "$(relations --relation exact)" "$(printf '006 007 exact
006 008 exact')" \
    "linked again to the first remaining copy"
# A hit lists every other member of its cluster: the copy it links to, and
# the copy it reaches only through that one, exact both.
got=$(hits --no-collapse -- Three Perspectives | grep -E '^00[678]#')
expect_same "$got" "$(printf '006#en 007#en:exact,008#en:exact
007#en 006#en:exact,008#en:exact
008#en 006#en:exact,007#en:exact')" "copies list each other, directly linked or not"

# Two source trees with the same file names give parts with the same id:
# a hit is told apart from its versions by language, and by its part term
# when the language repeats too.
TREES="$TMP/trees"
mkdir -p "$TREES/en" "$TREES/ko" "$TREES/a" "$TREES/b"
sed -n 1,12p "$CORPUS/001_29152febc62b8d9d.txt" >"$TREES/en/x.txt"   # the English article
sed -n 13,19p "$CORPUS/001_29152febc62b8d9d.txt" >"$TREES/ko/x.txt"  # its Korean original
cp "$CORPUS/003_1c792eed7b9fd1e0.txt" "$TREES/a/y.txt"
cp "$CORPUS/003_1c792eed7b9fd1e0.txt" "$TREES/b/y.txt"
expect_exit 0 "two trees indexed" -- "$AISEARCH_INDEX" --db "$TMP/trees.db" "$TREES/en" "$TREES/ko" "$TREES/a" "$TREES/b"
tree_hits() {
    "$AISEARCH" --db "$TMP/trees.db" --json "$@" | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    dups = ",".join(d["id"] + "#" + d["lang"] + ":" + d["relation"] for d in h["duplicates"])
    print(h["path"].split("/")[-2] + "/" + h["id"] + "#" + h["lang"], dups)'
}
expect_same "$(tree_hits -- 딥시크 | grep /x.txt)" "ko/x.txt#ko x.txt#en:translation" "same id, other language: listed as the translation"
expect_same "$(tree_hits --no-collapse -- Three Perspectives)" "$(printf 'a/y.txt#en y.txt#en:exact
b/y.txt#en y.txt#en:exact')" "same id and language: each copy lists the other, not itself"

# A cluster too large to read for every hit (more than 256 members): a
# hit lists only the parts it links to itself, the closest 20; the report
# still has the whole cluster.
BIG="$TMP/big"
mkdir -p "$BIG"
for i in $(seq -w 1 260); do cp "$CORPUS/002_d4f2ded0015c0ffb.txt" "$BIG/copy$i.txt"; done
expect_exit 0 "260 copies indexed" -- "$AISEARCH_INDEX" --db "$TMP/big.db" "$BIG"
listed=$("$AISEARCH" --db "$TMP/big.db" --json --no-collapse -- Nvidia | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    assert all(d["relation"] == "exact" and d["id"] != h["id"] for d in h["duplicates"]), h
    print(h["id"], len(h["duplicates"]))')
expect_same "$(echo "$listed" | head -3)" "$(printf 'copy001.txt 20\ncopy002.txt 1\ncopy003.txt 1')" \
    "the first copy lists its 20 closest, the others the first copy they link to"
expect_same "$("$AISEARCH" --db "$TMP/big.db" dups --json | python3 -c '
import json, sys
print([len(c["members"]) for c in json.load(sys.stdin)["clusters"]])')" "[260]" "the report has the whole cluster"

# A database another version of aisearch wrote: the searcher refuses it in
# one line naming it; the next indexing run rebuilds it.
before=$(relations)
xapian-metadata set "$DB" format 1
expect_exit 3 "a database of an older format" -- "$AISEARCH" --db "$DB" -- DeepSeek
expect_contains "$ERR" "$DB" "the database is named"
expect_contains "$ERR" "format 1" "its format is named"
expect_lines "$ERR" 1 "older format: one line"
index 0 "an older database is indexed again"
format=$(xapian-metadata get "$DB" format)
[ -n "$format" ] && [ "$format" != 1 ] && pass || fail "the database was not rebuilt in the current format ($format)"
expect_same "$(relations)" "$before" "the rebuilt database has the same relations"
expect_exit 0 "search after the rebuild" -- "$AISEARCH" --db "$DB" -- DeepSeek

finish
