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

}  // namespace

BoilerplateFilter::BoilerplateFilter(const std::vector<std::string>& patterns) {
    std::string strong, weak;
    for (const auto& line : patterns) {
        const bool is_weak = !line.empty() && line[0] == '~';
        const std::string p = is_weak ? line.substr(1) : line;
        compile(p, line);  // each alone first, so an error names its line
        std::string& alternation = is_weak ? weak : strong;
        alternation.append(alternation.empty() ? "(?:" : "|(?:").append(p).append(")");
    }
    for (auto [alternation, text] : {std::pair{&strong_, &strong}, std::pair{&weak_, &weak}}) {
        if (text->empty()) continue;
        alternation->pattern = compile(*text, *text);
        UErrorCode status = U_ZERO_ERROR;
        alternation->matcher.reset(alternation->pattern->matcher(status));
        if (U_FAILURE(status)) throw ResourceError("boilerplate patterns: " + std::string(u_errorName(status)));
    }
}

BoilerplateFilter BoilerplateFilter::load(const std::filesystem::path& file) {
    return BoilerplateFilter(read_data_lines(file));
}

BoilerplateFilter::~BoilerplateFilter() = default;
BoilerplateFilter::BoilerplateFilter(BoilerplateFilter&&) noexcept = default;
BoilerplateFilter& BoilerplateFilter::operator=(BoilerplateFilter&&) noexcept = default;

bool BoilerplateFilter::matches(const Alternation& a, const icu::UnicodeString& text) const {
    if (!a.matcher) return false;
    UErrorCode status = U_ZERO_ERROR;
    a.matcher->reset(text);
    return a.matcher->matches(status) && U_SUCCESS(status);
}

BoilerplateFilter::Match BoilerplateFilter::match(std::string_view paragraph) const {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(paragraph.data(), static_cast<int32_t>(paragraph.size())));
    if (matches(strong_, text)) return Match::Strong;
    return matches(weak_, text) ? Match::Weak : Match::None;
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
