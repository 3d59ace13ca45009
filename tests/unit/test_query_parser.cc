// QueryParser: query text -> Xapian::Query, as get_description() strings.
// English words query their stem (Z), Korean words their exact form, stem
// and bigram phrase (G) at half weight; lexicon translations join at half
// weight.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <string_view>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "searcher/query_parser.h"

using namespace aisearch;

namespace {

struct Fixture {
    Analyzer analyzer = Analyzer::from_data_dir(AISEARCH_TEST_DATA_DIR);
    BilingualLexicon lexicon =
        BilingualLexicon::load(std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "lexicon.tsv", analyzer);
    QueryParser parser{analyzer, lexicon};

    std::string describe(const std::string& text, const std::string& lang = "") {
        return parser.parse(text, lang).query.get_description();
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

struct Case {
    std::string text;
    std::string_view expected;
};

// tumble, hedge, download, 출범 and 성능 are not in the lexicon.
const Case kSyntax[] = {
    {"tumble", "Query(Ztumbl)"},
    {"Tumble", "Query(Ztumbl)"},
    {"출범", "Query((출범 OR 0.5 * G출범))"},
    {"출범하고", "Query((출범하고 OR 출범 OR 0.5 * G출범))"},
    // Every word is required.
    {"tumble hedge", "Query((Ztumbl AND Zhedg))"},
    {"tumble AND hedge", "Query((Ztumbl AND Zhedg))"},
    {"출범 성능", "Query(((출범 OR 0.5 * G출범) AND (성능 OR 0.5 * G성능)))"},
    {"tumble AND", "Query(Ztumbl)"},
    // OR binds tighter than the implicit AND.
    {"tumble OR hedge", "Query((Ztumbl OR Zhedg))"},
    {"tumble OR hedge download", "Query(((Ztumbl OR Zhedg) AND Zdownload))"},
    {"download tumble OR hedge", "Query((Zdownload AND (Ztumbl OR Zhedg)))"},
    {"tumble OR hedge OR download", "Query((Ztumbl OR Zhedg OR Zdownload))"},
    // Exclusion.
    {"tumble -hedge", "Query((Ztumbl AND_NOT Zhedg))"},
    {"tumble NOT hedge", "Query((Ztumbl AND_NOT Zhedg))"},
    {"-hedge tumble", "Query((Ztumbl AND_NOT Zhedg))"},
    {"tumble -hedge -download", "Query((Ztumbl AND_NOT (Zhedg OR Zdownload)))"},
    {"tumble -출범", "Query((Ztumbl AND_NOT (출범 OR 0.5 * G출범)))"},
    // A lone '-' is not an operator.
    {"tumble - hedge", "Query((Ztumbl AND Zhedg))"},
    // Groups.
    {"(tumble OR hedge) -download", "Query(((Ztumbl OR Zhedg) AND_NOT Zdownload))"},
    {"download (tumble -hedge)", "Query((Zdownload AND (Ztumbl AND_NOT Zhedg)))"},
    {"download -(tumble OR hedge)", "Query((Zdownload AND_NOT (Ztumbl OR Zhedg)))"},
    // Phrases: English by exact form, Korean by stem.
    {"\"DeepSeek’s rise\"", "Query((deepseek's PHRASE 17 rise))"},
    {"“딥시크의 출시”", "Query((딥시크 PHRASE 17 출시))"},
    {"\"only 2,048 Nvidia\"", "Query((only PHRASE 33 2048 PHRASE 33 nvidia))"},
    {"tumble \"DeepSeek’s rise\"", "Query((Ztumbl AND (deepseek's PHRASE 17 rise)))"},
    // A word that analyses to several words is a phrase.
    {"딥시크-R1", "Query((딥시크 PHRASE 17 r1))"},
    {"17.7%", "Query((17.7 PHRASE 17 percent))"},
    {"2,048", "Query(2048)"},
    // Language filter, from the query or from the caller.
    {"출범 lang:ko", "Query(((출범 OR 0.5 * G출범) FILTER Lko))"},
    {"lang:en tumble", "Query((Ztumbl FILTER Len))"},
    {"lang:ko lang:en tumble", "Query((Ztumbl FILTER (Lko OR Len)))"},
    {"tumble -lang:en", "Query((Ztumbl AND_NOT Len))"},
    {"tumble -hedge lang:en", "Query(((Ztumbl FILTER Len) AND_NOT Zhedg))"},
    // Title field.
    {"title:tumble", "Query(ZStumbl)"},
    {"title:출범", "Query((S출범 OR 0.5 * GS출범))"},
    {"title:\"DeepSeek’s rise\"", "Query((Sdeepseek's PHRASE 17 Srise))"},
    {"title:딥시크-R1", "Query((S딥시크 PHRASE 17 Sr1))"},
    {"tumble title:hedge", "Query((Ztumbl AND ZShedg))"},
    // Wildcards, on the exact form.
    {"deep*", "Query(WILDCARD SYNONYM deep)"},
    {"Deep*", "Query(WILDCARD SYNONYM deep)"},
    {"딥시*", "Query(WILDCARD SYNONYM 딥시)"},
    {"title:deep*", "Query(WILDCARD SYNONYM Sdeep)"},
    {"tumble -deep*", "Query((Ztumbl AND_NOT WILDCARD SYNONYM deep))"},
};

// Lexicon translations: OR'ed in at weight 0.5.
const Case kLexicon[] = {
    {"엔비디아", "Query(((엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아)) OR 0.5 * Znvidia))"},
    {"엔비디아의 tumble",
     "Query((((엔비디아의 OR 엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아)) OR 0.5 * Znvidia) AND Ztumbl))"},
    {"Nvidia", "Query((Znvidia OR 0.5 * (엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아))))"},
    {"딥시크 tumble", "Query((((딥시크 OR 0.5 * (G딥시 PHRASE 2 G시크)) OR 0.5 * Zdeepseek) AND Ztumbl))"},
    // A multi-word entry covers several query words.
    {"Samsung Electronics",
     "Query(((Zsamsung AND Zelectron) OR 0.5 * (삼성전자 OR 0.5 * (G삼성 PHRASE 3 G성전 PHRASE 3 G전자))))"},
    // Several translations.
    {"ChatGPT",
     "Query((Zchatgpt OR 0.5 * ((챗 PHRASE 17 gpt) OR (챗지피티 OR 0.5 * (G챗지 PHRASE 3 G지피 PHRASE 3 G피티)))))"},
    // A mixed-script word is found in the lexicon too.
    {"챗GPT를", "Query(((챗 PHRASE 17 gpt) OR 0.5 * Zchatgpt))"},
    {"오픈AI의", "Query(((오픈 PHRASE 17 ai) OR 0.5 * Zopenai))"},
    // Quoted, excluded and field words are taken literally.
    {"\"엔비디아\"", "Query(엔비디아)"},
    {"tumble -Nvidia", "Query((Ztumbl AND_NOT Znvidia))"},
    {"title:Nvidia", "Query(ZSnvidia)"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(query_parser)

BOOST_AUTO_TEST_CASE(syntax_table) {
    for (const auto& c : kSyntax)
        BOOST_TEST_CONTEXT("query: " << c.text) { BOOST_TEST(fixture().describe(c.text) == c.expected); }
}

BOOST_AUTO_TEST_CASE(lexicon_table) {
    for (const auto& c : kLexicon)
        BOOST_TEST_CONTEXT("query: " << c.text) { BOOST_TEST(fixture().describe(c.text) == c.expected); }
}

BOOST_AUTO_TEST_CASE(language_argument) {
    auto& f = fixture();
    BOOST_TEST(f.describe("tumble", "en") == "Query((Ztumbl FILTER Len))");
    BOOST_TEST(f.describe("출범", "ko") == "Query(((출범 OR 0.5 * G출범) FILTER Lko))");
    BOOST_TEST(f.describe("tumble lang:ko", "en") == "Query((Ztumbl FILTER (Lko OR Len)))");
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    auto& f = fixture();
    // Invalid bytes are replaced and are then no word.
    BOOST_TEST(f.describe("딥시크\xEB\x94") == f.describe("딥시크"));
    BOOST_TEST(f.describe("tumble \xff\xfe hedge") == "Query((Ztumbl AND Zhedg))");
    BOOST_CHECK_THROW(f.parser.parse("\xff\xfe"), QuerySyntaxError);
    BOOST_CHECK_THROW(f.parser.parse("\xEB\x94"), QuerySyntaxError);
}

BOOST_AUTO_TEST_CASE(syntax_errors) {
    const std::string errors[] = {
        "",
        "   ",
        "!!! …",
        "*",
        // Unbalanced quotes.
        "\"DeepSeek’s rise",
        "tumble “딥시크의 출시",
        "\"\"",
        "\"— …\"",
        // Unbalanced parentheses.
        "(tumble hedge",
        "tumble hedge)",
        ")tumble(",
        "()",
        "(-tumble)",
        // OR needs two sides.
        "tumble OR",
        "OR tumble",
        "tumble OR OR hedge",
        "(tumble OR) hedge",
        // Only excluded words.
        "-tumble",
        "NOT tumble",
        "-tumble -hedge",
        "-tumble lang:en",
        "tumble NOT",
        // Fields.
        "lang:xx tumble",
        "lang:KO tumble",
        "lang:ko",
        "lang: ko tumble",
        "title: tumble",
        "lang:ko OR tumble",
        "tumble OR lang:ko",
        "title:(tumble)",
        // A wildcard is one word.
        "딥시크-R*",
    };
    for (const auto& q : errors)
        BOOST_TEST_CONTEXT("query: " << q) { BOOST_CHECK_THROW(fixture().parser.parse(q), QuerySyntaxError); }
    // The message names the problem.
    try {
        fixture().parser.parse("\"DeepSeek’s rise");
        BOOST_FAIL("no exception");
    } catch (const QuerySyntaxError& e) {
        BOOST_TEST(std::string(e.what()).find("quote") != std::string::npos);
    }
    try {
        fixture().parser.parse("-tumble");
        BOOST_FAIL("no exception");
    } catch (const QuerySyntaxError& e) {
        BOOST_TEST(std::string(e.what()).find("excluded") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(relaxed) {
    auto& f = fixture();
    ParsedQuery q = f.parser.parse("tumble hedge -download lang:en");
    BOOST_TEST(q.can_relax);
    BOOST_TEST(q.query.get_description() == "Query((((Ztumbl AND Zhedg) FILTER Len) AND_NOT Zdownload))");
    BOOST_TEST(q.relaxed.get_description() == "Query((((Ztumbl OR Zhedg) FILTER Len) AND_NOT Zdownload))");

    q = f.parser.parse("tumble -hedge");
    BOOST_TEST(!q.can_relax);
    BOOST_TEST(q.relaxed.get_description() == q.query.get_description());

    // A lexicon entry of two words is one clause.
    q = f.parser.parse("Samsung Electronics");
    BOOST_TEST(!q.can_relax);
}

BOOST_AUTO_TEST_CASE(highlight_terms) {
    auto& f = fixture();
    const HighlightTerms h = f.parser.parse("엔비디아의 \"DeepSeek’s rise\" 17.7% deep* -tumble").highlight;
    // Korean: exact form and stem; the stem is also a compound part.
    BOOST_TEST(h.exact.count("엔비디아의") == 1u);
    BOOST_TEST(h.exact.count("엔비디아") == 1u);
    BOOST_TEST((h.hangul_parts == std::vector<std::string>{"엔비디아"}));
    // English by stem; the translation of 엔비디아 too.
    BOOST_TEST(h.latin_stems.count("deepseek") == 1u);
    BOOST_TEST(h.latin_stems.count("rise") == 1u);
    BOOST_TEST(h.latin_stems.count("nvidia") == 1u);
    BOOST_TEST(h.latin_stems.count("percent") == 1u);
    BOOST_TEST(h.exact.count("17.7") == 1u);
    BOOST_TEST((h.prefixes == std::vector<std::string>{"deep"}));
    // Excluded words are not highlighted.
    BOOST_TEST(h.latin_stems.count("tumbl") == 0u);
    BOOST_TEST(h.exact.count("tumble") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
