// The terms of some kinds that two or more documents have: how many
// documents have each, and for those of at most a given frequency, which
// ones. Read in one pass over the index. Duplicate detection asks for the
// frequency of every LSH band and text hash of every part it links, and
// reads the postings of the part's rarer bands and anchors; most bands
// belong to one part alone, and the postings of one anchor are read again
// for each part that has it. Looked up one by one, each is a B-tree
// descent, its blocks copied from the page cache: at 100k parts that cost
// more than reading the shared terms in order once, when most parts are
// being linked.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace aisearch {

class SharedTermIndex {
public:
    // The terms of one prefix, and the most documents a term of it may
    // have for its postings to be held (0: frequencies only).
    struct Kind {
        std::string_view prefix;
        Xapian::doccount max_postings = 0;
    };

    // Empty: loaded() is false.
    SharedTermIndex() = default;

    // Every term of one of `kinds` that two or more documents of `db` have,
    // holding the postings of at most `max_held` in all (kinds in the order
    // given, terms in term order): what is not held is read from the index.
    static SharedTermIndex read(const Xapian::Database& db, const std::vector<Kind>& kinds,
                                std::size_t max_held = std::size_t{1} << 24);

    bool loaded() const { return loaded_; }
    // The number of documents that have `term`, if it is of a kind read:
    // 1 for a term of one document or of none. Frequencies above 65,535
    // read as 65,535.
    Xapian::doccount frequency(std::string_view term) const;
    // The documents that have `term`, ascending, if it is of a kind read,
    // two to its kind's max_postings documents have it and it was within
    // max_held; otherwise empty.
    std::span<const Xapian::docid> postings(std::string_view term) const;
    std::size_t size() const { return size_; }
    std::size_t bytes() const {
        return keys_.capacity() * sizeof(std::uint64_t) + counts_.capacity() * sizeof(std::uint16_t) +
               starts_.capacity() * sizeof(std::uint32_t) + docids_.capacity() * sizeof(Xapian::docid);
    }

private:
    static constexpr std::uint32_t kNotHeld = ~std::uint32_t{0};
    std::size_t slot_of(std::uint64_t key) const;

    // Open addressing over a 64-bit hash of the term, key 0 marking an
    // empty slot, about two thirds full; a held term's postings are
    // docids_[starts_[slot]] onwards, counts_[slot] of them.
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint16_t> counts_;
    std::vector<std::uint32_t> starts_;
    std::vector<Xapian::docid> docids_;
    std::size_t size_ = 0;
    bool loaded_ = false;
};

}  // namespace aisearch
