// Light Korean stemming: removes one particle or verbal ending from the end
// of an eojeol (딥시크의 -> 딥시크, 출시했다 -> 출시). The suffix list is data
// (common/data/ko_particles.txt). A one-syllable suffix is only removed
// when at least two syllables remain, so short nouns such as 회의 survive,
// unless the list marks it as a particle whose form follows the sound
// before it (을/은 after a final consonant, 를/는/와 after a vowel) and the
// one syllable left agrees: 값을 -> 값, 표를 -> 표, while 가을 stays.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace aisearch {

class KoreanParticleStripper {
public:
    // A line "<X" or ">X" of `suffixes` is the suffix X, which may also leave
    // one syllable that ends in a vowel ('<') or a final consonant ('>').
    explicit KoreanParticleStripper(std::vector<std::string> suffixes);
    static KoreanParticleStripper load(const std::filesystem::path& file);

    // The word without its particle; the word itself if none applies.
    std::string_view strip(std::string_view word) const;

    // True if the whole word is a particle or ending (e.g. the 를 of 챗GPT를).
    bool is_particle(std::string_view word) const;

private:
    // Lets the set be searched with string_views, without a copy.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_set<std::string, Hash, std::equal_to<>> set_;
    std::vector<std::size_t> lengths_;  // distinct suffix lengths in bytes, longest first
    std::unordered_set<std::string, Hash, std::equal_to<>> after_vowel_;      // '<'
    std::unordered_set<std::string, Hash, std::equal_to<>> after_consonant_;  // '>'
    // Whether `suffix` may leave the one syllable `stem`.
    bool may_leave_one(std::string_view stem, std::string_view suffix) const;
};

}  // namespace aisearch
