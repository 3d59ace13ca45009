// Raw file bytes -> UTF-8 text. Files arrive as UTF-8 (with or without a
// byte-order mark), now and then as UTF-16 saved by a Windows editor, and
// sometimes are not text at all; the readers see only valid UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aisearch {

struct DecodedText {
    std::string utf8;                   // valid UTF-8
    std::size_t invalid_sequences = 0;  // invalid bytes replaced by U+FFFD
    std::string encoding;               // "utf-16le", "utf-16be", "utf-8", or as decode_as() was asked
};

// A UTF-16 LE/BE byte-order mark means UTF-16 (converted with ICU, invalid
// units replaced); anything else is UTF-8, a UTF-8 BOM dropped.
DecodedText decode_text(std::string_view bytes);

// Bytes in a named character set (an HTML <meta charset> label) -> UTF-8,
// invalid sequences replaced by U+FFFD. Labels are read as browsers read
// them: "euc-kr" is windows-949, which Korean pages really use. nullopt if
// ICU does not know the character set.
std::optional<DecodedText> decode_as(std::string_view bytes, std::string_view charset);

// True for data that is not text: a NUL byte in the first 8 KiB, unless
// the data starts with a UTF-16 BOM (UTF-16 text is full of NULs).
bool looks_binary(std::string_view bytes);

}  // namespace aisearch
