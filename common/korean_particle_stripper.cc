#include "common/korean_particle_stripper.h"

#include <algorithm>

#include "common/data_files.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

// A precomposed Hangul syllable is 0xAC00 + (initial * 21 + vowel) * 28 +
// final, final 0 for none.
bool ends_in_consonant(char32_t syllable) { return (syllable - 0xAC00) % 28 != 0; }

}  // namespace

KoreanParticleStripper::KoreanParticleStripper(std::vector<std::string> suffixes) {
    for (auto& s : suffixes) {
        if (s.size() > 1 && s[0] == '!') {
            not_forms_.insert(s.substr(1));
            continue;
        }
        if (s.size() > 1 && (s[0] == '<' || s[0] == '>')) {
            (s[0] == '<' ? after_vowel_ : after_consonant_).insert(s.substr(1));
            s.erase(0, 1);
        } else if (s.size() > 1 && s[0] == '~') {
            const bool sound = s.size() > 2 && (s[1] == '<' || s[1] == '>');
            std::pair<std::string, char> particle{s.substr(sound ? 2 : 1), sound ? s[1] : 0};
            s = particle.first;
            if (std::find(after_one_syllable_.begin(), after_one_syllable_.end(), particle) == after_one_syllable_.end())
                after_one_syllable_.push_back(std::move(particle));
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
    const char32_t c = stem.size() == 3 ? hangul_syllable_at(stem, 0) : 0;
    return c != 0 && after_vowel != ends_in_consonant(c);
}

bool KoreanParticleStripper::is_particle(std::string_view word) const { return set_.count(word) != 0; }

std::vector<std::string> KoreanParticleStripper::forms_kept_whole(std::string_view noun) const {
    std::vector<std::string> forms;
    const char32_t c = noun.size() == 3 ? hangul_syllable_at(noun, 0) : 0;
    if (c == 0) return forms;
    const char final_sound = ends_in_consonant(c) ? '>' : '<';
    for (const auto& [particle, needs] : after_one_syllable_) {
        if (needs != 0 && needs != final_sound) continue;
        std::string form = std::string(noun) + particle;
        if (strip(form) == form && !not_forms_.count(form)) forms.push_back(std::move(form));
    }
    return forms;
}

}  // namespace aisearch
