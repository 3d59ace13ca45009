// The --json schema and the text form of results, and mark_highlights.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "aisearch/searcher.h"
#include "searcher/results_format.h"

using namespace aisearch;

namespace {

Results sample() {
    Results r;
    r.query = "딥시크 Nvidia";
    r.estimated_matches = 42;
    r.relaxed = false;
    Hit ko;
    ko.rank = 1;
    ko.id = "001_29152febc62b8d9d#ko";
    ko.path = "corpus/001_29152febc62b8d9d.txt";
    ko.title = "딥시크의 부상, 한국 AI의 과제";
    ko.lang = "ko";
    ko.score = 12.3456;
    ko.snippet = "…AI용 GPU 칩을 만드는 엔비디아의 주가는";
    ko.highlights = {{16, 20}};
    ko.duplicates = {{"001_29152febc62b8d9d#en", "en", "translation", 0.875}};
    Hit en;
    en.rank = 2;
    en.id = "002_d4f2ded0015c0ffb";
    en.path = "corpus/002_d4f2ded0015c0ffb.txt";
    en.title = "DeepSeek upends AI: The Korea Herald";
    en.lang = "en";
    en.score = 7.5;
    en.snippet = "DeepSeek’s shares fell 17.7%";
    en.highlights = {{0, 10}, {23, 27}, {27, 28}};
    r.hits = {ko, en};
    return r;
}

std::vector<std::string> keys(const nlohmann::ordered_json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_format)

BOOST_AUTO_TEST_CASE(json_schema) {
    const std::string text = results_to_json(sample());
    BOOST_TEST(text.back() == '\n');
    const auto j = nlohmann::ordered_json::parse(text);
    BOOST_TEST((keys(j) == std::vector<std::string>{"query", "estimated_matches", "relaxed", "hits"}));
    BOOST_TEST(j["query"].get<std::string>() == "딥시크 Nvidia");
    BOOST_TEST(j["estimated_matches"].get<std::uint64_t>() == 42u);
    BOOST_TEST(j["relaxed"].get<bool>() == false);
    BOOST_TEST_REQUIRE(j["hits"].size() == 2u);

    const auto& h = j["hits"][0];
    BOOST_TEST((keys(h) == std::vector<std::string>{"rank", "id", "path", "title", "lang", "date", "source",
                                                     "score", "snippet", "highlights", "duplicates"}));
    BOOST_TEST(h["rank"].get<int>() == 1);
    BOOST_TEST(h["id"].get<std::string>() == "001_29152febc62b8d9d#ko");
    BOOST_TEST(h["path"].get<std::string>() == "corpus/001_29152febc62b8d9d.txt");
    BOOST_TEST(h["title"].get<std::string>() == "딥시크의 부상, 한국 AI의 과제");
    BOOST_TEST(h["lang"].get<std::string>() == "ko");
    BOOST_TEST(h["score"].get<double>() == 12.3456);
    BOOST_TEST(h["snippet"].get<std::string>() == "…AI용 GPU 칩을 만드는 엔비디아의 주가는");
    BOOST_TEST(h["highlights"].dump() == "[[16,20]]");
    BOOST_TEST_REQUIRE(h["duplicates"].size() == 1u);
    const auto& d = h["duplicates"][0];
    BOOST_TEST((keys(d) == std::vector<std::string>{"id", "lang", "relation", "similarity"}));
    BOOST_TEST(d["id"].get<std::string>() == "001_29152febc62b8d9d#en");
    BOOST_TEST(d["relation"].get<std::string>() == "translation");
    BOOST_TEST(d["similarity"].get<double>() == 0.875);

    const auto& h2 = j["hits"][1];
    BOOST_TEST(h2["highlights"].dump() == "[[0,10],[23,27],[27,28]]");
    BOOST_TEST(h2["duplicates"].dump() == "[]");
    // Korean is written as UTF-8, not as \u escapes.
    BOOST_TEST(text.find("딥시크의 부상") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_empty) {
    Results r;
    r.query = "tumble";
    r.relaxed = true;
    const auto j = nlohmann::ordered_json::parse(results_to_json(r));
    BOOST_TEST(j["hits"].dump() == "[]");
    BOOST_TEST(j["estimated_matches"].get<int>() == 0);
    BOOST_TEST(j["relaxed"].get<bool>() == true);
}

BOOST_AUTO_TEST_CASE(json_invalid_utf8) {
    // Output is valid JSON even if a stored string is not valid UTF-8.
    Results r;
    r.query = "딥시크\xEB\x94";
    Hit h;
    h.rank = 1;
    h.title = "\xff\xfe";
    r.hits.push_back(h);
    const std::string text = results_to_json(r);
    nlohmann::json j;
    BOOST_REQUIRE_NO_THROW(j = nlohmann::json::parse(text));
    BOOST_TEST(j["query"].get<std::string>().rfind("딥시크\xEF\xBF\xBD", 0) == 0u);
    BOOST_TEST(j["hits"][0]["title"].get<std::string>().find("\xEF\xBF\xBD") == 0u);
    // Control characters are escaped.
    r.query = "a\nb\"c";
    BOOST_TEST(nlohmann::json::parse(results_to_json(r))["query"].get<std::string>() == "a\nb\"c");
}

BOOST_AUTO_TEST_CASE(mark_highlights_table) {
    struct Case {
        std::string snippet;
        std::vector<Highlight> highlights;
        std::string_view expected;
    };
    const Case cases[] = {
        {"", {}, ""},
        {"딥시크의 충격", {}, "딥시크의 충격"},
        {"딥시크의 충격", {{0, 3}}, "[딥시크]의 충격"},
        {"…국가인공지능위원회’가", {{3, 7}}, "…국가[인공지능]위원회’가"},
        {"DeepSeek’s rise", {{0, 10}, {11, 15}}, "[DeepSeek’s] [rise]"},
        // Adjacent ranges stay separate.
        {"17.7%나", {{0, 4}, {4, 5}}, "[17.7][%]나"},
        {"챗GPT를", {{0, 1}, {1, 4}}, "[챗][GPT]를"},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("snippet: " << c.snippet) {
            Hit h;
            h.snippet = c.snippet;
            h.highlights = c.highlights;
            BOOST_TEST(mark_highlights(h, "[", "]") == c.expected);
        }
}

BOOST_AUTO_TEST_CASE(text_form) {
    const Results r = sample();
    BOOST_TEST(results_to_text(r, false) ==
               "1. 딥시크의 부상, 한국 AI의 과제  [ko]  12.346\n"
               "   001_29152febc62b8d9d#ko\n"
               "   …AI용 GPU 칩을 만드는 **엔비디아**의 주가는\n"
               "   = 001_29152febc62b8d9d#en [en] translation 0.88\n"
               "2. DeepSeek upends AI: The Korea Herald  [en]  7.500\n"
               "   002_d4f2ded0015c0ffb\n"
               "   **DeepSeek’s** shares fell **17.7****%**\n");
    const std::string terminal = results_to_text(r, true);
    BOOST_TEST(terminal.find("\033[1m엔비디아\033[0m의") != std::string::npos);
    BOOST_TEST(results_to_text(Results{}, false) == "");
}

BOOST_AUTO_TEST_SUITE_END()
