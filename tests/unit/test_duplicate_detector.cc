// Duplicate detection, driven through the indexer on files in a temporary
// directory, as aisearch-index runs it.
#include <boost/test/unit_test.hpp>

#include <xapian.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/duplicate_store.h"
#include "common/schema.h"
#include "indexer/duplicate_detector.h"
#include "indexer/indexer.h"

using namespace aisearch;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(duplicate_detector)

namespace {

class TempDir {
public:
    TempDir() {
        path_ = fs::temp_directory_path() / ("aisearch-unit-" + std::to_string(::getpid()));
        fs::remove_all(path_);
        fs::create_directories(path_ / "src");
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }
    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = path_ / "src" / name;
        std::ofstream(file) << text;
        return file;
    }

private:
    fs::path path_;
};

std::string part_of(const Xapian::Database& db, const fs::path& file) {
    const std::string term = schema::key_term(schema::kSourceFile, fs::absolute(file).lexically_normal().string());
    auto it = db.postlist_begin(term);
    BOOST_REQUIRE_MESSAGE(it != db.postlist_end(term), "not indexed: " << file);
    return part_term_of(db.get_document(*it));
}

// Every relation and cluster record, by metadata key.
std::map<std::string, std::string> duplicate_records(const Xapian::Database& db) {
    std::map<std::string, std::string> out;
    for (const std::string& prefix : {duplicates_key(""), cluster_key("")})
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
            out[*it] = db.get_metadata(*it);
    return out;
}

// The bundled articles, each also copied whole and copied without its
// third paragraph: exact, near and translated copies among 20 parts,
// indexed on one thread. Returns the database path.
std::string index_articles_and_copies(const TempDir& dir) {
    for (const auto& entry : fs::directory_iterator(AISEARCH_TEST_CORPUS_DIR)) {
        std::ifstream in(entry.path());
        std::stringstream whole;
        whole << in.rdbuf();
        const std::string text = whole.str();
        std::string edited;
        std::istringstream lines(text);
        int n = 0;
        for (std::string line; std::getline(lines, line); ++n)
            if (n != 2) edited += line + "\n";
        const std::string stem = entry.path().stem().string();
        dir.write(stem + ".txt", text);
        dir.write(stem + "-copy.txt", text);
        dir.write(stem + "-edited.txt", edited);
    }
    IndexOptions options;
    options.db_path = (dir.path() / "db").string();
    options.jobs = 1;
    Indexer(options, {}).run({dir.path() / "src"});
    return options.db_path;
}

// Every part, checking that all three relations are among them.
std::vector<std::string> parts_with_every_relation(const Xapian::Database& db) {
    std::map<Relation, int> relations;
    std::vector<std::string> parts;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        parts.push_back(part_term_of(db.get_document(*it)));
        for (const auto& link : read_part_duplicates(db, parts.back()).links) ++relations[link.relation];
    }
    BOOST_TEST(parts.size() >= 18u);
    BOOST_TEST(relations[Relation::Exact] > 0);
    BOOST_TEST(relations[Relation::Near] > 0);
    BOOST_TEST(relations[Relation::Translation] > 0);
    return parts;
}

}  // namespace

BOOST_AUTO_TEST_CASE(relations_do_not_depend_on_the_fingerprint_cache) {
    TempDir dir;
    Xapian::WritableDatabase db(index_articles_and_copies(dir), Xapian::DB_OPEN);
    const auto with_default_cache = duplicate_records(db);
    const auto parts = parts_with_every_relation(db);

    // Detected again from scratch with room for two or three parts: every
    // comparison reads its parts again, and the cache evicts all the time.
    for (const auto& part : parts) DuplicateDetector::mark_pending(db, part);
    DuplicateDetector(db, {}, 4096).update();
    db.commit();
    BOOST_TEST((duplicate_records(db) == with_default_cache));
}

