// QueryParser: query text -> Xapian::Query, as get_description() strings.
// English words query their stem (Z), Korean words their exact form, their
// stem (K) at 0.7 and bigram phrase (G) at half weight; lexicon
// translations join at half weight; the query's own words in a title (S),
// and a title that is exactly those words (XT, fixed weight 30 a word), add
// weight through AND_MAYBE.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/part_document.h"
#include "common/schema.h"
#include "searcher/query_parser.h"
#include "searcher/ranked_match.h"

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

// Adds a page as the indexer writes it (title in S, in the body and as XT).
Xapian::docid add_page(Xapian::WritableDatabase& db, std::string_view title, std::string_view body) {
    PartContext context;
    context.part_id = context.doc_key = std::string(title);
    const LanguagePart part{"en", std::string(title), {std::string(body)}};
    return db.add_document(make_part_document(fixture().analyzer, part, context));
}

struct Case {
    std::string text;
    std::string_view expected;
};

// tumble, hedge, download, 출범 and 성능 are not in the lexicon. The query's
// own positive words also add weight when found in the title (S), and as
// the whole title (XT: the exact words in order, at a fixed 30 a word),
// through AND_MAYBE: they never make a match. Filters and exclusions wrap
// outside.
const Case kSyntax[] = {
    {"tumble", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
               "FILTER XTtumble))))"},
    {"Tumble", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
               "FILTER XTtumble))))"},
    {"출범", "Query(((출범 OR 0.69999999999999995559 * K출범 OR 0.5 * G출범) AND_MAYBE (1 * (S출범 OR 0.69999999999999995559 * "
           "KS출범 OR 0.5 * GS출범) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XT출범))))"},
    {"출범하고", "Query(((출범하고 OR 0.69999999999999995559 * K출범 OR 0.5 * G출범) AND_MAYBE (1 * (S출범하고 OR "
             "0.69999999999999995559 * KS출범 OR 0.5 * GS출범) OR "
             "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XT출범하고))))"},
    // Every word is required.
    {"tumble hedge", "Query(((Ztumbl AND Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 Shedge) "
                     "OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble hedge))))"},
    {"tumble AND hedge", "Query(((Ztumbl AND Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 "
                         "Shedge) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble "
                         "hedge))))"},
    {"출범 성능",
     "Query((((출범 OR 0.69999999999999995559 * K출범 OR 0.5 * G출범) AND (성능 OR 0.69999999999999995559 * K성능 OR 0.5 * "
     "G성능)) AND_MAYBE (1 * ((S출범 OR 0.69999999999999995559 * KS출범 OR 0.5 * GS출범) OR (S성능 OR 0.69999999999999995559 * "
     "KS성능 OR 0.5 * GS성능)) OR 2 * (KS출범 PHRASE 17 KS성능) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) "
     "FILTER XT출범 성능))))"},
    {"tumble AND", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
                   "FILTER XTtumble))))"},
    // OR binds tighter than the implicit AND.
    {"tumble OR hedge", "Query(((Ztumbl OR Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 "
                        "Shedge) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble hedge))))"},
    {"tumble OR hedge download",
     "Query((((Ztumbl OR Zhedg) AND Zdownload) AND_MAYBE (1 * (ZStumbl OR ZShedg OR ZSdownload) OR 2 * (Stumble "
     "PHRASE 33 Shedge PHRASE 33 Sdownload) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=90)) FILTER "
     "XTtumble hedge download))))"},
    {"download tumble OR hedge",
     "Query(((Zdownload AND (Ztumbl OR Zhedg)) AND_MAYBE (1 * (ZSdownload OR ZStumbl OR ZShedg) OR 2 * (Sdownload "
     "PHRASE 33 Stumble PHRASE 33 Shedge) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=90)) FILTER "
     "XTdownload tumble hedge))))"},
    {"tumble OR hedge OR download",
     "Query(((Ztumbl OR Zhedg OR Zdownload) AND_MAYBE (1 * (ZStumbl OR ZShedg OR ZSdownload) OR 2 * (Stumble PHRASE "
     "33 Shedge PHRASE 33 Sdownload) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=90)) FILTER XTtumble "
     "hedge download))))"},
    // Exclusion: not in the title boost, outside it.
    {"tumble -hedge", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                      "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT Zhedg))"},
    {"tumble NOT hedge", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                         "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT Zhedg))"},
    {"-hedge tumble", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                      "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT Zhedg))"},
    {"tumble -hedge -download", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                                "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT "
                                "(Zhedg OR Zdownload)))"},
    {"tumble -출범",
     "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER "
     "XTtumble))) AND_NOT (출범 OR 0.69999999999999995559 * K출범 OR 0.5 * G출범)))"},
    // A lone '-' is not an operator.
    {"tumble - hedge", "Query(((Ztumbl AND Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 "
                       "Shedge) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble hedge))))"},
    // Groups.
    {"(tumble OR hedge) -download",
     "Query((((Ztumbl OR Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 Shedge) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble hedge))) AND_NOT Zdownload))"},
    {"download (tumble -hedge)",
     "Query(((Zdownload AND (Ztumbl AND_NOT Zhedg)) AND_MAYBE (1 * (ZSdownload OR ZStumbl) OR 2 * (Sdownload PHRASE "
     "17 Stumble) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTdownload tumble))))"},
    // "download -(tumble OR hedge)": see excluded_group_not_in_title_boost.
    // Phrases: English by exact form, Korean by stem (K).
    {"\"DeepSeek’s rise\"",
     "Query(((deepseek's PHRASE 17 rise) AND_MAYBE (1 * (Sdeepseek's PHRASE 17 Srise) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTdeepseek's rise))))"},
    {"“딥시크의 출시”", "Query(((K딥시크 PHRASE 17 K출시) AND_MAYBE (1 * (KS딥시크 PHRASE 17 KS출시) OR "
                  "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT딥시크의 출시))))"},
    {"\"only 2,048 Nvidia\"",
     "Query(((only PHRASE 33 2048 PHRASE 33 nvidia) AND_MAYBE (1 * (Sonly PHRASE 33 S2048 PHRASE 33 Snvidia) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=90)) FILTER XTonly 2048 nvidia))))"},
    {"tumble \"DeepSeek’s rise\"",
     "Query(((Ztumbl AND (deepseek's PHRASE 17 rise)) AND_MAYBE (1 * (ZStumbl OR (Sdeepseek's PHRASE 17 Srise)) OR 2 "
     "* (Stumble PHRASE 33 Sdeepseek's PHRASE 33 Srise) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=90)) "
     "FILTER XTtumble deepseek's rise))))"},
    {"-\"DeepSeek’s rise\" tumble", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                                    "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) "
                                    "AND_NOT (deepseek's PHRASE 17 rise)))"},
    // A word that analyses to several words is a phrase.
    {"딥시크-R1", "Query(((K딥시크 PHRASE 17 r1) AND_MAYBE (1 * (KS딥시크 PHRASE 17 Sr1) OR "
               "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT딥시크 r1))))"},
    {"17.7%", "Query(((17.7 PHRASE 17 percent) AND_MAYBE (1 * (S17.7 PHRASE 17 Spercent) OR "
              "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT17.7 percent))))"},
    {"2,048", "Query((2048 AND_MAYBE (1 * S2048 OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER "
              "XT2048))))"},
    // Language filter, from the query or from the caller.
    {"출범 lang:ko",
     "Query((((출범 OR 0.69999999999999995559 * K출범 OR 0.5 * G출범) AND_MAYBE (1 * (S출범 OR 0.69999999999999995559 * KS출범 "
     "OR 0.5 * GS출범) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XT출범))) FILTER Lko))"},
    {"lang:en tumble", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                       "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) FILTER Len))"},
    {"lang:ko lang:en tumble", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                               "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) FILTER "
                               "(Lko OR Len)))"},
    {"tumble -lang:en", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                        "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT Len))"},
    {"tumble -hedge lang:en", "Query((((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                              "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) FILTER "
                              "Len) AND_NOT Zhedg))"},
    // Title field: a requirement, so not in the title boost.
    {"title:tumble", "Query(ZStumbl)"},
    {"title:출범", "Query((S출범 OR 0.69999999999999995559 * KS출범 OR 0.5 * GS출범))"},
    {"title:\"DeepSeek’s rise\"", "Query((Sdeepseek's PHRASE 17 Srise))"},
    {"title:딥시크-R1", "Query((KS딥시크 PHRASE 17 Sr1))"},
    {"tumble title:hedge", "Query(((Ztumbl AND ZShedg) AND_MAYBE (1 * ZStumbl OR "
                           "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))))"},
    // Wildcards, on the exact form; not in the title boost, and with one the
    // query's words are not a whole title.
    {"deep*", "Query(WILDCARD SYNONYM deep)"},
    {"Deep*", "Query(WILDCARD SYNONYM deep)"},
    {"딥시*", "Query(WILDCARD SYNONYM 딥시)"},
    {"title:deep*", "Query(WILDCARD SYNONYM Sdeep)"},
    {"tumble -deep*", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                      "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT WILDCARD "
                      "SYNONYM deep))"},
    {"tumble deep*", "Query(((Ztumbl AND WILDCARD SYNONYM deep) AND_MAYBE 1 * ZStumbl))"},
};

