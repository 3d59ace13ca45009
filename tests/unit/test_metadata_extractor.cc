// normalize_date and extract_metadata on the date, source and byline
// paragraphs of real scraped articles (the corpus/ files), Korean pages,
// and sentences that only look like metadata.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/metadata_extractor.h"

namespace {

struct DateCase {
    std::string_view text;
    std::string_view expected;
};

const DateCase kDates[] = {
    // English, as pages write them.
    {"31 Jan. 2025, 10:09", "2025-01-31"},
    {"31 Jan 2025", "2025-01-31"},
    {"1 February 2024", "2024-02-01"},
    {"January 31, 2025", "2025-01-31"},
    {"Jan 31, 2025", "2025-01-31"},
    {"Jan. 31, 2025", "2025-01-31"},
    {"Sept. 3, 2024", "2024-09-03"},
    {"JANUARY 31 2025", "2025-01-31"},
    {"May 2nd, 2024", "2024-05-02"},
    {"Friday, January 31, 2025", "2025-01-31"},
    {"Fri, 31 Jan 2025 10:09:00 GMT", "2025-01-31"},
    {"January 31, 2025 at 10:09 a.m.", "2025-01-31"},
    {"Jan 31, 2025, 10:09 AM KST", "2025-01-31"},
    {"  January 31, 2025  ", "2025-01-31"},
    // Numeric and ISO.
    {"2025-01-31", "2025-01-31"},
    {"2025-1-3", "2025-01-03"},
    {"2025-01-31T10:09:00+09:00", "2025-01-31"},
    {"2025-01-31T01:09:00.000Z", "2025-01-31"},
    {"2025-01-31 10:09:00", "2025-01-31"},
    {"2025.01.31", "2025-01-31"},
    {"2025/01/31", "2025-01-31"},
    {"2025. 1. 31.", "2025-01-31"},
    {"2025.01.31. 오전 10:09", "2025-01-31"},
    {"2025.01.31 (금) 10:09", "2025-01-31"},
    // Korean.
    {"2025년 1월 31일", "2025-01-31"},
    {"2025년 01월 31일 10:09", "2025-01-31"},
    {"2025년 1월 31일 금요일", "2025-01-31"},
    {"2025년 1월 31일 오후 3시 20분", "2025-01-31"},
    // Leap years.
    {"2024-02-29", "2024-02-29"},
    {"2000-02-29", "2000-02-29"},
    {"2025-02-29", ""},
    {"1900-02-29", ""},
    // Dates that cannot exist.
    {"2025-13-01", ""},
    {"2025-00-10", ""},
    {"2025-02-30", ""},
    {"2025-04-31", ""},
    {"2025-01-00", ""},
    {"February 30, 2025", ""},
    {"32 Jan 2025", ""},
    {"2025년 13월 1일", ""},
    // Not a date, or not only a date.
    {"", ""},
    {"   ", ""},
    {"2025", ""},
    {"January 2025", ""},
    {"2025-01", ""},
    {"2025-01/31", ""},
    {"2025-01-311", ""},
    {"20250131", ""},
    {"Mayor 31, 2025", ""},
    {"on January 31, 2025", ""},
    {"January 31, 2025 was a Friday", ""},
    {"Published: 31 Jan. 2025, 10:09", ""},
    {"딥시크 2025.01.31", ""},
    {"17.7%", ""},
    {"2,048 GPUs", ""},
    {"2025-01-31\xFF", ""},
    {"\xEB\x94", ""},
};

std::string render(const aisearch::ArticleMetadata& m) {
    return "date=" + m.date + " source=" + m.source + " author=" + m.author;
}

struct ArticleCase {
    std::string_view name;
    std::vector<std::string> paragraphs;
    std::string expected;
};

// Paragraphs copied from the corpus files (long ones shortened).
const ArticleCase kArticles[] = {
    {"corpus/001: Published line",
     {"DeepSeek's rise exposes Korea's AI shortcomings (KOR)",
      "Published: 31 Jan. 2025, 10:09",
      "China’s rising AI startup, DeepSeek, has sent shock waves across the globe. Founded in May 2023 in "
      "Hangzhou, this company made headlines on Jan. 22 when it launched DeepSeek-R1.",
      "Translated using generative AI and edited by Korea JoongAng Daily staff.",
      "기술 규제 속에서도 급성장한 중국 AI, 딥시크의 충격",
      "중국의 신생 인공지능(AI) 스타트업 딥시크가 전 세계를 충격에 빠뜨리고 있다. 2023년 5월 중국 항저우에서 설립돼",
      "with the Korea JoongAng Daily",
      "To write comments, please log in to one of the accounts.",
      "Standards Board Policy (0/250자)"},
     "date=2025-01-31 source= author="},
    {"corpus/002: a paragraph that is only a date; the caption's date is not taken",
     {"DeepSeek upends AI: The Korea Herald",
      "There is a big lesson here for South Korea’s policymakers and tech companies.",
      "wB6xjYJ7o9tZu1KoKPJE6oCVGU7fwNisJUPdWwJk2uo.jpg",
      "This photograph shows the logo of the Chinese app DeepSeek (left) and US app ChatGPT displayed on a "
      "mobile phone, in Paris, on January 28, 2025. PHOTO: AFP",
      "January 31, 2025",
      "SEOUL – What some are calling “AI’s Sputnik moment” slammed the US tech sector this week.",
      "But the idea of distillation itself can be debatable since most AI companies have relied heavily on the "
      "open source software code. OpenAI itself has been sued for allegedly using copyrighted online data.",
      "scroll to top"},
     "date=2025-01-31 source= author="},
    {"corpus/003: copyright line",
     {"본문 바로가기", "bar_progress", "Text Size", "Close",
      "[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'",
      "Could Spark Debate Over Excessive Investment in the U.S.",
      "President Trump announced a plan the day after his inauguration to invest $500 billion (about 718 "
      "trillion KRW) in AI infrastructure.",
      "Jo Won-kyung, Professor at UNIST and Director of the Global Industry-Academia Cooperation Center",
      "© The Asia Business Daily(www.asiae.co.kr). All rights reserved.",
      "Special Coverage", "Join us on social!", "Top"},
     "date= source=The Asia Business Daily author="},
    {"corpus/004: byline and Source line",
     {"Calls grow for stronger AI infrastructure in Korea amid rise of DeepSeek",
      "4 months ago 401",
      "An official from the Ministry of Science and ICT holds a presentation on Chinese artificial intelligence "
      "(AI) service DeepSeek during a meeting with domestic developers in Seoul, Thursday. Yonhap",
      "Chinese chatbot's breakthrough sparks sense of urgency among domestic developers",
      "By Nam Hyun-woo",
      "Calls are growing to improve Korea’s infrastructure for artificial intelligence (AI).",
      "To level the AI playing field, the government on Tuesday announced its plan to purchase 30,000 advanced "
      "Nvidia GPUs by 2026.",
      "Source: koreatimes.co.kr",
      "Read Entire Article Source",
      "To remove this article - Removal Request"},
     "date= source=koreatimes.co.kr author=Nam Hyun-woo"},
    {"korean article: 입력 line, reporter, ⓒ line",
     {"딥시크 충격, 한국 AI의 과제",
      "입력 2025.01.31 10:09 수정 2025.02.01 08:00",
      "중국 AI 스타트업 딥시크가 세계를 놀라게 했다. 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다.",
      "홍길동 기자 hong@example.com",
      "ⓒ 중앙일보(https://www.joongang.co.kr), 무단 전재 및 재배포 금지"},
     "date=2025-01-31 source=중앙일보 author=홍길동"},
    {"korean: 기사입력, reporter alone, Copyright line",
     {"[홍길동 기자]", "기사입력 2025-01-31 오후 3:20", "엔비디아의 주가는 한때 17.7%나 하락했다.",
      "Copyright © 2025 Yonhap News Agency. All rights reserved."},
     "date=2025-01-31 source=Yonhap News Agency author=홍길동"},
    {"wire dateline and 저작권자 notice",
     {"딥시크 쇼크", "(서울=연합뉴스) 김철수 기자 = 중국 AI 스타트업 딥시크가 세계를 놀라게 했다.",
      "2025년 1월 31일 10시 9분", "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>"},
     "date=2025-01-31 source=연합뉴스 author=김철수"},
    {"the first date found wins; labels after a separator count",
     {"Title", "By Kim Jae-won and Lee Min-ho | Updated: Feb. 3, 2025", "2025-01-31"},
     "date=2025-02-03 source= author=Kim Jae-won and Lee Min-ho"},
    {"byline with trailing role and email",
     {"Title", "By Yoon Min-sik (minsik@heraldcorp.com)", "Copyright 2025 The Korea Herald."},
     "date= source=The Korea Herald author=Yoon Min-sik"},
    // extract_metadata checks for digits, marks and words before trying
    // its patterns: forms those checks must let through.
    {"a full-width year, \"bY\", a circled C",
     {"Title", "입력 ２０２５.01.31", "bY Kim Jae-won", "Ⓒ 연합뉴스"},
     "date=2025-01-31 source=연합뉴스 author=Kim Jae-won"},
    {"an upper-case notice, a tab after By",
     {"Title", "COPYRIGHT 2025 THE KOREA HERALD.", "By\tNam Hyun-woo", "2025년 1월 31일"},
     "date=2025-01-31 source=THE KOREA HERALD author=Nam Hyun-woo"},
    {"a source label with a space before its colon", {"Title", "출처 : 연합뉴스"}, "date= source=연합뉴스 author="},
    {"sentences that only look like metadata",
     {"By the end of January 31, 2025, the ministry will decide.",
      "By 2026, Korea plans to buy 30,000 GPUs.",
      "By Tuesday, the government announced its plan.",
      "Published reports on January 31, 2025 said DeepSeek cost little.",
      "Updated: 4 hours ago",
      "Copyright law was cited in the OpenAI lawsuit.",
      "The source: a leaked memo about Nvidia chips that was quoted in full by several outlets and repeated "
      "across social media for days.",
      "기자들은 2025년 1월 31일 회의에 참석했다.",
      "입력하신 검색어가 없습니다 2025.01.31",
      "edited by Korea JoongAng Daily staff"},
     "date= source= author="},
    {"empty and invalid paragraphs", {"", "   ", "\xFF\xFE", "\xEB\x94"}, "date= source= author="},
    {"no paragraphs", {}, "date= source= author="},
};

// `n` filler paragraphs with `line` at index `at`.
std::vector<std::string> article_with(std::string line, std::size_t at, std::size_t n) {
    std::vector<std::string> ps(n, "DeepSeek’s rise is poised to significantly reshape global AI competition.");
    ps[at] = std::move(line);
    return ps;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(metadata_extractor)

BOOST_AUTO_TEST_CASE(normalize_date_table) {
    for (const auto& c : kDates)
        BOOST_TEST_CONTEXT("text: " << c.text) { BOOST_TEST(aisearch::normalize_date(c.text) == c.expected); }
}

BOOST_AUTO_TEST_CASE(extract_metadata_table) {
    for (const auto& c : kArticles)
        BOOST_TEST_CONTEXT(c.name) { BOOST_TEST(render(aisearch::extract_metadata(c.paragraphs)) == c.expected); }
}

BOOST_AUTO_TEST_CASE(only_the_first_and_last_15_paragraphs) {
    const std::pair<std::size_t, std::string_view> cases[] = {
        {0, "2025-01-31"}, {14, "2025-01-31"}, {15, ""}, {24, ""}, {25, "2025-01-31"}, {39, "2025-01-31"}};
    for (const auto& [at, expected] : cases)
        BOOST_TEST_CONTEXT("date at paragraph " << at << " of 40") {
            BOOST_TEST(aisearch::extract_metadata(article_with("January 31, 2025", at, 40)).date == expected);
            BOOST_TEST(aisearch::extract_metadata(article_with("By Nam Hyun-woo", at, 40)).author ==
                       (expected.empty() ? "" : "Nam Hyun-woo"));
        }
    // A short article is looked at whole.
    BOOST_TEST(aisearch::extract_metadata(article_with("Source: koreatimes.co.kr", 20, 29)).source ==
               "koreatimes.co.kr");
}

BOOST_AUTO_TEST_SUITE_END()
