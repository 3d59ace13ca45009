#include "indexer/staged_build.h"

#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "aisearch/error.h"
#include "common/content_hash.h"
#include "common/data_files.h"
#include "common/schema.h"
#include "indexer/part_builder.h"

namespace aisearch {
namespace fs = std::filesystem;
namespace {

// Inside a run's database directory, written before the run is renamed
// into place: what became of its files, for a build that reuses the run.
constexpr const char* kEventsFile = "aisearch-run-events";
constexpr const char* kPartialSuffix = ".partial";

void save_events(const fs::path& file, const std::vector<FileEvent>& events) {
    std::ofstream out(file, std::ios::binary);
    for (const FileEvent& e : events)
        out << static_cast<int>(e.kind) << ' ' << e.bytes << ' ' << e.path.size() << ' ' << e.text.size() << '\n'
            << e.path << e.text;
    out.flush();
    if (!out) throw DatabaseError("cannot write '" + file.string() + "'");
}

// Throws std::runtime_error if the file is missing or not one save_events wrote.
std::vector<FileEvent> load_events(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("missing");
    std::vector<FileEvent> events;
    int kind;
    std::uintmax_t bytes;
    std::size_t path_size, text_size;
    while (in >> kind >> bytes >> path_size >> text_size) {
        if (in.get() != '\n' || kind < 0 || kind > static_cast<int>(FileEvent::Kind::Warning))
            throw std::runtime_error("malformed");
        FileEvent e{static_cast<FileEvent::Kind>(kind), std::string(path_size, '\0'), std::string(text_size, '\0'),
                    bytes};
        if (!in.read(e.path.data(), static_cast<std::streamsize>(path_size)) ||
            !in.read(e.text.data(), static_cast<std::streamsize>(text_size)))
            throw std::runtime_error("truncated");
        events.push_back(std::move(e));
    }
    if (!in.eof()) throw std::runtime_error("malformed");
    return events;
}

// What the documents of a run depend on besides its files: the database
// format and the contents of the data files.
std::string build_identity(const fs::path& data_dir) {
    std::vector<fs::path> data;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(data_dir, ec))
        if (entry.is_regular_file(ec)) data.push_back(entry.path());
    std::sort(data.begin(), data.end());
    std::string identity(schema::kFormat);
    for (const fs::path& f : data)
        identity.append(1, '\0').append(f.filename().string()).append(1, '\0').append(content_hash(read_data_file(f)));
    return identity;
}

// Names a run by its position and what it holds, so a run left by an
// earlier build is reused only for the same files in the same place,
// built the same way.
std::string run_name(std::size_t index, const std::string& build, const std::vector<SourceFile>& files,
                     std::size_t begin, std::size_t end) {
    std::string identity = build;
    for (std::size_t i = begin; i < end; ++i) {
        const SourceFile& f = files[i];
        identity.append(1, '\0').append(f.path).append(1, '\0').append(std::to_string(f.size));
        identity.append(1, '\0').append(std::to_string(f.mtime_ns));
    }
    std::string number = std::to_string(index);
    number.insert(0, number.size() < 6 ? 6 - number.size() : 0, '0');
    return number + "-" + content_hash(identity);
}

}  // namespace

std::size_t StagedBuild::run_files(std::size_t files, std::size_t writers, std::size_t batch_files) {
    const std::size_t runs = 4 * std::max<std::size_t>(writers, 1);
    return std::clamp((files + runs - 1) / runs, std::max<std::size_t>(batch_files / 2, 1),
                      std::max<std::size_t>(2 * batch_files, 1));
}

StagedBuild::StagedBuild(fs::path runs_dir, const std::vector<SourceFile>& files, fs::path data_dir,
                         std::size_t run_files, std::uintmax_t run_bytes)
    : runs_dir_(std::move(runs_dir)), files_(files), data_dir_(std::move(data_dir)) {
    const std::string build = build_identity(data_dir_);
    for (std::size_t begin = 0; begin < files.size();) {
        Run run;
        run.begin = begin;
        std::uintmax_t bytes = 0;
        do bytes += files[begin++].size;
        while (begin < files.size() && begin - run.begin < run_files && bytes + files[begin].size <= run_bytes);
        run.end = begin;
        run.name = run_name(runs_.size(), build, files, run.begin, run.end);
        runs_.push_back(std::move(run));
    }
    std::error_code ec;
    fs::create_directories(runs_dir_, ec);
    if (ec) throw DatabaseError("cannot create '" + runs_dir_.string() + "': " + ec.message());
    std::set<std::string> planned;
    for (Run& run : runs_) {
        planned.insert(run.name);
        run.written = fs::exists(path_of(run) / kEventsFile, ec);
    }
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(runs_dir_, ec))
        if (!planned.count(entry.path().filename().string())) stale.push_back(entry.path());
    for (const fs::path& p : stale) fs::remove_all(p, ec);
}

