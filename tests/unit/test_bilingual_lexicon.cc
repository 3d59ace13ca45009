// BilingualLexicon: the shipped lexicon.tsv, matched on analysed words.
// Translations render as their exact words, alternatives joined by " | ".
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <string_view>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/data_files.h"
#include "common/utf8.h"

using aisearch::Analyzer;
using aisearch::BilingualLexicon;

namespace {

const std::filesystem::path kDataDir = AISEARCH_TEST_DATA_DIR;

struct Shipped {
    Analyzer analyzer = Analyzer::from_data_dir(kDataDir);
    BilingualLexicon lexicon = BilingualLexicon::load(kDataDir / "lexicon.tsv", analyzer);
};

Shipped& shipped() {
    static Shipped s;
    return s;
}

std::string render(const BilingualLexicon::Match& m) {
    if (m.length == 0) return "";
    std::string out = std::to_string(m.length) + ":";
    bool first = true;
    for (const auto& t : *m.translations) {
        out += first ? " " : " | ";
        first = false;
        for (std::size_t i = 0; i < t.size(); ++i) out += (i ? " " : "") + t[i].exact;
    }
    return out;
}

struct Case {
    std::string_view query;
    std::size_t start;
    std::string_view expected;  // "length: translation | translation", "" for none
};

const Case kMatches[] = {
    {"엔비디아", 0, "1: nvidia"},
    {"엔비디아의 주가", 0, "1: nvidia"},
    {"엔비디아의 주가", 1, "1: stock price | share price | shares"},
    {"Nvidia", 0, "1: 엔비디아"},
    {"NVIDIA's shares", 0, "1: 엔비디아"},
    {"딥시크가", 0, "1: deepseek"},
    {"DeepSeek’s", 0, "1: 딥시크"},
    // Several translations, in file order.
    {"인공지능", 0, "1: artificial intelligence | ai"},
    {"ChatGPT", 0, "1: 챗 gpt | 챗지피티"},
    {"OpenAI", 0, "1: 오픈 ai | 오픈에이아이"},
    // Mixed-script words are several pieces; the glued particle is gone.
    {"챗GPT를", 0, "2: chatgpt"},
    {"오픈AI의", 0, "2: openai"},
    {"AI기본법이", 0, "2: ai basic act"},
    // The longest entry wins; the last word may carry a particle.
    {"Samsung Electronics", 0, "2: 삼성전자"},
    {"삼성전자의 주가", 0, "1: samsung electronics"},
    {"Samsung", 0, "1: 삼성"},
    {"중국 공산당의", 0, "2: chinese communist party"},
    {"중국 공산당의", 1, "1: communist party"},
    {"중국의", 0, "1: china"},
    {"AI Basic Act", 0, "3: 인공지능 기본법 | ai 기본법"},
    // A particle inside a multi-word entry is not stripped.
    {"중국의 공산당", 0, "1: china"},
    // No entry.
    {"회의", 0, ""},
    {"tumble", 0, ""},
    {"2,048", 0, ""},
    // Start at or past the end.
    {"엔비디아", 1, ""},
    {"엔비디아", 5, ""},
    {"", 0, ""},
};

// Each query finds, in the whole lexicon of `path` and in a lazy one
// prepared for that query alone, what its case expects.
void check_lazy_matches(const std::filesystem::path& path, std::span<const Case> cases, Analyzer& analyzer) {
    const BilingualLexicon eager = BilingualLexicon::load(path, analyzer);
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("query: " << c.query) {
            BilingualLexicon lazy = BilingualLexicon::load_lazily(path);
            lazy.prepare(c.query, analyzer);
            const auto words = analyzer.analyze(c.query);
            BOOST_TEST(render(eager.longest_match(words, c.start)) == c.expected);
            BOOST_TEST(render(lazy.longest_match(words, c.start)) == c.expected);
        }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bilingual_lexicon)

BOOST_AUTO_TEST_CASE(loaded) {
    // Both directions of more than a thousand pairs.
    BOOST_TEST(shipped().lexicon.size() > 1000u);
}

BOOST_AUTO_TEST_CASE(longest_match_table) {
    auto& s = shipped();
    for (const auto& c : kMatches)
        BOOST_TEST_CONTEXT("query: " << c.query << " start: " << c.start) {
            const auto words = s.analyzer.analyze(c.query);
            BOOST_TEST(render(s.lexicon.longest_match(words, c.start)) == c.expected);
        }
}

// A lazy lexicon prepared for a query matches it as the whole lexicon does.
BOOST_AUTO_TEST_CASE(lazy_longest_match_table) {
    auto& s = shipped();
    BilingualLexicon accumulating = BilingualLexicon::load_lazily(kDataDir / "lexicon.tsv");
    for (const auto& c : kMatches)
        BOOST_TEST_CONTEXT("query: " << c.query << " start: " << c.start) {
            BilingualLexicon fresh = BilingualLexicon::load_lazily(kDataDir / "lexicon.tsv");
            fresh.prepare(c.query, s.analyzer);
            accumulating.prepare(c.query, s.analyzer);
            const auto words = s.analyzer.analyze(c.query);
            BOOST_TEST(render(fresh.longest_match(words, c.start)) == c.expected);
            BOOST_TEST(render(accumulating.longest_match(words, c.start)) == c.expected);
        }
}

// Every side of every entry finds after all the others what the whole
// lexicon finds, translations in file order; every third side also as the
// first query of a fresh lexicon.
BOOST_AUTO_TEST_CASE(lazy_every_entry) {
    auto& s = shipped();
    // Only ASCII and Hangul syllables: text whose words are known unanalysed.
    auto plain = [](std::string_view t) {
        for (std::size_t i = 0; i < t.size(); ++i) {
            const auto c = static_cast<unsigned char>(t[i]);
            if (c < 0x80 || (c & 0xC0) == 0x80) continue;
            if (c < 0xEA || c > 0xED) return false;
        }
        return true;
    };
    BilingualLexicon accumulating = BilingualLexicon::load_lazily(kDataDir / "lexicon.tsv");
    std::size_t sides = 0;
    for (const std::string& line : aisearch::read_data_lines(kDataDir / "lexicon.tsv")) {
        const auto tab = line.find('\t');
        const std::string both[] = {line.substr(0, tab), line.substr(tab + 1)};
        for (const std::string& side : both) {
            accumulating.prepare(side, s.analyzer);
            const auto words = s.analyzer.analyze(side);
            const std::string expected = render(s.lexicon.longest_match(words, 0));
            BOOST_TEST_CONTEXT("side: " << side) {
                BOOST_TEST(!expected.empty());
                BOOST_TEST(render(accumulating.longest_match(words, 0)) == expected);
                if (sides % 3 == 0) {
                    BilingualLexicon fresh = BilingualLexicon::load_lazily(kDataDir / "lexicon.tsv");
                    fresh.prepare(side, s.analyzer);
                    BOOST_TEST(render(fresh.longest_match(words, 0)) == expected);
                    // A word's initial picks far fewer entries than the whole lexicon.
                    if (plain(side) && side.find_first_of(" -") == std::string::npos)
                        BOOST_TEST(fresh.size() < s.lexicon.size() / 4);
                }
            }
            ++sides;
        }
    }
    BOOST_TEST(sides > 2000u);
    // Entries analysed early keep their place among those analysed later.
    for (const std::string& line : aisearch::read_data_lines(kDataDir / "lexicon.tsv")) {
        const auto words = s.analyzer.analyze(line.substr(0, line.find('\t')));
        BOOST_TEST(render(accumulating.longest_match(words, 0)) == render(s.lexicon.longest_match(words, 0)));
    }
}

// Query words whose analysed form starts differently from the entry's
// text, or shorter: a lazy lexicon prepared for the query alone finds
// what the whole lexicon finds.
BOOST_AUTO_TEST_CASE(lazy_keys_of_inflected_words) {
    Analyzer& analyzer = shipped().analyzer;
    const auto path = std::filesystem::temp_directory_path() / "aisearch_lexicon_keys.tsv";
    std::ofstream(path) << "사망\tdie\n죽어가는\tdying man\n책\tbook\n퍼센트\tpercent\n천\t1000\n"
                           "엑스\tX\n데이터\tdata\n스카이\tsky\n";
    const Case cases[] = {
        {"dying", 0, "1: 사망"},          // the stemmer makes dying die
        {"dies", 0, "1: 사망"},
        {"dying man", 0, "2: 죽어가는"},
        {"책", 0, "1: book"},             // one syllable
        {"데이터를", 0, "1: data"},
        {"17%", 1, "1: 퍼센트"},           // % is the word percent
        {"1,000", 0, "1: 천"},             // digit groups go
        {"x", 0, "1: 엑스"},
        {"skies", 0, "1: 스카이"},
    };
    check_lazy_matches(path, cases, analyzer);
    // Two letters of a query word pick fewer entries than its first alone.
    BilingualLexicon lazy = BilingualLexicon::load_lazily(path);
    lazy.prepare("data", analyzer);
    BOOST_TEST(lazy.size() == 2u);  // 데이터 and data, not die or dying man
    std::filesystem::remove(path);
}

// An entry whose first word has a Latin-1 letter second (Türkiye) is
// analysed only for a query that may equal it: one in Hangul by its other
// side, or one with text that is not ASCII, which analyses every entry.
// ß folds to ss, so Aßmann is analysed for any query.
BOOST_AUTO_TEST_CASE(lazy_keys_of_latin1_letters) {
    Analyzer& analyzer = shipped().analyzer;
    const auto path = std::filesystem::temp_directory_path() / "aisearch_lexicon_latin1.tsv";
    std::ofstream(path) << "튀르키예\tTürkiye\n표\ttable\n아스만\tAßmann\n카페\tcafé\n";
    const Case cases[] = {
        {"Türkiye", 0, "1: 튀르키예"},
        {"TÜRKIYE", 0, "1: 튀르키예"},
        {"튀르키예의", 0, "1: türkiye"},
        {"table", 0, "1: 표"},
        {"assmann", 0, "1: 아스만"},
        {"Cafés", 0, "1: 카페"},
        {"Tu\u0308rkiye", 0, "1: 튀르키예"},  // ü as u and a combining diaeresis
    };
    check_lazy_matches(path, cases, analyzer);
    // An English query analyses 표/table and Aßmann, not Türkiye or café.
    BilingualLexicon lazy = BilingualLexicon::load_lazily(path);
    lazy.prepare("table", analyzer);
    BOOST_TEST(lazy.size() == 4u);
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(lazy_prepare_cases) {
    auto& s = shipped();
    auto lazy = [] { return BilingualLexicon::load_lazily(kDataDir / "lexicon.tsv"); };
    auto match = [&](BilingualLexicon& l, std::string_view q) {
        return render(l.longest_match(s.analyzer.analyze(aisearch::sanitize_utf8(q)), 0));
    };
    {
        // Nothing is analysed before a query asks for it.
        BilingualLexicon l = lazy();
        BOOST_TEST(l.size() == 0u);
        BOOST_TEST(match(l, "엔비디아") == "");
        // An empty query analyses only the few entries with text that
        // normalisation may change, which any query may match.
        l.prepare("", s.analyzer);
        BOOST_TEST(l.size() < s.lexicon.size() / 20);
        BOOST_TEST(match(l, "엔비디아") == "");
    }
    {
        // Words inside other syntax: title:, quotes, a glued particle.
        BilingualLexicon l = lazy();
        l.prepare("title:\"엔비디아의 주가\" -tumble", s.analyzer);
        BOOST_TEST(match(l, "엔비디아의") == "1: nvidia");
        BOOST_TEST(match(l, "주가") == "1: stock price | share price | shares");
        BilingualLexicon g = lazy();
        g.prepare("챗GPT를", s.analyzer);
        BOOST_TEST(match(g, "gpt") == match(s.lexicon, "gpt"));
    }
    {
        // Text that normalisation may change (full-width letters, invalid
        // UTF-8) makes it analyse everything.
        BilingualLexicon l = lazy();
        l.prepare("Ｎｖｉｄｉａ", s.analyzer);
        BOOST_TEST(l.size() == s.lexicon.size());
        BOOST_TEST(match(l, "Ｎｖｉｄｉａ") == "1: 엔비디아");
        BilingualLexicon bad = lazy();
        bad.prepare("\xff\xfeNvidia", s.analyzer);
        BOOST_TEST(bad.size() == s.lexicon.size());
    }
    {
        // An eager lexicon has nothing to prepare.
        BilingualLexicon copy = BilingualLexicon::load(kDataDir / "lexicon.tsv", s.analyzer);
        const auto before = copy.size();
        copy.prepare("Nvidia", s.analyzer);
        BOOST_TEST(copy.size() == before);
    }
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    auto& s = shipped();
    auto match = [&](std::string_view raw) {
        return render(s.lexicon.longest_match(s.analyzer.analyze(aisearch::sanitize_utf8(raw)), 0));
    };
    BOOST_TEST(match("\xff\xfe") == "");
    BOOST_TEST(match("\xEB\x94") == "");
    BOOST_TEST(match("엔비디아\xEB\x94") == "1: nvidia");
    BOOST_TEST(match("\xffNvidia") == "1: 엔비디아");
}

BOOST_AUTO_TEST_CASE(add) {
    Analyzer& analyzer = shipped().analyzer;
    BilingualLexicon lexicon;
    BOOST_TEST(lexicon.size() == 0u);
    BOOST_TEST(render(lexicon.longest_match(analyzer.analyze("딥시크"), 0)) == "");
    lexicon.add("딥시크", "DeepSeek", analyzer);
    BOOST_TEST(lexicon.size() == 2u);
    // Adding a pair again, or its reverse, adds no translation.
    lexicon.add("딥시크", "DeepSeek", analyzer);
    lexicon.add("DeepSeek", "딥시크", analyzer);
    BOOST_TEST(render(lexicon.longest_match(analyzer.analyze("딥시크의"), 0)) == "1: deepseek");
    BOOST_TEST(render(lexicon.longest_match(analyzer.analyze("deepseek"), 0)) == "1: 딥시크");
    // A side without words is ignored.
    lexicon.add("‘’", "DeepSeek", analyzer);
    lexicon.add("딥시크", "", analyzer);
    BOOST_TEST(lexicon.size() == 2u);
    BOOST_TEST(render(lexicon.longest_match(analyzer.analyze("deepseek"), 0)) == "1: 딥시크");
}

BOOST_AUTO_TEST_CASE(bad_files) {
    Analyzer& analyzer = shipped().analyzer;
    const auto dir = std::filesystem::temp_directory_path();
    const auto write = [&](const std::string& name, const std::string& content) {
        const auto path = dir / name;
        std::ofstream(path) << content;
        return path;
    };
    const std::pair<std::string, std::string> bad[] = {
        {"aisearch_lexicon_notab.tsv", "엔비디아 Nvidia\n"},
        {"aisearch_lexicon_twotabs.tsv", "엔비디아\tNvidia\tNVDA\n"},
        {"aisearch_lexicon_emptyside.tsv", "\tNvidia\n"},
    };
    for (const auto& [name, content] : bad) {
        const auto path = write(name, content);
        BOOST_CHECK_THROW(BilingualLexicon::load(path, analyzer), aisearch::ResourceError);
        BOOST_CHECK_THROW(BilingualLexicon::load_lazily(path), aisearch::ResourceError);
        std::filesystem::remove(path);
    }
    const auto good = write("aisearch_lexicon_good.tsv", "# comment\n\n엔비디아\tNvidia\r\n");
    const BilingualLexicon lexicon = BilingualLexicon::load(good, analyzer);
    std::filesystem::remove(good);
    BOOST_TEST(lexicon.size() == 2u);
    BOOST_TEST(render(lexicon.longest_match(analyzer.analyze("Nvidia"), 0)) == "1: 엔비디아");
    BOOST_CHECK_THROW(BilingualLexicon::load(dir / "aisearch_no_such_lexicon.tsv", analyzer), aisearch::ResourceError);
}

BOOST_AUTO_TEST_SUITE_END()
