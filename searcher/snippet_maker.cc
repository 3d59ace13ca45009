#include "searcher/snippet_maker.h"

#include <algorithm>
#include <set>

namespace aisearch {
namespace {

constexpr std::string_view kEllipsis = "…";

struct Match {
    std::size_t begin;  // bytes in the text
    std::size_t end;
    std::string key;    // which query word it is
};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::vector<Match> find_matches(std::string_view text, const std::vector<AnalyzedWord>& words,
                                const HighlightTerms& terms) {
    std::vector<Match> matches;
    for (const auto& w : words) {
        const std::string_view source = text.substr(w.begin, w.end - w.begin);
        if (w.script == Script::Latin && terms.latin_stems.count(w.stem)) {
            matches.push_back({w.begin, w.end, w.stem});
        } else if (terms.exact.count(w.exact)) {
            matches.push_back({w.begin, w.end, w.exact});
        } else if (w.script == Script::Hangul && terms.exact.count(w.stem)) {
            matches.push_back({w.begin, w.stem_end, w.stem});
        } else if (std::any_of(terms.prefixes.begin(), terms.prefixes.end(),
                               [&](const std::string& p) { return starts_with(w.exact, p); })) {
            matches.push_back({w.begin, w.end, w.exact});
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

// Code-point index of every byte offset that starts a character.
std::vector<std::size_t> code_point_index(std::string_view text) {
    std::vector<std::size_t> index(text.size() + 1, 0);
    std::size_t cp = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) index[i] = cp++;
        else index[i] = cp;
    }
    index[text.size()] = cp;
    return index;
}

std::size_t byte_of_code_point(std::string_view text, std::size_t cp) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (seen++ == cp) return i;
    }
    return text.size();
}

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// What a paragraph must contain, ASCII letters lowered, to hold a match:
// Korean words and numbers as they are (normalisation leaves Hangul
// syllables and digits alone), English stems by their first letters
// (a stem may end differently from its word: happi, happy).
std::vector<std::string> needles_of(const HighlightTerms& terms) {
    std::vector<std::string> needles;
    auto add = [&](std::string_view s) {
        if (s.empty()) return;
        std::string n;
        for (char c : s) n += ascii_lower(c);
        needles.push_back(std::move(n));
    };
    for (const auto& s : terms.latin_stems) add(std::string_view(s).substr(0, std::min<std::size_t>(s.size(), 3)));
    for (const auto& s : terms.exact) add(s);
    for (const auto& s : terms.hangul_parts) add(s);
    for (const auto& s : terms.prefixes) add(s);
    return needles;
}

// False only if `paragraph` cannot hold a match. Text whose letters
// normalisation changes (full-width Latin, compatibility jamo) is
// analysed whatever it holds.
bool may_match(std::string_view paragraph, const std::vector<std::string>& needles) {
    std::string lowered;
    lowered.reserve(paragraph.size());
    bool plain = true;
    for (char c : paragraph) {
        const auto u = static_cast<unsigned char>(c);
        // U+FF00-FFEF (EF BC/BD/BE/BF ..) and U+3130-318F (E3 84/85/86) are
        // the forms NFKC rewrites into what a query word looks like.
        lowered += ascii_lower(c);
        if (u == 0xEF || u == 0xE3) plain = false;
    }
    if (!plain) return true;
    return std::any_of(needles.begin(), needles.end(),
                       [&](const std::string& n) { return lowered.find(n) != std::string::npos; });
}

}  // namespace

Snippet SnippetMaker::make(std::string_view text, const HighlightTerms& terms, std::size_t length) {
    // Only paragraphs that may hold a query word are analysed: analysing a
    // whole page for every hit was most of a query's time.
    const std::vector<std::string> needles = needles_of(terms);
    std::vector<Match> matches;
    for (std::size_t begin = 0; begin < text.size();) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view paragraph = text.substr(begin, end - begin);
        if (may_match(paragraph, needles)) {
            auto words = analyzer_.analyze(paragraph);
            for (auto& w : words) {
                w.begin += static_cast<std::uint32_t>(begin);
                w.end += static_cast<std::uint32_t>(begin);
                w.stem_end += static_cast<std::uint32_t>(begin);
            }
            auto found = find_matches(text, words, terms);
            matches.insert(matches.end(), found.begin(), found.end());
        }
        begin = end + 1;
    }
    const auto cp = code_point_index(text);
    const std::size_t total = cp[text.size()];

    std::size_t from = 0, to = text.size();  // bytes
    if (total > length) {
        std::size_t start_cp = 0;
        if (!matches.empty()) {
            // The window that holds the most distinct query words, then
            // the most matches; it is centred on the matches it holds.
            std::size_t best = 0, best_distinct = 0, best_count = 0, best_last = 0;
            for (std::size_t i = 0; i < matches.size(); ++i) {
                std::set<std::string_view> distinct;
                std::size_t count = 0, last = i;
                for (std::size_t j = i; j < matches.size() && cp[matches[j].end] - cp[matches[i].begin] <= length; ++j) {
                    distinct.insert(matches[j].key);
                    ++count;
                    last = j;
                }
                if (distinct.size() > best_distinct || (distinct.size() == best_distinct && count > best_count)) {
                    best = i, best_distinct = distinct.size(), best_count = count, best_last = last;
                }
            }
            const std::size_t span_begin = cp[matches[best].begin];
            const std::size_t span_end = cp[matches[best_last].end];
            const std::size_t slack = length - std::min(length, span_end - span_begin);
            start_cp = span_begin > slack / 2 ? span_begin - slack / 2 : 0;
            start_cp = std::min(start_cp, total - length);
        }
        from = byte_of_code_point(text, start_cp);
        to = byte_of_code_point(text, start_cp + length);
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
    }

    Snippet s;
    const bool cut_front = from > 0, cut_back = to < text.size();
    if (cut_front) s.text = kEllipsis;
    const std::size_t base = cut_front ? 1 : 0;
    for (std::size_t i = from; i < to; ++i) s.text += is_space_byte(text[i]) ? ' ' : text[i];
    if (cut_back) s.text += kEllipsis;
    for (const auto& m : matches) {
        if (m.begin < from || m.end > to) continue;
        s.highlights.push_back({base + cp[m.begin] - cp[from], base + cp[m.end] - cp[from]});
    }
    return s;
}

}  // namespace aisearch
