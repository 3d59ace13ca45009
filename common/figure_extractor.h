// Finds the figures of Korean or English text (numbers, percentages, money
// amounts, dates, years) and renders each as a language-independent key, so
// that an article and its translation share keys: "80억 달러" and
// "$8 billion" are both m:usd:8000000000, "2023년 5월" and "May 2023" both
// d:2023-05. Used to pair translations, so a doubtful figure is dropped
// rather than guessed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aisearch {

enum class FigureKind : std::uint8_t { Number, Percent, Money, Date, Year };

struct Figure {
    FigureKind kind = FigureKind::Number;
    // n:12000, p:17.7, m:usd:8000000000, d:2025-01-31, d:2023-05,
    // d:--01-22 (no year), y:2015. Values are exact decimals without
    // exponent or trailing zeros.
    std::string key;
    // Strong enough to identify an article: money, percentages, dates, and
    // numbers that are fractional or at least 1000. Not years, and not the
    // small integers that number table rows, steps and ages.
    bool specific = false;
    std::uint32_t begin = 0;  // byte span in the input text
    std::uint32_t end = 0;
};

// Figures of `text` in order of appearance. Any bytes are accepted: invalid
// UTF-8 is skipped and spans are offsets in `text` as given.
std::vector<Figure> extract_figures(std::string_view text);

}  // namespace aisearch
