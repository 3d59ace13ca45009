# Input formats (docs/indexing.md, "Inputs"): HTML (.html, .htm; title
# from <h1>, else <title>; scripts, styles, navigation, headers, footers,
# asides and forms dropped; <meta charset> honoured), Markdown, and JSON
# Lines (one article per line, its id the document id; a bad line named
# with its line number and skipped).
source "$(dirname "$0")/lib.sh"
DB="$TMP/db"
SRC="$TMP/src"
mkdir -p "$SRC/web"

# json_hits QUERY...: "id|title|lang|date|source|path" per hit.
json_hits() {
    "$AISEARCH" --db "$DB" --json -n 100 -- "$@" 2>/dev/null | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    print("|".join(str(h[k]) for k in ("id", "title", "lang", "date", "source", "path")))'
}
hit_ids() { json_hits "$@" | cut -d'|' -f1 | sort | tr '\n' ' ' | sed 's/ $//'; }
found() {  # QUERY EXPECTED_IDS WHAT
    local got
    got=$(hit_ids "$1")
    if [ "$got" == "$2" ]; then pass; else fail "$3: '$1' found '$got', expected '$2'"; fi
}

cat >"$SRC/web/page.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>Head title of the page</title>
<style>.qxstyleword { color: red }</style>
<script>var qxscriptword = 1;</script></head>
<body>
<nav><a href="/">qxnavword Home</a> <a href="/about">About</a></nav>
<header>qxheaderword Site banner</header>
<h1>Heading about qxhtmlword</h1>
<p>The body paragraph mentions qxhtmlword and qxbodyword.</p>
<p>A second <b>paragraph</b> with <a href="x">a link to qxlinkword</a>.</p>
<aside>qxasideword related stories</aside>
<form><input name="q"> qxformword</form>
<footer>qxfooterword copyright</footer>
<script>document.write("qxscripttwo")</script>
</body></html>
EOF
cat >"$SRC/web/title-only.htm" <<'EOF'
<html><head><title>Title element qxtitleonly</title></head>
<body><div><p>Only a title element, no heading: qxhtmword.</p></div></body></html>
EOF
# EUC-KR pages, written as UTF-8 here and converted with iconv.
cat <<'EOF' | iconv -f UTF-8 -t EUC-KR >"$SRC/web/euckr.html"
<html><head><meta charset="euc-kr"><title>무시되는 제목</title></head>
<body><h1>반도체 수출 기사</h1>
<p>한국의 반도체 수출이 지난달 크게 늘었다. 인공지능 칩 수요가 원인이다.</p>
</body></html>
EOF
cat <<'EOF' | iconv -f UTF-8 -t EUC-KR >"$SRC/web/euckr-http-equiv.html"
<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head>
<body><h1>조선업 수주 소식</h1>
<p>국내 조선소들이 올해 첫 수주를 따냈다.</p>
</body></html>
EOF
cat >"$SRC/notes.md" <<'EOF'
# Markdown notes about qxmarkdown

