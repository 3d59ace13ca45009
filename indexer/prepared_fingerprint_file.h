// Prepared fingerprints written once and read back by docid, outside
// memory. A large run's fingerprint cache cannot hold every part (at 100k
// parts, 57k fit), and a part it dropped was read from the index again,
// decoded and prepared: about 8 µs, a third of detection's CPU time. Read
// back from here it is one pread of about a kilobyte. The file is
// unlinked from the start, in the database's directory: the kernel keeps
// it in its page cache, outside the process's memory, and nothing is left
// behind, even by a killed run.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/duplicate_fingerprint.h"

namespace aisearch {

class PreparedFingerprintFile {
public:
    // A file for docids up to `last`, in directory `dir`; null if one
    // cannot be made there (only speed depends on it).
    static std::unique_ptr<PreparedFingerprintFile> create(const std::string& dir, Xapian::docid last);
    ~PreparedFingerprintFile();
    PreparedFingerprintFile(const PreparedFingerprintFile&) = delete;
    PreparedFingerprintFile& operator=(const PreparedFingerprintFile&) = delete;

    // Both may be called on several threads at once. A part is written
    // once; a failed write (a full disk) stops writing, and what was
    // written stays readable.
    void write(Xapian::docid did, const PreparedFingerprint& part);
    // Null if `did` was not written. `buffer`: the calling thread's, reused.
    std::shared_ptr<const PreparedFingerprint> read(Xapian::docid did, std::string& buffer) const;

    std::size_t parts() const { return parts_.load(std::memory_order_relaxed); }
    std::uint64_t bytes() const { return end_.load(std::memory_order_relaxed); }

private:
    PreparedFingerprintFile(int fd, Xapian::docid last);

    // Where each part is, by docid: offset << kSizeBits | size, 0 if not written.
    static constexpr unsigned kSizeBits = 24;
    int fd_;
    std::vector<std::atomic<std::uint64_t>> where_;
    std::atomic<std::uint64_t> end_{0};
    std::atomic<std::size_t> parts_{0};
    std::atomic<bool> failed_{false};
};

}  // namespace aisearch
