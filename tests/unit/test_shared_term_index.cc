// SharedTermIndex: the document frequency of every term of the kinds read,
// and the postings of those of at most their kind's frequency, against the
// index's own get_termfreq() and posting lists.
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/shared_term_index.h"

using aisearch::SharedTermIndex;

BOOST_AUTO_TEST_SUITE(shared_term_index)

namespace {

Xapian::WritableDatabase database(const std::vector<std::vector<std::string>>& documents) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const auto& terms : documents) {
        Xapian::Document doc;
        for (const auto& t : terms) doc.add_boolean_term(t);
        db.add_document(doc);
    }
    return db;
}

std::vector<Xapian::docid> postings_of(const SharedTermIndex& index, const std::string& term) {
    const auto p = index.postings(term);
    return {p.begin(), p.end()};
}

std::vector<Xapian::docid> postings_of(const Xapian::Database& db, const std::string& term) {
    return {db.postlist_begin(term), db.postlist_end(term)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(frequencies_and_postings_of_the_kinds_read) {
    const auto db = database({
        {"XB0abc", "XB1def", "XHh1", "XAdeepseek", "XA엔비디아", "Lko"},
        {"XB0abc", "XB1xyz", "XHh1", "XAdeepseek", "Lko"},
        {"XB0abc", "XB1uvw", "XHh2", "XAnvidia", "XA엔비디아", "Len"},
    });
    const auto index = SharedTermIndex::read(db, {{"XB", 2}, {"XH", 0}, {"XA", 5}});
    BOOST_TEST(index.loaded());
    BOOST_TEST(index.size() == 4u);  // XB0abc, XHh1, XAdeepseek, XA엔비디아
    struct Case {
        std::string term;
        Xapian::doccount frequency;
        std::vector<Xapian::docid> postings;
    };
    const Case cases[] = {
        {"XB0abc", 3, {}},              // more than its kind's 2: frequency only
        {"XHh1", 2, {}},                // a kind read for frequencies only
        {"XAdeepseek", 2, {1, 2}},      // held
        {"XA엔비디아", 2, {1, 3}},
        {"XB1def", 1, {}},              // in one document
        {"XAnvidia", 1, {}},
        {"XHh2", 1, {}},
        {"XB9none", 1, {}},             // in none
        {"Lko", 1, {}},                 // shared, but its prefix was not read
        {"", 1, {}},
    };
    for (const auto& c : cases) {
        BOOST_TEST(index.frequency(c.term) == c.frequency, c.term);
        BOOST_TEST(postings_of(index, c.term) == c.postings, c.term);
    }
}

BOOST_AUTO_TEST_CASE(thousands_of_terms_match_the_index) {
    // Enough terms that many share a slot's neighbourhood: every frequency
    // and posting list read back must be the index's own.
    std::vector<std::vector<std::string>> documents(50);
    for (int t = 0; t < 4000; ++t)
        for (int d = 0; d <= t % 7; ++d) documents[(t + 13 * d) % 50].push_back("XB" + std::to_string(t) + "-바");
    const auto db = database(documents);
    const auto index = SharedTermIndex::read(db, {{"XB", 5}});
    std::size_t shared = 0, held = 0, wrong = 0;
    for (int t = 0; t < 4000; ++t) {
        const std::string term = "XB" + std::to_string(t) + "-바";
        const Xapian::doccount tf = db.get_termfreq(term);
        shared += tf > 1;
        held += tf > 1 && tf <= 5;
        wrong += index.frequency(term) != std::max<Xapian::doccount>(1, tf);
        const auto expected = tf > 1 && tf <= 5 ? postings_of(db, term) : std::vector<Xapian::docid>{};
        wrong += postings_of(index, term) != expected;
    }
    BOOST_TEST(shared > 3000u);
    BOOST_TEST(held > 2000u);
    BOOST_TEST(index.size() == shared);
    BOOST_TEST(wrong == 0u);
    // 14 bytes a slot, 4 a held posting.
    BOOST_TEST(index.bytes() < shared * 24 + held * 5 * 4);
}

BOOST_AUTO_TEST_CASE(postings_held_within_the_bound) {
    // Kinds in the order given, terms in term order, each held if it fits
    // in what the bound leaves; frequencies of all of them either way.
    const auto db = database({
        {"XAa", "XAb", "XBx", "XBy"},
        {"XAa", "XAb", "XBx", "XBy"},
        {"XAa", "XBx"},
    });
    const auto index = SharedTermIndex::read(db, {{"XA", 10}, {"XB", 10}}, 6);
    struct Case {
        std::string term;
        Xapian::doccount frequency;
        std::vector<Xapian::docid> postings;
    };
    const Case cases[] = {
        {"XAa", 3, {1, 2, 3}},  // 3 held
        {"XAb", 2, {1, 2}},     // 5
        {"XBx", 3, {}},         // would make 8
        {"XBy", 2, {}},         // would make 7
    };
    for (const auto& c : cases) {
        BOOST_TEST(index.frequency(c.term) == c.frequency, c.term);
        BOOST_TEST(postings_of(index, c.term) == c.postings, c.term);
    }
}

BOOST_AUTO_TEST_CASE(empty_database_and_empty_index) {
    const auto db = database({});
    const auto index = SharedTermIndex::read(db, {{"XB", 100}, {"XH", 0}});
    BOOST_TEST(index.loaded());
    BOOST_TEST(index.size() == 0u);
    BOOST_TEST(index.frequency("XB0abc") == 1u);
    BOOST_TEST(index.postings("XB0abc").empty());
    const SharedTermIndex none;
    BOOST_TEST(!none.loaded());
    BOOST_TEST(none.frequency("XB0abc") == 1u);
    BOOST_TEST(none.postings("XB0abc").empty());
}

BOOST_AUTO_TEST_SUITE_END()
