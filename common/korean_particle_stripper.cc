#include "common/korean_particle_stripper.h"

#include <algorithm>

#include "common/data_files.h"
#include "common/utf8.h"

namespace aisearch {

KoreanParticleStripper::KoreanParticleStripper(std::vector<std::string> suffixes) {
    for (auto& s : suffixes) {
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
        if (syllables - suffix_syllables >= min_left) return word.substr(0, word.size() - n);
    }
    return word;
}

bool KoreanParticleStripper::is_particle(std::string_view word) const { return set_.count(word) != 0; }

}  // namespace aisearch
