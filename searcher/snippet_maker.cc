#include "searcher/snippet_maker.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include "common/utf8.h"

namespace aisearch {
namespace {

constexpr std::string_view kEllipsis = "…";

struct Match {
    std::size_t begin;      // bytes in the text
    std::size_t end;
    std::string_view key;   // which query word it is: a view of a HighlightTerms entry
};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::vector<Match> find_matches(std::string_view text, const std::vector<AnalyzedWord>& words,
                                const HighlightTerms& terms) {
    std::vector<Match> matches;
    for (const auto& w : words) {
        const std::string_view source = text.substr(w.begin, w.end - w.begin);
        if (auto it = terms.latin_stems.find(w.stem); w.script == Script::Latin && it != terms.latin_stems.end()) {
            matches.push_back({w.begin, w.end, *it});
        } else if (it = terms.exact.find(w.exact); it != terms.exact.end()) {
            matches.push_back({w.begin, w.end, *it});
        } else if (it = terms.exact.find(w.stem); w.script == Script::Hangul && it != terms.exact.end()) {
            matches.push_back({w.begin, w.stem_end, *it});
        } else if (const auto f = terms.noun_forms.find(w.stem); w.script == Script::Hangul && f != terms.noun_forms.end()) {
            // The noun alone, unless normalisation changed the word's bytes.
            matches.push_back({w.begin, source == w.exact ? w.begin + f->second.size() : w.end, f->second});
        } else if (auto p = std::find_if(terms.prefixes.begin(), terms.prefixes.end(),
                                         [&](const std::string& p) { return starts_with(w.exact, p); });
                   p != terms.prefixes.end()) {
            matches.push_back({w.begin, w.end, *p});
        } else if (w.script == Script::Hangul) {
            for (const auto& part : terms.hangul_parts) {
                const auto at = w.exact.find(part);
                if (at == std::string::npos) continue;
                // Offsets inside the word are only exact when normalisation
                // left it unchanged; otherwise mark the whole word.
                if (source == w.exact)
                    matches.push_back({w.begin + at, w.begin + at + part.size(), part});
                else
                    matches.push_back({w.begin, w.end, part});
                break;
            }
        }
    }
    return matches;
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Branch-free: it runs over every byte of a hit's text.
char ascii_lower(char c) {
    return static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 'a' - 'A' : 0));
}

// A number as text may write it, with commas every three digits
// (2048 -> 2,048; normalisation removes them); anything else unchanged.
std::string with_digit_groups(const std::string& s) {
    const std::size_t point = std::min(s.find('.'), s.size());
    if (point <= 3 || !std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(point),
                                   [](char c) { return c >= '0' && c <= '9'; }))
        return s;
    std::string out;
    for (std::size_t i = 0; i < point; ++i) {
        if (i > 0 && (point - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return out + s.substr(point);
}

// The part of an English stem that every word with that stem contains:
// the English stemmer changes at most a stem's last letter (happy -> happi,
// fly -> fli, hope -> hope from hoping), so all but the last letter, or
// the letters before the first non-ASCII one (whose case ascii_lower
// cannot fold). A longer needle than a fixed few letters leaves far fewer
// runs of text to analyse.
std::string_view stem_needle(std::string_view stem) {
    const auto non_ascii = std::find_if(stem.begin(), stem.end(), [](char c) { return (c & 0x80) != 0; });
    const auto ascii = static_cast<std::size_t>(non_ascii - stem.begin());
    if (ascii < stem.size()) return stem.substr(0, ascii > 0 ? ascii : std::min<std::size_t>(stem.size(), 3));
    return stem.substr(0, stem.size() > 2 ? stem.size() - 1 : stem.size());
}

// What a word must contain, ASCII letters lowered, to be a match: Korean
// words and numbers as they are (normalisation leaves Hangul syllables and
// digits alone; numbers also as grouped), English stems by stem_needle()
// and only at the start of a word, '%' for "percent".
struct Needle {
    std::string text;
    bool word_start = false;
};

std::vector<Needle> needles_of(const HighlightTerms& terms) {
    std::vector<Needle> needles;
    auto add = [&](std::string_view s, bool word_start = false) {
        if (s.empty()) return;
        std::string n;
        for (char c : s) n += ascii_lower(c);
        needles.push_back({std::move(n), word_start});
    };
    for (const auto& s : terms.latin_stems) add(stem_needle(s), true);
    if (terms.latin_stems.count("percent")) add("%");
    for (const auto& s : terms.exact) {
        add(s);
        if (const std::string grouped = with_digit_groups(s); grouped != s) add(grouped);
    }
    for (const auto& s : terms.hangul_parts) add(s);
    for (const auto& s : terms.prefixes) add(s);
    return needles;
}

// Whether an English word can start after this byte: the segmenter never
// starts one after an ASCII letter, digit or underscore (short stems such
// as "a" or "or" are in most words, but begin few).
bool may_precede_word(char c) {
    const auto u = static_cast<unsigned char>(c);
    return !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_');
}

// A set of two-byte sequences, tested once per byte of a hit's text.
class BytePairSet {
public:
    void add(unsigned char first, unsigned char second) { bits_[index(first, second) / 64] |= bit(first, second); }
    void add_all_after(unsigned char first) {
        std::fill_n(bits_.begin() + index(first, 0) / 64, 256 / 64, ~std::uint64_t{0});
    }
    bool contains(unsigned char first, unsigned char second) const {
        return (bits_[index(first, second) / 64] & bit(first, second)) != 0;
    }

private:
    static unsigned index(unsigned char first, unsigned char second) { return static_cast<unsigned>(first) << 8 | second; }
    static std::uint64_t bit(unsigned char first, unsigned char second) {
        return std::uint64_t{1} << (index(first, second) % 64);
    }
    std::array<std::uint64_t, (1 << 16) / 64> bits_{};
};

// The byte ranges of `text` that may hold a match: every run of text
// between white space that contains a needle, or text that normalisation
// rewrites into what a query word looks like (full-width forms U+FF00-FFEF,
// EF BC..BF; compatibility jamo U+3130-318F, E3 84..86). No word crosses
// white space, and a run's first word is analysed as it is in its
// paragraph, so analysing the runs alone finds every match.
std::vector<std::pair<std::size_t, std::size_t>> runs_to_analyse(std::string_view text,
                                                                 const std::vector<Needle>& needles) {
    // One pass over the text for all needles. A position is tested only if
    // its first two bytes, in any case, can start a needle (a one-byte
    // needle, such as "a", with any second byte); the few that can are
    // compared with ASCII letters lowered. A memmem per needle read a long
    // page once per query word, at a few bytes per step, and stopped at
    // every occurrence of a short stem's letters.
    BytePairSet starts;
    auto cases = [](unsigned char c) {
        const auto upper = static_cast<unsigned char>(c - ('a' - 'A'));
        return c >= 'a' && c <= 'z' ? std::array<unsigned char, 2>{c, upper} : std::array<unsigned char, 2>{c, c};
    };
    for (const auto& [n, word_start] : needles) {
        for (const unsigned char first : cases(static_cast<unsigned char>(n[0]))) {
            if (n.size() == 1)
                starts.add_all_after(first);
            else
                for (const unsigned char second : cases(static_cast<unsigned char>(n[1])))
                    starts.add(first, second);
        }
    }
    // Full-width forms and compatibility jamo: normalisation may turn them
    // into a query word.
    constexpr std::array<unsigned char, 2> kRewrittenLeads = {0xEF, 0xE3};
    auto rewritten = [&](unsigned char b) {
        return std::find(kRewrittenLeads.begin(), kRewrittenLeads.end(), b) != kRewrittenLeads.end();
    };
    for (const unsigned char lead : kRewrittenLeads) starts.add_all_after(lead);
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    auto needle_at = [&](std::size_t i, const Needle& n) {
        if (n.text.size() > size - i) return false;
        for (std::size_t k = 0; k < n.text.size(); ++k)
            if (ascii_lower(text[i + k]) != n.text[k]) return false;
        return !n.word_start || i == 0 || may_precede_word(text[i - 1]);
    };
    std::vector<std::size_t> at;
    auto test = [&](std::size_t i) {
        if (rewritten(bytes[i]) ||
            std::any_of(needles.begin(), needles.end(), [&](const Needle& n) { return needle_at(i, n); }))
            at.push_back(i);
    };
    for (std::size_t i = 0; i + 1 < size; ++i)
        if (starts.contains(bytes[i], bytes[i + 1])) test(i);
    if (size > 0 && starts.contains(bytes[size - 1], 0)) test(size - 1);
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t i : at) {
        if (!runs.empty() && i < runs.back().second) continue;  // inside the last run
        std::size_t begin = i, end = i;
        while (begin > 0 && !is_space_byte(text[begin - 1])) --begin;
        while (end < text.size() && !is_space_byte(text[end])) ++end;
        if (end > begin) runs.emplace_back(begin, end);
    }
    return runs;
}

std::size_t byte_of_code_point(std::string_view text, std::size_t cp) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (seen++ == cp) return i;
    }
    return text.size();
}

}  // namespace

