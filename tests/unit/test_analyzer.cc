// Analyzer: words, Korean stems and bigrams, English stems, and the terms
// and positions index_text() writes (in the manner of Xapian's
// api_termgen.cc). A term list renders as "term:pos,pos ..." sorted by
// term; unpositioned terms (English stems) render bare. Korean stems have
// their own term space (K), written for every Hangul word.
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/schema.h"
#include "common/utf8.h"

using aisearch::AnalyzedWord;
using aisearch::Analyzer;
using aisearch::AnalyzerOptions;

namespace {

Analyzer make_analyzer(AnalyzerOptions options = {}) {
    return Analyzer::from_data_dir(AISEARCH_TEST_DATA_DIR, options);
}

// "exact" or "exact>stem" for each word.
std::string render_words(const std::vector<AnalyzedWord>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w.exact;
        if (w.stem != w.exact) out += '>' + w.stem;
    }
    return out;
}

std::string render_terms(const Xapian::Document& doc) {
    std::vector<std::string> tokens;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string token = *t;
        char sep = ':';
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
            token.append(1, sep).append(std::to_string(*p));
            sep = ',';
        }
        tokens.push_back(std::move(token));
    }
    std::sort(tokens.begin(), tokens.end());
    std::string out;
    for (const auto& tok : tokens) out += (out.empty() ? "" : " ") + tok;
    return out;
}

// The expected list may be written in reading order.
std::string sorted(std::string_view expected) {
    std::istringstream in{std::string(expected)};
    std::vector<std::string> tokens;
    for (std::string tok; in >> tok;) tokens.push_back(tok);
    std::sort(tokens.begin(), tokens.end());
    std::string out;
    for (const auto& tok : tokens) out += (out.empty() ? "" : " ") + tok;
    return out;
}

struct WordsCase {
    std::string_view text;
    std::string_view expected;
};

const WordsCase kWords[] = {
    {"", ""},
    {"— ‘’ …", ""},
    {"딥시크의 충격", "딥시크의>딥시크 충격"},
    {"회의", "회의"},
    // The particle glued to the Latin part of 챗GPT를 is not a word.
    {"챗GPT를 넘어선다는", "챗 gpt 넘어선다는>넘어선다"},
    // Neither is a particle after a closing quote: ‘X’가 is X with 가.
    {"딥시크의 ‘국가인공지능위원회’가 출범하고", "딥시크의>딥시크 국가인공지능위원회 출범하고>출범"},
    {"‘딥시크-R1’을 출시했다", "딥시크 r1 출시했다>출시"},
    // A particle after a space is a word (there is nothing to attach it to).
    {"딥시크 의", "딥시크 의"},
    // A Hangul word glued to Latin that is not a particle stays.
    {"AI용 GPU 칩을 만드는 엔비디아의 주가는 한때 17.7%나 하락했다",
     "ai 용 gpu 칩을>칩 만드는>만드 엔비디아의>엔비디아 주가는>주가 한때 17.7 percent 하락했다>하락"},
    {"AI기본법이 국회를 통과했다", "ai 기본법이>기본법 국회를>국회 통과했다>통과"},
    // English: exact form and Snowball stem.
    {"DeepSeek’s founder, Liang Wenfeng, adds", "deepseek's>deepseek founder liang wenfeng adds>add"},
    {"pretrained its V3 model on only 2,048 Nvidia H800 GPUs",
     "pretrained>pretrain its>it v3 model on only>onli 2048 nvidia h800 gpus"},
    {"17.7 percent", "17.7 percent"},
    {"17.7%", "17.7 percent"},
};

bool matches(const Xapian::Document& doc, const Xapian::Query& query) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return enquire.get_mset(0, 10).size() == 1;
}

