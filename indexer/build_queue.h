// Builds files on worker threads, each with its own PartBuilder (ICU and
// Xapian objects are made once per thread and never shared), and hands
// the results back in the order the files were submitted, so the single
// database writer sees the same sequence as a one-thread run.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "indexer/part_builder.h"

namespace aisearch {

class BuildQueue {
public:
    // `workers` threads; at most `window` files are in flight or waiting
    // to be taken, which bounds memory.
    BuildQueue(std::size_t workers, std::size_t window, const std::filesystem::path& data_dir,
               const BilingualLexicon& lexicon);
    ~BuildQueue();
    BuildQueue(const BuildQueue&) = delete;
    BuildQueue& operator=(const BuildQueue&) = delete;

    bool full() const { return pending_.size() >= window_; }
    bool empty() const { return pending_.empty(); }

    void submit(const SourceFile& file, const std::string& old_hash);
    // The oldest submitted file, built; waits for it. Rethrows what its
    // build threw.
    BuiltFile take();

private:
    void work(const std::filesystem::path& data_dir, const BilingualLexicon& lexicon);

    std::size_t window_;
    std::deque<std::future<BuiltFile>> pending_;  // in submission order

    std::mutex mutex_;
    std::condition_variable ready_;
    struct Job {
        SourceFile file;
        std::string old_hash;
        std::promise<BuiltFile> result;
    };
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace aisearch
