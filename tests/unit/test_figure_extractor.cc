// extract_figures: numbers, percentages, money, dates and years of Korean or
// English text as language-independent keys. Figures are rendered as their
// keys in order, * marking a specific one (optionally @begin-end).
#include <boost/test/unit_test.hpp>

#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/figure_extractor.h"

using aisearch::extract_figures;
using aisearch::Figure;
using aisearch::FigureKind;

namespace {

std::string render(const std::vector<Figure>& figures, bool spans = false) {
    std::string out;
    for (const auto& f : figures) {
        if (!out.empty()) out += ' ';
        out += f.key;
        if (f.specific) out += '*';
        if (spans) out += '@' + std::to_string(f.begin) + '-' + std::to_string(f.end);
    }
    return out;
}

std::string render(std::string_view text, bool spans = false) {
    return render(extract_figures(text), spans);
}

struct Case {
    std::string_view text;
    std::string_view expected;
};

void check(const Case* begin, const Case* end) {
    for (const Case* c = begin; c != end; ++c)
        BOOST_TEST_CONTEXT("text: " << c->text) {
            BOOST_TEST(render(c->text) == c->expected);
        }
}

const Case kNumbers[] = {
    {"40", "n:40"},
    {"만 40세의", "n:40"},
    {"At just 40 years old", "n:40"},
    {"2,048 Nvidia H800 GPUs", "n:2048*"},
    {"GPU 2,048개", "n:2048*"},
    {"1만2000", "n:12000*"},
    {"1만 2000명", "n:12000*"},
    {"3.5", "n:3.5*"},
    {"0.5", "n:0.5*"},
    {"12,345,678.9", "n:12345678.9*"},
    // Counters and particles do not change a number.
    {"3개 2명 100대 다운로드 1위를", "n:3 n:2 n:100 n:1"},
    {"180 days", "n:180"},
    // Scaled numbers without a currency stay numbers.
    {"80억", "n:8000000000*"},
    {"8 billion", "n:8000000000*"},
    {"10만여 명", "n:100000*"},
    {"2천 명", "n:2000*"},
    // A four-digit count glued to a counter is not a year.
    {"2000명", "n:2000*"},
    // Fractions: just their numbers.
    {"10분의 1 수준", "n:10 n:1"},
    // 제3조 is an article of a law, not 3 trillion.
    {"제3조", "n:3"},
    // Thousands separators must group by three; 1,2345 and 3,5 are not read.
    {"1,2345 3,5", ""},
};

const Case kPercents[] = {
    {"17.7%", "p:17.7*"},
    {"17.7 %", "p:17.7*"},
    {"17.7％", "p:17.7*"},
    {"17.7 percent", "p:17.7*"},
    {"17.7 per cent", "p:17.7*"},
    {"17.7퍼센트", "p:17.7*"},
    {"17.7%나 하락했다", "p:17.7*"},
    {"17.7 pct", "p:17.7*"},
    // Percentage points are percentages.
    {"3%포인트", "p:3*"},
    {"3%p 하락", "p:3*"},
    {"3 percentage points", "p:3*"},
    {"3-percentage-point", "p:3*"},
    {"0.50%", "p:0.5*"},
};

const Case kMoney[] = {
    {"80억 달러", "m:usd:8000000000*"},
    {"80억달러", "m:usd:8000000000*"},
    {"11조5000억 원", "m:krw:11500000000000*"},
    {"1조 5000억원", "m:krw:1500000000000*"},
    {"5억 위안", "m:cny:500000000*"},
    {"1,000만 원", "m:krw:10000000*"},
    {"3천억 원", "m:krw:300000000000*"},
    {"1억5천만원", "m:krw:150000000*"},
    {"5만3000원", "m:krw:53000*"},
    {"100만 유로 10엔 5파운드", "m:eur:1000000* m:jpy:10* m:gbp:5*"},
    {"$8 billion", "m:usd:8000000000*"},
    {"US$8 billion", "m:usd:8000000000*"},
    {"8 billion dollars", "m:usd:8000000000*"},
    {"8 billion US dollars", "m:usd:8000000000*"},
    {"$5.6 million", "m:usd:5600000*"},
    {"5.6 million USD", "m:usd:5600000*"},
    {"USD 5.6 million", "m:usd:5600000*"},
    {"$8B $8M $8bn $1.5tn", "m:usd:8000000000* m:usd:8000000* m:usd:8000000000* m:usd:1500000000000*"},
    {"8 trillion won", "m:krw:8000000000000*"},
    {"1,000 won", "m:krw:1000*"},
    {"₩1,000 ￦1,000 KRW 1,000", "m:krw:1000* m:krw:1000* m:krw:1000*"},
    {"€3 billion", "m:eur:3000000000*"},
    {"£5m", "m:gbp:5000000*"},
    {"5 million pounds", "m:gbp:5000000*"},
    {"¥1 billion yuan", "m:cny:1000000000*"},
    {"¥100", "m:jpy:100*"},
    {"$2 per hour", "m:usd:2*"},
    {"$3.50", "m:usd:3.5*"},
    // Other dollars are not US dollars: the number remains.
    {"HK$5 billion", "n:5000000000*"},
    // Words that look like currencies.
    {"3원칙", "n:3"},
    {"3 파운드리", "n:3"},
    {"세계 10위안에 들었다", "n:10"},
    {"1000원에 팔렸다", "m:krw:1000*"},
    {"the team won 3 games", "n:3"},
    {"200 pounds", "n:200"},
    {"19 euro zone members", "n:19"},
};

const Case kDates[] = {
    {"2023년 5월", "d:2023-05*"},
    {"2025년 1월 31일", "d:2025-01-31*"},
    {"2024년 12월 3일 비상계엄", "d:2024-12-03*"},
    {"1월 22일", "d:--01-22*"},
    // A month alone is too weak.
    {"5월", ""},
    {"지난해 4월", ""},
    {"May 2023", "d:2023-05*"},
    {"MARCH 2025", "d:2025-03*"},
    {"31 Jan. 2025", "d:2025-01-31*"},
    {"January 31, 2025", "d:2025-01-31*"},
    {"Jan 31, 2025", "d:2025-01-31*"},
    {"2025-01-31", "d:2025-01-31*"},
    {"2025/01/31", "d:2025-01-31*"},
    {"2025.01.31", "d:2025-01-31*"},
    {"2025. 1. 31.", "d:2025-01-31*"},
    {"Jan. 22", "d:--01-22*"},
    {"January 22", "d:--01-22*"},
    {"22 January", "d:--01-22*"},
    {"January 22nd", "d:--01-22*"},
    {"the 22nd of January", "d:--01-22*"},
    {"Sept. 5", "d:--09-05*"},
    {"sep 5 and dec. 25", "d:--09-05* d:--12-25*"},
    {"In September", ""},
    {"Feb. 30", "n:30"},
    // "may" and "march" are verbs unless capitalised.
    {"prices may 20 times", "n:20"},
    {"march 10 miles", "n:10"},
};

const Case kYears[] = {
    {"2015년", "y:2015"},
    {"in 2015", "y:2015"},
    {"In 2015,", "y:2015"},
    {"2029년이면", "y:2029"},
    {"2048 GPUs", "y:2048"},
    {"2023-24 season", "y:2023 n:24"},
    // Outside 1900-2100, a number.
    {"1800년", "n:1800*"},
    // Decades are not years.
    {"1990년대 1990s", ""},
};

const Case kNotFigures[] = {
    // Digits glued to Latin letters are names.
    {"H800", ""},
    {"DeepSeek-R1 딥시크-R1", ""},
    {"GPT-4 COVID-19", ""},
    {"A100 5G 3nm 100km x86", ""},
    {"V3 model on 2,048 Nvidia H800 GPUs", "n:2048*"},
    // But a hyphen after a lower-case word is not part of a name.
    {"mid-2023", "y:2023"},
    // Times and scores.
    {"10:09", ""},
    {"10:09:30 3:1", ""},
    // Telephone numbers, versions, codes.
    {"02-1234-5678", ""},
    {"1.2.3 v1.2 007", ""},
};

const Case kRanges[] = {
    {"6~7위", "n:6 n:7"},
    {"6-7", "n:6 n:7"},
    // The first half shares the unit of the second.
    {"20~30%", "p:20* p:30*"},
    {"20-30 percent", "p:20* p:30*"},
    {"3~4억 원", "m:krw:300000000* m:krw:400000000*"},
    {"50억~60억 달러", "m:usd:5000000000* m:usd:6000000000*"},
    {"$5-6 billion", "m:usd:5000000000* m:usd:6000000000*"},
    {"5-6 million people", "n:5000000* n:6000000*"},
    {"2024-2025", "y:2024 y:2025"},
};

struct Pair {
    std::string_view korean;
    std::string_view english;
    std::string_view expected;
};

// A Korean figure and its English rendering share a key.
const Pair kPairs[] = {
    {"80억 달러", "$8 billion", "m:usd:8000000000*"},
    {"80억 달러", "8 billion dollars", "m:usd:8000000000*"},
    {"11조5000억 원", "11.5 trillion won", "m:krw:11500000000000*"},
    {"5600만 달러", "$56 million", "m:usd:56000000*"},
    {"2023년 5월", "May 2023", "d:2023-05*"},
    {"2025년 1월 31일", "Jan. 31, 2025", "d:2025-01-31*"},
    {"1월 22일", "Jan. 22", "d:--01-22*"},
    {"17.7%나", "17.7 percent", "p:17.7*"},
    {"3%포인트", "3 percentage points", "p:3*"},
    {"만 40세", "40 years old", "n:40"},
    {"2,048개", "2,048 GPUs", "n:2048*"},
    {"2015년", "in 2015", "y:2015"},
    {"10만 명", "100,000 people", "n:100000*"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(figure_extractor)

BOOST_AUTO_TEST_CASE(numbers) { check(std::begin(kNumbers), std::end(kNumbers)); }

BOOST_AUTO_TEST_CASE(percentages) { check(std::begin(kPercents), std::end(kPercents)); }

BOOST_AUTO_TEST_CASE(money) { check(std::begin(kMoney), std::end(kMoney)); }

BOOST_AUTO_TEST_CASE(dates) { check(std::begin(kDates), std::end(kDates)); }

BOOST_AUTO_TEST_CASE(years) { check(std::begin(kYears), std::end(kYears)); }

BOOST_AUTO_TEST_CASE(names_times_and_codes) { check(std::begin(kNotFigures), std::end(kNotFigures)); }

BOOST_AUTO_TEST_CASE(ranges) { check(std::begin(kRanges), std::end(kRanges)); }

BOOST_AUTO_TEST_CASE(translation_pairs) {
    for (const auto& p : kPairs)
        BOOST_TEST_CONTEXT("pair: " << p.korean << " / " << p.english) {
            BOOST_TEST(render(p.korean) == p.expected);
            BOOST_TEST(render(p.english) == p.expected);
        }
}

BOOST_AUTO_TEST_CASE(kinds) {
    const auto figures = extract_figures("40 17.7% $8 billion May 2023 2015");
    BOOST_TEST_REQUIRE(figures.size() == 5U);
    BOOST_TEST((figures[0].kind == FigureKind::Number));
    BOOST_TEST((figures[1].kind == FigureKind::Percent));
    BOOST_TEST((figures[2].kind == FigureKind::Money));
    BOOST_TEST((figures[3].kind == FigureKind::Date));
    BOOST_TEST((figures[4].kind == FigureKind::Year));
}

BOOST_AUTO_TEST_CASE(editorial) {
    // corpus/001: the Korean editorial and its English translation. The
    // translation drops or rewords some figures (만 2년, 6~7위 -> "sixth and
    // seventh"), and the Korean one gives the won amount as well.
    const std::string_view korean =
        "2023년 5월 중국 항저우에서 설립돼 만 2년이 채 되지 않은 스타트업인 딥시크는 지난 20일 "
        "저비용 고성능의 오픈소스 AI 모델인 ‘딥시크-R1’을 출시했다. "
        "딥시크의 창업자인 량원펑(梁文鋒)은 올해 만 40세의 순수 ‘국내파’라는 점도 주목할 만하다. "
        "광둥성 출신으로 저장대에서 컴퓨터공학을 전공한 그는 2015년 대학 동기 두 명과 헤지펀드를 "
        "설립, 컴퓨터 트레이딩에 딥러닝 AI 기법을 적용해 자산 규모를 80억 달러(약 11조5000억원)까지 "
        "성장시켰다. AI용 GPU 칩을 만드는 엔비디아의 주가는 한때 17.7%나 하락했다. "
        "앞으로 4년 뒤인 2029년이면 AI가 모든 면에서 인간을 추월한다는 특이점에 도달한다고 한다. "
        "한국도 6~7위 수준이라고 하지만, 선두 국가들과는 현격한 차를 보인다.";
    const std::string_view english =
        "Published: 31 Jan. 2025, 10:09\n"
        "Founded in May 2023 in Hangzhou, this company made headlines on Jan. 22 when it launched "
        "DeepSeek-R1, an open-source AI model that boasts both high performance and low cost. "
        "At just 40 years old, Liang is a homegrown talent with no foreign education or experience. "
        "In 2015, along with two university classmates, he founded a hedge fund that leveraged "
        "deep-learning AI techniques for algorithmic trading, eventually amassing assets worth "
        "$8 billion. At one point, shares of Nvidia — the dominant supplier of AI-focused GPUs — "
        "plunged by as much as 17.7 percent. Experts predict that by 2029, AI will surpass human "
        "intelligence in virtually all aspects.";
    BOOST_TEST(render(korean) ==
               "d:2023-05* n:2 n:20 n:40 y:2015 m:usd:8000000000* m:krw:11500000000000* p:17.7* "
               "n:4 y:2029 n:6 n:7");
    BOOST_TEST(render(english) ==
               "d:2025-01-31* d:2023-05* d:--01-22* n:40 y:2015 m:usd:8000000000* p:17.7* y:2029");
    std::set<std::string> specific_ko;
    for (const auto& f : extract_figures(korean))
        if (f.specific) specific_ko.insert(f.key);
    std::string shared;
    for (const auto& f : extract_figures(english))
        if (f.specific && specific_ko.count(f.key)) shared += (shared.empty() ? "" : " ") + f.key;
    BOOST_TEST(shared == "d:2023-05 m:usd:8000000000 p:17.7");
}

BOOST_AUTO_TEST_CASE(byte_spans) {
    const Case cases[] = {
        {"80억 달러(약 11조5000억원)", "m:usd:8000000000*@0-12 m:krw:11500000000000*@17-32"},
        {"assets worth $8 billion.", "m:usd:8000000000*@13-23"},
        {"US$8B", "m:usd:8000000000*@0-5"},
        {"Jan. 22, 17.7 percent", "d:--01-22*@0-7 p:17.7*@9-21"},
        {"2023년 5월 중국", "d:2023-05*@0-12"},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("text: " << c.text) {
            BOOST_TEST(render(c.text, true) == c.expected);
        }
}

BOOST_AUTO_TEST_CASE(empty_and_invalid_utf8) {
    BOOST_TEST(extract_figures("").empty());
    BOOST_TEST(extract_figures("딥시크의 충격, DeepSeek").empty());
    // Invalid bytes are skipped; spans stay offsets in the bytes given.
    BOOST_TEST(render("\xff\xfe 17.7%", true) == "p:17.7*@3-8");
    BOOST_TEST(render("\xEB\x94" "80억 달러") == "m:usd:8000000000*");
    BOOST_TEST(render("80억\xEB\x94 달러") == "n:8000000000*");
    BOOST_TEST(render("17.7\xEB") == "n:17.7*");
    BOOST_TEST(render("\xE2\x82 3 billion") == "n:3000000000*");
    BOOST_TEST(render(std::string_view("1\0" "2", 3)) == "n:1 n:2");
}

BOOST_AUTO_TEST_SUITE_END()
