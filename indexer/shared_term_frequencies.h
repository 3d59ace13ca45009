// How many parts have each term of some kinds, for the terms that two or
// more parts have, read in one pass over the index. Duplicate detection
// asks this for every LSH band and the text hash of every part it links;
// most of those terms belong to that part alone. Looked up one by one, each
// is a B-tree descent, its blocks copied from the page cache: at 100k parts
// the lookups cost more than reading the 1.6 million band terms in order
// once, when most parts are being linked.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace aisearch {

class SharedTermFrequencies {
public:
    // Empty: loaded() is false.
    SharedTermFrequencies() = default;

    // Every term starting with one of `prefixes` that two or more
    // documents of `db` have.
    static SharedTermFrequencies read(const Xapian::Database& db, const std::vector<std::string_view>& prefixes);

    bool loaded() const { return loaded_; }
    // The number of documents that have `term`, if it has one of the
    // prefixes read: 1 for a term of one document or of none. Frequencies
    // above 65,535 read as 65,535.
    Xapian::doccount frequency(std::string_view term) const;
    std::size_t size() const { return size_; }
    std::size_t bytes() const { return keys_.capacity() * sizeof(std::uint64_t) + counts_.capacity() * sizeof(std::uint16_t); }

private:
    std::size_t slot_of(std::uint64_t key) const;

    // Open addressing over a 64-bit hash of the term, key 0 marking an
    // empty slot; two arrays, 10 bytes a slot, about two thirds full.
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint16_t> counts_;
    std::size_t size_ = 0;
    bool loaded_ = false;
};

}  // namespace aisearch
