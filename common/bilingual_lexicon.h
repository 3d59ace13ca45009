// Korean <-> English names and terms (common/data/lexicon.tsv), so a query
// in one language also finds text in the other. Entries are analysed with
// the same Analyzer as documents and queries, and matched on word keys:
// the English stem, or the Korean word with or without its particle.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/analyzer.h"

namespace aisearch {

class BilingualLexicon {
public:
    using Translation = std::vector<AnalyzedWord>;

    // Every entry analysed at once: for the indexer, which looks up every
    // word of every text.
    static BilingualLexicon load(const std::filesystem::path& file, Analyzer& analyzer);
    // Entries read and checked now, analysed only when prepare() meets a
    // text that may use them: a searcher process answers one query, and
    // analysing the whole lexicon was most of its start-up.
    static BilingualLexicon load_lazily(const std::filesystem::path& file);
    // Makes longest_match() complete for the words of `text`: analyses the
    // entries whose first word may start like one of its words. Does
    // nothing for a lexicon that is not lazy.
    void prepare(std::string_view text, Analyzer& analyzer);

    BilingualLexicon();
    ~BilingualLexicon();
    BilingualLexicon(BilingualLexicon&&) noexcept;
    BilingualLexicon& operator=(BilingualLexicon&&) noexcept;

    // Adds a <-> b in both directions.
    void add(std::string_view a, std::string_view b, Analyzer& analyzer);
    // The same for entries already analysed.
    void add(const std::vector<AnalyzedWord>& a, const std::vector<AnalyzedWord>& b);

    struct Match {
        std::size_t length = 0;  // words of the query covered; 0 if none
        const std::vector<Translation>* translations = nullptr;
    };
    // The longest entry that starts at words[start].
    Match longest_match(const std::vector<AnalyzedWord>& words, std::size_t start) const;

    // Distinct keys (both directions) analysed so far.
    std::size_t size() const { return entries_.size(); }

private:
    void add_one_way(const std::vector<AnalyzedWord>& from, const std::vector<AnalyzedWord>& to);

    struct Pending;  // a lazy lexicon's entries not analysed yet
    std::unordered_map<std::string, std::vector<Translation>> entries_;
    // The longest entry starting with each first-word key: most words of
    // a text start no entry, and this rejects them with one lookup.
    std::unordered_map<std::string, std::size_t> first_words_;
    std::size_t max_words_ = 0;
    std::unique_ptr<Pending> pending_;
};

}  // namespace aisearch
