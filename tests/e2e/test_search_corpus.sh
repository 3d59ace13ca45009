# Index corpus/ and search it the way a user does.
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"

expect_exit 0 "index corpus" -- "$AISEARCH_INDEX" --db "$DB" "$CORPUS"
expect_lines "$OUT$ERR" 0 "indexing a clean corpus is silent"

expect_exit 0 "H800" -- "$AISEARCH" --db "$DB" H800
expect_contains "$OUT" "003_1c792eed7b9fd1e0.txt" "H800 finds 003"
expect_contains "$OUT" "004_a81f5a0aed604c5e.txt" "H800 finds 004"
expect_contains "$OUT" "**H800**" "plain markers highlight the match when not on a terminal"
expect_not_contains "$OUT" $'\033[1m' "no escape codes when not on a terminal"

expect_exit 0 "딥시크" -- "$AISEARCH" --db "$DB" -n 1 딥시크
expect_contains "$OUT" "001_29152febc62b8d9d.txt#ko" "딥시크 ranks the Korean part of 001 first"
expect_contains "$OUT" "**딥시크**가" "the stem inside 딥시크가 is highlighted, not the particle"

expect_exit 0 "인공지능 inside a compound" -- "$AISEARCH" --db "$DB" --lang ko 인공지능
expect_contains "$OUT" "[ko]" "Korean part found"

expect_exit 0 "a one-syllable noun with its particle" -- "$AISEARCH" --db "$DB" --lang ko --no-collapse 칩
expect_contains "$OUT" "001_29152febc62b8d9d.txt#ko" "칩 finds 칩을 in the Korean part of 001"
expect_contains "$OUT" "**칩**을" "the noun of 칩을 is highlighted, not the particle"

# A particle that two-syllable words also end with (이, 의) stays on a
# one-syllable noun; the search looks for those forms too, below the noun.
mkdir -p "$TMP/chips"
printf '반도체 수급\n\n엔비디아의 H800 칩이 부족하다.\n' >"$TMP/chips/kept.txt"
printf '반도체 가격\n\n새 칩 하나가 나왔다.\n' >"$TMP/chips/bare.txt"
printf '회의 일정\n\n마이크로칩 회의가 열렸다.\n' >"$TMP/chips/other.txt"
expect_exit 0 "index three small pages" -- "$AISEARCH_INDEX" --db "$TMP/chips.db" "$TMP/chips"
expect_exit 0 "칩 finds 칩이" -- "$AISEARCH" --db "$TMP/chips.db" --json 칩
python3 - "$OUT" <<'PY' || fail "칩 finds bare.txt, then kept.txt with 칩 highlighted, not other.txt"
import json, sys
hits = json.loads(sys.argv[1])["hits"]
assert [h["path"].rsplit("/", 1)[1] for h in hits] == ["bare.txt", "kept.txt"], hits
snippet, highlights = hits[1]["snippet"], hits[1]["highlights"]
assert [snippet[s:e] for s, e in highlights] == ["칩"], (snippet, highlights)
PY

expect_exit 0 "JSON output" -- "$AISEARCH" --db "$DB" --json --no-collapse -n 3 엔비디아
python3 - "$OUT" <<'PY' || fail "JSON schema"
import json, sys
r = json.loads(sys.argv[1])
assert set(r) >= {"query", "estimated_matches", "hits"}, r.keys()
assert r["query"] == "엔비디아"
assert len(r["hits"]) == 3
for i, h in enumerate(r["hits"], 1):
    assert set(h) >= {"rank", "id", "path", "title", "lang", "score", "snippet", "highlights", "duplicates"}, h.keys()
    assert h["rank"] == i and h["lang"] in ("ko", "en")
    for d in h["duplicates"]:
        assert set(d) == {"id", "lang", "relation", "similarity"}, d
        assert d["relation"] in ("exact", "near", "translation") and 0 < d["similarity"] <= 1, d
    for s, e in h["highlights"]:
        assert 0 <= s < e <= len(h["snippet"])
first = r["hits"][0]
s, e = first["highlights"][0]
assert first["snippet"][s:e] == "엔비디아", first["snippet"][s:e]
assert r["hits"][1]["snippet"][slice(*r["hits"][1]["highlights"][0])].lower() == "nvidia"
PY
pass

expect_exit 0 "JSON output, collapsed" -- "$AISEARCH" --db "$DB" --json 엔비디아
python3 - "$OUT" <<'PY' || fail "collapsed JSON: one hit per story"
import json, sys
hits = json.loads(sys.argv[1])["hits"]
stories = [{h["id"][:3]} | {d["id"][:3] for d in h["duplicates"]} for h in hits]
assert len(hits) == len(stories) and all(len(a & b) == 0 for i, a in enumerate(stories) for b in stories[i + 1:]), stories
assert any(len(h["duplicates"]) == 2 for h in hits), hits
PY
pass

expect_exit 0 "offset" -- "$AISEARCH" --db "$DB" --json -n 1 --offset 1 H800
expect_contains "$OUT" '"rank": 2' "offset counts ranks"

expect_exit 0 "AISEARCH_DB is the default database" -- env AISEARCH_DB="$DB" "$AISEARCH" Stargate
expect_contains "$OUT" "003_1c792eed7b9fd1e0.txt" "search through AISEARCH_DB"

expect_exit 0 "page furniture is never a snippet" -- "$AISEARCH" --db "$DB" -n 10 --json DeepSeek
expect_not_contains "$OUT" "bar_progress" "no bar_progress"
expect_not_contains "$OUT" "Removal Request" "no removal notice"
expect_not_contains "$OUT" "본문 바로가기" "no skip link"
finish
