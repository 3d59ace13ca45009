#include "indexer/file_writer.h"

#include "common/duplicate_store.h"
#include "common/schema.h"
#include "indexer/duplicate_detector.h"

namespace aisearch {

std::string file_state_key(const std::string& path) { return schema::key_term(schema::kFileStateKey, path); }

FileWriter::FileWriter(Xapian::WritableDatabase& db, PartBuilder& builder, std::uintmax_t max_jsonl_file_bytes,
                       Report report)
    : db_(db), builder_(builder), max_jsonl_file_bytes_(max_jsonl_file_bytes), report_(std::move(report)) {}

std::uintmax_t FileWriter::index_file(const SourceFile& f, const std::optional<FileState>& old) {
    const bool records = ArticleReader::holds_records(f.path);
    const std::uintmax_t limit = records ? max_jsonl_file_bytes_ : ArticleReader::kMaxArticleBytes;
    if (f.size > limit) {
        report_({FileEvent::Kind::Skipped, f.path,
                 "file too large (" + std::to_string(f.size >> 20) + " MiB; the limit is " +
                     std::to_string(limit >> 20) + " MiB)"});
        return 0;
    }
    const std::string old_hash = old ? old->hash : std::string();
    if (!records) return write_built(f, old, builder_.build(f, old_hash));
    std::string bytes;
    BuiltFile built = PartBuilder::read(f, old_hash, bytes);
    if (!built.read_error.empty() || built.same_content) return write_built(f, old, std::move(built));
    delete_parts(built.state.path);
    built.report = builder_.build_parts(f, bytes, built.state, [&](BuiltPart&& p) { write_part(p); });
    return finish_file(f, old, built);
}

std::uintmax_t FileWriter::write_built(const SourceFile& f, const std::optional<FileState>& old, BuiltFile&& built) {
    if (!built.read_error.empty()) {
        report_({FileEvent::Kind::Skipped, f.path, built.read_error});
        return 0;
    }
    if (built.same_content) {
        // Touched but unchanged: remember the new mtime, rewrite nothing.
        built.state.indexed = old->indexed;
        db_.set_metadata(file_state_key(f.path), encode(built.state));
        report_({FileEvent::Kind::Unchanged, f.path, {}});
        return 0;
    }
    delete_parts(built.state.path);
    for (const BuiltPart& p : built.parts) write_part(p);
    return finish_file(f, old, built);
}

void FileWriter::write_part(const BuiltPart& p) {
    db_.replace_document(p.key_term, p.document);
    DuplicateDetector::mark_pending(db_, p.key_term);
}

// Records the file's new state once its parts are written.
std::uintmax_t FileWriter::finish_file(const SourceFile& f, const std::optional<FileState>& old,
                                       const BuiltFile& built) {
    const std::string key = file_state_key(f.path);
    for (const auto& w : built.report.warnings) report_({FileEvent::Kind::Warning, f.path, w});
    for (const auto& s : built.report.skipped) report_({FileEvent::Kind::Skipped, f.path, s});
    if (!built.report.skip_reason.empty()) {
        db_.set_metadata(key, "");
        report_({FileEvent::Kind::Skipped, f.path, built.report.skip_reason});
        return built.bytes;
    }
    db_.set_metadata(key, encode(built.state));
    report_({old ? FileEvent::Kind::Updated : FileEvent::Kind::Added, f.path, {}, built.bytes});
    return built.bytes;
}

// Deletes the parts read from a file; their duplicate links go with them.
void FileWriter::delete_parts(const std::string& path) {
    const std::string file_term = schema::key_term(schema::kSourceFile, path);
    for (auto it = db_.postlist_begin(file_term); it != db_.postlist_end(file_term); ++it) {
        const std::string term = part_term_of(db_.get_document(*it));
        if (!term.empty()) DuplicateDetector::mark_pending(db_, term);
    }
    db_.delete_document(file_term);
}

void FileWriter::delete_file(const FileState& state) {
    delete_parts(state.path);
    db_.set_metadata(file_state_key(state.path), "");
    report_({FileEvent::Kind::Deleted, state.path, {}});
}

}  // namespace aisearch
