// What duplicate detection knows about one language part, computed once at
// index time and stored with the part: a hash of its normalised words
// (exact copies), sketches of its word set and word 3-shingles (near
// copies), LSH band keys (near-copy candidates), and its anchors, the
// pieces of text that survive translation: figures, Latin-script names and
// lexicon terms (translations). compare_parts() turns two fingerprints
// into the evidence the relation decisions use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
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
double sketch_jaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
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

// A fingerprint prepared for many comparisons: its anchors hashed, weighted
// and sorted once, so a comparison is a merge of two sorted lists, and
// nothing kept that comparing does not use. The anchors' text is left out
// (only the shared keys of a link kept need it, from the fingerprint).
// Everything sits in one allocation: detection caches these for a whole
// collection, and at 100k parts separate arrays cost a fifth of the
// memory in their headers and allocations.
class PreparedFingerprint {
public:
    struct Anchor {
        std::uint64_t hash;
        std::uint32_t index;  // in the fingerprint's anchors, their order of appearance
        std::uint32_t place;  // the paragraph it first appears in; kFigure set for a figure
    };
    static constexpr std::uint32_t kFigure = 1u << 31;

    PreparedFingerprint() = default;
    // `anchor_weight` gives an anchor's weight (its inverse document frequency).
    PreparedFingerprint(const DuplicateFingerprint& f,
                        const std::function<double(const std::string&)>& anchor_weight);

    std::string_view lang() const;
    std::uint64_t text_hash() const { return text_hash_; }  // of the fingerprint's text_hash; 0 if it has none
    std::uint32_t length() const { return length_; }
    double total() const { return total_; }  // the weights' sum
    std::span<const std::uint32_t> word_sketch() const;
    std::span<const std::uint32_t> shingle_sketch() const;
    std::span<const std::uint32_t> paragraph_lengths() const;
    std::span<const Anchor> anchors() const;         // by hash
    std::span<const double> weights() const;         // by index
    std::span<const std::uint64_t> specific() const; // hashes of the specific figures, sorted

    // Bytes held, for cache budgets.
    std::size_t memory() const { return sizeof(*this) + 8 * words_; }
    // The prepared form as bytes, and back: a large run keeps what its
    // cache drops outside memory, and reading it back costs a copy instead
    // of a value read, a decode and the anchors' weights and sort.
    std::string to_bytes() const;
    // Throws CorruptDatabaseError if `bytes` did not come from to_bytes().
    static PreparedFingerprint from_bytes(std::string_view bytes);
    // Asks the processor for what comparing reads first (the anchors and
    // the shingle sketch), ahead of use: at 100k parts the prepared parts
    // outgrow the processor's caches, and each comparison waited for them.
    void prefetch() const;

private:
    // The fields besides the sections, as to_bytes() writes them first.
    struct Header {
        std::uint64_t text_hash;
        double total;
        std::uint32_t length, anchors, specific, paragraphs, words;
        std::uint16_t word_sketch, shingle_sketch;
        std::uint8_t lang;
    };
    // Words the sections need for these counts.
    std::size_t words_needed() const;

    // Sections, each 8-byte aligned: anchors, weights, specific, then the
    // word sketch, shingle sketch and paragraph lengths packed by 4 bytes,
    // then the language's letters if longer than kShortLang. Bytes, so each
    // section's array can live in them.
    std::unique_ptr<std::byte[]> data_;
    std::uint64_t text_hash_ = 0;
    double total_ = 0;
    std::uint32_t length_ = 0;
    std::uint32_t anchors_ = 0, specific_ = 0, paragraphs_ = 0, words_ = 0;
    std::uint16_t word_sketch_ = 0, shingle_sketch_ = 0;
    std::uint8_t lang_ = 0;
    // A short language tag ("ko", "en") sits here, in what would be
    // padding: comparing languages then reads no other cache line.
    static constexpr std::size_t kShortLang = 6;
    char short_lang_[kShortLang] = {};

    // Where each section starts, in 8-byte words.
    std::size_t weights_word() const { return 2 * std::size_t{anchors_}; }
    std::size_t specific_word() const { return 3 * std::size_t{anchors_}; }
    std::size_t packed_word() const { return specific_word() + specific_; }
    std::size_t lang_words() const { return lang_ > kShortLang ? (std::size_t{lang_} + 7) / 8 : 0; }
    std::size_t lang_word() const { return words_ - lang_words(); }
    template <typename T>
    T* at(std::size_t word) {
        return reinterpret_cast<T*>(data_.get() + 8 * word);
    }
    template <typename T>
    const T* at(std::size_t word) const {
        return reinterpret_cast<const T*>(data_.get() + 8 * word);
    }
};

// Calls shared(index in a's anchors, index in b's anchors) for each anchor
// both parts have, merging the two hash-sorted lists.
template <typename F>
void for_each_shared_anchor(const PreparedFingerprint& a, const PreparedFingerprint& b, F&& shared) {
    const auto x = a.anchors(), y = b.anchors();
    for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
        if (x[i].hash < y[j].hash) {
            ++i;
        } else if (y[j].hash < x[i].hash) {
            ++j;
        } else {
            shared(x[i], y[j]);
            ++i;
            ++j;
        }
    }
}

// The evidence, with the shared keys listed.
PairEvidence compare_parts(const DuplicateFingerprint& a, const DuplicateFingerprint& b,
                           const std::function<double(const std::string&)>& anchor_weight);
// The same for prepared fingerprints, without the shared keys: their counts only.
PairEvidence compare_parts(const PreparedFingerprint& a, const PreparedFingerprint& b);
// Lists the shared keys in `e`, in a's order; `pa` and `pb` are prepared
// from `a` and the other part.
void list_shared_keys(const DuplicateFingerprint& a, const PreparedFingerprint& pa, const PreparedFingerprint& pb,
                      PairEvidence& e);

}  // namespace aisearch
