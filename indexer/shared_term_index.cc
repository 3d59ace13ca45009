#include "indexer/shared_term_index.h"

#include <algorithm>
#include <functional>
#include <string>

namespace aisearch {
namespace {

__extension__ using Wide = unsigned __int128;  // GCC's, for the high half of a product

std::uint64_t key_of(std::string_view term) {
    return std::max<std::uint64_t>(1, std::hash<std::string_view>{}(term));
}

}  // namespace

SharedTermIndex SharedTermIndex::read(const Xapian::Database& db, const std::vector<Kind>& kinds,
                                      std::size_t max_held) {
    struct Shared {
        std::uint64_t key;
        std::uint16_t count;
        std::uint32_t start;
    };
    std::vector<Shared> shared;
    SharedTermIndex table;
    for (const Kind& kind : kinds) {
        const std::string prefix(kind.prefix);
        // Postings are held only up to what a 16-bit count and the
        // 32-bit starts can say.
        const Xapian::doccount max_postings = std::min<Xapian::doccount>(kind.max_postings, 0xFFFF);
        for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
            const Xapian::doccount tf = t.get_termfreq();
            if (tf < 2) continue;
            std::uint32_t start = kNotHeld;
            if (tf <= max_postings && table.docids_.size() + tf <= std::min<std::size_t>(max_held, kNotHeld - 1)) {
                start = static_cast<std::uint32_t>(table.docids_.size());
                table.docids_.insert(table.docids_.end(), db.postlist_begin(*t), db.postlist_end(*t));
            }
            shared.push_back({key_of(*t), static_cast<std::uint16_t>(std::min<Xapian::doccount>(tf, 0xFFFF)), start});
        }
    }
    table.docids_.shrink_to_fit();
    table.loaded_ = true;
    // A table sized to what it holds: at 100k parts a third of a million
    // band terms are shared, and doubling would leave most of it empty.
    const std::size_t slots = shared.size() + shared.size() / 2 + 1;
    table.keys_.assign(slots, 0);
    table.counts_.assign(slots, 0);
    table.starts_.assign(slots, kNotHeld);
    for (const Shared& s : shared) {
        const std::size_t i = table.slot_of(s.key);
        if (table.keys_[i] == 0) ++table.size_;
        table.keys_[i] = s.key;
        table.counts_[i] = s.count;
        table.starts_[i] = s.start;
    }
    return table;
}

std::size_t SharedTermIndex::slot_of(std::uint64_t key) const {
    // The high half of key * size picks a slot evenly for any size.
    const std::size_t n = keys_.size();
    auto i = static_cast<std::size_t>((static_cast<Wide>(key * 0x9E3779B97F4A7C15ull) * n) >> 64);
    while (keys_[i] != 0 && keys_[i] != key) i = i + 1 == n ? 0 : i + 1;
    return i;
}

Xapian::doccount SharedTermIndex::frequency(std::string_view term) const {
    if (keys_.empty()) return 1;
    const std::size_t i = slot_of(key_of(term));
    return keys_[i] == 0 ? 1 : counts_[i];
}

std::span<const Xapian::docid> SharedTermIndex::postings(std::string_view term) const {
    if (keys_.empty()) return {};
    const std::size_t i = slot_of(key_of(term));
    if (keys_[i] == 0 || starts_[i] == kNotHeld) return {};
    return {docids_.data() + starts_[i], counts_[i]};
}

}  // namespace aisearch
