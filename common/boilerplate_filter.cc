#include "common/boilerplate_filter.h"

#include <unicode/regex.h>

#include "aisearch/error.h"
#include "common/data_files.h"

namespace aisearch {

BoilerplateFilter::BoilerplateFilter(const std::vector<std::string>& patterns) {
    for (const auto& p : patterns) {
        UErrorCode status = U_ZERO_ERROR;
        UParseError where;
        std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
            icu::UnicodeString::fromUTF8(p), UREGEX_CASE_INSENSITIVE, where, status));
        if (U_FAILURE(status))
            throw ResourceError("boilerplate pattern '" + p + "': " + u_errorName(status));
        patterns_.push_back(std::move(compiled));
    }
}

BoilerplateFilter BoilerplateFilter::load(const std::filesystem::path& file) {
    return BoilerplateFilter(read_data_lines(file));
}

BoilerplateFilter::~BoilerplateFilter() = default;
BoilerplateFilter::BoilerplateFilter(BoilerplateFilter&&) noexcept = default;
BoilerplateFilter& BoilerplateFilter::operator=(BoilerplateFilter&&) noexcept = default;

bool BoilerplateFilter::is_boilerplate(std::string_view paragraph) const {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(paragraph.data(), static_cast<int32_t>(paragraph.size())));
    for (const auto& pattern : patterns_) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(pattern->matcher(text, status));
        if (U_SUCCESS(status) && m->matches(status) && U_SUCCESS(status)) return true;
    }
    return false;
}

}  // namespace aisearch
