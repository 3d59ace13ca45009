#include "common/document_parser.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <unordered_set>

#include "common/utf8.h"

namespace aisearch {
namespace {

// A language gets its own part only with this share of the letters and at
// least two paragraphs: a quoted English sentence in a Korean article stays
// in the Korean part.
constexpr double kMinPartShare = 0.15;
constexpr std::size_t kMinPartParagraphs = 2;
constexpr std::size_t kMaxTitleCodePoints = 200;

std::string collapse_space(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string repeat_key(std::string_view p) {
    std::string key(p);
    for (char& c : key)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return key;
}

std::pair<std::size_t, std::size_t> letter_counts(std::string_view s) {
    std::size_t hangul = 0, letters = 0;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) continue;
        if (is_hangul(static_cast<char32_t>(c))) {
            ++hangul;
            ++letters;
        } else if (u_isalpha(c)) {
            ++letters;
        }
    }
    return {hangul, letters};
}

// Shortens an over-long first paragraph to a title at a word boundary.
std::string make_title(const std::string& paragraph) {
    if (count_code_points(paragraph) <= kMaxTitleCodePoints) return paragraph;
    std::size_t cps = 0, cut = 0, last_space = 0;
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
        if ((static_cast<unsigned char>(paragraph[i]) & 0xC0) == 0x80) continue;
        if (cps++ == kMaxTitleCodePoints) {
            cut = i;
            break;
        }
        if (paragraph[i] == ' ') last_space = i;
    }
    return paragraph.substr(0, last_space > 0 ? last_space : cut) + "…";
}

LanguagePart make_part(std::string lang, std::vector<std::string> paragraphs) {
    LanguagePart part;
    part.lang = std::move(lang);
    if (paragraphs.empty()) return part;
    part.title = make_title(paragraphs.front());
    if (part.title == paragraphs.front()) paragraphs.erase(paragraphs.begin());
    part.paragraphs = std::move(paragraphs);
    return part;
}

}  // namespace

std::string_view paragraph_language(std::string_view paragraph) {
    const auto [hangul, letters] = letter_counts(paragraph);
    if (letters == 0) return "";
    return 2 * hangul >= letters ? "ko" : "en";
}

DocumentParser::DocumentParser(BoilerplateFilter boilerplate) : boilerplate_(std::move(boilerplate)) {}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

ParsedDocument DocumentParser::parse_text(std::string_view raw) const {
    std::size_t invalid = 0;
    ParsedDocument doc = parse_paragraphs(split_lines(sanitize_utf8(raw, &invalid)));
    doc.invalid_sequences = invalid;
    return doc;
}

ParsedDocument DocumentParser::parse_paragraphs(std::vector<std::string> given) const {
    ParsedDocument doc;
    std::vector<std::string> raw_paragraphs;
    for (const auto& g : given)
        if (std::string p = collapse_space(g); !p.empty()) raw_paragraphs.push_back(std::move(p));
    std::vector<std::string> paragraphs;
    std::unordered_set<std::string> seen;
    const std::vector<bool> furniture = boilerplate_.furniture(raw_paragraphs);
    for (std::size_t i = 0; i < raw_paragraphs.size(); ++i) {
        std::string& p = raw_paragraphs[i];
        if (furniture[i] || !seen.insert(repeat_key(p)).second) {
            ++doc.dropped_paragraphs;
            continue;
        }
        paragraphs.push_back(std::move(p));
    }
    if (paragraphs.empty()) return doc;

    std::vector<std::string> langs;
    std::size_t ko_letters = 0, all_letters = 0, ko_paragraphs = 0, en_paragraphs = 0;
    for (const auto& p : paragraphs) {
        const auto [hangul, letters] = letter_counts(p);
        std::string lang(paragraph_language(p));
        if (lang.empty()) lang = langs.empty() ? "" : langs.back();
        (lang == "ko" ? ko_paragraphs : en_paragraphs) += lang.empty() ? 0 : 1;
        if (lang == "ko") ko_letters += letters;
        all_letters += letters;
        langs.push_back(std::move(lang));
    }
    const double ko_share = all_letters ? static_cast<double>(ko_letters) / static_cast<double>(all_letters) : 0.0;
    const bool bilingual = ko_share >= kMinPartShare && ko_share <= 1.0 - kMinPartShare &&
                           ko_paragraphs >= kMinPartParagraphs && en_paragraphs >= kMinPartParagraphs;
    if (!bilingual) {
        doc.parts.push_back(make_part(ko_share >= 0.5 ? "ko" : "en", std::move(paragraphs)));
        return doc;
    }
    std::vector<std::string> ko, en;
    const std::string first_lang = langs.front().empty() ? "en" : langs.front();
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        const std::string& lang = langs[i].empty() ? first_lang : langs[i];
        (lang == "ko" ? ko : en).push_back(std::move(paragraphs[i]));
    }
    // The part whose language opens the file comes first.
    if (first_lang == "ko") {
        doc.parts.push_back(make_part("ko", std::move(ko)));
        doc.parts.push_back(make_part("en", std::move(en)));
    } else {
        doc.parts.push_back(make_part("en", std::move(en)));
        doc.parts.push_back(make_part("ko", std::move(ko)));
    }
    return doc;
}

}  // namespace aisearch
