// SnippetMaker: windows and highlights on real article text. Highlights
// render as [ ] through mark_highlights, so a table row reads as the
// snippet a user sees.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <string_view>

#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/utf8.h"
#include "searcher/query_parser.h"
#include "searcher/results_format.h"
#include "searcher/snippet_maker.h"

using namespace aisearch;

namespace {

struct Fixture {
    Analyzer analyzer = Analyzer::from_data_dir(AISEARCH_TEST_DATA_DIR);
    BilingualLexicon lexicon =
        BilingualLexicon::load(std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "lexicon.tsv", analyzer);
    QueryParser parser{analyzer, lexicon};
    SnippetMaker snippets{analyzer};

    std::string snippet(std::string_view text, const std::string& query, std::size_t length) {
        const Snippet s = snippets.make(text, parser.parse(query).highlight, length);
        Hit hit;
        hit.snippet = s.text;
        hit.highlights = s.highlights;
        return mark_highlights(hit, "[", "]");
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

const std::string kCommittee =
    "지난해 9월 ‘국가인공지능위원회’가 출범하고, 최근에는 세계 둘째로 AI기본법이 국회를 통과했다.";

// corpus/002: 440 code points.
const std::string kNvidia =
    "On Monday, Nvidia, which rocketed to the lead in the global AI industry with its AI chips, saw its "
    "shares tumble by 17 percent, wiping $600 billion in its market value. This stock market rout that "
    "also hit other US tech firms came as investors suddenly realized that large language models, or "
    "LLMs, developed by a Chinese startup called DeepSeek can be as good as those of US tech giants like "
    "Google and OpenAI — for a fraction of the cost.";

const std::string kTwoMentions =
    "DeepSeek, an emerging AI startup from China, has stirred considerable attention in the global "
    "technology landscape. Established in May 2023 in Hangzhou, the company captured headlines on "
    "January 22. On Monday, Nvidia saw its shares tumble by 17 percent as investors realized DeepSeek "
    "can be as good as US tech giants.";

// corpus/001, Korean part: 200 code points.
const std::string kKorean =
    "중국 AI 스타트업 딥시크가 지난 20일 추론 모델 ‘딥시크-R1’을 출시했다. 이 모델은 일부 성능 테스트에서 "
    "미국 오픈AI의 챗GPT를 넘어선다는 평가까지 받고 있으며, 모바일 AI 챗봇 애플리케이션은 미국 앱스토어에서 "
    "챗GPT를 제치고 다운로드 1위를 차지해 세계를 놀라게 했다. AI용 GPU 칩을 만드는 엔비디아의 주가는 한때 "
    "17.7%나 하락했다.";

struct Case {
    std::string_view name;
    std::string_view text;
    std::string query;
    std::size_t length;
    std::string_view expected;
};

const Case kCases[] = {
    // Short text: all of it, highlights only.
    {"stem inside a word with a particle", "딥시크의 충격", "딥시크", 200, "[딥시크]의 충격"},
    {"exact form, then stem", "딥시크가 출시한 딥시크의 모델", "딥시크의", 200, "[딥시크]가 출시한 [딥시크의] 모델"},
    {"compound part and translation", kCommittee, "인공지능", 200,
     "지난해 9월 ‘국가[인공지능]위원회’가 출범하고, 최근에는 세계 둘째로 [AI]기본법이 국회를 통과했다."},
    {"korean stem", kCommittee, "국회", 200,
     "지난해 9월 ‘국가인공지능위원회’가 출범하고, 최근에는 세계 둘째로 AI기본법이 [국회]를 통과했다."},
    {"english query, korean text", "AI용 GPU 칩을 만드는 엔비디아의 주가는", "Nvidia", 200,
     "AI용 GPU 칩을 만드는 [엔비디아]의 주가는"},
    {"english stems", "Nvidia saw its shares tumble; share prices fell.", "share", 200,
     "Nvidia saw its [shares] tumble; [share] prices fell."},
    {"apostrophe", "DeepSeek’s founder, Liang Wenfeng", "deepseek", 200, "[DeepSeek’s] founder, Liang Wenfeng"},
    {"numbers by normalised form", "pretrained its V3 model on only 2,048 Nvidia H800 GPUs", "2048 h800", 200,
     "pretrained its V3 model on only [2,048] Nvidia [H800] GPUs"},
    {"percent sign", "엔비디아의 주가는 한때 17.7%나 하락했다.", "17.7%", 200, "엔비디아의 주가는 한때 [17.7][%]나 하락했다."},
    {"percent word", "as much as 17.7 percent.", "17.7%", 200, "as much as [17.7] [percent]."},
    {"wildcard", "DeepSeek’s founder used deep learning.", "deep*", 200, "[DeepSeek’s] founder used [deep] learning."},
    {"excluded words are not highlighted", "DeepSeek’s founder used deep learning.", "founder -deep", 200,
     "DeepSeek’s [founder] used deep learning."},
    {"phrase words", "DeepSeek’s founder used deep learning.", "\"deep learning\"", 200,
     "DeepSeek’s founder used [deep] [learning]."},
    {"no match, short", "딥시크의 충격", "tumble", 200, "딥시크의 충격"},
    // Only runs of text that may hold a query word are analysed; these
    // must still be found.
    {"match in a later paragraph", "No match here.\nShares of Nvidia fell.\n엔비디아의 주가", "nvidia", 200,
     "No match here. Shares of [Nvidia] fell. [엔비디아]의 주가"},
    {"stem unlike its word", "Two studies.\nShe studied it.", "study", 200, "Two [studies]. She [studied] it."},
    {"short stem unlike its word", "Birds fly south.\nA bird flies.", "flies", 200, "Birds [fly] south. A bird [flies]."},
    {"short word, not inside others", "Data and a chart.\nA table or a form.", "a or", 200,
     "Data and [a] chart. [A] table [or] [a] form."},
    {"short word in any case", "OR gates.\nOr not, or ORE.", "or", 200, "[OR] gates. [Or] not, [or] ORE."},
    {"short word ending the text", "Take\na", "a", 200, "Take [a]"},
    {"word after punctuation", "Charts (sheets),\n\"sheet\" and x-sheet.", "sheet", 200,
     "Charts ([sheets]), \"[sheet]\" and x-[sheet]."},
    {"stem with a changed letter inside a longer word", "Some ability.\nNo abilities.", "ability", 200,
     "Some [ability]. No [abilities]."},
    {"full-width letters", "첫 문단.\nＤｅｅｐＳｅｅｋ 충격", "deepseek", 200, "첫 문단. [ＤｅｅｐＳｅｅｋ] 충격"},
    {"compatibility jamo", "첫 문단.\nㄱㄴ 딥시크", "딥시크", 200, "첫 문단. ㄱㄴ [딥시크]"},
    {"grouped number alone", "First paragraph.\nTrained on only 2,048 GPUs", "2048", 200,
     "First paragraph. Trained on only [2,048] GPUs"},
    {"percent sign for the word", "첫 문단.\n주가는 한때 17.7%나 하락했다.", "percent", 200,
     "첫 문단. 주가는 한때 17.7[%]나 하락했다."},
    {"quoted word with a particle", "첫 문단.\n‘위원회’가 출범했다.", "위원회", 200, "첫 문단. ‘[위원회]’가 출범했다."},
    // A one-syllable noun with a particle that stays on it: the noun alone.
    {"one-syllable noun, particle kept", "AI용 GPU 칩이 부족하다. 칩의 가격, 칩을 만드는 회사", "칩", 200,
     "AI용 GPU [칩]이 부족하다. [칩]의 가격, [칩]을 만드는 회사"},
    {"one-syllable noun inside a word is not a form", "마이크로칩이 있다.", "칩", 200, "마이크로칩이 있다."},
    {"empty text", "", "딥시크", 200, ""},

    // Long text: a window of `length` code points centred on the matches,
    // cut at spaces, with an ellipsis where text was left out.
    {"centred on the match", kNvidia, "DeepSeek", 60,
     "…a Chinese startup called [DeepSeek] can be as good as those…"},
    {"window clamped at the end", kNvidia, "cost", 60,
     "…giants like Google and OpenAI — for a fraction of the [cost]."},
    {"no match: start of text", kNvidia, "Hangzhou", 60,
     "On Monday, Nvidia, which rocketed to the lead in the global…"},
    {"the window with the most distinct words", kTwoMentions, "DeepSeek Nvidia", 80,
     "…[Nvidia] saw its shares tumble by 17 percent as investors realized [DeepSeek] can…"},
    {"korean, centred", kKorean, "엔비디아", 40, "…AI용 GPU 칩을 만드는 [엔비디아]의 주가는 한때 17.7%나…"},
    {"korean, first of two equal windows", kKorean, "챗GPT", 40,
     "…성능 테스트에서 미국 오픈AI의 [챗][GPT]를 넘어선다는 평가까지 받고…"},
    {"korean, no match", kKorean, "tumble", 30, "중국 AI 스타트업 딥시크가 지난 20일 추론 모델…"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(snippet_maker)

BOOST_AUTO_TEST_CASE(snippet_table) {
    BOOST_TEST_REQUIRE(count_code_points(kNvidia) == 440u);
    BOOST_TEST_REQUIRE(count_code_points(kKorean) == 200u);
    for (const auto& c : kCases)
        BOOST_TEST_CONTEXT(c.name) { BOOST_TEST(fixture().snippet(c.text, c.query, c.length) == c.expected); }
}

BOOST_AUTO_TEST_CASE(whole_text_when_it_fits) {
    // kKorean is exactly 200 code points: nothing is cut.
    const std::string s = fixture().snippet(kKorean, "엔비디아", 200);
    BOOST_TEST(s.find("…") == std::string::npos);
    BOOST_TEST(s.find("[엔비디아]의") != std::string::npos);
    std::string plain = s;
    std::erase(plain, '[');
    std::erase(plain, ']');
    BOOST_TEST(plain == kKorean);
}

BOOST_AUTO_TEST_CASE(length_bound_and_highlight_ranges) {
    // Every snippet fits in its length plus two ellipses, and every
    // highlight range covers exactly a query word of the snippet.
    auto& f = fixture();
    for (std::size_t length : {20u, 40u, 60u, 100u}) {
        BOOST_TEST_CONTEXT("length " << length) {
            const Snippet s = f.snippets.make(kNvidia, f.parser.parse("DeepSeek Nvidia").highlight, length);
            BOOST_TEST(count_code_points(s.text) <= length + 2);
            for (const auto& h : s.highlights) {
                BOOST_TEST(h.start < h.end);
                BOOST_TEST(h.end <= count_code_points(s.text));
            }
        }
    }
    const Snippet s = f.snippets.make(kNvidia, f.parser.parse("DeepSeek").highlight, 60);
    BOOST_TEST_REQUIRE(s.highlights.size() == 1u);
    // "…a Chinese startup called DeepSeek": the ellipsis counts as one.
    BOOST_TEST(s.highlights[0].start == 26u);
    BOOST_TEST(s.highlights[0].end == 34u);
}

BOOST_AUTO_TEST_CASE(sanitized_invalid_utf8) {
    auto& f = fixture();
    const std::string fffd = "\xEF\xBF\xBD";
    BOOST_TEST(f.snippet(sanitize_utf8("\xff\xfe"), "딥시크", 200) == fffd + fffd);
    BOOST_TEST(f.snippet(sanitize_utf8("딥시크\xEB\x94의 충격"), "딥시크", 200) == "[딥시크]" + fffd + "의 충격");
    BOOST_TEST(f.snippet(sanitize_utf8("\xEB\x94 DeepSeek’s rise"), "DeepSeek", 200) == fffd + " [DeepSeek’s] rise");
}

BOOST_AUTO_TEST_SUITE_END()
