// DocumentParser, BoilerplateFilter and paragraph_language on text shaped
// like the bundled corpus: scraped pages with furniture, repeats, and
// bilingual Korean/English articles.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "aisearch/error.h"
#include "common/boilerplate_filter.h"
#include "common/document_parser.h"
#include "common/utf8.h"

using aisearch::BoilerplateFilter;
using aisearch::DocumentParser;
using aisearch::ParsedDocument;

namespace {

BoilerplateFilter shipped_filter() {
    return BoilerplateFilter::load(std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "boilerplate.txt");
}

const DocumentParser& parser() {
    static const DocumentParser p(shipped_filter());
    return p;
}

// One block per part: "lang: title" then the body paragraphs indented.
std::string render(const ParsedDocument& d) {
    std::string out;
    for (const auto& part : d.parts) {
        out += part.lang + ": " + part.title + "\n";
        for (const auto& p : part.paragraphs) out += "  " + p + "\n";
    }
    return out;
}

const std::string kFFFD = "\xEF\xBF\xBD";

}  // namespace

BOOST_AUTO_TEST_SUITE(document_parser)

BOOST_AUTO_TEST_CASE(paragraph_language_table) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"딥시크의 국가인공지능위원회’가 출범했다", "ko"},
        {"DeepSeek’s rise exposes Korea’s AI shortcomings", "en"},
        // Hangul at least half of the letters.
        {"AI용 GPU 칩을 만드는 엔비디아", "ko"},
        {"ab 가나", "ko"},
        {"DeepSeek (딥시크)", "en"},
        {"챗GPT를", "en"},
        // No letters at all.
        {"2,048 17.7%", ""},
        {"— … !", ""},
        {"", ""},
        // Invalid UTF-8 is not a letter, raw or sanitized.
        {"\xff\xfe", ""},
        {"\xEB\x94", ""},
        {"\xEF\xBF\xBD\xEF\xBF\xBD", ""},
        {"딥시크\xEB\x94", "ko"},
        {"DeepSeek\xff", "en"},
    };
    for (const auto& [text, lang] : cases)
        BOOST_TEST_CONTEXT("paragraph: " << text) { BOOST_TEST(aisearch::paragraph_language(text) == lang); }
}

// is_boilerplate: strong patterns only. Weak ones (~ in boilerplate.txt)
// are furniture only next to other furniture, see furniture_table.
BOOST_AUTO_TEST_CASE(boilerplate_table) {
    const BoilerplateFilter filter = shipped_filter();
    const std::pair<std::string_view, bool> cases[] = {
        {"본문 바로가기", true},
        {"본문바로가기", true},
        {"bar_progress", true},
        {"Skip to main content", true},
        {"Back to top", true},
        {"Join us on social!", true},
        {"Share this article", true},
        // Weak: alone, these may be a real title.
        {"Text Size", false},
        {"TEXT SIZE", false},
        {"Font size +", false},
        {"Close", false},
        {"Top", false},
        {"Print", false},
        {"Share", false},
        {"Subscribe now", false},
        {"abc.jpg", true},
        {"wB6xjYJ7o9tZu1KoKPJE6oCVGU7fwNisJUPdWwJk2uo.jpg", true},
        {"photo.PNG", true},
        {"To remove this article - Removal Request", true},
        {"Please send a removal request to the editor", true},
        {"Removal requested", false},
        {"send a removal request\nto the editor", false},  // '.' stops at a line break
        {"Read entire article source", true},
        {"4 months ago 401", true},
        {"4 months ago", true},
        {"1 day ago", true},
        {"3시간 전", true},
        {"2일 전 120", true},
        // Whole paragraphs only: real sentences that contain the words stay.
        {"DeepSeek’s rise exposes Korea’s AI shortcomings (KOR)", false},
        {"딥시크의 국가인공지능위원회’가 출범했다", false},
        {"본문 바로가기 버튼을 누르면 기사로 이동한다", false},
        {"Close the gap with DeepSeek", false},
        {"The photo abc.jpg shows the DeepSeek logo", false},
        {"Chinese startup DeepSeek rose 4 months ago", false},
        {"Text Sizes", false},
        {"", false},
        {"\xff\xfe", false},
        {"\xEB\x94", false},
    };
    for (const auto& [text, expected] : cases)
        BOOST_TEST_CONTEXT("paragraph: " << text) { BOOST_TEST(filter.is_boilerplate(text) == expected); }
}

