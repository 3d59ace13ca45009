// What the indexer stores per part and per duplicate link, read back in
// full and in the short forms a search reads per hit.
#include <boost/test/unit_test.hpp>

#include <string>

#include "aisearch/error.h"
#include "common/duplicate_store.h"
#include "common/stored_part.h"

using namespace aisearch;

BOOST_AUTO_TEST_SUITE(stored_part)

namespace {

StoredPart part(std::string id, std::string title, std::string lang, std::string text) {
    StoredPart p;
    p.id = std::move(id);
    p.path = "/corpus/" + p.id;
    p.title = std::move(title);
    p.lang = std::move(lang);
    p.text = std::move(text);
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(label_without_text) {
    struct Case {
        const char* name;
        StoredPart part;
    };
    const Case cases[] = {
        {"korean part", part("001_29152febc62b8d9d.txt#ko", "딥시크 충격", "ko", "딥시크의 충격\n둘째 문단")},
        {"english part", part("000_7cd7f575970c0177.txt", "DeepSeek shock", "en", "Nvidia fell 17%.")},
        {"empty text", part("empty", "", "en", "")},
        {"invalid UTF-8 in the text", part("bad", "t", "ko", "\xff\xfe 딥시크\xeb")},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            const std::string data = encode(c.part);
            const PartLabel label = decode_part_label(data);
            BOOST_TEST(label.id == c.part.id);
            BOOST_TEST(label.lang == c.part.lang);
            const StoredPart back = decode_stored_part(data);
            BOOST_TEST(back.id == c.part.id);
            BOOST_TEST(back.title == c.part.title);
        }
    }
}

BOOST_AUTO_TEST_CASE(label_of_bad_data) {
    BOOST_CHECK_THROW(decode_part_label(""), DatabaseError);
    BOOST_CHECK_THROW(decode_part_label("not json"), DatabaseError);
    BOOST_CHECK_THROW(decode_part_label(R"({"lang":"ko","text":"딥시크"})"), DatabaseError);
}

BOOST_AUTO_TEST_CASE(duplicate_links_with_and_without_evidence) {
    PartDuplicates d;
    d.cluster = "c1";
    DuplicateLink l;
    l.other = "Q/c/001.txt#ko";
    l.relation = Relation::Translation;
    l.similarity = 0.5;
    l.evidence.shared_figures = {"p:17.7", "m:usd:8000000000"};
    l.evidence.shared_names = {"nvidia", "deepseek"};
    d.links.push_back(l);
    const std::string data = encode(d);

    const PartDuplicates full = decode_part_duplicates(data);
    BOOST_TEST_REQUIRE(full.links.size() == 1u);
    BOOST_TEST(full.links[0].evidence.shared_names.size() == 2u);

    const PartDuplicates brief = decode_part_duplicates(data, /*evidence=*/false);
    BOOST_TEST(brief.cluster == "c1");
    BOOST_TEST_REQUIRE(brief.links.size() == 1u);
    BOOST_TEST(brief.links[0].other == l.other);
    BOOST_TEST((brief.links[0].relation == Relation::Translation));
    BOOST_TEST(brief.links[0].similarity == 0.5);
    BOOST_TEST(brief.links[0].evidence.shared_names.empty());

    BOOST_TEST(decode_part_duplicates("", false).links.empty());
    BOOST_CHECK_THROW(decode_part_duplicates("{", false), DatabaseError);
}

BOOST_AUTO_TEST_SUITE_END()
