#include "common/word_segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include "aisearch/error.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

bool is_word_punct(char32_t c) {
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == '.' || c == ',' ||
           c == ':' || c == 0xB7 || c == 0x2027;
}

bool is_grouped_number(const std::string& s) {
    // 1,234 or 12,345,678.9: commas every three digits before any point.
    std::size_t i = 0, digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    if (digits == 0 || digits > 3 || i == s.size() || s[i] != ',') return false;
    while (i < s.size() && s[i] == ',') {
        std::size_t j = i + 1, n = 0;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j, ++n;
        if (n != 3) return false;
        i = j;
    }
    if (i == s.size()) return true;
    if (s[i] != '.') return false;
    for (++i; i < s.size(); ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

Script classify(const std::string& text) {
    if (text.empty()) return Script::Other;
    bool all_numeric = true;
    for (unsigned char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) all_numeric = false;
    if (all_numeric && text[0] >= '0' && text[0] <= '9') return Script::Number;
    int32_t i = 0;
    UChar32 first;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), first);
    if (is_hangul(static_cast<char32_t>(first))) return Script::Hangul;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(first, &status);
    if (script == USCRIPT_LATIN || (first >= '0' && first <= '9')) return Script::Latin;
    return Script::Other;
}

}  // namespace

WordSegmenter::WordSegmenter() {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    folder_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !breaker_)
        throw ResourceError(std::string("ICU word breaker unavailable: ") + u_errorName(status));
}

WordSegmenter::~WordSegmenter() = default;

std::vector<WordPiece> WordSegmenter::segment(std::string_view text) {
    std::vector<WordPiece> pieces;
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // UTF-16 index -> byte offset, so pieces point into the caller's text.
    std::vector<std::uint32_t> byte_at(static_cast<std::size_t>(u.length()) + 1);
    {
        std::uint32_t b = 0;
        for (int32_t i = 0; i < u.length();) {
            const UChar32 c = u.char32At(i);
            const int32_t w = U16_LENGTH(c);
            for (int32_t k = 0; k < w; ++k) byte_at[static_cast<std::size_t>(i + k)] = b;
            b += static_cast<std::uint32_t>(U8_LENGTH(c));
            i += w;
        }
        byte_at[static_cast<std::size_t>(u.length())] = b;
    }

    std::uint32_t last_end = UINT32_MAX;
    auto emit = [&](int32_t from, int32_t to, std::string folded_text) {
        WordPiece p;
        p.begin = byte_at[static_cast<std::size_t>(from)];
        p.end = byte_at[static_cast<std::size_t>(to)];
        p.glued = (p.begin == last_end);
        last_end = p.end;
        p.text = std::move(folded_text);
        p.script = classify(p.text);
        if (p.script == Script::Number && is_grouped_number(p.text))
            std::erase(p.text, ',');
        pieces.push_back(std::move(p));
    };
    auto fold = [&](int32_t from, int32_t to) {
        // ASCII and precomposed Hangul syllables, most words, are their own
        // NFKC_Casefold but for ASCII capitals: no ICU call, no copy.
        std::string out;
        bool plain = true;
        for (int32_t i = from; i < to && plain; ++i) {
            const char16_t c = u.charAt(i);
            if (c < 0x80) {
                out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
            } else if (c >= 0xAC00 && c <= 0xD7A3) {
                append_utf8(out, c);
            } else {
                plain = false;
            }
        }
        if (plain) return out;
        out.clear();
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString folded = folder_->normalize(u.tempSubStringBetween(from, to), status);
        if (U_FAILURE(status)) return out;
        for (int32_t i = 0; i < folded.length();) {
            UChar32 c = folded.char32At(i);
            i += U16_LENGTH(c);
            if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
            append_utf8(out, static_cast<char32_t>(c));
        }
        return out;
    };

    breaker_->setText(u);
    int32_t start = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         start = end, end = breaker_->next()) {
        if (breaker_->getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            const UChar32 c = u.char32At(start);
            if (end - start <= 2 && (c == '%' || c == 0xFF05)) {
                emit(start, end, "percent");
                pieces.back().script = Script::Latin;
            }
            continue;
        }
        // Split the ICU word into runs of Hangul and non-Hangul; punctuation
        // inside a word survives only between two non-Hangul characters
        // (17.7, deepseek's) and is a boundary otherwise (위원회’가).
        int32_t run_start = start;
        bool run_hangul = false;
        bool in_run = false;
        for (int32_t i = start; i < end;) {
            const UChar32 c = u.char32At(i);
            const int32_t next = i + U16_LENGTH(c);
            const bool h = is_hangul(static_cast<char32_t>(c));
            if (is_word_punct(static_cast<char32_t>(c))) {
                const bool next_hangul =
                    next < end && is_hangul(static_cast<char32_t>(u.char32At(next)));
                if (!in_run || run_hangul || next_hangul || next >= end) {
                    if (in_run) emit(run_start, i, fold(run_start, i));
                    in_run = false;
                }
            } else if (!in_run) {
                in_run = true;
                run_start = i;
                run_hangul = h;
            } else if (h != run_hangul) {
                emit(run_start, i, fold(run_start, i));
                run_start = i;
                run_hangul = h;
            }
            i = next;
        }
        if (in_run) emit(run_start, end, fold(run_start, end));
    }
    return pieces;
}

}  // namespace aisearch