Xapian::Document body(Analyzer& analyzer, std::string_view text) {
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    analyzer.index_text(doc, text, aisearch::schema::kBodyField, 1, pos);
    return doc;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(analyzer)

BOOST_AUTO_TEST_CASE(analyze_table) {
    Analyzer analyzer = make_analyzer();
    for (const auto& c : kWords)
        BOOST_TEST_CONTEXT("text: " << c.text) { BOOST_TEST(render_words(analyzer.analyze(c.text)) == c.expected); }
}

BOOST_AUTO_TEST_CASE(analyze_sanitized_invalid_utf8) {
    Analyzer analyzer = make_analyzer();
    BOOST_TEST(render_words(analyzer.analyze(aisearch::sanitize_utf8("\xff\xfe"))) == "");
    BOOST_TEST(render_words(analyzer.analyze(aisearch::sanitize_utf8("\xEB\x94"))) == "");
    BOOST_TEST(render_words(analyzer.analyze(aisearch::sanitize_utf8("엔비디아\xEB\x94 주가는"))) == "엔비디아 주가는>주가");
    BOOST_TEST(render_words(analyzer.analyze(aisearch::sanitize_utf8("Deep\xC0Seek’s"))) == "deep seek's>seek");
}

BOOST_AUTO_TEST_CASE(spans) {
    Analyzer analyzer = make_analyzer();
    const std::string text = "딥시크의 DeepSeek’s 챗GPT를";
    const auto words = analyzer.analyze(text);
    BOOST_TEST_REQUIRE(words.size() == 4u);
    // 딥시크의: the stem ends before the particle.
    BOOST_TEST(words[0].begin == 0u);
    BOOST_TEST(words[0].end == 12u);
    BOOST_TEST(words[0].stem_end == 9u);
    BOOST_TEST(text.substr(words[0].begin, words[0].stem_end - words[0].begin) == "딥시크");
    BOOST_TEST((words[0].script == aisearch::Script::Hangul));
    // English words: the stem span is the word.
    BOOST_TEST(text.substr(words[1].begin, words[1].end - words[1].begin) == "DeepSeek’s");
    BOOST_TEST(words[1].stem_end == words[1].end);
    BOOST_TEST((words[1].script == aisearch::Script::Latin));
    BOOST_TEST(text.substr(words[2].begin, words[2].end - words[2].begin) == "챗");
    BOOST_TEST(text.substr(words[3].begin, words[3].end - words[3].begin) == "GPT");
}

BOOST_AUTO_TEST_CASE(hangul_bigrams) {
    const std::pair<std::string_view, std::vector<std::string>> cases[] = {
        {"인공지능", {"인공", "공지", "지능"}},
        {"딥시크", {"딥시", "시크"}},
        {"회의", {"회의"}},
        {"챗", {}},
        {"", {}},
    };
    for (const auto& [word, grams] : cases)
        BOOST_TEST_CONTEXT("word: " << word) { BOOST_TEST(Analyzer::hangul_bigrams(word) == grams); }
}

// Words sit schema::kPositionStride (16) apart, starting at 16; a Korean
// word's stem (K) takes the word's position, even when it is the word
// itself, and its bigrams take the positions word+0, word+1, ... Only
// terms a phrase can use have positions: a Korean word as written and the
// one bigram of a two-syllable word have none.
BOOST_AUTO_TEST_CASE(index_text_table) {
    static_assert(aisearch::schema::kPositionStride == 16);
    struct Case {
        std::string_view text;
        std::string_view field;
        std::string_view expected;
    };
    const Case cases[] = {
        {"", "", ""},
        {"딥시크의 출시", "", "딥시크의 K딥시크:16 G딥시:16 G시크:17 출시 K출시:32 G출시"},
        {"인공지능", "", "인공지능 K인공지능:16 G인공:16 G공지:17 G지능:18"},
        {"국가인공지능위원회", "",
         "국가인공지능위원회 K국가인공지능위원회:16 "
         "G국가:16 G가인:17 G인공:18 G공지:19 G지능:20 G능위:21 G위원:22 G원회:23"},
        {"회의 챗GPT를", "", "회의 K회의:16 G회의 챗 K챗:32 gpt:48 Zgpt"},
        {"‘국가인공지능위원회’가 출범하고", "",
         "국가인공지능위원회 K국가인공지능위원회:16 "
         "G국가:16 G가인:17 G인공:18 G공지:19 G지능:20 G능위:21 G위원:22 G원회:23 "
         "출범하고 K출범:32 G출범"},
        {"DeepSeek’s rise", "", "deepseek's:16 Zdeepseek rise:32 Zrise"},
        {"2,048 Nvidia H800 GPUs, 17.7%", "",
         "2048:16 nvidia:32 Znvidia h800:48 Zh800 gpus:64 Zgpus 17.7:80 percent:96 Zpercent"},
        {"17.7 percent", "", "17.7:16 percent:32 Zpercent"},
        // A repeated word: one term, both positions; the stem has no positions.
        {"DeepSeek and DeepSeek’s", "", "deepseek:16 Zdeepseek and:32 Zand deepseek's:48"},
        {"DeepSeek, DeepSeek", "", "deepseek:16,32 Zdeepseek"},
        // The title field prefixes every kind of term.
        {"딥시크의 AI", "S", "S딥시크의 KS딥시크:16 GS딥시:16 GS시크:17 Sai:32 ZSai"},
        // A Korean stem is never an unprefixed term, so 딥시크 here is only
        // the word as written (the second), not the stem of 딥시크의.
        {"딥시크의 딥시크", "", "딥시크의 딥시크 K딥시크:16,32 G딥시:16,32 G시크:17,33"},
    };
    Analyzer analyzer = make_analyzer();
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("text: " << c.text << " field: " << c.field) {
            Xapian::Document doc;
            Xapian::termpos pos = 0;
            analyzer.index_text(doc, c.text, c.field, 1, pos);
            BOOST_TEST(render_terms(doc) == sorted(c.expected));
        }
}

BOOST_AUTO_TEST_CASE(index_text_sanitized_invalid_utf8) {
    Analyzer analyzer = make_analyzer();
    BOOST_TEST(render_terms(body(analyzer, aisearch::sanitize_utf8("\xff\xfe"))) == "");
    BOOST_TEST(render_terms(body(analyzer, aisearch::sanitize_utf8("\xEB\x94"))) == "");
    BOOST_TEST(render_terms(body(analyzer, aisearch::sanitize_utf8("딥시크\xEB\x94 H800"))) ==
               sorted("딥시크 K딥시크:16 G딥시:16 G시크:17 h800:32 Zh800"));
}

BOOST_AUTO_TEST_CASE(index_text_positions_and_wdf) {
    // The indexer's order: title (S, wdf 1), title again as body (wdf
    // kTitleWdf), then paragraphs; positions keep counting across calls.
    Analyzer analyzer = make_analyzer();
    Xapian::Document doc;
    Xapian::termpos pos = 0;
    analyzer.index_text(doc, "딥시크의 충격", aisearch::schema::kTitleField, 1, pos);
    BOOST_TEST(pos == 32u);
    analyzer.index_text(doc, "딥시크의 충격", aisearch::schema::kBodyField, aisearch::schema::kTitleWdf, pos);
    BOOST_TEST(pos == 64u);
    analyzer.index_text(doc, "DeepSeek 딥시크", aisearch::schema::kBodyField, 1, pos);
    BOOST_TEST(pos == 96u);
    BOOST_TEST(render_terms(doc) ==
               sorted("S딥시크의 KS딥시크:16 GS딥시:16 GS시크:17 S충격 KS충격:32 GS충격 "
                      "딥시크의 K딥시크:48,96 G딥시:48,96 G시크:49,97 충격 K충격:64 G충격 "
                      "deepseek:80 Zdeepseek 딥시크"));
    auto wdf = [&](const std::string& term) {
        auto t = doc.termlist_begin();
        t.skip_to(term);
        return (t != doc.termlist_end() && *t == term) ? t.get_wdf() : 0u;
    };
    // Title words count 8 times in the body (schema::kTitleWdf).
    BOOST_TEST(wdf("KS딥시크") == 1u);
    BOOST_TEST(wdf("S딥시크") == 0u);
    BOOST_TEST(wdf("딥시크의") == 8u);
    BOOST_TEST(wdf("충격") == 8u);
    BOOST_TEST(wdf("K충격") == 8u);
    // 딥시크 as written is only in the paragraph; as a stem, in both.
    BOOST_TEST(wdf("딥시크") == 1u);
    BOOST_TEST(wdf("K딥시크") == 9u);
    BOOST_TEST(wdf("Zdeepseek") == 1u);
}

BOOST_AUTO_TEST_CASE(options) {
    AnalyzerOptions no_strip;
    no_strip.strip_particles = false;
    Analyzer a1 = make_analyzer(no_strip);
    BOOST_TEST(render_words(a1.analyze("딥시크의 충격")) == "딥시크의 충격");
    // No stems, so no K terms at all, in documents or queries.
    BOOST_TEST(render_terms(body(a1, "딥시크의")) == sorted("딥시크의:16 G딥시:16 G시크:17 G크의:18"));
    // Without stems, phrases match the words as written, so they keep
    // their positions; a two-syllable word's one bigram still has none.
    BOOST_TEST(render_terms(body(a1, "딥시크 출시")) == sorted("딥시크:16 G딥시:16 G시크:17 출시:32 G출시"));
    BOOST_TEST(a1.word_query(a1.analyze("딥시크").front(), "").get_description() ==
               "Query((딥시크 OR 0.5 * (G딥시 PHRASE 2 G시크)))");
    BOOST_TEST(a1.phrase_query(a1.analyze("딥시크의 출시"), "").get_description() ==
               "Query((딥시크의 PHRASE 17 출시))");
    BOOST_TEST(a1.phrase_query(a1.analyze("딥시크"), "S").get_description() == "Query(S딥시크)");
    BOOST_TEST(matches(body(a1, "딥시크 출시"), a1.phrase_query(a1.analyze("딥시크 출시"), "")));
    BOOST_TEST(!matches(body(a1, "딥시크의 출시"), a1.phrase_query(a1.analyze("딥시크 출시"), "")));
    // The glued particle of 챗GPT를 is still not a word.
    BOOST_TEST(render_words(a1.analyze("챗GPT를")) == "챗 gpt");

    AnalyzerOptions no_grams;
    no_grams.hangul_bigrams = false;
    Analyzer a2 = make_analyzer(no_grams);
    BOOST_TEST(render_terms(body(a2, "딥시크의 DeepSeek")) == sorted("딥시크의 K딥시크:16 deepseek:32 Zdeepseek"));
    BOOST_TEST(a2.word_query(a2.analyze("딥시크의").front(), "").get_description() ==
               "Query((딥시크의 OR 0.69999999999999995559 * K딥시크))");
    BOOST_TEST(a2.word_query(a2.analyze("딥시크").front(), "").get_description() ==
               "Query((딥시크 OR 0.69999999999999995559 * K딥시크))");
}

BOOST_AUTO_TEST_CASE(word_query_table) {
    struct Case {
        std::string_view word;
        std::string_view field;
        std::string_view expected;
    };
    const Case cases[] = {
        // Korean: exact, stem at 0.7 (even when it is the word), bigrams at 0.5.
        {"딥시크의", "", "Query((딥시크의 OR 0.69999999999999995559 * K딥시크 OR 0.5 * (G딥시 PHRASE 2 G시크)))"},
        {"딥시크", "", "Query((딥시크 OR 0.69999999999999995559 * K딥시크 OR 0.5 * (G딥시 PHRASE 2 G시크)))"},
        {"인공지능", "",
         "Query((인공지능 OR 0.69999999999999995559 * K인공지능 OR 0.5 * (G인공 PHRASE 3 G공지 PHRASE 3 G지능)))"},
        {"회의", "", "Query((회의 OR 0.69999999999999995559 * K회의 OR 0.5 * G회의))"},
        // A one-syllable noun: also its forms with the particles kept on
        // it (ko_particles.txt '~'), at 0.5.
        {"칩", "",
         "Query((칩 OR 0.69999999999999995559 * K칩 OR 0.5 * (K칩이 OR K칩의 OR K칩에 OR K칩과 OR K칩도 OR K칩만 OR "
         "K칩로)))"},
        {"값을", "",
         "Query((값을 OR 0.69999999999999995559 * K값 OR 0.5 * (K값이 OR K값의 OR K값에 OR K값과 OR K값도 OR K값만 OR "
         "K값로)))"},
        {"표", "",
         "Query((표 OR 0.69999999999999995559 * K표 OR 0.5 * (K표가 OR K표의 OR K표에 OR K표도 OR K표만 OR K표로)))"},
        {"칩", "S",
         "Query((S칩 OR 0.69999999999999995559 * KS칩 OR 0.5 * (KS칩이 OR KS칩의 OR KS칩에 OR KS칩과 OR KS칩도 OR "
         "KS칩만 OR KS칩로)))"},
        {"DeepSeek’s", "", "Query(Zdeepseek)"},
        {"GPUs", "", "Query(Zgpus)"},
        {"2,048", "", "Query(2048)"},
        {"17.7", "", "Query(17.7)"},
        {"딥시크", "S", "Query((S딥시크 OR 0.69999999999999995559 * KS딥시크 OR 0.5 * (GS딥시 PHRASE 2 GS시크)))"},
        {"Nvidia", "S", "Query(ZSnvidia)"},
    };
    Analyzer analyzer = make_analyzer();
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("word: " << c.word << " field: " << c.field) {
            const auto words = analyzer.analyze(c.word);
            BOOST_TEST_REQUIRE(words.size() == 1u);
            BOOST_TEST(analyzer.word_query(words.front(), c.field).get_description() == c.expected);
        }
}

BOOST_AUTO_TEST_CASE(phrase_query_table) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        // Korean words by stem (K), so particles do not break a phrase.
        {"딥시크의 출시했다", "Query((K딥시크 PHRASE 17 K출시))"},
        {"DeepSeek’s rise", "Query((deepseek's PHRASE 17 rise))"},
        {"챗GPT를", "Query((K챗 PHRASE 17 gpt))"},
        {"딥시크", "Query(K딥시크)"},
        {"only 2,048 Nvidia", "Query((only PHRASE 33 2048 PHRASE 33 nvidia))"},
        {"H800", "Query(h800)"},
    };
    Analyzer analyzer = make_analyzer();
    for (const auto& [text, expected] : cases)
        BOOST_TEST_CONTEXT("text: " << text) {
            BOOST_TEST(analyzer.phrase_query(analyzer.analyze(text), "").get_description() == expected);
        }
    BOOST_TEST(analyzer.phrase_query(analyzer.analyze("딥시크의 출시"), "S").get_description() ==
               "Query((KS딥시크 PHRASE 17 KS출시))");
}