// Parts with no words: a phrase of punctuation and an empty group are
// ignored like a punctuation-only word, unless nothing else is left. An
// expected "!fragment" means QuerySyntaxError with that in its message.
const Case kEmptyParts[] = {
    {"\"-\" Operator", "Query((Zoper AND_MAYBE (1 * ZSoper OR "
                       "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XToperator))))"},
    {"CompatibilityMode() Function",
     "Query(((Zcompatibilitymod AND Zfunction) AND_MAYBE (1 * (ZScompatibilitymod OR ZSfunction) OR 2 * "
     "(Scompatibilitymode PHRASE 17 Sfunction) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER "
     "XTcompatibilitymode function))))"},
    {"tumble ()", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
                  "FILTER XTtumble))))"},
    {"() tumble", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
                  "FILTER XTtumble))))"},
    {"tumble \"— …\"", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                       "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))))"},
    {"tumble (\"-\")", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                       "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))))"},
    {"tumble (())", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
                    "FILTER XTtumble))))"},
    {"tumble -()", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
                   "FILTER XTtumble))))"},
    {"tumble OR ()", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                     "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))))"},
    {"\"-\" OR tumble", "Query((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                        "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))))"},
    {"tumble () -hedge", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                         "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT Zhedg))"},
    {"(tumble ()) hedge", "Query(((Ztumbl AND Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 "
                          "Shedge) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble "
                          "hedge))))"},
    // Nothing else left.
    {"()", "!nothing to search for"},
    {"\"-\"", "!nothing to search for"},
    {"\"\"", "!nothing to search for"},
    {"() \"-\" (())", "!nothing to search for"},
    {"() lang:ko", "Query((<alldocuments> FILTER Lko))"},
    {"() OR \"-\"", "!nothing to search for"},
    {"() -tumble", "!only excluded words"},
    // A group of only excluded words is still an error, even with words beside it.
    {"(-tumble)", "!only excluded words"},
    {"hedge (-tumble)", "!only excluded words"},
    {"hedge (NOT tumble lang:en)", "!only excluded words"},
};

