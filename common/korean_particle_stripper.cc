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
        const std::size_t suffix_syllables = count_code_points(word.substr(word.size() - n));
        const std::size_t min_left = suffix_syllables == 1 ? 2 : 1;
        const std::string_view stem = word.substr(0, word.size() - n);
        if (syllables - suffix_syllables >= min_left) return stem;
        if (syllables == 2 && suffix_syllables == 1 && may_leave_one(stem, word.substr(word.size() - n))) return stem;
    }
    return word;
}

bool KoreanParticleStripper::may_leave_one(std::string_view stem, std::string_view suffix) const {
    const bool after_vowel = after_vowel_.count(suffix) != 0;
    if (!after_vowel && !after_consonant_.count(suffix)) return false;
    // A precomposed Hangul syllable is 0xAC00 + (initial * 21 + vowel) * 28
    // + final, final 0 for none (3 bytes in UTF-8).
    if (stem.size() != 3) return false;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(stem[i]); };
    if ((b(0) & 0xF0) != 0xE0 || (b(1) & 0xC0) != 0x80 || (b(2) & 0xC0) != 0x80) return false;
    const char32_t c = (char32_t{b(0) & 0x0Fu} << 12) | (char32_t{b(1) & 0x3Fu} << 6) | char32_t{b(2) & 0x3Fu};
    if (c < 0xAC00 || c > 0xD7A3) return false;
    const bool has_final = (c - 0xAC00) % 28 != 0;
    return after_vowel != has_final;
}

bool KoreanParticleStripper::is_particle(std::string_view word) const { return set_.count(word) != 0; }

}  // namespace aisearch
