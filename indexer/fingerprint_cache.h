// The prepared fingerprints duplicate detection compares, by docid, bounded
// in bytes, the least recently used dropped first. Docids are dense, so the
// entries are an array linked in order of use: a hash map and a list cost a
// node each, and a sixteenth of detection in lookups, at 100k parts.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "common/duplicate_fingerprint.h"

namespace aisearch {

class FingerprintCache {
public:
    explicit FingerprintCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // Null if not held; else it becomes the most recently used.
    std::shared_ptr<const PreparedFingerprint> find(Xapian::docid did);
    // Holds `part` as the most recently used, dropping the least recently
    // used until it fits (a part larger than the budget is still held, alone).
    // Docid 0 is never held.
    void insert(Xapian::docid did, std::shared_ptr<const PreparedFingerprint> part);
    void clear();
    // The budget for what is inserted from now on.
    void set_max_bytes(std::size_t max_bytes) { max_bytes_ = max_bytes; }
    // Room for docids up to `last` at once (24 bytes each), rather than
    // growing by doubling as parts come.
    void reserve(Xapian::docid last) { entries_.reserve(std::size_t{last} + 1); }

    std::size_t size() const { return size_; }
    std::size_t bytes() const { return bytes_; }
    // What holding `part` counts against the budget.
    static std::size_t bytes_of(const PreparedFingerprint& part);

private:
    struct Entry {
        std::shared_ptr<const PreparedFingerprint> part;
        Xapian::docid newer = 0, older = 0;  // neighbours in order of use, 0 past the ends
    };
    void unlink(Xapian::docid did);
    void push_newest(Xapian::docid did);

    std::size_t max_bytes_;
    std::size_t bytes_ = 0;
    std::size_t size_ = 0;
    std::vector<Entry> entries_;  // by docid
    Xapian::docid newest_ = 0, oldest_ = 0;
};

}  // namespace aisearch