// Lexicon translations: OR'ed in at weight 0.5, not in the title boost.
const Case kLexicon[] = {
    {"엔비디아",
     "Query((((엔비디아 OR 0.69999999999999995559 * K엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아)) OR 0.5 * Znvidia) "
     "AND_MAYBE (1 * (S엔비디아 OR 0.69999999999999995559 * KS엔비디아 OR 0.5 * (GS엔비 PHRASE 3 GS비디 PHRASE 3 GS디아)) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XT엔비디아))))"},
    {"엔비디아의 tumble",
     "Query(((((엔비디아의 OR 0.69999999999999995559 * K엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아)) OR 0.5 * Znvidia) "
     "AND Ztumbl) AND_MAYBE (1 * ((S엔비디아의 OR 0.69999999999999995559 * KS엔비디아 OR 0.5 * (GS엔비 PHRASE 3 GS비디 PHRASE 3 "
     "GS디아)) OR ZStumbl) OR 2 * (KS엔비디아 PHRASE 17 Stumble) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT엔비디아의 tumble))))"},
    {"Nvidia",
     "Query(((Znvidia OR 0.5 * (엔비디아 OR 0.69999999999999995559 * K엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아))) "
     "AND_MAYBE (1 * ZSnvidia OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTnvidia))))"},
    {"딥시크 tumble",
     "Query(((((딥시크 OR 0.69999999999999995559 * K딥시크 OR 0.5 * (G딥시 PHRASE 2 G시크)) OR 0.5 * Zdeepseek) AND Ztumbl) "
     "AND_MAYBE (1 * ((S딥시크 OR 0.69999999999999995559 * KS딥시크 OR 0.5 * (GS딥시 PHRASE 2 GS시크)) OR ZStumbl) OR 2 * "
     "(KS딥시크 PHRASE 17 Stumble) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT딥시크 tumble))))"},
    // A multi-word entry covers several query words.
    {"Samsung Electronics",
     "Query((((Zsamsung AND Zelectron) OR 0.5 * (삼성전자 OR 0.69999999999999995559 * K삼성전자 OR 0.5 * (G삼성 PHRASE 3 G성전 "
     "PHRASE 3 G전자))) AND_MAYBE (1 * (ZSsamsung OR ZSelectron) OR 2 * (Ssamsung PHRASE 17 Selectronics) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTsamsung electronics))))"},
    // Several translations.
    {"ChatGPT",
     "Query(((Zchatgpt OR 0.5 * ((K챗 PHRASE 17 gpt) OR (챗지피티 OR 0.69999999999999995559 * K챗지피티 OR 0.5 * (G챗지 PHRASE "
     "3 G지피 PHRASE 3 G피티)))) AND_MAYBE (1 * ZSchatgpt OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
     "FILTER XTchatgpt))))"},
    // Forms of one translation that make the same query count once
    // (chip and chips are both Zchip).
    {"반도체",
     "Query((((반도체 OR 0.69999999999999995559 * K반도체 OR 0.5 * (G반도 PHRASE 2 G도체)) OR 0.5 * (Zsemiconductor OR "
     "Zchip)) AND_MAYBE (1 * (S반도체 OR 0.69999999999999995559 * KS반도체 OR 0.5 * (GS반도 PHRASE 2 GS도체)) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XT반도체))))"},
    // A mixed-script word is found in the lexicon too.
    {"챗GPT를", "Query((((K챗 PHRASE 17 gpt) OR 0.5 * Zchatgpt) AND_MAYBE (1 * (KS챗 PHRASE 17 Sgpt) OR "
              "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT챗 gpt))))"},
    {"오픈AI의", "Query((((K오픈 PHRASE 17 ai) OR 0.5 * Zopenai) AND_MAYBE (1 * (KS오픈 PHRASE 17 Sai) OR "
              "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XT오픈 ai))))"},
    {"tumble 챗GPT를",
     "Query(((Ztumbl AND ((K챗 PHRASE 17 gpt) OR 0.5 * Zchatgpt)) AND_MAYBE (1 * (ZStumbl OR (KS챗 PHRASE 17 Sgpt)) OR "
     "2 * (Stumble PHRASE 33 KS챗 PHRASE 33 Sgpt) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=90)) FILTER "
     "XTtumble 챗 gpt))))"},
    // So is a word in an OR.
    {"Nvidia OR tumble",
     "Query((((Znvidia OR 0.5 * (엔비디아 OR 0.69999999999999995559 * K엔비디아 OR 0.5 * (G엔비 PHRASE 3 G비디 PHRASE 3 G디아))) "
     "OR Ztumbl) AND_MAYBE (1 * (ZSnvidia OR ZStumbl) OR 2 * (Snvidia PHRASE 17 Stumble) OR "
     "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTnvidia tumble))))"},
    {"tumble OR 오픈AI의",
     "Query(((Ztumbl OR ((K오픈 PHRASE 17 ai) OR 0.5 * Zopenai)) AND_MAYBE (1 * (ZStumbl OR (KS오픈 PHRASE 17 Sai)) OR 2 "
     "* (Stumble PHRASE 33 KS오픈 PHRASE 33 Sai) OR (PostingSource(Xapian::FixedWeightPostingSource(wt=90)) FILTER "
     "XTtumble 오픈 ai))))"},
    // Quoted, excluded and field words are taken literally.
    {"\"엔비디아\"", "Query((K엔비디아 AND_MAYBE (1 * KS엔비디아 OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) "
                 "FILTER XT엔비디아))))"},
    {"tumble -Nvidia", "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                       "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTtumble))) AND_NOT Znvidia))"},
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

