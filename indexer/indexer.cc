#include "indexer/indexer.h"

#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/data_files.h"
#include "common/document_parser.h"
#include "common/schema.h"
#include "common/part_document.h"

namespace aisearch {
namespace {

bool indexable(const std::filesystem::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".txt" || ext == ".md";
}

// A file with a NUL byte in its first 8 KiB is not text.
bool looks_binary(const std::string& bytes) {
    return bytes.substr(0, 8192).find('\0') != std::string::npos;
}

}  // namespace

struct Indexer::Impl {
    Impl(const std::string& path, ProblemHandler handler)
        : on_problem(std::move(handler)),
          analyzer(Analyzer::from_data_dir(data_dir())),
          parser(BoilerplateFilter::load(data_dir() / "boilerplate.txt")) {
        try {
            std::filesystem::create_directories(std::filesystem::path(path).parent_path().empty()
                                                    ? std::filesystem::path(".")
                                                    : std::filesystem::path(path).parent_path());
            db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError& e) {
            throw DatabaseLockedError("database '" + path + "' is locked by another indexer");
        } catch (const Xapian::Error& e) {
            throw DatabaseError("database '" + path + "' cannot be opened for writing: " + e.get_msg());
        } catch (const std::filesystem::filesystem_error& e) {
            throw DatabaseError("database '" + path + "': " + e.code().message());
        }
        db.begin_transaction();
    }

    void problem(const std::filesystem::path& p, const std::string& reason) {
        ++summary.skipped;
        on_problem(p.string(), reason);
    }

    void add_file(const std::filesystem::path& file, const std::string& doc_id) {
        std::ifstream in(file, std::ios::binary);
        if (!in) return problem(file, "cannot be read");
        std::ostringstream buffer;
        buffer << in.rdbuf();
        const std::string bytes = buffer.str();
        if (in.bad()) return problem(file, "read error");
        if (looks_binary(bytes)) return problem(file, "binary file, not text");
        const ParsedDocument parsed = parser.parse_text(bytes);
        if (parsed.parts.empty()) return problem(file, "no text to index");

        const std::string file_term = schema::boolean_term(schema::kDocumentId, doc_id);
        db.delete_document(file_term);
        for (const LanguagePart& part : parsed.parts) {
            const std::string part_id = parsed.parts.size() > 1 ? doc_id + "#" + part.lang : doc_id;
            db.replace_document(schema::boolean_term(schema::kPartId, part_id),
                                make_part_document(analyzer, part, {part_id, doc_id, file.string()}));
            ++summary.parts;
        }
        ++summary.files;
        summary.bytes += bytes.size();
    }

    void add_source(const std::filesystem::path& source) {
        std::error_code ec;
        const auto status = std::filesystem::status(source, ec);
        if (ec || !std::filesystem::exists(status)) return problem(source, "no such file or directory");
        if (std::filesystem::is_regular_file(status)) return add_file(source, source.filename().string());
        if (!std::filesystem::is_directory(status)) return problem(source, "not a regular file or directory");

        std::vector<std::filesystem::path> files;
        std::filesystem::recursive_directory_iterator it(
            source, std::filesystem::directory_options::skip_permission_denied, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            std::error_code fec;
            if (it->is_regular_file(fec) && indexable(it->path())) files.push_back(it->path());
        }
        if (ec) problem(source, "cannot list directory: " + ec.message());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) add_file(f, std::filesystem::relative(f, source).generic_string());
    }

    ProblemHandler on_problem;
    Analyzer analyzer;
    DocumentParser parser;
    Xapian::WritableDatabase db;
    IndexSummary summary;
};

Indexer::Indexer(const std::string& db_path, ProblemHandler on_problem)
    : impl_(std::make_unique<Impl>(db_path, std::move(on_problem))) {}

Indexer::~Indexer() = default;

void Indexer::add_source(const std::filesystem::path& source) {
    try {
        impl_->add_source(source);
    } catch (const Xapian::Error& e) {
        throw DatabaseError("writing the database failed: " + e.get_description());
    }
}

void Indexer::commit() {
    try {
        impl_->db.commit_transaction();
        impl_->db.begin_transaction();
    } catch (const Xapian::Error& e) {
        throw DatabaseError("committing the database failed: " + e.get_description());
    }
}

const IndexSummary& Indexer::summary() const { return impl_->summary; }

}  // namespace aisearch
