// libaisearch: ranked bilingual search over databases built by
// aisearch-index. This header and aisearch/error.h are the whole public
// API; no Xapian or ICU type appears in them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "aisearch/database_location.h"
#include "aisearch/error.h"

namespace aisearch {

enum class SortOrder {
    Relevance,
    Date,  // newest first; parts without a date last, by relevance
};

// One search request. The query syntax is described in docs/query-syntax.md.
struct Query {
    std::string text;
    std::size_t limit = 10;           // hits to return
    std::size_t offset = 0;           // hits to skip
    std::string lang;                 // "ko", "en", or "" for any
    std::size_t snippet_length = 200; // in characters (code points)
    SortOrder sort = SortOrder::Relevance;
    // One hit per story: other versions of a hit (exact, near or
    // translated copies) are listed under it instead of as hits.
    bool collapse_duplicates = true;
};

// A highlighted range of a snippet, in code points, end exclusive.
struct Highlight {
    std::size_t start = 0;
    std::size_t end = 0;
};

// Another version of a hit's story (filled in by duplicate detection).
struct Duplicate {
    std::string id;
    std::string lang;
    std::string relation;  // "exact", "near" or "translation"
    double similarity = 0.0;
};

struct Hit {
    std::size_t rank = 0;  // 1-based, counting the offset
    std::string id;        // document id, "<id>#ko"/"<id>#en" for a language part
    std::string path;      // source file as indexed
    std::string title;
    std::string lang;
    std::string date;      // publication date YYYY-MM-DD, or "" if unknown
    std::string source;    // publisher, or ""
    double score = 0.0;
    std::string snippet;   // plain text
    std::vector<Highlight> highlights;
    // The other members of the hit's cluster; for a cluster of more than
    // 256 parts, only the parts the hit links to itself, the closest 20.
    std::vector<Duplicate> duplicates;
};

struct Results {
    std::string query;
    std::uint64_t estimated_matches = 0;
    // True when no document matched every word and the hits match some.
    bool relaxed = false;
    std::vector<Hit> hits;
};

// Why two parts were judged the same article (aisearch dups ID).
struct DuplicateEvidence {
    std::vector<std::string> shared_figures;  // normalised: p:17.7, m:usd:8000000000, d:2023-05
    std::vector<std::string> shared_names;    // Latin-script names and lexicon terms, by English stem
    double coverage_a = 0;  // share of a's anchors (figures, names) that b has, weighted by rarity
    double coverage_b = 0;  // and the other way round
    double order = 0;       // shared anchors in the same order (1 = all)
    double length_ratio = 0;
    double word_jaccard = 0;     // estimated, over content words
    double shingle_jaccard = 0;  // estimated, over word 3-shingles
};

struct DuplicateRelation {
    std::string a;  // part ids
    std::string b;
    std::string relation;  // "exact", "near" or "translation"
    double similarity = 0.0;
    DuplicateEvidence evidence;
};

struct DuplicateMember {
    std::string id;
    std::string lang;
};

// Parts linked by duplicate relations: one story in its versions.
struct DuplicateCluster {
    std::string id;
    std::vector<DuplicateMember> members;
    std::vector<DuplicateRelation> relations;
};

struct DatabaseStats {
    std::uint64_t documents = 0;      // articles (a bilingual one counts once)
    std::uint64_t parts = 0;          // language parts, each a Xapian document
    std::uint64_t korean_parts = 0;
    std::uint64_t english_parts = 0;
    std::uint64_t size_bytes = 0;     // on disk
    std::string last_update;          // ISO 8601 UTC of the last indexing run, or ""
};

class Searcher {
public:
    // Opens one or more databases, searched as one. Throws DatabaseError.
    explicit Searcher(const std::vector<std::string>& databases);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    // Throws QuerySyntaxError for a malformed query.
    Results search(const Query& query);

    // How `text` is understood, as a Xapian query description (for tests
    // and `aisearch --explain`).
    std::string describe(const std::string& text);

    DatabaseStats stats();

    // Every duplicate cluster; with `relation` ("exact", "near" or
    // "translation"), only relations of that kind and the clusters that
    // have one. Throws QuerySyntaxError for another relation name.
    std::vector<DuplicateCluster> duplicate_clusters(const std::string& relation = "");

    // The relations of one document (a part id, a document id for all its
    // parts, or a unique prefix of one), with their evidence. Throws
    // QuerySyntaxError if no document or several match `id`.
    std::vector<DuplicateRelation> duplicates_of(const std::string& id);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aisearch
