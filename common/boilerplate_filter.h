// Recognises page furniture (본문 바로가기, bar_progress, "Removal Request"
// lines, image file names, ...) so it is neither indexed nor shown. The
// patterns are data: common/data/boilerplate.txt, one ICU regular
// expression per line, matched case-insensitively against a whole paragraph.
// A pattern written with a leading '~' is weak: words such as "Close" or
// "Print" are furniture only next to other furniture, since alone they may
// be a real title. A filter is used by one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class RegexPattern;
class RegexMatcher;
class UnicodeString;
U_NAMESPACE_END

namespace aisearch {

class BoilerplateFilter {
public:
    explicit BoilerplateFilter(const std::vector<std::string>& patterns);
    static BoilerplateFilter load(const std::filesystem::path& file);
    ~BoilerplateFilter();
    BoilerplateFilter(BoilerplateFilter&&) noexcept;
    BoilerplateFilter& operator=(BoilerplateFilter&&) noexcept;

    // True if a strong pattern matches the paragraph on its own.
    bool is_boilerplate(std::string_view paragraph) const;

    // For each paragraph of a document: is it furniture? Strong matches
    // are; weak matches are when they touch furniture (a run of widgets).
    std::vector<bool> furniture(const std::vector<std::string>& paragraphs) const;

private:
    enum class Match { None, Weak, Strong };
    Match match(std::string_view paragraph) const;

    // The strong patterns as one alternation, and the weak ones as
    // another: two matches a paragraph instead of one per pattern (a
    // matcher's reset and start cost more than most patterns' failing).
    // One matcher each, reset for each paragraph: making a matcher per
    // match cost more than matching, so a filter serves one thread. Null
    // where the file has no pattern of that kind.
    struct Alternation {
        std::unique_ptr<icu::RegexPattern> pattern;
        std::unique_ptr<icu::RegexMatcher> matcher;
    };
    // The patterns of one strength. A line ".*X" (X without '|') matches a
    // whole paragraph when X matches an end of it: ICU tried ".*" at every
    // length of every paragraph, and the one such line shipped was three
    // quarters of the filter's time. Those lines are searched for as
    // "(?:X)\z" instead, or matched as written where the paragraph holds a
    // line break, which '.' does not match.
    struct Patterns {
        Alternation whole;
        Alternation ending;         // the ".*X" lines as "(?:X)\z", found
        Alternation ending_whole;   // the same lines as written
        bool match(const icu::UnicodeString& text, bool line_break) const;
    };
    static bool matches(const Alternation& a, const icu::UnicodeString& text);
    static bool finds(const Alternation& a, const icu::UnicodeString& text);
    Patterns strong_;
    Patterns weak_;
};

}  // namespace aisearch
