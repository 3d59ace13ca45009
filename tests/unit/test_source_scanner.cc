// Paths as the source scanner orders them and names files below a root.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/source_scanner.h"

namespace fs = std::filesystem;
using aisearch::path_less;
using aisearch::relative_id;

BOOST_AUTO_TEST_SUITE(source_scanner)

// path_less orders lexically normal paths as fs::path's operator< does,
// by bytes instead of by components.
BOOST_AUTO_TEST_CASE(path_order_is_that_of_filesystem_paths) {
    const std::vector<std::string> paths = {
        "/corpus/a/b.txt",        "/corpus/a-b.txt",     "/corpus/a.txt",       "/corpus/a b/c.txt",
        "/corpus/ab/c.txt",       "/corpus/a/b/c.txt",   "/corpus/A.txt",       "/corpus/뉴스/딥시크의.txt",
        "/corpus/뉴스.txt",       "/corpus/뉴스 2/a.txt", "/corpus/!x/y.txt",    "/corpus/a/",
        "/corpus",                "/",                   "/corpus/\xff.txt",    "/corpus/a.b/c.txt",
    };
    for (const auto& a : paths)
        for (const auto& b : paths)
            BOOST_TEST_CONTEXT(a << " < " << b) {
                BOOST_TEST(path_less(a, b) == (fs::path(a) < fs::path(b)));
            }
    std::vector<fs::path> sorted(paths.begin(), paths.end()), expected = sorted;
    std::sort(sorted.begin(), sorted.end(), path_less);
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(sorted == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(relative_ids) {
    struct Case {
        const char* path;
        const char* root;
        const char* id;
    };
    const Case cases[] = {
        {"/corpus/001.txt", "/corpus", "001.txt"},
        {"/corpus/뉴스/딥시크의 충격.txt", "/corpus", "뉴스/딥시크의 충격.txt"},
        {"/corpus/a/b.html", "/corpus/", "a/b.html"},
        {"/x.txt", "/", "x.txt"},
        // Not below the root by bytes: the library's answer.
        {"/corpus-2/a.txt", "/corpus", "../corpus-2/a.txt"},
        {"", "/corpus", ""},
    };
    for (const Case& c : cases)
        BOOST_TEST_CONTEXT(c.path << " in " << c.root) {
            BOOST_TEST(relative_id(c.path, c.root) == c.id);
        }
}

BOOST_AUTO_TEST_SUITE_END()
