// What the index remembers about each source file (in database metadata,
// committed together with the file's documents), so a run can skip files
// that did not change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aisearch {

struct FileState {
    std::string path;        // absolute path of the source file
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;        // content_hash of its bytes
    std::string indexed;     // ISO 8601 UTC time it was last indexed
};

std::string encode(const FileState& state);
// nullopt for an empty or unreadable value.
std::optional<FileState> decode_file_state(std::string_view value);

// Now, as ISO 8601 UTC ("2025-01-31T01:09:00Z").
std::string utc_now();

}  // namespace aisearch
