#include "common/jsonl_reader.h"

#include <nlohmann/json.hpp>

#include <optional>

#include "common/utf8.h"

namespace aisearch {
namespace {

using nlohmann::json;

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

std::string quoted(std::string_view key) { return std::string(1, '"').append(key).append(1, '"'); }

// Why the object is not a record, or nullopt once `r` is filled in.
std::optional<std::string> to_record(const json& j, JsonlRecord& r) {
    if (!j.is_object()) return "not a JSON object";

    const auto id = j.find("id");
    if (id == j.end()) return "missing " + quoted("id");
    if (id->is_string()) {
        r.id = id->get<std::string>();
    } else if (id->is_number_integer()) {  // signed and unsigned
        r.id = id->dump();
    } else {
        return quoted("id") + " must be a string or an integer";
    }
    if (r.id.empty()) return quoted("id") + " is empty";

    const auto body = j.find("body");
    if (body == j.end()) return "missing " + quoted("body");
    if (!body->is_string()) return quoted("body") + " must be a string";
    r.body = body->get<std::string>();

    const std::pair<const char*, std::string*> optional[] = {
        {"title", &r.title}, {"date", &r.date}, {"source", &r.source}, {"url", &r.url}, {"lang", &r.lang}};
    for (const auto& [key, field] : optional) {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) continue;
        if (!it->is_string()) return quoted(key) + " must be a string";
        *field = it->get<std::string>();
    }
    if (!r.lang.empty() && r.lang != "ko" && r.lang != "en") return quoted("lang") + " must be \"ko\" or \"en\"";
    return std::nullopt;
}

}  // namespace

void read_jsonl(std::string_view bytes, const std::function<void(JsonlRecord&&)>& on_record,
                const std::function<void(const JsonlProblem&)>& on_problem) {
    // Repairing the whole input keeps line numbers: no invalid sequence
    // swallows a newline.
    const std::string text = sanitize_utf8(bytes);
    std::size_t line_no = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view line = std::string_view(text).substr(start, nl - start);
        start = nl + 1;
        ++line_no;
        if (is_blank(line)) continue;

        json j;
        try {
            j = json::parse(line);
        } catch (const json::parse_error& e) {
            on_problem({line_no, "invalid JSON at byte " + std::to_string(e.byte)});
            continue;
        }
        JsonlRecord record;
        record.line = line_no;
        if (auto reason = to_record(j, record)) {
            on_problem({line_no, std::move(*reason)});
            continue;
        }
        on_record(std::move(record));
    }
}

}  // namespace aisearch
