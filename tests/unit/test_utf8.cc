// sanitize_utf8 and the small UTF-8 helpers.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/utf8.h"

using aisearch::sanitize_utf8;

namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

struct SanitizeCase {
    std::string_view input;
    std::string expected;
    std::size_t replaced;
};

const SanitizeCase kSanitizeCases[] = {
    {"", "", 0},
    {"딥시크의 국가인공지능위원회’가 출범했다", "딥시크의 국가인공지능위원회’가 출범했다", 0},
    {"DeepSeek’s 2,048 H800 GPUs, 17.7%", "DeepSeek’s 2,048 H800 GPUs, 17.7%", 0},
    // A leading byte-order mark goes; one elsewhere is a valid character.
    {"\xEF\xBB\xBF딥시크", "딥시크", 0},
    {"a\xEF\xBB\xBF", "a\xEF\xBB\xBF", 0},
    // Bytes that never start a character: one U+FFFD each.
    {"\xff\xfe", kFFFD + kFFFD, 2},
    // A truncated three-byte sequence (the first two bytes of 딥): one U+FFFD.
    {"\xEB\x94", kFFFD, 1},
    {"딥시크\xEB\x94", "딥시크" + kFFFD, 1},
    {"\xEB\x94의 DeepSeek", kFFFD + "의 DeepSeek", 1},
    // Overlong encoding of '/': two bad bytes.
    {"Deep\xC0\xAFSeek", "Deep" + kFFFD + kFFFD + "Seek", 2},
    // An encoded UTF-16 surrogate is not UTF-8.
    {"\xED\xA0\x80", kFFFD + kFFFD + kFFFD, 3},
    // A lone continuation byte between Hangul.
    {"챗\x80GPT를", "챗" + kFFFD + "GPT를", 1},
    // NUL is a valid character.
    {std::string_view("a\0b", 3), std::string("a\0b", 3), 0},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(sanitize_table) {
    for (const auto& c : kSanitizeCases) {
        BOOST_TEST_CONTEXT("input: " << c.input) {
            std::size_t replaced = 999;
            BOOST_TEST(sanitize_utf8(c.input, &replaced) == c.expected);
            BOOST_TEST(replaced == c.replaced);
            // Without a counter the result is the same.
            BOOST_TEST(sanitize_utf8(c.input) == c.expected);
            // Sanitising is idempotent.
            std::size_t again = 999;
            BOOST_TEST(sanitize_utf8(c.expected, &again) == c.expected);
            BOOST_TEST(again == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(count_code_points) {
    const std::pair<std::string_view, std::size_t> cases[] = {
        {"", 0},
        {"DeepSeek’s", 10},
        {"딥시크의", 4},
        {"국가인공지능위원회’가", 11},
        {"챗GPT를", 5},
        {"17.7%", 5},
        {"…", 1},
    };
    for (const auto& [text, n] : cases)
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(aisearch::count_code_points(text) == n); }
}

BOOST_AUTO_TEST_CASE(is_hangul) {
    BOOST_TEST(aisearch::is_hangul(U'딥'));
    BOOST_TEST(aisearch::is_hangul(U'가'));
    BOOST_TEST(aisearch::is_hangul(U'\uD7A3'));  // last syllable
    BOOST_TEST(aisearch::is_hangul(U'\u3131'));  // compatibility jamo ㄱ
    BOOST_TEST(aisearch::is_hangul(U'\u1100'));  // leading jamo
    BOOST_TEST(!aisearch::is_hangul(U'D'));
    BOOST_TEST(!aisearch::is_hangul(U'7'));
    BOOST_TEST(!aisearch::is_hangul(U'\u2019'));
    BOOST_TEST(!aisearch::is_hangul(U'中'));
    BOOST_TEST(!aisearch::is_hangul(U'\uFFFD'));
}

BOOST_AUTO_TEST_CASE(hangul_syllable_at) {
    // As a number: Boost.Test cannot print a char32_t.
    auto at = [](std::string_view text, std::size_t i) {
        return static_cast<std::uint32_t>(aisearch::hangul_syllable_at(text, i));
    };
    const std::string text = "AI가 딥시크\u3131\uD7A3\uD7B0中";
    BOOST_TEST(at(text, 0) == 0u);          // 'A'
    BOOST_TEST(at(text, 2) == 0xAC00u);     // 가
    BOOST_TEST(at(text, 3) == 0u);          // inside it
    BOOST_TEST(at(text, 5) == 0u);          // space
    BOOST_TEST(at(text, 6) == 0xB525u);     // 딥
    BOOST_TEST(at(text, 15) == 0u);         // compatibility jamo ㄱ
    BOOST_TEST(at(text, 18) == 0xD7A3u);    // the last syllable
    BOOST_TEST(at(text, 21) == 0u);         // jamo extended-B, the same lead byte
    BOOST_TEST(at(text, 24) == 0u);         // 中
    BOOST_TEST(at(text, text.size()) == 0u);
    BOOST_TEST(at("", 0) == 0u);
    // Truncated: the lead byte of 가 with one continuation byte left.
    BOOST_TEST(at("\xEA\xB0", 0) == 0u);
    BOOST_TEST(at("x\xEA\xB0\x80", 1) == 0xAC00u);
    // Not continuation bytes after the lead byte.
    BOOST_TEST(at("\xEA\xB0\xFF", 0) == 0u);
    BOOST_TEST(at("\xEA\x30\x80", 0) == 0u);
    BOOST_TEST(at("\xEB\x94\xEB\x94", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(append_utf8) {
    std::string s = "챗";
    aisearch::append_utf8(s, U'G');
    aisearch::append_utf8(s, U'를');
    aisearch::append_utf8(s, U'\u2019');
    aisearch::append_utf8(s, U'\U0001F600');
    BOOST_TEST(s == "챗G를’\xF0\x9F\x98\x80");
    // Not a code point: nothing is appended.
    std::string t = "a";
    aisearch::append_utf8(t, static_cast<char32_t>(0x110000));
    BOOST_TEST(t == "a");
}

BOOST_AUTO_TEST_SUITE_END()
