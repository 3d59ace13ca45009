#include "common/word_segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <array>
#include <cstring>

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

bool is_ascii_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

Script classify(const std::string& text) {
    if (text.empty()) return Script::Other;
    bool all_numeric = true;
    for (unsigned char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) all_numeric = false;
    if (all_numeric && text[0] >= '0' && text[0] <= '9') return Script::Number;
    // ASCII letters are the Latin script and all other ASCII is Common:
    // no ICU lookup needed.
    const auto lead = static_cast<unsigned char>(text[0]);
    if (lead < 0x80) return is_ascii_alnum(lead) ? Script::Latin : Script::Other;
    int32_t i = 0;
    UChar32 first;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), first);
    if (is_hangul(static_cast<char32_t>(first))) return Script::Hangul;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(first, &status);
    if (script == USCRIPT_LATIN) return Script::Latin;
    return Script::Other;
}

// Collects pieces in text order; `glued` looks at the previous piece, which
// may come from the other path.
struct PieceWriter {
    std::vector<WordPiece>& pieces;
    std::uint32_t last_end = UINT32_MAX;

    void emit(std::uint32_t begin, std::uint32_t end, std::string text) {
        WordPiece& p = pieces.emplace_back();
        p.begin = begin;
        p.end = end;
        p.glued = (begin == last_end);
        last_end = end;
        p.text = std::move(text);
        p.script = classify(p.text);
        if (p.script == Script::Number && is_grouped_number(p.text)) std::erase(p.text, ',');
    }
};

// Word_Break classes of ASCII as ICU 72's root word rules see them. ICU 72
// differs from plain UAX #29 in two places: '@' is a letter (e-mail
// addresses stay whole) and ':' is not MidLetter. The apostrophe
// (Single_Quote) acts as MidNumLet outside Hebrew. There are no Extend or
// Format characters in ASCII, so every rule looks only at neighbours.
enum AsciiClass : std::uint8_t {
    kOther,
    kLetter,      // ALetter: A-Z a-z @
    kDigit,       // Numeric
    kUnderscore,  // ExtendNumLet
    kMidNumLet,   // . ' (MidNumLet, Single_Quote): joins two letters or two digits
    kMidNum,      // , ; (MidNum): joins two digits
    kSpace,       // WSegSpace: runs of ' ' stay together
    kCR,          // CR LF stays together
};

constexpr std::array<AsciiClass, 128> make_ascii_classes() {
    std::array<AsciiClass, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kLetter;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kLetter;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigit;
    t['@'] = kLetter;
    t['_'] = kUnderscore;
    t['.'] = kMidNumLet;
    t['\''] = kMidNumLet;
    t[','] = kMidNum;
    t[';'] = kMidNum;
    t[' '] = kSpace;
    t['\r'] = kCR;
    return t;
}

constexpr std::array<AsciiClass, 128> kAsciiClass = make_ascii_classes();

// Breaks text[begin, end), pure ASCII with ICU word boundaries at both
// ends, as ICU would, and treats its words as segment() treats ICU's. An
// ASCII word has no Hangul and never starts or ends with punctuation, so it
// is one piece.
void segment_ascii(std::string_view text, std::uint32_t begin, std::uint32_t end, PieceWriter& out) {
    const auto cls = [&](std::uint32_t i) { return kAsciiClass[static_cast<unsigned char>(text[i])]; };
    for (std::uint32_t i = begin; i < end;) {
        const AsciiClass first = cls(i);
        std::uint32_t j = i + 1;
        if (first == kLetter || first == kDigit || first == kUnderscore) {
            AsciiClass last = first;
            while (j < end) {
                const AsciiClass c = cls(j);
                if (c == kLetter || c == kDigit || c == kUnderscore) {
                    last = c;
                    ++j;
                    continue;
                }
                if (j + 1 < end && last != kUnderscore && cls(j + 1) == last &&
                    (c == kMidNumLet || (c == kMidNum && last == kDigit))) {
                    j += 2;
                    continue;
                }
                break;
            }
            // A lone '_' matches no word rule.
            if (j - i > 1 || first != kUnderscore) {
                std::string word(text.substr(i, j - i));
                for (char& ch : word)
                    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
                out.emit(i, j, std::move(word));
            }
        } else if (first == kSpace) {
            while (j < end && text[j] == ' ') ++j;
        } else if (first == kCR) {
            if (j < end && text[j] == '\n') ++j;
        } else if (text[i] == '%') {
            out.emit(i, j, "percent");
        }
        i = j;
    }
}

