#include "indexer/file_state.h"

#include <ctime>

#include <nlohmann/json.hpp>

namespace aisearch {

std::string encode(const FileState& s) {
    const nlohmann::json j = {{"path", s.path}, {"size", s.size}, {"mtime_ns", s.mtime_ns},
                              {"hash", s.hash}, {"indexed", s.indexed}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<FileState> decode_file_state(std::string_view value) {
    if (value.empty()) return std::nullopt;
    try {
        const auto j = nlohmann::json::parse(value);
        return FileState{j.at("path").get<std::string>(), j.at("size").get<std::uintmax_t>(),
                         j.at("mtime_ns").get<std::int64_t>(), j.at("hash").get<std::string>(),
                         j.at("indexed").get<std::string>()};
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace aisearch
