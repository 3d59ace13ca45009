// data_lines(): the lines of a data file as read_data_lines() gives them,
// a table of text -> lines; read_data_file() on a file that is missing.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "aisearch/error.h"
#include "common/data_files.h"

BOOST_AUTO_TEST_SUITE(data_files)

BOOST_AUTO_TEST_CASE(lines_of_a_data_file) {
    struct Case {
        std::string text;
        std::vector<std::string_view> lines;
    };
    const Case cases[] = {
        {"", {}},
        {"\n\n", {}},
        {"딥시크\tDeepSeek\n엔비디아\tNVIDIA\n", {"딥시크\tDeepSeek", "엔비디아\tNVIDIA"}},
        {"# source: ours\n인공지능\tartificial intelligence", {"인공지능\tartificial intelligence"}},  // no final newline
        {"의\r\n가 \t\r\n", {"의", "가"}},                    // CRLF and trailing blanks go
        {"  indented\n", {"  indented"}},                         // leading blanks stay
        {"a # not a comment\n#comment\n", {"a # not a comment"}},
        {" \t \n\r\n", {}},                                       // blank lines
        {"bad \xff\xfe bytes\n", {"bad \xff\xfe bytes"}},         // bytes as they are: the reader judges them
        {std::string("nul\0inside\n", 11), {std::string_view("nul\0inside", 10)}},
    };
    for (const auto& c : cases) {
        const auto lines = aisearch::data_lines(c.text);
        BOOST_TEST(lines == c.lines, "text: " << c.text);
    }
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_an_error) {
    BOOST_CHECK_THROW(aisearch::read_data_file("/nonexistent/aisearch/lexicon.tsv"), aisearch::ResourceError);
    BOOST_CHECK_THROW(aisearch::read_data_lines("/nonexistent/aisearch/lexicon.tsv"), aisearch::ResourceError);
}

BOOST_AUTO_TEST_CASE(read_data_lines_is_the_two_steps) {
    const auto file = std::filesystem::path(AISEARCH_TEST_DATA_DIR) / "ko_particles.txt";
    const std::string text = aisearch::read_data_file(file);
    const auto views = aisearch::data_lines(text);
    const auto lines = aisearch::read_data_lines(file);
    BOOST_TEST(lines.size() > 10u);
    BOOST_TEST(std::vector<std::string>(views.begin(), views.end()) == lines, boost::test_tools::per_element());
}

// The unit tests run from the build tree: without AISEARCH_DATA_DIR they
// read the source tree's data, even where an older copy was installed.
BOOST_AUTO_TEST_CASE(a_build_tree_reads_its_source_data) {
    const char* env = std::getenv("AISEARCH_DATA_DIR");
    const std::string saved = env ? env : "";
    unsetenv("AISEARCH_DATA_DIR");
    const std::filesystem::path found = aisearch::data_dir();
    setenv("AISEARCH_DATA_DIR", "/elsewhere/aisearch-data", 1);
    const std::filesystem::path chosen = aisearch::data_dir();
    if (env)
        setenv("AISEARCH_DATA_DIR", saved.c_str(), 1);
    else
        unsetenv("AISEARCH_DATA_DIR");
    BOOST_TEST(found.lexically_normal() == std::filesystem::path(AISEARCH_TEST_DATA_DIR).lexically_normal());
    BOOST_TEST(chosen == "/elsewhere/aisearch-data");
}

BOOST_AUTO_TEST_SUITE_END()
