// WordSegmenter: ICU word breaking, Hangul/non-Hangul runs, NFKC case
// folding and number normalisation. Each piece is rendered as
// [+]text/S, where + marks a piece glued to the previous one and S is the
// script (H Hangul, L Latin, N Number, O other).
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "common/word_segmenter.h"

using aisearch::Script;
using AsciiFastPath = aisearch::WordSegmenter::AsciiFastPath;
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

// Pure ASCII, which the segmenter breaks without ICU, by the rules ICU 72's
// root word breaker applies to ASCII.
const Case kAsciiPieces[] = {
    {"", ""},
    {" \t\r\n\f\v  ", ""},
    {"U.S.A. and e.g., i.e.", "u.s.a/L and/L e.g/L i.e/L"},
    {"17.7% of 1,234,567.89", "17.7/N +percent/L of/L 1234567.89/N"},
    {"50%% 5 %", "50/N +percent/L +percent/L 5/N percent/L"},
    {"don't 'quoted' rock'n'roll", "don't/L quoted/L rock'n'roll/L"},
    {"Nvidia H800 GPT-4o 3D", "nvidia/L h800/L gpt/L 4o/L 3d/L"},
    // ExtendNumLet joins anything but needs a partner: a lone '_' is no word.
    {"snake_case __init__ _x x_ __ _", "snake_case/L __init__/O _x/O x_/L __/O"},
    {"a.b.c 1.2.3 a1.2 1.a a.1 x..y", "a.b.c/L 1.2.3/N a1.2/L 1/N a/L a/L 1/N x/L y/L"},
    // Trailing and leading punctuation are not part of words.
    {"end. (yes)! \"no\"? .5 ,x 'y", "end/L yes/L no/L 5/N x/L y/L"},
    // ICU 72: ':' joins nothing (it is MidLetter only in fi and sv), ';'
    // joins digits (MidNum) and '@' is a letter.
    {"a:b 10:30 1;2 a;b 1'000", "a/L b/L 10/N 30/N 1;2/L a/L b/L 1'000/L"},
    {"mail user@Example.com @ @@x", "mail/L user@example.com/L @/O @@x/O"},
    {"$600, #1 a/b a-b a+b a&b", "600/N 1/N a/L b/L a/L b/L a/L b/L a/L b/L"},
    {"line\r\nnext\rlast\n", "line/L next/L last/L"},
    {"1,2 1,234 12,34 1,234.5,6", "1,2/N 1234/N 12,34/N 1,234.5,6/N"},
};

