// Saved news pages (.html) -> a title and the paragraphs a reader sees.
// libxml2's forgiving HTML parser builds the tree; page furniture that
// lives in its own elements (scripts, navigation, headers, footers, forms)
// is dropped here, the rest is left to the BoilerplateFilter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aisearch {

struct HtmlContent {
    std::string title;                    // first <h1> outside dropped parts, else <title>
    std::vector<std::string> paragraphs;  // visible block texts, in document order
};

// The character set is a UTF-16 BOM's, else a <meta charset> (or
// http-equiv Content-Type) label's, else UTF-8. Output is valid UTF-8 with
// white space collapsed and empty paragraphs dropped. Throws InputError
// only if libxml2 cannot produce a document at all (e.g. empty input).
HtmlContent read_html(std::string_view bytes);

}  // namespace aisearch
