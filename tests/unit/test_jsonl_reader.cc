// read_jsonl: good records, and bad lines that are reported and skipped
// without costing their neighbours.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "common/jsonl_reader.h"

namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

// Records as "line: id|title|body|date|source|url|lang", problems as
// "line: !reason", in the order they were delivered.
std::string render(std::string_view jsonl) {
    std::string out;
    aisearch::read_jsonl(
        jsonl,
        [&](aisearch::JsonlRecord&& r) {
            out += std::to_string(r.line) + ": " + r.id + "|" + r.title + "|" + r.body + "|" + r.date + "|" +
                   r.source + "|" + r.url + "|" + r.lang + "\n";
        },
        [&](const aisearch::JsonlProblem& p) { out += std::to_string(p.line) + ": !" + p.reason + "\n"; });
    return out;
}

struct JsonlCase {
    std::string_view name;
    std::string_view jsonl;
    std::string expected;
};

const JsonlCase kCases[] = {
    {"empty", "", ""},
    {"blank lines only", "\n  \n\r\n\t\n", ""},
    {"all fields",
     R"({"id":"ja-001","title":"DeepSeek's rise","body":"China's AI startup.","date":"2025-01-31","source":"JoongAng","url":"https://example.com/1","lang":"en"})",
     "1: ja-001|DeepSeek's rise|China's AI startup.|2025-01-31|JoongAng|https://example.com/1|en\n"},
    {"korean, only the required fields", R"({"id":"ko-1","body":"딥시크가 세계를 놀라게 했다."})",
     "1: ko-1||딥시크가 세계를 놀라게 했다.||||\n"},
    {"numeric ids become strings",
     "{\"id\":42,\"body\":\"a\"}\n{\"id\":-7,\"body\":\"b\"}\n{\"id\":18446744073709551615,\"body\":\"c\"}\n",
     "1: 42||a||||\n2: -7||b||||\n3: 18446744073709551615||c||||\n"},
    {"a bad line in the middle costs only itself",
     "{\"id\":\"a\",\"body\":\"first\"}\n{\"id\":\"b\",\"body\":\n{\"id\":\"c\",\"body\":\"third\"}\n",
     "1: a||first||||\n2: !invalid JSON at byte 18\n3: c||third||||\n"},
    {"line numbers count blank lines; CRLF; no final newline",
     "\r\n{\"id\":\"a\",\"body\":\"x\"}\r\n\r\n   \r\n{\"id\":\"b\",\"body\":\"y\",\"lang\":\"ko\"}",
     "2: a||x||||\n5: b||y||||ko\n"},
    {"missing fields",
     "{\"body\":\"no id\"}\n{\"id\":\"x\"}\n{}\n",
     "1: !missing \"id\"\n2: !missing \"body\"\n3: !missing \"id\"\n"},
    {"wrong types",
     "{\"id\":true,\"body\":\"b\"}\n"
     "{\"id\":1.5,\"body\":\"b\"}\n"
     "{\"id\":[\"a\"],\"body\":\"b\"}\n"
     "{\"id\":null,\"body\":\"b\"}\n"
     "{\"id\":\"a\",\"body\":7}\n"
     "{\"id\":\"a\",\"body\":null}\n"
     "{\"id\":\"a\",\"body\":\"b\",\"title\":[\"t\"]}\n"
     "{\"id\":\"a\",\"body\":\"b\",\"date\":20250131}\n"
     "{\"id\":\"a\",\"body\":\"b\",\"url\":{}}\n",
     "1: !\"id\" must be a string or an integer\n"
     "2: !\"id\" must be a string or an integer\n"
     "3: !\"id\" must be a string or an integer\n"
     "4: !\"id\" must be a string or an integer\n"
     "5: !\"body\" must be a string\n"
     "6: !\"body\" must be a string\n"
     "7: !\"title\" must be a string\n"
     "8: !\"date\" must be a string\n"
     "9: !\"url\" must be a string\n"},
    {"empty id", R"({"id":"","body":"b"})", "1: !\"id\" is empty\n"},
    {"lang is ko or en",
     "{\"id\":\"a\",\"body\":\"b\",\"lang\":\"ja\"}\n{\"id\":\"b\",\"body\":\"b\",\"lang\":\"KO\"}\n"
     "{\"id\":\"c\",\"body\":\"b\",\"lang\":\"\"}\n{\"id\":\"d\",\"body\":\"b\",\"lang\":\"en\"}\n",
     "1: !\"lang\" must be \"ko\" or \"en\"\n2: !\"lang\" must be \"ko\" or \"en\"\n3: c||b||||\n4: d||b||||en\n"},
    {"null optional fields are absent; unknown members ignored",
     R"({"id":"a","body":"b","title":null,"lang":null,"tags":["ai"],"views":401})", "1: a||b||||\n"},
    {"an empty body is still a body", R"({"id":"a","body":""})", "1: a||||||\n"},
    {"not an object", "[1,2]\n\"text\"\n42\nnull\n",
     "1: !not a JSON object\n2: !not a JSON object\n3: !not a JSON object\n4: !not a JSON object\n"},
    {"not JSON at all", "DeepSeek upends AI\n{\"id\":\"a\",\"body\":\"b\"} trailing\n",
     "1: !invalid JSON at byte 1\n2: !invalid JSON at byte 25\n"},
    {"invalid UTF-8 is repaired, not rejected",
     "{\"id\":\"a\",\"body\":\"딥시크\xFF 충격\xEB\x94\"}\n{\"id\":\"b\xC0\",\"body\":\"x\"}\n",
     "1: a||딥시크" + kFFFD + " 충격" + kFFFD + "||||\n2: b" + kFFFD + "||x||||\n"},
    {"utf-8 bom before the first line", "\xEF\xBB\xBF{\"id\":\"a\",\"body\":\"b\"}\n", "1: a||b||||\n"},
    {"escapes", R"({"id":"a","body":"\ub525\uc2dc\ud06c \"quoted\"\nnext"})", "1: a||딥시크 \"quoted\"\nnext||||\n"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonl_reader)

BOOST_AUTO_TEST_CASE(read_jsonl_table) {
    for (const auto& c : kCases)
        BOOST_TEST_CONTEXT(c.name) { BOOST_TEST(render(c.jsonl) == c.expected); }
}

BOOST_AUTO_TEST_SUITE_END()
