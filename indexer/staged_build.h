// A build into a fresh database, written in stages: the files are cut
// into consecutive runs, each run is written into a small database of its
// own on one of several threads (each reads, analyses and writes), and
// the runs are merged in order at the end.
//
// Why: one Xapian writer is the indexer's bottleneck, and its cost per
// file grows with the database, because each commit rewrites every B-tree
// block it touches and a part's hashed duplicate terms touch blocks all
// over the tree (docs/benchmarks.md). A small database is cheap to write,
// and a merge writes each block once. Merging numbers each run's
// documents after the previous run's, so the result is the database one
// writer would have written, whatever the number of threads.
//
// A run is half a commit batch to two batches of files (run_files();
// never more than IndexOptions::batch_bytes unless one file is larger):
// on the help, four runs a thread build 24% faster than two
// (docs/benchmarks.md). A run is named by its position and a hash of its
// files' paths, sizes and modification times, of the data files that
// shape analysis (lexicon, particles, patterns) and of the database
// format, and renamed into place only when complete: a build interrupted
// (even by kill -9) leaves its finished runs, and the next build of the
// same files with the same data reuses them.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/file_writer.h"
#include "indexer/indexer.h"
#include "indexer/source_scanner.h"

namespace aisearch {

class BilingualLexicon;

// Files and bytes written, counted by the threads that write runs.
struct WriteProgress {
    std::atomic<std::size_t> files{0};
    std::atomic<std::uintmax_t> bytes{0};
};

class StagedBuild {
public:
    // Plans runs of `files` (single-article files, in scan order) in
    // `runs_dir`, each of at most `run_files` files and, unless one file
    // is larger, `run_bytes` bytes, to be analysed with the data files in
    // `data_dir`; removes what is there that the plan does not reuse.
    // `files` must outlive the build.
    StagedBuild(std::filesystem::path runs_dir, const std::vector<SourceFile>& files,
                std::filesystem::path data_dir, std::size_t run_files, std::uintmax_t run_bytes);

    std::size_t runs() const { return runs_.size(); }
    // After write(): the files of the runs it took from an earlier build
    // instead of writing them.
    std::size_t reused_files() const;

    // Writes the runs an earlier build did not leave, on `writers` threads.
    // On this thread, hands `on_run` each run's events in file order and
    // calls `tick` about every 200 ms while it waits. Rethrows what a
    // writing thread threw, after stopping the others.
    void write(std::size_t writers, const BilingualLexicon& lexicon, const IndexOptions& options,
               WriteProgress& progress,
               const std::function<void(std::vector<FileEvent>&&)>& on_run, const std::function<void()>& tick);

    // Merges the runs, in order, into a new database at `to`.
    void merge(const std::filesystem::path& to) const;

    // Files per run for `files` files on `writers` threads: the share that
    // gives each thread four runs, but at least half a batch and at most
    // two. A thread idles while the last run of another is written, so a
    // small collection wants several runs a thread; but a merge keeps each
    // run's piece of a posting list as a chunk of its own, and a large
    // collection is searched more slowly in runs of fewer than two batches
    // and built no faster (docs/benchmarks.md, stops 18 and 22).
    static std::size_t run_files(std::size_t files, std::size_t writers, std::size_t batch_files);

private:
    struct Run {
        std::size_t begin = 0, end = 0;  // into files_
        std::string name;
        bool written = false;
    };
    std::filesystem::path path_of(const Run& run) const { return runs_dir_ / run.name; }
    void write_run(const Run& run, PartBuilder& builder, const IndexOptions& options, WriteProgress& progress,
                   std::vector<FileEvent>& events, const std::atomic<bool>& stop) const;
    std::vector<FileEvent> reuse(Run& run, WriteProgress& progress);

    std::filesystem::path runs_dir_;
    const std::vector<SourceFile>& files_;
    std::filesystem::path data_dir_;
    std::vector<Run> runs_;
};

}  // namespace aisearch
