// The indexing library behind aisearch-index: files -> parsed language
// parts -> Xapian documents, committed in one transaction per run.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace aisearch {

struct IndexSummary {
    std::size_t files = 0;    // files indexed
    std::size_t parts = 0;    // language parts written
    std::size_t skipped = 0;  // inputs that could not be indexed
    std::size_t bytes = 0;    // bytes read from indexed files
};

class Indexer {
public:
    // Called once for each input that is skipped: its path and the reason.
    using ProblemHandler = std::function<void(const std::string& path, const std::string& reason)>;

    // Opens or creates the database. Throws DatabaseLockedError if another
    // writer holds it, DatabaseError if it cannot be opened.
    Indexer(const std::string& db_path, ProblemHandler on_problem);
    ~Indexer();

    // Indexes a file, or every .txt/.md file below a directory. A file's
    // document id is its path relative to the directory named (for a
    // file named directly: its file name).
    void add_source(const std::filesystem::path& source);

    // Makes everything added so far visible to searchers.
    void commit();

    const IndexSummary& summary() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aisearch
