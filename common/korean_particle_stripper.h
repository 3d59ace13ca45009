// Light Korean stemming: removes one particle or verbal ending from the end
// of an eojeol (딥시크의 -> 딥시크, 출시했다 -> 출시). The suffix list is data
// (common/data/ko_particles.txt). A one-syllable suffix is only removed
// when at least two syllables remain, so short nouns such as 회의 survive,
// unless the list marks it as a particle whose form follows the sound
// before it (을/은 after a final consonant, 를/는/와 after a vowel) and the
// one syllable left agrees: 값을 -> 값, 표를 -> 표, while 가을 stays.
// Particles that two-syllable words also end with (이: 길이, 의: 회의) are
// never removed from a one-syllable noun; a search for the noun looks for
// its forms with them instead (forms_kept_whole()).
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
    // A line "~X" is the suffix X, which forms_kept_whole() adds to a
    // one-syllable noun; "~>X" and "~<X" only to one that ends in a final
    // consonant or a vowel. A line "!W" is no suffix: the word W, which
    // forms_kept_whole() never returns (정의 is not 정 with 의).
    explicit KoreanParticleStripper(std::vector<std::string> suffixes);
    static KoreanParticleStripper load(const std::filesystem::path& file);

    // The word without its particle; the word itself if none applies.
    std::string_view strip(std::string_view word) const;

    // True if the whole word is a particle or ending (e.g. the 를 of 챗GPT를).
    bool is_particle(std::string_view word) const;

    // A one-syllable Hangul noun followed by each '~' particle that may
    // follow it and that strip() leaves on it, in the list's order (칩 ->
    // 칩이, 칩의, ...), but no '!' word: the words a document may write the
    // noun as, which it indexes whole. Empty for any other word.
    std::vector<std::string> forms_kept_whole(std::string_view noun) const;

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
    // '~' particles, in order, and the final sound they need: 0 any,
    // '<' a vowel, '>' a consonant.
    std::vector<std::pair<std::string, char>> after_one_syllable_;
    std::unordered_set<std::string, Hash, std::equal_to<>> not_forms_;  // '!'
    // Whether `suffix` may leave the one syllable `stem`.
    bool may_leave_one(std::string_view stem, std::string_view suffix) const;
};

}  // namespace aisearch
