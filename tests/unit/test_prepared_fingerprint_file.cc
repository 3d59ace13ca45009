// PreparedFingerprintFile: prepared parts written by docid from several
// threads read back byte for byte, and nothing left in the directory.
#include <boost/test/unit_test.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "indexer/prepared_fingerprint_file.h"

using aisearch::DuplicateFingerprint;
using aisearch::PreparedFingerprint;
using aisearch::PreparedFingerprintFile;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(prepared_fingerprint_file)

namespace {

// A part of its own for each docid: sizes and contents differ.
PreparedFingerprint part(Xapian::docid did) {
    DuplicateFingerprint f;
    f.lang = did % 3 == 0 ? "ko" : did % 3 == 1 ? "en" : "en-Latn-US";
    char hash[16];
    std::snprintf(hash, sizeof hash, "h%u", static_cast<unsigned>(did));
    f.text_hash = hash;
    for (std::uint32_t i = 0; i < did % 40; ++i) {
        f.word_sketch.push_back(did * 1000 + i);
        f.shingle_sketch.push_back(did * 2000 + i);
        f.anchors.push_back((i % 2 ? "f:" : "w:") + std::to_string(did + i));
        f.anchor_paragraphs.push_back(i / 4);
    }
    f.paragraph_lengths = {did, did + 1};
    f.length = 2 * did + 1;
    return PreparedFingerprint(f, [](const std::string& a) { return 1.0 / static_cast<double>(a.size()); });
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("aisearch-unit-pff-" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(parts_written_on_threads_read_back) {
    TempDir dir;
    constexpr Xapian::docid kLast = 300;
    auto file = PreparedFingerprintFile::create(dir.path.string(), kLast);
    BOOST_REQUIRE(file);
    std::vector<std::thread> writers;
    for (Xapian::docid start : {1u, 2u})
        writers.emplace_back([&, start] {
            for (Xapian::docid did = start; did <= 200; did += 2) file->write(did, part(did));
        });
    for (auto& w : writers) w.join();
    BOOST_TEST(file->parts() == 200u);

    std::string buffer;
    for (Xapian::docid did = 1; did <= 200; ++did) {
        const auto back = file->read(did, buffer);
        BOOST_REQUIRE(back);
        BOOST_TEST(back->to_bytes() == part(did).to_bytes(), "docid " << did);
    }
    // A part is written once: the first version stays.
    file->write(7, part(8));
    BOOST_TEST(file->read(7, buffer)->to_bytes() == part(7).to_bytes());
    BOOST_TEST(file->parts() == 200u);

    BOOST_TEST(!file->read(0, buffer));
    BOOST_TEST(!file->read(201, buffer));         // not written
    BOOST_TEST(!file->read(kLast + 1, buffer));   // past the last docid
    file->write(kLast + 5, part(3));              // ignored
    BOOST_TEST(!file->read(kLast + 5, buffer));

    // The file has no name: nothing to clean up, even after a crash.
    BOOST_TEST(fs::is_empty(dir.path));
    BOOST_TEST(file->bytes() > 0u);
}

BOOST_AUTO_TEST_CASE(no_file_where_the_directory_is_missing) {
    TempDir dir;
    BOOST_TEST(!PreparedFingerprintFile::create((dir.path / "missing").string(), 10));
}

BOOST_AUTO_TEST_SUITE_END()
