#include "indexer/build_queue.h"

#include <algorithm>

namespace aisearch {

BuildQueue::BuildQueue(std::size_t workers, std::size_t window, const std::filesystem::path& data_dir,
                       const BilingualLexicon& lexicon)
    : window_(std::max<std::size_t>(window, 1)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i)
        threads_.emplace_back([this, data_dir, &lexicon] { work(data_dir, lexicon); });
}

BuildQueue::~BuildQueue() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        jobs_.clear();  // files nobody will take
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
}

void BuildQueue::submit(const SourceFile& file, const std::string& old_hash) {
    Job job{file, old_hash, {}};
    pending_.push_back(job.result.get_future());
    {
        std::lock_guard<std::mutex> lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
}

BuiltFile BuildQueue::take() {
    std::future<BuiltFile> next = std::move(pending_.front());
    pending_.pop_front();
    return next.get();
}

void BuildQueue::work(const std::filesystem::path& data_dir, const BilingualLexicon& lexicon) {
    std::unique_ptr<PartBuilder> builder;
    std::exception_ptr setup_error;
    try {
        builder = std::make_unique<PartBuilder>(data_dir, lexicon);
    } catch (...) {
        setup_error = std::current_exception();
    }
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (stopping_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        if (!builder) {
            job.result.set_exception(setup_error);
            continue;
        }
        try {
            job.result.set_value(builder->build(job.file, job.old_hash));
        } catch (...) {
            job.result.set_exception(std::current_exception());
        }
    }
}

}  // namespace aisearch