BOOST_AUTO_TEST_CASE(relations_do_not_depend_on_the_number_of_threads) {
    TempDir dir;
    const std::string path = index_articles_and_copies(dir);
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    const auto on_one_thread = duplicate_records(db);
    const auto parts = parts_with_every_relation(db);

    // Detected again from scratch by two and by three threads, sharing a
    // cache of two or three parts. The other threads read what the
    // checkpoints commit: all parts between two checkpoints, or two parts
    // at a time, verified while the two before them are linked and
    // committed.
    for (const std::size_t every : {std::size_t{1000}, std::size_t{2}}) {
        for (unsigned threads : {2u, 3u}) {
            for (const auto& part : parts) DuplicateDetector::mark_pending(db, part);
            DuplicateDetector detector(db, {}, 4096);
            detector.use_threads(threads, path);
            detector.checkpoint_every(every);
            std::size_t checkpoints = 0;
            const DuplicateSummary summary = detector.update([&] {
                ++checkpoints;
                db.commit();
            });
            db.commit();
            BOOST_TEST(summary.parts == parts.size());
            BOOST_TEST(summary.threads == threads);
            BOOST_TEST(checkpoints >= (every == 2 ? parts.size() / 2 : 1));
            BOOST_TEST((duplicate_records(db) == on_one_thread), threads << " threads, checkpoints every " << every);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_update_rewrites_only_the_clusters_it_touches) {
    // 200 editions of one article and 100 of its first 30 lines: one
    // linked group, larger than a cluster may be, split in two. One long
    // edition changes: the update walks the whole group again, leaves the
    // short editions' cluster as it was, and every record, cluster and
    // collapse value still agrees with the others.
    std::ifstream in(fs::path(AISEARCH_TEST_CORPUS_DIR) / "003_1c792eed7b9fd1e0.txt");
    std::string article, opening;
    int n = 0;
    for (std::string line; std::getline(in, line); ++n) {
        article += line + "\n";
        if (n < 30) opening += line + "\n";
    }
    TempDir dir;
    std::vector<fs::path> files;
    for (int i = 0; i < 300; ++i) {
        const std::string edition = "\nEdition " + std::to_string(i) + " of this page.\n";
        files.push_back(dir.write("edition-" + std::to_string(i) + ".txt", (i < 200 ? article : opening) + edition));
    }
    IndexOptions options;
    options.db_path = (dir.path() / "db").string();
    options.jobs = 1;
    Indexer(options, {}).run({dir.path() / "src"});
    // The clusters, by id: their members.
    auto clusters_of = [](const Xapian::Database& db) {
        std::map<std::string, std::vector<std::string>> out;
        const std::string prefix = cluster_key("");
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
            if (!db.get_metadata(*it).empty()) out[(*it).substr(prefix.size())] = read_cluster(db, (*it).substr(prefix.size())).parts();
        return out;
    };
    std::string short_cluster, short_record;
    {
        Xapian::Database db(options.db_path);
        const auto before = clusters_of(db);
        BOOST_REQUIRE(before.size() == 2u);
        short_cluster = read_part_duplicates(db, part_of(db, files[250])).cluster;
        BOOST_REQUIRE(before.count(short_cluster) == 1);
        BOOST_TEST(before.at(short_cluster).size() == 100u);
        short_record = db.get_metadata(cluster_key(short_cluster));
    }

    std::ofstream(files[150], std::ios::app) << "A correction was added to this edition.\n";
    Indexer(options, {}).run({dir.path() / "src"});
    Xapian::Database db(options.db_path);
    BOOST_TEST(db.get_metadata(cluster_key(short_cluster)) == short_record);
    const auto after = clusters_of(db);
    BOOST_TEST(after.size() == 2u);
    std::size_t members = 0;
    for (const auto& [id, parts] : after) {
        members += parts.size();
        BOOST_TEST(parts.size() <= kMaxClusterSize);
        for (const auto& part : parts) {
            BOOST_TEST(read_part_duplicates(db, part).cluster == id, part);
            BOOST_TEST(db.get_document(*find_part(db, part)).get_value(schema::kClusterSlot) == id, part);
        }
    }
    BOOST_TEST(members == files.size());
}

BOOST_AUTO_TEST_CASE(translation_candidates_of_a_plausible_length_come_first) {
    // Sixty English articles share every anchor of a Korean report (the
    // figures, the names) but are several times its length; one, indexed
    // last, is its translation. Ranked by anchor weight alone they tie,
    // and the translation would lose the tie to the earlier documents.
    const std::string korean =
        "딥시크는 엔비디아 H800 GPU 2,048개로 R1 모델을 훈련했다고 밝혔다. 훈련 비용은 560만 달러였다.\n\n"
        "2025년 1월 27일 엔비디아 주가는 17% 떨어졌다.\n";
    const std::string english =
        "DeepSeek said it trained its R1 model on 2,048 Nvidia H800 GPUs. The training cost was $5.6 million.\n\n"
        "On January 27, 2025, Nvidia shares fell 17%.\n";
    // Distinct paragraphs: the parser drops a paragraph repeated in a file.
    const std::string filler =
        "\nObservers kept asking what the change would mean for the wider market over the coming months.\n"
        "\nSeveral analysts said they were still waiting for more details before drawing firm conclusions.\n"
        "\nSome investors sold their holdings in chip makers, while others bought more of them that week.\n"
        "\nThe company did not answer questions about how it had obtained the hardware it described.\n"
        "\nCritics argued that the published cost left out the research that came before the final run.\n"
        "\nGovernments in several countries began to review whether the service could be used safely.\n";
    TempDir dir;
    const fs::path ko = dir.write("a-report-ko.txt", korean);
    std::vector<fs::path> longer;
    for (int i = 0; i < 60; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "b-long-%02d.txt", i);
        longer.push_back(dir.write(name, english + filler));
    }
    const fs::path en = dir.write("c-translation-en.txt", english);

    IndexOptions options;
    options.db_path = (dir.path() / "db").string();
    options.jobs = 1;
    Indexer(options, {}).run({dir.path() / "src"});

    Xapian::WritableDatabase db(options.db_path, Xapian::DB_OPEN);
    const std::string translation = part_of(db, en);
    // The tie-break by docid would leave the translation out.
    const auto docid = [&](const std::string& part) { return *find_part(db, part); };
    for (const auto& f : longer) BOOST_REQUIRE(docid(part_of(db, f)) < docid(translation));

    const std::vector<std::string> found = DuplicateDetector(db).candidates(part_of(db, ko));

    BOOST_TEST(std::count(found.begin(), found.end(), translation) == 1);
    for (const auto& f : longer) BOOST_TEST(std::count(found.begin(), found.end(), part_of(db, f)) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