// Restrictions alone list what they select (aisearch --sort date date:2025-01).
const Case kFilterOnly[] = {
    {"lang:ko", "Query((<alldocuments> FILTER Lko))"},
    {"-tumble lang:en", "Query(((<alldocuments> FILTER Len) AND_NOT Ztumbl))"},
    {"date:2025-01", "Query((<alldocuments> FILTER VALUE_RANGE 0 2025-01-01 2025-01-31))"},
    {"date:2025 lang:ko", "Query(((<alldocuments> FILTER VALUE_RANGE 0 2025-01-01 2025-12-31) FILTER Lko))"},
    {"date:..2024-12-31", "Query((<alldocuments> FILTER VALUE_LE 0 2024-12-31))"},
    {"date:2025-01-15..", "Query((<alldocuments> FILTER VALUE_GE 0 2025-01-15))"},
    {"source:koreatimes", "Query((<alldocuments> FILTER XSkoreatimes))"},
    {"tumble source:\"asia business daily\"",
     "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR (PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER "
     "XTtumble))) FILTER (XSasia PHRASE 33 XSbusiness PHRASE 33 XSdaily)))"},
};

BOOST_AUTO_TEST_CASE(filter_only_table) {
    for (const auto& c : kFilterOnly)
        BOOST_TEST_CONTEXT("query: " << c.text) { BOOST_TEST(fixture().describe(c.text) == c.expected); }
    for (const char* bad : {"date:2025-13", "date:25-01-01", "date:2025-02..2025-01", "date:..", "date:jan"})
        BOOST_TEST_CONTEXT("query: " << bad) { BOOST_CHECK_THROW(fixture().parser.parse(bad), QuerySyntaxError); }
}