Some *emphasis* and a [link](https://example.com) in a paragraph about qxmdbody.
EOF
cat >"$SRC/articles.jsonl" <<'EOF'
{"id": "news-1", "title": "First JSON Lines article", "body": "The body mentions qxjsonone.\nA second paragraph.", "date": "2025-01-31", "source": "Yonhap News", "url": "https://example.com/1"}
{"id": "news-2", "title": "Second article", "body": "About qxjsontwo.", "date": "January 30, 2025", "source": "The Korea Herald"}
{"id": "news-3", "title": "broken line", "body": "qxjsonbroken"
{"id": "news-4", "body": "No title, but a body about qxjsonfour."}

{"title": "no id", "body": "qxjsonnoid"}
{"id": 7, "title": "Integer id", "body": "About qxjsonseven.", "lang": "en"}
{"id": "news-ko", "title": "한국어 기사", "body": "반도체 업계 소식 qxjsonko", "lang": "ko", "date": "2025.02.01", "source": "연합뉴스"}
EOF

expect_exit 1 "a bad JSON Lines record: exit 1" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" '{"added":6,"updated":0,"deleted":0,"unchanged":0,"skipped":2,' "six files added, two records skipped"
expect_contains "$ERR" "articles.jsonl: skipped: line 3:" "the broken line is named with its line number"
expect_contains "$ERR" "articles.jsonl: skipped: line 6: missing \"id\"" "the record without id is named with its line number"
expect_lines "$ERR" 2 "one stderr line per bad record, nothing else"

# --- HTML --------------------------------------------------------------------
found qxbodyword "web/page.html" "HTML body text found"
found qxlinkword "web/page.html" "text inside inline elements found"
expect_contains "$(json_hits qxbodyword)" "web/page.html|Heading about qxhtmlword|en|" "title from the first <h1>"
for w in qxscriptword qxscripttwo qxstyleword qxnavword qxheaderword qxasideword qxformword qxfooterword; do
    found "$w" "" "a word only in a dropped element ($w)"
done
found qxhtmword "web/title-only.htm" ".htm file indexed"
expect_contains "$(json_hits qxhtmword)" "|Title element qxtitleonly|" "title from <title> when there is no <h1>"
found 반도체 "news-ko web/euckr.html" "EUC-KR page searchable in Korean"
expect_contains "$(json_hits 반도체)" "web/euckr.html|반도체 수출 기사|ko|" "Korean title of the EUC-KR page"
found 수주 "web/euckr-http-equiv.html" "EUC-KR page declared by http-equiv searchable"
found "title:조선업" "web/euckr-http-equiv.html" "title of the http-equiv EUC-KR page"

# --- Markdown ----------------------------------------------------------------
found qxmdbody "notes.md" ".md file indexed"
expect_contains "$(json_hits qxmdbody)" "Markdown notes about qxmarkdown" "Markdown title is its first line"

# --- JSON Lines --------------------------------------------------------------
found qxjsonone "news-1" "a record's id is its document id"
found qxjsontwo "news-2" "second record"
found qxjsonfour "news-4" "record after the bad line"
found qxjsonseven "7" "an integer id"
found qxjsonko "news-ko" "Korean record"
found qxjsonnoid "" "record without id not indexed"
found qxjsonbroken "" "broken record not indexed"
expect_contains "$(json_hits qxjsonone)" "news-1|First JSON Lines article|en|2025-01-31|Yonhap News|$SRC/articles.jsonl" \
    "title, date, source and path of a record in JSON"
expect_contains "$(json_hits qxjsontwo)" "news-2|Second article|en|2025-01-30|The Korea Herald|" "a date in words is normalised"
expect_contains "$(json_hits qxjsonko)" "news-ko|한국어 기사|ko|2025-02-01|연합뉴스|" "Korean record: lang, date, source"
expect_contains "$(json_hits qxjsonfour)" "news-4|" "record without a title"
expect_contains "$(json_hits qxjsonfour)" "|None|None|" "record without date or source: null in JSON"
expect_exit 0 "text output of a record" -- "$AISEARCH" --db "$DB" qxjsonone
expect_contains "$OUT" "news-1  2025-01-31  Yonhap News" "date and source in the text output"
found "source:yonhap" "news-1" "source: filter on a JSON Lines source"
found "date:2025-02" "news-ko" "date: filter on a JSON Lines date"
found "lang:ko qxjsonko" "news-ko" "lang field of a record"

# A record removed from the file is removed from the index; the others stay.
grep -v '"news-2"' "$SRC/articles.jsonl" >"$TMP/a.jsonl" && cat "$TMP/a.jsonl" >"$SRC/articles.jsonl"
expect_exit 1 "rerun after removing a record" -- "$AISEARCH_INDEX" --db "$DB" --json "$SRC"
expect_contains "$OUT" '{"added":0,"updated":1,"deleted":0,"unchanged":5,"skipped":2,' "the JSON Lines file is updated"
found qxjsontwo "" "removed record gone"
found qxjsonone "news-1" "other records stay"
found qxjsonko "news-ko" "other records stay (Korean)"
finish
