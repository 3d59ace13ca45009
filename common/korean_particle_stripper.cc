#include "common/korean_particle_stripper.h"

#include <algorithm>

#include "common/data_files.h"
#include "common/utf8.h"

namespace aisearch {

KoreanParticleStripper::KoreanParticleStripper(std::vector<std::string> suffixes)
    : suffixes_(std::move(suffixes)) {
    std::sort(suffixes_.begin(), suffixes_.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    suffixes_.erase(std::unique(suffixes_.begin(), suffixes_.end()), suffixes_.end());
    set_.insert(suffixes_.begin(), suffixes_.end());
}

KoreanParticleStripper KoreanParticleStripper::load(const std::filesystem::path& file) {
    return KoreanParticleStripper(read_data_lines(file));
}

std::string_view KoreanParticleStripper::strip(std::string_view word) const {
    const std::size_t syllables = count_code_points(word);
    for (const auto& s : suffixes_) {
        if (s.size() >= word.size() || word.substr(word.size() - s.size()) != s) continue;
        const std::size_t suffix_syllables = count_code_points(s);
        const std::size_t min_left = suffix_syllables == 1 ? 2 : 1;
        if (syllables - suffix_syllables >= min_left) return word.substr(0, word.size() - s.size());
    }
    return word;
}

bool KoreanParticleStripper::is_particle(std::string_view word) const {
    return set_.count(std::string(word)) != 0;
}

}  // namespace aisearch
