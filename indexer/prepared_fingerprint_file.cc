#include "indexer/prepared_fingerprint_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace aisearch {

std::unique_ptr<PreparedFingerprintFile> PreparedFingerprintFile::create(const std::string& dir, Xapian::docid last) {
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) return nullptr;
    return std::unique_ptr<PreparedFingerprintFile>(new PreparedFingerprintFile(fd, last));
}

PreparedFingerprintFile::PreparedFingerprintFile(int fd, Xapian::docid last)
    : fd_(fd), where_(std::size_t{last} + 1) {}

PreparedFingerprintFile::~PreparedFingerprintFile() { ::close(fd_); }

void PreparedFingerprintFile::write(Xapian::docid did, const PreparedFingerprint& part) {
    if (did >= where_.size() || where_[did].load(std::memory_order_acquire) != 0 ||
        failed_.load(std::memory_order_relaxed))
        return;
    const std::string bytes = part.to_bytes();
    if (bytes.size() >= (std::uint64_t{1} << kSizeBits)) return;
    const std::uint64_t offset = end_.fetch_add(bytes.size(), std::memory_order_relaxed);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            failed_.store(true, std::memory_order_relaxed);
            return;
        }
        done += static_cast<std::size_t>(n);
    }
    where_[did].store(offset << kSizeBits | bytes.size(), std::memory_order_release);
    parts_.fetch_add(1, std::memory_order_relaxed);
}

std::shared_ptr<const PreparedFingerprint> PreparedFingerprintFile::read(Xapian::docid did,
                                                                         std::string& buffer) const {
    if (did >= where_.size()) return nullptr;
    const std::uint64_t at = where_[did].load(std::memory_order_acquire);
    if (at == 0) return nullptr;
    const std::size_t size = at & ((std::uint64_t{1} << kSizeBits) - 1);
    const std::uint64_t offset = at >> kSizeBits;
    buffer.resize(size);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd_, buffer.data() + done, size - done, static_cast<off_t>(offset + done));
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            return nullptr;  // read from the index instead
        }
        done += static_cast<std::size_t>(n);
    }
    return std::make_shared<const PreparedFingerprint>(PreparedFingerprint::from_bytes(buffer));
}

}  // namespace aisearch
