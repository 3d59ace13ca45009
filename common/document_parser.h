// Turns the raw bytes of an article into what gets indexed: valid UTF-8,
// paragraphs without page furniture or repeats, a title, and one part per
// language (a bilingual article yields a Korean and an English part).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/boilerplate_filter.h"

namespace aisearch {

struct LanguagePart {
    std::string lang;  // "ko" or "en"
    std::string title;
    std::vector<std::string> paragraphs;  // body, without the title
};

struct ParsedDocument {
    std::vector<LanguagePart> parts;  // one, or one per language
    std::size_t invalid_sequences = 0;  // invalid UTF-8 replaced by U+FFFD
    std::size_t dropped_paragraphs = 0; // furniture and repeats
};

// "ko" if Hangul makes up at least half of the letters, "en" if there are
// other letters, "" if there are none.
std::string_view paragraph_language(std::string_view paragraph);

// The lines of a text, without their '\n' ("" between two newlines).
std::vector<std::string> split_lines(std::string_view text);

class DocumentParser {
public:
    explicit DocumentParser(BoilerplateFilter boilerplate);

    // Plain text: every non-empty line is a paragraph; the title is the
    // first paragraph that is not furniture.
    ParsedDocument parse_text(std::string_view raw) const;

    // Paragraphs already extracted (by a format reader) -> parts. White
    // space is collapsed and empty paragraphs dropped.
    ParsedDocument parse_paragraphs(std::vector<std::string> paragraphs) const;

private:
    BoilerplateFilter boilerplate_;
};

}  // namespace aisearch
