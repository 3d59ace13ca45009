// aisearch-index: parses options, runs the Indexer, maps errors to exit codes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "aisearch/database_location.h"
#include "aisearch/error.h"
#include "indexer/indexer.h"

namespace {

enum Exit { kOk = 0, kSkipped = 1, kUsage = 2, kLocked = 3, kDatabase = 4 };

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aisearch-index: index articles (.txt, .md) into an aisearch database"};
    app.footer(
        "Exit codes: 0 all indexed, 1 indexed but some inputs skipped (named on stderr),\n"
        "2 usage error, 3 database locked by another indexer, 4 database error.");
    std::string db = aisearch::default_database_path();
    std::vector<std::string> sources;
    app.add_option("--db", db, "database path (default: $AISEARCH_DB or ~/.local/share/aisearch/db)");
    app.add_option("SOURCE", sources, "files or directories to index")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return e.get_exit_code() == 0 ? code : kUsage;
    }

    try {
        aisearch::Indexer indexer(db, [](const std::string& path, const std::string& reason) {
            std::cerr << "aisearch-index: " << path << ": " << reason << "\n";
        });
        for (const auto& s : sources) indexer.add_source(s);
        indexer.commit();
        return indexer.summary().skipped ? kSkipped : kOk;
    } catch (const aisearch::DatabaseLockedError& e) {
        std::cerr << "aisearch-index: " << e.what() << "\n";
        return kLocked;
    } catch (const aisearch::Error& e) {
        std::cerr << "aisearch-index: " << e.what() << "\n";
        return kDatabase;
    }
}
