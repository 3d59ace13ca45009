#include "common/bilingual_lexicon.h"

#include <algorithm>

#include "aisearch/error.h"
#include "common/data_files.h"

namespace aisearch {
namespace {

constexpr char kSeparator = '\x1f';

const std::string& entry_key(const AnalyzedWord& w) {
    return w.script == Script::Latin ? w.stem : w.exact;
}

std::string join_keys(const std::vector<AnalyzedWord>& words, std::size_t start, std::size_t n,
                      bool last_by_stem) {
    std::string key;
    for (std::size_t i = start; i < start + n; ++i) {
        if (i > start) key += kSeparator;
        const AnalyzedWord& w = words[i];
        key += (i + 1 == start + n && last_by_stem && w.script == Script::Hangul) ? w.stem
                                                                                  : entry_key(w);
    }
    return key;
}

}  // namespace

BilingualLexicon BilingualLexicon::load(const std::filesystem::path& file, Analyzer& analyzer) {
    // All entries are analysed as one text, a side per line: one analyser
    // call instead of two per entry is most of a searcher's start-up time.
    // No word spans a line break, so each side gets the words it would
    // get alone.
    std::string text;
    std::vector<std::size_t> side_end;  // byte offset after each side
    std::size_t line_no = 0;
    for (const std::string& line : read_data_lines(file)) {
        ++line_no;
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab + 1 == line.size() ||
            line.find('\t', tab + 1) != std::string::npos || line.find('\n') != std::string::npos)
            throw ResourceError(file.string() + ": entry " + std::to_string(line_no) +
                                " is not 'korean<TAB>english'");
        text.append(line, 0, tab);
        side_end.push_back(text.size());
        text += '\n';
        text.append(line, tab + 1);
        side_end.push_back(text.size());
        text += '\n';
    }
    std::vector<std::vector<AnalyzedWord>> sides(side_end.size());
    std::size_t side = 0;
    for (AnalyzedWord& w : analyzer.analyze(text)) {
        while (side < side_end.size() && w.begin >= side_end[side]) ++side;
        if (side == side_end.size()) break;
        // Offsets as if the side had been analysed alone.
        const auto start = static_cast<std::uint32_t>(side == 0 ? 0 : side_end[side - 1] + 1);
        w.begin -= start;
        w.end -= start;
        w.stem_end -= start;
        sides[side].push_back(std::move(w));
    }
    BilingualLexicon lexicon;
    for (std::size_t i = 0; i + 1 < sides.size(); i += 2) lexicon.add(sides[i], sides[i + 1]);
    return lexicon;
}

void BilingualLexicon::add(std::string_view a, std::string_view b, Analyzer& analyzer) {
    add(analyzer.analyze(a), analyzer.analyze(b));
}

void BilingualLexicon::add(const std::vector<AnalyzedWord>& wa, const std::vector<AnalyzedWord>& wb) {
    if (wa.empty() || wb.empty()) return;
    auto link = [&](const std::vector<AnalyzedWord>& from, const std::vector<AnalyzedWord>& to) {
        auto& list = entries_[join_keys(from, 0, from.size(), false)];
        const bool known = std::any_of(list.begin(), list.end(), [&](const Translation& t) {
            return t.size() == to.size() &&
                   std::equal(t.begin(), t.end(), to.begin(),
                              [](const AnalyzedWord& x, const AnalyzedWord& y) { return x.exact == y.exact; });
        });
        if (!known) list.push_back(to);
        max_words_ = std::max(max_words_, from.size());
        std::size_t& longest = first_words_[entry_key(from.front())];
        longest = std::max(longest, from.size());
    };
    link(wa, wb);
    link(wb, wa);
}

BilingualLexicon::Match BilingualLexicon::longest_match(const std::vector<AnalyzedWord>& words,
                                                        std::size_t start) const {
    if (start >= words.size()) return {};
    const AnalyzedWord& first = words[start];
    std::size_t longest = 0;
    if (const auto it = first_words_.find(entry_key(first)); it != first_words_.end()) longest = it->second;
    // A one-word entry may also match the first word's stem (Korean
    // without its particle).
    if (longest == 0 && first.script == Script::Hangul && first_words_.count(first.stem)) longest = 1;
    const std::size_t most = std::min(longest, words.size() - start);
    for (std::size_t n = most; n >= 1; --n) {
        for (bool by_stem : {false, true}) {
            const auto it = entries_.find(join_keys(words, start, n, by_stem));
            if (it != entries_.end()) return {n, &it->second};
        }
    }
    return {};
}

}  // namespace aisearch