// Mixed ASCII and other text: the ASCII fast path hands over to ICU only
// where ICU breaks too.
const Case kMixedPieces[] = {
    {"café naïve résumé", "café/L naïve/L résumé/L"},
    {"GPT를 딥시크의 GPT-4o를", "gpt/L +를/H 딥시크의/H gpt/L 4o/L +를/H"},
    {"deepseek’s rise", "deepseek's/L rise/L"},
    {"A—B and Ａ%", "a/L b/L and/L a/L +percent/L"},
    {"Nvidia\u00a0H800 x\u0301y z \u0301", "nvidia/L h800/L x\u0301y/L z/L"},
    {"ascii words before 한국어 text\nand an ASCII line after it, long enough to be alone",
     "ascii/L words/L before/L 한국어/H text/L and/L an/L ascii/L line/L after/L it/L long/L enough/L to/L "
     "be/L alone/L"},
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

// Each case through the fast path and through ICU alone: both must give
// the expected pieces.
template <typename Table>
void check_both_paths(const Table& table) {
    WordSegmenter segmenter;
    WordSegmenter icu_only(AsciiFastPath::Off);
    for (const auto& c : table)
        BOOST_TEST_CONTEXT("text: " << c.text) {
            BOOST_TEST(render(segmenter.segment(c.text)) == c.expected);
            BOOST_TEST(render(icu_only.segment(c.text)) == c.expected);
        }
}

BOOST_AUTO_TEST_CASE(ascii_pieces_table) { check_both_paths(kAsciiPieces); }

BOOST_AUTO_TEST_CASE(mixed_pieces_table) { check_both_paths(kMixedPieces); }

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
        // ASCII, and ASCII next to text that goes through ICU.
        {"U.S. 17.7%", "u.s/L@0-3 17.7/N@5-9 +percent/L@9-10"},
        {"1,234 a_b", "1234/N@0-5 a_b/L@6-9"},
        {"café 1,234 한글 x",
         "café/L@0-5 1234/N@6-11 한글/H@12-18 x/L@19-20"},
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

// The ASCII fast path against ICU alone: every piece, offset and flag the
// same.
namespace {

// The text of a failing case, control characters escaped.
std::string printable(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// The classes of ASCII the word rules tell apart, and a few of each.
constexpr std::string_view kTrickyAscii = "aZq09_'.,;:-%/@#$\" \t\r\n\f!?()&+";

}  // namespace

// Segments text with and without the ASCII fast path and reports the
// first few differences.
class FastPathComparison {
public:
    bool more() const { return failures_ < 10; }
    void check(const std::string& s) {
        const std::string want = render(icu_only_.segment(s), true);
        const std::string got = render(fast_.segment(s), true);
        if (got == want) return;
        ++failures_;
        BOOST_TEST(got == want, "text: " << printable(s));
    }
    std::size_t failures() const { return failures_; }

private:
    WordSegmenter fast_;
    WordSegmenter icu_only_{AsciiFastPath::Off};
    std::size_t failures_ = 0;
};

// Every string of one to three items, through both paths.
void compare_every_short_string(const std::vector<std::string>& items) {
    FastPathComparison compare;
    std::string s;
    const std::size_t n = items.size();
    for (std::size_t len = 1; len <= 3; ++len) {
        std::size_t total = 1;
        for (std::size_t k = 0; k < len; ++k) total *= n;
        for (std::size_t code = 0; code < total && compare.more(); ++code) {
            s.clear();
            for (std::size_t k = 0, c = code; k < len; ++k, c /= n) s += items[c % n];
            compare.check(s);
        }
    }
    BOOST_TEST(compare.failures() == 0u);
}

std::vector<std::string> tricky_ascii_items() {
    std::vector<std::string> items;
    for (char c : kTrickyAscii) items.emplace_back(1, c);
    return items;
}

BOOST_AUTO_TEST_CASE(ascii_fast_path_matches_icu_exhaustively) {
    // The tricky ASCII classes.
    compare_every_short_string(tricky_ascii_items());
}

BOOST_AUTO_TEST_CASE(hangul_fast_path_matches_icu_exhaustively) {
    // The tricky ASCII, Hangul syllables, and characters next to which
    // Hangul must go to ICU.
    std::vector<std::string> items = tricky_ascii_items();
    for (const char* h : {"가", "한국", "’", "ㄱ", "é"}) items.emplace_back(h);
    compare_every_short_string(items);
}

BOOST_AUTO_TEST_CASE(ascii_fast_path_matches_icu_on_random_text) {
    // A fixed-seed generator (std::mt19937's sequence is fixed by the
    // standard; the distributions are not, so none are used).
    std::mt19937 rng(20250105);
    const std::string_view other[] = {
        "é", "를", "한국어", "’", "\u0301", "\u00a0", "\u3000", "\u200d", "中国", "—", "ﬁ", "Ｈ８", "％", "·",
        "딥시크의", "인공지능", " 위원회 ", "(국회)", "5월", "ㄱㄴ", "가\u0301", "\u1100\u1161",
    };
    FastPathComparison compare;
    for (int round = 0; round < 6000 && compare.more(); ++round) {
        // Two in three pure ASCII; the rest with other text mixed in, at a
        // density that sometimes leaves ASCII stretches long enough for the
        // fast path between it.
        const bool mixed = round % 3 == 2;
        const std::size_t len = rng() % (mixed ? 400 : 40);
        const std::size_t spacing = 4 + rng() % 150;
        std::string s;
        for (std::size_t k = 0; k < len; ++k) {
            if (mixed && rng() % spacing == 0)
                s += other[rng() % std::size(other)];
            else if (rng() % 3 == 0)
                s += ' ';
            else
                s += kTrickyAscii[rng() % kTrickyAscii.size()];
        }
        compare.check(s);
    }
    BOOST_TEST(compare.failures() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
