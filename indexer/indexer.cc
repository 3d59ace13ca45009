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
#include "indexer/part_builder.h"
#include "indexer/source_scanner.h"

namespace aisearch {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string file_key(const std::string& path) {
    return schema::key_term(schema::kFileStateKey, path);
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

    void skipped(const std::string& path, const std::string& reason) {
        ++summary.skipped;
        if (events.skipped) events.skipped(path, reason);
    }
    void note(const std::string& path, const std::string& action) {
        if (events.file) events.file(path, action);
    }

    IndexSummary run(const std::vector<fs::path>& sources) {
        const auto start = Clock::now();
        const fs::path live = fs::absolute(options.db_path).lexically_normal();
        const fs::path rebuild = live.string() + ".rebuild";
        const fs::path written = live.string() + ".rebuild-written";  // before compaction
        std::error_code ec;
        fs::create_directories(live.parent_path(), ec);
        if (ec) throw DatabaseError("database '" + live.string() + "': cannot create its directory: " + ec.message());

        // The live database's lock is held for the whole run, also while a
        // full rebuild is written beside it.
        Xapian::WritableDatabase live_db =
            open_writable(live.string(), Xapian::DB_CREATE_OR_OPEN, options.wait_lock_seconds);
        fs::remove_all(rebuild, ec);  // left over from an interrupted rebuild
        fs::remove_all(written, ec);
        const bool started_empty = live_db.get_doccount() == 0;
        // A database another version of aisearch wrote is rebuilt whole.
        const bool outdated = !started_empty && live_db.get_metadata(std::string(schema::kFormatKey)) != schema::kFormat;
        const bool full = (options.full || outdated) && !started_empty;

        SourceScanner scanner([this](const std::string& p, const std::string& r) { skipped(p, r); });
        ScannedSources scanned = scanner.scan(sources);
        progress.files_total = scanned.files.size();
        for (const auto& f : scanned.files) progress.bytes_total += f.size;

        try {
            if (full) {
                Xapian::WritableDatabase fresh(rebuild.string(), Xapian::DB_CREATE | Xapian::DB_DANGEROUS);
                fresh.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormat));
                summary.deleted = count_dropped(live_db, scanned);
                update(fresh, rebuild, scanned, start, /*transactions=*/false);
                fresh.set_metadata(std::string(schema::kLastUpdateKey), utc_now());
                fresh.commit();
                fresh.close();
                fs::rename(rebuild, written, ec);
                if (ec) throw DatabaseError("cannot move the rebuilt database aside: " + ec.message());
                compact(written, rebuild);
                fs::remove_all(written, ec);
                exchange(rebuild, live);
                live_db.close();
                fs::remove_all(rebuild, ec);
            } else {
                // With the first batch, so a reader of an interrupted first
                // build knows its format.
                if (started_empty) live_db.set_metadata(std::string(schema::kFormatKey), std::string(schema::kFormat));
                update(live_db, live, scanned, start, /*transactions=*/true);
                // A run that changed nothing writes nothing.
                if (summary.added + summary.updated + summary.deleted + duplicates.parts > 0) {
                    live_db.set_metadata(std::string(schema::kLastUpdateKey), utc_now());
                    live_db.commit();
                }
                // A first build committed in batches leaves its B-trees about
                // half full: a compact copy is swapped in, as a rebuild is.
                // Interrupted here, the live database is complete as it is.
                if (started_empty && summary.added > 0) {
                    compact(live, rebuild);
                    exchange(rebuild, live);
                    live_db.close();
                    fs::remove_all(rebuild, ec);
                }
            }
        } catch (const Xapian::Error& e) {
            throw DatabaseError("writing database '" + live.string() + "' failed: " + e.get_description());
        }
        summary.seconds = seconds_since(start);
        return summary;
    }

    // Brings `db` (at `path`) up to date with the scanned files, committing
    // in batches. Files are read and analysed on worker threads and written
    // here, in scan order. The list of files is emptied before duplicates
    // are linked.
    void update(Xapian::WritableDatabase& db, const fs::path& path, ScannedSources& scanned,
                Clock::time_point start, bool transactions) {
        std::size_t batch_files = 0;
        std::uintmax_t batch_bytes = 0;
        auto maybe_commit = [&](bool force) {
            if (!force && batch_files < options.batch_files && batch_bytes < options.batch_bytes) return;
            if (transactions) {
                db.commit_transaction();
                db.begin_transaction();
            } else {
                db.commit();
            }
            batch_files = 0;
            batch_bytes = 0;
        };
        auto done = [&](const SourceFile& f, std::uintmax_t read) {
            if (read > 0) {
                ++batch_files;
                batch_bytes += read;
            }
            progress.files_done++;
            progress.bytes_done += f.size;
            progress.seconds = seconds_since(start);
            if (events.progress) events.progress(progress);
            maybe_commit(false);
        };
        if (transactions) db.begin_transaction();

        const std::size_t workers =
            options.jobs ? options.jobs : std::max<std::size_t>(1, std::thread::hardware_concurrency());
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
                ++summary.unchanged;
                note(w.file.path, "unchanged");
                done(w.file, 0);
                return;
            }
            done(w.file, write_built(db, w.file, w.old, queue->take()));
        };
        auto drain = [&] {
            while (!waiting.empty()) take();
        };

        std::unordered_set<std::string> seen;
        for (const SourceFile& f : scanned.files) {
            const std::string key = file_key(f.path);
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
                done(f, index_file(db, f, old));
            }
            while (!waiting.empty() && !waiting.front().building) take();
        }
        drain();
        queue.reset();
        delete_vanished(db, scanned, seen);
        // Linking needs neither the file list nor its keys: at 100k files
        // they are 25 MB that its caches can use.
        std::unordered_set<std::string>().swap(seen);
        std::vector<SourceFile>().swap(scanned.files);
        // Also finishes the duplicate links an interrupted run left.
        const auto detect_start = Clock::now();
        DuplicateDetector detector(db);
        detector.use_threads(static_cast<unsigned>(workers), path.string());
        duplicates = detector.update([&] { maybe_commit(true); });
        summary.duplicate_parts = duplicates.parts;
        summary.duplicate_candidates = duplicates.candidates;
        summary.duplicate_links = duplicates.links;
        summary.duplicate_seconds = seconds_since(detect_start);
        if (transactions) db.commit_transaction();
    }

    // Indexes one file on this thread, a file of many records article by
    // article. Returns the bytes read (0 when unchanged or skipped).
    std::uintmax_t index_file(Xapian::WritableDatabase& db, const SourceFile& f, const std::optional<FileState>& old) {
        const bool records = ArticleReader::holds_records(f.path);
        const std::uintmax_t limit = records ? options.max_jsonl_file_bytes : ArticleReader::kMaxArticleBytes;
        if (f.size > limit) {
            skipped(f.path, "file too large (" + std::to_string(f.size >> 20) + " MiB; the limit is " +
                                         std::to_string(limit >> 20) + " MiB)");
            return 0;
        }
        if (!records) return write_built(db, f, old, builder.build(f, old ? old->hash : std::string()));
        std::string bytes;
        BuiltFile built = PartBuilder::read(f, old ? old->hash : std::string(), bytes);
        if (!built.read_error.empty() || built.same_content) return write_built(db, f, old, std::move(built));
        delete_parts(db, built.state.path);
        built.report = builder.build_parts(f, bytes, built.state, [&](BuiltPart&& p) { write_part(db, p); });
        return finish_file(db, f, old, built);
    }

    // Writes a file built by a PartBuilder. Returns the bytes read.
    std::uintmax_t write_built(Xapian::WritableDatabase& db, const SourceFile& f, const std::optional<FileState>& old,
                               BuiltFile&& built) {
        if (!built.read_error.empty()) {
            skipped(f.path, built.read_error);
            return 0;
        }
        if (built.same_content) {
            // Touched but unchanged: remember the new mtime, rewrite nothing.
            built.state.indexed = old->indexed;
            db.set_metadata(file_key(f.path), encode(built.state));
            ++summary.unchanged;
            note(f.path, "unchanged");
            return 0;
        }
        delete_parts(db, built.state.path);
        for (const BuiltPart& p : built.parts) write_part(db, p);
        return finish_file(db, f, old, built);
    }

    void write_part(Xapian::WritableDatabase& db, const BuiltPart& p) {
        db.replace_document(p.key_term, p.document);
        DuplicateDetector::mark_pending(db, p.key_term);
    }

    // Records the file's new state once its parts are written.
    std::uintmax_t finish_file(Xapian::WritableDatabase& db, const SourceFile& f, const std::optional<FileState>& old,
                               const BuiltFile& built) {
        const std::string key = file_key(f.path);
        for (const auto& w : built.report.warnings)
            if (events.warning) events.warning(f.path, w);
        for (const auto& s : built.report.skipped) skipped(f.path, s);
        if (!built.report.skip_reason.empty()) {
            db.set_metadata(key, "");
            skipped(f.path, built.report.skip_reason);
            return built.bytes;
        }
        db.set_metadata(key, encode(built.state));
        ++(old ? summary.updated : summary.added);
        note(f.path, old ? "updated" : "added");
        summary.bytes += built.bytes;
        return built.bytes;
    }

    // Deletes the parts read from a file; their duplicate links go with them.
    void delete_parts(Xapian::WritableDatabase& db, const std::string& path) {
        const std::string file_term = schema::key_term(schema::kSourceFile, path);
        for (auto it = db.postlist_begin(file_term); it != db.postlist_end(file_term); ++it) {
            const std::string term = part_term_of(db.get_document(*it));
            if (!term.empty()) DuplicateDetector::mark_pending(db, term);
        }
        db.delete_document(file_term);
    }

    // Deletes what was indexed from files below the named sources that
    // this run did not find, except below sources it could not scan.
    void delete_vanished(Xapian::WritableDatabase& db, const ScannedSources& scanned,
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
        for (const FileState& state : gone) {
            delete_parts(db, state.path);
            db.set_metadata(file_key(state.path), "");
            ++summary.deleted;
            note(state.path, "deleted");
        }
    }

    // For a full rebuild: the files of the old database that the new one
    // does not have.
    std::size_t count_dropped(const Xapian::Database& old_db, const ScannedSources& scanned) {
        std::unordered_set<std::string> now;
        for (const auto& f : scanned.files) now.insert(file_key(f.path));
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

    DuplicateSummary duplicates;
    IndexSummary summary;
    IndexProgress progress;
};

Indexer::Indexer(IndexOptions options, IndexEvents events)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(events))) {}

Indexer::~Indexer() = default;

IndexSummary Indexer::run(const std::vector<fs::path>& sources) { return impl_->run(sources); }

}  // namespace aisearch
