// StagedBuild: files cut into runs by the batch limits, runs written on
// several threads and merged into the database one writer would write,
// and the runs an interrupted build left reused only for the same files.
#include <boost/test/unit_test.hpp>

#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "indexer/source_scanner.h"
#include "indexer/staged_build.h"

using aisearch::FileEvent;
using aisearch::SourceFile;
using aisearch::StagedBuild;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(staged_build)

namespace {

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("aisearch-unit-staged-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

// The bundled articles, each in `editions` edited copies (so no two files
// are the same), in three directories; returned in scan order.
std::vector<SourceFile> write_sources(const fs::path& dir, int editions) {
    for (int e = 0; e < editions; ++e) {
        const fs::path sub = dir / "d" += std::to_string(e % 3);
        fs::create_directories(sub);
        for (const auto& entry : fs::directory_iterator(AISEARCH_TEST_CORPUS_DIR)) {
            std::ifstream in(entry.path());
            std::ofstream out(sub / (std::to_string(e) + "-" + entry.path().filename().string()));
            out << in.rdbuf() << "\nEdition " << e << " of this page.\n";
        }
    }
    return aisearch::SourceScanner([](const std::string&, const std::string&) {}).scan({dir}).files;
}

struct Built {
    std::vector<std::string> events;  // "added <path>", in the order reported
    std::size_t reused_files = 0;
};

// Writes and merges `files` into `db` with runs in `runs_dir`.
Built build(const std::vector<SourceFile>& files, const fs::path& runs_dir, const fs::path& db, std::size_t writers,
            std::size_t run_files, const fs::path& data_dir = AISEARCH_TEST_DATA_DIR) {
    static aisearch::Analyzer analyzer = aisearch::Analyzer::from_data_dir(AISEARCH_TEST_DATA_DIR);
    static const aisearch::BilingualLexicon lexicon =
        aisearch::BilingualLexicon::load(fs::path(AISEARCH_TEST_DATA_DIR) / "lexicon.tsv", analyzer);
    aisearch::IndexOptions options;
    aisearch::WriteProgress progress;
    Built out;
    StagedBuild staged(runs_dir, files, data_dir, run_files, 64u << 20);
    staged.write(
        writers, lexicon, options, progress,
        [&](std::vector<FileEvent>&& events) {
            for (const FileEvent& e : events)
                out.events.push_back((e.kind == FileEvent::Kind::Added ? "added " : "other ") + e.path);
        },
        [] {});
    BOOST_TEST(progress.files == files.size());
    out.reused_files = staged.reused_files();
    fs::remove_all(db);
    staged.merge(db);
    return out;
}

// Every document's terms and values, and every metadata entry, in docid
// and key order.
std::string dump(const fs::path& path) {
    Xapian::Database db(path.string());
    std::string out;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        out.append("doc ").append(std::to_string(*d)).append(":");
        const Xapian::Document doc = db.get_document(*d);
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            out.append(" ").append(*t).append("/").append(std::to_string(t.get_wdf()));
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            out.append(" [").append(std::to_string(v.get_valueno())).append("]").append(std::to_string((*v).size()));
        out += "\n";
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
        if ((*k).rfind("file:", 0) != 0) out += *k + "=" + db.get_metadata(*k) + "\n";
    return out;
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

// Runs end at the file limit or before the file that would pass the byte
// limit; a file larger than the byte limit is a run of its own.
BOOST_AUTO_TEST_CASE(runs_follow_the_batch_limits) {
    struct Case {
        std::vector<std::uintmax_t> sizes;
        std::size_t run_files;
        std::uintmax_t run_bytes;
        std::size_t runs;
    };
    const Case cases[] = {
        {{}, 2, 1000, 0},
        {{100}, 2, 1000, 1},
        {{100, 100, 100, 100, 100}, 2, 1000, 3},
        {{100, 100, 100, 100, 100}, 5, 1000, 1},
        {{100, 100, 100, 100, 100}, 10, 250, 3},
        {{100, 100, 100, 100, 100}, 10, 200, 3},
        {{100, 5000, 100}, 10, 1000, 3},
        {{5000}, 10, 1000, 1},
        {{0, 0, 0}, 1, 0, 3},
    };
    TempDir dir;
    for (const Case& c : cases) {
        std::vector<SourceFile> files;
        for (std::uintmax_t s : c.sizes) files.push_back({"/nowhere/" + std::to_string(files.size()), "x", s, 0});
        BOOST_TEST_CONTEXT(c.sizes.size() << " files, " << c.run_files << " files / " << c.run_bytes << " bytes") {
            BOOST_TEST(StagedBuild(dir.path / "runs", files, AISEARCH_TEST_DATA_DIR, c.run_files, c.run_bytes).runs() ==
                       c.runs);
        }
    }
}

// Files per run: four runs a thread, between half a batch and two.
BOOST_AUTO_TEST_CASE(run_files_give_each_thread_four_runs) {
    struct Case {
        std::size_t files, writers, batch_files, expected;
    };
    const Case cases[] = {
        {3384, 2, 500, 423},   // the help: 8 runs
        {10000, 2, 500, 1000}, // at most two batches
        {100000, 2, 500, 1000},
        {10, 2, 500, 250},     // at least half a batch
        {0, 2, 500, 250},
        {3384, 1, 500, 846},
        {3384, 8, 500, 250},
        {1000, 2, 1, 2},
        {1, 2, 1, 1},          // never an empty run
    };
    for (const Case& c : cases)
        BOOST_TEST_CONTEXT(c.files << " files, " << c.writers << " writers, batches of " << c.batch_files) {
            BOOST_TEST(StagedBuild::run_files(c.files, c.writers, c.batch_files) == c.expected);
        }
}

// Runs of 4 files on three threads merge into what one run on one thread
// gives: the same documents under the same docids (file order), the same
// metadata, and the files reported in file order.
BOOST_AUTO_TEST_CASE(runs_merge_into_the_database_of_one_writer) {
    TempDir dir;
    const std::vector<SourceFile> files = write_sources(dir.path / "src", 5);
    BOOST_REQUIRE_EQUAL(files.size(), 25u);
    const Built one = build(files, dir.path / "runs1", dir.path / "one", 1, 1000);
    const Built many = build(files, dir.path / "runs3", dir.path / "many", 3, 4);
    BOOST_TEST(one.events.size() == files.size());
    for (std::size_t i = 0; i < files.size() && i < one.events.size(); ++i) BOOST_TEST(one.events[i] == "added " + files[i].path);
    BOOST_TEST(many.events == one.events, boost::test_tools::per_element());
    const std::string expected = dump(dir.path / "one");
    BOOST_TEST(expected.find("doc 26:") != std::string::npos);  // 001 is bilingual: a part per language
    BOOST_TEST(dump(dir.path / "many") == expected);
    BOOST_TEST(entries(dir.path / "runs3") == 7u);
    BOOST_TEST(one.reused_files == 0u);
    BOOST_TEST(many.reused_files == 0u);
}

// A build that finds the runs of an earlier one reuses those of the same
// files, writes again the run of a touched file and a run it cannot read
// back, removes what does not belong to its plan, and reuses nothing once
// a data file changed.
BOOST_AUTO_TEST_CASE(runs_left_by_an_interrupted_build_are_reused_for_the_same_files) {
    TempDir dir;
    std::vector<SourceFile> files = write_sources(dir.path / "src", 4);
    const fs::path runs = dir.path / "runs";
    const Built first = build(files, runs, dir.path / "first", 2, 3);
    BOOST_REQUIRE_EQUAL(entries(runs), 7u);
    const std::string expected = dump(dir.path / "first");

    fs::create_directories(runs / "000099-left-over.partial");
    const Built again = build(files, runs, dir.path / "again", 2, 3);
    BOOST_TEST(again.reused_files == files.size());
    BOOST_TEST(again.events == first.events, boost::test_tools::per_element());
    BOOST_TEST(dump(dir.path / "again") == expected);
    BOOST_TEST(entries(runs) == 7u);

    // File 4 (run 1) touched; run 3's events file damaged.
    files[4].mtime_ns += 1;
    std::vector<fs::path> names;
    for (const auto& e : fs::directory_iterator(runs)) names.push_back(e.path());
    std::sort(names.begin(), names.end());
    std::ofstream(names[3] / "aisearch-run-events") << "not events";
    const Built touched = build(files, runs, dir.path / "touched", 2, 3);
    BOOST_TEST(touched.reused_files == files.size() - 6);
    BOOST_TEST(touched.events == first.events, boost::test_tools::per_element());
    BOOST_TEST(dump(dir.path / "touched") == expected);
    BOOST_TEST(entries(runs) == 7u);

    // The same data in another directory reuses every run; a data file
    // changed (here by a comment only: the hash is of the bytes), none.
    const fs::path data = dir.path / "data";
    fs::copy(AISEARCH_TEST_DATA_DIR, data);
    BOOST_TEST(build(files, runs, dir.path / "copied", 2, 3, data).reused_files == files.size());
    std::ofstream(data / "ko_particles.txt", std::ios::app) << "\n# a comment changes the file\n";
    BOOST_TEST(build(files, runs, dir.path / "changed", 2, 3, data).reused_files == 0u);
    BOOST_TEST(entries(runs) == 7u);
}

BOOST_AUTO_TEST_SUITE_END()
