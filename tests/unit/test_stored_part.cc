// What the indexer stores per part and per duplicate link, read back in
// full and in the short forms a search reads per hit.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <xapian.h>

#include "aisearch/error.h"
#include "common/duplicate_store.h"
#include "common/stored_part.h"

using namespace aisearch;

BOOST_AUTO_TEST_SUITE(stored_part)

namespace {

StoredPart part(std::string id, std::string title, std::string lang, std::string text = "") {
    StoredPart p;
    p.id = std::move(id);
    p.path = "/corpus/" + p.id;
    p.title = std::move(title);
    p.lang = std::move(lang);
    p.text = std::move(text);
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(label_and_record) {
    struct Case {
        const char* name;
        StoredPart part;
    };
    const Case cases[] = {
        {"korean part", part("001_29152febc62b8d9d.txt#ko", "딥시크 충격", "ko", "딥시크의 충격.\n엔비디아 주가가 17% 떨어졌다.")},
        {"english part", part("000_7cd7f575970c0177.txt", "DeepSeek shock", "en", "DeepSeek trained on H800 chips.")},
        {"empty title and text", part("empty", "", "en")},
        {"invalid UTF-8 in the title and text", part("bad", "\xff\xfe 딥시크\xeb", "ko", "\xc3\x28 딥시크가\xed\xa0\x80")},
        {"field-like title and text", part("x", "id 3\nabc\ntext 5\nhello\n", "en", "text 2\nab\n\nid 1\nz\n")},
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
            BOOST_TEST(back.path == c.part.path);
            BOOST_TEST(back.lang == c.part.lang);
            BOOST_TEST(back.text == c.part.text);
            // The label alone, as duplicate detection reads it: the same
            // id and language, and nothing else.
            const std::string label_data = encode(PartLabel{c.part.id, c.part.lang});
            BOOST_TEST(label_data.size() < data.size());
            const PartLabel alone = decode_part_label(label_data);
            BOOST_TEST(alone.id == c.part.id);
            BOOST_TEST(alone.lang == c.part.lang);
            BOOST_TEST(decode_stored_part(label_data).title.empty());
            BOOST_TEST(decode_stored_part(label_data).text.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_field_round_trips) {
    StoredPart p = part("a.txt#ko", "제목", "ko");
    p.date = "2025-01-27";
    p.source = "연합뉴스";
    p.author = "홍길동";
    p.url = "https://example.com/a";
    p.hash = "abc123";
    p.indexed = "2026-11-22T10:00:00Z";
    p.text = "딥시크가 공개한 모델.\n\nH800 2,048개로 훈련했다.";
    const StoredPart back = decode_stored_part(encode(p));
    BOOST_TEST(back.date == p.date);
    BOOST_TEST(back.source == p.source);
    BOOST_TEST(back.author == p.author);
    BOOST_TEST(back.url == p.url);
    BOOST_TEST(back.hash == p.hash);
    BOOST_TEST(back.indexed == p.indexed);
    BOOST_TEST(back.text == p.text);
}

BOOST_AUTO_TEST_CASE(label_of_bad_data) {
    const std::string good = encode(part("a", "t", "en"));
    const std::string bad[] = {
        "",
        "not a part",
        R"({"id":"a","lang":"ko","text":"딥시크"})",     // another format
        "aisearch-part\nlang 2\nko\n",                   // no id
        "aisearch-part\nid 9\nabc\n",                    // length past the end
        "aisearch-part\nid x\nabc\n",                    // length not a number
        "aisearch-part\nid 3\nabcd\n",                   // no newline after the value
        good.substr(0, good.size() - 3),                   // cut short
    };
    for (const auto& data : bad)
        BOOST_TEST_CONTEXT(data) {
            BOOST_CHECK_THROW(decode_stored_part(data), DatabaseError);
            if (data.find("id ") == std::string::npos) BOOST_CHECK_THROW(decode_part_label(data), DatabaseError);
        }
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

    l.other = "Q/c/002.txt";
    l.relation = Relation::Near;
    l.similarity = 1.0 / 3;
    l.evidence = {};
    l.evidence.specific_a = 4;
    l.evidence.specific_shared = 2;
    l.evidence.coverage_a = 0.125;
    l.evidence.coverage_b = 2.0 / 3;
    l.evidence.shingle_jaccard = 0.5;
    d.links.push_back(l);
    const std::string data = encode(d);

    const PartDuplicates full = decode_part_duplicates(data);
    BOOST_TEST_REQUIRE(full.links.size() == 2u);
    BOOST_TEST(full.cluster == "c1");
    const PairEvidence& e0 = full.links[0].evidence;
    BOOST_TEST((e0.shared_figures == std::vector<std::string>{"p:17.7", "m:usd:8000000000"}));
    BOOST_TEST((e0.shared_names == std::vector<std::string>{"nvidia", "deepseek"}));
    BOOST_TEST(e0.shared_name_count == 2u);
    const PairEvidence& e1 = full.links[1].evidence;
    BOOST_TEST(e1.shared_figures.empty());
    BOOST_TEST(e1.specific_a == 4u);
    BOOST_TEST(e1.specific_shared == 2u);
    BOOST_TEST(e1.coverage_a == 0.125);
    BOOST_TEST(e1.coverage_b == 2.0 / 3);  // exactly: doubles round-trip
    BOOST_TEST(e1.shingle_jaccard == 0.5);
    BOOST_TEST(full.links[1].similarity == 1.0 / 3);
    BOOST_TEST((full.links[1].relation == Relation::Near));

    const PartLinks brief = decode_part_links(data);
    BOOST_TEST(brief.cluster == "c1");
    BOOST_TEST_REQUIRE(brief.links.size() == 2u);
    BOOST_TEST(brief.links[0].other == "Q/c/001.txt#ko");
    BOOST_TEST((brief.links[0].relation == Relation::Translation));
    BOOST_TEST(brief.links[0].similarity == 0.5);
    BOOST_TEST(brief.links[1].other == "Q/c/002.txt");
    BOOST_TEST(brief.links[1].similarity == 1.0 / 3);

    BOOST_TEST(decode_part_links("").links.empty());
    BOOST_CHECK_THROW(decode_part_links("{"), DatabaseError);
    BOOST_CHECK_THROW(decode_part_links("aisearch-dup\nlink 3\nQ/a\n"), DatabaseError);
    BOOST_CHECK_THROW(decode_part_duplicates("aisearch-dup\nlink 3\nQ/a\n"), DatabaseError);
}

namespace {

// Links of the kinds a record holds: a translation with figures, names
// and coverages, a near copy without evidence, an exact copy.
std::vector<DuplicateLink> sample_links() {
    DuplicateLink translation;
    translation.other = "Q/c/001.txt#ko";
    translation.relation = Relation::Translation;
    translation.similarity = 0.4;
    translation.evidence.shared_figures = {"p:17.7", "m:usd:8000000000"};
    translation.evidence.shared_names = {"엔비디아", "deepseek"};
    translation.evidence.coverage_a = 2.0 / 3;
    translation.evidence.specific_shared = 3;
    DuplicateLink near;
    near.other = "Q/c/002.txt";
    near.similarity = 1.0 / 3;
    DuplicateLink exact;
    exact.other = "Q/c/003.txt";
    exact.relation = Relation::Exact;
    exact.similarity = 1;
    return {translation, near, exact};
}

// A record as the indexer stores it: nothing for no links and no cluster.
std::string stored(const PartDuplicates& d) { return d.links.empty() && d.cluster.empty() ? std::string() : encode(d); }

}  // namespace

// with_cluster() rewrites a record's cluster as decoding, setting it and
// encoding again would, without touching the links.
BOOST_AUTO_TEST_CASE(record_with_another_cluster) {
    const std::vector<DuplicateLink> links = sample_links();
    const std::vector<DuplicateLink> none;
    struct Case {
        const std::vector<DuplicateLink>* links;
        std::string from, to;
    };
    const Case cases[] = {
        {&links, "", "c1"}, {&links, "c1", "c2"}, {&links, "c1", ""}, {&links, "", ""},
        {&none, "c1", ""},  {&none, "", "c2"},    {&none, "", ""},
    };
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT("links " << c.links->size() << ", " << c.from << " -> " << c.to) {
            BOOST_TEST(with_cluster(stored({c.from, *c.links}), c.to) == stored({c.to, *c.links}));
        }
    BOOST_CHECK_THROW(with_cluster("{", "c1"), DatabaseError);
}

// with_links_added() appends links as decoding, adding them and encoding
// again would.
BOOST_AUTO_TEST_CASE(record_with_links_added) {
    const std::vector<DuplicateLink> all = sample_links();
    struct Case {
        std::string cluster;
        std::size_t stored, added;  // the first `stored` links of all, then `added` more
    };
    const Case cases[] = {{"", 0, 1}, {"", 0, 3}, {"c1", 0, 2}, {"c1", 1, 2}, {"", 2, 1}, {"c1", 3, 0}};
    for (const auto& k : cases)
        BOOST_TEST_CONTEXT("cluster '" << k.cluster << "', " << k.stored << " + " << k.added << " links") {
            const std::vector<DuplicateLink> before(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k.stored));
            const std::vector<DuplicateLink> added(all.begin() + static_cast<std::ptrdiff_t>(k.stored),
                                                   all.begin() + static_cast<std::ptrdiff_t>(k.stored + k.added));
            const std::vector<DuplicateLink> after(all.begin(),
                                                   all.begin() + static_cast<std::ptrdiff_t>(k.stored + k.added));
            const std::string grown = with_links_added(stored({k.cluster, before}), added);
            BOOST_TEST(grown == encode({k.cluster, after}));
            BOOST_TEST(decode_part_duplicates(grown).links.size() == after.size());
        }
    BOOST_CHECK_THROW(with_links_added("{", all), DatabaseError);
    BOOST_CHECK_THROW(with_links_added("aisearch-cluster\n", all), DatabaseError);
}

BOOST_AUTO_TEST_CASE(cluster_records) {
    ClusterRecord c;
    c.members = {{"Q/c/001.txt#en", "001.txt#en", "en"},
                 {"Q/c/001.txt#ko", "001.txt#ko", "ko"},
                 {"Q/c/a b\nc.txt", "a b\nc.txt", "en"}};
    c.links = {{0, 1, Relation::Translation, 0.55123}, {0, 2, Relation::Exact, 1.0}};
    const ClusterRecord back = decode_cluster_record(encode(c));
    BOOST_TEST_REQUIRE(back.members.size() == 3u);
    BOOST_TEST(back.members[2].part == "Q/c/a b\nc.txt");
    BOOST_TEST(back.members[2].id == "a b\nc.txt");
    BOOST_TEST(back.members[1].lang == "ko");
    BOOST_TEST_REQUIRE(back.links.size() == 2u);
    BOOST_TEST(back.links[0].b == 1u);
    BOOST_TEST((back.links[0].relation == Relation::Translation));
    BOOST_TEST(back.links[0].similarity == 0.55123);
    BOOST_TEST((back.links[1].relation == Relation::Exact));
    BOOST_TEST((back.parts() == std::vector<std::string>{"Q/c/001.txt#en", "Q/c/001.txt#ko", "Q/c/a b\nc.txt"}));

    BOOST_TEST(decode_cluster_record("").members.empty());
    const std::string member = std::string("Qa") + '\0' + "a" + '\0' + "en";
    auto record = [&](const std::string& link) {
        return "aisearch-cluster\nmember " + std::to_string(member.size()) + "\n" + member + "\nlink " +
               std::to_string(link.size()) + "\n" + link + "\n";
    };
    BOOST_TEST(decode_cluster_record(record("0 0 exact 1")).links.size() == 1u);
    for (const std::string bad : {"0 1 exact 1", "0 0 bogus 1", "0 0 exact x", "0 0"})
        BOOST_TEST_CONTEXT(bad) { BOOST_CHECK_THROW(decode_cluster_record(record(bad)), DatabaseError); }
    BOOST_CHECK_THROW(decode_cluster_record(R"(["Qa","Qb"])"), DatabaseError);
    BOOST_CHECK_THROW(decode_cluster_record("aisearch-cluster\nmember 2\nQa\n"), DatabaseError);
}

// A cluster's record, as the indexer writes it and the searcher and the
// reports read it back: a cluster too large to list under a hit leaves
// only its size under its cluster key.
BOOST_AUTO_TEST_CASE(large_clusters_stored_as_their_size) {
    auto cluster_of = [](std::size_t members) {
        ClusterRecord c;
        for (std::size_t i = 0; i < members; ++i) {
            const std::string id = "기사-" + std::to_string(i) + ".txt#ko";
            c.members.push_back({"Q/c/" + id, id, "ko"});
            if (i > 0) c.links.push_back({0, i, Relation::Exact, 1.0});
        }
        return c;
    };
    struct Case {
        std::size_t members;
        std::size_t size_under_cluster_key;  // 0: the whole record is there
    };
    // In turn on one id: growing past the limit and shrinking back.
    const Case cases[] = {{2, 0}, {kMaxClusterSize, 0}, {kMaxClusterSize + 1, kMaxClusterSize + 1}, {1000, 1000}, {3, 0}};
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& c : cases)
        BOOST_TEST_CONTEXT(c.members << " members") {
            write_cluster(db, "c1", cluster_of(c.members));
            const ClusterRecord as_hit = decode_cluster_record(db.get_metadata(cluster_key("c1")));
            BOOST_TEST(as_hit.large_size == c.size_under_cluster_key);
            BOOST_TEST(as_hit.members.size() == (c.size_under_cluster_key ? 0 : c.members));
            BOOST_TEST(db.get_metadata(large_cluster_key("c1")).empty() == (c.size_under_cluster_key == 0));
            const ClusterRecord whole = read_cluster(db, "c1");
            BOOST_TEST(whole.parts() == cluster_of(c.members).parts());
            BOOST_TEST(whole.links.size() == c.members - 1);
            BOOST_TEST(whole.large_size == 0u);
        }
    write_cluster(db, "c1", {});
    BOOST_TEST(db.get_metadata(cluster_key("c1")).empty());
    BOOST_TEST(db.get_metadata(large_cluster_key("c1")).empty());
    BOOST_TEST(read_cluster(db, "c1").members.empty());
    BOOST_CHECK_THROW(decode_cluster_record("aisearch-cluster\nsize 3\nx3a\n"), DatabaseError);
}

BOOST_AUTO_TEST_SUITE_END()