Snippet SnippetMaker::make(std::string_view text, const HighlightTerms& terms, std::size_t length) {
    // Only the runs of text that may hold a query word are analysed:
    // analysing whole pages, then whole paragraphs, was most of a query's
    // time. A run's matches depend on its bytes alone, and the same runs
    // ("and", "the", a repeated name) come back many times in a page, so
    // each is analysed once.
    std::vector<Match> matches;
    std::unordered_map<std::string_view, std::vector<Match>> seen_runs;
    for (const auto& [begin, end] : runs_to_analyse(text, needles_of(terms))) {
        const std::string_view run = text.substr(begin, end - begin);
        auto [known, added] = seen_runs.try_emplace(run);
        if (added) known->second = find_matches(run, analyzer_.analyze(run), terms);
        for (Match m : known->second) {
            m.begin += begin;
            m.end += begin;
            matches.push_back(m);
        }
    }
    // Code-point offsets of the match boundaries, in one pass.
    std::vector<std::size_t> bounds;
    for (const auto& m : matches) bounds.push_back(m.begin), bounds.push_back(m.end);
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    std::vector<std::size_t> bound_cp(bounds.size());
    std::size_t total = 0;
    for (std::size_t k = 0, counted = 0; k < bounds.size(); ++k) {
        total += count_code_points(text.substr(counted, bounds[k] - counted));
        counted = bounds[k];
        bound_cp[k] = total;
    }
    total += count_code_points(text.substr(bounds.empty() ? 0 : bounds.back()));
    auto cp_of = [&](std::size_t byte) {
        return bound_cp[static_cast<std::size_t>(std::lower_bound(bounds.begin(), bounds.end(), byte) - bounds.begin())];
    };

    // The byte where code point `cp` starts, counted from the nearest
    // match boundary before it rather than from the start of the text.
    auto byte_at = [&](std::size_t cp) {
        const auto k = static_cast<std::size_t>(std::upper_bound(bound_cp.begin(), bound_cp.end(), cp) - bound_cp.begin());
        const std::size_t byte = k ? bounds[k - 1] : 0, counted = k ? bound_cp[k - 1] : 0;
        return byte + byte_of_code_point(text.substr(byte), cp - counted);
    };

    std::size_t from = 0, to = text.size();  // bytes
    std::size_t from_cp = 0;
    if (total > length) {
        std::size_t start_cp = 0;
        if (!matches.empty()) {
            // The window that holds the most distinct query words, then
            // the most matches; it is centred on the matches it holds.
            // Matches come in text order and do not overlap, so the window
            // slides: one pass, whatever the number of matches.
            const std::size_t n = matches.size();
            std::vector<std::size_t> begin_cp(n), end_cp(n), key(n);
            std::vector<std::string_view> keys;
            for (std::size_t i = 0; i < n; ++i) {
                begin_cp[i] = cp_of(matches[i].begin);
                end_cp[i] = cp_of(matches[i].end);
                const auto k = std::find(keys.begin(), keys.end(), matches[i].key);
                key[i] = static_cast<std::size_t>(k - keys.begin());
                if (k == keys.end()) keys.push_back(matches[i].key);
            }
            std::vector<std::size_t> in_window(keys.size(), 0);
            std::size_t best = 0, best_distinct = 0, best_count = 0, best_last = 0;
            std::size_t j = 0, distinct = 0;  // the window is matches [i, j)
            for (std::size_t i = 0; i < n; ++i) {
                if (j < i) j = i;
                while (j < n && end_cp[j] - begin_cp[i] <= length) distinct += in_window[key[j++]]++ == 0;
                const std::size_t count = j - i;
                if (distinct > best_distinct || (distinct == best_distinct && count > best_count))
                    best = i, best_distinct = distinct, best_count = count, best_last = count ? j - 1 : i;
                if (j > i) distinct -= --in_window[key[i]] == 0;
            }
            const std::size_t span_begin = cp_of(matches[best].begin);
            const std::size_t span_end = cp_of(matches[best_last].end);
            const std::size_t slack = length - std::min(length, span_end - span_begin);
            start_cp = span_begin > slack / 2 ? span_begin - slack / 2 : 0;
            start_cp = std::min(start_cp, total - length);
        }
        from = byte_at(start_cp);
        to = byte_of_code_point(text.substr(from), length) + from;
        const std::size_t window_start = from;
        // Do not cut words: move inwards to the nearest spaces.
        if (from > 0) {
            std::size_t f = from;
            while (f < to && !is_space_byte(text[f - 1])) ++f;
            if (f < to) from = f;
        }
        if (to < text.size()) {
            std::size_t t = to;
            while (t > from && !is_space_byte(text[t])) --t;
            if (t > from) to = t;
        }
        while (from < to && is_space_byte(text[from])) ++from;
        while (to > from && is_space_byte(text[to - 1])) --to;
        from_cp = start_cp + count_code_points(text.substr(window_start, from - window_start));
    }

    Snippet s;
    const bool cut_front = from > 0, cut_back = to < text.size();
    if (cut_front) s.text = kEllipsis;
    const std::size_t base = cut_front ? 1 : 0;
    s.text.reserve(s.text.size() + (to - from) + kEllipsis.size());
    for (std::size_t i = from; i < to; ++i) s.text += is_space_byte(text[i]) ? ' ' : text[i];
    if (cut_back) s.text += kEllipsis;
    for (const auto& m : matches) {
        if (m.begin < from || m.end > to) continue;
        s.highlights.push_back({base + cp_of(m.begin) - from_cp, base + cp_of(m.end) - from_cp});
    }
    return s;
}

}  // namespace aisearch