BOOST_AUTO_TEST_CASE(empty_parts_table) {
    for (const auto& c : kEmptyParts)
        BOOST_TEST_CONTEXT("query: " << c.text) {
            if (c.expected.front() != '!') {
                BOOST_TEST(fixture().describe(c.text) == c.expected);
                continue;
            }
            try {
                fixture().parser.parse(c.text);
                BOOST_ERROR("no QuerySyntaxError");
            } catch (const QuerySyntaxError& e) {
                BOOST_TEST(std::string(e.what()).find(c.expected.substr(1)) != std::string::npos, "message: " << e.what());
            }
        }
}

// The words of an excluded group are not the query's own positive words:
// they are not in the title boost (as `tumble -hedge` shows) and get no
// translations, so -(Nvidia OR x) excludes exactly what -Nvidia does.
BOOST_AUTO_TEST_CASE(excluded_group_not_in_title_boost) {
    auto& f = fixture();
    BOOST_TEST(f.describe("download -(tumble OR hedge)") ==
               "Query(((Zdownload AND_MAYBE (1 * ZSdownload OR "
               "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTdownload))) AND_NOT (Ztumbl OR "
               "Zhedg)))");
    BOOST_TEST(f.describe("download NOT (tumble hedge)") ==
               "Query(((Zdownload AND_MAYBE (1 * ZSdownload OR "
               "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XTdownload))) AND_NOT (Ztumbl AND "
               "Zhedg)))");
}