// True where ICU's word rules break in any context: after LF, and before a
// space that follows an ASCII character other than a space or a Hangul
// syllable (only WSegSpace x WSegSpace, and Extend or Format characters,
// hold a space to what precedes it).
bool is_safe_split(std::string_view text, std::uint32_t p) {
    const auto prev = static_cast<unsigned char>(text[p - 1]);
    if (prev == '\n') return true;
    if (text[p] != ' ') return false;
    if (prev < 0x80) return prev != ' ';
    // A lead byte three back ends its character at p: nothing else ends there.
    return p >= 3 && hangul_syllable_at(text, p - 3) != 0;
}

std::uint32_t next_non_ascii(std::string_view text, std::uint32_t from) {
    const auto n = static_cast<std::uint32_t>(text.size());
    std::uint32_t i = from;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, text.data() + i, 8);
        if (w & 0x8080808080808080ULL) break;
    }
    while (i < n && static_cast<unsigned char>(text[i]) < 0x80) ++i;
    return i;
}

// The ICU path over `text`, which starts and ends at ICU word boundaries of
// the whole text and starts at byte `base` of it.
void segment_icu(icu::BreakIterator& breaker, const icu::Normalizer2& folder, std::string_view text,
                 std::uint32_t base, PieceWriter& out) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // UTF-16 index -> byte offset in the caller's text. Pieces are emitted
    // in order, so a cursor that only moves forward suffices.
    int32_t cursor_u16 = 0;
    std::uint32_t cursor_byte = base;
    auto byte_at = [&](int32_t index) {
        while (cursor_u16 < index) {
            const UChar32 c = u.char32At(cursor_u16);
            cursor_u16 += U16_LENGTH(c);
            cursor_byte += static_cast<std::uint32_t>(U8_LENGTH(c));
        }
        return cursor_byte;
    };
    auto emit = [&](int32_t from, int32_t to, std::string folded_text) {
        const std::uint32_t begin = byte_at(from);
        out.emit(begin, byte_at(to), std::move(folded_text));
    };
    auto fold = [&](int32_t from, int32_t to) {
        // ASCII and precomposed Hangul syllables, most words, are their own
        // NFKC_Casefold but for ASCII capitals: no ICU call, no copy.
        std::string out_text;
        bool plain = true;
        for (int32_t i = from; i < to && plain; ++i) {
            const char16_t c = u.charAt(i);
            if (c < 0x80) {
                out_text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
            } else if (c >= 0xAC00 && c <= 0xD7A3) {
                append_utf8(out_text, c);
            } else {
                plain = false;
            }
        }
        if (plain) return out_text;
        out_text.clear();
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString folded = folder.normalize(u.tempSubStringBetween(from, to), status);
        if (U_FAILURE(status)) return out_text;
        for (int32_t i = 0; i < folded.length();) {
            UChar32 c = folded.char32At(i);
            i += U16_LENGTH(c);
            if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
            append_utf8(out_text, static_cast<char32_t>(c));
        }
        return out_text;
    };

    breaker.setText(u);
    int32_t start = breaker.first();
    for (int32_t end = breaker.next(); end != icu::BreakIterator::DONE; start = end, end = breaker.next()) {
        if (breaker.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            const UChar32 c = u.char32At(start);
            if (end - start <= 2 && (c == '%' || c == 0xFF05)) emit(start, end, "percent");
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
                const bool next_hangul = next < end && is_hangul(static_cast<char32_t>(u.char32At(next)));
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
}

// The first character at or after `from` that is neither ASCII nor a
// Hangul syllable (its byte offset), or the end of the text.
std::uint32_t next_other_script(std::string_view text, std::uint32_t from) {
    const auto n = static_cast<std::uint32_t>(text.size());
    for (std::uint32_t i = from; i < n;) {
        if (static_cast<unsigned char>(text[i]) < 0x80)
            ++i;
        else if (hangul_syllable_at(text, i))
            i += 3;
        else
            return i;
    }
    return n;
}

// Breaks text[begin, end), ASCII and Hangul syllables between ICU word
// boundaries, as ICU would: its ASCII as segment_ascii() does, each run
// of Hangul syllables as one word (syllables are their own NFKC casefold).
// ICU 72's word rules treat Hangul syllables as dictionary characters;
// with no Korean dictionary it keeps a run of them whole and breaks on
// both sides of it, whatever the neighbours, so the ASCII between runs
// breaks as it would alone. The unit tests check this against ICU on
// every short mix of tricky ASCII and Hangul and on random text. (ICU's
// first Hangul also costs a process about half a millisecond of set-up.)
void segment_ascii_and_hangul(std::string_view text, std::uint32_t begin, std::uint32_t end, PieceWriter& out) {
    for (std::uint32_t pos = begin; pos < end;) {
        std::uint32_t run = pos;
        while (run < end && static_cast<unsigned char>(text[run]) < 0x80) ++run;
        if (run > pos) segment_ascii(text, pos, run, out);
        if (run == end) break;
        std::uint32_t run_end = run;
        while (run_end < end && hangul_syllable_at(text, run_end)) run_end += 3;
        out.emit(run, run_end, std::string(text.substr(run, run_end - run)));
        pos = run_end;
    }
}

// ASCII stretches shorter than this between non-ASCII text stay with ICU:
// one more ICU call costs more than breaking them there.
constexpr std::uint32_t kMinAsciiStretch = 64;

}  // namespace

