// SharedTermFrequencies: the document frequency of every term of the
// prefixes read, against the index's own get_termfreq().
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/shared_term_frequencies.h"

using aisearch::SharedTermFrequencies;

BOOST_AUTO_TEST_SUITE(shared_term_frequencies)

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

}  // namespace

BOOST_AUTO_TEST_CASE(frequencies_of_the_prefixes_read) {
    const auto db = database({
        {"XB0abc", "XB1def", "XHh1", "XAdeepseek", "Lko"},
        {"XB0abc", "XB1xyz", "XHh1", "XAdeepseek", "Lko"},
        {"XB0abc", "XB1uvw", "XHh2", "XAnvidia", "Len"},
    });
    const auto table = SharedTermFrequencies::read(db, {"XB", "XH"});
    BOOST_TEST(table.loaded());
    BOOST_TEST(table.size() == 2u);  // XB0abc, XHh1
    struct Case {
        std::string term;
        Xapian::doccount expected;
    };
    const Case cases[] = {
        {"XB0abc", 3},      // in every document
        {"XHh1", 2},        // in two
        {"XB1def", 1},      // in one
        {"XHh2", 1},
        {"XB9none", 1},     // in none
        {"XAdeepseek", 1},  // shared, but its prefix was not read
        {"Lko", 1},
        {"", 1},
    };
    for (const auto& c : cases) BOOST_TEST(table.frequency(c.term) == c.expected, c.term);
}

BOOST_AUTO_TEST_CASE(thousands_of_terms_match_the_index) {
    // Enough terms that many share a slot's neighbourhood: every frequency
    // read back must be the index's own.
    std::vector<std::vector<std::string>> documents(50);
    for (int t = 0; t < 4000; ++t)
        for (int d = 0; d <= t % 7; ++d) documents[(t + 13 * d) % 50].push_back("XB" + std::to_string(t) + "-바");
    const auto db = database(documents);
    const auto table = SharedTermFrequencies::read(db, {"XB"});
    std::size_t shared = 0, wrong = 0;
    for (int t = 0; t < 4000; ++t) {
        const std::string term = "XB" + std::to_string(t) + "-바";
        const Xapian::doccount tf = db.get_termfreq(term);
        shared += tf > 1;
        wrong += table.frequency(term) != std::max<Xapian::doccount>(1, tf);
    }
    BOOST_TEST(shared > 3000u);
    BOOST_TEST(table.size() == shared);
    BOOST_TEST(wrong == 0u);
    BOOST_TEST(table.bytes() < shared * 20);
}

BOOST_AUTO_TEST_CASE(empty_database_and_empty_table) {
    const auto db = database({});
    const auto table = SharedTermFrequencies::read(db, {"XB", "XH"});
    BOOST_TEST(table.loaded());
    BOOST_TEST(table.size() == 0u);
    BOOST_TEST(table.frequency("XB0abc") == 1u);
    const SharedTermFrequencies none;
    BOOST_TEST(!none.loaded());
    BOOST_TEST(none.frequency("XB0abc") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
