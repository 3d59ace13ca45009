// What duplicate detection knows about one language part, computed once at
// index time and stored with the part: a hash of its normalised words
// (exact copies), sketches of its word set and word 3-shingles (near
// copies), LSH band keys (near-copy candidates), and its anchors, the
// pieces of text that survive translation: figures, Latin-script names and
// lexicon terms (translations). compare_parts() turns two fingerprints
// into the evidence the relation decisions use.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/document_parser.h"

namespace aisearch {

struct DuplicateFingerprint {
    static constexpr std::size_t kSketchSize = 128;  // bottom-k sketch size
    static constexpr std::size_t kBands = 32;        // LSH bands ...
    static constexpr std::size_t kRowsPerBand = 3;   // ... of this many MinHash rows

    std::string lang;
    std::string text_hash;                      // of the normalised words; "" if there are none
    std::vector<std::uint32_t> word_sketch;     // smallest hashes of the distinct content words
    std::vector<std::uint32_t> shingle_sketch;  // smallest hashes of the word 3-shingles
    std::vector<std::uint32_t> band_keys;       // kBands keys, empty if no content words
    // Distinct anchors in order of first appearance, "f:" + figure key
    // (see figure_extractor.h) or "w:" + English word(s) by stem.
    std::vector<std::string> anchors;
    std::vector<std::uint32_t> anchor_paragraphs;  // the paragraph each anchor first appears in
    std::vector<std::string> specific_figures;  // figure keys that identify an article
    std::vector<std::uint32_t> paragraph_lengths;  // weighted letters per paragraph (title first)
    std::uint32_t length = 0;                      // their sum

    std::string encode() const;
    // Throws CorruptDatabaseError if `data` is not an encoded fingerprint.
    static DuplicateFingerprint decode(std::string_view data);
};

class DuplicateFingerprinter {
public:
    // `stopwords`: English function words left out of the word sketch.
    DuplicateFingerprinter(Analyzer& analyzer, const BilingualLexicon& lexicon,
                           std::unordered_set<std::string> stopwords);
    // Loads dup_stopwords.txt from the data directory.
    static DuplicateFingerprinter from_data_dir(const std::filesystem::path& dir, Analyzer& analyzer,
                                                const BilingualLexicon& lexicon);

    // Any bytes: invalid UTF-8 is replaced first.
    DuplicateFingerprint fingerprint(const LanguagePart& part);
    // `words` is the analysis of the part's (valid UTF-8) title and
    // paragraphs, as the indexer made it for the part's terms.
    DuplicateFingerprint fingerprint(const LanguagePart& part, const AnalyzedPart& words) const;

private:
    Analyzer& analyzer_;
    const BilingualLexicon& lexicon_;
    std::unordered_set<std::string> stopwords_;
};

// Estimated Jaccard similarity of the sets behind two bottom-k sketches
// (exact when both sets are smaller than the sketch).
double sketch_jaccard(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b,
                      std::size_t k = DuplicateFingerprint::kSketchSize);

// The evidence that two parts are the same article.
struct PairEvidence {
    std::size_t shared_figure_count = 0;
    std::size_t shared_name_count = 0;
    // Only when asked for (they cost allocations): the keys, in a's order.
    std::vector<std::string> shared_figures;  // figure keys both have
    std::vector<std::string> shared_names;    // names and terms both have
    std::size_t specific_a = 0, specific_b = 0, specific_shared = 0;
    double coverage_a = 0;    // share of a's anchor weight that b has
    double coverage_b = 0;    // and the other way round
    double order = 0;         // shared anchors in the same order: LCS / shared
    double length_ratio = 0;  // shorter / longer weighted length
    double structure = 0;     // agreement of the paragraph length profiles, 0..1
    double paragraph_ratio = 0;  // fewer / more paragraphs
    double position = 0;      // shared anchors found at the same relative place in both
    double word_jaccard = 0;
    double shingle_jaccard = 0;
};

// A fingerprint's anchors prepared for many comparisons: hashed, sorted
// and weighted once, so a comparison is a merge of two sorted lists.
struct AnchorProfile {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_hash;  // (hash, index in anchors)
    std::vector<double> weights;                                  // by index in anchors
    double total = 0;
    std::vector<std::uint64_t> specific;  // hashes of the specific figures, sorted
};

// Calls shared(index in a's anchors, index in b's anchors) for each anchor
// both parts have, merging the two hash-sorted lists.
template <typename F>
void for_each_shared_anchor(const AnchorProfile& a, const AnchorProfile& b, F&& shared) {
    for (std::size_t i = 0, j = 0; i < a.by_hash.size() && j < b.by_hash.size();) {
        if (a.by_hash[i].first < b.by_hash[j].first) {
            ++i;
        } else if (b.by_hash[j].first < a.by_hash[i].first) {
            ++j;
        } else {
            shared(a.by_hash[i].second, b.by_hash[j].second);
            ++i;
            ++j;
        }
    }
}

// `anchor_weight` gives an anchor's weight (its inverse document frequency).
AnchorProfile anchor_profile(const DuplicateFingerprint& f,
                             const std::function<double(const std::string&)>& anchor_weight);

PairEvidence compare_parts(const DuplicateFingerprint& a, const DuplicateFingerprint& b,
                           const std::function<double(const std::string&)>& anchor_weight);
// The same with prepared profiles; `with_names` also lists the shared keys.
PairEvidence compare_parts(const DuplicateFingerprint& a, const AnchorProfile& pa, const DuplicateFingerprint& b,
                           const AnchorProfile& pb, bool with_names);

}  // namespace aisearch