WordSegmenter::WordSegmenter(AsciiFastPath ascii) : ascii_(ascii) {}

void WordSegmenter::make_icu_objects() {
    if (breaker_) return;
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    folder_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !breaker_ || !folder_) {
        breaker_.reset();
        throw ResourceError(std::string("ICU word breaker unavailable: ") + u_errorName(status));
    }
}

WordSegmenter::~WordSegmenter() = default;

std::vector<WordPiece> WordSegmenter::segment(std::string_view text) {
    std::vector<WordPiece> pieces;
    PieceWriter out{pieces};
    const auto n = static_cast<std::uint32_t>(text.size());
    if (ascii_ == AsciiFastPath::Off) {
        make_icu_objects();
        segment_icu(*breaker_, *folder_, text, 0, out);
        return pieces;
    }
    pieces.reserve(n / 8);
    // Alternate ASCII and ICU stretches, cut only where ICU breaks whatever
    // surrounds the cut, so each path sees its stretch as ICU would.
    for (std::uint32_t pos = 0; pos < n;) {
        const std::uint32_t non_ascii = next_non_ascii(text, pos);
        if (non_ascii == n) {
            segment_ascii(text, pos, n, out);
            break;
        }
        // Hangul syllables up to a boundary ICU always breaks at: no ICU.
        std::uint32_t hangul_end = next_other_script(text, non_ascii);
        while (hangul_end > non_ascii && hangul_end < n && !is_safe_split(text, hangul_end)) --hangul_end;
        if (hangul_end > non_ascii) {
            segment_ascii_and_hangul(text, pos, hangul_end, out);
            pos = hangul_end;
            continue;
        }
        std::uint32_t icu_begin = non_ascii;
        while (icu_begin > pos && !is_safe_split(text, icu_begin)) --icu_begin;
        if (icu_begin > pos) segment_ascii(text, pos, icu_begin, out);
        std::uint32_t icu_end = non_ascii;
        for (;;) {
            do ++icu_end;
            while (icu_end < n && !is_safe_split(text, icu_end));
            if (icu_end == n) break;
            const std::uint32_t next = next_non_ascii(text, icu_end);
            // Hangul after the stretch takes the fast path instead.
            if (next == n || next - icu_end >= kMinAsciiStretch || hangul_syllable_at(text, next)) break;
            icu_end = next;
        }
        make_icu_objects();
        segment_icu(*breaker_, *folder_, text.substr(icu_begin, icu_end - icu_begin), icu_begin, out);
        pos = icu_end;
    }
    return pieces;
}

}  // namespace aisearch