BOOST_AUTO_TEST_CASE(language_argument) {
    auto& f = fixture();
    BOOST_TEST(f.describe("tumble", "en") == "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                                             "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER "
                                             "XTtumble))) FILTER Len))");
    BOOST_TEST(f.describe("출범", "ko") ==
               "Query((((출범 OR 0.69999999999999995559 * K출범 OR 0.5 * G출범) AND_MAYBE (1 * (S출범 OR "
               "0.69999999999999995559 * KS출범 OR 0.5 * GS출범) OR "
               "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER XT출범))) FILTER Lko))");
    BOOST_TEST(f.describe("tumble lang:ko", "en") == "Query(((Ztumbl AND_MAYBE (1 * ZStumbl OR "
                                                     "(PostingSource(Xapian::FixedWeightPostingSource(wt=30)) FILTER "
                                                     "XTtumble))) FILTER (Lko OR Len)))");
    BOOST_CHECK_THROW(f.parser.parse("()", "en"), QuerySyntaxError);
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    auto& f = fixture();
    // Invalid bytes are replaced and are then no word.
    BOOST_TEST(f.describe("딥시크\xEB\x94") == f.describe("딥시크"));
    BOOST_TEST(f.describe("tumble \xff\xfe hedge") == "Query(((Ztumbl AND Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) "
                                                      "OR 2 * (Stumble PHRASE 17 Shedge) OR "
                                                      "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) "
                                                      "FILTER XTtumble hedge))))");
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
        // Quotes or groups with no words, and nothing else.
        "\"\"",
        "\"— …\"",
        "\"-\"",
        "()",
        "( )",
        "() ()",
        "-()",
        // Unbalanced parentheses.
        "(tumble hedge",
        "tumble hedge)",
        ")tumble(",
        "(tumble ()",
        "() tumble)",
        // A group of only excluded words.
        "(-tumble)",
        "hedge (-tumble)",
        "(-tumble) OR hedge",
        // OR needs two sides.
        "tumble OR",
        "OR tumble",
        "tumble OR OR hedge",
        "(tumble OR) hedge",
        // Only excluded words.
        "-tumble",
        "NOT tumble",
        "-tumble -hedge",
        "tumble NOT",
        // Fields.
        "lang:xx tumble",
        "lang:KO tumble",
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
    try {
        fixture().parser.parse("()");
        BOOST_FAIL("no exception");
    } catch (const QuerySyntaxError& e) {
        BOOST_TEST(std::string(e.what()) == "nothing to search for");
    }
}

