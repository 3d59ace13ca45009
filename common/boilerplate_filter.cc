#include "common/boilerplate_filter.h"

#include <unicode/regex.h>

#include "aisearch/error.h"
#include "common/data_files.h"

namespace aisearch {

BoilerplateFilter::BoilerplateFilter(const std::vector<std::string>& patterns) {
    for (const auto& line : patterns) {
        const bool weak = !line.empty() && line[0] == '~';
        const std::string p = weak ? line.substr(1) : line;
        UErrorCode status = U_ZERO_ERROR;
        UParseError where;
        std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
            icu::UnicodeString::fromUTF8(p), UREGEX_CASE_INSENSITIVE, where, status));
        if (U_FAILURE(status))
            throw ResourceError("boilerplate pattern '" + line + "': " + u_errorName(status));
        std::unique_ptr<icu::RegexMatcher> matcher(compiled->matcher(status));
        if (U_FAILURE(status))
            throw ResourceError("boilerplate pattern '" + line + "': " + u_errorName(status));
        patterns_.push_back(std::move(compiled));
        matchers_.push_back(std::move(matcher));
        weak_.push_back(weak);
    }
}

BoilerplateFilter BoilerplateFilter::load(const std::filesystem::path& file) {
    return BoilerplateFilter(read_data_lines(file));
}

BoilerplateFilter::~BoilerplateFilter() = default;
BoilerplateFilter::BoilerplateFilter(BoilerplateFilter&&) noexcept = default;
BoilerplateFilter& BoilerplateFilter::operator=(BoilerplateFilter&&) noexcept = default;

BoilerplateFilter::Match BoilerplateFilter::match(std::string_view paragraph) const {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(paragraph.data(), static_cast<int32_t>(paragraph.size())));
    Match best = Match::None;
    for (std::size_t i = 0; i < patterns_.size(); ++i) {
        if (best == Match::Weak && weak_[i]) continue;
        UErrorCode status = U_ZERO_ERROR;
        icu::RegexMatcher& m = *matchers_[i];
        m.reset(text);
        if (m.matches(status) && U_SUCCESS(status)) {
            if (!weak_[i]) return Match::Strong;
            best = Match::Weak;
        }
    }
    return best;
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