void StagedBuild::write_run(const Run& run, PartBuilder& builder, const IndexOptions& options,
                            WriteProgress& progress, std::vector<FileEvent>& events,
                            const std::atomic<bool>& stop) const {
    const fs::path partial = runs_dir_ / (run.name + kPartialSuffix);
    std::error_code ec;
    fs::remove_all(partial, ec);
    {
        // The run is private until renamed into place, and a partial one
        // is thrown away: no need for Xapian's crash safety here.
        Xapian::WritableDatabase db(partial.string(), Xapian::DB_CREATE | Xapian::DB_DANGEROUS);
        FileWriter writer(db, builder, options.max_jsonl_file_bytes,
                          [&](FileEvent&& e) { events.push_back(std::move(e)); });
        for (std::size_t i = run.begin; i < run.end && !stop; ++i) {
            writer.index_file(files_[i], std::nullopt);
            progress.files++;
            progress.bytes += files_[i].size;
        }
        if (stop) return;
        db.commit();
        db.close();
    }
    save_events(partial / kEventsFile, events);
    fs::rename(partial, path_of(run), ec);
    if (ec) throw DatabaseError("cannot move '" + partial.string() + "' into place: " + ec.message());
}

void StagedBuild::write(std::size_t writers, const BilingualLexicon& lexicon, const IndexOptions& options,
                        WriteProgress& progress,
                        const std::function<void(std::vector<FileEvent>&&)>& on_run,
                        const std::function<void()>& tick) {
    struct Result {
        bool done = false;
        std::vector<FileEvent> events;
        std::exception_ptr error;
    };
    std::vector<Result> results(runs_.size());
    std::vector<std::size_t> to_write;
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        if (runs_[i].written) results[i].events = reuse(runs_[i], progress);
        results[i].done = runs_[i].written;
        if (!runs_[i].written) to_write.push_back(i);
    }

    std::mutex mutex;
    std::condition_variable finished;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    auto work = [&] {
        std::unique_ptr<PartBuilder> builder;
        for (std::size_t k; !stop && (k = next++) < to_write.size();) {
            Result& r = results[to_write[k]];
            std::vector<FileEvent> events;
            std::exception_ptr error;
            try {
                if (!builder) builder = std::make_unique<PartBuilder>(data_dir_, lexicon);
                write_run(runs_[to_write[k]], *builder, options, progress, events, stop);
            } catch (...) {
                error = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                r.events = std::move(events);
                r.error = error;
                r.done = true;
            }
            finished.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < std::min(std::max<std::size_t>(writers, 1), to_write.size()); ++t)
        threads.emplace_back(work);
    auto join = [&] {
        for (auto& t : threads) t.join();
        threads.clear();
    };
    try {
        for (std::size_t i = 0; i < runs_.size(); ++i) {
            std::unique_lock<std::mutex> lock(mutex);
            while (!results[i].done) {
                finished.wait_for(lock, std::chrono::milliseconds(200));
                lock.unlock();
                tick();
                lock.lock();
            }
            if (results[i].error) std::rethrow_exception(results[i].error);
            std::vector<FileEvent> events = std::move(results[i].events);
            lock.unlock();
            on_run(std::move(events));
        }
    } catch (...) {
        stop = true;
        join();
        throw;
    }
    join();
}

std::vector<FileEvent> StagedBuild::reuse(Run& run, WriteProgress& progress) {
    std::vector<FileEvent> events;
    try {
        events = load_events(path_of(run) / kEventsFile);
    } catch (const std::exception&) {
        // Not what this program writes: the run is written again.
        std::error_code ec;
        fs::remove_all(path_of(run), ec);
        run.written = false;
        return events;
    }
    for (std::size_t f = run.begin; f < run.end; ++f) {
        progress.files++;
        progress.bytes += files_[f].size;
    }
    return events;
}

std::size_t StagedBuild::reused_files() const {
    std::size_t n = 0;
    for (const Run& r : runs_) n += r.written ? r.end - r.begin : 0;
    return n;
}

void StagedBuild::merge(const fs::path& to) const {
    if (runs_.empty()) {
        Xapian::WritableDatabase(to.string(), Xapian::DB_CREATE).commit();
        return;
    }
    Xapian::Database all;
    for (const Run& run : runs_) all.add_database(Xapian::Database(path_of(run).string()));
    all.compact(to.string());
}

}  // namespace aisearch
