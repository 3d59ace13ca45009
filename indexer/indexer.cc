#include "indexer/indexer.h"

#include <xapian.h>

#include <fcntl.h>
#include <stdio.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <thread>
#include <unordered_set>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/article_reader.h"
#include "common/data_files.h"
#include "common/schema.h"
#include "indexer/build_queue.h"
#include "indexer/duplicate_detector.h"
#include "indexer/file_state.h"
#include "indexer/file_writer.h"
#include "indexer/part_builder.h"
#include "indexer/source_scanner.h"
#include "indexer/staged_build.h"

namespace aisearch {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Opens `path` for writing, waiting up to `wait` seconds for its lock.
Xapian::WritableDatabase open_writable(const std::string& path, int flags, double wait) {
    const auto start = Clock::now();
    for (;;) {
        try {
            return Xapian::WritableDatabase(path, flags);
        } catch (const Xapian::DatabaseLockError&) {
            if (seconds_since(start) >= wait)
                throw DatabaseLockedError("database '" + path + "' is locked by another indexer" +
                                          (wait > 0 ? " (waited " + std::to_string(static_cast<int>(wait)) + " s)" : ""));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        } catch (const Xapian::Error& e) {
            throw DatabaseError("database '" + path + "' cannot be opened for writing: " + e.get_msg());
        }
    }
}

// Swaps two directory entries in one step, so readers see the old
// database or the new one, never neither.
void exchange(const fs::path& a, const fs::path& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
        throw DatabaseError("cannot swap in the rebuilt database: " + std::string(std::strerror(errno)));
}

// Writes a compact copy of the database at `from` (B-tree blocks full,
// same document ids) to `to`.
void compact(const fs::path& from, const fs::path& to) {
    Xapian::Database(from.string()).compact(to.string(), Xapian::DBCOMPACT_NO_RENUMBER);
}

}  // namespace

struct Indexer::Impl {
    Impl(IndexOptions o, IndexEvents e)
        : options(std::move(o)),
          events(std::move(e)),
          analyzer(Analyzer::from_data_dir(data_dir())),
          lexicon(BilingualLexicon::load(data_dir() / "lexicon.tsv", analyzer)),
          builder(data_dir(), lexicon) {}

    // Commits in batches: after so many changed files or bytes read.
    class Batches {
    public:
        Batches(Xapian::WritableDatabase& db, bool transactions, const IndexOptions& options)
            : db_(db), transactions_(transactions), max_files_(options.batch_files), max_bytes_(options.batch_bytes) {
            if (transactions_) db_.begin_transaction();
        }
        void file_done(std::uintmax_t read) {
            if (read > 0) {
                ++files_;
                bytes_ += read;
            }
            if (files_ >= max_files_ || bytes_ >= max_bytes_) commit();
        }
        void commit() {
            if (transactions_) {
                db_.commit_transaction();
                db_.begin_transaction();
            } else {
                db_.commit();
            }
            files_ = 0;
            bytes_ = 0;
        }
        void finish() {
            if (transactions_) db_.commit_transaction();
            transactions_ = false;
        }

    private:
        Xapian::WritableDatabase& db_;
        bool transactions_;
        std::size_t max_files_;
        std::uintmax_t max_bytes_;
        std::size_t files_ = 0;
        std::uintmax_t bytes_ = 0;
    };

    // Counts what became of a file and tells the caller.
    void report(FileEvent&& e) {
        switch (e.kind) {
            case FileEvent::Kind::Added:
            case FileEvent::Kind::Updated:
                ++(e.kind == FileEvent::Kind::Added ? summary.added : summary.updated);
                summary.bytes += e.bytes;
                note(e.path, e.kind == FileEvent::Kind::Added ? "added" : "updated");
                break;
            case FileEvent::Kind::Unchanged:
                ++summary.unchanged;
                note(e.path, "unchanged");
                break;
            case FileEvent::Kind::Deleted:
                ++summary.deleted;
                note(e.path, "deleted");
                break;
            case FileEvent::Kind::Skipped:
                skipped(e.path, e.text);
                break;
            case FileEvent::Kind::Warning:
                if (events.warning) events.warning(e.path, e.text);
                break;
        }
    }
    void skipped(const std::string& path, const std::string& reason) {
        ++summary.skipped;
        if (events.skipped) events.skipped(path, reason);
    }
    void note(const std::string& path, const std::string& action) {
        if (events.file) events.file(path, action);
    }
    void show_progress(Clock::time_point start) {
        progress.files_done = written.files;
        progress.bytes_done = written.bytes;
        progress.seconds = seconds_since(start);
        if (events.progress) events.progress(progress);
    }
    // Counts a file done (`read` bytes read, 0 if unchanged or skipped)
    // toward progress and the current batch.
    void file_done(const SourceFile& f, std::uintmax_t read, Batches& batches, Clock::time_point start) {
        written.files++;
        written.bytes += f.size;
        show_progress(start);
        batches.file_done(read);
    }
    FileWriter writer_for(Xapian::WritableDatabase& db) {
        return FileWriter(db, builder, options.max_jsonl_file_bytes, [this](FileEvent&& e) { report(std::move(e)); });
    }

