#include "indexer/part_builder.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/boilerplate_filter.h"
#include "common/content_hash.h"
#include "common/part_document.h"

namespace aisearch {

PartBuilder::PartBuilder(const std::filesystem::path& data_dir, const BilingualLexicon& lexicon)
    : analyzer_(Analyzer::from_data_dir(data_dir)),
      fingerprinter_(DuplicateFingerprinter::from_data_dir(data_dir, analyzer_, lexicon)),
      reader_(DocumentParser(BoilerplateFilter::load(data_dir / "boilerplate.txt"))) {}

std::string PartBuilder::read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot be read: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw std::runtime_error("read error");
    return std::move(buffer).str();
}

BuiltFile PartBuilder::read(const SourceFile& file, const std::string& old_hash, std::string& bytes) {
    BuiltFile built;
    try {
        bytes = read_file(file.path);
    } catch (const std::runtime_error& e) {
        built.read_error = e.what();
        return built;
    }
    built.bytes = bytes.size();
    built.state = FileState{file.path, file.size, file.mtime_ns, content_hash(bytes), utc_now()};
    built.same_content = !old_hash.empty() && built.state.hash == old_hash;
    return built;
}

BuiltFile PartBuilder::build(const SourceFile& file, const std::string& old_hash) {
    std::string bytes;
    BuiltFile built = read(file, old_hash, bytes);
    if (!built.read_error.empty() || built.same_content) return built;
    built.report = build_parts(file, bytes, built.state, [&](BuiltPart&& p) { built.parts.push_back(std::move(p)); });
    return built;
}

FileReport PartBuilder::build_parts(const SourceFile& file, std::string_view bytes, const FileState& state,
                                    const std::function<void(BuiltPart&&)>& on_part) {
    const bool records = ArticleReader::holds_records(file.path);
    return reader_.read(file.path, bytes, file.id, [&](Article&& a) {
        const bool split = a.parsed.parts.size() > 1;
        for (const LanguagePart& part : a.parsed.parts) {
            PartContext context;
            context.part_suffix = split ? "#" + part.lang : "";
            context.part_id = a.id + context.part_suffix;
            context.doc_key = records ? "record:" + a.id : state.path;
            context.path = state.path;
            context.hash = state.hash;
            context.indexed = state.indexed;
            context.metadata = a.metadata;
            context.url = a.url;
            const AnalyzedPart words = analyze_part(analyzer_, part);
            BuiltPart built{part_key_term(context), make_part_document(analyzer_, part, words, context)};
            add_duplicate_evidence(built.document, fingerprinter_.fingerprint(part, words));
            on_part(std::move(built));
        }
    });
}

}  // namespace aisearch