BOOST_AUTO_TEST_CASE(boilerplate_patterns) {
    const BoilerplateFilter filter({"bar_progress", "\\d+ views", "~close", "~(print|share)"});
    BOOST_TEST(filter.is_boilerplate("BAR_PROGRESS"));
    BOOST_TEST(filter.is_boilerplate("401 views"));
    BOOST_TEST(!filter.is_boilerplate("Text Size"));
    // A leading ~ makes a pattern weak; it is not part of the expression.
    BOOST_TEST(!filter.is_boilerplate("close"));
    BOOST_TEST(!filter.is_boilerplate("~close"));
    BOOST_TEST((filter.furniture({"close"}) == std::vector<bool>{false}));
    BOOST_TEST((filter.furniture({"Close", "bar_progress", "Print"}) == std::vector<bool>{true, true, true}));
    BOOST_TEST((filter.furniture({"~close", "bar_progress"}) == std::vector<bool>{false, true}));
    // A paragraph matched by a weak and a strong pattern is strong.
    const BoilerplateFilter both({"~close", "close"});
    BOOST_TEST(both.is_boilerplate("Close"));
    BOOST_TEST((both.furniture({"Close"}) == std::vector<bool>{true}));
    // ".*X" lines are searched for X at an end of the paragraph; the same
    // answers as matching them whole.
    const BoilerplateFilter ending({".*\\bremoval request\\b.*", "~.*\\bwidget", ".*?the end", "bar_progress"});
    const std::pair<std::string_view, bool> ending_cases[] = {
        {"Send a Removal Request now", true},
        {"removal request", true},
        {"removal requests", false},
        {"noremoval request", false},
        {"a removal request\nand more", false},
        {"first line\nremoval request", false},
        {"a removal request\u2028and more", false},
        {"this is the end", true},
        {"the end is near", false},
        {"a widget", false},  // weak
        {"bar_progress", true},
    };
    for (const auto& [text, expected] : ending_cases)
        BOOST_TEST_CONTEXT("paragraph: " << text) { BOOST_TEST(ending.is_boilerplate(text) == expected); }
    BOOST_TEST((ending.furniture({"bar_progress", "A Widget", "a widget here"}) ==
                std::vector<bool>{true, true, false}));
    const BoilerplateFilter none({});
    BOOST_TEST(!none.is_boilerplate("본문 바로가기"));
    BOOST_TEST((none.furniture({"본문 바로가기", "Close"}) == std::vector<bool>{false, false}));
    BOOST_TEST(none.furniture({}).empty());
    BOOST_CHECK_THROW(BoilerplateFilter({"(unclosed"}), aisearch::ResourceError);
    BOOST_CHECK_THROW(BoilerplateFilter({"~(unclosed"}), aisearch::ResourceError);
    BOOST_CHECK_THROW(BoilerplateFilter::load(std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "no_such.txt"),
                      aisearch::ResourceError);
}

