// KoreanParticleStripper with the shipped suffix list (ko_particles.txt).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <string_view>

#include "aisearch/error.h"
#include "common/korean_particle_stripper.h"
#include "common/utf8.h"

using aisearch::KoreanParticleStripper;

namespace {

const KoreanParticleStripper& shipped() {
    static const KoreanParticleStripper s =
        KoreanParticleStripper::load(std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "ko_particles.txt");
    return s;
}

struct Case {
    std::string_view word;
    std::string_view stem;
};

const Case kStrip[] = {
    {"딥시크의", "딥시크"},
    {"엔비디아의", "엔비디아"},
    {"국가인공지능위원회가", "국가인공지능위원회"},
    {"국회를", "국회"},
    {"주가는", "주가"},
    {"기본법이", "기본법"},
    // A one-syllable suffix needs two syllables left: short nouns survive.
    {"회의", "회의"},
    {"집에", "집에"},
    {"길이", "길이"},
    {"주가", "주가"},
    {"결과", "결과"},
    {"정도", "정도"},
    {"도로", "도로"},
    // ... unless it is a particle whose form follows the sound before it,
    // and the one syllable left agrees: 을/은 after a final consonant,
    // 를/는/와 after a vowel.
    {"칩을", "칩"},
    {"값은", "값"},
    {"표를", "표"},
    {"셀을", "셀"},
    {"나는", "나"},
    {"소와", "소"},
    {"가을", "가을"},
    {"마을", "마을"},
    {"책를", "책를"},
    {"창는", "창는"},
    // A longer suffix needs only one syllable left.
    {"집에서", "집"},
    {"서울에서", "서울"},
    // The longest suffix that fits wins.
    {"미국에서는", "미국"},
    {"개발자들에게", "개발자"},
    {"오픈AI와의", "오픈AI"},
    // 하다/되다 endings of verbal nouns.
    {"출시했다", "출시"},
    {"하락했다", "하락"},
    {"출범하고", "출범"},
    {"통과됐다", "통과"},
    // Conditions, purposes and reported speech.
    {"삽입하려면", "삽입"},
    {"클릭하면", "클릭"},
    {"사용되지", "사용"},
    {"출시했다고", "출시"},
    {"필요하다는", "필요"},
    {"엔비디아로부터", "엔비디아"},
    {"정부로부터", "정부"},
    {"입력란", "입력란"},  // 란 (a form's field) is no suffix
    // Only one suffix is removed.
    {"한국에서의", "한국"},
    // A word that is itself a suffix, or has none, stays.
    {"에서", "에서"},
    {"이다", "이다"},
    {"나", "나"},
    {"뉴스", "뉴스"},
    {"딥시크", "딥시크"},
    {"", ""},
    {"DeepSeek", "DeepSeek"},
    {"17.7", "17.7"},
    // Invalid UTF-8 is never a suffix; the bytes come back unchanged.
    {"\xff\xfe", "\xff\xfe"},
    {"\xEB\x94", "\xEB\x94"},
    {"딥시크\xEB\x94", "딥시크\xEB\x94"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(korean_particle_stripper)

BOOST_AUTO_TEST_CASE(strip_table) {
    for (const auto& c : kStrip)
        BOOST_TEST_CONTEXT("word: " << c.word) { BOOST_TEST(shipped().strip(c.word) == c.stem); }
}

// The '<' and '>' marks of the list: which one-syllable stems a particle
// may leave.
BOOST_AUTO_TEST_CASE(marked_particles) {
    const KoreanParticleStripper s({">을", "<를", "의"});
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"값을", "값"}, {"마을", "마을"}, {"표를", "표"}, {"책를", "책를"},
        {"회의", "회의"},                    // unmarked: two syllables must be left
        {"딥시크를", "딥시크"}, {"딥시크의", "딥시크"},
        {"을", "을"},                        // a particle alone
        {"\xEB\x94을", "\xEB\x94을"},          // not a syllable before it
    };
    for (const auto& [word, stem] : cases)
        BOOST_TEST_CONTEXT("word: " << word) { BOOST_TEST(s.strip(word) == stem); }
    BOOST_TEST(s.is_particle("을"));
    BOOST_TEST(s.is_particle("를"));
    BOOST_TEST(!s.is_particle(">을"));
}

// The '~' marks: the forms of a one-syllable noun with a particle that
// strip() leaves on it, '~>' only after a final consonant, '~<' only after
// a vowel.
BOOST_AUTO_TEST_CASE(forms_kept_whole) {
    const KoreanParticleStripper s({">을", "~>이", "~<가", "~의", "~을", "의", "이", "가", "!가의"});
    using Forms = std::vector<std::string>;
    const std::pair<std::string_view, Forms> cases[] = {
        {"칩", {"칩이", "칩의"}},          // 칩가 disagrees; 칩을 is stripped, so not a form
        {"가", {"가가", "가을"}},  // 가을 stays whole: 을 follows a final consonant; 가의 is a '!' word
        {"이", {"이가", "이의", "이을"}},
        {"딥시크", {}},                    // only one-syllable nouns
        {"", {}},
        {"a", {}},
        {"\xEB\x94", {}},                  // invalid UTF-8
        {"\xEB\x94\xFF", {}},
    };
    for (const auto& [noun, forms] : cases)
        BOOST_TEST_CONTEXT("noun: " << noun) {
            BOOST_TEST(s.forms_kept_whole(noun) == forms, boost::test_tools::per_element());
        }
    BOOST_TEST(!s.is_particle("~이"));
    BOOST_TEST(!s.is_particle(">이"));
    BOOST_TEST(!s.is_particle("가의"));  // a '!' word is no suffix
    BOOST_TEST(!s.is_particle("!가의"));
    BOOST_TEST(s.strip("딥시크가의") == "딥시크가");
    BOOST_TEST(s.strip("칩이") == "칩이");
    BOOST_TEST(s.strip("딥시크이") == "딥시크");  // a '~' particle is still a suffix
    BOOST_TEST(shipped().forms_kept_whole("칩") ==
                   (Forms{"칩이", "칩의", "칩에", "칩과", "칩도", "칩만", "칩로"}),
               boost::test_tools::per_element());
    BOOST_TEST(shipped().forms_kept_whole("표") == (Forms{"표가", "표의", "표에", "표도", "표만", "표로"}),
               boost::test_tools::per_element());
    BOOST_TEST(KoreanParticleStripper({"의"}).forms_kept_whole("칩").empty());
    BOOST_TEST(shipped().forms_kept_whole("정") == (Forms{"정이", "정에", "정과", "정만", "정로"}),
               boost::test_tools::per_element());  // not 정의, 정도
}

BOOST_AUTO_TEST_CASE(strip_returns_prefix_of_input) {
    const std::string word = "딥시크의";
    const std::string_view stem = shipped().strip(word);
    BOOST_TEST(static_cast<const void*>(stem.data()) == static_cast<const void*>(word.data()));
    BOOST_TEST(stem.size() == 9u);
}

BOOST_AUTO_TEST_CASE(is_particle) {
    const std::pair<std::string_view, bool> cases[] = {
        {"를", true}, {"의", true}, {"가", true}, {"에서는", true}, {"했다", true},
        {"딥시크", false}, {"회의", false}, {"", false}, {"gpt", false}, {"\xEB\x94", false},
    };
    for (const auto& [word, expected] : cases)
        BOOST_TEST_CONTEXT("word: " << word) { BOOST_TEST(shipped().is_particle(word) == expected); }
}

BOOST_AUTO_TEST_CASE(own_suffix_list) {
    // Duplicates are harmless and the order of the list does not matter.
    const KoreanParticleStripper s({"는", "에서는", "는", "의"});
    BOOST_TEST(s.strip("미국에서는") == "미국");
    BOOST_TEST(s.strip("딥시크의") == "딥시크");
    BOOST_TEST(s.strip("회의") == "회의");
    BOOST_TEST(s.is_particle("에서는"));
    BOOST_TEST(!s.is_particle("에서"));

    const KoreanParticleStripper short_only({"는"});
    BOOST_TEST(short_only.strip("미국에서는") == "미국에서");

    const KoreanParticleStripper none({});
    BOOST_TEST(none.strip("딥시크의") == "딥시크의");
    BOOST_TEST(!none.is_particle("의"));
}

BOOST_AUTO_TEST_CASE(missing_file) {
    BOOST_CHECK_THROW(KoreanParticleStripper::load(std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "no_such.txt"),
                      aisearch::ResourceError);
}

BOOST_AUTO_TEST_SUITE_END()
