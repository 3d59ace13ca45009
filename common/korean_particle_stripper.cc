#include "common/korean_particle_stripper.h"

#include <algorithm>

#include "common/data_files.h"
#include "common/utf8.h"

namespace aisearch {

KoreanParticleStripper::KoreanParticleStripper(std::vector<std::string> suffixes) {
    for (auto& s : suffixes) {
        if (s.size() > 1 && (s[0] == '<' || s[0] == '>')) {
            (s[0] == '<' ? after_vowel_ : after_consonant_).insert(s.substr(1));
            s.erase(0, 1);
        }
        lengths_.push_back(s.size());
        set_.insert(std::move(s));
    }
    std::sort(lengths_.begin(), lengths_.end(), std::greater<>());
    lengths_.erase(std::unique(lengths_.begin(), lengths_.end()), lengths_.end());
}

KoreanParticleStripper KoreanParticleStripper::load(const std::filesystem::path& file) {
    return KoreanParticleStripper(read_data_lines(file));
}

std::string_view KoreanParticleStripper::strip(std::string_view word) const {
    // The longest suffix first: at each length only one can match, so one
    // lookup per length replaces a scan of the whole list.
    std::size_t syllables = 0;
    for (const std::size_t n : lengths_) {
        if (n >= word.size() || !set_.count(word.substr(word.size() - n))) continue;
        if (syllables == 0) syllables = count_code_points(word);
        const std::string_view stem = word.substr(0, word.size() - n), suffix = word.substr(word.size() - n);
        const std::size_t suffix_syllables = count_code_points(suffix);
        const std::size_t min_left = suffix_syllables == 1 ? 2 : 1;
        if (syllables - suffix_syllables >= min_left) return stem;
        if (syllables == 2 && suffix_syllables == 1 && may_leave_one(stem, suffix)) return stem;
    }
    return word;
}

bool KoreanParticleStripper::may_leave_one(std::string_view stem, std::string_view suffix) const {
    const bool after_vowel = after_vowel_.count(suffix) != 0;
    if (!after_vowel && !after_consonant_.count(suffix)) return false;
    // A precomposed Hangul syllable is 0xAC00 + (initial * 21 + vowel) * 28
    // + final, final 0 for none.
    const char32_t c = stem.size() == 3 ? hangul_syllable_at(stem, 0) : 0;
    if (c == 0) return false;
    const bool has_final = (c - 0xAC00) % 28 != 0;
    return after_vowel != has_final;
}

bool KoreanParticleStripper::is_particle(std::string_view word) const { return set_.count(word) != 0; }

}  // namespace aisearch
