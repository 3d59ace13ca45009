// The one analyzer: text -> words -> Xapian terms. The indexer calls
// index_text(), the searcher builds its term queries with word_query() and
// phrase_query(), and snippets re-run analyze() on stored text, so all three
// see exactly the same words.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/korean_particle_stripper.h"
#include "common/word_segmenter.h"

namespace aisearch {

struct AnalyzedWord {
    std::string exact;           // normalised surface form: phrase and exact matches
    std::string stem;            // English stem, or Korean word without particle
    std::uint32_t begin = 0;     // byte span in the analysed text
    std::uint32_t end = 0;
    std::uint32_t stem_end = 0;  // end of the stem in the text (Korean), else end
    Script script = Script::Other;
};

// The words of a title and its paragraphs, analysed once for both the
// index terms and the duplicate fingerprint.
struct AnalyzedPart {
    std::vector<AnalyzedWord> title;
    std::vector<std::vector<AnalyzedWord>> paragraphs;
};

struct AnalyzerOptions {
    bool strip_particles = true;  // Korean: also index the word without particle
    bool hangul_bigrams = true;   // Korean: index syllable bigrams for compounds
};

class Analyzer {
public:
    Analyzer(KoreanParticleStripper stripper, AnalyzerOptions options = {});
    // Loads ko_particles.txt from the data directory.
    static Analyzer from_data_dir(const std::filesystem::path& dir, AnalyzerOptions options = {});

    // `text` must be valid UTF-8. Particles glued to a non-Hangul word
    // (the 를 of 챗GPT를) or following punctuation without a space (the 가
    // of ‘위원회’가) are not words of their own.
    std::vector<AnalyzedWord> analyze(std::string_view text);

    // Adds the terms of `text` to `doc` under field prefix `field`, words at
    // positions after `termpos` (updated), each occurrence counting `wdf`.
    void index_text(Xapian::Document& doc, std::string_view text, std::string_view field,
                    unsigned wdf, Xapian::termpos& termpos);
    // The same for words analyze() already made.
    void index_words(Xapian::Document& doc, const std::vector<AnalyzedWord>& words, std::string_view field,
                     unsigned wdf, Xapian::termpos& termpos) const;

    // The query that finds one word as its form in a document may be.
    Xapian::Query word_query(const AnalyzedWord& word, std::string_view field) const;
    // Consecutive words, by exact form.
    Xapian::Query phrase_query(const std::vector<AnalyzedWord>& words, std::string_view field) const;

    // The Hangul syllable bigrams of a word ("인공지능" -> 인공 공지 지능).
    static std::vector<std::string> hangul_bigrams(std::string_view word);

    const AnalyzerOptions& options() const { return options_; }
    const KoreanParticleStripper& stripper() const { return stripper_; }

private:
    KoreanParticleStripper stripper_;
    AnalyzerOptions options_;
    // Whether phrases match this word by its Korean stem (K) rather than
    // as written: so particles do not break a phrase. Indexing gives
    // positions only to the term a phrase uses.
    bool phrase_by_stem(const AnalyzedWord& w) const {
        return w.script == Script::Hangul && options_.strip_particles;
    }
    // The English stem of a word, remembered: stemming was the analyser's
    // largest cost, and text repeats its words.
    const std::string& stem(const std::string& word);

    std::unique_ptr<WordSegmenter> segmenter_;
    Xapian::Stem english_;
    std::unordered_map<std::string, std::string> stems_;
};

}  // namespace aisearch