// The queries find what index_text wrote.
BOOST_AUTO_TEST_CASE(queries_match_indexed_text) {
    Analyzer analyzer = make_analyzer();
    struct Case {
        std::string_view document;
        std::string_view query;
        bool phrase;
        bool expected;
    };
    const Case cases[] = {
        // A word inside a compound, by its bigrams.
        {"지난해 9월 ‘국가인공지능위원회’가 출범했다", "인공지능", false, true},
        {"지난해 9월 ‘국가인공지능위원회’가 출범했다", "위원회", false, true},
        {"인공 지능", "인공지능", false, false},
        {"지능인공", "인공지능", false, false},
        // A word with a particle finds the bare word and vice versa.
        {"딥시크의 충격", "딥시크가", false, true},
        {"딥시크 충격", "딥시크의", false, true},
        {"딥시크의 충격", "딥시크", false, true},
        {"딥시크 충격", "딥시크", false, true},
        // A one-syllable noun finds its forms with a particle kept on it,
        // but not the two-syllable words the list knows end like one.
        {"엔비디아의 H800 칩이 쓰였다", "칩", false, true},
        {"칩을 만드는 회사", "칩", false, true},
        {"마이크로칩이 쓰였다", "칩", false, false},
        {"칩이 쓰였다", "칩을", false, true},
        {"회의가 열렸다", "회", false, false},  // a '!' word of ko_particles.txt
        {"회의가 열렸다", "회의", false, true},
        {"칩의 가격", "칩", false, true},
        {"회가 열렸다", "회의", false, false},
        {"차이가 있다", "차", false, false},  // 이 follows a final consonant
        {"차가 있다", "차", false, true},
        // A Korean word alone in quotes matches by stem too.
        {"딥시크의 충격", "딥시크", true, true},
        {"딥시크 충격", "딥시크가", true, true},
        {"딥시크코리아", "딥시크", true, false},
        // English by stem.
        {"DeepSeek’s rise", "DeepSeek", false, true},
        {"Nvidia's shares tumbled", "share", false, true},
        // Phrases: particles do not break them, order does.
        {"지난해 9월 ‘국가인공지능위원회’가 출범했다", "국가인공지능위원회 출범", true, true},
        {"지난해 9월 ‘국가인공지능위원회’가 출범했다", "국가인공지능위원회가 출범하고", true, true},
        {"지난해 9월 ‘국가인공지능위원회’가 출범했다", "출범 국가인공지능위원회", true, false},
        {"챗GPT를 넘어선다", "GPT 넘어선다", true, true},
        {"챗GPT를 넘어선다", "챗GPT", true, true},
        {"‘딥시크-R1’을 출시했다", "R1 출시", true, true},
        {"엔비디아의 주가는 한때 17.7%나 하락했다", "17.7 percent 하락", true, true},
        {"as much as 17.7 percent", "17.7%", true, true},
        {"DeepSeek’s rise", "DeepSeek’s rise", true, true},
        {"DeepSeek’s mobile AI chatbot", "DeepSeek’s AI", true, false},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("document: " << c.document << " query: " << c.query) {
            const auto words = analyzer.analyze(c.query);
            BOOST_TEST_REQUIRE(!words.empty());
            const Xapian::Query q = c.phrase ? analyzer.phrase_query(words, "")
                                             : analyzer.word_query(words.front(), "");
            BOOST_TEST(matches(body(analyzer, c.document), q) == c.expected);
        }
}

// The word as written outranks the same stem with another particle: the
// stem (K) weighs 0.7 of the exact word.
BOOST_AUTO_TEST_CASE(exact_word_outranks_stem) {
    Analyzer analyzer = make_analyzer();
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::docid with_particle = db.add_document(body(analyzer, "딥시크의 충격"));
    const Xapian::docid bare = db.add_document(body(analyzer, "딥시크 충격"));
    const std::pair<std::string_view, Xapian::docid> cases[] = {
        {"딥시크", bare},
        {"딥시크의", with_particle},
    };
    for (const auto& [word, first] : cases)
        BOOST_TEST_CONTEXT("query: " << word) {
            Xapian::Enquire enquire(db);
            enquire.set_query(analyzer.word_query(analyzer.analyze(word).front(), ""));
            const Xapian::MSet mset = enquire.get_mset(0, 10);
            BOOST_TEST_REQUIRE(mset.size() == 2u);
            BOOST_TEST(*mset.begin() == first);
            BOOST_TEST(mset.begin().get_weight() > (++mset.begin()).get_weight());
        }
}

// A one-syllable noun finds its forms with a particle stripped (칩을) and
// kept (칩이), not the syllable inside another word, and the noun as
// written ranks first.
BOOST_AUTO_TEST_CASE(one_syllable_noun_finds_its_forms) {
    Analyzer analyzer = make_analyzer();
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::docid kept = db.add_document(body(analyzer, "칩이 부족하다"));
    const Xapian::docid stripped = db.add_document(body(analyzer, "칩을 만든다"));
    const Xapian::docid bare = db.add_document(body(analyzer, "칩 부족"));
    db.add_document(body(analyzer, "마이크로칩 부족"));
    Xapian::Enquire enquire(db);
    enquire.set_query(analyzer.word_query(analyzer.analyze("칩").front(), ""));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    std::vector<Xapian::docid> order;
    for (auto it = mset.begin(); it != mset.end(); ++it) order.push_back(*it);
    BOOST_TEST_REQUIRE(order.size() == 3u);
    BOOST_TEST(order[0] == bare);
    BOOST_TEST((std::set<Xapian::docid>{order[1], order[2]} == std::set<Xapian::docid>{kept, stripped}));
}

BOOST_AUTO_TEST_SUITE_END()
