#include "common/boilerplate_filter.h"

#include <unicode/regex.h>

#include "aisearch/error.h"
#include "common/data_files.h"

namespace aisearch {

namespace {

std::unique_ptr<icu::RegexPattern> compile(const std::string& pattern, const std::string& named) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status)) throw ResourceError("boilerplate pattern '" + named + "': " + u_errorName(status));
    return compiled;
}

// A line that ICU's '.' cannot cross: LF, VT, FF, CR, NEL, LS, PS.
bool has_line_break(const icu::UnicodeString& text) {
    for (int32_t i = 0; i < text.length(); ++i) {
        const char16_t c = text[i];
        if ((c >= 0x0a && c <= 0x0d) || c == 0x85 || c == 0x2028 || c == 0x2029) return true;
    }
    return false;
}

void append(std::string& alternation, const std::string& pattern) {
    alternation.append(alternation.empty() ? "(?:" : "|(?:").append(pattern).append(")");
}

}  // namespace

BoilerplateFilter::BoilerplateFilter(const std::vector<std::string>& patterns) {
    struct Texts {
        std::string whole, ending, ending_whole;
    } strong, weak;
    for (const auto& line : patterns) {
        const bool is_weak = !line.empty() && line[0] == '~';
        const std::string p = is_weak ? line.substr(1) : line;
        compile(p, line);  // each alone first, so an error names its line
        Texts& t = is_weak ? weak : strong;
        // Not ".*?X" or ".*+X", whose ".*" does not stand alone.
        if (p.size() > 2 && p.compare(0, 2, ".*") == 0 && p[2] != '?' && p[2] != '+' &&
            p.find('|') == std::string::npos) {
            append(t.ending, p.substr(2));
            append(t.ending_whole, p);
        } else {
            append(t.whole, p);
        }
    }
    for (auto [into, texts] : {std::pair{&strong_, &strong}, std::pair{&weak_, &weak}}) {
        if (!texts->ending.empty()) texts->ending.insert(0, "(?:").append(")\\z");
        for (auto [a, text] : {std::pair{&into->whole, &texts->whole}, std::pair{&into->ending, &texts->ending},
                               std::pair{&into->ending_whole, &texts->ending_whole}}) {
            if (text->empty()) continue;
            a->pattern = compile(*text, *text);
            UErrorCode status = U_ZERO_ERROR;
            a->matcher.reset(a->pattern->matcher(status));
            if (U_FAILURE(status)) throw ResourceError("boilerplate patterns: " + std::string(u_errorName(status)));
        }
    }
}

BoilerplateFilter BoilerplateFilter::load(const std::filesystem::path& file) {
    return BoilerplateFilter(read_data_lines(file));
}

BoilerplateFilter::~BoilerplateFilter() = default;
BoilerplateFilter::BoilerplateFilter(BoilerplateFilter&&) noexcept = default;
BoilerplateFilter& BoilerplateFilter::operator=(BoilerplateFilter&&) noexcept = default;

bool BoilerplateFilter::matches(const Alternation& a, const icu::UnicodeString& text) {
    if (!a.matcher) return false;
    UErrorCode status = U_ZERO_ERROR;
    a.matcher->reset(text);
    return a.matcher->matches(status) && U_SUCCESS(status);
}

bool BoilerplateFilter::finds(const Alternation& a, const icu::UnicodeString& text) {
    if (!a.matcher) return false;
    UErrorCode status = U_ZERO_ERROR;
    a.matcher->reset(text);
    return a.matcher->find(0, status) && U_SUCCESS(status);
}

bool BoilerplateFilter::Patterns::match(const icu::UnicodeString& text, bool line_break) const {
    if (matches(whole, text)) return true;
    return line_break ? matches(ending_whole, text) : finds(ending, text);
}

BoilerplateFilter::Match BoilerplateFilter::match(std::string_view paragraph) const {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(paragraph.data(), static_cast<int32_t>(paragraph.size())));
    const bool line_break = has_line_break(text);
    if (strong_.match(text, line_break)) return Match::Strong;
    return weak_.match(text, line_break) ? Match::Weak : Match::None;
}

bool BoilerplateFilter::is_boilerplate(std::string_view paragraph) const {
    return match(paragraph) == Match::Strong;
}

std::vector<bool> BoilerplateFilter::furniture(const std::vector<std::string>& paragraphs) const {
    std::vector<Match> m;
    m.reserve(paragraphs.size());
    for (const auto& p : paragraphs) m.push_back(match(p));
    std::vector<bool> out(paragraphs.size());
    for (std::size_t i = 0; i < m.size(); ++i) out[i] = m[i] == Match::Strong;
    // Spread from strong furniture through runs of weak matches, both ways.
    for (std::size_t i = 1; i < m.size(); ++i)
        if (m[i] == Match::Weak && out[i - 1]) out[i] = true;
    for (std::size_t i = m.size(); i-- > 1;)
        if (m[i - 1] == Match::Weak && out[i]) out[i - 1] = true;
    return out;
}

}  // namespace aisearch
