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

// One search request. The query syntax is described in docs/query-syntax.md.
struct Query {
    std::string text;
    std::size_t limit = 10;           // hits to return
    std::size_t offset = 0;           // hits to skip
    std::string lang;                 // "ko", "en", or "" for any
    std::size_t snippet_length = 200; // in characters (code points)
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
    double score = 0.0;
    std::string snippet;   // plain text
    std::vector<Highlight> highlights;
    std::vector<Duplicate> duplicates;
};

struct Results {
    std::string query;
    std::uint64_t estimated_matches = 0;
    // True when no document matched every word and the hits match some.
    bool relaxed = false;
    std::vector<Hit> hits;
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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aisearch
