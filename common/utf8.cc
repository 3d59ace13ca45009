#include "common/utf8.h"

#include <unicode/utf8.h>

namespace aisearch {

std::string sanitize_utf8(std::string_view in, std::size_t* replaced) {
    std::string out;
    out.reserve(in.size());
    std::size_t bad = 0;
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(in.data());
    const auto n = static_cast<int32_t>(in.size());
    if (in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < n) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) {
            ++bad;
            out += "\xEF\xBF\xBD";
        } else {
            out.append(in.data() + start, static_cast<std::size_t>(i - start));
        }
    }
    if (replaced) *replaced = bad;
    return out;
}

std::size_t count_code_points(std::string_view s) {
    // Branch-free, so the compiler can vectorise it: snippets count whole pages.
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool is_hangul(char32_t c) {
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
           (c >= 0x3130 && c <= 0x318F) || (c >= 0xA960 && c <= 0xA97F) ||
           (c >= 0xD7B0 && c <= 0xD7FF);
}

char32_t hangul_syllable_at(std::string_view text, std::size_t i) {
    if (i + 2 >= text.size()) return 0;
    const auto lead = static_cast<unsigned char>(text[i]);
    const auto second = static_cast<unsigned char>(text[i + 1]), third = static_cast<unsigned char>(text[i + 2]);
    if (lead < 0xEA || lead > 0xED || (second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return 0;
    const char32_t c = ((lead & 0x0Fu) << 12) | ((second & 0x3Fu) << 6) | (third & 0x3Fu);
    return c >= 0xAC00 && c <= 0xD7A3 ? c : 0;
}

void append_utf8(std::string& out, char32_t c) {
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, static_cast<UChar32>(c), error);
    if (!error) out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace aisearch
