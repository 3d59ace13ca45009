// Splits text into normalised word pieces with their byte offsets: ICU word
// breaking, then a split at every Hangul/non-Hangul boundary (챗GPT를 ->
// 챗 GPT 를), NFKC case folding, and number normalisation (2,048 -> 2048,
// % -> percent). Stretches of ASCII and Hangul syllables skip ICU: the
// segmenter breaks them itself, by the rules ICU's root word breaker
// applies to them, to the same pieces.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
class Normalizer2;
U_NAMESPACE_END

namespace aisearch {

enum class Script : std::uint8_t { Hangul, Latin, Number, Other };

struct WordPiece {
    std::string text;        // normalised form
    std::uint32_t begin = 0; // byte offsets of the source text
    std::uint32_t end = 0;
    Script script = Script::Other;
    bool glued = false;      // touches the previous piece (no space between)
};

class WordSegmenter {
public:
    // Off sends all text through ICU: the tests that prove the fast path
    // (ASCII and Hangul syllables) gives the same pieces compare the two.
    enum class AsciiFastPath : bool { Off, On };

    explicit WordSegmenter(AsciiFastPath ascii = AsciiFastPath::On);
    ~WordSegmenter();
    WordSegmenter(const WordSegmenter&) = delete;
    WordSegmenter& operator=(const WordSegmenter&) = delete;

    // `text` must be valid UTF-8 (see sanitize_utf8).
    std::vector<WordPiece> segment(std::string_view text);

private:
    // ICU's word breaker is made when text first needs it: a query whose
    // words all take the fast path never pays for it (3% of the CPU time
    // of a query process).
    void make_icu_objects();

    std::unique_ptr<icu::BreakIterator> breaker_;
    const icu::Normalizer2* folder_ = nullptr;
    AsciiFastPath ascii_;
};

}  // namespace aisearch
