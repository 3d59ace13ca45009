#include "indexer/shared_term_frequencies.h"

#include <algorithm>
#include <functional>
#include <string>
#include <utility>

namespace aisearch {
namespace {

__extension__ using Wide = unsigned __int128;  // GCC's, for the high half of a product

std::uint64_t key_of(std::string_view term) {
    return std::max<std::uint64_t>(1, std::hash<std::string_view>{}(term));
}

}  // namespace

SharedTermFrequencies SharedTermFrequencies::read(const Xapian::Database& db,
                                                  const std::vector<std::string_view>& prefixes) {
    std::vector<std::pair<std::uint64_t, std::uint16_t>> shared;
    for (std::string_view p : prefixes) {
        const std::string prefix(p);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const Xapian::doccount tf = t.get_termfreq();
            if (tf < 2) continue;
            shared.emplace_back(key_of(*t), static_cast<std::uint16_t>(std::min<Xapian::doccount>(tf, 0xFFFF)));
        }
    }
    SharedTermFrequencies table;
    table.loaded_ = true;
    // A table sized to what it holds: at 100k parts a third of a million
    // band terms are shared, and doubling would leave most of it empty.
    const std::size_t slots = shared.size() + shared.size() / 2 + 1;
    table.keys_.assign(slots, 0);
    table.counts_.assign(slots, 0);
    for (const auto& [key, tf] : shared) {
        const std::size_t i = table.slot_of(key);
        if (table.keys_[i] == 0) ++table.size_;
        table.keys_[i] = key;
        table.counts_[i] = tf;
    }
    return table;
}

std::size_t SharedTermFrequencies::slot_of(std::uint64_t key) const {
    // The high half of key * size picks a slot evenly for any size.
    const std::size_t n = keys_.size();
    auto i = static_cast<std::size_t>((static_cast<Wide>(key * 0x9E3779B97F4A7C15ull) * n) >> 64);
    while (keys_[i] != 0 && keys_[i] != key) i = i + 1 == n ? 0 : i + 1;
    return i;
}

Xapian::doccount SharedTermFrequencies::frequency(std::string_view term) const {
    if (keys_.empty()) return 1;
    const std::size_t i = slot_of(key_of(term));
    return keys_[i] == 0 ? 1 : counts_[i];
}

}  // namespace aisearch
