// The indexing library behind aisearch-index. A run brings a database up to
// date with its sources: new files are added, changed ones re-indexed
// (size/mtime first, then a content hash), vanished ones deleted. Changes
// are committed in bounded batches, so an interrupted run leaves the last
// committed state and the next run finishes the work. A first build and a
// full rebuild are written beside the live database, in runs that an
// interrupted build leaves for the next one, and swapped in atomically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aisearch {

struct IndexOptions {
    std::string db_path;
    bool full = false;                   // rebuild into a fresh database and swap it in
    double wait_lock_seconds = 0;        // wait this long for another indexer's lock
    // Commit after this many changed files or bytes read; a first build
    // writes runs of half a batch to two batches (StagedBuild::run_files).
    std::size_t batch_files = 500;
    std::uintmax_t batch_bytes = 64u << 20;
    // A JSON Lines file larger than this is skipped unread (it is read
    // whole). Single-article files have the reader's own, smaller limit.
    std::uintmax_t max_jsonl_file_bytes = 256u << 20;
    // Threads that read and analyse files (while one writes the database,
    // or, in a first build, each writing runs of its own), and that verify
    // duplicate candidates in a large run; 0: one per core. With 1,
    // everything runs on the calling thread.
    std::size_t jobs = 0;
};

struct IndexSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t deleted = 0;
    std::size_t unchanged = 0;
    std::size_t skipped = 0;   // files or records left out (each reported)
    std::uintmax_t bytes = 0;  // bytes read and indexed
    double seconds = 0;
    // Duplicate detection over the parts added, changed or deleted.
    std::size_t duplicate_parts = 0;       // parts linked
    std::size_t duplicate_candidates = 0;  // pairs verified
    std::size_t duplicate_links = 0;       // relations found
    double duplicate_seconds = 0;
    // Files a first build took from runs that an interrupted build of
    // the same files had written (StagedBuild).
    std::size_t resumed = 0;
};

struct IndexProgress {
    std::size_t files_done = 0;
    std::size_t files_total = 0;
    std::uintmax_t bytes_done = 0;
    std::uintmax_t bytes_total = 0;
    double seconds = 0;
};

// What a run tells its caller as it goes; any of them may be empty.
struct IndexEvents {
    std::function<void(const std::string& path, const std::string& reason)> skipped;
    std::function<void(const std::string& path, const std::string& message)> warning;
    std::function<void(const std::string& path, const std::string& action)> file;  // added, updated, ...
    std::function<void(const IndexProgress&)> progress;
};

class Indexer {
public:
    Indexer(IndexOptions options, IndexEvents events);
    ~Indexer();

    // Throws DatabaseLockedError if another indexer holds the database past
    // the wait, DatabaseError if it cannot be opened or written.
    IndexSummary run(const std::vector<std::filesystem::path>& sources);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aisearch
