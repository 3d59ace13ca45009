// FingerprintCache: which parts it holds after a sequence of finds and
// inserts, against a plain list of docids in order of use.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <list>
#include <memory>
#include <random>
#include <string>

#include "indexer/fingerprint_cache.h"

using aisearch::FingerprintCache;
using aisearch::PreparedFingerprint;

BOOST_AUTO_TEST_SUITE(fingerprint_cache)

namespace {

std::shared_ptr<const PreparedFingerprint> part() {
    return std::make_shared<const PreparedFingerprint>(aisearch::DuplicateFingerprint{},
                                                       [](const std::string&) { return 1.0; });
}

const std::size_t kOne = FingerprintCache::bytes_of(*part());

// The docids 1..9 held, as "1 3 4".
std::string held(FingerprintCache& cache) {
    std::string out;
    // find() reorders; a copy keeps the order of use under test untouched.
    for (Xapian::docid did = 1; did < 10; ++did) {
        FingerprintCache probe = cache;
        if (!probe.find(did)) continue;
        if (!out.empty()) out += ' ';
        out += std::to_string(did);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(least_recently_used_leaves_first) {
    struct Step {
        char op;  // 'i' insert, 'f' find
        Xapian::docid did;
        std::string expected;  // held after the step
    };
    const Step steps[] = {
        {'i', 1, "1"},
        {'i', 2, "1 2"},
        {'i', 3, "1 2 3"},
        {'i', 4, "2 3 4"},  // full: 1 is the oldest
        {'f', 2, "2 3 4"},  // 2 becomes the newest
        {'i', 5, "2 4 5"},  // 3 is now the oldest
        {'f', 5, "2 4 5"},  // the newest found again: no change
        {'f', 1, "2 4 5"},  // not held: no change
        {'i', 4, "2 4 5"},  // held already: replaced, becomes the newest
        {'i', 6, "4 5 6"},
        {'i', 0, "4 5 6"},  // docid 0 is never held
        {'f', 4, "4 5 6"},
        {'i', 7, "4 6 7"},
    };
    FingerprintCache cache(3 * kOne);
    for (const auto& s : steps) {
        if (s.op == 'i')
            cache.insert(s.did, part());
        else
            cache.find(s.did);
        BOOST_TEST(held(cache) == s.expected, s.op << s.did);
    }
    BOOST_TEST(cache.size() == 3u);
    BOOST_TEST(cache.bytes() == 3 * kOne);
    cache.clear();
    BOOST_TEST(held(cache) == "");
    BOOST_TEST(cache.bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(a_part_larger_than_the_budget_is_held_alone) {
    FingerprintCache cache(kOne / 2);
    cache.insert(1, part());
    cache.insert(2, part());
    BOOST_TEST(held(cache) == "2");
}

BOOST_AUTO_TEST_CASE(matches_a_list_in_order_of_use) {
    // Random finds and inserts over 50 docids with room for 7, against
    // the obvious list.
    std::mt19937 random(7);
    FingerprintCache cache(7 * kOne);
    std::list<Xapian::docid> model;  // newest first
    for (int step = 0; step < 20000; ++step) {
        const Xapian::docid did = 1 + random() % 50;
        const auto it = std::find(model.begin(), model.end(), did);
        if (random() % 2) {
            BOOST_REQUIRE((cache.find(did) != nullptr) == (it != model.end()));
            if (it != model.end()) model.splice(model.begin(), model, it);
        } else {
            cache.insert(did, part());
            if (it != model.end()) model.erase(it);
            model.push_front(did);
            if (model.size() > 7) model.pop_back();
        }
        BOOST_REQUIRE(cache.size() == model.size());
    }
    for (const Xapian::docid did : model) BOOST_TEST(cache.find(did) != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
