// decode_text, decode_as and looks_binary: UTF-8 with and without a BOM,
// UTF-16 from Windows editors, legacy Korean pages, and files that are not
// text at all.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "common/text_decoder.h"

using namespace std::string_view_literals;

namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

struct DecodeCase {
    std::string_view name;
    std::string_view bytes;
    std::string utf8;
    std::size_t invalid;
    std::string_view encoding;
};

// 딥시크 AI is U+B525 U+C2DC U+D06C U+0020 U+0041 U+0049.
const DecodeCase kDecodeCases[] = {
    {"empty", "", "", 0, "utf-8"},
    {"english", "DeepSeek upends AI", "DeepSeek upends AI", 0, "utf-8"},
    {"korean", "딥시크의 국가인공지능위원회", "딥시크의 국가인공지능위원회", 0, "utf-8"},
    {"utf-8 bom dropped", "\xEF\xBB\xBF딥시크 AI", "딥시크 AI", 0, "utf-8"},
    {"utf-8 bom only", "\xEF\xBB\xBF", "", 0, "utf-8"},
    {"invalid utf-8 replaced", "딥시크\xff AI\xEB\x94", "딥시크" + kFFFD + " AI" + kFFFD, 2, "utf-8"},
    {"NUL is a character", "a\0b"sv, std::string("a\0b", 3), 0, "utf-8"},
    {"utf-16le", "\xFF\xFE\x25\xB5\xDC\xC2\x6C\xD0\x20\x00\x41\x00\x49\x00"sv, "딥시크 AI", 0, "utf-16le"},
    {"utf-16be", "\xFE\xFF\xB5\x25\xC2\xDC\xD0\x6C\x00\x20\x00\x41\x00\x49"sv, "딥시크 AI", 0, "utf-16be"},
    {"utf-16le english", "\xFF\xFE" "D\0e\0e\0p\0"sv, "Deep", 0, "utf-16le"},
    {"utf-16 bom only", "\xFF\xFE", "", 0, "utf-16le"},
    {"utf-16be surrogate pair", "\xFE\xFF\xD8\x3D\xDE\x00"sv, "\xF0\x9F\x98\x80", 0, "utf-16be"},
    {"utf-16le lone high surrogate", "\xFF\xFE\x00\xD8\x41\x00"sv, kFFFD + "A", 1, "utf-16le"},
    {"utf-16be lone low surrogate", "\xFE\xFF\x00\x41\xDC\x00\x00\x42"sv, "A" + kFFFD + "B", 1, "utf-16be"},
    {"utf-16le odd trailing byte", "\xFF\xFE\x41\x00\x42"sv, "A" + kFFFD, 1, "utf-16le"},
    {"utf-16le, then a second BOM kept as text", "\xFF\xFE\xFF\xFE\x41\x00"sv, "\xEF\xBB\xBF" "A", 0, "utf-16le"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(text_decoder)

BOOST_AUTO_TEST_CASE(decode_text_table) {
    for (const auto& c : kDecodeCases)
        BOOST_TEST_CONTEXT(c.name) {
            const aisearch::DecodedText d = aisearch::decode_text(c.bytes);
            BOOST_TEST(d.utf8 == c.utf8);
            BOOST_TEST(d.invalid_sequences == c.invalid);
            BOOST_TEST(d.encoding == c.encoding);
        }
}

BOOST_AUTO_TEST_CASE(decode_as_table) {
    struct Case {
        std::string_view name, bytes, charset;
        std::string utf8;
        std::size_t invalid;
    };
    // printf '딥시크 충격' | iconv -t EUC-KR | xxd -p  ->  b5f6bdc3c5a920c3e6b0dd
    // printf '똠방각하' | iconv -t CP949 | xxd -p     ->  8c63b9e6b0a2c7cf
    const Case cases[] = {
        {"euc-kr", "\xB5\xF6\xBD\xC3\xC5\xA9 \xC3\xE6\xB0\xDD", "euc-kr", "딥시크 충격", 0},
        {"label case is ignored", "\xB5\xF6\xBD\xC3\xC5\xA9", "EUC-KR", "딥시크", 0},
        {"ks_c_5601-1987", "\xB5\xF6\xBD\xC3\xC5\xA9", "ks_c_5601-1987", "딥시크", 0},
        // Pages labelled EUC-KR use windows-949 syllables beyond EUC-KR.
        {"euc-kr label, cp949 syllable", "\x8C\x63\xB9\xE6\xB0\xA2\xC7\xCF", "euc-kr", "똠방각하", 0},
        {"euc-kr, truncated at the end", "\xB5\xF6\xBD", "euc-kr", "딥" + kFFFD, 1},
        {"euc-kr, empty", "", "euc-kr", "", 0},
        {"latin-1 label reads as windows-1252", "caf\xE9 \x93quoted\x94", "iso-8859-1", "café “quoted”", 0},
        {"shift_jis", "\x82\xA0", "shift_jis", "あ", 0},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT(c.name) {
            const auto d = aisearch::decode_as(c.bytes, c.charset);
            BOOST_TEST_REQUIRE(d.has_value());
            BOOST_TEST(d->utf8 == c.utf8);
            BOOST_TEST(d->invalid_sequences == c.invalid);
        }
    BOOST_TEST(!aisearch::decode_as("abc", "no-such-charset").has_value());
    BOOST_TEST(!aisearch::decode_as("abc", "").has_value());
}

BOOST_AUTO_TEST_CASE(looks_binary_table) {
    const std::string late_nul = std::string(8192, 'a') + '\0';
    const std::string edge_nul = std::string(8191, 'a') + '\0';
    const std::pair<std::string_view, bool> cases[] = {
        {"", false},
        {"DeepSeek upends AI", false},
        {"딥시크의 국가인공지능위원회\n", false},
        {"\xff\xfe\xfd invalid UTF-8 is still text", false},
        {"a\0b"sv, true},
        {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv, true},
        {"%PDF-1.7\n\0"sv, true},
        // UTF-16 text is full of NUL bytes, but has its BOM.
        {"\xFF\xFE\x41\x00\x42\x00"sv, false},
        {"\xFE\xFF\x00\x41\x00\x42"sv, false},
        // Only the first 8 KiB are looked at.
        {late_nul, false},
        {edge_nul, true},
    };
    for (const auto& [bytes, binary] : cases)
        BOOST_TEST_CONTEXT("bytes: " << bytes.substr(0, 40) << " (" << bytes.size() << " bytes)") {
            BOOST_TEST(aisearch::looks_binary(bytes) == binary);
        }
}

BOOST_AUTO_TEST_SUITE_END()
