// WordSegmenter: ICU word breaking, Hangul/non-Hangul runs, NFKC case
// folding and number normalisation. Each piece is rendered as
// [+]text/S, where + marks a piece glued to the previous one and S is the
// script (H Hangul, L Latin, N Number, O other).
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "common/utf8.h"
#include "common/word_segmenter.h"

using aisearch::Script;
using aisearch::WordPiece;
using aisearch::WordSegmenter;

namespace {

char script_letter(Script s) {
    switch (s) {
    case Script::Hangul: return 'H';
    case Script::Latin: return 'L';
    case Script::Number: return 'N';
    case Script::Other: return 'O';
    }
    return '?';
}

std::string render(const std::vector<WordPiece>& pieces, bool offsets = false) {
    std::string out;
    for (const auto& p : pieces) {
        if (!out.empty()) out += ' ';
        if (p.glued) out += '+';
        out += p.text;
        out += '/';
        out += script_letter(p.script);
        if (offsets) out += '@' + std::to_string(p.begin) + '-' + std::to_string(p.end);
    }
    return out;
}

struct Case {
    std::string_view text;
    std::string_view expected;
};

const Case kPieces[] = {
    {"", ""},
    {"   \n\t ", ""},
    {"…!? — ‘’ ,.", ""},
    // Korean eojeol stay whole (particles are the stripper's job).
    {"딥시크의 충격", "딥시크의/H 충격/H"},
    // Punctuation between Hangul is a boundary; the particle after the
    // closing quote is a piece of its own, not glued to the word.
    {"‘국가인공지능위원회’가 출범하고", "국가인공지능위원회/H 가/H 출범하고/H"},
    // Script changes split one ICU word into glued pieces.
    {"챗GPT를 넘어선다", "챗/H +gpt/L +를/H 넘어선다/H"},
    {"AI기본법이 국회를", "ai/L +기본법이/H 국회를/H"},
    {"AI용 GPU 칩을", "ai/L +용/H gpu/L 칩을/H"},
    {"‘딥시크-R1’을 출시했다", "딥시크/H r1/L 을/H 출시했다/H"},
    // English: case folded, apostrophes inside a word kept as '.
    {"DeepSeek’s rise", "deepseek's/L rise/L"},
    {"DeepSeek's Rise", "deepseek's/L rise/L"},
    {"OpenAI’s ChatGPT", "openai's/L chatgpt/L"},
    {"the U.S. restrictions", "the/L u.s/L restrictions/L"},
    // Numbers: digit grouping removed, decimals kept, % is a word.
    {"2,048 Nvidia H800 GPUs", "2048/N nvidia/L h800/L gpus/L"},
    {"12,345,678.9", "12345678.9/N"},
    {"1,2345", "1,2345/N"},
    {"17.7%나 하락했다", "17.7/N +percent/L +나/H 하락했다/H"},
    {"17.7 percent", "17.7/N percent/L"},
    {"by 17 percent, wiping $600 billion", "by/L 17/N percent/L wiping/L 600/N billion/L"},
    // NFKC: full-width forms become ASCII.
    {"Ｈ８００ 17.7％", "h800/L 17.7/N +percent/L"},
    {"ＤｅｅｐＳｅｅｋ", "deepseek/L"},
    // Words that are not plain ASCII or Hangul syllables go through ICU's
    // NFKC_Casefold; the others are folded without it, to the same result.
    {"STRASSE Straße", "strasse/L strasse/L"},
    {"ﬁnance Café", "finance/L café/L"},
    {"ＡＩ반도체 AI반도체", "ai/L +반도체/H ai/L +반도체/H"},
    // Conjoining jamo are composed (ICU breaks the jamo syllable from the next).
    {"\u1112\u1161\u11ab\uae00 한글", "한/H +글/H 한글/H"},
    // Ideographs are words of another script.
    {"中国 AI", "中国/O ai/L"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(word_segmenter)

BOOST_AUTO_TEST_CASE(pieces_table) {
    WordSegmenter segmenter;
    for (const auto& c : kPieces)
        BOOST_TEST_CONTEXT("text: " << c.text) {
            BOOST_TEST(render(segmenter.segment(c.text)) == c.expected);
        }
}

BOOST_AUTO_TEST_CASE(byte_offsets) {
    WordSegmenter segmenter;
    const Case cases[] = {
        {"챗GPT를", "챗/H@0-3 +gpt/L@3-6 +를/H@6-9"},
        {"딥시크의 DeepSeek’s", "딥시크의/H@0-12 deepseek's/L@13-25"},
        {"17.7%", "17.7/N@0-4 +percent/L@4-5"},
        {"2,048 H800", "2048/N@0-5 h800/L@6-10"},
        // Offsets are in the source text, not in the folded form.
        {"Ｈ８００ 딥시크", "h800/L@0-12 딥시크/H@13-22"},
        {"‘위원회’가", "위원회/H@3-12 가/H@15-18"},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("text: " << c.text) {
            BOOST_TEST(render(segmenter.segment(c.text), true) == c.expected);
        }
}

BOOST_AUTO_TEST_CASE(sanitized_invalid_utf8) {
    // segment() needs valid UTF-8: invalid input goes through sanitize_utf8
    // first, and U+FFFD is then a boundary, never a word.
    WordSegmenter segmenter;
    BOOST_TEST(render(segmenter.segment(aisearch::sanitize_utf8("\xff\xfe"))) == "");
    BOOST_TEST(render(segmenter.segment(aisearch::sanitize_utf8("\xEB\x94"))) == "");
    BOOST_TEST(render(segmenter.segment(aisearch::sanitize_utf8("딥시크\xEB\x94의")), true) ==
               "딥시크/H@0-9 의/H@12-15");
    BOOST_TEST(render(segmenter.segment(aisearch::sanitize_utf8("Deep\xffSeek"))) ==
               "deep/L seek/L");
}

BOOST_AUTO_TEST_CASE(reusable) {
    // One segmenter serves many texts; state does not leak between calls.
    WordSegmenter segmenter;
    BOOST_TEST(render(segmenter.segment("챗GPT를")) == "챗/H +gpt/L +를/H");
    BOOST_TEST(render(segmenter.segment("")) == "");
    BOOST_TEST(render(segmenter.segment("를 GPT")) == "를/H gpt/L");
}

BOOST_AUTO_TEST_SUITE_END()
