// Publication date, source and author from the text of a scraped article.
// Pages carry them as short paragraphs of their own near the top or the
// bottom ("Published: 31 Jan. 2025, 10:09", "입력 2025.01.31 10:09",
// "© The Asia Business Daily(...)", "By Nam Hyun-woo", "홍길동 기자");
// a date mentioned inside a sentence is news, not metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aisearch {

struct ArticleMetadata {
    std::string date;    // "YYYY-MM-DD", or "" if none was found
    std::string source;  // publisher, e.g. "The Asia Business Daily"
    std::string author;  // byline name, e.g. "Nam Hyun-woo", "홍길동"
};

// One date expression (the whole text, with an optional time of day) ->
// "YYYY-MM-DD"; "" if the text is not a date or the date cannot exist.
// Accepts 2025-01-31, 2025-01-31T10:09:00+09:00, 2025.01.31, 2025. 1. 31.,
// 2025/01/31, 2025년 1월 31일, 31 Jan. 2025, January 31, 2025, Jan 31, 2025.
std::string normalize_date(std::string_view text);

// Looks at the first and the last 15 paragraphs; for each field the first
// match in document order wins. Empty strings when absent.
ArticleMetadata extract_metadata(const std::vector<std::string>& paragraphs);

}  // namespace aisearch
