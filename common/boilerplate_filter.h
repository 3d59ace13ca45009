// Recognises page furniture (본문 바로가기, bar_progress, "Removal Request"
// lines, image file names, ...) so it is neither indexed nor shown. The
// patterns are data: common/data/boilerplate.txt, one ICU regular
// expression per line, matched case-insensitively against a whole paragraph.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class RegexPattern;
U_NAMESPACE_END

namespace aisearch {

class BoilerplateFilter {
public:
    explicit BoilerplateFilter(const std::vector<std::string>& patterns);
    static BoilerplateFilter load(const std::filesystem::path& file);
    ~BoilerplateFilter();
    BoilerplateFilter(BoilerplateFilter&&) noexcept;
    BoilerplateFilter& operator=(BoilerplateFilter&&) noexcept;

    bool is_boilerplate(std::string_view paragraph) const;

private:
    std::vector<std::unique_ptr<icu::RegexPattern>> patterns_;
};

}  // namespace aisearch