// furniture(): strong matches (S) always; weak matches (w) only in a run
// of weak matches that touches strong furniture, before or after it.
// Expected mask: one letter per paragraph, F furniture, - kept.
BOOST_AUTO_TEST_CASE(furniture_table) {
    const BoilerplateFilter filter = shipped_filter();
    struct Case {
        std::string_view name;
        std::vector<std::string> paragraphs;
        std::string_view expected;
    };
    const Case cases[] = {
        {"nothing", {}, ""},
        {"a weak word alone is a title", {"Print"}, "-"},
        {"weak title then text", {"Print", "How to print a page from your browser."}, "--"},
        {"a run of weak words only", {"Share", "Print", "Close"}, "---"},
        {"weak after strong", {"bar_progress", "Close"}, "FF"},
        {"weak before strong", {"Text Size", "bar_progress", "A title"}, "FF-"},
        {"a weak run after strong", {"본문 바로가기", "bar_progress", "Text Size", "Close", "A title"}, "FFFF-"},
        {"a weak run before strong", {"A title", "Text size", "Print", "Share", "Back to top"}, "-FFFF"},
        {"weak at the end after strong",
         {"A title", "The story.", "Join us on social!", "Top"},
         "--FF"},
        {"weak between strong", {"bar_progress", "Close", "abc.jpg"}, "FFF"},
        // A real paragraph breaks the run.
        {"weak separated from strong", {"bar_progress", "A title", "Close", "The story."}, "F---"},
        {"weak in the body", {"A title", "Share", "The story."}, "---"},
        {"strong alone", {"A title", "abc.jpg", "The story."}, "-F-"},
        // Only whole paragraphs match.
        {"a sentence with a weak word", {"bar_progress", "Close the gap with DeepSeek"}, "F-"},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT(c.name) {
            const std::vector<bool> mask = filter.furniture(c.paragraphs);
            BOOST_TEST_REQUIRE(mask.size() == c.paragraphs.size());
            std::string rendered;
            for (const bool f : mask) rendered += f ? 'F' : '-';
            BOOST_TEST(rendered == c.expected);
        }
}

struct ParseCase {
    std::string_view name;
    std::string_view raw;
    std::string_view expected;
    std::size_t dropped;
};

const ParseCase kParse[] = {
    {"empty", "", "", 0},
    {"blank lines", "\n\n  \r\n\t\n", "", 0},
    {"only furniture", "본문 바로가기\nbar_progress\nText Size\n", "", 3},
    {"english page with furniture and a repeated title",
     "본문 바로가기\n"
     "bar_progress\n"
     "\n"
     "Text Size\n"
     "\n"
     "Close\n"
     "\n"
     "[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'\n"
     "\n"
     "Could Spark Debate Over Excessive Investment in the U.S.\n"
     "[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'\n"
     "President Donald Trump is putting his life on the line to win the 'hegemony war'.\n"
     "wB6xjYJ7o9tZu1KoKPJE6oCVGU7fwNisJUPdWwJk2uo.jpg\n"
     "To remove this article - Removal Request\n",
     "en: [Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'\n"
     "  Could Spark Debate Over Excessive Investment in the U.S.\n"
     "  President Donald Trump is putting his life on the line to win the 'hegemony war'.\n",
     7},
    {"furniture before the title is never the title",
     "4 months ago 401\n"
     "abc.jpg\n"
     "Calls grow for stronger AI infrastructure in Korea amid rise of DeepSeek\n"
     "4 months ago 401\n"
     "An official from the Ministry of Science and ICT holds a presentation on DeepSeek.\n"
     "An official from the Ministry of Science and ICT holds a presentation on DeepSeek.\n",
     "en: Calls grow for stronger AI infrastructure in Korea amid rise of DeepSeek\n"
     "  An official from the Ministry of Science and ICT holds a presentation on DeepSeek.\n",
     4},
    {"a weak word alone is kept as the title",
     "Print\n",
     "en: Print\n",
     0},
    {"help page titled Print",
     "Print\n"
     "To print an article, choose Print in your browser's File menu.\n"
     "Share\n",
     "en: Print\n"
     "  To print an article, choose Print in your browser's File menu.\n"
     "  Share\n",
     0},
    {"close right after bar_progress is dropped",
     "bar_progress\n"
     "Close\n"
     "Chip exports rise\n"
     "Exports of chips rose for the third month.\n",
     "en: Chip exports rise\n"
     "  Exports of chips rose for the third month.\n",
     2},
    {"top at the end after a social footer is dropped",
     "Chip exports rise\n"
     "Exports of chips rose for the third month.\n"
     "Join us on social!\n"
     "\n"
     "Top\n",
     "en: Chip exports rise\n"
     "  Exports of chips rose for the third month.\n",
     2},
    {"weak furniture before strong furniture is dropped",
     "Text Size\n"
     "본문 바로가기\n"
     "Print\n"
     "Chip exports rise\n"
     "Exports of chips rose for the third month.\n",
     "en: Chip exports rise\n"
     "  Exports of chips rose for the third month.\n",
     3},
    {"korean article",
     "본문 바로가기\n"
     "딥시크 충격, 한국 AI의 과제\n"
     "중국 AI 스타트업 딥시크가 세계를 놀라게 했다.\n"
     "AI용 GPU 칩을 만드는 엔비디아의 주가는 한때 17.7%나 하락했다.\n",
     "ko: 딥시크 충격, 한국 AI의 과제\n"
     "  중국 AI 스타트업 딥시크가 세계를 놀라게 했다.\n"
     "  AI용 GPU 칩을 만드는 엔비디아의 주가는 한때 17.7%나 하락했다.\n",
     1},
    {"one english paragraph stays in the korean part",
     "딥시크 충격, 한국 AI의 과제\n"
     "중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.\n"
     "DeepSeek’s mobile AI chatbot surpassed ChatGPT.\n"
     "지난해 9월 ‘국가인공지능위원회’가 출범했다.\n",
     "ko: 딥시크 충격, 한국 AI의 과제\n"
     "  중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.\n"
     "  DeepSeek’s mobile AI chatbot surpassed ChatGPT.\n"
     "  지난해 9월 ‘국가인공지능위원회’가 출범했다.\n",
     0},
    {"bilingual, korean first",
     "딥시크의 부상, 한국 AI의 과제\n"
     "중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.\n"
     "지난해 9월 ‘국가인공지능위원회’가 출범했다.\n"
     "2025.01.31\n"
     "DeepSeek's Rise Highlights Korea's AI Challenges\n"
     "DeepSeek, an emerging AI startup from China, has stirred considerable attention.\n"
     "Nvidia's shares fell as much as 17.7 percent.\n"
     "2025.01.31\n",
     "ko: 딥시크의 부상, 한국 AI의 과제\n"
     "  중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.\n"
     "  지난해 9월 ‘국가인공지능위원회’가 출범했다.\n"
     "  2025.01.31\n"
     "en: DeepSeek's Rise Highlights Korea's AI Challenges\n"
     "  DeepSeek, an emerging AI startup from China, has stirred considerable attention.\n"
     "  Nvidia's shares fell as much as 17.7 percent.\n",
     1},
    {"bilingual, english first",
     "DeepSeek's Rise Highlights Korea's AI Challenges\n"
     "DeepSeek, an emerging AI startup from China, has stirred considerable attention.\n"
     "Nvidia's shares fell as much as 17.7 percent.\n"
     "딥시크의 부상, 한국 AI의 과제\n"
     "중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.\n"
     "엔비디아의 주가는 한때 17.7%나 하락했다.\n",
     "en: DeepSeek's Rise Highlights Korea's AI Challenges\n"
     "  DeepSeek, an emerging AI startup from China, has stirred considerable attention.\n"
     "  Nvidia's shares fell as much as 17.7 percent.\n"
     "ko: 딥시크의 부상, 한국 AI의 과제\n"
     "  중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.\n"
     "  엔비디아의 주가는 한때 17.7%나 하락했다.\n",
     0},
    {"repeats ignore ASCII case; white space is collapsed",
     "  DeepSeek   upends AI:\tThe Korea Herald \r\n"
     "DeepSeek upends AI: the Korea Herald\n"
     "On Monday, Nvidia saw its shares tumble by 17 percent.\n"
     "ON MONDAY, NVIDIA SAW ITS SHARES TUMBLE BY 17 PERCENT.\n",
     "en: DeepSeek upends AI: The Korea Herald\n"
     "  On Monday, Nvidia saw its shares tumble by 17 percent.\n",
     2},
};

BOOST_AUTO_TEST_CASE(parse_text_table) {
    for (const auto& c : kParse)
        BOOST_TEST_CONTEXT(c.name) {
            const ParsedDocument d = parser().parse_text(c.raw);
            BOOST_TEST(render(d) == c.expected);
            BOOST_TEST(d.dropped_paragraphs == c.dropped);
            BOOST_TEST(d.invalid_sequences == 0u);
        }
}

BOOST_AUTO_TEST_CASE(parse_text_invalid_utf8) {
    const ParsedDocument d = parser().parse_text(
        "\xEF\xBB\xBF딥시크의 부상\xff\xfe\n중국 AI 스타트업 딥시크\xEB\x94\n\xff\n");
    BOOST_TEST(d.invalid_sequences == 4u);
    BOOST_TEST(render(d) == "ko: 딥시크의 부상" + kFFFD + kFFFD + "\n  중국 AI 스타트업 딥시크" + kFFFD + "\n  " +
                                kFFFD + "\n");
}

BOOST_AUTO_TEST_CASE(long_first_paragraph) {
    // A first paragraph over 200 code points is cut at a word boundary for
    // the title and stays in the body.
    std::string en, ko;
    for (int i = 0; i < 30; ++i) en += "DeepSeek ";
    for (int i = 0; i < 60; ++i) ko += "딥시크 ";
    std::string en_title, ko_title;
    for (int i = 0; i < 22; ++i) en_title.append(i ? " " : "").append("DeepSeek");
    for (int i = 0; i < 50; ++i) ko_title.append(i ? " " : "").append("딥시크");

    ParsedDocument d = parser().parse_text(en + "\nNvidia's shares fell.\n");
    BOOST_TEST_REQUIRE(d.parts.size() == 1u);
    BOOST_TEST(d.parts[0].title == en_title + "…");
    BOOST_TEST(aisearch::count_code_points(d.parts[0].title) <= 201u);
    BOOST_TEST_REQUIRE(d.parts[0].paragraphs.size() == 2u);
    BOOST_TEST(d.parts[0].paragraphs[0] == en.substr(0, en.size() - 1));

    d = parser().parse_text(ko + "\n엔비디아의 주가는 하락했다.\n");
    BOOST_TEST_REQUIRE(d.parts.size() == 1u);
    BOOST_TEST(d.parts[0].lang == "ko");
    BOOST_TEST(d.parts[0].title == ko_title + "…");
    BOOST_TEST(d.parts[0].paragraphs.size() == 2u);

    // Exactly 200 code points is still a whole title.
    const std::string exact(200, 'a');
    d = parser().parse_text(exact + "\nbody text\n");
    BOOST_TEST_REQUIRE(d.parts.size() == 1u);
    BOOST_TEST(d.parts[0].title == exact);
    BOOST_TEST(d.parts[0].paragraphs.size() == 1u);
}

BOOST_AUTO_TEST_CASE(parse_paragraphs) {
    const ParsedDocument d = parser().parse_paragraphs(
        {"본문 바로가기", "딥시크 충격", "딥시크 충격", "엔비디아의 주가는 한때 17.7%나 하락했다."});
    BOOST_TEST(render(d) == "ko: 딥시크 충격\n  엔비디아의 주가는 한때 17.7%나 하락했다.\n");
    BOOST_TEST(d.dropped_paragraphs == 2u);
    BOOST_TEST(parser().parse_paragraphs({}).parts.empty());
}

BOOST_AUTO_TEST_SUITE_END()
