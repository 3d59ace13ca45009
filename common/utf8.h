// Small UTF-8 helpers shared by the parser, the analyzer and the snippets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aisearch {

// Returns valid UTF-8: a leading byte-order mark is dropped and every
// invalid sequence becomes U+FFFD. `replaced` (if given) counts them.
std::string sanitize_utf8(std::string_view in, std::size_t* replaced = nullptr);

// Number of code points in valid UTF-8.
std::size_t count_code_points(std::string_view s);

// True for Hangul syllables and jamo (all blocks).
bool is_hangul(char32_t c);

// The Hangul syllable (U+AC00-D7A3) whose three-byte UTF-8 starts at
// text[i], or 0 for anything else (also when fewer than three bytes are
// left, or they are not its continuation bytes).
char32_t hangul_syllable_at(std::string_view text, std::size_t i);

// Appends the UTF-8 encoding of c.
void append_utf8(std::string& out, char32_t c);

}  // namespace aisearch
