// Turns one source file into the Xapian documents of its language parts,
// with their duplicate fingerprints. It reads the file but never the
// database, so several builders run side by side, one per thread, while
// one writer applies what they built in the order of the files.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/article_reader.h"
#include "common/bilingual_lexicon.h"
#include "common/duplicate_fingerprint.h"
#include "indexer/file_state.h"
#include "indexer/source_scanner.h"

namespace aisearch {

struct BuiltPart {
    std::string key_term;  // the part's unique term (Q...)
    Xapian::Document document;
};

// What became of one file.
struct BuiltFile {
    FileState state;
    std::uintmax_t bytes = 0;  // read
    std::string read_error;    // non-empty: the file could not be read
    bool same_content = false; // touched, but its bytes hash as before
    FileReport report;
    std::vector<BuiltPart> parts;
};

class PartBuilder {
public:
    // Uses one thread's own analyzer; `lexicon` is shared and read-only.
    PartBuilder(const std::filesystem::path& data_dir, const BilingualLexicon& lexicon);
    PartBuilder(const PartBuilder&) = delete;
    PartBuilder& operator=(const PartBuilder&) = delete;

    // Reads `file` and builds its parts. If its content hash equals
    // `old_hash`, stops after reading (same_content).
    BuiltFile build(const SourceFile& file, const std::string& old_hash);

    // Reads `file` into `bytes` and fills in what build() records before
    // building parts (bytes read, state, read_error, same_content).
    static BuiltFile read(const SourceFile& file, const std::string& old_hash, std::string& bytes);

    // Reads the articles of `bytes` and hands each part to `on_part` as it
    // is built, so a file of many records never holds more than one
    // article's documents in memory.
    FileReport build_parts(const SourceFile& file, std::string_view bytes, const FileState& state,
                           const std::function<void(BuiltPart&&)>& on_part);

    // Reads a whole file; throws std::runtime_error naming the reason.
    static std::string read_file(const std::filesystem::path& path);

private:
    Analyzer analyzer_;
    DuplicateFingerprinter fingerprinter_;
    ArticleReader reader_;
};

}  // namespace aisearch
