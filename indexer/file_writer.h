// Writes source files into one database: a file's parts replace what it
// had before, and its state is recorded with them. The single writer of
// a run and each shard writer of a first build own one of these.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "indexer/file_state.h"
#include "indexer/part_builder.h"
#include "indexer/source_scanner.h"

namespace aisearch {

// What became of one file, reported in the order of the files.
struct FileEvent {
    enum class Kind { Added, Updated, Unchanged, Deleted, Skipped, Warning };
    Kind kind;
    std::string path;
    std::string text;          // Skipped: the reason; Warning: the message
    std::uintmax_t bytes = 0;  // Added, Updated: bytes read and indexed
};

class FileWriter {
public:
    using Report = std::function<void(FileEvent&&)>;

    FileWriter(Xapian::WritableDatabase& db, PartBuilder& builder, std::uintmax_t max_jsonl_file_bytes, Report report);

    // Reads, builds and writes one file on this thread, a file of many
    // records article by article. Returns the bytes read (0 when
    // unchanged or skipped).
    std::uintmax_t index_file(const SourceFile& f, const std::optional<FileState>& old);

    // Writes a file another thread's PartBuilder built. Returns the bytes
    // read.
    std::uintmax_t write_built(const SourceFile& f, const std::optional<FileState>& old, BuiltFile&& built);

    // Deletes what was indexed from a file that is gone.
    void delete_file(const FileState& state);

private:
    void write_part(const BuiltPart& p);
    std::uintmax_t finish_file(const SourceFile& f, const std::optional<FileState>& old, const BuiltFile& built);
    void delete_parts(const std::string& path);

    Xapian::WritableDatabase& db_;
    PartBuilder& builder_;
    std::uintmax_t max_jsonl_file_bytes_;
    Report report_;
};

// The metadata key of a file's state.
std::string file_state_key(const std::string& path);

}  // namespace aisearch
