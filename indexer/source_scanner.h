// Finds the files to index below the sources named on the command line,
// in a stable order, and says what it could not use and why.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace aisearch {

struct SourceFile {
    // Absolute, lexically normal. A string: a std::filesystem::path also
    // keeps each of its components as a path, about 250 bytes a file, and
    // a run holds every scanned file until it ends.
    std::string path;
    std::string id;              // path relative to the named directory (or file name)
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
};

struct ScannedSources {
    std::vector<SourceFile> files;
    // Absolute paths of the named directories and files that were scanned:
    // a previously indexed file below one of them that is not in `files`
    // is gone.
    std::vector<std::filesystem::path> roots;
    // Missing sources and directories that could not be listed: what was
    // indexed below them is kept, since it may only be out of reach (an
    // unmounted disk, a permission change).
    std::vector<std::filesystem::path> unscanned;
};

class SourceScanner {
public:
    using ProblemHandler = std::function<void(const std::string& path, const std::string& reason)>;
    explicit SourceScanner(ProblemHandler on_problem) : on_problem_(std::move(on_problem)) {}

    // Files with a readable format (ArticleReader::can_read) below each
    // source; symbolic links to files are followed, links to directories
    // are not (no loops).
    ScannedSources scan(const std::vector<std::filesystem::path>& sources) const;

private:
    void walk(const std::filesystem::path& dir, std::vector<std::filesystem::path>& found,
              ScannedSources& out) const;
    void add_file(const std::filesystem::path& path, const std::string& id, ScannedSources& out) const;

    ProblemHandler on_problem_;
};

// True if `path` is `root` or lies below it.
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);

// The order std::filesystem::path's operator< gives lexically normal paths.
bool path_less(const std::filesystem::path& a, const std::filesystem::path& b);

// `path` relative to `root`, a directory it lies in, with '/' separators.
std::string relative_id(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace aisearch
