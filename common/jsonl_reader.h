// Article collections as JSON Lines: one JSON object per line, the way
// scrapers and data sets ship news. A bad line is reported and skipped;
// it never costs the good lines around it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aisearch {

struct JsonlRecord {
    std::string id, title, body, date, source, url, lang;
    std::size_t line = 0;  // 1-based
};

struct JsonlProblem {
    std::size_t line = 0;  // 1-based
    std::string reason;    // e.g. "missing \"body\""; the caller adds file and line
};

// Required: "id" (non-empty string, or integer, delivered as a string) and
// "body" (string). Optional strings: title, date, source, url, lang ("ko"
// or "en"); null counts as absent, as does an empty lang. Other members are
// ignored. Blank lines are skipped, CRLF is fine, invalid UTF-8 is repaired.
void read_jsonl(std::string_view bytes, const std::function<void(JsonlRecord&&)>& on_record,
                const std::function<void(const JsonlProblem&)>& on_problem);

}  // namespace aisearch
