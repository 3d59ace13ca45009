#include "common/stored_part.h"

#include <nlohmann/json.hpp>

#include "aisearch/error.h"

namespace aisearch {

std::string encode(const StoredPart& p) {
    const nlohmann::json j = {{"id", p.id},         {"path", p.path},     {"title", p.title},
                              {"lang", p.lang},     {"text", p.text},     {"date", p.date},
                              {"source", p.source}, {"author", p.author}, {"url", p.url},
                              {"hash", p.hash},     {"indexed", p.indexed}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredPart decode_stored_part(std::string_view data) {
    try {
        const auto j = nlohmann::json::parse(data);
        auto optional = [&](const char* key) { return j.value(key, std::string()); };
        return {j.at("id").get<std::string>(), j.at("path").get<std::string>(),
                j.at("title").get<std::string>(), j.at("lang").get<std::string>(),
                j.at("text").get<std::string>(), optional("date"), optional("source"),
                optional("author"), optional("url"), optional("hash"), optional("indexed")};
    } catch (const nlohmann::json::exception& e) {
        throw DatabaseError(std::string("document data is not an aisearch part: ") + e.what());
    }
}

}  // namespace aisearch
