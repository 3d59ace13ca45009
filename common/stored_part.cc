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

namespace {

// Reads keys and strings until it has the id and the language, then stops.
class LabelReader : public nlohmann::json_sax<nlohmann::json> {
public:
    PartLabel label;
    bool has_id = false;

    bool key(string_t& k) override {
        key_ = k;
        return true;
    }
    bool string(string_t& v) override {
        if (depth_ != 1) return true;
        if (key_ == "id") label.id = v, has_id = true;
        else if (key_ == "lang") label.lang = v;
        return !(has_id && !label.lang.empty());
    }
    bool start_object(std::size_t) override { return ++depth_ <= 1; }
    bool end_object() override { return --depth_ >= 0; }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_array(std::size_t) override { return false; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    std::string key_;
    int depth_ = 0;
};

}  // namespace

PartLabel decode_part_label(std::string_view data) {
    LabelReader reader;
    nlohmann::json::sax_parse(data, &reader);
    if (!reader.has_id) throw DatabaseError("document data is not an aisearch part: no id");
    return reader.label;
}

}  // namespace aisearch
