#include "indexer/fingerprint_cache.h"

#include <algorithm>

namespace aisearch {

std::size_t FingerprintCache::bytes_of(const PreparedFingerprint& part) {
    constexpr std::size_t kOverhead = 48;  // the shared pointer's block, two allocations' headers
    return part.memory() + kOverhead;
}

std::shared_ptr<const PreparedFingerprint> FingerprintCache::find(Xapian::docid did) {
    if (did >= entries_.size() || !entries_[did].part) return nullptr;
    if (newest_ != did) {
        unlink(did);
        push_newest(did);
    }
    return entries_[did].part;
}

void FingerprintCache::insert(Xapian::docid did, std::shared_ptr<const PreparedFingerprint> part) {
    if (did == 0 || !part) return;  // 0 ends the list
    if (did >= entries_.size()) entries_.resize(std::max<std::size_t>(did + 1, entries_.capacity()));
    if (entries_[did].part) {
        bytes_ -= bytes_of(*entries_[did].part);
        --size_;
        unlink(did);
    }
    const std::size_t bytes = bytes_of(*part);
    while (oldest_ != 0 && bytes_ + bytes > max_bytes_) {
        const Xapian::docid old = oldest_;
        bytes_ -= bytes_of(*entries_[old].part);
        --size_;
        unlink(old);
        entries_[old].part.reset();
    }
    entries_[did].part = std::move(part);
    bytes_ += bytes;
    ++size_;
    push_newest(did);
}

void FingerprintCache::unlink(Xapian::docid did) {
    Entry& e = entries_[did];
    (e.newer ? entries_[e.newer].older : newest_) = e.older;
    (e.older ? entries_[e.older].newer : oldest_) = e.newer;
    e.newer = e.older = 0;
}

void FingerprintCache::push_newest(Xapian::docid did) {
    Entry& e = entries_[did];
    e.older = newest_;
    e.newer = 0;
    (newest_ ? entries_[newest_].newer : oldest_) = did;
    newest_ = did;
}

void FingerprintCache::clear() {
    entries_.clear();
    entries_.shrink_to_fit();
    bytes_ = size_ = 0;
    newest_ = oldest_ = 0;
}

}  // namespace aisearch