BOOST_AUTO_TEST_CASE(relaxed) {
    auto& f = fixture();
    ParsedQuery q = f.parser.parse("tumble hedge -download lang:en");
    BOOST_TEST(q.can_relax);
    BOOST_TEST(q.query.get_description() ==
               "Query(((((Ztumbl AND Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 Shedge) OR "
               "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble hedge))) FILTER Len) AND_NOT "
               "Zdownload))");
    BOOST_TEST(q.relaxed.get_description() ==
               "Query(((((Ztumbl OR Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * (Stumble PHRASE 17 Shedge) OR "
               "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER XTtumble hedge))) FILTER Len) AND_NOT "
               "Zdownload))");

    // Ignored empty parts are not clauses.
    q = f.parser.parse("tumble () \"-\" hedge");
    BOOST_TEST(q.can_relax);
    BOOST_TEST(q.relaxed.get_description() == "Query(((Ztumbl OR Zhedg) AND_MAYBE (1 * (ZStumbl OR ZShedg) OR 2 * "
                                              "(Stumble PHRASE 17 Shedge) OR "
                                              "(PostingSource(Xapian::FixedWeightPostingSource(wt=60)) FILTER "
                                              "XTtumble hedge))))");
    q = f.parser.parse("tumble ()");
    BOOST_TEST(!q.can_relax);

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

// The title boost finds what the indexer writes for a title (field S, as
// in common/part_document.cc), adds weight, and never changes which
// documents match.
BOOST_AUTO_TEST_CASE(title_boost_on_indexed_titles) {
    auto& f = fixture();
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::docid ko = add_page(db, "딥시크의 충격", "엔비디아의 주가는 하락했다. 출시 소식.");
    const Xapian::docid en = add_page(db, "Nvidia shares tumble", "딥시크 출시 소식.");
    auto docs = [&](const Xapian::Query& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        std::vector<Xapian::docid> out;
        const Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto i = mset.begin(); i != mset.end(); ++i) out.push_back(*i);
        return out;
    };
    auto sorted = [](std::vector<Xapian::docid> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    struct Case {
        std::string text;
        std::vector<Xapian::docid> matches;  // in rank order if ranked
        bool ranked;
        std::vector<Xapian::docid> boosted;  // the title part matches
    };
    const Case cases[] = {
        // By stem (K) or English stem; the title match ranks first.
        {"딥시크가", {ko, en}, true, {ko}},
        {"Nvidia", {en, ko}, true, {en}},
        {"tumbled", {en}, true, {en}},
        {"“딥시크의 충격”", {ko}, true, {ko}},
        {"출시", {ko, en}, false, {}},
        // A translation (Nvidia in a title) matches but is not boosted.
        {"엔비디아", {ko, en}, false, {}},
        // A title: requirement is not boosted again.
        {"title:tumble", {en}, true, {}},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("query: " << c.text) {
            const Xapian::Query q = f.parser.parse(c.text).query;
            if (c.ranked)
                BOOST_TEST(docs(q) == c.matches);
            else
                BOOST_TEST(sorted(docs(q)) == sorted(c.matches));
            if (q.get_type() != Xapian::Query::OP_AND_MAYBE) {
                BOOST_TEST(c.boosted.empty());
                continue;
            }
            BOOST_TEST_REQUIRE(q.get_num_subqueries() == 2u);
            BOOST_TEST(sorted(docs(q.get_subquery(0))) == sorted(c.matches));
            BOOST_TEST(sorted(docs(q.get_subquery(1))) == c.boosted);
        }
}

// A page whose whole title is the query ranks first, long as it may be:
// without that, BM25 puts the short pages whose longer titles contain the
// same words above it (known-item search on the LibreOffice help).
BOOST_AUTO_TEST_CASE(whole_title_ranks_first) {
    auto& f = fixture();
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::string long_body;
    for (int i = 0; i < 40; ++i) long_body += "Each series has its own colour, axis and label settings. ";
    const Xapian::docid overview = add_page(db, "Chart Type", "Choose a chart type. " + long_body);
    const Xapian::docid wizard = add_page(db, "Chart Type Wizard", "The wizard picks a chart type.");
    const Xapian::docid ko_overview = add_page(db, "차트 유형", "차트 유형을 고릅니다. " + long_body);
    const Xapian::docid ko_wizard = add_page(db, "차트 유형 선택", "차트 유형을 선택합니다.");
    auto ranked = [&](const ParsedQuery& q) {
        Xapian::Enquire enquire(db);
        const Xapian::MSet mset = rank_matches(enquire, q, 0, 10).mset;
        std::vector<Xapian::docid> out;
        for (auto i = mset.begin(); i != mset.end(); ++i) out.push_back(*i);
        return out;
    };
    auto words_only = [](ParsedQuery q) {  // the query without any title boost
        q.query = q.query.get_subquery(0);
        return q;
    };
    struct Case {
        std::string text;
        std::vector<Xapian::docid> without_boosts;
        std::vector<Xapian::docid> ranked;
    };
    const Case cases[] = {
        {"Chart Type", {wizard, overview}, {overview, wizard}},
        {"chart type", {wizard, overview}, {overview, wizard}},
        {"Chart Type Wizard", {wizard}, {wizard}},
        {"차트 유형", {ko_wizard, ko_overview}, {ko_overview, ko_wizard}},
        // Not the whole title: other words, another order, a wildcard.
        {"Type Chart", {wizard, overview}, {wizard, overview}},
        {"chart type*", {wizard, overview}, {wizard, overview}},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("query: " << c.text) {
            const ParsedQuery q = f.parser.parse(c.text);
            BOOST_TEST_REQUIRE(q.query.get_type() == Xapian::Query::OP_AND_MAYBE);
            BOOST_TEST(ranked(words_only(q)) == c.without_boosts, boost::test_tools::per_element());
            BOOST_TEST(ranked(q) == c.ranked, boost::test_tools::per_element());
        }
}

BOOST_AUTO_TEST_SUITE_END()
