// aisearch-index: parses options, runs the Indexer, reports, maps errors to
// exit codes. Silent unless something is wrong, except on a terminal.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "aisearch/database_location.h"
#include "aisearch/error.h"
#include "indexer/indexer.h"
#include "indexer/progress_report.h"

namespace {

enum Exit { kOk = 0, kSkipped = 1, kUsage = 2, kLocked = 3, kDatabase = 4 };

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aisearch-index: index articles (.txt .md .html .htm .jsonl) into an aisearch database"};
    app.footer(
        "Runs are incremental: new files are added, changed ones re-indexed, vanished ones deleted.\n"
        "Exit codes: 0 all done, 1 done but some inputs skipped (each named on stderr),\n"
        "2 usage error, 3 database locked by another indexer, 4 database error.");
    aisearch::IndexOptions options;
    options.db_path = aisearch::default_database_path();
    std::vector<std::string> sources;
    bool json = false, verbose = false;
    app.add_option("--db", options.db_path, "database path (default: $AISEARCH_DB or ~/.local/share/aisearch/db)");
    app.add_flag("--full", options.full, "rebuild into a fresh database and swap it in atomically");
    app.add_option("--wait-lock", options.wait_lock_seconds, "seconds to wait for another indexer (default 0)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("-j,--jobs", options.jobs, "threads that read and analyse files and verify duplicates (default: one per core)")
        ->check(CLI::PositiveNumber);
    app.add_option("--batch-files", options.batch_files,
                   "files per committed batch (default 500); a first build writes runs of half a batch to two batches")
        ->check(CLI::PositiveNumber);
    app.add_flag("--json", json, "print the summary as one JSON object on stdout");
    app.add_flag("-v,--verbose", verbose, "log every file and what was done with it");
    app.add_option("SOURCE", sources, "files or directories to index")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return e.get_exit_code() == 0 ? code : kUsage;
    }

    const bool terminal = isatty(STDERR_FILENO);
    bool progress_shown = false;
    auto clear_progress = [&] {
        if (progress_shown) std::cerr << "\r\033[K";
        progress_shown = false;
    };
    aisearch::IndexEvents events;
    events.skipped = [&](const std::string& path, const std::string& reason) {
        clear_progress();
        std::cerr << "aisearch-index: " << path << ": skipped: " << reason << "\n";
    };
    events.warning = [&](const std::string& path, const std::string& message) {
        clear_progress();
        std::cerr << "aisearch-index: " << path << ": warning: " << message << "\n";
    };
    if (verbose)
        events.file = [&](const std::string& path, const std::string& action) {
            clear_progress();
            std::cerr << action << " " << path << "\n";
        };
    if (terminal && !verbose) {
        auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        events.progress = [&, last](const aisearch::IndexProgress& p) mutable {
            const auto now = std::chrono::steady_clock::now();
            if (now - last < std::chrono::milliseconds(200) && p.files_done != p.files_total) return;
            last = now;
            std::cerr << "\r" << aisearch::progress_line(p) << "\033[K" << std::flush;
            progress_shown = true;
        };
    }

    try {
        std::vector<std::filesystem::path> paths(sources.begin(), sources.end());
        aisearch::Indexer indexer(options, events);
        const aisearch::IndexSummary summary = indexer.run(paths);
        clear_progress();
        if (verbose && summary.duplicate_parts > 0)
            std::cerr << "duplicates: " << summary.duplicate_parts << " parts linked, "
                      << summary.duplicate_candidates << " candidates verified, " << summary.duplicate_links
                      << " relations found in " << summary.duplicate_seconds << " s\n";
        if (json) std::cout << aisearch::summary_json(summary) << "\n";
        else if (terminal) std::cerr << aisearch::summary_line(summary) << "\n";
        return summary.skipped ? kSkipped : kOk;
    } catch (const aisearch::DatabaseLockedError& e) {
        clear_progress();
        std::cerr << "aisearch-index: " << e.what() << "\n";
        return kLocked;
    } catch (const aisearch::Error& e) {
        clear_progress();
        std::cerr << "aisearch-index: " << e.what() << "\n";
        return kDatabase;
    }
}