    IndexSummary run(const std::vector<fs::path>& sources) {
        const auto start = Clock::now();
        const fs::path live = fs::absolute(options.db_path).lexically_normal();
        const fs::path rebuild = live.string() + ".rebuild";
        const fs::path merged = live.string() + ".rebuild-written";  // before compaction
        const fs::path runs_dir = live.string() + ".runs";
        std::error_code ec;
        fs::create_directories(live.parent_path(), ec);
        if (ec) throw DatabaseError("database '" + live.string() + "': cannot create its directory: " + ec.message());

        // The live database's lock is held for the whole run, also while a
        // fresh one is written beside it.
        Xapian::WritableDatabase live_db =
            open_writable(live.string(), Xapian::DB_CREATE_OR_OPEN, options.wait_lock_seconds);
        fs::remove_all(rebuild, ec);  // left over from an interrupted rebuild
        fs::remove_all(merged, ec);
        const std::string states(schema::kFileStateKey);
        const bool started_empty = live_db.get_doccount() == 0 &&
                                   live_db.metadata_keys_begin(states) == live_db.metadata_keys_end(states);
        // A database another version of aisearch wrote is rebuilt whole.
        const bool outdated = !started_empty && live_db.get_metadata(std::string(schema::kFormatKey)) != schema::kFormat;
        const bool fresh = started_empty || options.full || outdated;
        // Runs an interrupted fresh build left are kept for the next one.
        if (!fresh) fs::remove_all(runs_dir, ec);

        SourceScanner scanner([this](const std::string& p, const std::string& r) { skipped(p, r); });
        ScannedSources scanned = scanner.scan(sources);
        progress.files_total = scanned.files.size();
        for (const auto& f : scanned.files) progress.bytes_total += f.size;
        workers = options.jobs ? options.jobs : std::max<std::size_t>(1, std::thread::hardware_concurrency());

        try {
            if (fresh) {
                if (!started_empty) summary.deleted = count_dropped(live_db, scanned);
                build_fresh(merged, runs_dir, scanned, start, /*stamp=*/!started_empty);
                if (started_empty && summary.added == 0) {
                    // Nothing to swap in: the live database stays empty.
                    live_db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormat));
                    live_db.commit();
                } else {
                    compact(merged, rebuild);
                    exchange(rebuild, live);
                    live_db.close();
                }
                fs::remove_all(merged, ec);
                fs::remove_all(rebuild, ec);
                fs::remove_all(runs_dir, ec);
            } else {
                update(live_db, live, scanned, start);
                // A run that changed nothing writes nothing.
                if (summary.added + summary.updated + summary.deleted + duplicates.parts > 0) {
                    live_db.set_metadata(std::string(schema::kLastUpdateKey), utc_now());
                    live_db.commit();
                }
            }
        } catch (const Xapian::Error& e) {
            throw DatabaseError("writing database '" + live.string() + "' failed: " + e.get_description());
        }
        summary.seconds = seconds_since(start);
        return summary;
    }

    // Writes the scanned files into a new database at `path`: files of
    // single articles in runs (StagedBuild), merged in order, then files
    // of records, then duplicate links. Records the time of the update if
    // anything was added or `stamp`.
    void build_fresh(const fs::path& path, const fs::path& runs_dir, ScannedSources& scanned,
                     Clock::time_point start, bool stamp) {
        std::vector<SourceFile> articles, records;
        for (SourceFile& f : scanned.files)
            (ArticleReader::holds_records(f.path) ? records : articles).push_back(std::move(f));
        std::vector<SourceFile>().swap(scanned.files);
        {
            StagedBuild staged(runs_dir, articles, data_dir(),
                               StagedBuild::run_files(articles.size(), workers, options.batch_files),
                               options.batch_bytes);
            staged.write(workers, lexicon, options, written,
                         [&](std::vector<FileEvent>&& run_events) {
                             for (FileEvent& e : run_events) report(std::move(e));
                             show_progress(start);
                         },
                         [&] { show_progress(start); });
            summary.resumed = staged.reused_files();
            staged.merge(path);
        }
        std::vector<SourceFile>().swap(articles);
        Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN);
        db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormat));
        {
            FileWriter writer = writer_for(db);
            Batches batches(db, /*transactions=*/false, options);
            for (const SourceFile& f : records) file_done(f, writer.index_file(f, std::nullopt), batches, start);
            std::vector<SourceFile>().swap(records);
            link_duplicates(db, path, batches);
        }
        if (stamp || summary.added > 0) db.set_metadata(std::string(schema::kLastUpdateKey), utc_now());
        db.commit();
    }

    // Brings `db` (at `path`) up to date with the scanned files, committing
    // in batches. Files are read and analysed on worker threads and written
    // here, in scan order. The list of files is emptied before duplicates
    // are linked.
    void update(Xapian::WritableDatabase& db, const fs::path& path, ScannedSources& scanned, Clock::time_point start) {
        Batches batches(db, /*transactions=*/true, options);
        FileWriter writer = writer_for(db);
        auto done = [&](const SourceFile& f, std::uintmax_t read) { file_done(f, read, batches, start); };

        std::unique_ptr<BuildQueue> queue;
        if (workers > 1) queue = std::make_unique<BuildQueue>(workers, 4 * workers, data_dir(), lexicon);

        // Files in scan order from the first one still being built; the
        // unchanged ones behind it wait for it, so events keep the order.
        struct Waiting {
            SourceFile file;
            std::optional<FileState> old;
            bool building = false;
        };
        std::deque<Waiting> waiting;
        auto take = [&] {
            Waiting w = std::move(waiting.front());
            waiting.pop_front();
            if (!w.building) {
                report({FileEvent::Kind::Unchanged, w.file.path, {}});
                done(w.file, 0);
                return;
            }
            done(w.file, writer.write_built(w.file, w.old, queue->take()));
        };
        auto drain = [&] {
            while (!waiting.empty()) take();
        };

        std::unordered_set<std::string> seen;
        for (const SourceFile& f : scanned.files) {
            const std::string key = file_state_key(f.path);
            seen.insert(key);
            std::optional<FileState> old = decode_file_state(db.get_metadata(key));
            if (old && old->size == f.size && old->mtime_ns == f.mtime_ns) {
                waiting.push_back({f, std::move(old), false});
            } else if (queue && !ArticleReader::holds_records(f.path) && f.size <= ArticleReader::kMaxArticleBytes) {
                while (queue->full()) take();
                queue->submit(f, old ? old->hash : std::string());
                waiting.push_back({f, std::move(old), true});
            } else {
                drain();
                done(f, writer.index_file(f, old));
            }
            while (!waiting.empty() && !waiting.front().building) take();
        }
        drain();
        queue.reset();
        delete_vanished(db, writer, scanned, seen);
        // Linking needs neither the file list nor its keys: at 100k files
        // they are 25 MB that its caches can use.
        std::unordered_set<std::string>().swap(seen);
        std::vector<SourceFile>().swap(scanned.files);
        link_duplicates(db, path, batches);
        batches.finish();
    }

    // Links the pending parts' duplicates; also finishes the links an
    // interrupted run left.
    void link_duplicates(Xapian::WritableDatabase& db, const fs::path& path, Batches& batches) {
        const auto detect_start = Clock::now();
        DuplicateDetector detector(db);
        detector.use_threads(static_cast<unsigned>(workers), path.string());
        duplicates = detector.update([&] { batches.commit(); });
        summary.duplicate_parts = duplicates.parts;
        summary.duplicate_candidates = duplicates.candidates;
        summary.duplicate_links = duplicates.links;
        summary.duplicate_seconds = seconds_since(detect_start);
    }

    // Deletes what was indexed from files below the named sources that
    // this run did not find, except below sources it could not scan.
    void delete_vanished(Xapian::WritableDatabase& db, FileWriter& writer, const ScannedSources& scanned,
                         const std::unordered_set<std::string>& seen) {
        const std::string prefix(schema::kFileStateKey);
        std::vector<FileState> gone;
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            if (seen.count(*it)) continue;
            const auto state = decode_file_state(db.get_metadata(*it));
            if (!state) continue;
            auto below = [&](const fs::path& root) { return is_within(state->path, root); };
            if (std::any_of(scanned.roots.begin(), scanned.roots.end(), below) &&
                std::none_of(scanned.unscanned.begin(), scanned.unscanned.end(), below))
                gone.push_back(*state);
        }
        for (const FileState& state : gone) writer.delete_file(state);
    }

    // For a full rebuild: the files of the old database that the new one
    // does not have.
    std::size_t count_dropped(const Xapian::Database& old_db, const ScannedSources& scanned) {
        std::unordered_set<std::string> now;
        for (const auto& f : scanned.files) now.insert(file_state_key(f.path));
        std::size_t dropped = 0;
        const std::string prefix(schema::kFileStateKey);
        for (auto it = old_db.metadata_keys_begin(prefix); it != old_db.metadata_keys_end(prefix); ++it)
            if (!now.count(*it)) ++dropped;
        return dropped;
    }

    IndexOptions options;
    IndexEvents events;
    Analyzer analyzer;
    BilingualLexicon lexicon;
    PartBuilder builder;  // this thread's
    std::size_t workers = 1;

    DuplicateSummary duplicates;
    IndexSummary summary;
    IndexProgress progress;
    WriteProgress written;
};

Indexer::Indexer(IndexOptions options, IndexEvents events)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(events))) {}

Indexer::~Indexer() = default;

IndexSummary Indexer::run(const std::vector<fs::path>& sources) { return impl_->run(sources); }

}  // namespace aisearch
